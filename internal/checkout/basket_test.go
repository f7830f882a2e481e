package checkout_test

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// noLimits are rules that neither cap nor ask for confirmation.
var noLimits = store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit}

// basket is a cart of two lines from each of three demo sellers.
type basket struct {
	sellers  []string
	products map[string][]catalog.Product // by seller
}

// fillCart puts two in-stock USD products of each of three sellers into the demo
// customer's cart, one of each, and returns them.
func (e *env) fillCart() basket {
	e.t.Helper()
	b := basket{products: map[string][]catalog.Product{}}
	for _, p := range demo.Products() {
		if !p.Purchasable() || p.Price.Currency != "USD" || p.Price.Amount < 1000 || p.Price.Amount > 6000 || p.Stock == nil || *p.Stock < 5 {
			continue
		}
		if len(b.products[p.SellerID]) == 0 {
			if len(b.sellers) == 3 {
				continue
			}
			b.sellers = append(b.sellers, p.SellerID)
		}
		if len(b.products[p.SellerID]) < 2 {
			b.products[p.SellerID] = append(b.products[p.SellerID], p)
		}
	}
	for _, s := range b.sellers {
		if len(b.products[s]) != 2 {
			e.t.Fatalf("seller %s has %d fitting products", s, len(b.products[s]))
		}
		for _, p := range b.products[s] {
			if _, err := e.svc.AddToCart(context.Background(), e.customer, p.ID, 1); err != nil {
				e.t.Fatalf("add %s: %v", p.ID, err)
			}
		}
	}
	return b
}

// ledger checks the emulator's ledger against the checkout's orders: each completed
// seller order has exactly one succeeded PaymentIntent, for its total, made with a
// token scoped to its seller for that total, and nothing else was charged.
func (e *env) ledger(out checkout.CheckoutOutcome) {
	e.t.Helper()
	bySession := map[string][]int64{}
	for _, pi := range e.sb.Stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			bySession[pi.Metadata["checkout_session_id"]] = append(bySession[pi.Metadata["checkout_session_id"]], pi.AmountReceived)
		}
	}
	completed := 0
	for _, so := range out.Orders {
		p := so.Purchase
		charges := bySession[p.SessionID]
		switch so.Status {
		case checkout.StatusCompleted:
			completed++
			if len(charges) != 1 || charges[0] != p.Total {
				e.t.Errorf("%s: charges %v, want one of %d", p.SellerID, charges, p.Total)
			}
		default:
			if p.SessionID != "" && len(charges) != 0 {
				e.t.Errorf("%s (%s) was charged %v", p.SellerID, so.Status, charges)
			}
		}
	}
	if n := e.succeeded(); n != completed {
		e.t.Errorf("%d succeeded PaymentIntents for %d completed seller orders", n, completed)
	}
	if !e.allTokensDeactivated() {
		e.t.Error("a token is still usable")
	}
}

// overLoopback serves h on a real loopback HTTP server and returns a proxy to it, so
// that a seller's calls cross the network stack as a real seller's do (a caller going
// away ends the request in flight).
func overLoopback(t *testing.T, h http.Handler) http.Handler {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return httputil.NewSingleHostReverseProxy(u)
}

// viaHTTP serves sellerID's reference seller on a real loopback HTTP server and
// proxies the sandbox's calls to it, so that its checkout crosses the network stack.
func viaHTTP(t *testing.T, sellerID string) func(string, http.Handler) http.Handler {
	return func(id string, h http.Handler) http.Handler {
		if id != sellerID {
			return h
		}
		return overLoopback(t, h)
	}
}

// A cart from three sellers, one of which cannot supply a line: two seller orders are
// placed and charged once each (one seller over real HTTP), the third is refused with
// its reason and nothing charged, its lines stay in the cart and the bought ones leave.
func TestCheckoutThreeSellersOneRefused(t *testing.T) {
	ctx := context.Background()
	first := ""
	for _, p := range demo.Products() {
		first = p.SellerID
		break
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: viaHTTP(t, first)}})
	b := e.fillCart()
	short := b.products[b.sellers[2]][1]
	one := int64(1)
	short.Stock = &one // the seller has one left; the cart asks for two
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{short}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.UpdateCart(ctx, e.customer, short.ID, 2); err != nil {
		t.Fatal(err)
	}
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || out.Status != checkout.CheckoutPartial || len(out.Orders) != 3 {
		t.Fatalf("checkout: %+v, %v", out, err)
	}
	for i, so := range out.Orders {
		p := so.Purchase
		if p.SellerID != b.sellers[i] || len(p.Lines) != 2 {
			t.Errorf("order %d: seller %s with %d lines, want %s with 2", i, p.SellerID, len(p.Lines), b.sellers[i])
		}
		if i < 2 && (so.Status != checkout.StatusCompleted || so.Order == nil || so.Order.Status != store.OrderCompleted ||
			len(so.Order.Lines) != 2 || so.Order.Total != p.Subtotal+p.Shipping+p.Tax || p.Fulfillment == nil) {
			t.Errorf("order %d: %s %+v, want completed with 2 lines and delivery", i, so.Status, so.Order)
		}
		if i == 2 && (so.Refusal == nil || so.Refusal.Code != checkout.RefusalOutOfStock || so.Refusal.Params.Title != short.Title) {
			t.Errorf("order 3: %+v, want refused out of stock naming %q", so.Refusal, short.Title)
		}
	}
	e.ledger(out)
	toks := e.sb.Stripe.Tokens()
	if len(toks) != 2 {
		t.Fatalf("%d tokens, want one per placed seller order", len(toks))
	}
	want := map[int64]bool{out.Orders[0].Purchase.Total: true, out.Orders[1].Purchase.Total: true}
	for i, tok := range toks {
		if !want[tok.MaxAmount] || tok.DeactivatedReason != "consumed" {
			t.Errorf("token %d: max %d (%s), want one of the placed orders' totals, consumed", i, tok.MaxAmount, tok.DeactivatedReason)
		}
	}
	if toks[0].SellerProfile == toks[1].SellerProfile {
		t.Error("the two tokens are scoped to the same seller")
	}
	cart, err := e.svc.ViewCart(ctx, e.customer)
	if err != nil || len(cart.Groups) != 1 || cart.Groups[0].SellerID != b.sellers[2] || len(cart.Groups[0].Lines) != 2 {
		t.Errorf("cart after checkout: %+v, %v; want only the refused seller's two lines", cart, err)
	}
	// A retry of the same cart is a new attempt at what is left, and is refused again.
	again, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || again.Status != checkout.CheckoutNothingBought || again.Checkout.ID == out.Checkout.ID {
		t.Errorf("second checkout: %+v, %v", again.Status, err)
	}
	if n := e.succeeded(); n != 2 {
		t.Errorf("%d succeeded PaymentIntents after the retry, want 2", n)
	}
}

