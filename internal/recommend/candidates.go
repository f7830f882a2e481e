package recommend

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Candidate set sizes. Every source is a bounded, indexed query, so the work of a
// call does not grow with the catalog.
const (
	textCandidates    = 200
	perCategory       = 30
	perBrand          = 15
	perCoSource       = 30
	bestSellers       = 25
	topRated          = 50
	coldStartTopRated = 300
	maxCandidates     = 2000
	// enoughCandidates is how many candidates the personal sources (co-purchases,
	// similar text, categories, brands) must find for the best sellers and the best
	// rated overall not to be read: the ranking then hardly keeps any of them (the
	// evaluation's validation HitRate@10 was 0.635 reading them always, 0.634 with
	// this threshold — one customer in 1,185 — and 0.636 when no customer with a
	// history read them), and they cost about a sixth of a history-only call.
	enoughCandidates = 100
)

// cand is one candidate product and what is known about it.
type cand struct {
	catalog.Candidate
	read   bool // Candidate is read (from the pool, so it is in it)
	loaded bool // read, in the pool and not excluded

	textRank   int      // position among the text matches; -1 when not one
	catRank    int      // position among the best rated in its category; -1 when unknown
	sellerRank int      // position among the best sellers; -1 when not one
	matched    []string // the context words it matches, when the match was relaxed
	co         float64
	knn        float64 // co with every purchase weighing 1
	links      []coLink
	coFrom     string // id of the purchase it was most often bought with
	coN        int64  // how often
	similar    float64
	simFrom    string  // id of the purchase whose title it is most like
	simBest    float64 // how much that purchase adds to similar
	madeFor    string  // id of the just-bought product it is made for (see fromMadeFor); "" when not one

	f     features
	score float64
}

// add returns the candidate ref, adding it unless there are maxCandidates already or
// a broad text match is being gathered that ref is not in (then it returns nil).
func (r *recommender) add(ref catalog.Ref) *cand {
	if c, ok := r.cands[ref]; ok {
		return c
	}
	if len(r.order) >= maxCandidates || !r.inMatches(ref) {
		return nil
	}
	c := &cand{Candidate: catalog.Candidate{Ref: ref}, textRank: -1, catRank: -1, sellerRank: -1}
	r.cands[ref] = c
	r.order = append(r.order, ref)
	return c
}

// addRead is add for a candidate read from the pool.
func (r *recommender) addRead(l catalog.Candidate) *cand {
	c := r.add(l.Ref)
	if c != nil && !c.read {
		c.Candidate, c.read = l, true
	}
	return c
}

// eachRead calls fn with each of cs added as a candidate and its position; err is
// that of the read that returned cs, wrapped.
func (r *recommender) eachRead(cs []catalog.Candidate, err error, fn func(c *cand, i int)) error {
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	for i, l := range cs {
		if c := r.addRead(l); c != nil {
			fn(c, i)
		}
	}
	return nil
}

// gather collects candidates: the text matches of the context when there is one;
// otherwise the products bought again (when purchased products are kept), co-purchases
// of the history, similar text, the favourite and usual categories and brands, best
// sellers and the best rated products.
func (r *recommender) gather(ctx context.Context, out *Result) error {
	if len(r.words) > 0 {
		found, err := r.fromText(ctx)
		if err != nil || found {
			if len(r.needs) > 0 {
				out.Notes = append(out.Notes, fmt.Sprintf("No product matches every word of the request; read as a request for %s.", orList(r.needNames())))
			}
			if r.relaxed && r.allBought {
				out.Notes = append(out.Notes, "Every product with every word of the request was bought already; these match some of them.")
			} else if r.relaxed {
				out.Notes = append(out.Notes, "No product matches every word of the request; these match some of them.")
				if len(r.words) > catalog.MaxRelaxedWords {
					out.Notes = append(out.Notes, fmt.Sprintf("Only the first %d words of the request were used to find products with some of them.", catalog.MaxRelaxedWords))
				}
			}
			return err
		}
		if r.boughtMatches > 0 {
			out.Notes = append(out.Notes, fmt.Sprintf("Every product matching %q was bought already; these are picks from the customer's preferences and history instead.", r.saidWords(r.words)))
		} else {
			out.Notes = append(out.Notes, fmt.Sprintf("Nothing matches %q; these are picks from the customer's preferences and history instead.", r.saidWords(r.words)))
		}
		r.cold = !r.prof.personal()
	}
	r.personal = true
	for _, source := range []func(context.Context) error{r.fromReorders, r.fromCoPurchases, r.fromMadeFor, r.fromSimilarText, r.fromCategories, r.fromBrands, r.fromBestSellers, r.fromTopRated} {
		if err := source(ctx); err != nil {
			return err
		}
	}
	return nil
}

