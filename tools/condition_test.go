package tools

import (
	"context"
	"strings"
	"testing"

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
	if msg := confirmationMessage(p, "refurbished"); !strings.Contains(msg, "\nItem: «Camera Body»\nCondition: «refurbished»\n") {
		t.Errorf("dialog %q does not name the condition under the item", msg)
	}
	if msg := confirmationMessage(p, ""); strings.Contains(msg, "Condition") {
		t.Errorf("dialog %q names a condition for a new product", msg)
	}
}
