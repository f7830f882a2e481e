package tools

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
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

// A whole number beyond an int's range is read as the nearest int, so the tool's range
// check refuses it with the range instead of bind calling it not a whole number; a
// fraction is still not a whole number.
func TestBindReadsHugeWholeNumbersAsTheNearest(t *testing.T) {
	type args struct {
		Quantity *int `json:"quantity"`
		Limit    *int `json:"limit"`
	}
	ptr := func(n int) *int { return &n }
	for _, tt := range []struct {
		name    string
		args    map[string]any
		want    args
		wantErr string
	}{
		{"2^63", map[string]any{"quantity": json.Number("9223372036854775808")}, args{Quantity: ptr(math.MaxInt)}, ""},
		{"1e30 from a float", map[string]any{"quantity": 1e30}, args{Quantity: ptr(math.MaxInt)}, ""},
		{"-2^64", map[string]any{"quantity": json.Number("-18446744073709551616")}, args{Quantity: ptr(math.MinInt)}, ""},
		{"two of them", map[string]any{"quantity": 1e30, "limit": -1e30}, args{Quantity: ptr(math.MaxInt), Limit: ptr(math.MinInt)}, ""},
		{"in range", map[string]any{"quantity": 3}, args{Quantity: ptr(3)}, ""},
		{"a fraction", map[string]any{"quantity": 1.5}, args{}, "quantity must be a whole number"},
		{"a huge fraction-free string", map[string]any{"quantity": "9223372036854775808"}, args{}, "quantity must be a whole number"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var req mcp.CallToolRequest
			req.Params.Arguments = tt.args
			got, err := bind[args](req)
			var ae *argError
			switch {
			case tt.wantErr != "":
				if !errors.As(err, &ae) || ae.msg != tt.wantErr {
					t.Errorf("bind = %v, want %q", err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("bind: %v", err)
			case !reflect.DeepEqual(got, tt.want):
				t.Errorf("bind = %+v, want %+v", got, tt.want)
			}
		})
	}
}
