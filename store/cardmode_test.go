package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestMigrationGivesOldCardsAMode: migration 0016 gives each card on file before it
// the mode of the latest completed purchase of its customer paid with it, else live
// for a card put on file by a completed live setup (cs_live_…), and otherwise sandbox (a failed purchase, another customer's purchase or a purchase with
// another card vouches for nothing; such a card is of unknown mode since migration
// 0032).
func TestMigrationGivesOldCardsAMode(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0016")
	exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_a', 'a@example.com', 'a@example.com', '2026-01-01T00:00:00.000000000Z'),
		('cus_b', 'b@example.com', 'b@example.com', '2026-01-01T00:00:00.000000000Z')`)
	card := func(customer, id string) {
		exec(`INSERT INTO payment_methods (customer_id, id, card_id, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00.000000000Z')`,
			customer, id, "card_"+customer+id)
	}
	purchase := func(id, customer, pm, state, mode, at string) {
		exec(`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id, seller_id, quantity, payment_method, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 'p', 's', 1, ?, ?, ?)`, id, customer, "k_"+id, state, mode, pm, at, at)
	}
	card("cus_a", "pm_live1")     // test, then live: the latest completed says live
	card("cus_a", "pm_test1")     // completed in test; a later failed live attempt says nothing
	card("cus_a", "pm_never")     // never used: sandbox
	card("cus_b", "pm_live1")     // the same id for another customer, who never paid with it: sandbox
	card("cus_b", "pm_card_visa") // a sandbox test card used in the sandbox
	card("cus_a", "pm_setlive")   // unused, put on file by a live setup: live
	card("cus_b", "pm_setlive")   // the same id for another customer, no setup of theirs: sandbox
	card("cus_a", "pm_settest")   // unused, put on file by a test (or emulator) setup: sandbox
	card("cus_b", "pm_setboth")   // a live setup, then a completed test purchase: the purchase says test
	setup := func(id, customer, session, pm string) {
		exec(`INSERT INTO payment_setups (id, customer_id, session_id, url, status, payment_method_id, created_at, expires_at, completed_at)
			VALUES (?, ?, ?, 'https://checkout.stripe.com/x', 'complete', ?, '2026-01-01T00:00:00.000000000Z', '2026-01-02T00:00:00.000000000Z', '2026-01-01T00:10:00.000000000Z')`,
			id, customer, session, pm)
	}
	setup("pset_1", "cus_a", "cs_live_a1", "pm_setlive")
	setup("pset_2", "cus_a", "cs_test_a2", "pm_settest")
	setup("pset_3", "cus_b", "cs_live_b3", "pm_setboth")
	setup("pset_4", "cus_a", "CS_LIVE_a4", "pm_settest") // not a Stripe live session id
	purchase("pur_1", "cus_a", "pm_live1", "completed", "test", "2026-02-01T00:00:00.000000000Z")
	purchase("pur_2", "cus_a", "pm_live1", "completed", "live", "2026-03-01T00:00:00.000000000Z")
	purchase("pur_3", "cus_a", "pm_test1", "completed", "test", "2026-02-01T00:00:00.000000000Z")
	purchase("pur_4", "cus_a", "pm_test1", "failed", "live", "2026-04-01T00:00:00.000000000Z")
	purchase("pur_5", "cus_b", "pm_card_visa", "completed", "sandbox", "2026-02-01T00:00:00.000000000Z")
	purchase("pur_6", "cus_b", "pm_setboth", "completed", "test", "2026-02-01T00:00:00.000000000Z")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s := testshop.Store(t, path)
	want := map[string]map[string]string{
		// 0016 gave the cards nothing vouched for the sandbox; 0032, run since, says
		// unknown (the sandbox purchase before 0016 vouches for pm_card_visa).
		"cus_a": {"pm_live1": "live", "pm_test1": "test", "pm_never": "unknown", "pm_setlive": "live", "pm_settest": "unknown"},
		"cus_b": {"pm_live1": "unknown", "pm_card_visa": "sandbox", "pm_setlive": "unknown", "pm_setboth": "test"},
	}
	for c, cards := range want {
		pms, err := s.PaymentMethods(ctx, c)
		if err != nil || len(pms) != len(cards) {
			t.Fatalf("%s: %+v, %v", c, pms, err)
		}
		for _, pm := range pms {
			if pm.Mode != cards[pm.ID] {
				t.Errorf("%s %s: mode %q, want %q", c, pm.ID, pm.Mode, cards[pm.ID])
			}
		}
	}
}

// TestCardModes: a card records the mode it is put on file in (none given: sandbox),
// putting a sandbox card on file again in another mode moves it there, a test or live
// card's mode is never changed, and a mode that is not one is refused.
func TestCardModes(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	add := func(id, mode string) (store.PaymentMethod, error) {
		return s.AddPaymentMethod(ctx, store.PaymentMethod{ID: id, CustomerID: c.ID, Brand: "visa", Last4: "4242", Mode: mode})
	}
	cases := []struct {
		name, id, mode, want string
	}{
		{"no mode is the sandbox", "pm_a", "", store.ModeSandbox},
		{"added again in live", "pm_a", store.ModeLive, store.ModeLive},
		{"test", "pm_b", store.ModeTest, store.ModeTest},
		{"added again in test", "pm_b", store.ModeTest, store.ModeTest},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pm, err := add(tc.id, tc.mode)
			if err != nil || pm.Mode != tc.want {
				t.Fatalf("add = %+v, %v; want mode %q", pm, err, tc.want)
			}
			def, err := s.PaymentMethods(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range def {
				if d.ID == tc.id && d.Mode != tc.want {
					t.Errorf("listed with mode %q, want %q", d.Mode, tc.want)
				}
			}
		})
	}
	// A test or live card stays in its mode: the same id put on file in another (an
	// operator without the Stripe key, which means the sandbox) is refused.
	for _, tc := range []struct{ id, mode, other string }{
		{"pm_a", store.ModeLive, ""},
		{"pm_a", store.ModeLive, store.ModeTest},
		{"pm_b", store.ModeTest, store.ModeSandbox},
		{"pm_b", store.ModeTest, store.ModeLive},
	} {
		before, err := s.PaymentMethods(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.AddPaymentMethod(ctx, store.PaymentMethod{ID: tc.id, CustomerID: c.ID, Brand: "mastercard", Last4: "4444", Default: true, Mode: tc.other})
		var me *store.CardModeError
		if !errors.As(err, &me) || !errors.Is(err, store.ErrConflict) || me.Mode != tc.mode || !strings.HasPrefix(me.CardID, "card_") {
			t.Errorf("%s (%s) added again in mode %q: %v, want a CardModeError saying %s", tc.id, tc.mode, tc.other, err, tc.mode)
		}
		if after, err := s.PaymentMethods(ctx, c.ID); err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("the refused add changed the cards: %+v, %v; were %+v", after, err, before)
		}
	}
	var fe *store.FieldError
	if _, err := add("pm_c", "production"); !errors.As(err, &fe) || fe.Field != "mode" {
		t.Errorf("unknown mode: %v, want a field error on mode", err)
	}
	if d, err := s.SeedDemoIn(ctx, store.ModeTest); err != nil {
		t.Fatal(err)
	} else if pm, err := s.DefaultPaymentMethod(ctx, d.ID); err != nil || pm.Mode != store.ModeTest {
		t.Errorf("demo card seeded in test mode: %+v, %v", pm, err)
	}
}
