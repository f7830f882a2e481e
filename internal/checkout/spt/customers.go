package spt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82/form"
)

// The agent's Stripe Customers and the payment methods kept on them: a Customer per
// person, cards attached to it, and Checkout Sessions in setup mode through which the
// person brings a card on a Stripe-hosted page (the card never passes through this
// server). These are GA endpoints; they are sent through the same backend as the token
// calls, with the same errors.

var (
	customerPattern = regexp.MustCompile(`^cus_[A-Za-z0-9_]+$`)
	sessionPattern  = regexp.MustCompile(`^cs_[A-Za-z0-9_]+$`)
)

// CustomerParams describes a Stripe Customer to create.
type CustomerParams struct {
	Email string
	Name  string
	// Metadata is stored on the Customer (our customer id, so the dashboard can tell
	// whose it is). No secrets.
	Metadata map[string]string
	// IdempotencyKey makes a repeat return the first Customer instead of a second.
	IdempotencyKey string
}

// CreateCustomer creates a Customer (POST /v1/customers) and returns its id, cus_….
func (c *Client) CreateCustomer(ctx context.Context, p CustomerParams) (string, error) {
	if err := c.checkKey(); err != nil {
		return "", err
	}
	v := &form.Values{}
	if p.Email != "" {
		v.Add("email", p.Email)
	}
	if p.Name != "" {
		v.Add("name", p.Name)
	}
	for k, val := range p.Metadata {
		v.Add("metadata["+k+"]", val)
	}
	body, err := c.do(ctx, "create customer", "", http.MethodPost, "/v1/customers", v.Encode(), p.IdempotencyKey)
	if err != nil {
		return "", withoutPersonal(err, p.Email, p.Name)
	}
	var j struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &j); err != nil || !customerPattern.MatchString(j.ID) {
		return "", badResponse("create customer", "")
	}
	return j.ID, nil
}

// AttachPaymentMethod attaches a PaymentMethod to a Customer
// (POST /v1/payment_methods/{id}/attach) and returns it as attached. With Stripe's test
// ids (pm_card_visa, …) Stripe attaches a new copy, so the returned id is the one to
// keep.
func (c *Client) AttachPaymentMethod(ctx context.Context, pmID, customerID, idemKey string) (PaymentMethod, error) {
	if err := c.checkKey(); err != nil {
		return PaymentMethod{}, err
	}
	if !pmPattern.MatchString(pmID) || !customerPattern.MatchString(customerID) {
		return PaymentMethod{}, fmt.Errorf("%w: attach needs a pm_ id and a cus_ id", ErrInvalid)
	}
	v := &form.Values{}
	v.Add("customer", customerID)
	body, err := c.do(ctx, "attach payment method", "", http.MethodPost, "/v1/payment_methods/"+pmID+"/attach", v.Encode(), idemKey)
	if err != nil {
		return PaymentMethod{}, err
	}
	return decodePaymentMethod("attach payment method", body)
}

// DetachPaymentMethod detaches a PaymentMethod from its Customer
// (POST /v1/payment_methods/{id}/detach); it can no longer be used. Stripe refuses to
// detach a method that is attached to no customer (400).
func (c *Client) DetachPaymentMethod(ctx context.Context, pmID, idemKey string) error {
	if err := c.checkKey(); err != nil {
		return err
	}
	if !pmPattern.MatchString(pmID) {
		return fmt.Errorf("%w: payment method must be a pm_ id", ErrInvalid)
	}
	_, err := c.do(ctx, "detach payment method", "", http.MethodPost, "/v1/payment_methods/"+pmID+"/detach", "", idemKey)
	return err
}

func decodePaymentMethod(op string, body []byte) (PaymentMethod, error) {
	var j pmJSON
	if err := json.Unmarshal(body, &j); err != nil || !pmPattern.MatchString(j.ID) {
		return PaymentMethod{}, badResponse(op, "")
	}
	pm := PaymentMethod{ID: j.ID, Type: j.Type}
	if j.Card != nil {
		pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear = j.Card.Brand, j.Card.Last4, j.Card.ExpMonth, j.Card.ExpYear
	}
	return pm, nil
}

// SetupSessionParams describes a Checkout Session in setup mode: a Stripe-hosted page
// on which the person enters a card for Customer.
type SetupSessionParams struct {
	Customer          string // cus_… (required)
	SuccessURL        string // where the page sends the person when done (required)
	CancelURL         string // where its back link goes; optional
	ClientReferenceID string // our setup id, to find the setup from the session
	ExpiresAt         time.Time
	IdempotencyKey    string
}

// SetupSession is the part of a Checkout Session in setup mode that the agent reads.
type SetupSession struct {
	ID        string
	Status    string // "open", "complete" or "expired"
	URL       string // the page; empty once complete or expired
	Customer  string
	ExpiresAt time.Time
	// PaymentMethod is the method the person entered, once Status is "complete" (read
	// from the session's SetupIntent); zero before.
	PaymentMethod PaymentMethod
}

