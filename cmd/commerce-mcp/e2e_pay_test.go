package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/store"
)

var cardRadio = regexp.MustCompile(`name="card" value="([A-Za-z_]+)"`)

// fillCardPage is the person's browser on a setup page: it reads the form, submits
// the first card offered whose id contains choice, and follows the redirect to the
// page that says to go back to the assistant.
func fillCardPage(t *testing.T, pageURL, choice string) string {
	t.Helper()
	res, err := http.Get(pageURL)
	if err != nil {
		t.Error(err)
		return ""
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	card := ""
	for _, m := range cardRadio.FindAllStringSubmatch(string(body), -1) {
		if card == "" && strings.Contains(m[1], choice) {
			card = m[1]
		}
	}
	if card == "" {
		t.Errorf("the page at %s offers no %s card", pageURL, choice)
		return ""
	}
	res, err = http.PostForm(pageURL, url.Values{"card": {card}})
	if err != nil {
		t.Error(err)
		return ""
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("after submitting: %d %s", res.StatusCode, body)
	}
	return string(body)
}

// opensPages is a client that declares URL-mode elicitation and has the person fill
// every page it is asked to open.
type opensPages struct {
	t    *testing.T
	wg   sync.WaitGroup
	mu   sync.Mutex
	done []string // the pages' final text
}

func (o *opensPages) Elicit(_ context.Context, r mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	if r.Params.Mode != mcp.ElicitationModeURL {
		return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, nil
	}
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		page := fillCardPage(o.t, r.Params.URL, "amex")
		o.mu.Lock()
		o.done = append(o.done, page)
		o.mu.Unlock()
	}()
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}}, nil
}

// inProcessStdio is run("serve", ...) in this process with its standard streams on
// pipes, and an mcp-go client on them, as a desktop client starts the program.
type inProcessStdio struct {
	c      *client.Client
	stderr *syncbuf.Buffer
	stdin  *io.PipeWriter
	done   chan error
}

// startInProcessStdio runs serve with args (after "serve") and connects a client with
// opts; the client is not initialized yet.
func startInProcessStdio(t *testing.T, ctx context.Context, args []string, opts ...client.ClientOption) *inProcessStdio {
	t.Helper()
	stdinR, stdinW := io.Pipe()
	stdoutR, stdoutW := io.Pipe()
	s := &inProcessStdio{stderr: &syncbuf.Buffer{}, stdin: stdinW, done: make(chan error, 1)}
	go func() {
		s.done <- run(ctx, append([]string{"serve"}, args...), func(string) string { return "" }, stdinR, stdoutW, s.stderr)
		stdoutW.Close()
	}()
	s.c = client.NewClient(transport.NewIO(stdoutR, stdinW, io.NopCloser(strings.NewReader(""))), opts...)
	if err := s.c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// initialize is the client's handshake, declaring caps.
func (s *inProcessStdio) initialize(ctx context.Context, name string, caps mcp.ClientCapabilities) error {
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	init.Params.ClientInfo = mcp.Implementation{Name: name, Version: "1"}
	init.Params.Capabilities = caps
	_, err := s.c.Initialize(ctx, init)
	return err
}

// stop hangs up, as a client does, and waits for run to return.
func (s *inProcessStdio) stop(t *testing.T) {
	t.Helper()
	s.stdin.Close()
	if err := <-s.done; err != nil {
		t.Fatalf("run: %v\n%s", err, s.stderr.String())
	}
}

// opensURLs declares form- and URL-mode elicitation, as a client that opens setup pages.
var opensURLs = mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{Form: &struct{}{}, URL: &struct{}{}}}

// TestStdioAddCardEndToEnd: over stdio in the sandbox, add_payment_method starts the
// loopback listener, the client opens its setup page by URL elicitation, the person
// picks a test card, and the card is listed.
func TestStdioAddCardEndToEnd(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "commerce.db")
	opener := &opensPages{t: t}
	srv := startInProcessStdio(t, ctx, []string{"--db", db, "--log-level", "debug"}, client.WithElicitationHandler(opener))
	c, stderr := srv.c, srv.stderr
	if err := srv.initialize(ctx, "e2e-pay", opensURLs); err != nil {
		t.Fatalf("initialize: %v\n%s", err, stderr.String())
	}
	var added struct {
		Status        string
		PaymentMethod struct {
			Label string
		} `json:"payment_method"`
	}
	callJSON(t, ctx, c, "add_payment_method", nil, &added)
	opener.wg.Wait()
	if added.Status != "added" || added.PaymentMethod.Label != "American Express •••• 8431" {
		t.Fatalf("add_payment_method = %+v\n%s", added, stderr.String())
	}
	if len(opener.done) != 1 || !strings.Contains(opener.done[0], "You can close this tab") {
		t.Fatalf("the person ended on %q", opener.done)
	}
	var list struct {
		PaymentMethods []struct {
			PaymentMethodID string `json:"payment_method_id"`
			Default         bool
		} `json:"payment_methods"`
	}
	callJSON(t, ctx, c, "list_payment_methods", nil, &list)
	if len(list.PaymentMethods) != 2 || !list.PaymentMethods[0].Default || !strings.HasPrefix(list.PaymentMethods[1].PaymentMethodID, "card_") {
		t.Fatalf("list = %+v", list)
	}
	if !strings.Contains(stderr.String(), "serving the payment setup pages on the loopback interface") {
		t.Errorf("no loopback listener was logged:\n%s", stderr.String())
	}
	// The emulator posted checkout.session.completed to the loopback listener's
	// webhook route, signed, and the route applied it (a poll may have been first).
	if !eventually(func() bool { return strings.Contains(stderr.String(), "Stripe webhook applied") }) {
		t.Errorf("the sandbox's webhook event was not applied:\n%s", stderr.String())
	}
	for _, mark := range []string{"pm_card_amex", "/c/setup/", "cs_test_"} {
		if strings.Contains(stderr.String(), mark) {
			t.Errorf("the log contains %q", mark)
		}
	}
	srv.stop(t)
}

