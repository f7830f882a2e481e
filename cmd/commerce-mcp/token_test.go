package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// createTokenCLI runs token create with args and returns the secret it printed, after
// checking that the secret is all that stdout holds.
func createTokenCLI(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	r := runCLI(t, env, append([]string{"token", "create"}, args...)...)
	if r.code != 0 {
		t.Fatalf("token create %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	if !regexp.MustCompile(`^cmcp_[A-Za-z0-9_-]{43}\n$`).MatchString(r.stdout) {
		t.Fatalf("token create printed %q on stdout, want the token alone on one line", r.stdout)
	}
	if !strings.Contains(r.stderr, "created token tok_") || !strings.Contains(r.stderr, "shown only this once") {
		t.Errorf("token create told the operator %q", r.stderr)
	}
	secret := strings.TrimSuffix(r.stdout, "\n")
	if strings.Contains(r.stderr, secret) {
		t.Errorf("token create repeated the secret on stderr")
	}
	return secret
}

func TestTokenCommands(t *testing.T) {
	db := adminDB(t)
	env := map[string]string{"COMMERCE_DB": db}
	s := testshop.Store(t, store.FileBeside(db))
	ctx := context.Background()
	ann, err := s.CreateCustomer(ctx, store.Customer{Email: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := s.CreateCustomer(ctx, store.Customer{Email: "bob@example.com"})
	if err != nil {
		t.Fatal(err)
	}

	laptop := createTokenCLI(t, env, "--customer", ann.ID, "--name", "laptop")
	ci := createTokenCLI(t, env, "--customer", "bob@example.com", "--name", "ci", "--expires", "0")
	phone := createTokenCLI(t, env, "--customer", ann.ID, "--name", "phone", "--expires", "90d")
	secrets := []string{laptop, ci, phone}
	for i, want := range []string{ann.ID, bob.ID, ann.ID} {
		got, err := s.Authenticate(ctx, secrets[i], time.Now())
		if err != nil || got != want {
			t.Errorf("token %d authenticates as %q, %v; want %q", i, got, err, want)
		}
	}
	// The expiries: 30 days by default, never with 0, 90 days with 90d.
	list, err := s.Tokens(ctx, "")
	if err != nil || len(list) != 3 {
		t.Fatalf("Tokens = %v, %v", list, err)
	}
	byName := map[string]store.Token{}
	for _, tok := range list {
		byName[tok.Name] = tok
	}
	for name, want := range map[string]time.Duration{"laptop": 720 * time.Hour, "ci": 0, "phone": 90 * 24 * time.Hour} {
		tok := byName[name]
		var got time.Duration
		if !tok.Expires.IsZero() {
			got = tok.Expires.Sub(tok.Created)
		}
		if got != want {
			t.Errorf("%s: valid for %v, want %v", name, got, want)
		}
	}

	tests := []cliCase{
		{name: "no subcommand", args: []string{"token"}, wantCode: 2, stderr: "token needs a subcommand: create, list, revoke"},
		{name: "unknown subcommand", args: []string{"token", "rotate"}, wantCode: 2, stderr: `unknown token subcommand "rotate"`},
		{name: "create without customer", args: []string{"token", "create"}, wantCode: 2, stderr: "--customer ID is required"},
		{name: "create for an unknown customer", args: []string{"token", "create", "--customer", "cus_nope"}, wantCode: 1,
			stderr: "no customer with id cus_nope; run `commerce-mcp customer list --db "},
		{name: "create for an unknown email", args: []string{"token", "create", "--customer", "nope@example.com"}, wantCode: 1,
			stderr: "no customer with email nope@example.com"},
		{name: "create with a bad expiry", args: []string{"token", "create", "--customer", "{id}", "--expires", "soon"}, wantCode: 2,
			stderr: `--expires "soon" is not a duration such as 720h or 90d, or 0 for never`},
		{name: "create with a negative expiry", args: []string{"token", "create", "--customer", "{id}", "--expires", "-1h"}, wantCode: 2, stderr: "is negative"},
		{name: "create with a tiny expiry", args: []string{"token", "create", "--customer", "{id}", "--expires", "30s"}, wantCode: 2, stderr: "under a minute"},
		{name: "create with a label like an id", args: []string{"token", "create", "--customer", "{id}", "--name", "tok_1"}, wantCode: 2,
			stderr: `name "tok_1" begins with tok_`},
		{name: "create with arguments", args: []string{"token", "create", "--customer", "{id}", "extra"}, wantCode: 2, stderr: "takes no arguments"},
		{name: "list", args: []string{"token", "list"},
			stdout: []string{"ID", "LABEL", "CUSTOMER", "CREATED", "LAST USED", "EXPIRES", "REVOKED", "laptop", "ci", "phone", "{id}", bob.ID, byName["laptop"].ID, "never"}},
		{name: "list of one customer by email", args: []string{"token", "list", "--customer", "bob@example.com"}, stdout: []string{byName["ci"].ID}},
		{name: "list of an unknown customer", args: []string{"token", "list", "--customer", "cus_nope"}, wantCode: 1, stderr: "no customer with id cus_nope"},
		{name: "revoke without a token", args: []string{"token", "revoke"}, wantCode: 2, stderr: "token revoke needs the token's id or label"},
		{name: "revoke two", args: []string{"token", "revoke", "laptop", "phone"}, wantCode: 2, stderr: "takes one token id or label"},
		{name: "revoke by secret", args: []string{"token", "revoke", phone}, wantCode: 2, stderr: "that is a token's secret, not its id or label"},
		{name: "revoke an unknown", args: []string{"token", "revoke", "tablet"}, wantCode: 1, stderr: `no token has the id or label "tablet"; run ` + "`commerce-mcp token list`"},
		{name: "revoke by label", args: []string{"token", "revoke", "laptop"}, stdout: []string{"revoked token " + byName["laptop"].ID + " (laptop) of {id}"}},
		{name: "revoke again", args: []string{"token", "revoke", "laptop"}, stdout: []string{"token " + byName["laptop"].ID + " (laptop) of {id} was already revoked on "}},
		{name: "revoke by id, flags after", args: []string{"token", "revoke", byName["ci"].ID, "--db", db}, stdout: []string{"revoked token " + byName["ci"].ID + " (ci) of " + bob.ID}},
		{name: "list shows revocations", args: []string{"token", "list", "--customer", "{id}"}, stdout: []string{time.Now().UTC().Format("2006-01-02 ")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.check(t, env, ann.ID)
			for _, secret := range secrets {
				if strings.Contains(r.stdout+r.stderr, secret[len(store.TokenPrefix):]) {
					t.Errorf("output shows a token's secret:\n%s%s", r.stdout, r.stderr)
				}
			}
		})
	}

	for name, secret := range map[string]string{"laptop": laptop, "ci": ci} {
		if _, err := s.Authenticate(ctx, secret, time.Now()); !errors.Is(err, store.ErrBadToken) {
			t.Errorf("%s: revoked token authenticates: %v", name, err)
		}
	}
	if got, err := s.Authenticate(ctx, phone, time.Now()); err != nil || got != ann.ID {
		t.Errorf("the token not revoked stopped working: %q, %v", got, err)
	}

	// An ambiguous label revokes nothing and names the candidates.
	createTokenCLI(t, env, "--customer", ann.ID, "--name", "twin")
	createTokenCLI(t, env, "--customer", bob.ID, "--name", "twin")
	r := runCLI(t, env, "token", "revoke", "twin")
	if r.code != 1 || !regexp.MustCompile(`2 tokens have the label "twin" \(tok_\w+, tok_\w+\); give the id`).MatchString(r.stderr) {
		t.Errorf("ambiguous revoke: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestTokenCommandsNeedADatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{
		{"token", "create", "--db", missing, "--customer", "cus_x"},
		{"token", "list", "--db", missing},
		{"token", "revoke", "--db", missing, "tok_x"},
	} {
		r := runCLI(t, nil, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "no database at "+missing) {
			t.Errorf("%v: code %d, stderr %q; want a missing-database error", args, r.code, r.stderr)
		}
	}
	if r := runCLI(t, nil, "token", "list", "--db", adminDB(t)); r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no tokens; create one") {
		t.Errorf("empty list: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestTokenHintsNameTheDatabase checks that the commands token create and token revoke
// suggest carry the --db they were given (quoted for the shell), so that following
// them works on the same database, and stay bare when the database came from the
// environment.
func TestTokenHintsNameTheDatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my shop")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "shop.db")
	testshop.WriteCatalog(t, db, demo.Sellers(), demo.Products()[:3])
	s := testshop.Store(t, store.FileBeside(db))
	if _, err := s.CreateCustomer(context.Background(), store.Customer{Email: "ann@example.com"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	quoted := "'" + db + "'"
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // in stderr
	}{
		{name: "create with --db", args: []string{"token", "create", "--db", db, "--customer", "ann@example.com"},
			want: "Revoke it with `commerce-mcp token revoke --db " + quoted + " tok_"},
		{name: "create with COMMERCE_DB", env: map[string]string{"COMMERCE_DB": db}, args: []string{"token", "create", "--customer", "ann@example.com"},
			want: "Revoke it with `commerce-mcp token revoke tok_"},
		{name: "revoke an unknown with --db", args: []string{"token", "revoke", "--db", db, "tablet"},
			want: "run `commerce-mcp token list --db " + quoted + "`"},
		{name: "revoke an unknown with COMMERCE_DB", env: map[string]string{"COMMERCE_DB": db}, args: []string{"token", "revoke", "tablet"},
			want: "run `commerce-mcp token list`"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.env, tc.args...)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q, want it to hold %q", r.stderr, tc.want)
			}
		})
	}
	for word, want := range map[string]string{"shop.db": "shop.db", "/srv/a-b_c/x.db": "/srv/a-b_c/x.db", "a b": "'a b'", "it's": `'it'\''s'`, "$HOME": "'$HOME'", "": "''"} {
		if got := shellWord(word); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", word, got, want)
		}
	}
}
