package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// brassShop is a small music shop of its own words: types of one to three products,
// one word ("valves") in one product only.
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

func understoodText(t *testing.T, c *Catalog, text string) *search {
	t.Helper()
	q := Query{Text: text, Limit: DefaultLimit}
	if err := q.validate(); err != nil {
		t.Fatal(err)
	}
	s, _, done, err := c.understandQuery(context.Background(), q, q.fingerprint())
	if err != nil || done {
		t.Fatalf("understandQuery: %v, done %v", err, done)
	}
	return s
}

// TestTitleMeet holds when two of a sentence's content words meet in one product's
// title (titleMeet): in the title of one of the plain ranking's best products, not
// each in titles of their own, not one word alone, not in a question about the world.
func TestTitleMeet(t *testing.T) {
	c := brassShop(t)
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"two words in one title", "visitors trip on the garden path after dark", true},
		{"two words of one title beside a word of another", "visitors trip on the hose by the path edging", true},
		{"words in titles that meet in none", "the hose froze on the path last night", false},
		{"one word in titles", "visitors trip over the hose after dark", false},
		{"a question about the world", "how long is the longest garden path in england", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ok, err := c.titleMeet(context.Background(), understoodText(t, c, tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.want {
				t.Errorf("%q: titleMeet %v, want %v", tc.text, ok, tc.want)
			}
		})
	}
}

// TestMeetNeed holds how many products two words need in common to meet: minMeet,
// or every product of the rarer word when fewer than minMeet have it.
func TestMeetNeed(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b int
		want int
	}{
		{"two common words", 40, 12, minMeet},
		{"a word of one product", 1, 40, 1},
		{"a word of two products, either side", 40, 2, 2},
		{"no product", 0, 5, 1},
	} {
		if got := meetNeed(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: meetNeed(%d, %d) = %d, want %d", tc.name, tc.a, tc.b, got, tc.want)
		}
	}
}

// TestWordsMeetSmallShop holds that in a small shop a word one product has meets
// another word that product has ("valves" and "trumpet": the valve oil), and that
// words no product has together do not meet.
func TestWordsMeetSmallShop(t *testing.T) {
	c := brassShop(t)
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"a word of one product and another it has", "my trumpet valves stick", true},
		{"words no product has together", "my trumpet mute hose", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := understoodText(t, c, tc.text)
			known, ok, err := c.sentenceContent(ctx, s)
			if err != nil || !ok {
				t.Fatalf("%q: sentenceContent ok %v, %v", tc.text, ok, err)
			}
			got, err := c.wordsMeet(ctx, s, known)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("%q: wordsMeet %v, want %v", tc.text, got, tc.want)
			}
		})
	}
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
