package catalog

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// openFilled opens the catalog at path with the fills run as fo says, waits for them to
// end, and closes it when the test ends.
func openFilled(t *testing.T, path string, fo fillOptions) *Catalog {
	t.Helper()
	c, err := open(context.Background(), path, ReadPool{}, fo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.WaitFill(ctx); err != nil {
		t.Fatalf("fill: %v", err)
	}
	if st := c.Fill(); st.Filling() {
		t.Fatalf("fill ended with %+v left", st)
	}
	return c
}

// fillTestProducts is how many products the fill tests import: dozens of batches of
// fillTestBatch.
const (
	fillTestProducts = 300
	fillTestBatch    = 7
)

// upgradeDamageSQL leaves a catalog as an upgrade finds it: product_codes as before
// migration 0039 (no colour and size keys), with some products' codes missing, a wrong
// code and one of a product that is gone; product_rank as before 0012 for a third of
// the products; products.on_sale and gender as migration 0049's columns begin, and a
// few wrong; the three fills pending.
const upgradeDamageSQL = `DELETE FROM product_codes WHERE instr(code, '=') > 0 OR rowid % 5 = 0;
	INSERT INTO product_codes (code, rowid) VALUES ('zz999', 3), ('color=green', 8), ('ab1a', 100000);
	INSERT INTO product_codes_pending (id) VALUES (1);
	DELETE FROM product_rank WHERE rowid % 3 = 0;
	INSERT INTO product_rank_pending (id) VALUES (1);
	UPDATE products SET on_sale = 0, gender = '', age = '';
	UPDATE products SET on_sale = 1, gender = 'male', age = 'kids' WHERE rowid % 13 = 0;
	INSERT INTO product_flags_pending (id) VALUES (1);`

// flagProduct gives the i-th product of a fill test its list price, gender and age group (the
// attributes products.on_sale, products.gender and products.age are made of): every
// third on sale; by i%4 unmarked, marked for women, for men (with white space and
// capitals), unisex; by i%5 no age group, adult, kids (with white space), none, adult.
func flagProduct(p *Product, i int) {
	if i%3 == 0 {
		p.Attributes["list_price"] = "$" + strconv.Itoa(2+i) + ".00"
	}
	if g := []string{"", "Female", " MALE ", "Unisex"}[i%4]; g != "" {
		p.Attributes["gender"] = g
	}
	if a := []string{"", "Adult", " Kids", "", "adult"}[i%5]; a != "" {
		p.Attributes["age_group"] = a
	}
}

// upgradedCatalog imports fillTestProducts products into a catalog at path, and
// returns every table as the import left it (dumpCatalog) before damaging it as an
// upgrade finds it (upgradeDamageSQL).
func upgradedCatalog(t *testing.T, path string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sellers := []Seller{{ID: "s", Name: "Shop"}}
	products := codeProducts(fillTestProducts, "a")
	for i := range products {
		p := &products[i]
		p.Brand, p.Category, p.ImageURL = "Acme", []string{"Home > Lights", "Outdoor > Camping > Lanterns"}[i%2], testImageURL(i)
		flagProduct(p, i)
	}
	if _, err := c.Upsert(ctx, sellers, products); err != nil {
		t.Fatal(err)
	}
	imported := dumpCatalog(t, c)
	if _, err := c.db.ExecContext(ctx, upgradeDamageSQL); err != nil {
		t.Fatal(err)
	}
	damaged := dumpCatalog(t, c)
	for _, table := range []string{"product_codes", "product_rank", "learned_types", "products"} {
		if slices.Equal(damaged[table], imported[table]) {
			t.Fatalf("the damage left %s as imported", table)
		}
	}
	return imported
}

// checkFilledAsImported checks that every table of c equals imported, and that SQLite
// finds the file sound.
func checkFilledAsImported(t *testing.T, c *Catalog, imported map[string][]string) {
	t.Helper()
	var check string
	if err := c.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	got := dumpCatalog(t, c)
	for _, table := range slices.Sorted(maps.Keys(imported)) {
		if !slices.Equal(got[table], imported[table]) {
			t.Errorf("%s after the fill differs from the import:\nfilled:   %q\nimported: %q", table, got[table], imported[table])
		}
	}
	checkCodes(t, c, "filled")
	checkRank(t, c, "filled")
}

// filledTo returns the filled_to of each pending table of the catalog at path, -1 for
// a table without its row, read without opening the catalog (which would fill).
func filledTo(t *testing.T, path string) (codes, rank, flags int64) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := func(table string) int64 {
		var n int64 = -1
		if err := db.QueryRow(`SELECT filled_to FROM ` + table).Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
			t.Fatal(err)
		}
		return n
	}
	return q("product_codes_pending"), q("product_rank_pending"), q("product_flags_pending")
}

