package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// unjournaledToken leaves e's customer a pending order whose purchase was killed (the
// token_received fault) after Stripe issued its token and before the journal named
// it: approved, its token known to Stripe alone. e.cfg.Fault is nil afterwards.
func (e *env) unjournaledToken() store.Order {
	e.t.Helper()
	ctx := context.Background()
	e.cfg.Fault = func(step string) error {
		if step == "token_received" {
			return errors.New("killed")
		}
		return nil
	}
	e.svc = e.service()
	e.cfg.Fault = nil
	if _, err := e.buy(e.product(10_00, 40_00).ID, 1); err == nil {
		e.t.Fatal("the injected crash did not stop the purchase")
	}
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || len(e.sb.Stripe.Tokens()) != 1 {
		e.t.Fatalf("orders %+v, %v; tokens %d, want one of each", orders, err, len(e.sb.Stripe.Tokens()))
	}
	return orders[0]
}

// owedToken leaves e's customer an order as unjournaledToken does, then failed by a
// restarted server's cancel while Stripe could not issue again: failed, still owing
// the revocation of its token.
func (e *env) owedToken() store.Order {
	e.t.Helper()
	o := e.unjournaledToken()
	real := e.cfg.Tokens
	e.cfg.Tokens = &flakyTokens{Tokens: real, issueFails: 1 << 20}
	svc := e.service()
	e.cfg.Tokens = real
	out, err := svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID, ConfirmVia: checkout.ViaQuoteID})
	if err != nil || out.Status != checkout.CancelStopped {
		e.t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
	}
	svc.WaitSettling()
	if e.tokenSettled(o.PurchaseID) != "" {
		e.t.Fatal("the token was settled while Stripe could not issue")
	}
	return o
}

// tokenSettled returns how purchase id's owed token was settled (the detail of its
// store.StepTokenSettled journal line), "" while it is not.
func (e *env) tokenSettled(id string) string {
	e.t.Helper()
	events, err := e.st.Events(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ev := range events {
		if ev.Step == store.StepTokenSettled {
			return ev.Detail
		}
	}
	return ""
}

// gatedTokens is Tokens whose Issue waits until open is closed (a slow Stripe), or
// fails as unavailable once its context ends; with late, Stripe answers then all the
// same (the token issued as the caller gives up). calls counts its Issue calls;
// asked, when set, is closed by the first.
type gatedTokens struct {
	checkout.Tokens
	open  chan struct{}
	late  bool
	calls atomic.Int64
	asked chan struct{}
}

func (g *gatedTokens) Issue(ctx context.Context, r checkout.TokenRequest) (checkout.Token, error) {
	if g.calls.Add(1) == 1 && g.asked != nil {
		close(g.asked)
	}
	select {
	case <-g.open:
		return g.Tokens.Issue(ctx, r)
	case <-ctx.Done():
		if g.late {
			return g.Tokens.Issue(context.WithoutCancel(ctx), r)
		}
		return checkout.Token{}, fmt.Errorf("timeout: %w: %w", checkout.ErrUnavailable, ctx.Err())
	}
}

// TestCancelAnswersBeforeStripe: a cancel that stops an order whose purchase may have
// been issued a token unjournaled answers stopped without waiting for Stripe to issue
// it again and revoke it (the outcome is decided: the purchase is failed first), and
// settles the token after its answer; what Stripe leaves unsettled then, recovery
// settles. Without it, the person waits on a slow Stripe up to the paying timeout.
func TestCancelAnswersBeforeStripe(t *testing.T) {
	tests := []struct {
		name string
		// up: Stripe answers once the cancel has answered; otherwise not before the
		// settling gives up (the paying timeout).
		up   bool
		want string // how the cancel's settling settles the token
	}{
		{name: "Stripe slow", up: true, want: "revoked"},
		{name: "Stripe down", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.PayingTimeout = 2 * time.Second }})
			ctx := context.Background()
			o := e.unjournaledToken()
			real := e.cfg.Tokens
			gate := &gatedTokens{Tokens: real, open: make(chan struct{})}
			e.cfg.Tokens = gate
			svc := e.service()
			e.cfg.Tokens = real
			out, err := svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID, ConfirmVia: checkout.ViaQuoteID})
			if err != nil || out.Status != checkout.CancelStopped {
				t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
			}
			if tt.up {
				close(gate.open)
			}
			svc.WaitSettling()
			if got := e.tokenSettled(o.PurchaseID); got != tt.want {
				t.Errorf("token settled %q by the cancel, want %q", got, tt.want)
			}
			if _, err := e.service().Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if got := e.tokenSettled(o.PurchaseID); got != "revoked" {
				t.Errorf("token settled %q after recovery, want revoked", got)
			}
			if !e.allTokensDeactivated() || e.succeeded() != 0 {
				t.Errorf("tokens %+v, %d charges; want all revoked, none charged", e.sb.Stripe.Tokens(), e.succeeded())
			}
		})
	}
}

