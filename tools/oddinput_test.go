package tools

import (
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
)

// Odd but plausible input a new user's assistant sends: enumerated values in capitals,
// with spaces or hyphens, or spelled the British way, are read as their values; blank
// ids are missing ones (an id in the wrong case: TestIDHints).
func TestOddButPlausibleInput(t *testing.T) {
	_, c, order := shopWithOrder(t)
	for _, tt := range []struct {
		name, tool string
		args       map[string]any
		wantError  string // "" means a result
		says       string // a part of the text
	}{
		{name: "sort in capitals", tool: "search_products", args: map[string]any{"query": "kettle", "sort": "PRICE_ASC"}},
		{name: "sort with spaces around", tool: "search_products", args: map[string]any{"query": "kettle", "sort": " rating "}},
		{name: "sort with a hyphen", tool: "search_products", args: map[string]any{"query": "kettle", "sort": "price-desc"}},
		{name: "sort that is none", tool: "search_products", args: map[string]any{"sort": "cheapest"}, wantError: "sort must be one of relevance, price_asc, price_desc, rating"},
		{name: "detail in capitals", tool: "search_products", args: map[string]any{"query": "kettle", "detail": "BRIEF"}},
		{name: "status in capitals", tool: "list_orders", args: map[string]any{"status": "COMPLETED"}, says: order},
		{name: "status spelled the British way", tool: "list_orders", args: map[string]any{"status": "Cancelled"}, says: "No orders"},
		{name: "status of two words", tool: "list_orders", args: map[string]any{"status": "partially refunded"}, says: "No orders"},
		{name: "product id with spaces around", tool: "get_product", args: map[string]any{"product_id": " nw-shoe-0001 "}, says: "nw-shoe-0001"},
		{name: "blank product id", tool: "get_product", args: map[string]any{"product_id": "   "}, wantError: "product_id is required"},
		{name: "blank order id", tool: "cancel_order", args: map[string]any{"order_id": " "}, wantError: "order_id is required"},
		{name: "an invisible character in an id is shown", tool: "get_product", args: map[string]any{"product_id": "nw-shoe-0001\u200b"},
			wantError: `No product has id "nw-shoe-0001\u200b".`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, c, tt.tool, tt.args, nil)
			got := text(res)
			switch {
			case tt.wantError != "" && (!res.IsError || !strings.Contains(got, tt.wantError)):
				t.Errorf("isError %v %q, want the error %q", res.IsError, got, tt.wantError)
			case tt.wantError == "" && res.IsError:
				t.Errorf("error %q, want a result", got)
			case !strings.Contains(got, tt.says):
				t.Errorf("text %q, want %q in it", got, tt.says)
			}
		})
	}
}

// shopWithOrder is a storefront, a client of it (2025-11-25, no dialogs) and the id of
// an order that client bought.
func shopWithOrder(t *testing.T) (*storefront, *client.Client, string) {
	t.Helper()
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	return s, c, buy(t, c, demoProduct(t, 1000, 4000).ID)
}