// TestFillResumes checks that the fills an upgrade leaves (product_codes after
// migrations 0039 and 0042, product_rank after 0012, products.on_sale and gender
// after 0049 and 0050) end with every table equal to
// what a fresh import wrote, whether they run to the end in one process, or are cut
// short by Close or by SIGKILL part-way and go on at the next Open.
func TestFillResumes(t *testing.T) {
	if spec := os.Getenv(killedFillEnv); spec != "" {
		killedFillChild(spec)
		return
	}
	for _, tc := range []struct {
		name string
		cut  func(t *testing.T, path string) // runs the fill part-way
	}{
		{"uninterrupted", nil},
		{"closed part-way", closeFillAfter(5)},
		{"killed part-way", killFillAfter(5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "catalog.db")
			imported := upgradedCatalog(t, path)
			if tc.cut != nil {
				tc.cut(t, path)
				if codes, _, _ := filledTo(t, path); codes < 5*fillTestBatch || codes >= fillTestProducts {
					t.Fatalf("the cut fill left product codes filled to %d, want part-way (at least %d)", codes, 5*fillTestBatch)
				}
			}
			var batches []string
			c := openFilled(t, path, fillOptions{batch: fillTestBatch, step: func(table string, after, to int64) {
				batches = append(batches, fmt.Sprintf("%s (%d, %d]", table, after, to))
			}})
			if tc.cut != nil && strings.HasPrefix(batches[0], FillCodes+" (0,") {
				t.Errorf("the fill started again from the first product: %q", batches[:3])
			}
			checkFilledAsImported(t, c, imported)
			if codes, rank, flags := filledTo(t, path); codes != -1 || rank != -1 || flags != -1 {
				t.Errorf("pending rows left: codes %d, rank %d, flags %d", codes, rank, flags)
			}
		})
	}
}

// closeFillAfter runs the fill of the catalog at path for n batches and closes it.
func closeFillAfter(n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		var once sync.Once
		reached, done := make(chan struct{}), 0
		c, err := open(context.Background(), path, ReadPool{}, fillOptions{batch: fillTestBatch, step: func(string, int64, int64) {
			if done++; done == n {
				once.Do(func() { close(reached) })
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-reached:
		case <-time.After(time.Minute):
			t.Fatal("the fill did not reach its batch", n)
		}
		c.Close()
	}
}

// killedFillEnv names, for the child process of TestFillResumes and TestFillRace,
// the catalog it fills.
const killedFillEnv = "CATALOG_KILLED_FILL"

// killFillAfter starts a process that fills the catalog at path, printing a line per
// batch, and kills it (SIGKILL) after its batch n, which it has not been let go on from.
func killFillAfter(n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		cmd, out, in := startChild(t, "^TestFillResumes$", killedFillEnv+"="+path)
		want := "batch " + strconv.Itoa(n)
		seen := false
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == want {
				seen = true
				break
			}
			if strings.HasPrefix(sc.Text(), "batch ") {
				io.WriteString(in, "go\n")
			}
		}
		cmd.Process.Kill()
		io.Copy(io.Discard, out)
		cmd.Wait()
		if !seen {
			t.Fatalf("the child never printed %q", want)
		}
	}
}

// startChild starts the test binary running test in a child process, with env (a
// NAME=value) added to its environment, and returns it, its output and its input; the
// child is killed when the test ends.
func startChild(t *testing.T, test string, env ...string) (*exec.Cmd, io.ReadCloser, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run="+test)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, out, in
}

