package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// pendingSales counts the sales waiting in the store's outbox: its rows, read from
// the file rather than through store.PendingSales, which passes over a row with no
// token (one waiting from before the upgrade that the first drain has not settled).
func (e *env) pendingSales() int {
	e.t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sales_outbox`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
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

// backupStore copies the store's file as SQLite's online backup does and returns the
// copy's path.
func (e *env) backupStore() string {
	e.t.Helper()
	ctx := context.Background()
	backup := filepath.Join(e.t.TempDir(), "backup.db")
	db, err := sqlite.Open(ctx, e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, backup); err != nil {
		e.t.Fatal(err)
	}
	return backup
}

// restoreStore stops using the store, puts the backup in its file's place and opens it
// again with a new service, as an operator restoring a backup and restarting does.
func (e *env) restoreStore(backup string) {
	e.t.Helper()
	if err := e.st.Close(); err != nil {
		e.t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(e.path + suffix)
	}
	b, err := os.ReadFile(backup)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(e.path, b, 0o600); err != nil {
		e.t.Fatal(err)
	}
	st, err := store.Open(context.Background(), e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	e.st, e.cfg.Store = st, st
	e.svc = e.service()
}

// TestSalesCountedOnceAfterARestoreOrACopy: a store file restored from a backup, or
// copied and used beside the original (both counting into one sales file), counts each
// sale once: the sales the copies share (made before the copy, even when still waiting
// in the outbox then) once in all, and the sales each made since once each, whatever
// the outbox numbering of each (a counter reset, numbers above or below what was
// counted).
func TestSalesCountedOnceAfterARestoreOrACopy(t *testing.T) {
	ctx := context.Background()
	type world struct {
		*env
		p    string
		hold func() (release func()) // sales wait in the outbox until release
	}
	buy := func(t *testing.T, svc *checkout.Service, w world) {
		t.Helper()
		out, err := svc.Purchase(ctx, checkout.Request{CustomerID: w.customer, ProductID: w.p, Quantity: 1})
		if err != nil || out.Status != checkout.StatusCompleted {
			t.Fatalf("purchase: %+v, %v", out, err)
		}
	}
	drain := func(t *testing.T, svc *checkout.Service) {
		t.Helper()
		if _, err := svc.Recover(ctx, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, w world) (want int64)
	}{
		{"counter reset", func(t *testing.T, w world) int64 {
			buy(t, w.svc, w)
			drain(t, w.svc)
			db, err := sqlite.Open(ctx, w.path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.ExecContext(ctx, `DELETE FROM sqlite_sequence WHERE name = 'sales_outbox'`); err != nil {
				t.Fatal(err)
			}
			buy(t, w.svc, w)
			return 2
		}},
		{"restored: the backup's pending sales were counted since", func(t *testing.T, w world) int64 {
			buy(t, w.svc, w)
			release := w.hold()
			buy(t, w.svc, w) // waits in the outbox, and in the backup
			backup := w.backupStore()
			release()
			buy(t, w.svc, w) // lost with the restore, as its order is
			drain(t, w.svc)
			w.restoreStore(backup)
			drain(t, w.svc)
			if got := w.countedSales([]string{w.p})[w.p]; got != 3 {
				t.Fatalf("counted %d after the restore, want the 3 counted before it", got)
			}
			buy(t, w.svc, w)
			return 4
		}},
		{"copied: both sell, above and below what was counted", func(t *testing.T, w world) int64 {
			buy(t, w.svc, w)
			release := w.hold()
			buy(t, w.svc, w) // waits in the outbox of both
			copied := w.backupStore()
			release()
			st, err := store.Open(ctx, copied)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			cfg := w.cfg
			cfg.Store = st
			other, err := checkout.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			buy(t, w.svc, w)
			buy(t, other, w)
			buy(t, other, w)
			drain(t, other)
			return 5
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			e.withOwnSellers()
			w := world{env: e, p: e.product(500, 4000).ID, hold: func() func() { return holdCatalogWriteLock(t, e.catPath) }}
			want := tc.run(t, w)
			drain(t, e.svc)
			if got := e.countedSales([]string{w.p})[w.p]; got != want {
				t.Errorf("counted %d, want %d", got, want)
			}
			if n := e.pendingSales(); n != 0 {
				t.Errorf("%d sales still pending", n)
			}
		})
	}
}

// TestSalesWaitingAtTheUpgradeCountedOnce: the sales waiting in the outbox when the
// store was upgraded to tokens (store migration 0017, which leaves them without one)
// are counted once by the first drain: those at or below what the version before
// counted for the store's id are not counted again, the others are; a store whose
// numbering had gone back below that mark before the upgrade (restored) counts them
// all, as the version before did.
func TestSalesWaitingAtTheUpgradeCountedOnce(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		top, mark int64 // the outbox's highest number at the upgrade; the statistics' mark
		want      int64
	}{
		{"two of three counted before", 3, 2, 1},
		{"all counted before", 3, 3, 0},
		{"none counted before", 3, 0, 3},
		{"the store went back before the upgrade", 3, 5, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			p := e.product(500, 4000).ID
			exec := func(path, q string, args ...any) {
				t.Helper()
				db, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.ExecContext(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			// What migration 0017 leaves of an outbox holding sales 1..top.
			for range tc.top {
				exec(e.path, `INSERT INTO sales_outbox (order_id, product_id, quantity, sold_at) VALUES ('o', ?, 1, '2026-11-27T12:00:00.000000000Z')`, p)
			}
			exec(e.path, `INSERT INTO store_identity (id, sales_top) VALUES ('old', ?)`, tc.top)
			exec(catalog.SalesFile(e.catPath), `INSERT INTO sales_counted (source, seq) VALUES ('old', ?)`, tc.mark)
			for range 2 { // the second drain finds nothing more
				if _, err := e.svc.DrainSales(ctx); err != nil {
					t.Fatal(err)
				}
				if got := e.countedSales([]string{p})[p]; got != tc.want {
					t.Fatalf("counted %d, want %d", got, tc.want)
				}
			}
			if n := e.pendingSales(); n != 0 {
				t.Errorf("%d sales still pending", n)
			}
		})
	}
}
