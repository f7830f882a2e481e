package catalog

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// randomVocab is the words of randomCatalog's products, drawn with a skewed law so
// that they range from a few dozen matches to most of the catalog.
var randomVocab = []string{
	"lantern", "brass", "camping", "classic", "lamp", "steel", "travel", "copper", "linen", "walnut",
	"marble", "velvet", "canvas", "cedar", "enamel", "wool", "bamboo", "slate", "amber", "indigo",
	"ivory", "maple", "pewter", "rattan",
}

// randomWord draws a word of randomVocab, the first ones far more often.
func randomWord(rng *rand.Rand) string {
	i := int(float64(len(randomVocab)) * rng.Float64() * rng.Float64())
	return randomVocab[i]
}

// randomCatalog returns n products whose titles and descriptions are words of
// randomVocab drawn from seed, with prices, ratings, review counts, stock and some
// products on sale (a list price) spread over them.
func randomCatalog(n int, seed uint64) []Product {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Product, n)
	for i := range out {
		words := func(k int) string {
			ws := make([]string, k)
			for j := range ws {
				ws[j] = randomWord(rng)
			}
			return strings.Join(ws, " ")
		}
		stock := int64(rng.IntN(4))
		attrs := map[string]string{}
		price := int64(300 + rng.IntN(20000))
		if rng.IntN(8) == 0 {
			attrs["list_price"] = money.Money{Amount: price * 2, Currency: "USD"}.String()
		}
		out[i] = Product{ID: fmt.Sprintf("r%d", i), SellerID: "s", Title: capitalized(words(2 + rng.IntN(3))),
			Description: capitalized(words(4+rng.IntN(8))) + ".", Availability: InStock, Stock: &stock,
			Price: money.Money{Amount: price, Currency: "USD"}, Rating: float64(rng.IntN(11)) / 2,
			ReviewCount: int64(rng.IntN(40)), Attributes: attrs}
	}
	return out
}

func capitalized(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// TestCarriedPoolsRandomWrites checks pools carried across random mixes of writes
// (carried, salePoolCarried, textCarried and placeWritten) against pools built afresh,
// over many words: a generated catalog of 2,000 products whose texts draw on 24 words
// (a few dozen to most products each), pools of 60 read 20 at a time; then, for each of
// three seeds, 20 rounds of one upsert of a random mix — descriptions edited with a word
// swapped for another (as long as before: every match's bm25 moves by one factor),
// descriptions lengthened, titles renamed, prices changed, ratings changed, products put
// on or taken off sale — and stock taken. After
// each round every word is searched in relevance order (alone and, for six, on sale:
// three of them first, so that one search carries both pools, placingRanks),
// and eight in price and rating order, three pages each, on the catalog that carries
// its pools and on a second on the same file that forgets them before each search:
// pages, facets of the first page and totals must be equal. The bound textCarried states
// (in relevance order a carried pool is the build's unless the catalog's statistics
// swap one of its products with one beyond it) is what
// equality here allows: the pages are compared whole. It also checks that each path
// was taken: pools carried across text, placed, ranked with products put on or off
// sale, and built again past maxTextWritten.
func TestCarriedPoolsRandomWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("60 rounds of writes and 1,600 searches a round")
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			checkCarriedRandom(t, seed, 20)
		})
	}
}

