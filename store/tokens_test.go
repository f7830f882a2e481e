package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// mustCreateToken creates a token for customerID or fails the test.
func mustCreateToken(t *testing.T, s *store.Store, customerID, name string, expires, now time.Time) (string, store.Token) {
	t.Helper()
	secret, tok, err := s.CreateToken(context.Background(), customerID, name, expires, now)
	if err != nil {
		t.Fatalf("CreateToken(%q, %q): %v", customerID, name, err)
	}
	return secret, tok
}

func TestCreateToken(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "ann@example.com")
	now := clock.Now()
	exp := now.Add(720 * time.Hour)

	secret, tok := mustCreateToken(t, s, c.ID, "  laptop\tagent ", exp, now)
	if !regexp.MustCompile(`^cmcp_[A-Za-z0-9_-]{43}$`).MatchString(secret) {
		t.Errorf("secret %q is not cmcp_ and 43 base64url characters", secret)
	}
	want := store.Token{ID: tok.ID, CustomerID: c.ID, Name: "laptop agent", Created: now, Expires: exp}
	if !regexp.MustCompile(`^tok_[a-z2-7]{16}$`).MatchString(tok.ID) || tok != want {
		t.Errorf("token %+v, want %+v", tok, want)
	}
	list, err := s.Tokens(ctx, c.ID)
	if err != nil || len(list) != 1 || list[0] != want {
		t.Errorf("Tokens = %+v, %v; want [%+v]", list, err, want)
	}
	other, _ := mustCreateToken(t, s, c.ID, "", time.Time{}, now)
	if other == secret {
		t.Error("two tokens got the same secret")
	}

	tests := []struct {
		name     string
		customer string
		label    string
		expires  time.Time
		want     error
		msg      string            // what the error says, for an untyped error
		typed    *store.FieldError // what it is, for invalid input
	}{
		{name: "unknown customer", customer: "cus_nobody", want: store.ErrNotFound, msg: `customer "cus_nobody"`},
		{name: "no customer", customer: "", want: store.ErrNotFound},
		{name: "label too long", customer: c.ID, label: strings.Repeat("x", 101), want: store.ErrInvalid, typed: &store.FieldError{Field: "name", Problem: store.FieldTooLong, Max: 100}},
		{name: "label like an id", customer: c.ID, label: "tok_abc", want: store.ErrInvalid, typed: &store.FieldError{Field: "name", Problem: store.FieldReserved, Value: "tok_abc", Prefix: "tok_"}},
		{name: "label like a secret", customer: c.ID, label: secret, want: store.ErrInvalid, typed: &store.FieldError{Field: "name", Problem: store.FieldReserved, Prefix: store.TokenPrefix}},
		{name: "expiry now", customer: c.ID, expires: now, want: store.ErrInvalid, typed: &store.FieldError{Field: "expires", Problem: store.FieldNotFuture, Value: now.UTC().Format(time.RFC3339)}},
		{name: "expiry past", customer: c.ID, expires: now.Add(-time.Hour), want: store.ErrInvalid, typed: &store.FieldError{Field: "expires", Problem: store.FieldNotFuture, Value: now.Add(-time.Hour).UTC().Format(time.RFC3339)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.CreateToken(ctx, tc.customer, tc.label, tc.expires, now)
			wantErr(t, err, tc.want)
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q lacks %q", err, tc.msg)
			}
			if tc.typed != nil {
				wantTyped(t, err, tc.typed)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q repeats the secret", err)
			}
		})
	}
	if list, _ := s.Tokens(ctx, ""); len(list) != 2 {
		t.Errorf("after the refused creations there are %d tokens, want 2", len(list))
	}
}

