package tools

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// TestReadOnlyNamesOnlyServedTools checks that a read-only server never points a model
// at a tool it does not serve: no word a client is given (the instructions, the listed
// tools with their descriptions and schemas, resources, the prompt, and the results of
// the served tools) names purchase or update_preferences. The same texts from a server
// that buys do name them, which shows the check can see a mention.
func TestReadOnlyNamesOnlyServedTools(t *testing.T) {
	var unserved []string
	ro := &Toolbox{ReadOnly: true}
	for _, st := range ro.Tools() {
		if !slices.ContainsFunc(ro.served(), func(s server.ServerTool) bool { return s.Tool.Name == st.Tool.Name }) {
			unserved = append(unserved, st.Tool.Name)
		}
	}
	wantUnserved := []string{"purchase", "add_to_cart", "update_cart", "clear_cart", "checkout", "set_shipping_address", "cancel_order", "update_preferences", "add_payment_method", "set_default_payment_method", "remove_payment_method", "subscribe", "pause_subscription", "resume_subscription", "cancel_subscription", "skip_next_renewal", "change_subscription"}
	if !slices.Equal(unserved, wantUnserved) {
		t.Fatalf("a read-only server leaves out %v; this test expects %v", unserved, wantUnserved)
	}
	names := map[string]*regexp.Regexp{}
	for _, n := range unserved {
		// Not after a slash: resources/subscribe is a protocol method, not the tool.
		names[n] = regexp.MustCompile(`(?:^|[^\w/])` + n + `\b`)
	}
	for _, readOnly := range []bool{true, false} {
		s := newStorefront(t)
		s.tb.ReadOnly = readOnly
		said := servedWords(t, s)
		for _, name := range unserved {
			mentioned := false
			for _, w := range said {
				if loc := names[name].FindStringIndex(w.text); loc != nil {
					mentioned = true
					if readOnly {
						t.Errorf("read-only %s names %s: …%s…", w.where, name, w.text[max(0, loc[0]-60):min(len(w.text), loc[1]+60)])
					}
				}
			}
			if !readOnly && !mentioned {
				t.Errorf("nothing a buying server says names %s: the check cannot see mentions", name)
			}
		}
	}
}

// spoken is a text a client is given and where it came from.
type spoken struct{ where, text string }

// servedWords connects to s and collects every text a client can be given: the
// instructions, tools/list, resources, the prompt, and the results of typical calls of
// each served tool (recommend's cold start, get_order's errors among them).
func servedWords(t *testing.T, s *storefront) []spoken {
	t.Helper()
	ctx := context.Background()
	c, init := connect(t, s.tb)
	out := []spoken{{"instructions", init.Instructions}}
	add := func(where string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, spoken{where, string(b)})
	}
	tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tl := range tools.Tools {
		add("tool "+tl.Name, tl)
	}
	resources, err := c.ListResources(ctx, mcp.ListResourcesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range resources.Resources {
		add("resource "+r.URI, r)
		req := mcp.ReadResourceRequest{}
		req.Params.URI = r.URI
		contents, err := c.ReadResource(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		add("contents of "+r.URI, contents)
	}
	prompts, err := c.ListPrompts(ctx, mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	add("prompts/list", prompts)
	out = append(out, spoken{"shopping_assistant", promptText(t, c, "trail shoes")})
	product := demoProduct(t, 1000, 4000).ID
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"search_products", map[string]any{"query": "coffee"}},
		{"get_product", map[string]any{"product_id": product}},
		{"get_product", map[string]any{"product_id": "no-such-product"}},
		{"recommend", nil},
		{"recommend", map[string]any{"context": "a gift for a runner under $100"}},
		{"get_preferences", nil},
		{"list_orders", nil},
		{"get_order", map[string]any{"order_id": ""}},
		{"get_order", map[string]any{"order_id": "ord_none"}},
	} {
		res := call(t, c, tc.tool, tc.args, nil)
		add("result of "+tc.tool, res)
	}
	return out
}
