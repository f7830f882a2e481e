// Command demo-seller runs the reference Agentic Commerce Protocol seller standalone:
// the checkout API of one seller of a commerce-mcp catalog database, charging Stripe
// Shared Payment Tokens on that seller's Stripe account (real Stripe, or the sandbox
// emulator through --stripe-url). Run `demo-seller --help` for its flags.
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
		fmt.Fprintln(os.Stderr, "demo-seller:", err)
		os.Exit(exitCode(err))
	}
}
