package tools

import (
	"context"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/store"
)

type listOrdersArgs struct {
	Limit  *int   `json:"limit"`
	Cursor string `json:"cursor"`
	Status string `json:"status"`
}

type listOrdersResult struct {
	Orders     []orderView `json:"orders" jsonschema:"newest first"`
	NextCursor string      `json:"next_cursor,omitempty" jsonschema:"pass as cursor for the next page; absent on the last page"`
}

func (t *Toolbox) listOrdersTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("list_orders",
			mcp.WithTitleAnnotation("List orders"),
			mcp.WithDescription(`List the person's orders, newest first, each with status, what was bought, totals, seller, card and date, and after payment the seller's status, tracking, refunds and their history. Use it when they ask about past purchases or want to find an order; get_order shows one order.

Returns up to "limit" orders (default 10, max 50) and "next_cursor" when there are more.`),
			mcp.WithInteger("limit", mcp.Min(1), mcp.Max(50), mcp.DefaultNumber(10), mcp.Description("Orders per page, a whole number from 1 to 50 (default 10).")),
			mcp.WithString("cursor", mcp.Description("next_cursor from a previous list_orders result, for the next page.")),
			mcp.WithString("status", mcp.Enum(orderStatuses()...), mcp.Description("Only orders with this status, as list_orders shows it: pending, completed (paid, nothing refunded), partially_refunded (paid, and the seller refunded part of it while the order stands), canceled or refunded (paid, then canceled or refunded by the seller, or all of it refunded), failed, or charged_no_order (the card was charged but the seller has no order). Omit for all.")),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[listOrdersResult]()),
			mcp.WithReadOnlyHintAnnotation(true),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(false),
		),
		Handler: t.listOrders,
	}
}

func (t *Toolbox) listOrders(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	customer, err := t.customerStore(ctx)
	if err != nil {
		return t.fail(ctx, "list_orders", err), nil
	}
	a, err := bind[listOrdersArgs](req)
	if err == nil {
		err = checkLimit(a.Limit, 50)
	}
	if err != nil {
		return t.fail(ctx, "list_orders", err), nil
	}
	limit := 10
	if a.Limit != nil {
		limit = *a.Limit
	}
	orders, next, err := t.Store.ListOrders(ctx, store.OrderFilter{
		CustomerID: customer, Status: store.OrderStatus(enumWord(a.Status)), Limit: limit, Cursor: strings.TrimSpace(a.Cursor),
	})
	if err != nil {
		return t.fail(ctx, "list_orders", err), nil
	}
	views, err := t.viewsOf(ctx, orders)
	if err != nil {
		return t.fail(ctx, "list_orders", err), nil
	}
	r := listOrdersResult{Orders: views, NextCursor: next}
	var b strings.Builder
	for _, v := range views {
		b.WriteString(v.line() + "\n")
	}
	if len(orders) == 0 {
		b.WriteString("No orders.")
	}
	if next != "" {
		b.WriteString("More orders: call list_orders again with cursor=" + next)
	}
	return mcp.NewToolResultStructured(r, withSellerNote(strings.TrimRight(b.String(), "\n"))), nil
}

// orderStatuses are the order statuses list_orders filters by.
func orderStatuses() []string {
	out := make([]string, len(store.OrderStatuses))
	for i, st := range store.OrderStatuses {
		out[i] = string(st)
	}
	return out
}
