package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// PurchaseState is where a purchase is in the saga. A purchase only moves forward; see
// migrations/0002_purchases.sql.
type PurchaseState string

// Purchase states.
const (
	PurchaseOpen        PurchaseState = "open"         // seller session being opened
	PurchaseQuoted      PurchaseState = "quoted"       // waiting for the person's confirmation
	PurchaseApproved    PurchaseState = "approved"     // rules passed and confirmed; order pending
	PurchaseTokenIssued PurchaseState = "token_issued" // SPT issued; seller checkout being completed
	PurchaseCompleted   PurchaseState = "completed"
	PurchaseFailed      PurchaseState = "failed"
	PurchaseCanceled    PurchaseState = "canceled" // quote declined or expired; nothing was charged
	// PurchaseChargedNoOrder: the seller has no completed order for the purchase, yet
	// Stripe shows its payment token charged (revoked or expired, so the amount is
	// final): the person paid and got no order. Its order is OrderChargedNoOrder, and
	// FailureParams hold what Stripe shows captured.
	PurchaseChargedNoOrder PurchaseState = "charged_no_order"
)

// Terminal reports whether a purchase in state will never change again.
func Terminal(state PurchaseState) bool {
	return state == PurchaseCompleted || state == PurchaseFailed || state == PurchaseCanceled || state == PurchaseChargedNoOrder
}

// ErrStateChanged means a purchase was not in the state a caller expected: another call
// moved it first. The caller should reload it.
var ErrStateChanged = errors.New("purchase state changed")

// LimitError is returned by Approve when the purchase would take the customer's spending
// over a rolling limit: the one over Window (DailyWindow or MonthlyWindow).
type LimitError struct {
	Spent, Max, Amount int64 // minor units; Spent already counts pending orders
	Currency           string
	Window             time.Duration
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%v limit: spent %d + %d > %d %s", e.Window, e.Spent, e.Amount, e.Max, e.Currency)
}

// Purchase is one logical attempt to buy, and its journal. Amounts are minor units of
// Currency as the seller's checkout session quoted them. TokenID is the Shared Payment
// Token: a secret that is stored here so recovery can revoke it, and never shown.
type Purchase struct {
	ID             string
	CustomerID     string
	IdemKey        string // unique per customer: the caller's key or one we mint
	QuoteID        string // set when the purchase waits for confirmation
	ConfirmVia     string // "quote_id" or "elicitation": how the quote may be confirmed
	State          PurchaseState
	Mode           string
	ProductID      string
	SellerID       string
	SellerName     string
	Title          string
	Brand          string
	Category       string
	Quantity       int
	UnitAmount     int64
	Subtotal       int64
	Tax            int64
	Shipping       int64
	Total          int64
	Currency       string
	SessionID      string
	PaymentMethod  string
	CardBrand      string
	CardLast4      string
	TokenID        string
	TokenExpiresAt time.Time
	SellerOrderID  string
	OrderID        string
	// FailureCode and FailureParams (JSON) say why a failed or canceled purchase
	// ended, as the checkout recorded it; FailureMessage is the reason in words of
	// purchases recorded before codes had parameters, empty in newer ones.
	FailureCode    string
	FailureParams  string
	FailureMessage string
	Charged        bool
	ExpiresAt      time.Time // when a quote lapses
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// CheckoutID is the checkout of a cart this purchase is one seller's order of;
	// empty for a buy-now purchase.
	CheckoutID string
	// Lines are the lines as the seller quoted them; empty until quoted. ProductID,
	// Title, Quantity and UnitAmount repeat the first one.
	Lines []Line
	// AddressID is the delivery address sent to the seller; empty when none was.
	AddressID string
	// Choices are what the person chose for a buy-now purchase's product, recorded
	// when it begins and never changed: the quote, its confirmation and the seller's
	// lines are for these. Empty for a product that asks for none, for a cart's
	// seller order (its lines carry theirs) and for purchases recorded before
	// choices were kept.
	Choices Choices
	// Fulfillment is the delivery chosen and what the seller offered; nil until quoted.
	Fulfillment *Fulfillment
	// Digital is the seller's digital delivery, given to Complete with the completed
	// checkout: Complete records it with the order (Order.Digital), not on the
	// purchase, and a purchase read back has none.
	Digital *DigitalDelivery
}

