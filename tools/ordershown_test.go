package tools

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// An order the seller canceled or refunded, or refunded part or all of while it
// stands, is shown so by list_orders and get_order,
// in the text and in structuredContent alike, with the amount refunded; list_orders'
// status filter finds it by that status, and no longer as completed.
func TestCanceledOrderShown(t *testing.T) {
	for _, tc := range []struct {
		name     string
		update   *store.OrderUpdate // nil: cancel_order, which the sandbox seller refunds in full
		status   string
		inText   string
		notInTxt string
	}{
		{name: "canceled and refunded by cancel_order", status: "refunded", inText: "[refunded $", notInTxt: "[completed]"},
		{name: "canceled, nothing refunded yet", update: &store.OrderUpdate{Status: store.SellerCanceled, Source: store.SourceSeller},
			status: "canceled", inText: "[canceled, nothing refunded yet]", notInTxt: "[completed]"},
		{name: "part refunded", update: &store.OrderUpdate{Status: store.SellerRefunded, Refunded: 100, Source: store.SourceSeller},
			status: "refunded", inText: "[refunded $1.00 of $", notInTxt: "[completed]"},
		{name: "shipped, part refunded", update: &store.OrderUpdate{Status: store.SellerShipped, Refunded: 100, Source: store.SourceSeller},
			status: "partially_refunded", inText: "[partially refunded: $1.00 of $", notInTxt: "[completed]"},
		{name: "delivered, all refunded", update: &store.OrderUpdate{Status: store.SellerDelivered, Refunded: 1 << 40, Source: store.SourceSeller},
			status: "refunded", inText: "[refunded $", notInTxt: " of $"},
		{name: "shipped stays completed", update: &store.OrderUpdate{Status: store.SellerShipped, Source: store.SourceSeller},
			status: "completed", inText: "[completed]", notInTxt: "[refunded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			order := buy(t, c, "nw-actv-0001")
			if tc.update == nil {
				if res := call(t, c, "cancel_order", map[string]any{"order_id": order}, nil); res.IsError {
					t.Fatalf("cancel_order: %s", text(res))
				}
			} else if _, _, err := s.tb.Store.UpdateOrder(context.Background(), order, *tc.update); err != nil {
				t.Fatal(err)
			}
			check := func(what string, v orderView, txt string) {
				t.Helper()
				if v.Status != tc.status || !strings.Contains(txt, tc.inText) || strings.Contains(txt, tc.notInTxt) {
					t.Errorf("%s: status %q, text %q; want status %q and text with %q, without %q", what, v.Status, txt, tc.status, tc.inText, tc.notInTxt)
				}
				// A part refund says what came back and what stays paid: the rest.
				if r := v.Refunded; tc.status == "partially_refunded" {
					kept := money.Money{Amount: v.Totals.Total.Amount - r.Amount, Currency: v.Totals.Total.Currency}
					if !strings.Contains(txt, r.Display+" of "+v.Totals.Total.Display+" came back, "+kept.String()+" stays paid") {
						t.Errorf("%s: text %q does not say %s of %s came back and %s stays paid", what, txt, r.Display, v.Totals.Total.Display, kept)
					}
				}
			}
			var list listOrdersResult
			res := call(t, c, "list_orders", nil, &list)
			if res.IsError || len(list.Orders) != 1 {
				t.Fatalf("list_orders: %s", text(res))
			}
			check("list_orders", list.Orders[0], text(res))
			var one orderView
			res = call(t, c, "get_order", map[string]any{"order_id": order}, &one)
			check("get_order", one, text(res))
			// The filter finds the order by the status it is shown with, and by no other.
			for _, st := range store.OrderStatuses {
				var f listOrdersResult
				res := call(t, c, "list_orders", map[string]any{"status": string(st)}, &f)
				if want := map[bool]int{true: 1}[string(st) == tc.status]; res.IsError || len(f.Orders) != want {
					t.Errorf("list_orders status=%s: %d orders, want %d: %s", st, len(f.Orders), want, text(res))
				}
			}
		})
	}
}
