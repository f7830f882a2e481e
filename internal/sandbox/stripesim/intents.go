package stripesim

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// paymentIntent is a PaymentIntent with its owner and the token it used.
type paymentIntent struct {
	owner       string
	token       string
	method      string // the PaymentMethod reproduced for it on the owner's account
	declineCode string
	refunded    int64 // the sum of its refunds
	made        int64 // unix nanoseconds: the order in which Options.Keep forgets
	json        intentJSON
}

type intentJSON struct {
	ID                 string            `json:"id"`
	Object             string            `json:"object"`
	Amount             int64             `json:"amount"`
	AmountCapturable   int64             `json:"amount_capturable"`
	AmountReceived     int64             `json:"amount_received"`
	CaptureMethod      string            `json:"capture_method"`
	ConfirmationMethod string            `json:"confirmation_method"`
	Created            int64             `json:"created"`
	Currency           string            `json:"currency"`
	Description        *string           `json:"description"`
	LastPaymentError   *paymentError     `json:"last_payment_error"`
	LatestCharge       *string           `json:"latest_charge"`
	Livemode           bool              `json:"livemode"`
	Metadata           map[string]string `json:"metadata"`
	NextAction         *struct{}         `json:"next_action"`
	PaymentMethod      *string           `json:"payment_method"`
	PaymentMethodTypes []string          `json:"payment_method_types"`
	Status             string            `json:"status"`
}

type paymentError struct {
	Type          string         `json:"type"`
	Code          string         `json:"code"`
	DeclineCode   string         `json:"decline_code"`
	Message       string         `json:"message"`
	Charge        string         `json:"charge"`
	PaymentMethod *paymentMethod `json:"payment_method"`
}

const sptParam = "payment_method_data[shared_payment_granted_token]"

// createPaymentIntent serves POST /v1/payment_intents: create and confirm a PaymentIntent
// paid with a shared payment granted token, enforcing the token's rules.
func (s *Server) createPaymentIntent(c *call) (any, *apiError) {
	f := c.form
	if f.Has("shared_payment_granted_token") {
		return nil, unknownParam("shared_payment_granted_token", " Pass the token as "+sptParam+".")
	}
	if err := checkParams(f, "amount", "currency", "confirm", "description", "metadata[*]", sptParam,
		"payment_method_data[type]", "payment_method_types[*]", "capture_method", "automatic_payment_methods[enabled]",
		"automatic_payment_methods[allow_redirects]", "receipt_email", "statement_descriptor",
		"statement_descriptor_suffix", "return_url", "expand[*]"); err != nil {
		return nil, err
	}
	amount, err := positiveInt(f, "amount")
	if err != nil {
		return nil, err
	}
	cur, err := required(f, "currency")
	if err != nil {
		return nil, err
	}
	cur = strings.ToLower(cur) // Stripe accepts either case here
	if err := lowerCurrency("currency", cur); err != nil {
		return nil, err
	}
	if f.Get("confirm") != "true" {
		return nil, invalid("confirm", "The sandbox only creates PaymentIntents with confirm=true.")
	}
	manual := false
	switch m := f.Get("capture_method"); m {
	case "", "automatic", "automatic_async":
	case "manual":
		manual = true
	default:
		return nil, invalid("capture_method", "capture_method must be automatic, automatic_async or manual.")
	}
	if typ := f.Get("payment_method_data[type]"); typ != "" && typ != "card" {
		return nil, invalid("payment_method_data[type]", "Shared payment tokens in the sandbox are cards; leave payment_method_data[type] out.")
	}
	meta, err := metadata(f, "metadata")
	if err != nil {
		return nil, err
	}
	id, err := required(f, sptParam)
	if err != nil {
		return nil, err
	}
	if err := needPreview(c); err != nil {
		return nil, err
	}
	t, err := s.chargeableToken(c, id, cur, amount)
	if err != nil {
		return nil, err
	}
	return s.charge(c, t, amount, meta, f.Get("description"), manual)
}

