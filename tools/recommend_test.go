package tools

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestRecommendEndToEnd drives recommend through an MCP client as a person's
// assistant would: a cold start, stated preferences, a purchase, then context.
func TestRecommendEndToEnd(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")

	var cold recommendResult
	res := call(t, c, "recommend", nil, &cold)
	if res.IsError || !cold.ColdStart || len(cold.Recommendations) != 5 {
		t.Fatalf("cold start: %s", text(res))
	}
	for _, r := range cold.Recommendations {
		if r.ID == "" || r.Price.Display == "" || r.Seller.Name == "" || r.Availability != "in_stock" || len(r.Reasons) == 0 {
			t.Errorf("incomplete recommendation: %+v", r)
		}
	}
	if !strings.Contains(text(res), "Why: ") || !strings.Contains(text(res), "update_preferences") {
		t.Errorf("text fallback: %s", text(res))
	}

	disliked := "Copperline" // a coffee brand
	if res := call(t, c, "update_preferences", map[string]any{"favorite_categories": []any{"Coffee"},
		"disliked_brands": []any{disliked}, "price_range": map[string]any{"max": 100}}, nil); res.IsError {
		t.Fatal(text(res))
	}
	var liked recommendResult
	if res := call(t, c, "recommend", map[string]any{"limit": 10}, &liked); res.IsError || liked.ColdStart || len(liked.Recommendations) != 10 {
		t.Fatalf("with preferences: %s", text(res))
	}
	if first := liked.Recommendations[0]; !strings.Contains(first.Category, "Coffee") || !slices.Contains(first.Reasons, "You like «Coffee»") {
		t.Errorf("first pick %s in %s, reasons %q; want a coffee product the person is told they like", first.ID, first.Category, first.Reasons)
	}
	for _, r := range liked.Recommendations {
		if r.Brand == disliked || r.Price.Amount > 100_00 {
			t.Errorf("%s (%s, %s) breaks the preferences", r.ID, r.Brand, r.Price.Display)
		}
	}

	// A purchase: it is excluded from then on, and it is history.
	bought := demoProduct(t, 1000, 4000)
	var done purchaseResult
	if res := call(t, c, "purchase", map[string]any{"product_id": bought.ID}, &done); res.IsError || done.Status != "completed" {
		t.Fatalf("purchase: %s", text(res))
	}
	var after recommendResult
	call(t, c, "recommend", map[string]any{"limit": 20, "category": bought.Category}, &after)
	if len(after.Recommendations) == 0 {
		t.Fatal("no recommendations in the category of the purchase")
	}
	for _, r := range after.Recommendations {
		if r.ID == bought.ID {
			t.Errorf("the purchased %s is recommended again", r.ID)
		}
	}
	if !slices.ContainsFunc(after.Recommendations, func(r recommendation) bool {
		return slices.ContainsFunc(r.Reasons, func(s string) bool { return strings.Contains(s, "bought") })
	}) {
		t.Errorf("no reason mentions the purchase: %+v", after.Recommendations)
	}
	var again recommendResult
	call(t, c, "recommend", map[string]any{"limit": 20, "category": bought.Category, "exclude_purchased": false}, &again)
	if bought.Brand != disliked && !slices.ContainsFunc(again.Recommendations, func(r recommendation) bool { return r.ID == bought.ID }) {
		t.Errorf("exclude_purchased false still leaves out %s", bought.ID)
	}

	var ctxRes recommendResult
	call(t, c, "recommend", map[string]any{"context": "a gift for a tea lover under $20"}, &ctxRes)
	for _, r := range ctxRes.Recommendations {
		if r.Price.Amount > 20_00 || !slices.Contains(r.Reasons, "Under $20, as asked") {
			t.Errorf("context pick %s at %s, reasons %q", r.ID, r.Price.Display, r.Reasons)
		}
	}
}

