package searcheval

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
)

// The new user's shops (issue #13, newuser8): a music store's Shopify products export
// and a hardware store's Merchant Center XML feed, written by someone who never read
// the search code, imported through feed.Import as the import command does. Their
// queries were written from the products' data (shops/truth.tsv) before any search ran
// on them; a third of them, by a fixed rule (shopSplit), is held out in
// ShopsHeldOut, which nobody changing search reads or scores.
const (
	ShopsDev     = "shops"
	ShopsHeldOut = "shops-heldout-DO-NOT-TUNE"
)

// shopFeeds are the shops and their feed files in ShopsDev, in report order.
var shopFeeds = []struct{ name, file string }{
	{"music", "music.csv"},
	{"hardware", "hardware.xml"},
}

// shopSeen are the queries the new user searched and reported wrong before the set
// was written ("guitar tuner" showed guitars, …): seen, so shopSplit keeps them in
// the dev half whatever their hash.
var shopSeen = []string{"guitar tuner", "gig bag for acoustic", "picks", "something for my son who plays drums"}

// shopsFrozen are the SHA-256 of the shops' query and truth files as committed before
// any search ran on them: no query, intent or judgment changes once a result could
// have been seen (add queries in a new file, written the same way, rather).
var shopsFrozen = map[string]string{
	ShopsDev + "/music.jsonl":                "feabb11733b5480853e49de26c0dfe55a54b008fda871b8f0b13ff4ca292f125",
	ShopsDev + "/hardware.jsonl":             "11d108daa82953fffe8c1c653a8672b1ad01e017b866dd8e6e09c504d899b8cd",
	ShopsHeldOut + "/music.jsonl":            "f1410dde2c008c95841594bb2bd36b3d4be19971e9bf343bba3cf9503061184b",
	ShopsHeldOut + "/hardware.jsonl":         "20c7a529aa61c44f77e6883d251b26d4b15257b88adbd3cb4fb1c3392dd473dc",
	ShopsDev + "/truth.tsv":                  "bc320b09af1ca31fbb6c63521b03bd2439eb21fb5efd4f9c7237ab2ac6db6dc0",
	ShopsDev + "/music-accessories.jsonl":    "65511fb04889a726aeec144ecf32ab0c410a6e4f25fe815839635dcb69a0aa4c",
	ShopsDev + "/hardware-accessories.jsonl": "5d44c298b28023a2dfc2665f8c70a11d3197bf45960485a47de348bbcae9d4de",
}

var shopsScores = flag.String("shops-scores", "", "TestShopsSearch: write every dev query's NDCG@10 of Search to this file (shop, kind, text, score; TSV), to compare runs query by query")

var shopsHeldOutFlag = flag.Bool("shops-heldout", false, "TestShopsSearch: also score the new user's shops' held-out third (totals per kind only, never its results): for the lead, after a merge")

// shopType is one type of the shops' truth: the types a shopper would take for it
// (close, graded 2) and what it is an accessory for (a type or a family).
type shopType struct {
	close []string
	of    string
}

// shopFamilies are names an accessory may be for that cover several types ("guitar":
// picks fit every guitar).
var shopFamilies = map[string][]string{
	"guitar":        {"acoustic-guitar", "electric-guitar", "bass-guitar"},
	"drum-kit":      {"acoustic-drum-kit", "electronic-drum-kit"},
	"keyboard":      {"digital-piano", "portable-keyboard", "synthesizer"},
	"saw":           {"circular-saw", "table-saw", "jigsaw", "reciprocating-saw"},
	"cordless-tool": {"drill", "impact-driver", "circular-saw", "reciprocating-saw", "sander", "impact-wrench", "string-trimmer", "leaf-blower", "chainsaw", "nailer"},
}

