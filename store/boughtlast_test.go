package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestMigrationFillsBoughtLast: migration 0033 fills bought_last from the orders made
// before it, completed ones only, each product of a customer once with its newest time
// (ties in time, a product bought again, failed and pending orders, two customers); and
// the purchase after the migration lists them as the whole history would.
func TestMigrationFillsBoughtLast(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0033")
	for _, c := range []string{"cus_a", "cus_b"} {
		exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00.000000000Z')`, c, c+"@example.com", c+"@example.com")
	}
	for i, o := range []struct{ customer, product, status string }{
		{"cus_a", "p1", "completed"}, {"cus_a", "p2", "completed"}, {"cus_a", "p1", "completed"},
		{"cus_a", "p3", "failed"}, {"cus_a", "p4", "pending"}, {"cus_a", "p2", "failed"},
		{"cus_b", "p1", "completed"}, {"cus_b", "p5", "charged_no_order"}, {"cus_a", "p6", "completed"},
	} {
		at := fmt.Sprintf("2026-02-01T00:%02d:00.000000000Z", i/2*5) // pairs share a time
		id := fmt.Sprintf("o%d", i)
		exec(`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id, seller_id, quantity, order_id, created_at, updated_at)
			VALUES (?, ?, ?, 'done', 'sandbox', ?, 's1', 1, ?, ?, ?)`, "pur_"+id, o.customer, "k_"+id, o.product, id, at, at)
		exec(`INSERT INTO orders (id, customer_id, purchase_id, status, mode, seller_id, product_id, quantity, unit_amount,
			subtotal, tax, shipping, total, currency, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'sandbox', 's1', ?, 1, 1000, 1000, 0, 0, 1000, 'USD', ?, ?)`, id, o.customer, "pur_"+id, o.status, o.product, at, at)
	}
	db.Close()
	s := testshop.Store(t, path)
	diff, rows, err := store.BoughtLastDiff(ctx, s.DB())
	if err != nil {
		t.Fatal(err)
	}
	if diff != "" || rows != 4 {
		t.Errorf("after the migration: %s (%d rows of the source, want 4)", diff, rows)
	}
	got, err := s.BoughtBefore(ctx, "cus_a", "ord_next", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p6", "p1", "p2"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("BoughtBefore after the migration = %v, want %v", got, want)
	}
}