// each calls fn with each of refs and its position; err is that of the read that
// returned refs, wrapped.
func each(refs []catalog.Ref, err error, fn func(ref catalog.Ref, i int)) error {
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	for i, ref := range refs {
		fn(ref, i)
	}
	return nil
}

// fromText adds the products matching the context: all its words, or failing that
// any of them. A match set of up to maxRankedMatches is ranked by relevance; a larger
// one gives its candidates from the other sources instead (fromBroadText).
func (r *recommender) fromText(ctx context.Context) (bool, error) {
	for _, anyWord := range []bool{false, true} {
		if anyWord && len(r.words) < 2 {
			break
		}
		var match catalog.Match
		var n int
		var err error
		if anyWord {
			match, n, err = r.anyWordMatch(ctx)
		} else {
			match = catalog.MatchAll(r.words)
			n, err = r.matchCount(ctx, match)
		}
		if err != nil {
			return false, err
		}
		if n == 0 {
			if anyWord {
				continue
			}
			// No product has every word: a need the context says ("a picnic with cold
			// drinks") names what to look for, as a search reads it.
			if match, n, err = r.needMatch(ctx); err != nil {
				return false, err
			}
			if n == 0 {
				continue
			}
		}
		r.relaxed = anyWord
		bought := r.boughtMatches
		if n <= maxRankedMatches {
			n, err = r.fromRankedText(ctx, match)
		} else {
			n, err = r.fromBroadText(ctx, match)
		}
		if err != nil || n > 0 {
			return n > 0, err
		}
		if !anyWord && r.boughtMatches > bought {
			r.allBought = true // every product with all the words was bought already
		}
	}
	r.relaxed = false
	return false, nil
}

// needMatch returns the match of the things a need of the context names (see
// catalog.NeedMatch) and how many products it matches, setting r.needs when any.
func (r *recommender) needMatch(ctx context.Context) (catalog.Match, int, error) {
	things, said, ok := r.c.NeedMatch(r.in.Context)
	if !ok {
		return catalog.Match{}, 0, nil
	}
	ms := make([]catalog.Match, len(things))
	for i, t := range things {
		ms[i] = t.Match
	}
	match := catalog.Or(ms...)
	// Of the things, those whose text also says what the need is about ("dry skin": a
	// lotion for dry skin, not any lotion, a children's sun lotion) when they fill the
	// picks: a thing of a need is often a bare type that products of other uses share.
	if cued := catalog.And(match, said); said != (catalog.Match{}) {
		n, err := r.matchCount(ctx, cued)
		if err != nil {
			return catalog.Match{}, 0, err
		}
		if n >= r.in.Limit {
			r.needs = things
			return cued, n, nil
		}
	}
	n, err := r.matchCount(ctx, match)
	if err == nil && n > 0 {
		r.needs = things
	}
	return match, n, err
}