// shopTypes are the close types of the shops' types (the accessory each product is
// for is in truth.tsv). A type absent here has no close type.
var shopTypes = map[string]shopType{
	"acoustic-guitar":          {close: []string{"electric-guitar"}},
	"electric-guitar":          {close: []string{"acoustic-guitar", "bass-guitar"}},
	"bass-guitar":              {close: []string{"electric-guitar"}},
	"electric-guitar-strings":  {close: []string{"acoustic-guitar-strings", "classical-guitar-strings"}},
	"acoustic-guitar-strings":  {close: []string{"electric-guitar-strings", "classical-guitar-strings"}},
	"classical-guitar-strings": {close: []string{"acoustic-guitar-strings"}},
	"bass-strings":             {close: []string{"electric-guitar-strings"}},
	"ukulele-strings":          {close: []string{"classical-guitar-strings"}},
	"digital-piano":            {close: []string{"portable-keyboard"}},
	"portable-keyboard":        {close: []string{"digital-piano", "synthesizer", "midi-controller"}},
	"synthesizer":              {close: []string{"portable-keyboard"}},
	"midi-controller":          {close: []string{"portable-keyboard"}},
	"guitar-amplifier":         {close: []string{"bass-amplifier", "keyboard-amplifier"}},
	"bass-amplifier":           {close: []string{"guitar-amplifier"}},
	"keyboard-amplifier":       {close: []string{"guitar-amplifier"}},
	"effects-pedal":            {close: []string{"multi-effect", "volume-pedal"}},
	"multi-effect":             {close: []string{"effects-pedal"}},
	"acoustic-drum-kit":        {close: []string{"electronic-drum-kit"}},
	"electronic-drum-kit":      {close: []string{"acoustic-drum-kit"}},
	"drumsticks":               {close: []string{"drum-brushes"}},
	"drum-brushes":             {close: []string{"drumsticks"}},
	"guitar-stand":             {close: []string{"wall-hanger"}},
	"wall-hanger":              {close: []string{"guitar-stand"}},
	"guitar-case":              {close: []string{"gig-bag"}},
	"gig-bag":                  {close: []string{"guitar-case"}},
	"metronome":                {close: []string{"tuner"}},
	"conga":                    {close: []string{"djembe", "cajon"}},
	"djembe":                   {close: []string{"conga", "cajon"}},
	"cajon":                    {close: []string{"conga", "djembe"}},
	"instrument-cable":         {close: []string{"microphone-cable"}},
	"microphone-cable":         {close: []string{"instrument-cable"}},
	"saxophone-reed":           {close: []string{"clarinet-reed"}},
	"clarinet-reed":            {close: []string{"saxophone-reed"}},
	"studio-headphone":         {},
	"drill":                    {close: []string{"impact-driver"}},
	"impact-driver":            {close: []string{"drill", "impact-wrench"}},
	"impact-wrench":            {close: []string{"impact-driver"}},
	"circular-saw":             {close: []string{"table-saw", "jigsaw", "reciprocating-saw"}},
	"table-saw":                {close: []string{"circular-saw"}},
	"jigsaw":                   {close: []string{"circular-saw", "reciprocating-saw"}},
	"reciprocating-saw":        {close: []string{"jigsaw", "circular-saw"}},
	"tape-measure":             {close: []string{"laser-measure"}},
	"laser-measure":            {close: []string{"tape-measure", "laser-level"}},
	"tool-box":                 {close: []string{"workbench"}},
	"workbench":                {close: []string{"tool-box"}},
	"tool-battery":             {close: []string{"battery-charger"}},
	"battery-charger":          {close: []string{"tool-battery"}},
	"multimeter":               {close: []string{"voltage-tester"}},
	"voltage-tester":           {close: []string{"multimeter"}},
	"drill-bits":               {close: []string{"driver-bits"}},
	"driver-bits":              {close: []string{"drill-bits"}},
	"tool-set":                 {close: []string{"wrench"}},
	"wrench":                   {close: []string{"tool-set"}},
}

