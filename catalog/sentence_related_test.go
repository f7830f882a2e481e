package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSentenceRelatedFirst holds what a sentence finds that tells of a problem with
// the shopper's own thing, where its reading found that thing and nothing is made
// for the thing's type: the products made for the thing that the plain ranking of
// its words reaches (a seasoning spray "for Cast Iron" beside the skillets), then
// the thing; another of it when the sentence says it wants one ("old"), and the
// thing alone when nothing its words reach is made for it.
func TestSentenceRelatedFirst(t *testing.T) {
	c := relatedShop(t)
	for _, tc := range []firstCase{
		{"a problem with the shopper's own thing", "my cast iron pan is going rusty", "spray"},
		{"it wants another", "my old cast iron pan is going rusty", "skillet"},
		{"nothing its words reach is made for it", "my stock pot is going rusty", "pot"},
	} {
		t.Run(tc.name, func(t *testing.T) { searchWantFirst(t, c, tc.text, tc.prefix) })
	}
	t.Run("every page reads it alike", func(t *testing.T) {
		got := pageIDs(t, c, catalog.Query{Text: "my cast iron pan is going rusty", Limit: 3})
		seen := map[string]bool{}
		for i, id := range got {
			if seen[id] || i < 2 && !strings.HasPrefix(id, "spray") || i >= 2 && !strings.HasPrefix(id, "skillet") {
				t.Fatalf("pages found %q, want the 2 sprays, then the 6 skillets, each once", got)
			}
			seen[id] = true
		}
		if len(got) != 8 {
			t.Fatalf("pages found %q, want the 2 sprays then the 6 skillets", got)
		}
	})
}

// relatedShop is a catalog of cast iron skillets and a seasoning spray "for Cast Iron",
// frying pans and stock pots, beside roomProducts: the shop of TestSentenceRelatedFirst.
func relatedShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	ps := roomProducts()
	ps = numbered(ps, 3000, 6, "skillet", "Ironhold Cast Iron Skillet %d", "Ironhold", "Pre-seasoned; dry it well or it goes rusty.")
	ps = numbered(ps, 900, 2, "spray", "Ironhold Seasoning Spray for Cast Iron %d", "Ironhold", "A thin coat after each wash.")
	ps = numbered(ps, 4000, 4, "pan", "Steelform Stainless Frying Pan %d", "Steelform", "Tri-ply steel for even heat.")
	ps = numbered(ps, 1500, 4, "pot", "Ironhold Enamel Stock Pot %d", "Ironhold", "For soups and stews.")
	c := openCatalog(t)
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// BenchmarkSentenceRelated times sentences about a problem with the shopper's own
// thing on relatedShop, each paired with a one-word search ("skillet") in the same
// loop (benchOverFloor): one whose page opens with what is made for the thing
// (relatedFirst), one with nothing made for it, and one that wants another of it.
func BenchmarkSentenceRelated(b *testing.B) {
	benchOverFloor(b, relatedShop(b), []string{
		"my cast iron pan is going rusty",
		"my stock pot is going rusty",
		"my old cast iron pan is going rusty",
	}, "skillet")
}

// pageIDs returns the ids of every page of q's search on c, in order, following its
// cursors.
func pageIDs(t *testing.T, c *catalog.Catalog, q catalog.Query) []string {
	t.Helper()
	var got []string
	for {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, hitIDs(res)...)
		if q.Cursor = res.NextCursor; q.Cursor == "" {
			return got
		}
	}
}
