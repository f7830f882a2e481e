package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// quote opens the seller's checkout session for the new purchase p, checks the rules
// and either pays at once or leaves p quoted for the person to confirm.
func (s *Service) quote(ctx context.Context, p store.Purchase, product catalog.Product, q quoting, addressID, option string) (Outcome, error) {
	o, err := s.quoteSteps(ctx, &p, product, q, addressID, option)
	if err != nil && ctx.Err() != nil && p.State == store.PurchaseOpen && !errors.As(err, new(crash)) {
		// The caller went away before the purchase was approved, so nothing can have
		// been charged: it ends interrupted now (its session canceled), as a checkout
		// does, rather than at recovery, and not as the seller's fault.
		return Outcome{}, s.fail(context.WithoutCancel(ctx), &p, store.PurchaseOpen, refuse(RefusalInterrupted, RefusalParams{}))
	}
	return o, s.recordRefusal(ctx, &p, err)
}

// recordRefusal ends the open purchase p with err when err is a refusal, and cancels
// its seller session; it returns err, or lostRace when another call ended p first. A
// refusal whose record cannot be written (tried twice, advanceRefused) is an internal
// error instead: p stays open (recovery ends it interrupted), so its key would not
// return the refusal.
func (s *Service) recordRefusal(ctx context.Context, p *store.Purchase, err error) error {
	var ref *Refusal
	if errors.As(err, &ref) && p.State == store.PurchaseOpen {
		ref.record(p, store.PurchaseFailed)
		aerr := s.advanceRefused(ctx, p, "refused", string(ref.Code), store.PurchaseOpen)
		s.cancelSession(ctx, p)
		switch {
		case errors.Is(aerr, store.ErrStateChanged):
			return lostRace{p.ID}
		case aerr != nil:
			return fmt.Errorf("record refusal %s of purchase %s: %w", ref.Code, p.ID, aerr)
		}
		ref.kept(p.IdemKey)
	}
	return err
}

// advanceRefused records purchase p's refusal or cancellation (store.Advance), trying
// once more when the write fails for another reason than a change of state (a busy or
// briefly failing store): an unwritten refusal leaves p as it was.
func (s *Service) advanceRefused(ctx context.Context, p *store.Purchase, step, detail string, from ...store.PurchaseState) error {
	err := s.cfg.Store.Advance(ctx, p, step, detail, from...)
	if err != nil && !errors.Is(err, store.ErrStateChanged) {
		s.cfg.Log.WarnContext(ctx, "record refusal: trying once more", "purchase", p.ID, "err", err)
		err = s.cfg.Store.Advance(ctx, p, step, detail, from...)
	}
	return err
}

// quoting is how a purchase's quote is offered: via (ViaQuoteID or ViaElicitation)
// when the total needs the person's confirmation, and whether to ask (by quote_id)
// even when it does not (Request.ConfirmFirst).
type quoting struct {
	via   string
	first bool
}

func (s *Service) quoteSteps(ctx context.Context, p *store.Purchase, product catalog.Product, q quoting, addressID, option string) (Outcome, error) {
	rules, err := s.prepare(ctx, p, product, addressID, option)
	if err != nil {
		return Outcome{}, err
	}
	via := q.via
	if needs := rules.NeedsConfirmation(p.Total); needs || q.first {
		if !needs {
			via = ViaQuoteID
		}
		// Do not ask the person to confirm what the daily or monthly limit would refuse.
		if err := s.overRolling(ctx, rules, *p); err != nil {
			return Outcome{}, err
		}
		p.State, p.QuoteID, p.ConfirmVia = store.PurchaseQuoted, store.NewID("qt_"), via
		p.ExpiresAt = s.now().Add(s.cfg.QuoteTTL)
		if err := s.cfg.Store.Advance(ctx, p, "quoted", via, store.PurchaseOpen); errors.Is(err, store.ErrStateChanged) {
			return Outcome{}, lostRace{p.ID}
		} else if err != nil {
			return Outcome{}, err
		}
		return Outcome{Status: StatusConfirmationRequired, Purchase: *p}, nil
	}
	return s.pay(ctx, p, store.PurchaseOpen, rules)
}

