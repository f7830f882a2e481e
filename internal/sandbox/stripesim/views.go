package stripesim

// JSON shapes of the token objects, following Stripe's issued and granted token objects.

type issuedJSON struct {
	ID                string            `json:"id"`
	Object            string            `json:"object"`
	Created           int64             `json:"created"`
	DeactivatedAt     *int64            `json:"deactivated_at"`
	DeactivatedReason *string           `json:"deactivated_reason"`
	Livemode          bool              `json:"livemode"`
	NextAction        *nextAction       `json:"next_action"`
	PaymentMethod     string            `json:"payment_method"`
	ReturnURL         *string           `json:"return_url"`
	SellerDetails     sellerDetails     `json:"seller_details"`
	SetupFutureUsage  *string           `json:"setup_future_usage"`
	SharedMetadata    map[string]string `json:"shared_metadata"`
	Status            string            `json:"status"`
	UsageDetails      usageDetails      `json:"usage_details"`
	UsageLimits       usageLimits       `json:"usage_limits"`
	UseStripeSDK      *bool             `json:"use_stripe_sdk"`
}

type grantedJSON struct {
	ID                   string            `json:"id"`
	Object               string            `json:"object"`
	AgentDetails         agentDetails      `json:"agent_details"`
	Created              int64             `json:"created"`
	DeactivatedAt        *int64            `json:"deactivated_at"`
	DeactivatedReason    *string           `json:"deactivated_reason"`
	Livemode             bool              `json:"livemode"`
	PaymentMethodDetails pmDetails         `json:"payment_method_details"`
	SharedMetadata       map[string]string `json:"shared_metadata"`
	UsageDetails         usageDetails      `json:"usage_details"`
	UsageLimits          usageLimits       `json:"usage_limits"`
}

type sellerDetails struct {
	ExternalID             *string `json:"external_id"`
	NetworkBusinessProfile string  `json:"network_business_profile"`
}

type agentDetails struct {
	NetworkBusinessProfile *string `json:"network_business_profile"`
}

type pmDetails struct {
	Type           string         `json:"type"`
	BillingDetails billingDetails `json:"billing_details"`
	Card           cardJSON       `json:"card"`
}

type usageDetails struct {
	AmountCaptured amountJSON `json:"amount_captured"`
}

type amountJSON struct {
	Currency string `json:"currency"`
	Value    int64  `json:"value"`
}

type usageLimits struct {
	Currency  string `json:"currency"`
	ExpiresAt *int64 `json:"expires_at"`
	MaxAmount int64  `json:"max_amount"`
}

type nextAction struct {
	Type          string         `json:"type"`
	RedirectToURL *redirectToURL `json:"redirect_to_url,omitempty"`
	UseStripeSDK  *useStripeSDK  `json:"use_stripe_sdk,omitempty"`
}

type redirectToURL struct {
	URL       string `json:"url"`
	ReturnURL string `json:"return_url"`
}

type useStripeSDK struct {
	Value string `json:"value"`
}

func (s *Server) issuedView(t *token) issuedJSON {
	return issuedJSON{
		ID: t.id, Object: "shared_payment.issued_token", Created: t.created,
		DeactivatedAt: nonZero(t.deactivatedAt), DeactivatedReason: nonEmpty(t.reason),
		NextAction: t.next, PaymentMethod: t.pm, ReturnURL: nonEmpty(t.returnURL),
		SellerDetails:    sellerDetails{ExternalID: nonEmpty(t.externalID), NetworkBusinessProfile: t.sellerProfile},
		SetupFutureUsage: nonEmpty(t.setupFuture), SharedMetadata: t.metadata, Status: t.status,
		UsageDetails: t.usageDetails(), UsageLimits: t.usageLimits(), UseStripeSDK: t.useStripeSDK,
	}
}

func (s *Server) grantedView(t *token) grantedJSON {
	return grantedJSON{
		ID: t.id, Object: "shared_payment.granted_token",
		AgentDetails: agentDetails{NetworkBusinessProfile: nonEmpty(t.agentProfile)}, Created: t.created,
		DeactivatedAt: nonZero(t.deactivatedAt), DeactivatedReason: nonEmpty(t.reason),
		PaymentMethodDetails: pmDetails{Type: "card", Card: s.cardJSON(t.card)},
		SharedMetadata:       t.metadata, UsageDetails: t.usageDetails(), UsageLimits: t.usageLimits(),
	}
}

func (t *token) usageDetails() usageDetails {
	return usageDetails{AmountCaptured: amountJSON{Currency: t.currency, Value: t.captured}}
}

func (t *token) usageLimits() usageLimits {
	return usageLimits{Currency: t.currency, ExpiresAt: nonZero(t.expiresAt), MaxAmount: t.maxAmount}
}

func nonZero(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
