package checkout_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

func (e *env) cancel(orderID, confirmation string) (checkout.CancelOutcome, error) {
	return e.svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: e.customer, OrderID: orderID,
		ConfirmationID: confirmation, ConfirmVia: checkout.ViaQuoteID})
}

// refundsOf sums the emulator's refunds, and counts them.
func (e *env) refunds() (n int, sum int64) {
	for _, r := range e.sb.Stripe.Refunds() {
		n++
		sum += r.Amount
	}
	return n, sum
}

func TestCancelBeforeCompletion(t *testing.T) {
	e := newEnv(t, envOpts{config: func(c *checkout.Config) {
		c.Fault = func(step string) error {
			if step == "token_issued" {
				return errors.New("crash")
			}
			return nil
		}
	}})
	p := e.product(10_00, 40_00)
	if _, err := e.buy(p.ID, 1); err == nil {
		t.Fatal("the injected crash did not stop the purchase")
	}
	orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderPending {
		t.Fatalf("orders %+v, %v; want one pending", orders, err)
	}
	out, err := e.cancel(orders[0].ID, "")
	if err != nil || out.Status != checkout.CancelStopped {
		t.Fatalf("CancelOrder = %+v, %v; want canceled", out.Status, err)
	}
	if out.Order.Status != store.OrderFailed || out.Order.FailureCode != string(checkout.RefusalCanceledByPerson) {
		t.Fatalf("order %+v, want failed as canceled by the person", out.Order)
	}
	if e.succeeded() != 0 || !e.allTokensDeactivated() {
		t.Fatalf("charged %d times or a token still active", e.succeeded())
	}
	for _, tok := range e.sb.Stripe.Tokens() {
		if tok.DeactivatedReason != "revoked" {
			t.Fatalf("token deactivated as %q, want revoked", tok.DeactivatedReason)
		}
	}
	seller, err := e.cat.Seller(context.Background(), out.Order.SellerID)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := e.sb.Client(seller)
	if err != nil {
		t.Fatal(err)
	}
	if sess, err := c.Get(context.Background(), out.Order.SessionID); err != nil || sess.Status != acp.StatusCanceled {
		t.Fatalf("the seller's session: %+v, %v; want canceled", sess, err)
	}
	// Again: the same answer, nothing more done.
	if again, err := e.cancel(orders[0].ID, ""); err != nil || again.Status != checkout.CancelStopped {
		t.Fatalf("second CancelOrder = %+v, %v", again.Status, err)
	}
}

func TestCancelAfterCompletionRefundsOnceUnderRacingRetries(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(10_00, 40_00) // below the demo customer's $50 confirmation threshold
	out, err := e.buy(p.ID, 1)
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("purchase: %+v, %v", out.Status, err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := e.cancel(out.Order.ID, "")
			if err != nil || got.Status != checkout.CancelRefunded {
				t.Errorf("CancelOrder = %+v, %v; want refunded", got.Status, err)
			}
		}()
	}
	wg.Wait()
	if n, sum := e.refunds(); n != 1 || sum != out.Order.Total {
		t.Fatalf("%d refunds of %d in all, want one of %d", n, sum, out.Order.Total)
	}
	o, err := e.st.Order(context.Background(), e.customer, out.Order.ID)
	if err != nil || o.SellerStatus != store.SellerRefunded || o.Refunded != o.Total {
		t.Fatalf("order %+v, %v; want refunded in full", o, err)
	}
}

