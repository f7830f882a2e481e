package recommend

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Profile limits: history older than a half-life counts half as much; only so many
// favourites and history items feed the candidate queries (all of them feed scoring).
const (
	halfLifeDays     = 120
	coHalfLifeDays   = 30 // chosen by TestLearnWeights from 30–730 (see weights)
	maxSourceCats    = 12 // category ids queried for candidates
	maxSourceBrands  = 10
	maxLearned       = 4 // learned categories and brands used as candidate sources
	maxCoSources     = 20
	minLearnedShare  = 0.05
	minHistoryPrices = 3
	// historyPrior is how many (recency-weighted) purchases count as half the evidence
	// of a taste.
	historyPrior = 2.0
)

// profile is what an Input says about the customer's taste.
type profile struct {
	// catShare maps a category key (lower-cased path) and each of its ancestors to the
	// recency-weighted share of purchases in it; brandShare does the same for brand keys.
	catShare, brandShare map[string]float64
	catCount, brandCount map[string]int
	// typeShare maps a product type (catalog.Candidate.Head, the head noun of a title)
	// to the recency-weighted share of purchases of that type, over the maxCoSources most
	// recent products bought: the stand-in for catShare of products without a category.
	typeShare map[string]float64
	// sales are the catalog's sales and type of the maxCoSources most recent products
	// bought, by id.
	sales  map[string]catalog.ProductSales
	recent []Purchase         // distinct products bought, most recent first
	weight map[string]float64 // product id → recency weight of its purchases, summed
	// coWeight is a product's weight as a source of co-purchases: the recency of its
	// latest purchase with the co-purchase half-life.
	coWeight map[string]float64
	times    map[string]int     // product id → how many times it was bought
	reorders map[string]reorder // products bought on several days, by id
	price    priceBand

	statedCats   []statedCategory
	statedCatIDs map[int64]int // category id → index in statedCats
	statedBrands map[string]bool
	learnedCats  []int64 // category ids of the top learned leaf categories
}

// statedCategory is one favourite category and the ids it matches.
type statedCategory struct {
	key string // normalized, lower-cased
	ids []int64
}

// priceBand is the customer's usual price level: the mean and spread of the log of
// the major-unit prices they paid.
type priceBand struct {
	mu, sigma float64
	n         int
}

func (p *profile) personal() bool {
	return len(p.statedCats) > 0 || len(p.statedBrands) > 0 || len(p.recent) > 0
}

// fit is how close a price is to the band: 1 at its centre, towards 0 far away, and 0
// when there is too little history to tell.
func (b priceBand) fit(amount int64, exp int) float64 {
	if b.n < minHistoryPrices || amount <= 0 {
		return 0
	}
	d := (math.Log(float64(amount)/math.Pow10(exp)) - b.mu) / b.sigma
	return math.Exp(-d * d / 2)
}

func (r *recommender) buildProfile(ctx context.Context) error {
	p := &r.prof
	p.catShare, p.brandShare = map[string]float64{}, map[string]float64{}
	p.catCount, p.brandCount = map[string]int{}, map[string]int{}
	p.weight, p.coWeight, p.times = map[string]float64{}, map[string]float64{}, map[string]int{}
	hist := append([]Purchase(nil), r.in.History...)
	sort.SliceStable(hist, func(i, j int) bool { return hist[i].At.After(hist[j].At) })
	var total, pw, psum, psq float64
	for _, h := range hist {
		h.ProductID = strings.TrimSpace(h.ProductID)
		w := r.decay(h)
		total += w
		if _, ok := p.weight[h.ProductID]; !ok && h.ProductID != "" {
			p.recent = append(p.recent, h)
		}
		p.weight[h.ProductID] += w
		p.times[h.ProductID]++
		for _, k := range ancestorKeys(h.Category) {
			p.catShare[k] += w
			p.catCount[k]++
		}
		if k := catalog.BrandKey(h.Brand); k != "" {
			p.brandShare[k] += w
			p.brandCount[k]++
		}
		if h.Price.Amount > 0 {
			x := math.Log(float64(h.Price.Amount) / math.Pow10(money.Exponent(h.Price.Currency)))
			pw, psum, psq = pw+w, psum+w*x, psq+w*x*x
			p.price.n++
		}
	}
	p.reorders = reorders(hist)
	r.coWeights()
	if err := r.readSales(ctx); err != nil {
		return err
	}
	// Shares are shrunk while there is little history: one purchase says less about a
	// taste than ten.
	conf := total / (total + historyPrior)
	for _, m := range []map[string]float64{p.catShare, p.brandShare, p.typeShare} {
		for k := range m {
			m[k] = m[k] / total * conf
		}
	}
	if pw > 0 {
		p.price.mu = psum / pw
		p.price.sigma = max(0.3, math.Sqrt(max(0, psq/pw-p.price.mu*p.price.mu)))
	}
	p.statedBrands = map[string]bool{}
	for _, b := range r.in.FavoriteBrands {
		if k := catalog.BrandKey(b); k != "" {
			p.statedBrands[k] = true
		}
	}
	if err := r.statedCategories(ctx); err != nil {
		return err
	}
	return r.learnedCategories(ctx)
}

