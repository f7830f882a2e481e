package store_test

import (
	"context"
	"testing"
)

// TestPing checks that Ping answers while the database is open and fails once it is
// closed.
func TestPing(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("open store: %v", err)
	}
	s.Close()
	if err := s.Ping(ctx); err == nil {
		t.Error("a closed store answered")
	}
}
