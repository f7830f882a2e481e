package orderevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/hosted"
	"github.com/commerce-mcp/commerce-mcp/internal/orderevents"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// shop is the demo shop in the sandbox with one completed order, and the hosted HTTP
// server with the order events route.
type shop struct {
	t        testing.TB
	clock    *clocktest.Clock
	st       *store.Store
	sb       *sandbox.Sandbox
	svc      *checkout.Service
	customer string
	order    store.Order
	srv      *httptest.Server
	secret   []byte
	mu       sync.Mutex
	changes  []string // order ids the service reported changed (under mu: calls may race)
}

func newShop(t *testing.T) *shop { return newBenchShop(t) }

// newBenchShop is newShop for tests and benchmarks.
func newBenchShop(t testing.TB) *shop {
	t.Helper()
	ctx := context.Background()
	s := &shop{t: t, clock: clocktest.New(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))}
	ts := testshop.Demo(t, s.clock.Now)
	s.st, s.customer = ts.Store, ts.Customer.ID
	var err error
	if s.sb, err = sandbox.New(ts.Catalog, sandbox.Options{Now: s.clock.Now}); err != nil {
		t.Fatal(err)
	}
	s.svc, err = checkout.New(checkout.Config{Catalog: ts.Catalog, Store: s.st, Sellers: checkout.ACPSellers{Endpoints: s.sb},
		Tokens: checkout.SPTTokens{Client: spt.New(s.sb.AgentStripe())}, ConfirmKey: bytes.Repeat([]byte{7}, 32), Now: s.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	s.svc.OnOrderChange(func(_, id string) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.changes = append(s.changes, id)
	})
	var product string
	for _, p := range demo.Products() {
		if p.Purchasable() && p.Price.Amount < 30_00 && p.Price.Currency == "USD" {
			product = p.ID
			break
		}
	}
	out, err := s.svc.Purchase(ctx, checkout.Request{CustomerID: s.customer, ProductID: product, Quantity: 1})
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("purchase: %+v, %v", out.Status, err)
	}
	s.order = *out.Order
	s.changes = nil // the purchase's own (pending, completed)
	s.secret = []byte("whsec_hosted_test_secret")
	log := slog.New(slog.DiscardHandler)
	cfg := orderevents.ForService(s.svc, func(seller string) ([]byte, bool) {
		switch seller {
		case s.order.SellerID:
			return s.secret, true
		case otherSeller:
			return otherSecret, true
		}
		return nil, false
	}, s.clock.Now, log)
	h, err := hosted.New(server.NewMCPServer("test", "1"), hosted.Config{
		Authenticate: func(context.Context, string) (string, error) { return "", hosted.ErrBadToken },
		Log:          log,
		Routes:       map[string]http.Handler{orderevents.Pattern: orderevents.Handler(cfg)},
	})
	if err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewServer(h.Handler())
	t.Cleanup(s.srv.Close)
	return s
}

// otherSeller is a second seller with a webhook secret of its own: it can sign
// events, but only about its own sessions.
const otherSeller = "nw-other"

var otherSecret = []byte("whsec_other_seller_secret")

// event is an order event about the shop's order.
func (s *shop) event(typ, status string, f ...acp.Fulfillment) []byte {
	b, err := json.Marshal(acp.OrderEvent{Type: typ, Data: acp.Order{Type: "order", ID: s.order.SellerOrderID,
		CheckoutSessionID: s.order.SessionID, PermalinkURL: "https://seller.example/orders/1", Status: status, Fulfillments: f}})
	if err != nil {
		s.t.Fatal(err)
	}
	return b
}

