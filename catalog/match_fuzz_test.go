package catalog

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// FuzzMatchExpression checks the FTS5 expression that search builds from any query
// text: building it never panics, the catalog's real FTS5 index accepts it, and none of
// the text's own FTS5 syntax gets through — the expression is only quoted words of
// letters, numbers and marks, joined by AND (or OR), each followed by a star only where
// the builder puts one (the last word, and words marked as prefixes as spelling
// corrections are).
func FuzzMatchExpression(f *testing.F) {
	for _, s := range []string{
		"running shoes", `"unterminated`, `NEAR(a b, 3)`, `title:kettle`, `{title brand}: x`, `x*y*`, `^start`,
		`a OR b NOT c`, `-x +y`, `((shoe`, `"" ""`, "a\"b\"c", "e\u0301\u0301", "👟🏃‍♀️", "\x00\x01\xff", "head\u00adphones",
		"the and of", strings.Repeat("ab ", 40), strings.Repeat("x", 200), "café Ⅻ ½ 2m²", `'; DROP TABLE products; --`,
	} {
		f.Add(s, false, uint16(0))
		f.Add(s, true, uint16(0xffff))
	}
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { c.Close() })
	_, err = c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, []Product{
		{ID: "a", SellerID: "s", Title: "Trail Running Shoes", Description: "Light shoes for the trail.", Price: money.Money{Amount: 100, Currency: "USD"}},
		{ID: "b", SellerID: "s", Title: "Café Table", Brand: "Ⅻ", Price: money.Money{Amount: 100, Currency: "USD"}},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, anyWord bool, prefixes uint16) {
		q := parseText(text)
		q.prefix = make([]bool, len(q.words))
		for i := range q.prefix {
			q.prefix[i] = prefixes>>(i%16)&1 == 1
		}
		expr := q.match(anyWord)
		if q.empty() {
			if expr != "" {
				t.Fatalf("no words, expression %q", expr)
			}
			return
		}
		checkExpression(t, expr, q, anyWord)
		var n int
		if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`, expr).Scan(&n); err != nil {
			t.Fatalf("FTS5 refuses %q (from %q): %v", expr, text, err)
		}
	})
}

// checkExpression checks that expr is q's words, each quoted and holding only letters,
// numbers and marks, joined by AND (or OR, the first maxRelaxedWords), with a star
// after the last word and after words marked as prefixes only.
func checkExpression(t *testing.T, expr string, q textQuery, anyWord bool) {
	t.Helper()
	sep, words := " AND ", q.words
	if anyWord {
		sep, words = " OR ", q.words[:min(len(q.words), maxRelaxedWords)]
	}
	parts := strings.Split(expr, sep)
	if len(parts) != len(words) || len(words) > maxQueryWords {
		t.Fatalf("%q has %d parts for %d words", expr, len(parts), len(words))
	}
	for i, p := range parts {
		star := q.prefix[i] || i == len(q.words)-1 && utf8.RuneCountInString(q.words[i]) >= minPrefixLen
		body, hasStar := strings.CutSuffix(p, "*")
		if hasStar != star {
			t.Fatalf("%q: part %d is %q, star wanted %v", expr, i, p, star)
		}
		word, ok := strings.CutPrefix(body, `"`)
		word, ok2 := strings.CutSuffix(word, `"`)
		if !ok || !ok2 || word == "" || word != words[i] {
			t.Fatalf("%q: part %d is %q, want the quoted word %q", expr, i, p, words[i])
		}
		for _, r := range word {
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
				t.Fatalf("%q: word %q holds %q", expr, word, r)
			}
		}
	}
}
