package checkout_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestSandboxKeepsTheNewestPurchases buys five times as many orders as the sandbox
// keeps (sandbox.Options.Keep), one a second: the sandbox's records stay about Keep of
// each kind, the newest order is still canceled and refunded through its seller, and
// cancelling the oldest answers exactly as it does after the sandbox restarted.
func TestSandboxKeepsTheNewestPurchases(t *testing.T) {
	const keep, bought = 2, 10
	ctx := context.Background()
	cancel := func(svc *checkout.Service, customer, order string) (checkout.CancelStatus, checkout.RefusalCode, error) {
		out, err := svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: customer, OrderID: order, ConfirmVia: checkout.ViaQuoteID})
		var ref *checkout.Refusal
		if errors.As(err, &ref) {
			return "", ref.Code, nil
		}
		return out.Status, "", err
	}

	// What cancelling a paid order answers once the sandbox restarted.
	restarted := newEnv(t, envOpts{rules: &noLimits})
	p := restarted.product(1000, 4000)
	out, err := restarted.buy(p.ID, 1)
	if err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("buy: %+v, %v", out.Status, err)
	}
	restarted.restartSandbox()
	wantStatus, wantCode, err := cancel(restarted.service(), restarted.customer, out.Order.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("after a restart, cancelling a paid sandbox order answers %q %q", wantStatus, wantCode)

	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{Keep: keep}})
	var orders []string
	for range bought {
		e.clock.Advance(time.Second)
		out, err := e.buy(p.ID, 1)
		if err != nil || out.Status != checkout.StatusCompleted {
			t.Fatalf("buy: %+v, %v", out.Status, err)
		}
		orders = append(orders, out.Order.ID)
	}
	most := keep + keep/4 + 1
	r := e.sb.Records()
	if s := r.Sellers; s.Sessions > most || s.Orders > most || s.Answers > most {
		t.Fatalf("after %d purchases the seller keeps %+v, want at most %d of each", bought, s, most)
	}
	if s, most := r.Stripe, 4*keep+keep+1; s.Tokens > most || s.PaymentIntents > most || s.Answers > most {
		t.Fatalf("after %d purchases Stripe keeps %+v, want at most %d of each", bought, s, most)
	}

	cases := []struct {
		name   string
		order  string
		status checkout.CancelStatus
		code   checkout.RefusalCode
	}{
		{"newest canceled and refunded", orders[bought-1], checkout.CancelRefunded, ""},
		{"oldest answers as after a restart", orders[0], wantStatus, wantCode},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, code, err := cancel(e.svc, e.customer, c.order)
			if err != nil || status != c.status || code != c.code {
				t.Fatalf("cancel = %q %q, %v; want %q %q", status, code, err, c.status, c.code)
			}
			o, err := e.st.Order(ctx, e.customer, c.order)
			if err != nil {
				t.Fatal(err)
			}
			if c.status == checkout.CancelRefunded && o.Shown() != store.OrderRefunded {
				t.Errorf("order shown %s after the refund, want refunded", o.Shown())
			}
		})
	}
}
