package main

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestHostedRenewalRacesAStop runs two `serve --transport http` processes on one
// database, Stripe and the subscription's seller outside them: process A renews (its
// loop runs every second), process B serves the person, whose stop lands while A's
// renewal is held at the seller:
//   - cancel_subscription while the renewal opens its seller session (no token yet):
//     the renewal is stopped, nothing charged for the cycle;
//   - cancel_subscription while the seller completes it (its token issued): the cancel
//     says the renewal is under way and cannot be stopped; it is charged once, and
//     nothing after;
//   - remove_payment_method of the card while the renewal opens its session: the
//     renewal is refused, nothing charged, and the subscription pauses saying why.
//
// In every case Stripe shows one charge per cycle paid, and no payment token usable.
func TestHostedRenewalRacesAStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	opening := func(r *http.Request) bool { return r.Method == http.MethodPost && r.URL.Path == "/checkout_sessions" }
	completing := func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/complete") }
	for _, tc := range []struct {
		name      string
		holdAt    func(*http.Request) bool
		stop      func(t *testing.T, ctx context.Context, c *client.Client, id string) subscriptionStop
		underWay  bool   // the stop says a renewal is under way
		charged   bool   // the held renewal is charged
		wantState string // the subscription's status at the end
		pausedFor string // in paused_reason
	}{
		{name: "canceled while the renewal opens its session", holdAt: opening, stop: cancelSubscription, wantState: "canceled"},
		{name: "canceled while the seller completes the renewal", holdAt: completing, stop: cancelSubscription, underWay: true, charged: true, wantState: "canceled"},
		{name: "card removed while the renewal opens its session", holdAt: opening, stop: removeTheCard, wantState: "paused", pausedFor: "card"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
			defer cancel()
			var armed atomic.Bool
			rig := newKillRig(t, func(_ *heldCompletion, next http.Handler) http.Handler { return next })
			const seller, plan = "circuit-yard", "cy-sub-0002" // monthly, no trial
			rig.world.addSeller(t, seller, func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if tc.holdAt(r) && armed.CompareAndSwap(true, false) {
						rig.held.hold(w, r, next.ServeHTTP)
						return
					}
					next.ServeHTTP(w, r)
				})
			})
			db, w, args := rig.db, rig.world, rig.args
			renewer := startProcess(t, nil, append(args, "--recover-every", "1s")...)
			person := startProcess(t, nil, append(args, "--recover-every", "1h")...) // renews only at its start
			token := newToken(t, db, store.DemoCustomerID)
			c := httpClient(t, ctx, person.url, token, "")
			var q, sub struct {
				Status       string
				QuoteID      string `json:"quote_id"`
				Subscription struct{ ID string }
			}
			callJSON(t, ctx, c, "subscribe", map[string]any{"product_id": plan}, &q)
			if q.QuoteID != "" {
				callJSON(t, ctx, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub)
			} else {
				sub = q
			}
			if sub.Status != "subscribed" {
				t.Fatalf("subscribe: %+v", sub)
			}
			id := sub.Subscription.ID
			st, err := sql.Open("sqlite3", store.FileBeside(db))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			charges := func() int {
				n := 0
				for _, pi := range w.stripe.PaymentIntents() {
					if pi.Status == "succeeded" {
						n++
					}
				}
				return n
			}

			waitRecorded(t, ctx, st, id, 1, renewer) // the first cycle, which the renewer may be buying
			armed.Store(true)
			dueCycle(t, ctx, st, id, 1)
			rig.held.waitHeld(t, ctx, renewer, "the renewal")
			stop := tc.stop(t, ctx, c, id)
			rig.held.letGo()
			<-rig.held.done
			if (stop.underWay != "") != tc.underWay {
				t.Errorf("the stop says renewal_under_way %q, want one: %v", stop.underWay, tc.underWay)
			}
			// The renewal ends (its cycle closed) one way or the other.
			for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(200 * time.Millisecond) {
				var open sql.NullInt64
				if err := st.QueryRowContext(ctx, `SELECT open_cycle FROM subscriptions WHERE id = ?`, id).Scan(&open); err != nil {
					t.Fatal(err)
				}
				if !open.Valid {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the renewal never ended:\n%s", renewer.stderr.String())
				}
			}
			want := map[bool]int{true: 2, false: 1}[tc.charged] // the first cycle, and the renewal if charged
			if n := charges(); n != want {
				t.Errorf("%d charges, want %d", n, want)
			}
			var subs struct {
				Subscriptions []struct {
					ID, Status   string
					PausedReason string `json:"paused_reason"`
				}
			}
			callJSON(t, ctx, c, "list_subscriptions", map[string]any{}, &subs)
			if len(subs.Subscriptions) != 1 || subs.Subscriptions[0].Status != tc.wantState ||
				!strings.Contains(subs.Subscriptions[0].PausedReason, tc.pausedFor) {
				t.Errorf("subscriptions %+v, want %s (paused for %q)", subs.Subscriptions, tc.wantState, tc.pausedFor)
			}
			// The next cycle falls due: the stopped subscription charges nothing more.
			dueCycle(t, ctx, st, id, 2)
			time.Sleep(3 * time.Second) // three runs of the renewer's loop
			if n := charges(); n != want {
				t.Errorf("%d charges after the next cycle fell due, want still %d", n, want)
			}
			for _, tok := range w.stripe.Tokens() {
				if tok.Status != "deactivated" {
					t.Errorf("a payment token is still %s", tok.Status)
				}
			}
		})
	}
}

// subscriptionStop is what a stop of a subscription answered.
type subscriptionStop struct {
	underWay string // the renewal under way it could not stop, as said; "" when none
}

func cancelSubscription(t *testing.T, ctx context.Context, c *client.Client, id string) subscriptionStop {
	t.Helper()
	var out struct {
		Status          string
		RenewalUnderWay *struct {
			OrderID string `json:"order_id"`
		} `json:"renewal_under_way"`
	}
	callJSON(t, ctx, c, "cancel_subscription", map[string]any{"subscription_id": id}, &out)
	if out.Status != "canceled" {
		t.Fatalf("cancel_subscription: %+v", out)
	}
	if out.RenewalUnderWay == nil {
		return subscriptionStop{}
	}
	return subscriptionStop{underWay: out.RenewalUnderWay.OrderID}
}

func removeTheCard(t *testing.T, ctx context.Context, c *client.Client, _ string) subscriptionStop {
	t.Helper()
	var cards struct {
		PaymentMethods []struct {
			ID string `json:"payment_method_id"`
		} `json:"payment_methods"`
	}
	callJSON(t, ctx, c, "list_payment_methods", map[string]any{}, &cards)
	if len(cards.PaymentMethods) == 0 {
		t.Fatal("no card on file")
	}
	card := cards.PaymentMethods[0].ID
	var q struct {
		Status            string
		ConfirmationToken string `json:"confirmation_token"`
	}
	callJSON(t, ctx, c, "remove_payment_method", map[string]any{"payment_method_id": card}, &q)
	var out struct{ Status string }
	callJSON(t, ctx, c, "remove_payment_method", map[string]any{"payment_method_id": card, "confirmation_token": q.ConfirmationToken}, &out)
	if out.Status != "done" {
		t.Fatalf("remove_payment_method (quoted %+v): %+v", q, out)
	}
	return subscriptionStop{}
}
