package checkout_test

import (
	"context"
	"maps"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// joinPaying is a checkout of a three-seller basket held at its first seller's
// completion (approved, being paid), with the cart edited meanwhile: one more of a
// product it buys, and a product it does not.
type joinPaying struct {
	e     *env
	b     basket
	first chan checkout.CheckoutOutcome
	gate  *testshop.CompleteGate
	// rest is what of the cart the held checkout is not buying.
	rest map[string]int
}

func newJoinPaying(t *testing.T) *joinPaying {
	t.Helper()
	ctx := context.Background()
	gate := testshop.NewCompleteGate(t)
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: gate.Hold}})
	j := &joinPaying{e: e, b: e.fillCart(), first: make(chan checkout.CheckoutOutcome, 1), gate: gate}
	more := j.b.products[j.b.sellers[0]][0]
	var added catalog.Product
	for _, p := range demo.Products() {
		if p.Purchasable() && p.Price.Currency == "USD" && p.SellerID == j.b.sellers[1] && p.Billing == nil &&
			p.ID != j.b.products[j.b.sellers[1]][0].ID && p.ID != j.b.products[j.b.sellers[1]][1].ID {
			added = p
			break
		}
	}
	if added.ID == "" {
		t.Fatal("no other product of the second seller")
	}
	go func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "a"})
		if err != nil {
			t.Error(err)
		}
		j.first <- out
	}()
	<-gate.Entered
	if _, err := e.svc.AddToCart(ctx, e.customer, more.ID, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AddToCart(ctx, e.customer, added.ID, 1); err != nil {
		t.Fatal(err)
	}
	j.rest = map[string]int{more.ID: 2, added.ID: 1}
	return j
}

func linesOf(items []checkout.CartItem) map[string]int {
	m := map[string]int{}
	for _, l := range items {
		m[l.ProductID] += l.Quantity
	}
	return m
}

// A checkout call while another checkout of the cart is being paid (approved, a
// seller slow to complete) buys nothing: it answers at once with that checkout (its
// id, pending) and the lines of the cart it is not buying, which stay in the cart.
// The held checkout charges each seller once and buys only what it was quoted; a
// retry of its key returns it; once it has ended, checkout buys what was left.
func TestCheckoutWhileAnotherPays(t *testing.T) {
	tests := []struct {
		name string
		key  string
	}{
		{name: "new key", key: "b"},
		{name: "no key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			j := newJoinPaying(t)
			e := j.e
			out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: tt.key})
			if err != nil {
				t.Fatal(err)
			}
			if out.Checkout.IdemKey != "a" || out.Checkout.State != store.CheckoutPaying || out.Status != checkout.CheckoutPending {
				t.Errorf("joined checkout %s (key %q) %s/%s; want a's, paying and pending", out.Checkout.ID, out.Checkout.IdemKey,
					out.Checkout.State, out.Status)
			}
			if got := linesOf(out.NotIncluded); !maps.Equal(got, j.rest) {
				t.Errorf("not included %v, want %v", got, j.rest)
			}
			for _, so := range out.Orders {
				for _, l := range so.Purchase.Lines {
					if l.Quantity != 1 {
						t.Errorf("seller order %s buys %d of %s; want the 1 quoted", so.Purchase.SellerID, l.Quantity, l.ProductID)
					}
				}
			}
			if tt.key != "" {
				if _, err := e.st.CheckoutByKey(ctx, e.customer, tt.key); err == nil {
					t.Errorf("a checkout was recorded under key %q", tt.key)
				}
			}
			j.gate.Open()
			a := <-j.first
			if a.Status != checkout.CheckoutCompleted || a.Checkout.ID != out.Checkout.ID || len(a.NotIncluded) != 0 {
				t.Fatalf("checkout a = %s %s (not included %v), want %s completed", a.Checkout.ID, a.Status, a.NotIncluded, out.Checkout.ID)
			}
			e.ledger(a)
			if got := e.succeeded(); got != len(j.b.sellers) {
				t.Errorf("%d charges, want one per seller (%d)", got, len(j.b.sellers))
			}
			again, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "a"})
			if err != nil || again.Checkout.ID != a.Checkout.ID || again.Status != checkout.CheckoutCompleted {
				t.Errorf("retry of a = %s %s, %v; want %s completed", again.Checkout.ID, again.Status, err, a.Checkout.ID)
			}
			cart, err := e.st.Cart(ctx, e.customer)
			if err != nil {
				t.Fatal(err)
			}
			left := map[string]int{}
			for _, l := range cart.Lines {
				left[l.ProductID] = l.Quantity
			}
			if !maps.Equal(left, j.rest) {
				t.Errorf("cart after a = %v, want %v", left, j.rest)
			}
			next, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: tt.key})
			if err != nil || next.Status != checkout.CheckoutCompleted || next.Checkout.ID == a.Checkout.ID {
				t.Fatalf("checkout after a = %s %s, %v; want a new one completed", next.Checkout.ID, next.Status, err)
			}
			bought := map[string]int{}
			for _, so := range next.Orders {
				for _, l := range so.Purchase.Lines {
					bought[l.ProductID] += l.Quantity
				}
			}
			if !maps.Equal(bought, j.rest) {
				t.Errorf("the next checkout bought %v, want %v", bought, j.rest)
			}
			if got := e.succeeded(); got != len(j.b.sellers)+2 {
				t.Errorf("%d charges in all, want %d", got, len(j.b.sellers)+2)
			}
		})
	}
}

// Racing checkout calls, each with a key of its own, while a checkout of the cart is
// being paid: every one answers with that checkout and the same lines left out, none
// records a checkout, and the cart is charged once per seller.
func TestRacingCheckoutsWhileAnotherPays(t *testing.T) {
	ctx := context.Background()
	j := newJoinPaying(t)
	e := j.e
	const n = 10
	outs := make([]checkout.CheckoutOutcome, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "race-" + string(rune('a'+i))})
		}()
	}
	wg.Wait()
	j.gate.Open()
	a := <-j.first
	for i := range n {
		if errs[i] != nil || outs[i].Checkout.ID != a.Checkout.ID || !maps.Equal(linesOf(outs[i].NotIncluded), j.rest) {
			t.Errorf("call %d: %s, not included %v, %v; want %s and %v", i, outs[i].Checkout.ID, linesOf(outs[i].NotIncluded), errs[i],
				a.Checkout.ID, j.rest)
		}
		if _, err := e.st.CheckoutByKey(ctx, e.customer, "race-"+string(rune('a'+i))); err == nil {
			t.Errorf("call %d recorded a checkout", i)
		}
	}
	e.ledger(a)
	if got := e.succeeded(); got != len(j.b.sellers) {
		t.Errorf("%d charges, want one per seller (%d)", got, len(j.b.sellers))
	}
}
