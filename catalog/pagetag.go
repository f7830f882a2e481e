package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// pageTypeTag returns a tag of two words or more every hit has that names a type of
// the catalog (its last word is a learned type: "waterproofing spray" of two suede
// protector sprays), the first such tag of the first hit; "" when the hits share none.
// A shop's tag is its own word for what a product is, and its other products tagged so
// are of the kind the page shows, whatever their titles say ("Leather Waterproofing
// Wax" tagged "waterproofing spray"). A tag of one word is matched by every tag that
// has the word ("refill" by "feather refill"), and says little.
func (c *Catalog) pageTypeTag(ctx context.Context, s *search, hits []Hit) (string, error) {
	if s.learned == nil || len(hits) == 0 {
		return "", nil
	}
	var shared []string
	for i, h := range hits {
		var raw string
		err := c.queryRow(ctx, `SELECT t.tags FROM products p JOIN product_text t ON t.rowid = p.rowid WHERE p.id = ?`, h.ID).Scan(&raw)
		if err != nil {
			return "", fmt.Errorf("search tags: %w", err)
		}
		var tags []string
		if raw != "" && json.Unmarshal([]byte(raw), &tags) != nil {
			return "", nil
		}
		keys := map[string]bool{}
		for _, t := range tags {
			keys[labelKey(splitWords(strings.ToLower(t)))] = true
		}
		if i == 0 {
			for _, t := range tags {
				ws := splitWords(strings.ToLower(t))
				if len(ws) > 1 && s.learned.isType(ws[len(ws)-1]) {
					shared = append(shared, t)
				}
			}
			continue
		}
		kept := shared[:0]
		for _, t := range shared {
			if keys[labelKey(splitWords(strings.ToLower(t)))] {
				kept = append(kept, t)
			}
		}
		shared = kept
	}
	if len(shared) == 0 {
		return "", nil
	}
	return shared[0], nil
}