// shopTruth is one line of truth.tsv: a product (a Shopify handle, whose variants
// share it, or a feed id), its type, what it is an accessory for and its model.
type shopTruth struct {
	typ, of, model string
	path           string // the feed's own finest category, when the catalog keeps a coarser one
	// color is the colour a product's title names when its variants vary only by size
	// (an optional eighth field); a variant's own colour option comes first.
	color string
	// fits are what an accessory is made for, "|" between them (an optional ninth
	// field: cameras, lenses, batteries, mounts, filter threads; Truth.Fits).
	fits []string
	// brand is the maker of a product whose feed names no brand (an optional
	// eleventh field, after the title: an Etsy listings export has no brand column,
	// so the handmade shop's truth names who made each listing); the feed's own
	// brand comes first.
	brand string
}

// readShopTruth reads the shops' truth.tsv: shop → product key → truth.
func readShopTruth() (map[string]map[string]shopTruth, error) { return readShopTruthIn(ShopsDev) }

// readShopTruthIn reads the truth.tsv of the directory set (ShopsDev, Shops3).
func readShopTruthIn(set string) (map[string]map[string]shopTruth, error) {
	f, err := os.Open(filepath.Join(dir, set, "truth.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]map[string]shopTruth{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 6 {
			return nil, fmt.Errorf("truth.tsv:%d: %d fields, want shop, key, type, accessory_of, model, path[, title]", n, len(fs))
		}
		if out[fs[0]] == nil {
			out[fs[0]] = map[string]shopTruth{}
		}
		tr := shopTruth{typ: fs[2], of: fs[3], model: fs[4], path: fs[5]}
		if len(fs) > 7 {
			tr.color = fs[7]
		}
		if len(fs) > 8 && fs[8] != "" {
			tr.fits = strings.Split(fs[8], "|")
		}
		if len(fs) > 10 {
			tr.brand = fs[10]
		}
		out[fs[0]][fs[1]] = tr
	}
	return out, sc.Err()
}

// shopItems parses a shop's feed as the import does and gives every product its truth:
// the type, accessory and model of truth.tsv for its group (a Shopify handle) or id,
// and its brand, category path, price, GTIN and stock as the feed says.
func shopItems(shop, file string, truth map[string]shopTruth) ([]catalog.Seller, []Item, error) {
	return shopItemsIn(ShopsDev, shop, file, truth)
}

// shopItemsIn is shopItems for the feed file of the directory set.
func shopItemsIn(set, shop, file string, truth map[string]shopTruth) ([]catalog.Seller, []Item, error) {
	f, err := os.Open(filepath.Join(dir, set, file))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var sellers []catalog.Seller
	var items []Item
	var missing []string
	err = feed.Parse(f, file, shopOptions(shop), func(_, _ int, s catalog.Seller, p catalog.Product) error {
		if !slices.ContainsFunc(sellers, func(x catalog.Seller) bool { return x.ID == s.ID }) {
			sellers = append(sellers, s)
		}
		key := p.GroupID
		if key == "" {
			key = p.ID
		}
		tr, ok := truth[key]
		if !ok {
			missing = append(missing, key)
			return nil
		}
		items = append(items, Item{Product: p, Truth: Truth{
			Path: cmp.Or(tr.path, p.Category), Type: tr.typ, AccessoryOf: tr.of, Brand: cmp.Or(p.Brand, tr.brand), Model: tr.model, GTIN: p.GTIN,
			Price: p.Price.Amount, InStock: p.Availability == catalog.InStock, Categorised: p.Category != "",
			Color: cmp.Or(p.Attributes["color"], tr.color), Size: variantSize(p.Attributes), Fits: tr.fits,
		}})
		return nil
	}, func(e feed.RowError) {
		if !e.Skipped && !e.Warning {
			err = fmt.Errorf("%s: %s", file, e.Reason)
		}
	})
	if err == nil && len(missing) > 0 {
		err = fmt.Errorf("%s: no truth for %s", file, strings.Join(missing, ", "))
	}
	return sellers, items, err
}

