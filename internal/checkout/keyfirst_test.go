package checkout_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// removeProduct takes product id out of the catalog's file, as a catalog served
// without it would be.
func (e *env) removeProduct(id string) {
	e.t.Helper()
	e.exec(e.catPath, `DELETE FROM products WHERE id = ?`, id, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(e.catPath)})
	if _, err := e.cat.Product(context.Background(), id); err == nil {
		e.t.Fatalf("product %s is still in the catalog", id)
	}
}

// removeAddress takes the customer's address id out of the store's file (no tool
// removes one yet; a customer's data moved or erased would).
func (e *env) removeAddress(id string) {
	e.t.Helper()
	e.exec(e.path, `DELETE FROM addresses WHERE id = ?`, id)
	if _, err := e.st.Address(context.Background(), e.customer, id); err == nil {
		e.t.Fatalf("address %s is still on file", id)
	}
}

func (e *env) exec(path, query, arg string, attach ...sqlite.Attach) {
	e.t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, attach...)
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	res, err := db.ExecContext(ctx, query, arg)
	if err != nil {
		e.t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		e.t.Fatalf("%s (%s): %d rows, want 1", query, arg, n)
	}
}

// A purchase call whose idempotency_key is already recorded gets that key's first
// outcome whatever happened to its product or address since: the product and address
// checks are for a new key only. The key asking for another product or quantity is
// still a conflict, decided against what the key recorded (the product is gone from
// the catalog); the arguments and the key itself are still checked first.
func TestPurchaseKeyFirst(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		rules  *store.Rules
		first  checkout.OutcomeStatus // "" when the first call is refused
		refuse checkout.RefusalCode   // the first call's refusal
		gone   string                 // what changes before the retry: "product" or "address" removed, "billing" added
		retry  func(r *checkout.Request)
		want   checkout.OutcomeStatus // "" when the retry is refused
		code   checkout.RefusalCode   // the retry's refusal
	}{
		{name: "completed, product removed", first: checkout.StatusCompleted, gone: "product", want: checkout.StatusCompleted},
		{name: "completed, product became a subscription", first: checkout.StatusCompleted, gone: "billing", want: checkout.StatusCompleted},
		{name: "new key, product became a subscription", first: checkout.StatusCompleted, gone: "billing",
			retry: func(r *checkout.Request) { r.IdempotencyKey = "k-new" }, code: checkout.RefusalSubscriptionProduct},
		{name: "completed, address removed", first: checkout.StatusCompleted, gone: "address", want: checkout.StatusCompleted},
		{name: "refused, product removed", rules: &store.Rules{Currency: "USD", PerOrderMax: 1_00, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit},
			refuse: checkout.RefusalOverOrderLimit, gone: "product", code: checkout.RefusalOverOrderLimit},
		{name: "quoted, product removed", rules: &store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: 1_00},
			first: checkout.StatusConfirmationRequired, gone: "product", want: checkout.StatusConfirmationRequired},
		{name: "other quantity, product removed", first: checkout.StatusCompleted, gone: "product",
			retry: func(r *checkout.Request) { r.Quantity = 2 }, code: checkout.RefusalIdempotencyConflict},
		{name: "other product, product removed", first: checkout.StatusCompleted, gone: "product",
			retry: func(r *checkout.Request) { r.ProductID = "nope" }, code: checkout.RefusalIdempotencyConflict},
		{name: "other quantity, product still there", first: checkout.StatusCompleted,
			retry: func(r *checkout.Request) { r.Quantity = 3 }, code: checkout.RefusalIdempotencyConflict},
		{name: "new key, product removed", first: checkout.StatusCompleted, gone: "product",
			retry: func(r *checkout.Request) { r.IdempotencyKey = "k-new" }, code: checkout.RefusalUnknownProduct},
		{name: "new key, address removed", first: checkout.StatusCompleted, gone: "address",
			retry: func(r *checkout.Request) { r.IdempotencyKey = "k-new" }, code: checkout.RefusalUnknownAddress},
		{name: "reserved key, product removed", first: checkout.StatusCompleted, gone: "product",
			retry: func(r *checkout.Request) { r.IdempotencyKey = checkout.ReservedKeyPrefix + "x" }, code: checkout.RefusalReservedKey},
		{name: "bad quantity, same key", first: checkout.StatusCompleted, gone: "product",
			retry: func(r *checkout.Request) { r.Quantity = 100 }, code: checkout.RefusalInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{rules: tt.rules})
			cheap := e.product(10_00, 40_00) // completes under the default rules
			addr := testshop.AddAddress(t, e.st, e.customer)
			req := checkout.Request{CustomerID: e.customer, ProductID: cheap.ID, Quantity: 1, IdempotencyKey: "k-1", AddressID: addr.ID}
			first, err := e.svc.Purchase(ctx, req)
			if tt.first == "" {
				if ref := wantRefusal(t, err, tt.refuse); ref.KeptUnder != "k-1" {
					t.Errorf("first refusal kept under %q, want k-1 (it is recorded there)", ref.KeptUnder)
				}
			} else if err != nil || first.Status != tt.first {
				t.Fatalf("first call: %+v, %v; want %s", first.Status, err, tt.first)
			}
			charged := e.succeeded()
			switch tt.gone {
			case "product":
				e.removeProduct(cheap.ID)
			case "address":
				e.removeAddress(addr.ID)
			case "billing":
				sub := cheap
				sub.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
				testshop.Upsert(t, e.cat, nil, []catalog.Product{sub})
			}
			again := req
			if tt.retry != nil {
				tt.retry(&again)
			}
			out, err := e.svc.Purchase(ctx, again)
			if tt.want == "" {
				ref := wantRefusal(t, err, tt.code)
				if tt.code == checkout.RefusalIdempotencyConflict && (ref.Params.ProductID != cheap.ID || ref.Params.Quantity != 1) {
					t.Errorf("conflict names %s × %d, want the recorded %s × 1", ref.Params.ProductID, ref.Params.Quantity, cheap.ID)
				}
				// Only the recorded refusal, replayed, is kept under the key; the
				// refusals of the call itself are recorded nowhere.
				wantKept := ""
				if tt.refuse != "" && tt.code == tt.refuse && again.IdempotencyKey == req.IdempotencyKey {
					wantKept = req.IdempotencyKey
				}
				if ref.KeptUnder != wantKept {
					t.Errorf("retry's refusal kept under %q, want %q", ref.KeptUnder, wantKept)
				}
			} else {
				if err != nil || out.Status != tt.want || out.Purchase.ID != first.Purchase.ID {
					t.Fatalf("retry: %s of %s, %v; want %s of %s", out.Status, out.Purchase.ID, err, tt.want, first.Purchase.ID)
				}
				if tt.want == checkout.StatusCompleted && (out.Order == nil || first.Order == nil || out.Order.ID != first.Order.ID) {
					t.Errorf("retry's order %+v, want the first one %+v", out.Order, first.Order)
				}
				if tt.want == checkout.StatusConfirmationRequired && out.Purchase.QuoteID != first.Purchase.QuoteID {
					t.Errorf("retry's quote %s, want the first one %s", out.Purchase.QuoteID, first.Purchase.QuoteID)
				}
			}
			if n := e.succeeded(); n != charged {
				t.Errorf("%d succeeded PaymentIntents after the retry, %d before it", n, charged)
			}
		})
	}
}

