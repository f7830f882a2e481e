package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchPartAfterBrand holds that a brand and its platform named before a part
// name what the part fits, not the only products wanted: "milwo m18 battery" lists
// Milwo's M18 battery, then the other makers' batteries, before the M18 tools whose
// descriptions say "battery" ("M18", the code of a drill, a saw and a wrench, names
// no one product). (A brand named before a thing that is no accessory is its maker,
// and its products are the page: TestSearchAnyWordTailBrandNamed.)
func TestSearchPartAfterBrand(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, brand, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: desc, Category: cat, Price: usd(9999)})
	}
	add("m18-battery", "Milwo M18 REDLITHIUM XC5.0 Battery", "Milwo", "A battery for every M18 tool.", "Hardware > Tool Batteries")
	add("m18-drill", "Milwo M18 FUEL Hammer Drill", "Milwo", "Battery sold separately.", "Hardware > Tools > Drills")
	add("m18-saw", "Milwo M18 Sawzall Reciprocating Saw", "Milwo", "Battery sold separately.", "Hardware > Tools > Saws")
	add("m18-wrench", "Milwo 2767-20 M18 FUEL Impact Wrench", "Milwo", "Battery sold separately.", "Hardware > Tools > Wrenches")
	add("ryo-battery", "Ryo ONE+ 18V 4.0Ah Battery", "Ryo", "Fits every ONE+ tool.", "Hardware > Tool Batteries")
	add("dewo-battery", "Dewo DCB205 20V MAX 5.0Ah Battery", "Dewo", "Fits every MAX tool.", "Hardware > Tool Batteries")
	add("dewo-drill", "Dewo DCD791 20V MAX Drill Driver", "Dewo", "A compact drill.", "Hardware > Tools > Drills")
	add("ryo-drill", "Ryo ONE+ 18V Drill Driver", "Ryo", "A light drill.", "Hardware > Tools > Drills")
	for i, g := range []string{"Stanlo Claw Hammer", "Irwo Tape Measure", "Kleio Screwdriver Set"} {
		for j := range 3 {
			add(fmt.Sprintf("other%d-%d", i, j), fmt.Sprintf("%s %d", g, j+1), "Hand", "For the workshop.", "Hardware > Hand Tools")
		}
	}
	c := openCatalog(t)
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text         string
		first, then, never []string
	}{
		{"brand and platform before a part", "milwo m18 battery",
			[]string{"m18-battery", "{ryo-battery dewo-battery}"}, nil, nil},
		{"brand before a part", "dewo battery",
			[]string{"dewo-battery", "{ryo-battery m18-battery}"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, tc.never)
		})
	}
}

// TestSearchHeldOtherwise holds that an accessory named by a word no title has, after
// words titles have ("d lock holder" where the shop sells "D-Lock Bracket"s), finds the
// products named with those words whose titles are headed by another accessory word,
// then the thing itself, and that what follows "for" (where the holder goes, "for bike
// frame") does not turn the query into a sentence about locks and bikes. A head some
// title has, or a head whose other names titles have, is read as before.
func TestSearchHeldOtherwise(t *testing.T) {
	var ps []catalog.Product
	add := addTo(&ps, "Keeps your bike safe.", 4999)
	locks := "Cycling > Bicycle Locks"
	add("oxfo-bracket", "Oxfo D-Lock Bracket, Universal", locks)
	add("krypto-bracket", "Krypto Transit Bracket for Evolution D-Lock", locks)
	add("krypto-lock", "Krypto New York D-Lock", locks)
	add("oxfo-lock", "Oxfo Alarm-D Pro D-Lock", locks)
	add("abo-lock", "Abo Granit X-Plus D-Lock", locks)
	add("hiplo-lock", "Hiplo Gold Chain Lock", locks)
	add("grips", "Odo Elite Lock-On Grips", "Cycling > Grips")
	add("frame", "Trailo Carbon Bike Frame, 54cm", "Cycling > Frames")
	add("bike", "Trailo Gravel Bike, 54cm", "Cycling > Bicycles")
	for i, g := range []string{"Lezo Mini Pump", "Topo Multi Tool", "Gorto Bottle Cage"} {
		for j := range 3 {
			add(fmt.Sprintf("other%d-%d", i, j), fmt.Sprintf("%s %d", g, j+1), "Cycling > Gear")
		}
	}
	searchShopCases(t, ps, []accessoryCase{
		{"holder for a place", "d lock holder for bike frame", []string{"{oxfo-bracket krypto-bracket}", "{krypto-lock oxfo-lock abo-lock hiplo-lock}"}},
		{"holder alone", "d lock holder", []string{"{oxfo-bracket krypto-bracket}"}},
		{"a head titles have", "d lock bracket", []string{"oxfo-bracket", "krypto-bracket"}},
	})
	ps = append(ps, catalog.Product{ID: "holder", SellerID: "hearth", Title: "Hiplo Lock Holder", Description: "Holds a lock.", Category: locks, Price: usd(1999)})
	searchShopCases(t, ps, []accessoryCase{
		{"a holder the shop sells", "d lock holder", []string{"holder"}},
	})
}
