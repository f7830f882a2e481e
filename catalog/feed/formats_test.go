package feed

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

var may2026 = func() time.Time { return time.Date(2026, 5, 15, 12, 0, 0, 0, time.UTC) }

func TestParseInline(t *testing.T) {
	opt := Options{DefaultSeller: "Corner Shop", Now: may2026}
	const head = "item_id,title,price,seller_name\n"
	tests := []struct {
		name        string
		file        string
		data        string
		opt         *Options // nil: opt above
		wantIDs     []string
		wantLines   []int // checked when not nil
		wantRejects []string
		checks      []check
	}{
		{
			name:      "CRLF CSV with a quoted multi-line field",
			file:      "a.csv",
			data:      "item_id,title,price\r\nA,\"two\r\nlines\",1 USD\r\nB,b,x\r\nC,c,2 USD\r\n",
			wantIDs:   []string{"A", "C"},
			wantLines: []int{2, 5},
			wantRejects: []string{
				`a.csv:4: price "x" is not a price like "29.99 USD"`,
			},
			checks: []check{{"A", "title", "two lines"}},
		},
		{
			name:      "semicolon CSV of European Excel, decimal commas and a quoted ;",
			file:      "export.csv",
			data:      "\ufeffid;title;price;currency;description\r\nA;Kaffeebecher;12,90 €;EUR;\"Steingut; spülmaschinenfest\"\r\nB;Teekanne;1.234,50;EUR;\r\n",
			wantIDs:   []string{"A", "B"},
			checks:    []check{{"A", "price", "€12.90"}, {"A", "description", "Steingut; spülmaschinenfest"}, {"B", "price", "€1,234.50"}},
			wantLines: []int{2, 3},
		},
		{
			name:    "a .csv file separated by tabs",
			file:    "export.csv",
			data:    "id\ttitle\tprice\nA\tMug, large\t3 USD\n",
			wantIDs: []string{"A"},
			checks:  []check{{"A", "title", "Mug, large"}},
		},
		{
			name:    "a .txt file separated by semicolons",
			file:    "export.txt",
			data:    "id;title;price\nA;Mug;3 USD\n",
			wantIDs: []string{"A"},
		},
		{
			name:    "header names are trimmed and case and spacing insensitive; unknown columns ignored",
			file:    "a.csv",
			data:    " Item ID ,TITLE,Image-Link,Price,Shoe Colour\nA,Alpha,https://img.test/a.png,3 USD,red\n",
			wantIDs: []string{"A"},
			checks:  []check{{"A", "image", "https://img.test/a.png"}, {"A", "attrs", "0"}},
		},
		{
			name:    "current names win over legacy ones",
			file:    "a.csv",
			data:    "id,item_id,title,price,link,url\nold,new,Alpha,3 USD,https://old.test,https://new.test\n",
			wantIDs: []string{"new"},
			checks:  []check{{"new", "url", "https://new.test"}},
		},
		{
			name:    "blank rows are skipped and a trailing delimiter is accepted",
			file:    "a.csv",
			data:    head + "\n,,,\nA,Alpha,3 USD,S,\n",
			wantIDs: []string{"A"},
		},
		{
			name:        "a row with extra values is rejected",
			file:        "a.csv",
			data:        head + "A,Alpha,3 USD,S,surplus\n",
			wantRejects: []string{"a.csv:2: row has 5 fields but the header has 4"},
		},
		{
			name: "price forms",
			file: "a.csv",
			data: "item_id,title,price,price_amount,currency\n" +
				"A,a,29.99 USD,,\n" +
				"B,b,USD 5,,\n" +
				"C,c,7.5,,eur\n" +
				"D,d,,1299.00,GBP\n" +
				"E,e,,12,\n" +
				"F,f,9 USD,,EUR\n" +
				"G,g,9,,\n" +
				"H,h,\"1,299.00 USD\",,\n" +
				"I,i,\"29,99 EUR\",,\n" +
				"J,j,\"1.234,56\",,eur\n" +
				"K,k,,\"1.299,00\",GBP\n" +
				"L,l,\"1,234 JPY\",,\n" +
				"M,m,\"1,234 USD\",,\n" +
				"N,n,,\"1.234\",EUR\n",
			wantIDs: []string{"A", "B", "C", "D", "H", "I", "J", "K", "L"},
			wantRejects: []string{
				`a.csv:6: price_amount "12" needs a currency column (or --currency)`,
				`a.csv:7: price "9 USD" is in USD but the currency column says "EUR"`,
				`a.csv:8: price "9" has no currency; write it like "29.99 USD", or name it with a currency column or --currency`,
				`a.csv:14: price "1,234 USD": "1,234" is ambiguous: the "," may group thousands or mark decimals; write the amount with 2 decimals, such as "1234.00"`,
				`a.csv:15: price_amount "1.234": "1.234" is ambiguous: the "." may group thousands or mark decimals; write the amount with 2 decimals, such as "1234.00"`,
			},
			checks: []check{
				{"A", "price", "$29.99"}, {"B", "price", "$5.00"}, {"C", "price", "€7.50"},
				{"D", "price", "£1,299.00"}, {"H", "price", "$1,299.00"}, {"I", "price", "€29.99"},
				{"J", "price", "€1,234.56"}, {"K", "price", "£1,299.00"}, {"L", "price", "¥1,234"},
			},
		},
		{
			name: "sale prices",
			file: "a.csv",
			data: "item_id,title,price,sale_price,sale_price_effective_date\n" +
				"A,a,20 USD,15 USD,\n" + // applies
				"B,b,20 USD,25 USD,\n" + // not lower: ignored
				"C,c,20 USD,15 EUR,\n" + // other currency: ignored
				"D,d,20 USD,15,\n" + // bare amount takes the price's currency
				"E,e,20 USD,15 USD,2026-01-01/2026-02-01\n" + // over: ignored
				"F,f,20 USD,15 USD,2026-05-15/2026-05-15\n" + // a date-only end includes the day
				"G,g,20 USD,15 USD,2026-05-15T12:00:01Z/\n" + // not started: ignored
				"H,h,20 USD,15 USD,/2026-06-01T00:00+02:00\n" + // open start
				"I,i,20 USD,cheap,\n" +
				"J,j,20 USD,15 USD,next week\n",
			wantIDs: []string{"A", "B", "C", "D", "E", "F", "G", "H"},
			wantRejects: []string{
				`a.csv:10: sale_price "cheap" is not a price like "29.99 USD"`,
				`a.csv:11: sale_price_effective_date "next week" is not a date range like "2025-11-01T00:00Z/2025-11-30T23:59Z"`,
			},
			checks: []check{
				{"A", "price", "$15.00"}, {"A", "attr:list_price", "$20.00"},
				{"B", "price", "$20.00"}, {"B", "attr:list_price", "<none>"},
				{"C", "price", "$20.00"},
				{"D", "price", "$15.00"},
				{"E", "price", "$20.00"},
				{"F", "price", "$15.00"},
				{"G", "price", "$20.00"},
				{"H", "price", "$15.00"},
			},
		},
		{
			name: "stock, availability, booleans, ratings and categories",
			file: "a.tsv",
			data: "item_id\ttitle\tprice\tinventory_quantity\tavailability\tenable_search\tproduct_review_rating\tproduct_review_count\tgoogle_product_category\n" +
				"A\ta\t1 USD\t-3\t\tYES\t0\t1,204\t123\n" +
				"B\tb\t1 USD\t12.0\tSold Out\tNo\t5\t0\tSports > Cycling\n" +
				"C\tc\t1 USD\t\thttps://schema.org/PreOrder\t0\t\t\t\n" +
				"D\td\t1 USD\t\t\t1\t-1\t\t\n" +
				"E\te\t1 USD\t\t\t\t\t-2\t\n",
			wantIDs: []string{"A", "B", "C"},
			wantRejects: []string{
				`a.tsv:5: product_review_rating "-1" is not a number from 0 to 5`,
				`a.tsv:6: product_review_count "-2" must not be negative`,
			},
			checks: []check{
				{"A", "stock", "0"}, {"A", "availability", "out_of_stock"}, {"A", "hidden", "false"},
				{"A", "reviews", "1204"}, {"A", "category", ""},
				{"B", "stock", "12"}, {"B", "availability", "out_of_stock"}, {"B", "hidden", "true"},
				{"B", "rating", "5"}, {"B", "category", "Sports > Cycling"},
				{"C", "availability", "preorder"}, {"C", "hidden", "true"}, {"C", "stock", "nil"},
			},
		},
		{
			name: "a later category column that goes on from the first is taken",
			file: "a.csv",
			data: "item_id,title,price,google_product_category,product_type\n" +
				"A,a,1 USD,Hardware > Tools,Hardware > Tools > Drills\n" + // finer, same path
				"B,b,1 USD,Hardware > Tools,hardware >tools> Saws > Mitre Saws\n" + // case and spacing aside
				"D,d,1 USD,Hardware > Tools,Hardware > Tools\n" + // the same path
				"F,f,1 USD,632,Hardware > Tools > Drills\n", // a taxonomy number is no category
			wantIDs: []string{"A", "B", "D", "F"},
			checks: []check{
				{"A", "category", "Hardware > Tools > Drills"}, {"A", "tags", ""},
				{"B", "category", "hardware > tools > Saws > Mitre Saws"},
				{"D", "category", "Hardware > Tools"}, {"D", "tags", ""},
				{"F", "category", "Hardware > Tools > Drills"},
			},
		},
		{
			// The seller's own product_type on another branch than Google's category
			// is the category; Google's path is kept as a tag. Other columns keep the
			// first path unless a later one goes on from it.
			name: "a Merchant feed's own product_type on another branch is the category",
			file: "a.csv",
			data: "item_id,title,price,google_product_category,product_type,category\n" +
				"C,c,1 USD,Hardware > Tools,Hardware > Tool Storage,\n" + // a sibling branch
				"G,g,1 USD,Hardware > Tools,Garden > Outdoor Power Equipment,\n" + // another department
				"E,e,1 USD,Hardware > Tools,Hardware > Toolsets > Boxes,\n" + // a segment that only begins the same
				"H,h,1 USD,Hardware > Tools > Drills,Hardware > Tools,\n" + // Google's goes on from the seller's: Google's
				"I,i,1 USD,Hardware > Tools,Drills,\n" + // a shallower type: Google's, the type a tag
				"J,j,1 USD,Hardware > Tools,Sale > Summer Deals,Hardware > Tools\n", // category comes first
			wantIDs: []string{"C", "G", "E", "H", "I", "J"},
			checks: []check{
				{"C", "category", "Hardware > Tool Storage"}, {"C", "tags", "Hardware > Tools"},
				{"G", "category", "Garden > Outdoor Power Equipment"}, {"G", "tags", "Hardware > Tools"},
				{"E", "category", "Hardware > Toolsets > Boxes"}, {"E", "tags", "Hardware > Tools"},
				{"H", "category", "Hardware > Tools > Drills"}, {"H", "tags", ""},
				{"I", "category", "Hardware > Tools"}, {"I", "tags", "Drills"},
				{"J", "category", "Hardware > Tools"}, {"J", "tags", ""},
			},
		},
		{
			name:    "sellers: slugs, shared ids and bad names",
			file:    "a.csv",
			data:    head + "A,a,1 USD,Acme Outdoor Co.\nB,b,1 USD,  ACME outdoor co \nC,c,1 USD,???\nD,d,1 USD,\n",
			wantIDs: []string{"A", "B", "D"},
			wantRejects: []string{
				`a.csv:4: seller name "???" has no letters or digits`,
			},
			checks: []check{
				{"A", "seller", "acme-outdoor-co"}, {"B", "seller", "acme-outdoor-co"}, {"D", "seller", "corner-shop"},
			},
		},
		{
			name:      ".txt with tabs is TSV",
			file:      "feed.txt",
			data:      "id\ttitle\tprice\nA\tAlpha, the first\t1 USD\n",
			wantIDs:   []string{"A"},
			checks:    []check{{"A", "title", "Alpha, the first"}},
			wantLines: []int{2},
		},
		{
			name:    ".txt with commas is CSV",
			file:    "feed.txt",
			data:    "id,title,price\nA,Alpha,1 USD\n",
			wantIDs: []string{"A"},
		},
		{
			name:    ".txt with JSON objects is JSON Lines",
			file:    "feed.txt",
			data:    `{"id":"A","title":"Alpha","price":"1 USD"}` + "\n",
			wantIDs: []string{"A"},
		},
		{
			name:      "JSON Lines: blank lines, CRLF, bad lines and mixed shapes",
			file:      "a.jsonl",
			data:      "\n\n{\"id\":\"A\",\"title\":\"Alpha\",\"price\":\"1 USD\"}\r\n{\"id\":\"B\",\r\n[1,2]\r\n{\"id\":\"C\",\"title\":\"Gamma\",\"variants\":[{\"id\":\"C1\",\"price\":{\"amount\":100,\"currency\":\"USD\"}}]}\r\n{\"id\":\"D\",\"title\":{\"x\":1},\"price\":\"1 USD\"}\n",
			wantIDs:   []string{"A", "C1"},
			wantLines: []int{3, 6},
			wantRejects: []string{
				`a.jsonl:4: not valid JSON (error at character 10)`,
				`a.jsonl:5: not a JSON object`,
				`a.jsonl:7: title should be text, not an object`,
			},
		},
		{
			name:      "a .json file holding an array",
			file:      "a.json",
			data:      "\n[\n  {\"id\": \"A\", \"title\": \"Alpha\", \"price\": \"1 USD\"},\n  {\"id\": \"B\",\n   \"title\": \"Beta\", \"price\": \"2 USD\"},\n  7,\n  {\"id\": \"C\", \"title\": \"Gamma\"},\n  {\"id\": \"D\", \"title\": \"Delta\", \"price\": \"4 USD\"} oops\n]\n",
			wantIDs:   []string{"A", "B", "D"},
			wantLines: []int{3, 4, 8},
			wantRejects: []string{
				`a.json:6: not a JSON object`,
				`a.json:7: price is missing: give the row one (29.99 USD, or 29.99 with --currency)`,
				`a.json:8-9: not valid JSON from here on; the rest of the file was not read`,
			},
		},
		{
			name:        "text after a JSON array is reported",
			file:        "a.json",
			data:        "[{\"id\":\"A\",\"title\":\"Alpha\",\"price\":\"1 USD\"}]\n{\"id\":\"B\",\"title\":\"Beta\",\"price\":\"1 USD\"}\n\n",
			wantIDs:     []string{"A"},
			wantRejects: []string{`a.json:2-3: the JSON array has ended; what follows it was not read`},
		},
		{
			name: "Amazon flat file: the template rows above the attribute names are passed over, a parent row skipped",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.0405\tThe top 3 rows are for Amazon.com use only\n" +
				"Seller SKU\tProduct Name\tBrand Name\tStandard Price\tQuantity\tMain Image URL\tProduct Description\tColor\tSize\tParent/Child\tParent SKU\n" +
				"item_sku\titem_name\tbrand_name\tstandard_price\tquantity\tmain_image_url\tproduct_description\tcolor_name\tsize_name\tparent_child\tparent_sku\n" +
				"KN-P\tChef Knife\tOakline\t\t\t\tSteel knife.\t\t\tparent\t\n" +
				"KN-8B\tChef Knife, Black\tOakline\t49.00\t20\thttps://img.test/kn.jpg\tSteel knife.\tBlack\t8 inch\tchild\tKN-P\n" +
				"KN-8W\tChef Knife, White\tOakline\t49.00\t0\t\tSteel knife.\tWhite\t8 inch\tchild\tKN-P\n",
			opt:         &Options{DefaultSeller: "Corner Shop", Currency: "USD", Now: may2026},
			wantIDs:     []string{"KN-8B", "KN-8W"},
			wantLines:   []int{5, 6},
			wantRejects: []string{"amazon.txt:4: skipped: a parent row (its child rows are the products)"},
			checks: []check{{"KN-8B", "title", "Chef Knife, Black"}, {"KN-8B", "group", "KN-P"}, {"KN-8B", "brand", "Oakline"},
				{"KN-8B", "price", "$49.00"}, {"KN-8B", "stock", "20"}, {"KN-8B", "availability", "in_stock"},
				{"KN-8B", "image", "https://img.test/kn.jpg"}, {"KN-8B", "description", "Steel knife."},
				{"KN-8B", "attr:color", "Black"}, {"KN-8B", "attr:size", "8 inch"},
				{"KN-8W", "stock", "0"}, {"KN-8W", "availability", "out_of_stock"}},
		},
		{
			// A Tools template as a hardware shop fills it in: the sale's days in columns of
			// their own, features as bullet points with no description, search terms, a UPC
			// (an ASIN is no GTIN), and a SKU withdrawn with Delete.
			name: "Amazon flat file: sale days, bullet points, search terms, the product id and a Delete row",
			file: "Flat.File.Tools.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\n" +
				"Seller SKU\tProduct Name\tYour Price\tQuantity\tSale Price\tSale Start Date\tSale End Date\tProduct Description\tKey Product Features\tKey Product Features\tSearch Terms\tProduct ID\tProduct ID Type\tUpdate Delete\n" +
				"item_sku\titem_name\tstandard_price\tquantity\tsale_price\tsale_from_date\tsale_end_date\tproduct_description\tbullet_point1\tbullet_point2\tgeneric_keywords\texternal_product_id\texternal_product_id_type\tupdate_delete\n" +
				"DR-1\tDrill/Driver Kit (DR-1)\t129.00\t5\t99.00\t2026-05-01\t2026-05-15\t\tBrushless motor\tTwo batteries included.\tscrew gun cordless\t012345678905\tUPC\t\n" +
				"DR-2\tDrill, Tool Only\t79.00\t5\t59.00\t2026-04-01\t2026-05-14\tCompact drill!\t1/2-inch chuck\t\t\tB0ABCDEFGH\tASIN\tUpdate\n" +
				"DR-3\tDrill Kit\t149.00\t5\t119.00\t2026-06-01\t\t\t\t\t\t4006381333931\t\t\n" +
				"DR-4\tImpact Driver\t99.00\t5\t79.00\t\t2026-06-30\t\t\t\t\t\t\t\n" +
				"DR-5\tOld Drill Kit\t99.00\t0\t\t\t\t\t\t\t\t\t\tDelete\n" +
				"DR-6\tSaw\t99.00\t5\t79.00\t11/20/2026\t\t\t\t\t\t\t\t\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"DR-1", "DR-2", "DR-3", "DR-4"},
			wantRejects: []string{
				"Flat.File.Tools.txt:8: skipped: update_delete says Delete (the SKU is withdrawn), so it is not imported; a product the catalog already holds with its id is left as it was (import it with quantity 0 to stop its sale)",
				`Flat.File.Tools.txt:9: sale_from_date "11/20/2026" is not a date like "2026-11-20"`,
			},
			checks: []check{
				{"DR-1", "price", "$99.00"}, {"DR-1", "attr:list_price", "$129.00"}, // the last day is included
				{"DR-1", "description", "Brushless motor. Two batteries included."},
				{"DR-1", "tags", "screw gun cordless"}, {"DR-1", "gtin", "012345678905"},
				{"DR-2", "price", "$79.00"}, {"DR-2", "attr:list_price", "<none>"}, // the sale is over
				{"DR-2", "description", "Compact drill! 1/2-inch chuck"}, {"DR-2", "gtin", ""},
				{"DR-3", "price", "$149.00"}, {"DR-3", "gtin", "4006381333931"}, // not started; a bare EAN
				{"DR-4", "price", "$79.00"}, // open start
			},
		},
		{
			// Screws by size and box, a drill by voltage: the variation theme's attributes
			// are kept so that the variants say which they are.
			name: "Amazon flat file: package quantity and voltage are attributes",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\nSeller SKU\tProduct Name\tYour Price\tSize\tPackage Quantity\tNumber of Items\tVoltage\n" +
				"item_sku\titem_name\tstandard_price\tsize_name\titem_package_quantity\tnumber_of_items\tvoltage\n" +
				"S-100\tDeck Screws, #8 x 2 in., 100-Pack\t9.99\t#8 x 2 in.\t100\t100\t\n" +
				"S-1K\tDeck Screws, #8 x 2 in., 1000-Pack\t59.99\t#8 x 2 in.\t\t1000\t\n" +
				"S-1\tDeck Screw\t0.25\t#8 x 2 in.\t1\t\t\n" +
				"S-X\tDeck Screws, a box\t9.99\t\tbox\t\t\n" +
				"D-12\tDrill/Driver Kit\t139.00\t\t\t\t12 Volts\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"S-100", "S-1K", "S-1", "S-X", "D-12"},
			checks: []check{
				{"S-100", "attr:pack", "pack of 100"}, {"S-1K", "attr:pack", "pack of 1000"}, // number_of_items when no package quantity
				{"S-1", "attr:pack", "<none>"}, {"S-X", "attr:pack", "<none>"},
				{"D-12", "attr:voltage", "12 Volts"},
			},
		},
		{
			// The item type keyword is the category of a row without a category column;
			// a browse node's number is not one.
			name: "Amazon flat file: the item type keyword is the category",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\nSeller SKU\tProduct Name\tYour Price\tItem Type Keyword\tProduct Type\n" +
				"item_sku\titem_name\tstandard_price\titem_type_keyword\tproduct_type\n" +
				"A\tDrill\t99.00\tpower-drills\t\n" +
				"B\tBlade\t19.00\tcircular_saw_blades\t\n" +
				"C\tGloves\t9.00\t\t\n" +
				"D\tScrews\t9.00\t511228\t\n" +
				"E\tBits\t9.00\tdrill-bits\tTools > Drill Bits\n" +
				"F\tLevel\t9.00\tMeasuring Tools\t\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"A", "B", "C", "D", "E", "F"},
			checks: []check{
				{"A", "category", "Power Drills"}, {"B", "category", "Circular Saw Blades"}, {"C", "category", ""},
				{"D", "category", ""}, {"E", "category", "Tools > Drill Bits"}, {"F", "category", "Measuring Tools"},
			},
		},
		{
			// Children that leave brand, description, bullets, category and search terms to
			// their parent row take them from it, a group at a time; what a child says is
			// kept; a child whose parent row comes after it takes them too (it is emitted
			// at the end of the file); one that names no parent row gets nothing.
			name: "Amazon flat file: a child row takes from its parent row what it leaves empty",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\n" +
				"Seller SKU\tProduct Name\tBrand Name\tYour Price\tProduct Description\tKey Product Features\tKey Product Features\tItem Type Keyword\tSearch Terms\tParentage\tParent SKU\n" +
				"item_sku\titem_name\tbrand_name\tstandard_price\tproduct_description\tbullet_point1\tbullet_point2\titem_type_keyword\tgeneric_keywords\tparent_child\tparent_sku\n" +
				"SC-P\tDeck Screws\tGRK\t\tStar drive deck screws.\tNo pre-drilling\tCoated\twood-screws\tdecking screw\tparent\t\n" +
				"SC-100\tDeck Screws, 100-Pack\t\t9.99\t\t\t\t\t\tchild\tSC-P\n" +
				"SC-1K\tDeck Screws, 1000-Pack\tGRK Fasteners\t59.99\tBulk box.\tContractor box\t\tdeck-screws\tbulk screws\tchild\tSC-P\n" +
				"SC-350\tDeck Screws, 350-Pack\t\t24.99\t\t\tOwn second bullet\t\t\tchild\tSC-P\n" +
				"BT-1\tBattery 2 Ah\t\t49.00\t\t\t\t\t\tchild\tBT-P\n" +
				"BT-P\tBattery\tDEWALT\t\tA battery.\t\t\tbatteries\t\tparent\t\n" +
				"XX-1\tLoose Screw\t\t0.25\t\t\t\t\t\tchild\tNONE\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"SC-100", "SC-1K", "SC-350", "BT-1", "XX-1"},
			wantRejects: []string{
				"amazon.txt:4: skipped: a parent row (its child rows are the products)",
				"amazon.txt:9: skipped: a parent row (its child rows are the products)",
			},
			checks: []check{
				{"SC-100", "brand", "GRK"}, {"SC-100", "description", "Star drive deck screws. No pre-drilling. Coated"},
				{"SC-100", "category", "Wood Screws"}, {"SC-100", "tags", "decking screw"}, {"SC-100", "group", "SC-P"},
				{"SC-1K", "brand", "GRK Fasteners"}, {"SC-1K", "description", "Bulk box. Contractor box"},
				{"SC-1K", "category", "Deck Screws"}, {"SC-1K", "tags", "bulk screws"},
				// its own bullet and no description: the parent's description, not its bullets
				{"SC-350", "description", "Star drive deck screws. Own second bullet"}, {"SC-350", "brand", "GRK"},
				{"BT-1", "brand", "DEWALT"}, {"BT-1", "description", "A battery."}, {"BT-1", "category", "Batteries"}, // the parent row comes after it
				{"XX-1", "brand", ""}, {"XX-1", "category", ""},
			},
		},
		{
			// Children before their parent row wait for it and are emitted at the end, in
			// file order, with its fields; a later row with a waiting child's id replaces
			// it (the later row wins, as it would have); a child whose own fields fill
			// every group does not wait.
			name: "Amazon flat file: child rows before their parent row",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\n" +
				"Seller SKU\tProduct Name\tBrand Name\tYour Price\tProduct Description\tKey Product Features\tItem Type Keyword\tSearch Terms\tParentage\tParent SKU\n" +
				"item_sku\titem_name\tbrand_name\tstandard_price\tproduct_description\tbullet_point1\titem_type_keyword\tgeneric_keywords\tparent_child\tparent_sku\n" +
				"KT-1\tKit, Small\t\t19.00\t\t\t\t\tchild\tKT-P\n" +
				"KT-2\tKit, Medium (first)\t\t29.00\t\t\t\t\tchild\tKT-P\n" +
				"KT-3\tKit, Large\tOwn Brand\t39.00\tIts own.\tOwn bullet\tkits\tkit\tchild\tKT-P\n" +
				"KT-2\tKit, Medium (second)\t\t29.00\t\t\t\t\tchild\tKT-P\n" +
				"KT-P\tKit\tAcme\t\tA kit.\t\ttool-kits\ttoolkit\tparent\t\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"KT-3", "KT-1", "KT-2"},
			wantRejects: []string{
				"amazon.txt:8: skipped: a parent row (its child rows are the products)",
			},
			checks: []check{
				{"KT-1", "brand", "Acme"}, {"KT-1", "description", "A kit."}, {"KT-1", "category", "Tool Kits"},
				{"KT-2", "title", "Kit, Medium (second)"}, {"KT-2", "brand", "Acme"},
				{"KT-3", "brand", "Own Brand"}, {"KT-3", "category", "Kits"},
			},
		},
		{
			// The same in JSON lines: the waiting child is read from a copy of its line.
			name: "JSON lines flat rows: a child row before its parent row",
			file: "items.jsonl",
			data: `{"item_sku":"JK-1","item_name":"Jacket, Small","standard_price":"59.00","currency":"USD","parent_child":"child","parent_sku":"JK-P"}` + "\n" +
				`{"item_sku":"JK-2","item_name":"Jacket, Large","standard_price":"69.00","currency":"USD","brand_name":"Own","product_description":"Own.","bullet_point1":"b","item_type_keyword":"coats","generic_keywords":"k","parent_child":"child","parent_sku":"JK-P"}` + "\n" +
				`{"item_sku":"JK-P","item_name":"Jacket","brand_name":"Northfold","product_description":"A jacket.","parent_child":"parent"}` + "\n",
			opt:         &Options{DefaultSeller: "Shop", Currency: "USD", Now: may2026},
			wantIDs:     []string{"JK-2", "JK-1"},
			wantRejects: []string{"items.jsonl:3: skipped: a parent row (its child rows are the products)"},
			checks: []check{
				{"JK-1", "title", "Jacket, Small"}, {"JK-1", "brand", "Northfold"}, {"JK-1", "description", "A jacket."}, {"JK-1", "price", "$59.00"},
				{"JK-2", "brand", "Own"},
			},
		},
		{
			// What a unit price is shown from: Amazon's unit count with its type (one
			// without the other is not read), Merchant Center's unit pricing measure and
			// base as they are.
			name: "Amazon flat file and Merchant Center columns: the unit pricing measure",
			file: "amazon.txt",
			data: "TemplateType=fptcustom\tVersion=2023.1012\nSeller SKU\tProduct Name\tYour Price\tUnit Count\tUnit Count Type\tUnit Pricing Measure\tUnit Pricing Base Measure\n" +
				"item_sku\titem_name\tstandard_price\tunit_count\tunit_count_type\tunit_pricing_measure\tunit_pricing_base_measure\n" +
				"S-1K\tDeck Screws, 1000-Pack\t97.99\t1000\tCount\t\t\n" +
				"OIL\tCutting Oil\t7.99\t16\tFl Oz\t\t\n" +
				"S-NT\tDeck Screws, 350-Pack\t33.99\t350\t\t\t\n" +
				"GL\tWood Glue\t4.50\t\t\t750 ml\t100 ml\n" +
				"BOTH\tWood Filler\t5.00\t16\tOunce\t450 g\t\n",
			opt:     &Options{DefaultSeller: "Tool Shop", Currency: "USD", Now: may2026},
			wantIDs: []string{"S-1K", "OIL", "S-NT", "GL", "BOTH"},
			checks: []check{
				{"S-1K", "attr:unit_pricing_measure", "1000 Count"}, {"OIL", "attr:unit_pricing_measure", "16 Fl Oz"},
				{"S-NT", "attr:unit_pricing_measure", "<none>"}, // a count without its type
				{"GL", "attr:unit_pricing_measure", "750 ml"}, {"GL", "attr:unit_pricing_base_measure", "100 ml"},
				{"BOTH", "attr:unit_pricing_measure", "450 g"}, // the feed's own measure first
			},
		},
		{
			name: "Google Content API products list: offerId, imageLink, price objects, lists, other members passed over",
			file: "products.json",
			data: `{"kind": "content#productsListResponse", "nextPageToken": "x",
 "resources": [
  {"kind": "content#product", "id": "online:en:US:B-1", "offerId": "B-1", "title": "Wool Beanie", "link": "https://shop.test/b",
   "imageLink": "https://shop.test/b.jpg", "availability": "in stock", "brand": "Northfold", "itemGroupId": "B",
   "price": {"value": "24.00", "currency": "USD"}, "salePrice": {"value": "19.00", "currency": "USD"},
   "salePriceEffectiveDate": "2026-05-01T00:00:00Z/2026-06-01T00:00:00Z",
   "googleProductCategory": "Apparel & Accessories > Clothing Accessories > Hats", "productTypes": ["Accessories > Hats", "Sale"],
   "sizes": ["One Size"], "ageGroup": "adult", "color": "Charcoal"},
  {"kind": "content#product", "id": "online:en:US:B-2", "offerId": "B-2", "title": "Water Bottle", "availability": "out of stock",
   "price": {"value": "32.50", "currency": "USD"}, "unitPricingMeasure": {"value": 750, "unit": "ml"},
   "unitPricingBaseMeasure": {"value": "100", "unit": "ml"}},
  {"kind": "content#product", "id": "online:en:US:B-3", "title": "No offer id", "price": {"value": "1", "currency": "USD"}}
 ]}
`,
			wantIDs:     []string{"B-1", "B-2"},
			wantLines:   []int{3, 9},
			wantRejects: []string{"products.json:12: item_id is missing: every product needs an id (a column item_id, id, sku, item_sku or product_id; in an Etsy export, the listing's SKU)"},
			checks: []check{{"B-1", "price", "$19.00"}, {"B-1", "attr:list_price", "$24.00"}, {"B-1", "group", "B"},
				{"B-1", "image", "https://shop.test/b.jpg"}, {"B-1", "category", "Apparel & Accessories > Clothing Accessories > Hats"}, {"B-1", "tags", "Accessories > Hats"}, {"B-1", "attr:size", "One Size"},
				{"B-1", "attr:age_group", "adult"}, {"B-1", "attr:color", "Charcoal"}, {"B-1", "availability", "in_stock"},
				{"B-2", "price", "$32.50"}, {"B-2", "availability", "out_of_stock"},
				{"B-2", "attr:unit_pricing_measure", "750 ml"}, {"B-2", "attr:unit_pricing_base_measure", "100 ml"}},
		},
		{
			name: "a Content API products list cut short",
			file: "products.json",
			data: "{\"kind\": \"content#productsListResponse\", \"resources\": [\n" +
				`{"offerId": "B-1", "title": "Wool Beanie", "price": {"value": "24.00", "currency": "USD"}},` + "\n" +
				`{"offerId": "B-2", "title": "Water` + "\n",
			wantIDs:     []string{"B-1"},
			wantRejects: []string{"products.json:2-3: not valid JSON from here on; the rest of the file was not read"},
		},
		{
			name: "Etsy listings CSV: SKU is the id, QUANTITY the stock, IMAGE1 the image, CURRENCY_CODE the currency",
			file: "etsy.csv",
			data: "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,IMAGE1,IMAGE2,SKU\n" +
				"Stoneware Mug,\"Thrown on the wheel.\",38.00,USD,6,\"mug,pottery\",https://img.test/m.jpg,,MUG-1\n" +
				"Leather Keyring,Stamped by hand.,22.50,USD,40,keyring,https://img.test/k.jpg,,\n",
			wantIDs:     []string{"MUG-1"},
			wantRejects: []string{"etsy.csv:3: item_id is missing: every product needs an id (a column item_id, id, sku, item_sku or product_id; in an Etsy export, the listing's SKU)"},
			checks: []check{{"MUG-1", "price", "$38.00"}, {"MUG-1", "stock", "6"}, {"MUG-1", "availability", "in_stock"},
				{"MUG-1", "image", "https://img.test/m.jpg"}, {"MUG-1", "tags", "mug,pottery"}},
		},
		{
			name: "Etsy listings CSV: TAGS are the listing's search words, MATERIALS its material",
			file: "EtsyListingsDownload.csv",
			data: "TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,VARIATION 1 TYPE,VARIATION 1 NAME,VARIATION 1 VALUES,SKU\n" +
				"\"Birth Flower Necklace, Sterling Silver\",Dainty.,48.00,USD,3,\"gift for her, birth flower,bridesmaid gift,,\",\"sterling silver,chain\",https://img.test/n.jpg,Primary color,Metal,\"Silver,Gold\",NK-1\n" +
				"Soy Candle – Fig & Cedar,,22.00,USD,0,,,https://img.test/c.jpg,,,,CN-1\n",
			wantIDs: []string{"NK-1", "CN-1"},
			checks: []check{{"NK-1", "tags", "gift for her,birth flower,bridesmaid gift"}, {"NK-1", "attr:material", "sterling silver,chain"},
				{"NK-1", "attr:metal", "Silver, Gold"}, {"NK-1", "attr:choices", "metal"}, {"NK-1", "attrs", "3"},
				{"CN-1", "tags", ""}, {"CN-1", "attrs", "0"}, {"CN-1", "availability", "out_of_stock"}},
		},
		{
			name: "Etsy listings CSV: variations are attributes by their names (a ring size, a colour), values as listed; a column's own attribute wins",
			file: "EtsyListingsDownload.csv",
			data: "TITLE,PRICE,CURRENCY_CODE,QUANTITY,VARIATION 1 TYPE,VARIATION 1 NAME,VARIATION 1 VALUES,VARIATION 2 TYPE,VARIATION 2 NAME,VARIATION 2 VALUES,SKU,COLOR\n" +
				"Hammered Band Ring,41.50,USD,40,Size,Ring size,\"5,5.5, 6,,10\",Primary color,Metal,\"Sterling Silver,Rose Gold Filled\",RG-1,\n" +
				"Chunky Beanie,38.00,USD,5,Primary color,Colour,\"Oatmeal,Charcoal\",,,,BN-1,\n" +
				"Wool Scarf,48.00,USD,5,Primary color,Color,\"Rust,Navy\",,Size,,SF-1,Cream\n" +
				"Plain Card,5.00,USD,50,,,,,,,GC-1,\n",
			wantIDs: []string{"RG-1", "BN-1", "SF-1", "GC-1"},
			checks: []check{{"RG-1", "attr:ring_size", "5, 5.5, 6, 10"}, {"RG-1", "attr:metal", "Sterling Silver, Rose Gold Filled"},
				{"RG-1", "attr:choices", "ring_size, metal"}, {"RG-1", "options", "ring_size: 5 | 5.5 | 6 | 10; metal: Sterling Silver | Rose Gold Filled"},
				{"BN-1", "attr:color", "Oatmeal, Charcoal"}, {"BN-1", "attr:choices", "color"},
				{"SF-1", "attr:color", "Cream"}, {"SF-1", "attrs", "1"}, {"GC-1", "attrs", "0"}},
		},
		{
			name: "a spreadsheet declares choices and a personalisation by columns (choices, personalisation, its max length); an Etsy listing's choices column wins over its variations",
			file: "products.csv",
			data: "id,title,price,ring_size,metal,choices,personalisation,personalisation_max_length,variation_1_name,variation_1_values\n" +
				"RG-2,Signet Ring,90 USD,\"6,7,8\",\"Silver,Gold\",\"ring_size, metal\",required: initials to engrave,3,,\n" +
				"BD-1,Name Board,40 USD,,,,optional,,Wood,\"Oak,Walnut\"\n",
			wantIDs: []string{"RG-2", "BD-1"},
			checks: []check{{"RG-2", "attr:choices", "ring_size, metal"}, {"RG-2", "attr:personalization", "required: initials to engrave"},
				{"RG-2", "attr:personalization_max_length", "3"}, {"RG-2", "attr:ring_size", "6,7,8"},
				{"BD-1", "attr:personalization", "optional"}, {"BD-1", "attr:wood", "Oak, Walnut"}, {"BD-1", "attr:choices", "wood"}},
		},
		{
			name: `a value holding a comma: a spreadsheet writes it 10\, wide; an Etsy export cannot (its values are split at every comma), and a backslash in one is kept`,
			file: "products.csv",
			data: "id,title,price,choices,width,size,variation_1_name,variation_1_values\n" +
				"SH-1,Derby Shoe,120 USD,\"width, size\",\"10\\, wide, 10\\, narrow\",\"9, 10\",,\n" +
				"SH-2,Oxford Shoe,130 USD,,,,Width,\"10 wide,10\\narrow\"\n",
			wantIDs: []string{"SH-1", "SH-2"},
			checks: []check{{"SH-1", "attr:width", `10\, wide, 10\, narrow`}, {"SH-1", "options", "width: 10, wide | 10, narrow; size: 9 | 10"},
				{"SH-2", "attr:width", `10 wide, 10\narrow`}, {"SH-2", "options", `width: 10 wide | 10\narrow`}},
		},
		{
			name:    "a spreadsheet's tags column, its markup removed; a material column wins over materials",
			file:    "products.csv",
			data:    "id,title,price,tags,material,materials\nA,Oak Board,30 USD,\"kitchen, <b>gift</b> &amp; home\",oak,wood\n",
			wantIDs: []string{"A"},
			checks:  []check{{"A", "tags", "kitchen,gift & home"}, {"A", "attr:material", "oak"}},
		},
		{
			name:    "a stock count stands for a missing availability, never over a given one",
			file:    "a.csv",
			data:    "id,title,price,inventory_quantity,availability\nA,Alpha,1 USD,3,\nB,Beta,1 USD,0,\nC,Gamma,1 USD,3,preorder\nD,Delta,1 USD,,\n",
			wantIDs: []string{"A", "B", "C", "D"},
			checks: []check{{"A", "availability", "in_stock"}, {"B", "availability", "out_of_stock"},
				{"C", "availability", "preorder"}, {"D", "availability", "unknown"}},
		},
		{
			name: "a plain spreadsheet of products: name, product_id, image, stock, manufacturer, ean, colour, model number",
			file: "products.csv",
			data: "Product ID,Name,Long Description,Price,Stock,Manufacturer,Categories,Image,Product URL,EAN,Colour,Model Number,Rating,Review Count\n" +
				"BOS-123,Bosch 18V Cordless Drill,Two batteries.,129.99 USD,12,Bosch,Tools > Power Tools,https://img.test/b.jpg,https://shop.test/b,4006381333931,Blue,GSR 18V-21,4.6,210\n" +
				"MAK-9,Makita Impact Driver,,99.50 USD,In stock,Makita,Tools,,,,,,,\n" +
				"STA-25,Stanley Tape Measure,,14.99 USD,Sold out,,,,,,,,,\n" +
				"X-1,Mystery Box,,5 USD,lots,,,,,,,,,\n",
			wantIDs:     []string{"BOS-123", "MAK-9", "STA-25"},
			wantRejects: []string{`products.csv:5: stock "lots" is not a whole number`},
			checks: []check{{"BOS-123", "title", "Bosch 18V Cordless Drill"}, {"BOS-123", "description", "Two batteries."},
				{"BOS-123", "stock", "12"}, {"BOS-123", "availability", "in_stock"}, {"BOS-123", "brand", "Bosch"},
				{"BOS-123", "category", "Tools > Power Tools"}, {"BOS-123", "image", "https://img.test/b.jpg"},
				{"BOS-123", "url", "https://shop.test/b"}, {"BOS-123", "gtin", "4006381333931"}, {"BOS-123", "attr:color", "Blue"},
				{"BOS-123", "attr:mpn", "GSR 18V-21"}, {"BOS-123", "rating", "4.6"}, {"BOS-123", "reviews", "210"},
				{"MAK-9", "availability", "in_stock"}, {"MAK-9", "stock", "nil"},
				{"STA-25", "availability", "out_of_stock"}},
		},
		{
			name:    "a feed's own names win over a spreadsheet's: title over name, image_link over image",
			file:    "a.csv",
			data:    "id,name,title,price,image,image_link\nA,Spreadsheet name,Feed title,1 USD,https://img.test/other.jpg,https://img.test/a.jpg\n",
			wantIDs: []string{"A"},
			checks:  []check{{"A", "title", "Feed title"}, {"A", "image", "https://img.test/a.jpg"}},
		},
		{
			name: "a shop API's answer saved as a file: its products list, the other members passed over, lists by their first value, tags by every one",
			file: "products.json",
			data: "{\"products\": [\n" +
				`  {"id": 1, "title": "Essence Mascara", "category": "beauty", "price": 9.99, "rating": 4.94, "stock": 5, "tags": ["beauty", "mascara"],` + "\n" +
				`   "brand": "Essence", "dimensions": {"width": 15}, "images": ["https://img.test/m1.png", "https://img.test/m2.png"], "thumbnail": "https://img.test/t.png"},` + "\n" +
				`  {"id": 2, "title": "Eyeshadow Palette", "price": 19.99, "stock": 0, "thumbnail": "https://img.test/e.png"},` + "\n" +
				`  {"id": 3, "price": 1}` + "\n" +
				"], \"total\": 194, \"skip\": 0, \"limit\": 30}\n",
			opt:         &Options{DefaultSeller: "Corner Shop", Currency: "USD", Now: may2026},
			wantIDs:     []string{"1", "2"},
			wantLines:   []int{2, 4},
			wantRejects: []string{"products.json:5: title is missing"},
			checks: []check{{"1", "price", "$9.99"}, {"1", "rating", "4.94"}, {"1", "stock", "5"}, {"1", "availability", "in_stock"},
				{"1", "image", "https://img.test/m1.png"}, {"1", "brand", "Essence"}, {"1", "category", "beauty"}, {"1", "tags", "beauty,mascara"},
				{"2", "image", "https://img.test/e.png"}, {"2", "availability", "out_of_stock"}, {"2", "tags", ""}},
		},
		{
			name: "a wrapper whose list comes after other members; rating and price objects",
			file: "a.json",
			data: `{"total": 2, "data": [{"id": "A", "title": "Backpack", "price": {"value": "109.95", "currency": "USD"},` +
				` "rating": {"rate": 3.9, "count": 120}, "categories": ["Bags", "Outdoor"]},` + "\n" +
				`{"id": "B", "title": "Tee", "price": 22.3, "rating": {"rate": 4.1, "count": 259}, "product_review_count": 7},` + "\n" +
				`{"id": "C", "title": "Odd", "price": 1, "rating": {"stars": 4}}]}` + "\n",
			opt:         &Options{DefaultSeller: "Corner Shop", Currency: "USD", Now: may2026},
			wantIDs:     []string{"A", "B"},
			wantRejects: []string{"a.json:3: rating should be text, not an object"},
			checks: []check{{"A", "price", "$109.95"}, {"A", "rating", "3.9"}, {"A", "reviews", "120"}, {"A", "category", "Bags"},
				{"B", "price", "$22.30"}, {"B", "rating", "4.1"}, {"B", "reviews", "7"}},
		},
		{
			name: "a JSON Lines product with an items list is a product, not a list of products",
			file: "a.jsonl",
			data: `{"id": "K", "title": "Gift Set", "price": "30 USD", "items": [{"id": "x"}]}` + "\n" +
				`{"id": "L", "title": "Lamp", "price": "12 USD"}` + "\n",
			wantIDs: []string{"K", "L"},
		},
		{
			name: "a pretty-printed wrapper naming its shop before the list is a wrapper",
			file: "shop.json",
			data: "{\n  \"name\": \"Acme Store\",\n  \"id\": 7,\n  \"products\": [\n" +
				`    {"id": "P1", "title": "Kettle", "price": "30 USD"},` + "\n" +
				`    {"id": "P2", "name": "Toaster", "price": "25 USD"}` + "\n" +
				"  ]\n}\n",
			wantIDs: []string{"P1", "P2"},
			checks:  []check{{"P1", "title", "Kettle"}, {"P2", "title", "Toaster"}},
		},
		{
			name:    "ACP product without a seller and no default",
			file:    "a.ndjson",
			data:    `{"id":"T","title":"Tee","seller":{"name":"   "},"variants":[{"id":"T1","price":{"amount":1,"currency":"USD"}}]}` + "\n",
			opt:     &Options{},
			wantIDs: []string{},
			wantRejects: []string{
				`a.ndjson:1: product "T" variant "T1": no seller: add a seller_name to the feed or pass --seller NAME`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opt
			if tt.opt != nil {
				o = *tt.opt
			}
			got, err := parse(t, strings.NewReader(tt.data), tt.file, o)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !slices.Equal(got.ids, tt.wantIDs) && !(len(got.ids) == 0 && len(tt.wantIDs) == 0) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if tt.wantLines != nil && !slices.Equal(got.lines, tt.wantLines) {
				t.Errorf("lines = %v, want %v", got.lines, tt.wantLines)
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
			checkFields(t, got, tt.checks)
		})
	}
}

func TestParseACPWithSeller(t *testing.T) {
	// The same ACP lines as above, with a default seller, to see the per-variant
	// outcomes that the seller check hid.
	data := `{"id":"P","title":"Parka","brand":{"name":"Northfold"},"media":[{"url":"https://img.test/p.webp"}],"description":"Warm.","variants":[` +
		`{"id":"P1","title":"parka","price":"120 USD","availability":"in stock","barcodes":[{"value":"123"},{"type":"ean","value":"4006381333931"}]},` +
		`{"id":2,"price":{"amount":"9900","currency":"USD"},"list_price":{"amount":100,"currency":"USD"},"availability":{"available":true,"status":"whenever"},"categories":[{"value":"166"},{"value":"Apparel > Coats"}]},` +
		`{"title":"No id","price":{"amount":1,"currency":"USD"}},` +
		`{"id":"P4"},` +
		`{"id":"P5","price":{"amount":1,"currency":"dollars"}},` +
		`{"id":"P6","price":{"amount":1,"currency":"USD"},"variant_options":{"name":"Size"}},` +
		`{"id":"P7","title":["x"],"price":{"amount":1,"currency":"USD"}},` +
		`{"id":"P8","price":{"amount":1,"currency":"USD"},"availability":{"available":"yes"}},` +
		`{"id":"P9","price":{"amount":1,"currency":"USD"},"availability":{"available":false,"status":"preorder"},"inventory_quantity":"5"}` +
		"]}\n" +
		`{"id":"Q","title":"Empty","variants":[]}` + "\n" +
		`{"title":"No id","variants":[{"id":"R1"}]}` + "\n" +
		`{"id":"S","title":"Bad media","media":"https://img.test/s.png","variants":[{"id":"S1"}]}` + "\n" +
		`{"id":"T","variants":[{"id":"T1","price":{"amount":1,"currency":"USD"}}]}` + "\n"
	got, err := parse(t, strings.NewReader(data), "a.ndjson", Options{DefaultSeller: "Corner Shop"})
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := []string{"P1", "2", "P9"}
	if !slices.Equal(got.ids, wantIDs) {
		t.Errorf("ids = %q, want %q", got.ids, wantIDs)
	}
	wantRejects := []string{
		`a.ndjson:1: product "P" variants[2]: id is missing`,
		`a.ndjson:1: product "P" variant "P4": price is missing`,
		`a.ndjson:1: product "P" variant "P5": price.currency "dollars" is not a three-letter code like USD`,
		`a.ndjson:1: product "P" variant "P6": variant_options should be a list, not an object`,
		`a.ndjson:1: product "P" variant "P7": title should be text, not a list`,
		`a.ndjson:1: product "P" variant "P8": availability.available should be true or false, not text`,
		`a.ndjson:2: product "Q" has no variants`,
		`a.ndjson:3: product id is missing`,
		`a.ndjson:4: product "S": media should be a list, not text`,
		`a.ndjson:5: product "T" variant "T1": title is missing`,
	}
	if !slices.Equal(got.rejects, wantRejects) {
		t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(wantRejects))
	}
	checkFields(t, got, []check{
		{"P1", "title", "Parka"},
		{"P1", "group", "P"},
		{"P1", "brand", "Northfold"},
		{"P1", "image", "https://img.test/p.webp"},
		{"P1", "gtin", "4006381333931"},
		{"P1", "availability", "in_stock"},
		{"P1", "price", "$120.00"},
		{"2", "title", "Parka"},
		{"2", "price", "$99.00"},
		{"2", "attr:list_price", "<none>"}, // lower than the price
		{"2", "availability", "in_stock"},  // unknown status, available=true
		{"2", "category", "Apparel > Coats"},
		{"2", "description", "Warm."},
		{"P9", "availability", "preorder"},
		{"P9", "stock", "5"},
	})
}