// TestTwoStdioServersInOneProcess is the cause of TestStdioAddCardEndToEnd's failure
// under load ("add_payment_method = {Status:waiting …}" after 0.82 s). mcp-go's stdio
// server keeps its one session (the client's capabilities, the writer of its requests
// to the client, its notification queue) in a package variable, so a second run
// serving stdio in the same process, as the parallel stdio tests do, took over the
// first one's session: the second client's handshake replaced the first client's
// capabilities, and the first client's add_payment_method, now seen as unable to open
// a page, returned the link ("waiting") at once. A second run serving stdio in one
// process now waits for the first to end, and says so.
func TestTwoStdioServersInOneProcess(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	opener := &opensPages{t: t}
	first := startInProcessStdio(t, ctx, []string{"--db", filepath.Join(t.TempDir(), "first.db")}, client.WithElicitationHandler(opener))
	if err := first.initialize(ctx, "opens-pages", opensURLs); err != nil {
		t.Fatalf("initialize: %v\n%s", err, first.stderr.String())
	}
	second := startInProcessStdio(t, ctx, []string{"--db", filepath.Join(t.TempDir(), "second.db")})
	secondInit := make(chan error, 1)
	go func() { secondInit <- second.initialize(ctx, "no-elicitation", mcp.ClientCapabilities{}) }()
	// Go on once the second server has either answered its client's handshake (as it
	// did before) or said that it waits for the first one.
	waiting := func() bool { return strings.Contains(second.stderr.String(), stdioTurnWait) }
	for !waiting() && len(secondInit) == 0 && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	var added struct {
		Status        string
		PaymentMethod struct{ Label string } `json:"payment_method"`
	}
	callJSON(t, ctx, first.c, "add_payment_method", nil, &added)
	opener.wg.Wait()
	if added.Status != "added" || added.PaymentMethod.Label != "American Express •••• 8431" {
		t.Errorf("the first client's add_payment_method = %+v, the second server waiting: %v", added, waiting())
	}
	first.stop(t)
	if err := <-secondInit; err != nil {
		t.Fatalf("the second client's initialize: %v\n%s\nrun: %v", err, second.stderr.String(), <-second.done)
	}
	var listed struct {
		PaymentMethods []struct{ Label string } `json:"payment_methods"`
	}
	callJSON(t, ctx, second.c, "list_payment_methods", nil, &listed)
	if len(listed.PaymentMethods) != 1 {
		t.Errorf("the second server's cards = %+v", listed)
	}
	second.stop(t)
}

