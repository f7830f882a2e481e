package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func TestUseOnce(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	later := clock.Now().Add(10 * time.Minute)
	tests := []struct {
		name         string
		scope, nonce string
		expires      time.Time
		wantErr      error
	}{
		{name: "first use", scope: "confirm", nonce: "n1", expires: later},
		{name: "replay", scope: "confirm", nonce: "n1", expires: later, wantErr: store.ErrReplay},
		{name: "same nonce, other scope", scope: "elicit", nonce: "n1", expires: later},
		{name: "other nonce", scope: "confirm", nonce: "n2", expires: later},
		{name: "already expired", scope: "confirm", nonce: "n3", expires: clock.Now(), wantErr: store.ErrInvalid},
		{name: "empty scope", scope: "", nonce: "n4", expires: later, wantErr: store.ErrInvalid},
		{name: "empty nonce", scope: "confirm", nonce: "", expires: later, wantErr: store.ErrInvalid},
		{name: "long nonce", scope: "confirm", nonce: strings.Repeat("n", 201), expires: later, wantErr: store.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.UseOnce(ctx, tc.scope, tc.nonce, tc.expires)
			wantErr(t, err, tc.wantErr)
			// A broken contract, not a person's input: it must not read as a field to fix.
			if fe := (*store.FieldError)(nil); errors.As(err, &fe) {
				t.Errorf("UseOnce error %v is a FieldError", err)
			}
		})
	}
}

func TestUseOnceKeepsRecordsUntilExpiry(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	exp := clock.Now().Add(10 * time.Minute)
	wantErr(t, s.UseOnce(ctx, "confirm", "old", exp), nil)

	// Another call before expiry prunes nothing: the replay is still caught.
	clock.Advance(9 * time.Minute)
	wantErr(t, s.UseOnce(ctx, "confirm", "other", clock.Now().Add(time.Hour)), nil)
	wantErr(t, s.UseOnce(ctx, "confirm", "old", exp), store.ErrReplay)

	// After expiry the token is refused by its expiry before the store is asked; the
	// record itself is pruned by the next call.
	clock.Advance(2 * time.Minute)
	wantErr(t, s.UseOnce(ctx, "confirm", "old", exp), store.ErrInvalid)
	wantErr(t, s.UseOnce(ctx, "confirm", "fresh", clock.Now().Add(time.Hour)), nil)
	wantErr(t, s.UseOnce(ctx, "confirm", "old", clock.Now().Add(time.Hour)), nil) // pruned, so new again
}

func TestUseOnceConcurrent(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	exp := clock.Now().Add(time.Hour)
	const callers = 50
	for round := range 3 {
		nonce := fmt.Sprintf("race-%d", round)
		var (
			wg              sync.WaitGroup
			mu              sync.Mutex
			wins, replays   int
			unexpectedError error
		)
		start := make(chan struct{})
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				err := s.UseOnce(ctx, "confirm", nonce, exp)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case errors.Is(err, store.ErrReplay):
					replays++
				default:
					unexpectedError = err
				}
			}()
		}
		close(start)
		wg.Wait()
		if unexpectedError != nil {
			t.Fatalf("round %d: %v", round, unexpectedError)
		}
		if wins != 1 || replays != callers-1 {
			t.Fatalf("round %d: %d wins and %d replays, want 1 and %d", round, wins, replays, callers-1)
		}
	}
}
