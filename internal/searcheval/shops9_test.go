package searcheval

import (
	"flag"
	"path/filepath"
	"testing"
)

// The toy shop (sent4): a toys, games and hobbies shop's Shopify product export
// (shops9/toys.csv, written by shops9/gen.py: 806 products in 833 rows; toys by age,
// board, card and party games with their expansions, jigsaw puzzles and their mats and
// glue, building sets and their lights and baseplates, model kits with their paints and
// tools, train sets and track, craft and art, dolls and their clothes and houses, remote
// control cars and their batteries, outdoor play; titled the ways such shops title them,
// the age in every shape or not at all: "LEGO City 60337 Express Passenger Train Set,
// Ages 7+", "Catan | Family Board Game | 3-4 Players", "Humbrol No. 53 Gunmetal Metallic
// Enamel Paint 14ml"; one product in six without a category, one in ten without a type),
// each product's type, what it is an accessory for, its model and what it fits (the
// ages it is for, "age 3" ... "adult", and what an accessory is made for: truth.tsv), and
// 200 queries (toys.jsonl, written by queries.py): 110 sentences of every shape people
// write to an assistant and 10 of each other kind, committed before any search ran on
// them. It is a dev shop written to show the sentence loss on a shop nobody had tuned
// on: its queries are split by freshHalves, the tune half a dev set (TestShopsTune,
// TestCrossSet), the check half read once at the end of a change with -shops9-check.
const Shops9 = "shops9"

var shops9CheckFlag = flag.Bool("shops9-check", false, "TestShops9Check: score the toy shop's check half (NDCG@10 per kind beside BM25, never its results): once, at the end of a change")

// shops9Types are the close types of the toy shop's types (graded 2).
var shops9Types = map[string]shopType{
	"board-game":     {close: []string{"party-game", "card-game"}},
	"card-game":      {close: []string{"board-game", "party-game"}},
	"party-game":     {close: []string{"board-game", "card-game"}},
	"jigsaw-puzzle":  {close: []string{"brain-teaser"}},
	"brain-teaser":   {close: []string{"jigsaw-puzzle"}},
	"ride-on":        {close: []string{"scooter"}},
	"scooter":        {close: []string{"ride-on"}},
	"action-figure":  {close: []string{"animal-figure"}},
	"animal-figure":  {close: []string{"action-figure"}},
	"craft-kit":      {close: []string{"art-set"}},
	"art-set":        {close: []string{"craft-kit", "colouring-book"}},
	"colouring-book": {close: []string{"art-set"}},
	"play-kitchen":   {close: []string{"pretend-play"}},
	"pretend-play":   {close: []string{"play-kitchen"}},
	"sand-toys":      {close: []string{"water-toys"}},
	"water-toys":     {close: []string{"sand-toys"}},
	"rc-car":         {close: []string{"drone", "toy-car"}},
	"drone":          {close: []string{"rc-car"}},
	"toy-car":        {close: []string{"car-playset"}},
	"car-playset":    {close: []string{"toy-car"}},
	"baby-toy":       {close: []string{"bath-toy"}},
	"bath-toy":       {close: []string{"baby-toy"}},
	"building-set":   {close: []string{"marble-run"}},
	"marble-run":     {close: []string{"building-set"}},
	"trampoline":     {close: []string{"swing-set"}},
	"swing-set":      {close: []string{"trampoline"}},
	"model-paint":    {close: []string{"model-tool"}},
	"model-tool":     {close: []string{"model-paint"}},
}

// shops9 is the toy shop's set; its files' SHA-256 are as committed before any search
// ran on them.
var shops9 = newHeldOutShop(&heldOutShop{
	set: Shops9, shop: "toys", feed: "toys.csv", queries: "toys.jsonl",
	label: "toy shop (Shopify, %d products)",
	frozen: map[string]string{
		"toys.csv":   "e65a7cc25d938cc74d4b2d0e7c28c3cf7fa70b0e6eae7dda80099e5e5e3c57f7",
		"truth.tsv":  "498b1b96c2784e3007ad263758b042e27ea5e018363e9603dc06683517f9e2be",
		"toys.jsonl": "746a9255115901b4345249ba031fcaf58d2560c9690cbc9fbd0d2cc8714e2533",
	},
	types: shops9Types, families: map[string][]string{}, flag: shops9CheckFlag, flagName: "shops9-check",
	split: true,
	first: "First measured on the search of 7ab60dd (main), before any change for it: overall 0.551 (BM25 0.464),\n# sentence 0.313 (BM25 0.335).",
})

// TestShops9Queries holds the toy shop's set to its premises without running a search
// (heldOutShop.checkQueries), with at least 100 sentences, and holds that no text of it
// equals (normalised) a text of a held-out or unseen set (heldOutTexts, and the camera
// shop's, held out whole) or of the cycling shop's file: a collision names only the
// line of toys.jsonl.
func TestShops9Queries(t *testing.T) {
	shops9.checkQueries(t)
	d, err := shops9.read()
	if err != nil {
		t.Fatal(err)
	}
	held := heldOutTexts(t)
	for _, f := range []string{filepath.Join(Shops6, "camera.jsonl"), filepath.Join(Shops8, "cycling.jsonl")} {
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
			t.Errorf("toys.jsonl line %d: the text is a held-out, unseen or other shop's text; replace it", i+1)
		}
		if q.Kind == "sentence" {
			sentences++
		}
	}
	if sentences < 100 {
		t.Errorf("%d sentences, want at least 100", sentences)
	}
}

// TestShops9Check scores catalog.Search and plain BM25 on the toy shop's check half,
// NDCG@10 per kind, with -shops9-check only (once, at the end of a change), held to
// shops9/baseline.tsv. It prints totals, never a query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops9Check -v ./internal/searcheval -shops9-check
func TestShops9Check(t *testing.T) { shops9.heldOut(t) }
