package catalog

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"path/filepath"
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
			Rating: float64(i%50) / 10, ReviewCount: int64(i), Hidden: i%7 == 0, ImageURL: testImageURL(i)}
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
		p.Title = []string{p.Brand + " Lantern Case for Camping Tents " + strconv.Itoa(i), "Tent Lights, Warm White", "Café Lámpara (2-pack)"}[i%3]
		if i%6 == 0 {
			p.Availability = OutOfStock
		}
		p.ImageURL = testImageURL(i + i%3)
	}
	upsert()
	checkDerived(t, c, "re-imported with every fact changed")

	taken := map[string]StockVersion{}
	for i := 0; i < len(products); i += 3 {
		if products[i].Purchasable() {
			v, err := c.TakeStock(ctx, products[i].ID, int(*products[i].Stock))
			if err != nil {
				t.Fatal(err)
			}
			taken[products[i].ID] = v
		}
	}
	checkDerived(t, c, "sold out")
	for i := 0; i < len(products); i += 6 {
		if products[i].Purchasable() {
			if err := c.ReturnStock(ctx, products[i].ID, 1, taken[products[i].ID]); err != nil {
				t.Fatal(err)
			}
		}
	}
	checkDerived(t, c, "stock given back")

	exec(`DELETE FROM products WHERE rowid % 4 = 2`)
	// That leaves index_words stale (TestIndexWordsStale) until the next open fills it.
	if err := c.fillStaleWords(ctx); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, c, "deleted with SQL")

	// Incremental upserts on top of a bulk load keep everything in step too.
	more := make([]Product, 50)
	for i := range more {
		more[i] = products[i*3]
		more[i].ID = "bulk" + strconv.Itoa(i)
		more[i].Brand = []string{"Bulkco", "acme", ""}[i%3]
	}
	l, err := c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, more); err != nil {
		t.Fatal(err)
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, c, "loaded in bulk")
	for i := range more {
		more[i].Price.Amount++
		more[i].Hidden = !more[i].Hidden
	}
	if _, err := c.Upsert(ctx, sellers, more[:10]); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, c, "upserted after a bulk load")
}

// checkDerived fails t when product_keys, brands, the full-text index, the cards,
// the product codes, product_rank or index_words disagree with products and
// product_text.
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
		{"products without text", `SELECT count(*) FROM products WHERE rowid NOT IN (SELECT rowid FROM product_text)`},
		{"full-text index rows that are not products", `SELECT count(*) FROM products_fts WHERE rowid NOT IN (SELECT rowid FROM products)`},
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
	// FTS5 checks its index against the content table, term by term.
	if _, err := c.db.ExecContext(ctx, `INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("%s: the full-text index differs from product_text: %v", step, err)
	}
	checkCards(t, c, step)
	checkCodes(t, c, step)
	checkImageOrigins(t, c, step)
	checkRank(t, c, step)
	checkWords(t, c, step)
	var nk, np int
	if err := c.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM product_keys), (SELECT count(*) FROM products)`).Scan(&nk, &np); err != nil {
		t.Fatal(err)
	}
	if nk != np || np == 0 {
		t.Errorf("%s: %d keys for %d products", step, nk, np)
	}
}

// TestDerivedTablesBackfilled checks that a catalog written before product_keys, the
// cards and image_origins existed gets them filled when opened.
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
	// Written as that version wrote products: the rows of products and product_text.
	if _, err := db.ExecContext(ctx, `INSERT INTO sellers (id, name) VALUES ('s', 'Shop');
		INSERT INTO categories (path, key) VALUES ('Lights', 'lights')`); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		brand := []string{"", "Acme", "acme"}[i%3]
		res, err := db.ExecContext(ctx, `INSERT INTO products (id, seller_id, brand, brand_key, category_id, price_amount,
			currency, stock, availability, rating, review_count, hidden, updated_at)
			VALUES (?, 's', ?, lower(?), 1, 100, 'USD', ?, 'in_stock', 4.5, ?, ?, '2026-01-01T00:00:00Z')`,
			"p"+strconv.Itoa(i), brand, brand, i%3, i, i%4 == 0)
		if err != nil {
			t.Fatal(err)
		}
		rowid, _ := res.LastInsertId()
		if _, err := db.ExecContext(ctx, `INSERT INTO product_text (rowid, title, brand, category, image_url) VALUES (?, 'Lantern', ?, 'Lights', ?)`,
			rowid, brand, testImageURL(i)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	c := openFilled(t, path, fillOptions{})
	checkDerived(t, c, "opened after an upgrade")
}

