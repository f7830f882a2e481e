package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadToken is what Authenticate returns for every secret that does not let anyone
// in: missing, malformed, unknown, expired or revoked. It is one error on purpose:
// callers answer all of them alike and must not tell a caller which it was.
var ErrBadToken = errors.New("invalid bearer token")

// Token is a bearer token as the operator sees it: never its secret, which exists only
// in the hands of whoever it was given to.
type Token struct {
	ID         string // "tok_" + 16 lower-case letters and digits
	CustomerID string // the customer every call made with the token acts for
	Name       string // the operator's label; may be empty and need not be unique
	Created    time.Time
	LastUsed   time.Time // zero when never used; recorded at most once a minute
	Expires    time.Time // zero when the token never expires
	Revoked    time.Time // zero when not revoked
}

// Token secrets are TokenPrefix followed by 32 random bytes in unpadded base64url (43
// characters). The prefix makes a leaked token easy to recognise (secret scanners,
// logs) and lets Authenticate refuse other text before touching the database.
const (
	TokenPrefix      = "cmcp_"
	tokenSecretBytes = 32
	tokenSecretLen   = len(TokenPrefix) + (tokenSecretBytes*8+5)/6
	maxTokenNameLen  = 100
	// lastUsedEvery is how stale Token.LastUsed may be: Authenticate writes it only
	// when the stored value is older, so most calls are a read alone.
	lastUsedEvery = time.Minute
)