// A product that became a subscription after it was put in the cart is not bought
// once through the cart: its line is refused, the rest is bought, and it stays in the
// cart.
func TestCheckoutRefusesALineThatBecameASubscription(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	b := e.fillCart()
	sub := b.products[b.sellers[0]][0]
	sub.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{sub}); err != nil {
		t.Fatal(err)
	}
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || out.Status != checkout.CheckoutPartial {
		t.Fatalf("checkout: %+v, %v", out.Status, err)
	}
	refused := 0
	for _, so := range out.Orders {
		for _, l := range so.Purchase.Lines {
			if l.ProductID == sub.ID && (so.Refusal == nil || so.Refusal.Code != checkout.RefusalSubscriptionProduct) {
				t.Errorf("the subscription's line: %s %+v, want refused as a subscription product", so.Status, so.Refusal)
			}
		}
		if so.Refusal != nil {
			refused++
		}
	}
	if refused != 1 || e.succeeded() != len(b.sellers) {
		t.Errorf("%d refused, %d charged; want the one line refused and every seller's other lines bought", refused, e.succeeded())
	}
	cart, err := e.svc.ViewCart(ctx, e.customer)
	if err != nil || len(cart.Groups) != 1 || len(cart.Groups[0].Lines) != 1 || cart.Groups[0].Lines[0].ProductID != sub.ID {
		t.Errorf("cart after checkout: %+v, %v; want only the subscription's line", cart, err)
	}
}

// 50 checkouts of the same cart at once (no idempotency key): one charge per seller,
// and every call reports the same checkout.
func TestConcurrentCheckoutsOfOneCart(t *testing.T) {
	e := newEnv(t, envOpts{rules: &noLimits})
	b := e.fillCart()
	// 20 racing calls: enough to race every step, few enough that under -race on a
	// busy 2-core machine no call waits past SQLite's 5 s busy timeout or the 30 s
	// settle wait (50 did, at a load average of 20+).
	const n = 20
	outs := make([]checkout.CheckoutOutcome, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer})
		}()
	}
	wg.Wait()
	var first checkout.CheckoutOutcome
	var boughtBy []string // the checkouts named by calls refused cart_bought
	for i := range n {
		var ref *checkout.Refusal
		switch {
		case errors.As(errs[i], &ref) && ref.Code == checkout.RefusalCartEmpty:
			continue // came after the cart was bought: nothing left to buy
		case errors.As(errs[i], &ref) && ref.Code == checkout.RefusalCartBought:
			boughtBy = append(boughtBy, ref.Params.CheckoutID) // came after: told which checkout bought it
		case errs[i] != nil || outs[i].Status != checkout.CheckoutCompleted:
			t.Fatalf("call %d: %+v, %v", i, outs[i].Status, errs[i])
		case first.Checkout.ID == "":
			first = outs[i]
		case outs[i].Checkout.ID != first.Checkout.ID:
			t.Errorf("call %d reports checkout %s, another %s", i, outs[i].Checkout.ID, first.Checkout.ID)
		}
	}
	if len(first.Orders) != len(b.sellers) {
		t.Fatalf("%d seller orders, want %d", len(first.Orders), len(b.sellers))
	}
	for _, id := range boughtBy {
		if id != first.Checkout.ID {
			t.Errorf("a call refused cart_bought names checkout %q, the one that bought the cart is %s", id, first.Checkout.ID)
		}
	}
	e.ledger(first)
	if got := e.succeeded(); got != len(b.sellers) {
		t.Errorf("%d succeeded PaymentIntents, want one per seller (%d)", got, len(b.sellers))
	}
	if toks := e.sb.Stripe.Tokens(); len(toks) != len(b.sellers) {
		t.Errorf("%d tokens issued, want %d", len(toks), len(b.sellers))
	}
}

// A crash after each step of a multi-seller checkout leaves it to recovery, which
// settles every seller order exactly once: completed orders were charged once, the
// others not at all, no token stays usable, and neither a second recovery nor a retry
// of the checkout changes anything. The "one seller order" cases crash only the first
// seller order to reach the step, while the others pay to their end, as a kill -9 does
// when one seller has charged and another not yet: the retry answers partial (or
// completed), and only the unpaid seller's lines stay in the cart.
func TestCheckoutCrashRecovery(t *testing.T) {
	for _, tc := range []struct {
		name, step    string
		once          bool // only the first seller order to reach step crashes
		wantCompleted int  // of the 3 seller orders, once settled
	}{
		{name: "approved", step: "approved", wantCompleted: 0},
		{name: "token_issued", step: "token_issued", wantCompleted: 0},
		{name: "seller_completed", step: "seller_completed", wantCompleted: 3},
		{name: "order_recorded", step: "order_recorded", wantCompleted: 3},
		{name: "one seller order crashes with its token issued, the others pay", step: "token_issued", once: true, wantCompleted: 2},
		{name: "one seller order crashes once its seller charged, the others pay", step: "seller_completed", once: true, wantCompleted: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var crashed atomic.Bool
			e := newEnv(t, envOpts{rules: &noLimits, config: func(c *checkout.Config) {
				c.Fault = func(s string) error {
					if s == tc.step && (!tc.once || !crashed.Swap(true)) {
						return errors.New("crash")
					}
					return nil
				}
			}})
			e.fillCart()
			out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			if err == nil {
				t.Fatalf("checkout went through the crash: %+v", out.Status)
			}
			e.cfg.Fault = nil
			restarted := e.service()
			if _, err := restarted.Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			settled, err := restarted.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			if err != nil || settled.Status == checkout.CheckoutPending || len(settled.Orders) != 3 {
				t.Fatalf("after recovery: %+v, %v", settled, err)
			}
			if settled.Checkout.State != store.CheckoutDone {
				t.Errorf("checkout %s after recovery, want done", settled.Checkout.State)
			}
			completed := 0
			for _, so := range settled.Orders {
				if so.Status == checkout.StatusCompleted {
					completed++
				} else if so.Refusal == nil {
					t.Errorf("%s: %s without a refusal saying why", so.Purchase.SellerID, so.Status)
				}
			}
			wantStatus := map[int]checkout.CheckoutStatus{0: checkout.CheckoutNothingBought, 3: checkout.CheckoutCompleted}[tc.wantCompleted]
			if wantStatus == "" {
				wantStatus = checkout.CheckoutPartial
			}
			if completed != tc.wantCompleted || settled.Status != wantStatus {
				t.Errorf("%d seller orders completed, checkout %s; want %d, %s", completed, settled.Status, tc.wantCompleted, wantStatus)
			}
			e.ledger(settled)
			for _, tok := range e.sb.Stripe.Tokens() {
				if tok.Status != "deactivated" {
					t.Errorf("token of %d still %s after recovery", tok.AmountCaptured, tok.Status)
				}
			}
			charged := e.succeeded()
			if _, err := restarted.Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := restarted.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"}); err != nil {
				t.Fatal(err)
			}
			if e.succeeded() != charged {
				t.Errorf("recovery or the retry charged again: %d, then %d", charged, e.succeeded())
			}
			cart, _ := e.svc.ViewCart(ctx, e.customer)
			if groups := len(cart.Groups); groups != 3-tc.wantCompleted {
				t.Errorf("cart has %d seller groups after recovery, want %d: bought lines leave it, others stay", groups, 3-tc.wantCompleted)
			}
		})
	}
}