// anyWordMatch returns the match of any of the first catalog.MaxRelaxedWords context
// words that some product has, and how many products it matches (counting no further
// than maxRankedMatches+1). It counts each word's products once (r.wordN), for
// rareWords and matchedWords too; a word no product has is left out of the match,
// and with one word left its count is the match's.
func (r *recommender) anyWordMatch(ctx context.Context) (catalog.Match, int, error) {
	r.wordN = make([]int, min(len(r.words), catalog.MaxRelaxedWords))
	var live []catalog.Match
	n := 0
	for i := range r.wordN {
		m := catalog.MatchWord(r.words, i)
		k, err := r.matchCount(ctx, m)
		if err != nil {
			return catalog.Match{}, 0, err
		}
		if r.wordN[i] = k; k > 0 {
			live, n = append(live, m), k
		}
	}
	match := catalog.Or(live...)
	if len(live) > 1 {
		var err error
		if n, err = r.matchCount(ctx, match); err != nil {
			return catalog.Match{}, 0, err
		}
	}
	return match, n, nil
}

// fromRankedText adds the textCandidates most relevant products matching the FTS5
// match, with their positions as text ranks, and returns how many it added. An
// excluded product (one already bought) is not added but counted in r.boughtMatches,
// so that a context whose every match was bought looks further instead of answering
// nothing.
func (r *recommender) fromRankedText(ctx context.Context, match catalog.Match) (int, error) {
	refs, err := r.pool.Matches(ctx, match, textCandidates)
	if err != nil {
		return 0, fmt.Errorf("recommend: %w", err)
	}
	read, err := r.pool.Load(ctx, refs)
	if err != nil {
		return 0, fmt.Errorf("recommend: %w", err)
	}
	byRef := make(map[catalog.Ref]catalog.Candidate, len(read))
	for _, l := range read {
		byRef[l.Ref] = l
	}
	found := 0
	for i, ref := range refs {
		l, ok := byRef[ref]
		if !ok {
			continue
		}
		if r.exclude[l.ID] {
			r.boughtMatches++
			continue
		}
		if c := r.addRead(l); c != nil {
			c.textRank = i
			found++
		}
	}
	return found, nil
}

// MinCoCustomers is how many customers must have bought two products together before
// the pair is used or shown: fewer would let a recommendation tell one customer what
// another one bought.
const MinCoCustomers = 3

// fromCoPurchases adds the products most often bought with the customer's recent
// purchases, by pairs that at least MinCoCustomers customers bought (a pair's count is
// the number of customers who bought both; see Sale.AlsoBought). This is item-to-item
// collaborative filtering: a pair's strength is n(a,b) over the two products' buyers,
// each raised to a power (½ and ½ is the cosine; see cand.sumCo and coAlphaDamping),
// shrunk when the count is small, and a candidate's is the sum over the purchases it
// goes with, each weighted by how recent the purchase is (co) or not (knn).
func (r *recommender) fromCoPurchases(ctx context.Context) error {
	recent := r.prof.recent[:min(len(r.prof.recent), maxCoSources)]
	for _, h := range recent {
		s, ok := r.prof.sales[h.ProductID]
		if !ok || s.Buyers == 0 {
			continue
		}
		co, err := r.c.CoPurchased(ctx, s.Ref, MinCoCustomers, r.deep(perCoSource))
		if err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		r.addCo(co, h.ProductID, s.Buyers)
	}
	return nil
}

// justBoughtDays is how recent the last purchase must be for what a purchase needs to
// count (fromMadeFor).
const justBoughtDays = 30

// maxMadeFor is how many products made for a just-bought product are candidates.
const maxMadeFor = 40

