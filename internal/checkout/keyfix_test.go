package checkout_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestCheckoutKeyOfOpenCheckout: a checkout whose call died after it was begun and
// before any seller order (a crash) is, to a retry with its key, pending (open, not
// over, nothing charged) — never completed with no orders — until recovery ends it;
// then the key returns the interrupted refusal, kept under it. The retry waits the
// settling bound (30 s) first, as for any checkout another call is working on.
func TestCheckoutKeyOfOpenCheckout(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	e.fillCart()
	c, _, created, err := e.st.BeginCheckout(ctx, store.Checkout{CustomerID: e.customer, IdemKey: "k1", Mode: "sandbox"})
	if err != nil || !created {
		t.Fatal(err, created)
	}
	req := checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"}
	t.Run("retried while open", func(t *testing.T) {
		out, err := e.svc.Checkout(ctx, req)
		if err != nil || out.Status != checkout.CheckoutPending || out.Checkout.ID != c.ID || out.Checkout.State != store.CheckoutOpen || len(out.Orders) != 0 {
			t.Fatalf("got %s (checkout %s %s, %d orders), %v; want pending, %s open, no orders", out.Status, out.Checkout.ID, out.Checkout.State, len(out.Orders), err, c.ID)
		}
	})
	if _, err := e.svc.Recover(ctx, 0); err != nil {
		t.Fatal(err)
	}
	t.Run("retried once recovered", func(t *testing.T) {
		_, err := e.svc.Checkout(ctx, req)
		var ref *checkout.Refusal
		if !errors.As(err, &ref) || ref.Code != checkout.RefusalInterrupted || ref.KeptUnder != "k1" {
			t.Fatalf("got %v (%+v), want interrupted kept under k1", err, ref)
		}
	})
	if n := e.succeeded(); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
}

