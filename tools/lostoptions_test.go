package tools

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// TestCutTitleKeepsOptions: a shoe whose long title says its size and width in the
// middle, which the cut for a confirmation takes out, is quoted and asked in the
// dialog with the family's option values the cut title lost (size «10», width «Wide»),
// not those it still shows (the colour at its end); a sibling with a short title, and
// a product with no family, get none.
func TestCutTitleKeepsOptions(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	s.setRules(t, store.NoLimit, store.NoLimit, 0) // every purchase asks the person
	base := demoProduct(t, 1000, 20000)
	shoe := func(id, size, width, title string) catalog.Product {
		p := base
		p.ID, p.GroupID, p.GTIN, p.Brand, p.Title = id, "GHOST15", "", "Brooks", title
		p.Attributes = map[string]string{"size": size, "width": width, "color": "Black/Pink", "material": "Mesh"}
		return p
	}
	long := func(size, width string) string {
		return "Brooks Women's Ghost 15 Neutral Running Shoe - Size " + size + ", " + width + " - Breathable Mesh Upper, DNA LOFT Cushioning - Black/Pink"
	}
	alone := base
	alone.ID, alone.GroupID, alone.GTIN, alone.Title = "LONE-1", "", "", long("10", "Wide")
	alone.Attributes = map[string]string{"size": "10"}
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{
		shoe("GH15-10W", "10", "Wide", long("10", "Wide")), shoe("GH15-10M", "10", "Medium", long("10", "Medium")),
		shoe("GH15-9W", "9", "Wide", "Brooks Ghost 15, Size 9, Wide"), alone,
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, id, want string
	}{
		{"the cut took size and width out", "GH15-10W", "(size «10», width «Wide»)"},
		{"a short title shows them", "GH15-9W", ""},
		{"no family", "LONE-1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out purchaseResult
			res := call(t, s.client(t, nil, "2025-11-25"), "purchase", map[string]any{"product_id": tc.id}, &out)
			if res.IsError {
				t.Fatalf("purchase: %s", text(res))
			}
			has := strings.Contains(out.Summary, "» (size «")
			if tc.want != "" && !strings.Contains(out.Summary, "» "+tc.want+" from ") || tc.want == "" && has {
				t.Fatalf("summary %q, want %q after the title", out.Summary, tc.want)
			}
			if strings.Contains(out.Summary, "color «") {
				t.Errorf("summary %q names the colour its title shows", out.Summary)
			}
		})
	}
	t.Run("the cart's checkout", func(t *testing.T) {
		c := s.client(t, nil, "2025-11-25")
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": "GH15-10W", "quantity": 1}, nil); res.IsError {
			t.Fatalf("add_to_cart: %s", text(res))
		}
		res := call(t, c, "checkout", nil, nil)
		if res.IsError || !strings.Contains(text(res), "Black/Pink» (size «10», width «Wide») at ") {
			t.Fatalf("checkout: %s", text(res))
		}
		call(t, c, "clear_cart", nil, nil)
	})
	t.Run("the dialog", func(t *testing.T) {
		msg := declinedDialog(t, s, "purchase", map[string]any{"product_id": "GH15-10W"})
		if !strings.Contains(msg, "LOFT Cushioning - Black/Pink»\nSize: «10»\nWidth: «Wide»\nQuantity: 1\n") {
			t.Errorf("the dialog does not name the size and width after the cut title:\n%s", msg)
		}
	})
	t.Run("the cancellation dialog", func(t *testing.T) {
		c := s.client(t, nil, "2025-11-25")
		var q, done purchaseResult
		call(t, c, "purchase", map[string]any{"product_id": "GH15-10W"}, &q)
		if res := call(t, c, "purchase", map[string]any{"quote_id": q.QuoteID}, &done); res.IsError || done.OrderID == "" {
			t.Fatalf("purchase: %s", text(res))
		}
		msg := declinedDialog(t, s, "cancel_order", map[string]any{"order_id": done.OrderID})
		if !strings.Contains(msg, "LOFT Cushioning - Black/Pink» (size «10», width «Wide»)\n") {
			t.Errorf("the cancellation dialog does not name the size and width after the cut title:\n%s", msg)
		}
	})
}