// TestOwedTokenCountedOnce: a purchase whose token may have been issued unjournaled,
// failed by a cancel, a recovery or get_order's ask while Stripe cannot issue again,
// is failed then and there (recovery counts it Failed, get_order's ask says answered,
// neither logs it unsettled), and the next recovery — even with a --recover-after
// longer than half the token's life — revokes its token without counting it again.
func TestOwedTokenCountedOnce(t *testing.T) {
	const recoverAfter = 10 * time.Minute // ≥ TokenTTL/2: the owed listing must not wait for it
	tests := []struct {
		name string
		by   string // cancel, recovery, ask
	}{
		{name: "failed by a cancel", by: "cancel"},
		{name: "failed by a recovery", by: "recovery"},
		{name: "failed by get_order's ask", by: "ask"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.RecoverAfter = time.Minute }})
			ctx := context.Background()
			var o store.Order
			if tt.by == "cancel" {
				o = e.owedToken()
			} else {
				o = e.unjournaledToken()
				e.clock.Advance(time.Minute)
				real := e.cfg.Tokens
				e.cfg.Tokens = &flakyTokens{Tokens: real, issueFails: 1 << 20}
				svc := e.service()
				e.cfg.Tokens = real
				if tt.by == "recovery" {
					rep, err := svc.Recover(ctx, time.Minute)
					if err != nil || rep.Failed != 1 || rep.Unsettled != 0 {
						t.Fatalf("recovery %+v, %v; want 1 failed, none unsettled", rep, err)
					}
				} else {
					got, ask := svc.AskSeller(ctx, o)
					if ask != checkout.AskAnswered || got.Status != store.OrderFailed {
						t.Fatalf("ask = %s, order %s; want answered, failed", ask, got.Status)
					}
					if strings.Contains(e.logs.String(), "could not settle a pending order") {
						t.Errorf("the ask logged a failure after failing the order:\n%s", e.logs)
					}
				}
			}
			if got := e.tokenSettled(o.PurchaseID); got != "" {
				t.Fatalf("token settled %q while Stripe could not issue", got)
			}
			e.clock.Advance(checkout.DefaultPayingTimeout + time.Second)
			svc := e.service()
			rep, err := svc.Recover(ctx, recoverAfter)
			if err != nil || rep != (checkout.RecoverReport{}) {
				t.Errorf("next recovery %+v, %v; want nothing counted", rep, err)
			}
			if got := e.tokenSettled(o.PurchaseID); got != "revoked" {
				t.Errorf("token settled %q, want revoked", got)
			}
			if !e.allTokensDeactivated() || e.succeeded() != 0 {
				t.Errorf("tokens %+v, %d charges; want all revoked, none charged", e.sb.Stripe.Tokens(), e.succeeded())
			}
			if strings.Contains(e.logs.String(), "purchase left unsettled") {
				t.Errorf("a purchase was logged unsettled:\n%s", e.logs)
			}
		})
	}
}

// declinedTokens is Tokens whose Issue gets the decline Stripe stored under the key
// (402) at the first request.
type declinedTokens struct{ checkout.Tokens }

func (declinedTokens) Issue(context.Context, checkout.TokenRequest) (checkout.Token, error) {
	return checkout.Token{}, fmt.Errorf("%w: your card was declined", checkout.ErrDeclined)
}

// unpurchasable is Sellers that can no longer reach any seller in this mode.
type unpurchasable struct{}

func (unpurchasable) Checkout(_ context.Context, s catalog.Seller) (checkout.SellerCheckout, error) {
	return nil, fmt.Errorf("%w: %s is no longer configured", checkout.ErrNotPurchasable, s.ID)
}

