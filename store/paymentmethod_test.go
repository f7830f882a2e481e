package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// pmSummary returns the ids of the customer's methods, the default marked with '*'.
func pmSummary(t *testing.T, s *store.Store, customerID string) string {
	t.Helper()
	pms, err := s.PaymentMethods(context.Background(), customerID)
	if err != nil {
		t.Fatalf("PaymentMethods: %v", err)
	}
	var parts []string
	for _, pm := range pms {
		id := pm.ID
		if pm.Default {
			id += "*"
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, " ")
}

func TestAddPaymentMethodValidation(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "pm@example.com")
	tests := []struct {
		name    string
		pm      store.PaymentMethod
		wantErr error
		typed   *store.FieldError
		secret  string // card data that the error must not repeat
	}{
		{name: "full", pm: store.PaymentMethod{ID: "pm_card_visa", Brand: " Visa ", Last4: "4242", ExpMonth: 12, ExpYear: 2030}},
		{name: "bare id", pm: store.PaymentMethod{ID: "pm_123"}},
		{name: "not a pm id", pm: store.PaymentMethod{ID: "card_123"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "payment_method_id", Problem: store.FieldMalformed}},
		{name: "prefix only", pm: store.PaymentMethod{ID: "pm_"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "payment_method_id", Problem: store.FieldMalformed}},
		{name: "card number as id", pm: store.PaymentMethod{ID: "pm_4242 4242 4242 4242"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "payment_method_id", Problem: store.FieldMalformed}, secret: "4242 4242"},
		{name: "last4 too long", pm: store.PaymentMethod{ID: "pm_x", Last4: "4242424242424242"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "last4", Problem: store.FieldMalformed}, secret: "4242424242424242"},
		{name: "last4 not digits", pm: store.PaymentMethod{ID: "pm_x", Last4: "42a2"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "last4", Problem: store.FieldMalformed}},
		{name: "month 13", pm: store.PaymentMethod{ID: "pm_x", ExpMonth: 13, ExpYear: 2030}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "exp_month", Problem: store.FieldOutOfRange, Value: "13", Min: 1, Max: 12}},
		{name: "two-digit year", pm: store.PaymentMethod{ID: "pm_x", ExpMonth: 1, ExpYear: 30}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "exp_year", Problem: store.FieldOutOfRange, Value: "30", Min: 1000, Max: 9999}},
		{name: "month without year", pm: store.PaymentMethod{ID: "pm_x", ExpMonth: 1}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "exp_month", Problem: store.FieldNeeds, Needs: []string{"exp_year"}}},
		{name: "year without month", pm: store.PaymentMethod{ID: "pm_x", ExpYear: 2030}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "exp_year", Problem: store.FieldNeeds, Needs: []string{"exp_month"}}},
		{name: "odd brand", pm: store.PaymentMethod{ID: "pm_x", Brand: "<b>visa</b>"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "brand", Problem: store.FieldMalformed, Value: "<b>visa</b>"}},
		{name: "unknown customer", pm: store.PaymentMethod{ID: "pm_x", CustomerID: "cus_nobody"}, wantErr: store.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.pm.CustomerID == "" {
				tc.pm.CustomerID = c.ID
			}
			got, err := s.AddPaymentMethod(ctx, tc.pm)
			wantErr(t, err, tc.wantErr)
			if err != nil {
				if tc.typed != nil {
					wantTyped(t, err, tc.typed)
				}
				if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
					t.Fatalf("error %q repeats the card data %q", err, tc.secret)
				}
				return
			}
			if got.ID != tc.pm.ID || got.Brand != strings.ToLower(strings.TrimSpace(tc.pm.Brand)) || got.Last4 != tc.pm.Last4 {
				t.Fatalf("stored %+v from %+v", got, tc.pm)
			}
		})
	}
}

