package store

import "context"

// Ping reports whether the database answers a query that reads its file: hosted
// mode's health check.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&one)
}
