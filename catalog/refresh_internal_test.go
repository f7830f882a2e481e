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
// 60, 24 upserts of six descriptions lengthened (144 products written with text, more
// than twice the bound), each followed by searches of a word alone and on sale. After
// each round, with the refreshes ended: the pages equal those of a catalog that builds
// every pool, every pool kept holds at most maxTextWritten products written since its
// build, every set of matches kept equals the matches read afresh (checkMatchSets, a
// refreshed pool takes the set of the one it replaces), and every build was a
// refresh's (pools built by ordering every match = refreshes that built one).
func TestCarriedPoolsRefreshed(t *testing.T) {
	ctx := context.Background()
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
		var ps []Product
		for len(ps) < 6 {
			p, err := c.Product(ctx, fmt.Sprintf("r%d", rng.IntN(len(products))))
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
	builds := st.Built - before.Built + st.SalePools - before.SalePools
	t.Logf("%d refreshes, %d pools built, %d carried across text (%d placed)", refreshed-refreshedBefore, builds,
		st.TextCarried-before.TextCarried, st.Placed-before.Placed)
	if refreshed == refreshedBefore {
		t.Fatal("no pool was refreshed: the test needs some")
	}
	// A refresh of the word alone builds its pool; one of the word on sale builds the
	// word's pool and may build the pool of its matches on sale.
	if builds > 2*(refreshed-refreshedBefore) || builds < refreshed-refreshedBefore {
		t.Errorf("%d pools built against %d refreshes: a search built a pool", builds, refreshed-refreshedBefore)
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
