package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func TestPaymentSetupLifecycle(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	a := mustCreateCustomer(t, s, "a@example.com")
	b := mustCreateCustomer(t, s, "b@example.com")
	ps, err := s.StartPaymentSetup(ctx, store.PaymentSetup{CustomerID: a.ID, SessionID: "cs_test_1", URL: "https://pay.example/c/1", ExpiresAt: clock.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if ps.Status != store.SetupOpen || ps.ID == "" {
		t.Fatalf("started setup = %+v", ps)
	}
	if _, err := s.StartPaymentSetup(ctx, store.PaymentSetup{CustomerID: b.ID, SessionID: "cs_test_1", URL: "u", ExpiresAt: clock.Now()}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("second setup on one session: err = %v, want ErrConflict", err)
	}
	if _, err := s.PaymentSetup(ctx, b.ID, ps.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another customer's setup: err = %v, want ErrNotFound", err)
	}
	open, err := s.OpenPaymentSetups(ctx, a.ID)
	if err != nil || len(open) != 1 || open[0].ID != ps.ID {
		t.Fatalf("OpenPaymentSetups = %v, %v", open, err)
	}
	// A webhook and a poller complete the same setup at once: one method, one default.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.CompletePaymentSetup(ctx, ps.ID, store.PaymentMethod{ID: "pm_new1", Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("CompletePaymentSetup: %v", err)
		}
	}
	got, err := s.PaymentSetupBySession(ctx, "cs_test_1")
	if err != nil || got.Status != store.SetupComplete || got.PaymentMethodID != "pm_new1" || got.CompletedAt.IsZero() {
		t.Fatalf("completed setup = %+v, %v", got, err)
	}
	if sum := pmSummary(t, s, a.ID); sum != "pm_new1*" {
		t.Errorf("methods = %q, want pm_new1*", sum)
	}
	if sum := pmSummary(t, s, b.ID); sum != "" {
		t.Errorf("other customer's methods = %q, want none", sum)
	}
	if exp, err := s.ExpirePaymentSetup(ctx, ps.ID); err != nil || exp.Status != store.SetupComplete {
		t.Errorf("expiring a complete setup = %+v, %v; want it left complete", exp, err)
	}

	ps2, err := s.StartPaymentSetup(ctx, store.PaymentSetup{CustomerID: a.ID, SessionID: "cs_test_2", URL: "u", ExpiresAt: clock.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if exp, err := s.ExpirePaymentSetup(ctx, ps2.ID); err != nil || exp.Status != store.SetupExpired {
		t.Fatalf("ExpirePaymentSetup = %+v, %v", exp, err)
	}
	// Stripe says the page was completed after the setup expired here: Stripe wins,
	// the card goes on file.
	if late, err := s.CompletePaymentSetup(ctx, ps2.ID, store.PaymentMethod{ID: "pm_late"}); err != nil || late.Status != store.SetupComplete || late.PaymentMethodID != "pm_late" {
		t.Errorf("completing a setup expired here = %+v, %v; want it complete with pm_late", late, err)
	}
	if sum := pmSummary(t, s, a.ID); !strings.Contains(sum, "pm_late") {
		t.Errorf("methods = %q, want pm_late on file", sum)
	}
	if open, _ := s.OpenPaymentSetups(ctx, a.ID); len(open) != 0 {
		t.Errorf("open setups after completion and expiry = %v", open)
	}
}

func TestPaymentSetupValidation(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "v@example.com")
	tests := []struct {
		name string
		ps   store.PaymentSetup
		want error
	}{
		{name: "not a session id", ps: store.PaymentSetup{CustomerID: c.ID, SessionID: "sess_1", URL: "u", ExpiresAt: clock.Now()}, want: store.ErrInvalid},
		{name: "no url", ps: store.PaymentSetup{CustomerID: c.ID, SessionID: "cs_1", ExpiresAt: clock.Now()}, want: store.ErrInvalid},
		{name: "no expiry", ps: store.PaymentSetup{CustomerID: c.ID, SessionID: "cs_1", URL: "u"}, want: store.ErrInvalid},
		{name: "unknown customer", ps: store.PaymentSetup{CustomerID: "cus_nobody", SessionID: "cs_1", URL: "u", ExpiresAt: clock.Now()}, want: store.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.StartPaymentSetup(ctx, tc.ps)
			wantErr(t, err, tc.want)
		})
	}
}

func TestStripeCustomerID(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "s@example.com")
	if got, err := s.SetStripeCustomerID(ctx, c.ID, "cus_first"); err != nil || got != "cus_first" {
		t.Fatalf("SetStripeCustomerID = %q, %v", got, err)
	}
	if got, err := s.SetStripeCustomerID(ctx, c.ID, "cus_second"); err != nil || got != "cus_first" {
		t.Errorf("a second SetStripeCustomerID = %q, %v; want the first kept", got, err)
	}
	if got, err := s.ReplaceStripeCustomerID(ctx, c.ID, "cus_other", "cus_third"); err != nil || got != "cus_first" {
		t.Errorf("replacing a stale id = %q, %v; want cus_first kept", got, err)
	}
	if got, err := s.ReplaceStripeCustomerID(ctx, c.ID, "cus_first", "cus_third"); err != nil || got != "cus_third" {
		t.Errorf("ReplaceStripeCustomerID = %q, %v", got, err)
	}
	if cu, _ := s.Customer(ctx, c.ID); cu.StripeCustomerID != "cus_third" {
		t.Errorf("customer's Stripe id = %q", cu.StripeCustomerID)
	}
	if _, err := s.SetStripeCustomerID(ctx, c.ID, "acct_x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("malformed id: err = %v", err)
	}
	if _, err := s.SetStripeCustomerID(ctx, "cus_nobody", "cus_x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown customer: err = %v", err)
	}
}
