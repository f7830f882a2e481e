package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// gardenProducts are product types no need: line of the vocabulary names, three or
// more of each (what it takes to be a learned type), their descriptions in the words a
// shopper's sentence about them would use.
func gardenProducts() []catalog.Product {
	var ps []catalog.Product
	add := func(n int, id, title, brand, desc string) { ps = numbered(ps, 1000, n, id, title, brand, desc) }
	add(4, "feeder", "Finchly Window Bird Feeder %d", "Finchly", "Attracts finches and sparrows to your garden all year.")
	add(4, "hose", "Expandable Garden Hose, %d ft", "Greenrun", "Waters lawns and garden beds without kinks.")
	add(3, "kneeler", "Foam Garden Kneeler Pad %d", "Softsoil", "Kneel on soft foam while weeding the beds.")
	// Titles that end with their brand: "Snipwell" heads them, and is no type.
	add(3, "shears", "Bypass Pruning Shears %d Snipwell", "Snipwell", "Cuts thick branches cleanly.")
	add(1, "bottle", "Insulated Water Bottle %d", "Hydra", "Keeps water cold.")
	add(1, "socks", "Wool Socks, %d Pair", "Loomcraft", "Warm wool socks.")
	return ps
}

// numbered appends n products of seller hearth to ps: ids id-0…, titles title with
// the number in place of %d, prices from base cents up by a dollar each, all in stock.
func numbered(ps []catalog.Product, base int64, n int, id, title, brand, desc string) []catalog.Product {
	for i := range n {
		ps = append(ps, catalog.Product{ID: fmt.Sprintf("%s-%d", id, i), SellerID: "hearth", Title: fmt.Sprintf(title, i),
			Brand: brand, Description: desc, Price: usd(base + int64(100*i)), Availability: catalog.InStock})
	}
	return ps
}

// TestSentenceTypes checks that a sentence no need names is searched for the product
// type its words stand for in the catalog, learned from the catalog's own titles and
// descriptions, and that words of no type, a brand's name or a query about something
// else find nothing by it.
func TestSentenceTypes(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, gardenProducts()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		text   string
		prefix string // every hit's id starts with it
		words  string // Result.Words
		none   bool
	}{
		{name: "the type whose products have the words", text: "what can i get to attract more finches to my garden", prefix: "feeder", words: "feeder"},
		{name: "another type", text: "a soft foam thing for weeding my vegetable patch", prefix: "kneeler", words: "pad"},
		{name: "one word of five is no type", text: "who won the garden award at the flower show last year", none: true},
		{name: "words no product has make half the words too few", text: "attract finches in zanzibar and kenya", none: true},
	}
	v := catalog.BuiltinVocabulary()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v.SaysNeed(tt.text) {
				t.Fatalf("a need applies to %q: the test is about sentences no need names", tt.text)
			}
			res, err := c.Search(ctx, catalog.Query{Text: tt.text, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if tt.none {
				if len(ids) > 0 {
					t.Fatalf("found %v (words %q, notes %q), want nothing", ids, res.Words, res.Notes)
				}
				return
			}
			if len(ids) == 0 || res.Words != tt.words {
				t.Fatalf("found %v for words %q (notes %q), want products for %q", ids, res.Words, res.Notes, tt.words)
			}
			for _, id := range ids {
				if !strings.HasPrefix(id, tt.prefix) {
					t.Errorf("found %v, want only %s products", ids, tt.prefix)
					break
				}
			}
		})
	}
	t.Run("a brand's name is no type", func(t *testing.T) {
		// The shears' titles end with their brand, which heads them.
		res, err := c.Search(ctx, catalog.Query{Text: "something that cuts branches in my orchard"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(res.Words), "snipwell") {
			t.Errorf("read as %q (notes %q): a brand taken for a type", res.Words, res.Notes)
		}
	})
	t.Run("a correction into another word is no reason for results", func(t *testing.T) {
		// "weather" corrects to "water" and "paris" to "pair", both the catalog's
		// words; the query is about something else.
		res, err := c.Search(ctx, catalog.Query{Text: "weather in paris"})
		if err != nil {
			t.Fatal(err)
		}
		if ids := hitIDs(res); len(ids) > 0 {
			t.Errorf("found %v (words %q, notes %q), want nothing", ids, res.Words, res.Notes)
		}
	})
}

// TestSentenceTypesFollowTheCatalog holds what a sentence's words stand for equal to
// the products stored now: the words' spread over types is cached per text version,
// and a write of product text changes it.
func TestSentenceTypesFollowTheCatalog(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	ps := gardenProducts()
	var feeders, rest []catalog.Product
	for _, p := range ps {
		if strings.HasPrefix(p.ID, "feeder") {
			feeders = append(feeders, p)
		} else {
			rest = append(rest, p)
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, rest); err != nil {
		t.Fatal(err)
	}
	const text = "what can i get to attract more finches to my garden"
	res, err := c.Search(ctx, catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if res.Words == "feeder" {
		t.Fatalf("read as %q before any feeder was stored", res.Words)
	}
	if _, err := c.Upsert(ctx, nil, feeders); err != nil {
		t.Fatal(err)
	}
	if res, err = c.Search(ctx, catalog.Query{Text: text}); err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(res); res.Words != "feeder" || len(ids) != len(feeders) || !slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "feeder") }) {
		t.Fatalf("after storing feeders: %v for words %q (notes %q)", ids, res.Words, res.Notes)
	}
	// Hidden, they are no longer what the words stand for.
	for i := range feeders {
		feeders[i].Hidden = true
	}
	if _, err := c.Upsert(ctx, nil, feeders); err != nil {
		t.Fatal(err)
	}
	if res, err = c.Search(ctx, catalog.Query{Text: text}); err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(hitIDs(res), func(id string) bool { return strings.HasPrefix(id, "feeder") }) {
		t.Fatalf("hidden feeders found: %v", hitIDs(res))
	}
}
