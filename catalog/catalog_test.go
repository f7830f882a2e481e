package catalog_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// appliedMigrations reads the migration log of the database at path directly.
func appliedMigrations(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name || ' at ' || applied_at FROM catalog_migrations ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenIsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "dir", "catalog.db") // Open creates the directories
	c, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	if _, err := c.Upsert(ctx, fixtureSellers, fixtureProducts[:3]); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	first := appliedMigrations(t, path)
	if len(first) == 0 {
		t.Fatal("no migrations recorded")
	}

	// Reopen, then open a second handle on the same file while the first is open.
	c1, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer c1.Close()
	c2, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatalf("concurrent Open: %v", err)
	}
	defer c2.Close()
	if got := appliedMigrations(t, path); !slices.Equal(got, first) {
		t.Errorf("migrations after reopening = %q, want them unchanged: %q", got, first)
	}
	for i, c := range []*catalog.Catalog{c1, c2} {
		if n, err := c.Count(ctx); err != nil || n != 3 {
			t.Errorf("handle %d: Count = %d, %v; want 3", i+1, n, err)
		}
	}
	// A write through one handle is seen through the other.
	if _, err := c1.Upsert(ctx, nil, fixtureProducts[3:5]); err != nil {
		t.Fatal(err)
	}
	if res, err := c2.Search(ctx, catalog.Query{Text: "sneakers"}); err != nil || res.Total != 1 {
		t.Errorf("second handle: Search(sneakers) = %d hits, %v; want 1", res.Total, err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := catalog.Open(ctx, ""); err == nil {
		t.Error("Open(\"\") succeeded")
	}
	// A database written by a newer program is refused.
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO catalog_migrations (name) VALUES ('9999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if c, err := catalog.Open(ctx, path); err == nil {
		c.Close()
		t.Error("Open succeeded on a database with an unknown migration")
	}
}

// product returns a valid product of seller "trail" with the given id and title.
func product(id, title string) catalog.Product {
	return catalog.Product{ID: id, SellerID: "trail", Title: title, Brand: "Acme", Category: "Misc",
		Price: usd(1000), Stock: qty(5)}
}

func TestUpsertCounts(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	steps := []struct {
		name      string
		products  []catalog.Product
		want      catalog.UpsertStats
		wantCount int
	}{
		{"all new", []catalog.Product{product("a", "Alpha"), product("b", "Bravo"), product("c", "Charlie")},
			catalog.UpsertStats{Inserted: 3}, 3},
		{"one old, one new", []catalog.Product{product("a", "Alpha Two"), product("d", "Delta")},
			catalog.UpsertStats{Inserted: 1, Updated: 1}, 4},
		{"all old", []catalog.Product{product("b", "Bravo"), product("c", "Charlie"), product("d", "Delta")},
			catalog.UpsertStats{Updated: 3}, 4},
		{"same new id twice in one call", []catalog.Product{product("e", "Echo"), product("e", "Echo Two")},
			catalog.UpsertStats{Inserted: 1, Updated: 1}, 5},
		{"id with surrounding space is the same id", []catalog.Product{product(" e ", "Echo Three")},
			catalog.UpsertStats{Updated: 1}, 5},
		{"nothing", nil, catalog.UpsertStats{}, 5},
	}
	for _, st := range steps {
		got, err := c.Upsert(ctx, fixtureSellers, st.products)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: stats = %+v, want %+v", st.name, got, st.want)
		}
		if n, err := c.Count(ctx); err != nil || n != st.wantCount {
			t.Errorf("%s: Count = %d, %v; want %d", st.name, n, err, st.wantCount)
		}
	}
	if p, err := c.Product(ctx, "e"); err != nil || p.Title != "Echo Three" {
		t.Errorf("Product(e) = %q, %v; want the last title written", p.Title, err)
	}
}

// ftsIntegrity runs FTS5's integrity check, which compares the index with the
// product_text rows it was built from.
func ftsIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("FTS index out of step with product text: %v", err)
	}
}