func TestCancelAboveThresholdNeedsConfirmation(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.product(60_00, 200_00)
	q := e.quote(p.ID, "quote")
	out, err := e.svc.Purchase(context.Background(), checkout.Request{CustomerID: e.customer, QuoteID: q.Purchase.QuoteID})
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("confirmed purchase: %+v, %v", out.Status, err)
	}
	first, err := e.cancel(out.Order.ID, "")
	if err != nil || first.Status != checkout.CancelConfirmationRequired || first.Cancellation.ID == "" {
		t.Fatalf("CancelOrder = %+v, %v; want confirmation_required", first.Status, err)
	}
	if n, _ := e.refunds(); n != 0 {
		t.Fatal("refunded before the person confirmed")
	}
	_, err = e.cancel(out.Order.ID, "ocx_made_up")
	wantRefusal(t, err, checkout.RefusalUnknownCancelConfirm)
	got, err := e.cancel(out.Order.ID, first.Cancellation.ID)
	if err != nil || got.Status != checkout.CancelRefunded {
		t.Fatalf("confirmed CancelOrder = %+v, %v; want refunded", got.Status, err)
	}
	if n, sum := e.refunds(); n != 1 || sum != out.Order.Total {
		t.Fatalf("%d refunds of %d, want one of %d", n, sum, out.Order.Total)
	}
}

func TestCancelWithSellerWithoutExtension(t *testing.T) {
	e := newEnv(t, envOpts{sandbox: sandbox.Options{NoOrderCancellation: true}})
	out, err := e.buy(e.product(10_00, 40_00).ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.cancel(out.Order.ID, "")
	if err != nil || got.Status != checkout.CancelAskSeller {
		t.Fatalf("CancelOrder = %+v, %v; want ask_seller", got.Status, err)
	}
	if n, _ := e.refunds(); n != 0 {
		t.Fatal("refunded by a seller without the extension")
	}
}

func TestCancelRefusals(t *testing.T) {
	e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined"})
	_, err := e.cancel("ord_nope", "")
	wantRefusal(t, err, checkout.RefusalUnknownOrder)
	_, err = e.buy(e.product(10_00, 40_00).ID, 1)
	var ref *checkout.Refusal
	if !errors.As(err, &ref) || ref.OrderID == "" {
		t.Fatalf("declined purchase: %v", err)
	}
	_, err = e.cancel(ref.OrderID, "")
	wantRefusal(t, err, checkout.RefusalOrderFailed)
}

// gates pause the steps of a purchase and a cancellation running at once: the first
// call to reach a gated step closes reached[step] and waits for release[step] to close.
type gates struct {
	reached, release map[string]chan struct{}
	mu               sync.Mutex
	seen             map[string]bool
}

func newGates(steps ...string) *gates {
	g := &gates{reached: map[string]chan struct{}{}, release: map[string]chan struct{}{}, seen: map[string]bool{}}
	for _, s := range steps {
		g.reached[s], g.release[s] = make(chan struct{}), make(chan struct{})
	}
	return g
}

func (g *gates) fault(step string) error {
	g.mu.Lock()
	_, gated := g.reached[step]
	first := gated && !g.seen[step]
	g.seen[step] = true
	g.mu.Unlock()
	if first {
		close(g.reached[step])
		<-g.release[step]
	}
	return nil
}

// TestCancelWhilePurchaseRuns cancels a pending order while its purchase call is still
// running, in each order of their steps: either nothing is charged and the order fails
// as canceled, or the order is completed with one charge and the cancellation says so
// — never a charge recorded as a failed order.
func TestCancelWhilePurchaseRuns(t *testing.T) {
	// Each drive starts the cancellation with cancel (which returns a channel closed
	// when it ends) at some point of the purchase paused by the gates, and releases them.
	tests := []struct {
		name  string
		gated []string
		drive func(g *gates, cancel func() <-chan struct{})
	}{
		{"cancel before the token", []string{"approved"}, func(g *gates, cancel func() <-chan struct{}) {
			<-g.reached["approved"]
			<-cancel()
			close(g.release["approved"])
		}},
		{"cancel while the token is out", []string{"token_issued"}, func(g *gates, cancel func() <-chan struct{}) {
			<-g.reached["token_issued"]
			<-cancel()
			close(g.release["token_issued"])
		}},
		{"cancel reads before the token and acts after it", []string{"approved", "cancel_read", "token_issued"}, func(g *gates, cancel func() <-chan struct{}) {
			<-g.reached["approved"]
			done := cancel()
			<-g.reached["cancel_read"]
			close(g.release["approved"])
			<-g.reached["token_issued"]
			close(g.release["cancel_read"])
			<-done
			close(g.release["token_issued"])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGates(tt.gated...)
			e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.Fault = g.fault }})
			p := e.product(10_00, 40_00)
			bought := make(chan struct{})
			go func() { e.buy(p.ID, 1); close(bought) }()
			var (
				orderID   string
				cancelOut checkout.CancelOutcome
				cancelErr error
			)
			cancel := func() <-chan struct{} {
				done := make(chan struct{})
				orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
				if err != nil || len(orders) != 1 {
					t.Errorf("orders %+v, %v", orders, err)
					close(done)
					return done
				}
				orderID = orders[0].ID
				go func() { cancelOut, cancelErr = e.cancel(orderID, ""); close(done) }()
				return done
			}
			tt.drive(g, cancel)
			<-bought
			o, err := e.st.Order(context.Background(), e.customer, orderID)
			if err != nil {
				t.Fatal(err)
			}
			charged := e.succeeded()
			switch o.Status {
			case store.OrderFailed:
				if charged != 0 || cancelErr != nil || cancelOut.Status != checkout.CancelStopped {
					t.Fatalf("order failed, but %d charges; cancel %+v, %v", charged, cancelOut.Status, cancelErr)
				}
			case store.OrderCompleted:
				if charged != 1 || cancelErr == nil {
					t.Fatalf("order completed with %d charges; cancel %+v, %v", charged, cancelOut.Status, cancelErr)
				}
			default:
				t.Fatalf("order %s after both calls ended", o.Status)
			}
			if !e.allTokensDeactivated() {
				t.Error("a token is still active")
			}
		})
	}
}

