// Package stripesim is an in-process emulator of the parts of the Stripe API that
// commerce-mcp uses: Shared Payment Tokens (issued by the agent's account and granted to
// a seller's account), PaymentIntents confirmed with a granted token, and Stripe's test
// PaymentMethods. It stands in for api.stripe.com in sandbox mode and in tests; stripe-go
// is pointed at it with
//
//	stripe.NewBackendsWithConfig(&stripe.BackendConfig{URL: stripe.String(srv.URL), MaxNetworkRetries: stripe.Int64(0)})
//
// so the real client code path runs and only the host differs.
//
// # Contract
//
// Requests authenticate with a secret key registered through AddAccount, sent as
// "Authorization: Bearer <key>" (what stripe-go sends) or as the basic-auth user name.
// All accounts share one state, as on real Stripe: the agent issues a token scoped to a
// seller's network business profile, and that seller sees the same spt_ id as a granted
// token and charges it. Bodies are form-encoded; responses are JSON objects shaped like
// Stripe's, and errors use Stripe's envelope {"error":{"type","code","param","message"}}.
// The shared-payment endpoints, and PaymentIntents that use a granted token, require a
// preview API version header (Stripe-Version ending in ".preview"), as real Stripe does
// for preview features.
//
// Token rules, enforced when a seller confirms a PaymentIntent with
// payment_method_data[shared_payment_granted_token]:
//   - the token exists and is scoped to the calling account's profile;
//   - the PaymentIntent currency equals usage_limits[currency];
//   - the token is not expired (it is deactivated with reason "expired" once
//     usage_limits[expires_at] has passed), revoked, or already used;
//   - usage_details.amount_captured + amount ≤ usage_limits[max_amount] (cumulative);
//   - tokens are single use: the first successful charge deactivates the token with
//     reason "consumed", whatever its amount (Options.MultiCapture keeps it active until
//     max_amount is reached instead). A declined charge captures nothing and leaves the
//     token as it was.
//   - capture_method=manual authorizes instead (status requires_capture,
//     amount_capturable): the hold counts against max_amount and uses the token up as a
//     charge does, but amount_captured stays 0 until POST /v1/payment_intents/{id}/capture
//     (all, or amount_to_capture) adds what is captured; POST …/{id}/cancel releases the
//     hold, nothing captured. The token stays deactivated "consumed" either way.
//
// GET /v1/payment_intents lists the caller's PaymentIntents, newest first, with
// limit, starting_after and created[gte] (no metadata filter, as on Stripe).
//
// Refunds: POST /v1/refunds refunds all (amount absent) or part of a succeeded
// PaymentIntent of the calling account, at once (status succeeded); the refunds of a
// PaymentIntent never add up to more than it received (charge_already_refunded).
// Refunds and PaymentIntents (AmountRefunded) are the ledger tests read.
//
// # Error codes
//
// Stripe documents no error codes for Shared Payment Token misuse, so the emulator uses
// these (type invalid_request_error, HTTP 400 unless noted):
//
//	resource_missing                       unknown id, or an object of another account
//	                                       (404 on retrieve/revoke; 400 when it is a
//	                                       parameter, e.g. a token scoped to another
//	                                       seller, an unknown payment_method, or a seller
//	                                       profile that belongs to no account)
//	parameter_missing                      a required parameter is absent (param names it)
//	parameter_unknown                      a parameter the endpoint does not take, including
//	                                       the obsolete top-level shared_payment_granted_token
//	parameter_invalid_integer              not an integer, or out of range (amount, max_amount)
//	parameter_invalid                      any other bad value (currency, expires_at in the
//	                                       past, confirm other than true, metadata limits)
//	payment_method_currency_mismatch       PaymentIntent currency differs from the token's
//	amount_too_large                       amount would take amount_captured past max_amount
//	shared_payment_token_expired           the token is deactivated; the suffix is its
//	shared_payment_token_revoked           deactivated_reason
//	shared_payment_token_consumed
//	shared_payment_token_resolved
//	shared_payment_token_requires_action   the token still waits for customer authentication
//	preview_version_required               Stripe-Version is not a preview version
//	card_declined (type card_error, 402)   the test card declines; decline_code says why and
//	                                       the failed PaymentIntent is in the error body
//	idempotency_error (type, no code)      an Idempotency-Key reused with other parameters
//
// A missing or unknown API key gives 401 and an unknown path 404 ("Unrecognized request
// URL"); no message ever echoes a key or a full token id.
//
// # Idempotency
//
// A POST carrying Idempotency-Key is remembered per account for 24 hours (at most the
// newest Options.Keep of them, as for every record below). A repeat with
// the same method, path and parameters returns the stored status and body (with header
// Idempotent-Replayed: true) and changes nothing; a repeat with different parameters gets
// 400 idempotency_error. As on Stripe, results are stored only once the endpoint started
// executing: successes and 402 declines are stored, parameter and state errors are not,
// so a corrected request can reuse its key. FailAfterExecuting makes a request that
// executed store and answer a 500 instead, which Stripe then replays for the window.
//
// # Customers and setup pages
//
// POST /v1/customers and GET /v1/customers/{id}; POST /v1/payment_methods/{id}/attach
// (customer) and …/detach (400 without a code when the method is attached to no
// customer, as Stripe answers); POST /v1/checkout/sessions in mode=setup only
// (customer and success_url required; cards only; expires_at 30 minutes to 24 hours
// ahead, 24 hours by default), GET /v1/checkout/sessions/{id} with expand[] of
// setup_intent or setup_intent.payment_method. A session's url
// points at SetupPage, served wherever the caller mounts it (SetPageURL): a form offering
// test cards, whose submission completes the session, attaches the card to the session's
// Customer and redirects to success_url. Test cards keep their ids when attached (real
// Stripe makes a new pm_), so a card added in one run is still chargeable after a
// restart, which forgets everything else.
//
// # Test payment methods
//
// pm_card_visa, pm_card_visa_debit, pm_card_mastercard, pm_card_amex, pm_card_discover,
// pm_card_diners, pm_card_jcb and pm_card_unionpay succeed; pm_card_chargeDeclined
// declines with card_declined/generic_decline and pm_card_chargeDeclinedInsufficientFunds
// with card_declined/insufficient_funds; pm_card_authenticationRequired makes an issued
// token start in status requires_action (see Server.Authenticate). Only brand, last4 and
// expiry exist; there are no card numbers anywhere.
//
// The emulator keeps everything in memory, never logs, and is safe for concurrent use.
// Payments are bounded (Options.Keep): at most about Keep tokens, PaymentIntents (with
// the PaymentMethods made for them), refunds and stored answers, the newest; an older
// one is forgotten as a restart forgets everything (not found). A PaymentIntent holding
// an uncaptured authorization is never forgotten.
// Tests inspect it with PaymentIntents, Tokens and Token.
package stripesim

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// Now is the clock; nil means time.Now. Token expiry and idempotency windows use it.
	Now func() time.Time
	// MultiCapture lets a token be charged more than once, until amount_captured reaches
	// max_amount. The default (false) is single use.
	MultiCapture bool
	// Keep bounds what the emulator remembers of payments: at most about Keep tokens,
	// Keep PaymentIntents (each with the PaymentMethod reproduced for it), Keep refunds
	// and Keep stored idempotent answers, the newest (a quarter more between two
	// trims); default DefaultKeep. An older one is forgotten as a restart forgets it:
	// not found, and its idempotency key runs afresh. A PaymentIntent holding an
	// uncaptured authorization is kept.
	Keep int
}

