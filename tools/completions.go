package tools

import (
	"context"
	"errors"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
)

// maxCompletions is the most values one completion/complete answer carries (the MCP
// limit); total says how many there are in all.
const maxCompletions = 100

// completer answers completion/complete (MCP 2025-06-18) for what a person types in
// a client's forms: the arguments of the shopping_assistant prompt and the parameters
// of the resource templates. Values start with what was typed: product ids, brands
// and categories from the catalog, and order ids of the calling customer only.
type completer struct{ t *Toolbox }

// errCompletion is what a completion that failed inside the server tells the client
// (the cause goes to the log): mcp-go sends a provider's error text to the client.
var errCompletion = errors.New("internal error while completing; the operator should check the server log")

func (c completer) CompletePromptArgument(ctx context.Context, prompt string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	if prompt != shoppingAssistant {
		return nil, fmt.Errorf("unknown prompt %s; this server's prompt is %s", txt.Quote(prompt, idCap), shoppingAssistant)
	}
	switch arg.Name {
	case "goal": // free text: nothing to offer
		return &mcp.Completion{Values: []string{}}, nil
	case "category":
		return c.catalog(ctx, c.t.Catalog.CompleteCategories, arg.Value)
	case "brand":
		return c.catalog(ctx, c.t.Catalog.CompleteBrands, arg.Value)
	}
	return nil, fmt.Errorf("prompt %s has no argument %s", shoppingAssistant, txt.Quote(arg.Name, idCap))
}

func (c completer) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	switch {
	case uri == productTemplate && arg.Name == "product_id":
		return c.catalog(ctx, c.t.Catalog.CompleteProductIDs, arg.Value)
	case uri == orderTemplate && arg.Name == "order_id":
		return c.orderIDs(ctx, arg.Value)
	case uri == productTemplate || uri == orderTemplate:
		return nil, fmt.Errorf("resource template %s has no parameter %s", uri, txt.Quote(arg.Name, idCap))
	}
	return nil, fmt.Errorf("unknown resource template %s; this server's are %s and %s", txt.Quote(uri, idCap), productTemplate, orderTemplate)
}

func (c completer) catalog(ctx context.Context, complete func(context.Context, string, int) (catalog.Completion, error), prefix string) (*mcp.Completion, error) {
	got, err := complete(ctx, prefix, maxCompletions)
	if err != nil {
		c.t.Log.ErrorContext(ctx, "completion failed", "err", err)
		return nil, errCompletion
	}
	return completion(got.Values, got.Total), nil
}

// orderIDs completes the ids of the calling customer's orders; a request without a
// customer has none.
func (c completer) orderIDs(ctx context.Context, prefix string) (*mcp.Completion, error) {
	customer, err := c.t.customerStore(ctx)
	if errors.Is(err, errNoCustomer) {
		return completion(nil, 0), nil
	}
	values, total, err := c.t.Store.CompleteOrderIDs(ctx, customer, prefix, maxCompletions)
	if err != nil {
		c.t.Log.ErrorContext(ctx, "completion failed", "err", err)
		return nil, errCompletion
	}
	return completion(values, total), nil
}

func completion(values []string, total int) *mcp.Completion {
	if values == nil {
		values = []string{}
	}
	return &mcp.Completion{Values: values, Total: total, HasMore: total > len(values)}
}

var _ server.PromptCompletionProvider = completer{}
var _ server.ResourceCompletionProvider = completer{}
