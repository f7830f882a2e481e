package catalog

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestStoredUserInfoRemovedAtUpgrade: a catalog written before migration 0045, whose
// stored URLs and image URLs (and the cards that repeat them) hold user info, has none
// left once opened, keeps the rest of each URL as written, and keeps every derived
// structure (image_origins among them) equal to its source; opening it again changes
// nothing more.
func TestStoredUserInfoRemovedAtUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	products := make([]Product, 28)
	for i := range products {
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Lantern " + strconv.Itoa(i),
			Price: money.Money{Amount: int64(100 + i), Currency: "USD"}, Availability: InStock, Hidden: i%5 == 0,
			URL: "https://shop.example/p/" + strconv.Itoa(i) + "?ref=a@b", ImageURL: testImageURL(i)}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	// What the version before 0045 stored of feeds with user info: the URLs as written,
	// and cards (cardOf) repeating them.
	want := map[string][2]string{} // id: url, image url as they must be after the upgrade
	for i, p := range products {
		old := p
		switch i % 4 {
		case 0:
			old.URL = "https://me:s3cret@shop.example/p/" + strconv.Itoa(i) + "?ref=a@b"
		case 1:
			old.ImageURL = "https://s3cret@img.creds.example:8443/x@2x.jpg"
			p.ImageURL = "https://img.creds.example:8443/x@2x.jpg"
		case 2:
			old.URL = "HTTPS://s3cret:@shop.example/p/" + strconv.Itoa(i) + "?ref=a@b"
			p.URL = "HTTPS://shop.example/p/" + strconv.Itoa(i) + "?ref=a@b"
			old.ImageURL = "https://me:s3cret@[2001:db8::1]/x.jpg"
			p.ImageURL = "https://[2001:db8::1]/x.jpg"
		}
		want[p.ID] = [2]string{p.URL, p.ImageURL}
		if _, err := c.db.ExecContext(ctx, `UPDATE product_text SET url = ?, image_url = ?, card = ?
			WHERE rowid = (SELECT rowid FROM products WHERE id = ?)`, old.URL, old.ImageURL, cardOf(&old), old.ID); err != nil {
			t.Fatal(err)
		}
	}
	// The schema before 0045: no pending table, the migration not recorded.
	if _, err := c.db.ExecContext(ctx, `DROP TABLE url_user_info_pending;
		DELETE FROM catalog_migrations WHERE name = '0045_url_user_info.sql'`); err != nil {
		t.Fatal(err)
	}
	checkImageOrigins(t, c, "before the upgrade")
	if n := credentialRows(t, c); n != 21 {
		t.Fatalf("before the upgrade: %d rows hold the credential, want 21", n)
	}
	text := textVersion(t, c)
	c.Close()

	c = openFilled(t, path, fillOptions{})
	if n := credentialRows(t, c); n != 0 {
		t.Errorf("after the upgrade: %d rows still hold the credential", n)
	}
	for id, w := range want {
		p, err := c.Product(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.URL != w[0] || p.ImageURL != w[1] {
			t.Errorf("%s: url %q, image url %q; want %q, %q", id, p.URL, p.ImageURL, w[0], w[1])
		}
	}
	checkDerived(t, c, "opened after the upgrade")
	upgraded := textVersion(t, c)
	if upgraded == text {
		t.Errorf("catalog_changes.text did not move (%d)", text)
	}
	c.Close()

	c = openFilled(t, path, fillOptions{})
	if v := textVersion(t, c); v != upgraded {
		t.Errorf("opened again: catalog_changes.text moved from %d to %d", upgraded, v)
	}
	checkDerived(t, c, "opened again")
}

