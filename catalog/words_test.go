package catalog

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// checkWords fails t when index_words is stale or its terms that products have
// differ from products_vocab, term by term.
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
		(SELECT count(*) FROM (SELECT term, doc FROM products_vocab EXCEPT SELECT term, docs FROM index_words WHERE docs > 0)),
		(SELECT count(*) FROM (SELECT term, docs FROM index_words WHERE docs > 0 EXCEPT SELECT term, doc FROM products_vocab)),
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

// wordWrite is one write of wordWrites: change returns the products it upserts.
type wordWrite struct {
	name   string
	change func(ps []Product) []Product
}

// wordWrites are writes of product text of every kind an upsert makes, to run in
// order starting from wordProducts(60).
func wordWrites() []wordWrite {
	return []wordWrite{
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
}

// textStep is one write of a test that follows what a view reads of indexed text:
// keeps says that it changes no indexed text, so the view keeps what it read.
type textStep struct {
	name  string
	write func() error
	keeps bool
}

// upsertSteps are the writes of wordWrites, each an upsert to c, starting from *ps
// (wordProducts(60)), which follows the products as written.
func upsertSteps(ctx context.Context, c *Catalog, sellers []Seller, ps *[]Product) []textStep {
	var steps []textStep
	for i, ww := range wordWrites() {
		steps = append(steps, textStep{ww.name, func() error {
			written := ww.change(*ps)
			if i > 0 {
				*ps = written
			}
			_, err := c.Upsert(ctx, sellers, written)
			return err
		}, ww.name == "nothing indexed changes (price, stock)"})
	}
	return steps
}

// TestIndexWordsFollowText writes product text every way an upsert does and checks
// after each write that index_words equals products_vocab.
func TestIndexWordsFollowText(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	ps := wordProducts(60)
	for _, st := range wordWrites() {
		ps = st.change(ps)
		if _, err := c.Upsert(ctx, sellers, ps); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		checkWords(t, c, st.name)
	}
}

// TestIndexWordsStale checks that a product deleted with SQL marks index_words stale,
// that spelling then reads products_vocab, even for a letter whose words it kept from
// before the delete, and that the next open fills the table.
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
	// Spelling keeps the words of k it read; the delete moves the text version
	// (migration 0036), so they are not used after it.
	if _, err := c.spellCandidates(ctx, "k"); err != nil {
		t.Fatal(err)
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

// TestSpellWordsFollowWrites holds the words spelling keeps in memory, brought up to
// date after each write from the terms it changed (see spellCandidates), equal to the
// same words read afresh, for every start it keeps, whole lists and lists cut at a
// few words; and checks that some were followed, not read again.
func TestSpellWordsFollowWrites(t *testing.T) {
	ctx := context.Background()
	starts := []string{"k", "m", "c", "b", "e", "j", "u", "w", "g", "d", "h", "p", "ph", "1", "2", "3"}
	for _, limit := range []int{maxSpellCandidates, 2, 5} {
		t.Run(strconv.Itoa(limit), func(t *testing.T) {
			c := openTest(t)
			c.spelling.limit = limit
			sellers := []Seller{{ID: "s1", Name: "Shop"}}
			ps := wordProducts(60)
			first := wordWrite{"the first products", func(ps []Product) []Product { return ps[:20] }}
			for i, st := range append([]wordWrite{first}, wordWrites()...) {
				written := st.change(ps)
				if i > 0 {
					ps = written
				}
				if _, err := c.Upsert(ctx, sellers, written); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				for _, start := range starts {
					got, err := c.spellCandidates(ctx, start)
					if err != nil {
						t.Fatal(err)
					}
					want, _, err := c.commonWords(ctx, start, limit)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.EqualFunc(got, want, func(a, b spellCandidate) bool { return a.term == b.term && a.doc == b.doc }) {
						t.Errorf("%s: the words of %q kept: %v\nread afresh: %v", st.name, start, got, want)
					}
				}
			}
			c.spelling.mu.Lock()
			followed := c.spelling.followed
			c.spelling.mu.Unlock()
			if followed == 0 {
				t.Errorf("no start was followed through a write: every one was read again")
			}
		})
	}
}

// TestFollowStart checks followStart against the words of a start sorted afresh, on
// named cases and on random ones.
func TestFollowStart(t *testing.T) {
	w := func(term string, doc int) spellCandidate { return spellCandidate{term: term, doc: doc} }
	tests := []struct {
		name    string
		all     []spellCandidate // the start's words before the changes
		changes []spellCandidate
		limit   int
		unknown bool // followStart cannot tell
	}{
		{"no change", []spellCandidate{w("a", 3), w("b", 2)}, nil, 5, false},
		{"a new word", []spellCandidate{w("a", 3), w("b", 2)}, []spellCandidate{w("ab", 2)}, 5, false},
		{"a word gone", []spellCandidate{w("a", 3), w("b", 2)}, []spellCandidate{w("a", 0)}, 5, false},
		{"a whole list cut", []spellCandidate{w("a", 3), w("b", 2)}, []spellCandidate{w("c", 9), w("d", 8)}, 2, false},
		{"a cut list: a new word before its last", []spellCandidate{w("a", 3), w("b", 2), w("c", 1)}, []spellCandidate{w("ab", 3)}, 2, false},
		{"a cut list: a new word after its last", []spellCandidate{w("a", 3), w("b", 2), w("c", 1)}, []spellCandidate{w("d", 1)}, 2, false},
		{"a cut list: a tie with its last, earlier in order", []spellCandidate{w("a", 3), w("c", 2), w("d", 2)}, []spellCandidate{w("b", 2)}, 2, false},
		{"a cut list: a word rising into it", []spellCandidate{w("a", 3), w("b", 2), w("c", 1)}, []spellCandidate{w("c", 5)}, 2, false},
		{"a cut list: its word gone", []spellCandidate{w("a", 3), w("b", 2), w("c", 1)}, []spellCandidate{w("a", 0)}, 2, true},
		{"a cut list: its word falling behind", []spellCandidate{w("a", 3), w("b", 2), w("c", 2)}, []spellCandidate{w("a", 1)}, 2, true},
		{"a cut list: its word falling, still in it", []spellCandidate{w("a", 5), w("b", 2), w("c", 1)}, []spellCandidate{w("a", 3)}, 2, false},
	}
	check := func(t *testing.T, all, changes []spellCandidate, limit int) bool {
		t.Helper()
		before := slices.Clone(all)
		slices.SortFunc(before, wordOrder)
		after := map[string]int{}
		for _, sc := range all {
			after[sc.term] = sc.doc
		}
		for _, ch := range changes {
			after[ch.term] = ch.doc
		}
		var want []spellCandidate
		for term, doc := range after {
			if doc > 0 {
				want = append(want, w(term, doc))
			}
		}
		slices.SortFunc(want, wordOrder)
		got, ok := followStart(before[:min(len(before), limit)], changes, limit)
		if ok && !slices.Equal(got, want[:min(len(want), limit)]) {
			t.Errorf("followed: %v, want %v", got, want[:min(len(want), limit)])
		}
		return ok
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok := check(t, tt.all, tt.changes, tt.limit); ok == tt.unknown {
				t.Errorf("followStart tells: %v, want %v", ok, !tt.unknown)
			}
		})
	}
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		told := 0
		for range 2000 {
			var all, changes []spellCandidate
			for i := range r.IntN(12) {
				all = append(all, w(string(rune('a'+i)), 1+r.IntN(4)))
			}
			for range r.IntN(4) {
				changes = append(changes, w(string(rune('a'+r.IntN(14))), r.IntN(5)))
			}
			slices.SortFunc(changes, func(a, b spellCandidate) int { return strings.Compare(a.term, b.term) })
			changes = slices.CompactFunc(changes, func(a, b spellCandidate) bool { return a.term == b.term })
			if check(t, all, changes, 1+r.IntN(8)) {
				told++
			}
		}
		if told < 1000 {
			t.Errorf("followStart told only %d cases of 2000", told)
		}
	})
}

