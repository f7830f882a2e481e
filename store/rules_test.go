package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func ptr[T any](v T) *T { return &v }

func TestRulesDefaults(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "r@example.com")
	got, err := s.Rules(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Rules{Currency: "USD", PerOrderMax: 50000, DailyMax: 100000, MonthlyMax: store.NoLimit, ConfirmAbove: 5000}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(store.DefaultRules(), want) {
		t.Fatalf("Rules = %+v, DefaultRules = %+v, want %+v", got, store.DefaultRules(), want)
	}
	if _, err := s.Rules(ctx, "cus_ghost"); err == nil {
		t.Fatal("Rules of an unknown customer: no error")
	} else {
		wantErr(t, err, store.ErrNotFound)
	}
}

func TestSetRules(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "set@example.com")
	tests := []struct {
		name    string
		in      store.Rules
		want    store.Rules
		wantErr error
		typed   *store.FieldError
	}{
		{
			name: "normalized",
			in: store.Rules{Currency: " eur", PerOrderMax: 10000, DailyMax: store.NoLimit, ConfirmAbove: 0,
				AllowedSellers:    []string{" circuit-yard ", "Circuit-Yard", "maple-lane-market"},
				AllowedCategories: []string{"apparel>shoes", "Home  >   Kitchen "}},
			want: store.Rules{Currency: "EUR", PerOrderMax: 10000, DailyMax: store.NoLimit, ConfirmAbove: 0,
				AllowedSellers:    []string{"circuit-yard", "maple-lane-market"},
				AllowedCategories: []string{"apparel > shoes", "Home > Kitchen"}},
		},
		{name: "zero everything is strict but valid", in: store.Rules{Currency: "USD"}, want: store.Rules{Currency: "USD"}},
		{name: "bad currency", in: store.Rules{Currency: "dollars"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "currency", Problem: store.FieldMalformed, Value: "dollars"}},
		{name: "negative amount", in: store.Rules{Currency: "USD", DailyMax: -5}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "daily_max", Problem: store.FieldNegative}},
		{name: "empty seller", in: store.Rules{Currency: "USD", AllowedSellers: []string{"a", " "}}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "allowed_sellers", Problem: store.FieldEmpty, Item: 2}},
		{name: "too many categories", in: store.Rules{Currency: "USD", AllowedCategories: manyItems(101)}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "allowed_categories", Problem: store.FieldTooMany, Max: 100}},
		{name: "unknown customer", in: store.DefaultRules(), wantErr: store.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := c.ID
			if tc.name == "unknown customer" {
				id = "cus_ghost"
			}
			clock.Advance(time.Minute)
			err := s.SetRules(ctx, id, tc.in)
			wantErr(t, err, tc.wantErr)
			if err != nil {
				if tc.typed != nil {
					wantTyped(t, err, tc.typed)
				}
				return
			}
			got, err := s.Rules(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			tc.want.UpdatedAt = clock.Now()
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Rules = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func manyItems(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.Repeat("x", i+1)
	}
	return out
}

func TestUpdateRules(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "patch@example.com")
	def := store.DefaultRules()
	steps := []struct {
		name    string
		patch   store.RulesPatch
		want    store.Rules // UpdatedAt ignored
		wantErr error
		typed   *store.FieldError
	}{
		{name: "empty patch stores the defaults", want: def},
		{name: "one field", patch: store.RulesPatch{PerOrderMax: ptr(int64(10000))},
			want: store.Rules{Currency: "USD", PerOrderMax: 10000, DailyMax: def.DailyMax, MonthlyMax: store.NoLimit, ConfirmAbove: def.ConfirmAbove}},
		{name: "no limit and lists", patch: store.RulesPatch{DailyMax: ptr(store.NoLimit), AllowedSellers: ptr([]string{"circuit-yard"})},
			want: store.Rules{Currency: "USD", PerOrderMax: 10000, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: def.ConfirmAbove, AllowedSellers: []string{"circuit-yard"}}},
		{name: "currency change without amounts", patch: store.RulesPatch{Currency: ptr("jpy")}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "currency", Problem: store.FieldNeeds, Value: "JPY", Needs: []string{"per_order_max", "confirm_above"}}},
		{name: "currency change with amounts", patch: store.RulesPatch{Currency: ptr("jpy"), PerOrderMax: ptr(int64(20000)), ConfirmAbove: ptr(int64(3000))},
			want: store.Rules{Currency: "JPY", PerOrderMax: 20000, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 3000, AllowedSellers: []string{"circuit-yard"}}},
		{name: "same currency needs nothing", patch: store.RulesPatch{Currency: ptr("JPY")},
			want: store.Rules{Currency: "JPY", PerOrderMax: 20000, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 3000, AllowedSellers: []string{"circuit-yard"}}},
		{name: "empty list clears", patch: store.RulesPatch{AllowedSellers: ptr([]string{})},
			want: store.Rules{Currency: "JPY", PerOrderMax: 20000, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 3000}},
		{name: "invalid amount changes nothing", patch: store.RulesPatch{ConfirmAbove: ptr(int64(-2)), PerOrderMax: ptr(int64(1))}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "confirm_above", Problem: store.FieldNegative}},
	}
	var last store.Rules
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			clock.Advance(time.Minute)
			got, err := s.UpdateRules(ctx, c.ID, st.patch)
			wantErr(t, err, st.wantErr)
			stored, lerr := s.Rules(ctx, c.ID)
			if lerr != nil {
				t.Fatal(lerr)
			}
			if err != nil {
				wantTyped(t, err, st.typed)
				if !reflect.DeepEqual(stored, last) {
					t.Fatalf("a failed update changed the rules to %+v", stored)
				}
				return
			}
			st.want.UpdatedAt = clock.Now()
			if !reflect.DeepEqual(got, st.want) || !reflect.DeepEqual(stored, st.want) {
				t.Fatalf("UpdateRules = %+v, stored %+v, want %+v", got, stored, st.want)
			}
			last = stored
		})
	}
	if _, err := s.UpdateRules(ctx, "cus_ghost", store.RulesPatch{}); err == nil {
		t.Fatal("UpdateRules of an unknown customer: no error")
	}
}

