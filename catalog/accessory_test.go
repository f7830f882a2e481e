package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// accessoryCase is a query of a small shop's catalog built for the accessory tests
// and the first hits it must find, by id, in order, a run in braces in any order
// (inOrder); hits after those are not checked.
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
			n := len(strings.Fields(strings.Join(tc.want, " ")))
			if got := hitIDs(res); !inOrder(got[:min(n, len(got))], tc.want) {
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

// TestSearchAccessoryOfASubtype holds that strings asked for by the guitar they fit
// ("acoustic guitar strings") come before the strings of another kind of guitar
// ("Classical Guitar Strings"): the vocabulary names a guitar by its kinds, not one
// kind by another.
func TestSearchAccessoryOfASubtype(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Long-lasting tone.", Category: "Music > Accessories > Strings", Price: usd(1299)})
	}
	add("classical", "Addaro EJ45 Pro-Arte Nylon Classical Guitar Strings")
	add("acoustic1", "Addaro EJ16 Phosphor Bronze Acoustic Guitar Strings")
	add("acoustic2", "Elixo Nanoweb Bronze Acoustic Guitar Strings")
	add("electric", "Ernio Slinky Electric Guitar Strings")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the strings of the guitar named first", "acoustic guitar strings", []string{"{acoustic1 acoustic2}"}},
		{"a guitar's kind still finds its strings", "classical guitar strings", []string{"classical"}},
	})
}
