package seller

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"hash"
	"math/big"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/keep"
)

// maxIdempotencyKeyLen is ACP's limit on Idempotency-Key.
const maxIdempotencyKeyLen = 255

// idemKey scopes an Idempotency-Key to the caller's identity and the endpoint path.
type idemKey struct {
	identity [32]byte
	path     string
	key      string
}

// idemEntry is a request seen under a key: in flight until done, then its response.
type idemEntry struct {
	fingerprint [32]byte
	done        bool
	status      int
	header      http.Header
	body        []byte
	at          time.Time
}

type idemState int

const (
	idemFresh    idemState = iota // first request with this key: run it
	idemReplay                    // same key, same body, finished: replay the response
	idemInFlight                  // same key, first request still running
	idemConflict                  // same key, different body
)

// idempotencyStore keeps ACP idempotency records in memory for ttl, at most about
// keep of them (the newest; keep.Trim).
type idempotencyStore struct {
	mu        sync.Mutex
	now       func() time.Time
	ttl       time.Duration
	keep      int
	entries   map[idemKey]*idemEntry
	lastPrune time.Time
}

func newIdempotencyStore(now func() time.Time, ttl time.Duration, n int) *idempotencyStore {
	return &idempotencyStore{now: now, ttl: ttl, keep: n, entries: map[idemKey]*idemEntry{}}
}

// begin looks the key up; for idemFresh it records a new in-flight entry.
func (s *idempotencyStore) begin(k idemKey, fp [32]byte) (*idemEntry, idemState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.prune(now)
	if e, ok := s.entries[k]; ok {
		switch {
		case e.fingerprint != fp:
			return e, idemConflict
		case !e.done:
			return e, idemInFlight
		default:
			return e, idemReplay
		}
	}
	e := &idemEntry{fingerprint: fp, at: now}
	s.entries[k] = e
	keep.Trim(s.entries, s.keep, func(e *idemEntry) int64 { return e.at.UnixNano() },
		func(e *idemEntry) bool { return !e.done }) // a request in flight finishes first
	return e, idemFresh
}

// finish stores the response of the entry's request; 5xx responses are forgotten, so
// that a retry runs afresh.
func (s *idempotencyStore) finish(k idemKey, e *idemEntry, status int, header http.Header, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[k] != e {
		return
	}
	if status >= http.StatusInternalServerError {
		delete(s.entries, k)
		return
	}
	e.done, e.status, e.header, e.body, e.at = true, status, header, body, s.now()
}

// abandon forgets an entry whose request ended without a response.
func (s *idempotencyStore) abandon(k idemKey, e *idemEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[k] == e && !e.done {
		delete(s.entries, k)
	}
}

// prune drops finished entries older than ttl, at most once a minute.
func (s *idempotencyStore) prune(now time.Time) {
	if now.Sub(s.lastPrune) < time.Minute {
		return
	}
	s.lastPrune = now
	for k, e := range s.entries {
		if e.done && now.Sub(e.at) > s.ttl {
			delete(s.entries, k)
		}
	}
}

// fingerprint hashes a request body so that semantically equal JSON (key order,
// 1.0 versus 1) hashes the same, while null differs from absent and array order
// matters. A body that is not JSON is hashed as bytes.
func fingerprint(body []byte) [32]byte {
	if len(bytes.TrimSpace(body)) == 0 {
		return sha256.Sum256(nil)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return sha256.Sum256(append([]byte("raw:"), body...))
	}
	h := sha256.New()
	writeCanonical(h, v)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// writeCanonical writes a type-tagged, length-prefixed encoding of a decoded JSON
// value: object keys sorted, numbers as exact rationals.
func writeCanonical(h hash.Hash, v any) {
	str := func(tag byte, s string) {
		h.Write([]byte{tag})
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	switch t := v.(type) {
	case nil:
		h.Write([]byte{'n'})
	case bool:
		if t {
			h.Write([]byte{'t'})
		} else {
			h.Write([]byte{'f'})
		}
	case string:
		str('s', t)
	case json.Number:
		if r, ok := new(big.Rat).SetString(t.String()); ok {
			str('d', r.RatString())
		} else {
			str('D', t.String())
		}
	case []any:
		str('a', strconv.Itoa(len(t)))
		for _, x := range t {
			writeCanonical(h, x)
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		str('o', strconv.Itoa(len(t)))
		for _, k := range keys {
			str('k', k)
			writeCanonical(h, t[k])
		}
	}
}

// recorder buffers a handler's response so it can be stored and replayed.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// writeTo copies the recorded response to w.
func (r *recorder) writeTo(w http.ResponseWriter) {
	copyResponse(w, r.status, r.header, r.body.Bytes())
}

func copyResponse(w http.ResponseWriter, status int, header http.Header, body []byte) {
	for k, vs := range header {
		w.Header()[k] = vs
	}
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(body)
}
