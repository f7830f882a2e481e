package recommend_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A purchase world: a generated catalog and a year of dated orders by customers who
// shop the way people do in real stores, for the offline evaluation (eval_test.go).
// Recommend never sees how the orders were drawn; it sees only what a store would
// record. What shapes the orders:
//
//   - Popular and long-tail products: every product has a hidden appeal drawn from a
//     log-normal distribution, so a few products sell a lot and most sell little.
//   - Heterogeneous customers: a third buy once or twice, half a handful of times, the
//     rest often. Each has one to three interests (categories) with uneven weights, may
//     prefer a brand within an interest and dislike another, and leans cheap or
//     premium within a category.
//   - Drifting tastes: for two customers in five one interest is replaced by another
//     at some point of the year.
//   - Complementary purchases: after buying in some categories people buy what goes
//     with it, within weeks (a tent, then a sleeping bag, then a backpack; a coffee
//     machine, then beans). Each product goes with a few specific products of each
//     complementary category (the memory card that fits the camera).
//   - Replenishment: consumables (coffee beans, tea, skin and hair care, pet food, baby
//     feeding) are bought again every month or so, usually the same product.
//   - Baskets: a quarter of visits buy a second product the same day.
//   - Noise: one purchase in ten is a popular product from anywhere.
//   - Catalog parts without brands or categories: one seller's feed has neither, as
//     real feeds often do; its products are still bought by the same tastes.
//
// Orders are one product each, as purchase records them.

// worldStart is the first day of the world's year of orders.
var worldStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Days of the world: orders run for worldDays; the history is everything before
// splitDay and the targets are each customer's orders after it.
const (
	worldDays = 365
	splitDay  = 300
)

// complements are the categories people buy after a purchase in a category.
var complements = map[string][]string{
	"Home & Kitchen > Coffee":              {"Grocery > Coffee Beans"},
	"Outdoors > Camping > Tents":           {"Outdoors > Camping > Sleeping Bags", "Outdoors > Hiking > Backpacks"},
	"Outdoors > Camping > Sleeping Bags":   {"Outdoors > Hiking > Backpacks"},
	"Apparel > Shoes > Running":            {"Apparel > Activewear"},
	"Electronics > Audio > Headphones":     {"Electronics > Accessories > Chargers"},
	"Electronics > Audio > Speakers":       {"Electronics > Accessories > Chargers"},
	"Sports > Cycling":                     {"Apparel > Activewear", "Electronics > Accessories > Chargers"},
	"Sports > Yoga":                        {"Apparel > Activewear"},
	"Books > Cooking":                      {"Home & Kitchen > Cookware"},
	"Home & Kitchen > Cookware":            {"Books > Cooking"},
	"Toys & Games > Board Games":           {"Toys & Games > Building Sets"},
	"Apparel > Jackets":                    {"Outdoors > Hiking > Backpacks"},
	"Electronics > Accessories > Chargers": {"Office > Desk Accessories"},
}

// consumables are the categories whose products are bought again and again.
var consumables = map[string]bool{
	"Grocery > Coffee Beans": true, "Grocery > Tea": true, "Beauty > Skin Care": true,
	"Beauty > Hair Care": true, "Pet Supplies > Dogs": true, "Pet Supplies > Cats": true,
	"Baby > Feeding": true,
}

// worldOrder is one order of the world.
type worldOrder struct {
	customer int
	product  int // index in world.products
	at       time.Time
}

// worldCustomer is one customer: their id and what they told the store.
type worldCustomer struct {
	id    string
	prefs store.Preferences // empty for most
}

// world is a generated catalog and its orders, sorted by time.
type world struct {
	sellers   []catalog.Seller
	products  []catalog.Product // as the catalog holds them
	customers []worldCustomer
	orders    []worldOrder
	split     time.Time
}

// worldShape sizes a world.
type worldShape struct {
	products, customers int
	seed                uint64
	// bare strips every product of its brand and category, as in feeds that have
	// neither; otherwise one seller's products are stripped.
	bare bool
}

