package stripesim

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
)

func TestIssueValidation(t *testing.T) {
	f := newFixture(t, Options{})
	past := strconv.FormatInt(f.clock.Now().Add(-time.Second).Unix(), 10)
	for _, tc := range []struct {
		name    string
		set     map[string]string
		version string
		code    string
		param   string
	}{
		{"missing payment_method", map[string]string{"payment_method": ""}, "", CodeParameterMissing, "payment_method"},
		{"missing seller profile", map[string]string{"seller_details[network_business_profile]": ""}, "", CodeParameterMissing, "seller_details[network_business_profile]"},
		{"missing currency", map[string]string{"usage_limits[currency]": ""}, "", CodeParameterMissing, "usage_limits[currency]"},
		{"missing max_amount", map[string]string{"usage_limits[max_amount]": ""}, "", CodeParameterMissing, "usage_limits[max_amount]"},
		{"uppercase currency", map[string]string{"usage_limits[currency]": "USD"}, "", CodeParameterInvalid, "usage_limits[currency]"},
		{"four-letter currency", map[string]string{"usage_limits[currency]": "usdt"}, "", CodeParameterInvalid, "usage_limits[currency]"},
		{"zero max_amount", map[string]string{"usage_limits[max_amount]": "0"}, "", CodeParameterInvalidInteger, "usage_limits[max_amount]"},
		{"negative max_amount", map[string]string{"usage_limits[max_amount]": "-5"}, "", CodeParameterInvalidInteger, "usage_limits[max_amount]"},
		{"decimal max_amount", map[string]string{"usage_limits[max_amount]": "10.5"}, "", CodeParameterInvalidInteger, "usage_limits[max_amount]"},
		{"expires_at in the past", map[string]string{"usage_limits[expires_at]": past}, "", CodeParameterInvalid, "usage_limits[expires_at]"},
		{"expires_at not a number", map[string]string{"usage_limits[expires_at]": "soon"}, "", CodeParameterInvalidInteger, "usage_limits[expires_at]"},
		{"unknown payment method", map[string]string{"payment_method": "pm_card_nope"}, "", CodeResourceMissing, "payment_method"},
		{"unregistered seller profile", map[string]string{"seller_details[network_business_profile]": "profile_test_nobody"}, "", CodeResourceMissing, "seller_details[network_business_profile]"},
		{"unknown parameter", map[string]string{"customer": "cus_1"}, "", CodeParameterUnknown, "customer"},
		{"alpha-only parameter", map[string]string{"usage_limits[recurring_interval]": "month"}, "", CodeParameterUnknown, "usage_limits[recurring_interval]"},
		{"redirect without return_url", map[string]string{"use_stripe_sdk": "false"}, "", CodeParameterMissing, "return_url"},
		{"bad setup_future_usage", map[string]string{"setup_future_usage": "off_session"}, "", CodeParameterInvalid, "setup_future_usage"},
		{"metadata key too long", map[string]string{"shared_metadata[" + strings.Repeat("k", 41) + "]": "v"}, "", CodeParameterInvalid, "shared_metadata[" + strings.Repeat("k", 41) + "]"},
		{"GA API version", nil, "2025-08-27.basil", CodePreviewVersionRequired, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", f.issueForm(tc.set), "", tc.version)
			se := stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, tc.code)
			if se.Param != tc.param {
				t.Errorf("param = %q, want %q", se.Param, tc.param)
			}
		})
	}
	if n := len(f.sb.Tokens()); n != 0 {
		t.Fatalf("%d tokens exist after rejected requests, want 0", n)
	}
}

