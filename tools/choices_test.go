package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// choiceProducts adds to the storefront's catalog a ring that asks for a size and a
// metal and a required engraving of at most 12 characters, and a mug that takes an
// optional name, as an Etsy import with a personalisation column makes them.
func choiceProducts(t *testing.T, s *storefront) (ring, mug catalog.Product) {
	t.Helper()
	ctx := context.Background()
	base := demoProduct(t, 3000, 4500)
	sellers, err := s.tb.Catalog.Sellers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ring = base
	ring.ID, ring.Title, ring.GroupID, ring.GTIN = "MAG-RG-7", "Hammered Band Ring, Sterling Silver", "", ""
	ring.Attributes = map[string]string{"ring_size": "5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9", "metal": "Sterling Silver, Gold",
		catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required: the name to engrave inside the band",
		catalog.AttrPersonalizationMax: "12"}
	mug = base
	mug.ID, mug.Title, mug.GroupID, mug.GTIN = "MUG-NM-1", "Speckled Stoneware Mug, Hand Painted Name", "", ""
	mug.Attributes = map[string]string{catalog.AttrPersonalization: "optional: a name to paint"}
	if _, err := s.tb.Catalog.Upsert(ctx, sellers, []catalog.Product{ring, mug}); err != nil {
		t.Fatal(err)
	}
	return ring, mug
}

// sellerSessionLines are the line items the reference seller holds for a checkout
// session of seller sellerID: what it received.
func sellerSessionLines(t *testing.T, s *storefront, sellerID, sessionID string) []acp.LineItem {
	t.Helper()
	ctx := context.Background()
	sel, err := s.tb.Catalog.Seller(ctx, sellerID)
	if err != nil {
		t.Fatal(err)
	}
	cl, _, err := s.sb.Client(sel)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := cl.Get(ctx, sessionID)
	if err != nil {
		t.Fatalf("seller's session %s: %v", sessionID, err)
	}
	return cs.LineItems
}

