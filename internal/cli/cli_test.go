package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"usage", &UsageError{Msg: "bad flag"}, 2},
		{"wrapped usage", fmt.Errorf("serve: %w", &UsageError{Msg: "bad flag"}), 2},
		{"other", errors.New("disk full"), 1},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("%s: ExitCode = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestNewLogger(t *testing.T) {
	var buf bytes.Buffer
	l, err := NewLogger(&buf, "warn")
	if err != nil {
		t.Fatal(err)
	}
	l.Info("hidden")
	l.Warn("shown")
	if out := buf.String(); strings.Contains(out, "hidden") || !strings.Contains(out, "shown") || strings.Contains(out, "\x1b[") {
		t.Errorf("log output %q: want only the warning, without colour", out)
	}
	if _, err := NewLogger(&buf, "loud"); ExitCode(err) != 2 || !strings.Contains(err.Error(), "--log-level") {
		t.Errorf("bad level: %v, want a usage error naming --log-level", err)
	}
}

func TestServeHTTPStopsWithContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	go func() { done <- ServeHTTP(ctx, ln, h, time.Second, slog.New(slog.DiscardHandler)) }()
	res, err := http.Get("http://" + ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != "ok" {
		t.Errorf("body %q", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ServeHTTP after cancel: %v", err)
	}
}
