package checkout

import (
	"context"
	"errors"
	"fmt"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Sales statistics.
//
// A completed order's lines go into the store's sales outbox in the transaction that
// completes it (store.Complete), so no sale is lost: not to a crash right after the
// order, nor to a sales file that a bulk import keeps busy past the write timeout.
// DrainSales counts them in the catalog's sales file and has the store forget them.
// Each outbox row carries a random token, and the sales file keeps the token of every
// sale it counts, in the transaction that counts it (catalog.CountSales): a drain
// interrupted anywhere, repeated, or racing another (every purchase drains, and so
// does the recovery loop) counts each sale exactly once, and so do copies of one
// store file (restored from a backup, or copied and used beside the original): they
// share the tokens of the sales made before the copy, and no other.

// drainBatch is how many pending sales one transaction of the sales file counts.
const drainBatch = 500

// SalesReport is what DrainSales did.
type SalesReport struct {
	Counted   int   // sales counted in the statistics now
	Forgotten int64 // counted sales the store no longer keeps
}

// DrainSales counts the sales waiting in the store's outbox in the sales statistics,
// each once, and has the store forget them. It stops at the first error (the sales
// file busy, say): what it did not count stays pending for the next drain. The
// recovery loop calls it; every completed purchase counts its sale the same way,
// except that it does not wait for a busy sales file.
func (s *Service) DrainSales(ctx context.Context) (SalesReport, error) {
	return s.drainSales(ctx, false)
}

// drainSales is DrainSales; atSale is the drain of a purchase that just completed: it
// does not wait for a sales file another writer holds (a bulk load: the sale stays
// pending and the recovery loop counts it).
func (s *Service) drainSales(ctx context.Context, atSale bool) (SalesReport, error) {
	count := s.cfg.Catalog.CountSales
	if atSale {
		count = s.cfg.Catalog.TryCountSales
	}
	var rep SalesReport
	if err := s.settleOldSales(ctx); err != nil {
		return rep, err
	}
	for {
		pending, err := s.cfg.Store.PendingSales(ctx, drainBatch)
		if err != nil || len(pending) == 0 {
			return rep, err
		}
		batch := make([]catalog.CountedSale, len(pending))
		for i, p := range pending {
			batch[i] = catalog.CountedSale{Token: p.Token, Sale: catalog.Sale{ProductID: p.ProductID, Quantity: p.Quantity, AlsoBought: p.AlsoBought, At: p.At}}
		}
		n, err := count(ctx, batch)
		if err != nil {
			return rep, fmt.Errorf("count sales: %w", err)
		}
		rep.Counted += n
		if err := s.fault("sales_counted"); err != nil {
			return rep, err // a crash: nothing more, as a killed process
		}
		forgotten, err := s.cfg.Store.ForgetSales(ctx, pending)
		rep.Forgotten += forgotten
		if err != nil || len(pending) < drainBatch {
			return rep, err
		}
	}
}

// settleOldSales settles, once, the sales that waited in the outbox when the store was
// upgraded to tokens (store migration 0017): the statistics counted those by number
// then, up to a mark per store id. Those at or below the store's mark were counted and
// are forgotten; the others are counted by token from now on. A store whose numbering
// had gone back below the mark before the upgrade (restored from a backup) counts them
// all, as the version before did.
func (s *Service) settleOldSales(ctx context.Context) error {
	id, top, err := s.cfg.Store.OldSales(ctx)
	if err != nil || id == "" {
		return err
	}
	mark, err := s.cfg.Catalog.OldSalesMark(ctx, id)
	if err != nil {
		return err
	}
	if top < mark {
		mark = 0
	}
	return s.cfg.Store.SettleOldSales(ctx, id, mark)
}

// afterSale counts the sale just completed (with any others pending) in the sales
// statistics, which recommend uses. A failure is logged: the sale stays in the
// store's outbox and the recovery loop counts it later.
func (s *Service) afterSale(ctx context.Context, purchaseID string) {
	_, err := s.drainSales(ctx, true)
	if errors.Is(err, catalog.ErrBusy) {
		s.cfg.Log.InfoContext(ctx, "sale statistics busy (a bulk load?); the recovery loop counts the sale later", "purchase", purchaseID)
		return
	}
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "sale statistics not counted yet; the recovery loop counts them later", "purchase", purchaseID, "err", err)
	}
}
