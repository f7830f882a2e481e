package catalog

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Spelling correction: when a search finds nothing, even with some of its words, each
// query word that no product contains is replaced by the indexed word nearest to it
// (at most one edit for words of up to five letters, two for longer ones; ties go to the
// word more products have), and the search runs once more with the corrected words.
// Indexed words are stems ("sneaker" for "sneakers", "coffe" for "coffee"), which a
// misspelling is compared with; the corrected query searches for that stem as a prefix,
// since stemming it again could change it ("coffe" would become "coff").

// maxSpellCandidates bounds how many indexed words one query word is compared with.
const maxSpellCandidates = 2000

// corrected returns q with misspelled words replaced, and whether anything changed.
func (c *Catalog) corrected(ctx context.Context, q textQuery) (textQuery, bool, error) {
	out := textQuery{words: make([]string, len(q.words)), cut: q.cut, prefix: make([]bool, len(q.words))}
	changed := false
	for i, w := range q.words {
		out.words[i] = w
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		known, err := c.matches(ctx, w, i == len(q.words)-1)
		if err != nil || known {
			if err != nil {
				return q, false, err
			}
			continue
		}
		best, err := c.nearestWord(ctx, w)
		if err != nil {
			return q, false, err
		}
		if best != "" {
			out.words[i], out.prefix[i], changed = best, true, true
		}
	}
	return out, changed, nil
}

// matches reports whether any product matches w as the search uses it (a word, and
// also a prefix when last): what a misspelled word does not do.
func (c *Catalog) matches(ctx context.Context, w string, last bool) (bool, error) {
	var n int
	expr := textQuery{words: []string{w}}.match(false)
	if !last {
		expr = strings.TrimSuffix(expr, "*")
	}
	err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1)`, expr).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("spelling: %w", err)
	}
	return n > 0, nil
}

// nearestWord returns the indexed word nearest to w within the allowed distance, or "".
// Candidates share w's first letter.
func (c *Catalog) nearestWord(ctx context.Context, w string) (string, error) {
	first, _ := utf8.DecodeRuneInString(w)
	rows, err := c.query(ctx, `SELECT term, doc FROM products_vocab WHERE term >= ? AND term < ? ORDER BY doc DESC LIMIT ?`,
		string(first), string(first)+"\uffff", maxSpellCandidates)
	if err != nil {
		return "", fmt.Errorf("spelling: %w", err)
	}
	defer rows.Close()
	limit := 1
	if utf8.RuneCountInString(w) > 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for rows.Next() {
		var (
			term string
			doc  int
		)
		if err := rows.Scan(&term, &doc); err != nil {
			return "", fmt.Errorf("spelling: %w", err)
		}
		// Rows come most common first, so the first word at a distance wins its ties.
		if d := editDistance(w, term, bestDist-1); d < bestDist {
			best, bestDist = term, d
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("spelling: %w", err)
	}
	return best, nil
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and swaps of neighbours each cost 1), or limit+1 when it is
// more than limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

// correctedWords is the note shown with corrected results.
func correctedWords(from, to textQuery) string {
	if from.String() == to.String() {
		return fmt.Sprintf("Nothing matched %q as whole words; showing products with words that start with them.", from.String())
	}
	return fmt.Sprintf("Nothing matched %q; showing results for %q.", strings.Join(from.words, " "), strings.Join(to.words, " "))
}
