package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// paidOrder completes an order of seller "s1" from checkout session session, total
// 1000 USD, and returns its id.
func paidOrder(t *testing.T, s *store.Store, customer, session string) string {
	t.Helper()
	ctx := context.Background()
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: customer, IdemKey: store.NewID("k_"), ProductID: "p1",
		SellerID: "s1", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.SessionID, p.UnitAmount, p.Subtotal, p.Total, p.Currency = session, 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	if err := s.Complete(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p.OrderID
}

func TestUpdateOrderMovesOnlyForward(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	id := paidOrder(t, s, c.ID, "cs_1")
	steps := []struct {
		name        string
		u           store.OrderUpdate
		wantChanged bool
		wantStatus  store.SellerStatus
	}{
		{"confirmed", store.OrderUpdate{Status: store.SellerConfirmed, PermalinkURL: "https://seller.example/o/1"}, true, store.SellerConfirmed},
		{"confirmed again changes nothing", store.OrderUpdate{Status: store.SellerConfirmed}, false, store.SellerConfirmed},
		{"shipped with tracking", store.OrderUpdate{Status: store.SellerShipped, Carrier: "UPS", TrackingNumber: "1Z9", TrackingURL: "https://ups.example/1Z9"}, true, store.SellerShipped},
		{"delivered", store.OrderUpdate{Status: store.SellerDelivered}, true, store.SellerDelivered},
		{"a late shipped does not move it back", store.OrderUpdate{Status: store.SellerShipped}, false, store.SellerDelivered},
		{"refunded", store.OrderUpdate{Status: store.SellerRefunded, Refunded: 5000, Source: store.SourceCancel}, true, store.SellerRefunded},
	}
	for _, st := range steps {
		clock.Advance(time.Minute)
		o, changed, err := s.UpdateSellerOrder(ctx, "s1", "cs_1", st.u)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if changed != st.wantChanged || o.SellerStatus != st.wantStatus {
			t.Fatalf("%s: changed %v status %q, want %v %q", st.name, changed, o.SellerStatus, st.wantChanged, st.wantStatus)
		}
	}
	o, err := s.Order(ctx, c.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	if o.Carrier != "UPS" || o.TrackingNumber != "1Z9" || o.Refunded != 1000 || o.PermalinkURL != "https://seller.example/o/1" {
		t.Fatalf("order %+v: tracking, refund (capped at the total) or permalink not kept", o)
	}
	h, err := s.OrderHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []store.SellerStatus
	for _, e := range h {
		got = append(got, e.Status)
	}
	want := []store.SellerStatus{store.SellerConfirmed, store.SellerShipped, store.SellerDelivered, store.SellerRefunded}
	if len(got) != len(want) {
		t.Fatalf("history %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("history %v, want %v", got, want)
		}
	}
	if h[3].Source != store.SourceCancel || h[0].Source != store.SourceSeller || !h[1].At.After(h[0].At) {
		t.Fatalf("history sources or times wrong: %+v", h)
	}
}

func TestUpdateOrderRefusals(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	paidOrder(t, s, c.ID, "cs_1")
	for _, tc := range []struct {
		name            string
		seller, session string
		u               store.OrderUpdate
		want            error
	}{
		{"unknown session", "s1", "cs_nope", store.OrderUpdate{Status: store.SellerShipped}, store.ErrNotFound},
		{"another seller's session", "s2", "cs_1", store.OrderUpdate{Status: store.SellerShipped}, store.ErrNotFound},
		{"no session", "s1", "", store.OrderUpdate{Status: store.SellerShipped}, store.ErrNotFound},
		{"unknown status", "s1", "cs_1", store.OrderUpdate{Status: "lost_at_sea"}, store.ErrInvalid},
		{"negative refund", "s1", "cs_1", store.OrderUpdate{Refunded: -1}, store.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.UpdateSellerOrder(ctx, tc.seller, tc.session, tc.u)
			wantErr(t, err, tc.want)
		})
	}
}

func TestCancellationClaimedOnce(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	id := paidOrder(t, s, c.ID, "cs_1")

	// A quote must be confirmed by its id before anyone may carry it out.
	q, quoted, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: id, CustomerID: c.ID, ConfirmVia: "quote_id",
		ExpiresAt: clock.Now().Add(10 * time.Minute)})
	if err != nil || !quoted || q.State != store.CancelQuoted {
		t.Fatalf("QuoteCancellation = %+v, %v, %v", q, quoted, err)
	}
	if _, err := s.ClaimCancellation(ctx, c.ID, id, "", clock.Now()); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("claim without the confirmation id: %v, want ErrStateChanged", err)
	}
	if _, err := s.ClaimCancellation(ctx, c.ID, id, "ocx_other", clock.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("claim with another id: %v, want ErrNotFound", err)
	}
	other := mustCreateCustomer(t, s, "b@example.com")
	if _, err := s.ClaimCancellation(ctx, other.ID, id, q.ID, clock.Now()); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another customer's claim: %v, want ErrNotFound", err)
	}

	// Racing confirmations: exactly one claims it.
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		claims int
	)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.ClaimCancellation(ctx, c.ID, id, q.ID, clock.Now().Add(-time.Minute))
			switch {
			case err == nil:
				mu.Lock()
				claims++
				mu.Unlock()
			case !errors.Is(err, store.ErrStateChanged):
				t.Errorf("claim: %v", err)
			}
		}()
	}
	wg.Wait()
	if claims != 1 {
		t.Fatalf("%d calls claimed the cancellation, want 1", claims)
	}
	// A claim whose call died is claimed again once stale.
	clock.Advance(5 * time.Minute)
	got, err := s.ClaimCancellation(ctx, c.ID, id, q.ID, clock.Now().Add(-time.Minute))
	if err != nil {
		t.Fatalf("reclaiming a stale request: %v", err)
	}
	got.State, got.Outcome, got.Refunded, got.RefundID = store.CancelDone, store.OutcomeRefunded, 1000, "re_1"
	if err := s.FinishCancellation(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishCancellation(ctx, &got); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("finishing twice: %v, want ErrStateChanged", err)
	}
	if _, err := s.ClaimCancellation(ctx, c.ID, id, "", clock.Now()); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("claiming a done request: %v, want ErrStateChanged", err)
	}
	done, err := s.Cancellation(ctx, c.ID, id)
	if err != nil || done.State != store.CancelDone || done.Outcome != store.OutcomeRefunded || done.RefundID != "re_1" {
		t.Fatalf("Cancellation = %+v, %v", done, err)
	}
}

