package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
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

// Open implements SellerCheckout: a create with the lines and the delivery address,
// then, when the seller did not select the option wanted, an update selecting it.
func (a ACPSeller) Open(ctx context.Context, r OpenRequest, idemKey string) (Session, error) {
	items := make([]acp.Item, len(r.Lines))
	for i, l := range r.Lines {
		items[i] = acp.Item{ID: l.ProductID, Quantity: l.Quantity}
		items[i].VariantOptions, items[i].CustomAttributes = wireChoices(l.Choices)
	}
	cs, err := a.Client.Create(ctx, acp.CreateRequest{
		LineItems: items, Currency: strings.ToLower(r.Currency), FulfillmentDetails: fulfillmentDetails(r.Address),
	}, idemKey)
	sess, err := sessionOf(cs, err)
	if err != nil {
		return sess, err
	}
	want := r.Option
	if !offers(sess.Options, want) {
		want = cheapest(sess.Options) // the saga says whether that will do
	}
	if want == "" || want == sess.Selected {
		return sess, nil
	}
	cs, err = a.Client.Update(ctx, sess.ID, acp.UpdateRequest{SelectedFulfillmentOptions: []acp.SelectedFulfillmentOption{{
		Type: typeOf(sess.Options, want), OptionID: want, ItemIDs: lineIDs(cs)}}}, idemKey+"/select")
	return sessionOf(cs, err)
}

// fulfillmentDetails is the ACP form of a delivery address.
func fulfillmentDetails(a *store.Address) *acp.FulfillmentDetails {
	if a == nil {
		return nil
	}
	return &acp.FulfillmentDetails{Name: a.Name, PhoneNumber: a.Phone, Address: &acp.Address{
		Name: a.Name, LineOne: a.Line1, LineTwo: a.Line2, City: a.City, State: a.Region, Country: a.Country, PostalCode: a.PostalCode}}
}

// cheapest is the id of the cheapest option, the first of equals; "" when none.
func cheapest(opts []store.FulfillmentOption) string {
	id, best := "", int64(-1)
	for _, o := range opts {
		if best < 0 || o.Amount < best {
			id, best = o.ID, o.Amount
		}
	}
	return id
}

func offers(opts []store.FulfillmentOption, id string) bool { return typeOf(opts, id) != "" }

func typeOf(opts []store.FulfillmentOption, id string) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Type
		}
	}
	return ""
}

func lineIDs(cs *acp.CheckoutSession) []string {
	ids := make([]string, len(cs.LineItems))
	for i, li := range cs.LineItems {
		ids[i] = li.ID
	}
	return ids
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
		title := li.Name
		if title == "" {
			title = li.Item.Name
		}
		if i == 0 {
			out.Title, out.UnitAmount = title, li.UnitAmount
		}
		id := li.ProductID
		if id == "" {
			id = li.Item.ID
		}
		amount, ok := lineTotal(li.Totals, acp.TotalSubtotal)
		if !ok {
			amount = li.UnitAmount * int64(li.Quantity)
		}
		out.Lines = append(out.Lines, store.Line{ProductID: id, Title: title, Quantity: li.Quantity, UnitAmount: li.UnitAmount, Amount: amount,
			Choices: choicesOf(li.VariantOptions, li.CustomAttributes)})
		out.Quantity += li.Quantity
	}
	for _, o := range s.FulfillmentOptions {
		cost, _ := lineTotal(o.Totals, acp.TotalTotal)
		out.Options = append(out.Options, store.FulfillmentOption{ID: o.ID, Type: o.Type, Title: o.Title, Amount: cost,
			Earliest: o.EarliestDeliveryTime, Latest: o.LatestDeliveryTime})
	}
	if len(s.SelectedFulfillmentOptions) > 0 {
		out.Selected = s.SelectedFulfillmentOptions[0].OptionID
	}
	out.Subtotal, _ = s.Total(acp.TotalSubtotal)
	out.Tax, _ = s.Total(acp.TotalTax)
	out.Shipping, _ = s.Total(acp.TotalFulfillment)
	total, hasTotal := s.Total(acp.TotalTotal)
	out.Total = total
	for _, m := range s.Errors() {
		out.Problems = append(out.Problems, Problem{Code: m.Code, Param: m.Param, Message: m.Content})
	}
	if s.Order != nil {
		out.OrderID = s.Order.ID
		if f, ok := s.Order.Digital(); ok {
			out.Digital = &store.DigitalDelivery{URL: f.DeliveryURL, LicenseKey: f.LicenseKey}
		}
	}
	// A total of zero is the seller's answer (the saga refuses to pay it); a missing or
	// negative one is a malformed session.
	if out.Status == StatusReadyForPayment && (!hasTotal || out.Total < 0) {
		return Session{}, fmt.Errorf("%w: seller session %s has no valid total", ErrUnavailable, s.ID)
	}
	return out, nil
}

// lineTotal is the amount of the total of type typ among ts.
func lineTotal(ts []acp.Total, typ acp.TotalType) (int64, bool) {
	for _, t := range ts {
		if t.Type == typ {
			return t.Amount, true
		}
	}
	return 0, false
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

// wireChoices is how a line's choices travel in an ACP line item: each option's value
// as a variant option, the personalisation as a custom attribute.
func wireChoices(c store.Choices) ([]acp.VariantOption, []acp.CustomAttribute) {
	var (
		opts []acp.VariantOption
		cust []acp.CustomAttribute
	)
	for _, o := range c.Options {
		opts = append(opts, acp.VariantOption{Name: o.Name, Value: o.Value})
	}
	if c.Personalization != "" {
		cust = append(cust, acp.CustomAttribute{DisplayName: acp.PersonalizationAttribute, Value: c.Personalization})
	}
	return opts, cust
}

// choicesOf reads the choices a seller's line item carries (wireChoices' inverse);
// custom attributes other than the personalisation are not choices.
func choicesOf(opts []acp.VariantOption, cust []acp.CustomAttribute) store.Choices {
	var c store.Choices
	for _, o := range opts {
		c.Options = append(c.Options, store.Choice{Name: o.Name, Value: o.Value})
	}
	for _, a := range cust {
		if a.DisplayName == acp.PersonalizationAttribute {
			c.Personalization = a.Value
		}
	}
	return c
}
