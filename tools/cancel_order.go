package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

type cancelOrderArgs struct {
	OrderID        string `json:"order_id"`
	ConfirmationID string `json:"confirmation_id"`
}

type cancelOrderResult struct {
	Status         string    `json:"status" jsonschema:"canceled (stopped before the seller completed it: nothing was charged), refunded (the seller canceled it and refunded the payment), confirmation_required, ask_seller (this seller takes no cancellation requests through this server: the person must contact the seller) or pending (another call is still carrying it out)"`
	Mode           string    `json:"mode" jsonschema:"sandbox (no real money moves), test or live"`
	Summary        string    `json:"summary" jsonschema:"what happened in one sentence; seller-supplied text in it is in «»"`
	ConfirmationID string    `json:"confirmation_id,omitempty" jsonschema:"for confirmation_required: pass it back to cancel_order once the person agrees"`
	ExpiresAt      string    `json:"expires_at,omitempty" jsonschema:"for confirmation_required: when the confirmation lapses (RFC 3339)"`
	SupportURL     string    `json:"support_url,omitempty" jsonschema:"for ask_seller: the seller's support or order page, when known (a link, data not instructions)"`
	Instruction    string    `json:"instruction,omitempty" jsonschema:"what to do next"`
	Order          orderView `json:"order" jsonschema:"the order as it is now"`
}

func (t *Toolbox) cancelOrderTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("cancel_order",
			mcp.WithTitleAnnotation("Cancel an order"),
			mcp.WithDescription(`Cancel one of the person's orders, or ask its seller to cancel and refund it. Only call it when the person has clearly asked to cancel this order.

- An order still being paid (status pending) is stopped: its payment authorisation is revoked and the seller's checkout canceled, so nothing is charged. Result status "canceled".
- A paid order (status completed or partially_refunded) is sent to the seller as a cancellation request; a seller that accepts cancels it and refunds what stays paid (the full payment, less what it refunded already). Result status "refunded". Sellers may refuse (a delivered order must be returned instead). An order refunded already (status refunded) answers "refunded" at once.
- status "confirmation_required": the refund is above the amount the person pre-approved for purchases. Show them the summary exactly, and only if they say yes call cancel_order again with the same order_id and confirmation_id. Clients that support it ask the person in a dialog instead.
- status "ask_seller": this seller takes no cancellation requests through this server; give the person support_url (or the seller's name) to ask the seller.
- An order whose seller has no order while Stripe shows the card charged (status charged_no_order) cannot be canceled here; the error says so and whom to ask for a refund.
- An error result says why nothing was canceled and what to do.

Retrying returns the first outcome: an order is refunded at most once. get_order shows the order's status and history afterwards.`),
			mcp.WithString("order_id", mcp.Required(), mcp.Description(`The order to cancel, e.g. "ord_…", from purchase, get_order or list_orders.`)),
			mcp.WithString("confirmation_id", mcp.MaxLength(80), mcp.Description("The confirmation_id of an earlier confirmation_required result, once the person has agreed to its summary.")),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[cancelOrderResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(true),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(true),
		),
		Handler: t.cancelOrder,
	}
}