// Above the confirmation threshold, one quote covers the basket; confirming it by its
// id pays every seller order, and confirming again returns the same outcome.
func TestCheckoutQuoteThenConfirm(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.ConfirmAbove = 100_00
	e := newEnv(t, envOpts{rules: &rules})
	e.fillCart()
	q, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || q.Status != checkout.CheckoutConfirmationRequired || q.Checkout.QuoteID == "" || len(q.Orders) != 3 {
		t.Fatalf("quote: %+v, %v", q, err)
	}
	var sum int64
	for _, so := range q.Orders {
		sum += so.Purchase.Total
	}
	if q.Checkout.Total != sum || e.succeeded() != 0 {
		t.Errorf("quote total %d, orders %d, %d charged", q.Checkout.Total, sum, e.succeeded())
	}
	// The same cart asked again gets the same quote, not a second one.
	if q2, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer}); err != nil || q2.Checkout.QuoteID != q.Checkout.QuoteID {
		t.Errorf("second call: %+v, %v", q2.Checkout.QuoteID, err)
	}
	// A single product's purchase cannot confirm it.
	if _, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID}); err == nil {
		t.Error("purchase confirmed a checkout's quote")
	}
	// Another delivery option asked for gets a new quote with it, and the old quote
	// no longer confirms; asking for the default again gets a third.
	ex, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, FulfillmentOption: "express"})
	if err != nil || ex.Status != checkout.CheckoutConfirmationRequired || ex.Checkout.QuoteID == q.Checkout.QuoteID {
		t.Fatalf("express quote: %+v, %v", ex.Checkout, err)
	}
	for _, so := range ex.Orders {
		if f := so.Purchase.Fulfillment; f == nil || f.ID != "express" {
			t.Errorf("%s quoted with delivery %+v, want express", so.Purchase.SellerID, f)
		}
	}
	if _, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID}); err == nil {
		t.Error("the superseded quote confirmed")
	}
	q, err = e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || q.Status != checkout.CheckoutConfirmationRequired || q.Checkout.QuoteID == ex.Checkout.QuoteID {
		t.Fatalf("default quote again: %+v, %v", q.Checkout, err)
	}
	if e.succeeded() != 0 {
		t.Fatalf("%d charged before any confirmation", e.succeeded())
	}
	done, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID})
	if err != nil || done.Status != checkout.CheckoutCompleted {
		for _, so := range done.Orders {
			t.Logf("%s: %s %+v", so.Purchase.SellerID, so.Status, so.Refusal)
		}
		t.Fatalf("confirm: %+v, %v", done.Status, err)
	}
	e.ledger(done)
	again, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID})
	if err != nil || again.Status != checkout.CheckoutCompleted || e.succeeded() != 3 {
		t.Errorf("confirm again: %+v, %v, %d charged", again.Status, err, e.succeeded())
	}
}

// A basket the monthly limit rules out is refused before the person is asked to
// confirm it, as a single purchase is, with nothing charged and the cart as it was.
func TestCheckoutMonthlyLimitBeforeConfirmation(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.MonthlyMax, rules.ConfirmAbove = 60_00, 0 // above each seller order, below the basket
	e := newEnv(t, envOpts{rules: &rules})
	e.fillCart()
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err == nil {
		t.Fatalf("checkout: %s, want a refusal before confirmation", out.Status)
	}
	ref := wantRefusal(t, err, checkout.RefusalOverMonthlyLimit)
	if ref.Params.Amount <= rules.MonthlyMax || e.succeeded() != 0 || len(e.sb.Stripe.Tokens()) != 0 {
		t.Errorf("refusal %+v, %d charged", ref.Params, e.succeeded())
	}
	if cart, _ := e.svc.ViewCart(ctx, e.customer); len(cart.Groups) != 3 {
		t.Errorf("cart lost lines: %+v", cart)
	}
}

// The daily limit applies to the basket as a whole: a basket over it is refused, with
// nothing charged and the cart as it was.
func TestCheckoutDailyLimitOverBasket(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.DailyMax = 60_00 // above each seller order, below the basket
	e := newEnv(t, envOpts{rules: &rules})
	e.fillCart()
	_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	ref := wantRefusal(t, err, checkout.RefusalOverDailyLimit)
	if ref.Params.Amount <= rules.DailyMax || e.succeeded() != 0 || len(e.sb.Stripe.Tokens()) != 0 {
		t.Errorf("refusal %+v, %d charged", ref.Params, e.succeeded())
	}
	if cart, _ := e.svc.ViewCart(ctx, e.customer); len(cart.Groups) != 3 {
		t.Errorf("cart lost lines: %+v", cart)
	}
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer, Status: store.OrderPending})
	if err != nil || len(orders) != 0 {
		t.Errorf("pending orders %d (%v) count against the limit", len(orders), err)
	}
}

