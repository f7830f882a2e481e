package catalog

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestKeptUsesEqualFresh runs random sequences of writes of every kind (titles
// renamed, descriptions rewritten, new products, prices alone, products deleted with
// SQL, loads, upserts too large to log, runs of writes longer than text_log keeps)
// between searches that each read some words' spread over types through the catalog's
// view, and holds every spread a view gives, kept from before a write or read anew, equal
// to the spread a view read afresh gives, and the sample it is made of equal to the
// fresh one's (a wrong sample can give the same spread until a later patch, see usedAt).
// It also checks that spreads were
// kept across writes (the point of the log) and read again (the writes touched them).
func TestKeptUsesEqualFresh(t *testing.T) {
	vocab := []string{"kettle", "kettles", "mug", "mugs", "lamp", "desk", "chair", "warm", "warming", "steel", "ceramic",
		"tool", "box", "toolbox", "wi-fi", "café", "garden", "bird", "feeder", "blue", "red", "keeps", "hot", "cold"}
	// The words searches ask about: the vocabulary's, stems, phrases, a word in no
	// product.
	words := append([]string{"tool box", "wi fi", "cafe", "warmed", "zeppelin", "bird feeder"}, vocab...)
	total := map[string]int{}
	// Catalogs of 40 products, whose words each a few hundred products have at most
	// (every product of a spread's sample counts), and of 6,000, whose common words
	// more than maxUseRows have (every second or third counts).
	for seed := range uint64(8) {
		base := 40
		if seed >= 6 {
			base = 6000
		}
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			for k, n := range keptUsesRun(t, seed, base, vocab, words) {
				total[k] += n
			}
		})
	}
	t.Logf("spreads asked for: %v", total)
	for _, k := range []string{"kept", "patched", "patched, sampled", "read again"} {
		if total[k] == 0 {
			t.Errorf("no spread %s: want some (%v)", k, total)
		}
	}
}