// chargeableToken checks every token rule for a charge of amount in cur by the caller.
func (s *Server) chargeableToken(c *call, id, cur string, amount int64) (*token, *apiError) {
	t, ok := s.tokens[id]
	if !ok || t.sellerProfile != c.acct.Profile {
		return nil, noSuch(http.StatusBadRequest, "shared payment granted token", sptParam)
	}
	t.refresh(c.now)
	switch t.status {
	case statusDeactivated:
		return nil, tokenError("shared_payment_token_"+t.reason, sptParam,
			"This shared payment token is deactivated (reason: "+t.reason+") and cannot be used.")
	case statusRequiresAction:
		return nil, tokenError(CodeTokenRequiresAction, sptParam,
			"This shared payment token still requires the customer's authentication.")
	}
	if cur != t.currency {
		return nil, tokenError(CodeCurrencyMismatch, "currency",
			fmt.Sprintf("The currency %s does not match the shared payment token's currency %s.", cur, t.currency))
	}
	if t.captured+t.held+amount > t.maxAmount {
		return nil, tokenError(CodeAmountTooLarge, "amount",
			fmt.Sprintf("The amount %d exceeds what the shared payment token allows (max_amount %d, already captured %d, held %d).",
				amount, t.maxAmount, t.captured, t.held))
	}
	return t, nil
}

// charge creates the PaymentIntent on the caller's account with a PaymentMethod
// reproduced from the buyer's card, and either captures (manual: authorizes, a hold
// captured or released later) or declines.
func (s *Server) charge(c *call, t *token, amount int64, meta map[string]string, desc string, manual bool) (any, *apiError) {
	now := c.now.Unix()
	pm := s.newPaymentMethod(newID("pm_"), c.acct.ID, t.card, now)
	tokenID := t.id
	pm.SharedPaymentGrantedToken = &tokenID
	s.methods[pm.ID] = pm
	charge := newID("ch_")
	pi := &paymentIntent{owner: c.acct.ID, token: t.id, declineCode: t.card.declineCode, made: c.now.UnixNano(), json: intentJSON{
		ID: newID("pi_"), Object: "payment_intent", Amount: amount, CaptureMethod: "automatic",
		ConfirmationMethod: "automatic", Created: now, Currency: t.currency, Description: nonEmpty(desc),
		LatestCharge: &charge, Metadata: meta, PaymentMethodTypes: []string{"card"},
	}}
	s.addIntent(pi, pm.ID)
	if code := t.card.declineCode; code != "" {
		msg := declineMessages[code]
		pi.json.Status = "requires_payment_method"
		pi.json.LastPaymentError = &paymentError{Type: typeCard, Code: CodeCardDeclined, DeclineCode: code,
			Message: msg, Charge: charge, PaymentMethod: pm}
		j := pi.json
		return nil, &apiError{status: http.StatusPaymentRequired, executed: true, Type: typeCard,
			Code: CodeCardDeclined, DeclineCode: code, Message: msg, Charge: charge, PaymentIntent: &j, PaymentMethod: pm}
	}
	pi.json.PaymentMethod = &pm.ID
	if manual {
		pi.json.CaptureMethod = "manual"
		pi.json.Status = "requires_capture"
		pi.json.AmountCapturable = amount
		t.held += amount
	} else {
		pi.json.Status = "succeeded"
		pi.json.AmountReceived = amount
		t.captured += amount
	}
	if !s.multiCapture || t.captured+t.held >= t.maxAmount {
		t.deactivate(reasonConsumed, now)
	}
	return pi.json, nil
}

// addIntent keeps pi, paid with the PaymentMethod pm made for it, and forgets the
// oldest PaymentIntents beyond the newest Options.Keep with their PaymentMethods,
// except those holding an uncaptured authorization. The caller holds s.mu.
func (s *Server) addIntent(pi *paymentIntent, pm string) {
	pi.method = pm
	s.intents[pi.json.ID] = pi
	s.order = append(s.order, pi.json.ID)
	gone := keep.Trim(s.intents, s.keep, func(pi *paymentIntent) int64 { return pi.made },
		func(pi *paymentIntent) bool { return pi.json.Status == "requires_capture" })
	if len(gone) == 0 {
		return
	}
	for _, pi := range gone {
		delete(s.methods, pi.method)
	}
	s.order = slices.DeleteFunc(s.order, func(id string) bool { return s.intents[id] == nil })
}

// capturePaymentIntent serves POST /v1/payment_intents/{id}/capture: the hold of a
// requires_capture PaymentIntent is captured, all of it or amount_to_capture (the rest
// is released). The token's amount_captured grows by what is captured; its status
// stays as the authorization left it.
func (s *Server) capturePaymentIntent(c *call) (any, *apiError) {
	if err := checkParams(c.form, "amount_to_capture", "metadata[*]", "expand[*]"); err != nil {
		return nil, err
	}
	pi, t, err := s.heldIntent(c)
	if err != nil {
		return nil, err
	}
	amount := pi.json.AmountCapturable
	if c.form.Has("amount_to_capture") {
		n, err := positiveInt(c.form, "amount_to_capture")
		if err != nil {
			return nil, err
		}
		if n > amount {
			return nil, invalidInteger("amount_to_capture", "amount_to_capture must not exceed amount_capturable.")
		}
		amount = n
	}
	if t != nil {
		t.held -= pi.json.AmountCapturable
		t.captured += amount
	}
	pi.json.Status, pi.json.AmountReceived, pi.json.AmountCapturable = "succeeded", amount, 0
	return pi.json, nil
}