// The delivery option asked for is used by every seller that offers it; the quote
// shows every option, and the total includes the seller's delivery and tax.
func TestCheckoutDeliveryOptionAndTax(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	e.fillCart()
	// New York has a demo tax rate; express costs the same everywhere.
	a, err := e.st.AddAddress(ctx, store.Address{CustomerID: e.customer, Name: "Ada", Line1: "1 Main St", City: "New York",
		Region: "NY", PostalCode: "10001", Country: "US", Default: true})
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, FulfillmentOption: "express"})
	if err != nil || out.Status != checkout.CheckoutCompleted {
		t.Fatalf("checkout: %+v, %v", out.Status, err)
	}
	for _, so := range out.Orders {
		p := so.Purchase
		if p.AddressID != a.ID || p.Fulfillment == nil || p.Fulfillment.ID != "express" || p.Shipping != p.Fulfillment.Amount ||
			len(p.Fulfillment.Options) != 2 || p.Tax != (p.Subtotal*400+5000)/10000 || p.Total != p.Subtotal+p.Shipping+p.Tax {
			t.Errorf("%s: %+v to %s, shipping %d tax %d of %d", p.SellerID, p.Fulfillment, p.AddressID, p.Shipping, p.Tax, p.Subtotal)
		}
	}
	e.ledger(out)
}

func TestCartRules(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{})
	p := e.product(1000, 4000)
	var out *catalog.Product
	for _, q := range demo.Products() {
		if !q.Purchasable() {
			out = &q
			break
		}
	}
	tests := []struct {
		name string
		do   func() error
		code checkout.RefusalCode
	}{
		{"unknown product", func() error { _, err := e.svc.AddToCart(ctx, e.customer, "nope", 1); return err }, checkout.RefusalUnknownProduct},
		{"not purchasable", func() error { _, err := e.svc.AddToCart(ctx, e.customer, out.ID, 1); return err }, checkout.RefusalOutOfStock},
		{"zero added", func() error { _, err := e.svc.AddToCart(ctx, e.customer, p.ID, 0); return err }, checkout.RefusalInvalid},
		{"over 99 in a line", func() error {
			if _, err := e.svc.AddToCart(ctx, e.customer, p.ID, 60); err != nil {
				return err
			}
			_, err := e.svc.AddToCart(ctx, e.customer, p.ID, 40)
			return err
		}, checkout.RefusalCartQuantity},
		{"update what is not there", func() error { _, err := e.svc.UpdateCart(ctx, e.customer, "nope", 1); return err }, checkout.RefusalNotInCart},
		{"empty checkout", func() error {
			if _, err := e.svc.ClearCart(ctx, e.customer); err != nil {
				return err
			}
			_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
			return err
		}, checkout.RefusalCartEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantRefusal(t, tt.do(), tt.code) })
	}
	// A product that becomes unavailable stays in the cart, flagged.
	if _, err := e.svc.AddToCart(ctx, e.customer, p.ID, 2); err != nil {
		t.Fatal(err)
	}
	zero := int64(0)
	p.Stock = &zero
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.ViewCart(ctx, e.customer)
	if err != nil || len(v.Groups) != 1 || v.Groups[0].Lines[0].Unavailable != checkout.RefusalOutOfStock || v.Groups[0].Estimated != 0 {
		t.Errorf("cart %+v, %v; want the line flagged out of stock", v, err)
	}
	if _, err := e.svc.UpdateCart(ctx, e.customer, p.ID, 0); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.svc.ViewCart(ctx, e.customer); len(v.Groups) != 0 {
		t.Errorf("quantity 0 left %+v", v)
	}
}

// A checkout whose call died while quoting holds the cart for store.OpenCheckoutTTL
// at most: then a new checkout takes over, and the dead one can no longer approve.
func TestDeadCheckoutLetsGoOfTheCart(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	e.fillCart()
	dead, _, created, err := e.st.BeginCheckout(ctx, store.Checkout{CustomerID: e.customer, IdemKey: "dead", Mode: "sandbox"})
	if err != nil || !created {
		t.Fatalf("begin: %v, %v", created, err)
	}
	e.clock.Advance(store.OpenCheckoutTTL + time.Second)
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || out.Status != checkout.CheckoutCompleted || out.Checkout.ID == dead.ID {
		t.Fatalf("checkout after the dead one: %+v, %v", out.Status, err)
	}
	e.ledger(out)
	if got, err := e.st.CheckoutByID(ctx, dead.ID); err != nil || got.State != store.CheckoutRefused {
		t.Errorf("dead checkout %s, %v; want refused", got.State, err)
	}
	if err := e.st.ApproveCheckout(ctx, &dead, store.CheckoutOpen, nil, store.PurchaseOpen); !errors.Is(err, store.ErrStateChanged) {
		t.Errorf("the dead checkout could still approve: %v", err)
	}
}

// purchase with a delivery option its seller does not offer is refused, naming the
// ones it does, before any token; checkout instead uses each seller's cheapest, once
// the person has confirmed it: a quote, whatever the total, and no token before.
func TestUnknownDeliveryOption(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits})
	p := e.product(1000, 4000)
	_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, FulfillmentOption: "drone"})
	if ref := wantRefusal(t, err, checkout.RefusalUnknownFulfillment); ref.Params.Offered != "standard, express" || ref.Params.FulfillmentID != "drone" {
		t.Errorf("refusal %+v", ref.Params)
	}
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Error("a token was issued")
	}
	e.fillCart()
	q, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, FulfillmentOption: "drone"})
	if err != nil || q.Status != checkout.CheckoutConfirmationRequired || len(e.sb.Stripe.Tokens()) != 0 {
		t.Fatalf("checkout: %+v, %v, %d tokens; want a quote, no token", q.Status, err, len(e.sb.Stripe.Tokens()))
	}
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID})
	if err != nil || out.Status != checkout.CheckoutCompleted {
		t.Fatalf("confirmed: %+v, %v", out.Status, err)
	}
	for _, so := range out.Orders {
		if f := so.Purchase.Fulfillment; f == nil || f.ID != "standard" {
			t.Errorf("%s delivered by %+v, want the cheapest", so.Purchase.SellerID, f)
		}
	}
}

