package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// BenchmarkAuthenticate measures the check that runs on every hosted request: a valid
// token among 1,000, last use already fresh (the usual case: no write), one caller and
// as many callers as GOMAXPROCS; and the refusal of an unknown and a malformed secret.
func BenchmarkAuthenticate(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, b.TempDir()+"/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	var secret string
	for i := range 1000 {
		c, err := s.CreateCustomer(ctx, store.Customer{Email: fmt.Sprintf("c%d@example.com", i)})
		if err != nil {
			b.Fatal(err)
		}
		if secret, _, err = s.CreateToken(ctx, c.ID, "bench", time.Time{}, now); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.Authenticate(ctx, secret, now); err != nil { // records the last use
		b.Fatal(err)
	}
	unknown := store.TokenPrefix + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	b.Run("valid", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Authenticate(ctx, secret, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("valid-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.Authenticate(ctx, secret, now); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("unknown", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Authenticate(ctx, unknown, now); err != store.ErrBadToken {
				b.Fatal(err)
			}
		}
	})
	b.Run("malformed", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Authenticate(ctx, "Bearer nonsense", now); err != store.ErrBadToken {
				b.Fatal(err)
			}
		}
	})
}
