package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/cli"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
)

// usageError is a mistake on the command line; main exits 2 for it.
type usageError = cli.UsageError

func exitCode(err error) int { return cli.ExitCode(err) }

// accountsEnv holds accounts, separated by spaces, when no --account flag is given; it
// keeps the keys out of the process list.
const accountsEnv = "STRIPE_SANDBOX_ACCOUNTS"

const usage = `stripe-sandbox: a local Stripe emulator (Shared Payment Tokens, PaymentIntents,
test payment methods) shared by an agent and its sellers, in memory, offline.

Usage:
  stripe-sandbox --account KEY=acct_ID:profile_ID [--account ...] [flags]

Each account authenticates with its KEY (any string but a live key, e.g. sk_test_agent)
and has a Stripe network business profile; tokens are scoped to a seller's profile.
Typically one account for the agent and one per seller:

  stripe-sandbox --account sk_test_agent=acct_agent:profile_test_agent \
    --account sk_test_northwind=acct_northwind:profile_test_northwind01

Point commerce-mcp at it with --stripe-key sk_test_agent --stripe-base-url URL, and a
seller (cmd/demo-seller) with --stripe-key sk_test_northwind --stripe-url URL.
Build with: go build -tags sqlite_fts5 ./cmd/stripe-sandbox

Flags:`

// config is the parsed command line.
type config struct {
	addr, logLevel  string
	accounts        []account
	multiCapture    bool
	shutdownTimeout time.Duration
	stateFile       string
}

// run is the whole program: main only adds signals and the exit code. It serves the
// emulator until ctx ends, then shuts down gracefully. The listening URL is printed to
// stdout. Secret keys are never logged nor put in an error.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, getenv, stdout)
	if err != nil || cfg == nil {
		return err
	}
	logger, err := newLogger(stderr, cfg.logLevel)
	if err != nil {
		return err
	}
	sb := stripesim.New(stripesim.Options{MultiCapture: cfg.multiCapture})
	for _, a := range cfg.accounts {
		if err := sb.AddAccount(a.key, a.Account); err != nil {
			return &usageError{Msg: fmt.Sprintf("%s: %s", a.source, accountText(err))}
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	base := "http://" + ln.Addr().String()
	for _, a := range cfg.accounts {
		logger.Info("account", "id", a.ID, "profile", a.Profile)
	}
	logger.Info("stripe sandbox listening", "url", base, "accounts", len(cfg.accounts), "multi_capture", cfg.multiCapture)
	fmt.Fprintln(stdout, "stripe-sandbox listening on", base)
	err = cli.ServeHTTP(ctx, ln, logRequests(sb, logger), cfg.shutdownTimeout, logger)
	if cfg.stateFile != "" {
		if werr := writeState(cfg.stateFile, sb); werr != nil {
			return errors.Join(err, werr)
		}
	}
	return err
}

// state is what --state-file holds: every token issued and every PaymentIntent made,
// as the emulator's tests see them (stripesim's Tokens and PaymentIntents). Stripe
// has no API listing issued tokens, so this is how a test across processes checks
// that each was used or revoked.
type state struct {
	Tokens         []stripesim.Token         `json:"tokens"`
	PaymentIntents []stripesim.PaymentIntent `json:"payment_intents"`
}

// writeState writes the emulator's state to path (mode 0600: it holds token ids),
// through a new temporary file in path's directory (created exclusively, so that
// neither a leftover file's mode nor a planted symlink applies), renamed over path and
// removed on any error.
func writeState(path string, sb *stripesim.Server) (err error) {
	b, err := json.Marshal(state{Tokens: sb.Tokens(), PaymentIntents: sb.PaymentIntents()})
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".stripe-sandbox-state-*")
	if err != nil {
		return fmt.Errorf("write the state file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("write the state file: %w", err)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// parseFlags reads the command line; it returns nil, nil after printing help.
func parseFlags(args []string, getenv func(string) string, stdout io.Writer) (*config, error) {
	fs := flag.NewFlagSet("stripe-sandbox", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var c config
	var specs rawList
	fs.StringVar(&c.addr, "addr", "127.0.0.1:12111", "listen `address`")
	// Validated after parsing: the flag package would quote a bad value, key included.
	fs.Var(&specs, "account", "an account, `KEY=acct_ID:profile_ID`; repeat for each account (env "+accountsEnv+", space-separated)")
	fs.BoolVar(&c.multiCapture, "multi-capture", false, "let a token be charged repeatedly up to its max_amount (default: single use, as Stripe)")
	fs.StringVar(&c.logLevel, "log-level", "info", "log `level`: debug, info, warn or error")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on shutdown")
	fs.StringVar(&c.stateFile, "state-file", "", "on shutdown, write every token and PaymentIntent (JSON, token ids included) to this `file`, for tests")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout)
			return nil, nil
		}
		return nil, &usageError{Msg: fmt.Sprintf("%v; run `stripe-sandbox --help`", err)}
	}
	if fs.NArg() > 0 {
		return nil, &usageError{Msg: fmt.Sprintf("stripe-sandbox takes no arguments, got %d; run `stripe-sandbox --help`", fs.NArg())}
	}
	source := func(i int) string { return fmt.Sprintf("--account #%d", i+1) }
	if len(specs) == 0 {
		specs = strings.Fields(getenv(accountsEnv))
		source = func(i int) string { return fmt.Sprintf("%s entry %d", accountsEnv, i+1) }
	}
	if len(specs) == 0 {
		return nil, &usageError{Msg: "no accounts: give at least one --account KEY=acct_ID:profile_ID (or " + accountsEnv + "); run `stripe-sandbox --help`"}
	}
	for i, s := range specs {
		a, err := parseAccount(s)
		if err != nil {
			return nil, &usageError{Msg: fmt.Sprintf("%s: %v", source(i), err)}
		}
		a.source = source(i)
		c.accounts = append(c.accounts, a)
	}
	if c.shutdownTimeout <= 0 {
		return nil, &usageError{Msg: "--shutdown-timeout must be positive"}
	}
	return &c, nil
}

// rawList collects the values of a repeatable flag without judging them.
type rawList []string

func (l *rawList) String() string     { return "" }
func (l *rawList) Set(v string) error { *l = append(*l, v); return nil }

func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintln(w, usage)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// newLogger logs to stderr through tint, in colour only when stderr is a terminal.
func newLogger(stderr io.Writer, level string) (*slog.Logger, error) {
	return cli.NewLogger(stderr, level)
}

// accountText says why the emulator refused an account, in the words of the flags.
func accountText(err error) string {
	var ae *stripesim.AccountError
	if !errors.As(err, &ae) {
		return err.Error()
	}
	a := ae.Account
	switch ae.Problem {
	case stripesim.EmptyKey:
		return fmt.Sprintf("add account %s: the KEY is empty", a.ID)
	case stripesim.BadID:
		return fmt.Sprintf("add account: account id %q must look like acct_ID", a.ID)
	case stripesim.BadProfile:
		return fmt.Sprintf("add account %s: profile %q must look like profile_ID", a.ID, a.Profile)
	case stripesim.KeyTaken:
		return fmt.Sprintf("add account %s: secret key already registered; give each account its own KEY", a.ID)
	case stripesim.ProfileTaken:
		return fmt.Sprintf("add account %s: profile %s belongs to %s; give each account its own profile", a.ID, a.Profile, ae.Owner)
	}
	return fmt.Sprintf("add account %s: %s", a.ID, ae.Problem)
}
