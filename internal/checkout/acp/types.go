package acp

import (
	"strings"
	"time"
)

// APIVersion is the ACP version this package speaks, sent and required in the
// API-Version header.
const APIVersion = "2026-04-17"

// MaxQuantity is the largest quantity of one item a session accepts.
const MaxQuantity = 999

// Status is a checkout session's state.
type Status string

// The session statuses of ACP 2026-04-17. The reference Seller uses incomplete for none,
// not_ready_for_payment, ready_for_payment, complete_in_progress (while a charge runs),
// completed, canceled and expired.
const (
	StatusIncomplete             Status = "incomplete"
	StatusNotReadyForPayment     Status = "not_ready_for_payment"
	StatusRequiresEscalation     Status = "requires_escalation"
	StatusAuthenticationRequired Status = "authentication_required"
	StatusReadyForPayment        Status = "ready_for_payment"
	StatusPendingApproval        Status = "pending_approval"
	StatusCompleteInProgress     Status = "complete_in_progress"
	StatusCompleted              Status = "completed"
	StatusCanceled               Status = "canceled"
	StatusInProgress             Status = "in_progress"
	StatusExpired                Status = "expired"
)

// CheckoutSession is the seller's authoritative state of a checkout. Order is set once
// the session is completed.
type CheckoutSession struct {
	ID                         string                      `json:"id"`
	Protocol                   *Protocol                   `json:"protocol,omitempty"`
	Capabilities               Capabilities                `json:"capabilities"`
	Buyer                      *Buyer                      `json:"buyer,omitempty"`
	Status                     Status                      `json:"status"`
	Currency                   string                      `json:"currency"`
	LineItems                  []LineItem                  `json:"line_items"`
	FulfillmentDetails         *FulfillmentDetails         `json:"fulfillment_details,omitempty"`
	FulfillmentOptions         []FulfillmentOption         `json:"fulfillment_options"`
	SelectedFulfillmentOptions []SelectedFulfillmentOption `json:"selected_fulfillment_options,omitempty"`
	Totals                     []Total                     `json:"totals"`
	Messages                   []Message                   `json:"messages"`
	Links                      []Link                      `json:"links"`
	CreatedAt                  time.Time                   `json:"created_at,omitzero"`
	UpdatedAt                  time.Time                   `json:"updated_at,omitzero"`
	ExpiresAt                  time.Time                   `json:"expires_at,omitzero"`
	ContinueURL                string                      `json:"continue_url,omitempty"`
	Metadata                   map[string]any              `json:"metadata,omitempty"`
	Order                      *Order                      `json:"order,omitempty"`
}

// Total returns the amount of the session's total of the given type (TotalTotal for
// the amount to pay) and whether the session has one.
func (s *CheckoutSession) Total(typ TotalType) (int64, bool) {
	for _, t := range s.Totals {
		if t.Type == typ {
			return t.Amount, true
		}
	}
	return 0, false
}

// Errors returns the session's messages of type error.
func (s *CheckoutSession) Errors() []Message {
	var out []Message
	for _, m := range s.Messages {
		if m.Type == MessageError {
			out = append(out, m)
		}
	}
	return out
}

// HasError reports whether the session carries an error message with the given code.
func (s *CheckoutSession) HasError(code string) bool {
	for _, m := range s.Messages {
		if m.Type == MessageError && m.Code == code {
			return true
		}
	}
	return false
}

// Protocol names the ACP version of a response.
type Protocol struct {
	Version string `json:"version"`
}

// Capabilities are what a party supports. The reference Seller answers with its payment
// handlers; the Client sends an empty object.
type Capabilities struct {
	Payment       *PaymentCapability `json:"payment,omitempty"`
	Interventions *Interventions     `json:"interventions,omitempty"`
}

// PaymentCapability lists the payment handlers a seller accepts.
type PaymentCapability struct {
	Handlers []PaymentHandler `json:"handlers"`
}

