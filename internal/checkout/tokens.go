package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
)

// SPTTokens is Tokens over Stripe's shared payment issued-token API.
type SPTTokens struct {
	Client *spt.Client
}

// Issue implements Tokens.
func (t SPTTokens) Issue(ctx context.Context, r TokenRequest) (Token, error) {
	tok, err := t.Client.Issue(ctx, spt.IssueParams{
		PaymentMethod: r.PaymentMethod, SellerProfile: r.SellerProfile, Currency: r.Currency,
		MaxAmount: r.MaxAmount, ExpiresAt: r.ExpiresAt, IdempotencyKey: r.IdemKey,
	})
	if err != nil {
		return Token{}, classifyStripe(err)
	}
	return Token{ID: tok.ID, Status: TokenStatus(tok.Status)}, nil
}

// Revoke implements Tokens. Revoking a token that is already deactivated succeeds.
func (t SPTTokens) Revoke(ctx context.Context, id, idemKey string) error {
	_, err := t.Client.Revoke(ctx, id, idemKey)
	return classifyStripe(err)
}

// Retrieve implements Tokens: the token as Stripe shows it now, with what was captured
// on it.
func (t SPTTokens) Retrieve(ctx context.Context, id string) (Token, error) {
	tok, err := t.Client.Retrieve(ctx, id)
	if err != nil {
		return Token{}, classifyStripe(err)
	}
	currency := tok.CapturedCurrency // the captured amount's own currency, when Stripe names it
	if currency == "" {
		currency = tok.Currency
	}
	return Token{ID: tok.ID, Status: TokenStatus(tok.Status), AmountCaptured: tok.AmountCaptured,
		CapturedKnown: tok.CapturedKnown, Currency: currency, ExpiresAt: tok.ExpiresAt,
		DeactivatedReason: tok.DeactivatedReason, DeactivatedAt: tok.DeactivatedAt}, nil
}

// classifyStripe maps the SPT client's errors onto the saga's.
func classifyStripe(err error) error {
	var se *spt.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, spt.ErrOutcomeUnknown):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	case errors.As(err, &se) && (se.Temporary() || se.HTTPStatus == http.StatusTooManyRequests):
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	case errors.As(err, &se) && se.HTTPStatus == http.StatusPaymentRequired:
		return fmt.Errorf("%w: %w", ErrDeclined, err)
	case errors.As(err, &se) && (se.HTTPStatus == http.StatusUnauthorized || se.HTTPStatus == http.StatusForbidden ||
		strings.HasPrefix(se.Param, "seller_details")):
		return fmt.Errorf("%w: %w: %w", ErrRejected, ErrMisconfigured, err)
	}
	return fmt.Errorf("%w: %w", ErrRejected, err)
}

// redactedToken is a Tokens call's error err as a log line may show it: its text is
// tokenFailure's (no token id, even redacted), while errors.Is and errors.As still
// see err.
type redactedToken struct{ err error }

func (e redactedToken) Error() string { return tokenFailure(e.err) }
func (e redactedToken) Unwrap() error { return e.err }

// tokenFailure describes a Tokens call's error err without the token id it may name:
// a token id, even redacted, stays out of logs.
func tokenFailure(err error) string {
	var se *spt.Error
	switch {
	case errors.As(err, &se):
		return strings.TrimSpace(fmt.Sprintf("%s: HTTP %d %s %s %s", se.Op, se.HTTPStatus, se.Type, se.Code, se.RequestID))
	case errors.Is(err, ErrUnavailable):
		return "the payment service is unavailable"
	}
	return "the payment service refused the request"
}
