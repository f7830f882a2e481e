package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
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

// TestMoveSales opens catalogs whose statistics are still in the catalog's own file,
// as each state before and during the move leaves them, and checks that every sale
// and pair arrives in the sales file once and the old tables are gone.
func TestMoveSales(t *testing.T) {
	ctx := context.Background()
	oldTables := `CREATE TABLE main.%s (product INTEGER PRIMARY KEY, orders INTEGER NOT NULL DEFAULT 0, units INTEGER NOT NULL DEFAULT 0,
			last_sold_at TEXT NOT NULL, buyers INTEGER NOT NULL DEFAULT 0);
		CREATE TABLE main.%s (a INTEGER NOT NULL, b INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;`
	cases := []struct {
		name string
		// state turns a catalog whose statistics are in the sales file (and just
		// recorded) into the state to open.
		state []string
	}{
		{name: "before migration 0016", state: []string{
			fmt.Sprintf(oldTables, "product_sales", "copurchases"),
			`INSERT INTO main.product_sales SELECT * FROM sales.product_sales; INSERT INTO main.copurchases SELECT * FROM sales.copurchases`,
			`DELETE FROM catalog_migrations WHERE name = '0016_sales_file.sql'`,
			`DELETE FROM sales.product_sales; DELETE FROM sales.copurchases`,
		}},
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
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
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
			for _, q := range tc.state {
				if _, err := c.db.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			c.Close()
			// Two processes (replicas, a demo seller) may open it at once.
			other := make(chan error, 1)
			go func() {
				o, err := Open(ctx, path)
				if err == nil {
					o.Close()
				}
				other <- err
			}()
			if c, err = Open(ctx, path); err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := <-other; err != nil {
				t.Fatalf("a second Open at the same time: %v", err)
			}
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
		})
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
