package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SubscriptionState is where a subscription stands; see migrations/0011.
type SubscriptionState string

// Subscription states.
const (
	SubscriptionQuoted   SubscriptionState = "quoted"   // waiting for the person's confirmation
	SubscriptionActive   SubscriptionState = "active"   // renews on its due dates
	SubscriptionPaused   SubscriptionState = "paused"   // renews nothing until resumed
	SubscriptionCanceled SubscriptionState = "canceled" // ended; renews nothing ever again
	SubscriptionDeclined SubscriptionState = "declined" // the quote was declined or lapsed
)

// Subscription is a customer's standing order for a subscription product: Quantity of
// it every Every Intervals, at Amount (minor units of Currency, the seller's total
// per cycle as the person confirmed it: the most a renewal charges without asking
// again). Cycle n is due at the checkout's Billing.Due(Anchor, n).
type Subscription struct {
	ID         string
	CustomerID string
	State      SubscriptionState
	// Mode is the mode (sandbox, test or live) of the server that made it: only a
	// server in that mode renews it (see migrations/0014). ModeUnknown is that of a
	// subscription from before modes were recorded that nothing vouches for
	// (migrations/0032): no server renews it.
	Mode       string
	ProductID  string
	SellerID   string
	SellerName string
	Title      string
	Quantity   int
	Interval   string // day, week, month or year
	Every      int
	TrialDays  int
	Amount     int64
	Currency   string
	// Charged is what the last cycle paid charged, in Currency: the seller's total
	// then, at or under Amount (migrations/0029). 0 while no cycle was paid since
	// Amount was agreed.
	Charged int64
	// Subtotal, Shipping and Tax are the items, delivery and tax of Amount as the seller
	// quoted them at subscribing, or at the new price a resume confirmed
	// (migrations/0026); 0s when not known. A later Amount may no longer be their sum
	// (a subscription made before they were recorded).
	Subtotal, Shipping, Tax int64
	AddressID               string
	Anchor                  time.Time // when cycle 0 is due
	NextCycle               int       // the first cycle neither paid nor skipped
	NextDueAt               time.Time // when the server acts next: a due date or a retry
	OpenCycle               int       // the cycle being renewed or retried; -1 for none
	// PauseCode and PauseParams (JSON) say why a paused subscription was paused: the
	// checkout's refusal code, or "by_person".
	PauseCode   string
	PauseParams string
	QuoteID     string // set while a subscribing or resuming waits for confirmation
	ConfirmVia  string
	ExpiresAt   time.Time // when that quote lapses
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Choices are what the person chose for the product when subscribing (a value of
	// each of its options, a personalisation text; migrations/0036): recorded with the
	// quote, never changed, and sent to the seller with every renewal.
	Choices Choices
	// Skipped are the cycles the person skipped (SkipCycle) among the 12 before
	// NextCycle, oldest first: read with the subscription, so that what shows it can
	// say which renewals were skipped since the last one charged.
	Skipped []SkippedCycle
}

// SkippedCycle is a cycle the person skipped: its number and when it was due.
type SkippedCycle struct {
	Cycle int
	DueAt time.Time
}

// CycleState is where one renewal cycle stands.
type CycleState string

// Cycle states.
const (
	CycleRunning CycleState = "running"
	CycleRetry   CycleState = "retry" // declined; tried again at RetryAt
	CyclePaid    CycleState = "paid"
	CycleFailed  CycleState = "failed" // paused the subscription; resuming tries it again
)

// Cycle is one renewal of a subscription: the claim that makes it happen once.
// Attempt a's purchase has the idempotency key CycleKey(id, cycle, a).
type Cycle struct {
	SubscriptionID string
	Cycle          int
	Attempt        int
	State          CycleState
	DueAt          time.Time
	RetryAt        time.Time
	OrderID        string
	FailureCode    string
	Skipped        int // cycles before this one that were missed (server down) and not charged
	UpdatedAt      time.Time
	// Terms are what the running (or last) attempt is bought with, recorded from the
	// subscription when it started (migrations/0039); nil for an attempt started
	// before they were recorded.
	Terms *CycleTerms
}

// CycleTerms are the subscription's choices and agreed price per cycle as they were
// when a renewal attempt started: its purchase is begun with them and approved only
// within them, whatever change of the subscription is confirmed while it runs.
type CycleTerms struct {
	Choices  Choices
	Amount   int64
	Currency string
}

// CycleKey is the purchase idempotency key of a renewal attempt. It is unique per
// customer like every purchase key, so every process that renews this attempt finds
// the same purchase.
func CycleKey(subscriptionID string, cycle, attempt int) string {
	return fmt.Sprintf(RenewalKeyPrefix+"%s/%d/%d", subscriptionID, cycle, attempt)
}

// RenewalKeyPrefix starts every renewal's purchase key (CycleKey). It is reserved: a
// key a caller supplies must not start with it, so no caller's purchase can ever be
// taken for a renewal, nor a renewal for a caller's purchase.
const RenewalKeyPrefix = "sub/"

const subscriptionColumns = `id, customer_id, state, mode, product_id, seller_id, seller_name, title, quantity,
	interval, every, trial_days, amount, currency, address_id, anchor, next_cycle, next_due_at,
	COALESCE(open_cycle, -1), pause_code, pause_params, COALESCE(quote_id, ''), confirm_via, expires_at,
	created_at, updated_at, subtotal, shipping, tax, charged, choices,
	COALESCE((SELECT group_concat(c.cycle || ' ' || c.due_at, ',') FROM subscription_cycles c
		WHERE c.subscription_id = subscriptions.id AND c.failure_code = '` + CycleSkippedByPerson + `'
		AND c.cycle < subscriptions.next_cycle AND c.cycle >= subscriptions.next_cycle - 12), '')`

func scanSubscription(row scanner) (Subscription, error) {
	var (
		u                              Subscription
		anchor, due, exp, created, upd string
		skipped, choices               string
	)
	err := row.Scan(&u.ID, &u.CustomerID, &u.State, &u.Mode, &u.ProductID, &u.SellerID, &u.SellerName, &u.Title,
		&u.Quantity, &u.Interval, &u.Every, &u.TrialDays, &u.Amount, &u.Currency, &u.AddressID, &anchor,
		&u.NextCycle, &due, &u.OpenCycle, &u.PauseCode, &u.PauseParams, &u.QuoteID, &u.ConfirmVia, &exp,
		&created, &upd, &u.Subtotal, &u.Shipping, &u.Tax, &u.Charged, &choices, &skipped)
	if err != nil {
		return u, err
	}
	if u.Choices, err = ParseChoices(choices); err != nil {
		return u, err
	}
	if u.Skipped, err = decodeSkipped(skipped); err != nil {
		return u, err
	}
	return u, decodeTimes([]string{anchor, due, exp, created, upd}, &u.Anchor, &u.NextDueAt, &u.ExpiresAt, &u.CreatedAt, &u.UpdatedAt)
}

// decodeSkipped reads subscriptionColumns' skipped cycles ("cycle due_at,…", in no
// particular order) oldest first.
func decodeSkipped(s string) ([]SkippedCycle, error) {
	if s == "" {
		return nil, nil
	}
	var out []SkippedCycle
	for _, part := range strings.Split(s, ",") {
		n, at, ok := strings.Cut(part, " ")
		cycle, err := strconv.Atoi(n)
		if !ok || err != nil {
			return nil, fmt.Errorf("skipped cycle %q", part)
		}
		c := SkippedCycle{Cycle: cycle}
		if err := decodeTimes([]string{at}, &c.DueAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b SkippedCycle) int { return a.Cycle - b.Cycle })
	return out, nil
}

// CreateSubscription records u as a new subscription (in u.State, normally quoted)
// and sets its ID and times. An unknown customer is ErrNotFound.
func (s *Store) CreateSubscription(ctx context.Context, u *Subscription) error {
	if u.CustomerID == "" || u.ProductID == "" || u.Quantity < 1 || u.Every < 1 || !validMode(u.Mode) {
		return fmt.Errorf("%w: subscription needs a customer, a server's mode, product, quantity and interval", ErrInvalid)
	}
	now := s.now()
	if u.ID == "" {
		u.ID = NewID("sub_")
	}
	u.CreatedAt, u.UpdatedAt, u.OpenCycle = now, now, -1
	if u.PauseParams == "" {
		u.PauseParams = "{}"
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, u.CustomerID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (id, customer_id, state, mode, product_id, seller_id,
			seller_name, title, quantity, interval, every, trial_days, amount, currency, address_id, anchor,
			next_cycle, next_due_at, pause_code, pause_params, quote_id, confirm_via, expires_at, created_at, updated_at,
			subtotal, shipping, tax, choices)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			u.ID, u.CustomerID, u.State, u.Mode, u.ProductID, u.SellerID, u.SellerName, u.Title, u.Quantity, u.Interval,
			u.Every, u.TrialDays, u.Amount, u.Currency, u.AddressID, encodeTime(u.Anchor), u.NextCycle,
			encodeTime(u.NextDueAt), u.PauseCode, u.PauseParams, nullIfEmpty(u.QuoteID), u.ConfirmVia,
			encodeTime(u.ExpiresAt), encodeTime(now), encodeTime(now), u.Subtotal, u.Shipping, u.Tax, u.Choices.Key())
		return err
	})
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Subscription returns the customer's subscription id; another customer's is
// ErrNotFound.
func (s *Store) Subscription(ctx context.Context, customerID, id string) (Subscription, error) {
	return s.subscriptionWhere(ctx, s.db, `id = ? AND customer_id = ?`, id, customerID)
}

