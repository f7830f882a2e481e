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
)

//go:embed instructions.md
var instructions string

// Toolbox holds what the tools need. Catalog and Log are required.
type Toolbox struct {
	Catalog *catalog.Catalog
	Log     *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Tools returns every tool, in a stable order.
func (t *Toolbox) Tools() []server.ServerTool {
	return []server.ServerTool{
		t.searchProductsTool(),
		t.getProductTool(),
	}
}

// NewServer returns an MCP server named name, at version, serving all tools with the
// server instructions that tell a model how to use them together.
func (t *Toolbox) NewServer(name, version string) *server.MCPServer {
	s := server.NewMCPServer(name, version,
		server.WithToolCapabilities(false),
		server.WithInstructions(instructions),
		server.WithRecovery(),
	)
	s.AddTools(t.Tools()...)
	return s
}
