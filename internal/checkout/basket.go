package checkout

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// CheckoutRequest is one checkout call: buy the customer's cart. CustomerID comes from
// the server's notion of the current customer, never from the model.
type CheckoutRequest struct {
	CustomerID string
	// QuoteID confirms an earlier quote of a checkout (ViaQuoteID).
	QuoteID        string
	IdempotencyKey string // the caller's; retries with it return the first outcome
	ConfirmVia     string // how a quote made by this call will be confirmed
	AddressID      string // the delivery address; empty means the default one
	// FulfillmentOption is the id of the fulfillment option to use with every seller
	// that offers it; the others, and all when it is empty, use their cheapest.
	FulfillmentOption string
}

// CheckoutStatus is how a checkout call ended, when it was not refused as a whole.
type CheckoutStatus string

// Checkout statuses.
const (
	CheckoutCompleted            CheckoutStatus = "completed"             // every seller order completed
	CheckoutPartial              CheckoutStatus = "partial"               // some completed (or pending), some refused
	CheckoutNothingBought        CheckoutStatus = "refused"               // every seller order was refused
	CheckoutConfirmationRequired CheckoutStatus = "confirmation_required" // one quote for the whole basket
	CheckoutPending              CheckoutStatus = "pending"               // a seller order's outcome is not known yet
)

// CheckoutOutcome is what a checkout call ended with: the checkout and, for each
// seller, its order. A refusal of the whole basket (an empty cart, the daily limit, a
// declined quote, …) is a *Refusal error instead; its KeptUnder names the key of the
// checkout it is recorded with, if any (none when the refusal came before one was
// begun: the key, the address, an empty cart, a conflict).
type CheckoutOutcome struct {
	Status   CheckoutStatus
	Checkout store.Checkout
	Orders   []SellerOrder
	// NotIncluded, for a call that found another call's checkout of the cart being
	// paid (Checkout is that one), are the lines of the cart that checkout is not
	// buying: added (or more of a product) since it was quoted. They stay in the cart,
	// bought by nothing, for a checkout once that one has ended.
	NotIncluded []CartItem
}

// SellerOrder is one seller's part of a checkout: its purchase (lines, delivery,
// totals; its TokenID must never be shown), and either its order (completed or
// pending), or why it was refused. A line that could not even be offered to its
// seller (gone from the catalog, out of stock, outside the allowed categories) is a
// SellerOrder of its own, refused, without a session.
type SellerOrder struct {
	Status   OutcomeStatus // completed, pending, confirmation_required, or "" when refused
	Purchase store.Purchase
	Order    *store.Order
	Refusal  *Refusal
}