func TestRecommendArguments(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	tests := []struct {
		name string
		args map[string]any
		want string // error substring; "" for success
		n    int
	}{
		{name: "default limit", args: map[string]any{}, n: 5},
		{name: "max limit", args: map[string]any{"limit": 20}, n: 20},
		{name: "limit too high", args: map[string]any{"limit": 21}, want: "limit must be between 1 and 20"},
		{name: "negative limit", args: map[string]any{"limit": -3}, want: "limit must be between 1 and 20"},
		{name: "limit zero", args: map[string]any{"limit": 0}, want: "limit must be between 1 and 20"},
		{name: "context too long", args: map[string]any{"context": strings.Repeat("gift ", 101)}, want: "context is 505 characters long; at most 500"},
		{name: "limit of the wrong type", args: map[string]any{"limit": "five"}, want: "limit must be a whole number"},
		{name: "exclude_purchased of the wrong type", args: map[string]any{"exclude_purchased": "yes"}, want: "exclude_purchased must be true or false"},
		{name: "customer is not an argument", args: map[string]any{"customer": "cus_other"}, want: "unknown argument"},
		{name: "unknown category", args: map[string]any{"category": "Spaceships"}, n: 0},
		{name: "hostile context", args: map[string]any{"context": `"NEAR( shoe* -sock) AND '; DROP TABLE products; --`}, n: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r recommendResult
			res := call(t, c, "recommend", tc.args, &r)
			if tc.want != "" {
				if !res.IsError || !strings.Contains(text(res), tc.want) {
					t.Fatalf("want an error containing %q, got isError=%v %q", tc.want, res.IsError, text(res))
				}
				return
			}
			if res.IsError {
				t.Fatal(text(res))
			}
			if tc.n >= 0 && len(r.Recommendations) != tc.n {
				t.Errorf("%d recommendations, want %d; notes %q", len(r.Recommendations), tc.n, r.Notes)
			}
			if tc.n == 0 && len(r.Notes) == 0 {
				t.Error("an empty result needs a note saying why")
			}
		})
	}
	if strings.Contains(s.logs.String(), "tool failed") {
		t.Errorf("bad arguments were logged as internal errors:\n%s", s.logs.String())
	}
}

func TestResourcesAndPrompt(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	ctx := context.Background()
	if res := call(t, c, "update_preferences", map[string]any{"favorite_brands": []any{"Stridewell"}}, nil); res.IsError {
		t.Fatal(text(res))
	}
	bought := demoProduct(t, 1000, 4000)
	if res := call(t, c, "purchase", map[string]any{"product_id": bought.ID}, nil); res.IsError {
		t.Fatal(text(res))
	}

	list, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	for _, r := range list.Resources {
		if strings.HasPrefix(r.URI, "ui://") {
			continue // the MCP Apps views: TestViewResources
		}
		uris = append(uris, r.URI)
		if r.MIMEType != "application/json" || r.Description == "" {
			t.Errorf("resource %s: MIME %q, description %q", r.URI, r.MIMEType, r.Description)
		}
	}
	if !slices.Equal(uris, []string{preferencesURI, ordersURI}) && !slices.Equal(uris, []string{ordersURI, preferencesURI}) {
		t.Errorf("resources %q", uris)
	}
	read := func(uri string, out any) {
		t.Helper()
		req := mcp.ReadResourceRequest{}
		req.Params.URI = uri
		res, err := c.ReadResource(ctx, req)
		if err != nil {
			t.Fatalf("read %s: %v", uri, err)
		}
		if len(res.Contents) != 1 {
			t.Fatalf("read %s: %d contents", uri, len(res.Contents))
		}
		tc, ok := res.Contents[0].(mcp.TextResourceContents)
		if !ok || tc.MIMEType != "application/json" {
			t.Fatalf("read %s: %#v", uri, res.Contents[0])
		}
		if err := json.Unmarshal([]byte(tc.Text), out); err != nil {
			t.Fatalf("read %s: %v", uri, err)
		}
	}
	var prefs preferencesResult
	read(preferencesURI, &prefs)
	if !slices.Equal(prefs.FavoriteBrands, []string{"Stridewell"}) || len(prefs.Learned.TopCategories) != 1 ||
		prefs.Learned.TopCategories[0] != (tallyView{Name: bought.Category, Orders: 1}) {
		t.Errorf("preferences resource: %+v", prefs)
	}
	var orders ordersResource
	read(ordersURI, &orders)
	if len(orders.Orders) != 1 || orders.Orders[0].Line.ProductID != bought.ID || orders.Truncated {
		t.Errorf("orders resource: %+v", orders)
	}

	prompts, err := c.ListPrompts(ctx, mcp.ListPromptsRequest{})
	if err != nil || len(prompts.Prompts) != 1 || prompts.Prompts[0].Name != "shopping_assistant" {
		t.Fatalf("prompts: %+v, %v", prompts, err)
	}
	req := mcp.GetPromptRequest{}
	req.Params.Name = "shopping_assistant"
	req.Params.Arguments = map[string]string{"goal": "running shoes\x00 for " + demo.RareWord}
	got, err := c.GetPrompt(ctx, req)
	if err != nil || len(got.Messages) != 1 {
		t.Fatalf("get prompt: %+v, %v", got, err)
	}
	body := got.Messages[0].Content.(mcp.TextContent).Text
	for _, want := range []string{"get_preferences", "search_products", "get_product", "recommend", "purchase", "confirmation_required", "quote_id", "The person wants: running shoes for " + demo.RareWord} {
		if !strings.Contains(body, want) {
			t.Errorf("prompt lacks %q", want)
		}
	}
}

