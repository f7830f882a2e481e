package checkout

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

// SellerAccess is what the operator configures for a real seller: its ACP checkout
// endpoint, the API key it issued us, and its Stripe network business profile. Empty
// URL and profile fall back to the catalog's.
type SellerAccess struct {
	ID            string `json:"id"`
	ACPBaseURL    string `json:"acp_base_url"`
	APIKey        string `json:"api_key"`
	StripeProfile string `json:"stripe_profile"`
	// WebhookSecret is the secret the seller signs its order events with
	// (Merchant-Signature); without one its events are refused.
	WebhookSecret string `json:"webhook_secret,omitempty"`
	// SupportURL is where the person reaches the seller's support, for what this
	// server cannot do for them (cancel an order of a seller without the cancellation
	// extension).
	SupportURL string `json:"support_url,omitempty"`
}

// Directory is Sellers for real sellers: a seller is purchasable when it has an ACP
// endpoint, an API key and a Stripe profile.
type Directory struct {
	access accessList
	hc     *http.Client

	mu      sync.Mutex
	sellers map[string]ACPSeller
}

// NewDirectory returns a Directory over the configured sellers. hc nil means a client
// with a 30 s timeout.
func NewDirectory(access []SellerAccess, hc *http.Client) *Directory {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	d := &Directory{access: accessList{}, hc: hc, sellers: map[string]ACPSeller{}}
	for _, a := range access {
		d.access[a.ID] = a
	}
	return d
}

// Checkout implements Sellers.
func (d *Directory) Checkout(ctx context.Context, seller catalog.Seller) (SellerCheckout, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.sellers[seller.ID]; ok {
		return s, nil
	}
	a, url, missing := d.access.of(seller)
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s has no %s configured", ErrNotPurchasable, seller.ID, strings.Join(missing, ", "))
	}
	s := ACPSeller{Client: acp.NewClient(url, a.APIKey, acp.WithHTTPClient(d.hc)), ProfileID: a.StripeProfile}
	d.sellers[seller.ID] = s
	return s, nil
}

// accessList is the configured sellers by id.
type accessList map[string]SellerAccess

// of returns seller's access with the catalog's URL and profile filling the gaps, its
// ACP base URL, and the names of what is missing to buy from it.
func (l accessList) of(seller catalog.Seller) (SellerAccess, string, []string) {
	a := l[seller.ID]
	url := firstOf(a.ACPBaseURL, seller.ACPBaseURL)
	a.StripeProfile = firstOf(a.StripeProfile, seller.StripeProfileID)
	var missing []string
	for _, m := range []struct{ name, v string }{{"ACP base URL", url}, {"API key", a.APIKey}, {"Stripe profile", a.StripeProfile}} {
		if m.v == "" {
			missing = append(missing, m.name)
		}
	}
	return a, url, missing
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// ModeOf tells the mode from a Stripe secret key: test for sk_test_/rk_test_ keys,
// live for live keys, sandbox when there is no key.
func ModeOf(stripeKey string) Mode {
	switch {
	case stripeKey == "":
		return ModeSandbox
	case strings.HasPrefix(stripeKey, "sk_live_"), strings.HasPrefix(stripeKey, "rk_live_"):
		return ModeLive
	}
	return ModeTest
}

// WebhookSecret returns the order events secret configured for seller sellerID.
func (d *Directory) WebhookSecret(sellerID string) ([]byte, bool) {
	a, ok := d.access[sellerID]
	if !ok || a.WebhookSecret == "" {
		return nil, false
	}
	return []byte(a.WebhookSecret), true
}

// SupportURL implements SupportLinks.
func (d *Directory) SupportURL(seller catalog.Seller) string { return d.access[seller.ID].SupportURL }
