package checkout

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Subscriptions.
//
// Subscribing quotes the product with its seller (the seller's total for one cycle is
// the price per cycle), checks the spending rules, and always waits for the person's
// confirmation, by quote_id or in a dialog (SealSubscription), like a purchase. Once
// confirmed the subscription is active and its cycles renew on their due dates: the
// first at once, or at the end of the trial, or at the start date asked for.
//
// Each renewal is a purchase of its own (an order per cycle) made by RenewDue, which
// the server runs in its recovery loop; see renew.go for the rules.

// MaxStartAhead is how far ahead a subscription may be asked to start.
const MaxStartAhead = 365 * 24 * time.Hour

// SubscribeRequest is one subscribe call. CustomerID comes from the server, never the
// model.
type SubscribeRequest struct {
	CustomerID string
	ProductID  string
	Quantity   int
	// Start is when the first cycle should be due (before any trial); zero for now.
	Start time.Time
	// QuoteID confirms an earlier subscribe quote (ViaQuoteID).
	QuoteID string
	// ConfirmVia is how a quote made by this call will be confirmed.
	ConfirmVia string
	// Choices and Personalization are the person's choices for the product, as
	// Request takes them: checked by the same rules (catalog.Product.Choose), recorded
	// with the subscription and sent to the seller with every renewal. With QuoteID
	// they may be left out; given, they must be the quote's.
	Choices         map[string]string
	Personalization string
}

// SubscriptionOutcome is what a subscribe, resume or confirmation call ended with.
// Failures are *Refusal errors instead.
type SubscriptionOutcome struct {
	// Status is StatusConfirmationRequired (the person must confirm Subscription's
	// quote) or StatusCompleted (subscribed or resumed).
	Status       OutcomeStatus
	Subscription store.Subscription
	// First is the renewal made at once when the confirmed subscription was due.
	First *Renewal
}

// Terms are a subscription's billing terms.
func Terms(u store.Subscription) catalog.Billing {
	return catalog.Billing{Interval: catalog.Interval(u.Interval), Every: u.Every, TrialDays: u.TrialDays}
}

// NextAmount is what u's next cycle is expected to charge: what its last paid cycle
// charged when that was under the price the person agreed to (the seller lowered its
// price), else the agreed price, u.Amount. The agreed price stays the bound: a
// renewal the seller quotes at or under it (back up to it, say) is charged, one above
// it pauses the subscription and asks the person (RefusalPriceChanged).
func NextAmount(u store.Subscription) int64 {
	if u.Charged > 0 && u.Charged < u.Amount {
		return u.Charged
	}
	return u.Amount
}

// YearlyAmount is what a subscription costs over a year at the price its next cycle
// is expected to charge (NextAmount).
func YearlyAmount(u store.Subscription) int64 {
	return NextAmount(u) * int64(Terms(u).CyclesPerYear())
}

// PauseRefusal is why a paused subscription was paused; nil when the person paused it
// (or it is not paused).
func PauseRefusal(u store.Subscription) *Refusal {
	if u.State != store.SubscriptionPaused || u.PauseCode == "" || u.PauseCode == PausedByPerson {
		return nil
	}
	return RecordedRefusal(u.PauseCode, u.PauseParams, "", "")
}

// PausedByPerson is the pause code of a subscription the person paused.
const PausedByPerson = "by_person"

// Subscription refusal codes.
const (
	RefusalNotSubscription      RefusalCode = "not_subscription"      // ProductID, Title: a one-time product
	RefusalUnknownSubscription  RefusalCode = "unknown_subscription"  // QuoteID (the subscription id or quote id asked for)
	RefusalSubscriptionCanceled RefusalCode = "subscription_canceled" // QuoteID: it was canceled and cannot change
	RefusalSubscriptionPaused   RefusalCode = "subscription_paused"   // QuoteID: paused, nothing renews to skip
	RefusalRenewalNotNext       RefusalCode = "renewal_not_next"      // QuoteID, NextRenewal (its next renewal, RFC 3339): skip_next_renewal named another date
	RefusalRenewalUnderWay      RefusalCode = "renewal_under_way"     // QuoteID: its due renewal is being charged now and cannot be skipped
	RefusalBadStart             RefusalCode = "bad_start"             // Max (days ahead)
	RefusalSubscriptionProduct  RefusalCode = "subscription_product"  // ProductID, Title: purchase or a cart asked for a subscription product
	RefusalRenewalStopped       RefusalCode = "renewal_stopped"       // QuoteID (the subscription id): paused or canceled before this renewal was charged
	RefusalBecameSubscription   RefusalCode = "became_subscription"   // ProductID, Title, QuoteID: a quote for a one-time buy confirmed after the product became a subscription
	RefusalOtherMode            RefusalCode = "other_mode"            // QuoteID (the subscription id), Mode (its), ServerMode: made in another mode than the server runs in
)

