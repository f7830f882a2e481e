package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchPairGroupedHead holds that a two-word query whose head a shop sells only as
// a group ("Sealing Ring Set for Duo Cooker") finds it: a set of rings is rings, so
// "duo rings" is no unsold pair (before, "No product is a duo rings"). A set of
// something else that says both words ("Glass Jar Set for Duo Shelf, with Lids") is
// still no lid, and "duo lids" finds nothing.
func TestSearchPairGroupedHead(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: "Kitcha", Description: "Ships in two days.", Category: cat, Price: usd(1999)})
	}
	add("cooker", "Duo Pressure Cooker, 6 Quart", "Kitchen > Cookers")
	add("cooker8", "Duo Pressure Cooker, 8 Quart", "Kitchen > Cookers")
	add("ringset", "Sealing Ring Set for Duo Cooker, 2 Pack", "Kitchen > Cooker Parts")
	add("ring", "Silicone Sealing Ring, 6 Quart", "Kitchen > Cooker Parts")
	add("ring8", "Silicone Sealing Ring, 8 Quart", "Kitchen > Cooker Parts")
	add("jars", "Glass Jar Set for Duo Shelf, with Lids", "Kitchen > Storage")
	add("lid", "Tempered Glass Lid, 9 Inch", "Kitchen > Cooker Parts")
	add("lid2", "Tempered Glass Lid, 11 Inch", "Kitchen > Cooker Parts")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, catalog.Query{Text: "duo rings"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) == 0 || got[0] != "ringset" {
		t.Errorf("\"duo rings\": hits %q, want the ring set first (notes %q)", got, res.Notes)
	}
	res, err = c.Search(ctx, catalog.Query{Text: "duo lids"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) > 0 && got[0] == "jars" {
		t.Errorf("\"duo lids\": hits %q, want no jar set first (notes %q)", got, res.Notes)
	}
}