// TestSchemelessUserInfoRemovedAtUpgrade: a catalog that ran 0045's rewrite before URLs
// written without a scheme were read as URLs kept their user info ("me:s3cret@cdn/x");
// migration 0048 arms the rewrite again, so its next open leaves the user info out of
// them, keeps a file name or e-mail address with an "@" as written, and keeps the
// derived structures equal to their sources.
func TestSchemelessUserInfoRemovedAtUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, storedURL, storedImage, wantURL, wantImage string }{
		{"user and password before a host", "me:s3cret@shop.example/p/1", "https://img.example/1.jpg",
			"shop.example/p/1", "https://img.example/1.jpg"},
		{"token before a host, image", "https://shop.example/p/2", "s3cret@cdn/x.jpg",
			"https://shop.example/p/2", "cdn/x.jpg"},
		{"both", "me:s3cret@shop.example", "s3cret:@cdn.example/y.png", "shop.example", "cdn.example/y.png"},
		{"a file name with an @ is kept", "https://shop.example/p/4", "a@2x.jpg",
			"https://shop.example/p/4", "a@2x.jpg"},
		{"an @ after the path's first slash is kept", "shop.example/p/5?ref=a@b", "https://img.example/5.jpg",
			"shop.example/p/5?ref=a@b", "https://img.example/5.jpg"},
	}
	products := make([]Product, len(cases))
	for i, tc := range cases {
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Lantern " + strconv.Itoa(i),
			Price: money.Money{Amount: int64(100 + i), Currency: "USD"}, Availability: InStock,
			URL: tc.wantURL, ImageURL: tc.wantImage}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	// What a version after 0045 but before scheme-less URLs were read stored: the URLs as
	// written, and cards repeating them; 0045's rewrite already done.
	for i, tc := range cases {
		old := products[i]
		old.URL, old.ImageURL = tc.storedURL, tc.storedImage
		if _, err := c.db.ExecContext(ctx, `UPDATE product_text SET url = ?, image_url = ?, card = ?
			WHERE rowid = (SELECT rowid FROM products WHERE id = ?)`, old.URL, old.ImageURL, cardOf(&old), old.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.db.ExecContext(ctx, `DELETE FROM url_user_info_pending;
		DELETE FROM catalog_migrations WHERE name = '0048_url_user_info_schemeless.sql'`); err != nil {
		t.Fatal(err)
	}
	if n := credentialRows(t, c); n != 3 {
		t.Fatalf("before the upgrade: %d rows hold the credential, want 3", n)
	}
	c.Close()

	c = openFilled(t, path, fillOptions{})
	defer c.Close()
	if n := credentialRows(t, c); n != 0 {
		t.Errorf("after the upgrade: %d rows still hold the credential", n)
	}
	for i, tc := range cases {
		p, err := c.Product(ctx, products[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.URL != tc.wantURL || p.ImageURL != tc.wantImage {
			t.Errorf("%s: url %q, image url %q; want %q, %q", tc.name, p.URL, p.ImageURL, tc.wantURL, tc.wantImage)
		}
	}
	checkDerived(t, c, "opened after the upgrade")
}

// credentialRows counts the rows of product_text whose url, image url or card holds
// "s3cret" (the user info TestStoredUserInfoRemovedAtUpgrade writes).
func credentialRows(t *testing.T, c *Catalog) int {
	t.Helper()
	var n int
	if err := c.db.QueryRowContext(context.Background(), `SELECT count(*) FROM product_text
		WHERE instr(url, 's3cret') > 0 OR instr(image_url, 's3cret') > 0 OR instr(card, 's3cret') > 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// textVersion is catalog_changes.text.
func textVersion(t *testing.T, c *Catalog) int64 {
	t.Helper()
	var v int64
	if err := c.db.QueryRowContext(context.Background(), `SELECT text FROM catalog_changes WHERE id = 1`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// BenchmarkOpenUserInfoUpgrade times the one open of a catalog of 100,000 products
// that migration 0045 leaves a rewrite to (stripStoredUserInfo reading every stored
// URL for an "@"; none has one, as in most catalogs), against an open with nothing
// left to do, alternated in the same run: ms/open is the plain open, ms/open_upgrade
// the open with the rewrite. Descriptions are 500 bytes, so product_text is about
// 60 MB; a catalog with longer ones reads more.
func BenchmarkOpenUserInfoUpgrade(b *testing.B) {
	const n = 100000
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	sellers, products := loadTestProducts(n)
	for i := range products {
		products[i].Description += strings.Repeat(" Bright and warm.", 29)
	}
	l, err := c.Load(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i += 5000 {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, products[i:i+5000]); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	c.Close()
	var plain, upgrade time.Duration
	for b.Loop() {
		for _, pending := range []bool{false, true} {
			t0 := time.Now()
			c, err := Open(ctx, path)
			took := time.Since(t0)
			if err != nil {
				b.Fatal(err)
			}
			if pending {
				upgrade += took
			} else {
				plain += took
				if _, err := c.db.ExecContext(ctx, `INSERT INTO url_user_info_pending (id) VALUES (1)`); err != nil {
					b.Fatal(err)
				}
			}
			c.Close()
		}
	}
	b.ReportMetric(float64(plain.Milliseconds())/float64(b.N), "ms/open")
	b.ReportMetric(float64(upgrade.Milliseconds())/float64(b.N), "ms/open_upgrade")
}
