package recommend

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// MaxRankedMatches exports maxRankedMatches to the tests of package recommend_test.
const MaxRankedMatches = maxRankedMatches

// WeightNames are the names RankWith and DefaultWeights give the weights of the score.
var WeightNames = []string{"text", "statedCat", "statedBrand", "histCat", "histBrand", "co", "similar", "price", "quality", "pop", "catPop", "due", "knn", "histType"}

func (f *features) field(name string) *float64 {
	switch name {
	case "text":
		return &f.text
	case "statedCat":
		return &f.statedCat
	case "statedBrand":
		return &f.statedBrand
	case "histCat":
		return &f.histCat
	case "histBrand":
		return &f.histBrand
	case "co":
		return &f.co
	case "similar":
		return &f.similar
	case "price":
		return &f.price
	case "quality":
		return &f.quality
	case "pop":
		return &f.pop
	case "catPop":
		return &f.catPop
	case "due":
		return &f.due
	case "knn":
		return &f.knn
	case "histType":
		return &f.histType
	}
	panic(fmt.Sprintf("no weight %q", name))
}

// DefaultWeights returns the committed weights by name, and the half-life of the
// history as "halfLifeDays".
func DefaultWeights() map[string]float64 {
	w := weights()
	out := map[string]float64{"halfLifeDays": halfLifeDays, "coHalfLifeDays": coHalfLifeDays}
	for _, n := range WeightNames {
		out[n] = *w.field(n)
	}
	return out
}

// RankWith is Rank with the weights named in w; nil means the committed ones, and a
// name w lacks keeps its committed weight.
func RankWith(ctx context.Context, c *catalog.Catalog, in Input, w map[string]float64) (Result, error) {
	return rank(ctx, c, in, paramsWith(w))
}

// paramsWith returns the committed parameters with those named in w.
func paramsWith(w map[string]float64) params {
	p := defaultParams()
	for n, v := range w {
		switch {
		case n == "halfLifeDays":
			p.halfLife = v
		case n == "coHalfLifeDays":
			p.coHalfLife = v
		case n == "coSlots":
			p.coSlots = v
		case n == "catCap":
			p.catShare = v
		case n == "coAlpha":
			p.coAlpha = v
		case n == "fitSlots":
			p.fitSlots = v
		case n == "fitDemote":
			p.fitDemote = v != 0
		default:
			*p.w.field(n) = v
		}
	}
	return p
}

// Prepared is one Rank call stopped once its candidates are read, loaded and their
// category paths known, so that a test can rank them again with other weights without
// reading the catalog (the history's half-life, which shapes the profile and the
// candidates, stays the one Prepare was given; the co-purchase half-life only weighs
// the pairs, and may change).
type Prepared struct {
	r      *recommender
	paths  map[int64]string
	scored bool // the candidates' features are computed
}

// Prepare runs Rank up to the scoring, with the parameters named in w; nil when the
// input leaves nothing to rank.
func Prepare(ctx context.Context, c *catalog.Catalog, in Input, w map[string]float64) (*Prepared, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	pr := paramsWith(w)
	r := &recommender{c: c, in: in, w: pr.w, p: pr, cands: map[catalog.Ref]*cand{}}
	var out Result
	if ok, err := r.setup(ctx, &out); err != nil || !ok {
		return nil, err
	}
	if err := r.gather(ctx, &out); err != nil {
		return nil, err
	}
	if err := r.load(ctx); err != nil {
		return nil, err
	}
	paths, err := r.paths(ctx)
	if err != nil {
		return nil, err
	}
	return &Prepared{r: r, paths: paths}, nil
}

// Rank ranks the prepared candidates with the weights named in w (and coSlots) and
// returns the ids Rank would return, in order (before the final load, which only drops
// products changed since).
func (p *Prepared) Rank(w map[string]float64) []string {
	pr := paramsWith(w)
	pr.halfLife = p.r.p.halfLife
	if !p.scored || pr.coAlpha != p.r.p.coAlpha || pr.coHalfLife != p.r.p.coHalfLife {
		p.r.p, p.r.w = pr, pr.w
		p.r.coWeights()
		p.r.scoreWith(p.paths)
		p.scored = true
	} else {
		// The features do not depend on the weights: only the scores change.
		p.r.p, p.r.w = pr, pr.w
		for _, c := range p.r.cands {
			if c.loaded {
				c.score = c.f.dot(pr.w)
			}
		}
	}
	var ids []string
	for _, c := range p.r.pick() {
		ids = append(ids, c.ID)
	}
	return ids
}

// CandidateFacts is what a test may inspect of one scored candidate.
type CandidateFacts struct {
	ID       string
	Features map[string]float64
	Co       float64 // the summed, recency-weighted cosine
	CoN      int64   // customers of its strongest pair
	Score    float64
	Category int64  // category id; 0 for none
	Head     string // the catalog's type (catalog.Candidate.Head)
}

