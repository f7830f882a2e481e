package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestMigrationMarksOldHoldLinesWarned: migration 0022 marks every token_held line
// journaled before it warned (token_held_warned, once per purchase, after the line),
// since the servers that wrote them warned right after; a line marked already, and a
// purchase with no hold, are left as they are. Without it, the first look after the
// upgrade would WARN again of every held purchase.
func TestMigrationMarksOldHoldLinesWarned(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old := testshop.Store(t, path)
	old.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	c := mustCreateCustomer(t, old, "a@example.com")
	held, marked, plain := purchaseIn(t, old, c.ID, store.PurchaseTokenIssued), purchaseIn(t, old, c.ID, store.PurchaseTokenIssued),
		purchaseIn(t, old, c.ID, store.PurchaseCompleted)
	for _, step := range []struct{ id, step string }{
		{held.ID, "token_held"}, {marked.ID, "token_held"}, {marked.ID, "token_held_warned"}, {held.ID, "token_seen"},
	} {
		if err := old.Journal(ctx, step.id, step.step, ""); err != nil {
			t.Fatal(err)
		}
	}
	// The database as a version before 0022 left it.
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM store_migrations WHERE name = '0022_token_held_warned.sql'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for range 2 { // opened again: nothing more
		s := testshop.Store(t, path)
		for _, tc := range []struct {
			id   string
			want int
		}{{held.ID, 1}, {marked.ID, 1}, {plain.ID, 0}} {
			evs, err := s.Events(ctx, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			n, heldAt, warnedAt := 0, -1, -1
			for i, ev := range evs {
				switch ev.Step {
				case "token_held":
					heldAt = i
				case "token_held_warned":
					n, warnedAt = n+1, i
				}
			}
			if n != tc.want || n > 0 && warnedAt < heldAt {
				t.Errorf("purchase %s journal %+v; want token_held_warned %d time(s), after token_held", tc.id, evs, tc.want)
			}
		}
	}
}
