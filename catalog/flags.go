package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// products.on_sale and products.gender (migration 0049) are what Product.onSale and
// Product.genderAttr make of a product's attributes, written by every upsert. The
// products stored before the columns existed get theirs from the background fill
// that migration 0050 asks for (FillFlags, fillFlagsBatch); until it ends, the
// filters read the attributes of the products past its filled_to instead
// (flagColumn), so that a search meanwhile answers as it will after the fill.

// fillFlagsBatch writes, in tx, on_sale and gender of the first n products whose
// rowid is more than after, where they differ from what the product's attributes
// make of them, and returns the last rowid it read: 0 when no product is past after.
func fillFlagsBatch(ctx context.Context, tx *sql.Tx, after int64, n int) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT p.rowid, t.attributes, p.on_sale, p.gender, p.age
		FROM products p JOIN product_text t ON t.rowid = p.rowid
		WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`, after, n)
	if err != nil {
		return 0, err
	}
	type change struct {
		rowid       int64
		onSale      bool
		gender, age string
	}
	var (
		changes []change
		last    int64
	)
	for rows.Next() {
		var (
			attrs, gender, age string
			onSale             bool
		)
		if err := rows.Scan(&last, &attrs, &onSale, &gender, &age); err != nil {
			rows.Close()
			return 0, err
		}
		var p Product
		p.Attributes, _ = decodeAttributes(attrs) // a bad column is neither
		if p.onSale() != onSale || p.genderAttr() != gender || p.ageAttr() != age {
			changes = append(changes, change{last, p.onSale(), p.genderAttr(), p.ageAttr()})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || last == 0 {
		return 0, err
	}
	if len(changes) == 0 {
		return last, nil
	}
	up, err := tx.PrepareContext(ctx, `UPDATE products SET on_sale = ?, gender = ?, age = ? WHERE rowid = ?`)
	if err != nil {
		return 0, err
	}
	defer up.Close()
	for _, ch := range changes {
		if _, err := up.ExecContext(ctx, ch.onSale, ch.gender, ch.age, ch.rowid); err != nil {
			return 0, err
		}
	}
	return last, nil
}

// flagColumn is the SQL of column (on_sale, gender or age) of products p for a filter.
// While the fill runs (filling: a snapshot begun before it was seen to end), the
// products past the pending row's filled_to, read in the statement's own snapshot,
// have the value read from their attributes as the migration's SQL would: on_sale a
// list price that is not empty, gender trimmed of white space and lower-cased (ASCII;
// the values the filter compares with are). Once the row is gone every product's
// column is filled, and the column alone is read.
func flagColumn(column string, filling bool) string {
	if !filling {
		return "p." + column
	}
	filled := "p.rowid <= coalesce((SELECT filled_to FROM product_flags_pending), 9223372036854775807)"
	attr := "(SELECT coalesce(json_extract(t.attributes, '$.list_price'), '') <> '' FROM product_text t WHERE t.rowid = p.rowid)"
	switch column {
	case "gender", "age": // age: products.age, the attribute age_group (migration 0051)
		name := map[string]string{"gender": "gender", "age": "age_group"}[column]
		attr = "coalesce((SELECT lower(trim(json_extract(t.attributes, '$." + name + "'), ' ' || char(9, 10, 11, 12, 13))) FROM product_text t WHERE t.rowid = p.rowid), '')"
	}
	return "(CASE WHEN " + filled + " THEN p." + column + " ELSE " + attr + " END)"
}

// flagsFilling reports whether the on_sale and gender filters of a search in ctx
// must read flagColumn's attributes: whether the fill was under way when its
// snapshot began (or now, outside one: each statement is then its own snapshot,
// begun after this look).
func (c *Catalog) flagsFilling(ctx context.Context) bool {
	if s := c.snapshotOf(ctx); s != nil {
		return s.flagsFilling
	}
	return c.Fill().Flags
}

// noneOnSale reports whether no product of the catalog is on sale (products.on_sale,
// read by its partial index products_on_sale, migration 0053): then no search with
// the on-sale filter finds anything, and Search lifts the filter without ranking the
// words' matches through it. While the fill of on_sale runs it reports false (the
// products past filled_to are read by their attributes, flagColumn), and the filter
// is searched as it is.
func (c *Catalog) noneOnSale(ctx context.Context) (bool, error) {
	if c.flagsFilling(ctx) {
		return false, nil
	}
	var any bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM products INDEXED BY products_on_sale WHERE on_sale = 1)`).Scan(&any); err != nil {
		return false, fmt.Errorf("search on sale: %w", err)
	}
	return !any, nil
}

// fewOnSale reports whether a search with the on-sale filter ranking every one of n
// full-text matches in full (a common word whose pool held under a page on sale) should
// check each match against the products on sale before joining it (saleFirstSQL):
// when at most n products are on sale, reading them from their partial index once
// costs less than joining every match to product_keys and products. The answer is
// the same either way (the filter's condition stays); not while the on_sale fill runs
// (the column is not whole: flagColumn), nor when tests set saleFirstOff.
func (c *Catalog) fewOnSale(ctx context.Context, n int) (bool, error) {
	if c.saleFirstOff || c.flagsFilling(ctx) {
		return false, nil
	}
	var onSale int
	if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products INDEXED BY products_on_sale WHERE on_sale = 1 LIMIT ?)`,
		n+1).Scan(&onSale); err != nil {
		return false, fmt.Errorf("search on sale: %w", err)
	}
	return onSale <= n, nil
}
