package checkout

import (
	"context"
	"encoding/json"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// RefusalCode names why a purchase did not happen or did not finish. Codes are stored
// with the purchase and its order; tools turns a code and its RefusalParams into the
// words the model and the person read.
type RefusalCode string

// Refusal codes.
const (
	RefusalInvalid              RefusalCode = "invalid"                 // Field outside Min…Max
	RefusalUnknownProduct       RefusalCode = "unknown_product"         // ProductID
	RefusalIdempotencyConflict  RefusalCode = "idempotency_conflict"    // ProductID, Quantity of the first purchase; AddressID and AskedAddressID, or FulfillmentID and AskedFulfillmentID, when they differ
	RefusalReservedKey          RefusalCode = "reserved_key"            // the idempotency key starts with ReservedKeyPrefix
	RefusalQuoteMismatch        RefusalCode = "quote_mismatch"          // QuoteID, ProductID, Title, Quantity; AskedProductID, AskedQuantity
	RefusalUnknownQuote         RefusalCode = "unknown_quote"           // QuoteID
	RefusalConfirmationMismatch RefusalCode = "confirmation_mismatch"   // a dialog quote confirmed by its id
	RefusalConfirmationInvalid  RefusalCode = "confirmation_invalid"    // a dialog answer that does not verify
	RefusalDeclinedByPerson     RefusalCode = "declined_by_person"      //
	RefusalQuoteExpired         RefusalCode = "quote_expired"           // QuoteTTLSeconds
	RefusalOutOfStock           RefusalCode = "out_of_stock"            // Title (and ProductID when the catalog refused it); Availability when the catalog lists it other than in stock; with Seller and SellerMessage when the seller said so
	RefusalTotalTooLarge        RefusalCode = "total_too_large"         // Quantity, Title, UnitAmount, Limit, Currency
	RefusalNoPaymentMethod      RefusalCode = "no_payment_method"       //
	RefusalCardOtherMode        RefusalCode = "card_other_mode"         // CardID, CardBrand, CardLast4, Mode (the card's), ServerMode
	RefusalCardRemoved          RefusalCode = "card_removed"            // CardBrand, CardLast4: the quote's card was taken off file before it was confirmed
	RefusalSellerNotPurchasable RefusalCode = "seller_not_purchasable"  // Seller, Mode
	RefusalSellerMismatch       RefusalCode = "seller_mismatch"         // Seller, Title, Quantity quoted, AskedQuantity
	RefusalNoTotal              RefusalCode = "no_total"                // Seller, Title, Quantity, Currency
	RefusalSellerNotAllowed     RefusalCode = "seller_not_allowed"      // Seller
	RefusalCategoryNotAllowed   RefusalCode = "category_not_allowed"    // Category
	RefusalCurrencyNotAllowed   RefusalCode = "currency_not_allowed"    // Currency, RulesCurrency
	RefusalOverOrderLimit       RefusalCode = "over_order_limit"        // Amount, Limit, Currency
	RefusalOverDailyLimit       RefusalCode = "over_daily_limit"        // Amount, Limit, Spent, Currency
	RefusalOverMonthlyLimit     RefusalCode = "over_monthly_limit"      // Amount, Limit, Spent, Currency
	RefusalSellerNotReady       RefusalCode = "seller_not_ready"        // Seller, SellerMessage (may be empty)
	RefusalSellerMisconfigured  RefusalCode = "seller_misconfigured"    // Seller
	RefusalSellerRejected       RefusalCode = "seller_rejected"         // Seller, Step
	RefusalSellerUnavailable    RefusalCode = "seller_unavailable"      // Seller, Step
	RefusalPaymentUnavailable   RefusalCode = "payment_unavailable"     //
	RefusalPaymentMisconfigured RefusalCode = "payment_misconfigured"   // Seller
	RefusalPaymentMethod        RefusalCode = "payment_method_unusable" // TokenStatus when a token was issued unusable
	RefusalAuthRequired         RefusalCode = "authentication_required" //
	RefusalCardDeclined         RefusalCode = "card_declined"           // CardBrand, CardLast4
	RefusalTokenRejected        RefusalCode = "payment_token_rejected"  // Seller
	RefusalPriceChanged         RefusalCode = "price_changed"           // Seller, Amount+Currency asked now, QuotedAmount+QuotedCurrency
	RefusalInterrupted          RefusalCode = "interrupted"             // Seller when its checkout had started completing
	// RefusalSandboxForgot: a sandbox purchase interrupted after its token reached the
	// seller, whose payment token the sandbox's Stripe (in memory, in the process) no
	// longer knows once it expired: the process restarted and forgot it. No money moves
	// in the sandbox. Seller.
	RefusalSandboxForgot RefusalCode = "sandbox_forgot"
	// RefusalChargedNoOrder is not "nothing charged": the seller has no completed order,
	// yet Stripe shows the payment token charged Amount of Currency (final: the token is
	// revoked or expired). Recorded with the purchase (PurchaseChargedNoOrder) and its
	// order (OrderChargedNoOrder); cancel_order answers it too, since the seller has no
	// order to cancel or refund through this server. Seller, Title, Amount, Currency,
	// OrderID, SupportURL (the seller's support page; may be empty).
	RefusalChargedNoOrder RefusalCode = "charged_no_order"
	// RefusalRenewalPaidLate is the pause code of a subscription paused by a
	// renewal's charged_no_order whose seller then showed the order late: that
	// cycle is paid with it, but the subscription was kept paused (the person had
	// asked to cancel the order, the seller shows it canceled or refunded, or it
	// turned up long after the pause). Resuming charges the next cycle, not that one
	// again. Seller, OrderID.
	RefusalRenewalPaidLate RefusalCode = "renewal_paid_late"

	// Refusals of cancel_order, and the reason recorded with an order canceled
	// before its seller completed it.
	RefusalUnknownOrder          RefusalCode = "unknown_order"               // OrderID
	RefusalOrderFailed           RefusalCode = "order_failed"                // OrderID: nothing to cancel, nothing was charged
	RefusalOrderOtherMode        RefusalCode = "order_other_mode"            // OrderID, Mode (the order's), ServerMode: its payment and seller are another mode's; nothing canceled or refunded
	RefusalCanceledByPerson      RefusalCode = "canceled_by_person"          // the order was stopped before the seller completed it
	RefusalUnknownCancelConfirm  RefusalCode = "unknown_cancel_confirmation" // QuoteID (the confirmation id)
	RefusalCancelConfirmExpired  RefusalCode = "cancel_confirmation_expired" // QuoteTTLSeconds
	RefusalCancelConfirmMismatch RefusalCode = "cancel_confirmation_mismatch"
	RefusalNotCancelable         RefusalCode = "not_cancelable"      // Seller, SellerMessage, SupportURL
	RefusalCompletedMeanwhile    RefusalCode = "completed_meanwhile" // Seller, OrderID
	RefusalSellerBusy            RefusalCode = "seller_busy"         // Seller: still completing; the outcome is not known yet
	RefusalPaymentUnknown        RefusalCode = "payment_unknown"     // Seller, OrderID: Stripe could not say whether the order's token was charged; nothing canceled yet
	RefusalPaymentHeld           RefusalCode = "payment_held"        // Seller, OrderID, Amount, Currency, HoldUntil: Stripe shows the token used with nothing captured yet (a hold may be on the card); nothing canceled yet
	RefusalNoAddress             RefusalCode = "no_address"          // Seller: it ships and the customer has no address on file
	RefusalAddressRejected       RefusalCode = "address_rejected"    // Seller, SellerMessage
	RefusalUnknownAddress        RefusalCode = "unknown_address"     // AddressID
	RefusalUnknownFulfillment    RefusalCode = "unknown_fulfillment" // Seller, FulfillmentOptionID asked, Offered ids
	RefusalCartEmpty             RefusalCode = "cart_empty"          //
	RefusalCartBought            RefusalCode = "cart_bought"         // CheckoutID: the checkout whose purchase emptied the cart (a racing call's, or an earlier one)
	RefusalSuperseded            RefusalCode = "superseded"          // a quote replaced by a newer checkout of a changed cart
	RefusalCartEmptied           RefusalCode = store.CartEmptiedCode // a checkout not yet approved whose cart was emptied (clear_cart, or update_cart removing the last line)
	RefusalNotInCart             RefusalCode = "not_in_cart"         // ProductID
	RefusalCartFull              RefusalCode = "cart_full"           // Limit (products)
	RefusalCartQuantity          RefusalCode = "cart_quantity"       // ProductID, Quantity in the cart now, Min, Max for the call
	RefusalOtherKindOfQuote      RefusalCode = "other_kind_of_quote" // QuoteID, QuoteKind: the customer's quote of another kind than the call confirms (a cart checkout's given to purchase, a purchase's to subscribe…)
	// RefusalCheckoutConflict: the idempotency key is a checkout's that delivers to
	// AddressID (empty: no address), not to AskedAddressID as the call asked; or, when
	// AskedFulfillmentID is set, one that asked for fulfillment option FulfillmentID
	// (empty: none, each seller's cheapest), not for AskedFulfillmentID.
	RefusalCheckoutConflict RefusalCode = "checkout_idempotency_conflict"
)

// RefusalOrderUnknownToSeller is cancel_order's refusal when the seller answers that
// it has no such order (404 to the cancellation), as a sandbox seller does for an order
// placed before the server last started (it keeps orders in memory): not a refusal to
// cancel (not_cancelable), and nothing was canceled or refunded. Seller, SupportURL,
// Mode (the order's).
const RefusalOrderUnknownToSeller RefusalCode = "order_unknown_to_seller"

// Step says where a call to a seller failed, for the codes that happen at several.
type Step string

// Steps of a purchase at which a seller can fail.
const (
	StepOpen     Step = ""         // opening the checkout session (the quote)
	StepConnect  Step = "connect"  // reaching the seller's checkout at all
	StepReopen   Step = "reopen"   // opening a new session for a confirmed quote
	StepComplete Step = "complete" // completing the session with the payment token
	StepCancel   Step = "cancel"   // asking the seller to cancel a completed order
)

// RefusalParams are the facts a refusal is about. Seller, Title, Category and
// SellerMessage are seller text, cleaned but not quoted (whoever shows them quotes
// them); SellerMessage has payment token ids masked. ProductID and QuoteID may be what
// the caller sent, cleaned and capped. Amounts are minor units of their currency.
type RefusalParams struct {
	Field          string `json:"field,omitempty"`
	Min            int    `json:"min,omitempty"`
	Max            int    `json:"max,omitempty"`
	ProductID      string `json:"product_id,omitempty"`
	QuoteID        string `json:"quote_id,omitempty"`
	Title          string `json:"title,omitempty"`
	Seller         string `json:"seller,omitempty"`
	Category       string `json:"category,omitempty"`
	Quantity       int    `json:"quantity,omitempty"`
	AskedProductID string `json:"asked_product_id,omitempty"`
	AskedQuantity  int    `json:"asked_quantity,omitempty"`
	Amount         int64  `json:"amount,omitempty"`
	UnitAmount     int64  `json:"unit_amount,omitempty"`
	Limit          int64  `json:"limit,omitempty"`
	Spent          int64  `json:"spent,omitempty"`
	Currency       string `json:"currency,omitempty"`
	RulesCurrency  string `json:"rules_currency,omitempty"`
	QuotedAmount   int64  `json:"quoted_amount,omitempty"`
	// QuoteKind is, for other_kind_of_quote, what the quote is of: QuoteOfPurchase,
	// QuoteOfCheckout, QuoteOfSubscription or QuoteOfChoicesChange.
	QuoteKind string `json:"quote_kind,omitempty"`
	// Subtotal, Shipping and Tax are, for a renewal's price_changed, what the seller's
	// new total (Amount) is made of: the items, delivery and tax; 0s for a refusal
	// recorded before they were kept.
	Subtotal       int64  `json:"subtotal,omitempty"`
	Shipping       int64  `json:"shipping,omitempty"`
	Tax            int64  `json:"tax,omitempty"`
	QuotedCurrency string `json:"quoted_currency,omitempty"`
	Mode           Mode   `json:"mode,omitempty"`
	ServerMode     Mode   `json:"server_mode,omitempty"` // for other_mode and card_other_mode: the mode the server runs in (Mode is the subscription's or card's)
	Step           Step   `json:"step,omitempty"`
	TokenStatus    string `json:"token_status,omitempty"`
	SellerMessage  string `json:"seller_message,omitempty"`
	CardBrand      string `json:"card_brand,omitempty"`
	CardLast4      string `json:"card_last4,omitempty"`
	CardID         string `json:"card_id,omitempty"` // ours, card_…
	QuoteTTLSecs   int64  `json:"quote_ttl_seconds,omitempty"`
	OrderID        string `json:"order_id,omitempty"`
	CheckoutID     string `json:"checkout_id,omitempty"`
	SupportURL     string `json:"support_url,omitempty"`
	NextRenewal    string `json:"next_renewal,omitempty"` // for renewal_not_next: the subscription's next renewal (RFC 3339)
	// Availability is, for out_of_stock, the catalog's availability of the product when
	// it is not in_stock (preorder, backorder, discontinued, unknown, out_of_stock);
	// empty when it is in stock with no units left.
	Availability string `json:"availability,omitempty"`
	AddressID    string `json:"address_id,omitempty"`
	// AskedAddressID and AskedFulfillmentID are, for the two idempotency conflicts, the
	// address_id or fulfillment_option_id the call named (the caller's text, cut).
	AskedAddressID     string `json:"asked_address_id,omitempty"`
	FulfillmentID      string `json:"fulfillment_option_id,omitempty"`
	AskedFulfillmentID string `json:"asked_fulfillment_option_id,omitempty"`
	Offered            string `json:"offered,omitempty"` // ids, comma-separated
	// Witnessed is set when Stripe, showing nothing captured on the purchase's payment
	// token, decided the failure: the words then say what Stripe shows rather than a
	// flat "nothing was charged" (a seller's authorization hold does not show there).
	Witnessed bool `json:"stripe_witnessed,omitempty"`
	// Option, AskedValue and Instructions are for the choice refusals (choices.go):
	// the product's option, the caller's value or option name (cut), and the seller's
	// personalisation instructions (seller text).
	Option       string `json:"option,omitempty"`
	AskedValue   string `json:"asked_value,omitempty"`
	Instructions string `json:"instructions,omitempty"`
	// ChoiceProblem is, for choices_changed, what the product no longer takes of a
	// subscription's choices: a catalog.ChoiceProblem (not_offered, missing, unknown,
	// personalization_missing, personalization_too_long, personalization_not_taken).
	ChoiceProblem string `json:"choice_problem,omitempty"`
	// Chosen and AskedChosen are, for quote_mismatch and idempotency_conflict about
	// choices, the choices of the quote or first purchase and those the call asked.
	// Such refusals are never recorded: the personalisation in them goes back only to
	// the caller.
	Chosen      *store.Choices `json:"chosen,omitempty"`
	AskedChosen *store.Choices `json:"asked_chosen,omitempty"`
	// ChoiceLines are, for cart_line_ambiguous, the choices of each cart line of the
	// product.
	ChoiceLines *[]store.Choices `json:"choice_lines,omitempty"`
	// HoldUntil (unix seconds) is, for payment_held, until when a hold on the card may
	// still be captured; 0 when not known.
	HoldUntil int64 `json:"hold_until,omitempty"`
}

// QuoteTTL is how long quotes last, for quote_expired.
func (p RefusalParams) QuoteTTL() time.Duration { return time.Duration(p.QuoteTTLSecs) * time.Second }

// Refusal is a purchase that did not happen, or did not finish, for a reason the
// person can act on: a code and its facts. It never holds secrets.
type Refusal struct {
	Code   RefusalCode
	Params RefusalParams
	// Recorded is the message stored with a refusal recorded before refusals kept
	// their parameters; when set, it is shown as it is.
	Recorded string
	// OrderID is set when an order record exists for the attempt (get_order shows it).
	OrderID string
	// KeptUnder is the idempotency key of the purchase or checkout that has this
	// refusal recorded as its end, so that calling again with that key returns it
	// again: set where the record is written (or read back), and empty when nothing
	// was recorded (a refusal made before the purchase or checkout was begun, one
	// about the key itself, or one whose record could not be written).
	KeptUnder string
}

func (r *Refusal) Error() string { return "purchase refused: " + string(r.Code) }

func refuse(code RefusalCode, p RefusalParams) *Refusal {
	return &Refusal{Code: code, Params: p}
}

// RecordedRefusal is the refusal recorded with a failed or canceled purchase, or its
// failed order: its code, its parameters (JSON) and, for refusals recorded before
// codes had parameters, its words.
func RecordedRefusal(code, params, message, orderID string) *Refusal {
	r := &Refusal{Code: RefusalCode(code), OrderID: orderID}
	if params == "" {
		r.Recorded = message
	} else if err := json.Unmarshal([]byte(params), &r.Params); err != nil {
		r.Recorded = message
	}
	return r
}

// notInStock is the refusal of a product the catalog does not show purchasable.
func notInStock(p *catalog.Product) *Refusal {
	params := RefusalParams{ProductID: p.ID, Title: p.Title}
	if p.Availability != catalog.InStock {
		params.Availability = string(p.Availability)
	}
	return refuse(RefusalOutOfStock, params)
}

// encode is p as stored with a purchase and its order.
func (p RefusalParams) encode() string {
	b, err := json.Marshal(p)
	if err != nil {
		return "{}" // a struct of strings and integers always encodes
	}
	return string(b)
}

// sellerMessage makes a seller's message fit to keep: cleaned, capped, and with
// payment token ids masked.
func sellerMessage(msg string) string {
	return text.MaskTokens(text.Clean(msg, 800), func(string) string { return "[payment token]" })
}

// callerText bounds text a caller sent (an id) for a refusal to repeat: kept as sent,
// so that the words can show where it differs from a real id (tools quotes it with
// its invisible characters escaped), and cut to 80 bytes with the cut marked, so an
// echoed id is never taken for whole.
func callerText(s string) string { return text.Cut(s, 80) }

// kept notes that r is now recorded as the end of the purchase or checkout with
// idempotency key key, and returns r.
func (r *Refusal) kept(key string) *Refusal {
	r.KeptUnder = key
	return r
}

// record ends p in state with r as its reason.
func (r *Refusal) record(p *store.Purchase, state store.PurchaseState) {
	p.State, p.FailureCode, p.FailureParams, p.FailureMessage = state, string(r.Code), r.Params.encode(), ""
}

// The kinds of quote a customer can be given (RefusalParams.QuoteKind): each is
// confirmed by its own call, and given to another is refused other_kind_of_quote.
const (
	QuoteOfPurchase      = "purchase"            // one product's purchase
	QuoteOfCheckout      = "checkout"            // the cart's checkout
	QuoteOfSubscription  = "subscription"        // a new subscription, or a resume at a new price
	QuoteOfChoicesChange = "subscription_change" // a change of a subscription's choices
)

// unknownQuote is the refusal of quoteID, which is not a quote of the kind the call
// confirms (that lookup found nothing): other_kind_of_quote when the customer has a
// quote of another kind with that id, so that the model is told which call confirms
// it instead of being told to quote again; unknown_quote otherwise. Another
// customer's quotes are not looked at: theirs are unknown here.
func (s *Service) unknownQuote(ctx context.Context, customerID, quoteID string) error {
	for _, k := range []struct {
		kind  string
		found func() error
	}{
		{QuoteOfPurchase, func() error { _, err := s.cfg.Store.PurchaseByQuote(ctx, customerID, quoteID); return err }},
		{QuoteOfCheckout, func() error { _, err := s.cfg.Store.CheckoutByQuote(ctx, customerID, quoteID); return err }},
		{QuoteOfSubscription, func() error { _, err := s.cfg.Store.SubscriptionByQuote(ctx, customerID, quoteID); return err }},
		{QuoteOfChoicesChange, func() error { _, err := s.cfg.Store.ChoicesChangeByQuote(ctx, customerID, quoteID); return err }},
	} {
		if k.found() == nil {
			return refuse(RefusalOtherKindOfQuote, RefusalParams{QuoteID: callerText(quoteID), QuoteKind: k.kind})
		}
	}
	return refuse(RefusalUnknownQuote, RefusalParams{QuoteID: callerText(quoteID)})
}
