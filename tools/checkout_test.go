package tools

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The cart and checkout through an MCP client: one confirmation for a two-seller
// basket, in a dialog (both protocol eras) or by quote_id; a declined dialog buys
// nothing; bought lines leave the cart.
func TestCheckoutTool(t *testing.T) {
	tests := []struct {
		name    string
		answer  *mcp.ElicitationResult
		version string
		want    string // "completed", or a fragment of the error
	}{
		{"by quote_id", nil, "2025-11-25", "completed"},
		{"dialog, legacy era", accept(true), "2025-11-25", "completed"},
		{"dialog, modern era", accept(true), "", "completed"},
		{"declined", &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, "", "declined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, tt.answer, tt.version)
			for _, id := range []string{"hh-cof-0004", "cy-hp-0001"} {
				if res := call(t, c, "add_to_cart", map[string]any{"product_id": id, "quantity": 2}, nil); res.IsError {
					t.Fatalf("add_to_cart: %s", text(res))
				}
			}
			var out checkoutResult
			res := call(t, c, "checkout", nil, &out)
			if tt.answer == nil {
				if res.IsError || out.Status != "confirmation_required" || out.QuoteID == "" || len(out.Orders) != 2 || s.charges() != 0 {
					t.Fatalf("quote: %s / %+v", text(res), out)
				}
				res = call(t, c, "checkout", map[string]any{"quote_id": out.QuoteID}, &out)
			}
			var cart cartResult
			call(t, c, "view_cart", nil, &cart)
			if tt.want != "completed" {
				if !res.IsError || !strings.Contains(text(res), tt.want) || s.charges() != 0 || cart.Lines != 2 {
					t.Fatalf("got %s, %d charges, %d lines left; want %q, nothing charged, the cart kept", text(res), s.charges(), cart.Lines, tt.want)
				}
				return
			}
			if res.IsError || out.Status != "completed" || len(out.Orders) != 2 || s.charges() != 2 || out.DeliverTo == nil {
				t.Fatalf("checkout: %s / %+v, %d charges", text(res), out, s.charges())
			}
			for _, o := range out.Orders {
				if o.Status != "completed" || o.OrderID == "" || len(o.Lines) != 1 || o.Totals == nil || o.Fulfillment == nil {
					t.Errorf("seller order %+v", o)
				}
				var got orderView
				if r := call(t, c, "get_order", map[string]any{"order_id": o.OrderID}, &got); r.IsError || len(got.Lines) != 1 || got.Fulfillment == nil {
					t.Errorf("get_order %s: %s", o.OrderID, text(r))
				}
			}
			if cart.Lines != 0 {
				t.Errorf("%d lines left in the cart after buying it", cart.Lines)
			}
		})
	}
}

// The person who empties the cart does not want its lines: clear_cart (or update_cart
// removing the last line) while a quote of the cart awaits confirmation says that the
// quote is canceled, and confirming it then buys nothing, refused in its own words (not
// "replaced by a newer checkout"); a product added since waits in the cart.
func TestEmptyingCartCancelsItsQuote(t *testing.T) {
	for _, tc := range []struct {
		name, tool string
		args       map[string]any
	}{
		{"clear_cart", "clear_cart", nil},
		{"update_cart to 0", "update_cart", map[string]any{"product_id": "hh-cof-0004", "quantity": 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			if res := call(t, c, "add_to_cart", map[string]any{"product_id": "hh-cof-0004", "quantity": 3}, nil); res.IsError {
				t.Fatalf("add_to_cart: %s", text(res))
			}
			var quote checkoutResult
			if res := call(t, c, "checkout", nil, &quote); res.IsError || quote.QuoteID == "" {
				t.Fatalf("quote: %s", text(res))
			}
			res := call(t, c, tc.tool, tc.args, nil)
			want := "The checkout quote " + quote.QuoteID + " of the cart, which awaited confirmation, is canceled: confirming it now buys nothing. Nothing was charged."
			if got := text(res); res.IsError || !strings.Contains(got, want) {
				t.Fatalf("%s: %q, want it to say %q", tc.tool, got, want)
			}
			if res := call(t, c, "add_to_cart", map[string]any{"product_id": "cy-hp-0001"}, nil); res.IsError {
				t.Fatalf("add_to_cart: %s", text(res))
			}
			for range 2 {
				res = call(t, c, "checkout", map[string]any{"quote_id": quote.QuoteID}, nil)
				got := text(res)
				if !res.IsError || !strings.Contains(got, "The cart was emptied after this checkout began") || strings.Contains(got, "newer checkout") {
					t.Errorf("confirming: %q, want the emptied cart's refusal", got)
				}
			}
			if s.charges() != 0 {
				t.Errorf("%d charges, want none", s.charges())
			}
			var cart cartResult
			if call(t, c, "view_cart", nil, &cart); cart.Lines != 1 || cart.Sellers[0].Lines[0].ProductID != "cy-hp-0001" {
				t.Errorf("cart %+v, want only cy-hp-0001", cart)
			}
		})
	}
}

