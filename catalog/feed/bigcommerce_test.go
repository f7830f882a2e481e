package feed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestBigCommerceExport reads a BigCommerce Bulk Edit export written by hand as the
// platform writes it (byte order mark, CRLF, HTML in a quoted multi-line field,
// thousands separators): a product with SKU rows and price rules by SKU and by
// option, a modifier's rule, a product on sale with stock by product, a hidden
// product, one not purchasable, and bad rows.
func TestBigCommerceExport(t *testing.T) {
	got := parseFixture(t, "bigcommerce_products.csv", Options{DefaultSeller: "Northwind", Currency: "USD"})
	checkFields(t, got, []check{
		{"TRJ-RED-M", "title", "Trail Runner Jacket - Red / M"},
		{"TRJ-RED-M", "group", "TRJ"},
		{"TRJ-RED-M", "description", "Light waterproof shell for wet runs. Taped seams. Packs into its pocket"},
		{"TRJ-RED-M", "brand", "Northwind & Co"},
		{"TRJ-RED-M", "category", "Clothing > Jackets"},
		{"TRJ-RED-M", "price", "$129.00"},
		{"TRJ-RED-M", "attr:list_price", "$149.00"}, // Retail Price, higher
		{"TRJ-RED-M", "stock", "4"},
		{"TRJ-RED-M", "availability", "in_stock"},
		{"TRJ-RED-M", "gtin", "0012345678912"},
		{"TRJ-RED-M", "image", "https://cdn.example.test/trj.jpg"},
		{"TRJ-RED-M", "attr:size", "M"},
		{"TRJ-RED-M", "attr:color", "Red"}, // the option is named Colour
		{"TRJ-RED-M", "attr:gender", "unisex"},
		{"TRJ-RED-M", "attr:condition", "New"},
		{"TRJ-RED-M", "tags", "rain jacket,running"},
		{"TRJ-RED-XL", "price", "$139.00"}, // [ADD]10.00 by SKU
		{"TRJ-RED-XL", "stock", "0"},
		{"TRJ-RED-XL", "gtin", ""}, // the SKU row has none
		{"TRJ-RED-XL", "availability", "out_of_stock"},
		{"TRJ-BLU-M", "price", "$124.50"}, // [REMOVE]4.50 by option Colour=Blue
		{"TRJ-BLU-M", "image", "https://cdn.example.test/trj-blue.jpg"},
		{"TRJ-BLU-M", "stock", "7"},
		{"ESP-PRO", "price", "$1,099.00"},
		{"ESP-PRO", "attr:list_price", "$1,299.00"},
		{"ESP-PRO", "stock", "3"},
		{"ESP-PRO", "category", "Kitchen > Coffee / Tea"},
		{"ESP-PRO", "image", ""}, // an image file name is not a URL
		{"ESP-PRO", "group", ""},
		{"UMB-1", "title", "雨傘 Umbrella"},
		{"UMB-1", "hidden", "true"},
		{"UMB-1", "stock", "nil"},
		{"UMB-1", "availability", "in_stock"},
		{"UMB-1", "price", "$19.99"},            // the modifier's rule is not applied
		{"115", "availability", "out_of_stock"}, // Allow Purchases? N
	})
	want := []string{
		`bigcommerce_products.csv:2-3: skipped: a product with SKU rows (its SKUs are the products)`,
		`bigcommerce_products.csv:9: a price rule that matches no SKU row of its product (a modifier option's, such as gift wrap) is not read; the variants are imported at their prices without it`,
		`bigcommerce_products.csv:12: a price rule of a product without SKU rows (a modifier option's, such as gift wrap) is not read; the product is imported at its price without it`,
		`bigcommerce_products.csv:18: Item Type "Video" is not Product, SKU or Rule`,
		`bigcommerce_products.csv:14: skipped: a product with SKU rows (its SKUs are the products)`,
		`bigcommerce_products.csv:15: the price rule on line 17 has Price "[ADD_PERCENT]10"; only [ADD], [REMOVE] and [FIXED] are read`,
		`bigcommerce_products.csv:16: a SKU row without a Product Code/SKU; each variant needs its own SKU`,
	}
	checkOutcome(t, got, []string{"TRJ-RED-M", "TRJ-RED-XL", "TRJ-BLU-M", "ESP-PRO", "UMB-1", "115"}, want)
}

