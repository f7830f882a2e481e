package stripesim

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Error types and codes of Stripe's error envelope used by the emulator; see the package
// documentation for when each is returned.
const (
	typeInvalidRequest = "invalid_request_error"
	typeCard           = "card_error"
	typeIdempotency    = "idempotency_error"
	typeAPI            = "api_error"

	CodeResourceMissing         = "resource_missing"
	CodeParameterMissing        = "parameter_missing"
	CodeParameterUnknown        = "parameter_unknown"
	CodeParameterInvalidInteger = "parameter_invalid_integer"
	CodeParameterInvalid        = "parameter_invalid"
	CodeCurrencyMismatch        = "payment_method_currency_mismatch"
	CodeAmountTooLarge          = "amount_too_large"
	CodeTokenExpired            = "shared_payment_token_expired"
	CodeTokenRevoked            = "shared_payment_token_revoked"
	CodeTokenConsumed           = "shared_payment_token_consumed"
	CodeTokenResolved           = "shared_payment_token_resolved"
	CodeTokenRequiresAction     = "shared_payment_token_requires_action"
	CodePreviewVersionRequired  = "preview_version_required"
	CodeCardDeclined            = "card_declined"
)

// apiError is Stripe's error object plus the HTTP status it travels with.
type apiError struct {
	status int
	// executed means the endpoint ran before failing, so Stripe stores the result for
	// idempotent replay (declines); validation errors are not stored.
	executed bool

	Type          string         `json:"type"`
	Code          string         `json:"code,omitempty"`
	DeclineCode   string         `json:"decline_code,omitempty"`
	Param         string         `json:"param,omitempty"`
	Message       string         `json:"message"`
	Charge        string         `json:"charge,omitempty"`
	PaymentIntent *intentJSON    `json:"payment_intent,omitempty"`
	PaymentMethod *paymentMethod `json:"payment_method,omitempty"`
}

func (e *apiError) response() response {
	return response{status: e.status, body: mustJSON(struct {
		Error *apiError `json:"error"`
	}{e})}
}

func invalid(param, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodeParameterInvalid, Param: param, Message: msg}
}

func missingParam(param string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodeParameterMissing, Param: param,
		Message: "Missing required param: " + param + "."}
}

// unknownParam is Stripe's error for a parameter it does not know. The parameter is
// echoed at most maxEchoedParam bytes long: a client's key can be as long as its body.
func unknownParam(param, hint string) *apiError {
	if len(param) > maxEchoedParam {
		cut := maxEchoedParam
		for cut > 0 && !utf8.RuneStart(param[cut]) {
			cut--
		}
		param = param[:cut] + "…"
	}
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodeParameterUnknown, Param: param,
		Message: "Received unknown parameter: " + param + "." + hint}
}

// maxEchoedParam caps the parameter name an error repeats.
const maxEchoedParam = 200

func invalidInteger(param, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: CodeParameterInvalidInteger, Param: param, Message: msg}
}

// noSuch is resource_missing: status is 404 for the object named by the path and 400 for
// an object a request parameter referred to (param names it). The id is never echoed.
func noSuch(status int, what, param string) *apiError {
	return &apiError{status: status, Type: typeInvalidRequest, Code: CodeResourceMissing, Param: param,
		Message: "No such " + what + "."}
}

func tokenError(code, param, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, Type: typeInvalidRequest, Code: code, Param: param, Message: msg}
}

// unrecognized is Stripe's answer to an unknown path or method; token ids in the path
// are shortened.
func unrecognized(method, path string) *apiError {
	path = text.MaskTokens(path, func(id string) string { return id[:min(len(id), 8)] + "…" })
	return &apiError{status: http.StatusNotFound, Type: typeInvalidRequest,
		Message: fmt.Sprintf("Unrecognized request URL (%s: %s). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", method, path)}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sandbox: encode response: %v", err)) // our own types always encode
	}
	return b
}

// newID returns prefix plus 24 random base32 characters, like Stripe's object ids.
func newID(prefix string) string { return prefix + rand.Text()[:24] }
