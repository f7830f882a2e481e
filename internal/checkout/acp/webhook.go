package acp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// Order webhooks (seller → agent), ACP 2026-04-17: the seller POSTs an OrderEvent to
// the agent's order events endpoint with the header
//
//	Merchant-Signature: t=<unix seconds>,v1=<64 hex>
//
// where v1 is HMAC-SHA256, keyed with the webhook secret the two parties share, over
// the timestamp, a dot and the raw body. Several v1 values may be given (a seller
// rotating its secret); one that verifies is enough.

// SignatureHeader is the header that carries an order event's signature.
const SignatureHeader = "Merchant-Signature"

// DefaultSignatureTolerance is how far an event's signature timestamp may be from the
// receiver's clock.
const DefaultSignatureTolerance = 5 * time.Minute

// Order event types.
const (
	EventOrderCreate = "order_create"
	EventOrderUpdate = "order_update"
)

// Order statuses of ACP 2026-04-17 (and "completed", which later versions use for
// delivered).
const (
	OrderStatusCreated      = "created"
	OrderStatusManualReview = "manual_review"
	OrderStatusProcessing   = "processing"
	OrderStatusShipped      = "shipped"
	OrderStatusDelivered    = "delivered"
	OrderStatusCompleted    = "completed"
	OrderStatusCanceled     = "canceled"
)

// OrderEvent is the body of an order webhook. Data is the full order, as it is now.
type OrderEvent struct {
	Type string `json:"type"`
	Data Order  `json:"data"`
}

// Fulfillment is how (part of) an order is delivered; Carrier and the tracking fields
// are for shipping, DeliveryURL and LicenseKey for digital goods (where to download
// them, or the key that unlocks software or an API: fields of the reference seller,
// not of the ACP specification). Seller text: untrusted.
type Fulfillment struct {
	ID             string `json:"id"`
	Type           string `json:"type"` // shipping, pickup, digital
	Status         string `json:"status,omitempty"`
	Carrier        string `json:"carrier,omitempty"`
	TrackingNumber string `json:"tracking_number,omitempty"`
	TrackingURL    string `json:"tracking_url,omitempty"`
	DeliveryURL    string `json:"delivery_url,omitempty"`
	LicenseKey     string `json:"license_key,omitempty"`
}

// Digital returns the order's digital delivery, if it has one.
func (o *Order) Digital() (Fulfillment, bool) {
	for _, f := range o.Fulfillments {
		if f.Type == FulfillmentDigital && (f.DeliveryURL != "" || f.LicenseKey != "") {
			return f, true
		}
	}
	return Fulfillment{}, false
}

// Adjustment is a change after the order, such as a refund.
type Adjustment struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"` // refund, cancellation, …
	Status     string    `json:"status"`
	OccurredAt time.Time `json:"occurred_at,omitzero"`
	Amount     int64     `json:"amount,omitempty"`
	Currency   string    `json:"currency,omitempty"`
}

// Adjustment types and statuses this package acts on.
const (
	AdjustmentRefund    = "refund"
	AdjustmentCompleted = "completed"
)

// Refunded returns the sum of the order's completed refunds, at most math.MaxInt64
// (what a refund total is checked against is the order's total, in its currency).
func (o *Order) Refunded() int64 {
	var sum int64
	for _, a := range o.Adjustments {
		if a.Type == AdjustmentRefund && a.Status == AdjustmentCompleted && a.Amount > 0 {
			if sum > math.MaxInt64-a.Amount {
				return math.MaxInt64
			}
			sum += a.Amount
		}
	}
	return sum
}

// Sign returns the Merchant-Signature header value of body sent at t with secret.
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(signature(secret, ts, body))
}

func signature(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return m.Sum(nil)
}

// Signature verification failures.
var (
	// ErrBadSignature: the header is missing or malformed, or no v1 matches.
	ErrBadSignature = errors.New("acp: order event signature does not verify")
	// ErrStaleSignature: the signature's timestamp is outside the tolerance.
	ErrStaleSignature = errors.New("acp: order event signature timestamp outside the tolerance")
)

// Verified is a signature that verified: when it was made and the v1 value that
// matched, which identifies the delivery (a replay carries the same one).
type Verified struct {
	At time.Time
	V1 string
}

// Verify checks header (a Merchant-Signature value) against body and secret: the
// timestamp must be within tolerance of now, and one v1 must be the HMAC of the
// timestamp and body. It returns ErrBadSignature or ErrStaleSignature; the body is
// only trusted after it returns nil.
func Verify(header string, body, secret []byte, now time.Time, tolerance time.Duration) (Verified, error) {
	if len(secret) == 0 || len(header) > 1024 {
		return Verified{}, ErrBadSignature
	}
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		switch {
		case !ok:
			return Verified{}, ErrBadSignature
		case k == "t":
			ts = v
		case k == "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return Verified{}, ErrBadSignature
	}
	want := signature(secret, ts, body)
	for _, s := range sigs {
		got, err := hex.DecodeString(s)
		if err != nil || !hmac.Equal(got, want) {
			continue
		}
		at := time.Unix(sec, 0)
		if d := now.Sub(at); d > tolerance || d < -tolerance {
			return Verified{}, ErrStaleSignature
		}
		return Verified{At: at, V1: strings.ToLower(s)}, nil
	}
	return Verified{}, ErrBadSignature
}
