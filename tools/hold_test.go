package tools

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A seller that authorizes (a hold on the card) and then has no order to show: the
// purchase, its retry with the same idempotency_key, and get_order (which asks the
// seller and Stripe again, over HTTP) all word the hold with its amount and end date,
// never "could not be reached" and never "nothing charged"; get_order's seller_check
// is held.
func TestHeldOrderWords(t *testing.T) {
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	var forgot atomic.Bool
	seller := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") && !forgot.Load():
				h.ServeHTTP(httptest.NewRecorder(), r) // authorizes, and the answer is lost
				forgot.Store(true)
				fallthrough
			case forgot.Load() && strings.Contains(r.URL.Path, "/checkout_sessions/"):
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, `{"type":"invalid_request","code":"not_found","message":"no such checkout session"}`)
			default:
				h.ServeHTTP(w, r)
			}
		})
	}
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now, SellerMiddleware: seller, ManualCapture: true})
	c := s.client(t, nil, "")
	args := map[string]any{"product_id": "nw-actv-0001", "idempotency_key": "held-words-1"}
	var bought purchaseResult
	res := call(t, c, "purchase", args, &bought)
	if res.IsError || bought.Status != "pending" || bought.OrderID == "" {
		t.Fatalf("purchase: %s", text(res))
	}
	// The hold lapses 31 days after the token's expiry (15 minutes after the purchase).
	until := "until April 2, 2026"
	wantHold := func(what, got string) {
		t.Helper()
		for _, want := range []string{"a hold of up to $", "may be on the card", until} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: text %q lacks %q", what, got, want)
			}
		}
		for _, never := range []string{"could not be reached", "nothing was charged", "nothing charged"} {
			if strings.Contains(strings.ToLower(got), never) {
				t.Errorf("%s: text %q says %q", what, got, never)
			}
		}
	}
	wantHold("purchase", text(res))
	res = call(t, c, "purchase", args, nil)
	wantHold("purchase retried with the same key", text(res))

	clock.Advance(time.Hour) // past --recover-after: get_order asks the seller and Stripe
	var v orderView
	res = call(t, c, "get_order", map[string]any{"order_id": bought.OrderID}, &v)
	if res.IsError || v.Status != "pending" || v.SellerCheck != "held" {
		t.Errorf("get_order: status %q, seller_check %q; want pending, held: %s", v.Status, v.SellerCheck, text(res))
	}
	wantHold("get_order", text(res))
}

// get_order of a completed order the person asked to cancel while the seller showed
// no order (the journal's cancel_asked, not withdrawn) says that cancel_order can now
// ask the seller; a withdrawn ask says nothing.
func TestGetOrderSaysCancelAskedBefore(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	var bought purchaseResult
	if res := call(t, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, &bought); res.IsError || bought.Status != "completed" {
		t.Fatalf("purchase: %s", text(res))
	}
	o, err := s.tb.Store.Order(context.Background(), s.tb.Customer, bought.OrderID)
	if err != nil {
		t.Fatal(err)
	}
	const asked = "asked to cancel this order before the seller showed it"
	for _, tc := range []struct {
		name string
		step string // journaled next
		want bool
	}{
		{"nobody asked", "", false},
		{"asked before the order turned up", store.StepCancelAsked, true},
		{"the ask refused and withdrawn", store.StepCancelWithdrawn, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.step != "" {
				if err := s.tb.Store.Journal(context.Background(), o.PurchaseID, tc.step, ""); err != nil {
					t.Fatal(err)
				}
			}
			got := text(call(t, c, "get_order", map[string]any{"order_id": o.ID}, nil))
			if strings.Contains(got, asked) != tc.want || tc.want && !strings.Contains(got, "call cancel_order with order_id "+o.ID) {
				t.Errorf("get_order text %q; want the cancel ask told: %v", got, tc.want)
			}
		})
	}
}
