package testshop_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestDemoCopyIsTheDemoWritten holds the copies of the demo catalog that the helpers
// hand out (testshop.Demo, DemoCatalog) equal to the demo catalog written anew at the
// same time: every row of every table of both files, the search index's included;
// only the catalog's random id differs, and each copy has its own.
func TestDemoCopyIsTheDemoWritten(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	written := testshop.Path(t)
	c, err := catalog.Open(ctx, written)
	if err != nil {
		t.Fatal(err)
	}
	c.Now = now
	testshop.Upsert(t, c, demo.Sellers(), demo.Products())
	c.Close()
	shops := []*testshop.Shop{testshop.Demo(t, now), testshop.Demo(t, now)} // the second one a copy for sure
	want, wantID := dump(t, written)
	ids := map[string]bool{wantID: true}
	for i, s := range shops {
		got, id := dump(t, s.Path)
		if ids[id] {
			t.Errorf("copy %d has the id of another catalog", i)
		}
		ids[id] = true
		if !slices.Equal(got, want) {
			for _, row := range got {
				if !slices.Contains(want, row) {
					t.Errorf("copy %d has %s, which the catalog written anew has not", i, row)
					break
				}
			}
			t.Fatalf("copy %d: %d rows, the catalog written anew %d", i, len(got), len(want))
		}
		if s.Catalog.SalesStartedEmpty() || s.Catalog.SalesDiscarded() {
			t.Errorf("copy %d: sales started empty %v, discarded %v", i, s.Catalog.SalesStartedEmpty(), s.Catalog.SalesDiscarded())
		}
	}
}

// dump is every row of every table of the catalog at path and of its sales file, as
// sorted text, but for the catalog's id (returned apart) and the migrations' times.
func dump(t *testing.T, path string) (rows []string, id string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(path)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, `SELECT id FROM main.catalog_identity`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for _, schema := range []string{"main", "sales"} {
		var tables []string
		q, err := db.QueryContext(ctx, `SELECT name FROM `+schema+`.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
			AND name NOT IN ('catalog_identity', 'sales_identity', 'catalog_migrations') ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		for q.Next() {
			var n string
			if err := q.Scan(&n); err != nil {
				t.Fatal(err)
			}
			tables = append(tables, n)
		}
		q.Close()
		for _, table := range tables {
			rows = append(rows, dumpTable(t, db, schema+`."`+table+`"`)...)
		}
	}
	slices.Sort(rows)
	return rows, id
}

func dumpTable(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	q, err := db.Query(`SELECT * FROM ` + table)
	if err != nil {
		t.Fatalf("%s: %v", table, err)
	}
	defer q.Close()
	cols, err := q.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for q.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := q.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, table+fmt.Sprintf(" %q", vals))
	}
	if err := q.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// errorsOf is a testing.TB that keeps the errors reported to it.
type errorsOf struct {
	testing.TB
	errs []string
}

func (e *errorsOf) Helper() {}
func (e *errorsOf) Errorf(format string, args ...any) {
	e.errs = append(e.errs, fmt.Sprintf(format, args...))
}

// TestSameCatalog: two catalogs written by the same import are the same, whatever
// their ids and times; a catalog one of whose derived rows differs, or whose full-text
// index no longer follows its text, is not, and the table is named.
func TestSameCatalog(t *testing.T) {
	ctx := context.Background()
	write := func(at time.Time) string {
		path := testshop.Path(t)
		c, err := catalog.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		c.Now = func() time.Time { return at }
		testshop.Upsert(t, c, demo.Sellers(), demo.Products())
		c.Close()
		return path
	}
	want := write(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	for _, tc := range []struct {
		name, change string // SQL run on the second catalog
		names        string // the table the error names, "" for none
	}{
		{"the same import an hour later", "", ""},
		{"a rank row differs", `UPDATE product_rank SET head = 'lantern' WHERE rowid = (SELECT min(rowid) FROM product_rank)`, "product_rank"},
		{"a product's code is missing", `DELETE FROM product_codes WHERE rowid = (SELECT min(rowid) FROM product_codes)`, "product_codes"},
		{"the index has a product that is not", `INSERT INTO products_fts (rowid, title) VALUES (99999, 'ghost lantern')`, "full-text index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := write(time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC))
			if tc.change != "" {
				db, err := sqlite.Open(ctx, got)
				if err != nil {
					t.Fatal(err)
				}
				_, err = db.ExecContext(ctx, tc.change)
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			rec := &errorsOf{TB: t}
			testshop.SameCatalog(rec, got, want)
			switch {
			case tc.names == "" && len(rec.errs) > 0:
				t.Errorf("the same catalogs differ: %q", rec.errs)
			case tc.names != "" && !slices.ContainsFunc(rec.errs, func(e string) bool { return strings.Contains(e, tc.names) }):
				t.Errorf("errors %q, want one naming %s", rec.errs, tc.names)
			}
		})
	}
}
