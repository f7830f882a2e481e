package checkout_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/store"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// env is a sandbox purchase environment over the demo catalog: real SQLite, the
// in-process Stripe emulator and reference sellers, and the demo customer.
type env struct {
	t        testing.TB
	path     string // the store's file
	catPath  string // the catalog's file
	cat      *catalog.Catalog
	st       *store.Store
	sb       *sandbox.Sandbox
	svc      *checkout.Service
	customer string
	clock    *clocktest.Clock
	logs     *syncbuf.Buffer
	cfg      checkout.Config
	sbo      sandbox.Options // what e.sb was made with
}

type envOpts struct {
	sandbox sandbox.Options
	config  func(*checkout.Config)
	rules   *store.Rules
	pm      string // the demo customer's payment method; default pm_card_visa
}

func newEnv(t testing.TB, o envOpts) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{t: t, clock: clocktest.New(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)), logs: &syncbuf.Buffer{}}
	shop := testshop.Demo(t, e.clock.Now)
	e.path, e.catPath, e.cat, e.st = shop.StorePath, shop.Path, shop.Catalog, shop.Store
	c := shop.Customer
	var err error
	e.customer = c.ID
	if o.pm != "" {
		if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: o.pm, CustomerID: c.ID, Brand: "visa", Last4: "0002", Default: true}); err != nil {
			t.Fatal(err)
		}
	}
	if o.rules != nil {
		if err := e.st.SetRules(ctx, c.ID, *o.rules); err != nil {
			t.Fatal(err)
		}
	}
	sbo := o.sandbox
	sbo.Now = e.clock.Now
	if sbo.Log == nil { // the sellers' log lines are checked for secrets too
		sbo.Log = slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	e.sbo = sbo
	if e.sb, err = sandbox.New(e.cat, sbo); err != nil {
		t.Fatal(err)
	}
	e.cfg = checkout.Config{
		Catalog: e.cat, Store: e.st, Sellers: checkout.ACPSellers{Endpoints: e.sb}, Tokens: checkout.SPTTokens{Client: spt.New(e.sb.AgentStripe())},
		ConfirmKey: bytes.Repeat([]byte{7}, 32), Now: e.clock.Now,
		Log:       slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		RetryWait: time.Millisecond,
	}
	if o.config != nil {
		o.config(&e.cfg)
	}
	e.svc = e.service()
	// Every test of the suite doubles as a check that no secret reaches the log.
	t.Cleanup(func() {
		logs := e.logs.String()
		// Nor does the customer's address, which is personal data.
		for _, secret := range []string{"sk_test_", "sk_live_", "seller_key_", "spt_", "Bearer ", store.DemoAddress.Line1, store.DemoAddress.PostalCode} {
			if strings.Contains(logs, secret) {
				t.Errorf("the log contains %q", secret)
			}
		}
	})
	return e
}

// service returns a new Service over the same database and sandbox, as a restarted
// process would have.
func (e *env) service() *checkout.Service {
	e.t.Helper()
	svc, err := checkout.New(e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(svc.WaitSettling) // before the databases close
	return svc
}

// restartSandbox replaces e's sandbox with a new one, as a restarted process gets: its
// Stripe emulator and sellers know nothing of what the old one saw. Services made
// afterwards (e.service) use it.
func (e *env) restartSandbox() {
	e.t.Helper()
	sb, err := sandbox.New(e.cat, e.sbo)
	if err != nil {
		e.t.Fatal(err)
	}
	e.sb = sb
	e.cfg.Sellers = checkout.ACPSellers{Endpoints: sb}
	e.cfg.Tokens = checkout.SPTTokens{Client: spt.New(sb.AgentStripe())}
}

// product returns an in-stock demo product priced within [lo, hi] minor units.
func (e *env) product(lo, hi int64) catalog.Product {
	e.t.Helper()
	for _, p := range demo.Products() {
		if p.Purchasable() && p.Price.Amount >= lo && p.Price.Amount <= hi && p.Price.Currency == "USD" && (p.Stock == nil || *p.Stock >= 5) {
			return p
		}
	}
	e.t.Fatalf("no demo product priced %d..%d", lo, hi)
	return catalog.Product{}
}

// purchaseResult is what a purchase started by purchaseAsync returned.
type purchaseResult struct {
	out checkout.Outcome
	err error
}

// purchaseAsync runs req as e.customer's purchase in a goroutine; its result arrives on
// the returned channel, which has room for it (the goroutine never blocks).
func (e *env) purchaseAsync(ctx context.Context, req checkout.Request) <-chan purchaseResult {
	req.CustomerID = e.customer
	done := make(chan purchaseResult, 1)
	go func() {
		out, err := e.svc.Purchase(ctx, req)
		done <- purchaseResult{out, err}
	}()
	return done
}

func (e *env) buy(productID string, qty int) (checkout.Outcome, error) {
	return e.svc.Purchase(context.Background(), checkout.Request{CustomerID: e.customer, ProductID: productID, Quantity: qty})
}

// quote buys one of the product and fails the test unless the purchase waits for the
// person's confirmation; what names the step in the failure.
func (e *env) quote(productID, what string) checkout.Outcome {
	e.t.Helper()
	out, err := e.buy(productID, 1)
	if err != nil || out.Status != checkout.StatusConfirmationRequired {
		e.t.Fatalf("%s: %+v, %v", what, out, err)
	}
	return out
}

// succeeded counts the emulator's succeeded PaymentIntents.
func (e *env) succeeded() int {
	n := 0
	for _, pi := range e.sb.Stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			n++
		}
	}
	return n
}

// allTokensDeactivated reports whether every token the emulator issued is deactivated.
func (e *env) allTokensDeactivated() bool {
	for _, tok := range e.sb.Stripe.Tokens() {
		if tok.Status != "deactivated" {
			return false
		}
	}
	return true
}

// confirmAbove sets the customer's confirmation threshold to amount (minor units),
// keeping the other rules.
func (e *env) confirmAbove(t *testing.T, amount int64) {
	t.Helper()
	ctx := context.Background()
	rules, err := e.st.Rules(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	rules.ConfirmAbove = amount
	if err := e.st.SetRules(ctx, e.customer, rules); err != nil {
		t.Fatal(err)
	}
}

// addTestCard files a test-mode Mastercard as the customer's default card, for a
// purchase made in test mode.
func (e *env) addTestCard(t *testing.T) store.PaymentMethod {
	t.Helper()
	pm, err := e.st.AddPaymentMethod(context.Background(), store.PaymentMethod{ID: "pm_card_mastercard", CustomerID: e.customer,
		Brand: "mastercard", Last4: "4444", Default: true, Mode: store.ModeTest})
	if err != nil {
		t.Fatal(err)
	}
	return pm
}

// failAt is a Config.Fault that stops the saga at the crash point named at ("" for
// none), as a kill there would.
func failAt(at string) func(string) error {
	return func(s string) error {
		if s == at {
			return errors.New("killed")
		}
		return nil
	}
}