// The cart edited while its checkout pays: the checkout buys the lines it started
// with, each charged once, and only those quantities leave the cart. More of a bought
// line added meanwhile stays, a line the person removed stays removed, and a new line
// is kept for the next checkout.
func TestCartEditedWhileItsCheckoutPays(t *testing.T) {
	ctx := context.Background()
	gate := testshop.NewCompleteGate(t)
	completing := gate.Entered
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: gate.Hold}})
	b := e.fillCart()
	more, gone := b.products[b.sellers[0]][0], b.products[b.sellers[1]][0]
	var added catalog.Product
	for _, p := range demo.Products() {
		if p.Purchasable() && p.Price.Currency == "USD" && p.SellerID == b.sellers[0] && p.ID != more.ID &&
			p.ID != b.products[b.sellers[0]][1].ID && p.Billing == nil {
			added = p
			break
		}
	}
	if added.ID == "" {
		t.Fatal("no other product of the first seller")
	}
	done := make(chan checkout.CheckoutOutcome)
	go func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
		if err != nil {
			t.Error(err)
		}
		done <- out
	}()
	<-completing
	if _, err := e.svc.AddToCart(ctx, e.customer, more.ID, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.UpdateCart(ctx, e.customer, gone.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AddToCart(ctx, e.customer, added.ID, 1); err != nil {
		t.Fatal(err)
	}
	gate.Open()
	out := <-done
	if out.Status != checkout.CheckoutCompleted {
		t.Fatalf("checkout %s, want completed", out.Status)
	}
	e.ledger(out)
	if got := e.succeeded(); got != len(b.sellers) {
		t.Errorf("%d charges, want one per seller (%d)", got, len(b.sellers))
	}
	cart, err := e.st.Cart(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]int{}
	for _, l := range cart.Lines {
		left[l.ProductID] = l.Quantity
	}
	if want := map[string]int{more.ID: 2, added.ID: 1}; !maps.Equal(left, want) {
		t.Errorf("cart after the checkout = %v, want %v", left, want)
	}
}

// Emptying the cart (clear_cart, or update_cart removing its last line) while a quote
// of it awaits confirmation ends that checkout: confirming the quote afterwards buys
// nothing and is refused as cart_emptied (not superseded), as is a retry with the
// checkout's key, with nothing charged; a product added to the emptied cart waits for
// the next checkout.
func TestEmptiedCartEndsItsQuote(t *testing.T) {
	for _, tc := range []struct {
		name  string
		empty func(e *env, b basket) (store.Emptied, error)
	}{
		{"clear_cart", func(e *env, _ basket) (store.Emptied, error) {
			return e.svc.ClearCart(context.Background(), e.customer)
		}},
		{"update_cart removing every line", func(e *env, b basket) (store.Emptied, error) {
			var last checkout.CartView
			for _, s := range b.sellers {
				for _, p := range b.products[s] {
					v, err := e.svc.UpdateCart(context.Background(), e.customer, p.ID, 0)
					if err != nil {
						return store.Emptied{}, err
					}
					if len(v.Groups) > 0 && v.Emptied != nil {
						e.t.Errorf("removing %s, with lines left, emptied the cart: %+v", p.ID, *v.Emptied)
					}
					last = v
				}
			}
			if last.Emptied == nil {
				return store.Emptied{}, errors.New("removing the last line did not say the cart was emptied")
			}
			return *last.Emptied, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			rules := noLimits
			rules.ConfirmAbove = 1_00
			e := newEnv(t, envOpts{rules: &rules})
			b := e.fillCart()
			quoted, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			if err != nil || quoted.Status != checkout.CheckoutConfirmationRequired {
				t.Fatalf("quote: %s, %v", quoted.Status, err)
			}
			emptied, err := tc.empty(e, b)
			if err != nil || emptied.Ended.ID != quoted.Checkout.ID || emptied.Ended.QuoteID != quoted.Checkout.QuoteID || emptied.Paying.ID != "" {
				t.Fatalf("emptied %+v, %v; want the quote %s ended", emptied, err, quoted.Checkout.QuoteID)
			}
			other := e.product(500, 5000)
			if _, err := e.svc.AddToCart(ctx, e.customer, other.ID, 1); err != nil {
				t.Fatal(err)
			}
			for _, r := range []checkout.CheckoutRequest{
				{CustomerID: e.customer, QuoteID: quoted.Checkout.QuoteID},
				{CustomerID: e.customer, QuoteID: quoted.Checkout.QuoteID},
				{CustomerID: e.customer, IdempotencyKey: "k1"},
			} {
				out, err := e.svc.Checkout(ctx, r)
				if ref := wantRefusal(t, err, checkout.RefusalCartEmptied); ref.KeptUnder != "k1" {
					t.Errorf("%+v: refusal kept under %q, want k1", r, ref.KeptUnder)
				}
				if out.Status != "" {
					t.Errorf("%+v: status %s alongside the refusal", r, out.Status)
				}
			}
			ps, err := e.st.CheckoutPurchases(ctx, quoted.Checkout.ID)
			if err != nil || len(ps) != len(b.sellers) {
				t.Fatalf("%d seller orders, %v", len(ps), err)
			}
			for _, p := range ps {
				if p.State != store.PurchaseCanceled || p.FailureCode != string(checkout.RefusalCartEmptied) {
					t.Errorf("seller order %s: %s %q, want canceled, cart_emptied", p.SellerID, p.State, p.FailureCode)
				}
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
			cart, err := e.st.Cart(ctx, e.customer)
			if err != nil || len(cart.Lines) != 1 || cart.Lines[0].ProductID != other.ID {
				t.Errorf("cart %+v, %v; want only %s, added after the emptying", cart.Lines, err, other.ID)
			}
			// The next checkout buys what the cart holds now.
			out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k2"})
			if err != nil || out.Status != checkout.CheckoutConfirmationRequired || len(out.Orders) != 1 || out.Orders[0].Purchase.ProductID != other.ID {
				t.Errorf("next checkout: %s, %v, %+v; want a quote of %s", out.Status, err, out.Orders, other.ID)
			}
		})
	}
}

// Emptying the cart while a checkout of it is being paid (confirmed, its sellers
// completing) does not stop it: the emptying says so, and every seller order is charged
// once and completes.
func TestEmptiedCartWhileItsCheckoutPays(t *testing.T) {
	ctx := context.Background()
	gate := testshop.NewCompleteGate(t)
	completing := gate.Entered
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: gate.Hold}})
	b := e.fillCart()
	done := make(chan checkout.CheckoutOutcome)
	go func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
		if err != nil {
			t.Error(err)
		}
		done <- out
	}()
	<-completing
	emptied, err := e.svc.ClearCart(ctx, e.customer)
	gate.Open()
	out := <-done
	if err != nil || emptied.Paying.ID == "" || emptied.Paying.ID != out.Checkout.ID || emptied.Ended.ID != "" || emptied.Removed != 2*len(b.sellers) {
		t.Fatalf("emptied %+v, %v; want the checkout %s paying, not ended, and %d lines removed", emptied, err, out.Checkout.ID, 2*len(b.sellers))
	}
	if out.Status != checkout.CheckoutCompleted {
		t.Fatalf("checkout %s, want completed", out.Status)
	}
	e.ledger(out)
	if n := e.succeeded(); n != len(b.sellers) {
		t.Errorf("%d charges, want one per seller (%d)", n, len(b.sellers))
	}
	if cart, err := e.st.Cart(ctx, e.customer); err != nil || len(cart.Lines) != 0 {
		t.Errorf("cart %+v, %v; want it empty", cart.Lines, err)
	}
}

