package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// completeLine is a completion/complete request for argument arg of ref, a prompt name
// or (with "://") a resource template.
func completeLine(id int, ref, arg, value string) string {
	r := map[string]any{"type": "ref/prompt", "name": ref}
	if strings.Contains(ref, "://") {
		r = map[string]any{"type": "ref/resource", "uri": ref}
	}
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": "completion/complete",
		"params": map[string]any{"ref": r, "argument": map[string]any{"name": arg, "value": value}}})
	return string(b)
}

// TestStdioCompletions: over stdio the server declares completions and completes the
// prompt's arguments and the templates' parameters, the order ids from the configured
// customer's orders; an unknown prompt is an error naming it.
func TestStdioCompletions(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	bought := serveStdin(t, db, lines(initLine, initializedLine, callLine(1, "purchase", map[string]any{"product_id": "nw-actv-0001"})))
	var order struct {
		StructuredContent struct {
			OrderID string `json:"order_id"`
		} `json:"structuredContent"`
	}
	if err := json.Unmarshal(bought.replies["1"].Result, &order); err != nil || order.StructuredContent.OrderID == "" {
		t.Fatalf("purchase: %s, %v", bought.replies["1"].Result, err)
	}

	r := serveStdin(t, db, lines(initLine, initializedLine,
		completeLine(1, "shopping_assistant", "brand", "str"),
		completeLine(2, "shopping_assistant", "category", "shoe"),
		completeLine(3, "commerce://products/{product_id}", "product_id", "nw-shoe-000"),
		completeLine(4, "commerce://customer/orders/{order_id}", "order_id", "ord_"),
		completeLine(5, "test_prompt_with_arguments", "arg1", "test"),
	))
	var init mcp.InitializeResult
	if err := json.Unmarshal(r.replies[`"init"`].Result, &init); err != nil || init.Capabilities.Completions == nil {
		t.Fatalf("initialize declares no completions: %s, %v", r.replies[`"init"`].Result, err)
	}
	for _, tc := range []struct {
		name, id string
		want     []string
	}{
		{"brand", "1", []string{"Stratus Labs", "Stridewell"}},
		{"category", "2", []string{"Apparel > Shoes"}},
		{"product id", "3", []string{"nw-shoe-0001", "nw-shoe-0002", "nw-shoe-0003", "nw-shoe-0004", "nw-shoe-0005", "nw-shoe-0006", "nw-shoe-0007", "nw-shoe-0008", "nw-shoe-0009"}},
		{"order id", "4", []string{order.StructuredContent.OrderID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res mcp.CompleteResult
			if err := json.Unmarshal(r.replies[tc.id].Result, &res); err != nil {
				t.Fatalf("%+v: %v", r.replies[tc.id], err)
			}
			if !slices.Equal(res.Completion.Values, tc.want) || res.Completion.Total != len(tc.want) || res.Completion.HasMore {
				t.Errorf("completes to %+v, want %q", res.Completion, tc.want)
			}
		})
	}
	if e := r.replies["5"].Error; e == nil || !strings.Contains(e.Message, `unknown prompt "test_prompt_with_arguments"`) {
		t.Errorf("unknown prompt: %+v", r.replies["5"])
	}
}
