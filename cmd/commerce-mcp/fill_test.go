package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// TestLogFill checks what the operator hears of a catalog's background fill: that it
// runs and when it is done, for a catalog an upgrade left to fill; nothing for one
// that has none.
func TestLogFill(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pending string // SQL leaving fills to do, as migrations do
		want    []string
	}{
		{"nothing to fill", "", nil},
		{"codes and rank to fill", `INSERT INTO product_codes_pending (id) VALUES (1); INSERT INTO product_rank_pending (id) VALUES (1)`,
			[]string{"rewriting what an upgrade changed", "background fill is done", "batches="}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "catalog.db")
			cat, err := catalog.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cat.Upsert(ctx, demo.Sellers(), demo.Products()); err != nil {
				t.Fatal(err)
			}
			cat.Close()
			if tc.pending != "" {
				db, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				_, err = db.ExecContext(ctx, tc.pending)
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
			}
			if cat, err = catalog.Open(ctx, path); err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			var logs strings.Builder
			logger, _ := newLogger(&logs, "info")
			if err := logFill(ctx, cat, logger, fillLogEvery); err != nil {
				t.Fatal(err)
			}
			if st := cat.Fill(); st.Filling() || st.Err != nil {
				t.Errorf("after logFill: %+v", st)
			}
			for _, w := range tc.want {
				if !strings.Contains(logs.String(), w) {
					t.Errorf("the log lacks %q:\n%s", w, logs.String())
				}
			}
			if tc.want == nil && logs.Len() > 0 {
				t.Errorf("logged with nothing to fill:\n%s", logs.String())
			}
		})
	}
}
