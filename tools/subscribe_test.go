package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestSubscribeDialog: a client that can show a dialog is asked to confirm the
// subscription there, with its price per cycle, interval and yearly cost; yes starts
// it and charges the first cycle, no starts nothing.
func TestSubscribeDialog(t *testing.T) {
	tests := []struct {
		name    string
		answer  *mcp.ElicitationResult
		version string
		charged int
	}{
		{"accept, legacy era", accept(true), "2025-11-25", 1},
		{"accept, modern era", accept(true), "", 1},
		{"decline, legacy era", &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, "2025-11-25", 0},
		{"cancel, modern era", &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionCancel}}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, tt.answer, tt.version)
			var out subscribeResult
			res := call(t, c, "subscribe", map[string]any{"product_id": "cy-sub-0002"}, &out)
			if tt.charged == 1 && (res.IsError || out.Status != "subscribed" || out.FirstCharge == nil || out.FirstCharge.Status != "paid") {
				t.Fatalf("got %s / %+v, want subscribed and charged", text(res), out)
			}
			if tt.charged == 0 && (!res.IsError || !strings.Contains(text(res), "declined") || !strings.Contains(text(res), "Nothing was charged")) {
				t.Fatalf("got %s, want declined with nothing charged", text(res))
			}
			if s.charges() != tt.charged {
				t.Errorf("%d charges, want %d", s.charges(), tt.charged)
			}
		})
	}
}

// The dialog shows the facts from the server's records: price per cycle, interval,
// what a year costs, and seller text quoted.
func TestSubscribeDialogMessage(t *testing.T) {
	s := newStorefront(t)
	out, err := s.tb.Checkout.Subscribe(context.Background(), subscribeRequest(s, "cy-sub-0001"))
	if err != nil {
		t.Fatal(err)
	}
	msg := subscribeDialog(out.Subscription, nil).Message
	for _, want := range []string{"Please confirm this subscription.", "Item: «Lumenforge Photo Studio Pro Plan»", "Price: $12.00 every month", "Free trial: 14 days", "A year costs: $144.00", "until canceled"} {
		if !strings.Contains(msg, want) {
			t.Errorf("dialog %q lacks %q", msg, want)
		}
	}
}

