package tools

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestOutOfStockOffersVariants: a purchase or cart line of a variant that is sold out
// is refused naming the family's variants that can be bought, with their ids (the
// person asked for the dress, and another size of it is the first alternative), and
// not the other sold-out ones.
func TestOutOfStockOffersVariants(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	ctx := context.Background()
	// A dress in four sizes: UK 8 and UK 10 sold out, UK 12 and UK 14 in stock.
	base := demoProduct(t, 1000, 20000)
	var fam []catalog.Product
	for i, size := range []string{"8", "10", "12", "14"} {
		v := base
		v.ID, v.GroupID, v.Title = "dress-uk"+size, "wrap-dress", "Linen Wrap Dress - UK "+size
		v.Attributes = map[string]string{"size": "UK " + size}
		stock := int64(5)
		if i < 2 {
			stock = 0
		}
		v.Stock, v.Availability = &stock, catalog.InStock
		fam = append(fam, v)
	}
	if _, err := s.tb.Catalog.Upsert(ctx, nil, fam); err != nil {
		t.Fatal(err)
	}
	soldOut, alsoOut, left := fam[0], fam[1], fam[2:]
	for _, tool := range []string{"purchase", "add_to_cart"} {
		res := call(t, c, tool, map[string]any{"product_id": soldOut.ID}, nil)
		got := text(res)
		if !res.IsError || !strings.Contains(got, "is not in stock") || !strings.Contains(got, "Other variants of it can be bought: ") {
			t.Fatalf("%s of a sold-out variant: %s", tool, got)
		}
		for _, v := range left {
			if !strings.Contains(got, "id "+v.ID) {
				t.Errorf("%s: the variant %s that can be bought is not offered: %s", tool, v.ID, got)
			}
		}
		if strings.Contains(got, "id "+alsoOut.ID) {
			t.Errorf("%s: the sold-out variant %s is offered: %s", tool, alsoOut.ID, got)
		}
	}
}
