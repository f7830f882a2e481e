package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/cli"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// usageError is a mistake on the command line; main exits 2 for it.
type usageError = cli.UsageError

func exitCode(err error) int { return cli.ExitCode(err) }

const usage = `demo-seller: the reference ACP checkout API of one catalog seller.

Usage:
  demo-seller --db PATH --seller ID [flags]
      with the agents' API key in DEMO_SELLER_API_KEY (or --api-key-file) and the
      seller's Stripe key in STRIPE_SECRET_KEY (or --stripe-key-file). The --api-key
      and --stripe-key flags work too, but other users can read them in the process list.

Build with: go build -tags sqlite_fts5 ./cmd/demo-seller
Agents call it with API-Version ` + acp.APIVersion + ` and "Authorization: Bearer KEY".

Flags:`

// config is the parsed command line.
type config struct {
	addr, db, seller, apiKey      string
	stripeKey, stripeURL, stripeV string
	apiKeyFile, stripeKeyFile     string
	publicURL, logLevel           string
	webhookURL, webhookSecretFile string
	webhookSecret                 string
	warnings                      []string // about secrets given as flags
	skipTokenCheck                bool
	shutdownTimeout               time.Duration
}

// run is the whole program: main only adds signals and the exit code. It serves until
// ctx ends, then shuts down gracefully. The listening URL is printed to stdout.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, getenv, stdout)
	if err != nil || cfg == nil {
		return err
	}
	logger, err := newLogger(stderr, cfg.logLevel)
	if err != nil {
		return err
	}
	for _, w := range cfg.warnings {
		logger.Warn(w)
	}
	if err := sqlite.FTS5Available(ctx); err != nil {
		return err
	}
	if _, err := os.Stat(cfg.db); err != nil {
		return fmt.Errorf("no catalog database at %s: %w", cfg.db, err)
	}
	cat, err := catalog.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer cat.Close()
	sel, err := cat.Seller(ctx, cfg.seller)
	if errors.Is(err, catalog.ErrNotFound) {
		return &usageError{Msg: fmt.Sprintf("seller %q is not in the catalog at %s", cfg.seller, cfg.db)}
	}
	if err != nil {
		return err
	}
	pay, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: cfg.stripeKey, URL: cfg.stripeURL,
		PreviewVersion: cfg.stripeV, SkipTokenCheck: cfg.skipTokenCheck})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	base := cfg.publicURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	sc := seller.Config{APIKey: cfg.apiKey, Inventory: seller.CatalogInventory{Catalog: cat, SellerID: sel.ID},
		Payments: pay, Logger: logger.With("seller", sel.ID), BaseURL: base, StripeProfile: sel.StripeProfileID}
	if cfg.webhookURL != "" {
		sc.Webhook = &seller.Webhook{URL: cfg.webhookURL, Secret: []byte(cfg.webhookSecret)}
	}
	h, err := seller.New(sc)
	if err != nil {
		ln.Close()
		return err
	}
	go h.Run(ctx) // the order schedule and its events
	stripeTarget := "api.stripe.com"
	if cfg.stripeURL != "" {
		stripeTarget = cfg.stripeURL
	}
	logger.Info("demo seller listening", "url", base, "seller", sel.ID, "profile", sel.StripeProfileID,
		"stripe", stripeTarget, "stripe_version", cfg.stripeV)
	fmt.Fprintln(stdout, "demo-seller listening on", base)
	return cli.ServeHTTP(ctx, ln, h, cfg.shutdownTimeout, logger)
}

