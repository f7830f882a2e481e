package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// A number beyond a float64 in a tool's arguments reaches the tool, which answers it
// with its own argument error, as it answers any number out of its range, instead of
// mcp-go answering the call with Go's parse text.
func TestHugeNumbersReachTheTool(t *testing.T) {
	c, _ := newTestClient(t)
	huge := json.Number("1" + strings.Repeat("0", 400))
	for _, tt := range []struct {
		name      string
		args      map[string]any
		wantError string // "" means a result
	}{
		{"limit 1e999", map[string]any{"limit": json.Number("1e999")}, "limit must be between 1 and 50"},
		{"limit -1E+999", map[string]any{"limit": json.Number("-1E+999")}, "limit must be between 1 and 50"},
		{"limit of 401 digits", map[string]any{"limit": huge}, "limit must be between 1 and 50"},
		{"limit 2.5e999", map[string]any{"limit": json.Number("2.5e999")}, "limit must be between 1 and 50"},
		{"min_rating 1e999", map[string]any{"min_rating": json.Number("1e999")}, "min_rating must be between 0 and 5"},
		{"max_price 1e999 bounds nothing", map[string]any{"query": "kettle", "max_price": json.Number("1e999")}, ""},
		{"a tiny number is zero", map[string]any{"query": "kettle", "min_price": json.Number("1e-999")}, ""},
		{"the words 1e999 are words", map[string]any{"query": "1e999 kettle"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := call(t, c, "search_products", tt.args, nil)
			if tt.wantError == "" {
				if res.IsError {
					t.Fatalf("error %q, want a result", text(res))
				}
				return
			}
			if !res.IsError || !strings.Contains(text(res), tt.wantError) {
				t.Fatalf("isError %v %q, want the error %q", res.IsError, text(res), tt.wantError)
			}
		})
	}
}

// finiteNumbers rewrites only numbers beyond a float64, keeping the message's length,
// and only in tools/call requests.
func TestFiniteNumbers(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"beyond", `{"method":"tools/call","params":{"arguments":{"limit":1e999}}}`,
			`{"method":"tools/call","params":{"arguments":{"limit":1e308}}}`},
		{"negative, longer", `{"method":"tools/call","params":{"arguments":{"a":[-12e9999,3]}}}`,
			`{"method":"tools/call","params":{"arguments":{"a":[-1e308  ,3]}}}`},
		{"in range", `{"method":"tools/call","params":{"arguments":{"limit":1e300,"b":5}}}`,
			`{"method":"tools/call","params":{"arguments":{"limit":1e300,"b":5}}}`},
		{"in a string", `{"method":"tools/call","params":{"arguments":{"query":"1e999"}}}`,
			`{"method":"tools/call","params":{"arguments":{"query":"1e999"}}}`},
		{"another method", `{"method":"prompts/get","params":{"x":1e999}}`, `{"method":"prompts/get","params":{"x":1e999}}`},
		{"not JSON", `{"method":"tools/call",1e999`, `{"method":"tools/call",1e999`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw := json.RawMessage(tt.in)
			if err := finiteNumbers(context.Background(), 1, raw); err != nil {
				t.Fatal(err)
			}
			if string(raw) != tt.want {
				t.Errorf("got %s, want %s", raw, tt.want)
			}
		})
	}
}
