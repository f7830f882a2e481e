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

// maxShopPathSeeks bounds the distinct shop path keys completeShopPaths reads, each by
// one seek of product_codes' key, from the path's first segment and from a later one.
const maxShopPathSeeks = 100

// completeShopPaths returns the shop's paths (see shopPathKeys), and their parents,
// whose last part p (a normalized, lower-case category prefix) is being typed, as
// CompleteCategories reads the categories' paths: found by seeks of the keys starting
// with p (a run from a path's first segment, "cat=", or from a later one, "cat:") of
// products searches show, each key's paths read from the tags of one product that has
// it, at most maxShopPathSeeks keys of each kind. Each segment is written as a tag read
// writes it, one with capitals before one in lower case ("Cycling" of "cycling >
// clothing" and "Cycling > Clothing"), so a path two tags write in two cases is one.
func (c *Catalog) completeShopPaths(ctx context.Context, p string) ([]string, error) {
	var keys []string           // the paths' keys, parents first, as read
	best := map[string]string{} // a path's key → its last segment as best written
	kinds := []string{shopPathRoot, shopPathInner}
	if p == "" {
		kinds = kinds[:1] // every run from a later segment is a tail of a path from its first
	}
	read := map[int64]bool{} // the products whose tags were read
	for _, kind := range kinds {
		lo := kind + p
		hi := prefixEnd(lo)
		after := lo
		for seeks := 0; seeks < maxShopPathSeeks; seeks++ {
			var (
				code  string
				rowid int64
			)
			err := c.queryRow(ctx, `SELECT code, rowid FROM product_codes pc WHERE code >= ? AND code < ?
				AND EXISTS (SELECT 1 FROM products p WHERE p.rowid = pc.rowid AND NOT p.hidden) ORDER BY code LIMIT 1`,
				after, hi).Scan(&code, &rowid)
			if errors.Is(err, sql.ErrNoRows) {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("complete shop categories: %w", err)
			}
			after = code + "\x00" // the next key
			if read[rowid] {
				continue // its paths are in already
			}
			read[rowid] = true
			var tags string
			if err := c.queryRow(ctx, `SELECT tags FROM product_text WHERE rowid = ?`, rowid).Scan(&tags); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("complete shop categories: %w", err)
			}
			list, _ := decodeTags(tags)
			for _, tag := range list {
				if !strings.Contains(tag, ">") {
					continue
				}
				key := ""
				for i, seg := range strings.Split(NormalizeCategory(tag), " > ") {
					if i == maxShopPathDepth {
						break
					}
					if i > 0 {
						key += " > "
					}
					key += strings.ToLower(seg)
					b, ok := best[key]
					if !ok {
						keys = append(keys, key)
					}
					if !ok || b == strings.ToLower(b) && seg != strings.ToLower(seg) {
						best[key] = seg
					}
				}
			}
		}
	}
	var out []string
	for _, key := range keys {
		if !typingLastPart(key, p) {
			continue
		}
		parts := strings.Split(key, " > ")
		segs := make([]string, len(parts))
		for j := range parts {
			segs[j] = best[strings.Join(parts[:j+1], " > ")]
		}
		out = append(out, strings.Join(segs, " > "))
	}
	return out, nil
}