// DefaultKeep is Options.Keep's default: the sandbox's, four times a reference
// seller's default.
const DefaultKeep = 2000

// Account is a Stripe account known to the emulator. Every account, agent or seller,
// has a network business profile.
type Account struct {
	ID      string // "acct_…"
	Profile string // network business profile, "profile_…"
}

// Server is the emulator; it implements http.Handler and is safe for concurrent use.
type Server struct {
	now          func() time.Time
	multiCapture bool
	keep         int
	expYear      int

	mu       sync.Mutex
	accounts map[[sha256.Size]byte]Account // by hash of the secret key
	profiles map[string]string             // profile → account id
	tokens   map[string]*token
	intents  map[string]*paymentIntent
	order    []string                  // PaymentIntent ids in creation order
	methods  map[string]*paymentMethod // PaymentMethods created on seller accounts
	idem     map[idemKey]*idemEntry
	// idemPruned is when answers older than idemWindow were last forgotten
	idemPruned time.Time
	// failExecuted is how many more executed idempotent POSTs store a 500 (see
	// FailAfterExecuting)
	failExecuted int
	// refunds of PaymentIntents, and their ids in creation order
	refunds     map[string]*refund
	refundOrder []string
	// customers and setup-mode Checkout Sessions, by id; pageURL is where SetupPage is
	// reached
	customers map[string]*customer
	sessions  map[string]*checkoutSession
	pageURL   string
	// the webhook endpoint, the events not yet delivered to it, and a nudge for Run
	// (see webhooks.go)
	webhook  Webhook
	pending  []*pendingEvent
	inFlight int // posts of pending events running
	kick     chan struct{}
}

// New returns an emulator with no accounts.
func New(opts Options) *Server {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if opts.Keep <= 0 {
		opts.Keep = DefaultKeep
	}
	return &Server{
		now:          now,
		multiCapture: opts.MultiCapture,
		keep:         opts.Keep,
		expYear:      now().Year() + 3,
		accounts:     map[[sha256.Size]byte]Account{},
		profiles:     map[string]string{},
		tokens:       map[string]*token{},
		intents:      map[string]*paymentIntent{},
		methods:      map[string]*paymentMethod{},
		idem:         map[idemKey]*idemEntry{},
		refunds:      map[string]*refund{},
		customers:    map[string]*customer{},
		kick:         make(chan struct{}, 1),
		sessions:     map[string]*checkoutSession{},
	}
}

// AccountError is an account that AddAccount refused: the account, what is wrong
// (Problem) and, for ProfileTaken, the account that has the profile. It never holds
// the secret key.
type AccountError struct {
	Account Account
	Problem AccountProblem
	Owner   string // ProfileTaken: the account the profile belongs to
}

