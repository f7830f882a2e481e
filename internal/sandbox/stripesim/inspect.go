package stripesim

import (
	"errors"
	"maps"
	"slices"
	"time"
)

// PaymentIntent is a snapshot of a PaymentIntent, for tests.
type PaymentIntent struct {
	ID             string
	Account        string // owning (seller) account
	Token          string // the spt_ id it was confirmed with
	Status         string // "succeeded", "requires_payment_method" (declined), "requires_capture" (a hold) or "canceled" (a hold released)
	DeclineCode    string // set when declined
	Amount         int64
	AmountReceived int64
	AmountRefunded int64  // the sum of its refunds
	Currency       string // lowercase
	PaymentMethod  string // the pm_ reproduced on the seller account; empty when declined
	LatestCharge   string
	Metadata       map[string]string
	Created        time.Time
}

// Token is a snapshot of a shared payment token, for tests. Status and
// DeactivatedReason use Stripe's values ("active", "requires_action", "deactivated";
// "consumed", "expired", "revoked", "resolved").
type Token struct {
	ID                string
	Issuer            string // issuing account id; empty for test-helper tokens
	SellerProfile     string
	PaymentMethod     string
	Currency          string
	MaxAmount         int64
	AmountCaptured    int64
	ExpiresAt         time.Time // zero when the token has no expiry
	Status            string
	DeactivatedReason string
	DeactivatedAt     time.Time // zero while not deactivated
	Metadata          map[string]string
	Created           time.Time
}

// PaymentIntents returns every PaymentIntent created so far, declined ones included, in
// creation order.
func (s *Server) PaymentIntents() []PaymentIntent {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]PaymentIntent, 0, len(s.order))
	for _, id := range s.order {
		pi := s.intents[id]
		j := pi.json
		p := PaymentIntent{ID: j.ID, Account: pi.owner, Token: pi.token, Status: j.Status, DeclineCode: pi.declineCode,
			Amount: j.Amount, AmountReceived: j.AmountReceived, AmountRefunded: pi.refunded, Currency: j.Currency, Metadata: maps.Clone(j.Metadata),
			Created: time.Unix(j.Created, 0)}
		if j.PaymentMethod != nil {
			p.PaymentMethod = *j.PaymentMethod
		}
		if j.LatestCharge != nil {
			p.LatestCharge = *j.LatestCharge
		}
		out = append(out, p)
	}
	return out
}

// Token returns a snapshot of the token with the given id (applying expiry first), and
// false when there is none.
func (s *Server) Token(id string) (Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return Token{}, false
	}
	t.refresh(s.now())
	return t.snapshot(), true
}

// Tokens returns snapshots of every token, ordered by id.
func (s *Server) Tokens() []Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := make([]Token, 0, len(s.tokens))
	for _, id := range slices.Sorted(maps.Keys(s.tokens)) {
		t := s.tokens[id]
		t.refresh(now)
		out = append(out, t.snapshot())
	}
	return out
}

// ErrNotFound is returned by Authenticate for an unknown token.
var ErrNotFound = errors.New("sandbox: no such token")

// ErrNotRequiresAction is returned by Authenticate for a token that is not waiting for
// authentication.
var ErrNotRequiresAction = errors.New("sandbox: token does not require action")

// Authenticate plays the customer completing authentication (3-D Secure) for a token
// in status requires_action: the token becomes active and chargeable.
func (s *Server) Authenticate(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[id]
	if !ok {
		return ErrNotFound
	}
	t.refresh(s.now())
	if t.status != statusRequiresAction {
		return ErrNotRequiresAction
	}
	t.status, t.next = statusActive, nil
	return nil
}

func (t *token) snapshot() Token {
	out := Token{ID: t.id, Issuer: t.issuer, SellerProfile: t.sellerProfile, PaymentMethod: t.pm,
		Currency: t.currency, MaxAmount: t.maxAmount, AmountCaptured: t.captured, Status: t.status,
		DeactivatedReason: t.reason, Metadata: maps.Clone(t.metadata), Created: time.Unix(t.created, 0)}
	if t.expiresAt != 0 {
		out.ExpiresAt = time.Unix(t.expiresAt, 0)
	}
	if t.deactivatedAt != 0 {
		out.DeactivatedAt = time.Unix(t.deactivatedAt, 0)
	}
	return out
}

// Records counts what the emulator keeps in memory of past payments.
type Records struct {
	Tokens         int // shared payment tokens
	PaymentIntents int
	PaymentMethods int // the PaymentMethods reproduced on seller accounts for charges
	Refunds        int
	Answers        int // stored answers of idempotent requests
}

// Records returns what the emulator keeps now.
func (s *Server) Records() Records {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Records{Tokens: len(s.tokens), PaymentIntents: len(s.intents), PaymentMethods: len(s.methods),
		Refunds: len(s.refunds), Answers: len(s.idem)}
}
