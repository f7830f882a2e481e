package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestAnyMatchFollowsIndexedText asks the full-text look-ups query understanding makes
// (anyMatch, through the learned view of a search's snapshot) before and after every
// kind of write of product text (wordWrites, a sale-free price and stock upsert among
// them, and products deleted by hand with SQL), and checks that each answer equals the
// index's own, read afresh; that the view keeps its answers exactly when no indexed
// text changed; and that words a write adds or removes change the answers and the
// alternatives expand gives a synonym group of the vocabulary.
func TestAnyMatchFollowsIndexedText(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	v, err := ParseVocabulary("pitcher, jug\nmug, beaker")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVocabulary(v)
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	exprs := []string{`"kettle"`, `"enamel"`, `"jug"`, `"pitcher" OR "jug"`, `{title} : ("steel" "kettle")`,
		`"wares"`, `"brewco"`, `"second"`, `"mug"`, `"ceram"*`, `{title brand category} : ("kettleby")`}
	// read asks every expression in a snapshot whose view is read, as a search does,
	// and returns the answers, how many answers the view held before and after, and
	// the alternatives expand gives "pitcher" and "mug".
	read := func() (got map[string]bool, before, after int, alts [][]string) {
		t.Helper()
		sctx, lv, end := viewInSnapshot(t, c)
		defer end()
		var err error
		held := func() int {
			lv.mu.Lock()
			defer lv.mu.Unlock()
			return len(lv.matched)
		}
		before = held()
		got = map[string]bool{}
		for _, e := range exprs {
			if got[e], err = c.anyMatch(sctx, e); err != nil {
				t.Fatal(err)
			}
		}
		for _, w := range []string{"pitcher", "mug"} {
			q, err := c.expand(sctx, lv, []string{w}, false)
			if err != nil {
				t.Fatal(err)
			}
			alts = append(alts, q.alts[0])
		}
		return got, before, held(), alts
	}
	fresh := func(e string) bool {
		t.Helper()
		var n int
		if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`, e).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	ps := wordProducts(60)
	steps := upsertSteps(ctx, c, sellers, &ps)
	steps = append(steps, textStep{"steel kettles deleted with SQL", func() error {
		_, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE rowid IN (SELECT rowid FROM product_text WHERE title LIKE 'Steel Kettle%')`)
		return err
	}, false})
	seen := map[string][]bool{} // every answer an expression had, in order
	var held int                // the answers the view held after the step before
	for _, st := range steps {
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, before, after, alts := read()
		if want := map[bool]int{true: held, false: 0}[st.keeps]; before != want {
			t.Errorf("%s: the view held %d answers before asking, want %d", st.name, before, want)
		}
		if after < len(exprs) {
			t.Errorf("%s: the view held %d answers after asking %d expressions", st.name, after, len(exprs))
		}
		held = after
		for _, e := range exprs {
			if want := fresh(e); got[e] != want {
				t.Errorf("%s: anyMatch(%s) = %v, the index says %v", st.name, e, got[e], want)
			}
			if l := seen[e]; len(l) == 0 || l[len(l)-1] != got[e] {
				seen[e] = append(seen[e], got[e])
			}
		}
		if want := fresh(`"jug"`); want != slices.Contains(alts[0], "jug") {
			t.Errorf("%s: pitcher's alternatives %q, the catalog has a jug: %v", st.name, alts[0], want)
		}
		if !slices.Contains(alts[1], "beaker") {
			t.Errorf("%s: mug's alternatives %q, want beaker (the catalog has mugs)", st.name, alts[1])
		}
	}
	// The writes add and take away words: the answers must have followed them.
	for _, e := range []string{`"enamel"`, `"jug"`, `"wares"`, `"second"`, `"kettle"`} {
		if len(seen[e]) < 2 {
			t.Errorf("anyMatch(%s) was %v after every write: the writes were to change it", e, seen[e])
		}
	}
}
