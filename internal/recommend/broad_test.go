package recommend_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// openBroadFixture is a catalog where "classic" is in more products than are ranked
// by relevance: the recommendation fixture, some of it classic, and many classic
// fillers of a brand nobody likes, in a category nobody shops in.
func openBroadFixture(t *testing.T) *catalog.Catalog {
	t.Helper()
	const run, tea = "Apparel > Shoes > Running", "Home > Tea"
	ps := append(recFixture(),
		recProduct("run-classic-a", "Alpha", run, 9500, 4.6, 150),
		recProduct("run-classic-b", "Beta", run, 9500, 4.9, 900),
		recProduct("run-classic-oos", "Alpha", run, 9500, 5, 1000),
		recProduct("run-classic-pricey", "Alpha", run, 30000, 4.9, 900),
		recProduct("run-classic-owned", "Alpha", run, 9500, 4.9, 900),
		recProduct("tea-obsidian", "Hotel", tea, 900, 3.9, 10),
	)
	for i := range ps {
		if ps[i].ID == "run-classic-oos" {
			ps[i].Stock = qty(0)
		}
	}
	for i := range recommend.MaxRankedMatches + 100 {
		p := recProduct(fmt.Sprintf("filler-classic-%d", i), "Zulu", "Misc > Fillers", 5000, 3.5, int64(i%20))
		ps = append(ps, p)
	}
	c := openCatalog(t)
	if _, err := c.Upsert(context.Background(), []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRecommendBroadContext checks a context word too common to rank by relevance:
// every product still matches it, the customer's own tastes lead, the hard rules hold
// and the reasons say what matched.
func TestRecommendBroadContext(t *testing.T) {
	c := openBroadFixture(t)
	ctx := context.Background()
	runner := recommend.Input{FavoriteCategories: []string{"running"}, DislikedBrands: []string{"Beta"},
		MaxPrice: amount(200), Exclude: []string{"run-classic-owned"}}
	tests := []struct {
		name    string
		context string
		first   string            // the first recommendation
		words   map[string]string // id → the words its "Matches" reason names; others name "classic"
		note    string            // a note contains it
	}{
		{name: "every word", context: "classic", first: "run-classic-a"},
		{name: "a word nothing has", context: "classic zeppelin", first: "run-classic-a",
			note: "match some of them"},
		{name: "a rare word is ranked", context: "classic obsidian", first: "run-classic-a",
			words: map[string]string{"tea-obsidian": "obsidian"}, note: "match some of them"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := runner
			in.Context, in.Now, in.Limit = tc.context, recNow, 10
			res, err := recommend.Rank(ctx, c, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) == 0 || res.Items[0].ID != tc.first {
				t.Fatalf("recommended %v, want %s first", recIDs(res), tc.first)
			}
			for id := range tc.words {
				if !slices.Contains(recIDs(res), id) {
					t.Errorf("recommended %v, want %s among them", recIDs(res), id)
				}
			}
			for _, it := range res.Items {
				words := "classic"
				if w := tc.words[it.ID]; w != "" {
					words = w
				}
				if !strings.Contains(strings.ToLower(it.Title), words) {
					t.Errorf("%s (%q) does not match %q", it.ID, it.Title, words)
				}
				if !hasReason(it, fmt.Sprintf("Matches %q", words)) {
					t.Errorf("reasons for %s = %q, want Matches %q", it.ID, it.Reasons, words)
				}
				if slices.Contains([]string{"run-classic-b", "run-classic-oos", "run-classic-pricey", "run-classic-owned"}, it.ID) {
					t.Errorf("%s breaks a hard rule: %v", it.ID, recIDs(res))
				}
			}
			if note := strings.Join(res.Notes, " "); !strings.Contains(note, tc.note) {
				t.Errorf("notes = %q, want one containing %q", res.Notes, tc.note)
			}
		})
	}
}
