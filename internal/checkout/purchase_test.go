package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/store"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

func TestPurchaseBelowThresholdCompletes(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(1000, 4000)
	out, err := e.buy(p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != checkout.StatusCompleted || out.Order == nil || out.Order.Status != store.OrderCompleted {
		t.Fatalf("outcome = %+v", out)
	}
	// The demo customer's address is in Oregon (no tax); under the free-shipping
	// threshold, the cheapest option is the reference seller's standard shipping.
	o := out.Order
	if o.Subtotal != p.Price.Amount || o.Tax != 0 || o.Shipping != seller.StandardShipping || o.Total != o.Subtotal+o.Shipping ||
		o.Currency != "USD" || o.SellerOrderID == "" {
		t.Errorf("order = %+v, want %d + %d shipping USD with a seller order id", o, p.Price.Amount, seller.StandardShipping)
	}
	if o.Fulfillment == nil || o.Fulfillment.ID != seller.OptionStandard || len(o.Fulfillment.Options) != 2 || o.AddressID == "" {
		t.Errorf("order delivery = %+v to %q, want standard of two options to the default address", o.Fulfillment, o.AddressID)
	}
	if out.Order.CardBrand != "visa" || out.Order.CardLast4 != "4242" || checkout.Mode(out.Order.Mode) != checkout.ModeSandbox {
		t.Errorf("order card/mode = %s %s %s", out.Order.CardBrand, out.Order.CardLast4, out.Order.Mode)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
	toks := e.sb.Stripe.Tokens()
	if len(toks) != 1 || toks[0].MaxAmount != o.Total || toks[0].Currency != "usd" || toks[0].DeactivatedReason != "consumed" {
		t.Errorf("tokens = %+v", toks)
	}
	if !toks[0].ExpiresAt.After(e.clock.Now()) || toks[0].ExpiresAt.After(e.clock.Now().Add(checkout.DefaultTokenTTL)) {
		t.Errorf("token expires at %v, want within %v of %v", toks[0].ExpiresAt, checkout.DefaultTokenTTL, e.clock.Now())
	}
	got, err := e.cat.Product(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stock != nil && (got.Stock == nil || *got.Stock != *p.Stock-1) {
		t.Errorf("stock after purchase = %v, want %d", got.Stock, *p.Stock-1)
	}
}

func TestPurchaseAboveThresholdNeedsQuote(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(6000, 40000)
	out, err := e.buy(p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != checkout.StatusConfirmationRequired || out.Purchase.QuoteID == "" {
		t.Fatalf("outcome = %+v", out)
	}
	if q := out.Purchase; q.Title != p.Title || q.CardBrand != "visa" || q.CardLast4 != "4242" {
		t.Errorf("quote %+v lacks the title or card", q)
	}
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Fatal("a token was issued before confirmation")
	}
	ctx := context.Background()
	done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	if err != nil || done.Status != checkout.StatusCompleted {
		t.Fatalf("confirm: %+v, %v", done, err)
	}
	again, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	if err != nil || again.Order == nil || again.Order.ID != done.Order.ID {
		t.Fatalf("second confirm: %+v, %v; want the first order", again, err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
}

func TestConcurrentConfirmationsChargeOnce(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(6000, 40000)
	out := e.quote(p.ID, "quote")
	const n = 50
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		orders = map[string]int{}
		errs   []error
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o, err := e.svc.Purchase(context.Background(), checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			if o.Status != checkout.StatusCompleted || o.Order == nil {
				errs = append(errs, errors.New("status "+string(o.Status)))
				return
			}
			orders[o.Order.ID]++
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d calls failed, first: %v", len(errs), errs[0])
	}
	if len(orders) != 1 {
		t.Fatalf("calls saw %d different orders, want 1: %v", len(orders), orders)
	}
	if got := e.succeeded(); got != 1 || len(e.sb.Stripe.PaymentIntents()) != 1 {
		t.Errorf("%d succeeded of %d PaymentIntents, want exactly 1", got, len(e.sb.Stripe.PaymentIntents()))
	}
	list, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(list) != 1 {
		t.Errorf("orders = %d (%v), want 1", len(list), err)
	}
}

func TestIdempotencyKeyReturnsFirstOutcome(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(1000, 4000)
	ctx := context.Background()
	req := checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "k-1"}
	first, err := e.svc.Purchase(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.svc.Purchase(ctx, req)
	if err != nil || second.Order.ID != first.Order.ID {
		t.Fatalf("retry = %+v, %v; want order %s", second, err, first.Order.ID)
	}
	req.Quantity = 2
	_, err = e.svc.Purchase(ctx, req)
	var ref *checkout.Refusal
	if !errors.As(err, &ref) || ref.Code != "idempotency_conflict" {
		t.Errorf("same key, other quantity: %v, want idempotency_conflict", err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
}

func TestQuoteExpiresAndConfirmVia(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(6000, 40000)
	ctx := context.Background()
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, ConfirmVia: checkout.ViaElicitation})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	wantRefusal(t, err, "confirmation_mismatch")

	out, err = e.buy(p.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(checkout.DefaultQuoteTTL + time.Second)
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	wantRefusal(t, err, "quote_expired")
	// Asking again gets the same answer, with its parameters.
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	if ref := wantRefusal(t, err, "quote_expired"); ref.Params.QuoteTTL() != checkout.DefaultQuoteTTL || ref.Recorded != "" {
		t.Errorf("second answer %+v does not say how long quotes last", ref)
	}
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: "cus_other", QuoteID: out.Purchase.QuoteID})
	wantRefusal(t, err, "unknown_quote")
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Error("a token was issued for an unconfirmed quote")
	}
}

func wantRefusal(t *testing.T, err error, code checkout.RefusalCode) *checkout.Refusal {
	t.Helper()
	var ref *checkout.Refusal
	if !errors.As(err, &ref) {
		t.Fatalf("err = %v, want refusal %s", err, code)
	}
	if ref.Code != code {
		t.Fatalf("refusal %s (%+v), want %s", ref.Code, ref.Params, code)
	}
	return ref
}

// TestCompletedPurchasesFeedSalesStatistics checks that completed orders reach the
// catalog's sales and co-purchase statistics, which recommend reads: once three
// customers bought two products together, the pair is a co-purchase.
func TestCompletedPurchasesFeedSalesStatistics(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	first, second := e.product(1000, 2000), e.product(2001, 4000)
	customers := []string{e.customer}
	for _, email := range []string{"b@example.com", "c@example.com"} {
		c, err := e.st.CreateCustomer(ctx, store.Customer{Email: email})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true}); err != nil {
			t.Fatal(err)
		}
		testshop.AddAddress(t, e.st, c.ID)
		customers = append(customers, c.ID)
	}
	for _, c := range customers {
		for _, p := range []string{first.ID, second.ID} {
			out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: c, ProductID: p, Quantity: 1})
			if err != nil || out.Status != checkout.StatusCompleted {
				t.Fatalf("%s buys %s: %+v, %v", c, p, out, err)
			}
		}
	}
	sales, err := e.cat.SalesOf(ctx, []string{first.ID, second.ID})
	if err != nil {
		t.Fatal(err)
	}
	if n := sales[first.ID].Orders; n != int64(len(customers)) {
		t.Errorf("%s is in %d orders, want %d", first.ID, n, len(customers))
	}
	co, err := e.cat.CoPurchased(ctx, sales[first.ID].Ref, len(customers), 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range co {
		if p.Ref == sales[second.ID].Ref {
			return
		}
	}
	t.Fatalf("%s, bought after %s by %d customers, is not among its co-purchases: %+v", second.ID, first.ID, len(customers), co)
}