// genWorld generates a world.
func genWorld(shape worldShape) *world {
	sellers, products := demo.GenerateClassic(shape.products, shape.seed)
	w := &world{sellers: sellers, products: products, split: worldStart.AddDate(0, 0, splitDay)}
	g := newGenerator(w, shape.seed)
	g.bare = shape.bare
	for i := range shape.customers {
		g.customer(i)
	}
	sort.SliceStable(w.orders, func(i, j int) bool { return w.orders[i].at.Before(w.orders[j].at) })
	// One seller's feed has neither brands nor categories; the generator drew from the
	// true categories above, which the catalog no longer shows for those products.
	bare := sellers[min(1, len(sellers)-1)].ID
	for i := range w.products {
		if shape.bare || w.products[i].SellerID == bare {
			w.products[i].Brand, w.products[i].Category = "", ""
		}
	}
	return w
}

// generator draws a world's orders.
type generator struct {
	w        *world
	seed     uint64
	bare     bool      // the catalog shows no brands or categories, so people name none
	appeal   []float64 // per product
	tier     []float64 // per product: log price standardised within its category
	cats     []string  // category paths, in catalog order
	catW     []float64 // how many purchasable products each category has
	byCat    map[string][]int
	brandsOf map[string][]string
	compat   map[[2]int][]int // (product, complement category index) → the products that go with it
	catIdx   map[string]int
	catOf    []string // per product: the category it was generated in
}

func newGenerator(w *world, seed uint64) *generator {
	g := &generator{w: w, seed: seed, byCat: map[string][]int{}, brandsOf: map[string][]string{},
		compat: map[[2]int][]int{}, catIdx: map[string]int{}}
	r := rand.New(rand.NewPCG(seed, 0xa99ea1))
	g.appeal = make([]float64, len(w.products))
	g.tier = make([]float64, len(w.products))
	g.catOf = make([]string, len(w.products))
	for i := range w.products {
		p := &w.products[i]
		g.catOf[i] = p.Category
		g.appeal[i] = math.Exp(1.3*r.NormFloat64()) * (0.6 + p.Rating/10)
		if !p.Purchasable() || p.Hidden {
			continue
		}
		if _, ok := g.catIdx[p.Category]; !ok {
			g.catIdx[p.Category] = len(g.cats)
			g.cats = append(g.cats, p.Category)
			g.catW = append(g.catW, 0)
		}
		g.catW[g.catIdx[p.Category]]++
		g.byCat[p.Category] = append(g.byCat[p.Category], i)
		if !slices.Contains(g.brandsOf[p.Category], p.Brand) {
			g.brandsOf[p.Category] = append(g.brandsOf[p.Category], p.Brand)
		}
	}
	for _, ids := range g.byCat {
		var sum, sq float64
		for _, i := range ids {
			x := math.Log(float64(w.products[i].Price.Amount))
			sum, sq = sum+x, sq+x*x
		}
		n := float64(len(ids))
		mu := sum / n
		sd := max(0.1, math.Sqrt(max(0, sq/n-mu*mu)))
		for _, i := range ids {
			g.tier[i] = (math.Log(float64(w.products[i].Price.Amount)) - mu) / sd
		}
	}
	return g
}

// liking is what one customer likes at one time.
type liking struct {
	cats     []string
	weights  []float64
	brand    map[string]string // category → preferred brand
	disliked string
	lean     float64 // price lean: < 0 cheap, > 0 premium
}

