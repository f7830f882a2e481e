package feed

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestScanFlatObjectAgreesWithDecoding checks that the fast reading of a flat JSON
// line, whenever it accepts one, gives what decoding it with encoding/json gives, and
// that it leaves everything unusual to encoding/json.
func TestScanFlatObjectAgreesWithDecoding(t *testing.T) {
	tests := []struct {
		name string
		line string
		fast bool // scanFlatObject accepts it
	}{
		{"plain", `{"item_id":"A1","title":"Lamp","price":"9.99 USD"}`, true},
		{"spaces", ` { "item_id" : "A1" , "price" : 9.5 , "is_eligible_search" : false, "gtin": null } `, true},
		{"escapes", `{"item_id":"A\"1","title":"L\u00e9 \\ lamp\n"}`, true},
		{"unicode", `{"item_id":"A1","title":"Crème ☕ 🥐"}`, true},
		{"empty object", `{}`, true},
		{"nested object", `{"item_id":"A1","variants":[{"id":"v"}]}`, false},
		{"repeated key", `{"item_id":"A1","item_id":"B2"}`, false},
		{"key to canonicalise", `{"Item ID":"A1"}`, false},
		{"invalid UTF-8", "{\"item_id\":\"A\xff\"}", false},
		{"raw control character", "{\"item_id\":\"A\x01\"}", false},
		{"bad escape", `{"item_id":"A\q"}`, false},
		{"bad number", `{"price":01}`, false},
		{"trailing text", `{"item_id":"A1"} x`, false},
		{"not an object", `["A1"]`, false},
		{"unterminated", `{"item_id":"A1"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fast, ok := scanFlatObject([]byte(tc.line))
			if ok != tc.fast {
				t.Fatalf("scanFlatObject accepted = %v, want %v", ok, tc.fast)
			}
			if !ok {
				return
			}
			var raw map[string]json.RawMessage
			if err := json.Unmarshal([]byte(tc.line), &raw); err != nil {
				t.Fatalf("encoding/json refuses what scanFlatObject accepted: %v", err)
			}
			got, want := map[string]string{}, map[string]string{}
			for k, v := range fast {
				got[k] = scalarText(v)
			}
			for k, v := range raw {
				want[columnKey(k)] = scalarText(v)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("fast %v, encoding/json %v", got, want)
			}
		})
	}
}