// checkCarriedRandom runs rounds of TestCarriedPoolsRandomWrites for one seed.
func checkCarriedRandom(t *testing.T, seed uint64, rounds int) {
	ctx := context.Background()
	products := randomCatalog(2000, seed)
	c, fresh, _ := carriedTwins(t, products, 10, 60, 20, time.Minute)
	var queries []Query
	for i, w := range randomVocab {
		// Half of the words on sale are searched so before they are alone, so that one
		// search carries both the word's pool and that of its matches on sale
		// (placingRanks), the others after.
		switch i % 8 {
		case 0:
			queries = append(queries, Query{Text: w + " on sale", InStock: true}, Query{Text: w})
		case 4:
			queries = append(queries, Query{Text: w}, Query{Text: w + " on sale", InStock: true})
		default:
			queries = append(queries, Query{Text: w})
		}
		if i < 8 {
			queries = append(queries, Query{Text: w, Sort: SortPriceAsc, InStock: true}, Query{Text: w, Sort: SortRating})
		}
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	pick := func() Product {
		p, err := c.Product(ctx, fmt.Sprintf("r%d", rng.IntN(len(products))))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Each query searched once, so that the first round carries pools.
	for _, q := range queries {
		searchPages(t, c, q)
	}
	before := c.SearchPools()
	sets := 0 // match sets checked
	for round := range rounds {
		var ps []Product
		var did []string
		// A round in three writes no text (pools of matches on sale that hold every one
		// are carried with the products put on or off sale ranked in), one in three
		// only swaps words (with prices, ratings, sales: placed), the others mix all.
		for range 1 + rng.IntN(4) {
			p := pick()
			kind := rng.IntN(7)
			switch round % 3 {
			case 1:
				if kind == 2 || kind == 3 {
					kind = 0
				}
			case 2:
				kind = 4 + rng.IntN(3)
			}
			switch kind {
			case 0, 1:
				// A word swapped for another: as long as before.
				ws := strings.Fields(strings.TrimSuffix(p.Description, "."))
				ws[rng.IntN(len(ws))] = randomWord(rng)
				p.Description = capitalized(strings.ToLower(strings.Join(ws, " "))) + "."
				did = append(did, "swap")
			case 2:
				p.Description += " " + capitalized(randomWord(rng)+" "+randomWord(rng)) + "."
				did = append(did, "longer")
			case 3:
				p.Title = capitalized(randomWord(rng) + " " + randomWord(rng))
				did = append(did, "title")
			case 4:
				p.Price.Amount = 300 + rng.Int64N(20000)
				did = append(did, "price")
			case 5:
				p.Rating = float64(rng.IntN(11)) / 2
				did = append(did, "rating")
			case 6:
				p.Attributes = maps.Clone(p.Attributes)
				if p.Attributes == nil {
					p.Attributes = map[string]string{}
				}
				if p.Attributes["list_price"] != "" {
					delete(p.Attributes, "list_price")
				} else {
					p.Attributes["list_price"] = money.Money{Amount: p.Price.Amount * 2, Currency: "USD"}.String()
				}
				did = append(did, "sale")
			}
			if i := slices.IndexFunc(ps, func(q Product) bool { return q.ID == p.ID }); i >= 0 {
				ps[i] = p // the later edit of one product in one upsert
			} else {
				ps = append(ps, p)
			}
		}
		if _, err := c.Upsert(ctx, nil, ps); err != nil {
			t.Fatal(err)
		}
		if rng.IntN(3) == 0 {
			c.TakeStock(ctx, pick().ID, 1) // out of stock is fine
			did = append(did, "stock")
		}
		for _, q := range queries {
			got, gotFirst := searchPages(t, c, q)
			fresh.pools.forget()
			want, wantFirst := searchPages(t, fresh, q)
			if !reflect.DeepEqual(got, want) || gotFirst.Total != wantFirst.Total || gotFirst.TotalEstimated != wantFirst.TotalEstimated {
				t.Errorf("round %d (%v): %q (sort %q): pages %v, total %d (estimated %v); built afresh %v, %d (%v)", round, did, q.Text, q.Sort,
					got, gotFirst.Total, gotFirst.TotalEstimated, want, wantFirst.Total, wantFirst.TotalEstimated)
			} else if !reflect.DeepEqual(gotFirst.Facets, wantFirst.Facets) {
				t.Errorf("round %d (%v): %q (sort %q): facets %+v; built afresh %+v", round, did, q.Text, q.Sort, gotFirst.Facets, wantFirst.Facets)
			}
		}
		sets += checkMatchSets(t, c)
	}
	if sets == 0 {
		t.Error("no pool kept its matches as a set: the test needs one")
	}
	st := c.SearchPools()
	t.Logf("seed %d: %d pools carried, %d across text (%d placed, in %d walks), %d built by ordering every match, %d of matches on sale built, %d carried with products put on or off sale ranked in, %d across text",
		seed, st.Carried-before.Carried, st.TextCarried-before.TextCarried, st.Placed-before.Placed, st.Walks-before.Walks, st.Built-before.Built,
		st.SalePools-before.SalePools, st.SaleRanked-before.SaleRanked, st.SaleText-before.SaleText)
	if st.TextCarried == before.TextCarried || st.Placed == before.Placed || st.SaleRanked == before.SaleRanked || st.Built == before.Built ||
		st.SaleText == before.SaleText || st.Walks-before.Walks >= st.Placed-before.Placed {
		t.Errorf("pools carried across text %d, placed %d (in %d walks), of matches on sale ranked with products on or off sale %d and across text %d, built again %d: the test needs each, and a walk that placed two pools",
			st.TextCarried-before.TextCarried, st.Placed-before.Placed, st.Walks-before.Walks, st.SaleRanked-before.SaleRanked, st.SaleText-before.SaleText, st.Built-before.Built)
	}
}

// checkMatchSets holds every match set a pool of c keeps (pool.matched, carried across
// writes by the products written) equal to its source: the products that match the
// pool's expression now (and are on sale, for a pool of matches on sale), read afresh,
// and their number to the pool's. It returns how many sets it checked.
func checkMatchSets(t *testing.T, c *Catalog) int {
	t.Helper()
	ctx := context.Background()
	c.pools.mu.Lock()
	held := map[string]*pool{}
	for key, p := range c.pools.byKey {
		if p.matched != nil {
			held[key] = p
		}
	}
	c.pools.mu.Unlock()
	for key, p := range held {
		among := ""
		if strings.HasPrefix(key, "on sale ") {
			among = onSaleAmong
		}
		list, err := c.matchRowids(ctx, p.expr, among)
		if err != nil {
			t.Fatal(err)
		}
		want, n, err := markList(nil, list, true)
		if err != nil {
			t.Fatal(err)
		}
		got := p.matched
		for len(got) > 0 && got[len(got)-1] == 0 {
			got = got[:len(got)-1]
		}
		for len(want) > 0 && want[len(want)-1] == 0 {
			want = want[:len(want)-1]
		}
		if !slices.Equal(got, want) || p.n != n {
			t.Errorf("pool %q (version %d): its set of %d matches is not the %d read afresh", key, p.version, p.n, n)
		}
	}
	return len(held)
}