// variantSize is a variant's size as its options give it: the size, else its waist
// and length ("W32 L30" from Waist 32 and Length 30), as a shopper names them.
func variantSize(attrs map[string]string) string {
	if s := attrs["size"]; s != "" {
		return s
	}
	var parts []string
	for _, k := range []struct{ key, prefix string }{{"waist", "W"}, {"length", "L"}, {"leg", "L"}, {"inseam", "L"}} {
		if v := attrs[k.key]; v != "" {
			parts = append(parts, k.prefix+v)
		}
	}
	return strings.Join(parts, " ")
}

func shopOptions(shop string) feed.Options {
	return feed.Options{DefaultSeller: shop, Currency: cmp.Or(shopCurrency[shop], "USD")}
}

// shopCurrency is the currency of a shop whose export's bare prices are not in dollars,
// by shop.
var shopCurrency = map[string]string{"gardencentre": "GBP"}

// shopRelations are how the types of a shop's truth relate: close types, families
// (names an accessory may be for that cover several types) and what each accessory
// type is for.
type shopRelations struct {
	types       map[string]shopType
	families    map[string][]string
	accessoryOf map[string]string
}

// shopRels are the relations of the new user's shops (ShopsDev).
var shopRels = shopRelations{types: shopTypes, families: shopFamilies, accessoryOf: shopAccessoryOf}

// shopGrade judges a product for a query of the shops (ShopsDev) by shopRels.
func shopGrade(in Intent, t Truth) int { return shopRels.grade(in, t) }

// grade judges a product for a query of a shop: a category by the product's own
// path (every product under it 3: a shop's accessories are its own category), a brand
// alone by the product's brand (every product of it 3: a brand that makes only
// accessories, drumsticks, is the shop's brand all the same), the rest by Grade's rule
// with the shop's type relations.
func (r shopRelations) grade(in Intent, t Truth) int {
	switch {
	case in.Nothing:
		return Wrong
	case in.Category != "":
		if underPath(t.Path, in.Category) {
			return Exact
		}
		return Wrong
	case in.Brand != "" && len(in.Types) == 0 && in.Model == "" && in.GTIN == "":
		if t.Brand == in.Brand {
			return min(Exact, constraintCap(in, t))
		}
		return Wrong
	}
	return GradeBy(in, t, r.typeGrade)
}

// inFamily reports whether type typ is name or one of the types of the family name.
func (r shopRelations) inFamily(name, typ string) bool {
	return name == typ || slices.Contains(r.families[name], typ)
}

func (r shopRelations) typeGrade(want []string, t Truth) int {
	switch {
	case slices.Contains(want, t.Type):
		return Exact
	case slices.ContainsFunc(want, func(w string) bool { return slices.Contains(r.types[w].close, t.Type) }):
		return Close
	case t.AccessoryOf != "" && slices.ContainsFunc(want, func(w string) bool { return r.inFamily(t.AccessoryOf, w) }):
		return Related
	}
	// An accessory asked for: what it is for, and the other accessories for that, 1.
	for _, w := range want {
		of := r.accessoryOf[w]
		if of != "" && (r.inFamily(of, t.Type) || t.AccessoryOf == of) {
			return Related
		}
	}
	return Wrong
}

// shopAccessoryOf is what each accessory type of the shops is for, from truth.tsv.
var shopAccessoryOf = func() map[string]string {
	truth, err := readShopTruth()
	if err != nil {
		return map[string]string{}
	}
	return accessoryOfTruth(truth)
}()

// accessoryOfTruth is what each accessory type of a truth is for (the first product
// of the type, by key, says it).
func accessoryOfTruth(truth map[string]map[string]shopTruth) map[string]string {
	m := map[string]string{}
	for _, byKey := range truth {
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if tr := byKey[k]; tr.of != "" && m[tr.typ] == "" {
				m[tr.typ] = tr.of
			}
		}
	}
	return m
}

