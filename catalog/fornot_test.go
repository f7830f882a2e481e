package catalog_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchForNotMade: "X for Y" finds nothing, X suggested and a note saying so,
// when the catalog's Xs are made for other things and none says Y, another name of
// it, or a kind Y is filed as (forNotMade); Xs that say Y, Xs filed as a kind of
// thing Y is, Xs made for nothing (a use: "for the gym") and a Y that names no thing
// keep their products.
func TestSearchForNotMade(t *testing.T) {
	c := openCatalog(t)
	var products []catalog.Product
	add := func(id, title, category, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Category: category, Description: desc, Price: usd(2999)})
	}
	for i := range 4 {
		add(fmt.Sprint("wick", i), fmt.Sprintf("Wick Filter Replacement for Mistra MS%d Humidifier, 2-Pack", 100+i), "Home > Humidifier Parts", "Keeps the mist clean.")
		add(fmt.Sprint("humidifier", i), fmt.Sprintf("Mistra MS%d Cool Mist Humidifier, 4L", 100+i), "Home > Humidifiers", "Quiet all night.")
		add(fmt.Sprint("heater", i), fmt.Sprintf("Warmly %dW Ceramic Space Heater, Oscillating", 750+250*i), "Home > Space Heaters", "Tip-over protection.")
		add(fmt.Sprint("stand", i), fmt.Sprintf("Deskwell Dual Monitor Stand, %d-32 Inch Screens", 13+i), "Office > Monitor Stands", "Clamps to a desk.")
		add(fmt.Sprint("monitor", i), fmt.Sprintf("Vantora %d-Inch Computer Monitor, IPS", 24+i), "Office > Monitors", "Full HD.")
		add(fmt.Sprint("cattree", i), fmt.Sprintf("Whiskerly Cat Tree Tower, %d Inch", 36+12*i), "Pets > Cat Furniture", "Sisal posts.")
		add(fmt.Sprint("battery", i), fmt.Sprintf("Voltra 20V %dAh Battery", 2+i), "Hardware > Tool Batteries", "Fits every Voltra 20V tool.")
		add(fmt.Sprint("drill", i), fmt.Sprintf("Voltra 20V Cordless Drill Driver D%d", 700+i), "Hardware > Tools > Drills", "Two speeds.")
		add(fmt.Sprint("earbuds", i), fmt.Sprintf("Orbis Wireless Earbuds, %dH Playtime", 20+4*i), "Audio > Earbuds", "Sweat resistant.")
		add(fmt.Sprint("gym", i), fmt.Sprintf("Ironhold Home Gym Station G%d", i+1), "Fitness > Home Gyms", "Twelve exercises.")
		add(fmt.Sprint("laptop", i), fmt.Sprintf("Vantora %d-Inch Laptop, 8GB RAM", 13+i), "Computers > Laptops", "All-day battery.")
		add(fmt.Sprint("sleeve", i), fmt.Sprintf("Laptop Sleeve for Vantora %d-Inch Laptop", 13+i), "Computers > Laptop Bags", "Padded.")
		add(fmt.Sprint("lcharger", i), fmt.Sprintf("Laptop Charger for Vantora V%d", 13+i), "Computers > Laptop Chargers", "65W.")
		add(fmt.Sprint("blender", i), fmt.Sprintf("Crispa Countertop Blender for Smoothies, %dW", 1000+100*i), "Kitchen > Blenders", "Crushes ice.")
		add(fmt.Sprint("ink", i), fmt.Sprintf("Ink Cartridge for Inkora IK%d Printer, Black", 200+i), "Office > Printer Ink", "High yield.")
		add(fmt.Sprint("pen", i), fmt.Sprintf("Papyra Gel Ink Pens, %d Pack", 6+2*i), "Office > Pens", "Quick-dry.")
	}
	if _, err := c.Upsert(t.Context(), fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		note       string // with no hits, the note
	}{
		{"Xs made for another thing, Y a type", "wick for space heater", "",
			`The catalog sells "wick", but none made for "space heater".`},
		{"an accessory word, Y a thing the vocabulary names", "a stand for the christmas tree", "",
			`The catalog sells "stand", but none made for "christmas tree".`},
		{"Xs that say Y", "wick for my humidifier", "wick", ""},
		{"Xs that say another name of Y", "stand for my computer screen", "stand", ""},
		{"Xs filed as a kind Y is filed as", "battery for my drill", "battery", ""},
		{"Xs made for nothing, Y a use", "earbuds for the gym", "earbuds", ""},
		{"the Xs are X's own products, whatever other titles say X", "laptop for the space heater", "laptop", ""},
		{"Xs said for a use, not made for a thing", "blender for the space heater", "blender", ""},
		{"products headed by Y's word are Ys, not Xs that say Y", "ink for fountain pen", "",
			`The catalog sells "ink", but none made for "fountain pen".`},
		{"Xs that say Y, beside the Ys", "ink for my printer", "ink", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(t.Context(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.first != "" {
				if len(got) == 0 || !strings.HasPrefix(got[0], tt.first) {
					t.Errorf("%q: hits %q, want %s first (notes %q)", tt.text, got, tt.first, res.Notes)
				}
				return
			}
			if len(got) > 0 || len(res.Suggestions) == 0 || !slices.Contains(res.Notes, tt.note) {
				t.Errorf("%q: hits %q, suggestions %q, notes %q; want none, a suggestion and the note %q", tt.text, got, res.Suggestions, res.Notes, tt.note)
			}
		})
	}
}