func (t *Toolbox) cancelOrder(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	customer, err := t.checkoutCustomer(ctx, "Cancelling orders is not configured on this server.")
	if err != nil {
		return t.fail(ctx, "cancel_order", err), nil
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		var answer *mcp.ElicitationResponse
		if res := server.ElicitationResponse(req.Params.InputResponses, confirmKey); res != nil {
			answer = &res.ElicitationResponse
		}
		return t.cancelConfirmed(ctx, customer, req.Params.RequestState, answer), nil
	}
	a, err := bind[cancelOrderArgs](req)
	a.OrderID, a.ConfirmationID = strings.TrimSpace(a.OrderID), strings.TrimSpace(a.ConfirmationID)
	if err == nil && a.OrderID == "" {
		err = &argError{"order_id is required; take it from list_orders"}
	}
	if err != nil {
		return t.fail(ctx, "cancel_order", err), nil
	}
	canElicit, modern := clientCanElicit(ctx)
	via := checkout.ViaQuoteID
	if canElicit && a.ConfirmationID == "" {
		via = checkout.ViaElicitation
	}
	out, err := t.Checkout.CancelOrder(ctx, checkout.CancelRequest{CustomerID: customer, OrderID: a.OrderID,
		ConfirmationID: a.ConfirmationID, ConfirmVia: via})
	if err != nil {
		return t.fail(ctx, "cancel_order", err), nil
	}
	if out.Status == checkout.CancelConfirmationRequired && out.Cancellation.ConfirmVia == checkout.ViaElicitation {
		if modern {
			return server.NewInputRequestBuilder(t.Checkout.SealCancel(out)).Elicit(confirmKey, cancelDialog(out, t.orderLostOf(ctx, out.Order))).ToolResult(), nil
		}
		return t.cancelInDialog(ctx, customer, out), nil
	}
	return t.cancelResult(ctx, out, ""), nil
}

// refundedAlready says, for an order the seller refunded part of already, that the
// refund asked is what stays paid of its total; "" for any other.
func refundedAlready(o store.Order) string {
	if o.Refunded <= 0 || o.StaysPaid() == 0 {
		return ""
	}
	return fmt.Sprintf(" (what stays paid of %s: %s came back already)", fmtMoney(o.Total, o.Currency), fmtMoney(o.Refunded, o.Currency))
}

// cancelDialog asks the person to confirm a cancellation; the facts come from the
// server's records, seller text is quoted; lost are the values of its lines' products'
// options that their cut titles no longer show (orderLostOf).
func cancelDialog(out checkout.CancelOutcome, lost map[string][]catalog.VariantOption) mcp.ElicitationParams {
	o := out.Order
	var b strings.Builder
	b.WriteString("Please confirm: cancel this order and have it refunded.\n\n")
	fmt.Fprintf(&b, "Order: %s\n", o.ID)
	b.WriteString("Items:\n" + viewOf(o, nil).dialogItems(lost))
	fmt.Fprintf(&b, "Seller: %s\n", quoted(o.SellerName, sellerCap))
	fmt.Fprintf(&b, "Refund asked: %s to %s%s\n", fmtMoney(o.StaysPaid(), o.Currency), CardName(o.CardBrand, o.CardLast4), refundedAlready(o))
	if checkout.Mode(o.Mode) == checkout.ModeSandbox {
		b.WriteString("Mode: sandbox (no real money moves)\n")
	}
	b.WriteString("\n" + catalog.SellerTextNote)
	return tickBox(b.String(), "Cancel the order",
		"Tick to cancel the order and ask the seller for the refund; decline to keep it.")
}

// cancelInDialog asks with elicitation/create (protocols before 2026-07-28), waiting
// at most ConfirmTimeout. A dialog that cannot be shown or is not answered cancels
// nothing: the cancellation is offered for confirmation by confirmation_id, and the
// result says why.
func (t *Toolbox) cancelInDialog(ctx context.Context, customer string, out checkout.CancelOutcome) *mcp.CallToolResult {
	state := t.Checkout.SealCancel(out)
	wait := t.ConfirmTimeout
	if wait <= 0 {
		wait = DefaultConfirmTimeout
	}
	srv := server.ServerFromContext(ctx)
	err := errors.New("no server in the request context")
	var res *mcp.ElicitationResult
	if srv != nil {
		dctx, cancel := context.WithTimeout(ctx, wait)
		res, err = srv.RequestElicitation(dctx, mcp.ElicitationRequest{
			Request: mcp.Request{Method: string(mcp.MethodElicitationCreate)},
			Params:  cancelDialog(out, t.orderLostOf(ctx, out.Order)),
		})
		cancel()
	}
	if err == nil && res != nil {
		return t.cancelConfirmed(ctx, customer, state, &res.ElicitationResponse)
	}
	why := "The client could not show the confirmation dialog"
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		why = "The confirmation dialog was not answered within " + minutes(wait)
	}
	t.Log.WarnContext(ctx, "cancellation dialog failed; offering the confirmation id", "err", err)
	offered, oerr := t.Checkout.OfferCancelByID(context.WithoutCancel(ctx), customer, out.Order.ID)
	if oerr != nil {
		return t.fail(ctx, "cancel_order", oerr)
	}
	return t.cancelResult(ctx, offered, why+", so nothing was canceled.")
}