// Candidates returns the loaded candidates as last ranked, best score first.
func (p *Prepared) Candidates() []CandidateFacts {
	var out []CandidateFacts
	for _, ref := range p.r.order {
		c := p.r.cands[ref]
		if !c.loaded {
			continue
		}
		f := map[string]float64{}
		for _, n := range WeightNames {
			f[n] = *c.f.field(n)
		}
		out = append(out, CandidateFacts{ID: c.ID, Features: f, Co: c.co, CoN: c.coN, Score: c.score, Category: c.Category, Head: c.Head})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// CoSlotShare exports coSlotShare.
const CoSlotShare = coSlotShare

// CoAlpha exports coAlphaDamping.
const CoAlpha = coAlphaDamping

// CatCapShare exports catCapShare.
const CatCapShare = catCapShare

// Rows returns the loaded candidates as last ranked, best score first: their ids and
// the features named in names, in that order (a compact Candidates for fitting).
func (p *Prepared) Rows(names []string) ([]string, [][]float64) {
	var cs []*cand
	for _, ref := range p.r.order {
		if c := p.r.cands[ref]; c.loaded {
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	ids, rows := make([]string, len(cs)), make([][]float64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
		rows[i] = make([]float64, len(names))
		for k, n := range names {
			rows[i][k] = *c.f.field(n)
		}
	}
	return ids, rows
}

// RankBy is Rank(w) with each candidate's score score(x) instead of the weighted sum, x
// its features named in names (the other parameters, and the co-purchase places' order,
// as w gives them).
func (p *Prepared) RankBy(w map[string]float64, names []string, score func(x []float64) float64) []string {
	p.Rank(w)
	x := make([]float64, len(names))
	for _, c := range p.r.cands {
		if c.loaded {
			for k, n := range names {
				x[k] = *c.f.field(n)
			}
			c.score = score(x)
		}
	}
	var ids []string
	for _, c := range p.r.pick() {
		ids = append(ids, c.ID)
	}
	return ids
}

// RankPlus is Rank(w) with weight·extra[id] added to each candidate's score: a signal
// a test computes itself, tried as one more feature before it is built. With coPlaces
// it also orders the co-purchase places (through the knn feature, which orders them
// with co; w's knn must not be 0).
func (p *Prepared) RankPlus(w map[string]float64, extra map[string]float64, weight float64, coPlaces bool) []string {
	p.Rank(w)
	saved := map[*cand]float64{}
	for _, c := range p.r.cands {
		x := extra[c.ID]
		if !c.loaded || x == 0 {
			continue
		}
		c.score += weight * x
		if coPlaces && p.r.w.knn != 0 {
			saved[c] = c.f.knn
			c.f.knn += weight * x / p.r.w.knn
		}
	}
	var ids []string
	for _, c := range p.r.pick() {
		ids = append(ids, c.ID)
	}
	for c, v := range saved {
		c.f.knn = v
	}
	return ids
}

// MadeFor is how many candidates are made for the just-bought product: those lead
// the list whatever the score (see pick).
func (p *Prepared) MadeFor() int { return p.r.madeFor }

// Fate says what became of product id in the prepared ranking last ranked (Rank,
// RankPlus or RankBy), and its place among the loaded candidates by score (0 the best;
// -1 when it was not loaded): "picked", or why not. Before scoring: "not a candidate"
// (no source found it), "outside the pool" (a hard rule: not buyable now, outside the
// price range, a disliked brand or an excluded seller) or "excluded" (already bought).
// Among the limit best scores but left out by the pick: "variant group", "brand cap",
// "category cap", or "co-purchase places" (displaced by the places kept for the
// candidates most bought with the customer's purchases). Otherwise "scored below". A
// candidate outside the pool is known by its Ref only, which Fate reads from the catalog.
func (p *Prepared) Fate(ctx context.Context, id string) (string, int, error) {
	sales, err := p.r.c.SalesOf(ctx, []string{id})
	if err != nil {
		return "", -1, err
	}
	s, ok := sales[id]
	c := p.r.cands[s.Ref]
	switch {
	case !ok || c == nil:
		return "not a candidate", -1, nil
	case !c.read:
		return "outside the pool", -1, nil
	case !c.loaded:
		return "excluded", -1, nil
	}
	place := 0
	for _, k := range p.r.cands {
		if k.loaded && k != c && (k.score > c.score || k.score == c.score && k.Ref < c.Ref) {
			place++
		}
	}
	picked := p.r.pick()
	brands, cats, groups := map[string]int{}, map[int64]int{}, map[string]bool{}
	for _, k := range picked {
		if k == c {
			return "picked", place, nil
		}
		brands[k.BrandKey]++
		cats[k.Category]++
		groups[k.GroupID] = groups[k.GroupID] || k.GroupID != ""
	}
	limit := p.r.in.Limit
	switch {
	case place >= limit:
		return "scored below", place, nil
	case c.GroupID != "" && groups[c.GroupID]:
		return "variant group", place, nil
	case c.BrandKey != "" && brands[c.BrandKey] >= MaxPerBrand(limit):
		return "brand cap", place, nil
	case c.Category != 0 && p.r.in.Category == "" && cats[c.Category] >= max(1, min(limit-1, int(math.Ceil(float64(limit)*p.r.p.catShare)))):
		return "category cap", place, nil
	}
	return "co-purchase places", place, nil
}

// Picked returns the features of the products the last ranking picked, in order.
func (p *Prepared) Picked() []map[string]float64 {
	var out []map[string]float64
	for _, c := range p.r.pick() {
		f := map[string]float64{}
		for _, n := range WeightNames {
			f[n] = *c.f.field(n)
		}
		out = append(out, f)
	}
	return out
}

// FeaturesOf returns the features of the loaded candidate id, or nil.
func (p *Prepared) FeaturesOf(id string) map[string]float64 {
	for _, c := range p.r.cands {
		if c.ID == id && c.loaded {
			f := map[string]float64{}
			for _, n := range WeightNames {
				f[n] = *c.f.field(n)
			}
			return f
		}
	}
	return nil
}
