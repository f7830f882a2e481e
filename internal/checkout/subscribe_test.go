package checkout_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The demo catalog's subscriptions.
const (
	apiPlan    = "cy-sub-0002" // $29.00 a month, digital
	softPlan   = "cy-sub-0001" // $12.00 a month after a 14-day trial, digital
	coffeePlan = "ml-sub-0001" // $18.00 a month, shipped
)

// month is a step of the test clock that always reaches the next monthly due date.
const month = 31 * 24 * time.Hour

// subscribe subscribes the demo customer to qty of product and confirms by quote id.
func (e *env) subscribe(product string, qty int) checkout.SubscriptionOutcome {
	e.t.Helper()
	ctx := context.Background()
	q, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: product, Quantity: qty})
	if err != nil || q.Status != checkout.StatusConfirmationRequired {
		e.t.Fatalf("subscribe %s: %+v, %v", product, q, err)
	}
	out, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID})
	if err != nil || out.Status != checkout.StatusCompleted || out.Subscription.State != store.SubscriptionActive {
		e.t.Fatalf("confirm %s: %+v, %v", product, out, err)
	}
	return out
}

// renew runs RenewDue with svc until nothing is due, at most rounds times.
func (e *env) renew(svc *checkout.Service, rounds int) checkout.RenewReport {
	e.t.Helper()
	var total checkout.RenewReport
	for range rounds {
		rep, err := svc.RenewDue(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		total.Paid += rep.Paid
		total.Retrying += rep.Retrying
		total.Paused += rep.Paused
		total.Stopped += rep.Stopped
		total.Errors += rep.Errors
		total.Pending += rep.Pending
		if rep == (checkout.RenewReport{}) {
			break
		}
	}
	return total
}

// completedOrders counts the customer's completed orders of product.
func (e *env) completedOrders(product string) int {
	e.t.Helper()
	orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer, Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, o := range orders {
		if o.ProductID == product && o.Status == store.OrderCompleted {
			n++
		}
	}
	return n
}

func (e *env) subscription(id string) store.Subscription {
	e.t.Helper()
	u, err := e.st.Subscription(context.Background(), e.customer, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// TestSubscriptionCycles moves the clock across several cycles: one order and one
// charge per cycle, none while paused (and the cycles missed while paused are not
// charged later), none after cancel.
func TestSubscriptionCycles(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	out := e.subscribe(apiPlan, 1)
	if out.First == nil || out.First.Status != checkout.RenewPaid || out.First.Cycle != 0 {
		t.Fatalf("first cycle = %+v, want paid at once", out.First)
	}
	if d := out.First.Order.Digital; d == nil || !strings.Contains(d.URL, "/downloads/") || len(d.LicenseKey) != 23 {
		t.Errorf("the API plan's order has digital delivery %+v, want a link and a license key", d)
	}
	if o, err := e.st.Order(ctx, e.customer, out.First.Order.ID); err != nil || o.Digital == nil || *o.Digital != *out.First.Order.Digital {
		t.Errorf("stored order %+v, %v: want the same digital delivery", o.Digital, err)
	}
	if out.Subscription.Amount != 2900 || checkout.YearlyAmount(out.Subscription) != 12*2900 {
		t.Errorf("amount %d, yearly %d", out.Subscription.Amount, checkout.YearlyAmount(out.Subscription))
	}
	id := out.Subscription.ID
	check := func(what string, charges int) {
		t.Helper()
		if got := e.succeeded(); got != charges {
			t.Fatalf("%s: %d charges, want %d", what, got, charges)
		}
		if got := e.completedOrders(apiPlan); got != charges {
			t.Fatalf("%s: %d completed orders, want %d", what, got, charges)
		}
	}
	check("subscribed", 1)
	e.renew(e.svc, 3)
	check("nothing due yet", 1)
	for cycle := 1; cycle <= 3; cycle++ {
		e.clock.Advance(month)
		e.renew(e.svc, 3)
		e.renew(e.svc, 3) // a second run on the same day charges nothing more
		check("cycle", 1+cycle)
	}
	if _, err := e.svc.PauseSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(2 * month)
	e.renew(e.svc, 3)
	check("paused", 4)
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
	if err != nil || res.Status != checkout.StatusCompleted || res.First != nil {
		t.Fatalf("resume = %+v, %v; want active with nothing charged until the next due date", res, err)
	}
	e.renew(e.svc, 3)
	check("resumed, not yet due", 4)
	e.clock.Advance(month)
	e.renew(e.svc, 3)
	check("resumed and due", 5)
	cycles, err := e.st.Cycles(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if last := cycles[len(cycles)-1]; last.Skipped < 1 || last.State != store.CyclePaid {
		t.Errorf("last cycle %+v: want paid, with the cycles due while paused skipped", last)
	}
	if _, err := e.svc.CancelSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		e.clock.Advance(month)
		e.renew(e.svc, 3)
	}
	check("canceled", 5)
	if _, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); !isRefusal(err, checkout.RefusalSubscriptionCanceled) {
		t.Errorf("resume after cancel: %v", err)
	}
}

func isRefusal(err error, code checkout.RefusalCode) bool {
	var ref *checkout.Refusal
	return errors.As(err, &ref) && ref.Code == code
}

// TestSubscriptionMissedCycles: a server down over several due dates charges the
// latest one once when it comes back, not one per missed cycle.
func TestSubscriptionMissedCycles(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.subscribe(apiPlan, 1)
	e.clock.Advance(4 * month)
	rep := e.renew(e.service(), 5)
	if rep.Paid != 1 || e.succeeded() != 2 {
		t.Fatalf("after 4 missed months: %+v, %d charges; want one renewal, 2 charges in all", rep, e.succeeded())
	}
}

// TestSubscriptionTrial: a product with a trial charges nothing until the trial ends.
func TestSubscriptionTrial(t *testing.T) {
	e := newEnv(t, envOpts{})
	out := e.subscribe(softPlan, 1)
	if out.First != nil || e.succeeded() != 0 {
		t.Fatalf("a trial charged at once: %+v", out.First)
	}
	if want := e.clock.Now().AddDate(0, 0, 14); !out.Subscription.NextDueAt.Equal(want) {
		t.Errorf("first due %v, want the trial's end %v", out.Subscription.NextDueAt, want)
	}
	e.clock.Advance(13 * 24 * time.Hour)
	e.renew(e.svc, 3)
	if e.succeeded() != 0 {
		t.Fatal("charged during the trial")
	}
	e.clock.Advance(24 * time.Hour)
	e.renew(e.svc, 3)
	if e.succeeded() != 1 {
		t.Fatalf("%d charges at the trial's end, want 1", e.succeeded())
	}
}

// TestSubscriptionPriceIncrease: a seller price above the confirmed price pauses the
// subscription instead of paying; resuming needs confirmation of the new price, and
// then the cycle is charged at it, once.
func TestSubscriptionPriceIncrease(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID
	p, err := e.cat.Product(ctx, apiPlan)
	if err != nil {
		t.Fatal(err)
	}
	p.Price.Amount = 3900
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paused != 1 {
		t.Fatalf("renewal at a higher price: %+v, want paused", rep)
	}
	u := e.subscription(id)
	pr := checkout.PauseRefusal(u)
	if u.State != store.SubscriptionPaused || pr == nil || pr.Code != checkout.RefusalPriceChanged || pr.Params.Amount != 3900 || pr.Params.QuotedAmount != 2900 {
		t.Fatalf("subscription %+v, pause %+v", u, pr)
	}
	if e.succeeded() != 1 {
		t.Fatalf("%d charges: the higher price was paid", e.succeeded())
	}
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
	if err != nil || res.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("resume at a new price = %+v, %v; want confirmation required", res, err)
	}
	e.renew(e.svc, 3)
	if e.succeeded() != 1 {
		t.Fatal("charged before the new price was confirmed")
	}
	conf, err := e.svc.ConfirmSubscription(ctx, e.customer, res.Subscription.QuoteID, checkout.ViaQuoteID)
	if err != nil || conf.Subscription.Amount != 3900 || conf.First == nil || conf.First.Status != checkout.RenewPaid {
		t.Fatalf("confirm new price = %+v, %v", conf, err)
	}
	e.renew(e.svc, 3)
	if e.succeeded() != 2 {
		t.Fatalf("%d charges, want 2", e.succeeded())
	}
}

// TestSubscriptionDeclineRetries: a declined renewal is tried again after each wait of
// the schedule, then the subscription pauses; a resume tries the cycle again.
func TestSubscriptionDeclineRetries(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_chargeDeclined", CustomerID: e.customer, Brand: "visa", Last4: "0002", Default: true}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(month)
	for i, wait := range checkout.DefaultRenewRetries() {
		if rep := e.renew(e.svc, 1); rep.Retrying != 1 {
			t.Fatalf("attempt %d: %+v, want a retry", i+1, rep)
		}
		e.clock.Advance(wait - time.Minute)
		if rep := e.renew(e.svc, 1); rep != (checkout.RenewReport{}) {
			t.Fatalf("attempt %d: tried again before its wait: %+v", i+1, rep)
		}
		e.clock.Advance(time.Minute)
	}
	if rep := e.renew(e.svc, 1); rep.Paused != 1 {
		t.Fatalf("last attempt: %+v, want paused", rep)
	}
	u := e.subscription(id)
	if pr := checkout.PauseRefusal(u); u.State != store.SubscriptionPaused || pr == nil || pr.Code != checkout.RefusalCardDeclined {
		t.Fatalf("subscription %+v", u)
	}
	if e.succeeded() != 1 {
		t.Fatalf("%d charges, want 1", e.succeeded())
	}
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: e.customer, Brand: "visa", Last4: "4242", Default: true}); err != nil {
		t.Fatal(err)
	}
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
	if err != nil || res.First == nil || res.First.Status != checkout.RenewPaid || res.First.Cycle != 1 {
		t.Fatalf("resume after declines = %+v, %v; want cycle 1 paid", res, err)
	}
	if e.succeeded() != 2 {
		t.Fatalf("%d charges, want 2", e.succeeded())
	}
}