// Emptying the cart while its checkout's sellers quote (before anything is approved)
// ends that checkout too: its call answers cart_emptied, nothing is approved or
// charged, even below the confirmation threshold, where it would have paid at once.
func TestEmptiedCartWhileItsCheckoutQuotes(t *testing.T) {
	ctx := context.Background()
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
				once.Do(func() { close(entered); <-release })
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: hold}})
	e.fillCart()
	done := make(chan error, 1)
	go func() {
		_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
		done <- err
	}()
	<-entered
	emptied, err := e.svc.ClearCart(ctx, e.customer)
	close(release)
	if err != nil || emptied.Ended.ID == "" || emptied.Ended.QuoteID != "" {
		t.Fatalf("emptied %+v, %v; want the checkout being quoted ended", emptied, err)
	}
	wantRefusal(t, <-done, checkout.RefusalCartEmptied)
	_, err = e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	wantRefusal(t, err, checkout.RefusalCartEmptied)
	ps, err := e.st.CheckoutPurchases(ctx, emptied.Ended.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if !store.Terminal(p.State) || p.OrderID != "" {
			t.Errorf("seller order %s: %s, order %q; want it ended with no order", p.SellerID, p.State, p.OrderID)
		}
	}
	if n := len(e.sb.Stripe.Tokens()); n != 0 {
		t.Errorf("%d tokens issued, want none", n)
	}
}

// Emptying the cart while its checkout records its seller orders (before any seller is
// asked) ends the checkout, and no seller order is recorded after it: the store refuses
// one for a checkout no longer open, so no seller is asked and none is left open.
func TestEmptiedCartWhileItsSellerOrdersAreRecorded(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after int // seller orders recorded before the cart is emptied
	}{
		{"recording the first seller order", 0},
		{"recording the second seller order", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opens atomic.Int32
			countOpens := func(_ string, h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
						opens.Add(1)
					}
					h.ServeHTTP(w, r)
				})
			}
			e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: countOpens}})
			b := e.fillCart()
			if len(b.sellers) < 2 {
				t.Fatalf("the cart has %d sellers, want at least 2", len(b.sellers))
			}
			bg := context.Background()
			var (
				begun    atomic.Int32
				emptied  store.Emptied
				emptyErr error
			)
			e.st.Now = func() time.Time { // the cart is emptied as the store begins recording a seller order
				if calledFrom("github.com/commerce-mcp/commerce-mcp/store.(*Store).BeginPurchase") &&
					!calledFrom("github.com/commerce-mcp/commerce-mcp/store.(*Store).appendEvent") &&
					begun.Add(1) == int32(tc.after+1) {
					emptied, emptyErr = e.svc.ClearCart(bg, e.customer)
				}
				return e.clock.Now()
			}
			_, err := e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			wantRefusal(t, err, checkout.RefusalCartEmptied)
			if emptyErr != nil || emptied.Ended.ID == "" || emptied.Ended.QuoteID != "" {
				t.Fatalf("emptied %+v, %v; want the checkout being quoted ended", emptied, emptyErr)
			}
			_, err = e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			wantRefusal(t, err, checkout.RefusalCartEmptied)
			c, err := e.st.CheckoutByKey(bg, e.customer, "k1")
			if err != nil || c.ID != emptied.Ended.ID || c.State != store.CheckoutCanceled || c.FailureCode != string(checkout.RefusalCartEmptied) {
				t.Fatalf("checkout %s %s %q (%v); want %s canceled, cart_emptied", c.ID, c.State, c.FailureCode, err, emptied.Ended.ID)
			}
			ps, err := e.st.CheckoutPurchases(bg, c.ID)
			if err != nil || len(ps) != tc.after {
				t.Fatalf("%d seller orders (%v), want the %d recorded before the emptying", len(ps), err, tc.after)
			}
			for _, p := range ps {
				if !store.Terminal(p.State) || p.OrderID != "" {
					t.Errorf("seller order %s: %s, order %q; want it ended with no order", p.SellerID, p.State, p.OrderID)
				}
			}
			if n := opens.Load(); n != 0 {
				t.Errorf("%d seller sessions opened for the emptied cart, want none", n)
			}
			if n := len(e.sb.Stripe.Tokens()); n != 0 {
				t.Errorf("%d tokens issued, want none", n)
			}
		})
	}
}

// A checkout whose every seller refused is ended by its call; when the cart is emptied
// just before (the checkout canceled, as the last seller session is canceled), the call
// answers what is recorded, as a retry of its key does (cart_emptied), not the outcome
// it held in memory.
func TestEmptiedCartAsItsCheckoutEnds(t *testing.T) {
	var (
		e        *env
		sellers  int
		cancels  atomic.Int32
		emptied  store.Emptied
		emptyErr error
	)
	bg := context.Background()
	emptyAtLastCancel := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/cancel") && cancels.Add(1) == int32(sellers) {
				emptied, emptyErr = e.svc.ClearCart(bg, e.customer) // every seller order is already refused
			}
			h.ServeHTTP(w, r)
		})
	}
	rules := noLimits
	rules.PerOrderMax = 1 // every seller's quote is over it: refused, its session canceled
	e = newEnv(t, envOpts{rules: &rules, sandbox: sandbox.Options{SellerMiddleware: emptyAtLastCancel}})
	sellers = len(e.fillCart().sellers)
	_, err := e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if emptyErr != nil || emptied.Ended.ID == "" {
		t.Fatalf("emptied %+v, %v; want the checkout ended", emptied, emptyErr)
	}
	wantRefusal(t, err, checkout.RefusalCartEmptied)
	_, err = e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	wantRefusal(t, err, checkout.RefusalCartEmptied)
}

