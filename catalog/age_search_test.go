package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchKidsWords: in a catalog that marks age (the attribute age_group), "kids",
// "girls", "boys", "baby" and their like are not words a product must have: they leave
// out the products marked for adults alone (age_group adult, or a title saying men,
// women… and no kids' word), keep the unmarked and those marked for children, and put
// the children's first; "girls" and "boys" leave out the other gender's too. An adult
// query keeps the children's products of its gender. A kids' word after "my" or "the",
// alone, or beside a word a title has with it ("baby monitor") stays a word, as it
// does in a catalog that marks no age.
func TestSearchKidsWords(t *testing.T) {
	age := func(a string) map[string]string { return map[string]string{"age_group": a} }
	products := []catalog.Product{
		{ID: "k-attr", Title: "Canvas Trainers", Brand: "Runa", Price: usd(2900), Attributes: age("Kids")},
		{ID: "k-title", Title: "Kids' Light Up Trainers", Brand: "Runa", Price: usd(3500)},
		{ID: "g-title", Title: "Girls' Glitter Trainers", Brand: "Runa", Price: usd(3900)},
		{ID: "b-title", Title: "Boys' Football Trainers", Brand: "Runa", Price: usd(3700)},
		{ID: "adult-attr", Title: "Leather Trainers", Brand: "Runa", Price: usd(8900), Attributes: age("Adult")},
		{ID: "m-title", Title: "Men's Trainers", Brand: "Runa", Price: usd(7900)},
		{ID: "plain", Title: "Running Trainers", Brand: "Runa", Price: usd(5500)},
		{ID: "child-brand", Title: "Nobody's Child Wrap Dress", Brand: "Nobody's Child", Price: usd(6500), Attributes: age("adult")},
		{ID: "party-dress", Title: "Party Dress", Brand: "Cobb", Price: usd(3000)},
		{ID: "baby-monitor", Title: "Baby Monitor with Camera", Brand: "Watcha", Price: usd(9900)},
		{ID: "screen", Title: "Computer Monitor 24 inch", Brand: "Watcha", Price: usd(12900)},
	}
	c := stockedCatalog(t, products)
	// The same products with no age_group: a catalog that does not mark age.
	var plain []catalog.Product
	for _, p := range products {
		p.Attributes = nil
		plain = append(plain, p)
	}
	unmarked := stockedCatalog(t, plain)
	kids := []string{"k-attr", "k-title", "g-title", "b-title"}
	tests := []struct {
		name  string
		c     *catalog.Catalog
		text  string
		first []string // the first hits, in any order
		then  []string // the hits after them, in any order
		read  string   // the age the filter was read as; "" when not read
	}{
		{"kids: children's first, then the unmarked; adults' left out", c, "kids trainers", kids, []string{"plain"}, "kids"},
		{"children's", c, "childrens trainers", kids, []string{"plain"}, "kids"},
		{"girls: hers first, no boys'", c, "girls trainers", []string{"g-title"}, []string{"k-attr", "k-title", "plain"}, "girls"},
		{"boys: his first, no girls'", c, "boys trainers", []string{"b-title"}, []string{"k-attr", "k-title", "plain"}, "boys"},
		{"the attribute decides over a brand's word", c, "kids dress", []string{"party-dress"}, nil, "kids"},
		{"an adult query keeps its gender's children's products", c, "womens trainers", nil,
			[]string{"k-attr", "k-title", "g-title", "adult-attr", "plain"}, ""},
		{"a product's name", c, "baby monitor", []string{"baby-monitor"}, []string{"screen"}, ""},
		{"after my: the person", c, "trainers for my kids", nil, nil, ""},
		{"alone", c, "kids", []string{"k-title"}, nil, ""},
		// The word is searched: its one product, then the other trainers (a short page).
		{"a catalog that marks no age", unmarked, "kids trainers", []string{"k-title"},
			[]string{"k-attr", "g-title", "b-title", "adult-attr", "m-title", "plain"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.c.Search(context.Background(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.first != nil || tt.then != nil {
				n := len(tt.first)
				if len(got) != n+len(tt.then) || !sameSet(got[:n], tt.first) || !sameSet(got[n:], tt.then) {
					t.Errorf("hits %q, want %q first, then %q (notes %q)", got, tt.first, tt.then, res.Notes)
				}
			}
			i := slices.IndexFunc(res.Applied, func(f catalog.AppliedFilter) bool { return f.Filter == catalog.FilterAge })
			read := ""
			if i >= 0 {
				read = res.Applied[i].Text
			}
			if read != tt.read {
				t.Errorf("age read as %q, want %q (%+v)", read, tt.read, res.Applied)
			}
		})
	}
}
