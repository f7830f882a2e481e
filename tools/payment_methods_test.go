package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// withWallet gives the storefront payment setups: the sandbox's setup page on an
// httptest server (as the server's loopback listener serves it) and a short wait.
func (s *storefront) withWallet(t *testing.T) {
	t.Helper()
	page := httptest.NewServer(s.sb.Stripe.SetupPage())
	t.Cleanup(page.Close)
	s.sb.Stripe.SetPageURL(page.URL)
	svc, err := checkout.New(checkout.Config{Catalog: s.tb.Catalog, Store: s.tb.Store, Sellers: checkout.ACPSellers{Endpoints: s.sb},
		Tokens: checkout.SPTTokens{Client: spt.New(s.sb.AgentStripe())}, Wallet: checkout.SPTWallet{Client: spt.New(s.sb.AgentStripe())},
		SetupReturnURL: func(context.Context) (string, error) { return page.URL + "/done", nil },
		ConfirmKey:     bytes.Repeat([]byte{1}, 32), Log: s.tb.Log})
	if err != nil {
		t.Fatal(err)
	}
	s.tb.Checkout = svc
	s.tb.SetupWait, s.tb.SetupPoll = 5*time.Second, 5*time.Millisecond
}

var radioRE = regexp.MustCompile(`<input type="radio" name="([a-z]+)" value="([A-Za-z_]+)"`)

