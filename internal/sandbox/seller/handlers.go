package seller

import (
	"context"
	"fmt"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// createBody is a create request as the Seller reads it. Items is the 2025 name of
// line_items, which the 2026-04-17 inline examples still use.
type createBody struct {
	LineItems          []wireItem              `json:"line_items"`
	Items              []wireItem              `json:"items"`
	Currency           string                  `json:"currency"`
	Buyer              *acp.Buyer              `json:"buyer"`
	FulfillmentDetails *acp.FulfillmentDetails `json:"fulfillment_details"`
}

func (s *Seller) handleCreate(w http.ResponseWriter, r *http.Request) {
	var b createBody
	if !decodeBody(w, r, &b, false) {
		return
	}
	if b.Currency != "" {
		if _, err := money.NormalizeCurrency(b.Currency); err != nil {
			writeError(w, http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: "$.currency",
				Message: "currency must be a three-letter ISO 4217 code"})
			return
		}
	}
	items, base := b.LineItems, "$.line_items"
	if len(items) == 0 && len(b.Items) > 0 {
		items, base = b.Items, "$.items"
	}
	wl, perr := requestLines(items, base)
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	lines, currency, status, perr := s.price(r.Context(), wl, b.Currency)
	if perr != nil {
		writeError(w, status, perr)
		return
	}
	now := s.cfg.Now()
	ss := &session{id: newID("cs_"), buyer: b.Buyer, fulfillment: b.FulfillmentDetails,
		created: now, updated: now, expires: now.Add(s.cfg.SessionTTL)}
	ss.setLines(lines, currency)
	s.mu.Lock()
	s.pruneSessions(now)
	s.sessions[ss.id] = ss
	v, total := s.view(ss), ss.total()
	s.mu.Unlock()
	s.log.Info("checkout session created", "session", ss.id, "status", v.Status, "lines", len(lines),
		"total", total, "currency", currency)
	writeJSON(w, http.StatusCreated, v)
}

func (s *Seller) handleGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	ss := s.sessions[id]
	var v *acp.CheckoutSession
	if ss != nil {
		ss.expire(s.cfg.Now())
		v = s.view(ss)
	}
	s.mu.Unlock()
	if v == nil {
		writeNoSession(w, id)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func writeNoSession(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, noSession(id))
}

// noSession is the 404 error for an unknown checkout session id.
func noSession(id string) *acp.Error {
	return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotFound, Message: fmt.Sprintf("no checkout session %q", truncate(id, 80))}
}

// updateBody is an update request as the Seller reads it; nil means absent.
type updateBody struct {
	LineItems                  *[]wireItem                     `json:"line_items"`
	Buyer                      *acp.Buyer                      `json:"buyer"`
	FulfillmentDetails         *acp.FulfillmentDetails         `json:"fulfillment_details"`
	SelectedFulfillmentOptions []acp.SelectedFulfillmentOption `json:"selected_fulfillment_options"`
}

func (s *Seller) handleUpdate(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var b updateBody
	if !decodeBody(w, r, &b, false) {
		return
	}
	// Read the session, price outside the lock, then apply if it is still open.
	s.mu.Lock()
	ss := s.sessions[id]
	var wl []wireLine
	var currency string
	var perr *acp.Error
	status := http.StatusBadRequest
	if ss != nil {
		ss.expire(s.cfg.Now())
		currency = ss.currency
		perr, status = updateError(ss)
		if perr == nil && b.LineItems == nil {
			for i, l := range ss.lines {
				wl = append(wl, wireLine{id: l.item.ID, qty: l.qty, param: fmt.Sprintf("$.line_items[%d]", i)})
			}
		}
	}
	s.mu.Unlock()
	if ss == nil {
		writeNoSession(w, id)
		return
	}
	if perr != nil {
		writeUpdateError(w, status, perr)
		return
	}
	if b.LineItems != nil {
		if wl, perr = requestLines(*b.LineItems, "$.line_items"); perr != nil {
			writeError(w, http.StatusBadRequest, perr)
			return
		}
	}
	lines, _, status, perr := s.price(r.Context(), wl, currency)
	if perr != nil {
		writeError(w, status, perr)
		return
	}
	s.mu.Lock()
	if perr, status = updateError(ss); perr == nil {
		before := *ss
		if b.FulfillmentDetails != nil {
			ss.fulfillment = b.FulfillmentDetails
		}
		ss.setLines(lines, currency)
		if perr = ss.selectOptions(b.SelectedFulfillmentOptions); perr != nil {
			*ss = before // an update applies whole or not at all
			status = http.StatusBadRequest
		} else {
			if b.Buyer != nil {
				ss.buyer = b.Buyer
			}
			ss.updated = s.cfg.Now()
		}
	}
	v, total := s.view(ss), ss.total()
	s.mu.Unlock()
	if perr != nil {
		writeUpdateError(w, status, perr)
		return
	}
	s.log.Info("checkout session updated", "session", ss.id, "status", v.Status, "total", total)
	writeJSON(w, http.StatusOK, v)
}