// CreateToken makes a bearer token for customerID and returns its secret, which is
// shown once: the database keeps only its SHA-256. The customer must exist (an error
// wrapping ErrNotFound otherwise). name is an optional label, cleaned to one line of at
// most 100 characters; it may not begin with "tok_" (it would read as a token id) or
// with TokenPrefix (it would put a secret in every listing). A zero expires means the
// token never expires; otherwise it must be after now (ErrInvalid). Created is now.
func (s *Store) CreateToken(ctx context.Context, customerID, name string, expires time.Time, now time.Time) (secret string, tok Token, err error) {
	name = cleanLine(name)
	switch {
	case runes(name) > maxTokenNameLen:
		return "", Token{}, fmt.Errorf("create token: %w", &FieldError{Field: "name", Problem: FieldTooLong, Max: maxTokenNameLen})
	case strings.HasPrefix(name, "tok_"):
		return "", Token{}, fmt.Errorf("create token: %w", &FieldError{Field: "name", Problem: FieldReserved, Value: name, Prefix: "tok_"})
	case strings.HasPrefix(name, TokenPrefix):
		// Not echoed: it is most likely a secret.
		return "", Token{}, fmt.Errorf("create token: %w", &FieldError{Field: "name", Problem: FieldReserved, Prefix: TokenPrefix})
	case !expires.IsZero() && !expires.After(now):
		return "", Token{}, fmt.Errorf("create token: %w", &FieldError{Field: "expires", Problem: FieldNotFuture, Value: expires.UTC().Format(time.RFC3339)})
	}
	if err := customerExists(ctx, s.db, customerID); err != nil {
		return "", Token{}, fmt.Errorf("create token: %w", err)
	}
	secret = newTokenSecret()
	hash := sha256.Sum256([]byte(secret))
	tok = Token{ID: NewID("tok_"), CustomerID: customerID, Name: name, Created: now.UTC()}
	if !expires.IsZero() {
		tok.Expires = expires.UTC()
	}
	_, err = s.db.ExecContext(ctx,
		`INSERT INTO tokens (id, customer_id, name, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
		tok.ID, tok.CustomerID, tok.Name, hash[:], encodeTime(tok.Created), nullTime(tok.Expires))
	if err != nil {
		return "", Token{}, fmt.Errorf("create token: %w", err)
	}
	return secret, tok, nil
}

// authQuery finds a live token by the hash of its secret, through the unique index on
// hash; its parameters are the hash and the time of the call.
const authQuery = `SELECT id, customer_id, last_used_at FROM tokens
	WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`

// newTokenSecret returns a new random secret in the format checkTokenFormat accepts.
func newTokenSecret() string {
	b := make([]byte, tokenSecretBytes)
	rand.Read(b) // never fails: crypto/rand.Read panics rather than return an error
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// WellFormedToken reports whether secret has the shape of a secret CreateToken makes:
// the prefix, then exactly 43 base64url characters. It is the cheap refusal of
// garbage (and of over-long headers) before any hashing or reading.
func WellFormedToken(secret string) bool {
	if len(secret) != tokenSecretLen || !strings.HasPrefix(secret, TokenPrefix) {
		return false
	}
	for i := len(TokenPrefix); i < len(secret); i++ {
		c := secret[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Authenticate returns the customer of a valid secret. A missing, malformed, unknown,
// expired (at or after its expiry) or revoked secret is ErrBadToken, the same error for
// all; any other error is internal (the database failed) and the caller should answer
// as a server error, not as a refusal.
//
// The secret is found by its SHA-256 in a unique index: one indexed read. A fast
// unsalted hash is right here, unlike for passwords, because the secrets are 256
// random bits: there is nothing to guess, so slowing down guessing buys nothing, and
// an index lookup by hash does not leak the secret through timing (an attacker who
// learns how much of a hash matched learns nothing about a preimage).
//
// Last use is written only when the stored LastUsed is a minute old or more, so most
// calls do not write. A failed write of it does not refuse the caller, whose token is
// valid; a later call writes it.
func (s *Store) Authenticate(ctx context.Context, secret string, now time.Time) (customerID string, err error) {
	if !WellFormedToken(secret) {
		return "", ErrBadToken
	}
	hash := sha256.Sum256([]byte(secret))
	var (
		id       string
		lastUsed sql.NullString
	)
	err = s.authStmt.QueryRowContext(ctx, hash[:], encodeTime(now)).Scan(&id, &customerID, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrBadToken
	}
	if err != nil {
		return "", fmt.Errorf("authenticate: %w", err)
	}
	cutoff := encodeTime(now.Add(-lastUsedEvery))
	if !lastUsed.Valid || lastUsed.String <= cutoff {
		// The condition is repeated so that of several callers who read the same old
		// value, only the first moves it.
		_, _ = s.db.ExecContext(ctx,
			`UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`,
			encodeTime(now), id, cutoff)
	}
	return customerID, nil
}

// UsableTokens counts the tokens that can authenticate at now: neither revoked nor
// expired.
func (s *Store) UsableTokens(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM tokens WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
		encodeTime(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count usable tokens: %w", err)
	}
	return n, nil
}

// Tokens returns the tokens of customerID, or of every customer when customerID is
// "", newest first. Revoked and expired tokens are included. An unknown customer has
// no tokens.
func (s *Store) Tokens(ctx context.Context, customerID string) ([]Token, error) {
	q, args := tokenColumns+` ORDER BY created_at DESC, id DESC`, []any(nil)
	if customerID != "" {
		q, args = tokenColumns+` WHERE customer_id = ? ORDER BY created_at DESC, id DESC`, []any{customerID}
	}
	list, err := queryTokens(ctx, s.db, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return list, nil
}

// RevokeToken revokes the token whose id or label is idOrName and returns it as
// revoked; Authenticate refuses it from then on. An id is tried first. A label names
// the one token with it that is not yet revoked (or, when all with it are, the one
// token with it); a label on several such tokens is ErrConflict naming their ids, so
// that the operator can choose. Nothing found is ErrNotFound. Revoking a revoked token
// changes nothing and returns it with its first revocation time.
func (s *Store) RevokeToken(ctx context.Context, idOrName string, now time.Time) (Token, error) {
	ref := strings.TrimSpace(idOrName)
	if ref == "" {
		return Token{}, fmt.Errorf("revoke token: %w", &FieldError{Field: "id_or_label", Problem: FieldEmpty})
	}
	var tok Token
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		matches, err := queryTokens(ctx, tx, tokenColumns+` WHERE id = ?`, ref)
		if err != nil {
			return err
		}
		if len(matches) == 0 {
			if matches, err = queryTokens(ctx, tx, tokenColumns+` WHERE name = ? ORDER BY created_at DESC, id DESC`, cleanLine(ref)); err != nil {
				return err
			}
			var live []Token
			for _, t := range matches {
				if t.Revoked.IsZero() {
					live = append(live, t)
				}
			}
			if len(live) > 0 {
				matches = live
			}
		}
		switch len(matches) {
		case 0:
			return fmt.Errorf("no token has the id or label %q: %w", ref, ErrNotFound)
		case 1:
		default:
			ids := make([]string, len(matches))
			for i, t := range matches {
				ids[i] = t.ID
			}
			return &ConflictError{Kind: "token", Field: "label", Value: ref, IDs: ids}
		}
		tok = matches[0]
		if !tok.Revoked.IsZero() {
			return nil
		}
		tok.Revoked = now.UTC()
		_, err = tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, encodeTime(tok.Revoked), tok.ID)
		return err
	})
	if err != nil {
		return Token{}, fmt.Errorf("revoke token: %w", err)
	}
	return tok, nil
}

const tokenColumns = `SELECT id, customer_id, name, created_at, last_used_at, expires_at, revoked_at FROM tokens`

func queryTokens(ctx context.Context, q querier, query string, args ...any) ([]Token, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var (
			t                         Token
			created                   string
			lastUsed, expires, revoke sql.NullString
		)
		if err := rows.Scan(&t.ID, &t.CustomerID, &t.Name, &created, &lastUsed, &expires, &revoke); err != nil {
			return nil, err
		}
		for _, f := range []struct {
			dst *time.Time
			src string
		}{{&t.Created, created}, {&t.LastUsed, lastUsed.String}, {&t.Expires, expires.String}, {&t.Revoked, revoke.String}} {
			if *f.dst, err = decodeTime(f.src); err != nil {
				return nil, err
			}
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// nullTime is t for a nullable TEXT column: NULL when t is zero.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return encodeTime(t)
}