// A quote outlives the seller's session when the server restarts between quote and
// confirmation (the sandbox sellers keep sessions in memory) or the session lapses:
// confirming asks the seller again, and pays only the quoted total.
func TestConfirmAfterSellerLostSession(t *testing.T) {
	tests := []struct {
		name     string
		newPrice int64 // 0 keeps the price
		code     checkout.RefusalCode
	}{
		{name: "same price"},
		{name: "price changed", newPrice: 39999, code: "price_changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.product(6000, 30000)
			out := e.quote(p.ID, "quote")
			if tt.newPrice != 0 {
				changed := p
				changed.Price.Amount = tt.newPrice
				if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{changed}); err != nil {
					t.Fatal(err)
				}
			}
			// A restarted process: the same database, a new sandbox.
			sb, err := sandbox.New(e.cat, sandbox.Options{Now: e.clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			e.cfg.Sellers, e.cfg.Tokens = checkout.ACPSellers{Endpoints: sb}, checkout.SPTTokens{Client: spt.New(sb.AgentStripe())}
			got, err := e.service().Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
			charged := 0
			if tt.code == "" {
				charged = 1
				if err != nil || got.Status != checkout.StatusCompleted || got.Order.Total != p.Price.Amount {
					t.Fatalf("confirm: %+v, %v; want completed at %d", got, err, p.Price.Amount)
				}
			} else if ref := wantRefusal(t, err, tt.code); ref.Params.Amount != 39999 || ref.Params.QuotedAmount != p.Price.Amount {
				t.Errorf("refusal %+v does not give the new and the quoted total", ref.Params)
			}
			n := 0
			for _, pi := range sb.Stripe.PaymentIntents() {
				if pi.Status == "succeeded" {
					n++
				}
			}
			if n != charged {
				t.Errorf("%d succeeded PaymentIntents, want %d", n, charged)
			}
		})
	}
}

