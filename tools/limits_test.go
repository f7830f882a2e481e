package tools

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/mark3labs/mcp-go/mcp"
)

// fakeLimiter allows budget["customer tool"] calls of a tool to a customer, or when
// that is not listed budget[tool] calls of the tool to all customers together
// (unlisted: any number), and refuses the rest with retry; it records every call it
// was asked about.
type fakeLimiter struct {
	mu     sync.Mutex
	budget map[string]int
	retry  time.Duration
	asked  []string // "customer tool"
}

func (f *fakeLimiter) Allow(customer, tool string) (bool, time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, customer+" "+tool)
	key := customer + " " + tool
	n, limited := f.budget[key]
	if !limited {
		key = tool
		if n, limited = f.budget[tool]; !limited {
			return true, 0
		}
	}
	if n <= 0 {
		return false, f.retry
	}
	f.budget[key] = n - 1
	return true, 0
}

func (f *fakeLimiter) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

func TestRateLimit(t *testing.T) {
	tests := []struct {
		name     string
		limits   *fakeLimiter // nil: no Limits
		tool     string
		args     map[string]any
		wantText string // a fragment of a refusal; "" for a call that runs
		never    string // a fragment the refusal must not have
		bucket   string // the limit the call counts against; "" for the tool's own
	}{
		{name: "no limiter", tool: "search_products", args: map[string]any{"query": "shoes"}},
		{name: "within the limit", limits: &fakeLimiter{budget: map[string]int{"search_products": 1}}, tool: "search_products", args: map[string]any{"query": "shoes"}},
		{name: "another tool's limit", limits: &fakeLimiter{budget: map[string]int{"purchase": 0}, retry: time.Second}, tool: "get_preferences"},
		{name: "over the limit", limits: &fakeLimiter{budget: map[string]int{"search_products": 0}, retry: 2300 * time.Millisecond},
			tool: "search_products", args: map[string]any{"query": "shoes"}, wantText: "too many calls in a short time (refused ones count too). Nothing was done. Try again in 3 seconds.",
			never: "purchase and checkout calls"},
		{name: "purchase over the limit", limits: &fakeLimiter{budget: map[string]int{"purchase": 0}, retry: 90 * time.Second},
			tool: "purchase", args: map[string]any{"product_id": "x"}, wantText: "too many purchase and checkout calls in a short time (refused ones count too). Nothing was done: nothing was bought and nothing was charged. Try again in 90 seconds."},
		{name: "checkout counts as a purchase", limits: &fakeLimiter{budget: map[string]int{"purchase": 0}, retry: 5 * time.Second},
			tool: "checkout", bucket: "purchase", wantText: "too many purchase and checkout calls in a short time (refused ones count too). Nothing was done: nothing was bought and nothing was charged. Try again in 5 seconds."},
		{name: "long wait in minutes", limits: &fakeLimiter{budget: map[string]int{"list_orders": 0}, retry: 150 * time.Second},
			tool: "list_orders", wantText: "Try again in 3 minutes.", never: "nothing was bought"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStorefront(t)
			if tt.limits != nil {
				s.tb.Limits = tt.limits
			}
			c := s.client(t, nil, "")
			res := call(t, c, tt.tool, tt.args, nil)
			if tt.wantText == "" {
				if res.IsError {
					t.Fatalf("%s refused: %s", tt.tool, text(res))
				}
			} else {
				got := text(res)
				for _, want := range []string{"Too many calls", tt.tool + " was refused", "Nothing was done", tt.wantText} {
					if !res.IsError || !strings.Contains(got, want) {
						t.Fatalf("%s: %q, want an error containing %q", tt.tool, got, want)
					}
				}
				if tt.never != "" && strings.Contains(got, tt.never) {
					t.Errorf("%s: %q says %q", tt.tool, got, tt.never)
				}
			}
			if tt.limits != nil {
				bucket := tt.bucket
				if bucket == "" {
					bucket = tt.tool
				}
				if got, want := tt.limits.calls(), []string{s.tb.Customer + " " + bucket}; strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("limiter asked %q, want %q", got, want)
				}
			}
		})
	}
}

// The words follow the limit a call counts against, decided in one place
// (limitBucket): a tool counted against the purchase limit says so, whatever its name.
func TestTooManyCallsTextFollowsBucket(t *testing.T) {
	for _, tc := range []struct {
		name, tool, bucket string
		buys               bool
	}{
		{"purchase", "purchase", limitBucket("purchase"), true},
		{"checkout", "checkout", limitBucket("checkout"), true},
		{"a tool added to the purchase limit", "buy_again", purchaseBucket, true},
		{"get_order", "get_order", limitBucket("get_order"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tooManyCallsText(tc.tool, tc.bucket, time.Second)
			if says := strings.Contains(got, "purchase and checkout calls") && strings.Contains(got, "nothing was bought and nothing was charged"); says != tc.buys {
				t.Errorf("%q: names the purchase limit = %v, want %v", got, says, tc.buys)
			}
		})
	}
}

