package checkout

import (
	"context"
	"errors"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Session is a seller's checkout session as the saga needs it: the authoritative
// lines and totals, in minor units of Currency.
type Session struct {
	ID         string
	Status     SessionStatus
	Currency   string
	Title      string // the seller's name for the first line
	UnitAmount int64  // of the first line
	Quantity   int    // of all lines together
	// Lines are the session's lines; their titles are seller text, not yet cleaned.
	Lines []store.Line
	// Options are the fulfillment options the seller offers (titles not yet cleaned)
	// and Selected the id of the one selected ("" when none).
	Options  []store.FulfillmentOption
	Selected string
	Subtotal int64
	Tax      int64
	Shipping int64
	Total    int64
	// Problems are the seller's error messages (ACP messages[] of type error).
	Problems []Problem
	// OrderID is the seller's order id once the session is completed.
	OrderID string
	// Digital is what the seller delivered digitally with the completed order (seller
	// text, not yet cleaned); nil when it ships everything.
	Digital *store.DigitalDelivery
}

// Problem is one error message from a seller's session, e.g. out_of_stock or
// payment_declined. Message is the seller's text: untrusted, shown only after cleaning.
type Problem struct {
	Code    string
	Param   string // the JSONPath the problem is about, e.g. $.fulfillment_details.address
	Message string
}

// SessionStatus is a seller session's ACP status: ready_for_payment, completed, …
type SessionStatus string

// Session statuses the saga acts on (ACP's).
const (
	StatusReadyForPayment SessionStatus = "ready_for_payment"
	// StatusCompleteInProgress: the seller is completing the session and may already
	// have charged the token; only a later completed or other status tells.
	StatusCompleteInProgress SessionStatus = "complete_in_progress"
	StatusSessionCompleted   SessionStatus = "completed"
)

// Problem codes the saga acts on.
const (
	ProblemOutOfStock       = "out_of_stock"
	ProblemQuantityExceeded = "quantity_exceeded"
	ProblemDeclined         = "payment_declined"
	ProblemInvalid          = "invalid" // e.g. a payment token the seller could not use
	ProblemMissing          = "missing" // e.g. a delivery address the seller needs
)

// has reports whether the session carries a problem with code.
func (s Session) has(code string) bool {
	for _, p := range s.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

// SellerCheckout is one seller's Agentic Commerce Protocol checkout API. Every POST
// takes an idempotency key that the saga keeps stable across retries of one logical
// call, so a retried call never has a second effect.
type SellerCheckout interface {
	// Profile is the seller's Stripe network business profile (profile_…): tokens
	// for this seller are scoped to it.
	Profile() string
	// Open opens a session for r and selects r.Option when the seller offers it, or
	// else its cheapest option; what was selected is in Session.Selected. Every call it
	// makes derives its idempotency key from idemKey.
	Open(ctx context.Context, r OpenRequest, idemKey string) (Session, error)
	Get(ctx context.Context, sessionID string) (Session, error)
	Complete(ctx context.Context, sessionID, token, idemKey string) (Session, error)
	Cancel(ctx context.Context, sessionID, idemKey string) error
}

// OpenRequest is what a checkout session is opened for: lines of one seller, in one
// currency, delivered to Address (nil: none is known) by fulfillment option Option
// ("" for the cheapest).
type OpenRequest struct {
	Lines    []Item
	Currency string
	Address  *store.Address
	Option   string
}

// Item is a product, how many of it, and what the person chose for it (none for a
// product that asks for none).
type Item struct {
	ProductID string
	Quantity  int
	Choices   store.Choices
}

// Sellers finds the checkout API of a seller. It returns an error wrapping
// ErrNotPurchasable when the seller cannot be bought from in the current mode (for
// example a seller without an ACP endpoint when using real Stripe).
type Sellers interface {
	Checkout(ctx context.Context, seller catalog.Seller) (SellerCheckout, error)
}

// TokenRequest asks for a Shared Payment Token: the customer's saved payment method,
// usable only by the seller's Stripe profile, for at most MaxAmount of Currency, until
// ExpiresAt.
type TokenRequest struct {
	PaymentMethod string
	SellerProfile string
	Currency      string
	MaxAmount     int64
	ExpiresAt     time.Time
	IdemKey       string
}

// Token is an issued Shared Payment Token. ID is a secret: it goes to the seller and to
// the journal, never to a log or a tool result.
type Token struct {
	ID     string
	Status TokenStatus
	// AmountCaptured is what the seller has charged on the token so far, in minor units
	// of Currency, as Stripe shows it (Tokens.Retrieve; zero from Issue). It is final
	// once Stripe shows the token deactivated. It means something only when
	// CapturedKnown: Stripe's reply may lack it, which is no evidence of zero.
	AmountCaptured int64
	CapturedKnown  bool
	Currency       string
	ExpiresAt      time.Time // zero when unknown
	// DeactivatedReason is why Stripe deactivated the token (TokenConsumed,
	// TokenResolved, TokenRevoked, TokenExpired; Retrieve only), "" while it is not or
	// when Stripe's reply does not say. DeactivatedAt is when, zero when not known.
	DeactivatedReason string
	DeactivatedAt     time.Time
}

// Reasons Stripe gives for deactivating a token (deactivated_reason).
const (
	TokenConsumed = "consumed" // its usage limit was used: a charge or an authorization hold
	TokenResolved = "resolved" // the seller resolved it: used, or finished with, by the seller
	TokenRevoked  = "revoked"  // revoked by us, the issuer
	TokenExpired  = "expired"  // its expires_at passed
)

// TokenStatus is an issued token's status: active, requires_action or deactivated.
type TokenStatus string

// Token statuses.
const (
	TokenActive         TokenStatus = "active"
	TokenRequiresAction TokenStatus = "requires_action"
	TokenDeactivated    TokenStatus = "deactivated"
)

// Tokens issues, revokes and reads Shared Payment Tokens on the agent's Stripe
// account. Retrieve is Stripe's word on what a token was charged: the saga's witness
// when a seller has no order to show for a token it was given.
type Tokens interface {
	Issue(ctx context.Context, r TokenRequest) (Token, error)
	Revoke(ctx context.Context, id, idemKey string) error
	Retrieve(ctx context.Context, id string) (Token, error)
}

// Errors that SellerCheckout and Tokens implementations wrap, so the saga can tell a
// refusal from an outage from an unknown outcome.
var (
	// ErrNotPurchasable: this seller cannot be bought from in this mode.
	ErrNotPurchasable = errors.New("seller not purchasable")
	// ErrRejected: the other side answered and refused; retrying the same request will
	// not help. Nothing happened.
	ErrRejected = errors.New("request rejected")
	// ErrUnavailable: the other side could not be reached or failed (5xx, 429,
	// timeout, malformed answer). The request may or may not have taken effect.
	ErrUnavailable = errors.New("service unavailable")
	// ErrDeclined: the card was declined.
	ErrDeclined = errors.New("card declined")
	// ErrMisconfigured: the other side refused this server's own credentials or
	// settings (a wrong API key, an unknown Stripe profile): the operator must act.
	// It always comes with ErrRejected.
	ErrMisconfigured = errors.New("refused this server's configuration")
	// ErrNoSession: the seller answered that it has no such checkout session (404). It
	// is also ErrRejected.
	ErrNoSession = errors.New("no such checkout session")
)

// OrderCanceler is implemented by the SellerCheckouts that can ask a seller to cancel
// a completed order (the acp order cancellation extension).
type OrderCanceler interface {
	// CancelsOrders reports whether the seller declares the extension. An error means
	// the seller could not be asked (ErrUnavailable, …).
	CancelsOrders(ctx context.Context) (bool, error)
	// CancelOrder asks the seller to cancel its order sellerOrderID and refund it. The
	// same idemKey makes a retry a replay: one refund however often it is asked.
	CancelOrder(ctx context.Context, sellerOrderID, idemKey string) (CanceledOrder, error)
}

// CanceledOrder is the seller's answer to a cancellation: its order as it is now.
type CanceledOrder struct {
	Order acp.Order
}

// SupportLinks is implemented by Sellers that know where a seller's support is, for
// when the person must contact the seller.
type SupportLinks interface {
	SupportURL(seller catalog.Seller) string
}