// Subscribe quotes a subscription for r.CustomerID, or confirms one when r.QuoteID is
// set. Refusals come back as *Refusal.
func (s *Service) Subscribe(ctx context.Context, r SubscribeRequest) (SubscriptionOutcome, error) {
	if r.QuoteID != "" {
		if err := s.matchesSubscriptionQuote(ctx, r); err != nil {
			return SubscriptionOutcome{}, err
		}
		return s.ConfirmSubscription(ctx, r.CustomerID, r.QuoteID, ViaQuoteID)
	}
	if r.Quantity < 1 || r.Quantity > 99 {
		return SubscriptionOutcome{}, refuse(RefusalInvalid, RefusalParams{Field: "quantity", Min: 1, Max: 99})
	}
	now := s.now()
	if !r.Start.IsZero() && (r.Start.Before(now.Add(-24*time.Hour)) || r.Start.After(now.Add(MaxStartAhead))) {
		return SubscriptionOutcome{}, refuse(RefusalBadStart, RefusalParams{Max: int(MaxStartAhead / (24 * time.Hour))})
	}
	product, err := s.cfg.Catalog.Product(ctx, r.ProductID)
	if errors.Is(err, catalog.ErrNotFound) {
		return SubscriptionOutcome{}, refuse(RefusalUnknownProduct, RefusalParams{ProductID: callerText(r.ProductID)})
	}
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	if product.Billing == nil {
		return SubscriptionOutcome{}, refuse(RefusalNotSubscription, RefusalParams{ProductID: product.ID, Title: product.Title})
	}
	chosen, err := choose(&product, r.Choices, r.Personalization)
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	u := store.Subscription{ID: store.NewID("sub_"), CustomerID: r.CustomerID, Mode: string(s.cfg.Mode), ProductID: product.ID,
		SellerID: product.SellerID, Quantity: r.Quantity, Interval: string(product.Billing.Interval),
		Every: product.Billing.Every, TrialDays: product.Billing.TrialDays, Choices: chosen}
	// The quote is a purchase that is never stored: it only asks the seller its total
	// (for the choices: the seller's price may depend on them).
	p := store.Purchase{ID: u.ID, CustomerID: r.CustomerID, ProductID: product.ID, SellerID: product.SellerID, Quantity: r.Quantity, Choices: chosen}
	rules, err := s.prepare(ctx, &p, product, "", "")
	defer s.cancelSession(context.WithoutCancel(ctx), &p) // nothing is paid on the quote's session
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	u.SellerName, u.Title, u.Amount, u.Currency, u.AddressID = p.SellerName, p.Title, p.Total, p.Currency, p.AddressID
	u.Subtotal, u.Shipping, u.Tax = p.Subtotal, p.Shipping, p.Tax
	if err := s.fitsMonthly(ctx, rules, u); err != nil {
		return SubscriptionOutcome{}, err
	}
	via := r.ConfirmVia
	if via != ViaElicitation {
		via = ViaQuoteID
	}
	u.State, u.QuoteID, u.ConfirmVia, u.ExpiresAt = store.SubscriptionQuoted, store.NewID("qs_"), via, now.Add(s.cfg.QuoteTTL)
	u.Anchor, u.NextDueAt = r.Start, r.Start // the anchor is fixed at confirmation
	if err := s.cfg.Store.CreateSubscription(ctx, &u); err != nil {
		return SubscriptionOutcome{}, err
	}
	return SubscriptionOutcome{Status: StatusConfirmationRequired, Subscription: u}, nil
}

