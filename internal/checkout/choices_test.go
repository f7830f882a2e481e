package checkout_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// ring adds to e's catalog a demo product that asks for a ring size and a metal and a
// required engraving, and returns it.
func (e *env) ring() catalog.Product {
	e.t.Helper()
	ctx := context.Background()
	p := e.product(1000, 4000)
	p.ID, p.Title, p.GroupID, p.GTIN = "RING-7", "Hammered Band Ring", "", ""
	p.Attributes = map[string]string{"ring_size": "5, 6, 7, 8, 9", "metal": "Silver, Gold",
		catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required"}
	sellers, err := e.cat.Sellers(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.cat.Upsert(ctx, sellers, []catalog.Product{p}); err != nil {
		e.t.Fatal(err)
	}
	return p
}

var size7 = store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "7"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}

// sellerLines are the lines the reference seller holds for the session of order o.
func (e *env) sellerLines(o store.Order) []acp.LineItem {
	e.t.Helper()
	ctx := context.Background()
	sel, err := e.cat.Seller(ctx, o.SellerID)
	if err != nil {
		e.t.Fatal(err)
	}
	cl, _, err := e.sb.Client(sel)
	if err != nil {
		e.t.Fatal(err)
	}
	cs, err := cl.Get(ctx, o.SessionID)
	if err != nil {
		e.t.Fatalf("seller's session: %v", err)
	}
	return cs.LineItems
}

// checkChoices fails the test unless the customer's one order, its line and the
// seller's session carry size 7, Gold and "Ana".
func (e *env) checkChoices(t *testing.T, seller bool) store.Order {
	t.Helper()
	orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderCompleted {
		t.Fatalf("orders = %+v, %v; want one completed", orders, err)
	}
	o := orders[0]
	if len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(size7) {
		t.Fatalf("order lines %+v, want the choices %+v", o.Lines, size7)
	}
	if seller {
		ls := e.sellerLines(o)
		if len(ls) != 1 || len(ls[0].VariantOptions) != 2 || ls[0].VariantOptions[0].Value != "7" || len(ls[0].CustomAttributes) != 1 || ls[0].CustomAttributes[0].Value != "Ana" {
			t.Fatalf("the seller's lines %+v", ls)
		}
	}
	return o
}

// TestChoicesSurviveRestart: a quote for size 7 with "Ana" engraved, confirmed after a
// restart whose sellers forgot its session (a new session is opened for the
// confirmation), still buys size 7 with "Ana"; so does a purchase killed after the
// seller completed it, settled by recovery.
func TestChoicesSurviveRestart(t *testing.T) {
	ask := map[string]string{"ring_size": "7.0", "metal": "gold"}
	t.Run("quoted, restarted, confirmed", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		e.confirmAbove(t, 1)
		p := e.ring()
		ctx := context.Background()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: ask, Personalization: "Ana"})
		if err != nil || out.Status != checkout.StatusConfirmationRequired || !out.Purchase.Choices.Equal(size7) {
			t.Fatalf("quote: %+v, %v", out, err)
		}
		e.restartSandbox()
		e.svc = e.service()
		done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: out.Purchase.QuoteID})
		if err != nil || done.Status != checkout.StatusCompleted {
			t.Fatalf("confirmation after the restart: %+v, %v", done, err)
		}
		if o := e.checkChoices(t, true); o.SessionID == out.Purchase.SessionID {
			t.Fatal("the forgotten session was used")
		}
	})
	t.Run("killed after the seller completed, recovered", func(t *testing.T) {
		e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.Fault = failAt("seller_completed") }})
		p := e.ring()
		ctx := context.Background()
		if _, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: ask, Personalization: "Ana"}); err == nil {
			t.Fatal("the injected crash did not stop the purchase")
		}
		e.cfg.Fault = nil
		if rep, err := e.service().Recover(ctx, 0); err != nil || rep.Unsettled != 0 {
			t.Fatalf("recover: %+v, %v", rep, err)
		}
		e.checkChoices(t, true)
		if e.succeeded() != 1 {
			t.Fatalf("%d charges", e.succeeded())
		}
	})
}