// TestSubscriptionMonthlyLimit: subscribing is refused when the first 30 days do not
// fit the monthly limit, and a renewal that would break it pauses.
func TestSubscriptionMonthlyLimit(t *testing.T) {
	rules := store.DefaultRules()
	rules.MonthlyMax = 5000
	e := newEnv(t, envOpts{rules: &rules})
	ctx := context.Background()
	_, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: apiPlan, Quantity: 2})
	if !isRefusal(err, checkout.RefusalOverMonthlyLimit) {
		t.Fatalf("subscribe over the monthly limit: %v", err)
	}
	id := e.subscribe(apiPlan, 1).Subscription.ID
	p := e.product(2500, 4000)
	if _, err := e.buy(p.ID, 1); err == nil {
		t.Fatalf("a purchase over the monthly limit went through")
	} else if !isRefusal(err, checkout.RefusalOverMonthlyLimit) {
		t.Fatalf("purchase: %v", err)
	}
	ten := e.product(1000, 1500)
	if _, err := e.buy(ten.ID, 1); err != nil {
		t.Fatalf("a purchase within the monthly limit: %v", err)
	}
	// The operator lowers the limit below the price per cycle: the renewal is refused
	// by it and the subscription pauses, charging nothing.
	lower := int64(2000)
	if _, err := e.st.UpdateRules(ctx, e.customer, store.RulesPatch{MonthlyMax: &lower}); err != nil {
		t.Fatal(err)
	}
	charges := e.succeeded()
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paused != 1 {
		t.Fatalf("renewal over the monthly limit: %+v, want paused", rep)
	}
	u := e.subscription(id)
	if pr := checkout.PauseRefusal(u); pr == nil || pr.Code != checkout.RefusalOverMonthlyLimit || pr.Params.Limit != 2000 {
		t.Fatalf("pause reason %+v", pr)
	}
	if e.succeeded() != charges {
		t.Fatalf("%d charges, want %d", e.succeeded(), charges)
	}
}

