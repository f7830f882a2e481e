package acp

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// ErrorType classifies a protocol Error.
type ErrorType string

// The protocol error types of ACP.
const (
	ErrorInvalidRequest     ErrorType = "invalid_request"
	ErrorProcessing         ErrorType = "processing_error"
	ErrorServiceUnavailable ErrorType = "service_unavailable"
)

// Codes of protocol Errors that callers may want to match.
const (
	CodeIdempotencyKeyRequired = "idempotency_key_required"
	CodeIdempotencyInFlight    = "idempotency_in_flight"
	CodeIdempotencyConflict    = "idempotency_conflict"
	CodeMissingAPIVersion      = "missing_api_version"
	CodeUnsupportedAPIVersion  = "unsupported_api_version"
	CodeUnauthorized           = "unauthorized"
	CodeInvalidJSON            = "invalid_json"
	CodeInvalidState           = "invalid_state"
	CodeSessionExpired         = "session_expired"
	CodeNotCancelable          = "not_cancelable"
	CodePaymentUnavailable     = "payment_unavailable"
	CodePaymentFailed          = "payment_failed"
)

// Error is ACP's flat protocol error, returned by a seller when it cannot return a
// valid session. The Client returns it as *Error with HTTPStatus (and RetryAfter when
// the seller sent Retry-After) filled in; Message and Param are seller text, cleaned of
// control characters, capped, and scrubbed of the API key and payment token.
type Error struct {
	Type              ErrorType `json:"type"`
	Code              string    `json:"code"`
	Message           string    `json:"message"`
	Param             string    `json:"param,omitempty"`
	SupportedVersions []string  `json:"supported_versions,omitempty"`

	HTTPStatus int           `json:"-"`
	RetryAfter time.Duration `json:"-"` // 0 when the seller sent none
}

func (e *Error) Error() string {
	s := fmt.Sprintf("acp: seller answered %d %s/%s", e.HTTPStatus, e.Type, e.Code)
	if e.Param != "" {
		s += " at " + e.Param
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// MalformedResponseError means a seller's answer could not be understood: not JSON, not
// the expected object, a wrong Content-Type, or larger than the Client's cap. Whether
// the request took effect is unknown.
type MalformedResponseError struct {
	Op          string // create, get, update, complete, cancel
	HTTPStatus  int
	ContentType string
	TooLarge    bool
	Reason      string // what was wrong, without the body's content
}

func (e *MalformedResponseError) Error() string {
	return fmt.Sprintf("acp %s: malformed seller response (HTTP %d): %s", e.Op, e.HTTPStatus, e.Reason)
}

// TransportError means no HTTP response arrived. NotSent is true when the request
// certainly never reached the seller (it was refused, the name did not resolve, or the
// context ended before sending); otherwise the outcome is unknown. Timeout reports a
// deadline or client timeout.
type TransportError struct {
	Op      string
	NotSent bool
	Timeout bool
	Err     error // the cause, with the API key and payment token already scrubbed
}

func (e *TransportError) Error() string {
	state := "outcome unknown"
	switch {
	case e.NotSent:
		state = "request not sent"
	case e.Timeout:
		state = "timed out, outcome unknown"
	}
	return fmt.Sprintf("acp %s: seller unreachable (%s): %v", e.Op, state, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// OutcomeUnknown reports whether err, returned by a Client method, leaves open whether
// the seller acted on the request: a transport error other than NotSent, a malformed
// response, or a 5xx protocol error. The caller should look at the session (Get) or
// retry with the same Idempotency-Key before concluding anything.
func OutcomeUnknown(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return !te.NotSent
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return true
	}
	var pe *Error
	if errors.As(err, &pe) {
		return pe.HTTPStatus >= http.StatusInternalServerError
	}
	return false
}
