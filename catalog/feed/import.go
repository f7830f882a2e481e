package feed

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

const (
	// batchSize is how many products Import writes per catalog.Upsert call.
	batchSize = 1000
	// maxReportErrors is how many RowErrors a Report keeps; Rejected counts them all.
	maxReportErrors = 1000
)

// Report summarizes the import of one file. Every row read is counted once in
// Imported, Updated or Rejected; an ACP product line counts once per variant, or
// once in Rejected when the line as a whole is refused; a damaged span counts once
// in Rejected. Warned counts imported rows that were changed on the way.
type Report struct {
	File     string
	Imported int        // products that were new to the catalog
	Updated  int        // products that replaced one with the same id, including an earlier row of the same file
	Rejected int        // rows and damaged spans that were not imported
	Warned   int        // warnings about rows that were imported
	Errors   []RowError // the first 1000 rejections and warnings, in the order they were found
	// Err is set when the file could not be read as a whole: it is missing, of an
	// unknown format, binary, or has no decodable row; or reading stopped part-way
	// (the counts then say what was done before). It says why, without the file's
	// name, which is File.
	Err error
}

// String is a one-line summary: "products.csv: 120 imported, 3 updated, 2 rejected",
// with ", 1 warning" when there were warnings, followed by "; stopped: <reason>" when
// reading stopped part-way. For a file from which nothing was read it is
// "<file>: <reason>".
func (r Report) String() string {
	if r.Err != nil && r.Imported+r.Updated+r.Rejected == 0 {
		return r.File + ": " + r.Err.Error()
	}
	s := fmt.Sprintf("%s: %d imported, %d updated, %d rejected", r.File, r.Imported, r.Updated, r.Rejected)
	switch {
	case r.Warned == 1:
		s += ", 1 warning"
	case r.Warned > 1:
		s += fmt.Sprintf(", %d warnings", r.Warned)
	}
	if r.Err != nil {
		s += "; stopped: " + r.Err.Error()
	}
	return s
}

// Import reads each file in turn with Parse and writes its products to cat through one
// catalog.Loader, in batches of 1000 products, together with their sellers.
// Within a file a later row with the same id replaces the earlier one and counts as
// updated, unless it names another seller (see Options.AllowSellerChange). report,
// when not nil, is called with each rejected row, damaged span and warning as soon
// as it is known.
//
// A file that cannot be read gets a Report with Err set, and the next file is still
// imported. Import returns a non-nil error only when the catalog fails to store a
// batch or ctx is done; it then stops, and the reports so far (the last one partial)
// are returned with the error. Into a catalog that had products, batches already
// written stay written; into an empty one (a bulk load: see catalog.Loader) nothing is
// stored, and the error is an *UnstoredError.
func Import(ctx context.Context, cat *catalog.Catalog, files []string, opt Options, report func(RowError)) ([]Report, error) {
	l, err := cat.Load(ctx)
	if err != nil {
		return nil, err
	}
	defer l.Rollback()
	reports := make([]Report, 0, len(files))
	for _, name := range files {
		rep, err := importFile(ctx, l, name, opt, report)
		reports = append(reports, rep)
		if err != nil {
			return unstored(l, reports, err)
		}
	}
	if err := l.Commit(ctx); err != nil {
		return unstored(l, reports, err)
	}
	return reports, nil
}

// UnstoredError is Import's error when a bulk load failed: nothing was stored, and the
// reports count no product as imported or updated.
type UnstoredError struct{ Err error }

func (e *UnstoredError) Error() string { return e.Err.Error() + " (nothing was stored)" }
func (e *UnstoredError) Unwrap() error { return e.Err }

// unstored returns the reports and err of a failed import; a bulk load's reports then
// count nothing as stored.
func unstored(l *catalog.Loader, reports []Report, err error) ([]Report, error) {
	if !l.Bulk() {
		return reports, err
	}
	l.Rollback()
	for i := range reports {
		reports[i].Imported, reports[i].Updated = 0, 0
	}
	return reports, &UnstoredError{Err: err}
}