// TestSubscriptionCrashDuringRenewal stops a renewal at each step as a crash would;
// recovery and the next renewal run then finish the cycle with exactly one charge.
func TestSubscriptionCrashDuringRenewal(t *testing.T) {
	for _, step := range []string{"approved", "token_issued", "seller_completed", "order_recorded"} {
		t.Run(step, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			e.cfg.Fault = func(s string) error {
				if s == step {
					return errors.New("killed")
				}
				return nil
			}
			crashing := e.service()
			e.clock.Advance(month)
			if rep := e.renew(crashing, 1); rep.Errors != 1 {
				t.Fatalf("the injected crash did not stop the renewal: %+v", rep)
			}
			e.cfg.Fault = nil
			restarted := e.service()
			if _, err := restarted.Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			e.renew(restarted, 5)
			if e.succeeded() != 2 || e.completedOrders(apiPlan) != 2 {
				t.Fatalf("%d charges and %d orders, want 2 of each", e.succeeded(), e.completedOrders(apiPlan))
			}
			if u := e.subscription(id); u.NextCycle != 2 || u.OpenCycle != -1 {
				t.Fatalf("subscription %+v: want cycle 1 paid", u)
			}
			if !e.allTokensDeactivated() {
				t.Error("a token is still usable")
			}
		})
	}
}

// TestSubscriptionTwoServers renews with two servers on one database file (each its
// own store handle) at once, cycle after cycle: each cycle is charged once.
func TestSubscriptionTwoServers(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	e.subscribe(apiPlan, 1)
	e.subscribe(coffeePlan, 2)
	a, b := e.service(), e.otherServer()
	const cycles = 4
	for range cycles {
		e.clock.Advance(month)
		var wg sync.WaitGroup
		for _, svc := range []*checkout.Service{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					if _, err := svc.RenewDue(ctx); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		e.renew(a, 5) // whatever one left pending for the other
	}
	if got, want := e.succeeded(), 2*(1+cycles); got != want {
		t.Fatalf("%d charges, want %d", got, want)
	}
	if got := e.completedOrders(apiPlan) + e.completedOrders(coffeePlan); got != 2*(1+cycles) {
		t.Fatalf("%d orders, want %d", got, 2*(1+cycles))
	}
}

// otherServer returns a Service over the same database file through a store handle
// of its own, as another server process sharing the file would have.
func (e *env) otherServer() *checkout.Service {
	e.t.Helper()
	other, err := store.Open(context.Background(), e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { other.Close() })
	other.Now = e.clock.Now
	cfg := e.cfg
	cfg.Store = other
	return mustService(e.t, cfg)
}

func mustService(t testing.TB, cfg checkout.Config) *checkout.Service {
	t.Helper()
	svc, err := checkout.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// TestSubscribeRefusals: a one-time product, a bad quantity or start, and an expired
// quote are refused; nothing is charged.
func TestSubscribeRefusals(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	oneTime := e.product(1000, 4000)
	tests := []struct {
		name string
		r    checkout.SubscribeRequest
		code checkout.RefusalCode
	}{
		{"one-time product", checkout.SubscribeRequest{ProductID: oneTime.ID, Quantity: 1}, checkout.RefusalNotSubscription},
		{"unknown product", checkout.SubscribeRequest{ProductID: "nope", Quantity: 1}, checkout.RefusalUnknownProduct},
		{"zero quantity", checkout.SubscribeRequest{ProductID: apiPlan}, checkout.RefusalInvalid},
		{"start in the past", checkout.SubscribeRequest{ProductID: apiPlan, Quantity: 1, Start: e.clock.Now().AddDate(0, 0, -3)}, checkout.RefusalBadStart},
		{"start too far ahead", checkout.SubscribeRequest{ProductID: apiPlan, Quantity: 1, Start: e.clock.Now().AddDate(2, 0, 0)}, checkout.RefusalBadStart},
		{"unknown quote", checkout.SubscribeRequest{QuoteID: "qs_nope"}, checkout.RefusalUnknownQuote},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.CustomerID = e.customer
			if _, err := e.svc.Subscribe(ctx, tt.r); !isRefusal(err, tt.code) {
				t.Errorf("err = %v, want %s", err, tt.code)
			}
		})
	}
	if _, err := e.buy(apiPlan, 1); !isRefusal(err, checkout.RefusalSubscriptionProduct) {
		t.Errorf("purchase of a subscription product: %v", err)
	}
	if _, err := e.svc.AddToCart(ctx, e.customer, apiPlan, 1); !isRefusal(err, checkout.RefusalSubscriptionProduct) {
		t.Errorf("a subscription product in the cart: %v", err)
	}
	q, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: apiPlan, Quantity: 1})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(checkout.DefaultQuoteTTL + time.Second)
	if _, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID}); !isRefusal(err, checkout.RefusalQuoteExpired) {
		t.Errorf("expired quote: %v", err)
	}
	if _, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID}); !isRefusal(err, checkout.RefusalQuoteExpired) {
		t.Errorf("expired quote again: %v", err)
	}
	if e.succeeded() != 0 {
		t.Errorf("%d charges", e.succeeded())
	}
}

