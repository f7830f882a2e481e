package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestMadeForProduct holds what is made for a product a customer bought, in a small
// hardware shop of two brands and their battery platforms: the batteries and chargers of
// the drill's brand and platform, and bit sets named by its type, are made for it; a
// battery of another brand (a Makita battery for a DEWALT drill) or of another platform
// of the brand (12V for a 20V drill), another tool of the platform (a saw), another
// drill and a bit whose title names a hammer drill before another word are not. A product of a title without a brand's platform or a type others
// name has nothing made for it. Nor is a product of its own type named after another:
// a drill press (dearer than the drill), a saw horse (a sawhorse in the vocabulary), a
// bit holder after bits.
func TestMadeForProduct(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	mk := func(id, title, brand, category string) catalog.Product {
		return catalog.Product{ID: id, SellerID: "volt", Title: title, Brand: brand, Category: category, Price: usd(9900)}
	}
	ps := []catalog.Product{
		mk("dw-drill", "DEWALT 20V MAX XR Brushless Cordless Drill/Driver Kit, Compact (DCD791D2)", "DEWALT", "Tools > Power Drills"),
		mk("dw-drill-bare", "DEWALT 20V MAX XR Brushless Drill/Driver, Tool Only (DCD800B)", "DEWALT", ""),
		mk("dw-saw", "DEWALT 20V MAX Circular Saw, 7-1/4-Inch, Tool Only (DCS570B)", "DEWALT", "Tools > Circular Saws"),
		mk("dw-battery", "DEWALT 20V MAX XR Lithium Ion Battery, 5.0Ah (DCB205)", "DEWALT", "Tools > Power Tool Batteries"),
		mk("dw-charger", "DEWALT 12V/20V MAX Lithium Ion Battery Charger (DCB115)", "DEWALT", "Tools > Power Tool Battery Chargers"),
		mk("dw-12v-battery", "DEWALT 12V MAX Lithium Ion Battery, 2.0Ah (DCB122)", "DEWALT", "Tools > Power Tool Batteries"),
		mk("mk-drill", "Makita 18V LXT Cordless Driver-Drill Kit (XFD131)", "Makita", "Tools > Power Drills"),
		mk("mk-battery", "Makita 18V LXT Lithium-Ion 4.0Ah Battery (BL1840B)", "Makita", "Tools > Power Tool Batteries"),
		mk("mw-drill", "Milwaukee M18 Compact Brushless 1/2 in. Drill/Driver (2801-20)", "Milwaukee", "Tools > Power Drills"),
		mk("mw-battery", "Milwaukee M18 REDLITHIUM XC5.0 Battery (48-11-1850)", "Milwaukee", "Tools > Power Tool Batteries"),
		mk("mw-12v-battery", "Milwaukee M12 REDLITHIUM 2.0 Battery Pack (48-11-2420)", "Milwaukee", "Tools > Power Tool Batteries"),
		mk("bits", "IRWIN Titanium Drill Bit Set, 21-Piece (316015)", "IRWIN", "Tools > Drill Bits"),
		mk("bits-bare", "Bosch Drill Bit Set, 14-Piece", "Bosch", ""),
		mk("sds", "Bosch Carbide-Tipped Hammer Drill Masonry Bit, SDS-plus", "Bosch", "Tools > Drill Bits"),
		mk("discs", "3M Hookit 5 in. Sanding Discs, 120 Grit, 50-Pack", "3M", "Tools > Sanding Discs"),
		mk("discs-2", "3M Hookit 5 in. Sanding Discs, 80 Grit, 50-Pack", "3M", "Tools > Sanding Discs"),
		// Products named after another type that are of their own type: a drill press
		// (a tool dearer than the drill), a saw horse (a sawhorse or trestle in the
		// vocabulary), a bit holder (a bit is no type read from a title: "8 bit").
		mk("press", "WEN 4214T 12-Inch Variable Speed Cordless Drill Press", "WEN", "Tools > Drill Presses"),
		mk("press-bare", "SKIL 10-Inch Benchtop Drill Press", "SKIL", ""),
		mk("horse", "Stanley Folding Saw Horse, Twin Pack", "Stanley", "Tools > Saw Horses"),
		mk("blade", "IRWIN Marathon 7-1/4-Inch Circular Saw Blade, 24-Tooth", "IRWIN", "Tools > Circular Saw Blades"),
		mk("holder", "DEWALT Magnetic Bit Holder, 6-Inch", "DEWALT", "Tools > Bit Holders"),
	}
	for i := range ps {
		switch ps[i].ID {
		case "press", "press-bare":
			ps[i].Price = usd(29900)
		case "horse", "blade", "holder", "bits", "bits-bare":
			ps[i].Price = usd(2900)
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, bought string
		want, not    []string
		model        string // as the reason names it; "" when the title has no code of 4 characters or more
	}{
		{"a DEWALT 20V drill", "dw-drill", []string{"dw-battery", "dw-charger", "bits", "bits-bare"},
			[]string{"dw-drill-bare", "dw-saw", "dw-12v-battery", "mk-battery", "mw-battery", "discs", "sds", "press", "press-bare"}, "DCD791D2"},
		{"a circular saw: its blade, not a saw horse", "dw-saw", []string{"blade", "dw-battery"}, []string{"horse", "dw-drill", "bits"}, "DCS570B"},
		{"a drill bit set: not a bit holder", "bits", nil, []string{"holder", "press", "dw-drill"}, ""},
		{"a bare drill bit set: not a bit holder", "bits-bare", nil, []string{"holder"}, ""},
		{"a Makita 18V LXT drill", "mk-drill", []string{"mk-battery", "bits"}, []string{"dw-battery", "dw-charger", "mw-battery", "dw-drill"}, "XFD131"},
		{"a Milwaukee M18 drill", "mw-drill", []string{"mw-battery", "bits"}, []string{"mw-12v-battery", "dw-battery", "mk-battery"}, ""},
		{"a battery: its charger, not a tool", "dw-battery", []string{"dw-charger"}, []string{"dw-drill", "dw-saw", "dw-12v-battery", "mk-battery"}, "DCB205"},
		{"sanding discs: nothing", "discs", nil, []string{"discs-2"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sales, err := c.SalesOf(ctx, []string{tc.bought})
			if err != nil {
				t.Fatal(err)
			}
			mf, err := c.MadeForProduct(ctx, sales[tc.bought].Ref, 40, true)
			if err != nil {
				t.Fatal(err)
			}
			products, err := c.Products(ctx, mf.Refs)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range products {
				ids = append(ids, p.ID)
			}
			for _, id := range tc.want {
				if !slices.Contains(ids, id) {
					t.Errorf("%s not made for %s: %v", id, tc.bought, ids)
				}
			}
			for _, id := range tc.not {
				if slices.Contains(ids, id) {
					t.Errorf("%s said to be made for %s: %v", id, tc.bought, ids)
				}
			}
			if byModel, err := c.MadeForProduct(ctx, sales[tc.bought].Ref, 40, false); err != nil || len(byModel.Refs) != mf.ByModel || !slices.Equal(byModel.Refs, mf.Refs[:mf.ByModel]) {
				t.Errorf("by model only %v (%v), want the first %d of %v", byModel.Refs, err, mf.ByModel, mf.Refs)
			}
			if mf.Model != tc.model {
				t.Errorf("model %q, want %q", mf.Model, tc.model)
			}
		})
	}
}