// TestPurchaseKeyAddressAndDelivery: a purchase records its delivery address when it
// is begun (the one named, or the default one); the same key with another address_id,
// or another fulfillment_option_id than the delivery it was quoted with, is an
// idempotency conflict naming both; without them, or with the recorded ones, it
// returns the first outcome. A row with no address recorded (made before addresses
// were recorded at the start) replays whatever address the call names.
func TestPurchaseKeyAddressAndDelivery(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	a1 := testshop.AddAddress(t, e.st, e.customer)
	a2 := testshop.AddAddress(t, e.st, e.customer)
	def, err := e.st.DefaultAddress(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	other := a1.ID
	if def.ID == a1.ID {
		other = a2.ID
	}
	p := e.product(10_00, 40_00)
	buy := func(key, address, option string) (checkout.Outcome, error) {
		return e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: key,
			AddressID: address, FulfillmentOption: option})
	}
	first := map[string]string{} // key → purchase id
	steps := []struct {
		name, key, address, option string
		wantAddress, wantOption    string // the conflict's recorded and asked values; "" for completed
		asked                      string
	}{
		{name: "k1 to a1", key: "k1", address: a1.ID},
		{name: "k1 to a2", key: "k1", address: a2.ID, wantAddress: a1.ID, asked: a2.ID},
		{name: "k1 to an unknown address", key: "k1", address: "nope", wantAddress: a1.ID, asked: "nope"},
		{name: "k1 with no address", key: "k1"},
		{name: "k1 to a1 again", key: "k1", address: a1.ID},
		{name: "k2 to the default, unnamed", key: "k2"},
		{name: "k2 to the other address", key: "k2", address: other, wantAddress: def.ID, asked: other},
		{name: "k2 to the default, named", key: "k2", address: def.ID},
		{name: "k3 by express", key: "k3", option: "express"},
		{name: "k3 by standard", key: "k3", option: "standard", wantOption: "express", asked: "standard"},
		{name: "k3 by express again", key: "k3", option: "express"},
		{name: "k3 with no option", key: "k3"},
		{name: "k2 by express (quoted with the cheapest)", key: "k2", option: "express", wantOption: "standard", asked: "express"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			out, err := buy(st.key, st.address, st.option)
			if st.asked == "" {
				if err != nil || out.Status != checkout.StatusCompleted {
					t.Fatalf("got %s, %v; want completed", out.Status, err)
				}
				if id, ok := first[st.key]; ok && id != out.Purchase.ID {
					t.Errorf("purchase %s, want the first one under %s, %s", out.Purchase.ID, st.key, id)
				}
				first[st.key] = out.Purchase.ID
				return
			}
			var ref *checkout.Refusal
			if !errors.As(err, &ref) || ref.Code != checkout.RefusalIdempotencyConflict || ref.KeptUnder != "" {
				t.Fatalf("got %s, %v; want an idempotency conflict, kept under no key", out.Status, err)
			}
			got := ref.Params
			if st.wantAddress != "" && (got.AddressID != st.wantAddress || got.AskedAddressID != st.asked) ||
				st.wantOption != "" && (got.FulfillmentID != st.wantOption || got.AskedFulfillmentID != st.asked) ||
				got.ProductID != p.ID || got.Quantity != 1 {
				t.Errorf("conflict %+v, want address %q / option %q recorded, %q asked", got, st.wantAddress, st.wantOption, st.asked)
			}
		})
	}
	t.Run("refused before the address step", func(t *testing.T) {
		// Recorded when begun: the refusal replays only for its own address.
		rules := noLimits
		rules.AllowedSellers = []string{"someone-else"}
		if err := e.st.SetRules(ctx, e.customer, rules); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if err := e.st.SetRules(ctx, e.customer, noLimits); err != nil {
				t.Fatal(err)
			}
		}()
		for _, st := range []struct {
			address string
			want    checkout.RefusalCode
		}{{a1.ID, checkout.RefusalSellerNotAllowed}, {a2.ID, checkout.RefusalIdempotencyConflict}, {"", checkout.RefusalSellerNotAllowed}} {
			_, err := buy("k4", st.address, "")
			var ref *checkout.Refusal
			if !errors.As(err, &ref) || ref.Code != st.want {
				t.Errorf("k4 to %q: %v, want %s", st.address, err, st.want)
			}
		}
	})
	t.Run("a row with no address recorded", func(t *testing.T) {
		e.exec(e.path, `UPDATE purchases SET address_id = '' WHERE id = ?`, first["k1"])
		out, err := buy("k1", a2.ID, "")
		if err != nil || out.Status != checkout.StatusCompleted || out.Purchase.ID != first["k1"] {
			t.Fatalf("got %s %s, %v; want the first outcome", out.Status, out.Purchase.ID, err)
		}
	})
	if n := e.succeeded(); n != 3 {
		t.Errorf("%d charges, want 3", n)
	}
}

// TestCheckoutKeyDeliveryConflict: the same checkout key with another
// fulfillment_option_id than its checkout asked for (none included) is a conflict;
// with the same one, or none, it returns the first outcome.
func TestCheckoutKeyDeliveryConflict(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	testshop.AddAddress(t, e.st, e.customer)
	steps := []struct {
		name, key, option string
		fill              bool
		recorded, asked   string // the conflict's; asked "" for completed
	}{
		{name: "c1 with no option", key: "c1", fill: true},
		{name: "c1 by express", key: "c1", option: "express", asked: "express"},
		{name: "c1 with none again", key: "c1"},
		{name: "c2 by express", key: "c2", option: "express", fill: true},
		{name: "c2 by standard", key: "c2", option: "standard", recorded: "express", asked: "standard"},
		{name: "c2 by express again", key: "c2", option: "express"},
		{name: "c2 with none", key: "c2"},
	}
	first := map[string]string{}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.fill {
				e.fillCart()
			}
			out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: st.key, FulfillmentOption: st.option})
			if st.asked == "" {
				if err != nil || out.Status != checkout.CheckoutCompleted {
					t.Fatalf("got %s, %v; want completed", out.Status, err)
				}
				if id, ok := first[st.key]; ok && id != out.Checkout.ID {
					t.Errorf("checkout %s, want the first one under %s, %s", out.Checkout.ID, st.key, id)
				}
				first[st.key] = out.Checkout.ID
				return
			}
			var ref *checkout.Refusal
			if !errors.As(err, &ref) || ref.Code != checkout.RefusalCheckoutConflict || ref.Params.FulfillmentID != st.recorded ||
				ref.Params.AskedFulfillmentID != st.asked || ref.KeptUnder != "" {
				t.Fatalf("got %s, %v (%+v); want a conflict, %q recorded, %q asked", out.Status, err, ref, st.recorded, st.asked)
			}
		})
	}
	if n := e.succeeded(); n != 6 {
		t.Errorf("%d charges, want 6 (two carts of three sellers)", n)
	}
}

