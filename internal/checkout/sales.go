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
// DrainSales counts them in the catalog's sales file. The sales file keeps, per store,
// the highest outbox number it has counted, moved in the transaction that counts them
// (catalog.CountSales): a drain interrupted anywhere, repeated, or racing another
// (every purchase drains, and so does the recovery loop) counts each sale exactly
// once. The recovery loop has the store forget the counted rows afterwards (a crash
// before that only leaves rows the mark already covers).

// drainBatch is how many pending sales one transaction of the sales file counts.
const drainBatch = 500

// SalesReport is what DrainSales did.
type SalesReport struct {
	Counted   int   // sales counted in the statistics now
	Forgotten int64 // counted sales the store no longer keeps
}

// DrainSales counts the sales waiting in the store's outbox in the sales statistics,
// each once, and lets the store forget those counted. It stops at the first error
// (the sales file busy, say): what it did not count stays pending for the next drain.
// The recovery loop calls it; every completed purchase counts its sale the same way,
// except that it does not wait for a busy sales file and leaves the forgetting to the
// loop.
func (s *Service) DrainSales(ctx context.Context) (SalesReport, error) {
	return s.drainSales(ctx, false)
}

// drainSales is DrainSales; atSale is the drain of a purchase that just completed: it
// does not wait for a sales file another writer holds (a bulk load: the sale stays
// pending and the recovery loop counts it), and leaves the forgetting to the loop (one
// write to the store fewer per purchase). The loop's drain waits as long as the pool
// does, and has the store forget the counted sales at the end (and on an error,
// whatever was counted before it).
func (s *Service) drainSales(ctx context.Context, atSale bool) (SalesReport, error) {
	forget, count := !atSale, s.cfg.Catalog.CountSales
	if atSale {
		count = s.cfg.Catalog.TryCountSales
	}
	var rep SalesReport
	source, err := s.cfg.Store.StoreID(ctx)
	if err != nil {
		return rep, err
	}
	end := func(err error) (SalesReport, error) {
		if err != nil {
			err = fmt.Errorf("count sales: %w", err)
		}
		if !forget {
			return rep, err
		}
		if ferr := s.forgetSales(ctx, source, &rep); err == nil {
			err = ferr
		}
		return rep, err
	}
	mark, err := s.cfg.Catalog.SalesCounted(ctx, source)
	if err != nil {
		return rep, err
	}
	// The statistics count sales above the mark only, so a store whose numbering went
	// back below it (restored from a backup, or copied) would have its next sales
	// passed over as counted, and forgotten. It takes a new id: the statistics count
	// its sales afresh. (Sales a restored backup still held pending, counted before,
	// count again: a few counted twice rather than every later one lost.)
	top, err := s.cfg.Store.SalesHighWater(ctx)
	if err != nil {
		return rep, err
	}
	if top < mark {
		renewed, err := s.cfg.Store.RenewStoreID(ctx, source)
		if err != nil {
			return rep, err
		}
		if renewed != source {
			s.cfg.Log.WarnContext(ctx, "the store's sales numbering went back below what the statistics counted (restored from a backup or copied?); the store takes a new id and its sales count afresh",
				"store_sales_high_water", top, "statistics_mark", mark)
		}
		source = renewed
		if mark, err = s.cfg.Catalog.SalesCounted(ctx, source); err != nil {
			return rep, err
		}
	}
	for {
		pending, err := s.cfg.Store.PendingSales(ctx, mark, drainBatch)
		if err != nil || len(pending) == 0 {
			return end(err)
		}
		batch := make([]catalog.CountedSale, len(pending))
		for i, p := range pending {
			batch[i] = catalog.CountedSale{Seq: p.Seq, Sale: catalog.Sale{ProductID: p.ProductID, Quantity: p.Quantity, AlsoBought: p.AlsoBought, At: p.At}}
		}
		n, err := count(ctx, source, batch)
		if err != nil {
			return end(err)
		}
		rep.Counted += n
		if err := s.fault("sales_counted"); err != nil {
			return rep, err // a crash: nothing more, as a killed process
		}
		mark = pending[len(pending)-1].Seq
		if len(pending) < drainBatch {
			return end(nil)
		}
	}
}

// forgetSales has the store forget the sales the sales file has counted.
func (s *Service) forgetSales(ctx context.Context, source string, rep *SalesReport) error {
	mark, err := s.cfg.Catalog.SalesCounted(ctx, source)
	if err != nil {
		return err
	}
	n, err := s.cfg.Store.ForgetSales(ctx, mark)
	rep.Forgotten += n
	return err
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
