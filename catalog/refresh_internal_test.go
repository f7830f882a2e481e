package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// waitRefreshed waits until c has no background rebuild of carried pools under way.
func waitRefreshed(t *testing.T, c *Catalog) {
	t.Helper()
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		if running, _ := c.Refreshing(); running == 0 {
			return
		}
		if time.Since(start) > time.Minute {
			t.Fatal("a background rebuild of carried pools did not end in a minute")
		}
	}
}

// TestCarriedPoolsRefreshed checks that pools carried across writes of text are built
// again in the background before the bound on the products written since their build
// (maxTextWritten), and never by a search: on randomCatalog's 2,000 products, pools of
// 60, 24 upserts of ten descriptions lengthened (240 products written with text, more
// than three times the bound), each followed by searches of a word alone and on sale. After
// each round, with the refreshes ended: the pages equal those of a catalog that builds
// every pool, every pool kept holds at most maxTextWritten products written since its
// build, every set of matches kept equals the matches read afresh (checkMatchSets, a
// refreshed pool takes the set of the one it replaces), and no search found a pool,
// the word's or that of its matches on sale, carried past the bound
// (SearchPoolStats.PastBound).
func TestCarriedPoolsRefreshed(t *testing.T) {
	products := randomCatalog(2000, 7)
	c, fresh, _ := carriedTwins(t, products, 10, 60, 20, time.Minute)
	queries := []Query{{Text: "lantern"}, {Text: "brass"}, {Text: "lantern on sale", InStock: true}}
	for _, q := range queries {
		searchPages(t, c, q)
	}
	rng := rand.New(rand.NewPCG(7, 3))
	before := c.SearchPools()
	_, refreshedBefore := c.Refreshing()
	for round := range 24 {
		lengthenDescriptions(t, c, rng, len(products), 10)
		for _, q := range queries {
			searchPages(t, c, q)
		}
		waitRefreshed(t, c)
		for _, q := range queries {
			got, gotFirst := searchPages(t, c, q)
			fresh.pools.forget()
			want, wantFirst := searchPages(t, fresh, q)
			if !reflect.DeepEqual(got, want) || gotFirst.Total != wantFirst.Total {
				t.Errorf("round %d: %q: pages %v, total %d; built afresh %v, %d", round, q.Text, got, gotFirst.Total, want, wantFirst.Total)
			}
		}
		c.pools.mu.Lock()
		for key, p := range c.pools.byKey {
			if p.textWritten > maxTextWritten {
				t.Errorf("round %d: pool %q carried across %d products written with text since its build", round, key, p.textWritten)
			}
		}
		c.pools.mu.Unlock()
		checkMatchSets(t, c)
	}
	st := c.SearchPools()
	_, refreshed := c.Refreshing()
	t.Logf("%d refreshes, %d pools built, %d carried across text (%d placed), %d past the bound", refreshed-refreshedBefore,
		st.Built-before.Built+st.SalePools-before.SalePools, st.TextCarried-before.TextCarried, st.Placed-before.Placed, st.PastBound-before.PastBound)
	if refreshed == refreshedBefore {
		t.Fatal("no pool was refreshed: the test needs some")
	}
	if st.PastBound != before.PastBound {
		t.Errorf("%d searches found a pool carried past maxTextWritten and built it", st.PastBound-before.PastBound)
	}
	if st.SaleText == before.SaleText {
		t.Error("no pool of matches on sale was carried across text: the test needs one")
	}
}

// lengthenDescriptions upserts into c, a catalog of randomCatalog's n products, count
// of them drawn from rng, each description lengthened by two words of randomVocab.
func lengthenDescriptions(t *testing.T, c *Catalog, rng *rand.Rand, n, count int) {
	t.Helper()
	ctx := context.Background()
	var ps []Product
	for len(ps) < count {
		p, err := c.Product(ctx, fmt.Sprintf("r%d", rng.IntN(n)))
		if err != nil {
			t.Fatal(err)
		}
		if p.Description += " " + capitalized(randomWord(rng)+" "+randomWord(rng)) + "."; !containsID(ps, p.ID) {
			ps = append(ps, p)
		}
	}
	if _, err := c.Upsert(ctx, nil, ps); err != nil {
		t.Fatal(err)
	}
}

func containsID(ps []Product, id string) bool {
	for _, p := range ps {
		if p.ID == id {
			return true
		}
	}
	return false
}

// TestOnSalePlacedInOneWalk checks that a search with the on-sale filter that carries
// both a word's pool and the pool of its matches on sale across writes of text places
// the products written in both with one walk of the word's matches (placingRanks), and
// answers as a catalog that builds every pool does: on randomCatalog's 2,000 products,
// pools of 60, 12 upserts of four descriptions lengthened, each followed first by the
// word on sale (three pages), then, with the background rebuilds ended, the same pages
// searched on a catalog that forgets its pools.
func TestOnSalePlacedInOneWalk(t *testing.T) {
	products := randomCatalog(2000, 7)
	c, fresh, _ := carriedTwins(t, products, 10, 60, 20, time.Minute)
	q := Query{Text: "brass on sale", InStock: true}
	searchPages(t, c, q)
	rng := rand.New(rand.NewPCG(7, 4))
	both := 0 // searches that placed both pools
	for round := range 12 {
		lengthenDescriptions(t, c, rng, len(products), 4)
		before := c.SearchPools()
		got, gotFirst := searchPages(t, c, q)
		after := c.SearchPools()
		placed, walks := after.Placed-before.Placed, after.Walks-before.Walks
		if placed == 2 {
			both++
			if walks != 1 {
				t.Errorf("round %d: the word's pool and that of its matches on sale placed in %d walks of the matches, not one", round, walks)
			}
		}
		waitRefreshed(t, c)
		fresh.pools.forget()
		want, wantFirst := searchPages(t, fresh, q)
		if !reflect.DeepEqual(got, want) || gotFirst.Total != wantFirst.Total || !reflect.DeepEqual(gotFirst.Facets, wantFirst.Facets) {
			t.Errorf("round %d: %q: pages %v, total %d; built afresh %v, %d", round, q.Text, got, gotFirst.Total, want, wantFirst.Total)
		}
	}
	if both == 0 {
		t.Fatal("no search placed both pools: the test needs some")
	}
	t.Logf("%d of 12 searches placed both pools", both)
}
