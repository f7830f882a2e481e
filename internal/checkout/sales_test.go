package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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
// catalog's write lock lose no sale and do not wait for the lock (its timeout): each
// sale waits in the store's outbox, and the recovery loop counts every one exactly once
// after the load, however often it runs.
func TestSalesCountedOnceBesideABulkLoad(t *testing.T) {
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
			start := time.Now()
			out, err := e.buy(products[i%2], 1)
			if err == nil && out.Status != checkout.StatusCompleted {
				err = errors.New("purchase " + string(out.Status))
			}
			if took := time.Since(start); err == nil && took >= sqlite.BusyTimeout {
				err = fmt.Errorf("the purchase took %v: it waited for the catalog's lock", took)
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

// TestSalesCountedAfterTheStoreWentBack: a store whose outbox numbering goes back below
// what the statistics counted for it (its counter reset as a restore does to it, or
// the whole file restored from a backup) loses none of its later sales: it takes a new
// id and they count afresh.
func TestSalesCountedAfterTheStoreWentBack(t *testing.T) {
	for _, how := range []string{"counter reset", "file restored"} {
		t.Run(how, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.product(500, 4000)
			buy := func(n int) {
				t.Helper()
				for range n {
					if out, err := e.buy(p.ID, 1); err != nil || out.Status != checkout.StatusCompleted {
						t.Fatalf("purchase: %+v, %v", out, err)
					}
				}
				if _, err := e.svc.Recover(ctx, 0); err != nil {
					t.Fatal(err)
				}
			}
			backup := filepath.Join(t.TempDir(), "backup.db")
			buy(1)
			if how == "file restored" {
				db, err := sqlite.Open(ctx, e.path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, backup); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			buy(2)
			if got := e.countedSales([]string{p.ID})[p.ID]; got != 3 {
				t.Fatalf("counted %d, want 3", got)
			}
			switch how {
			case "counter reset":
				db, err := sqlite.Open(ctx, e.path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.ExecContext(ctx, `DELETE FROM sqlite_sequence WHERE name = 'sales_outbox'`); err != nil {
					t.Fatal(err)
				}
				db.Close()
			case "file restored":
				if err := e.st.Close(); err != nil {
					t.Fatal(err)
				}
				for _, suffix := range []string{"-wal", "-shm"} {
					os.Remove(e.path + suffix)
				}
				b, err := os.ReadFile(backup)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(e.path, b, 0o600); err != nil {
					t.Fatal(err)
				}
				st, err := store.Open(ctx, e.path)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				e.st, e.cfg.Store = st, st
				e.svc = e.service()
			}
			buy(2)
			if got := e.countedSales([]string{p.ID})[p.ID]; got != 5 {
				t.Errorf("counted %d after two more sales, want 5", got)
			}
			if n := e.pendingSales(); n != 0 {
				t.Errorf("%d sales still pending", n)
			}
			if !strings.Contains(e.logs.String(), "numbering went back") {
				t.Error("no warning logged")
			}
		})
	}
}
