package feed

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchFindsTheSKU imports feeds of several formats whose SKU (or offer id)
// becomes the product id, and checks that a search for the SKU in the spellings a
// person types it — as written, lower case, without its hyphens, its parts spaced —
// finds that product first, though no title, tag or description holds it: the id is
// one of the product's codes (catalog's productCodes), as an MPN is. Each feed has a
// sibling whose SKU differs in one character, which must not come first.
func TestSearchFindsTheSKU(t *testing.T) {
	tests := []struct {
		name, file, data string
		skus             []string // each must be found first by its spellings
	}{
		{
			name: "Etsy listings CSV",
			file: "EtsyListingsDownload.csv",
			data: "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,SKU\n" +
				"Soy Candle – Fig & Cedar – Amber Jar,Hand poured.,22.00,USD,4,\"candle,soy candle\",soy wax,https://img.test/c1.jpg,MRW-CN-247\n" +
				"Soy Candle – Fig & Cedar – Amber Jar,Hand poured.,24.00,USD,4,\"candle,soy candle\",soy wax,https://img.test/c2.jpg,MRW-CN-248\n" +
				"\"Stacking Ring, Sterling Silver\",Dainty.,48.00,USD,3,\"ring,stacking ring\",sterling silver,https://img.test/r.jpg,MRW-RG-118\n",
			skus: []string{"MRW-CN-247", "MRW-CN-248", "MRW-RG-118"},
		},
		{
			name: "flat CSV feed (item_id)",
			file: "products.csv",
			data: "item_id,title,description,price,availability,brand\n" +
				"KT-2040-BLK,\"Electric Kettle, 1.7 L, Black\",Boils fast.,39.00 USD,in_stock,Hearth\n" +
				"KT-2041-BLK,\"Electric Kettle, 1.7 L, Black\",Boils faster.,49.00 USD,in_stock,Hearth\n",
			skus: []string{"KT-2040-BLK", "KT-2041-BLK"},
		},
		{
			name: "JSON Lines feed (id)",
			file: "products.jsonl",
			data: `{"id": "HX5150-01", "title": "Trail Headlamp", "price": "19.99 USD", "availability": "in_stock"}` + "\n" +
				`{"id": "HX5150-02", "title": "Trail Headlamp", "price": "21.99 USD", "availability": "in_stock"}` + "\n",
			skus: []string{"HX5150-01", "HX5150-02"},
		},
		{
			name: "Shopify product export (Variant SKU)",
			file: "products_export.csv",
			data: "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Tracker,Variant Inventory Qty\n" +
				"linen-apron,Linen Apron,Color,Sage,APR-22-SG,34.00,shopify,5\n" +
				"linen-apron,,Color,Rust,APR-22-RS,34.00,shopify,5\n" +
				"linen-apron,,Color,Navy,APR-23-NV,34.00,shopify,5\n",
			skus: []string{"APR-22-SG", "APR-22-RS", "APR-23-NV"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			cat := openCatalog(t)
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			reports, err := Import(ctx, cat, []string{path}, Options{DefaultSeller: "Maker Row", Currency: "USD"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r := reports[0]; r.Imported != len(tt.skus) || r.Rejected != 0 {
				t.Fatalf("import: %s; want %d imported, none rejected", r, len(tt.skus))
			}
			for _, sku := range tt.skus {
				if _, err := cat.Product(ctx, sku); err != nil {
					t.Fatalf("product %q: %v (the SKU is not the id)", sku, err)
				}
				for _, text := range skuSpellings(sku) {
					res, err := cat.Search(ctx, catalog.Query{Text: text, Limit: 10})
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Hits) == 0 || res.Hits[0].ID != sku {
						t.Errorf("Search(%q) = %q, want %s first", text, idsOf(res), sku)
					}
				}
			}
		})
	}
}

// skuSpellings returns sku as a person types it: as written, lower case, without its
// hyphens, and with spaces for them.
func skuSpellings(sku string) []string {
	return []string{sku, strings.ToLower(sku), strings.ReplaceAll(strings.ToLower(sku), "-", ""), strings.ReplaceAll(strings.ToLower(sku), "-", " ")}
}

func idsOf(res catalog.Result) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestShortIDsAreNoCodes imports a feed whose ids are short ("B12", "p123": a shop's
// or a generator's numbering) and checks that a query word equal to one is read as the
// words it is, not as a code naming that product: "b12" finds the vitamin B12, not the
// dog toy whose id is B12.
func TestShortIDsAreNoCodes(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	path := filepath.Join(t.TempDir(), "products.csv")
	data := "id,title,description,price,availability\n" +
		"B12,Squeaky Bone Dog Toy,Tough rubber.,6.00 USD,in_stock\n" +
		"p123,Camping Lantern,Bright.,19.00 USD,in_stock\n" +
		"VIT-B12-60,\"Vitamin B12 Gummies, 60 Count\",Berry flavour.,12.00 USD,in_stock\n" +
		"VIT-D3-90,\"Vitamin D3 Softgels, 90 Count\",Daily.,9.00 USD,in_stock\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, cat, []string{path}, Options{DefaultSeller: "Corner Shop"}, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		first      string // "" when nothing is wanted first
		not        string
	}{
		{"a short id is a word of a title", "b12", "VIT-B12-60", "B12"},
		{"among other words", "vitamin b12", "VIT-B12-60", "B12"},
		{"a short id nothing else has", "p123", "", "p123"},
		{"a SKU beside them is a code", "vit b12 60", "VIT-B12-60", "B12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := cat.Search(ctx, catalog.Query{Text: tt.text, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			got := idsOf(res)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("Search(%q) = %q, want %s first", tt.text, got, tt.first)
			}
			if slices.Contains(got, tt.not) {
				t.Errorf("Search(%q) = %q, want no %s: its id is no code", tt.text, got, tt.not)
			}
		})
	}
}
