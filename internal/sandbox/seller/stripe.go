package seller

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
)

// DefaultStripePreviewVersion is the Stripe-Version sent with the Shared Payment Token
// calls, which exist only in Stripe's preview API: the same as the agent side's.
const DefaultStripePreviewVersion = spt.DefaultVersion

// sptParam is the PaymentIntent parameter that charges a granted token. stripe-go v82
// has no typed field for it.
const sptParam = "payment_method_data[shared_payment_granted_token]"

// StripeConfig configures StripePayments.
type StripeConfig struct {
	// SecretKey is the seller's Stripe secret key. Required; never logged.
	SecretKey string
	// URL is the Stripe API base URL; empty means api.stripe.com. The sandbox emulator
	// is used by pointing it here.
	URL string
	// HTTPClient is the HTTP client; nil means stripe-go's default (80 s timeout).
	HTTPClient *http.Client
	// PreviewVersion is the Stripe-Version of the granted-token retrieval and of the
	// PaymentIntent that uses the token; default DefaultStripePreviewVersion.
	PreviewVersion string
	// SkipTokenCheck skips retrieving the granted token before charging; Stripe
	// enforces the token's limits either way, the check only fails earlier and with
	// clearer reasons.
	SkipTokenCheck bool
	// ManualCapture makes Charge authorize only (capture_method=manual): the buyer's
	// card holds the amount, the token is used up with nothing captured, and the money
	// moves only when Capture is called (Release lets the hold go). A seller that
	// captures at shipment works so; the default captures at once.
	ManualCapture bool
	// NetworkRetries is how often stripe-go retries a failed request (with the same
	// idempotency key); default 0.
	NetworkRetries int64
	// Now is the clock for the expiry check; default time.Now.
	Now func() time.Time
}

// StripePayments charges Shared Payment Tokens on the seller's Stripe account: it
// retrieves the granted token (GET /v1/shared_payment/granted_tokens/{id}) and checks
// it, then creates and confirms a PaymentIntent with
// payment_method_data[shared_payment_granted_token]. It is safe for concurrent use.
type StripePayments struct {
	sc      *stripe.Client
	api     stripe.Backend
	key     string
	version string
	check   bool
	manual  bool
	now     func() time.Time
}

var _ Payments = (*StripePayments)(nil)

// NewStripePayments returns StripePayments for cfg, or an error when the key is missing.
func NewStripePayments(cfg StripeConfig) (*StripePayments, error) {
	if strings.TrimSpace(cfg.SecretKey) == "" {
		return nil, errors.New("stripe payments: a secret key is required")
	}
	bc := &stripe.BackendConfig{
		HTTPClient:        cfg.HTTPClient,
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
		MaxNetworkRetries: stripe.Int64(max(cfg.NetworkRetries, 0)),
		EnableTelemetry:   stripe.Bool(false),
	}
	if cfg.URL != "" {
		bc.URL = stripe.String(strings.TrimRight(cfg.URL, "/"))
	}
	backends := stripe.NewBackendsWithConfig(bc)
	p := &StripePayments{
		sc:      stripe.NewClient(cfg.SecretKey, stripe.WithBackends(backends)),
		api:     backends.API,
		key:     cfg.SecretKey,
		version: cfg.PreviewVersion,
		check:   !cfg.SkipTokenCheck,
		manual:  cfg.ManualCapture,
		now:     cfg.Now,
	}
	if p.version == "" {
		p.version = DefaultStripePreviewVersion
	}
	if p.now == nil {
		p.now = time.Now
	}
	return p, nil
}

