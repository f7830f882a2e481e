// Package cli holds what the commands share: the command-line mistake and its exit
// code, the stderr logger (slog through tint), secrets from flags, files or the
// environment, and serving HTTP until the context ends.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/lmittmann/tint"
)

// UsageError is a mistake on the command line; ExitCode gives 2 for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ExitCode is 2 for a UsageError (anywhere in err's chain) and 1 for any other error.
func ExitCode(err error) int {
	var ue *UsageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// NewLogger logs to stderr at level (debug, info, warn or error) through tint, in
// colour only when stderr is a terminal. A bad level is a UsageError.
func NewLogger(stderr io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, &UsageError{fmt.Sprintf("--log-level %q is not one of debug, info, warn, error", level)}
	}
	noColor := true
	if f, ok := stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			noColor = false
		}
	}
	return slog.New(tint.NewHandler(stderr, &tint.Options{Level: l, NoColor: noColor})), nil
}

// ServeHTTP serves h on ln until ctx ends, then lets requests in flight finish for up
// to grace.
func ServeHTTP(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration, logger *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// Secret returns the secret given by the flag --name (value), the flag --name-file
// (file, read and trimmed) or the environment variable env, in that order, with where
// it came from. Both flags at once, or an empty or unreadable file, is a usage error.
// A secret given as --name comes with a warning: other users can read a process's
// arguments (ps), but not its environment or a private file.
func Secret(name, value, file, env string, getenv func(string) string) (val, from, warning string, err error) {
	switch {
	case value != "" && file != "":
		return "", "", "", &UsageError{Msg: fmt.Sprintf("give either --%s or --%s-file, not both", name, name)}
	case value != "":
		return value, "--" + name, fmt.Sprintf("--%s is visible to other users in the process list; use %s or --%s-file instead", name, env, name), nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", "", "", &UsageError{Msg: fmt.Sprintf("--%s-file: %v", name, err)}
		}
		if val = strings.TrimSpace(string(b)); val == "" {
			return "", "", "", &UsageError{Msg: fmt.Sprintf("--%s-file %s is empty", name, file)}
		}
		return val, "--" + name + "-file", "", nil
	case getenv(env) != "":
		return getenv(env), env, "", nil
	}
	return "", "", "", nil
}