// Checkout buys the customer's cart: one ACP checkout session and one Shared Payment
// Token per seller, the spending rules applied to the whole basket (the per-order
// limit to each seller order, the daily limit to their sum, atomically), one
// confirmation for everything. Racing calls on the same cart, and retries with the
// same IdempotencyKey or QuoteID, get the first call's outcome and never charge twice.
// Bought lines leave the cart; refused ones stay.
func (s *Service) Checkout(ctx context.Context, r CheckoutRequest) (CheckoutOutcome, error) {
	if r.QuoteID != "" {
		return s.ConfirmCheckout(ctx, r.CustomerID, r.QuoteID, ViaQuoteID)
	}
	key, err := callerKey(r.IdempotencyKey)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	// A key already recorded returns its first outcome whatever the address is now
	// (removed since): the checks below are for a new checkout only.
	if r.IdempotencyKey != "" {
		c, err := s.cfg.Store.CheckoutByKey(ctx, r.CustomerID, key)
		if err == nil {
			return s.replayCheckout(ctx, c, r)
		}
		if !errors.Is(err, store.ErrNotFound) {
			return CheckoutOutcome{}, err
		}
	}
	addr, err := s.address(ctx, r.CustomerID, r.AddressID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	c := store.Checkout{CustomerID: r.CustomerID, IdemKey: key, Mode: string(s.cfg.Mode), FulfillmentOptionID: text.Shorten(r.FulfillmentOption, 80)}
	if addr != nil {
		c.AddressID = addr.ID
	}
	c, cart, created, err := s.cfg.Store.BeginCheckout(ctx, c)
	var bought *store.CartBoughtError
	switch {
	case errors.As(err, &bought):
		return CheckoutOutcome{}, refuse(RefusalCartBought, RefusalParams{CheckoutID: bought.CheckoutID})
	case errors.Is(err, store.ErrCartEmpty):
		return CheckoutOutcome{}, refuse(RefusalCartEmpty, RefusalParams{})
	case err != nil:
		return CheckoutOutcome{}, err
	case !created && c.IdemKey == key: // recorded by a call racing this one since the look-up above
		return s.replayCheckout(ctx, c, r)
	case !created && len(cart.Lines) > 0:
		// Another call's checkout, being paid, of the cart as it was: this call buys
		// nothing (a second checkout of the cart now could buy its lines twice) and
		// answers at once with that checkout as it stands and the lines it leaves.
		return s.joinedPaying(ctx, c, cart.Lines)
	case !created: // another call's checkout of the same cart
		return s.settleCheckout(ctx, c)
	}
	// A quote superseded by this checkout: its sessions are of no more use. (For a
	// stale open checkout refused as interrupted this finds none: its sessions were
	// never recorded.)
	s.endSessions(ctx, c.Replaced)
	via := r.ConfirmVia
	if via != ViaElicitation {
		via = ViaQuoteID
	}
	// While its sellers are quoted the checkout is open: refreshed, so that its hold on
	// the cart outlasts OpenCheckoutTTL while this call lives, and only then.
	stop := s.keepFresh(ctx, "checkout", func(ctx context.Context) error { return s.cfg.Store.TouchCheckout(ctx, c.ID) })
	out, err := s.quoteCheckout(ctx, &c, cart, addr, via)
	stop()
	return s.checkoutOutcome(ctx, c, out, err)
}

// joinedPaying is the outcome of paying checkout c for a call that found it holding
// the cart, with rest, the cart's lines c is not buying.
func (s *Service) joinedPaying(ctx context.Context, c store.Checkout, rest []store.CartLine) (CheckoutOutcome, error) {
	out, err := s.endCheckout(ctx, &c, store.CheckoutPaying)
	if err != nil {
		return out, err
	}
	for _, l := range rest {
		item, err := s.cartItem(ctx, l)
		if err != nil {
			return CheckoutOutcome{}, err
		}
		out.NotIncluded = append(out.NotIncluded, item)
	}
	return out, nil
}

// replayCheckout answers checkout call r with the outcome of c, the checkout already
// recorded under r's idempotency key, unless r names another address than c delivers
// to, or another fulfillment option than c asked for (RefusalCheckoutConflict). Both
// are compared with what c recorded (the address named, or the default one at the
// time; the option asked for, none included), never with the addresses now; a call
// that names none asks for no particular one and gets c's outcome.
func (s *Service) replayCheckout(ctx context.Context, c store.Checkout, r CheckoutRequest) (CheckoutOutcome, error) {
	switch {
	case r.AddressID != "" && r.AddressID != c.AddressID:
		return CheckoutOutcome{}, refuse(RefusalCheckoutConflict, RefusalParams{AddressID: c.AddressID, AskedAddressID: callerText(r.AddressID)})
	case r.FulfillmentOption != "" && text.Shorten(r.FulfillmentOption, 80) != c.FulfillmentOptionID:
		return CheckoutOutcome{}, refuse(RefusalCheckoutConflict, RefusalParams{FulfillmentID: c.FulfillmentOptionID,
			AskedFulfillmentID: callerText(r.FulfillmentOption)})
	}
	return s.settleCheckout(ctx, c)
}

// checkoutOutcome replaces a lost race with the outcome of the call that won it.
func (s *Service) checkoutOutcome(ctx context.Context, c store.Checkout, out CheckoutOutcome, err error) (CheckoutOutcome, error) {
	var lost lostRace
	if !errors.As(err, &lost) {
		return out, err
	}
	c, err = s.cfg.Store.CheckoutByID(context.WithoutCancel(ctx), c.ID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	return s.settleCheckout(ctx, c)
}

// refuseCheckout ends checkout c as refused with ref (from state from), failing its
// unfinished purchases ps, and returns ref.
func (s *Service) refuseCheckout(ctx context.Context, c *store.Checkout, from store.CheckoutState, ps []*store.Purchase, pfrom store.PurchaseState, ref *Refusal) error {
	ctx = context.WithoutCancel(ctx)
	for _, p := range ps {
		pref := *ref
		if err := s.fail(ctx, p, pfrom, &pref); errors.As(err, new(lostRace)) {
			return err
		}
	}
	c.State, c.FailureCode, c.FailureParams = store.CheckoutRefused, string(ref.Code), ref.Params.encode()
	if from == store.CheckoutQuoted && (ref.Code == RefusalDeclinedByPerson || ref.Code == RefusalQuoteExpired) {
		c.State = store.CheckoutCanceled
	}
	switch err := s.cfg.Store.AdvanceCheckout(ctx, c, from); {
	case errors.Is(err, store.ErrStateChanged):
		return lostRace{c.ID}
	case err != nil:
		return err
	}
	return ref.kept(c.IdemKey)
}

// basketLine is a cart line with its product.
type basketLine struct {
	line    store.CartLine
	product catalog.Product
}

// quoteCheckout opens one session per seller for the new checkout c, applies the
// rules, and pays or leaves the basket quoted for the person to confirm.
func (s *Service) quoteCheckout(ctx context.Context, c *store.Checkout, cart store.Cart, addr *store.Address, via string) (CheckoutOutcome, error) {
	// Until the sellers are asked, an error with the caller gone (the reads and writes
	// below end with its context) ends the checkout as interrupted at once.
	early := func(err error) (CheckoutOutcome, error) {
		if ctx.Err() == nil || errors.As(err, new(lostRace)) {
			return CheckoutOutcome{}, err
		}
		return CheckoutOutcome{}, s.interruptCheckout(ctx, c)
	}
	rules, err := s.cfg.Store.Rules(ctx, c.CustomerID)
	if err != nil {
		return early(err)
	}
	pm, err := s.payingCard(ctx, c.CustomerID)
	var ref *Refusal
	if errors.As(err, &ref) {
		return CheckoutOutcome{}, s.refuseCheckout(ctx, c, store.CheckoutOpen, nil, "", ref)
	}
	if err != nil {
		return early(err)
	}
	// Group the lines by seller, setting aside those that cannot be offered, and
	// begin the seller orders one after the other, in the order of the cart.
	var (
		sellers []string
		groups  = map[string][]basketLine{}
	)
	for _, l := range cart.Lines {
		product, err := s.cfg.Catalog.Product(ctx, l.ProductID)
		var ref *Refusal
		switch {
		case errors.Is(err, catalog.ErrNotFound):
			ref = refuse(RefusalUnknownProduct, RefusalParams{ProductID: l.ProductID})
		case err != nil:
			return early(err)
		case !product.Purchasable():
			ref = notInStock(&product)
		case product.Billing != nil: // it became a subscription after it was put in the cart
			ref = refuse(RefusalSubscriptionProduct, RefusalParams{ProductID: product.ID, Title: product.Title})
		case !rules.AllowsCategory(product.Category):
			ref = refuse(RefusalCategoryNotAllowed, RefusalParams{Category: product.Category})
		case !l.Choices.Empty() || product.AsksChoices():
			// The line's choices, checked when it was added, are checked again: the
			// product's options may have changed since (a size no longer offered).
			if _, err := choose(&product, choiceMap(l.Choices), l.Choices.Personalization); err != nil {
				ref, _ = err.(*Refusal)
			}
		}
		if ref != nil {
			if err := s.refuseLine(ctx, c, l, product, ref); err != nil {
				return early(err)
			}
			continue
		}
		if _, ok := groups[l.SellerID]; !ok {
			sellers = append(sellers, l.SellerID)
		}
		groups[l.SellerID] = append(groups[l.SellerID], basketLine{l, product})
	}
	ps := make([]*store.Purchase, len(sellers))
	for i, sellerID := range sellers {
		p, err := s.beginSellerOrder(ctx, c, sellerID, groups[sellerID])
		if err != nil {
			return early(err)
		}
		ps[i] = p
	}
	// Quote every seller at once.
	errs := make([]error, len(sellers))
	var wg sync.WaitGroup
	for i, sellerID := range sellers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.quoteSellerOrder(ctx, ps[i], groups[sellerID], addr, pm, rules, c.FulfillmentOptionID)
		}()
	}
	wg.Wait()
	// A checkout ended meanwhile (its cart emptied, or taken over): the sessions this
	// call opened are of no more use, whether or not they were recorded.
	lost := func() (CheckoutOutcome, error) {
		s.cancelSessions(ctx, ps)
		return CheckoutOutcome{}, lostRace{c.ID}
	}
	if ctx.Err() != nil {
		// The caller went away while the sellers quoted. Nothing is approved, so nothing
		// can have been charged: every seller order ends interrupted now (its session
		// canceled) rather than at recovery, and the checkout with them.
		bg := context.WithoutCancel(ctx)
		for _, p := range ps {
			if p.State != store.PurchaseOpen {
				continue
			}
			if err := s.fail(bg, p, store.PurchaseOpen, refuse(RefusalInterrupted, RefusalParams{})); errors.As(err, new(lostRace)) {
				return lost()
			}
		}
		return s.endCheckout(bg, c, store.CheckoutOpen)
	}
	var ok []*store.Purchase
	for i, err := range errs {
		var ref *Refusal
		switch {
		case err == nil:
			ok = append(ok, ps[i])
		case errors.As(err, &ref):
		case errors.As(err, new(lostRace)): // the checkout was ended meanwhile (its cart emptied)
			return lost()
		default:
			// An internal error: the seller order ends, recorded, and the rest goes on.
			s.cfg.Log.ErrorContext(ctx, "quote seller order", "checkout", c.ID, "err", err)
			if ps[i] != nil && ps[i].State == store.PurchaseOpen {
				ref := refuse(RefusalSellerUnavailable, RefusalParams{Seller: ps[i].SellerName})
				if err := s.fail(ctx, ps[i], store.PurchaseOpen, ref); errors.As(err, new(lostRace)) {
					return lost()
				}
			}
		}
	}
	if len(ok) == 0 {
		return s.endCheckout(ctx, c, store.CheckoutOpen)
	}
	for _, p := range ok {
		c.Total += p.Total
		c.Currency = p.Currency
	}
	// A delivery option asked for that a seller does not offer gives way to that
	// seller's cheapest, which the person has not chosen: they confirm it first,
	// whatever the total.
	if rules.NeedsConfirmation(c.Total) || OptionSubstituted(c.FulfillmentOptionID, ok) {
		if err := s.overRolling(ctx, rules, store.Purchase{CustomerID: c.CustomerID, Currency: c.Currency, Total: c.Total}); err != nil {
			var ref *Refusal
			if errors.As(err, &ref) {
				if err = s.refuseCheckout(ctx, c, store.CheckoutOpen, ok, store.PurchaseOpen, ref); errors.As(err, new(lostRace)) {
					return lost()
				}
			}
			return CheckoutOutcome{}, err
		}
		c.QuoteID, c.ConfirmVia, c.ExpiresAt = store.NewID("qt_"), via, s.now().Add(s.cfg.QuoteTTL)
		switch err := s.cfg.Store.QuoteCheckout(ctx, c, ok); {
		case errors.Is(err, store.ErrStateChanged):
			return lost()
		case err != nil:
			return CheckoutOutcome{}, err
		}
		return s.outcomeOfCheckout(ctx, *c)
	}
	return s.payCheckout(ctx, c, store.CheckoutOpen, ok, store.PurchaseOpen, rules)
}

