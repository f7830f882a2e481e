package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// migrationsBefore is the store's migrations whose names sort before name.
func migrationsBefore(t *testing.T, name string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() >= name {
			continue
		}
		b, err := os.ReadFile(filepath.Join("migrations", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = &fstest.MapFile{Data: b}
	}
	return out
}

// dbBefore is a store database at path migrated up to, not including, migration name,
// and an exec that fails the test on an error: an old database to migrate.
func dbBefore(t *testing.T, path, name string) (*sql.DB, func(q string, args ...any)) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.Migrate(ctx, db, migrationsBefore(t, name), "store_migrations"); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db, exec
}

// TestMigrationGivesOldSubscriptionsAModeAndCardsAnID: migration 0014 gives each
// subscription made before it the mode of its own first renewal, else sandbox (the
// customer's other purchases vouch for nothing; unknown since migration 0032); and
// every card on file an id of ours, distinct from the others and from Stripe's.
func TestMigrationGivesOldSubscriptionsAModeAndCardsAnID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, exec := dbBefore(t, path, "0014")
	exec(`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_a', 'a@example.com', 'a@example.com', '2026-01-01T00:00:00.000000000Z'),
		('cus_b', 'b@example.com', 'b@example.com', '2026-01-01T00:00:00.000000000Z')`)
	for _, pm := range []string{"pm_card_visa", "pm_card_mastercard"} {
		for _, c := range []string{"cus_a", "cus_b"} {
			exec(`INSERT INTO payment_methods (customer_id, id, created_at) VALUES (?, ?, '2026-01-01T00:00:00.000000000Z')`, c, pm)
		}
	}
	sub := func(id, customer, created string) {
		exec(`INSERT INTO subscriptions (id, customer_id, state, product_id, seller_id, quantity, interval, every, amount,
			currency, anchor, next_due_at, created_at, updated_at) VALUES (?, ?, 'active', 'p', 's', 1, 'month', 1, 100, 'USD',
			?, ?, ?, ?)`, id, customer, created, created, created, created)
	}
	purchase := func(id, customer, key, mode, created string) {
		exec(`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id, seller_id, quantity, created_at, updated_at)
			VALUES (?, ?, ?, 'completed', ?, 'p', 's', 1, ?, ?)`, id, customer, key, mode, created, created)
	}
	sub("sub_renewed", "cus_a", "2026-02-01T00:00:00.000000000Z")
	purchase("pur_1", "cus_a", "sub/sub_renewed/0/0", "live", "2026-02-01T00:00:01.000000000Z")
	purchase("pur_2", "cus_a", "sub/sub_renewed/1/0", "test", "2026-03-01T00:00:01.000000000Z")
	purchase("pur_3", "cus_a", "auto_x", "test", "2026-01-15T00:00:00.000000000Z")
	purchase("pur_4", "cus_a", "sub/sub_renewedX/0/0", "test", "2026-01-15T00:00:00.000000000Z") // another subscription's key prefix
	sub("sub_trial", "cus_a", "2026-02-10T00:00:00.000000000Z")                                  // no renewal of its own: the customer's live purchase does not vouch for it
	sub("sub_first", "cus_b", "2026-02-10T00:00:00.000000000Z")                                  // nothing at all: sandbox
	purchase("pur_5", "cus_b", "auto_y", "live", "2026-02-11T00:00:00.000000000Z")               // after it: says nothing
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s := testshop.Store(t, path)
	for id, want := range map[string]string{"sub_renewed": "live", "sub_trial": "unknown", "sub_first": "unknown"} {
		c := "cus_a"
		if id == "sub_first" {
			c = "cus_b"
		}
		u, err := s.Subscription(ctx, c, id)
		if err != nil || u.Mode != want {
			t.Errorf("%s: mode %q, %v; want %q", id, u.Mode, err, want)
		}
	}
	seen := map[string]bool{}
	for _, c := range []string{"cus_a", "cus_b"} {
		pms, err := s.PaymentMethods(ctx, c)
		if err != nil || len(pms) != 2 {
			t.Fatalf("%s: %+v, %v", c, pms, err)
		}
		for _, pm := range pms {
			if !strings.HasPrefix(pm.CardID, "card_") || len(pm.CardID) < 16 || seen[pm.CardID] || strings.Contains(pm.CardID, pm.ID) {
				t.Errorf("card id %q of %s", pm.CardID, pm.ID)
			}
			seen[pm.CardID] = true
		}
	}
}

// A card keeps its id when it is put on file again, a new card gets a new one, and
// the same Stripe method on file for two customers has two ids.
func TestCardIDs(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	a, b := mustCreateCustomer(t, s, "a@example.com"), mustCreateCustomer(t, s, "b@example.com")
	add := func(c store.Customer, id, last4 string) store.PaymentMethod {
		t.Helper()
		pm, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: id, CustomerID: c.ID, Brand: "visa", Last4: last4, CardID: "card_chosen_by_caller"})
		if err != nil {
			t.Fatal(err)
		}
		return pm
	}
	first := add(a, "pm_card_visa", "4242")
	again := add(a, "pm_card_visa", "4243")
	other := add(a, "pm_card_mastercard", "4444")
	theirs := add(b, "pm_card_visa", "4242")
	if first.CardID == "" || first.CardID == "card_chosen_by_caller" || again.CardID != first.CardID {
		t.Errorf("card ids %q then %q: want one of ours, kept", first.CardID, again.CardID)
	}
	if other.CardID == first.CardID || theirs.CardID == first.CardID {
		t.Errorf("ids not distinct: %q %q %q", first.CardID, other.CardID, theirs.CardID)
	}
}

// TestDueSubscriptionsOfTheServersModeOnly: a server renews only the subscriptions
// made in its own mode.
func TestDueSubscriptionsOfTheServersModeOnly(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "subscriber@example.com")
	sandboxed := newSubscription(t, s, c.ID, clock.Now())
	live := store.Subscription{CustomerID: c.ID, State: store.SubscriptionActive, ProductID: "cy-sub-0002", SellerID: "circuit-yard",
		Quantity: 1, Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Anchor: clock.Now(), NextDueAt: clock.Now(), Mode: "live"}
	if err := s.CreateSubscription(ctx, &live); err != nil {
		t.Fatal(err)
	}
	for mode, want := range map[string]string{"sandbox": sandboxed.ID, "live": live.ID} {
		due, err := s.DueSubscriptions(ctx, mode, clock.Now().Add(time.Minute), 10)
		if err != nil || len(due) != 1 || due[0].ID != want || due[0].Mode != mode {
			t.Errorf("due in %s: %+v, %v; want only %s", mode, due, err, want)
		}
	}
	if due, err := s.DueSubscriptions(ctx, "test", clock.Now().Add(time.Minute), 10); err != nil || len(due) != 0 {
		t.Errorf("due in test: %+v, %v; want none", due, err)
	}
	u := store.Subscription{CustomerID: c.ID, ProductID: "p", Quantity: 1, Every: 1, Interval: "month", Currency: "USD"}
	if err := s.CreateSubscription(ctx, &u); err == nil {
		t.Error("a subscription without a mode was created")
	}
}