// person is someone at a browser: it opens the setup page, reads its form and submits
// the card whose value contains choice, as a browser would (no API key, redirects
// followed to the success page).
func person(t *testing.T, pageURL, choice string) {
	t.Helper()
	res, err := http.Get(pageURL)
	if err != nil {
		t.Error(err)
		return
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	form := url.Values{}
	for _, m := range radioRE.FindAllStringSubmatch(string(body), -1) {
		if strings.Contains(m[2], choice) && form.Get(m[1]) == "" {
			form.Set(m[1], m[2])
		}
	}
	if len(form) == 0 {
		t.Errorf("the setup page offers no %s card:\n%s", choice, body)
		return
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = noRedirect.PostForm(pageURL, form)
	if err != nil {
		t.Error(err)
		return
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/done") {
		t.Errorf("submitting the setup page: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}

// urlOpener is a client that declares URL-mode elicitation: asked to open a page, it
// says yes and has the person fill it in a moment later, or declines.
type urlOpener struct {
	t       *testing.T
	decline bool
	mu      sync.Mutex
	asked   []mcp.ElicitationParams
	wg      sync.WaitGroup
}

func (u *urlOpener) declares() *mcp.ElicitationCapability {
	return &mcp.ElicitationCapability{Form: &struct{}{}, URL: &struct{}{}}
}

func (u *urlOpener) Elicit(_ context.Context, r mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	u.mu.Lock()
	u.asked = append(u.asked, r.Params)
	u.mu.Unlock()
	if u.decline || r.Params.Mode != mcp.ElicitationModeURL {
		return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, nil
	}
	u.wg.Add(1)
	go func() {
		defer u.wg.Done()
		time.Sleep(30 * time.Millisecond) // the server is already waiting
		person(u.t, r.Params.URL, "mastercard")
	}()
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionAccept}}, nil
}

func TestAddPaymentMethodWithURLElicitation(t *testing.T) {
	for _, version := range []string{"", "2025-11-25"} {
		t.Run("protocol "+cmpOr(version, "newest"), func(t *testing.T) {
			s := newStorefront(t)
			s.withWallet(t)
			opener := &urlOpener{t: t}
			c := s.clientWith(t, opener, version)
			var (
				mu       sync.Mutex
				complete []string
			)
			c.OnNotification(func(n mcp.JSONRPCNotification) {
				if n.Method == string(mcp.MethodNotificationElicitationComplete) {
					mu.Lock()
					complete = append(complete, n.Params.AdditionalFields["elicitationId"].(string))
					mu.Unlock()
				}
			})
			var r addPaymentMethodResult
			res := call(t, c, "add_payment_method", nil, &r)
			opener.wg.Wait()
			if res.IsError || r.Status != "added" || r.PaymentMethod == nil || r.PaymentMethod.Label != "Mastercard •••• 4444" || r.PaymentMethod.Default {
				t.Fatalf("add_payment_method = %+v: %s", r, text(res))
			}
			if len(opener.asked) != 1 || opener.asked[0].Mode != mcp.ElicitationModeURL || !strings.Contains(opener.asked[0].URL, "/c/setup/cs_") {
				t.Fatalf("the client was asked %+v", opener.asked)
			}
			// The notification travels on its own and may land just after the result.
			for end := time.Now().Add(2 * time.Second); version != "" && time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
				mu.Lock()
				n := len(complete)
				mu.Unlock()
				if n > 0 {
					break
				}
			}
			mu.Lock()
			if version != "" && (len(complete) != 1 || complete[0] != opener.asked[0].ElicitationID) {
				t.Errorf("notifications/elicitation/complete for %v, want once for %q", complete, opener.asked[0].ElicitationID)
			}
			mu.Unlock()
			var list listPaymentMethodsResult
			call(t, c, "list_payment_methods", nil, &list)
			if len(list.PaymentMethods) != 2 || list.PaymentMethods[1].PaymentMethodID != cardOf(t, s, s.tb.Customer, "pm_card_mastercard") || !list.PaymentMethods[0].Default {
				t.Fatalf("list_payment_methods = %+v", list)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestAddPaymentMethodDeclined(t *testing.T) {
	s := newStorefront(t)
	s.withWallet(t)
	c := s.clientWith(t, &urlOpener{t: t, decline: true}, "")
	var r addPaymentMethodResult
	if res := call(t, c, "add_payment_method", nil, &r); res.IsError || r.Status != "declined" {
		t.Fatalf("declined = %+v: %s", r, text(res))
	}
	if pms, _ := s.tb.Store.PaymentMethods(context.Background(), s.tb.Customer); len(pms) != 1 {
		t.Fatalf("methods after a decline: %+v", pms)
	}
}

// A client without URL elicitation (here: form only, as most clients today) gets the
// link; the person fills the page; a later call with setup_id, or the list, sees it.
func TestAddPaymentMethodByLink(t *testing.T) {
	for _, finish := range []string{"setup_id", "list"} {
		t.Run(finish, func(t *testing.T) {
			s := newStorefront(t)
			s.withWallet(t)
			c := s.client(t, accept(true), "")
			var r addPaymentMethodResult
			res := call(t, c, "add_payment_method", nil, &r)
			if res.IsError || r.Status != "waiting" || r.URL == "" || r.SetupID == "" || !strings.Contains(text(res), r.URL) {
				t.Fatalf("without URL elicitation = %+v: %s", r, text(res))
			}
			var again addPaymentMethodResult
			if call(t, c, "add_payment_method", nil, &again); again.SetupID != r.SetupID || again.URL != r.URL {
				t.Fatalf("a second call = %+v, want the same page %s", again, r.SetupID)
			}
			person(t, r.URL, "amex")
			if finish == "setup_id" {
				var done addPaymentMethodResult
				if res := call(t, c, "add_payment_method", map[string]any{"setup_id": r.SetupID}, &done); res.IsError || done.Status != "added" || done.PaymentMethod.Last4 != "8431" {
					t.Fatalf("with setup_id = %+v: %s", done, text(res))
				}
			}
			var list listPaymentMethodsResult
			call(t, c, "list_payment_methods", nil, &list)
			if len(list.PaymentMethods) != 2 || list.PaymentMethods[1].Label != "American Express •••• 8431" {
				t.Fatalf("list = %+v", list)
			}
		})
	}
}

func TestChangeMethodNeedsConfirmation(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) *storefront {
		s := newStorefront(t)
		s.withWallet(t)
		if _, err := s.tb.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: s.tb.Customer, Brand: "amex", Last4: "8431", ExpMonth: 3, ExpYear: 2031}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	methods := func(s *storefront) string {
		pms, _ := s.tb.Store.PaymentMethods(ctx, s.tb.Customer)
		var parts []string
		for _, pm := range pms {
			id := pm.ID
			if pm.Default {
				id += "*"
			}
			parts = append(parts, id)
		}
		return strings.Join(parts, " ")
	}
	for _, tool := range []string{"set_default_payment_method", "remove_payment_method"} {
		want := map[string]string{"set_default_payment_method": "pm_card_amex* pm_card_visa", "remove_payment_method": "pm_card_visa*"}[tool]
		t.Run(tool+" by token", func(t *testing.T) {
			s := setup(t)
			c := s.client(t, nil, "")
			var r changeMethodResult
			res := call(t, c, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_amex")}, &r)
			if res.IsError || r.Status != "confirmation_required" || r.ConfirmationToken == "" || methods(s) != "pm_card_visa* pm_card_amex" {
				t.Fatalf("first call = %+v (%s); methods %s", r, text(res), methods(s))
			}
			// A token for the other card, or a purchase's quote, confirms nothing.
			if res := call(t, c, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_visa"), "confirmation_token": r.ConfirmationToken}, nil); !res.IsError {
				t.Fatalf("token used for another card: %s", text(res))
			}
			var quote purchaseResult
			call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 6000, 40000).ID}, &quote)
			if quote.QuoteID == "" {
				t.Fatal("no quote to try")
			}
			if res := call(t, c, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_amex"), "confirmation_token": quote.QuoteID}, nil); !res.IsError {
				t.Fatalf("a quote id as token: %s", text(res))
			}
			if methods(s) != "pm_card_visa* pm_card_amex" {
				t.Fatalf("methods changed without confirmation: %s", methods(s))
			}
			var done changeMethodResult
			if res := call(t, c, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_amex"), "confirmation_token": r.ConfirmationToken}, &done); res.IsError || done.Status != "done" {
				t.Fatalf("confirmed = %+v: %s", done, text(res))
			}
			if methods(s) != want {
				t.Fatalf("methods = %s, want %s", methods(s), want)
			}
		})
		for _, version := range []string{"", "2025-11-25"} {
			t.Run(tool+" by dialog "+cmpOr(version, "newest"), func(t *testing.T) {
				s := setup(t)
				no := s.client(t, accept(false), version)
				if res := call(t, no, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_amex")}, nil); !res.IsError || !strings.Contains(text(res), "keep things as they are") {
					t.Fatalf("unticked dialog: %s", text(res))
				}
				if methods(s) != "pm_card_visa* pm_card_amex" {
					t.Fatalf("methods changed after a no: %s", methods(s))
				}
				yes := s.client(t, accept(true), version)
				var r changeMethodResult
				if res := call(t, yes, tool, map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_amex")}, &r); res.IsError || r.Status != "done" {
					t.Fatalf("ticked dialog = %+v: %s", r, text(res))
				}
				if methods(s) != want {
					t.Fatalf("methods = %s, want %s", methods(s), want)
				}
			})
		}
	}
	t.Run("remove the default names the next one", func(t *testing.T) {
		s := setup(t)
		c := s.client(t, nil, "")
		var r changeMethodResult
		call(t, c, "remove_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, store.DemoPaymentMethod)}, &r)
		if !strings.Contains(r.Summary, "American Express •••• 8431 becomes the default") {
			t.Fatalf("summary = %q", r.Summary)
		}
		call(t, c, "remove_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, store.DemoPaymentMethod), "confirmation_token": r.ConfirmationToken}, &r)
		if methods(s) != "pm_card_amex*" {
			t.Fatalf("methods = %s", methods(s))
		}
	})
}

// In hosted mode a setup belongs to one customer: another cannot see or finish it,
// and its card goes on file for its own customer only.
func TestPaymentSetupIsolation(t *testing.T) {
	s, a, b := hosted(t)
	s.withWallet(t)
	ctx := context.Background()
	callAs := func(customer, tool string, args map[string]any, out any) *mcp.CallToolResult {
		t.Helper()
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.Arguments = tool, args
		var st server.ServerTool
		for _, x := range s.tb.Tools() {
			if x.Tool.Name == tool {
				st = x
			}
		}
		res, err := st.Handler(WithCustomer(ctx, customer), req)
		if err != nil {
			t.Fatal(err)
		}
		if out != nil {
			b, _ := json.Marshal(res.StructuredContent)
			json.Unmarshal(b, out)
		}
		return res
	}
	var ra addPaymentMethodResult
	callAs(a, "add_payment_method", nil, &ra)
	if ra.Status != "waiting" {
		t.Fatalf("a's setup = %+v", ra)
	}
	other := callAs(b, "add_payment_method", map[string]any{"setup_id": ra.SetupID}, nil)
	unknown := callAs(b, "add_payment_method", map[string]any{"setup_id": "pset_unknown"}, nil)
	sameAsUnknown(t, other, ra.SetupID, unknown, "pset_unknown")
	if strings.Contains(text(other), ra.URL) {
		t.Fatal("b was shown a's page")
	}
	person(t, ra.URL, "visa_debit")
	var lb listPaymentMethodsResult
	callAs(b, "list_payment_methods", nil, &lb)
	for _, pm := range lb.PaymentMethods {
		if pm.Last4 == "5556" || strings.HasPrefix(pm.PaymentMethodID, "pm_") {
			t.Fatalf("a's card is on b's list: %+v", lb)
		}
	}
	var la listPaymentMethodsResult
	callAs(a, "list_payment_methods", nil, &la)
	if len(la.PaymentMethods) != 2 || la.PaymentMethods[1].PaymentMethodID != cardOf(t, s, a, "pm_card_visa_debit") {
		t.Fatalf("a's list = %+v", la)
	}
	// b cannot remove or promote a's card either.
	for _, tool := range []string{"set_default_payment_method", "remove_payment_method"} {
		if res := callAs(b, tool, map[string]any{"payment_method_id": cardOf(t, s, a, "pm_card_visa_debit")}, nil); !res.IsError {
			t.Fatalf("b's %s on a's card: %s", tool, text(res))
		}
	}
}

// Nothing the payment-method tools return or log holds a key, a token or a card
// number, and no log line names a payment method id or a setup page.
func TestPaymentMethodsKeepSecrets(t *testing.T) {
	s := newStorefront(t)
	s.withWallet(t)
	opener := &urlOpener{t: t}
	c := s.clientWith(t, opener, "2025-11-25")
	var results []string
	record := func(res *mcp.CallToolResult) {
		b, _ := json.Marshal(res)
		results = append(results, string(b))
	}
	record(call(t, c, "add_payment_method", nil, nil))
	opener.wg.Wait()
	record(call(t, c, "list_payment_methods", nil, nil))
	plain := s.client(t, nil, "")
	var r changeMethodResult
	res := call(t, plain, "remove_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_mastercard")}, &r)
	record(res)
	record(call(t, plain, "remove_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_card_mastercard"), "confirmation_token": r.ConfirmationToken}, nil))
	record(call(t, plain, "add_payment_method", map[string]any{"setup_id": "pset_nope"}, nil))
	for _, out := range results {
		// Stripe's payment method ids stay on the server too: cards are card_… ids.
		for _, mark := range append(secretMarks, "pm_") {
			if strings.Contains(out, mark) {
				t.Errorf("a result contains %q: %s", mark, out)
			}
		}
	}
	logs := s.logs.String()
	for _, mark := range append(secretMarks, "pm_card", "/c/setup/", "cs_test_") {
		if strings.Contains(logs, mark) {
			t.Errorf("the log contains %q", mark)
		}
	}
}

// cardOf is the card id (what the tools show and take) of the customer's Stripe
// payment method pmID.
func cardOf(t *testing.T, s *storefront, customer, pmID string) string {
	t.Helper()
	pms, err := s.tb.Store.PaymentMethods(context.Background(), customer)
	if err != nil {
		t.Fatal(err)
	}
	for _, pm := range pms {
		if pm.ID == pmID {
			if !strings.HasPrefix(pm.CardID, "card_") {
				t.Fatalf("%s has card id %q", pmID, pm.CardID)
			}
			return pm.CardID
		}
	}
	t.Fatalf("%s is not on file for %s", pmID, customer)
	return ""
}

// TestCardsOfAnotherMode: list_payment_methods shows each card's mode and says which
// cannot pay on this server; set_default_payment_method refuses to make such a card
// the default, naming both modes; a purchase with a default card of another mode says
// so and what to do, nothing charged.
func TestCardsOfAnotherMode(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	s.withWallet(t)
	if _, err := s.tb.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_live_amex", CustomerID: s.tb.Customer, Brand: "amex", Last4: "8431",
		Mode: store.ModeLive}); err != nil {
		t.Fatal(err)
	}
	c := s.client(t, nil, "")
	list, modes := cardModes(t, c)
	if list.Mode != "sandbox" || modes["visa"] != "sandbox" || modes["amex"] != "live" ||
		!strings.Contains(list.Summary, "American Express •••• 8431 (put on file in live mode: not usable on this sandbox server)") {
		t.Fatalf("list = %+v", list)
	}
	res := call(t, c, "set_default_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_live_amex")}, nil)
	if !res.IsError || !strings.Contains(text(res), "put on file in live mode and this server runs in sandbox mode") {
		t.Fatalf("set_default of a live card on a sandbox server: %s", text(res))
	}
	if err := s.tb.Store.SetDefaultPaymentMethod(ctx, s.tb.Customer, "pm_live_amex"); err != nil { // as a live server would
		t.Fatal(err)
	}
	res = call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 500, 3000).ID}, nil)
	if !res.IsError || !strings.Contains(text(res), "The default card (American Express •••• 8431) was put on file in live mode and this server runs in sandbox mode") ||
		!strings.Contains(text(res), "set_default_payment_method") {
		t.Fatalf("purchase with a live default card on a sandbox server: %s", text(res))
	}
	if s.charges() != 0 {
		t.Fatalf("%d charges, want none", s.charges())
	}
}