const purchaseColumns = `id, customer_id, idem_key, COALESCE(quote_id, ''), confirm_via, state, mode,
	product_id, seller_id, seller_name, title, brand, category, quantity, unit_amount, subtotal,
	tax, shipping, total, currency, session_id, payment_method, card_brand, card_last4, token_id,
	token_expires_at, seller_order_id, order_id, failure_code, failure_params, failure_message, charged,
	expires_at, created_at, updated_at, checkout_id, lines, address_id, fulfillment, choices`

func scanPurchase(row scanner) (Purchase, error) {
	var (
		p                             Purchase
		tokExp, exp, created, updated string
		lines, fulfillment, choices   string
	)
	err := row.Scan(&p.ID, &p.CustomerID, &p.IdemKey, &p.QuoteID, &p.ConfirmVia, &p.State, &p.Mode,
		&p.ProductID, &p.SellerID, &p.SellerName, &p.Title, &p.Brand, &p.Category, &p.Quantity,
		&p.UnitAmount, &p.Subtotal, &p.Tax, &p.Shipping, &p.Total, &p.Currency, &p.SessionID,
		&p.PaymentMethod, &p.CardBrand, &p.CardLast4, &p.TokenID, &tokExp, &p.SellerOrderID,
		&p.OrderID, &p.FailureCode, &p.FailureParams, &p.FailureMessage, &p.Charged, &exp, &created, &updated,
		&p.CheckoutID, &lines, &p.AddressID, &fulfillment, &choices)
	if err != nil {
		return p, err
	}
	if p.Choices, err = ParseChoices(choices); err != nil {
		return p, err
	}
	if p.Lines, p.Fulfillment, err = decodeDelivery(lines, fulfillment); err != nil {
		return p, err
	}
	return p, decodeTimes([]string{tokExp, exp, created, updated},
		&p.TokenExpiresAt, &p.ExpiresAt, &p.CreatedAt, &p.UpdatedAt)
}

// NewID returns a random identifier with the given prefix, e.g. "pur_…": the prefix
// and 16 lower-case base32 characters (80 random bits).
func NewID(prefix string) string { return prefix + strings.ToLower(rand.Text()[:16]) }

// BeginPurchase records p as a new open purchase, unless the customer already has one
// with the same IdemKey: then it returns that one and created is false. This is what
// makes a retried purchase return the first outcome instead of buying twice. A seller
// order of a checkout (p.CheckoutID set) is recorded only while that checkout is open,
// in the same transaction: one ended meanwhile (its cart emptied) is ErrStateChanged.
func (s *Store) BeginPurchase(ctx context.Context, p Purchase) (_ Purchase, created bool, err error) {
	if p.CustomerID == "" || p.IdemKey == "" || p.ProductID == "" || p.Quantity <= 0 {
		return Purchase{}, false, fmt.Errorf("%w: purchase needs a customer, key, product and quantity", ErrInvalid)
	}
	now := s.now()
	if p.ID == "" {
		p.ID = NewID("pur_")
	}
	p.State, p.CreatedAt, p.UpdatedAt = PurchaseOpen, now, now
	lines, fulfillment := encodeDelivery(p.Lines, p.Fulfillment)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if p.CheckoutID != "" {
			var state CheckoutState
			err := tx.QueryRowContext(ctx, `SELECT state FROM checkouts WHERE id = ?`, p.CheckoutID).Scan(&state)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				return fmt.Errorf("begin purchase: checkout %s: %w", p.CheckoutID, ErrNotFound)
			case err != nil:
				return fmt.Errorf("begin purchase: %w", err)
			case state != CheckoutOpen:
				return fmt.Errorf("begin purchase: checkout %s is %s: %w", p.CheckoutID, state, ErrStateChanged)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO purchases (id, customer_id, idem_key, state, mode,
			product_id, seller_id, seller_name, title, brand, category, currency, quantity, created_at, updated_at,
			checkout_id, lines, address_id, fulfillment, choices)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (customer_id, idem_key) DO NOTHING`,
			p.ID, p.CustomerID, p.IdemKey, p.State, p.Mode, p.ProductID, p.SellerID, p.SellerName, p.Title, p.Brand,
			p.Category, p.Currency, p.Quantity, encodeTime(now), encodeTime(now), p.CheckoutID, lines, p.AddressID, fulfillment,
			p.Choices.Key())
		if err != nil {
			return fmt.Errorf("begin purchase: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		created = true
		return s.appendEvent(ctx, tx, p.ID, "opened", "")
	})
	switch {
	case err != nil:
		return Purchase{}, false, err
	case !created:
		existing, err := s.PurchaseByKey(ctx, p.CustomerID, p.IdemKey)
		return existing, false, err
	}
	return p, true, nil
}

// Purchase returns the purchase with id.
func (s *Store) Purchase(ctx context.Context, id string) (Purchase, error) {
	return s.purchaseWhere(ctx, `id = ?`, id)
}

// PurchaseByKey returns the customer's purchase recorded under idempotency key key;
// another customer's is ErrNotFound.
func (s *Store) PurchaseByKey(ctx context.Context, customerID, key string) (Purchase, error) {
	return s.purchaseWhere(ctx, `customer_id = ? AND idem_key = ?`, customerID, key)
}

// PurchaseByQuote returns the customer's purchase with quoteID; another customer's quote
// is ErrNotFound.
func (s *Store) PurchaseByQuote(ctx context.Context, customerID, quoteID string) (Purchase, error) {
	return s.purchaseWhere(ctx, `quote_id = ? AND customer_id = ?`, quoteID, customerID)
}

func (s *Store) purchaseWhere(ctx context.Context, where string, args ...any) (Purchase, error) {
	p, err := scanPurchase(s.db.QueryRowContext(ctx, `SELECT `+purchaseColumns+` FROM purchases WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Purchase{}, fmt.Errorf("purchase: %w", ErrNotFound)
	}
	if err != nil {
		return Purchase{}, fmt.Errorf("purchase: %w", err)
	}
	return p, nil
}

