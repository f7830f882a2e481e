package tools

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// cancel_order on an order the seller refunded all of already answers refunded at
// once, asking nobody; on one it refunded part of, what stays paid (the total less
// what came back) is what the confirmation threshold is held against and what the
// summary and the dialog ask to have refunded.
func TestCancelRefundedOrder(t *testing.T) {
	for _, tc := range []struct {
		name         string
		status       store.SellerStatus
		refunded     func(total int64) int64
		confirmAbove int64
		want         string // cancel_order's status
		recorded     bool   // a cancellation is recorded (the seller asked, or a quote)
	}{
		{name: "delivered, all refunded", status: store.SellerDelivered, refunded: func(total int64) int64 { return total },
			confirmAbove: 0, want: "refunded"},
		{name: "shipped, what stays paid under the threshold", status: store.SellerShipped, refunded: func(total int64) int64 { return total - 100 },
			confirmAbove: 500, want: "refunded", recorded: true},
		{name: "shipped, what stays paid over the threshold", status: store.SellerShipped, refunded: func(int64) int64 { return 100 },
			confirmAbove: 0, want: "confirmation_required", recorded: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			id := buy(t, c, "nw-actv-0001")
			before, err := s.tb.Store.Order(ctx, s.tb.Customer, id)
			if err != nil {
				t.Fatal(err)
			}
			if before.Total <= 500 {
				t.Fatalf("order total %d; the cases need more than $5.00", before.Total)
			}
			o, _, err := s.tb.Store.UpdateOrder(ctx, id, store.OrderUpdate{Status: tc.status, Refunded: tc.refunded(before.Total), Source: store.SourceSeller})
			if err != nil {
				t.Fatal(err)
			}
			s.setRules(t, store.NoLimit, store.NoLimit, tc.confirmAbove)
			var out cancelOrderResult
			res := call(t, c, "cancel_order", map[string]any{"order_id": id}, &out)
			if res.IsError || out.Status != tc.want {
				t.Fatalf("cancel_order: status %q, %s; want %s", out.Status, text(res), tc.want)
			}
			if _, err := s.tb.Store.Cancellation(ctx, s.tb.Customer, id); errors.Is(err, store.ErrNotFound) == tc.recorded {
				t.Errorf("cancellation recorded: %v; want recorded %v", err, tc.recorded)
			}
			if tc.want != "confirmation_required" {
				return
			}
			paid, total, back := fmtMoney(o.StaysPaid(), o.Currency), fmtMoney(o.Total, o.Currency), fmtMoney(o.Refunded, o.Currency)
			says := "refund " + paid + " to "
			if !strings.Contains(out.Summary, says) || !strings.Contains(out.Summary, back+" came back already") {
				t.Errorf("summary %q; want it to ask for %s (what stays paid of %s, %s back already)", out.Summary, paid, total, back)
			}
			dialog := cancelDialog(checkout.CancelOutcome{Order: o}, nil).Message
			if !strings.Contains(dialog, "Refund asked: "+paid+" to ") || !strings.Contains(dialog, back+" came back already") {
				t.Errorf("dialog %q; want it to ask for %s", dialog, paid)
			}
		})
	}
}
