package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchFewGoOnWithTheTypeMadeFor holds the page of a query whose head names a
// thing made for a type of the catalog its other words name ("pegs for juniper 2
// tent"), when few products have every word: after the pegs come the tents — the
// type the pegs are made for —, before the other products that only share the tent's
// model name ("Juniper Day Pack"). Where the other words name no type ("pegs for
// juniper"), those products may come as before.
func TestSearchFewGoOnWithTheTypeMadeFor(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "volt", Brand: "Ridgeback", Title: title, Price: usd(3999)})
	}
	for i, m := range []string{"Juniper", "Aspen", "Birch", "Cedar", "Maple", "Alder", "Rowan", "Hazel"} {
		add(fmt.Sprint("tent-", strings.ToLower(m)), fmt.Sprintf("%s %d Person Tent", m, i+2))
	}
	add("pegs-juniper", "Tent Pegs for Juniper 2")
	for i := range 10 {
		add(fmt.Sprint("pegs-", i), fmt.Sprintf("Aluminium Pegs, %d Pack", 6+2*i))
	}
	add("junk-pack", "Juniper Day Pack, 18L")
	add("junk-lamp", "Juniper Rechargeable Headlamp")
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, catalog.Query{Text: "pegs for juniper 2 tent", Limit: 24})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	if len(got) == 0 || got[0] != "pegs-juniper" {
		t.Fatalf("hits %q, want the pegs for the Juniper 2 first (notes %q)", got, res.Notes)
	}
	tent := slices.IndexFunc(got, func(id string) bool { return strings.HasPrefix(id, "tent-") && id != "tent-juniper" })
	junk := slices.IndexFunc(got, func(id string) bool { return strings.HasPrefix(id, "junk-") })
	if tent < 0 || junk >= 0 && junk < tent {
		t.Errorf("hits %q: want the other tents before the other Juniper products (notes %q)", got, res.Notes)
	}
}
