package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestServePerOrderLimit checks that serve says at start, as import does, that products
// cost more than the per-order limit of customers without spending rules of their own
// when there are such customers (the demo customer, a customer made with customer
// create), with counts and amounts and no customer's data; and says nothing when every
// product fits, the operator raised the defaults, or every customer has rules of their
// own.
func TestServePerOrderLimit(t *testing.T) {
	const note = "more than the per-order limit of customers without spending rules of their own"
	var b strings.Builder
	b.WriteString("item_id,title,price,seller_name\n")
	for i, p := range []string{"2498.00 USD", "899.00 USD", "12.95 USD"} {
		fmt.Fprintf(&b, "P%d,Thing %d,%s,Harbor\n", i, i, p)
	}
	feed := writeTestFile(t, t.TempDir(), "dear.csv", b.String())
	cli := func(t *testing.T, args ...string) {
		t.Helper()
		if o := runCLI(t, nil, args...); o.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, o.code, o.stderr)
		}
	}
	// The demo catalog alone, whose two dearest products cost more than $500.00: the
	// operator did not add them, so nothing is said.
	if r := serveStdinWith(t, nil, strings.NewReader(""), "--db", filepath.Join(t.TempDir(), "demo.db")); strings.Contains(r.stderr, note) {
		t.Errorf("the demo catalog alone: stderr %q", r.stderr)
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, db string) // after the feed's import
		serve []string                      // serve's flags besides --db
		want  string                        // in stderr; "" for no note
	}{
		{name: "the demo customer on the built-in rules",
			want: "2 products cost more than the per-order limit of customers without spending rules of their own ($500.00; the dearest $2,498.00)"},
		{name: "a customer of the operator's", serve: []string{"--no-demo"},
			setup: func(t *testing.T, db string) {
				cli(t, "customer", "create", "--db", db, "--email", "ann@example.com", "--name", "Ann Lee")
			},
			want: "customers_on_default_rules=1"},
		{name: "no customer at all", serve: []string{"--no-demo"}},
		{name: "the defaults raised", setup: func(t *testing.T, db string) {
			cli(t, "limits", "set", "--db", db, "--default", "--per-order", "3000", "--daily", "5000")
		}},
		{name: "every customer with rules of their own", serve: []string{"--no-demo"},
			setup: func(t *testing.T, db string) {
				cli(t, "customer", "create", "--db", db, "--email", "ann@example.com", "--name", "Ann Lee")
				cli(t, "limits", "set", "--db", db, "--customer", "ann@example.com", "--per-order", "100", "--daily", "200")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			cli(t, "import", "--db", db, feed)
			if tc.setup != nil {
				tc.setup(t, db)
			}
			r := serveStdinWith(t, nil, strings.NewReader(""), append([]string{"--db", db}, tc.serve...)...)
			if tc.want == "" && strings.Contains(r.stderr, note) || tc.want != "" && !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q, want %q", r.stderr, tc.want)
			}
			for _, private := range []string{"ann@example.com", "Ann Lee", "demo@commerce-mcp.example"} {
				if strings.Contains(r.stderr, private) {
					t.Errorf("stderr names a customer (%q): %s", private, r.stderr)
				}
			}
		})
	}
}