// Charge implements Payments. Failures are *ChargeError: a 402 card_error (or a
// PaymentIntent left needing action) is ErrDeclined; an unusable token is
// ErrTokenRejected; 429, 5xx and network failures are ErrPaymentUnavailable.
func (p *StripePayments) Charge(ctx context.Context, r ChargeRequest) (ChargeResult, error) {
	if r.Token == "" || r.Amount <= 0 || r.Currency == "" {
		return ChargeResult{}, errors.New("stripe charge: token, a positive amount and a currency are required")
	}
	var card cardInfo
	if p.check && !r.Repeat {
		gt, err := p.grantedToken(ctx, r.Token)
		if err != nil {
			return ChargeResult{}, err
		}
		if err := gt.usable(r.Amount, r.Currency, p.now()); err != nil {
			return ChargeResult{}, err
		}
		card = gt.PaymentMethodDetails.Card
	}
	params := &stripe.PaymentIntentCreateParams{
		Amount:   stripe.Int64(r.Amount),
		Currency: stripe.String(strings.ToLower(r.Currency)),
		Confirm:  stripe.Bool(true),
		Metadata: r.Metadata,
	}
	if p.manual {
		params.CaptureMethod = stripe.String(string(stripe.PaymentIntentCaptureMethodManual))
	}
	params.Context = ctx
	params.AddExtra(sptParam, r.Token)
	if r.IdempotencyKey != "" {
		params.SetIdempotencyKey(r.IdempotencyKey)
	}
	params.Headers = http.Header{"Stripe-Version": {p.version}}
	pi, err := p.sc.V1PaymentIntents.Create(ctx, params)
	if err != nil {
		return ChargeResult{}, chargeError(err, "create payment intent")
	}
	return p.result(ctx, pi, card)
}

// Capture captures the hold of a PaymentIntent that Charge authorized (ManualCapture):
// all of it when amount is 0, else amount (the rest is released).
func (p *StripePayments) Capture(ctx context.Context, paymentIntentID string, amount int64) error {
	params := &stripe.PaymentIntentCaptureParams{}
	if amount > 0 {
		params.AmountToCapture = stripe.Int64(amount)
	}
	params.Context = ctx
	if _, err := p.sc.V1PaymentIntents.Capture(ctx, paymentIntentID, params); err != nil {
		return chargeError(err, "capture payment intent")
	}
	return nil
}

// Release lets the hold of a PaymentIntent that Charge authorized go: nothing is
// captured.
func (p *StripePayments) Release(ctx context.Context, paymentIntentID string) error {
	params := &stripe.PaymentIntentCancelParams{}
	params.Context = ctx
	if _, err := p.sc.V1PaymentIntents.Cancel(ctx, paymentIntentID, params); err != nil {
		return chargeError(err, "cancel payment intent")
	}
	return nil
}

// Refund implements Payments with a Stripe Refund of the PaymentIntent.
func (p *StripePayments) Refund(ctx context.Context, r RefundRequest) (RefundResult, error) {
	if r.PaymentIntentID == "" || r.Amount <= 0 {
		return RefundResult{}, errors.New("stripe refund: a payment intent and a positive amount are required")
	}
	params := &stripe.RefundCreateParams{PaymentIntent: stripe.String(r.PaymentIntentID), Amount: stripe.Int64(r.Amount),
		Reason: stripe.String(string(stripe.RefundReasonRequestedByCustomer)), Metadata: r.Metadata}
	params.Context = ctx
	if r.IdempotencyKey != "" {
		params.SetIdempotencyKey(r.IdempotencyKey)
	}
	re, err := p.sc.V1Refunds.Create(ctx, params)
	if err != nil {
		return RefundResult{}, chargeError(err, "create refund")
	}
	if re.Status == stripe.RefundStatusFailed || re.Status == stripe.RefundStatusCanceled {
		return RefundResult{}, &ChargeError{Code: "refund_" + string(re.Status), Reason: "the refund did not succeed"}
	}
	return RefundResult{ID: re.ID, Amount: re.Amount}, nil
}