// TestBuyWithChoices: a new user's ring bought in size 7 with "Ana" engraved, end to
// end in the sandbox: search_products finds it; get_product shows what to choose; purchase refuses every wrong
// choice with words naming what is offered (nothing charged); the quote, its summary,
// a quote_id confirmation for other choices (refused), the completed order in
// get_order, list_orders and the orders resource, and the reference seller's own
// session all carry size 7, Gold and "Ana"; add_to_cart refuses the ring without them,
// saying the cart was not changed.
func TestBuyWithChoices(t *testing.T) {
	s := newStorefront(t)
	ring, mug := choiceProducts(t, s)
	c := s.client(t, nil, "2025-11-25")

	var found searchProductsResult
	res := call(t, c, "search_products", map[string]any{"query": "hammered band ring"}, &found)
	if res.IsError || len(found.Products) == 0 || found.Products[0].ID != ring.ID {
		t.Fatalf("search: %s", text(res))
	}
	var detail productDetail
	res = call(t, c, "get_product", map[string]any{"product_id": ring.ID}, &detail)
	if res.IsError || len(detail.Options) != 2 || detail.Options[0].Name != "ring_size" || len(detail.Options[0].Values) != 9 ||
		detail.Personalization == nil || !detail.Personalization.Required || detail.Personalization.MaxLength != 12 ||
		!strings.Contains(text(res), "Choose «ring_size» when buying (choices): «5», «5.5»") || !strings.Contains(text(res), "Personalization when buying (personalization, required, at most 12 characters)") {
		t.Fatalf("get_product: %s / %+v", text(res), detail)
	}
	// What to choose is said once, by those lines, not again as attributes; the
	// structured attributes keep them.
	for _, attr := range []string{"«choices»: ", "«ring_size»: ", "«metal»: ", "«personalization»: ", "«personalization_max_length»: "} {
		if strings.Contains(text(res), attr) {
			t.Errorf("get_product's text lists the attribute %s: %s", attr, text(res))
		}
	}
	if detail.Attributes[catalog.AttrChoices] == "" || detail.Attributes["ring_size"] == "" {
		t.Errorf("the structured attributes lost what to choose: %v", detail.Attributes)
	}

	for _, tc := range []struct {
		name string
		args map[string]any
		want []string
	}{
		{"no choices at all", map[string]any{}, []string{"choice of ring_size", "5, 5.5, 6", "Nothing was charged"}},
		{"a size not offered", map[string]any{"choices": map[string]any{"ring_size": "12", "metal": "Gold"}, "personalization": "Ana"},
			[]string{`not offered with ring_size "12"`, "«5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9»", "Nothing was charged"}},
		{"a metal not offered", map[string]any{"choices": map[string]any{"ring_size": 7, "metal": "Platinum"}, "personalization": "Ana"},
			[]string{`metal "Platinum"`, "«Sterling Silver, Gold»"}},
		{"an option the ring does not have", map[string]any{"choices": map[string]any{"ring_size": "7", "metal": "Gold", "colour": "red"}, "personalization": "Ana"},
			[]string{`no option "colour"`, "ring_size, metal"}},
		{"no engraving", map[string]any{"choices": map[string]any{"ring_size": "7", "metal": "Gold"}},
			[]string{"is personalised", "at most 12 characters", "«the name to engrave inside the band»"}},
		{"an engraving too long", map[string]any{"choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Anastasia Maria"},
			[]string{"too long", "at most 12 characters"}},
		{"a choice that is not text", map[string]any{"choices": map[string]any{"ring_size": true, "metal": "Gold"}, "personalization": "Ana"},
			[]string{"Invalid arguments: choices.ring_size must be a string"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := map[string]any{"product_id": ring.ID}
			for k, v := range tc.args {
				args[k] = v
			}
			res := call(t, c, "purchase", args, nil)
			if !res.IsError {
				t.Fatalf("purchase %v was not refused: %s", tc.args, text(res))
			}
			for _, w := range tc.want {
				if !strings.Contains(text(res), w) {
					t.Errorf("%q does not say %q", text(res), w)
				}
			}
		})
	}
	if res := call(t, c, "purchase", map[string]any{"product_id": demoProduct(t, 1000, 4000).ID, "personalization": "Ana"}, nil); !res.IsError ||
		!strings.Contains(text(res), "takes no personalization") {
		t.Fatalf("a personalisation for a product that takes none: %s", text(res))
	}
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": ring.ID}, nil); !res.IsError ||
		!strings.Contains(text(res), "choice of ring_size") || !strings.Contains(text(res), "The cart was not changed") ||
		strings.Contains(text(res), "charged") {
		t.Fatalf("add_to_cart of the ring without its choices: %s", text(res))
	}
	if s.charges() != 0 {
		t.Fatal("a refused purchase charged")
	}

	var quote purchaseResult
	res = call(t, c, "purchase", map[string]any{"product_id": ring.ID, "confirm_first": true,
		"choices": map[string]any{"Ring Size": 7, "metal": "gold"}, "personalization": "Ana"}, &quote)
	wantLine := []choiceView{{"ring_size", "7"}, {"metal", "Gold"}}
	if res.IsError || quote.Status != "confirmation_required" || !equalChoices(quote.Line.Choices, wantLine) || quote.Line.Personalization != "Ana" ||
		!strings.Contains(quote.Summary, `(ring_size «7», metal «Gold», personalization «Ana»)`) {
		t.Fatalf("quote: %s / %+v", text(res), quote)
	}
	// A confirmation for other choices buys nothing.
	res = call(t, c, "purchase", map[string]any{"quote_id": quote.QuoteID, "choices": map[string]any{"ring_size": "9", "metal": "Gold"}, "personalization": "Ana"}, nil)
	if !res.IsError || !strings.Contains(text(res), `with ring_size "7", metal "Gold", personalization "Ana", not with`) || s.charges() != 0 {
		t.Fatalf("confirming the size-7 quote for size 9: %s (%d charges)", text(res), s.charges())
	}
	res = call(t, c, "purchase", map[string]any{"quote_id": quote.QuoteID, "personalization": "Bea"}, nil)
	if !res.IsError || s.charges() != 0 {
		t.Fatalf("confirming the quote for another engraving: %s (%d charges)", text(res), s.charges())
	}
	// The same choices, spelt otherwise, confirm it.
	var bought purchaseResult
	res = call(t, c, "purchase", map[string]any{"quote_id": quote.QuoteID, "choices": map[string]any{"ring_size": "7.0", "METAL": "Gold"}, "personalization": "Ana"}, &bought)
	if res.IsError || bought.Status != "completed" || !equalChoices(bought.Line.Choices, wantLine) || bought.Line.Personalization != "Ana" || s.charges() != 1 {
		t.Fatalf("confirmation: %s / %+v", text(res), bought)
	}

	var order orderView
	res = call(t, c, "get_order", map[string]any{"order_id": bought.OrderID}, &order)
	if res.IsError || !equalChoices(order.Line.Choices, wantLine) || order.Line.Personalization != "Ana" ||
		len(order.Lines) != 1 || !equalChoices(order.Lines[0].Choices, wantLine) ||
		!strings.Contains(text(res), `(ring_size «7», metal «Gold», personalization «Ana»)`) {
		t.Fatalf("get_order: %s / %+v", text(res), order)
	}
	var list listOrdersResult
	res = call(t, c, "list_orders", nil, &list)
	if res.IsError || len(list.Orders) != 1 || list.Orders[0].Line.Personalization != "Ana" || !strings.Contains(text(res), "personalization «Ana»") {
		t.Fatalf("list_orders: %s", text(res))
	}
	if got := readOrdersResource(t, c); !strings.Contains(got, `"personalization": "Ana"`) || !strings.Contains(got, `"value": "7"`) {
		t.Fatalf("orders resource: %s", got)
	}

	o, err := s.tb.Store.Order(context.Background(), s.tb.Customer, bought.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	lines := sellerSessionLines(t, s, o.SellerID, o.SessionID)
	if len(lines) != 1 || lines[0].ProductID != ring.ID {
		t.Fatalf("seller's lines: %+v", lines)
	}
	if got := lines[0].VariantOptions; len(got) != 2 || got[0] != (acp.VariantOption{Name: "ring_size", Value: "7"}) || got[1] != (acp.VariantOption{Name: "metal", Value: "Gold"}) {
		t.Errorf("the seller got variant options %+v", got)
	}
	if got := lines[0].CustomAttributes; len(got) != 1 || got[0] != (acp.CustomAttribute{DisplayName: acp.PersonalizationAttribute, Value: "Ana"}) {
		t.Errorf("the seller got custom attributes %+v", got)
	}

	// An optional name may be left out, and then nothing is sent for it.
	var plain purchaseResult
	res = call(t, c, "purchase", map[string]any{"product_id": mug.ID, "confirm_first": true}, &plain)
	if res.IsError || plain.Line.Personalization != "" || len(plain.Line.Choices) != 0 || strings.Contains(text(res), "personalization") {
		t.Fatalf("the mug without a name: %s", text(res))
	}

	if strings.Contains(s.logs.String(), "Ana") {
		t.Errorf("the personalisation reached a log line:\n%s", s.logs.String())
	}
}

func equalChoices(got, want []choiceView) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

// readOrdersResource reads the orders resource as the client gets it: its contents'
// text.
func readOrdersResource(t *testing.T, c *client.Client) string {
	t.Helper()
	req := mcp.ReadResourceRequest{}
	req.Params.URI = ordersURI
	res, err := c.ReadResource(context.Background(), req)
	if err != nil {
		t.Fatalf("orders resource: %v", err)
	}
	var b strings.Builder
	for _, rc := range res.Contents {
		if tc, ok := rc.(mcp.TextResourceContents); ok {
			b.WriteString(tc.Text)
		}
	}
	if b.Len() == 0 {
		t.Fatalf("orders resource has no text: %+v", res.Contents)
	}
	return b.String()
}

// TestChoicesIdempotencyKey: a purchase retried with its idempotency_key and other
// choices is refused, naming both; with the same choices (or none) it returns the
// first outcome.
func TestChoicesIdempotencyKey(t *testing.T) {
	s := newStorefront(t)
	ring, _ := choiceProducts(t, s)
	c := s.client(t, nil, "2025-11-25")
	args := func(size string) map[string]any {
		return map[string]any{"product_id": ring.ID, "idempotency_key": "k-ring-1", "confirm_first": true,
			"choices": map[string]any{"ring_size": size, "metal": "Gold"}, "personalization": "Ana"}
	}
	var first purchaseResult
	if res := call(t, c, "purchase", args("7"), &first); res.IsError || first.Status != "confirmation_required" {
		t.Fatalf("first: %s", text(res))
	}
	res := call(t, c, "purchase", args("9"), nil)
	if !res.IsError || !strings.Contains(text(res), `with ring_size "7", metal "Gold", personalization "Ana", not with metal "Gold", ring_size "9"`) {
		t.Fatalf("the key with size 9: %s", text(res))
	}
	var again purchaseResult
	if res := call(t, c, "purchase", args("7.0"), &again); res.IsError || again.QuoteID != first.QuoteID {
		t.Fatalf("the key with the same choices: %s", text(res))
	}
}

// TestChoicesHostedIsolation: one customer's engraving is never shown to another: the
// second customer's list_orders, get_order of the first's order and orders resource
// hold none of it, over each HTTP wire.
func TestChoicesHostedIsolation(t *testing.T) {
	for _, w := range wiretest.All() {
		t.Run(w.Name, func(t *testing.T) {
			s, a, b := hosted(t)
			ring, _ := choiceProducts(t, s)
			url := serveHTTP(t, w, s.tb)
			ca, cb := dialAs(t, w, url, a, nil), dialAs(t, w, url, b, nil)
			var quote, bought purchaseResult
			if res := call(t, ca, "purchase", map[string]any{"product_id": ring.ID, "confirm_first": true,
				"choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana L"}, &quote); res.IsError {
				t.Fatal(text(res))
			}
			if res := call(t, ca, "purchase", map[string]any{"quote_id": quote.QuoteID}, &bought); res.IsError || bought.Line.Personalization != "Ana L" {
				t.Fatalf("a's purchase: %s", text(res))
			}
			for _, r := range []struct {
				name string
				args map[string]any
			}{{"list_orders", nil}, {"get_order", map[string]any{"order_id": bought.OrderID}},
				{"purchase", map[string]any{"quote_id": quote.QuoteID}}} {
				res := call(t, cb, r.name, r.args, nil)
				b, _ := json.Marshal(res)
				if strings.Contains(string(b), "Ana L") {
					t.Errorf("b's %s shows a's engraving: %s", r.name, b)
				}
			}
			if got := readOrdersResource(t, cb); strings.Contains(got, "Ana L") {
				t.Errorf("b's orders resource shows a's engraving: %s", got)
			}
			orders, _, err := s.tb.Store.ListOrders(context.Background(), store.OrderFilter{CustomerID: b})
			if err != nil || len(orders) != 0 {
				t.Fatalf("b's orders: %+v, %v", orders, err)
			}
		})
	}
}

// TestCartWithChoices: a ring in size 7 engraved "Ana" and the same ring in size 9
// engraved "Bo" are two cart lines; adding size 7 "Ana" again (spelt otherwise) adds
// to its line; update_cart needs the choices to tell the lines apart, and refuses
// without them naming both; checkout buys both lines with their choices, the seller
// gets each line's, and the cart empties.
func TestCartWithChoices(t *testing.T) {
	s := newStorefront(t)
	ring, _ := choiceProducts(t, s)
	c := s.client(t, nil, "2025-11-25")
	add := func(size, name string, qty int) cartResult {
		t.Helper()
		var out cartResult
		res := call(t, c, "add_to_cart", map[string]any{"product_id": ring.ID, "quantity": qty,
			"choices": map[string]any{"ring_size": size, "metal": "gold"}, "personalization": name}, &out)
		if res.IsError {
			t.Fatalf("add_to_cart size %s: %s", size, text(res))
		}
		return out
	}
	add("7", "Ana", 1)
	add("9", "Bo", 1)
	cart := add("7.0", "Ana", 1)
	if len(cart.Sellers) != 1 || len(cart.Sellers[0].Lines) != 2 {
		t.Fatalf("cart: %+v", cart)
	}
	got := map[string]int{}
	for _, l := range cart.Sellers[0].Lines {
		got[l.Choices[0].Value+"/"+l.Personalization] = l.Quantity
	}
	if got["7/Ana"] != 2 || got["9/Bo"] != 1 {
		t.Fatalf("cart lines by size and name: %v", got)
	}
	if res := call(t, c, "add_to_cart", map[string]any{"product_id": ring.ID, "choices": map[string]any{"ring_size": "12", "metal": "gold"}, "personalization": "Ana"}, nil); !res.IsError ||
		!strings.Contains(text(res), "«5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9»") {
		t.Fatalf("add_to_cart size 12: %s", text(res))
	}
	res := call(t, c, "update_cart", map[string]any{"product_id": ring.ID, "quantity": 1}, nil)
	if !res.IsError || !strings.Contains(text(res), "in 2 lines") || !strings.Contains(text(res), `personalization "Bo"`) {
		t.Fatalf("update_cart without choices: %s", text(res))
	}
	var updated cartResult
	res = call(t, c, "update_cart", map[string]any{"product_id": ring.ID, "quantity": 1, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, &updated)
	if res.IsError || len(updated.Sellers[0].Lines) != 2 {
		t.Fatalf("update_cart of the size-7 line: %s", text(res))
	}

	var co checkoutResult
	res = call(t, c, "checkout", map[string]any{}, &co)
	if co.Status == "confirmation_required" {
		if !strings.Contains(text(res), "personalization «Ana»") || !strings.Contains(text(res), "personalization «Bo»") {
			t.Errorf("the checkout's quote does not show both lines' choices: %s", text(res))
		}
		res = call(t, c, "checkout", map[string]any{"quote_id": co.QuoteID}, &co)
	}
	if res.IsError || len(co.Orders) != 1 || len(co.Orders[0].Lines) != 2 {
		t.Fatalf("checkout: %s", text(res))
	}
	o, err := s.tb.Store.Order(context.Background(), s.tb.Customer, co.Orders[0].OrderID)
	if err != nil {
		t.Fatal(err)
	}
	seller := map[string]int{}
	for _, l := range sellerSessionLines(t, s, o.SellerID, o.SessionID) {
		if len(l.VariantOptions) != 2 || len(l.CustomAttributes) != 1 {
			t.Fatalf("a seller line without its choices: %+v", l)
		}
		seller[l.VariantOptions[0].Value+"/"+l.CustomAttributes[0].Value] = l.Quantity
	}
	if len(seller) != 2 || seller["7/Ana"] != 1 || seller["9/Bo"] != 1 {
		t.Fatalf("the seller's lines: %v", seller)
	}
	var after viewCartResult
	if res := call(t, c, "view_cart", nil, &after); res.IsError || len(after.Sellers) != 0 {
		t.Fatalf("the cart after checkout: %s", text(res))
	}
}

// TestDialogsNameChoices: the purchase confirmation dialog names each option on a line
// of its own and the personalisation; the cancellation dialog's items carry them; a
// line without choices says nothing of them.
func TestDialogsNameChoices(t *testing.T) {
	ch := store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "7"}, {Name: "metal", Value: "Gold"}}, Personalization: "Ana"}
	p := store.Purchase{Title: "Band Ring", SellerName: "Magpie", Quantity: 1, Subtotal: 4100, Total: 4100, Currency: "USD",
		CardBrand: "visa", CardLast4: "4242", ProductID: "RG", Lines: []store.Line{{ProductID: "RG", Title: "Band Ring", Quantity: 1, Choices: ch}}}
	if msg := confirmationMessage(p, "", nil); !strings.Contains(msg, "\nQuantity: 1\nRing size: «7»\nMetal: «Gold»\nPersonalization: «Ana»\n") {
		t.Errorf("purchase dialog %q", msg)
	}
	plain := p
	plain.Lines = []store.Line{{ProductID: "RG", Title: "Band Ring", Quantity: 1}}
	if msg := confirmationMessage(plain, "", nil); strings.Contains(msg, "Personalization") || strings.Contains(msg, "Ring size") {
		t.Errorf("dialog without choices %q", msg)
	}
	o := store.Order{ID: "ord_1", ProductID: "RG", Title: "Band Ring", Quantity: 1, Currency: "USD", Lines: p.Lines}
	if items := viewOf(o, nil).dialogItems(nil); !strings.Contains(items, "1 × «Band Ring» (ring_size «7», metal «Gold», personalization «Ana»)") {
		t.Errorf("cancellation dialog items %q", items)
	}
}

