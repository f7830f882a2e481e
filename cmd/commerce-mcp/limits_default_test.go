package main

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestLimitsDefault: `limits set --default` sets the rules of every customer whose
// own were never set — a shop priced in GBP sets them in GBP once, instead of finding
// every purchase refused against USD rules — and leaves a customer's own rules alone.
func TestLimitsDefault(t *testing.T) {
	db := adminDB(t)
	env := map[string]string{"COMMERCE_DB": db}
	s := testshop.Store(t, store.FileBeside(db))
	ctx := context.Background()
	ann, err := s.CreateCustomer(ctx, store.Customer{Email: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := s.CreateCustomer(ctx, store.Customer{Email: "bob@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	bobs := store.Rules{Currency: "USD", PerOrderMax: 10000, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 0}
	if err := s.SetRules(ctx, bob.ID, bobs); err != nil {
		t.Fatal(err)
	}
	gbp := store.Rules{Currency: "GBP", PerOrderMax: 40000, DailyMax: 80000, MonthlyMax: store.NoLimit, ConfirmAbove: 4000}
	rulesOf := func(id string) store.Rules {
		t.Helper()
		r, err := s.Rules(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, tc := range []cliCase{
		{name: "show the built-in defaults", args: []string{"limits", "show", "--default"},
			stdout: []string{"defaults", "customers whose own rules were never set", "currency            USD", "per-order max       $500.00"}},
		{name: "both", args: []string{"limits", "set", "--default", "--customer", "{id}", "--daily", "1"}, wantCode: 2, stderr: "--customer or --default, not both"},
		{name: "currency without amounts", args: []string{"limits", "set", "--default", "--currency", "GBP"}, wantCode: 2, stderr: "changing the currency from USD to GBP needs"},
		{name: "set in pounds", args: []string{"limits", "set", "--default", "--currency", "gbp", "--per-order", "400", "--daily", "800", "--monthly", "none", "--confirm-above", "40"},
			stdout: []string{"defaults", "currency            GBP", "per-order max       £400.00", "daily max           £800.00 in any 24 hours"}},
		{name: "a customer without rules shows them", args: []string{"limits", "show", "--customer", "ann@example.com"},
			stdout: []string{"ann@example.com", "per-order max       £400.00", "never (these are the defaults)"}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, env, ann.ID) })
	}
	got := rulesOf(ann.ID)
	if !reflect.DeepEqual(got, gbp) || !got.UpdatedAt.IsZero() {
		t.Errorf("a customer without rules: %+v, want %+v with no update time", got, gbp)
	}
	got = rulesOf(bob.ID)
	got.UpdatedAt = time.Time{}
	if !reflect.DeepEqual(got, bobs) {
		t.Errorf("a customer's own rules changed: %+v, want %+v", got, bobs)
	}
	// A customer's first change starts from the defaults, in their currency.
	r := runCLI(t, env, "limits", "set", "--customer", "ann@example.com", "--daily", "900")
	if r.code != 0 {
		t.Fatalf("limits set: %d %s", r.code, r.stderr)
	}
	want := gbp
	want.DailyMax = 90000
	got = rulesOf(ann.ID)
	got.UpdatedAt = time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after a change: %+v, want %+v", got, want)
	}
}
