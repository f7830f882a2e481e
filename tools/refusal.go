package tools

import (
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
	"github.com/commerce-mcp/commerce-mcp/store"
)

// refusalText words a purchase refusal for the model and the person: what happened,
// whether anything was charged, and what they can do, naming the tools, arguments and
// operator commands to use. Seller text in it is quoted in «». A refusal recorded
// before refusals kept their parameters is shown in the words recorded with it.
func refusalText(r *checkout.Refusal) string {
	s := refusalWords(r, "Nothing was charged")
	if r.Recorded == "" && r.Params.Witnessed {
		s = stripeShowsNothing.Replace(s)
	}
	return s
}

// stripeShowsNothing rewords "nothing was charged" for a failure that Stripe's word on
// the payment token decided (RefusalParams.Witnessed): Stripe shows nothing captured
// on it, which is what is known (a seller's authorization hold does not show there).
var stripeShowsNothing = strings.NewReplacer(
	"Its payment token was revoked and nothing was charged", "Its payment token was revoked and Stripe shows nothing charged on it",
	"Nothing was charged", "Stripe shows nothing charged on the payment token",
	"nothing was charged", "Stripe shows nothing charged on the payment token",
)

// notBuyable says why a product listed with an availability other than in stock or out
// of stock cannot be bought (RefusalParams.Availability).
var notBuyable = map[string]string{
	string(catalog.Preorder):     "it is listed for preorder only",
	string(catalog.Backorder):    "it is on backorder",
	string(catalog.Discontinued): "it is discontinued",
	string(catalog.Unknown):      "its seller does not say that it is available",
}

// cartRefusalText words a refusal of a cart change (add_to_cart, update_cart): where the
// refusal of a purchase says nothing was charged, it says the cart was not changed.
func cartRefusalText(r *checkout.Refusal) string {
	return refusalWords(r, "The cart was not changed")
}