// TestSubscriptionTools runs a subscription through the tools: quote, confirm by
// quote_id, list, pause, skip while paused (refused), resume, skip the next renewal
// (twice: the second changes nothing), cancel, and the errors of bad arguments.
func TestSubscriptionTools(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	var q subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"product_id": "ml-sub-0001", "quantity": 2}, &q); res.IsError || q.Status != "confirmation_required" {
		t.Fatalf("subscribe: %s", text(res))
	}
	if !strings.Contains(q.Summary, "every month") || !strings.Contains(q.Summary, "a year") || q.Subscription.PricePerCycle.Amount < 3600 {
		t.Errorf("summary %q does not show the price per cycle", q.Summary)
	}
	if s.charges() != 0 {
		t.Fatal("charged before confirmation")
	}
	var sub subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" {
		t.Fatalf("confirm: %s", text(res))
	}
	id := sub.Subscription.ID
	var list listSubscriptionsResult
	if res := call(t, c, "list_subscriptions", nil, &list); res.IsError || len(list.Subscriptions) != 1 || list.Subscriptions[0].ID != id {
		t.Fatalf("list: %s", text(res))
	}
	var ch subscriptionChangeResult
	if res := call(t, c, "pause_subscription", map[string]any{"subscription_id": id}, &ch); res.IsError || ch.Status != "paused" {
		t.Fatalf("pause: %s", text(res))
	} else if strings.Contains(text(res), "..") || strings.Contains(ch.Summary, "..") {
		t.Errorf("pause: a sentence ends twice: %q", text(res))
	} else if n := strings.Count(text(res), "nothing is charged") + strings.Count(text(res), "Nothing more is charged"); n != 1 || !strings.Contains(ch.Instruction, "resume_subscription") {
		t.Errorf("pause: want the pause's effect said once (said %d times) and resume_subscription named in the instruction: %q", n, text(res))
	}
	if res := call(t, c, "skip_next_renewal", map[string]any{"subscription_id": id, "renewal": list.Subscriptions[0].NextRenewal}, nil); !res.IsError ||
		!strings.Contains(text(res), "is paused") || !strings.Contains(text(res), "resume_subscription") {
		t.Errorf("skip while paused: %s, want refused as paused", text(res))
	}
	if res := call(t, c, "resume_subscription", map[string]any{"subscription_id": id}, &ch); res.IsError || ch.Status != "active" || ch.Charge != nil {
		t.Fatalf("resume: %s", text(res))
	}
	next := ch.Subscription.NextRenewal
	if res := call(t, c, "skip_next_renewal", map[string]any{"subscription_id": id, "renewal": next}, &ch); res.IsError || ch.Status != "active" ||
		ch.Subscription.NextRenewal <= next || !strings.Contains(ch.Summary, "Skipped the renewal of "+next[:10]) {
		t.Fatalf("skip: %s", text(res))
	}
	moved := ch.Subscription.NextRenewal
	if res := call(t, c, "skip_next_renewal", map[string]any{"subscription_id": id, "renewal": next[:10]}, &ch); res.IsError ||
		ch.Subscription.NextRenewal != moved || !strings.Contains(ch.Summary, "already skipped") {
		t.Fatalf("skip again: %s, want nothing changed", text(res))
	}
	if res := call(t, c, "skip_next_renewal", map[string]any{"subscription_id": id, "renewal": "2001-01-01"}, nil); !res.IsError ||
		!strings.Contains(text(res), "its next renewal is "+moved) {
		t.Errorf("skip of another date: %s, want refused naming the next renewal", text(res))
	}
	if res := call(t, c, "cancel_subscription", map[string]any{"subscription_id": id}, &ch); res.IsError || ch.Status != "canceled" {
		t.Fatalf("cancel: %s", text(res))
	}
	if s.charges() != 1 {
		t.Errorf("%d charges, want 1 (the first cycle)", s.charges())
	}
	for _, tc := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"subscribe", map[string]any{}, "product_id is required"},
		{"subscribe", map[string]any{"product_id": "cy-sub-0002", "start_date": "tomorrow"}, "start_date"},
		{"subscribe", map[string]any{"product_id": "nw-shoe-0001"}, "bought once"},
		{"resume_subscription", map[string]any{"subscription_id": id}, "was canceled"},
		{"pause_subscription", map[string]any{"subscription_id": "sub_nope"}, "list_subscriptions"},
		{"cancel_subscription", map[string]any{}, "subscription_id"},
		{"skip_next_renewal", map[string]any{"subscription_id": id, "renewal": "2027-01-06"}, "was canceled"},
		{"skip_next_renewal", map[string]any{"subscription_id": id, "renewal": "next week"}, "renewal must be"},
		{"purchase", map[string]any{"product_id": "cy-sub-0002"}, "is a subscription"},
	} {
		if res := call(t, c, tc.tool, tc.args, nil); !res.IsError || !strings.Contains(text(res), tc.want) {
			t.Errorf("%s %v: %s, want an error containing %q", tc.tool, tc.args, text(res), tc.want)
		}
	}
}

func subscribeRequest(s *storefront, product string) checkout.SubscribeRequest {
	return checkout.SubscribeRequest{CustomerID: s.tb.Customer, ProductID: product, Quantity: 1, ConfirmVia: checkout.ViaElicitation}
}

// TestDigitalDelivery: an order of a digital product shows what the seller delivered
// (a link and a license key, quoted as seller text); a shipped one shows none.
func TestDigitalDelivery(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	for _, tc := range []struct {
		product string
		digital bool
	}{{"cy-sub-0002", true}, {"ml-sub-0001", false}} {
		var q, sub subscribeResult
		call(t, c, "subscribe", map[string]any{"product_id": tc.product}, &q)
		if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.FirstCharge == nil {
			t.Fatalf("%s: %s", tc.product, text(res))
		}
		var o orderView
		res := call(t, c, "get_order", map[string]any{"order_id": sub.FirstCharge.OrderID}, &o)
		if got := o.Digital != nil && o.Digital.LicenseKey != "" && strings.Contains(o.Digital.URL, "/downloads/"); got != tc.digital {
			t.Errorf("%s: digital delivery %+v, want %v", tc.product, o.Digital, tc.digital)
		}
		if tc.digital && (!strings.Contains(text(res), "license key «"+o.Digital.LicenseKey+"»") || !strings.Contains(text(res), "link «")) {
			t.Errorf("%s: text %q does not quote the delivery", tc.product, text(res))
		}
	}
}