// TestSetupOfACardOnFileInAnotherMode: a card saved on the setup page that is on file
// already in another mode (Visa 4242 put on file by a test-mode server sharing the
// store, then saved again on this sandbox server's page) is not added: the answer says
// so in words, naming both modes and what to do, the card on file is left as it was,
// and the next add_payment_method opens a new page instead of stumbling on that one.
// Whichever look finds the outcome first (add_payment_method with the setup_id, or
// list_payment_methods, as a model may call after the person says "done"), it says why,
// and so does every later add_payment_method with that setup_id: the setup keeps the
// reason (it is not a page that lapsed before a card was saved).
func TestSetupOfACardOnFileInAnotherMode(t *testing.T) {
	const why = "already on file for the person in test mode, and this server runs in sandbox mode"
	for _, tc := range []struct {
		name      string
		listFirst bool
	}{
		{"add_payment_method first", false},
		{"list_payment_methods first", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := newStorefront(t)
			s.withWallet(t)
			if _, err := s.tb.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: store.DemoPaymentMethod, CustomerID: s.tb.Customer, Brand: "visa", Last4: "4242",
				ExpMonth: 12, ExpYear: 2030, Mode: store.ModeTest}); err != nil { // as a test-mode server adds it
				t.Fatal(err)
			}
			c := s.client(t, accept(true), "")
			var page addPaymentMethodResult
			if res := call(t, c, "add_payment_method", nil, &page); res.IsError || page.URL == "" {
				t.Fatalf("add_payment_method = %+v: %s", page, text(res))
			}
			person(t, page.URL, "pm_card_visa")
			list := func(sayWhy bool) {
				t.Helper()
				var list listPaymentMethodsResult
				res := call(t, c, "list_payment_methods", nil, &list)
				if res.IsError || len(list.PaymentMethods) != 1 || list.PaymentMethods[0].Mode != "test" {
					t.Fatalf("list = %+v: %s; want the test card only, as it was", list, text(res))
				}
				if got := strings.Contains(list.Summary, why); got != sayWhy {
					t.Fatalf("list says why the page's card was not added: %v, want %v: %s", got, sayWhy, list.Summary)
				}
			}
			if tc.listFirst {
				list(true)
			}
			for i := range 2 { // the first look at the setup and a later one say the same
				var after addPaymentMethodResult
				res := call(t, c, "add_payment_method", map[string]any{"setup_id": page.SetupID}, &after)
				if !res.IsError || !strings.Contains(text(res), why) || !strings.Contains(text(res), "add_payment_method") ||
					strings.Contains(text(res), "Internal error") || strings.Contains(text(res), "lapsed") {
					t.Fatalf("look %d at the setup of a test card on a sandbox server: %s", i+1, text(res))
				}
			}
			if !tc.listFirst {
				list(false) // the setup was closed before: nothing new to say
			}
			var again addPaymentMethodResult
			if res := call(t, c, "add_payment_method", nil, &again); res.IsError || again.SetupID == "" || again.SetupID == page.SetupID {
				t.Fatalf("add_payment_method after = %+v: %s; want a new page", again, text(res))
			}
		})
	}
}

