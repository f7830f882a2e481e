package feed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestShopifyExport reads a Shopify products export written by hand: variants on
// rows of their own under the product's Handle, carried product fields, an image
// row, a single-variant product, draft and unpublished products, and bad rows.
func TestShopifyExport(t *testing.T) {
	got := parseFixture(t, "shopify_products.csv", Options{DefaultSeller: "Corner Shop", Currency: "usd"})
	// The mug has a Type and no Product Category: it is filed at the end of the file
	// (see TestShopifyTypeCategory).
	if want := []string{"TEE-RED-S", "classic-tee/Red/M", "TEE-BLU-S", "HAT-1", "SCARF-1", "MUG-1"}; !slices.Equal(got.ids, want) {
		t.Errorf("ids = %q, want %q", got.ids, want)
	}
	checkFields(t, got, []check{
		{"TEE-RED-S", "title", "Classic Tee - Red / S"},
		{"TEE-RED-S", "group", "classic-tee"},
		{"TEE-RED-S", "description", "Soft cotton tee & more. Machine wash."},
		{"TEE-RED-S", "brand", "Acme & Sons"},
		{"TEE-RED-S", "category", "Apparel & Accessories > Clothing > Shirts & Tops"},
		{"TEE-RED-S", "price", "$24.00"},
		{"TEE-RED-S", "attr:list_price", "$30.00"},
		{"TEE-RED-S", "stock", "5"},
		{"TEE-RED-S", "availability", "in_stock"},
		{"TEE-RED-S", "gtin", "0012345678905"},
		{"TEE-RED-S", "image", "https://cdn.example.test/tee-1.jpg"},
		{"TEE-RED-S", "attr:color", "Red"},
		{"TEE-RED-S", "attr:size", "S"},
		{"TEE-RED-S", "tags", "cotton,summer"},
		{"TEE-RED-S", "hidden", "false"},
		// A variant without a SKU: id from the Handle and option values, product
		// fields carried from the first row.
		{"classic-tee/Red/M", "title", "Classic Tee - Red / M"},
		{"classic-tee/Red/M", "brand", "Acme & Sons"},
		{"classic-tee/Red/M", "description", "Soft cotton tee & more. Machine wash."},
		{"classic-tee/Red/M", "stock", "0"},
		{"classic-tee/Red/M", "availability", "out_of_stock"},
		{"classic-tee/Red/M", "image", "https://cdn.example.test/tee-1.jpg"},
		{"classic-tee/Red/M", "attr:list_price", "<none>"},
		{"TEE-BLU-S", "price", "$22.50"},
		{"TEE-BLU-S", "attr:list_price", "<none>"}, // compare-at lower than the price
		{"TEE-BLU-S", "image", "https://cdn.example.test/tee-blue.jpg"},
		// One variant ("Default Title"): the title alone, no option attribute.
		{"MUG-1", "title", "Camp Mug"},
		{"MUG-1", "group", "camp-mug"},
		{"MUG-1", "category", "Mug"},
		{"MUG-1", "attrs", "0"},
		{"MUG-1", "hidden", "false"},
		{"MUG-1", "stock", "0"},
		{"MUG-1", "availability", "out_of_stock"},
		{"HAT-1", "hidden", "true"}, // Status draft
		{"HAT-1", "stock", "nil"},   // inventory not tracked: sold whatever the quantity
		{"HAT-1", "availability", "in_stock"},
		{"SCARF-1", "hidden", "true"}, // Published false
		{"SCARF-1", "stock", "nil"},   // policy continue: sold when out of stock
		{"SCARF-1", "availability", "in_stock"},
	})
	want := []string{
		`shopify_products.csv:6: skipped: a row without a variant (a product's further image)`,
		`shopify_products.csv:10: no row before this one has Handle "lost-sock" with a Title; a product's first row must carry its Title`,
		`shopify_products.csv:11: price "abc" is not a price like "29.99 USD"`,
		`shopify_products.csv:12: Status "paused" is not active, draft or archived`,
	}
	if !slices.Equal(got.rejects, want) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(want, "\n"))
	}
}

