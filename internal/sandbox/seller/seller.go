package seller

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Defaults of Config.
const (
	DefaultSessionTTL     = 30 * time.Minute
	DefaultIdempotencyTTL = 24 * time.Hour
	DefaultKeep           = 500
	defaultChargeTimeout  = 60 * time.Second
	maxRequestBytes       = 1 << 20
	maxLines              = 100
)

// Config configures the reference Seller.
type Config struct {
	// APIKey is the bearer token callers must present. Required.
	APIKey string
	// Inventory prices the items and holds their stock. Required.
	Inventory Inventory
	// Payments charges the tokens. Required.
	Payments Payments
	// Now returns the current time; default time.Now.
	Now func() time.Time
	// Logger receives one line per session event; default: discard. Keys and tokens
	// are never logged.
	Logger *slog.Logger
	// BaseURL is where the Seller is reachable (e.g. "http://127.0.0.1:8091"); order
	// permalinks are BaseURL/orders/{id}. Default "https://seller.invalid".
	BaseURL string
	// StripeProfile is the seller's Stripe network business profile (profile_…),
	// advertised in the payment handler's config so that agents can scope tokens to it.
	StripeProfile string
	// Links are policy links returned with every session.
	Links []acp.Link
	// SessionTTL is how long a session may stay open; default DefaultSessionTTL.
	SessionTTL time.Duration
	// IdempotencyTTL is how long idempotency keys are kept; default
	// DefaultIdempotencyTTL.
	IdempotencyTTL time.Duration
	// ChargeTimeout bounds one charge; default 60 s. A charge is not canceled when the
	// caller disconnects.
	ChargeTimeout time.Duration
	// Webhook, when set, receives the order events (see orders.go); nil sends none.
	Webhook *Webhook
	// Schedule is when paid orders ship and arrive; zero fields take the defaults
	// (DefaultShipAfter, DefaultDeliverAfter).
	Schedule Schedule
	// TickEvery is how often Run moves orders along; default DefaultTickEvery.
	TickEvery time.Duration
	// NoOrderCancellation leaves out the order cancellation extension, as a seller
	// that does not implement it.
	NoOrderCancellation bool
	// Keep bounds what the Seller remembers: at most about Keep checkout sessions,
	// Keep paid orders and Keep stored answers of idempotent requests, the newest (a
	// quarter more between two trims); default DefaultKeep. An older one is forgotten
	// as a restart forgets it: its session and order are not found (404), the order no
	// longer moves along the schedule, and its idempotency key runs afresh. A session
	// whose charge is running or unsettled, and an order being refunded, are kept.
	Keep int
}

// Seller is the reference ACP seller: an http.Handler serving POST /checkout_sessions,
// GET|POST /checkout_sessions/{id}, POST /checkout_sessions/{id}/complete,
// POST /checkout_sessions/{id}/cancel, GET /orders/{id} and the unauthenticated
// GET /.well-known/acp.json. Sessions, orders and idempotency records live in memory,
// bounded by Config.Keep and their time windows.
// It is safe for concurrent use.
type Seller struct {
	cfg      Config
	log      *slog.Logger
	identity [32]byte // hash of the API key: the scope of idempotency keys
	idem     *idempotencyStore
	mux      *http.ServeMux

	mu        sync.Mutex
	sessions  map[string]*session
	paid      map[string]*paidOrder // by order id
	outbox    []outEvent
	lastPrune time.Time

	kick    chan struct{} // an event was queued
	sending sync.Mutex    // held while events are sent
}

