package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestRunCommandLine(t *testing.T) {
	const key = "sk_test_secret1"
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		want     string // in the error, or on stdout for help
	}{
		{name: "help", args: []string{"--help"}, want: "-account KEY=acct_ID:profile_ID"},
		{name: "no accounts", wantCode: 2, want: "no accounts: give at least one --account KEY=acct_ID:profile_ID"},
		{name: "unknown flag", args: []string{"--port", "1"}, wantCode: 2, want: "flag provided but not defined: -port"},
		{name: "argument", args: []string{"--account", key + "=acct_a:profile_a", key}, wantCode: 2, want: "takes no arguments, got 1"},
		{name: "no equals", args: []string{"--account", key}, wantCode: 2, want: "--account #1: want KEY=acct_ID:profile_ID, found no '='"},
		{name: "empty key", args: []string{"--account", "=acct_a:profile_a"}, wantCode: 2, want: "--account #1: the KEY before '=' is empty"},
		{name: "space in key", args: []string{"--account", "sk test=acct_a:profile_a"}, wantCode: 2, want: "the KEY contains white space"},
		{name: "live key", args: []string{"--account", "sk_live_secret1=acct_a:profile_a"}, wantCode: 2, want: "looks like a live Stripe key"},
		{name: "no colon", args: []string{"--account", key + "=acct_a"}, wantCode: 2, want: `found no ':' in "acct_a"`},
		{name: "bad account id", args: []string{"--account", key + "=acc_a:profile_a"}, wantCode: 2, want: `account id "acc_a" must look like acct_ID`},
		{name: "empty account id", args: []string{"--account", key + "=acct_:profile_a"}, wantCode: 2, want: `account id "acct_" must look like`},
		{name: "bad profile", args: []string{"--account", key + "=acct_a:prof_a"}, wantCode: 2, want: `profile "prof_a" must look like profile_ID`},
		{name: "odd characters", args: []string{"--account", key + "=acct_a:profile_a/b"}, wantCode: 2, want: `profile "profile_a/b"`},
		{name: "second account bad", args: []string{"--account", key + "=acct_a:profile_a", "--account", "sk_test_2=acct_b"},
			wantCode: 2, want: "--account #2: want KEY=acct_ID:profile_ID, found no ':'"},
		{name: "duplicate key", args: []string{"--account", key + "=acct_a:profile_a", "--account", key + "=acct_b:profile_b"},
			wantCode: 2, want: "--account #2: add account acct_b: secret key already registered"},
		{name: "shared profile", args: []string{"--account", key + "=acct_a:profile_a", "--account", "sk_test_2=acct_b:profile_a"},
			wantCode: 2, want: "--account #2: add account acct_b: profile profile_a belongs to acct_a"},
		{name: "env account bad", env: map[string]string{accountsEnv: key + "=acct_a:profile_a " + key}, wantCode: 2,
			want: accountsEnv + " entry 2: want KEY=acct_ID:profile_ID"},
		{name: "bad log level", args: []string{"--account", key + "=acct_a:profile_a", "--log-level", "loud"}, wantCode: 2, want: "--log-level"},
		{name: "bad shutdown timeout", args: []string{"--account", key + "=acct_a:profile_a", "--shutdown-timeout", "0s"}, wantCode: 2, want: "--shutdown-timeout"},
		{name: "bad address", args: []string{"--account", key + "=acct_a:profile_a", "--addr", "256.0.0.1:1"}, wantCode: 1, want: "listen on 256.0.0.1:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, env(tc.env), &stdout, &stderr)
			code, out := 0, stdout.String()
			if err != nil {
				code, out = exitCode(err), err.Error()
			}
			if code != tc.wantCode || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d %q, want %d with %q", code, out, tc.wantCode, tc.want)
			}
			if strings.Contains(out+stderr.String(), "secret1") {
				t.Errorf("a key was printed: %q %q", out, stderr.String())
			}
		})
	}
}

