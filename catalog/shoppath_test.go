package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestCategoryShopPath: the category filter finds a product by a category path among
// its tags (a shop's own taxonomy kept beside its Google category, as a Merchant
// Center feed's g:product_type) as by its category: the whole path, a prefix of it,
// a run of its segments, in any case; a category path finds what it found before,
// and with a shop path of the same words both. A word that is no whole segment, and a
// tag that is no path, match nothing, and the note then lists the shop's own
// top-level categories beside the catalog's.
func TestCategoryShopPath(t *testing.T) {
	const lensCat = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories > Camera Lenses"
	usd := money.Money{Amount: 49900, Currency: "USD"}
	products := []catalog.Product{
		{ID: "sony-lens", Title: "Zoom Lens 24-70mm", Category: lensCat, Tags: []string{"Lenses > Sony E-Mount Lenses"}, Price: usd},
		{ID: "rf-lens", Title: "Prime Lens 50mm", Category: lensCat, Tags: []string{"lenses > Canon RF Lenses", "portrait"}, Price: usd},
		{ID: "body", Title: "Mirrorless Body", Category: "Cameras & Optics > Cameras > Digital Cameras", Tags: []string{"Cameras > Mirrorless Cameras"}, Price: usd},
		{ID: "plain-lens", Title: "Macro Lens 90mm", Category: lensCat, Tags: []string{"macro"}, Price: usd},
		{ID: "shop-cat", Title: "Lens Cap 67mm", Category: "Accessories > Caps", Tags: []string{"Photo > Camera Lenses"}, Price: usd},
	}
	c := stockedCatalog(t, products)
	for _, tc := range []struct {
		name, category string
		want           []string // ids; nil: none, and the note
	}{
		{"a shop path whole", "Lenses > Sony E-Mount Lenses", []string{"sony-lens"}},
		{"its first segment", "Lenses", []string{"rf-lens", "sony-lens"}},
		{"a later segment alone", "canon rf lenses", []string{"rf-lens"}},
		{"a shop path's run in another case", "CAMERAS > mirrorless cameras", []string{"body"}},
		{"a category path, as before", "Camera Lenses", []string{"plain-lens", "rf-lens", "shop-cat", "sony-lens"}},
		{"a word both name", "Cameras", []string{"body"}},
		{"the category's own path among tags", "Accessories > Caps", []string{"shop-cat"}},
		{"no whole segment", "Lenses > Sony", nil},
		{"a tag that is no path", "macro", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Category: tc.category, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("category %q found %v, want %v (note %q)", tc.category, got, tc.want, strings.Join(res.Notes, " "))
			}
			if tc.want == nil && (!strings.Contains(strings.Join(res.Notes, " "), "Top-level categories: Accessories, Cameras & Optics.") ||
				!strings.Contains(strings.Join(res.Notes, " "), "The shop's own categories (its products' tags written as paths): Cameras, Lenses, Photo.")) {
				t.Errorf("note %q does not list the catalog's and the shop's top-level categories", strings.Join(res.Notes, " "))
			}
		})
	}
}
