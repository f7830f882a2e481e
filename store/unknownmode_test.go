package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestMigrationMarksUnvouchedModesUnknown: migration 0032 gives mode unknown to each
// sandbox card put on file before migration 0016 that no completed sandbox purchase
// of its customer made before 0016 paid with, and to each sandbox subscription made
// before migration 0014 none of whose own renewal purchases made before 0014 was a
// sandbox one; everything else keeps its mode. Purchases after those migrations vouch
// for nothing (a sandbox server made them because of the default).
func TestMigrationMarksUnvouchedModesUnknown(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0032")
	// 0014 ran on 2026-05-01 and 0016 on 2026-06-01 (CURRENT_TIMESTAMP's format).
	exec(`UPDATE store_migrations SET applied_at = '2026-05-01 00:00:00' WHERE name GLOB '0014_*'`)
	exec(`UPDATE store_migrations SET applied_at = '2026-06-01 00:00:00' WHERE name GLOB '0016_*'`)
	exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_a', 'a@example.com', 'a@example.com', '2026-01-01T00:00:00.000000000Z'),
		('cus_b', 'b@example.com', 'b@example.com', '2026-01-01T00:00:00.000000000Z')`)
	card := func(customer, id, mode, created string) {
		exec(`INSERT INTO payment_methods (customer_id, id, card_id, mode, created_at) VALUES (?, ?, ?, ?, ?)`,
			customer, id, "card_"+customer+id, mode, created)
	}
	purchase := func(id, customer, key, pm, state, mode, created string) {
		exec(`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id, seller_id, quantity, payment_method, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 'p', 's', 1, ?, ?, ?)`, id, customer, key, state, mode, pm, created, created)
	}
	sub := func(id, mode, created string) {
		exec(`INSERT INTO subscriptions (id, customer_id, state, mode, product_id, seller_id, quantity, interval, every, amount,
			currency, anchor, next_due_at, created_at, updated_at) VALUES (?, 'cus_a', 'active', ?, 'p', 's', 1, 'month', 1, 100, 'USD',
			?, ?, ?, ?)`, id, mode, created, created, created, created)
	}
	const before, between, after = "2026-04-01T00:00:00.000000000Z", "2026-05-15T00:00:00.000000000Z", "2026-07-01T00:00:00.000000000Z"
	card("cus_a", "pm_none", "sandbox", before)                                  // nothing vouches: unknown
	card("cus_a", "pm_paid", "sandbox", before)                                  // paid in the sandbox before 0016: sandbox
	card("cus_a", "pm_paid_late", "sandbox", before)                             // paid in the sandbox only after 0016: unknown
	card("cus_a", "pm_failed", "sandbox", before)                                // a failed sandbox purchase: unknown
	card("cus_a", "pm_test", "test", before)                                     // 0016 found its mode: test
	card("cus_a", "pm_live", "live", before)                                     // live
	card("cus_a", "pm_new", "sandbox", after)                                    // put on file by a sandbox server after 0016: sandbox
	card("cus_b", "pm_paid", "sandbox", before)                                  // another customer's purchase with the same id says nothing: unknown
	card("cus_a", "pm_same_second", "sandbox", "2026-06-01T00:00:00.000000000Z") // not before 0016: sandbox
	purchase("pur_1", "cus_a", "k1", "pm_paid", "completed", "sandbox", "2026-05-01T00:00:00.000000000Z")
	purchase("pur_2", "cus_a", "k2", "pm_paid_late", "completed", "sandbox", after)
	purchase("pur_3", "cus_a", "k3", "pm_failed", "failed", "sandbox", "2026-05-01T00:00:00.000000000Z")

	sub("sub_none", "sandbox", before)     // no renewal of its own: unknown
	sub("sub_renewed", "sandbox", before)  // renewed in the sandbox before 0014: sandbox
	sub("sub_late", "sandbox", before)     // renewed in the sandbox only after 0014: unknown
	sub("sub_live", "live", before)        // live
	sub("sub_new", "sandbox", between)     // made by a sandbox server after 0014: sandbox
	sub("sub_renewedX", "sandbox", before) // its key is a prefix of another's: that one's renewal is not its own
	purchase("pur_4", "cus_a", "sub/sub_renewed/0/0", "", "completed", "sandbox", "2026-04-02T00:00:00.000000000Z")
	purchase("pur_5", "cus_a", "sub/sub_late/0/0", "", "completed", "sandbox", between)
	purchase("pur_6", "cus_a", "sub/sub_renewedXY/0/0", "", "completed", "sandbox", "2026-04-02T00:00:00.000000000Z")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s := testshop.Store(t, path)
	wantCards := map[string]map[string]string{
		"cus_a": {"pm_none": "unknown", "pm_paid": "sandbox", "pm_paid_late": "unknown", "pm_failed": "unknown",
			"pm_test": "test", "pm_live": "live", "pm_new": "sandbox", "pm_same_second": "sandbox"},
		"cus_b": {"pm_paid": "unknown"},
	}
	for c, cards := range wantCards {
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
	for id, want := range map[string]string{"sub_none": "unknown", "sub_renewed": "sandbox", "sub_late": "unknown",
		"sub_live": "live", "sub_new": "sandbox", "sub_renewedX": "unknown"} {
		if u, err := s.Subscription(ctx, "cus_a", id); err != nil || u.Mode != want {
			t.Errorf("%s: mode %q, %v; want %q", id, u.Mode, err, want)
		}
	}
	for _, mode := range []string{store.ModeSandbox, store.ModeTest, store.ModeLive} {
		if due, err := s.DueSubscriptions(ctx, mode, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), 100); err != nil {
			t.Fatal(err)
		} else {
			for _, u := range due {
				if u.Mode == store.ModeUnknown {
					t.Errorf("a %s server is due to renew %s, of unknown mode", mode, u.ID)
				}
			}
		}
	}
}

// TestUnknownModeCards: a card of unknown mode takes the mode of whoever puts it on
// file again, keeping its id; unknown is never a mode a card is added in or a
// subscription made in.
func TestUnknownModeCards(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0032")
	exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_a', 'a@example.com', 'a@example.com', '2026-01-01T00:00:00.000000000Z')`)
	for _, id := range []string{"pm_a", "pm_b"} {
		exec(`INSERT INTO payment_methods (customer_id, id, card_id, created_at) VALUES ('cus_a', ?, ?, '2026-01-01T00:00:00.000000000Z')`, id, "card_"+id)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s := testshop.Store(t, path)
	for _, tc := range []struct{ name, id, mode string }{
		{"added again in live", "pm_a", store.ModeLive},
		{"added again in the sandbox", "pm_b", store.ModeSandbox},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pm, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: tc.id, CustomerID: "cus_a", Brand: "visa", Last4: "4242", Mode: tc.mode})
			if err != nil || pm.Mode != tc.mode || pm.CardID != "card_"+tc.id {
				t.Errorf("= %+v, %v; want card_%s in %s mode", pm, err, tc.id, tc.mode)
			}
		})
	}
	var fe *store.FieldError
	if _, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_c", CustomerID: "cus_a", Mode: store.ModeUnknown}); !errors.As(err, &fe) || fe.Field != "mode" {
		t.Errorf("a card added in mode unknown: %v, want a field error on mode", err)
	}
	u := store.Subscription{CustomerID: "cus_a", Mode: store.ModeUnknown, ProductID: "p", SellerID: "s", Quantity: 1, Interval: "month", Every: 1, Amount: 100, Currency: "USD"}
	if err := s.CreateSubscription(ctx, &u); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a subscription made in mode unknown: %v, want ErrInvalid", err)
	}
}

