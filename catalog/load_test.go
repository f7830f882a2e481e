package catalog

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// loadTestProducts returns n products that exercise every derived structure: brands
// spelled several ways, categories and none, tags and attributes, codes (GTINs, model
// numbers, letter-digit words of titles), hidden and sold-out products, currencies
// with different exponents, and titles with "for" and a leading brand.
func loadTestProducts(n int) ([]Seller, []Product) {
	sellers := []Seller{{ID: "s1", Name: "Shop"}, {ID: "s2", Name: "Other Shop"}}
	products := make([]Product, n)
	for i := range products {
		stock := int64(i % 4)
		brand := []string{"", "Acme", "ACME", "Glowco", "Ünïcode Lights"}[i%5]
		p := Product{ID: "p" + strconv.Itoa(i), SellerID: sellers[i%2].ID,
			Title:        []string{brand + " Lantern LX-" + strconv.Itoa(100+i%7), "Tent Lights for Camping, Warm White", "Café Lámpara (2-pack) " + strconv.Itoa(i)}[i%3],
			Brand:        brand,
			Category:     []string{"", "Lights", "Lights > Camping", "Outdoor > Tents & Shelters"}[i%4],
			Description:  "A lantern for camping, number " + strconv.Itoa(i) + "; bright & warm.",
			Tags:         [][]string{nil, {"camping", "outdoor"}, {"gift"}}[i%3],
			Availability: []Availability{InStock, InStock, OutOfStock, Preorder}[i%4], Stock: &stock,
			Price:  money.Money{Amount: int64(100 + 37*i), Currency: []string{"USD", "JPY", "KWD"}[i%3]},
			Rating: float64(i%50) / 10, ReviewCount: int64(i * 3), Hidden: i%7 == 0,
			URL: "https://shop.example/p/" + strconv.Itoa(i), ImageURL: "https://shop.example/i/" + strconv.Itoa(i) + ".jpg"}
		if i%2 == 0 {
			p.GTIN = fmt.Sprintf("400%010d", i)
			p.Attributes = map[string]string{"model": "WH-" + strconv.Itoa(1000+i), "color": "Deep Navy"}
		}
		if i%9 == 0 {
			p.GroupID = "g" + strconv.Itoa(i/9)
		}
		products[i] = p
	}
	return sellers, products
}

// TestBulkLoadEqualsUpserts writes the same products, with rows repeated in later
// batches (a feed that lists a product twice), into catalogs three ways: a bulk Load
// into an empty catalog, Upserts of the same batches, and Upserts one product at a
// time; builds the search heads in each, as an import does; then it checks that every
// table of the catalog (search heads and image origins too), the full-text index term
// by term, the schema (the triggers and indexes a bulk load suspends) and what a set
// of searches finds, in relevance and price order, are the same in all three.
func TestBulkLoadEqualsUpserts(t *testing.T) {
	ctx := context.Background()
	sellers, products := loadTestProducts(700)
	// Batches of 100, the last three of which repeat (changed) products of earlier ones.
	var batches [][]Product
	for i := 0; i < len(products); i += 100 {
		batches = append(batches, products[i:i+100])
	}
	for k := range 3 {
		again := make([]Product, 50)
		for i := range again {
			again[i] = products[k*150+i*3]
			again[i].Title += " (new edition)"
			again[i].Brand = []string{"Newco", "acme", ""}[i%3]
			again[i].Price.Amount += 1
			again[i].Hidden = !again[i].Hidden
		}
		batches = append(batches, again)
	}
	clock := func() time.Time { return time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC) }
	open := func() *Catalog {
		c := openTest(t)
		c.Now = clock
		c.exactUpTo, c.poolSize = 10, 20 // heads of 40 for words with more than 160 matches
		return c
	}

	bulk := open()
	l, err := bulk.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Bulk() {
		t.Fatal("a load into an empty catalog is not a bulk load")
	}
	// A product updated during the load deletes its codes by rowid: that must stay
	// an index lookup while the load has the other indexes dropped.
	var plan strings.Builder
	rows, err := l.tx.QueryContext(ctx, `EXPLAIN QUERY PLAN `+deleteLostCodesSQL, `[]`, 1)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "; ")
	}
	rows.Close()
	if !strings.Contains(plan.String(), "product_codes_rowid") {
		t.Errorf("during a bulk load, deleting a product's codes is planned as %q, not by its index", plan.String())
	}
	for _, b := range batches {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	batched := open()
	for _, b := range batches {
		if _, err := batched.Upsert(ctx, sellers, b); err != nil {
			t.Fatal(err)
		}
	}

	single := open()
	for _, b := range batches {
		for _, p := range b {
			if _, err := single.Upsert(ctx, sellers, []Product{p}); err != nil {
				t.Fatal(err)
			}
		}
	}

	for _, c := range []*Catalog{bulk, batched, single} {
		if _, err := c.BuildHeads(ctx); err != nil { // as an import does after the load
			t.Fatal(err)
		}
	}
	want := dumpCatalog(t, batched)
	if len(want["products"]) != len(products) {
		t.Fatalf("%d products stored, want %d", len(want["products"]), len(products))
	}
	if len(want["search_heads"]) == 0 {
		t.Fatal("no search heads to compare")
	}
	wantFound := searchEach(t, batched)
	for _, tc := range []struct {
		name string
		c    *Catalog
	}{{"bulk load", bulk}, {"one product at a time", single}} {
		checkDerived(t, tc.c, tc.name)
		if got := searchEach(t, tc.c); !reflect.DeepEqual(got, wantFound) {
			for q := range wantFound {
				if got[q] != wantFound[q] {
					t.Errorf("%s: a search for %q finds\n%v\nwant\n%v", tc.name, q, got[q], wantFound[q])
				}
			}
		}
		got := dumpCatalog(t, tc.c)
		if len(got) != len(want) {
			t.Errorf("%s: %d tables, want %d", tc.name, len(got), len(want))
		}
		for table, rows := range want {
			if !reflect.DeepEqual(got[table], rows) {
				t.Errorf("%s: %s differs from upserts in batches (%d rows, want %d)", tc.name, table, len(got[table]), len(rows))
				for i := range min(len(got[table]), len(rows)) {
					if got[table][i] != rows[i] {
						t.Errorf("first difference:\n got %s\nwant %s", got[table][i], rows[i])
						break
					}
				}
			}
		}
	}
}

