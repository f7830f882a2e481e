package catalog

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestCardsDecodeToProducts writes products whose text has everything JSON must escape
// or that could confuse a hand-written reader (quotes, backslashes, commas, brackets,
// control characters, the word null, non-ASCII) and checks that every card, as SQLite
// wrote it, decodes to the fields Product reads from the tables.
func TestCardsDecodeToProducts(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	texts := []string{
		"Plain", `Say "hi"`, `C:\path\`, `back\"slash`, "a,b],[c", "null", "line\nbreak\ttab\x01\x1f",
		"Crème brûlée ☕ 🥐", "\u2028\u2029", `\u0041`, "]", `"`, "",
	}
	sellers := []Seller{{ID: `s"1`, Name: `Shop "One", \Ltd\`}, {ID: "s2", Name: "Ünïcode 🛒"}}
	var products []Product
	for i, text := range texts {
		var stock *int64
		if i%2 == 0 {
			n := int64(i)
			stock = &n
		}
		products = append(products, Product{
			ID: "p" + strconv.Itoa(i) + `"\`, SellerID: sellers[i%2].ID, Title: "Lamp " + text, Brand: text,
			Category: "Home > " + text + "x", Description: "About " + text, URL: "https://example.com/" + text,
			ImageURL: text, Availability: []Availability{InStock, OutOfStock, Preorder}[i%3], Stock: stock,
			Price:  money.Money{Amount: int64(i) * 1001, Currency: []string{"USD", "JPY", "KWD"}[i%3]},
			Rating: float64(i) / 3, ReviewCount: int64(i * 7),
		})
	}
	if _, err := c.Upsert(ctx, sellers, products); err != nil {
		t.Fatal(err)
	}
	checkCards(t, c, "imported")
	// A renamed seller's products get new cards.
	sellers[0].Name = `Renamed \ "Shop"`
	if _, err := c.Upsert(ctx, sellers, products[:1]); err != nil {
		t.Fatal(err)
	}
	checkCards(t, c, "seller renamed")
}

// checkCards fails t unless every product's card decodes to the result-list fields
// that Catalog.Product reads from the tables.
func checkCards(t *testing.T, c *Catalog, step string) {
	t.Helper()
	ctx := context.Background()
	rows, err := c.db.QueryContext(ctx, `SELECT p.id, t.card FROM products p JOIN product_text t ON t.rowid = p.rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, card string
		if err := rows.Scan(&id, &card); err != nil {
			t.Fatal(err)
		}
		want, err := c.Product(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got Product
		if err := decodeCard(card, &got); err != nil {
			t.Errorf("%s: product %q: card %s: %v", step, id, card, err)
			continue
		}
		if got.ID != want.ID || got.SellerID != want.SellerID ||
			got.Title != want.Title || got.Brand != want.Brand || got.Category != want.Category ||
			got.Price != want.Price || got.Availability != want.Availability || got.Rating != want.Rating ||
			got.ReviewCount != want.ReviewCount || got.URL != want.URL || got.ImageURL != want.ImageURL ||
			(got.Stock == nil) != (want.Stock == nil) || got.Stock != nil && *got.Stock != *want.Stock ||
			(got.Billing == nil) != (want.Billing == nil) || got.Billing != nil && *got.Billing != *want.Billing {
			t.Errorf("%s: card of %q decodes to\n%+v\nthe product is\n%+v", step, id, got, want)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("%s: no products", step)
	}
}

// TestDecodeCardMalformed checks that cards that are not what the triggers write are
// errors, not panics or half-filled products.
func TestDecodeCardMalformed(t *testing.T) {
	good := `["p1","s1","Lamp","Acme","Home",1999,"USD",null,"in_stock",4.5,12,"https://x","https://y","month/1/14"]`
	var p Product
	if err := decodeCard(good, &p); err != nil || p.ID != "p1" || p.Price.Amount != 1999 || p.Stock != nil || p.Rating != 4.5 ||
		p.Billing == nil || *p.Billing != (Billing{Interval: Month, Every: 1, TrialDays: 14}) {
		t.Fatalf("decodeCard(%s) = %+v, %v", good, p, err)
	}
	for _, tc := range []struct{ name, card string }{
		{"empty", ""},
		{"not an array", `{"id":"p1"}`},
		{"too few fields", `["p1","s1"]`},
		{"too many fields", good[:len(good)-1] + `,"extra"]`},
		{"bad billing", `["p1","s1","Lamp","Acme","Home",1999,"USD",null,"in_stock",4.5,12,"u","i","month/x/0"]`},
		{"unterminated string", `["p1`},
		{"unterminated escape", `["p1\`},
		{"bad escape", `["p\q","s1","Lamp","Acme","Home",1999,"USD",null,"in_stock",4.5,12,"u","i",""]`},
		{"text price", `["p1","s1","Lamp","Acme","Home","1999","USD",null,"in_stock",4.5,12,"u","i",""]`},
		{"fractional price", `["p1","s1","Lamp","Acme","Home",19.99,"USD",null,"in_stock",4.5,12,"u","i",""]`},
		{"text stock", `["p1","s1","Lamp","Acme","Home",1999,"USD","3","in_stock",4.5,12,"u","i",""]`},
		{"missing value", `["p1","s1","Lamp","Acme","Home",,"USD",null,"in_stock",4.5,12,"u","i",""]`},
		{"trailing text", good + "x"},
		{"no closing bracket", good[:len(good)-1]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p Product
			if err := decodeCard(tc.card, &p); !errors.Is(err, errCard) {
				t.Errorf("decodeCard(%s) = %v, want errCard", tc.card, err)
			}
		})
	}
}

// FuzzDecodeCard checks that no input makes decodeCard panic.
func FuzzDecodeCard(f *testing.F) {
	f.Add(`["p1","s1","Lamp","Acme","Home",1999,"USD",null,"in_stock",4.5,12,"https://x","https://y"]`)
	f.Add(`["a\"b","s\\1","\u00e9","","",0,"JPY",3,"out_of_stock",0.0,0,"",""]`)
	f.Fuzz(func(t *testing.T, card string) {
		var p Product
		_ = decodeCard(card, &p)
	})
}

func BenchmarkDecodeCard(b *testing.B) {
	card := `["gen-000123","northwind","Obsidian Trail Lantern 300","Glowco","Outdoors > Camping > Lighting",4999,"USD",12,"in_stock",4.3,187,"https://shop.example.com/products/gen-000123","https://shop.example.com/images/gen-000123.jpg"]`
	for b.Loop() {
		var p Product
		if err := decodeCard(card, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHitsNameTheirSeller checks that search results show the seller's current name,
// which cards do not hold: a renamed seller rewrites no card.
func TestHitsNameTheirSeller(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	p := Product{ID: "p1", SellerID: "s1", Title: "Brass lantern", Availability: InStock, Price: money.Money{Amount: 500, Currency: "USD"}}
	for _, name := range []string{"First Name", `Renamed \ "Shop"`} {
		if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: name}}, []Product{p}); err != nil {
			t.Fatal(err)
		}
		res, err := c.Search(ctx, Query{Text: "lantern"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].SellerName != name {
			t.Errorf("hits = %+v, want the seller named %q", res.Hits, name)
		}
	}
}