// prepare does what every purchase of product by p's customer needs before it is
// confirmed or paid: the seller and the customer's rules allow it, it is in stock, the
// customer has a payment method, and the seller's checkout session (opened for
// addressID, or the default address, and fulfillment option) quotes a total the
// per-order rules allow; p is filled with that quote. It returns the rules.
func (s *Service) prepare(ctx context.Context, p *store.Purchase, product catalog.Product, addressID, option string) (store.Rules, error) {
	seller, err := s.cfg.Catalog.Seller(ctx, product.SellerID)
	if err != nil {
		return store.Rules{}, err
	}
	p.SellerName, p.Brand, p.Category = seller.Name, product.Brand, product.Category
	rules, err := s.cfg.Store.Rules(ctx, p.CustomerID)
	if err != nil {
		return store.Rules{}, err
	}
	if ref := allowedBy(rules, *p); ref != nil {
		return store.Rules{}, ref
	}
	if !product.Purchasable() {
		return store.Rules{}, notInStock(&product)
	}
	if product.Price.Amount > 0 && int64(p.Quantity) > MaxTotal/product.Price.Amount {
		return store.Rules{}, tooLarge(p.Quantity, product.Title, product.Price.Amount, product.Price.Currency)
	}
	pm, err := s.payingCard(ctx, p.CustomerID)
	if err != nil {
		return store.Rules{}, err
	}
	p.PaymentMethod, p.CardBrand, p.CardLast4 = pm.ID, pm.Brand, pm.Last4
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if errors.Is(err, ErrNotPurchasable) {
		return store.Rules{}, refuse(RefusalSellerNotPurchasable, RefusalParams{Seller: seller.Name, Mode: s.cfg.Mode})
	}
	if err != nil {
		return store.Rules{}, err
	}
	addr, err := s.address(ctx, p.CustomerID, addressID)
	if err != nil {
		return store.Rules{}, err
	}
	if addr != nil {
		p.AddressID = addr.ID
	}
	want := []Item{{ProductID: product.ID, Quantity: p.Quantity, Choices: p.Choices}}
	r := OpenRequest{Lines: want, Currency: product.Price.Currency, Address: addr, Option: option}
	if err := s.quoteSeller(ctx, p, co, r, map[string]string{product.ID: product.Title}, "/open", true); err != nil {
		return store.Rules{}, err
	}
	noteConditions(p, map[string]string{product.ID: product.Condition()})
	switch {
	case p.Total == 0:
		return store.Rules{}, refuse(RefusalNoTotal, RefusalParams{Seller: seller.Name, Currency: p.Currency, Quantity: p.Quantity, Title: p.Title})
	case p.Total > MaxTotal:
		return store.Rules{}, tooLarge(p.Quantity, p.Title, p.UnitAmount, p.Currency)
	}
	if ref := checkRules(rules, *p); ref != nil {
		return store.Rules{}, ref
	}
	return rules, nil
}

// MaxTotal is the largest total, in minor units, that one purchase can pay: Stripe's
// largest amount for a payment (eight digits).
const MaxTotal = 99_999_999

func tooLarge(qty int, title string, unit int64, currency string) *Refusal {
	return refuse(RefusalTotalTooLarge, RefusalParams{Quantity: qty, Title: title, UnitAmount: unit, Limit: MaxTotal, Currency: currency})
}

