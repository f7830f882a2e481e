package store_test

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func TestPreferencesRoundTrip(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "prefs@example.com")

	got, err := s.Preferences(ctx, c.ID)
	if err != nil {
		t.Fatalf("Preferences before any save: %v", err)
	}
	if !reflect.DeepEqual(got, store.Preferences{}) || !got.Empty() {
		t.Fatalf("Preferences before any save = %+v, want the zero value", got)
	}

	in := store.Preferences{
		FavoriteCategories: []string{"apparel>shoes > running", " Electronics "},
		FavoriteBrands:     []string{"Stridewell", " stridewell", "Nimbus\u202e"},
		DislikedBrands:     []string{"Clunkco"},
		Sizes:              map[string]string{"Shoes": " 10 ", "shirts": "M"},
		PriceMin:           ptr(20.0),
		PriceMax:           ptr(150.5),
		Notes:              "  Vegan leather only.\r\nNo \x1b[31mred\x1b[0m.\u200b  ",
	}
	if err := s.SavePreferences(ctx, c.ID, in); err != nil {
		t.Fatal(err)
	}
	want := store.Preferences{
		FavoriteCategories: []string{"apparel > shoes > running", "Electronics"},
		FavoriteBrands:     []string{"Stridewell", "Nimbus"},
		DislikedBrands:     []string{"Clunkco"},
		Sizes:              map[string]string{"shoes": "10", "shirts": "M"},
		PriceMin:           ptr(20.0),
		PriceMax:           ptr(150.5),
		Notes:              "Vegan leather only.\nNo [31mred[0m.",
		UpdatedAt:          clock.Now(),
	}
	got, err = s.Preferences(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Preferences =\n%+v\nwant\n%+v", got, want)
	}

	// Saving the zero value clears everything but the time.
	if err := s.SavePreferences(ctx, c.ID, store.Preferences{}); err != nil {
		t.Fatal(err)
	}
	got, err = s.Preferences(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Empty() || got.UpdatedAt.IsZero() {
		t.Fatalf("after clearing: %+v", got)
	}
}

func TestPreferencesUnknownCustomer(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	_, err := s.Preferences(ctx, "cus_ghost")
	wantErr(t, err, store.ErrNotFound)
	wantErr(t, s.SavePreferences(ctx, "cus_ghost", store.Preferences{Notes: "x"}), store.ErrNotFound)
}

func TestPreferencesValidation(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "v@example.com")
	long := strings.Repeat("é", store.MaxPreferenceItemLen+1)
	tests := []struct {
		name    string
		in      store.Preferences
		errText string // empty: valid
	}{
		{name: "limits exactly", in: store.Preferences{FavoriteBrands: itemsOf(store.MaxPreferenceItems), Notes: strings.Repeat("n", store.MaxNotesLen), Sizes: sizesOf(store.MaxSizes)}},
		{name: "duplicates do not count toward the cap", in: store.Preferences{FavoriteBrands: append(itemsOf(store.MaxPreferenceItems), "BRAND 0", " brand 1")}},
		{name: "only a min price", in: store.Preferences{PriceMin: ptr(0.0)}},
		{name: "empty item", in: store.Preferences{FavoriteBrands: []string{"a", "\u200b "}}, errText: "favorite_brands item 2: empty"},
		{name: "too many items", in: store.Preferences{DislikedBrands: itemsOf(store.MaxPreferenceItems + 1)}, errText: "disliked_brands: too_many (at most 50)"},
		{name: "item too long", in: store.Preferences{FavoriteCategories: []string{long}}, errText: "favorite_categories item 1: too_long"},
		{name: "empty category path", in: store.Preferences{FavoriteCategories: []string{" > "}}, errText: "favorite_categories item 1: empty"},
		{name: "liked and disliked", in: store.Preferences{FavoriteBrands: []string{"Acme"}, DislikedBrands: []string{"ACME"}}, errText: "disliked_brands"},
		{name: "too many sizes", in: store.Preferences{Sizes: sizesOf(store.MaxSizes + 1)}, errText: "sizes: too_many"},
		{name: "empty size key", in: store.Preferences{Sizes: map[string]string{" ": "M"}}, errText: "sizes: empty"},
		{name: "empty size", in: store.Preferences{Sizes: map[string]string{"shoes": ""}}, errText: `sizes key "shoes": empty`},
		{name: "long size", in: store.Preferences{Sizes: map[string]string{"shoes": long}}, errText: `sizes key "shoes": too_long`},
		{name: "duplicate size keys", in: store.Preferences{Sizes: map[string]string{"Shoes": "9", "shoes": "10"}}, errText: `sizes key "shoes": duplicate`},
		{name: "negative min", in: store.Preferences{PriceMin: ptr(-1.0)}, errText: `price_range key "min": out_of_range`},
		{name: "NaN max", in: store.Preferences{PriceMax: ptr(math.NaN())}, errText: `price_range key "max": out_of_range`},
		{name: "infinite max", in: store.Preferences{PriceMax: ptr(math.Inf(1))}, errText: `price_range key "max": out_of_range`},
		{name: "min above max", in: store.Preferences{PriceMin: ptr(100.0), PriceMax: ptr(50.0)}, errText: "price_range: above (100 > 50)"},
		{name: "notes too long", in: store.Preferences{Notes: strings.Repeat("n", store.MaxNotesLen+1)}, errText: "notes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.SavePreferences(ctx, c.ID, tc.in)
			if tc.errText == "" {
				wantErr(t, err, nil)
				return
			}
			wantErr(t, err, store.ErrInvalid)
			if !strings.Contains(err.Error(), tc.errText) {
				t.Fatalf("error %q does not mention %q", err, tc.errText)
			}
		})
	}
}

func TestPreferencesNormalizeDoesNotAlias(t *testing.T) {
	lo := 5.0
	in := store.Preferences{PriceMin: &lo, Sizes: map[string]string{"Shoes": "9"}}
	out, err := in.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	*out.PriceMin = 7
	out.Sizes["hats"] = "L"
	if lo != 5 || len(in.Sizes) != 1 {
		t.Fatalf("Normalize returned values that share memory with its input")
	}
}

func itemsOf(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("brand %d", i)
	}
	return out
}

func sizesOf(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("kind %d", i)] = "M"
	}
	return m
}