// TestUnwrittenRefusalIsInternal: a purchase's refusal (over the per-order limit) or
// cancellation (the quote expired) whose record the store will not write is tried
// once more, then answered as an internal error, not as the refusal: the purchase is
// left as it was, so its key would not return the refusal. Recovery then ends the
// open one interrupted, which its key returns, kept. Nothing is charged.
func TestUnwrittenRefusalIsInternal(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		state store.PurchaseState // the write the store refuses
		rules store.Rules
		left  store.PurchaseState
	}{
		{"refused over the limit", store.PurchaseFailed,
			store.Rules{Currency: "USD", PerOrderMax: 1_00, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit}, store.PurchaseOpen},
		{"quote expired", store.PurchaseCanceled,
			store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 1_00}, store.PurchaseQuoted},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{rules: &tt.rules})
			p := e.product(10_00, 40_00)
			req := checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "k1"}
			if tt.left == store.PurchaseQuoted {
				out, err := e.svc.Purchase(ctx, req)
				if err != nil || out.Status != checkout.StatusConfirmationRequired {
					t.Fatalf("quote: %s, %v", out.Status, err)
				}
				req = checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID}
				e.clock.Advance(time.Hour)
			}
			e.execDDL(`CREATE TRIGGER unwritten BEFORE UPDATE OF state ON purchases WHEN NEW.state = '` + string(tt.state) + `'
				BEGIN SELECT RAISE(ABORT, 'injected: not written'); END`)
			_, err := e.svc.Purchase(ctx, req)
			var ref *checkout.Refusal
			if err == nil || errors.As(err, &ref) {
				t.Fatalf("got %v, want an internal error", err)
			}
			if n := strings.Count(e.logs.String(), "trying once more"); n != 1 {
				t.Errorf("%d second tries logged, want 1", n)
			}
			got, err := e.st.PurchaseByKey(ctx, e.customer, "k1")
			if err != nil || got.State != tt.left {
				t.Fatalf("purchase under k1: %v, %s; want it left %s", err, got.State, tt.left)
			}
			e.execDDL(`DROP TRIGGER unwritten`)
			if tt.left == store.PurchaseOpen {
				if _, err := e.svc.Recover(ctx, 0); err != nil {
					t.Fatal(err)
				}
				_, err = e.svc.Purchase(ctx, req)
				if !errors.As(err, &ref) || ref.Code != checkout.RefusalInterrupted || ref.KeptUnder != "k1" {
					t.Fatalf("after recovery: %v, want interrupted kept under k1", err)
				}
			} else if _, err = e.svc.Purchase(ctx, req); !errors.As(err, &ref) || ref.Code != checkout.RefusalQuoteExpired || ref.KeptUnder != "k1" {
				t.Fatalf("confirmed again once writable: %v, want quote_expired kept under k1", err)
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
		})
	}
}

// execDDL runs query (a schema change) on the store's file, as another connection would.
func (e *env) execDDL(query string) {
	e.t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, query); err != nil {
		e.t.Fatal(err)
	}
}