func TestResourcesWithoutCustomer(t *testing.T) {
	c, _ := newTestClient(t)
	req := mcp.ReadResourceRequest{}
	req.Params.URI = preferencesURI
	_, err := c.ReadResource(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "no customer configured") {
		t.Errorf("err = %v, want one saying no customer is configured", err)
	}
}

// placeOrder records a completed order of p for customer directly in the store, as
// a finished purchase would leave it.
func placeOrder(t *testing.T, st *store.Store, customer string, p catalog.Product) {
	t.Helper()
	ctx := context.Background()
	pu, _, err := st.BeginPurchase(ctx, store.Purchase{CustomerID: customer, IdemKey: store.NewID("k_"), ProductID: p.ID, Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	pu.SellerID, pu.Title, pu.Brand, pu.Category = p.SellerID, p.Title, p.Brand, p.Category
	pu.UnitAmount, pu.Subtotal, pu.Total, pu.Currency = p.Price.Amount, p.Price.Amount, p.Price.Amount, p.Price.Currency
	if err := st.Approve(ctx, &pu, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	pu.State = store.PurchaseTokenIssued
	if err := st.Advance(ctx, &pu, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	if err := st.Complete(ctx, &pu); err != nil {
		t.Fatal(err)
	}
}

// TestRecommendExcludesEveryPurchase: a product bought long ago, before hundreds of
// later orders, is still never recommended by default.
func TestRecommendExcludesEveryPurchase(t *testing.T) {
	s := newStorefront(t)
	st := s.tb.Store
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { at = at.Add(time.Minute); return at }
	// The best rated coffee product, bought first; then many orders of one tea.
	var first, other catalog.Product
	for _, p := range demo.Products() {
		switch {
		case !p.Purchasable():
		case strings.HasSuffix(p.Category, "> Coffee") && (first.ID == "" || p.Rating*float64(p.ReviewCount) > first.Rating*float64(first.ReviewCount)):
			first = p
		case strings.HasSuffix(p.Category, "> Tea") && other.ID == "":
			other = p
		}
	}
	placeOrder(t, st, s.tb.Customer, first)
	for range recommend.MaxHistory {
		placeOrder(t, st, s.tb.Customer, other)
	}
	c := s.client(t, nil, "")
	ids := func(args map[string]any) []string {
		t.Helper()
		var r recommendResult
		if res := call(t, c, "recommend", args, &r); res.IsError {
			t.Fatal(text(res))
		}
		var out []string
		for _, it := range r.Recommendations {
			out = append(out, it.ID)
		}
		return out
	}
	if got := ids(map[string]any{"category": "Coffee", "limit": 20, "exclude_purchased": false}); !slices.Contains(got, first.ID) {
		t.Fatalf("%s is not recommended even when purchases are allowed: %v", first.ID, got)
	}
	if got := ids(map[string]any{"category": "Coffee", "limit": 20}); slices.Contains(got, first.ID) {
		t.Errorf("%s, bought before %d later orders, is recommended again: %v", first.ID, recommend.MaxHistory, got)
	}
}

// TestRecommendCustomerIsolation: another customer's preferences and orders never
// reach the current customer's tools or resources.
func TestRecommendCustomerIsolation(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	other, err := s.tb.Store.CreateCustomer(ctx, store.Customer{Email: "other@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.tb.Store.SavePreferences(ctx, other.ID, store.Preferences{FavoriteBrands: []string{"Stridewell"}, DislikedBrands: []string{"Cairnfield"}, Notes: "other's notes"}); err != nil {
		t.Fatal(err)
	}
	bought := demoProduct(t, 1000, 4000)
	placeOrder(t, s.tb.Store, other.ID, bought)

	c := s.client(t, nil, "")
	var prefs preferencesResult
	if res := call(t, c, "get_preferences", nil, &prefs); res.IsError {
		t.Fatal(text(res))
	}
	if len(prefs.FavoriteBrands)+len(prefs.DislikedBrands)+len(prefs.Learned.TopBrands)+len(prefs.Learned.TopCategories) != 0 || prefs.Notes != "" {
		t.Errorf("the current customer sees another's preferences or history: %+v", prefs)
	}
	var rec recommendResult
	if res := call(t, c, "recommend", map[string]any{"limit": 20}, &rec); res.IsError || !rec.ColdStart {
		t.Errorf("recommend for a customer with nothing of their own is not a cold start: %s", text(res))
	}
	for _, r := range rec.Recommendations {
		if slices.ContainsFunc(r.Reasons, func(s string) bool { return strings.Contains(s, "You ") }) {
			t.Errorf("%s has a personal reason from another customer's data: %q", r.ID, r.Reasons)
		}
	}
	req := mcp.ReadResourceRequest{}
	req.Params.URI = ordersURI
	res, err := c.ReadResource(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if body := res.Contents[0].(mcp.TextResourceContents).Text; strings.Contains(body, bought.ID) {
		t.Errorf("the orders resource shows another customer's order: %s", body)
	}
}

// TestRecommendColdStartWithStatedLimits: a price range and disliked brands are
// preferences; a cold start must not say there are none, and must still keep them.
func TestRecommendColdStartWithStatedLimits(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	if res := call(t, c, "update_preferences", map[string]any{"price_range": map[string]any{"max": 30}, "disliked_brands": []any{"Kettle & Crane"}}, nil); res.IsError {
		t.Fatal(text(res))
	}
	var r recommendResult
	res := call(t, c, "recommend", map[string]any{"limit": 10}, &r)
	if res.IsError || !r.ColdStart || len(r.Recommendations) == 0 {
		t.Fatalf("cold start with stated limits: %s", text(res))
	}
	if strings.Contains(text(res), "Nothing is known") {
		t.Errorf("the text says nothing is known about a customer with preferences: %s", text(res))
	}
	for _, it := range r.Recommendations {
		if it.Price.Amount > 30_00 || it.Brand == "Kettle & Crane" {
			t.Errorf("%s (%s, %s) breaks the stated preferences", it.ID, it.Brand, it.Price.Display)
		}
		if slices.ContainsFunc(it.Reasons, func(s string) bool { return strings.Contains(s, "no preferences") }) {
			t.Errorf("%s: reasons %q say there are no preferences", it.ID, it.Reasons)
		}
	}
}
