package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// NoLimit as a Rules amount means that there is no such limit: no per-order or daily
// cap, or no purchase needs confirmation.
const NoLimit int64 = -1

// Limits on the lists of spending rules.
const (
	maxRuleItems   = 100
	maxRuleItemLen = 200
)

// Rules are a customer's spending rules. Only the operator sets them (the admin
// command line); a model can read them through the tools but never change them.
//
// Every amount is in minor units of Currency and is either NoLimit or a limit that a
// purchase may reach but not exceed: a total of exactly PerOrderMax is allowed, one
// cent more is not. So 0 is a real limit, not "unset": PerOrderMax 0 or DailyMax 0
// blocks every purchase, ConfirmAbove 0 asks for confirmation of every purchase. The
// zero Rules is therefore the strictest possible, never the most permissive. Use the
// methods (OverPerOrder, OverDaily, NeedsConfirmation, AllowsSeller, AllowsCategory)
// rather than comparing the fields, so that the meaning of NoLimit and 0 lives here.
//
// The rules say nothing about purchases in another currency than Currency; the caller
// decides (refusing them is the safe choice).
type Rules struct {
	Currency    string // ISO 4217, upper case
	PerOrderMax int64  // the largest total of one purchase, or NoLimit
	DailyMax    int64  // the largest sum of purchases over any rolling 24 hours, or NoLimit
	// MonthlyMax is the largest sum of purchases over any rolling 30 days, subscription
	// renewals included, or NoLimit; subscribing also checks that a subscription's
	// first 30 days fit (see MonthlyWindow).
	MonthlyMax   int64
	ConfirmAbove int64 // purchases with a larger total need the person's confirmation; NoLimit: none do
	// AllowedSellers are seller ids; empty allows every seller.
	AllowedSellers []string
	// AllowedCategories are category paths such as "Apparel > Shoes"; a path allows
	// itself and every category under it, ignoring case. Empty allows every category.
	AllowedCategories []string
	// UpdatedAt is when the rules were last set; zero means the customer has the
	// defaults.
	UpdatedAt time.Time
}

// DefaultRules are the rules of a customer whose rules were never set: USD, at most
// $500.00 per order and $1,000.00 per rolling 24 hours, no monthly limit, confirmation
// above $50.00, every seller and category allowed.
func DefaultRules() Rules {
	return Rules{Currency: "USD", PerOrderMax: 500_00, DailyMax: 1000_00, MonthlyMax: NoLimit, ConfirmAbove: 50_00}
}

// The windows of the rolling limits.
const (
	DailyWindow   = 24 * time.Hour
	MonthlyWindow = 30 * 24 * time.Hour
)

// Limit is a rolling spending limit: at most Max (minor units; NoLimit for none) over
// any Window.
type Limit struct {
	Max    int64
	Window time.Duration
}

// Limits are the rules' rolling limits, for Approve: daily, then monthly.
func (r Rules) Limits() []Limit {
	return []Limit{{r.DailyMax, DailyWindow}, {r.MonthlyMax, MonthlyWindow}}
}

// OverMonthly reports whether amount, on top of what the customer spent in the last
// 30 days, breaks the monthly cap.
func (r Rules) OverMonthly(spentLast30d, amount int64) bool {
	return over(spentLast30d+amount, r.MonthlyMax)
}

// OverPerOrder reports whether a purchase with this total breaks the per-order cap.
func (r Rules) OverPerOrder(total int64) bool { return over(total, r.PerOrderMax) }

// OverDaily reports whether a purchase with this total, on top of what the customer
// spent in the last 24 hours, breaks the daily cap.
func (r Rules) OverDaily(spentLast24h, total int64) bool {
	return over(spentLast24h+total, r.DailyMax)
}

// NeedsConfirmation reports whether a purchase with this total needs the person's
// explicit confirmation.
func (r Rules) NeedsConfirmation(total int64) bool { return over(total, r.ConfirmAbove) }

func over(amount, limit int64) bool { return limit != NoLimit && amount > limit }

