package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMadeFor holds what a short query finds when its last word is in no
// product and the word before it names a type: the products made for that type,
// learned from the catalog (titles that name a product of the type by its code, or
// say they are for it), before the type's own products.
func TestSearchMadeFor(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	for i := range 3 {
		code := fmt.Sprintf("PY-R56%d", i)
		products = append(products,
			catalog.Product{ID: fmt.Sprint("printer", i), SellerID: "volt", Title: fmt.Sprintf("Papyra %s Laser Printer, 30 ppm", code), Price: usd(19999)},
			catalog.Product{ID: fmt.Sprint("toner", i), SellerID: "volt", Title: fmt.Sprintf("Inkora Toner Cartridge for Papyra %s, 1 Pack", code), Price: usd(4999)},
			catalog.Product{ID: fmt.Sprint("laptop", i), SellerID: "volt", Title: fmt.Sprintf("Vantora 14-Inch Laptop, 16GB RAM - VN-K%d03", i), Price: usd(59999)},
			catalog.Product{ID: fmt.Sprint("adapter", i), SellerID: "volt", Title: fmt.Sprintf("Wattly %d5W AC Adapter for Vantora Laptops", 4+i), Price: usd(2999)},
		)
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		first      string // the first hit's ID prefix
		madeFor    bool   // read as something made for the type
	}{
		{"a product's code in the title", "printer refill", "toner", true},
		{"for the type in the title", "laptop juicer", "adapter", true},
		{"the unknown word first", "refill printer", "printer", false},
		{"a number last", "printer 90000", "printer", false},
		{"a stop word between", "refill for printer", "printer", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if len(got) == 0 || len(got[0]) < len(tt.first) || got[0][:len(tt.first)] != tt.first {
				t.Errorf("%q: hits %q, want a %s first (notes %q)", tt.text, got, tt.first, res.Notes)
			}
			if hasNote(res, "made for") != tt.madeFor {
				t.Errorf("%q: notes %q, want the made-for reading %v", tt.text, res.Notes, tt.madeFor)
			}
		})
	}
}
