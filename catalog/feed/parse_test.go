package feed

import (
	"slices"
	"testing"
	"time"
)

func TestParseFixtures(t *testing.T) {
	opt := Options{DefaultSeller: "Corner Shop", Now: func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }}
	tests := []struct {
		name      string
		file      string
		wantIDs   []string
		wantLines []int
		checks    []check
	}{
		{
			name:      "flat CSV with current names",
			file:      "flat_current.csv",
			wantIDs:   []string{"TR-100-BLU-42", "TR-100-GRN-43", "KT-220", "LN-7"},
			wantLines: []int{2, 3, 5, 6}, // TR-100-GRN-43 has a two-line description
			checks: []check{
				{"TR-100-BLU-42", "title", "Ridgeline Trail Runner, Blue"},
				{"TR-100-BLU-42", "group", "TR-100"},
				{"TR-100-BLU-42", "seller", "acme-outdoor-co"},
				{"TR-100-BLU-42", "price", "$89.00"},
				{"TR-100-BLU-42", "stock", "14"},
				{"TR-100-BLU-42", "availability", "in_stock"},
				{"TR-100-BLU-42", "category", "Apparel > Shoes > Running"},
				{"TR-100-BLU-42", "rating", "4.6"},
				{"TR-100-BLU-42", "reviews", "212"},
				{"TR-100-BLU-42", "gtin", "0012345678905"},
				{"TR-100-BLU-42", "url", "https://shop.example.test/p/tr-100-blu-42"},
				{"TR-100-BLU-42", "image", "https://img.example.test/tr-100-blu.jpg"},
				{"TR-100-BLU-42", "attr:color", "Blue"},
				{"TR-100-BLU-42", "attr:size", "42"},
				{"TR-100-BLU-42", "attr:material", "Mesh"},
				{"TR-100-BLU-42", "attr:gender", "unisex"},
				{"TR-100-BLU-42", "attr:age_group", "adult"},
				{"TR-100-BLU-42", "attr:condition", "new"},
				{"TR-100-BLU-42", "attr:mpn", "RL-TR100"},
				{"TR-100-BLU-42", "attr:list_price", "<none>"},
				{"TR-100-BLU-42", "hidden", "false"},
				{"TR-100-GRN-43", "description", "Same shoe in moss green. The lugged sole grips wet rock."},
				{"TR-100-GRN-43", "price", "$69.00"},
				{"TR-100-GRN-43", "attr:list_price", "$89.00"},
				{"KT-220", "description", `Boils "fast" on any stove.`},
				{"KT-220", "price", "$34.50"},
				{"KT-220", "availability", "out_of_stock"},
				{"KT-220", "stock", "0"},
				{"KT-220", "seller", "harbor-home-goods"},
				{"KT-220", "hidden", "true"},
				{"LN-7", "seller", "corner-shop"},
				{"LN-7", "price", "¥1,200"},
				{"LN-7", "availability", "preorder"},
				{"LN-7", "stock", "nil"},
				{"LN-7", "hidden", "false"},
			},
		},
		{
			name:      "flat TSV with legacy names, BOM and mixed-case header",
			file:      "flat_legacy.tsv",
			wantIDs:   []string{"MUG-01", "RUL-6"},
			wantLines: []int{2, 3},
			checks: []check{
				{"MUG-01", "url", "https://harbor.example.test/mug"},
				{"MUG-01", "image", "https://harbor.example.test/mug.jpg"},
				{"MUG-01", "description", `Holds 12 oz; fits a 6" pocket stove.`},
				{"MUG-01", "availability", "in_stock"},
				{"MUG-01", "stock", "40"},
				{"MUG-01", "category", "Home > Kitchen > Drinkware"},
				{"MUG-01", "gtin", "4006381333931"},
				{"MUG-01", "attr:size", "350 ml"},
				{"MUG-01", "hidden", "false"},
				{"RUL-6", "category", "Hardware > Tools > Measuring"}, // numeric taxonomy id skipped
				{"RUL-6", "hidden", "true"},
				{"RUL-6", "availability", "in_stock"},
			},
		},
		{
			name:      "flat JSON Lines",
			file:      "flat.jsonl",
			wantIDs:   []string{"BAG-30", "BAG-18", "501"},
			wantLines: []int{1, 3, 4},
			checks: []check{
				{"BAG-30", "price", "$119.95"},
				{"BAG-30", "stock", "7"},
				{"BAG-30", "rating", "4.2"},
				{"BAG-30", "reviews", "58"},
				{"BAG-30", "attr:color", "Slate"},
				{"BAG-18", "price", "€49.00"},
				{"BAG-18", "url", "https://shop.example.test/p/bag-18"},
				{"BAG-18", "availability", "backorder"},
				{"501", "title", "Trail Mix Sampler"},
				{"501", "price", "$9.50"},
				{"501", "availability", "out_of_stock"},
				{"501", "category", "Food > Snacks"},
			},
		},
		{
			name:      "ACP products with variants",
			file:      "acp_variants.jsonl",
			wantIDs:   []string{"tent-2p-sand", "tent-2p-olive", "sock-merino-m", "sock-merino-l", "bowl-set-4"},
			wantLines: []int{1, 1, 2, 2, 3},
			checks: []check{
				{"tent-2p-sand", "title", "Lumen 2P Tent - Sand"},
				{"tent-2p-sand", "group", "tent-2p"},
				{"tent-2p-sand", "description", "Two-person freestanding tent with two doors."},
				{"tent-2p-sand", "price", "$249.00"},
				{"tent-2p-sand", "attr:list_price", "$279.00"},
				{"tent-2p-sand", "availability", "in_stock"},
				{"tent-2p-sand", "category", "Outdoor > Camping > Tents"},
				{"tent-2p-sand", "gtin", "0614141000036"},
				{"tent-2p-sand", "attr:color", "Sand"},
				{"tent-2p-sand", "attr:condition", "new"},
				{"tent-2p-sand", "image", "https://img.example.test/tent.jpg"},
				{"tent-2p-sand", "url", "https://shop.example.test/p/tent-2p"},
				{"tent-2p-sand", "seller", "acme-outdoor-co"},
				{"tent-2p-olive", "title", "Lumen 2P Tent Olive"},
				{"tent-2p-olive", "availability", "out_of_stock"},
				{"tent-2p-olive", "image", "https://img.example.test/tent-olive.jpg"},
				{"sock-merino-m", "title", "Merino Hiking Sock - M"},
				{"sock-merino-m", "brand", "Woolpath"},
				{"sock-merino-m", "seller", "harbor-home-goods"},
				{"sock-merino-m", "stock", "40"},
				{"sock-merino-m", "availability", "in_stock"},
				{"sock-merino-m", "attr:size", "M"},
				{"sock-merino-m", "attr:shoe_size", "39"},
				{"sock-merino-m", "image", ""},
				{"sock-merino-l", "availability", "backorder"},
				{"bowl-set-4", "description", "Hand-thrown stoneware & glaze."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseFixture(t, tt.file, opt)
			if len(got.rejects) > 0 && tt.file != "acp_variants.jsonl" {
				t.Errorf("rejects: %q", got.rejects)
			}
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if !slices.Equal(got.lines, tt.wantLines) {
				t.Errorf("lines = %v, want %v", got.lines, tt.wantLines)
			}
			checkFields(t, got, tt.checks)
		})
	}
}

