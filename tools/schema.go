package tools

import (
	"encoding/json"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
)

// outputSchema returns the JSON Schema of T for a tool's outputSchema. Slices are
// declared as plain arrays (the generator says "array or null"; our results never hold
// null slices) so that clients with single-type schema dialects accept them.
func outputSchema[T any]() json.RawMessage {
	s, err := jsonschema.For[T](nil)
	if err != nil {
		panic(fmt.Sprintf("output schema of %T: %v", *new(T), err)) // a bug in a result type
	}
	plainArrays(s)
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("output schema of %T: %v", *new(T), err))
	}
	return b
}

func plainArrays(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if len(s.Types) == 2 && s.Types[0] == "null" && s.Types[1] == "array" {
		s.Types, s.Type = nil, "array"
	}
	for _, p := range s.Properties {
		plainArrays(p)
	}
	plainArrays(s.Items)
	plainArrays(s.AdditionalProperties)
}
