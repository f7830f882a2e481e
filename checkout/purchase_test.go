package checkout_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
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
	if out.Order.Total != p.Price.Amount || out.Order.Currency != "USD" || out.Order.SellerOrderID == "" {
		t.Errorf("order = %+v, want total %d USD with a seller order id", out.Order, p.Price.Amount)
	}
	if out.Order.CardBrand != "visa" || out.Order.CardLast4 != "4242" || out.Order.Mode != checkout.ModeSandbox {
		t.Errorf("order card/mode = %s %s %s", out.Order.CardBrand, out.Order.CardLast4, out.Order.Mode)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}
	toks := e.sb.Stripe.Tokens()
	if len(toks) != 1 || toks[0].MaxAmount != p.Price.Amount || toks[0].Currency != "usd" || toks[0].DeactivatedReason != "consumed" {
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
	if s := out.Summary(); !strings.Contains(s, p.Title) || !strings.Contains(s, "Visa ending 4242") {
		t.Errorf("summary %q lacks the title or card", s)
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
	out, err := e.buy(p.ID, 1)
	if err != nil || out.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("quote: %+v, %v", out, err)
	}
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
				errs = append(errs, errors.New("status "+o.Status))
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
	_, err = e.svc.Purchase(ctx, checkout.Request{CustomerID: "cus_other", QuoteID: out.Purchase.QuoteID})
	wantRefusal(t, err, "unknown_quote")
	if len(e.sb.Stripe.Tokens()) != 0 {
		t.Error("a token was issued for an unconfirmed quote")
	}
}

func wantRefusal(t *testing.T, err error, code string) *checkout.Refusal {
	t.Helper()
	var ref *checkout.Refusal
	if !errors.As(err, &ref) {
		t.Fatalf("err = %v, want refusal %s", err, code)
	}
	if ref.Code != code {
		t.Fatalf("refusal %s (%s), want %s", ref.Code, ref.Message, code)
	}
	if !strings.Contains(strings.ToLower(ref.Message), "charged") {
		t.Errorf("refusal %q does not say whether anything was charged", ref.Message)
	}
	return ref
}

// TestCompletedPurchasesFeedSalesStatistics checks that completed orders reach the
// catalog's sales and co-purchase statistics, which recommend reads.
func TestCompletedPurchasesFeedSalesStatistics(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	first, second := e.product(1000, 2000), e.product(2001, 4000)
	for _, p := range []string{first.ID, second.ID} {
		if out, err := e.buy(p, 1); err != nil || out.Status != checkout.StatusCompleted {
			t.Fatalf("buy %s: %+v, %v", p, out, err)
		}
	}
	recs, err := e.cat.Recommend(ctx, catalog.RecommendInput{
		History: []catalog.Purchased{{ProductID: first.ID, Brand: first.Brand, Category: first.Category, Price: first.Price, At: e.clock.Now()}},
		Exclude: []string{first.ID}, Limit: 20, Now: e.clock.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs.Items {
		if r.ID == second.ID {
			for _, why := range r.Reasons {
				if strings.Contains(why, "who ordered the") {
					return
				}
			}
			t.Fatalf("%s is recommended without a co-purchase reason: %q", second.ID, r.Reasons)
		}
	}
	t.Fatalf("%s, bought after %s, is not among its recommendations", second.ID, first.ID)
}
