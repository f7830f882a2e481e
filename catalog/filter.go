package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// filter is the SQL condition that a Query's filters compile to.
type filter struct {
	where string
	args  []any
	// inStockOnly means the only conditions are the default ones: visible and in
	// stock. Such a search can be counted without joining its matches.
	inStockOnly bool
	// needsProducts means where reads products p besides product_keys k (see
	// filterOn); only a seller, subscription, on-sale, gender or age filter does.
	needsProducts bool
	// productsForSets means only the gender and age filters' colSet conditions read
	// products p, which a statement over a list of rowids reads from sets instead
	// (filterFor).
	productsForSets bool
}

// filterOn says which table a filter's conditions are written for.
type filterOn int

const (
	// onProducts writes every condition on products p.
	onProducts filterOn = iota
	// onKeys writes conditions on product_keys k, which searches join to every match,
	// and the few that it cannot answer (the seller) on products p.
	onKeys
)

// filters compiles q's filters for the table on. When a category or seller filter
// names nothing in the catalog it returns a note for the caller instead, since no
// product can match.
func (c *Catalog) filters(ctx context.Context, q Query, on filterOn) (filter, string, error) {
	t := "p."
	if on == onKeys {
		t = "k."
	}
	var f filter
	productsOther := false // a condition other than a colSet reads products p
	conds := []string{t + "hidden = 0"}
	if cat := NormalizeCategory(q.Category); cat != "" {
		ids, err := c.categoryIDs(ctx, cat)
		if err != nil {
			return filter{}, "", err
		}
		var (
			shop     string
			shopArgs []any
		)
		if !q.categoryOnly {
			if shop, shopArgs, err = c.shopPathCondition(ctx, t+"rowid", cat); err != nil {
				return filter{}, "", err
			}
		}
		switch {
		case len(ids) == 0 && shop == "":
			note, err := c.noCategoryNote(ctx, cat)
			return filter{}, note, err
		case shop == "":
			conds = append(conds, t+"category_id IN ("+placeholders(len(ids))+")")
			f.args = append(f.args, ids...)
		case len(ids) == 0:
			conds = append(conds, shop)
			f.args = append(f.args, shopArgs...)
		default:
			conds = append(conds, "("+t+"category_id IN ("+placeholders(len(ids))+") OR "+shop+")")
			f.args = append(append(f.args, ids...), shopArgs...)
		}
	}
	if len(q.brandIDs) > 0 {
		if on == onKeys {
			conds = append(conds, "k.brand_id IN ("+placeholders(len(q.brandIDs))+")")
		} else {
			conds = append(conds, "p.brand_key IN (SELECT key FROM brands WHERE id IN ("+placeholders(len(q.brandIDs))+"))")
		}
		for _, id := range q.brandIDs {
			f.args = append(f.args, id)
		}
	} else if b := strings.ToLower(text.Clean(q.Brand, maxBrandLen)); b != "" {
		if on == onKeys {
			conds = append(conds, "k.brand_id = (SELECT id FROM brands WHERE key = ?)")
		} else {
			conds = append(conds, "p.brand_key = ?")
		}
		f.args = append(f.args, b)
	}
	if s := text.Clean(q.Seller, maxBrandLen); s != "" {
		var id string
		err := c.queryRow(ctx, `SELECT id FROM sellers WHERE id = ?1 OR lower(name) = lower(?1) ORDER BY id = ?1 DESC LIMIT 1`, s).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return filter{}, fmt.Sprintf("No seller is called %q.", s), nil
		}
		if err != nil {
			return filter{}, "", fmt.Errorf("seller filter: %w", err)
		}
		conds = append(conds, "p.seller_id = ?")
		f.args = append(f.args, id)
		f.needsProducts, productsOther = on == onKeys, true
	}
	if q.MinPrice != nil {
		b := [3]int64{minor(*q.MinPrice, 0, math.Ceil), minor(*q.MinPrice, 2, math.Ceil), minor(*q.MinPrice, 3, math.Ceil)}
		conds = append(conds, t+"price_amount >= CASE "+t+"price_exp WHEN 0 THEN ? WHEN 3 THEN ? ELSE ? END")
		f.args = append(f.args, b[0], b[2], b[1])
	}
	if q.MaxPrice != nil {
		b := [3]int64{minor(*q.MaxPrice, 0, math.Floor), minor(*q.MaxPrice, 2, math.Floor), minor(*q.MaxPrice, 3, math.Floor)}
		conds = append(conds, t+"price_amount <= CASE "+t+"price_exp WHEN 0 THEN ? WHEN 3 THEN ? ELSE ? END")
		f.args = append(f.args, b[0], b[2], b[1])
	}
	if q.InStock {
		conds = append(conds, t+"in_stock = 1")
	}
	if q.subscription {
		conds = append(conds, "p.billing_interval <> ''")
		f.needsProducts, productsOther = on == onKeys, true
	}
	if q.onSale {
		// on_sale is written with the product (Product.onSale; migration 0049).
		conds = append(conds, flagColumn("on_sale", c.flagsFilling(ctx))+" = 1")
		f.needsProducts, productsOther = on == onKeys, true
	}
	if q.gender != "" && !q.audienceRanked {
		cond, args := genderCondition(t+"rowid", q.gender, flagColumn("gender", c.flagsFilling(ctx)))
		conds = append(conds, cond)
		f.args = append(f.args, args...)
		f.needsProducts = on == onKeys
	}
	if q.age != "" && !q.audienceRanked {
		filling := c.flagsFilling(ctx)
		cond, args := ageCondition(t+"rowid", q.age, flagColumn("age", filling), flagColumn("gender", filling))
		conds = append(conds, cond)
		f.args = append(f.args, args...)
		f.needsProducts = on == onKeys
	}
	if q.MinRating > 0 {
		conds = append(conds, t+"rating >= ?")
		f.args = append(f.args, q.MinRating)
	}
	for _, a := range q.attrs {
		cond, args := attrCondition(t+"rowid", a)
		conds = append(conds, cond)
		f.args = append(f.args, args...)
	}
	f.where, f.inStockOnly = strings.Join(conds, " AND "), q.InStock && len(conds) == 2
	f.productsForSets = f.needsProducts && !productsOther
	return f, "", nil
}