// updateError is the error for updating session ss, with its HTTP status; nil when
// it can be updated. A session holding a charge of unknown outcome cannot: that charge
// may still be made, for the lines and total the buyer sent it with.
func updateError(ss *session) (*acp.Error, int) {
	if ss.held != nil {
		return unsettled("update"), http.StatusServiceUnavailable
	}
	return stateError(ss, "updated")
}

// writeUpdateError writes perr of an update, with Retry-After when it must wait for
// an earlier charge.
func writeUpdateError(w http.ResponseWriter, status int, perr *acp.Error) {
	if perr.Code == acp.CodePaymentUnavailable {
		w.Header().Set("Retry-After", "2")
	}
	writeError(w, status, perr)
}

// stateError is the error for changing a session that is no longer open (what is
// "updated", "completed"), with its HTTP status; nil when it is open.
func stateError(ss *session, what string) (*acp.Error, int) {
	switch {
	case ss.status == acp.StatusExpired:
		return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeSessionExpired,
			Message: "the checkout session has expired; create a new one"}, http.StatusConflict
	case !ss.open():
		return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalidState,
			Message: fmt.Sprintf("the checkout session is %s and cannot be %s", ss.status, what)}, http.StatusConflict
	}
	return nil, 0
}

func (s *Seller) handleCancel(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var b acp.CancelRequest
	if !decodeBody(w, r, &b, true) {
		return
	}
	// A charge of unknown outcome is settled first: if it went through, the session
	// is paid and cannot be canceled.
	settled, err := s.settleHeld(r.Context(), id, "")
	var ss *session
	if err == nil {
		ss, err = s.lockSettled(r.Context(), id)
	}
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, &acp.Error{Type: acp.ErrorServiceUnavailable, Code: "canceled",
			Message: "the request ended while a payment was in progress"})
		return
	}
	if !settled || ss != nil && ss.held != nil {
		s.mu.Unlock()
		writeUnsettled(w, "cancel")
		return
	}
	if ss == nil {
		s.mu.Unlock()
		writeNoSession(w, id)
		return
	}
	now := s.cfg.Now()
	ss.expire(now)
	if !ss.open() {
		st := ss.status
		s.mu.Unlock()
		writeError(w, http.StatusMethodNotAllowed, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotCancelable,
			Message: fmt.Sprintf("the checkout session is %s and cannot be canceled", st)})
		return
	}
	ss.status, ss.messages, ss.updated = acp.StatusCanceled, nil, now
	v := s.view(ss)
	s.mu.Unlock()
	reason := ""
	if b.IntentTrace != nil {
		reason = truncate(b.IntentTrace.ReasonCode, 40)
	}
	s.log.Info("checkout session canceled", "session", id, "reason", reason)
	writeJSON(w, http.StatusOK, v)
}

// lockSettled locks s.mu and returns the session once no complete is running on it
// (nil when there is no such session). On error, when ctx ended first, s.mu is not
// held.
func (s *Seller) lockSettled(ctx context.Context, id string) (*session, error) {
	s.mu.Lock()
	for {
		ss := s.sessions[id]
		if ss == nil || ss.charging == nil {
			return ss, nil
		}
		ch := ss.charging
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		s.mu.Lock()
	}
}

func (s *Seller) handleOrder(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	var o *acp.Order
	if p := s.paid[id]; p != nil {
		c := cloneOrder(p.order)
		o = &c
	}
	s.mu.Unlock()
	if o == nil {
		writeError(w, http.StatusNotFound, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeNotFound,
			Message: fmt.Sprintf("no order %q", truncate(id, 80))})
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// pruneSessions forgets sessions that ended more than a day ago, at most once a
// minute, and the oldest beyond the newest Config.Keep (keep.Trim); never one whose
// charge is running or unsettled. s.mu is held.
func (s *Seller) pruneSessions(now time.Time) {
	keep.Trim(s.sessions, s.cfg.Keep, func(ss *session) int64 { return ss.created.UnixNano() },
		func(ss *session) bool { return ss.charging != nil || ss.held != nil })
	if now.Sub(s.lastPrune) < time.Minute {
		return
	}
	s.lastPrune = now
	for id, ss := range s.sessions {
		if ss.charging == nil && ss.held == nil && now.Sub(ss.expires) > 24*time.Hour && now.Sub(ss.updated) > 24*time.Hour {
			delete(s.sessions, id)
		}
	}
}
