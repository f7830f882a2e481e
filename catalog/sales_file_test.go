package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

var fixedTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// TestSalesFile checks that recording a sale commits to the sales file only, so that
// the catalog's own file (whose pages searches cache) is left alone by orders.
func TestSalesFile(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	for path, want := range map[string]string{"/x/stats.db": "/x/stats-sales.db", "/x.y/shop": "/x.y/shop-sales"} {
		if got := SalesFile(path); got != want {
			t.Errorf("SalesFile(%q) = %q, want %q", path, got, want)
		}
	}
	// The background goroutine (fills, index merges) commits to the catalog's file on
	// its own schedule; stopped, only the sale can move either file's data_version.
	c.stopFills()
	before := dataVersion(t, c, "main")
	sales := dataVersion(t, c, "sales")
	if err := c.RecordSale(ctx, "a", 2, []string{"b"}, fixedTime); err != nil {
		t.Fatal(err)
	}
	if got := dataVersion(t, c, "main"); got != before {
		t.Errorf("a sale committed to the catalog's file (data_version %d → %d)", before, got)
	}
	if got := dataVersion(t, c, "sales"); got == sales {
		t.Error("a sale did not commit to the sales file")
	}
	if o, u, _ := sold(t, c, "a"); o != 1 || u != 2 {
		t.Errorf("sold a = %d orders, %d units", o, u)
	}
}