// equalSearches are the searches TestBulkLoadEqualsUpserts runs on each catalog: single
// words (common ones, served from search heads, and rare ones), a prefix, several
// words, brands and model codes.
var equalSearches = []string{"lantern", "camping", "lights", "warm", "café", "lampara", "tent", "acme",
	"ünïcode", "wh-1004", "lx-103", "2-pack", "bright warm", "la*", "number 12", "gift", "gift outdoor"}

// searchEach returns, for each of equalSearches, what Search finds: the total and the
// products of the first page in order, by relevance and by price.
func searchEach(t *testing.T, c *Catalog) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, q := range equalSearches {
		for _, sort := range []Sort{SortRelevance, SortPriceAsc} {
			res, err := c.Search(context.Background(), Query{Text: q, Sort: sort, Limit: 20})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "total=%d estimated=%v;", res.Total, res.TotalEstimated)
			for _, p := range res.Hits {
				b.WriteString(" " + p.ID)
			}
			out[q+" "+string(sort)] = b.String()
		}
	}
	return out
}

// dumpCatalog returns every row of every table of the catalog except FTS5's own (whose
// layout follows the order segments were written in), every entry of the
// full-text index (term, product, column, offset), and the schema, as text, in order.
// Left out are only what records how the catalog came to be rather than what it holds:
// the migrations applied (with their times), the catalog's identity (random), the log
// of text changes and its counters, the log of products written (products_written),
// and index_words.changed (a counter's value).
func dumpCatalog(t *testing.T, c *Catalog) map[string][]string {
	t.Helper()
	ctx := context.Background()
	if _, err := c.db.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_entries USING fts5vocab(main, products_fts, instance)`); err != nil {
		t.Fatal(err)
	}
	queries := map[string]string{
		"full-text": `SELECT * FROM temp.fts_entries ORDER BY term, doc, col, offset`,
		"schema":    `SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`,
	}
	skip := map[string]string{
		"catalog_migrations": "", "catalog_identity": "", "catalog_changes": "", "index_words_stale": "",
		"products_written": "", // a log of upserts by version: a bulk load writes none
		"index_words":      `SELECT term, docs FROM index_words ORDER BY term`,
	}
	tables, err := c.db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'products_fts_%' AND name NOT LIKE 'text_log%'`)
	if err != nil {
		t.Fatal(err)
	}
	for tables.Next() {
		var name string
		if err := tables.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if q, ok := skip[name]; ok {
			if q != "" {
				queries[name] = q
			}
			continue
		}
		queries[name] = `SELECT * FROM "` + name + `"` // rows sorted below
	}
	tables.Close()
	out := map[string][]string{}
	for table, q := range queries {
		rows, err := c.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%#v ", cols[i], v)
			}
			out[table] = append(out[table], b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(out[table])
	}
	for _, table := range []string{"sellers", "categories", "brands", "products", "product_text", "product_keys",
		"product_codes", "product_rank", "learned_types", "learned_type_words", "image_origins", "index_words",
		"full-text", "schema"} {
		if len(out[table]) == 0 {
			t.Fatalf("%s: no rows to compare", table)
		}
	}
	return out
}