// A cancellation dialog is answered once: replaying its sealed state with another
// answer (yes after the person said no) refunds nothing.
func TestCancelDialogAnsweredOnce(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.product(60_00, 200_00)
	q := e.quote(p.ID, "quote")
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: q.Purchase.QuoteID})
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("confirmed purchase: %+v, %v", out.Status, err)
	}
	asked, err := e.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: out.Order.ID, ConfirmVia: checkout.ViaElicitation})
	if err != nil || asked.Status != checkout.CancelConfirmationRequired {
		t.Fatalf("CancelOrder = %+v, %v; want confirmation_required", asked.Status, err)
	}
	state := e.svc.SealCancel(asked)
	_, err = e.svc.ConfirmCancelSealed(ctx, e.customer, state, checkout.AnswerNo)
	wantRefusal(t, err, checkout.RefusalDeclinedByPerson)
	_, err = e.svc.ConfirmCancelSealed(ctx, e.customer, state, checkout.AnswerYes)
	wantRefusal(t, err, checkout.RefusalConfirmationInvalid)
	if n, _ := e.refunds(); n != 0 {
		t.Fatalf("%d refunds after the person said no", n)
	}
}

// TestCancelOrderTheSellerForgot: a seller that has no record of a paid order (a
// sandbox seller after a restart keeps none of its earlier orders) answers the
// cancellation 404, which is not a refusal to cancel: the answer says the seller does
// not know the order, whose mode it gives, nothing is refunded, and a second call
// answers the same.
func TestCancelOrderTheSellerForgot(t *testing.T) {
	e := newEnv(t, envOpts{})
	out, err := e.buy(e.product(10_00, 40_00).ID, 1)
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("purchase: %+v, %v", out.Status, err)
	}
	e.restartSandbox()
	e.svc = e.service()
	for _, call := range []string{"first", "again"} {
		_, err = e.cancel(out.Order.ID, "")
		var ref *checkout.Refusal
		if !errors.As(err, &ref) || ref.Code != checkout.RefusalOrderUnknownToSeller {
			t.Fatalf("%s: CancelOrder = %v; want %s", call, err, checkout.RefusalOrderUnknownToSeller)
		}
		if call == "first" && (ref.Params.Seller == "" || ref.Params.Mode != checkout.ModeSandbox) {
			t.Errorf("first: params %+v; want the seller and the order's mode", ref.Params)
		}
	}
	if n, _ := e.refunds(); n != 0 {
		t.Fatal("refunded an order its seller does not know")
	}
}