// TestEmptiedText: what clear_cart and update_cart say about the checkout of the cart
// they emptied. A paying checkout was approved (below the threshold, without a
// confirmation) and each of its orders ends as it would have; its words must not
// promise that the orders go through.
func TestEmptiedText(t *testing.T) {
	for _, tc := range []struct {
		name      string
		e         store.Emptied
		want, not []string
	}{
		{"no checkout", store.Emptied{Removed: 2}, nil, nil},
		{"quote awaiting confirmation", store.Emptied{Ended: store.Checkout{ID: "chk_q", QuoteID: "qt_q"}},
			[]string{"qt_q", "is canceled", "Nothing was charged."}, []string{"newer checkout"}},
		{"sellers being quoted", store.Emptied{Ended: store.Checkout{ID: "chk_o"}},
			[]string{"still being quoted is stopped", "nothing was charged"}, nil},
		{"being paid", store.Emptied{Paying: store.Checkout{ID: "chk_p"}},
			[]string{"chk_p", "already approved and is being paid", "each order completes or fails as it would have", "list_orders"},
			[]string{"go through", "confirmed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := emptiedText(tc.e)
			if tc.want == nil && got != "" {
				t.Errorf("got %q, want nothing", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q does not say %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q says %q", got, n)
				}
			}
		})
	}
}

// set_shipping_address checks every field and names the one at fault; a saved address
// becomes the default, is listed, and names nothing for another customer.
func TestSetShippingAddress(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	good := map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Austin", "region": "TX", "postal_code": "73301", "country": "US"}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for _, tt := range []struct {
		name  string
		args  map[string]any
		field string // or what the error says of it
	}{
		{"no city", with("city", nil), "city"},
		{"country name", with("country", "USA"), "country"},
		{"state spelled out", with("region", "Texas"), "region"},
		{"bad ZIP", with("postal_code", "7330"), "postal_code"},
		{"bad phone", with("phone", "call me"), "phone"},
		{"unknown argument", with("state", "TX"), "state"},
		{"name of control characters", with("name", "\x01\x02\u200b"), "name has no printable characters"},
		{"region of control characters", with("region", "\x01\u200b"), "region has no printable characters"},
		{"US without region", with("region", nil), "region is required for an address in US"},
		{"US with empty region", with("region", " "), "region is required for an address in US"},
		{"no postal code where one is needed", with("postal_code", nil), "postal_code is required for an address in US; ask"},
		{"postal code of control characters", with("postal_code", "\x01"), "postal_code has no printable characters"},
		{"country with an invisible character, without region", map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Austin", "postal_code": "73301", "country": "u\u200bs"}, "region is required for an address in US (the two-letter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, c, "set_shipping_address", tt.args, nil)
			if !res.IsError || !strings.Contains(text(res), tt.field) {
				t.Errorf("got %s, want an error saying %s", text(res), tt.field)
			}
		})
	}
	var saved addressView
	if res := call(t, c, "set_shipping_address", good, &saved); res.IsError || !saved.Default || saved.AddressID == "" {
		t.Fatalf("save: %s", text(res))
	}
	var list addressesResult
	if res := call(t, c, "get_shipping_addresses", nil, &list); res.IsError || len(list.Addresses) != 2 || list.Addresses[0].AddressID != saved.AddressID {
		t.Errorf("addresses: %s", text(res))
	}
	other := s.secondCustomer(t)
	if _, err := s.tb.Store.Address(context.Background(), other, saved.AddressID); err == nil {
		t.Error("another customer can read the address")
	}
}

