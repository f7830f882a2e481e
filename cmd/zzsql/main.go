package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

func main() {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, os.Args[1])
	if err != nil {
		panic(err)
	}
	var l, a, b string
	db.QueryRowContext(ctx, `SELECT json_group_array(r) FROM (SELECT rowid AS r FROM products_fts WHERE products_fts MATCH 'ceramic' ORDER BY rowid LIMIT 1000)`).Scan(&l)
	db.QueryRowContext(ctx, `SELECT json_group_array(r) FROM (SELECT rowid AS r FROM products_fts WHERE products_fts MATCH 'ceramic' ORDER BY rowid LIMIT 190)`).Scan(&a)
	db.QueryRowContext(ctx, `SELECT json_group_array(r) FROM (SELECT rowid AS r FROM products_fts WHERE products_fts MATCH 'ceramic' ORDER BY rowid LIMIT 5)`).Scan(&b)
	for _, q := range []struct {
		name string
		sql  string
		args []any
	}{
		{"kids", `SELECT count(*) FROM json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value JOIN products p ON p.rowid = k.rowid WHERE k.hidden = 0 AND k.in_stock = 1 AND (p.age <> '' AND p.age NOT IN (?,?) OR p.age = '' AND (k.rowid NOT IN (SELECT value FROM json_each(?)) OR k.rowid IN (SELECT value FROM json_each(?))))`, []any{l, "adult", "adults", a, b}},
		{"kids-noage", `SELECT count(*) FROM json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value JOIN products p ON p.rowid = k.rowid WHERE k.hidden = 0 AND k.in_stock = 1 AND ((k.rowid NOT IN (SELECT value FROM json_each(?)) OR k.rowid IN (SELECT value FROM json_each(?))))`, []any{l, a, b}},
		{"age-only", `SELECT count(*) FROM json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value JOIN products p ON p.rowid = k.rowid WHERE k.hidden = 0 AND k.in_stock = 1 AND (p.age <> '' AND p.age NOT IN (?,?) OR p.age = '')`, []any{l, "adult", "adults"}},
		{"womens", `SELECT count(*) FROM json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value JOIN products p ON p.rowid = k.rowid WHERE k.hidden = 0 AND k.in_stock = 1 AND (NOT (k.rowid IN (SELECT value FROM json_each(?)) OR p.gender IN (?,?)) OR k.rowid IN (SELECT value FROM json_each(?)) OR p.gender IN (?,?))`, []any{l, a, "male", "men", b, "female", "unisex"}},
	} {
		var best time.Duration = time.Hour
		var n int
		for range 20 {
			t0 := time.Now()
			if err := db.QueryRowContext(ctx, q.sql, q.args...).Scan(&n); err != nil {
				panic(err)
			}
			best = min(best, time.Since(t0))
		}
		fmt.Println(q.name, n, best)
	}
}
