package feed

import (
	"bytes"
	"encoding/json"
	"strings"
)

// The helpers in this file read loosely typed JSON members. Each takes the member's
// name, used in reasons ("variants[1].price.amount should be a number, not text").

// kind names the type of a JSON value for people.
func kind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "text"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// text reads a string (or a number, written as is) of at most maxFieldLen bytes as
// written. An object is accepted when one of
// keys holds text; the first non-empty one is used. Absent and null give "".
func text(name string, raw json.RawMessage, keys ...string) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	if len(raw) > maxFieldLen {
		return "", bad("%s is longer than 64 KiB: %s", name, shortenIt)
	}
	switch k := kind(raw); k {
	case "text":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", bad("%s is not valid JSON text", name)
		}
		return s, nil
	case "a number":
		return string(bytes.TrimSpace(raw)), nil
	case "an object":
		if len(keys) > 0 {
			obj, _ := decodeObject(raw)
			for _, key := range keys {
				s, err := text(name+"."+key, obj[key])
				if err != nil || s != "" {
					return s, err
				}
			}
			return "", nil
		}
		return "", bad("%s should be text, not %s", name, k)
	default:
		return "", bad("%s should be text, not %s", name, k)
	}
}

// richText reads a description: a string, or an object with plain, markdown or html
// (tried in that order; HTML is reduced to its text).
func richText(name string, raw json.RawMessage) (string, error) {
	if kind(raw) != "an object" {
		return text(name, raw)
	}
	obj, _ := decodeObject(raw)
	for _, key := range []string{"plain", "markdown", "html"} {
		s, err := text(name+"."+key, obj[key])
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(s) != "" {
			if key == "html" {
				s = htmlText(s)
			}
			return s, nil
		}
	}
	return "", nil
}

// objects reads a list of objects, with canonical keys. Absent and null give nil.
func objects(name string, raw json.RawMessage) ([]map[string]json.RawMessage, error) {
	if isNull(raw) {
		return nil, nil
	}
	if k := kind(raw); k != "a list" {
		return nil, bad("%s should be a list, not %s", name, k)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, bad("%s is not a valid list", name)
	}
	out := make([]map[string]json.RawMessage, 0, len(items))
	for i, it := range items {
		obj, reason := decodeObject(it)
		if reason != "" {
			return nil, bad("%s[%d] should be an object, not %s", name, i, kind(it))
		}
		out = append(out, obj)
	}
	return out, nil
}

// object reads one object, with canonical keys. Absent and null give nil.
func object(name string, raw json.RawMessage) (map[string]json.RawMessage, error) {
	if isNull(raw) {
		return nil, nil
	}
	obj, reason := decodeObject(raw)
	if reason != "" {
		return nil, bad("%s should be an object, not %s", name, kind(raw))
	}
	return obj, nil
}
