package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"
)

// inMemory is an HTTP client whose requests are served by h directly, in the calling
// goroutine, with no socket.
func inMemory(h http.Handler, timeout time.Duration) *http.Client {
	return &http.Client{Transport: handlerTransport{h}, Timeout: timeout}
}

// handlerTransport is an http.RoundTripper that serves each request with a handler.
// A request whose context ends before or while the handler runs fails with the
// context's error, like a connection cut after the server acted.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	if r.Body == nil {
		r.Body = http.NoBody
	}
	w := &responseWriter{header: http.Header{}}
	t.h.ServeHTTP(w, r)
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	return w.response(r), nil
}

// responseWriter collects a handler's answer as a server would send it: status 200
// unless written, and a sniffed Content-Type when the handler set none.
type responseWriter struct {
	header http.Header
	sent   http.Header // the header as of the first WriteHeader or Write
	status int
	body   bytes.Buffer
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.sent != nil {
		return
	}
	w.status = status
	w.sent = w.header.Clone()
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if w.sent == nil {
		if w.header.Get("Content-Type") == "" && w.header.Get("Transfer-Encoding") == "" {
			w.header.Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	return w.body.Write(b)
}

func (w *responseWriter) response(r *http.Request) *http.Response {
	w.WriteHeader(http.StatusOK)
	return &http.Response{
		Status: strconv.Itoa(w.status) + " " + http.StatusText(w.status), StatusCode: w.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: w.sent, Body: io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()), Request: r,
	}
}
