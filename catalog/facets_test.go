package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestTallyNamesIsSortedTop holds tallyNames, which keeps only the best values while
// it reads them, equal to sorting every named value and keeping the first
// maxFacetValues.
func TestTallyNamesIsSortedTop(t *testing.T) {
	for _, tc := range []struct {
		name     string
		values   int // distinct ids counted
		maxCount int // counts are 1..maxCount
		unnamed  int // one id in unnamed has no name (0: all named)
	}{
		{"none", 0, 1, 0},
		{"fewer than shown", 7, 5, 0},
		{"as many as shown", maxFacetValues, 3, 0},
		{"many, all once", 300, 1, 0},
		{"many, few counts", 300, 3, 0},
		{"many, spread counts", 500, 40, 0},
		{"some without a name", 200, 4, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.values), uint64(tc.maxCount)))
			counts := make([]idCount, tc.values)
			names := map[int64]string{}
			for i := range counts {
				id := int64(10 + 3*i)
				counts[i] = idCount{id: id, n: 1 + r.IntN(tc.maxCount)}
				if tc.unnamed == 0 || i%tc.unnamed != 0 {
					names[id] = fmt.Sprintf("value %03d", r.IntN(1000)*1000+i) // unique, in no id order
				}
			}
			want := make([]Facet, 0, len(counts))
			for _, c := range counts {
				if names[c.id] != "" {
					want = append(want, Facet{Value: names[c.id], Count: c.n})
				}
			}
			slices.SortFunc(want, facetOrder)
			want = want[:min(len(want), maxFacetValues)]
			if got := tallyNames(counts, names); !reflect.DeepEqual(got, want) {
				t.Errorf("tallyNames:\n%v\nwant\n%v", got, want)
			}
		})
	}
}

// TestCategoryPathsWhileSearchesHoldReadPool checks that a CategoryPaths call outside a
// snapshot (recommend's) that misses the cached names and waits for a read connection
// does not stop searches that hold every read connection from reading the names they
// need: before the names were read outside the cache's lock, the searches waited for
// that lock and CategoryPaths, holding it, for one of their connections, until its
// caller gave up.
func TestCategoryPathsWhileSearchesHoldReadPool(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, wordProducts(30)); err != nil {
		t.Fatal(err)
	}
	var id int64
	var path string
	if err := c.rdb.QueryRowContext(ctx, `SELECT id, path FROM categories ORDER BY id LIMIT 1`).Scan(&id, &path); err != nil {
		t.Fatal(err)
	}
	ids := slices.Values([]int64{id})
	c.cats.mu.Lock()
	c.cats.names = nil // as if the category were written since the names were read
	c.cats.mu.Unlock()

	// Every read connection held by a search in its snapshot.
	n := readConns()
	snaps := make([]context.Context, n)
	ends := make([]func(), n)
	for i := range n {
		var err error
		if snaps[i], ends[i], err = c.snapshot(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// recommend's CategoryPaths, with a request context that has no deadline, waiting
	// for a read connection.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type answer struct {
		paths map[int64]string
		err   error
	}
	recommend := make(chan answer, 1)
	go func() {
		paths, err := c.CategoryPaths(rctx, ids)
		recommend <- answer{paths, err}
	}()
	for c.rdb.Stats().WaitCount == 0 {
		time.Sleep(time.Millisecond)
	}
	// The searches reach their facets and read the category names.
	searches := make(chan answer, n)
	for i := range n {
		go func() {
			defer ends[i]()
			paths, err := c.categoryPaths(snaps[i], ids)
			searches <- answer{paths, err}
		}()
	}
	// No speed is asked for: the wait only turns a deadlock into a failure.
	deadline := time.After(30 * time.Second)
	for done := 0; done < n; {
		select {
		case a := <-searches:
			done++
			if a.err != nil || a.paths[id] != path {
				t.Errorf("a search's category paths: %v, %v; want %d: %q", a.paths, a.err, id, path)
			}
		case <-deadline:
			st := c.rdb.Stats()
			t.Errorf("deadlock: after 30s the searches holding the %d read connections have not read the category names while CategoryPaths waits (read pool: in use %d, waiting %d)",
				n, st.InUse, st.WaitCount)
			cancel() // ends CategoryPaths' wait, so that the searches and the test can end
			deadline = nil
		}
	}
	if t.Failed() {
		<-recommend
		return
	}
	select {
	case a := <-recommend:
		if a.err != nil || a.paths[id] != path {
			t.Errorf("CategoryPaths: %v, %v; want %d: %q", a.paths, a.err, id, path)
		}
	case <-deadline:
		t.Fatal("CategoryPaths still waits 30s after the searches gave their connections back")
	}
}
