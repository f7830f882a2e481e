package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuthenticateReadsOneIndex checks that Authenticate's query finds the token through
// the unique index on hash rather than by scanning the table.
func TestAuthenticateReadsOneIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+authQuery, []byte("0123456789abcdef0123456789abcdef"), "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || !strings.Contains(plan[0], "USING INDEX") || !strings.Contains(plan[0], "(hash=?)") {
		t.Errorf("query plan %q, want one search of the index on hash", plan)
	}
}

// TestSpentReadsItsIndex checks that the spending sum reads the orders_spend partial
// index, which it can only when the index's status list covers the query's: a status
// added to one and not the other fails here.
func TestSpentReadsItsIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+spentQuery, "cus_1", "USD", "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || !strings.Contains(plan[0], "orders_spend") {
		t.Errorf("query plan %q, want a search of orders_spend", plan)
	}
}

// TestChargedNoOrderSinceReadsItsIndex: recovery's look-up of recent charged_no_order
// purchases reads its partial index, not every purchase.
func TestChargedNoOrderSinceReadsItsIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+chargedNoOrderQuery, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || !strings.Contains(plan[0], "purchases_charged_no_order") {
		t.Errorf("query plan %q, want a search of purchases_charged_no_order", plan)
	}
}