// SubscriptionByQuote returns the customer's subscription whose subscribing or
// resuming waits for confirmation under quoteID.
func (s *Store) SubscriptionByQuote(ctx context.Context, customerID, quoteID string) (Subscription, error) {
	return s.subscriptionWhere(ctx, s.db, `quote_id = ? AND customer_id = ?`, quoteID, customerID)
}

func (s *Store) subscriptionWhere(ctx context.Context, q querier, where string, args ...any) (Subscription, error) {
	u, err := scanSubscription(q.QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM subscriptions WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Subscription{}, fmt.Errorf("subscription: %w", ErrNotFound)
	}
	if err != nil {
		return Subscription{}, fmt.Errorf("subscription: %w", err)
	}
	return u, nil
}

// MaxSubscriptions is how many subscriptions Subscriptions returns at most.
const MaxSubscriptions = 100

// Subscriptions returns the customer's subscriptions that were ever confirmed
// (active, paused or canceled; not quotes), newest first, at most MaxSubscriptions.
func (s *Store) Subscriptions(ctx context.Context, customerID string) ([]Subscription, error) {
	return s.subscriptions(ctx, `customer_id = ? AND state IN ('active', 'paused', 'canceled')
		ORDER BY created_at DESC, id DESC LIMIT ?`, customerID, MaxSubscriptions)
}

