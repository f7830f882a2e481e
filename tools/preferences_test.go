package tools

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestUpdatePreferences runs a sequence of updates through an MCP client; each step
// sees the state the steps before it left.
func TestUpdatePreferences(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	var start preferencesResult
	if res := call(t, c, "get_preferences", nil, &start); res.IsError {
		t.Fatal(text(res))
	}
	if len(start.FavoriteCategories)+len(start.FavoriteBrands)+len(start.DislikedBrands)+len(start.Sizes) != 0 ||
		start.PriceRange != nil || start.FavoriteBrands == nil || start.Learned.TopCategories == nil {
		t.Fatalf("a new customer has preferences, or null lists: %+v", start)
	}
	steps := []struct {
		name        string
		args        map[string]any
		wantChanged []string
		wantText    string // in the text fallback
		check       func(t *testing.T, r updatePreferencesResult)
	}{
		{name: "set several at once",
			args: map[string]any{"favorite_categories": []any{"shoes", "Home & Kitchen > Coffee"}, "favorite_brands": []any{"Stridewell"},
				"sizes": map[string]any{"Shoes": "10"}, "price_range": map[string]any{"min": 20, "max": 150}},
			wantChanged: []string{"favorite_categories", "favorite_brands", "sizes", "price_range"},
			wantText:    "Price range: $20.00 to $150.00",
			check: func(t *testing.T, r updatePreferencesResult) {
				if !reflect.DeepEqual(r.FavoriteCategories, []string{"shoes", "Home & Kitchen > Coffee"}) ||
					r.Sizes["shoes"] != "10" || r.PriceRange == nil || *r.PriceRange.Min != 20 || *r.PriceRange.Max != 150 || r.UpdatedAt == "" {
					t.Errorf("saved %+v", r.preferencesView)
				}
			}},
		{name: "add a brand", args: map[string]any{"add_favorite_brands": []any{"Kestrel Athletic"}},
			wantChanged: []string{"favorite_brands"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if !reflect.DeepEqual(r.FavoriteBrands, []string{"Stridewell", "Kestrel Athletic"}) {
					t.Errorf("favorite_brands %q", r.FavoriteBrands)
				}
			}},
		{name: "disliking a favourite moves it", args: map[string]any{"add_disliked_brands": []any{"stridewell"}},
			wantChanged: []string{"favorite_brands", "disliked_brands"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if !reflect.DeepEqual(r.FavoriteBrands, []string{"Kestrel Athletic"}) || !reflect.DeepEqual(r.DislikedBrands, []string{"stridewell"}) {
					t.Errorf("favourites %q, disliked %q", r.FavoriteBrands, r.DislikedBrands)
				}
				if len(r.UpdateNotes) != 1 || !strings.Contains(r.UpdateNotes[0], "Removed stridewell from favorite_brands") {
					t.Errorf("update notes %q", r.UpdateNotes)
				}
			}},
		{name: "remove ignores case and absent items", args: map[string]any{"remove_favorite_brands": []any{"KESTREL ATHLETIC", "Nobody"}, "remove_favorite_categories": []any{"Home & Kitchen>coffee"}},
			wantChanged: []string{"favorite_categories", "favorite_brands"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if len(r.FavoriteBrands) != 0 || !reflect.DeepEqual(r.FavoriteCategories, []string{"shoes"}) {
					t.Errorf("favourites %q, categories %q", r.FavoriteBrands, r.FavoriteCategories)
				}
			}},
		{name: "sizes merge; empty removes", args: map[string]any{"sizes": map[string]any{"shirts": "M", "shoes": ""}},
			wantChanged: []string{"sizes"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if !reflect.DeepEqual(r.Sizes, map[string]string{"shirts": "M"}) {
					t.Errorf("sizes %v", r.Sizes)
				}
			}},
		{name: "an empty price range removes it", args: map[string]any{"price_range": map[string]any{}, "notes": "Buys gifts for a runner."},
			wantChanged: []string{"price_range", "notes"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if r.PriceRange != nil || r.Notes != "Buys gifts for a runner." {
					t.Errorf("price range %v, notes %q", r.PriceRange, r.Notes)
				}
			}},
		{name: "the same again changes nothing", args: map[string]any{"notes": "Buys gifts for a runner."},
			wantChanged: []string{}},
		{name: "an empty list clears", args: map[string]any{"disliked_brands": []any{}},
			wantChanged: []string{"disliked_brands"}},
		{name: "a brand no product has is saved, with a note", args: map[string]any{"add_favorite_brands": []any{"Stridwell", "stridewell"}},
			wantChanged: []string{"favorite_brands"},
			check: func(t *testing.T, r updatePreferencesResult) {
				if len(r.UpdateNotes) != 1 || !strings.Contains(r.UpdateNotes[0], `"Stridwell"`) || strings.Contains(r.UpdateNotes[0], "stridewell") {
					t.Errorf("update notes %q, want one about the unknown brand only", r.UpdateNotes)
				}
			}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var r updatePreferencesResult
			res := call(t, c, "update_preferences", st.args, &r)
			if res.IsError {
				t.Fatal(text(res))
			}
			if !reflect.DeepEqual(r.Changed, st.wantChanged) {
				t.Errorf("changed %q, want %q", r.Changed, st.wantChanged)
			}
			if st.check != nil {
				st.check(t, r)
			}
			var got preferencesResult
			call(t, c, "get_preferences", nil, &got)
			if !reflect.DeepEqual(got, r.preferencesResult) {
				t.Errorf("get_preferences = %+v\nupdate returned %+v", got, r.preferencesResult)
			}
			if !strings.Contains(text(res), "Favourite categories:") || !strings.Contains(text(res), st.wantText) {
				t.Errorf("text fallback: %s", text(res))
			}
		})
	}
}

