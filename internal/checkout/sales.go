package checkout

import (
	"context"
	"errors"
	"fmt"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Sales statistics.
//
// A completed order's lines go into the store's sales outbox in the transaction that
// completes it (store.Complete), so no sale is lost: not to a crash right after the
// order, nor to a sales file that a bulk import keeps busy past the write timeout.
// DrainSales counts them in the catalog's sales file and has the store forget them.
// Each outbox row carries a random token, and the sales file keeps the token of every
// sale it counts, in the transaction that counts it (catalog.CountSales): a drain
// interrupted anywhere, repeated, or racing another (every purchase counts its own
// sales, and the recovery loop drains them all) counts each sale exactly once, and so do copies of one
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
// recovery loop calls it; every completed purchase counts its own sale at once
// (afterSale), and leaves the forgetting to the loop.
func (s *Service) DrainSales(ctx context.Context) (SalesReport, error) {
	var rep SalesReport
	if err := s.settleOldSales(ctx); err != nil {
		return rep, err
	}
	for {
		pending, err := s.cfg.Store.PendingSales(ctx, drainBatch)
		if err != nil || len(pending) == 0 {
			return rep, err
		}
		n, err := s.cfg.Catalog.CountSales(ctx, countedSales(pending))
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

// countedSales is the sales of the outbox as the statistics count them.
func countedSales(pending []store.PendingSale) []catalog.CountedSale {
	out := make([]catalog.CountedSale, len(pending))
	for i, p := range pending {
		out[i] = catalog.CountedSale{Token: p.Token, Sale: catalog.Sale{ProductID: p.ProductID, Quantity: p.Quantity, AlsoBought: p.AlsoBought, At: p.At}}
	}
	return out
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

// afterSale counts the sales of the order just completed in the sales statistics,
// which recommend uses, without waiting for a sales file another writer holds (a bulk
// load) and without writing to the store: the recovery loop forgets them later (and
// counts them, if this could not). A failure is logged.
func (s *Service) afterSale(ctx context.Context, purchaseID, orderID string) {
	pending, err := s.cfg.Store.PendingSalesOf(ctx, orderID)
	if err == nil && len(pending) > 0 {
		_, err = s.cfg.Catalog.TryCountSales(ctx, countedSales(pending))
	}
	if errors.Is(err, catalog.ErrBusy) {
		s.cfg.Log.InfoContext(ctx, "sale statistics busy (a bulk load?); the recovery loop counts the sale later", "purchase", purchaseID)
		return
	}
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "sale statistics not counted yet; the recovery loop counts them later", "purchase", purchaseID, "err", err)
	}
}