func TestParseFileErrors(t *testing.T) {
	csvData, err := os.ReadFile(fixture("flat_current.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var big strings.Builder
	big.WriteString("item_id,title,price\n")
	for i := range 20000 {
		fmt.Fprintf(&big, "A%d,Alpha %d,%d USD\n", i, i*7919%10007, i)
	}
	truncated := gzipped(t, []byte(big.String()))
	truncated = truncated[:len(truncated)/2]
	tests := []struct {
		name      string
		file      string
		data      []byte
		opt       Options
		wantErr   string // substring
		noRejects bool
	}{
		{name: "unknown extension", file: "feed.xml.zip", data: csvData, wantErr: "feed.xml.zip: unknown feed format"},
		{name: "a workbook", file: "feed.xlsx", data: csvData, wantErr: "feed.xlsx: a spreadsheet workbook is not read: save the sheet of products as CSV (UTF-8)"},
		{name: "a workbook named .csv", file: "feed.csv", data: []byte("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"), wantErr: "feed.csv: is a zip archive or spreadsheet workbook, not a text feed: save the sheet of products as CSV"},
		{name: "an Excel 97 workbook named .csv", file: "feed.csv", data: []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"), wantErr: "feed.csv: is a zip archive or spreadsheet workbook"},
		{name: "no extension", file: "feed", data: csvData, wantErr: "unknown feed format"},
		{name: "empty", file: "a.csv", data: nil, wantErr: "a.csv: file is empty"},
		{name: "only white space", file: "a.jsonl", data: []byte("\n  \n"), wantErr: "file is empty"},
		{name: "binary", file: "a.csv", data: []byte("\x7fELF\x02\x01\x01\x00garbage"), wantErr: "binary"},
		{name: "UTF-16", file: "a.csv", data: []byte("\xff\xfei\x00d\x00"), wantErr: "UTF-16"},
		{name: "header without required columns", file: "a.csv", data: []byte("code,label,cost\n1,a,2\n"), wantErr: `the header row has no item_id (or id, sku, product_id), no title (or name, product_name), no price (or price_amount with currency) column; it has "code", "label", "cost"`},
		{name: "a spreadsheet's name is a title", file: "a.csv", data: []byte("code,name,cost\n1,a,2\n"), wantErr: `the header row has no item_id (or id, sku, product_id), no price (or price_amount with currency) column; it has "code", "name", "cost"`},
		{name: "an Amazon template's first row without the rows below it", file: "amazon.txt", data: []byte("TemplateType=fptcustom\tVersion=1\nSeller SKU\tProduct Name\n"),
			wantErr: "amazon.txt: the file has an Amazon template's first row (TemplateType=…) but not the row of attribute names two rows below it", noRejects: true},
		{name: "JSON Lines that is not JSON", file: "a.jsonl", data: []byte("hello\nworld\n"), wantErr: "does not look like JSON Lines", noRejects: true},
		{name: "pretty-printed JSON object", file: "a.json", data: []byte("{\n  \"id\": \"A\"\n}\n"), wantErr: "line 1: not valid JSON", noRejects: true},
		{name: "JSON array with a syntax error first", file: "a.json", data: []byte("[ {\"id\": oops} ]"), wantErr: "does not look like", noRejects: true},
		{name: "truncated gzip", file: "a.csv.gz", data: truncated, wantErr: "truncated"},
		{name: "bad default seller", file: "a.csv", data: csvData, opt: Options{DefaultSeller: "!!!"}, wantErr: `default seller: seller name "!!!" has no letters or digits`},
		{name: "damaged gzip header", file: "a.csv.gz", data: []byte("\x1f\x8b\x00\x00"), wantErr: "gzip header is damaged"},
		{name: "XML feed without items", file: "feed.xml", data: []byte(`<?xml version="1.0"?><rss version="2.0"></rss>`), wantErr: "feed.xml: this XML file has no <item> (RSS) or <entry> (Atom) elements", noRejects: true},
		{name: "XML in a .txt file, cut short", file: "feed.txt", data: []byte("\ufeff  <rss xmlns:g=\"http://base.google.com/ns/1.0\" version=\"2.0\">\n<channel>\n"), wantErr: "line 3: the XML is not well formed: unexpected EOF; reading stopped there (no product was read)", noRejects: true},
		{name: "Atom feed without entries", file: "feed.txt", data: []byte("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n</feed>\n"), wantErr: "no <item> (RSS) or <entry> (Atom) elements", noRejects: true},
		{name: "XML text longer than the record cap", file: "big.xml", data: []byte("<rss><channel><item><description>" + strings.Repeat("x", maxRecordLen+1)), wantErr: "line 1: more than 1048576 bytes of text without markup, or a tag longer than that; reading stopped there (no product was read)", noRejects: true},
		{name: "BigCommerce modern export", file: "products-2026-12-05.csv", data: []byte("Item,ID,Name,Type,SKU,Options,Inventory Tracking,Current Stock,Price\nProduct,,Trail Jacket,Physical,TRJ,,variant,,129.00\nVariant,,,,TRJ-RED,\"Type=Swatch|Name=Colour|Value=Red\",,4,129.00\n"),
			wantErr: "this is an export of BigCommerce's modern Import/Export (an Item column with Product and Variant rows), whose variant options import does not read; export the products with the Bulk Edit template", noRejects: true},
		{name: ".xml that is not XML", file: "feed.xml", data: csvData, wantErr: "feed.xml: the file is named .xml but does not start like an XML feed", noRejects: true},
		{name: "XML in an encoding not read", file: "feed.xml", data: []byte(`<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><item></item></channel></rss>`), wantErr: `the XML declares encoding "Shift_JIS"; save the feed as UTF-8`, noRejects: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, bytes.NewReader(tt.data), tt.file, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.wantErr)
			}
			if fe := (*FileError)(nil); tt.opt.DefaultSeller == "" && (!errors.As(err, &fe) || fe.File != tt.file || strings.HasPrefix(fe.Err.Error(), tt.file+":")) {
				t.Errorf("Parse error %v is not a FileError naming %s once", err, tt.file)
			}
			if tt.noRejects && len(got.rejects) > 0 {
				t.Errorf("rejects were reported for a file that failed as a whole: %q", got.rejects)
			}
		})
	}
}

