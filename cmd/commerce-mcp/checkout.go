package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/cli"
	"github.com/commerce-mcp/commerce-mcp/internal/orderevents"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/stripehook"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// payFlags configure purchasing: sandbox (the default) or real Stripe.
type payFlags struct {
	stripeKey      string
	stripeKeyFile  string
	stripeKeyFrom  string // where stripeKey came from (a flag or variable name), "" when unset
	stripeURL      string
	stripeVersion  string
	sellersFile    string
	confirmKey     string
	confirmKeyFile string
	// webhookSecret verifies Stripe's webhook events (hosted mode, at
	// stripehook.Pattern); from --stripe-webhook-secret-file or STRIPE_WEBHOOK_SECRET.
	webhookSecret     string
	webhookSecretFile string
	// recoverAfter is serve's --recover-after: get_order settles a pending order by
	// asking its seller only once its purchase has been idle that long, as recovery
	// does. Zero takes checkout's default.
	recoverAfter time.Duration
}

// register declares the flags. The secrets (--stripe-key, --confirm-key) are read from
// the environment by resolve after parsing, so that -h never prints them as defaults.
func (p *payFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&p.stripeKey, "stripe-key", "", "Stripe secret `key`; empty runs purchases in the sandbox. Visible to other users in the process list: prefer STRIPE_SECRET_KEY or --stripe-key-file")
	fs.StringVar(&p.stripeKeyFile, "stripe-key-file", "", "`file` holding the Stripe secret key (env STRIPE_SECRET_KEY gives the key itself)")
	fs.StringVar(&p.stripeURL, "stripe-base-url", getenv("STRIPE_BASE_URL"), "Stripe API `URL` (emulators only; env STRIPE_BASE_URL)")
	fs.StringVar(&p.stripeVersion, "stripe-version", envOr(getenv, "STRIPE_VERSION", spt.DefaultVersion), "Stripe-Version for Shared Payment Token calls (env STRIPE_VERSION)")
	fs.StringVar(&p.sellersFile, "sellers", getenv("COMMERCE_SELLERS"), "JSON `file` with each real seller's ACP URL, API key and Stripe profile (env COMMERCE_SELLERS)")
	fs.StringVar(&p.confirmKey, "confirm-key", "", "hex or base64 `key` (32+ bytes) signing purchase confirmations; random per process when empty. Visible in the process list: prefer COMMERCE_CONFIRM_KEY or --confirm-key-file")
	fs.StringVar(&p.confirmKeyFile, "confirm-key-file", "", "`file` holding the confirmation key (env COMMERCE_CONFIRM_KEY gives the key itself)")
	fs.StringVar(&p.webhookSecretFile, "stripe-webhook-secret-file", "", "`file` holding the signing secret (whsec_…) of this server's Stripe webhook endpoint, /stripe/webhook, with --transport http or sse (env STRIPE_WEBHOOK_SECRET gives the secret itself); without it, added cards are found by asking Stripe")
}

