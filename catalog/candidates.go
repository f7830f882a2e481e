package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// The candidate reads: the named, bounded queries a recommender draws products from.
// They speak of products, categories, brands and sales, never of customers: whoever
// ranks for a customer passes plain values in. Products are named by Ref, which is
// cheap to compare and keep in sets; Products turns Refs back into products.

// Ref names a product within one Catalog while it exists: its row number. It is not an
// id to show anyone; Candidate.ID and Product.ID are.
type Ref int64

// Match is a full-text expression built from search words by MatchAll, MatchAny or
// MatchWord. Every word in it is quoted, so no text is ever read as FTS5 syntax.
type Match struct{ expr string }

// MaxRelaxedWords is how many words MatchAny uses: an OR of many common words matches
// most of the catalog, and ranking it costs the more the more words.
const MaxRelaxedWords = maxRelaxedWords

// Words splits free text into the words a search looks for, as search_products does:
// lower-cased, without stop words and repeats, at most 16.
func Words(s string) []string { return parseText(s).words }

// MatchAll matches the products that have every word, the last one also as a prefix
// ("sneak" finds "sneakers").
func MatchAll(words []string) Match { return Match{textQuery{words: words}.match(false)} }

// MatchAny matches the products that have any of the first MaxRelaxedWords words, the
// last of words also as a prefix.
func MatchAny(words []string) Match { return Match{textQuery{words: words}.match(true)} }

// MatchWord matches the products that have words[i] alone, as a prefix only when it is
// the last of words, as in MatchAll and MatchAny.
func MatchWord(words []string, i int) Match {
	m := textQuery{words: []string{words[i]}}.match(false)
	if i < len(words)-1 {
		m = strings.TrimSuffix(m, "*")
	}
	return Match{m}
}

// Or matches the products that match any of ms.
func Or(ms ...Match) Match {
	exprs := make([]string, len(ms))
	for i, m := range ms {
		exprs[i] = m.expr
	}
	return Match{strings.Join(exprs, " OR ")}
}

// BrandKey is how the catalog compares brand names: cleaned as text.Clean does and
// lower-cased; "" for a blank name. Candidate.BrandKey and OfBrand use it.
func BrandKey(name string) string { return strings.ToLower(text.Clean(name, maxBrandLen)) }

// CleanTitle cleans a product title as the catalog stores titles.
func CleanTitle(s string) string { return text.Fit(s, maxTitleLen) }

// qualityExpr is Candidate.Quality in SQL, the order of InCategory, OfBrand and
// TopRated; the indexes of migration 0002 are on this exact expression.
const qualityExpr = `((p.rating * p.review_count + 40.0) / (p.review_count + 10))`

