package seller_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// BenchmarkCheckout measures one create and one complete through the Client and the
// reference Seller over loopback HTTP, with in-memory inventory and payments.
func BenchmarkCheckout(b *testing.B) {
	e := newEnv(b)
	e.inv.items["poster"] = seller.InventoryItem{ID: "poster", Title: "Poster", UnitAmount: 2000, Currency: "USD", Purchasable: true}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := strconv.Itoa(i)
		s, err := e.client.Create(ctx, acp.CreateRequest{LineItems: []acp.Item{{ID: "poster", Quantity: 2}}, Currency: "usd"}, "c"+k)
		if err != nil {
			b.Fatal(err)
		}
		done, err := e.client.Complete(ctx, s.ID, acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "p"+k)
		if err != nil || done.Status != acp.StatusCompleted {
			b.Fatal(done, err)
		}
	}
}