// ringPlan puts a ring-of-the-month plan in s's catalog: sizes 5 to 9, Silver or
// Gold, a name to engrave required.
func (s *storefront) ringPlan(t testing.TB) catalog.Product {
	t.Helper()
	ctx := context.Background()
	p, err := s.tb.Catalog.Product(ctx, "ml-sub-0001")
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.Title, p.GroupID, p.GTIN = "RING-CLUB-1", "Ring of the Month", "", ""
	p.Attributes = map[string]string{"ring_size": "5, 6, 7, 8, 9", "metal": "Silver, Gold",
		catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required: the name to engrave"}
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSubscribeWithChoices: a ring-of-the-month plan subscribed to in size 7, Gold,
// "Ana" end to end in the sandbox: subscribe refuses it without choices in the words
// purchase uses; the quote's summary, the dialog, the subscription and
// list_subscriptions name the choices; a confirmation for another size is refused; the
// first cycle's order carries them; when the seller drops size 7 the next renewal is
// not charged and list_subscriptions says why; the engraving is in no log line.
func TestSubscribeWithChoices(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now})
	c := s.client(t, nil, "2025-11-25")
	p := s.ringPlan(t)
	res := call(t, c, "subscribe", map[string]any{"product_id": p.ID}, nil)
	if !res.IsError || !strings.Contains(text(res), "is made to order in a choice of ring_size") || !strings.Contains(text(res), "Nothing was charged") {
		t.Fatalf("subscribe without choices: %s", text(res))
	}
	const said = "(ring_size «7», metal «Gold», personalization «Ana»)"
	want := []choiceView{{"ring_size", "7"}, {"metal", "Gold"}}
	var q subscribeResult
	res = call(t, c, "subscribe", map[string]any{"product_id": p.ID, "choices": map[string]any{"ring_size": 7, "metal": "gold"}, "personalization": "Ana"}, &q)
	if res.IsError || q.Status != "confirmation_required" || !strings.Contains(q.Summary, said) ||
		!equalChoices(q.Subscription.Choices, want) || q.Subscription.Personalization != "Ana" {
		t.Fatalf("subscribe: %s / %+v", text(res), q.Subscription)
	}
	u, err := s.tb.Store.SubscriptionByQuote(ctx, s.tb.Customer, q.QuoteID)
	if err != nil {
		t.Fatal(err)
	}
	if msg := subscribeDialog(u, nil).Message; !strings.Contains(msg, "\nQuantity: 1 each cycle\nRing size: «7»\nMetal: «Gold»\nPersonalization: «Ana»\n") {
		t.Errorf("the subscription dialog does not name the choices: %q", msg)
	}
	res = call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID, "choices": map[string]any{"ring_size": "9", "metal": "Gold"}, "personalization": "Ana"}, nil)
	if !res.IsError || !strings.Contains(text(res), `with ring_size "7", metal "Gold", personalization "Ana", not with`) || s.charges() != 0 {
		t.Fatalf("confirming the size-7 quote for size 9: %s (%d charges)", text(res), s.charges())
	}
	var sub subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" ||
		sub.FirstCharge == nil || sub.FirstCharge.OrderID == "" || !strings.Contains(sub.Summary, said) {
		t.Fatalf("confirm: %s", text(res))
	}
	var o orderView
	if res := call(t, c, "get_order", map[string]any{"order_id": sub.FirstCharge.OrderID}, &o); res.IsError ||
		!equalChoices(o.Line.Choices, want) || o.Line.Personalization != "Ana" {
		t.Fatalf("the first cycle's order: %s", text(res))
	}
	var list listSubscriptionsResult
	res = call(t, c, "list_subscriptions", nil, &list)
	if len(list.Subscriptions) != 1 || !equalChoices(list.Subscriptions[0].Choices, want) || list.Subscriptions[0].Personalization != "Ana" ||
		!strings.Contains(text(res), said) {
		t.Fatalf("list_subscriptions: %s", text(res))
	}

	// The seller drops size 7: the next renewal is not charged, and says why.
	p.Attributes["ring_size"] = "5, 6, 8, 9"
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(32 * 24 * time.Hour)
	if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paused != 1 || s.charges() != 1 {
		t.Fatalf("renewal of size 7 no longer offered: %+v, %v, %d charges; want paused, 1 charge", rep, err, s.charges())
	}
	res = call(t, c, "list_subscriptions", nil, &list)
	for _, w := range []string{"This renewal of subscription " + sub.Subscription.ID + " was not charged", "is no longer offered with ring_size «7», which the subscription chose; the ring_size values offered now are «5, 6, 8, 9»", "change_subscription with choices the product offers now"} {
		if !strings.Contains(list.Subscriptions[0].PausedReason, w) || !strings.Contains(text(res), w) {
			t.Errorf("list_subscriptions does not say %q: %s", w, text(res))
		}
	}

	// change_subscription: a size not offered is refused with the values offered; size
	// 9 is quoted (nothing changes, nothing charged), and once confirmed the paused
	// subscription resumes and its due cycle is bought in size 9.
	subID := sub.Subscription.ID
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": subID, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, nil)
	if !res.IsError || !strings.Contains(text(res), "5, 6, 8, 9") || !strings.Contains(text(res), "Nothing was charged") {
		t.Fatalf("change to size 7: %s", text(res))
	}
	var cq changeSubscriptionResult
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": subID, "choices": map[string]any{"ring_size": "9", "metal": "silver"}, "personalization": "Bo"}, &cq)
	size9 := []choiceView{{"ring_size", "9"}, {"metal", "Silver"}}
	if res.IsError || cq.Status != "confirmation_required" || cq.QuoteID == "" || !equalChoices(cq.NewChoices, size9) || cq.NewPersonal != "Bo" ||
		!strings.Contains(cq.Summary, "now with (ring_size «9», metal «Silver», personalization «Bo»)") || !strings.Contains(cq.Summary, "Confirming resumes it") ||
		cq.Subscription.Status != "paused" || !equalChoices(cq.Subscription.Choices, want) || s.charges() != 1 {
		t.Fatalf("change quote: %s (%d charges)", text(res), s.charges())
	}
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": subID, "quote_id": cq.QuoteID, "choices": map[string]any{"ring_size": "9"}}, nil)
	if !res.IsError || !strings.Contains(text(res), "give quote_id alone") {
		t.Fatalf("confirming with choices: %s", text(res))
	}
	var done changeSubscriptionResult
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": subID, "quote_id": cq.QuoteID}, &done)
	if res.IsError || done.Status != "active" || !equalChoices(done.Subscription.Choices, size9) || done.Subscription.Personalization != "Bo" ||
		done.Charge == nil || done.Charge.OrderID == "" || s.charges() != 2 {
		t.Fatalf("change confirmed: %s (%d charges)", text(res), s.charges())
	}
	if res := call(t, c, "get_order", map[string]any{"order_id": done.Charge.OrderID}, &o); res.IsError ||
		!equalChoices(o.Line.Choices, size9) || o.Line.Personalization != "Bo" {
		t.Fatalf("the resumed cycle's order: %s", text(res))
	}
	// The next renewal a month on is bought in size 9 too.
	clock.Advance(32 * 24 * time.Hour)
	if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 3 {
		t.Fatalf("the renewal after the change: %+v, %v, %d charges", rep, err, s.charges())
	}
	var orders listOrdersResult
	if res := call(t, c, "list_orders", nil, &orders); res.IsError || len(orders.Orders) != 3 || !equalChoices(orders.Orders[0].Line.Choices, size9) {
		t.Fatalf("list_orders after the renewal: %s", text(res))
	}
	if strings.Contains(s.logs.String(), "Ana") || strings.Contains(s.logs.String(), "«Bo»") {
		t.Error("an engraving reached a log line")
	}
}