// TestSubscribeSealed: a dialog's state confirms once; a replay charges nothing more,
// and a purchase's state does not confirm a subscription.
func TestSubscribeSealed(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	q, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: apiPlan, Quantity: 1, ConfirmVia: checkout.ViaElicitation})
	if err != nil {
		t.Fatal(err)
	}
	state := e.svc.SealSubscription(q.Subscription)
	if _, err := e.svc.ConfirmSealedSubscription(ctx, "cus_other", state, checkout.AnswerYes); !isRefusal(err, checkout.RefusalConfirmationInvalid) {
		t.Errorf("another customer's answer: %v", err)
	}
	if _, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: q.Subscription.QuoteID}); !isRefusal(err, checkout.RefusalConfirmationMismatch) {
		t.Errorf("a dialog quote confirmed by id: %v", err)
	}
	for range 2 {
		out, err := e.svc.ConfirmSealedSubscription(ctx, e.customer, state, checkout.AnswerYes)
		if err != nil || out.Subscription.State != store.SubscriptionActive {
			t.Fatalf("confirm = %+v, %v", out, err)
		}
	}
	if e.succeeded() != 1 {
		t.Fatalf("%d charges, want 1", e.succeeded())
	}
	q2, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: coffeePlan, Quantity: 1, ConfirmVia: checkout.ViaElicitation})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ConfirmSealedSubscription(ctx, e.customer, e.svc.SealSubscription(q2.Subscription), checkout.AnswerNo); !isRefusal(err, checkout.RefusalDeclinedByPerson) {
		t.Errorf("declined: %v", err)
	}
	if subs, _ := e.svc.Subscriptions(ctx, e.customer); len(subs) != 1 {
		t.Errorf("%d subscriptions listed, want 1 (declined quotes are not)", len(subs))
	}
}

// TestSubscriptionNewPriceInDialog: the dialog that resumes a subscription at the
// seller's new price confirms that price, once.
func TestSubscriptionNewPriceInDialog(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID
	p, err := e.cat.Product(ctx, apiPlan)
	if err != nil {
		t.Fatal(err)
	}
	p.Price.Amount = 3100
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(month)
	e.renew(e.svc, 3)
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaElicitation)
	if err != nil || res.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("resume = %+v, %v", res, err)
	}
	state := e.svc.SealSubscription(res.Subscription)
	for range 2 {
		out, err := e.svc.ConfirmSealedSubscription(ctx, e.customer, state, checkout.AnswerYes)
		if err != nil || out.Subscription.State != store.SubscriptionActive || out.Subscription.Amount != 3100 {
			t.Fatalf("confirm new price in the dialog = %+v, %v", out, err)
		}
	}
	if e.succeeded() != 2 {
		t.Fatalf("%d charges, want 2", e.succeeded())
	}
}

// TestSubscriptionCycleKeyCollision: a caller's idempotency key can never be a
// renewal's, and a renewal never takes a purchase that holds its key but is not one
// of its own (data written before keys were checked) for the cycle's: it fails
// loudly and charges nothing, and the cycle stays due.
func TestSubscriptionCycleKeyCollision(t *testing.T) {
	const headphones = "cy-hp-0004" // cheap enough to be bought without confirmation
	for _, tc := range []struct {
		name     string
		complete bool // the purchase holding the key completed (else it is left open)
	}{
		{"completed purchase holds the key", true},
		{"open purchase holds the key", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			key := store.CycleKey(id, 1, 0)
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: headphones, Quantity: 1, IdempotencyKey: key})
			if !isRefusal(err, checkout.RefusalReservedKey) {
				t.Fatalf("purchase with a renewal's key: %v, want %s", err, checkout.RefusalReservedKey)
			}
			if _, err := e.svc.AddToCart(ctx, e.customer, headphones, 1); err != nil {
				t.Fatal(err)
			}
			if _, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: key}); !isRefusal(err, checkout.RefusalReservedKey) {
				t.Fatalf("checkout with a renewal's key: %v, want %s", err, checkout.RefusalReservedKey)
			}
			if got := e.succeeded(); got != 1 {
				t.Fatalf("%d charges after the refused calls, want 1", got)
			}

			// Data written before the rule: a purchase of something else under the key.
			if tc.complete {
				out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: headphones, Quantity: 1, IdempotencyKey: "legacy"})
				if err != nil || out.Status != checkout.StatusCompleted {
					t.Fatalf("buy headphones: %+v, %v", out, err)
				}
				raw, err := sql.Open("sqlite3", e.path)
				if err != nil {
					t.Fatal(err)
				}
				defer raw.Close()
				if _, err := raw.Exec(`UPDATE purchases SET idem_key = ? WHERE idem_key = 'legacy'`, key); err != nil {
					t.Fatal(err)
				}
			} else if _, _, err := e.st.BeginPurchase(ctx, store.Purchase{CustomerID: e.customer, IdemKey: key, ProductID: headphones, Quantity: 1}); err != nil {
				t.Fatal(err)
			}
			charges := e.succeeded()
			e.clock.Advance(month)
			rep := e.renew(e.svc, 2)
			if rep.Paid != 0 || rep.Pending != 0 || rep.Errors == 0 {
				t.Fatalf("renewal over another purchase's key: %+v, want an error and nothing paid or pending", rep)
			}
			if got := e.succeeded(); got != charges {
				t.Fatalf("%d charges, want %d", got, charges)
			}
			if u := e.subscription(id); u.NextCycle != 1 || u.State != store.SubscriptionActive {
				t.Fatalf("subscription %+v: want cycle 1 still due", u)
			}
			if !strings.Contains(e.logs.String(), "renewal key taken") {
				t.Errorf("the conflict was not logged")
			}
		})
	}
}