func TestParseGzip(t *testing.T) {
	for _, name := range []string{"flat.jsonl", "flat_current.csv", "acp_variants.jsonl"} {
		for _, as := range []string{name + ".gz", name} { // recognised by content, not by name
			t.Run(as, func(t *testing.T) {
				raw, err := os.ReadFile(fixture(name))
				if err != nil {
					t.Fatal(err)
				}
				plain, err := parse(t, bytes.NewReader(raw), as, Options{DefaultSeller: "x"})
				if err != nil {
					t.Fatal(err)
				}
				zipped, err := parse(t, bytes.NewReader(gzipped(t, raw)), as, Options{DefaultSeller: "x"})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(plain.ids, zipped.ids) || !slices.Equal(plain.lines, zipped.lines) || len(plain.ids) == 0 {
					t.Errorf("gzip: ids %q lines %v, plain: ids %q lines %v", zipped.ids, zipped.lines, plain.ids, plain.lines)
				}
			})
		}
	}
}

func TestParseEmitError(t *testing.T) {
	stop := errors.New("catalog is closed")
	for _, name := range []string{"flat_current.csv", "flat.jsonl", "acp_variants.jsonl"} {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(fixture(name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			calls := 0
			err = Parse(f, name, Options{DefaultSeller: "x"}, func(int, int, catalog.Seller, catalog.Product) error {
				calls++
				return stop
			}, nil)
			if err != stop || calls != 1 {
				t.Errorf("Parse = %v after %d emits, want the emit error after 1", err, calls)
			}
		})
	}
}

