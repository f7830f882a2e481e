package acp

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// MaxResponseBytes caps the body of a seller response the Client reads.
const MaxResponseBytes = 1 << 20

// UserAgent is the Client's default User-Agent.
const UserAgent = "commerce-mcp/0.1 (acp " + APIVersion + ")"

// Defaults of the Client's handling of 409 idempotency_in_flight.
const (
	defaultInFlightRetries = 3
	defaultMaxRetryAfter   = 2 * time.Second
)

// maxSellerText caps seller-supplied text in errors.
const maxSellerText = 300

// Client calls one seller's ACP checkout API. It is safe for concurrent use.
//
// Every method returns, on failure, one of *Error (the seller's protocol error, with
// HTTPStatus), *MalformedResponseError or *TransportError; OutcomeUnknown tells which of
// them leave the request's effect unknown. A 409 idempotency_in_flight is retried with
// the same Idempotency-Key up to three times, waiting as the seller's Retry-After says
// (at most 2 s each, and never past ctx); after that it is returned.
type Client struct {
	base       string
	key        string
	hc         *http.Client
	now        func() time.Time
	requestID  func() string
	userAgent  string
	retries    int
	maxBackoff time.Duration
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the default is http.DefaultClient. Its Timeout,
// or the context's deadline, bounds each call.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithNow sets the clock used to read Retry-After dates; the default is time.Now.
func WithNow(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithRequestID sets the generator of the Request-Id sent with each HTTP attempt; the
// default returns "req_" and 26 random characters.
func WithRequestID(gen func() string) Option { return func(c *Client) { c.requestID = gen } }

// WithUserAgent sets the User-Agent header; the default is UserAgent.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithInFlightRetries sets how often a 409 idempotency_in_flight is retried (0: never)
// and the longest Retry-After the Client waits for; a longer one is returned as the
// error instead.
func WithInFlightRetries(n int, maxWait time.Duration) Option {
	return func(c *Client) { c.retries, c.maxBackoff = n, maxWait }
}

// NewClient returns a Client for the seller whose checkout API is at baseURL
// (e.g. "https://seller.example/acp"; the paths /checkout_sessions… are appended),
// authenticating with apiKey as a bearer token.
func NewClient(baseURL, apiKey string, opts ...Option) *Client {
	c := &Client{
		base:       strings.TrimRight(baseURL, "/"),
		key:        apiKey,
		hc:         http.DefaultClient,
		now:        time.Now,
		requestID:  func() string { return "req_" + strings.ToLower(rand.Text()) },
		userAgent:  UserAgent,
		retries:    defaultInFlightRetries,
		maxBackoff: defaultMaxRetryAfter,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Create opens a checkout session (POST /checkout_sessions). Line items with Quantity
// 0 are sent with quantity 1. idemKey is the Idempotency-Key: reuse it when retrying the
// same logical call, and only then.
func (c *Client) Create(ctx context.Context, r CreateRequest, idemKey string) (*CheckoutSession, error) {
	r.LineItems = withQuantities(r.LineItems)
	r.Currency = WireCurrency(r.Currency)
	return c.do(ctx, "create", http.MethodPost, "/checkout_sessions", r, idemKey, "")
}

// Get returns the current state of a session (GET /checkout_sessions/{id}).
func (c *Client) Get(ctx context.Context, id string) (*CheckoutSession, error) {
	if id == "" {
		return nil, errors.New("acp get: empty session id")
	}
	return c.do(ctx, "get", http.MethodGet, "/checkout_sessions/"+url.PathEscape(id), nil, "", "")
}

// Update changes a session (POST /checkout_sessions/{id}).
func (c *Client) Update(ctx context.Context, id string, r UpdateRequest, idemKey string) (*CheckoutSession, error) {
	if id == "" {
		return nil, errors.New("acp update: empty session id")
	}
	r.LineItems = withQuantities(r.LineItems)
	return c.do(ctx, "update", http.MethodPost, "/checkout_sessions/"+url.PathEscape(id), r, idemKey, "")
}

// Complete pays for a session (POST /checkout_sessions/{id}/complete). A decline is not
// an error: it comes back as the session with a payment_declined message and no Order.
func (c *Client) Complete(ctx context.Context, id string, r CompleteRequest, idemKey string) (*CheckoutSession, error) {
	if id == "" {
		return nil, errors.New("acp complete: empty session id")
	}
	token := ""
	if r.PaymentData.Instrument != nil {
		token = r.PaymentData.Instrument.Credential.Token
	}
	return c.do(ctx, "complete", http.MethodPost, "/checkout_sessions/"+url.PathEscape(id)+"/complete", r, idemKey, token)
}

// Cancel abandons a session (POST /checkout_sessions/{id}/cancel). Canceling a
// completed or canceled session is a 405 *Error.
func (c *Client) Cancel(ctx context.Context, id string, r CancelRequest, idemKey string) (*CheckoutSession, error) {
	if id == "" {
		return nil, errors.New("acp cancel: empty session id")
	}
	return c.do(ctx, "cancel", http.MethodPost, "/checkout_sessions/"+url.PathEscape(id)+"/cancel", r, idemKey, "")
}

func withQuantities(items []Item) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		if it.Quantity == 0 {
			it.Quantity = 1
		}
		out[i] = it
	}
	return out
}

// do sends one logical call, retrying a 409 idempotency_in_flight.
func (c *Client) do(ctx context.Context, op, method, path string, body any, idemKey, token string) (*CheckoutSession, error) {
	return call(ctx, c, op, method, path, body, idemKey, token, decodeSession)
}

// call sends one logical call and decodes a 2xx answer with decode, retrying a 409
// idempotency_in_flight.
func call[T any](ctx context.Context, c *Client, op, method, path string, body any, idemKey, token string,
	decode func(op string, resp *http.Response, raw []byte) (*T, error)) (*T, error) {
	return callURL(ctx, c, op, method, c.base+path, body, idemKey, token, decode)
}

// callURL is call for a full URL.
func callURL[T any](ctx context.Context, c *Client, op, method, target string, body any, idemKey, token string,
	decode func(op string, resp *http.Response, raw []byte) (*T, error)) (*T, error) {
	var payload []byte
	if body != nil {
		if idemKey == "" {
			return nil, fmt.Errorf("acp %s: an idempotency key is required", op)
		}
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("acp %s: encode request: %w", op, err)
		}
	}
	sc := scrubber{key: c.key, token: token, url: target, personal: personalValues(payload)}
	for try := 0; ; try++ {
		s, err := attempt(ctx, c, op, method, target, payload, idemKey, sc, decode)
		var pe *Error
		if err == nil || try >= c.retries || !errors.As(err, &pe) || pe.Code != CodeIdempotencyInFlight {
			return s, err
		}
		wait := pe.RetryAfter
		if wait > c.maxBackoff {
			return nil, err
		}
		if werr := sleep(ctx, wait); werr != nil {
			return nil, err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt sends one HTTP request.
func attempt[T any](ctx context.Context, c *Client, op, method, target string, payload []byte, idemKey string, sc scrubber,
	decode func(op string, resp *http.Response, raw []byte) (*T, error)) (*T, error) {
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, fmt.Errorf("acp %s: %s", op, sc.clean(err.Error()))
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("API-Version", APIVersion)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Request-Id", c.requestID())
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", idemKey)
	}
	if err := ctx.Err(); err != nil {
		return nil, &TransportError{Op: op, NotSent: true, Timeout: errors.Is(err, context.DeadlineExceeded), Err: err}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, transportError(op, err, sc)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return nil, transportError(op, err, sc)
	}
	if len(raw) > MaxResponseBytes {
		return nil, &MalformedResponseError{Op: op, HTTPStatus: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
			TooLarge: true, Reason: fmt.Sprintf("body larger than %d bytes", MaxResponseBytes)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, c.protocolError(op, resp, raw, sc)
	}
	return decode(op, resp, raw)
}

func decodeSession(op string, resp *http.Response, raw []byte) (*CheckoutSession, error) {
	bad := func(reason string) error {
		return &MalformedResponseError{Op: op, HTTPStatus: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Reason: reason}
	}
	if !isJSON(resp.Header.Get("Content-Type")) {
		return nil, bad(fmt.Sprintf("Content-Type %q is not JSON", text.Clean(resp.Header.Get("Content-Type"), 80)))
	}
	var s CheckoutSession
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, bad("not a checkout session: " + JSONProblem(err))
	}
	if s.ID == "" || s.Status == "" {
		return nil, bad("checkout session without id or status")
	}
	return &s, nil
}

// JSONProblem describes a JSON decoding error without quoting the input.
func JSONProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return "invalid JSON"
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// protocolError turns a non-2xx response into *Error, or *MalformedResponseError when
// the body is not a protocol error.
func (c *Client) protocolError(op string, resp *http.Response, raw []byte, sc scrubber) error {
	var e Error
	if err := json.Unmarshal(raw, &e); err != nil || e.Type == "" || e.Code == "" {
		return &MalformedResponseError{Op: op, HTTPStatus: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
			Reason: "error response is not an ACP error object"}
	}
	e.Type = ErrorType(sc.clean(string(e.Type)))
	e.Code = sc.clean(e.Code)
	e.Message = sc.clean(e.Message)
	e.Param = sc.clean(e.Param)
	e.HTTPStatus = resp.StatusCode
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), c.now())
	return &e
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(min(n, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func transportError(op string, err error, sc scrubber) *TransportError {
	te := &TransportError{Op: op, Err: scrubbedError{msg: sc.clean(err.Error()), err: err}}
	var ne net.Error
	te.Timeout = errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
	var oe *net.OpError
	var de *net.DNSError
	te.NotSent = errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &de) ||
		errors.As(err, &oe) && oe.Op == "dial"
	return te
}

// scrubber removes the API key and the payment token of a call, any other Shared
// Payment Token id (a seller may quote one to a call that does not carry it) and the
// user info of any URL, from seller text and error strings, and cleans and caps the
// text.
//
// It also masks personal data a seller may echo in its error text, so that no log line
// carries it: any e-mail address, and the buyer's and recipient's details the call
// sends (personal). Details sent by an earlier call are not known to a later one; the
// e-mail mask covers what sellers echo most.
type scrubber struct {
	key, token, url string
	personal        []string
}

// personalValues are the strings of the request's buyer and fulfillment details (names,
// e-mail, phone, address lines, city, postal code) of at least 3 bytes, longest first;
// shorter ones (a state or country code) would mask ordinary words.
func personalValues(payload []byte) []string {
	if payload == nil {
		return nil
	}
	var req map[string]json.RawMessage
	if json.Unmarshal(payload, &req) != nil {
		return nil
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if v = strings.TrimSpace(v); len(v) >= 3 {
				out = append(out, v)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, key := range []string{"buyer", "fulfillment_details"} {
		var v any
		if raw, ok := req[key]; ok && json.Unmarshal(raw, &v) == nil {
			walk(v)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// emailAddress matches an e-mail address in seller text.
var emailAddress = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+`)

func (s scrubber) clean(msg string) string {
	// An error of the HTTP client names the URL called (url.Error), with its user name
	// (a seller's base URL may carry one, or a token in its place), masking only a
	// password, or all of it when the URL could not be parsed.
	if without, ok := text.WithoutUserInfo(s.url); ok {
		msg = strings.ReplaceAll(msg, s.url, without)
	}
	msg = text.Clean(msg, len(msg)) // first, so that hidden characters cannot split a secret
	msg = text.MaskURLUserInfo(msg)
	for _, secret := range []string{s.key, s.token} {
		if secret != "" {
			msg = strings.ReplaceAll(msg, secret, "[redacted]")
		}
	}
	for _, v := range s.personal {
		msg = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(v)).ReplaceAllLiteralString(msg, "[personal data]")
	}
	msg = emailAddress.ReplaceAllLiteralString(msg, "[personal data]")
	return text.Clean(text.MaskTokens(msg, func(string) string { return "[redacted]" }), maxSellerText)
}

// scrubbedError carries a cleaned message and the original error for errors.Is/As.
type scrubbedError struct {
	msg string
	err error
}

func (e scrubbedError) Error() string { return e.msg }
func (e scrubbedError) Unwrap() error { return e.err }
