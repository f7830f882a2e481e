package spt

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// tokenJSON is the part of a shared_payment.issued_token we read. Fields Stripe may send
// as null are pointers.
type tokenJSON struct {
	ID                string            `json:"id"`
	Created           int64             `json:"created"`
	Livemode          bool              `json:"livemode"`
	Status            *string           `json:"status"`
	DeactivatedAt     *int64            `json:"deactivated_at"`
	DeactivatedReason *string           `json:"deactivated_reason"`
	PaymentMethod     json.RawMessage   `json:"payment_method"` // an id, or the object when expanded
	SharedMetadata    map[string]string `json:"shared_metadata"`
	SellerDetails     *struct {
		ExternalID             *string `json:"external_id"`
		NetworkBusinessProfile *string `json:"network_business_profile"`
	} `json:"seller_details"`
	UsageLimits *struct {
		Currency  string `json:"currency"`
		ExpiresAt *int64 `json:"expires_at"`
		MaxAmount int64  `json:"max_amount"`
	} `json:"usage_limits"`
	UsageDetails *struct {
		AmountCaptured *struct {
			Currency string `json:"currency"`
			Value    *int64 `json:"value"`
		} `json:"amount_captured"`
	} `json:"usage_details"`
	NextAction *struct {
		Type          string `json:"type"`
		RedirectToURL *struct {
			URL string `json:"url"`
		} `json:"redirect_to_url"`
	} `json:"next_action"`
}

type pmJSON struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Card *struct {
		Brand    string `json:"brand"`
		Last4    string `json:"last4"`
		ExpMonth int    `json:"exp_month"`
		ExpYear  int    `json:"exp_year"`
	} `json:"card"`
}

// decodeToken reads an issued token; ok is false when the body is not one.
func decodeToken(body []byte) (Token, bool) {
	var j tokenJSON
	if err := json.Unmarshal(body, &j); err != nil || j.ID == "" {
		return Token{}, false
	}
	t := Token{
		ID: j.ID, Status: str(j.Status), DeactivatedReason: str(j.DeactivatedReason),
		PaymentMethod: idOf(j.PaymentMethod), Metadata: j.SharedMetadata, Livemode: j.Livemode,
		Created: unix(&j.Created), DeactivatedAt: unix(j.DeactivatedAt),
	}
	if d := j.SellerDetails; d != nil {
		t.SellerProfile, t.SellerExternalID = str(d.NetworkBusinessProfile), str(d.ExternalID)
	}
	if u := j.UsageLimits; u != nil {
		t.Currency, t.MaxAmount, t.ExpiresAt = strings.ToUpper(u.Currency), u.MaxAmount, unix(u.ExpiresAt)
	}
	if u := j.UsageDetails; u != nil && u.AmountCaptured != nil && u.AmountCaptured.Value != nil {
		t.AmountCaptured, t.CapturedKnown = *u.AmountCaptured.Value, true
		t.CapturedCurrency = strings.ToUpper(u.AmountCaptured.Currency)
	}
	if n := j.NextAction; n != nil && t.Status == StatusRequiresAction {
		t.NextActionType = n.Type
		if n.RedirectToURL != nil {
			t.NextActionURL = n.RedirectToURL.URL
		}
	}
	return t, true
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func unix(p *int64) time.Time {
	if p == nil || *p == 0 {
		return time.Time{}
	}
	return time.Unix(*p, 0)
}

// idOf reads an expandable field: a JSON string id, or an object with an "id".
func idOf(raw json.RawMessage) string {
	var id string
	if json.Unmarshal(raw, &id) == nil {
		return id
	}
	var obj struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.ID
	}
	return ""
}

// String summarizes the token with its id redacted, so that printing a Token with fmt
// does not leak it.
func (t Token) String() string {
	s := fmt.Sprintf("%s %s", RedactID(t.ID), t.Status)
	if t.DeactivatedReason != "" {
		s += "/" + t.DeactivatedReason
	}
	if !t.CapturedKnown {
		return s + fmt.Sprintf(" max %d %s captured unknown", t.MaxAmount, t.Currency)
	}
	return s + fmt.Sprintf(" max %d %s captured %d", t.MaxAmount, t.Currency, t.AmountCaptured)
}

// LogValue makes slog log the token with its id redacted.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", RedactID(t.ID)),
		slog.String("status", t.Status),
		slog.String("deactivated_reason", t.DeactivatedReason),
		slog.Int64("max_amount", t.MaxAmount),
		slog.String("currency", t.Currency),
		slog.Int64("amount_captured", t.AmountCaptured),
		slog.Bool("captured_known", t.CapturedKnown),
	)
}
