package sandbox

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
)

func TestHandlerTransport(t *testing.T) {
	for _, tc := range []struct {
		name       string
		h          http.HandlerFunc
		status     int
		ctype      string
		body       string
		lateHeader string // a header set after the body, which a server never sends
	}{
		{"silent handler is 200 with no body", func(w http.ResponseWriter, r *http.Request) {}, 200, "", "", ""},
		{"status and JSON kept", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusConflict)
			io.WriteString(w, `{"a":1}`)
		}, 409, "application/json", `{"a":1}`, ""},
		{"body without a type is sniffed", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "hello")
		}, 200, "text/plain; charset=utf-8", "hello", ""},
		{"header after the body is not sent", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "{}")
			w.Header().Set("X-Late", "1")
			w.WriteHeader(http.StatusTeapot)
		}, 200, "application/json", "{}", "X-Late"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", "http://seller.sandbox.invalid/x", nil)
			res, err := inMemory(tc.h, 0).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.ctype || string(b) != tc.body || res.ContentLength != int64(len(tc.body)) {
				t.Errorf("got %d %q %q (length %d), want %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), b, res.ContentLength, tc.status, tc.ctype, tc.body)
			}
			if tc.lateHeader != "" && res.Header.Get(tc.lateHeader) != "" {
				t.Errorf("header %s set after the body was sent", tc.lateHeader)
			}
		})
	}
}

// A caller that gives up while the handler runs gets its context's error even though
// the handler acted, as with a connection cut after the server acted.
func TestHandlerTransportCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	acted := false
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { acted = true; cancel() })
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://stripe.sandbox.invalid/", nil)
	_, err := inMemory(h, 0).Do(req)
	if !errors.Is(err, context.Canceled) || !acted {
		t.Errorf("err = %v, acted = %v; want context.Canceled after the handler ran", err, acted)
	}
	if _, err := inMemory(h, 0).Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("a request with an ended context: err = %v, want context.Canceled", err)
	}
}
