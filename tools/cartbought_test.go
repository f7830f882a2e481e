package tools

import (
	"strings"
	"sync"
	"testing"
)

// A checkout that finds the cart emptied by another checkout's purchase (a racing
// call that won, or an earlier one) says so and names that checkout; a cart the person
// emptied since is plainly empty.
func TestCheckoutOfABoughtCart(t *testing.T) {
	for _, tc := range []struct {
		name       string
		afterwards func(t *testing.T, s *storefront)
		want, not  string
	}{
		{name: "bought by another checkout", want: "was bought by checkout ", not: "Add products with add_to_cart"},
		{name: "emptied by the person since", afterwards: func(t *testing.T, s *storefront) {
			c := s.client(t, nil, "2025-11-25")
			call(t, c, "add_to_cart", map[string]any{"product_id": "nw-actv-0001"}, nil)
			call(t, c, "clear_cart", nil, nil)
		}, want: "The cart is empty", not: "bought by checkout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			if res := call(t, c, "add_to_cart", map[string]any{"product_id": "nw-actv-0001"}, nil); res.IsError {
				t.Fatalf("add_to_cart: %s", text(res))
			}
			var won checkoutResult
			if res := call(t, c, "checkout", map[string]any{"idempotency_key": "winner"}, &won); res.IsError || won.Status != "completed" {
				t.Fatalf("checkout: %s", text(res))
			}
			if tc.afterwards != nil {
				tc.afterwards(t, s)
			}
			res := call(t, c, "checkout", map[string]any{"idempotency_key": "loser"}, nil)
			got := text(res)
			if !res.IsError || !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
				t.Fatalf("second checkout: %q; want an error with %q, without %q", got, tc.want, tc.not)
			}
			if tc.afterwards == nil && (!strings.Contains(got, won.CheckoutID) || !strings.Contains(got, "nothing was bought or charged by this call")) {
				t.Errorf("second checkout: %q does not name %s or say this call bought nothing", got, won.CheckoutID)
			}
		})
	}
}

// Racing checkouts of one cart buy it once, and no call that lost the race is told
// the cart is simply empty: it joined the winner's checkout, or names it.
func TestRacingCheckoutsNameTheWinner(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": "nw-actv-0001"}, nil); res.IsError {
		t.Fatalf("add_to_cart: %s", text(res))
	}
	const n = 4
	texts := make(chan string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			texts <- text(call(t, s.client(t, nil, "2025-11-25"), "checkout", nil, nil))
		}()
	}
	wg.Wait()
	close(texts)
	for got := range texts {
		if strings.Contains(got, "nothing to check out") {
			t.Errorf("a racing checkout was told the cart is empty: %q", got)
		}
	}
	if got := s.charges(); got != 1 {
		t.Errorf("%d charges, want 1", got)
	}
}

// An empty cart is said to be empty once, whatever the call: not "The cart: The cart
// is empty." (view_cart) or "The cart now: The cart is empty." (update_cart removing
// the last line), and without a double space where the lead was cut ("Removed X.  The
// cart is empty.").
func TestEmptyCartSaidOnce(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	for _, tc := range []struct {
		name, tool string
		args       map[string]any
	}{
		{"view_cart of a new cart", "view_cart", nil},
		{"update_cart removing the last line", "update_cart", map[string]any{"product_id": "nw-actv-0001", "quantity": 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.tool == "update_cart" {
				if res := call(t, c, "add_to_cart", map[string]any{"product_id": "nw-actv-0001", "quantity": 1}, nil); res.IsError {
					t.Fatal(text(res))
				}
			}
			res := call(t, c, tc.tool, tc.args, nil)
			got := text(res)
			if res.IsError || strings.Count(got, "The cart is empty.") != 1 || strings.Contains(got, "The cart: The cart") || strings.Contains(got, "now: The cart") || strings.Contains(got, "  ") {
				t.Errorf("%s: %q; want the cart said empty once", tc.tool, got)
			}
		})
	}
}