// interruptCheckout ends open checkout c, whose caller went away before its sellers
// were asked: refused as interrupted (nothing approved, so nothing charged; the lines
// stay in the cart), with the seller orders recorded so far, as recovery would end it
// later.
func (s *Service) interruptCheckout(ctx context.Context, c *store.Checkout) error {
	ctx = context.WithoutCancel(ctx)
	all, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return err
	}
	var open []*store.Purchase
	for i := range all {
		if all[i].State == store.PurchaseOpen {
			open = append(open, &all[i])
		}
	}
	return s.refuseCheckout(ctx, c, store.CheckoutOpen, open, store.PurchaseOpen, refuse(RefusalInterrupted, RefusalParams{}))
}

// refuseLine records a cart line that cannot be offered to its seller as a refused
// purchase of its own, so that the checkout's outcome names it.
func (s *Service) refuseLine(ctx context.Context, c *store.Checkout, l store.CartLine, product catalog.Product, ref *Refusal) error {
	p, created, err := s.cfg.Store.BeginPurchase(ctx, store.Purchase{
		CustomerID: c.CustomerID, IdemKey: c.ID + "/" + l.SellerID + "/" + l.ProductID + lineKeySuffix(l.Choices), Mode: c.Mode,
		ProductID: l.ProductID, SellerID: l.SellerID, Quantity: l.Quantity, CheckoutID: c.ID,
	})
	if errors.Is(err, store.ErrStateChanged) { // the checkout was ended meanwhile (its cart emptied)
		return lostRace{c.ID}
	}
	if err != nil || !created {
		return err
	}
	p.Title, p.SellerName, p.Brand, p.Category = product.Title, product.SellerName, product.Brand, product.Category
	p.Lines = []store.Line{{ProductID: l.ProductID, Title: product.Title, Condition: product.Condition(), Quantity: l.Quantity, UnitAmount: product.Price.Amount,
		Amount: product.Price.Amount * int64(l.Quantity), Choices: l.Choices}}
	p.Currency = product.Price.Currency
	ref.record(&p, store.PurchaseFailed)
	err = s.cfg.Store.Advance(ctx, &p, "refused", string(ref.Code), store.PurchaseOpen)
	if errors.Is(err, store.ErrStateChanged) { // ended meanwhile with its checkout (the cart was emptied)
		return lostRace{c.ID}
	}
	return err
}