// New returns a Seller, or an error naming the missing part of cfg.
func New(cfg Config) (*Seller, error) {
	switch {
	case cfg.APIKey == "":
		return nil, errors.New("acp seller: an API key is required")
	case cfg.Inventory == nil:
		return nil, errors.New("acp seller: an inventory is required")
	case cfg.Payments == nil:
		return nil, errors.New("acp seller: a payments provider is required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.IdempotencyTTL <= 0 {
		cfg.IdempotencyTTL = DefaultIdempotencyTTL
	}
	if cfg.ChargeTimeout <= 0 {
		cfg.ChargeTimeout = defaultChargeTimeout
	}
	if cfg.Schedule.ShipAfter <= 0 {
		cfg.Schedule.ShipAfter = DefaultShipAfter
	}
	if cfg.Schedule.DeliverAfter <= 0 {
		cfg.Schedule.DeliverAfter = DefaultDeliverAfter
	}
	if cfg.TickEvery <= 0 {
		cfg.TickEvery = DefaultTickEvery
	}
	if cfg.Keep <= 0 {
		cfg.Keep = DefaultKeep
	}
	if cfg.Webhook != nil && (cfg.Webhook.URL == "" || len(cfg.Webhook.Secret) == 0) {
		return nil, errors.New("acp seller: a webhook needs a URL and a secret")
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://seller.invalid"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Seller{cfg: cfg, log: log, identity: sha256.Sum256([]byte(cfg.APIKey)),
		idem: newIdempotencyStore(cfg.Now, cfg.IdempotencyTTL, cfg.Keep), mux: http.NewServeMux(),
		sessions: map[string]*session{}, paid: map[string]*paidOrder{},
		kick: make(chan struct{}, 1)}
	s.routes()
	return s, nil
}

func (s *Seller) routes() {
	api := func(h http.HandlerFunc) http.Handler { return s.authenticated(s.versioned(h)) }
	post := func(h http.HandlerFunc) http.Handler { return api(s.idempotent(h)) }
	s.mux.Handle("POST /checkout_sessions", post(s.handleCreate))
	s.mux.Handle("GET /checkout_sessions/{id}", api(s.handleGet))
	s.mux.Handle("POST /checkout_sessions/{id}", post(s.handleUpdate))
	s.mux.Handle("POST /checkout_sessions/{id}/complete", post(s.handleComplete))
	s.mux.Handle("POST /checkout_sessions/{id}/cancel", post(s.handleCancel))
	s.mux.Handle("GET /orders/{id}", api(s.handleOrder))
	if !s.cfg.NoOrderCancellation {
		s.mux.Handle("POST /orders/{id}/cancel", post(s.handleCancelOrder))
	}
	s.mux.HandleFunc("GET /.well-known/acp.json", s.handleDiscovery)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotFound,
			Message: fmt.Sprintf("no endpoint %s %s", r.Method, r.URL.Path)})
	})
}

// ServeHTTP serves the ACP checkout API. Idempotency-Key and Request-Id are echoed.
func (s *Seller) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if k := r.Header.Get("Idempotency-Key"); k != "" && len(k) <= maxIdempotencyKeyLen {
		w.Header().Set("Idempotency-Key", k)
	}
	if id := r.Header.Get("Request-Id"); id != "" && len(id) <= 255 {
		w.Header().Set("Request-Id", id)
	}
	s.mux.ServeHTTP(w, r)
}