// matchesSubscriptionQuote refuses a confirmation of subscription quote r.QuoteID
// that asks for other choices than the quote was made with (RefusalQuoteMismatch, as
// for a purchase): the quote alone decides what every renewal buys.
func (s *Service) matchesSubscriptionQuote(ctx context.Context, r SubscribeRequest) error {
	if !askedChoices(r.Choices, r.Personalization) {
		return nil
	}
	u, err := s.cfg.Store.SubscriptionByQuote(ctx, r.CustomerID, r.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // ConfirmSubscription says so
	}
	if err != nil {
		return err
	}
	if sameChoices(u.Choices, r.Choices, r.Personalization) {
		return nil
	}
	return refuse(RefusalQuoteMismatch, RefusalParams{QuoteID: u.QuoteID, Quantity: u.Quantity, Title: u.Title, ProductID: u.ProductID,
		AskedQuantity: u.Quantity, Chosen: &u.Choices, AskedChosen: askedAsChoices(r.Choices, r.Personalization)})
}

// fitsMonthly refuses subscription u when its first 30 days of cycles, on top of what
// the customer spent in the last 30 days, would break the monthly limit.
func (s *Service) fitsMonthly(ctx context.Context, r store.Rules, u store.Subscription) error {
	if r.MonthlyMax == store.NoLimit {
		return nil
	}
	spent, err := s.cfg.Store.Spent(ctx, u.CustomerID, u.Currency, store.MonthlyWindow)
	if err != nil {
		return err
	}
	b, start := Terms(u), s.now()
	if !u.Anchor.IsZero() && u.Anchor.After(start) {
		start = u.Anchor
	}
	start = start.AddDate(0, 0, u.TrialDays)
	cycles := 0
	for n := 0; b.Due(start, n).Before(start.Add(store.MonthlyWindow)); n++ {
		cycles++
	}
	amount := u.Amount * int64(cycles)
	if r.OverMonthly(spent, amount) {
		return refuse(RefusalOverMonthlyLimit, RefusalParams{Amount: amount, Limit: r.MonthlyMax, Spent: spent, Currency: u.Currency})
	}
	return nil
}

// ConfirmSubscription confirms the customer's subscription quote: a new subscription
// becomes active (and renews at once when due), a paused one resumes at the price
// the quote showed. via must be how the quote was offered. Confirming again returns
// the subscription as it is.
func (s *Service) ConfirmSubscription(ctx context.Context, customerID, quoteID, via string) (SubscriptionOutcome, error) {
	u, err := s.cfg.Store.SubscriptionByQuote(ctx, customerID, quoteID)
	if errors.Is(err, store.ErrNotFound) {
		return SubscriptionOutcome{}, s.unknownQuote(ctx, customerID, quoteID)
	}
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	if u.ConfirmVia != via {
		return SubscriptionOutcome{}, refuse(RefusalConfirmationMismatch, RefusalParams{})
	}
	if u.State == store.SubscriptionDeclined {
		return SubscriptionOutcome{}, RecordedRefusal(u.PauseCode, u.PauseParams, "", "")
	}
	if u.State == store.SubscriptionActive || u.State == store.SubscriptionCanceled || u.ExpiresAt.IsZero() {
		return SubscriptionOutcome{Status: StatusCompleted, Subscription: u}, nil // confirmed before
	}
	from, now := u.State, s.now()
	if ref := s.otherMode(u); ref != nil {
		return SubscriptionOutcome{}, s.endQuote(ctx, u, ref)
	}
	if !now.Before(u.ExpiresAt) {
		ref := refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
		return SubscriptionOutcome{}, s.endQuote(ctx, u, ref)
	}
	rules, err := s.cfg.Store.Rules(ctx, customerID)
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	// A paused subscription's quote is for the seller's new price. It becomes the
	// agreed price only once confirmed: a refusal leaves u (its agreed price and what
	// its last cycle charged) as it was.
	amount, currency := quotedPrice(u)
	check := store.Purchase{SellerID: u.SellerID, SellerName: u.SellerName, Currency: currency, Total: amount}
	if ref := checkRules(rules, check); ref != nil {
		return SubscriptionOutcome{}, s.endQuote(ctx, u, ref)
	}
	if from == store.SubscriptionQuoted {
		if err := s.fitsMonthly(ctx, rules, u); err != nil {
			var ref *Refusal
			if errors.As(err, &ref) {
				return SubscriptionOutcome{}, s.endQuote(ctx, u, ref)
			}
			return SubscriptionOutcome{}, err
		}
		start := u.Anchor
		if start.IsZero() || start.Before(now) {
			start = now
		}
		u.Anchor = start.AddDate(0, 0, u.TrialDays)
		u.NextDueAt = u.Anchor
	} else { // a paused subscription resumed at the new price: its cycle is due now
		u.NextDueAt = now
		// What the new price is made of, as the seller quoted it then; 0s (not shown)
		// when that pause did not record it.
		u.Subtotal, u.Shipping, u.Tax = QuotedCharges(u)
	}
	u.Amount, u.Currency = amount, currency
	u.State, u.PauseCode, u.PauseParams, u.ExpiresAt = store.SubscriptionActive, "", "{}", time.Time{}
	if err := s.cfg.Store.UpdateSubscription(ctx, &u, from); errors.Is(err, store.ErrStateChanged) {
		return s.subscriptionNow(ctx, customerID, u.ID)
	} else if err != nil {
		return SubscriptionOutcome{}, err
	}
	out := SubscriptionOutcome{Status: StatusCompleted, Subscription: u}
	if !u.NextDueAt.After(now) {
		r, err := s.renew(ctx, u)
		if err != nil {
			s.cfg.Log.WarnContext(ctx, "first renewal", "subscription", u.ID, "err", err)
		} else {
			out.First = &r
		}
		if fresh, err := s.cfg.Store.Subscription(ctx, customerID, u.ID); err == nil {
			out.Subscription = fresh
		}
	}
	return out, nil
}

