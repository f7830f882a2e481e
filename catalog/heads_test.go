package catalog

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestHeadsEqualFullOrdering holds the heads equal to their source: after BuildHeads
// each head is the first headSize matches of its expression in relevance order, and
// a pool drawn from it equals the pool ordering every match builds, with the same
// number of matches; after writes that move products into and out of the heads
// (new products, changed titles, ratings, hidden products) the pools drawn from the
// heads still equal full orderings, and a search's first page and total equal an
// exhaustive search's. A search of a word with a head orders no match set in full;
// more written products than maxHeadChanges drop the heads.
func TestHeadsEqualFullOrdering(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	c.exactUpTo, c.poolSize = 10, 20 // heads of 40 for words with more than 160 matches
	st, err := c.BuildHeads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"lantern", "brass", "camping", "classic", "lamp", "steel", "red", "travel"}
	if st.Heads < len(words) {
		t.Fatalf("%+v: want a head for each of the %d words", st, len(words))
	}
	rel := &search{c: c, q: Query{Sort: SortRelevance}, text: parseText("x")}
	heads := func() map[string]string {
		rows, err := c.db.QueryContext(ctx, `SELECT expr, rowids FROM search_heads`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var expr, list string
			if err := rows.Scan(&expr, &list); err != nil {
				t.Fatal(err)
			}
			out[expr] = list
		}
		return out
	}
	// check compares each head's pool with the full ordering's.
	check := func(t *testing.T, stored bool) {
		t.Helper()
		for expr, list := range heads() {
			if stored {
				want, err := rel.ordered(ctx, expr, "", nil, c.headSize())
				if err != nil {
					t.Fatal(err)
				}
				if list != "["+want+"]" {
					t.Errorf("%s: head %s, the first %d matches are [%s]", expr, list, c.headSize(), want)
				}
			}
			got, err := rel.headPool(ctx, expr)
			if err != nil || got == nil {
				t.Fatalf("%s: pool from head %v, %v", expr, got, err)
			}
			want, err := rel.buildPool(ctx, expr)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.rowids, want.rowids) || got.n != want.n {
				t.Errorf("%s: pool from head %v (%d matches), ordering every match %v (%d)", expr, got.rowids, got.n, want.rowids, want.n)
			}
		}
	}
	ids := func(res Result) string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return strings.Join(out, " ")
	}
	// searches compares the first page and total of a search for each word with those
	// of the same search served from the pool ordering every match builds (an
	// exhaustive search reranks more matches than a pool of 20 holds), and checks that
	// none ordered a match set in full.
	searches := func(t *testing.T) {
		t.Helper()
		version, err := c.textVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			q := Query{Text: w, InStock: true}
			c.pools.forget() // forget every pool, as a new process would
			before := c.FullOrders()
			got, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if n := c.FullOrders() - before; n != 0 {
				t.Errorf("%q: the search ordered every match", w)
			}
			_, expr, err := c.headExpr(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			full, err := rel.buildPool(ctx, expr)
			if err != nil {
				t.Fatal(err)
			}
			c.pools.forget()
			full.version = version
			c.pools.put(string(SortRelevance)+" "+expr, full)
			want, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if ids(got) != ids(want) || got.Total != want.Total || got.TotalEstimated != want.TotalEstimated {
				t.Errorf("%q: page %s (%d), from the full ordering %s (%d)", w, ids(got), got.Total, ids(want), want.Total)
			}
		}
	}
	t.Run("as built", func(t *testing.T) {
		check(t, true)
		searches(t)
	})
	t.Run("after writes", func(t *testing.T) {
		var ps []Product
		for i := range 6 { // new products that outrank every other
			stock := int64(3)
			ps = append(ps, Product{ID: fmt.Sprintf("new%d", i), SellerID: "s", Title: strings.Repeat(words[i]+" ", 4),
				Availability: InStock, Stock: &stock, Price: money.Money{Amount: 900, Currency: "USD"}})
		}
		stored, err := c.Products(ctx, []Ref{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range stored {
			switch i % 3 {
			case 0:
				p.Title = "plain item" // out of every head
			case 1:
				p.Rating, p.ReviewCount = 5, 500 // first among its ties
			default:
				p.Hidden = !p.Hidden
			}
			ps = append(ps, p)
		}
		if _, err := c.Upsert(ctx, nil, ps); err != nil {
			t.Fatal(err)
		}
		check(t, false)
		searches(t)
	})
	t.Run("dropped after many writes", func(t *testing.T) {
		var ps []Product
		for i := range maxHeadChanges(c) + 1 {
			ps = append(ps, Product{ID: fmt.Sprintf("more%d", i), SellerID: "s", Title: "lantern",
				Availability: InStock, Price: money.Money{Amount: 900, Currency: "USD"}})
		}
		if _, err := c.Upsert(ctx, nil, ps); err != nil {
			t.Fatal(err)
		}
		var heads, changed int
		if err := c.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM search_heads), (SELECT count(*) FROM search_heads_changed)`).Scan(&heads, &changed); err != nil {
			t.Fatal(err)
		}
		if heads != 0 || changed != 0 {
			t.Errorf("%d heads and %d changed products kept after %d writes", heads, changed, len(ps))
		}
	})
}

// TestHeadsWhateverClaimsFirst holds the heads stored the same whichever word claims
// an expression first: a stem that shares the head of its surface word's search
// still shares it when another word claimed that search, and the stored heads are
// the same as the ones BuildHeads stores with the words taken in order.
func TestHeadsWhateverClaimsFirst(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	c.exactUpTo, c.poolSize = 10, 20
	terms, err := c.texts(ctx, `SELECT term FROM products_vocab WHERE doc > ? ORDER BY doc DESC`, c.headMin())
	if err != nil {
		t.Fatal(err)
	}
	all := func(string) bool { return true }
	shared := 0
	for _, term := range terms {
		hs, err := c.termHeads(ctx, term, all)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) != 2 {
			continue
		}
		shared++
		expr, alias := hs[0].expr, hs[1].expr
		taken := func(e string) bool { return e != expr } // another word claimed expr
		got, err := c.termHeads(ctx, term, taken)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].expr != alias || got[0].of != expr || got[0].n != hs[0].n {
			t.Errorf("%s: with %s claimed by another word, heads %+v; want %s sharing it", term, expr, got, alias)
		}
	}
	if shared == 0 {
		t.Fatalf("none of %v shares a head: the test tries nothing", terms)
	}
	st, err := c.BuildHeads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want int
	seen := map[string]bool{}
	for _, term := range terms {
		hs, err := c.termHeads(ctx, term, func(e string) bool { ok := !seen[e]; seen[e] = true; return ok })
		if err != nil {
			t.Fatal(err)
		}
		want += len(hs)
	}
	if st.Heads != want {
		t.Errorf("BuildHeads stored %d heads, the words in order give %d", st.Heads, want)
	}
}

// TestHeadsTextChangedSaidOnce: product text written while BuildHeads reads (another
// process importing, here the version counter moved as its writes move it) stores
// nothing and says so once, not once per worker that found it.
func TestHeadsTextChangedSaidOnce(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	c.exactUpTo, c.poolSize = 10, 20
	c.headsRead = func() {
		if _, err := c.db.ExecContext(ctx, `UPDATE catalog_changes SET text = text + 1 WHERE id = 1`); err != nil {
			t.Error(err)
		}
	}
	_, err := c.BuildHeads(ctx)
	if !errors.Is(err, ErrTextChanged) || err.Error() != ErrTextChanged.Error() {
		t.Fatalf("BuildHeads: %q, want %q once", err, ErrTextChanged)
	}
	if has, err := c.HasHeads(ctx); err != nil || has {
		t.Fatalf("heads stored after the text changed: %v, %v", has, err)
	}
}
