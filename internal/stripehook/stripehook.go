// Package stripehook receives the agent's Stripe webhook events that matter to it: a
// hosted setup page (a Checkout Session in setup mode) that was completed or expired.
// Each event's Stripe-Signature is verified with the endpoint's signing secret
// (whsec_…) by stripe-go's webhook package, within its default tolerance of five
// minutes; the event only names the session, whose state is then read from Stripe by
// Sync, so a replayed or reordered event can do no harm.
//
// The route sits outside bearer-token authentication (Stripe has no token), like the
// sellers' order events.
package stripehook

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Pattern is the route of the Handler, for an http.ServeMux; register its URL as the
// webhook endpoint in Stripe, with the events checkout.session.completed and
// checkout.session.expired.
const Pattern = "POST " + Path

// Path is the path of the Handler's route.
const Path = "/stripe/webhook"

// maxBody bounds an event; Stripe's are a few kilobytes.
const maxBody = 256 << 10

// ErrNotOurs is what Sync returns for a session that is not one of ours (another
// integration on the same account): the event is acknowledged and ignored.
var ErrNotOurs = errors.New("not one of our sessions")

// Handler verifies each event with secret and calls sync with the id of the Checkout
// Session of checkout.session.completed and checkout.session.expired events; other
// events are acknowledged and ignored. A bad signature is 400; a sync that fails for
// another reason than ErrNotOurs is 500, so Stripe delivers the event again later.
// Logs name the event type and id, never the session's customer or card.
func Handler(secret string, sync func(ctx context.Context, sessionID string) error, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			http.Error(w, "body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		ev, err := webhook.ConstructEventWithOptions(body, r.Header.Get("Stripe-Signature"), secret,
			webhook.ConstructEventOptions{IgnoreAPIVersionMismatch: true})
		if err != nil {
			log.WarnContext(r.Context(), "Stripe webhook refused: bad or missing signature, or too old", "err", err)
			http.Error(w, "bad signature", http.StatusBadRequest)
			return
		}
		switch ev.Type {
		case "checkout.session.completed", "checkout.session.expired":
		default:
			w.WriteHeader(http.StatusOK)
			return
		}
		id, _ := ev.Data.Object["id"].(string)
		mode, _ := ev.Data.Object["mode"].(string)
		if id == "" || mode != "setup" {
			w.WriteHeader(http.StatusOK)
			return
		}
		err = sync(r.Context(), id)
		switch {
		case err == nil, errors.Is(err, ErrNotOurs):
			log.InfoContext(r.Context(), "Stripe webhook applied", "type", ev.Type, "event", ev.ID)
			w.WriteHeader(http.StatusOK)
		default:
			log.WarnContext(r.Context(), "Stripe webhook could not be applied; Stripe will retry", "type", ev.Type, "event", ev.ID, "err", err)
			http.Error(w, "try again later", http.StatusInternalServerError)
		}
	})
}

// ForService is the sync of Handler for svc: it brings the setup of the session up to
// date from Stripe; a session that is not one of ours is ErrNotOurs.
func ForService(svc *checkout.Service) func(ctx context.Context, sessionID string) error {
	return func(ctx context.Context, sessionID string) error {
		_, err := svc.SyncPaymentSetupBySession(ctx, sessionID)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotOurs
		}
		return err
	}
}
