package checkout_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// BenchmarkPurchase measures a whole sandbox purchase below the confirmation
// threshold: seller session, rules, token, seller checkout with its PaymentIntent,
// order, all journaled in SQLite, with the in-process seller and Stripe emulator. It
// reports p50 and p99 besides the mean.
func BenchmarkPurchase(b *testing.B) {
	e := newEnv(b, envOpts{rules: &store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, ConfirmAbove: store.NoLimit}})
	p := e.product(1000, 4000)
	p.Stock = nil // unknown stock never runs out
	ctx := context.Background()
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		b.Fatal(err)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		e.clock.Advance(time.Second)
		start := time.Now()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
		times = append(times, time.Since(start))
		if err != nil || out.Status != checkout.StatusCompleted {
			b.Fatalf("purchase: %+v, %v", out, err)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99_ms")
}

// BenchmarkCancelOrder measures cancelling a paid order through the seller's
// cancellation extension (discovery, the cancel request, the seller's Stripe refund,
// the order and the request recorded in SQLite), each next to the purchase that made
// the order, timed in the same iteration: the purchase is the floor it is read
// against. It reports the p50 and p99 of both.
func BenchmarkCancelOrder(b *testing.B) {
	e := newEnv(b, envOpts{rules: &store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, ConfirmAbove: store.NoLimit}})
	p := e.product(1000, 4000)
	p.Stock = nil
	ctx := context.Background()
	if _, err := e.cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		b.Fatal(err)
	}
	buys := make([]time.Duration, 0, b.N)
	cancels := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		e.clock.Advance(time.Second)
		start := time.Now()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1})
		buys = append(buys, time.Since(start))
		if err != nil || out.Status != checkout.StatusCompleted {
			b.Fatalf("purchase: %+v, %v", out, err)
		}
		start = time.Now()
		c, err := e.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: out.Order.ID})
		cancels = append(cancels, time.Since(start))
		if err != nil || c.Status != checkout.CancelRefunded {
			b.Fatalf("cancel: %+v, %v", c.Status, err)
		}
	}
	b.StopTimer()
	slices.Sort(buys)
	slices.Sort(cancels)
	b.ReportMetric(float64(cancels[len(cancels)/2].Microseconds())/1000, "cancel_p50_ms")
	b.ReportMetric(float64(cancels[len(cancels)*99/100].Microseconds())/1000, "cancel_p99_ms")
	b.ReportMetric(float64(buys[len(buys)/2].Microseconds())/1000, "purchase_p50_ms")
	b.ReportMetric(float64(buys[len(buys)*99/100].Microseconds())/1000, "purchase_p99_ms")
}