// Advance saves p (every mutable field) and moves it to p.State, but only if it is
// still in one of the states from; otherwise it returns ErrStateChanged and saves
// nothing. step and detail are appended to the purchase's journal. When the purchase
// has an order, the order follows: failed purchases fail it, and a purchase charged
// with no seller order makes it OrderChargedNoOrder (and, when it is a cart's seller
// order, takes its lines out of the cart, as Complete does).
func (s *Store) Advance(ctx context.Context, p *Purchase, step, detail string, from ...PurchaseState) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.advance(ctx, tx, p, from); err != nil {
			return err
		}
		status := OrderFailed
		if p.State == PurchaseChargedNoOrder {
			status = OrderChargedNoOrder
		}
		if p.OrderID != "" && (p.State == PurchaseFailed || p.State == PurchaseCanceled || p.State == PurchaseChargedNoOrder) {
			if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = ?, failure_code = ?, failure_params = ?, failure_reason = ?,
				updated_at = ? WHERE id = ? AND status = ?`, status, p.FailureCode, p.FailureParams, p.FailureMessage,
				encodeTime(p.UpdatedAt), p.OrderID, OrderPending); err != nil {
				return err
			}
		}
		// A cart's seller order charged with no seller order leaves the cart as a
		// bought one does: buying its lines again would charge them again.
		if p.State == PurchaseChargedNoOrder && p.CheckoutID != "" {
			if err := takeFromCart(ctx, tx, p.CustomerID, p.Lines, p.UpdatedAt); err != nil {
				return fmt.Errorf("advance purchase: %w", err)
			}
		}
		return s.appendEvent(ctx, tx, p.ID, step, detail)
	})
}

func (s *Store) advance(ctx context.Context, tx *sql.Tx, p *Purchase, from []PurchaseState) error {
	if len(from) == 0 {
		return fmt.Errorf("advance purchase: no from state")
	}
	p.UpdatedAt = s.now()
	var quote any
	if p.QuoteID != "" {
		quote = p.QuoteID
	}
	args := []any{quote, p.ConfirmVia, p.State, p.Mode, p.SellerID, p.SellerName, p.Title, p.Brand,
		p.Category, p.Quantity, p.UnitAmount, p.Subtotal, p.Tax, p.Shipping, p.Total, p.Currency,
		p.SessionID, p.PaymentMethod, p.CardBrand, p.CardLast4, p.TokenID, encodeTime(p.TokenExpiresAt),
		p.SellerOrderID, p.OrderID, p.FailureCode, p.FailureParams, p.FailureMessage, p.Charged, encodeTime(p.ExpiresAt),
		encodeTime(p.UpdatedAt)}
	lines, fulfillment := encodeDelivery(p.Lines, p.Fulfillment)
	args = append(args, lines, p.AddressID, fulfillment, p.ID)
	for _, f := range from {
		args = append(args, f)
	}
	res, err := tx.ExecContext(ctx, `UPDATE purchases SET quote_id = ?, confirm_via = ?, state = ?,
		mode = ?, seller_id = ?, seller_name = ?, title = ?, brand = ?, category = ?, quantity = ?,
		unit_amount = ?, subtotal = ?, tax = ?, shipping = ?, total = ?, currency = ?, session_id = ?,
		payment_method = ?, card_brand = ?, card_last4 = ?, token_id = ?, token_expires_at = ?,
		seller_order_id = ?, order_id = ?, failure_code = ?, failure_params = ?, failure_message = ?, charged = ?,
		expires_at = ?, updated_at = ?, lines = ?, address_id = ?, fulfillment = ? WHERE id = ? AND state IN (`+marks(len(from))+`)`, args...)
	if err != nil {
		return fmt.Errorf("advance purchase: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrStateChanged
	}
	// A pending order follows its purchase's checkout session (a confirmation may open a
	// new one), so that the seller's order events for that session find the order even
	// when they arrive before the purchase records its outcome.
	if p.OrderID != "" && p.SessionID != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET session_id = ? WHERE id = ? AND status = ? AND session_id != ?`,
			p.SessionID, p.OrderID, OrderPending, p.SessionID); err != nil {
			return fmt.Errorf("advance purchase: %w", err)
		}
	}
	return nil
}