// authenticated requires the bearer API key.
func (s *Seller) authenticated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !ok || subtle.ConstantTimeCompare(got[:], s.identity[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="acp"`)
			writeError(w, http.StatusUnauthorized, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeUnauthorized,
				Message: "a valid API key is required as Authorization: Bearer <key>"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// versioned requires API-Version: 2026-04-17.
func (s *Seller) versioned(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := strings.TrimSpace(r.Header.Get("API-Version"))
		switch v {
		case acp.APIVersion:
			next.ServeHTTP(w, r)
		case "":
			writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeMissingAPIVersion,
				Message: "the API-Version header is required", SupportedVersions: []string{acp.APIVersion}})
		default:
			writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeUnsupportedAPIVersion,
				Message:           fmt.Sprintf("API version %q is not supported", truncate(v, 40)),
				SupportedVersions: []string{acp.APIVersion}})
		}
	})
}

// idempotent applies ACP's Idempotency-Key rules to a POST handler.
func (s *Seller) idempotent(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		switch {
		case key == "":
			writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeIdempotencyKeyRequired,
				Message: "the Idempotency-Key header is required on all POST requests"})
			return
		case len(key) > maxIdempotencyKeyLen:
			writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid,
				Message: fmt.Sprintf("the Idempotency-Key header is longer than %d characters", maxIdempotencyKeyLen)})
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		k := idemKey{identity: s.identity, path: r.URL.Path, key: key}
		e, state := s.idem.begin(k, fingerprint(body))
		switch state {
		case idemConflict:
			writeError(w, http.StatusUnprocessableEntity, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeIdempotencyConflict,
				Message: "this Idempotency-Key was already used with a different request body"})
			return
		case idemInFlight:
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusConflict, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeIdempotencyInFlight,
				Message: "a request with this Idempotency-Key is still being processed; retry later"})
			return
		case idemReplay:
			w.Header().Set("Idempotent-Replayed", "true")
			copyResponse(w, e.status, e.header, e.body)
			return
		}
		finished := false
		defer func() {
			if !finished {
				s.idem.abandon(k, e)
			}
		}()
		rec := newRecorder()
		next(rec, r)
		s.idem.finish(k, e, rec.status, rec.header.Clone(), bytes.Clone(rec.body.Bytes()))
		finished = true
		rec.writeTo(w)
	}
}

// readBody reads a request body of at most maxRequestBytes that, when present, is JSON.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, &acp.Error{Type: acp.ErrorInvalidRequest, Code: "request_too_large",
			Message: fmt.Sprintf("the request body is larger than %d bytes", maxRequestBytes)})
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalidJSON,
			Message: "the request body could not be read"})
		return nil, false
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, &acp.Error{Type: acp.ErrorInvalidRequest, Code: "unsupported_media_type",
					Message: "the request body must be application/json"})
				return nil, false
			}
		}
	}
	return body, true
}

// decodeBody decodes a JSON request body into v; an empty body leaves v as it is when
// emptyOK. It writes the error response and returns false on failure.
func decodeBody(w http.ResponseWriter, r *http.Request, v any, emptyOK bool) bool {
	body, err := io.ReadAll(r.Body)
	if err == nil && len(bytes.TrimSpace(body)) == 0 {
		if emptyOK {
			return true
		}
		writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalidJSON,
			Message: "a JSON request body is required"})
		return false
	}
	if err == nil {
		err = json.Unmarshal(body, v)
	}
	if err != nil {
		e := &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalidJSON, Message: "the request body is not valid JSON: " + acp.JSONProblem(err)}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			e.Code, e.Param = acp.CodeInvalid, "$."+te.Field
			e.Message = fmt.Sprintf("%s has the wrong type (a JSON %s)", e.Param, te.Value)
		}
		writeError(w, http.StatusBadRequest, e)
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"type":"processing_error","code":"internal","message":"the response could not be encoded"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

func writeError(w http.ResponseWriter, status int, e *acp.Error) {
	writeJSON(w, status, e)
}

// truncate cuts s, text a client sent, to at most n bytes, marked and on a
// character boundary (text.Cut), for an error message or a log line.
func truncate(s string, n int) string { return text.Cut(s, n) }

// handleDiscovery serves the ACP discovery document.
func (s *Seller) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"protocol":     map[string]any{"name": "acp", "version": acp.APIVersion, "supported_versions": []string{acp.APIVersion}},
		"api_base_url": s.cfg.BaseURL,
		"transports":   []string{"rest"},
		"capabilities": s.discoveryCapabilities(),
	})
}

// discoveryCapabilities are the services and extensions the Seller declares.
func (s *Seller) discoveryCapabilities() map[string]any {
	c := map[string]any{"services": []string{"checkout"}}
	if !s.cfg.NoOrderCancellation {
		c["extensions"] = []acp.Extension{{Name: acp.ExtensionOrderCancellation, Version: acp.ExtensionOrderCancellationVersion}}
	}
	return c
}

// retryAfterSeconds formats a Retry-After value.
func retryAfterSeconds(d time.Duration) string {
	return strconv.Itoa(max(1, int(d/time.Second)))
}

// Records counts what the Seller keeps in memory of past checkouts.
type Records struct {
	Sessions int // checkout sessions
	Answers  int // stored answers of idempotent requests
	Orders   int // paid orders
}

// Records returns what the Seller keeps now.
func (s *Seller) Records() Records {
	s.mu.Lock()
	r := Records{Sessions: len(s.sessions), Orders: len(s.paid)}
	s.mu.Unlock()
	s.idem.mu.Lock()
	r.Answers = len(s.idem.entries)
	s.idem.mu.Unlock()
	return r
}
