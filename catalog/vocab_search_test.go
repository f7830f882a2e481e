package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchVocabularyTerms holds what the built-in vocabulary's phrases and senses
// find in a shop that names things its own way: a phrase whose words titles say apart
// is searched by its words ("rc car battery"); a phrase no title says, whose words
// some product has with their own synonyms, likewise ("watch wristband"); an
// accessory asked for by a synonym comes before the thing it is for ("sd card for
// action camera"); a word's sense follows the query's other words ("printer refill",
// "stapler refill"; "tape refill for label printer", though a printer's sense of
// "refill" is ink; "screen bracket"); a phrase for a thing the shop does not sell
// finds nothing, though the shop has one of its words ("coffee grinder" among coffee
// makers, "staple gun" among staples); and a phrase no title says weighs as many words
// as it has against a query's others ("laptop power cord", known as "laptop charger",
// against a brand's "halden tech").
func TestSearchVocabularyTerms(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Price: usd(2999)})
	}
	for i := range 3 {
		add(fmt.Sprint("rccar", i), fmt.Sprintf("Zoomrunner ZR-%d High Speed RC Car, 4WD, 2 Rechargeable Batteries", 10+i))
		add(fmt.Sprint("rcbattery", i), fmt.Sprintf("Wattly 1200mAh Li-ion Battery for Zoomrunner ZR-%d RC Car", 10+i))
		add(fmt.Sprint("camera", i), fmt.Sprintf("Pixalto PX-%d Action Camera 4K60, Waterproof, Wide Angle", 20+i))
		add(fmt.Sprint("card", i), fmt.Sprintf("Stratadisk %dGB microSDXC Memory Card with Adapter", 64<<i))
		add(fmt.Sprint("watch", i), fmt.Sprintf("Vantora VN-%d Smart Watch 44mm, Heart Rate", 30+i))
		add(fmt.Sprint("band", i), fmt.Sprintf("Sport Bands Compatible with Vantora VN-%d Watch, Soft Silicone", 30+i))
		add(fmt.Sprint("printer", i), fmt.Sprintf("Inkora IK-%d All-in-One Wireless Inkjet Printer", 40+i))
		add(fmt.Sprint("ink", i), fmt.Sprintf("Inkora IK-%dXL Black Ink Cartridge for Inkora IK-%d", 40+i, 40+i))
		add(fmt.Sprint("stapler", i), fmt.Sprintf("Markit Desktop Stapler, %d Sheet Capacity", 20+5*i))
		add(fmt.Sprint("staples", i), fmt.Sprintf("Markit Standard Staples 26/6, %d Count", 1000*(i+1)))
		add(fmt.Sprint("coffee", i), fmt.Sprintf("Brewmate %d-Cup Programmable Coffee Maker, Glass Carafe", 10+2*i))
		add(fmt.Sprint("labeller", i), fmt.Sprintf("Markit MK-%d Bluetooth Label Printer, QWERTY Keyboard", 50+i))
		add(fmt.Sprint("labeltape", i), fmt.Sprintf("Markit Label Tape Compatible with Markit MK-%d, Black on White, 12mm", 50+i))
		add(fmt.Sprint("monitor", i), fmt.Sprintf("Pixalto PX-%d 27\" Gaming Monitor, 165Hz", 60+i))
		add(fmt.Sprint("arm", i), fmt.Sprintf("Deskwell Single Monitor Arm Desk Mount for 13-32\" Screens, Gas Spring - DW%d", 60+i))
		add(fmt.Sprint("charger", i), fmt.Sprintf("Wattly %dW USB-C Laptop Charger, GaN Fast Charging", 65+20*i))
		add(fmt.Sprint("webcam", i), fmt.Sprintf("Halden Tech HT-%d 1080p Webcam with Microphone", 50+i))
		add(fmt.Sprint("nailer", i), fmt.Sprintf("Boltline %d-Gauge Cordless %s Nailer", 16+2*i, []string{"Brad", "Finish", "Framing"}[i]))
		add(fmt.Sprint("robot", i), fmt.Sprintf("Sweepo SW-%d Robot Vacuum and Mop Combo, LiDAR Navigation", 70+i))
		add(fmt.Sprint("headphones", i), fmt.Sprintf("Orbisound OB-%d Wireless Over-Ear Headphones, Hi-Res Audio", 80+i))
		add(fmt.Sprint("earbuds", i), fmt.Sprintf("Quellton QT-%d True Wireless Earbuds, Built-in Mic", 90+i))
		add(fmt.Sprint("plush", i), fmt.Sprintf("Snugglebee %d Inch %s Stuffed Animal, Soft Plush Toy", 8+4*i, []string{"Sloth", "Panda", "Unicorn"}[i]))
		add(fmt.Sprint("shredder", i), fmt.Sprintf("Papyra %d-Sheet Cross-Cut Paper Shredder", 8+4*i))
		add(fmt.Sprint("ssd", i), fmt.Sprintf("Stratadisk %dTB Portable SSD, USB-C", 1+i))
		add(fmt.Sprint("speaker", i), fmt.Sprintf("Orbisound OB-%d Portable Bluetooth Speaker, Deep Bass", 100+i))
		add(fmt.Sprint("heater", i), fmt.Sprintf("Warmly WY-%d Oil Filled Heater, 1500W, Thermostat", 110+i))
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
	}{
		{"a phrase whose words titles say apart", "rc car battery", "rcbattery"},
		{"a phrase no title says, its words with synonyms in one", "watch wristband", "band"},
		{"the accessory before the thing it is for", "sd card for action camera", "card"},
		{"a sense from the query's other words", "printer refill", "ink"},
		{"another sense of the same word", "stapler refill", "staples"},
		{"a thing the shop does not sell", "coffee grinder", ""},
		{"a label printer's refill is its tape, not a printer's ink", "tape refill for label printer", "labeltape"},
		{"a bracket with a screen is what holds it", "screen bracket", "arm"},
		{"a staple gun is a tool, no desk stapler", "staple gun", ""},
		{"a phrase no title says counts all its words among a long query's", "laptop power cord for halden tech", "charger"},
		{"a tool by its other name", "nail gun", "nailer"},
		{"a robot that mops is sold as a robot vacuum and mop", "robotic mop", "robot"},
		{"a screen by its panel's name is a monitor", "lcd screen", "monitor"},
		{"cans with a word of headphones are headphones", "wireless cans", "headphones"},
		{"a bean bag toy's trade name is a plush toy", "beanie babies", "plush"},
		{"a need: shredding", "i need something to shred old payslips", "shredder"},
		{"a need: documents to destroy", "what should i do with confidential documents", "shredder"},
		{"a need: keeping photos", "somewhere to keep the photos from our wedding", "card"},
		{"a need: podcasts on the move", "podcasts on the bus to work", "earbuds"},
		{"a copier is sold as a printer", "copy machine", "printer"},
		{"a label maker by a maker's trade name", "p touch", "labeller"},
		{"a portable speaker by a maker's trade name", "jam box", "speaker"},
		{"a radiator that plugs in is an oil filled heater", "plug in electric radiator", "heater"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first != "" {
				wantSearchFirst(t, c, tt.text, tt.first)
				return
			}
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); len(got) > 0 {
				t.Errorf("%q: hits %q, want none (notes %q)", tt.text, got, res.Notes)
			}
		})
	}
}

