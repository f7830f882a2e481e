package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSellerChange checks that `import` refuses, row by row, to move a product
// to another seller unless --allow-seller-change is given.
func TestImportSellerChange(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const head = "item_id,title,price,seller_name\n"
	own := write("own.csv", head+"X,Lamp,10 USD,Acme\n")
	other := write("other.csv", head+"X,Lamp,1 USD,Mill Street\nZ,Jug,3 USD,Mill Street\n")
	tests := []struct {
		name   string
		args   []string
		stderr []string // substrings
	}{
		{name: "first import", args: []string{"import", "--db", db, own}, stderr: []string{"own.csv: 1 imported, 0 updated, 0 rejected"}},
		{name: "another seller's feed is refused for that row", args: []string{"import", "--db", db, other}, stderr: []string{
			`other.csv:2: product "X" is sold by seller "acme" in the catalog, not "mill-street"; pass --allow-seller-change to move it`,
			"other.csv: 1 imported, 0 updated, 1 rejected",
		}},
		{name: "the flag allows it", args: []string{"import", "--db", db, "--allow-seller-change", other}, stderr: []string{"other.csv: 0 imported, 2 updated, 0 rejected"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), tc.args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q lacks %q", stderr.String(), want)
				}
			}
		})
	}
}
