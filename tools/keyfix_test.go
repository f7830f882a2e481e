package tools

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestCheckoutOpenKeyWords: a checkout call that died after its checkout was begun and
// before any seller order leaves it open; a retry with its idempotency_key (after the
// 30 s settling bound) is told it is still being prepared by the earlier call with that
// key — never "Bought the cart" with no orders — and a call without a key, which joins
// it, that another call is checking the cart out. Nothing is charged. Once recovery
// has ended it, the key returns the interrupted refusal, with the key note.
func TestCheckoutOpenKeyWords(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	addToCart(t, c, demoProduct(t, 1000, 4000).ID)
	open, _, _, err := s.tb.Store.BeginCheckout(ctx, store.Checkout{CustomerID: s.tb.Customer, IdemKey: "k1", Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	// A call that stopped holds the cart until its open checkout lapses: the words say when.
	lapse := open.UpdatedAt.Add(store.OpenCheckoutTTL).UTC().Format("15:04:05 UTC")
	t.Run("while open", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			args map[string]any
			want string
		}{
			{"the same key", map[string]any{"idempotency_key": "k1"}, "still being prepared by an earlier call with the same idempotency_key"},
			{"no key", map[string]any{}, "Another call is checking out this cart and has not finished"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel() // each waits the settling bound
				var r checkoutResult
				res := call(t, c, "checkout", tt.args, &r)
				got := text(res)
				if res.IsError || r.Status != "pending" || len(r.Orders) != 0 || !strings.Contains(r.Instruction, tt.want) ||
					!strings.Contains(got, "nothing has been charged for it yet") || strings.Contains(got, "Bought") ||
					!strings.Contains(r.Instruction, "its hold on this cart lapses at "+lapse) {
					t.Fatalf("got %s (%s), want pending saying %q", r.Status, got, tt.want)
				}
			})
		}
	})
	if _, err := s.tb.Checkout.Recover(ctx, 0); err != nil {
		t.Fatal(err)
	}
	t.Run("once recovered", func(t *testing.T) {
		res := call(t, c, "checkout", map[string]any{"idempotency_key": "k1"}, nil)
		checkKeyedAnswer(t, "checkout", res, false, "interrupted", true, false)
	})
	if n := s.charges(); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
}

// TestKeyConflictWords: the same idempotency_key with another address_id (purchase) or
// fulfillment_option_id (purchase, checkout) than its first call recorded is refused in
// words naming both and saying how to see the first outcome, with no key note (nothing
// is recorded); nothing is charged by it.
func TestKeyConflictWords(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	var list addressesResult
	if res := call(t, c, "get_shipping_addresses", nil, &list); res.IsError || len(list.Addresses) != 1 {
		t.Fatalf("addresses: %s", text(res))
	}
	first := list.Addresses[0].AddressID
	var saved addressView
	if res := call(t, c, "set_shipping_address", map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Austin", "region": "TX",
		"postal_code": "73301", "country": "US"}, &saved); res.IsError {
		t.Fatalf("save: %s", text(res))
	}
	p := demoProduct(t, 1000, 4000)
	addToCart(t, c, "hh-cof-0004")
	steps := []struct {
		name, tool string
		args       map[string]any
		want       string // "completed", or a fragment of the conflict
	}{
		{"purchase to the first address", "purchase", map[string]any{"address_id": first}, "completed"},
		{"purchase to another address", "purchase", map[string]any{"address_id": saved.AddressID},
			"already used for a purchase of " + p.ID + " × 1 delivering to address_id \"" + first + "\", not to address_id \"" + saved.AddressID + "\""},
		{"purchase by another delivery", "purchase", map[string]any{"fulfillment_option_id": "express"},
			"already used for a purchase of " + p.ID + " × 1 delivered by fulfillment_option_id \"standard\", not by \"express\""},
		{"purchase as first", "purchase", map[string]any{"address_id": first, "fulfillment_option_id": "standard"}, "completed"},
		{"checkout with no option", "checkout", map[string]any{}, "completed"},
		{"checkout by express", "checkout", map[string]any{"fulfillment_option_id": "express"},
			"already used for a checkout that asked for no fulfillment option (each seller's cheapest), not for \"express\""},
		{"checkout as first", "checkout", map[string]any{}, "completed"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.args["idempotency_key"] = "k1"
			if st.tool == "purchase" {
				st.args["product_id"] = p.ID
			}
			var r struct {
				Status string `json:"status"`
			}
			res := call(t, c, st.tool, st.args, &r)
			checkKeyedAnswer(t, st.tool, res, r.Status == "completed", st.want, false, st.want == "completed")
		})
	}
	if n := s.charges(); n != 2 {
		t.Errorf("%d charges, want 2", n)
	}
}

// A refusal kept under a checkout's key is worded for checkout as the same refusal
// given without a key is (askAgainWith): a quote refusal of the cart never sends the
// model to purchase, whose quotes are of one product.
func TestKeptRefusalWordedForItsTool(t *testing.T) {
	tb := &Toolbox{}
	for _, tt := range []struct {
		name, tool, want, never string
	}{
		{"checkout, quote expired", "checkout", "Call checkout without quote_id", "purchase"},
		{"purchase, quote expired", "purchase", "Call purchase with the product_id", "checkout"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref := &checkout.Refusal{Code: checkout.RefusalQuoteExpired, KeptUnder: "k1"}
			got := text(tb.failKept(context.Background(), tt.tool, "k1", ref))
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.never) {
				t.Errorf("got %q; want it to say %q and never %q", got, tt.want, tt.never)
			}
			if !strings.Contains(got, "idempotency_key") {
				t.Errorf("got %q; want the key note", got)
			}
		})
	}
}