// beginSellerOrder records the purchase of one seller's lines of checkout c.
func (s *Service) beginSellerOrder(ctx context.Context, c *store.Checkout, sellerID string, lines []basketLine) (*store.Purchase, error) {
	first := lines[0].product
	// The lines as the catalog prices them, until the seller quotes them.
	asked := make([]store.Line, len(lines))
	for i, l := range lines {
		asked[i] = store.Line{ProductID: l.product.ID, Title: l.product.Title, Condition: l.product.Condition(), Quantity: l.line.Quantity,
			UnitAmount: l.product.Price.Amount, Amount: l.product.Price.Amount * int64(l.line.Quantity), Choices: l.line.Choices}
	}
	// With the seller's name, the first title and the currency, also until the seller
	// quotes: a checkout interrupted before that still names what it was buying.
	p, created, err := s.cfg.Store.BeginPurchase(ctx, store.Purchase{
		CustomerID: c.CustomerID, IdemKey: c.ID + "/" + sellerID, Mode: c.Mode, Currency: first.Price.Currency,
		ProductID: first.ID, SellerID: sellerID, Quantity: lines[0].line.Quantity, CheckoutID: c.ID, AddressID: c.AddressID,
		Lines: asked, SellerName: first.SellerName, Title: first.Title, Brand: first.Brand, Category: first.Category,
	})
	if errors.Is(err, store.ErrStateChanged) { // the checkout was ended meanwhile (its cart emptied): no seller is asked
		return nil, lostRace{c.ID}
	}
	if err != nil {
		return nil, err
	}
	if !created {
		return nil, lostRace{p.ID}
	}
	return &p, nil
}

