package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestServeDemoCustomerNote checks that stdio, serving the demo customer because no
// --customer names one, warns when the database has customers of the operator's (an
// owner who imported a shop and made a customer, then pointed a client at --db alone,
// would shop as the demo customer under the built-in rules), counting them without
// naming one; and says nothing when a customer is named, or when there is none of the
// operator's.
func TestServeDemoCustomerNote(t *testing.T) {
	const note = "serving the demo customer, as no --customer"
	feed := writeTestFile(t, t.TempDir(), "shop.csv", "item_id,title,price,seller_name\nP1,Claw Hammer,19.99 USD,Harbor\n")
	cli := func(t *testing.T, args ...string) {
		t.Helper()
		if o := runCLI(t, nil, args...); o.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, o.code, o.stderr)
		}
	}
	for _, tc := range []struct {
		name      string
		customers int      // of the operator's, made with customer create
		serve     []string // serve's flags besides --db
		want      string   // in stderr; "" for no note
	}{
		{name: "the demo customer alone"},
		{name: "two customers of the operator's, none named", customers: 2, want: "has 2 customer(s) of its own"},
		{name: "one of them named", customers: 1, serve: []string{"--customer", "c0@example.com"}},
		{name: "the demo customer named", customers: 1, serve: []string{"--customer", "cus_demo"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			cli(t, "import", "--db", db, feed)
			for i := range tc.customers {
				cli(t, "customer", "create", "--db", db, "--email", "c"+string(rune('0'+i))+"@example.com", "--name", "Pat Doe")
			}
			r := serveStdinWith(t, nil, strings.NewReader(""), append([]string{"--db", db}, tc.serve...)...)
			if got := strings.Contains(r.stderr, note); got != (tc.want != "") || tc.want != "" && !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q, want %q", r.stderr, tc.want)
			}
			for _, private := range []string{"c0@example.com", "c1@example.com", "Pat Doe"} {
				if tc.serve == nil && strings.Contains(r.stderr, private) {
					t.Errorf("stderr names a customer (%q)", private)
				}
			}
		})
	}
}