// The operator may tighten the rules between a quote and its confirmation.
func TestConfirmChecksRulesAgain(t *testing.T) {
	tests := []struct {
		name  string
		patch func(p catalog.Product) store.RulesPatch
		code  checkout.RefusalCode
	}{
		{"seller no longer allowed", func(catalog.Product) store.RulesPatch {
			return store.RulesPatch{AllowedSellers: &[]string{"someone-else"}}
		}, "seller_not_allowed"},
		{"category no longer allowed", func(p catalog.Product) store.RulesPatch {
			return store.RulesPatch{AllowedCategories: &[]string{"Not " + p.Category}}
		}, "category_not_allowed"},
		{"per-order limit lowered", func(p catalog.Product) store.RulesPatch {
			v := p.Price.Amount - 1
			return store.RulesPatch{PerOrderMax: &v}
		}, "over_order_limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.product(6000, 30000)
			out := e.quote(p.ID, "quote")
			if _, err := e.st.UpdateRules(ctx, e.customer, tt.patch(p)); err != nil {
				t.Fatal(err)
			}
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
			wantRefusal(t, err, tt.code)
			if len(e.sb.Stripe.Tokens()) != 0 {
				t.Error("a token was issued")
			}
		})
	}
}

// The seller's answer has been received and the card charged when the caller goes
// away: the order is recorded all the same.
func TestCompletedOrderRecordedAfterCallerLeaves(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, envOpts{config: func(c *checkout.Config) {
		c.Fault = func(step string) error {
			if step == "seller_completed" {
				cancel()
			}
			return nil
		}
	}})
	p := e.product(1000, 4000)
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
	if err != nil || out.Status != checkout.StatusCompleted || out.Order.Status != store.OrderCompleted {
		t.Fatalf("outcome %+v, %v; want the completed order", out, err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
}

// An approved purchase is paid to its end when its caller goes away while the seller
// completes it (the client disconnected or cancelled): the call still answers with the
// completed order, charged once, instead of revoking the token under the seller.
func TestPurchasePaidAfterCallerLeaves(t *testing.T) {
	gate := testshop.NewCompleteGate(t)
	entered := gate.Entered
	// Every seller is served over loopback HTTP, so that the caller going away ends the
	// complete request as it would with a real seller.
	overHTTP := func(id string, h http.Handler) http.Handler {
		return overLoopback(t, gate.Hold(id, h))
	}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: overHTTP}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := e.product(1000, 4000)
	done := e.purchaseAsync(ctx, checkout.Request{ProductID: p.ID, Quantity: 1, IdempotencyKey: "k1"})
	<-entered
	cancel()
	gate.Open()
	got := <-done
	if got.err != nil || got.out.Status != checkout.StatusCompleted || got.out.Order == nil || got.out.Order.Status != store.OrderCompleted {
		t.Fatalf("outcome %+v, %v; want the completed order", got.out.Status, got.err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
}

// A purchase whose caller goes away while its seller quotes ends at once, interrupted
// (nothing was approved, so nothing charged), not with the seller blamed for "not
// responding", and not left open for recovery with a retry of its key answering
// pending.
func TestPurchaseCallerLeavesWhileQuoting(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	overHTTP := func(_ string, h http.Handler) http.Handler {
		held := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" {
				once.Do(func() { close(entered); <-release })
			}
			h.ServeHTTP(w, r)
		})
		return overLoopback(t, held)
	}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: overHTTP}})
	ctx, cancel := context.WithCancel(context.Background())
	p := e.product(1000, 4000)
	done := make(chan error, 1)
	go func() {
		_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "k1"})
		done <- err
	}()
	<-entered
	cancel()
	close(release)
	<-done
	rec, err := e.st.PurchaseByKey(context.Background(), e.customer, "k1")
	if err != nil || rec.State != store.PurchaseFailed || rec.FailureCode != string(checkout.RefusalInterrupted) {
		t.Fatalf("recorded %s %q (%v); want failed, interrupted", rec.State, rec.FailureCode, err)
	}
	_, err = e.svc.Purchase(context.Background(), checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "k1"})
	wantRefusal(t, err, checkout.RefusalInterrupted)
	if n := len(e.sb.Stripe.Tokens()); n != 0 {
		t.Errorf("%d tokens issued, want none", n)
	}
}

