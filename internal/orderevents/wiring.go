package orderevents

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// ForService is the Config that applies events with svc, recording each delivery in
// the same transaction, with secrets from secret.
func ForService(svc *checkout.Service, secret func(seller string) ([]byte, bool), now func() time.Time, log *slog.Logger) Config {
	return Config{
		Secret: secret,
		Apply: func(ctx context.Context, seller string, ev acp.OrderEvent, nonce string, expires time.Time) error {
			err := svc.ApplyOrderEvent(ctx, seller, ev, store.Once{Scope: "order_event:" + seller, Nonce: nonce, ExpiresAt: expires})
			switch {
			case errors.Is(err, store.ErrReplay):
				return ErrReplay
			case errors.Is(err, store.ErrNotFound):
				return ErrNotFound
			case errors.Is(err, checkout.ErrUnknownEvent), errors.Is(err, store.ErrInvalid):
				return ErrInvalid
			}
			return err
		},
		Now: now,
		Log: log,
	}
}
