package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// How a quote may be confirmed.
const (
	ViaQuoteID     = "quote_id"    // the model calls purchase again with the quote_id
	ViaElicitation = "elicitation" // the person answers the client's confirmation dialog
)

// Request is one purchase call. CustomerID comes from the server's notion of the
// current customer, never from the model.
type Request struct {
	CustomerID string
	ProductID  string
	Quantity   int
	// QuoteID confirms an earlier quote (ViaQuoteID). ProductID and Quantity may then be
	// left empty (zero); when given, they must be what the quote is for.
	QuoteID        string
	IdempotencyKey string // the caller's; retries with it return the first outcome
	// ConfirmVia says how a quote made by this call will be confirmed:
	// ViaElicitation when the client can show a dialog, else ViaQuoteID.
	ConfirmVia string
}

// Outcome statuses.
const (
	StatusCompleted            = "completed"
	StatusConfirmationRequired = "confirmation_required"
	StatusPending              = "pending" // still running elsewhere or outcome not yet known
)

// Outcome is what a purchase call ended with. Failures are *Refusal errors instead.
type Outcome struct {
	Status   string
	Purchase store.Purchase // its TokenID must never be shown
	Order    *store.Order   // for completed and pending purchases
}

// Summary is the plain-language line a person confirms: product, quantity, total,
// seller and card. The product title and seller name are the sellers' words, quoted
// and capped (see Quoted); everything else comes from the quote's server-side record.
func (o Outcome) Summary() string {
	p := o.Purchase
	return fmt.Sprintf("Buy %d × %s from %s for %s in total, paid with %s.",
		p.Quantity, Quoted(p.Title, titleCap), Quoted(p.SellerName, sellerCap), fmtMoney(p.Total, p.Currency), cardName(p))
}

// ConfirmationMessage is what a confirmation dialog asks the person: the facts of the
// quote in a fixed layout, one per line. Item and seller are quoted seller text; the
// quantity, amounts, card and mode come from the server's records, so nothing a
// seller wrote can pose as a fact of the purchase.
func (o Outcome) ConfirmationMessage() string {
	p := o.Purchase
	var b strings.Builder
	b.WriteString("Please confirm this purchase.\n\n")
	fmt.Fprintf(&b, "Item: %s\n", Quoted(p.Title, titleCap))
	fmt.Fprintf(&b, "Quantity: %d\n", p.Quantity)
	fmt.Fprintf(&b, "Total: %s (items %s, tax %s, shipping %s)\n", fmtMoney(p.Total, p.Currency),
		fmtMoney(p.Subtotal, p.Currency), fmtMoney(p.Tax, p.Currency), fmtMoney(p.Shipping, p.Currency))
	fmt.Fprintf(&b, "Seller: %s\n", Quoted(p.SellerName, sellerCap))
	fmt.Fprintf(&b, "Card: %s\n", cardName(p))
	if p.Mode == ModeSandbox {
		b.WriteString("Mode: sandbox (no real money moves)\n")
	}
	b.WriteString("\n" + catalog.SellerTextNote)
	return b.String()
}

// Purchase runs a purchase for r.CustomerID. A QuoteID confirms an earlier quote
// (made with ViaQuoteID); otherwise the product is quoted by its seller and either
// bought at once or, above the customer's confirmation threshold, returned as
// StatusConfirmationRequired. Refusals come back as *Refusal.
func (s *Service) Purchase(ctx context.Context, r Request) (Outcome, error) {
	out, err := s.purchase(ctx, r)
	return s.firstOutcome(ctx, out, err)
}

func (s *Service) purchase(ctx context.Context, r Request) (Outcome, error) {
	if r.QuoteID != "" {
		if err := s.matchesQuote(ctx, r); err != nil {
			return Outcome{}, err
		}
		return s.confirm(ctx, r.CustomerID, r.QuoteID, ViaQuoteID)
	}
	if r.Quantity < 1 || r.Quantity > 99 {
		return Outcome{}, refuse("invalid", "quantity must be between 1 and 99")
	}
	product, err := s.cfg.Catalog.Product(ctx, r.ProductID)
	if errors.Is(err, catalog.ErrNotFound) {
		return Outcome{}, refuse("unknown_product", "No product has id %q. Find products with search_products and use an id from its results. Nothing was charged.", catalog.CleanText(r.ProductID, 80))
	}
	if err != nil {
		return Outcome{}, err
	}
	key := r.IdempotencyKey
	if key == "" {
		key = store.NewID("auto_")
	}
	p, created, err := s.cfg.Store.BeginPurchase(ctx, store.Purchase{
		CustomerID: r.CustomerID, IdemKey: key, Mode: s.cfg.Mode,
		ProductID: product.ID, SellerID: product.SellerID, Quantity: r.Quantity,
	})
	if err != nil {
		return Outcome{}, err
	}
	if !created {
		if p.ProductID != product.ID || p.Quantity != r.Quantity {
			return Outcome{}, refuse("idempotency_conflict", "This idempotency_key was already used for a different purchase (%s × %d). Use a new key for a new purchase; nothing was charged by this call.", p.ProductID, p.Quantity)
		}
		return s.settle(ctx, p)
	}
	via := r.ConfirmVia
	if via != ViaElicitation {
		via = ViaQuoteID
	}
	return s.quote(ctx, p, product, via)
}

