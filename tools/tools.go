// Package tools is the MCP surface of commerce-mcp: tool definitions, their handlers and
// the one function that turns errors into tool results. It is a thin translation layer:
// handlers bind arguments, make one call into the catalog, and shape a result for the
// model. Nothing here talks SQL.
package tools

import (
	_ "embed"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

//go:embed instructions.md
var instructions string

// Toolbox holds what the tools need. Catalog and Log are required; the customer tools
// also need Store and Customer, and purchase needs Checkout.
type Toolbox struct {
	Catalog  *catalog.Catalog
	Store    *store.Store
	Checkout *checkout.Service
	// Customer is the customer the tools act for in stdio mode. The customer is never
	// a tool argument.
	Customer string
	Log      *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// ConfirmTimeout is how long purchase waits for the person to answer a confirmation
	// dialog that it shows through a client on a protocol version before 2026-07-28
	// (elicitation/create); 0 means DefaultConfirmTimeout. An unanswered dialog buys
	// nothing and leaves the quote to be confirmed by quote_id.
	ConfirmTimeout time.Duration
}

// DefaultConfirmTimeout is the default Toolbox.ConfirmTimeout: long enough to read a
// dialog and decide, well within a quote's lifetime (checkout.DefaultQuoteTTL).
const DefaultConfirmTimeout = 5 * time.Minute

// Tools returns every tool, in a stable order.
func (t *Toolbox) Tools() []server.ServerTool {
	return []server.ServerTool{
		t.searchProductsTool(),
		t.getProductTool(),
		t.recommendTool(),
		t.purchaseTool(),
		t.getOrderTool(),
		t.listOrdersTool(),
		t.getPreferencesTool(),
		t.updatePreferencesTool(),
	}
}

// NewServer returns an MCP server named name, at version, serving all tools, resources
// and prompts with the server instructions that tell a model how to use them together.
func (t *Toolbox) NewServer(name, version string) *server.MCPServer {
	s := server.NewMCPServer(name, version,
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithPromptCapabilities(false),
		server.WithInstructions(instructions),
		server.WithRecovery(),
	)
	s.AddTools(t.Tools()...)
	s.AddResources(t.Resources()...)
	s.AddPrompts(t.Prompts()...)
	return s
}