// TestSubscriptionCutTitleKeepsOptions: a coffee plan whose long title says its grind in
// the middle, which the cut takes out, is confirmed with the grind said after the cut
// title: in subscribe's quote summary and dialog, in resume_subscription's new-price
// summary, in change_subscription's quote summary and dialog, and in the subscription's
// line (subscribe's, list_subscriptions', pause_subscription's); a sibling with a
// short title gets none (its title shows the grind).
func TestSubscriptionCutTitleKeepsOptions(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	base, err := s.tb.Catalog.Product(ctx, "ml-sub-0001")
	if err != nil {
		t.Fatal(err)
	}
	plan := func(id, grind, title string) catalog.Product {
		p := base
		p.ID, p.GroupID, p.GTIN, p.Title = id, "BEANS-ETH", "", title
		p.Attributes = map[string]string{"grind": grind, "roast": "Light", "bag": "250g, 1kg", catalog.AttrChoices: "bag"}
		return p
	}
	long := func(grind string) string {
		return "Northfield Roasters Single-Origin Ethiopia Yirgacheffe Coffee - " + grind + " - Light Roast, Floral and Citrus Notes, Roasted to Order"
	}
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{
		plan("BEANS-WB", "Whole Bean", long("Whole Bean")), plan("BEANS-GR", "Ground", long("Ground")),
		plan("BEANS-SHORT", "Espresso", "Ethiopia Coffee, Espresso"),
	}); err != nil {
		t.Fatal(err)
	}
	const lost = "» (grind «Whole Bean») (bag «1kg») from "
	c := s.client(t, nil, "2025-11-25")
	var q, sub subscribeResult
	t.Run("subscribe's summary", func(t *testing.T) {
		if res := call(t, c, "subscribe", map[string]any{"product_id": "BEANS-WB", "choices": map[string]any{"bag": "1kg"}}, &q); res.IsError || !strings.Contains(q.Summary, lost) {
			t.Fatalf("summary %q (%s), want %q", q.Summary, text(res), lost)
		}
	})
	t.Run("a short title shows the grind", func(t *testing.T) {
		var short subscribeResult
		if res := call(t, c, "subscribe", map[string]any{"product_id": "BEANS-SHORT", "choices": map[string]any{"bag": "1kg"}}, &short); res.IsError || strings.Contains(short.Summary, "grind «") {
			t.Fatalf("summary %q (%s) names the grind its title shows", short.Summary, text(res))
		}
	})
	t.Run("subscribe's dialog", func(t *testing.T) {
		msg := declinedDialog(t, s, "subscribe", map[string]any{"product_id": "BEANS-WB", "choices": map[string]any{"bag": "1kg"}})
		if !strings.Contains(msg, "Roasted to Order»\nGrind: «Whole Bean»\nQuantity: 1 each cycle\n") {
			t.Errorf("the dialog does not name the grind after the cut title:\n%s", msg)
		}
	})
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" {
		t.Fatalf("subscribe: %s", text(res))
	}
	id := sub.Subscription.ID
	t.Run("change_subscription's summary", func(t *testing.T) {
		var ch changeSubscriptionResult
		res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"bag": "250g"}}, &ch)
		if res.IsError || !strings.Contains(ch.Summary, "Roasted to Order» (grind «Whole Bean») from ") {
			t.Fatalf("summary %q (%s)", ch.Summary, text(res))
		}
	})
	t.Run("change_subscription's dialog", func(t *testing.T) {
		msg := declinedDialog(t, s, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"bag": "250g"}})
		if !strings.Contains(msg, "Roasted to Order»\nGrind: «Whole Bean»\nQuantity: 1 each cycle\n") {
			t.Errorf("the dialog does not name the grind after the cut title:\n%s", msg)
		}
	})
	t.Run("the subscription's line", func(t *testing.T) {
		// subscribe's "Subscribed: …" above, list_subscriptions and pause_subscription
		// name it in one line each.
		for _, text := range []string{sub.Summary, text(call(t, c, "list_subscriptions", nil, nil)),
			text(call(t, c, "pause_subscription", map[string]any{"subscription_id": id}, nil))} {
			if !strings.Contains(text, "Roasted to Order» (grind «Whole Bean») (bag «1kg») from ") {
				t.Errorf("the line does not name the grind after the cut title: %s", text)
			}
		}
	})
	t.Run("resume_subscription's new price", func(t *testing.T) {
		u, err := s.tb.Store.Subscription(ctx, s.tb.Customer, id)
		if err != nil {
			t.Fatal(err)
		}
		params, err := json.Marshal(checkout.RefusalParams{Amount: u.Amount + 500, Currency: u.Currency, QuotedAmount: u.Amount, QuotedCurrency: u.Currency})
		if err != nil {
			t.Fatal(err)
		}
		u.State, u.QuoteID, u.PauseCode, u.PauseParams = store.SubscriptionPaused, "qs_1", string(checkout.RefusalPriceChanged), string(params)
		res := s.tb.subscribeResult(ctx, checkout.SubscriptionOutcome{Status: checkout.StatusConfirmationRequired, Subscription: u}, "")
		if !strings.Contains(text(res), "Resume "+id+": 1 × «") || !strings.Contains(text(res), "Roasted to Order» (grind «Whole Bean») (bag «1kg») from ") {
			t.Errorf("resume summary %q", text(res))
		}
	})
}

