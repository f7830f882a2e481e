package stripesim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzPaths are the POST routes a fuzzed form body is sent to.
var fuzzPaths = []string{
	"/v1/payment_intents",
	"/v1/shared_payment/issued_tokens",
	"/v1/test_helpers/shared_payment/granted_tokens",
	"/v1/shared_payment/issued_tokens/spt_x/revoke",
}

// fuzzAllowed are allowed-parameter lists of the shapes the handlers use.
var fuzzAllowed = [][]string{
	{"expand[*]"},
	{"amount", "currency", "metadata[*]", sptParam, "payment_method_types[*]", "expand[*]"},
	{"payment_method", "usage_limits[max_amount]", "shared_metadata[*]"},
}

// FuzzFormParams sends arbitrary form bodies through the emulator and its parameter
// checks. The emulator must never panic or fail with a 5xx, must always answer with a
// Stripe error envelope or an object, and must never accept a key whose brackets nest
// (the map parameters are one level deep, so a nesting bomb is one unknown key).
func FuzzFormParams(f *testing.F) {
	exp := time.Date(2026, 9, 1, 12, 15, 0, 0, time.UTC).Unix()
	for _, s := range []string{
		"amount=1000&currency=usd&confirm=true&payment_method_data[shared_payment_granted_token]=spt_x&metadata[order]=1",
		"payment_method=pm_card_visa&seller_details[network_business_profile]=" + sellerProfile +
			"&usage_limits[currency]=usd&usage_limits[max_amount]=5000&usage_limits[expires_at]=" + strconv.FormatInt(exp, 10) + "&shared_metadata[k]=v",
		"payment_method=pm_card_visa&usage_limits[currency]=usd&usage_limits[max_amount]=1&usage_limits[expires_at]=" + strconv.FormatInt(exp, 10),
		"metadata" + strings.Repeat("[a]", 2000) + "=x&amount=1",
		strings.Repeat("[", 5000) + "=1&" + strings.Repeat("]", 5000) + "=2",
		"expand[]=a&expand[]=b&metadata[]=x&metadata[[]]=y&%zz=1",
		strings.Repeat("metadata[k]=v&", 60) + "amount=1",
	} {
		for i := range fuzzPaths {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, body string, path uint8) {
		if form, err := url.ParseQuery(body); err == nil {
			checkParamsInvariants(t, form)
		}

		sb := New(Options{Now: func() time.Time { return time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC) }})
		for key, a := range map[string]Account{
			agentKey:  {ID: "acct_agent", Profile: agentProfile},
			sellerKey: {ID: "acct_seller", Profile: sellerProfile},
		} {
			if err := sb.AddAccount(key, a); err != nil {
				t.Fatal(err)
			}
		}
		key := agentKey
		if path%2 == 0 {
			key = sellerKey
		}
		req := httptest.NewRequest(http.MethodPost, fuzzPaths[int(path)%len(fuzzPaths)], strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Stripe-Version", preview)
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, req)

		if rec.Code >= 500 {
			t.Fatalf("status %d for body %q: %s", rec.Code, body, rec.Body)
		}
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("response is not a JSON object: %v: %q", err, rec.Body)
		}
		if rec.Code != http.StatusOK {
			e, ok := out["error"].(map[string]any)
			if !ok || e["message"] == "" {
				t.Fatalf("status %d without an error envelope: %q", rec.Code, rec.Body)
			}
			return
		}
		if form, err := url.ParseQuery(body); err == nil {
			for k := range form {
				if strings.Contains(k, "][") {
					t.Fatalf("accepted a request with the nested key %q", k)
				}
			}
		}
	})
}

// checkParamsInvariants checks checkParams and metadata on one parsed form: an
// accepted key matches an allowed name exactly or is one level below a "name[*]",
// and accepted metadata keeps Stripe's limits.
func checkParamsInvariants(t *testing.T, form url.Values) {
	for _, allowed := range fuzzAllowed {
		if checkParams(form, allowed...) != nil {
			continue
		}
		for k := range form {
			ok := slices.Contains(allowed, k)
			for _, a := range allowed {
				prefix, isMap := strings.CutSuffix(a, "[*]")
				inner, found := strings.CutPrefix(k, prefix+"[")
				if isMap && found && strings.HasSuffix(inner, "]") && !strings.ContainsAny(inner[:len(inner)-1], "[]") {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("checkParams(%q) accepted key %q", allowed, k)
			}
		}
		for _, a := range allowed {
			name, isMap := strings.CutSuffix(a, "[*]")
			if !isMap {
				continue
			}
			m, err := metadata(form, name)
			if err != nil {
				continue
			}
			if len(m) > maxMetadataKeys {
				t.Fatalf("metadata %s has %d keys", name, len(m))
			}
			for k, v := range m {
				if k == "" || utf8.RuneCountInString(k) > maxMetadataKeyLen || strings.ContainsAny(k, "[]") || utf8.RuneCountInString(v) > maxMetadataValueLen {
					t.Fatalf("metadata %s accepted %q = %q", name, k, v)
				}
			}
		}
	}
}
