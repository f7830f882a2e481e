package checkout

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
)

// SandboxOptions configure a Sandbox. Everything is optional.
type SandboxOptions struct {
	Now func() time.Time
	Log *slog.Logger
	// StripeMiddleware and SellerMiddleware wrap the emulated Stripe API and each
	// seller's checkout API; tests use them to inject faults at the HTTP seam.
	StripeMiddleware func(http.Handler) http.Handler
	SellerMiddleware func(sellerID string, h http.Handler) http.Handler
	// SellerTimeout bounds each call to a seller; default 30 s.
	SellerTimeout time.Duration
}

// Sandbox runs, in-process, everything a purchase talks to: a Stripe emulator that the
// agent and every seller share, and the reference ACP seller for every seller of the
// catalog without an ACP endpoint of its own, selling from the catalog. The real
// clients (stripe-go, the ACP client) are used; only the transport is in memory, so no
// socket is opened and no money moves.
type Sandbox struct {
	Stripe *sandbox.Server
	cat    *catalog.Catalog
	opts   SandboxOptions
	stripe http.Handler

	mu      sync.Mutex
	sellers map[string]ACPSeller
}

const (
	sandboxAgentKey  = "sk_test_sandbox_agent"
	sandboxStripeURL = "http://stripe.sandbox.invalid"
)

// NewSandbox returns a Sandbox selling from cat.
func NewSandbox(cat *catalog.Catalog, opts SandboxOptions) (*Sandbox, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.SellerTimeout <= 0 {
		opts.SellerTimeout = 30 * time.Second
	}
	sb := &Sandbox{Stripe: sandbox.New(sandbox.Options{Now: opts.Now}), cat: cat, opts: opts, sellers: map[string]ACPSeller{}}
	sb.stripe = sb.Stripe
	if opts.StripeMiddleware != nil {
		sb.stripe = opts.StripeMiddleware(sb.Stripe)
	}
	if err := sb.Stripe.AddAccount(sandboxAgentKey, sandbox.Account{ID: "acct_sandboxagent", Profile: "profile_test_sandboxagent"}); err != nil {
		return nil, err
	}
	return sb, nil
}

// Tokens returns the agent's token issuer on the emulator.
func (sb *Sandbox) Tokens() Tokens {
	return SPTTokens{Client: spt.New(spt.Config{SecretKey: sandboxAgentKey, BaseURL: sandboxStripeURL, HTTPClient: inMemory(sb.stripe, 30*time.Second)})}
}

// Checkout implements Sellers: a seller with an ACP endpoint of its own is not
// purchasable in sandbox mode (its real checkout cannot charge sandbox tokens); every
// other seller gets an in-process reference seller, created on first use.
func (sb *Sandbox) Checkout(ctx context.Context, seller catalog.Seller) (SellerCheckout, error) {
	if !sb.Purchasable(seller) {
		return nil, fmt.Errorf("%w: %s has its own ACP endpoint", ErrNotPurchasable, seller.ID)
	}
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if s, ok := sb.sellers[seller.ID]; ok {
		return s, nil
	}
	s, err := sb.newSeller(seller)
	if err != nil {
		return nil, err
	}
	sb.sellers[seller.ID] = s
	return s, nil
}

func (sb *Sandbox) newSeller(seller catalog.Seller) (ACPSeller, error) {
	sum := sha256.Sum256([]byte(seller.ID))
	tag := hex.EncodeToString(sum[:8])
	profile := seller.StripeProfileID
	if !profileRE.MatchString(profile) {
		profile = "profile_test_" + tag
	}
	stripeKey, apiKey := "sk_test_sandbox_"+tag, "seller_key_sandbox_"+tag
	if err := sb.Stripe.AddAccount(stripeKey, sandbox.Account{ID: "acct_" + tag, Profile: profile}); err != nil {
		return ACPSeller{}, err
	}
	pay, err := acp.NewStripePayments(acp.StripeConfig{SecretKey: stripeKey, URL: sandboxStripeURL, HTTPClient: inMemory(sb.stripe, 30*time.Second), Now: sb.opts.Now})
	if err != nil {
		return ACPSeller{}, err
	}
	host := "http://" + strings.Trim(nonWord.ReplaceAllString(strings.ToLower(seller.ID), "-"), "-") + ".seller.sandbox.invalid"
	ref, err := acp.NewSeller(acp.SellerConfig{
		APIKey: apiKey, Inventory: acp.CatalogInventory{Catalog: sb.cat, SellerID: seller.ID},
		Payments: pay, Now: sb.opts.Now, Logger: sb.opts.Log.With("seller", seller.ID),
		BaseURL: host, StripeProfile: profile,
	})
	if err != nil {
		return ACPSeller{}, err
	}
	var h http.Handler = ref
	if sb.opts.SellerMiddleware != nil {
		h = sb.opts.SellerMiddleware(seller.ID, h)
	}
	client := acp.NewClient(host, apiKey, acp.WithHTTPClient(inMemory(h, sb.opts.SellerTimeout)), acp.WithNow(sb.opts.Now))
	return ACPSeller{Client: client, ProfileID: profile}, nil
}

var (
	profileRE = regexp.MustCompile(`^profile_[A-Za-z0-9_]+$`)
	nonWord   = regexp.MustCompile(`[^a-z0-9]+`)
)

// inMemory is an HTTP client whose requests are served by h directly.
func inMemory(h http.Handler, timeout time.Duration) *http.Client {
	return &http.Client{Transport: handlerTransport{h}, Timeout: timeout}
}

type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	if r.Body == nil {
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	if err := r.Context().Err(); err != nil {
		return nil, err // like a connection cut after the server acted
	}
	res := rec.Result()
	res.Request = r
	return res, nil
}
