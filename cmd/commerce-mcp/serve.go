package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// serveConfig is serve's settings, from its flags and the environment.
type serveConfig struct {
	common
	pay      payFlags
	noDemo   bool     // do not seed a new database
	create   bool     // create the directory of --db
	customer string   // id or email of the customer the tools act for; "" for the demo customer
	readOnly bool     // serve only the read-only tools
	warnings []string // about secrets given as flags
}

// parseServe reads serve's settings from args and the environment; the secrets come
// from the environment or files (see payFlags.resolve), and warnings says which were
// given as flags instead. The database defaults to defaultDBPath; a given one must be
// in a directory that exists, unless --create.
func parseServe(args []string, getenv func(string) string) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.register(fs, getenv)
	fs.BoolVar(&c.noDemo, "no-demo", false, "do not seed a new database with the demo catalog and customer")
	fs.BoolVar(&c.create, "create", false, "create the directory of --db when it does not exist (the default location is always created)")
	fs.StringVar(&c.customer, "customer", getenv("COMMERCE_CUSTOMER"), "the customer `id` (or email) the tools act for; default the demo customer (env COMMERCE_CUSTOMER)")
	readOnly, err := envBool(getenv, "COMMERCE_READ_ONLY")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.readOnly, "read-only", readOnly, "serve only the tools that change nothing (search, products, recommendations, preferences and orders): no purchases, no preference changes (env COMMERCE_READ_ONLY=1)")
	c.pay.register(fs, getenv)
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, &usageError{Msg: fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	if c.warnings, err = c.pay.resolve(getenv); err != nil {
		return c, err
	}
	if c.db == "" {
		c.db, err = defaultDBPath(getenv)
		return c, err
	}
	return c, checkDBDir(c.db, c.create)
}

// envBool reads the boolean environment variable key: unset or empty is false, and
// otherwise it is 1, true, 0 or false (as strconv.ParseBool reads them).
func envBool(getenv func(string) string, key string) (bool, error) {
	v := getenv(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &usageError{Msg: fmt.Sprintf("%s=%q: use 1 or true, 0 or false", key, v)}
	}
	return b, nil
}

// serve runs the MCP server over stdio until stdin closes, once the calls in flight
// have been answered, or until ctx ends, which cancels them. Nothing but JSON-RPC is
// written to stdout; stdioGuard says what is refused.
func serve(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c, err := parseServe(args, getenv)
	if err != nil {
		return err
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		return err
	}
	for _, w := range c.warnings {
		logger.Warn(w)
	}
	mode := checkout.ModeOf(c.pay.stripeKey)
	logMode(logger, string(mode), c.pay.stripeKeyFrom)
	// Live mode never seeds demo data: the demo customer's test card cannot be charged.
	seed := !c.noDemo && mode != checkout.ModeLive
	if mode == checkout.ModeLive && !c.noDemo {
		logger.Info("live mode: the demo catalog and customer are not seeded")
	}
	if open := sqlite.OpenToOthers(c.db); len(open) > 0 {
		logger.Warn("other users can read the database files, which hold personal data; restrict them with chmod 600", "files", strings.Join(open, " "))
	}
	cat, err := openCatalog(ctx, c.db, seed, logger)
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%w; choose another --db", err)
	}
	if err != nil {
		return err
	}
	defer cat.Close()
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if seed {
		if _, err := st.SeedDemo(ctx); err != nil {
			return err
		}
	}
	if mode == checkout.ModeLive {
		if err := refuseDemoData(ctx, st); err != nil {
			return err
		}
	}
	cust, err := resolveCustomer(ctx, st, c.customer)
	if err != nil {
		return err
	}
	svc, err := newCheckout(c.pay, cat, st, logger)
	if err != nil {
		return err
	}
	// Background work (settling unfinished purchases) stops when serving does, before
	// the databases close.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := (recovery{svc: svc, log: logger}).start(ctx, time.Minute); err != nil {
		return err
	}
	tb := &tools.Toolbox{Catalog: cat, Store: st, Checkout: svc, Customer: cust, Log: logger, ReadOnly: c.readOnly}
	s := server.NewStdioServer(tb.NewServer("commerce-mcp", version))
	s.SetErrorLogger(log.New(&slogWriter{logger}, "", 0))
	logger.Info("serving MCP over stdio", "db", c.db, "customer", cust, "mode", svc.Mode(), "read_only", c.readOnly)
	g := newStdioGuard(ctx, stdin, stdout, logger)
	err = s.Listen(ctx, g, g.Out())
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// checkDBDir refuses a database path whose directory does not exist, unless create:
// a mistyped --db must not silently start an empty shop somewhere else.
func checkDBDir(path string, create bool) error {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) || create {
		return nil
	}
	return &usageError{Msg: fmt.Sprintf("the directory %s of the database %s does not exist; check --db (or COMMERCE_DB), or pass --create to create it", dir, path)}
}

// logMode says at start how purchases will run and why: the mode follows from the
// Stripe key and where it came from (from; "" when there is none).
func logMode(logger *slog.Logger, mode, from string) {
	if from == "" {
		logger.Info("purchases run in the sandbox, where no money moves, because no Stripe key is set (STRIPE_SECRET_KEY or --stripe-key-file)", "mode", mode)
		return
	}
	logger.Info(fmt.Sprintf("purchases run in %s mode because %s is set", mode, from), "mode", mode)
}

// refuseDemoData refuses live mode on a database holding the demo customer or a
// Stripe test card (pm_card_…): live Stripe cannot charge them, and a demo customer
// served by mistake could spend real money.
func refuseDemoData(ctx context.Context, st *store.Store) error {
	custs, err := st.Customers(ctx)
	if err != nil {
		return err
	}
	for _, c := range custs {
		found := ""
		if c.ID == store.DemoCustomerID {
			found = "the demo customer " + c.ID
		} else {
			pms, err := st.PaymentMethods(ctx, c.ID)
			if err != nil {
				return err
			}
			for _, pm := range pms {
				if strings.HasPrefix(pm.ID, "pm_card_") {
					found = fmt.Sprintf("the Stripe test card %s of customer %s", pm.ID, c.ID)
					break
				}
			}
		}
		if found != "" {
			return fmt.Errorf("refusing to start in live mode: the database has %s, which is for the sandbox; use a database without demo data in live mode (a new --db, which live mode does not seed, then `commerce-mcp customer create`)", found)
		}
	}
	return nil
}

// openCatalog opens the catalog at path. A database that did not exist before is
// seeded with the demo catalog when seed is true.
func openCatalog(ctx context.Context, path string, seed bool, logger *slog.Logger) (*catalog.Catalog, error) {
	_, statErr := os.Stat(path)
	isNew := errors.Is(statErr, os.ErrNotExist)
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if isNew && seed {
		st, err := cat.Upsert(ctx, demo.Sellers(), demo.Products())
		if err != nil {
			cat.Close()
			return nil, fmt.Errorf("seed demo catalog: %w", err)
		}
		logger.Info("created database with the demo catalog", "path", path, "products", st.Inserted)
	}
	return cat, nil
}

// slogWriter turns the stdio server's log.Logger lines into slog errors.
type slogWriter struct{ l *slog.Logger }

func (w *slogWriter) Write(p []byte) (int, error) {
	w.l.Error("mcp transport", "msg", string(trimNewline(p)))
	return len(p), nil
}

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}
