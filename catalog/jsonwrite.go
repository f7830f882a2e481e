package catalog

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The JSON that Upsert stores beside a product (its tags and attributes, its card, its
// category keys) is written here without reflection, byte for byte as encoding/json
// writes it (FuzzJSONWriteEqualsEncodingJSON holds them equal): a product costs
// encoding/json a dozen allocations, on the import's busiest goroutines. Strings that
// need escaping, and numbers encoding/json writes with an exponent, are written by
// encoding/json itself.

// appendJSONString appends s as a JSON string, as json.Marshal writes it (html true,
// escaping <, > and &) or an Encoder with SetEscapeHTML(false) does.
func appendJSONString(b []byte, s string, html bool) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
			return appendEscaped(b, s, html)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendEscaped appends s as encoding/json writes it, escapes and all.
func appendEscaped(b []byte, s string, html bool) []byte {
	var w strings.Builder
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(s) // a string cannot fail to encode
	return append(b, strings.TrimSuffix(w.String(), "\n")...)
}

// appendJSONFloat appends f as encoding/json writes a float64 (finite: ratings are).
func appendJSONFloat(b []byte, f float64) []byte {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) || math.IsInf(f, 0) {
		out, _ := json.Marshal(f) // NaN and ±Inf fail, as they would in encoding/json; Normalize refuses them
		return append(b, out...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// jsonStrings is json.Marshal of a list of strings, except that nil is "[]" too.
func jsonStrings(list []string) string {
	b := make([]byte, 0, 16*len(list)+2)
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s, true)
	}
	return string(append(b, ']'))
}

// jsonObject is json.Marshal of a map of strings that is not nil: its keys in order.
func jsonObject(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 32*len(m)+2)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k, true)
		b = append(b, ':')
		b = appendJSONString(b, m[k], true)
	}
	return string(append(b, '}'))
}
