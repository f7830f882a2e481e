// Package spt is the agent's (issuer's) client for Stripe Shared Payment Tokens: it
// issues a token that grants one seller a scoped, expiring use of the customer's saved
// payment method, retrieves it, and revokes it. It also reads PaymentMethods so that an
// operator can check a pm_ id before putting it on file.
//
// GA stripe-go has no typed API for these preview endpoints, so the calls are untyped:
// form-encoded bodies sent through a stripe-go v82 backend (its transport, retries and
// idempotency keys) with a per-request Stripe-Version header (DefaultVersion unless
// configured). The backend's CallRaw is used rather than the rawrequest package, because
// rawrequest in v82.5.1 dereferences a nil response, and so panics, on any transport
// error. The currency is sent lower-case and usage_limits[expires_at] as unix seconds.
//
// Errors: a call that reached Stripe and failed, or could not reach it, returns *Error
// (Stripe's error envelope plus the HTTP status), which tells temporary failures (429,
// 409, 5xx, network) from permanent ones and, through errors.Is(err, ErrOutcomeUnknown),
// a call whose effect is unknown (a timeout after the request was sent, a 5xx) from one
// that certainly did nothing. Parameters refused before sending wrap ErrInvalid. No
// error string, and no Token's String or LogValue, contains the secret key or a full
// spt_ id; ids are shortened to "spt_…abcd" (see RedactID). The client never logs and is
// safe for concurrent use.
package spt

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/form"
)

// DefaultVersion is the Stripe API preview version the shared payment endpoints are
// called with when Config.Version is empty.
const DefaultVersion = "2026-04-22.preview"

// Token statuses.
const (
	StatusActive         = "active"
	StatusRequiresAction = "requires_action" // the customer must authenticate first; not usable yet
	StatusDeactivated    = "deactivated"     // see Token.DeactivatedReason
)

// Reasons a token was deactivated.
const (
	ReasonConsumed = "consumed" // used up by the seller's charge
	ReasonExpired  = "expired"  // usage_limits[expires_at] passed
	ReasonRevoked  = "revoked"  // revoked by the issuer
	ReasonResolved = "resolved" // resolved by the seller
)

// Config configures a Client.
type Config struct {
	SecretKey string // the agent's Stripe secret key (sk_test_…, sk_live_…, or a restricted key)
	BaseURL   string // empty means the real API, https://api.stripe.com
	Version   string // Stripe-Version for every call; empty means DefaultVersion
	// HTTPClient carries the requests; nil means a client with an 80 s timeout.
	HTTPClient *http.Client
	// MaxNetworkRetries is how many times stripe-go retries a request that got no
	// readable answer (a transport failure), with the same Idempotency-Key and with
	// backoff; 0 means never. stripe-go v82 does not retry Stripe's own error answers,
	// 5xx included: those come back as *Error for the caller to retry.
	MaxNetworkRetries int64
}

// Client calls Stripe's shared payment issued-token endpoints as the agent. It is safe
// for concurrent use.
type Client struct {
	b       stripe.Backend
	key     string
	version string
}

// New returns a Client for cfg. It does not contact Stripe; an empty secret key makes
// every call fail with ErrInvalid.
func New(cfg Config) *Client {
	version := cfg.Version
	if version == "" {
		version = DefaultVersion
	}
	hc := &http.Client{Timeout: 80 * time.Second}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		hc = &c
	}
	hc.Transport = recorder{base: hc.Transport}
	bc := &stripe.BackendConfig{
		HTTPClient:        hc,
		MaxNetworkRetries: stripe.Int64(max(cfg.MaxNetworkRetries, 0)),
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull}, // stripe-go's logs could carry ids
		EnableTelemetry:   stripe.Bool(false),
	}
	if cfg.BaseURL != "" {
		bc.URL = stripe.String(cfg.BaseURL)
	}
	return &Client{b: stripe.GetBackendWithConfig(stripe.APIBackend, bc), key: cfg.SecretKey, version: version}
}