// quoteSellerOrder quotes seller order p with its seller. A refusal is recorded with
// the purchase, whose seller session is canceled.
func (s *Service) quoteSellerOrder(ctx context.Context, p *store.Purchase, lines []basketLine, addr *store.Address,
	pm store.PaymentMethod, rules store.Rules, option string) error {
	err := s.quoteSellerSteps(ctx, p, lines, addr, pm, rules, option)
	if ctx.Err() != nil {
		return err // the caller left: quoteCheckout ends the order as interrupted, not as the seller's fault
	}
	var ref *Refusal
	if errors.As(err, &ref) && p.State == store.PurchaseOpen {
		ref.record(p, store.PurchaseFailed)
		switch aerr := s.cfg.Store.Advance(ctx, p, "refused", string(ref.Code), store.PurchaseOpen); {
		case errors.Is(aerr, store.ErrStateChanged):
			return lostRace{p.ID}
		case aerr != nil:
			s.cfg.Log.ErrorContext(ctx, "record refusal", "purchase", p.ID, "err", aerr)
		}
		s.cancelSession(ctx, p)
	}
	return err
}

func (s *Service) quoteSellerSteps(ctx context.Context, p *store.Purchase, lines []basketLine, addr *store.Address,
	pm store.PaymentMethod, rules store.Rules, option string) error {
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return err
	}
	first := lines[0].product
	p.SellerName, p.Brand, p.Category, p.Title = seller.Name, first.Brand, first.Category, first.Title
	p.PaymentMethod, p.CardBrand, p.CardLast4 = pm.ID, pm.Brand, pm.Last4
	if ref := allowedBy(rules, *p); ref != nil {
		return ref
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if errors.Is(err, ErrNotPurchasable) {
		return refuse(RefusalSellerNotPurchasable, RefusalParams{Seller: seller.Name, Mode: s.cfg.Mode})
	}
	if err != nil {
		return err
	}
	want := make([]Item, len(lines))
	titles, conds := map[string]string{}, map[string]string{}
	var estimate int64
	for i, l := range lines {
		want[i] = Item{ProductID: l.product.ID, Quantity: l.line.Quantity, Choices: l.line.Choices}
		titles[l.product.ID], conds[l.product.ID] = l.product.Title, l.product.Condition()
		if l.product.Price.Amount > 0 && int64(l.line.Quantity) > (MaxTotal-estimate)/l.product.Price.Amount {
			return tooLarge(l.line.Quantity, l.product.Title, l.product.Price.Amount, l.product.Price.Currency)
		}
		estimate += l.product.Price.Amount * int64(l.line.Quantity)
	}
	// An option this seller does not offer gives way to its cheapest.
	r := OpenRequest{Lines: want, Currency: first.Price.Currency, Address: addr, Option: option}
	if err := s.quoteSeller(ctx, p, co, r, titles, "/open", false); err != nil {
		return err
	}
	noteConditions(p, conds)
	switch {
	case p.Total == 0:
		return refuse(RefusalNoTotal, RefusalParams{Seller: seller.Name, Currency: p.Currency, Quantity: p.Quantity, Title: p.Title})
	case p.Total > MaxTotal:
		return tooLarge(p.Quantity, p.Title, p.UnitAmount, p.Currency)
	}
	if ref := checkRules(rules, *p); ref != nil {
		return ref
	}
	return nil
}

