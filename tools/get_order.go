package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
	"github.com/commerce-mcp/commerce-mcp/store"
)

type getOrderArgs struct {
	OrderID string `json:"order_id"`
}

func (t *Toolbox) getOrderTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("get_order",
			mcp.WithTitleAnnotation("Get an order"),
			mcp.WithDescription(`Get one of the person's orders by id: status (pending, completed, partially_refunded, canceled, refunded, failed or charged_no_order), what was bought, totals, seller and its order number, the card used, and for a failed order why it failed. After payment it also shows what the seller says (seller_status: confirmed, processing, shipped, delivered, canceled or refunded), the tracking (carrier, number, link), any refund, and the history of those changes.`+t.unlessReadOnly(`

For an order still pending or charged_no_order it asks the seller (at most every 30 seconds) and shows the order as the seller now has it; when the seller cannot be reached it shows what is known and says so.`)+`

Use it `+t.unlessReadOnly("after purchase (order_id is in its result) or ")+`with an id from list_orders, e.g. to check a pending order or to answer "where is my order?". Only the person's own orders can be seen.`+t.unlessReadOnly(" To cancel an order, use cancel_order.")),
			mcp.WithString("order_id", mcp.Required(), mcp.Description(`The order id, e.g. "ord_…", from `+t.unlessReadOnly("purchase or ")+`list_orders. The seller's order number (seller_order_id) also finds the order.`)),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[orderView]()),
			mcp.WithReadOnlyHintAnnotation(true),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(true), // it may ask the seller
		),
		Handler: t.getOrder,
	}
}

func (t *Toolbox) getOrder(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	customer, err := t.customerStore(ctx)
	if err != nil {
		return t.fail(ctx, "get_order", err), nil
	}
	a, err := bind[getOrderArgs](req)
	if err == nil && strings.TrimSpace(a.OrderID) == "" {
		err = &argError{"order_id is required; take it from " + t.unlessReadOnly("purchase or ") + "list_orders"}
	}
	if err != nil {
		return t.fail(ctx, "get_order", err), nil
	}
	id := strings.TrimSpace(a.OrderID)
	o, err := t.Store.Order(ctx, customer, id)
	bySeller := false
	if errors.Is(err, store.ErrNotFound) {
		// Sellers' order numbers look like ours ("ord_…"): the model may pass one.
		o, err = t.Store.OrderBySellerOrderID(ctx, customer, id)
		bySeller = err == nil
	}
	if errors.Is(err, store.ErrNotFound) {
		err = &notFound{fmt.Sprintf("No order has id %s.%s Call list_orders to see the person's orders.", txt.Quote(a.OrderID, idCap),
			t.orderIDHint(ctx, customer, id))}
	}
	if err != nil {
		return t.fail(ctx, "get_order", err), nil
	}
	var ask checkout.OrderAsk
	if t.Checkout != nil && !t.ReadOnly {
		// A pending or charged_no_order order: its seller is asked (at most every
		// few seconds) and the order settled as recovery would. Not from a read-only
		// server: it settles nothing.
		o, ask = t.Checkout.AskSeller(ctx, o)
	}
	h, err := t.Store.OrderHistory(ctx, o.ID)
	if err != nil {
		return t.fail(ctx, "get_order", err), nil
	}
	v := t.withLost(ctx, viewOf(o, h))
	text := v.line()
	var hold *checkout.Hold
	if t.Checkout != nil && o.Status == store.OrderPending {
		hold = t.Checkout.OrderHold(ctx, o)
	}
	switch check := sellerCheckText(o.Status, o.Mode, ask); {
	case hold != nil:
		// What the seller and Stripe showed when the hold was found says more than
		// how this ask went.
		text += "\n" + holdWords(o.SellerName, *hold, o.ID)
		v.SellerCheck = string(ask)
	case check != "":
		text += "\n" + check
		v.SellerCheck = string(ask)
	}
	if t.Checkout != nil && !t.ReadOnly && t.Checkout.CancelAskedBeforeOrder(ctx, o) {
		text += "\nThe person asked to cancel this order before the seller showed it; the seller has shown it since, and it was not canceled: call cancel_order with order_id " + o.ID + " again to ask the seller to cancel and refund it, if the person still wants that."
	}
	if bySeller {
		text = fmt.Sprintf("%s is the seller's order number; this server's order id is %s (use that one with get_order).\n%s", quoted(id, 80), o.ID, text)
	}
	return mcp.NewToolResultStructured(v, withSellerNote(text)), nil
}