// TestOwedTokenNeverSettleable: a token owed that no run can revoke is not retried
// and warned about every minute until it expires. A server of another mode does not
// list it (its Stripe is not this server's to ask; the order is failed already): no
// count, no "left pending" warning. A decline that Stripe replays under the key says
// no token was issued; a seller gone from the catalog, or no longer reachable in this
// mode, leaves any token to expire unused (a debug line): settled in the first run,
// not listed in the next.
func TestOwedTokenNeverSettleable(t *testing.T) {
	tests := []struct {
		name  string
		setup func(e *env, o store.Order) *checkout.Service
		want  string // how the token is settled; "" not by this server
	}{
		{name: "a server of another mode", setup: func(e *env, _ store.Order) *checkout.Service {
			cfg := e.cfg
			cfg.Mode = checkout.ModeTest
			return mustService(e.t, cfg)
		}},
		{name: "Stripe replays a decline", want: "never issued", setup: func(e *env, _ store.Order) *checkout.Service {
			cfg := e.cfg
			cfg.Tokens = declinedTokens{e.cfg.Tokens}
			return mustService(e.t, cfg)
		}},
		{name: "the seller no longer reachable in this mode", want: "expires unused", setup: func(e *env, _ store.Order) *checkout.Service {
			cfg := e.cfg
			cfg.Sellers = unpurchasable{}
			return mustService(e.t, cfg)
		}},
		{name: "the seller gone from the catalog", want: "expires unused", setup: func(e *env, o store.Order) *checkout.Service {
			p, err := e.st.Purchase(context.Background(), o.PurchaseID)
			if err != nil {
				e.t.Fatal(err)
			}
			e.removeSeller(p.SellerID)
			return e.service()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			ctx := context.Background()
			o := e.owedToken()
			svc := tt.setup(e, o)
			for run := 1; run <= 2; run++ {
				rep, err := svc.Recover(ctx, 0)
				if err != nil || rep != (checkout.RecoverReport{}) {
					t.Errorf("recovery run %d: %+v, %v; want nothing counted", run, rep, err)
				}
			}
			if got := e.tokenSettled(o.PurchaseID); got != tt.want {
				t.Errorf("token settled %q, want %q", got, tt.want)
			}
			logs := e.logs.String()
			for _, noise := range []string{"purchase left unsettled", "purchase of another mode left pending"} {
				if strings.Contains(logs, noise) {
					t.Errorf("the log says %q:\n%s", noise, logs)
				}
			}
			if tt.want == "expires unused" && !logged(logs, "INFO", "left to expire unused") {
				t.Errorf("no info line says the token is left to expire:\n%s", logs)
			}
			if e.succeeded() != 0 {
				t.Errorf("%d charges, want none", e.succeeded())
			}
		})
	}
}

// logged says whether logs has a line of level (INFO, WARN, ...) containing msg.
func logged(logs, level, msg string) bool {
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "level="+level+" ") && strings.Contains(l, msg) {
			return true
		}
	}
	return false
}