// OptionSubstituted reports whether any of the seller orders ps delivers other than by
// asked, the fulfillment option a checkout asked for ("" asks for none): its seller
// does not offer it, so its cheapest option was taken instead.
func OptionSubstituted(asked string, ps []*store.Purchase) bool {
	if asked == "" {
		return false
	}
	for _, p := range ps {
		if p.Fulfillment == nil || p.Fulfillment.ID != asked {
			return true
		}
	}
	return false
}

// payCheckout approves checkout c (in state from) with its purchases ps (in state
// pfrom) against the daily limit, atomically, then pays every seller order at once.
func (s *Service) payCheckout(ctx context.Context, c *store.Checkout, from store.CheckoutState, ps []*store.Purchase,
	pfrom store.PurchaseState, rules store.Rules) (CheckoutOutcome, error) {
	for _, p := range ps {
		p.TokenExpiresAt = s.now().Add(s.cfg.TokenTTL).Truncate(time.Second)
	}
	// Not approved and ended by another call meanwhile. From open, that call ended
	// it before approval (its cart emptied, or taken over: only this call approves an
	// open checkout), so the sessions of ps are of no more use. From quoted, it may be
	// a racing confirmation of the same quote that won, paying those very sessions.
	unapproved := func(err error) (CheckoutOutcome, error) {
		if from == store.CheckoutOpen && errors.As(err, new(lostRace)) {
			s.cancelSessions(ctx, ps)
		}
		return CheckoutOutcome{}, err
	}
	err := s.cfg.Store.ApproveCheckout(ctx, c, from, ps, pfrom, rules.Limits()...)
	var lim *store.LimitError
	switch {
	case errors.Is(err, store.ErrStateChanged):
		return unapproved(lostRace{c.ID})
	case errors.As(err, &lim):
		return unapproved(s.refuseCheckout(ctx, c, from, ps, pfrom, limitRefusal(lim)))
	case errors.Is(err, store.ErrCardRemoved) && len(ps) > 0: // every seller order pays with one card
		return unapproved(s.refuseCheckout(ctx, c, from, ps, pfrom, cardRemovedRefusal(*ps[0])))
	case err != nil:
		return CheckoutOutcome{}, err
	}
	if err := s.fault("approved"); err != nil {
		return CheckoutOutcome{}, err
	}
	ctx, done := s.paying(ctx) // approved: every seller order is paid to its end, caller or not
	defer done()
	errs := make([]error, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.charge(ctx, p, from == store.CheckoutQuoted)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		var (
			ref  *Refusal
			lost lostRace
			cr   crash
		)
		switch {
		case err == nil, errors.As(err, &ref), errors.As(err, &lost):
		case errors.As(err, &cr):
			return CheckoutOutcome{}, err
		default:
			// Left as it is (pending): recovery or a later call settles it.
			s.cfg.Log.ErrorContext(ctx, "pay seller order", "purchase", ps[i].ID, "err", err)
		}
	}
	return s.endCheckout(ctx, c, store.CheckoutPaying)
}