// resolve reads the secrets not given as flags from their files or the environment,
// and returns a warning for each secret given as a flag.
func (p *payFlags) resolve(getenv func(string) string) (warnings []string, err error) {
	var w string
	if p.stripeKey, p.stripeKeyFrom, w, err = cli.Secret("stripe-key", p.stripeKey, p.stripeKeyFile, "STRIPE_SECRET_KEY", getenv); err != nil {
		return nil, err
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	if p.confirmKey, _, w, err = cli.Secret("confirm-key", p.confirmKey, p.confirmKeyFile, "COMMERCE_CONFIRM_KEY", getenv); err != nil {
		return nil, err
	}
	if w != "" {
		warnings = append(warnings, w)
	}
	if p.webhookSecret, _, _, err = cli.Secret("stripe-webhook-secret", "", p.webhookSecretFile, "STRIPE_WEBHOOK_SECRET", getenv); err != nil {
		return nil, err
	}
	return warnings, nil
}

// newCheckout wires the purchase saga for the flags. It starts nothing: serve settles
// what an earlier run left unfinished with recovery.start.
func newCheckout(pf payFlags, cat *catalog.Catalog, st *store.Store, logger *slog.Logger) (*checkout.Service, error) {
	svc, _, err := newCommerce(pf, cat, st, logger)
	return svc, err
}

// afterOrder is how orders hear from their sellers: the handler of the sellers' order
// events (orderevents.Pattern) and, in the sandbox, the reference sellers that send
// them.
type afterOrder struct {
	events  http.Handler
	sandbox *sandbox.Sandbox // nil with real Stripe
	pages   *setupPages      // where the person adds a card
}

// start makes the sandbox's reference sellers deliver their order events to the
// handler in-process and move their orders along their schedule until ctx ends.
func (a afterOrder) start(ctx context.Context) {
	if a.sandbox != nil {
		a.sandbox.DeliverOrderEventsTo(a.events)
		a.sandbox.Start(ctx)
	}
}

// newCommerce is newCheckout and the order events of its sellers: in the sandbox the
// reference sellers' (each signs with its own secret), with real Stripe those of the
// sellers file that have a webhook_secret.
func newCommerce(pf payFlags, cat *catalog.Catalog, st *store.Store, logger *slog.Logger) (*checkout.Service, afterOrder, error) {
	key, err := confirmKey(pf.confirmKey)
	if err != nil {
		return nil, afterOrder{}, err
	}
	cfg := checkout.Config{Catalog: cat, Store: st, Mode: checkout.ModeOf(pf.stripeKey), ConfirmKey: key, Log: logger, RecoverAfter: pf.recoverAfter}
	var (
		after  = afterOrder{pages: &setupPages{log: logger}}
		secret func(seller string) ([]byte, bool)
	)
	cfg.SetupReturnURL = after.pages.returnURL
	if pf.stripeKey == "" {
		sb, err := sandbox.New(cat, sandbox.Options{Log: logger})
		if err != nil {
			return nil, afterOrder{}, err
		}
		agent := spt.New(sb.AgentStripe())
		cfg.Sellers, cfg.Tokens, cfg.Wallet = checkout.ACPSellers{Endpoints: sb}, checkout.SPTTokens{Client: agent}, checkout.SPTWallet{Client: agent}
		after.sandbox, secret, after.pages.sim = sb, sb.WebhookSecret, sb.Stripe
	} else {
		access, err := readSellers(pf.sellersFile)
		if err != nil {
			return nil, afterOrder{}, err
		}
		dir := checkout.NewDirectory(access, nil)
		cfg.Sellers, secret = dir, dir.WebhookSecret
		agent := spt.New(spt.Config{SecretKey: pf.stripeKey, BaseURL: pf.stripeURL, Version: pf.stripeVersion, MaxNetworkRetries: 2})
		cfg.Tokens, cfg.Wallet = checkout.SPTTokens{Client: agent}, checkout.SPTWallet{Client: agent}
	}
	svc, err := checkout.New(cfg)
	if err != nil {
		return nil, afterOrder{}, err
	}
	after.events = orderevents.Handler(orderevents.ForService(svc, secret, time.Now, logger))
	if after.pages.sim != nil {
		// The emulator signs its webhook events with the configured secret, or a fresh
		// one: nothing outside this process needs to know it.
		after.pages.hookSecret = pf.webhookSecret
		if after.pages.hookSecret == "" {
			after.pages.hookSecret = "whsec_" + rand.Text()
		}
		after.pages.hook = stripehook.Handler(after.pages.hookSecret, stripehook.ForService(svc), logger)
	}
	return svc, after, nil
}

// Defaults of serve's recovery (--recover-after, --recover-every). A purchase must have
// been idle recoverAfter before recovery settles it: younger ones may still be running,
// here or in another server on the same database. An approved payment runs at most
// checkout.DefaultPayingTimeout (45 s) and then journals how it ended, so
// minRecoverAfter, a minute, is the shortest setting that is not warned about
// (TestMinRecoverAfterOutlastsPaying).
const (
	defaultRecoverAfter = checkout.DefaultRecoverAfter
	defaultRecoverEvery = time.Minute
	minRecoverAfter     = time.Minute
)

// recovery settles the purchases that stopped half-way (a crash, a seller that did not
// answer) once they have been idle for after, then renews the subscriptions that are
// due, and logs what it did; it does so at start and then every every. A cycle that
// fell due while the server was down is renewed on the first run, once.
type recovery struct {
	svc          *checkout.Service
	log          *slog.Logger
	after, every time.Duration
}

// start settles what an earlier run left unfinished, then settles again every r.every
// in the background until ctx ends, so that a pending purchase of a long-running server
// does not wait for a restart.
func (r recovery) start(ctx context.Context) error {
	left, err := r.settle(ctx, lingering{})
	if err != nil && ctx.Err() == nil { // a signal meanwhile: serving ends at once
		return fmt.Errorf("recover unfinished purchases: %w", err)
	}
	go r.loop(ctx, left)
	return nil
}

// lingering counts the purchases a recovery run left as they are for long: held
// (RecoverReport.Held), perhaps for weeks, and made in another mode than the server
// runs in (RecoverReport.OtherMode), until a server of their mode runs.
type lingering struct{ held, otherMode int }

// settle runs recovery and renewals once. last is what the last run left lingering,
// and it returns this run's: those purchases are not logged every run, only when
// their numbers change (each held one is warned about once when found, by Recover).
func (r recovery) settle(ctx context.Context, last lingering) (lingering, error) {
	rep, err := r.svc.Recover(ctx, r.after)
	if err != nil {
		return last, err
	}
	left := lingering{held: rep.Held, otherMode: rep.OtherMode}
	others := rep
	others.Held, others.OtherMode = 0, 0
	if others != (checkout.RecoverReport{}) || left != last {
		r.log.Info("settled unfinished purchases", "completed", rep.Completed, "failed", rep.Failed, "charged_no_order", rep.ChargedNoOrder, "unsettled", rep.Unsettled, "held", rep.Held,
			"other_mode", rep.OtherMode, "mode", string(r.svc.Mode()), "cards_removed", rep.CardsRemoved, "cancel_asks_withdrawn", rep.AsksWithdrawn,
			"quotes_lapsed", rep.QuotesLapsed)
	}
	ren, err := r.svc.RenewDue(ctx)
	if err != nil {
		return left, fmt.Errorf("renew subscriptions: %w", err)
	}
	if ren.Paid+ren.Retrying+ren.Paused+ren.Stopped+ren.Errors > 0 {
		r.log.Info("renewed subscriptions", "paid", ren.Paid, "retrying", ren.Retrying, "paused", ren.Paused, "stopped", ren.Stopped,
			"pending", ren.Pending, "errors", ren.Errors)
	}
	return left, nil
}

func (r recovery) loop(ctx context.Context, left lingering) {
	t := time.NewTicker(r.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			var err error
			if left, err = r.settle(ctx, left); err != nil && ctx.Err() == nil {
				r.log.Warn("settling unfinished purchases", "err", err)
			}
		}
	}
}

