package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// BenchmarkVoteTypes times voteTypes alone on catalogs of 20,000 and 100,000 products
// of 40 types, for a sentence of three words (two its type's products have, one in a fifth of
// the catalog): "cold" reads every word's spread over types (a
// new view of the learned tables, as after a write of product text), "warm" finds
// them read; "floor" is the ranked full-text query for any of the words.
func BenchmarkVoteTypes(b *testing.B) {
	for _, perType := range []int{500, 2500} {
		b.Run(fmt.Sprint(40*perType), func(b *testing.B) { benchVoteTypes(b, perType) })
	}
}

func benchVoteTypes(b *testing.B, perType int) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	const types = 40
	var products []Product
	name := func(t int) string { return string(rune('a'+t%26)) + string(rune('a'+t/26)) } // letters: a head has no digit
	for t := range types {
		for i := range perType {
			products = append(products, Product{ID: fmt.Sprintf("p%d-%d", t, i), SellerID: "s1",
				Title: fmt.Sprintf("Brand%d Model %d Deluxe Thing%s", i%50, i, name(t)),
				Description: fmt.Sprintf("Made for use%s and need%s. Sturdy, shipped fast.%s", name(t), name(t),
					map[bool]string{true: " Keeps warm.", false: ""}[i%5 == 0]),
				Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock})
		}
	}
	for i := 0; i < len(products); i += 5000 {
		if _, err := c.Upsert(ctx, sellers, products[i:i+5000]); err != nil {
			b.Fatal(err)
		}
	}
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer end()
	base, err := c.learnedView(ctx)
	if err != nil {
		b.Fatal(err)
	}
	q := parseText("warm for useha and needha")
	check := func(lv *learnedView) {
		votes, err := c.voteTypes(ctx, lv, q)
		if err != nil || len(votes) == 0 || votes[0].head != "thingha" {
			b.Fatalf("votes %+v, %v; want thingha first", votes, err)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			check(&learnedView{version: base.version, types: base.types, words: map[string][]headCount{},
				uses: map[string]wordUse{}, brands: map[string]bool{}})
		}
	})
	// The floor: the ranked full-text query for any of the words, which the plain
	// BM25 baseline runs.
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			rows, err := c.query(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`, `"warm" OR "useha" OR "needha"`)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	})
	b.Run("warm", func(b *testing.B) {
		check(base)
		for b.Loop() {
			check(base)
		}
	})
}