// Approve moves p (which must be in state from) to approved and creates its pending
// order, in one transaction that checks, in this order, that p is still in state from
// (else ErrStateChanged: another call moved it first, so the limits are not its
// concern) and each rolling limit in turn: the totals of the customer's pending and
// completed orders in p.Currency over its window, plus p.Total, must not exceed its
// Max (NoLimit for none); then that p's card is still on file for its customer (else
// ErrCardRemoved). Concurrent approvals are serialised by SQLite's write lock, so two
// purchases cannot both squeeze under a limit, nor a card be removed mid-approval.
func (s *Store) Approve(ctx context.Context, p *Purchase, from PurchaseState, limits ...Limit) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.approveIn(ctx, tx, p, from, limits) })
}

func (s *Store) approveIn(ctx context.Context, tx *sql.Tx, p *Purchase, from PurchaseState, limits []Limit) error {
	now := s.now()
	var state PurchaseState
	if err := tx.QueryRowContext(ctx, `SELECT state FROM purchases WHERE id = ?`, p.ID).Scan(&state); err != nil {
		return fmt.Errorf("approve purchase: %w", err)
	}
	if state != from {
		return ErrStateChanged
	}
	if err := underLimits(ctx, tx, p.CustomerID, p.Currency, p.Total, limits, now); err != nil {
		return err
	}
	return s.approve(ctx, tx, p, from, now)
}

// ErrCardRemoved is the approvals' answer for a purchase whose card
// (Purchase.PaymentMethod) is no longer on file for its customer: nothing was approved.
var ErrCardRemoved = errors.New("the purchase's card is no longer on file")

// ErrRenewalStopped is ApproveRenewal's answer for a renewal whose subscription is no
// longer active or whose attempt is no longer the open one: nothing was approved.
var ErrRenewalStopped = errors.New("the subscription is no longer renewing this cycle")

// Renewing names the attempt of a subscription's cycle that a renewal purchase pays.
type Renewing struct {
	SubscriptionID string
	Cycle, Attempt int
}

// ErrRenewalTermsChanged is ApproveRenewal's answer for a renewal purchase whose
// choices, currency or total are not the subscription's as they are now (its choices,
// and at most its agreed price): nothing was approved.
var ErrRenewalTermsChanged = errors.New("the renewal's choices or price are not the subscription's")

