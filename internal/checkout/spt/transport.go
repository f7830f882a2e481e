package spt

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
)

// trace records, for one logical call and across stripe-go's retries, whether a request
// may have reached Stripe and the status of the last attempt's response (0 if it got
// none).
type trace struct {
	mu        sync.Mutex
	wrote     bool // net/http wrote a request (httptrace; only *http.Transport reports it)
	attempted bool // a request went to a RoundTripper that does not report writes
	status    int
}

type traceKey struct{}

// attach returns ctx carrying t, with an httptrace hook that notes written requests.
func (t *trace) attach(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx = context.WithValue(ctx, traceKey{}, t)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		// Called even when writing failed part-way: count that as possibly sent.
		WroteRequest: func(httptrace.WroteRequestInfo) {
			t.mu.Lock()
			t.wrote = true
			t.mu.Unlock()
		},
	})
}

// result returns the last status and whether any attempt may have been seen by Stripe:
// one that net/http wrote, or, behind a custom RoundTripper that cannot tell us, any
// attempt that did not fail to connect.
func (t *trace) result(cause error) (status int, maybeSent bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.status, t.wrote || (t.attempted && !isDialError(cause))
}

// isDialError reports whether err means no connection was made (refused, no route,
// DNS), so nothing was sent.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// recorder is the RoundTripper of the Client's HTTP client: it stores each attempt's
// response status in the call's trace.
type recorder struct{ base http.RoundTripper }

func (r recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	t, _ := req.Context().Value(traceKey{}).(*trace)
	if t != nil {
		t.mu.Lock()
		t.status = 0
		t.mu.Unlock()
	}
	base := r.base
	if base == nil {
		base = http.DefaultTransport
	}
	if _, std := base.(*http.Transport); !std && t != nil {
		t.mu.Lock()
		t.attempted = true
		t.mu.Unlock()
	}
	res, err := base.RoundTrip(req)
	if t != nil && res != nil {
		t.mu.Lock()
		t.status = res.StatusCode
		t.mu.Unlock()
	}
	return res, err
}