// TestSearchVocabularyReadings holds how the built-in vocabulary's groups leave a
// query's own reading in place: a phrase kept whole for its group still finds what its
// words find apart ("tv remote": "Remote Control for … Smart TVs" too, not only
// "universal remote"); a joined word no product has, whose group has it apart, is
// split by the spelling step, which says so ("boardgame"); and "cheap" is a third of
// the prices of the products the words name as typed, not of what a synonym finds
// besides ("buds" of "earbuds" finding cotton buds).
func TestSearchVocabularyReadings(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title string, cents int64) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Price: usd(cents)})
	}
	for i := range 3 {
		add(fmt.Sprint("universal", i), fmt.Sprintf("Clikko Universal Remote for Lumina LM-%d TV", 50+i), 1299)
		add(fmt.Sprint("replacement", i), fmt.Sprintf("Clikko Replacement Remote Control for Lumina Smart TVs, Model %d", i), 1499)
		add(fmt.Sprint("game", i), fmt.Sprintf("Tilecraft Family Board Game, %d Players", 2+i), 2499)
		add(fmt.Sprint("earbuds", i), fmt.Sprintf("Sonique SQ-%d Wireless Earbuds", i), 2000+1000*int64(i))
		add(fmt.Sprint("cotton", i), fmt.Sprintf("Softa Cotton Buds, %d Count", 100*(i+1)), 200+100*int64(i))
		add(fmt.Sprint("swabs", i), fmt.Sprintf("Softa Cotton Buds Travel Pack, %d Count", 50*(i+1)), 250+100*int64(i))
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	count := func(ids []string, prefix string) int {
		n := 0
		for _, id := range ids {
			if strings.HasPrefix(id, prefix) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		name, text    string
		corrected     string         // the correction Search reports; "" for none
		want          map[string]int // ID prefix: how many hits have it
		cheapMaxCents int64          // the price bound "cheap" derives, in cents; 0 for none
	}{
		{name: "a phrase kept whole finds its words apart", text: "tv remote", want: map[string]int{"universal": 3, "replacement": 3}},
		{name: "a joined word is the spelling step's", text: "boardgame", corrected: "board game", want: map[string]int{"game": 3}},
		{name: "cheap reads the prices of the words as typed", text: "cheap earbuds", want: map[string]int{"earbuds": 2}, cheapMaxCents: 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if res.Corrected != tt.corrected {
				t.Errorf("%q: corrected %q, want %q", tt.text, res.Corrected, tt.corrected)
			}
			for prefix, n := range tt.want {
				if got := count(ids, prefix); got != n {
					t.Errorf("%q: %d hits %s…, want %d (hits %q, notes %q)", tt.text, got, prefix, n, ids, res.Notes)
				}
			}
			if tt.cheapMaxCents > 0 {
				var bound float64
				for _, a := range res.Applied {
					if a.Derived {
						bound = a.Value
					}
				}
				if int64(bound*100) != tt.cheapMaxCents {
					t.Errorf("%q: cheap bound %v, want %d cents (applied %+v)", tt.text, bound, tt.cheapMaxCents, res.Applied)
				}
			}
		})
	}
}
