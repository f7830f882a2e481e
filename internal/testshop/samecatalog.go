package testshop

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// SameCatalog fails t unless the catalog at got holds what the catalog at want holds:
// every table of it and of its sales file, row for row (products, sellers, the
// product text, and every table derived from them: keys, codes, rank, brands,
// categories, image origins, index words, learned types, search heads, the pending
// fills and queues), and a full-text index that passes FTS5's integrity check against
// its content, with the same terms, documents and counts (products_vocab). It is how
// a test holds a catalog that went through a crash, a race or a retry equal to one a
// clean import wrote. Neither catalog may be open for writing meanwhile.
//
// Left out, because they say when or in which order something happened rather than
// what the catalog holds: the FTS5 tables' own pages (the same index is stored
// differently after different histories: compared through the integrity check and
// products_vocab instead), the contentless text_log (its rows are text_log_rows), the
// catalog's and the sales file's identities, the catalog's change counters
// (catalog_changes) and its log of the products each version wrote
// (products_written), when each migration was applied, products.updated_at, the count
// of writes to a product's stock (products.stock_version) and index_words.changed; and the store's marker that it lives in a file of its own
// (store_moved, made by a server's first start).
func SameCatalog(t testing.TB, got, want string) {
	t.Helper()
	ctx := context.Background()
	g, w := openCompared(t, got), openCompared(t, want)
	tables := append(comparedTables(t, w, "main"), comparedTables(t, w, "sales")...)
	if gt := append(comparedTables(t, g, "main"), comparedTables(t, g, "sales")...); !slices.Equal(gt, tables) {
		t.Errorf("tables of %s: %v, want %v", got, gt, tables)
		return
	}
	for _, table := range tables {
		gl, wl := tableRows(t, g, table), tableRows(t, w, table)
		if !slices.Equal(gl, wl) {
			t.Errorf("table %s differs from a clean import's: %d rows, want %d; only in it: %.300q; only in the clean one: %.300q",
				table, len(gl), len(wl), firstNotIn(gl, wl), firstNotIn(wl, gl))
		}
	}
	for _, db := range []*sql.DB{g, w} {
		if _, err := db.ExecContext(ctx, `INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("the full-text index differs from product_text: %v", err)
		}
	}
}

// ignoredColumns are the columns SameCatalog leaves out, by table.
var ignoredColumns = map[string][]string{
	"catalog_migrations": {"applied_at"},
	"products":           {"updated_at", "stock_version"},
	"index_words":        {"changed"},
}

// openCompared opens the catalog at path as it is, without migrating it, with its sales
// file as schema sales.
func openCompared(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(path)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// comparedTables lists the tables of schema that SameCatalog compares, by name
// (schema."name").
func comparedTables(t testing.TB, db *sql.DB, schema string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name, sql FROM ` + schema + `.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var fts []string // FTS5 tables, whose shadow tables are left out
	var all []string
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(create, "USING fts5(") || strings.Contains(create, "USING fts5 (") {
			fts = append(fts, name)
			continue
		}
		all = append(all, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range all {
		shadow := slices.ContainsFunc(fts, func(f string) bool {
			return strings.HasPrefix(name, f+"_") && slices.Contains([]string{"data", "idx", "docsize", "config", "content"}, name[len(f)+1:])
		})
		if !shadow && !slices.Contains([]string{"catalog_identity", "sales_identity", "catalog_changes", "products_written", "store_moved"}, name) {
			out = append(out, schema+`."`+name+`"`)
		}
	}
	return out
}

// tableRows reads every row of table (without its ignored columns) as text, sorted.
func tableRows(t testing.TB, db *sql.DB, table string) []string {
	t.Helper()
	schema, name, _ := strings.Cut(table, ".")
	name = strings.Trim(name, `"`)
	cols := column(t, db, `SELECT name FROM pragma_table_xinfo(?, ?)`, name, schema) // hidden and generated ones too
	var kept []string
	for _, c := range cols {
		if !slices.Contains(ignoredColumns[name], c) {
			kept = append(kept, `quote("`+c+`")`)
		}
	}
	lines := column(t, db, `SELECT `+strings.Join(kept, ` || '|' || `)+` FROM `+table)
	slices.Sort(lines)
	return lines
}

// column is the one column of text that query returns.
func column(t testing.TB, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// firstNotIn is the first of the sorted rows a that the sorted rows b lack, or "".
func firstNotIn(a, b []string) string {
	for _, r := range a {
		if _, found := slices.BinarySearch(b, r); !found {
			return r
		}
	}
	return ""
}
