// Package testshop opens the databases tests work on: a catalog and a store on real
// SQLite in a test's temporary directory, empty, holding given products, or holding
// the demo catalog and the demo customer. Every helper fails the test on an error and
// closes what it opened when the test ends. Only tests import it; it imports catalog,
// catalog/demo and store, so only their external test packages (package catalog_test,
// store_test) can use it.
package testshop

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/pooltest"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Path is the path of a new database file in a new temporary directory of t.
func Path(t testing.TB) string {
	return filepath.Join(t.TempDir(), "commerce.db")
}

// Catalog opens the catalog at path ("" means Path(t)), its writing pool capped at
// one connection (a nested use of it fails the test, see pooltest.Cap), and writes sellers
// and products to it, when there are any.
func Catalog(t testing.TB, path string, sellers []catalog.Seller, products []catalog.Product) *catalog.Catalog {
	t.Helper()
	c := open(t, path, catalog.Open)
	pooltest.Cap(t, c, "/catalog.(*Catalog).")
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
	return demoCatalog(t, path, nil)
}

// demoCatalog opens the catalog at path ("" means Path(t)) holding the demo catalog,
// written at now (nil: the wall clock). A new file is a copy of the demo catalog's
// files as this test binary first wrote them at that time (demoFiles): the same bytes
// that writing the demo catalog gives, without writing its products, search index
// and vocabulary again in every test. A file that exists already has the demo catalog
// written to it.
func demoCatalog(t testing.TB, path string, now func() time.Time) *catalog.Catalog {
	t.Helper()
	if path == "" {
		path = Path(t)
	}
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		writeDemoFiles(t, path, now)
	}
	c := open(t, path, catalog.Open)
	pooltest.Cap(t, c, "/catalog.(*Catalog).")
	c.SetFallbackBudget(FallbackBudget)
	if now != nil {
		c.Now = now
	}
	if err == nil {
		Upsert(t, c, demo.Sellers(), demo.Products())
	}
	return c
}

// WriteDemo creates the demo catalog's files at path (the catalog and its sales file)
// and leaves them closed, for tests that hand the file to a command: a copy of the
// demo catalog as this test binary first wrote it (see demoCatalog), with an id of its
// own. A command that opens it finds a catalog, so it does not write the demo catalog
// itself (and does not log that it did).
func WriteDemo(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("write the demo catalog: %s exists (%v)", filepath.Base(path), err)
	}
	writeDemoFiles(t, path, nil)
}

// writeDemoFiles writes the demo catalog's files written at now (nil: the wall clock)
// to the new file path, with an id of their own.
func writeDemoFiles(t testing.TB, path string, now func() time.Time) {
	t.Helper()
	files := demoFiles(t, now)
	for to, b := range map[string][]byte{path: files.catalog, catalog.SalesFile(path): files.sales} {
		if err := os.WriteFile(to, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	newIdentity(t, path)
}

// newIdentity gives the catalog at path, and its sales file, an id of their own, as a
// catalog written anew has: copies of one catalog share its id (see catalog migration
// 0021), and a test may write a catalog again where one was.
func newIdentity(t testing.TB, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(path)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE main.catalog_identity SET id = lower(hex(randomblob(16)));
		UPDATE sales.sales_identity SET catalog = (SELECT id FROM main.catalog_identity)`); err != nil {
		t.Fatal(err)
	}
}

// demoFile is the demo catalog's two files (the catalog's and its sales file's) as
// written once, closed, at one time.
type demoFile struct {
	once           sync.Once
	catalog, sales []byte
	err            error
}

// demoWritten holds the demo catalog's files by the time they were written at: the
// wall clock's ("" key: the time of the first test that asked) or a test clock's
// reading when first asked (tests that start their clocks at a fixed time share one).
var demoWritten sync.Map // string → *demoFile

// demoFiles returns the demo catalog's files written at now's reading (nil: the wall
// clock), writing them the first time they are asked for.
func demoFiles(t testing.TB, now func() time.Time) *demoFile {
	t.Helper()
	key := ""
	if now != nil {
		key = now().UTC().Format(time.RFC3339Nano)
	}
	v, _ := demoWritten.LoadOrStore(key, &demoFile{})
	d := v.(*demoFile)
	d.once.Do(func() { d.catalog, d.sales, d.err = writeDemo(now) })
	if d.err != nil {
		t.Fatalf("write the demo catalog: %v", d.err)
	}
	return d
}

// writeDemo writes the demo catalog at now to a new file, closes it and returns its
// files' bytes.
func writeDemo(now func() time.Time) (cat, sales []byte, err error) {
	dir, err := os.MkdirTemp("", "testshop-demo-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "commerce.db")
	c, err := catalog.Open(context.Background(), path)
	if err != nil {
		return nil, nil, err
	}
	if now != nil {
		c.Now = now
	}
	st, err := c.Upsert(context.Background(), demo.Sellers(), demo.Products())
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err == nil && st.Inserted != len(demo.Products()) {
		err = fmt.Errorf("upsert wrote %d of %d products", st.Inserted, len(demo.Products()))
	}
	if err != nil {
		return nil, nil, err
	}
	if cat, err = os.ReadFile(path); err != nil {
		return nil, nil, err
	}
	for _, f := range []string{path + "-wal", catalog.SalesFile(path) + "-wal"} {
		if fi, err := os.Stat(f); err == nil && fi.Size() > 0 {
			return nil, nil, fmt.Errorf("%s is left after closing the catalog", filepath.Base(f))
		}
	}
	sales, err = os.ReadFile(catalog.SalesFile(path))
	return cat, sales, err
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

// Store opens the store at path ("" means Path(t)), its pool capped at one
// connection: a nested use of the pool fails the test (see pooltest.Cap).
func Store(t testing.TB, path string) *store.Store {
	t.Helper()
	s := open(t, path, store.Open)
	pooltest.Cap(t, s, "/store.(*Store).")
	return s
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
	s.Catalog = demoCatalog(t, s.Path, now)
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

// HoldWriteLock holds the write lock of the SQLite database at path from another
// connection, as an import, a second server or an operator's sqlite3 would, until
// the returned function is called or the test ends.
func HoldWriteLock(t testing.TB, path string) (release func()) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		conn.Close()
		db.Close()
		t.Fatal(err)
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			t.Error(err)
		}
		conn.Close()
		db.Close()
	}
	t.Cleanup(release)
	return release
}
