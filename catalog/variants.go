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
	// Values are the option values (colour, size…) of the best maxVariantRead of those
	// others that the shown one does not have, best ranked first, at most
	// maxVariantValues of them; MoreValues is how many more distinct values those read
	// have. An option is an attribute every product read of the family has, with
	// values that differ (see optionKeys).
	Values     []string
	MoreValues int
	// MinPrice and MaxPrice are the lowest and highest prices of the shown product and
	// those others, when they differ and have one currency; else zero.
	MinPrice, MaxPrice money.Money
}

// Bounds on what a family's card reads and names.
const (
	// maxVariantRead is how many others of a family are read for their option values
	// (a product's text, whose description comes before its attributes, costs a read
	// of its pages); Others counts them all.
	maxVariantRead = 6
	// maxVariantValues is how many option values a card names.
	maxVariantValues = 3
	// maxOptionRunes is the longest option value named: a longer one is not an option
	// a shopper picks from a list (it is counted in MoreValues).
	maxOptionRunes = 40
)

// notOptions are attributes that differ between variants without being what a shopper
// picks: identifiers, prices and the measures unit prices are shown from.
var notOptions = set("mpn", "sku", "gtin", "upc", "ean", "isbn", "barcode", "model", "model number",
	"model_number", "item_id", "id", "list_price", "sale_price", "price", AttrUnitMeasure, AttrUnitBase)

// families is the grouping of the first read of a search's matches by family: heads
// are the indexes in the matches of each family's best ranked product, in order,
// others the indexes of the rest of the family's matches among them, by head, and
// currency the currency of each product of a family among them, by index.
type families struct {
	read     int
	heads    []int
	others   map[int][]int
	currency map[int]string
}

// familyWindow is how many of a search's best matches are grouped for a page that
// ends at the first: at least minFamilyWindow, and eight per family the page shows.
// Finding a match's family reads its row of products, which at 1M costs as much as
// the rest of a rare word's search for a few hundred matches, so the families are not
// read for every match of a common word: the total is then estimated from their
// share among those read, and the others of a family counted among them.
func familyWindow(end int) int { return max(minFamilyWindow, 8*end) }

const minFamilyWindow = 200

// families groups the first matches of ms by family, enough of them to hold the
// families of the page that ends at end when ms has as many (see familyWindow); nil
// when the search lists every variant or the catalog has no group ids (the matches
// are then the results, as they are).
func (s *search) families(ctx context.Context, ms []match, end int) (*families, error) {
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
	keys, currency := map[int64]string{}, map[int64]string{}
	read := 0
	for window := familyWindow(end); ; window *= 4 {
		next := min(window, len(ms))
		if err := s.familyKeys(ctx, ms[read:next], keys, currency); err != nil {
			return nil, err
		}
		read = next
		f := groupMatches(ms[:read], keys)
		if len(f.heads) >= end || read == len(ms) {
			f.read, f.currency = read, map[int]string{}
			for i, m := range ms[:read] {
				if c, ok := currency[m.rowid]; ok {
					f.currency[i] = c
				}
			}
			return f, nil
		}
	}
}

// familyKeys adds to keys the family key (see familyKey) of each of ms that has a
// group id, and to currency its price's currency.
func (s *search) familyKeys(ctx context.Context, ms []match, keys, currency map[int64]string) error {
	if len(ms) == 0 {
		return nil
	}
	rowids := make([]int64, len(ms))
	for i, m := range ms {
		rowids[i] = m.rowid
	}
	rows, err := s.c.query(ctx, `SELECT p.rowid, p.group_id, p.seller_id, p.brand_key, p.currency
		FROM json_each(?) j JOIN products p ON p.rowid = j.value WHERE p.group_id <> ''`, sortedList(rowids))
	if err != nil {
		return fmt.Errorf("search families: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			rowid                               int64
			group, seller, brandKey, currencyOf string
		)
		if err := rows.Scan(&rowid, &group, &seller, &brandKey, &currencyOf); err != nil {
			return fmt.Errorf("search families: %w", err)
		}
		keys[rowid], currency[rowid] = familyKey(group, seller, brandKey), currencyOf
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search families: %w", err)
	}
	return nil
}

// familyKey identifies a family: its group id, seller and brand key.
func familyKey(group, seller, brandKey string) string {
	return strconv.Quote(group) + strconv.Quote(seller) + strconv.Quote(brandKey)
}

