// Package testshop opens the databases tests work on: a catalog and a store on real
// SQLite in a test's temporary directory, empty, holding given products, or holding
// the demo catalog and the demo customer. Every helper fails the test on an error and
// closes what it opened when the test ends. Only tests import it; it imports catalog,
// catalog/demo and store, so only their external test packages (package catalog_test,
// store_test) can use it.
package testshop

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Path is the path of a new database file in a new temporary directory of t.
func Path(t testing.TB) string {
	return filepath.Join(t.TempDir(), "commerce.db")
}

// Catalog opens the catalog at path ("" means Path(t)) and writes sellers and
// products to it, when there are any.
func Catalog(t testing.TB, path string, sellers []catalog.Seller, products []catalog.Product) *catalog.Catalog {
	t.Helper()
	c := open(t, path, catalog.Open)
	c.SetFallbackBudget(FallbackBudget)
	Upsert(t, c, sellers, products)
	return c
}

// FallbackBudget is the time the catalogs of tests give a search that found nothing
// to correct spelling and try fewer words: far more than production's, so that what a
// test finds does not depend on how busy the machine is.
const FallbackBudget = time.Minute

// DemoCatalog opens the catalog at path ("" means Path(t)) holding the demo catalog.
func DemoCatalog(t testing.TB, path string) *catalog.Catalog {
	t.Helper()
	return Catalog(t, path, demo.Sellers(), demo.Products())
}

// WriteCatalog creates the catalog database at path holding sellers and products and
// closes it, for tests that hand the file to a command.
func WriteCatalog(t testing.TB, path string, sellers []catalog.Seller, products []catalog.Product) {
	t.Helper()
	c, err := catalog.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open catalog: %v", err)
	}
	defer c.Close()
	Upsert(t, c, sellers, products)
}

// Upsert writes sellers and products to c and checks that every product was inserted
// or updated.
func Upsert(t testing.TB, c *catalog.Catalog, sellers []catalog.Seller, products []catalog.Product) {
	t.Helper()
	if len(sellers) == 0 && len(products) == 0 {
		return
	}
	st, err := c.Upsert(context.Background(), sellers, products)
	if err != nil {
		t.Fatalf("upsert: %v", err)
	}
	if n := st.Inserted + st.Updated; n != len(products) {
		t.Fatalf("upsert wrote %d of %d products", n, len(products))
	}
}

// Store opens the store at path ("" means Path(t)).
func Store(t testing.TB, path string) *store.Store {
	t.Helper()
	return open(t, path, store.Open)
}

// Shop is the demo catalog and a store holding the demo customer, in production's
// layout: the store in its own file beside the catalog's (store.FileBeside).
type Shop struct {
	Path      string // the catalog's file
	StorePath string // the store's, beside it
	Catalog   *catalog.Catalog
	Store     *store.Store
	Customer  store.Customer // the demo customer (store.DemoCustomerID)
}

// Demo opens a new demo shop in t's temporary directory. The catalog and the store
// run on now, set before anything is written; nil means the wall clock.
func Demo(t testing.TB, now func() time.Time) *Shop {
	t.Helper()
	s := &Shop{Path: Path(t)}
	s.StorePath = store.FileBeside(s.Path)
	s.Catalog = open(t, s.Path, catalog.Open)
	s.Catalog.SetFallbackBudget(FallbackBudget)
	if now != nil {
		s.Catalog.Now = now
	}
	Upsert(t, s.Catalog, demo.Sellers(), demo.Products())
	s.Store = Store(t, s.StorePath)
	s.Store.Now = now
	c, err := s.Store.SeedDemo(context.Background())
	if err != nil {
		t.Fatalf("seed the demo customer: %v", err)
	}
	s.Customer = c
	return s
}

// AddAddress gives customerID a copy of the demo customer's delivery address
// (store.DemoAddress), as its default, so that it can buy goods that are shipped.
func AddAddress(t testing.TB, st *store.Store, customerID string) store.Address {
	t.Helper()
	a := store.DemoAddress
	a.CustomerID = customerID
	a, err := st.AddAddress(context.Background(), a)
	if err != nil {
		t.Fatalf("add address: %v", err)
	}
	return a
}

// open opens the database at path ("" means Path(t)) with openFn and closes it when
// the test ends.
func open[DB interface{ Close() error }](t testing.TB, path string, openFn func(context.Context, string) (DB, error)) DB {
	t.Helper()
	if path == "" {
		path = Path(t)
	}
	db, err := openFn(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", filepath.Base(path), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
