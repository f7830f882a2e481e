package stripesim

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// Token statuses and deactivation reasons, as Stripe spells them.
const (
	statusActive         = "active"
	statusRequiresAction = "requires_action"
	statusDeactivated    = "deactivated"

	reasonConsumed = "consumed"
	reasonExpired  = "expired"
	reasonRevoked  = "revoked"
	reasonResolved = "resolved"
)

// token is one shared payment token: the issuer's issued_token and the seller's
// granted_token are two views of it, under the same spt_ id.
type token struct {
	id            string
	issuer        string // issuing account id; "" for tokens made by the seller test helper
	agentProfile  string // the issuer's profile; "" for test-helper tokens
	sellerProfile string // the profile the token is scoped to
	externalID    string
	pm            string
	card          testCard
	currency      string
	maxAmount     int64
	expiresAt     int64 // unix seconds; 0 means no expiry
	captured      int64
	held          int64 // authorized by a manual-capture PaymentIntent, neither captured nor released yet
	metadata      map[string]string
	returnURL     string
	setupFuture   string
	useStripeSDK  *bool
	created       int64
	made          int64 // unix nanoseconds: the order in which Options.Keep forgets
	status        string
	reason        string
	deactivatedAt int64
	next          *nextAction
}

// refresh applies expiry: a token past usage_limits[expires_at] is deactivated as of
// that moment.
func (t *token) refresh(now time.Time) {
	if t.status != statusDeactivated && t.expiresAt != 0 && now.Unix() >= t.expiresAt {
		t.deactivate(reasonExpired, t.expiresAt)
	}
}

func (t *token) deactivate(reason string, at int64) {
	t.status, t.reason, t.deactivatedAt, t.next = statusDeactivated, reason, at, nil
}

// issueToken serves POST /v1/shared_payment/issued_tokens.
func (s *Server) issueToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	f := c.form
	if err := checkParams(f, "payment_method", "seller_details[network_business_profile]", "seller_details[external_id]",
		"usage_limits[currency]", "usage_limits[max_amount]", "usage_limits[expires_at]", "shared_metadata[*]",
		"return_url", "use_stripe_sdk", "setup_future_usage", "expand[*]"); err != nil {
		return nil, err
	}
	pmID, err := required(f, "payment_method")
	if err != nil {
		return nil, err
	}
	profile, err := required(f, "seller_details[network_business_profile]")
	if err != nil {
		return nil, err
	}
	t, err := s.usageLimits(c)
	if err != nil {
		return nil, err
	}
	if t.metadata, err = metadata(f, "shared_metadata"); err != nil {
		return nil, err
	}
	if sfu := f.Get("setup_future_usage"); sfu != "" && sfu != "on_session" {
		return nil, invalid("setup_future_usage", "setup_future_usage can only be on_session.")
	}
	if v := f.Get("use_stripe_sdk"); v != "" {
		b, err := boolParam(f, "use_stripe_sdk", true)
		if err != nil {
			return nil, err
		}
		t.useStripeSDK = &b
	}
	if t.useStripeSDK != nil && !*t.useStripeSDK && f.Get("return_url") == "" {
		return nil, missingParam("return_url")
	}
	pm, ok := s.lookupPaymentMethod(pmID, c.acct.ID, c.now.Unix())
	if !ok {
		return nil, noSuch(http.StatusBadRequest, "PaymentMethod", "payment_method")
	}
	if _, ok := s.profiles[profile]; !ok {
		return nil, noSuch(http.StatusBadRequest, "network business profile", "seller_details[network_business_profile]")
	}
	t.id = newID("spt_")
	t.issuer, t.agentProfile, t.sellerProfile = c.acct.ID, c.acct.Profile, profile
	t.externalID, t.returnURL, t.setupFuture = f.Get("seller_details[external_id]"), f.Get("return_url"), f.Get("setup_future_usage")
	t.pm, t.card = pmID, pm.card
	t.status = statusActive
	if pm.card.requiresAction {
		t.status, t.next = statusRequiresAction, newNextAction(t)
	}
	s.addToken(t)
	return s.issuedView(t), nil
}

// addToken keeps t and forgets the oldest tokens beyond the newest Options.Keep.
// The caller holds s.mu.
func (s *Server) addToken(t *token) {
	s.tokens[t.id] = t
	keep.Trim(s.tokens, s.keep, func(t *token) int64 { return t.made }, nil)
}

