package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

// ACPEndpoints reach sellers' ACP checkout APIs, such as the sandbox's in-process
// reference sellers.
type ACPEndpoints interface {
	// Purchasable reports whether Client can give seller's checkout, without calling
	// anyone.
	Purchasable(seller catalog.Seller) bool
	// Client returns the ACP client of seller's checkout API and the seller's Stripe
	// network business profile.
	Client(seller catalog.Seller) (*acp.Client, string, error)
}

// ACPSellers is Sellers over ACPEndpoints: a seller that is not Purchasable is
// ErrNotPurchasable.
type ACPSellers struct {
	Endpoints ACPEndpoints
}

// Checkout implements Sellers.
func (s ACPSellers) Checkout(_ context.Context, seller catalog.Seller) (SellerCheckout, error) {
	if !s.Endpoints.Purchasable(seller) {
		return nil, fmt.Errorf("%w: %s is not reachable in this mode", ErrNotPurchasable, seller.ID)
	}
	c, profile, err := s.Endpoints.Client(seller)
	if err != nil {
		return nil, err
	}
	return ACPSeller{Client: c, ProfileID: profile}, nil
}

// Purchasable reports whether Checkout would give seller a checkout.
func (s ACPSellers) Purchasable(seller catalog.Seller) bool { return s.Endpoints.Purchasable(seller) }

// ACPSeller is a SellerCheckout over a seller's ACP checkout API.
//
// Quantity: ACP 2026-04-17's create schema has no quantity on line items (upstream
// issues #264 and #272); the client sends {"id", "quantity"} as #272 proposes, which
// the reference seller accepts.
type ACPSeller struct {
	Client    *acp.Client
	ProfileID string // the seller's Stripe network business profile
}

// Profile implements SellerCheckout.
func (a ACPSeller) Profile() string { return a.ProfileID }

// Open implements SellerCheckout.
func (a ACPSeller) Open(ctx context.Context, itemID string, quantity int, currency, idemKey string) (Session, error) {
	s, err := a.Client.Create(ctx, acp.CreateRequest{
		LineItems: []acp.Item{{ID: itemID, Quantity: quantity}},
		Currency:  strings.ToLower(currency),
	}, idemKey)
	return sessionOf(s, err)
}

// Get implements SellerCheckout.
func (a ACPSeller) Get(ctx context.Context, sessionID string) (Session, error) {
	return sessionOf(a.Client.Get(ctx, sessionID))
}

// Complete implements SellerCheckout.
func (a ACPSeller) Complete(ctx context.Context, sessionID, token, idemKey string) (Session, error) {
	return sessionOf(a.Client.Complete(ctx, sessionID, acp.CompleteRequest{PaymentData: acp.SPTPayment(token)}, idemKey))
}

// Cancel implements SellerCheckout.
func (a ACPSeller) Cancel(ctx context.Context, sessionID, idemKey string) error {
	_, err := sessionOf(a.Client.Cancel(ctx, sessionID, acp.CancelRequest{}, idemKey))
	return err
}

// CancelsOrders implements OrderCanceler: the seller's discovery document declares
// acp.ExtensionOrderCancellation.
func (a ACPSeller) CancelsOrders(ctx context.Context) (bool, error) {
	d, err := a.Client.Discover(ctx)
	if err != nil {
		var pe *acp.Error
		if errors.As(err, &pe) && pe.HTTPStatus == http.StatusNotFound {
			return false, nil // no discovery document: no extensions
		}
		return false, classifyACP(err)
	}
	return d.Declares(acp.ExtensionOrderCancellation), nil
}

// CancelOrder implements OrderCanceler.
func (a ACPSeller) CancelOrder(ctx context.Context, sellerOrderID, idemKey string) (CanceledOrder, error) {
	o, err := a.Client.CancelOrder(ctx, sellerOrderID, acp.CancelOrderRequest{ReasonCode: "buyer_request"}, idemKey)
	if err != nil {
		return CanceledOrder{}, classifyACP(err)
	}
	return CanceledOrder{Order: *o}, nil
}

func sessionOf(s *acp.CheckoutSession, err error) (Session, error) {
	if err != nil {
		return Session{}, classifyACP(err)
	}
	out := Session{ID: s.ID, Status: SessionStatus(s.Status), Currency: s.Currency}
	for i, li := range s.LineItems {
		if i == 0 {
			out.Title, out.UnitAmount = li.Name, li.UnitAmount
			if out.Title == "" {
				out.Title = li.Item.Name
			}
		}
		out.Quantity += li.Quantity
	}
	out.Subtotal, _ = s.Total(acp.TotalSubtotal)
	out.Tax, _ = s.Total(acp.TotalTax)
	out.Shipping, _ = s.Total(acp.TotalFulfillment)
	total, hasTotal := s.Total(acp.TotalTotal)
	out.Total = total
	for _, m := range s.Errors() {
		out.Problems = append(out.Problems, Problem{Code: m.Code, Message: m.Content})
	}
	if s.Order != nil {
		out.OrderID = s.Order.ID
	}
	// A total of zero is the seller's answer (the saga refuses to pay it); a missing or
	// negative one is a malformed session.
	if out.Status == StatusReadyForPayment && (!hasTotal || out.Total < 0) {
		return Session{}, fmt.Errorf("%w: seller session %s has no valid total", ErrUnavailable, s.ID)
	}
	return out, nil
}

// classifyACP maps the ACP client's errors onto the saga's: an answer that leaves the
// outcome open (5xx, 429, a request with the same key still in flight, timeouts,
// malformed bodies) is ErrUnavailable; any other 4xx (including 409 invalid_state and
// session_expired) is a definite refusal, ErrRejected, and a 404 is also ErrNoSession.
func classifyACP(err error) error {
	var pe *acp.Error
	var te *acp.TransportError
	switch {
	case acp.OutcomeUnknown(err), errors.As(err, &te):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	case errors.As(err, &pe) && (pe.HTTPStatus == http.StatusTooManyRequests || pe.Code == acp.CodeIdempotencyInFlight):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	case errors.As(err, &pe) && (pe.HTTPStatus == http.StatusUnauthorized || pe.HTTPStatus == http.StatusForbidden ||
		pe.Code == acp.CodeUnsupportedAPIVersion || pe.Code == acp.CodeMissingAPIVersion):
		return fmt.Errorf("%w: %w: %w", ErrRejected, ErrMisconfigured, err)
	case errors.As(err, &pe) && pe.HTTPStatus == http.StatusNotFound:
		return fmt.Errorf("%w: %w: %w", ErrRejected, ErrNoSession, err)
	case errors.As(err, &pe):
		return fmt.Errorf("%w: %w", ErrRejected, err)
	}
	return err
}
