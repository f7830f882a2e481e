package catalog

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestLowerWords holds lowerWords, the fast path for ASCII, equal to splitWords: on
// a few shapes of seller text, and on every line and term of the built-in vocabulary,
// which ParseVocabulary reads with it.
func TestLowerWords(t *testing.T) {
	texts := []string{"Sony WH-1000XM4 Wireless, Black", "  a--b  ", "Café Crème 2x", "", "Über/Unter 55\" TV", "x" + string(make([]byte, 0)) + "y_z"}
	for _, line := range strings.Split(builtinVocabularyText, "\n") {
		texts = append(texts, line)
		texts = append(texts, strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ':' || r == '=' || r == '>' })...)
	}
	for _, s := range texts {
		if got, want := lowerWords(s), splitWords(s); !slices.Equal(got, want) {
			t.Errorf("lowerWords(%q) = %q, splitWords says %q", s, got, want)
		}
	}
}

func TestTitleHead(t *testing.T) {
	tests := []struct{ title, head, forPart string }{
		{"Dyson V11 Cordless Vacuum Cleaner", "cleaner", ""},
		{"Vacuum Bags for Hoover WindTunnel, 10-Pack", "bag", "hoover windtunnel, 10-pack"},
		{"Samsung 55-Inch QLED 4K Smart TV", "tv", ""},
		{"Kensington Laptop Lock", "lock", ""},
		{"Sony WH-1000XM4 Headphones - Black", "headphone", ""},
		{"Lenovo ThinkPad X1 Carbon Laptop (2023), Silver", "laptop", ""},
	}
	for _, tt := range tests {
		if head, forPart := titleHead(tt.title); head != tt.head || forPart != tt.forPart {
			t.Errorf("titleHead(%q) = %q, %q; want %q, %q", tt.title, head, forPart, tt.head, tt.forPart)
		}
	}
}

// TestRankRowOf checks what is stored of a product for reranking (product_rank).
func TestRankRowOf(t *testing.T) {
	tests := []struct {
		name, title, brand, category string
		want                         rankRow
	}{
		{"brand stripped, for part, category's last segment", "Acme Lantern Case for Camping Tents 2", "Acme", "Outdoor > Camping Lights",
			rankRow{head: "case", category: "light", forKeys: "camping tent 2", titleKeys: "lante case for campi tent 2", categoryKeys: `["outdoor","camping","light"]`}},
		{"brand elsewhere in the title stays", "Lantern by ACME", "acme", "",
			rankRow{head: "acme", titleKeys: "lante by acme", categoryKeys: "[]"}},
		{"diacritics folded, words once each", "Café Lámpara, Café", "", "Lámparas",
			rankRow{head: "lampara", category: "lampara", titleKeys: "cafe lampa", categoryKeys: `["lampara"]`}},
		{"no head noun", "2-Pack 55 Inch", "", "",
			rankRow{titleKeys: "2 pack 55 inch", categoryKeys: "[]"}},
		{"empty", "", "", "", rankRow{categoryKeys: "[]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rankRowOf(tt.title, tt.brand, tt.category); got != tt.want {
				t.Errorf("rankRowOf(%q, %q, %q) = %+v, want %+v", tt.title, tt.brand, tt.category, got, tt.want)
			}
		})
	}
}

// TestFoldedFactsAreTypeFacts holds what a search with few matches reads of them for
// reranking in its ranked pass (see foldsFacts) equal to what typeFacts reads of the
// same matches, and checks that such searches do fold it.
func TestFoldedFactsAreTypeFacts(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	titles := []string{
		"Dyson V11 Cordless Vacuum Cleaner", "Vacuum Bags for Dyson V11 (10 pack)", "Shark Upright Vacuum",
		"HEPA Filter compatible with Shark Vacuums", "Vacuum Cleaner Crevice Tool", "Laptop Stand for 15 inch Laptops",
		"Acme Gaming Laptop 15 inch", "Laptop Sleeve, Grey", "Goatskin Leather Gloves", "Goatskin Wallet - Brown",
		"Trail Running Shoes", "Running Shoe Laces", "Waterproof Hiking Jacket", "Jacket for Dogs, Waterproof",
	}
	cats := []string{"Home > Vacuums", "Home > Vacuum Accessories", "Home > Vacuums", "", "Home > Vacuum Accessories",
		"Electronics > Laptop Accessories", "Electronics > Laptops", "", "Apparel > Gloves", "Apparel > Wallets",
		"Shoes > Running", "", "Apparel > Jackets", "Pets > Dog Apparel"}
	products := make([]Product, len(titles))
	for i, title := range titles {
		products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: title, Brand: []string{"Dyson", "Acme", ""}[i%3],
			Category: cats[i], Description: "A fine " + strings.ToLower(title) + ".", Availability: InStock,
			Price: money.Money{Amount: int64(1000 + 100*i), Currency: "USD"}, Rating: 4}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	folded := 0
	for _, text := range []string{"vacuum", "dyson vacuum", "vacuum bags", "laptop", "goatskin", "running shoes",
		"waterproof jacket", "vacuums", "apparel", "home"} {
		t.Run(text, func(t *testing.T) {
			sctx, end, err := c.snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer end()
			q := Query{Text: text}
			if err := q.validate(); err != nil {
				t.Fatal(err)
			}
			s, _, done, err := c.understandQuery(sctx, q, q.fingerprint())
			if err != nil || done {
				t.Fatalf("understandQuery: done %v, %v", done, err)
			}
			ms, _, _, err := s.matches(sctx, 0, false)
			if err != nil {
				t.Fatal(err)
			}
			if s.folded == nil {
				return
			}
			folded++
			want, err := c.typeFacts(sctx, ms, s.folded.cover.keys, len(s.intent.catWords) > 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.folded.facts, want) {
				t.Errorf("facts read with the matches:\n%+v\nwant, as typeFacts reads them:\n%+v", s.folded.facts, want)
			}
			if cv := s.text.cover(); !reflect.DeepEqual(s.folded.cover, cv) {
				t.Errorf("cover terms %+v, want %+v", s.folded.cover, cv)
			}
		})
	}
	if folded == 0 {
		t.Error("no search read its facts with its matches")
	}
}

