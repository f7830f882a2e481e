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

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// get_order of an order ended charged_no_order asks its seller: a seller that cannot
// be reached leaves the order shown as last known, with words saying so (never an
// error hiding the order); a second call within the interval does not call the seller
// (counted at the HTTP seam); once the seller answers and shows the order, it is
// completed.
func TestGetOrderAsksTheSeller(t *testing.T) {
	f := newForgetfulShop(t)
	clock, c, id, gets, forgot, down := f.clock, f.c, f.id, &f.gets, &f.forgot, &f.down

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

// forgetfulShop is a storefront whose seller charged the one purchase made and then
// answered 404 about its session: the order ended charged_no_order. The seller's
// session reads are counted (gets); down has them answered 503; forgot.Store(false)
// has the seller answer about its sessions again.
type forgetfulShop struct {
	*storefront
	clock        *clocktest.Clock
	c            *client.Client
	id           string
	gets         atomic.Int32
	forgot, down atomic.Bool
}

func newForgetfulShop(t *testing.T) *forgetfulShop {
	t.Helper()
	f := &forgetfulShop{clock: clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))}
	seller := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			isGet := r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/checkout_sessions/")
			if isGet {
				f.gets.Add(1)
			}
			switch {
			case isGet && f.down.Load():
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, `{"type":"service_unavailable","code":"down","message":"down"}`)
			case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") && !f.forgot.Load():
				h.ServeHTTP(httptest.NewRecorder(), r) // charges, and the answer is lost
				f.forgot.Store(true)
				fallthrough
			case f.forgot.Load() && strings.Contains(r.URL.Path, "/checkout_sessions/"):
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				io.WriteString(w, `{"type":"invalid_request","code":"not_found","message":"no such checkout session"}`)
			default:
				h.ServeHTTP(w, r)
			}
		})
	}
	f.storefront = newStorefrontWith(t, sandbox.Options{Now: f.clock.Now, SellerMiddleware: seller})
	f.c = f.client(t, nil, "")
	call(t, f.c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, nil)
	var list listOrdersResult
	call(t, f.c, "list_orders", map[string]any{"status": "charged_no_order"}, &list)
	if len(list.Orders) != 1 {
		t.Fatalf("list_orders(charged_no_order) = %+v; want the one order", list.Orders)
	}
	f.id = list.Orders[0].OrderID
	return f
}

// get_order asks no seller when it must not: on a read-only server (which settles
// nothing, and whose description does not say it asks), for another customer's order
// (not found, no seller call), and about an order charged_no_order for longer than
// recovery asks again (a day: it says the seller is no longer asked, to contact it).
// Seller calls are counted at the HTTP seam.
func TestGetOrderAsksNoSellerWhenItMustNot(t *testing.T) {
	for _, tc := range []struct {
		name        string
		setup       func(f *forgetfulShop)
		notFound    bool
		says, check string
	}{
		{"read-only server", func(f *forgetfulShop) { f.tb.ReadOnly = true }, false, "", ""},
		{"another customer's order", func(f *forgetfulShop) { f.tb.Customer = "cus_someone_else" }, true, "", ""},
		{"more than a day after the charge", func(f *forgetfulShop) { f.clock.Advance(25 * time.Hour) }, false,
			"no longer asked about this order automatically", "no_longer_asked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newForgetfulShop(t)
			f.forgot.Store(false) // the seller would show the order if asked
			tc.setup(f)
			c := f.client(t, nil, "")
			before := f.gets.Load()
			var got orderView
			req := mcp.CallToolRequest{}
			req.Params.Name, req.Params.Arguments = "get_order", map[string]any{"order_id": f.id}
			res, err := c.CallTool(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if n := f.gets.Load() - before; n != 0 {
				t.Errorf("the seller was called %d times; want none", n)
			}
			if tc.notFound {
				if !res.IsError {
					t.Errorf("get_order of another customer's order = %s; want not found", text(res))
				}
				return
			}
			res = call(t, c, "get_order", map[string]any{"order_id": f.id}, &got)
			if got.Status != "charged_no_order" || got.SellerCheck != tc.check {
				t.Errorf("get_order = %s, seller_check %q; want charged_no_order, %q", got.Status, got.SellerCheck, tc.check)
			}
			if txt := text(res); tc.says != "" && !strings.Contains(txt, tc.says) || tc.says == "" && strings.Contains(txt, "seller was asked") {
				t.Errorf("get_order says %q; want %q", txt, tc.says)
			}
			if f.tb.ReadOnly {
				for _, st := range f.tb.Tools() {
					if st.Tool.Name == "get_order" && strings.Contains(st.Tool.Description, "asks the seller") {
						t.Errorf("read-only get_order's description says it asks the seller")
					}
				}
			}
		})
	}
}

// What get_order says of each ask matches what happened: no promise that nothing more
// is charged while in flight, the seller's own "still completing", nothing said when
// nobody was asked.
func TestSellerCheckText(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status store.OrderStatus
		ask    checkout.OrderAsk
		want   string
		never  string
	}{
		{"in flight", store.OrderPending, checkout.AskInFlight, "still being processed", "nothing more will be charged"},
		{"seller still completing", store.OrderPending, checkout.AskCompleting, "still completing", "could not be reached"},
		{"nobody asked", store.OrderChargedNoOrder, checkout.AskNotNeeded, "", "just now"},
		{"per-customer limit", store.OrderPending, checkout.AskLimited, "shown as last known", "asked about this order moments ago"},
		{"no longer asked", store.OrderChargedNoOrder, checkout.AskNoLonger, "contact the seller", "keeps checking"},
		{"held", store.OrderPending, checkout.AskHeld, "a hold of up to", "could not be reached"},
		{"settled", store.OrderCompleted, checkout.AskAnswered, "", "seller"},
		{"sandbox forgot", store.OrderPending, checkout.AskSandboxForgot, "no longer knows this sandbox purchase's payment token", "could not be reached"},
		{"other mode", store.OrderPending, checkout.AskOtherMode, "made in test mode and this server runs in another mode", "could not be reached"},
		{"other mode, words for the operator", store.OrderPending, checkout.AskOtherMode, "for the operator, who can run a server in test mode", "charged for it by this server"},
		{"other mode, charged_no_order", store.OrderChargedNoOrder, checkout.AskOtherMode, "No real money moves in that mode", "asked again just now"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sellerCheckText(tc.status, "test", tc.ask)
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) || tc.never != "" && strings.Contains(got, tc.never) {
				t.Errorf("sellerCheckText(%s, %q) = %q; want %q, never %q", tc.status, tc.ask, got, tc.want, tc.never)
			}
		})
	}
}
