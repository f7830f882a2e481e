package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchCompoundHeads holds what two words find when no product has both and the
// last is a head its titles always say after one word ("Drip Coffee Machine"): the
// type the other word stands for in titles, whichever vocabulary is used; a head said
// after many words ("… Desk") keeps its own type, and its own modifier its products.
// And a type's word before a word no product has finds the things whose titles name
// them after the type ("Shredder Bags"; namedAfter).
func TestSearchCompoundHeads(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title string) {
		products = append(products, catalog.Product{ID: id, SellerID: "volt", Title: title, Price: usd(4999)})
	}
	for i := range 6 {
		add(fmt.Sprint("machine", i), fmt.Sprintf("Brewmate %d Cup Drip Coffee Machine, Glass Carafe", 4+i))
		add(fmt.Sprint("stapler", i), fmt.Sprintf("Markit Stapler, %d Sheet Capacity", 20+i))
		add(fmt.Sprint("humidifier", i), fmt.Sprintf("Warmly %dL Cool Mist Humidifier, Quiet", 2+i))
		add(fmt.Sprint("desk", i), fmt.Sprintf("Shelfwise %s Desk, %d Inch", []string{"Standing", "Writing", "Computer", "Gaming", "Corner", "Student"}[i], 40+i))
		add(fmt.Sprint("shredder", i), fmt.Sprintf("Papyra Cross-Cut Paper Shredder, %d Sheet", 8+i))
		add(fmt.Sprint("shredder-micro", i), fmt.Sprintf("Papyra Micro-Cut Paper Shredder, %d Sheet", 8+i))
		if i < 4 {
			add(fmt.Sprint("bags", i), fmt.Sprintf("Papyra Shredder Bags, %d Gallon, 50 Count", 6+i))
		}
		// Other types, so that a word of one type is rare in the catalog.
		for _, other := range []string{"Ceramic Mug", "Electric Kettle", "Table Lamp", "Office Chair", "Steel Bottle", "Wall Clock"} {
			add(fmt.Sprint(strings.ReplaceAll(other, " ", "-"), i), fmt.Sprintf("Homely %s, No. %d", other, i))
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, v := range groupVocabularies(t) {
		c.SetVocabulary(v.vocab)
		for _, tc := range []struct{ name, text, want string }{
			{"a type before a compound head", "stapler machine", "stapler"},
			{"a type before a compound head, plural", "stapler machines", "stapler"},
			{"a word one type's titles say, before a compound head", "mist machine", "humidifier"},
			{"the head's own modifier", "coffee machine", "machine"},
			{"a head said after many words keeps its type", "stapler desk", "desk"},
			{"a word no product has after a type: what titles name after it", "shredder sacks", "bags"},
		} {
			t.Run(v.name+"/"+tc.name, func(t *testing.T) {
				wantFirstThree(t, c, tc.text, tc.want)
			})
		}
	}
}

// TestSearchLearnedForms holds what a word no product has finds when it is a form or
// a clip of one head the catalog has ("grating": graters, "tramp": trampolines),
// with the built-in vocabulary and with none of its groups; and that a clip two heads
// share, and a nonsense word, find nothing of either.
func TestSearchLearnedForms(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	for i := range 5 {
		for _, p := range []struct{ id, title string }{
			{"grater", "Zestly Steel Box Grater, %d Sides"},
			{"bottle", "Flowly Steel Water Bottle, %d0 oz"},
			{"trampoline", "Bounceroo %d ft Garden Trampoline with Enclosure"},
			{"net", "Sportline Garden Goal Net, %d Pack"},
			{"projector", "Beamly %d Lumen Mini Projector"},
			{"protector", "Guardly Screen Protector, %d Pack"},
			{"mug", "Homely Ceramic Mug, No. %d"},
		} {
			products = append(products, catalog.Product{ID: fmt.Sprint(p.id, i), SellerID: "volt", Title: fmt.Sprintf(p.title, 2+i), Price: usd(2999)})
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, v := range groupVocabularies(t) {
		c.SetVocabulary(v.vocab)
		for _, tc := range []struct{ name, text, want string }{
			{"the -ing of a tool's -er head", "grating steel", "grater"},
			{"a clip of one head", "tramp garden", "trampoline"},
			{"a clip two heads share", "pro garden", ""},
			{"nonsense", "florping garden", ""},
		} {
			t.Run(v.name+"/"+tc.name, func(t *testing.T) {
				if tc.want != "" {
					wantFirstThree(t, c, tc.text, tc.want)
					return
				}
				res, err := c.Search(ctx, catalog.Query{Text: tc.text, Limit: 6})
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range hitIDs(res) {
					if strings.HasPrefix(id, "projector") || strings.HasPrefix(id, "protector") {
						t.Errorf("%q: hits %q (read as %q, %q), want no projector nor protector", tc.text, hitIDs(res), res.Words, res.Notes)
						break
					}
				}
			})
		}
	}
}

// groupVocabularies are the built-in vocabulary and one with none of its synonym
// groups, by name: what the catalog teaches is held with both.
func groupVocabularies(t *testing.T) []struct {
	name  string
	vocab *catalog.Vocabulary
} {
	t.Helper()
	noGroups, err := catalog.ParseVocabulary("accessory: case, cover")
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name  string
		vocab *catalog.Vocabulary
	}{{"built-in vocabulary", catalog.BuiltinVocabulary()}, {"no synonym groups", noGroups}}
}

// wantFirstThree searches text and holds that its first three hits at least have IDs
// starting with want.
func wantFirstThree(t *testing.T, c *catalog.Catalog, text, want string) {
	t.Helper()
	res, err := c.Search(context.Background(), catalog.Query{Text: text, Limit: 6})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	if len(got) < 3 {
		t.Fatalf("%q: hits %q (read as %q, %q), want three %s at least", text, got, res.Words, res.Notes, want)
	}
	for _, id := range got[:3] {
		if !strings.HasPrefix(id, want) {
			t.Errorf("%q: hits %q (read as %q, %q), want %s first", text, got, res.Words, res.Notes, want)
			break
		}
	}
}
