package checkout

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// ErrUnknownEvent means an order event that is not order_create or order_update.
var ErrUnknownEvent = errors.New("unknown order event type")

// ApplyOrderEvent records what seller sellerID's order event says of the order made
// from its checkout session: the seller's status, tracking and refunds (see
// store.UpdateOrder: events that arrive late or twice change nothing). The event must
// have been authenticated as the seller's; once names the delivery, which is applied
// at most once (store.ErrReplay), in the same transaction. When the order changed,
// the order change listeners are told. An order ended charged_no_order becomes
// completed: the seller shows it has the order. It returns store.ErrNotFound for a
// session of no order here, and ErrUnknownEvent for another event type.
func (s *Service) ApplyOrderEvent(ctx context.Context, sellerID string, ev acp.OrderEvent, once store.Once) error {
	if ev.Type != acp.EventOrderCreate && ev.Type != acp.EventOrderUpdate {
		return fmt.Errorf("%w: %q", ErrUnknownEvent, ev.Type)
	}
	o, changed, err := s.cfg.Store.UpdateSellerOrderOnce(ctx, sellerID, ev.Data.CheckoutSessionID, updateOf(ev.Data, store.SourceSeller), once)
	if err != nil {
		return err
	}
	if o.Status == store.OrderChargedNoOrder {
		// The seller, authenticated, shows an order for the session: it had the order
		// after all (it answered 404 for a moment).
		switch p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID); {
		case err != nil:
			return err
		case p.State == store.PurchaseChargedNoOrder:
			if err := s.orderAfterAll(ctx, &p, ev.Data.ID, nil); err != nil && !errors.Is(err, store.ErrStateChanged) {
				return err
			}
			return nil // orderAfterAll told the listeners
		}
	}
	if changed {
		s.orderChanged(o)
	}
	return nil
}

// updateOf is what an ACP order says of the order, as a store update.
func updateOf(o acp.Order, source string) store.OrderUpdate {
	u := store.OrderUpdate{Source: source, PermalinkURL: o.PermalinkURL, Refunded: o.Refunded()}
	switch o.Status {
	case acp.OrderStatusCreated, acp.OrderStatusConfirmed, acp.OrderStatusManualReview:
		u.Status = store.SellerConfirmed
	case acp.OrderStatusProcessing:
		u.Status = store.SellerProcessing
	case acp.OrderStatusShipped:
		u.Status = store.SellerShipped
	case acp.OrderStatusDelivered, acp.OrderStatusCompleted:
		u.Status = store.SellerDelivered
	case acp.OrderStatusCanceled:
		u.Status = store.SellerCanceled
		if u.Refunded > 0 {
			u.Status = store.SellerRefunded
		}
	}
	for _, f := range o.Fulfillments {
		if f.TrackingNumber != "" || f.TrackingURL != "" || f.Carrier != "" {
			u.Carrier, u.TrackingNumber, u.TrackingURL = f.Carrier, f.TrackingNumber, f.TrackingURL
			break
		}
	}
	return u
}

// listeners are the functions told of order changes.
type listeners struct {
	mu  sync.Mutex
	fns []func(customerID, orderID string)
}

// OnOrderChange registers fn to be told, after the fact, when one of a customer's
// orders changes: created (pending), completed or failed by its purchase, changed by
// an order event or a cancellation. fn must not block.
func (s *Service) OnOrderChange(fn func(customerID, orderID string)) {
	s.listeners.mu.Lock()
	defer s.listeners.mu.Unlock()
	s.listeners.fns = append(s.listeners.fns, fn)
}

func (s *Service) orderChanged(o store.Order) { s.notifyOrder(o.CustomerID, o.ID) }

// notifyOrder tells the listeners that the customer's order changed; a purchase's
// order is created pending, then completes or fails.
func (s *Service) notifyOrder(customerID, orderID string) {
	if orderID == "" {
		return
	}
	s.listeners.mu.Lock()
	fns := append([]func(string, string){}, s.listeners.fns...)
	s.listeners.mu.Unlock()
	for _, fn := range fns {
		fn(customerID, orderID)
	}
}