func TestParseProgress(t *testing.T) {
	var data strings.Builder
	data.WriteString("item_id,title,price\n")
	for i := range 5000 {
		data.WriteString("id")
		data.WriteString(strings.Repeat("x", i%3))
		data.WriteString(",t,1 USD\n")
	}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	opt := Options{DefaultSeller: "x", Progress: &out, Now: func() time.Time {
		clock = clock.Add(time.Second)
		return clock
	}}
	if _, err := parse(t, strings.NewReader(data.String()), "big.csv", opt); err != nil {
		t.Fatal(err)
	}
	// The clock advances a second per reading; it is read at the start and every 1000
	// rows, so a line is due every 2000 rows.
	want := "big.csv: 2000 rows read…\nbig.csv: 4000 rows read…\n"
	if out.String() != want {
		t.Errorf("progress = %q, want %q", out.String(), want)
	}
}

func TestSellerID(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"punctuation", "Acme Outdoor Co.", "acme-outdoor-co"},
		{"spacing and case", "  ACME   outdoor\tco ", "acme-outdoor-co"},
		{"ampersand", "Salt & Pepper, Ltd", "salt-pepper-ltd"},
		{"accents kept", "Café Müller", "café-müller"},
		{"non-Latin", "東京ストア", "東京ストア"},
		{"digits", "7-Eleven", "7-eleven"},
		{"invisible characters", "Acme\u200b Shop", "acme-shop"},
		{"nothing usable", "---", ""},
		{"long", strings.Repeat("ab ", 40), strings.Repeat("ab-", 21) + "a"},
		{"long, cut before a dash", strings.Repeat("abc ", 40), strings.Repeat("abc-", 15) + "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SellerID(tt.in); got != tt.want {
				t.Errorf("SellerID(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(SellerID(tt.in)) > maxSellerIDLen {
				t.Errorf("SellerID(%q) is longer than %d bytes", tt.in, maxSellerIDLen)
			}
		})
	}
}