// TestRunServes starts the emulator with an agent and a seller account from the
// environment, issues a token as the agent, reads it as the seller, and shuts down.
func TestRunServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	var stderr syncbuf.Buffer
	done := make(chan error, 1)
	accounts := "sk_test_agentsecret=acct_agent:profile_test_agent sk_test_shopsecret=acct_shop:profile_test_shop"
	stateFile := filepath.Join(t.TempDir(), "state.json")
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--state-file", stateFile}, env(map[string]string{accountsEnv: accounts}), outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no listening line: %v (stderr %s)", err, stderr.String())
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "stripe-sandbox listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("stdout line %q", line)
	}
	go io.Copy(io.Discard, outR)

	form := url.Values{
		"payment_method": {"pm_card_visa"},
		"seller_details[network_business_profile]": {"profile_test_shop"},
		"usage_limits[currency]":                   {"usd"},
		"usage_limits[max_amount]":                 {"1000"},
		"usage_limits[expires_at]":                 {"4102444800"}, // 2100-01-01
	}
	var issued struct{ ID string }
	if code := call(t, "POST", base+"/v1/shared_payment/issued_tokens", "sk_test_agentsecret", form, &issued); code != 200 || !strings.HasPrefix(issued.ID, "spt_") {
		t.Fatalf("issue: HTTP %d, %+v", code, issued)
	}
	var granted struct {
		ID          string
		UsageLimits struct {
			MaxAmount int64 `json:"max_amount"`
		} `json:"usage_limits"`
	}
	if code := call(t, "GET", base+"/v1/shared_payment/granted_tokens/"+issued.ID, "sk_test_shopsecret", nil, &granted); code != 200 || granted.UsageLimits.MaxAmount != 1000 {
		t.Errorf("granted token: HTTP %d, %+v", code, granted)
	}
	if code := call(t, "GET", base+"/v1/shared_payment/granted_tokens/"+issued.ID, "sk_test_unknown", nil, nil); code != 401 {
		t.Errorf("unknown key: HTTP %d, want 401", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel: %v", err)
	}
	// The state file shows the token issued, still active.
	b, err := os.ReadFile(stateFile)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Tokens []struct{ ID, Issuer, Status string }
	}
	if err := json.Unmarshal(b, &st); err != nil || len(st.Tokens) != 1 || st.Tokens[0].ID != issued.ID ||
		st.Tokens[0].Issuer != "acct_agent" || st.Tokens[0].Status != "active" {
		t.Errorf("state file: %v %s", err, b)
	}
	if fi, err := os.Stat(stateFile); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("state file mode: %v", fi.Mode())
	}
	logs := stderr.String()
	for _, want := range []string{"account id=acct_agent profile=profile_test_agent", "stripe sandbox listening",
		"path=/v1/shared_payment/issued_tokens status=200", "path=/v1/shared_payment/granted_tokens/spt_… status=401", "shutting down"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	for _, secret := range []string{"secret", issued.ID} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a secret:\n%s", logs)
		}
	}
}

// call makes one form-encoded request with the preview Stripe-Version and decodes the
// JSON answer into out (when not nil); it returns the HTTP status.
func call(t *testing.T, method, u, key string, form url.Values, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Stripe-Version", "2026-04-22.preview")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: %v", method, u, err)
		}
	}
	return resp.StatusCode
}

func TestMaskPath(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"collection", "/v1/payment_intents", "/v1/payment_intents"},
		{"token", "/v1/shared_payment/issued_tokens/spt_ABC123/revoke", "/v1/shared_payment/issued_tokens/spt_…/revoke"},
		{"test helper", "/v1/test_helpers/shared_payment/granted_tokens/spt_x/revoke", "/v1/test_helpers/shared_payment/granted_tokens/spt_…/revoke"},
		{"payment method", "/v1/payment_methods/pm_card_visa", "/v1/payment_methods/pm_…"},
		{"unknown", "/v2/notaprefixatall_x", "/…/…"},
		{"no prefix", "/v1/payment_intents/abc", "/v1/payment_intents/…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := maskPath(tc.in); got != tc.want {
				t.Errorf("maskPath(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestWriteState writes the state file over what a shared directory may hold: a
// leftover world-readable temporary file, a planted symlink, a path it cannot be
// renamed to. The state file is 0600 whatever was there, nothing is written through a
// symlink, and a failed write leaves no temporary file behind.
func TestWriteState(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir, path string)
		wantErr bool
	}{
		{name: "a leftover temporary file", prepare: func(t *testing.T, dir, path string) {
			if err := os.WriteFile(path+".tmp", []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a planted symlink", prepare: func(t *testing.T, dir, path string) {
			if err := os.WriteFile(filepath.Join(dir, "target"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(dir, "target"), path+".tmp"); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a directory in the way", wantErr: true, prepare: func(t *testing.T, dir, path string) {
			if err := os.MkdirAll(filepath.Join(path, "x"), 0o700); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			tt.prepare(t, dir, path)
			before := entries(t, dir)
			err := writeState(path, stripesim.New(stripesim.Options{}))
			if (err != nil) != tt.wantErr {
				t.Fatalf("writeState: %v; want an error: %v", err, tt.wantErr)
			}
			if tt.wantErr {
				if after := entries(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
					t.Errorf("files after a failed write %v, before %v", after, before)
				}
				return
			}
			if fi, err := os.Lstat(path); err != nil {
				t.Error(err)
			} else if fi.Mode() != 0o600 {
				t.Errorf("state file mode %v; want a regular file, 0600", fi.Mode())
			}
			if b, err := os.ReadFile(filepath.Join(dir, "target")); err == nil && len(b) != 0 {
				t.Errorf("written through the symlink: %s", b)
			}
		})
	}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
