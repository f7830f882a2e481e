package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
)

// bind decodes a tool call's arguments into T. Unknown arguments and values of the
// wrong type are argErrors that name the argument, rather than Go's decoder messages.
// A whole number too large (or too small) for an int is read as the nearest int, so
// that the tool's own range check refuses it and says the range.
func bind[T any](req mcp.CallToolRequest) (T, error) {
	var v T
	raw, err := json.Marshal(req.GetRawArguments())
	if err != nil {
		return v, &argError{"arguments must be a JSON object"}
	}
	if string(raw) == "null" {
		return v, nil
	}
	for range maxOverflowing {
		v, err = decodeArgs[T](raw)
		field, nearest, ok := overflow(err)
		if !ok {
			break
		}
		if raw, ok = replaceArg(raw, field, nearest); !ok {
			break
		}
	}
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return v, nil
	case errors.As(err, &typeErr) && typeErr.Field == "": // the arguments themselves
		return v, &argError{"arguments must be a JSON object"}
	case errors.As(err, &typeErr):
		return v, &argError{fmt.Sprintf("%s must be %s", typeErr.Field, kind(typeErr.Type.Kind().String()))}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return v, &argError{fmt.Sprintf("unknown argument %s", strings.TrimPrefix(err.Error(), "json: unknown field "))}
	}
	return v, &argError{"arguments must be a JSON object"}
}

// maxOverflowing bounds how many overflowing whole numbers bind replaces in one call.
const maxOverflowing = 8

func decodeArgs[T any](raw []byte) (T, error) {
	var v T
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&v)
	return v, err
}

// overflow reports whether err is a whole number beyond the range of an int in a
// top-level argument, and the nearest int as JSON.
func overflow(err error) (field, nearest string, ok bool) {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field == "" || strings.Contains(typeErr.Field, ".") || typeErr.Type.Kind() != reflect.Int {
		return "", "", false
	}
	f, perr := strconv.ParseFloat(strings.TrimPrefix(typeErr.Value, "number "), 64)
	switch {
	case !strings.HasPrefix(typeErr.Value, "number ") || perr != nil || f != math.Trunc(f):
		return "", "", false
	case f >= math.MaxInt:
		return typeErr.Field, strconv.Itoa(math.MaxInt), true
	case f <= math.MinInt:
		return typeErr.Field, strconv.Itoa(math.MinInt), true
	}
	return "", "", false
}

// replaceArg sets the top-level argument field of the JSON object raw to value.
func replaceArg(raw []byte, field, value string) ([]byte, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return raw, false
	}
	if _, ok := m[field]; !ok {
		return raw, false
	}
	m[field] = json.RawMessage(value)
	out, err := json.Marshal(m)
	return out, err == nil
}

func kind(k string) string {
	switch k {
	case "float64", "float32":
		return "a number"
	case "int", "int64", "int32":
		return "a whole number"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "map", "struct":
		return "an object"
	case "ptr":
		return "a value of another type"
	}
	return "of another type"
}

// enumWord reads a value of an enumerated argument as its values are written: the
// words a model or a person may send for one ("PRICE_ASC", " Rating ", "price-asc",
// "Partially Refunded") in lower case, trimmed, with spaces and hyphens between
// words as underscores, and the British "cancelled" as "canceled". What is still no
// value is refused by the tool, naming the values.
func enumWord(v string) string {
	v = strings.Join(strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
	return strings.ReplaceAll(v, "cancelled", "canceled")
}
