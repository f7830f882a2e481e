package tools

import (
	"slices"
	"strings"
	"testing"
)

// A brand a person states is kept as the catalog spells it when it names one of the
// catalog's brands by the rule search_products' brand argument meets them by, so
// recommend meets it; one the catalog has no brand for is kept as given, with a note.
func TestPreferredBrandsAsTheCatalogSpellsThem(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	for _, tt := range []struct {
		name  string
		args  map[string]any
		liked []string
		note  string // a part of an update note; "" for none
	}{
		{"spelled otherwise", map[string]any{"favorite_brands": []any{"kettle and crane", "TAMARACK TRAIL CO"}},
			[]string{"Kettle & Crane", "Tamarack Trail Co."}, ""},
		{"removed as spelled otherwise", map[string]any{"remove_favorite_brands": []any{"kettle & crane"}}, []string{"Tamarack Trail Co."}, ""},
		{"added with the catalog's spelling", map[string]any{"add_favorite_brands": []any{"Stridewell"}}, []string{"Tamarack Trail Co.", "Stridewell"}, ""},
		{"no such brand", map[string]any{"add_favorite_brands": []any{"Kettel Crane"}}, []string{"Tamarack Trail Co.", "Stridewell", "Kettel Crane"},
			`No product in the catalog is by "Kettel Crane" yet`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out updatePreferencesResult
			res := call(t, c, "update_preferences", tt.args, &out)
			if res.IsError {
				t.Fatal(text(res))
			}
			if !slices.Equal(out.FavoriteBrands, tt.liked) {
				t.Errorf("favorite_brands %q, want %q", out.FavoriteBrands, tt.liked)
			}
			if notes := strings.Join(out.UpdateNotes, " "); tt.note == "" && strings.Contains(notes, "No product") || !strings.Contains(notes, tt.note) {
				t.Errorf("update_notes %q, want %q", out.UpdateNotes, tt.note)
			}
		})
	}
}