// TestShopExportCurrency: Shopify and WooCommerce write prices bare, so their currency
// comes from a currency column, else Options.Currency; with neither the row is
// refused naming the flag.
func TestShopExportCurrency(t *testing.T) {
	const header = "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price"
	const wooHeader = "ID,Type,SKU,Name,Regular price"
	tests := []struct {
		name     string
		header   string
		rows     string
		currency string
		want     string // the price of product A, or the reject
	}{
		{"flag", header, "a,A,Title,Default Title,A,24.00", "EUR", "€24.00"},
		{"no flag", header, "a,A,Title,Default Title,A,24.00", "",
			`x.csv:2: Variant Price "24.00" has no currency and a Shopify export names none; give it with --currency (such as --currency USD)`},
		{"a dollar sign and the flag", header, "a,A,Title,Default Title,A,\"$1,299.00\"", "USD", "$1,299.00"},
		{"a dollar sign, no flag", header, "a,A,Title,Default Title,A,$24.00", "",
			`x.csv:2: Variant Price "$24.00" has no currency and a Shopify export names none; give it with --currency (such as --currency USD)`},
		{"a euro sign against the flag", header, "a,A,Title,Default Title,A,€24.00", "USD",
			`x.csv:2: price "€24.00" has the symbol €, which does not stand for USD, the currency given for it; write the three-letter code, like "29.99 USD"`},
		{"currency in the price", header, "a,A,Title,Default Title,A,24.00 GBP", "", "£24.00"},
		{"woo flag", wooHeader, "1,simple,A,Mug,9.50", "EUR", "€9.50"},
		{"woo no flag", wooHeader, "1,simple,A,Mug,9.50", "",
			`x.csv:2: Regular price "9.50" has no currency and a WooCommerce export names none; give it with --currency (such as --currency USD)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res := priceOrRejects(t, tt.header+"\n"+tt.rows+"\n", tt.currency); res != tt.want {
				t.Errorf("got %q, want %q", res, tt.want)
			}
		})
	}
	t.Run("currency column", func(t *testing.T) {
		got, err := parse(t, strings.NewReader(header+",Currency\na,A,Title,Default Title,A,24.00,JPY\n"), "x.csv", Options{DefaultSeller: "S"})
		if err != nil {
			t.Fatal(err)
		}
		if p := got.products["A"]; p.Price.String() != "¥24" {
			t.Errorf("price = %q (rejects %q), want ¥24", p.Price.String(), got.rejects)
		}
	})
	t.Run("bad flag", func(t *testing.T) {
		_, err := parse(t, strings.NewReader(header+"\n"), "x.csv", Options{DefaultSeller: "S", Currency: "dollars"})
		if err == nil || !strings.Contains(err.Error(), `currency "dollars"`) {
			t.Errorf("err = %v, want one naming the currency", err)
		}
	})
}

// TestImportShopify: Import counts a Shopify export's image rows as skipped, apart
// from the rejects, and neither streams nor keeps them as errors.
func TestImportShopify(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	var streamed []string
	files := []string{fixture("shopify_products.csv")}
	reports, err := Import(ctx, cat, files, Options{DefaultSeller: "Corner Shop", Currency: "USD"}, func(e RowError) {
		streamed = append(streamed, e.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	checkReports(t, "import", reports, files, []counts{{Imported: 6, Rejected: 3}})
	if got, want := reports[0].Skipped, 1; got != want {
		t.Errorf("Skipped = %d, want %d", got, want)
	}
	if got, want := reports[0].String(), files[0]+": 6 imported, 0 updated, 3 rejected, 1 skipped (1 × a row without a variant (a product's further image))"; got != want {
		t.Errorf("Report.String() = %q, want %q", got, want)
	}
	if len(streamed) != 3 {
		t.Errorf("streamed %d errors, want the 3 rejects: %q", len(streamed), streamed)
	}
	checkStored(t, cat, []check{
		{"classic-tee/Red/M", "group", "classic-tee"},
		{"TEE-RED-S", "attr:list_price", "$30.00"},
		{"HAT-1", "hidden", "true"},
	})
}

// TestWooCommerceExport reads a WooCommerce products export written by hand: a
// simple product on sale, a variable product (skipped) whose variations take its
// fields, a scheduled sale left out, draft and hidden products and a row without a
// price.
func TestWooCommerceExport(t *testing.T) {
	got := parseFixture(t, "woocommerce_products.csv", Options{DefaultSeller: "Corner Shop", Currency: "USD"})
	if want := []string{"MUG-W", "TEE-W-RED", "202", "DRAFT-W", "HID-W"}; !slices.Equal(got.ids, want) {
		t.Errorf("ids = %q, want %q", got.ids, want)
	}
	checkFields(t, got, []check{
		{"MUG-W", "title", "Enamel Mug"},
		{"MUG-W", "description", "Enamel mug & lid."},
		{"MUG-W", "price", "$12.00"},
		{"MUG-W", "attr:list_price", "$15.00"},
		{"MUG-W", "category", "Home > Kitchen"},
		{"MUG-W", "image", "https://img.example.test/mug.jpg"},
		{"MUG-W", "brand", "Harbor"},
		{"MUG-W", "stock", "12"},
		{"MUG-W", "group", ""},
		{"MUG-W", "hidden", "false"},
		{"TEE-W-RED", "title", "Woo Tee - Red"},
		{"TEE-W-RED", "group", "TEE-W"},
		{"TEE-W-RED", "description", "Cotton tee."},
		{"TEE-W-RED", "category", "Apparel > Shirts"},
		{"TEE-W-RED", "brand", "Acme"},
		{"TEE-W-RED", "image", "https://img.example.test/tee.jpg"},
		{"TEE-W-RED", "availability", "in_stock"},
		{"TEE-W-RED", "attr:color", "Red"},
		{"202", "group", "TEE-W"}, // Parent given by SKU
		{"202", "availability", "out_of_stock"},
		{"202", "price", "$20.00"}, // the sale has dates, which are not read
		{"202", "attr:list_price", "<none>"},
		{"DRAFT-W", "hidden", "true"},
		{"HID-W", "hidden", "true"},
	})
	want := []string{
		`woocommerce_products.csv:3: skipped: a variable product's own row (its variations are the products)`,
		`woocommerce_products.csv:8: price is missing: give the row one (29.99 USD, or 29.99 with --currency)`,
	}
	if !slices.Equal(got.rejects, want) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(want, "\n"))
	}
}

