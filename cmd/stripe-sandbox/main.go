// Command stripe-sandbox serves the internal/sandbox/stripesim Stripe emulator over HTTP, so that
// separate processes — commerce-mcp with --stripe-key and --stripe-base-url, and sellers
// such as cmd/demo-seller with --stripe-url — can run the real Stripe code path offline
// against one shared, in-memory Stripe. Accounts are given on the command line; run
// `stripe-sandbox --help` for its flags.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stripe-sandbox:", err)
		os.Exit(exitCode(err))
	}
}
