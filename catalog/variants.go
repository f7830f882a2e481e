package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// A family is the products of one feed product sold in several variants (colours,
// sizes): the same group id, seller and brand, as Catalog.Variants reads them. A search
// shows one result per family unless Query.EveryVariant is set: the family's best
// ranked match stands for it, and Hit.Variants says what else of it matched. A product
// without a group id is a family of its own, so that a catalog without group ids is
// searched exactly as before.

// Variants describes, on a hit that stands for its family, the family's other products
// that match the search too (the same words and filters) and are not listed.
type Variants struct {
	// Others is how many other products of the family match the search.
	Others int
	// Values are the option values (colour, size…) of those others that the shown one
	// does not have, best ranked first, at most maxVariantValues of them; MoreValues is
	// how many more distinct values they have. An option is an attribute every product
	// read of the family has, with values that differ (see optionKeys).
	Values     []string
	MoreValues int
	// MinPrice and MaxPrice are the lowest and highest prices of the shown product and
	// the others read, when they differ and have one currency; else zero.
	MinPrice, MaxPrice money.Money
}

// Bounds on what a family's card reads and names.
const (
	// maxVariantRead is how many others of a family are read for their option values
	// and prices; Others counts them all.
	maxVariantRead = 24
	// maxVariantValues is how many option values a card names.
	maxVariantValues = 3
	// maxOptionRunes is the longest option value named: a longer one is not an option
	// a shopper picks from a list (it is counted in MoreValues).
	maxOptionRunes = 40
)

// notOptions are attributes that differ between variants without being what a shopper
// picks: identifiers and prices.
var notOptions = set("mpn", "sku", "gtin", "upc", "ean", "isbn", "barcode", "model", "model number",
	"model_number", "item_id", "id", "list_price", "sale_price", "price")

// families is the grouping of a search's matches by family: heads are the indexes in
// the matches of each family's best ranked product, in order, and others the indexes
// of the rest of the family's matches, by head.
type families struct {
	heads  []int
	others map[int][]int
}