// TestImportBigCommerce imports the export into a catalog: the summary counts every
// row, each skipped one with its reason, and a variant is found by a search for its
// option value.
func TestImportBigCommerce(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	files := []string{fixture("bigcommerce_products.csv")}
	reports, err := Import(ctx, cat, files, Options{DefaultSeller: "Northwind", Currency: "USD"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := files[0] + ": 6 imported, 0 updated, 5 rejected, 2 skipped (2 × a product with SKU rows (its SKUs are the products))"
	if got := reports[0].String(); got != want {
		t.Errorf("Report.String() = %q, want %q", got, want)
	}
	checkStored(t, cat, []check{
		{"TRJ-BLU-M", "price", "$124.50"},
		{"TRJ-BLU-M", "group", "TRJ"},
		{"ESP-PRO", "attr:list_price", "$1,299.00"},
	})
	res, err := cat.Search(ctx, catalog.Query{Text: "blue jacket"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != "TRJ-BLU-M" {
		t.Errorf("search %q found %d products, first %v; want TRJ-BLU-M first", "blue jacket", len(res.Hits), res.Hits)
	}
}

// TestReportSkippedWhy: the summary explains skipped rows reason by reason, in the
// order the reasons were met.
func TestReportSkippedWhy(t *testing.T) {
	tests := []struct {
		name string
		r    Report
		want string
	}{
		{"none skipped", Report{File: "a.csv", Imported: 2}, "a.csv: 2 imported, 0 updated, 0 rejected"},
		{"two reasons", Report{File: "a.csv", Imported: 2, Skipped: 3, SkippedWhy: []SkipCount{{"an image row", 2}, {"a parent row", 1}}},
			"a.csv: 2 imported, 0 updated, 0 rejected, 3 skipped (2 × an image row; 1 × a parent row)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBigCommerceRowsBound checks that at most maxBCRows SKU and Rule rows are read
// for one product (every SKU row is matched against every rule row, so without the
// bound a small file took hours): the rows past it are rejected, the SKUs before it
// imported, and the next product's rows read again from nothing.
func TestBigCommerceRowsBound(t *testing.T) {
	const header = "Item Type,Product Name,Product Code/SKU,Price,Track Inventory,Current Stock Level,Stop Processing Rules\n"
	var b strings.Builder
	b.WriteString(header + "Product,Jacket,J,10.00,by option,,\n")
	for i := range maxBCRows {
		fmt.Fprintf(&b, "SKU,\"[RB]Colour=C%d\",J-%d,,,1,\n", i, i)
	}
	b.WriteString("SKU,[RB]Colour=Late,J-LATE,,,1,\nRule,[RB]Colour=C1,,[ADD]1.00,,,N\n")
	b.WriteString("Product,Cap,C,5.00,by option,,\nSKU,[RB]Colour=Red,C-RED,,,2,\nRule,[RB]Colour=Red,,[ADD]1.00,,,N\n")
	got, err := parse(t, strings.NewReader(b.String()), "products.csv", Options{DefaultSeller: "Northwind", Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ids) != maxBCRows+1 || got.ids[0] != "J-0" || got.ids[maxBCRows-1] != fmt.Sprintf("J-%d", maxBCRows-1) || got.ids[maxBCRows] != "C-RED" {
		t.Fatalf("%d products (%q … %q), want the %d SKUs of the jacket and C-RED", len(got.ids), got.ids[:min(2, len(got.ids))], got.ids[max(0, len(got.ids)-2):], maxBCRows)
	}
	if p := got.products["C-RED"].Price.String(); p != "$6.00" {
		t.Errorf("C-RED price %s, want $6.00 (its rule applied)", p)
	}
	over := fmt.Sprintf("more than %d SKU and Rule rows follow one product (BigCommerce allows 600 variants); this row is not read", maxBCRows)
	want := []string{ // the rows past the bound as they come, then the product's skip when it is read
		fmt.Sprintf("products.csv:%d: %s", maxBCRows+3, over),
		fmt.Sprintf("products.csv:%d: %s", maxBCRows+4, over),
		"products.csv:2: skipped: a product with SKU rows (its SKUs are the products)",
		fmt.Sprintf("products.csv:%d: skipped: a product with SKU rows (its SKUs are the products)", maxBCRows+5),
	}
	if !slices.Equal(got.rejects, want) {
		t.Errorf("rejects\n%q\nwant\n%q", got.rejects, want)
	}
}

// TestBigCommerceColumns holds what a kitchen shop's real Bulk Edit export carried
// that the reader missed (a new user's shop): the GTIN in the Google Shopping column
// GPS Global Trade Item Number when Product UPC/EAN is empty (a product's, never its
// variants'); of several Category paths the deepest, the first of equals, so a
// collection written first ("Gift Ideas;Kitchen/Kettles") is not the category; and
// SKU and Rule rows written "  SKU" and "  Rule", as the export indents them.
func TestBigCommerceColumns(t *testing.T) {
	const head = "Item Type,Product Name,Product Code/SKU,Price,Category,Product UPC/EAN,GPS Global Trade Item Number,Track Inventory,Current Stock Level\n"
	tests := []struct {
		name   string
		file   string
		checks []check
	}{
		{"gps gtin", "Product,Kettle,K1,49.00,,,0012345678905,,\nProduct,Toaster,T1,39.00,,0098765432109,0012345678905,,\n",
			[]check{{"K1", "gtin", "0012345678905"}, {"T1", "gtin", "0098765432109"}}},
		{"gps gtin not a variant's", "Product,Mug,M1,9.00,,,0012345678905,by option,\n  SKU,[RB]Color=Red,M1-R,,,,,,3\n",
			[]check{{"M1-R", "gtin", ""}, {"M1-R", "group", "M1"}, {"M1-R", "stock", "3"}}},
		{"deepest category", "Product,Kettle,K1,49.00,Gift Ideas;Kitchen/Kettles;Sale,,,,\nProduct,Toaster,T1,39.00,Kitchen/Toasters;Home/Gifts,,,,\nProduct,Pan,P1,19.00,Sale,,,,\n",
			[]check{{"K1", "category", "Kitchen > Kettles"}, {"T1", "category", "Kitchen > Toasters"}, {"P1", "category", "Sale"}}},
		{"slash in a name", `Product,Hoodie,H1,19.00,Clothing/Sweaters\/Hoodies;Sale,,,,` + "\n",
			[]check{{"H1", "category", "Clothing > Sweaters/Hoodies"}}},
		{"indented rule", "Product,Pan,P2,20.00,,,,by option,\n  SKU,[RB]Size=10 Inch,P2-10,,,,,,5\n  SKU,[RB]Size=12 Inch,P2-12,,,,,,5\n  Rule,[RB]Size=12 Inch,,[ADD]10.00,,,,,\n",
			[]check{{"P2-10", "price", "$20.00"}, {"P2-12", "price", "$30.00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(head+tt.file), "x.csv", Options{DefaultSeller: "S", Currency: "USD"})
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, got, tt.checks)
		})
	}
}
