package recommend_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// Sizes of the recommendation benchmark: a generated catalog of benchProducts, with
// benchCustomers customers who placed benchOrders orders between them.
const (
	benchProducts  = 100_000
	benchCustomers = 10_000
	benchOrders    = 100_000
)

// bench is the generated catalog, built on first use by a benchmark and removed by
// TestMain when the test binary is done.
var bench struct {
	once sync.Once
	dir  string
	cat  *catalog.Catalog
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.cat != nil {
		bench.cat.Close()
	}
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// benchCatalog returns the generated catalog, building it the first time (this takes
// a while; it is not timed).
func benchCatalog(b *testing.B) *catalog.Catalog {
	b.Helper()
	bench.once.Do(func() {
		start := time.Now()
		if bench.dir, bench.err = os.MkdirTemp("", "recommend-bench-"); bench.err != nil {
			return
		}
		ctx := context.Background()
		if bench.cat, bench.err = catalog.Open(ctx, filepath.Join(bench.dir, "catalog.db")); bench.err != nil {
			return
		}
		sellers, products := demo.Generate(benchProducts, 1)
		for len(products) > 0 {
			n := min(len(products), 10_000)
			if _, bench.err = bench.cat.Upsert(ctx, sellers, products[:n]); bench.err != nil {
				return
			}
			products = products[n:]
		}
		b.Logf("built a catalog of %d products in %v", benchProducts, time.Since(start).Round(time.Millisecond))
		// A server's catalog has searched before it recommends: its first text search
		// reads the search keys into memory (about 5 MB), which the garbage collector's
		// pacing then counts as live.
		_, bench.err = bench.cat.Search(ctx, catalog.Query{Text: demo.RareWord})
	})
	if bench.err != nil {
		b.Fatalf("building the benchmark catalog: %v", bench.err)
	}
	return bench.cat
}

// benchShopper is one benchmark customer: favourites and order history.
type benchShopper struct {
	cats, brands []string
	history      []recommend.Purchase // newest first
}

// recBench is the benchmark population, built once; its sales are recorded in the
// benchmark catalog.
var recBench struct {
	once     sync.Once
	shoppers []benchShopper
	err      error
}

// benchPopulation records benchOrders sales for benchCustomers customers in the
// benchmark catalog through RecordSales (in batches; not timed) and returns the
// customers. Each customer buys from two categories, favouring well-reviewed products,
// so that co-purchases repeat as they do in real stores.
func benchPopulation(b *testing.B, cat *catalog.Catalog) []benchShopper {
	b.Helper()
	recBench.once.Do(func() {
		start := time.Now()
		_, products := demo.Generate(benchProducts, 1)
		byCat := map[string][]*catalog.Product{}
		var cats []string
		for i := range products {
			p := &products[i]
			if !p.Purchasable() {
				continue
			}
			if byCat[p.Category] == nil {
				cats = append(cats, p.Category)
			}
			byCat[p.Category] = append(byCat[p.Category], p)
		}
		sort.Strings(cats)
		for _, c := range cats {
			ps := byCat[c]
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].ReviewCount > ps[j].ReviewCount })
		}
		r := rand.New(rand.NewPCG(7, 11))
		t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		var sales []catalog.Sale
		for i := range benchCustomers {
			s := benchShopper{}
			for _, k := range r.Perm(len(cats))[:2] {
				s.cats = append(s.cats, cats[k])
			}
			var ids []string
			for j := range benchOrders / benchCustomers {
				ps := byCat[s.cats[r.IntN(2)]]
				u := r.Float64()
				p := ps[int(u*u*u*float64(len(ps)))] // skewed towards the most reviewed
				// Every order falls in 2025, before the benchmark's now, so that
				// recency weighs as it does in a live store.
				at := t0.Add(time.Duration(j*36*24+i%24) * time.Hour)
				sales = append(sales, catalog.Sale{ProductID: p.ID, Quantity: 1, AlsoBought: slices.Clone(ids), At: at})
				ids = append([]string{p.ID}, ids...)
				s.history = append([]recommend.Purchase{{ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Price: p.Price, At: at}}, s.history...)
				if j == 0 {
					s.brands = []string{p.Brand}
				}
			}
			recBench.shoppers = append(recBench.shoppers, s)
		}
		ctx := context.Background()
		for len(sales) > 0 {
			n := min(len(sales), 10_000)
			if recBench.err = cat.RecordSales(ctx, sales[:n]); recBench.err != nil {
				return
			}
			sales = sales[n:]
		}
		b.Logf("recorded %d sales for %d customers in %v", benchOrders, benchCustomers, time.Since(start).Round(time.Millisecond))
	})
	if recBench.err != nil {
		b.Fatalf("building the recommendation benchmark: %v", recBench.err)
	}
	return recBench.shoppers
}

