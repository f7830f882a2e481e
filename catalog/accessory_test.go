package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// accessoryShop is a small shop's catalog built for the accessory tests: hits are
// compared by id, in order, a run in braces in any order (inOrder).
type accessoryCase struct {
	name, text string
	want       []string
}

func searchAccessoryCases(t *testing.T, c *catalog.Catalog, cases []accessoryCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !inOrder(got, tc.want) {
				t.Errorf("%q: hits %q, want %q (notes %q)", tc.text, got, tc.want, strings.Join(res.Notes, " | "))
			}
		})
	}
}

// TestSearchKitOfTheType holds that a product sold as a kit of the type asked for
// and filed under it is that type, though "kit" is an accessory word: a drill titled
// "… Drill/Driver Kit" under Drills ranks with the other drills, before the drill
// bits; a kit filed elsewhere ("Drill Battery Kit" under Batteries) stays with the
// things made for drills.
func TestSearchKitOfTheType(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Built for the job site.", Category: cat, Price: usd(9999)})
	}
	add("kit1", "Dewalto 20V MAX Cordless Drill/Driver Kit, DCD771C2", "Hardware > Tools > Drills")
	add("kit2", "Makito XFD131 18V Brushless Drill Driver Kit", "Hardware > Tools > Drills")
	add("hammer", "Milwauka M18 FUEL Hammer Drill", "Hardware > Tools > Drills")
	add("bits", "Boschy CO2135 Cobalt Metal Drill Bit Set", "Hardware > Tool Accessories > Drill Bits")
	add("battery", "Ryobo 18V Drill Battery Kit", "Hardware > Tool Batteries")
	add("rotary", "Dremo 4300 Rotary Tool Kit", "Hardware > Tools > Rotary Tools")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"a drill sold as a kit, filed under Drills, ranks with the drills", "drill", []string{"{kit1 kit2 hammer}", "bits", "battery"}},
	})
}
