package checkout

import (
	"fmt"
	"testing"
	"time"
)

// The ask limiter lets one customer ask askCustomerBurst times at once, then one per
// askCustomerEvery, whatever the orders; one order once per interval; and it
// remembers at most askRemembered orders and customers, dropping the oldest.
func TestAskLimiterBounds(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const every = 30 * time.Second
	t.Run("per customer", func(t *testing.T) {
		var l askLimiter
		for i := range askCustomerBurst {
			if got := l.claim("cus_a", fmt.Sprint("ord_", i), t0, every); got != AskAnswered {
				t.Fatalf("ask %d = %q; want allowed within the burst", i, got)
			}
		}
		if got := l.claim("cus_a", "ord_next", t0, every); got != AskLimited {
			t.Errorf("ask past the burst = %q; want %q", got, AskLimited)
		}
		if got := l.claim("cus_b", "ord_b", t0, every); got != AskAnswered {
			t.Errorf("another customer's ask = %q; want allowed", got)
		}
		if got := l.claim("cus_a", "ord_next", t0.Add(askCustomerEvery), every); got != AskAnswered {
			t.Errorf("ask %v later = %q; want allowed", askCustomerEvery, got)
		}
		if got := l.claim("cus_a", "ord_0", t0.Add(2*askCustomerEvery), every); got != AskRecent {
			t.Errorf("same order within the interval = %q; want %q", got, AskRecent)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		var l askLimiter
		n := askRemembered + 50
		for i := range n {
			// All within the interval: none expire, so only the cap bounds the maps.
			at := t0.Add(time.Duration(i) * time.Millisecond)
			if got := l.claim(fmt.Sprint("cus_", i), fmt.Sprint("ord_", i), at, every); got != AskAnswered {
				t.Fatalf("ask %d = %q", i, got)
			}
		}
		if len(l.last) > askRemembered || len(l.customers) > askRemembered {
			t.Fatalf("remembered %d orders, %d customers; want at most %d", len(l.last), len(l.customers), askRemembered)
		}
		if _, ok := l.last["ord_0"]; ok {
			t.Errorf("the oldest order is still remembered")
		}
		if _, ok := l.last[fmt.Sprint("ord_", n-1)]; !ok {
			t.Errorf("the newest order is not remembered")
		}
	})
}
