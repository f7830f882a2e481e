package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
)

// bind decodes a tool call's arguments into T. Unknown arguments and values of the
// wrong type are argErrors that name the argument, rather than Go's decoder messages.
func bind[T any](req mcp.CallToolRequest) (T, error) {
	var v T
	raw, err := json.Marshal(req.GetRawArguments())
	if err != nil {
		return v, &argError{"arguments must be a JSON object"}
	}
	if string(raw) == "null" {
		return v, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err = dec.Decode(&v)
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