// A checkout's refusal names the key of the checkout it was recorded with (KeptUnder),
// none when it came before one was begun, so that a caller can tell whether its
// idempotency key keeps it; a call that joins another call's checkout of the same cart
// is answered with that checkout, under the other key.
func TestCheckoutRefusalNamesItsCheckout(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.DailyMax = 1_00
	e := newEnv(t, envOpts{rules: &rules})
	_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k0"})
	wantRefusal(t, err, checkout.RefusalCartEmpty)
	e.fillCart()
	for _, tt := range []struct {
		name string
		req  checkout.CheckoutRequest
		code checkout.RefusalCode
		key  string // the refusal is kept under; "" for none
	}{
		{"unknown address", checkout.CheckoutRequest{IdempotencyKey: "k0", AddressID: "nope"}, checkout.RefusalUnknownAddress, ""},
		{"reserved key", checkout.CheckoutRequest{IdempotencyKey: checkout.ReservedKeyPrefix + "x"}, checkout.RefusalReservedKey, ""},
		{"over the daily limit", checkout.CheckoutRequest{IdempotencyKey: "k1"}, checkout.RefusalOverDailyLimit, "k1"},
		{"the same key again", checkout.CheckoutRequest{IdempotencyKey: "k1"}, checkout.RefusalOverDailyLimit, "k1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.CustomerID = e.customer
			_, err := e.svc.Checkout(ctx, tt.req)
			if ref := wantRefusal(t, err, tt.code); ref.KeptUnder != tt.key {
				t.Errorf("refusal kept under %q, want %q", ref.KeptUnder, tt.key)
			}
		})
	}
	rules = noLimits
	rules.ConfirmAbove = 1_00
	if err := e.st.SetRules(ctx, e.customer, rules); err != nil {
		t.Fatal(err)
	}
	quoted, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k2"})
	if err != nil || quoted.Status != checkout.CheckoutConfirmationRequired {
		t.Fatalf("quote: %+v, %v", quoted.Status, err)
	}
	joined, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k3"})
	if err != nil || joined.Checkout.ID != quoted.Checkout.ID || joined.Checkout.IdemKey != "k2" {
		t.Errorf("a call under k3 while the cart is quoted under k2: checkout %q under %q (%v), want %q under k2",
			joined.Checkout.ID, joined.Checkout.IdemKey, err, quoted.Checkout.ID)
	}
}

// A checkout stopped while its sellers quote (as by a crash: here recovery settles it
// while every seller's POST /checkout_sessions stalls) is refused as interrupted, and
// the outcome its key returns still names each seller and prices its lines in their
// currency: the seller orders are recorded with what the catalog said of them before
// any seller answered. Nothing is charged and the lines stay in the cart.
func TestCheckoutInterruptedWhileQuoting(t *testing.T) {
	ctx := context.Background()
	var (
		entered = make(chan struct{})
		release = make(chan struct{})
		once    sync.Once
	)
	stallOpens := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
				once.Do(func() { close(entered) })
				<-release
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: stallOpens}})
	b := e.fillCart()
	done := make(chan error, 1)
	go func() {
		_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
		done <- err
	}()
	<-entered
	if _, err := e.service().Recover(ctx, 0); err != nil {
		t.Fatal(err)
	}
	close(release)
	<-done
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if err != nil || out.Status != checkout.CheckoutNothingBought || len(out.Orders) == 0 {
		t.Fatalf("after recovery: %+v, %v; want every seller order refused", out.Status, err)
	}
	names := map[string]string{}
	for _, id := range b.sellers {
		s, err := e.cat.Seller(ctx, id)
		if err != nil || s.Name == "" {
			t.Fatalf("seller %s: %+v, %v", id, s, err)
		}
		names[id] = s.Name
	}
	for _, so := range out.Orders {
		p := so.Purchase
		if so.Refusal == nil || so.Refusal.Code != "interrupted" {
			t.Errorf("%s: %s (%+v), want refused as interrupted", p.SellerID, so.Status, so.Refusal)
		}
		if p.SellerName == "" || p.SellerName != names[p.SellerID] {
			t.Errorf("%s: seller name %q, want %q", p.SellerID, p.SellerName, names[p.SellerID])
		}
		if p.Currency != "USD" || p.Title == "" || len(p.Lines) == 0 {
			t.Errorf("%s: currency %q, title %q, %d lines; want USD, the first line's title, its lines", p.SellerID, p.Currency, p.Title, len(p.Lines))
		}
	}
	e.ledger(out)
	if cart, _ := e.svc.ViewCart(ctx, e.customer); len(cart.Groups) != len(b.sellers) {
		t.Errorf("cart has %d seller groups, want the %d it had", len(cart.Groups), len(b.sellers))
	}
}

// A checkout the person confirmed is paid to its end when its caller goes away while a
// seller completes its order (the client disconnected, or cancelled the request): the
// other sellers' orders are not left alone completed, and this one is not failed with
// its token revoked. Each seller order is charged once.
func TestCheckoutPaidAfterCallerLeaves(t *testing.T) {
	var (
		entered = make(chan struct{})
		release = make(chan struct{})
		once    sync.Once
		slow    string // the seller whose complete waits
	)
	holdComplete := func(id string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if id == slow && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") {
				once.Do(func() { close(entered) })
				<-release
			}
			h.ServeHTTP(w, r)
		})
	}
	overHTTP := func(id string, h http.Handler) http.Handler { // as a real seller is reached
		return overLoopback(t, holdComplete(id, h))
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: overHTTP}})
	b := e.fillCart()
	slow = b.sellers[1]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		out checkout.CheckoutOutcome
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
		done <- result{out, err}
	}()
	<-entered
	cancel() // the caller is gone while the slow seller completes
	close(release)
	<-done
	out, err := e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if err != nil || out.Status != checkout.CheckoutCompleted {
		for _, so := range out.Orders {
			t.Logf("%s: %s %v", so.Purchase.SellerID, so.Status, so.Refusal)
		}
		t.Fatalf("after the caller left: %s, %v; want every seller order completed", out.Status, err)
	}
	e.ledger(out)
	if n := e.succeeded(); n != len(b.sellers) {
		t.Errorf("%d charges, want %d", n, len(b.sellers))
	}
}