// post sends body to the order events route of seller with the signature header sig.
func (s *shop) post(seller string, body []byte, sig string) int {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.srv.URL+sandbox.OrderEventsPath(seller), bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(acp.SignatureHeader, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (s *shop) reload() store.Order {
	s.t.Helper()
	o, err := s.st.Order(context.Background(), s.customer, s.order.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return o
}

func TestOrderMovesToDeliveredThroughSignedEvents(t *testing.T) {
	s := newShop(t)
	seller := s.order.SellerID
	ship := acp.Fulfillment{ID: "f1", Type: "shipping", Status: "shipped", Carrier: "UPS", TrackingNumber: "1Z999",
		TrackingURL: "https://ups.example/track/1Z999"}
	for _, step := range []struct {
		typ, status string
		f           []acp.Fulfillment
		want        store.SellerStatus
	}{
		{acp.EventOrderCreate, acp.OrderStatusConfirmed, nil, store.SellerConfirmed},
		{acp.EventOrderUpdate, acp.OrderStatusShipped, []acp.Fulfillment{ship}, store.SellerShipped},
		{acp.EventOrderUpdate, acp.OrderStatusDelivered, nil, store.SellerDelivered},
		{acp.EventOrderUpdate, acp.OrderStatusShipped, nil, store.SellerDelivered}, // late: ignored
	} {
		s.clock.Advance(time.Minute)
		body := s.event(step.typ, step.status, step.f...)
		if got := s.post(seller, body, acp.Sign(s.secret, s.clock.Now(), body)); got != http.StatusOK {
			t.Fatalf("%s %s: HTTP %d, want 200", step.typ, step.status, got)
		}
		if got := s.reload().SellerStatus; got != step.want {
			t.Fatalf("after %s: seller status %q, want %q", step.status, got, step.want)
		}
	}
	o := s.reload()
	if o.Carrier != "UPS" || o.TrackingNumber != "1Z999" || o.TrackingURL != ship.TrackingURL || o.PermalinkURL == "" {
		t.Fatalf("order %+v lacks its tracking", o)
	}
	if len(s.changes) != 3 {
		t.Fatalf("%d change notices, want 3 (the late event changed nothing)", len(s.changes))
	}
	h, err := s.st.OrderHistory(context.Background(), o.ID)
	if err != nil || len(h) != 3 {
		t.Fatalf("history %+v, %v; want 3 entries", h, err)
	}
}

func TestOrderEventRefusals(t *testing.T) {
	s := newShop(t)
	seller := s.order.SellerID
	body := s.event(acp.EventOrderUpdate, acp.OrderStatusShipped)
	good := acp.Sign(s.secret, s.clock.Now(), body)
	if got := s.post(seller, body, good); got != http.StatusOK {
		t.Fatalf("a good event: HTTP %d", got)
	}
	other := s.event(acp.EventOrderUpdate, acp.OrderStatusDelivered)
	unknownSession, _ := json.Marshal(acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{CheckoutSessionID: "cs_nope", Status: "shipped"}})
	badType, _ := json.Marshal(acp.OrderEvent{Type: "order_delete", Data: acp.Order{CheckoutSessionID: s.order.SessionID}})
	for _, tc := range []struct {
		name   string
		seller string
		body   []byte
		sig    string
		want   int
	}{
		{"replayed", seller, body, good, http.StatusConflict},
		{"forged: signed with another secret", seller, other, acp.Sign([]byte("guessed"), s.clock.Now(), other), http.StatusUnauthorized},
		{"forged: body altered after signing", seller, other, good, http.StatusUnauthorized},
		{"unsigned", seller, other, "", http.StatusUnauthorized},
		{"stale timestamp", seller, other, acp.Sign(s.secret, s.clock.Now().Add(-6*time.Minute), other), http.StatusRequestTimeout},
		{"another seller's route", otherSeller, other, acp.Sign(s.secret, s.clock.Now(), other), http.StatusUnauthorized},
		{"another seller signing for this seller's session", otherSeller, other, acp.Sign(otherSecret, s.clock.Now(), other), http.StatusNotFound},
		{"unknown session", seller, unknownSession, acp.Sign(s.secret, s.clock.Now(), unknownSession), http.StatusNotFound},
		{"unknown event type", seller, badType, acp.Sign(s.secret, s.clock.Now(), badType), http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.post(tc.seller, tc.body, tc.sig); got != tc.want {
				t.Fatalf("HTTP %d, want %d", got, tc.want)
			}
		})
	}
	if got := s.reload().SellerStatus; got != store.SellerShipped {
		t.Fatalf("seller status %q after refused events, want shipped", got)
	}
}

func TestSandboxOrdersMoveWithTheClock(t *testing.T) {
	s := newShop(t)
	ctx := context.Background()
	s.sb.DeliverOrderEventsTo(orderevents.Handler(orderevents.ForService(s.svc, s.sb.WebhookSecret, s.clock.Now, slog.New(slog.DiscardHandler))))
	for _, step := range []struct {
		after time.Duration
		want  store.SellerStatus
	}{
		{0, store.SellerConfirmed},
		{seller.DefaultShipAfter - time.Second, store.SellerConfirmed},
		{time.Second, store.SellerShipped},
		{seller.DefaultDeliverAfter - seller.DefaultShipAfter, store.SellerDelivered},
	} {
		s.clock.Advance(step.after)
		s.sb.Tick(ctx)
		if got := s.reload().SellerStatus; got != step.want {
			t.Fatalf("at +%v: seller status %q, want %q", step.after, got, step.want)
		}
	}
	if o := s.reload(); o.TrackingNumber == "" || o.Carrier == "" {
		t.Fatalf("shipped order %+v has no tracking", o)
	}
}

// A cancellation racing the seller's shipped event: the sandbox seller ships the paid
// order (and sends its signed event) while the person's cancel_order asks it to cancel.
// Whichever comes first, the order ends refunded in full, once: the seller status is
// canceled or refunded, never moved back to shipped by the late event, nor on to
// delivered by the seller's schedule; Stripe shows one refund of the order's total.
func TestCancelRacesShippedEvent(t *testing.T) {
	for round := range 8 {
		s := newShop(t)
		ctx := context.Background()
		s.sb.DeliverOrderEventsTo(orderevents.Handler(orderevents.ForService(s.svc, s.sb.WebhookSecret, s.clock.Now, slog.New(slog.DiscardHandler))))
		s.clock.Advance(seller.DefaultShipAfter)
		var (
			wg     sync.WaitGroup
			out    checkout.CancelOutcome
			cerr   error
			ticked = make(chan struct{})
		)
		wg.Add(2)
		go func() { defer wg.Done(); defer close(ticked); s.sb.Tick(ctx) }()
		go func() {
			defer wg.Done()
			if round%2 == 1 { // half the rounds let the seller's tick start first
				<-ticked
			}
			out, cerr = s.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: s.customer, OrderID: s.order.ID})
		}()
		wg.Wait()
		if cerr != nil || out.Status != checkout.CancelRefunded {
			t.Fatalf("round %d: cancel_order = %+v, %v; want refunded", round, out.Status, cerr)
		}
		s.clock.Advance(seller.DefaultDeliverAfter) // the schedule would deliver it by now
		s.sb.Tick(ctx)
		o := s.reload()
		if o.Shown() != store.OrderRefunded || o.Refunded != o.Total || (o.SellerStatus != store.SellerCanceled && o.SellerStatus != store.SellerRefunded) {
			t.Errorf("round %d: order %s, seller status %s, refunded %d of %d; want refunded in full, canceled or refunded at the seller",
				round, o.Shown(), o.SellerStatus, o.Refunded, o.Total)
		}
		h, err := s.st.OrderHistory(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, e := range h {
			seen = append(seen, string(e.Status)+" ("+e.Source+")")
		}
		t.Logf("round %d: history %s", round, strings.Join(seen, ", "))
		var n int
		var sum int64
		for _, r := range s.sb.Stripe.Refunds() {
			n, sum = n+1, sum+r.Amount
		}
		if n != 1 || sum != o.Total {
			t.Errorf("round %d: %d refunds of %d in all, want one of %d", round, n, sum, o.Total)
		}
	}
}

// TestRefusedEventLogCapsSeller: the seller a refused event's path names, which
// nothing vouches for, is logged cut to maxLoggedSeller bytes, cleaned of control
// characters: an unauthenticated caller cannot write a URL's length to the log each
// time.
func TestRefusedEventLogCapsSeller(t *testing.T) {
	var log syncbuf.Buffer
	h := orderevents.Handler(orderevents.Config{
		Secret: func(string) ([]byte, bool) { return nil, false },
		Apply: func(context.Context, string, acp.OrderEvent, string, time.Time) error {
			t.Fatal("an unsigned event was applied")
			return nil
		},
		Now: time.Now, Log: slog.New(slog.NewTextHandler(&log, nil)),
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	long := strings.Repeat("s", 32<<10) + "%1b%5B31m"
	resp, err := http.Post(srv.URL+"/agentic_checkout/webhooks/"+long+"/order_events", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("HTTP %d, want 401", resp.StatusCode)
	}
	if l := log.String(); len(l) > 600 || !strings.Contains(l, "order event refused") || strings.Contains(l, `\x1b`) {
		t.Errorf("a log of %d bytes: %.300q", len(l), l)
	}
}