// address is the customer's address id, or their default address when id is empty
// (nil when they have none).
func (s *Service) address(ctx context.Context, customerID, id string) (*store.Address, error) {
	if id != "" {
		a, err := s.cfg.Store.Address(ctx, customerID, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, refuse(RefusalUnknownAddress, RefusalParams{AddressID: callerText(id)})
		}
		return &a, err
	}
	a, err := s.cfg.Store.DefaultAddress(ctx, customerID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// quoteSeller opens the seller's checkout session for r, the lines of purchase p, and
// fills p with the seller's authoritative lines, delivery and totals. titles are the
// catalog's titles by product id, for lines the seller leaves unnamed. step ends the
// idempotency key ("/open", "/reopen"). With strict, a fulfillment option the seller
// does not offer is a refusal; otherwise the seller's cheapest is used. A session the
// seller will not take payment for is a refusal.
func (s *Service) quoteSeller(ctx context.Context, p *store.Purchase, co SellerCheckout, r OpenRequest,
	titles map[string]string, step string, strict bool) error {
	sess, err := retry(ctx, s, func() (Session, error) { return co.Open(ctx, r, p.ID+step) })
	if err != nil {
		return s.sellerRefusal(ctx, p.SellerName, err)
	}
	p.SessionID = sess.ID
	option := r.Option
	if !strict && !offers(sess.Options, option) {
		option = ""
	}
	if ref := sessionRefusal(p.SellerName, sess, r.Lines, titles, option); ref != nil {
		return ref
	}
	fillFromSession(p, sess, titles)
	if ref := keepChoices(p, r.Lines); ref != nil {
		return ref
	}
	return nil
}

// sessionRefusal says why the seller's session sess, opened for want, cannot be paid
// as it is; nil when it can.
func sessionRefusal(seller string, sess Session, want []Item, titles map[string]string, option string) *Refusal {
	for _, pr := range sess.Problems {
		if strings.HasPrefix(pr.Param, "$.fulfillment_details") {
			if pr.Code == ProblemMissing {
				return refuse(RefusalNoAddress, RefusalParams{Seller: seller})
			}
			return refuse(RefusalAddressRejected, RefusalParams{Seller: seller, SellerMessage: sellerMessage(pr.Message)})
		}
	}
	if sess.has(ProblemOutOfStock) || sess.has(ProblemQuantityExceeded) || sess.Status != StatusReadyForPayment {
		return problemRefusal(seller, lineTitle(sess, want, titles), sess)
	}
	if option != "" && sess.Selected != option {
		ref := refuse(RefusalUnknownFulfillment, RefusalParams{Seller: seller, FulfillmentID: callerText(option)})
		ids := make([]string, len(sess.Options))
		for i, o := range sess.Options {
			ids[i] = text.Clean(o.ID, 80)
		}
		ref.Params.Offered = strings.Join(ids, ", ")
		return ref
	}
	// Per product: a product asked for in several lines (other choices each) is
	// compared in all.
	got, wanted, asked := map[string]int{}, map[string]int{}, 0
	for _, l := range sess.Lines {
		got[l.ProductID] += l.Quantity
	}
	for _, w := range want {
		asked += w.Quantity
		wanted[w.ProductID] += w.Quantity
	}
	for _, w := range want {
		if got[w.ProductID] != wanted[w.ProductID] {
			return refuse(RefusalSellerMismatch, RefusalParams{Seller: seller, Quantity: got[w.ProductID], Title: titles[w.ProductID], AskedQuantity: wanted[w.ProductID]})
		}
	}
	if sess.Quantity != asked {
		return refuse(RefusalSellerMismatch, RefusalParams{Seller: seller, Quantity: sess.Quantity, Title: titles[want[0].ProductID], AskedQuantity: asked})
	}
	return nil
}

// lineTitle is the title of the first line a stock problem of sess is about (ACP's
// param $.line_items[i]), or of the first line.
func lineTitle(sess Session, want []Item, titles map[string]string) string {
	for _, pr := range sess.Problems {
		var i int
		if _, err := fmt.Sscanf(pr.Param, "$.line_items[%d]", &i); err == nil && (pr.Code == ProblemOutOfStock || pr.Code == ProblemQuantityExceeded) {
			if i >= 0 && i < len(sess.Lines) {
				if t := titles[sess.Lines[i].ProductID]; t != "" {
					return t
				}
				return text.Clean(sess.Lines[i].Title, lineTitleMax)
			}
		}
	}
	if len(want) > 0 {
		return titles[want[0].ProductID]
	}
	return ""
}

// noteConditions sets the condition of p's lines whose products the catalog lists as
// not new (conds by product id, catalog.Product.Condition; "" for new): the seller's
// lines do not say it, and an order must not read as new what was bought used.
func noteConditions(p *store.Purchase, conds map[string]string) {
	for i := range p.Lines {
		p.Lines[i].Condition = conds[p.Lines[i].ProductID]
	}
}

// lineTitleMax bounds the seller's name for an item as a purchase records it: as long
// as the catalog's longest title (catalog.MaxTitleLen characters of up to 4 bytes), so
// an order keeps the end of a long title, where what tells a variant from its siblings
// is said ("… - Size 10, Wide - Black/Pink"); what shows it cuts it in its middle.
const lineTitleMax = 4 * catalog.MaxTitleLen

// fillFromSession copies the seller's authoritative lines, delivery and totals into
// p. The caller has checked that the seller quoted the quantities asked for.
func fillFromSession(p *store.Purchase, sess Session, titles map[string]string) {
	p.Lines = p.Lines[:0]
	for _, l := range sess.Lines {
		l.Title = text.Clean(l.Title, lineTitleMax)
		if l.Title == "" {
			l.Title = titles[l.ProductID]
		}
		p.Lines = append(p.Lines, l)
	}
	p.Title = text.Clean(sess.Title, lineTitleMax)
	if len(p.Lines) > 0 {
		p.Title, p.ProductID, p.Quantity = p.Lines[0].Title, p.Lines[0].ProductID, p.Lines[0].Quantity
	}
	if p.Title == "" {
		p.Title = titles[p.ProductID]
	}
	p.Currency, p.UnitAmount = strings.ToUpper(sess.Currency), sess.UnitAmount
	p.Subtotal, p.Tax, p.Shipping, p.Total = sess.Subtotal, sess.Tax, sess.Shipping, sess.Total
	p.Fulfillment = nil
	if len(sess.Options) > 0 {
		f := &store.Fulfillment{}
		for _, o := range sess.Options {
			o.Title = text.Clean(o.Title, 120)
			o.ID = text.Clean(o.ID, 80)
			f.Options = append(f.Options, o)
			if o.ID == sess.Selected {
				f.FulfillmentOption = o
			}
		}
		p.Fulfillment = f
	}
}

// allowedBy checks the customer's allowed sellers and categories.
func allowedBy(r store.Rules, p store.Purchase) *Refusal {
	switch {
	case !r.AllowsSeller(p.SellerID):
		return refuse(RefusalSellerNotAllowed, RefusalParams{Seller: p.SellerName})
	case !r.AllowsCategory(p.Category):
		return refuse(RefusalCategoryNotAllowed, RefusalParams{Category: p.Category})
	}
	return nil
}

// checkRules applies the per-order rules to a quoted purchase; they are checked again
// when a quote is confirmed, since the operator may have changed them meanwhile. The
// daily limit is checked later, atomically with the approval.
func checkRules(r store.Rules, p store.Purchase) *Refusal {
	if ref := allowedBy(r, p); ref != nil {
		return ref
	}
	switch {
	case r.Currency != p.Currency:
		return refuse(RefusalCurrencyNotAllowed, RefusalParams{Currency: p.Currency, RulesCurrency: r.Currency})
	case r.OverPerOrder(p.Total):
		return refuse(RefusalOverOrderLimit, RefusalParams{Amount: p.Total, Limit: r.PerOrderMax, Currency: r.Currency})
	}
	return nil
}

// overRolling refuses p when the customer's rolling daily or monthly limit has no
// room for it now: a purchase is not put to the person for confirmation when a limit
// would refuse it once confirmed. (Approve checks both again, atomically.)
func (s *Service) overRolling(ctx context.Context, r store.Rules, p store.Purchase) error {
	if r.DailyMax != store.NoLimit {
		spent, err := s.cfg.Store.Spent(ctx, p.CustomerID, p.Currency, dailyWindow)
		if err != nil {
			return err
		}
		if r.OverDaily(spent, p.Total) {
			return dailyRefusal(p.Total, r.DailyMax, spent, p.Currency)
		}
	}
	if r.MonthlyMax != store.NoLimit {
		spent, err := s.cfg.Store.Spent(ctx, p.CustomerID, p.Currency, store.MonthlyWindow)
		if err != nil {
			return err
		}
		if r.OverMonthly(spent, p.Total) {
			return refuse(RefusalOverMonthlyLimit, RefusalParams{Amount: p.Total, Limit: r.MonthlyMax, Spent: spent, Currency: p.Currency})
		}
	}
	return nil
}

func dailyRefusal(amount, max, spent int64, currency string) *Refusal {
	return refuse(RefusalOverDailyLimit, RefusalParams{Amount: amount, Limit: max, Spent: spent, Currency: currency})
}

// limitRefusal explains a rolling limit that Approve found broken.
func limitRefusal(lim *store.LimitError) *Refusal {
	if lim.Window == store.MonthlyWindow {
		return refuse(RefusalOverMonthlyLimit, RefusalParams{Amount: lim.Amount, Limit: lim.Max, Spent: lim.Spent, Currency: lim.Currency})
	}
	return dailyRefusal(lim.Amount, lim.Max, lim.Spent, lim.Currency)
}

// problemRefusal explains a session the seller will not take payment for.
func problemRefusal(seller, title string, sess Session) *Refusal {
	for _, p := range sess.Problems {
		if p.Code == ProblemOutOfStock || p.Code == ProblemQuantityExceeded {
			return refuse(RefusalOutOfStock, RefusalParams{Seller: seller, Title: title, SellerMessage: sellerMessage(p.Message)})
		}
	}
	ref := refuse(RefusalSellerNotReady, RefusalParams{Seller: seller})
	if len(sess.Problems) > 0 {
		ref.Params.SellerMessage = sellerMessage(sess.Problems[0].Message)
	}
	return ref
}

// sellerRefusal explains a failed call to a seller's checkout.
func (s *Service) sellerRefusal(ctx context.Context, seller string, err error) error {
	switch {
	case errors.Is(err, ErrMisconfigured):
		s.cfg.Log.ErrorContext(ctx, "seller refused this server's credentials", "seller", seller, "err", err)
		return refuse(RefusalSellerMisconfigured, RefusalParams{Seller: seller})
	case errors.Is(err, ErrRejected):
		s.cfg.Log.WarnContext(ctx, "seller rejected checkout", "seller", seller, "err", err)
		return refuse(RefusalSellerRejected, RefusalParams{Seller: seller})
	case errors.Is(err, ErrUnavailable):
		s.cfg.Log.WarnContext(ctx, "seller unavailable", "seller", seller, "err", err)
		return refuse(RefusalSellerUnavailable, RefusalParams{Seller: seller})
	}
	return err
}

// DefaultSessionCancelWait is Config.SessionCancelWait's default.
const DefaultSessionCancelWait = 3 * time.Second

// cancelSession cancels p's seller session, best effort: within
// Config.SessionCancelWait, whether or not the caller is still there, idempotently
// (the same key for the same session), a failure logged as a warning with ids only
// (the seller's words are not logged) and whether the wait ran out.
func (s *Service) cancelSession(ctx context.Context, p *store.Purchase) {
	if p.SessionID == "" || Mode(p.Mode) != s.cfg.Mode {
		return // another mode's seller is not this server's to ask
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.SessionCancelWait)
	defer cancel()
	err := func() error {
		seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
		if err != nil {
			return err
		}
		co, err := s.cfg.Sellers.Checkout(ctx, seller)
		if err != nil {
			return err
		}
		return co.Cancel(ctx, p.SessionID, p.ID+"/cancel/"+p.SessionID)
	}()
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "seller session not canceled", "purchase", p.ID, "seller", p.SellerID,
			"timed_out", errors.Is(err, context.DeadlineExceeded))
	}
}