func TestIssuedTokenLifecycle(t *testing.T) {
	f := newFixture(t, Options{})
	exp := f.clock.Now().Add(15 * time.Minute).Unix()
	m, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", f.issueForm(map[string]string{
		"seller_details[external_id]": "merchant_42",
		"shared_metadata[quote]":      "q_1",
	}), "", "")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := m["id"].(string)
	limits, _ := m["usage_limits"].(map[string]any)
	seller, _ := m["seller_details"].(map[string]any)
	captured := m["usage_details"].(map[string]any)["amount_captured"].(map[string]any)
	switch {
	case !strings.HasPrefix(id, "spt_") || len(id) < 20:
		t.Fatalf("id = %q, want a random spt_ id", id)
	case m["object"] != "shared_payment.issued_token", m["status"] != "active", m["livemode"] != false:
		t.Fatalf("token = %v", m)
	case m["deactivated_at"] != nil || m["deactivated_reason"] != nil || m["next_action"] != nil:
		t.Fatalf("fresh token has deactivation or next action: %v", m)
	case limits["currency"] != "usd" || limits["max_amount"] != 5000.0 || limits["expires_at"] != float64(exp):
		t.Fatalf("usage_limits = %v", limits)
	case seller["network_business_profile"] != sellerProfile || seller["external_id"] != "merchant_42":
		t.Fatalf("seller_details = %v", seller)
	case captured["value"] != 0.0 || captured["currency"] != "usd":
		t.Fatalf("usage_details = %v", m["usage_details"])
	case m["shared_metadata"].(map[string]any)["quote"] != "q_1":
		t.Fatalf("shared_metadata = %v", m["shared_metadata"])
	}

	path := "/v1/shared_payment/issued_tokens/" + id
	if got, _, err := f.raw(t, agentKey, http.MethodGet, path, nil, "", ""); err != nil || got["id"] != id {
		t.Fatalf("retrieve by issuer = %v, %v", got, err)
	}
	for _, key := range []string{sellerKey, otherKey} {
		_, _, err := f.raw(t, key, http.MethodGet, path, nil, "", "")
		stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
		_, _, err = f.raw(t, key, http.MethodPost, path+"/revoke", nil, "", "")
		stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
	}

	revoked, _, err := f.raw(t, agentKey, http.MethodPost, path+"/revoke", nil, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if revoked["status"] != "deactivated" || revoked["deactivated_reason"] != "revoked" || revoked["deactivated_at"] == nil {
		t.Fatalf("revoked token = %v", revoked)
	}
	f.clock.Advance(time.Minute)
	again, _, err := f.raw(t, agentKey, http.MethodPost, path+"/revoke", nil, "", "")
	if err != nil {
		t.Fatalf("second revoke: %v", err)
	}
	if again["deactivated_at"] != revoked["deactivated_at"] || again["deactivated_reason"] != "revoked" {
		t.Fatalf("second revoke changed the token: %v then %v", revoked, again)
	}
}

func TestGrantedTokenView(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, map[string]string{"payment_method": "pm_card_mastercard", "shared_metadata[cart]": "c_9"})
	path := "/v1/shared_payment/granted_tokens/" + id
	m, _, err := f.raw(t, sellerKey, http.MethodGet, path, nil, "", "")
	if err != nil {
		t.Fatal(err)
	}
	agent := m["agent_details"].(map[string]any)
	pmd := m["payment_method_details"].(map[string]any)
	card := pmd["card"].(map[string]any)
	switch {
	case m["id"] != id || m["object"] != "shared_payment.granted_token":
		t.Fatalf("granted token = %v", m)
	case agent["network_business_profile"] != agentProfile:
		t.Fatalf("agent_details = %v", agent)
	case pmd["type"] != "card" || card["brand"] != "mastercard" || card["last4"] != "4444" || card["exp_month"] == nil || card["exp_year"] == nil:
		t.Fatalf("payment_method_details = %v", pmd)
	case m["usage_limits"].(map[string]any)["max_amount"] != 5000.0:
		t.Fatalf("usage_limits = %v", m["usage_limits"])
	case m["shared_metadata"].(map[string]any)["cart"] != "c_9":
		t.Fatalf("shared_metadata = %v", m["shared_metadata"])
	case m["status"] != nil:
		t.Fatalf("granted token has a status field: %v", m)
	}
	for name, key := range map[string]string{"other seller": otherKey, "issuer": agentKey} {
		t.Run(name, func(t *testing.T) {
			_, _, err := f.raw(t, key, http.MethodGet, path, nil, "", "")
			stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
		})
	}
}

