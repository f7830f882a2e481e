package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// BenchmarkVoteTypes times voteTypes alone on catalogs of 20,000 and 100,000 products
// of 40 types, for a sentence of three words (two its type's products have, one in a fifth of
// the catalog): "cold" reads every word's spread over types (a
// new view of the learned tables, as after a write of indexed text), "warm" finds
// them read; "floor" is the ranked full-text query for any of the words. The
// "after_*" modes time a search's view (learnedView) and the vote, in a snapshot, each
// the first after an untimed write by another connection, as a search meets them:
// a sale's stock taken and put back ("after_stock"), one product's price changed
// ("after_price"), one product's description changed ("after_text1"), an upsert of ten products (four repriced, three renamed, three new,
// as BenchmarkUpsertTen; "after_upsert10"); "after_floor" is the first read of the
// text version after a stock write, which every search makes. Each reports vote_µs,
// the median over the iterations, besides ns/op (which includes the write), and
// faults/vote, the process's minor page faults while timed (a read connection fills its
// page cache again after a commit emptied it; see -pagecache in bench_test.go).
func BenchmarkVoteTypes(b *testing.B) {
	for _, perType := range []int{500, 2500} {
		b.Run(fmt.Sprint(40*perType), func(b *testing.B) { benchVoteTypes(b, perType) })
	}
}

func benchVoteTypes(b *testing.B, perType int) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	const types = 40
	var products []Product
	stock := int64(1000)
	name := func(t int) string { return string(rune('a'+t%26)) + string(rune('a'+t/26)) } // letters: a head has no digit
	for t := range types {
		for i := range perType {
			products = append(products, Product{ID: fmt.Sprintf("p%d-%d", t, i), SellerID: "s1", Stock: &stock,
				Title: fmt.Sprintf("Brand%d Model %d Deluxe Thing%s", i%50, i, name(t)),
				Description: fmt.Sprintf("Made for use%s and need%s. Sturdy, shipped fast.%s", name(t), name(t),
					map[bool]string{true: " Keeps warm.", false: ""}[i%5 == 0]),
				Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock})
		}
	}
	for i := 0; i < len(products); i += 5000 {
		if _, err := c.Upsert(ctx, sellers, products[i:i+5000]); err != nil {
			b.Fatal(err)
		}
	}
	bg := ctx
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	base, err := c.learnedView(ctx)
	if err != nil {
		b.Fatal(err)
	}
	q := parseText("warm for useha and needha")
	check := func(ctx context.Context, lv *learnedView) {
		votes, err := c.voteTypes(ctx, lv, q)
		if err != nil || len(votes) == 0 || votes[0].head != "thingha" {
			b.Fatalf("votes %+v, %v; want thingha first", votes, err)
		}
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			check(ctx, newLearnedView(base.version, base.indexed, base.types))
		}
	})
	// The floor: the ranked full-text query for any of the words, which the plain
	// BM25 baseline runs.
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			rows, err := c.query(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`, `"warm" OR "useha" OR "needha"`)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
		}
	})
	b.Run("warm", func(b *testing.B) {
		check(ctx, base)
		for b.Loop() {
			check(ctx, base)
		}
	})
	end() // the after_* modes see the writes
	// The writes of the after_* modes, by iteration.
	var stockV StockVersion // of the last take, for its return
	writes := map[string]func(i int) error{
		"after_stock": func(i int) error {
			if i%2 == 0 {
				var err error
				stockV, err = c.TakeStock(bg, products[0].ID, 1)
				return err
			}
			return c.ReturnStock(bg, products[0].ID, 1, stockV)
		},
		"after_price": func(i int) error {
			p := products[1]
			p.Price.Amount += int64(1 + i%2)
			_, err := c.Upsert(bg, sellers, []Product{p})
			return err
		},
		"after_text1": func(i int) error {
			p := products[2]
			p.Description += fmt.Sprintf(" (%d)", i%2)
			_, err := c.Upsert(bg, sellers, []Product{p})
			return err
		},
		"after_upsert10": func(i int) error {
			batch := make([]Product, 10)
			for k := range batch {
				p := products[(i*10+k*7919)%len(products)]
				switch k % 3 {
				case 0:
					p.Price.Amount += int64(1 + i%2)
				case 1:
					p.Title += fmt.Sprintf(" v%d", i)
				case 2:
					p.ID = fmt.Sprintf("new%d-%d", i, k)
				}
				batch[k] = p
			}
			_, err := c.Upsert(bg, sellers, batch)
			return err
		},
	}
	for _, mode := range []string{"after_floor", "after_stock", "after_price", "after_text1", "after_upsert10"} {
		b.Run(mode, func(b *testing.B) {
			// A first search reads the view and the words, as the searches before the
			// write did.
			read(b, bg, c, check)
			var took []time.Duration
			var faults int64 // minor page faults of the process while timed
			for i := 0; b.Loop(); i++ {
				write := writes[mode]
				if write == nil {
					write = writes["after_stock"]
				}
				if err := write(i); err != nil {
					b.Fatal(err)
				}
				f0 := minorFaults(b)
				t0 := time.Now()
				if mode == "after_floor" {
					ctx, end, err := c.snapshot(bg)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := c.textVersion(ctx); err != nil {
						b.Fatal(err)
					}
					end()
				} else {
					read(b, bg, c, check)
				}
				took = append(took, time.Since(t0))
				faults += minorFaults(b) - f0
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "vote_µs")
			b.ReportMetric(float64(faults)/float64(len(took)), "faults/vote")
		})
	}
}

// minorFaults is how many minor page faults the process has taken: pages of memory
// the C allocator got from the system (again) and touched first.
func minorFaults(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Minflt
}

// read runs check on the catalog's learned view in a new snapshot, as a search does.
func read(b *testing.B, bg context.Context, c *Catalog, check func(context.Context, *learnedView)) {
	ctx, end, err := c.snapshot(bg)
	if err != nil {
		b.Fatal(err)
	}
	defer end()
	lv, err := c.learnedView(ctx)
	if err != nil {
		b.Fatal(err)
	}
	check(ctx, lv)
}
