package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// Candidate set sizes. Every source is a bounded, indexed query, so the work of a
// call does not grow with the catalog.
const (
	textCandidates     = 200
	perCategory        = 30
	perBrand           = 30
	perCoSource        = 30
	bestSellers        = 50
	topRated           = 100
	coldStartTopRated  = 300
	maxCandidateRowids = 2000
)

// qualityExpr is the rating shrunk towards 4 by review count; the indexes of migration
// 0002 are on this exact expression.
const qualityExpr = `((p.rating * p.review_count + 40.0) / (p.review_count + 10))`

// cand is one candidate product and what is known about it.
type cand struct {
	rowid                       int64
	id, groupID, brand, brandKy string
	category                    int64
	amount                      int64
	exp                         int
	rating                      float64
	reviews, orders             int64
	loaded                      bool

	textRank   int      // position among the text matches; -1 when not one
	catRank    int      // position among the best rated in its category; -1 when unknown
	sellerRank int      // position among the best sellers; -1 when not one
	matched    []string // the context words it matches, when the match was relaxed
	co         float64
	coFrom     string // id of the purchase it was most often bought with
	coN        int64  // how often

	f     features
	score float64
}

func (r *recommender) add(rowid int64) *cand {
	if c, ok := r.cands[rowid]; ok {
		return c
	}
	if len(r.order) >= maxCandidateRowids || !r.inMatches(rowid) {
		return nil
	}
	c := &cand{rowid: rowid, textRank: -1, catRank: -1, sellerRank: -1}
	r.cands[rowid] = c
	r.order = append(r.order, rowid)
	return c
}

// gather collects candidates: the text matches of the context when there is one;
// otherwise co-purchases of the history, the favourite and usual categories and
// brands, best sellers and the best rated products.
func (r *recommender) gather(ctx context.Context, out *Recommendations) error {
	if !r.text.empty() {
		found, err := r.fromText(ctx)
		if err != nil || found {
			if r.relaxed {
				out.Notes = append(out.Notes, "No product matches every word of the request; these match some of them.")
				if len(r.text.words) > maxRelaxedWords {
					out.Notes = append(out.Notes, fmt.Sprintf("Only the first %d words of the request were used to find products with some of them.", maxRelaxedWords))
				}
			}
			return err
		}
		out.Notes = append(out.Notes, fmt.Sprintf("Nothing matches %q; these are picks from the customer's preferences and history instead.", r.saidWords(r.text.words)))
		r.cold = !r.prof.personal()
	}
	r.personal = true
	for _, source := range []func(context.Context) error{r.fromCoPurchases, r.fromCategories, r.fromBrands, r.fromBestSellers, r.fromTopRated} {
		if err := source(ctx); err != nil {
			return err
		}
	}
	return nil
}

