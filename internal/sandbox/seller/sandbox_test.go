package seller_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/form"
	"github.com/stripe/stripe-go/v82/rawrequest"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

const (
	agentKey      = "sk_test_agent_key"
	sellerKey     = "sk_test_seller_key"
	sellerProfile = "profile_test_shop"
)

// shop is the reference seller over a real catalog, charging through StripePayments on
// the sandbox, with an agent that issues tokens there.
type shop struct {
	*env
	stripe *stripesim.Server
	agent  rawrequest.Client
	inv    seller.CatalogInventory
	pay    *seller.StripePayments // the seller's
}

// shopOptions varies newShopWith.
type shopOptions struct {
	skipCheck     bool          // StripeConfig.SkipTokenCheck
	chargeTimeout time.Duration // seller Config.ChargeTimeout; 0: the default
	// stripe wraps the sandbox's handler (faults, delays); nil: none
	stripe func(http.Handler) http.Handler
}

// newShop builds the shop; skipCheck makes StripePayments charge without retrieving
// the granted token first, so that the sandbox's own checks answer.
func newShop(t *testing.T, skipCheck bool) *shop {
	t.Helper()
	return newShopWith(t, shopOptions{skipCheck: skipCheck})
}

// newShopWith builds the shop with o.
func newShopWith(t *testing.T, o shopOptions) *shop {
	t.Helper()
	clk := newClock()
	sb := stripesim.New(stripesim.Options{Now: clk.Now})
	for key, a := range map[string]stripesim.Account{
		agentKey:               {ID: "acct_agent", Profile: "profile_test_agent"},
		sellerKey:              {ID: "acct_shop", Profile: sellerProfile},
		"sk_test_other_seller": {ID: "acct_other", Profile: "profile_test_other"},
	} {
		if err := sb.AddAccount(key, a); err != nil {
			t.Fatal(err)
		}
	}
	var h http.Handler = sb
	if o.stripe != nil {
		h = o.stripe(sb)
	}
	stripeSrv := httptest.NewServer(h)
	t.Cleanup(stripeSrv.Close)
	pay, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: sellerKey, URL: stripeSrv.URL, Now: clk.Now, SkipTokenCheck: o.skipCheck})
	if err != nil {
		t.Fatal(err)
	}
	inv := seller.CatalogInventory{Catalog: openShopCatalog(t), SellerID: "shop"}
	logs := &syncbuf.Buffer{}
	sl, err := seller.New(seller.Config{APIKey: testKey, Inventory: inv, Payments: pay, Now: clk.Now,
		StripeProfile: sellerProfile, Logger: newTextLogger(logs), ChargeTimeout: o.chargeTimeout})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sl)
	t.Cleanup(srv.Close)
	backend := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{URL: stripe.String(stripeSrv.URL),
		MaxNetworkRetries: stripe.Int64(0), LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull}})
	return &shop{
		env:    &env{t: t, seller: sl, srv: srv, client: acp.NewClient(srv.URL, testKey), clock: clk, logs: logs, pay: &fakePayments{}},
		stripe: sb,
		agent:  rawrequest.Client{B: backend.(stripe.RawRequestBackend), Key: agentKey},
		inv:    inv,
		pay:    pay,
	}
}

// issue has the agent issue a token for pm scoped to profile.
func (s *shop) issue(pm, profile string, max int64, expiresIn time.Duration) string {
	s.t.Helper()
	f := &form.Values{}
	f.Add("payment_method", pm)
	f.Add("seller_details[network_business_profile]", profile)
	f.Add("usage_limits[currency]", "usd")
	f.Add("usage_limits[max_amount]", strconv.FormatInt(max, 10))
	f.Add("usage_limits[expires_at]", strconv.FormatInt(s.clock.Now().Add(expiresIn).Unix(), 10))
	resp, err := s.agent.RawRequest(http.MethodPost, "/v1/shared_payment/issued_tokens", f.Encode(),
		&stripe.RawParams{Params: stripe.Params{Headers: http.Header{"Stripe-Version": {seller.DefaultStripePreviewVersion}}}})
	if err != nil {
		s.t.Fatalf("issue token: %v", err)
	}
	var tok struct{ ID, Status string }
	if err := json.Unmarshal(resp.RawJSON, &tok); err != nil || tok.Status != "active" {
		s.t.Fatalf("issued token %s: %v", resp.RawJSON, err)
	}
	return tok.ID
}