func TestJoinTitle(t *testing.T) {
	tests := []struct{ name, product, variant, want string }{
		{"joined", "Lumen 2P Tent", "Sand", "Lumen 2P Tent - Sand"},
		{"variant repeats product", "Lumen 2P Tent", "Lumen 2P tent, olive", "Lumen 2P tent, olive"},
		{"same", "Sock", "sock", "Sock"},
		{"short variant inside product words", "Merino Sock", "M", "Merino Sock - M"},
		{"no variant title", "Sock", " ", "Sock"},
		{"no product title", "", "Sock M", "Sock M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinTitle(tt.product, tt.variant); got != tt.want {
				t.Errorf("joinTitle(%q, %q) = %q, want %q", tt.product, tt.variant, got, tt.want)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tags and entities", "<p>Hand-thrown <b>stoneware</b> &amp; glaze</p>", " Hand-thrown  stoneware  & glaze "},
		{"script dropped", "a<SCRIPT type=x>alert(1)</script>b", "a  b"},
		{"style dropped", "<style>p{}</style>text", "  text"},
		{"unclosed tag is text", "text <b", "text <b"},
		{"unclosed script", "x<script>never ends", "x "},
		{"no markup", "plain 5 < 6", "plain 5 < 6"},
		{"heart beside a tag", "<b>New!</b> I <3 NY mug, 12 oz", " New!  I <3 NY mug, 12 oz"},
		{"less than a number beside a tag", "<p>Suitable for kids <5 years and up.</p> Easy to clean.", " Suitable for kids <5 years and up.  Easy to clean."},
		{"comparisons beside a tag", "<p>Works when x < 10 and y > 2; 5'11\" tall</p>", " Works when x < 10 and y > 2; 5'11\" tall "},
		{"a word in angle brackets is not an element", "<b>Galaxy S24 <Unlocked> 128GB</b>", " Galaxy S24 <Unlocked> 128GB "},
		{"size bounds", "<i>Fits bolts <M8 and >M4</i>", " Fits bolts <M8 and >M4 "},
		{"reference without its semicolon in a URL", "<p>See https://x.example/a?b=1&lt=2&copy=3</p>", " See https://x.example/a?b=1&lt=2&copy=3 "},
		{"unknown reference", "<br>&notebook; &eacute;", " &notebook; é"},
		{"comment", "a<!-- <b>hidden</b> -->b", "a b"},
		{"upper-case element", "<P ALIGN=left>x</P>", " x "},
		// The end of a block before more text ends a sentence, unless it did already.
		{"list items", "<ul><li>Model X1</li><li>Great for travel</li></ul>", "  Model X1.  Great for travel  "},
		{"paragraphs, one ending in a stop", "<p>Built to last.</p><p>Warm</p><P>Soft</P>", " Built to last.  Warm.  Soft "},
		{"a line break", "Size 10<br/>Width D<br>", "Size 10. Width D "},
		{"a stop only after a letter or digit", "<li>20%</li><li>Fast!</li><li>x</li>", " 20%  Fast!  x "},
		{"inline elements end no sentence", "<b>Bold</b> <span>text</span>", " Bold   text "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.in); got != tt.want {
				t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestMerchantCenterFeed reads a feed shaped like a Google Merchant Center TSV export
// (CRLF, legacy column names, HTML and entities in text, a numeric category, quotes in
// unquoted fields): markup and entities are not shown to people, a bare "&" or "<"
// is left alone, and rows without a usable price are rejected saying why.
func TestMerchantCenterFeed(t *testing.T) {
	got := parseFixture(t, "merchant_center.tsv", Options{DefaultSeller: "Corner Shop", Now: may2026})
	checkFields(t, got, []check{
		{"MC-1", "title", "Trail Shoe & Sock Set"},
		{"MC-1", "description", "Lightweight trail shoe & grippy sole."},
		{"MC-1", "brand", "Acme & Sons"},
		{"MC-1", "price", "$999.00"},
		{"MC-1", "attr:list_price", "$1,299.00"},
		{"MC-1", "availability", "in_stock"},
		{"MC-1", "category", "Apparel > Shoes > Running"},
		{"MC-1", "group", "G-1"},
		{"MC-2", "description", `Same "boot", fits sizes < 10`},
		{"MC-2", "availability", "out_of_stock"},
		{"MC-2", "category", "Home > Women > Shoes"}, // the seller's own type, deeper than Google's
		{"MC-2", "tags", "Apparel & Accessories > Shoes"},
		{"MC-3", "title", `12" Pizza Pan`},
		{"MC-3", "description", `A 12" pan, "non-stick" &copy 2024`},
		{"MC-3", "price", "¥4,500"},
	})
	want := []string{
		`merchant_center.tsv:5: price "-5.00 USD" is negative; a price must be 0 or more`,
		`merchant_center.tsv:6: price is missing: give the row one (29.99 USD, or 29.99 with --currency)`,
	}
	if !slices.Equal(got.rejects, want) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(want, "\n"))
	}
}

// TestFlatFeedCurrencyOption: --currency (Options.Currency) names the currency of a
// flat feed's bare prices, and of prices written with a symbol that stands for it,
// when the row has no currency column; a price that names its currency, or a currency
// column, wins.
func TestFlatFeedCurrencyOption(t *testing.T) {
	tests := []struct {
		name, file, currency, want string // want: product A's price, or the reject
	}{
		{"bare price", "id,title,price\nA,Mug,9.99\n", "USD", "$9.99"},
		{"a symbol that stands for it", "id,title,price\nA,Mug,\"$1,299.00\"\n", "USD", "$1,299.00"},
		{"a price naming its currency", "id,title,price\nA,Mug,9.99 EUR\n", "USD", "€9.99"},
		{"a currency column", "id,title,price,currency\nA,Mug,9.99,GBP\n", "USD", "£9.99"},
		{"an amount column", "id,title,price_amount\nA,Mug,9.99\n", "EUR", "€9.99"},
		{"a symbol of another currency", "id,title,price\nA,Mug,€9.99\n", "USD",
			`x.csv:2: price "€9.99" has the symbol €, which does not stand for USD, the currency given for it; write the three-letter code, like "29.99 USD"`},
		{"no option", "id,title,price\nA,Mug,9.99\n", "",
			`x.csv:2: price "9.99" has no currency; write it like "29.99 USD", or name it with a currency column or --currency`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if res := priceOrRejects(t, tt.file, tt.currency); res != tt.want {
				t.Errorf("got %q, want %q", res, tt.want)
			}
		})
	}
}

// TestSpreadsheetRoundedGTIN: a GTIN a spreadsheet wrote in scientific notation has
// lost its last digits, so it is left out with a warning rather than kept as another
// product's barcode; the product is imported.
func TestSpreadsheetRoundedGTIN(t *testing.T) {
	tests := []struct {
		name, gtin, want, warning string
	}{
		{"scientific notation", "8.90123E+12", "", `x.csv:2: warning: gtin "8.90123E+12" is a number in scientific notation, as a spreadsheet writes a long number it rounded; it was left out (format the column as text before saving)`},
		{"lower case, no fraction", "9e+12", "", `x.csv:2: warning: gtin "9e+12" is a number in scientific notation, as a spreadsheet writes a long number it rounded; it was left out (format the column as text before saving)`},
		{"digits", "0012345678905", "0012345678905", ""},
		{"a code with an E", "AB-E+12", "AB-E+12", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader("id,title,price,gtin\nA,Mug,9.99 USD,"+tt.gtin+"\n"), "x.csv", Options{DefaultSeller: "S"})
			if err != nil {
				t.Fatal(err)
			}
			p, ok := got.products["A"]
			if !ok || p.GTIN != tt.want {
				t.Errorf("gtin = %q (imported %v), want %q", p.GTIN, ok, tt.want)
			}
			if w := strings.Join(got.rejects, "\n"); w != tt.warning {
				t.Errorf("reports = %q, want %q", w, tt.warning)
			}
		})
	}
}

