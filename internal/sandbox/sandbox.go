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
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
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
}

// endpoint is one reference seller as its clients reach it.
type endpoint struct {
	client  *acp.Client
	profile string
}

const (
	agentKey  = "sk_test_sandbox_agent"
	stripeURL = "http://stripe.sandbox.invalid"
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
	sb := &Sandbox{Stripe: stripesim.New(stripesim.Options{Now: opts.Now}), cat: cat, opts: opts, sellers: map[string]endpoint{}}
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
	pay, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: stripeKey, URL: stripeURL, HTTPClient: inMemory(sb.stripe, 30*time.Second), Now: sb.opts.Now})
	if err != nil {
		return endpoint{}, err
	}
	host := "http://" + strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s.ID), "-"), "-") + ".seller.sandbox.invalid"
	ref, err := seller.New(seller.Config{
		APIKey: apiKey, Inventory: seller.CatalogInventory{Catalog: sb.cat, SellerID: s.ID},
		Payments: pay, Now: sb.opts.Now, Logger: sb.opts.Log.With("seller", s.ID),
		BaseURL: host, StripeProfile: profile,
	})
	if err != nil {
		return endpoint{}, err
	}
	var h http.Handler = ref
	if sb.opts.SellerMiddleware != nil {
		h = sb.opts.SellerMiddleware(s.ID, h)
	}
	client := acp.NewClient(host, apiKey, acp.WithHTTPClient(inMemory(h, sb.opts.SellerTimeout)), acp.WithNow(sb.opts.Now))
	return endpoint{client: client, profile: profile}, nil
}

var (
	profileRE = regexp.MustCompile(`^profile_[A-Za-z0-9_]+$`)
	nonWord   = regexp.MustCompile(`[^a-z0-9]+`)
)