func (s *shop) revoke(id string) {
	s.t.Helper()
	_, err := s.agent.RawRequest(http.MethodPost, "/v1/shared_payment/issued_tokens/"+url.PathEscape(id)+"/revoke", "",
		&stripe.RawParams{Params: stripe.Params{Headers: http.Header{"Stripe-Version": {seller.DefaultStripePreviewVersion}}}})
	if err != nil {
		s.t.Fatalf("revoke: %v", err)
	}
}

func TestSandboxPurchase(t *testing.T) {
	s := newShop(t, false)
	ctx := context.Background()
	cs := s.create(item("mug", 2))
	total, _ := cs.Total(acp.TotalTotal)
	if cs.Status != acp.StatusReadyForPayment || total != 2500 {
		t.Fatalf("session %s total %d", cs.Status, total)
	}
	h := cs.Capabilities.Payment.Handlers[0]
	if h.Config["network_business_profile"] != sellerProfile {
		t.Errorf("handler config %v lacks the seller's profile", h.Config)
	}
	tok := s.issue("pm_card_visa", sellerProfile, total, 10*time.Minute)
	done, err := s.complete(cs.ID, tok)
	if err != nil || done.Status != acp.StatusCompleted || done.Order == nil {
		t.Fatalf("complete: %+v, %v", done, err)
	}
	again, err := s.complete(cs.ID, tok)
	if err != nil || again.Order == nil || again.Order.ID != done.Order.ID {
		t.Errorf("complete again: %+v, %v", again, err)
	}
	pis := s.stripe.PaymentIntents()
	if len(pis) != 1 || pis[0].Status != "succeeded" || pis[0].Amount != 2500 || pis[0].Account != "acct_shop" ||
		pis[0].Metadata["checkout_session_id"] != cs.ID {
		t.Fatalf("PaymentIntents %+v", pis)
	}
	if st, ok := s.stripe.Token(tok); !ok || st.Status != "deactivated" || st.DeactivatedReason != "consumed" {
		t.Errorf("token after the charge: %+v", st)
	}
	if it, _ := s.inv.Item(ctx, "mug"); it.Purchasable || *it.Stock != 0 {
		t.Errorf("mug after selling both: %+v", it)
	}
	// A second session for the sold-out mug is not ready.
	if cs2 := s.create(item("mug", 1)); cs2.Status != acp.StatusNotReadyForPayment || !cs2.HasError(acp.CodeOutOfStock) {
		t.Errorf("session for a sold-out item: %s %+v", cs2.Status, cs2.Messages)
	}
	for _, secret := range []string{tok, testKey, sellerKey} {
		if contains(s.logs.String(), secret) {
			t.Errorf("seller logs contain a secret")
		}
	}
}

func TestSandboxPaymentFailures(t *testing.T) {
	tests := []struct {
		name    string
		token   func(s *shop) string
		message string
	}{
		{"declined card", func(s *shop) string { return s.issue("pm_card_chargeDeclined", sellerProfile, 2000, time.Hour) },
			acp.CodePaymentDeclined},
		{"limit below the total", func(s *shop) string { return s.issue("pm_card_visa", sellerProfile, 1999, time.Hour) },
			acp.CodeInvalid},
		{"token for another seller", func(s *shop) string { return s.issue("pm_card_visa", "profile_test_other", 2000, time.Hour) },
			acp.CodeInvalid},
		{"revoked token", func(s *shop) string {
			id := s.issue("pm_card_visa", sellerProfile, 2000, time.Hour)
			s.revoke(id)
			return id
		}, acp.CodeInvalid},
		{"expired token", func(s *shop) string {
			id := s.issue("pm_card_visa", sellerProfile, 2000, time.Minute)
			s.clock.Advance(2 * time.Minute)
			return id
		}, acp.CodeInvalid},
		{"not a token", func(*shop) string { return "spt_madeup" }, acp.CodeInvalid},
	}
	for _, skip := range []bool{false, true} {
		for _, tc := range tests {
			name := tc.name
			if skip {
				name += " without the token check"
			}
			t.Run(name, func(t *testing.T) { sandboxFailure(t, skip, tc.token, tc.message) })
		}
	}
}

