package catalog_test

import (
	"context"
	"slices"
	"strings"
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

// TestSearchMadeForPlatform: within the brand a code after "for" names, the products
// whose titles have the named product's platform word right after the brand ("18V" of
// "Kestrel 18V Cordless Drill Kit") come first, in their order, then the brand's
// others: a brand with two platforms sorts them, a brand whose titles name none keeps
// its order, a word of the named title that no product of the type asked for has after
// the brand ("P215") is no platform, and another brand's battery "for KV-D18K" leaves the
// drill's brand named.
func TestSearchMadeForPlatform(t *testing.T) {
	usd := func(a int64) money.Money { return money.Money{Amount: a, Currency: "USD"} }
	products := []catalog.Product{
		{ID: "KV-D18K", Title: "Kestrel 18V Cordless Drill Kit (KV-D18K)", Brand: "Kestrel", Price: usd(19900)},
		{ID: "KV-D12K", Title: "Kestrel 12V Cordless Drill Kit (KV-D12K)", Brand: "Kestrel", Price: usd(14900)},
		{ID: "KV-P215", Title: "Kestrel P215 18V Hammer Drill (KV-P215)", Brand: "Kestrel", Price: usd(17900)},
		// Its model in the last bracket of a title whose "with" it follows.
		{ID: "SKU-0442", Title: "Kestrel 12V Impact Driver Kit with Charger (KV-ID12)", Brand: "Kestrel", Price: usd(12900)},
		// The 12V batteries are written to match "battery" best, so they lead the plain order.
		{ID: "KV-12A", Title: "Kestrel 12V Battery Pack, Compact Battery 2.0Ah (KB-12A)", Brand: "Kestrel", Price: usd(4900)},
		{ID: "KV-12B", Title: "Kestrel 12V Battery Pack, Battery 4.0Ah (KB-12B)", Brand: "Kestrel", Price: usd(6900)},
		{ID: "KV-18A", Title: "Kestrel 18V Lithium Ion Battery 2.0Ah (KB-18A)", Brand: "Kestrel", Price: usd(6900)},
		{ID: "KV-18B", Title: "Kestrel 18V XR Lithium Ion Battery 5.0Ah (KB-18B)", Brand: "Kestrel", Price: usd(11900)},
		{ID: "KV-CH", Title: "Kestrel 12V/18V Battery Charger (KC-1218)", Brand: "Kestrel", Price: usd(5900)},
		{ID: "OB-DD1", Title: "Orbis Drill Driver, Corded (OB-DD1)", Brand: "Orbis", Price: usd(7900)},
		{ID: "OB-4AH", Title: "Orbis Battery Pack 4.0Ah Battery (OB-4AH)", Brand: "Orbis", Price: usd(9900)},
		{ID: "OB-2AH", Title: "Orbis Lithium Battery 2.0Ah (OB-2AH)", Brand: "Orbis", Price: usd(5900)},
		// Another brand's battery that names the Kestrel drill by its code after "for".
		{ID: "TM-5AH", Title: "Tamsin 18V Battery 5.0Ah for KV-D18K (TM-5AH)", Brand: "Tamsin", Price: usd(12900)},
	}
	c := stockedCatalog(t, products)
	batteries := func(q string) []string {
		t.Helper()
		res, err := c.Search(context.Background(), catalog.Query{Text: q, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			if strings.Contains(h.Title, "Battery") && !strings.Contains(h.Title, "Charger") {
				out = append(out, h.ID)
			}
		}
		return out
	}
	plain := batteries("battery")
	if k := slices.DeleteFunc(slices.Clone(plain), func(id string) bool { return id[:2] != "KV" }); len(k) != 4 || !strings.Contains(k[0], "12") {
		t.Fatalf(`"battery" lists %v: the fixture wants a Kestrel 12V battery first among Kestrel's`, plain)
	}
	// groupOf names each battery's group in the order wanted: the group of a battery
	// is the first of groups (prefixes of ids) that it starts with.
	groupsOf := func(ids, groups []string) []int {
		var out []int
		for _, id := range ids {
			g := slices.IndexFunc(groups, func(p string) bool { return strings.HasPrefix(id, p) })
			if g < 0 {
				g = len(groups)
			}
			out = append(out, g)
		}
		return out
	}
	for _, tt := range []struct {
		name, q string
		groups  []string // in the order wanted; each group's own order is the search's
	}{
		{"18V drill: its platform's batteries first, another brand's battery for it not counted", "battery for my KV-D18K", []string{"KV-18", "KV-12", "OB"}},
		{"12V drill: the other platform first", "battery for my KV-D12K", []string{"KV-12", "KV-18", "OB"}},
		{"a model word after the brand is no platform", "battery for KV-P215", []string{"KV-18", "KV-12", "OB"}},
		{"a brand with no platform words: the brand first", "battery for OB-DD1", []string{"OB", "KV"}},
		{"a model in the title's last bracket, after its with", "battery for my KV-ID12", []string{"KV-12", "KV-18", "OB"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.DeleteFunc(batteries(tt.q), func(id string) bool { return id == "TM-5AH" }) // it names the drill: placed by its words
			if g := groupsOf(got, tt.groups); !slices.IsSorted(g) || len(got) != 6 {
				t.Errorf("%q lists %v, want the groups %v in that order", tt.q, got, tt.groups)
			}
		})
	}
}