// ApproveRenewal is Approve for the purchase of attempt r: in the same transaction it
// also checks that the subscription is still active and r is still its open, running
// attempt; otherwise it is ErrRenewalStopped and nothing changes. A pause or cancel
// that lands before this approval therefore stops the renewal before any token. A
// purchase whose choices are not the attempt's terms (Cycle.Terms: the subscription's
// when the attempt started), or whose total is in another currency or above their
// price, is ErrRenewalTermsChanged: a cycle is never charged for choices or at a price
// the person did not confirm.
func (s *Store) ApproveRenewal(ctx context.Context, p *Purchase, from PurchaseState, r Renewing, limits ...Limit) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var (
			choices, currency string
			amount            int64
		)
		// The attempt's own terms (migrations/0039), or the subscription's for an
		// attempt started before they were recorded (no change is confirmed while
		// such an attempt runs).
		err := tx.QueryRowContext(ctx, `SELECT CASE WHEN c.amount IS NULL THEN u.choices ELSE c.choices END,
				CASE WHEN c.amount IS NULL THEN u.currency ELSE c.currency END, COALESCE(c.amount, u.amount)
			FROM subscriptions u JOIN subscription_cycles c
			ON c.subscription_id = u.id AND c.cycle = u.open_cycle
			WHERE u.id = ? AND u.state = 'active' AND c.cycle = ? AND c.attempt = ? AND c.state = 'running'`,
			r.SubscriptionID, r.Cycle, r.Attempt).Scan(&choices, &currency, &amount)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrRenewalStopped
		}
		if err != nil {
			return fmt.Errorf("approve renewal: %w", err)
		}
		agreed, err := ParseChoices(choices)
		if err != nil {
			return fmt.Errorf("approve renewal: %w", err)
		}
		if !agreed.Equal(p.Choices) || currency != p.Currency || p.Total > amount {
			return ErrRenewalTermsChanged
		}
		return s.approveIn(ctx, tx, p, from, limits)
	})
}

// underLimits returns a *LimitError for the first of limits that amount more in
// currency would take the customer's spending over, counted up to now.
func underLimits(ctx context.Context, tx *sql.Tx, customerID, currency string, amount int64, limits []Limit, now time.Time) error {
	for _, l := range limits {
		if l.Max == NoLimit {
			continue
		}
		spent, err := spentSince(ctx, tx, customerID, currency, now.Add(-l.Window))
		if err != nil {
			return fmt.Errorf("approve purchase: %w", err)
		}
		if spent+amount > l.Max {
			return &LimitError{Spent: spent, Max: l.Max, Amount: amount, Currency: currency, Window: l.Window}
		}
	}
	return nil
}

// approve moves p from state from to approved and creates its pending order, in tx.
func (s *Store) approve(ctx context.Context, tx *sql.Tx, p *Purchase, from PurchaseState, now time.Time) error {
	// In the approving transaction, so that a card removed at any moment before it
	// is never charged; RemovePaymentMethod deletes the row, and a card being removed
	// (StartRemovingPaymentMethod: about to be detached in Stripe, or detached) counts
	// as removed already. A purchase naming no card (the saga always names one; store
	// tests need none) has none to check.
	if p.PaymentMethod != "" {
		var onFile bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM payment_methods
			WHERE customer_id = ? AND id = ? AND removing_since IS NULL)`,
			p.CustomerID, p.PaymentMethod).Scan(&onFile); err != nil {
			return fmt.Errorf("approve purchase: %w", err)
		}
		if !onFile {
			return ErrCardRemoved
		}
	}
	p.State = PurchaseApproved
	if p.OrderID == "" {
		p.OrderID = NewID("ord_")
	}
	if err := s.advance(ctx, tx, p, []PurchaseState{from}); err != nil {
		return err
	}
	lines, fulfillment := encodeDelivery(p.Lines, p.Fulfillment)
	if _, err := tx.ExecContext(ctx, `INSERT INTO orders (id, customer_id, purchase_id, status, mode,
		seller_id, seller_name, session_id, product_id, title, brand, category, quantity, unit_amount,
		subtotal, tax, shipping, total, currency, card_brand, card_last4, created_at, updated_at,
		lines, fulfillment, address_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.OrderID, p.CustomerID, p.ID, OrderPending, p.Mode, p.SellerID, p.SellerName, p.SessionID,
		p.ProductID, p.Title, p.Brand, p.Category, p.Quantity, p.UnitAmount, p.Subtotal, p.Tax,
		p.Shipping, p.Total, p.Currency, p.CardBrand, p.CardLast4, encodeTime(now), encodeTime(now),
		lines, fulfillment, p.AddressID); err != nil {
		return fmt.Errorf("approve purchase: %w", err)
	}
	return s.appendEvent(ctx, tx, p.ID, "approved", "")
}

