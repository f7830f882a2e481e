package catalog

import (
	"slices"
	"strings"
	"testing"
)

// TestFunctionParts checks which queries functionParts reads as a thing named by what
// it does, and its verb and object.
func TestFunctionParts(t *testing.T) {
	v := BuiltinVocabulary()
	tests := []struct {
		name, text, verb, object string
		ok                       bool
	}{
		{"that", "machine that makes toast", "makes", "toast", true},
		{"to, after filler", "i need a thing to open wine", "open", "wine", true},
		{"for, an -ing verb", "something for cutting hair", "cutting", "hair", true},
		{"words between the verb and its object", "a gadget that opens a bottle of wine", "opens", "bottle wine", true},
		{"used for", "tool used for stripping wires", "stripping", "wires", true},
		{"no link", "tool kit", "", "", false},
		{"no thing word", "shoes for running", "", "", false},
		{"more after the object", "a machine that makes toast for under 30 dollars with a timer", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			verb, object, ok := functionParts(strings.Fields(tt.text), v)
			if ok != tt.ok || verb != tt.verb || strings.Join(object, " ") != tt.object {
				t.Errorf("functionParts(%q) = %q, %q, %v; want %q, %q, %v", tt.text, verb, object, ok, tt.verb, tt.object, tt.ok)
			}
		})
	}
}

// TestAgentNouns checks the nouns of the thing that does a verb.
func TestAgentNouns(t *testing.T) {
	tests := []struct{ verb, want string }{
		{"shreds", "shredder"},
		{"opening", "opener"},
		{"makes", "maker"},
		{"cutting", "cutter"},
		{"purifies", "purifier"},
		{"grinds", "grinder"},
		{"peel", "peeler"},
		{"dries", "dryer"},
	}
	for _, tt := range tests {
		if got := agentNouns(tt.verb); !slices.Contains(got, tt.want) {
			t.Errorf("agentNouns(%q) = %q, want %q among them", tt.verb, got, tt.want)
		}
	}
}