// removeSeller takes seller id out of the catalog's file, its products left naming it
// (foreign keys off), as a catalog rebuilt without the seller would answer for it.
func (e *env) removeSeller(id string) {
	e.t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, e.catPath, sqlite.Attach{Name: "sales", Path: catalog.SalesFile(e.catPath)})
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		e.t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM sellers WHERE id = ?`, id); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.cat.Seller(ctx, id); !errors.Is(err, catalog.ErrNotFound) {
		e.t.Fatalf("seller %s still in the catalog: %v", id, err)
	}
}

// TestDrainEndsSettling: Drain, which serve calls before closing the databases, waits
// for a cancel's token settling left running after its answer; one that Stripe holds
// past the wait is stopped (its context ended, so nothing writes to closed databases
// later) and waited for, one that Stripe answers as it is stopped goes no further
// (no journal line or revoke in the ended context, no error logged), a cancel
// answering once Drain has begun starts none, and the next recovery settles the
// token. The paying timeout is an hour: only Drain ends a settling here.
func TestDrainEndsSettling(t *testing.T) {
	tests := []struct {
		name  string
		up    bool // Stripe answers
		late  bool // Stripe answers once the settling is stopped
		after bool // the cancel answers after Drain began
		want  string
		calls int64 // Issue calls by the cancel's settling
	}{
		{name: "Stripe answers", up: true, want: "revoked", calls: 1},
		{name: "Stripe hangs", want: "", calls: 1},
		{name: "Stripe answers as the wait runs out", late: true, want: "", calls: 1},
		{name: "a cancel after Drain began", up: true, after: true, want: "", calls: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.PayingTimeout = time.Hour }})
			ctx := context.Background()
			o := e.unjournaledToken()
			real := e.cfg.Tokens
			gate := &gatedTokens{Tokens: real, open: make(chan struct{}), late: tt.late, asked: make(chan struct{})}
			e.cfg.Tokens = gate
			svc := e.service()
			e.cfg.Tokens = real
			wait := time.Millisecond // Stripe hangs: stopped after the wait
			if tt.up {
				close(gate.open)
				wait = time.Hour // waited for to its end
			}
			cancel := func() {
				if out, err := svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID, ConfirmVia: checkout.ViaQuoteID}); err != nil || out.Status != checkout.CancelStopped {
					t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
				}
			}
			if tt.after {
				svc.Drain(wait)
				cancel()
			} else {
				cancel()
				// Stripe is asked before the wait starts running out: under load
				// the settling could otherwise be stopped before asking at all,
				// which leaves the token to recovery too but is not the case named.
				<-gate.asked
				svc.Drain(wait)
			}
			logs := e.logs.String()
			if got := e.tokenSettled(o.PurchaseID); got != tt.want {
				t.Errorf("token settled %q once drained, want %q", got, tt.want)
			}
			if got := gate.calls.Load(); got != tt.calls {
				t.Errorf("Stripe asked to issue %d times by the cancel, want %d", got, tt.calls)
			}
			// Logged as the settling ends, before Drain returns: Drain waited for it.
			if left := strings.Contains(logs, "payment token left for recovery to revoke"); left != (tt.want == "") {
				t.Errorf("token left to recovery logged: %v, want %v:\n%s", left, tt.want == "", logs)
			}
			if strings.Contains(logs, "level=ERROR") {
				t.Errorf("an error was logged:\n%s", logs)
			}
			if _, err := e.service().Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if got := e.tokenSettled(o.PurchaseID); got != "revoked" || !e.allTokensDeactivated() {
				t.Errorf("token settled %q after recovery, tokens %+v; want revoked", got, e.sb.Stripe.Tokens())
			}
		})
	}
}

// TestOwedTokenErrorNamesNoToken: when the revocation of an owed token fails, the
// lines saying the token is left for later (a cancel's, a recovery's that failed
// the purchase, and the next recovery's "purchase left unsettled") say why without
// the token's id, even redacted.
func TestOwedTokenErrorNamesNoToken(t *testing.T) {
	revokeRefused := inject(fault{method: http.MethodPost, suffix: "/revoke",
		serve: status(http.StatusBadRequest, `{"error":{"type":"invalid_request_error","message":"This token cannot be revoked."}}`)})
	tests := []struct {
		name string
		by   string // cancel, recovery, next recovery
		line string // the line that says the token is left
	}{
		{name: "a cancel fails the purchase", by: "cancel", line: "cancel: payment token left for recovery to revoke"},
		{name: "a recovery fails the purchase", by: "recovery", line: "recovery: payment token left for the next recovery to revoke"},
		{name: "the next recovery", by: "next recovery", line: "purchase left unsettled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{sandbox: sandbox.Options{StripeMiddleware: revokeRefused}})
			ctx := context.Background()
			switch tt.by {
			case "cancel":
				o := e.unjournaledToken()
				out, err := e.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID, ConfirmVia: checkout.ViaQuoteID})
				if err != nil || out.Status != checkout.CancelStopped {
					t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
				}
				e.svc.WaitSettling()
			case "recovery":
				e.unjournaledToken()
				if _, err := e.svc.Recover(ctx, 0); err != nil {
					t.Fatal(err)
				}
			default:
				e.owedToken()
				if _, err := e.svc.Recover(ctx, 0); err != nil {
					t.Fatal(err)
				}
			}
			logs := e.logs.String()
			if !strings.Contains(logs, tt.line) {
				t.Fatalf("no line %q:\n%s", tt.line, logs)
			}
			if strings.Contains(logs, "spt_") {
				t.Errorf("the log names a token:\n%s", logs)
			}
		})
	}
}

// recordingTokens is Tokens that keeps every Issue request it passes on.
type recordingTokens struct {
	checkout.Tokens
	mu   sync.Mutex
	reqs []checkout.TokenRequest
}

func (r *recordingTokens) Issue(ctx context.Context, req checkout.TokenRequest) (checkout.Token, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.Tokens.Issue(ctx, req)
}

// TestReissueSameRequest: the token a purchase's call may have been issued
// unjournaled is asked for again (to revoke it) with the very request the call sent,
// under the same key, by a cancel or a recovery; any other would be refused as an
// idempotency conflict, and the token never revoked.
func TestReissueSameRequest(t *testing.T) {
	tests := []struct {
		name   string
		settle func(e *env, o store.Order) error
	}{
		{name: "a cancel", settle: func(e *env, o store.Order) error {
			_, err := e.svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID, ConfirmVia: checkout.ViaQuoteID})
			e.svc.WaitSettling()
			return err
		}},
		{name: "a recovery", settle: func(e *env, _ store.Order) error {
			_, err := e.svc.Recover(context.Background(), 0)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			rec := &recordingTokens{Tokens: e.cfg.Tokens}
			e.cfg.Tokens = rec
			o := e.unjournaledToken() // its service and the next both record
			if err := tt.settle(e, o); err != nil {
				t.Fatal(err)
			}
			if got := e.tokenSettled(o.PurchaseID); got != "revoked" {
				t.Errorf("token settled %q, want revoked", got)
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.reqs) != 2 || rec.reqs[0] != rec.reqs[1] {
				t.Errorf("Issue requests %+v, want the call's sent again, once", rec.reqs)
			}
		})
	}
}
