package seller

import "testing"

func TestFingerprint(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"key order", `{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, true},
		{"white space", `{"a":1}`, " {\n \"a\" : 1 }\n", true},
		{"trailing zeros", `{"q":2}`, `{"q":2.0}`, true},
		{"exponent", `{"q":100}`, `{"q":1e2}`, true},
		{"decimals", `{"q":1.50}`, `{"q":1.5}`, true},
		{"other number", `{"q":2}`, `{"q":3}`, false},
		{"null is not absent", `{"a":1,"b":null}`, `{"a":1}`, false},
		{"array order", `[1,2]`, `[2,1]`, false},
		{"string is not number", `{"q":"1"}`, `{"q":1}`, false},
		{"nesting", `{"a":{"b":"c"}}`, `{"a.b":"c"}`, false},
		{"key and value boundaries", `{"ab":"c"}`, `{"a":"bc"}`, false},
		{"empty bodies", ``, "  \n", true},
		{"empty is not {}", ``, `{}`, false},
		{"invalid JSON", `{"a":`, `{"a":1}`, false},
		{"two values", `{} {}`, `{}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fingerprint([]byte(tc.a)) == fingerprint([]byte(tc.b)); got != tc.same {
				t.Errorf("fingerprint(%q) == fingerprint(%q) is %v, want %v", tc.a, tc.b, got, tc.same)
			}
		})
	}
}
