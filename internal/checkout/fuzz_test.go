package checkout_test

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
)

// FuzzUnseal: whatever string a client sends as a confirmation state, Unseal never
// panics and accepts only a state that Seal made, for the customer it was made for.
// Each process has its own key: the fuzzing engine's workers run this setup again,
// and a state sealed by another process is not one this process's Seal made.
func FuzzUnseal(f *testing.F) {
	e := newEnv(f, envOpts{config: func(c *checkout.Config) { c.ConfirmKey = []byte(rand.Text() + rand.Text()) }})
	out := e.quote(e.product(6000, 40000).ID, "quote")
	sealed := map[string]bool{}
	for range 3 {
		state := e.svc.Seal(out.Purchase)
		sealed[state] = true
		f.Add(state, e.customer)
		f.Add(state, "cus_other")
		f.Add(state+"A", e.customer)
		f.Add(strings.Replace(state, ".", "..", 1), e.customer)
	}
	for _, s := range []string{"", ".", "a.b", "eyJjIjoiY3VzX2RlbW8ifQ.AAAA", "e30.", strings.Repeat("A", 5000) + "." + strings.Repeat("A", 43)} {
		f.Add(s, e.customer)
	}
	f.Fuzz(func(t *testing.T, state, customer string) {
		c, err := e.svc.Unseal(state, customer)
		if err != nil {
			if !errors.Is(err, checkout.ErrBadConfirmation) {
				t.Fatalf("Unseal(%q) = %v, want ErrBadConfirmation", state, err)
			}
			return
		}
		if !sealed[state] || customer != e.customer {
			t.Fatalf("Unseal accepted %q for %q, which Seal did not make for them", state, customer)
		}
		if c.QuoteID != out.Purchase.QuoteID || c.Amount != out.Purchase.Total || c.CustomerID != customer {
			t.Fatalf("Unseal returned %+v for the state of quote %s", c, out.Purchase.QuoteID)
		}
	})
}

// FuzzSealedStateAltered: a sealed state with any one byte changed is refused.
func FuzzSealedStateAltered(f *testing.F) {
	e := newEnv(f, envOpts{})
	out := e.quote(e.product(6000, 40000).ID, "quote")
	state := e.svc.Seal(out.Purchase)
	if _, err := e.svc.Unseal(state, e.customer); err != nil {
		f.Fatalf("a fresh state does not unseal: %v", err)
	}
	for _, pos := range []uint{0, uint(strings.Index(state, ".")), uint(len(state) - 1), uint(len(state) - 2)} {
		for _, xor := range []byte{1, 2, 3, 0x20, 0x80} {
			f.Add(pos, xor)
		}
	}
	f.Fuzz(func(t *testing.T, pos uint, xor byte) {
		if xor == 0 {
			return
		}
		b := []byte(state)
		i := pos % uint(len(b))
		b[i] ^= xor
		if _, err := e.svc.Unseal(string(b), e.customer); err == nil {
			t.Fatalf("Unseal accepted the state with byte %d changed (%q → %q)", i, state[i], b[i])
		}
	})
}

// A sealed state's base64 has spare bits in its last character; changing them must
// not give a second spelling of the same signature that verifies (found by
// FuzzSealedStateAltered).
func TestSealedStateNotMalleable(t *testing.T) {
	e := newEnv(t, envOpts{})
	out := e.quote(e.product(6000, 40000).ID, "quote")
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for range 4 {
		state := e.svc.Seal(out.Purchase)
		body, _, _ := strings.Cut(state, ".")
		for _, at := range []int{len(state) - 1, len(body) - 1} {
			for _, c := range alphabet {
				if byte(c) == state[at] {
					continue
				}
				altered := state[:at] + string(c) + state[at+1:]
				if _, err := e.svc.Unseal(altered, e.customer); err == nil {
					t.Fatalf("Unseal accepted %q, the state with character %d changed from %q to %q", altered, at, state[at], c)
				}
			}
		}
	}
}