// Token is the agent's view of a shared payment token.
type Token struct {
	ID                string // spt_…; a secret towards everyone but the seller: log it only through RedactID
	Status            string // StatusActive, StatusRequiresAction or StatusDeactivated
	DeactivatedReason string // Reason…, empty while not deactivated
	PaymentMethod     string // the customer's pm_ id
	SellerProfile     string // the seller's network business profile
	SellerExternalID  string
	Currency          string // ISO 4217, upper case as in internal/money
	MaxAmount         int64  // minor units
	AmountCaptured    int64  // minor units the seller has captured so far; meaningful only when CapturedKnown
	// CapturedKnown is whether Stripe's reply carried usage_details.amount_captured: an
	// absent or null amount is no evidence of "nothing captured".
	CapturedKnown    bool
	CapturedCurrency string // amount_captured's currency, upper case; empty when Stripe sent none
	ExpiresAt        time.Time
	DeactivatedAt    time.Time
	Created          time.Time
	NextActionType   string // "use_stripe_sdk" or "redirect_to_url" while StatusRequiresAction
	NextActionURL    string // the redirect URL for "redirect_to_url"
	Metadata         map[string]string
	Livemode         bool
}

// IssueParams describes the token to issue.
type IssueParams struct {
	PaymentMethod    string // the customer's pm_ id (required)
	SellerProfile    string // the seller's network business profile, profile_… (required)
	SellerExternalID string // optional id of the logical seller within the network
	Currency         string // ISO 4217, either case (required)
	MaxAmount        int64  // minor units, > 0; set it to the checkout total (required)
	ExpiresAt        time.Time
	// Metadata is sent as shared_metadata, which the seller can read: no secrets here.
	Metadata map[string]string
	// IdempotencyKey makes retries safe: Stripe answers a repeat with the first result.
	// Empty means stripe-go picks one, which covers only its own retries.
	IdempotencyKey string
}

var (
	pmPattern      = regexp.MustCompile(`^pm_[A-Za-z0-9_]+$`)
	profilePattern = regexp.MustCompile(`^profile_[A-Za-z0-9_]+$`)
	idPattern      = regexp.MustCompile(`^spt_[A-Za-z0-9_]+$`)
)

// Issue creates a token. Its Status is StatusActive, or StatusRequiresAction when the
// customer must authenticate before the seller can use it. Bad parameters wrap
// ErrInvalid and send nothing; Stripe's refusals and transport failures are *Error.
func (c *Client) Issue(ctx context.Context, p IssueParams) (Token, error) {
	if err := c.checkIssue(&p); err != nil {
		return Token{}, err
	}
	v := &form.Values{}
	v.Add("payment_method", p.PaymentMethod)
	v.Add("seller_details[network_business_profile]", p.SellerProfile)
	if p.SellerExternalID != "" {
		v.Add("seller_details[external_id]", p.SellerExternalID)
	}
	v.Add("usage_limits[currency]", strings.ToLower(p.Currency))
	v.Add("usage_limits[max_amount]", strconv.FormatInt(p.MaxAmount, 10))
	v.Add("usage_limits[expires_at]", strconv.FormatInt(p.ExpiresAt.Unix(), 10))
	for k, val := range p.Metadata {
		v.Add("shared_metadata["+k+"]", val)
	}
	return c.tokenCall(ctx, "issue token", "", http.MethodPost, "/v1/shared_payment/issued_tokens", v.Encode(), p.IdempotencyKey)
}

func (c *Client) checkIssue(p *IssueParams) error {
	if err := c.checkKey(); err != nil {
		return err
	}
	switch {
	case !pmPattern.MatchString(p.PaymentMethod):
		return fmt.Errorf("%w: payment method must be a pm_ id", ErrInvalid)
	case !profilePattern.MatchString(p.SellerProfile):
		return fmt.Errorf("%w: seller profile must be a profile_ id", ErrInvalid)
	case len(p.Currency) != 3 || strings.Trim(strings.ToLower(p.Currency), "abcdefghijklmnopqrstuvwxyz") != "":
		return fmt.Errorf("%w: currency %q is not a three-letter ISO 4217 code", ErrInvalid, p.Currency)
	case p.MaxAmount <= 0:
		return fmt.Errorf("%w: max amount must be positive, got %d", ErrInvalid, p.MaxAmount)
	case p.ExpiresAt.IsZero():
		return fmt.Errorf("%w: expiry is required: a token must not stay usable forever", ErrInvalid)
	}
	for k := range p.Metadata {
		if k == "" || strings.ContainsAny(k, "[]") {
			return fmt.Errorf("%w: metadata key %q is empty or contains brackets", ErrInvalid, k)
		}
	}
	return nil
}