// BenchmarkRecommendNewShop times Recommend (limit 10) in a new shop: the benchmark
// catalog of 100,000 products before any sale is recorded, for customers who bought one
// product the day before, so that what fits it by its brand's platform or its type is
// read (catalog.MadeForProduct with fits; the rules that lead only where the shop has
// no co-purchases). It reports p50 and p99 as BenchmarkRecommend does, and skips once
// BenchmarkRecommend has recorded its sales in the same run (it is defined first, so
// "-bench 'BenchmarkRecommend'" runs it on the new shop).
func BenchmarkRecommendNewShop(b *testing.B) {
	cat := benchCatalog(b)
	ctx := context.Background()
	if len(recBench.shoppers) > 0 {
		b.Skip("the benchmark catalog has recorded sales already: not a new shop")
	}
	_, products := demo.Generate(benchProducts, 1)
	var bought []recommend.Purchase
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(5, 13))
	for _, i := range r.Perm(len(products)) {
		if p := products[i]; p.Purchasable() && len(bought) < 1000 {
			bought = append(bought, recommend.Purchase{ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Price: p.Price, At: now.Add(-24 * time.Hour)})
		}
	}
	var durations []time.Duration
	i := 0
	for b.Loop() {
		h := bought[i%len(bought) : i%len(bought)+1]
		i++
		start := time.Now()
		if _, err := recommend.Rank(ctx, cat, recommend.Input{Limit: 10, History: h, Exclude: ids(h), Now: now}); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkRecommend times Recommend (limit 10) on 100,000 products with 100,000
// recorded orders, for customers taken in turn, and reports the p50 and p99 latency.
// "floor" is a bare item-kNN on the same statistics, to compare with: the indexed reads
// of the co-purchases of the customer's 20 most recent products and their cosine sum,
// top 10, nothing else. The cases:
// "history" uses order history only, "prefs" adds stated favourites and a price
// range, "context" adds free text, "partial" free text that only some products match
// in part (a common word and one no product has), "cold" has nothing to go on,
// "justbought" is "history" with the latest purchase made the day before, and "bare"
// is "history" with purchases that have no brand or category.
func BenchmarkRecommend(b *testing.B) {
	cat := benchCatalog(b)
	shoppers := benchPopulation(b, cat)
	lo, hi := 20.0, 200.0
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	input := map[string]func(s benchShopper) recommend.Input{
		"history": func(s benchShopper) recommend.Input {
			return recommend.Input{Limit: 10, History: s.history, Exclude: ids(s.history), Now: now}
		},
		"prefs": func(s benchShopper) recommend.Input {
			return recommend.Input{Limit: 10, History: s.history, Exclude: ids(s.history), Now: now,
				FavoriteCategories: s.cats[:1], FavoriteBrands: s.brands, MinPrice: &lo, MaxPrice: &hi}
		},
		"context": func(s benchShopper) recommend.Input {
			return recommend.Input{Limit: 10, History: s.history, Exclude: ids(s.history), Now: now,
				Context: demo.TwoWords + " under $150"}
		},
		"partial": func(s benchShopper) recommend.Input {
			return recommend.Input{Limit: 10, History: s.history, Exclude: ids(s.history), Now: now,
				Context: demo.CommonWord + " zeppelin"}
		},
		"cold": func(benchShopper) recommend.Input {
			return recommend.Input{Limit: 10, Now: now}
		},
		// As history, the latest purchase made yesterday: what is made for it is read
		// (fromMadeFor) and a second of its type may be demoted.
		"justbought": func(s benchShopper) recommend.Input {
			h := slices.Clone(s.history)
			h[0].At = now.Add(-24 * time.Hour)
			return recommend.Input{Limit: 10, History: h, Exclude: ids(h), Now: now}
		},
		// As history, from a feed without brands or categories: similar text is
		// searched for the three most recent purchases.
		"bare": func(s benchShopper) recommend.Input {
			h := make([]recommend.Purchase, len(s.history))
			for i, p := range s.history {
				p.Brand, p.Category = "", ""
				h[i] = p
			}
			return recommend.Input{Limit: 10, History: h, Exclude: ids(h), Now: now}
		},
	}
	ctx := context.Background()
	b.Run("floor", func(b *testing.B) { benchKNNFloor(b, cat, shoppers) })
	// paired alternates one floor call and one "history" call for the same customer,
	// so that both see the same moment of a shared, noisy machine; it reports both
	// p50s and their ratio.
	b.Run("paired", func(b *testing.B) {
		var floor, rec []time.Duration
		i := 0
		for b.Loop() {
			s := shoppers[i%len(shoppers)]
			i++
			start := time.Now()
			knnFloor(b, cat, s)
			floor = append(floor, time.Since(start))
			in := input["history"](s)
			start = time.Now()
			if _, err := recommend.Rank(ctx, cat, in); err != nil {
				b.Fatal(err)
			}
			rec = append(rec, time.Since(start))
		}
		slices.Sort(floor)
		slices.Sort(rec)
		b.ReportMetric(float64(floor[len(floor)/2].Microseconds()), "floor-p50-µs")
		b.ReportMetric(float64(rec[len(rec)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(rec[len(rec)*99/100].Microseconds()), "p99-µs")
		b.ReportMetric(float64(rec[len(rec)/2])/float64(floor[len(floor)/2]), "x-floor")
	})
	for _, name := range []string{"history", "justbought", "prefs", "context", "partial", "cold", "bare"} {
		b.Run(name, func(b *testing.B) {
			var durations []time.Duration
			i := 0
			for b.Loop() {
				in := input[name](shoppers[i%len(shoppers)])
				i++
				start := time.Now()
				res, err := recommend.Rank(ctx, cat, in)
				durations = append(durations, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Items) == 0 {
					b.Fatalf("no recommendations for %+v", in)
				}
			}
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
		})
	}
}

func ids(h []recommend.Purchase) []string {
	out := make([]string, len(h))
	for i, p := range h {
		out[i] = p.ProductID
	}
	return out
}

func ExampleMaxPerBrand() {
	for _, limit := range []int{1, 3, 5, 10, 20} {
		fmt.Print(recommend.MaxPerBrand(limit), " ")
	}
	// Output: 1 2 2 4 8
}

// benchKNNFloor times a bare item-kNN for the customers in turn: the sales of their 20
// most recent distinct products, the products bought with each (at least
// recommend.MinCoCustomers customers, 30 each, as recommend reads them), scored by the
// sum of cosines, the 10 best not bought. It reports p50 and p99 as BenchmarkRecommend
// does.
func benchKNNFloor(b *testing.B, cat *catalog.Catalog, shoppers []benchShopper) {
	var durations []time.Duration
	i := 0
	for b.Loop() {
		s := shoppers[i%len(shoppers)]
		i++
		start := time.Now()
		knnFloor(b, cat, s)
		durations = append(durations, time.Since(start))
	}
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
}

// knnFloor is one bare item-kNN call for s (see benchKNNFloor).
func knnFloor(b testing.TB, cat *catalog.Catalog, s benchShopper) {
	ctx := context.Background()
	var recent []string
	for _, h := range s.history {
		if len(recent) < 20 && !slices.Contains(recent, h.ProductID) {
			recent = append(recent, h.ProductID)
		}
	}
	sales, err := cat.SalesOf(ctx, recent)
	if err != nil {
		b.Fatal(err)
	}
	bought := map[catalog.Ref]bool{}
	for _, s := range sales {
		bought[s.Ref] = true
	}
	score := map[catalog.Ref]float64{}
	for _, id := range recent {
		src := sales[id]
		co, err := cat.CoPurchased(ctx, src.Ref, recommend.MinCoCustomers, 30)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range co {
			if !bought[p.Ref] {
				score[p.Ref] += float64(p.Customers) / math.Sqrt(float64(max(src.Buyers, 1)*max(p.Buyers, 1)))
			}
		}
	}
	top := make([]catalog.Ref, 0, len(score))
	for ref := range score {
		top = append(top, ref)
	}
	sort.Slice(top, func(i, j int) bool {
		return score[top[i]] > score[top[j]] || score[top[i]] == score[top[j]] && top[i] < top[j]
	})
	if _, err := cat.Products(ctx, top[:min(len(top), 10)]); err != nil {
		b.Fatal(err)
	}
}
