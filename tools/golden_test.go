package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
)

// TestGoldenResults compares the text and the structured result of representative
// tool calls, made in order through an MCP client against the sandbox at a fixed
// time, with golden files in testdata/golden: <case>.txt holds the text and
// <case>.json whether it is an error and the structuredContent. Generated ids
// (ord_…, qt_…) are numbered in order of appearance. `go test ./tools -update`
// rewrites the files.
func TestGoldenResults(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s := newStorefrontWith(t, sandbox.Options{Now: func() time.Time { return now }})
	c := s.client(t, nil, "2025-11-25")
	ids := idNormaliser{}
	for _, tc := range []struct {
		name string
		tool string
		args map[string]any
	}{
		{"search", "search_products", map[string]any{"query": "running shoes", "limit": 3}},
		{"search_brief", "search_products", map[string]any{"query": "running shoes", "limit": 3, "detail": "brief"}},
		{"search_full", "search_products", map[string]any{"query": "running shoes", "limit": 2, "detail": "full"}},
		{"search_understood", "search_products", map[string]any{"query": "i'm looking for trail running shoes under $150 rated 4+", "limit": 3}},
		{"refusal_over_order_limit", "purchase", map[string]any{"product_id": "nw-shoe-0001", "quantity": 3}},
		{"purchase_completed", "purchase", map[string]any{"product_id": "nw-actv-0001"}},
		{"recommend_after_purchase", "recommend", map[string]any{"limit": 3}},
		{"add_to_cart", "add_to_cart", map[string]any{"product_id": "hh-cof-0004", "quantity": 2}},
		{"add_to_cart_second_seller", "add_to_cart", map[string]any{"product_id": "cy-hp-0001"}},
		{"view_cart", "view_cart", nil},
		{"checkout_confirmation_required", "checkout", map[string]any{"fulfillment_option_id": "express"}},
		{"get_product_subscription", "get_product", map[string]any{"product_id": "cy-sub-0001"}},
		{"subscribe_confirmation_required", "subscribe", map[string]any{"product_id": "cy-sub-0002"}},
		{"set_shipping_address_invalid", "set_shipping_address", map[string]any{"name": "Ada", "line1": "1 Main St", "city": "Austin", "region": "Texas", "postal_code": "73301", "country": "US"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			goldenResult(t, tc.name, call(t, c, tc.tool, tc.args, nil), ids)
		})
	}
	// After the order: the purchase above, then its cancellation (below the
	// confirmation threshold: refunded at once) as get_order shows it.
	list := call(t, c, "list_orders", map[string]any{"limit": 1}, nil)
	order := list.StructuredContent.(map[string]any)["orders"].([]any)[0].(map[string]any)["order_id"].(string)
	for _, tc := range []struct{ name, tool string }{{"cancel_order_refunded", "cancel_order"}, {"get_order_refunded", "get_order"}} {
		t.Run(tc.name, func(t *testing.T) {
			goldenResult(t, tc.name, call(t, c, tc.tool, map[string]any{"order_id": order}, nil), ids)
		})
	}
	// The subscription quoted above (after the orders above, so that list_orders shows
	// the purchase's), confirmed, then listed.
	subs := goldenQuote(t, c, "cy-sub-0002")
	for _, tc := range []struct {
		name, tool string
		args       map[string]any
	}{
		{"subscribe_confirmed", "subscribe", map[string]any{"quote_id": subs}},
		{"list_subscriptions", "list_subscriptions", nil},
		// The next renewal skipped (its date from the listing above), then listed: the
		// skipped renewal is said beside the next one.
		{"skip_next_renewal", "skip_next_renewal", map[string]any{"renewal": ""}},
		{"list_subscriptions_skipped", "list_subscriptions", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.tool == "skip_next_renewal" {
				l := call(t, c, "list_subscriptions", nil, nil)
				u := l.StructuredContent.(map[string]any)["subscriptions"].([]any)[0].(map[string]any)
				tc.args = map[string]any{"subscription_id": u["id"], "renewal": u["next_renewal"]}
			}
			goldenResult(t, tc.name, call(t, c, tc.tool, tc.args, nil), ids)
		})
	}
}

// TestGoldenResultsCutTitle: an order of a shoe whose title is longer than an order's
// text shows, with its size and width where the cut takes them out, as get_order,
// list_orders and cancel_order name it (the title's end kept, the size and width said
// after it), compared with golden files as in TestGoldenResults. Its own storefront:
// list_orders then lists the one order.
func TestGoldenResultsCutTitle(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s := newStorefrontWith(t, sandbox.Options{Now: func() time.Time { return now }})
	c := s.client(t, nil, "2025-11-25")
	ids := idNormaliser{}
	cut, _ := longShoes(t, s)
	var bought purchaseResult
	call(t, c, "purchase", map[string]any{"product_id": cut}, &bought)
	if bought.Status == "confirmation_required" {
		call(t, c, "purchase", map[string]any{"quote_id": bought.QuoteID}, &bought)
	}
	if bought.OrderID == "" {
		t.Fatalf("purchase %s: %+v", cut, bought)
	}
	for _, tc := range []struct {
		name, tool string
		args       map[string]any
	}{
		{"get_order_cut_title", "get_order", map[string]any{"order_id": bought.OrderID}},
		{"list_orders_cut_title", "list_orders", map[string]any{"limit": 50}},
		{"cancel_order_cut_title", "cancel_order", map[string]any{"order_id": bought.OrderID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			goldenResult(t, tc.name, call(t, c, tc.tool, tc.args, nil), ids)
		})
	}
}

// goldenQuote quotes a subscription to product and returns its quote_id.
func goldenQuote(t *testing.T, c *client.Client, product string) string {
	t.Helper()
	res := call(t, c, "subscribe", map[string]any{"product_id": product}, nil)
	q, _ := res.StructuredContent.(map[string]any)["quote_id"].(string)
	if res.IsError || q == "" {
		t.Fatalf("subscribe %s: %s", product, text(res))
	}
	return q
}

// goldenResult compares res with the golden files <name>.txt (its text) and
// <name>.json (whether it is an error, and its structuredContent), generated ids
// numbered by ids (nil: kept as they are).
func goldenResult(t *testing.T, name string, res *mcp.CallToolResult, ids idNormaliser) {
	t.Helper()
	var structured strings.Builder
	enc := json.NewEncoder(&structured)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"isError": res.IsError, "structuredContent": res.StructuredContent}); err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string { return s }
	if ids != nil {
		norm = ids.replace
	}
	golden(t, name+".txt", norm(text(res)+"\n"))
	golden(t, name+".json", norm(structured.String()))
}

// golden compares got with testdata/golden/name, or writes it there with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file %s (run go test ./tools -update and commit it): %v", path, err)
	}
	if !bytes.Equal([]byte(got), want) {
		t.Errorf("%s differs; if the change is intended run go test ./tools -update\ngot:\n%s", path, got)
	}
}

// generatedID matches the random ids the server and the sandbox mint: a prefix, an
// underscore and at least 12 letters and digits (store.NewID).
var generatedID = regexp.MustCompile(`\b([a-z]+)_([a-z0-9]{12,})\b`)

// idNormaliser replaces generated ids by their prefix and their number in order of
// first appearance (ord_1, qt_2), the same id by the same number.
type idNormaliser map[string]string

func (n idNormaliser) replace(s string) string {
	return generatedID.ReplaceAllStringFunc(s, func(id string) string {
		if r, ok := n[id]; ok {
			return r
		}
		m := generatedID.FindStringSubmatch(id)
		n[id] = fmt.Sprintf("%s_%d", m[1], len(n)+1)
		return n[id]
	})
}