// TestSubscriptionPauseDuringOpenCycle: a cycle that has not started charging (waiting
// for a retry, or claimed with no purchase yet) ends with the person's pause, so
// resuming months later charges nothing at once and one cycle at the next due date;
// and a cycle paid late, after its retries crossed the next due date, is not followed
// at once by the cycle that fell due meanwhile.
func TestSubscriptionPauseDuringOpenCycle(t *testing.T) {
	declined := func(e *env) {
		if _, err := e.st.AddPaymentMethod(context.Background(), store.PaymentMethod{ID: "pm_card_chargeDeclined", CustomerID: e.customer, Brand: "visa", Last4: "0002", Default: true}); err != nil {
			e.t.Fatal(err)
		}
	}
	good := func(e *env) {
		if _, err := e.st.AddPaymentMethod(context.Background(), store.PaymentMethod{ID: "pm_card_visa", CustomerID: e.customer, Brand: "visa", Last4: "4242", Default: true}); err != nil {
			e.t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		retry []time.Duration
		open  func(e *env, id string) // opens cycle 1 after it fell due
		pause bool
	}{
		{name: "paused while waiting for a retry", pause: true, open: func(e *env, id string) {
			declined(e)
			if rep := e.renew(e.svc, 1); rep.Retrying != 1 {
				e.t.Fatalf("renewal %+v, want a retry", rep)
			}
		}},
		{name: "paused after the claim, before the purchase", pause: true, open: func(e *env, id string) {
			u := e.subscription(id)
			if _, err := e.st.ClaimCycle(context.Background(), id, 1, 1, checkout.Terms(u).Due(u.Anchor, 1)); err != nil {
				e.t.Fatal(err)
			}
		}},
		{name: "retry paid after the next due date", retry: []time.Duration{40 * 24 * time.Hour}, open: func(e *env, id string) {
			declined(e)
			if rep := e.renew(e.svc, 1); rep.Retrying != 1 {
				e.t.Fatalf("renewal %+v, want a retry", rep)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				if tc.retry != nil {
					c.RenewRetries = tc.retry
				}
			}})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			e.clock.Advance(month)
			tc.open(e, id)
			if e.succeeded() != 1 {
				t.Fatalf("%d charges, want 1", e.succeeded())
			}
			if tc.pause {
				ch, err := e.svc.PauseSubscription(ctx, e.customer, id)
				if u := ch.Subscription; err != nil || u.State != store.SubscriptionPaused || u.OpenCycle != -1 || ch.UnderWay != nil {
					t.Fatalf("pause = %+v, %v; want paused with no open cycle and no renewal under way", ch, err)
				}
				e.clock.Advance(4 * month)
				good(e)
				res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
				if err != nil || res.Status != checkout.StatusCompleted || res.First != nil {
					t.Fatalf("resume = %+v, %v; want active with nothing charged", res, err)
				}
			} else {
				e.clock.Advance(41 * 24 * time.Hour)
				good(e)
				if rep := e.renew(e.svc, 1); rep.Paid != 1 {
					t.Fatalf("late retry %+v, want paid", rep)
				}
			}
			charges := e.succeeded()
			e.renew(e.svc, 3)
			e.clock.Advance(time.Hour)
			e.renew(e.svc, 3)
			if got := e.succeeded(); got != charges {
				t.Fatalf("%d charges right after, want %d", got, charges)
			}
			u := e.subscription(id)
			if !u.NextDueAt.After(e.clock.Now()) {
				t.Fatalf("next due %v is not after now %v", u.NextDueAt, e.clock.Now())
			}
			e.clock.Advance(u.NextDueAt.Sub(e.clock.Now()))
			e.renew(e.svc, 3)
			if got := e.succeeded(); got != charges+1 {
				t.Fatalf("%d charges at the next due date, want %d", got, charges+1)
			}
			cycles, err := e.st.Cycles(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if last := cycles[len(cycles)-1]; last.State != store.CyclePaid || last.Skipped < 1 {
				t.Errorf("last cycle %+v: want paid, with the cycles stepped over recorded as skipped", last)
			}
		})
	}
}

// blockingSellers hands out sellers whose Open, once armed, signals entered and
// waits for release: a renewal held between its claim and its approval.
type blockingSellers struct {
	checkout.Sellers
	armed            *atomic.Bool
	entered, release chan struct{}
	atComplete       bool // block at Complete (the token issued) instead of Open
}

func (b blockingSellers) Checkout(ctx context.Context, s catalog.Seller) (checkout.SellerCheckout, error) {
	co, err := b.Sellers.Checkout(ctx, s)
	return blockingOpen{co, b}, err
}

type blockingOpen struct {
	checkout.SellerCheckout
	b blockingSellers
}

func (o blockingOpen) Open(ctx context.Context, r checkout.OpenRequest, key string) (checkout.Session, error) {
	if !o.b.atComplete && o.b.armed.CompareAndSwap(true, false) {
		o.b.entered <- struct{}{}
		<-o.b.release
	}
	return o.SellerCheckout.Open(ctx, r, key)
}

// Complete blocks as Open does when the sellers are armed at complete: a renewal
// held after its token was issued.
func (o blockingOpen) Complete(ctx context.Context, session, token, key string) (checkout.Session, error) {
	if o.b.atComplete && o.b.armed.CompareAndSwap(true, false) {
		o.b.entered <- struct{}{}
		<-o.b.release
	}
	return o.SellerCheckout.Complete(ctx, session, token, key)
}

// TestStopSaysWhenARenewalIsUnderWay: a pause or cancel that lands after a renewal's
// token was issued cannot stop it; the change says so (cycle, order, amount), the
// renewal completes, and a second pause or cancel, which changes nothing, still says
// so until the cycle is recorded.
func TestStopSaysWhenARenewalIsUnderWay(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stop  func(*env, string) (checkout.SubscriptionChange, error)
		state store.SubscriptionState
	}{
		{"canceled", func(e *env, id string) (checkout.SubscriptionChange, error) {
			return e.svc.CancelSubscription(context.Background(), e.customer, id)
		}, store.SubscriptionCanceled},
		{"paused", func(e *env, id string) (checkout.SubscriptionChange, error) {
			return e.svc.PauseSubscription(context.Background(), e.customer, id)
		}, store.SubscriptionPaused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			b := blockingSellers{Sellers: e.cfg.Sellers, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{}), atComplete: true}
			cfg := e.cfg
			cfg.Sellers = b
			svc := mustService(t, cfg)
			e.clock.Advance(month)
			b.armed.Store(true)
			done := make(chan checkout.RenewReport)
			go func() {
				rep, err := svc.RenewDue(ctx)
				if err != nil {
					t.Error(err)
				}
				done <- rep
			}()
			<-b.entered
			for i := range 2 {
				ch, err := tc.stop(e, id)
				w := ch.UnderWay
				if err != nil || ch.Subscription.State != tc.state || w == nil {
					t.Fatalf("stop %d = %+v, %v; want %s with the renewal under way", i, ch, err, tc.state)
				}
				if w.Cycle != 1 || w.State != store.PurchaseTokenIssued || w.OrderID == "" || w.Total <= 0 || w.Currency != "USD" {
					t.Fatalf("stop %d: under way %+v; want cycle 1, token issued, with its order and total", i, *w)
				}
			}
			close(b.release)
			if rep := <-done; rep.Paid != 1 {
				t.Fatalf("renewal %+v, want it paid", rep)
			}
			if got := e.succeeded(); got != 2 {
				t.Fatalf("%d charges, want 2 (the first cycle and the renewal under way)", got)
			}
			ch, err := tc.stop(e, id)
			if err != nil || ch.UnderWay != nil {
				t.Errorf("stop once the renewal was recorded = %+v, %v; want none under way", ch, err)
			}
			for range 2 {
				e.clock.Advance(month)
				e.renew(e.svc, 3)
			}
			if got := e.succeeded(); got != 2 {
				t.Errorf("%d charges after the stop, want still 2", got)
			}
		})
	}
}