func TestUpsertUpdateKeepsSearchInStep(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before := catalog.Product{ID: "k1", SellerID: "trail", Title: "Alpine Kettle", Brand: "Oldbrand",
		Category: "Kitchen > Kettles", Description: "Whistling stovetop kettle.", Tags: []string{"camping"},
		Price: usd(3000), Stock: qty(4), Rating: 4}
	after := catalog.Product{ID: "k1", SellerID: "hearth", Title: "Harbor Teapot", Brand: "Newbrand",
		Category: "Kitchen > Teapots", Description: "Cast iron teapot.", Tags: []string{"tea"},
		Price: usd(4500), Stock: qty(0), Rating: 3}
	if _, err := c.Upsert(ctx, fixtureSellers, []catalog.Product{before, product("other", "Alpine Hat")}); err != nil {
		t.Fatal(err)
	}
	if st, err := c.Upsert(ctx, nil, []catalog.Product{after}); err != nil || st != (catalog.UpsertStats{Updated: 1}) {
		t.Fatalf("re-upsert: %+v, %v; want one update", st, err)
	}

	tests := []struct {
		name string
		q    catalog.Query
		want []string
	}{
		{"old title word", catalog.Query{Text: "kettle"}, nil},
		{"old title word shared with another product", catalog.Query{Text: "alpine"}, []string{"other"}},
		{"old description", catalog.Query{Text: "whistling"}, nil},
		{"old tag", catalog.Query{Text: "camping"}, nil},
		{"old brand text", catalog.Query{Text: "oldbrand"}, nil},
		{"old brand filter", catalog.Query{Brand: "oldbrand"}, nil},
		{"old seller", catalog.Query{Seller: "trail", Category: "kitchen"}, nil},
		{"old price", catalog.Query{MaxPrice: amount(30), Category: "kitchen"}, nil},
		{"old stock", catalog.Query{InStock: true, Category: "kitchen"}, nil},
		{"new title", catalog.Query{Text: "harbor teapot"}, []string{"k1"}},
		{"new description", catalog.Query{Text: "cast iron"}, []string{"k1"}},
		{"new tag", catalog.Query{Text: "tea"}, []string{"k1"}},
		{"new brand", catalog.Query{Brand: "NEWBRAND"}, []string{"k1"}},
		{"new seller", catalog.Query{Seller: "hearth"}, []string{"k1"}},
		{"new category", catalog.Query{Category: "teapots"}, []string{"k1"}},
		{"new category text", catalog.Query{Text: "teapots"}, []string{"k1"}},
		{"new price", catalog.Query{MinPrice: amount(45), MaxPrice: amount(45)}, []string{"k1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !slices.Equal(got, tt.want) {
				t.Errorf("hits = %q, want %q", got, tt.want)
			}
		})
	}
	p, err := c.Product(ctx, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Harbor Teapot" || p.SellerName != "Hearth Home" || p.Category != "Kitchen > Teapots" || p.Availability != catalog.OutOfStock {
		t.Errorf("Product(k1) = %+v", p)
	}

	// Hiding a product takes it out of search; showing it again brings it back.
	after.Hidden = true
	if _, err := c.Upsert(ctx, nil, []catalog.Product{after}); err != nil {
		t.Fatal(err)
	}
	if res, _ := c.Search(ctx, catalog.Query{Text: "teapot"}); res.Total != 0 {
		t.Errorf("hidden product still found: %q", hitIDs(res))
	}
	after.Hidden = false
	if _, err := c.Upsert(ctx, nil, []catalog.Product{after}); err != nil {
		t.Fatal(err)
	}
	if res, _ := c.Search(ctx, catalog.Query{Text: "teapot"}); res.Total != 1 {
		t.Errorf("shown-again product: %d hits, want 1", res.Total)
	}
	ftsIntegrity(t, path)
}

func TestUpsertIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		sellers  []catalog.Seller
		products []catalog.Product
		mention  string             // the error names this product
		want     catalog.FieldError // and is this
	}{
		{"unknown seller", fixtureSellers, []catalog.Product{product("ok", "Fine"),
			{ID: "stray", SellerID: "nobody", Title: "Stray", Price: usd(100)}}, `"stray"`, catalog.FieldError{Field: "seller", Problem: catalog.FieldUnknown, Value: "nobody"}},
		{"seller of a later call", nil, []catalog.Product{product("ok", "Fine")}, `"ok"`, catalog.FieldError{Field: "seller", Problem: catalog.FieldUnknown, Value: "trail"}},
		{"seller with no id", []catalog.Seller{{Name: "Anonymous"}}, []catalog.Product{product("ok", "Fine")}, "", catalog.FieldError{Field: "seller_id", Problem: catalog.FieldMissing}},
		{"product with no title", fixtureSellers, []catalog.Product{product("ok", "Fine"), product("bad", " \u200b ")}, `"bad"`, catalog.FieldError{Field: "title", Problem: catalog.FieldMissing}},
		{"product with a bad currency", fixtureSellers, []catalog.Product{product("ok", "Fine"),
			{ID: "bad", SellerID: "trail", Title: "Bad", Price: money.Money{Amount: 100, Currency: "dollars"}}}, `"bad"`, catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency, Value: "dollars"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := openCatalog(t)
			_, err := c.Upsert(ctx, tt.sellers, tt.products)
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Fatalf("Upsert error = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %s", err, tt.mention)
			}
			if fe := (*catalog.FieldError)(nil); !errors.As(err, &fe) || !reflect.DeepEqual(*fe, tt.want) {
				t.Errorf("Upsert error = %v, want %+v", err, tt.want)
			}
			if n, err := c.Count(ctx); err != nil || n != 0 {
				t.Errorf("Count = %d, %v after a failed Upsert; want 0", n, err)
			}
			if _, err := c.Product(ctx, "ok"); !errors.Is(err, catalog.ErrNotFound) {
				t.Errorf("Product(ok) error = %v, want ErrNotFound: the good product must not be kept", err)
			}
			if len(tt.sellers) > 0 && tt.sellers[0].ID != "" {
				if _, err := c.Seller(ctx, tt.sellers[0].ID); !errors.Is(err, catalog.ErrNotFound) {
					t.Errorf("Seller(%s) error = %v, want ErrNotFound: the sellers must not be kept", tt.sellers[0].ID, err)
				}
			}
		})
	}
}

func TestUpsertSeller(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	full := catalog.Seller{ID: "s", Name: "Shop", ACPBaseURL: "https://shop.example/acp", StripeProfileID: "profile_1"}
	if _, err := c.Upsert(ctx, []catalog.Seller{full}, nil); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		in   catalog.Seller
		want catalog.Seller
	}{
		{"empty values keep the stored ones", catalog.Seller{ID: "s", Name: "Shop Renamed"},
			catalog.Seller{ID: "s", Name: "Shop Renamed", ACPBaseURL: full.ACPBaseURL, StripeProfileID: full.StripeProfileID}},
		{"new values replace them", catalog.Seller{ID: "s", Name: "Shop", ACPBaseURL: "https://new.example", StripeProfileID: "profile_2"},
			catalog.Seller{ID: "s", Name: "Shop", ACPBaseURL: "https://new.example", StripeProfileID: "profile_2"}},
		{"no name means the id", catalog.Seller{ID: "t"}, catalog.Seller{ID: "t", Name: "t"}},
		{"text cleaned", catalog.Seller{ID: " u\u200b ", Name: "  Under\tScore \u202e"}, catalog.Seller{ID: "u", Name: "Under Score"}},
	}
	for _, st := range steps {
		if _, err := c.Upsert(ctx, []catalog.Seller{st.in}, nil); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, err := c.Seller(ctx, st.want.ID)
		if err != nil || got != st.want {
			t.Errorf("%s: Seller = %+v, %v; want %+v", st.name, got, err, st.want)
		}
	}
	if _, err := c.Seller(ctx, "nobody"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("Seller(nobody) error = %v, want ErrNotFound", err)
	}
}