func TestCancellationQuoteLapses(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	id := paidOrder(t, s, c.ID, "cs_1")
	quote := func() store.Cancellation {
		q, _, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: id, CustomerID: c.ID, ExpiresAt: clock.Now().Add(10 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	first := quote()
	if again := quote(); again.ID != first.ID {
		t.Fatalf("a live quote was replaced: %s then %s", first.ID, again.ID)
	}
	clock.Advance(11 * time.Minute)
	if _, err := s.ClaimCancellation(ctx, c.ID, id, first.ID, clock.Now()); !errors.Is(err, store.ErrExpired) {
		t.Fatalf("confirming a lapsed quote: %v, want ErrExpired", err)
	}
	if second := quote(); second.ID == first.ID {
		t.Fatal("a lapsed quote was not replaced")
	}
}

func TestUpdateSellerOrderOnce(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	paidOrder(t, s, c.ID, "cs_1")
	once := store.Once{Scope: "order_event:s1", Nonce: "v1abc", ExpiresAt: clock.Now().Add(5 * time.Minute)}
	u := store.OrderUpdate{Status: store.SellerShipped}
	// A delivery that cannot be applied does not use its nonce up.
	if _, _, err := s.UpdateSellerOrderOnce(ctx, "s1", "cs_nope", u, once); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown session: %v", err)
	}
	if _, changed, err := s.UpdateSellerOrderOnce(ctx, "s1", "cs_1", u, once); err != nil || !changed {
		t.Fatalf("first delivery: changed %v, %v", changed, err)
	}
	u.Status = store.SellerDelivered
	if _, _, err := s.UpdateSellerOrderOnce(ctx, "s1", "cs_1", u, once); !errors.Is(err, store.ErrReplay) {
		t.Fatalf("replayed delivery: %v, want ErrReplay", err)
	}
	if o, _, err := s.UpdateSellerOrderOnce(ctx, "s1", "cs_1", store.OrderUpdate{}, store.Once{}); err != nil || o.SellerStatus != store.SellerShipped {
		t.Fatalf("after the replay: %+v, %v; want it still shipped", o.SellerStatus, err)
	}
}

// A seller may send its order event for a checkout session opened at confirmation
// (one that replaced the quote's) before the purchase records its outcome: the
// pending order follows its purchase's session, so the event finds it.
func TestEventBeforeCompletionFindsPendingOrder(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "early@example.com")
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: store.NewID("k_"), ProductID: "p1",
		SellerID: "s1", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.SessionID, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "cs_quoted", 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State, p.SessionID = store.PurchaseTokenIssued, "cs_reopened"
	if err := s.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	o, changed, err := s.UpdateSellerOrder(ctx, "s1", "cs_reopened", store.OrderUpdate{Status: store.SellerConfirmed})
	if err != nil || !changed || o.ID != p.OrderID || o.Status != store.OrderPending {
		t.Fatalf("event for the reopened session = %+v changed=%v err=%v; want pending order %s updated", o, changed, err, p.OrderID)
	}
	if _, _, err := s.UpdateSellerOrder(ctx, "s1", "cs_quoted", store.OrderUpdate{Status: store.SellerShipped}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("event for the replaced session: err = %v, want ErrNotFound", err)
	}
}