// Retrieve returns the token's current state, as seen by the issuer.
func (c *Client) Retrieve(ctx context.Context, id string) (Token, error) {
	if err := c.checkID(id); err != nil {
		return Token{}, err
	}
	return c.tokenCall(ctx, "retrieve token", id, http.MethodGet, "/v1/shared_payment/issued_tokens/"+id, "", "")
}

// Revoke deactivates the token so the seller can no longer use it; revoking a token that
// is already deactivated returns it unchanged. idempotencyKey may be empty.
func (c *Client) Revoke(ctx context.Context, id, idempotencyKey string) (Token, error) {
	if err := c.checkID(id); err != nil {
		return Token{}, err
	}
	return c.tokenCall(ctx, "revoke token", id, http.MethodPost, "/v1/shared_payment/issued_tokens/"+id+"/revoke", "", idempotencyKey)
}

// PaymentMethod is the non-sensitive part of a Stripe PaymentMethod.
type PaymentMethod struct {
	ID       string
	Type     string // "card", …
	Brand    string // card brand: "visa", "mastercard", …; empty for other types
	Last4    string
	ExpMonth int
	ExpYear  int
}

// PaymentMethod retrieves a PaymentMethod of the agent's account, to check that it
// exists (a missing one is an *Error with Code "resource_missing" and HTTPStatus 404).
func (c *Client) PaymentMethod(ctx context.Context, id string) (PaymentMethod, error) {
	if err := c.checkKey(); err != nil {
		return PaymentMethod{}, err
	}
	if !pmPattern.MatchString(id) {
		return PaymentMethod{}, fmt.Errorf("%w: payment method must be a pm_ id", ErrInvalid)
	}
	body, err := c.do(ctx, "retrieve payment method", "", http.MethodGet, "/v1/payment_methods/"+id, "", "")
	if err != nil {
		return PaymentMethod{}, err
	}
	var j pmJSON
	if err := json.Unmarshal(body, &j); err != nil || j.ID == "" {
		return PaymentMethod{}, badResponse("retrieve payment method", "")
	}
	pm := PaymentMethod{ID: j.ID, Type: j.Type}
	if j.Card != nil {
		pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear = j.Card.Brand, j.Card.Last4, j.Card.ExpMonth, j.Card.ExpYear
	}
	return pm, nil
}

func (c *Client) checkKey() error {
	if c.key == "" {
		return fmt.Errorf("%w: no Stripe secret key configured", ErrInvalid)
	}
	return nil
}

func (c *Client) checkID(id string) error {
	if err := c.checkKey(); err != nil {
		return err
	}
	if !idPattern.MatchString(id) {
		return fmt.Errorf("%w: token id must look like spt_…", ErrInvalid)
	}
	return nil
}

// tokenCall sends a request whose answer is an issued token and decodes it.
func (c *Client) tokenCall(ctx context.Context, op, id, method, path, body, idem string) (Token, error) {
	raw, err := c.do(ctx, op, id, method, path, body, idem)
	if err != nil {
		return Token{}, err
	}
	tok, ok := decodeToken(raw)
	if !ok {
		return Token{}, badResponse(op, id)
	}
	return tok, nil
}

// do sends one logical request (stripe-go may retry it) and returns the body of a 2xx
// answer, or an *Error.
func (c *Client) do(ctx context.Context, op, id, method, path, body, idem string) ([]byte, error) {
	if len(idem) > 255 {
		return nil, fmt.Errorf("%w: idempotency key longer than 255 characters", ErrInvalid)
	}
	tr := &trace{}
	p := &stripe.Params{Context: tr.attach(ctx), Headers: http.Header{"Stripe-Version": {c.version}}}
	if idem != "" {
		p.SetIdempotencyKey(idem)
	}
	var res rawResult
	if err := c.b.CallRaw(method, path, c.key, []byte(body), p, &res); err != nil {
		return nil, c.failure(op, id, tr, err)
	}
	if res.LastResponse == nil {
		return nil, badResponse(op, id)
	}
	return res.LastResponse.RawJSON, nil
}

// rawResult receives a response through stripe-go without decoding it; the body is in
// LastResponse.RawJSON.
type rawResult struct {
	stripe.APIResource
}
