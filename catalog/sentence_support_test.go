package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// homeShop is a small shop of computer things and floor care: cables whose titles and
// descriptions say only what they are (but one, which says "laptop": one product's word says nothing of its type), docking stations whose descriptions say the
// cable, laptop, screens and ethernet a sentence about them tells of, and mops and
// floor cleaners two of whose titles say "hardwood floors"; knife blocks and
// vacuums have "hardwood" or "floors" on their own.
func homeShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: desc, Category: cat, Price: usd(2999)})
	}
	add("hdmi9", "Linkly High Speed HDMI Cable 25 ft", "Puts a laptop on the TV across the room.", "Cables")
	for i, s := range []string{"3 ft", "6 ft", "10 ft", "15 ft"} {
		add(fmt.Sprint("hdmi", i), "Linkly High Speed HDMI Cable "+s, "4K at 60Hz, gold plated ends.", "Cables")
		add(fmt.Sprint("usbc", i), "Linkly USB-C Charging Cable "+s, "Braided nylon, 100W.", "Cables")
	}
	for i, s := range []string{"Black", "Silver", "Grey"} {
		add(fmt.Sprint("dock", i), "Portwell USB-C Docking Station, Dual HDMI, "+s,
			"One cable from your laptop gives two screens, ethernet and power.", "Laptop Accessories")
		add(fmt.Sprint("sleeve", i), "Portwell Laptop Sleeve 14 Inch, "+s, "Padded neoprene with a zip pocket.", "Laptop Accessories")
		add(fmt.Sprint("monitor", i), "Viewmark 27 Inch Monitor, "+s, "A sharp screen for work and play.", "Monitors")
	}
	add("mop0", "Bona Premium Spray Mop for Hardwood Floors", "Cleans and leaves no residue.", "Floor Care")
	add("clean0", "Bona Hardwood Floor Cleaner Refill, 128 oz", "Dries fast, no dulling.", "Floor Care")
	add("clean1", "Method Squirt and Mop Floor Cleaner, Almond", "Plant-based, for sealed floors.", "Floor Care")
	for i, s := range []string{"8 Piece", "15 Piece"} {
		add(fmt.Sprint("knife", i), "Zwilling Knife Block Set, "+s, "Knives in a hardwood block.", "Knives")
	}
	add("vac0", "Dyson V15 Cordless Vacuum", "Deep cleans carpets and floors.", "Vacuums")
	add("vac1", "Shark Cordless Stick Vacuum", "Light enough to carry up the stairs; floors and rugs.", "Vacuums")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceAccessorySupported: a sentence that names an accessory whose products
// have none of its other words, while the type its words vote for has several of
// them, lists the voted type first; the accessory stays first when the sentence's
// other words are about it, when the sentence names the voted type, and in a list of
// words with no filler.
func TestSentenceAccessorySupported(t *testing.T) {
	c := homeShop(t)
	for _, tc := range []struct {
		name, q, first, reading string
	}{
		{"the vote's type has the other words", "plug one cable into my laptop and get two screens and ethernet", "Docking Station", "Read as a search for"},
		{"the accessory has the other words", "i want a braided cable that charges at 100w", "Charging Cable", "Read as a sentence about cable"},
		{"the sentence names the voted type", "my laptop needs a cable to the station for screens and ethernet", "HDMI Cable", "Read as a search for cable"},
		{"a list of words, a product's name", "cable for laptop docking station screens ethernet", "HDMI Cable", "Read as a search for cable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkReadingOrNothing(t, c, tc.q, tc.first, tc.reading)
		})
	}
}

// TestSentencePhrase: a sentence every reading answers with nothing, two of whose
// words side by side are said together by two titles or more, is answered by the
// plain ranking of its words; words the titles have only apart, or one title has
// together, and a question about the world stay nothing.
func TestSentencePhrase(t *testing.T) {
	c := homeShop(t)
	for _, tc := range []struct {
		name, q, first string
	}{
		{"two words as two titles say them", "sticky hardwood floors after the kids party", "Hardwood Floor"},
		{"two words no title says together", "floors of hardwood warp after the tenants flood", ""},
		{"two words one title says together", "grandad misses his old cordless stick since the accident", ""},
		{"a question about the world", "why do hardwood floors creak after the winter", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkReadingOrNothing(t, c, tc.q, tc.first, "Read as a sentence about hardwood floors")
		})
	}
}

// BenchmarkSentenceSupport times, on the home shop, the sentences the two rules of
// this file's tests read (a named accessory giving way to the voted type, an empty
// sentence read by two words titles say together) and two that stay empty, beside a
// one-word search of the same shop (the floor), paired in the same run:
// us/sentence, us/floor and their ratio.
func BenchmarkSentenceSupport(b *testing.B) {
	c := homeShop(b)
	qs := []string{"plug one cable into my laptop and get two screens and ethernet",
		"sticky hardwood floors after the kids party",
		"floors of hardwood warp after the tenants flood",
		"grandad misses his old cordless stick since the accident"}
	benchOverFloor(b, c, qs, "cable")
}
