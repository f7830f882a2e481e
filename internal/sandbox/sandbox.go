// Package sandbox is the offline world a purchase talks to in sandbox mode: a Stripe
// emulator (stripesim) that the agent and every seller share, and the reference ACP
// seller (seller) for every seller of the catalog without an ACP endpoint of its own,
// selling from the catalog. The real clients (stripe-go, the ACP client, the SPT client)
// are used; only the transport is in memory, so no socket is opened and no money moves.
//
// The sandbox is wired in by cmd and by tests; it knows the wire packages (acp, spt) and
// the catalog, never the purchase saga.
package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
)

// Options configure a Sandbox. Everything is optional.
type Options struct {
	Now func() time.Time
	Log *slog.Logger
	// StripeMiddleware and SellerMiddleware wrap the emulated Stripe API and each
	// seller's checkout API; tests use them to inject faults at the HTTP seam.
	StripeMiddleware func(http.Handler) http.Handler
	SellerMiddleware func(sellerID string, h http.Handler) http.Handler
	// SellerTimeout bounds each call to a seller; default 30 s.
	SellerTimeout time.Duration
	// Schedule is when the reference sellers ship and deliver paid orders; zero fields
	// take seller.DefaultShipAfter and seller.DefaultDeliverAfter.
	Schedule seller.Schedule
	// TickEvery is how often running sellers move orders along (see Start); default
	// seller.DefaultTickEvery.
	TickEvery time.Duration
	// NoOrderCancellation makes the reference sellers leave out the order cancellation
	// extension, as sellers that do not implement it.
	NoOrderCancellation bool
	// ManualCapture makes the reference sellers authorize their charges only (a hold on
	// the buyer's card, the token used up with nothing captured); tests capture or
	// release a hold with SellerPayments.
	ManualCapture bool
	// Keep bounds what the sandbox remembers of past purchases: each reference seller
	// keeps about its newest Keep checkout sessions, paid orders and stored answers
	// (seller.Config.Keep), the Stripe emulator four times as many tokens, payments,
	// refunds and stored answers (stripesim.Options.Keep), as the sellers share it.
	// Zero takes seller.DefaultKeep.
	Keep int
}

// Sandbox runs, in-process, everything a purchase talks to. It is safe for concurrent
// use.
type Sandbox struct {
	Stripe *stripesim.Server
	cat    *catalog.Catalog
	opts   Options
	stripe http.Handler

	mu      sync.Mutex
	sellers map[string]endpoint
	events  http.Handler    // receives order events; nil: they wait in the sellers' queues
	run     context.Context // set by Start: sellers run their schedule until it ends
}

// endpoint is one reference seller as its clients reach it.
type endpoint struct {
	client  *acp.Client
	profile string
	seller  *seller.Seller
	pay     *seller.StripePayments
	secret  []byte // signs its order events
}

// OrderEventsPath is the path at which the agent receives seller sellerID's order
// events, in sandbox and hosted mode alike: /agentic_checkout/webhooks/{seller}/order_events.
func OrderEventsPath(sellerID string) string {
	return "/agentic_checkout/webhooks/" + url.PathEscape(sellerID) + "/order_events"
}

// DeliverOrderEventsTo makes the reference sellers send their order events to h
// in-process (at OrderEventsPath), each signed with the seller's WebhookSecret. Until
// it is called, events wait in the sellers' queues.
func (sb *Sandbox) DeliverOrderEventsTo(h http.Handler) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.events = h
}

// SellerPayments returns the Stripe payments of the reference seller of sellerID (its
// own Stripe account), and false when that seller has not been started. Tests capture
// or release a seller's holds with it (Options.ManualCapture).
func (sb *Sandbox) SellerPayments(sellerID string) (*seller.StripePayments, bool) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	e, ok := sb.sellers[sellerID]
	return e.pay, ok
}

// WebhookSecret returns the secret with which the reference seller of sellerID signs
// its order events, and false when that seller has not been started.
func (sb *Sandbox) WebhookSecret(sellerID string) ([]byte, bool) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	e, ok := sb.sellers[sellerID]
	return e.secret, ok
}

// Start makes every reference seller, and those started later, move its paid orders
// along the schedule (and send their events) every Options.TickEvery until ctx ends.
func (sb *Sandbox) Start(ctx context.Context) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.run = ctx
	for _, e := range sb.sellers {
		go e.seller.Run(ctx)
	}
	go sb.Stripe.Run(ctx) // its webhook events, once an endpoint is set (Stripe.SetWebhook)
}

// Tick moves every reference seller's orders along the schedule up to now and sends
// their queued events: what Start does periodically; tests call it with a fake clock.
func (sb *Sandbox) Tick(ctx context.Context) {
	sb.mu.Lock()
	sellers := make([]*seller.Seller, 0, len(sb.sellers))
	for _, e := range sb.sellers {
		sellers = append(sellers, e.seller)
	}
	sb.mu.Unlock()
	for _, s := range sellers {
		s.Tick(ctx)
	}
}

// eventsHandler passes an order event to the handler DeliverOrderEventsTo set.
type eventsHandler struct{ sb *Sandbox }

func (h eventsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.sb.mu.Lock()
	next := h.sb.events
	h.sb.mu.Unlock()
	if next == nil {
		http.Error(w, "no receiver yet", http.StatusServiceUnavailable)
		return
	}
	next.ServeHTTP(w, r)
}

const (
	agentKey  = "sk_test_sandbox_agent"
	stripeURL = "http://stripe.sandbox.invalid"
	agentURL  = "http://agent.sandbox.invalid"
)

