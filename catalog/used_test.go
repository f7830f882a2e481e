package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// usedWhole is what used estimates, read whole: every product that has w is counted
// and looked up for its head. It is the reference a cheaper reading of a word's
// spread is held to (see VoteAgreement).
func usedWhole(ctx context.Context, c *Catalog, w string) (wordUse, error) {
	var b strings.Builder
	quoteTerm(&b, w)
	rows, err := c.query(ctx, `SELECT coalesce(r.head, ''), count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?) m
		LEFT JOIN product_rank r ON r.rowid = m.rowid GROUP BY 1`, b.String())
	if err != nil {
		return wordUse{}, err
	}
	defer rows.Close()
	var u wordUse
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return u, err
		}
		u.matched += hc.products
		if hc.head != "" {
			u.heads = append(u.heads, hc)
		}
	}
	return u, rows.Err()
}

// VoteAgreement is how often the type a word alone votes for (voteTypes' first, or
// none) is the same when its spread is read by used as when it is read whole.
type VoteAgreement struct {
	Words    int      // words compared: the index's terms of 3 letters or more in 2 products or more
	Voting   int      // of those, the words for which the whole read votes for a type
	Differ   int      // words whose type differs from the whole read's
	Sampled  int      // words in more than maxUseRows products, which used samples
	Examples []string // some of the words that differ: "word (products): whole → used"
}

// VoteAgreement compares, for every term of the index in at least two products (but
// numbers), the type the term alone votes for with its spread read by used against
// its spread read whole (usedWhole): how far used's sample moves the vote.
func (c *Catalog) VoteAgreement(ctx context.Context) (VoteAgreement, error) {
	var a VoteAgreement
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		return a, err
	}
	defer end()
	base, err := c.learnedView(ctx)
	if err != nil {
		return a, err
	}
	rows, err := c.query(ctx, `SELECT term FROM index_words WHERE docs >= 2 AND length(term) >= 3 ORDER BY term`)
	if err != nil {
		return a, err
	}
	var words []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			rows.Close()
			return a, err
		}
		if !isNumber(w) {
			words = append(words, w)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return a, err
	}
	view := func() *learnedView {
		return newLearnedView(base.version, base.indexed, base.types)
	}
	whole, read := view(), view()
	vote := func(lv *learnedView, w string) (string, error) {
		votes, err := c.voteTypes(ctx, lv, textQuery{words: []string{w}})
		if err != nil || len(votes) == 0 {
			return "", err
		}
		return votes[0].head, nil
	}
	for _, w := range words {
		uw, err := usedWhole(ctx, c, w)
		if err != nil {
			return a, err
		}
		clear(whole.uses)
		clear(read.uses)
		whole.remember(w, usedAt{use: uw})
		hw, err := vote(whole, w)
		if err != nil {
			return a, err
		}
		hr, err := vote(read, w)
		if err != nil {
			return a, err
		}
		a.Words++
		if hw != "" {
			a.Voting++
		}
		if uw.matched > maxUseRows {
			a.Sampled++
		}
		if hw != hr {
			a.Differ++
			if len(a.Examples) < 12 {
				a.Examples = append(a.Examples, fmt.Sprintf("%s (%d): %q → %q", w, uw.matched, hw, hr))
			}
		}
	}
	return a, nil
}

// TestUsedWholeReference holds the reference usedWhole to used where used reads a
// word whole (in at most maxUseRows products), and to used's count where it samples
// the word's types: usedWhole must be a whole read of the same thing.
func TestUsedWholeReference(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sellers := []Seller{{ID: "s1", Name: "Shop"}}
	types := []string{"Lamp", "Desk", "Chair", "Kettle"}
	var products []Product
	for i := range 2400 {
		desc := "Plain."
		if i%40 == 0 {
			desc += " Walnut finish."
		}
		products = append(products, Product{ID: fmt.Sprintf("p%d", i), SellerID: "s1", Title: fmt.Sprintf("Acme %d %s", i, types[i%len(types)]),
			Description: desc, Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock})
	}
	if _, err := c.Upsert(ctx, sellers, products); err != nil {
		t.Fatal(err)
	}
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer end()
	base, err := c.learnedView(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byHead := func(a, b headCount) int { return strings.Compare(a.head, b.head) }
	for _, tc := range []struct {
		name, word string
		whole      bool // used reads it whole
	}{
		{"a type's word", "kettle", true},
		{"spread over types", "walnut", true},
		{"in no product", "zeppelin", true},
		{"in every product, its types sampled", "plain", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lv := newLearnedView(base.version, base.indexed, base.types)
			got, err := lv.used(ctx, c, tc.word)
			if err != nil {
				t.Fatal(err)
			}
			want, err := usedWhole(ctx, c, tc.word)
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(got.heads, byHead)
			slices.SortFunc(want.heads, byHead)
			if tc.whole && !slices.Equal(got.heads, want.heads) {
				t.Errorf("used(%q) = %+v, usedWhole %+v", tc.word, got, want)
			}
			if got.matched != want.matched {
				t.Errorf("used(%q) counts %d products, usedWhole %d", tc.word, got.matched, want.matched)
			}
		})
	}
}
