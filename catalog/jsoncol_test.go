package catalog

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestJSONColumns checks the fast decoders against encoding/json on what json.Marshal
// writes, escapes included.
func TestJSONColumns(t *testing.T) {
	tagCases := [][]string{nil, {}, {"a"}, {"trail", "running shoes", "waterproof"}, {`say "hi"`, `back\\slash`, "<tag>&", "emoji 🏃", "comma, colon: x"}, {""}}
	for _, tags := range tagCases {
		b, _ := json.Marshal(tags)
		got, err := decodeTags(string(b))
		if err != nil {
			t.Fatalf("decodeTags(%s): %v", b, err)
		}
		if len(tags) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tags) {
			t.Errorf("decodeTags(%s) = %q, want %q", b, got, tags)
		}
	}
	attrCases := []map[string]string{nil, {}, {"color": "red"}, {"color": "Sage", "size": "M", "material": "wool, merino"}, {`q"uote`: `v\\al`, "k:": ":v", "": ""}}
	for _, attrs := range attrCases {
		b, _ := json.Marshal(attrs)
		got, err := decodeAttributes(string(b))
		if err != nil {
			t.Fatalf("decodeAttributes(%s): %v", b, err)
		}
		if len(attrs) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, attrs) {
			t.Errorf("decodeAttributes(%s) = %q, want %q", b, got, attrs)
		}
	}
	if got, _ := decodeAttributes(`{"a":"b":"c","d"}`); got != nil {
		t.Errorf("malformed attributes decoded as %q", got)
	}
	for _, bad := range []string{`["a"`, `[1,2]`, `{"a":1}`, `["a" "b"]`} {
		if _, err := decodeTags(bad); err == nil {
			if _, err2 := decodeAttributes(bad); err2 == nil {
				t.Errorf("%s decoded as tags and attributes", bad)
			}
		}
	}
}
