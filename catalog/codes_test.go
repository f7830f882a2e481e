package catalog

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
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
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := queryCodes(tt.text); !slices.Contains(got, tt.want) {
				t.Errorf("queryCodes(%q) = %q, want it to hold %q", tt.text, got, tt.want)
			}
		})
	}
	for _, text := range []string{"55 inch tv", "16gb usb stick", "running shoes", "4k tv"} {
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
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Acme AB-" + strconv.Itoa(i) + gen + " Lantern, 2-Pack",
			GTIN:         []string{"", "00" + strconv.Itoa(40000000+i)}[i%2],
			Attributes:   map[string]string{"mpn": "X" + gen + strconv.Itoa(i%3), "color": []string{"Red", "Navy/White"}[i%2], "size": "X" + gen},
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

// TestProductCodesFilled checks that a catalog whose products have no codes yet (it
// had them before migration 0009) gets them when opened.
func TestProductCodesFilled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, codeProducts(25, "a")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.db.Exec(`DELETE FROM product_codes; INSERT INTO product_codes_pending (id) VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if c, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkCodes(t, c, "opened with codes pending")
	var pending int
	if err := c.db.QueryRow(`SELECT count(*) FROM product_codes_pending`).Scan(&pending); err != nil || pending != 0 {
		t.Errorf("pending = %d, %v; want 0", pending, err)
	}
}

// TestAttributeKeysMigrated checks that a catalog stored before migration 0039, whose
// product_codes have no colour and size keys, gets them when opened.
func TestAttributeKeysMigrated(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, codeProducts(25, "a")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.db.Exec(`DELETE FROM product_codes WHERE instr(code, '=') > 0;
		DELETE FROM catalog_migrations WHERE name = '0039_attribute_keys.sql'`); err != nil {
		t.Fatal(err)
	}
	var keys int
	if err := c.db.QueryRow(`SELECT count(*) FROM product_codes WHERE instr(code, '=') > 0`).Scan(&keys); err != nil || keys != 0 {
		t.Fatalf("before: %d keys, %v", keys, err)
	}
	c.Close()
	if c, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkCodes(t, c, "opened after migration 0039")
	if err := c.db.QueryRow(`SELECT count(*) FROM product_codes WHERE instr(code, '=') > 0`).Scan(&keys); err != nil || keys == 0 {
		t.Errorf("after: %d keys, %v; want some", keys, err)
	}
}