// minor converts a major-unit bound to minor units with exp decimals, rounding with
// round after removing floating-point noise (49.99 → 4999, not 4998.999…).
func minor(major float64, exp int, round func(float64) float64) int64 {
	v := major * math.Pow10(exp)
	v = math.Round(v*1e6) / 1e6
	if v > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return int64(round(v))
}

// categoryIDs returns the categories whose path contains path as a run of whole
// segments: "shoes" matches "Apparel > Shoes" and "Apparel > Shoes > Running".
func (c *Catalog) categoryIDs(ctx context.Context, path string) ([]any, error) {
	pattern := "% > " + escapeLike(strings.ToLower(path)) + " > %"
	rows, err := c.query(ctx, `SELECT id FROM categories WHERE ' > ' || key || ' > ' LIKE ? ESCAPE '\'`, pattern)
	if err != nil {
		return nil, fmt.Errorf("category filter: %w", err)
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("category filter: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// noCategoryNote says that no category (nor shop path, see shopPathKeys) matches cat,
// and lists the top-level categories and the shop's own.
func (c *Catalog) noCategoryNote(ctx context.Context, cat string) (string, error) {
	top, err := c.topCategories(ctx)
	if err != nil {
		return "", err
	}
	shop, err := c.topShopPaths(ctx, 30)
	if err != nil {
		return "", err
	}
	note := fmt.Sprintf("No category matches %q. Top-level categories: %s.", cat, strings.Join(top, ", "))
	if len(shop) > 0 {
		note += fmt.Sprintf(" The shop's own categories (its products' tags written as paths): %s.", strings.Join(shop, ", "))
	}
	return note, nil
}

func (c *Catalog) topCategories(ctx context.Context) ([]string, error) {
	rows, err := c.query(ctx, `
		SELECT DISTINCT CASE WHEN instr(path, ' > ') > 0 THEN substr(path, 1, instr(path, ' > ') - 1) ELSE path END AS top
		FROM categories ORDER BY top LIMIT 30`)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("categories: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
