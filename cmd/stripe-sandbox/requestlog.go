package main

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// logRequests logs one line per request: method, path with object ids masked (they
// include spt_ token ids, which must not reach a log), status and duration. Keys,
// bodies and headers are never logged.
func logRequests(h http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		attrs := []any{"method", r.Method, "path", maskPath(r.URL.Path), "status", rec.status,
			"duration", time.Since(start).Round(time.Microsecond)}
		if rec.Header().Get("Idempotent-Replayed") == "true" {
			attrs = append(attrs, "replayed", true)
		}
		level := slog.LevelInfo
		if rec.status >= 400 && rec.status != http.StatusPaymentRequired {
			level = slog.LevelWarn
		}
		logger.Log(r.Context(), level, "stripe request", attrs...)
	})
}

// pathWords are the fixed segments of the emulated API's paths; every other segment
// is an object id (or something unknown) and is masked.
var pathWords = map[string]bool{
	"v1": true, "shared_payment": true, "issued_tokens": true, "granted_tokens": true,
	"test_helpers": true, "payment_intents": true, "payment_methods": true, "revoke": true,
}

// maskPath keeps the fixed segments of path and replaces ids by their prefix and "…":
// /v1/shared_payment/granted_tokens/spt_123 becomes /v1/shared_payment/granted_tokens/spt_….
func maskPath(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if s == "" || pathWords[s] {
			continue
		}
		prefix, _, ok := strings.Cut(s, "_")
		if !ok || len(prefix) > 8 {
			prefix = ""
		} else {
			prefix += "_"
		}
		segs[i] = prefix + "…"
	}
	return strings.Join(segs, "/")
}

// statusRecorder remembers the status code written through it.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