// TestResumeNewPriceConfirmation: the confirmation of a price increase (quote_id and
// dialog) shows the new price and what a year costs at it, in words and in
// structuredContent, and when the first charge happens.
func TestResumeNewPriceConfirmation(t *testing.T) {
	s := newStorefront(t)
	params, err := json.Marshal(checkout.RefusalParams{Seller: "Circuit Yard Electronics", Amount: 3500, Currency: "USD", QuotedAmount: 2900, QuotedCurrency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	u := store.Subscription{ID: "sub_1", CustomerID: "cus_demo", State: store.SubscriptionPaused, Mode: "sandbox", ProductID: "cy-sub-0002",
		SellerID: "circuit-yard", SellerName: "Circuit Yard Electronics", Title: "Stratus Labs Weather API Starter Plan",
		Quantity: 1, Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Anchor: at.AddDate(0, -2, 0), NextCycle: 2,
		OpenCycle: -1, PauseCode: string(checkout.RefusalPriceChanged), PauseParams: string(params), QuoteID: "qs_1",
		ConfirmVia: checkout.ViaQuoteID, ExpiresAt: at.Add(10 * time.Minute), CreatedAt: at.AddDate(0, -2, 0), UpdatedAt: at}
	res := s.tb.subscribeResult(context.Background(), checkout.SubscriptionOutcome{Status: checkout.StatusConfirmationRequired, Subscription: u}, "")
	goldenResult(t, "resume_subscription_new_price", res, nil)
	for _, want := range []string{"at the new price $35.00 every month (was $29.00)", "$420.00 a year at the new price", "first charge at the new price is made as soon as the person confirms"} {
		if !strings.Contains(text(res), want) {
			t.Errorf("text %q lacks %q", text(res), want)
		}
	}
	if v := subscriptionOf(u, nil); v.NewPerYear == nil || v.NewPerYear.Amount != 12*3500 || v.PerYear.Amount != 12*2900 {
		t.Errorf("structured new_per_year %+v, per_year %+v: want $420.00 at the new price, $348.00 at the old", v.NewPerYear, v.PerYear)
	}
	if msg := subscribeDialog(u, nil).Message; !strings.Contains(msg, "A year costs: $420.00") || !strings.Contains(msg, "Price: $35.00 every month") {
		t.Errorf("dialog %q does not show the new price and year", msg)
	}
}

// TestStoppedSubscriptionResults: a pause or cancel that came too late to stop a
// renewal says so in structuredContent (renewal_under_way) and in words, and a
// subscription made in another mode says why it is not renewed here instead of a next
// renewal.
func TestStoppedSubscriptionResults(t *testing.T) {
	s := newStorefront(t)
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	u := store.Subscription{ID: "sub_1", CustomerID: "cus_demo", State: store.SubscriptionCanceled, Mode: "sandbox", ProductID: "cy-sub-0002",
		SellerID: "circuit-yard", SellerName: "Circuit Yard Electronics", Title: "Weather API", Quantity: 1, Interval: "month", Every: 1,
		Amount: 2900, Currency: "USD", Anchor: at, NextDueAt: at, OpenCycle: 3, CreatedAt: at, UpdatedAt: at}
	const resumeNext = "Call resume_subscription when the person wants it to renew again."
	for _, tc := range []struct {
		name   string
		paused bool // paused, not canceled
		under  *store.RenewalUnderWay
		status string
		words  []string
	}{
		{name: "none", words: []string{"Nothing more will be charged for it."}},
		{name: "paused, none", paused: true, words: []string{resumeNext}},
		{name: "paused, token issued", paused: true, under: &store.RenewalUnderWay{Cycle: 3, OrderID: "ord_x", State: store.PurchaseTokenIssued, Total: 2900, Currency: "USD"},
			status: "charging", words: []string{"The renewal of cycle 3 ($29.00, order ord_x)", "still completes", resumeNext}},
		{name: "paused, already paid", paused: true, under: &store.RenewalUnderWay{Cycle: 3, OrderID: "ord_x", State: store.PurchaseCompleted, Total: 2900, Currency: "USD"},
			status: "charged", words: []string{"The renewal of cycle 3 ($29.00, order ord_x) had already been paid", resumeNext}},
		{name: "token issued", under: &store.RenewalUnderWay{Cycle: 3, OrderID: "ord_x", State: store.PurchaseTokenIssued, Total: 2900, Currency: "USD"},
			status: "charging", words: []string{"renewal of cycle 3 ($29.00, order ord_x)", "still completes"}},
		{name: "already paid", under: &store.RenewalUnderWay{Cycle: 3, OrderID: "ord_x", State: store.PurchaseCompleted, Total: 2900, Currency: "USD"},
			status: "charged", words: []string{"renewal of cycle 3 ($29.00, order ord_x) had already been paid", "cancel_order ord_x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, verb, next := u, "Canceled", "Nothing more will be charged for it."
			if tc.paused {
				u.State, u.PauseCode, verb, next = store.SubscriptionPaused, "", "Paused", resumeNext
			}
			res := s.tb.subscriptionStopped(context.Background(), checkout.SubscriptionChange{Subscription: u, UnderWay: tc.under}, verb, next)
			r := res.StructuredContent.(subscriptionChangeResult)
			lower, n := strings.ToLower(text(res)), 0
			for _, says := range []string{"nothing is charged", "nothing more is charged", "nothing more will be charged"} {
				n += strings.Count(lower, says)
			}
			if n != 1 {
				t.Errorf("text %q says that nothing is charged %d times, want once", text(res), n)
			}
			switch {
			case tc.under == nil && r.RenewalUnderWay != nil:
				t.Errorf("renewal_under_way %+v, want none", r.RenewalUnderWay)
			case tc.under != nil && (r.RenewalUnderWay == nil || r.RenewalUnderWay.Status != tc.status || r.RenewalUnderWay.OrderID != "ord_x" || r.RenewalUnderWay.Total.Display != "$29.00"):
				t.Errorf("renewal_under_way %+v, want %s with its order and total", r.RenewalUnderWay, tc.status)
			}
			for _, w := range tc.words {
				if !strings.Contains(text(res), w) || !strings.Contains(r.Instruction, w) {
					t.Errorf("text %q or instruction lacks %q", text(res), w)
				}
			}
		})
	}
	u.State, u.Mode = store.SubscriptionActive, "live"
	v := subscriptionOf(u, s.tb.Checkout.OtherMode(u))
	if v.NextRenewal != "" || !strings.Contains(v.NotRenewing, "made in live mode, and this server runs in sandbox mode") || !strings.Contains(v.line(), v.NotRenewing) {
		t.Errorf("a live subscription on a sandbox server: %+v", v)
	}
}

// TestSubscriptionPriceShown: list_subscriptions shows as price_per_cycle what the next
// cycle is expected to charge — what the last cycle charged when the seller lowered
// its price under the one the person agreed to — with agreed_price then, in
// structuredContent and in words; a price rise is worded against the agreed price.
func TestSubscriptionPriceShown(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	base := store.Subscription{ID: "sub_1", CustomerID: "cus_demo", State: store.SubscriptionActive, Mode: "sandbox", ProductID: "cy-sub-0002",
		SellerID: "circuit-yard", SellerName: "Circuit Yard Electronics", Title: "Stratus Labs Weather API Starter Plan",
		Quantity: 1, Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Subtotal: 2900, Anchor: at.AddDate(0, -2, 0),
		NextCycle: 2, NextDueAt: at, OpenCycle: -1, CreatedAt: at.AddDate(0, -2, 0), UpdatedAt: at}
	rise, err := json.Marshal(checkout.RefusalParams{Seller: "Circuit Yard Electronics", Amount: 3500, Currency: "USD", QuotedAmount: 2900, QuotedCurrency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		charged  int64
		paused   bool
		per      int64
		agreed   int64 // 0: no agreed_price shown
		charges  bool  // cycle_charges shown
		wantText []string
	}{
		{name: "no cycle charged yet", per: 2900, charges: true, wantText: []string{"$29.00 every month (items $29.00"}},
		{name: "charged the agreed price", charged: 2900, per: 2900, charges: true, wantText: []string{"$348.00 a year"}},
		{name: "charged a lower price", charged: 2400, per: 2400, agreed: 2900,
			wantText: []string{"$24.00 every month (the seller's total as the last cycle charged it; the person agreed to $29.00, and only a price above that pauses it to ask)", "$288.00 a year"}},
		{name: "paused for a rise after a lower charge", charged: 2400, paused: true, per: 2400, agreed: 2900,
			wantText: []string{"now asks $35.00 per cycle instead of the $29.00 the person agreed to"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := base
			u.Charged = tt.charged
			if tt.paused {
				u.State, u.PauseCode, u.PauseParams = store.SubscriptionPaused, string(checkout.RefusalPriceChanged), string(rise)
			}
			v := subscriptionOf(u, nil)
			if v.PricePerCycle.Amount != tt.per || v.PerYear.Amount != 12*tt.per {
				t.Errorf("price_per_cycle %+v, per_year %+v; want %d, %d", v.PricePerCycle, v.PerYear, tt.per, 12*tt.per)
			}
			var agreed int64
			if v.AgreedPrice != nil {
				agreed = v.AgreedPrice.Amount
			}
			if agreed != tt.agreed {
				t.Errorf("agreed_price %+v, want %d", v.AgreedPrice, tt.agreed)
			}
			if (v.CycleCharges != nil) != tt.charges {
				t.Errorf("cycle_charges %+v, want shown: %v", v.CycleCharges, tt.charges)
			}
			for _, want := range tt.wantText {
				if !strings.Contains(v.line(), want) {
					t.Errorf("line %q lacks %q", v.line(), want)
				}
			}
		})
	}
}