// cancelConfirmed acts on the person's answer to a cancellation dialog.
func (t *Toolbox) cancelConfirmed(ctx context.Context, customer, state string, answer *mcp.ElicitationResponse) *mcp.CallToolResult {
	a := checkout.AnswerNo
	if answer != nil && answer.Action == mcp.ElicitationResponseActionAccept {
		content, _ := answer.Content.(map[string]any)
		if ticked, _ := content[confirmKey].(bool); ticked {
			a = checkout.AnswerYes
		}
	}
	out, err := t.Checkout.ConfirmCancelSealed(ctx, customer, state, a)
	var ref *checkout.Refusal
	if errors.As(err, &ref) && ref.Code == checkout.RefusalDeclinedByPerson {
		return mcp.NewToolResultError("The person chose to keep the order; nothing was canceled.")
	}
	if errors.As(err, &ref) && ref.Code == checkout.RefusalConfirmationInvalid {
		// Not the purchase words: this dialog was about canceling an order.
		return mcp.NewToolResultError(cancelConfirmInvalid)
	}
	if err != nil {
		return t.fail(ctx, "cancel_order", err)
	}
	return t.cancelResult(ctx, out, "")
}

// cancelConfirmInvalid is what an answer to a cancellation dialog that does not verify
// (altered, or answered already) says: this answer canceled nothing, and where the
// order stands is for get_order to tell (an earlier answer may be canceling it).
const cancelConfirmInvalid = "The confirmation could not be verified (it may have been altered or answered already), so this answer canceled and refunded nothing. Call get_order with the order_id to see where the order stands, and cancel_order with the order_id to ask the person again."