// Spent returns the sum of the totals of the customer's pending, completed and
// charged-with-no-order (OrderChargedNoOrder) orders in currency created in the window up to now, less what sellers have refunded on
// them: what counts against the rolling daily limit. A refund counts from the moment
// it is recorded (an order refunded in full no longer counts); a refund reported
// above an order's total takes off no more than that total. Approve checks the limit
// again, atomically.
func (s *Store) Spent(ctx context.Context, customerID, currency string, window time.Duration) (int64, error) {
	spent, err := spentSince(ctx, s.db, customerID, currency, s.now().Add(-window))
	if err != nil {
		return 0, fmt.Errorf("spent: %w", err)
	}
	return spent, nil
}

// spentQuery sums what counts as spent. Its status list is the orders_spend partial
// index's (migration 0019): TestSpentReadsItsIndex holds them together.
const spentQuery = `SELECT COALESCE(SUM(total - MIN(MAX(refunded, 0), total)), 0) FROM orders
	WHERE customer_id = ? AND currency = ? AND status IN ('pending', 'completed', 'charged_no_order') AND created_at > ?`

func spentSince(ctx context.Context, q querier, customerID, currency string, since time.Time) (int64, error) {
	var spent int64
	err := q.QueryRowContext(ctx, spentQuery, customerID, currency, encodeTime(since)).Scan(&spent)
	return spent, err
}

// Complete moves p from token_issued to completed and completes its order with the
// seller's order id, in one transaction that also puts the order's lines in the sales
// outbox (PendingSales), to be counted in the sales statistics.
func (s *Store) Complete(ctx context.Context, p *Purchase) error {
	return s.complete(ctx, p, PurchaseTokenIssued, "", nil)
}

// CompleteChargedNoOrder moves p from charged_no_order to completed, as Complete does,
// when its seller shows the order after all (a seller that answered 404 for a moment).
// Its order was already counted as spent and its lines already left the cart; its
// failure (the charged_no_order words) is cleared. ErrStateChanged when p is no longer
// charged_no_order.
func (s *Store) CompleteChargedNoOrder(ctx context.Context, p *Purchase) error {
	p.FailureCode, p.FailureParams, p.FailureMessage = "", "", ""
	return s.complete(ctx, p, PurchaseChargedNoOrder, chargedNoOrderCompleted, nil)
}

const chargedNoOrderCompleted = "the seller shows the order of a purchase ended charged_no_order"