// TestKeptUsesOutsideSnapshot: a view read before the log pruned the write that touched
// a word, asked about the word outside a snapshot (every query reads the latest
// catalog), reads it again rather than take the pruned log for "not touched".
func TestKeptUsesOutsideSnapshot(t *testing.T) {
	ctx := context.Background()
	c, sellers := kettleRenamed(t)
	lv, err := c.learnedView(ctx) // keeps the spread of "kettle", not asked about yet
	if err != nil {
		t.Fatal(err)
	}
	for i := range textLogKeep {
		if _, err := c.Upsert(ctx, sellers, []Product{{ID: fmt.Sprint("quiet", i), SellerID: "s1", Title: fmt.Sprint("Zzq ", i),
			Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := lv.used(ctx, c, "kettle")
	if err != nil {
		t.Fatal(err)
	}
	now, err := c.learnedView(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := newLearnedView(now.version, now.indexed, now.types).used(ctx, c, "kettle")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kettle spreads as %+v, read afresh %+v", got, want)
	}
}

// TestKeptUsesLogWithoutRows: a spread kept from before a write whose logged text has
// the word, when the log's rows lack their products and heads (text_log_rows, written
// since migration 0038; a catalog written before it has text_log rows alone), is read
// again rather than patched with nothing.
func TestKeptUsesLogWithoutRows(t *testing.T) {
	ctx := context.Background()
	c, _ := kettleRenamed(t)
	execSQL(t, c, `DELETE FROM text_log_rows`)
	lv := viewOf(t, c)
	got, err := lv.used(ctx, c, "kettle")
	if err != nil {
		t.Fatal(err)
	}
	want, err := newLearnedView(lv.version, lv.indexed, lv.types).used(ctx, c, "kettle")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || lv.patches.Load() != 0 {
		t.Errorf("kettle spreads as %+v (%d patched), read afresh %+v", got, lv.patches.Load(), want)
	}
}

// keptUsesRun is one sequence of TestKeptUsesEqualFresh on a catalog of base products
// first; it returns how many spreads the views asked for were kept across a write,
// patched with the products of the texts written (of a sample of every product, or of
// every step-th: sampled), read again after one, or read at the view's own version.
func keptUsesRun(t *testing.T, seed uint64, base int, vocab, words []string) map[string]int {
	ctx := context.Background()
	c := openTest(t)
	r := rand.New(rand.NewPCG(seed, 37))
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	some := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	var ps []Product
	next := 0
	newProduct := func() Product {
		next++
		return Product{ID: fmt.Sprintf("p%d", next), SellerID: "s1", Title: some(1+r.IntN(3)) + " " + vocab[r.IntN(6)],
			Description: some(r.IntN(5)), Tags: []string{vocab[r.IntN(len(vocab))]}, Availability: InStock,
			Price: money.Money{Amount: int64(100 + r.IntN(900)), Currency: "USD"}}
	}
	upsert := func(batch ...Product) {
		t.Helper()
		if _, err := c.Upsert(ctx, sellers, batch); err != nil {
			t.Fatal(err)
		}
		for _, p := range batch {
			found := false
			for i := range ps {
				if ps[i].ID == p.ID {
					ps[i], found = p, true
				}
			}
			if !found {
				ps = append(ps, p)
			}
		}
	}
	var first []Product
	for range base {
		first = append(first, newProduct())
	}
	upsert(first...)
	writes := []func(){
		func() { // a title renamed: its head may change
			p := ps[r.IntN(len(ps))]
			p.Title = some(1+r.IntN(2)) + " " + vocab[r.IntN(6)]
			upsert(p)
		},
		func() { // a description rewritten
			p := ps[r.IntN(len(ps))]
			p.Description = some(r.IntN(6))
			upsert(p)
		},
		func() { upsert(newProduct()) },
		func() { // a few products, new and changed
			batch := []Product{newProduct(), newProduct()}
			p := ps[r.IntN(len(ps))]
			p.Title, p.Brand = some(2), "Blue Wares"
			upsert(append(batch, p)...)
		},
		func() { // prices alone
			p := ps[r.IntN(len(ps))]
			p.Price.Amount++
			upsert(p)
		},
		func() { // a product deleted with SQL
			i := r.IntN(len(ps))
			if _, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE id = ?`, ps[i].ID); err != nil {
				t.Fatal(err)
			}
			ps = append(ps[:i], ps[i+1:]...)
		},
		func() { // a load
			l, err := c.Load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Rollback()
			batch := []Product{newProduct(), newProduct()}
			if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, batch); err != nil {
				t.Fatal(err)
			}
			if err := l.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			ps = append(ps, batch...)
		},
		func() { // too many products to log
			var batch []Product
			for range maxLoggedRows/2 + 1 {
				batch = append(batch, newProduct())
			}
			upsert(batch...)
		},
		func() { // more writes than the log keeps, none of them touching the words
			for i := range textLogKeep + 1 {
				upsert(Product{ID: fmt.Sprintf("quiet%d", i), SellerID: "s1", Title: fmt.Sprintf("Zzq %d", i),
					Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}})
			}
		},
	}
	// Rarer writes last, drawn less often.
	weights := []int{6, 6, 4, 3, 2, 1, 1, 1, 1}
	draw := func() func() {
		n := r.IntN(27)
		for i, w := range weights {
			if n < w {
				return writes[i]
			}
			n -= w
		}
		return writes[0]
	}
	counts := map[string]int{}
	for step := range 60 {
		if step > 0 {
			draw()()
			if r.IntN(3) == 0 {
				draw()() // two writes between searches
			}
		}
		sctx, lv, end := viewInSnapshot(t, c)
		fresh := newLearnedView(lv.version, lv.indexed, lv.types)
		// A search asks about some of the words: the others stay as they were read,
		// perhaps several writes before.
		for _, w := range words {
			if r.IntN(2) == 0 {
				continue
			}
			lv.mu.Lock()
			was, had := lv.uses[w]
			lv.mu.Unlock()
			patches := lv.patches.Load()
			got, err := lv.used(sctx, c, w)
			if err != nil {
				end()
				t.Fatal(err)
			}
			want, err := fresh.used(sctx, c, w)
			if err != nil {
				end()
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("step %d: %q spreads as %+v, read afresh %+v", step, w, got, want)
			}
			lv.mu.Lock()
			gs := lv.uses[w].sample
			lv.mu.Unlock()
			if ws := fresh.uses[w].sample; !reflect.DeepEqual(gs, ws) {
				t.Errorf("step %d: %q sample %v, read afresh %v", step, w, gs, ws)
			}
			switch {
			case !had || was.indexed == lv.indexed:
				counts["read at the view's version"]++
			case lv.patches.Load() > patches && useStep(got.matched) > 1:
				counts["patched, sampled"]++
			case lv.patches.Load() > patches:
				counts["patched"]++
			case len(got.heads) > 0 && len(was.use.heads) > 0 && &got.heads[0] == &was.use.heads[0]:
				counts["kept"]++
			case len(got.heads) > 0:
				counts["read again"]++
			}
		}
		end()
	}
	return counts
}

// BenchmarkTextLog times what logging a write's text adds to it (logText: one
// product's old and new text, or ten products' of which six changed, as
// BenchmarkUpsertTen), against its floor, a write transaction that moves
// catalog_changes.indexed alone, alternating the two; it reports each one's process
// CPU per transaction and the difference.
//
//	go test -tags sqlite_fts5 -run '^$' -bench TextLog -count 5 ./catalog
func BenchmarkTextLog(b *testing.B) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	text := func(i int) loggedText {
		p := wordProducts(i + 1)[i]
		return loggedText{indexedText{p.Title, p.Brand, p.Category, `["gift"]`, p.Description + " Sturdy, shipped fast, made for every kitchen."},
			int64(1 + i), rankRowOf(p.Title, p.Brand, p.Category).head, i%2 == 1}
	}
	for _, n := range []int{2, 9} {
		texts := make([]loggedText, n)
		for i := range texts {
			texts[i] = text(i)
		}
		b.Run(fmt.Sprint(n, " texts"), func(b *testing.B) {
			write := func(log bool) time.Duration {
				cpu0 := cpuTime(b)
				tx, err := c.db.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				w := newWriter(c, tx, time.Now())
				err = w.exec(ctx, `UPDATE catalog_changes SET indexed = indexed + 1 WHERE id = 1`)
				if err == nil && log {
					err = w.logText(ctx, texts)
				}
				w.close()
				if err == nil {
					err = tx.Commit()
				}
				if err != nil {
					b.Fatal(err)
				}
				return cpuTime(b) - cpu0
			}
			var logged, floor time.Duration
			for b.Loop() {
				logged += write(true)
				floor += write(false)
			}
			b.ReportMetric(float64(logged.Nanoseconds())/float64(b.N), "log_cpu_ns/op")
			b.ReportMetric(float64(floor.Nanoseconds())/float64(b.N), "floor_cpu_ns/op")
			b.ReportMetric(float64((logged-floor).Nanoseconds())/float64(b.N), "added_cpu_ns/op")
		})
	}
}

// TestKeptUsesAcrossWrites holds the spreads of a catalog's view equal to a fresh
// view's (spread and sample) after writes that a kept spread is patched across or
// read again after, each case on its own catalog of wordProducts(30) whose words a view
// read first (kettle among them: ps[2] and ps[5] are Steel Kettles). patched is whether
// the last view patched kettle's spread.
func TestKeptUsesAcrossWrites(t *testing.T) {
	ctx := context.Background()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	renamed := func(p Product, title string) Product {
		p.Title = title
		return p
	}
	for _, tc := range []struct {
		name    string
		stale   bool // product_rank.head of ps[2] set to one no titleHead gives (staleHead) before the first view
		write   func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product))
		patched bool
	}{
		{"a title renamed", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			upsert(renamed(ps[2], "Enamel Jug"))
		}, true},
		{"the same product twice in one upsert", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			upsert(renamed(ps[2], "Enamel Jug"), renamed(ps[2], "Copper Kettle Deluxe"))
		}, true},
		{"renamed in two writes in a row", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			upsert(renamed(ps[2], "Enamel Jug"))
			upsert(renamed(ps[2], "Steel Kettle Again"))
		}, true},
		{"deleted with SQL", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			execSQL(t, c, `DELETE FROM products WHERE id = ?`, ps[29].ID)
		}, false},
		{"a deleted product's rowid taken by a new one", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			execSQL(t, c, `DELETE FROM products WHERE id = ?`, ps[29].ID)
			spreadsAtNewView(t, c, "kettle") // read again after the delete
			n := renamed(ps[29], "Steel Kettle Reborn")
			n.ID = "reborn"
			upsert(n)
			var reused bool
			if err := c.db.QueryRowContext(ctx, `SELECT (SELECT rowid FROM products WHERE id = 'reborn') = 30`).Scan(&reused); err != nil || !reused {
				t.Fatalf("rowid not reused (%v)", err)
			}
		}, true},
		// A view asked outside a snapshot after a newer write than its own reads at
		// the newer version: what it reads must not be kept as its own, or the next
		// view patches the newer write in a second time.
		{"a kept spread asked outside a snapshot after a newer write", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			upsert(renamed(ps[2], "Enamel Jug"))
			lv := viewOf(t, c) // keeps kettle from before the write, not asked about yet
			upsert(renamed(ps[5], "Enamel Jug"))
			if _, err := lv.used(ctx, c, "kettle"); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a spread read outside a snapshot after a newer write (steel)", false, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			lv := viewOf(t, c) // the catalog's view, which has not read steel
			upsert(renamed(ps[2], "Enamel Jug"))
			if _, err := lv.used(ctx, c, "steel"); err != nil {
				t.Fatal(err)
			}
		}, false},
		// product_rank.head written by an earlier titleHead (the rank fill, fillRankBatch, and a
		// change of titleHead move no change counter), read by the first view: the removed text's
		// head is the stored one, and the same text under a new head is a change of the
		// kept spread.
		{"a stale head, the text changed", true, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			p := ps[2]
			p.Description = "Now with a whistle."
			upsert(p)
		}, true},
		{"a stale head, the same text written again", true, func(t *testing.T, c *Catalog, ps []Product, upsert func(...Product)) {
			upsert(ps[2])
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := openTest(t)
			ps := wordProducts(30)
			upsert := func(batch ...Product) {
				t.Helper()
				if _, err := c.Upsert(ctx, sellers, batch); err != nil {
					t.Fatal(err)
				}
			}
			upsert(ps...)
			if tc.stale {
				staleHead(t, c, ps[2].ID)
			}
			words := []string{"kettle", "mug", "jug", "enamel", "hot", "whistle"}
			for _, w := range words {
				spreadsAtNewView(t, c, w)
			}
			tc.write(t, c, ps, upsert)
			asked := "kettle"
			if strings.HasSuffix(tc.name, "(steel)") {
				asked = "steel" // a word the first view did not read
			}
			for _, w := range append(words, "steel") {
				if patched := spreadsAtNewView(t, c, w); w == asked && patched != tc.patched {
					t.Errorf("%s patched %v, want %v", w, patched, tc.patched)
				}
			}
		})
	}
}

// spreadsAtNewView asks the catalog's view for w's spread in a new snapshot, holds it
// (spread and sample) equal to a fresh view's in the same snapshot, and reports whether
// the view patched it.
func spreadsAtNewView(t *testing.T, c *Catalog, w string) (patched bool) {
	t.Helper()
	sctx, lv, end := viewInSnapshot(t, c)
	defer end()
	p0 := lv.patches.Load()
	got, err := lv.used(sctx, c, w)
	if err != nil {
		t.Fatal(err)
	}
	fresh := newLearnedView(lv.version, lv.indexed, lv.types)
	want, err := fresh.used(sctx, c, w)
	if err != nil {
		t.Fatal(err)
	}
	lv.mu.Lock()
	gs := lv.uses[w].sample
	lv.mu.Unlock()
	if ws := fresh.uses[w].sample; !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gs, ws) {
		t.Errorf("%q spreads as %+v sample %v (patched %v), read afresh %+v sample %v", w, got, gs, lv.patches.Load() > p0, want, ws)
	}
	return lv.patches.Load() > p0
}

// viewInSnapshot returns a new snapshot of c, as a search takes one, the catalog's view
// read in it, and the function that ends the snapshot.
func viewInSnapshot(t *testing.T, c *Catalog) (context.Context, *learnedView, func()) {
	t.Helper()
	sctx, end, err := c.snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lv, err := c.learnedView(sctx)
	if err != nil {
		end()
		t.Fatal(err)
	}
	return sctx, lv, end
}

// viewOf is the catalog's view, read outside a snapshot.
func viewOf(t *testing.T, c *Catalog) *learnedView {
	t.Helper()
	lv, err := c.learnedView(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return lv
}

// kettleRenamed opens a catalog of wordProducts(30), has a view read the spread of
// "kettle", then renames one of its kettles (one logged write touching the word).
func kettleRenamed(t *testing.T) (*Catalog, []Seller) {
	t.Helper()
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	ps := wordProducts(30)
	if _, err := c.Upsert(ctx, sellers, ps); err != nil {
		t.Fatal(err)
	}
	if _, err := viewOf(t, c).used(ctx, c, "kettle"); err != nil {
		t.Fatal(err)
	}
	p := ps[2] // a Steel Kettle
	p.Title = "Enamel Jug"
	if _, err := c.Upsert(ctx, sellers, []Product{p}); err != nil {
		t.Fatal(err)
	}
	return c, sellers
}

// staleHead sets the product_rank.head of product id to one no titleHead gives it.
func staleHead(t *testing.T, c *Catalog, id string) {
	t.Helper()
	execSQL(t, c, `UPDATE product_rank SET head = 'boiler' WHERE rowid = (SELECT rowid FROM products WHERE id = ?)`, id)
}

// execSQL runs a statement on the catalog's database, as a write outside the catalog's
// code would.
func execSQL(t *testing.T, c *Catalog, query string, args ...any) {
	t.Helper()
	if _, err := c.db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatal(err)
	}
}
