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

// heldOutShop is a new user's shop whose judged set is all held out (shops3/,
// shops4/): a shop export written by someone who had not read the search code, a
// truth.tsv written from the same tables, and queries whose intents were decided from
// that data before any search ran on them. Its Queries test checks the files without
// searching; only its flag scores them, totals per kind beside BM25, never a query's
// results.
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

// heldOut scores catalog.Search and plain BM25 on the shop's held-out set, NDCG@10
// per kind, only with the shop's flag (for the lead, once, after a merge), and holds
// it to the set's baseline.tsv (heldOutTable; -baseline writes it). It prints totals,
// never a query's results.
func (s *heldOutShop) heldOut(t *testing.T) {
	if !*s.flag {
		t.Skipf("the %s set is held out: -%s scores it (for the lead, after a merge)", s.set, s.flagName)
	}
	d, err := s.read()
	if err != nil {
		t.Fatal(err)
	}
	e := s.env(t, d)
	h, err := judgeShopBy(s.set, d.qs, e.items, d.rels.grade)
	if err != nil {
		t.Fatal(err)
	}
	search, bm := scoreBoth(t, e, d.qs, h.Grades)
	heldOutTable(t, s.set, s.shop, fmt.Sprintf(s.label, len(e.items)), search, bm)
}

// heldOutTable prints a held-out shop's NDCG@10 per kind beside plain BM25 (shopTable)
// and holds each kind to its row in the set's own baseline.tsv, which -baseline writes:
// a held-out set is scored only by the lead after a merge, so a merge that lowers it
// fails there rather than going unseen.
func heldOutTable(t *testing.T, set, shop, label string, search, bm kindScores) {
	t.Helper()
	path := filepath.Join(dir, set, "baseline.tsv")
	base, err := ReadBaseline(path)
	if err != nil && !*writeBaseline {
		t.Fatalf("read the baseline: %v (a first run writes it with -baseline)", err)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "# NDCG@10 of catalog.Search on the held-out set %s, which its test holds it to\n# (failing below a value minus %.2f), written after a merge by the lead\n# with -baseline and the flag that scores it (-%s-heldout).\n", set, tolerance, set)
	shopTable(t, &out, base, set+"/"+shop, label, search, bm)
	if *writeBaseline {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
