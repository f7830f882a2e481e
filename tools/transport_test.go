package tools

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// testCustomerHeader names the customer a test request acts for. It is a TEST-ONLY
// stand-in for hosted mode's bearer token: the real server takes the customer from
// the token, never from a header the caller chooses.
const testCustomerHeader = "X-Test-Customer"

// customerFromHeader is the tests' HTTP context function: the request's customer
// from testCustomerHeader into the context, as hosted mode does with the token's.
func customerFromHeader(ctx context.Context, r *http.Request) context.Context {
	return WithCustomer(ctx, r.Header.Get(testCustomerHeader))
}

// serveHTTP serves tb over w, each request acting for the customer its
// testCustomerHeader names, and returns the endpoint URL.
func serveHTTP(t *testing.T, w wiretest.Wire, tb *Toolbox) string {
	t.Helper()
	return w.Serve(t, tb.NewServer("commerce-mcp", "test"), customerFromHeader)
}

// dialAs connects a client over w to url as customer. With answer set, the client
// declares elicitation and answers every confirmation dialog with it.
func dialAs(t *testing.T, w wiretest.Wire, url, customer string, answer *mcp.ElicitationResult) *client.Client {
	t.Helper()
	var h client.ElicitationHandler
	if answer != nil {
		h = fixedElicitAnswer{answer}
	}
	return w.Dial(t, url, map[string]string{testCustomerHeader: customer}, h)
}

