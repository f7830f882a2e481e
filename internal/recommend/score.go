package recommend

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// catPopShare is the share of the customer's recent purchases (histCat) at which a
// category counts fully for catPop.
const catPopShare = 0.2

// coSlotShare is the share of a personal list kept for the candidates most bought
// with the customer's purchases (see pick). First chosen from 0–0.3 on the default
// world's validation part and the worlds of seeds 3 and 4 (TestEvalVariants: 0.2);
// TestLearnWeights then chose 0.3 from 0–0.5, with catCapShare and the weights.
const coSlotShare = 0.3

// catCapShare is the share of a personal list one category may fill, unless there are
// too few other candidates. It was half until the diagnosis of TestRecommendDiagnose:
// a third of the targets item-kNN found and recommend missed on the validation part
// were among recommend's ten best scores, and the pick left them out, mostly for the
// category cap. TestLearnWeights chose 0.7 from 0.3–1, then 0.8 (see weights).
const catCapShare = 0.8

// coAlphaDamping is coAlpha (see cand.sumCo): how much a candidate's own buyers damp
// its co-purchase pairs. ½ is the cosine; TestLearnWeights chose 0.2 from 0.2–0.8, then
// 0.05 from 0–0.5, then 0.1 (see weights): in a purchase history where people mostly
// buy what is popular in their interests, dividing by the square root of a candidate's
// buyers over-rewards the rare.
const coAlphaDamping = 0.1

// features are a candidate's signals, each scaled to 0–1.
type features struct {
	text        float64 // how well it matches the context
	statedCat   float64 // in a favourite category
	statedBrand float64 // a favourite brand
	histCat     float64 // share of recent purchases in its category (and, less, its parent)
	histBrand   float64 // share of recent purchases of its brand
	co          float64 // bought with the customer's purchases, relative to the best candidate
	similar     float64 // text like that of the customer's purchases without category or brand, relative to the best
	price       float64 // close to the customer's usual price level
	quality     float64 // rating shrunk by review count
	pop         float64 // sales and reviews
	catPop      float64 // buyers relative to the candidate with the most buyers in its category
	due         float64 // bought again by the customer and due again now (see reorder.go)
	knn         float64 // co without the recency of the purchases: item-kNN's own score, relative to the best
	histType    float64 // without a category: share of recent purchases of its type (catalog.Candidate.Head)
}