// matchesQuote refuses a confirmation of quote r.QuoteID that names another product or
// quantity than the quote is for: the quote alone decides what is bought, so a
// mismatch means the caller meant something else.
func (s *Service) matchesQuote(ctx context.Context, r Request) error {
	if r.ProductID == "" && r.Quantity == 0 {
		return nil
	}
	p, err := s.cfg.Store.PurchaseByQuote(ctx, r.CustomerID, r.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // confirm says so
	}
	if err != nil {
		return err
	}
	if (r.ProductID == "" || r.ProductID == p.ProductID) && (r.Quantity == 0 || r.Quantity == p.Quantity) {
		return nil
	}
	asked := fmt.Sprintf("%d × %s", p.Quantity, catalog.CleanText(r.ProductID, 80))
	switch {
	case r.ProductID == "":
		asked = fmt.Sprintf("%d of it", r.Quantity)
	case r.Quantity != 0:
		asked = fmt.Sprintf("%d × %s", r.Quantity, catalog.CleanText(r.ProductID, 80))
	}
	return refuse("quote_mismatch", "Quote %s is for %d × %s (product_id %s), not for %s, so nothing was bought and nothing was charged. To buy what the quote is for, call purchase with only its quote_id; to buy something else, call purchase with the product_id and quantity to get a new quote.",
		p.QuoteID, p.Quantity, Quoted(p.Title, titleCap), p.ProductID, asked)
}

// Confirm confirms the customer's quote and completes the purchase. via must match how
// the quote was offered: a quote shown in the client's dialog cannot be confirmed by
// the model quoting its id, and the other way round. Confirming a quote again returns
// the first outcome.
func (s *Service) Confirm(ctx context.Context, customerID, quoteID, via string) (Outcome, error) {
	out, err := s.confirm(ctx, customerID, quoteID, via)
	return s.firstOutcome(ctx, out, err)
}

func (s *Service) confirm(ctx context.Context, customerID, quoteID, via string) (Outcome, error) {
	p, err := s.cfg.Store.PurchaseByQuote(ctx, customerID, quoteID)
	if errors.Is(err, store.ErrNotFound) {
		return Outcome{}, refuse("unknown_quote", "No quote has id %q for this customer. Call purchase with the product_id to get a new quote. Nothing was charged.", catalog.CleanText(quoteID, 80))
	}
	if err != nil {
		return Outcome{}, err
	}
	if p.ConfirmVia != via {
		return Outcome{}, refuse("confirmation_mismatch", "This quote must be confirmed by the person in the confirmation dialog, not by its id. Call purchase with the product_id to ask again. Nothing was charged.")
	}
	if p.State != store.PurchaseQuoted {
		return s.settle(ctx, p)
	}
	if !s.now().Before(p.ExpiresAt) {
		// The message is stored too: a later call with this quote_id gets it again.
		ref := refuse("quote_expired", "This quote expired (quotes last %s). Call purchase with the product_id to get a fresh quote. Nothing was charged.", minutes(s.cfg.QuoteTTL))
		return Outcome{}, s.cancelQuote(ctx, &p, ref)
	}
	rules, err := s.cfg.Store.Rules(ctx, p.CustomerID)
	if err != nil {
		return Outcome{}, err
	}
	if ref := checkRules(rules, p); ref != nil {
		return Outcome{}, s.cancelQuote(ctx, &p, ref)
	}
	return s.pay(ctx, &p, store.PurchaseQuoted, rules)
}

// cancelQuote moves a quoted purchase to canceled with ref as its outcome, cancels the
// seller's session (best effort: nothing was charged either way) and returns ref. If
// another call moved the quote on first, it cancels nothing and returns lostRace.
func (s *Service) cancelQuote(ctx context.Context, p *store.Purchase, ref *Refusal) error {
	p.State, p.FailureCode, p.FailureMessage = store.PurchaseCanceled, ref.Code, ref.Message
	err := s.cfg.Store.Advance(ctx, p, "canceled", ref.Code, store.PurchaseQuoted, store.PurchaseOpen)
	switch {
	case errors.Is(err, store.ErrStateChanged):
		return lostRace{p.ID}
	case err != nil:
		s.cfg.Log.ErrorContext(ctx, "cancel quote", "purchase", p.ID, "err", err)
	}
	s.cancelSession(ctx, p)
	return ref
}

// settle waits (bounded) until another call has finished purchase p and returns the
// outcome that call had, so retries and racing calls all see the first outcome.
func (s *Service) settle(ctx context.Context, p store.Purchase) (Outcome, error) {
	wait := 5 * time.Millisecond
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for {
		switch {
		case p.State == store.PurchaseQuoted:
			return Outcome{Status: StatusConfirmationRequired, Purchase: p}, nil
		case store.Terminal(p.State):
			return s.outcomeOf(ctx, p)
		}
		select {
		case <-ctx.Done():
			return Outcome{}, ctx.Err()
		case <-deadline.C:
			return s.outcomeOf(ctx, p)
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
		var err error
		if p, err = s.cfg.Store.Purchase(ctx, p.ID); err != nil {
			return Outcome{}, err
		}
	}
}

// outcomeOf turns a stored purchase into the result its first call returned.
func (s *Service) outcomeOf(ctx context.Context, p store.Purchase) (Outcome, error) {
	var order *store.Order
	if p.OrderID != "" {
		o, err := s.cfg.Store.Order(ctx, p.CustomerID, p.OrderID)
		if err != nil {
			return Outcome{}, err
		}
		order = &o
	}
	switch p.State {
	case store.PurchaseCompleted:
		return Outcome{Status: StatusCompleted, Purchase: p, Order: order}, nil
	case store.PurchaseFailed, store.PurchaseCanceled:
		return Outcome{}, &Refusal{Code: p.FailureCode, Message: p.FailureMessage, OrderID: p.OrderID}
	}
	return Outcome{Status: StatusPending, Purchase: p, Order: order}, nil
}