// shopQueries reads a shop's queries of the dev set (ShopsDev), with its further
// dev queries (shopMoreQueries), or of the held-out one.
func shopQueries(set, shop string) ([]Query, error) {
	qs, err := ReadQueries(filepath.Join(dir, set, shop+".jsonl"))
	if err != nil || set != ShopsDev {
		return qs, err
	}
	more, err := shopMoreQueries(shop)
	return append(qs, more...), err
}

// shopMoreQueries reads a shop's dev queries written after the split, all of them dev
// (none held out): shops/<shop>-accessories.jsonl, accessories asked for in more ways
// ("bits for my drill", "alto sax reeds", a brand, a size; acc2), their intents
// decided from the products' data (truth.tsv) before any search ran on them.
func shopMoreQueries(shop string) ([]Query, error) {
	return ReadQueries(filepath.Join(dir, ShopsDev, shop+"-accessories.jsonl"))
}

// judgeShop grades every product of items for qs by the shops' relations.
func judgeShop(name string, qs []Query, items []Item) (Half, error) {
	return judgeShopBy(name, qs, items, shopGrade)
}

// judgeShopBy grades every product of items for qs with grade.
func judgeShopBy(name string, qs []Query, items []Item, grade func(Intent, Truth) int) (Half, error) {
	h := Half{Name: name, Queries: qs, Grades: map[string]map[string]int{}}
	for _, q := range qs {
		if _, dup := h.Grades[q.ID]; dup {
			return h, fmt.Errorf("%s: query %q twice", name, q.Text)
		}
		g := map[string]int{}
		for _, it := range items {
			if v := grade(q.Intent, it.Truth); v > Wrong {
				g[it.Product.ID] = v
			}
		}
		h.Grades[q.ID] = g
	}
	return h, nil
}

var shopLoaded sync.Map // shop → *shopEnvOnce

type shopEnvOnce struct {
	once sync.Once
	env  *env
	err  error
}

// loadShopEnv imports a shop's feed into a catalog with feed.Import and the index
// merge the import command ends with, and its products into a plain BM25 table.
func loadShopEnv(t testing.TB, shop string) *env {
	t.Helper()
	v, _ := shopLoaded.LoadOrStore(shop, &shopEnvOnce{})
	o := v.(*shopEnvOnce)
	o.once.Do(func() { o.env, o.err = buildShopEnv(context.Background(), shop) })
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.env
}

func buildShopEnv(ctx context.Context, shop string) (*env, error) {
	truth, err := readShopTruth()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(shopFeeds, func(s struct{ name, file string }) bool { return s.name == shop })
	if i < 0 {
		return nil, fmt.Errorf("no shop %q", shop)
	}
	return buildShopEnvIn(ctx, ShopsDev, shop, shopFeeds[i].file, truth[shop])
}

// buildShopEnvIn builds the env of a shop whose feed is file in the directory set.
func buildShopEnvIn(ctx context.Context, set, shop, file string, truth map[string]shopTruth) (*env, error) {
	_, items, err := shopItemsIn(set, shop, file, truth)
	if err != nil {
		return nil, err
	}
	e := &env{items: items, byID: map[string]*Item{}}
	for i := range items {
		e.byID[items[i].Product.ID] = &items[i]
	}
	start := time.Now()
	if e.cat, err = catalog.Open(ctx, filepath.Join(tmpDir, "shop-"+shop+"-catalog.db")); err != nil {
		return nil, err
	}
	e.cat.SetFallbackBudget(time.Minute)
	if v, err := partialVocabulary(); err != nil {
		return nil, err
	} else if v != nil {
		e.cat.SetVocabulary(v)
	}
	reps, err := feed.Import(ctx, e.cat, []string{filepath.Join(dir, set, file)}, shopOptions(shop), nil)
	if err != nil {
		return nil, err
	}
	if reps[0].Err != nil || reps[0].Rejected > 0 {
		return nil, fmt.Errorf("import %s: %v, %d rows rejected", file, reps[0].Err, reps[0].Rejected)
	}
	if err := e.cat.OptimizeIndex(ctx); err != nil {
		return nil, err
	}
	if err := e.loadBM25(ctx, filepath.Join(tmpDir, "shop-"+shop+"-bm25.db"), items); err != nil {
		return nil, err
	}
	e.built = time.Since(start)
	shopEnvs.Store(shop, e)
	return e, nil
}

