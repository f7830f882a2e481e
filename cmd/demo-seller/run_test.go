package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// newCatalog writes a catalog with seller "shop" selling "mug" and returns its path.
func newCatalog(t *testing.T) string {
	t.Helper()
	path := testshop.Path(t)
	n := int64(3)
	testshop.WriteCatalog(t, path, []catalog.Seller{{ID: "shop", Name: "Shop", StripeProfileID: "profile_test_shop"}},
		[]catalog.Product{{ID: "mug", SellerID: "shop", Title: "Mug", Price: money.Money{Amount: 1500, Currency: "USD"}, Stock: &n}})
	return path
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestRunCommandLine(t *testing.T) {
	db := newCatalog(t)
	full := []string{"--db", db, "--seller", "shop", "--api-key", "k", "--stripe-key", "sk_test_1"}
	with := func(extra ...string) []string { return append(append([]string{}, full...), extra...) }
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte("sk_test_1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		want       string // in the error or stdout
		wantStderr string
	}{
		{name: "help", args: []string{"--help"}, env: map[string]string{"STRIPE_SECRET_KEY": "sk_test_1"}, want: "-stripe-url URL"},
		{name: "nothing", wantCode: 2, want: "missing --db (or COMMERCE_DB), --seller, DEMO_SELLER_API_KEY (or --api-key-file), STRIPE_SECRET_KEY (or --stripe-key-file)"},
		{name: "env fills in", args: []string{"--seller", "shop"}, env: map[string]string{"COMMERCE_DB": db, "DEMO_SELLER_API_KEY": "k"},
			wantCode: 2, want: "missing STRIPE_SECRET_KEY (or --stripe-key-file); run"},
		{name: "keys from files", args: []string{"--db", db, "--seller", "shop", "--api-key-file", keyFile, "--stripe-key-file", keyFile, "--addr", "256.0.0.1:1"},
			wantCode: 1, want: "listen on 256.0.0.1:1"},
		{name: "key flag and file", args: with("--api-key-file", keyFile), wantCode: 2, want: "either --api-key or --api-key-file"},
		{name: "empty key file", args: []string{"--db", db, "--seller", "shop", "--api-key-file", os.DevNull, "--stripe-key", "s"}, wantCode: 2, want: "is empty"},
		{name: "unknown flag", args: []string{"--port", "1"}, wantCode: 2, want: "flag provided but not defined: -port"},
		{name: "argument", args: with("serve"), wantCode: 2, want: "takes no arguments"},
		{name: "bad log level", args: with("--log-level", "loud"), wantCode: 2, want: "--log-level"},
		{name: "bad stripe url", args: with("--stripe-url", "localhost:12111"), wantCode: 2, want: "--stripe-url"},
		{name: "no database", args: []string{"--db", filepath.Join(t.TempDir(), "none.db"), "--seller", "shop", "--api-key", "k", "--stripe-key", "s"},
			wantCode: 1, want: "no catalog database at"},
		{name: "unknown seller", args: []string{"--db", db, "--seller", "nobody", "--api-key", "k", "--stripe-key", "s"},
			wantCode: 2, want: `seller "nobody" is not in the catalog`},
		{name: "bad address, keys as flags", args: with("--addr", "256.0.0.1:1"), wantCode: 1, want: "listen on 256.0.0.1:1",
			wantStderr: "--stripe-key is visible to other users in the process list"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, env(tc.env), &stdout, &stderr)
			code, out := 0, stdout.String()
			if err != nil {
				code, out = exitCode(err), err.Error()
			}
			if code != tc.wantCode || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d %q, want %d with %q", code, out, tc.wantCode, tc.want)
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.wantStderr)
			}
			if strings.Contains(stderr.String()+out, "sk_test_1") {
				t.Error("the Stripe key was printed")
			}
		})
	}
}

// TestRunServes starts the seller against the sandbox, buys a mug through it and shuts
// it down.
func TestRunServes(t *testing.T) {
	db := newCatalog(t)
	sb := stripesim.New(stripesim.Options{})
	if err := sb.AddAccount("sk_test_shop", stripesim.Account{ID: "acct_shop", Profile: "profile_test_shop"}); err != nil {
		t.Fatal(err)
	}
	if err := sb.AddAccount("sk_test_agent", stripesim.Account{ID: "acct_agent", Profile: "profile_test_agent"}); err != nil {
		t.Fatal(err)
	}
	stripeSrv := httptest.NewServer(sb)
	defer stripeSrv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	var stderr syncbuf.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--db", db, "--seller", "shop", "--stripe-url", stripeSrv.URL},
			env(map[string]string{"DEMO_SELLER_API_KEY": "seller-key", "STRIPE_SECRET_KEY": "sk_test_shop"}), outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no listening line: %v (stderr %s)", err, stderr.String())
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "demo-seller listening on "))
	go io.Copy(io.Discard, outR)

	c := acp.NewClient(base, "seller-key")
	// Shipped to Oregon (no tax in the demo table), under the free-shipping threshold.
	to := &acp.FulfillmentDetails{Name: "Ada", Address: &acp.Address{Name: "Ada", LineOne: "1 Main St", City: "Portland", State: "OR",
		Country: "US", PostalCode: "97201"}}
	s, err := c.Create(ctx, acp.CreateRequest{LineItems: []acp.Item{{ID: "mug", Quantity: 2}}, Currency: "usd", FulfillmentDetails: to}, "create-1")
	if err != nil {
		t.Fatal(err)
	}
	total, _ := s.Total(acp.TotalTotal)
	if s.Status != acp.StatusReadyForPayment || total != 3000+seller.StandardShipping {
		t.Fatalf("session %s total %d", s.Status, total)
	}
	token := issueToken(t, stripeSrv.URL, total)
	done2, err := c.Complete(ctx, s.ID, acp.CompleteRequest{PaymentData: acp.SPTPayment(token)}, "complete-1")
	if err != nil || done2.Status != acp.StatusCompleted || !strings.HasPrefix(done2.Order.PermalinkURL, base+"/orders/") {
		t.Fatalf("complete: %+v, %v", done2, err)
	}
	if pis := sb.PaymentIntents(); len(pis) != 1 || pis[0].Status != "succeeded" {
		t.Errorf("PaymentIntents %+v", pis)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel: %v", err)
	}
	logs := stderr.String()
	if !strings.Contains(logs, "checkout session completed") || !strings.Contains(logs, "shutting down") {
		t.Errorf("logs: %s", logs)
	}
	for _, secret := range []string{token, "seller-key", "sk_test_shop"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a secret")
		}
	}
}

// issueToken issues an SPT for pm_card_visa scoped to the shop, as the agent.
func issueToken(t *testing.T, stripeURL string, max int64) string {
	t.Helper()
	form := url.Values{
		"payment_method": {"pm_card_visa"},
		"seller_details[network_business_profile]": {"profile_test_shop"},
		"usage_limits[currency]":                   {"usd"},
		"usage_limits[max_amount]":                 {strconv.FormatInt(max, 10)},
		"usage_limits[expires_at]":                 {strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)},
	}
	req, err := http.NewRequest("POST", stripeURL+"/v1/shared_payment/issued_tokens", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer sk_test_agent")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Stripe-Version", seller.DefaultStripePreviewVersion)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct{ ID string }
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != 200 || !strings.HasPrefix(tok.ID, "spt_") {
		t.Fatalf("issue token: HTTP %d, %v", resp.StatusCode, err)
	}
	return tok.ID
}
