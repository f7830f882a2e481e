package catalog

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

func TestProductCodes(t *testing.T) {
	tests := []struct {
		name string
		p    Product
		want []string
	}{
		{"model in title", Product{Title: "Sony WH-1000XM4 Wireless Headphones, Black"}, []string{"wh1000xm4"}},
		{"sizes are no codes", Product{Title: "Acme 55in 4K UHD Smart TV 16GB 2-Pack 1080p 2023"}, nil},
		{"gtin without leading zeros", Product{Title: "Kettle", GTIN: "0012345678905"}, []string{"12345678905"}},
		{"attributes", Product{Title: "Vacuum", Attributes: map[string]string{"MPN": "SV-22/B", "color": "Red X1", "Model": "V11"}},
			[]string{"sv22b", "v11", "color=redx1", "color=red"}}, // a colour is no code, but is kept as an attribute key, and its word
		{"colour and size keys", Product{Title: "Hoodie", Attributes: map[string]string{"Colour": "Navy/Rosé", "shoe_size": "10", "material": "Cotton"}},
			[]string{"color=navyrose", "color=navy", "color=rose", "size=10"}},
		{"letters only", Product{Title: "Over/Under Shotgun Case"}, nil},
		{"a dimension is a size, not a code", Product{Title: "Birch Photo Frame 8x10, 2x4 Stud Kit, 10x42 Binoculars, 27.5x2.4 Tube"}, nil},
		{"a letter-led code with an x stays one", Product{Title: "Fujica X100V Camera, XT-30 Body"}, []string{"x100v", "xt30"}},
		{"a SKU id first", Product{ID: "FFC-CN-247", Title: "Beeswax Candle, 10oz", Attributes: map[string]string{"mpn": "CN247"}},
			[]string{"ffccn247", "cn247"}},
		{"an id that is the MPN too, once", Product{ID: "sv-22/b", Title: "Vacuum", Attributes: map[string]string{"MPN": "SV-22/B"}},
			[]string{"sv22b"}},
		{"a long generated id", Product{ID: "gen-000123", Title: "Lantern"}, []string{"gen000123"}},
		{"a GTIN-long number id", Product{ID: "0004006381333931", Title: "Pen"}, []string{"4006381333931"}},
		{"short ids are no codes", Product{ID: "p123", Title: "Lantern"}, nil},
		{"a short code-like id is no code", Product{ID: "B-12", Title: "Squeaky Bone"}, nil},
		{"a number id under seven digits is no code", Product{ID: "100234", Title: "Lantern"}, nil},
		{"an id of letters is no code", Product{ID: "TEE-RED-M", Title: "Tee"}, nil},
		{"an id that is a size is no code", Product{ID: "128GB", Title: "Card"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := productCodes(&tt.p); !slices.Equal(got, tt.want) {
				t.Errorf("productCodes = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQueryCodes(t *testing.T) {
	tests := []struct{ text, want string }{
		{"WH-1000XM4", "wh1000xm4"},
		{"wh1000xm4", "wh1000xm4"},
		{"sony wh 1000 xm4", "wh1000xm4"},
		{"0012345678905", "12345678905"},
		{"0012 3456 78905", "12345678905"},
		{"hx5150 01", "hx515001"},
		{"cy 00010", "cy00010"},
		{"ffc cn 247", "ffccn247"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := queryCodes(tt.text); !slices.Contains(got, tt.want) {
				t.Errorf("queryCodes(%q) = %q, want it to hold %q", tt.text, got, tt.want)
			}
		})
	}
	for _, text := range []string{"55 inch tv", "16gb usb stick", "running shoes", "4k tv", "8x10 photo frame", "2x4 stud", "10x42 binoculars", "tube 26x1.95"} {
		if got := queryCodes(text); len(got) > 0 {
			t.Errorf("queryCodes(%q) = %q, want none", text, got)
		}
	}
}

// storedCodes returns product_codes by product id.
func storedCodes(t *testing.T, c *Catalog) map[string][]string {
	t.Helper()
	rows, err := c.db.Query(`SELECT p.id, c.code FROM product_codes c JOIN products p ON p.rowid = c.rowid ORDER BY p.id, c.code`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var id, code string
		if err := rows.Scan(&id, &code); err != nil {
			t.Fatal(err)
		}
		out[id] = append(out[id], code)
	}
	return out
}

// checkCodes fails t unless product_codes holds productCodes of every stored product
// and nothing else.
func checkCodes(t *testing.T, c *Catalog, step string) {
	t.Helper()
	var orphans int
	if err := c.db.QueryRow(`SELECT count(*) FROM product_codes WHERE rowid NOT IN (SELECT rowid FROM products)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans > 0 {
		t.Errorf("%s: %d codes of deleted products", step, orphans)
	}
	stored := storedCodes(t, c)
	rows, err := c.db.Query(`SELECT p.id FROM products p`)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		p, err := c.Product(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		want := productCodes(&p)
		slices.Sort(want)
		if got := stored[id]; !slices.Equal(got, want) {
			t.Errorf("%s: product %s has codes %q, want %q", step, id, got, want)
		}
	}
}

func codeProducts(n int, gen string) []Product {
	products := make([]Product, n)
	for i := range products {
		// Every other id is a SKU, so one of the product's codes (idCode); the others
		// ("p1") are too short to be.
		id := "p" + strconv.Itoa(i)
		if i%2 == 0 {
			id = "LN-" + strconv.Itoa(1000+i)
		}
		products[i] = Product{ID: id, SellerID: "s", Title: "Acme AB-" + strconv.Itoa(i) + gen + " Lantern, 2-Pack",
			GTIN:         []string{"", "00" + strconv.Itoa(40000000+i)}[i%2],
			Attributes:   map[string]string{"mpn": "X" + gen + strconv.Itoa(i%3), "color": []string{"Red", "Navy/White"}[i%2], "size": "X" + gen},
			Category:     "Home & Garden > Lighting",
			Tags:         [][]string{{"lantern"}, {"Lights > Lanterns " + gen}, nil}[i%3],
			Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
	}
	return products
}

// TestProductCodesFollowProducts holds product_codes equal to productCodes of every
// product through imports, re-imports with other codes and deletes.
func TestProductCodesFollowProducts(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s", Name: "Shop"}}
	if _, err := c.Upsert(ctx, sellers, codeProducts(30, "a")); err != nil {
		t.Fatal(err)
	}
	checkCodes(t, c, "imported")
	if _, err := c.Upsert(ctx, sellers, codeProducts(30, "b")); err != nil {
		t.Fatal(err)
	}
	checkCodes(t, c, "re-imported with other codes")
	if _, err := c.db.Exec(`DELETE FROM products WHERE rowid % 3 = 0`); err != nil {
		t.Fatal(err)
	}
	checkCodes(t, c, "deleted")
}

// TestProductCodesFilled checks that a catalog whose product_codes a migration left to
// fill (fillCodesBatch, see fill.go) gets, once opened and filled, the very rows and
// schema an import wrote, whatever it held before.
func TestProductCodesFilled(t *testing.T) {
	for _, tt := range []struct {
		name, damage string
	}{
		{"before migration 0009: no codes", `DELETE FROM product_codes; INSERT INTO product_codes_pending (id) VALUES (1)`},
		{"before migration 0039: no colour and size keys", `DELETE FROM product_codes WHERE instr(code, '=') > 0;
			DELETE FROM catalog_migrations WHERE name = '0039_attribute_keys.sql'`},
		{"before migration 0052: no shop path keys", `DELETE FROM product_codes WHERE code LIKE 'cat%';
			DELETE FROM catalog_migrations WHERE name = '0052_shop_path_keys.sql'`},
		{"before migration 0054: no id codes", `DELETE FROM product_codes WHERE code LIKE 'ln%';
			DELETE FROM catalog_migrations WHERE name = '0054_id_codes.sql'`},
		{"before migration 0054, a fill of 0052 half done", `DELETE FROM product_codes WHERE code LIKE 'ln%' OR code LIKE 'cat%';
			DELETE FROM catalog_migrations WHERE name IN ('0052_shop_path_keys.sql', '0054_id_codes.sql');
			CREATE TRIGGER half_done AFTER INSERT ON product_codes_pending BEGIN
				UPDATE product_codes_pending SET filled_to = (SELECT max(rowid) / 2 FROM products);
			END`},
		{"wrong and missing codes", `DELETE FROM product_codes WHERE rowid % 2 = 0;
			INSERT INTO product_codes (code, rowid) VALUES ('zz999', 3), ('color=green', 5), ('ab1a', 1000);
			INSERT INTO product_codes_pending (id) VALUES (1)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "catalog.db")
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			sellers := []Seller{{ID: "s", Name: "Shop"}}
			// Products p0-p299, p0-p149 re-imported with other codes: more rows than one
			// statement of the fill writes (fillCodesChunk).
			for _, b := range []struct {
				n   int
				gen string
			}{{300, "a"}, {150, "b"}} {
				if _, err := c.Upsert(ctx, sellers, codeProducts(b.n, b.gen)); err != nil {
					t.Fatal(err)
				}
			}
			var n int
			if err := c.db.QueryRow(`SELECT count(*) FROM product_codes`).Scan(&n); err != nil || n <= fillCodesChunk {
				t.Fatalf("%d codes imported (%v), want more than %d", n, err, fillCodesChunk)
			}
			const (
				rowsSQL   = `SELECT coalesce(group_concat(code || ' ' || rowid, ', '), '') FROM (SELECT code, rowid FROM product_codes ORDER BY code, rowid)`
				schemaSQL = `SELECT group_concat(name || ': ' || sql, '; ') FROM (SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'product_codes' ORDER BY name)`
			)
			imported, schema := queryString(t, c, rowsSQL), queryString(t, c, schemaSQL)
			if _, err := c.db.Exec(tt.damage); err != nil {
				t.Fatal(err)
			}
			if queryString(t, c, rowsSQL) == imported {
				t.Fatal("the damage left product_codes as imported")
			}
			c.Close()
			c = openFilled(t, path, fillOptions{})
			if got := queryString(t, c, rowsSQL); got != imported {
				t.Errorf("product_codes filled:\n%s\nimported:\n%s", got, imported)
			}
			if got := queryString(t, c, schemaSQL); got != schema {
				t.Errorf("product_codes schema filled:\n%s\nimported:\n%s", got, schema)
			}
			checkCodes(t, c, "opened with codes pending")
			var pending int
			if err := c.db.QueryRow(`SELECT count(*) FROM product_codes_pending`).Scan(&pending); err != nil || pending != 0 {
				t.Errorf("pending = %d, %v; want 0", pending, err)
			}
		})
	}
}

// queryString returns the one text value query reads from c.
func queryString(t *testing.T, c *Catalog, query string) string {
	t.Helper()
	var s string
	if err := c.db.QueryRow(query).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIDCodesMigration checks that migration 0054 re-arms the codes' fill of a catalog
// stored before it only when its products have ids that may be codes (a digit, five
// characters or more): a catalog of short ids ("p12") opens without a fill.
func TestIDCodesMigration(t *testing.T) {
	for _, tt := range []struct {
		name  string
		id    func(i int) string
		armed bool
	}{
		{"SKU ids", func(i int) string { return "LN-" + strconv.Itoa(1000+i) }, true},
		{"short ids", func(i int) string { return "p" + strconv.Itoa(i) }, false},
		{"ids without a digit", func(i int) string { return "lantern-" + strings.Repeat("x", i%5+1) }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "catalog.db")
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			products := make([]Product, 30)
			for i := range products {
				products[i] = Product{ID: tt.id(i), SellerID: "s", Title: "Lantern", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
			}
			if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
				t.Fatal(err)
			}
			if _, err := c.db.Exec(`DELETE FROM catalog_migrations WHERE name = '0054_id_codes.sql'`); err != nil {
				t.Fatal(err)
			}
			c.Close()
			c = openFilled(t, path, fillOptions{})
			if armed := c.Fill().Batches > 0; armed != tt.armed {
				t.Errorf("codes' fill run = %v, want %v", armed, tt.armed)
			}
			checkCodes(t, c, "reopened")
		})
	}
}