func sandboxFailure(t *testing.T, skip bool, token func(*shop) string, message string) {
	s := newShop(t, skip)
	cs := s.create(item("poster", 1))
	got, err := s.complete(cs.ID, token(s))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != acp.StatusReadyForPayment || got.Order != nil || !got.HasError(message) {
		t.Fatalf("after: %s order %v messages %+v", got.Status, got.Order, got.Messages)
	}
	for _, pi := range s.stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			t.Errorf("a PaymentIntent succeeded: %+v", pi)
		}
	}
	// A good token completes the same session.
	good := s.issue("pm_card_visa", sellerProfile, 2000, time.Hour)
	if got, err := s.complete(cs.ID, good); err != nil || got.Status != acp.StatusCompleted {
		t.Errorf("complete with a good token: %+v, %v", got, err)
	}
}

// TestSandboxStored500: the first PaymentIntent request executed (the customer is
// charged) but Stripe stored a 500 for it, replayed to every repeat for 24 hours. The
// seller keeps the unit and the session complete_in_progress while repeats answer 500,
// and once the idempotency key may be gone it stops repeating (a repeat would run
// afresh against the used-up token, and its rejection would not prove "not made") and
// finds the PaymentIntent by listing: the session is completed with its order, the
// unit sold.
func TestSandboxStored500(t *testing.T) {
	s := newShop(t, false)
	ctx := context.Background()
	before, err := s.inv.Item(ctx, "mug")
	if err != nil {
		t.Fatal(err)
	}
	cs := s.create(item("mug", 1))
	total, _ := cs.Total(acp.TotalTotal)
	tok := s.issue("pm_card_visa", sellerProfile, total, 48*time.Hour)
	s.stripe.FailAfterExecuting(1)
	_, err = s.complete(cs.ID, tok)
	wantUnsettled(t, "complete whose charge stored a 500", err)
	s.revoke(tok) // as our saga does after an unknown outcome
	for hours := 10; hours <= 20; hours += 10 {
		s.clock.Advance(10 * time.Hour)
		s.seller.Tick(ctx)
		_, err = s.complete(cs.ID, tok)
		wantUnsettled(t, "complete with the same token", err)
		got, err := s.client.Get(ctx, cs.ID)
		if err != nil || got.Status != acp.StatusCompleteInProgress {
			t.Fatalf("after %d h: session %+v, %v; want complete_in_progress", hours, got, err)
		}
		if it, _ := s.inv.Item(ctx, "mug"); *it.Stock != *before.Stock-1 {
			t.Fatalf("after %d h: mug stock %d, want %d (held for the charge made)", hours, *it.Stock, *before.Stock-1)
		}
	}
	s.clock.Advance(10 * time.Hour)
	s.seller.Tick(ctx)
	got, err := s.client.Get(ctx, cs.ID)
	if err != nil || got.Status != acp.StatusCompleted || got.Order == nil {
		t.Errorf("after 30 h: session %+v, %v; want completed with its order", got, err)
	}
	if it, _ := s.inv.Item(ctx, "mug"); *it.Stock != *before.Stock-1 {
		t.Errorf("after 30 h: mug stock %d, want %d (sold)", *it.Stock, *before.Stock-1)
	}
	succeeded := 0
	for _, pi := range s.stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			succeeded++
		}
	}
	if succeeded != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", succeeded)
	}
}
