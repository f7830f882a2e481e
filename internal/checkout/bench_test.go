package checkout_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// BenchmarkPurchase measures a whole sandbox purchase below the confirmation
// threshold: seller session, rules, token, seller checkout with its PaymentIntent,
// order, all journaled in SQLite, with the in-process seller and Stripe emulator. It
// reports p50 and p99 besides the mean.
func BenchmarkPurchase(b *testing.B) {
	e := newEnv(b, envOpts{rules: &store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit}})
	p := e.product(1000, 4000)
	p.Stock = nil // unknown stock never runs out
	ctx := context.Background()
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		b.Fatal(err)
	}
	timed(b, func() {
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
		if err != nil || out.Status != checkout.StatusCompleted {
			b.Fatalf("purchase: %+v, %v", out, err)
		}
	}, func() { e.clock.Advance(time.Second) })
}

// BenchmarkCheckout measures buying a cart of six lines from three sellers (two each)
// below the confirmation threshold: three seller sessions opened at once, the basket's
// rules and approval, three tokens and three seller checkouts at once, three orders,
// all journaled. Filling the cart again before each checkout is not timed.
func BenchmarkCheckout(b *testing.B) {
	e := newEnv(b, envOpts{rules: &noLimits})
	ctx := context.Background()
	bk := e.fillCart()
	e.unlimitedStock(bk)
	timed(b, func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
		if err != nil || out.Status != checkout.CheckoutCompleted {
			b.Fatalf("checkout: %+v, %v", out.Status, err)
		}
	}, func() {
		e.clock.Advance(time.Second)
		e.refill(bk)
	})
}

// BenchmarkCheckoutFloor is the floor of BenchmarkCheckout: the outside calls alone,
// made as the saga makes them (the three sellers at once), with nothing journaled and
// no rules: per seller, open the session for its two lines with the address, issue
// its token, complete the session.
func BenchmarkCheckoutFloor(b *testing.B) {
	e := newEnv(b, envOpts{rules: &noLimits})
	bk := e.fillCart()
	e.unlimitedStock(bk)
	timed(b, func() {
		var wg sync.WaitGroup
		for _, sellerID := range bk.sellers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.floorOrder(sellerID, bk.products[sellerID])
			}()
		}
		wg.Wait()
	}, func() { e.clock.Advance(time.Second) })
}

// BenchmarkPurchaseFloor is the floor of BenchmarkPurchase: one seller's open, token
// and complete, with nothing journaled.
func BenchmarkPurchaseFloor(b *testing.B) {
	e := newEnv(b, envOpts{rules: &noLimits})
	p := e.product(1000, 4000)
	p.Stock = nil
	if _, err := e.cat.Upsert(context.Background(), nil, []catalog.Product{p}); err != nil {
		b.Fatal(err)
	}
	timed(b, func() { e.floorOrder(p.SellerID, []catalog.Product{p}) }, func() { e.clock.Advance(time.Second) })
}

// floorOrder buys one of each product from sellerID with the bare outside calls.
func (e *env) floorOrder(sellerID string, products []catalog.Product) {
	ctx := context.Background()
	seller, err := e.cat.Seller(ctx, sellerID)
	if err != nil {
		e.t.Fatal(err)
	}
	co, err := e.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		e.t.Fatal(err)
	}
	addr, err := e.st.DefaultAddress(ctx, e.customer)
	if err != nil {
		e.t.Fatal(err)
	}
	lines := make([]checkout.Item, len(products))
	for i, p := range products {
		lines[i] = checkout.Item{ProductID: p.ID, Quantity: 1}
	}
	key := store.NewID("floor_")
	sess, err := co.Open(ctx, checkout.OpenRequest{Lines: lines, Currency: "USD", Address: &addr}, key+"/open")
	if err != nil || sess.Status != checkout.StatusReadyForPayment {
		e.t.Fatalf("open: %+v, %v", sess, err)
	}
	tok, err := e.cfg.Tokens.Issue(ctx, checkout.TokenRequest{PaymentMethod: store.DemoPaymentMethod, SellerProfile: co.Profile(),
		Currency: "USD", MaxAmount: sess.Total, ExpiresAt: e.clock.Now().Add(time.Hour), IdemKey: key + "/spt"})
	if err != nil {
		e.t.Fatal(err)
	}
	if done, err := co.Complete(ctx, sess.ID, tok.ID, key+"/complete"); err != nil || done.Status != checkout.StatusSessionCompleted {
		e.t.Fatalf("complete: %+v, %v", done, err)
	}
}

// unlimitedStock makes the basket's products never run out.
func (e *env) unlimitedStock(bk basket) {
	var ps []catalog.Product
	for _, s := range bk.sellers {
		for _, p := range bk.products[s] {
			p.Stock = nil
			ps = append(ps, p)
		}
	}
	if _, err := e.cat.Upsert(context.Background(), nil, ps); err != nil {
		e.t.Fatal(err)
	}
}

// refill puts the basket back into the cart.
func (e *env) refill(bk basket) {
	for _, s := range bk.sellers {
		for _, p := range bk.products[s] {
			if _, err := e.svc.AddToCart(context.Background(), e.customer, p.ID, 1); err != nil {
				e.t.Fatal(err)
			}
		}
	}
}

// timed runs op b.N times, between untimed calls of before, and reports p50 and p99
// besides the mean.
func timed(b *testing.B, op, before func()) {
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		before()
		b.StartTimer()
		start := time.Now()
		op()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99_ms")
}

// BenchmarkCancelOrder measures cancelling a paid order through the seller's
// cancellation extension (discovery, the cancel request, the seller's Stripe refund,
// the order and the request recorded in SQLite), each next to the purchase that made
// the order, timed in the same iteration: the purchase is the floor it is read
// against. It reports the p50 and p99 of both.
func BenchmarkCancelOrder(b *testing.B) {
	e := newEnv(b, envOpts{rules: &store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit}})
	p := e.product(1000, 4000)
	p.Stock = nil
	ctx := context.Background()
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		b.Fatal(err)
	}
	buys := make([]time.Duration, 0, b.N)
	cancels := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		e.clock.Advance(time.Second)
		start := time.Now()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
		buys = append(buys, time.Since(start))
		if err != nil || out.Status != checkout.StatusCompleted {
			b.Fatalf("purchase: %+v, %v", out, err)
		}
		start = time.Now()
		c, err := e.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: out.Order.ID})
		cancels = append(cancels, time.Since(start))
		if err != nil || c.Status != checkout.CancelRefunded {
			b.Fatalf("cancel: %+v, %v", c.Status, err)
		}
	}
	b.StopTimer()
	slices.Sort(buys)
	slices.Sort(cancels)
	b.ReportMetric(float64(cancels[len(cancels)/2].Microseconds())/1000, "cancel_p50_ms")
	b.ReportMetric(float64(cancels[len(cancels)*99/100].Microseconds())/1000, "cancel_p99_ms")
	b.ReportMetric(float64(buys[len(buys)/2].Microseconds())/1000, "purchase_p50_ms")
	b.ReportMetric(float64(buys[len(buys)*99/100].Microseconds())/1000, "purchase_p99_ms")
}
