package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
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
	// AddressID names the customer's delivery address; empty means their default.
	AddressID string
	// FulfillmentOption is the id of the seller's fulfillment option to use; empty
	// means the cheapest one.
	FulfillmentOption string
	// ConfirmVia says how a quote made by this call will be confirmed:
	// ViaElicitation when the client can show a dialog, else ViaQuoteID.
	ConfirmVia string
	// ConfirmFirst asks for a quote even below the customer's confirmation threshold,
	// so that the person sees the total before anything is bought (an MCP Apps view's
	// Buy now). Such a quote is confirmed by its id: below the threshold the model
	// could buy without asking at all, so this weakens nothing; above it the quote is
	// offered as ConfirmVia says, as without ConfirmFirst.
	ConfirmFirst bool
	// Choices are the person's value for each option of the product (option name →
	// value) and Personalization their personalisation text: checked against the
	// product (catalog.Product.Choose) before anything is recorded. With QuoteID, or
	// an idempotency key already used, they may be left out; when given they must be
	// what the quote or first purchase was for.
	Choices         map[string]string
	Personalization string
}

// OutcomeStatus is how a purchase call ended, when it was not refused.
type OutcomeStatus string

// Outcome statuses.
const (
	StatusCompleted            OutcomeStatus = "completed"
	StatusConfirmationRequired OutcomeStatus = "confirmation_required"
	StatusPending              OutcomeStatus = "pending" // still running elsewhere or outcome not yet known
)

// Outcome is what a purchase call ended with. Failures are *Refusal errors instead.
type Outcome struct {
	Status   OutcomeStatus
	Purchase store.Purchase // its TokenID must never be shown
	Order    *store.Order   // for completed and pending purchases
	// Hold, for a pending purchase, is set when Stripe shows its token used by the
	// seller with nothing captured yet: a hold may be on the card.
	Hold *Hold
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
		return Outcome{}, refuse(RefusalInvalid, RefusalParams{Field: "quantity", Min: 1, Max: 99})
	}
	key, err := callerKey(r.IdempotencyKey)
	if err != nil {
		return Outcome{}, err
	}
	// A key already recorded returns its first outcome whatever the product is now
	// (gone from the catalog, become a subscription): the checks below are for a new
	// purchase only.
	if r.IdempotencyKey != "" {
		p, err := s.cfg.Store.PurchaseByKey(ctx, r.CustomerID, key)
		if err == nil {
			return s.replay(ctx, p, r)
		}
		if !errors.Is(err, store.ErrNotFound) {
			return Outcome{}, err
		}
	}
	product, err := s.cfg.Catalog.Product(ctx, r.ProductID)
	if errors.Is(err, catalog.ErrNotFound) {
		return Outcome{}, refuse(RefusalUnknownProduct, RefusalParams{ProductID: callerText(r.ProductID)})
	}
	if err != nil {
		return Outcome{}, err
	}
	if product.Billing != nil { // bought once it would be charged once, not every cycle
		return Outcome{}, refuse(RefusalSubscriptionProduct, RefusalParams{ProductID: product.ID, Title: product.Title})
	}
	// The delivery address is resolved (the one named, or the default one now) and
	// recorded with the purchase when it is begun, so that the key's later calls are
	// compared with it (replay); an address_id the customer has not saved is an
	// argument to fix, refused before anything is recorded under the key, as checkout
	// does. prepare reads it again.
	chosen, err := choose(&product, r.Choices, r.Personalization)
	if err != nil {
		return Outcome{}, err
	}
	addr, err := s.address(ctx, r.CustomerID, r.AddressID)
	if err != nil {
		return Outcome{}, err
	}
	begin := store.Purchase{
		CustomerID: r.CustomerID, IdemKey: key, Mode: string(s.cfg.Mode),
		ProductID: product.ID, SellerID: product.SellerID, Quantity: r.Quantity, Choices: chosen,
	}
	if addr != nil {
		begin.AddressID = addr.ID
	}
	p, created, err := s.cfg.Store.BeginPurchase(ctx, begin)
	if err != nil {
		return Outcome{}, err
	}
	if !created { // recorded by a call racing this one since the look-up above
		return s.replay(ctx, p, r)
	}
	via := r.ConfirmVia
	if via != ViaElicitation {
		via = ViaQuoteID
	}
	return s.quote(ctx, p, product, quoting{via: via, first: r.ConfirmFirst}, p.AddressID, r.FulfillmentOption)
}

