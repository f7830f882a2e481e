package tools

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestGoldenChargedNoOrder: a seller that charges the card and then forgets the
// session (a restart) has purchase, get_order and cancel_order say that Stripe shows
// the card charged and the seller has no order, never "nothing was charged"; the
// operator's filter finds the order. The results are golden files, as in
// TestGoldenResults.
func TestGoldenChargedNoOrder(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var forgot atomic.Bool
	forgetful := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !forgot.Load() && !(r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete")) {
				h.ServeHTTP(w, r)
				return
			}
			if !forgot.Load() {
				h.ServeHTTP(httptest.NewRecorder(), r) // charges, and the answer is lost
				forgot.Store(true)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"type":"invalid_request","code":"not_found","message":"no such checkout session"}`)
		})
	}
	s := newStorefrontWith(t, sandbox.Options{Now: func() time.Time { return now }, SellerMiddleware: forgetful})
	c := s.client(t, nil, "2025-11-25")
	ids := idNormaliser{}
	var results []string
	step := func(name, tool string, args map[string]any) string {
		t.Helper()
		res := call(t, c, tool, args, nil)
		goldenResult(t, name, res, ids)
		b, _ := json.Marshal(res)
		results = append(results, string(b))
		if !res.IsError && tool != "get_order" {
			t.Errorf("%s: not an error: %s", name, text(res))
		}
		got := text(res)
		if !strings.Contains(got, "Stripe shows the card was charged $") || strings.Contains(strings.ToLower(got), "nothing was charged") {
			t.Errorf("%s says %q; want that Stripe shows the card charged, and never nothing charged", name, got)
		}
		return got
	}
	step("purchase_charged_no_order", "purchase", map[string]any{"product_id": "nw-actv-0001"})
	var list listOrdersResult
	call(t, c, "list_orders", map[string]any{"status": "charged_no_order"}, &list)
	if len(list.Orders) != 1 || list.Orders[0].Status != "charged_no_order" {
		t.Fatalf("list_orders(charged_no_order) = %+v; want the one order", list.Orders)
	}
	step("get_order_charged_no_order", "get_order", map[string]any{"order_id": list.Orders[0].OrderID})
	step("cancel_order_charged_no_order", "cancel_order", map[string]any{"order_id": list.Orders[0].OrderID})
	all := strings.Join(results, "\n") + "\n" + s.logs.String()
	for _, m := range secretMarks {
		if i := strings.Index(all, m); i >= 0 {
			t.Errorf("secret-looking %q in results or logs: …%s…", m, all[max(0, i-80):min(len(all), i+40)])
		}
	}
}

// TestCheckoutResultChargedNoOrder: a checkout with a seller order that Stripe shows
// charged with no seller order never says nothing was charged for it, whatever the
// other seller orders did.
func TestCheckoutResultChargedNoOrder(t *testing.T) {
	charged := checkout.SellerOrder{
		Purchase: store.Purchase{SellerID: "acme", SellerName: "Acme", Currency: "USD", Total: 2599, CardBrand: "visa", CardLast4: "4242"},
		Refusal: &checkout.Refusal{Code: checkout.RefusalChargedNoOrder, OrderID: "ord_c",
			Params: checkout.RefusalParams{Seller: "Acme", Amount: 2599, Currency: "USD", OrderID: "ord_c"}},
	}
	placed := checkout.SellerOrder{Status: checkout.StatusCompleted, Order: &store.Order{ID: "ord_p"},
		Purchase: store.Purchase{SellerID: "zeta", SellerName: "Zeta", Currency: "USD", Total: 1000}}
	refused := checkout.SellerOrder{Purchase: store.Purchase{SellerID: "omega", SellerName: "Omega", Currency: "USD"},
		Refusal: &checkout.Refusal{Code: checkout.RefusalOutOfStock, Params: checkout.RefusalParams{Seller: "Omega", Title: "Tent"}}}
	tb := &Toolbox{}
	for _, tc := range []struct {
		name   string
		status checkout.CheckoutStatus
		orders []checkout.SellerOrder
		says   []string
	}{
		{"partial", checkout.CheckoutPartial, []checkout.SellerOrder{placed, charged}, []string{"1 seller order placed ($10.00 in total", "But for 1 seller order Stripe shows the card"}},
		{"partial with a refusal", checkout.CheckoutPartial, []checkout.SellerOrder{placed, charged, refused}, []string{"1 refused with nothing charged for it.", "But for 1 seller order Stripe"}},
		{"nothing placed", checkout.CheckoutNothingBought, []checkout.SellerOrder{charged, refused}, []string{"Nothing was bought: no seller placed an order. 1 refused", "Stripe shows the card (Visa •••• 4242) charged"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tb.checkoutResult(context.Background(), checkout.CheckoutOutcome{Status: tc.status,
				Checkout: store.Checkout{ID: "chk_1", Mode: "sandbox", Currency: "USD"}, Orders: tc.orders}, "")
			got := text(res)
			for _, s := range tc.says {
				if !strings.Contains(got, s) {
					t.Errorf("%q lacks %q", got, s)
				}
			}
			if !strings.Contains(got, "taken out of the cart, since buying them again would charge again") {
				t.Errorf("%q: want the charged seller order's lines said taken out of the cart", got)
			}
			if strings.Contains(got, "Nothing was bought and nothing was charged") || !strings.Contains(got, "«Acme» — not bought, yet charged: Stripe shows the card was charged $25.99") {
				t.Errorf("%q: want the charged seller order said charged, and no 'nothing was charged' for the whole", got)
			}
			var r checkoutResult
			b, _ := json.Marshal(res.StructuredContent)
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, o := range r.Orders {
				if o.Status == "charged_no_order" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("structured %s: want one seller order with status charged_no_order", b)
			}
		})
	}
}

// TestPausedRenewalChargedNoOrder: a subscription paused because a renewal ended
// charged with no seller order says that Stripe shows it charged, not that it could
// not be paid, and warns that resuming charges the cycle again.
func TestPausedRenewalChargedNoOrder(t *testing.T) {
	u := store.Subscription{ID: "sub_1", State: store.SubscriptionPaused, Title: "API plan", SellerName: "Acme", Quantity: 1,
		Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Mode: "sandbox",
		PauseCode: string(checkout.RefusalChargedNoOrder), PauseParams: `{"seller":"Acme","amount":2900,"currency":"USD","order_id":"ord_r"}`}
	got := subscriptionOf(u, nil).PausedReason
	for _, s := range []string{"Stripe shows charged", "Stripe shows the card was charged $29.00", "order ord_r", "Resuming it charges that cycle again"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q lacks %q", got, s)
		}
	}
	if l := strings.ToLower(got); strings.Contains(l, "could not be paid") || strings.Contains(l, "nothing was charged") {
		t.Errorf("%q says it was not paid", got)
	}
}

// A subscription kept paused after its charged_no_order renewal's order turned up
// late (the person had asked to cancel it, say) says that cycle was paid and that
// resuming charges the next cycle — never that the seller has no order or that
// resuming charges that cycle again.
func TestPausedRenewalPaidLate(t *testing.T) {
	u := store.Subscription{ID: "sub_1", State: store.SubscriptionPaused, Title: "API plan", SellerName: "Acme", Quantity: 1,
		Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Mode: "sandbox",
		PauseCode: string(checkout.RefusalRenewalPaidLate), PauseParams: `{"seller":"Acme","order_id":"ord_r"}`}
	got := subscriptionOf(u, nil).PausedReason
	for _, s := range []string{"order ord_r", "paid that cycle", "«Acme»", "charges the next cycle"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q lacks %q", got, s)
		}
	}
	for _, never := range []string{"has no order", "charges that cycle again", "could not be paid", "nothing was charged"} {
		if strings.Contains(strings.ToLower(got), never) {
			t.Errorf("%q says %q", got, never)
		}
	}
}

// TestCheckoutResultWords: a checkout's lead counts its seller orders in words that
// agree with the number ("1 seller order", never "1 seller orders"), and a seller order
// with no order yet (its checkout still being prepared) names no empty order id.
func TestCheckoutResultWords(t *testing.T) {
	placed := func(id, seller string) checkout.SellerOrder {
		return checkout.SellerOrder{Status: checkout.StatusCompleted, Order: &store.Order{ID: id},
			Purchase: store.Purchase{SellerID: seller, SellerName: seller, Currency: "USD", Total: 1000, CardBrand: "visa", CardLast4: "4242"}}
	}
	preparing := checkout.SellerOrder{Status: checkout.StatusPending,
		Purchase: store.Purchase{SellerID: "acme", SellerName: "Acme", Currency: "USD", Lines: []store.Line{{ProductID: "p1", Title: "Tent", Quantity: 1, UnitAmount: 1000}}}}
	refused := func(seller string) checkout.SellerOrder {
		return checkout.SellerOrder{Purchase: store.Purchase{SellerID: seller, SellerName: seller, Currency: "USD"},
			Refusal: &checkout.Refusal{Code: checkout.RefusalOutOfStock, Params: checkout.RefusalParams{Seller: seller, Title: "Tent"}}}
	}
	tb := &Toolbox{}
	for _, tc := range []struct {
		name   string
		status checkout.CheckoutStatus
		state  store.CheckoutState
		orders []checkout.SellerOrder
		says   []string
		never  string
	}{
		{"being prepared", checkout.CheckoutPending, store.CheckoutOpen, []checkout.SellerOrder{preparing},
			[]string{"Checkout still being prepared: nothing has been charged for it yet.", "From «Acme» — no order yet, being prepared\n- 1 × «Tent»"}, "get_order with the order ids"},
		{"one seller bought", checkout.CheckoutCompleted, store.CheckoutDone, []checkout.SellerOrder{placed("ord_a", "acme")},
			[]string{"Bought the cart: 1 seller order placed, $10.00 in total"}, "1 seller orders"},
		{"two sellers bought", checkout.CheckoutCompleted, store.CheckoutDone, []checkout.SellerOrder{placed("ord_a", "acme"), placed("ord_z", "zeta")},
			[]string{"Bought the cart: 2 seller orders placed, $20.00 in total"}, ""},
		{"one refused", checkout.CheckoutPartial, store.CheckoutDone, []checkout.SellerOrder{placed("ord_a", "acme"), refused("zeta")},
			[]string{"1 seller order placed", "1 refused with nothing charged for it;"}, "for them"},
		{"two refused", checkout.CheckoutPartial, store.CheckoutDone, []checkout.SellerOrder{placed("ord_a", "acme"), refused("zeta"), refused("omega")},
			[]string{"2 refused with nothing charged for them;"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tb.checkoutResult(context.Background(), checkout.CheckoutOutcome{Status: tc.status,
				Checkout: store.Checkout{ID: "chk_1", Mode: "sandbox", Currency: "USD", State: tc.state}, Orders: tc.orders}, "")
			got := text(res)
			for _, s := range tc.says {
				if !strings.Contains(got, s) {
					t.Errorf("%q lacks %q", got, s)
				}
			}
			if tc.never != "" && strings.Contains(got, tc.never) {
				t.Errorf("%q says %q", got, tc.never)
			}
		})
	}
}
