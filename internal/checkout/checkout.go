// Package checkout is the purchase saga: quote through the seller's ACP checkout, check
// the customer's spending rules, get the person's confirmation when needed, issue a
// Shared Payment Token scoped to the seller and the total, complete the seller's
// checkout with it, and record the order.
//
// Every step is journaled in the store before the next outside call, and every outside
// POST carries an idempotency key derived from the purchase id, so that:
//   - a retried purchase (same quote_id or idempotency key) returns the first outcome
//     and never charges twice, also when many calls race;
//   - a crash at any point is settled by Recover at startup: the order is completed
//     exactly once, or it fails with its token revoked;
//   - a failure after the token was issued revokes the token.
//
// The saga talks to sellers and Stripe through the SellerCheckout and Tokens ports, so
// it runs the same against the in-process sandbox (internal/sandbox, reached through
// ACPSellers and SPTTokens; cmd wires it in) and against real services (Directory).
//
// A purchase that does not happen is a *Refusal: a RefusalCode and its RefusalParams,
// recorded with the purchase and its order. The package writes no sentences for the
// model or the person; tools words refusals, summaries and confirmation dialogs.
package checkout

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Mode is what a purchase runs against, reported with every result and recorded with
// every purchase and order.
type Mode string

// Modes.
const (
	ModeSandbox Mode = "sandbox" // the in-process sandbox: no money moves
	ModeTest    Mode = "test"    // Stripe in test mode
	ModeLive    Mode = "live"    // Stripe in live mode
	// ModeUnknown is no server's mode: that of a card or subscription from before
	// modes were recorded that nothing vouches for (store.ModeUnknown). No server
	// pays with such a card or renews such a subscription.
	ModeUnknown Mode = store.ModeUnknown
)

// Defaults for Config.
const (
	DefaultQuoteTTL = 10 * time.Minute
	DefaultTokenTTL = 15 * time.Minute
	dailyWindow     = store.DailyWindow
)

// Config wires a Service. Catalog, Store, Sellers, Tokens and ConfirmKey are required.
type Config struct {
	Catalog *catalog.Catalog
	Store   *store.Store
	Sellers Sellers
	Tokens  Tokens
	Mode    Mode
	// ConfirmKey signs elicitation state (HMAC-SHA256); at least 32 bytes. Replicas
	// serving the same customers must share it.
	ConfirmKey []byte
	QuoteTTL   time.Duration // how long a quote can be confirmed; default 10 min
	TokenTTL   time.Duration // how long an SPT is usable; default 15 min
	Log        *slog.Logger
	Now        func() time.Time
	// Fault, when set, is called after each saga step with the step's name
	// ("approved", "token_received" (Stripe issued the token, not journaled yet),
	// "token_issued", "seller_completed", "order_completed", "order_recorded";
	// "sales_counted" in DrainSales; "recovered_approved" after recovery failed an
	// approved purchase; "cancel_order_read", "cancel_asked", "cancel_read",
	// "cancel_claimed", "cancel_refused", "cancel_ask_withdrawn" in cancel_order); an error
	// stops the saga right there, as a crash would: no compensation runs. Tests use it
	// to prove that Recover settles every interrupted purchase.
	Fault func(step string) error
	// Retries is how many times an outside call whose outcome is unknown is repeated
	// with the same idempotency key; default 2. RetryWait is the pause before the
	// first retry, doubled each time; default 50 ms.
	Retries   int
	RetryWait time.Duration
	// Wallet, when set, lets customers bring payment methods through hosted setup
	// pages and remove them (see StartPaymentSetup); SetupReturnURL returns the page
	// the person is sent to when done (it may start a listener on first use). Both are
	// needed for setups. SetupTTL is how long a setup page stays open; default
	// DefaultSetupTTL, at least 30 minutes (Stripe's minimum).
	Wallet         Wallet
	SetupReturnURL func(ctx context.Context) (string, error)
	SetupTTL       time.Duration
	// RenewRetries are the waits before each retry of a declined subscription renewal;
	// after the last the subscription pauses. Default DefaultRenewRetries().
	RenewRetries []time.Duration
	// RecoverAfter is how long a purchase must have been idle before AskSeller settles
	// it as recovery does (the server's --recover-after); default DefaultRecoverAfter.
	// AskEvery is how often AskSeller asks about one order at most; default
	// DefaultAskEvery.
	RecoverAfter time.Duration
	AskEvery     time.Duration
	// ClaimBeat is how often a call carrying out a cancellation keeps its claim
	// fresh (store.TouchCancellation), and a checkout call its open checkout
	// (store.TouchCheckout); default a quarter of the time after which a claimed
	// cancellation is taken for dead (2 minutes), at most a third of
	// store.OpenCheckoutTTL.
	ClaimBeat time.Duration
	// PayingTimeout bounds the payment of an approved purchase, checkout or renewal,
	// which its caller's cancellation does not stop (see paying); default
	// DefaultPayingTimeout.
	PayingTimeout time.Duration
	// SessionCancelWait bounds how long canceling a seller session of a seller order
	// ended before approval may hold up the call that ended it (a slow seller's
	// session lapses at the seller instead); default DefaultSessionCancelWait.
	SessionCancelWait time.Duration
}