// TestShopExportFlags: a Shopify, WooCommerce or BigCommerce export names no seller
// and writes bare prices, so a row read without --seller says so, and names --currency
// too when it is missing as well: one run shows every flag the file needs (a new
// user's pet shop took two runs of 422 rejections each to learn them).
func TestShopExportFlags(t *testing.T) {
	shops := []struct {
		shop, feed, price string
		first             []string // what every case reports before the product's row
	}{
		{"Shopify", "Handle,Title,Vendor,Variant SKU,Variant Price\nmug,Blue Mug,Acme,M1,9.50\n", "Variant Price", nil},
		{"WooCommerce", "ID,Type,SKU,Name,Regular price,Parent\n1,variable,P,Tee,,\n2,variation,P-S,Tee - S,9.50,P\n", "Regular price",
			[]string{`x.csv:2: skipped: a variable product's own row (its variations are the products)`}},
		{"BigCommerce", "Item Type,Product Name,Product Code/SKU,Price\nProduct,Blue Mug,M1,9.50\n", "Price", nil},
	}
	for _, sh := range shops {
		line := fmt.Sprintf("x.csv:%d: ", 2+len(sh.first))
		tests := []struct {
			name string
			opt  Options
			want string // the product row's rejection; "" for none
		}{
			{"neither", Options{}, "no seller: a " + sh.shop + " export names none; pass --seller NAME, and --currency CODE for its bare prices (such as --currency USD)"},
			{"no seller", Options{Currency: "USD"}, "no seller: a " + sh.shop + " export names none; pass --seller NAME"},
			{"no currency", Options{DefaultSeller: "S"}, sh.price + ` "9.50" has no currency and a ` + sh.shop + " export names none; give it with --currency (such as --currency USD)"},
			{"both", Options{DefaultSeller: "S", Currency: "USD"}, ""},
		}
		for _, tt := range tests {
			t.Run(sh.shop+"/"+tt.name, func(t *testing.T) {
				got, err := parse(t, strings.NewReader(sh.feed), "x.csv", tt.opt)
				if err != nil {
					t.Fatal(err)
				}
				want := slices.Clone(sh.first)
				if tt.want != "" {
					want = append(want, line+tt.want)
				}
				if !slices.Equal(got.rejects, want) {
					t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(want, "\n"))
				}
				if tt.want == "" && len(got.ids) != 1 {
					t.Errorf("%d products, want 1", len(got.ids))
				}
			})
		}
	}
}