func confirmKey(s string) ([]byte, error) {
	if s == "" {
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return k, err
	}
	for _, dec := range []func(string) ([]byte, error){hex.DecodeString, base64.StdEncoding.DecodeString, base64.RawURLEncoding.DecodeString} {
		if k, err := dec(strings.TrimSpace(s)); err == nil && len(k) >= 32 {
			return k, nil
		}
	}
	return nil, &usageError{Msg: "--confirm-key must be at least 32 bytes, hex or base64 encoded (e.g. `openssl rand -hex 32`)"}
}

// readSellers reads the sellers file: {"sellers": [{"id", "acp_base_url", "api_key",
// "stripe_profile", "webhook_secret", "support_url"}]}; the last two are optional.
func readSellers(path string) ([]checkout.SellerAccess, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read --sellers file: %w", err)
	}
	var f struct {
		Sellers []checkout.SellerAccess `json:"sellers"`
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("--sellers file %s: %v (expected {\"sellers\": [{\"id\", \"acp_base_url\", \"api_key\", \"stripe_profile\", \"webhook_secret\", \"support_url\"}]})", path, err)
	}
	for i, s := range f.Sellers {
		if s.ID == "" {
			return nil, fmt.Errorf("--sellers file %s: seller %d has no id", path, i+1)
		}
		// Not repeated: it may hold a password. A support URL is shown to customers,
		// and the ACP base URL is named by the errors that are logged.
		for _, u := range []struct{ name, v string }{{"acp_base_url", s.ACPBaseURL}, {"support_url", s.SupportURL}} {
			if _, userInfo := text.WithoutUserInfo(u.v); userInfo {
				return nil, fmt.Errorf("--sellers file %s: seller %q: %s has user info (user@ before the host); give it without (the seller's key goes in api_key)", path, s.ID, u.name)
			}
		}
	}
	return f.Sellers, nil
}

// resolveCustomer returns the customer stdio serves: --customer (an id or an email),
// else the demo customer when it exists, else none (the customer tools then say so).
func resolveCustomer(ctx context.Context, st *store.Store, want, db string) (string, error) {
	if want != "" {
		c, err := st.Customer(ctx, want)
		if err != nil && strings.Contains(want, "@") {
			c, err = st.CustomerByEmail(ctx, want)
		}
		if err != nil {
			return "", &usageError{Msg: fmt.Sprintf("no customer %q in the database %s; `commerce-mcp customer list --db %s` lists its customers (check --db if they are not yours)", want, db, db)}
		}
		return c.ID, nil
	}
	c, err := st.Customer(ctx, store.DemoCustomerID)
	if err != nil {
		return "", nil
	}
	return c.ID, nil
}