// refusalWords words r; unchanged is the sentence saying what did not happen, in the
// refusals a cart change shares with a purchase (unknown product, out of stock, seller
// not purchasable, subscription product).
func refusalWords(r *checkout.Refusal, unchanged string) string {
	if r.Recorded != "" {
		return r.Recorded
	}
	p := r.Params
	seller, title := quoted(p.Seller, sellerCap), quotedTitle(p.Title)
	switch r.Code {
	case checkout.RefusalInvalid:
		return fmt.Sprintf("%s must be between %d and %d", p.Field, p.Min, p.Max)
	case checkout.RefusalUnknownProduct:
		return fmt.Sprintf("No product has id %s. Find products with search_products and use an id from its results. %s.", txt.Quote(p.ProductID, idCap), unchanged)
	case checkout.RefusalIdempotencyConflict:
		switch {
		case p.AskedChosen != nil:
			return fmt.Sprintf("This idempotency_key was already used for a purchase of %s × %d with %s, not with %s. Call purchase with that key and no choices to see how it ended, or use a new key for a new purchase; nothing was charged by this call.",
				p.ProductID, p.Quantity, choicesWords(p.Chosen), choicesWords(p.AskedChosen))
		case p.AskedAddressID != "":
			return fmt.Sprintf("This idempotency_key was already used for a purchase of %s × %d delivering to address_id %s, not to address_id %s. Call purchase with that key, that product_id and quantity and no address_id to see how it ended, or use a new key for a new purchase; nothing was charged by this call.",
				p.ProductID, p.Quantity, txt.Quote(p.AddressID, idCap), txt.Quote(p.AskedAddressID, idCap))
		case p.AskedFulfillmentID != "":
			return fmt.Sprintf("This idempotency_key was already used for a purchase of %s × %d delivered by fulfillment_option_id %s, not by %s. Call purchase with that key, that product_id and quantity and no fulfillment_option_id to see how it ended, or use a new key for a new purchase; nothing was charged by this call.",
				p.ProductID, p.Quantity, txt.Quote(p.FulfillmentID, idCap), txt.Quote(p.AskedFulfillmentID, idCap))
		}
		return fmt.Sprintf("This idempotency_key was already used for a different purchase (%s × %d). Use a new key for a new purchase; nothing was charged by this call.", p.ProductID, p.Quantity)
	case checkout.RefusalReservedKey:
		return fmt.Sprintf("idempotency_key must not start with %q: that prefix is reserved for subscription renewals. Use another key (e.g. a UUID); nothing was charged by this call.", checkout.ReservedKeyPrefix)
	case checkout.RefusalQuoteMismatch:
		asked := fmt.Sprintf("%d × %s", p.AskedQuantity, txt.Quote(p.AskedProductID, idCap))
		if p.AskedProductID == "" {
			asked = fmt.Sprintf("%d of it", p.AskedQuantity)
		}
		if p.AskedChosen != nil {
			return fmt.Sprintf("Quote %s is for %d × %s (product_id %s) with %s, not with %s, so nothing was bought and nothing was charged. To buy what the quote is for, call purchase with only its quote_id; for other choices, call purchase with the product_id, quantity and those choices to get a new quote, and show it to the person.",
				p.QuoteID, p.Quantity, title, p.ProductID, choicesWords(p.Chosen), choicesWords(p.AskedChosen))
		}
		return fmt.Sprintf("Quote %s is for %d × %s (product_id %s), not for %s, so nothing was bought and nothing was charged. To buy what the quote is for, call purchase with only its quote_id; to buy something else, call purchase with the product_id and quantity to get a new quote.",
			p.QuoteID, p.Quantity, title, p.ProductID, asked)
	case checkout.RefusalChoiceMissing:
		return fmt.Sprintf("%s (product_id %s) is made to order in a choice of %s: %s. Ask the person which they want and call again with choices {%q: \"…\"}. %s.",
			title, p.ProductID, p.Option, quoted(p.Offered, 400), p.Option, unchanged)
	case checkout.RefusalChoiceNotOffered:
		return fmt.Sprintf("%s (product_id %s) is not offered with %s %s; the %s values offered are %s. Ask the person which of these they want and call again with it. %s.",
			title, p.ProductID, p.Option, txt.Quote(p.AskedValue, idCap), p.Option, quoted(p.Offered, 400), unchanged)
	case checkout.RefusalChoiceUnknown:
		if p.Offered == "" {
			return fmt.Sprintf("%s (product_id %s) has no option to choose, so choices must be left out (%s is not one of its options). %s.",
				title, p.ProductID, txt.Quote(p.AskedValue, idCap), unchanged)
		}
		return fmt.Sprintf("%s (product_id %s) has no option %s; its options are %s (get_product lists their values). %s.",
			title, p.ProductID, txt.Quote(p.AskedValue, idCap), p.Offered, unchanged)
	case checkout.RefusalPersonalizationMissing:
		how := ""
		if p.Instructions != "" {
			how = " The seller asks: " + quoted(p.Instructions, 300) + "."
		}
		return fmt.Sprintf("%s (product_id %s) is personalised: ask the person for the text (at most %d characters) and call again with personalization.%s %s.",
			title, p.ProductID, p.Max, how, unchanged)
	case checkout.RefusalPersonalizationTooLong:
		return fmt.Sprintf("The personalization for %s (product_id %s) is too long: it takes at most %d characters. Ask the person for a shorter text. %s.",
			title, p.ProductID, p.Max, unchanged)
	case checkout.RefusalPersonalizationNotTaken:
		return fmt.Sprintf("%s (product_id %s) takes no personalization: leave personalization out, or find a personalised product with search_products. %s.",
			title, p.ProductID, unchanged)
	case checkout.RefusalPersonalizationInvalid:
		return fmt.Sprintf("The personalization for %s (product_id %s) holds control or invisible characters; send the text as the person wrote it, in plain characters. %s.",
			title, p.ProductID, unchanged)
	case checkout.RefusalChoicesChanged:
		return fmt.Sprintf("This renewal of subscription %s was not charged: %s (product_id %s) %s. The subscription is paused, so that nothing is bought with other choices than the person's. To go on, change_subscription with choices the product offers now (get_product lists them) resumes it once the person confirms.",
			p.QuoteID, title, p.ProductID, choicesChangedWords(p))
	case checkout.RefusalCartLineAmbiguous:
		var lines []string
		if p.ChoiceLines != nil {
			for i := range *p.ChoiceLines {
				lines = append(lines, choicesWords(&(*p.ChoiceLines)[i]))
			}
		}
		return fmt.Sprintf("The cart holds %s in %d lines, with other choices each: %s. Call update_cart again with the choices (and personalization) of the line to change, as view_cart shows them. The cart was not changed.",
			p.ProductID, len(lines), strings.Join(lines, "; "))
	case checkout.RefusalUnknownQuote:
		return fmt.Sprintf("No quote has id %s for this customer. Call purchase with the product_id to get a new quote. Nothing was charged.", txt.Quote(p.QuoteID, idCap))
	case checkout.RefusalConfirmationMismatch:
		return "This quote must be confirmed by the person in the confirmation dialog, not by its id. Call purchase with the product_id to ask again. Nothing was charged."
	case checkout.RefusalConfirmationInvalid:
		return "The confirmation could not be verified (it may have expired, been used already, or been altered). Nothing was charged; call purchase again with the product_id to ask the person again."
	case checkout.RefusalDeclinedByPerson:
		return "The person declined the purchase. Nothing was charged; ask them what they would like instead."
	case checkout.RefusalQuoteExpired:
		return fmt.Sprintf("This quote expired (quotes last %s). Call purchase with the product_id to get a fresh quote. Nothing was charged.", minutes(p.QuoteTTL()))
	case checkout.RefusalOutOfStock:
		if p.Seller == "" {
			if why := notBuyable[p.Availability]; why != "" {
				return fmt.Sprintf("%s cannot be bought now: %s. %s; look for an alternative with search_products or recommend.", title, why, unchanged)
			}
			return fmt.Sprintf("%s is not in stock. %s; look for an alternative with search_products or recommend.", title, unchanged)
		}
		detail := ""
		if p.SellerMessage != "" {
			detail = " (" + quoted(p.SellerMessage, 200) + ")"
		}
		return fmt.Sprintf("%s cannot supply %s in the quantity asked%s. %s; try a smaller quantity or an alternative.", seller, title, detail, unchanged)
	case checkout.RefusalTotalTooLarge:
		return fmt.Sprintf("The total for %d × %s at %s each is too large to pay in one purchase (the most is %s). Nothing was charged; try a smaller quantity. If the price looks wrong, the listing probably is.",
			p.Quantity, title, fmtMoney(p.UnitAmount, p.Currency), fmtMoney(p.Limit, p.Currency))
	case checkout.RefusalNoPaymentMethod:
		return "The customer has no payment method on file, so nothing was charged. The person can add a card with add_payment_method (on a secure page, never in the chat), then buy again."
	case checkout.RefusalCardOtherMode:
		return fmt.Sprintf("The default card (%s) was %s and this server runs in %s mode, so it is never charged here: nothing was charged. The person can add a card with add_payment_method (on a secure page), or make a card of %s mode the default with set_default_payment_method (list_payment_methods shows each card's mode), then try again.",
			CardName(p.CardBrand, p.CardLast4), putOnFileIn(string(p.Mode)), p.ServerMode, p.ServerMode)
	case checkout.RefusalCardRemoved:
		return fmt.Sprintf("This was to be paid with %s, which the person has removed since, so nothing was charged (no other card either) and any quote for it is canceled. Buy again (purchase with the product_id, or checkout for a cart) to pay with the card now on file, or add one with add_payment_method.",
			CardName(p.CardBrand, p.CardLast4))
	case checkout.RefusalSellerNotPurchasable:
		return fmt.Sprintf("%s cannot be bought from through this server (no checkout is configured for it in %s mode). %s.", seller, p.Mode, unchanged)
	case checkout.RefusalSellerMismatch:
		return fmt.Sprintf("%s quoted %d × %s instead of the %d asked for, so nothing was bought and nothing was charged. Try again, or choose another seller.", seller, p.Quantity, title, p.AskedQuantity)
	case checkout.RefusalNoTotal:
		return fmt.Sprintf("%s quoted a total of %s for %d × %s. A payment can only be made for more than zero, so nothing was bought and nothing was charged. The listing is probably wrong: choose another item, or ask the seller.",
			seller, fmtMoney(0, p.Currency), p.Quantity, title)
	case checkout.RefusalSellerNotAllowed:
		return fmt.Sprintf("The customer's spending rules do not allow buying from %s. Only the account owner can change that (not the assistant). Nothing was charged.", seller)
	case checkout.RefusalCategoryNotAllowed:
		return fmt.Sprintf("The customer's spending rules do not allow buying in %s. Only the account owner can change that (not the assistant). Nothing was charged.", quoted(p.Category, sellerCap))
	case checkout.RefusalCurrencyNotAllowed:
		return fmt.Sprintf("The total is in %s but the customer's spending rules are in %s, so this purchase is not allowed. Only the account owner can change that. Nothing was charged.", p.Currency, p.RulesCurrency)
	case checkout.RefusalOverOrderLimit:
		return fmt.Sprintf("The total %s is above the customer's per-order limit of %s. Try a smaller quantity or a cheaper item; only the account owner can raise the limit. Nothing was charged.",
			fmtMoney(p.Amount, p.Currency), fmtMoney(p.Limit, p.Currency))
	case checkout.RefusalOverDailyLimit:
		return fmt.Sprintf("This purchase (%s) would take the customer's spending over their limit of %s per 24 hours (%s already spent or pending). Nothing was charged; try later or a smaller amount. Only the account owner can raise the limit.",
			fmtMoney(p.Amount, p.Currency), fmtMoney(p.Limit, p.Currency), fmtMoney(p.Spent, p.Currency))
	case checkout.RefusalOverMonthlyLimit:
		return fmt.Sprintf("This would take the customer's spending over their limit of %s per 30 days, subscription renewals included (%s this time; %s already spent or pending). Nothing was charged; try later or a smaller amount. Only the account owner can raise the limit.",
			fmtMoney(p.Limit, p.Currency), fmtMoney(p.Amount, p.Currency), fmtMoney(p.Spent, p.Currency))
	case checkout.RefusalSellerNotReady:
		detail := ""
		if p.SellerMessage != "" {
			detail = " (" + quoted(p.SellerMessage, 200) + ")"
		}
		return fmt.Sprintf("%s cannot take payment for this order right now%s. Nothing was charged; try again later or choose another item.", seller, detail)
	case checkout.RefusalSellerMisconfigured:
		return fmt.Sprintf("%s refused this server's access to its checkout (the operator must check the seller's API key and endpoint). Nothing was charged.", seller)
	case checkout.RefusalSellerRejected:
		if p.Step == checkout.StepComplete {
			return fmt.Sprintf("%s refused to complete the order. Nothing was charged; try again later or choose another item.", seller)
		}
		return fmt.Sprintf("%s refused the order. Nothing was charged; the item may no longer be available — try get_product or another item.", seller)
	case checkout.RefusalSellerUnavailable:
		switch p.Step {
		case checkout.StepConnect:
			return fmt.Sprintf("The checkout of %s is not available. Nothing was charged; try again later.", seller)
		case checkout.StepReopen:
			return fmt.Sprintf("The checkout of %s could not take the order. Nothing was charged; try again later.", seller)
		case checkout.StepComplete:
			return fmt.Sprintf("The checkout of %s failed while completing the order. Its payment token was revoked and nothing was charged; try again in a few minutes.", seller)
		case checkout.StepCancel:
			return fmt.Sprintf("%s could not be reached to cancel the order, so nothing was canceled yet. Call cancel_order again in a few minutes; it will not refund twice.", seller)
		}
		return fmt.Sprintf("The checkout of %s is not responding. Nothing was charged; try again in a few minutes.", seller)
	case checkout.RefusalPaymentUnavailable:
		return "The payment service could not authorise this purchase right now. Nothing was charged; try again in a few minutes."
	case checkout.RefusalPaymentMisconfigured:
		return fmt.Sprintf("The payment service refused this server's settings for %s (the operator must check the Stripe key and the seller's Stripe profile). Nothing was charged.", seller)
	case checkout.RefusalPaymentMethod:
		if p.TokenStatus != "" {
			return fmt.Sprintf("The payment service issued an authorisation that cannot be used (status %q). Nothing was charged; try again, and if it persists the account owner should check the payment method.", p.TokenStatus)
		}
		return "The card on file cannot be used for this purchase. Nothing was charged; the account owner should check the payment method."
	case checkout.RefusalAuthRequired:
		return "The card issuer wants the person to authenticate this payment, which cannot be done here. Nothing was charged; the account owner can add a card that does not need it."
	case checkout.RefusalCardDeclined:
		return fmt.Sprintf("The card (%s) was declined. Nothing was charged; the person may use another card, which the account owner can add.", CardName(p.CardBrand, p.CardLast4))
	case checkout.RefusalTokenRejected:
		return fmt.Sprintf("%s could not use the payment authorisation for this order (it may have expired or been revoked). Nothing was charged; try the purchase again.", seller)
	case checkout.RefusalPriceChanged:
		return fmt.Sprintf("%s now asks %s for this order instead of the %s quoted. Nothing was charged; call purchase with the product_id to get a new quote.",
			seller, fmtMoney(p.Amount, p.Currency), fmtMoney(p.QuotedAmount, p.QuotedCurrency))
	case checkout.RefusalInterrupted:
		if p.Seller != "" {
			return fmt.Sprintf("The purchase was interrupted before %s completed it. Its payment token was revoked and nothing was charged; try again.", seller)
		}
		return "The purchase was interrupted before payment and was not completed. Nothing was charged; try again."
	case checkout.RefusalSandboxForgot:
		by := ""
		if p.Seller != "" {
			by = " with " + seller
		}
		return "The sandbox (a server run without a Stripe key) was restarted and forgot this sandbox purchase" + by + " before it finished: no money moves in the sandbox, so nothing was charged. Try the purchase again."
	case checkout.RefusalChargedNoOrder:
		what := "this purchase"
		if p.Title != "" {
			what = title
		}
		where := ""
		if p.SupportURL != "" {
			where = " at " + quoted(p.SupportURL, 300)
		}
		return fmt.Sprintf("Stripe shows the card was charged %s for %s, but %s has no order for it (order %s here), so nothing is known to be on its way. cancel_order cannot ask for a refund, because the seller has no order to cancel: the person should ask the seller for a refund%s, quoting order %s, and failing that may dispute the charge with their card issuer. Buying it again would charge the card again, separately.",
			fmtMoney(p.Amount, p.Currency), what, seller, p.OrderID, where, p.OrderID)
	case checkout.RefusalRenewalPaidLate:
		who := seller
		if p.Seller == "" {
			who = "the seller"
		}
		if p.Step == checkout.StepCancel {
			return fmt.Sprintf("A renewal that %s first showed no order for turned up late as order %s, which paid that cycle; the person had asked to cancel that order before it turned up, so the subscription was kept paused and the order was not canceled yet: cancel_order on order %s can now ask the seller to cancel and refund it. Resuming the subscription (resume_subscription) charges the next cycle when due, not that one again.",
				who, p.OrderID, p.OrderID)
		}
		return fmt.Sprintf("A renewal that %s first showed no order for turned up late as order %s, which paid that cycle; the subscription was kept paused (the seller shows that order canceled, or it turned up long after the pause). Resuming it (resume_subscription) charges the next cycle when due, not that one again.",
			who, p.OrderID)
	case checkout.RefusalPaymentHeld:
		who := seller
		if p.Seller == "" {
			who = "the seller"
		}
		return fmt.Sprintf("Stripe shows the payment token of order %s used by %s but nothing captured yet: a hold of up to %s may be on the card, which the seller can still capture%s. So the order was not canceled and nothing was refunded; it stays pending and is checked again automatically until Stripe shows the hold captured (the order then says so) or any hold has lapsed. The person may ask %s to release the hold, quoting order %s.",
			p.OrderID, who, fmtMoney(p.Amount, p.Currency), holdUntil(p.HoldUntil), who, p.OrderID)
	case checkout.RefusalPaymentUnknown:
		return fmt.Sprintf("The payment service could not say yet whether the card was charged for order %s, so it was not canceled and nothing was refunded; the order stays pending and is checked again automatically. Call cancel_order again in a few minutes.", p.OrderID)
	case checkout.RefusalUnknownOrder:
		return fmt.Sprintf("No order has id %s. Nothing was canceled; call list_orders to see the person's orders.", txt.Quote(p.OrderID, idCap))
	case checkout.RefusalOrderOtherMode:
		return fmt.Sprintf("Order %s was placed in %s mode, and this server runs in %s mode: its payment and its seller belong to %s mode, so this server cannot cancel it or ask for a refund. Nothing was canceled or refunded, and the order stays as it is. Only a server running in %s mode can cancel it: the operator runs one on this same database, and cancel_order is called there.",
			p.OrderID, p.Mode, p.ServerMode, p.Mode, p.Mode)
	case checkout.RefusalOrderFailed:
		return fmt.Sprintf("Order %s did not go through, so there is nothing to cancel and nothing was charged.", p.OrderID)
	case checkout.RefusalCanceledByPerson:
		return "Canceled at the person's request before the seller completed it. Nothing was charged."
	case checkout.RefusalUnknownCancelConfirm:
		return fmt.Sprintf("%s is not the confirmation_id of a cancellation of order %s. Call cancel_order with only the order_id to ask again. Nothing was canceled.", txt.Quote(p.QuoteID, idCap), p.OrderID)
	case checkout.RefusalCancelConfirmExpired:
		return fmt.Sprintf("This confirmation expired (they last %s). Nothing was canceled or refunded; call cancel_order with only the order_id %s to ask again.", minutes(p.QuoteTTL()), p.OrderID)
	case checkout.RefusalCancelConfirmMismatch:
		return "This cancellation must be confirmed by the person in the confirmation dialog, not by its id. Call cancel_order with only the order_id to ask again. Nothing was canceled."
	case checkout.RefusalNotCancelable:
		s := fmt.Sprintf("%s refused to cancel the order (it may have been delivered already; then it can be returned instead). Nothing was refunded.", seller)
		if p.SupportURL != "" {
			s += " The person can ask the seller at " + quoted(p.SupportURL, 300) + "."
		}
		return s
	case checkout.RefusalOrderUnknownToSeller:
		who := seller
		if p.Seller == "" { // a repeated call: the cancellation recorded only its code
			who = "The seller"
		}
		s := fmt.Sprintf("%s has no record of this order, so it could neither cancel nor refund it. Nothing was refunded.", who)
		if p.Mode == checkout.ModeSandbox {
			s += " In the sandbox, sellers keep their orders in memory and forget those placed before the server last started; no money moved."
		}
		if p.SupportURL != "" {
			s += " The person can ask the seller at " + quoted(p.SupportURL, 300) + "."
		}
		return s
	case checkout.RefusalCompletedMeanwhile:
		return fmt.Sprintf("%s completed order %s (and charged it) before it could be stopped, so nothing was canceled. If the person still wants to cancel, call cancel_order again to ask the seller for a refund.", seller, p.OrderID)
	case checkout.RefusalSellerBusy:
		return fmt.Sprintf("%s is completing the order right now, so it cannot be stopped at this moment. Nothing was canceled; call cancel_order again in a minute.", seller)
	case checkout.RefusalNoAddress:
		return fmt.Sprintf("%s needs a delivery address and the person has none saved. Nothing was charged; ask them for their address, save it with set_shipping_address, then try again.", seller)
	case checkout.RefusalAddressRejected:
		return fmt.Sprintf("%s cannot deliver to the address given (%s). Nothing was charged; check the address with the person and save a corrected one with set_shipping_address.", seller, quoted(p.SellerMessage, 200))
	case checkout.RefusalUnknownAddress:
		return fmt.Sprintf("No saved address has id %s. Call get_shipping_addresses to see the person's addresses, or leave address_id out to use the default one. Nothing was charged.", txt.Quote(p.AddressID, idCap))
	case checkout.RefusalUnknownFulfillment:
		if p.Offered == "" {
			return fmt.Sprintf("%s offers no delivery options to choose from. Nothing was charged; call again without fulfillment_option_id.", seller)
		}
		return fmt.Sprintf("%s does not offer the delivery option %s; it offers %s. Nothing was charged; call again with one of those as fulfillment_option_id, or without it for the cheapest.", seller, txt.Quote(p.FulfillmentID, idCap), p.Offered)
	case checkout.RefusalCartEmpty:
		return "The cart is empty, so there is nothing to check out. Add products with add_to_cart first. Nothing was charged."
	case checkout.RefusalCartBought:
		return "The cart is empty because it was bought by checkout " + r.Params.CheckoutID + " (another checkout call, which may have run at the same time as this one): nothing was bought or charged by this call. list_orders shows what that checkout bought; to buy more, add the products with add_to_cart and call checkout again."
	case checkout.RefusalSuperseded:
		return "This quote was replaced by a newer checkout of the changed cart. Nothing was charged; use the newest quote, or call checkout again."
	case checkout.RefusalCartEmptied:
		return "The cart was emptied after this checkout began, so it was canceled before anything was approved: nothing was bought and nothing was charged. To buy, add the products with add_to_cart and call checkout again."
	case checkout.RefusalNotInCart:
		return fmt.Sprintf("Product %s is not in the cart. Call view_cart to see what is, or add_to_cart to add it.", txt.Quote(p.ProductID, idCap))
	case checkout.RefusalCartFull:
		return fmt.Sprintf("The cart already holds %d different products, the most it can. Check out or remove some with update_cart first.", p.Limit)
	case checkout.RefusalCartQuantity:
		if p.Max <= 0 {
			return fmt.Sprintf("The cart already holds the most of %s a line can (99). The cart was not changed.", p.ProductID)
		}
		return fmt.Sprintf("quantity for %s must be between %d and %d here (a cart line holds at most 99). The cart was not changed.", p.ProductID, p.Min, p.Max)
	case checkout.RefusalNotSubscription:
		return fmt.Sprintf("%s (product_id %s) is bought once, not by subscription. Nothing was charged; buy it with purchase, or find subscription products (they show a billing interval) with search_products.", title, p.ProductID)
	case checkout.RefusalUnknownSubscription:
		return fmt.Sprintf("No subscription has id %s. Call list_subscriptions to see the person's subscriptions. Nothing was charged or changed.", txt.Quote(p.QuoteID, idCap))
	case checkout.RefusalSubscriptionCanceled:
		return fmt.Sprintf("Subscription %s was canceled and cannot be paused or resumed. Nothing was charged; subscribe again with subscribe to start a new one.", p.QuoteID)
	case checkout.RefusalSubscriptionPaused:
		return fmt.Sprintf("Subscription %s is paused: nothing renews while it is paused, so there is no renewal to skip. Nothing was changed or charged; resume_subscription resumes it (the cycles that fell due while paused are not charged).", p.QuoteID)
	case checkout.RefusalRenewalNotNext:
		return fmt.Sprintf("That is not the next renewal of subscription %s: its next renewal is %s. Nothing was skipped nor charged; call skip_next_renewal with that renewal if the person wants it skipped.", p.QuoteID, p.NextRenewal)
	case checkout.RefusalRenewalUnderWay:
		return fmt.Sprintf("Subscription %s's due renewal is being charged now, so it can no longer be skipped. This call changed nothing; whether the renewal was charged, list_subscriptions shows.", p.QuoteID)
	case checkout.RefusalRenewalStopped:
		return fmt.Sprintf("Subscription %s was paused or canceled before this renewal was charged, so it was stopped. Nothing was charged for it.", p.QuoteID)
	case checkout.RefusalSubscriptionProduct:
		return fmt.Sprintf("%s (product_id %s) is a subscription: it is charged every billing interval, so it cannot be bought once or put in the cart. %s; if the person wants it, start it with subscribe.", title, p.ProductID, unchanged)
	case checkout.RefusalBecameSubscription:
		return fmt.Sprintf("%s (product_id %s) became a subscription after quote %s was made: the seller now charges it every billing interval, so it is not bought once. The quote is canceled and nothing was charged; if the person wants it, start it with subscribe (which asks them to confirm the price per cycle).", title, p.ProductID, p.QuoteID)
	case checkout.RefusalOtherMode:
		if p.Mode == checkout.ModeUnknown {
			return fmt.Sprintf("Subscription %s was made before subscription modes were recorded, and nothing shows whether it was made in sandbox, test or live mode, so no server renews or resumes it: nothing is charged for it. To have it charged on this server (%s mode), the person must subscribe again with subscribe (and may cancel this one with cancel_subscription).", p.QuoteID, p.ServerMode)
		}
		return fmt.Sprintf("Subscription %s was made in %s mode, and this server runs in %s mode, so it does not renew or resume it here: nothing is charged for it by this server. It renews again only on a server in %s mode; to have it charged here, the person must subscribe again with subscribe (and may cancel this one with cancel_subscription).", p.QuoteID, p.Mode, p.ServerMode, p.Mode)
	case checkout.RefusalBadStart:
		return fmt.Sprintf("start_date must be today or a date within the next %d days (YYYY-MM-DD). Nothing was charged.", p.Max)
	case checkout.RefusalOtherKindOfQuote:
		return fmt.Sprintf("Quote %s is %s. This call confirmed nothing and nothing was charged.", txt.Quote(p.QuoteID, idCap), quoteKindText[p.QuoteKind])
	case checkout.RefusalCheckoutConflict:
		if p.AskedFulfillmentID != "" {
			first := "that asked for no fulfillment option (each seller's cheapest)"
			if p.FulfillmentID != "" {
				first = "that asked for fulfillment_option_id " + txt.Quote(p.FulfillmentID, idCap)
			}
			return fmt.Sprintf("This idempotency_key was already used for a checkout %s, not for %s. Call checkout with that key and no fulfillment_option_id to see how it ended, or use a new key for a new checkout; nothing was charged by this call.", first, txt.Quote(p.AskedFulfillmentID, idCap))
		}
		first := "with no delivery address"
		if p.AddressID != "" {
			first = "delivering to address_id " + txt.Quote(p.AddressID, idCap)
		}
		return fmt.Sprintf("This idempotency_key was already used for a checkout %s, not to address_id %s. Call checkout with that key and no address_id to see how it ended, or use a new key for a new checkout; nothing was charged by this call.", first, txt.Quote(p.AskedAddressID, idCap))
	}
	return "The purchase did not go through. Nothing was charged; try again later."
}

