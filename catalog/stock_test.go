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

// openStockCatalog is a catalog of stockFixture.
func openStockCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	if _, err := c.Upsert(context.Background(), fixtureSellers, stockFixture()); err != nil {
		t.Fatal(err)
	}
	return c
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
			c := openStockCatalog(t)
			_, err := c.TakeStock(ctx, tc.id, tc.qty)
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
			c := openStockCatalog(t)
			var v catalog.StockVersion // of the imported stock when nothing was taken
			if tc.take > 0 {
				var err error
				if v, err = c.TakeStock(ctx, tc.id, tc.take); err != nil {
					t.Fatal(err)
				}
			}
			err := c.ReturnStock(ctx, tc.id, tc.qty, v)
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
	c := openStockCatalog(t)
	const buyers = 12
	errs := make([]error, buyers)
	var wg sync.WaitGroup
	for i := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.TakeStock(ctx, "five", 1)
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

// TestReturnStockAfterReimport: a feed import that writes a product's stock between a
// take and its return has the last word: the return gives nothing back, so the count
// the feed sent stands (and a product the feed says is sold out stays so).
func TestReturnStockAfterReimport(t *testing.T) {
	tests := []struct {
		name      string
		take      int
		feed      *catalog.Product // imported between the take and the return; nil: none
		wantStock *int64
		wantAvail catalog.Availability
	}{
		{name: "no import between", take: 2, wantStock: qty(5), wantAvail: catalog.InStock},
		{name: "a take that sold out, no import between", take: 5, wantStock: qty(5), wantAvail: catalog.InStock},
		{name: "feed sends a new count", take: 2, feed: restocked("five", qty(7), catalog.InStock), wantStock: qty(7), wantAvail: catalog.InStock},
		{name: "feed sends the count before the take", take: 2, feed: restocked("five", qty(5), catalog.InStock), wantStock: qty(5), wantAvail: catalog.InStock},
		{name: "feed says sold out", take: 2, feed: restocked("five", qty(0), catalog.OutOfStock), wantStock: qty(0), wantAvail: catalog.OutOfStock},
		{name: "feed says sold out after a take that sold out", take: 5, feed: restocked("five", qty(0), catalog.OutOfStock), wantStock: qty(0), wantAvail: catalog.OutOfStock},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := openStockCatalog(t)
			v, err := c.TakeStock(ctx, "five", tc.take)
			if err != nil {
				t.Fatal(err)
			}
			if tc.feed != nil {
				if _, err := c.Upsert(ctx, fixtureSellers, []catalog.Product{*tc.feed}); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.ReturnStock(ctx, "five", tc.take, v); err != nil {
				t.Fatal(err)
			}
			checkStock(t, c, "after ReturnStock", "five", tc.wantStock, tc.wantAvail)
		})
	}
}

// restocked is product id of stockFixture as a feed sends it again with another stock.
func restocked(id string, stock *int64, avail catalog.Availability) *catalog.Product {
	for _, p := range stockFixture() {
		if p.ID == id {
			p.Stock, p.Availability = stock, avail
			return &p
		}
	}
	panic("no fixture product " + id)
}

// TestTakeReturnConcurrent races takes, returns of what was taken and feed imports:
// the stock never goes below zero, and without imports every unit comes back.
func TestTakeReturnConcurrent(t *testing.T) {
	for _, imports := range []bool{false, true} {
		t.Run(map[bool]string{false: "takes and returns", true: "with imports"}[imports], func(t *testing.T) {
			ctx := context.Background()
			c := openStockCatalog(t)
			const buyers = 8
			var wg sync.WaitGroup
			errs := make(chan error, buyers*4)
			for range buyers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 3 {
						v, err := c.TakeStock(ctx, "five", 2)
						if errors.Is(err, catalog.ErrOutOfStock) {
							continue
						}
						if err == nil {
							err = c.ReturnStock(ctx, "five", 2, v)
						}
						if err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			if imports {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 3 {
						if _, err := c.Upsert(ctx, fixtureSellers, []catalog.Product{*restocked("five", qty(5), catalog.InStock)}); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			p, err := c.Product(ctx, "five")
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case p.Stock == nil || *p.Stock < 0 || *p.Stock > 5:
				t.Errorf("stock %s, want 0..5", stockString(p.Stock))
			case !imports && *p.Stock != 5:
				t.Errorf("stock %s after every take was returned, want 5", stockString(p.Stock))
			}
		})
	}
}
