package checkout

import (
	"context"
	"errors"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Changing a subscription's choices (a new ring size, another name to engrave).
//
// A change is quoted like a subscription: the choices are checked against the product
// as purchase checks them (the same refusals), the seller is asked its total per
// cycle for them (its price may depend on them), the rules are checked, and the person
// confirms by the change's quote_id. Confirming records the choices and that total as
// the agreed price (store.ApplyChoicesChange); the next renewal is bought with them.
// A renewal being charged as the change is quoted or confirmed goes on with the
// choices and price it started with (its own terms, store.CycleTerms), and the change
// applies at once to the renewals after it (the outcome's Running says which renewal
// keeps the old ones). A subscription that a renewal paused because the product no
// longer took its old choices (RefusalChoicesChanged) resumes on confirmation, its due
// cycle tried at once with the new ones. A canceled subscription cannot change, nor
// one whose running renewal started before renewals recorded their terms.

// ChangeChoicesRequest is one change_subscription call: a quote for Choices and
// Personalization, or with QuoteID the confirmation of an earlier quote.
type ChangeChoicesRequest struct {
	CustomerID      string // from the server, never the model
	SubscriptionID  string
	Choices         map[string]string
	Personalization string
	QuoteID         string
	// ConfirmVia is how the quote is to be confirmed (ViaElicitation when the client
	// can show a dialog, else ViaQuoteID) and, with QuoteID, how this confirmation
	// comes: a change quoted for a dialog is confirmed only by the person's answer
	// (ConfirmSealedChange), or by its quote_id once OfferChoicesChangeQuoteID allowed
	// it.
	ConfirmVia string
}

// ChangeChoicesOutcome is a quoted change (StatusConfirmationRequired, Change set) or a
// confirmed one (StatusCompleted): the subscription as it is then, and the renewal
// made at once when the confirmation resumed it.
type ChangeChoicesOutcome struct {
	Status       OutcomeStatus
	Subscription store.Subscription
	Change       store.ChoicesChange
	First        *Renewal
	// Running is the renewal being charged, with the choices and price it started with
	// (its Terms), when the change was quoted or applied: the change is for the
	// renewals after it. nil when none was running.
	Running *store.Cycle
}

// ChangeSubscriptionChoices quotes or confirms a change of the customer's subscription's
// choices (see above). Refusals come back as *Refusal.
func (s *Service) ChangeSubscriptionChoices(ctx context.Context, r ChangeChoicesRequest) (ChangeChoicesOutcome, error) {
	if r.QuoteID != "" {
		return s.confirmChoicesChange(ctx, r)
	}
	u, running, err := s.changeable(ctx, r.CustomerID, r.SubscriptionID)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	product, err := s.cfg.Catalog.Product(ctx, u.ProductID)
	if errors.Is(err, catalog.ErrNotFound) {
		return ChangeChoicesOutcome{}, refuse(RefusalUnknownProduct, RefusalParams{ProductID: u.ProductID})
	}
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	chosen, err := choose(&product, r.Choices, r.Personalization)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	// The quote is a purchase that is never stored: it only asks the seller its total
	// (under the change's own id: the seller keys its sessions by it).
	quoteID := store.NewID("qc_")
	p := store.Purchase{ID: quoteID, CustomerID: r.CustomerID, ProductID: product.ID, SellerID: product.SellerID, Quantity: u.Quantity, Choices: chosen}
	rules, err := s.prepare(ctx, &p, product, u.AddressID, "")
	defer s.cancelSession(context.WithoutCancel(ctx), &p) // nothing is paid on the quote's session
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if ref := checkRules(rules, p); ref != nil {
		return ChangeChoicesOutcome{}, ref
	}
	via := r.ConfirmVia
	if via != ViaElicitation {
		via = ViaQuoteID
	}
	c := store.ChoicesChange{QuoteID: quoteID, SubscriptionID: u.ID, CustomerID: r.CustomerID, Choices: chosen, Amount: p.Total, Currency: p.Currency,
		Subtotal: p.Subtotal, Shipping: p.Shipping, Tax: p.Tax, ExpiresAt: s.now().Add(s.cfg.QuoteTTL), ConfirmVia: via}
	if err := s.cfg.Store.CreateChoicesChange(ctx, &c); errors.Is(err, store.ErrNotFound) {
		return ChangeChoicesOutcome{}, refuse(RefusalUnknownSubscription, RefusalParams{QuoteID: callerText(r.SubscriptionID)})
	} else if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	return ChangeChoicesOutcome{Status: StatusConfirmationRequired, Subscription: u, Change: c, Running: keepsOther(running, c)}, nil
}

// changeable loads the customer's subscription id for a change of its choices, with
// its renewal attempt running now (nil for none): one canceled
// (RefusalSubscriptionCanceled), made in another mode (RefusalOtherMode) or whose
// running renewal started before renewals recorded their terms, when it is past its
// approval (RefusalRenewalUnderWay), is refused.
func (s *Service) changeable(ctx context.Context, customerID, id string) (store.Subscription, *store.Cycle, error) {
	u, err := s.subscription(ctx, customerID, id)
	if err != nil {
		return u, nil, err
	}
	if u.State == store.SubscriptionCanceled {
		return u, nil, refuse(RefusalSubscriptionCanceled, RefusalParams{QuoteID: u.ID})
	}
	if ref := s.otherMode(u); ref != nil {
		return u, nil, ref
	}
	if u.OpenCycle < 0 {
		return u, nil, nil
	}
	c, err := s.cfg.Store.CycleOf(ctx, u.ID, u.OpenCycle)
	if errors.Is(err, store.ErrNotFound) || err == nil && c.State != store.CycleRunning {
		return u, nil, nil
	}
	if err != nil {
		return u, nil, err
	}
	if c.Terms != nil {
		return u, &c, nil
	}
	under, err := s.cfg.Store.RenewalUnderWay(ctx, customerID, u.ID)
	if err != nil {
		return u, nil, err
	}
	if under != nil {
		return u, nil, refuse(RefusalRenewalUnderWay, RefusalParams{QuoteID: u.ID})
	}
	return u, nil, nil
}

// keepsOther is running when its terms are other than change c's (it is bought
// otherwise than the change asks), else nil.
func keepsOther(running *store.Cycle, c store.ChoicesChange) *store.Cycle {
	if running == nil || running.Terms == nil {
		return nil
	}
	if t := running.Terms; t.Choices.Equal(c.Choices) && t.Amount == c.Amount && t.Currency == c.Currency {
		return nil
	}
	return running
}

// confirmChoicesChange confirms change r.QuoteID of subscription r.SubscriptionID.
// Confirming it again returns the subscription as it is.
func (s *Service) confirmChoicesChange(ctx context.Context, r ChangeChoicesRequest) (ChangeChoicesOutcome, error) {
	c, err := s.cfg.Store.ChoicesChangeByQuote(ctx, r.CustomerID, r.QuoteID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return ChangeChoicesOutcome{}, s.unknownQuote(ctx, r.CustomerID, r.QuoteID)
	case err == nil && r.SubscriptionID != "" && c.SubscriptionID != r.SubscriptionID:
		return ChangeChoicesOutcome{}, refuse(RefusalUnknownQuote, RefusalParams{QuoteID: callerText(r.QuoteID)})
	}
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if !c.AppliedAt.IsZero() {
		u, err := s.subscription(ctx, r.CustomerID, c.SubscriptionID)
		return ChangeChoicesOutcome{Status: StatusCompleted, Subscription: u, Change: c}, err
	}
	if !c.DeclinedAt.IsZero() {
		return ChangeChoicesOutcome{}, refuse(RefusalDeclinedByPerson, RefusalParams{})
	}
	if via := r.ConfirmVia; via != ViaElicitation && c.ConfirmVia != ViaQuoteID || via == ViaElicitation && c.ConfirmVia != ViaElicitation {
		// Quoted for the person's dialog: its quote_id alone confirms nothing.
		return ChangeChoicesOutcome{}, refuse(RefusalConfirmationMismatch, RefusalParams{})
	}
	if !s.now().Before(c.ExpiresAt) {
		return ChangeChoicesOutcome{}, refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
	}
	before, _, err := s.changeable(ctx, r.CustomerID, c.SubscriptionID)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	c, running, err := s.cfg.Store.ApplyChoicesChange(ctx, r.CustomerID, r.QuoteID)
	if errors.Is(err, store.ErrStateChanged) {
		// Confirmed meanwhile, or canceled, or a renewal from before terms were
		// recorded is running: say which.
		if c.AppliedAt.IsZero() {
			if _, _, err := s.changeable(ctx, r.CustomerID, c.SubscriptionID); err != nil {
				return ChangeChoicesOutcome{}, err
			}
			return ChangeChoicesOutcome{}, refuse(RefusalRenewalUnderWay, RefusalParams{QuoteID: c.SubscriptionID})
		}
		u, err := s.subscription(ctx, r.CustomerID, c.SubscriptionID)
		return ChangeChoicesOutcome{Status: StatusCompleted, Subscription: u, Change: c}, err
	} else if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	out := ChangeChoicesOutcome{Status: StatusCompleted, Change: c, Running: keepsOther(running, c)}
	if pr := PauseRefusal(before); pr != nil && pr.Code == RefusalChoicesChanged {
		// Paused because the old choices were no longer taken: resume with the new.
		res, err := s.ResumeSubscription(ctx, r.CustomerID, c.SubscriptionID, ViaQuoteID)
		if err != nil {
			return ChangeChoicesOutcome{}, err
		}
		out.Subscription, out.First = res.Subscription, res.First
		return out, nil
	}
	out.Subscription, err = s.subscription(ctx, r.CustomerID, c.SubscriptionID)
	return out, err
}

const (
	purposeChange = "commerce-mcp/change-subscription/v1"
	kindChange    = "change_subscription"
)

// SealChoicesChange is the state of the confirmation dialog of change c, quoted with
// ViaElicitation: bound to the customer, the change, its subscription, its price per
// cycle and its choices, expiring with the quote, single use.
func (s *Service) SealChoicesChange(c store.ChoicesChange) string {
	return s.seal(purposeChange, Confirmation{CustomerID: c.CustomerID, QuoteID: c.QuoteID, OrderID: c.SubscriptionID,
		Amount: c.Amount, Currency: c.Currency, ExpiresAt: c.ExpiresAt.Unix(), Nonce: store.NewID("n_"), Kind: kindChange,
		Choices: choicesKeyDigest(c.Choices)})
}

// ConfirmSealedChange acts on the person's answer to a change's confirmation dialog
// (SealChoicesChange), with the rules of ConfirmSealed: a state that verifies for
// customerID and the change as quoted, used once. Yes confirms the change; no
// declines it (RefusalDeclinedByPerson; it never applies); an unticked box leaves it
// to be confirmed by its quote_id (StatusConfirmationRequired). A state used before
// answers with the change as it is now. A yes refused because a renewal is being
// charged (RefusalRenewalUnderWay) leaves the change to its quote_id, returned in
// the outcome's Change with the refusal.
func (s *Service) ConfirmSealedChange(ctx context.Context, customerID, state string, answer Answer) (ChangeChoicesOutcome, error) {
	invalid := refuse(RefusalConfirmationInvalid, RefusalParams{})
	conf, err := s.unseal(purposeChange, state, customerID)
	if err != nil || conf.Kind != kindChange {
		return ChangeChoicesOutcome{}, invalid
	}
	c, err := s.cfg.Store.ChoicesChangeByQuote(ctx, customerID, conf.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return ChangeChoicesOutcome{}, invalid
	}
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if c.SubscriptionID != conf.OrderID || c.Amount != conf.Amount || c.Currency != conf.Currency || choicesKeyDigest(c.Choices) != conf.Choices {
		return ChangeChoicesOutcome{}, invalid
	}
	req := ChangeChoicesRequest{CustomerID: customerID, SubscriptionID: c.SubscriptionID, QuoteID: c.QuoteID, ConfirmVia: ViaElicitation}
	err = s.cfg.Store.UseOnce(ctx, "confirm", conf.Nonce, time.Unix(conf.ExpiresAt, 0))
	if errors.Is(err, store.ErrReplay) {
		return s.changeNow(ctx, customerID, c)
	}
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	switch answer {
	case AnswerYes:
		out, err := s.confirmChoicesChange(ctx, req)
		var ref *Refusal
		if errors.As(err, &ref) && ref.Code == RefusalRenewalUnderWay {
			// The person said yes, but a renewal is being charged: once it is done the
			// change is confirmed by its quote_id (the refusal's words say so).
			if err := s.cfg.Store.OfferChoicesChangeQuoteID(ctx, customerID, c.QuoteID); err != nil && !errors.Is(err, store.ErrStateChanged) {
				return ChangeChoicesOutcome{}, err
			}
			out.Change = c // its quote_id, for the words
		}
		return out, err
	case AnswerUnticked:
		if err := s.cfg.Store.OfferChoicesChangeQuoteID(ctx, customerID, c.QuoteID); err != nil && !errors.Is(err, store.ErrStateChanged) {
			return ChangeChoicesOutcome{}, err
		}
		return s.changeNow(ctx, customerID, c)
	}
	if err := s.cfg.Store.DeclineChoicesChange(ctx, customerID, c.QuoteID); err != nil && !errors.Is(err, store.ErrStateChanged) {
		return ChangeChoicesOutcome{}, err
	}
	return s.changeNow(ctx, customerID, c)
}

// changeNow is change c as it is now: applied (StatusCompleted), declined
// (RefusalDeclinedByPerson) or waiting for its confirmation.
func (s *Service) changeNow(ctx context.Context, customerID string, c store.ChoicesChange) (ChangeChoicesOutcome, error) {
	c, err := s.cfg.Store.ChoicesChangeByQuote(ctx, customerID, c.QuoteID)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if !c.DeclinedAt.IsZero() {
		return ChangeChoicesOutcome{}, refuse(RefusalDeclinedByPerson, RefusalParams{})
	}
	u, err := s.subscription(ctx, customerID, c.SubscriptionID)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	out := ChangeChoicesOutcome{Status: StatusConfirmationRequired, Subscription: u, Change: c}
	if !c.AppliedAt.IsZero() {
		out.Status = StatusCompleted
	}
	return out, nil
}

// choicesKeyDigest is choicesDigest of choices alone.
func choicesKeyDigest(c store.Choices) string { return choicesDigest(store.Purchase{Choices: c}) }
