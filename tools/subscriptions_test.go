package tools

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
)

// TestSubscriptionsKeepOnlyOrders holds the server's record of resources/subscribe
// to what it can notify: the orders resource, for a session with an id. mcp-go
// accepts a subscription to any uri; keeping each let one session grow the server's
// memory without end (90 subscriptions of 3 MB uris took a hosted server from 59 to
// 582 MB).
func TestSubscriptionsKeepOnlyOrders(t *testing.T) {
	long := "commerce://customer/orders/" + strings.Repeat("x", 64<<10)
	for _, tc := range []struct {
		name        string
		wire        string // a wiretest wire; "" in process
		subscribe   []string
		unsubscribe []string
		want        int // sessions held
	}{
		{"the orders resource", "", []string{ordersURI}, nil, 1},
		{"the orders resource twice", "", []string{ordersURI, ordersURI}, nil, 1},
		{"the orders resource, then unsubscribed", "", []string{ordersURI}, []string{ordersURI}, 0},
		{"an order of any customer", "", []string{"commerce://customer/orders/ord_someone_else"}, nil, 0},
		{"a long uri", "", []string{long}, nil, 0},
		{"many made-up uris", "", madeUpURIs(500), nil, 0},
		{"made-up uris and the orders resource", "", append(madeUpURIs(50), ordersURI), nil, 1},
		{"orders kept when another uri is unsubscribed", "", []string{ordersURI}, []string{preferencesURI}, 1},
		{"over HTTP with sessions", "streamable legacy stateful", []string{ordersURI}, nil, 1},
		{"over HTTP without sessions", "streamable legacy stateless", []string{ordersURI}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			srv, subs := s.tb.newServer("commerce-mcp", "test")
			var c *client.Client
			if tc.wire == "" {
				c = clientOn(t, srv, nil, "2025-11-25")
			} else {
				w := wiretest.Named(t, tc.wire)
				c = w.Dial(t, w.Serve(t, srv, customerFromHeader), map[string]string{testCustomerHeader: s.tb.Customer}, nil)
			}
			ctx := context.Background()
			for _, uri := range tc.subscribe {
				if err := c.Subscribe(ctx, mcp.SubscribeRequest{Params: mcp.SubscribeParams{URI: uri}}); err != nil {
					t.Fatalf("subscribe %.60s: %v", uri, err)
				}
			}
			for _, uri := range tc.unsubscribe {
				if err := c.Unsubscribe(ctx, mcp.UnsubscribeRequest{Params: mcp.UnsubscribeParams{URI: uri}}); err != nil {
					t.Fatalf("unsubscribe %.60s: %v", uri, err)
				}
			}
			if got := subs.held(); got != tc.want {
				t.Fatalf("the server holds %d sessions' subscriptions, want %d", got, tc.want)
			}
		})
	}
}

func madeUpURIs(n int) []string {
	uris := make([]string, n)
	for i := range uris {
		uris[i] = fmt.Sprintf("commerce://made-up/%d", i)
	}
	return uris
}