// fromMadeFor adds the products made for the customer's last purchase, when it was
// made in the last justBoughtDays days (catalog.MadeForProduct): those that name it by
// its model ("Battery for Sony a7 IV" after an a7 IV) always; those that fit it by its
// brand's platform or its type (a battery of the drill's brand and platform, a drill
// bit set) only when the shop's order history says nothing of what is bought with
// what: no two products bought together by MinCoCustomers customers (a new shop).
// Where it says something, co-purchases are the better guide even for a purchase they
// do not know (on the tuning worlds, letting these lead regardless of co-purchases cost
// every purchase world 0.005–0.016 of HitRate@10, whenever the last purchase had no
// co-purchase the two long-tail worlds 0.004–0.005, and whenever none of the
// customer's purchases had one the long-tail mixed world 0.0013). It runs after
// fromCoPurchases. A product others are made for is a durable one (a camera body, a
// TV, a printer, a drill), so a second of its type is no pick to lead with: r.bought
// keeps what names its type for pick (see substitute).
func (r *recommender) fromMadeFor(ctx context.Context) error {
	if len(r.prof.recent) == 0 {
		return nil
	}
	h := r.prof.recent[0]
	s, ok := r.prof.sales[h.ProductID]
	if !ok || h.At.IsZero() || r.in.Now.Sub(h.At) > justBoughtDays*24*time.Hour || r.in.Now.Before(h.At.Add(-time.Hour)) {
		return nil
	}
	fits := !r.anyCo()
	if fits {
		shopCo, err := r.c.HasCoPurchases(ctx, MinCoCustomers)
		if err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		fits = !shopCo
	}
	mf, err := r.c.MadeForProduct(ctx, s.Ref, maxMadeFor, fits)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	for _, ref := range mf.Refs {
		if c := r.add(ref); c != nil && c.madeFor == "" {
			c.madeFor = h.ProductID
			r.madeFor++
		}
	}
	if len(mf.Refs) > 0 {
		r.bought = &justBought{id: h.ProductID, model: mf.Model, category: mf.Category, types: mf.Types, byModel: mf.ByModel > 0}
	}
	return nil
}

// anyCo reports whether a candidate is a co-purchase of any of the customer's
// purchases (see fromCoPurchases).
func (r *recommender) anyCo() bool {
	return slices.ContainsFunc(r.order, func(ref catalog.Ref) bool { return len(r.cands[ref].links) > 0 })
}

// justBought is the customer's last purchase when products are made for it: its id,
// its model as its title writes it ("DCD791D2"; "" for none), and its category id and
// the word keys that name its type (catalog.MadeFor).
type justBought struct {
	id, model string
	category  int64
	types     []string
	byModel   bool // something names it by its model (not only by platform or type)
	// rebought is true when the customer or the shop's order history says its type
	// is bought again (see rebought): a second one is then no substitute.
	rebought bool
}

// sameType reports whether a product of category id cat and title head is of the
// type of b: of its category, or, when either has none, of a word that names b's type
// ("Drill/Driver" after a "Drill/Driver Kit" filed under Drills). The shop's
// categories are finer than title words: a hammer drill filed apart is another type.
func (b *justBought) sameType(cat int64, head string) bool {
	if cat != 0 && b.category != 0 {
		return cat == b.category
	}
	return head != "" && slices.Contains(b.types, head)
}

// addCo adds the products bought with the purchase from, which fromBuyers customers
// bought.
func (r *recommender) addCo(co []catalog.CoPurchase, from string, fromBuyers int64) {
	for _, p := range co {
		c := r.add(p.Ref)
		if c == nil {
			continue
		}
		c.links = append(c.links, coLink{n: p.Customers, buyers: max(p.Buyers, p.Customers, 1), fromBuyers: fromBuyers, from: from})
		if p.Customers > c.coN {
			c.coFrom, c.coN = from, p.Customers
		}
	}
}

// coLink is one pair of a candidate with a purchase of the customer: n customers
// bought both, buyers bought the candidate, fromBuyers the purchase, whose id is from.
type coLink struct {
	n, buyers, fromBuyers int64
	from                  string
}

