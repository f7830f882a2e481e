package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// benchWrites is `bench writes --db COPY`: the first search of common words after a
// write, as a catalog written to while it serves sees it. For each kind of write
// (--kinds: ten descriptions edited, ten prices changed, --flips products put on or
// taken off sale) and each search shape (each of --words, and the first word with an
// on-sale phrase) it runs --rounds rounds of: an upsert of that kind, the background
// merge and any background rebuild of carried pools let finish (Catalog.Refreshing),
// the first search of the shape in the new version (timed: wall and this process's
// CPU), the rebuilds it asked for let finish, the bare FTS5 ranking of the shape's matches (its floor: what
// ordering them costs without any pool), and the other shapes searched untimed, so
// that every shape's pools follow the writes as a serving catalog's do. It prints p50
// and max of each beside the floor, the load average before and after, and how many
// pools were built and carried (catalog.SearchPools). Its writes are drawn from --seed
// alone, so two builds run on copies of one catalog make the same writes. It writes to
// the catalog: run it on a copy.
func benchWrites(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench writes", flag.ContinueOnError)
	db := fs.String("db", "", "catalog database `path` to write to (a copy: the benchmark changes products)")
	rounds := fs.Int("rounds", 5, "rounds of each kind of write and search shape (0: only put products on sale, --on-sale, to make a copy to measure on)")
	size := fs.Int("size", 10, "products a description or price write changes")
	flips := fs.Int("flips", 3, "products a sale write puts on or takes off sale")
	kinds := fs.String("kinds", "text,prices,sale", "the kinds of write, comma-separated: text (descriptions), prices, sale (on or off sale)")
	words := fs.String("words", demo.CommonWord+",steel,cotton", "common `words` whose first search is timed, comma-separated; the first is also searched with \"on sale\"")
	onSale := fs.Float64("on-sale", 0, "before the rounds, put products on sale (an upsert of a list price) until this `percent` of them are")
	seed := fs.Uint64("seed", 15, "seed of the writes")
	settle := fs.Duration("settle", 2*time.Second, "after each write, how long to wait at most for the background merge to rest")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the rounds to `file`")
	if err := parse(fs, args); err != nil {
		return err
	}
	ws := wordList(*words)
	if *db == "" || *rounds < 0 || *size < 1 || *flips < 1 || len(ws) == 0 {
		return &usageError{Msg: "bench writes needs --db PATH and --words (and --size, --flips ≥ 1, --rounds ≥ 0)"}
	}
	var ks []string
	for _, k := range wordList(*kinds) {
		if k != "text" && k != "prices" && k != "sale" {
			return &usageError{Msg: fmt.Sprintf("bench writes: unknown kind of write %q (text, prices, sale)", k)}
		}
		ks = append(ks, k)
	}
	if _, err := os.Stat(*db); err != nil {
		return err
	}
	cat, err := catalog.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer cat.Close()
	if err := benchWaitFill(ctx, cat, stdout); err != nil {
		return err
	}
	bare, err := sqlite.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer bare.Close()
	w := &writesBench{ctx: ctx, cat: cat, bare: bare, words: ws, size: *size, flips: *flips, settle: *settle}
	if w.n, err = w.count(`SELECT count(*) FROM products`); err != nil {
		return err
	}
	if err := w.putOnSale(*onSale, stdout); err != nil {
		return err
	}
	onSaleNow, err := w.count(`SELECT count(*) FROM products WHERE on_sale = 1`)
	if err != nil || *rounds == 0 {
		return err
	}
	shapes, err := w.shapes()
	if err != nil {
		return err
	}
	defer func() {
		for _, sh := range shapes {
			sh.floor.Close()
		}
	}()
	// Every shape searched once, so that each has its pools (from heads or built)
	// before the first write, as on a catalog that has served a while.
	for _, sh := range shapes {
		if _, err := cat.Search(ctx, sh.q); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "bench writes: %s, %d products (%.2f%% on sale); %d rounds of each write and shape; load average %s\n",
		*db, w.n, 100*float64(onSaleNow)/float64(max(w.n, 1)), *rounds, loadAverage())
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "write\tshape\tmatches\tfirst CPU ms p50\tmax\tfirst ms p50\tmax\tfloor CPU ms p50\tmax\tfloor ms p50\tmax\tmerging\t")
	before := cat.SearchPools()
	_, refreshedBefore := cat.Refreshing()
	stop, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	for ki, kind := range ks {
		rng := rand.New(rand.NewPCG(*seed, uint64(ki)))
		for _, sh := range shapes {
			var cpu, wall, fcpu, fwall []time.Duration
			merging := 0
			for round := range *rounds {
				if err := w.write(kind, rng, round); err != nil {
					return err
				}
				w.rest()
				steps := cat.Merge().Steps
				start, c0 := time.Now(), cpuTimeSelf()
				var err error
				// Labelled, so that a profile can be focused on one shape's timed searches
				// (go tool pprof -tagfocus 'timed=…'); a background rebuild started by it
				// carries the label too.
				pprof.Do(ctx, pprof.Labels("timed", sh.name), func(ctx context.Context) {
					_, err = cat.Search(ctx, sh.q)
				})
				if err != nil {
					return err
				}
				wall, cpu = append(wall, time.Since(start)), append(cpu, cpuTimeSelf()-c0)
				if cat.Merge().Steps != steps {
					merging++ // a merge step ran meanwhile: its CPU is counted in
				}
				w.rest() // a rebuild the search asked for runs before the floor is timed
				start, c0 = time.Now(), cpuTimeSelf()
				if err := bareRows(ctx, sh.floor, sh.arg); err != nil {
					return err
				}
				fwall, fcpu = append(fwall, time.Since(start)), append(fcpu, cpuTimeSelf()-c0)
				for _, other := range shapes {
					if other.name != sh.name {
						if _, err := cat.Search(ctx, other.q); err != nil {
							return err
						}
					}
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d of %d\t\n", w.kindName(kind), sh.name, sh.matches,
				msOf(pct(cpu, 50)), msOf(slices.Max(cpu)), msOf(pct(wall, 50)), msOf(slices.Max(wall)),
				msOf(pct(fcpu, 50)), msOf(slices.Max(fcpu)), msOf(pct(fwall, 50)), msOf(slices.Max(fwall)), merging, *rounds)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	after := cat.SearchPools()
	_, refreshed := cat.Refreshing()
	fmt.Fprintf(stdout, "pools over the rounds: %d built by ordering every match, %d carried (%d across text, %d of them placed, in %d walks of the matches), %d of matches on sale built, %d carried with products ranked in; %d searches building carried pools again in the background (their builds counted above), %d searches that built a pool carried past the bound\n",
		after.Built-before.Built, after.Carried-before.Carried, after.TextCarried-before.TextCarried, after.Placed-before.Placed, after.Walks-before.Walks,
		after.SalePools-before.SalePools, after.SaleRanked-before.SaleRanked, refreshed-refreshedBefore, after.PastBound-before.PastBound)
	fmt.Fprintf(stdout, "load average at the end: %s\n", loadAverage())
	return nil
}

// writesBench is the state of one bench writes run.
type writesBench struct {
	ctx         context.Context
	cat         *catalog.Catalog
	bare        *sql.DB
	words       []string
	n           int
	size, flips int
	settle      time.Duration
}

// writeShape is one search bench writes times, with its floor.
type writeShape struct {
	name    string
	q       catalog.Query
	floor   *sql.Stmt
	arg     []any
	matches int
}

// shapes returns each word searched alone, and the first word with an on-sale phrase,
// each with its floor prepared: the bare ranked FTS5 query of its matches (for the
// phrase, those on sale, as bench scale's floor of it).
func (w *writesBench) shapes() ([]writeShape, error) {
	var out []writeShape
	add := func(name string, q catalog.Query, floorSQL, word string) error {
		st, err := w.bare.PrepareContext(w.ctx, floorSQL)
		if err != nil {
			return err
		}
		arg := []any{ftsExpr([]string{word})}
		var n int
		if err := w.bare.QueryRowContext(w.ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`, arg...).Scan(&n); err != nil {
			st.Close()
			return err
		}
		out = append(out, writeShape{name: name, q: q, floor: st, arg: arg, matches: n})
		return nil
	}
	const ranked = `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`
	if err := add(fmt.Sprintf("%q", w.words[0]+" on sale"), catalog.Query{Text: w.words[0] + " on sale", InStock: true}, flagged("p.on_sale = 1"), w.words[0]); err != nil {
		return nil, err
	}
	for _, word := range w.words {
		if err := add(fmt.Sprintf("%q", word), catalog.Query{Text: word, InStock: true}, ranked, word); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (w *writesBench) count(query string) (int, error) {
	var n int
	err := w.bare.QueryRowContext(w.ctx, query).Scan(&n)
	return n, err
}

// kindName is how the table names a kind of write.
func (w *writesBench) kindName(kind string) string {
	switch kind {
	case "text":
		return fmt.Sprintf("%d descriptions", w.size)
	case "prices":
		return fmt.Sprintf("%d prices", w.size)
	}
	return fmt.Sprintf("%d on/off sale", w.flips)
}

// pick returns n products drawn at random (by rowid, from the first stored at or
// after a random one), as stored.
func (w *writesBench) pick(rng *rand.Rand, n int) ([]catalog.Product, error) {
	var top int64
	if err := w.bare.QueryRowContext(w.ctx, `SELECT max(rowid) FROM products`).Scan(&top); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var ps []catalog.Product
	for len(ps) < n && len(seen) < w.n {
		var id string
		if err := w.bare.QueryRowContext(w.ctx, `SELECT id FROM products WHERE rowid >= ? ORDER BY rowid LIMIT 1`, 1+rng.Int64N(top)).Scan(&id); err != nil {
			return nil, err
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		p, err := w.cat.Product(w.ctx, id)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// write makes one upsert of kind: --size descriptions given a sentence (every other
// one with two of the bench's words, so that the written products join their
// matches), --size prices raised, or --flips products put on sale (a list price a
// quarter above the price) or taken off it.
func (w *writesBench) write(kind string, rng *rand.Rand, round int) error {
	n := w.size
	if kind == "sale" {
		n = w.flips
	}
	ps, err := w.pick(rng, n)
	if err != nil {
		return err
	}
	for i := range ps {
		p := &ps[i]
		switch kind {
		case "text":
			if i%2 == 0 {
				a, b := w.words[rng.IntN(len(w.words))], w.words[rng.IntN(len(w.words))]
				p.Description += fmt.Sprintf(" %s and %s, round %d.", capital(a), b, round)
			} else {
				p.Description += fmt.Sprintf(" Made to last, round %d.", round)
			}
		case "prices":
			p.Price.Amount += 1 + rng.Int64N(500)
		case "sale":
			p.Attributes = maps.Clone(p.Attributes)
			if p.Attributes == nil {
				p.Attributes = map[string]string{}
			}
			if p.Attributes["list_price"] != "" {
				delete(p.Attributes, "list_price")
			} else {
				p.Attributes["list_price"] = money.Money{Amount: p.Price.Amount + p.Price.Amount/4 + 100, Currency: p.Price.Currency}.String()
			}
		}
	}
	if _, err := w.cat.Upsert(w.ctx, nil, ps); err != nil {
		return fmt.Errorf("bench writes: upsert: %w", err)
	}
	return nil
}

// rest waits, up to --settle, until the background merge that a write wakes has no
// step to take and no carried pool is being built again in the background
// (Catalog.Refreshing), so that their CPU is not counted in the search that follows.
func (w *writesBench) rest() {
	start := time.Now()
	for time.Since(start) < w.settle {
		steps := w.cat.Merge().Steps
		time.Sleep(50 * time.Millisecond)
		running, _ := w.cat.Refreshing()
		sh, err := w.cat.IndexShape(w.ctx)
		if running == 0 && (err != nil || !sh.Merging() && w.cat.Merge().Steps == steps) {
			return
		}
	}
}

// putOnSale puts products on sale, a thousand an upsert in rowid order from a random
// start, until percent of them are (or as many as are already).
func (w *writesBench) putOnSale(percent float64, stdout io.Writer) error {
	if percent <= 0 {
		return nil
	}
	want := int(percent / 100 * float64(w.n))
	have, err := w.count(`SELECT count(*) FROM products WHERE on_sale = 1`)
	if err != nil || have >= want {
		return err
	}
	start, c0 := time.Now(), cpuTimeSelf()
	// Every k-th product not on sale, so that they spread over the catalog.
	step := max(1, (w.n-have)/(want-have))
	rows, err := w.bare.QueryContext(w.ctx, `SELECT id FROM products WHERE on_sale = 0 AND rowid % ? = 0 ORDER BY rowid LIMIT ?`, step, want-have)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for batch := range slices.Chunk(ids, 1000) {
		ps := make([]catalog.Product, 0, len(batch))
		for _, id := range batch {
			p, err := w.cat.Product(w.ctx, id)
			if err != nil {
				return err
			}
			p.Attributes = maps.Clone(p.Attributes)
			if p.Attributes == nil {
				p.Attributes = map[string]string{}
			}
			p.Attributes["list_price"] = money.Money{Amount: p.Price.Amount + p.Price.Amount/4 + 100, Currency: p.Price.Currency}.String()
			ps = append(ps, p)
		}
		if _, err := w.cat.Upsert(w.ctx, nil, ps); err != nil {
			return fmt.Errorf("bench writes: putting products on sale: %w", err)
		}
	}
	fmt.Fprintf(stdout, "bench writes: put %d products on sale in %v (%.1f s of CPU)\n", len(ids), time.Since(start).Round(time.Millisecond), (cpuTimeSelf() - c0).Seconds())
	w.rest()
	return nil
}

// wordList splits a comma-separated list, dropping empty items.
func wordList(s string) []string {
	var out []string
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// capital returns s with its first letter upper-cased.
func capital(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

func msOf(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }
