package catalog

import (
	"encoding/json"
	"strings"
)

// The tags and attributes columns hold what Upsert wrote with json.Marshal: an array of
// strings and an object of strings. Reading them is on the path of every search hit,
// so the common case — no escapes — is split directly; anything else goes through
// encoding/json.

// decodeTags decodes a tags column.
func decodeTags(s string) ([]string, error) {
	if s == "[]" || s == "" || s == "null" {
		return nil, nil
	}
	if !strings.ContainsRune(s, '\\') && len(s) >= 4 && s[0] == '[' && s[len(s)-1] == ']' {
		if out, ok := splitQuoted(s[1:len(s)-1], ','); ok {
			return out, nil
		}
	}
	var out []string
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}

// decodeAttributes decodes an attributes column.
func decodeAttributes(s string) (map[string]string, error) {
	if s == "{}" || s == "" || s == "null" {
		return nil, nil
	}
	if !strings.ContainsRune(s, '\\') && len(s) >= 7 && s[0] == '{' && s[len(s)-1] == '}' {
		if kv, ok := splitQuoted(s[1:len(s)-1], ':', ','); ok && len(kv)%2 == 0 {
			out := make(map[string]string, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				out[kv[i]] = kv[i+1]
			}
			return out, nil
		}
	}
	var out map[string]string
	err := json.Unmarshal([]byte(s), &out)
	return out, err
}

// splitQuoted splits `"a","b"` (seps ',') or `"k":"v","k2":"v2"` (seps ':', ',') into
// its strings; the separator after the i-th string must be seps[i%len(seps)]. Without
// backslashes a JSON string cannot contain a quote, so each string runs from one quote
// to the next. It reports false on anything unexpected.
func splitQuoted(s string, seps ...byte) ([]string, bool) {
	var out []string
	for {
		if len(s) < 2 || s[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return nil, false
		}
		out = append(out, s[1:1+end])
		s = s[2+end:]
		if s == "" {
			return out, true
		}
		if s[0] != seps[(len(out)-1)%len(seps)] {
			return nil, false
		}
		s = s[1:]
	}
}
