package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMeasureThenWord: a two-word query whose first word is a measure (a number
// with its unit: "49mm", "256gb", "10ft") asks for the thing of that size, and a
// measure names no thing that could meet the other word in another sense, so the
// products with both words are found rather than read as "other things" (newuser12:
// a camera shop's "72mm cpl" answered "No product is a 72mm cpl" over four 72mm
// polarizers titled "72mm Nano-X CPL Filter"). A pair of two words still reads as
// before: "watch battery" over RC car batteries and a smart watch's battery life is
// nothing.
func TestSearchMeasureThenWord(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2999)})
	}
	for _, s := range []string{"49mm", "55mm", "67mm"} {
		add("cpl-kf-"+s, "K&F Concept "+s+" Nano-X CPL Filter, Multi-Coated Circular Polarizer", "Deeper skies, fewer reflections.", "Lens Accessories > Filters")
		add("cpl-gobe-"+s, "Gobe "+s+" Circular Polarizer CPL Lens Filter", "Cuts glare.", "Lens Accessories > Filters")
		add("uv-"+s, "Hoya "+s+" NXT Plus UV Filter", "Protects the front element.", "Lens Accessories > Filters")
		add("cap-"+s, s+" Snap-On Front Lens Cap", "A center-pinch cap.", "Lens Accessories > Lens Caps")
	}
	for _, g := range []string{"128GB", "256GB"} {
		add("sd-"+g, "SanDisk "+g+" Extreme PRO UHS-I SDXC Memory Card", "Fast card for 4K video.", "Memory Cards > SD Cards")
	}
	add("usb-6ft", "Anker USB-C to USB-C Cable, 100W, 6ft", "Braided.", "Cables > USB Cables")
	add("usb-10ft", "Anker USB-C to USB-C Cable, 100W, 10ft", "Braided.", "Cables > USB Cables")
	for i, m := range []string{"Vantora Smart Watch 2", "Vantora Smart Watch 3"} {
		add("watch"+string(rune('0'+i)), m, "A seven-day battery life.", "Electronics > Wearables")
	}
	add("lipo0", "Voltix 2000mAh LiPo Battery for RC Cars", "Fits most trucks.", "Toys > RC Parts")
	add("lipo1", "Voltix 3000mAh LiPo Battery for RC Cars", "Fits most trucks.", "Toys > RC Parts")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"a thread size and an abbreviation the titles say", "55mm cpl", []string{"cpl-kf-55mm", "cpl-gobe-55mm"}},
		{"a thread size and a word of another product's name", "67mm uv", []string{"uv-67mm"}},
		{"a capacity and a format", "256gb sdxc", []string{"sd-256GB"}},
		{"a length and a connector", "10ft usb", []string{"usb-10ft"}},
		{"two words that meet only in other things", "watch battery", nil},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}