// replay answers purchase call r with the outcome of p, the purchase already recorded
// under r's idempotency key, unless r asks for another purchase than p
// (RefusalIdempotencyConflict): another product or quantity; an address_id other than
// the address p recorded (the one named, or the default one at the time); a
// fulfillment_option_id other than the delivery p was quoted with. All are compared
// with what p recorded, never with the catalog or the addresses now, so that what
// changed since changes no answer. An address or delivery p has not recorded (a
// purchase refused before it got there, or begun before addresses were recorded at
// the start) is not compared, nor is one the call does not name.
func (s *Service) replay(ctx context.Context, p store.Purchase, r Request) (Outcome, error) {
	conflict := RefusalParams{ProductID: p.ProductID, Quantity: p.Quantity}
	switch {
	case p.ProductID != r.ProductID || p.Quantity != r.Quantity:
	case r.AddressID != "" && p.AddressID != "" && r.AddressID != p.AddressID:
		conflict.AddressID, conflict.AskedAddressID = p.AddressID, callerText(r.AddressID)
	case r.FulfillmentOption != "" && p.Fulfillment != nil && text.Clean(r.FulfillmentOption, 80) != p.Fulfillment.ID:
		conflict.FulfillmentID, conflict.AskedFulfillmentID = p.Fulfillment.ID, callerText(r.FulfillmentOption)
	case askedChoices(r.Choices, r.Personalization) && !sameChoices(p.Choices, r.Choices, r.Personalization):
		conflict.Chosen, conflict.AskedChosen = &p.Choices, askedAsChoices(r.Choices, r.Personalization)
	default:
		return s.settle(ctx, p)
	}
	return Outcome{}, refuse(RefusalIdempotencyConflict, conflict)
}

// ReservedKeyPrefix is the prefix a caller's idempotency key must not start with:
// renewals' purchases use it (store.CycleKey).
const ReservedKeyPrefix = store.RenewalKeyPrefix

// callerKey returns the purchase or checkout key for the caller's idempotency key: a
// new one when it is empty, and RefusalReservedKey when it starts with
// ReservedKeyPrefix, so that a caller's key never equals a renewal's.
func callerKey(key string) (string, error) {
	switch {
	case key == "":
		return store.NewID("auto_"), nil
	case strings.HasPrefix(key, ReservedKeyPrefix):
		return "", refuse(RefusalReservedKey, RefusalParams{})
	}
	return key, nil
}

// matchesQuote refuses a confirmation of quote r.QuoteID that names another product or
// quantity than the quote is for: the quote alone decides what is bought, so a
// mismatch means the caller meant something else.
func (s *Service) matchesQuote(ctx context.Context, r Request) error {
	if r.ProductID == "" && r.Quantity == 0 && !askedChoices(r.Choices, r.Personalization) {
		return nil
	}
	p, err := s.cfg.Store.PurchaseByQuote(ctx, r.CustomerID, r.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // confirm says so
	}
	if err != nil {
		return err
	}
	sameChosen := !askedChoices(r.Choices, r.Personalization) || sameChoices(p.Choices, r.Choices, r.Personalization)
	if (r.ProductID == "" || r.ProductID == p.ProductID) && (r.Quantity == 0 || r.Quantity == p.Quantity) && sameChosen {
		return nil
	}
	asked := r.Quantity
	if asked == 0 {
		asked = p.Quantity
	}
	ref := refuse(RefusalQuoteMismatch, RefusalParams{QuoteID: p.QuoteID, Quantity: p.Quantity, Title: p.Title, ProductID: p.ProductID,
		AskedProductID: callerText(r.ProductID), AskedQuantity: asked})
	if !sameChosen {
		// A confirmation for other choices (size 9 for a quote of size 7) buys
		// nothing: the quote alone decides what is bought, as for the amount.
		ref.Params.Chosen, ref.Params.AskedChosen = &p.Choices, askedAsChoices(r.Choices, r.Personalization)
	}
	return ref
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
		return Outcome{}, s.unknownQuote(ctx, customerID, quoteID)
	}
	if err != nil {
		return Outcome{}, err
	}
	if p.ConfirmVia != via {
		return Outcome{}, refuse(RefusalConfirmationMismatch, RefusalParams{})
	}
	if p.State != store.PurchaseQuoted {
		return s.settle(ctx, p)
	}
	if !s.now().Before(p.ExpiresAt) {
		// The refusal is stored too: a later call with this quote_id gets it again.
		ref := refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
		return Outcome{}, s.cancelQuote(ctx, &p, ref)
	}
	rules, err := s.cfg.Store.Rules(ctx, p.CustomerID)
	if err != nil {
		return Outcome{}, err
	}
	if ref := checkRules(rules, p); ref != nil {
		return Outcome{}, s.cancelQuote(ctx, &p, ref)
	}
	if ref, err := s.staleQuote(ctx, p); err != nil || ref != nil {
		if err != nil {
			return Outcome{}, err
		}
		return Outcome{}, s.cancelQuote(ctx, &p, ref)
	}
	return s.pay(ctx, &p, store.PurchaseQuoted, rules)
}