// killedFillChild prints "ready", waits for a line on stdin when its test is
// TestFillRace (so that two children open at once), opens the catalog at path, fills
// it in batches of fillTestBatch printing "batch N TABLE AFTER TO" for each and waiting
// for a line on stdin before the next (so its parent decides where it is killed, or
// which of two goes on), then "done", and waits to be killed.
func killedFillChild(path string) {
	stdin := bufio.NewReader(os.Stdin)
	fmt.Println("ready")
	if slices.ContainsFunc(os.Args, func(a string) bool { return strings.Contains(a, "TestFillRace") }) {
		stdin.ReadString('\n')
	}
	var mu sync.Mutex
	n := 0
	c, err := open(context.Background(), path, ReadPool{}, fillOptions{batch: fillTestBatch, step: func(table string, after, to int64) {
		mu.Lock()
		defer mu.Unlock()
		n++
		fmt.Printf("batch %d\n%s %d %d\n", n, table, after, to)
		stdin.ReadString('\n')
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := c.WaitFill(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("done")
	time.Sleep(time.Minute) // killed before this ends
}

// TestFillRace opens an upgraded catalog in two processes at once: both fill it, and
// between them every batch of products is written once, in order, the fill completed
// once, and the catalog ends equal to the import. A child that reports a table's first
// batch before the other has reported any of it is held there until the other has
// (on a loaded machine one could otherwise fill the whole table alone).
func TestFillRace(t *testing.T) {
	if spec := os.Getenv(killedFillEnv); spec != "" {
		killedFillChild(spec)
		return
	}
	path := filepath.Join(t.TempDir(), "catalog.db")
	imported := upgradedCatalog(t, path)
	type batch struct {
		child     int
		after, to int64
	}
	var (
		outs    [2]*bufio.Scanner
		ins     [2]io.WriteCloser
		batches = map[string][]batch{}
	)
	for i := range outs {
		_, out, in := startChild(t, "^TestFillRace$", killedFillEnv+"="+path)
		outs[i], ins[i] = bufio.NewScanner(out), in
		if !outs[i].Scan() || outs[i].Text() != "ready" {
			t.Fatalf("child %d: %q, want ready", i, outs[i].Text())
		}
	}
	for _, in := range ins {
		io.WriteString(in, "go\n")
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := [2]bool{}
	ended := [2]bool{}                 // done, or its output closed
	seen := [2]map[string]bool{{}, {}} // tables a child has reported a batch of
	held := [2]string{}                // the table a child is held at, if any
	release := func(i int) {           // under mu
		if held[i] != "" {
			held[i] = ""
			io.WriteString(ins[i], "go\n")
		}
	}
	for i, sc := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other := 1 - i
			defer func() {
				mu.Lock()
				ended[i] = true
				release(other)
				mu.Unlock()
			}()
			for sc.Scan() {
				var (
					table     string
					after, to int64
				)
				if sc.Text() == "done" {
					done[i] = true
					return
				}
				if n, _ := fmt.Sscanf(sc.Text(), "%s %d %d", &table, &after, &to); n == 3 {
					mu.Lock()
					batches[table] = append(batches[table], batch{i, after, to})
					seen[i][table] = true
					if held[other] == table {
						release(other)
					}
					if !seen[other][table] && !ended[other] {
						held[i] = table
					} else {
						io.WriteString(ins[i], "go\n")
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if !done[0] || !done[1] {
		t.Fatalf("the children ended: %v, want both done", done)
	}
	for _, table := range []string{FillCodes, FillRank, FillFlags} {
		bs := batches[table]
		slices.SortFunc(bs, func(a, b batch) int { return int(a.after - b.after) })
		var at int64
		completed, by := 0, [2]int{}
		for _, b := range bs {
			switch {
			case b.after == 0 && b.to == 0: // the other child had completed it
			case b.to == 0:
				completed++
				if b.after != at {
					t.Errorf("%s: completed after %d, but the batches reached %d", table, b.after, at)
				}
			case b.after != at:
				t.Errorf("%s: a batch of child %d (%d, %d] after the batches reached %d: written twice or skipped", table, b.child, b.after, b.to, at)
				at = max(at, b.to)
			default:
				at = b.to
				by[b.child]++
			}
		}
		if completed != 1 {
			t.Errorf("%s: completed %d times, want once", table, completed)
		}
		if by[0] == 0 || by[1] == 0 {
			t.Errorf("%s: batches by child: %v, want both to have filled", table, by)
		}
	}
	checkFilledAsImported(t, openFilled(t, path, fillOptions{}), imported)
}

// TestSearchWhileFilling searches an upgraded catalog while its fills are part-way:
// the products not yet filled are found by their words and codes as before the
// upgrade, a colour filter says it may miss some (AppliedFilter.Incomplete) and type
// ranking that it is partial (RankFilling); after the fills, neither.
func TestSearchWhileFilling(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	upgradedCatalog(t, path)
	first, hold := make(chan struct{}), make(chan struct{})
	var holding, release sync.Once
	c, err := open(ctx, path, ReadPool{}, fillOptions{batch: 4 * fillTestBatch, step: func(table string, after, to int64) {
		if table == FillCodes && after == 0 {
			holding.Do(func() { close(first) })
			<-hold
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	t.Cleanup(func() { release.Do(func() { close(hold) }) })
	<-first
	type want struct {
		total      int
		first      string // the first hit's id, when set
		incomplete bool   // a colour filter applied and marked incomplete
		colour     bool   // a colour filter applied
		rank       bool   // RankFilling
	}
	search := func(t *testing.T, text string, w want) {
		t.Helper()
		res, err := c.Search(ctx, Query{Text: text, InStock: true, Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		colour := slices.IndexFunc(res.Applied, func(f AppliedFilter) bool { return f.Filter == FilterColor })
		switch {
		case w.total > 0 && res.Total != w.total:
			t.Errorf("%d products, want %d", res.Total, w.total)
		case w.first != "" && (len(res.Hits) == 0 || res.Hits[0].ID != w.first):
			t.Errorf("hits %v, want %s first", res.Hits, w.first)
		case (colour >= 0) != w.colour:
			t.Errorf("applied %+v, colour filter %v", res.Applied, w.colour)
		case colour >= 0 && res.Applied[colour].Incomplete != w.incomplete:
			t.Errorf("colour filter %+v, want incomplete %v", res.Applied[colour], w.incomplete)
		case res.RankFilling != w.rank:
			t.Errorf("RankFilling %v, want %v", res.RankFilling, w.rank)
		}
		for _, h := range res.Hits {
			if n, _ := strconv.Atoi(strings.TrimPrefix(h.ID, "p")); w.colour && n%2 != 0 {
				t.Errorf("%s is not red, but passed the colour filter", h.ID)
			}
		}
	}
	for _, tc := range []struct {
		name, text string
		want       want
	}{
		{"words, filling", "lantern", want{total: fillTestProducts, rank: true}},
		{"a code of a product not filled yet", "AB-251a", want{first: "p251", rank: true}},
		{"a colour, filling", "red lantern", want{colour: true, incomplete: true, rank: true}},
	} {
		t.Run(tc.name, func(t *testing.T) { search(t, tc.text, tc.want) })
	}
	release.Do(func() { close(hold) })
	if err := c.WaitFill(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       want
	}{
		{"words, filled", "lantern", want{total: fillTestProducts}},
		{"a code, filled", "AB-251a", want{first: "p251"}},
		{"a colour, filled", "red lantern", want{total: fillTestProducts / 2, colour: true}},
	} {
		t.Run(tc.name, func(t *testing.T) { search(t, tc.text, tc.want) })
	}
}

// TestSaleGenderWhileFilling searches an upgraded catalog whose products.on_sale,
// gender and age are not yet written (migration 0049's and 0051's columns as they
// begin, a few wrong): before their fill has begun, half-way through it, and after it,
// the on_sale, gender and age filters answer as the products' attributes say
// (flagProduct), never from a column not yet filled, and say nothing is missing.
func TestSaleGenderWhileFilling(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	upgradedCatalog(t, path)
	type stage struct{ reached, release chan struct{} }
	before, halfway := stage{make(chan struct{}), make(chan struct{})}, stage{make(chan struct{}), make(chan struct{})}
	var onceBefore, onceHalfway sync.Once
	var releaseBefore, releaseHalfway sync.Once
	c, err := open(ctx, path, ReadPool{}, fillOptions{batch: fillTestBatch, step: func(table string, after, to int64) {
		switch {
		case table == FillCodes && after == 0:
			onceBefore.Do(func() { close(before.reached); <-before.release })
		case table == FillFlags && to >= fillTestProducts/2:
			onceHalfway.Do(func() { close(halfway.reached); <-halfway.release })
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	t.Cleanup(func() {
		releaseBefore.Do(func() { close(before.release) })
		releaseHalfway.Do(func() { close(halfway.release) })
	})
	wait := func(ch chan struct{}) {
		select {
		case <-ch:
		case <-time.After(time.Minute):
			t.Fatal("the fill did not reach the stage")
		}
	}
	onSale := func(i int) bool { return i%3 == 0 }
	women := func(i int) bool { return i%4 != 2 } // all but those marked for men alone
	men := func(i int) bool { return i%4 != 1 }
	cases := []struct {
		name, text string
		filters    []string
		passes     func(i int) bool
	}{
		{"on sale", "lantern on sale", []string{FilterOnSale}, onSale},
		{"womens", "womens lantern", []string{FilterGender}, women},
		{"mens", "mens lantern", []string{FilterGender}, men},
		{"womens on sale", "womens lantern on sale", []string{FilterGender, FilterOnSale}, func(i int) bool { return onSale(i) && women(i) }},
		// age_group decides (adult by i%5 1 and 4); the damage marks every 13th product
		// kids, which only the attributes may undo.
		{"kids", "kids lantern", []string{FilterAge}, func(i int) bool { return i%5 != 1 && i%5 != 4 }},
		{"girls", "girls lantern", []string{FilterAge}, func(i int) bool { return i%5 != 1 && i%5 != 4 && women(i) }},
		{"no filter", "lantern", nil, func(int) bool { return true }},
	}
	search := func(t *testing.T, stage string, filling bool) {
		if got := c.Fill().Flags; got != filling {
			t.Fatalf("%s: Fill().Flags %v, want %v", stage, got, filling)
		}
		for _, tc := range cases {
			t.Run(stage+"/"+tc.name, func(t *testing.T) {
				want := 0
				for i := range fillTestProducts {
					if tc.passes(i) {
						want++
					}
				}
				res, err := c.Search(ctx, Query{Text: tc.text, InStock: true, Limit: MaxLimit})
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != want {
					t.Errorf("%d products, want %d (notes %q)", res.Total, want, res.Notes)
				}
				var applied []string
				for _, f := range res.Applied {
					applied = append(applied, f.Filter)
					if f.Incomplete {
						t.Errorf("filter %+v says it is incomplete", f)
					}
				}
				slices.Sort(applied)
				if !slices.Equal(applied, tc.filters) {
					t.Errorf("applied %q, want %q", applied, tc.filters)
				}
				for _, h := range res.Hits {
					if i, _ := strconv.Atoi(strings.TrimPrefix(h.ID, "p")); !tc.passes(i) {
						t.Errorf("%s passed the filters, but its attributes do not", h.ID)
					}
				}
			})
		}
	}
	wait(before.reached)
	if _, _, flags := filledTo(t, path); flags != 0 {
		t.Fatalf("flags filled to %d before their fill began", flags)
	}
	search(t, "before the fill", true)
	releaseBefore.Do(func() { close(before.release) })
	wait(halfway.reached)
	if _, _, flags := filledTo(t, path); flags < fillTestProducts/2 || flags >= fillTestProducts {
		t.Fatalf("flags filled to %d, want part-way", flags)
	}
	search(t, "half-way", true)
	releaseHalfway.Do(func() { close(halfway.release) })
	if err := c.WaitFill(ctx); err != nil {
		t.Fatal(err)
	}
	search(t, "after the fill", false)
}