func TestRulesPredicates(t *testing.T) {
	r := store.Rules{Currency: "USD", PerOrderMax: 10000, DailyMax: 30000, ConfirmAbove: 5000,
		AllowedSellers: []string{"circuit-yard"}, AllowedCategories: []string{"Apparel > Shoes"}}
	open := store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, ConfirmAbove: store.NoLimit}
	strict := store.Rules{Currency: "USD"}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"per order at the cap", r.OverPerOrder(10000), false},
		{"per order above the cap", r.OverPerOrder(10001), true},
		{"per order no limit", open.OverPerOrder(1 << 40), false},
		{"per order zero cap blocks", strict.OverPerOrder(1), true},
		{"daily at the cap", r.OverDaily(20000, 10000), false},
		{"daily above the cap", r.OverDaily(20001, 10000), true},
		{"daily no limit", open.OverDaily(1<<40, 1<<40), false},
		{"confirm at the threshold", r.NeedsConfirmation(5000), false},
		{"confirm above the threshold", r.NeedsConfirmation(5001), true},
		{"confirm never", open.NeedsConfirmation(1 << 40), false},
		{"confirm always", strict.NeedsConfirmation(1), true},
		{"seller allowed ignoring case", r.AllowsSeller("Circuit-Yard"), true},
		{"seller not allowed", r.AllowsSeller("maple-lane-market"), false},
		{"any seller", open.AllowsSeller("x"), true},
		{"category itself", r.AllowsCategory("apparel > shoes"), true},
		{"category below", r.AllowsCategory("Apparel > Shoes > Running"), true},
		{"category written tightly", r.AllowsCategory("Apparel>Shoes>Running"), true},
		{"category sibling with shared prefix", r.AllowsCategory("Apparel > Shoes and Boots"), false},
		{"category above", r.AllowsCategory("Apparel"), false},
		{"no category with a restriction", r.AllowsCategory(""), false},
		{"any category", open.AllowsCategory(""), true},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
