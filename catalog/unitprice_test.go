package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestUnitPrice: a product whose attributes say how much one purchase brings (a unit
// measure, with or without a base, else a pack count) has a unit price, rounded to the
// nearest minor unit; a product whose data says nothing, or says it unreadably, has
// none.
func TestUnitPrice(t *testing.T) {
	usd := func(a int64) money.Money { return money.Money{Amount: a, Currency: "USD"} }
	for _, tt := range []struct {
		name  string
		price money.Money
		attrs map[string]string
		want  string // UnitPrice.String(); "" for none
	}{
		{"a 1000-pack of screws, per 100", usd(9799), map[string]string{catalog.AttrUnitMeasure: "1000 Count"}, "$9.80 per 100"},
		{"a 100-pack per 100, to compare with its siblings", usd(1199), map[string]string{catalog.AttrUnitMeasure: "100 Count"}, "$11.99 per 100"},
		{"a pack count when no measure is given", usd(19900), map[string]string{"pack": "pack of 2"}, "$99.50 each"},
		{"a 15-pack per 100 as its 50- and 100-packs", usd(599), map[string]string{"pack": "pack of 15"}, "$39.93 per 100"},
		{"a 2-pack under a dollar each: each, not per 100", usd(199), map[string]string{"pack": "pack of 2"}, "$1.00 each"},
		{"a measure before the pack count", usd(2199), map[string]string{"pack": "pack of 2", catalog.AttrUnitMeasure: "100 ct"}, "$21.99 per 100"},
		{"tiny parts per 1000", usd(100), map[string]string{catalog.AttrUnitMeasure: "100,000 count"}, "$0.01 per 1000"},
		{"fluid ounces, per fl oz, half a cent rounded up", usd(799), map[string]string{catalog.AttrUnitMeasure: "16 Fl Oz"}, "$0.50 per fl oz"},
		{"pounds per lb", usd(2499), map[string]string{catalog.AttrUnitMeasure: "5 Pound"}, "$5.00 per lb"},
		{"grams per 100 g", usd(300), map[string]string{catalog.AttrUnitMeasure: "500 g"}, "$0.60 per 100 g"},
		{"the seller's base measure", money.Money{Amount: 450, Currency: "EUR"},
			map[string]string{catalog.AttrUnitMeasure: "750ml", catalog.AttrUnitBase: "100ml"}, "€0.60 per 100 ml"},
		{"a base in another unit of the same kind", money.Money{Amount: 450, Currency: "EUR"},
			map[string]string{catalog.AttrUnitMeasure: "750 g", catalog.AttrUnitBase: "1 kg"}, "€6.00 per kg"},
		{"a decimal comma", money.Money{Amount: 599, Currency: "EUR"}, map[string]string{catalog.AttrUnitMeasure: "1,5 kg"}, "€3.99 per kg"},
		{"a currency without minor units: each when a unit costs a yen or more", money.Money{Amount: 1980, Currency: "JPY"},
			map[string]string{catalog.AttrUnitMeasure: "100 count"}, "¥20 each"},
		{"a base of another kind: none", usd(450), map[string]string{catalog.AttrUnitMeasure: "750 ml", catalog.AttrUnitBase: "1 kg"}, ""},
		{"a unit not known: none", usd(999), map[string]string{catalog.AttrUnitMeasure: "3 bundles"}, ""},
		{"no number: none", usd(999), map[string]string{catalog.AttrUnitMeasure: "Count"}, ""},
		{"one item: none", usd(999), map[string]string{catalog.AttrUnitMeasure: "1 Count"}, ""},
		{"a pack count that is no number: none", usd(999), map[string]string{"pack": "a box"}, ""},
		{"free: none", usd(0), map[string]string{catalog.AttrUnitMeasure: "100 count"}, ""},
		{"nothing said: none, whatever the title", usd(1199), nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := catalog.Product{ID: "p", Title: "Deck Screws, 100-Pack", Price: tt.price, Attributes: tt.attrs}
			u, ok := p.UnitPrice()
			got := ""
			if ok {
				got = u.String()
				if u.Price.Currency != tt.price.Currency {
					t.Errorf("unit price in %s, want %s", u.Price.Currency, tt.price.Currency)
				}
			}
			if got != tt.want {
				t.Errorf("UnitPrice() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHitUnitPrice: a search's hits carry the unit price Product.UnitPrice reads from
// the attributes, read with the page.
func TestHitUnitPrice(t *testing.T) {
	usd := func(a int64) money.Money { return money.Money{Amount: a, Currency: "USD"} }
	products := []catalog.Product{
		{ID: "s1000", Title: "Deck Screws 1000", Price: usd(9799), Attributes: map[string]string{catalog.AttrUnitMeasure: "1000 Count"}},
		{ID: "s2", Title: "Deck Screws two", Price: usd(199), Attributes: map[string]string{"pack": "pack of 2"}},
		{ID: "s1", Title: "Deck Screws one", Price: usd(25)},
	}
	want := map[string]string{"s1000": "$9.80 per 100", "s2": "$1.00 each"}
	c := stockedCatalog(t, products)
	res, err := c.Search(context.Background(), catalog.Query{Text: "deck screws", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(products) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(products))
	}
	for _, h := range res.Hits {
		got := ""
		if h.UnitPrice.Price.Amount > 0 {
			got = h.UnitPrice.String()
		}
		if got != want[h.ID] {
			t.Errorf("%s: hit's unit price %q, want %q", h.ID, got, want[h.ID])
		}
	}
}