// TestSubscriptionStoppedDuringRenewal: a cancel or pause that lands while a renewal
// is opening the seller's session (claimed, not yet approved) stops it: nothing is
// charged, the purchase ends refused and the cycle ends.
func TestSubscriptionStoppedDuringRenewal(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stop  func(*env, string) (checkout.SubscriptionChange, error)
		state store.SubscriptionState
	}{
		{"canceled", func(e *env, id string) (checkout.SubscriptionChange, error) {
			return e.svc.CancelSubscription(context.Background(), e.customer, id)
		}, store.SubscriptionCanceled},
		{"paused", func(e *env, id string) (checkout.SubscriptionChange, error) {
			return e.svc.PauseSubscription(context.Background(), e.customer, id)
		}, store.SubscriptionPaused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			b := blockingSellers{Sellers: e.cfg.Sellers, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{})}
			cfg := e.cfg
			cfg.Sellers = b
			svc := mustService(t, cfg)
			tokens := len(e.sb.Stripe.Tokens())
			e.clock.Advance(month)
			b.armed.Store(true)
			done := make(chan checkout.RenewReport)
			go func() {
				rep, err := svc.RenewDue(ctx)
				if err != nil {
					t.Error(err)
				}
				done <- rep
			}()
			<-b.entered
			if ch, err := tc.stop(e, id); err != nil || ch.Subscription.State != tc.state || ch.UnderWay != nil {
				t.Fatalf("stop = %+v, %v; want %s with no renewal under way", ch, err, tc.state)
			}
			close(b.release)
			rep := <-done
			if rep.Paid != 0 || rep.Pending != 0 || rep.Paused != 0 || rep.Stopped != 1 {
				t.Fatalf("renewal %+v, want it counted as stopped (not paused), nothing paid or pending", rep)
			}
			e.renew(e.svc, 3)
			if got := e.succeeded(); got != 1 {
				t.Fatalf("%d charges, want 1 (the first cycle only)", got)
			}
			u := e.subscription(id)
			if u.State != tc.state || u.OpenCycle != -1 || u.NextCycle != 1 {
				t.Fatalf("subscription %+v, want %s with no open cycle and cycle 1 not paid", u, tc.state)
			}
			p, _, err := e.st.BeginPurchase(ctx, store.Purchase{CustomerID: e.customer, IdemKey: store.CycleKey(id, 1, 0), ProductID: apiPlan, Quantity: 1})
			if err != nil || p.State != store.PurchaseFailed || p.FailureCode != string(checkout.RefusalRenewalStopped) || p.TokenID != "" {
				t.Fatalf("renewal purchase %+v, %v: want failed with %s and no token", p, err, checkout.RefusalRenewalStopped)
			}
			if n := len(e.sb.Stripe.Tokens()) - tokens; n != 0 {
				t.Errorf("%d tokens issued for the renewal, want none", n)
			}
		})
	}
}

// unrevocable is a Stripe whose token revocations fail.
type unrevocable struct{ checkout.Tokens }

func (unrevocable) Revoke(context.Context, string, string) error {
	return errors.New("stripe unavailable")
}

// TestSubscriptionInterruptedRetryWaitsForToken: a renewal interrupted after its token
// was issued is tried again at once only when recovery revoked that token; when the
// revocation failed, the next attempt (a new token) waits until the old one expires.
func TestSubscriptionInterruptedRetryWaitsForToken(t *testing.T) {
	for _, tc := range []struct {
		name    string
		revoke  bool
		waitFor time.Duration // before the next attempt charges
	}{
		{"token revoked", true, 0},
		{"revocation failed", false, checkout.DefaultTokenTTL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID
			e.cfg.Fault = func(s string) error {
				if s == "token_issued" {
					return errors.New("killed")
				}
				return nil
			}
			crashing := e.service()
			e.clock.Advance(month)
			if rep := e.renew(crashing, 1); rep.Errors != 1 {
				t.Fatalf("the injected crash did not stop the renewal: %+v", rep)
			}
			e.cfg.Fault = nil
			cfg := e.cfg
			if !tc.revoke {
				cfg.Tokens = unrevocable{cfg.Tokens}
			}
			restarted := mustService(t, cfg)
			rep, err := restarted.Recover(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := checkout.RecoverReport{Failed: 1}
			if !tc.revoke { // the token can still be charged: nothing is concluded
				want = checkout.RecoverReport{Unsettled: 1}
			}
			if rep != want {
				t.Fatalf("recover = %+v, want %+v", rep, want)
			}
			tokens := len(e.sb.Stripe.Tokens())
			e.renew(restarted, 3)
			if tc.waitFor > 0 {
				if n := len(e.sb.Stripe.Tokens()) - tokens; n != 0 || e.succeeded() != 1 {
					t.Fatalf("%d new tokens and %d charges while the old token lives, want 0 and 1", n, e.succeeded())
				}
				e.clock.Advance(tc.waitFor - time.Second)
				e.renew(restarted, 3)
				if n := len(e.sb.Stripe.Tokens()) - tokens; n != 0 {
					t.Fatalf("%d new tokens a second before the old one expires, want 0", n)
				}
				e.clock.Advance(time.Second)
				// Until its token expired, Stripe could not say that the interrupted
				// attempt was never charged (the token could still be): recovery left it
				// pending. Now it settles it, as the server's periodic recovery does.
				if rep, err := restarted.Recover(ctx, 0); err != nil || rep.Failed != 1 {
					t.Fatalf("recover after the token expired = %+v, %v; want 1 failed", rep, err)
				}
				e.renew(restarted, 3)
			}
			if e.succeeded() != 2 {
				t.Fatalf("%d charges, want 2 (cycle 1 paid)", e.succeeded())
			}
			if u := e.subscription(id); u.NextCycle != 2 || u.OpenCycle != -1 {
				t.Fatalf("subscription %+v: want cycle 1 paid", u)
			}
		})
	}
}

