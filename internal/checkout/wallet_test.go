package checkout_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// walletEnv is env with payment setups: the emulator's setup page on an httptest
// server, and the agent's Stripe client as the Wallet.
func walletEnv(t *testing.T) *env {
	t.Helper()
	var page *httptest.Server
	e := newEnv(t, envOpts{config: func(c *checkout.Config) {
		c.SetupReturnURL = func(context.Context) (string, error) { return page.URL + "/done", nil }
	}})
	page = httptest.NewServer(e.sb.Stripe.SetupPage())
	t.Cleanup(page.Close)
	e.sb.Stripe.SetPageURL(page.URL)
	e.cfg.Wallet = checkout.SPTWallet{Client: spt.New(e.sb.AgentStripe())}
	e.svc = e.service()
	return e
}

// fillSetupPage is the person choosing card on the setup page at pageURL.
func fillSetupPage(t *testing.T, pageURL, card string) {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.PostForm(pageURL, url.Values{"card": {card}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup page answered %d", res.StatusCode)
	}
}

func walletCode(err error) checkout.WalletCode {
	var we *checkout.WalletError
	if errors.As(err, &we) {
		return we.Code
	}
	return ""
}

func TestPaymentSetupThenPurchaseWithNewDefault(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	ps, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := e.st.Customer(ctx, e.customer)
	if c.StripeCustomerID == "" {
		t.Fatal("no Stripe Customer was made for the customer")
	}
	again, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil || again.ID != ps.ID {
		t.Fatalf("a second start = %+v, %v; want the open setup %s again", again, err, ps.ID)
	}
	// Nothing entered yet: a short wait returns it still open.
	if got, err := e.svc.WaitPaymentSetup(ctx, e.customer, ps.ID, 5*time.Millisecond, time.Millisecond); err != nil || got.Status != store.SetupOpen {
		t.Fatalf("wait before the page was filled = %+v, %v", got, err)
	}
	fillSetupPage(t, ps.URL, "pm_card_mastercard")
	got, err := e.svc.WaitPaymentSetup(ctx, e.customer, ps.ID, time.Second, time.Millisecond)
	if err != nil || got.Status != store.SetupComplete || got.PaymentMethodID != "pm_card_mastercard" {
		t.Fatalf("wait after the page was filled = %+v, %v", got, err)
	}
	pms, _, err := e.svc.PaymentMethods(ctx, e.customer)
	if err != nil || len(pms) != 2 || pms[0].ID != store.DemoPaymentMethod || pms[1].ID != "pm_card_mastercard" || pms[1].Last4 != "4444" || pms[1].Brand != "mastercard" {
		t.Fatalf("methods = %+v, %v", pms, err)
	}

	changeCard(t, e, checkout.ChangeSetDefault, "pm_card_mastercard")
	// Purchases use the new default.
	out, err := e.buy(e.product(100, 2000).ID, 1)
	if err != nil || out.Status != checkout.StatusCompleted || out.Purchase.CardLast4 != "4444" {
		t.Fatalf("purchase after the change = %+v, %v; want it paid with the Mastercard", out.Purchase, err)
	}
}

func TestMethodChangeConfirmations(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	other, err := e.st.CreateCustomer(ctx, store.Customer{Email: "other@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: e.customer, Brand: "amex", Last4: "8431"}); err != nil {
		t.Fatal(err)
	}
	amex, visa := cardOf(t, e, e.customer, "pm_card_amex"), cardOf(t, e, e.customer, store.DemoPaymentMethod)
	plan := func(action checkout.ChangeAction, pm string) string {
		ch, err := e.svc.PlanMethodChange(ctx, e.customer, action, pm)
		if err != nil {
			t.Fatal(err)
		}
		return e.svc.SealMethodChange(e.customer, ch, checkout.ViaQuoteID)
	}
	dialogState := func(action checkout.ChangeAction, pm string) string {
		ch, err := e.svc.PlanMethodChange(ctx, e.customer, action, pm)
		if err != nil {
			t.Fatal(err)
		}
		return e.svc.SealMethodChange(e.customer, ch, checkout.ViaElicitation)
	}
	purchaseState := e.svc.Seal(store.Purchase{CustomerID: e.customer, QuoteID: "q_1", Total: 100, Currency: "USD", ExpiresAt: e.clock.Now().Add(time.Minute)})
	tests := []struct {
		name     string
		customer string
		state    string
		action   checkout.ChangeAction
		pm       string
		answer   checkout.Answer
		want     checkout.WalletCode
	}{
		{name: "a purchase confirmation", customer: e.customer, state: purchaseState, action: checkout.ChangeRemove, pm: amex, want: checkout.WalletConfirmInvalid},
		{name: "another action's state", customer: e.customer, state: plan(checkout.ChangeSetDefault, amex), action: checkout.ChangeRemove, pm: amex, want: checkout.WalletConfirmInvalid},
		{name: "another method's state", customer: e.customer, state: plan(checkout.ChangeRemove, amex), action: checkout.ChangeRemove, pm: visa, want: checkout.WalletConfirmInvalid},
		{name: "another customer", customer: other.ID, state: plan(checkout.ChangeRemove, amex), action: checkout.ChangeRemove, pm: amex, want: checkout.WalletConfirmInvalid},
		{name: "tampered", customer: e.customer, state: plan(checkout.ChangeRemove, amex) + "x", action: checkout.ChangeRemove, pm: amex, want: checkout.WalletConfirmInvalid},
		{name: "a dialog's state passed as a token", customer: e.customer, state: dialogState(checkout.ChangeRemove, amex), action: checkout.ChangeRemove, pm: amex, want: checkout.WalletConfirmInvalid},
		{name: "the person says no", customer: e.customer, state: plan(checkout.ChangeRemove, amex), action: checkout.ChangeRemove, pm: amex, answer: checkout.AnswerNo, want: checkout.WalletDeclined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.ConfirmMethodChange(ctx, tc.customer, tc.state, checkout.ViaQuoteID, tc.action, tc.pm, tc.answer)
			if walletCode(err) != tc.want {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
			if n := len(mustMethods(t, e, e.customer)); n != 2 {
				t.Fatalf("%d methods on file, want both kept", n)
			}
		})
	}

	t.Run("the sealed state names the card by our id", func(t *testing.T) {
		body, _, _ := strings.Cut(plan(checkout.ChangeRemove, visa), ".")
		raw, err := base64.RawURLEncoding.DecodeString(body)
		if err != nil || strings.Contains(string(raw), "pm_") || !strings.Contains(string(raw), visa) || !strings.Contains(string(raw), amex) {
			t.Errorf("sealed state %s, %v: want the card ids and no Stripe id", raw, err)
		}
	})

	t.Run("expired", func(t *testing.T) {
		state := plan(checkout.ChangeRemove, amex)
		e.clock.Advance(11 * time.Minute)
		_, err := e.svc.ConfirmMethodChange(ctx, e.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, amex, checkout.AnswerYes)
		if walletCode(err) != checkout.WalletConfirmInvalid {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("methods changed since the dialog", func(t *testing.T) {
		state := plan(checkout.ChangeRemove, visa) // amex would become the default
		if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_discover", CustomerID: e.customer}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.ConfirmMethodChange(ctx, e.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, visa, checkout.AnswerYes)
		if walletCode(err) != checkout.WalletConfirmInvalid {
			t.Fatalf("err = %v, want confirmation_invalid: the person was told amex becomes the default", err)
		}
		if err := e.st.RemovePaymentMethod(ctx, e.customer, "pm_card_discover"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("remove the default, then replay", func(t *testing.T) {
		state := plan(checkout.ChangeRemove, visa)
		ch, err := e.svc.ConfirmMethodChange(ctx, e.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, visa, checkout.AnswerYes)
		if err != nil || ch.NewDefault.ID != "pm_card_amex" {
			t.Fatalf("remove = %+v, %v", ch, err)
		}
		pms := mustMethods(t, e, e.customer)
		if len(pms) != 1 || pms[0].ID != "pm_card_amex" || !pms[0].Default {
			t.Fatalf("methods after removing the default = %+v", pms)
		}
		ch, err = e.svc.ConfirmMethodChange(ctx, e.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, visa, checkout.AnswerYes)
		if err != nil || ch.Method.CardID != visa {
			t.Fatalf("replay = %+v, %v; want it reported done", ch, err)
		}
	})

	t.Run("unknown and already default", func(t *testing.T) {
		if _, err := e.svc.PlanMethodChange(ctx, e.customer, checkout.ChangeRemove, "pm_nope"); walletCode(err) != checkout.WalletUnknownMethod {
			t.Errorf("unknown method: err = %v", err)
		}
		if _, err := e.svc.PlanMethodChange(ctx, other.ID, checkout.ChangeRemove, amex); walletCode(err) != checkout.WalletUnknownMethod {
			t.Errorf("another customer's method: err = %v", err)
		}
		if _, err := e.svc.PlanMethodChange(ctx, e.customer, checkout.ChangeSetDefault, amex); walletCode(err) != checkout.WalletAlreadyDefault {
			t.Errorf("the default already: err = %v", err)
		}
	})
}

func mustMethods(t *testing.T, e *env, customer string) []store.PaymentMethod {
	t.Helper()
	pms, err := e.st.PaymentMethods(context.Background(), customer)
	if err != nil {
		t.Fatal(err)
	}
	return pms
}

func TestPaymentSetupIsolationAndStaleCustomer(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	b, err := e.st.CreateCustomer(ctx, store.Customer{Email: "b@example.com", StripeCustomerID: "cus_gone"})
	if err != nil {
		t.Fatal(err)
	}
	// B's Stripe Customer is unknown to Stripe (a sandbox restart): a new one is made.
	psB, err := e.svc.StartPaymentSetup(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cu, _ := e.st.Customer(ctx, b.ID); cu.StripeCustomerID == "cus_gone" || cu.StripeCustomerID == "" {
		t.Fatalf("Stripe customer after a stale one = %q", cu.StripeCustomerID)
	}
	// In the sandbox that is every restart's lot, no warning (it was one).
	if logs := e.logs.String(); strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "the sandbox has no Stripe Customer for this customer") {
		t.Errorf("a sandbox without the customer's Stripe Customer logged:\n%s", logs)
	}
	psA, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil || psA.ID == psB.ID {
		t.Fatalf("A's setup = %+v, %v", psA, err)
	}
	if _, err := e.svc.SyncPaymentSetup(ctx, e.customer, psB.ID); walletCode(err) != checkout.WalletUnknownSetup {
		t.Fatalf("A reading B's setup: err = %v, want unknown_setup", err)
	}
	fillSetupPage(t, psB.URL, "pm_card_amex")
	// A's look at its methods does not pick up B's card, B's does.
	if pms, _, _ := e.svc.PaymentMethods(ctx, e.customer); len(pms) != 1 {
		t.Fatalf("A's methods = %+v", pms)
	}
	if pms, _, _ := e.svc.PaymentMethods(ctx, b.ID); len(pms) != 1 || pms[0].ID != "pm_card_amex" || !pms[0].Default {
		t.Fatalf("B's methods = %+v", pms)
	}
	// The webhook path finds the setup by session and reads Stripe, once.
	fillSetupPage(t, psA.URL, "pm_card_visa_debit")
	got, err := e.svc.SyncPaymentSetupBySession(ctx, psA.SessionID)
	if err != nil || got.Status != store.SetupComplete || got.CustomerID != e.customer {
		t.Fatalf("by session = %+v, %v", got, err)
	}
	if _, err := e.svc.SyncPaymentSetupBySession(ctx, "cs_test_unknown"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown session: err = %v", err)
	}
}

func TestPaymentSetupNotConfigured(t *testing.T) {
	e := newEnv(t, envOpts{})
	if _, err := e.svc.StartPaymentSetup(context.Background(), e.customer); walletCode(err) != checkout.WalletNotConfigured {
		t.Fatalf("err = %v", err)
	}
}

// Two confirmations of the same removal racing (two tabs, two replicas): the card is
// removed once and both report it done.
func TestRemoveRacing(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: e.customer, Brand: "amex", Last4: "8431"}); err != nil {
		t.Fatal(err)
	}
	amex := cardOf(t, e, e.customer, "pm_card_amex")
	states := make([]string, 4)
	for i := range states {
		ch, err := e.svc.PlanMethodChange(ctx, e.customer, checkout.ChangeRemove, amex)
		if err != nil {
			t.Fatal(err)
		}
		states[i] = e.svc.SealMethodChange(e.customer, ch, checkout.ViaQuoteID)
	}
	errs := make(chan error, len(states))
	for _, st := range states {
		go func() {
			_, err := e.svc.ConfirmMethodChange(ctx, e.customer, st, checkout.ViaQuoteID, checkout.ChangeRemove, amex, checkout.AnswerYes)
			errs <- err
		}()
	}
	for range states {
		if err := <-errs; err != nil {
			t.Errorf("a racing removal: %v", err)
		}
	}
	if pms := mustMethods(t, e, e.customer); len(pms) != 1 || pms[0].ID != store.DemoPaymentMethod || !pms[0].Default {
		t.Fatalf("methods = %+v", pms)
	}
}

// A page nobody completed lapses: the setup is expired, and a new start makes a new page.
func TestPaymentSetupExpires(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	ps, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(checkout.DefaultSetupTTL + time.Minute)
	got, err := e.svc.SyncPaymentSetup(ctx, e.customer, ps.ID)
	if err != nil || got.Status != store.SetupExpired {
		t.Fatalf("after the page lapsed = %+v, %v", got, err)
	}
	next, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil || next.ID == ps.ID || next.Status != store.SetupOpen {
		t.Fatalf("a new start = %+v, %v", next, err)
	}
}

// A page Stripe no longer has — opened by a sandbox process that has since exited (a
// desktop client restarts its server often, and the emulator keeps its sessions in
// memory), or by another Stripe account's key — can never be completed: it is closed as
// expired, and add_payment_method opens a new page instead of failing for the rest of
// the old page's hour.
func TestPaymentSetupStripeForgot(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	old, err := e.st.StartPaymentSetup(ctx, store.PaymentSetup{ID: "pset_forgotten", CustomerID: e.customer,
		SessionID: "cs_test_forgotten", URL: "http://127.0.0.1:9/c/setup/cs_test_forgotten", ExpiresAt: e.clock.Now().Add(50 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.SyncPaymentSetup(ctx, e.customer, old.ID)
	if err != nil || got.Status != store.SetupExpired {
		t.Fatalf("a setup Stripe has no session for = %+v, %v; want expired", got, err)
	}
	old, err = e.st.StartPaymentSetup(ctx, store.PaymentSetup{ID: "pset_forgotten2", CustomerID: e.customer,
		SessionID: "cs_test_forgotten2", URL: "http://127.0.0.1:9/c/setup/cs_test_forgotten2", ExpiresAt: e.clock.Now().Add(50 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	next, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil || next.ID == old.ID || next.Status != store.SetupOpen {
		t.Fatalf("a start beside a forgotten page = %+v, %v; want a new open page", next, err)
	}
	fillSetupPage(t, next.URL, "pm_card_amex")
	if got, err := e.svc.SyncPaymentSetup(ctx, e.customer, next.ID); err != nil || got.Status != store.SetupComplete {
		t.Fatalf("the new page, filled = %+v, %v", got, err)
	}
	if got, err := e.svc.SyncPaymentSetup(ctx, e.customer, old.ID); err != nil || got.Status != store.SetupExpired {
		t.Fatalf("the forgotten page after the start = %+v, %v; want expired", got, err)
	}
}

// cardOf is the card id (what the tools show and take) of the customer's Stripe
// payment method pmID.
func cardOf(t *testing.T, e *env, customer, pmID string) string {
	t.Helper()
	for _, pm := range mustMethods(t, e, customer) {
		if pm.ID == pmID {
			return pm.CardID
		}
	}
	t.Fatalf("%s is not on file for %s", pmID, customer)
	return ""
}

// unavailableOnce is a Wallet whose first Setup read fails as unavailable after during
// has run: the webhook applying the same session while the poll was failing.
type unavailableOnce struct {
	checkout.Wallet
	during func()
	reads  int
}

func (u *unavailableOnce) Setup(ctx context.Context, id string) (checkout.SetupSession, error) {
	u.reads++
	if u.reads == 1 {
		u.during()
		return checkout.SetupSession{}, checkout.ErrUnavailable
	}
	return u.Wallet.Setup(ctx, id)
}

// A setup the webhook refuses while a poll of Stripe fails is said as refused by the
// poll too, not handed back as if it might still be open.
func TestWaitSeesASetupRefusedWhilePollingFailed(t *testing.T) {
	e := walletEnv(t)
	ctx := context.Background()
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: e.customer, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Mode: store.ModeTest}); err != nil {
		t.Fatal(err)
	}
	ps, err := e.svc.StartPaymentSetup(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	fillSetupPage(t, ps.URL, "pm_card_visa")
	webhook := e.svc
	e.cfg.Wallet = &unavailableOnce{Wallet: e.cfg.Wallet, during: func() {
		if got, err := webhook.SyncPaymentSetupBySession(ctx, ps.SessionID); err != nil || got.Status != store.SetupRefused {
			t.Errorf("the webhook's look: status %q, err %v; want refused", got.Status, err)
		}
	}}
	got, err := e.service().WaitPaymentSetup(ctx, e.customer, ps.ID, time.Second, 10*time.Millisecond)
	if got.Status != store.SetupRefused {
		t.Fatalf("setup status %q, want refused", got.Status)
	}
	var we *checkout.WalletError
	if !errors.As(err, &we) {
		t.Fatalf("WaitPaymentSetup of a refused setup: err %v, want the refusal", err)
	}
	if want := checkout.RefusedSetupError(got).Code; we.Code != want {
		t.Errorf("code %q, want %q", we.Code, want)
	}
}

// A change that moves the default card counts the active subscriptions whose renewals
// it moves, so that the person is told before confirming; other changes count none.
func TestMethodChangeCountsTheRenewalsItMoves(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		amex   bool // a second card on file
		action checkout.ChangeAction
		card   string
		want   int
	}{
		{"remove the default, another card left", true, checkout.ChangeRemove, store.DemoPaymentMethod, 2},
		{"remove the last card", false, checkout.ChangeRemove, store.DemoPaymentMethod, 2},
		{"remove a card that is not the default", true, checkout.ChangeRemove, "pm_card_amex", 0},
		{"make another card the default", true, checkout.ChangeSetDefault, "pm_card_amex", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			e.subscribe(apiPlan, 1)
			e.subscribe(softPlan, 1)
			canceled := e.subscribe(coffeePlan, 1).Subscription.ID
			if _, err := e.svc.CancelSubscription(ctx, e.customer, canceled); err != nil {
				t.Fatal(err)
			}
			if tc.amex {
				if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: e.customer, Brand: "amex", Last4: "8431"}); err != nil {
					t.Fatal(err)
				}
			}
			ch, err := e.svc.PlanMethodChange(ctx, e.customer, tc.action, cardOf(t, e, e.customer, tc.card))
			if err != nil {
				t.Fatal(err)
			}
			if ch.Renewing != tc.want {
				t.Errorf("Renewing = %d, want %d", ch.Renewing, tc.want)
			}
		})
	}
}