// cancelPaymentIntent serves POST /v1/payment_intents/{id}/cancel for a
// requires_capture PaymentIntent: its hold is released, nothing captured. The token
// stays deactivated as it was (Stripe documents no reactivation).
func (s *Server) cancelPaymentIntent(c *call) (any, *apiError) {
	if err := checkParams(c.form, "cancellation_reason", "expand[*]"); err != nil {
		return nil, err
	}
	pi, t, err := s.heldIntent(c)
	if err != nil {
		return nil, err
	}
	if t != nil {
		t.held -= pi.json.AmountCapturable
	}
	pi.json.Status, pi.json.AmountCapturable = "canceled", 0
	return pi.json, nil
}

// heldIntent finds the caller's PaymentIntent of the path in status requires_capture,
// and its token (nil when gone).
func (s *Server) heldIntent(c *call) (*paymentIntent, *token, *apiError) {
	pi, ok := s.intents[c.ids[0]]
	if !ok || pi.owner != c.acct.ID {
		return nil, nil, noSuch(http.StatusNotFound, "payment_intent", "intent")
	}
	if pi.json.Status != "requires_capture" {
		return nil, nil, &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: "payment_intent_unexpected_state",
			Message: "This PaymentIntent's status is " + pi.json.Status + "; it has no hold to capture or release."}
	}
	return pi, s.tokens[pi.token], nil
}

// intentList is Stripe's list envelope of PaymentIntents.
type intentList struct {
	Object  string       `json:"object"`
	URL     string       `json:"url"`
	HasMore bool         `json:"has_more"`
	Data    []intentJSON `json:"data"`
}

// listPaymentIntents serves GET /v1/payment_intents: the caller's PaymentIntents,
// newest first, in Stripe's list envelope; limit (1–100, default 10) and
// starting_after (the last id of the previous page) page it, created[gte] and
// created[lte] (unix seconds) keep those created at or after, at or before a time.
func (s *Server) listPaymentIntents(c *call) (any, *apiError) {
	if err := checkParams(c.form, "limit", "starting_after", "created[gte]", "created[lte]", "expand[*]"); err != nil {
		return nil, err
	}
	limit := int64(10)
	if v := c.form.Get("limit"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > 100 {
			return nil, invalidInteger("limit", "This value must be between 1 and 100.")
		}
		limit = n
	}
	since, aerr := createdBound(c, "created[gte]", 0)
	if aerr != nil {
		return nil, aerr
	}
	until, aerr := createdBound(c, "created[lte]", math.MaxInt64)
	if aerr != nil {
		return nil, aerr
	}
	after := c.form.Get("starting_after")
	page := intentList{Object: "list", URL: "/v1/payment_intents", Data: []intentJSON{}}
	started := after == ""
	for i := len(s.order) - 1; i >= 0; i-- {
		pi := s.intents[s.order[i]]
		switch {
		case pi.owner != c.acct.ID:
		case !started:
			started = pi.json.ID == after
		case pi.json.Created < since, pi.json.Created > until:
		case int64(len(page.Data)) == limit:
			page.HasMore = true
			return page, nil
		default:
			page.Data = append(page.Data, pi.json)
		}
	}
	if !started {
		return nil, noSuch(http.StatusBadRequest, "payment_intent", "starting_after")
	}
	return page, nil
}

// createdBound reads the created bound param (unix seconds) of a list, or def when absent.
func createdBound(c *call, param string, def int64) (int64, *apiError) {
	v := c.form.Get(param)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, invalidInteger(param, "Invalid timestamp: "+param+" must be a unix time in seconds.")
	}
	return n, nil
}

// getPaymentIntent serves GET /v1/payment_intents/{id} for the owning account.
func (s *Server) getPaymentIntent(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]", "client_secret"); err != nil {
		return nil, err
	}
	pi, ok := s.intents[c.ids[0]]
	if !ok || pi.owner != c.acct.ID {
		return nil, noSuch(http.StatusNotFound, "payment_intent", "intent")
	}
	return pi.json, nil
}