// Find implements Payments by listing the account's PaymentIntents created in
// [q.From, q.To], newest first, and reading their metadata: Stripe's List is strongly
// consistent (Search is not) but cannot filter by metadata, so every page is read. A
// window in the past holds a fixed set, so a look-up that stopped goes on after the
// last PaymentIntent it read (starting_after).
func (p *StripePayments) Find(ctx context.Context, q FindQuery) (FindResult, error) {
	params := &stripe.PaymentIntentListParams{CreatedRange: &stripe.RangeQueryParams{
		GreaterThanOrEqual: q.From.Unix(), LesserThanOrEqual: q.To.Unix()}}
	params.Limit = stripe.Int64(100)
	if q.After != "" {
		params.StartingAfter = stripe.String(q.After)
	}
	read := q.After
	for pi, err := range p.sc.V1PaymentIntents.List(ctx, params) {
		if err != nil {
			return FindResult{After: read}, chargeError(err, "list payment intents")
		}
		if pi.Metadata["checkout_session_id"] == q.SessionID {
			switch pi.Status {
			case stripe.PaymentIntentStatusSucceeded, stripe.PaymentIntentStatusRequiresCapture:
				res, err := p.result(ctx, pi, cardInfo{})
				return FindResult{Charge: res, Made: err == nil, After: read}, err
			case stripe.PaymentIntentStatusProcessing:
				return FindResult{After: read}, &ChargeError{Kind: ErrPaymentUnavailable, Code: "processing",
					Reason: "the payment is still processing"}
			}
		}
		read = pi.ID
	}
	return FindResult{}, nil
}

// result checks the PaymentIntent's status and fills in the card.
func (p *StripePayments) result(ctx context.Context, pi *stripe.PaymentIntent, card cardInfo) (ChargeResult, error) {
	switch pi.Status {
	case stripe.PaymentIntentStatusSucceeded, stripe.PaymentIntentStatusRequiresCapture:
	case stripe.PaymentIntentStatusProcessing:
		return ChargeResult{}, &ChargeError{Kind: ErrPaymentUnavailable, Code: "processing",
			Reason: "the payment is still processing"}
	case stripe.PaymentIntentStatusRequiresAction:
		return ChargeResult{}, &ChargeError{Kind: ErrDeclined, Code: "authentication_required",
			Reason: "the payment needs the buyer's authentication"}
	default:
		ce := &ChargeError{Kind: ErrDeclined, Code: "payment_intent_" + string(pi.Status),
			Reason: "the payment did not succeed"}
		if e := pi.LastPaymentError; e != nil {
			ce.Code, ce.DeclineCode = string(e.Code), string(e.DeclineCode)
		}
		return ChargeResult{}, ce
	}
	res := ChargeResult{PaymentIntentID: pi.ID, CardBrand: card.Brand, CardLast4: card.Last4}
	if pm := pi.PaymentMethod; pm != nil {
		if pm.Card == nil && pm.ID != "" && res.CardLast4 == "" {
			if got, err := p.sc.V1PaymentMethods.Retrieve(ctx, pm.ID, nil); err == nil {
				pm = got
			}
		}
		if pm.Card != nil {
			res.CardBrand, res.CardLast4 = string(pm.Card.Brand), pm.Card.Last4
		}
	}
	return res, nil
}

// grantedToken is the part of a shared_payment.granted_token the seller checks.
type grantedToken struct {
	stripe.APIResource
	ID                string  `json:"id"`
	DeactivatedAt     *int64  `json:"deactivated_at"`
	DeactivatedReason *string `json:"deactivated_reason"`
	UsageLimits       struct {
		Currency  string `json:"currency"`
		MaxAmount int64  `json:"max_amount"`
		ExpiresAt *int64 `json:"expires_at"`
	} `json:"usage_limits"`
	UsageDetails struct {
		AmountCaptured struct {
			Value int64 `json:"value"`
		} `json:"amount_captured"`
	} `json:"usage_details"`
	PaymentMethodDetails struct {
		Card cardInfo `json:"card"`
	} `json:"payment_method_details"`
}

type cardInfo struct {
	Brand string `json:"brand"`
	Last4 string `json:"last4"`
}