// shopEnvs are the shop catalogs loaded, for TestMain to close.
var shopEnvs sync.Map

// shopSplit is the fixed rule that put a third of the shops' queries in the held-out
// set: per shop and kind, the queries not seen before (shopSeen) in the order of the
// FNV-1a hash of their text (lower case), every third (the 3rd, 6th, …) held out.
func shopSplit(qs []Query) (dev, heldout []Query) {
	byKind := map[string][]Query{}
	for _, q := range qs {
		byKind[q.Kind] = append(byKind[q.Kind], q)
	}
	for _, k := range Kinds {
		kq := byKind[k]
		sort.SliceStable(kq, func(i, j int) bool {
			hi, hj := hash32(kq[i].Text), hash32(kq[j].Text)
			if hi != hj {
				return hi < hj
			}
			return kq[i].Text < kq[j].Text
		})
		n := 0
		for _, q := range kq {
			if slices.Contains(shopSeen, q.Text) {
				dev = append(dev, q)
				continue
			}
			if n%3 == 2 {
				heldout = append(heldout, q)
			} else {
				dev = append(dev, q)
			}
			n++
		}
	}
	return dev, heldout
}

// TestShopsQueries holds the shops' judged set to its premises, without running a
// search: every kind known, ids as QueryID gives them, every type of an intent one of
// the shop's types, an exact answer for every query that wants one (from the truth,
// never from a result), no nonsense with a type, and the halves as shopSplit puts the
// union of both (the held-out texts are compared, not printed).
func TestShopsQueries(t *testing.T) {
	for name, want := range shopsFrozen {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
			t.Errorf("%s changed after it was frozen (SHA-256 %s)", name, got)
		}
	}
	truth, err := readShopTruth()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range shopFeeds {
		types := map[string]bool{}
		for _, tr := range truth[s.name] {
			types[tr.typ] = true
		}
		_, items, err := shopItems(s.name, s.file, truth[s.name])
		if err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			t.Fatalf("%s: no product", s.name)
		}
		var all [][]Query
		for _, set := range []string{ShopsDev, ShopsHeldOut} {
			qs, err := shopQueries(set, s.name)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, qs)
			h, err := judgeShop(set+"/"+s.name, qs, items)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range qs {
				where := s.name
				if set == ShopsDev {
					where += " " + q.Text
				}
				if !slices.Contains(Kinds, q.Kind) {
					t.Errorf("%s: unknown kind %q", where, q.Kind)
				}
				if q.ID != QueryID(q.Kind, q.Text) {
					t.Errorf("%s: id %s, want %s", where, q.ID, QueryID(q.Kind, q.Text))
				}
				for _, ty := range q.Intent.Types {
					if !types[ty] {
						t.Errorf("%s: type %q is none of the shop's", where, ty)
					}
				}
				exact := slices.Contains(slices.Collect(mapValues(h.Grades[q.ID])), Exact)
				switch {
				case q.Intent.Nothing && (len(h.Grades[q.ID]) > 0 || q.Kind != "nonsense"):
					t.Errorf("%s: nonsense with an answer or of kind %s", where, q.Kind)
				case !q.Intent.Nothing && !exact:
					t.Errorf("%s: no product is an exact answer", where)
				}
			}
			total += len(qs)
		}
		// The further dev queries are no part of the split, and no text of them is
		// held out (only a colliding text is named).
		more, err := shopMoreQueries(s.name)
		if err != nil {
			t.Fatal(err)
		}
		if len(more) < 15 || slices.ContainsFunc(more, func(q Query) bool { return q.Kind != "accessory" }) {
			t.Errorf("%s: %d further dev queries, want at least 15, all accessories", s.name, len(more))
		}
		split := slices.DeleteFunc(slices.Clone(all[0]), func(q Query) bool {
			return slices.ContainsFunc(more, func(m Query) bool { return m.ID == q.ID })
		})
		for _, m := range more {
			if slices.ContainsFunc(all[1], func(q Query) bool { return strings.EqualFold(q.Text, m.Text) }) {
				t.Errorf("%s: %q of %s-accessories.jsonl is a held-out text", s.name, m.Text, s.name)
			}
		}
		dev, held := shopSplit(append(split, all[1]...))
		if !sameTexts(dev, split) || !sameTexts(held, all[1]) {
			t.Errorf("%s: the halves are not those shopSplit makes of their union", s.name)
		}
	}
	if total < 120 {
		t.Errorf("%d queries over the shops, want at least 120", total)
	}
}