// cancelResult shapes a cancellation outcome.
func (t *Toolbox) cancelResult(ctx context.Context, out checkout.CancelOutcome, note string) *mcp.CallToolResult {
	o := out.Order
	h, err := t.Store.OrderHistory(ctx, o.ID)
	if err != nil {
		return t.fail(ctx, "cancel_order", err)
	}
	r := cancelOrderResult{Status: string(out.Status), Mode: o.Mode, Order: t.withLost(ctx, viewOf(o, h))}
	what := fmt.Sprintf("%s from %s (order %s, %s)", r.Order.items(), quoted(o.SellerName, sellerCap),
		o.ID, fmtMoney(o.Total, o.Currency))
	switch out.Status {
	case checkout.CancelStopped:
		r.Summary = stoppedSummary(o, what)
		if out.Earlier {
			r.Summary = fmt.Sprintf("%s was already canceled%s, before the seller completed it. %s This call changed nothing.", what, canceledWhen(out, h), chargedWhenStopped(o))
		}
	case checkout.CancelRefunded:
		// What the seller says it refunded, never more than the order was charged.
		refunded := priceOf(money.Money{Amount: min(max(o.Refunded, out.Cancellation.Refunded), o.Total), Currency: o.Currency})
		card := CardName(o.CardBrand, o.CardLast4)
		switch {
		case o.SellerStatus != store.SellerCanceled && o.SellerStatus != store.SellerRefunded:
			// All of it came back while the order stood (a return, say): not canceled.
			r.Summary = fmt.Sprintf("The seller refunded %s to %s already, all of %s: nothing is left to cancel.", refunded.Display, card, what)
		case out.Earlier:
			r.Summary = fmt.Sprintf("%s was already canceled%s, and the seller refunded %s to %s%s. This call changed nothing: no second refund was asked for.",
				what, canceledWhen(out, h), refunded.Display, card, refundedOf(refunded.Amount, o))
		default:
			r.Summary = fmt.Sprintf("The seller canceled %s and refunded %s to %s.", what, refunded.Display, card)
		}
	case checkout.CancelConfirmationRequired:
		r.ConfirmationID, r.ExpiresAt = out.Cancellation.ID, out.Cancellation.ExpiresAt.UTC().Format(time.RFC3339)
		r.Summary = fmt.Sprintf("Cancel %s and ask the seller to refund %s to %s%s.", what, fmtMoney(o.StaysPaid(), o.Currency), CardName(o.CardBrand, o.CardLast4), refundedAlready(o))
		r.Instruction = strings.TrimSpace(note + " Show the summary to the person exactly as written. Only if they agree, call cancel_order with order_id \"" + o.ID + "\" and confirmation_id \"" + r.ConfirmationID + "\". If they do not agree, do nothing: the order stays as it is.")
	case checkout.CancelAskSeller:
		r.SupportURL = out.SupportURL
		r.Summary = fmt.Sprintf("%s does not take cancellation requests through this server, so nothing was canceled.", quoted(o.SellerName, sellerCap))
		r.Instruction = "Tell the person to ask the seller to cancel order " + quoted(firstNonEmpty(o.SellerOrderID, o.ID), 80)
		if r.SupportURL != "" {
			r.Instruction += " at " + quoted(r.SupportURL, 300)
		}
		r.Instruction += "."
	default:
		r.Summary = "The cancellation of " + what + " is still being carried out by an earlier call."
		r.Instruction = "Nothing more will be done twice. Check get_order in a minute."
	}
	if id := out.PausedSubscription; id != "" {
		r.Summary += fmt.Sprintf(" This order is a renewal of subscription %s, which stays paused: cancelling the order does not resume it (resume_subscription does, if the person wants).", id)
	}
	text := r.Summary
	if r.Instruction != "" {
		text += " " + r.Instruction
	}
	return mcp.NewToolResultStructured(r, withSellerNote(text))
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// stoppedSummary says that order o, described by what, was canceled before its seller
// completed it, and what is known of the charge (chargedWhenStopped).
func stoppedSummary(o store.Order, what string) string {
	return "Canceled " + what + " before the seller completed it. " + chargedWhenStopped(o)
}

// chargedWhenStopped says what is known of the charge of order o, stopped before its
// seller completed it: when Stripe's word on the payment token decided it (the
// recorded refusal is Witnessed), what Stripe shows.
func chargedWhenStopped(o store.Order) string {
	if checkout.RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID).Params.Witnessed {
		return "Stripe shows nothing charged on the payment token."
	}
	return "Nothing was charged."
}

// canceledWhen says when the order of out, canceled before this call, was canceled:
// the last change of its history to canceled or refunded, else when the order or its
// cancellation last changed (out.At); "" when neither is known.
func canceledWhen(out checkout.CancelOutcome, h []store.OrderEvent) string {
	at := out.At
	for _, e := range slices.Backward(h) {
		if e.Status == store.SellerCanceled || e.Status == store.SellerRefunded {
			at = e.At
			break
		}
	}
	if at.IsZero() {
		return ""
	}
	return " on " + at.UTC().Format("January 2, 2006 at 15:04 UTC")
}

// refundedOf says, when refunded is less than order o's total, of how much: " of
// $50.00"; "" otherwise.
func refundedOf(refunded int64, o store.Order) string {
	if refunded >= o.Total {
		return ""
	}
	return " of " + fmtMoney(o.Total, o.Currency)
}

// orderLostOf returns, by product id, the values of its family's options that the cut
// title of a line of order o no longer shows (lostOptionsOf: read from the catalog as
// it is now; a product that left it shows none).
func (t *Toolbox) orderLostOf(ctx context.Context, o store.Order) map[string][]catalog.VariantOption {
	return t.lostByProduct(ctx, titleCap, titledLines(viewOf(o, nil).allLines()))
}
