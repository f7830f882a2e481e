package tools

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
)

// complete asks the server to complete argument arg of ref (a prompt name, or a
// resource template URI when it has "://") at value.
func complete(ctx context.Context, c *client.Client, ref, arg, value string) (*mcp.CompleteResult, error) {
	req := mcp.CompleteRequest{}
	if strings.Contains(ref, "://") {
		req.Params.Ref = mcp.ResourceReference{Type: "ref/resource", URI: ref}
	} else {
		req.Params.Ref = mcp.PromptReference{Type: "ref/prompt", Name: ref}
	}
	req.Params.Argument = mcp.CompleteArgument{Name: arg, Value: value}
	return c.Complete(ctx, req)
}

// checkCompletion checks what holds of every completion: at most 100 values, each
// matching what was typed by match, none twice, total counting them and hasMore saying
// whether it counts more.
func checkCompletion(t *testing.T, got mcp.Completion, typed string, match func(value, typed string) bool) {
	t.Helper()
	if len(got.Values) > maxCompletions {
		t.Errorf("%d values, more than %d", len(got.Values), maxCompletions)
	}
	seen := map[string]bool{}
	for _, v := range got.Values {
		if !match(v, typed) {
			t.Errorf("value %q does not complete %q", v, typed)
		}
		if seen[v] {
			t.Errorf("value %q twice", v)
		}
		seen[v] = true
	}
	if got.Total < len(got.Values) || got.HasMore != (got.Total > len(got.Values)) {
		t.Errorf("total %d, hasMore %v for %d values", got.Total, got.HasMore, len(got.Values))
	}
}

func hasPrefix(v, typed string) bool { return strings.HasPrefix(v, typed) }

func hasPrefixFold(v, typed string) bool {
	return strings.HasPrefix(strings.ToLower(v), strings.ToLower(typed))
}

// startsAPart: a category completes what was typed when one of its parts starts it
// (the catalog's tests hold which of those complete it).
func startsAPart(v, typed string) bool {
	v, typed = strings.ToLower(v), strings.ToLower(strings.TrimSpace(typed))
	return strings.HasPrefix(v, typed) || strings.Contains(v, " > "+typed)
}

// TestCompletions checks completion/complete for the prompt's arguments and the
// resource templates' parameters against golden files (testdata/golden/complete_*),
// and what holds of every answer (checkCompletion).
func TestCompletions(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	ctx := context.Background()
	for _, product := range []string{"nw-actv-0001", "hh-cof-0004"} {
		if res := call(t, c, "purchase", map[string]any{"product_id": product}, nil); res.IsError {
			t.Fatal(text(res))
		}
	}
	ids := idNormaliser{}
	for _, tc := range []struct {
		name, ref, arg, value string
		match                 func(v, typed string) bool
	}{
		{"product_ids_all", productTemplate, "product_id", "", hasPrefix},
		{"product_ids_prefix", productTemplate, "product_id", "nw-shoe-000", hasPrefix},
		{"product_ids_case_sensitive", productTemplate, "product_id", "NW-", hasPrefix},
		{"product_ids_none", productTemplate, "product_id", "zz-", hasPrefix},
		{"order_ids_all", orderTemplate, "order_id", "", hasPrefix},
		{"order_ids_none", orderTemplate, "order_id", "ord_\u202e", hasPrefix},
		{"brands_ignoring_case", "shopping_assistant", "brand", "st", hasPrefixFold},
		{"categories_last_part", "shopping_assistant", "category", "sho", startsAPart},
		{"categories_path", "shopping_assistant", "category", "apparel > s", startsAPart},
		{"categories_under", "shopping_assistant", "category", "Apparel >", startsAPart},
		{"categories_all", "shopping_assistant", "category", "", startsAPart},
		{"goal_free_text", "shopping_assistant", "goal", "trail", hasPrefix},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := complete(ctx, c, tc.ref, tc.arg, tc.value)
			if err != nil {
				t.Fatal(err)
			}
			checkCompletion(t, res.Completion, tc.value, tc.match)
			var b strings.Builder
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(res.Completion); err != nil {
				t.Fatal(err)
			}
			golden(t, "complete_"+tc.name+".json", ids.replace(b.String()))
		})
	}
}

