package seller

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// What happens to an order after its checkout completes.
//
// # Schedule
//
// The reference Seller moves every order it was paid for along a fixed, clock-driven
// demo schedule (Config.Schedule; the fulfillment type is not considered):
//
//	at completion          confirmed
//	ShipAfter later        shipped, carrier "Sandbox Post", a tracking number and a
//	                       tracking link under BaseURL/track/
//	DeliverAfter later     delivered
//
// An order canceled before it is delivered stops there.
//
// # Order events
//
// With Config.Webhook set, each change is sent to Webhook.URL as an ACP order event
// (order_create for confirmed, order_update after), the full order as it is now,
// signed with Webhook.Secret in the Merchant-Signature header. Events are queued and
// sent by Tick, in order; a delivery that fails (no answer, or not 2xx) is sent again
// at the next Tick with a fresh signature; one refused for good (a 4xx other than 408
// and 429) is dropped. Run calls Tick every Config.TickEvery and
// right after each completion and cancellation.
//
// # Cancellation
//
// The Seller implements the order cancellation extension of package acp
// (acp.ExtensionOrderCancellation, declared in /.well-known/acp.json unless
// Config.NoOrderCancellation): POST /orders/{id}/cancel refunds the whole payment
// through Payments.Refund, with an idempotency key derived from the order so that
// however often and however concurrently it is asked, it refunds once, marks the order
// canceled with a completed refund adjustment, and sends an order_update. A delivered
// order is not cancelable (409 not_cancelable): the person returns it instead.

// Default schedule.
const (
	DefaultShipAfter    = time.Minute
	DefaultDeliverAfter = 3 * time.Minute
	DefaultTickEvery    = 5 * time.Second
	sandboxCarrier      = "Sandbox Post"
	maxQueuedEvents     = 10000
)

// Schedule says when paid orders ship and arrive, counted from completion.
type Schedule struct {
	ShipAfter, DeliverAfter time.Duration
}

// Webhook is where the Seller sends order events.
type Webhook struct {
	URL    string
	Secret []byte
	// Client sends the events; nil means a client with a 10 s timeout.
	Client *http.Client
}

// paidOrder is the Seller's record of an order it was paid for; guarded by Seller.mu.
type paidOrder struct {
	order         *acp.Order
	paymentIntent string
	amount        int64
	currency      string
	completedAt   time.Time
	refunding     bool // a cancellation is refunding it
}

// outEvent is a queued order event.
type outEvent struct {
	typ   string
	order acp.Order // a copy, as it was when queued
}

// recordPaid keeps o, just completed, for its schedule and queues order_create; the
// oldest order beyond the newest Config.Keep is forgotten (keep.Trim), unless a
// cancellation is refunding it. s.mu is held.
func (s *Seller) recordPaid(o *acp.Order, pi string, amount int64, currency string, now time.Time) {
	o.Status = acp.OrderStatusConfirmed
	s.paid[o.ID] = &paidOrder{order: o, paymentIntent: pi, amount: amount, currency: currency, completedAt: now}
	keep.Trim(s.paid, s.cfg.Keep, func(p *paidOrder) int64 { return p.completedAt.UnixNano() },
		func(p *paidOrder) bool { return p.refunding })
	s.queue(acp.EventOrderCreate, o)
}

// queue appends an event for o; s.mu is held.
func (s *Seller) queue(typ string, o *acp.Order) {
	if s.cfg.Webhook == nil {
		return
	}
	if len(s.outbox) >= maxQueuedEvents {
		s.log.Warn("order event dropped: the queue is full", "order", o.ID)
		return
	}
	s.outbox = append(s.outbox, outEvent{typ: typ, order: cloneOrder(o)})
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func cloneOrder(o *acp.Order) acp.Order {
	c := *o
	c.Totals = append([]acp.Total(nil), o.Totals...)
	c.Fulfillments = append([]acp.Fulfillment(nil), o.Fulfillments...)
	c.Adjustments = append([]acp.Adjustment(nil), o.Adjustments...)
	return c
}

// Tick gives back the stock held for sessions that ended unpaid (releaseHeld), moves
// the paid orders along the schedule up to now, then sends the queued order events in
// order, stopping at the first that fails (it is sent again next time).
func (s *Seller) Tick(ctx context.Context) {
	s.releaseHeld(ctx)
	s.advance(s.cfg.Now())
	s.deliver(ctx)
}

// Run calls Tick every Config.TickEvery, and as soon as an event is queued, until ctx
// ends.
func (s *Seller) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.TickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.kick:
		}
		s.Tick(ctx)
	}
}

func (s *Seller) advance(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.paid {
		o := p.order
		if o.Status == acp.OrderStatusConfirmed && !now.Before(p.completedAt.Add(s.cfg.Schedule.ShipAfter)) {
			o.Status = acp.OrderStatusShipped
			n := trackingNumber(o.ID)
			ship := acp.Fulfillment{ID: "ful_1", Type: acp.FulfillmentShipping, Status: acp.OrderStatusShipped,
				Carrier: sandboxCarrier, TrackingNumber: n, TrackingURL: s.cfg.BaseURL + "/track/" + n}
			o.Fulfillments = append([]acp.Fulfillment{ship}, o.Fulfillments...) // a digital delivery stays
			s.queue(acp.EventOrderUpdate, o)
		}
		if o.Status == acp.OrderStatusShipped && !now.Before(p.completedAt.Add(s.cfg.Schedule.DeliverAfter)) {
			o.Status = acp.OrderStatusDelivered
			o.Fulfillments[0].Status = acp.OrderStatusDelivered
			s.queue(acp.EventOrderUpdate, o)
		}
	}
}