// rowids runs a query whose first column is a product rowid and calls fn with each
// rowid and its position.
func (r *recommender) rowids(ctx context.Context, query string, args []any, fn func(rowid int64, i int)) error {
	rows, err := r.c.query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	defer rows.Close()
	for i := 0; rows.Next(); i++ {
		var rowid int64
		if err := rows.Scan(&rowid); err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		fn(rowid, i)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	return nil
}

// fromText adds the products matching the context: all its words, or failing that
// any of them. A match set of up to maxRankedMatches is ranked by relevance; a larger
// one gives its candidates from the other sources instead (fromBroadText).
func (r *recommender) fromText(ctx context.Context) (bool, error) {
	for _, anyWord := range []bool{false, true} {
		if anyWord && len(r.text.words) < 2 {
			break
		}
		match := r.text.match(anyWord)
		n, err := r.matchCount(ctx, match)
		if err != nil {
			return false, err
		}
		if n == 0 {
			continue
		}
		r.relaxed = anyWord
		if n <= maxRankedMatches {
			n, err = r.fromRankedText(ctx, match)
		} else {
			n, err = r.fromBroadText(ctx, match)
		}
		if err != nil || n > 0 {
			return n > 0, err
		}
	}
	r.relaxed = false
	return false, nil
}

// fromRankedText adds the textCandidates most relevant products matching the FTS5
// expression match, with their positions as text ranks, and returns how many it added.
func (r *recommender) fromRankedText(ctx context.Context, match string) (int, error) {
	found := 0
	err := r.rowids(ctx, `SELECT p.rowid FROM products_fts JOIN products p ON p.rowid = products_fts.rowid
		WHERE products_fts MATCH ? AND `+r.f.where+` ORDER BY products_fts.rank, p.rowid LIMIT ?`,
		append(append([]any{match}, r.f.args...), textCandidates), func(rowid int64, i int) {
			if c := r.add(rowid); c != nil {
				c.textRank = i
				found++
			}
		})
	return found, err
}

// MinCoCustomers is how many customers must have bought two products together before
// the pair is used or shown: fewer would let a recommendation tell one customer what
// another one bought.
const MinCoCustomers = 3

// fromCoPurchases adds the products most often bought with the customer's recent
// purchases, by pairs that at least MinCoCustomers customers bought (a pair's count is
// the number of customers who bought both; see Sale.AlsoBought). A pair's strength is its count over the geometric mean of the two
// products' sales (a cosine), shrunk when the count is small, and weighted by how
// recent the purchase is.
func (r *recommender) fromCoPurchases(ctx context.Context) error {
	recent := r.prof.recent[:min(len(r.prof.recent), maxCoSources)]
	if len(recent) == 0 {
		return nil
	}
	ids := make([]string, len(recent))
	for i, h := range recent {
		ids[i] = h.ProductID
	}
	src, err := r.salesOf(ctx, ids)
	if err != nil {
		return err
	}
	for _, h := range recent {
		s, ok := src[h.ProductID]
		if !ok || s.orders == 0 {
			continue
		}
		w := r.prof.weight[h.ProductID]
		rows, err := r.c.query(ctx, `SELECT c.b, c.n, coalesce(s.orders, 0) FROM copurchases c
			LEFT JOIN product_sales s ON s.product = c.b
			WHERE c.a = ? AND c.n >= ? ORDER BY c.n DESC LIMIT ?`, s.rowid, MinCoCustomers, r.deep(perCoSource))
		if err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		if err := r.scanCo(rows, h.ProductID, w, s.orders); err != nil {
			return err
		}
	}
	return nil
}

func (r *recommender) scanCo(rows *sql.Rows, from string, w float64, fromOrders int64) error {
	defer rows.Close()
	for rows.Next() {
		var rowid, n, orders int64
		if err := rows.Scan(&rowid, &n, &orders); err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		c := r.add(rowid)
		if c == nil {
			continue
		}
		nf := float64(n)
		c.co += w * nf / math.Sqrt(float64(fromOrders)*float64(max(orders, 1))) * nf / (nf + 1)
		if n > c.coN {
			c.coFrom, c.coN = from, n
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	return nil
}

type sales struct{ rowid, orders int64 }

// salesOf returns the rowid and sales count of each of ids that the catalog has.
func (r *recommender) salesOf(ctx context.Context, ids []string) (map[string]sales, error) {
	list, _ := json.Marshal(ids) // []string cannot fail to marshal
	rows, err := r.c.query(ctx, `SELECT p.id, p.rowid, coalesce(s.orders, 0) FROM products p
		LEFT JOIN product_sales s ON s.product = p.rowid
		WHERE p.id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("recommend: %w", err)
	}
	defer rows.Close()
	out := make(map[string]sales, len(ids))
	for rows.Next() {
		var (
			id string
			s  sales
		)
		if err := rows.Scan(&id, &s.rowid, &s.orders); err != nil {
			return nil, fmt.Errorf("recommend: %w", err)
		}
		out[id] = s
	}
	return out, rows.Err()
}

// fromCategories adds the best rated products of the favourite and usual categories.
// Only maxSourceCats category ids are queried; they are taken from each favourite in
// turn, so that a broad favourite with many subcategories does not crowd out the rest.
func (r *recommender) fromCategories(ctx context.Context) error {
	lists := make([][]int64, 0, len(r.prof.statedCats)+1)
	for _, sc := range r.prof.statedCats {
		lists = append(lists, sc.ids)
	}
	lists = append(lists, r.prof.learnedCats)
	var ids []int64
	seen := map[int64]bool{}
	for i, more := 0, true; more; i++ {
		more = false
		for _, l := range lists {
			if i < len(l) {
				more = true
				if !seen[l[i]] {
					seen[l[i]] = true
					ids = append(ids, l[i])
				}
			}
		}
	}
	query := `SELECT p.rowid FROM products p WHERE p.category_id = ? AND ` + r.f.where +
		` ORDER BY ` + qualityExpr + ` DESC LIMIT ?`
	for _, id := range ids[:min(len(ids), maxSourceCats)] {
		args := append(append([]any{id}, r.f.args...), r.deep(perCategory))
		err := r.rowids(ctx, query, args, func(rowid int64, i int) {
			if c := r.add(rowid); c != nil && (c.catRank < 0 || i < c.catRank) {
				c.catRank = i
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// fromBrands adds the best rated products of the favourite and usual brands.
func (r *recommender) fromBrands(ctx context.Context) error {
	var keys []string
	seen := map[string]bool{}
	for _, b := range r.in.FavoriteBrands {
		if k := brandKey(b); k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range r.learnedBrands() {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	query := `SELECT p.rowid FROM products p WHERE p.brand_key = ? AND ` + r.f.where +
		` ORDER BY ` + qualityExpr + ` DESC LIMIT ?`
	for _, k := range keys[:min(len(keys), maxSourceBrands)] {
		if err := r.rowids(ctx, query, append(append([]any{k}, r.f.args...), r.deep(perBrand)), func(rowid int64, _ int) { r.add(rowid) }); err != nil {
			return err
		}
	}
	return nil
}

// learnedBrands returns the keys of the brands the customer buys most.
func (r *recommender) learnedBrands() []string {
	var keys []string
	for _, h := range r.prof.recent {
		if k := brandKey(h.Brand); k != "" && r.prof.brandShare[k] >= minLearnedShare && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	sortByShare(keys, r.prof.brandShare)
	return keys[:min(len(keys), maxLearned)]
}

func (r *recommender) fromBestSellers(ctx context.Context) error {
	query := `SELECT p.rowid FROM product_sales s CROSS JOIN products p ON p.rowid = s.product
		WHERE ` + r.f.where + ` ORDER BY s.orders DESC, s.product LIMIT ?`
	return r.rowids(ctx, query, append(append([]any{}, r.f.args...), r.deep(bestSellers)), func(rowid int64, i int) {
		if c := r.add(rowid); c != nil {
			c.sellerRank = i
		}
	})
}

// fromTopRated adds the best rated products overall. The list is in quality order, so
// the first products of a category in it are that category's best rated.
func (r *recommender) fromTopRated(ctx context.Context) error {
	n := r.deep(topRated)
	if r.cold {
		n = coldStartTopRated
	}
	type top struct {
		rowid int64
		cat   int64
	}
	var tops []top
	rows, err := r.c.query(ctx, `SELECT p.rowid, coalesce(p.category_id, 0) FROM products p WHERE `+r.f.where+
		` ORDER BY `+qualityExpr+` DESC LIMIT ?`, append(append([]any{}, r.f.args...), n)...)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t top
		if err := rows.Scan(&t.rowid, &t.cat); err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		tops = append(tops, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	rank := map[int64]int{}
	for _, t := range tops {
		c := r.add(t.rowid)
		if c != nil && t.cat != 0 && (c.catRank < 0 || rank[t.cat] < c.catRank) {
			c.catRank = rank[t.cat]
		}
		rank[t.cat]++
	}
	return nil
}

// load reads the facts the scores need for every candidate, dropping those that fail
// the filter (a co-purchase may be out of stock now) or are excluded.
func (r *recommender) load(ctx context.Context) error {
	if len(r.order) == 0 {
		return nil
	}
	list, _ := json.Marshal(r.order) // []int64 cannot fail to marshal
	rows, err := r.c.query(ctx, `SELECT p.rowid, p.id, p.group_id, p.brand, p.brand_key, coalesce(p.category_id, 0),
			p.price_amount, p.price_exp, p.rating, p.review_count, coalesce(s.orders, 0)
		FROM products p LEFT JOIN product_sales s ON s.product = p.rowid
		WHERE p.rowid IN (SELECT value FROM json_each(?)) AND `+r.f.where,
		append([]any{string(list)}, r.f.args...)...)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			rowid int64
			c     cand
		)
		if err := rows.Scan(&rowid, &c.id, &c.groupID, &c.brand, &c.brandKy, &c.category, &c.amount,
			&c.exp, &c.rating, &c.reviews, &c.orders); err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		k := r.cands[rowid]
		k.id, k.groupID, k.brand, k.brandKy, k.category = c.id, c.groupID, c.brand, c.brandKy, c.category
		k.amount, k.exp, k.rating, k.reviews, k.orders = c.amount, c.exp, c.rating, c.reviews, c.orders
		k.loaded = !r.exclude[c.id]
		if r.prof.times[c.id] > 0 {
			// The customer's own orders are among this product's co-purchases, so
			// they say nothing about what others buy with it.
			k.co, k.coFrom, k.coN = 0, "", 0
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	return nil
}
