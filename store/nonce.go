package store

import (
	"context"
	"fmt"
	"time"
)

// maxNonceLen caps a nonce and a scope.
const maxNonceLen = 200

// UseOnce records that the nonce has been used in scope (e.g. "confirm") and returns
// nil the first time a (scope, nonce) pair is presented; every later call with the
// same pair returns ErrReplay until the record expires. Concurrent calls with one pair
// are safe: exactly one of them gets nil.
//
// expiresAt is when the token carrying the nonce stops being valid; the record is kept
// until then and pruned afterwards (opportunistically, by later calls). The caller must
// therefore refuse expired tokens itself before calling UseOnce; an expiresAt that is
// not in the future is ErrInvalid, as are an empty or over-long scope or nonce: not a
// *FieldError, since these are the caller's contract, not a person's input.
func (s *Store) UseOnce(ctx context.Context, scope, nonce string, expiresAt time.Time) error {
	now := s.now()
	switch {
	case scope == "" || len(scope) > maxNonceLen:
		return fmt.Errorf("use nonce: %w: scope must have 1 to %d bytes", ErrInvalid, maxNonceLen)
	case nonce == "" || len(nonce) > maxNonceLen:
		return fmt.Errorf("use nonce: %w: nonce must have 1 to %d bytes", ErrInvalid, maxNonceLen)
	case !expiresAt.After(now):
		return fmt.Errorf("use nonce: %w: expires_at is not in the future: the token has expired", ErrInvalid)
	}
	// The prune is a range delete on an index, so it costs little on every call.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM used_nonces WHERE expires_at <= ?`, encodeTime(now)); err != nil {
		return fmt.Errorf("use nonce: %w", err)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO used_nonces (scope, nonce, expires_at) VALUES (?, ?, ?)`,
		scope, nonce, encodeTime(expiresAt))
	if isUniqueViolation(err) {
		return fmt.Errorf("use nonce: %w", ErrReplay)
	}
	if err != nil {
		return fmt.Errorf("use nonce: %w", err)
	}
	return nil
}
