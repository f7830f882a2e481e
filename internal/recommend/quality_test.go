package recommend_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The offline evaluation of recommend. A synthetic population shops the demo catalog:
// every shopper has hidden tastes (two or three favourite categories, one or two
// favourite brands, perhaps a disliked brand, a price band) and places 10 to 15
// orders drawn from those tastes with noise. Each shopper's last order is held out;
// the rest are the history, and the co-purchase and sales statistics are built from
// those training orders only. Half the shoppers have also stated preferences, which
// are partial and noisy (some favourites left out or named by their parent category,
// a wrong one added, a loose price range); the other half have history only.
//
// For every shopper, the ranking input is built by Facts.Input, exactly as Service
// builds it from stored preferences and orders, and Rank is asked for 10 products. A hit is the held-out product among them. The baselines,
// which also skip what the shopper bought: popularity (the best sellers of the
// training orders), the best sellers of the categories the shopper bought from most,
// and random.

// evalNow is the time of the held-out orders, when recommend is asked.
var evalNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// evalLimit is how many products each shopper is recommended.
var evalLimit = 10

const evalSeed = 20250601

// shopper is one synthetic customer.
type shopper struct {
	stated  bool
	prefs   store.Preferences
	orders  []store.Order // the training orders, newest first
	heldOut string        // the product of the last order
}

// taste is what a shopper really likes; recommend never sees it.
type taste struct {
	cats     []string
	brands   map[string]bool
	disliked string
	lo, hi   float64 // price band, major units
}

// population is the synthetic customers and what their training orders add up to.
type population struct {
	shoppers []shopper
	sales    []catalog.Sale
	counts   map[string]int // training orders per product
}

// synthesize makes n shoppers over products (only purchasable ones are bought).
func synthesize(products []catalog.Product, n int, seed uint64) population {
	var pool []*catalog.Product
	byCat := map[string][]*catalog.Product{}
	brandsOf := map[string][]string{}
	var cats, brands []string
	for i := range products {
		p := &products[i]
		if !p.Purchasable() || p.Hidden {
			continue
		}
		pool = append(pool, p)
		if byCat[p.Category] == nil {
			cats = append(cats, p.Category)
		}
		byCat[p.Category] = append(byCat[p.Category], p)
		if !slices.Contains(brandsOf[p.Category], p.Brand) {
			brandsOf[p.Category] = append(brandsOf[p.Category], p.Brand)
		}
		if !slices.Contains(brands, p.Brand) {
			brands = append(brands, p.Brand)
		}
	}
	pop := population{counts: map[string]int{}}
	for i := range n {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		tz := drawTaste(r, cats, brands, brandsOf)
		s := shop(r, tz, pool, byCat, fmt.Sprintf("cus_eval_%05d", i))
		s.stated = r.IntN(2) == 0
		if s.stated {
			s.prefs = statePreferences(r, tz, cats, brands)
		}
		pop.shoppers = append(pop.shoppers, s)
		// The training orders, oldest first, each paired with what was bought before.
		var before []string
		for j := len(s.orders) - 1; j >= 0; j-- {
			o := s.orders[j]
			pop.sales = append(pop.sales, catalog.Sale{ProductID: o.ProductID, Quantity: 1, AlsoBought: slices.Clone(before), At: o.CreatedAt})
			pop.counts[o.ProductID]++
			before = append([]string{o.ProductID}, before...)
		}
	}
	return pop
}

func drawTaste(r *rand.Rand, cats, brands []string, brandsOf map[string][]string) taste {
	tz := taste{brands: map[string]bool{}}
	for _, i := range r.Perm(len(cats))[:2+r.IntN(2)] {
		tz.cats = append(tz.cats, cats[i])
	}
	var near []string
	for _, c := range tz.cats {
		near = append(near, brandsOf[c]...)
	}
	for range 1 + r.IntN(2) {
		tz.brands[near[r.IntN(len(near))]] = true
	}
	if r.Float64() < 0.25 {
		tz.brands[brands[r.IntN(len(brands))]] = true
	}
	if r.Float64() < 0.4 {
		if b := near[r.IntN(len(near))]; !tz.brands[b] {
			tz.disliked = b
		}
	}
	centre := math.Exp(math.Log(15) + r.Float64()*math.Log(250.0/15))
	tz.lo, tz.hi = centre/2, centre*2
	return tz
}