// TestWalletText: every payment-method code that reaches fail has words of its own that
// say what happened and what to do, with its parameters; none falls back to the
// generic sentence (WalletAlreadyDefault never reaches it: the change is answered as
// done).
func TestWalletText(t *testing.T) {
	generic := walletText(&checkout.WalletError{Code: "no_such_code"})
	for _, tc := range []struct {
		err  checkout.WalletError
		says []string
	}{
		{checkout.WalletError{Code: checkout.WalletNotConfigured}, []string{"not available on this server"}},
		{checkout.WalletError{Code: checkout.WalletUnavailable}, []string{"could not be reached", "nothing was changed"}},
		{checkout.WalletError{Code: checkout.WalletMisconfigured}, []string{"Stripe settings"}},
		{checkout.WalletError{Code: checkout.WalletRejected}, []string{"refused the request"}},
		{checkout.WalletError{Code: checkout.WalletUnknownSetup}, []string{"setup_id", "add_payment_method"}},
		{checkout.WalletError{Code: checkout.WalletUnknownMethod}, []string{"payment_method_id", "list_payment_methods"}},
		{checkout.WalletError{Code: checkout.WalletConfirmInvalid}, []string{"confirmation_token"}},
		{checkout.WalletError{Code: checkout.WalletDeclined}, []string{"nothing was changed"}},
		{checkout.WalletError{Code: checkout.WalletOtherMode, Mode: checkout.ModeLive, ServerMode: checkout.ModeSandbox},
			[]string{"put on file in live mode and this server runs in sandbox mode", "not made the default", "add_payment_method"}},
		{checkout.WalletError{Code: checkout.WalletCardPaying}, []string{"under way", "not removed", "Nothing was changed", "list_orders"}},
		{checkout.WalletError{Code: checkout.WalletCardRemovalPending}, []string{"did not answer", "no longer used", "finishes by itself", "nothing was charged"}},
		{checkout.WalletError{Code: checkout.WalletCardKeptMode, Mode: checkout.ModeLive, ServerMode: checkout.ModeTest},
			[]string{"already on file for the person in live mode, and this server runs in test mode", "not added", "Nothing was changed", "list_payment_methods", "add_payment_method"}},
	} {
		t.Run(string(tc.err.Code), func(t *testing.T) {
			got := walletText(&tc.err)
			if got == generic {
				t.Fatalf("%s has no words of its own", tc.err.Code)
			}
			for _, want := range tc.says {
				if !strings.Contains(got, want) {
					t.Errorf("%q does not say %q", got, want)
				}
			}
		})
	}
}