// killedLoadEnv names the database a child process of TestKilledLoadLeavesCatalogUsable
// loads into, and how.
const killedLoadEnv = "CATALOG_KILLED_LOAD"

// TestKilledLoadLeavesCatalogUsable kills (SIGKILL) a process part-way through a load
// and checks that the catalog it was loading into opens, passes SQLite's and FTS5's
// integrity checks, holds its derived structures equal to their sources, still has
// what it had before, and takes a load again: killed during a bulk load's batches and
// during its commit (rebuilding the index and the indexes) the catalog is as it was;
// killed during a load into a catalog with products, it keeps the batches committed.
func TestKilledLoadLeavesCatalogUsable(t *testing.T) {
	if spec := os.Getenv(killedLoadEnv); spec != "" {
		killedLoadChild(spec)
		return
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, tc := range []struct {
		name     string
		seeded   bool   // the catalog has products before the load
		killAt   string // the line of the child's output after which it is killed
		minAfter int    // products the catalog has at least afterwards
	}{
		{"bulk load, during batches", false, "batch 5", 0},
		{"bulk load, during commit", false, "commit", 0},
		{"load into a catalog with products, during batches", true, "batch 5", 100 + 4*500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "catalog.db")
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			sellers, products := loadTestProducts(100)
			if tc.seeded {
				for i := range products {
					products[i].ID = "seed" + strconv.Itoa(i)
				}
				if _, err := c.Upsert(ctx, sellers, products); err != nil {
					t.Fatal(err)
				}
			} else if _, err := c.Upsert(ctx, sellers, nil); err != nil {
				t.Fatal(err)
			}
			before, err := c.Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			c.Close()

			cmd, out, _ := startChild(t, "^TestKilledLoadLeavesCatalogUsable$", killedLoadEnv+"="+path)
			seen, committed := false, false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if sc.Text() == tc.killAt {
					seen = true
					break
				}
			}
			if tc.killAt == "commit" {
				time.Sleep(20 * time.Millisecond) // into the rebuild
			}
			cmd.Process.Kill()
			for sc.Scan() {
				committed = committed || sc.Text() == "committed"
			}
			cmd.Wait()
			if !seen {
				t.Fatalf("the child never printed %q", tc.killAt)
			}
			if committed { // the kill came too late: the load is whole
				t.Logf("the load committed before the kill")
				before += 40 * 500
			}

			c, err = Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			var check string
			if err := c.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
				t.Fatalf("integrity_check: %q, %v", check, err)
			}
			n, err := c.Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case !tc.seeded && n != before:
				t.Errorf("after a killed bulk load: %d products, want the %d before it", n, before)
			case tc.seeded && n < tc.minAfter:
				t.Errorf("after a killed load: %d products, want at least %d (the products before and the batches committed)", n, tc.minAfter)
			}
			if n > 0 {
				checkDerived(t, c, "after the kill")
			}
			// And it takes a load again.
			l, err := c.Load(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if l.Bulk() != (n == 0) {
				t.Errorf("a load into a catalog of %d products: bulk %v", n, l.Bulk())
			}
			_, more := loadTestProducts(300)
			if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, more); err != nil {
				t.Fatal(err)
			}
			if err := l.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			checkDerived(t, c, "loaded again after the kill")
			if res, err := c.Search(ctx, Query{Text: "lantern"}); err != nil || res.Total == 0 {
				t.Errorf("search after loading again: %+v, %v", res, err)
			}
		})
	}
}