// complete moves p from from to completed; then, in the same transaction, runs also
// (when not nil).
func (s *Store) complete(ctx context.Context, p *Purchase, from PurchaseState, detail string, also func(tx *sql.Tx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		p.State, p.Charged = PurchaseCompleted, true
		if err := s.advance(ctx, tx, p, []PurchaseState{from}); err != nil {
			return err
		}
		var d DigitalDelivery
		if p.Digital != nil {
			d = DigitalDelivery{URL: cleanURL(p.Digital.URL, 2048), LicenseKey: text.Clean(p.Digital.LicenseKey, 200)}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET status = ?, seller_order_id = ?, session_id = ?,
			total = ?, updated_at = ?, delivery_url = ?, license_key = ?, failure_code = '', failure_params = '',
			failure_reason = '' WHERE id = ?`, OrderCompleted, p.SellerOrderID, p.SessionID, p.Total,
			encodeTime(p.UpdatedAt), d.URL, d.LicenseKey, p.OrderID); err != nil {
			return fmt.Errorf("complete purchase: %w", err)
		}
		// A charged_no_order purchase's lines left the cart then.
		if p.CheckoutID != "" && from != PurchaseChargedNoOrder {
			if err := takeFromCart(ctx, tx, p.CustomerID, p.Lines, p.UpdatedAt); err != nil {
				return fmt.Errorf("complete purchase: %w", err)
			}
		}
		if err := addPendingSales(ctx, tx, p, p.UpdatedAt); err != nil {
			return fmt.Errorf("complete purchase: %w", err)
		}
		if err := s.appendEvent(ctx, tx, p.ID, "completed", detail); err != nil {
			return err
		}
		if also != nil {
			return also(tx)
		}
		return nil
	})
}

// Journal steps by which a purchase failed from approved owes the revocation of a token
// its call may have been issued unjournaled (see Unfinished).
const (
	// StepTokenOwed is journaled just before a purchase is failed from approved by
	// another than its own call (a cancel, recovery): a token its call may have been
	// issued and not journaled is still to be asked for again and revoked.
	StepTokenOwed = "token_owed"
	// StepTokenSettled is journaled once that token is revoked, or known never issued
	// or no longer usable.
	StepTokenSettled = "token_settled"
)

// unfinishedQuery is Unfinished's look-up; the failed purchases that may owe a token's
// revocation are read through the purchases_token_owed partial index (store migration
// 0028), not by scanning every failed purchase.
const unfinishedQuery = `SELECT ` + purchaseColumns + ` FROM (
	SELECT * FROM purchases WHERE state IN ('open', 'approved', 'token_issued') AND updated_at <= ?
	UNION ALL
	SELECT * FROM purchases WHERE state = 'failed' AND token_id = '' AND token_expires_at > ? AND updated_at <= ? AND mode = ?
		AND EXISTS (SELECT 1 FROM purchase_events e WHERE e.purchase_id = purchases.id AND e.step = ?)
		AND NOT EXISTS (SELECT 1 FROM purchase_events e WHERE e.purchase_id = purchases.id AND e.step = ?)
	) AS purchases ORDER BY created_at`

// Unfinished returns purchases that stopped between approval and a final state: what
// recovery must settle at startup. Purchases updated after before are left alone (they
// may belong to a call still running). It also returns mode's failed purchases that
// still owe a token's revocation (StepTokenOwed journaled, no StepTokenSettled, no
// token named, and a token issued for them not yet expired) last updated by
// owedBefore, so that a cancel or recovery killed after failing one, or that could
// not reach Stripe, has it finished. owedBefore is its own bound, not before: the
// token expires within minutes of its approval, so a long before (a large
// --recover-after) would list it only once it could no longer be revoked. Another
// mode's are not listed: their Stripe is not this server's to ask, and the purchase
// itself is already settled (failed).
func (s *Store) Unfinished(ctx context.Context, before, owedBefore time.Time, mode string) ([]Purchase, error) {
	rows, err := s.db.QueryContext(ctx, unfinishedQuery, encodeTime(before), encodeTime(s.now()), encodeTime(owedBefore), mode, StepTokenOwed, StepTokenSettled)
	if err != nil {
		return nil, fmt.Errorf("unfinished purchases: %w", err)
	}
	defer rows.Close()
	var out []Purchase
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			return nil, fmt.Errorf("unfinished purchases: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// lapsedQuotesQuery and lapsedCheckoutsQuery read the purchases_quoted and
// checkouts_quoted partial indexes (migration 0027): TestLapsedQuotesReadTheirIndexes
// holds them together.
const (
	lapsedQuotesQuery = `SELECT ` + purchaseColumns + ` FROM purchases
	WHERE state = 'quoted' AND checkout_id = '' AND mode = ? AND expires_at > ? AND expires_at <= ? ORDER BY expires_at LIMIT ?`
	lapsedCheckoutsQuery = checkoutColumns + ` WHERE state = 'quoted' AND mode = ? AND expires_at > ? AND expires_at <= ? ORDER BY expires_at LIMIT ?`
)

// LapsedQuotes returns the quotes of mode still waiting for the person's confirmation
// whose expiry is in (since, before]: purchases outside a cart, and cart checkouts,
// oldest expiry first, at most limit of each. Nobody confirmed them in time, so
// nothing of theirs will be paid. Another mode's quotes are not read, so however many
// of them a server of that mode left they never take this mode's places in limit.
func (s *Store) LapsedQuotes(ctx context.Context, mode string, since, before time.Time, limit int) ([]Purchase, []Checkout, error) {
	rows, err := s.db.QueryContext(ctx, lapsedQuotesQuery, mode, encodeTime(since), encodeTime(before), limit)
	if err != nil {
		return nil, nil, fmt.Errorf("lapsed quotes: %w", err)
	}
	var ps []Purchase
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("lapsed quotes: %w", err)
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("lapsed quotes: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, lapsedCheckoutsQuery, mode, encodeTime(since), encodeTime(before), limit)
	if err != nil {
		return nil, nil, fmt.Errorf("lapsed checkout quotes: %w", err)
	}
	defer rows.Close()
	var cs []Checkout
	for rows.Next() {
		c, err := scanCheckout(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("lapsed checkout quotes: %w", err)
		}
		cs = append(cs, c)
	}
	return ps, cs, rows.Err()
}

// chargedNoOrderQuery reads the purchases_charged_no_order partial index (migration
// 0021): TestChargedNoOrderSinceReadsItsIndex holds them together.
const chargedNoOrderQuery = `SELECT ` + purchaseColumns + ` FROM purchases
	WHERE state = 'charged_no_order' AND updated_at > ? ORDER BY updated_at`

// ChargedNoOrderSince returns the purchases that ended charged_no_order and were last
// updated after since, oldest first: what recovery asks the sellers about again.
func (s *Store) ChargedNoOrderSince(ctx context.Context, since time.Time) ([]Purchase, error) {
	rows, err := s.db.QueryContext(ctx, chargedNoOrderQuery, encodeTime(since))
	if err != nil {
		return nil, fmt.Errorf("charged_no_order purchases: %w", err)
	}
	defer rows.Close()
	var out []Purchase
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			return nil, fmt.Errorf("charged_no_order purchases: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Event is one step of a purchase's journal.
type Event struct {
	Step, Detail string
	At           time.Time
}

// Events returns the journal of purchase id in order.
func (s *Store) Events(ctx context.Context, id string) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT step, detail, at FROM purchase_events WHERE purchase_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("purchase events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var (
			e  Event
			at string
		)
		if err := rows.Scan(&e.Step, &e.Detail, &at); err != nil {
			return nil, fmt.Errorf("purchase events: %w", err)
		}
		if e.At, err = decodeTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Store) appendEvent(ctx context.Context, db querier, id, step, detail string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO purchase_events (purchase_id, seq, step, detail, at)
		VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM purchase_events WHERE purchase_id = ?), ?, ?, ?)`,
		id, id, step, detail, encodeTime(s.now()))
	if err != nil {
		return fmt.Errorf("journal purchase: %w", err)
	}
	return nil
}

func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// Journal appends a step to purchase id's journal without changing its state.
func (s *Store) Journal(ctx context.Context, id, step, detail string) error {
	return s.appendEvent(ctx, s.db, id, step, detail)
}

// JournalOnce appends a step to purchase id's journal, as Journal does, unless the
// journal has that step already, and reports whether it did. The check and the
// append are one transaction, so processes racing to record the same finding (a
// hold) record it once and only the one that did says so.
func (s *Store) JournalOnce(ctx context.Context, id, step, detail string) (bool, error) {
	return s.journalOnce(ctx, id, step, detail, false)
}

// JournalOncePerDetail is JournalOnce for a step recorded once per detail: a reading
// (the amount captured) recorded once however many processes make it, and again when
// it reads differently.
func (s *Store) JournalOncePerDetail(ctx context.Context, id, step, detail string) (bool, error) {
	return s.journalOnce(ctx, id, step, detail, true)
}

func (s *Store) journalOnce(ctx context.Context, id, step, detail string, perDetail bool) (bool, error) {
	first := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var had bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM purchase_events WHERE purchase_id = ? AND step = ?
			AND (NOT ? OR detail = ?))`, id, step, perDetail, detail).Scan(&had); err != nil {
			return fmt.Errorf("journal purchase: %w", err)
		}
		if had {
			return nil
		}
		first = true
		return s.appendEvent(ctx, tx, id, step, detail)
	})
	if err != nil {
		return false, err
	}
	return first, nil
}

// String describes p without its token, so that printing or logging a whole Purchase
// never shows the Shared Payment Token.
func (p Purchase) String() string { return "purchase " + p.ID + " (" + string(p.State) + ")" }

// GoString is String, for %#v.
func (p Purchase) GoString() string { return p.String() }