// Refusals quote the caller's ids back only in short, clean form.
func TestRefusalsDoNotEchoLongIDs(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	long := strings.Repeat("x", 10000) + "\x1b[31m"
	_, err := e.buy(long, 1)
	if id := wantRefusal(t, err, "unknown_product").Params.ProductID; len(id) > 80 || strings.Contains(id, "\x1b") {
		t.Errorf("unknown_product repeats %d bytes: %.120q", len(id), id)
	}
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: long})
	if id := wantRefusal(t, err, "unknown_quote").Params.QuoteID; len(id) > 80 || strings.Contains(id, "\x1b") {
		t.Errorf("unknown_quote repeats %d bytes: %.120q", len(id), id)
	}
}

// A purchase that a rolling limit already rules out is refused before the person is
// asked to confirm it: the daily limit, and the monthly one (a customer with a monthly
// budget was asked to confirm a second order that was then refused for it).
func TestRollingLimitsCheckedBeforeConfirmation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rules  func(r *store.Rules, price int64)
		refuse checkout.RefusalCode
	}{
		{"the daily limit", func(r *store.Rules, price int64) { r.DailyMax = price * 3 / 2 }, checkout.RefusalOverDailyLimit},
		{"the monthly limit, the daily one wide", func(r *store.Rules, price int64) { r.DailyMax, r.MonthlyMax = store.NoLimit, price*3/2 }, checkout.RefusalOverMonthlyLimit},
		{"both: the daily one is said", func(r *store.Rules, price int64) { r.DailyMax, r.MonthlyMax = price*3/2, price*3/2 }, checkout.RefusalOverDailyLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.product(6000, 30000)
			r := store.DefaultRules()
			r.ConfirmAbove = 0
			tc.rules(&r, p.Price.Amount)
			if err := e.st.SetRules(ctx, e.customer, r); err != nil {
				t.Fatal(err)
			}
			out := e.quote(p.ID, "first quote")
			if _, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID}); err != nil {
				t.Fatal(err)
			}
			out, err := e.buy(p.ID, 1)
			if err == nil {
				t.Fatalf("second purchase: %s, want a refusal before confirmation", out.Status)
			}
			// The first order's total is spent; the second's, the same, is refused.
			if ref := wantRefusal(t, err, tc.refuse); ref.Params.Spent < p.Price.Amount || ref.Params.Amount != ref.Params.Spent {
				t.Errorf("refusal params %+v, want the first order's total spent and the same again asked", ref.Params)
			}
		})
	}
}

// Concurrent purchases, each under the daily limit alone, never add up to more than
// it: the limit is checked atomically with recording the pending order.
func TestDailyLimitUnderConcurrency(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.product(1000, 4000)
	r := store.DefaultRules()
	r.ConfirmAbove, r.DailyMax = store.NoLimit, 2*p.Price.Amount+p.Price.Amount/2 // room for two
	if err := e.st.SetRules(ctx, e.customer, r); err != nil {
		t.Fatal(err)
	}
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		completed int
		other     []error
	)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := e.buy(p.ID, 1)
			mu.Lock()
			defer mu.Unlock()
			var ref *checkout.Refusal
			switch {
			case err == nil && out.Status == checkout.StatusCompleted:
				completed++
			case errors.As(err, &ref) && ref.Code == "over_daily_limit":
			default:
				other = append(other, fmt.Errorf("%s: %v", out.Status, err))
			}
		}()
	}
	wg.Wait()
	if len(other) > 0 {
		t.Fatalf("%d calls ended otherwise, first: %v", len(other), other[0])
	}
	if completed != 2 || e.succeeded() != 2 {
		t.Errorf("%d completed, %d charged; want 2 and 2", completed, e.succeeded())
	}
}

