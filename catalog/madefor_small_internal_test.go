package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// brassShop is a small music shop of its own words: types of one to three products.
func brassShop(t *testing.T) *Catalog {
	t.Helper()
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var ps []Product
	add := func(id, title, desc string) {
		ps = append(ps, Product{ID: id, SellerID: "s1", Title: title, Description: desc,
			Price: money.Money{Amount: 1999, Currency: "USD"}, Availability: InStock})
	}
	for i, m := range []string{"TR10", "TR20", "TR30"} {
		add(fmt.Sprint("trumpet", i), "Brassway "+m+" Student Trumpet", "Lacquered brass with a case.")
	}
	add("oil0", "Slickon Valve Oil, 50 ml", "Keeps trumpet valves moving freely.")
	add("mute0", "Brassway Straight Mute", "Aluminium, for practice.")
	add("stand0", "Brassway Folding Music Stand", "Holds a book open.")
	add("lamp0", "Glowline Solar Garden Path Lights", "Stake them along a walk.")
	add("hose0", "Greenreel Garden Hose, 15 m", "Brass fittings.")
	add("edging0", "Terrabord Path Edging", "Steel edging for lawns.")
	for i, ty := range []string{"Drumsticks", "Guitar Picks", "Capo", "Metronome", "Tuner", "Gig Bag", "Strap", "Cable"} {
		for j := range 6 {
			add(fmt.Sprintf("other%d-%d", i, j), fmt.Sprintf("Homely %s %d", ty, j), "Everyday quality at a fair price.")
		}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMadeForSmallShop holds that a small shop's made-for relations need only its
// meet of products (learnedView.meet): two stands named after the keyboard they hold
// and two filters made for a kettle are what is made for those, as a large catalog's
// three would be; at a large catalog's count they are not.
func TestMadeForSmallShop(t *testing.T) {
	ctx := context.Background()
	c := brassShop(t)
	var ps []Product
	for i, m := range []string{"Single-X", "Double-X"} {
		ps = append(ps, Product{ID: fmt.Sprint("kbstand", i), SellerID: "s1", Title: "Stagewell " + m + " Keyboard Stand",
			Description: "Folds flat.", Price: money.Money{Amount: 2999, Currency: "USD"}, Availability: InStock})
	}
	for i := range 2 {
		ps = append(ps, Product{ID: fmt.Sprint("keyboard", i), SellerID: "s1", Title: fmt.Sprintf("Tonewell K%d 61-Key Keyboard", i),
			Description: "Touch-sensitive keys.", Price: money.Money{Amount: 19999, Currency: "USD"}, Availability: InStock})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	lv, err := c.learnedView(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !lv.small || lv.meet() >= minMeet {
		t.Fatalf("the shop is not read as small (meet %d)", lv.meet())
	}
	for _, tc := range []struct {
		name, k string
		lv      *learnedView
		want    bool
	}{
		{"two stands named after the keyboard, in a small shop", "keyboard", lv, true},
		{"the same two, at a large catalog's count", "keyboard", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			heads, err := c.madeForOrAfter(ctx, tc.lv, tc.k, tc.k)
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Contains(heads, "stand"); got != tc.want {
				t.Errorf("made for %s: %q, want stand among them %v", tc.k, heads, tc.want)
			}
		})
	}
}