// The summary of a change that moves the default card says what happens to the
// renewals of the person's active subscriptions.
func TestChangeSummaryNamesTheRenewalsItMoves(t *testing.T) {
	visa := store.PaymentMethod{CardID: "card_v", Brand: "visa", Last4: "4242", Default: true}
	amex := store.PaymentMethod{CardID: "card_a", Brand: "amex", Last4: "8431"}
	for _, tc := range []struct {
		name  string
		ch    checkout.MethodChange
		says  []string
		never string
	}{
		{"default removed, another card, two subscriptions",
			checkout.MethodChange{Action: checkout.ChangeRemove, Method: visa, NewDefault: amex, Renewing: 2},
			[]string{"American Express •••• 8431 becomes the default card, and pays every later purchase and every renewal of the 2 active subscriptions."}, ""},
		{"default removed, the next card of another mode, one subscription",
			checkout.MethodChange{Action: checkout.ChangeRemove, Method: visa, NewDefault: store.PaymentMethod{CardID: "card_l", Brand: "amex", Last4: "8431", Mode: "live"},
				Renewing: 1, ServerMode: checkout.ModeSandbox},
			[]string{"put on file in live mode and this server runs in sandbox mode, so it pays nothing here",
				"the active subscription will pause at the next renewal, nothing charged"}, "pays every later purchase"},
		{"default removed, the next card of another mode, no subscription",
			checkout.MethodChange{Action: checkout.ChangeRemove, Method: visa, NewDefault: store.PaymentMethod{CardID: "card_l", Brand: "amex", Last4: "8431", Mode: "live"},
				ServerMode: checkout.ModeSandbox},
			[]string{"purchases will need a card added on this server."}, "subscription"},
		{"last card removed, one subscription",
			checkout.MethodChange{Action: checkout.ChangeRemove, Method: visa, Renewing: 1},
			[]string{"the last card on file", "the active subscription will pause at the next renewal, nothing charged"}, ""},
		{"last card removed, no subscription",
			checkout.MethodChange{Action: checkout.ChangeRemove, Method: visa},
			[]string{"the last card on file: purchases will need a new card."}, "subscription"},
		{"default made, two subscriptions",
			checkout.MethodChange{Action: checkout.ChangeSetDefault, Method: amex, Renewing: 2},
			[]string{"every later purchase, and every renewal of the 2 active subscriptions, is paid with it."}, ""},
		{"default made, no subscription",
			checkout.MethodChange{Action: checkout.ChangeSetDefault, Method: amex},
			[]string{"every later purchase is paid with it."}, "subscription"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := changeSummary(tc.ch)
			for _, s := range tc.says {
				if !strings.Contains(got, s) {
					t.Errorf("summary %q lacks %q", got, s)
				}
			}
			if tc.never != "" && strings.Contains(got, tc.never) {
				t.Errorf("summary %q says %q", got, tc.never)
			}
		})
	}
}