// trackingNumber is the demo tracking number of order id: stable, so that events sent
// again carry the same one.
func trackingNumber(id string) string {
	return "SBX" + strings.ToUpper(strings.TrimPrefix(id, "ord_"))[:min(12, len(id)-4)]
}

// deliver sends the queued events in order.
func (s *Seller) deliver(ctx context.Context) {
	s.sending.Lock() // one delivery pass at a time keeps events in order
	defer s.sending.Unlock()
	for {
		s.mu.Lock()
		if len(s.outbox) == 0 {
			s.mu.Unlock()
			return
		}
		ev := s.outbox[0]
		s.mu.Unlock()
		err := s.send(ctx, ev)
		var perm permanent
		switch {
		case errors.As(err, &perm):
			s.log.Warn("order event refused by the receiver; dropped", "order", ev.order.ID, "type", ev.typ, "err", err)
		case err != nil:
			s.log.Warn("order event not delivered; will retry", "order", ev.order.ID, "type", ev.typ, "err", err)
			return
		}
		s.mu.Lock()
		s.outbox = s.outbox[1:]
		s.mu.Unlock()
	}
}

func (s *Seller) send(ctx context.Context, ev outEvent) error {
	wh := s.cfg.Webhook
	body, err := json.Marshal(acp.OrderEvent{Type: ev.typ, Data: ev.order})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	now := s.cfg.Now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(acp.SignatureHeader, acp.Sign(wh.Secret, now, body))
	req.Header.Set("Timestamp", now.UTC().Format(time.RFC3339))
	req.Header.Set("Request-Id", newID("req_"))
	hc := wh.Client
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	switch c := resp.StatusCode; {
	case c >= 400 && c < 500 && c != http.StatusRequestTimeout && c != http.StatusTooManyRequests:
		return permanent{c}
	case c < 200 || c > 299:
		return fmt.Errorf("HTTP %d", c)
	}
	s.log.Info("order event delivered", "order", ev.order.ID, "type", ev.typ, "status", ev.order.Status)
	return nil
}

// permanent is a refusal that sending again will not change (a 4xx other than 408
// and 429): the event is dropped.
type permanent struct{ status int }

func (p permanent) Error() string { return fmt.Sprintf("HTTP %d", p.status) }

// handleCancelOrder serves POST /orders/{id}/cancel (the order cancellation extension).
func (s *Seller) handleCancelOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var b acp.CancelOrderRequest
	if !decodeBody(w, r, &b, true) {
		return
	}
	s.mu.Lock()
	p := s.paid[id]
	var perr *acp.Error
	status := 0
	switch {
	case p == nil:
		perr, status = &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotFound, Message: fmt.Sprintf("no order %q", truncate(id, 80))}, http.StatusNotFound
	case p.order.Status == acp.OrderStatusCanceled:
		o := cloneOrder(p.order)
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, o)
		return
	case p.order.Status == acp.OrderStatusDelivered:
		perr, status = &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotCancelableOrder,
			Message: "the order was delivered and can no longer be canceled; return it instead"}, http.StatusConflict
	case p.refunding:
		perr, status = &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeIdempotencyInFlight,
			Message: "the order is being canceled; retry shortly"}, http.StatusConflict
		w.Header().Set("Retry-After", "1")
	default:
		p.refunding = true
	}
	s.mu.Unlock()
	if perr != nil {
		writeError(w, status, perr)
		return
	}
	// The refund outlives a caller that hangs up: its outcome must be recorded.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.cfg.ChargeTimeout)
	defer cancel()
	res, err := s.cfg.Payments.Refund(ctx, RefundRequest{PaymentIntentID: p.paymentIntent, Amount: p.amount,
		IdempotencyKey: "cancel_" + id, Metadata: map[string]string{"order_id": id}})
	s.mu.Lock()
	p.refunding = false
	if err != nil {
		s.mu.Unlock()
		s.log.Warn("order refund failed", "order", id, "err", err)
		if errors.Is(err, ErrPaymentUnavailable) {
			w.Header().Set("Retry-After", "2")
			writeError(w, http.StatusServiceUnavailable, &acp.Error{Type: acp.ErrorServiceUnavailable, Code: acp.CodePaymentUnavailable,
				Message: "the payment provider is unavailable; retry the cancellation later (it will not refund twice)"})
			return
		}
		writeError(w, http.StatusInternalServerError, &acp.Error{Type: acp.ErrorProcessing, Code: "refund_failed",
			Message: "the refund failed unexpectedly; retrying will not refund twice"})
		return
	}
	now := s.cfg.Now()
	o := p.order
	o.Status = acp.OrderStatusCanceled
	for i := range o.Fulfillments {
		o.Fulfillments[i].Status = acp.OrderStatusCanceled
	}
	o.Adjustments = append(o.Adjustments, acp.Adjustment{ID: res.ID, Type: acp.AdjustmentRefund, Status: acp.AdjustmentCompleted,
		OccurredAt: now, Amount: res.Amount, Currency: p.currency})
	s.queue(acp.EventOrderUpdate, o)
	out := cloneOrder(o)
	s.mu.Unlock()
	s.log.Info("order canceled and refunded", "order", id, "amount", res.Amount, "currency", p.currency,
		"reason", truncate(b.ReasonCode, 40), "refund", res.ID)
	writeJSON(w, http.StatusOK, out)
}