// An address is shown on one line with one space between city, region and postal
// code, and none left where one of them is missing (no region in Switzerland, no
// postal code in Hong Kong).
func TestAddressText(t *testing.T) {
	for _, tt := range []struct {
		name string
		a    addressView
		want string
	}{
		{"US", addressView{Name: "Ada", Line1: "1 Main St", City: "Austin", Region: "TX", PostalCode: "73301", Country: "US"},
			"Ada, 1 Main St, Austin TX 73301, US"},
		{"second line", addressView{Name: "Ada", Line1: "1 Main St", Line2: "Apt 2", City: "Austin", Region: "TX", PostalCode: "73301", Country: "US"},
			"Ada, 1 Main St, Apt 2, Austin TX 73301, US"},
		{"no region", addressView{Name: "Zoë 🚀", Line1: "12 Rue de l'Église", City: "Zürich", PostalCode: "8001", Country: "CH"},
			"Zoë 🚀, 12 Rue de l'Église, Zürich 8001, CH"},
		{"no postal code", addressView{Name: "Li", Line1: "1 Queen's Rd", City: "Hong Kong", Country: "HK"},
			"Li, 1 Queen's Rd, Hong Kong, HK"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.text(); got != tt.want {
				t.Errorf("text() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A checkout interrupted before its sellers quoted (a crash, settled by recovery) is
// shown with each seller's name and its lines priced in their currency, as the seller
// orders were recorded from the catalog, and its total of nothing in that currency.
func TestCheckoutResultInterruptedBeforeQuotes(t *testing.T) {
	var ref *checkout.Refusal
	if !errors.As(checkout.RecordedRefusal("interrupted", "", "", ""), &ref) {
		t.Fatal("no refusal")
	}
	out := checkout.CheckoutOutcome{Status: checkout.CheckoutNothingBought, Checkout: store.Checkout{ID: "chk_x", Mode: "test"},
		Orders: []checkout.SellerOrder{{Refusal: ref, Purchase: store.Purchase{SellerID: "maple-lane-market", SellerName: "Maple Lane Market",
			Currency: "USD", Lines: []store.Line{{ProductID: "ml-cat-0008", Title: "Feather Wand", Quantity: 1, UnitAmount: 549, Amount: 549}}}}}}
	res := (&Toolbox{}).checkoutResult(context.Background(), out, "")
	got := text(res)
	for _, want := range []string{"From «Maple Lane Market» — not bought: ", "- 1 × «Feather Wand» at $5.49 each"} {
		if !strings.Contains(got, want) {
			t.Errorf("text %q does not say %q", got, want)
		}
	}
	var r checkoutResult
	if b, err := json.Marshal(res.StructuredContent); err != nil || json.Unmarshal(b, &r) != nil {
		t.Fatalf("structured content: %v", err)
	}
	if !res.IsError || r.Total.Display != "$0.00" || r.Orders[0].Lines[0].UnitPrice.Display != "$5.49" {
		t.Errorf("isError %v, total %+v, line %+v; want an error result, $0.00 and $5.49", res.IsError, r.Total, r.Orders[0].Lines[0].UnitPrice)
	}
}

// A seller order of a checkout refused with words that send the model back to purchase
// (a seller now asking another price at confirmation, a quote expired) says to call
// checkout again instead: its lines are still in the cart, and purchase buys one
// product, not the cart.
func TestCheckoutSellerRefusalsNameCheckout(t *testing.T) {
	for _, tc := range []struct {
		name   string
		code   checkout.RefusalCode
		params checkout.RefusalParams
		want   string
	}{
		{"price changed", checkout.RefusalPriceChanged, checkout.RefusalParams{Seller: "Acme", Amount: 1200, Currency: "USD", QuotedAmount: 1000, QuotedCurrency: "USD"},
			"«Acme» now asks $12.00 for this order instead of the $10.00 quoted. Nothing was charged; call checkout without quote_id to get a new quote."},
		{"quote expired", checkout.RefusalQuoteExpired, checkout.RefusalParams{QuoteTTLSecs: 600}, "Call checkout without quote_id to get a fresh quote."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkout.CheckoutOutcome{Status: checkout.CheckoutNothingBought, Checkout: store.Checkout{ID: "chk_x", Mode: "test"},
				Orders: []checkout.SellerOrder{{Refusal: &checkout.Refusal{Code: tc.code, Params: tc.params},
					Purchase: store.Purchase{SellerID: "acme", SellerName: "Acme", Currency: "USD"}}}}
			res := (&Toolbox{}).checkoutResult(context.Background(), out, "")
			var r checkoutResult
			if b, err := json.Marshal(res.StructuredContent); err != nil || json.Unmarshal(b, &r) != nil || len(r.Orders) != 1 {
				t.Fatalf("structured content: %v", err)
			}
			for where, got := range map[string]string{"text": text(res), "refusal_reason": r.Orders[0].RefusalReason} {
				if !strings.Contains(got, tc.want) || strings.Contains(got, "purchase") {
					t.Errorf("%s %q; want it to say %q, and not to send the model to purchase", where, got, tc.want)
				}
			}
		})
	}
}

// A refused quote_id tells the model to ask again with the tool it called: a quote of
// the cart with checkout, of a subscription with subscribe (purchase refuses
// subscription products), of a resume with resume_subscription — never with purchase.
func TestQuoteRefusalsNameTheirTool(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	for _, tt := range []struct {
		name, tool string
		args       map[string]any
		want       string
	}{
		{"purchase", "purchase", map[string]any{"quote_id": "qt_nope"}, "Call purchase with the product_id to get a new quote."},
		{"checkout", "checkout", map[string]any{"quote_id": "qt_nope"}, "Call checkout without quote_id to get a new quote."},
		{"subscribe", "subscribe", map[string]any{"quote_id": "qs_nope"}, "Call subscribe with the product_id to get a new quote."},
		{"resume_subscription", "resume_subscription", map[string]any{"subscription_id": "sub_nope", "quote_id": "qs_nope"},
			"Call resume_subscription without quote_id to get a new quote."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, c, tt.tool, tt.args, nil)
			got := text(res)
			if !res.IsError || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want an error saying %q", got, tt.want)
			}
			if tt.tool != "purchase" && strings.Contains(got, "purchase") {
				t.Errorf("got %q, which sends the model to purchase", got)
			}
		})
	}
}

// The cart tools' refusals say what is wrong with the product asked for (one out of
// stock is "not in stock", not a seller's quantity refusal with an empty seller
// message) and what happened to the cart, never that nothing was charged; quantity
// errors are argument errors, worded like every tool's, with the range; a long unknown
// id is repeated with its cut marked.
func TestCartRefusalWords(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	var out string
	for _, p := range demo.Products() {
		if !p.Purchasable() && p.Billing == nil {
			out = p.ID
			break
		}
	}
	const id = "nw-actv-0001"
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": id, "quantity": 90}, nil); res.IsError {
		t.Fatalf("add_to_cart: %s", text(res))
	}
	long := strings.Repeat("x", 300)
	for _, tt := range []struct {
		name, tool string
		args       map[string]any
		want       string
		mustNot    []string
	}{
		{"out of stock", "add_to_cart", map[string]any{"product_id": out}, "is not in stock. The cart was not changed", []string{"quantity asked", "(«»)"}},
		{"unknown product", "add_to_cart", map[string]any{"product_id": "no-such-product"}, "from its results. The cart was not changed.", nil},
		{"long unknown product", "add_to_cart", map[string]any{"product_id": long}, `"` + long[:77] + `…"`, nil},
		{"quantity 0", "add_to_cart", map[string]any{"product_id": id, "quantity": 0}, "Invalid arguments: quantity must be between 1 and 99", nil},
		{"quantity 2^63", "add_to_cart", map[string]any{"product_id": id, "quantity": json.Number("9223372036854775808")}, "Invalid arguments: quantity must be between 1 and 99", []string{"whole number"}},
		{"line over 99", "add_to_cart", map[string]any{"product_id": id, "quantity": 20}, "Invalid arguments: quantity for " + id + " must be between 1 and 9 here", nil},
		{"update to 100", "update_cart", map[string]any{"product_id": id, "quantity": 100}, "Invalid arguments: quantity must be between 0 and 99", nil},
		{"update to -2^63-1", "update_cart", map[string]any{"product_id": id, "quantity": json.Number("-9223372036854775809")}, "Invalid arguments: quantity must be between 0 and 99", []string{"whole number"}},
		{"update not in cart", "update_cart", map[string]any{"product_id": "nw-actv-0002", "quantity": 1}, "is not in the cart", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, c, tt.tool, tt.args, nil)
			got := text(res)
			if !res.IsError || !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want an error saying %q", got, tt.want)
			}
			for _, bad := range append(tt.mustNot, "charged") {
				if strings.Contains(got, bad) {
					t.Errorf("got %q, which says %q", got, bad)
				}
			}
		})
	}
}