// A checkout whose caller goes away while its sellers quote ends at once with every
// seller order interrupted (nothing was approved, so nothing charged; the lines stay in
// the cart), not with a seller blamed for "not responding", and not left open for
// recovery with the key's retry answering pending.
func TestCheckoutCallerLeavesWhileQuoting(t *testing.T) {
	var (
		entered = make(chan struct{})
		release = make(chan struct{})
		once    sync.Once
	)
	overHTTP := func(id string, h http.Handler) http.Handler {
		held := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
				held := false
				once.Do(func() { held = true; close(entered) })
				if held {
					<-release
				}
			}
			h.ServeHTTP(w, r)
		})
		return overLoopback(t, held)
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: overHTTP}})
	b := e.fillCart()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
		done <- err
	}()
	<-entered
	cancel()
	close(release)
	<-done
	start := time.Now()
	out, err := e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if err != nil || out.Status != checkout.CheckoutNothingBought || len(out.Orders) != len(b.sellers) {
		t.Fatalf("retry after %v: %s, %v, %d orders; want every seller order refused", time.Since(start), out.Status, err, len(out.Orders))
	}
	for _, so := range out.Orders {
		if so.Refusal == nil || so.Refusal.Code != checkout.RefusalInterrupted {
			t.Errorf("%s: %s (%+v), want interrupted", so.Purchase.SellerID, so.Status, so.Refusal)
		}
	}
	if out.Checkout.State != store.CheckoutDone {
		t.Errorf("checkout %s, want done", out.Checkout.State)
	}
	e.ledger(out)
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Errorf("%d tokens issued, want none", len(e.sb.Stripe.Tokens()))
	}
	if cart, _ := e.svc.ViewCart(context.Background(), e.customer); len(cart.Groups) != len(b.sellers) {
		t.Errorf("cart has %d seller groups, want the %d it had", len(cart.Groups), len(b.sellers))
	}
}

// calledFrom reports whether fn (a function's full name, e.g.
// "github.com/commerce-mcp/commerce-mcp/store.(*Store).BeginPurchase") is on the
// calling goroutine's stack.
func calledFrom(fn string) bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if f.Function == fn {
			return true
		}
		if !more {
			return false
		}
	}
}

// A checkout whose caller goes away before any seller is asked (while its seller
// orders are being recorded, about a millisecond in) ends at once, refused as
// interrupted with every seller order recorded so far (nothing approved, so nothing
// charged; the lines stay in the cart), not left open until recovery with the key's
// retry waiting and answering pending.
func TestCheckoutCallerLeavesBeforeSellersAreAsked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after int // seller orders recorded before the caller leaves
	}{
		{"recording the first seller order", 0},
		{"recording the second seller order", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opens atomic.Int32
			countOpens := func(_ string, h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
						opens.Add(1)
					}
					h.ServeHTTP(w, r)
				})
			}
			e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: countOpens}})
			b := e.fillCart()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var begun atomic.Int32
			e.st.Now = func() time.Time { // the caller leaves as the store records a seller order
				if calledFrom("github.com/commerce-mcp/commerce-mcp/store.(*Store).BeginPurchase") &&
					!calledFrom("github.com/commerce-mcp/commerce-mcp/store.(*Store).appendEvent") && begun.Add(1) > int32(tc.after) {
					cancel()
				}
				return e.clock.Now()
			}
			_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			if err == nil {
				t.Fatal("the call whose caller left answered without an error")
			}
			bg := context.Background()
			c, err := e.st.CheckoutByKey(bg, e.customer, "k1")
			if err != nil || c.State != store.CheckoutRefused || c.FailureCode != string(checkout.RefusalInterrupted) {
				t.Fatalf("checkout %s %q (%v) once its call returned; want refused, interrupted", c.State, c.FailureCode, err)
			}
			ps, err := e.st.CheckoutPurchases(bg, c.ID)
			if err != nil || len(ps) != tc.after {
				t.Fatalf("%d seller orders (%v), want %d", len(ps), err, tc.after)
			}
			for _, p := range ps {
				if p.State != store.PurchaseFailed || p.FailureCode != string(checkout.RefusalInterrupted) {
					t.Errorf("seller order %s: %s %q, want failed, interrupted", p.SellerID, p.State, p.FailureCode)
				}
			}
			_, err = e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
			wantRefusal(t, err, checkout.RefusalInterrupted)
			if n := opens.Load(); n != 0 {
				t.Errorf("%d seller sessions opened, want none", n)
			}
			if n := len(e.sb.Stripe.Tokens()); n != 0 {
				t.Errorf("%d tokens issued, want none", n)
			}
			if cart, _ := e.svc.ViewCart(bg, e.customer); len(cart.Groups) != len(b.sellers) {
				t.Errorf("cart has %d seller groups, want the %d it had", len(cart.Groups), len(b.sellers))
			}
			// The cart is free again: a new checkout quotes and buys it.
			out, err := e.svc.Checkout(bg, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k2"})
			if err != nil || out.Status != checkout.CheckoutCompleted {
				t.Fatalf("checkout again: %s, %v; want completed", out.Status, err)
			}
		})
	}
}

// TestViewCartOtherModeCheckout: a checkout of the cart killed while being paid (the
// approved fault) is shown by ViewCart of a server of another mode, which cannot
// settle it (OtherModeCheckout); a server of its mode settles it itself and shows
// none, as does a cart no checkout holds.
func TestViewCartOtherModeCheckout(t *testing.T) {
	tests := []struct {
		name   string
		paying bool          // a checkout of the cart was killed while being paid
		mode   checkout.Mode // the viewing server's
		want   bool
	}{
		{name: "another mode's checkout being paid", paying: true, mode: checkout.ModeTest, want: true},
		{name: "this mode's checkout being paid", paying: true, mode: checkout.ModeSandbox},
		{name: "no checkout", mode: checkout.ModeTest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{rules: &noLimits})
			ctx := context.Background()
			e.fillCart()
			var id string
			if tt.paying {
				e.cfg.Fault = func(step string) error {
					if step == "approved" {
						return errors.New("killed")
					}
					return nil
				}
				if _, err := e.service().Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer}); err == nil {
					t.Fatal("the injected crash did not stop the checkout")
				}
				e.cfg.Fault = nil
				cart, err := e.st.Cart(ctx, e.customer)
				if err != nil || cart.CheckoutID == "" {
					t.Fatalf("cart %+v, %v; want held by the checkout", cart, err)
				}
				id = cart.CheckoutID
			}
			cfg := e.cfg
			cfg.Mode = tt.mode
			v, err := mustService(t, cfg).ViewCart(ctx, e.customer)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.OtherModeCheckout != nil; got != tt.want || got && (v.OtherModeCheckout.ID != id || v.OtherModeCheckout.Mode != "sandbox") {
				t.Errorf("other mode's checkout %+v, want one: %v (%s)", v.OtherModeCheckout, tt.want, id)
			}
		})
	}
}
