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
	"strings"

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// serve runs the MCP server over stdio until stdin closes, once the calls in flight
// have been answered, or until ctx ends, which cancels them. Nothing but JSON-RPC is
// written to stdout; stdioGuard says what is refused.
func serve(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	noDemo := fs.Bool("no-demo", false, "do not seed a new database with the demo catalog and customer")
	create := fs.Bool("create", false, "create the directory of --db when it does not exist (the default location is always created)")
	customer := fs.String("customer", getenv("COMMERCE_CUSTOMER"), "the customer `id` (or email) the tools act for; default the demo customer (env COMMERCE_CUSTOMER)")
	var pf payFlags
	pf.register(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{Msg: fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	warnings, err := pf.resolve(getenv)
	if err != nil {
		return err
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		logger.Warn(w)
	}
	if c.db == "" {
		if c.db, err = defaultDBPath(getenv); err != nil {
			return err
		}
	} else if err := checkDBDir(c.db, *create); err != nil {
		return err
	}
	mode := checkout.ModeOf(pf.stripeKey)
	logMode(logger, string(mode), pf.stripeKeyFrom)
	// Live mode never seeds demo data: the demo customer's test card cannot be charged.
	seed := !*noDemo && mode != checkout.ModeLive
	if mode == checkout.ModeLive && !*noDemo {
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
	cust, err := resolveCustomer(ctx, st, *customer)
	if err != nil {
		return err
	}
	// Background work (settling unfinished purchases) stops when serving does, before
	// the databases close.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	svc, err := newCheckout(ctx, pf, cat, st, logger)
	if err != nil {
		return err
	}
	tb := &tools.Toolbox{Catalog: cat, Store: st, Checkout: svc, Customer: cust, Log: logger}
	s := server.NewStdioServer(tb.NewServer("commerce-mcp", version))
	s.SetErrorLogger(log.New(&slogWriter{logger}, "", 0))
	logger.Info("serving MCP over stdio", "db", c.db, "customer", cust, "mode", svc.Mode())
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