// Service runs purchases. It is safe for concurrent use.
type Service struct {
	cfg       Config
	listeners listeners
	asks      askLimiter
	// heldSeen: when this process's recovery last found a purchase's token held (its
	// id → the time), so that a hold, which may last a month, is looked at every
	// heldRecheck rather than every run.
	heldSeen sync.Map
	// otherModeWarned: the purchases of another mode this process's recovery has
	// warned the operator about (id → true), once each.
	otherModeWarned sync.Map
	// stop ends the payments in flight (StopPayments, halt).
	stop context.Context
	halt context.CancelFunc
	// settling counts the owed tokens being settled after their cancel answered
	// (settleAfterAnswer). settleMu guards its Add against Drain's Wait: once
	// draining is set (by Drain, for good), no settling starts.
	settling sync.WaitGroup
	settleMu sync.Mutex
	draining bool
}

// New returns a Service for cfg.
func New(cfg Config) (*Service, error) {
	switch {
	case cfg.Catalog == nil, cfg.Store == nil, cfg.Sellers == nil, cfg.Tokens == nil:
		return nil, errors.New("checkout: Catalog, Store, Sellers and Tokens are required")
	case len(cfg.ConfirmKey) < 32:
		return nil, errors.New("checkout: ConfirmKey must be at least 32 bytes")
	}
	if cfg.Mode == "" {
		cfg.Mode = ModeSandbox
	}
	if cfg.QuoteTTL <= 0 {
		cfg.QuoteTTL = DefaultQuoteTTL
	}
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = DefaultTokenTTL
	}
	if cfg.RecoverAfter <= 0 {
		cfg.RecoverAfter = DefaultRecoverAfter
	}
	if cfg.AskEvery <= 0 {
		cfg.AskEvery = DefaultAskEvery
	}
	if cfg.ClaimBeat <= 0 {
		cfg.ClaimBeat = staleCancel / 4
	}
	cfg.ClaimBeat = min(cfg.ClaimBeat, store.OpenCheckoutTTL/3)
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Retries == 0 {
		cfg.Retries = 2
	}
	if cfg.SetupTTL <= 0 {
		cfg.SetupTTL = DefaultSetupTTL
	}
	cfg.SetupTTL = max(cfg.SetupTTL, 31*time.Minute)
	if cfg.RetryWait <= 0 {
		cfg.RetryWait = 50 * time.Millisecond
	}
	if cfg.RenewRetries == nil {
		cfg.RenewRetries = DefaultRenewRetries()
	}
	if cfg.PayingTimeout <= 0 {
		cfg.PayingTimeout = DefaultPayingTimeout
	}
	if cfg.SessionCancelWait <= 0 {
		cfg.SessionCancelWait = DefaultSessionCancelWait
	}
	stop, halt := context.WithCancel(context.Background())
	return &Service{cfg: cfg, stop: stop, halt: halt}, nil
}

// Mode reports the mode purchases run in.
func (s *Service) Mode() Mode { return s.cfg.Mode }

// lostRace is what a call gets when it tried to end or advance purchase id but another
// call (or recovery) had moved it first. It never leaves the package: Purchase and
// Confirm turn it into the outcome that the other call gave, so every call sees the
// first outcome. A call that lost compensates nothing (no session cancelled), since
// the purchase is no longer its own.
type lostRace struct{ id string }

func (l lostRace) Error() string { return "purchase " + l.id + " was moved on by another call" }

// firstOutcome replaces a lost race with the outcome of the call that won it.
func (s *Service) firstOutcome(ctx context.Context, out Outcome, err error) (Outcome, error) {
	var lost lostRace
	if !errors.As(err, &lost) {
		return out, err
	}
	p, err := s.cfg.Store.Purchase(context.WithoutCancel(ctx), lost.id)
	if err != nil {
		return Outcome{}, err
	}
	return s.settle(ctx, p)
}

// crash is what a Fault hook's error becomes: the saga stops without compensation.
type crash struct{ err error }

func (c crash) Error() string { return "injected fault: " + c.err.Error() }

func (s *Service) fault(step string) error {
	if s.cfg.Fault == nil {
		return nil
	}
	if err := s.cfg.Fault(step); err != nil {
		return crash{err}
	}
	return nil
}

func (s *Service) now() time.Time { return s.cfg.Now().UTC() }

// Now is the service's time now, by which its sealed states expire (SealedUntil).
func (s *Service) Now() time.Time { return s.now() }
