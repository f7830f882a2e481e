package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMakerNamed holds that in a feed with no brand column, a maker named only
// in descriptions ("Made by Pika Gear Works in Missoula") ranks as a brand the query
// names when the query is its name (makerNamed): its products first, before other
// makers' products whose titles have one of its words ("Pika" as a model's name); a
// phrase descriptions say in lower case is no maker's name and changes nothing.
func TestSearchMakerNamed(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(8999)})
	}
	for i, m := range []string{"Granite", "Spruce", "Heron"} {
		add(fmt.Sprint("quilt", i), m+" 30°F Down Quilt", "A warm quilt for cold nights. Made by Pika Gear Works in Missoula.")
		add(fmt.Sprint("pad", i), m+" Insulated Sleeping Pad", "Sewn in our Missoula shop - Pika Gear Works. Lifetime repairs.")
		add(fmt.Sprint("pack", i), "Wanderfold Pika "+m+" 40L Trekking Pack", "Carries a week of gear. Made by Wanderfold in Bellingham.")
		add(fmt.Sprint("dogpack", i), "Wanderfold Pika "+m+" Dog Pack", "Your dog carries its own gear.")
		add(fmt.Sprint("chair", i), m+" Low Camp Chair", "Rounds out any camp seating setup.")
		add(fmt.Sprint("cot", i), m+" Camp Cot", "Sleeps off the ground; rounds out any camp seating setup.")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	maker := "{quilt0 quilt1 quilt2 pad0 pad1 pad2}"
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"the maker's name, shortened", "pika gear", []string{maker}},
		{"the maker's name whole", "pika gear works", []string{maker}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			n := len(strings.Fields(strings.Trim(tc.want[0], "{}")))
			if len(got) < n || !inOrder(got[:n], tc.want) {
				t.Errorf("%q: hits %q, want %q first (notes %q)", tc.text, got, tc.want, res.Notes)
			}
		})
	}
	// A shop's phrase in lower case: the chairs and cots keep the order they have
	// without the phrase read as a name (the same as for the words apart).
	together, err := c.Search(context.Background(), catalog.Query{Text: "camp seating"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(together); len(got) == 0 || !strings.HasPrefix(got[0], "chair") && !strings.HasPrefix(got[0], "cot") {
		t.Errorf("camp seating: hits %q", got)
	}
}
