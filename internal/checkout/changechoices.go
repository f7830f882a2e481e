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
// A subscription that a renewal paused because the product no longer took its old
// choices (RefusalChoicesChanged) resumes on confirmation, its due cycle tried at once
// with the new ones. A canceled subscription, or one whose renewal is being charged,
// cannot change.

// ChangeChoicesRequest is one change_subscription call: a quote for Choices and
// Personalization, or with QuoteID the confirmation of an earlier quote.
type ChangeChoicesRequest struct {
	CustomerID      string // from the server, never the model
	SubscriptionID  string
	Choices         map[string]string
	Personalization string
	QuoteID         string
}

// ChangeChoicesOutcome is a quoted change (StatusConfirmationRequired, Change set) or a
// confirmed one (StatusCompleted): the subscription as it is then, and the renewal
// made at once when the confirmation resumed it.
type ChangeChoicesOutcome struct {
	Status       OutcomeStatus
	Subscription store.Subscription
	Change       store.ChoicesChange
	First        *Renewal
}

// ChangeSubscriptionChoices quotes or confirms a change of the customer's subscription's
// choices (see above). Refusals come back as *Refusal.
func (s *Service) ChangeSubscriptionChoices(ctx context.Context, r ChangeChoicesRequest) (ChangeChoicesOutcome, error) {
	if r.QuoteID != "" {
		return s.confirmChoicesChange(ctx, r)
	}
	u, err := s.changeable(ctx, r.CustomerID, r.SubscriptionID)
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
	c := store.ChoicesChange{QuoteID: quoteID, SubscriptionID: u.ID, CustomerID: r.CustomerID, Choices: chosen, Amount: p.Total, Currency: p.Currency,
		Subtotal: p.Subtotal, Shipping: p.Shipping, Tax: p.Tax, ExpiresAt: s.now().Add(s.cfg.QuoteTTL)}
	if err := s.cfg.Store.CreateChoicesChange(ctx, &c); errors.Is(err, store.ErrNotFound) {
		return ChangeChoicesOutcome{}, refuse(RefusalUnknownSubscription, RefusalParams{QuoteID: callerText(r.SubscriptionID)})
	} else if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	return ChangeChoicesOutcome{Status: StatusConfirmationRequired, Subscription: u, Change: c}, nil
}

// changeable loads the customer's subscription id for a change of its choices: one
// canceled (RefusalSubscriptionCanceled), made in another mode (RefusalOtherMode) or
// whose renewal is running (RefusalRenewalUnderWay) is refused.
func (s *Service) changeable(ctx context.Context, customerID, id string) (store.Subscription, error) {
	u, err := s.subscription(ctx, customerID, id)
	if err != nil {
		return u, err
	}
	if u.State == store.SubscriptionCanceled {
		return u, refuse(RefusalSubscriptionCanceled, RefusalParams{QuoteID: u.ID})
	}
	if ref := s.otherMode(u); ref != nil {
		return u, ref
	}
	under, err := s.cfg.Store.RenewalUnderWay(ctx, customerID, u.ID)
	if err != nil {
		return u, err
	}
	if under != nil {
		return u, refuse(RefusalRenewalUnderWay, RefusalParams{QuoteID: u.ID})
	}
	return u, nil
}

// confirmChoicesChange confirms change r.QuoteID of subscription r.SubscriptionID.
// Confirming it again returns the subscription as it is.
func (s *Service) confirmChoicesChange(ctx context.Context, r ChangeChoicesRequest) (ChangeChoicesOutcome, error) {
	c, err := s.cfg.Store.ChoicesChangeByQuote(ctx, r.CustomerID, r.QuoteID)
	if errors.Is(err, store.ErrNotFound) || err == nil && r.SubscriptionID != "" && c.SubscriptionID != r.SubscriptionID {
		return ChangeChoicesOutcome{}, refuse(RefusalUnknownQuote, RefusalParams{QuoteID: callerText(r.QuoteID)})
	}
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if !c.AppliedAt.IsZero() {
		u, err := s.subscription(ctx, r.CustomerID, c.SubscriptionID)
		return ChangeChoicesOutcome{Status: StatusCompleted, Subscription: u, Change: c}, err
	}
	if !s.now().Before(c.ExpiresAt) {
		return ChangeChoicesOutcome{}, refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
	}
	before, err := s.changeable(ctx, r.CustomerID, c.SubscriptionID)
	if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	if c, err = s.cfg.Store.ApplyChoicesChange(ctx, r.CustomerID, r.QuoteID); errors.Is(err, store.ErrStateChanged) {
		// Confirmed meanwhile, or canceled, or a renewal started: say which.
		if c.AppliedAt.IsZero() {
			if _, err := s.changeable(ctx, r.CustomerID, c.SubscriptionID); err != nil {
				return ChangeChoicesOutcome{}, err
			}
			return ChangeChoicesOutcome{}, refuse(RefusalRenewalUnderWay, RefusalParams{QuoteID: c.SubscriptionID})
		}
		u, err := s.subscription(ctx, r.CustomerID, c.SubscriptionID)
		return ChangeChoicesOutcome{Status: StatusCompleted, Subscription: u, Change: c}, err
	} else if err != nil {
		return ChangeChoicesOutcome{}, err
	}
	out := ChangeChoicesOutcome{Status: StatusCompleted, Change: c}
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