// A refused purchase does nothing: no quote, no order, no charge.
func TestRateLimitedPurchaseDoesNothing(t *testing.T) {
	s := newStorefront(t)
	s.tb.Limits = &fakeLimiter{budget: map[string]int{"purchase": 0}, retry: time.Second}
	c := s.client(t, nil, "")
	if res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 1000, 4000).ID}, nil); !res.IsError {
		t.Fatalf("purchase over the limit ran: %s", text(res))
	}
	var list listOrdersResult
	if res := call(t, c, "list_orders", nil, &list); res.IsError || len(list.Orders) != 0 {
		t.Fatalf("list_orders: %s", text(res))
	}
	if s.charges() != 0 || len(s.sb.Stripe.Tokens()) != 0 {
		t.Errorf("a refused purchase charged or issued a token")
	}
}

// The limiter is asked about the request's customer, not the configured one.
func TestRateLimitAsksForTheRequestsCustomer(t *testing.T) {
	s := newStorefront(t)
	f := &fakeLimiter{}
	s.tb.Limits = f
	run := s.tb.rateLimit(func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	})
	req := mcp.CallToolRequest{}
	req.Params.Name = "get_order"
	res, err := run(WithCustomer(context.Background(), "cus_hosted"), req)
	if err != nil || res.IsError || text(res) != "ran" {
		t.Fatalf("got %v, %v", res, err)
	}
	if got := f.calls(); len(got) != 1 || got[0] != "cus_hosted get_order" {
		t.Errorf("limiter asked %q, want the request's customer", got)
	}
}

// The person's answer to a confirmation dialog continues the purchase call that asked
// and is not refused, even when no purchase call is left in the budget.
func TestRateLimitLetsTheConfirmationThrough(t *testing.T) {
	s := newStorefront(t)
	f := &fakeLimiter{budget: map[string]int{"purchase": 1}, retry: time.Minute}
	s.tb.Limits = f
	c := s.client(t, accept(true), "") // the modern era: the answer is a second tools/call
	var out purchaseResult
	res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 6000, 40000).ID}, &out)
	if res.IsError || out.Status != "completed" {
		t.Fatalf("confirmed purchase: %s / %+v", text(res), out)
	}
	if got := f.calls(); len(got) != 1 {
		t.Errorf("limiter asked %d times (%q), want once", len(got), got)
	}
	if res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 6000, 40000).ID}, nil); !res.IsError || !strings.Contains(text(res), "Too many calls") {
		t.Errorf("second purchase: %s, want it refused", text(res))
	}
	if s.charges() != 1 {
		t.Errorf("%d charges, want 1", s.charges())
	}
}

// TestRateLimitLetsTheQuoteConfirmationThrough: confirming a quote by its quote_id
// continues the purchase call that made the quote, which was counted, as a dialog's
// answer does, and is not refused even when no purchase call is left in the budget (a
// new user's hosted customer was told "Too many calls" for the "yes" to a third
// purchase). Only the first confirmation of a live quote of the customer's is let
// through: the same quote_id again, or one made up, is counted like any call.
func TestRateLimitLetsTheQuoteConfirmationThrough(t *testing.T) {
	s := newStorefront(t)
	f := &fakeLimiter{budget: map[string]int{"purchase": 1}, retry: time.Minute}
	s.tb.Limits = f
	c := s.client(t, nil, "") // no dialogs: the quote_id path
	var quoted purchaseResult
	res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 6000, 40000).ID}, &quoted)
	if res.IsError || quoted.Status != "confirmation_required" || quoted.QuoteID == "" {
		t.Fatalf("purchase above the threshold: %s / %+v", text(res), quoted)
	}
	var out purchaseResult
	if res := call(t, c, "purchase", map[string]any{"quote_id": quoted.QuoteID}, &out); res.IsError || out.Status != "completed" {
		t.Fatalf("confirmed by quote_id: %s / %+v", text(res), out)
	}
	if got := f.calls(); len(got) != 1 {
		t.Errorf("limiter asked %d times (%q), want once", len(got), got)
	}
	for _, q := range []string{quoted.QuoteID, "qt_madeup"} {
		before := len(f.calls())
		if res := call(t, c, "purchase", map[string]any{"quote_id": q}, nil); !res.IsError || !strings.Contains(text(res), "Too many calls") {
			t.Errorf("purchase with quote_id %s once more: %s, want it counted and refused", q, text(res))
		}
		if len(f.calls()) != before+1 {
			t.Errorf("quote_id %s once more: the limiter was not asked", q)
		}
	}
	if s.charges() != 1 {
		t.Errorf("%d charges, want 1", s.charges())
	}
}

