package catalog

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestReadPoolOfOne runs searches (words, browses, misspellings that fall back),
// candidate reads and writes at once on a catalog whose read pool has a single
// connection. They must all finish: a search holds one connection of the pool for its
// snapshot and never waits for a second one while holding it, and the statements it
// meets first are prepared after it ends. A pool of readConns connections behaves
// the same with more callers.
func TestReadPoolOfOne(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := OpenWith(ctx, path, ReadPool{Conns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.exactUpTo, c.poolSize = 5, 20 // pools, chunks and full rankings alike
	c.SetFallbackBudget(time.Minute)
	var products []Product
	for i := range 60 {
		products = append(products, Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: fmt.Sprintf("Brass lantern %d", i),
			Category: "Lights", Availability: InStock, Price: money.Money{Amount: int64(100 + i), Currency: "USD"}, Rating: 4})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	queries := []Query{{Text: "lantern"}, {Text: "brass lantern", Sort: SortPriceAsc}, {}, {Category: "lights", Sort: SortPriceAsc},
		{Text: "lantren"}, {Text: "lantern zzyzx"}}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 4 {
		wg.Go(func() {
			for i := range 15 {
				if _, err := c.Search(ctx, queries[(g+i)%len(queries)]); err != nil {
					errs <- fmt.Errorf("search: %w", err)
					return
				}
			}
		})
	}
	wg.Go(func() {
		pool, _, err := c.Pool(ctx, PoolFilter{})
		for i := 0; err == nil && i < 15; i++ {
			var refs []Ref
			if refs, err = pool.Matches(ctx, MatchAll([]string{"lantern"}), 10); err == nil {
				_, err = pool.Load(ctx, refs)
			}
		}
		if err != nil {
			errs <- fmt.Errorf("candidates: %w", err)
		}
	})
	wg.Go(func() {
		for i := range 10 {
			if _, err := c.TakeStock(ctx, fmt.Sprint("p", i), 1); err != nil && !errors.Is(err, ErrOutOfStock) {
				errs <- fmt.Errorf("take stock: %w", err)
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSnapshotEndsWhenCancelled checks that a snapshot whose context was cancelled
// while it was open gives its connection back out of its read transaction: on a read
// pool of one connection, a search made after a write finds what was written.
func TestSnapshotEndsWhenCancelled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := OpenWith(ctx, path, ReadPool{Conns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lantern := func(id string) Product {
		return Product{ID: id, SellerID: "s", Title: "Brass lantern", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, []Product{lantern("a")}); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	sctx, end, err := c.snapshot(cctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.textVersion(sctx); err != nil { // the snapshot begins with its first read
		t.Fatal(err)
	}
	cancel()
	if _, err := c.textVersion(sctx); err == nil {
		t.Error("a read in a cancelled snapshot succeeded")
	}
	end()
	if _, err := c.Upsert(ctx, nil, []Product{lantern("b")}); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, Query{Text: "lantern"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("after the write, a search finds %d lanterns, want 2: its connection still reads the old snapshot", res.Total)
	}
}
