package spt

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	stripe "github.com/stripe/stripe-go/v82"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

var (
	// ErrInvalid is wrapped by errors for parameters refused before anything is sent.
	ErrInvalid = errors.New("invalid shared payment token request")
	// ErrOutcomeUnknown matches (errors.Is) an *Error after which Stripe may or may not
	// have acted: the request was sent but no answer came back (timeout, reset), or
	// Stripe answered 5xx or 409, or the success body could not be read. Repeat the call
	// with the same idempotency key, or retrieve, before assuming anything.
	ErrOutcomeUnknown = errors.New("outcome unknown")
)

// Error types that Stripe does not send, used for failures without an error envelope.
const (
	TypeNetwork     = "network_error"    // no HTTP response arrived; HTTPStatus is 0
	TypeBadResponse = "invalid_response" // a response arrived but could not be read
)

// CodeResourceMissing is Stripe's code for an unknown id (or an object of another
// account).
const CodeResourceMissing = "resource_missing"

// Error is a failed call to Stripe: Stripe's error envelope and the HTTP status, or a
// transport failure (HTTPStatus 0, Type TypeNetwork). Message is Stripe's message with
// ids redacted. Error() never contains the secret key or a full spt_ id.
type Error struct {
	Op          string // what was attempted: "issue token", "revoke token", …
	HTTPStatus  int    // 0 when no response arrived
	Type        string // Stripe's error type (invalid_request_error, card_error, api_error, …) or Type…
	Code        string // Stripe's error code, often empty
	DeclineCode string
	Param       string
	Message     string
	RequestID   string // Stripe's req_ id, for support; not shown by Error()

	token   string // the redacted token id the call was about
	unknown bool
	cause   error
}

// Error describes the failure without secrets.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("spt: " + e.Op)
	if e.token != "" {
		b.WriteString(" " + e.token)
	}
	b.WriteString(": ")
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, "stripe %d ", e.HTTPStatus)
	}
	b.WriteString(e.Type)
	if e.Code != "" {
		b.WriteString("/" + e.Code)
	}
	if e.DeclineCode != "" {
		b.WriteString("/" + e.DeclineCode)
	}
	if e.Param != "" {
		b.WriteString(" (param " + e.Param + ")")
	}
	if e.unknown {
		b.WriteString(" (outcome unknown)")
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}

// Temporary reports whether repeating the call later (with the same idempotency key)
// may succeed: rate limiting (429), a concurrent request with the same key or a lock
// (409), Stripe server errors (5xx) and transport failures. Everything else, such as
// invalid parameters, unknown ids and declines, is permanent.
func (e *Error) Temporary() bool {
	return e.HTTPStatus == 0 || e.HTTPStatus == http.StatusTooManyRequests ||
		e.HTTPStatus == http.StatusConflict || e.HTTPStatus >= 500
}

// OutcomeUnknown reports whether Stripe may have carried out the call despite the
// error; see ErrOutcomeUnknown. When false, the call certainly changed nothing.
func (e *Error) OutcomeUnknown() bool { return e.unknown }

// Is makes errors.Is(err, ErrOutcomeUnknown) true when the outcome is unknown.
func (e *Error) Is(target error) bool { return target == ErrOutcomeUnknown && e.unknown }

// Unwrap returns the transport error (such as context.DeadlineExceeded), if any.
func (e *Error) Unwrap() error { return e.cause }

// failure turns what stripe-go returned into an *Error.
func (c *Client) failure(op, id string, tr *trace, err error) error {
	cause := transportCause(err)
	status, maybeSent := tr.result(cause)
	e := &Error{Op: op, token: RedactID(id)}
	var se *stripe.Error
	switch {
	case errors.As(err, &se):
		e.HTTPStatus, e.Type, e.Code = se.HTTPStatusCode, string(se.Type), string(se.Code)
		e.DeclineCode, e.Param, e.RequestID = string(se.DeclineCode), se.Param, se.RequestID
		e.Message = c.redact(se.Msg)
		if e.HTTPStatus == 0 {
			e.HTTPStatus = status
		}
	case status != 0: // an unreadable answer: a proxy's 502 page, or a 2xx that is not JSON
		e.HTTPStatus, e.Type, e.Message = status, TypeBadResponse, "the response could not be read"
		e.unknown = status < 400 || status >= 500 || status == http.StatusConflict
		return e
	default:
		e.Type, e.cause = TypeNetwork, cause
		e.Message = c.redact(cause.Error())
		e.unknown = maybeSent
		return e
	}
	e.unknown = e.HTTPStatus >= 500 || e.HTTPStatus == http.StatusConflict
	return e
}

// transportCause strips the *url.Error layer, whose text holds the request URL (and so
// a token id), and keeps what lies beneath (context.DeadlineExceeded, a *net.OpError…).
func transportCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// badResponse is a 2xx answer we could not decode: Stripe acted, we cannot tell how.
func badResponse(op, id string) error {
	return &Error{Op: op, token: RedactID(id), HTTPStatus: http.StatusOK, Type: TypeBadResponse,
		Message: "the response could not be decoded", unknown: true}
}

var (
	keyInText    = regexp.MustCompile(`\b(sk|rk)_(test_|live_)?[A-Za-z0-9_]+`)
	secretInText = regexp.MustCompile(`_secret_[A-Za-z0-9_]+`)
	// pmInText: Stripe quotes payment method ids in its messages ("No such
	// PaymentMethod: 'pm_…'"), and they must not reach a log.
	pmInText = regexp.MustCompile(`\bpm_[A-Za-z0-9_]+`)
)

// redact removes token ids, API keys and client secrets from text that came from
// Stripe or the transport.
func (c *Client) redact(s string) string {
	if c.key != "" {
		s = strings.ReplaceAll(s, c.key, "sk_…")
	}
	s = text.MaskTokens(s, RedactID)
	s = keyInText.ReplaceAllString(s, "${1}_…")
	s = pmInText.ReplaceAllString(s, "pm_…")
	return secretInText.ReplaceAllString(s, "_secret_…")
}

// RedactID shortens a token id to "spt_…" plus its last four characters, which is
// enough to tell tokens apart in logs and useless for charging. Strings too short to
// keep four characters become "spt_…"; the empty string stays empty.
func RedactID(id string) string {
	switch {
	case id == "":
		return ""
	case len(id) < 12:
		return "spt_…"
	}
	return "spt_…" + id[len(id)-4:]
}
