// Package orderevents receives sellers' ACP order webhooks (order_create and
// order_update) at
//
//	POST /agentic_checkout/webhooks/{seller}/order_events
//
// where {seller} is the catalog id of the seller (URL-escaped). A request is accepted
// only when its Merchant-Signature verifies with that seller's webhook secret
// (acp.Verify): signed with the secret, over this exact body, with a timestamp within
// the tolerance of now. A delivery whose signature was seen before is a replay and is
// refused. The handler is not behind the bearer-token authentication of the MCP
// endpoints: the signature is the authentication.
//
// Answers, with a plain-text reason and never an echo of the request:
//
//	200 the event was applied (or changed nothing)
//	400 the body is not an order event, or not of a known type
//	401 no secret for the seller, or the signature does not verify (forged, altered)
//	404 the event names a checkout session of no order here
//	405 not POST
//	408 the signature's timestamp is outside the tolerance (stale or from the future)
//	409 a replay
//	413 the body is larger than MaxBody
//	500 the event could not be recorded (the seller should send it again)
package orderevents

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Pattern is the route the Handler serves, for an http.ServeMux.
const Pattern = "/agentic_checkout/webhooks/{seller}/order_events"

// maxLoggedSeller is how many bytes of the seller a path names are logged.
const maxLoggedSeller = 100

// MaxBody caps an event body.
const MaxBody = 256 << 10

// ErrNotFound is what Config.Apply returns (or wraps) for an event about no order
// known here.
var ErrNotFound = errors.New("no such order")

// ErrInvalid is what Config.Apply returns (or wraps) for an event it cannot take.
var ErrInvalid = errors.New("invalid order event")

// ErrReplay is what Config.Apply returns (or wraps) for a delivery applied before.
var ErrReplay = errors.New("replayed")

// Config wires a Handler. Every field but Tolerance is required.
type Config struct {
	// Secret returns the webhook secret of seller, false when it has none.
	Secret func(seller string) ([]byte, bool)
	// Apply records the event, authenticated as seller's, unless the delivery nonce
	// (remembered until expires) was used before: then it changes nothing and returns
	// ErrReplay. A failure leaves the nonce unused.
	Apply func(ctx context.Context, seller string, ev acp.OrderEvent, nonce string, expires time.Time) error
	Now   func() time.Time
	Log   *slog.Logger
	// Tolerance is how far a signature's timestamp may be from now; default
	// acp.DefaultSignatureTolerance.
	Tolerance time.Duration
}

// Handler returns the handler of Pattern. It logs one line per event: the seller,
// the outcome, never the body or the signature.
func Handler(c Config) http.Handler {
	if c.Tolerance <= 0 {
		c.Tolerance = acp.DefaultSignatureTolerance
	}
	mux := http.NewServeMux()
	mux.HandleFunc(Pattern, c.serve)
	return mux
}

func (c Config) serve(w http.ResponseWriter, r *http.Request) {
	seller := r.PathValue("seller")
	// The seller named by the path is logged before anything vouches for it: cut, and
	// cleaned of invisible and control characters, as long as a URL may be.
	shown := text.Shorten(seller, maxLoggedSeller)
	refuse := func(status int, why string) {
		c.Log.Warn("order event refused", "seller", shown, "status", status, "why", why)
		http.Error(w, why, status)
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		refuse(http.StatusRequestEntityTooLarge, "body too large or unreadable")
		return
	}
	secret, ok := c.Secret(seller)
	if !ok || len(secret) == 0 {
		refuse(http.StatusUnauthorized, "signature does not verify")
		return
	}
	v, err := acp.Verify(r.Header.Get(acp.SignatureHeader), body, secret, c.Now(), c.Tolerance)
	switch {
	case errors.Is(err, acp.ErrStaleSignature):
		refuse(http.StatusRequestTimeout, "signature timestamp outside the tolerance")
		return
	case err != nil:
		refuse(http.StatusUnauthorized, "signature does not verify")
		return
	}
	var ev acp.OrderEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		refuse(http.StatusBadRequest, "not an order event: "+acp.JSONProblem(err))
		return
	}
	// A delivery is identified by its signature; it cannot verify after at+tolerance,
	// so the nonce need not be kept longer.
	switch err := c.Apply(r.Context(), seller, ev, v.V1, v.At.Add(c.Tolerance+time.Second)); {
	case errors.Is(err, ErrReplay):
		refuse(http.StatusConflict, "replayed event")
	case errors.Is(err, ErrNotFound):
		refuse(http.StatusNotFound, "no order with that checkout session")
	case errors.Is(err, ErrInvalid):
		refuse(http.StatusBadRequest, "not an order event this server takes")
	case err != nil:
		c.Log.Error("order event: applying failed", "seller", shown, "err", err)
		http.Error(w, "try again later", http.StatusInternalServerError)
	default:
		c.Log.Info("order event applied", "seller", shown, "type", ev.Type, "status", ev.Data.Status)
		w.WriteHeader(http.StatusOK)
	}
}