// Racing confirmations of one quote, when the daily limit has room for that purchase
// only once, all return the first outcome: the losers neither refuse it as over the
// limit nor cancel the winner's seller session.
func TestRacingConfirmationsAtDailyLimit(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.product(6000, 30000)
	r := store.DefaultRules()
	r.ConfirmAbove, r.DailyMax = 0, p.Price.Amount*3/2 // room for exactly one
	if err := e.st.SetRules(ctx, e.customer, r); err != nil {
		t.Fatal(err)
	}
	out := e.quote(p.ID, "quote")
	const n = 20
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		outcomes = map[string]int{}
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
			got := fmt.Sprintf("error %v", err)
			if err == nil && o.Order != nil {
				got = string(o.Status) + " " + o.Order.ID
			}
			mu.Lock()
			defer mu.Unlock()
			outcomes[got]++
		}()
	}
	wg.Wait()
	if len(outcomes) != 1 {
		t.Fatalf("%d calls saw %d different outcomes, want one: %v", n, len(outcomes), outcomes)
	}
	for got := range outcomes {
		if !strings.HasPrefix(got, string(checkout.StatusCompleted)+" ") {
			t.Fatalf("outcome %q, want completed", got)
		}
	}
	if got := e.succeeded(); got != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", got)
	}
	list, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(list) != 1 || list[0].Status != store.OrderCompleted {
		t.Errorf("orders = %+v (%v), want one completed", list, err)
	}
}

// A quote confirmed with another product or quantity than it was made for buys
// nothing: the refusal says what the quote is for.
func TestConfirmQuoteMismatch(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.product(6000, 30000)
	other := e.product(p.Price.Amount+1, 40000)
	out := e.quote(p.ID, "quote")
	tests := []struct {
		name    string
		product string
		qty     int
	}{
		{"other product", other.ID, 0},
		{"other quantity", "", 3},
		{"other product and quantity", other.ID, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID, ProductID: tt.product, Quantity: tt.qty})
			ref := wantRefusal(t, err, "quote_mismatch")
			if ref.Params.ProductID != p.ID || ref.Params.Quantity != 1 {
				t.Errorf("refusal %+v does not say what the quote is for (1 × %s)", ref.Params, p.ID)
			}
		})
	}
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Fatal("a mismatched confirmation issued a token")
	}
	// The same product and quantity, or none, confirm it.
	done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID, ProductID: p.ID, Quantity: 1})
	if err != nil || done.Status != checkout.StatusCompleted {
		t.Fatalf("matching confirmation: %+v, %v", done, err)
	}
}

// Prices the saga cannot pay get a refusal that says so, not one blaming the seller's
// availability.
func TestUnpayablePrices(t *testing.T) {
	tests := []struct {
		name  string
		price int64
		qty   int
		code  checkout.RefusalCode
	}{
		{"free product", 0, 1, "no_total"},
		{"total overflows", math.MaxInt64 / 2, 3, "total_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			p := e.product(1000, 4000)
			p.Price.Amount = tt.price
			p.Attributes = map[string]string{"fulfillment": "digital"} // no delivery cost to pay either
			if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
				t.Fatal(err)
			}
			_, err := e.buy(p.ID, tt.qty)
			if ref := wantRefusal(t, err, tt.code); ref.Params.Quantity != tt.qty || ref.Params.Currency != p.Price.Currency {
				t.Errorf("refusal %+v does not say what was asked", ref.Params)
			}
			if len(e.sb.Stripe.Tokens()) != 0 {
				t.Error("a token was issued")
			}
		})
	}
}