func TestAuthenticate(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	ann := mustCreateCustomer(t, s, "ann@example.com")
	bob := mustCreateCustomer(t, s, "bob@example.com")
	t0 := clock.Now()
	exp := t0.Add(time.Hour)

	annSecret, _ := mustCreateToken(t, s, ann.ID, "ann", time.Time{}, t0)
	bobSecret, _ := mustCreateToken(t, s, bob.ID, "bob", exp, t0)
	revokedSecret, revoked := mustCreateToken(t, s, ann.ID, "old", time.Time{}, t0)
	if _, err := s.RevokeToken(ctx, revoked.ID, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	// A secret of the right shape that was never issued.
	unknown := store.TokenPrefix + strings.Repeat("A", 43)

	tests := []struct {
		name   string
		secret string
		at     time.Time
		want   string // the customer; "" means ErrBadToken
	}{
		{name: "valid", secret: annSecret, at: t0, want: ann.ID},
		{name: "other customer's token is theirs", secret: bobSecret, at: t0, want: bob.ID},
		{name: "just before expiry", secret: bobSecret, at: exp.Add(-time.Nanosecond), want: bob.ID},
		{name: "at expiry", secret: bobSecret, at: exp},
		{name: "after expiry", secret: bobSecret, at: exp.Add(time.Hour)},
		{name: "no expiry, years later", secret: annSecret, at: t0.AddDate(10, 0, 0), want: ann.ID},
		{name: "revoked", secret: revokedSecret, at: t0.Add(2 * time.Second)},
		{name: "unknown", secret: unknown, at: t0},
		{name: "empty", secret: "", at: t0},
		{name: "prefix only", secret: store.TokenPrefix, at: t0},
		{name: "no prefix", secret: strings.TrimPrefix(annSecret, store.TokenPrefix), at: t0},
		{name: "other prefix", secret: "sk_test" + annSecret[len(store.TokenPrefix)+2:], at: t0},
		{name: "one character short", secret: annSecret[:len(annSecret)-1], at: t0},
		{name: "one character more", secret: annSecret + "A", at: t0},
		{name: "with the scheme", secret: "Bearer " + annSecret, at: t0},
		{name: "trailing space", secret: annSecret + " ", at: t0},
		{name: "standard base64", secret: annSecret[:len(annSecret)-1] + "+", at: t0},
		{name: "huge", secret: store.TokenPrefix + strings.Repeat("A", 1<<20), at: t0},
		{name: "upper-cased", secret: strings.ToUpper(annSecret), at: t0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Authenticate(ctx, tc.secret, tc.at)
			if tc.want == "" {
				if !errors.Is(err, store.ErrBadToken) || got != "" {
					t.Fatalf("Authenticate = %q, %v; want ErrBadToken", got, err)
				}
				if err != store.ErrBadToken {
					t.Errorf("error %q is not ErrBadToken itself: it could tell the causes apart", err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Authenticate = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	// UsableTokens counts, at each moment, the issued secrets Authenticate lets in.
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{t0, 2}, {exp.Add(-time.Nanosecond), 2}, {exp, 1}, {t0.AddDate(10, 0, 0), 1}} {
		in := 0
		for _, secret := range []string{annSecret, bobSecret, revokedSecret} {
			if _, err := s.Authenticate(ctx, secret, tc.at); err == nil {
				in++
			}
		}
		if n, err := s.UsableTokens(ctx, tc.at); err != nil || n != tc.want || n != in {
			t.Errorf("UsableTokens at %v = %d, %v; want %d (Authenticate lets %d in)", tc.at, n, err, tc.want, in)
		}
	}
}

// TestUsableTokensOfNewStore: a store without tokens has none usable (serve warns).
func TestUsableTokensOfNewStore(t *testing.T) {
	s, clock := openTestStore(t)
	if n, err := s.UsableTokens(context.Background(), clock.Now()); err != nil || n != 0 {
		t.Fatalf("UsableTokens of a new store = %d, %v; want 0", n, err)
	}
}

func TestAuthenticateRecordsLastUseAtMostOnceAMinute(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "ann@example.com")
	clock := clocktest.New(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	secret, tok := mustCreateToken(t, s, c.ID, "", time.Time{}, clock.Now())
	lastUsed := func() time.Time {
		t.Helper()
		list, err := s.Tokens(ctx, c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("Tokens = %v, %v", list, err)
		}
		return list[0].LastUsed
	}
	if !lastUsed().IsZero() {
		t.Fatal("a new token has a last use")
	}
	t0 := clock.Now()
	steps := []struct {
		advance time.Duration
		want    time.Time
	}{
		{0, t0},                            // first use is recorded
		{30 * time.Second, t0},             // 30 s later: not written
		{29 * time.Second, t0},             // 59 s: not written
		{time.Second, t0.Add(time.Minute)}, // a minute: written
		{time.Minute - time.Nanosecond, t0.Add(time.Minute)},
		{10 * time.Minute, t0.Add(12*time.Minute - time.Nanosecond)},
	}
	for i, st := range steps {
		clock.Advance(st.advance)
		if _, err := s.Authenticate(ctx, secret, clock.Now()); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := lastUsed(); !got.Equal(st.want) {
			t.Errorf("step %d (at +%v): last used %v, want %v", i, clock.Now().Sub(t0), got, st.want)
		}
	}
	// A refused secret records nothing.
	if _, err := s.RevokeToken(ctx, tok.ID, clock.Now()); err != nil {
		t.Fatal(err)
	}
	before := lastUsed()
	clock.Advance(time.Hour)
	if _, err := s.Authenticate(ctx, secret, clock.Now()); !errors.Is(err, store.ErrBadToken) {
		t.Fatalf("revoked token: %v", err)
	}
	if got := lastUsed(); !got.Equal(before) {
		t.Errorf("a refused call moved last use from %v to %v", before, got)
	}
}

func TestTokenSecretIsNotStored(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "store.db")
	ctx := context.Background()
	s := testshop.Store(t, path)
	c := mustCreateCustomer(t, s, "ann@example.com")
	now := time.Now()
	secret, tok := mustCreateToken(t, s, c.ID, "ci", now.Add(time.Hour), now)
	if _, err := s.Authenticate(ctx, secret, now); err != nil {
		t.Fatal(err)
	}

	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT * FROM tokens`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	n := 0
	for rows.Next() {
		n++
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			var b []byte
			switch v := v.(type) {
			case []byte:
				b = v
			case string:
				b = []byte(v)
			}
			if bytes.Contains(b, []byte(secret[len(store.TokenPrefix):])) {
				t.Errorf("column %s holds the secret", cols[i])
			}
			if cols[i] == "hash" {
				if sum := sha256.Sum256([]byte(secret)); !bytes.Equal(b, sum[:]) {
					t.Errorf("hash column is %x, want the SHA-256 of the secret %x", b, sum)
				}
			}
			if cols[i] == "id" && string(b) != tok.ID {
				t.Errorf("id column %q, want %q", b, tok.ID)
			}
		}
	}
	if err := rows.Err(); err != nil || n != 1 {
		t.Fatalf("read %d token rows (%v), want 1", n, err)
	}
	// Nor anywhere in the files: the database and its write-ahead log.
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(secret[len(store.TokenPrefix):])) {
			t.Errorf("%s holds the secret", filepath.Base(f))
		}
	}
}

func TestRevokeToken(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	ann := mustCreateCustomer(t, s, "ann@example.com")
	bob := mustCreateCustomer(t, s, "bob@example.com")
	now := clock.Now()
	byIDSecret, byID := mustCreateToken(t, s, ann.ID, "phone", time.Time{}, now)
	byNameSecret, byName := mustCreateToken(t, s, ann.ID, "laptop", time.Time{}, now.Add(time.Second))
	_, twin1 := mustCreateToken(t, s, ann.ID, "ci", time.Time{}, now.Add(2*time.Second))
	_, twin2 := mustCreateToken(t, s, bob.ID, "ci", time.Time{}, now.Add(3*time.Second))
	// "server": one revoked and one live token share the label; the live one is meant.
	_, oldServer := mustCreateToken(t, s, bob.ID, "server", time.Time{}, now.Add(4*time.Second))
	_, newServer := mustCreateToken(t, s, bob.ID, "server", time.Time{}, now.Add(5*time.Second))
	if _, err := s.RevokeToken(ctx, oldServer.ID, now.Add(6*time.Second)); err != nil {
		t.Fatal(err)
	}
	at := now.Add(time.Minute)

	tests := []struct {
		name   string
		ref    string
		wantID string
		want   error
		msg    string // what the error says, for an untyped error
		typed  error  // what it is, for a conflict or invalid input
	}{
		{name: "by id", ref: byID.ID, wantID: byID.ID},
		{name: "by label", ref: " laptop ", wantID: byName.ID},
		{name: "label of a live and a revoked token", ref: "server", wantID: newServer.ID},
		{name: "ambiguous label", ref: "ci", want: store.ErrConflict, typed: &store.ConflictError{Kind: "token", Field: "label", Value: "ci", IDs: []string{twin2.ID, twin1.ID}}},
		{name: "unknown", ref: "tablet", want: store.ErrNotFound, msg: `no token has the id or label "tablet"`},
		{name: "unknown id", ref: "tok_aaaaaaaaaaaaaaaa", want: store.ErrNotFound},
		{name: "empty", ref: "  ", want: store.ErrInvalid, typed: &store.FieldError{Field: "id_or_label", Problem: store.FieldEmpty}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := s.RevokeToken(ctx, tc.ref, at)
			wantErr(t, err, tc.want)
			if tc.want != nil {
				if !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error %q lacks %q", err, tc.msg)
				}
				wantTyped(t, err, tc.typed)
				return
			}
			if tok.ID != tc.wantID || !tok.Revoked.Equal(at) {
				t.Errorf("revoked %s at %v, want %s at %v", tok.ID, tok.Revoked, tc.wantID, at)
			}
		})
	}
	for _, secret := range []string{byIDSecret, byNameSecret} {
		if _, err := s.Authenticate(ctx, secret, at); !errors.Is(err, store.ErrBadToken) {
			t.Errorf("a revoked token authenticates: %v", err)
		}
	}
	// Revoking again changes nothing and reports the first revocation.
	again, err := s.RevokeToken(ctx, byID.ID, at.Add(time.Hour))
	if err != nil || !again.Revoked.Equal(at) {
		t.Errorf("second revocation = %v at %v, want the first time %v", err, again.Revoked, at)
	}
	// Once all tokens with a label are revoked, the label names the one of them left.
	if tok, err := s.RevokeToken(ctx, "laptop", at.Add(time.Hour)); err != nil || tok.ID != byName.ID || !tok.Revoked.Equal(at) {
		t.Errorf("revoking a revoked label = %+v, %v", tok, err)
	}
	// The ambiguous ones were left alone.
	list, err := s.Tokens(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tok := range list {
		ids = append(ids, tok.ID)
		if (tok.ID == twin1.ID || tok.ID == twin2.ID) && !tok.Revoked.IsZero() {
			t.Errorf("%s was revoked by an ambiguous label", tok.ID)
		}
	}
	want := []string{newServer.ID, oldServer.ID, twin2.ID, twin1.ID, byName.ID, byID.ID}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("Tokens(\"\") = %v, want newest first %v", ids, want)
	}
	if list, _ := s.Tokens(ctx, bob.ID); len(list) != 3 {
		t.Errorf("bob has %d tokens, want 3", len(list))
	}
	if list, err := s.Tokens(ctx, "cus_nobody"); err != nil || len(list) != 0 {
		t.Errorf("Tokens(unknown) = %v, %v; want none", list, err)
	}
}