// ConfirmResume is ConfirmSubscription (by quote_id) for the quote of a resume of
// subscription id: a quote of another subscription is refused as unknown, and nothing
// is confirmed.
func (s *Service) ConfirmResume(ctx context.Context, customerID, id, quoteID string) (SubscriptionOutcome, error) {
	u, err := s.cfg.Store.SubscriptionByQuote(ctx, customerID, quoteID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return SubscriptionOutcome{}, s.unknownQuote(ctx, customerID, quoteID)
	case err == nil && u.ID != id:
		return SubscriptionOutcome{}, refuse(RefusalUnknownQuote, RefusalParams{QuoteID: callerText(quoteID)})
	case err != nil:
		return SubscriptionOutcome{}, err
	}
	return s.ConfirmSubscription(ctx, customerID, quoteID, ViaQuoteID)
}

// endQuote ends u's pending quote with ref: a new subscription is declined, a paused
// one stays paused as it was. It returns ref.
func (s *Service) endQuote(ctx context.Context, u store.Subscription, ref *Refusal) error {
	from := u.State
	if from == store.SubscriptionQuoted {
		u.State, u.PauseCode, u.PauseParams = store.SubscriptionDeclined, string(ref.Code), ref.Params.encode()
	}
	u.ExpiresAt = time.Time{}
	if err := s.cfg.Store.UpdateSubscription(ctx, &u, from); err != nil && !errors.Is(err, store.ErrStateChanged) {
		s.cfg.Log.ErrorContext(ctx, "end subscription quote", "subscription", u.ID, "err", err)
	}
	return ref
}

func (s *Service) subscriptionNow(ctx context.Context, customerID, id string) (SubscriptionOutcome, error) {
	u, err := s.cfg.Store.Subscription(ctx, customerID, id)
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	status := StatusCompleted
	if !u.ExpiresAt.IsZero() && (u.State == store.SubscriptionQuoted || u.State == store.SubscriptionPaused) {
		status = StatusConfirmationRequired
	}
	return SubscriptionOutcome{Status: status, Subscription: u}, nil
}

// SealSubscription returns the confirmation state for a subscription waiting for
// confirmation in a dialog; only ConfirmSealedSubscription takes it.
func (s *Service) SealSubscription(u store.Subscription) string {
	amount, currency := quotedPrice(u)
	return s.seal(purposeSubscribe, Confirmation{CustomerID: u.CustomerID, QuoteID: u.QuoteID, OrderID: u.ID,
		Amount: amount, Currency: currency, ExpiresAt: u.ExpiresAt.Unix(), Nonce: store.NewID("n_"), Kind: kindSubscribe})
}

