package tools

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
)

// get_order of an order ended charged_no_order asks its seller: a seller that cannot
// be reached leaves the order shown as last known, with words saying so (never an
// error hiding the order); a second call within the interval does not call the seller
// (counted at the HTTP seam); once the seller answers and shows the order, it is
// completed.
func TestGetOrderAsksTheSeller(t *testing.T) {
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	var (
		forgot, down atomic.Bool
		gets         atomic.Int32
	)
	seller := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			isGet := r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/checkout_sessions/")
			if isGet {
				gets.Add(1)
			}
			switch {
			case isGet && down.Load():
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, `{"type":"service_unavailable","code":"down","message":"down"}`)
			case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") && !forgot.Load():
				h.ServeHTTP(httptest.NewRecorder(), r) // charges, and the answer is lost
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
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now, SellerMiddleware: seller})
	c := s.client(t, nil, "")
	call(t, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, nil)
	var list listOrdersResult
	call(t, c, "list_orders", map[string]any{"status": "charged_no_order"}, &list)
	if len(list.Orders) != 1 {
		t.Fatalf("list_orders(charged_no_order) = %+v; want the one order", list.Orders)
	}
	id := list.Orders[0].OrderID

	steps := []struct {
		name    string
		advance time.Duration
		down    bool
		status  string
		says    string // in the text
		check   string // seller_check in the structured result
		asked   bool
	}{
		{"seller down", 0, true, "charged_no_order", "could not be reached to check this order just now", "unreachable", true},
		{"again within the interval", 10 * time.Second, false, "charged_no_order", "asked about this order moments ago", "recently_asked", false},
		{"after the interval, the seller shows the order", 30 * time.Second, false, "completed", "", "", true},
	}
	forgot.Store(false) // from now on the seller answers about its sessions again (unless down)
	for _, st := range steps {
		clock.Advance(st.advance)
		down.Store(st.down)
		before := gets.Load()
		var got orderView
		res := call(t, c, "get_order", map[string]any{"order_id": id}, &got)
		txt := text(res)
		if res.IsError || got.Status != st.status || got.OrderID != id {
			t.Fatalf("%s: get_order = %s (error %v); want %s", st.name, txt, res.IsError, st.status)
		}
		if got.SellerCheck != st.check {
			t.Errorf("%s: seller_check = %q, want %q", st.name, got.SellerCheck, st.check)
		}
		if st.says != "" && !strings.Contains(txt, st.says) {
			t.Errorf("%s: get_order says %q; want %q", st.name, txt, st.says)
		}
		if st.says == "" && strings.Contains(txt, "seller") && strings.Contains(txt, "just now") {
			t.Errorf("%s: get_order says %q; want no words about asking", st.name, txt)
		}
		if strings.Contains(strings.ToLower(txt), "nothing was charged") || strings.Contains(txt, "spt_") {
			t.Errorf("%s: get_order says %q", st.name, txt)
		}
		if asked := gets.Load() > before; asked != st.asked {
			t.Errorf("%s: seller called %v, want %v", st.name, asked, st.asked)
		}
	}
}