// usageLimits reads usage_limits[currency|max_amount|expires_at] into a new token.
func (s *Server) usageLimits(c *call) (*token, *apiError) {
	cur, err := required(c.form, "usage_limits[currency]")
	if err != nil {
		return nil, err
	}
	if err := lowerCurrency("usage_limits[currency]", cur); err != nil {
		return nil, err
	}
	maxAmount, err := positiveInt(c.form, "usage_limits[max_amount]")
	if err != nil {
		return nil, err
	}
	exp, err := futureTime(c.form, "usage_limits[expires_at]", c.now)
	if err != nil {
		return nil, err
	}
	return &token{currency: cur, maxAmount: maxAmount, expiresAt: exp, created: c.now.Unix(), made: c.now.UnixNano()}, nil
}

func newNextAction(t *token) *nextAction {
	if t.useStripeSDK != nil && !*t.useStripeSDK {
		return &nextAction{Type: "redirect_to_url", RedirectToURL: &redirectToURL{
			URL: "https://sandbox.stripe.invalid/authenticate/" + rand.Text(), ReturnURL: t.returnURL}}
	}
	return &nextAction{Type: "use_stripe_sdk", UseStripeSDK: &useStripeSDK{
		Value: base64.StdEncoding.EncodeToString([]byte("sandbox-authentication:" + rand.Text()))}}
}

// issuedToken finds a token the calling account issued.
func (s *Server) issuedToken(c *call) (*token, *apiError) {
	t, ok := s.tokens[c.ids[0]]
	if !ok || t.issuer != c.acct.ID {
		return nil, noSuch(http.StatusNotFound, "shared payment issued token", "")
	}
	t.refresh(c.now)
	return t, nil
}

// grantedToken finds a token scoped to the calling account's profile.
func (s *Server) grantedToken(c *call) (*token, *apiError) {
	t, ok := s.tokens[c.ids[0]]
	if !ok || t.sellerProfile != c.acct.Profile {
		return nil, noSuch(http.StatusNotFound, "shared payment granted token", "")
	}
	t.refresh(c.now)
	return t, nil
}

// getIssuedToken serves GET /v1/shared_payment/issued_tokens/{id}.
func (s *Server) getIssuedToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	t, err := s.issuedToken(c)
	if err != nil {
		return nil, err
	}
	return s.issuedView(t), nil
}

// revokeIssuedToken serves POST /v1/shared_payment/issued_tokens/{id}/revoke. Revoking
// a deactivated token changes nothing and returns it.
func (s *Server) revokeIssuedToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	t, err := s.issuedToken(c)
	if err != nil {
		return nil, err
	}
	if t.status != statusDeactivated {
		t.deactivate(reasonRevoked, c.now.Unix())
	}
	return s.issuedView(t), nil
}

// getGrantedToken serves GET /v1/shared_payment/granted_tokens/{id}.
func (s *Server) getGrantedToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	t, err := s.grantedToken(c)
	if err != nil {
		return nil, err
	}
	return s.grantedView(t), nil
}

// createTestGrantedToken serves the seller test helper
// POST /v1/test_helpers/shared_payment/granted_tokens: a token granted to the caller by
// no agent.
func (s *Server) createTestGrantedToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	f := c.form
	if err := checkParams(f, "payment_method", "usage_limits[currency]", "usage_limits[max_amount]",
		"usage_limits[expires_at]", "customer", "shared_metadata[*]", "expand[*]"); err != nil {
		return nil, err
	}
	pmID, err := required(f, "payment_method")
	if err != nil {
		return nil, err
	}
	t, err := s.usageLimits(c)
	if err != nil {
		return nil, err
	}
	if t.metadata, err = metadata(f, "shared_metadata"); err != nil {
		return nil, err
	}
	card, ok := testCards[pmID]
	if !ok {
		return nil, noSuch(http.StatusBadRequest, "PaymentMethod", "payment_method")
	}
	t.id, t.sellerProfile, t.pm, t.card, t.status = newID("spt_"), c.acct.Profile, pmID, card, statusActive
	s.addToken(t)
	return s.grantedView(t), nil
}

// revokeTestGrantedToken serves POST /v1/test_helpers/shared_payment/granted_tokens/{id}/revoke.
func (s *Server) revokeTestGrantedToken(c *call) (any, *apiError) {
	if err := needPreview(c); err != nil {
		return nil, err
	}
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	t, err := s.grantedToken(c)
	if err != nil {
		return nil, err
	}
	if t.status != statusDeactivated {
		t.deactivate(reasonRevoked, c.now.Unix())
	}
	return s.grantedView(t), nil
}
