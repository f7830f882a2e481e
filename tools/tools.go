// Package tools is the MCP surface of commerce-mcp: tool definitions, their handlers and
// the one function that turns errors into tool results. It is a thin translation layer:
// handlers bind arguments, make one call into the catalog, and shape a result for the
// model. Nothing here talks SQL.
package tools

import (
	_ "embed"
	"encoding/json"
	"log/slog"
	"strings"
	"text/template"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// instructionsSource is the one source of what the server tells a model about using
// its tools together: the instructions sent at initialize and the shopping_assistant
// prompt. It is a text/template; .Buying is false on a read-only server.
//
//go:embed instructions.md
var instructionsSource string

var instructionsTemplate = template.Must(template.New("instructions").Parse(instructionsSource))

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
	// ReadOnly serves only the tools whose read-only hint is true (a demo or a kiosk:
	// search and recommend, never buy or change preferences), with instructions to
	// match. Resources and the prompt are served either way.
	ReadOnly bool
	// Limits, when set, rate-limits tool calls per customer (hosted mode); a call over
	// the limit is refused with a result saying when to retry, before anything is done.
	// Resources and prompts are not limited. See rateLimit.
	Limits RateLimiter
	// SetupWait is how long add_payment_method waits for the person to finish on the
	// setup page once they agreed to open it; SetupPoll how often it checks meanwhile.
	// 0 means DefaultSetupWait and DefaultSetupPoll.
	SetupWait, SetupPoll time.Duration
	// ImageHosts is the operator's choice of the hosts whose product images the MCP
	// Apps views may load (--image-hosts): a view declares those of them that visible
	// products use. The zero value allows none: products show a letter.
	ImageHosts catalog.ImageHosts

	// answers are the dialog answers the rate limit let through (see rateLimit).
	answers answerLog
}

// DefaultConfirmTimeout is the default Toolbox.ConfirmTimeout: long enough to read a
// dialog and decide, well within a quote's lifetime (checkout.DefaultQuoteTTL).
const DefaultConfirmTimeout = 5 * time.Minute

// Tools returns every tool, in a stable order, those with an MCP Apps view linked to it
// (see withViews).
func (t *Toolbox) Tools() []server.ServerTool {
	return withViews([]server.ServerTool{
		t.searchProductsTool(),
		t.getProductTool(),
		t.recommendTool(),
		t.purchaseTool(),
		t.addToCartTool(),
		t.updateCartTool(),
		t.viewCartTool(),
		t.clearCartTool(),
		t.checkoutTool(),
		t.setShippingAddressTool(),
		t.getShippingAddressesTool(),
		t.getOrderTool(),
		t.listOrdersTool(),
		t.cancelOrderTool(),
		t.getPreferencesTool(),
		t.updatePreferencesTool(),
		t.addPaymentMethodTool(),
		t.listPaymentMethodsTool(),
		t.setDefaultPaymentMethodTool(),
		t.removePaymentMethodTool(),
		t.subscribeTool(),
		t.listSubscriptionsTool(),
		t.pauseSubscriptionTool(),
		t.resumeSubscriptionTool(),
		t.cancelSubscriptionTool(),
		t.skipNextRenewalTool(),
		t.changeSubscriptionTool(),
	})
}

// served returns the tools the server registers: every tool, or with ReadOnly only
// those whose read-only hint is true; in the order of Tools.
func (t *Toolbox) served() []server.ServerTool {
	if !t.ReadOnly {
		return t.Tools()
	}
	var out []server.ServerTool
	for _, st := range t.Tools() {
		if hint := st.Tool.Annotations.ReadOnlyHint; hint != nil && *hint {
			out = append(out, st)
		}
	}
	return out
}

// instructions returns the server instructions, which tell a model how to use the
// served tools together; the shopping_assistant prompt starts with the same text.
func (t *Toolbox) instructions() string {
	var b strings.Builder
	if err := instructionsTemplate.Execute(&b, struct{ Buying bool }{!t.ReadOnly}); err != nil {
		panic("tools: instructions template: " + err.Error()) // a bug in instructions.md
	}
	return strings.TrimSpace(b.String())
}

// NewServer returns an MCP server named name, at version, serving the tools (see
// served), resources (the orders resource can be subscribed to: it is updated when an
// order changes) and prompts with the server instructions. Every tool call is
// checked against Limits first, when set. The tools are registered with their input
// schemas encoded once (see encodedInputSchema).
func (t *Toolbox) NewServer(name, version string) *server.MCPServer {
	s, _ := t.newServer(name, version)
	return s
}

// newServer is NewServer that also returns the server's record of subscriptions.
func (t *Toolbox) newServer(name, version string) (*server.MCPServer, *subscriptions) {
	hooks := &server.Hooks{}
	hooks.AddOnRequestInitialization(finiteNumbers)
	s := server.NewMCPServer(name, version,
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(true, false),
		server.WithHooks(hooks),
		server.WithPromptCapabilities(false),
		server.WithCompletions(),
		server.WithPromptCompletionProvider(completer{t}),
		server.WithResourceCompletionProvider(completer{t}),
		server.WithInstructions(t.instructions()),
		server.WithExtensions(map[string]any{appsExtension: map[string]any{}}),
		server.WithRecovery(),
		server.WithToolHandlerMiddleware(t.rateLimit),
	)
	served := t.served()
	for i := range served {
		served[i].Tool = encodedInputSchema(served[i].Tool)
	}
	s.AddTools(served...)
	s.AddResources(t.Resources()...)
	s.AddResourceTemplates(t.ResourceTemplates()...)
	subs := t.watchOrders(s, hooks)
	s.AddPrompts(t.Prompts()...)
	return s, subs
}

// encodedInputSchema returns tool with its structured input schema replaced by its
// JSON encoding (RawInputSchema), which is what tools/list sends either way. mcp-go
// reads the input schema of the called tool on every 2026-07-28-era call (looking for
// x-mcp-header parameters) by encoding it to JSON and decoding that; from the
// structured form the encoding walks the schema's maps each time, from the raw form it
// is a copy.
func encodedInputSchema(tool mcp.Tool) mcp.Tool {
	if len(tool.RawInputSchema) > 0 {
		return tool
	}
	raw, err := json.Marshal(tool.InputSchema)
	if err != nil {
		panic("tools: input schema of " + tool.Name + ": " + err.Error()) // a bug in a declaration
	}
	tool.RawInputSchema, tool.InputSchema = raw, mcp.ToolInputSchema{}
	return tool
}
