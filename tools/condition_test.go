package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestSearchCondition: a product that is not new shows its condition on every result
// card, in structuredContent (condition) and in the text (condition «used»), at every
// detail; a new product, or one whose condition is not said, shows none.
func TestSearchCondition(t *testing.T) {
	usd := money.Money{Amount: 45000, Currency: "USD"}
	used := catalog.Hit{Product: catalog.Product{ID: "body", Title: "Mirrorless Camera Body", Price: usd, Availability: catalog.InStock}, Condition: "used"}
	full := catalog.Hit{Product: catalog.Product{ID: "body", Title: "Mirrorless Camera Body", Price: usd, Availability: catalog.InStock,
		Attributes: map[string]string{"condition": "Open_Box"}}}
	fresh := catalog.Hit{Product: catalog.Product{ID: "new", Title: "Mirrorless Camera Body", Price: usd, Availability: catalog.InStock,
		Attributes: map[string]string{"condition": "new"}}}
	for _, tc := range []struct {
		name string
		hit  catalog.Hit
		d    detail
		want string
	}{
		{"used, standard", used, detailStandard, "used"},
		{"used, brief", used, detailBrief, "used"},
		{"open box, full (from the attributes)", full, detailFull, "open box"},
		{"new, standard", fresh, detailStandard, ""},
		{"new, full", fresh, detailFull, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := searchResultOf(catalog.Result{Total: 1, Hits: []catalog.Hit{tc.hit}}, nil, tc.d)
			if got := out.Products[0].Condition; got != tc.want {
				t.Errorf("condition %q, want %q", got, tc.want)
			}
			text := out.text()
			if has := strings.Contains(text, "condition «"); has != (tc.want != "") || tc.want != "" && !strings.Contains(text, "condition «"+tc.want+"»") {
				t.Errorf("text %q: want condition «%s» said: %v", text, tc.want, tc.want != "")
			}
		})
	}
}

// TestConditionInCartAndQuote: a used product (its condition only in the attribute, as
// a Merchant Center feed's g:condition gives it, its title not saying so) shows its
// condition in search results, in its cart line, in a purchase's quote (the line, the
// summary the person confirms) and in a checkout's quote; the new product beside it
// shows none anywhere.
func TestConditionInCartAndQuote(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	base := demoProduct(t, 6000, 40000)
	sellers, err := s.tb.Catalog.Sellers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	used := base
	used.ID, used.Title = "cond-used-1", "Zephyr Rangefinder Camera"
	used.GroupID, used.GTIN = "", ""
	used.Attributes = map[string]string{"condition": "used"}
	fresh := used
	fresh.ID, fresh.Attributes = "cond-new-1", map[string]string{"condition": "new"}
	if _, err := s.tb.Catalog.Upsert(ctx, sellers, []catalog.Product{used, fresh}); err != nil {
		t.Fatal(err)
	}
	c := s.client(t, nil, "2025-11-25")

	var found searchProductsResult
	res := call(t, c, "search_products", map[string]any{"query": "zephyr rangefinder"}, &found)
	conds := map[string]string{}
	for _, p := range found.Products {
		conds[p.ID] = p.Condition
	}
	if res.IsError || len(conds) != 2 || conds[used.ID] != "used" || conds[fresh.ID] != "" || strings.Count(text(res), "condition «used»") != 1 {
		t.Fatalf("search: %s / %v", text(res), conds)
	}

	var cart cartResult
	for _, id := range []string{used.ID, fresh.ID} {
		if res = call(t, c, "add_to_cart", map[string]any{"product_id": id}, &cart); res.IsError {
			t.Fatal(text(res))
		}
	}
	lines := map[string]string{}
	for _, g := range cart.Sellers {
		for _, l := range g.Lines {
			lines[l.ProductID] = l.Condition
		}
	}
	if len(lines) != 2 || lines[used.ID] != "used" || lines[fresh.ID] != "" || strings.Count(text(res), "condition «used»") != 1 {
		t.Fatalf("cart: %s / %v", text(res), lines)
	}

	var quote purchaseResult
	res = call(t, c, "purchase", map[string]any{"product_id": used.ID}, &quote)
	if res.IsError || quote.Line.Condition != "used" || !strings.Contains(quote.Summary, "(condition «used»)") || !strings.Contains(text(res), "(condition «used»)") {
		t.Fatalf("purchase of the used one: %s / %+v", text(res), quote)
	}
	var quoteNew purchaseResult
	res = call(t, c, "purchase", map[string]any{"product_id": fresh.ID}, &quoteNew)
	if res.IsError || quoteNew.Line.Condition != "" || strings.Contains(text(res), "condition") {
		t.Fatalf("purchase of the new one: %s / %+v", text(res), quoteNew)
	}

	var co checkoutResult
	res = call(t, c, "checkout", map[string]any{}, &co)
	got := map[string]string{}
	for _, o := range co.Orders {
		for _, l := range o.Lines {
			got[l.ProductID] = l.Condition
		}
	}
	if res.IsError || len(got) != 2 || got[used.ID] != "used" || got[fresh.ID] != "" || strings.Count(text(res), "condition «used»") != 1 {
		t.Fatalf("checkout: %s / %v", text(res), got)
	}
}

