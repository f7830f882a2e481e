package spt

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// stripeMockModule is the stripe-mock release whose embedded beta OpenAPI spec has the
// shared payment endpoints.
const stripeMockModule = "github.com/stripe/stripe-mock@v0.203.0"

// TestStripeMockValidatesRequests sends the client's real issue, retrieve and revoke
// requests to stripe-mock in beta mode, which checks them against Stripe's own beta
// OpenAPI spec. stripe-mock is stateless and answers with fixtures, so the test asserts
// only that validation passed and that the answers decode.
func TestStripeMockValidatesRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds and runs stripe-mock")
	}
	base := startStripeMock(t)
	ctx := context.Background()
	c := New(Config{SecretKey: "sk_test_123", BaseURL: base})

	tok, err := c.Issue(ctx, IssueParams{
		PaymentMethod:    "pm_card_visa",
		SellerProfile:    "profile_test_61TU90nIeGjU7NNVXA6TU90m7ISQWsBxpcx9lASWWXTk",
		SellerExternalID: "merchant_42",
		Currency:         "USD",
		MaxAmount:        2599,
		ExpiresAt:        time.Now().Add(15 * time.Minute),
		Metadata:         map[string]string{"quote": "q_1"},
		IdempotencyKey:   "stripe-mock-issue",
	})
	if err != nil {
		t.Fatalf("issue rejected by Stripe's beta spec: %v", err)
	}
	if tok.ID == "" || tok.MaxAmount == 0 {
		t.Fatalf("issue answer did not decode: %+v", tok)
	}
	id := "spt_1RgaZcFPC5QUO6ZCDVZuVA8q"
	if got, err := c.Retrieve(ctx, id); err != nil || got.ID != id {
		t.Fatalf("retrieve = %+v, %v", got, err)
	}
	if got, err := c.Revoke(ctx, id, "stripe-mock-revoke"); err != nil || got.ID == "" {
		t.Fatalf("revoke = %+v, %v", got, err)
	}
	if pm, err := c.PaymentMethod(ctx, "pm_card_visa"); err != nil || pm.Brand == "" {
		t.Fatalf("payment method = %+v, %v", pm, err)
	}

	// Control: stripe-mock really validates (an unknown parameter is refused).
	form := url.Values{"payment_method": {"pm_card_visa"}, "seller_details[network_business_profile]": {"profile_test_x"},
		"usage_limits[currency]": {"usd"}, "usage_limits[max_amount]": {"100"}, "no_such_param": {"1"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/shared_payment/issued_tokens", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("sk_test_123", "")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("stripe-mock accepted an unknown parameter (status %d): it is not validating", res.StatusCode)
	}
}

// startStripeMock builds stripe-mock into a temporary directory, starts it in beta mode
// on two free loopback ports, waits until it accepts connections and returns its HTTP
// base URL. It skips the test when stripe-mock cannot be built (no network, no module
// proxy) and kills the process on cleanup.
func startStripeMock(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipped: no go command on PATH to build stripe-mock")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goBin, "install", stripeMockModule)
	build.Dir = dir
	build.Env = append(os.Environ(), "GOBIN="+dir, "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot download or build %s (offline, or the module proxy is unreachable): %v\n%s",
			stripeMockModule, err, tail(out, 800))
	}

	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	var out syncbuf.Buffer
	cmd := exec.Command(filepath.Join(dir, "stripe-mock"), "-beta", "-http-addr", httpAddr, "-https-addr", httpsAddr)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stripe-mock: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})

	deadline := time.Now().Add(2 * time.Minute)
	for {
		conn, err := net.DialTimeout("tcp", httpAddr, time.Second)
		if err == nil {
			conn.Close()
			return "http://" + httpAddr
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("stripe-mock exited before listening: %v\n%s", err, tail([]byte(out.String()), 2000))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock did not listen on %s within 2 minutes\n%s", httpAddr, tail([]byte(out.String()), 2000))
		}
	}
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