// groupMatches groups ms by keys (a match without a key is a family of its own).
func groupMatches(ms []match, keys map[int64]string) *families {
	f := &families{read: len(ms), heads: make([]int, 0, len(ms)), others: map[int][]int{}}
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
// The price range is of every other of the family grouped (see families); the option
// values are read from the best maxVariantRead of them.
func (s *search) variantsOf(ctx context.Context, hits []Hit, ms []match, f *families, heads []int) error {
	var rowids []int64
	for _, h := range heads {
		others := f.others[h]
		if len(others) == 0 {
			continue
		}
		for _, i := range append([]int{h}, others[:min(len(others), maxVariantRead)]...) {
			rowids = append(rowids, ms[i].rowid)
		}
	}
	if len(rowids) == 0 {
		return nil
	}
	type member struct {
		id, title string
		attrs     map[string]string
	}
	read := map[int64]member{}
	rows, err := s.c.query(ctx, `SELECT p.rowid, p.id, t.title, t.attributes
		FROM json_each(?) j JOIN products p ON p.rowid = j.value JOIN product_text t ON t.rowid = p.rowid`, sortedList(rowids))
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
		if err := rows.Scan(&rowid, &m.id, &m.title, &attrs); err != nil {
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
		lo, hi := ms[h], ms[h]
		oneCurrency := true
		for _, i := range others {
			if f.currency[i] != f.currency[h] || ms[i].exp != ms[h].exp {
				oneCurrency = false
				break
			}
			if ms[i].amount < lo.amount {
				lo = ms[i]
			}
			if ms[i].amount > hi.amount {
				hi = ms[i]
			}
		}
		if oneCurrency && lo.amount != hi.amount {
			v.MinPrice = money.Money{Amount: lo.amount, Currency: f.currency[h]}
			v.MaxPrice = money.Money{Amount: hi.amount, Currency: f.currency[h]}
		}
		attrs := []map[string]string{shown.attrs}
		titles := []string{shown.title}
		for _, i := range others[:min(len(others), maxVariantRead)] {
			if m, ok := read[ms[i].rowid]; ok { // else deleted since it was ranked
				attrs, titles = append(attrs, m.attrs), append(titles, m.title)
			}
		}
		v.Values, v.MoreValues = optionValues(attrs, titles)
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

// VariantLabels returns, for each of vs (other products of p's family, as Variants
// reads them), what it is in place of p: the values of the family's options (colour,
// size…: the attributes all of them and p have, with values that differ) joined by
// " / ", or, when they have no such attribute, the end of its title that differs from
// p's ("3-Pack"); "" when neither tells them apart.
func VariantLabels(p Product, vs []Product) []string {
	if len(vs) == 0 {
		return nil
	}
	attrs := make([]map[string]string, 0, len(vs)+1)
	attrs = append(attrs, p.Attributes)
	for _, v := range vs {
		attrs = append(attrs, v.Attributes)
	}
	keys := optionKeys(attrs)
	out := make([]string, len(vs))
	for i, v := range vs {
		if len(keys) == 0 {
			out[i] = titleOption(p.Title, v.Title)
			continue
		}
		values := make([]string, 0, len(keys))
		for _, k := range keys {
			if s := strings.TrimSpace(v.Attributes[k]); s != "" {
				values = append(values, s)
			}
		}
		out[i] = strings.Join(values, " / ")
	}
	return out
}

// VariantOption is one of a family's options (an attribute whose value tells its
// products apart) with a product's value of it.
type VariantOption struct {
	Name, Value string
}

// VariantOptions returns p's values of its family's options (as VariantLabels reads
// them from p and vs, the other products of its family), sorted by name; nil when vs
// is empty or no attribute tells them apart. What a person confirming p must see when
// its title, cut short, no longer says which of its family it is.
func VariantOptions(p Product, vs []Product) []VariantOption {
	if len(vs) == 0 {
		return nil
	}
	attrs := make([]map[string]string, 0, len(vs)+1)
	attrs = append(attrs, p.Attributes)
	for _, v := range vs {
		attrs = append(attrs, v.Attributes)
	}
	var out []VariantOption
	for _, k := range optionKeys(attrs) {
		if s := strings.TrimSpace(p.Attributes[k]); s != "" {
			out = append(out, VariantOption{Name: k, Value: s})
		}
	}
	return out
}
