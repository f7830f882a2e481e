package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunCommandLine(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.csv")
	if err := os.WriteFile(feed, []byte("id,title,price,seller_name,availability\nx1,Trail Shoe,19.99 USD,Shop,in_stock\nx2,,5 USD,Shop,in_stock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.db")
	tests := []struct {
		name     string
		args     []string
		wantCode int    // 0 for success
		stderr   string // substring expected in stderr or the error
	}{
		{name: "help", args: []string{"help"}},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: 2, stderr: "unknown command"},
		{name: "bad flag", args: []string{"serve", "--nope"}, wantCode: 2, stderr: "flag provided but not defined"},
		{name: "bad log level", args: []string{"serve", "--db", db, "--log-level", "loud"}, wantCode: 2, stderr: "--log-level"},
		{name: "import without db", args: []string{"import", feed}, wantCode: 2, stderr: "needs --db"},
		{name: "import without files", args: []string{"import", "--db", db}, wantCode: 2, stderr: "at least one feed file"},
		{name: "import reports bad rows", args: []string{"import", "--db", db, feed}, stderr: "1 imported, 0 updated, 1 rejected"},
		{name: "import again updates", args: []string{"import", "--db", db, feed}, stderr: "0 imported, 1 updated, 1 rejected"},
		{name: "import of nothing readable", args: []string{"import", "--db", db, filepath.Join(dir, "missing.csv")}, wantCode: 1, stderr: "missing.csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			code := 0
			if err != nil {
				code = exitCode(err)
				stderr.WriteString(err.Error())
			}
			if code != tc.wantCode {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestHelpHidesSecrets checks that flag help, which prints defaults, never shows the
// secrets taken from the environment.
func TestHelpHidesSecrets(t *testing.T) {
	env := map[string]string{"STRIPE_SECRET_KEY": "sk_test_DoNotPrint", "COMMERCE_CONFIRM_KEY": "c0ffee-DoNotPrint"}
	getenv := func(k string) string { return env[k] }
	for _, args := range [][]string{{"serve", "--help"}, {"customer", "add-payment-method", "--help"}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, getenv, strings.NewReader(""), &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if err != nil {
			out += err.Error()
		}
		if !strings.Contains(out, "stripe-key") {
			t.Errorf("%v: no flag help in %q", args, out)
		}
		if strings.Contains(out, "DoNotPrint") {
			t.Errorf("%v: a secret from the environment is in the help: %q", args, out)
		}
	}
}

func TestServeUnknownCustomer(t *testing.T) {
	var stdout, stderr bytes.Buffer
	db := filepath.Join(t.TempDir(), "c.db")
	err := run(context.Background(), []string{"serve", "--db", db, "--customer", "cus_nobody"}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "customer list") {
		t.Errorf("err = %v, want a usage error pointing at `customer list`", err)
	}
}