// PaymentHandler is one way to pay. The reference Seller offers one: a Stripe tokenized
// card handler taking credentials of type "spt".
type PaymentHandler struct {
	ID                      string         `json:"id"`
	Name                    string         `json:"name"`
	DisplayName             string         `json:"display_name,omitempty"`
	Version                 string         `json:"version"`
	Spec                    string         `json:"spec"`
	RequiresDelegatePayment bool           `json:"requires_delegate_payment"`
	RequiresPCICompliance   bool           `json:"requires_pci_compliance"`
	PSP                     string         `json:"psp"`
	ConfigSchema            string         `json:"config_schema"`
	InstrumentSchemas       []string       `json:"instrument_schemas"`
	Config                  map[string]any `json:"config"`
}

// Interventions are the buyer interventions (3ds, …) a party supports or requires.
type Interventions struct {
	Supported   []string `json:"supported,omitempty"`
	Required    []string `json:"required,omitempty"`
	Enforcement string   `json:"enforcement,omitempty"`
}

// Buyer is the person buying.
type Buyer struct {
	Email       string `json:"email"`
	FirstName   string `json:"first_name,omitempty"`
	LastName    string `json:"last_name,omitempty"`
	FullName    string `json:"full_name,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
}

// FulfillmentDetails says who receives the goods and where.
type FulfillmentDetails struct {
	Name        string   `json:"name,omitempty"`
	PhoneNumber string   `json:"phone_number,omitempty"`
	Email       string   `json:"email,omitempty"`
	Address     *Address `json:"address,omitempty"`
}

// Address is a postal address.
type Address struct {
	Name       string `json:"name"`
	LineOne    string `json:"line_one"`
	LineTwo    string `json:"line_two,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	Country    string `json:"country"`
	PostalCode string `json:"postal_code"`
}

// Item names a product in a request line, and the product of a response LineItem.
// Quantity is this package's extension of the 2026-04-17 request schema (see the
// package documentation); the Client sends at least 1. Name and UnitAmount are
// informational: a seller prices from its own catalog.
//
// VariantOptions and CustomAttributes carry what the person chose for the item (see
// the package documentation): the value of each of the product's options, as ACP's
// variant_options name a variant ({name, value}), and a personalisation text as a
// custom attribute whose display_name is PersonalizationAttribute. A line with other
// choices is another line, even of the same item.
type Item struct {
	ID               string            `json:"id"`
	Name             string            `json:"name,omitempty"`
	UnitAmount       int64             `json:"unit_amount,omitempty"`
	Quantity         int               `json:"quantity,omitempty"`
	VariantOptions   []VariantOption   `json:"variant_options,omitempty"`
	CustomAttributes []CustomAttribute `json:"custom_attributes,omitempty"`
}

// VariantOption is the value chosen for one option of an item ("ring_size", "7").
type VariantOption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// CustomAttribute is a further fact of a line the buyer gave: a personalisation text
// (DisplayName PersonalizationAttribute). Its value is personal data.
type CustomAttribute struct {
	DisplayName string `json:"display_name"`
	Value       string `json:"value"`
}

// PersonalizationAttribute is the display_name of the custom attribute that carries a
// line's personalisation text (a name to engrave or paint).
const PersonalizationAttribute = "Personalization"

// Availability values of a LineItem.
const (
	AvailabilityInStock    = "in_stock"
	AvailabilityLowStock   = "low_stock"
	AvailabilityOutOfStock = "out_of_stock"
)

// LineItem is one priced line of a session.
type LineItem struct {
	ID                 string   `json:"id"`
	Item               Item     `json:"item"`
	Quantity           int      `json:"quantity"`
	Name               string   `json:"name,omitempty"`
	Images             []string `json:"images,omitempty"`
	UnitAmount         int64    `json:"unit_amount"`
	ProductID          string   `json:"product_id,omitempty"`
	AvailabilityStatus string   `json:"availability_status,omitempty"`
	AvailableQuantity  *int64   `json:"available_quantity,omitempty"`
	Totals             []Total  `json:"totals"`
	// VariantOptions and CustomAttributes are the line's choices, as the seller
	// recorded them (see Item).
	VariantOptions   []VariantOption   `json:"variant_options,omitempty"`
	CustomAttributes []CustomAttribute `json:"custom_attributes,omitempty"`
}