// CountMatches returns how many products match m, hidden or not, counting no further
// than upTo.
func (c *Catalog) CountMatches(ctx context.Context, m Match, upTo int) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`,
		m.expr, upTo).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count matches: %w", err)
	}
	return n, nil
}

// MatchSet returns every product matching m, hidden or not, sorted by Ref. It reads
// them as one string: one row per match would cost several times more.
func (c *Catalog) MatchSet(ctx context.Context, m Match) ([]Ref, error) {
	var list string
	err := c.queryRow(ctx, `SELECT coalesce(group_concat(rowid), '') FROM products_fts WHERE products_fts MATCH ?`,
		m.expr).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("match set: %w", err)
	}
	set := make([]Ref, 0, strings.Count(list, ",")+1)
	for s := range strings.SplitSeq(list, ",") {
		if s == "" {
			continue
		}
		ref, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("match set: %w", err)
		}
		set = append(set, Ref(ref))
	}
	slices.Sort(set) // already in rowid order, which costs one pass
	return set, nil
}

// MatchesAmong returns those of refs that match m, in no particular order.
func (c *Catalog) MatchesAmong(ctx context.Context, m Match, refs []Ref) ([]Ref, error) {
	list, _ := json.Marshal(refs) // []Ref cannot fail to marshal
	return c.refs(ctx, "matches among", `SELECT rowid FROM products_fts WHERE products_fts MATCH ?
		AND rowid IN (SELECT value FROM json_each(?))`, m.expr, string(list))
}

// CoPurchase is a product bought together with another (see Sale.AlsoBought).
type CoPurchase struct {
	Ref       Ref
	Customers int64 // how many customers bought both
	Orders    int64 // how many orders this product is in, in all
	Buyers    int64 // how many customers bought this product
}

// CoPurchased returns up to n products bought together with ref by at least
// minCustomers customers, the most customers first. Hidden and unavailable products are
// included: pass them through Pool.Load.
func (c *Catalog) CoPurchased(ctx context.Context, ref Ref, minCustomers, n int) ([]CoPurchase, error) {
	rows, err := c.query(ctx, `SELECT c.b, c.n, coalesce(s.orders, 0), coalesce(s.buyers, 0) FROM copurchases c
		LEFT JOIN product_sales s ON s.product = c.b
		WHERE c.a = ? AND c.n >= ? ORDER BY c.n DESC LIMIT ?`, ref, minCustomers, n)
	if err != nil {
		return nil, fmt.Errorf("co-purchased: %w", err)
	}
	defer rows.Close()
	var out []CoPurchase
	for rows.Next() {
		var cp CoPurchase
		if err := rows.Scan(&cp.Ref, &cp.Customers, &cp.Orders, &cp.Buyers); err != nil {
			return nil, fmt.Errorf("co-purchased: %w", err)
		}
		out = append(out, cp)
	}
	return out, rows.Err()
}

// ProductSales is a product's Ref, how many orders it is in and how many customers
// bought it, and its type as the catalog infers it (Candidate.Head).
type ProductSales struct {
	Ref    Ref
	Orders int64
	Buyers int64 // how many customers bought it
	Head   string
}

// SalesOf returns the Ref and sales of each of the product ids the catalog has.
func (c *Catalog) SalesOf(ctx context.Context, ids []string) (map[string]ProductSales, error) {
	list, _ := json.Marshal(ids) // []string cannot fail to marshal
	rows, err := c.query(ctx, `SELECT p.id, p.rowid, coalesce(s.orders, 0), coalesce(s.buyers, 0),
		coalesce((SELECT r.head FROM product_rank r WHERE r.rowid = p.rowid), '') FROM products p
		LEFT JOIN product_sales s ON s.product = p.rowid
		WHERE p.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("sales: %w", err)
	}
	defer rows.Close()
	out := make(map[string]ProductSales, len(ids))
	for rows.Next() {
		var (
			id string
			s  ProductSales
		)
		if err := rows.Scan(&id, &s.Ref, &s.Orders, &s.Buyers, &s.Head); err != nil {
			return nil, fmt.Errorf("sales: %w", err)
		}
		out[id] = s
	}
	return out, rows.Err()
}

// CategoriesMatching returns the ids of the categories that path names the way
// Query.Category does (a run of whole segments, ignoring case: "shoes" names
// "Apparel > Shoes" and "Apparel > Shoes > Running").
func (c *Catalog) CategoriesMatching(ctx context.Context, path string) ([]int64, error) {
	ids, err := c.categoryIDs(ctx, strings.ToLower(NormalizeCategory(path)))
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[i] = id.(int64)
	}
	return out, nil
}