// Spelling's kept words stay equal to index_words when another process fills the table
// (after products were deleted with SQL, which moves no text version) and writes after
// it: the fill must not pass for "nothing changed" to a process that read before it.
func TestSpellWordsAfterAFillByAnotherProcess(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	serving, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer serving.Close()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	if _, err := serving.Upsert(ctx, sellers, wordProducts(30)); err != nil {
		t.Fatal(err)
	}
	if _, err := serving.spellCandidates(ctx, "k"); err != nil { // kept as of now
		t.Fatal(err)
	}
	if _, err := serving.db.ExecContext(ctx, `DELETE FROM products WHERE id IN ('w2', 'w5')`); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path) // fills index_words, which the delete made stale
	if err != nil {
		t.Fatal(err)
	}
	lamp := func(i int) []Product {
		return []Product{{ID: "z1", SellerID: "s1", Title: "Zebra lamp " + strconv.Itoa(i), Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}}
	}
	if _, err := other.Upsert(ctx, sellers, lamp(0)); err != nil {
		t.Fatal(err)
	}
	other.Close()
	for i := 1; i <= 3; i++ {
		got, err := serving.spellCandidates(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := serving.commonWords(ctx, "k", maxSpellCandidates)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, func(a, b spellCandidate) bool { return a.term == b.term && a.doc == b.doc }) {
			t.Fatalf("look %d: spelling keeps %v, index_words has %v", i, got, want)
		}
		if _, err := serving.Upsert(ctx, sellers, lamp(i)); err != nil {
			t.Fatal(err)
		}
	}
}