// TestSellerURLsKeptWithoutUserInfo: the URLs a seller sends about an order (tracking
// link, order page, support page, download link) are kept without their user info,
// the rest as written, in the order and its history alike: a password or token there
// would reach every tool result showing the order.
func TestSellerURLsKeptWithoutUserInfo(t *testing.T) {
	s, _ := openTestStore(t)
	customer, order := sellerURLOrder(t, s, store.DigitalDelivery{URL: "https://dl:s3cret@files.seller.example/d/1?sig=abc", LicenseKey: "KEY-1"},
		store.OrderUpdate{Status: store.SellerShipped, Carrier: "UPS", TrackingNumber: "1Z9",
			TrackingURL: "https://TOKEN@ups.example/track?n=1Z9", PermalinkURL: "me:pw@seller.example/o/1",
			SupportURL: "https://user:pass@help.seller.example/"})
	checkSellerURLs(t, s, customer, order)
}

// sellerURLOrder completes an order of seller "s1" with digital delivery d, applies
// update u to it, and returns the customer's id and the order's.
func sellerURLOrder(t *testing.T, s *store.Store, d store.DigitalDelivery, u store.OrderUpdate) (customer, order string) {
	t.Helper()
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k1", ProductID: "p1", SellerID: "s1", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.SessionID, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "cs_1", 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	p.Digital = &d
	if err := s.Complete(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.UpdateSellerOrder(ctx, "s1", "cs_1", u); err != nil {
		t.Fatal(err)
	}
	return c.ID, p.OrderID
}

// checkSellerURLs fails t unless the order's seller URLs, and its history's, are those
// sellerURLOrder's callers give, without their user info.
func checkSellerURLs(t *testing.T, s *store.Store, customer, order string) {
	t.Helper()
	ctx := context.Background()
	o, err := s.Order(ctx, customer, order)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.OrderHistory(ctx, order)
	if err != nil || len(h) != 1 {
		t.Fatalf("history %+v, %v", h, err)
	}
	for _, tc := range []struct{ name, got, want string }{
		{"tracking", o.TrackingURL, "https://ups.example/track?n=1Z9"},
		{"tracking in the history", h[0].TrackingURL, "https://ups.example/track?n=1Z9"},
		{"order page", o.PermalinkURL, "seller.example/o/1"},
		{"support page", o.SupportURL, "https://help.seller.example/"},
		{"download link", o.Digital.URL, "https://files.seller.example/d/1?sig=abc"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// TestStoredSellerURLsCleanedAtUpgrade: a store written before migration 0030, whose
// orders and their history hold seller URLs with user info, has none left once
// opened, the rest of each URL kept; opening it again changes nothing more.
func TestStoredSellerURLsCleanedAtUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "store.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	customer, order := sellerURLOrder(t, s, store.DigitalDelivery{URL: "https://files.seller.example/d/1?sig=abc", LicenseKey: "KEY-1"},
		store.OrderUpdate{Status: store.SellerShipped, Carrier: "UPS", TrackingNumber: "1Z9", TrackingURL: "https://ups.example/track?n=1Z9",
			PermalinkURL: "seller.example/o/1", SupportURL: "https://help.seller.example/"})
	s.Close()
	// As a store before 0030 wrote them: with their user info.
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE orders SET tracking_url = 'https://TOKEN@ups.example/track?n=1Z9', permalink_url = 'me:pw@seller.example/o/1',
			support_url = 'https://user:pass@help.seller.example/', delivery_url = 'https://dl:s3cret@files.seller.example/d/1?sig=abc'`,
		`UPDATE order_events SET tracking_url = 'https://a:b@ups.example/track?n=1Z9'`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for range 2 {
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		checkSellerURLs(t, s, customer, order)
		s.Close()
	}
}
