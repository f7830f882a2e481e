package seller

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Payments charges payment tokens for the reference Seller.
type Payments interface {
	// Charge takes r.Amount from the token. It returns a *ChargeError whose Kind is
	// ErrDeclined, ErrTokenRejected or ErrPaymentUnavailable for those failures; any
	// other error is unexpected. A call repeated with the same IdempotencyKey must not
	// charge twice.
	Charge(ctx context.Context, r ChargeRequest) (ChargeResult, error)
	// Refund returns r.Amount of a payment that Charge made. It returns a *ChargeError
	// whose Kind is ErrPaymentUnavailable when the outcome is unknown; a call repeated
	// with the same IdempotencyKey must not refund twice.
	Refund(ctx context.Context, r RefundRequest) (RefundResult, error)
	// Find looks for a payment made for checkout session q.SessionID (Metadata
	// checkout_session_id) created between q.From and q.To. It reports the payment and
	// Made when one was made; Made false with a nil error when surely none was; and an
	// error (a *ChargeError of Kind ErrPaymentUnavailable when Stripe cannot tell yet)
	// otherwise, with After set to go on from where it stopped.
	Find(ctx context.Context, q FindQuery) (FindResult, error)
}

// FindQuery is a look-up of a checkout session's payment (Payments.Find).
type FindQuery struct {
	SessionID string
	From, To  time.Time // the payment was created in [From, To]
	// After goes on with a look-up that stopped: the FindResult.After it returned.
	After string
}

// FindResult is what Payments.Find found.
type FindResult struct {
	Charge ChargeResult // the payment, when Made
	Made   bool
	// After is where a failed look-up stopped (the last payment it read; "" for none),
	// for FindQuery.After: a look-up goes on instead of starting over.
	After string
}

// RefundRequest returns money of one payment.
type RefundRequest struct {
	PaymentIntentID string
	Amount          int64 // minor units
	IdempotencyKey  string
	Metadata        map[string]string
}

// RefundResult is a refund made.
type RefundResult struct {
	ID     string
	Amount int64
}

// ChargeRequest is one payment.
type ChargeRequest struct {
	Token          string // spt_…; a secret: never log it
	Amount         int64  // minor units
	Currency       string // lower-case ISO 4217
	IdempotencyKey string
	Metadata       map[string]string // includes checkout_session_id
	// Repeat marks a charge sent again, unchanged, to learn the outcome of a first
	// send that is unknown: it must go to Stripe as it is, so that Stripe replays
	// the charge if it was made. Checks of the token that a charge made would fail
	// (a single-use token is used up by it) are skipped.
	Repeat bool
}

// ChargeResult is a successful payment.
type ChargeResult struct {
	PaymentIntentID string
	CardBrand       string // empty when unknown
	CardLast4       string
}

// The kinds of ChargeError.
var (
	// ErrDeclined: the card issuer or Stripe refused the payment (Stripe 402
	// card_error), or it needs the buyer's authentication. Nothing was charged.
	ErrDeclined = errors.New("payment declined")
	// ErrTokenRejected: the token cannot pay this amount: unknown, expired, revoked,
	// used up, in another currency, below the amount, or refused by Stripe as an
	// invalid request. Nothing was charged.
	ErrTokenRejected = errors.New("payment token rejected")
	// ErrPaymentUnavailable: Stripe could not be reached, rate-limited the call or
	// failed (429, 5xx, network). The outcome may be unknown; retrying with the same
	// idempotency key is safe.
	ErrPaymentUnavailable = errors.New("payment provider unavailable")
)

// ChargeError is a failed Charge. Its text holds no secret and no Stripe message, only
// codes, so it can be logged.
type ChargeError struct {
	Kind        error  // ErrDeclined, ErrTokenRejected, ErrPaymentUnavailable or nil (unexpected)
	Code        string // Stripe error code (card_declined, resource_missing, …) or our reason
	DeclineCode string // Stripe decline code (insufficient_funds, …)
	HTTPStatus  int    // Stripe's HTTP status; 0 when no response
	RequestID   string // Stripe request id, for the logs
	Reason      string // short safe description
	Err         error  // the cause, for errors.Is (its text may hold secrets: do not print it)
}

func (e *ChargeError) Error() string {
	kind := "payment failed"
	if e.Kind != nil {
		kind = e.Kind.Error()
	}
	s := kind
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	if e.Code != "" {
		s += fmt.Sprintf(" (code %s", e.Code)
		if e.DeclineCode != "" {
			s += ", decline code " + e.DeclineCode
		}
		s += ")"
	}
	if e.HTTPStatus != 0 {
		s += fmt.Sprintf(" [HTTP %d]", e.HTTPStatus)
	}
	return s
}

// Is matches the Kind, so errors.Is(err, ErrDeclined) works.
func (e *ChargeError) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// Unwrap returns the cause.
func (e *ChargeError) Unwrap() error { return e.Err }
