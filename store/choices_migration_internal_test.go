package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// migratedBefore returns a new database file migrated up to, not including, the
// migration named first (its number: "0035"), open on db, as a server of that time
// left it.
func migratedBefore(t *testing.T, first string) (string, *sql.DB) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(sub, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	before := fstest.MapFS{}
	for _, n := range names {
		if n < first {
			b, err := fs.ReadFile(sub, n)
			if err != nil {
				t.Fatal(err)
			}
			before[n] = &fstest.MapFile{Data: b}
		}
	}
	if err := sqlite.Migrate(ctx, db, before, "store_migrations"); err != nil {
		t.Fatal(err)
	}
	return path, db
}

// TestChoicesMigrationKeepsRows: a database written before migration 0035 (a cart line
// and a purchase, neither with choices) migrates, and its rows read as they were, with
// no choices; the cart line then takes a second line of the same product with choices
// beside it, and the same choices again add to that line.
func TestChoicesMigrationKeepsRows(t *testing.T) {
	ctx := context.Background()
	path, db := migratedBefore(t, "0035")
	s := seedThenOpen(t, path, db,
		`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_1', 'a@example.com', 'a@example.com', '2026-12-01T00:00:00.000000000Z')`,
		`INSERT INTO cart_lines (customer_id, product_id, seller_id, position, quantity, added_at, updated_at)
			VALUES ('cus_1', 'RING-1', 'sel', 1, 2, '2026-12-01T00:00:00.000000000Z', '2026-12-01T00:00:00.000000000Z')`,
		`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id, seller_id, quantity, created_at, updated_at)
			VALUES ('pur_1', 'cus_1', 'k1', 'completed', 'sandbox', 'RING-1', 'sel', 1, '2026-12-01T00:00:00.000000000Z', '2026-12-01T00:00:00.000000000Z')`,
	)
	p, err := s.Purchase(ctx, "pur_1")
	if err != nil || !p.Choices.Empty() || p.ProductID != "RING-1" {
		t.Fatalf("old purchase: %+v, %v", p, err)
	}
	c, err := s.Cart(ctx, "cus_1")
	if err != nil || len(c.Lines) != 1 || c.Lines[0].Quantity != 2 || !c.Lines[0].Choices.Empty() {
		t.Fatalf("old cart: %+v, %v", c, err)
	}
	size7 := Choices{Options: []Choice{{Name: "ring_size", Value: "7"}}, Personalization: "Ana"}
	for range 2 {
		if _, _, err := s.ChangeCart(ctx, "cus_1", CartChange{ProductID: "RING-1", SellerID: "sel", Quantity: 1, Add: true, Choices: size7}); err != nil {
			t.Fatal(err)
		}
	}
	c, err = s.Cart(ctx, "cus_1")
	if err != nil || len(c.Lines) != 2 || !c.Lines[0].Choices.Empty() || c.Lines[0].Quantity != 2 ||
		!c.Lines[1].Choices.Equal(size7) || c.Lines[1].Quantity != 2 {
		t.Fatalf("cart after two adds of size 7: %+v, %v", c, err)
	}
	// Setting the line without choices leaves the size-7 line alone.
	if _, _, err := s.ChangeCart(ctx, "cus_1", CartChange{ProductID: "RING-1", SellerID: "sel", Quantity: 0}); err != nil {
		t.Fatal(err)
	}
	c, err = s.Cart(ctx, "cus_1")
	if err != nil || len(c.Lines) != 1 || !c.Lines[0].Choices.Equal(size7) {
		t.Fatalf("cart after removing the plain line: %+v, %v", c, err)
	}
}

// TestSubscriptionChoicesMigration: a subscription written before migration 0036 reads
// with no choices after it; one created with choices reads them back as recorded, and
// a change of its state (UpdateSubscription) leaves them.
func TestSubscriptionChoicesMigration(t *testing.T) {
	ctx := context.Background()
	path, db := migratedBefore(t, "0036")
	s := seedThenOpen(t, path, db,
		`INSERT INTO customers (id, email, email_key, created_at) VALUES ('cus_1', 'a@example.com', 'a@example.com', '2026-12-01T00:00:00.000000000Z')`,
		`INSERT INTO subscriptions (id, customer_id, state, mode, product_id, seller_id, quantity, interval, every, amount,
			currency, anchor, next_due_at, created_at, updated_at) VALUES ('sub_old', 'cus_1', 'active', 'sandbox', 'p', 's', 1, 'month', 1, 100, 'USD',
			'2026-12-01T00:00:00.000000000Z', '2026-12-01T00:00:00.000000000Z', '2026-12-01T00:00:00.000000000Z', '2026-12-01T00:00:00.000000000Z')`,
	)
	if u, err := s.Subscription(ctx, "cus_1", "sub_old"); err != nil || !u.Choices.Empty() {
		t.Fatalf("old subscription: %+v, %v", u.Choices, err)
	}
	size7 := Choices{Options: []Choice{{Name: "ring_size", Value: "7"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}
	u := Subscription{CustomerID: "cus_1", State: SubscriptionQuoted, Mode: "sandbox", ProductID: "RING-CLUB", SellerID: "s",
		Quantity: 1, Interval: "month", Every: 1, Amount: 100, Currency: "USD", Choices: size7}
	if err := s.CreateSubscription(ctx, &u); err != nil {
		t.Fatal(err)
	}
	u.State = SubscriptionActive
	if err := s.UpdateSubscription(ctx, &u, SubscriptionQuoted); err != nil {
		t.Fatal(err)
	}
	got, err := s.Subscription(ctx, "cus_1", u.ID)
	if err != nil || !got.Choices.Equal(size7) || got.State != SubscriptionActive {
		t.Fatalf("subscription with choices read back: %+v, %v", got, err)
	}
	subs, err := s.Subscriptions(ctx, "cus_1")
	if err != nil || len(subs) != 2 || !subs[0].Choices.Equal(size7) && !subs[1].Choices.Equal(size7) {
		t.Fatalf("listed: %+v, %v", subs, err)
	}
}

// seedThenOpen writes rows through db, a database migrated only up to some version,
// closes it, and opens the store at path, which migrates the rest.
func seedThenOpen(t *testing.T, path string, db *sql.DB, rows ...string) *Store {
	t.Helper()
	ctx := context.Background()
	for _, q := range rows {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
