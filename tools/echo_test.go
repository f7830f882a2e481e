package tools

import (
	"strings"
	"testing"
)

// TestUnknownIDsEchoedAsSent: a tool that finds nothing by an id the caller sent says
// so with that id as it was sent, in quotes with its invisible characters escaped, so
// the person sees it is not the id they meant (a cleaned echo would show a real id and
// make the error look wrong), and no bidi or control character reaches the result.
func TestUnknownIDsEchoedAsSent(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	call(t, c, "add_to_cart", map[string]any{"product_id": "hh-cof-0004"}, nil)
	const real = "nw-shoe-0001" // a product of the demo catalog
	for _, tc := range []struct {
		name, tool string
		args       map[string]any
		want       string
	}{
		{"add_to_cart right-to-left override", "add_to_cart", map[string]any{"product_id": real + "\u202e"}, `No product has id "nw-shoe-0001\u202e".`},
		{"add_to_cart zero-width space", "add_to_cart", map[string]any{"product_id": "nw-\u200bshoe-0001"}, `No product has id "nw-\u200bshoe-0001".`},
		{"add_to_cart control character", "add_to_cart", map[string]any{"product_id": real + "\x07"}, `No product has id "nw-shoe-0001\a".`},
		{"add_to_cart long id cut and marked", "add_to_cart", map[string]any{"product_id": strings.Repeat("x", 200)}, `No product has id "` + strings.Repeat("x", 77) + `…".`},
		{"update_cart not in the cart", "update_cart", map[string]any{"product_id": real + "\u2066", "quantity": 2}, `Product "nw-shoe-0001\u2066" is not in the cart.`},
		{"get_product", "get_product", map[string]any{"product_id": "\u202e" + real}, `No product has id "\u202enw-shoe-0001".`},
		{"purchase", "purchase", map[string]any{"product_id": real + "\u200f"}, `No product has id "nw-shoe-0001\u200f".`},
		{"subscribe", "subscribe", map[string]any{"product_id": "cy-sub-0001\u202e"}, `No product has id "cy-sub-0001\u202e".`},
		{"purchase unknown quote", "purchase", map[string]any{"quote_id": "qt_1\u202e"}, `No quote has id "qt_1\u202e" for this customer.`},
		{"get_order", "get_order", map[string]any{"order_id": "ord_1\u202e"}, `No order has id "ord_1\u202e".`},
		{"cancel_order", "cancel_order", map[string]any{"order_id": "ord_1\u202e"}, `No order has id "ord_1\u202e".`},
		{"pause_subscription", "pause_subscription", map[string]any{"subscription_id": "sub_1\u202e"}, `No subscription has id "sub_1\u202e".`},
		{"checkout unknown address", "checkout", map[string]any{"address_id": "addr_1\u202e"}, `No saved address has id "addr_1\u202e".`},
		{"purchase unknown delivery option", "purchase", map[string]any{"product_id": "nw-actv-0001", "fulfillment_option_id": "express\u200b"}, `does not offer the delivery option "express\u200b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := call(t, c, tc.tool, tc.args, nil)
			got := text(res)
			if !res.IsError {
				t.Fatalf("%s succeeded: %s", tc.tool, got)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("%s says\n%s\nwant it to contain\n%s", tc.tool, got, tc.want)
			}
			if i := strings.IndexFunc(got, func(r rune) bool {
				return r == '\u202e' || r == '\u2066' || r == '\u200b' || r == '\u200f' || r == '\a'
			}); i >= 0 {
				t.Errorf("%s repeats an invisible character unescaped at byte %d: %q", tc.tool, i, got)
			}
		})
	}
}
