package checkout

import (
	"context"
	"errors"
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
		if aerr := s.cfg.Store.Advance(ctx, &p, "refused", ref.Code, store.PurchaseOpen); aerr != nil {
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
	if !rules.AllowsSeller(seller.ID) {
		return Outcome{}, refuse("seller_not_allowed", "The customer's spending rules do not allow buying from %s. Only the account owner can change that (not the assistant). Nothing was charged.", seller.Name)
	}
	if !rules.AllowsCategory(product.Category) {
		return Outcome{}, refuse("category_not_allowed", "The customer's spending rules do not allow buying in %q. Only the account owner can change that (not the assistant). Nothing was charged.", product.Category)
	}
	if !product.Purchasable() {
		return Outcome{}, refuse("out_of_stock", "%s is not in stock. Nothing was charged; look for an alternative with search_products or recommend.", product.Title)
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
		return Outcome{}, refuse("seller_not_purchasable", "%s cannot be bought from through this server (no checkout is configured for it in %s mode). Nothing was charged.", seller.Name, s.cfg.Mode)
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
	fillFromSession(p, sess, product)
	if ref := checkRules(rules, *p); ref != nil {
		return Outcome{}, ref
	}
	if rules.NeedsConfirmation(p.Total) {
		p.State, p.QuoteID, p.ConfirmVia = store.PurchaseQuoted, store.NewID("qt_"), via
		p.ExpiresAt = s.now().Add(s.cfg.QuoteTTL)
		if err := s.cfg.Store.Advance(ctx, p, "quoted", via, store.PurchaseOpen); err != nil {
			return Outcome{}, err
		}
		return Outcome{Status: StatusConfirmationRequired, Purchase: *p}, nil
	}
	return s.pay(ctx, p, store.PurchaseOpen, rules)
}

// fillFromSession copies the seller's authoritative line and totals into p.
func fillFromSession(p *store.Purchase, sess Session, product catalog.Product) {
	p.Title = catalog.CleanText(sess.Title, 200)
	if p.Title == "" {
		p.Title = product.Title
	}
	p.Currency, p.UnitAmount = strings.ToUpper(sess.Currency), sess.UnitAmount
	p.Subtotal, p.Tax, p.Shipping, p.Total = sess.Subtotal, sess.Tax, sess.Shipping, sess.Total
	if sess.Quantity > 0 {
		p.Quantity = sess.Quantity
	}
}

// checkRules applies the per-order rules to a quoted purchase. The daily limit is
// checked later, atomically with the approval.
func checkRules(r store.Rules, p store.Purchase) *Refusal {
	total := money.Money{Amount: p.Total, Currency: p.Currency}
	switch {
	case r.Currency != p.Currency:
		return refuse("currency_not_allowed", "The total is in %s but the customer's spending rules are in %s, so this purchase is not allowed. Only the account owner can change that. Nothing was charged.", p.Currency, r.Currency)
	case r.OverPerOrder(p.Total):
		return refuse("over_order_limit", "The total %s is above the customer's per-order limit of %s. Try a smaller quantity or a cheaper item; only the account owner can raise the limit. Nothing was charged.", total, money.Money{Amount: r.PerOrderMax, Currency: r.Currency})
	}
	return nil
}

// problemRefusal explains a session the seller will not take payment for.
func problemRefusal(seller, title string, sess Session) *Refusal {
	for _, p := range sess.Problems {
		if p.Code == ProblemOutOfStock || p.Code == ProblemQuantityExceeded {
			return refuse("out_of_stock", "%s cannot supply %s in the quantity asked (%s). Nothing was charged; try a smaller quantity or an alternative.", seller, title, catalog.CleanText(p.Message, 200))
		}
	}
	detail := ""
	if len(sess.Problems) > 0 {
		detail = " (" + catalog.CleanText(sess.Problems[0].Message, 200) + ")"
	}
	return refuse("seller_not_ready", "%s cannot take payment for this order right now%s. Nothing was charged; try again later or choose another item.", seller, detail)
}

// sellerRefusal explains a failed call to a seller's checkout.
func (s *Service) sellerRefusal(ctx context.Context, seller string, err error) error {
	switch {
	case errors.Is(err, ErrRejected):
		s.cfg.Log.WarnContext(ctx, "seller rejected checkout", "seller", seller, "err", err)
		return refuse("seller_rejected", "%s refused the order. Nothing was charged; the item may no longer be available — try get_product or another item.", seller)
	case errors.Is(err, ErrUnavailable):
		s.cfg.Log.WarnContext(ctx, "seller unavailable", "seller", seller, "err", err)
		return refuse("seller_unavailable", "%s's checkout is not responding. Nothing was charged; try again in a few minutes.", seller)
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