// TestSealedDialogBindsChoices: a genuine dialog state sealed for the quote with other
// choices than the quote's (the dialog showed size 9) confirms nothing; the state
// sealed for the quote as it is buys it.
func TestSealedDialogBindsChoices(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.confirmAbove(t, 1)
	p := e.ring()
	ctx := context.Background()
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1,
		Choices: map[string]string{"ring_size": "7", "metal": "Gold"}, Personalization: "Ana", ConfirmVia: checkout.ViaElicitation})
	if err != nil || out.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("quote: %+v, %v", out, err)
	}
	other := out.Purchase
	other.Lines = append([]store.Line(nil), other.Lines...)
	other.Lines[0].Choices = store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "9"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}
	_, err = e.svc.ConfirmSealed(ctx, e.customer, e.svc.Seal(other), checkout.AnswerYes)
	wantRefusal(t, err, checkout.RefusalConfirmationInvalid)
	if e.succeeded() != 0 {
		t.Fatal("a dialog for size 9 bought")
	}
	done, err := e.svc.ConfirmSealed(ctx, e.customer, e.svc.Seal(out.Purchase), checkout.AnswerYes)
	if err != nil || done.Status != checkout.StatusCompleted {
		t.Fatalf("the quote's own dialog: %+v, %v", done, err)
	}
	e.checkChoices(t, false)
}

// TestChoiceRefusals: each wrong choice is refused before anything is recorded, with
// its code and what is offered.
func TestChoiceRefusals(t *testing.T) {
	e := newEnv(t, envOpts{})
	p := e.ring()
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		choices map[string]string
		pers    string
		code    checkout.RefusalCode
		offered string
	}{
		{"a size not offered", map[string]string{"ring_size": "12", "metal": "Gold"}, "Ana", checkout.RefusalChoiceNotOffered, "5, 6, 7, 8, 9"},
		{"no metal", map[string]string{"ring_size": "7"}, "Ana", checkout.RefusalChoiceMissing, "Silver, Gold"},
		{"an option it lacks", map[string]string{"ring_size": "7", "metal": "Gold", "stone": "ruby"}, "Ana", checkout.RefusalChoiceUnknown, "ring_size, metal"},
		{"no engraving", map[string]string{"ring_size": "7", "metal": "Gold"}, "", checkout.RefusalPersonalizationMissing, ""},
		{"an engraving too long", map[string]string{"ring_size": "7", "metal": "Gold"}, strings.Repeat("a", catalog.MaxPersonalization+1), checkout.RefusalPersonalizationTooLong, ""},
		{"a control character in the engraving", map[string]string{"ring_size": "7", "metal": "Gold"}, "An\x07a", checkout.RefusalPersonalizationInvalid, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, Choices: tc.choices,
				Personalization: tc.pers, IdempotencyKey: "k-" + tc.name})
			ref := wantRefusal(t, err, tc.code)
			if ref.Params.Offered != tc.offered || ref.Params.ProductID != p.ID {
				t.Errorf("params %+v, want offered %q", ref.Params, tc.offered)
			}
			if _, err := e.st.PurchaseByKey(ctx, e.customer, "k-"+tc.name); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("a refused choice was recorded: %v", err)
			}
		})
	}
}

// TestSubscriptionWithChoicesRefused: a subscription product that asks for choices is
// refused by subscribe (its renewals would reach the seller without them); nothing is
// recorded or charged.
func TestSubscriptionWithChoicesRefused(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.product(1000, 4000)
	p.ID, p.Title, p.GroupID, p.GTIN = "SUB-NAME-1", "Monthly Name Candle", "", ""
	p.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
	p.Attributes = map[string]string{catalog.AttrPersonalization: "required"}
	sellers, err := e.cat.Sellers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.cat.Upsert(ctx, sellers, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
	wantRefusal(t, err, checkout.RefusalSubscriptionChoices)
	if e.succeeded() != 0 {
		t.Fatal("charged")
	}
}
