package catalog

import (
	"context"
	"fmt"
	"strings"
)

// A sentence every reading answered with nothing may still say, in two words side by
// side, the name by which the catalog's titles call what it is about: "sticky
// hardwood floors after the kids party", whose other words the catalog has not,
// says "hardwood floors" as the titles of a mop and a floor cleaner do. Two content
// words that at least minPhraseTitles titles say together, in that order, are a
// thing's name, not a story's words the catalog happens to have each on its own
// ("translate hello into french" says none: no title has "hello french").

// minPhraseTitles is how many products' titles must say two words together for them
// to name a thing of the catalog.
const minPhraseTitles = 2

// titledPair returns the first two adjacent words of sentence s, both content words
// that products have, that at least minPhraseTitles titles say together in that
// order; nil when none does.
func (c *Catalog) titledPair(ctx context.Context, s *search) ([]string, error) {
	v := c.vocabulary()
	for i := 0; i+1 < len(s.words); i++ {
		a, b := s.words[i], s.words[i+1]
		if !contentWord(a, s.learned, v) || !contentWord(b, s.learned, v) || clauseWords[a] || clauseWords[b] {
			continue
		}
		var q strings.Builder
		q.WriteString("{title} : ")
		quoteTerm(&q, a+" "+b)
		var n int
		if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`,
			q.String(), minPhraseTitles).Scan(&n); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if n >= minPhraseTitles {
			return []string{a, b}, nil
		}
	}
	return nil, nil
}

// sentencePhrase answers sentence s, which every reading answered with nothing, by
// the plain ranking of its content words that products have (any of them), when two
// of its words side by side name a thing as titles do (titledPair), with a note. ok
// is false otherwise, when s is a question about the world, asks something of an
// order (serviceWords) or asks for a thing the catalog does not sell (unsoldAsked),
// or when nothing passes the query's filters.
func (c *Catalog) sentencePhrase(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if ok, err := c.namesInPassing(ctx, s); err != nil || !ok {
		return res, false, err
	}
	pair, err := c.titledPair(ctx, s)
	if err != nil || pair == nil {
		return res, false, err
	}
	v := c.vocabulary()
	keep := make([]bool, len(s.text.words))
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) || clauseWords[w] {
			continue
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return res, false, err
		}
		keep[i] = u.matched > 0
	}
	return s.plainReading(ctx, res, offset, s.text.only(keep), fmt.Sprintf("Read as a sentence about %s", strings.Join(pair, " ")))
}