// customer draws customer i and their orders.
func (g *generator) customer(i int) {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	c := worldCustomer{id: fmt.Sprintf("cus_world_%06d", i)}
	var n int
	switch u := r.Float64(); {
	case u < 0.3:
		n = 1 + r.IntN(2)
	case u < 0.8:
		n = 3 + r.IntN(10)
	default:
		n = 12 + r.IntN(29)
	}
	tz := g.drawTaste(r)
	drift, driftAt := r.Float64() < 0.4, worldStart.AddDate(0, 0, r.IntN(worldDays))
	// Visits fall between the customer's first day and the year's end.
	first := r.IntN(worldDays - 20)
	times := make([]time.Time, n)
	for k := range times {
		times[k] = worldStart.Add(time.Duration(first*24+r.IntN((worldDays-first)*24)) * time.Hour)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })

	bought := map[int]bool{}
	type recent struct {
		product int
		at      time.Time
	}
	var mine []recent
	used := map[time.Time]bool{}
	buy := func(p int, at time.Time) {
		for used[at] {
			at = at.Add(time.Second) // one order at a time, as a store records them
		}
		used[at] = true
		g.w.orders = append(g.w.orders, worldOrder{customer: i, product: p, at: at})
		bought[p] = true
		mine = append(mine, recent{p, at})
	}
	end := worldStart.AddDate(0, 0, worldDays)
	for _, at := range times {
		if drift && at.After(driftAt) {
			g.driftTaste(r, &tz)
			drift = false
		}
		// A complement of something bought in the last two months, when there is one.
		var p = -1
		if u := r.Float64(); u < 0.3 {
			for k := len(mine) - 1; k >= 0 && at.Sub(mine[k].at) < 60*24*time.Hour; k-- {
				if q := g.complement(r, mine[k].product, bought); q >= 0 {
					p = q
					break
				}
			}
		} else if u < 0.4 {
			p = g.popular(r, bought)
		}
		if p < 0 {
			p = g.fromTaste(r, tz, bought)
		}
		if p < 0 {
			continue
		}
		buy(p, at)
		if r.Float64() < 0.25 {
			// A second product in the same basket: what goes with the first, or another
			// of the customer's interests.
			q := g.complement(r, p, bought)
			if q < 0 {
				q = g.fromTaste(r, tz, bought)
			}
			if q >= 0 {
				buy(q, at.Add(time.Minute))
			}
		}
		// Consumables are bought again about monthly, usually the same product.
		if cat := g.trueCategory(p); consumables[cat] {
			for t := at; ; {
				t = t.Add(time.Duration((25+r.IntN(20))*24) * time.Hour)
				if t.After(end) || r.Float64() > 0.75 {
					break
				}
				q := p
				if r.Float64() < 0.15 {
					if alt := g.inCategory(r, cat, tz, bought); alt >= 0 {
						q = alt
					}
				}
				buy(q, t)
			}
		}
	}
	if r.Float64() < 0.4 {
		c.prefs = g.statePreferences(r, tz)
	}
	g.w.customers = append(g.w.customers, c)
}

func (g *generator) drawTaste(r *rand.Rand) liking {
	tz := liking{brand: map[string]string{}, lean: r.NormFloat64() * 0.8}
	k := 1 + r.IntN(3)
	for len(tz.cats) < k {
		c := g.cats[pickWeighted(r, g.catW)]
		if !slices.Contains(tz.cats, c) {
			tz.cats = append(tz.cats, c)
			tz.weights = append(tz.weights, r.ExpFloat64())
		}
	}
	for _, c := range tz.cats {
		if bs := g.brandsOf[c]; r.Float64() < 0.5 && len(bs) > 0 {
			tz.brand[c] = bs[r.IntN(len(bs))]
		}
	}
	if r.Float64() < 0.2 {
		bs := g.brandsOf[tz.cats[0]]
		if b := bs[r.IntN(len(bs))]; b != tz.brand[tz.cats[0]] {
			tz.disliked = b
		}
	}
	return tz
}

// driftTaste replaces one of the customer's interests with a new one.
func (g *generator) driftTaste(r *rand.Rand, tz *liking) {
	c := g.cats[pickWeighted(r, g.catW)]
	if slices.Contains(tz.cats, c) {
		return
	}
	k := r.IntN(len(tz.cats))
	delete(tz.brand, tz.cats[k])
	tz.cats[k], tz.weights[k] = c, r.ExpFloat64()+0.5
}

// trueCategory is the category product i was generated in, whatever the catalog shows.
func (g *generator) trueCategory(i int) string { return g.catOf[i] }

func (g *generator) fromTaste(r *rand.Rand, tz liking, bought map[int]bool) int {
	return g.inCategory(r, tz.cats[pickWeighted(r, tz.weights)], tz, bought)
}

