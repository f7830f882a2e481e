package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
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
	gate := testshop.NewCompleteGate(t)
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
	// A is still being paid: its lead says so, and the instruction does not say both
	// that nothing more will be charged and to buy the rest.
	if !strings.Contains(got, "Checkout under way") || strings.Contains(got, "Nothing more will be charged.") {
		t.Errorf("text %q: want A's lead under way, and no unqualified 'Nothing more will be charged.'", got)
	}
	if len(out.NotIncluded) != 1 || out.NotIncluded[0].ProductID != "cy-hp-0001" || out.NotIncluded[0].Quantity != 1 {
		t.Errorf("not_included %+v, want 1 × cy-hp-0001", out.NotIncluded)
	}
	gate.Open()
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

// The words of a call that found an earlier checkout being paid, whatever that
// checkout's status when the answer is written (it can settle between the two): its
// lead says this call bought nothing and what the earlier one bought is "the cart as it
// was then", the lines not included are in the summary and in not_included, and the
// instruction never says "nothing more will be charged" unqualified next to "call
// checkout again to buy".
func TestJoinedCheckoutResultWords(t *testing.T) {
	placed := checkout.SellerOrder{Status: checkout.StatusCompleted, Order: &store.Order{ID: "ord_p"},
		Purchase: store.Purchase{SellerID: "zeta", SellerName: "Zeta", Currency: "USD", Total: 1000, CardBrand: "visa", CardLast4: "4242"}}
	pending := checkout.SellerOrder{Status: checkout.StatusPending, Order: &store.Order{ID: "ord_q"},
		Purchase: store.Purchase{SellerID: "acme", SellerName: "Acme", Currency: "USD", Total: 500, CardBrand: "visa", CardLast4: "4242"}}
	charged := checkout.SellerOrder{Status: "", Order: &store.Order{ID: "ord_c", Status: store.OrderChargedNoOrder},
		Purchase: store.Purchase{SellerID: "acme", SellerName: "Acme", Currency: "USD", Total: 2599, CardBrand: "visa", CardLast4: "4242"},
		Refusal: &checkout.Refusal{Code: checkout.RefusalChargedNoOrder, OrderID: "ord_c",
			Params: checkout.RefusalParams{Seller: "Acme", Amount: 2599, Currency: "USD", OrderID: "ord_c"}}}
	rest := []checkout.CartItem{{CartLine: store.CartLine{ProductID: "cy-hp-0001", SellerID: "cy", Quantity: 2}}}
	for _, tc := range []struct {
		name   string
		status checkout.CheckoutStatus
		orders []checkout.SellerOrder
		says   []string
	}{
		{"completed", checkout.CheckoutCompleted, []checkout.SellerOrder{placed}, []string{"Bought the cart as it was then: 1 seller order placed"}},
		{"partial, one charged with no order", checkout.CheckoutPartial, []checkout.SellerOrder{placed, charged},
			[]string{"Bought part of the cart as it was then: 1 seller order placed"}},
		{"pending", checkout.CheckoutPending, []checkout.SellerOrder{placed, pending},
			[]string{"Checkout under way", "nothing more will be charged for that checkout"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := (&Toolbox{}).checkoutResult(context.Background(), checkout.CheckoutOutcome{Status: tc.status,
				Checkout: store.Checkout{ID: "chk_a", Mode: "sandbox", Currency: "USD", State: store.CheckoutPaying}, Orders: tc.orders,
				NotIncluded: rest}, "")
			got := text(res)
			says := append([]string{"This call bought nothing: checkout chk_a", "Not part of checkout chk_a, added to the cart since it was quoted",
				"2 × ", "call checkout again to buy what is left"}, tc.says...)
			for _, want := range says {
				if !strings.Contains(got, want) {
					t.Errorf("text %q lacks %q", got, want)
				}
			}
			if strings.Contains(got, "Bought the cart:") || strings.Contains(got, "Nothing more will be charged.") {
				t.Errorf("text %q: says the cart (as it is now) was bought, or that nothing more will be charged unqualified", got)
			}
			var r checkoutResult
			if b, err := json.Marshal(res.StructuredContent); err != nil || json.Unmarshal(b, &r) != nil {
				t.Fatalf("structured content: %v", err)
			}
			if len(r.NotIncluded) != 1 || r.NotIncluded[0].ProductID != "cy-hp-0001" || r.NotIncluded[0].Quantity != 2 {
				t.Errorf("not_included %+v, want 2 × cy-hp-0001", r.NotIncluded)
			}
		})
	}
}