// TestShopExportColumns holds what real Shopify and WooCommerce exports carry beyond
// the basics: Shopify's Google Shopping columns (the MPN a shopper searches by, carried
// to further variants), a barcode kept as text behind a spreadsheet's apostrophe,
// WooCommerce's line breaks written as \n, and the variations of a draft or hidden
// WooCommerce product, which the shop does not sell.
func TestShopExportColumns(t *testing.T) {
	const shop = "Handle,Title,Vendor,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Barcode,Google Shopping / MPN,Google Shopping / Condition,Google Shopping / Gender,Google Shopping / Age Group\n"
	const woo = "ID,Type,SKU,Name,Published,Visibility in catalog,Description,Regular price,Parent\n"
	const wooStock = "ID,Type,SKU,Name,In stock?,Stock,Regular price\n"
	const wooTerms = "ID,Type,SKU,\"GTIN, UPC, EAN, or ISBN\",Name,Categories,Tags,Brands,Regular price,Parent\n"
	tests := []struct {
		name, file string
		checks     []check
	}{
		{"shopify google shopping columns", shop +
			"tee,Tee,Acme,Size,S,TEE-S,20.00,,AC-1000,used,female,adult\n" +
			"tee,,,,M,TEE-M,20.00,,,,,\n",
			[]check{{"TEE-S", "attr:mpn", "AC-1000"}, {"TEE-S", "attr:condition", "used"}, {"TEE-S", "attr:gender", "female"},
				{"TEE-S", "attr:age_group", "adult"}, {"TEE-M", "attr:mpn", "AC-1000"}, {"TEE-M", "attr:size", "M"}}},
		{"shopify barcode behind an apostrophe", shop + "mug,Mug,Acme,Title,Default Title,MUG,9.00,'0012345678905,,,,\n",
			[]check{{"MUG", "gtin", "0012345678905"}}},
		{"flat gtin behind an apostrophe", "id,title,price,gtin\nA,Mug,9.00 USD,'0012345678905\n",
			[]check{{"A", "gtin", "0012345678905"}}},
		{"woo line breaks", woo + `1,simple,A,Mug,1,visible,"<p>Line one.</p>\n<p>Line two \\n stays.</p>",9.00,` + "\n",
			[]check{{"A", "description", "Line one. Line two \\n stays."}}},
		{"woo variations of a draft parent", woo + "1,variable,P,Tee,-1,visible,,,\n2,variation,P-S,Tee - S,1,visible,,9.00,id:1\n",
			[]check{{"P-S", "hidden", "true"}}},
		{"woo variations of a hidden parent", woo + "1,variable,P,Tee,1,hidden,,,\n2,variation,P-S,Tee - S,1,visible,,9.00,P\n",
			[]check{{"P-S", "hidden", "true"}}},
		{"woo variations of a published parent", woo + "1,variable,P,Tee,1,visible,,,\n2,variation,P-S,Tee - S,1,visible,,9.00,id:1\n",
			[]check{{"P-S", "hidden", "false"}}},
		// WooCommerce 9.2+ writes the product's GTIN in its own column, after SKU.
		{"woo gtin column", wooTerms + `1,simple,A,0012345678905,Mug,,,,9.00,` + "\n" +
			`2,variable,P,,Tee,,,,,` + "\n" + `3,variation,P-S,'4006381333931,Tee - S,,,,9.00,P` + "\n",
			[]check{{"A", "gtin", "0012345678905"}, {"P-S", "gtin", "4006381333931"}}},
		// A comma inside a term's name is written \, ; the paths are separated by commas.
		{"woo category with an escaped comma", wooTerms + `1,simple,A,,Collar,"Dog > Collars\, Harnesses & Leashes > Collars, Sale",,,9.00,` + "\n",
			[]check{{"A", "category", "Dog > Collars, Harnesses & Leashes > Collars"}}},
		{"woo brand with an escaped comma", wooTerms + `1,simple,A,,Mug,,,"Smith\, Jones & Co, Other",9.00,` + "\n",
			[]check{{"A", "brand", "Smith, Jones & Co"}}},
		// Uncategorized is WooCommerce's default category: no category.
		{"woo uncategorized", wooTerms + "1,simple,A,,Mug,Uncategorized,,,9.00,\n2,simple,B,,Cup,\"Uncategorized, Home\",,,9.00,\n",
			[]check{{"A", "category", ""}, {"B", "category", "Home"}}},
		// Of several paths the deepest is the product's category, the first of equals.
		{"woo deepest category", wooTerms + "1,simple,A,,Carrier,\"New Arrivals, Travel > Carriers, Sale\",,,9.00,\n2,simple,B,,Bowl,\"Dogs, Cats\",,,9.00,\n",
			[]check{{"A", "category", "Travel > Carriers"}, {"B", "category", "Dogs"}}},
		// WooCommerce writes "backorder" in In stock? for a product on backorder.
		{"woo backorder", wooStock + "1,simple,A,Mug,backorder,,9.00\n2,simple,B,Cup,backorder,-3,9.00\n3,simple,C,Jug,1,,9.00\n4,simple,D,Pot,0,,9.00\n",
			[]check{{"A", "availability", "backorder"}, {"B", "availability", "backorder"}, {"B", "stock", "0"},
				{"C", "availability", "in_stock"}, {"D", "availability", "out_of_stock"}}},
		// Tags are read as Shopify's are; a variation takes its parent's.
		{"woo tags", wooTerms + `1,variable,P,,Crate,Dog > Crates,"kennel, wire crate",,,` + "\n" + `2,variation,P-24,,Crate - 24 inch,,,,39.99,P` + "\n" +
			`3,simple,A,,Pads,,"pee pads,  training pads ",,9.00,` + "\n",
			[]check{{"P-24", "tags", "kennel,wire crate"}, {"A", "tags", "pee pads,training pads"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.file), "x.csv", Options{DefaultSeller: "S", Currency: "USD"})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range got.rejects {
				if !strings.Contains(r, "skipped: ") {
					t.Errorf("rejected: %s", r)
				}
			}
			checkFields(t, got, tt.checks)
		})
	}
}

