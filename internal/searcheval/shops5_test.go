package searcheval

import (
	"flag"
	"testing"
)

// The fifth new user's shop (newuser11): a small UK clothing shop's Shopify product
// export (shops5/apparel.csv, written by shops5/gen.py: 390 products in 2,913 variant
// rows of sizes and colours, options named Size, Color or Colour, or Waist and Length;
// a fifth without a Type, sale prices, sold-out variants), by someone who had not read
// the search code, each product's type, what it is an accessory for, its model and the
// colour its title names (truth.tsv, written by the same generator from the same
// tables), and 186 queries of the ten kinds (apparel.jsonl, written by queries.py),
// among them colours and sizes asked for (a variant of another colour or size grades
// 2), whose intents were decided from that data before any search ran on them. All of
// it is held out: TestShops5Queries checks the files without searching, and only
// -shops5-heldout scores it, totals per kind beside BM25, never a query's results.
const Shops5 = "shops5"

var shops5HeldOutFlag = flag.Bool("shops5-heldout", false, "TestShops5HeldOut: score the clothing shop's held-out set (NDCG@10 per kind beside BM25, never its results): for the lead, after a merge")

// shops5Types are the close types of the clothing shop's types (graded 2); a type
// absent here has none.
var shops5Types = map[string]shopType{
	"jumper":          {close: []string{"cardigan", "sweatshirt"}},
	"cardigan":        {close: []string{"jumper"}},
	"sweatshirt":      {close: []string{"hoodie", "jumper"}},
	"hoodie":          {close: []string{"sweatshirt"}},
	"blouse":          {close: []string{"shirt"}},
	"shirt":           {close: []string{"blouse"}},
	"trousers":        {close: []string{"chinos", "jeans"}},
	"chinos":          {close: []string{"trousers"}},
	"jeans":           {close: []string{"trousers"}},
	"joggers":         {close: []string{"leggings"}},
	"leggings":        {close: []string{"joggers"}},
	"rain-jacket":     {close: []string{"coat"}},
	"puffer-jacket":   {close: []string{"coat", "gilet"}},
	"coat":            {close: []string{"puffer-jacket", "rain-jacket"}},
	"gilet":           {close: []string{"puffer-jacket"}},
	"trainers":        {close: []string{"shoes"}},
	"shoes":           {close: []string{"trainers", "boots"}},
	"boots":           {close: []string{"shoes"}},
	"tote-bag":        {close: []string{"crossbody-bag", "backpack"}},
	"crossbody-bag":   {close: []string{"tote-bag"}},
	"backpack":        {close: []string{"tote-bag"}},
	"shoe-cleaner":    {close: []string{"protector-spray"}},
	"protector-spray": {close: []string{"shoe-cleaner"}},
	"shoe-polish":     {close: []string{"shoe-cleaner"}},
}

// shops5 is the clothing shop's set; its files' SHA-256 are as committed before any
// search ran on them.
var shops5 = newHeldOutShop(&heldOutShop{
	set: Shops5, shop: "apparel", feed: "apparel.csv", queries: "apparel.jsonl",
	label: "clothing shop (Shopify, %d variants), held out",
	frozen: map[string]string{
		"apparel.csv":   "40d8b44ad4a7f699bb048664abfb4eac04255530a445c9da94babe716017b6d7",
		"truth.tsv":     "9ba6c3568e2f310f245b3bbe0931178eb5786347f5b215868fadd2906da03281",
		"apparel.jsonl": "90116f0c8120665161301dde2b0ebba588e9e760230095cb3ae14dfc685f1a25",
	},
	types: shops5Types, flag: shops5HeldOutFlag, flagName: "shops5-heldout",
})

// TestShops5Queries holds the clothing shop's held-out set to its premises without
// running a search (heldOutShop.checkQueries).
func TestShops5Queries(t *testing.T) { shops5.checkQueries(t) }

// TestShops5HeldOut scores catalog.Search and plain BM25 on the clothing shop's
// held-out set, NDCG@10 per kind, with -shops5-heldout only (for the lead, once, after
// a merge), held to shops5/baseline.tsv, which the lead writes with -baseline at its
// first scoring (until then the test fails asking for it). It prints totals, never a
// query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops5HeldOut -v ./internal/searcheval -shops5-heldout
func TestShops5HeldOut(t *testing.T) { shops5.heldOut(t) }