// TestCompletionRefusals: a reference or argument the server does not have is a
// JSON-RPC error naming it (mcp-go v1.2.1 sends every completion provider's error as
// -32603 with its text), never an empty answer that looks like no match.
func TestCompletionRefusals(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	for _, tc := range []struct {
		name, ref, arg, want string
	}{
		{"unknown prompt", "test_prompt_with_arguments", "arg1", `unknown prompt "test_prompt_with_arguments"`},
		{"unknown prompt argument", "shopping_assistant", "size", `prompt shopping_assistant has no argument "size"`},
		{"unknown template", "commerce://sellers/{seller_id}", "seller_id", `unknown resource template "commerce://sellers/{seller_id}"`},
		{"unknown template parameter", productTemplate, "order_id", `resource template commerce://products/{product_id} has no parameter "order_id"`},
		{"a resource that is not a template", ordersURI, "order_id", `unknown resource template "commerce://customer/orders"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := complete(context.Background(), c, tc.ref, tc.arg, "x")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("answer %+v, error %v; want an error with %q", res, err, tc.want)
			}
		})
	}
}

// Order ids complete to the calling customer's own orders only, over every wire: in
// hosted mode the customer behind the bearer token.
func TestCompletionOrderIDsAreTheCustomersOwn(t *testing.T) {
	for _, w := range wiretest.All() {
		t.Run(w.Name, func(t *testing.T) {
			s, a, b := hosted(t)
			url := serveHTTP(t, w, s.tb)
			ca, cb := dialAs(t, w, url, a, nil), dialAs(t, w, url, b, nil)
			own := map[string][]string{}
			for name, c := range map[string]*client.Client{a: ca, b: cb} {
				for range 2 {
					var out purchaseResult
					if res := call(t, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, &out); res.IsError || out.OrderID == "" {
						t.Fatalf("purchase as %s: %s", name, text(res))
					}
					own[name] = append(own[name], out.OrderID)
				}
			}
			for name, c := range map[string]*client.Client{a: ca, b: cb} {
				res, err := complete(context.Background(), c, orderTemplate, "order_id", "ord_")
				if err != nil {
					t.Fatal(err)
				}
				got := slices.Sorted(slices.Values(res.Completion.Values))
				want := slices.Sorted(slices.Values(own[name]))
				if !slices.Equal(got, want) || res.Completion.Total != len(want) || res.Completion.HasMore {
					t.Errorf("%s completes %v (total %d, hasMore %v), want its own orders %v", name, got, res.Completion.Total, res.Completion.HasMore, want)
				}
			}
		})
	}
}

// The templates read what get_product and get_order return, and an unknown id is an
// error repeating it escaped.
func TestResourceTemplates(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	ctx := context.Background()
	var bought purchaseResult
	if res := call(t, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, &bought); res.IsError {
		t.Fatal(text(res))
	}
	list, err := c.ListResourceTemplates(ctx, mcp.ListResourceTemplatesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var uris []string
	for _, rt := range list.ResourceTemplates {
		uris = append(uris, rt.URITemplate.Raw())
		if rt.MIMEType != "application/json" || rt.Description == "" {
			t.Errorf("template %s: MIME %q, description %q", rt.URITemplate.Raw(), rt.MIMEType, rt.Description)
		}
	}
	if slices.Sort(uris); !slices.Equal(uris, []string{orderTemplate, productTemplate}) {
		t.Errorf("templates %q", uris)
	}
	for _, tc := range []struct {
		name, uri, tool string
		args            map[string]any
	}{
		{"product", "commerce://products/nw-actv-0001", "get_product", map[string]any{"product_id": "nw-actv-0001"}},
		{"order", "commerce://customer/orders/" + bought.OrderID, "get_order", map[string]any{"order_id": bought.OrderID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := mcp.ReadResourceRequest{}
			req.Params.URI = tc.uri
			res, err := c.ReadResource(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			if err := json.Unmarshal([]byte(res.Contents[0].(mcp.TextResourceContents).Text), &got); err != nil {
				t.Fatal(err)
			}
			if r := call(t, c, tc.tool, tc.args, &want); r.IsError {
				t.Fatal(text(r))
			}
			if g, w := mustJSON(t, got), mustJSON(t, want); g != w {
				t.Errorf("%s reads\n%s\n%s returns\n%s", tc.uri, g, tc.tool, w)
			}
		})
	}
	for _, tc := range []struct{ name, uri, want string }{
		{"unknown product", "commerce://products/nw-actv-0001%E2%80%AE", `no product has id "nw-actv-0001\u202e"`},
		{"unknown order", "commerce://customer/orders/ord_nope", `no order has id "ord_nope"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := mcp.ReadResourceRequest{}
			req.Params.URI = tc.uri
			if res, err := c.ReadResource(ctx, req); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("read %s: %+v, %v; want an error with %q", tc.uri, res, err, tc.want)
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The prompt's category and brand, which complete from the catalog, are passed on as
// the search filters to use, each on one line.
func TestPromptCategoryAndBrand(t *testing.T) {
	c, _ := newTestClient(t)
	for _, tc := range []struct {
		name string
		args map[string]string
		want string
	}{
		{"category", map[string]string{"category": "apparel>shoes"},
			"\n\nIn the category: apparel > shoes\nStart by calling get_preferences, then search_products or recommend for this (give search_products category \"apparel > shoes\")."},
		{"brand and goal", map[string]string{"goal": "trail shoes", "brand": "Stride\nwell"},
			"\n\nThe person wants: trail shoes\nOf the brand: Stride well\nStart by calling get_preferences, then search_products or recommend for this (give search_products brand \"Stride well\")."},
		{"goal only", map[string]string{"goal": "a gift"},
			"\n\nThe person wants: a gift\nStart by calling get_preferences, then search_products or recommend for this."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := mcp.GetPromptRequest{}
			req.Params.Name = "shopping_assistant"
			req.Params.Arguments = tc.args
			res, err := c.GetPrompt(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Messages[0].Content.(mcp.TextContent).Text
			if !strings.HasSuffix(got, tc.want) {
				t.Errorf("the prompt ends\n%q\nwant\n%q", got[max(0, len(got)-len(tc.want)-40):], tc.want)
			}
		})
	}
}
