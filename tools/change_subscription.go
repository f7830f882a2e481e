package tools

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type changeSubscriptionArgs struct {
	SubscriptionID  string       `json:"subscription_id"`
	Choices         choiceValues `json:"choices"`
	Personalization string       `json:"personalization"`
	QuoteID         string       `json:"quote_id"`
}

type changeSubscriptionResult struct {
	Status       string           `json:"status" jsonschema:"confirmation_required (the change waits for the person), or the subscription's status once changed (active, paused)"`
	Summary      string           `json:"summary" jsonschema:"the change in one sentence; seller-supplied text in it is in «»"`
	QuoteID      string           `json:"quote_id,omitempty" jsonschema:"for confirmation_required: pass it back to change_subscription, with the subscription_id, once the person agrees"`
	ExpiresAt    string           `json:"expires_at,omitempty" jsonschema:"for confirmation_required: when the quote lapses (RFC 3339)"`
	Instruction  string           `json:"instruction,omitempty" jsonschema:"what to do next"`
	NewChoices   []choiceView     `json:"new_choices,omitempty" jsonschema:"the choices the change asks for (or made), as the product offers them"`
	NewPersonal  string           `json:"new_personalization,omitempty" jsonschema:"the personalisation the change asks for (or made); personal: shown only to this customer"`
	NewPrice     price            `json:"new_price" jsonschema:"the seller's total per cycle with the new choices: once confirmed, the agreed price, the most a renewal charges without asking"`
	Subscription subscriptionView `json:"subscription" jsonschema:"the subscription as it is now (its choices change only once the person confirms)"`
	Charge       *renewalView     `json:"charge,omitempty" jsonschema:"the cycle charged at once when the confirmation resumed a subscription paused because the product no longer took its old choices"`
	Running      *keptRenewalView `json:"renewal_being_charged,omitempty" jsonschema:"a renewal already being charged when the change was quoted or confirmed: it goes on with the choices and price it started with, and the change applies to the renewals after it; absent when none was"`
}

// keptRenewalView is a renewal being charged as a change is quoted or confirmed: it
// keeps the choices and price it started with.
type keptRenewalView struct {
	Cycle           int          `json:"cycle" jsonschema:"the cycle number, from 0"`
	Choices         []choiceView `json:"choices,omitempty" jsonschema:"the choices it is bought with (those before the change)"`
	Personalization string       `json:"personalization,omitempty" jsonschema:"the personalisation it is bought with; personal: shown only to this customer"`
	Price           price        `json:"price" jsonschema:"the most it charges: the price per cycle agreed before the change"`
}

// keptRenewalOf shows renewal c, being charged with its own terms; nil for none.
func keptRenewalOf(c *store.Cycle) *keptRenewalView {
	if c == nil || c.Terms == nil {
		return nil
	}
	l := orderLine{}.withChoices(c.Terms.Choices)
	return &keptRenewalView{Cycle: c.Cycle, Choices: l.Choices, Personalization: l.Personalization,
		Price: priceOf(money.Money{Amount: c.Terms.Amount, Currency: c.Terms.Currency})}
}

// text says that renewal k keeps its choices and price and the change is for the
// renewals after it, for a quote or once confirmed.
func (k keptRenewalView) text(confirmed bool) string {
	if confirmed {
		return "A renewal was already being charged when the change was confirmed: it keeps the previous choices at up to " + k.Price.Display +
			" (list_subscriptions shows how it ends); the renewals after it are bought with these choices."
	}
	return "A renewal is being charged now with the current choices at up to " + k.Price.Display +
		": it keeps them, and the renewals after it are bought with the new choices."
}

func (t *Toolbox) changeSubscriptionTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("change_subscription",
			mcp.WithTitleAnnotation("Change a subscription's choices"),
			mcp.WithDescription(`Change the choices of one of the person's subscriptions (its options, such as a ring size, and its personalisation), as they would be chosen with subscribe. Only call it when the person asked for the change.

The first call, with subscription_id, choices and personalization (all of them, as the product now asks: get_product shows its options), checks them as purchase does (a value not offered is refused with the values that are) and asks the seller its price per cycle for them. It returns status "confirmation_required" with a summary of the new choices and price: show it exactly, and only if the person agrees call change_subscription again with the subscription_id and quote_id (and nothing else). Clients that support it ask the person in a dialog instead, and the result says what they answered. Quotes expire after 10 minutes. Nothing changes until then; once confirmed, the next renewal is bought with the new choices, at that price.

A subscription paused because the product no longer takes its choices (list_subscriptions' paused_reason says what changed) is resumed by the confirmation: its due cycle is charged at once with the new choices, and the result says whether it went through. A canceled subscription cannot change. A change confirmed before a renewal starts is that renewal's; one confirmed while a renewal is being charged applies at once to the renewals after it, and that renewal keeps the choices and price it started with (the result's renewal_being_charged says so).`),
			subscriptionIDArg(),
			choicesArg(choicesChange), personalizationArg(choicesChange),
			mcp.WithString("quote_id", mcp.MaxLength(80), mcp.Description("The quote_id of an earlier confirmation_required result of change_subscription, once the person has agreed to its summary.")),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[changeSubscriptionResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(false),
			mcp.WithOpenWorldHintAnnotation(true),
		),
		Handler: t.changeSubscription,
	}
}