// TestCardsAndSubscriptionsOfUnknownMode: a card or subscription from before modes
// were recorded that nothing vouches for (mode unknown, store migration 0032) is shown
// as such: list_payment_methods gives its mode as unknown and says it cannot pay here,
// set_default_payment_method and a purchase refuse it saying its mode is unknown, and
// list_subscriptions says why no server renews the subscription; nothing is charged.
func TestCardsAndSubscriptionsOfUnknownMode(t *testing.T) {
	s := newStorefront(t)
	s.withWallet(t)
	c := s.client(t, nil, "")
	var q subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"product_id": "cy-sub-0002", "quantity": 1}, &q); res.IsError || q.QuoteID == "" {
		t.Fatalf("subscribe: %s", text(res))
	}
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, nil); res.IsError {
		t.Fatalf("confirm: %s", text(res))
	}
	charged := s.charges()
	if _, err := s.tb.Store.AddPaymentMethod(context.Background(), store.PaymentMethod{ID: "pm_old_amex", CustomerID: s.tb.Customer,
		Brand: "amex", Last4: "8431"}); err != nil {
		t.Fatal(err)
	}
	s.execStore(t, `UPDATE payment_methods SET mode = 'unknown' WHERE id = 'pm_old_amex'`)
	s.execStore(t, `UPDATE subscriptions SET mode = 'unknown'`)

	list, modes := cardModes(t, c)
	if modes["amex"] != "unknown" || modes["visa"] != "sandbox" ||
		!strings.Contains(list.Summary, "American Express •••• 8431 (put on file before card modes were recorded (its mode is unknown): not usable on this sandbox server)") {
		t.Fatalf("list = %+v", list)
	}
	res := call(t, c, "set_default_payment_method", map[string]any{"payment_method_id": cardOf(t, s, s.tb.Customer, "pm_old_amex")}, nil)
	if !res.IsError || !strings.Contains(text(res), "That card was put on file before card modes were recorded (its mode is unknown) and this server runs in sandbox mode") {
		t.Fatalf("set_default of a card of unknown mode: %s", text(res))
	}
	if err := s.tb.Store.SetDefaultPaymentMethod(context.Background(), s.tb.Customer, "pm_old_amex"); err != nil {
		t.Fatal(err)
	}
	res = call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 500, 3000).ID}, nil)
	if !res.IsError || !strings.Contains(text(res), "The default card (American Express •••• 8431) was put on file before card modes were recorded (its mode is unknown)") {
		t.Fatalf("purchase with a default card of unknown mode: %s", text(res))
	}
	var subs listSubscriptionsResult
	res = call(t, c, "list_subscriptions", nil, &subs)
	if res.IsError || len(subs.Subscriptions) != 1 || subs.Subscriptions[0].Mode != "unknown" ||
		!strings.Contains(subs.Subscriptions[0].NotRenewing, "made before subscription modes were recorded") {
		t.Fatalf("list_subscriptions: %s", text(res))
	}
	if s.charges() != charged {
		t.Fatalf("%d charges, want %d", s.charges(), charged)
	}
}