// cancelSessions cancels the seller sessions of ps at once (cancelSession each).
func (s *Service) cancelSessions(ctx context.Context, ps []*store.Purchase) {
	var wg sync.WaitGroup
	for _, p := range ps {
		if p == nil || p.SessionID == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.cancelSession(ctx, p)
		}()
	}
	wg.Wait()
}

// endSessions cancels the seller sessions of the seller orders of checkout id that
// ended before approval with the checkout (canceled or failed; the store's ending of a
// checkout superseded or its cart emptied cannot ask sellers), as cancelSessions does.
func (s *Service) endSessions(ctx context.Context, id string) {
	if id == "" {
		return
	}
	ctx = context.WithoutCancel(ctx)
	all, err := s.cfg.Store.CheckoutPurchases(ctx, id)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "seller sessions of an ended checkout not canceled", "checkout", id, "err", err)
		return
	}
	var ended []*store.Purchase
	for i := range all {
		if all[i].State == store.PurchaseCanceled || (all[i].State == store.PurchaseFailed && all[i].OrderID == "") {
			ended = append(ended, &all[i])
		}
	}
	s.cancelSessions(ctx, ended)
}

// refreshSession makes sure that the seller still holds the checkout session of the
// confirmed quote p, ready for payment at the quoted total. A seller that no longer
// has it (the sandbox sellers keep sessions in memory, so a server restarted between
// quote and confirmation has lost them) or let it lapse is asked for a new session for
// the same line, and the purchase goes on only if that costs what was quoted. When the
// seller cannot say, the purchase goes on with the session it has: completing it will
// tell. A refusal fails p, which is approved.
func (s *Service) refreshSession(ctx context.Context, p *store.Purchase, co SellerCheckout) error {
	sess, err := co.Get(ctx, p.SessionID)
	switch {
	case err == nil && sess.Status == StatusReadyForPayment:
		return s.checkRequote(ctx, p, sess)
	case err != nil && !errors.Is(err, ErrRejected):
		return nil
	}
	want, titles := linesOf(p)
	var addr *store.Address
	if p.AddressID != "" {
		a, err := s.cfg.Store.Address(ctx, p.CustomerID, p.AddressID)
		if err != nil {
			return s.fail(ctx, p, store.PurchaseApproved, refuse(RefusalUnknownAddress, RefusalParams{}))
		}
		addr = &a
	}
	option := ""
	if p.Fulfillment != nil {
		option = p.Fulfillment.ID
	}
	sess, err = retry(ctx, s, func() (Session, error) {
		return co.Open(ctx, OpenRequest{Lines: want, Currency: p.Currency, Address: addr, Option: option}, p.ID+"/reopen")
	})
	if err != nil {
		ref := &Refusal{}
		if !errors.As(s.sellerRefusal(ctx, p.SellerName, err), &ref) {
			ref = refuse(RefusalSellerUnavailable, RefusalParams{Seller: p.SellerName, Step: StepReopen})
		}
		return s.fail(ctx, p, store.PurchaseApproved, ref)
	}
	p.SessionID = sess.ID // so that a refusal cancels the new session
	if jerr := s.cfg.Store.Journal(ctx, p.ID, "session_reopened", ""); jerr != nil {
		s.cfg.Log.ErrorContext(ctx, "journal reopened session", "purchase", p.ID, "err", jerr)
	}
	if ref := sessionRefusal(p.SellerName, sess, want, titles, option); ref != nil {
		return s.fail(ctx, p, store.PurchaseApproved, ref)
	}
	return s.checkRequote(ctx, p, sess)
}

