package tools

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
)

// TestInputSchemasMatchArgs holds every tool's input schema equal to the struct its
// handler binds the arguments into: the same argument names (json tags) with the same
// JSON types, nested objects included, so that an argument cannot be declared and not
// read, or read and not declared. A required argument left out is an error naming it.
func TestInputSchemasMatchArgs(t *testing.T) {
	args := map[string]reflect.Type{
		"search_products":            reflect.TypeFor[searchProductsArgs](),
		"get_product":                reflect.TypeFor[getProductArgs](),
		"recommend":                  reflect.TypeFor[recommendArgs](),
		"purchase":                   reflect.TypeFor[purchaseArgs](),
		"get_order":                  reflect.TypeFor[getOrderArgs](),
		"list_orders":                reflect.TypeFor[listOrdersArgs](),
		"cancel_order":               reflect.TypeFor[cancelOrderArgs](),
		"get_preferences":            reflect.TypeFor[struct{}](),
		"update_preferences":         reflect.TypeFor[updatePreferencesArgs](),
		"add_to_cart":                reflect.TypeFor[cartChangeArgs](),
		"update_cart":                reflect.TypeFor[cartChangeArgs](),
		"view_cart":                  reflect.TypeFor[struct{}](),
		"clear_cart":                 reflect.TypeFor[struct{}](),
		"checkout":                   reflect.TypeFor[checkoutArgs](),
		"set_shipping_address":       reflect.TypeFor[setAddressArgs](),
		"get_shipping_addresses":     reflect.TypeFor[struct{}](),
		"add_payment_method":         reflect.TypeFor[addPaymentMethodArgs](),
		"list_payment_methods":       reflect.TypeFor[struct{}](),
		"set_default_payment_method": reflect.TypeFor[changeMethodArgs](),
		"remove_payment_method":      reflect.TypeFor[changeMethodArgs](),
		"subscribe":                  reflect.TypeFor[subscribeArgs](),
		"list_subscriptions":         reflect.TypeFor[struct{}](),
		"pause_subscription":         reflect.TypeFor[subscriptionIDArgs](),
		"resume_subscription":        reflect.TypeFor[resumeArgs](),
		"cancel_subscription":        reflect.TypeFor[subscriptionIDArgs](),
		"skip_next_renewal":          reflect.TypeFor[skipArgs](),
		"change_subscription":        reflect.TypeFor[changeSubscriptionArgs](),
	}
	s := newStorefront(t)
	c, _ := connect(t, s.tb)
	for _, st := range s.tb.Tools() {
		tool := st.Tool
		t.Run(tool.Name, func(t *testing.T) {
			typ, ok := args[tool.Name]
			if !ok {
				t.Fatalf("no args struct for %s in this test", tool.Name)
			}
			want, err := jsonschema.ForType(typ, nil)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := json.Marshal(tool.InputSchema)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			compareSchema(t, "", got, want)
			for _, name := range tool.InputSchema.Required {
				res := call(t, c, tool.Name, map[string]any{}, nil)
				if !res.IsError || !strings.Contains(text(res), name) {
					t.Errorf("without the required %s: %s", name, text(res))
				}
			}
		})
	}
}

// compareSchema reports where the declared schema got (decoded JSON) and the schema
// of the args struct want differ in property names or types; path names the place.
func compareSchema(t *testing.T, path string, got map[string]any, want *jsonschema.Schema) {
	t.Helper()
	place := strings.TrimPrefix(path, ".")
	if place == "" {
		place = "arguments"
	}
	if g, w := got["type"], jsonType(want); g != w {
		t.Errorf("%s: declared type %v, the args struct has %s", place, g, w)
		return
	}
	if items, ok := got["items"].(map[string]any); ok && want.Items != nil {
		compareSchema(t, path+"[]", items, want.Items)
	}
	if add, ok := got["additionalProperties"].(map[string]any); ok && want.AdditionalProperties != nil {
		compareSchema(t, path+".*", add, want.AdditionalProperties)
	}
	props, _ := got["properties"].(map[string]any)
	if len(props) == 0 && len(want.Properties) == 0 {
		return
	}
	names := slices.Sorted(maps.Keys(props))
	if wantNames := slices.Sorted(maps.Keys(want.Properties)); !slices.Equal(names, wantNames) {
		t.Errorf("%s: declared properties %v, the args struct has %v", place, names, wantNames)
		return
	}
	for _, name := range names {
		p, _ := props[name].(map[string]any)
		compareSchema(t, path+"."+name, p, want.Properties[name])
	}
}

// jsonType is the one JSON type of s; a pointer's "null or T" is T.
func jsonType(s *jsonschema.Schema) string {
	if s.Type != "" {
		return s.Type
	}
	for _, typ := range s.Types {
		if typ != "null" {
			return typ
		}
	}
	return ""
}