// shop draws 10 to 15 distinct products from the shopper's tastes: 70% from a
// favourite category, 15% from a favourite brand anywhere, 15% from anything. Within
// a draw, well reviewed products, favourite brands and the price band are likelier.
func shop(r *rand.Rand, tz taste, pool []*catalog.Product, byCat map[string][]*catalog.Product, customer string) shopper {
	n := 10 + r.IntN(6)
	bought := map[string]bool{}
	times := make([]time.Time, n)
	for i := range times {
		times[i] = evalNow.Add(-time.Duration(1+r.IntN(365*24)) * time.Hour)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	times[n-1] = evalNow.Add(-time.Hour) // the held-out order is the latest
	var s shopper
	for k := range n {
		var from []*catalog.Product
		switch u := r.Float64(); {
		case u < 0.70:
			from = byCat[tz.cats[r.IntN(len(tz.cats))]]
		case u < 0.85:
			for _, p := range pool {
				if tz.brands[p.Brand] {
					from = append(from, p)
				}
			}
		}
		p := drawProduct(r, tz, from, bought)
		if p == nil {
			p = drawProduct(r, tz, pool, bought)
		}
		bought[p.ID] = true
		if k == n-1 {
			s.heldOut = p.ID
			break
		}
		s.orders = append([]store.Order{{
			ID: fmt.Sprintf("ord_%s_%02d", customer, k), CustomerID: customer, Status: store.OrderCompleted,
			ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Quantity: 1,
			UnitAmount: p.Price.Amount, Total: p.Price.Amount, Currency: p.Price.Currency, CreatedAt: times[k],
		}}, s.orders...)
	}
	return s
}

func drawProduct(r *rand.Rand, tz taste, from []*catalog.Product, bought map[string]bool) *catalog.Product {
	weights := make([]float64, len(from))
	total := 0.0
	for i, p := range from {
		if bought[p.ID] || p.Brand == tz.disliked {
			continue
		}
		w := (1 + math.Log1p(float64(p.ReviewCount))) * max(p.Rating, 3) / 4
		if tz.brands[p.Brand] {
			w *= 3
		}
		if v := float64(p.Price.Amount) / 100; v < tz.lo || v > tz.hi {
			w *= 0.15
		}
		weights[i], total = w, total+w
	}
	if total == 0 {
		return nil
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x -= w; x < 0 && w > 0 {
			return from[i]
		}
	}
	for i := len(from) - 1; i >= 0; i-- {
		if weights[i] > 0 {
			return from[i]
		}
	}
	return nil
}

// statePreferences is what a shopper tells: each favourite category with chance 0.6
// (half of them by the parent category, which is broader), each favourite brand with
// chance 0.5, sometimes a wrong favourite, the disliked brand with chance 0.8, and half
// the time a price range looser than the real band.
func statePreferences(r *rand.Rand, tz taste, cats, brands []string) store.Preferences {
	var p store.Preferences
	for _, c := range tz.cats {
		if r.Float64() < 0.6 {
			if segs := strings.Split(c, " > "); r.IntN(2) == 0 && len(segs) > 1 {
				c = strings.Join(segs[:len(segs)-1], " > ")
			}
			p.FavoriteCategories = append(p.FavoriteCategories, c)
		}
	}
	if r.Float64() < 0.2 {
		p.FavoriteCategories = append(p.FavoriteCategories, cats[r.IntN(len(cats))])
	}
	for _, b := range sortedKeys(tz.brands) {
		if r.Float64() < 0.5 {
			p.FavoriteBrands = append(p.FavoriteBrands, b)
		}
	}
	if b := brands[r.IntN(len(brands))]; r.Float64() < 0.2 && b != tz.disliked {
		p.FavoriteBrands = append(p.FavoriteBrands, b)
	}
	if tz.disliked != "" && r.Float64() < 0.8 && !slices.Contains(p.FavoriteBrands, tz.disliked) {
		p.DislikedBrands = []string{tz.disliked}
	}
	if r.IntN(2) == 0 {
		lo, hi := math.Floor(tz.lo/2), math.Ceil(tz.hi*1.5)
		p.PriceMin, p.PriceMax = &lo, &hi
	}
	p, err := p.Normalize() // as the store would hold them
	if err != nil {
		panic(err) // the generator is wrong
	}
	return p
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// metrics accumulates HitRate@10 and NDCG@10.
type metrics struct {
	n          int
	hits, ndcg float64
}

func (s *metrics) add(list []string, want string) {
	s.n++
	if i := slices.Index(list, want); i >= 0 && i < 10 {
		s.hits++
		s.ndcg += 1 / math.Log2(float64(i)+2)
	}
}

func (s metrics) hitRate() float64 { return s.hits / float64(max(s.n, 1)) }
func (s metrics) ndcgAt() float64  { return s.ndcg / float64(max(s.n, 1)) }

func TestRecommendQuality(t *testing.T) {
	customers := 2000
	if testing.Short() {
		customers = 400
	}
	ctx := context.Background()
	cat := testshop.DemoCatalog(t, "")
	products := demo.Products()
	pop := synthesize(products, customers, evalSeed)
	if err := cat.RecordSales(ctx, pop.sales); err != nil {
		t.Fatal(err)
	}

	// The popularity baseline: best sellers of the training orders.
	bestSellers := make([]string, 0, len(pop.counts))
	for id := range pop.counts {
		bestSellers = append(bestSellers, id)
	}
	sort.Slice(bestSellers, func(i, j int) bool {
		a, b := bestSellers[i], bestSellers[j]
		return pop.counts[a] > pop.counts[b] || pop.counts[a] == pop.counts[b] && a < b
	})
	var purchasable []string
	for _, p := range products {
		if p.Purchasable() {
			purchasable = append(purchasable, p.ID)
		}
	}

	lists := make([][]string, len(pop.shoppers))
	err := forEachParallel(len(pop.shoppers), func(i int) error {
		s := pop.shoppers[i]
		res, err := recommend.Rank(ctx, cat, recommend.Facts{Preferences: s.prefs, Orders: s.orders}.Input(recommend.Request{Limit: evalLimit}, evalNow))
		for _, it := range res.Items {
			lists[i] = append(lists[i], it.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	categoryOf := map[string]string{}
	for _, p := range products {
		categoryOf[p.ID] = p.Category
	}
	var rec, recStated, recHistory, popular, usual, random metrics
	rr := rand.New(rand.NewPCG(evalSeed, 1))
	for i, s := range pop.shoppers {
		rec.add(lists[i], s.heldOut)
		if s.stated {
			recStated.add(lists[i], s.heldOut)
		} else {
			recHistory.add(lists[i], s.heldOut)
		}
		bought := map[string]bool{}
		for _, o := range s.orders {
			bought[o.ProductID] = true
		}
		popular.add(firstNot(bestSellers, bought, 10), s.heldOut)
		usual.add(usualBestSellers(s.orders, bestSellers, categoryOf, bought, 10), s.heldOut)
		shuffled := slices.Clone(purchasable)
		rr.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		random.add(firstNot(shuffled, bought, 10), s.heldOut)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%d shoppers, %d training orders, %d products (%d purchasable); held out: each shopper's last order\n",
		len(pop.shoppers), len(pop.sales), len(products), len(purchasable))
	fmt.Fprintf(&table, "| ranker | shoppers | HitRate@10 | NDCG@10 |\n|---|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		s    metrics
	}{
		{"recommend", rec}, {"recommend, stated preferences + history", recStated},
		{"recommend, history only", recHistory}, {"popularity (best sellers)", popular},
		{"best sellers of the shopper's usual categories", usual}, {"random", random},
	} {
		fmt.Fprintf(&table, "| %s | %d | %.3f | %.3f |\n", row.name, row.s.n, row.s.hitRate(), row.s.ndcgAt())
	}
	t.Logf("recommend quality:\n%s", table.String())
	if rec.hitRate() < 2*popular.hitRate() {
		t.Errorf("recommend HitRate@10 %.3f is below twice popularity's %.3f", rec.hitRate(), popular.hitRate())
	}
	// Popularity alone is a weak baseline here, because every shopper keeps to a few
	// categories; recommend must also beat the obvious personal heuristic.
	if rec.hitRate() <= usual.hitRate() {
		t.Errorf("recommend HitRate@10 %.3f does not beat the best sellers of the usual categories (%.3f)", rec.hitRate(), usual.hitRate())
	}
}

// usualBestSellers is a simple personal baseline: the best sellers of the categories
// the shopper bought from most (most orders first), skipping what they bought.
func usualBestSellers(orders []store.Order, bestSellers []string, categoryOf map[string]string, bought map[string]bool, n int) []string {
	count := map[string]int{}
	for _, o := range orders {
		count[o.Category]++
	}
	var cats []string
	for c := range count {
		cats = append(cats, c)
	}
	sort.Slice(cats, func(i, j int) bool {
		return count[cats[i]] > count[cats[j]] || count[cats[i]] == count[cats[j]] && cats[i] < cats[j]
	})
	out := make([]string, 0, n)
	for _, c := range cats {
		for _, id := range bestSellers {
			if len(out) == n {
				return out
			}
			if categoryOf[id] == c && !bought[id] {
				out = append(out, id)
			}
		}
	}
	return out
}

// firstNot returns the first n of ids that are not in skip.
func firstNot(ids []string, skip map[string]bool, n int) []string {
	out := make([]string, 0, n)
	for _, id := range ids {
		if len(out) == n {
			break
		}
		if !skip[id] {
			out = append(out, id)
		}
	}
	return out
}