// TestSubscriptionsRenewOnlyInTheirMode: a subscription records the mode it was made
// in, and a server running in another mode never charges it: not when it falls due,
// not on resuming, not on confirming a quote made in the other mode; it says why.
// Back in its own mode it renews again.
func TestSubscriptionsRenewOnlyInTheirMode(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID
	if u := e.subscription(id); u.Mode != string(checkout.ModeSandbox) {
		t.Fatalf("mode %q, want sandbox", u.Mode)
	}
	quote, err := e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: apiPlan, Quantity: 2})
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.cfg
	cfg.Mode = checkout.ModeLive // the same database, now served by a live server
	live := mustService(t, cfg)
	charges := e.succeeded()

	e.clock.Advance(month)
	if rep := e.renew(live, 3); rep.Paid+rep.Pending+rep.Retrying+rep.Paused != 0 {
		t.Errorf("live renewal of a sandbox subscription: %+v", rep)
	}
	if ref := live.OtherMode(e.subscription(id)); ref == nil || ref.Code != checkout.RefusalOtherMode ||
		ref.Params.Mode != checkout.ModeSandbox || ref.Params.ServerMode != checkout.ModeLive {
		t.Errorf("OtherMode = %+v, want sandbox made, live server", ref)
	}
	if ref := e.svc.OtherMode(e.subscription(id)); ref != nil {
		t.Errorf("the sandbox server's OtherMode = %+v, want nil", ref)
	}
	if _, err := live.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, QuoteID: quote.Subscription.QuoteID}); !isRefusal(err, checkout.RefusalOtherMode) {
		t.Errorf("confirming a sandbox quote on a live server: %v", err)
	}
	if ch, err := live.PauseSubscription(ctx, e.customer, id); err != nil || ch.Subscription.State != store.SubscriptionPaused {
		t.Fatalf("pause from another mode = %+v, %v; stopping is always allowed", ch, err)
	}
	if _, err := live.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); !isRefusal(err, checkout.RefusalOtherMode) {
		t.Errorf("resume on a live server: %v", err)
	}
	if got := e.succeeded(); got != charges {
		t.Fatalf("%d charges, want %d: nothing charged by the live server", got, charges)
	}
	if out, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); err != nil || out.Subscription.State != store.SubscriptionActive {
		t.Fatalf("resume in its own mode = %+v, %v", out, err)
	}
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paid != 1 {
		t.Errorf("renewal in its own mode: %+v, want paid", rep)
	}
}

// TestSubscriptionRenewalsRaceForTheMonthlyLimit renews two subscriptions that fall due
// together, with two servers on one database file, when the monthly limit has room for
// either renewal but not both: one is charged, the other pauses with the limit as its
// reason, and the 30 days' charges stay within the limit.
func TestSubscriptionRenewalsRaceForTheMonthlyLimit(t *testing.T) {
	e := newEnv(t, envOpts{rules: &noLimits})
	ctx := context.Background()
	api, coffee := e.subscribe(apiPlan, 1).Subscription, e.subscribe(coffeePlan, 1).Subscription
	limit := max(api.Amount, coffee.Amount) + min(api.Amount, coffee.Amount) - 1
	if _, err := e.st.UpdateRules(ctx, e.customer, store.RulesPatch{MonthlyMax: &limit}); err != nil {
		t.Fatal(err)
	}
	a, b := e.service(), e.otherServer()
	e.clock.Advance(month) // the first cycles leave the 30-day window
	charges := e.succeeded()
	var wg sync.WaitGroup
	for _, svc := range []*checkout.Service{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := svc.RenewDue(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	e.renew(a, 5)
	if got := e.succeeded() - charges; got != 1 {
		t.Errorf("%d renewals charged, want 1", got)
	}
	spent, err := e.st.Spent(ctx, e.customer, api.Currency, store.MonthlyWindow)
	if err != nil {
		t.Fatal(err)
	}
	if spent > limit {
		t.Errorf("spent %d in 30 days, over the monthly limit %d", spent, limit)
	}
	var paused int
	for _, u := range []store.Subscription{e.subscription(api.ID), e.subscription(coffee.ID)} {
		if u.State == store.SubscriptionPaused {
			paused++
			if pr := checkout.PauseRefusal(u); pr == nil || pr.Code != checkout.RefusalOverMonthlyLimit {
				t.Errorf("%s paused with %+v, want the monthly limit", u.ProductID, pr)
			}
		}
	}
	if paused != 1 {
		t.Errorf("%d subscriptions paused, want 1", paused)
	}
}

// TestSubscriptionLowerPrice: a renewal the seller quotes under the price the person
// agreed to is charged that lower price, and the subscription keeps both: the agreed
// price (Amount) stays the bound, what the cycle charged (Charged) is what the next
// cycle is expected to charge (NextAmount). The seller's return to the agreed price
// then renews without asking; a price above it still pauses and asks; a new price the
// person confirms becomes the agreed price, and no earlier charge is shown for it.
func TestSubscriptionLowerPrice(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID // agreed at 2900, cycle 0 charged 2900
	steps := []struct {
		name                  string
		price                 int64 // the seller's price for the next cycle
		paused                bool
		agreed, charged, next int64
		charges               int // charges so far
	}{
		{name: "the seller lowers its price", price: 2400, agreed: 2900, charged: 2400, next: 2400, charges: 2},
		{name: "back to the agreed price", price: 2900, agreed: 2900, charged: 2900, next: 2900, charges: 3},
		{name: "lower again", price: 2000, agreed: 2900, charged: 2000, next: 2000, charges: 4},
		{name: "above the agreed price", price: 3100, paused: true, agreed: 2900, charged: 2000, next: 2000, charges: 4},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			e.setPrice(apiPlan, st.price)
			e.clock.Advance(month)
			rep := e.renew(e.svc, 3)
			if (rep.Paused == 1) != st.paused || (rep.Paid == 1) == st.paused {
				t.Fatalf("renewal %+v, want paused: %v", rep, st.paused)
			}
			u := e.subscription(id)
			if u.Amount != st.agreed || u.Charged != st.charged || checkout.NextAmount(u) != st.next || checkout.YearlyAmount(u) != 12*st.next {
				t.Errorf("agreed %d, charged %d, next %d, a year %d; want %d, %d, %d, %d", u.Amount, u.Charged, checkout.NextAmount(u), checkout.YearlyAmount(u),
					st.agreed, st.charged, st.next, 12*st.next)
			}
			if e.succeeded() != st.charges {
				t.Errorf("%d charges, want %d", e.succeeded(), st.charges)
			}
		})
	}
	// The person confirms the new price: it is the agreed price, and the next cycle is
	// expected at it (the earlier, lower charge no longer says what comes next).
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
	if err != nil || res.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("resume at a new price = %+v, %v; want confirmation required", res, err)
	}
	conf, err := e.svc.ConfirmSubscription(ctx, e.customer, res.Subscription.QuoteID, checkout.ViaQuoteID)
	if err != nil || conf.Subscription.Amount != 3100 || checkout.NextAmount(conf.Subscription) != 3100 {
		t.Fatalf("confirm new price = %+v, %v; want agreed and expected at 3100", conf.Subscription, err)
	}
	if u := e.subscription(id); u.Amount != 3100 || checkout.NextAmount(u) != 3100 {
		t.Errorf("after the new price: agreed %d, charged %d, next %d; want 3100, -, 3100", u.Amount, u.Charged, checkout.NextAmount(u))
	}
}

