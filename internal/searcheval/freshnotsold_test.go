package searcheval

import (
	"context"
	"slices"
	"testing"
)

// TestFreshTypedWordNotSold holds, on the fresh catalog, what a two-word query finds
// when spelling turns one of its words into another word of the catalog's and no
// product has the pair that makes (catalog.unsoldAsTyped): the query is read as typed,
// and a thing the catalog does not sell finds nothing ("coffee warmer" is no coffee
// maker's "water" tank, "ink picker" no blender "pitcher"); a correction that some
// product has with the other word is kept ("blender picker": a blender's pitcher).
func TestFreshTypedWordNotSold(t *testing.T) {
	e := loadFreshEnv(t)
	for _, tc := range []struct{ name, text, want string }{
		{"a word after a type's name, corrected into a word of other products", "coffee warmer", ""},
		{"a word after a type's name, corrected into the name of another type's part", "ink picker", ""},
		{"a correction some product has with the other word", "blender picker", "blender"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _, err := e.searchResult(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, e.byID[h.ID].Truth.Type)
			}
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("%q found %q (words %q, notes %q); want nothing", tc.text, got, res.Words, res.Notes)
				}
				return
			}
			if len(got) < 3 || slices.ContainsFunc(got[:3], func(ty string) bool { return ty != tc.want }) {
				t.Errorf("%q found %q; want %s first, three at least", tc.text, got, tc.want)
			}
		})
	}
}
