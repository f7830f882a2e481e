package tools

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestVariantPriceIsCharged: a product sold in variants at different prices (a
// jacket in S at $40, M at $55, L at $70; a coffee plan's 250 g bag and 1 kg bag) is
// bought in one variant by every way in: purchase below the confirmation threshold,
// confirmed by quote_id and in the dialog, a cart's checkout holding two variants, and
// subscribe. Each time the variant's own price is what is quoted and confirmed, what
// the Shared Payment Token allows and the seller's PaymentIntent charges, what the
// order records, and what get_order and list_orders show; never a sibling's.
func TestVariantPriceIsCharged(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	base := demoProduct(t, 1000, 20000)
	jacket := func(size string, cents int64) catalog.Product {
		p := base
		p.ID, p.GroupID, p.GTIN, p.Title = "JKT-"+size, "RAIN-JKT", "", "Packable Rain Jacket - "+size
		p.Attributes = map[string]string{"size": size, "color": "Navy"}
		p.Price.Amount = cents
		stock := int64(50)
		p.Stock, p.Availability = &stock, catalog.InStock
		return p
	}
	plan, err := s.tb.Catalog.Product(ctx, "ml-sub-0001")
	if err != nil {
		t.Fatal(err)
	}
	bag := func(id, size string, cents int64) catalog.Product {
		p := plan
		p.ID, p.GroupID, p.GTIN, p.Title = id, "BEANS-BAG", "", "House Blend Coffee Plan, "+size
		p.Attributes = map[string]string{"bag": size, "fulfillment": plan.Attributes["fulfillment"]}
		p.Price.Amount = cents
		return p
	}
	family := []catalog.Product{jacket("S", 4000), jacket("M", 5500), jacket("L", 7000),
		bag("BAG-250", "250 g", 1400), bag("BAG-1K", "1 kg", 4200)}
	if _, err := s.tb.Catalog.Upsert(ctx, nil, family); err != nil {
		t.Fatal(err)
	}
	unit := map[string]int64{}
	for _, p := range family {
		unit[p.ID] = p.Price.Amount
	}

	// bought is what one way in returned: the orders it made, the totals it quoted or
	// confirmed (by order id, "" when it is the only one) and the text the person read.
	type bought struct {
		orders []string
		quoted int64  // the total the person was shown before paying
		shown  string // what they were shown (summary or dialog)
	}
	accepting, dialog := s.answeringClient(t, accept(true), "2025-11-25")
	plain := s.client(t, nil, "2025-11-25")
	for _, tc := range []struct {
		name    string
		confirm int64          // the confirmation threshold, in cents
		want    map[string]int // product id → quantity bought
		buy     func(t *testing.T) bought
	}{
		{"purchase below the threshold", store.NoLimit, map[string]int{"JKT-M": 2}, func(t *testing.T) bought {
			var out purchaseResult
			if res := call(t, plain, "purchase", map[string]any{"product_id": "JKT-M", "quantity": 2}, &out); res.IsError || out.Status != "completed" {
				t.Fatalf("purchase: %s", text(res))
			}
			return bought{[]string{out.OrderID}, out.Totals.Total.Amount, out.Summary}
		}},
		{"purchase confirmed by quote_id", 0, map[string]int{"JKT-L": 1}, func(t *testing.T) bought {
			var q, out purchaseResult
			if res := call(t, plain, "purchase", map[string]any{"product_id": "JKT-L"}, &q); res.IsError || q.Status != "confirmation_required" {
				t.Fatalf("quote: %s", text(res))
			}
			if q.Line.UnitPrice.Amount != unit["JKT-L"] {
				t.Errorf("the quote's unit price is %d, want the L's %d", q.Line.UnitPrice.Amount, unit["JKT-L"])
			}
			if res := call(t, plain, "purchase", map[string]any{"quote_id": q.QuoteID}, &out); res.IsError || out.Status != "completed" {
				t.Fatalf("confirm: %s", text(res))
			}
			if out.Totals.Total.Amount != q.Totals.Total.Amount {
				t.Errorf("confirmed %s, charged %s", q.Totals.Total.Display, out.Totals.Total.Display)
			}
			return bought{[]string{out.OrderID}, q.Totals.Total.Amount, q.Summary}
		}},
		{"purchase confirmed in the dialog", 0, map[string]int{"JKT-S": 1}, func(t *testing.T) bought {
			var out purchaseResult
			if res := call(t, accepting, "purchase", map[string]any{"product_id": "JKT-S"}, &out); res.IsError || out.Status != "completed" {
				t.Fatalf("purchase: %s", text(res))
			}
			return bought{[]string{out.OrderID}, out.Totals.Total.Amount, dialog()}
		}},
		{"a cart's checkout of two variants", 0, map[string]int{"JKT-S": 1, "JKT-L": 3}, func(t *testing.T) bought {
			for id, n := range map[string]int{"JKT-S": 1, "JKT-L": 3} {
				if res := call(t, plain, "add_to_cart", map[string]any{"product_id": id, "quantity": n}, nil); res.IsError {
					t.Fatalf("add_to_cart %s: %s", id, text(res))
				}
			}
			var q, out checkoutResult
			if res := call(t, plain, "checkout", nil, &q); res.IsError || q.Status != "confirmation_required" {
				t.Fatalf("checkout quote: %s", text(res))
			}
			for _, so := range q.Orders {
				for _, l := range so.Lines {
					if l.UnitPrice.Amount != unit[l.ProductID] {
						t.Errorf("the checkout quotes %s at %d, want %d", l.ProductID, l.UnitPrice.Amount, unit[l.ProductID])
					}
				}
			}
			if res := call(t, plain, "checkout", map[string]any{"quote_id": q.QuoteID}, &out); res.IsError || out.Status != "completed" {
				t.Fatalf("checkout: %s", text(res))
			}
			var ids []string
			for _, so := range out.Orders {
				ids = append(ids, so.OrderID)
			}
			return bought{ids, q.Total.Amount, q.Summary}
		}},
		{"subscribe", 0, map[string]int{"BAG-1K": 1}, func(t *testing.T) bought {
			var q, out subscribeResult
			if res := call(t, plain, "subscribe", map[string]any{"product_id": "BAG-1K"}, &q); res.IsError || q.Status != "confirmation_required" {
				t.Fatalf("subscribe quote: %s", text(res))
			}
			if res := call(t, plain, "subscribe", map[string]any{"quote_id": q.QuoteID}, &out); res.IsError || out.FirstCharge == nil || out.FirstCharge.OrderID == "" {
				t.Fatalf("subscribe: %s", text(res))
			}
			if out.Subscription.PricePerCycle.Amount != q.Subscription.PricePerCycle.Amount {
				t.Errorf("quoted %s a cycle, subscribed at %s", q.Subscription.PricePerCycle.Display, out.Subscription.PricePerCycle.Display)
			}
			return bought{[]string{out.FirstCharge.OrderID}, q.Subscription.PricePerCycle.Amount, q.Summary}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.setRules(t, store.NoLimit, store.NoLimit, tc.confirm)
			intents, tokens := len(s.sb.Stripe.PaymentIntents()), map[string]bool{}
			for _, tk := range s.sb.Stripe.Tokens() {
				tokens[tk.ID] = true
			}
			b := tc.buy(t)
			var sum int64
			got := map[string]int{}
			for _, id := range b.orders {
				o, err := s.tb.Store.Order(ctx, s.tb.Customer, id)
				if err != nil {
					t.Fatal(err)
				}
				var sub int64
				for _, l := range o.Lines {
					got[l.ProductID] += l.Quantity
					if l.UnitAmount != unit[l.ProductID] || l.Amount != l.UnitAmount*int64(l.Quantity) {
						t.Errorf("order %s records %d × %s at %d (%d), want %d each", id, l.Quantity, l.ProductID, l.UnitAmount, l.Amount, unit[l.ProductID])
					}
					sub += l.Amount
				}
				if o.Subtotal != sub || o.Total != o.Subtotal+o.Shipping+o.Tax {
					t.Errorf("order %s totals %d + %d + %d = %d, lines %d", id, o.Subtotal, o.Shipping, o.Tax, o.Total, sub)
				}
				sum += o.Total
				// What the person reads back: get_order and list_orders.
				var g orderView
				res := call(t, plain, "get_order", map[string]any{"order_id": id}, &g)
				if res.IsError {
					t.Fatalf("get_order: %s", text(res))
				}
				var list listOrdersResult
				call(t, plain, "list_orders", map[string]any{"limit": 50}, &list)
				for _, v := range append([]orderView{g}, findOrder(list.Orders, id)...) {
					if v.Totals.Total.Amount != o.Total || v.Totals.Subtotal.Amount != o.Subtotal {
						t.Errorf("order %s shown at %s (items %s), recorded %d", id, v.Totals.Total.Display, v.Totals.Subtotal.Display, o.Total)
					}
					for _, l := range v.Lines {
						if l.UnitPrice.Amount != unit[l.ProductID] {
							t.Errorf("order %s shows %s at %s, want %d", id, l.ProductID, l.UnitPrice.Display, unit[l.ProductID])
						}
					}
				}
				if len(findOrder(list.Orders, id)) != 1 {
					t.Errorf("list_orders does not list %s", id)
				}
				if want := fmtMoney(o.Total, o.Currency); !strings.Contains(text(res), want) {
					t.Errorf("get_order's text does not say the total %s", want)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("bought %v, want %v", got, tc.want)
			}
			for id, n := range tc.want {
				if got[id] != n {
					t.Errorf("bought %v, want %v", got, tc.want)
				}
			}
			if b.quoted != sum {
				t.Errorf("the person was shown a total of %d, the orders total %d", b.quoted, sum)
			}
			if want := fmtMoney(sum, "USD"); !strings.Contains(b.shown, want) {
				t.Errorf("what the person confirmed does not say %s:\n%s", want, b.shown)
			}
			// What Stripe saw: one token per seller order allowing its total, and the
			// seller's PaymentIntent charging exactly that.
			var charged, allowed int64
			for _, pi := range s.sb.Stripe.PaymentIntents()[intents:] {
				if pi.Status == "succeeded" {
					charged += pi.AmountReceived
				}
			}
			for _, tk := range s.sb.Stripe.Tokens() {
				if !tokens[tk.ID] {
					allowed += tk.MaxAmount
				}
			}
			if charged != sum || allowed != sum {
				t.Errorf("Stripe charged %d with tokens allowing %d; the orders total %d", charged, allowed, sum)
			}
		})
	}
}

// findOrder is the order with id among orders (none or one).
func findOrder(orders []orderView, id string) []orderView {
	for _, o := range orders {
		if o.OrderID == id {
			return []orderView{o}
		}
	}
	return nil
}
