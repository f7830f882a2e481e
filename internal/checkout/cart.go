package checkout

import (
	"context"
	"errors"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// CartView is a customer's cart as the cart tools show it: lines grouped by seller,
// in the order their first line was added, with estimated subtotals from catalog
// prices (the seller's checkout sets the real ones, with delivery and tax).
type CartView struct {
	Revision int64
	Groups   []CartGroup
	// Emptied, after UpdateCart removed the cart's last line, says what emptying the
	// cart did to a checkout of it (see ClearCart); nil otherwise.
	Emptied *store.Emptied
	// OtherModeCheckout, from ViewCart, is a checkout of the cart being paid that was
	// made in another mode than the server runs in: only a server of its mode settles
	// it, and the lines it is buying stay in the cart until then. Nil otherwise.
	OtherModeCheckout *store.Checkout
}

// CartGroup is one seller's lines of a cart. Estimated is the sum of the catalog
// prices of its available lines in Currency (the currency of its first such line;
// lines priced in another currency are left out and counted in OtherCurrency).
type CartGroup struct {
	SellerID      string
	SellerName    string
	Lines         []CartItem
	Estimated     int64
	Currency      string
	OtherCurrency int
}

// CartItem is a line of a cart. Product is the catalog's product, nil when the product
// has left the catalog. Unavailable says why the line cannot be bought now (empty when
// it can): RefusalUnknownProduct (gone from the catalog), RefusalOutOfStock (not
// purchasable now) or RefusalSellerNotPurchasable (its seller cannot be bought from in
// this mode). Unavailable lines stay in the cart, flagged.
type CartItem struct {
	store.CartLine
	Product     *catalog.Product
	Unavailable RefusalCode
}

// ViewCart returns the customer's cart, with a checkout of it being paid in another
// mode (OtherModeCheckout).
func (s *Service) ViewCart(ctx context.Context, customerID string) (CartView, error) {
	c, err := s.cfg.Store.Cart(ctx, customerID)
	if err != nil {
		return CartView{}, err
	}
	v, err := s.cartView(ctx, c)
	if err != nil || c.CheckoutID == "" {
		return v, err
	}
	h, err := s.cfg.Store.CheckoutByID(ctx, c.CheckoutID)
	if err != nil {
		return CartView{}, err
	}
	if h.State == store.CheckoutPaying && h.Mode != "" && Mode(h.Mode) != s.cfg.Mode {
		v.OtherModeCheckout = &h
	}
	return v, nil
}

// AddToCart adds quantity of product productID to the customer's cart. Only a
// product that exists and can be bought now, from a seller this server can buy from,
// can be added; the line may hold 1 to 99. Refusals: RefusalInvalid (quantity),
// RefusalUnknownProduct, RefusalOutOfStock, RefusalSellerNotPurchasable,
// RefusalCartQuantity, RefusalCartFull.
func (s *Service) AddToCart(ctx context.Context, customerID, productID string, quantity int) (CartView, error) {
	return s.AddToCartChosen(ctx, customerID, productID, quantity, nil, "")
}

// AddToCartChosen is AddToCart with the person's choices for the product (option →
// value, a personalisation), checked as purchase checks them (the choice refusals):
// the same product with other choices is another line, with the same choices (however
// spelt) the same line.
func (s *Service) AddToCartChosen(ctx context.Context, customerID, productID string, quantity int, choices map[string]string, personalization string) (CartView, error) {
	if quantity < 1 || quantity > store.MaxLineQuantity {
		return CartView{}, refuse(RefusalInvalid, RefusalParams{Field: "quantity", Min: 1, Max: store.MaxLineQuantity})
	}
	product, err := s.cfg.Catalog.Product(ctx, productID)
	if errors.Is(err, catalog.ErrNotFound) {
		return CartView{}, refuse(RefusalUnknownProduct, RefusalParams{ProductID: callerText(productID)})
	}
	if err != nil {
		return CartView{}, err
	}
	if product.Billing != nil {
		return CartView{}, refuse(RefusalSubscriptionProduct, RefusalParams{ProductID: product.ID, Title: product.Title})
	}
	chosen, err := choose(&product, choices, personalization)
	if err != nil {
		return CartView{}, err
	}
	if code := s.unavailable(ctx, &product); code != "" {
		if code == RefusalOutOfStock {
			return CartView{}, notInStock(&product)
		}
		p := RefusalParams{Title: product.Title, Mode: s.cfg.Mode}
		if code == RefusalSellerNotPurchasable { // with a seller, out_of_stock is the seller's own refusal
			p.Seller = product.SellerName
		}
		return CartView{}, refuse(code, p)
	}
	c, _, err := s.cfg.Store.ChangeCart(ctx, customerID, store.CartChange{ProductID: product.ID, SellerID: product.SellerID, Quantity: quantity, Add: true,
		Choices: chosen})
	if err != nil {
		return CartView{}, cartRefusal(err, product.ID, quantity)
	}
	return s.cartView(ctx, c)
}

// UpdateCart sets the quantity of product productID in the customer's cart; 0 removes
// the line. Refusals: RefusalInvalid (quantity outside 0–99), RefusalNotInCart.
func (s *Service) UpdateCart(ctx context.Context, customerID, productID string, quantity int) (CartView, error) {
	return s.UpdateCartLine(ctx, customerID, productID, quantity, nil, "")
}

// UpdateCartLine is UpdateCart for the line of the product with the choices asked
// (matched as purchase matches a quote's: case, spacing and numbers' spelling do not
// matter); with none asked, the product's one line. A product the cart holds in
// several lines needs its choices: RefusalCartLineAmbiguous lists them.
func (s *Service) UpdateCartLine(ctx context.Context, customerID, productID string, quantity int, choices map[string]string, personalization string) (CartView, error) {
	if quantity < 0 || quantity > store.MaxLineQuantity {
		return CartView{}, refuse(RefusalInvalid, RefusalParams{Field: "quantity", Min: 0, Max: store.MaxLineQuantity})
	}
	sellerID := ""
	if p, err := s.cfg.Catalog.Product(ctx, productID); err == nil {
		sellerID = p.SellerID
	}
	c, err := s.cfg.Store.Cart(ctx, customerID)
	if err != nil {
		return CartView{}, err
	}
	var lines []store.Choices
	for _, l := range c.Lines {
		if l.ProductID != productID {
			continue
		}
		if sellerID == "" {
			sellerID = l.SellerID // a product gone from the catalog keeps its seller
		}
		if !askedChoices(choices, personalization) || sameChoices(l.Choices, choices, personalization) {
			lines = append(lines, l.Choices)
		}
	}
	var line store.Choices
	switch {
	case len(lines) > 1:
		return CartView{}, refuse(RefusalCartLineAmbiguous, RefusalParams{ProductID: callerText(productID), ChoiceLines: &lines})
	case len(lines) == 1:
		line = lines[0]
	case askedChoices(choices, personalization):
		// Not in the cart with these choices: the store says so (not_in_cart).
		line = *askedAsChoices(choices, personalization)
	}
	c, emptied, err := s.cfg.Store.ChangeCart(ctx, customerID, store.CartChange{ProductID: productID, SellerID: sellerID, Quantity: quantity, Choices: line})
	if err != nil {
		return CartView{}, cartRefusal(err, productID, quantity)
	}
	if emptied != nil {
		s.endSessions(ctx, emptied.Ended.ID)
	}
	v, err := s.cartView(ctx, c)
	v.Emptied = emptied
	return v, err
}

// ClearCart empties the customer's cart and says how many lines it held and what that
// did to a checkout of it. The person who empties the cart no longer wants its lines:
// a checkout of it not yet approved (its sellers being quoted, or its quote awaiting
// confirmation) ends, nothing bought, and confirming its quote is refused with
// RefusalCartEmptied. A checkout already approved is being paid and goes on; its
// seller orders complete or fail as they would have.
func (s *Service) ClearCart(ctx context.Context, customerID string) (store.Emptied, error) {
	e, err := s.cfg.Store.ClearCart(ctx, customerID)
	if err == nil {
		s.endSessions(ctx, e.Ended.ID) // the ended checkout's seller sessions, canceled (bounded)
	}
	return e, err
}

// cartRefusal turns the store's refusal of a cart change into a Refusal.
func cartRefusal(err error, productID string, quantity int) error {
	var fe *store.FieldError
	switch {
	case errors.As(err, &fe) && fe.Field == "quantity":
		return refuse(RefusalCartQuantity, RefusalParams{ProductID: callerText(productID), Quantity: quantity,
			Min: int(fe.Min), Max: int(fe.Max)})
	case errors.As(err, &fe) && fe.Field == "product_id":
		return refuse(RefusalCartFull, RefusalParams{Limit: int64(fe.Max)})
	case errors.Is(err, store.ErrNotFound):
		return refuse(RefusalNotInCart, RefusalParams{ProductID: callerText(productID)})
	}
	return err
}

// unavailable says why product cannot be bought now; "" when it can.
func (s *Service) unavailable(ctx context.Context, product *catalog.Product) RefusalCode {
	if !product.Purchasable() {
		return RefusalOutOfStock
	}
	seller, err := s.cfg.Catalog.Seller(ctx, product.SellerID)
	if err != nil || !s.Purchasable(seller) {
		return RefusalSellerNotPurchasable
	}
	if product.SellerName == "" {
		product.SellerName = seller.Name
	}
	return ""
}

// cartItem is cart line l with its product, flagged when it cannot be bought now.
func (s *Service) cartItem(ctx context.Context, l store.CartLine) (CartItem, error) {
	item := CartItem{CartLine: l}
	p, err := s.cfg.Catalog.Product(ctx, l.ProductID)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		item.Unavailable = RefusalUnknownProduct
	case err != nil:
		return CartItem{}, err
	default:
		item.Product = &p
		item.Unavailable = s.unavailable(ctx, &p)
	}
	return item, nil
}

// cartView groups the cart's lines by seller and flags those that cannot be bought.
func (s *Service) cartView(ctx context.Context, c store.Cart) (CartView, error) {
	v := CartView{Revision: c.Revision}
	index := map[string]int{}
	for _, l := range c.Lines {
		item, err := s.cartItem(ctx, l)
		if err != nil {
			return CartView{}, err
		}
		i, ok := index[l.SellerID]
		if !ok {
			name := l.SellerID
			if seller, err := s.cfg.Catalog.Seller(ctx, l.SellerID); err == nil {
				name = seller.Name
			}
			i = len(v.Groups)
			index[l.SellerID] = i
			v.Groups = append(v.Groups, CartGroup{SellerID: l.SellerID, SellerName: name})
		}
		g := &v.Groups[i]
		g.Lines = append(g.Lines, item)
		if item.Unavailable != "" || item.Product == nil {
			continue
		}
		switch price := item.Product.Price; {
		case g.Currency == "":
			g.Currency = price.Currency
			fallthrough
		case g.Currency == price.Currency:
			g.Estimated += price.Amount * int64(l.Quantity)
		default:
			g.OtherCurrency++
		}
	}
	return v, nil
}
