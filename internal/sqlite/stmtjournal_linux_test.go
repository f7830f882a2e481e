package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deletedFiles returns the descriptors of this process open on deleted files (a
// temporary file SQLite opened with O_TMPFILE or unlinked at once reads as such).
func deletedFiles(t *testing.T) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	open := map[string]bool{}
	for _, e := range entries {
		if link, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && strings.HasSuffix(link, " (deleted)") {
			open[e.Name()+" "+link] = true
		}
	}
	return open
}

// TestStatementJournalSpill checks that a statement journal of less than
// stmtJournalSpill stays in memory, past SQLite's default of 64 KiB too, and that a
// larger one still goes to a temporary file: an upsert inside a transaction changing
// one row in each of so many pages of a table, the transaction still open (SQLite
// keeps a statement journal's file open until it ends).
func TestStatementJournalSpill(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Rows of about 400 bytes: 9 to a page of 4 KiB.
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9000)
		INSERT INTO t SELECT i, printf('%.400c', 'x') FROM n`); err != nil {
		t.Fatal(err)
	}
	const record = pageSize + 4 // a page as the journal keeps it, with its number
	for _, tc := range []struct {
		name  string
		pages int
		spill bool
	}{
		{"a few pages", 4, false},
		{"past 64 KiB, under the bound", (stmtJournalSpill/record + 64<<10/record) / 2, false},
		{"past the bound", stmtJournalSpill/record + 40, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			before := deletedFiles(t)
			// One row of every ninth: one row of each page, in a statement that writes
			// several rows and may stop halfway (NOT NULL), so SQLite journals it.
			res, err := tx.ExecContext(ctx, `INSERT INTO t (id, v) SELECT id, v || 'y' FROM t WHERE id % 9 = 5 AND id <= ?
				ON CONFLICT (id) DO UPDATE SET v = excluded.v`, tc.pages*9)
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := res.RowsAffected(); n != int64(tc.pages) {
				t.Fatalf("%d rows changed, want %d", n, tc.pages)
			}
			var spilled []string
			for f := range deletedFiles(t) {
				if !before[f] {
					spilled = append(spilled, f)
				}
			}
			if got := len(spilled) > 0; got != tc.spill {
				t.Errorf("%d pages (%d KiB of journal): temporary files opened %v, want a file %v", tc.pages, tc.pages*record>>10, spilled, tc.spill)
			}
		})
	}
}