// TestConfirmationNamesCondition: the dialog the person confirms names a condition
// that is not new, on a line of its own, and says nothing of it otherwise.
func TestConfirmationNamesCondition(t *testing.T) {
	p := store.Purchase{Title: "Camera Body", SellerName: "Harbor", Quantity: 1, Subtotal: 45000, Total: 45000,
		Currency: "USD", CardBrand: "visa", CardLast4: "4242", Mode: string(checkout.ModeSandbox)}
	if msg := confirmationMessage(p, "refurbished", nil); !strings.Contains(msg, "\nItem: «Camera Body»\nCondition: «refurbished»\n") {
		t.Errorf("dialog %q does not name the condition under the item", msg)
	}
	if msg := confirmationMessage(p, "", nil); strings.Contains(msg, "Condition") {
		t.Errorf("dialog %q names a condition for a new product", msg)
	}
}

// TestConditionOnOrders: an order says the condition of a line bought not new, as its
// quote said it: get_order, list_orders and the orders resource, in structuredContent
// (line.condition, lines[].condition) and in the text ("1 × «…» (condition «used»)"),
// for a purchase and for a checkout of a cart holding a used and a new product; the
// new product's lines say nothing, and an order whose lines were recorded before
// conditions were kept (no condition in them) says nothing either.
func TestConditionOnOrders(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	base := demoProduct(t, 1000, 4000)
	sellers, err := s.tb.Catalog.Sellers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	used := base
	used.ID, used.Title = "cond-used-2", "Kestrel Film Camera Strap"
	used.GroupID, used.GTIN = "", ""
	used.Attributes = map[string]string{"condition": "Refurbished"}
	fresh := used
	fresh.ID, fresh.Title, fresh.Attributes = "cond-new-2", "Kestrel Lens Cloth", map[string]string{"condition": "new"}
	if _, err := s.tb.Catalog.Upsert(ctx, sellers, []catalog.Product{used, fresh}); err != nil {
		t.Fatal(err)
	}
	c := s.client(t, nil, "2025-11-25")

	buy := func(id string) string {
		t.Helper()
		var out purchaseResult
		res := call(t, c, "purchase", map[string]any{"product_id": id}, &out)
		if out.Status == "confirmation_required" {
			res = call(t, c, "purchase", map[string]any{"quote_id": out.QuoteID}, &out)
		}
		if res.IsError || out.Status != "completed" {
			t.Fatalf("purchase %s: %s", id, text(res))
		}
		return out.OrderID
	}
	usedOrder, newOrder := buy(used.ID), buy(fresh.ID)
	for _, id := range []string{used.ID, fresh.ID} {
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": id}, nil); res.IsError {
			t.Fatal(text(res))
		}
	}
	var co checkoutResult
	res := call(t, c, "checkout", map[string]any{}, &co)
	if co.Status == "confirmation_required" {
		res = call(t, c, "checkout", map[string]any{"quote_id": co.QuoteID}, &co)
	}
	if res.IsError || len(co.Orders) != 1 || co.Orders[0].OrderID == "" {
		t.Fatalf("checkout: %s", text(res))
	}
	cartOrder := co.Orders[0].OrderID

	for _, tc := range []struct {
		name, order string
		want        map[string]string // condition by product id
	}{
		{"a used product bought alone", usedOrder, map[string]string{used.ID: "refurbished"}},
		{"a new product bought alone", newOrder, map[string]string{fresh.ID: ""}},
		{"a cart of both", cartOrder, map[string]string{used.ID: "refurbished", fresh.ID: ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got orderView
			res := call(t, c, "get_order", map[string]any{"order_id": tc.order}, &got)
			lines := map[string]string{}
			for _, l := range got.Lines {
				lines[l.ProductID] = l.Condition
			}
			if res.IsError || len(lines) != len(tc.want) || got.Line.Condition != tc.want[got.Line.ProductID] {
				t.Fatalf("get_order: %s / %+v", text(res), got)
			}
			for id, want := range tc.want {
				if lines[id] != want {
					t.Errorf("line %s: condition %q, want %q", id, lines[id], want)
				}
			}
			wantText := strings.Contains(fmt.Sprint(tc.want), "refurbished")
			if strings.Contains(text(res), "× «Kestrel Film Camera Strap» (condition «refurbished»)") != wantText || strings.Count(text(res), "condition") != map[bool]int{true: 1}[wantText] {
				t.Errorf("get_order text %q: want the condition said %v, once", text(res), wantText)
			}
		})
	}
	var list listOrdersResult
	res = call(t, c, "list_orders", map[string]any{}, &list)
	if res.IsError || len(list.Orders) != 3 || strings.Count(text(res), "(condition «refurbished»)") != 2 {
		t.Fatalf("list_orders: %s", text(res))
	}
	rr, err := c.ReadResource(ctx, mcp.ReadResourceRequest{Params: mcp.ReadResourceParams{URI: ordersURI}})
	var resource struct{ Orders []orderView }
	if err == nil && len(rr.Contents) == 1 {
		err = json.Unmarshal([]byte(rr.Contents[0].(mcp.TextResourceContents).Text), &resource)
	}
	shown := map[string]int{} // refurbished lines by order
	for _, o := range resource.Orders {
		for _, l := range o.Lines {
			if l.Condition == "refurbished" && l.ProductID == used.ID {
				shown[o.OrderID]++
			}
		}
	}
	if err != nil || len(resource.Orders) != 3 || len(shown) != 2 || shown[usedOrder] != 1 || shown[cartOrder] != 1 {
		t.Fatalf("orders resource: %v, refurbished lines by order %v", err, shown)
	}

	// Lines recorded before conditions were kept: nothing is said.
	o, err := s.tb.Store.Order(ctx, s.tb.Customer, usedOrder)
	if err != nil {
		t.Fatal(err)
	}
	for i := range o.Lines {
		o.Lines[i].Condition = ""
	}
	if v := viewOf(o, nil); v.Line.Condition != "" || strings.Contains(v.line(), "condition") {
		t.Errorf("an order recorded before: %q", v.line())
	}
}
