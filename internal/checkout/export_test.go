package checkout

import (
	"context"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// LapsedQuoteWorkers is how many lapsed quotes a recovery run ends at a time, for
// the external tests.
const LapsedQuoteWorkers = lapsedQuoteWorkers

// WaitSettling waits for the owed tokens the service's cancels settle after their
// answer (settleAfterAnswer).
func (s *Service) WaitSettling() { s.settling.Wait() }

// RenewAsRead renews subscription u as a renewal run that read it as u (perhaps before
// a change of it) would: for the tests of a change racing a renewal.
func (s *Service) RenewAsRead(ctx context.Context, u store.Subscription) (Renewal, error) {
	return s.renew(ctx, u)
}

// ConfirmCheckoutAsRead confirms checkout c as a confirmation of its quote that read it
// as c (quoted, perhaps before another confirmation approved it) would.
func (s *Service) ConfirmCheckoutAsRead(ctx context.Context, c store.Checkout) (CheckoutOutcome, error) {
	out, err := s.confirmCheckout(ctx, &c)
	return s.checkoutOutcome(ctx, c, out, err)
}
