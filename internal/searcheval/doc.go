// Package searcheval is the judged search set: a second catalog, unlike the demo one,
// with queries of every kind a shopper types and graded judgments, and the test that
// scores catalog.Search on it next to plain FTS5 BM25 (NDCG@10 per kind).
//
// Generate returns the catalog: 10,670 products in 11 departments and 112 product
// types, with realistic titles (brand, product type, attributes, model number,
// colour), descriptions, brands, model numbers and MPNs in attributes, GTINs with
// valid check digits on about 45%, prices, ratings and stock, accessories beside the
// products they fit (mounts, cases, chargers, filters, bags, propellers,
// cartridges, …), and about 40% of products without a category. It is the same on
// every call (fixed Seed). Each product comes with its Truth: department, canonical
// type, the type it is an accessory for, brand, model, GTIN, price, rating, stock.
//
// The queries and their judgments live in testdata/searcheval (see its README): a
// dev half to tune on and a held-out half (HeldOut, "heldout-DO-NOT-TUNE") that
// nobody who changes search reads. Each query carries an Intent written from the
// catalog's data; Grade maps (intent, truth) to 3 exact, 2 close, 1 related or 0, and
// Judge turns that into the committed qrels. Score is NDCG@10, or for nonsense
// queries 1 for an empty result and 0 otherwise.
//
// Tests:
//
//	go test -tags sqlite_fts5 -run TestSearchQuality -v ./internal/searcheval            # the table
//	go test -tags sqlite_fts5 -run TestSearchQuality -v ./internal/searcheval -dev-only  # while tuning: dev and the first two probes
//	go test -tags sqlite_fts5 -run TestSearchQuality -v ./internal/searcheval -dump=type # dev results of one kind (or all, or a query id)
//	go test -tags sqlite_fts5 -run TestSearchQuality ./internal/searcheval -baseline     # commit today's figures
//	go test -tags sqlite_fts5 -run TestJudgments ./internal/searcheval -update           # after editing queries or the generator
//	go test -tags sqlite_fts5 -run TestWriteCatalog ./internal/searcheval -catalog-out F  # the catalog as JSON lines, to read
//	go test -tags sqlite_fts5 -run '^$' -bench SearchEval ./internal/searcheval          # time per dev query, Search and BM25
//
// The quality test searches as the brief of issue 13 says, catalog.Query{Text, Limit:
// 10}: without the in-stock filter that search_products adds by default, so that
// out-of-stock products compete too and "in stock" in a query is something to
// understand; and with every variant of a family listed (EveryVariant), as plain BM25
// lists them: the judgments grade each variant, and showing a family as one card is
// how a page is presented, not how its products are ranked.
//
// Only tests import this package.
package searcheval