func TestExpiryDeactivates(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	f.clock.Advance(15 * time.Minute)
	m, _, err := f.raw(t, agentKey, http.MethodGet, "/v1/shared_payment/issued_tokens/"+id, nil, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if m["status"] != "deactivated" || m["deactivated_reason"] != "expired" ||
		m["deactivated_at"] != m["usage_limits"].(map[string]any)["expires_at"] {
		t.Fatalf("token after expires_at = %v", m)
	}
}

func TestRequiresAction(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		name     string
		set      map[string]string
		wantType string
	}{
		{"stripe sdk", map[string]string{"payment_method": "pm_card_authenticationRequired"}, "use_stripe_sdk"},
		{"redirect", map[string]string{"payment_method": "pm_card_authenticationRequired", "use_stripe_sdk": "false",
			"return_url": "https://agent.example/return"}, "redirect_to_url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", f.issueForm(tc.set), "", "")
			if err != nil {
				t.Fatal(err)
			}
			next, _ := m["next_action"].(map[string]any)
			if m["status"] != "requires_action" || next["type"] != tc.wantType || next[tc.wantType] == nil {
				t.Fatalf("token = %v", m)
			}
			id := m["id"].(string)
			_, err = f.charge(sellerKey, id, 1000, "usd", "")
			stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, CodeTokenRequiresAction)
			if err := f.sb.Authenticate(id); err != nil {
				t.Fatal(err)
			}
			pi, err := f.charge(sellerKey, id, 1000, "usd", "")
			if err != nil || pi.Status != stripe.PaymentIntentStatusSucceeded {
				t.Fatalf("charge after authentication = %+v, %v", pi, err)
			}
		})
	}
	if err := f.sb.Authenticate("spt_unknown"); err != ErrNotFound {
		t.Errorf("Authenticate(unknown) = %v, want ErrNotFound", err)
	}
	if err := f.sb.Authenticate(f.issue(t, nil)); err != ErrNotRequiresAction {
		t.Errorf("Authenticate(active) = %v, want ErrNotRequiresAction", err)
	}
}

func TestSellerTestHelper(t *testing.T) {
	f := newFixture(t, Options{})
	m, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/test_helpers/shared_payment/granted_tokens", map[string]string{
		"payment_method": "pm_card_visa", "usage_limits[currency]": "usd", "usage_limits[max_amount]": "1000",
	}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	id := m["id"].(string)
	if m["object"] != "shared_payment.granted_token" || m["agent_details"].(map[string]any)["network_business_profile"] != nil {
		t.Fatalf("test-helper token = %v", m)
	}
	if _, _, err := f.raw(t, agentKey, http.MethodGet, "/v1/shared_payment/issued_tokens/"+id, nil, "", ""); err == nil {
		t.Fatal("the agent sees a token it did not issue")
	}
	if pi, err := f.charge(sellerKey, id, 1000, "usd", ""); err != nil || pi.Status != stripe.PaymentIntentStatusSucceeded {
		t.Fatalf("charge = %+v, %v", pi, err)
	}

	m, _, err = f.raw(t, sellerKey, http.MethodPost, "/v1/test_helpers/shared_payment/granted_tokens", map[string]string{
		"payment_method": "pm_card_visa", "usage_limits[currency]": "usd", "usage_limits[max_amount]": "1000",
	}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	id = m["id"].(string)
	_, _, err = f.raw(t, otherKey, http.MethodPost, "/v1/test_helpers/shared_payment/granted_tokens/"+id+"/revoke", nil, "", "")
	stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
	m, _, err = f.raw(t, sellerKey, http.MethodPost, "/v1/test_helpers/shared_payment/granted_tokens/"+id+"/revoke", nil, "", "")
	if err != nil || m["deactivated_reason"] != "revoked" {
		t.Fatalf("revoke = %v, %v", m, err)
	}
}