// endCheckout marks checkout c (in state from) done once every seller order is
// settled, and returns its outcome.
func (s *Service) endCheckout(ctx context.Context, c *store.Checkout, from store.CheckoutState) (CheckoutOutcome, error) {
	caller := ctx // waits for another call's payment only as long as the caller does
	ctx = context.WithoutCancel(ctx)
	ps, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	for _, p := range ps {
		if !store.Terminal(p.State) {
			// A seller order still under way. When another call moved the checkout on
			// meanwhile (a racing confirmation of its quote approved it, and pays it),
			// answer what that call will, once it has: not the state this call read.
			cur, err := s.cfg.Store.CheckoutByID(ctx, c.ID)
			if err != nil {
				return CheckoutOutcome{}, err
			}
			if *c = cur; cur.State != from {
				return s.settleCheckout(caller, cur)
			}
			return s.outcomeOfCheckout(ctx, cur)
		}
	}
	c.State = store.CheckoutDone
	switch err := s.cfg.Store.AdvanceCheckout(ctx, c, from); {
	case errors.Is(err, store.ErrStateChanged):
		// Ended meanwhile by another call (or its cart emptied): answer what is recorded,
		// as a retry of its key would, not what this call holds in memory.
		if *c, err = s.cfg.Store.CheckoutByID(ctx, c.ID); err != nil {
			return CheckoutOutcome{}, err
		}
		return s.settleCheckout(ctx, *c)
	case err != nil:
		return CheckoutOutcome{}, err
	}
	return s.outcomeOfCheckout(ctx, *c)
}

// ConfirmCheckout confirms the customer's checkout quote and pays for it. via must
// match how the quote was offered. Confirming again returns the first outcome.
func (s *Service) ConfirmCheckout(ctx context.Context, customerID, quoteID, via string) (CheckoutOutcome, error) {
	c, err := s.cfg.Store.CheckoutByQuote(ctx, customerID, quoteID)
	if errors.Is(err, store.ErrNotFound) {
		return CheckoutOutcome{}, s.unknownQuote(ctx, customerID, quoteID)
	}
	if err != nil {
		return CheckoutOutcome{}, err
	}
	if c.ConfirmVia != via {
		return CheckoutOutcome{}, refuse(RefusalConfirmationMismatch, RefusalParams{})
	}
	out, err := s.confirmCheckout(ctx, &c)
	return s.checkoutOutcome(ctx, c, out, err)
}

