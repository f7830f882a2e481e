package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchHeadInName holds headInName: of the products with every word, those
// whose names lack the head word (it is only in their descriptions) give way to the
// head's other products, which lack a word of the query: "electric guitar gig bag"
// lists the other gig bag before the acoustic-electric guitars that come "with a gig
// bag", where the guitars filled the page.
func TestSearchHeadInName(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(4999)})
	}
	add("bag-electric", "Fender FE610 Electric Guitar Gig Bag", "Padded, with a shoulder strap.", "Instruments > Guitar Accessories > Cases")
	add("bag-dread", "Gator Dreadnought Guitar Gig Bag", "Padded, with a shoulder strap.", "Instruments > Guitar Accessories > Cases")
	for i := range 12 {
		add(fmt.Sprint("guitar", i), fmt.Sprint("Yamaha APX", 600+i, " Acoustic-Electric Guitar"), "A thin body and an onboard preamp. Comes with a gig bag.", "Instruments > Guitars")
	}
	add("strap", "Levy's Leather Guitar Strap", "Soft leather.", "Instruments > Guitar Accessories > Straps")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the hits the page opens with, a run in braces in any order
		then       []string // hits that must follow them
	}{
		{"the head only in descriptions: the other gig bag follows", "electric guitar gig bag", []string{"bag-electric"}, []string{"bag-dread"}},
		{"every product with every word names the head: as before", "guitar gig bag", []string{"{bag-electric bag-dread}"}, []string{"guitar0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, nil)
		})
	}
}
