package tools

import (
	"errors"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// bind's errors name what the model must fix: the argument, or the arguments as a
// whole when they are not an object (never an empty name).
func TestBindNamesWhatIsWrong(t *testing.T) {
	type args struct {
		ProductID string `json:"product_id"`
		Quantity  *int   `json:"quantity"`
	}
	for _, tt := range []struct {
		name string
		args any
		want string
	}{
		{"a list", []any{"nw-actv-0001"}, "arguments must be a JSON object"},
		{"a string", "nw-actv-0001", "arguments must be a JSON object"},
		{"a number", 7, "arguments must be a JSON object"},
		{"wrong type", map[string]any{"quantity": "2"}, "quantity must be a whole number"},
		{"unknown argument", map[string]any{"colour": "red"}, `unknown argument "colour"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var req mcp.CallToolRequest
			req.Params.Arguments = tt.args
			_, err := bind[args](req)
			var ae *argError
			if !errors.As(err, &ae) || ae.msg != tt.want {
				t.Errorf("bind = %v, want %q", err, tt.want)
			}
		})
	}
}
