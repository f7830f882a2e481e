package testshop_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
