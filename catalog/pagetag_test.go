package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchShortPageTypeTag holds that a first page short of products with every
// word goes on with the other products the shop tags with a type's name every product
// on the page is tagged with (pageTypeTag), before the products of the query's other
// words: "suede boot protector" finds the two protector sprays, then the other
// products tagged "waterproofing spray", whose titles lack "protector" (a wax among
// them), before the boots.
func TestSearchShortPageTypeTag(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: "Fernway", Description: "Keeps boots dry.", Category: cat, Tags: tags, Price: usd(1499)})
	}
	add("protector1", "Suede & Nubuck Protector Spray", "Shoes > Care", "waterproofing spray", "adult")
	add("protector2", "Essential Suede & Nubuck Protector Spray", "Shoes > Care", "waterproofing spray", "adult")
	add("spray", "Waterproofing Spray for Boots", "Shoes > Care", "waterproofing spray", "adult")
	add("wax", "Leather Waterproofing Wax", "Shoes > Care", "waterproofing spray", "adult")
	add("cleaner", "Fernway Sneaker Cleaner Spray", "Shoes > Care", "cleaning spray", "adult")
	for i := range 4 {
		add(fmt.Sprintf("boot%d", i+1), fmt.Sprintf("Kids' Rubber Rain Boots - %d", i+1), "Shoes > Boots", "rain boots", "kids")
		add(fmt.Sprintf("loafer%d", i+1), fmt.Sprintf("Suede Loafers - %d", i+7), "Shoes > Loafers", "loafers", "adult")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	text := "suede boot protector"
	res, err := c.Search(ctx, catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, text, res, []string{"{protector1 protector2}", "{spray wax}"}, nil, nil)
	if !strings.Contains(strings.Join(res.Notes, " "), `tagged "waterproofing spray"`) {
		t.Errorf("%q: notes %q, want one saying the tagged products follow", text, res.Notes)
	}
}