// secondCustomer adds a customer to s's store with a card (Mastercard 4444), rules
// stricter than the defaults, and preferences, and returns the id.
func (s *storefront) secondCustomer(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	st := s.tb.Store
	c, err := st.CreateCustomer(ctx, store.Customer{Email: "second@example.com", Name: "Second Shopper"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_mastercard", CustomerID: c.ID, Brand: "mastercard", Last4: "4444", ExpMonth: 12, ExpYear: 2031, Default: true}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRules(ctx, c.ID, store.Rules{Currency: "USD", PerOrderMax: 450_00, DailyMax: 900_00, MonthlyMax: store.NoLimit, ConfirmAbove: 50_00}); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePreferences(ctx, c.ID, store.Preferences{FavoriteBrands: []string{"Stridewell"}, Notes: "second customer's private note"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAddress(ctx, store.Address{CustomerID: c.ID, Name: "Second Shopper", Line1: "5 Private Lane", City: "Salem",
		Region: "OR", PostalCode: "97301", Country: "US"}); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// readJSON reads the resource at uri and decodes its JSON into out.
func readJSON(t *testing.T, c *client.Client, uri string, out any) {
	t.Helper()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = uri
	res, err := c.ReadResource(context.Background(), req)
	if err != nil {
		t.Fatalf("read %s: %v", uri, err)
	}
	if len(res.Contents) != 1 {
		t.Fatalf("read %s: %d contents", uri, len(res.Contents))
	}
	tc, ok := res.Contents[0].(mcp.TextResourceContents)
	if !ok {
		t.Fatalf("read %s: %T", uri, res.Contents[0])
	}
	if err := json.Unmarshal([]byte(tc.Text), out); err != nil {
		t.Fatalf("read %s: %v", uri, err)
	}
}

// hosted is a storefront with a second customer, serving no configured customer: as
// in hosted mode, every request names its own (testCustomerHeader).
func hosted(t *testing.T) (s *storefront, a, b string) {
	t.Helper()
	s = newStorefront(t)
	a, b = s.tb.Customer, s.secondCustomer(t)
	s.tb.Customer = ""
	return s, a, b
}

// Every tool, both resources and the prompt work over every wire, for the request's
// customer.
func TestEveryToolOverHTTP(t *testing.T) {
	for _, w := range wiretest.All() {
		t.Run(w.Name, func(t *testing.T) {
			s, a, _ := hosted(t)
			c := dialAs(t, w, serveHTTP(t, w, s.tb), a, nil)
			ctx := context.Background()

			tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
			if err != nil || len(tools.Tools) != len(s.tb.Tools()) {
				t.Fatalf("tools/list: %d tools, %v", len(tools.Tools), err)
			}
			var found searchProductsResult
			if res := call(t, c, "search_products", map[string]any{"query": "running shoes"}, &found); res.IsError || len(found.Products) == 0 {
				t.Fatalf("search_products: %s", text(res))
			}
			cheap := demoProduct(t, 1000, 4000)
			var product productDetail
			if res := call(t, c, "get_product", map[string]any{"product_id": cheap.ID}, &product); res.IsError || product.ID != cheap.ID {
				t.Fatalf("get_product: %s", text(res))
			}
			if res := call(t, c, "recommend", nil, nil); res.IsError {
				t.Fatalf("recommend: %s", text(res))
			}
			if res := call(t, c, "update_preferences", map[string]any{"notes": "first customer's note"}, nil); res.IsError {
				t.Fatalf("update_preferences: %s", text(res))
			}
			var prefs preferencesResult
			if res := call(t, c, "get_preferences", nil, &prefs); res.IsError || prefs.Notes != "first customer's note" {
				t.Fatalf("get_preferences: %s", text(res))
			}
			var bought purchaseResult
			if res := call(t, c, "purchase", map[string]any{"product_id": cheap.ID}, &bought); res.IsError || bought.Status != "completed" {
				t.Fatalf("purchase: %s", text(res))
			}
			var order orderView
			if res := call(t, c, "get_order", map[string]any{"order_id": bought.OrderID}, &order); res.IsError || order.Card.Last4 != "4242" {
				t.Fatalf("get_order: %s", text(res))
			}
			var list listOrdersResult
			if res := call(t, c, "list_orders", nil, &list); res.IsError || len(list.Orders) != 1 || list.Orders[0].OrderID != bought.OrderID {
				t.Fatalf("list_orders: %s", text(res))
			}

			var rp preferencesResult
			readJSON(t, c, preferencesURI, &rp)
			if rp.Notes != "first customer's note" {
				t.Errorf("preferences resource: %+v", rp)
			}
			var ro ordersResource
			readJSON(t, c, ordersURI, &ro)
			if len(ro.Orders) != 1 || ro.Orders[0].OrderID != bought.OrderID {
				t.Errorf("orders resource: %+v", ro)
			}
			req := mcp.GetPromptRequest{}
			req.Params.Name = "shopping_assistant"
			req.Params.Arguments = map[string]string{"goal": "trail shoes"}
			prompt, err := c.GetPrompt(ctx, req)
			if err != nil || len(prompt.Messages) != 1 {
				t.Fatalf("prompts/get: %v", err)
			}
			if s.charges() != 1 {
				t.Errorf("%d charges, want 1", s.charges())
			}
		})
	}
}

// A purchase above the confirmation threshold is confirmed in the client's dialog over
// every wire that can carry one, and by quote_id over those that cannot: the legacy era
// without sessions has no session to send elicitation/create on, and mcp-go's SSE
// transport cannot send server-to-client requests. Either way it lands on the
// request's customer, once.
func TestPurchaseConfirmedOverHTTP(t *testing.T) {
	tests := []struct {
		wire    string
		byQuote bool // confirmed by quote_id instead of in the dialog
	}{
		{wire: "streamable modern stateful"},
		{wire: "streamable modern stateless"},
		{wire: "streamable legacy stateful"},
		{wire: "streamable legacy stateless", byQuote: true},
		{wire: "sse legacy", byQuote: true},
	}
	for _, tt := range tests {
		t.Run(tt.wire, func(t *testing.T) {
			w := wiretest.Named(t, tt.wire)
			s, a, b := hosted(t)
			url := serveHTTP(t, w, s.tb)
			c := dialAs(t, w, url, a, accept(true))
			dear := demoProduct(t, 6000, 40000)

			var out purchaseResult
			res := call(t, c, "purchase", map[string]any{"product_id": dear.ID}, &out)
			if tt.byQuote {
				if res.IsError || out.Status != "confirmation_required" || out.QuoteID == "" {
					t.Fatalf("purchase: %s / %+v, want a quote to confirm", text(res), out)
				}
				if s.charges() != 0 {
					t.Fatal("charged before confirmation")
				}
				if strings.Contains(out.Instruction, "could not show") {
					t.Errorf("the quote says a dialog failed, but none was tried: %s", out.Instruction)
				}
				res = call(t, c, "purchase", map[string]any{"quote_id": out.QuoteID}, &out)
			}
			if res.IsError || out.Status != "completed" || out.Card.Last4 != "4242" || out.Line.ProductID != dear.ID {
				t.Fatalf("purchase: %s / %+v, want completed with the first customer's card\n%s", text(res), out, s.logs.String())
			}
			if s.charges() != 1 {
				t.Errorf("%d charges, want 1", s.charges())
			}
			if o, err := s.tb.Store.Order(context.Background(), a, out.OrderID); err != nil || o.CustomerID != a {
				t.Errorf("the order is not the first customer's: %+v, %v", o, err)
			}
			var theirs listOrdersResult
			if res := call(t, dialAs(t, w, url, b, nil), "list_orders", nil, &theirs); res.IsError || len(theirs.Orders) != 0 {
				t.Errorf("the second customer sees orders: %s", text(res))
			}
		})
	}
}

// sameAsUnknown fails the test unless got, a result for another customer's id, is
// exactly the error result for an id that does not exist (unknown), once each id is
// replaced by a placeholder.
func sameAsUnknown(t *testing.T, got *mcp.CallToolResult, id string, unknown *mcp.CallToolResult, unknownID string) {
	t.Helper()
	g, u := text(got), text(unknown)
	if id != "" {
		g = strings.ReplaceAll(g, id, "<id>")
	}
	if unknownID != "" {
		u = strings.ReplaceAll(u, unknownID, "<id>")
	}
	if !got.IsError || !unknown.IsError || g != u || got.StructuredContent != nil {
		t.Errorf("another customer's id gave (isError %v)\n%s\nan unknown one (isError %v)\n%s", got.IsError, text(got), unknown.IsError, text(unknown))
	}
}

// Two customers on one server, over every wire: each sees and acts on their own
// orders, quotes, keys, cursors, preferences and resources only, whatever the
// arguments say; another customer's ids are answered exactly as unknown ones.
func TestIsolationOverHTTP(t *testing.T) {
	for _, w := range wiretest.All() {
		t.Run(w.Name, func(t *testing.T) {
			s, a, b := hosted(t)
			url := serveHTTP(t, w, s.tb)
			cheap, dear := demoProduct(t, 1000, 4000), demoProduct(t, 6000, 40000)

			// b: two orders (the first under a key), a quote to confirm by id, a cursor.
			cb := dialAs(t, w, url, b, nil)
			var bOrder, bQuote purchaseResult
			if res := call(t, cb, "purchase", map[string]any{"product_id": cheap.ID, "idempotency_key": "shared-key"}, &bOrder); res.IsError || bOrder.Status != "completed" || bOrder.SellerOrderID == "" {
				t.Fatalf("b's purchase: %s", text(res))
			}
			if res := call(t, cb, "purchase", map[string]any{"product_id": cheap.ID}, nil); res.IsError {
				t.Fatalf("b's second purchase: %s", text(res))
			}
			if res := call(t, cb, "purchase", map[string]any{"product_id": dear.ID}, &bQuote); res.IsError || bQuote.QuoteID == "" {
				t.Fatalf("b's quote: %s", text(res))
			}
			var bPage listOrdersResult
			if res := call(t, cb, "list_orders", map[string]any{"limit": 1}, &bPage); res.IsError || bPage.NextCursor == "" {
				t.Fatalf("b's first page: %s", text(res))
			}
			// b's subscription, checkout quote and card: what the relationship tools take.
			var bSubQuote, bSub subscribeResult
			if res := call(t, cb, "subscribe", map[string]any{"product_id": "cy-sub-0002"}, &bSubQuote); res.IsError || bSubQuote.QuoteID == "" {
				t.Fatalf("b's subscription quote: %s", text(res))
			}
			if res := call(t, cb, "subscribe", map[string]any{"quote_id": bSubQuote.QuoteID}, &bSub); res.IsError || bSub.Status != "subscribed" {
				t.Fatalf("b's subscription: %s", text(res))
			}
			var bCheckout checkoutResult
			if res := call(t, cb, "add_to_cart", map[string]any{"product_id": dear.ID}, nil); res.IsError {
				t.Fatalf("b's cart: %s", text(res))
			}
			if res := call(t, cb, "checkout", nil, &bCheckout); res.IsError || bCheckout.QuoteID == "" {
				t.Fatalf("b's checkout quote: %s", text(res))
			}
			var bCards listPaymentMethodsResult
			if res := call(t, cb, "list_payment_methods", nil, &bCards); res.IsError || len(bCards.PaymentMethods) != 1 {
				t.Fatalf("b's cards: %s", text(res))
			}
			bSubID, bCard := bSub.Subscription.ID, bCards.PaymentMethods[0].PaymentMethodID
			bAddrs, err := s.tb.Store.Addresses(context.Background(), b)
			if err != nil || len(bAddrs) != 1 {
				t.Fatalf("b's addresses: %+v, %v", bAddrs, err)
			}
			bAddr := bAddrs[0].ID

			ca := dialAs(t, w, url, a, nil)
			// a's cart, so that a's checkout reaches its address.
			if res := call(t, ca, "add_to_cart", map[string]any{"product_id": cheap.ID}, nil); res.IsError {
				t.Fatalf("a's cart: %s", text(res))
			}
			probes := []struct {
				name         string
				tool         string
				theirs, none map[string]any // b's id, and one that does not exist
				theirID      string
				noneID       string
			}{
				{name: "order id", tool: "get_order",
					theirs: map[string]any{"order_id": bOrder.OrderID}, theirID: bOrder.OrderID,
					none: map[string]any{"order_id": "ord_nosuchorder00"}, noneID: "ord_nosuchorder00"},
				{name: "seller's order number", tool: "get_order",
					theirs: map[string]any{"order_id": bOrder.SellerOrderID}, theirID: bOrder.SellerOrderID,
					none: map[string]any{"order_id": "sellerorder-none"}, noneID: "sellerorder-none"},
				{name: "list cursor", tool: "list_orders",
					theirs: map[string]any{"limit": 1, "cursor": bPage.NextCursor},
					none:   map[string]any{"limit": 1, "cursor": "bm90IGEgY3Vyc29y"}},
				{name: "quote_id", tool: "purchase",
					theirs: map[string]any{"quote_id": bQuote.QuoteID}, theirID: bQuote.QuoteID,
					none: map[string]any{"quote_id": "qt_nosuchquote000"}, noneID: "qt_nosuchquote000"},
				{name: "cancel_order", tool: "cancel_order",
					theirs: map[string]any{"order_id": bOrder.OrderID}, theirID: bOrder.OrderID,
					none: map[string]any{"order_id": "ord_nosuchorder00"}, noneID: "ord_nosuchorder00"},
				{name: "checkout quote_id", tool: "checkout",
					theirs: map[string]any{"quote_id": bCheckout.QuoteID}, theirID: bCheckout.QuoteID,
					none: map[string]any{"quote_id": "qt_nosuchquote000"}, noneID: "qt_nosuchquote000"},
				{name: "subscribe quote_id", tool: "subscribe",
					theirs: map[string]any{"quote_id": bSubQuote.QuoteID}, theirID: bSubQuote.QuoteID,
					none: map[string]any{"quote_id": "qs_nosuchquote000"}, noneID: "qs_nosuchquote000"},
				{name: "pause_subscription", tool: "pause_subscription",
					theirs: map[string]any{"subscription_id": bSubID}, theirID: bSubID,
					none: map[string]any{"subscription_id": "sub_nosuchsub0000"}, noneID: "sub_nosuchsub0000"},
				{name: "resume_subscription", tool: "resume_subscription",
					theirs: map[string]any{"subscription_id": bSubID}, theirID: bSubID,
					none: map[string]any{"subscription_id": "sub_nosuchsub0000"}, noneID: "sub_nosuchsub0000"},
				{name: "cancel_subscription", tool: "cancel_subscription",
					theirs: map[string]any{"subscription_id": bSubID}, theirID: bSubID,
					none: map[string]any{"subscription_id": "sub_nosuchsub0000"}, noneID: "sub_nosuchsub0000"},
				{name: "change_subscription", tool: "change_subscription",
					theirs: map[string]any{"subscription_id": bSubID, "choices": map[string]any{"size": "M"}}, theirID: bSubID,
					none: map[string]any{"subscription_id": "sub_nosuchsub0000", "choices": map[string]any{"size": "M"}}, noneID: "sub_nosuchsub0000"},
				{name: "remove_payment_method", tool: "remove_payment_method",
					theirs: map[string]any{"payment_method_id": bCard}, theirID: bCard,
					none: map[string]any{"payment_method_id": "card_nosuchcard00"}, noneID: "card_nosuchcard00"},
				{name: "set_default_payment_method", tool: "set_default_payment_method",
					theirs: map[string]any{"payment_method_id": bCard}, theirID: bCard,
					none: map[string]any{"payment_method_id": "card_nosuchcard00"}, noneID: "card_nosuchcard00"},
				{name: "purchase address_id", tool: "purchase",
					theirs: map[string]any{"product_id": cheap.ID, "address_id": bAddr}, theirID: bAddr,
					none: map[string]any{"product_id": cheap.ID, "address_id": "addr_nosuchaddr00"}, noneID: "addr_nosuchaddr00"},
				{name: "checkout address_id", tool: "checkout",
					theirs: map[string]any{"address_id": bAddr}, theirID: bAddr,
					none: map[string]any{"address_id": "addr_nosuchaddr00"}, noneID: "addr_nosuchaddr00"},
				{name: "resume_subscription quote_id", tool: "resume_subscription",
					theirs: map[string]any{"subscription_id": bSubID, "quote_id": bSubQuote.QuoteID}, theirID: bSubID,
					none: map[string]any{"subscription_id": "sub_nosuchsub0000", "quote_id": bSubQuote.QuoteID}, noneID: "sub_nosuchsub0000"},
				{name: "quote_id with its product", tool: "purchase",
					theirs: map[string]any{"quote_id": bQuote.QuoteID, "product_id": dear.ID}, theirID: bQuote.QuoteID,
					none: map[string]any{"quote_id": "qt_nosuchquote000", "product_id": dear.ID}, noneID: "qt_nosuchquote000"},
			}
			for _, p := range probes {
				t.Run(p.name, func(t *testing.T) {
					sameAsUnknown(t, call(t, ca, p.tool, p.theirs, nil), p.theirID, call(t, ca, p.tool, p.none, nil), p.noneID)
				})
			}
			// The order template, read as a: b's order is answered as one that does not exist.
			t.Run("order resource", func(t *testing.T) {
				read := func(id string) string {
					req := mcp.ReadResourceRequest{}
					req.Params.URI = "commerce://customer/orders/" + id
					res, err := ca.ReadResource(context.Background(), req)
					if err == nil {
						t.Fatalf("a reads order %s: %+v", id, res)
					}
					return strings.ReplaceAll(err.Error(), id, "<id>")
				}
				if theirs, none := read(bOrder.OrderID), read("ord_nosuchorder00"); theirs != none {
					t.Errorf("b's order read as a: %q; an unknown one: %q", theirs, none)
				}
			})

			t.Run("own views", func(t *testing.T) {
				var list listOrdersResult
				if res := call(t, ca, "list_orders", nil, &list); res.IsError || len(list.Orders) != 0 {
					t.Errorf("list_orders: %s", text(res))
				}
				var ro ordersResource
				readJSON(t, ca, ordersURI, &ro)
				if len(ro.Orders) != 0 {
					t.Errorf("orders resource: %+v", ro)
				}
				var prefs, rp preferencesResult
				if res := call(t, ca, "get_preferences", nil, &prefs); res.IsError {
					t.Fatal(text(res))
				}
				readJSON(t, ca, preferencesURI, &rp)
				for name, p := range map[string]preferencesResult{"get_preferences": prefs, "preferences resource": rp} {
					if p.Notes != "" || len(p.FavoriteBrands) != 0 || len(p.Learned.TopBrands) != 0 || len(p.Learned.TopCategories) != 0 {
						t.Errorf("%s shows another customer's preferences or orders: %+v", name, p)
					}
				}
				var rec recommendResult
				if res := call(t, ca, "recommend", nil, &rec); res.IsError || !rec.ColdStart {
					t.Errorf("recommend for a customer without favourites or orders is not a cold start: %s", text(res))
				}
				// What b bought is left out of b's picks only.
				picks := func(c *client.Client) []string {
					var r recommendResult
					if res := call(t, c, "recommend", map[string]any{"context": cheap.Title, "limit": 20}, &r); res.IsError {
						t.Fatalf("recommend: %s", text(res))
					}
					var ids []string
					for _, p := range r.Recommendations {
						ids = append(ids, p.ID)
					}
					return ids
				}
				if got := picks(ca); !slices.Contains(got, cheap.ID) {
					t.Errorf("a's picks for %q leave out %s, which only b bought: %v", cheap.Title, cheap.ID, got)
				}
				if got := picks(cb); slices.Contains(got, cheap.ID) {
					t.Errorf("b's picks include %s, which b bought: %v", cheap.ID, got)
				}
			})

			t.Run("idempotency key", func(t *testing.T) {
				var mine purchaseResult
				res := call(t, ca, "purchase", map[string]any{"product_id": cheap.ID, "idempotency_key": "shared-key"}, &mine)
				if res.IsError || mine.Status != "completed" || mine.OrderID == "" || mine.OrderID == bOrder.OrderID || mine.Card.Last4 != "4242" {
					t.Fatalf("a's purchase with b's key: %s / %+v, want a new order of a's", text(res), mine)
				}
				// a's purchase lands on a: b cannot see it, a can.
				sameAsUnknown(t, call(t, cb, "get_order", map[string]any{"order_id": mine.OrderID}, nil), mine.OrderID,
					call(t, cb, "get_order", map[string]any{"order_id": "ord_nosuchorder00"}, nil), "ord_nosuchorder00")
				var list listOrdersResult
				if res := call(t, ca, "list_orders", nil, &list); res.IsError || len(list.Orders) != 1 || list.Orders[0].OrderID != mine.OrderID {
					t.Errorf("a's orders: %s", text(res))
				}
			})

			// b's quote survived a's attempts and is b's to confirm, on b's card.
			t.Run("quote still the owner's", func(t *testing.T) {
				var done purchaseResult
				res := call(t, cb, "purchase", map[string]any{"quote_id": bQuote.QuoteID}, &done)
				if res.IsError || done.Status != "completed" || done.Card.Last4 != "4444" {
					t.Fatalf("b confirms the quote: %s / %+v", text(res), done)
				}
				var list listOrdersResult // two purchases, the subscription's first cycle, this one
				if res := call(t, cb, "list_orders", nil, &list); res.IsError || len(list.Orders) != 4 {
					t.Errorf("b's orders: %s", text(res))
				}
			})
			// Nor did a's calls change b's subscription, cards or cart.
			t.Run("relationship still the owner's", func(t *testing.T) {
				var subs listSubscriptionsResult
				if res := call(t, cb, "list_subscriptions", nil, &subs); res.IsError || len(subs.Subscriptions) != 1 || subs.Subscriptions[0].Status != "active" {
					t.Errorf("b's subscriptions: %s", text(res))
				}
				var cards listPaymentMethodsResult
				if res := call(t, cb, "list_payment_methods", nil, &cards); res.IsError || len(cards.PaymentMethods) != 1 || !cards.PaymentMethods[0].Default {
					t.Errorf("b's cards: %s", text(res))
				}
				var again checkoutResult
				if res := call(t, cb, "checkout", nil, &again); res.IsError || again.QuoteID != bCheckout.QuoteID {
					t.Errorf("b's checkout quote changed: %s", text(res))
				}
			})
		})
	}
}

// Over HTTP the limiter is asked about each request's own customer: one customer over
// the limit does not hold up another.
func TestRateLimitOverHTTP(t *testing.T) {
	for _, w := range wiretest.All() {
		t.Run(w.Name, func(t *testing.T) {
			s, a, b := hosted(t)
			f := &fakeLimiter{budget: map[string]int{a + " search_products": 1}, retry: 3 * time.Second}
			s.tb.Limits = f
			url := serveHTTP(t, w, s.tb)
			ca, cb := dialAs(t, w, url, a, nil), dialAs(t, w, url, b, nil)
			args := map[string]any{"query": "shoes"}
			if res := call(t, ca, "search_products", args, nil); res.IsError {
				t.Fatalf("a's first search: %s", text(res))
			}
			if res := call(t, ca, "search_products", args, nil); !res.IsError || !strings.Contains(text(res), "Try again in 3 seconds.") {
				t.Errorf("a's second search: %s, want it refused", text(res))
			}
			if res := call(t, cb, "search_products", args, nil); res.IsError {
				t.Errorf("b's search: %s", text(res))
			}
			want := []string{a + " search_products", a + " search_products", b + " search_products"}
			if got := f.calls(); !slices.Equal(got, want) {
				t.Errorf("limiter asked %q, want %q", got, want)
			}
		})
	}
}