// TestFavouriteCategoryWithoutCategories: in a catalog whose products have no
// category (an Etsy listings export has no category column) a favourite category is
// refused saying so and what to do instead, not with an empty list of top-level
// categories; notes are then saved.
func TestFavouriteCategoryWithoutCategories(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	seller := catalog.Seller{ID: "maker", Name: "Maker"}
	p := catalog.Product{ID: "MUG-1", SellerID: "maker", Title: "Speckled Stoneware Mug", Price: money.Money{Amount: 3800, Currency: "USD"}, Availability: catalog.InStock}
	if _, err := cat.Upsert(ctx, []catalog.Seller{seller}, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	s.tb.Catalog = cat
	c := s.client(t, nil, "")
	for _, field := range []string{"favorite_categories", "add_favorite_categories"} {
		res := call(t, c, "update_preferences", map[string]any{field: []any{"jewelry"}}, nil)
		want := field + `: this catalog has no categories, so none matches "jewelry"; save the taste in notes instead`
		if !res.IsError || !strings.Contains(text(res), want) || strings.Contains(text(res), "top-level") {
			t.Errorf("%s: isError=%v %q, want %q", field, res.IsError, text(res), want)
		}
	}
	if res := call(t, c, "update_preferences", map[string]any{"notes": "likes sterling silver"}, nil); res.IsError {
		t.Errorf("notes: %s", text(res))
	}
}

func TestUpdatePreferencesErrors(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	if res := call(t, c, "update_preferences", map[string]any{"favorite_brands": []any{"Stridewell"}}, nil); res.IsError {
		t.Fatal(text(res))
	}
	var before preferencesResult
	call(t, c, "get_preferences", nil, &before)
	tests := []struct {
		name string
		args map[string]any
		want string
	}{
		{"nothing to change", map[string]any{}, "pass at least one preference"},
		{"unknown category", map[string]any{"favorite_categories": []any{"Shoos"}}, `favorite_categories: no category matches "Shoos"; top-level categories are Apparel`},
		{"unknown category added", map[string]any{"add_favorite_categories": []any{"Spaceships"}}, "add_favorite_categories: no category matches"},
		{"empty item", map[string]any{"favorite_brands": []any{"Larkspur", " "}}, "favorite_brands: item 2 is empty"},
		{"liked and disliked", map[string]any{"disliked_brands": []any{"stridewell"}}, `disliked_brands: "stridewell" is also in favorite_brands`},
		{"added to both", map[string]any{"add_favorite_brands": []any{"Ondine"}, "add_disliked_brands": []any{"ondine"}}, "add_disliked_brands"},
		{"added and removed", map[string]any{"add_favorite_brands": []any{"Ondine"}, "remove_favorite_brands": []any{" ONDINE"}}, `remove_favorite_brands: "ONDINE" is also in add_favorite_brands`},
		{"category added and removed", map[string]any{"add_favorite_categories": []any{"Home & Kitchen > Coffee"}, "remove_favorite_categories": []any{"home & kitchen>coffee"}}, "remove_favorite_categories"},
		{"set and removed", map[string]any{"disliked_brands": []any{"Ondine"}, "remove_disliked_brands": []any{"Ondine"}}, `remove_disliked_brands: "Ondine" is also in disliked_brands`},
		{"liked while set as disliked", map[string]any{"disliked_brands": []any{"Ondine"}, "add_favorite_brands": []any{"ondine"}}, `add_favorite_brands: "ondine" is also in disliked_brands`},
		{"disliked while set as liked", map[string]any{"favorite_brands": []any{"Ondine"}, "add_disliked_brands": []any{"ondine"}}, `add_disliked_brands: "ondine" is also in favorite_brands`},
		{"price range upside down", map[string]any{"price_range": map[string]any{"min": 100, "max": 10}}, "price_range: min 100 is above max 10"},
		{"negative price", map[string]any{"price_range": map[string]any{"min": -5}}, "price_range: min must be"},
		{"price of the wrong type", map[string]any{"price_range": map[string]any{"max": "cheap"}}, "price_range.max must be a number"},
		{"list of the wrong type", map[string]any{"favorite_brands": "Stridewell"}, "favorite_brands must be a list"},
		{"object of the wrong type", map[string]any{"sizes": []any{"10"}}, "sizes must be an object"},
		{"notes too long", map[string]any{"notes": strings.Repeat("x", 2001)}, "notes are longer than 2000"},
		{"unknown argument", map[string]any{"customer_id": "cus_other"}, "unknown argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, c, "update_preferences", tc.args, nil)
			if !res.IsError || !strings.Contains(text(res), tc.want) {
				t.Fatalf("want an error containing %q, got isError=%v %q", tc.want, res.IsError, text(res))
			}
		})
	}
	var after preferencesResult
	call(t, c, "get_preferences", nil, &after)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("a refused update changed the preferences:\n%+v\n%+v", before, after)
	}
	if strings.Contains(s.logs.String(), "tool failed") {
		t.Errorf("a bad argument was logged as an internal error:\n%s", s.logs.String())
	}
}

// TestCustomerToolsWithoutCustomer checks that the customer's tools refuse to work,
// with a clear message, on a server that has no customer.
func TestCustomerToolsWithoutCustomer(t *testing.T) {
	c, logs := newTestClient(t)
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"recommend", nil},
		{"get_preferences", nil},
		{"update_preferences", map[string]any{"notes": "x"}},
		{"get_order", map[string]any{"order_id": "ord_x"}},
		{"list_orders", nil},
		{"purchase", map[string]any{"product_id": "x"}},
	} {
		res := call(t, c, tc.tool, tc.args, nil)
		// The words hold in hosted mode too: no flag a hosted customer cannot use.
		if !res.IsError || !strings.Contains(text(res), "no customer configured") || strings.Contains(text(res), "--customer") {
			t.Errorf("%s: isError=%v %q", tc.tool, res.IsError, text(res))
		}
	}
	if !strings.Contains(logs.String(), "--customer") || !strings.Contains(logs.String(), "WithCustomer") {
		t.Errorf("the log does not tell the operator what to do:\n%s", logs.String())
	}
}

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
