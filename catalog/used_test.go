package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// usedTwoWalks is how used read a word before it walked the doclist once (main
// 4c1dcd6): the whole doclist counted, then walked again for every step-th product by
// rowid, looked up for its head. It is the reference used is held to.
func usedTwoWalks(ctx context.Context, c *Catalog, w string) (wordUse, error) {
	var b strings.Builder
	quoteTerm(&b, w)
	var u wordUse
	if err := c.queryRow(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`, b.String()).Scan(&u.matched); err != nil || u.matched == 0 {
		return u, err
	}
	step := (u.matched + maxUseRows - 1) / maxUseRows
	rows, err := c.query(ctx, `SELECT r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? AND rowid % ? = 0) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head != '' GROUP BY r.head`, b.String(), step)
	if err != nil {
		return u, err
	}
	defer rows.Close()
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return u, err
		}
		if step > 1 && hc.products < 2 {
			continue
		}
		hc.products *= step
		u.heads = append(u.heads, hc)
	}
	return u, rows.Err()
}

// TestUsedOneWalk holds used to the two walks it replaced: for every term of the
// index, for words that are not their own stem (whose count it walks for), and
// again after writes of product text, it must give the same count and the same types
// with the same products. The catalog has words in more products than used looks up,
// so that they are sampled, and words in fewer.
func TestUsedOneWalk(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	// 4,500 products of 5 types, and 1,500 kettles after them. Every kettle says
	// "boils"; every third product "sturdy"; "spout" is in 60 kettles; "walnut" in
	// every desk and every 20th lamp.
	types := []string{"Lamp", "Desk", "Chair", "Shelf", "Rug"}
	product := func(id, title, desc string) Product {
		return Product{ID: id, SellerID: "s1", Title: title, Description: desc,
			Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock}
	}
	var products []Product
	for i := range 4500 {
		typ := types[i%len(types)]
		desc := "Plain."
		if i%3 == 0 {
			desc += " Sturdy."
		}
		if typ == "Desk" || typ == "Lamp" && (i/len(types))%20 == 0 {
			desc += " Walnut finish."
		}
		products = append(products, product(fmt.Sprintf("p%d", i), fmt.Sprintf("Acme %d %s", i, typ), desc))
	}
	for i := range 1500 {
		desc := "Boils fast."
		if i%25 == 0 {
			desc += " Long spout."
		}
		if i%3 == 0 {
			desc += " Sturdy."
		}
		products = append(products, product(fmt.Sprintf("k%d", i), fmt.Sprintf("Acme %d Kettle", i), desc))
	}
	for i := 0; i < len(products); i += 2000 {
		if _, err := c.Upsert(ctx, sellers, products[i:min(i+2000, len(products))]); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T) {
		t.Helper()
		ctx, end, err := c.snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer end()
		base, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		terms := []string{"kettles", "boiling", "lamps", "walnuts", "zeppelin"} // not their own stems, or in no product
		rows, err := c.query(ctx, `SELECT term FROM index_words WHERE docs > 0`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var term string
			if err := rows.Scan(&term); err != nil {
				t.Fatal(err)
			}
			terms = append(terms, term)
		}
		rows.Close()
		sampled := 0
		for _, w := range terms {
			lv := &learnedView{version: base.version, types: base.types, words: map[string][]headCount{}, uses: map[string]wordUse{}, brands: map[string]bool{}}
			got, err := lv.used(ctx, c, w)
			if err != nil {
				t.Fatal(err)
			}
			want, err := usedTwoWalks(ctx, c, w)
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(got.heads, func(a, b headCount) int { return strings.Compare(a.head, b.head) })
			slices.SortFunc(want.heads, func(a, b headCount) int { return strings.Compare(a.head, b.head) })
			if got.matched != want.matched || !slices.Equal(got.heads, want.heads) {
				t.Errorf("used(%q) = %+v, the two walks %+v", w, got, want)
			}
			if want.matched > maxUseRows {
				sampled++
			}
		}
		if sampled < 3 {
			t.Fatalf("%d words sampled, want the catalog to have at least 3", sampled)
		}
	}
	t.Run("loaded", check)
	// Writes of product text move index_words, which used takes its step from: a
	// kettle becomes a lamp, and 300 more desks say "boils".
	var more []Product
	for i := range 300 {
		more = append(more, product(fmt.Sprintf("d%d", i), fmt.Sprintf("Acme %d Desk", i), "Boils nothing. Walnut finish."))
	}
	more = append(more, product("k1", "Acme 1 Lamp", "Plain."))
	if _, err := c.Upsert(ctx, sellers, more); err != nil {
		t.Fatal(err)
	}
	t.Run("written", check)
}
