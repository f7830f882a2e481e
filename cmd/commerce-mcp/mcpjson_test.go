package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mcpServerConfig is one server of an MCP client configuration (mcp.json,
// claude_desktop_config.json).
type mcpServerConfig struct {
	Command string            `json:"command"`
	Args    []string          `json:"args"`
	Env     map[string]string `json:"env"`
}

// TestShippedMCPConfig checks that the repository's mcp.json works from any directory
// and within a client's start-up timeout (a built binary, not `go run` of a path
// relative to the repository), and that it serves the same database as the Claude
// Desktop configuration the README documents.
func TestShippedMCPConfig(t *testing.T) {
	var shipped struct {
		MCPServers map[string]mcpServerConfig `json:"mcpServers"`
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "mcp.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &shipped); err != nil {
		t.Fatal(err)
	}
	got, ok := shipped.MCPServers["commerce"]
	if !ok {
		t.Fatalf("mcp.json has no commerce server: %s", b)
	}
	if got.Command == "go" || slices.Contains(got.Args, "run") {
		t.Errorf("mcp.json runs `go run`, which compiles for minutes on first use: %+v", got)
	}
	for _, s := range append([]string{got.Command}, got.Args...) {
		if strings.HasPrefix(s, ".") || (strings.Contains(s, "/") && !filepath.IsAbs(s)) {
			t.Errorf("mcp.json depends on the directory it is started in: %q", s)
		}
	}
	// The README's desktop configuration: the first JSON block after its heading.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Use it from Claude Desktop")
	_, block, _ := strings.Cut(section, "```json\n")
	block, _, _ = strings.Cut(block, "```")
	var desktop struct {
		MCPServers map[string]mcpServerConfig `json:"mcpServers"`
	}
	if err := json.Unmarshal([]byte(block), &desktop); err != nil {
		t.Fatalf("README desktop configuration: %v\n%s", err, block)
	}
	want := desktop.MCPServers["commerce"]
	if !slices.Equal(got.Args, want.Args) || got.Env["COMMERCE_DB"] != want.Env["COMMERCE_DB"] {
		t.Errorf("mcp.json serves %v %v, the README's desktop configuration %v %v", got.Args, got.Env, want.Args, want.Env)
	}
}
