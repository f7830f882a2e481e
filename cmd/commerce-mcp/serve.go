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

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
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
	customer := fs.String("customer", getenv("COMMERCE_CUSTOMER"), "the customer `id` (or email) the tools act for; default the demo customer (env COMMERCE_CUSTOMER)")
	var pf payFlags
	pf.register(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	pf.fromEnv(getenv)
	if fs.NArg() > 0 {
		return &usageError{Msg: fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		return err
	}
	if c.db == "" {
		if c.db, err = defaultDBPath(getenv); err != nil {
			return err
		}
	}
	cat, err := openCatalog(ctx, c.db, !*noDemo, logger)
	if err != nil {
		return err
	}
	defer cat.Close()
	st, err := store.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*noDemo {
		if _, err := st.SeedDemo(ctx); err != nil {
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