// inCategory draws a product of cat the customer has not bought, by appeal, price
// lean and preferred brand, never of the disliked brand.
func (g *generator) inCategory(r *rand.Rand, cat string, tz liking, bought map[int]bool) int {
	ids := g.byCat[cat]
	weights := make([]float64, len(ids))
	for k, i := range ids {
		p := &g.w.products[i]
		if bought[i] || p.Brand == tz.disliked && p.Brand != "" {
			continue
		}
		w := g.appeal[i] * math.Exp(tz.lean*g.tier[i])
		if b, ok := tz.brand[cat]; ok && p.Brand == b {
			w *= 4
		}
		weights[k] = w
	}
	if k := pickWeighted(r, weights); k >= 0 {
		return ids[k]
	}
	return -1
}

// popular draws a product from the whole catalog by appeal alone.
func (g *generator) popular(r *rand.Rand, bought map[int]bool) int {
	c := g.cats[pickWeighted(r, g.catW)]
	ids := g.byCat[c]
	weights := make([]float64, len(ids))
	for k, i := range ids {
		if !bought[i] {
			weights[k] = g.appeal[i] * g.appeal[i] // the popular are more popular still
		}
	}
	if k := pickWeighted(r, weights); k >= 0 {
		return ids[k]
	}
	return -1
}

// complement draws a product that goes with product p, or -1 when p's category has
// no complements or the customer has them all.
func (g *generator) complement(r *rand.Rand, p int, bought map[int]bool) int {
	cs := complements[g.trueCategory(p)]
	if len(cs) == 0 {
		return -1
	}
	c := cs[r.IntN(len(cs))]
	ci, ok := g.catIdx[c]
	if !ok {
		return -1
	}
	key := [2]int{p, ci}
	fits, ok := g.compat[key]
	if !ok {
		// The few products of c that go with p, fixed per product and likelier among
		// the appealing ones.
		pr := rand.New(rand.NewPCG(g.seed^0xc0, uint64(p)<<8|uint64(ci)))
		ids := g.byCat[c]
		weights := make([]float64, len(ids))
		for k, i := range ids {
			weights[k] = math.Sqrt(g.appeal[i])
		}
		for range 3 {
			k := pickWeighted(pr, weights)
			if k < 0 {
				break
			}
			fits = append(fits, ids[k])
			weights[k] = 0
		}
		g.compat[key] = fits
	}
	var open []int
	for _, q := range fits {
		if !bought[q] {
			open = append(open, q)
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[r.IntN(len(open))]
}

// statePreferences is what a customer tells: each interest with chance 0.6 (by its
// parent category half the time), each preferred brand with chance 0.5, the disliked
// brand with chance 0.8.
func (g *generator) statePreferences(r *rand.Rand, tz liking) store.Preferences {
	var p store.Preferences
	for _, c := range tz.cats {
		if r.Float64() < 0.6 && !g.bare {
			if segs := strings.Split(c, " > "); r.IntN(2) == 0 && len(segs) > 1 {
				c = strings.Join(segs[:len(segs)-1], " > ")
			}
			p.FavoriteCategories = append(p.FavoriteCategories, c)
		}
	}
	for _, c := range tz.cats {
		if b := tz.brand[c]; b != "" && r.Float64() < 0.5 && !g.bare && !slices.Contains(p.FavoriteBrands, b) {
			p.FavoriteBrands = append(p.FavoriteBrands, b)
		}
	}
	if tz.disliked != "" && r.Float64() < 0.8 && !g.bare && !slices.Contains(p.FavoriteBrands, tz.disliked) {
		p.DislikedBrands = []string{tz.disliked}
	}
	p, err := p.Normalize()
	if err != nil {
		panic(err) // the generator is wrong
	}
	return p
}

// pickWeighted returns an index drawn with the given weights, or -1 when all are 0.
func pickWeighted(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	if total <= 0 {
		return -1
	}
	x := r.Float64() * total
	last := -1
	for i, w := range weights {
		if w <= 0 {
			continue
		}
		last = i
		if x -= w; x < 0 {
			return i
		}
	}
	return last
}
