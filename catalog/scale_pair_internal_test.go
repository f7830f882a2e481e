package catalog

import (
	"context"
	"os"
	"testing"
	"time"
)

// openAtScale opens the large catalog the environment variable env names twice — as
// served and exhaustive (every match ordered, nothing pooled), each with a minute of
// fallback budget — and returns them with the index's words in 4,000–400,000 products
// that a scale test searches (at least 100). Unset, the test is skipped.
func openAtScale(t *testing.T, env string) (served, exhaustive *Catalog, words []string) {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		t.Skip(env + " names no catalog")
	}
	ctx := context.Background()
	served = openScaleCopy(t, ctx, path)
	exhaustive = openScaleCopy(t, ctx, path)
	exhaustive.SetExhaustive()
	words, err := served.texts(ctx, `SELECT term FROM index_words WHERE docs BETWEEN 4000 AND 400000 AND term GLOB '[a-z]*' ORDER BY term`)
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 100 {
		t.Fatalf("%d words in 4,000–400,000 products; the test needs 100", len(words))
	}
	return served, exhaustive, words
}

func openScaleCopy(t *testing.T, ctx context.Context, path string) *Catalog {
	t.Helper()
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetFallbackBudget(time.Minute)
	return c
}