// New returns a Sandbox selling from cat.
func New(cat *catalog.Catalog, opts Options) (*Sandbox, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.SellerTimeout <= 0 {
		opts.SellerTimeout = 30 * time.Second
	}
	if opts.Keep <= 0 {
		opts.Keep = seller.DefaultKeep
	}
	sb := &Sandbox{Stripe: stripesim.New(stripesim.Options{Now: opts.Now, Keep: 4 * opts.Keep}), cat: cat, opts: opts, sellers: map[string]endpoint{}}
	sb.stripe = sb.Stripe
	if opts.StripeMiddleware != nil {
		sb.stripe = opts.StripeMiddleware(sb.Stripe)
	}
	if err := sb.Stripe.AddAccount(agentKey, stripesim.Account{ID: "acct_sandboxagent", Profile: "profile_test_sandboxagent"}); err != nil {
		return nil, err
	}
	return sb, nil
}

// AgentStripe is the agent's SPT client configuration on the emulator.
func (sb *Sandbox) AgentStripe() spt.Config {
	return spt.Config{SecretKey: agentKey, BaseURL: stripeURL, HTTPClient: inMemory(sb.stripe, 30*time.Second)}
}

// Purchasable reports whether Client would give s a checkout: whether s has no ACP
// endpoint of its own (a real checkout cannot charge sandbox tokens).
func (sb *Sandbox) Purchasable(s catalog.Seller) bool {
	return s.ACPBaseURL == ""
}

// Client returns the ACP client of s's in-process reference seller, created on first
// use, and the seller's Stripe profile. It must be called only for a Purchasable s.
func (sb *Sandbox) Client(s catalog.Seller) (*acp.Client, string, error) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if e, ok := sb.sellers[s.ID]; ok {
		return e.client, e.profile, nil
	}
	e, err := sb.newSeller(s)
	if err != nil {
		return nil, "", err
	}
	sb.sellers[s.ID] = e
	return e.client, e.profile, nil
}

func (sb *Sandbox) newSeller(s catalog.Seller) (endpoint, error) {
	sum := sha256.Sum256([]byte(s.ID))
	tag := hex.EncodeToString(sum[:8])
	profile := s.StripeProfileID
	if !profileRE.MatchString(profile) {
		profile = "profile_test_" + tag
	}
	stripeKey, apiKey := "sk_test_sandbox_"+tag, "seller_key_sandbox_"+tag
	if err := sb.Stripe.AddAccount(stripeKey, stripesim.Account{ID: "acct_" + tag, Profile: profile}); err != nil {
		return endpoint{}, err
	}
	pay, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: stripeKey, URL: stripeURL, HTTPClient: inMemory(sb.stripe, 30*time.Second), Now: sb.opts.Now,
		ManualCapture: sb.opts.ManualCapture})
	if err != nil {
		return endpoint{}, err
	}
	host := "http://" + strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s.ID), "-"), "-") + ".seller.sandbox.invalid"
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return endpoint{}, err
	}
	ref, err := seller.New(seller.Config{
		APIKey: apiKey, Inventory: seller.CatalogInventory{Catalog: sb.cat, SellerID: s.ID},
		Payments: pay, Now: sb.opts.Now, Logger: sb.opts.Log.With("seller", s.ID),
		BaseURL: host, StripeProfile: profile,
		Webhook: &seller.Webhook{URL: agentURL + OrderEventsPath(s.ID), Secret: secret,
			Client: inMemory(eventsHandler{sb}, 10*time.Second)},
		Schedule: sb.opts.Schedule, TickEvery: sb.opts.TickEvery, NoOrderCancellation: sb.opts.NoOrderCancellation,
		Keep: sb.opts.Keep,
	})
	if err != nil {
		return endpoint{}, err
	}
	if sb.run != nil {
		go ref.Run(sb.run)
	}
	var h http.Handler = ref
	if sb.opts.SellerMiddleware != nil {
		h = sb.opts.SellerMiddleware(s.ID, h)
	}
	client := acp.NewClient(host, apiKey, acp.WithHTTPClient(inMemory(h, sb.opts.SellerTimeout)), acp.WithNow(sb.opts.Now))
	return endpoint{client: client, profile: profile, seller: ref, pay: pay, secret: secret}, nil
}

var (
	profileRE = regexp.MustCompile(`^profile_[A-Za-z0-9_]+$`)
	nonWord   = regexp.MustCompile(`[^a-z0-9]+`)
)

// Records counts what the sandbox keeps in memory of past purchases: its reference
// sellers' and its Stripe emulator's.
type Records struct {
	Sellers seller.Records // summed over the sellers
	Stripe  stripesim.Records
}

// Total is the number of records of every kind.
func (r Records) Total() int {
	s, p := r.Sellers, r.Stripe
	return s.Sessions + s.Answers + s.Orders + p.Tokens + p.PaymentIntents + p.PaymentMethods + p.Refunds + p.Answers
}

// Records returns what the sandbox keeps now.
func (sb *Sandbox) Records() Records {
	sb.mu.Lock()
	sellers := make([]*seller.Seller, 0, len(sb.sellers))
	for _, e := range sb.sellers {
		sellers = append(sellers, e.seller)
	}
	sb.mu.Unlock()
	r := Records{Stripe: sb.Stripe.Records()}
	for _, s := range sellers {
		c := s.Records()
		r.Sellers.Sessions += c.Sessions
		r.Sellers.Answers += c.Answers
		r.Sellers.Orders += c.Orders
	}
	return r
}