// parseFlags reads the command line; it returns nil, nil after printing help.
func parseFlags(args []string, getenv func(string) string, stdout io.Writer) (*config, error) {
	fs := flag.NewFlagSet("demo-seller", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var c config
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8091", "listen `address`")
	fs.StringVar(&c.db, "db", getenv("COMMERCE_DB"), "commerce-mcp catalog database `path` (env COMMERCE_DB)")
	fs.StringVar(&c.seller, "seller", "", "`id` of the catalog seller to serve (required)")
	// The keys' environment values are not flag defaults, which --help would print.
	fs.StringVar(&c.apiKey, "api-key", "", "bearer `key` agents must send (required: this, --api-key-file or env DEMO_SELLER_API_KEY). Visible in the process list")
	fs.StringVar(&c.apiKeyFile, "api-key-file", "", "`file` holding the bearer key agents must send")
	fs.StringVar(&c.stripeKey, "stripe-key", "", "the seller's Stripe secret `key` (required: this, --stripe-key-file or env STRIPE_SECRET_KEY). Visible in the process list")
	fs.StringVar(&c.stripeKeyFile, "stripe-key-file", "", "`file` holding the seller's Stripe secret key")
	fs.StringVar(&c.stripeURL, "stripe-url", "", "Stripe API base `URL`, e.g. the sandbox emulator (default api.stripe.com)")
	fs.StringVar(&c.stripeV, "stripe-version", seller.DefaultStripePreviewVersion, "Stripe-Version `date` for the Shared Payment Token calls")
	fs.StringVar(&c.publicURL, "public-url", "", "`URL` the seller is reached at, for order links (default http://ADDR)")
	fs.BoolVar(&c.skipTokenCheck, "skip-token-check", false, "charge without retrieving the granted token first")
	fs.StringVar(&c.webhookURL, "webhook-url", "", "agent `URL` to send signed order events to, e.g. https://agent.example/agentic_checkout/webhooks/SELLER/order_events (none when empty)")
	fs.StringVar(&c.webhookSecretFile, "webhook-secret-file", "", "`file` holding the secret that signs order events (or env DEMO_SELLER_WEBHOOK_SECRET); required with --webhook-url")
	fs.StringVar(&c.logLevel, "log-level", "info", "log `level`: debug, info, warn or error")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on shutdown")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout)
			return nil, nil
		}
		return nil, &usageError{Msg: fmt.Sprintf("%v; run `demo-seller --help`", err)}
	}
	if fs.NArg() > 0 {
		return nil, &usageError{Msg: fmt.Sprintf("demo-seller takes no arguments, got %q", fs.Args())}
	}
	for _, s := range []struct {
		name, env string
		value     *string
		file      string
	}{
		{"api-key", "DEMO_SELLER_API_KEY", &c.apiKey, c.apiKeyFile},
		{"stripe-key", "STRIPE_SECRET_KEY", &c.stripeKey, c.stripeKeyFile},
	} {
		v, _, warning, err := cli.Secret(s.name, *s.value, s.file, s.env, getenv)
		if err != nil {
			return nil, err
		}
		*s.value = v
		if warning != "" {
			c.warnings = append(c.warnings, warning)
		}
	}
	if c.webhookURL != "" {
		v, _, _, err := cli.Secret("webhook-secret", "", c.webhookSecretFile, "DEMO_SELLER_WEBHOOK_SECRET", getenv)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(v) == "" {
			return nil, &usageError{Msg: "--webhook-url needs the secret in --webhook-secret-file or DEMO_SELLER_WEBHOOK_SECRET"}
		}
		c.webhookSecret = v
	}
	var missing []string
	for _, m := range []struct{ v, what string }{
		{c.db, "--db (or COMMERCE_DB)"}, {c.seller, "--seller"}, {c.apiKey, "DEMO_SELLER_API_KEY (or --api-key-file)"},
		{c.stripeKey, "STRIPE_SECRET_KEY (or --stripe-key-file)"},
	} {
		if strings.TrimSpace(m.v) == "" {
			missing = append(missing, m.what)
		}
	}
	if len(missing) > 0 {
		return nil, &usageError{Msg: "missing " + strings.Join(missing, ", ") + "; run `demo-seller --help`"}
	}
	if c.stripeURL != "" && !strings.HasPrefix(c.stripeURL, "http://") && !strings.HasPrefix(c.stripeURL, "https://") {
		return nil, &usageError{Msg: fmt.Sprintf("--stripe-url %q must start with http:// or https://", c.stripeURL)}
	}
	if c.shutdownTimeout <= 0 {
		return nil, &usageError{Msg: "--shutdown-timeout must be positive"}
	}
	return &c, nil
}

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
