package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchFittedCodeShortPage holds that a code names the product asked for only
// when it is that product's own: a short page goes on with the other things of the
// kind asked for when the code is a size ("8x10 mat board": a dimension every product
// of that size says), when a title has it only after a word that says what the product
// fits ("dx200 filter" in a shop that sells no DX200, only filters "Compatible with
// Dyna DX200"), or when the query says it after "for" ("filter for vx-340": the vacuum
// is what the filter is for). A product's own code still keeps the page to it
// ("cf-22 filter": that filter alone), as before.
func TestSearchFittedCodeShortPage(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat, desc string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: desc, Category: cat, Price: usd(1999)})
	}
	const vac, art = "Home > Vacuum Parts", "Home > Frames & Mats"
	add("vx340", "Vortex VX-340 Cordless Vacuum", "Home > Vacuums", "A light stick vacuum with a washable filter.")
	add("hepavx", "Purio HEPA Filter Set, Compatible with Vortex VX-340", vac, "Two filters, washable.")
	add("premotor", "Purio Pre-Motor Filter for Vortex VX-340", vac, "Keeps the motor clean.")
	add("dxset", "Purio HEPA Filter Set, Compatible with Dyna DX200", vac, "Two filters, washable.")
	add("dxfoam", "Filtro Foam Filter Pack, Compatible with Dyna DX200 & DX250", vac, "Four foam filters.")
	add("cf22", "Cyclo CF-22 HEPA Filter", vac, "The filter of Cyclo's upright vacuums.")
	add("washable", "Filtro Washable Cartridge Filter", vac, "Rinse and reuse.")
	add("belt", "Filtro Brush Roll Belt, 2 Pack", vac, "Fits most uprights.")
	add("frame810", "Birch Photo Frame 8x10", art, "Solid birch, with a mat board.")
	add("frame57", "Walnut Photo Frame 5x7", art, "Solid walnut.")
	add("mat810", "Acid-Free Mat Board 8x10, White", art, "Cut for an 8x10 frame.")
	add("mat1114", "Acid-Free Mat Board 11x14, Cream", art, "Cut for an 11x14 frame.")
	add("mat57", "Linen Mat Board 5x7, Grey", art, "Cut for a 5x7 frame.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the hits the page opens with, a run in braces in any order
		then       []string // hits that must follow them
		never      []string // hits that must not be on the page
	}{
		{"a dimension is a size: the other mat boards follow", "8x10 mat board",
			[]string{"mat810"}, []string{"mat1114", "mat57"}, nil},
		{"a code only after compatible with names what it fits: the other filters follow", "dx200 filter",
			[]string{"{dxset dxfoam}"}, []string{"cf22", "washable"}, nil},
		{"a code after for names what the thing is for: the other filters follow", "filter for vx-340",
			[]string{"{hepavx premotor}"}, []string{"cf22", "washable"}, nil},
		{"a product's own code keeps the page to it", "cf-22 filter",
			[]string{"cf22"}, nil, []string{"washable", "dxset", "hepavx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, tc.never)
		})
	}
}