// sellerCheckText says what asking the seller about an order whose status is now
// status, made in mode, gave; "" once the order is settled (completed or failed).
func sellerCheckText(status store.OrderStatus, mode string, ask checkout.OrderAsk) string {
	if status != store.OrderPending && status != store.OrderChargedNoOrder {
		return ""
	}
	switch ask {
	case checkout.AskUnreachable:
		// Recovery keeps asking about a pending purchase, and about a charged_no_order
		// one for a day (AskSeller does not ask about an older one).
		return "The seller (or Stripe) could not be reached to check this order just now: it is shown as last known. The server keeps checking; call get_order again in a few minutes."
	case checkout.AskCompleting:
		return "The seller says it is still completing this purchase: the order is shown as last known. The server keeps checking; call get_order again in a few minutes."
	case checkout.AskInFlight:
		return "This purchase is still being processed; call get_order again in a minute."
	case checkout.AskRecent:
		return "The seller was asked about this order moments ago: it is shown as it was then. Call get_order again in a minute."
	case checkout.AskLimited:
		return "The person's orders were checked with their sellers many times in the last seconds: this one is shown as last known. Call get_order again in a minute."
	case checkout.AskHeld:
		return "Stripe shows the payment token used but nothing captured yet: a hold of up to the order's total may be on the card, which the seller can still capture. Nothing more will be charged. The order stays pending and the server keeps checking; call get_order again later."
	case checkout.AskOtherMode:
		money := "No real money moves in that mode."
		if mode == string(checkout.ModeLive) {
			money = "This server charges nothing for it."
		}
		return fmt.Sprintf("This order was made in %s mode and this server runs in another mode, so it cannot check it with the seller or Stripe: it is shown as last known. Settling it is for the operator, who can run a server in %s mode on this database. %s", mode, mode, money)
	case checkout.AskSandboxForgot:
		return "The sandbox's Stripe was restarted and no longer knows this sandbox purchase's payment token, so the order cannot be checked yet: it is shown as last known. No real money moves in the sandbox. The server ends it as failed an hour after the token expires (15 minutes after the purchase, unless set otherwise); call get_order again then."
	case checkout.AskNoLonger:
		return "The seller is no longer asked about this order automatically (it has been more than a day since the charge). The person should contact the seller about it."
	case checkout.AskAnswered:
		if status == store.OrderChargedNoOrder {
			return "The seller, asked again just now, still shows no order for this charge."
		}
		return "The seller was asked just now and the outcome is not final yet; the server keeps checking. Call get_order again in a few minutes."
	}
	return ""
}

// customerStore returns the current customer, or an error when there is none or no
// store to read their records from.
func (t *Toolbox) customerStore(ctx context.Context) (string, error) {
	customer, err := t.currentCustomer(ctx)
	if err == nil && t.Store == nil {
		err = errNoCustomer
	}
	return customer, err
}

// checkoutCustomer is customerStore for a tool that also needs the checkout service;
// unavailable is what the model is told when this server has none.
func (t *Toolbox) checkoutCustomer(ctx context.Context, unavailable string) (string, error) {
	customer, err := t.customerStore(ctx)
	if err == nil && t.Checkout == nil {
		err = &notFound{unavailable}
	}
	return customer, err
}
