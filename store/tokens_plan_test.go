package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/pooltest"
)

// planSteps opens a new store and returns SQLite's plan for query, one step an entry.
func planSteps(t *testing.T, query string, args ...any) []string {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pooltest.Cap(t, s, "/store.")
	return strings.Split(strings.TrimSuffix(queryPlan(t, s, query, args...), "\n"), "\n")
}

// TestAuthenticateReadsOneIndex checks that Authenticate's query finds the token through
// the unique index on hash rather than by scanning the table.
func TestAuthenticateReadsOneIndex(t *testing.T) {
	plan := planSteps(t, authQuery, []byte("0123456789abcdef0123456789abcdef"), "2026-01-01")
	if len(plan) != 1 || !strings.Contains(plan[0], "USING INDEX") || !strings.Contains(plan[0], "(hash=?)") {
		t.Errorf("query plan %q, want one search of the index on hash", plan)
	}
}

// TestSpentReadsItsIndex checks that the spending sum reads the orders_spend partial
// index, which it can only when the index's status list covers the query's: a status
// added to one and not the other fails here.
func TestSpentReadsItsIndex(t *testing.T) {
	plan := planSteps(t, spentQuery, "cus_1", "USD", "2026-01-01")
	if len(plan) != 1 || !strings.Contains(plan[0], "orders_spend") {
		t.Errorf("query plan %q, want a search of orders_spend", plan)
	}
}

// TestChargedNoOrderSinceReadsItsIndex: recovery's look-up of recent charged_no_order
// purchases reads its partial index, not every purchase.
func TestChargedNoOrderSinceReadsItsIndex(t *testing.T) {
	plan := planSteps(t, chargedNoOrderQuery, "2026-01-01")
	if len(plan) != 1 || !strings.Contains(plan[0], "purchases_charged_no_order") {
		t.Errorf("query plan %q, want a search of purchases_charged_no_order", plan)
	}
}

// TestLapsedQuotesReadTheirIndexes: recovery's look-up of lapsed quotes reads the
// purchases_quoted and checkouts_quoted partial indexes, not every purchase and
// checkout.
func TestLapsedQuotesReadTheirIndexes(t *testing.T) {
	for _, tc := range []struct{ name, query, index string }{
		{"purchases", lapsedQuotesQuery, "purchases_quoted"},
		{"checkouts", lapsedCheckoutsQuery, "checkouts_quoted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := planSteps(t, tc.query, "test", "2026-01-01", "2026-01-02", 100)
			if len(plan) != 1 || !strings.Contains(plan[0], tc.index) || !strings.Contains(plan[0], "mode=?") {
				t.Errorf("query plan %q, want a search of %s by mode", plan, tc.index)
			}
		})
	}
}

// TestUnfinishedReadsItsIndexes: recovery's look-up of unfinished purchases reads the
// failed ones that may owe a token's revocation through purchases_token_owed, and scans
// no part of the purchases table.
func TestUnfinishedReadsItsIndexes(t *testing.T) {
	plan := planSteps(t, unfinishedQuery, "2026-01-01", "2026-01-01", "2026-01-01", "sandbox", StepTokenOwed, StepTokenSettled)
	joined := strings.Join(plan, "\n")
	if !strings.Contains(joined, "purchases_token_owed") || strings.Contains(joined, "SCAN purchases") {
		t.Errorf("query plan %q, want a search of purchases_token_owed and no scan of purchases", plan)
	}
}

// TestStoredURLsReadTheirIndexes: the look at every open for seller URLs with user
// info reads migration 0030's partial indexes, not every order and order event.
func TestStoredURLsReadTheirIndexes(t *testing.T) {
	for _, tc := range []struct{ table, index string }{
		{"orders", "orders_url_at"},
		{"order_events", "order_events_url_at"},
	} {
		t.Run(tc.table, func(t *testing.T) {
			i := slices.IndexFunc(storedURLColumns, func(c storedURLs) bool { return c.table == tc.table })
			read, _ := storedURLQueries(tc.table, storedURLColumns[i].key, storedURLColumns[i].urls)
			plan := planSteps(t, read)
			if len(plan) != 1 || !strings.Contains(plan[0], tc.index) {
				t.Errorf("query plan %q, want a scan of %s", plan, tc.index)
			}
		})
	}
}

// TestOrderEventsReadTheirIndex: an order event finds its order by seller and session
// through orders_seller_session, not by scanning every order (which made each sandbox
// purchase dearer as orders accumulated: its order_create event read them all).
func TestOrderEventsReadTheirIndex(t *testing.T) {
	plan := strings.Join(planSteps(t, orderWhereQuery(bySellerSession), "seller_1", "cs_1"), "\n")
	if !strings.Contains(plan, "orders_seller_session") || strings.Contains(plan, "SCAN orders") {
		t.Errorf("query plan %q, want a search of orders_seller_session and no scan of orders", plan)
	}
}
