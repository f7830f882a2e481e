package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchGenderWords: "womens", "men's", "ladies" and their like are not words a
// product must have (few titles say them): they leave out the products marked for
// the other gender alone, by title, category or the attribute gender, and keep the
// unmarked, the unisex and those marked for both. When that leaves nothing, the rest
// of the words are searched without it, with a note. "male" and "female" are not
// read ("usb male to female").
func TestSearchGenderWords(t *testing.T) {
	gender := func(g string) map[string]string { return map[string]string{"gender": g} }
	products := []catalog.Product{
		{ID: "w-title", Title: "Women's Canvas Trainers", Brand: "Runa", Price: usd(4900)},
		{ID: "m-title", Title: "Men's Leather Trainers", Brand: "Runa", Price: usd(6900)},
		{ID: "unisex", Title: "Retro Court Trainers", Brand: "Runa", Price: usd(5900), Attributes: gender("Unisex")},
		{ID: "plain", Title: "Running Trainers", Brand: "Runa", Price: usd(5500)},
		{ID: "f-attr", Title: "Suede Trainers", Brand: "Runa", Price: usd(6500), Attributes: gender("Female")},
		{ID: "m-attr", Title: "High Top Trainers", Brand: "Runa", Price: usd(7500), Attributes: gender("male")},
		{ID: "both", Title: "Men's and Women's Slip On Trainers", Brand: "Runa", Price: usd(4500)},
		{ID: "m-cat", Title: "Leather Oxford Shoes", Brand: "Cobb", Category: "Apparel > Men > Shoes", Price: usd(9900)},
		{ID: "w-sandal", Title: "Ladies Slide Sandals", Brand: "Cobb", Price: usd(2900)},
		{ID: "cable", Title: "USB Extension Cable Male to Female", Brand: "Wired", Price: usd(900)},
	}
	c := stockedCatalog(t, products)
	womens := []string{"w-title", "unisex", "plain", "f-attr", "both"}
	mens := []string{"m-title", "unisex", "plain", "m-attr", "both"}
	tests := []struct {
		name, text string
		want       []string
		read       string // the gender the filter was read as; "" when not echoed
		note       string // a note the result has
	}{
		{"womens", "womens trainers", womens, "women", ""},
		{"women's with an apostrophe", "women's trainers", womens, "women", ""},
		{"women’s with a curly apostrophe", "women’s trainers", womens, "women", ""},
		{"ladies", "ladies trainers", womens, "women", ""},
		{"mens after the type", "trainers mens", mens, "men", ""},
		{"men's", "men's trainers", mens, "men", ""},
		{"no gender word finds all", "trainers", []string{"w-title", "m-title", "unisex", "plain", "f-attr", "m-attr", "both"}, "", ""},
		{"marked by category", "mens oxford shoes", []string{"m-cat"}, "men", ""},
		{"nothing fits: the others, said", "womens oxford shoes", []string{"m-cat"}, "", "No product for that gender matches; these are marked for another."},
		{"nothing fits by title", "mens sandals", []string{"w-sandal"}, "", "No product for that gender matches; these are marked for another."},
		{"male and female are not read", "usb cable male to female", []string{"cable"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("hits %q, want %q (notes %q)", got, tt.want, res.Notes)
			}
			i := slices.IndexFunc(res.Applied, func(f catalog.AppliedFilter) bool { return f.Filter == catalog.FilterGender })
			read := ""
			if i >= 0 {
				read = res.Applied[i].Text
			}
			if read != tt.read {
				t.Errorf("gender read as %q, want %q (%+v)", read, tt.read, res.Applied)
			}
			if tt.note != "" && !slices.Contains(res.Notes, tt.note) {
				t.Errorf("notes %q lack %q", res.Notes, tt.note)
			}
		})
	}
}

// TestSearchGenderRanksMarkedFirst: among the products the gender filter keeps, those
// marked for the gender asked (by title, category or the attribute gender) come before
// the unisex ones and those before the unmarked, of equal match, whatever their BM25
// order; a product whose title has more of the query's words still comes first.
func TestSearchGenderRanksMarkedFirst(t *testing.T) {
	gender := func(g string) map[string]string { return map[string]string{"gender": g} }
	// The unmarked ones say "trainers" in their descriptions too, so BM25 alone puts them first.
	much := "Trainers for every day: trainers that last, light trainers."
	long := "A shoe made to last, with a padded collar, a cushioned sole and laces in two colours, cut from a hide tanned without chrome and sewn by hand."
	products := []catalog.Product{
		{ID: "plain", Title: "Canvas Trainers", Brand: "Runa", Description: much, Price: usd(5500)},
		{ID: "plain2", Title: "Court Trainers", Brand: "Runa", Description: much, Price: usd(5600)},
		{ID: "unisex", Title: "Retro Trainers", Brand: "Runa", Description: "Trainers.", Price: usd(5900), Attributes: gender("Unisex")},
		{ID: "m-title", Title: "Men's Trainers", Brand: "Runa", Description: long, Price: usd(6900)},
		{ID: "m-attr", Title: "High Top Trainers", Brand: "Runa", Description: long, Price: usd(7500), Attributes: gender("Male")},
		{ID: "m-cat", Title: "Suede Trainers", Brand: "Cobb", Description: long, Category: "Shoes > Mens > Trainers", Price: usd(8900)},
		{ID: "w-title", Title: "Women's Trainers", Brand: "Runa", Description: long, Price: usd(4900)},
		{ID: "plain-leather", Title: "Leather Trainers", Brand: "Runa", Description: much, Price: usd(9900)},
	}
	c := stockedCatalog(t, products)
	ctx := context.Background()
	search := func(text string) []string {
		t.Helper()
		res, err := c.Search(ctx, catalog.Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return hitIDs(res)
	}
	t.Run("marked by title, attribute or category first, then unisex, then unmarked", func(t *testing.T) {
		got := search("mens trainers")
		if len(got) != 7 || !sameSet(got[:3], []string{"m-title", "m-attr", "m-cat"}) || got[3] != "unisex" || !sameSet(got[4:], []string{"plain", "plain2", "plain-leather"}) {
			t.Errorf("hits %q, want the three marked for men, then unisex, then the three unmarked", got)
		}
	})
	t.Run("a title with more of the words stays first", func(t *testing.T) {
		if got := search("mens leather trainers"); len(got) == 0 || got[0] != "plain-leather" {
			t.Errorf("hits %q, want plain-leather first (its title has leather)", got)
		}
	})
	t.Run("women's is not men's", func(t *testing.T) {
		if got := search("womens trainers"); len(got) == 0 || got[0] != "w-title" {
			t.Errorf("hits %q, want w-title first", got)
		}
	})
	t.Run("without a gender word the unmarked come first, by BM25", func(t *testing.T) {
		got := search("trainers")
		last := slices.Index(got, "plain-leather")
		for _, id := range []string{"m-title", "m-attr", "m-cat"} {
			if i := slices.Index(got, id); i < last {
				t.Errorf("hits %q: %s before the unmarked plain-leather, whose description says trainers", got, id)
			}
		}
	})
}