// grantedToken retrieves the token with the preview version. It goes through the
// backend's untyped Call rather than the rawrequest package, whose v82 RawRequest
// dereferences a nil response when the network fails.
func (p *StripePayments) grantedToken(ctx context.Context, token string) (*grantedToken, error) {
	params := &stripe.Params{Context: ctx, Headers: http.Header{"Stripe-Version": {p.version}}}
	var gt grantedToken
	err := p.api.Call(http.MethodGet, "/v1/shared_payment/granted_tokens/"+url.PathEscape(token), p.key, params, &gt)
	if err != nil {
		return nil, chargeError(err, "retrieve granted token")
	}
	if gt.ID == "" {
		return nil, &ChargeError{Reason: "retrieve granted token: the response is not a granted token"}
	}
	return &gt, nil
}

// usable checks the token's limits against a charge.
func (gt *grantedToken) usable(amount int64, currency string, now time.Time) error {
	reject := func(code, reason string) error {
		return &ChargeError{Kind: ErrTokenRejected, Code: code, Reason: reason}
	}
	lim := gt.UsageLimits
	switch {
	case gt.DeactivatedAt != nil || gt.DeactivatedReason != nil && *gt.DeactivatedReason != "":
		reason := "deactivated"
		if gt.DeactivatedReason != nil && *gt.DeactivatedReason != "" {
			reason = *gt.DeactivatedReason
		}
		return reject("token_"+reason, "the token is "+reason)
	case lim.ExpiresAt != nil && *lim.ExpiresAt > 0 && !now.Before(time.Unix(*lim.ExpiresAt, 0)):
		return reject("token_expired", "the token is expired")
	case !strings.EqualFold(lim.Currency, currency):
		return reject("token_currency_mismatch", fmt.Sprintf("the token is for %s, the checkout is in %s",
			strings.ToUpper(lim.Currency), strings.ToUpper(currency)))
	case lim.MaxAmount-gt.UsageDetails.AmountCaptured.Value < amount:
		return reject("token_amount_too_small", fmt.Sprintf("the token allows %d, the checkout total is %d",
			lim.MaxAmount-gt.UsageDetails.AmountCaptured.Value, amount))
	}
	return nil
}

// tokenCodes are Stripe invalid_request_error codes that mean the token cannot pay.
var tokenCodes = map[string]bool{
	"resource_missing":                 true,
	"payment_method_currency_mismatch": true,
	"amount_too_large":                 true,
	"token_already_used":               true,
	"token_in_use":                     true,
}

// chargeError maps a stripe-go error to a *ChargeError without copying Stripe's
// message, which may quote the token.
func chargeError(err error, op string) error {
	var se *stripe.Error
	if !errors.As(err, &se) {
		ce := &ChargeError{Kind: ErrPaymentUnavailable, Reason: op + ": network error", Err: err}
		var ne interface{ Timeout() bool }
		if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
			ce.Reason = op + ": timed out"
		}
		return ce
	}
	ce := &ChargeError{Code: string(se.Code), DeclineCode: string(se.DeclineCode), HTTPStatus: se.HTTPStatusCode,
		RequestID: se.RequestID, Reason: op, Err: err}
	code := string(se.Code)
	switch {
	case se.Type == stripe.ErrorTypeCard || se.HTTPStatusCode == http.StatusPaymentRequired:
		ce.Kind, ce.Reason = ErrDeclined, "the card was declined"
	case se.HTTPStatusCode == http.StatusTooManyRequests || se.HTTPStatusCode >= 500 ||
		se.Type == stripe.ErrorTypeAPI || se.HTTPStatusCode == 0:
		ce.Kind = ErrPaymentUnavailable
	case se.Type == stripe.ErrorTypeInvalidRequest &&
		(tokenCodes[code] || strings.HasPrefix(code, "shared_payment_token") || se.Param == sptParam):
		ce.Kind = ErrTokenRejected
		ce.Reason = tokenReason(code)
	}
	return ce
}

func tokenReason(code string) string {
	switch {
	case code == "resource_missing":
		return "the token is unknown to this seller"
	case code == "payment_method_currency_mismatch":
		return "the token is for another currency"
	case code == "amount_too_large":
		return "the total is above the token's limit"
	case strings.HasPrefix(code, "shared_payment_token_"):
		return "the token is " + strings.ReplaceAll(strings.TrimPrefix(code, "shared_payment_token_"), "_", " ")
	}
	return "Stripe refused the token"
}