// TestUnshownImageWarning: a row whose image URL no view will ever load (not a plain
// https URL) is imported with a warning saying so, which never repeats the URL (its
// user info may hold a password); an image a view may load, or none, warns of nothing.
func TestUnshownImageWarning(t *testing.T) {
	const tail = ", so the views show a letter in place of its picture whatever --image-hosts allows; give a plain https URL (https://cdn.shop.example/a.jpg)"
	tests := []struct {
		name, image, warning string
	}{
		{"https", "https://cdn.shop.example/a.jpg", ""},
		{"https with its default port", "https://cdn.shop.example:443/a.jpg", ""},
		{"https with a port", "https://cdn.shop.example:8443/a.jpg", ""},
		{"no image", "", ""},
		{"http", "http://cdn.shop.example/a.jpg", "x.csv:2: warning: image url is http, not https" + tail},
		{"HTTP in capitals", "HTTP://cdn.shop.example/a.jpg", "x.csv:2: warning: image url is http, not https" + tail},
		{"javascript", "javascript:alert(1)", "x.csv:2: warning: image url is not a plain https URL" + tail},
		{"a path on another host", "//cdn.shop.example/a.jpg", "x.csv:2: warning: image url is not a plain https URL" + tail},
		{"a port out of range", "https://cdn.shop.example:99999/a.jpg", "x.csv:2: warning: image url is not a plain https URL" + tail},
		{"a non-ASCII host", "https://bücher.example/a.jpg", "x.csv:2: warning: image url is not a plain https URL" + tail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader("id,title,price,image_link\nA,Mug,9.99 USD,"+tt.image+"\n"), "x.csv", Options{DefaultSeller: "S"})
			if err != nil {
				t.Fatal(err)
			}
			if p, ok := got.products["A"]; !ok || p.ImageURL != tt.image {
				t.Errorf("image url = %q (imported %v), want %q kept", p.ImageURL, ok, tt.image)
			}
			if w := strings.Join(got.rejects, "\n"); w != tt.warning {
				t.Errorf("reports = %q, want %q", w, tt.warning)
			}
		})
	}
}