// dataVersion returns PRAGMA data_version of schema on one connection of the read
// pool, which changes when another connection has committed to that file.
func dataVersion(t *testing.T, c *Catalog, schema string) int {
	t.Helper()
	conn, err := c.rdb.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var v int
	if err := conn.QueryRowContext(context.Background(), `PRAGMA `+schema+`.data_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func (c *Catalog) path(t *testing.T) string {
	t.Helper()
	var seq int
	var name, file string
	if err := c.db.QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

// oldTables creates the statistics' tables as versions before 0016 had them in the
// catalog's file, under the two names given.
const oldTables = `CREATE TABLE main.%s (product INTEGER PRIMARY KEY, orders INTEGER NOT NULL DEFAULT 0, units INTEGER NOT NULL DEFAULT 0,
		last_sold_at TEXT NOT NULL, buyers INTEGER NOT NULL DEFAULT 0);
	CREATE TABLE main.%s (a INTEGER NOT NULL, b INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;`

// beforeMigration0016 turns a catalog whose statistics are in the sales file into one
// as versions before migration 0016 left it.
var beforeMigration0016 = []string{
	fmt.Sprintf(oldTables, "product_sales", "copurchases"),
	`INSERT INTO main.product_sales SELECT * FROM sales.product_sales; INSERT INTO main.copurchases SELECT * FROM sales.copurchases`,
	`DELETE FROM catalog_migrations WHERE name = '0016_sales_file.sql'`,
	`DELETE FROM sales.product_sales; DELETE FROM sales.copurchases`,
}

// TestMoveSales opens catalogs whose statistics are still in the catalog's own file,
// as each state before and during the move leaves them, and checks that every sale
// and pair arrives in the sales file once and the old tables are gone.
func TestMoveSales(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		// state turns a catalog whose statistics are in the sales file (and just
		// recorded) into the state to open.
		state []string
	}{
		{name: "before migration 0016", state: beforeMigration0016},
		{name: "renamed, not copied", state: []string{
			fmt.Sprintf(oldTables, "product_sales_moving", "copurchases_moving"),
			`INSERT INTO main.product_sales_moving SELECT * FROM sales.product_sales; INSERT INTO main.copurchases_moving SELECT * FROM sales.copurchases`,
			`DELETE FROM sales.product_sales; DELETE FROM sales.copurchases`,
		}},
		{name: "copied, not dropped", state: []string{
			fmt.Sprintf(oldTables, "product_sales_moving", "copurchases_moving"),
			`INSERT INTO main.product_sales_moving SELECT * FROM sales.product_sales; INSERT INTO main.copurchases_moving SELECT * FROM sales.copurchases`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "shop.db")
			wantPairs, wantSold := soldCatalogIn(t, path, tc.state)
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			checkSalesMoved(t, c, wantPairs, wantSold)
		})
	}
}

// soldCatalogIn writes a catalog at path with three products, some sold together,
// runs state's statements on it and closes it. It returns the pairs and sales that the
// statistics hold.
func soldCatalogIn(t *testing.T, path string, state []string) (map[string]int, map[string]string) {
	t.Helper()
	ctx := context.Background()
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ps []Product
	for _, id := range []string{"a", "b", "c"} {
		ps = append(ps, Product{ID: id, SellerID: "s", Title: "Product " + id, Price: money.Money{Amount: 100, Currency: "USD"}})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s"}}, ps); err != nil {
		t.Fatal(err)
	}
	if err := c.RecordSales(ctx, []Sale{{ProductID: "a", Quantity: 1, At: fixedTime}, {ProductID: "b", Quantity: 3, AlsoBought: []string{"a"}, At: fixedTime},
		{ProductID: "c", Quantity: 1, AlsoBought: []string{"b", "a"}, At: fixedTime}}); err != nil {
		t.Fatal(err)
	}
	wantPairs, wantSold := pairs(t, c), soldAll(t, c)
	for _, q := range state {
		if _, err := c.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return wantPairs, wantSold
}

// checkSalesMoved checks that c's statistics are wantPairs and wantSold, all in the
// sales file.
func checkSalesMoved(t *testing.T, c *Catalog, wantPairs map[string]int, wantSold map[string]string) {
	t.Helper()
	if got := pairs(t, c); !reflect.DeepEqual(got, wantPairs) {
		t.Errorf("pairs after the move = %v, want %v", got, wantPairs)
	}
	if got := soldAll(t, c); !reflect.DeepEqual(got, wantSold) {
		t.Errorf("sales after the move = %v, want %v", got, wantSold)
	}
	var left int
	if err := c.db.QueryRow(`SELECT count(*) FROM main.sqlite_master WHERE name GLOB 'product_sales*' OR name GLOB 'copurchases*'`).Scan(&left); err != nil || left != 0 {
		t.Errorf("the catalog's file keeps %d of the statistics' tables and indexes (%v)", left, err)
	}
}

// TestMoveSalesConcurrently opens a catalog from before migration 0016 from several
// goroutines at once, as replicas started together do: every Open succeeds and the
// statistics arrive once.
func TestMoveSalesConcurrently(t *testing.T) {
	ctx := context.Background()
	for run := range 20 {
		path := filepath.Join(t.TempDir(), "shop.db")
		wantPairs, wantSold := soldCatalogIn(t, path, beforeMigration0016)
		const opens = 4
		cs := make([]*Catalog, opens)
		errs := make([]error, opens)
		var wg sync.WaitGroup
		for i := range opens {
			wg.Go(func() { cs[i], errs[i] = Open(ctx, path) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("run %d, open %d: %v", run, i, err)
			}
		}
		checkSalesMoved(t, cs[0], wantPairs, wantSold)
		for _, c := range cs {
			c.Close()
		}
	}
}

// TestSalesFileOfAnotherCatalog: a sales file left beside a catalog file made anew
// (the old one deleted, other products imported) names products by rowids that now
// mean others; Open empties it (the tokens of the sales counted too) and says so, once.
// A copy of both files keeps them.
func TestSalesFileOfAnotherCatalog(t *testing.T) {
	ctx := context.Background()
	c := openStats(t)
	if c.SalesDiscarded() {
		t.Error("a new catalog reports discarded statistics")
	}
	counted := CountedSale{Token: 42, Sale: Sale{ProductID: "a", Quantity: 1, AlsoBought: []string{"b"}, At: fixedTime}}
	if n, err := c.CountSales(ctx, []CountedSale{counted}); err != nil || n != 1 {
		t.Fatalf("CountSales = %d, %v", n, err)
	}
	path := c.path(t)
	c.Close()

	// A copy of both files, elsewhere, keeps its statistics.
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	for from, to := range map[string]string{path: copyPath, SalesFile(path): SalesFile(copyPath)} {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cp, err := Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if o, _, _ := sold(t, cp, "a"); o != 1 || cp.SalesDiscarded() {
		t.Errorf("the copy: sold a = %d, discarded %v", o, cp.SalesDiscarded())
	}
	cp.Close()

	for _, f := range []string{"", "-wal", "-shm"} {
		os.Remove(path + f)
	}
	c, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !c.SalesDiscarded() {
		t.Error("Open did not report the other catalog's statistics")
	}
	var ps []Product
	for _, id := range []string{"x", "y"} {
		ps = append(ps, Product{ID: id, SellerID: "s", Title: "Other " + id, Price: money.Money{Amount: 100, Currency: "USD"}})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s"}}, ps); err != nil {
		t.Fatal(err)
	}
	if got := soldAll(t, c); len(got) != 0 {
		t.Errorf("the new catalog's products have the old one's sales: %v", got)
	}
	if got := pairs(t, c); len(got) != 0 {
		t.Errorf("the new catalog's products have the old one's pairs: %v", got)
	}
	// The tokens counted went with the statistics: a sale given again counts afresh.
	counted.ProductID = "x"
	if n, err := c.CountSales(ctx, []CountedSale{counted}); err != nil || n != 1 {
		t.Errorf("CountSales of a token counted for the old catalog = %d, %v; want 1", n, err)
	}
	c.Close()
	if c, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.SalesDiscarded() {
		t.Error("the second Open reports discarded statistics again")
	}
}

// TestSalesFileLost: a catalog opened without its sales file starts with no
// statistics instead of failing.
func TestSalesFileLost(t *testing.T) {
	ctx := context.Background()
	c := openStats(t)
	if err := c.RecordSale(ctx, "a", 1, nil, fixedTime); err != nil {
		t.Fatal(err)
	}
	path := c.path(t)
	c.Close()
	for _, f := range []string{"", "-wal", "-shm"} {
		os.Remove(SalesFile(path) + f)
	}
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if o, _, _ := sold(t, c, "a"); o != 0 {
		t.Errorf("sold a = %d orders with the sales file gone", o)
	}
	if err := c.RecordSale(ctx, "a", 1, nil, fixedTime); err != nil {
		t.Fatal(err)
	}
}

// soldAll returns every product's sales row as "orders units last buyers".
func soldAll(t *testing.T, c *Catalog) map[string]string {
	t.Helper()
	rows, err := c.db.Query(`SELECT p.id, s.orders || ' ' || s.units || ' ' || s.last_sold_at || ' ' || s.buyers FROM product_sales s JOIN products p ON p.rowid = s.product`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, v string
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

// TestCountSales: sales are counted once each by their token, whatever is given again
// (the same batch twice, a batch with some counted and some new, batches racing); a
// sale of an unknown product or a bad quantity is passed over, not retried for ever;
// and a sales file emptied for another catalog counts every token afresh.
func TestCountSales(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	sale := func(token int64, id string, qty int) CountedSale {
		return CountedSale{Token: token, Sale: Sale{ProductID: id, Quantity: qty, At: fixedTime}}
	}
	steps := []struct {
		name  string
		batch []CountedSale
		want  int
	}{
		{"first batch", []CountedSale{sale(11, "a", 1), sale(-12, "b", 2)}, 2},
		{"the same batch again", []CountedSale{sale(11, "a", 1), sale(-12, "b", 2)}, 0},
		{"a counted sale beside a new one", []CountedSale{sale(-12, "b", 2), sale(3, "a", 1)}, 1},
		{"an unknown product and a bad quantity are passed over", []CountedSale{sale(4, "gone", 1), sale(5, "a", 0), sale(6, "c", 1)}, 1},
		{"passed over once is passed over for good", []CountedSale{sale(5, "a", 1)}, 0},
		{"a token is not a number: a lower one is new", []CountedSale{sale(1, "a", 1)}, 1},
	}
	for _, s := range steps {
		n, err := c.CountSales(ctx, s.batch)
		if err != nil || n != s.want {
			t.Fatalf("%s: counted %d, %v; want %d", s.name, n, err, s.want)
		}
	}
	var wg sync.WaitGroup
	for range 4 { // four drains given the same new batch at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.CountSales(ctx, []CountedSale{sale(7, "d", 1), sale(8, "d", 1)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for id, want := range map[string]int{"a": 3, "b": 1, "c": 1, "d": 2} {
		if o, _, _ := sold(t, c, id); o != want {
			t.Errorf("%s sold %d times, want %d", id, o, want)
		}
	}
}

// TestSalesFileMissingOrEmptied: a catalog with products opened without its sales
// file, or with one truncated to nothing, reports that its statistics started empty
// (once: the next Open finds the new file) and counts sales again from there; a new
// catalog, or one whose file is intact, reports nothing; a sales file truncated in the
// middle is refused by Open, naming the file and what to do.
func TestSalesFileMissingOrEmptied(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, path string)
	}{
		{"deleted", func(t *testing.T, path string) {
			for _, f := range []string{"", "-wal", "-shm"} {
				os.Remove(SalesFile(path) + f)
			}
		}},
		{"truncated to nothing", func(t *testing.T, path string) {
			if err := os.Truncate(SalesFile(path), 0); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := openStats(t)
			if c.SalesStartedEmpty() {
				t.Error("a new catalog reports its sales file missing")
			}
			if err := c.RecordSale(ctx, "a", 1, nil, fixedTime); err != nil {
				t.Fatal(err)
			}
			path := c.path(t)
			c.Close()
			again, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if again.SalesStartedEmpty() {
				t.Error("an intact sales file reported missing")
			}
			again.Close()
			tc.spoil(t, path)
			c, err = Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if !c.SalesStartedEmpty() || c.SalesDiscarded() {
				t.Errorf("started empty %v, discarded %v; want started empty only", c.SalesStartedEmpty(), c.SalesDiscarded())
			}
			if o, _, _ := sold(t, c, "a"); o != 0 {
				t.Errorf("sold a = %d", o)
			}
			if err := c.RecordSale(ctx, "a", 1, nil, fixedTime); err != nil {
				t.Fatal(err)
			}
			c.Close()
			c, err = Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if o, _, _ := sold(t, c, "a"); o != 1 || c.SalesStartedEmpty() {
				t.Errorf("next Open: sold a = %d, started empty %v", o, c.SalesStartedEmpty())
			}
		})
	}
	t.Run("truncated in the middle", func(t *testing.T) {
		c := openStats(t)
		for i := range 200 {
			if err := c.RecordSale(ctx, "a", 1, []string{"b", "c", fmt.Sprint(i)}, fixedTime); err != nil {
				t.Fatal(err)
			}
		}
		path := c.path(t)
		c.Close()
		st, err := os.Stat(SalesFile(path))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(SalesFile(path), st.Size()/2+100); err != nil {
			t.Fatal(err)
		}
		c, err = Open(ctx, path)
		if err == nil {
			c.Close()
			t.Fatal("a catalog opened with half a sales file")
		}
		if !strings.Contains(err.Error(), SalesFile(path)) || !strings.Contains(err.Error(), "malformed") {
			t.Errorf("Open = %v; want the sales file named, and malformed", err)
		}
	})
}

// TestTryCountSalesDoesNotWait: TryCountSales fails at once with ErrBusy, counting
// nothing, while another writer holds the sales file (a bulk load), counts as
// CountSales once it is free, and gives its connection back to the pool with the
// pool's busy timeout.
func TestTryCountSalesDoesNotWait(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	c.db.SetMaxOpenConns(2) // the writer's connection and TryCountSales's
	batch := []CountedSale{{Token: 1, Sale: Sale{ProductID: "a", Quantity: 1, At: fixedTime}}}
	load, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.ExecContext(ctx, `INSERT INTO sales.counted_sales (token) VALUES (99)`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := c.TryCountSales(ctx, batch)
	if !errors.Is(err, ErrBusy) || n != 0 {
		t.Errorf("TryCountSales beside a writer = %d, %v; want ErrBusy", n, err)
	}
	if took := time.Since(start); took >= sqlite.BusyTimeout {
		t.Errorf("TryCountSales waited %v for the writer", took)
	}
	if err := load.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n, err := c.TryCountSales(ctx, batch); err != nil || n != 1 {
		t.Fatalf("TryCountSales once free = %d, %v; want 1", n, err)
	}
	if n, err := c.TryCountSales(ctx, batch); err != nil || n != 0 {
		t.Fatalf("TryCountSales of the same sale again = %d, %v; want 0", n, err)
	}
	var conns []*sql.Conn
	for range 2 {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conns = append(conns, conn)
	}
	for i, conn := range conns {
		var ms int64
		if err := conn.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&ms); err != nil || ms != sqlite.BusyTimeout.Milliseconds() {
			t.Errorf("connection %d of the pool: busy timeout %d ms, %v; want %d", i, ms, err, sqlite.BusyTimeout.Milliseconds())
		}
	}
}