// TestRefusedResumeKeepsAgreedPrice: a paused subscription's resume at the seller's
// new price, refused by the person's rules when confirmed, leaves the subscription as
// it was: paused for that price, at the price the person agreed to, with what its last
// cycle charged. Only a confirmed resume makes the new price the agreed one.
func TestRefusedResumeKeepsAgreedPrice(t *testing.T) {
	tests := []struct {
		name        string
		perOrderMax int64 // set between the resume's quote and its confirmation
		refused     checkout.RefusalCode
		state       store.SubscriptionState
		agreed      int64
		charged     int64
		charges     int
	}{
		{name: "refused over the per-order limit", perOrderMax: 3000, refused: checkout.RefusalOverOrderLimit,
			state: store.SubscriptionPaused, agreed: 2900, charged: 2400, charges: 2},
		{name: "confirmed within the limits", perOrderMax: store.NoLimit,
			state: store.SubscriptionActive, agreed: 3100, charged: 3100, charges: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			id := e.subscribe(apiPlan, 1).Subscription.ID // agreed at 2900
			e.setPrice(apiPlan, 2400)
			e.clock.Advance(month)
			if rep := e.renew(e.svc, 3); rep.Paid != 1 {
				t.Fatalf("renewal at a lower price %+v, want paid", rep)
			}
			e.setPrice(apiPlan, 3100)
			e.clock.Advance(month)
			if rep := e.renew(e.svc, 3); rep.Paused != 1 {
				t.Fatalf("renewal above the agreed price %+v, want paused", rep)
			}
			res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
			if err != nil || res.Status != checkout.StatusConfirmationRequired {
				t.Fatalf("resume = %+v, %v; want confirmation required", res, err)
			}
			rules, err := e.st.Rules(ctx, e.customer)
			if err != nil {
				t.Fatal(err)
			}
			rules.PerOrderMax = tt.perOrderMax
			if err := e.st.SetRules(ctx, e.customer, rules); err != nil {
				t.Fatal(err)
			}
			_, err = e.svc.ConfirmSubscription(ctx, e.customer, res.Subscription.QuoteID, checkout.ViaQuoteID)
			var ref *checkout.Refusal
			if got := checkout.RefusalCode(""); errors.As(err, &ref) {
				got = ref.Code
				if got != tt.refused {
					t.Fatalf("confirm refused %s, want %q", got, tt.refused)
				}
			} else if err != nil || tt.refused != "" {
				t.Fatalf("confirm = %v, want refused %q", err, tt.refused)
			}
			u := e.subscription(id)
			if u.State != tt.state || u.Amount != tt.agreed || u.Charged != tt.charged {
				t.Errorf("%s, agreed %d, charged %d; want %s, %d, %d", u.State, u.Amount, u.Charged, tt.state, tt.agreed, tt.charged)
			}
			if pr := checkout.PauseRefusal(u); tt.state == store.SubscriptionPaused && (pr == nil || pr.Code != checkout.RefusalPriceChanged || pr.Params.Amount != 3100) {
				t.Errorf("pause %+v, want still for the price of 3100", pr)
			}
			if e.succeeded() != tt.charges {
				t.Errorf("%d charges, want %d", e.succeeded(), tt.charges)
			}
		})
	}
}

// setPrice sets product id's price in the catalog, as a seller's feed would.
func (e *env) setPrice(id string, amount int64) {
	e.t.Helper()
	ctx := context.Background()
	p, err := e.cat.Product(ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	p.Price.Amount = amount
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		e.t.Fatal(err)
	}
}