// TestHostedStripeWebhook: with real Stripe (the emulator standing in) over HTTP, a
// client without URL elicitation gets the setup link; once the person has entered a
// card, Stripe's signed event at /stripe/webhook, which needs no bearer token, puts it
// on file; a forged event is refused.
func TestHostedStripeWebhook(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := t.TempDir()
	w := newStripeWorld(t, dir, nil)
	page := httptest.NewServer(w.stripe.SetupPage())
	t.Cleanup(page.Close)
	w.stripe.SetPageURL(page.URL)
	const secret = "whsec_e2e_0123456789abcdef"
	db := filepath.Join(dir, "commerce.db")
	srv := startHosted(t, db, map[string]string{"STRIPE_WEBHOOK_SECRET": secret}, append([]string{"--transport", "http"}, w.args...)...)
	token := newToken(t, db, store.DemoCustomerID)
	c := httpClient(t, ctx, srv.url, token, "")
	var waiting struct {
		Status  string
		SetupID string `json:"setup_id"`
		URL     string
	}
	callJSON(t, ctx, c, "add_payment_method", nil, &waiting)
	if waiting.Status != "waiting" || !strings.HasPrefix(waiting.URL, page.URL) {
		t.Fatalf("add_payment_method = %+v", waiting)
	}
	fillCardPage(t, waiting.URL, "mastercard")

	st := func() *store.Store {
		s, err := store.Open(ctx, store.FileBeside(db))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}()
	ps, err := st.PaymentSetup(ctx, store.DemoCustomerID, waiting.SetupID)
	if err != nil || ps.Status != store.SetupOpen {
		t.Fatalf("setup before the event = %+v, %v", ps, err)
	}
	body, _ := json.Marshal(map[string]any{"id": "evt_e2e", "object": "event", "type": "checkout.session.completed",
		"data": map[string]any{"object": map[string]any{"id": ps.SessionID, "object": "checkout.session", "mode": "setup"}}})
	forged := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: "whsec_forged"}).Header
	if res := srv.do(t, "POST", "/stripe/webhook", "", string(body), map[string]string{"Stripe-Signature": forged}); res.StatusCode != http.StatusBadRequest {
		t.Fatalf("forged event: %d", res.StatusCode)
	}
	if ps, _ := st.PaymentSetup(ctx, store.DemoCustomerID, waiting.SetupID); ps.Status != store.SetupOpen {
		t.Fatalf("a forged event changed the setup: %+v", ps)
	}
	good := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret}).Header
	if res := srv.do(t, "POST", "/stripe/webhook", "", string(body), map[string]string{"Stripe-Signature": good}); res.StatusCode != http.StatusOK {
		t.Fatalf("signed event: %d\n%s", res.StatusCode, srv.stderr.String())
	}
	ps, err = st.PaymentSetup(ctx, store.DemoCustomerID, waiting.SetupID)
	if err != nil || ps.Status != store.SetupComplete || ps.PaymentMethodID != "pm_card_mastercard" {
		t.Fatalf("setup after the event = %+v, %v", ps, err)
	}
	cu, _ := st.Customer(ctx, store.DemoCustomerID)
	if !strings.HasPrefix(cu.StripeCustomerID, "cus_") {
		t.Fatalf("no Stripe Customer recorded: %+v", cu)
	}
}

// TestHostedSandboxSetupPage: over HTTP in the sandbox the setup page is a route of
// the server itself, outside bearer auth, and a browser's form post passes the Origin
// check; without a webhook, the list picks the card up by asking the emulator.
func TestHostedSandboxSetupPage(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	srv := startHosted(t, db, nil, "--transport", "http")
	c := httpClient(t, ctx, srv.url, newToken(t, db, store.DemoCustomerID), "")
	var waiting struct {
		Status  string
		SetupID string `json:"setup_id"`
		URL     string
	}
	callJSON(t, ctx, c, "add_payment_method", nil, &waiting)
	if waiting.Status != "waiting" || !strings.HasPrefix(waiting.URL, srv.base+"/c/setup/cs_") {
		t.Fatalf("add_payment_method = %+v (server at %s)", waiting, srv.base)
	}
	// The browser posts the form with its own origin, as browsers do.
	res, err := http.Get(waiting.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	req, _ := http.NewRequest(http.MethodPost, waiting.URL, strings.NewReader(url.Values{"card": {"pm_card_visa_debit"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", srv.base)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "You can close this tab") {
		t.Fatalf("after the form: %d %s", res.StatusCode, body)
	}
	// Nobody asks the emulator: the card reaches the store through the webhook event
	// the emulator posted to the server's /stripe/webhook, signed as Stripe signs.
	st, err := store.Open(ctx, store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !eventually(func() bool {
		ps, err := st.PaymentSetup(ctx, store.DemoCustomerID, waiting.SetupID)
		return err == nil && ps.Status == store.SetupComplete && strings.Contains(srv.stderr.String(), "Stripe webhook applied")
	}) {
		t.Fatalf("the setup was not completed by the sandbox's webhook event:\n%s", srv.stderr.String())
	}
	var list struct {
		PaymentMethods []struct {
			PaymentMethodID string `json:"payment_method_id"`
		} `json:"payment_methods"`
	}
	callJSON(t, ctx, c, "list_payment_methods", nil, &list)
	if len(list.PaymentMethods) != 2 || !strings.HasPrefix(list.PaymentMethods[1].PaymentMethodID, "card_") {
		t.Fatalf("list = %+v", list)
	}
}

// TestHostedURLElicitation: over Streamable HTTP on the newest protocol, a client that
// declares URL-mode elicitation is sent to the server's own setup page in an input
// request, and the retried call returns the card.
func TestHostedURLElicitation(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	srv := startHosted(t, db, nil, "--transport", "http")
	opener := &opensPages{t: t}
	c := httpClient(t, ctx, srv.url, newToken(t, db, store.DemoCustomerID), "",
		client.WithElicitationHandler(opener),
		client.WithClientCapabilities(mcp.ClientCapabilities{Elicitation: &mcp.ElicitationCapability{Form: &struct{}{}, URL: &struct{}{}}}))
	var added struct {
		Status        string
		PaymentMethod struct {
			PaymentMethodID string `json:"payment_method_id"`
		} `json:"payment_method"`
	}
	callJSON(t, ctx, c, "add_payment_method", nil, &added)
	opener.wg.Wait()
	if added.Status != "added" || !strings.HasPrefix(added.PaymentMethod.PaymentMethodID, "card_") {
		t.Fatalf("add_payment_method = %+v\n%s", added, srv.stderr.String())
	}
}

// eventually reports whether cond holds within 10 seconds.
func eventually(cond func() bool) bool {
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}
