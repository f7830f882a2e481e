package catalog

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// TestDerivedTablesFollowProducts changes products every way the code does (imports
// that change brand, category, price, rating, visibility and stock; sales) and with SQL
// (updates and deletes, as an operator might), and checks after each step that the
// tables triggers derive from products still agree with it: product_keys (one row per
// product, same facts, brands by id), the full-text index of excluded products and the
// cards in product_text.
func TestDerivedTablesFollowProducts(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}, {ID: "s2", Name: "Other"}}
	products := make([]Product, 300)
	for i := range products {
		stock := int64(i % 4)
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: sellers[i%2].ID, Title: "Lantern " + strconv.Itoa(i),
			Brand: []string{"", "Acme", "ACME", "Glowco", "Ünïcode Lights"}[i%5], Category: []string{"", "Lights", "Lights > Camping"}[i%3],
			Availability: InStock, Stock: &stock, Price: money.Money{Amount: int64(100 + i), Currency: []string{"USD", "JPY", "KWD"}[i%3]},
			Rating: float64(i%50) / 10, ReviewCount: int64(i), Hidden: i%7 == 0}
	}
	upsert := func() {
		t.Helper()
		if _, err := c.Upsert(ctx, sellers, products); err != nil {
			t.Fatal(err)
		}
	}
	exec := func(query string) {
		t.Helper()
		if _, err := c.db.ExecContext(ctx, query); err != nil {
			t.Fatal(err)
		}
	}
	upsert()
	checkDerived(t, c, "imported")

	for i := range products {
		p := &products[i]
		p.Brand, p.Category = []string{"Glowco", "acme", "", "Newco"}[i%4], []string{"Lights > Camping", "", "Tools"}[i%3]
		p.Price.Amount, p.Rating, p.ReviewCount, p.Hidden = p.Price.Amount*3, 5-p.Rating, p.ReviewCount+1, i%5 == 0
		if i%6 == 0 {
			p.Availability = OutOfStock
		}
	}
	upsert()
	checkDerived(t, c, "re-imported with every fact changed")

	for i := 0; i < len(products); i += 3 {
		if products[i].Purchasable() {
			if err := c.TakeStock(ctx, products[i].ID, int(*products[i].Stock)); err != nil {
				t.Fatal(err)
			}
		}
	}
	checkDerived(t, c, "sold out")

	exec(`UPDATE products SET hidden = NOT hidden WHERE rowid % 4 = 0`)
	exec(`UPDATE products SET stock = 5, availability = 'in_stock' WHERE rowid % 4 = 1`)
	exec(`DELETE FROM products WHERE rowid % 4 = 2`)
	exec(`UPDATE product_text SET title = title || ' "II"', url = 'https://example.com/' || rowid WHERE rowid % 3 = 0`)
	exec(`UPDATE sellers SET name = 'Renamed \ "Shop"' WHERE id = 's1'`)
	exec(`UPDATE products SET seller_id = 's1' WHERE rowid % 5 = 0`)
	checkDerived(t, c, "changed and deleted with SQL")
	checkCards(t, c, "changed and deleted with SQL")
}

// checkDerived fails t when product_keys, brands, products_fts_excluded or the cards
// disagree with products.
func checkDerived(t *testing.T, c *Catalog, step string) {
	t.Helper()
	ctx := context.Background()
	checks := []struct{ what, query string }{
		{"products whose keys are missing or differ", `SELECT count(*) FROM products p
			LEFT JOIN product_keys k ON k.rowid = p.rowid LEFT JOIN brands b ON b.id = k.brand_id
			WHERE k.rowid IS NULL OR k.hidden != p.hidden OR k.in_stock != p.in_stock
			OR k.category_id IS NOT p.category_id OR coalesce(b.key, '') != p.brand_key
			OR (k.brand_id = 0) != (p.brand_key = '') OR k.price_amount != p.price_amount
			OR k.price_exp != p.price_exp OR k.rating != p.rating OR k.review_count != p.review_count`},
		{"keys of deleted products", `SELECT count(*) FROM product_keys WHERE rowid NOT IN (SELECT rowid FROM products)`},
		{"excluded products missing from their index", `SELECT count(*) FROM products
			WHERE (hidden OR NOT in_stock) AND rowid NOT IN (SELECT rowid FROM products_fts_excluded)`},
		{"cards that differ from their source", `SELECT count(*) FROM product_text t
			LEFT JOIN product_cards_source c ON c.rowid = t.rowid WHERE t.card IS NOT c.card`},
		{"products in the excluded index that are not excluded", `SELECT count(*) FROM products_fts_excluded
			WHERE rowid NOT IN (SELECT rowid FROM products WHERE hidden OR NOT in_stock)`},
	}
	for _, ch := range checks {
		var n int
		if err := c.db.QueryRowContext(ctx, ch.query).Scan(&n); err != nil {
			t.Fatalf("%s: %s: %v", step, ch.what, err)
		}
		if n != 0 {
			t.Errorf("%s: %d %s", step, n, ch.what)
		}
	}
	var nk, np int
	if err := c.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM product_keys), (SELECT count(*) FROM products)`).Scan(&nk, &np); err != nil {
		t.Fatal(err)
	}
	if nk != np || np == 0 {
		t.Errorf("%s: %d keys for %d products", step, nk, np)
	}
}

// TestDerivedTablesBackfilled checks that a catalog written before product_keys, the
// excluded products' index and the cards existed gets them filled when opened.
func TestDerivedTablesBackfilled(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	// An older catalog: the migrations before 0005, and products written into it. (0009,
	// the product codes that Upsert writes, is there too; TestProductCodesFilled checks
	// their own backfill.)
	old := fstest.MapFS{}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if base := filepath.Base(name); base < "0005" || strings.HasPrefix(base, "0009") {
			data, err := fs.ReadFile(migrations, name)
			if err != nil {
				t.Fatal(err)
			}
			old[base] = &fstest.MapFile{Data: data}
		}
	}
	db, err := sqlite.OpenMigrated(ctx, path, old, ".", "catalog_migrations")
	if err != nil {
		t.Fatal(err)
	}
	products := make([]Product, 40)
	for i := range products {
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Lantern", Brand: []string{"", "Acme", "acme"}[i%3],
			Category: "Lights", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}, Hidden: i%4 == 0}
	}
	if _, err := (&Catalog{db: db}).Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	db.Close()

	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkDerived(t, c, "opened after an upgrade")
	checkCards(t, c, "opened after an upgrade")
	// Rows written before the change counter existed are all read into the in-memory
	// copy of product_keys: searching in memory finds what searching in SQL does.
	for _, q := range []Query{{Text: "lantern", InStock: true}, {Text: "lantern", Brand: "acme"}} {
		if memory, sql := pages(t, c, q, false), pages(t, c, q, true); !reflect.DeepEqual(memory, sql) {
			t.Errorf("%+v: in memory\n%v\nin SQL\n%v", q, memory, sql)
		}
	}
	if !c.keys.loaded || len(c.keys.rows) == 0 {
		t.Error("the search did not use the in-memory copy of product_keys")
	}
}