// AllowsSeller reports whether the rules allow buying from the seller with this id.
func (r Rules) AllowsSeller(sellerID string) bool {
	if len(r.AllowedSellers) == 0 {
		return true
	}
	for _, s := range r.AllowedSellers {
		if strings.EqualFold(s, sellerID) {
			return true
		}
	}
	return false
}

// AllowsCategory reports whether the rules allow buying a product in the category with
// this path ("Apparel > Shoes > Running"): an allowed path matches itself and every
// category under it, ignoring case. A product without a category is allowed only when
// every category is.
func (r Rules) AllowsCategory(path string) bool {
	if len(r.AllowedCategories) == 0 {
		return true
	}
	p := strings.ToLower(normalizeCategory(path))
	for _, c := range r.AllowedCategories {
		c = strings.ToLower(c)
		if p == c || strings.HasPrefix(p, c+" > ") {
			return true
		}
	}
	return false
}

// Rules returns the customer's spending rules, or the defaults (Defaults, with a zero
// UpdatedAt) when they were never set. An unknown customer is ErrNotFound.
func (s *Store) Rules(ctx context.Context, customerID string) (Rules, error) {
	r, err := loadRules(ctx, s.db, customerID)
	if err != nil {
		return Rules{}, fmt.Errorf("spending rules: %w", err)
	}
	return r, nil
}

// SetRules replaces the customer's spending rules with r, after validating and
// normalizing it (currency upper case; amounts NoLimit or ≥ 0; list items trimmed,
// non-empty, unique ignoring case, at most 100 of at most 200 characters; category
// paths written with " > "). UpdatedAt is set from the store's clock. Errors:
// ErrNotFound for an unknown customer, ErrInvalid naming the field.
func (s *Store) SetRules(ctx context.Context, customerID string, r Rules) error {
	r, err := normalizeRules(r)
	if err != nil {
		return fmt.Errorf("set spending rules: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		return saveRules(ctx, tx, customerID, r, s.now())
	})
	if err != nil {
		return fmt.Errorf("set spending rules: %w", err)
	}
	return nil
}

// Defaults returns the spending rules of customers whose own were never set: the
// operator's (UpdateDefaults), or DefaultRules (with a zero UpdatedAt) when never set.
func (s *Store) Defaults(ctx context.Context) (Rules, error) {
	r, err := loadDefaults(ctx, s.db)
	if err != nil {
		return Rules{}, fmt.Errorf("default spending rules: %w", err)
	}
	return r, nil
}

// UpdateDefaults applies p to the defaults (Defaults) as UpdateRules does to a
// customer's, and returns the result: every customer whose own rules were never set
// has them from then on. Errors as for SetRules, without ErrNotFound.
func (s *Store) UpdateDefaults(ctx context.Context, p RulesPatch) (Rules, error) {
	r, err := s.patchRules(ctx, p, func(tx *sql.Tx) (Rules, error) { return loadDefaults(ctx, tx) },
		func(tx *sql.Tx, r Rules) error {
			_, err := tx.ExecContext(ctx, `
				INSERT INTO default_spending_rules (id, currency, per_order_max, daily_max, monthly_max, confirm_above, allowed_sellers, allowed_categories, updated_at)
				VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET
					currency = excluded.currency, per_order_max = excluded.per_order_max,
					daily_max = excluded.daily_max, monthly_max = excluded.monthly_max, confirm_above = excluded.confirm_above,
					allowed_sellers = excluded.allowed_sellers, allowed_categories = excluded.allowed_categories,
					updated_at = excluded.updated_at`,
				r.Currency, r.PerOrderMax, r.DailyMax, r.MonthlyMax, r.ConfirmAbove,
				jsonList(r.AllowedSellers), jsonList(r.AllowedCategories), encodeTime(r.UpdatedAt))
			return err
		})
	if err != nil {
		return Rules{}, fmt.Errorf("update default spending rules: %w", err)
	}
	return r, nil
}