func (t *Toolbox) changeSubscription(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	const tool = "change_subscription"
	customer, err := t.subscriptionCustomer(ctx)
	if err != nil {
		return t.fail(ctx, tool, err), nil
	}
	if req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
		return t.choicesChangeConfirmed(ctx, customer, req.Params.RequestState, elicited(req)), nil
	}
	a, err := bind[changeSubscriptionArgs](req)
	a.SubscriptionID, a.QuoteID = strings.TrimSpace(a.SubscriptionID), strings.TrimSpace(a.QuoteID)
	switch {
	case err != nil:
	case a.SubscriptionID == "":
		err = &argError{"subscription_id is required; take it from list_subscriptions"}
	case a.QuoteID != "" && (len(a.Choices) > 0 || strings.TrimSpace(a.Personalization) != ""):
		err = &argError{"give quote_id alone (with subscription_id) to confirm a change; choices and personalization go in the first call, which returns the quote"}
	case a.QuoteID == "" && len(a.Choices) == 0 && strings.TrimSpace(a.Personalization) == "":
		err = &argError{"choices (and personalization, when the product takes one) are required to change a subscription; get_product shows the product's options"}
	case len(a.Personalization) > maxPersonalization:
		err = &argError{fmt.Sprintf("personalization must be at most %d bytes", maxPersonalization)}
	}
	var choices map[string]string
	if err == nil {
		choices, err = choiceArgs(a.Choices)
	}
	if err != nil {
		return t.fail(ctx, tool, err), nil
	}
	canElicit, modern := clientCanElicit(ctx)
	via := checkout.ViaQuoteID
	if canElicit && a.QuoteID == "" {
		via = checkout.ViaElicitation
	}
	out, err := t.Checkout.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: customer, SubscriptionID: a.SubscriptionID,
		Choices: choices, Personalization: a.Personalization, QuoteID: a.QuoteID, ConfirmVia: via})
	if err != nil {
		return t.fail(ctx, tool, err), nil
	}
	if out.Status != checkout.StatusConfirmationRequired || out.Change.ConfirmVia != checkout.ViaElicitation {
		return t.choicesChangeResult(ctx, out, ""), nil
	}
	// The person answers in the client's dialog; the quote_id is not offered.
	state, dialog := t.Checkout.SealChoicesChange(out.Change), choicesChangeDialog(out, t.lostOptionsOf(ctx, out.Subscription.ProductID, out.Subscription.Title))
	if modern {
		return server.NewInputRequestBuilder(state).Elicit(confirmKey, dialog).ToolResult(), nil
	}
	answer, why := t.showDialogWith(ctx, dialog)
	if why == "" {
		return t.choicesChangeConfirmed(ctx, customer, state, answer), nil
	}
	// Nobody answered: the change waits for confirmation by its quote_id.
	res, err := t.Checkout.ConfirmSealedChange(context.WithoutCancel(ctx), customer, state, checkout.AnswerUnticked)
	if err != nil {
		return t.fail(ctx, tool, err), nil
	}
	return t.choicesChangeResult(ctx, res, why), nil
}

// choicesChangeConfirmed acts on the person's answer to a change's dialog (state).
func (t *Toolbox) choicesChangeConfirmed(ctx context.Context, customer, state string, answer *mcp.ElicitationResponse) *mcp.CallToolResult {
	a := answerOf(answer)
	out, err := t.Checkout.ConfirmSealedChange(ctx, customer, state, a)
	if err != nil {
		res := t.fail(ctx, "change_subscription", err)
		if q := out.Change.QuoteID; q != "" && len(res.Content) == 1 {
			// The person said yes while a renewal was being charged: the words say to
			// confirm again with the quote_id, which the model has not seen.
			if tc, ok := res.Content[0].(mcp.TextContent); ok {
				tc.Text += " The person said yes in the dialog; its quote_id is \"" + q + "\"."
				res.Content[0] = tc
			}
		}
		return res
	}
	note := ""
	if a == checkout.AnswerUnticked && out.Status == checkout.StatusConfirmationRequired {
		note = "The person accepted the confirmation dialog without ticking \"Change\", so nothing was changed."
	}
	return t.choicesChangeResult(ctx, out, note)
}