// weights returns the weights of the features in the score. They were chosen by
// TestLearnWeights (RECOMMEND_LEARN=1): a coordinate search over prepared candidates
// (each weight at 0, ½, ¾, 1¼, 1½, 2 and 3 times its value, the others fixed; coSlotShare
// and catCapShare on their own grids) maximising the mean HitRate@10 of six worlds, the
// validation part of the default world and every customer of the worlds of seeds 3
// and 4, each mixed and bare; never a held-out part, nor seeds 5 and 6, which are kept
// for reporting. The search started from the weights TestTuneWeights had chosen the
// same way on the default world alone. The search's mean rose 0.596 → 0.604, most of
// it from the category cap (0.5 → 0.7 of the list) and halving co (2 → 1); it then
// included the features listed below, each worth under 0.001 and dropped (the six-world
// mean without them was not re-measured). On the default world's validation
// part that is 0.634 → 0.646 mixed but 0.592 → 0.586 bare: without categories, a
// lighter co gives more say to price, quality and popularity. text is not searched (the evaluation asks without a
// context) and keeps its hand-set value; due is chosen on the reorder evaluation
// (TestEvalVariants, 0–100: HitRate@10 rose to 20 and moved less than 0.01 beyond).
// Then knn (the co-purchase sum without recency, item-kNN's own score) and the
// popularity damping of pairs (coAlphaDamping) were added and searched the same way
// on the same six worlds (mean 0.6010 before), with a category stand-in for products
// without one: the share of the purchases whose similar text they are among (textCat)
// and popularity within it (textPop). From a first partial search's start (knn 0.25,
// textCat 0.5, textPop 0.25: 0.6021), one pass chose coAlpha 0.5 → 0.2 (0.6173, the
// largest gain), textPop 0 (0.6187), knn 0.75 (0.6211), textCat 0.625 (0.6213); co
// stayed at 1. textCat, worth 0.0002–0.0003 of the mean in both searches, was then
// dropped with textPop (the mean without it was not re-measured).
// Then (reco6) histType, the share of the purchases of a candidate's type for candidates
// without a category (the catalog's own type, the title's head noun), and the
// co-purchase half-life (coHalfLifeDays, which TestLearnWeights can now vary) were
// searched the same way, with coAlpha also below 0.2: from 0.6207, histType 0 → 2
// (0.6216), coHalfLifeDays 120 → 30 (0.6232), coAlpha 0.2 → 0.05 (0.6259), knn 0.75 →
// 1.125 (0.6260), histCat 1.4 → 1.05 (0.6267), similar 0.375 → 0 (0.6273; similar text
// still finds candidates and gives its reason, it no longer adds to the score). Tried
// and dropped there: popularity within the type (as catPop; 0 was best), and the type
// as the category for catPop and the category cap (the six-world mean fell to 0.613,
// bare worlds by 0.012–0.023); a candidate source of the best rated products of the
// customer's types (as fromCategories; the mean with it was the same 0.6273).
// Then (reco7) the search gained a seventh world, shaped like TestRecommendQuality's
// (the demo catalog, shoppers with narrow tastes, each one's last order held out; drawn
// with another seed than that test's), so that the weights are not chosen for the
// generated purchase worlds alone, and a change is kept only when the seven-world mean
// rises by more than the paired noise of the difference (one standard error, about
// 0.0005–0.002 here). From 0.5960 (the quality world 0.408), two passes chose catCap
// 0.7 → 0.8 (0.5966), statedBrand 1.2 → 1.5 (0.5969), co 1 → 0.5 (0.5985, the quality
// world 0.425), price 0.2 → 0.25 (0.5993), catPop 4 → 3 (0.6002), coAlpha 0.05 → 0.1
// (0.6011) and statedBrand 1.5 → 1.875 (0.6016; the quality world 0.435). The
// co-purchase half-life stayed at 30 days: 60–730 days were each 0.0005–0.004 below.
// A separate damping for knn (knnAlpha) was tried and chosen equal to coAlpha, so it
// was dropped.
// Then (recotail) the search gained two long-tail worlds (TestLearnWeights: 20,000
// products for 5,000 customers, mixed and bare, where thin co-purchase evidence is
// common and recommend is 2.5–2.8× item-kNN): from the nine-world mean 0.5231, a full
// pass moved nothing (every other value of every setting was below, by 0.0001 or more).
// Two more terms of a pair's strength were searched the same way and dropped: the
// shrink n/(n+λ) (λ 0–20; 1 is best, 0 −0.0018 ± 0.0007) and the power of the purchase's
// buyers untied from coAlpha (0.5–1.25; 1 − coAlpha is best, 1 −0.0008 ± 0.0007).
// Tried with the same search and dropped, each within ±0.001 of the mean: the summed
// cosine on an absolute scale, co-purchases into categories the customer has not
// shopped, co-purchases for long histories, popularity among similar-text
// candidates, and reciprocal rank fusion of the score's and co-purchases' ranks.
func weights() features {
	return features{
		text:        2.0,
		statedCat:   1.5,
		statedBrand: 1.875,
		histCat:     1.05,
		histBrand:   1.2,
		co:          0.5,
		similar:     0,
		price:       0.25,
		quality:     0.3,
		pop:         0.075,
		catPop:      3,
		due:         20,
		knn:         1.125,
		histType:    2,
	}
}

func (f features) dot(w features) float64 {
	return f.text*w.text + f.statedCat*w.statedCat + f.statedBrand*w.statedBrand +
		f.histCat*w.histCat + f.histBrand*w.histBrand + f.co*w.co + f.similar*w.similar + f.price*w.price +
		f.quality*w.quality + f.pop*w.pop + f.catPop*w.catPop + f.due*w.due +
		f.knn*w.knn + f.histType*w.histType
}