// quotedPrice is the price per cycle that u's pending quote asks the person to
// confirm: the seller's new price of a subscription paused for a price increase, else
// its price.
func quotedPrice(u store.Subscription) (int64, string) {
	if pr := PauseRefusal(u); pr != nil && pr.Code == RefusalPriceChanged {
		return pr.Params.Amount, pr.Params.Currency
	}
	return u.Amount, u.Currency
}

// QuotedCharges is what the price u's pending quote asks the person to confirm
// (quotedPrice: a paused subscription's new price, else its price) is made of — the
// items, delivery and tax — as the seller quoted them; 0s when not known (a pause
// recorded before they were kept) or when they do not add up to that price.
func QuotedCharges(u store.Subscription) (subtotal, shipping, tax int64) {
	if pr := PauseRefusal(u); pr != nil && pr.Code == RefusalPriceChanged {
		subtotal, shipping, tax = pr.Params.Subtotal, pr.Params.Shipping, pr.Params.Tax
	} else {
		subtotal, shipping, tax = u.Subtotal, u.Shipping, u.Tax
	}
	if amount, _ := quotedPrice(u); subtotal <= 0 || subtotal+shipping+tax != amount {
		return 0, 0, 0
	}
	return subtotal, shipping, tax
}

const (
	purposeSubscribe = "commerce-mcp/subscribe/v1"
	kindSubscribe    = "subscribe"
)

// ConfirmSealedSubscription acts on the person's answer to a subscription's
// confirmation dialog, with the same rules as ConfirmSealed: a state that verifies
// for customerID and the quote's amount, used once; yes confirms, no declines, and an
// unticked box leaves the quote to be confirmed by its id.
func (s *Service) ConfirmSealedSubscription(ctx context.Context, customerID, state string, answer Answer) (SubscriptionOutcome, error) {
	invalid := refuse(RefusalConfirmationInvalid, RefusalParams{})
	c, err := s.unseal(purposeSubscribe, state, customerID)
	if err != nil || c.Kind != kindSubscribe {
		return SubscriptionOutcome{}, invalid
	}
	u, err := s.cfg.Store.SubscriptionByQuote(ctx, customerID, c.QuoteID)
	if errors.Is(err, store.ErrNotFound) {
		return SubscriptionOutcome{}, invalid
	}
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	amount, currency := quotedPrice(u)
	if amount != c.Amount || currency != c.Currency || u.ConfirmVia != ViaElicitation {
		return SubscriptionOutcome{}, invalid
	}
	err = s.cfg.Store.UseOnce(ctx, "confirm", c.Nonce, time.Unix(c.ExpiresAt, 0))
	if errors.Is(err, store.ErrReplay) {
		return s.subscriptionNow(ctx, customerID, u.ID)
	}
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	switch answer {
	case AnswerYes:
		return s.ConfirmSubscription(ctx, customerID, c.QuoteID, ViaElicitation)
	case AnswerUnticked:
		if !u.ExpiresAt.IsZero() {
			u.ConfirmVia = ViaQuoteID
			if err := s.cfg.Store.UpdateSubscription(ctx, &u, u.State); err != nil && !errors.Is(err, store.ErrStateChanged) {
				return SubscriptionOutcome{}, err
			}
		}
		return s.subscriptionNow(ctx, customerID, u.ID)
	}
	if u.ExpiresAt.IsZero() {
		return s.subscriptionNow(ctx, customerID, u.ID)
	}
	return SubscriptionOutcome{}, s.endQuote(ctx, u, refuse(RefusalDeclinedByPerson, RefusalParams{}))
}

// Subscriptions are the customer's subscriptions (not quotes), newest first.
func (s *Service) Subscriptions(ctx context.Context, customerID string) ([]store.Subscription, error) {
	return s.cfg.Store.Subscriptions(ctx, customerID)
}

