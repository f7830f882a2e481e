package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchTypeAliases holds what a type word finds when the catalog titles some
// of the type by another head: the products of a head filed mostly in the type's
// leaf category ("Chromebook" under "Laptops") are the type's, uncategorised ones
// too; a head filed there whose titles say the type's word anyway ("Laptop 512GB
// SSD") or one filed in another leaf ("Laptop Accessories > Chargers") is not.
func TestSearchTypeAliases(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, category string) {
		products = append(products, catalog.Product{ID: id, SellerID: "volt", Title: title, Category: category, Price: usd(29999)})
	}
	for i := range 4 {
		add(fmt.Sprint("laptop", i), fmt.Sprintf("Vantora %d-Inch Laptop, Intel Core i5", 13+i), "Computers > Laptops")
		add(fmt.Sprint("filed-chromebook", i), fmt.Sprintf("Halden %d-Inch Chromebook, 8GB/128GB", 11+i), "Computers > Laptops")
		add(fmt.Sprint("ssd-laptop", i), fmt.Sprintf("Pixalto Laptop %dGB SSD", 128<<i), "Computers > Laptops")
		add(fmt.Sprint("adapter", i), fmt.Sprintf("Wattly %d5W AC Adapter, USB-C", 4+i), "Computers > Laptop Accessories > Chargers")
		add(fmt.Sprint("portable-ssd", i), fmt.Sprintf("Stratadisk Portable %dTB SSD", 1+i), "")
	}
	add("chromebook", "Halden 14-Inch Chromebook, Backlit Keyboard", "")
	add("chromebook2", "Vantora 15-Inch Chromebook, All-Day Battery", "")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, catalog.Query{Text: "laptop", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	for _, want := range []string{"chromebook", "chromebook2", "filed-chromebook0", "laptop0", "ssd-laptop0"} {
		if !slices.Contains(got, want) {
			t.Errorf("laptop: hits %q, want %s among them", got, want)
		}
	}
	for _, id := range got {
		if strings.HasPrefix(id, "portable-ssd") {
			t.Errorf("laptop: hits %q; %s is no laptop (its head \"SSD\" heads laptops' titles that say laptop)", got, id)
		}
	}
	if i := slices.Index(got, "chromebook"); i < 0 || slices.ContainsFunc(got[:i], func(id string) bool { return strings.HasPrefix(id, "adapter") }) {
		t.Errorf("laptop: hits %q, want the uncategorised chromebook before the adapters (filed elsewhere)", got)
	}
	res, err = c.Search(ctx, catalog.Query{Text: "chromebook"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range hitIDs(res) {
		if !strings.Contains(id, "chromebook") {
			t.Errorf("chromebook: hits %q; the alias goes one way only", hitIDs(res))
			break
		}
	}
}