// TestDemoCardOfUnknownMode: the demo customer's pm_card_visa of unknown mode (seeded
// before modes were recorded) takes the mode of a sandbox or test server that seeds
// the demo again; a live one leaves it unknown, and another card of unknown mode is
// left as it is.
func TestDemoCardOfUnknownMode(t *testing.T) {
	for _, tc := range []struct{ name, mode, want string }{
		{"the sandbox", store.ModeSandbox, store.ModeSandbox},
		{"test mode", store.ModeTest, store.ModeTest},
		{"live mode", store.ModeLive, store.ModeUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "shop-store.db")
			s := testshop.Store(t, path)
			c, err := s.SeedDemo(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_other", CustomerID: c.ID}); err != nil {
				t.Fatal(err)
			}
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.ExecContext(ctx, `UPDATE payment_methods SET mode = 'unknown'`); err != nil { // as 0032 would mark them
				t.Fatal(err)
			}
			if _, err := s.SeedDemoIn(ctx, tc.mode); err != nil {
				t.Fatal(err)
			}
			pms, err := s.PaymentMethods(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, pm := range pms {
				want := tc.want
				if pm.ID == "pm_other" {
					want = store.ModeUnknown
				}
				if pm.Mode != want {
					t.Errorf("%s: mode %q, want %q", pm.ID, pm.Mode, want)
				}
			}
		})
	}
}
