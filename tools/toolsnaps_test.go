package tools

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files: tool schema snapshots in testdata/toolsnaps, call results in testdata/golden")

// TestToolSnapshots compares every tool's definition (description, input and output
// schema, annotations) with its golden file, so that any change a model would see is a
// reviewable diff. `go test ./tools -update` rewrites them.
func TestToolSnapshots(t *testing.T) {
	tb := &Toolbox{}
	for _, st := range tb.Tools() {
		t.Run(st.Tool.Name, func(t *testing.T) {
			got, err := json.MarshalIndent(st.Tool, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "toolsnaps", st.Tool.Name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no snapshot for %s (run go test ./tools -update and commit it): %v", st.Tool.Name, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("tool %s differs from %s; if the change is intended run go test ./tools -update\ngot:\n%s", st.Tool.Name, path, got)
			}
		})
	}
}

// TestToolMetadata checks what every tool must declare: all four annotations set
// explicitly to the expected values, a description on the tool and on every argument,
// no top-level combinators in the input schema, and an output schema.
func TestToolMetadata(t *testing.T) {
	type hints struct{ readOnly, destructive, idempotent, openWorld bool }
	want := map[string]hints{
		"search_products":            {readOnly: true, idempotent: true},
		"get_product":                {readOnly: true, idempotent: true},
		"purchase":                   {openWorld: true},
		"get_order":                  {readOnly: true, idempotent: true, openWorld: true},
		"list_orders":                {readOnly: true, idempotent: true},
		"cancel_order":               {destructive: true, idempotent: true, openWorld: true},
		"recommend":                  {readOnly: true, idempotent: true},
		"get_preferences":            {readOnly: true, idempotent: true},
		"update_preferences":         {idempotent: true},
		"add_to_cart":                {},
		"update_cart":                {destructive: true, idempotent: true},
		"view_cart":                  {readOnly: true, idempotent: true},
		"clear_cart":                 {destructive: true, idempotent: true},
		"checkout":                   {openWorld: true},
		"set_shipping_address":       {},
		"get_shipping_addresses":     {readOnly: true, idempotent: true},
		"add_payment_method":         {idempotent: true, openWorld: true},
		"list_payment_methods":       {readOnly: true, idempotent: true, openWorld: true},
		"set_default_payment_method": {idempotent: true},
		"remove_payment_method":      {destructive: true, idempotent: true, openWorld: true},
		"subscribe":                  {openWorld: true},
		"list_subscriptions":         {readOnly: true, idempotent: true},
		"pause_subscription":         {idempotent: true},
		"resume_subscription":        {openWorld: true},
		"cancel_subscription":        {destructive: true, idempotent: true},
		"skip_next_renewal":          {idempotent: true},
		"change_subscription":        {openWorld: true},
	}
	tools := (&Toolbox{}).Tools()
	if len(tools) != len(want) {
		t.Errorf("got %d tools, the expectations table has %d", len(tools), len(want))
	}
	for _, st := range tools {
		tool := st.Tool
		t.Run(tool.Name, func(t *testing.T) {
			w, ok := want[tool.Name]
			if !ok {
				t.Fatalf("tool %s is missing from the expectations table", tool.Name)
			}
			a := tool.Annotations
			for name, pair := range map[string]struct {
				got  *bool
				want bool
			}{
				"readOnlyHint": {a.ReadOnlyHint, w.readOnly}, "destructiveHint": {a.DestructiveHint, w.destructive},
				"idempotentHint": {a.IdempotentHint, w.idempotent}, "openWorldHint": {a.OpenWorldHint, w.openWorld},
			} {
				if pair.got == nil || *pair.got != pair.want {
					t.Errorf("%s = %v, want %v", name, pair.got, pair.want)
				}
			}
			if tool.Description == "" || a.Title == "" {
				t.Error("tool needs a description and a title")
			}
			for name, p := range tool.InputSchema.Properties {
				if m, ok := p.(map[string]any); !ok || m["description"] == "" || m["description"] == nil {
					t.Errorf("argument %s has no description", name)
				}
			}
			raw, _ := json.Marshal(tool.InputSchema)
			var top map[string]any
			_ = json.Unmarshal(raw, &top)
			for _, k := range []string{"anyOf", "oneOf", "allOf"} {
				if _, ok := top[k]; ok {
					t.Errorf("input schema has top-level %s", k)
				}
			}
			if len(tool.RawOutputSchema) == 0 {
				t.Error("tool has no output schema")
			}
		})
	}
}