// TotalType names a Total.
type TotalType string

// The total types the reference Seller reports (ACP defines more).
const (
	TotalItemsBaseAmount TotalType = "items_base_amount"
	TotalSubtotal        TotalType = "subtotal"
	TotalDiscount        TotalType = "discount"
	TotalFulfillment     TotalType = "fulfillment"
	TotalTax             TotalType = "tax"
	TotalFee             TotalType = "fee"
	TotalTotal           TotalType = "total"
)

// Total is one amount of a session or line, in minor units of the session currency.
type Total struct {
	Type        TotalType `json:"type"`
	DisplayText string    `json:"display_text"`
	Amount      int64     `json:"amount"`
	Description string    `json:"description,omitempty"`
}

// Fulfillment option types.
const (
	FulfillmentDigital  = "digital"
	FulfillmentShipping = "shipping"
)

// FulfillmentOption is a way to deliver the goods.
type FulfillmentOption struct {
	Type                 string    `json:"type"`
	ID                   string    `json:"id"`
	Title                string    `json:"title"`
	Description          string    `json:"description,omitempty"`
	Carrier              string    `json:"carrier,omitempty"`
	EarliestDeliveryTime time.Time `json:"earliest_delivery_time,omitzero"`
	LatestDeliveryTime   time.Time `json:"latest_delivery_time,omitzero"`
	Totals               []Total   `json:"totals"`
}

// SelectedFulfillmentOption ties a chosen FulfillmentOption to line items.
type SelectedFulfillmentOption struct {
	Type     string   `json:"type"`
	OptionID string   `json:"option_id"`
	ItemIDs  []string `json:"item_ids"`
}

// MessageType is the kind of a Message.
type MessageType string

// Message types.
const (
	MessageInfo    MessageType = "info"
	MessageWarning MessageType = "warning"
	MessageError   MessageType = "error"
)

// Error message codes used by the reference Seller (ACP defines more).
const (
	CodeMissing          = "missing"
	CodeInvalid          = "invalid"
	CodeOutOfStock       = "out_of_stock"
	CodeQuantityExceeded = "quantity_exceeded"
	CodePaymentDeclined  = "payment_declined"
	CodeRequires3DS      = "requires_3ds"
	CodeNotFound         = "not_found"
	CodeExpired          = "expired"
)

// Message resolutions: who can fix the problem.
const (
	ResolutionRecoverable         = "recoverable"
	ResolutionRequiresBuyerInput  = "requires_buyer_input"
	ResolutionRequiresBuyerReview = "requires_buyer_review"
)

// Message is an info, warning or error attached to a valid session. Content is seller
// text: untrusted.
type Message struct {
	Type        MessageType `json:"type"`
	Code        string      `json:"code,omitempty"`
	Severity    string      `json:"severity,omitempty"`
	Resolution  string      `json:"resolution,omitempty"`
	Param       string      `json:"param,omitempty"` // RFC 9535 JSONPath
	ContentType string      `json:"content_type"`    // plain or markdown
	Content     string      `json:"content"`
}

// Link is a policy page of the seller.
type Link struct {
	Type  string `json:"type"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url"`
}

// Order is what a completed session produced.
type Order struct {
	Type              string  `json:"type"` // always "order"
	ID                string  `json:"id"`
	CheckoutSessionID string  `json:"checkout_session_id"`
	OrderNumber       string  `json:"order_number,omitempty"`
	PermalinkURL      string  `json:"permalink_url"`
	Status            string  `json:"status,omitempty"`
	Totals            []Total `json:"totals,omitempty"`
	// Fulfillments and Adjustments are the order's delivery and its changes since
	// (refunds); order events carry them.
	Fulfillments []Fulfillment `json:"fulfillments,omitempty"`
	Adjustments  []Adjustment  `json:"adjustments,omitempty"`
}

// OrderStatusConfirmed is the status of an order the reference Seller has been paid for.
const OrderStatusConfirmed = "confirmed"

