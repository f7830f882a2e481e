package tools

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// notices records the notifications/resources/updated a client receives.
type notices struct {
	mu    sync.Mutex
	uris  []string
	acked chan struct{} // closed at subscriptions/acknowledged
	once  sync.Once
}

func (n *notices) listen(c *client.Client) {
	n.acked = make(chan struct{})
	c.OnNotification(func(m mcp.JSONRPCNotification) {
		if m.Method == mcp.MethodNotificationSubscriptionsAcknowledged {
			n.once.Do(func() { close(n.acked) })
		}
		if m.Method != mcp.MethodNotificationResourceUpdated {
			return
		}
		uri, _ := m.Params.AdditionalFields["uri"].(string)
		n.mu.Lock()
		n.uris = append(n.uris, uri)
		n.mu.Unlock()
	})
}

// wait returns the notices once there are want of them, or after a second.
func (n *notices) wait(want int) []string {
	deadline := time.Now().Add(time.Second)
	for {
		n.mu.Lock()
		got := append([]string(nil), n.uris...)
		n.mu.Unlock()
		if len(got) >= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// buy purchases product_id with c and returns the order id.
func buy(t *testing.T, c *client.Client, productID string) string {
	t.Helper()
	var out purchaseResult
	if res := call(t, c, "purchase", map[string]any{"product_id": productID}, &out); res.IsError || out.Status != "completed" {
		t.Fatalf("purchase %s: %s", productID, text(res))
	}
	return out.OrderID
}

func TestOrdersResourceNotifiesSubscribers(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	subscribed, other := s.client(t, nil, "2025-11-25"), s.client(t, nil, "2025-11-25")
	var got, gotOther notices
	got.listen(subscribed)
	gotOther.listen(other)
	if err := subscribed.Subscribe(ctx, mcp.SubscribeRequest{Params: mcp.SubscribeParams{URI: ordersURI}}); err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	order := buy(t, subscribed, "nw-actv-0001")
	// The order was created pending, then completed.
	if uris := got.wait(2); len(uris) != 2 || uris[0] != ordersURI {
		t.Fatalf("after the purchase the subscribed session got %v, want two updates of %s", uris, ordersURI)
	}
	if res := call(t, subscribed, "cancel_order", map[string]any{"order_id": order}, nil); res.IsError {
		t.Fatalf("cancel_order: %s", text(res))
	}
	if uris := got.wait(3); len(uris) != 3 || uris[2] != ordersURI {
		t.Fatalf("after the cancellation the subscribed session got %v, want a third update of %s", uris, ordersURI)
	}
	if uris := gotOther.wait(0); len(uris) != 0 {
		t.Fatalf("a session that did not subscribe got %v", uris)
	}
	// Unsubscribed: no more notices.
	if err := subscribed.Unsubscribe(ctx, mcp.UnsubscribeRequest{Params: mcp.UnsubscribeParams{URI: ordersURI}}); err != nil {
		t.Fatal(err)
	}
	second := buy(t, subscribed, "nw-actv-0001")
	call(t, subscribed, "cancel_order", map[string]any{"order_id": second}, nil)
	time.Sleep(50 * time.Millisecond)
	if uris := got.wait(3); len(uris) != 3 {
		t.Fatalf("after unsubscribing: %v", uris)
	}
}

func TestCancelOrderConfirmation(t *testing.T) {
	const dear = "nw-shoe-0001" // $206.95: above the demo customer's $50 threshold
	for _, tc := range []struct {
		name       string
		answer     *mcp.ElicitationResult // nil: the client cannot show dialogs
		wantStatus string
		refunds    int
	}{
		{"dialog accepted", accept(true), "refunded", 1},
		{"dialog declined", &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, "", 0},
		{"confirmed by confirmation_id", nil, "refunded", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			order := buy(t, s.client(t, accept(true), "2025-11-25"), dear)
			c := s.client(t, tc.answer, "2025-11-25")
			var out cancelOrderResult
			res := call(t, c, "cancel_order", map[string]any{"order_id": order}, &out)
			if tc.answer == nil {
				if res.IsError || out.Status != "confirmation_required" || out.ConfirmationID == "" || !strings.Contains(out.Summary, "$206.95") {
					t.Fatalf("without a dialog: %s", text(res))
				}
				if len(s.sb.Stripe.Refunds()) != 0 {
					t.Fatal("refunded before confirmation")
				}
				res = call(t, c, "cancel_order", map[string]any{"order_id": order, "confirmation_id": out.ConfirmationID}, &out)
			}
			switch {
			case tc.wantStatus == "" && (!res.IsError || !strings.Contains(text(res), "keep the order")):
				t.Fatalf("declined: %s", text(res))
			case tc.wantStatus != "" && (res.IsError || out.Status != tc.wantStatus):
				t.Fatalf("result %s, want status %s", text(res), tc.wantStatus)
			}
			if n := len(s.sb.Stripe.Refunds()); n != tc.refunds {
				t.Fatalf("%d refunds, want %d", n, tc.refunds)
			}
			// Again: the first outcome, no second refund.
			call(t, c, "cancel_order", map[string]any{"order_id": order}, nil)
			if n := len(s.sb.Stripe.Refunds()); n != tc.refunds {
				t.Fatalf("after a retry: %d refunds, want %d", n, tc.refunds)
			}
		})
	}
}

func TestCancelOrderRefusals(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	for _, tc := range []struct {
		name string
		args map[string]any
		want string
	}{
		{"no order id", map[string]any{}, "order_id is required"},
		{"unknown order", map[string]any{"order_id": "ord_nope"}, `No order has id "ord_nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, c, "cancel_order", tc.args, nil)
			if !res.IsError || !strings.Contains(text(res), tc.want) {
				t.Fatalf("got %s, want an error saying %q", text(res), tc.want)
			}
		})
	}
}

// On protocol 2026-07-28 a client opts in with subscriptions/listen; its stream gets
// the same notices, tagged with the stream's id.
func TestOrdersResourceNotifiesListenStreams(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	var got notices
	got.listen(c)
	stop, err := c.ListenAsync(context.Background(), mcp.SubscriptionFilter{ResourceSubscriptions: []string{ordersURI}}, func(err error) {
		t.Errorf("listen: %v", err)
	})
	if err != nil {
		t.Fatalf("ListenAsync: %v", err)
	}
	defer stop()
	select {
	case <-got.acked:
	case <-time.After(5 * time.Second):
		t.Fatal("the listen stream was not acknowledged")
	}
	buy(t, c, "nw-actv-0001")
	if uris := got.wait(2); len(uris) != 2 || uris[0] != ordersURI {
		t.Fatalf("listen stream got %v, want two updates of %s", uris, ordersURI)
	}
}

// brokenDialogs is a client that declares elicitation but cannot show a dialog.
type brokenDialogs struct{}

func (brokenDialogs) Elicit(context.Context, mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	return nil, errors.New("no display")
}

// A dialog that cannot be shown cancels nothing and offers the confirmation_id, which
// then confirms it, as purchase does with quote_id.
func TestCancelOrderDialogFailsOverToConfirmationID(t *testing.T) {
	s := newStorefront(t)
	order := buy(t, s.client(t, accept(true), "2025-11-25"), "nw-shoe-0001")
	c := s.clientWith(t, brokenDialogs{}, "2025-11-25")
	var out cancelOrderResult
	res := call(t, c, "cancel_order", map[string]any{"order_id": order}, &out)
	if res.IsError || out.Status != "confirmation_required" || out.ConfirmationID == "" || !strings.Contains(out.Instruction, "could not show") {
		t.Fatalf("after a failed dialog: %s", text(res))
	}
	res = call(t, c, "cancel_order", map[string]any{"order_id": order, "confirmation_id": out.ConfirmationID}, &out)
	if res.IsError || out.Status != "refunded" || len(s.sb.Stripe.Refunds()) != 1 {
		t.Fatalf("confirmed by id: %s (%d refunds)", text(res), len(s.sb.Stripe.Refunds()))
	}
}

// An order stopped before its seller completed it says nothing was charged, or, when
// Stripe's word on the payment token decided it, what Stripe shows.
func TestStoppedSummary(t *testing.T) {
	for _, tc := range []struct {
		name, params, want string
	}{
		{"before any token", `{}`, "before the seller completed it. Nothing was charged."},
		{"Stripe's word", `{"stripe_witnessed":true}`, "before the seller completed it. Stripe shows nothing charged on the payment token."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := store.Order{ID: "ord_x", Status: store.OrderFailed, FailureCode: string(checkout.RefusalCanceledByPerson), FailureParams: tc.params}
			if got := stoppedSummary(o, "1 × «Tent»"); !strings.HasSuffix(got, tc.want) {
				t.Errorf("%q; want it to end %q", got, tc.want)
			}
		})
	}
}

// Cancelling a renewal's order of a paused subscription says that the subscription
// stays paused and how to resume it.
func TestCancelOrderSaysSubscriptionStaysPaused(t *testing.T) {
	s := newStorefront(t)
	id := buy(t, s.client(t, accept(true), "2025-11-25"), demoProduct(t, 1000, 4000).ID)
	o, err := s.tb.Store.Order(context.Background(), store.DemoCustomerID, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		paused string
		want   bool
	}{
		{"renewal of a paused subscription", "sub_paused", true},
		{"any other order", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := s.tb.cancelResult(context.Background(), checkout.CancelOutcome{Status: checkout.CancelRefunded, Order: o, PausedSubscription: tc.paused}, "")
			got := text(res)
			has := strings.Contains(got, "subscription sub_paused, which stays paused") && strings.Contains(got, "resume_subscription")
			if has != tc.want || (!tc.want && strings.Contains(got, "paused")) {
				t.Errorf("text %q: says the subscription stays paused = %v, want %v", got, has, tc.want)
			}
		})
	}
}

// A cancellation dialog answered after its confirmation lapsed is told in cancel
// words: the confirmation expired, nothing was canceled or refunded, ask again with
// cancel_order. Before, it got the purchase refusal ("Nothing was charged; call
// purchase again"), though the order had been charged.
func TestCancelDialogAnsweredAfterItLapsed(t *testing.T) {
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now})
	order := buy(t, s.client(t, accept(true), "2025-11-25"), "nw-shoe-0001") // above the demo customer's threshold
	late := elicitFunc(func(context.Context, mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
		clock.Advance(time.Hour) // the person answers long after the confirmation lapsed
		return accept(true), nil
	})
	res := call(t, s.clientWith(t, late, "2025-11-25"), "cancel_order", map[string]any{"order_id": order}, nil)
	got := text(res)
	if !res.IsError || !strings.Contains(got, "expired") || !strings.Contains(got, "Nothing was canceled or refunded") ||
		!strings.Contains(got, "cancel_order") || !strings.Contains(got, order) ||
		strings.Contains(got, "charged") || strings.Contains(got, "purchase") {
		t.Fatalf("answered after it lapsed: %s; want the cancel confirmation's expiry, nothing canceled or refunded, cancel_order with the order", got)
	}
	if n := len(s.sb.Stripe.Refunds()); n != 0 {
		t.Fatalf("%d refunds; want none", n)
	}
}