// CategoriesNamed returns the ids of the categories whose whole path is one of paths,
// ignoring case.
func (c *Catalog) CategoriesNamed(ctx context.Context, paths []string) ([]int64, error) {
	keys := make([]string, len(paths))
	for i, p := range paths {
		keys[i] = strings.ToLower(NormalizeCategory(p))
	}
	list, _ := json.Marshal(keys) // []string cannot fail to marshal
	rows, err := c.query(ctx, `SELECT id FROM categories WHERE key IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("categories: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CategoryPaths returns the paths of categories by id; it has at least the given ids
// that exist. The paths are kept in memory.
func (c *Catalog) CategoryPaths(ctx context.Context, ids iter.Seq[int64]) (map[int64]string, error) {
	paths, err := c.categoryPaths(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("category paths: %w", err)
	}
	return paths, nil
}

// Products returns the products refs name, in full and in the order of refs, hidden or
// not; a Ref that names no product is left out.
func (c *Catalog) Products(ctx context.Context, refs []Ref) ([]Product, error) {
	list, _ := json.Marshal(refs) // []Ref cannot fail to marshal
	rows, err := c.query(ctx, `SELECT `+productColumns+`, p.rowid FROM products p `+productJoins+`
		WHERE p.rowid IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("products: %w", err)
	}
	defer rows.Close()
	byRef := make(map[Ref]Product, len(refs))
	for rows.Next() {
		var ref Ref
		p, err := scanProduct(rows, &ref)
		if err != nil {
			return nil, fmt.Errorf("products: %w", err)
		}
		byRef[ref] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("products: %w", err)
	}
	out := make([]Product, 0, len(refs))
	for _, ref := range refs {
		if p, ok := byRef[ref]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// Titles returns the titles of the products with the given ids that the catalog has.
func (c *Catalog) Titles(ctx context.Context, ids []string) (map[string]string, error) {
	list, _ := json.Marshal(ids) // []string cannot fail to marshal
	rows, err := c.query(ctx, `SELECT p.id, t.title FROM products p CROSS JOIN product_text t ON t.rowid = p.rowid
		WHERE p.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("titles: %w", err)
	}
	defer rows.Close()
	out := make(map[string]string, len(ids))
	for rows.Next() {
		var id, title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, fmt.Errorf("titles: %w", err)
		}
		out[id] = title
	}
	return out, rows.Err()
}

// PoolFilter says which products a Pool holds besides being visible and in stock.
type PoolFilter struct {
	Category           string   // this category and its descendants, as Query.Category
	MinPrice, MaxPrice *float64 // in major units, inclusive, as Query's
	ExcludeBrands      []string // brand names, compared by BrandKey
	ExcludeSellers     []string // seller ids
}

// Pool is the products that can be bought now (visible, in stock) and pass a
// PoolFilter. Its reads are bounded, indexed queries, so their cost does not grow with
// the catalog.
type Pool struct {
	c *Catalog
	f filter
}

// Pool compiles pf. When pf's category names nothing in the catalog, no product can be in
// the pool: it returns a nil Pool and a note for the person saying so instead.
func (c *Catalog) Pool(ctx context.Context, pf PoolFilter) (*Pool, string, error) {
	f, note, err := c.filters(ctx, Query{Category: pf.Category, MinPrice: pf.MinPrice, MaxPrice: pf.MaxPrice, InStock: true}, onProducts)
	if err != nil || note != "" {
		return nil, note, err
	}
	var brands []any
	for _, b := range pf.ExcludeBrands {
		if k := BrandKey(b); k != "" {
			brands = append(brands, k)
		}
	}
	if len(brands) > 0 {
		f.where += " AND p.brand_key NOT IN (" + placeholders(len(brands)) + ")"
		f.args = append(f.args, brands...)
	}
	if len(pf.ExcludeSellers) > 0 {
		f.where += " AND p.seller_id NOT IN (" + placeholders(len(pf.ExcludeSellers)) + ")"
		for _, id := range pf.ExcludeSellers {
			f.args = append(f.args, id)
		}
	}
	return &Pool{c: c, f: f}, "", nil
}

// Matches returns up to n products of the pool matching m, the most relevant first.
func (p *Pool) Matches(ctx context.Context, m Match, n int) ([]Ref, error) {
	return p.c.refs(ctx, "text matches", `SELECT p.rowid FROM products_fts JOIN products p ON p.rowid = products_fts.rowid
		WHERE products_fts MATCH ? AND `+p.f.where+` ORDER BY products_fts.rank, p.rowid LIMIT ?`,
		append(append([]any{m.expr}, p.f.args...), n)...)
}

// InCategory returns up to n products of the pool in the category with id category
// (not its descendants), best quality first (see Candidate.Quality).
func (p *Pool) InCategory(ctx context.Context, category int64, n int) ([]Candidate, error) {
	return p.candidates(ctx, "by category", `SELECT `+candidateColumns+` FROM products p
		LEFT JOIN product_sales s ON s.product = p.rowid WHERE p.category_id = ? AND `+p.f.where+
		` ORDER BY `+qualityExpr+` DESC LIMIT ?`, append(append([]any{category}, p.f.args...), n)...)
}

// OfBrand returns up to n products of the pool whose BrandKey is key, best quality
// first.
func (p *Pool) OfBrand(ctx context.Context, key string, n int) ([]Candidate, error) {
	return p.candidates(ctx, "by brand", `SELECT `+candidateColumns+` FROM products p
		LEFT JOIN product_sales s ON s.product = p.rowid WHERE p.brand_key = ? AND `+p.f.where+
		` ORDER BY `+qualityExpr+` DESC LIMIT ?`, append(append([]any{key}, p.f.args...), n)...)
}

// BestSellers returns up to n products of the pool that are in orders, the most
// orders first.
func (p *Pool) BestSellers(ctx context.Context, n int) ([]Candidate, error) {
	return p.candidates(ctx, "best sellers", `SELECT `+candidateColumns+` FROM product_sales s CROSS JOIN products p ON p.rowid = s.product
		WHERE `+p.f.where+` ORDER BY s.orders DESC, s.product LIMIT ?`, append(append([]any{}, p.f.args...), n)...)
}

// TopRated returns up to n products of the pool, best quality first: the first
// products of a category in it are that category's best.
func (p *Pool) TopRated(ctx context.Context, n int) ([]Candidate, error) {
	return p.candidates(ctx, "top rated", `SELECT `+candidateColumns+` FROM products p
		LEFT JOIN product_sales s ON s.product = p.rowid WHERE `+p.f.where+
		` ORDER BY `+qualityExpr+` DESC LIMIT ?`, append(append([]any{}, p.f.args...), n)...)
}

// Candidate is what a ranking reads of a product besides its text.
type Candidate struct {
	Ref      Ref
	ID       string
	GroupID  string
	Brand    string
	BrandKey string // see BrandKey
	Category int64  // category id; 0 for none
	Amount   int64  // price in minor units
	Exp      int    // decimals of Amount
	Rating   float64
	Reviews  int64
	Orders   int64 // how many orders the product is in
	Buyers   int64 // how many customers bought it
	// Head is the head noun of the title, the product's type as the catalog infers it
	// from titles (product_rank.head, see titleHead and learned_types); "" for none.
	Head string
}

// Quality is the rating shrunk towards 4 by review count, the order of InCategory,
// OfBrand and TopRated.
func (c Candidate) Quality() float64 {
	return (c.Rating*float64(c.Reviews) + 40) / (float64(c.Reviews) + 10)
}

// Load returns those of refs that are in the pool, in no particular order: a product
// found elsewhere (a co-purchase, a text match) may be hidden or sold out now. The
// pool's other reads return Candidates already.
func (p *Pool) Load(ctx context.Context, refs []Ref) ([]Candidate, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	list, _ := json.Marshal(refs) // []Ref cannot fail to marshal
	return p.candidates(ctx, "load candidates", `SELECT `+candidateColumns+`
		FROM products p LEFT JOIN product_sales s ON s.product = p.rowid
		WHERE p.rowid IN (SELECT value FROM json_each(?)) AND `+p.f.where,
		append([]any{string(list)}, p.f.args...)...)
}

// candidateColumns are the columns of a Candidate, in the order candidates scans them,
// from products p left joined with product_sales s.
const candidateColumns = `p.rowid, p.id, p.group_id, p.brand, p.brand_key, coalesce(p.category_id, 0),
	p.price_amount, p.price_exp, p.rating, p.review_count, coalesce(s.orders, 0), coalesce(s.buyers, 0),
	coalesce((SELECT r.head FROM product_rank r WHERE r.rowid = p.rowid), '')`

// candidates runs a query whose columns are candidateColumns; what names the read in
// errors.
func (p *Pool) candidates(ctx context.Context, what, query string, args ...any) ([]Candidate, error) {
	rows, err := p.c.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.Ref, &c.ID, &c.GroupID, &c.Brand, &c.BrandKey, &c.Category, &c.Amount,
			&c.Exp, &c.Rating, &c.Reviews, &c.Orders, &c.Buyers, &c.Head); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// refs runs a query whose only column is a product rowid; what names the read in errors.
func (c *Catalog) refs(ctx context.Context, what, query string, args ...any) ([]Ref, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []Ref
	for rows.Next() {
		var ref Ref
		if err := rows.Scan(&ref); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, ref)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// UnknownBrands returns those of brands that no product in the catalog has, ignoring
// case, in the order given and cleaned as text.Clean does; blank names are skipped.
// Brand names are compared with products this way (see BrandKey), so an unknown one
// (often a misspelling) matches nothing until a product of that brand arrives.
func (c *Catalog) UnknownBrands(ctx context.Context, brands []string) ([]string, error) {
	var out []string
	for _, b := range brands {
		k := BrandKey(b)
		if k == "" {
			continue
		}
		var one int
		err := c.queryRow(ctx, `SELECT 1 FROM products WHERE brand_key = ? LIMIT 1`, k).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out = append(out, text.Clean(b, maxBrandLen))
		case err != nil:
			return nil, fmt.Errorf("unknown brands: %w", err)
		}
	}
	return out, nil
}

// KnownCategory reports whether path matches a category the way CategoriesMatching
// and Query.Category do (a run of whole segments, ignoring case, so "shoes" matches
// "Apparel > Shoes > Running"). When it does not, it also returns the top-level
// categories, to suggest instead.
func (c *Catalog) KnownCategory(ctx context.Context, path string) (bool, []string, error) {
	ids, err := c.categoryIDs(ctx, strings.ToLower(NormalizeCategory(path)))
	if err != nil || len(ids) > 0 {
		return len(ids) > 0, nil, err
	}
	top, err := c.topCategories(ctx)
	return false, top, err
}

// NeedThing is a thing a need names, and the match of its products.
type NeedThing struct {
	Name  string // as the vocabulary writes it: "insulated bottle"
	Match Match
}

// NeedMatch reads text as a search does and, when a need of the vocabulary names it
// (its "need:" lines: "a picnic with cold drinks" is for a cooler, an insulated bottle
// or a tumbler; a need of one word counts only in a sentence), returns the need's
// things, the one meant most first, and said, the match of the products whose text
// has the words of text that are the need's cues ("skin" and "dry" of "my skin is very
// dry in winter": a lotion for dry skin fits it, a children's sun lotion does not); ok
// is false when no need names it. A recommendation's context whose words no product
// has all of is read so.
func (c *Catalog) NeedMatch(text string) (things []NeedThing, said Match, ok bool) {
	v := c.vocabulary()
	u := understand(text, v)
	n, ok := v.bestNeed(u.words, u.sentence)
	if !ok {
		return nil, Match{}, false
	}
	nd := v.needs[n]
	things = make([]NeedThing, len(nd.terms))
	for i, t := range nd.terms {
		things[i] = NeedThing{Name: nd.names[i], Match: MatchAll(strings.Fields(t))}
	}
	var cued, keys []string
	for _, w := range u.words {
		k := wordKey(w)
		if !slices.Contains(keys, k) && slices.ContainsFunc(nd.cues, func(cue string) bool { return cueMatches(cue, k) }) {
			cued, keys = append(cued, w), append(keys, k)
		}
	}
	return things, MatchAll(cued), true
}

// And matches the products every one of ms matches.
func And(ms ...Match) Match {
	exprs := make([]string, len(ms))
	for i, m := range ms {
		exprs[i] = "(" + m.expr + ")"
	}
	return Match{strings.Join(exprs, " AND ")}
}

// HasCoPurchases reports whether any two products were bought together by at least
// minCustomers customers: whether the shop's order history says anything at all of
// what is bought with what.
func (c *Catalog) HasCoPurchases(ctx context.Context, minCustomers int) (bool, error) {
	var ok bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM copurchases WHERE n >= ?)`, minCustomers).Scan(&ok); err != nil {
		return false, fmt.Errorf("co-purchases: %w", err)
	}
	return ok, nil
}