// A checkout call whose idempotency_key is already recorded gets that key's first
// outcome even when its address_id has been removed since; a new key with that
// address is refused as unknown. The same key naming another address than its
// checkout recorded is a conflict; naming none, it gets the first outcome.
func TestCheckoutKeyFirst(t *testing.T) {
	ctx := context.Background()
	overDaily, confirmAll := noLimits, noLimits
	overDaily.DailyMax = 1_00
	confirmAll.ConfirmAbove = 1_00
	tests := []struct {
		name   string
		rules  store.Rules
		first  checkout.CheckoutStatus // "" when refused
		refuse checkout.RefusalCode
		key    string                  // the retry's key
		addr   string                  // the retry's address_id: "" the first call's, "-" none
		want   checkout.CheckoutStatus // "" when refused
		code   checkout.RefusalCode
	}{
		{name: "completed", rules: noLimits, first: checkout.CheckoutCompleted, key: "k-1", want: checkout.CheckoutCompleted},
		{name: "refused", rules: overDaily, refuse: checkout.RefusalOverDailyLimit, key: "k-1", code: checkout.RefusalOverDailyLimit},
		{name: "quoted", rules: confirmAll, first: checkout.CheckoutConfirmationRequired, key: "k-1", want: checkout.CheckoutConfirmationRequired},
		{name: "new key", rules: noLimits, first: checkout.CheckoutCompleted, key: "k-new", code: checkout.RefusalUnknownAddress},
		{name: "another address", rules: noLimits, first: checkout.CheckoutCompleted, key: "k-1", addr: "addr_other", code: checkout.RefusalCheckoutConflict},
		{name: "refused, another address", rules: overDaily, refuse: checkout.RefusalOverDailyLimit, key: "k-1", addr: "addr_other", code: checkout.RefusalCheckoutConflict},
		{name: "no address", rules: noLimits, first: checkout.CheckoutCompleted, key: "k-1", addr: "-", want: checkout.CheckoutCompleted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{rules: &tt.rules})
			addr := testshop.AddAddress(t, e.st, e.customer)
			e.fillCart()
			req := checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k-1", AddressID: addr.ID}
			first, err := e.svc.Checkout(ctx, req)
			if tt.first == "" {
				wantRefusal(t, err, tt.refuse)
			} else if err != nil || first.Status != tt.first {
				t.Fatalf("first call: %s, %v; want %s", first.Status, err, tt.first)
			}
			charged := e.succeeded()
			e.removeAddress(addr.ID)
			again := req
			again.IdempotencyKey = tt.key
			switch tt.addr {
			case "":
			case "-":
				again.AddressID = ""
			default:
				again.AddressID = tt.addr
			}
			out, err := e.svc.Checkout(ctx, again)
			if tt.want == "" {
				ref := wantRefusal(t, err, tt.code)
				if tt.code == checkout.RefusalCheckoutConflict && (ref.Params.AddressID != addr.ID || ref.Params.AskedAddressID != tt.addr) {
					t.Errorf("conflict names %q (asked %q), want the recorded %q (asked %q)", ref.Params.AddressID, ref.Params.AskedAddressID, addr.ID, tt.addr)
				}
				wantKept := ""
				if tt.code == tt.refuse && tt.key == req.IdempotencyKey {
					wantKept = tt.key
				}
				if ref.KeptUnder != wantKept {
					t.Errorf("retry's refusal kept under %q, want %q", ref.KeptUnder, wantKept)
				}
			} else if err != nil || out.Status != tt.want {
				t.Fatalf("retry: %s, %v; want %s", out.Status, err, tt.want)
			}
			// A refusal names its checkout by the key it is kept under (checked above).
			if tt.key == req.IdempotencyKey && tt.want != "" && (out.Checkout.ID != first.Checkout.ID || out.Checkout.IdemKey != tt.key) {
				t.Errorf("retry names checkout %q under %q, want the first one %q", out.Checkout.ID, out.Checkout.IdemKey, first.Checkout.ID)
			}
			if tt.want == checkout.CheckoutCompleted && len(out.Orders) != len(first.Orders) {
				t.Errorf("retry has %d seller orders, the first call %d", len(out.Orders), len(first.Orders))
			}
			if tt.want == checkout.CheckoutConfirmationRequired && out.Checkout.QuoteID != first.Checkout.QuoteID {
				t.Errorf("retry's quote %s, want the first one %s", out.Checkout.QuoteID, first.Checkout.QuoteID)
			}
			if n := e.succeeded(); n != charged {
				t.Errorf("%d succeeded PaymentIntents after the retry, %d before it", n, charged)
			}
		})
	}
}