// Checkout Session statuses.
const (
	SessionOpen     = "open"
	SessionComplete = "complete"
	SessionExpired  = "expired"
)

// CreateSetupSession creates a Checkout Session in setup mode for cards
// (POST /v1/checkout/sessions, mode=setup).
func (c *Client) CreateSetupSession(ctx context.Context, p SetupSessionParams) (SetupSession, error) {
	if err := c.checkKey(); err != nil {
		return SetupSession{}, err
	}
	if !customerPattern.MatchString(p.Customer) || p.SuccessURL == "" {
		return SetupSession{}, fmt.Errorf("%w: a setup session needs a cus_ customer and a success URL", ErrInvalid)
	}
	v := &form.Values{}
	v.Add("mode", "setup")
	v.Add("customer", p.Customer)
	v.Add("payment_method_types[0]", "card")
	v.Add("success_url", p.SuccessURL)
	if p.CancelURL != "" {
		v.Add("cancel_url", p.CancelURL)
	}
	if p.ClientReferenceID != "" {
		v.Add("client_reference_id", p.ClientReferenceID)
	}
	if !p.ExpiresAt.IsZero() {
		v.Add("expires_at", strconv.FormatInt(p.ExpiresAt.Unix(), 10))
	}
	body, err := c.do(ctx, "create setup session", "", http.MethodPost, "/v1/checkout/sessions", v.Encode(), p.IdempotencyKey)
	if err != nil {
		return SetupSession{}, err
	}
	return decodeSession("create setup session", body)
}

// RetrieveSetupSession reads a Checkout Session with its SetupIntent and payment
// method expanded (GET /v1/checkout/sessions/{id}).
func (c *Client) RetrieveSetupSession(ctx context.Context, id string) (SetupSession, error) {
	if err := c.checkKey(); err != nil {
		return SetupSession{}, err
	}
	if !sessionPattern.MatchString(id) {
		return SetupSession{}, fmt.Errorf("%w: session must be a cs_ id", ErrInvalid)
	}
	v := &form.Values{}
	v.Add("expand[0]", "setup_intent.payment_method")
	body, err := c.do(ctx, "retrieve setup session", "", http.MethodGet, "/v1/checkout/sessions/"+id, v.Encode(), "")
	if err != nil {
		return SetupSession{}, err
	}
	return decodeSession("retrieve setup session", body)
}

type sessionJSON struct {
	ID          string          `json:"id"`
	Mode        string          `json:"mode"`
	Status      *string         `json:"status"`
	URL         *string         `json:"url"`
	Customer    json.RawMessage `json:"customer"` // an id, or the object when expanded
	ExpiresAt   int64           `json:"expires_at"`
	SetupIntent json.RawMessage `json:"setup_intent"` // an id, or the object when expanded
}

type setupIntentJSON struct {
	ID            string          `json:"id"`
	Status        string          `json:"status"`
	PaymentMethod json.RawMessage `json:"payment_method"` // an id, or the object when expanded
}

func decodeSession(op string, body []byte) (SetupSession, error) {
	var j sessionJSON
	if err := json.Unmarshal(body, &j); err != nil || !sessionPattern.MatchString(j.ID) || j.Mode != "setup" {
		return SetupSession{}, badResponse(op, "")
	}
	s := SetupSession{ID: j.ID, Customer: idOrObject(j.Customer)}
	if j.Status != nil {
		s.Status = *j.Status
	}
	if j.URL != nil {
		s.URL = *j.URL
	}
	if j.ExpiresAt > 0 {
		s.ExpiresAt = time.Unix(j.ExpiresAt, 0)
	}
	if s.Status != SessionComplete {
		return s, nil
	}
	// A complete session has a SetupIntent whose payment method is what the person
	// entered; unexpanded, it cannot be read here.
	var si setupIntentJSON
	if err := json.Unmarshal(j.SetupIntent, &si); err != nil || si.ID == "" {
		return SetupSession{}, badResponse(op, "")
	}
	var pm pmJSON
	if err := json.Unmarshal(si.PaymentMethod, &pm); err != nil || !pmPattern.MatchString(pm.ID) {
		return SetupSession{}, badResponse(op, "")
	}
	s.PaymentMethod = PaymentMethod{ID: pm.ID, Type: pm.Type}
	if pm.Card != nil {
		s.PaymentMethod.Brand, s.PaymentMethod.Last4 = pm.Card.Brand, pm.Card.Last4
		s.PaymentMethod.ExpMonth, s.PaymentMethod.ExpYear = pm.Card.ExpMonth, pm.Card.ExpYear
	}
	return s, nil
}

// idOrObject reads a field that is an id, or an object with an id when expanded.
func idOrObject(raw json.RawMessage) string {
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

// withoutPersonal leaves the values out of err's message: Stripe's messages may repeat
// a parameter ("Invalid email address: …"), and errors are logged, where the
// customer's email and name must never appear.
func withoutPersonal(err error, values ...string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			for _, form := range []string{v, strings.ToLower(v)} {
				e.Message = strings.ReplaceAll(e.Message, form, "[personal data]")
			}
		}
	}
	return err
}
