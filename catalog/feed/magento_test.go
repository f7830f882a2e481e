package feed

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// mgColumns are the columns of a Magento 2.4 products export (System > Data Transfer >
// Export, entity type Products), in the order it writes them.
var mgColumns = strings.Split("sku,store_view_code,attribute_set_code,product_type,categories,product_websites,name,"+
	"description,short_description,weight,product_online,tax_class_name,visibility,price,special_price,"+
	"special_price_from_date,special_price_to_date,url_key,meta_title,meta_keywords,meta_description,base_image,"+
	"base_image_label,small_image,small_image_label,thumbnail_image,thumbnail_image_label,swatch_image,"+
	"swatch_image_label,created_at,updated_at,new_from_date,new_to_date,display_product_options_in,map_price,"+
	"msrp_price,map_enabled,gift_message_available,custom_design,custom_design_from,custom_design_to,"+
	"custom_layout_update,page_layout,product_options_container,msrp_display_actual_price_type,"+
	"country_of_manufacture,additional_attributes,qty,out_of_stock_qty,use_config_min_qty,is_qty_decimal,"+
	"allow_backorders,use_config_backorders,min_cart_qty,use_config_min_sale_qty,max_cart_qty,"+
	"use_config_max_sale_qty,is_in_stock,notify_on_stock_below,use_config_notify_stock_qty,manage_stock,"+
	"use_config_manage_stock,use_config_qty_increments,qty_increments,use_config_enable_qty_inc,"+
	"enable_qty_increments,is_decimal_divided,website_id,related_skus,related_position,crosssell_skus,"+
	"crosssell_position,upsell_skus,upsell_position,additional_images,additional_image_labels,"+
	"hide_from_product_page,custom_options,bundle_price_type,bundle_sku_type,bundle_price_view,"+
	"bundle_weight_type,bundle_values,bundle_shipment_type,associated_skus,downloadable_links,"+
	"downloadable_samples,configurable_variations,configurable_variation_labels", ",")