// sumCo sets c.co and c.knn from c's links: each pair's strength is
// n / (fromBuyers^(1-alpha) · buyers^alpha), shrunk by n/(n+1) when n is small; alpha ½
// is the cosine of the two sets of buyers, and a lower alpha damps popular candidates
// less. c.co weighs each pair by the recency of the purchase (weight, by id: see
// profile.coWeight), c.knn does not.
func (c *cand) sumCo(alpha float64, weight map[string]float64) {
	c.co, c.knn = 0, 0
	for _, l := range c.links {
		nf := float64(l.n)
		s := nf / (math.Pow(float64(l.fromBuyers), 1-alpha) * math.Pow(float64(l.buyers), alpha)) * nf / (nf + 1)
		c.co += weight[l.from] * s
		c.knn += s
	}
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
	for _, id := range ids[:min(len(ids), maxSourceCats)] {
		cs, err := r.pool.InCategory(ctx, id, r.deep(perCategory))
		err = r.eachRead(cs, err, func(c *cand, i int) {
			if c.catRank < 0 || i < c.catRank {
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
		if k := catalog.BrandKey(b); k != "" && !seen[k] {
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
	for _, k := range keys[:min(len(keys), maxSourceBrands)] {
		cs, err := r.pool.OfBrand(ctx, k, r.deep(perBrand))
		if err := r.eachRead(cs, err, func(*cand, int) {}); err != nil {
			return err
		}
	}
	return nil
}

// learnedBrands returns the keys of the brands the customer buys most.
func (r *recommender) learnedBrands() []string {
	var keys []string
	for _, h := range r.prof.recent {
		if k := catalog.BrandKey(h.Brand); k != "" && r.prof.brandShare[k] >= minLearnedShare && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	sortByShare(keys, r.prof.brandShare)
	return keys[:min(len(keys), maxLearned)]
}

// fromBestSellers adds the products in the most orders, unless the personal sources
// found enough candidates.
func (r *recommender) fromBestSellers(ctx context.Context) error {
	if r.enough() {
		return nil
	}
	cs, err := r.pool.BestSellers(ctx, r.deep(bestSellers))
	return r.eachRead(cs, err, func(c *cand, i int) { c.sellerRank = i })
}

// fromTopRated adds the best rated products overall, unless the personal sources
// found enough candidates. The list is in quality order, so
// the first products of a category in it are that category's best rated.
func (r *recommender) fromTopRated(ctx context.Context) error {
	if r.enough() {
		return nil
	}
	n := r.deep(topRated)
	if r.cold {
		n = coldStartTopRated
	}
	tops, err := r.pool.TopRated(ctx, n)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	rank := map[int64]int{}
	for _, t := range tops {
		c := r.addRead(t)
		if c != nil && t.Category != 0 && (c.catRank < 0 || rank[t.Category] < c.catRank) {
			c.catRank = rank[t.Category]
		}
		rank[t.Category]++
	}
	return nil
}

// enough reports whether the personal sources found enoughCandidates.
func (r *recommender) enough() bool {
	return !r.cold && len(r.order) >= enoughCandidates
}

// load reads the facts the scores need for every candidate, dropping those that fail
// the filter (a co-purchase may be out of stock now) or are excluded.
func (r *recommender) load(ctx context.Context) error {
	var unread []catalog.Ref
	for _, ref := range r.order {
		if !r.cands[ref].read {
			unread = append(unread, ref)
		}
	}
	loaded, err := r.pool.Load(ctx, unread)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	for _, l := range loaded {
		r.cands[l.Ref].Candidate, r.cands[l.Ref].read = l, true
	}
	for _, ref := range r.order {
		k := r.cands[ref]
		if !k.read {
			continue // not in the pool
		}
		k.loaded = !r.exclude[k.ID]
		if r.prof.times[k.ID] > 0 {
			// The customer's own orders are among this product's co-purchases, so
			// they say nothing about what others buy with it.
			k.links, k.coFrom, k.coN = nil, "", 0
			k.similar, k.simFrom = 0, ""
		}
	}
	return nil
}
