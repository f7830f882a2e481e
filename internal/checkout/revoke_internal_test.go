package checkout

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestLastSeenIsTheRevokesOwnRead holds that a revoke is taken as having found the
// token unused (seen active) only on the read made right before that revoke: an
// "active" read by an earlier attempt whose revoke failed, or which was killed
// before revoking, tells nothing of the token when a later attempt revokes it (the
// seller may have authorized in between).
func TestLastSeenIsTheRevokesOwnRead(t *testing.T) {
	seen := func(d string) store.Event { return store.Event{Step: stepTokenSeen, Detail: d} }
	revoked := func(d string) store.Event { return store.Event{Step: stepTokenRevoked, Detail: d} }
	failed := revoked("revoke failed; the token expires at 2026-11-27T12:15:00Z")
	for _, tc := range []struct {
		name     string
		events   []store.Event
		wantHold bool // Stripe shows it revoked with nothing captured
	}{
		{name: "read active, revoked", events: []store.Event{seen("active"), revoked("revoked")}, wantHold: false},
		{name: "read active, revoke failed, next read failed, revoked", events: []store.Event{seen("active"), failed, seen(seenUnknown), revoked("revoked")}, wantHold: true},
		{name: "read active, revoke failed, revoked without a read line", events: []store.Event{seen("active"), failed, revoked("revoked")}, wantHold: true},
		{name: "read active, killed, next read failed, revoked", events: []store.Event{seen("active"), seen(seenUnknown), revoked("revoked")}, wantHold: true},
		{name: "read active, revoke failed, read active again, revoked", events: []store.Event{seen("active"), failed, seen("active"), revoked("revoked")}, wantHold: false},
		{name: "found deactivated", events: []store.Event{seen(seenDeactivated + "revoked"), revoked(revokedAlready)}, wantHold: true},
		{name: "nothing journaled", wantHold: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mayHold(TokenRevoked, lastSeen(tc.events)); got != tc.wantHold {
				t.Errorf("a possible hold = %v, want %v (last seen %q)", got, tc.wantHold, lastSeen(tc.events))
			}
		})
	}
}
