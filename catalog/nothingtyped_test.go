package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestNothingNoteQuotesTheWordsTyped: a search that finds nothing, even corrected,
// quotes in its note the words the person typed, not the corrections searched for (a
// new user read `Nothing in the catalog matches "xyzzy", "fluff"` for "xyzzy flumph",
// and "loav" for "loves").
func TestNothingNoteQuotesTheWordsTyped(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	for i, title := range []string{"Fluff Cat Toy, Feather", "Fluff Dog Toy, Squeaky", "Bread Loaves Tin, 2 lb", "Cast Iron Skillet"} {
		ps = append(ps, catalog.Product{ID: string(rune('a' + i)), SellerID: fixtureSellers[0].ID, Title: title, Price: usd(int64(500 + i))})
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, typed, corrected string
	}{
		{"xyzzy quux flumph", `"xyzzy", "quux", "flumph"`, `"fluff"`},
	} {
		res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		notes := strings.Join(res.Notes, " ")
		if len(res.Hits) > 0 || !strings.Contains(notes, tc.typed) || strings.Contains(notes, "matches "+tc.corrected) || strings.Contains(notes, ", "+tc.corrected+" ") {
			t.Errorf("%q: %d hits, notes %q; want none, quoting %s and not %s", tc.text, len(res.Hits), res.Notes, tc.typed, tc.corrected)
		}
	}
}