// TestShopifyExport2025 reads the products export Shopify writes since 2025 (URL
// handle, Description, SKU, Price, Compare-at price, Inventory quantity, Continue
// selling when out of stock, Product image URL…) as the long-standing one.
func TestShopifyExport2025(t *testing.T) {
	got := parseFixture(t, "shopify_products_2025.csv", Options{DefaultSeller: "North Studio", Currency: "USD"})
	checkFields(t, got, []check{
		{"SH-001-S", "title", "Linen Shirt - S / Sage"},
		{"SH-001-S", "group", "linen-shirt"},
		{"SH-001-S", "description", "Washed European linen — breathable. Relaxed fit."},
		{"SH-001-S", "brand", "North Studio"},
		{"SH-001-S", "price", "$79.90"},
		{"SH-001-S", "attr:list_price", "$99.00"},
		{"SH-001-S", "stock", "12"},
		{"SH-001-S", "attr:color", "Sage"},
		{"SH-001-S", "attr:mpn", "LS-1"},
		{"SH-001-S", "image", "https://cdn.shopify.test/linen-1.jpg"},
		{"SH-001-M", "stock", "nil"}, // continue selling when out of stock
		{"SH-001-M", "availability", "in_stock"},
		{"SH-001-M", "image", "https://cdn.shopify.test/linen-m.jpg"},
		{"SH-001-M", "description", "Washed European linen — breathable. Relaxed fit."},
		{"MT-30", "title", "抹茶 Matcha Tin"},
		{"MT-30", "price", "$1,250.00"},
		{"MT-30", "gtin", "4901234567894"},
		{"MT-30", "hidden", "true"}, // not published on the online store
		{"MT-30", "availability", "in_stock"},
	})
	want := []string{`shopify_products_2025.csv:5: skipped: a row without a variant (a product's further image)`}
	checkOutcome(t, got, []string{"SH-001-S", "SH-001-M", "MT-30"}, want)
}