func TestProductRoundTrip(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	now := time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC)
	c.Now = func() time.Time { return now }
	in := catalog.Product{
		ID: "rt-1", GroupID: "rt", SellerID: "trail", SellerName: "ignored", Title: "  Round\tTrip  Jacket ",
		Brand: "Acme", Category: "apparel>jackets >  Shells", Tags: []string{"rain", "Rain", " shell "},
		Attributes: map[string]string{"color": "Red", "size": " M ", "empty": " "}, Description: "Line one.\nLine two.",
		Price: money.Money{Amount: 12345, Currency: "eur"}, Stock: qty(7), Availability: "InStock", Rating: 4.25, ReviewCount: 8,
		URL: "https://shop.example/rt-1", ImageURL: "https://shop.example/rt-1.jpg", GTIN: "2000000000015",
	}
	if _, err := c.Upsert(ctx, fixtureSellers, []catalog.Product{in}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Product(ctx, "rt-1")
	if err != nil {
		t.Fatal(err)
	}
	want := catalog.Product{
		ID: "rt-1", GroupID: "rt", SellerID: "trail", SellerName: "Trail Co", Title: "Round Trip Jacket",
		Brand: "Acme", Category: "apparel > jackets > Shells", Tags: []string{"rain", "shell"},
		Attributes: map[string]string{"color": "Red", "size": "M"}, Description: "Line one. Line two.",
		Price: money.Money{Amount: 12345, Currency: "EUR"}, Stock: qty(7), Availability: catalog.InStock, Rating: 4.25, ReviewCount: 8,
		URL: "https://shop.example/rt-1", ImageURL: "https://shop.example/rt-1.jpg", GTIN: "2000000000015", UpdatedAt: now,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Product =\n%+v\nwant\n%+v", got, want)
	}
	if !got.Purchasable() {
		t.Error("Purchasable() = false for an in-stock product")
	}
	// The same product as a search hit: the fields a result list shows.
	res, err := c.Search(ctx, catalog.Query{Text: "round trip"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search = %d hits, %v", len(res.Hits), err)
	}
	want.GroupID, want.Tags, want.Attributes, want.GTIN, want.UpdatedAt = "", nil, nil, "", time.Time{}
	if !reflect.DeepEqual(res.Hits[0].Product, want) {
		t.Errorf("hit =\n%+v\nwant\n%+v", res.Hits[0].Product, want)
	}
}

func TestNormalizeErrors(t *testing.T) {
	long := strings.Repeat("x", 129)
	tests := []struct {
		name string
		edit func(p *catalog.Product)
		want catalog.FieldError
	}{
		{"no id", func(p *catalog.Product) { p.ID = "" }, catalog.FieldError{Field: "id", Problem: catalog.FieldMissing}},
		{"blank id", func(p *catalog.Product) { p.ID = " \t " }, catalog.FieldError{Field: "id", Problem: catalog.FieldMissing}},
		{"id too long", func(p *catalog.Product) { p.ID = long }, catalog.FieldError{Field: "id", Problem: catalog.FieldTooLong, Max: 128}},
		{"id with a control character", func(p *catalog.Product) { p.ID = "a\x07b" }, catalog.FieldError{Field: "id", Problem: catalog.FieldInvisible, Value: "a\x07b"}},
		{"id with a zero-width space", func(p *catalog.Product) { p.ID = "a\u200bb" }, catalog.FieldError{Field: "id", Problem: catalog.FieldInvisible, Value: "a\u200bb"}},
		{"no seller", func(p *catalog.Product) { p.SellerID = "" }, catalog.FieldError{Field: "seller", Problem: catalog.FieldMissing}},
		{"no title", func(p *catalog.Product) { p.Title = "" }, catalog.FieldError{Field: "title", Problem: catalog.FieldMissing}},
		{"title of invisible characters", func(p *catalog.Product) { p.Title = "\u200b\u202e\u00ad \t" }, catalog.FieldError{Field: "title", Problem: catalog.FieldMissing}},
		{"no currency", func(p *catalog.Product) { p.Price.Currency = "" }, catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency}},
		{"currency too short", func(p *catalog.Product) { p.Price.Currency = "US" }, catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency, Value: "US"}},
		{"currency not letters", func(p *catalog.Product) { p.Price.Currency = "U$D" }, catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency, Value: "U$D"}},
		{"currency symbol", func(p *catalog.Product) { p.Price.Currency = "$" }, catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency, Value: "$"}},
		{"negative price", func(p *catalog.Product) { p.Price.Amount = -1 }, catalog.FieldError{Field: "price", Problem: catalog.FieldNegative}},
		{"negative stock", func(p *catalog.Product) { p.Stock = qty(-1) }, catalog.FieldError{Field: "stock", Problem: catalog.FieldNegative}},
		{"unknown availability", func(p *catalog.Product) { p.Availability = "maybe" }, catalog.FieldError{Field: "availability", Problem: catalog.FieldNotOneOf, Value: "maybe",
			OneOf: []string{"in_stock", "out_of_stock", "preorder", "backorder", "discontinued"}}},
		{"rating above 5", func(p *catalog.Product) { p.Rating = 5.5 }, catalog.FieldError{Field: "rating", Problem: catalog.FieldOutOfRange, Max: 5}},
		{"negative rating", func(p *catalog.Product) { p.Rating = -0.1 }, catalog.FieldError{Field: "rating", Problem: catalog.FieldOutOfRange, Max: 5}},
		{"NaN rating", func(p *catalog.Product) { p.Rating = math.NaN() }, catalog.FieldError{Field: "rating", Problem: catalog.FieldOutOfRange, Max: 5}},
		{"negative review count", func(p *catalog.Product) { p.ReviewCount = -1 }, catalog.FieldError{Field: "review_count", Problem: catalog.FieldNegative}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := product("p1", "Title")
			tt.edit(&p)
			err := p.Normalize()
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Fatalf("Normalize error = %v, want ErrInvalid", err)
			}
			if fe := (*catalog.FieldError)(nil); !errors.As(err, &fe) || !reflect.DeepEqual(*fe, tt.want) {
				t.Errorf("Normalize error = %v, want %+v", err, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *catalog.Product)
		check func(p catalog.Product) string // describes what is wrong, or ""
	}{
		{"no stock, no availability: unknown", func(p *catalog.Product) { p.Stock = nil },
			func(p catalog.Product) string { return wantAvail(p, catalog.Unknown, false) }},
		{"zero stock: out of stock", func(p *catalog.Product) { p.Stock = qty(0) },
			func(p catalog.Product) string { return wantAvail(p, catalog.OutOfStock, false) }},
		{"some stock: in stock", func(p *catalog.Product) { p.Stock = qty(2) },
			func(p catalog.Product) string { return wantAvail(p, catalog.InStock, true) }},
		{"in stock with zero left: not purchasable", func(p *catalog.Product) { p.Stock, p.Availability = qty(0), "in stock" },
			func(p catalog.Product) string { return wantAvail(p, catalog.InStock, false) }},
		{"schema.org availability", func(p *catalog.Product) { p.Availability = "https://schema.org/PreOrder" },
			func(p catalog.Product) string { return wantAvail(p, catalog.Preorder, false) }},
		{"currency upper-cased", func(p *catalog.Product) { p.Price.Currency = " jpy " },
			func(p catalog.Product) string { return want(p.Price.Currency, "JPY") }},
		{"category normalized", func(p *catalog.Product) { p.Category = " Home>Kitchen >>  Coffee\u200b > " },
			func(p catalog.Product) string { return want(p.Category, "Home > Kitchen > Coffee") }},
		{"title cleaned", func(p *catalog.Product) { p.Title = "\u202eRed\u00a0\u00a0Shoes\x00 2\u200b" },
			func(p catalog.Product) string { return want(p.Title, "Red Shoes 2") }},
		{"title capped", func(p *catalog.Product) { p.Title = strings.Repeat("é", 200) },
			func(p catalog.Product) string { return want(p.Title, strings.Repeat("é", 150)) }},
		{"title capped at a space", func(p *catalog.Product) { p.Title = strings.Repeat("x", 299) + " yz" },
			func(p catalog.Product) string { return want(p.Title, strings.Repeat("x", 299)) }},
		{"tags deduplicated, case-insensitively", func(p *catalog.Product) { p.Tags = []string{"Rain", "rain ", "", "RAIN", "wind"} },
			func(p catalog.Product) string { return want(strings.Join(p.Tags, ","), "Rain,wind") }},
		{"empty attributes dropped", func(p *catalog.Product) { p.Attributes = map[string]string{"": "x", "y": " ", "color": "red"} },
			func(p catalog.Product) string { return want(fmt.Sprint(p.Attributes), "map[color:red]") }},
		{"clean attributes kept", func(p *catalog.Product) { p.Attributes = map[string]string{"color": "Crème", "size": "M"} },
			func(p catalog.Product) string { return want(fmt.Sprint(p.Attributes), "map[color:Crème size:M]") }},
		{"attribute names and values cleaned", func(p *catalog.Product) { p.Attributes = map[string]string{" color": "red\u200b", "size": "M"} },
			func(p catalog.Product) string { return want(fmt.Sprint(p.Attributes), "map[color:red size:M]") }},
		{"attribute names cleaned to one: the last by name wins", func(p *catalog.Product) {
			p.Attributes = map[string]string{"color ": "red", "color": "blue"}
		}, func(p catalog.Product) string { return want(fmt.Sprint(p.Attributes), "map[color:red]") }},
		{"attributes capped", func(p *catalog.Product) {
			p.Attributes = map[string]string{}
			for i := range 45 {
				p.Attributes[fmt.Sprintf("a%02d", i)] = "x"
			}
		}, func(p catalog.Product) string {
			return want(fmt.Sprintf("%d %q %q", len(p.Attributes), p.Attributes["a39"], p.Attributes["a40"]), `40 "x" ""`)
		}},
		{"rating bounds accepted", func(p *catalog.Product) { p.Rating = 5 },
			func(p catalog.Product) string { return want(fmt.Sprint(p.Rating), "5") }},
		{"id trimmed", func(p *catalog.Product) { p.ID = "  p1\t" },
			func(p catalog.Product) string { return want(p.ID, "p1") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := product("p1", "Title")
			tt.edit(&p)
			if err := p.Normalize(); err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if msg := tt.check(p); msg != "" {
				t.Error(msg)
			}
			// Normalizing twice changes nothing.
			again := p
			again.Tags = slices.Clone(p.Tags)
			if err := again.Normalize(); err != nil || !reflect.DeepEqual(again, p) {
				t.Errorf("second Normalize: %v\n%+v\nwant\n%+v", err, again, p)
			}
		})
	}
}