// CreateRequest opens a checkout session.
type CreateRequest struct {
	LineItems          []Item              `json:"line_items"`
	Currency           string              `json:"currency"`
	Capabilities       Capabilities        `json:"capabilities"`
	Buyer              *Buyer              `json:"buyer,omitempty"`
	FulfillmentDetails *FulfillmentDetails `json:"fulfillment_details,omitempty"`
	Locale             string              `json:"locale,omitempty"`
	Metadata           map[string]any      `json:"metadata,omitempty"`
}

// UpdateRequest changes a session; absent fields are left as they are. LineItems, when
// given, replace the session's lines.
type UpdateRequest struct {
	LineItems                  []Item                      `json:"line_items,omitempty"`
	Buyer                      *Buyer                      `json:"buyer,omitempty"`
	FulfillmentDetails         *FulfillmentDetails         `json:"fulfillment_details,omitempty"`
	SelectedFulfillmentOptions []SelectedFulfillmentOption `json:"selected_fulfillment_options,omitempty"`
}

// CompleteRequest pays for a session.
type CompleteRequest struct {
	PaymentData PaymentData `json:"payment_data"`
	Buyer       *Buyer      `json:"buyer,omitempty"`
}

// CancelRequest abandons a session; IntentTrace optionally says why.
type CancelRequest struct {
	IntentTrace *IntentTrace `json:"intent_trace,omitempty"`
}

// IntentTrace is the reason a session was abandoned.
type IntentTrace struct {
	ReasonCode   string `json:"reason_code"` // price_sensitivity, timing_deferred, other, …
	TraceSummary string `json:"trace_summary,omitempty"`
}

// PaymentData carries the means of payment of a complete request.
type PaymentData struct {
	HandlerID      string      `json:"handler_id,omitempty"`
	Instrument     *Instrument `json:"instrument,omitempty"`
	BillingAddress *Address    `json:"billing_address,omitempty"`
}

// String describes the payment data without its token.
func (pd PaymentData) String() string {
	if pd.Instrument == nil {
		return "payment data (handler " + pd.HandlerID + ", no instrument)"
	}
	return "payment data (handler " + pd.HandlerID + ", " + pd.Instrument.String() + ")"
}

// GoString is String, so that %#v does not print the token either.
func (pd PaymentData) GoString() string { return pd.String() }

// SPTPayment returns the PaymentData for a Stripe Shared Payment Token used with the
// reference Seller's handler.
func SPTPayment(token string) PaymentData {
	return PaymentData{HandlerID: HandlerID, Instrument: &Instrument{
		Type: InstrumentCard, Credential: Credential{Type: CredentialSPT, Token: token}}}
}

// Instrument and credential types.
const (
	InstrumentCard = "card"
	CredentialSPT  = "spt"
)

// Instrument is a payment instrument; for SPT payments Type is "card".
type Instrument struct {
	Type       string     `json:"type"`
	Credential Credential `json:"credential"`
}

// String describes the instrument without its token.
func (in Instrument) String() string { return in.Type + " instrument, " + in.Credential.String() }

// GoString is String, so that %#v does not print the token either.
func (in Instrument) GoString() string { return in.String() }

// Credential is a payment credential; for SPT payments Type is "spt" and Token the
// spt_… id. The token is a secret: String redacts it, JSON carries it.
type Credential struct {
	Type  string `json:"type"`
	Token string `json:"token"`
}

// String describes the credential without its token.
func (c Credential) String() string {
	if c.Token == "" {
		return c.Type + " credential (no token)"
	}
	return c.Type + " credential (token redacted)"
}

// GoString is String, so that %#v does not print the token either.
func (c Credential) GoString() string { return c.String() }

// HandlerID is the id of the payment handler that takes Stripe Shared Payment Tokens
// (credential type "spt"), the reference seller's only one.
const HandlerID = "stripe_spt"

// WireCurrency is the wire form of a currency code: trimmed, lower case.
func WireCurrency(c string) string { return strings.ToLower(strings.TrimSpace(c)) }
