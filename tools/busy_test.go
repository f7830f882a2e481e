package tools

import (
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// lockStore holds the store's write lock from another connection, as an import, a
// second server or an operator's sqlite3 would, until the returned function is called.
func (s *storefront) lockStore(t *testing.T) (release func()) {
	t.Helper()
	return testshop.HoldWriteLock(t, s.storePath)
}

// A database another process keeps locked past the busy timeout is answered in words
// that say it is busy and what to do, never as an internal error or SQLite's own
// "database is locked"; a purchase cut short by it is retried with its key once the
// lock is gone, and completes once.
func TestBusyDatabaseAnswered(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	cheap := demoProduct(t, 1000, 4000)
	release := s.lockStore(t)

	cases := []struct {
		name, tool string
		args       map[string]any
		want       []string
	}{
		{"purchase", "purchase", map[string]any{"product_id": cheap.ID, "idempotency_key": "busy-1"},
			[]string{"database is busy", "will not be charged twice", "list_orders", "same idempotency_key"}},
		{"update_preferences", "update_preferences", map[string]any{"notes": "likes blue"},
			[]string{"database is busy", "Nothing was changed", "try again in a minute"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, c, tc.tool, tc.args, nil)
			got := text(res)
			if !res.IsError {
				t.Fatalf("%s with the store locked succeeded: %s", tc.tool, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s answer %q lacks %q", tc.tool, got, w)
				}
			}
			for _, bad := range []string{"locked", "Internal error", "SQL"} {
				if strings.Contains(got, bad) {
					t.Errorf("%s answer %q says %q", tc.tool, got, bad)
				}
			}
		})
	}
	if !strings.Contains(s.logs.String(), "database busy") {
		t.Errorf("no warning logged for the busy database:\n%s", s.logs.String())
	}

	release()
	var out struct {
		Status  string `json:"status"`
		OrderID string `json:"order_id"`
	}
	if res := call(t, c, "purchase", map[string]any{"product_id": cheap.ID, "idempotency_key": "busy-1"}, &out); res.IsError || out.Status != "completed" {
		t.Fatalf("purchase retried after the lock: status %q, %s", out.Status, text(res))
	}
	var list struct {
		Orders []struct {
			OrderID string `json:"order_id"`
		} `json:"orders"`
	}
	call(t, c, "list_orders", map[string]any{}, &list)
	if len(list.Orders) != 1 || list.Orders[0].OrderID != out.OrderID {
		t.Fatalf("orders after the retry = %+v; want only %s", list.Orders, out.OrderID)
	}
}