func TestPaymentMethodDefaults(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "cards@example.com")
	other := mustCreateCustomer(t, s, "other@example.com")

	add := func(id string, def bool) func() error {
		return func() error {
			clock.Advance(time.Second)
			_, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: id, CustomerID: c.ID, Default: def})
			return err
		}
	}
	steps := []struct {
		name    string
		do      func() error
		want    string // pmSummary after the step
		wantErr error
	}{
		{name: "first becomes default", do: add("pm_a", false), want: "pm_a*"},
		{name: "second is not default", do: add("pm_b", false), want: "pm_a* pm_b"},
		{name: "default flag moves the default", do: add("pm_c", true), want: "pm_c* pm_a pm_b"},
		{name: "re-adding without flag keeps state", do: add("pm_a", false), want: "pm_c* pm_a pm_b"},
		{name: "re-adding with flag makes default", do: add("pm_a", true), want: "pm_a* pm_b pm_c"},
		{name: "re-adding the default without flag keeps it default", do: add("pm_a", false), want: "pm_a* pm_b pm_c"},
		{name: "set default", do: func() error { return s.SetDefaultPaymentMethod(ctx, c.ID, "pm_b") }, want: "pm_b* pm_a pm_c"},
		{name: "set default of unknown method", do: func() error { return s.SetDefaultPaymentMethod(ctx, c.ID, "pm_zzz") }, want: "pm_b* pm_a pm_c", wantErr: store.ErrNotFound},
		{name: "set default of another customer's method", do: func() error { return s.SetDefaultPaymentMethod(ctx, other.ID, "pm_b") }, want: "pm_b* pm_a pm_c", wantErr: store.ErrNotFound},
		{name: "remove a non-default", do: func() error { return s.RemovePaymentMethod(ctx, c.ID, "pm_a") }, want: "pm_b* pm_c"},
		{name: "remove the default promotes the newest", do: func() error { return s.RemovePaymentMethod(ctx, c.ID, "pm_b") }, want: "pm_c*"},
		{name: "remove unknown", do: func() error { return s.RemovePaymentMethod(ctx, c.ID, "pm_b") }, want: "pm_c*", wantErr: store.ErrNotFound},
		{name: "remove the last", do: func() error { return s.RemovePaymentMethod(ctx, c.ID, "pm_c") }, want: ""},
		{name: "first again becomes default", do: add("pm_d", false), want: "pm_d*"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			wantErr(t, st.do(), st.wantErr)
			if got := pmSummary(t, s, c.ID); got != st.want {
				t.Fatalf("methods %q, want %q", got, st.want)
			}
		})
	}
	if got := pmSummary(t, s, other.ID); got != "" {
		t.Fatalf("other customer has methods %q", got)
	}
}

func TestAddPaymentMethodUpdatesAndKeepsCreatedAt(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "u@example.com")
	first, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_1", CustomerID: c.ID, Brand: "visa", Last4: "1111", ExpMonth: 1, ExpYear: 2027})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	second, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_1", CustomerID: c.ID, Brand: "visa", Last4: "1111", ExpMonth: 2, ExpYear: 2029})
	if err != nil {
		t.Fatal(err)
	}
	want := first
	want.ExpMonth, want.ExpYear = 2, 2029
	if second != want {
		t.Fatalf("after update %+v, want %+v", second, want)
	}
}

func TestDefaultPaymentMethod(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "d@example.com")
	none := mustCreateCustomer(t, s, "none@example.com")
	want, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030})
	if err != nil {
		t.Fatal(err)
	}
	if want.CreatedAt != clock.Now() || !want.Default {
		t.Fatalf("added %+v", want)
	}
	tests := []struct {
		name     string
		customer string
		wantErr  error
		errText  string
	}{
		{name: "has one", customer: c.ID},
		{name: "has none", customer: none.ID, wantErr: store.ErrNotFound, errText: "no payment method on file"},
		{name: "unknown customer", customer: "cus_ghost", wantErr: store.ErrNotFound, errText: "customer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.DefaultPaymentMethod(ctx, tc.customer)
			wantErr(t, err, tc.wantErr)
			if err != nil {
				if !containsFold(err.Error(), tc.errText) {
					t.Fatalf("error %q does not mention %q", err, tc.errText)
				}
				return
			}
			if got != want {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
	if _, err := s.PaymentMethods(ctx, "cus_ghost"); err == nil {
		t.Fatal("PaymentMethods of an unknown customer: no error")
	}
	if pms, err := s.PaymentMethods(ctx, none.ID); err != nil || pms == nil || len(pms) != 0 {
		t.Fatalf("PaymentMethods of a customer without any = %v, %v; want an empty list", pms, err)
	}
}

func TestSamePaymentMethodForTwoCustomers(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	for _, email := range []string{"one@example.com", "two@example.com"} {
		c := mustCreateCustomer(t, s, email)
		if _, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID}); err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if got := pmSummary(t, s, c.ID); got != "pm_card_visa*" {
			t.Fatalf("%s: %q", email, got)
		}
	}
}
