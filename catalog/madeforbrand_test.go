package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestSearchMadeForBrand: a code after "for" that names the products of one brand
// ("battery for my KV-D18K": Kestrel's drill) puts that brand's products of the type
// asked for first, in their order; a brand the query names, a code of two brands'
// products, or no code leaves the plain reading's order.
func TestSearchMadeForBrand(t *testing.T) {
	usd := func(a int64) money.Money { return money.Money{Amount: a, Currency: "USD"} }
	products := []catalog.Product{
		{ID: "KV-D18K", Title: "Kestrel 18V Cordless Drill Kit (KV-D18K)", Brand: "Kestrel", Price: usd(19900)},
		{ID: "OB-4AH", Title: "Orbis 18V Battery Pack 4.0Ah Battery (OB-4AH)", Brand: "Orbis", Price: usd(9900)},
		{ID: "OB-2AH", Title: "Orbis 18V Battery Pack 2.0Ah Battery (OB-2AH)", Brand: "Orbis", Price: usd(5900)},
		{ID: "TM-5AH", Title: "Tamsin 20V Battery, 5.0Ah (TM-5AH)", Brand: "Tamsin", Price: usd(12900)},
		{ID: "KV-B2", Title: "Kestrel 18V Battery 2.0Ah (KB-20)", Brand: "Kestrel", Price: usd(6900)},
		{ID: "KV-B5", Title: "Kestrel 18V Battery 5.0Ah (KB-50)", Brand: "Kestrel", Price: usd(11900)},
		// A code two brands' products say: the Orbis saw and the Tamsin saw share it.
		{ID: "SAW-1", Title: "Orbis Circular Saw QX-7700", Brand: "Orbis", Price: usd(15900)},
		{ID: "SAW-2", Title: "Tamsin Circular Saw QX-7700", Brand: "Tamsin", Price: usd(15900)},
	}
	c := stockedCatalog(t, products)
	ids := func(q string) []string {
		t.Helper()
		res, err := c.Search(context.Background(), catalog.Query{Text: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			if h.ID != "KV-D18K" && h.ID != "SAW-1" && h.ID != "SAW-2" { // the batteries only
				out = append(out, h.ID)
			}
		}
		return out
	}
	plain := ids("battery")
	if len(plain) != 5 || slices.Index(plain, "KV-B2") < 2 && slices.Index(plain, "KV-B5") < 2 {
		t.Fatalf(`"battery" lists %v: the fixture wants the Kestrel batteries not first`, plain)
	}
	kestrelFirst := append(slices.DeleteFunc(slices.Clone(plain), func(id string) bool { return id[:2] != "KV" }),
		slices.DeleteFunc(slices.Clone(plain), func(id string) bool { return id[:2] == "KV" })...)
	for _, tt := range []struct {
		name, q string
		want    []string
	}{
		{"the named drill's brand first", "battery for my KV-D18K", kestrelFirst},
		{"its code in another spelling", "battery for kvd18k", kestrelFirst},
		{"a brand the query names is kept", "orbis battery for KV-D18K", nil},
		{"a code of two brands' products: no brand", "battery for QX-7700", plain},
		{"no code after for: no brand", "battery for drill", plain},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(tt.q)
			if tt.want == nil {
				if len(got) < 2 || got[0][:2] != "OB" || got[1][:2] != "OB" {
					t.Errorf("%q lists %v, want the Orbis batteries first", tt.q, got)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q lists %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}
