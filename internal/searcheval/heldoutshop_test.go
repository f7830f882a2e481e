package searcheval

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// heldOutShop is a new user's shop whose judged set was all held out (shops3/,
// shops4/): a shop export written by someone who had not read the search code, a
// truth.tsv written from the same tables, and queries whose intents were decided from
// that data before any search ran on them. Since acc3 its queries are in two halves
// (halves): the tune half is a dev set (TestShopsTune), the check half stays held
// out. Its Queries test checks the files without searching; only its flag scores the
// check half, totals per kind beside BM25, never a query's results.
type heldOutShop struct {
	set, shop     string // directory under testdata/searcheval, shop name in truth.tsv (and seller)
	feed, queries string // file names in set
	label         string // the score table's label, with %d for the catalog's products
	// frozen are the SHA-256 of the set's files as committed before any search ran on
	// them: no query, intent or judgment changes once a result could have been seen.
	frozen   map[string]string
	types    map[string]shopType // close types (graded 2)
	families map[string][]string // names an accessory may be for that cover several types
	flag     *bool
	flagName string
	// first says what the tune half scored when first measured, before any change
	// for it (a comment of tune-baseline.tsv).
	first string
	// split means the queries are in a tune and a check half (the pet and kitchen
	// shops since acc3); a shop without it is held out whole, every query scored by
	// its flag alone (the clothing shop, shops5).
	split bool

	read   func() (heldOutData, error)
	loaded struct {
		once sync.Once
		env  *env
		err  error
	}
}

type heldOutData struct {
	truth map[string]shopTruth
	rels  shopRelations
	items []Item
	qs    []Query
}

// newHeldOutShop fills s.read: the shop's truth, feed (as the import parses it) and
// queries, read once.
func newHeldOutShop(s *heldOutShop) *heldOutShop {
	s.read = sync.OnceValues(func() (heldOutData, error) {
		var d heldOutData
		truth, err := readShopTruthIn(s.set)
		if err != nil {
			return d, err
		}
		d.truth = truth[s.shop]
		d.rels = shopRelations{types: s.types, families: s.families, accessoryOf: accessoryOfTruth(truth)}
		if _, d.items, err = shopItemsIn(s.set, s.shop, s.feed, d.truth); err != nil {
			return d, err
		}
		d.qs, err = ReadQueries(filepath.Join(dir, s.set, s.queries))
		return d, err
	})
	return s
}

// env imports the shop's feed as the import command does (and into a plain BM25
// table), once per test binary.
func (s *heldOutShop) env(t *testing.T, d heldOutData) *env {
	t.Helper()
	s.loaded.once.Do(func() {
		s.loaded.env, s.loaded.err = buildShopEnvIn(context.Background(), s.set, s.shop, s.feed, d.truth)
	})
	if s.loaded.err != nil {
		t.Fatal(s.loaded.err)
	}
	return s.loaded.env
}