// TestCheckoutRefusalKeptForKey: a checkout refusal recorded under the caller's
// idempotency_key (of the whole basket, or of every seller's order) is what that key
// returns from then on, even once its cause is fixed, so it says to try again with a
// new key; a refusal made before a checkout was begun under the key (an empty cart,
// an unknown address, a reserved key) does not, and leaves the key unused.
func TestCheckoutRefusalKeptForKey(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	ctx := context.Background()
	rules := func(perOrder, daily int64) func() {
		return func() {
			if err := s.tb.Store.SetRules(ctx, s.tb.Customer, store.Rules{Currency: "USD", PerOrderMax: perOrder, DailyMax: daily,
				MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit}); err != nil {
				t.Fatal(err)
			}
		}
	}
	fill := func() {
		if res := call(t, c, "add_to_cart", map[string]any{"product_id": "hh-cof-0004"}, nil); res.IsError {
			t.Fatalf("add_to_cart: %s", text(res))
		}
	}
	steps := []struct {
		name     string
		before   func()
		args     map[string]any
		want     string // in the text
		wantNote bool
		wantOK   bool
	}{
		{name: "empty cart with a key", args: map[string]any{"idempotency_key": "k0"}, want: "The cart is empty"},
		{name: "a reserved key", before: fill, args: map[string]any{"idempotency_key": checkout.ReservedKeyPrefix + "x"}, want: "reserved for subscription renewals"},
		{name: "unknown address with a key", args: map[string]any{"idempotency_key": "k1", "address_id": "nope"}, want: "No saved address has id"},
		{name: "every seller order over the per-order limit", before: rules(1_00, store.NoLimit), args: map[string]any{"idempotency_key": "k1"},
			want: "per-order limit", wantNote: true},
		{name: "the basket over the daily limit", before: rules(store.NoLimit, 1_00), args: map[string]any{"idempotency_key": "k2"},
			want: "limit of $1.00 per 24 hours", wantNote: true},
		{name: "over the daily limit without a key", args: map[string]any{}, want: "per 24 hours"},
		{name: "the first key once the limits are raised", before: rules(store.NoLimit, store.NoLimit), args: map[string]any{"idempotency_key": "k1"},
			want: "per-order limit", wantNote: true},
		{name: "the second key once the limits are raised", args: map[string]any{"idempotency_key": "k2"}, want: "per 24 hours", wantNote: true},
		{name: "a new key", args: map[string]any{"idempotency_key": "k3"}, wantOK: true},
		{name: "the key of the empty cart, now free", before: fill, args: map[string]any{"idempotency_key": "k0"}, wantOK: true},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.before != nil {
				st.before()
			}
			var r checkoutResult
			res := call(t, c, "checkout", st.args, &r)
			checkKeyedAnswer(t, "checkout", res, r.Status == string(checkout.CheckoutCompleted), st.want, st.wantNote, st.wantOK)
		})
	}
	if n := s.charges(); n != 2 {
		t.Errorf("%d charges, want 2 (one per completed checkout)", n)
	}
}

