package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A shop's own category paths. A product has one category, its path in the categories
// table (often Google's taxonomy, as a Merchant Center feed's google_product_category
// gives it); a feed's own taxonomy beside it (g:product_type on another branch, a
// Shopify Type's path, another format's shop category) is kept as a tag written as a
// path ("Lenses > Sony E-Mount Lenses"). That is the taxonomy the shop's owner and
// customers use, so the category filter finds a product by either: by its category as
// before, or by a path among its tags. Each such path is stored with the product's
// codes (product_codes, by Upsert and the codes' fill) as keys of its runs of
// segments: "cat=" and each prefix from its first segment ("cat=lenses",
// "cat=lenses > sony e-mount lenses"), and "cat:" and each run that starts later
// ("cat:sony e-mount lenses"), as the category filter meets any run of a category's
// path.

const (
	shopPathRoot  = "cat=" // a run from the path's first segment
	shopPathInner = "cat:" // a run from a later segment
	// maxShopPaths and maxShopPathKeys bound how many of a product's tags are read as
	// paths and how many keys they give.
	maxShopPaths    = 3
	maxShopPathKeys = 20
	// maxShopPathDepth is how many segments of a path are read.
	maxShopPathDepth = 6
)

// shopPathKeys returns the keys of the category paths among p's tags (a tag with a
// ">" between two segments), other than p's category itself: every run of their
// segments, lower case.
func shopPathKeys(p *Product) []string {
	var out []string
	paths := 0
	own := strings.ToLower(NormalizeCategory(p.Category))
	for _, tag := range p.Tags {
		if !strings.Contains(tag, ">") || paths == maxShopPaths {
			continue
		}
		path := strings.ToLower(NormalizeCategory(tag))
		segs := strings.Split(path, " > ")
		if len(segs) < 2 || path == own {
			continue
		}
		paths++
		segs = segs[:min(len(segs), maxShopPathDepth)]
		for i := range segs {
			kind := shopPathRoot
			if i > 0 {
				kind = shopPathInner
			}
			for j := i + 1; j <= len(segs); j++ {
				k := kind + strings.Join(segs[i:j], " > ")
				if len(out) < maxShopPathKeys && !containsString(out, k) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// shopPathCondition returns the condition on the rowid column col that a category
// filter's path cat (normalized) sets for the shop's paths, and its arguments, when
// some product has a shop path cat names; "" when none has.
func (c *Catalog) shopPathCondition(ctx context.Context, col, cat string) (string, []any, error) {
	key := strings.ToLower(cat)
	var found bool
	err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM product_codes WHERE code = ?1)
		OR EXISTS (SELECT 1 FROM product_codes WHERE code = ?2)`, shopPathRoot+key, shopPathInner+key).Scan(&found)
	if err != nil {
		return "", nil, fmt.Errorf("category filter: %w", err)
	}
	if !found {
		return "", nil, nil
	}
	return col + " IN (SELECT rowid FROM product_codes WHERE code IN (?, ?))", []any{shopPathRoot + key, shopPathInner + key}, nil
}

// topShopPaths returns the first segments of the shop's paths (see shopPathKeys), as
// a product's tag writes them, in key order, at most limit: found by seeks of
// product_codes' key, each past the one before and the paths under it.
func (c *Catalog) topShopPaths(ctx context.Context, limit int) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	after := shopPathRoot
	for seeks := 0; len(out) < limit && seeks < 4*limit+4; seeks++ {
		var (
			code  string
			rowid int64
		)
		err := c.queryRow(ctx, `SELECT code, rowid FROM product_codes WHERE code > ? AND code < ? ORDER BY code LIMIT 1`,
			after, shopPathRoot[:len(shopPathRoot)-1]+">").Scan(&code, &rowid)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("shop categories: %w", err)
		}
		top, _, under := strings.Cut(strings.TrimPrefix(code, shopPathRoot), " > ")
		after = code
		if under {
			after = shopPathRoot + top + " > \U0010FFFF" // past every path under top
		}
		if seen[top] {
			continue
		}
		seen[top] = true
		var tags string
		if err := c.queryRow(ctx, `SELECT tags FROM product_text WHERE rowid = ?`, rowid).Scan(&tags); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("shop categories: %w", err)
		}
		name := top
		list, _ := decodeTags(tags)
		for _, tag := range list {
			if first, _, _ := strings.Cut(NormalizeCategory(tag), " > "); strings.ToLower(first) == top {
				name = first
				break
			}
		}
		out = append(out, name)
	}
	return out, nil
}
