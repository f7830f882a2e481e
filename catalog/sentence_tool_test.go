package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// toolShop is a small hardware shop whose tools are named by what they do ("Tape
// Measure", "Wood Glue", "Bar Clamp"), beside sets of tools, a measuring jug whose
// title says "measuring" of a jug, a toy car, a clarinet beside its reeds, camping
// tents and bedding.
func toolShop(t *testing.T) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Built for the job site and the home workshop.",
			Category: cat, Price: usd(2999)})
	}
	add("tape0", "Stanlo FatMax 25 ft Tape Measure", "Hardware > Tools > Measuring")
	add("laser0", "Boschor GLM50 Laser Distance Measure", "Hardware > Tools > Measuring")
	add("glue0", "Gorillo Wood Glue, 18 oz", "Hardware > Adhesives")
	add("clamp0", "Irwen Quick-Grip 12 in. Bar Clamp", "Hardware > Tools > Clamps")
	add("clamp1", "Bessy 6 in. F-Style Clamp", "Hardware > Tools > Clamps")
	add("jug0", "Pyrex 2-Cup Measuring Jug", "Kitchen > Bakeware")
	for i, m := range []string{"40-Piece Socket", "230-Piece Mechanics Tool", "21-Piece Drill Bit"} {
		add(fmt.Sprint("set", i), "Craftsmen "+m+" Set", "Hardware > Tools > Tool Sets")
	}
	for i := range 3 {
		add(fmt.Sprint("drill", i), fmt.Sprintf("Dewalto 20V Cordless Drill %d", i), "Hardware > Tools > Drills")
	}
	add("car0", "Zoomo Remote Control Car", "Toys > RC")
	add("car1", "Zoomo Off-Road Racing Car", "Toys > RC")
	add("clarinet0", "Yamaho YCL-255 Student Bb Clarinet", "Music > Clarinets")
	add("reed0", "Ricco Bb Clarinet Reeds, Strength 2, 10 Pack", "Music > Reeds")
	add("oboe0", "Foxo Student Oboe", "Music > Oboes")
	for i := range 3 {
		add(fmt.Sprint("tent", i), fmt.Sprintf("Trailbo %d-Person Camping Tent", 2+2*i), "Outdoors > Tents")
		add(fmt.Sprint("bedding", i), fmt.Sprintf("Cozo Cotton Bedding %d", i), "Home > Bedding")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceOpeningTool holds a request that opens with its verb where the catalog
// names a tool by that verb and the rest of the sentence names nothing it sells
// (sentenceTool): the tool, even when the shop sells one of it; and nothing for a verb
// the catalog's titles say before another thing's name ("Tape Measure": "tape the
// box"), for a word of a
// group ("set an alarm"), a noun before another noun ("car park fees"), or a
// sentence whose other words name a thing sold.
func TestSentenceOpeningTool(t *testing.T) {
	c := toolShop(t)
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"a verb that names a tool in titles", "measure the length of a room quickly", []string{"tape0", "laser0"}},
		{"a verb that names the one product of its type", "glue a wobbly chair leg back on", []string{"glue0"}},
		{"a verb that names a tool, after filler", "please clamp these two boards tightly", []string{"clamp0", "clamp1"}},
		{"a word of a group names no tool", "set an alarm for six am", nil},
		{"a noun before another noun is no verb", "car park fees in the city centre are too high", nil},
		{"a verb titles use before another thing's name", "tape the box shut before the move", nil},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}

// TestSentenceTypeOfOneProduct holds a sentence whose one word of the catalog heads the
// title of the one product of its type, and is in another product's title (a
// clarinet, and clarinet reeds): two products show the word names that type there,
// and a participle before it ("starting clarinet") is what the shopper does, not an
// unknown kind of it (unknownModifier). A word in one title only is no such evidence
// in a sentence that tells rather than asks (see TestSentenceTitleWords for a request).
// A participle names a type only as what titles say before its name ("Camping
// Tent"), never by heading titles itself ("Bedding": "bedding in" the soil).
func TestSentenceTypeOfOneProduct(t *testing.T) {
	c := toolShop(t)
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"the type of one product, its word in two titles", "my daughter is starting clarinet in the school band", []string{"clarinet0"}},
		{"a word in one title only", "my daughter is starting oboe in the school band", nil},
		{"a participle titles say before a type's name", "we want to go camping at the lake this summer", []string{"tent0", "tent1", "tent2"}},
		{"a participle that heads its own titles", "the soil needs bedding in before winter frost", nil},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}

// searchFirstOf searches c for text and wants the first hit to be one of first, or no
// hit when first is empty; it returns the result.
func searchFirstOf(t *testing.T, c *catalog.Catalog, text string, first []string) catalog.Result {
	t.Helper()
	res, err := c.Search(context.Background(), catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	switch {
	case len(first) == 0 && len(got) > 0:
		t.Errorf("%q: hits %q, want none (notes %q)", text, got, res.Notes)
	case len(first) > 0 && (len(got) == 0 || !contains(first, got[0])):
		t.Errorf("%q: hits %q, want one of %q first (notes %q)", text, got, first, res.Notes)
	}
	return res
}