// TestCheckoutSummaryTellsTheTax: a cart's summary says the sellers' tax in its total,
// as a purchase's does, so that a person who saw £115.00 and £16.00 in the cart is not
// left wondering at £157.20; without tax, the total alone.
func TestCheckoutSummaryTellsTheTax(t *testing.T) {
	order := func(seller string, subtotal, tax int64) checkout.SellerOrder {
		return checkout.SellerOrder{Status: checkout.StatusCompleted, Purchase: store.Purchase{SellerID: seller, SellerName: seller, Currency: "GBP",
			Subtotal: subtotal, Tax: tax, Total: subtotal + tax, CardBrand: "visa", CardLast4: "4242",
			Lines: []store.Line{{ProductID: seller + "-1", Title: "Thing", Quantity: 1, UnitAmount: subtotal, Amount: subtotal}}}}
	}
	for _, tc := range []struct {
		name   string
		orders []checkout.SellerOrder
		want   string
	}{
		{"tax added", []checkout.SellerOrder{order("hazel", 11500, 2300), order("moss", 1600, 320)},
			"Bought the cart: 2 seller orders placed, £157.20 in total (tax £26.20 included), paid with Visa •••• 4242."},
		{"no tax", []checkout.SellerOrder{order("hazel", 11500, 0)},
			"Bought the cart: 1 seller order placed, £115.00 in total, paid with Visa •••• 4242."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkout.CheckoutOutcome{Status: checkout.CheckoutCompleted, Checkout: store.Checkout{ID: "chk_x", Mode: "test"}, Orders: tc.orders}
			if got := text((&Toolbox{}).checkoutResult(context.Background(), out, "")); !strings.Contains(got, tc.want) {
				t.Errorf("text %q does not say %q", got, tc.want)
			}
		})
	}
}
