package catalog

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// checkWords fails t when index_words is stale or differs from products_vocab, term
// by term.
func checkWords(t *testing.T, c *Catalog, step string) {
	t.Helper()
	ctx := context.Background()
	var stale bool
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM index_words_stale)`).Scan(&stale); err != nil {
		t.Fatal(err)
	}
	if stale {
		t.Errorf("%s: index_words is marked stale", step)
	}
	var missing, extra, terms int
	if err := c.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM (SELECT term, doc FROM products_vocab EXCEPT SELECT term, docs FROM index_words)),
		(SELECT count(*) FROM (SELECT term, docs FROM index_words EXCEPT SELECT term, doc FROM products_vocab)),
		(SELECT count(*) FROM products_vocab)`).Scan(&missing, &extra, &terms); err != nil {
		t.Fatal(err)
	}
	if missing != 0 || extra != 0 {
		t.Errorf("%s: index_words lacks %d terms of products_vocab (or counts them otherwise) and has %d it lacks; %d terms",
			step, missing, extra, terms)
	}
}

// wordProducts returns n products whose text has words in common and words of their
// own, accented ones among them.
func wordProducts(n int) []Product {
	ps := make([]Product, n)
	for i := range ps {
		ps[i] = Product{ID: "w" + strconv.Itoa(i), SellerID: "s1", Title: []string{"Ceramic Mug", "Café Press", "Steel Kettle"}[i%3] + " " + strconv.Itoa(i),
			Brand: []string{"", "Brewco", "Kettleby"}[i%3], Category: []string{"", "Kitchen > Coffee"}[i%2],
			Tags: []string{"gift", "mug" + strconv.Itoa(i%4)}, Description: "Keeps drinks hot. Batch " + strconv.Itoa(i/10),
			Availability: InStock, Price: money.Money{Amount: int64(500 + i), Currency: "USD"}}
	}
	return ps
}

// TestIndexWordsFollowText writes product text every way an upsert does and checks
// after each write that index_words equals products_vocab.
func TestIndexWordsFollowText(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	ps := wordProducts(60)
	steps := []struct {
		name   string
		change func(ps []Product) []Product // the products the step upserts
	}{
		{"new products", func(ps []Product) []Product { return ps }},
		{"nothing indexed changes (price, stock)", func(ps []Product) []Product {
			for i := range ps {
				ps[i].Price.Amount++
				ps[i].Availability = OutOfStock
			}
			return ps
		}},
		{"titles renamed: words leave the index", func(ps []Product) []Product {
			for i := range ps[:30] {
				ps[i].Title = "Enamel Jug " + strconv.Itoa(i)
			}
			return ps[:30]
		}},
		{"descriptions and tags emptied, brands changed", func(ps []Product) []Product {
			for i := range ps {
				ps[i].Description, ps[i].Tags, ps[i].Brand = "", nil, "Ünïcode Wares"
			}
			return ps
		}},
		{"one product twice in a call, new ones beside it", func(ps []Product) []Product {
			a, b := ps[0], ps[0]
			a.Title, b.Title = "Kettle First", "Kettle Second"
			more := wordProducts(70)[60:]
			return append([]Product{a, b}, more...)
		}},
		{"back as they were", func([]Product) []Product { return wordProducts(60) }},
	}
	for _, st := range steps {
		ps = st.change(ps)
		if _, err := c.Upsert(ctx, sellers, ps); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkWords(t, c, st.name)
	}
}

// TestIndexWordsStale checks that a product deleted with SQL marks index_words stale,
// that spelling then reads products_vocab, and that the next open fills the table.
func TestIndexWordsStale(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { c.Close() }()
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, wordProducts(30)); err != nil {
		t.Fatal(err)
	}
	checkWords(t, c, "upserted")
	query, _, err := c.commonWordsQuery(ctx, "k", maxSpellCandidates)
	if err != nil || query != commonWordsSQL {
		t.Fatalf("before the delete spelling reads %q (%v), want index_words", query, err)
	}
	if _, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE id IN ('w2', 'w5')`); err != nil {
		t.Fatal(err)
	}
	if query, _, err := c.commonWordsQuery(ctx, "k", maxSpellCandidates); err != nil || query != commonWordsVocabSQL {
		t.Fatalf("after a delete with SQL spelling reads %q (%v), want products_vocab", query, err)
	}
	cands, err := c.spellCandidates(ctx, "k")
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(cands, func(sc spellCandidate) bool { return sc.term == "kettl" }); i < 0 || cands[i].doc != 8 {
		t.Errorf("spelling's words of k after deleting two kettles of ten: %+v, want kettl in 8 products", cands)
	}
	c.Close()
	if c, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	checkWords(t, c, "opened again")
}

// TestCommonWordsAgree holds the two readings of a letter's most common words equal:
// from index_words and from products_vocab, in the same order, ties and the cut
// included (limits small enough to cut between equally common words).
func TestCommonWordsAgree(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	ps := wordProducts(90)
	ps[4].Title = "Phono Preamp Φωνή"
	ps[7].Title = "Fairtrade Phosphor Filter"
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	read := func(query string, args []any) []string {
		t.Helper()
		words, err := c.readCommonWords(ctx, query, args)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, w := range words {
			out = append(out, w.term+":"+strconv.Itoa(w.doc))
		}
		return out
	}
	for _, start := range []string{"k", "m", "b", "ph", "f", "φ", "1", "z"} {
		for _, limit := range []int{1, 3, 7, maxSpellCandidates} {
			t.Run(start+"/"+strconv.Itoa(limit), func(t *testing.T) {
				_, args, err := c.commonWordsQuery(ctx, start, limit)
				if err != nil {
					t.Fatal(err)
				}
				got, want := read(commonWordsSQL, args), read(commonWordsVocabSQL, args)
				if !slices.Equal(got, want) {
					t.Errorf("index_words: %v\nproducts_vocab: %v", got, want)
				}
				if start != "z" && limit > 1 && len(want) == 0 {
					t.Errorf("no words start with %q: the case tests nothing", start)
				}
			})
		}
	}
}