func mapValues(m map[string]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func sameTexts(a, b []Query) bool {
	ta, tb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ta[i] = a[i].Text
	}
	for i := range b {
		tb[i] = b[i].Text
	}
	slices.Sort(ta)
	slices.Sort(tb)
	return slices.Equal(ta, tb)
}

// TestShopsSearch scores catalog.Search and plain BM25 on the new user's shops' dev
// queries, per shop and kind and over both shops, and fails when a kind of a shop falls
// more than tolerance below shops/baseline.tsv (-baseline writes it). -dump works on
// the dev queries. With -shops-heldout it also prints the held-out third's totals per
// kind (never its results) and holds them to their baseline rows.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShopsSearch -v ./internal/searcheval
func TestShopsSearch(t *testing.T) {
	if *writeBaseline && partial() {
		t.Fatal("-baseline needs the whole vocabulary; drop -no-needs and -no-groups")
	}
	basePath := filepath.Join(dir, ShopsDev, "baseline.tsv")
	base, err := ReadBaseline(basePath)
	if err != nil && !*writeBaseline {
		t.Fatalf("read the baseline: %v", err)
	}
	sets := []string{ShopsDev}
	if *shopsHeldOutFlag {
		sets = append(sets, ShopsHeldOut)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "# NDCG@10 of catalog.Search on the new user's shops (newuser8), which TestShopsSearch holds it to\n# (failing below a value minus %.2f). Written by:\n#   go test -tags sqlite_fts5 -run TestShopsSearch ./internal/searcheval -baseline [-shops-heldout]\n# First measured on the search of 5f8f18f, before any change for them: music dev 0.758 (BM25 0.600),\n# hardware dev 0.661 (BM25 0.618); sentences 0.279 and 0.000 (BM25 0.551 and 0.235).\n", tolerance)
	// Rows of a set not scored in this run are kept as they were.
	for key, kinds := range base {
		if !slices.ContainsFunc(sets, func(s string) bool { return strings.HasPrefix(key, s+"/") }) {
			for _, k := range append(slices.Clone(Kinds), "overall") {
				if v, ok := kinds[k]; ok {
					fmt.Fprintf(&out, "%s\t%s\t%.4f\n", key, k, v)
				}
			}
		}
	}
	ctx := context.Background()
	var perQuery strings.Builder
	for _, set := range sets {
		show := set == ShopsDev
		both, bothBM := kindScores{}, kindScores{}
		for _, s := range shopFeeds {
			e := loadShopEnv(t, s.name)
			qs, err := shopQueries(set, s.name)
			if err != nil {
				t.Fatal(err)
			}
			h, err := judgeShop(set+"/"+s.name, qs, e.items)
			if err != nil {
				t.Fatal(err)
			}
			search, bm := kindScores{}, kindScores{}
			for _, q := range qs {
				got, b := searchBoth(t, ctx, e, q)
				sc, bs := Score(q, h.Grades[q.ID], got), Score(q, h.Grades[q.ID], b)
				search[q.Kind] = append(search[q.Kind], sc)
				bm[q.Kind] = append(bm[q.Kind], bs)
				both[q.Kind] = append(both[q.Kind], sc)
				bothBM[q.Kind] = append(bothBM[q.Kind], bs)
				if show {
					fmt.Fprintf(&perQuery, "%s\t%s\t%s\t%.4f\n", s.name, q.Kind, q.Text, sc)
				}
				if show && (*dump == "all" || *dump == q.Kind || *dump == q.ID || *dump == s.name) {
					t.Log(e.dumpQuery(q, h.Grades[q.ID], got, b))
				}
			}
			shopTable(t, &out, base, set+"/"+s.name, fmt.Sprintf("%s shop, %s (%d products)", s.name, set, len(e.items)), search, bm)
		}
		shopTable(t, &out, base, set+"/both", "both shops, "+set, both, bothBM)
	}
	if *writeBaseline {
		if err := os.WriteFile(basePath, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *shopsScores != "" {
		if err := os.WriteFile(*shopsScores, []byte(perQuery.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shopTable logs Search's and BM25's NDCG@10 per kind of one shop and set, writes
// Search's to out as baseline rows under key, and checks them against base (none when
// base is nil).
func shopTable(t *testing.T, out *strings.Builder, base Baseline, key, label string, search, bm kindScores) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: NDCG@10 of Search and plain FTS5 BM25\n%-11s %3s %7s %7s %7s\n", label, "kind", "n", "Search", "BM25", "Δ")
	for _, k := range append(slices.Clone(Kinds), "overall") {
		s, bs, n := mean(search[k]), mean(bm[k]), len(search[k])
		if k == "overall" {
			s, bs = search.overall(), bm.overall()
			for _, xs := range search {
				n += len(xs)
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&b, "%-11s %3d %7.3f %7.3f %+7.3f\n", k, n, s, bs, s-bs)
		fmt.Fprintf(out, "%s\t%s\t%.4f\n", key, k, s)
		if *writeBaseline || partial() || base == nil {
			continue
		}
		if want, ok := base[key][k]; !ok {
			t.Errorf("%s %s: no baseline; run with -baseline", key, k)
		} else if s < want-tolerance {
			t.Errorf("%s %s: NDCG@10 %.4f is below the baseline %.4f (tolerance %.2f)", key, k, s, want, tolerance)
		}
	}
	t.Log("\n" + b.String())
}

// BenchmarkShopsSearch times the shops' dev queries through Search and plain BM25 on
// each shop's catalog, warm, and reports their ratio: what reading a small shop's
// queries costs beside its floor.
//
//	go test -tags sqlite_fts5 -run '^$' -bench ShopsSearch -count 5 ./internal/searcheval
func BenchmarkShopsSearch(b *testing.B) {
	ctx := context.Background()
	type shopQ struct {
		e    *env
		text string
	}
	var qs []shopQ
	for _, s := range shopFeeds {
		e := loadShopEnv(b, s.name)
		dev, err := shopQueries(ShopsDev, s.name)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range dev {
			qs = append(qs, shopQ{e, q.Text})
		}
	}
	var search, bm time.Duration
	for b.Loop() {
		for _, q := range qs {
			t0 := time.Now()
			if _, err := q.e.cat.Search(ctx, catalog.Query{Text: q.text, Limit: K, EveryVariant: true}); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := q.e.bm25Search(ctx, q.text); err != nil {
				b.Fatal(err)
			}
			search, bm = search+t1.Sub(t0), bm+time.Since(t1)
		}
	}
	n := float64(b.N * len(qs))
	b.ReportMetric(float64(search.Nanoseconds())/n, "search-ns/query")
	b.ReportMetric(float64(bm.Nanoseconds())/n, "bm25-ns/query")
	b.ReportMetric(float64(search)/float64(bm), "search/bm25")
}
