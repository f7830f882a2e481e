package tools

import (
	"context"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The sealed state of another customer's confirmation dialog confirms nothing for the
// caller: it is refused exactly as a forged one, and stays good for its customer. The
// handler is called directly with the answer, as a client answering unasked would.
func TestSealedStateOfAnotherCustomer(t *testing.T) {
	s, a, b := hosted(t)
	ctx := context.Background()
	quote, err := s.tb.Checkout.Purchase(ctx, checkout.Request{CustomerID: b, ProductID: demoProduct(t, 6000, 40000).ID, Quantity: 1, ConfirmVia: checkout.ViaElicitation})
	if err != nil || quote.Status != checkout.StatusConfirmationRequired {
		t.Fatalf("b's quote: %+v, %v", quote, err)
	}
	state := s.tb.Checkout.Seal(quote.Purchase)
	answer := func(customer, state string) *mcp.CallToolResult {
		t.Helper()
		req := mcp.CallToolRequest{}
		req.Params.Name = "purchase"
		req.Params.RequestState = state
		req.Params.InputResponses = mcp.InputResponses{confirmKey: mcp.NewElicitationInputResponse(*accept(true))}
		res, err := s.tb.purchase(WithCustomer(ctx, customer), req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	sameAsUnknown(t, answer(a, state), "", answer(a, "forged"), "")
	if s.charges() != 0 {
		t.Fatal("another customer's state charged")
	}
	if res := answer(b, state); res.IsError {
		t.Fatalf("b's own answer: %s", text(res))
	}
	orders, _, err := s.tb.Store.ListOrders(ctx, store.OrderFilter{CustomerID: b})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderCompleted || orders[0].CardLast4 != "4444" || s.charges() != 1 {
		t.Fatalf("b's orders after b's answer: %+v, %v; %d charges", orders, err, s.charges())
	}
}
