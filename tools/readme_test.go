package tools

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// readmeTool is a tool as the README's Tools section documents it: a heading
// "### `name`", with " (read-only)" for a read-only tool, then a table of arguments
// (| argument | type | meaning |) and a table of result fields (| result field |
// meaning |). The first cell of a row names one or more arguments or fields, each in
// backquotes, separated by commas. The type of an argument is string, number, integer,
// boolean, object or "list of strings", followed by ", required" when it is required.
type readmeTool struct {
	readOnly bool
	args     map[string]string // argument → type cell
	fields   map[string]bool   // result fields
}

var (
	readmeHeading = regexp.MustCompile("^### `([a-z_]+)`( \\(read-only\\))?$")
	readmeNames   = regexp.MustCompile("^`[a-z0-9_]+`(, `[a-z0-9_]+`)*$")
)

// readmeTools parses the Tools section of the README.
func readmeTools(t *testing.T) map[string]*readmeTool {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Tools\n")
	if !ok {
		t.Fatal("README has no ## Tools section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	tools := map[string]*readmeTool{}
	var (
		cur   *readmeTool
		table string // the header of the table being read; "" outside tables
	)
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "### ") {
			cur, table = nil, ""
			if m := readmeHeading.FindStringSubmatch(line); m != nil {
				if tools[m[1]] != nil {
					t.Errorf("README documents %s twice", m[1])
				}
				cur = &readmeTool{readOnly: m[2] != "", args: map[string]string{}, fields: map[string]bool{}}
				tools[m[1]] = cur
			}
			continue
		}
		if !strings.HasPrefix(line, "|") {
			table = ""
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case cur == nil:
			continue
		case table == "":
			table = strings.Join(cells, "|")
			if table != "argument|type|meaning" && table != "result field|meaning" {
				t.Errorf("README: a tool has a table headed %q", line)
			}
			continue
		case strings.HasPrefix(cells[0], "---"):
			continue
		case !readmeNames.MatchString(cells[0]):
			t.Errorf("README: the first cell of %q is not names in backquotes", line)
			continue
		}
		for _, name := range strings.Split(cells[0], ", ") {
			name = strings.Trim(name, "`")
			if table == "argument|type|meaning" {
				if _, dup := cur.args[name]; dup {
					t.Errorf("README: argument %s documented twice", name)
				}
				cur.args[name] = cells[1]
			} else {
				if cur.fields[name] {
					t.Errorf("README: result field %s documented twice", name)
				}
				cur.fields[name] = true
			}
		}
	}
	return tools
}

// TestReadmeDocumentsTools holds the README's Tools section equal to the tools the
// server registers: every tool, with its read-only hint; every argument, with its type
// and whether it is required; every top-level field of its output schema; and nothing
// that does not exist.
func TestReadmeDocumentsTools(t *testing.T) {
	doc := readmeTools(t)
	registered := map[string]bool{}
	for _, st := range (&Toolbox{}).Tools() {
		tool := st.Tool
		registered[tool.Name] = true
		t.Run(tool.Name, func(t *testing.T) {
			d := doc[tool.Name]
			if d == nil {
				t.Fatalf("README has no ### `%s` section", tool.Name)
			}
			if ro := *tool.Annotations.ReadOnlyHint; d.readOnly != ro {
				t.Errorf("README heading says read-only %v, the tool's hint is %v", d.readOnly, ro)
			}
			want := map[string]string{}
			for name, p := range tool.InputSchema.Properties {
				want[name] = readmeType(p, slices.Contains(tool.InputSchema.Required, name))
			}
			for name, typ := range want {
				if got, ok := d.args[name]; !ok {
					t.Errorf("argument %s is not in the README", name)
				} else if got != typ {
					t.Errorf("argument %s: README says type %q, the schema %q", name, got, typ)
				}
			}
			for name := range d.args {
				if _, ok := want[name]; !ok {
					t.Errorf("README documents argument %s, which the tool does not have", name)
				}
			}
			var out struct {
				Properties map[string]json.RawMessage `json:"properties"`
			}
			if err := json.Unmarshal(tool.RawOutputSchema, &out); err != nil {
				t.Fatal(err)
			}
			for name := range out.Properties {
				if !d.fields[name] {
					t.Errorf("result field %s is not in the README", name)
				}
			}
			for name := range d.fields {
				if _, ok := out.Properties[name]; !ok {
					t.Errorf("README documents result field %s, which the output schema does not have", name)
				}
			}
		})
	}
	for _, name := range slices.Sorted(maps.Keys(doc)) {
		if !registered[name] {
			t.Errorf("README documents tool %s, which the server does not register", name)
		}
	}
}

// readmeType is how the README writes the type of an argument with schema p.
func readmeType(p any, required bool) string {
	m, _ := p.(map[string]any)
	typ, _ := m["type"].(string)
	if typ == "array" {
		items, _ := m["items"].(map[string]any)
		it, _ := items["type"].(string)
		typ = "list of " + it + "s"
	}
	if required {
		typ += ", required"
	}
	return typ
}

// TestReadmeNamesTheDatabaseFiles holds the README's Set-up and Files sections to the
// names the code gives the files beside a database: an operator who backs up or moves
// only what the README names must not leave customers or statistics behind.
func TestReadmeNamesTheDatabaseFiles(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, section := range []string{"\n## Set-up\n", "\n## Files\n"} {
		_, text, ok := strings.Cut(readme, section)
		if !ok {
			t.Fatalf("README has no %s section", strings.TrimSpace(section))
		}
		text, _, _ = strings.Cut(text, "\n## ")
		for _, name := range []string{filepath.Base(store.FileBeside("shop.db")), filepath.Base(catalog.SalesFile("shop.db"))} {
			if !strings.Contains(text, "`"+name+"`") {
				t.Errorf("README %s does not name `%s`", strings.TrimSpace(section), name)
			}
		}
	}
}
