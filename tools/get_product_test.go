package tools

import (
	"strings"
	"testing"
)

func TestGetProduct(t *testing.T) {
	c, _ := newTestClient(t)
	var found searchProductsResult
	if res := call(t, c, "search_products", map[string]any{"query": "headphones", "limit": 1}, &found); res.IsError || len(found.Products) == 0 {
		t.Fatalf("setup search failed: %s", text(res))
	}
	id := found.Products[0].ID
	tests := []struct {
		name      string
		args      map[string]any
		wantError string
	}{
		{name: "found", args: map[string]any{"product_id": id}},
		{name: "surrounding spaces", args: map[string]any{"product_id": "  " + id + " "}},
		{name: "unknown id", args: map[string]any{"product_id": "no-such-product"}, wantError: "Call search_products"},
		{name: "missing id", args: map[string]any{}, wantError: "product_id is required"},
		{name: "id of wrong type", args: map[string]any{"product_id": 42}, wantError: "product_id must be a string"},
		{name: "sql in id", args: map[string]any{"product_id": "x' OR '1'='1"}, wantError: "No product has id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d productDetail
			res := call(t, c, "get_product", tc.args, &d)
			if tc.wantError != "" {
				if !res.IsError || !strings.Contains(text(res), tc.wantError) {
					t.Fatalf("want error containing %q, got isError=%v %q", tc.wantError, res.IsError, text(res))
				}
				return
			}
			if res.IsError {
				t.Fatal(text(res))
			}
			if d.ID != id || d.Description == "" || d.Price.Display == "" || d.UpdatedAt == "" || d.Tags == nil {
				t.Errorf("incomplete product: %+v", d)
			}
			if !strings.Contains(text(res), d.Title) {
				t.Error("text fallback lacks the title")
			}
		})
	}
}