// checkRequote fails p unless sess, its seller's current session, asks what p's quote
// said.
func (s *Service) checkRequote(ctx context.Context, p *store.Purchase, sess Session) error {
	want, _ := linesOf(p)
	units := 0
	for _, l := range want {
		units += l.Quantity
	}
	if sess.Total == p.Total && strings.EqualFold(sess.Currency, p.Currency) && (sess.Quantity == 0 || sess.Quantity == units) {
		return nil
	}
	return s.fail(ctx, p, store.PurchaseApproved, refuse(RefusalPriceChanged, RefusalParams{Seller: p.SellerName,
		Amount: sess.Total, Currency: strings.ToUpper(sess.Currency), QuotedAmount: p.Total, QuotedCurrency: p.Currency}))
}

// linesOf is what purchase p buys, and its titles by product id.
func linesOf(p *store.Purchase) ([]Item, map[string]string) {
	titles := map[string]string{p.ProductID: p.Title}
	if len(p.Lines) == 0 {
		return []Item{{ProductID: p.ProductID, Quantity: p.Quantity, Choices: p.Choices}}, titles
	}
	want := make([]Item, len(p.Lines))
	for i, l := range p.Lines {
		want[i] = Item{ProductID: l.ProductID, Quantity: l.Quantity, Choices: l.Choices}
		titles[l.ProductID] = l.Title
	}
	return want, titles
}

// payingCard is the card a purchase, checkout or renewal of the customer pays with:
// their default card, when it was put on file in the server's mode. A customer with
// no card is refused with RefusalNoPaymentMethod; a default card of another mode (a
// sandbox or test card on a live server, a live card on a test one) is never used and
// is refused with RefusalCardOtherMode, naming the card, its mode and the server's.
// Another card of the server's mode is not taken in its place: the person chose the
// default, and set_default_payment_method changes it.
func (s *Service) payingCard(ctx context.Context, customerID string) (store.PaymentMethod, error) {
	pm, err := s.cfg.Store.DefaultPaymentMethod(ctx, customerID)
	if errors.Is(err, store.ErrNotFound) {
		return store.PaymentMethod{}, refuse(RefusalNoPaymentMethod, RefusalParams{})
	}
	if err != nil {
		return store.PaymentMethod{}, err
	}
	if pm.Mode != string(s.cfg.Mode) {
		return store.PaymentMethod{}, refuse(RefusalCardOtherMode, RefusalParams{CardID: pm.CardID, CardBrand: pm.Brand, CardLast4: pm.Last4,
			Mode: Mode(pm.Mode), ServerMode: s.cfg.Mode})
	}
	return pm, nil
}