// score computes every loaded candidate's features and score.
func (r *recommender) score(ctx context.Context) error {
	paths, err := r.paths(ctx)
	if err != nil {
		return err
	}
	r.scoreWith(paths)
	return nil
}

// scoreWith is score with the category paths of the candidates, by id.
func (r *recommender) scoreWith(paths map[int64]string) {
	r.maxCo, r.maxKNN, r.maxSimilar, r.maxOrders, r.maxRevs, r.catMaxBuyers = 0, 0, 0, 0, 0, nil
	for _, c := range r.cands {
		if c.loaded {
			c.sumCo(r.p.coAlpha, r.prof.coWeight)
			r.maxCo = max(r.maxCo, c.co)
			r.maxKNN = max(r.maxKNN, c.knn)
			r.maxSimilar = max(r.maxSimilar, c.similar)
			r.maxOrders = max(r.maxOrders, c.Orders)
			if r.catMaxBuyers == nil {
				r.catMaxBuyers = map[int64]int64{}
			}
			r.catMaxBuyers[c.Category] = max(r.catMaxBuyers[c.Category], c.Buyers)
			r.maxRevs = max(r.maxRevs, c.Reviews)
		}
	}
	keys := map[int64][]string{} // category id → ancestorKeys of its path
	w := r.w
	for _, ref := range r.order {
		c := r.cands[ref]
		if !c.loaded {
			continue
		}
		k, ok := keys[c.Category]
		if !ok {
			k = ancestorKeys(paths[c.Category])
			keys[c.Category] = k
		}
		c.f = r.features(c, k)
		c.score = c.f.dot(w)
	}
}

// paths returns the category paths of the catalog, by id (kept in memory).
func (r *recommender) paths(ctx context.Context) (map[int64]string, error) {
	ids := map[int64]int{}
	for _, c := range r.cands {
		if c.loaded && c.Category != 0 {
			ids[c.Category]++
		}
	}
	paths, err := r.c.CategoryPaths(ctx, maps.Keys(ids))
	if err != nil {
		return nil, fmt.Errorf("recommend: %w", err)
	}
	return paths, nil
}

// features computes c's signals; keys are the ancestorKeys of its category.
func (r *recommender) features(c *cand, keys []string) features {
	var f features
	p := &r.prof
	if c.textRank >= 0 {
		f.text = 1 / (1 + float64(c.textRank)/10)
	}
	if _, ok := p.statedCatIDs[c.Category]; ok {
		f.statedCat = 1
	}
	if p.statedBrands[c.BrandKey] {
		f.statedBrand = 1
	}
	if len(keys) > 0 {
		f.histCat = p.catShare[keys[len(keys)-1]]
		if len(keys) > 1 {
			f.histCat += 0.25 * p.catShare[keys[len(keys)-2]]
		}
		f.histCat = min(1, f.histCat)
	}
	f.histBrand = p.brandShare[c.BrandKey]
	if r.maxCo > 0 {
		f.co = c.co / r.maxCo
	}
	if r.maxSimilar > 0 {
		f.similar = c.similar / r.maxSimilar
	}
	if o, ok := p.reorders[c.ID]; ok {
		f.due = o.due(r.in.Now)
	}
	f.price = p.price.fit(c.Amount, c.Exp)
	f.quality = min(1, max(0, (c.Quality()-3)/2))
	if r.maxOrders > 0 {
		f.pop += 0.5 * math.Log1p(float64(c.Orders)) / math.Log1p(float64(r.maxOrders))
	}
	if m := r.catMaxBuyers[c.Category]; c.Category != 0 && m > 0 {
		// Popular among the candidates of its category, for the categories the
		// customer shops in: a category with catPopShare of the recent purchases, or a
		// favourite one, counts fully.
		f.catPop = math.Log1p(float64(c.Buyers)) / math.Log1p(float64(m)) * min(1, f.histCat/catPopShare+f.statedCat)
	}
	if r.maxKNN > 0 {
		f.knn = c.knn / r.maxKNN
	}
	if c.Category == 0 {
		f.histType = min(1, p.typeShare[c.Head])
	}
	if r.maxRevs > 0 {
		f.pop += 0.5 * math.Log1p(float64(c.Reviews)) / math.Log1p(float64(r.maxRevs))
	}
	return f
}