// subscription loads the customer's confirmed subscription id.
func (s *Service) subscription(ctx context.Context, customerID, id string) (store.Subscription, error) {
	u, err := s.cfg.Store.Subscription(ctx, customerID, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && (u.State == store.SubscriptionQuoted || u.State == store.SubscriptionDeclined) {
		return u, refuse(RefusalUnknownSubscription, RefusalParams{QuoteID: callerText(id)})
	}
	return u, err
}

// SubscriptionChange is what a pause or cancel left: the subscription, and the
// renewal it came too late to stop, if any.
type SubscriptionChange struct {
	Subscription store.Subscription
	// UnderWay is a renewal whose purchase was approved (its payment token issued or
	// being issued) before the change: it still completes, or fails, on its own. It
	// is read from the store in the transaction that made the change (or, when the
	// call changed nothing, from the store as it is), never guessed.
	UnderWay *store.RenewalUnderWay
}

// PauseSubscription pauses the customer's active subscription: nothing renews until it
// is resumed, and cycles that fall due meanwhile are skipped, not charged later. A
// cycle waiting for a retry, or whose renewal has not started, ends with the pause
// (never charged); a renewal whose purchase has started is refused at its approval
// (ApproveRenewal) unless it was approved already: that one is the change's
// UnderWay. A paused one stays as it is.
func (s *Service) PauseSubscription(ctx context.Context, customerID, id string) (SubscriptionChange, error) {
	for {
		u, err := s.subscription(ctx, customerID, id)
		if err != nil {
			return SubscriptionChange{Subscription: u}, err
		}
		switch u.State {
		case store.SubscriptionPaused:
			return s.unchanged(ctx, u)
		case store.SubscriptionCanceled:
			return SubscriptionChange{Subscription: u}, refuse(RefusalSubscriptionCanceled, RefusalParams{QuoteID: u.ID})
		}
		under, err := s.cfg.Store.PauseSubscription(ctx, u.ID, PausedByPerson)
		if !errors.Is(err, store.ErrStateChanged) {
			return s.changed(ctx, customerID, id, under, err)
		}
	}
}

// CancelSubscription cancels the customer's subscription for good: no cycle renews
// after it: a renewal not yet approved is refused at its approval (ApproveRenewal,
// RefusalRenewalStopped), and only one already approved finishes (the change's
// UnderWay). Canceling again changes nothing.
func (s *Service) CancelSubscription(ctx context.Context, customerID, id string) (SubscriptionChange, error) {
	for {
		u, err := s.subscription(ctx, customerID, id)
		if err != nil {
			return SubscriptionChange{Subscription: u}, err
		}
		if u.State == store.SubscriptionCanceled {
			return s.unchanged(ctx, u)
		}
		under, err := s.cfg.Store.CancelSubscription(ctx, u.ID)
		if !errors.Is(err, store.ErrStateChanged) {
			return s.changed(ctx, customerID, id, under, err)
		}
	}
}

// SkipOutcome is what a skip left: the subscription (next renewal moved on), the
// renewal skipped, and whether this call skipped it (false: an earlier call did).
type SkipOutcome struct {
	Subscription store.Subscription
	Skipped      time.Time
	Changed      bool
}

// SkipNextRenewal skips the customer's active subscription's next renewal, the one
// due on the day (UTC) of due: it is never charged, and the subscription renews next
// one cycle later. Naming the renewal makes it idempotent: when that renewal is the
// last one skipped, nothing changes and the outcome says so, so a repeated call never
// skips two. A paused subscription (RefusalSubscriptionPaused: nothing renews to
// skip), a canceled one, one whose due renewal is being charged
// (RefusalRenewalUnderWay) and a date that is not its next renewal
// (RefusalRenewalNotNext, with the next one) are refused, changing nothing.
func (s *Service) SkipNextRenewal(ctx context.Context, customerID, id string, due time.Time) (SkipOutcome, error) {
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	for try := 0; ; try++ {
		u, err := s.subscription(ctx, customerID, id)
		if err != nil {
			return SkipOutcome{Subscription: u}, err
		}
		switch u.State {
		case store.SubscriptionCanceled:
			return SkipOutcome{Subscription: u}, refuse(RefusalSubscriptionCanceled, RefusalParams{QuoteID: u.ID})
		case store.SubscriptionPaused:
			return SkipOutcome{Subscription: u}, refuse(RefusalSubscriptionPaused, RefusalParams{QuoteID: u.ID})
		}
		if u.OpenCycle >= 0 {
			return SkipOutcome{Subscription: u}, refuse(RefusalRenewalUnderWay, RefusalParams{QuoteID: u.ID})
		}
		if day(due) != day(u.NextDueAt) {
			if u.NextCycle > 0 {
				cycles, err := s.cfg.Store.Cycles(ctx, u.ID)
				if err != nil {
					return SkipOutcome{Subscription: u}, err
				}
				if n := len(cycles); n > 0 && cycles[n-1].FailureCode == store.CycleSkippedByPerson && day(cycles[n-1].DueAt) == day(due) {
					return SkipOutcome{Subscription: u, Skipped: cycles[n-1].DueAt}, nil // an earlier call skipped it
				}
			}
			return SkipOutcome{Subscription: u}, refuse(RefusalRenewalNotNext, RefusalParams{QuoteID: u.ID, NextRenewal: u.NextDueAt.UTC().Format(time.RFC3339)})
		}
		b, cycle := Terms(u), nextRenewalCycle(u)
		err = s.cfg.Store.SkipCycle(ctx, u.ID, cycle, u.NextDueAt, b.Due(u.Anchor, cycle+1))
		if errors.Is(err, store.ErrStateChanged) && try < 3 {
			continue // a renewal, pause or cancel landed meanwhile: read it again
		}
		if err != nil {
			return SkipOutcome{}, err
		}
		skipped := u.NextDueAt
		u, err = s.cfg.Store.Subscription(ctx, customerID, id)
		return SkipOutcome{Subscription: u, Skipped: skipped, Changed: true}, err
	}
}

// SkippedRenewals are the due dates of the renewals the person skipped
// (SkipNextRenewal) right before the active subscription u's next renewal, oldest
// first: those skipped since the last renewal charged or tried, which the next
// renewal shown comes after. A paused or canceled subscription has none (it renews
// nothing), nor do cycles stepped over by a resume after a pause.
func SkippedRenewals(u store.Subscription) []time.Time {
	if u.State != store.SubscriptionActive || len(u.Skipped) == 0 {
		return nil
	}
	next := u.OpenCycle
	if next < 0 {
		next = nextRenewalCycle(u)
	}
	var out []time.Time
	for i := len(u.Skipped) - 1; i >= 0 && u.Skipped[i].Cycle == next-1; i-- {
		out = append(out, u.Skipped[i].DueAt)
		next--
	}
	slices.Reverse(out)
	return out
}

// nextRenewalCycle is the cycle of active subscription u due at its next renewal
// (NextDueAt, with no renewal open): its next cycle, or one after it that a resume
// stepped to.
func nextRenewalCycle(u store.Subscription) int {
	b, cycle := Terms(u), u.NextCycle
	for i := 0; i < maxSkip && b.Due(u.Anchor, cycle).Before(u.NextDueAt); i++ {
		cycle++
	}
	return cycle
}

// changed reads back the subscription a pause or cancel changed.
func (s *Service) changed(ctx context.Context, customerID, id string, under *store.RenewalUnderWay, err error) (SubscriptionChange, error) {
	if err != nil {
		return SubscriptionChange{}, err
	}
	u, err := s.cfg.Store.Subscription(ctx, customerID, id)
	return SubscriptionChange{Subscription: u, UnderWay: under}, err
}

// unchanged is the change of a pause or cancel that found u already so, with the
// renewal still under way, if any.
func (s *Service) unchanged(ctx context.Context, u store.Subscription) (SubscriptionChange, error) {
	under, err := s.cfg.Store.RenewalUnderWay(ctx, u.CustomerID, u.ID)
	return SubscriptionChange{Subscription: u, UnderWay: under}, err
}

// otherMode refuses to charge subscription u when it was made in another mode than
// the server runs in: a sandbox or test subscription is never charged by a live
// server, nor the other way round.
func (s *Service) otherMode(u store.Subscription) *Refusal {
	if u.Mode == string(s.cfg.Mode) {
		return nil
	}
	return refuse(RefusalOtherMode, RefusalParams{QuoteID: u.ID, Mode: Mode(u.Mode), ServerMode: s.cfg.Mode})
}

// OtherMode says why this server does not renew subscription u, or nil when it does
// (u was made in the mode the server runs in).
func (s *Service) OtherMode(u store.Subscription) *Refusal { return s.otherMode(u) }

// ResumeSubscription resumes the customer's paused subscription. One paused for a
// price increase needs the person's confirmation of the new price first: it comes
// back StatusConfirmationRequired with a quote (confirm with ConfirmSubscription or,
// via elicitation, ConfirmSealedSubscription). Otherwise it is active again at once:
// one the person paused renews at its next due date after now (cycles due while
// paused are skipped), one paused by a failed renewal tries that cycle again now.
func (s *Service) ResumeSubscription(ctx context.Context, customerID, id, via string) (SubscriptionOutcome, error) {
	u, err := s.subscription(ctx, customerID, id)
	if err != nil {
		return SubscriptionOutcome{}, err
	}
	switch u.State {
	case store.SubscriptionActive:
		return SubscriptionOutcome{Status: StatusCompleted, Subscription: u}, nil
	case store.SubscriptionCanceled:
		return SubscriptionOutcome{}, refuse(RefusalSubscriptionCanceled, RefusalParams{QuoteID: u.ID})
	}
	if ref := s.otherMode(u); ref != nil {
		return SubscriptionOutcome{}, ref
	}
	now := s.now()
	if pr := PauseRefusal(u); pr != nil && pr.Code == RefusalPriceChanged {
		if via != ViaElicitation {
			via = ViaQuoteID
		}
		u.QuoteID, u.ConfirmVia, u.ExpiresAt = store.NewID("qs_"), via, now.Add(s.cfg.QuoteTTL)
		if err := s.cfg.Store.UpdateSubscription(ctx, &u, store.SubscriptionPaused); errors.Is(err, store.ErrStateChanged) {
			return s.subscriptionNow(ctx, customerID, id)
		} else if err != nil {
			return SubscriptionOutcome{}, err
		}
		return SubscriptionOutcome{Status: StatusConfirmationRequired, Subscription: u}, nil
	}
	if u.PauseCode == PausedByPerson {
		if u.NextDueAt.Before(now) {
			u.NextDueAt = s.firstDueAfter(u, now)
		}
	} else if due := Terms(u).Due(u.Anchor, u.NextCycle); u.OpenCycle < 0 && due.After(now) {
		// The failed cycle was paid after all (its seller showed the order late):
		// the next one is charged on its own date, not now.
		u.NextDueAt = due
	} else {
		u.NextDueAt = now
	}
	u.State, u.PauseCode, u.PauseParams, u.QuoteID, u.ExpiresAt = store.SubscriptionActive, "", "{}", "", time.Time{}
	if err := s.cfg.Store.UpdateSubscription(ctx, &u, store.SubscriptionPaused); errors.Is(err, store.ErrStateChanged) {
		return s.subscriptionNow(ctx, customerID, id)
	} else if err != nil {
		return SubscriptionOutcome{}, err
	}
	out := SubscriptionOutcome{Status: StatusCompleted, Subscription: u}
	if !u.NextDueAt.After(now) {
		if r, err := s.renew(ctx, u); err == nil {
			out.First = &r
		}
		if fresh, err := s.cfg.Store.Subscription(ctx, customerID, u.ID); err == nil {
			out.Subscription = fresh
		}
	}
	return out, nil
}

// firstDueAfter is the due date of u's first cycle from its next one that is after t
// (an open cycle, whose purchase had started when u was paused, keeps its place).
func (s *Service) firstDueAfter(u store.Subscription, t time.Time) time.Time {
	if u.OpenCycle >= 0 {
		return t
	}
	return dueAfter(u, u.NextCycle, t)
}

// dueAfter is the due date of u's first cycle from cycle n on that is after t.
func dueAfter(u store.Subscription, n int, t time.Time) time.Time {
	b := Terms(u)
	for i := 0; i < maxSkip && !b.Due(u.Anchor, n).After(t); i++ {
		n++
	}
	return b.Due(u.Anchor, n)
}