// TestShopifySharedSKU: Shopify does not make SKUs unique, and a shop whose SKUs are
// cut short gives two variants one; the later variant then takes its Handle-and-options
// id, with a warning naming the line that has the SKU, so that neither replaces the
// other. The same variant repeated keeps its SKU (the later row wins).
func TestShopifySharedSKU(t *testing.T) {
	const header = "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Price\n"
	tests := []struct {
		name     string
		rows     string
		ids      []string
		warnings []string
	}{
		{"two sizes cut to one SKU",
			"chinos,Chinos,Colour,Olive,Size,W32 L32,CH-OLIVE-W32-L3,53.00\n" +
				"chinos,,,Olive,,W32 L34,CH-OLIVE-W32-L3,53.00\n" +
				"chinos,,,Olive,,W34 L32,CH-OLIVE-W34-L3,53.00\n",
			[]string{"CH-OLIVE-W32-L3", "chinos/Olive/W32 L34", "CH-OLIVE-W34-L3"},
			[]string{`x.csv:3: warning: Variant SKU "CH-OLIVE-W32-L3" is the SKU of another variant (line 2), so this variant's id is "chinos/Olive/W32 L34", lest one replace the other; give each variant its own SKU in Shopify`}},
		{"one SKU on two products",
			"tote,Tote,Title,Default Title,,,BAG-1,20.00\n" +
				"shopper,Shopper,Title,Default Title,,,BAG-1,30.00\n",
			[]string{"BAG-1", "shopper"},
			[]string{`x.csv:3: warning: Variant SKU "BAG-1" is the SKU of another variant (line 2), so this variant's id is "shopper", lest one replace the other; give each variant its own SKU in Shopify`}},
		{"the same variant twice keeps its SKU",
			"tee,Tee,Size,S,,,TEE-S,20.00\n" +
				"tee,,,S,,,TEE-S,18.00\n",
			[]string{"TEE-S", "TEE-S"}, nil},
		{"unique SKUs", "tee,Tee,Size,S,,,TEE-S,20.00\ntee,,,M,,,TEE-M,20.00\n", []string{"TEE-S", "TEE-M"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(header+tt.rows), "x.csv", Options{DefaultSeller: "S", Currency: "GBP"})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.ids, tt.ids) {
				t.Errorf("ids = %q, want %q", got.ids, tt.ids)
			}
			if !slices.Equal(got.rejects, tt.warnings) {
				t.Errorf("reported:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// TestShopifyWaistLength: a variant sized by Waist and Length options (no Size
// option) gets the size they say, "W32 L30", in either order of the options; a Waist
// alone "W32"; values that are not numbers as written; a Size option wins.
func TestShopifyWaistLength(t *testing.T) {
	const header = "Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Price\n"
	tests := []struct {
		name, row string
		title     string
		size      string
	}{
		{"waist then length", "jeans,Jeans,Waist,32,Length,30,Colour,Black,J-1,50.00\n", "Jeans - 32 / 30 / Black", "W32 L30"},
		{"length then waist", "jeans,Jeans,Length,30,Waist,32,,,J-1,50.00\n", "Jeans - 30 / 32", "W32 L30"},
		{"inside leg", "jeans,Jeans,Waist Size,34,Inside Leg,32,,,J-1,50.00\n", "Jeans - 34 / 32", "W34 L32"},
		{"waist alone", "jeans,Jeans,Waist,32,Colour,Blue,,,J-1,50.00\n", "Jeans - 32 / Blue", "W32"},
		{"written with letters", "jeans,Jeans,Waist,W32,Length,Regular,,,J-1,50.00\n", "Jeans - W32 / Regular", "W32 Regular"},
		{"a size option wins", "jeans,Jeans,Size,W32 L32,Waist,32,,,J-1,50.00\n", "Jeans - W32 L32 / 32", "W32 L32"},
		{"no waist", "tee,Tee,Size,M,Length,Long,,,T-1,20.00\n", "Tee - M / Long", "M"},
		{"length alone is no size", "scarf,Scarf,Length,180cm,,,,,S-1,20.00\n", "Scarf - 180cm", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(header+tt.row), "x.csv", Options{DefaultSeller: "S", Currency: "GBP"})
			if err != nil {
				t.Fatal(err)
			}
			p, ok := got.products[got.ids[0]]
			if !ok || len(got.rejects) > 0 {
				t.Fatalf("no product (%q)", got.rejects)
			}
			if p.Title != tt.title || p.Attributes["size"] != tt.size {
				t.Errorf("title %q, size %q; want %q, %q", p.Title, p.Attributes["size"], tt.title, tt.size)
			}
		})
	}
}

// TestShopifyTypeCategory: a product with a Type and no Product Category is filed
// where the file's other products of that Type are: under the segments all their paths
// share, with the Type after them unless the last one names it; alone, as before, when
// they share nothing or there are none. Such products come after the others.
func TestShopifyTypeCategory(t *testing.T) {
	const header = "Handle,Title,Product Category,Type,Option1 Name,Option1 Value,Variant SKU,Variant Price\n"
	rows := "" +
		"wrap,Wrap Dress,,Dresses,Title,Default Title,D-1,50.00\n" + // before the dresses with a path
		"slip,Slip Dress,Apparel & Accessories > Clothing > Dresses,Dresses,Title,Default Title,D-2,50.00\n" +
		"smock,Smock Dress,Apparel & Accessories > Clothing > Dresses,dresses,Title,Default Title,D-3,50.00\n" +
		"crew,Crew Jumper,Apparel & Accessories > Clothing > Shirts & Tops,Knitwear,Title,Default Title,K-1,50.00\n" +
		"cable,Cable Jumper,,Knitwear,Title,Default Title,K-2,50.00\n" +
		"tee,Tee,Apparel & Accessories > Clothing > Shirts & Tops,T-Shirts,Title,Default Title,T-1,20.00\n" +
		"vest,Vest,,T-Shirts,Title,Default Title,T-2,20.00\n" +
		"coat,Wool Coat,Apparel & Accessories > Clothing > Outerwear > Coats & Jackets,Jackets,Title,Default Title,J-1,90.00\n" +
		"blazer,Blazer,Apparel & Accessories > Clothing > Suits > Blazers,Jackets,Title,Default Title,J-2,90.00\n" +
		"shacket,Shacket,,Jackets,Title,Default Title,J-3,90.00\n" +
		"tote,Tote,Apparel & Accessories > Handbags,Bags,Title,Default Title,B-1,30.00\n" +
		"pack,Rucksack,Luggage & Bags > Backpacks,Bags,Title,Default Title,B-2,30.00\n" +
		"weekender,Weekender,,Bags,Title,Default Title,B-3,30.00\n" +
		"candle,Candle,,Home,Title,Default Title,C-1,10.00\n"
	got, err := parse(t, strings.NewReader(header+rows), "x.csv", Options{DefaultSeller: "S", Currency: "GBP"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, id, category string }{
		{"the path names the type, read later in the file", "D-1", "Apparel & Accessories > Clothing > Dresses"},
		{"the type after a path that does not name it", "K-2", "Apparel & Accessories > Clothing > Shirts & Tops > Knitwear"},
		{"a path naming the type's last word", "T-2", "Apparel & Accessories > Clothing > Shirts & Tops"},
		{"the segments the paths share", "J-3", "Apparel & Accessories > Clothing > Jackets"},
		{"paths that share nothing", "B-3", "Bags"},
		{"no other product of the type", "C-1", "Home"},
		{"a product with a path keeps it", "J-2", "Apparel & Accessories > Clothing > Suits > Blazers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, ok := got.products[tt.id]; !ok || p.Category != tt.category {
				t.Errorf("%s: category %q, want %q", tt.id, p.Category, tt.category)
			}
		})
	}
	if n := len(got.ids); n != 14 || !slices.Equal(got.ids[n-6:], []string{"D-1", "K-2", "T-2", "J-3", "B-3", "C-1"}) {
		t.Errorf("ids %q: want the six without a Product Category last, in file order", got.ids)
	}
}
