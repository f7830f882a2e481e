package tools

import (
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A cart checkout's seller order of several lines: list_orders and get_order show
// every line (product, quantity, unit price) in structuredContent and in the text,
// the same in both, with the order's total.
func TestMultiLineOrderShown(t *testing.T) {
	s := newStorefront(t)
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	c := s.client(t, nil, "2025-11-25")
	var ids []string
	seller := ""
	for _, p := range demo.Products() {
		if p.ID == "hh-cof-0004" {
			seller = p.SellerID
		}
	}
	for _, p := range demo.Products() {
		if p.SellerID == seller && p.Stock != nil && *p.Stock >= 5 && p.Purchasable() && p.Billing == nil && p.Price.Currency == "USD" && len(ids) < 3 {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) != 3 {
		t.Fatalf("found %v", ids)
	}
	for i, id := range ids {
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": id, "quantity": i + 1}, nil); res.IsError {
			t.Fatalf("add_to_cart: %s", text(res))
		}
	}
	var out checkoutResult
	if res := call(t, c, "checkout", nil, &out); res.IsError || out.Status != "completed" || len(out.Orders) != 1 {
		t.Fatalf("checkout: %s", text(res))
	}
	bought := out.Orders[0]
	check := func(what string, v orderView, txt string) {
		t.Helper()
		if v.OrderID != bought.OrderID || len(v.Lines) != len(ids) || v.Totals.Total != bought.Totals.Total {
			t.Errorf("%s: order %s with %d lines, total %v; want %s with %d, total %v", what, v.OrderID, len(v.Lines), v.Totals.Total,
				bought.OrderID, len(ids), bought.Totals.Total)
		}
		for i, l := range bought.Lines {
			if i < len(v.Lines) && (v.Lines[i].ProductID != l.ProductID || v.Lines[i].Quantity != l.Quantity || v.Lines[i].UnitPrice != l.UnitPrice) {
				t.Errorf("%s: line %d %+v, want %+v", what, i, v.Lines[i], l)
			}
			if want := l.Title; !strings.Contains(txt, want) {
				t.Errorf("%s: text %q lacks line %q", what, txt, want)
			}
		}
		if !strings.Contains(txt, bought.Totals.Total.Display) {
			t.Errorf("%s: text %q lacks the total %s", what, txt, bought.Totals.Total.Display)
		}
	}
	var list listOrdersResult
	res := call(t, c, "list_orders", nil, &list)
	if res.IsError || len(list.Orders) != 1 {
		t.Fatalf("list_orders: %s", text(res))
	}
	check("list_orders", list.Orders[0], text(res))
	var one orderView
	res = call(t, c, "get_order", map[string]any{"order_id": bought.OrderID}, &one)
	if res.IsError {
		t.Fatalf("get_order: %s", text(res))
	}
	check("get_order", one, text(res))
	// Asking to cancel it names every line, not only the first.
	res = call(t, c, "cancel_order", map[string]any{"order_id": bought.OrderID}, nil)
	for _, l := range bought.Lines {
		if !strings.Contains(text(res), l.Title) {
			t.Errorf("cancel_order: text %q lacks line %q", text(res), l.Title)
		}
	}
	if !strings.Contains(text(res), "(3 lines, 6 items in all)") {
		t.Errorf("cancel_order: text %q does not count 3 lines, 6 items", text(res))
	}
}

// An order's text names its first shownLines lines and counts the rest, with the
// number of lines and items in all; one line is named alone; an order from before
// orders had lines is named by its first line.
func TestOrderItemsText(t *testing.T) {
	line := func(i int) orderLine {
		return orderLine{ProductID: fmt.Sprint("p", i), Title: fmt.Sprint("T", i), Quantity: i}
	}
	many := orderView{Line: line(1)}
	for i := 1; i <= 7; i++ {
		many.Lines = append(many.Lines, line(i))
	}
	tests := []struct {
		name string
		v    orderView
		want string
	}{
		{"one line", orderView{Line: line(2), Lines: []orderLine{line(2)}}, "2 × «T2»"},
		{"no lines recorded", orderView{Line: line(3)}, "3 × «T3»"},
		{"two lines", orderView{Line: line(1), Lines: []orderLine{line(1), line(2)}}, "1 × «T1» + 2 × «T2» (2 lines, 3 items in all)"},
		{"seven lines", many, "1 × «T1» + 2 × «T2» + 3 × «T3» + 4 × «T4» + 5 × «T5» and 2 more lines (7 lines, 28 items in all)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.items(); got != tt.want {
				t.Errorf("items() = %q, want %q", got, tt.want)
			}
		})
	}
}

// cancel_order's confirmation dialog names every line of the order, whatever their
// number, each title at the dialog's cap (80 characters, as the checkout dialog, cut
// between words), then counts the lines and items: the person confirms a refund seeing all of it.
func TestCancelDialogListsEveryLine(t *testing.T) {
	long := strings.Repeat("Stainless kettle ", 12) // 204 characters
	tests := []struct {
		name  string
		lines []store.Line
		says  []string
	}{
		{"one line", []store.Line{{ProductID: "p1", Title: "Tent", Quantity: 2}}, []string{"Items:\n  2 × «Tent»\nSeller:"}},
		{"seven lines, one title long", nil, nil},
	}
	for i := 1; i <= 7; i++ {
		title := fmt.Sprint("T", i)
		if i == 7 {
			title = long
		}
		tests[1].lines = append(tests[1].lines, store.Line{ProductID: fmt.Sprint("p", i), Title: title, Quantity: i})
		if i < 7 {
			tests[1].says = append(tests[1].says, fmt.Sprintf("  %d × «T%d»\n", i, i))
		}
	}
	// cut in its middle, its end kept (quotedTitle)
	tests[1].says = append(tests[1].says, "  7 × «"+strings.Repeat("Stainless kettle ", 2)+"Stainless kettle … kettle Stainless kettle»\n", "  (7 lines, 28 items in all)\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := store.Order{ID: "ord_1", SellerName: "Acme", Currency: "USD", Total: 1000, Mode: "sandbox",
				ProductID: tt.lines[0].ProductID, Title: tt.lines[0].Title, Quantity: tt.lines[0].Quantity, Lines: tt.lines}
			msg := cancelDialog(checkout.CancelOutcome{Order: o}, nil).Message
			for _, want := range tt.says {
				if !strings.Contains(msg, want) {
					t.Errorf("dialog %q lacks %q", msg, want)
				}
			}
			if strings.Contains(msg, strings.TrimSpace(long)) || strings.Contains(msg, "more lines") {
				t.Errorf("dialog %q: a title past the cap, or lines left out", msg)
			}
		})
	}
}
