package checkout

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// quote opens the seller's checkout session for the new purchase p, checks the rules
// and either pays at once or leaves p quoted for the person to confirm.
func (s *Service) quote(ctx context.Context, p store.Purchase, product catalog.Product, via string) (Outcome, error) {
	o, err := s.quoteSteps(ctx, &p, product, via)
	var ref *Refusal
	if errors.As(err, &ref) && p.State == store.PurchaseOpen {
		p.State, p.FailureCode, p.FailureMessage = store.PurchaseFailed, ref.Code, ref.Message
		aerr := s.cfg.Store.Advance(ctx, &p, "refused", ref.Code, store.PurchaseOpen)
		switch {
		case errors.Is(aerr, store.ErrStateChanged):
			return Outcome{}, lostRace{p.ID}
		case aerr != nil:
			s.cfg.Log.ErrorContext(ctx, "record refusal", "purchase", p.ID, "err", aerr)
		}
		s.cancelSession(ctx, &p)
	}
	return o, err
}

func (s *Service) quoteSteps(ctx context.Context, p *store.Purchase, product catalog.Product, via string) (Outcome, error) {
	seller, err := s.cfg.Catalog.Seller(ctx, product.SellerID)
	if err != nil {
		return Outcome{}, err
	}
	p.SellerName, p.Brand, p.Category = seller.Name, product.Brand, product.Category
	rules, err := s.cfg.Store.Rules(ctx, p.CustomerID)
	if err != nil {
		return Outcome{}, err
	}
	if ref := allowedBy(rules, *p); ref != nil {
		return Outcome{}, ref
	}
	if !product.Purchasable() {
		return Outcome{}, refuse("out_of_stock", "%s is not in stock. Nothing was charged; look for an alternative with search_products or recommend.", Quoted(product.Title, titleCap))
	}
	if product.Price.Amount > 0 && int64(p.Quantity) > MaxTotal/product.Price.Amount {
		return Outcome{}, tooLarge(p.Quantity, product.Title, product.Price.Amount, product.Price.Currency)
	}
	pm, err := s.cfg.Store.DefaultPaymentMethod(ctx, p.CustomerID)
	if errors.Is(err, store.ErrNotFound) {
		return Outcome{}, refuse("no_payment_method", "The customer has no payment method on file. The account owner must add one (commerce-mcp customer add-payment-method). Nothing was charged.")
	}
	if err != nil {
		return Outcome{}, err
	}
	p.PaymentMethod, p.CardBrand, p.CardLast4 = pm.ID, pm.Brand, pm.Last4
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if errors.Is(err, ErrNotPurchasable) {
		return Outcome{}, refuse("seller_not_purchasable", "%s cannot be bought from through this server (no checkout is configured for it in %s mode). Nothing was charged.", Quoted(seller.Name, sellerCap), s.cfg.Mode)
	}
	if err != nil {
		return Outcome{}, err
	}
	sess, err := retry(ctx, s, func() (Session, error) {
		return co.Open(ctx, product.ID, p.Quantity, product.Price.Currency, p.ID+"/open")
	})
	if err != nil {
		return Outcome{}, s.sellerRefusal(ctx, seller.Name, err)
	}
	p.SessionID = sess.ID
	if sess.has(ProblemOutOfStock) || sess.has(ProblemQuantityExceeded) || sess.Status != StatusReadyForPayment {
		return Outcome{}, problemRefusal(seller.Name, product.Title, sess)
	}
	if sess.Quantity != p.Quantity {
		return Outcome{}, refuse("seller_mismatch", "%s quoted %d × %s instead of the %d asked for, so nothing was bought and nothing was charged. Try again, or choose another seller.", Quoted(seller.Name, sellerCap), sess.Quantity, Quoted(product.Title, titleCap), p.Quantity)
	}
	fillFromSession(p, sess, product)
	switch {
	case p.Total == 0:
		return Outcome{}, refuse("no_total", "%s quoted a total of %s for %d × %s. A payment can only be made for more than zero, so nothing was bought and nothing was charged. The listing is probably wrong: choose another item, or ask the seller.",
			Quoted(seller.Name, sellerCap), fmtMoney(0, p.Currency), p.Quantity, Quoted(p.Title, titleCap))
	case p.Total > MaxTotal:
		return Outcome{}, tooLarge(p.Quantity, p.Title, p.UnitAmount, p.Currency)
	}
	if ref := checkRules(rules, *p); ref != nil {
		return Outcome{}, ref
	}
	if rules.NeedsConfirmation(p.Total) {
		// Do not ask the person to confirm what the daily limit would refuse.
		if err := s.overDaily(ctx, rules, *p); err != nil {
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

// MaxTotal is the largest total, in minor units, that one purchase can pay: Stripe's
// largest amount for a payment (eight digits).
const MaxTotal = 99_999_999

func tooLarge(qty int, title string, unit int64, currency string) *Refusal {
	return refuse("total_too_large", "The total for %d × %s at %s each is too large to pay in one purchase (the most is %s). Nothing was charged; try a smaller quantity. If the price looks wrong, the listing probably is.",
		qty, Quoted(title, titleCap), fmtMoney(unit, currency), fmtMoney(MaxTotal, currency))
}

// fillFromSession copies the seller's authoritative line and totals into p. The caller
// has checked that the seller quoted the quantity asked for.
func fillFromSession(p *store.Purchase, sess Session, product catalog.Product) {
	p.Title = catalog.CleanText(sess.Title, 200)
	if p.Title == "" {
		p.Title = product.Title
	}
	p.Currency, p.UnitAmount = strings.ToUpper(sess.Currency), sess.UnitAmount
	p.Subtotal, p.Tax, p.Shipping, p.Total = sess.Subtotal, sess.Tax, sess.Shipping, sess.Total
}

// allowedBy checks the customer's allowed sellers and categories.
func allowedBy(r store.Rules, p store.Purchase) *Refusal {
	switch {
	case !r.AllowsSeller(p.SellerID):
		return refuse("seller_not_allowed", "The customer's spending rules do not allow buying from %s. Only the account owner can change that (not the assistant). Nothing was charged.", Quoted(p.SellerName, sellerCap))
	case !r.AllowsCategory(p.Category):
		return refuse("category_not_allowed", "The customer's spending rules do not allow buying in %s. Only the account owner can change that (not the assistant). Nothing was charged.", Quoted(p.Category, sellerCap))
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
	total := money.Money{Amount: p.Total, Currency: p.Currency}
	switch {
	case r.Currency != p.Currency:
		return refuse("currency_not_allowed", "The total is in %s but the customer's spending rules are in %s, so this purchase is not allowed. Only the account owner can change that. Nothing was charged.", p.Currency, r.Currency)
	case r.OverPerOrder(p.Total):
		return refuse("over_order_limit", "The total %s is above the customer's per-order limit of %s. Try a smaller quantity or a cheaper item; only the account owner can raise the limit. Nothing was charged.", total, money.Money{Amount: r.PerOrderMax, Currency: r.Currency})
	}
	return nil
}

// overDaily refuses p when the customer's rolling daily limit has no room for it now.
func (s *Service) overDaily(ctx context.Context, r store.Rules, p store.Purchase) error {
	if r.DailyMax == store.NoLimit {
		return nil
	}
	spent, err := s.cfg.Store.Spent(ctx, p.CustomerID, p.Currency, dailyWindow)
	if err != nil {
		return err
	}
	if r.OverDaily(spent, p.Total) {
		return dailyRefusal(p.Total, r.DailyMax, spent, p.Currency)
	}
	return nil
}

func dailyRefusal(amount, max, spent int64, currency string) *Refusal {
	return refuse("over_daily_limit", "This purchase (%s) would take the customer's spending over their limit of %s per 24 hours (%s already spent or pending). Nothing was charged; try later or a smaller amount. Only the account owner can raise the limit.",
		fmtMoney(amount, currency), fmtMoney(max, currency), fmtMoney(spent, currency))
}

// problemRefusal explains a session the seller will not take payment for.
func problemRefusal(seller, title string, sess Session) *Refusal {
	for _, p := range sess.Problems {
		if p.Code == ProblemOutOfStock || p.Code == ProblemQuantityExceeded {
			return refuse("out_of_stock", "%s cannot supply %s in the quantity asked (%s). Nothing was charged; try a smaller quantity or an alternative.", Quoted(seller, sellerCap), Quoted(title, titleCap), sellerText(p.Message))
		}
	}
	detail := ""
	if len(sess.Problems) > 0 {
		detail = " (" + sellerText(sess.Problems[0].Message) + ")"
	}
	return refuse("seller_not_ready", "%s cannot take payment for this order right now%s. Nothing was charged; try again later or choose another item.", Quoted(seller, sellerCap), detail)
}

// sptID matches a Shared Payment Token id, which a seller's message might quote.
var sptID = regexp.MustCompile(`spt_[A-Za-z0-9_]+`)

// sellerText makes a seller's message fit to show: it is untrusted, so control and
// invisible characters go, token ids are masked, and it is Quoted and capped.
func sellerText(msg string) string {
	return Quoted(sptID.ReplaceAllString(catalog.CleanText(msg, 800), "[payment token]"), 200)
}

// sellerRefusal explains a failed call to a seller's checkout.
func (s *Service) sellerRefusal(ctx context.Context, seller string, err error) error {
	switch {
	case errors.Is(err, ErrMisconfigured):
		s.cfg.Log.ErrorContext(ctx, "seller refused this server's credentials", "seller", seller, "err", err)
		return refuse("seller_misconfigured", "%s refused this server's access to its checkout (the operator must check the seller's API key and endpoint). Nothing was charged.", Quoted(seller, sellerCap))
	case errors.Is(err, ErrRejected):
		s.cfg.Log.WarnContext(ctx, "seller rejected checkout", "seller", seller, "err", err)
		return refuse("seller_rejected", "%s refused the order. Nothing was charged; the item may no longer be available — try get_product or another item.", Quoted(seller, sellerCap))
	case errors.Is(err, ErrUnavailable):
		s.cfg.Log.WarnContext(ctx, "seller unavailable", "seller", seller, "err", err)
		return refuse("seller_unavailable", "The checkout of %s is not responding. Nothing was charged; try again in a few minutes.", Quoted(seller, sellerCap))
	}
	return err
}

// cancelSession cancels p's seller session, best effort.
func (s *Service) cancelSession(ctx context.Context, p *store.Purchase) {
	if p.SessionID == "" {
		return
	}
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		return
	}
	if err := co.Cancel(ctx, p.SessionID, p.ID+"/cancel"); err != nil {
		s.cfg.Log.DebugContext(ctx, "cancel seller session", "purchase", p.ID, "err", err)
	}
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
	sess, err = retry(ctx, s, func() (Session, error) {
		return co.Open(ctx, p.ProductID, p.Quantity, p.Currency, p.ID+"/reopen")
	})
	if err != nil {
		ref := &Refusal{}
		if !errors.As(s.sellerRefusal(ctx, p.SellerName, err), &ref) {
			ref = refuse("seller_unavailable", "The checkout of %s could not take the order. Nothing was charged; try again later.", Quoted(p.SellerName, sellerCap))
		}
		return s.fail(ctx, p, store.PurchaseApproved, ref)
	}
	p.SessionID = sess.ID // so that a refusal cancels the new session
	if jerr := s.cfg.Store.Journal(ctx, p.ID, "session_reopened", ""); jerr != nil {
		s.cfg.Log.ErrorContext(ctx, "journal reopened session", "purchase", p.ID, "err", jerr)
	}
	if sess.has(ProblemOutOfStock) || sess.has(ProblemQuantityExceeded) || sess.Status != StatusReadyForPayment {
		return s.fail(ctx, p, store.PurchaseApproved, problemRefusal(p.SellerName, p.Title, sess))
	}
	return s.checkRequote(ctx, p, sess)
}

// checkRequote fails p unless sess, its seller's current session, asks what p's quote
// said.
func (s *Service) checkRequote(ctx context.Context, p *store.Purchase, sess Session) error {
	if sess.Total == p.Total && strings.EqualFold(sess.Currency, p.Currency) && (sess.Quantity == 0 || sess.Quantity == p.Quantity) {
		return nil
	}
	return s.fail(ctx, p, store.PurchaseApproved, refuse("price_changed", "%s now asks %s for this order instead of the %s quoted. Nothing was charged; call purchase with the product_id to get a new quote.",
		Quoted(p.SellerName, sellerCap), fmtMoney(sess.Total, strings.ToUpper(sess.Currency)), fmtMoney(p.Total, p.Currency)))
}
