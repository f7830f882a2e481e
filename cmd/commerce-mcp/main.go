// Command commerce-mcp is an MCP server that lets an AI agent shop for a person: search
// a product catalog and look at products. Run it with no arguments to serve MCP over
// stdio on the embedded demo catalog; see `commerce-mcp help` for the other commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

func main() {
	sqlite.LimitMallocArenas(os.Getenv)
	ctx, stop := shutdownSignals()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "commerce-mcp:", err)
		os.Exit(exitCode(err))
	}
}

// shutdownSignals returns a context that the first SIGINT or SIGTERM ends, which
// starts a graceful shutdown. It then stops catching them, so that a second one
// kills the process at once (their default action) rather than waiting out the
// grace period given to the payments under way, which recovery settles.
func shutdownSignals() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}
