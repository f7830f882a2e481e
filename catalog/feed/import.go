package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

const (
	// batchSize is how many products Import writes per catalog.Upsert call.
	batchSize = 1000
	// maxReportErrors is how many RowErrors a Report keeps; Rejected counts them all.
	maxReportErrors = 1000
	// maxSkipReasons is how many distinct reasons for skipped rows a Report counts
	// apart; the readers' reasons are a handful of fixed sentences.
	maxSkipReasons = 16
)

// Report summarizes the import of one file. Every row read is counted once in
// Imported, Updated, Rejected or Skipped; an ACP product line counts once per variant, or
// once in Rejected when the line as a whole is refused; a damaged span counts once
// in Rejected. Warned counts imported rows that were changed on the way (a title cut
// to catalog.MaxTitleLen, say). Repeated counts again, for the summary to mention, the
// rows of Updated (or Rejected, when the catalog refused the later row for moving the
// product to another seller) whose id an earlier row of the same file had.
type Report struct {
	File     string
	Imported int // products that were new to the catalog
	Updated  int // products that replaced one with the same id, including an earlier row of the same file
	Rejected int // rows and damaged spans that were not imported
	Warned   int // warnings about rows that were imported
	Skipped  int // shop export rows that hold no product (see RowError.Skipped), neither passed on nor in Errors
	// SkippedWhy counts the skipped rows by their reason, in the order the reasons
	// were first met, so that the summary explains every one.
	SkippedWhy []SkipCount
	Repeated   int // rows whose id an earlier row of the same file had (the later row replaces it)
	// NoAvailability counts the products stored whose row said no availability and
	// gave no stock count (and Options.Availability none): unknown, they are left out
	// of searches for what is in stock and cannot be bought.
	NoAvailability int
	Errors         []RowError // the first 1000 rejections and warnings, in the order they were found
	// Encoding is EncodingWindows1252 when the file was read as such (see
	// Options.Encoding), EncodingUTF8 when it was read as UTF-8.
	Encoding string
	// Err is set when the file could not be read as a whole: it is missing, of an
	// unknown format, binary, or has no decodable row; or reading stopped part-way
	// (the counts then say what was done before). It says why, without the file's
	// name, which is File.
	Err error
}

// SkipCount is how many rows were skipped for one reason.
type SkipCount struct {
	Reason string
	Rows   int
}