// TestBrandsNamedPerVersion holds the brands a query names, looked up once per text
// version, equal to a lookup in the catalog, before and after an upsert adds a brand.
func TestBrandsNamedPerVersion(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	product := func(id, brand string) Product {
		return Product{ID: id, SellerID: "s", Title: brand + " Kettle", Brand: brand, Availability: InStock,
			Price: money.Money{Amount: 1000, Currency: "USD"}}
	}
	words := []string{"north", "face", "kettle"}
	for step, brand := range []string{"Acme", "North Face"} {
		if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, []Product{product(fmt.Sprint("p", step), brand)}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time from what the view kept
			lv, err := c.learnedView(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got, err := lv.brandsNamed(ctx, c, words)
			if err != nil {
				t.Fatal(err)
			}
			want, err := c.brandsNamed(ctx, words)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || len(want) != step {
				t.Errorf("after %s: brands named %v, want %v (%d of them)", brand, got, want, step)
			}
		}
	}
}

// TestLearnedViewTypes holds the learned types a view reads (as one row of text) equal
// to the rows of learned_types with at least minLearnedType products (minSmallType in
// a catalog of fewer than smallCatalog, as this one is), after writes
// that add types, grow one past the bound and rename titles.
func TestLearnedViewTypes(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	product := func(id, title string) Product {
		return Product{ID: id, SellerID: "s", Title: title, Availability: InStock, Price: money.Money{Amount: 1000, Currency: "USD"}}
	}
	writes := []struct {
		name     string
		products []Product
	}{
		{"kettles and a lamp", []Product{product("a", "Steel Kettle"), product("b", "Glass Kettle"), product("c", "Travel Kettle"),
			product("d", "Desk Lamp"), product("e", "Floor Lamp")}},
		{"a third lamp", []Product{product("f", "Reading Lamp")}},
		{"kettles renamed", []Product{product("a", "Steel Teapot"), product("b", "Glass Teapot")}},
	}
	for _, w := range writes {
		if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, w.products); err != nil {
			t.Fatal(err)
		}
		lv, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		if !lv.small {
			t.Errorf("after %s: a catalog of a few products is not read as small", w.name)
		}
		least := minLearnedType
		if lv.small {
			least = minSmallType // a catalog of a few products
		}
		rows, err := c.db.QueryContext(ctx, `SELECT head, products FROM learned_types WHERE products >= ?`, least)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var head string
			var n int
			if err := rows.Scan(&head, &n); err != nil {
				t.Fatal(err)
			}
			want[head] = n
		}
		rows.Close()
		if !reflect.DeepEqual(lv.types, want) || len(want) == 0 {
			t.Errorf("after %s: the view's types %v, want %v", w.name, lv.types, want)
		}
	}
}

// TestHeadPastBrand checks that a product's own brand said after the thing, with a
// code of the brand's after it, is no head of its title (headPastBrand): the thing
// before it is; a brand word with no code after it, or with nothing before it, stays.
func TestHeadPastBrand(t *testing.T) {
	tests := []struct{ name, title, brand, head string }{
		{"brand and code after the thing", "Replacement Brake Pads Shimano L05A - 105", "Shimano", "pad"},
		{"brand first, thing last", "Shimano 105 Brake Pads K05S Sintered", "Shimano", "sintered"},
		{"the brand's words after the thing", "Spare Glass Beaker Bodum Chambord CB800", "Bodum Chambord", "beaker"},
		{"brand last with no code stays", "Colouring Set Crayola", "Crayola", "crayola"},
		{"nothing before the brand stays", "Shimano L05A", "Shimano", "shimano"},
		{"another brand's name is no head of this one", "Brake Pads Shimano L05A", "Clarks", "shimano"},
		{"no brand", "Brake Pads Shimano L05A", "", "shimano"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rankRowOf(tt.title, tt.brand, "").head; got != tt.head {
				t.Errorf("rankRowOf(%q, %q).head = %q, want %q", tt.title, tt.brand, got, tt.head)
			}
		})
	}
}
