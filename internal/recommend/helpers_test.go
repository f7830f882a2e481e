package recommend_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

func usd(cents int64) money.Money { return money.Money{Amount: cents, Currency: "USD"} }

func qty(n int64) *int64 { return &n }

func amount(v float64) *float64 { return &v }

// openCatalog opens a new, empty catalog in a temporary directory.
func openCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