// pick returns the best candidates in order, at most in.Limit, with no brand above
// MaxPerBrand and one product per variant group. Without context or a category, a
// category may hold at most catShare of the list and never all of it (a fifth for cold
// starts), unless there are too few other candidates to fill it. For personal picks, the last coSlots share of
// the list goes first to the candidates most bought with the customer's purchases
// (item-to-item similarity alone, c.co) that the score did not place higher: the
// blended score and the co-purchases alone each find products the other misses.
func (r *recommender) pick() []*cand {
	var ranked, byCo []*cand
	for _, ref := range r.order {
		if c := r.cands[ref]; c.loaded {
			ranked = append(ranked, c)
			if c.co > 0 {
				byCo = append(byCo, c)
			}
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool {
		if ranked[i].score != ranked[j].score {
			return ranked[i].score > ranked[j].score
		}
		return ranked[i].Ref < ranked[j].Ref
	})
	// The co-purchase places go by the two co-purchase features of the score.
	coKey := func(c *cand) float64 { return r.w.co*c.f.co + r.w.knn*c.f.knn }
	if r.w.co == 0 && r.w.knn == 0 {
		coKey = func(c *cand) float64 { return c.f.co }
	}
	sort.SliceStable(byCo, func(i, j int) bool {
		if ki, kj := coKey(byCo[i]), coKey(byCo[j]); ki != kj {
			return ki > kj
		}
		return byCo[i].Ref < byCo[j].Ref
	})
	limit := r.in.Limit
	catCap := limit
	coSlots := 0
	if r.personal {
		coSlots = int(math.Round(float64(limit) * r.p.coSlots))
		if r.in.Category == "" {
			// At least one place is left for another category.
			catCap = max(1, min(limit-1, int(math.Ceil(float64(limit)*r.p.catShare))))
			if r.cold {
				catCap = max(1, (limit+4)/5)
			}
		}
	}
	picked := make([]*cand, 0, limit)
	taken := map[catalog.Ref]bool{}
	brands, cats, groups := map[string]int{}, map[int64]int{}, map[string]bool{}
	// take adds from list while the list is shorter than upTo, skipping what the
	// rules leave out; capped applies the category cap.
	take := func(list []*cand, upTo int, capped bool) {
		for _, c := range list {
			switch {
			case len(picked) >= upTo:
				return
			case taken[c.Ref], brands[c.BrandKey] >= MaxPerBrand(limit) && c.BrandKey != "",
				c.GroupID != "" && groups[c.GroupID], capped && c.Category != 0 && cats[c.Category] >= catCap:
				continue
			}
			taken[c.Ref] = true
			brands[c.BrandKey]++
			cats[c.Category]++
			groups[c.GroupID] = c.GroupID != ""
			picked = append(picked, c)
		}
	}
	if r.personal && r.madeFor > 0 {
		// After a durable purchase, what it needs takes the first madeForSlots places,
		// a type once each first (a battery, a card, a lens before a second battery),
		// and a second product of its own type leads nothing: it comes after the rest,
		// unless its type is one this customer or the shop's customers buy again.
		var made, again []*cand
		for _, c := range ranked {
			if c.madeFor != "" {
				made = append(made, c)
			}
		}
		made = oneOfEachHeadFirst(made)
		slots, demote := madeForSlots, true
		if r.bought != nil && !r.bought.byModel {
			slots, demote = r.p.fitSlots, r.p.fitDemote
		}
		take(made, int(math.Round(float64(limit)*slots)), true)
		if r.bought != nil && demote && !r.rebought(ranked) {
			kept := ranked[:0:0]
			for _, c := range ranked {
				if r.substitute(c) {
					again = append(again, c)
				} else {
					kept = append(kept, c)
				}
			}
			ranked = append(kept, again...)
			byCo = slices.DeleteFunc(byCo, r.substitute)
		}
	}
	take(ranked, limit-coSlots, true)
	take(byCo, limit, true)
	take(ranked, limit, true)
	take(ranked, limit, false)
	return picked
}

// substitute reports whether c is another product of the just-bought product's type,
// not made for it: a substitute for what the customer has just bought.
func (r *recommender) substitute(c *cand) bool {
	return c.madeFor == "" && r.bought.sameType(c.Category, c.Head)
}

// rebought reports whether the just-bought product's type is one people buy again, so
// that a second of it is no substitute: the customer bought it more than once, or
// bought another product of its type before; or, in the shop's order history, at least
// MinCoCustomers customers bought it with another product of its type (a co-purchase
// of it among the candidates, ranked).
func (r *recommender) rebought(ranked []*cand) bool {
	b := r.bought
	if r.prof.times[b.id] > 1 {
		return true
	}
	last := r.prof.recent[0]
	for _, h := range r.prof.recent[1:] {
		if h.Category != "" && last.Category != "" {
			if h.Category == last.Category {
				return true
			}
		} else if s, ok := r.prof.sales[h.ProductID]; ok && s.Head != "" && slices.Contains(b.types, s.Head) {
			return true
		}
	}
	for _, c := range ranked {
		if c.madeFor == "" && b.sameType(c.Category, c.Head) && slices.ContainsFunc(c.links, func(l coLink) bool { return l.from == b.id }) {
			return true
		}
	}
	return false
}

// madeForSlots is the share of a personal list that products made for a just-bought
// durable take first (see fromMadeFor).
const madeForSlots = 0.4

// oneOfEachHeadFirst orders cs (ranked) with the first of each type before the
// others, each part in its order.
func oneOfEachHeadFirst(cs []*cand) []*cand {
	seen := map[string]bool{}
	first, rest := make([]*cand, 0, len(cs)), []*cand{}
	for _, c := range cs {
		if c.Head != "" && seen[c.Head] {
			rest = append(rest, c)
			continue
		}
		seen[c.Head] = true
		first = append(first, c)
	}
	return append(first, rest...)
}

// result loads the picked products in full and writes their reasons.
func (r *recommender) result(ctx context.Context, picked []*cand) ([]Item, error) {
	if len(picked) == 0 {
		return nil, nil
	}
	refs := make([]catalog.Ref, len(picked))
	for i, c := range picked {
		refs[i] = c.Ref
	}
	products, err := r.c.Products(ctx, refs)
	if err != nil {
		return nil, fmt.Errorf("recommend: %w", err)
	}
	titles, err := r.titles(ctx, picked)
	if err != nil {
		return nil, err
	}
	if err := r.matchedWords(ctx, picked, refs); err != nil {
		return nil, err
	}
	// products is in the order of picked, without any removed since they were loaded.
	out := make([]Item, 0, len(products))
	for _, c := range picked {
		if len(out) == len(products) || products[len(out)].ID != c.ID {
			continue
		}
		p := products[len(out)]
		out = append(out, Item{Product: p, Score: math.Round(c.score*1000) / 1000, Reasons: r.reasons(c, &p, titles)})
	}
	return out, nil
}

func sortByShare(keys []string, share map[string]float64) {
	sort.SliceStable(keys, func(i, j int) bool { return share[keys[i]] > share[keys[j]] })
}

// shortTitle is a title cut at its first comma (which usually starts the variant) and
// to at most 60 characters, between words when it can (text.Ellipsize).
func shortTitle(t string) string {
	if i := strings.Index(t, ", "); i > 0 {
		t = t[:i]
	}
	return text.Ellipsize(t, 60)
}
