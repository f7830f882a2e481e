package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestHitNeedsChoices: a search's hits say which products cannot be bought without the
// person's choices (options, or a required personalisation), read with the page: not
// one with an optional personalisation, nor one without either.
func TestHitNeedsChoices(t *testing.T) {
	usd := money.Money{Amount: 3000, Currency: "USD"}
	c := stockedCatalog(t, []catalog.Product{
		{ID: "RING", Title: "Hammered Band Ring", Price: usd, Attributes: map[string]string{"ring_size": "6, 7", catalog.AttrChoices: "ring_size"}},
		{ID: "TAG", Title: "Engraved Band Ring Tag", Price: usd, Attributes: map[string]string{catalog.AttrPersonalization: "required: the name"}},
		{ID: "MUG", Title: "Band Ring Mug", Price: usd, Attributes: map[string]string{catalog.AttrPersonalization: "optional: a name"}},
		{ID: "PLAIN", Title: "Plain Band Ring", Price: usd, Attributes: map[string]string{"metal": "Gold"}},
		{ID: "EMPTY", Title: "Band Ring Without Values", Price: usd, Attributes: map[string]string{catalog.AttrChoices: "ring_size"}},
	})
	res, err := c.Search(context.Background(), catalog.Query{Text: "band ring", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"RING": true, "TAG": true, "MUG": false, "PLAIN": false, "EMPTY": false}
	if len(res.Hits) != len(want) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(want))
	}
	for _, h := range res.Hits {
		if h.NeedsChoices != want[h.ID] {
			t.Errorf("%s: NeedsChoices %v, want %v", h.ID, h.NeedsChoices, want[h.ID])
		}
		p, err := c.Product(context.Background(), h.ID)
		if err != nil || p.NeedsChoices() != h.NeedsChoices {
			t.Errorf("%s: the product in full says %v (%v), the hit %v", h.ID, p.NeedsChoices(), err, h.NeedsChoices)
		}
	}
}