// families groups ms by family; nil when the search lists every variant or the
// catalog has no group ids (the matches are then the results, as they are).
func (s *search) families(ctx context.Context, ms []match) (*families, error) {
	if s.q.EveryVariant || len(ms) == 0 {
		return nil, nil
	}
	var any int
	// The partial index products_group (migration 0020) holds only products with a
	// group id: this reads at most one row of it.
	if err := s.c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM products WHERE group_id <> '')`).Scan(&any); err != nil {
		return nil, fmt.Errorf("search families: %w", err)
	}
	if any == 0 {
		return nil, nil
	}
	var list strings.Builder
	list.Grow(len(ms) * 8)
	list.WriteByte('[')
	for i, m := range ms {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(strconv.FormatInt(m.rowid, 10))
	}
	list.WriteByte(']')
	rows, err := s.c.query(ctx, `SELECT p.rowid, p.group_id, p.seller_id, p.brand_key
		FROM json_each(?) j JOIN products p ON p.rowid = j.value WHERE p.group_id <> ''`, list.String())
	if err != nil {
		return nil, fmt.Errorf("search families: %w", err)
	}
	defer rows.Close()
	keys := map[int64]string{}
	for rows.Next() {
		var (
			rowid                  int64
			group, seller, brandKy string
		)
		if err := rows.Scan(&rowid, &group, &seller, &brandKy); err != nil {
			return nil, fmt.Errorf("search families: %w", err)
		}
		keys[rowid] = familyKey(group, seller, brandKy)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search families: %w", err)
	}
	return groupMatches(ms, keys), nil
}

// familyKey identifies a family: its group id, seller and brand key.
func familyKey(group, seller, brandKey string) string {
	return strconv.Quote(group) + strconv.Quote(seller) + strconv.Quote(brandKey)
}

// groupMatches groups ms by keys (a match without a key is a family of its own).
func groupMatches(ms []match, keys map[int64]string) *families {
	f := &families{heads: make([]int, 0, len(ms)), others: map[int][]int{}}
	head := map[string]int{}
	for i, m := range ms {
		k, ok := keys[m.rowid]
		if !ok {
			f.heads = append(f.heads, i)
			continue
		}
		if h, seen := head[k]; seen {
			f.others[h] = append(f.others[h], i)
			continue
		}
		head[k] = i
		f.heads = append(f.heads, i)
	}
	return f
}

// grouped reports whether two matches or more are of one family.
func (f *families) grouped() bool { return len(f.others) > 0 }

// variantsOf fills in the Variants of the hits, which are the products of heads (the
// page's families, as indexes of ms) in order, less any deleted since they were ranked.
func (s *search) variantsOf(ctx context.Context, hits []Hit, ms []match, f *families, heads []int) error {
	var list strings.Builder
	list.WriteByte('[')
	n := 0
	for _, h := range heads {
		others := f.others[h]
		if len(others) == 0 {
			continue
		}
		for _, i := range append([]int{h}, others[:min(len(others), maxVariantRead)]...) {
			if n > 0 {
				list.WriteByte(',')
			}
			list.WriteString(strconv.FormatInt(ms[i].rowid, 10))
			n++
		}
	}
	if n == 0 {
		return nil
	}
	list.WriteByte(']')
	type member struct {
		id, title, currency string
		attrs               map[string]string
	}
	read := map[int64]member{}
	rows, err := s.c.query(ctx, `SELECT p.rowid, p.id, t.title, p.currency, t.attributes
		FROM json_each(?) j JOIN products p ON p.rowid = j.value JOIN product_text t ON t.rowid = p.rowid`, list.String())
	if err != nil {
		return fmt.Errorf("search variants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			rowid int64
			m     member
			attrs string
		)
		if err := rows.Scan(&rowid, &m.id, &m.title, &m.currency, &attrs); err != nil {
			return fmt.Errorf("search variants: %w", err)
		}
		if json.Unmarshal([]byte(attrs), &m.attrs) != nil {
			m.attrs = nil // attributes that do not read name no option
		}
		read[rowid] = m
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search variants: %w", err)
	}
	byID := make(map[string]*Hit, len(hits))
	for i := range hits {
		byID[hits[i].ID] = &hits[i]
	}
	for _, h := range heads {
		others := f.others[h]
		shown, ok := read[ms[h].rowid]
		if len(others) == 0 || !ok || byID[shown.id] == nil {
			continue
		}
		v := &Variants{Others: len(others)}
		attrs := []map[string]string{shown.attrs}
		titles := []string{shown.title}
		lo, hi := ms[h], ms[h]
		oneCurrency := true
		for _, i := range others[:min(len(others), maxVariantRead)] {
			m, ok := read[ms[i].rowid]
			if !ok {
				continue // deleted since it was ranked
			}
			attrs, titles = append(attrs, m.attrs), append(titles, m.title)
			if m.currency != shown.currency || ms[i].exp != ms[h].exp {
				oneCurrency = false
				continue
			}
			if ms[i].amount < lo.amount {
				lo = ms[i]
			}
			if ms[i].amount > hi.amount {
				hi = ms[i]
			}
		}
		v.Values, v.MoreValues = optionValues(attrs, titles)
		if oneCurrency && lo.amount != hi.amount {
			v.MinPrice = money.Money{Amount: lo.amount, Currency: shown.currency}
			v.MaxPrice = money.Money{Amount: hi.amount, Currency: shown.currency}
		}
		byID[shown.id].Variants = v
	}
	return nil
}

// optionValues returns the option values of the others of a family (attrs[1:] and
// titles[1:], best ranked first) that the shown product (attrs[0], titles[0]) does not
// have, at most maxVariantValues of them, and how many more distinct ones there are.
// The values are those of the family's options (optionKeys); when it has none, they
// are what ends each other's title in place of the end of the shown one's ("… Strings -
// Single Set" and "… Strings - 3-Pack": 3-Pack), as feeds that keep no option as an
// attribute write variants' titles.
func optionValues(attrs []map[string]string, titles []string) ([]string, int) {
	keys := optionKeys(attrs)
	var (
		values []string
		more   int
		seen   = map[string]bool{}
	)
	add := func(k, v, shown string) {
		fold := strings.ToLower(strings.TrimSpace(v))
		if fold == "" || fold == strings.ToLower(strings.TrimSpace(shown)) || seen[k+"\x00"+fold] {
			return
		}
		seen[k+"\x00"+fold] = true
		if len(values) < maxVariantValues && utf8.RuneCountInString(v) <= maxOptionRunes {
			values = append(values, strings.TrimSpace(v))
		} else {
			more++
		}
	}
	for i, a := range attrs[1:] {
		if len(keys) == 0 {
			add("", titleOption(titles[0], titles[i+1]), "")
		}
		for _, k := range keys {
			add(k, a[k], attrs[0][k])
		}
	}
	return values, more
}

// titleOption returns what ends other in place of the end of shown, after the words
// they begin with alike, when those are most of other: the variant's option as its
// title writes it ("… Strings - 3-Pack" against "… Strings - Single Set": 3-Pack);
// "" when the titles are not one title with different ends.
func titleOption(shown, other string) string {
	n := 0
	for n < len(shown) && n < len(other) && shown[n] == other[n] {
		n++
	}
	// Back to the start of the word the titles differ in.
	for n > 0 && !strings.ContainsRune(titleSeparators, rune(other[n-1])) {
		n--
	}
	if n == 0 || 2*n < len(other) {
		return ""
	}
	return strings.Trim(other[n:], titleSeparators)
}

// titleSeparators are the characters around the option at the end of a variant's title.
const titleSeparators = " -,/|:()[]"

// optionKeys returns, sorted, the attributes that are options of a family whose
// products have attrs: those every one of them has, whose values are not all the same,
// and that are not identifiers or prices (notOptions).
func optionKeys(attrs []map[string]string) []string {
	var keys []string
	for k, v := range attrs[0] {
		if notOptions[strings.ToLower(k)] {
			continue
		}
		all, differ := true, false
		for _, a := range attrs[1:] {
			w, ok := a[k]
			if !ok {
				all = false
				break
			}
			differ = differ || !strings.EqualFold(strings.TrimSpace(w), strings.TrimSpace(v))
		}
		if all && differ {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