// TestUserInfoWarning: a row whose url or image url has user info is imported without
// it, with a warning on the row that repeats neither the URL nor its user info; an @
// elsewhere in a URL is kept and warns of nothing.
func TestUserInfoWarning(t *testing.T) {
	const (
		removed = " held user info (user@ before the host); it was left out, the rest kept as written"
		unshown = "x.csv:2: warning: image url is http, not https, so the views show a letter in place of its picture whatever --image-hosts allows; give a plain https URL (https://cdn.shop.example/a.jpg)"
	)
	tests := []struct {
		name, url, image   string
		wantURL, wantImage string
		warnings           []string
	}{
		{name: "image url", url: "https://shop.example/a", image: "https://me:s3cret@cdn.shop.example/a.jpg",
			wantURL: "https://shop.example/a", wantImage: "https://cdn.shop.example/a.jpg",
			warnings: []string{"x.csv:2: warning: image url" + removed}},
		{name: "url", url: "https://TOKEN123@shop.example/a?x=1", image: "https://cdn.shop.example/a.jpg",
			wantURL: "https://shop.example/a?x=1", wantImage: "https://cdn.shop.example/a.jpg",
			warnings: []string{"x.csv:2: warning: url" + removed}},
		{name: "both, the image on http", url: "https://me:s3cret@shop.example/a", image: "http://me:s3cret@cdn.shop.example/a.jpg",
			wantURL: "https://shop.example/a", wantImage: "http://cdn.shop.example/a.jpg",
			warnings: []string{"x.csv:2: warning: url" + removed, "x.csv:2: warning: image url" + removed, unshown}},
		{name: "an @ in the path and query", url: "https://shop.example/@me/a?ref=a@b", image: "https://cdn.shop.example/a@2x.jpg",
			wantURL: "https://shop.example/@me/a?ref=a@b", wantImage: "https://cdn.shop.example/a@2x.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader("id,title,price,link,image_link\nA,Mug,9.99 USD,"+tt.url+","+tt.image+"\n"), "x.csv", Options{DefaultSeller: "S"})
			if err != nil {
				t.Fatal(err)
			}
			p, ok := got.products["A"]
			if !ok || p.URL != tt.wantURL || p.ImageURL != tt.wantImage {
				t.Errorf("url %q, image url %q (imported %v), want %q, %q", p.URL, p.ImageURL, ok, tt.wantURL, tt.wantImage)
			}
			if !slices.Equal(got.rejects, tt.warnings) {
				t.Errorf("reports = %q, want %q", got.rejects, tt.warnings)
			}
			for _, r := range got.rejects {
				if strings.Contains(r, "s3cret") || strings.Contains(r, "TOKEN123") {
					t.Errorf("report %q repeats the user info", r)
				}
			}
		})
	}
}

// priceOrRejects parses file as a CSV feed with currency as --currency and returns the
// price of product A, or, when A was not read, the rejections joined by newlines.
func priceOrRejects(t *testing.T, file, currency string) string {
	t.Helper()
	got, err := parse(t, strings.NewReader(file), "x.csv", Options{DefaultSeller: "S", Currency: currency})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := got.products["A"]; ok {
		return p.Price.String()
	}
	return strings.Join(got.rejects, "\n")
}

