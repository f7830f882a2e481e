package stripesim

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// CodeChargeAlreadyRefunded is Stripe's error code for refunding more than is left.
const CodeChargeAlreadyRefunded = "charge_already_refunded"

// refund is a Refund with its owner.
type refund struct {
	owner string
	made  int64 // unix nanoseconds: the order in which Options.Keep forgets
	json  refundJSON
}

type refundJSON struct {
	ID            string            `json:"id"`
	Object        string            `json:"object"`
	Amount        int64             `json:"amount"`
	Charge        *string           `json:"charge"`
	Created       int64             `json:"created"`
	Currency      string            `json:"currency"`
	Metadata      map[string]string `json:"metadata"`
	PaymentIntent string            `json:"payment_intent"`
	Reason        *string           `json:"reason"`
	Status        string            `json:"status"`
}

// createRefund serves POST /v1/refunds: refund all or part of a succeeded
// PaymentIntent of the calling account. amount defaults to what is left to refund; a
// refund of more than is left is refused with charge_already_refunded, so a
// PaymentIntent can never be refunded beyond what it received. Refunds succeed at
// once.
func (s *Server) createRefund(c *call) (any, *apiError) {
	f := c.form
	if err := checkParams(f, "payment_intent", "amount", "reason", "metadata[*]", "expand[*]"); err != nil {
		return nil, err
	}
	piID, err := required(f, "payment_intent")
	if err != nil {
		return nil, err
	}
	pi, ok := s.intents[piID]
	if !ok || pi.owner != c.acct.ID {
		return nil, noSuch(http.StatusBadRequest, "payment_intent", "payment_intent")
	}
	if pi.json.Status != "succeeded" {
		return nil, invalid("payment_intent", "This PaymentIntent has no successful charge to refund.")
	}
	left := pi.json.AmountReceived - pi.refunded
	amount := left
	if f.Has("amount") {
		if amount, err = positiveInt(f, "amount"); err != nil {
			return nil, err
		}
	}
	if left <= 0 || amount > left {
		return nil, &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodeChargeAlreadyRefunded, Param: "amount",
			Message: fmt.Sprintf("Refund amount (%d) is greater than the amount left to refund (%d).", amount, max(left, 0))}
	}
	switch r := f.Get("reason"); r {
	case "", "duplicate", "fraudulent", "requested_by_customer":
	default:
		return nil, invalid("reason", "reason must be duplicate, fraudulent or requested_by_customer.")
	}
	meta, err := metadata(f, "metadata")
	if err != nil {
		return nil, err
	}
	re := &refund{owner: c.acct.ID, made: c.now.UnixNano(), json: refundJSON{ID: newID("re_"), Object: "refund", Amount: amount,
		Charge: pi.json.LatestCharge, Created: c.now.Unix(), Currency: pi.json.Currency, Metadata: meta,
		PaymentIntent: piID, Reason: nonEmpty(f.Get("reason")), Status: "succeeded"}}
	pi.refunded += amount
	s.refunds[re.json.ID] = re
	s.refundOrder = append(s.refundOrder, re.json.ID)
	if len(keep.Trim(s.refunds, s.keep, func(re *refund) int64 { return re.made }, nil)) > 0 {
		s.refundOrder = slices.DeleteFunc(s.refundOrder, func(id string) bool { return s.refunds[id] == nil })
	}
	return re.json, nil
}

// getRefund serves GET /v1/refunds/{id} for the owning account.
func (s *Server) getRefund(c *call) (any, *apiError) {
	if err := checkParams(c.form, "expand[*]"); err != nil {
		return nil, err
	}
	re, ok := s.refunds[c.ids[0]]
	if !ok || re.owner != c.acct.ID {
		return nil, noSuch(http.StatusNotFound, "refund", "id")
	}
	return re.json, nil
}

// Refund is a snapshot of a refund, for tests: the ledger of money returned.
type Refund struct {
	ID            string
	Account       string // the (seller) account that refunded
	PaymentIntent string
	Amount        int64
	Currency      string
	Status        string // "succeeded"
	Metadata      map[string]string
	Created       time.Time
}

// Refunds returns every refund made so far, in creation order.
func (s *Server) Refunds() []Refund {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Refund, 0, len(s.refundOrder))
	for _, id := range s.refundOrder {
		j := s.refunds[id].json
		out = append(out, Refund{ID: j.ID, Account: s.refunds[id].owner, PaymentIntent: j.PaymentIntent, Amount: j.Amount,
			Currency: j.Currency, Status: j.Status, Metadata: maps.Clone(j.Metadata), Created: time.Unix(j.Created, 0)})
	}
	return out
}
