package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// mapLexicon is a Lexicon of a few nouns written for the test: each noun's senses, most
// frequent first.
type mapLexicon map[string][][]string

func (m mapLexicon) Senses(term string) [][]string { return m[term] }

// TestSearchLexicon holds what a lexicon adds to the vocabulary: a word no group names
// and no product has finds the catalog's type that the word's first sense names
// ("perambulator": strollers); not by a sense the type's noun rarely has ("ride": the
// eighth sense of "drive"), not by a word of a phrase ("cable car": cars), not for a
// word some product has (its own products answer), never in place of a group of the
// vocabulary ("hoover"), and nothing without the lexicon.
func TestSearchLexicon(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, description string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: description, Price: usd(2999)})
	}
	for i := range 3 {
		add(fmt.Sprint("stroller", i), fmt.Sprintf("Rollby RB-%d Lightweight Stroller, One-Hand Fold", 10+i), "For babies from birth.")
		add(fmt.Sprint("drive", i), fmt.Sprintf("Stratadisk %dGB USB Flash Drive", 64<<i), "Fast transfers.")
		add(fmt.Sprint("car", i), fmt.Sprintf("Zoomrunner ZR-%d High Speed RC Car, 4WD", 10+i), "Off-road fun.")
		add(fmt.Sprint("vacuum", i), fmt.Sprintf("Dustline DL-%d Cordless Vacuum Cleaner", 10+i), "Light and strong.")
	}
	add("blanket", "Cosyknit Chunky Throw Blanket", "Soft on the couch.")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	buggy := []string{"baby carriage", "perambulator", "stroller"}
	drove := []string{"drive", "ride"}
	lex := mapLexicon{
		"perambulator": {buggy},
		"stroller":     {{"stroller", "saunterer"}, buggy},
		"ride":         {drove},
		"drive":        {{"driveway", "drive"}, {"drive"}, drove},
		"cable car":    {{"cable car", "car"}},
		"car":          {{"car", "auto"}},
		"throw":        {{"stroller", "throw"}},  // sold by its own name: no sense of it is read
		"hoover":       {{"hoover", "stroller"}}, // a nonsense sense: the vocabulary's group comes first
	}
	search := func(text string) []string {
		t.Helper()
		res, err := c.Search(ctx, catalog.Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return hitIDs(res)
	}
	if got := search("perambulator"); len(got) > 0 {
		t.Fatalf("without a lexicon, perambulator finds %q, want nothing", got)
	}
	cableCar := search("cable car ride")
	c.SetLexicon(lex)
	if got := search("cable car ride"); !slices.Equal(got, cableCar) {
		t.Errorf("with the lexicon, cable car ride finds %q, want what it finds without: %q (a word of a phrase is no synonym of it)", got, cableCar)
	}
	for _, tc := range []struct {
		name, text string
		want       string // the ID prefix of every hit; "" for none
	}{
		{"a word of the first sense naming a type", "perambulator", "stroller"},
		{"the same beside a word products have", "lightweight perambulator", "stroller"},
		{"not by a sense the type's noun rarely has", "ride", ""},
		{"a word some product has is its own", "throw", "blanket"},
		{"a group of the vocabulary first", "hoover", "vacuum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := search(tc.text)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("%q finds %q, want nothing", tc.text, got)
				}
				return
			}
			if len(got) == 0 || slices.ContainsFunc(got, func(id string) bool { return !strings.HasPrefix(id, tc.want) }) {
				t.Errorf("%q finds %q, want only %s products", tc.text, got, tc.want)
			}
		})
	}
}