// holdUntil words until when a hold may be captured (unix seconds; 0: not known).
func holdUntil(unix int64) string {
	if unix == 0 {
		return ""
	}
	return " until " + time.Unix(unix, 0).UTC().Format("January 2, 2006")
}

// choicesWords shows choices as the person would say them: "ring_size 7, metal Gold,
// personalization «Ana»" ("no choices" when empty). The personalisation is the
// customer's own text, quoted.
func choicesWords(c *store.Choices) string {
	if c == nil || c.Empty() {
		return "no choices"
	}
	var parts []string
	for _, o := range c.Options {
		parts = append(parts, o.Name+" "+txt.Quote(o.Value, 80))
	}
	if c.Personalization != "" {
		parts = append(parts, "personalization "+txt.Quote(c.Personalization, 300))
	}
	return strings.Join(parts, ", ")
}

// choicesChangedWords says what a product no longer takes of a subscription's choices
// (RefusalChoicesChanged), after the product's title.
func choicesChangedWords(p checkout.RefusalParams) string {
	switch catalog.ChoiceProblem(p.ChoiceProblem) {
	case catalog.ChoiceNotOffered:
		return fmt.Sprintf("is no longer offered with %s %s, which the subscription chose; the %s values offered now are %s",
			p.Option, quoted(p.AskedValue, 80), p.Option, quoted(p.Offered, 400))
	case catalog.ChoiceMissing:
		return fmt.Sprintf("now asks for a choice of %s (%s), which the subscription did not make", p.Option, quoted(p.Offered, 400))
	case catalog.ChoiceUnknown:
		if p.Offered == "" {
			return fmt.Sprintf("no longer has the option %s that the subscription chose, nor any other", quoted(p.AskedValue, 80))
		}
		return fmt.Sprintf("no longer has the option %s that the subscription chose; its options now are %s", quoted(p.AskedValue, 80), p.Offered)
	case catalog.PersonalizationMissing:
		return "now requires a personalization, which the subscription did not give"
	case catalog.PersonalizationTooLong:
		return fmt.Sprintf("now takes a personalization of at most %d characters, shorter than the subscription's", p.Max)
	case catalog.PersonalizationNotTaken:
		return "no longer takes the personalization the subscription gave"
	}
	return "no longer takes the choices the subscription was made with"
}

// quoteKindText says, for other_kind_of_quote, what a quote of each kind is and which
// call confirms it.
var quoteKindText = map[string]string{
	checkout.QuoteOfPurchase:      "for a single product: confirm it with purchase (quote_id), not with this tool",
	checkout.QuoteOfCheckout:      "for the whole cart: confirm it with checkout (quote_id), not with this tool",
	checkout.QuoteOfSubscription:  "for a subscription: confirm it with subscribe (quote_id), not with this tool",
	checkout.QuoteOfChoicesChange: "for a change of a subscription's choices: confirm it with change_subscription (subscription_id and quote_id), not with this tool",
}