// TestChoicesChangedWords: the words of a renewal refused because the product no
// longer takes the subscription's choices say, for each way it changed, what changed.
func TestChoicesChangedWords(t *testing.T) {
	base := checkout.RefusalParams{ProductID: "RING-CLUB-1", Title: "Ring of the Month", QuoteID: "sub_1"}
	for _, tc := range []struct {
		problem catalog.ChoiceProblem
		params  func(p *checkout.RefusalParams)
		want    string
	}{
		{catalog.ChoiceNotOffered, func(p *checkout.RefusalParams) { p.Option, p.AskedValue, p.Offered = "ring_size", "7", "5, 6" },
			"is no longer offered with ring_size «7», which the subscription chose; the ring_size values offered now are «5, 6»"},
		{catalog.ChoiceMissing, func(p *checkout.RefusalParams) { p.Option, p.Offered = "stone", "Ruby, Opal" },
			"now asks for a choice of stone («Ruby, Opal»), which the subscription did not make"},
		{catalog.ChoiceUnknown, func(p *checkout.RefusalParams) { p.AskedValue, p.Offered = "metal", "ring_size" },
			"no longer has the option «metal» that the subscription chose; its options now are ring_size"},
		{catalog.ChoiceUnknown, func(p *checkout.RefusalParams) { p.AskedValue = "metal" }, "no longer has the option «metal» that the subscription chose, nor any other"},
		{catalog.PersonalizationMissing, func(*checkout.RefusalParams) {}, "now requires a personalization"},
		{catalog.PersonalizationTooLong, func(p *checkout.RefusalParams) { p.Max = 2 }, "now takes a personalization of at most 2 characters"},
		{catalog.PersonalizationNotTaken, func(*checkout.RefusalParams) {}, "no longer takes the personalization the subscription gave"},
	} {
		p := base
		p.ChoiceProblem = string(tc.problem)
		tc.params(&p)
		got := refusalText(&checkout.Refusal{Code: checkout.RefusalChoicesChanged, Params: p})
		if !strings.Contains(got, "This renewal of subscription sub_1 was not charged: «Ring of the Month» (product_id RING-CLUB-1) "+tc.want) {
			t.Errorf("%s: %q", tc.problem, got)
		}
	}
}