func TestRetryIn(t *testing.T) {
	tests := []struct {
		name string
		d    time.Duration
		want string
	}{
		{"zero", 0, "1 second"},
		{"under a second", 200 * time.Millisecond, "1 second"},
		{"exactly one", time.Second, "1 second"},
		{"rounded up", 2001 * time.Millisecond, "3 seconds"},
		{"just under two minutes", 119 * time.Second, "119 seconds"},
		{"two minutes", 120 * time.Second, "2 minutes"},
		{"minutes rounded up", 121 * time.Second, "3 minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retryIn(tt.d); got != tt.want {
				t.Errorf("retryIn(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

// Only a genuine dialog answer skips the tool limit: a call of a dialog tool with a
// requestState the checkout service sealed for this customer. A made-up state, a
// state sealed for another customer, inputResponses alone, or a state on a tool that
// runs no dialog are counted like any call (review finding H1).
func TestRateLimitExemptsOnlySealedDialogAnswers(t *testing.T) {
	s := newStorefront(t)
	sealed := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_1", CustomerID: s.tb.Customer, ExpiresAt: time.Now().Add(time.Hour)})
	sealedToo := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_4", CustomerID: s.tb.Customer, ExpiresAt: time.Now().Add(time.Hour)})
	other := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_2", CustomerID: "cus_other", ExpiresAt: time.Now().Add(time.Hour)})
	expired := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_3", CustomerID: s.tb.Customer, ExpiresAt: time.Now().Add(-time.Minute)})
	answers := map[string]mcp.InputResponse{confirmKey: mcp.NewElicitationInputResponse(mcp.ElicitationResult{})}
	tests := []struct {
		name      string
		tool      string
		state     string
		responses map[string]mcp.InputResponse
		counted   bool
	}{
		{"sealed state on a dialog tool", "purchase", sealed, answers, false},
		{"sealed state without responses", "add_payment_method", sealedToo, nil, false},
		// Each state is let through once: a replay changes nothing, and unlimited it
		// would run the handler's store writes (or a setup's Stripe calls) at will.
		{"sealed state again", "purchase", sealed, answers, true},
		{"made-up state", "purchase", "x", answers, true},
		{"made-up state on a search", "search_products", "x", nil, true},
		{"sealed state on a tool without dialogs", "search_products", sealed, answers, true},
		{"state sealed for another customer", "purchase", other, answers, true},
		{"expired state", "purchase", expired, answers, true},
		{"responses without a state", "purchase", "", answers, true},
		{"plain call", "purchase", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLimiter{budget: map[string]int{"purchase": 0, "search_products": 0, "add_payment_method": 0}, retry: time.Second}
			s.tb.Limits = f
			ran := false
			run := s.tb.rateLimit(func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				ran = true
				return mcp.NewToolResultText("ran"), nil
			})
			req := mcp.CallToolRequest{}
			req.Params.Name = tt.tool
			req.Params.RequestState = tt.state
			req.Params.InputResponses = tt.responses
			res, err := run(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if asked := len(f.calls()) > 0; asked != tt.counted {
				t.Errorf("limiter asked: %v, want %v", asked, tt.counted)
			}
			if ran == tt.counted || res.IsError != tt.counted {
				t.Errorf("ran %v (isError %v: %s), want refused %v", ran, res.IsError, text(res), tt.counted)
			}
		})
	}
}

// TestDialogAnswerLetThroughOnce: hosting's check (DialogAnswer) exempts a sealed
// answer from the request limit until the tools' rate limit has let it through once;
// then a replay is counted at both, for as long as the state lives, whichever customer
// or tool it names; a state of another dialog is let through on its own.
func TestDialogAnswerLetThroughOnce(t *testing.T) {
	s := newStorefront(t)
	s.tb.Limits = &fakeLimiter{budget: map[string]int{"purchase": 0}, retry: time.Second}
	a := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_1", CustomerID: s.tb.Customer, ExpiresAt: time.Now().Add(time.Hour)})
	b := s.tb.Checkout.SealSetup(store.PaymentSetup{ID: "ps_2", CustomerID: s.tb.Customer, ExpiresAt: time.Now().Add(time.Hour)})
	ran := 0
	run := s.tb.rateLimit(func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		ran++
		return mcp.NewToolResultText("ran"), nil
	})
	answer := func(state string) bool {
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.RequestState = "purchase", state
		before := ran
		if _, err := run(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		return ran > before
	}
	steps := []struct {
		name          string
		do            func() bool
		want          bool
		hostedExempts bool // DialogAnswer(a) after the step
	}{
		{"a's answer, first", func() bool { return answer(a) }, true, false},
		{"a's answer again", func() bool { return answer(a) }, false, false},
		{"a's answer once more", func() bool { return answer(a) }, false, false},
		{"b's answer, first", func() bool { return answer(b) }, true, false},
	}
	if !s.tb.DialogAnswer(s.tb.Customer, "purchase", a) {
		t.Fatal("a sealed answer not yet let through is not exempt at hosting")
	}
	for _, st := range steps {
		if got := st.do(); got != st.want {
			t.Errorf("%s: ran %v, want %v", st.name, got, st.want)
		}
		if got := s.tb.DialogAnswer(s.tb.Customer, "purchase", a); got != st.hostedExempts {
			t.Errorf("%s: hosting exempts a's state: %v, want %v", st.name, got, st.hostedExempts)
		}
	}
}
