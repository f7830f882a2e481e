package tools

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// briefKeys are the fields of a product in a brief list.
var briefKeys = []string{"id", "price", "purchasable", "rating", "review_count", "title"}

// TestListDetail calls search_products and recommend at each detail level and checks
// what each product shows in structuredContent and in the text: brief only the brief
// fields (and search no facets), standard what the call without detail shows, full
// the description, tags and attributes too; the text names every product either way.
func TestListDetail(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "")
	for _, tool := range []struct {
		name, list string // the tool and its list of products in structuredContent
		args       map[string]any
	}{
		{"search_products", "products", map[string]any{"query": "shoe", "limit": 5}},
		{"recommend", "recommendations", map[string]any{"limit": 5}},
	} {
		plain := call(t, c, tool.name, tool.args, nil)
		for _, tc := range []struct {
			detail string
			check  func(t *testing.T, result map[string]any, products []map[string]any, txt string)
		}{
			{"brief", func(t *testing.T, result map[string]any, products []map[string]any, txt string) {
				want := briefKeys
				if tool.name == "recommend" {
					want = slices.Sorted(slices.Values(append([]string{"reasons", "score"}, briefKeys...)))
				}
				for _, p := range products {
					if got := slices.Sorted(maps.Keys(p)); !slices.Equal(got, want) {
						t.Errorf("%v: fields %v, want %v", p["id"], got, want)
					}
				}
				if _, ok := result["facets"]; ok {
					t.Error("brief result has facets")
				}
				if strings.Contains(txt, "sold by") || strings.Contains(txt, "Categories:") {
					t.Errorf("brief text shows more than the brief fields:\n%s", txt)
				}
			}},
			{"standard", func(t *testing.T, result map[string]any, products []map[string]any, txt string) {
				if got, want := structured(t, call(t, c, tool.name, withDetail(tool.args, "standard"), nil)), structured(t, plain); got != want {
					t.Errorf("standard differs from the default:\n%s\n%s", got, want)
				}
				if txt != text(plain) {
					t.Errorf("standard text differs from the default:\n%s\n%s", txt, text(plain))
				}
			}},
			{"full", func(t *testing.T, result map[string]any, products []map[string]any, txt string) {
				for _, p := range products {
					d, _ := p["description"].(string)
					if d == "" || p["tags"] == nil || p["seller"] == nil {
						t.Errorf("%v: full product without description, tags or seller: %v", p["id"], p)
					}
					if d != "" && !strings.Contains(txt, d[:min(len(d), 40)]) {
						t.Errorf("%v: the text does not show the description", p["id"])
					}
				}
			}},
		} {
			t.Run(tool.name+"/"+tc.detail, func(t *testing.T) {
				res := call(t, c, tool.name, withDetail(tool.args, tc.detail), nil)
				if res.IsError {
					t.Fatal(text(res))
				}
				var result map[string]any
				if err := json.Unmarshal([]byte(structured(t, res)), &result); err != nil {
					t.Fatal(err)
				}
				var products []map[string]any
				b, _ := json.Marshal(result[tool.list])
				if err := json.Unmarshal(b, &products); err != nil || len(products) == 0 {
					t.Fatalf("no %s: %v", tool.list, err)
				}
				txt := text(res)
				for _, p := range products {
					if id, _ := p["id"].(string); !strings.Contains(txt, "id "+id) {
						t.Errorf("the text does not name %s:\n%s", id, txt)
					}
				}
				tc.check(t, result, products, txt)
			})
		}
		t.Run(tool.name+"/unknown", func(t *testing.T) {
			res := call(t, c, tool.name, withDetail(tool.args, "compact"), nil)
			if !res.IsError || !strings.Contains(text(res), `detail must be "brief", "standard" or "full"`) {
				t.Errorf("detail compact: isError %v, %q", res.IsError, text(res))
			}
		})
	}
}

// TestBriefIsSmaller holds the point of brief: a page of search results at detail
// brief, text and structuredContent together, is at most 40% of the size of the same
// page at standard.
func TestBriefIsSmaller(t *testing.T) {
	c, _ := newTestClient(t)
	args := map[string]any{"query": "coffee", "limit": 10}
	standard := call(t, c, "search_products", args, nil)
	brief := call(t, c, "search_products", withDetail(args, "brief"), nil)
	b := len(text(brief)) + len(structured(t, brief))
	s := len(text(standard)) + len(structured(t, standard))
	if b*10 > s*4 {
		t.Errorf("brief %d bytes, standard %d: more than 40%%", b, s)
	}
}

func withDetail(args map[string]any, detail string) map[string]any {
	out := maps.Clone(args)
	out["detail"] = detail
	return out
}

func structured(t *testing.T, res *mcp.CallToolResult) string {
	t.Helper()
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
