package main

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The one INFO line recovery logs when it starts ("settled unfinished purchases")
// counts what it did: here two purchases a crash left open (failed) and one of
// another mode whose payment token was issued (left, other_mode), in sandbox mode.
// It carries counts and the server's mode only — every attribute is one of those
// named here, every count a number — so no customer, purchase, token, card or
// address reaches it; and a run that finds nothing new logs it no more.
func TestRecoverySummaryLine(t *testing.T) {
	logs := &syncbuf.Buffer{}
	shop := newRecoveryShopLogging(t, logs, "info")
	ctx := context.Background()
	shop.interrupted(t, "k1")
	shop.interrupted(t, "k2")
	secret := shop.otherModeTokenIssued(t, "k3")
	run, cancel := context.WithCancel(ctx)
	defer cancel()
	r := recovery{svc: shop.svc, log: shop.log, after: defaultRecoverAfter, every: time.Hour}
	if err := r.start(run); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "settled unfinished purchases") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("%d summary lines, want 1:\n%s", len(lines), logs.String())
	}
	line := lines[0]
	if !strings.Contains(line, "INF") {
		t.Errorf("summary line %q is not at INFO", line)
	}
	want := map[string]string{"completed": "0", "failed": "2", "charged_no_order": "0", "unsettled": "0", "held": "0",
		"other_mode": "1", "mode": "sandbox", "cards_removed": "0", "cancel_asks_withdrawn": "0", "quotes_lapsed": "0"}
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`(\w+)=(\S+)`).FindAllStringSubmatch(line, -1) {
		got[m[1]] = m[2]
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s=%q, want %q in %q", k, got[k], v, line)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("attribute %s=%q is not one of the counts: %q", k, v, line)
		}
	}
	for _, private := range append(secret, store.DemoCustomerID, "@", "spt_", "pm_", "sk_", "Portland", "k1", "k2", "k3") {
		if strings.Contains(line, private) {
			t.Errorf("summary line %q carries %q", line, private)
		}
	}
	// Nothing new: no new summary line.
	before := strings.Count(logs.String(), "settled unfinished purchases")
	if _, err := r.settle(ctx, lingering{otherMode: 1}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(logs.String(), "settled unfinished purchases"); n != before {
		t.Errorf("%d summary lines after a run that found nothing new, want %d:\n%s", n, before, logs.String())
	}
}

// otherModeTokenIssued records a test-mode purchase an hour ago whose payment token
// was issued, as a test-mode server that crashed left it in the store a sandbox server
// shares; it returns the ids a log line must not show (the purchase's and the token's).
func (s recoveryShop) otherModeTokenIssued(t *testing.T, key string) []string {
	t.Helper()
	ctx := context.Background()
	s.back.Store(int64(time.Hour))
	defer s.back.Store(0)
	p, _, err := s.st.BeginPurchase(ctx, store.Purchase{CustomerID: store.DemoCustomerID, IdemKey: key, ProductID: "nw-actv-0001",
		SellerID: "northwind-outfitters", Quantity: 1, Mode: "test"})
	if err != nil {
		t.Fatal(err)
	}
	p.SessionID, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "cs_test_1", 1000, 1000, 1000, "USD"
	if err := s.st.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State, p.TokenID, p.TokenExpiresAt = store.PurchaseTokenIssued, "spt_test_secret1", time.Now().Add(time.Hour)
	if err := s.st.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	return slices.Clip([]string{p.ID, p.OrderID, p.TokenID, p.SessionID})
}
