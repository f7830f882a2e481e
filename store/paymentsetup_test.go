package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
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

// TestPaymentSetupRefused: a setup whose page saved a card that is on file already in
// another mode is marked refused with the reason, in the transaction that refuses the
// card, and keeps it: a later look, completion or expiry finds it refused for the same
// reason, and the card on file is left as it was.
func TestPaymentSetupRefused(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	kept, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Mode: store.ModeTest})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := s.StartPaymentSetup(ctx, store.PaymentSetup{CustomerID: c.ID, SessionID: "cs_test_r", URL: "u", ExpiresAt: clock.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	want := store.CardModeError{CardID: kept.CardID, Mode: store.ModeTest, Wanted: store.ModeSandbox}
	check := func(what string, got store.PaymentSetup, err error) {
		t.Helper()
		if err != nil || got.Status != store.SetupRefused || got.Refused == nil || *got.Refused != want || got.PaymentMethodID != "" {
			t.Fatalf("%s = %+v (refused: %+v), %v; want refused with %+v", what, got, got.Refused, err, want)
		}
	}
	saved := store.PaymentMethod{ID: "pm_card_visa", Brand: "visa", Last4: "4242", ExpMonth: 1, ExpYear: 2031, Mode: store.ModeSandbox}
	got, err := s.CompletePaymentSetup(ctx, ps.ID, saved)
	check("completing with a card on file in test mode", got, err)
	got, err = s.PaymentSetup(ctx, c.ID, ps.ID)
	check("the setup read again", got, err)
	got, err = s.CompletePaymentSetup(ctx, ps.ID, saved)
	check("completing it again", got, err)
	got, err = s.ExpirePaymentSetup(ctx, ps.ID)
	check("expiring it", got, err)
	got, err = s.PaymentSetupBySession(ctx, "cs_test_r")
	check("the setup of its session", got, err)
	if open, _ := s.OpenPaymentSetups(ctx, c.ID); len(open) != 0 {
		t.Errorf("open setups = %+v; the refused one is closed", open)
	}
	pms, err := s.PaymentMethods(ctx, c.ID)
	if err != nil || len(pms) != 1 || pms[0].Mode != store.ModeTest || pms[0].ExpYear != 0 {
		t.Errorf("cards = %+v, %v; want the test card as it was", pms, err)
	}
}

// TestMigrationKeepsPaymentSetups: migration 0018, which rebuilds payment_setups to
// allow refused setups, keeps every setup as it was, and the open ones' index.
func TestMigrationKeepsPaymentSetups(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0018")
	exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_a', 'a@example.com', 'a@example.com', '2026-01-01T00:00:00.000000000Z')`)
	exec(`INSERT INTO payment_methods (customer_id, id, card_id, created_at) VALUES ('cus_a', 'pm_1', 'card_1', '2026-01-01T00:00:00.000000000Z')`)
	exec(`INSERT INTO payment_setups (id, customer_id, session_id, url, status, payment_method_id, created_at, expires_at, completed_at) VALUES
		('pset_open', 'cus_a', 'cs_test_1', 'https://pay.example/1', 'open', '', '2026-01-01T00:00:00.000000000Z', '2026-01-01T01:00:00.000000000Z', ''),
		('pset_done', 'cus_a', 'cs_test_2', 'https://pay.example/2', 'complete', 'pm_1', '2026-01-01T00:00:00.000000000Z', '2026-01-01T01:00:00.000000000Z', '2026-01-01T00:10:00.000000000Z'),
		('pset_gone', 'cus_a', 'cs_test_3', 'https://pay.example/3', 'expired', '', '2026-01-01T00:00:00.000000000Z', '2026-01-01T01:00:00.000000000Z', '')`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s := testshop.Store(t, path)
	for _, tc := range []struct {
		id, session string
		status      store.SetupStatus
		pm          string
	}{
		{"pset_open", "cs_test_1", store.SetupOpen, ""},
		{"pset_done", "cs_test_2", store.SetupComplete, "pm_1"},
		{"pset_gone", "cs_test_3", store.SetupExpired, ""},
	} {
		ps, err := s.PaymentSetup(ctx, "cus_a", tc.id)
		if err != nil || ps.SessionID != tc.session || ps.Status != tc.status || ps.PaymentMethodID != tc.pm || ps.Refused != nil ||
			ps.ExpiresAt != time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC) {
			t.Errorf("%s after the migration = %+v, %v", tc.id, ps, err)
		}
	}
	if open, err := s.OpenPaymentSetups(ctx, "cus_a"); err != nil || len(open) != 1 || open[0].ID != "pset_open" {
		t.Errorf("open setups = %+v, %v", open, err)
	}
	if _, err := s.StartPaymentSetup(ctx, store.PaymentSetup{CustomerID: "cus_a", SessionID: "cs_test_1", URL: "u", ExpiresAt: time.Now()}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second setup on a session kept by the migration: %v, want ErrConflict", err)
	}
}
