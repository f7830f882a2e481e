package tools

import (
	"encoding/json"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
)

// outputSchema returns the JSON Schema of T for a tool's outputSchema. Slices and
// pointers are declared with their one type (the generator says "array or null"): our
// results never hold null slices, and nil pointers are omitted. Clients with
// single-type schema dialects then accept the schema.
func outputSchema[T any]() json.RawMessage {
	s, err := jsonschema.For[T](nil)
	if err != nil {
		panic(fmt.Sprintf("output schema of %T: %v", *new(T), err)) // a bug in a result type
	}
	singleTypes(s)
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("output schema of %T: %v", *new(T), err))
	}
	return b
}

func singleTypes(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if len(s.Types) == 2 && s.Types[0] == "null" {
		s.Types, s.Type = nil, s.Types[1]
	}
	for _, p := range s.Properties {
		singleTypes(p)
	}
	singleTypes(s.Items)
	singleTypes(s.AdditionalProperties)
}