func importFile(ctx context.Context, l *catalog.Loader, name string, opt Options, report func(RowError)) (Report, error) {
	rep := Report{File: name}
	reject := func(e RowError) {
		if e.Warning {
			rep.Warned++
		} else {
			rep.Rejected++
		}
		if len(rep.Errors) < maxReportErrors {
			rep.Errors = append(rep.Errors, e)
		}
		if report != nil {
			report(e)
		}
	}
	f, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		rep.Err = fmt.Errorf("cannot open the file: %v", err)
		return rep, nil
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		rep.Err = errors.New("is a directory, not a feed file")
		return rep, nil
	}
	b := &batch{ctx: ctx, l: l, rep: &rep, reject: reject, keepSellers: !opt.AllowSellerChange}
	perr := Parse(f, name, opt, b.add, reject)
	if b.err != nil {
		return rep, b.err
	}
	if err := b.flush(); err != nil {
		return rep, err
	}
	rep.Err = perr
	if fe := (*FileError)(nil); errors.As(perr, &fe) && fe.File == name {
		rep.Err = fe.Err // the report holds the name apart
	}
	return rep, nil
}

// batch collects products for one Upsert call.
type batch struct {
	ctx         context.Context
	l           *catalog.Loader
	rep         *Report
	reject      func(RowError)
	keepSellers bool  // refuse to move a product to another seller
	err         error // the catalog or context error that stopped the import

	items   []pending
	index   map[string]int // product id → position in items
	sellers map[string]catalog.Seller
}

type pending struct {
	at lines
	p  catalog.Product
}

// add is Parse's emit function.
func (b *batch) add(line, end int, s catalog.Seller, p catalog.Product) error {
	if err := b.ctx.Err(); err != nil {
		b.err = err
		return err
	}
	if b.index == nil {
		b.index, b.sellers = map[string]int{}, map[string]catalog.Seller{}
	}
	it := pending{lines{line, end}, p}
	if i, ok := b.index[p.ID]; ok {
		if was := b.items[i].p.SellerID; b.keepSellers && was != p.SellerID {
			b.reject(b.sellerChange(it, &catalog.SellerChangeError{ProductID: p.ID, Stored: was, New: p.SellerID}, "in this import"))
			return nil
		}
		b.items[i] = it
		b.rep.Updated++
	} else {
		b.index[p.ID] = len(b.items)
		b.items = append(b.items, it)
	}
	b.sellers[s.ID] = s
	if len(b.items) >= batchSize {
		if err := b.flush(); err != nil {
			b.err = err
			return err
		}
	}
	return nil
}

// flush writes the collected products. When the catalog refuses the batch because of
// one product, the products are written one at a time and the refused ones rejected.
func (b *batch) flush() error {
	if len(b.items) == 0 {
		return nil
	}
	sellers := make([]catalog.Seller, 0, len(b.sellers))
	for _, s := range b.sellers {
		sellers = append(sellers, s)
	}
	sort.Slice(sellers, func(i, j int) bool { return sellers[i].ID < sellers[j].ID })
	products := make([]catalog.Product, len(b.items))
	for i, it := range b.items {
		products[i] = it.p
	}
	opt := catalog.UpsertOptions{KeepSellers: b.keepSellers}
	st, err := b.l.Upsert(b.ctx, opt, sellers, products)
	if errors.Is(err, catalog.ErrInvalid) {
		st, err = b.oneByOne(opt, sellers)
	}
	if err != nil {
		return fmt.Errorf("%s: saving products: %w", b.rep.File, err)
	}
	b.rep.Imported += st.Inserted
	b.rep.Updated += st.Updated
	b.items, b.index, b.sellers = b.items[:0], nil, nil
	return nil
}

func (b *batch) oneByOne(opt catalog.UpsertOptions, sellers []catalog.Seller) (catalog.UpsertStats, error) {
	var total catalog.UpsertStats
	for _, it := range b.items {
		st, err := b.l.Upsert(b.ctx, opt, sellers, []catalog.Product{it.p})
		var change *catalog.SellerChangeError
		switch {
		case errors.As(err, &change):
			b.reject(b.sellerChange(it, change, "in the catalog"))
			continue
		case errors.Is(err, catalog.ErrInvalid):
			b.reject(RowError{File: b.rep.File, Line: it.at.first, EndLine: it.at.last, Reason: invalidReason(err)})
			continue
		}
		if err != nil {
			return total, err
		}
		total.Inserted += st.Inserted
		total.Updated += st.Updated
	}
	return total, nil
}

// sellerChange is the rejection of a row that would move its product to another
// seller; where says where the product's seller was found.
func (b *batch) sellerChange(it pending, e *catalog.SellerChangeError, where string) RowError {
	return RowError{File: b.rep.File, Line: it.at.first, EndLine: it.at.last,
		Reason: fmt.Sprintf("product %s is sold by seller %s %s, not %s; pass --allow-seller-change to move it", q(e.ProductID), q(e.Stored), where, q(e.New))}
}
