package recommend_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

func usd(cents int64) money.Money { return money.Money{Amount: cents, Currency: "USD"} }

func qty(n int64) *int64 { return &n }

func amount(v float64) *float64 { return &v }

// openCatalog opens a new, empty catalog in a temporary directory.
func openCatalog(t testing.TB) *catalog.Catalog { return testshop.Catalog(t, "", nil, nil) }
