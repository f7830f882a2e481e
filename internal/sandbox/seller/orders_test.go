package seller_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// receiver records the order events a seller sends, after checking their signature.
type receiver struct {
	t      *testing.T
	secret []byte
	now    func() time.Time
	mu     sync.Mutex
	events []acp.OrderEvent
	fail   bool // answer 503
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	if _, err := acp.Verify(req.Header.Get(acp.SignatureHeader), body, r.secret, r.now(), acp.DefaultSignatureTolerance); err != nil {
		r.t.Errorf("event signature: %v", err)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	var ev acp.OrderEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		r.t.Errorf("event body: %v", err)
	}
	r.events = append(r.events, ev)
}

func (r *receiver) statuses() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events {
		out = append(out, ev.Type+":"+ev.Data.Status)
	}
	return out
}

func (r *receiver) setFail(fail bool) {
	r.mu.Lock()
	r.fail = fail
	r.mu.Unlock()
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// webhookEnv is a seller whose order events go to a receiver.
func webhookEnv(t *testing.T, opts ...func(*seller.Config)) (*env, *receiver) {
	secret := []byte("whsec_seller_test")
	var rcv *receiver
	e := newEnv(t, append([]func(*seller.Config){func(c *seller.Config) {
		rcv = &receiver{t: t, secret: secret, now: c.Now}
		srv := httptest.NewServer(rcv)
		t.Cleanup(srv.Close)
		c.Webhook = &seller.Webhook{URL: srv.URL, Secret: secret}
	}}, opts...)...)
	return e, rcv
}

// paidOrder completes a checkout of one mug and returns its order.
func (e *env) paidOrder() *acp.Order {
	e.t.Helper()
	s, err := e.complete(e.create(item("mug", 1)).ID, testToken)
	if err != nil || s.Order == nil {
		e.t.Fatalf("complete: %+v, %v", s, err)
	}
	return s.Order
}

func TestOrderScheduleAndEvents(t *testing.T) {
	e, rcv := webhookEnv(t)
	ctx := context.Background()
	o := e.paidOrder()
	e.seller.Tick(ctx)
	if got, want := rcv.statuses(), []string{"order_create:confirmed"}; !equal(got, want) {
		t.Fatalf("after completion: events %v, want %v", got, want)
	}
	// A receiver that is down gets the event again later, in order.
	rcv.setFail(true)
	e.clock.Advance(seller.DefaultShipAfter)
	e.seller.Tick(ctx)
	rcv.setFail(false)
	e.seller.Tick(ctx)
	e.clock.Advance(seller.DefaultDeliverAfter - seller.DefaultShipAfter)
	e.seller.Tick(ctx)
	e.seller.Tick(ctx) // nothing new
	want := []string{"order_create:confirmed", "order_update:shipped", "order_update:delivered"}
	if got := rcv.statuses(); !equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	shipped := rcv.events[1].Data
	if _, ok := o.Digital(); !ok {
		t.Errorf("paid order %+v has no digital delivery (its mug is digital in this inventory)", o)
	}
	if d, ok := shipped.Digital(); !ok || d.LicenseKey == "" {
		t.Errorf("shipped event %+v lost the digital delivery", shipped)
	}
	if shipped.ID != o.ID || len(shipped.Fulfillments) != 2 || shipped.Fulfillments[0].TrackingNumber == "" ||
		shipped.Fulfillments[0].Carrier == "" || shipped.Fulfillments[0].TrackingURL == "" {
		t.Fatalf("shipped event %+v lacks its tracking", shipped)
	}
	// A delivered order cannot be canceled.
	_, err := e.client.CancelOrder(ctx, o.ID, acp.CancelOrderRequest{}, e.key())
	var pe *acp.Error
	if !asACPError(err, &pe) || pe.HTTPStatus != http.StatusConflict || pe.Code != acp.CodeNotCancelableOrder {
		t.Fatalf("cancel of a delivered order: %v, want 409 not_cancelable", err)
	}
}

func TestCancelOrderRefundsOnce(t *testing.T) {
	e, rcv := webhookEnv(t)
	ctx := context.Background()
	o := e.paidOrder()
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := "cancel-1"
			if i%2 == 1 {
				key = "cancel-other-" + string(rune('a'+i)) // another key: still one refund
			}
			got, err := e.client.CancelOrder(ctx, o.ID, acp.CancelOrderRequest{ReasonCode: "buyer_request"}, key)
			var pe *acp.Error
			if err != nil && !(asACPError(err, &pe) && pe.Code == acp.CodeIdempotencyInFlight) {
				t.Errorf("cancel: %v", err)
				return
			}
			if err == nil && (got.Status != acp.OrderStatusCanceled || got.Refunded() != 1250) {
				t.Errorf("canceled order %+v, want canceled with 12.50 refunded", got)
			}
		}()
	}
	wg.Wait()
	e.pay.mu.Lock()
	refunds := len(e.pay.refunds)
	e.pay.mu.Unlock()
	if refunds != 1 {
		t.Fatalf("%d refunds, want 1", refunds)
	}
	e.clock.Advance(seller.DefaultDeliverAfter)
	e.seller.Tick(ctx)
	if got, want := rcv.statuses(), []string{"order_create:confirmed", "order_update:canceled"}; !equal(got, want) {
		t.Fatalf("events %v, want %v (a canceled order does not ship)", got, want)
	}
	if _, err := e.client.CancelOrder(ctx, "ord_nope", acp.CancelOrderRequest{}, e.key()); err == nil {
		t.Fatal("cancel of an unknown order succeeded")
	}
}

func TestDiscoveryDeclaresCancellation(t *testing.T) {
	for _, tc := range []struct {
		name string
		off  bool
	}{{"declared", false}, {"left out", true}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(c *seller.Config) { c.NoOrderCancellation = tc.off })
			d, err := e.client.Discover(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d.Declares(acp.ExtensionOrderCancellation) == tc.off {
				t.Fatalf("Declares = %v with NoOrderCancellation %v", !tc.off, tc.off)
			}
		})
	}
}

func asACPError(err error, pe **acp.Error) bool { return errors.As(err, pe) }
