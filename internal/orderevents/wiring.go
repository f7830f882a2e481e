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

// ForService is the Config that applies events with svc and records deliveries in
// st, with secrets from secret.
func ForService(svc *checkout.Service, st *store.Store, secret func(seller string) ([]byte, bool), now func() time.Time, log *slog.Logger) Config {
	return Config{
		Secret: secret,
		Apply: func(ctx context.Context, seller string, ev acp.OrderEvent) error {
			err := svc.ApplyOrderEvent(ctx, seller, ev)
			switch {
			case errors.Is(err, store.ErrNotFound):
				return ErrNotFound
			case errors.Is(err, checkout.ErrUnknownEvent), errors.Is(err, store.ErrInvalid):
				return ErrInvalid
			}
			return err
		},
		UseOnce: func(ctx context.Context, scope, nonce string, expires time.Time) error {
			err := st.UseOnce(ctx, scope, nonce, expires)
			if errors.Is(err, store.ErrReplay) {
				return ErrReplay
			}
			return err
		},
		Now: now,
		Log: log,
	}
}
