package checkout_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// withOwnSellers has the reference sellers keep their stock in a catalog file of their
// own, as real sellers do, so that the shop's catalog file is written by nothing but
// the sales statistics (and whatever the test does to it).
func (e *env) withOwnSellers() {
	e.t.Helper()
	sb, err := sandbox.New(testshop.DemoCatalog(e.t, ""), sandbox.Options{Now: e.clock.Now})
	if err != nil {
		e.t.Fatal(err)
	}
	e.sb = sb
	e.cfg.Sellers, e.cfg.Tokens = checkout.ACPSellers{Endpoints: sb}, checkout.SPTTokens{Client: spt.New(sb.AgentStripe())}
	e.svc = e.service()
}

// countedSales returns the sales statistics' order count of each product.
func (e *env) countedSales(ids []string) map[string]int64 {
	e.t.Helper()
	got, err := e.cat.SalesOf(context.Background(), ids)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]int64{}
	for id, s := range got {
		out[id] = s.Orders
	}
	return out
}

// pendingSales counts the sales waiting in the store's outbox.
func (e *env) pendingSales() int {
	e.t.Helper()
	ps, err := e.st.PendingSales(context.Background(), 0, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(ps)
}

// holdCatalogWriteLock takes the catalog file's write lock as a bulk load does (Load's
// transaction: BEGIN IMMEDIATE on a connection with the sales file attached) and keeps
// it until the returned function is called.
func holdCatalogWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(path)})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A load's first writes: the lock is held from here on.
	if _, err := tx.ExecContext(ctx, `UPDATE sellers SET name = name`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() { once.Do(func() { tx.Rollback(); db.Close() }) }
	t.Cleanup(release)
	return release
}

// TestSalesCountedOnceBesideABulkLoad: purchases completing while a bulk load holds the
// catalog's write lock longer than the write timeout lose no sale: each waits in the
// store's outbox, and the recovery loop counts every one exactly once after the load,
// however often it runs.
func TestSalesCountedOnceBesideABulkLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the 5 s write timeout")
	}
	e := newEnv(t, envOpts{})
	e.withOwnSellers()
	ctx := context.Background()
	products := []string{e.product(500, 2000).ID, e.product(2001, 4000).ID}
	release := holdCatalogWriteLock(t, e.catPath)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := e.buy(products[i%2], 1)
			if err == nil && out.Status != checkout.StatusCompleted {
				err = errors.New("purchase " + string(out.Status))
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("purchase during the load: %v", err)
		}
	}
	if n := e.pendingSales(); n != 4 {
		t.Fatalf("%d sales pending during the load, want 4", n)
	}
	release()
	for range 2 { // the recovery loop, twice: the second counts nothing again
		if _, err := e.svc.Recover(ctx, 0); err != nil {
			t.Fatal(err)
		}
		if got := e.countedSales(products); got[products[0]] != 2 || got[products[1]] != 2 {
			t.Fatalf("counted %v, want 2 each", got)
		}
	}
	if n := e.pendingSales(); n != 0 {
		t.Errorf("%d sales still pending after the drain", n)
	}
}

// TestSalesCountedOnceAcrossCrashes: a process killed between the order's commit and
// the count, or between the count and the store forgetting the sale, loses no sale and
// counts none twice, whichever process drains next and however many drain at once.
func TestSalesCountedOnceAcrossCrashes(t *testing.T) {
	for _, crashAt := range []string{"order_completed", "sales_counted"} {
		t.Run(crashAt, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				c.Fault = func(step string) error {
					if step == crashAt {
						return errors.New("killed")
					}
					return nil
				}
			}})
			ctx := context.Background()
			p := e.product(500, 4000)
			// A crash in the drain stops only the drain (the purchase has completed);
			// one before it stops the purchase.
			if _, err := e.buy(p.ID, 1); (err == nil) != (crashAt == "sales_counted") {
				t.Fatalf("purchase with a crash at %s: %v", crashAt, err)
			}
			if n := e.pendingSales(); n != 1 {
				t.Fatalf("%d sales pending after the crash, want 1", n)
			}
			want := map[string]int64{"order_completed": 0, "sales_counted": 1}[crashAt]
			if got := e.countedSales([]string{p.ID})[p.ID]; got != want {
				t.Fatalf("counted %d before the restart, want %d", got, want)
			}
			e.cfg.Fault = nil
			restarted := e.service()
			var wg sync.WaitGroup
			for range 3 { // several processes draining at once
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := restarted.DrainSales(ctx); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if got := e.countedSales([]string{p.ID})[p.ID]; got != 1 {
				t.Errorf("counted %d after the restart, want 1", got)
			}
			if n := e.pendingSales(); n != 0 {
				t.Errorf("%d sales still pending", n)
			}
			// A later sale counts on top, once.
			if _, err := restarted.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1}); err != nil {
				t.Fatal(err)
			}
			if got := e.countedSales([]string{p.ID})[p.ID]; got != 2 {
				t.Errorf("counted %d after a second sale, want 2", got)
			}
		})
	}
}

// TestStoreKeepsAsManyEarlierProductsAsTheStatisticsPair holds store.MaxAlsoBought to
// catalog.MaxAlsoBought.
func TestStoreKeepsAsManyEarlierProductsAsTheStatisticsPair(t *testing.T) {
	if store.MaxAlsoBought != catalog.MaxAlsoBought {
		t.Errorf("store keeps %d earlier products, the statistics pair %d", store.MaxAlsoBought, catalog.MaxAlsoBought)
	}
}