// TestDerivedAfterBulkLoad loads products into an empty catalog (a bulk load, which
// suspends the full-text index's and the learned types' triggers and the secondary
// indexes, and builds what they would have written at the end), then changes them incrementally, checking after each step that
// every derived structure agrees with its source.
func TestDerivedAfterBulkLoad(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}, {ID: "s2", Name: "Other"}}
	products := make([]Product, 500)
	for i := range products {
		stock := int64(i % 3)
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: sellers[i%2].ID, Title: "Lantern " + strconv.Itoa(i),
			Brand: []string{"", "Acme", "ACME", "Glowco"}[i%4], Category: []string{"", "Lights", "Lights > Camping"}[i%3],
			Description: "A lantern for camping number " + strconv.Itoa(i), Availability: InStock, Stock: &stock,
			Price: money.Money{Amount: int64(100 + i), Currency: "USD"}, Rating: float64(i%50) / 10, ReviewCount: int64(i), Hidden: i%7 == 0,
			ImageURL: testImageURL(i)}
	}
	// What a bulk load suspends and must restore: the indexes and triggers of the tables
	// it writes.
	schema := func() (indexes, triggers int) {
		t.Helper()
		if err := c.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('products', 'product_keys')),
			(SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('product_text', 'product_rank'))`).Scan(&indexes, &triggers); err != nil {
			t.Fatal(err)
		}
		return indexes, triggers
	}
	indexes, triggers := schema()
	if indexes < 6 || triggers != 8 {
		t.Fatalf("before the load products and product_keys have %d indexes, product_text and product_rank %d triggers", indexes, triggers)
	}
	l, err := c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Bulk() {
		t.Fatal("a load into an empty catalog is not a bulk load")
	}
	for i := 0; i < len(products); i += 100 {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, products[i:i+100]); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, c, "bulk loaded")
	if i, tr := schema(); i != indexes || tr != triggers {
		t.Errorf("after a bulk load: %d indexes and %d triggers, want the %d and %d before it", i, tr, indexes, triggers)
	}
	if res, err := c.Search(ctx, Query{Text: "camping lantern 43"}); err != nil || res.Total != 1 {
		t.Errorf("search after a bulk load: %+v, %v", res, err)
	}
	for i := range products[:100] {
		products[i].Title += " renamed"
		products[i].Hidden = !products[i].Hidden
		products[i].ImageURL = testImageURL(i + 1)
		products[i].Price.Amount++
	}
	if _, err := c.Upsert(ctx, sellers, products[:100]); err != nil {
		t.Fatal(err)
	}
	checkDerived(t, c, "upserted after a bulk load")
	if res, err := c.Search(ctx, Query{Text: "renamed"}); err != nil || res.Total == 0 {
		t.Errorf("search for new words after a bulk load: %+v, %v", res, err)
	}
}

// checkRank fails t when a product's row of product_rank is missing or differs from
// rankRowOf of its text, or a row is left of a deleted product.
func checkRank(t *testing.T, c *Catalog, step string) {
	t.Helper()
	var orphans int
	if err := c.db.QueryRow(`SELECT count(*) FROM product_rank WHERE rowid NOT IN (SELECT rowid FROM products)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans > 0 {
		t.Errorf("%s: %d rows of product_rank of deleted products", step, orphans)
	}
	rows, err := c.db.Query(`SELECT p.id, t.title, t.brand, t.category, r.rowid IS NOT NULL,
		coalesce(r.head, ''), coalesce(r.category, ''), coalesce(r.for_keys, ''), coalesce(r.title_keys, ''),
		coalesce(r.category_keys, '')
		FROM products p JOIN product_text t ON t.rowid = p.rowid LEFT JOIN product_rank r ON r.rowid = p.rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	// What the learned tables must hold, from scratch: per head, its products, and per
	// category word and head, theirs.
	types, words := map[string]int{}, map[[2]string]int{}
	for rows.Next() {
		var (
			id, title, brand, category string
			ok                         bool
			got                        rankRow
		)
		if err := rows.Scan(&id, &title, &brand, &category, &ok, &got.head, &got.category, &got.forKeys, &got.titleKeys, &got.categoryKeys); err != nil {
			t.Fatal(err)
		}
		n++
		want := rankRowOf(title, brand, category)
		if !ok || got != want {
			t.Errorf("%s: product %s has rank row %+v (stored: %v), want %+v", step, id, got, ok, want)
		}
		if want.head != "" {
			types[want.head]++
			var cks []string
			if err := json.Unmarshal([]byte(want.categoryKeys), &cks); err != nil {
				t.Fatal(err)
			}
			for _, k := range cks {
				words[[2]string{k, want.head}]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("%s: no products to check product_rank against", step)
	}
	gotTypes, gotWords := map[string]int{}, map[[2]string]int{}
	readPairs(t, c, `SELECT '', head, products FROM learned_types`, func(_, head string, n int) { gotTypes[head] = n })
	readPairs(t, c, `SELECT word, head, products FROM learned_type_words`, func(word, head string, n int) { gotWords[[2]string{word, head}] = n })
	if !maps.Equal(gotTypes, types) {
		t.Errorf("%s: learned_types is %v, want %v", step, gotTypes, types)
	}
	if !maps.Equal(gotWords, words) {
		t.Errorf("%s: learned_type_words is %v, want %v", step, gotWords, words)
	}
}

// readPairs calls f with each row of a query of two strings and a count.
func readPairs(t *testing.T, c *Catalog, query string, f func(a, b string, n int)) {
	t.Helper()
	rows, err := c.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			a, b string
			n    int
		)
		if err := rows.Scan(&a, &b, &n); err != nil {
			t.Fatal(err)
		}
		f(a, b, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestLearnedTypesAtUpgrade opens a catalog written before migration 0014 (products
// with their rows of product_rank, as the version before wrote them) and checks that
// the learned tables and each row's category words are filled when it is opened.
func TestLearnedTypesAtUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	old := fstest.MapFS{}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if base := filepath.Base(name); base < "0014" {
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
	if _, err := db.ExecContext(ctx, `INSERT INTO sellers (id, name) VALUES ('s', 'Shop');
		INSERT INTO categories (path, key) VALUES ('Home > Floor Care > Vacuums', 'home > floor care > vacuums')`); err != nil {
		t.Fatal(err)
	}
	titles := []string{"Cyclonix Cordless Vacuum Cleaner", "Stick Vacuum Cleaner, Red", "Vacuum Bags for Cyclonix CX-1, 5 Pack"}
	for i := range 30 {
		title, cat := titles[i%3], ""
		var catID any
		if i%2 == 0 {
			cat, catID = "Home > Floor Care > Vacuums", 1
		}
		res, err := db.ExecContext(ctx, `INSERT INTO products (id, seller_id, brand, brand_key, category_id, price_amount,
			currency, stock, availability, rating, review_count, hidden, updated_at)
			VALUES (?, 's', '', '', ?, 100, 'USD', 1, 'in_stock', 4.5, 1, 0, '2026-01-01T00:00:00Z')`, "p"+strconv.Itoa(i), catID)
		if err != nil {
			t.Fatal(err)
		}
		rowid, _ := res.LastInsertId()
		if _, err := db.ExecContext(ctx, `INSERT INTO product_text (rowid, title, brand, category) VALUES (?, ?, '', ?)`,
			rowid, title, cat); err != nil {
			t.Fatal(err)
		}
		r := rankRowOf(title, "", cat)
		if _, err := db.ExecContext(ctx, `INSERT INTO product_rank (rowid, head, category, for_keys, title_keys) VALUES (?, ?, ?, ?, ?)`,
			rowid, r.head, r.category, r.forKeys, r.titleKeys); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	c := openFilled(t, path, fillOptions{})
	checkRank(t, c, "opened after the upgrade to 0014")
	var n int
	if err := c.db.QueryRowContext(ctx, `SELECT products FROM learned_type_words WHERE word = 'floor' AND head = 'cleaner'`).Scan(&n); err != nil || n != 10 {
		t.Errorf("cleaners filed under floor care: %d (%v), want 10", n, err)
	}
}

// testImageURL is the image of test product i: none, https on a few hosts (with a
// port, upper case, no path), plain http, or text that is no URL.
func testImageURL(i int) string {
	return []string{"", "https://img.a.example/p/" + strconv.Itoa(i) + ".jpg", "https://IMG.b.example:8443/" + strconv.Itoa(i),
		"http://plain.example/x.png", "https://img.a.example", "not a url", "https://c.example/deep/path/" + strconv.Itoa(i)}[i%7]
}

// checkImageOrigins fails t when image_origins differs from the count of visible
// products by image origin prefix worked out from product_text (imageOriginsSQL's
// query), and when ImageOrigins' answer differs from the one of that query.
func checkImageOrigins(t *testing.T, c *Catalog, step string) {
	t.Helper()
	ctx := context.Background()
	read := func(query string) map[string]int {
		t.Helper()
		out := map[string]int{}
		rows, err := c.db.QueryContext(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		defer rows.Close()
		for rows.Next() {
			var prefix string
			var n int
			if err := rows.Scan(&prefix, &n); err != nil {
				t.Fatal(err)
			}
			out[prefix] = n
		}
		return out
	}
	source := imageOriginsSQL[strings.Index(imageOriginsSQL, "SELECT"):]
	want, got := read(source), read(`SELECT prefix, n FROM image_origins`)
	if !maps.Equal(got, want) {
		t.Errorf("%s: image_origins %v, want %v", step, got, want)
	}
}

// TestUpsertLeavesEqualRowsAlone checks that an upsert writes a row of product_keys,
// product_codes or product_rank, and the columns of products that its indexes hold,
// only when they change (an equal row rewritten dirties its pages and those of its
// indexes for nothing), while the tables stay equal to their source. Triggers count
// the writes ("products" counts updates that set an indexed column).
func TestUpsertLeavesEqualRowsAlone(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s", Name: "Shop"}}
	if _, err := c.Upsert(ctx, sellers, codeProducts(30, "a")); err != nil {
		t.Fatal(err)
	}
	var counters strings.Builder
	counters.WriteString(`CREATE TABLE writes (tbl TEXT NOT NULL);`)
	for _, tbl := range []string{"product_keys", "product_codes", "product_rank"} {
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			counters.WriteString(`CREATE TRIGGER count_` + tbl + `_` + op + ` AFTER ` + op + ` ON ` + tbl +
				` BEGIN INSERT INTO writes (tbl) VALUES ('` + tbl + `'); END;`)
		}
	}
	counters.WriteString(`CREATE TRIGGER count_products AFTER UPDATE OF group_id, seller_id, brand_key, category_id,
		price_amount, rating, review_count ON products BEGIN INSERT INTO writes (tbl) VALUES ('products'); END;`)
	if _, err := c.db.Exec(counters.String()); err != nil {
		t.Fatal(err)
	}
	cheaper := codeProducts(30, "a")
	for i := range cheaper {
		cheaper[i].Price.Amount = 90
	}
	less := codeProducts(30, "a")
	for i := range less {
		less[i].GTIN, less[i].Attributes, less[i].Price.Amount = "", nil, 90
	}
	twice := codeProducts(1, "a")
	twice[0].GTIN, twice[0].Attributes, twice[0].Price.Amount = "", nil, 95
	for _, tc := range []struct {
		name     string
		products []Product
		want     map[string]int // rows written, by table
	}{
		{"the same again", codeProducts(30, "a"), map[string]int{}},
		{"new prices", cheaper, map[string]int{"product_keys": 30, "products": 30}},
		{"fewer codes", less, map[string]int{"product_codes": 135}}, // 15 GTINs, 30 MPNs, 90 colour and size keys (Red or Navy/White, Navy, White; a size)
		// the product's price moves and comes back within one call: the second update
		// compares with the first, not with the row stored before the call
		{"a price and back", []Product{twice[0], less[0]}, map[string]int{"product_keys": 2, "products": 2}},
	} {
		if _, err := c.db.Exec(`DELETE FROM writes`); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Upsert(ctx, sellers, tc.products); err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		rows, err := c.db.Query(`SELECT tbl, count(*) FROM writes GROUP BY tbl`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var tbl string
			var n int
			if err := rows.Scan(&tbl, &n); err != nil {
				t.Fatal(err)
			}
			got[tbl] = n
		}
		rows.Close()
		if !maps.Equal(got, tc.want) {
			t.Errorf("%s: rows written %v, want %v", tc.name, got, tc.want)
		}
		checkDerived(t, c, tc.name)
		checkCodes(t, c, tc.name)
		last := tc.products[len(tc.products)-1]
		if p, err := c.Product(ctx, last.ID); err != nil || p.Price != last.Price {
			t.Errorf("%s: %s costs %v (%v), want %v", tc.name, last.ID, p.Price, err, last.Price)
		}
	}
}