// patchRules applies p, in one transaction, to the rules load reads, and has save
// write the result, normalized and stamped with the store's clock.
func (s *Store) patchRules(ctx context.Context, p RulesPatch, load func(*sql.Tx) (Rules, error), save func(*sql.Tx, Rules) error) (Rules, error) {
	var out Rules
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := load(tx)
		if err != nil {
			return err
		}
		next, err := applyRulesPatch(cur, p)
		if err != nil {
			return err
		}
		if next, err = normalizeRules(next); err != nil {
			return err
		}
		next.UpdatedAt = s.now()
		out = next
		return save(tx, next)
	})
	return out, err
}

// RulesPatch changes some fields of a customer's spending rules: nil fields stay as
// they are. A non-nil empty list clears that restriction.
type RulesPatch struct {
	Currency          *string
	PerOrderMax       *int64
	DailyMax          *int64
	MonthlyMax        *int64
	ConfirmAbove      *int64
	AllowedSellers    *[]string
	AllowedCategories *[]string
}

// UpdateRules applies p to the customer's current rules (the defaults when never set)
// in one transaction and returns the result. Changing the currency requires every
// amount that is not NoLimit to be given in the same patch, in the new currency, so
// that no amount silently changes its meaning. Errors as for SetRules.
func (s *Store) UpdateRules(ctx context.Context, customerID string, p RulesPatch) (Rules, error) {
	r, err := s.patchRules(ctx, p, func(tx *sql.Tx) (Rules, error) { return loadRules(ctx, tx, customerID) },
		func(tx *sql.Tx, r Rules) error { return saveRules(ctx, tx, customerID, r, r.UpdatedAt) })
	if err != nil {
		return Rules{}, fmt.Errorf("update spending rules: %w", err)
	}
	return r, nil
}

func applyRulesPatch(r Rules, p RulesPatch) (Rules, error) {
	if p.Currency != nil {
		c, err := money.NormalizeCurrency(*p.Currency)
		if err != nil {
			return Rules{}, &FieldError{Field: "currency", Problem: FieldMalformed, Value: *p.Currency}
		}
		if c != r.Currency {
			var missing []string
			for _, f := range []struct {
				name  string
				old   int64
				given bool
			}{{"per_order_max", r.PerOrderMax, p.PerOrderMax != nil}, {"daily_max", r.DailyMax, p.DailyMax != nil}, {"monthly_max", r.MonthlyMax, p.MonthlyMax != nil}, {"confirm_above", r.ConfirmAbove, p.ConfirmAbove != nil}} {
				if f.old != NoLimit && !f.given {
					missing = append(missing, f.name)
				}
			}
			if len(missing) > 0 {
				return Rules{}, &FieldError{Field: "currency", Problem: FieldNeeds, Value: c, Needs: missing}
			}
		}
		r.Currency = c
	}
	if p.PerOrderMax != nil {
		r.PerOrderMax = *p.PerOrderMax
	}
	if p.DailyMax != nil {
		r.DailyMax = *p.DailyMax
	}
	if p.MonthlyMax != nil {
		r.MonthlyMax = *p.MonthlyMax
	}
	if p.ConfirmAbove != nil {
		r.ConfirmAbove = *p.ConfirmAbove
	}
	if p.AllowedSellers != nil {
		r.AllowedSellers = *p.AllowedSellers
	}
	if p.AllowedCategories != nil {
		r.AllowedCategories = *p.AllowedCategories
	}
	return r, nil
}

func normalizeRules(r Rules) (Rules, error) {
	c, err := money.NormalizeCurrency(r.Currency)
	if err != nil {
		return Rules{}, &FieldError{Field: "currency", Problem: FieldMalformed, Value: r.Currency}
	}
	r.Currency = c
	for _, f := range []struct {
		name string
		v    int64
	}{{"per_order_max", r.PerOrderMax}, {"daily_max", r.DailyMax}, {"monthly_max", r.MonthlyMax}, {"confirm_above", r.ConfirmAbove}} {
		if f.v < NoLimit {
			return Rules{}, &FieldError{Field: f.name, Problem: FieldNegative}
		}
	}
	if r.AllowedSellers, err = normalizeList("allowed_sellers", r.AllowedSellers, maxRuleItems, maxRuleItemLen, cleanLine); err != nil {
		return Rules{}, err
	}
	if r.AllowedCategories, err = normalizeList("allowed_categories", r.AllowedCategories, maxRuleItems, maxRuleItemLen, normalizeCategory); err != nil {
		return Rules{}, err
	}
	return r, nil
}

