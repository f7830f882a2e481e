package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchUnsoldPhrase: a query that is one phrase of the vocabulary, none of whose
// group's names any product has and whose words no one product has, names a thing the
// shop does not sell: nothing comes back, whatever the words find apart. "rubber" is
// in the dog balls' titles and "bands" heads the watch bands'; "paper" heads the
// shredders' names and "photo" the photo frames'. A phrase whose words meet in one
// type's products ("fence" in a fence stain's title, "paint" in a shed stain's
// description) may name that type otherwise, and is left to the type vote. A word no
// product has that says which thing the phrase names ("waffle" of the coffee and label
// makers' "maker", "ironing" before the board games' "board") makes it no less a thing
// not sold; a participle before a head that heads titles says what the thing is like
// ("whistling kettle": the electric kettles are kettles). A group the shop has another
// name of ("teabags"), and a phrase whose words one product has ("Puppy Crate Pads"),
// still find their products.
func TestSearchUnsoldPhrase(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(1499)})
	}
	for i := range 4 {
		add(fmt.Sprint("band", i), fmt.Sprintf("Strapwell Sport Bands for Quell %d Watch", 40+i), "Soft silicone, quick release.")
		add(fmt.Sprint("ball", i), fmt.Sprintf("Pawpal Natural Rubber Dog Ball, Size %d", i+1), "Bouncy and tough.")
		add(fmt.Sprint("shredder", i), fmt.Sprintf("Papyra %d-Sheet Cross-Cut Paper Shredder", 6+2*i), "Shreds staples too.")
		add(fmt.Sprint("frame", i), fmt.Sprintf("Lumo Digital Photo Frame, %d Inch", 7+i), "Shows your pictures.")
		add(fmt.Sprint("teabag", i), fmt.Sprintf("Leafy Green Teabags, %d Count", 20*(i+1)), "Steep for three minutes.")
		add(fmt.Sprint("crate", i), fmt.Sprintf("Dogwell Puppy Crate Pads, Size %d", i+1), "Washable.")
		add(fmt.Sprint("game", i), fmt.Sprintf("Gamewell %s Board Game, %d Players", []string{"Castle", "Space", "Trivia", "Ocean"}[i], 2+i), "Roll and build.")
		add(fmt.Sprint("speaker", i), fmt.Sprintf("Ion %d Bluetooth Speaker", 100+i), "Loud and clear.")
		add(fmt.Sprint("fencestain", i), fmt.Sprintf("Deckhand Fence Stain, %d L", i+1), "Weatherproof colour for fences.")
		add(fmt.Sprint("shedstain", i), fmt.Sprintf("Deckhand Shed Stain, %d L", i+1), "Goes on like paint.")
		add(fmt.Sprint("brush", i), fmt.Sprintf("Fineline %d Inch Paint Brush", i+1), "Synthetic bristles.")
		add(fmt.Sprint("coffeemaker", i), fmt.Sprintf("Brewmate %d Cup Programmable Coffee Maker", 10+2*i), "Brews a full pot.")
		add(fmt.Sprint("labelmaker", i), fmt.Sprintf("Markit Handheld Label Maker LM-%d", 100+i), "Prints labels for folders.")
		add(fmt.Sprint("kettle", i), fmt.Sprintf("Brewmate 1.%dL Electric Kettle, Glass", 5+i), "Boils in minutes.")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		suggest    string // with no hits, the words products have ("|" between)
	}{
		{"a phrase whose words are in two unrelated things' titles", "rubber bands", "", "rubber|bands"},
		{"a phrase whose words head other things' names", "photo paper", "", "photo|paper"},
		{"a phrase whose group's other name a title has", "tea bags", "teabag", ""},
		{"a phrase whose words one product has", "puppy pads", "crate", ""},
		{"a word no product has that names the thing, before a head sold as other kinds", "waffle maker", "", "maker"},
		{"a word no product has that names the thing, before a head no title has as its own", "ironing board", "", "board"},
		{"a participle no product has, before a head that heads titles", "whistling kettle", "kettle", ""},
	} {
		t.Run(tt.name, func(t *testing.T) { checkNoneOrFirst(t, c, tt.text, tt.first, tt.suggest) })
	}
	res, err := c.Search(ctx, catalog.Query{Text: "rubber bands"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `The catalog sells no "rubber bands".`; !slices.Contains(res.Notes, want) {
		t.Errorf("notes %q, want %q among them", res.Notes, want)
	}
	// "fence" and "paint" meet in the stains: left to the type vote, which finds products.
	if res, err = c.Search(ctx, catalog.Query{Text: "fence paint"}); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Errorf(`"fence paint": no hits (notes %q), want what the type vote finds`, res.Notes)
	}
}
