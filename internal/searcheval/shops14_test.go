package searcheval

import (
	"flag"
	"path/filepath"
	"testing"
)

// The drugstore (sent8): a US beauty, personal-care and pharmacy shop's Shopify product
// export (shops14/drugstore.csv, written by shops14/gen.py: 726 products in 1,366
// variant rows, every brand made up; skin care, body and bath, hair care and tools,
// shaving and grooming, oral care, make-up and nails, fragrance, baby care, and the
// pharmacy's pain, allergy, cold, sleep, vitamin and first-aid shelves, with razors,
// shavers, electric toothbrushes, water flossers, hair dryers and thermometers and their
// blades, heads, tips, diffusers and probe covers), in sizes ("1.7 oz", "8 fl oz",
// "24 ct"), shades and colours; titles name the brand about half the time and often a
// skin or hair type, an SPF, "Fragrance-Free", and whom for ("Men's", "Kids", "Baby");
// one product in six has no Type, one in seven no Product Category, two in five carry
// Google Shopping's gender and age group. Each product's type, what it is an accessory
// for, its style code and whom it is for (fits: women, men, kids, baby; an accessory
// also fits its device) are in truth.tsv; 154 queries (drugstore.jsonl, written by
// queries.py): 64 sentences of a shopper with a need or buying for someone ("something
// for my dry hands in winter", "my son has spots what should he use"), graded by type
// and, where the sentence names the person and the shop tells them apart, by whom
// (Intent.Fits), and 10 of each other kind, committed before any search ran on them.
// A dev shop written, while the beauty shop (shops7) is held out whole, to measure
// sentences on a shop no rule was tuned on: its queries are split by freshHalves, the
// tune half a dev set (TestShopsTune, TestCrossSet), the check half read once at the end
// of a change with -shops14-check.
const Shops14 = "shops14"

var shops14CheckFlag = flag.Bool("shops14-check", false, "TestShops14Check: score the drugstore's check half (NDCG@10 per kind beside BM25, never its results): once, at the end of a change")

// shops14Types are the close types of the drugstore's types (graded 2).
var shops14Types = map[string]shopType{
	"face-moisturizer":    {close: []string{"night-cream"}},
	"night-cream":         {close: []string{"face-moisturizer", "eye-cream"}},
	"eye-cream":           {close: []string{"night-cream"}},
	"body-lotion":         {close: []string{"body-butter", "hand-cream"}},
	"body-butter":         {close: []string{"body-lotion"}},
	"hand-cream":          {close: []string{"body-lotion"}},
	"foot-cream":          {close: []string{"body-lotion"}},
	"baby-lotion":         {close: []string{"body-lotion"}},
	"shampoo":             {close: []string{"dandruff-shampoo", "dry-shampoo"}},
	"dandruff-shampoo":    {close: []string{"shampoo"}},
	"dry-shampoo":         {close: []string{"shampoo"}},
	"conditioner":         {close: []string{"hair-mask"}},
	"hair-mask":           {close: []string{"conditioner", "hair-oil"}},
	"hair-oil":            {close: []string{"hair-mask"}},
	"razor":               {close: []string{"electric-shaver"}},
	"electric-shaver":     {close: []string{"razor"}},
	"shaving-cream":       {close: []string{"aftershave"}},
	"aftershave":          {close: []string{"shaving-cream"}},
	"toothbrush":          {close: []string{"electric-toothbrush"}},
	"electric-toothbrush": {close: []string{"toothbrush"}},
	"floss":               {close: []string{"water-flosser"}},
	"water-flosser":       {close: []string{"floss"}},
	"perfume":             {close: []string{"cologne"}},
	"cologne":             {close: []string{"perfume"}},
	"bubble-bath":         {close: []string{"bath-bomb", "bath-salts", "body-wash"}},
	"bath-bomb":           {close: []string{"bath-salts", "bubble-bath"}},
	"bath-salts":          {close: []string{"bath-bomb"}},
	"body-wash":           {close: []string{"bar-soap"}},
	"bar-soap":            {close: []string{"body-wash"}},
	"baby-wash":           {close: []string{"body-wash"}},
	"cold-flu":            {close: []string{"cough-syrup", "throat-lozenges"}},
	"cough-syrup":         {close: []string{"cold-flu"}},
	"throat-lozenges":     {close: []string{"cough-syrup"}},
	"pain-relief":         {close: []string{"muscle-rub"}},
	"muscle-rub":          {close: []string{"pain-relief"}},
	"cleanser":            {close: []string{"makeup-remover"}},
	"makeup-remover":      {close: []string{"cleanser"}},
	"foundation":          {close: []string{"concealer"}},
	"concealer":           {close: []string{"foundation"}},
	"acne-treatment":      {close: []string{"cleanser"}},
}

// shops14 is the drugstore's set; its files' SHA-256 are as committed before any search
// ran on them.
var shops14 = newHeldOutShop(&heldOutShop{
	set: Shops14, shop: "drugstore", feed: "drugstore.csv", queries: "drugstore.jsonl",
	label: "drugstore (Shopify, %d products)",
	frozen: map[string]string{
		"drugstore.csv":   "367a20a43e40f0241ab88e947409b2077a1916563a27dba734d17f51621125ac",
		"truth.tsv":       "b6268652648ef44a64f0f998e4aaaeba684e888fdd69f3ca5c9120444dea9891",
		"drugstore.jsonl": "8d16d42471edf9729b4b67b56bd3e2b90a0d7ff2abafd37abd3063f623f0fc81",
	},
	types: shops14Types, families: map[string][]string{}, flag: shops14CheckFlag, flagName: "shops14-check",
	split: true,
	first: "First measured on the search of 97f0d5c (main), before any change for it.",
})

// TestShops14Queries holds the drugstore's set to its premises without running a
// search (heldOutShop.checkQueries), with at least 60 sentences, and holds that no
// text of it equals (normalised) a text of a held-out or unseen set (heldOutTexts, and
// the camera shop's, held out whole) or of another dev shop's file: a collision names
// only the line of drugstore.jsonl.
func TestShops14Queries(t *testing.T) {
	shops14.checkQueries(t)
	d, err := shops14.read()
	if err != nil {
		t.Fatal(err)
	}
	held := heldOutTexts(t)
	for _, f := range []string{filepath.Join(Shops6, "camera.jsonl"), filepath.Join(Shops8, "cycling.jsonl"), filepath.Join(Shops9, "toys.jsonl"),
		filepath.Join(Shops11, "outdoor.jsonl"), filepath.Join(Shops13, "family.jsonl")} {
		qs, err := ReadQueries(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			held[normText(q.Text)] = true
		}
	}
	sentences := 0
	for i, q := range d.qs {
		if held[normText(q.Text)] {
			t.Errorf("drugstore.jsonl line %d: the text is a held-out, unseen or other shop's text; replace it", i+1)
		}
		if q.Kind == "sentence" {
			sentences++
		}
	}
	if sentences < 60 {
		t.Errorf("%d sentences; want at least 60", sentences)
	}
}

// TestShops14Check scores catalog.Search and plain BM25 on the drugstore's check half,
// NDCG@10 per kind, with -shops14-check only (once, at the end of a change), held to
// shops14/baseline.tsv. It prints totals, never a query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops14Check -v ./internal/searcheval -shops14-check
func TestShops14Check(t *testing.T) { shops14.heldOut(t) }