// normalizeCategory writes a category path as its parts separated by " > " (see
// text.Category), cutting nothing: the caller checks its length.
func normalizeCategory(path string) string { return text.Category(path, math.MaxInt) }

func loadRules(ctx context.Context, q querier, customerID string) (Rules, error) {
	r, err := scanRules(q.QueryRowContext(ctx, `
		SELECT currency, per_order_max, daily_max, monthly_max, confirm_above, allowed_sellers, allowed_categories, updated_at
		FROM spending_rules WHERE customer_id = ?`, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		if err := customerExists(ctx, q, customerID); err != nil {
			return Rules{}, err
		}
		d, err := loadDefaults(ctx, q)
		d.UpdatedAt = time.Time{} // the customer's own were never set
		return d, err
	}
	return r, err
}

// loadDefaults returns the operator's defaults (SetDefaults), or DefaultRules when
// never set.
func loadDefaults(ctx context.Context, q querier) (Rules, error) {
	r, err := scanRules(q.QueryRowContext(ctx, `
		SELECT currency, per_order_max, daily_max, monthly_max, confirm_above, allowed_sellers, allowed_categories, updated_at
		FROM default_spending_rules WHERE id = 1`))
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultRules(), nil
	}
	return r, err
}

// scanRules reads the columns loadRules and loadDefaults select.
func scanRules(row *sql.Row) (Rules, error) {
	var (
		r                 Rules
		sellers, cats, up string
	)
	if err := row.Scan(&r.Currency, &r.PerOrderMax, &r.DailyMax, &r.MonthlyMax, &r.ConfirmAbove, &sellers, &cats, &up); err != nil {
		return Rules{}, err
	}
	if err := json.Unmarshal([]byte(sellers), &r.AllowedSellers); err != nil {
		return Rules{}, fmt.Errorf("stored allowed sellers: %w", err)
	}
	if err := json.Unmarshal([]byte(cats), &r.AllowedCategories); err != nil {
		return Rules{}, fmt.Errorf("stored allowed categories: %w", err)
	}
	r.AllowedSellers, r.AllowedCategories = nilIfEmpty(r.AllowedSellers), nilIfEmpty(r.AllowedCategories)
	var err error
	if r.UpdatedAt, err = decodeTime(up); err != nil {
		return Rules{}, err
	}
	return r, nil
}

func saveRules(ctx context.Context, q querier, customerID string, r Rules, now time.Time) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO spending_rules (customer_id, currency, per_order_max, daily_max, monthly_max, confirm_above, allowed_sellers, allowed_categories, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (customer_id) DO UPDATE SET
			currency = excluded.currency, per_order_max = excluded.per_order_max,
			daily_max = excluded.daily_max, monthly_max = excluded.monthly_max, confirm_above = excluded.confirm_above,
			allowed_sellers = excluded.allowed_sellers, allowed_categories = excluded.allowed_categories,
			updated_at = excluded.updated_at`,
		customerID, r.Currency, r.PerOrderMax, r.DailyMax, r.MonthlyMax, r.ConfirmAbove,
		jsonList(r.AllowedSellers), jsonList(r.AllowedCategories), encodeTime(now))
	return err
}

// CustomersOnDefaults returns how many customers have no spending rules of their own,
// and so buy under Defaults.
func (s *Store) CustomersOnDefaults(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM customers c
		WHERE NOT EXISTS (SELECT 1 FROM spending_rules r WHERE r.customer_id = c.id)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("customers on the default rules: %w", err)
	}
	return n, nil
}