// AccountProblem says why AddAccount refused an account.
type AccountProblem string

// Account problems.
const (
	EmptyKey     AccountProblem = "empty_key"     // the secret key is empty
	BadID        AccountProblem = "bad_id"        // Account.ID is not acct_…
	BadProfile   AccountProblem = "bad_profile"   // Account.Profile is not profile_…
	KeyTaken     AccountProblem = "key_taken"     // the secret key is already registered
	ProfileTaken AccountProblem = "profile_taken" // the profile belongs to Owner
)

// Error states the problem for logs: "sandbox: add account acct_b: profile_taken
// (profile_a belongs to acct_a)".
func (e *AccountError) Error() string {
	s := fmt.Sprintf("sandbox: add account %q: %s", e.Account.ID, e.Problem)
	switch e.Problem {
	case BadProfile:
		s += fmt.Sprintf(" (%q)", e.Account.Profile)
	case ProfileTaken:
		s += fmt.Sprintf(" (%s belongs to %s)", e.Account.Profile, e.Owner)
	}
	return s
}

// AddAccount registers an account that authenticates with secretKey. It fails with an
// *AccountError when the key is empty or already registered, when the ids lack their
// "acct_"/"profile_" prefixes, or when the profile already belongs to another
// account. The error never contains the key.
func (s *Server) AddAccount(secretKey string, a Account) error {
	switch {
	case strings.TrimSpace(secretKey) == "":
		return &AccountError{Account: a, Problem: EmptyKey}
	case !strings.HasPrefix(a.ID, "acct_") || len(a.ID) == len("acct_"):
		return &AccountError{Account: a, Problem: BadID}
	case !strings.HasPrefix(a.Profile, "profile_") || len(a.Profile) == len("profile_"):
		return &AccountError{Account: a, Problem: BadProfile}
	}
	h := sha256.Sum256([]byte(secretKey))
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.accounts[h]; dup {
		return &AccountError{Account: a, Problem: KeyTaken}
	}
	if owner, dup := s.profiles[a.Profile]; dup && owner != a.ID {
		return &AccountError{Account: a, Problem: ProfileTaken, Owner: owner}
	}
	s.accounts[h] = a
	s.profiles[a.Profile] = a.ID
	return nil
}

// maxBody caps request bodies; Stripe's own limit is far larger than anything we send.
const maxBody = 1 << 20

// ServeHTTP authenticates the request, parses its form, routes it and writes a JSON
// response. Everything between parsing and writing runs under one lock, so requests are
// linearizable.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res := s.serve(w, r)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Request-Id", newID("req_"))
	if v := r.Header.Get("Stripe-Version"); v != "" {
		h.Set("Stripe-Version", v)
	}
	if res.replayed {
		h.Set("Idempotent-Replayed", "true")
	}
	w.WriteHeader(res.status)
	w.Write(res.body)
}

// response is a finished HTTP response; replayed marks an idempotent replay.
type response struct {
	status   int
	body     []byte
	replayed bool
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) response {
	acct, aerr := s.authenticate(r)
	if aerr != nil {
		return aerr.response()
	}
	if r.Header.Get("Stripe-Account") != "" {
		return invalid("", "the sandbox does not emulate Connect: drop the Stripe-Account header").response()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		return invalid("", "the request body is not a valid form-encoded body").response()
	}
	rt, ids := match(r.Method, r.URL.Path)
	if rt == nil {
		return unrecognized(r.Method, r.URL.Path).response()
	}
	c := &call{
		acct:    acct,
		form:    r.Form,
		ids:     ids,
		version: r.Header.Get("Stripe-Version"),
	}
	key := r.Header.Get("Idempotency-Key")
	if r.Method != http.MethodPost || key == "" {
		s.mu.Lock()
		defer s.mu.Unlock()
		c.now = s.now()
		return s.run(rt, c)
	}
	if len(key) > 255 {
		return invalid("", "Idempotency-Key must be at most 255 characters").response()
	}
	return s.runIdempotent(rt, c, key, r.Method+" "+r.URL.Path+"\n"+r.Form.Encode())
}

// run executes a route and renders its result. The caller holds s.mu.
func (s *Server) run(rt *route, c *call) response {
	v, err := rt.h(s, c)
	if err != nil {
		return err.response()
	}
	return response{status: http.StatusOK, body: mustJSON(v)}
}

// authenticate finds the account of the request's API key.
func (s *Server) authenticate(r *http.Request) (Account, *apiError) {
	key := ""
	if user, _, ok := r.BasicAuth(); ok {
		key = user
	} else if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		key = strings.TrimSpace(v)
	}
	if key == "" {
		return Account{}, &apiError{status: http.StatusUnauthorized, Type: typeInvalidRequest,
			Message: "You did not provide an API key. Provide your secret key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."}
	}
	h := sha256.Sum256([]byte(key))
	s.mu.Lock()
	a, ok := s.accounts[h]
	s.mu.Unlock()
	if !ok {
		return Account{}, &apiError{status: http.StatusUnauthorized, Type: typeInvalidRequest,
			Message: "Invalid API Key provided."}
	}
	return a, nil
}
