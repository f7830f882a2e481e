package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// musicShopCSV is a Shopify products export of a music shop: guitars in colours, a
// string set in packs (an option the importer keeps in the title only), and products
// of one variant.
const musicShopCSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Status
tele,Fender Telecaster Electric Guitar,<p>A bright <b>electric guitar</b> with a maple neck.</p>,Fender,Electric Guitar,guitar,TRUE,Color,Sunburst,TELE-SB,shopify,5,deny,2499.00,active
tele,,,,,,,Color,Black,TELE-BK,shopify,3,deny,2499.00,
tele,,,,,,,Color,Candy Apple Red,TELE-RD,shopify,2,deny,2599.00,
tele,,,,,,,Color,Olympic White,TELE-WH,shopify,0,deny,2499.00,
jazz,Squier Jazzmaster Electric Guitar,<p>An offset electric guitar.</p>,Squier,Electric Guitar,guitar,TRUE,Color,Sunburst,JAZZ-SB,shopify,4,deny,199.99,active
jazz,,,,,,,Color,Black,JAZZ-BK,shopify,4,deny,199.99,
slinky,Ernie Ball Slinky Guitar Strings,<p>Nickel wound strings for electric guitar.</p>,Ernie Ball,Strings,strings,TRUE,Pack,Single Set,EB-1,shopify,50,deny,5.99,active
slinky,,,,,,,Pack,3-Pack,EB-3,shopify,50,deny,15.99,
slinky,,,,,,,Pack,10-Pack,EB-10,shopify,50,deny,44.99,
strap,Leather Guitar Strap,<p>A soft leather strap for any guitar.</p>,Levy's,Strap,strap,TRUE,Title,Default Title,STRAP-1,shopify,9,deny,29.99,active
capo,Kyser Guitar Capo,<p>A quick-change capo for six-string guitar.</p>,Kyser,Capo,capo,TRUE,Title,Default Title,CAPO-1,shopify,9,deny,19.99,active
`

// bootsTSV is a Merchant Center feed whose variants share an item_group_id, one of
// them across two brands (two families).
const bootsTSV = "id\ttitle\tdescription\tlink\tavailability\tprice\tbrand\titem_group_id\tcolor\tsize\n" +
	"RB-1\tRain Boot\tA waterproof rubber boot.\thttps://shop.example.com/rb1\tin stock\t49.00 USD\tPuddle\tRB\tBlue\t8\n" +
	"RB-2\tRain Boot\tA waterproof rubber boot.\thttps://shop.example.com/rb2\tin stock\t49.00 USD\tPuddle\tRB\tBlue\t9\n" +
	"RB-3\tRain Boot\tA waterproof rubber boot.\thttps://shop.example.com/rb3\tin stock\t54.00 USD\tPuddle\tRB\tRed\t8\n" +
	"HB-1\tHiking Boot\tA leather hiking boot.\thttps://shop.example.com/hb1\tin stock\t120.00 USD\tSummit\tHB\tBrown\t9\n" +
	"HB-2\tHiking Boot\tA leather hiking boot.\thttps://shop.example.com/hb2\tin stock\t125.00 USD\tRidge\tHB\tBrown\t9\n"

// importedShop is a catalog holding the feed text written to a file named name,
// imported by the real importer.
func importedShop(t *testing.T, name, text string) *catalog.Catalog {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	c := testshop.Catalog(t, "", nil, nil)
	reports, err := feed.Import(context.Background(), c, []string{path}, feed.Options{DefaultSeller: "Riverside Music", Currency: "USD"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.Err != nil || r.Rejected > 0 {
			t.Fatalf("import of %s: %+v", name, r)
		}
	}
	return c
}

// card is what a test expects of a hit: its id and, when it stands for others of its
// family, what it says of them.
type card struct {
	id       string
	variants *catalog.Variants
}

// TestSearchFamilies checks that a search shows one result per family (the same group
// id, seller and brand) of feeds imported by the real importer: the family's best
// ranked match, with how many other variants match, their option values and price
// range; that a filter, a colour word or an order picks the variant shown and that a
// variant filtered out is not counted; that the total counts families; and that
// EveryVariant lists every variant.
func TestSearchFamilies(t *testing.T) {
	ctx := context.Background()
	music := importedShop(t, "products_export.csv", musicShopCSV)
	boots := importedShop(t, "boots.tsv", bootsTSV)
	for _, tc := range []struct {
		name  string
		c     *catalog.Catalog
		q     catalog.Query
		total int
		want  []card
	}{
		{"a family is one result, its variants in stock counted", music, catalog.Query{Text: "telecaster", InStock: true}, 1,
			[]card{{"TELE-SB", &catalog.Variants{Others: 2, Values: []string{"Black", "Candy Apple Red"}, MinPrice: usd(249900), MaxPrice: usd(259900)}}}},
		{"out of stock variants count when asked for", music, catalog.Query{Text: "telecaster"}, 1,
			[]card{{"TELE-SB", &catalog.Variants{Others: 3, Values: []string{"Black", "Olympic White", "Candy Apple Red"}, MinPrice: usd(249900), MaxPrice: usd(259900)}}}},
		{"a colour word shows that variant, the others filtered out", music, catalog.Query{Text: "red telecaster", InStock: true}, 1,
			[]card{{"TELE-RD", nil}}},
		{"a price filter picks the variants", music, catalog.Query{Text: "telecaster", InStock: true, MaxPrice: amount(2500)}, 1,
			[]card{{"TELE-SB", &catalog.Variants{Others: 1, Values: []string{"Black"}}}}},
		{"an order picks the variant shown", music, catalog.Query{Text: "telecaster", InStock: true, Sort: catalog.SortPriceDesc}, 1,
			[]card{{"TELE-RD", &catalog.Variants{Others: 2, Values: []string{"Sunburst", "Black"}, MinPrice: usd(249900), MaxPrice: usd(259900)}}}},
		{"options only in titles are named from them", music, catalog.Query{Text: "slinky strings", Sort: catalog.SortPriceAsc}, 1,
			[]card{{"EB-1", &catalog.Variants{Others: 2, Values: []string{"3-Pack", "10-Pack"}, MinPrice: usd(599), MaxPrice: usd(4499)}}}},
		{"every family once, the total counting families", music, catalog.Query{Text: "guitar", InStock: true, Sort: catalog.SortPriceAsc}, 5,
			[]card{{"EB-1", &catalog.Variants{Others: 2, Values: []string{"3-Pack", "10-Pack"}, MinPrice: usd(599), MaxPrice: usd(4499)}},
				{"CAPO-1", nil}, {"STRAP-1", nil},
				{"JAZZ-SB", &catalog.Variants{Others: 1, Values: []string{"Black"}}},
				{"TELE-SB", &catalog.Variants{Others: 2, Values: []string{"Black", "Candy Apple Red"}, MinPrice: usd(249900), MaxPrice: usd(259900)}}}},
		{"every variant when asked", music, catalog.Query{Text: "telecaster", EveryVariant: true}, 4,
			[]card{{"TELE-SB", nil}, {"TELE-BK", nil}, {"TELE-WH", nil}, {"TELE-RD", nil}}},
		{"merchant item groups, split by brand", boots, catalog.Query{Text: "boot", Sort: catalog.SortPriceAsc}, 3,
			[]card{{"RB-1", &catalog.Variants{Others: 2, Values: []string{"9", "Red"}, MinPrice: usd(4900), MaxPrice: usd(5400)}},
				{"HB-1", nil}, {"HB-2", nil}}},
		{"a size word shows that size", boots, catalog.Query{Text: "rain boot size 9"}, 1, []card{{"RB-2", nil}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.c.Search(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []card
			for _, h := range res.Hits {
				got = append(got, card{h.ID, h.Variants})
			}
			if !reflect.DeepEqual(got, tc.want) || res.Total != tc.total || res.TotalEstimated {
				t.Errorf("total %d (estimated %v), hits:", res.Total, res.TotalEstimated)
				for _, c := range got {
					t.Errorf("  %s %+v", c.id, c.variants)
				}
				t.Errorf("want total %d, hits %+v", tc.total, tc.want)
			}
		})
	}
}

// TestSearchFamilyPages checks that the pages of a search of families list each
// family once, the total counting families on every page.
func TestSearchFamilyPages(t *testing.T) {
	c := importedShop(t, "products_export.csv", musicShopCSV)
	q := catalog.Query{Text: "guitar", Limit: 2}
	var ids []string
	for page := 0; page < 10; page++ {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 5 {
			t.Errorf("page %d: total %d, want 5", page, res.Total)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if q.Cursor = res.NextCursor; q.Cursor == "" {
			break
		}
	}
	slices.Sort(ids)
	if want := []string{"CAPO-1", "EB-1", "JAZZ-SB", "STRAP-1", "TELE-SB"}; !slices.Equal(ids, want) {
		t.Errorf("pages listed %q, want one of each family %q", ids, want)
	}
}

// TestSearchWithoutFamilies checks that a catalog without group ids (the demo
// catalog) is searched exactly as when every variant is listed: the same pages,
// totals, facets and notes.
func TestSearchWithoutFamilies(t *testing.T) {
	for _, p := range demo.Products() {
		if p.GroupID != "" {
			t.Fatalf("demo product %s has group id %q: this test needs a catalog without", p.ID, p.GroupID)
		}
	}
	c := testshop.DemoCatalog(t, "")
	for _, q := range []catalog.Query{
		{}, {Text: "headphones"}, {Text: "running shoes", InStock: true}, {Text: "red"}, {Text: "cheap blender"},
		{Text: "laptop", Sort: catalog.SortPriceAsc, Limit: 3}, {Text: "wireless earbuds under $100"},
		{Text: "a gift for my dad who likes camping"}, {Text: "hedphones"}, {Category: "Electronics", Limit: 50},
	} {
		every := q
		every.EveryVariant = true
		for page := 0; page < 3; page++ {
			a, err := c.Search(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			b, err := c.Search(context.Background(), every)
			if err != nil {
				t.Fatal(err)
			}
			if (a.NextCursor == "") != (b.NextCursor == "") {
				t.Errorf("%+v page %d: next cursor %q, every variant %q", q, page, a.NextCursor, b.NextCursor)
			}
			q.Cursor, every.Cursor = a.NextCursor, b.NextCursor
			a.NextCursor, b.NextCursor = "", ""
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%+v page %d: grouped\n%+v\nevery variant\n%+v", q, page, a, b)
			}
			if q.Cursor == "" {
				break
			}
		}
	}
}