// choicesChangeDialog asks the person to confirm change out.Change of out.Subscription: the
// facts come from the server's records, seller text is quoted; lost are the values of
// the product's options that its cut title no longer shows (lostOptionsOf).
func choicesChangeDialog(out checkout.ChangeChoicesOutcome, lost []catalog.VariantOption) mcp.ElicitationParams {
	u, c := out.Subscription, out.Change
	v := subscriptionOf(u, nil)
	np := priceOf(money.Money{Amount: c.Amount, Currency: c.Currency})
	var b strings.Builder
	b.WriteString("Please confirm this change of a subscription.\n\n")
	fmt.Fprintf(&b, "Item: %s\n", quotedTitle(u.Title))
	b.WriteString(lostOptionsLines(lost))
	fmt.Fprintf(&b, "Quantity: %d each cycle\n", u.Quantity)
	fmt.Fprintf(&b, "Seller: %s\n", quoted(u.SellerName, sellerCap))
	b.WriteString("\nNew choices:\n")
	b.WriteString(choicesDialogLines(c.Choices))
	if now := choicesDialogLines(u.Choices); now != "" {
		b.WriteString("\nNow:\n" + now)
	}
	fmt.Fprintf(&b, "\nPrice: %s %s (now %s)\n", np.Display, everyText(checkout.Terms(u)), v.PricePerCycle.Display)
	switch k := keptRenewalOf(out.Running); {
	case v.Status == "paused":
		b.WriteString("Confirming resumes the subscription: its due cycle is charged at once with the new choices.\n")
	case k != nil:
		b.WriteString(k.text(false) + "\n")
	default:
		b.WriteString("The next renewal is bought with the new choices.\n")
	}
	b.WriteString("\n" + catalog.SellerTextNote)
	return tickBox(b.String(), "Change",
		"Tick to change the subscription's choices and price as shown; decline to keep them as they are.")
}

// choicesChangeResult shows out; note, when set, says why a dialog's change waits for its
// quote_id. A quote's summary says the values of the product's options that its cut
// title no longer shows (lostOptionsOf).
func (t *Toolbox) choicesChangeResult(ctx context.Context, out checkout.ChangeChoicesOutcome, note string) *mcp.CallToolResult {
	u, c := out.Subscription, out.Change
	v := t.subscriptionViewOf(ctx, u)
	chosen := orderLine{}.withChoices(c.Choices)
	np := priceOf(money.Money{Amount: c.Amount, Currency: c.Currency})
	r := changeSubscriptionResult{Status: v.Status, Subscription: v, NewChoices: chosen.Choices, NewPersonal: chosen.Personalization,
		NewPrice: np, Charge: renewalOf(out.First), Running: keptRenewalOf(out.Running)}
	what := orderLine{Choices: chosen.Choices, Personalization: chosen.Personalization}.choicesText()
	every := everyText(checkout.Terms(u))
	if out.Status == checkout.StatusConfirmationRequired {
		r.Status, r.QuoteID, r.ExpiresAt = "confirmation_required", c.QuoteID, c.ExpiresAt.UTC().Format(time.RFC3339)
		r.Summary = fmt.Sprintf("Change %s: %d × %s%s from %s, now with%s, at %s %s (now %s%s).", u.ID, u.Quantity, quotedTitle(u.Title),
			lostOptionsText(v.lost), quoted(u.SellerName, sellerCap), what, np.Display, every, v.PricePerCycle.Display, v.choicesText())
		switch {
		case v.Status == "paused":
			r.Summary += " Confirming resumes it: its due cycle is charged at once with the new choices."
		case r.Running != nil:
			r.Summary += " " + r.Running.text(false)
		default:
			r.Summary += " The next renewal is bought with the new choices."
		}
		r.Instruction = strings.TrimSpace(note + " Show the summary to the person exactly as written. Only if they agree, call change_subscription with subscription_id \"" + u.ID +
			"\" and quote_id \"" + c.QuoteID + "\" and no other arguments. If they do not agree, do nothing: the quote lapses at expires_at and nothing changes.")
		return mcp.NewToolResultStructured(r, withSellerNote("Confirmation required. "+r.Summary+" "+r.Instruction))
	}
	r.Summary = "Changed: " + sentence(v.line())
	r.Instruction = "The next renewal is bought with these choices."
	if r.Running != nil {
		r.Instruction = r.Running.text(true)
	}
	text := r.Summary + " " + r.Instruction
	if ch := r.Charge; ch != nil {
		if ch.Status == string(checkout.RenewPaid) {
			text += " The due cycle was charged: order " + ch.OrderID + "."
		} else {
			text += " The due cycle was not charged (" + ch.Status + "): " + ch.Reason
		}
	}
	return mcp.NewToolResultStructured(r, withSellerNote(text))
}