// declinedDialog calls tool with args from a client whose person declines every dialog
// and returns the message of the last dialog the call showed ("" when none).
func declinedDialog(t *testing.T, s *storefront, tool string, args map[string]any) string {
	t.Helper()
	c, asked := s.answeringClient(t, &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, "2025-11-25")
	call(t, c, tool, args, nil)
	return asked()
}

// answeringClient connects a client whose person answers every dialog with answer,
// in protocol era version; asked returns the message of the last dialog it was shown
// ("" when none).
func (s *storefront) answeringClient(t testing.TB, answer *mcp.ElicitationResult, version string) (c *client.Client, asked func() string) {
	t.Helper()
	var (
		mu  sync.Mutex
		msg string
	)
	c = s.clientWith(t, elicitFunc(func(_ context.Context, r mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
		mu.Lock()
		defer mu.Unlock()
		msg = r.Params.Message
		return answer, nil
	}), version)
	return c, func() string {
		mu.Lock()
		defer mu.Unlock()
		return msg
	}
}

// longShoes puts in s's catalog a shoe family whose titles are longer than an order's
// text shows (orderTitleCap) and say the size and width where its middle cut takes
// them out, and a sibling whose title is short enough to show them; it returns their
// ids.
func longShoes(t *testing.T, s *storefront) (cut, short string) {
	t.Helper()
	base := demoProduct(t, 1000, 20000)
	shoe := func(id, size, width, title string) catalog.Product {
		p := base
		p.ID, p.GroupID, p.GTIN, p.Brand, p.Title = id, "GHOST15-LONG", "", "Brooks", title
		p.Attributes = map[string]string{"size": size, "width": width, "color": "Black/Pink"}
		return p
	}
	long := func(size, width string) string {
		return "Brooks Women's Ghost 15 Neutral Running Shoe with Breathable Engineered Mesh Upper, DNA LOFT v2 Cushioning, " +
			"Segmented Crash Pad, Rubber Outsole and Reflective Details for Everyday Road Running - Size " + size + ", " + width +
			" - Black/Pink, Women's Standard Lacing"
	}
	if _, err := s.tb.Catalog.Upsert(context.Background(), nil, []catalog.Product{
		shoe("GHL-10W", "10", "Wide", long("10", "Wide")), shoe("GHL-10M", "10", "Medium", long("10", "Medium")),
		shoe("GHL-9W", "9", "Wide", "Brooks Ghost 15, Size 9, Wide"),
	}); err != nil {
		t.Fatal(err)
	}
	return "GHL-10W", "GHL-9W"
}

// TestOrderViewsKeepOptions: an order of a shoe whose title is longer than an order's
// text shows is named in get_order, list_orders and cancel_order's result with its
// title cut in the middle (its end kept) and the size and width the cut took out said
// after it; an order of its sibling with a short title says nothing more (the exact
// words are golden: TestGoldenResults' *_cut_title files).
func TestOrderViewsKeepOptions(t *testing.T) {
	s := newStorefront(t)
	s.setRules(t, store.NoLimit, store.NoLimit, store.NoLimit)
	cut, short := longShoes(t, s)
	c := s.client(t, nil, "2025-11-25")
	buy := func(id string) string {
		t.Helper()
		var out purchaseResult
		if res := call(t, c, "purchase", map[string]any{"product_id": id}, &out); res.IsError || out.OrderID == "" {
			t.Fatalf("purchase %s: %s", id, text(res))
		}
		return out.OrderID
	}
	const lost = "Standard Lacing» (size «10», width «Wide») from "
	for _, tc := range []struct {
		name, product string
		want          bool
	}{
		{"the cut took size and width out", cut, true},
		{"a short title shows them", short, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			order := buy(tc.product)
			for _, tool := range []string{"get_order", "list_orders", "cancel_order"} {
				args := map[string]any{"order_id": order}
				if tool == "list_orders" {
					args = map[string]any{"limit": 1}
				}
				got := text(call(t, c, tool, args, nil))
				if strings.Contains(got, lost) != tc.want || !tc.want && strings.Contains(got, "» (size «") {
					t.Errorf("%s says %q; want %q after the title: %v", tool, got, lost, tc.want)
				}
				if tc.product == cut && !strings.Contains(got, " … Women's Standard Lacing»") {
					t.Errorf("%s does not keep the title's end: %q", tool, got)
				}
			}
		})
	}
}
