package searcheval

import (
	"flag"
	"testing"
)

// The cycling shop (acc5): a bike shop's Shopify product export (shops8/cycling.csv,
// written by shops8/gen.py: 811 products in 1,472 rows; bikes in frame sizes and
// colours, and the parts and accessories beside them titled in every shape such shops
// use: "Derailleur Hanger for Trek Marlin 7", "Trek Marlin 7 Derailleur Hanger",
// "... Compatible with ...", "Replacement ... for ...", "700x25-32c Inner Tube Presta
// 48mm", "Shimano Deore Brake Pads B01S Resin"; one product in six without a
// category, one in ten without a type), each product's type, what it is an accessory
// for, its model and what it fits (truth.tsv, from the same tables), and 197 queries
// (cycling.jsonl, written by queries.py): 107 accessories and parts for a named bike,
// size, groupset, pad or cleat system, computer, helmet or drive system, and 10 of
// each other kind, committed before any search ran on them. It is a dev shop written
// to show the accessory loss on a shop nobody had tuned on: its queries are split by
// freshHalves, the tune half a dev set (TestShopsTune, TestCrossSet), the check half
// read once at the end of a change with -shops8-check.
const Shops8 = "shops8"

var shops8CheckFlag = flag.Bool("shops8-check", false, "TestShops8Check: score the cycling shop's check half (NDCG@10 per kind beside BM25, never its results): once, at the end of a change")

// shops8Types are the close types of the cycling shop's types (graded 2).
var shops8Types = map[string]shopType{
	"road-bike":     {close: []string{"gravel-bike"}},
	"gravel-bike":   {close: []string{"road-bike", "hybrid-bike"}},
	"hybrid-bike":   {close: []string{"gravel-bike", "e-bike"}},
	"mountain-bike": {close: []string{"e-bike"}},
	"e-bike":        {close: []string{"hybrid-bike"}},
	"inner-tube":    {close: []string{"tyre"}},
	"tyre":          {close: []string{"inner-tube"}},
	"chain":         {close: []string{"cassette"}},
	"cassette":      {close: []string{"chain"}},
	"panniers":      {close: []string{"saddle-bag", "brompton-bag"}},
	"saddle-bag":    {close: []string{"panniers"}},
	"bib-shorts":    {close: []string{"jersey"}},
	"jersey":        {close: []string{"bib-shorts"}},
	"chain-lube":    {close: []string{"tubeless-sealant"}},
}

// shops8 is the cycling shop's set; its files' SHA-256 are as committed before any
// search ran on them.
var shops8 = newHeldOutShop(&heldOutShop{
	set: Shops8, shop: "cycling", feed: "cycling.csv", queries: "cycling.jsonl",
	label: "cycling shop (Shopify, %d products)",
	frozen: map[string]string{
		"cycling.csv":   "fa858ccb1bf51e6e9564aebb664c64cd5b5faf093a08416025f879cc8a6c0282",
		"truth.tsv":     "51fdb0bd51835db96ef44fb21ddcdb6eea695e4d3b6b86ff75494f17b91f9f84",
		"cycling.jsonl": "d07fa53e0745d2fa7cb965bc86f6c2bcb55f8b1ca5f79f6c0edf40966c13ae9c",
	},
	types: shops8Types, families: map[string][]string{}, flag: shops8CheckFlag, flagName: "shops8-check",
	split: true,
	first: "First measured on the search of da56dc8 (main), before any change for it: overall 0.703 (BM25 0.655),\n# accessory 0.572 (BM25 0.733).",
})

// TestShops8Queries holds the cycling shop's set to its premises without running a
// search (heldOutShop.checkQueries).
func TestShops8Queries(t *testing.T) { shops8.checkQueries(t) }

// TestShops8Check scores catalog.Search and plain BM25 on the cycling shop's check
// half, NDCG@10 per kind, with -shops8-check only (once, at the end of a change), held
// to shops8/baseline.tsv. It prints totals, never a query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops8Check -v ./internal/searcheval -shops8-check
func TestShops8Check(t *testing.T) { shops8.heldOut(t) }
