package ratelimit_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// BenchmarkAllow measures the check made before every hosted tool call, with limits
// high enough that calls pass: one customer, and 1,000 customers from parallel callers.
func BenchmarkAllow(b *testing.B) {
	cfg := ratelimit.Config{PerSecond: 1e9, Burst: 1 << 30, PerMinute: map[string]int{"purchase": 10}}
	b.Run("one-customer", func(b *testing.B) {
		l := ratelimit.New(cfg)
		for b.Loop() {
			if ok, _ := l.Allow("ann", "search_products"); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("many-customers-parallel", func(b *testing.B) {
		l := ratelimit.New(cfg)
		names := make([]string, 1000)
		for i := range names {
			names[i] = fmt.Sprintf("cus_%d", i)
		}
		b.RunParallel(func(pb *testing.PB) {
			for i := 0; pb.Next(); i++ {
				if ok, _ := l.Allow(names[i%len(names)], "search_products"); !ok {
					b.Error("refused")
					return
				}
			}
		})
	})
}
