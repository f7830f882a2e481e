package feed

import (
	"slices"
	"strings"
	"testing"
)

// TestBigCommerceExport reads a BigCommerce Bulk Edit export written by hand as the
// platform writes it (byte order mark, CRLF, HTML in a quoted multi-line field,
// thousands separators): a product with SKU rows and price rules by SKU and by
// option, a modifier's rule, a product on sale with stock by product, a hidden
// product, one not purchasable, and bad rows.
func TestBigCommerceExport(t *testing.T) {
	got := parseFixture(t, "bigcommerce_products.csv", Options{DefaultSeller: "Northwind", Currency: "USD"})
	if want := []string{"TRJ-RED-M", "TRJ-RED-XL", "TRJ-BLU-M", "ESP-PRO", "UMB-1", "115"}; !slices.Equal(got.ids, want) {
		t.Errorf("ids = %q, want %q", got.ids, want)
	}
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
		{"TRJ-RED-M", "attr:gender", "unisex"},
		{"TRJ-RED-M", "attr:condition", "New"},
		{"TRJ-RED-M", "tags", "rain jacket,running"},
		{"TRJ-RED-XL", "price", "$139.00"}, // [ADD]10.00 by SKU
		{"TRJ-RED-XL", "stock", "0"},
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
		`bigcommerce_products.csv:9: skipped: a price rule that names no SKU row of its product (a modifier option's) is not read`,
		`bigcommerce_products.csv:12: skipped: a price rule of a product without SKU rows (a modifier option's) is not read; the product's price is without it`,
		`bigcommerce_products.csv:18: Item Type "Video" is not Product, SKU or Rule`,
		`bigcommerce_products.csv:14: skipped: a product with SKU rows (its SKUs are the products)`,
		`bigcommerce_products.csv:15: the price rule on line 17 has Price "[ADD_PERCENT]10"; only [ADD], [REMOVE] and [FIXED] are read`,
		`bigcommerce_products.csv:16: a SKU row without a Product Code/SKU; each variant needs its own SKU`,
	}
	if !slices.Equal(got.rejects, want) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(want, "\n"))
	}
}
