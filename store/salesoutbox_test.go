package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestMigrationLeavesOldSalesToSettle: migration 0017 leaves the sales waiting before
// it without a token, out of PendingSales, and keeps the outbox's highest number with
// the store's old id (OldSales); SettleOldSales forgets those at or below the number
// the statistics counted, gives the others a token, and forgets the old id, once.
func TestMigrationLeavesOldSalesToSettle(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0017")
	for _, order := range []string{"o1", "o2", "o3", "o4"} {
		exec(`INSERT INTO sales_outbox (order_id, product_id, quantity, sold_at) VALUES (?, 'p', 1, '2026-12-03T00:00:00.000000000Z')`, order)
	}
	exec(`DELETE FROM sales_outbox WHERE order_id = 'o1'`) // counted and forgotten
	exec(`INSERT INTO store_identity (id) VALUES ('old')`)
	db.Close()
	s := testshop.Store(t, path)
	if id, top, err := s.OldSales(ctx); err != nil || id != "old" || top != 4 {
		t.Fatalf("OldSales = %q, %d, %v; want old, 4", id, top, err)
	}
	if ps, err := s.PendingSales(ctx, 10); err != nil || len(ps) != 0 {
		t.Fatalf("PendingSales before settling = %+v, %v; want none", ps, err)
	}
	for range 2 { // the second call finds nothing to do
		if err := s.SettleOldSales(ctx, "old", 3); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := s.PendingSales(ctx, 10)
	if err != nil || len(ps) != 1 || ps[0].OrderID != "o4" || ps[0].Token == 0 {
		t.Fatalf("PendingSales after settling = %+v, %v; want o4 with a token", ps, err)
	}
	if id, _, err := s.OldSales(ctx); err != nil || id != "" {
		t.Errorf("OldSales after settling = %q, %v; want none", id, err)
	}
	if n, err := s.ForgetSales(ctx, ps); err != nil || n != 1 {
		t.Errorf("ForgetSales = %d, %v; want 1", n, err)
	}
}

// TestMigrationGivesTokensToAStoreThatNeverDrained: a store killed between completing
// its first orders and its first drain has sales waiting and no id (the version before
// 0017 made the id at the first drain), so the sales file holds no mark for it and
// counted none of them: the migration gives them tokens and they are pending at once.
func TestMigrationGivesTokensToAStoreThatNeverDrained(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0017")
	for _, order := range []string{"o1", "o2"} {
		exec(`INSERT INTO sales_outbox (order_id, product_id, quantity, sold_at) VALUES (?, 'p', 1, '2026-12-03T00:00:00.000000000Z')`, order)
	}
	db.Close()
	s := testshop.Store(t, path)
	if id, _, err := s.OldSales(ctx); err != nil || id != "" {
		t.Errorf("OldSales = %q, %v; want no old id", id, err)
	}
	ps, err := s.PendingSales(ctx, 10)
	if err != nil || len(ps) != 2 || ps[0].Token == 0 || ps[1].Token == 0 || ps[0].Token == ps[1].Token {
		t.Fatalf("PendingSales = %+v, %v; want o1 and o2, each with its own token", ps, err)
	}
}