// A quote made while a product was bought once is not confirmed after the product
// became a subscription (it would be charged once, not every cycle): the confirmation
// is refused with its own code, no token is issued, and the refusal is the quote's
// outcome from then on. A cart checkout's quote is held to the same rule.
func TestConfirmRefusesAQuoteWhoseProductBecameASubscription(t *testing.T) {
	ctx := context.Background()
	makeSubscription := func(t *testing.T, e *env, p catalog.Product) {
		t.Helper()
		p.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
		if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		confirm func(e *env, quoteID string) error
	}{
		{"by quote_id", func(e *env, quoteID string) error {
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: quoteID})
			return err
		}},
		{"in a dialog", func(e *env, quoteID string) error {
			p, err := e.st.PurchaseByQuote(ctx, e.customer, quoteID)
			if err != nil {
				return err
			}
			_, err = e.svc.ConfirmSealed(ctx, e.customer, e.svc.Seal(p), checkout.AnswerYes)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			p := e.product(6000, 30000)
			via := checkout.ViaQuoteID
			if tt.name == "in a dialog" {
				via = checkout.ViaElicitation
			}
			out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, ConfirmVia: via})
			if err != nil || out.Status != checkout.StatusConfirmationRequired {
				t.Fatalf("quote: %+v, %v", out, err)
			}
			makeSubscription(t, e, p)
			ref := wantRefusal(t, tt.confirm(e, out.Purchase.QuoteID), checkout.RefusalBecameSubscription)
			if ref.Params.ProductID != p.ID || ref.Params.QuoteID != out.Purchase.QuoteID {
				t.Errorf("params %+v, want the product and the quote", ref.Params)
			}
			if len(e.sb.Stripe.Tokens()) != 0 || e.succeeded() != 0 {
				t.Error("a token was issued or a payment made")
			}
			_, err = e.svc.Confirm(ctx, e.customer, out.Purchase.QuoteID, via)
			wantRefusal(t, err, checkout.RefusalBecameSubscription)
		})
	}
	t.Run("a cart checkout's quote", func(t *testing.T) {
		rules := noLimits
		rules.ConfirmAbove = 1_00
		e := newEnv(t, envOpts{rules: &rules})
		b := e.fillCart()
		q, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
		if err != nil || q.Status != checkout.CheckoutConfirmationRequired {
			t.Fatalf("quote: %+v, %v", q.Status, err)
		}
		sub := b.products[b.sellers[0]][0]
		makeSubscription(t, e, sub)
		out, err := e.svc.ConfirmCheckout(ctx, e.customer, q.Checkout.QuoteID, checkout.ViaQuoteID)
		if err != nil {
			t.Fatal(err)
		}
		for _, so := range out.Orders {
			has := false
			for _, l := range so.Purchase.Lines {
				has = has || l.ProductID == sub.ID
			}
			if has && (so.Refusal == nil || so.Refusal.Code != checkout.RefusalBecameSubscription) {
				t.Errorf("the seller order with the subscription: %s %+v, want refused", so.Status, so.Refusal)
			}
			if !has && so.Refusal != nil {
				t.Errorf("another seller's order refused: %+v", so.Refusal)
			}
		}
		if e.succeeded() != len(b.sellers)-1 {
			t.Errorf("%d charged, want every other seller's order", e.succeeded())
		}
	})
}

// ConfirmFirst quotes a purchase below the confirmation threshold instead of buying
// it: nothing is charged until the quote is confirmed by its id, even for a client
// that would show a dialog (below the threshold the model may buy without asking, so
// a quote_id confirmation weakens nothing). Above the threshold it changes nothing:
// a dialog's quote stays a dialog's.
func TestConfirmFirstQuotesBelowTheThreshold(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{})
	cheap, dear := e.product(100, 2000), e.product(6000, 30000)
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: cheap.ID, Quantity: 1, ConfirmFirst: true, ConfirmVia: checkout.ViaElicitation})
	if err != nil || out.Status != checkout.StatusConfirmationRequired || out.Purchase.ConfirmVia != checkout.ViaQuoteID || out.Purchase.Total <= 0 {
		t.Fatalf("confirm first below the threshold = %+v, %v; want a quote by quote_id with its total", out, err)
	}
	if e.succeeded() != 0 || len(e.sb.Stripe.Tokens()) != 0 {
		t.Fatal("charged before the confirmation")
	}
	done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
	if err != nil || done.Status != checkout.StatusCompleted || e.succeeded() != 1 {
		t.Fatalf("confirmed = %+v, %v; %d charged", done.Status, err, e.succeeded())
	}
	above, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: dear.ID, Quantity: 1, ConfirmFirst: true, ConfirmVia: checkout.ViaElicitation})
	if err != nil || above.Status != checkout.StatusConfirmationRequired || above.Purchase.ConfirmVia != checkout.ViaElicitation {
		t.Fatalf("confirm first above the threshold = %+v, %v; want the dialog's quote", above, err)
	}
	if _, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: above.Purchase.QuoteID}); err == nil {
		t.Fatal("a dialog's quote was confirmed by its id")
	}
}
