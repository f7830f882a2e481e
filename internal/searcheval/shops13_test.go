package searcheval

import (
	"flag"
	"path/filepath"
	"testing"
)

// The family clothing shop (sent7): a US family clothing and footwear shop's Shopify
// product export (shops13/family.csv, written by shops13/gen.py: 788 products in 7,593
// variant rows; coats, rain jackets, fleeces, sweaters, hoodies, tees, dresses, leggings,
// jeans, pajamas and robes, school uniform, activewear and swimwear, baby bodysuits,
// snowsuits and sleep sacks; running, work, dress, winter, rain and hiking footwear,
// sneakers, slippers, sandals and first walkers; hats, gloves, scarves, socks, belts,
// wallets and bags; shoe care; coats and sweaters for dogs), for women, men, girls,
// boys, kids, toddlers and babies: titles say whom a product is for ("Women's", "Mens",
// "Girls'", "Kids", "Baby") about three times in four, and half the products carry
// Google Shopping's gender and age group columns; one product in six has no Type, one in
// seven no Product Category. Each product's type, what it is an accessory for, its style
// code and whom it is for (fits: women, men, girls, boys, kids, baby, dog) are in
// truth.tsv; 156 queries (family.jsonl, written by queries.py): 66 sentences of a
// shopper buying for someone or for a need ("something warm for my daughter to wear to
// school", "shoes i can stand in all day at work"), graded by type and, where the
// sentence names the person, by whom the product is for (Intent.Fits: another person's
// product caps at 2), and 10 of each other kind, committed before any search ran on
// them. A dev shop written, while the clothing shop (shops5) is held out whole, to show
// the sentence loss on an apparel catalog: its queries are split by freshHalves, the
// tune half a dev set (TestShopsTune, TestCrossSet), the check half read once at the
// end of a change with -shops13-check.
const Shops13 = "shops13"

var shops13CheckFlag = flag.Bool("shops13-check", false, "TestShops13Check: score the family clothing shop's check half (NDCG@10 per kind beside BM25, never its results): once, at the end of a change")

// shops13Types are the close types of the family clothing shop's types (graded 2).
var shops13Types = map[string]shopType{
	"winter-coat":    {close: []string{"rain-jacket", "snowsuit"}},
	"rain-jacket":    {close: []string{"winter-coat"}},
	"fleece-jacket":  {close: []string{"hoodie", "sweater"}},
	"sweater":        {close: []string{"fleece-jacket", "hoodie"}},
	"hoodie":         {close: []string{"sweater", "fleece-jacket"}},
	"running-shoes":  {close: []string{"sneakers"}},
	"sneakers":       {close: []string{"running-shoes"}},
	"work-shoes":     {close: []string{"sneakers"}},
	"snow-boots":     {close: []string{"hiking-boots", "rain-boots"}},
	"rain-boots":     {close: []string{"snow-boots"}},
	"hiking-boots":   {close: []string{"snow-boots"}},
	"heels":          {close: []string{"flats"}},
	"flats":          {close: []string{"heels"}},
	"pajamas":        {close: []string{"robe", "sleep-sack"}},
	"robe":           {close: []string{"pajamas"}},
	"sleep-sack":     {close: []string{"pajamas"}},
	"school-polo":    {close: []string{"t-shirt"}},
	"school-pants":   {close: []string{"jeans"}},
	"jumper-dress":   {close: []string{"dress"}},
	"dress":          {close: []string{"jumper-dress"}},
	"swimsuit":       {close: []string{"swim-trunks"}},
	"swim-trunks":    {close: []string{"swimsuit"}},
	"running-shorts": {close: []string{"running-tights"}},
	"running-tights": {close: []string{"leggings", "running-shorts"}},
	"leggings":       {close: []string{"running-tights"}},
	"beanie":         {close: []string{"sun-hat"}},
	"sun-hat":        {close: []string{"beanie"}},
	"snowsuit":       {close: []string{"winter-coat"}},
	"backpack":       {close: []string{"tote-bag"}},
	"tote-bag":       {close: []string{"backpack"}},
	"dog-coat":       {close: []string{"dog-sweater"}},
	"dog-sweater":    {close: []string{"dog-coat"}},
}

// shops13 is the family clothing shop's set; its files' SHA-256 are as committed before
// any search ran on them.
var shops13 = newHeldOutShop(&heldOutShop{
	set: Shops13, shop: "family", feed: "family.csv", queries: "family.jsonl",
	label: "family clothing shop (Shopify, %d products)",
	frozen: map[string]string{
		"family.csv":   "762a3e4174ee1c6613be460504cfb5528466db53054782f26271a187559cd02b",
		"truth.tsv":    "085ffad0c7485178afd8b4948229099ff1d9015ff2e5411bc7ad2b6164317224",
		"family.jsonl": "92a1316887bd143821c12529a739e5edd77a6517ef1cc00339463d9345848e74",
	},
	types: shops13Types, families: map[string][]string{}, flag: shops13CheckFlag, flagName: "shops13-check",
	split: true,
	first: "First measured on the search of 97fa68e (main), before any change for it.",
})

// TestShops13Queries holds the family clothing shop's set to its premises without
// running a search (heldOutShop.checkQueries), with at least 60 sentences, at least 30 of
// them naming whom the thing is for (Intent.Fits), and holds that no text of it equals
// (normalised) a text of a held-out or unseen set (heldOutTexts, and the camera shop's,
// held out whole) or of another dev shop's file: a collision names only the line of
// family.jsonl.
func TestShops13Queries(t *testing.T) {
	shops13.checkQueries(t)
	d, err := shops13.read()
	if err != nil {
		t.Fatal(err)
	}
	held := heldOutTexts(t)
	for _, f := range []string{filepath.Join(Shops6, "camera.jsonl"), filepath.Join(Shops8, "cycling.jsonl"), filepath.Join(Shops9, "toys.jsonl"), filepath.Join(Shops11, "outdoor.jsonl")} {
		qs, err := ReadQueries(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			held[normText(q.Text)] = true
		}
	}
	sentences, people := 0, 0
	for i, q := range d.qs {
		if held[normText(q.Text)] {
			t.Errorf("family.jsonl line %d: the text is a held-out, unseen or other shop's text; replace it", i+1)
		}
		if q.Kind == "sentence" {
			sentences++
			if q.Intent.Fits != "" {
				people++
			}
		}
	}
	if sentences < 60 || people < 30 {
		t.Errorf("%d sentences, %d of them naming whom for; want at least 60 and 30", sentences, people)
	}
}

// TestShops13Check scores catalog.Search and plain BM25 on the family clothing shop's
// check half, NDCG@10 per kind, with -shops13-check only (once, at the end of a change),
// held to shops13/baseline.tsv. It prints totals, never a query's results.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShops13Check -v ./internal/searcheval -shops13-check
func TestShops13Check(t *testing.T) { shops13.heldOut(t) }
