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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "commerce-mcp:", err)
		os.Exit(exitCode(err))
	}
}