// readSales reads the sales and types of the most recent purchases (p.sales) and sums
// their recency weights by type (p.typeShare, not yet divided by the total).
func (r *recommender) readSales(ctx context.Context) error {
	p := &r.prof
	p.typeShare = map[string]float64{}
	recent := p.recent[:min(len(p.recent), maxCoSources)]
	if len(recent) == 0 {
		return nil
	}
	ids := make([]string, len(recent))
	for i, h := range recent {
		ids[i] = h.ProductID
	}
	sales, err := r.c.SalesOf(ctx, ids)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	p.sales = sales
	for id, s := range sales {
		if s.Head != "" {
			p.typeShare[s.Head] += p.weight[id]
		}
	}
	return nil
}

// coWeights sets p.coWeight from the history and the co-purchase half-life.
func (r *recommender) coWeights() {
	p := &r.prof
	clear(p.coWeight)
	for _, h := range r.in.History {
		id := strings.TrimSpace(h.ProductID)
		p.coWeight[id] = max(p.coWeight[id], r.decayOver(h, r.p.coHalfLife))
	}
}

// decay is the weight of a purchase: 1 now, halving every r.halfLife days
// (halfLifeDays).
func (r *recommender) decay(h Purchase) float64 {
	return r.decayOver(h, r.p.halfLife)
}

// decayOver is the weight of a purchase with the given half-life, in days.
func (r *recommender) decayOver(h Purchase, halfLife float64) float64 {
	if h.At.IsZero() {
		return 0.5
	}
	days := r.in.Now.Sub(h.At).Hours() / 24
	return math.Exp2(-max(0, days) / halfLife)
}

func (r *recommender) statedCategories(ctx context.Context) error {
	p := &r.prof
	p.statedCatIDs = map[int64]int{}
	seen := map[string]bool{}
	for _, fav := range r.in.FavoriteCategories {
		key := strings.ToLower(catalog.NormalizeCategory(fav))
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		ids, err := r.c.CategoriesMatching(ctx, key)
		if err != nil {
			return fmt.Errorf("recommend: %w", err)
		}
		sc := statedCategory{key: key, ids: ids}
		for _, id := range ids {
			if _, ok := p.statedCatIDs[id]; !ok {
				p.statedCatIDs[id] = len(p.statedCats)
			}
		}
		p.statedCats = append(p.statedCats, sc)
	}
	return nil
}

// learnedCategories finds the ids of the leaf categories the customer buys most.
func (r *recommender) learnedCategories(ctx context.Context) error {
	p := &r.prof
	var leaves []string
	for _, h := range p.recent {
		if k := strings.ToLower(catalog.NormalizeCategory(h.Category)); k != "" && !slices.Contains(leaves, k) {
			leaves = append(leaves, k)
		}
	}
	sort.SliceStable(leaves, func(i, j int) bool { return p.catShare[leaves[i]] > p.catShare[leaves[j]] })
	for len(leaves) > 0 && (len(leaves) > maxLearned || p.catShare[leaves[len(leaves)-1]] < minLearnedShare) {
		leaves = leaves[:len(leaves)-1]
	}
	if len(leaves) == 0 {
		return nil
	}
	ids, err := r.c.CategoriesNamed(ctx, leaves)
	if err != nil {
		return fmt.Errorf("recommend: %w", err)
	}
	p.learnedCats = ids
	return nil
}

// ancestorKeys returns the lower-cased keys of a category path and of each ancestor:
// "A > B > C" gives "a", "a > b", "a > b > c".
func ancestorKeys(path string) []string {
	key := strings.ToLower(catalog.NormalizeCategory(path))
	if key == "" {
		return nil
	}
	parts := strings.Split(key, " > ")
	out := make([]string, len(parts))
	for i := range parts {
		out[i] = strings.Join(parts[:i+1], " > ")
	}
	return out
}