// mgExport writes a Magento export: the header, then one row per map, each a simple
// product for the default store view, enabled, visible, in stock, with what the map
// says over it ("-" for a column left empty).
func mgExport(t *testing.T, rows ...map[string]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(mgColumns)
	for _, r := range rows {
		base := map[string]string{"attribute_set_code": "Default", "product_type": "simple", "product_websites": "base",
			"product_online": "1", "tax_class_name": "Taxable Goods", "visibility": "Catalog, Search", "qty": "10.0000",
			"is_in_stock": "1", "manage_stock": "1", "use_config_manage_stock": "1", "allow_backorders": "0",
			"created_at": "01/03/2025, 09:15", "display_product_options_in": "Block after Info Column"}
		for k, v := range r {
			base[k] = v
		}
		rec := make([]string, len(mgColumns))
		for i, c := range mgColumns {
			if v := base[c]; v != "-" {
				rec[i] = v
			}
		}
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// mgNow is the day the tests import on: within a special price from 01/03/2025 to
// 31/12/2030, after one that ended 30/06/2024, before one that starts in 2031.
var mgNow = func() time.Time { return time.Date(2026, 12, 8, 12, 0, 0, 0, time.UTC) }

// TestMagentoExport reads Magento 2 exports written as the platform writes them, one
// named case a shape: the checks are the products' fields, the reports every row
// rejected, skipped or warned about, in order.
func TestMagentoExport(t *testing.T) {
	opt := Options{DefaultSeller: "Greenhill Garden Centre", Currency: "GBP", ShopURL: "https://www.greenhill.example", Now: mgNow}
	pot := func(sku, colour, size, price string) map[string]string {
		return map[string]string{"sku": sku, "name": "Terracraft Glazed Planter-" + colour + "-" + size, "visibility": "Not Visible Individually",
			"price": price, "base_image": "-", "url_key": strings.ToLower(sku),
			"additional_attributes": "brand=Terracraft,color=" + colour + ",size=" + size}
	}
	potParent := map[string]string{"sku": "TC-GLAZE", "product_type": "configurable", "name": "Terracraft Glazed Planter",
		"description": `<p>Frost resistant, with a drainage hole.</p>`, "categories": "Default Category/Pots & Planters/Plant Pots",
		"url_key": "terracraft-glazed-planter", "base_image": "/t/c/tc-glaze.jpg", "qty": "0.0000",
		"additional_attributes":         "brand=Terracraft,material=glazed ceramic",
		"configurable_variations":       "sku=TC-GLAZE-BLUE-30,color=Blue,size=30 cm|sku=TC-GLAZE-CREAM-40,color=Cream,size=40 cm",
		"configurable_variation_labels": "color=Colour,size=Size"}
	tests := []struct {
		name    string
		rows    []map[string]string
		ids     []string
		checks  []check
		reports []string
	}{
		{"simple product", []map[string]string{{"sku": "VLM36-34", "name": "Verdan 36V Cordless Lawn Mower 34 cm",
			"description":       `<style>#html-body [data-pb-style=AB12C]{display:flex}</style><div data-content-type="row" data-pb-style="AB12C"><div data-content-type="text"><p>A 34 cm cut for small lawns.</p><ul><li>Rear roller</li><li>Folding handle</li></ul></div></div>`,
			"short_description": "<p>Light and quiet.</p>", "price": "229.000000", "special_price": "199.000000",
			"special_price_from_date": "01/03/2025", "qty": "12.0000", "url_key": "verdan-36v-lawn-mower", "base_image": "/v/l/vlm36-34.jpg",
			"categories":            "Default Category/Garden Power Tools,Default Category/Garden Power Tools/Lawn Mowers,Default Category/Sale",
			"additional_attributes": "brand=Verdan,ean=5060004120536,mpn=VLM36-34,features=Folding handle, rear roller,cutting_width=34 cm"}},
			[]string{"VLM36-34"},
			[]check{{"VLM36-34", "title", "Verdan 36V Cordless Lawn Mower 34 cm"},
				{"VLM36-34", "description", "A 34 cm cut for small lawns. Rear roller. Folding handle"},
				{"VLM36-34", "price", "£199.00"}, {"VLM36-34", "attr:list_price", "£229.00"}, {"VLM36-34", "stock", "12"},
				{"VLM36-34", "availability", "in_stock"}, {"VLM36-34", "brand", "Verdan"}, {"VLM36-34", "gtin", "5060004120536"},
				{"VLM36-34", "attr:mpn", "VLM36-34"}, {"VLM36-34", "category", "Garden Power Tools > Lawn Mowers"},
				{"VLM36-34", "hidden", "false"}, {"VLM36-34", "group", ""},
				{"VLM36-34", "url", "https://www.greenhill.example/verdan-36v-lawn-mower.html"},
				{"VLM36-34", "image", "https://www.greenhill.example/media/catalog/product/v/l/vlm36-34.jpg"}},
			nil},
		{"configurable after its children", []map[string]string{pot("TC-GLAZE-BLUE-30", "Blue", "30 cm", "18.990000"),
			pot("TC-GLAZE-CREAM-40", "Cream", "40 cm", "29.990000"), potParent},
			[]string{"TC-GLAZE-BLUE-30", "TC-GLAZE-CREAM-40"},
			[]check{{"TC-GLAZE-BLUE-30", "title", "Terracraft Glazed Planter - Blue / 30 cm"}, {"TC-GLAZE-BLUE-30", "group", "TC-GLAZE"},
				{"TC-GLAZE-BLUE-30", "attr:color", "Blue"}, {"TC-GLAZE-BLUE-30", "attr:size", "30 cm"},
				{"TC-GLAZE-BLUE-30", "attr:material", "glazed ceramic"}, {"TC-GLAZE-BLUE-30", "price", "£18.99"},
				{"TC-GLAZE-BLUE-30", "description", "Frost resistant, with a drainage hole."},
				{"TC-GLAZE-BLUE-30", "category", "Pots & Planters > Plant Pots"}, {"TC-GLAZE-BLUE-30", "brand", "Terracraft"},
				{"TC-GLAZE-BLUE-30", "hidden", "false"},
				{"TC-GLAZE-BLUE-30", "url", "https://www.greenhill.example/terracraft-glazed-planter.html"},
				{"TC-GLAZE-BLUE-30", "image", "https://www.greenhill.example/media/catalog/product/t/c/tc-glaze.jpg"},
				{"TC-GLAZE-CREAM-40", "attr:size", "40 cm"}},
			[]string{"x.csv:4: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)"}},
		{"configurable before its children", []map[string]string{potParent, pot("TC-GLAZE-CREAM-40", "Cream", "40 cm", "29.990000"),
			pot("TC-GLAZE-BLUE-30", "Blue", "30 cm", "18.990000")},
			[]string{"TC-GLAZE-CREAM-40", "TC-GLAZE-BLUE-30"},
			[]check{{"TC-GLAZE-CREAM-40", "group", "TC-GLAZE"}, {"TC-GLAZE-CREAM-40", "title", "Terracraft Glazed Planter - Cream / 40 cm"}},
			[]string{"x.csv:2: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)"}},
		{"variant named as its parent, options only in variations", []map[string]string{potParent,
			{"sku": "TC-GLAZE-BLUE-30", "name": "Terracraft Glazed Planter", "visibility": "Not Visible Individually", "price": "18.990000"},
			{"sku": "TC-GLAZE-CREAM-40", "name": "Cream planter, large", "visibility": "Not Visible Individually", "price": "29.990000"}},
			[]string{"TC-GLAZE-BLUE-30", "TC-GLAZE-CREAM-40"},
			[]check{{"TC-GLAZE-BLUE-30", "title", "Terracraft Glazed Planter - Blue / 30 cm"}, {"TC-GLAZE-BLUE-30", "attr:color", "Blue"},
				{"TC-GLAZE-CREAM-40", "title", "Cream planter, large"}, {"TC-GLAZE-CREAM-40", "attr:color", "Cream"}},
			[]string{"x.csv:2: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)"}},
		{"store view rows", []map[string]string{{"sku": "GR-MPC-40L", "name": "GrowRight Multi-Purpose Compost 40 L", "price": "6.990000"},
			{"sku": "GR-MPC-40L", "store_view_code": "cy", "name": "Compost aml-bwrpas 40 L", "product_websites": "-", "product_online": "-",
				"visibility": "-", "qty": "-", "is_in_stock": "-", "manage_stock": "-", "use_config_manage_stock": "-", "allow_backorders": "-"}},
			[]string{"GR-MPC-40L"},
			[]check{{"GR-MPC-40L", "title", "GrowRight Multi-Purpose Compost 40 L"}},
			[]string{`x.csv:3: skipped: a store view's row (store_view_code "cy"): the product is read from its row for the default store view`}},
		{"disabled, out of stock, not tracked, on backorder", []map[string]string{
			{"sku": "OLD-1", "name": "Old Mower", "price": "199.000000", "product_online": "2"},
			{"sku": "OOS-1", "name": "Hose Reel", "price": "34.990000", "qty": "0.0000", "is_in_stock": "0"},
			{"sku": "FREE-1", "name": "Seed Packet", "price": "1.990000", "qty": "0.0000", "manage_stock": "0", "use_config_manage_stock": "0"},
			{"sku": "BACK-1", "name": "Pizza Oven", "price": "229.000000", "qty": "0.0000", "allow_backorders": "1", "use_config_backorders": "0"}},
			[]string{"OLD-1", "OOS-1", "FREE-1", "BACK-1"},
			[]check{{"OLD-1", "availability", "discontinued"}, {"OLD-1", "hidden", "true"},
				{"OOS-1", "availability", "out_of_stock"}, {"OOS-1", "stock", "0"}, {"OOS-1", "hidden", "false"},
				{"FREE-1", "availability", "in_stock"}, {"FREE-1", "stock", "nil"},
				{"BACK-1", "availability", "backorder"}},
			nil},
		{"disabled configurable", []map[string]string{pot("TC-GLAZE-BLUE-30", "Blue", "30 cm", "18.990000"),
			pot("TC-GLAZE-CREAM-40", "Cream", "40 cm", "29.990000"), with(potParent, "product_online", "2")},
			[]string{"TC-GLAZE-BLUE-30", "TC-GLAZE-CREAM-40"},
			[]check{{"TC-GLAZE-BLUE-30", "hidden", "true"}, {"TC-GLAZE-BLUE-30", "availability", "discontinued"}},
			[]string{"x.csv:4: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)"}},
		{"not visible alone, named by none", []map[string]string{{"sku": "SPARE-1", "name": "Spare Knob", "price": "1.000000", "visibility": "Not Visible Individually"},
			{"sku": "SEARCH-1", "name": "Trowel", "price": "6.990000", "visibility": "Search"}},
			[]string{"SEARCH-1"},
			[]check{{"SEARCH-1", "hidden", "false"}},
			[]string{"x.csv:2: skipped: not visible individually, and no configurable product of the file names it: Magento sells it only as part of another product, so it is not imported alone"}},
		{"bundle, grouped and gift card", []map[string]string{
			{"sku": "BUNDLE-1", "product_type": "bundle", "name": "BBQ Bundle", "bundle_values": "name=BBQ,type=select,required=1,sku=EM-K47,price=0.0000"},
			{"sku": "GROUP-1", "product_type": "grouped", "name": "Watering Kit", "associated_skus": "GH-NOZZLE=1.0000,AQ-TAP-34=1.0000"},
			{"sku": "GIFT-1", "product_type": "giftcard", "name": "Gift Card"}},
			nil, nil,
			[]string{"x.csv:2: skipped: a bundle product is not read (its price and contents are what the buyer chooses); the products in it are imported when visible on their own",
				"x.csv:3: skipped: a grouped product is not read (it is sold as its items); the items are imported as products of their own",
				"x.csv:4: skipped: a gift card is not read (its amount is what the buyer chooses)"}},
		{"special price dates", []map[string]string{
			{"sku": "OVER", "name": "A", "price": "10.000000", "special_price": "8.000000", "special_price_from_date": "01/06/2024", "special_price_to_date": "30/06/2024"},
			{"sku": "LATER", "name": "B", "price": "10.000000", "special_price": "8.000000", "special_price_from_date": "01/03/2031"},
			{"sku": "ENUS", "name": "C", "price": "10.000000", "special_price": "8.000000", "special_price_from_date": "3/1/25", "special_price_to_date": "12/31/30"},
			{"sku": "ISO", "name": "D", "price": "10.000000", "special_price": "8.000000", "special_price_to_date": "2030-12-31 00:00:00"},
			{"sku": "NODATE", "name": "E", "price": "10.000000", "special_price": "8.000000"},
			{"sku": "BAD", "name": "F", "price": "10.000000", "special_price": "8.000000", "special_price_from_date": "next week"}},
			[]string{"OVER", "LATER", "ENUS", "ISO", "NODATE", "BAD"},
			[]check{{"OVER", "price", "£10.00"}, {"LATER", "price", "£10.00"}, {"ENUS", "price", "£8.00"}, {"ENUS", "attr:list_price", "£10.00"},
				{"ISO", "price", "£8.00"}, {"NODATE", "price", "£8.00"}, {"BAD", "price", "£10.00"}},
			[]string{`x.csv:7: warning: special_price_from_date "next week" is not a date as Magento writes one (3/15/25, 15/03/2025 or 2025-03-15), so special_price "8.000000" was not read: the product is sold at its price`}},
		{"fields enclosure", []map[string]string{{"sku": "AL-BENCH3", "name": "Teak Bench", "price": "349.000000",
			"additional_attributes": `brand="Ashworth & Lowe",material="teak, oiled",color="Grey"|"Natural",mpn="AL ""B3"""`}},
			[]string{"AL-BENCH3"},
			[]check{{"AL-BENCH3", "brand", "Ashworth & Lowe"}, {"AL-BENCH3", "attr:material", "teak, oiled"},
				{"AL-BENCH3", "attr:color", "Grey, Natural"}, {"AL-BENCH3", "attr:mpn", `AL "B3"`}},
			nil},
		{"a visible child before its configurable", []map[string]string{
			{"sku": "HOSE-15M", "name": "Hose 15 m", "price": "19.990000"},
			{"sku": "HOSE", "product_type": "configurable", "name": "Hose", "configurable_variations": "sku=HOSE-15M,hose_length=15 m|sku=HOSE-25M,hose_length=25 m"},
			{"sku": "HOSE-25M", "name": "Hose 25 m", "price": "29.990000", "visibility": "Not Visible Individually"}},
			[]string{"HOSE-15M", "HOSE-25M"},
			[]check{{"HOSE-15M", "group", ""}, {"HOSE-25M", "group", "HOSE"}},
			[]string{"x.csv:3: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)",
				`x.csv:3: warning: configurable_variations names sku "HOSE-15M", whose row came before it visible on its own, so it was imported as a product of its own rather than as this configurable's variant; make it Not Visible Individually, as the configurable wizard does`}},
		{"rows rejected and variants missing", []map[string]string{
			{"sku": "-", "name": "No SKU", "price": "1.000000"},
			{"sku": "ODD-1", "product_type": "weird", "name": "Odd", "price": "1.000000"},
			{"sku": "EMPTY-CONF", "product_type": "configurable", "name": "Empty"},
			{"sku": "HOSE", "product_type": "configurable", "name": "Hose", "configurable_variations": "sku=HOSE-15M,hose_length=15 m|sku=HOSE-25M,hose_length=25 m",
				"configurable_variation_labels": "hose_length=Hose Length"},
			{"sku": "HOSE-15M", "name": "Hose-15 m", "price": "19.990000", "visibility": "Not Visible Individually"}},
			[]string{"HOSE-15M"},
			[]check{{"HOSE-15M", "title", "Hose - 15 m"}, {"HOSE-15M", "group", "HOSE"}},
			[]string{"x.csv:2: sku is empty: every row of a Magento export names its product's sku",
				`x.csv:3: product_type "weird" is not one import reads (simple, virtual, downloadable, configurable; bundle, grouped and giftcard rows are skipped): export it as one of those, or leave it out`,
				"x.csv:4: a configurable product whose configurable_variations names no simple product (sku=…,color=…|sku=…): it has nothing to sell; export it with its variations, or leave it out",
				"x.csv:5: skipped: a configurable product's own row (the simple products its configurable_variations names are the products)",
				`x.csv:5: warning: configurable_variations names sku "HOSE-25M", which has no row in the file, so that variant is not imported; export the simple products with their configurable one`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(mgExport(t, tt.rows...)), "x.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, got, tt.checks)
			checkOutcome(t, got, tt.ids, tt.reports)
		})
	}
}

// with returns a copy of row with col set to v.
func with(row map[string]string, col, v string) map[string]string {
	out := map[string]string{col: v}
	for k, x := range row {
		if k != col {
			out[k] = x
		}
	}
	return out
}

// TestMagentoFlags: a Magento export names no seller and writes bare prices, so a row
// read without --seller or --currency is rejected naming the flags it needs.
func TestMagentoFlags(t *testing.T) {
	file := mgExport(t, map[string]string{"sku": "A-1", "name": "Trowel", "price": "6.990000"})
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"no seller, no currency", Options{}, "x.csv:2: no seller: a Magento export names none; pass --seller NAME, and --currency CODE for its bare prices (such as --currency USD)"},
		{"no currency", Options{DefaultSeller: "S"}, `x.csv:2: price "6.990000" has no currency and a Magento export names none; give it with --currency (such as --currency USD)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(file), "x.csv", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkOutcome(t, got, nil, []string{tt.want})
		})
	}
}

func TestMagentoDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"en_GB", "15/03/2025", "2025-03-15"},
		{"en_US", "3/15/25", "2025-03-15"},
		{"en_US with time", "3/15/25, 12:00 AM", "2025-03-15"},
		{"en_US ambiguous read month first", "3/1/25", "2025-03-01"},
		{"en_GB ambiguous read day first", "01/03/2025", "2025-03-01"},
		{"day first with a short year, day over 12", "25/3/25", "2025-03-25"},
		{"de_DE", "15.03.25", "2025-03-15"},
		{"ISO", "2025-03-15", "2025-03-15"},
		{"ISO with time", "2025-03-15 00:00:00", "2025-03-15"},
		{"words", "next week", ""},
		{"month out of range both ways", "13/13/2025", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := magentoDate(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("magentoDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestMagentoCategory(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"deepest path without the root", "Default Category/Watering,Default Category/Watering/Hoses,Default Category/Sale", "Watering > Hoses"},
		{"first of equals", "Default Category/Sale/Summer,Default Category/Watering/Hoses", "Sale > Summer"},
		{"comma in a name", "Default Category/Compost, Feed & Weedkiller/Compost", "Compost, Feed & Weedkiller > Compost"},
		{"root only", "Default Category", ""},
		{"none", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := magentoCategory(tt.in); got != tt.want {
				t.Errorf("magentoCategory(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestImportMagento imports a Magento export into a catalog: the summary counts every
// row, each skipped one with its reason, and a configurable's variants are one family.
func TestImportMagento(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	path := t.TempDir() + "/catalog_product.csv"
	file := mgExport(t,
		map[string]string{"sku": "TC-GLAZE-BLUE-30", "name": "Terracraft Glazed Planter-Blue-30 cm", "visibility": "Not Visible Individually", "price": "18.990000"},
		map[string]string{"sku": "TC-GLAZE-CREAM-40", "name": "Terracraft Glazed Planter-Cream-40 cm", "visibility": "Not Visible Individually", "price": "29.990000"},
		map[string]string{"sku": "TC-GLAZE", "product_type": "configurable", "name": "Terracraft Glazed Planter",
			"configurable_variations": "sku=TC-GLAZE-BLUE-30,color=Blue,size=30 cm|sku=TC-GLAZE-CREAM-40,color=Cream,size=40 cm"},
		map[string]string{"sku": "TC-GLAZE", "store_view_code": "cy", "product_type": "configurable", "name": "Pot gwydrog"},
	)
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	reports, err := Import(ctx, cat, []string{path}, Options{DefaultSeller: "Greenhill", Currency: "GBP"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := path + `: 2 imported, 0 updated, 0 rejected, 2 skipped (1 × a configurable product's own row (the simple products its configurable_variations names are the products); 1 × a store view's row (store_view_code "cy"): the product is read from its row for the default store view)`
	if got := reports[0].String(); got != want {
		t.Errorf("Report.String() = %q, want %q", got, want)
	}
	checkStored(t, cat, []check{{"TC-GLAZE-CREAM-40", "group", "TC-GLAZE"}, {"TC-GLAZE-CREAM-40", "title", "Terracraft Glazed Planter - Cream / 40 cm"}})
	p, err := cat.Product(ctx, "TC-GLAZE-BLUE-30")
	if err != nil {
		t.Fatal(err)
	}
	if p.Availability != catalog.InStock {
		t.Errorf("availability %s, want in_stock", p.Availability)
	}
}

// TestMagentoWaitingBound: at most maxWaitingChildren rows not visible individually
// wait for the configurable that names them; one past it is skipped saying so, and
// those held are read as variants when their configurable comes.
func TestMagentoWaitingBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("sku,product_type,attribute_set_code,name,price,visibility,configurable_variations\n")
	for i := range maxWaitingChildren + 1 {
		fmt.Fprintf(&b, "S%d,simple,Default,Seed %d,1.00,Not Visible Individually,\n", i, i)
	}
	b.WriteString("P,configurable,Default,Seeds,,\"Catalog, Search\",\"sku=S0,size=A\"\n")
	got, err := parse(t, strings.NewReader(b.String()), "x.csv", Options{DefaultSeller: "S", Currency: "GBP"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ids) != 1 || got.ids[0] != "S0" || got.products["S0"].GroupID != "P" {
		t.Fatalf("%d products (first %q), want S0 of P alone", len(got.ids), got.ids[:min(1, len(got.ids))])
	}
	over := fmt.Sprintf("x.csv:%d: skipped: not visible individually, and more than %d such rows wait for the configurable product that names them: Magento sells it only as part of another product, so it is not imported alone", maxWaitingChildren+2, maxWaitingChildren)
	if len(got.rejects) != maxWaitingChildren+1 || got.rejects[0] != over {
		t.Errorf("%d reports, the first %q; want %d, the first %q", len(got.rejects), got.rejects[:min(1, len(got.rejects))], maxWaitingChildren+1, over)
	}
}

// TestMagentoHeldRowsKeepWhatIsRead holds mgKept equal to what magentoProduct reads: a
// variant whose every column holds a value comes out the same whether its row waited
// for its configurable (kept to mgKept's columns) or came after it (read whole).
func TestMagentoHeldRowsKeepWhatIsRead(t *testing.T) {
	child := map[string]string{}
	for _, c := range mgColumns {
		child[c] = "7" // a value in every column, a number where one is read
	}
	for c, v := range map[string]string{"sku": "POT-BLUE-30", "store_view_code": "-", "product_type": "simple",
		"name": "Pot-Blue-30 cm", "description": "<p>Glazed.</p>", "short_description": "<p>Blue.</p>", "price": "18.990000",
		"special_price": "15.000000", "special_price_from_date": "01/03/2025", "special_price_to_date": "31/12/2030",
		"qty": "4.0000", "is_in_stock": "1", "manage_stock": "1", "use_config_manage_stock": "1", "allow_backorders": "0",
		"product_online": "1", "visibility": "Not Visible Individually", "url_key": "pot-blue-30", "base_image": "/p/o/pot-blue.jpg",
		"categories": "Default Category/Pots", "additional_attributes": "brand=Terracraft,ean=5060004120536,mpn=P30,color=Blue,size=30 cm,material=clay",
		"configurable_variations": "-", "configurable_variation_labels": "-"} {
		child[c] = v
	}
	parent := map[string]string{"sku": "POT", "product_type": "configurable", "name": "Pot", "categories": "Default Category/Garden/Pots",
		"description": "<p>A pot.</p>", "url_key": "pot", "base_image": "/p/o/pot.jpg", "additional_attributes": "brand=Other,material=stone",
		"configurable_variations": "sku=POT-BLUE-30,color=Blue,size=30 cm", "configurable_variation_labels": "color=Colour,size=Size"}
	opt := Options{DefaultSeller: "S", Currency: "GBP", ShopURL: "https://shop.example", Now: mgNow}
	held, err := parse(t, strings.NewReader(mgExport(t, child, parent)), "x.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := parse(t, strings.NewReader(mgExport(t, parent, child)), "x.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	h, d := held.products["POT-BLUE-30"], direct.products["POT-BLUE-30"]
	if d.ID == "" || d.Title != "Pot - Blue / 30 cm" || d.Attributes["list_price"] == "" {
		t.Fatalf("the variant read after its configurable: %+v", d)
	}
	if !reflect.DeepEqual(h, d) {
		t.Errorf("read after waiting for its configurable:\n%+v\nread after it:\n%+v", h, d)
	}
}
