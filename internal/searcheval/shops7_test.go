package searcheval

import (
	"flag"
	"testing"
)

// The seventh new user's shop (newuser13): a UK beauty, personal-care and pharmacy
// shop's WooCommerce product export (shops7/beauty.csv, written by shops7/gen.py:
// 1,486 products; skincare by skin type, suncare by SPF, foundation, concealer,
// lipstick, nail polish and hair dye in shades as variations, nappies in sizes, sizes
// in ml and g as products of their own, travel sizes, value packs, refills and
// replacement heads for named handles, razors, shavers, flossers, bottles and brands,
// hair care, fragrance, vitamins, medicines and first aid, baby care, men's grooming;
// sale prices, EANs, some without a category or in Uncategorized; its own label beside
// the brands), by someone who had not read the search code, each product's type, what
// it is an accessory for, its model and what it fits (truth.tsv, written by the same
// generator from the same tables), and 194 queries of the ten kinds (beauty.jsonl,
// written by queries.py), among them heads, blades, tips, teats and refills asked for
// a named handle, razor, flosser, bottle or brand (one made for something else grades
// 2: Intent.Fits), whose intents were decided from that data before any search ran on
// them. All of it is held out: TestShops7Queries checks the files without searching,
// and only -shops7-heldout scores it, totals per kind beside BM25, never a query's
// results. (subscriptions.csv, the refills the shop sells by subscription, is imported
// beside the export by hand; it is not part of the judged catalog.)
const Shops7 = "shops7"

var shops7HeldOutFlag = flag.Bool("shops7-heldout", false, "TestShops7HeldOut: score the beauty and pharmacy shop's held-out set (NDCG@10 per kind beside BM25, never its results): for the lead, after a merge")

// shops7Families are names an accessory of the beauty shop may be for that cover
// several types (none: each accessory is for one type).
var shops7Families = map[string][]string{}

// shops7Types are the close types of the beauty shop's types (graded 2); a type absent
// here has none.
var shops7Types = map[string]shopType{
	"face-moisturiser":    {close: []string{"body-moisturiser", "serum"}},
	"body-moisturiser":    {close: []string{"face-moisturiser", "hand-cream"}},
	"serum":               {close: []string{"face-moisturiser"}},
	"cleanser":            {close: []string{"makeup-remover"}},
	"makeup-remover":      {close: []string{"cleanser"}},
	"sunscreen":           {close: []string{"after-sun"}},
	"after-sun":           {close: []string{"sunscreen", "body-moisturiser"}},
	"hand-cream":          {close: []string{"body-moisturiser", "foot-cream"}},
	"foot-cream":          {close: []string{"hand-cream"}},
	"foundation":          {close: []string{"concealer"}},
	"concealer":           {close: []string{"foundation"}},
	"shampoo":             {close: []string{"conditioner", "dry-shampoo"}},
	"conditioner":         {close: []string{"shampoo", "hair-mask"}},
	"hair-mask":           {close: []string{"conditioner", "hair-oil"}},
	"hair-oil":            {close: []string{"hair-mask"}},
	"dry-shampoo":         {close: []string{"shampoo"}},
	"electric-toothbrush": {close: []string{"manual-toothbrush"}},
	"manual-toothbrush":   {close: []string{"electric-toothbrush"}},
	"toothpaste":          {close: []string{"mouthwash"}},
	"mouthwash":           {close: []string{"toothpaste"}},
	"dental-floss":        {close: []string{"water-flosser"}},
	"water-flosser":       {close: []string{"dental-floss"}},
	"razor":               {close: []string{"electric-shaver"}},
	"electric-shaver":     {close: []string{"razor", "beard-trimmer"}},
	"beard-trimmer":       {close: []string{"electric-shaver"}},
	"shaving-foam":        {close: []string{"aftershave-balm"}},
	"aftershave-balm":     {close: []string{"shaving-foam", "mens-fragrance"}},
	"womens-fragrance":    {close: []string{"mens-fragrance"}},
	"mens-fragrance":      {close: []string{"womens-fragrance", "aftershave-balm"}},
	"shower-gel":          {close: []string{"hand-wash"}},
	"hand-wash":           {close: []string{"shower-gel"}},
	"multivitamin":        {close: []string{"vitamin-d", "vitamin-c"}},
	"vitamin-d":           {close: []string{"multivitamin"}},
	"vitamin-c":           {close: []string{"multivitamin"}},
	"cold-flu":            {close: []string{"cough-remedy", "pain-relief"}},
	"cough-remedy":        {close: []string{"cold-flu"}},
	"pain-relief":         {close: []string{"cold-flu"}},
	"plasters":            {close: []string{"first-aid-kit", "antiseptic"}},
	"antiseptic":          {close: []string{"plasters"}},
	"first-aid-kit":       {close: []string{"plasters"}},
	"nappy-cream":         {close: []string{"baby-wash"}},
	"baby-wipes":          {close: []string{"nappies"}},
	"nappies":             {close: []string{"baby-wipes"}},
}

// shops7 is the beauty shop's set; its files' SHA-256 are as committed before any
// search ran on them.
var shops7 = newHeldOutShop(&heldOutShop{
	set: Shops7, shop: "beauty", feed: "beauty.csv", queries: "beauty.jsonl",
	label: "beauty and pharmacy shop (WooCommerce, %d products), held out",
	frozen: map[string]string{
		"beauty.csv":   "c6dd1b3f7239087149a750e6d4117f77bf4dac892fd93d3342edad78d1aeb252",
		"truth.tsv":    "29553e28d34bc33f5499563b01e001967522fd7e0f1c22bc33ecf18a5289c557",
		"beauty.jsonl": "8783cf35cdc15a5d48e7c12024c2c8641d6e56d66127ca0688ba99387a000eea",
	},
	types: shops7Types, families: shops7Families, flag: shops7HeldOutFlag, flagName: "shops7-heldout",
})

// TestShops7Queries holds the beauty shop's held-out set to its premises without
// running a search (heldOutShop.checkQueries).
func TestShops7Queries(t *testing.T) { shops7.checkQueries(t) }

// TestShops7HeldOut scores catalog.Search and plain BM25 on the beauty shop's held-out
// set, NDCG@10 per kind, with -shops7-heldout only (for the lead, once, after a
// merge), held to shops7/baseline.tsv, which the lead writes with -baseline at its
// first scoring (until then the test fails asking for it). It prints totals, never a
// query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops7HeldOut -v ./internal/searcheval -shops7-heldout
func TestShops7HeldOut(t *testing.T) { shops7.heldOut(t) }