// DueSubscriptions returns the active subscriptions made in mode whose next action is
// due at now, most overdue first, at most limit. Those of other modes are never due
// here: a server renews only what was subscribed in its own mode.
func (s *Store) DueSubscriptions(ctx context.Context, mode string, now time.Time, limit int) ([]Subscription, error) {
	return s.subscriptions(ctx, `state = 'active' AND mode = ? AND next_due_at <= ? ORDER BY next_due_at, id LIMIT ?`,
		mode, encodeTime(now), limit)
}

func (s *Store) subscriptions(ctx context.Context, where string, args ...any) ([]Subscription, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM subscriptions WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	defer rows.Close()
	var out []Subscription
	for rows.Next() {
		u, err := scanSubscription(rows)
		if err != nil {
			return nil, fmt.Errorf("subscriptions: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateSubscription saves u's mutable fields (state, amount and its parts, address, next due,
// pause reason, quote) but only if it is still in one of the states from; otherwise
// ErrStateChanged and nothing is saved. The cycle fields are the renewal's: see
// ClaimCycle and EndCycle; so is Charged, kept while u's amount and currency stay as
// they were, and cleared (0) when they change (a new price agreed): u.Charged is set
// to what the row then holds.
func (s *Store) UpdateSubscription(ctx context.Context, u *Subscription, from ...SubscriptionState) error {
	if len(from) == 0 {
		return fmt.Errorf("%w: update subscription: no from state", ErrInvalid)
	}
	u.UpdatedAt = s.now()
	if u.PauseParams == "" {
		u.PauseParams = "{}"
	}
	args := []any{u.Amount, u.Currency, u.State, u.Amount, u.Currency, u.Subtotal, u.Shipping, u.Tax, u.AddressID, encodeTime(u.Anchor), encodeTime(u.NextDueAt),
		u.PauseCode, u.PauseParams, nullIfEmpty(u.QuoteID), u.ConfirmVia, encodeTime(u.ExpiresAt), encodeTime(u.UpdatedAt), u.ID}
	for _, f := range from {
		args = append(args, f)
	}
	err := s.db.QueryRowContext(ctx, `UPDATE subscriptions SET charged = CASE WHEN amount = ? AND currency = ? THEN charged ELSE 0 END,
		state = ?, amount = ?, currency = ?, subtotal = ?, shipping = ?, tax = ?, address_id = ?,
		anchor = ?, next_due_at = ?, pause_code = ?, pause_params = ?, quote_id = ?,
		confirm_via = ?, expires_at = ?, updated_at = ? WHERE id = ? AND state IN (`+marks(len(from))+`) RETURNING charged`, args...).Scan(&u.Charged)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrStateChanged
	}
	if err != nil {
		return fmt.Errorf("update subscription: %w", err)
	}
	return nil
}

// PauseSubscription pauses the active subscription id with code, in one transaction
// that also ends its open cycle with code when that cycle has not started charging:
// one waiting in retry, or one running whose attempt has no purchase yet. Such a
// cycle ends failed and is no longer open, so it is never tried again: resuming
// skips what fell due while paused. An open cycle whose attempt has a purchase stays
// open (its purchase may be paying; see ApproveRenewal), and is returned as the
// renewal under way when it was approved before the pause. A subscription that is not
// active is ErrStateChanged.
func (s *Store) PauseSubscription(ctx context.Context, id, code string) (*RenewalUnderWay, error) {
	var under *RenewalUnderWay
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.subscriptionWhere(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if u.State != SubscriptionActive {
			return ErrStateChanged
		}
		if under, err = renewalUnderWay(ctx, tx, u); err != nil {
			return err
		}
		now := encodeTime(s.now())
		open := any(nil)
		if u.OpenCycle >= 0 {
			c, err := cycleIn(ctx, tx, id, u.OpenCycle)
			if err != nil {
				return err
			}
			var started bool
			if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM purchases WHERE customer_id = ? AND idem_key = ?)`,
				u.CustomerID, CycleKey(id, c.Cycle, c.Attempt)).Scan(&started); err != nil {
				return err
			}
			if c.State == CycleRunning && started {
				open = c.Cycle
			} else if _, err := tx.ExecContext(ctx, `UPDATE subscription_cycles SET state = 'failed', failure_code = ?, retry_at = '',
				updated_at = ? WHERE subscription_id = ? AND cycle = ?`, code, now, id, c.Cycle); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET state = 'paused', pause_code = ?, pause_params = '{}',
			open_cycle = ?, updated_at = ? WHERE id = ?`, code, open, now, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pause subscription: %w", err)
	}
	return under, nil
}

// CancelSubscription cancels the active or paused subscription id for good, and
// drops a quote it had (a new price waiting for confirmation). It returns, read in
// the same transaction, the renewal under way that the cancel came too late to stop.
// A subscription in another state is ErrStateChanged.
func (s *Store) CancelSubscription(ctx context.Context, id string) (*RenewalUnderWay, error) {
	var under *RenewalUnderWay
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.subscriptionWhere(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if u.State != SubscriptionActive && u.State != SubscriptionPaused {
			return ErrStateChanged
		}
		if under, err = renewalUnderWay(ctx, tx, u); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET state = 'canceled', quote_id = NULL, expires_at = '',
			updated_at = ? WHERE id = ?`, encodeTime(s.now()), id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("cancel subscription: %w", err)
	}
	return under, nil
}

// RenewalUnderWay is a renewal that pausing or canceling its subscription can no
// longer stop: the purchase of the open cycle's attempt was approved (its payment
// token issued, or about to be) before the change, so it completes or fails on its
// own. A renewal not approved by then never is (ApproveRenewal).
type RenewalUnderWay struct {
	Cycle      int
	PurchaseID string
	OrderID    string
	State      PurchaseState // approved, token_issued, or completed (paid, the cycle not yet recorded)
	Total      int64
	Currency   string
}

// RenewalUnderWay returns the customer's subscription id's renewal under way, or nil
// when there is none; another customer's subscription is ErrNotFound.
func (s *Store) RenewalUnderWay(ctx context.Context, customerID, id string) (*RenewalUnderWay, error) {
	var under *RenewalUnderWay
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.subscriptionWhere(ctx, tx, `id = ? AND customer_id = ?`, id, customerID)
		if err != nil {
			return err
		}
		under, err = renewalUnderWay(ctx, tx, u)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("renewal under way: %w", err)
	}
	return under, nil
}

// renewalUnderWay reads, in tx, u's open cycle's running attempt's purchase, when it
// is past approval.
func renewalUnderWay(ctx context.Context, tx *sql.Tx, u Subscription) (*RenewalUnderWay, error) {
	if u.OpenCycle < 0 {
		return nil, nil
	}
	c, err := cycleIn(ctx, tx, u.ID, u.OpenCycle)
	if errors.Is(err, sql.ErrNoRows) || err == nil && c.State != CycleRunning {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r := RenewalUnderWay{Cycle: c.Cycle}
	err = tx.QueryRowContext(ctx, `SELECT id, order_id, state, total, currency FROM purchases WHERE customer_id = ? AND idem_key = ?`,
		u.CustomerID, CycleKey(u.ID, c.Cycle, c.Attempt)).Scan(&r.PurchaseID, &r.OrderID, &r.State, &r.Total, &r.Currency)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	switch r.State {
	case PurchaseApproved, PurchaseTokenIssued, PurchaseCompleted:
		return &r, nil
	}
	return nil, nil
}

const cycleColumns = `subscription_id, cycle, attempt, state, due_at, retry_at, order_id, failure_code, skipped, updated_at,
	choices, COALESCE(amount, -1), currency`

func scanCycle(row scanner) (Cycle, error) {
	var (
		c                        Cycle
		due, retry, upd, choices string
		amount                   int64
		currency                 string
	)
	if err := row.Scan(&c.SubscriptionID, &c.Cycle, &c.Attempt, &c.State, &due, &retry, &c.OrderID, &c.FailureCode, &c.Skipped, &upd,
		&choices, &amount, &currency); err != nil {
		return c, err
	}
	if amount >= 0 {
		parsed, err := ParseChoices(choices)
		if err != nil {
			return c, err
		}
		c.Terms = &CycleTerms{Choices: parsed, Amount: amount, Currency: currency}
	}
	return c, decodeTimes([]string{due, retry, upd}, &c.DueAt, &c.RetryAt, &c.UpdatedAt)
}

// CycleOf returns cycle of subscription id as the server started it; ErrNotFound
// when it did not.
func (s *Store) CycleOf(ctx context.Context, subscriptionID string, cycle int) (Cycle, error) {
	c, err := cycleIn(ctx, s.db, subscriptionID, cycle)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("subscription cycle: %w", err)
	}
	return c, nil
}

// termsNow is the SQL that sets a cycle's terms (migrations/0039) from its
// subscription's row as it is in the statement's transaction.
const termsNow = `choices = (SELECT u.choices FROM subscriptions u WHERE u.id = subscription_cycles.subscription_id),
	amount = (SELECT u.amount FROM subscriptions u WHERE u.id = subscription_cycles.subscription_id),
	currency = (SELECT u.currency FROM subscriptions u WHERE u.id = subscription_cycles.subscription_id)`

// Cycles returns the cycles the server started for subscription id, oldest first.
func (s *Store) Cycles(ctx context.Context, subscriptionID string) ([]Cycle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cycleColumns+` FROM subscription_cycles WHERE subscription_id = ? ORDER BY cycle`, subscriptionID)
	if err != nil {
		return nil, fmt.Errorf("subscription cycles: %w", err)
	}
	defer rows.Close()
	var out []Cycle
	for rows.Next() {
		c, err := scanCycle(rows)
		if err != nil {
			return nil, fmt.Errorf("subscription cycles: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ClaimCycle starts renewing cycle of the active subscription id, in one transaction:
// when the subscription already has an open cycle, that cycle is returned as it is
// (another process or an earlier run started it; the caller joins it); otherwise, if
// the subscription's next cycle is still next (else ErrStateChanged), cycle is
// claimed: a new row running at attempt 0 (skipped says how many earlier cycles are
// passed over), or a failed row of it reopened at the next attempt, and it becomes
// the subscription's open cycle. A subscription that is not active is
// ErrStateChanged.
func (s *Store) ClaimCycle(ctx context.Context, subscriptionID string, next, cycle int, dueAt time.Time) (Cycle, error) {
	var out Cycle
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.subscriptionWhere(ctx, tx, `id = ?`, subscriptionID)
		if err != nil {
			return err
		}
		switch {
		case u.State != SubscriptionActive:
			return ErrStateChanged
		case u.OpenCycle >= 0:
			out, err = cycleIn(ctx, tx, subscriptionID, u.OpenCycle)
			return err
		case u.NextCycle != next || cycle < next:
			return ErrStateChanged
		}
		now := encodeTime(s.now())
		// The attempt's terms are the subscription's as read in this transaction: a
		// change confirmed after it is for the attempts that start later.
		res, err := tx.ExecContext(ctx, `INSERT INTO subscription_cycles (subscription_id, cycle, attempt, state, due_at, skipped, updated_at,
				choices, amount, currency)
			VALUES (?, ?, 0, 'running', ?, ?, ?, ?, ?, ?)
			ON CONFLICT (subscription_id, cycle) DO UPDATE SET attempt = attempt + 1, state = 'running', retry_at = '',
				failure_code = '', updated_at = excluded.updated_at, choices = excluded.choices, amount = excluded.amount,
				currency = excluded.currency WHERE state = 'failed'`,
			subscriptionID, cycle, encodeTime(dueAt), cycle-next, now, u.Choices.Key(), u.Amount, u.Currency)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrStateChanged // the cycle was paid or is open: not this claim's
		}
		if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET open_cycle = ?, updated_at = ? WHERE id = ?`, cycle, now, subscriptionID); err != nil {
			return err
		}
		out, err = cycleIn(ctx, tx, subscriptionID, cycle)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("claim cycle: %w", err)
	}
	return out, nil
}

func cycleIn(ctx context.Context, q querier, subscriptionID string, cycle int) (Cycle, error) {
	return scanCycle(q.QueryRowContext(ctx, `SELECT `+cycleColumns+` FROM subscription_cycles WHERE subscription_id = ? AND cycle = ?`, subscriptionID, cycle))
}

// RetryCycle moves a cycle waiting in retry at attempt to its next attempt, running,
// once its retry time has come; otherwise ErrStateChanged (another process moved it,
// or it is not yet time). The new attempt's terms are the subscription's as they are
// then (a change confirmed while the cycle waited is the retry's).
func (s *Store) RetryCycle(ctx context.Context, subscriptionID string, cycle, attempt int) (Cycle, error) {
	var out Cycle
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := encodeTime(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE subscription_cycles SET attempt = attempt + 1, state = 'running', updated_at = ?,
			`+termsNow+` WHERE subscription_id = ? AND cycle = ? AND attempt = ? AND state = 'retry' AND retry_at <= ?`,
			now, subscriptionID, cycle, attempt, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrStateChanged
		}
		out, err = cycleIn(ctx, tx, subscriptionID, cycle)
		return err
	})
	if err != nil {
		return Cycle{}, fmt.Errorf("retry cycle: %w", err)
	}
	return out, nil
}

// CycleEnd is how a renewal attempt ended.
type CycleEnd struct {
	State       CycleState // paid, retry or failed
	OrderID     string     // the order, for paid (and for the record, a failed attempt's)
	Charged     int64      // for paid: what it charged (Subscription.Charged)
	FailureCode string
	RetryAt     time.Time // for retry
	NextDueAt   time.Time // for paid: cycle+1's due date
	// PauseParams (JSON) for failed: the subscription pauses with FailureCode and
	// these.
	PauseParams string
}

// EndCycle records the end of attempt of cycle, which must be running (else
// ErrStateChanged: another process recorded it first), and moves the subscription
// on in the same transaction: paid makes cycle+1 next, due at NextDueAt; retry makes
// the subscription due again at RetryAt; failed closes the cycle and pauses an active
// subscription with FailureCode.
func (s *Store) EndCycle(ctx context.Context, subscriptionID string, cycle, attempt int, e CycleEnd) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := encodeTime(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE subscription_cycles SET state = ?, order_id = ?, failure_code = ?, retry_at = ?,
			updated_at = ? WHERE subscription_id = ? AND cycle = ? AND attempt = ? AND state = 'running'`,
			e.State, e.OrderID, e.FailureCode, encodeTimeOrEmpty(e.RetryAt), now, subscriptionID, cycle, attempt)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrStateChanged
		}
		switch e.State {
		case CyclePaid:
			// What it charged is the subscription's Charged only when it was bought at
			// the agreed price as it is now: a change confirmed while it ran (another
			// price) has had nothing charged at its price yet.
			_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET open_cycle = NULL, next_cycle = ?, next_due_at = ?,
				charged = CASE WHEN EXISTS (SELECT 1 FROM subscription_cycles c WHERE c.subscription_id = subscriptions.id
					AND c.cycle = ? AND c.amount IS NOT NULL AND (c.amount != subscriptions.amount OR c.currency != subscriptions.currency))
					THEN 0 ELSE ? END,
				updated_at = ? WHERE id = ?`, cycle+1, encodeTime(e.NextDueAt), cycle, e.Charged, now, subscriptionID)
		case CycleRetry:
			_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET next_due_at = ?, updated_at = ? WHERE id = ?`,
				encodeTime(e.RetryAt), now, subscriptionID)
		case CycleFailed:
			params := e.PauseParams
			if params == "" {
				params = "{}"
			}
			_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET open_cycle = NULL, updated_at = ?,
				state = CASE state WHEN 'active' THEN 'paused' ELSE state END,
				pause_code = CASE state WHEN 'active' THEN ? ELSE pause_code END,
				pause_params = CASE state WHEN 'active' THEN ? ELSE pause_params END WHERE id = ?`,
				now, e.FailureCode, params, subscriptionID)
		default:
			return fmt.Errorf("%w: cycle end state %q", ErrInvalid, e.State)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("end cycle: %w", err)
	}
	return nil
}

func encodeTimeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return encodeTime(t)
}

// CycleSkippedByPerson is the failure code of a cycle the person skipped (SkipCycle):
// it ended without being charged, and is never tried again.
const CycleSkippedByPerson = "skipped_by_person"

// SkipCycle records the person's skip of cycle, due at dueAt, of the active
// subscription id, in one transaction: the cycle is kept as failed with the code
// CycleSkippedByPerson (never charged, never claimed again: the subscription moves
// past it), and the subscription's next cycle is cycle+1, due at nextDue. cycle must
// be the subscription's next cycle or one after it (cycles stepped over while it was
// paused), with no renewal open; otherwise, or when it is not active, ErrStateChanged
// and nothing is saved.
func (s *Store) SkipCycle(ctx context.Context, id string, cycle int, dueAt, nextDue time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		u, err := s.subscriptionWhere(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if u.State != SubscriptionActive || u.OpenCycle >= 0 || cycle < u.NextCycle {
			return ErrStateChanged
		}
		now := encodeTime(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscription_cycles (subscription_id, cycle, attempt, state, due_at, failure_code, skipped, updated_at)
			VALUES (?, ?, 0, 'failed', ?, ?, ?, ?)
			ON CONFLICT (subscription_id, cycle) DO UPDATE SET state = 'failed', failure_code = excluded.failure_code, retry_at = '',
				updated_at = excluded.updated_at`, id, cycle, encodeTime(dueAt), CycleSkippedByPerson, cycle-u.NextCycle, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscriptions SET next_cycle = ?, next_due_at = ?, updated_at = ? WHERE id = ?`,
			cycle+1, encodeTime(nextDue), now, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("skip cycle: %w", err)
	}
	return nil
}