// String is a one-line summary: "products.csv: 120 imported, 3 updated, 2 rejected",
// with ", 1 warning" when there were warnings, ", 4 skipped (4 × a row without a
// variant (a product's further image))" when a shop export had rows that hold no
// product, each reason with its count, " (read as Windows-1252)" when it was,
// then how many rows repeated an id of an earlier row of the file, followed by
// "; stopped: <reason>" when
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
	if r.Skipped > 0 {
		why := make([]string, len(r.SkippedWhy))
		for i, c := range r.SkippedWhy {
			why[i] = fmt.Sprintf("%d × %s", c.Rows, c.Reason)
		}
		s += fmt.Sprintf(", %d skipped (%s)", r.Skipped, strings.Join(why, "; "))
	}
	if r.Encoding == EncodingWindows1252 {
		s += " (read as Windows-1252)"
	}
	switch {
	case r.Repeated == 1:
		s += "; 1 row repeats the id of an earlier row in this file (the last row wins)"
	case r.Repeated > 1:
		s += fmt.Sprintf("; %d rows repeat the id of an earlier row in this file (the last row wins)", r.Repeated)
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
//
// While another process holds the catalog's write lock for longer than a lock is
// waited for (another import), Import waits for it instead of failing, as it begins
// and at each batch, saying so once on opt.Progress, until ctx is done (see waiter):
// a batch that failed so was rolled back, and is written again, whole.
func Import(ctx context.Context, cat *catalog.Catalog, files []string, opt Options, report func(RowError)) ([]Report, error) {
	wait := &waiter{progress: opt.Progress}
	l, err := load(ctx, cat, wait)
	if err != nil {
		return nil, err
	}
	defer l.Rollback()
	reports := make([]Report, 0, len(files))
	for _, name := range files {
		rep, err := importFile(ctx, l, wait, name, opt, report)
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

// OpenCatalog is catalog.Open for an import. While another process holds the catalog's
// write lock for longer than a lock is waited for as Open applies its migrations
// (another import into a new catalog migrates it and holds the lock until its load
// ends), it says so on progress (when not nil) once and opens it again once the lock
// is let go, until ctx is done, as Import waits (see waiter). Each migration is a
// transaction of its own, rolled back when it fails, so the attempt that waited left
// the schema as it was or with whole migrations applied.
func OpenCatalog(ctx context.Context, path string, progress io.Writer) (*catalog.Catalog, error) {
	var c *catalog.Catalog
	err := (&waiter{progress: progress}).retry(ctx, func() (err error) {
		c, err = catalog.Open(ctx, path)
		return err
	})
	return c, err
}

// load begins the import's catalog.Loader, waiting (w) while another process holds the
// catalog: another import into an empty catalog holds it until its end.
func load(ctx context.Context, cat *catalog.Catalog, w *waiter) (*catalog.Loader, error) {
	var l *catalog.Loader
	err := w.retry(ctx, func() (err error) {
		l, err = cat.Load(ctx)
		return err
	})
	return l, err
}

// waiter lets an import run beside another one: it waits for the other's writes instead
// of failing on them.
type waiter struct {
	progress io.Writer // where it says that it waits; nil: nowhere
	said     bool
}

// retry runs step, and again every 100 ms for as long as it fails because another
// process held the catalog's write lock for longer than a lock is waited for
// (sqlite.IsBusy), until ctx is done (Ctrl-C); it then returns ctx's error. The first
// time w waits it says so on its progress writer; later waits say nothing more. step
// must leave nothing written when it fails (a transaction of its own, rolled back).
func (w *waiter) retry(ctx context.Context, step func() error) error {
	for {
		err := step()
		if err == nil || !sqlite.IsBusy(err) {
			return err
		}
		if !w.said && w.progress != nil {
			fmt.Fprintln(w.progress, "the catalog is being written by another process (an import?); waiting for it to finish…")
			w.said = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
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

func importFile(ctx context.Context, l *catalog.Loader, wait *waiter, name string, opt Options, report func(RowError)) (Report, error) {
	rep := Report{File: name}
	reject := func(e RowError) {
		if e.Skipped {
			rep.Skipped++
			if i := slices.IndexFunc(rep.SkippedWhy, func(c SkipCount) bool { return c.Reason == e.Reason }); i >= 0 {
				rep.SkippedWhy[i].Rows++
			} else if len(rep.SkippedWhy) < maxSkipReasons {
				rep.SkippedWhy = append(rep.SkippedWhy, SkipCount{e.Reason, 1})
			}
			return
		}
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
	// Three stages, each in a goroutine of its own, a batch apart: Parse collects
	// batches, the catalog prepares each (catalog.Prepare), and the writer stores each
	// here, so that reading, preparing and writing use as many cores as there are (up
	// to three). The writer alone touches rep (see batch).
	b := &batch{ctx: ctx, l: l, wait: wait, rep: &rep, reject: reject, keepSellers: !opt.AllowSellerChange}
	collected, jobs, stop := make(chan *job, 1), make(chan *job, 1), make(chan struct{})
	b.out, b.stop = collected, stop
	var perr error
	var enc string
	go func() {
		defer close(collected)
		enc, perr = parseFeed(f, name, opt, b.add, b.note)
		if b.err == nil {
			b.err = b.flush()
		}
	}()
	go func() {
		defer close(jobs)
		for j := range collected {
			select {
			case <-stop: // the writer has failed: it only drains jobs now
			default:
				j.prepare()
			}
			jobs <- j // the writer reads every job, failed or not
		}
	}()
	var werr error
	for j := range jobs {
		if werr == nil {
			if werr = b.write(j); werr != nil {
				close(stop)
			}
		}
	}
	rep.Encoding = enc // Parse has returned: jobs is closed after collected
	rep.Repeated += b.repeatedAcross()
	switch {
	case werr != nil:
		return rep, werr
	case b.err != nil:
		return rep, b.err
	}
	rep.Err = perr
	if fe := (*FileError)(nil); errors.As(perr, &fe) && fe.File == name {
		rep.Err = fe.Err // the report holds the name apart
	}
	return rep, nil
}

// errStopped stops Parse when the writer has failed.
var errStopped = errors.New("import stopped")

// batch collects products for one Upsert call (add, flush) and writes them (write).
// In Import the two halves run in different goroutines: add and flush in Parse's,
// which hands each batch through out to be prepared (in a goroutine between the two)
// and then written; write in Import's.
// The collecting half owns items, index, sellers, cur and err; the writing half owns
// rep and calls reject. Rejections and warnings found while a batch is collected
// travel with it and are applied before it is written, so rep and report see
// them in the order a single goroutine would.
type batch struct {
	ctx         context.Context
	l           *catalog.Loader
	wait        *waiter // waits while another process writes (batch by batch; see upsert)
	rep         *Report
	reject      func(RowError)
	keepSellers bool  // refuse to move a product to another seller
	err         error // the catalog or context error that stopped the collecting half

	out  chan<- *job     // where flush sends batches; nil: flush prepares and writes them itself
	stop <-chan struct{} // closed when the writing half has failed

	cur     job
	index   map[string]int // product id → position in cur.items
	sellers map[string]catalog.Seller
	// flushed holds a hash of each id of each batch passed on, once a batch, so that
	// the rows repeating an id of an earlier batch can be counted at the end of the
	// file (repeatedAcross). A hash in a slice: 8 bytes an id, not the id in a set; two
	// ids of one file sharing a 64-bit hash would count one row too many.
	flushed []uint64
}

// job is one batch on its way to the writer.
type job struct {
	events   []RowError // rejections and warnings found while it was collected, in order
	updated  int        // rows that replaced an earlier row of the batch
	repeated int        // rows that repeated the id of an earlier row of the batch
	items    []pending
	sellers  []catalog.Seller
	prepared *catalog.Prepared
}

type pending struct {
	at lines
	p  catalog.Product
}

// note is Parse's report function: the rejection or warning goes with the batch.
func (b *batch) note(e RowError) { b.cur.events = append(b.cur.events, e) }

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
		if was := b.cur.items[i].p.SellerID; b.keepSellers && was != p.SellerID {
			b.note(b.sellerChange(it, &catalog.SellerChangeError{ProductID: p.ID, Stored: was, New: p.SellerID}, "in this import"))
			return nil
		}
		b.cur.items[i] = it
		b.cur.updated++
		b.cur.repeated++
	} else {
		b.index[p.ID] = len(b.cur.items)
		b.cur.items = append(b.cur.items, it)
	}
	b.sellers[s.ID] = s
	if len(b.cur.items) >= batchSize {
		if err := b.flush(); err != nil {
			b.err = err
			return err
		}
	}
	return nil
}

// flush passes the collected products on, with what was noted meanwhile: through out,
// to be prepared and written, or by preparing and writing them at once.
func (b *batch) flush() error {
	j, sellers := b.cur, b.sellers
	b.cur, b.index, b.sellers = job{}, nil, nil
	if len(j.items) == 0 && len(j.events) == 0 {
		return nil
	}
	for _, it := range j.items {
		b.flushed = append(b.flushed, idHash(it.p.ID))
	}
	for _, s := range sellers {
		j.sellers = append(j.sellers, s)
	}
	sort.Slice(j.sellers, func(i, k int) bool { return j.sellers[i].ID < j.sellers[k].ID })
	if b.out == nil {
		j.prepare()
		return b.write(&j)
	}
	select {
	case b.out <- &j:
		return nil
	case <-b.stop:
		return errStopped
	case <-b.ctx.Done():
		return b.ctx.Err()
	}
}

// prepare makes j's products ready to write (catalog.Prepare).
func (j *job) prepare() {
	products := make([]catalog.Product, len(j.items))
	for i, it := range j.items {
		products[i] = it.p
	}
	j.prepared = catalog.Prepare(products)
}

// write applies what was noted while j was collected and stores its products. When
// the catalog refuses the batch because of one product, the products are written one
// at a time and the refused ones rejected.
func (b *batch) write(j *job) error {
	for _, e := range j.events {
		b.reject(e)
	}
	if len(j.items) == 0 {
		return nil
	}
	opt := catalog.UpsertOptions{KeepSellers: b.keepSellers}
	st, err := b.upsert(opt, j.sellers, j.prepared)
	if errors.Is(err, catalog.ErrInvalid) {
		st, err = b.oneByOne(opt, j.sellers, j.items)
	}
	if err != nil {
		return fmt.Errorf("%s: saving products: %w", b.rep.File, err)
	}
	b.rep.Imported += st.Inserted
	b.rep.Updated += st.Updated + j.updated
	for _, it := range j.items {
		if it.p.Availability == catalog.Unknown {
			b.rep.NoAvailability++
		}
	}
	b.rep.Repeated += j.repeated
	return nil
}

// upsert writes one batch. Batch by batch each is a transaction of its own, rolled back
// when it fails, so one refused because another process held the catalog's write lock
// past the busy timeout (another import's batch) is written again, whole, once the lock
// is let go (b.wait). A bulk load's batches share its transaction, which holds the lock
// from the start.
func (b *batch) upsert(opt catalog.UpsertOptions, sellers []catalog.Seller, p *catalog.Prepared) (catalog.UpsertStats, error) {
	if b.l.Bulk() {
		return b.l.UpsertPrepared(b.ctx, opt, sellers, p)
	}
	var st catalog.UpsertStats
	err := b.wait.retry(b.ctx, func() (err error) {
		st, err = b.l.UpsertPrepared(b.ctx, opt, sellers, p)
		return err
	})
	return st, err
}

// repeatedAcross counts the rows that repeated an id of an earlier batch of the file:
// an id in k batches was repeated k-1 times (repeats within a batch are counted as
// it is collected). It runs once Parse has returned.
func (b *batch) repeatedAcross() int {
	slices.Sort(b.flushed)
	n := 0
	for i := 1; i < len(b.flushed); i++ {
		if b.flushed[i] == b.flushed[i-1] {
			n++
		}
	}
	return n
}

// idHash is the 64-bit FNV-1a hash of id.
func idHash(id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	return h
}

func (b *batch) oneByOne(opt catalog.UpsertOptions, sellers []catalog.Seller, items []pending) (catalog.UpsertStats, error) {
	var total catalog.UpsertStats
	for _, it := range items {
		st, err := b.upsert(opt, sellers, catalog.Prepare([]catalog.Product{it.p}))
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