// cardModes calls list_payment_methods and returns its result and each card's mode by
// brand.
func cardModes(t *testing.T, c *client.Client) (listPaymentMethodsResult, map[string]string) {
	t.Helper()
	var list listPaymentMethodsResult
	if res := call(t, c, "list_payment_methods", map[string]any{}, &list); res.IsError {
		t.Fatal(text(res))
	}
	modes := map[string]string{}
	for _, pm := range list.PaymentMethods {
		modes[pm.Brand] = pm.Mode
	}
	return list, modes
}

// TestListPaymentMethodsCount: the summary counts the cards as a person reads it, "1
// card on file" and "2 cards on file", not "card(s)" (a new user's hosted shop read
// "1 card(s) on file").
func TestListPaymentMethodsCount(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	c := s.client(t, nil, "")
	for _, want := range []string{"1 card on file: ", "2 cards on file: "} {
		if want[0] == '2' {
			if _, err := s.tb.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: s.tb.Customer, Brand: "amex", Last4: "8431", ExpMonth: 3, ExpYear: 2031}); err != nil {
				t.Fatal(err)
			}
		}
		var list listPaymentMethodsResult
		res := call(t, c, "list_payment_methods", nil, &list)
		if got := text(res); !strings.HasPrefix(got, want) || strings.Contains(got, "(s)") {
			t.Errorf("list_payment_methods (%d on file) = %q, want it to start %q", len(list.PaymentMethods), got, want)
		}
	}
}