// TestMerchantCenterXML reads Merchant Center's RSS 2.0 feed (g: fields, CDATA and
// HTML entities, a nested shipping block, repeated elements, CRLF and a byte order
// mark) and its Atom form, item by item as flat rows.
func TestMerchantCenterXML(t *testing.T) {
	got := parseFixture(t, "merchant_center.xml", Options{DefaultSeller: "Corner Shop", Now: may2026})
	checkFields(t, got, []check{
		{"MC-1", "title", "Trail Shoe & Sock Set"},
		{"MC-1", "description", "Lightweight trail shoe & grippy sole."},
		{"MC-1", "brand", "Acme & Sons"},
		{"MC-1", "price", "$999.00"}, // not the nested shipping price
		{"MC-1", "attr:list_price", "$1,299.00"},
		{"MC-1", "availability", "in_stock"},
		{"MC-1", "category", "Apparel > Shoes > Running"}, // the first product_type
		{"MC-1", "group", "G-1"},
		{"MC-1", "image", "https://cdn.example.com/1.jpg"},
		{"MC-1", "url", "https://shop.example.com/p/1"},
		{"MC-1", "gtin", "00012345678905"},
		{"MC-1", "attr:mpn", "TR-1"},
		{"MC-1", "attr:color", "Blue"},
		{"MC-2", "title", "ドライバッグ 20L"},
		{"MC-2", "description", `Roll-top bag, keeps "everything" dry. Two straps.`},
		{"MC-2", "availability", "out_of_stock"},
		{"MC-2", "price", "¥4,500"},
		{"MC-2", "url", "https://shop.example.com/p/2"},
	})
	want := []string{`merchant_center.xml:42-46: price "-5.00 USD" is negative; a price must be 0 or more`}
	checkOutcome(t, got, []string{"MC-1", "MC-2"}, want)

	atom := `<?xml version="1.0" encoding="ISO-8859-1"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
<title>Shop</title>
<entry>
<g:id>AT-1</g:id>
<title>Caf` + "\xe9" + ` cr` + "\xe8" + `me mug</title>
<link rel="alternate" href="https://shop.example.com/mug"/>
<summary>Stoneware mug.</summary>
<g:price>12.50 EUR</g:price>
<g:availability>in stock</g:availability>
</entry>
</feed>
`
	got, err := parse(t, strings.NewReader(atom), "feed.txt", Options{DefaultSeller: "Corner Shop"})
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, got, []check{
		{"AT-1", "title", "Café crème mug"},
		{"AT-1", "url", "https://shop.example.com/mug"},
		{"AT-1", "description", "Stoneware mug."},
		{"AT-1", "price", "€12.50"},
	})

	broken := "<rss><channel><item><g:id>A</g:id><title>Alpha</title><g:price>1 USD</g:price></item>\n<item><g:id>B</g:id><title>Beta</wrong></item></channel></rss>\n"
	got, err = parse(t, strings.NewReader(broken), "broken.xml", Options{DefaultSeller: "Corner Shop"})
	if err == nil || !strings.Contains(err.Error(), "line 2: the XML is not well formed") || !strings.Contains(err.Error(), "(the item before it was read)") {
		t.Errorf("Parse(broken.xml) error = %v, want it to stop at line 2 keeping 1 item", err)
	}
	if !slices.Equal(got.ids, []string{"A"}) {
		t.Errorf("broken.xml ids = %q, want [A]", got.ids)
	}
}

// TestXMLBounds checks what a hostile XML feed can make the reader hold: elements
// nested past maxXMLDepth stop the file (the items before kept), and an item longer
// than maxRecordLen is rejected whole, made of many small elements or not, while the
// items after it are read. Without the bounds a file of start tags made the reader
// hold about 30 bytes for each byte read, and an item of a million small elements
// hundreds of MiB.
func TestXMLBounds(t *testing.T) {
	item := func(id string) string {
		return "<item><g:id>" + id + "</g:id><title>Alpha " + id + "</title><g:price>1 USD</g:price></item>\n"
	}
	manyFields := func(n int) string {
		var b strings.Builder
		b.WriteString("<item><g:id>BIG</g:id><title>Big</title><g:price>1 USD</g:price>")
		for i := range n {
			fmt.Fprintf(&b, "<f%d>xxxxxxxx</f%d>", i, i)
		}
		b.WriteString("</item>\n")
		return b.String()
	}
	const head = `<rss xmlns:g="http://base.google.com/ns/1.0"><channel>` + "\n"
	const tail = "</channel></rss>\n"
	tests := []struct {
		name        string
		data        string
		wantErr     string // substring; "" for none
		wantIDs     []string
		wantRejects []string // substrings, one a reject
	}{
		{name: "nested as deep as a feed may", data: head + "<item><g:id>A</g:id><title>Alpha</title><g:price>1 USD</g:price>" +
			strings.Repeat("<x>", maxXMLDepth-3) + strings.Repeat("</x>", maxXMLDepth-3) + "</item>\n" + tail, wantIDs: []string{"A"}},
		{name: "nested deeper inside an item", data: head + item("A") + "<item><g:id>B</g:id>" + strings.Repeat("<x>", 100_000), wantIDs: []string{"A"},
			wantErr: "line 3: elements nested more than 64 deep, which no product feed needs; reading stopped there (the item before it was read)"},
		{name: "nested deeper outside items", data: head + item("A") + strings.Repeat("<x>", 100_000), wantIDs: []string{"A"},
			wantErr: "elements nested more than 64 deep"},
		{name: "an item of many small elements past 1 MiB", data: head + item("A") + manyFields(maxRecordLen/20) + item("C") + tail, wantIDs: []string{"A", "C"},
			wantRejects: []string{"big.xml:3: <item> is longer than 1 MiB"}},
		{name: "an item just under 1 MiB", data: head + manyFields(maxRecordLen/25) + tail, wantIDs: []string{"BIG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.data), "big.xml", Options{DefaultSeller: "Corner Shop"})
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Parse error = %v, want %q", err, tt.wantErr)
			}
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if len(got.rejects) != len(tt.wantRejects) {
				t.Fatalf("rejects = %q, want %d like %q", got.rejects, len(tt.wantRejects), tt.wantRejects)
			}
			for i, w := range tt.wantRejects {
				if !strings.Contains(got.rejects[i], w) {
					t.Errorf("reject %q, want it to contain %q", got.rejects[i], w)
				}
			}
		})
	}
}

// TestShopURL: a product's url or image url written as a path, as a BigCommerce export
// writes Product URL, is read against --shop-url, and a Shopify export's products link
// to the shop's /products/HANDLE; without --shop-url such a path is left out with a
// warning naming the flag (a new user's kitchen shop had no product links at all).
func TestShopURL(t *testing.T) {
	const shop = "https://shop.example"
	const path = "x.csv:2: warning: %s is a path without the shop's address; it was left out (give --shop-url https://… to link it)"
	tests := []struct {
		name, feed, shopURL string
		url, image          string
		warnings            []string
	}{
		{"a path, no shop", "id,title,price,link\nA,Mug,9.99 USD,/p/mug\n", "", "", "", []string{fmt.Sprintf(path, "url")}},
		{"a path on the shop", "id,title,price,link\nA,Mug,9.99 USD,/p/mug?c=1\n", shop, shop + "/p/mug?c=1", "", nil},
		{"an image path on the shop", "id,title,price,image_link\nA,Mug,9.99 USD,/img/a.jpg\n", shop + "/store", "", shop + "/img/a.jpg", nil},
		{"both paths, no shop", "id,title,price,link,image_link\nA,Mug,9.99 USD,/p/mug,/img/a.jpg\n", "", "", "",
			[]string{fmt.Sprintf(path, "url"), fmt.Sprintf(path, "image url")}},
		{"a full URL is kept", "id,title,price,link\nA,Mug,9.99 USD,https://other.example/mug\n", shop, "https://other.example/mug", "", nil},
		{"BigCommerce's Product URL", "Item Type,Product Name,Product Code/SKU,Price,Product URL\nProduct,Skillet,A,9.99,/lodge-skillet/\n", shop, shop + "/lodge-skillet/", "", nil},
		{"a Shopify product on the shop", "Handle,Title,Variant SKU,Variant Price\nblue-mug,Mug,A,9.99\n", shop, shop + "/products/blue-mug", "", nil},
		{"a Shopify product, no shop", "Handle,Title,Variant SKU,Variant Price\nblue-mug,Mug,A,9.99\n", "", "", "", nil},
		{"a WooCommerce product on the shop", "ID,Type,SKU,Name,Regular price\n101,simple,A,Mug,9.99\n", shop + "/store/", shop + "/store/?post_type=product&p=101", "", nil},
		{"a WooCommerce product, no shop", "ID,Type,SKU,Name,Regular price\n101,simple,A,Mug,9.99\n", "", "", "", nil},
		{"a WooCommerce variation links to its parent", "ID,Type,SKU,Name,Regular price,Parent\n200,variable,TEE,Tee,,\n201,variation,A,Tee - Red,9.99,TEE\n", shop, shop + "/?post_type=product&p=200", "", []string{"x.csv:2: skipped: a variable product's own row (its variations are the products)"}},
		{"a WooCommerce variation of a parent by id", "ID,Type,SKU,Name,Regular price,Parent\n201,variation,A,Tee - Red,9.99,id:200\n", shop, shop + "/?post_type=product&p=200", "", nil},
		{"a WooCommerce variation of an unseen parent by SKU", "ID,Type,SKU,Name,Regular price,Parent\n201,variation,A,Tee - Red,9.99,TEE\n", shop, "", "", nil},
		{"a WooCommerce product without a numeric ID", "ID,Type,SKU,Name,Regular price\nx-1,simple,A,Mug,9.99\n", shop, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.feed), "x.csv", Options{DefaultSeller: "S", Currency: "USD", ShopURL: tt.shopURL})
			if err != nil {
				t.Fatal(err)
			}
			p, ok := got.products["A"]
			if !ok {
				t.Fatalf("not imported: %q", got.rejects)
			}
			if p.URL != tt.url || p.ImageURL != tt.image {
				t.Errorf("url %q, image url %q; want %q, %q", p.URL, p.ImageURL, tt.url, tt.image)
			}
			if !slices.Equal(got.rejects, tt.warnings) {
				t.Errorf("reports %q, want %q", got.rejects, tt.warnings)
			}
		})
	}
}

func TestParseShopURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"https://shop.example/", "https://shop.example", ""},
		{" http://shop.example/store ", "http://shop.example/store", ""},
		{"shop.example", "", "is not the shop's address"},
		{"ftp://shop.example", "", "is not the shop's address"},
		{"https://user:pw@shop.example", "", "holds user info"},
		{"https://shop.example/?a=1", "", "has a query or fragment"},
	}
	for _, tt := range tests {
		got, err := ParseShopURL(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseShopURL(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}
