package tools

import (
	"context"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// checkout called while an earlier checkout of the cart is being paid (a seller slow
// to complete), with a product added since: the answer names that checkout and says
// this call bought nothing, lists the added product in its summary as not part of it
// and staying in the cart, never among the orders, and says to check out again
// once the earlier one has finished.
func TestCheckoutWhileAnotherPaysWords(t *testing.T) {
	gate := testshop.NewCompleteGate()
	s := newStorefrontWith(t, sandbox.Options{SellerMiddleware: gate.Hold})
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	c := s.client(t, nil, "2025-11-25")
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": "hh-cof-0004"}, nil); res.IsError {
		t.Fatalf("add_to_cart: %s", text(res))
	}
	first := make(chan *mcp.CallToolResult, 1)
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name = "checkout"
		req.Params.Arguments = map[string]any{"idempotency_key": "first"}
		res, err := c.CallTool(context.Background(), req)
		if err != nil {
			t.Error(err)
		}
		first <- res
	}()
	<-gate.Entered
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": "cy-hp-0001"}, nil); res.IsError {
		t.Fatalf("add_to_cart: %s", text(res))
	}
	var out checkoutResult
	res := call(t, c, "checkout", map[string]any{"idempotency_key": "second"}, &out)
	got := text(res)
	if res.IsError || out.Status != "pending" || out.CheckoutID == "" {
		t.Fatalf("second checkout: %s", got)
	}
	if _, rest, ok := strings.Cut(out.Summary, "Not part of checkout "+out.CheckoutID); !ok || !strings.Contains(rest, "- 1 × ") ||
		!strings.Contains(rest, "(cy-hp-0001)") {
		t.Errorf("summary %q does not list 1 × cy-hp-0001 as not part of the checkout", out.Summary)
	}
	for _, o := range out.Orders {
		for _, l := range o.Lines {
			if l.ProductID == "cy-hp-0001" {
				t.Errorf("the added product is among the orders: %+v", o)
			}
		}
	}
	for _, want := range []string{"This call bought nothing: checkout " + out.CheckoutID, "Not part of checkout " + out.CheckoutID,
		"(cy-hp-0001)", "they stay in the cart", "call checkout again to buy what is left"} {
		if !strings.Contains(got, want) {
			t.Errorf("text %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "Bought the cart") {
		t.Errorf("text %q says the cart was bought", got)
	}
	close(gate.Release)
	if r := <-first; r == nil || r.IsError || !strings.Contains(text(r), "Bought the cart") {
		t.Fatalf("first checkout: %v", r)
	}
	var cart cartResult
	if call(t, c, "view_cart", nil, &cart); cart.Lines != 1 || cart.Sellers[0].Lines[0].ProductID != "cy-hp-0001" {
		t.Errorf("cart %+v, want only cy-hp-0001", cart)
	}
	if s.charges() != 1 {
		t.Errorf("%d charges, want 1", s.charges())
	}
}