// staleQuote refuses the confirmation of quoted purchase p when what the person was
// shown no longer holds: its card was taken off file (cardRemoved) or a product became
// a subscription (becameSubscription).
func (s *Service) staleQuote(ctx context.Context, p store.Purchase) (*Refusal, error) {
	if ref, err := s.cardRemoved(ctx, p); err != nil || ref != nil {
		return ref, err
	}
	return s.becameSubscription(ctx, p)
}

// cardRemoved refuses the confirmation of quoted purchase p when the card it was
// quoted with (the one its summary named) is no longer on file: a card the person
// removed is never charged, and no other card is charged in its place unasked.
func (s *Service) cardRemoved(ctx context.Context, p store.Purchase) (*Refusal, error) {
	pms, err := s.cfg.Store.PaymentMethods(ctx, p.CustomerID)
	if err != nil {
		return nil, err
	}
	for _, pm := range pms {
		if pm.ID == p.PaymentMethod {
			return nil, nil
		}
	}
	return cardRemovedRefusal(p), nil
}

// cardRemovedRefusal is RefusalCardRemoved for purchase p, naming the card it was to
// be paid with: cardRemoved's answer, and the approval's (store.ErrCardRemoved) for a
// card removed after that check, which the approving transaction sees atomically.
func cardRemovedRefusal(p store.Purchase) *Refusal {
	return refuse(RefusalCardRemoved, RefusalParams{CardBrand: p.CardBrand, CardLast4: p.CardLast4})
}

// becameSubscription refuses the confirmation of quoted purchase p when one of its
// products has become a subscription since the quote (bought once, it would be charged
// once, not every cycle), as a cart line is refused at checkout. A product that is
// gone is left to the seller's session, which still holds the quote.
func (s *Service) becameSubscription(ctx context.Context, p store.Purchase) (*Refusal, error) {
	ids := []string{p.ProductID}
	for _, l := range p.Lines {
		if l.ProductID != p.ProductID {
			ids = append(ids, l.ProductID)
		}
	}
	for _, id := range ids {
		product, err := s.cfg.Catalog.Product(ctx, id)
		if errors.Is(err, catalog.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if product.Billing != nil {
			return refuse(RefusalBecameSubscription, RefusalParams{ProductID: product.ID, Title: product.Title, QuoteID: p.QuoteID}), nil
		}
	}
	return nil, nil
}

// cancelQuote moves a quoted purchase to canceled with ref as its outcome, cancels the
// seller's session (best effort: nothing was charged either way) and returns ref. If
// another call moved the quote on first, it cancels nothing and returns lostRace. If
// the cancellation cannot be written (tried twice), the quote stays as it was and the
// answer is an internal error, not ref: the quote's key and id would not return ref.
func (s *Service) cancelQuote(ctx context.Context, p *store.Purchase, ref *Refusal) error {
	ref.record(p, store.PurchaseCanceled)
	err := s.advanceRefused(ctx, p, "canceled", string(ref.Code), store.PurchaseQuoted, store.PurchaseOpen)
	if errors.Is(err, store.ErrStateChanged) {
		return lostRace{p.ID}
	}
	s.cancelSession(ctx, p)
	if err != nil {
		return fmt.Errorf("cancel quote %s with %s: %w", p.ID, ref.Code, err)
	}
	return ref.kept(p.IdemKey)
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
	case store.PurchaseFailed, store.PurchaseCanceled, store.PurchaseChargedNoOrder:
		return Outcome{}, RecordedRefusal(p.FailureCode, p.FailureParams, p.FailureMessage, p.OrderID).kept(p.IdemKey)
	}
	return Outcome{Status: StatusPending, Purchase: p, Order: order, Hold: s.holdJournaled(ctx, p.ID)}, nil
}
