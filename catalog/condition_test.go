package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestHitCondition: a search's hits carry the condition of the products that are not
// new (the attribute condition however a feed writes it), read with the page;
// Product.Condition reads the same from the attributes. New in its spellings, no
// condition, and a text too long to be one are none.
func TestHitCondition(t *testing.T) {
	usd := money.Money{Amount: 45000, Currency: "USD"}
	cond := func(s string) map[string]string { return map[string]string{"condition": s} }
	products := []catalog.Product{
		{ID: "used", Title: "Rangefinder Camera", Price: usd, Attributes: cond("used")},
		{ID: "refurb", Title: "Rangefinder Camera Kit", Price: usd, Attributes: cond("Refurbished")},
		{ID: "openbox", Title: "Rangefinder Camera Silver", Price: usd, Attributes: cond("open_box")},
		{ID: "likenew", Title: "Rangefinder Camera Black", Price: usd, Attributes: cond("Like New")},
		{ID: "new", Title: "Rangefinder Camera Grey", Price: usd, Attributes: cond("New")},
		{ID: "newtags", Title: "Rangefinder Camera Strap", Price: usd, Attributes: cond("new with tags")},
		{ID: "long", Title: "Rangefinder Camera Case", Price: usd, Attributes: cond("as described in our listing, see the photos for details")},
		{ID: "none", Title: "Rangefinder Camera Bag", Price: usd},
	}
	want := map[string]string{"used": "used", "refurb": "refurbished", "openbox": "open box", "likenew": "like new"}
	c := stockedCatalog(t, products)
	res, err := c.Search(context.Background(), catalog.Query{Text: "rangefinder camera", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(products) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(products))
	}
	for _, h := range res.Hits {
		if h.Condition != want[h.ID] {
			t.Errorf("%s: hit's condition %q, want %q", h.ID, h.Condition, want[h.ID])
		}
	}
	for _, p := range products {
		if got := p.Condition(); got != want[p.ID] {
			t.Errorf("%s: Product.Condition() = %q, want %q", p.ID, got, want[p.ID])
		}
	}
}