// killedLoadChild loads batches of 500 products into the catalog at path, printing
// "batch N" after each, and "commit" before committing after 40 batches; it is
// killed before it ends.
func killedLoadChild(path string) {
	ctx := context.Background()
	c, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	sellers, products := loadTestProducts(40 * 500)
	l, err := c.Load(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for i := 0; i < len(products); i += 500 {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, products[i:i+500]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Printf("batch %d\n", i/500+1)
	}
	fmt.Println("commit")
	if err := l.Commit(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("committed")
	time.Sleep(time.Minute) // killed before this ends
}

// BenchmarkUpsertFew is an incremental upsert of a few products into a catalog of
// 20,000 (two stored ones changed, one new, as a small feed update or an operator's
// edit does), beside its floor: one write transaction that updates one stored row.
func BenchmarkUpsertFew(b *testing.B) {
	benchUpsert(b, 20000, 3)
}

// BenchmarkUpsertTen is BenchmarkUpsertFew with batches of 10 products (four with a new
// price, three with a new title, three new) into a catalog of 100,000.
func BenchmarkUpsertTen(b *testing.B) {
	benchUpsert(b, 100000, 10)
}

// BenchmarkUpsertOne is BenchmarkUpsertTen with one product a batch, whose title is new:
// the smallest write of indexed text.
func BenchmarkUpsertOne(b *testing.B) {
	benchUpsert(b, 100000, 1)
}

// benchUpsert bulk-loads n products, then times upserts of batches of few products
// (a third or more with a new price, a third with a new title, a third new; a batch of
// one has a new title), beside the floor: one write transaction that updates one
// stored row.
func benchUpsert(b *testing.B, n, few int) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	sellers, products := loadTestProducts(n)
	l, err := c.Load(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < len(products); i += 1000 {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, products[i:min(i+1000, n)]); err != nil {
			b.Fatal(err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("upsert %d products", few), func(b *testing.B) {
		batch := make([]Product, few)
		cpu0 := cpuTime(b)
		defer func() { b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu_ns/op") }()
		for i := 0; b.Loop(); i++ {
			for k := range batch {
				p := products[(i*few+k*7919)%n]
				kind := k % 3
				if few == 1 {
					kind = 1
				}
				switch kind {
				case 0:
					p.Price.Amount++
				case 1:
					p.Title += " v2"
				case 2:
					p.ID = "new" + strconv.Itoa(i) + "-" + strconv.Itoa(k)
				}
				batch[k] = p
			}
			if _, err := c.Upsert(ctx, sellers, batch); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor: one write transaction", func(b *testing.B) {
		cpu0 := cpuTime(b)
		defer func() { b.ReportMetric(float64((cpuTime(b)-cpu0).Nanoseconds())/float64(b.N), "cpu_ns/op") }()
		for i := 0; b.Loop(); i++ {
			tx, err := c.db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE products SET review_count = review_count + 1 WHERE rowid = ?`, 1+i%n); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuTime returns the processor time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestUpsertWritesTextOnce checks that an upsert writes the full-text index once: one
// new segment for a batch that adds products and changes the text of others (up to
// maxTextExact of them; a statement of text each past it), and none for a batch that changes only prices; and that the text
// written (quotes, backslashes, line breaks, non-ASCII) reads back as it was given.
func TestUpsertWritesTextOnce(t *testing.T) {
	ctx := context.Background()
	// No background merging (ftsmerge.go): it would merge the segments being counted.
	c := openFilled(t, filepath.Join(t.TempDir(), "catalog.db"), fillOptions{noMerge: true})
	sellers, products := loadTestProducts(400)
	if _, err := c.Upsert(ctx, sellers, products[:300]); err != nil {
		t.Fatal(err)
	}
	if err := c.OptimizeIndex(ctx); err != nil {
		t.Fatal(err)
	}
	// Without merging, every segment written stays to be counted.
	if _, err := c.db.ExecContext(ctx, `INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 0)`); err != nil {
		t.Fatal(err)
	}
	segments := func() int {
		t.Helper()
		var n int
		if err := c.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM products_fts_idx`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := segments(); n != 1 {
		t.Fatalf("%d segments after optimize, want 1", n)
	}
	changed := func(f func(i int, p *Product)) []Product {
		out := make([]Product, 0, 30)
		for i := 0; i < 300; i += 10 {
			f(i, &products[i]) // later cases start from what earlier ones stored
			out = append(out, products[i])
		}
		return out
	}
	cases := []struct {
		name  string
		batch []Product
		more  int // segments the upsert adds
	}{
		{"new title, brand and description", changed(func(i int, p *Product) {
			p.Title, p.Brand = "Lantern \"Pro\" \\ "+strconv.Itoa(i), "Newco"
			p.Description = "Line one\nline\ttwo — ünïcode 🏕 \u2028 end"
		}), 1},
		{"new products and new titles", append(changed(func(i int, p *Product) { p.Title += " v2" }), products[300:330]...), 1},
		// Past maxTextExact rows, statements of a power of two rows: 64 and 6.
		{"70 new products", products[330:400], 2},
		{"new prices only", changed(func(i int, p *Product) { p.Price.Amount++; p.URL += "?v=2" }), 0},
		{"the same again", changed(func(i int, p *Product) { p.Price.Amount++; p.URL += "?v=2" }), 0},
	}
	for _, tc := range cases {
		before := segments()
		if _, err := c.Upsert(ctx, sellers, tc.batch); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := segments() - before; got != tc.more {
			t.Errorf("%s: the upsert of %d products wrote %d segments of the full-text index, want %d", tc.name, len(tc.batch), got, tc.more)
		}
		for _, p := range tc.batch {
			want := p
			if err := want.Normalize(); err != nil {
				t.Fatal(err)
			}
			var title, desc, url string
			if err := c.db.QueryRowContext(ctx, `SELECT t.title, t.description, t.url FROM product_text t
				JOIN products p ON p.rowid = t.rowid WHERE p.id = ?`, p.ID).Scan(&title, &desc, &url); err != nil {
				t.Fatal(err)
			}
			if title != want.Title || desc != want.Description || url != want.URL {
				t.Errorf("%s: %s stored as %q, %q, %q; want %q, %q, %q", tc.name, p.ID, title, desc, url, want.Title, want.Description, want.URL)
			}
		}
		checkDerived(t, c, tc.name)
	}
}

// BenchmarkBulkLoad is the writer's half of a feed import: a bulk Load of 20,000
// products, prepared beforehand (Prepare runs beside the writer in an import), in
// batches of 1,000, committed (the full-text index, the secondary indexes and the
// learned types built), into a new catalog each time. cpu_ns/product is the
// process's processor time per product.
func BenchmarkBulkLoad(b *testing.B) {
	const n = 20000
	ctx := context.Background()
	sellers, products := loadTestProducts(n)
	var batches []*Prepared
	for i := 0; i < n; i += 1000 {
		batches = append(batches, Prepare(products[i:i+1000]))
	}
	dir := b.TempDir()
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		c, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("catalog%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		cpu0 := cpuTime(b)
		l, err := c.Load(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range batches {
			if _, err := l.UpsertPrepared(ctx, UpsertOptions{}, sellers, p); err != nil {
				b.Fatal(err)
			}
		}
		if err := l.Commit(ctx); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime(b) - cpu0
		c.Close()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu_ns/product")
}

// TestBulkLoadIndexOneSegment loads products with so small a hash that FTS5 writes many
// segments while it builds the full-text index; the load must end with the index in
// one segment, and FTS5's settings as they were before it.
func TestBulkLoadIndexOneSegment(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	settings := func() map[string]int64 { // each setting's value, FTS5's default when unset
		out := map[string]int64{}
		for _, s := range rebuildSettings(0) {
			v := s.fts5
			err := c.db.QueryRowContext(ctx, `SELECT v FROM products_fts_config WHERE k = ?`, s.key).Scan(&v)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				t.Fatal(err)
			}
			out[s.key] = v
		}
		return out
	}
	before := settings()
	sellers, products := loadTestProducts(700)
	l, err := c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l.hashSize = 4 << 10
	for i := 0; i < len(products); i += 100 {
		if _, err := l.Upsert(ctx, UpsertOptions{}, sellers, products[i:i+100]); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	var segments int
	if err := c.db.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM products_fts_idx`).Scan(&segments); err != nil {
		t.Fatal(err)
	}
	if segments != 1 {
		t.Errorf("the full-text index is in %d segments after a bulk load, want 1", segments)
	}
	if after := settings(); !reflect.DeepEqual(after, before) {
		t.Errorf("FTS5's settings after a bulk load: %v, want %v as before it", after, before)
	}
	if res, err := c.Search(ctx, Query{Text: "lantern"}); err != nil || res.Total == 0 {
		t.Errorf("search after the load: %+v, %v", res, err)
	}
}
