package tools

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// secretMarks are what the secrets of a purchase look like: Stripe keys, the sandbox
// sellers' API keys, Shared Payment Token ids, bearer headers and card numbers.
var secretMarks = []string{"sk_test_", "sk_live_", "rk_test_", "rk_live_", "seller_key_", "spt_", "Bearer ", "4242424242424242", "4000000000000002"}

// TestNoSecretsInResultsOrLogs runs purchases that succeed, need confirmation, are
// declined, and meet seller and Stripe failures, with every log at debug level, and
// searches all tool results and log lines for secrets.
func TestNoSecretsInResultsOrLogs(t *testing.T) {
	var failing sync.Map // seller id → bool
	s := newStorefrontWith(t, sandbox.Options{
		SellerMiddleware: func(seller string, h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if v, _ := failing.Load(seller); v == true && strings.HasSuffix(r.URL.Path, "/complete") {
					w.WriteHeader(http.StatusInternalServerError)
					io.WriteString(w, `{"type":"processing_error","code":"x","message":"down"}`)
					return
				}
				h.ServeHTTP(w, r)
			})
		},
	})
	ctx := context.Background()
	c := s.client(t, nil, "2025-11-25")
	var results []string
	record := func(res *mcp.CallToolResult) {
		b, _ := json.Marshal(res)
		results = append(results, string(b))
	}
	cheap, dear := demoProduct(t, 1000, 4000), demoProduct(t, 6000, 40000)

	record(call(t, c, "purchase", map[string]any{"product_id": cheap.ID}, nil))
	var quote purchaseResult
	res := call(t, c, "purchase", map[string]any{"product_id": dear.ID}, &quote)
	record(res)
	record(call(t, c, "purchase", map[string]any{"quote_id": quote.QuoteID}, nil))
	record(call(t, c, "purchase", map[string]any{"quote_id": quote.QuoteID}, nil))
	record(call(t, c, "purchase", map[string]any{"product_id": "missing"}, nil))

	failing.Store(cheap.SellerID, true)
	record(call(t, c, "purchase", map[string]any{"product_id": cheap.ID, "idempotency_key": "fail-1"}, nil))
	failing.Store(cheap.SellerID, false)

	if _, err := s.tb.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_chargeDeclined", CustomerID: s.tb.Customer, Brand: "visa", Last4: "0002", Default: true}); err != nil {
		t.Fatal(err)
	}
	record(call(t, c, "purchase", map[string]any{"product_id": cheap.ID}, nil))

	var list listOrdersResult
	res = call(t, c, "list_orders", map[string]any{"limit": 50}, &list)
	record(res)
	for _, o := range list.Orders {
		record(call(t, c, "get_order", map[string]any{"order_id": o.OrderID}, nil))
	}
	if len(list.Orders) < 4 {
		t.Fatalf("expected completed and failed orders, got %d", len(list.Orders))
	}
	all := strings.Join(results, "\n") + "\n" + s.logs.String()
	for _, m := range secretMarks {
		if i := strings.Index(all, m); i >= 0 {
			t.Errorf("secret-looking %q in results or logs: …%s…", m, all[max(0, i-80):min(len(all), i+40)])
		}
	}
	if !strings.Contains(s.logs.String(), "level=") {
		t.Fatal("no logs were captured; the test would prove nothing")
	}
}