// checkQueries holds the shop's held-out set to its premises without running a
// search: the files as frozen, every product of the feed with a truth, at least 150
// queries and 10 of each kind, ids as QueryID gives them, every type and brand of an
// intent the shop's, an exact answer for every query that wants one (from the truth,
// never from a result), none for nonsense, and every product judged found by its id in
// the catalog the import makes. Failures name query ids, not texts.
func (s *heldOutShop) checkQueries(t *testing.T) {
	for name, want := range s.frozen {
		b, err := os.ReadFile(filepath.Join(dir, s.set, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
			t.Errorf("%s changed after it was frozen (SHA-256 %s)", name, got)
		}
	}
	d, err := s.read()
	if err != nil {
		t.Fatal(err)
	}
	types, brands := map[string]bool{}, map[string]bool{}
	for _, tr := range d.truth {
		types[tr.typ] = true
	}
	for _, it := range d.items {
		brands[it.Truth.Brand] = true
	}
	for ty, st := range s.types {
		for _, c := range append([]string{ty}, st.close...) {
			if !types[c] {
				t.Errorf("the close types name %q, none of the shop's types", c)
			}
		}
	}
	if len(d.qs) < 150 {
		t.Errorf("%d queries, want at least 150", len(d.qs))
	}
	perKind := map[string]int{}
	for _, q := range d.qs {
		perKind[q.Kind]++
	}
	for _, k := range Kinds {
		if perKind[k] < 10 {
			t.Errorf("%d queries of kind %s, want at least 10", perKind[k], k)
		}
	}
	h, err := judgeShopBy(s.set, d.qs, d.items, d.rels.grade)
	if err != nil {
		t.Fatal(err)
	}
	judged := map[string]bool{}
	for _, q := range d.qs {
		if !slices.Contains(Kinds, q.Kind) {
			t.Errorf("%s: unknown kind %q", q.ID, q.Kind)
		}
		if q.ID != QueryID(q.Kind, q.Text) {
			t.Errorf("%s: the id QueryID gives is %s", q.ID, QueryID(q.Kind, q.Text))
		}
		for _, ty := range q.Intent.Types {
			if !types[ty] {
				t.Errorf("%s: type %q is none of the shop's", q.ID, ty)
			}
		}
		for _, b := range []string{q.Intent.Brand, q.Intent.ForBrand} {
			if b != "" && !brands[b] {
				t.Errorf("%s: brand %q is none of the shop's", q.ID, b)
			}
		}
		exact := false
		for id, g := range h.Grades[q.ID] {
			judged[id] = true
			exact = exact || g == Exact
		}
		switch {
		case q.Intent.Nothing && (len(h.Grades[q.ID]) > 0 || q.Kind != "nonsense"):
			t.Errorf("%s: nonsense with an answer or of kind %s", q.ID, q.Kind)
		case !q.Intent.Nothing && !exact:
			t.Errorf("%s: no product is an exact answer", q.ID)
		}
	}
	e := s.env(t, d)
	if len(e.items) != len(d.items) {
		t.Errorf("the catalog has %d products of the feed, the parse %d", len(e.items), len(d.items))
	}
	ctx := context.Background()
	for id := range judged {
		if _, err := e.cat.Product(ctx, id); err != nil {
			t.Errorf("judged product %s: %v", id, err)
		}
	}
}

// halves splits the shop's queries by freshHalves (each kind's texts in FNV-1a
// order, alternately): the tune half is a dev set, read, searched and tuned on
// (TestShopsTune, -dump, TestCrossSet); the check half stays held out, scored only by
// the shop's flag (heldOut). The split depends on the frozen texts alone.
func (s *heldOutShop) halves(qs []Query) (tune, check []Query) {
	half := freshHalves(qs)
	for _, q := range qs {
		if half[q.Text] == "tune" {
			tune = append(tune, q)
		} else {
			check = append(check, q)
		}
	}
	return tune, check
}

// heldOut scores catalog.Search and plain BM25 on the shop's check half (halves),
// NDCG@10 per kind, only with the shop's flag (for the lead, once, after a merge), and
// holds it to its rows of the set's baseline.tsv (heldOutTable; -baseline writes
// them). It prints totals, never a query's results.
func (s *heldOutShop) heldOut(t *testing.T) {
	if !*s.flag {
		t.Skipf("the %s set's check half is held out: -%s scores it (for the lead, after a merge)", s.set, s.flagName)
	}
	d, err := s.read()
	if err != nil {
		t.Fatal(err)
	}
	e := s.env(t, d)
	scored, key, label := d.qs, s.shop, fmt.Sprintf(s.label, len(e.items))
	if s.split {
		_, scored = s.halves(d.qs)
		key, label = s.shop+"/check", label+", check half"
	}
	h, err := judgeShopBy(s.set, scored, e.items, d.rels.grade)
	if err != nil {
		t.Fatal(err)
	}
	search, bm := scoreBoth(t, e, scored, h.Grades)
	heldOutTable(t, s.set, key, label, s.split, search, bm)
}

// tuneHalf returns the shop's catalog and its tune half, judged: a dev set.
func (s *heldOutShop) tuneHalf(t *testing.T) (*env, Half) {
	t.Helper()
	d, err := s.read()
	if err != nil {
		t.Fatal(err)
	}
	e := s.env(t, d)
	tune, _ := s.halves(d.qs)
	h, err := judgeShopBy(s.set+"/tune", tune, e.items, d.rels.grade)
	if err != nil {
		t.Fatal(err)
	}
	return e, h
}

// tune scores catalog.Search and plain BM25 on the shop's tune half, NDCG@10 per
// kind, and holds it to the set's tune-baseline.tsv (-baseline writes it); -dump
// shows its queries' results (all, a kind, a query id or the set's name).
func (s *heldOutShop) tune(t *testing.T) {
	if *writeBaseline && partial() {
		t.Fatal("-baseline needs the whole vocabulary; drop -no-needs and -no-groups")
	}
	path := filepath.Join(dir, s.set, "tune-baseline.tsv")
	base, err := ReadBaseline(path)
	if err != nil && !*writeBaseline {
		t.Fatalf("read the baseline: %v (-baseline writes it)", err)
	}
	e, h := s.tuneHalf(t)
	ctx := context.Background()
	search, bm := kindScores{}, kindScores{}
	for _, q := range h.Queries {
		got, b := searchBoth(t, ctx, e, q)
		search[q.Kind] = append(search[q.Kind], Score(q, h.Grades[q.ID], got))
		bm[q.Kind] = append(bm[q.Kind], Score(q, h.Grades[q.ID], b))
		if *dump == "all" || *dump == q.Kind || *dump == q.ID || *dump == s.set {
			t.Log(e.dumpQuery(q, h.Grades[q.ID], got, b))
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "# NDCG@10 of catalog.Search on the tune half of %s (a dev set: halves by freshHalves), which\n# TestShopsTune holds it to (failing below a value minus %.2f). Written by:\n#   go test -tags sqlite_fts5 -run TestShopsTune ./internal/searcheval -baseline\n", s.set, tolerance)
	if s.first != "" {
		fmt.Fprintf(&out, "# %s\n", s.first)
	}
	label := strings.Replace(s.label, "held out", "tune half (dev)", 1)
	shopTable(t, &out, base, s.set+"/"+s.shop+"/tune", fmt.Sprintf(label, len(e.items)), search, bm)
	if *writeBaseline {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// heldOutTable prints a held-out shop's NDCG@10 per kind beside plain BM25 (shopTable)
// and holds each kind to its row (set/key) in the set's own baseline.tsv, which -baseline writes:
// a held-out set is scored only by the lead after a merge, so a merge that lowers it
// fails there rather than going unseen.
func heldOutTable(t *testing.T, set, key, label string, split bool, search, bm kindScores) {
	t.Helper()
	path := filepath.Join(dir, set, "baseline.tsv")
	base, err := ReadBaseline(path)
	if err != nil && !*writeBaseline {
		t.Fatalf("read the baseline: %v (a first run writes it with -baseline)", err)
	}
	var out strings.Builder
	if split {
		fmt.Fprintf(&out, "# NDCG@10 of catalog.Search on the held-out check half of %s (halves by freshHalves; the\n# tune half is a dev set, tune-baseline.tsv), which its test holds it to (failing below a value\n# minus %.2f), written after a merge by the lead with -baseline and the flag that scores it\n# (-%s-heldout).\n", set, tolerance, set)
	} else {
		fmt.Fprintf(&out, "# NDCG@10 of catalog.Search on the held-out set %s (held out whole), which its test holds it\n# to (failing below a value minus %.2f), written after a merge by the lead with -baseline and\n# the flag that scores it (-%s-heldout).\n", set, tolerance, set)
	}
	shopTable(t, &out, base, set+"/"+key, label, search, bm)
	if *writeBaseline {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// heldOutShops are the shops whose queries are split into a tune and a check half,
// by set.
var heldOutShops = map[string]*heldOutShop{Shops3: shops3, Shops4: shops4, Shops8: shops8, Shops9: shops9, Shops11: shops11, Shops13: shops13, Shops14: shops14}

// TestShopsTune scores catalog.Search and plain BM25 on the tune halves of the pet
// shop (shops3) and the kitchen shop (shops4), NDCG@10 per kind side by side, and
// fails when a kind falls more than tolerance below the set's tune-baseline.tsv
// (-baseline writes it). -dump works on them (all, a kind, a query id, or shops3 or
// shops4 for every query of one); their check halves are never scored here.
//
//	go test -tags sqlite_fts5 -count=1 -run TestShopsTune -v ./internal/searcheval
func TestShopsTune(t *testing.T) {
	for _, set := range []string{Shops3, Shops4, Shops8, Shops9, Shops11, Shops13, Shops14} {
		t.Run(set, func(t *testing.T) { heldOutShops[set].tune(t) })
	}
}

// TestShopsTuneHalves holds the halves of the pet and kitchen shops' queries: every
// query in exactly one half, the two covering the file, each kind split evenly (one
// more in tune when odd), and the same split whatever the order of the file. It
// counts; it names no query of the check half.
func TestShopsTuneHalves(t *testing.T) {
	if shops5.split || heldOutShops[Shops5] != nil {
		t.Error("the clothing shop (shops5) is held out whole: no tune half")
	}
	for _, set := range []string{Shops3, Shops4, Shops8, Shops9, Shops11, Shops13, Shops14} {
		t.Run(set, func(t *testing.T) {
			s := heldOutShops[set]
			if !s.split {
				t.Fatalf("%s has a tune half but is not marked split: its flag would score every query", set)
			}
			d, err := s.read()
			if err != nil {
				t.Fatal(err)
			}
			tune, check := s.halves(d.qs)
			checkHalves(t, d.qs, tune, check)
			rev := slices.Clone(d.qs)
			slices.Reverse(rev)
			if t2, c2 := s.halves(rev); !sameTexts(t2, tune) || !sameTexts(c2, check) {
				t.Error("the split depends on the order of the file")
			}
		})
	}
}

// checkHalves holds tune and check to be a split of qs: disjoint (by kind and text), covering qs,
// and balanced per kind (tune has as many as check, or one more). It names no query.
func checkHalves(t *testing.T, qs, tune, check []Query) {
	t.Helper()
	key := func(q Query) string { return q.Kind + "\x00" + q.Text }
	in := map[string]int{}
	for _, q := range tune {
		in[key(q)]++
	}
	for _, q := range check {
		in[key(q)] += 2
	}
	n := map[string]map[string]int{}
	for _, q := range qs {
		if n[q.Kind] == nil {
			n[q.Kind] = map[string]int{}
		}
		switch in[key(q)] {
		case 1:
			n[q.Kind]["tune"]++
		case 2:
			n[q.Kind]["check"]++
		default:
			n[q.Kind]["not in one half"]++
		}
	}
	if len(tune)+len(check) != len(qs) || len(in) != len(qs) {
		t.Errorf("%d tune and %d check queries (%d texts) of %d", len(tune), len(check), len(in), len(qs))
	}
	for k, c := range n {
		if c["not in one half"] != 0 || c["tune"]-c["check"] < 0 || c["tune"]-c["check"] > 1 {
			t.Errorf("%s: split %v, want tune and check within one", k, c)
		}
	}
}
