package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchUnitSpellings checks that a size in a query finds the products that write
// its unit another way, apart or joined to the number, and nothing of another size.
func TestSearchUnitSpellings(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title string) {
		products = append(products, catalog.Product{ID: id, SellerID: "volt", Title: title, Price: usd(2999)})
	}
	add("blade-10", `Kerfline 10 in. 40-Tooth Saw Blade`)
	add("blade-12", `Kerfline 12 in. 60-Tooth Saw Blade`)
	add("blade-7", `Kerfline 7-1/4-Inch Saw Blade`)
	add("pan-10", `Copperly 10-Inch Frying Pan`)
	add("pan-12", `Copperly 12in Frying Pan`)
	add("battery-20", `Amperon 20V Lithium Battery, 4.0Ah`)
	add("battery-18", `Amperon 18 Volt Battery Pack`)
	add("hose-50", `Greenway 50 ft Garden Hose`)
	add("hose-25", `Greenway Garden Hose, 25 Feet`)
	add("kettle", `Boilwell 1.7 Litre Electric Kettle`)
	for i := range 4 {
		add(fmt.Sprint("mug", i), fmt.Sprintf("Homely %d oz Ceramic Mug", 10+2*i))
	}
	// Dearer than 30: "30 pound" read as a price would leave them out.
	for _, lb := range []int{15, 30} {
		products = append(products, catalog.Product{ID: fmt.Sprint("dogfood-", lb), SellerID: "volt", Title: fmt.Sprintf("Barkwell Dry Dog Food, %d lb Bag", lb), Price: usd(4599)})
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the first results, in any order
		never      string   // a product of another size that must not be among them
	}{
		{"inch for in.", "10 inch saw blade", []string{"blade-10"}, "blade-12"},
		{"inches for -Inch", "10 inches frying pan", []string{"pan-10"}, "pan-12"},
		{"inch for a unit joined to the number", "12 inch frying pan", []string{"pan-12"}, "pan-10"},
		{"joined in the query, apart in the title", "12in saw blade", []string{"blade-12"}, "blade-10"},
		{"volt for V joined", "20 volt battery", []string{"battery-20"}, "battery-18"},
		{"v joined for Volt apart", "18v battery", []string{"battery-18"}, "battery-20"},
		{"foot for ft", "50 foot garden hose", []string{"hose-50"}, "hose-25"},
		{"ft for Feet", "25ft hose", []string{"hose-25"}, "hose-50"},
		{"a decimal size", "1.7 liter kettle", []string{"kettle"}, ""},
		{"ounces for oz", "14 ounce mug", []string{"mug2"}, "mug1"},
		{"pounds alone are a weight, not a price", "30 pound bag of dog food", []string{"dogfood-30"}, "dogfood-15"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if len(ids) < len(tc.first) || !sameSet(ids[:len(tc.first)], tc.first) {
				t.Fatalf("%q: %v, want %v first", tc.text, ids, tc.first)
			}
			if tc.never != "" && slices.Contains(ids[:len(tc.first)], tc.never) {
				t.Errorf("%q: %v has %s", tc.text, ids, tc.never)
			}
		})
	}
}

// TestSearchFractionWords checks that a size in inches said in words ("quarter inch")
// finds the product of that size as its fraction ("1/4 in.") does, and not another.
func TestSearchFractionWords(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	for _, s := range []string{"1/8", "1/4", "5/16", "3/8", "1/2", "3/4"} {
		id := "bit-" + strings.ReplaceAll(s, "/", "")
		products = append(products, catalog.Product{ID: id, SellerID: "volt", Title: "Boreline Cobalt Drill Bit, " + s + " in.", Price: usd(599)})
	}
	products = append(products, catalog.Product{ID: "wrench-12", SellerID: "volt", Title: "Turnwell 1/2 in. Drive Ratchet Wrench", Price: usd(2999)})
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, first, never string
	}{
		{"quarter", "quarter inch drill bit", "bit-14", "bit-12"},
		{"a half, hyphenated", "a half-inch drill bit", "bit-12", "bit-14"},
		{"three eighths", "three eighths inch cobalt bit", "bit-38", "bit-18"},
		{"an eighth", "drill bit eighth inch", "bit-18", "bit-38"},
		{"five sixteenths, plural", "five sixteenths inches drill bit", "bit-516", "bit-14"},
		{"three quarter, singular", "three quarter inch drill bit", "bit-34", "bit-14"},
		{"half inch drive", "half inch drive ratchet", "wrench-12", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if len(ids) == 0 || ids[0] != tc.first {
				t.Fatalf("%q: %v, want %s first", tc.text, ids, tc.first)
			}
			if tc.never != "" && slices.Contains(ids[:1], tc.never) {
				t.Errorf("%q: %v has %s first", tc.text, ids, tc.never)
			}
		})
	}
}
