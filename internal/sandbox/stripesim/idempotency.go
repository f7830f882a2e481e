package stripesim

import (
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// idemWindow is how long Stripe keeps idempotency keys.
const idemWindow = 24 * time.Hour

type idemKey struct{ account, key string }

type idemEntry struct {
	fingerprint string // method, path and canonical form of the first request
	res         response
	at          time.Time
}

// runIdempotent runs a POST that carries an Idempotency-Key: a repeat within the window
// replays the stored response, a repeat with other parameters is an idempotency_error,
// and a first request runs and is stored if the endpoint executed.
func (s *Server) runIdempotent(rt *route, c *call, key, fingerprint string) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.now = s.now()
	k := idemKey{c.acct.ID, key}
	if e, ok := s.idem[k]; ok && c.now.Sub(e.at) < idemWindow {
		if e.fingerprint != fingerprint {
			return (&apiError{status: http.StatusBadRequest, Type: typeIdempotency,
				Message: "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using another key if you meant to execute a different request."}).response()
		}
		res := e.res
		res.replayed = true
		return res
	}
	v, aerr := rt.h(s, c)
	var res response
	switch {
	case aerr == nil:
		res = response{status: http.StatusOK, body: mustJSON(v)}
	case aerr.executed:
		res = aerr.response()
	default:
		return aerr.response()
	}
	if s.failExecuted > 0 {
		s.failExecuted--
		res = (&apiError{status: http.StatusInternalServerError, Type: typeAPI,
			Message: "An unknown error occurred while processing the request."}).response()
	}
	s.idem[k] = &idemEntry{fingerprint: fingerprint, res: res, at: c.now}
	s.pruneAnswers(c.now)
	return res
}

// pruneAnswers forgets the stored answers older than idemWindow, at most once a
// minute, and the oldest beyond the newest Options.Keep. The caller holds s.mu.
func (s *Server) pruneAnswers(now time.Time) {
	keep.Trim(s.idem, s.keep, func(e *idemEntry) int64 { return e.at.UnixNano() }, nil)
	if now.Sub(s.idemPruned) < time.Minute {
		return
	}
	s.idemPruned = now
	for k, e := range s.idem {
		if now.Sub(e.at) >= idemWindow {
			delete(s.idem, k)
		}
	}
}

// FailAfterExecuting makes the next n POSTs with an Idempotency-Key that start
// executing fail afterwards with a 500 api_error, as Stripe can: what the request did
// stays done (a PaymentIntent made, a token used), and the 500 is the response stored
// for the key, replayed to every repeat within the window.
func (s *Server) FailAfterExecuting(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failExecuted = n
}
