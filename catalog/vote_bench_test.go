package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// benchSentences are shoppers' sentences that no need of the vocabulary names: Search
// reads what product types their words stand for in the catalog (the sentence path).
var benchSentences = []string{
	"something to keep my tea warm at my desk",
	"a snug thing to nap in at the campsite in the mountains",
	"what can i get to attract more birds to my garden",
	"i want a bag to take my laptop and papers to meetings",
}

// BenchmarkSentenceTypes times Search on sentences over the 100,000-product benchmark
// catalog against its floor, the bare ranked FTS5 query for any of the sentence's
// words, alternating the two query by query. "warm": the words' spread over product
// types was read by an earlier search of the same catalog text; "cold": a product's
// text is written before each pass (untimed), so every word is read again; "stock"
// and "price": a sale's stock taken (or put back), or a product's price changed,
// before each pass (untimed), which change no text.
//
//	go test -tags sqlite_fts5 -run '^$' -bench SentenceTypes -count 5 ./catalog
func BenchmarkSentenceTypes(b *testing.B) {
	c, bare := benchCatalog(b)
	ctx := context.Background()
	st, err := bare.PrepareContext(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	v := catalog.BuiltinVocabulary()
	matches := make([]string, len(benchSentences))
	for i, text := range benchSentences {
		if v.SaysNeed(text) {
			b.Fatalf("a need applies to %q", text)
		}
		var terms []string
		for _, w := range catalog.Words(text) {
			terms = append(terms, `"`+w+`"`)
		}
		matches[i] = strings.Join(terms, " OR ")
	}
	some, err := c.Search(ctx, catalog.Query{Limit: 1})
	if err != nil || len(some.Hits) == 0 {
		b.Fatalf("no product to write: %v", err)
	}
	touched, err := c.Product(ctx, some.Hits[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Upsert(ctx, nil, []catalog.Product{touched})
	for _, mode := range []string{"warm", "cold", "stock", "price"} {
		b.Run(mode, func(b *testing.B) {
			var search, floor time.Duration
			var stockV catalog.StockVersion // of the last take, for its return
			for i := 0; b.Loop(); i++ {
				var err error
				switch p := touched; mode {
				case "cold":
					p.Description = fmt.Sprintf("%s (%d)", touched.Description, i)
					_, err = c.Upsert(ctx, nil, []catalog.Product{p})
				case "price":
					p.Price.Amount += int64(1 + i%2)
					_, err = c.Upsert(ctx, nil, []catalog.Product{p})
				case "stock":
					if i%2 == 0 {
						stockV, err = c.TakeStock(ctx, p.ID, 1)
					} else {
						err = c.ReturnStock(ctx, p.ID, 1, stockV)
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				for j, text := range benchSentences {
					t0 := time.Now()
					if _, err := c.Search(ctx, catalog.Query{Text: text}); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					if _, err := bareSearch(ctx, st, matches[j]); err != nil {
						b.Fatal(err)
					}
					search, floor = search+t1.Sub(t0), floor+time.Since(t1)
				}
			}
			n := float64(b.N * len(benchSentences))
			b.ReportMetric(float64(search.Nanoseconds())/n, "search-ns/query")
			b.ReportMetric(float64(floor.Nanoseconds())/n, "bare-ns/query")
			b.ReportMetric(float64(search)/float64(floor), "x_bare")
		})
	}
}

// BenchmarkVoteAgreement measures rather than times: on the judged catalog and the
// 100,000-product benchmark catalog, how many of the indexed words vote alone for a
// different type when used reads their spread (sampling words in more than 1,000
// products) than when it is read whole. A cheaper reading of a word's spread must keep
// these numbers. It reports the words compared, those sampled, those that vote for a
// type read whole, and those whose type differs.
//
//	go test -tags sqlite_fts5 -run '^$' -bench VoteAgreement -benchtime 1x -v ./catalog
func BenchmarkVoteAgreement(b *testing.B) {
	for _, cat := range []struct {
		name string
		open func(*testing.B) *catalog.Catalog
	}{
		{"judged", judgedCatalog},
		{"generated", func(b *testing.B) *catalog.Catalog { c, _ := benchCatalog(b); return c }},
	} {
		b.Run(cat.name, func(b *testing.B) {
			c := cat.open(b)
			var a catalog.VoteAgreement
			for b.Loop() {
				var err error
				if a, err = c.VoteAgreement(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.Logf("%d words, %d sampled, %d vote for a type read whole, %d differ; e.g. %s", a.Words, a.Sampled, a.Voting, a.Differ,
				strings.Join(a.Examples, "; "))
			b.ReportMetric(float64(a.Words), "words")
			b.ReportMetric(float64(a.Sampled), "sampled")
			b.ReportMetric(float64(a.Voting), "voting")
			b.ReportMetric(float64(a.Differ), "differ")
			b.ReportMetric(0, "ns/op")
		})
	}
}