func (s *Service) confirmCheckout(ctx context.Context, c *store.Checkout) (CheckoutOutcome, error) {
	if c.State != store.CheckoutQuoted {
		return s.settleCheckout(ctx, *c)
	}
	all, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	var quoted []*store.Purchase
	for i := range all {
		if all[i].State == store.PurchaseQuoted {
			quoted = append(quoted, &all[i])
		}
	}
	if !s.now().Before(c.ExpiresAt) {
		ref := refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
		return CheckoutOutcome{}, s.refuseCheckout(ctx, c, store.CheckoutQuoted, quoted, store.PurchaseQuoted, ref)
	}
	rules, err := s.cfg.Store.Rules(ctx, c.CustomerID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	// The operator may have changed the rules since the quote: each seller order is
	// checked again, and one outside them is refused alone.
	var ok []*store.Purchase
	for _, p := range quoted {
		ref := checkRules(rules, *p)
		if ref == nil {
			if ref, err = s.staleQuote(ctx, *p); err != nil {
				return CheckoutOutcome{}, err
			}
		}
		if ref != nil {
			if err := s.fail(ctx, p, store.PurchaseQuoted, ref); errors.As(err, new(lostRace)) {
				return CheckoutOutcome{}, err
			}
			continue
		}
		ok = append(ok, p)
	}
	if len(ok) == 0 {
		return s.endCheckout(ctx, c, store.CheckoutQuoted)
	}
	return s.payCheckout(ctx, c, store.CheckoutQuoted, ok, store.PurchaseQuoted, rules)
}

// DeclineCheckout cancels the customer's quoted checkout: the person said no.
func (s *Service) declineCheckout(ctx context.Context, c store.Checkout) (CheckoutOutcome, error) {
	all, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	var quoted []*store.Purchase
	for i := range all {
		if all[i].State == store.PurchaseQuoted {
			quoted = append(quoted, &all[i])
		}
	}
	err = s.refuseCheckout(ctx, &c, store.CheckoutQuoted, quoted, store.PurchaseQuoted, refuse(RefusalDeclinedByPerson, RefusalParams{}))
	return s.checkoutOutcome(ctx, c, CheckoutOutcome{}, err)
}

// settleCheckout waits (bounded) until another call has finished checkout c and
// returns the outcome that call had.
func (s *Service) settleCheckout(ctx context.Context, c store.Checkout) (CheckoutOutcome, error) {
	wait := 5 * time.Millisecond
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for {
		settled := c.State != store.CheckoutOpen && c.State != store.CheckoutPaying
		if c.State == store.CheckoutPaying {
			out, err := s.endCheckout(ctx, &c, store.CheckoutPaying)
			if err != nil || out.Status != CheckoutPending || Mode(c.Mode) != s.cfg.Mode {
				// A checkout of another mode is paid and settled only by a server of
				// that mode: this one has nothing to wait for, and says so at once
				// (the checkout's Mode), as pending.
				return out, err
			}
		}
		if settled {
			return s.outcomeOfCheckout(ctx, c)
		}
		select {
		case <-ctx.Done():
			return CheckoutOutcome{}, ctx.Err()
		case <-deadline.C:
			return s.outcomeOfCheckout(ctx, c)
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
		var err error
		if c, err = s.cfg.Store.CheckoutByID(ctx, c.ID); err != nil {
			return CheckoutOutcome{}, err
		}
	}
}

// outcomeOfCheckout turns a stored checkout into the result its first call returned.
func (s *Service) outcomeOfCheckout(ctx context.Context, c store.Checkout) (CheckoutOutcome, error) {
	switch c.State {
	case store.CheckoutRefused, store.CheckoutCanceled:
		return CheckoutOutcome{}, RecordedRefusal(c.FailureCode, c.FailureParams, "", "").kept(c.IdemKey)
	}
	ps, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return CheckoutOutcome{}, err
	}
	out := CheckoutOutcome{Checkout: c}
	var completed, refused, pending int
	for _, p := range ps {
		so := SellerOrder{Purchase: p}
		if p.OrderID != "" {
			o, err := s.cfg.Store.Order(ctx, p.CustomerID, p.OrderID)
			if err != nil {
				return CheckoutOutcome{}, err
			}
			so.Order = &o
		}
		switch p.State {
		case store.PurchaseCompleted:
			so.Status = StatusCompleted
			completed++
		case store.PurchaseFailed, store.PurchaseCanceled, store.PurchaseChargedNoOrder:
			// A charged_no_order seller order placed nothing either: its refusal
			// (RefusalChargedNoOrder) says what Stripe shows charged.
			so.Refusal = RecordedRefusal(p.FailureCode, p.FailureParams, p.FailureMessage, p.OrderID).kept(p.IdemKey)
			refused++
		case store.PurchaseQuoted:
			so.Status = StatusConfirmationRequired
		default:
			so.Status = StatusPending
			pending++
		}
		out.Orders = append(out.Orders, so)
	}
	switch {
	case c.State == store.CheckoutQuoted:
		out.Status = CheckoutConfirmationRequired
	case c.State != store.CheckoutDone || pending > 0:
		// Open (its call is still quoting, or died doing so: Recover ends it) or
		// paying: not over, whatever its seller orders show so far.
		out.Status = CheckoutPending
	case refused == 0:
		out.Status = CheckoutCompleted
	case completed == 0:
		out.Status = CheckoutNothingBought
	default:
		out.Status = CheckoutPartial
	}
	return out, nil
}
