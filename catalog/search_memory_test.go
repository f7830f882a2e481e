package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestKeyMatchesAgreeWithSQL checks that searches ranked on the in-memory copy of
// product_keys return exactly what the same searches return when done in SQL — the
// same products in the same order, totals, facets and cursors — over many queries and
// filters, on a catalog made to have tied ranks, and again after products change.
func TestKeyMatchesAgreeWithSQL(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	r := rand.New(rand.NewPCG(7, 7))
	words := []string{"lantern", "stove", "tent", "kettle", "rope"}
	cats := []string{"", "Camping", "Camping > Cooking", "Camping > Shelter", "Home"}
	currencies := []string{"USD", "JPY", "KWD"}
	products := make([]Product, 600)
	for i := range products {
		stock := int64(r.IntN(4))
		products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Category: cats[r.IntN(len(cats))],
			// Few distinct titles, so that many products tie on rank.
			Title:        words[r.IntN(len(words))] + " " + words[r.IntN(len(words))],
			Brand:        []string{"", "Acme", "Glowco"}[r.IntN(3)],
			Availability: InStock, Stock: &stock, Hidden: r.IntN(10) == 0,
			Price:  money.Money{Amount: int64(r.IntN(50000)), Currency: currencies[r.IntN(len(currencies))]},
			Rating: float64(r.IntN(11)) / 2, ReviewCount: int64(r.IntN(100)),
		}
	}
	upsert := func() {
		t.Helper()
		if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
			t.Fatal(err)
		}
	}
	upsert()
	// The in-memory path must really be taken, not fall back to SQL.
	s := &search{c: c, q: Query{Text: "lantern", Sort: SortRelevance}, f: filter{keys: &keyFilter{}}, text: parseText("lantern")}
	if ms, ok, err := s.keyMatches(ctx, false); err != nil || !ok || len(ms) == 0 {
		t.Fatalf("keyMatches = %d matches, %v, %v; want the in-memory path", len(ms), ok, err)
	}
	queries := []Query{
		{Text: "lantern"}, {Text: "lantern", InStock: true}, {Text: "lant", InStock: true},
		{Text: "stove kettle"}, {Text: "stove zzz", InStock: true}, {Text: "rope", Category: "camping"},
		{Text: "tent", MinPrice: ptr(10), MaxPrice: ptr(200)}, {Text: "kettle", MinRating: 3, InStock: true},
		{Text: "lantern stove", Category: "Cooking", MaxPrice: ptr(99.5), InStock: true},
		{Text: "tent", Brand: "acme"}, {Text: "rope", Limit: 50},
	}
	check := func(step string) {
		t.Helper()
		for _, q := range queries {
			memory := pages(t, c, q, false)
			sql := pages(t, c, q, true)
			if !reflect.DeepEqual(memory, sql) {
				t.Errorf("%s: %+v: in memory\n%v\nin SQL\n%v", step, q, memory, sql)
			}
		}
	}
	check("imported")

	for i := 0; i < len(products); i += 7 {
		if products[i].Purchasable() && !products[i].Hidden {
			if err := c.TakeStock(ctx, products[i].ID, int(*products[i].Stock)); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("sold out")

	for i := range products {
		if i%5 == 0 {
			products[i].Rating, products[i].Hidden, products[i].Category = 5-products[i].Rating, !products[i].Hidden, cats[i%len(cats)]
			products[i].Price.Amount /= 2
		}
	}
	upsert()
	check("re-imported with changes")
}

func ptr(v float64) *float64 { return &v }

// pages runs q page by page, in memory or in SQL, and returns every page's result
// without the products' full text (hits are compared by id and snippet).
func pages(t *testing.T, c *Catalog, q Query, inSQL bool) []string {
	t.Helper()
	c.noMirror = inSQL
	defer func() { c.noMirror = false }()
	var out []string
	for {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID + ":" + h.Snippet
		}
		out = append(out, fmt.Sprintf("total %d relaxed %v facets %+v cursor %q hits %v", res.Total, res.Relaxed, res.Facets, res.NextCursor, ids))
		if res.NextCursor == "" {
			return out
		}
		q.Cursor = res.NextCursor
	}
}

// TestKeyMirrorTooWide checks that a catalog whose rowids exceed what the in-memory
// copy holds is searched in SQL, with the same results.
func TestKeyMirrorTooWide(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	p := Product{ID: "a", SellerID: "s", Title: "Lantern", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, []Product{p}); err != nil {
		t.Fatal(err)
	}
	// A stray row far beyond the bound (no product has it, so no search finds it).
	if _, err := c.db.ExecContext(ctx, `INSERT INTO product_keys (rowid, hidden, in_stock, brand_id, price_amount, price_exp, rating, review_count)
		VALUES (?, 0, 1, 0, 1, 2, 0, 0)`, maxMirrorRowid+5); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, Query{Text: "lantern", InStock: true})
	if err != nil || res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != "a" {
		t.Fatalf("Search = %+v, %v; want product a", res, err)
	}
	if !c.keys.tooWide || c.keys.rows != nil {
		t.Errorf("the copy was kept (tooWide %v, %d rows); want it dropped", c.keys.tooWide, len(c.keys.rows))
	}
}

// TestKeyMirrorConcurrent searches from several goroutines while products change, for
// the race detector, and checks each search agrees with itself: its total counts what
// its pages return.
func TestKeyMirrorConcurrent(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	products := make([]Product, 200)
	for i := range products {
		stock := int64(50)
		products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: "Lantern " + fmt.Sprint(i%7), Availability: InStock,
			Stock: &stock, Price: money.Money{Amount: int64(100 + i), Currency: "USD"}}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 5)
	go func() {
		for i := range 100 {
			if err := c.TakeStock(ctx, products[i%len(products)].ID, 1); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for range 4 {
		go func() {
			for range 50 {
				res, err := c.Search(ctx, Query{Text: "lantern", InStock: true, Limit: MaxLimit})
				if err != nil {
					done <- err
					return
				}
				if res.Total != len(products) || len(res.Hits) != MaxLimit {
					done <- fmt.Errorf("total %d with %d hits; want %d and %d", res.Total, len(res.Hits), len(products), MaxLimit)
					return
				}
			}
			done <- nil
		}()
	}
	for range 5 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestFTSMatchesReadExactRanks checks that the matches ftsMatches parses from SQLite's
// text are exactly the rowids and float64 ranks the full-text index returns as values.
func TestFTSMatchesReadExactRanks(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	products := make([]Product, 200)
	for i := range products {
		products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: fmt.Sprint("lantern model ", i),
			Description: strings.Repeat("bright lantern light ", 1+i%17), Availability: InStock,
			Price: money.Money{Amount: 100, Currency: "USD"}}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	for _, expr := range []string{`"lantern"`, `"light"*`, `"model" AND "bright"`, `"absent"`} {
		s := &search{c: c}
		got, _, ok, err := s.ftsMatches(ctx, expr, 0)
		if err != nil || !ok {
			t.Fatalf("ftsMatches(%s) = %v, %v", expr, ok, err)
		}
		rows, err := c.db.QueryContext(ctx, `SELECT rowid, rank FROM products_fts WHERE products_fts MATCH ?`, expr)
		if err != nil {
			t.Fatal(err)
		}
		var want []ftsMatch
		for rows.Next() {
			var m ftsMatch
			if err := rows.Scan(&m.rowid, &m.rank); err != nil {
				t.Fatal(err)
			}
			want = append(want, m)
		}
		rows.Close()
		if !slices.Equal(got, want) {
			t.Errorf("ftsMatches(%s) =\n%v\nthe index returns\n%v", expr, got, want)
		}
	}
}
