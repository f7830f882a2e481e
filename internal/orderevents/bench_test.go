package orderevents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/orderevents"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
)

// BenchmarkOrderEvent measures receiving one signed order event (verify the
// signature, record the delivery against replays, decode, apply to the order in one
// transaction) next to its floors in the same run: the signature check alone, and the
// one durable SQLite write every event needs (store.UseOnce).
func BenchmarkOrderEvent(b *testing.B) {
	s := newBenchShop(b)
	seller := s.order.SellerID
	h := orderevents.Handler(orderevents.ForService(s.svc, func(string) ([]byte, bool) { return s.secret, true },
		s.clock.Now, slog.New(slog.DiscardHandler)))
	path := sandbox.OrderEventsPath(seller)
	made := 0 // events made so far: each is a new delivery
	events := func(n int) ([][]byte, []string) {
		bodies, sigs := make([][]byte, n), make([]string, n)
		for i := range n {
			made++
			bodies[i], _ = json.Marshal(acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{Type: "order",
				ID: s.order.SellerOrderID, OrderNumber: strconv.Itoa(made), CheckoutSessionID: s.order.SessionID, Status: acp.OrderStatusShipped}})
			sigs[i] = acp.Sign(s.secret, s.clock.Now(), bodies[i])
		}
		return bodies, sigs
	}
	b.Run("receive", func(b *testing.B) {
		bodies, sigs := events(b.N)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(bodies[i]))
			req.Header.Set(acp.SignatureHeader, sigs[i])
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("HTTP %d", w.Code)
			}
		}
	})
	b.Run("floor_verify", func(b *testing.B) {
		bodies, sigs := events(b.N)
		b.ReportAllocs()
		b.ResetTimer()
		for i := range b.N {
			if _, err := acp.Verify(sigs[i], bodies[i], s.secret, s.clock.Now(), acp.DefaultSignatureTolerance); err != nil {
				b.Fatal(err)
			}
		}
	})
	nonce := 0
	b.Run("floor_sqlite_write", func(b *testing.B) {
		ctx := context.Background()
		exp := s.clock.Now().Add(time.Hour)
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			nonce++
			if err := s.st.UseOnce(ctx, "bench", strconv.Itoa(nonce), exp); err != nil {
				b.Fatal(err)
			}
		}
	})
}