func TestParseBadRows(t *testing.T) {
	tests := []struct {
		name        string
		file        string
		opt         Options
		wantIDs     []string
		wantRejects []string
	}{
		{
			name:    "CSV rows after a multi-line field keep their line numbers",
			file:    "bad_rows.csv",
			wantIDs: []string{"OK-1", "OK-2", "OK-3", "OK-1"},
			wantRejects: []string{
				`bad_rows.csv:3: price "abc" is not a price like "29.99 USD"`,
				`bad_rows.csv:7: item_id is missing: every product needs an id (a column item_id, id, sku, item_sku or product_id; in an Etsy export, the listing's SKU)`,
				`bad_rows.csv:8: title is missing`,
				`bad_rows.csv:9: row has 3 fields but the header has 9`,
				`bad_rows.csv:10: availability "sometimes" is not one of in_stock, out_of_stock, preorder, backorder, discontinued`,
				`bad_rows.csv:11: product_review_rating "7" is not a number from 0 to 5`,
				`bad_rows.csv:12: is_eligible_search "maybe" is not true or false`,
				`bad_rows.csv:13: no seller: add a seller_name to the feed or pass --seller NAME`,
				`bad_rows.csv:14: inventory_quantity "lots" is not a whole number`,
				`bad_rows.csv:15: price "5.00 DOLLARS": currency "DOLLARS" is not a three-letter ISO 4217 code`,
				`bad_rows.csv:16: a field that is not quoted contains a "; quote the whole field and double the " inside it`,
				`bad_rows.csv:19: price "5.999 USD": "5.999" is ambiguous: the "." may group thousands or mark decimals; write the amount with 2 decimals, such as "5999.00"`,
			},
		},
		{
			name:        "a default seller covers rows without one",
			file:        "bad_rows.csv",
			opt:         Options{DefaultSeller: "Corner Shop"},
			wantIDs:     []string{"OK-1", "OK-2", "NO-SELLER", "OK-3", "OK-1"},
			wantRejects: nil, // checked by count below
		},
		{
			name:    "ACP variant with a fractional amount",
			file:    "acp_variants.jsonl",
			wantIDs: []string{"tent-2p-sand", "tent-2p-olive", "sock-merino-m", "sock-merino-l", "bowl-set-4"},
			wantRejects: []string{
				`acp_variants.jsonl:3: product "bowl-set" variant "bowl-set-6": price.amount "75.5" is not a whole number of minor units (2999 for 29.99)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseFixture(t, tt.file, tt.opt)
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if tt.wantRejects == nil {
				if len(got.rejects) != 11 {
					t.Errorf("got %d rejects, want 11: %q", len(got.rejects), got.rejects)
				}
				return
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
		})
	}
}

func joinLines(s []string) string {
	out := ""
	for _, l := range s {
		out += "  " + l + "\n"
	}
	return out
}