func want(got, want string) string {
	if got != want {
		return fmt.Sprintf("got %q, want %q", got, want)
	}
	return ""
}

func wantAvail(p catalog.Product, a catalog.Availability, purchasable bool) string {
	if p.Availability != a || p.Purchasable() != purchasable {
		return fmt.Sprintf("availability %q, purchasable %v; want %q, %v", p.Availability, p.Purchasable(), a, purchasable)
	}
	return ""
}

func TestNormalizeCategory(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Apparel", "Apparel"},
		{"apparel>shoes >  Running", "apparel > shoes > Running"},
		{" > Apparel > > Shoes > ", "Apparel > Shoes"},
		{">>>", ""},
		{"Home\u200b > Kitchen\t\tCoffee", "Home > Kitchen Coffee"},
	}
	for _, tt := range tests {
		if got := catalog.NormalizeCategory(tt.in); got != tt.want {
			t.Errorf("NormalizeCategory(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseAvailability(t *testing.T) {
	tests := []struct {
		in   string
		want catalog.Availability
		ok   bool
	}{
		{"in stock", catalog.InStock, true},
		{"InStock", catalog.InStock, true},
		{"https://schema.org/OutOfStock", catalog.OutOfStock, true},
		{"sold out", catalog.OutOfStock, true},
		{"pre_order", catalog.Preorder, true},
		{"back-order", catalog.Backorder, true},
		{"Discontinued", catalog.Discontinued, true},
		{"", catalog.Unknown, true},
		{"maybe", "", false},
	}
	for _, tt := range tests {
		got, ok := catalog.ParseAvailability(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseAvailability(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestConcurrentSearchAndUpsert runs searches while another goroutine writes; run it
// with -race.
func TestConcurrentSearchAndUpsert(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 20 {
			p := product(fmt.Sprintf("conc-%d", i), "Concurrent Classic Widget")
			if _, err := c.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
				errs <- fmt.Errorf("upsert %d: %w", i, err)
				return
			}
		}
	}()
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				q := catalog.Query{Text: "classic", Limit: 5, Sort: []catalog.Sort{"", catalog.SortPriceAsc, catalog.SortRating}[i%3]}
				if g%2 == 1 {
					q.Text = ""
				}
				if _, err := c.Search(ctx, q); err != nil {
					errs <- fmt.Errorf("search %d/%d: %w", g, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, err := c.Count(ctx); err != nil || n != len(fixtureProducts)+20 {
		t.Errorf("Count = %d, %v; want %d", n, err, len(fixtureProducts)+20)
	}
}
