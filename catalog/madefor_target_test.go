package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMadeForTarget holds madeForTarget: a query "X for Y" that no product has
// every word of, read as the types its words stand for, lists first the products made
// for what Y names — titles with every word of Y, one of them after the title's own
// "for" — when they are of the type voted for, or, when Y has a word that is no type
// of the catalog (a model or product line), an accessory of another word ("Handlebar
// Mount for Strada" for a "bracket"). A Y that is only a type (`remote for my
// television`) does not bring another type's accessory first (the wall mount), and a
// Y no title names after "for" changes nothing.
func TestSearchMadeForTarget(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: tags, Price: usd(2499)})
	}
	for i, m := range []string{"Oxford", "Lezyne", "Cateye", "Bontrager"} {
		add(fmt.Sprint("bracket", i), m+" Replacement Bracket, Universal", "Clamps to bars 22-35 mm.")
		add(fmt.Sprint("lockbracket", i), m+" D-Lock Bracket", "Holds a D-lock on the frame.")
		add(fmt.Sprint("tree", i), fmt.Sprint("Tree Straps for Ember ", i+1), "Tree-friendly webbing, 3 m each.")
		add(fmt.Sprint("remote", i), m+" Universal Remote Control, 4 Device", "Replaces a lost clicker.")
	}
	add("mount", "Handlebar Mount for Exposure Strada MK12", "Keeps the light steady.")
	add("strada", "Exposure Front Light, 1200 Lumens", "Bright.")
	add("saddle-straps", "Hammock Straps for Saddle", "Webbing with 20 loops.")
	add("saddle", "Saddle Hammock, Double", "Parachute nylon.")
	add("ember", "Ember Hammock, Single", "Parachute nylon.")
	add("wall", "Wall Mount for Television, 32-65 inch", "Tilts 15 degrees.")
	add("wall2", "Slim Wall Mount for Television, 40-70 inch", "Low profile.")
	add("tv", "Aurix 55 inch Television", "4K screen.")
	add("tv2", "Kestrel 43 inch Television", "HD screen.")
	add("tv3", "Nexa 65 inch Television", "OLED screen.")
	add("tv4", "Sonora 32 inch Television", "HD screen.")
	// Past smallCatalog (1,000 products), where "X for Y" whose Xs never say Y is read
	// by the types its words stand for, not as the Xs alone (forNoneSaid).
	for i := range 1000 {
		add(fmt.Sprint("sock", i), fmt.Sprint("Merino Hiking Sock, Style ", i), "Cushioned sole.")
	}
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	brackets := []string{"bracket0", "bracket1", "bracket2", "bracket3", "lockbracket0", "lockbracket1", "lockbracket2", "lockbracket3"}
	for _, tc := range []struct {
		name, text string
		first      []string
	}{
		// Before: the universal brackets; the mount made for the Strada came nowhere.
		{"another accessory word made for a named model", "bracket for exposure strada", []string{"mount"}},
		// Before: the tree straps for Ember first (two of the query's words).
		{"the type voted for, made for a named line", "tree straps for saddle hammock", []string{"saddle-straps"}},
		// Guard: television is a type, so the wall mount is not what a remote is for.
		{"a type after for", "remote for my television", []string{"remote0", "remote1", "remote2", "remote3"}},
		// Guard: no title says "for" a Brompton.
		{"a name no title is made for", "bracket for brompton", brackets},
	} {
		t.Run(tc.name, func(t *testing.T) {
			searchFirstOf(t, c, tc.text, tc.first)
		})
	}
	// The made-for products pass the query's filters as the others do.
	res, err := c.Search(ctx, catalog.Query{Text: "bracket for exposure strada", Brand: "Oxford"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(hitIDs(res), "mount") {
		t.Errorf("a brand filter: hits %q, want no product of another brand", hitIDs(res))
	}
}

// TestSearchNeedCueAfterFor holds forCueless: a need whose cues a query says only
// after its "for" ("need: run shoe => running shoes") is not the shopper's need when
// the head before "for" names a type of the catalog: `replacement insoles for running
// shoes` asks for the insoles (before: the running shoes, read as the need). A need
// for the head's own type stays (`i want shoes for jogging`: the running shoes before
// the walking shoes), and so does a need cued with no "for" at all.
func TestSearchNeedCueAfterFor(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: tags, Price: usd(2999)})
	}
	for i, m := range []string{"Glide", "Tempo", "Pace", "Stride"} {
		add(fmt.Sprint("walk", i), m+" Walking Shoes", "Comfortable on pavements.", "walking shoes")
		add(fmt.Sprint("run", i), m+" Road Running Shoes", "Light and springy.", "running shoes")
		add(fmt.Sprint("insole", i), m+" Arch Support Insoles", "Cushioned all day.", "insoles")
		add(fmt.Sprint("boot", i), m+" Waterproof Hiking Boots", "Grippy soles.", "boots")
	}
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	ids := func(p string) []string { return []string{p + "0", p + "1", p + "2", p + "3"} }
	for _, tc := range []struct {
		name, text string
		first      []string
	}{
		// Before: the running shoes, "Read as a search for running shoe."
		{"a cue after for, another type before it", "replacement insoles for running shoes", ids("insole")},
		{"a cue after for, another type before it, and a size", "insoles for running shoes under $40", ids("insole")},
		// Guards: the need names the head's own type (without the exception, the
		// walking shoes came first); no "for".
		{"the need is of the head's type", "i want shoes for jogging", ids("run")},
		{"no for", "shoes i can wear jogging", ids("run")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			searchFirstOf(t, c, tc.text, tc.first)
		})
	}
}
