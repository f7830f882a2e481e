package catalog_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// stockFixture is one product per stock situation, all of seller "trail".
func stockFixture() []catalog.Product {
	p := func(id string, stock *int64, avail catalog.Availability) catalog.Product {
		pr := product(id, "Stock "+id)
		pr.Stock, pr.Availability = stock, avail
		return pr
	}
	return []catalog.Product{
		p("five", qty(5), catalog.InStock),
		p("unknown", nil, catalog.InStock),
		p("none", qty(0), catalog.OutOfStock),
		p("preorder", nil, catalog.Preorder),
		p("marked-out", qty(2), catalog.OutOfStock), // quantity on hand but not sold
	}
}

func TestTakeStock(t *testing.T) {
	tests := []struct {
		name      string
		id        string
		qty       int
		wantErr   error // nil for success
		wantStock *int64
		wantAvail catalog.Availability
	}{
		{"some of a known stock", "five", 2, nil, qty(3), catalog.InStock},
		{"all of a known stock", "five", 5, nil, qty(0), catalog.OutOfStock},
		{"more than the stock", "five", 6, catalog.ErrOutOfStock, qty(5), catalog.InStock},
		{"unknown stock in stock", "unknown", 40, nil, nil, catalog.InStock},
		{"nothing left", "none", 1, catalog.ErrOutOfStock, qty(0), catalog.OutOfStock},
		{"preorder is not in stock", "preorder", 1, catalog.ErrOutOfStock, nil, catalog.Preorder},
		{"quantity but marked out of stock", "marked-out", 1, catalog.ErrOutOfStock, qty(2), catalog.OutOfStock},
		{"zero quantity", "five", 0, catalog.ErrInvalid, qty(5), catalog.InStock},
		{"negative quantity", "five", -1, catalog.ErrInvalid, qty(5), catalog.InStock},
		{"unknown product", "nope", 1, catalog.ErrNotFound, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := openCatalog(t)
			if _, err := c.Upsert(ctx, fixtureSellers, stockFixture()); err != nil {
				t.Fatal(err)
			}
			err := c.TakeStock(ctx, tc.id, tc.qty)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("TakeStock(%q, %d) = %v, want %v", tc.id, tc.qty, err, tc.wantErr)
			}
			if tc.wantAvail != "" {
				checkStock(t, c, "after TakeStock", tc.id, tc.wantStock, tc.wantAvail)
			}
		})
	}
}

// TestReturnStock gives back what a take removed: a product the take sold out is in
// stock again with the quantity given back.
func TestReturnStock(t *testing.T) {
	tests := []struct {
		name      string
		take      int // taken first, when not 0
		id        string
		qty       int
		wantErr   error
		wantStock *int64
		wantAvail catalog.Availability
	}{
		{"part of a take", 2, "five", 1, nil, qty(4), catalog.InStock},
		{"a take that sold out", 5, "five", 5, nil, qty(5), catalog.InStock},
		{"unknown stock", 3, "unknown", 3, nil, nil, catalog.InStock},
		{"marked out of stock by the feed", 0, "marked-out", 1, nil, qty(3), catalog.OutOfStock},
		{"zero quantity", 0, "five", 0, catalog.ErrInvalid, qty(5), catalog.InStock},
		{"unknown product", 0, "nope", 1, catalog.ErrNotFound, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := openCatalog(t)
			if _, err := c.Upsert(ctx, fixtureSellers, stockFixture()); err != nil {
				t.Fatal(err)
			}
			if tc.take > 0 {
				if err := c.TakeStock(ctx, tc.id, tc.take); err != nil {
					t.Fatal(err)
				}
			}
			err := c.ReturnStock(ctx, tc.id, tc.qty)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("ReturnStock(%q, %d) = %v, want %v", tc.id, tc.qty, err, tc.wantErr)
			}
			if tc.wantAvail != "" {
				checkStock(t, c, "after ReturnStock", tc.id, tc.wantStock, tc.wantAvail)
			}
		})
	}
}

// TestTakeStockConcurrent races more buyers than units: exactly the stock is sold.
func TestTakeStockConcurrent(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, stockFixture()); err != nil {
		t.Fatal(err)
	}
	const buyers = 12
	errs := make([]error, buyers)
	var wg sync.WaitGroup
	for i := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.TakeStock(ctx, "five", 1)
		}()
	}
	wg.Wait()
	sold := 0
	for _, err := range errs {
		switch {
		case err == nil:
			sold++
		case !errors.Is(err, catalog.ErrOutOfStock):
			t.Errorf("TakeStock: %v", err)
		}
	}
	if sold != 5 {
		t.Errorf("%d units sold, want 5", sold)
	}
	p, err := c.Product(ctx, "five")
	if err != nil {
		t.Fatal(err)
	}
	if p.Stock == nil || *p.Stock != 0 || p.Availability != catalog.OutOfStock {
		t.Errorf("after selling out: stock %s, %s", stockString(p.Stock), p.Availability)
	}
}

// checkStock fails t unless product id has the stock and availability wanted, and is
// purchasable exactly when they say it is.
func checkStock(t *testing.T, c *catalog.Catalog, step, id string, wantStock *int64, wantAvail catalog.Availability) {
	t.Helper()
	p, err := c.Product(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !sameStock(p.Stock, wantStock) || p.Availability != wantAvail {
		t.Errorf("%s: stock %s, %s; want %s, %s", step, stockString(p.Stock), p.Availability, stockString(wantStock), wantAvail)
	}
	inStock := wantAvail == catalog.InStock && (wantStock == nil || *wantStock > 0)
	if p.Purchasable() != inStock {
		t.Errorf("%s: Purchasable() = %v, want %v", step, p.Purchasable(), inStock)
	}
}

func sameStock(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func stockString(s *int64) string {
	if s == nil {
		return "unknown"
	}
	return strconv.FormatInt(*s, 10)
}
