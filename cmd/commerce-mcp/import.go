package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// importGCPercent is the garbage collector's GOGC during an import.
const importGCPercent = 400

// importFeeds loads product feeds into the catalog at --db. Rejected rows, damaged
// spans and warnings are listed on stderr with file and line, followed by one summary
// line per file; past the first few rows of one reason the rest are counted after the
// file's summary, and --rejects FILE keeps every one. A row that would move a product to another seller is rejected unless
// --allow-seller-change is given. The image hosts the feeds bring products to that the
// views will not show (--image-hosts) are listed after the summaries. A --db in a directory that does not exist is refused
// unless --create is given (a mistyped path is not created silently). It fails when
// nothing at all could be read, when every row read was rejected (no product stored), or
// when the database fails.
func importFeeds(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	seller := fs.String("seller", "", "seller `name` for rows that name none")
	create := fs.Bool("create", false, "create the directory of --db when it does not exist")
	allowSellerChange := fs.Bool("allow-seller-change", false, "let a feed move a product that another seller sells to its own seller (refused row by row otherwise)")
	encoding := fs.String("encoding", "auto", "how CSV and TSV feeds are read: `auto`, utf-8 or windows-1252 (auto: UTF-8, or Windows-1252 for a file whose start is not UTF-8 and holds no UTF-8 character beyond ASCII)")
	currency := fs.String("currency", "", "currency `code` (such as USD) of prices written without one (29.99, $29.99) in a CSV, TSV, XML or flat JSON feed without a currency column, as Shopify, WooCommerce, BigCommerce and Magento exports write them")
	availability := fs.String("availability", "", "`availability` (in_stock, out_of_stock, preorder, backorder, discontinued) of products whose row says none and gives no stock count, as in a spreadsheet or API answer listing only what is for sale (default: unknown, left out of searches for what is in stock and not purchasable)")
	shopURL := fs.String("shop-url", "", "the shop's `address` (https://shop.example): product and image links written as a path (/lodge-skillet/, as BigCommerce's Product URL; a Magento url_key and base_image) are read against it, and a Shopify export's products link to its /products/HANDLE; without it such paths are left out")
	rejectsPath := fs.String("rejects", "", "write every rejected row, damaged span and warning, with its file, line and reason, to `file` (stderr lists the first 5 of each reason and counts the rest)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the import to `file` (for finding where an import's time goes)")
	var images imageHostsFlag
	images.register(fs, getenv)
	if err := parse(fs, args); err != nil {
		return err
	}
	if images.err != nil {
		return images.err
	}
	if c.db == "" {
		return &usageError{Msg: "import needs --db PATH (or COMMERCE_DB): the catalog to load into"}
	}
	if err := checkDBDir(c.db, *create); err != nil {
		return err
	}
	enc := strings.ToLower(*encoding)
	switch enc {
	case "auto":
		enc = feed.EncodingAuto
	case feed.EncodingUTF8, feed.EncodingWindows1252:
	default:
		return &usageError{Msg: fmt.Sprintf("--encoding %q is not auto, utf-8 or windows-1252", *encoding)}
	}
	if fs.NArg() == 0 {
		return &usageError{Msg: "import needs at least one feed file: commerce-mcp import --db PATH FILE..."}
	}
	if *currency != "" {
		if _, err := money.NormalizeCurrency(*currency); err != nil {
			return &usageError{Msg: fmt.Sprintf("--currency %q is not a three-letter currency code such as USD", *currency)}
		}
	}
	if *shopURL != "" {
		u, err := feed.ParseShopURL(*shopURL)
		if err != nil {
			return &usageError{Msg: fmt.Sprintf("--shop-url %v", err)} // the value is not repeated: it may hold a password
		}
		*shopURL = u
	}
	var avail catalog.Availability
	if *availability != "" {
		a, ok := catalog.ParseAvailability(*availability)
		if !ok || a == catalog.Unknown {
			return &usageError{Msg: fmt.Sprintf("--availability %q is not in_stock, out_of_stock, preorder, backorder or discontinued", *availability)}
		}
		avail = a
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		return err
	}
	var rejectsFile io.Writer
	if *rejectsPath != "" {
		f, err := createRejects(*rejectsPath, c.db, fs.Args())
		if err != nil {
			return err
		}
		defer f.Close()
		rejectsFile = f
	}
	// An import allocates a great deal that lives for one batch; collecting garbage at
	// the default pace cost about 5% of its CPU (1% at 400). It holds a few batches at
	// a time, so letting the heap grow to five times what is live stays far below its
	// memory target (bench import prints the peak: 230–276 MB at 1M products).
	defer debug.SetGCPercent(debug.SetGCPercent(importGCPercent))
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	// Another import into a new catalog may hold it while this one applies the
	// migrations: wait for it, as for its batches (feed.Import).
	cat, err := feed.OpenCatalog(ctx, c.db, stderr)
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("import stopped before any product was stored")
		}
		return err
	}
	defer cat.Close()
	// The import's writes wake the catalog's background merging of its search index;
	// a failure of it is told as serve tells it, once, by the time the import ends.
	defer startMergeLog(ctx, cat, logger)()
	warnSalesDiscarded(logger, cat, c.db)
	// The image hosts before, to tell which ones the feeds bring that the views will
	// not show (reportImportedHosts); a failed count leaves the report out.
	hostsBefore, hostsErr := cat.ImageOriginCounts(ctx)
	opt := feed.Options{DefaultSeller: *seller, AllowSellerChange: *allowSellerChange, Encoding: enc, Currency: *currency, Availability: avail, ShopURL: *shopURL, Progress: stderr}
	var firstRejected string // said again at the end when nothing was stored
	rejects := newRejectLog(stderr, rejectsFile)
	reports, err := feed.Import(ctx, cat, fs.Args(), opt, func(e feed.RowError) {
		if firstRejected == "" && !e.Warning && !e.Skipped {
			firstRejected = e.String()
		}
		rejects.row(e)
	})
	read, stored, rejected, unknown := 0, 0, 0, 0
	for _, r := range reports {
		fmt.Fprintln(stderr, r.String())
		rejects.summary(r.File, *rejectsPath)
		read += r.Imported + r.Updated + r.Rejected + r.Skipped
		stored += r.Imported + r.Updated
		rejected += r.Rejected
		unknown += r.NoAvailability
	}
	if unknown > 0 {
		fmt.Fprintf(stderr, "%d of the products stored say neither availability nor a stock count: searches for what is in stock "+
			"(the default) leave them out and they cannot be bought; add an availability or stock column, "+
			"or pass --availability in_stock when the feeds list only what is for sale\n", unknown)
	}
	var unstored *feed.UnstoredError
	switch {
	case errors.As(err, &unstored):
		logger.Error("import stopped", "err", unstored.Err)
		return errors.New("import stopped before the end; nothing was stored (a first import into an empty catalog is stored all at once)")
	case err != nil && stored == 0:
		logger.Error("import stopped", "err", err)
		return errors.New("import stopped before any product was stored")
	case err != nil:
		logger.Error("import stopped", "err", err)
		return errors.New("import stopped before the end; the products counted above as imported or updated were stored")
	}
	if rejects.err != nil {
		logger.Error("the rows rejected could not all be written to --rejects", "file", *rejectsPath, "err", rejects.err)
	}
	if read == 0 {
		return errors.New("nothing could be read from the given files: each was refused (the reason is above) or has no rows after its header")
	}
	if stored == 0 && rejected > 0 {
		// Every row may fail for one missing flag (--currency, --seller): the reason is
		// said once more here, where a terminal full of rejected rows ends.
		return fmt.Errorf("no product was imported: all %d rows read were rejected; the first: %s", rejected, firstRejected)
	}
	reportRulesCurrency(stderr, *currency, c.db)
	reportPerOrderLimit(ctx, stderr, cat, c.db)
	if hostsErr == nil {
		if after, err := cat.ImageOriginCounts(ctx); err == nil {
			reportImportedHosts(stderr, hostsBefore, after, images)
		}
	}
	// Searches read every segment of the index. A bulk load leaves one (see
	// catalog.RebuildIndex), where this finds nothing to do; a load batch by batch
	// leaves several. Merging them is an optimisation, so its failure leaves the
	// import done.
	if err := cat.OptimizeIndex(ctx); err != nil {
		logger.Warn("the search index could not be merged after the import; searches work, only slower", "err", err)
	}
	// The best matches of common words, for their first search in a process (see
	// catalog/heads.go): built when the catalog has none (a first import, or writes
	// since the last build dropped them); writes keep them otherwise. Like the merge,
	// an optimisation.
	has, err := cat.HasHeads(ctx)
	if err == nil && !has {
		start, cpu := time.Now(), cpuTimeSelf()
		var st catalog.HeadStats
		// Said only when some word was common enough to have one: a catalog of a few
		// thousand products has none, and "0 for 0" tells its operator nothing.
		if st, err = cat.BuildHeads(ctx); err == nil && st.Words > 0 {
			fmt.Fprintf(stderr, "search heads: %d for %d common words, in %.1f s (%.1f s of CPU)\n",
				st.Heads, st.Words, time.Since(start).Seconds(), (cpuTimeSelf() - cpu).Seconds())
		}
	}
	switch {
	case errors.Is(err, catalog.ErrTextChanged):
		logger.Warn("the common words' search heads were not built: another process changed products while they were read; the next import builds them, and searches work meanwhile, a common word's first one slower")
	case err != nil:
		logger.Warn("the common words' search heads could not be built; searches work, a common word's first one slower", "err", err)
	}
	// An upgrade's rewrite of every product (see catalog.FillState) runs beside the
	// import; a batch job waits for it, so that the server started next has none to do.
	if err := logFill(ctx, cat, logger, fillLogEvery); err != nil {
		return errors.New("the products were imported, but the rewrite an upgrade asks for stopped; the next start goes on with it")
	}
	return nil
}

// reportRulesCurrency tells an import whose --currency is not the built-in default
// spending rules' that a customer whose rules were never set cannot buy its products
// (a purchase in another currency than the rules' is refused) until the defaults are
// set in its currency (limits set --default), and how: a
// shop in pounds otherwise learns it from its first refused purchase. The defaults are
// in minor units of a currency with two decimals; the command shows their major amounts.
func reportRulesCurrency(w io.Writer, currency, db string) {
	cur, err := money.NormalizeCurrency(currency)
	def := store.DefaultRules()
	if currency == "" || err != nil || cur == def.Currency {
		return
	}
	fmt.Fprintf(w, "prices in %s: spending rules are in %s until set, and refuse purchases in %s; set the defaults of every customer without rules of their own in %s once (unless done already): "+
		"commerce-mcp limits set --db %s --default --currency %s --per-order %d --daily %d --monthly none --confirm-above %d (the built-in amounts; choose your own)\n",
		cur, def.Currency, cur, cur, db, cur, def.PerOrderMax/100, def.DailyMax/100, def.ConfirmAbove/100)
}

// reportPerOrderLimit tells an import that some of the catalog's products cost more
// than the per-order limit of customers without spending rules of their own (the
// defaults: the operator's, when the store beside the catalog has them, else the
// built-in $500.00), so that their purchases are refused, and how to raise it once for
// all such customers: a camera shop otherwise learns it from its first customer's
// refused camera. Prices are compared before tax and delivery, so more purchases than
// those counted may pass the limit. Nothing is said when the store cannot be read.
func reportPerOrderLimit(ctx context.Context, w io.Writer, cat *catalog.Catalog, db string) {
	rules := store.DefaultRules()
	if path := store.FileBeside(db); fileExists(path) {
		st, err := store.Open(ctx, path)
		if err != nil {
			return
		}
		rules, err = st.Defaults(ctx)
		st.Close()
		if err != nil {
			return
		}
	}
	if s := perOrderLimitNote(ctx, cat, rules, db); s != "" {
		fmt.Fprintln(w, s)
	}
}

// perOrderLimitNote says how many of the catalog's products cost more than the
// per-order limit of the default rules (those of customers without spending rules of
// their own), the dearest, and the command that raises it for the catalog db, the demo
// catalog's products left out (two of them cost more than $500.00, and the operator did
// not add them); "" when every product fits, there is no such limit, or the catalog cannot be read.
func perOrderLimitNote(ctx context.Context, cat *catalog.Catalog, rules store.Rules, db string) string {
	if rules.PerOrderMax == store.NoLimit {
		return ""
	}
	var demoSellers []string
	for _, s := range demo.Sellers() {
		demoSellers = append(demoSellers, s.ID)
	}
	n, top, err := cat.PricedAbove(ctx, rules.Currency, rules.PerOrderMax, demoSellers...)
	if err != nil || n == 0 {
		return ""
	}
	limit := money.Money{Amount: rules.PerOrderMax, Currency: rules.Currency}
	products := "products cost"
	if n == 1 {
		products = "product costs"
	}
	return fmt.Sprintf("%d %s more than the per-order limit of customers without spending rules of their own (%s; the dearest %s): "+
		"their purchases are refused until it is raised; raise it once for all such customers: commerce-mcp limits set --db %s --default --per-order AMOUNT --daily AMOUNT "+
		"(or one customer's with --customer)", n, products, limit, money.Money{Amount: top, Currency: rules.Currency}, db)
}

// logPerOrderLimit says at start, as an import does (perOrderLimitNote), that products
// cost more than the per-order limit of the customers without spending rules of their
// own, when there are such customers: counts, amounts and the catalog's path, no
// customer's data.
func logPerOrderLimit(ctx context.Context, cat *catalog.Catalog, st *store.Store, db string, logger *slog.Logger) {
	rules, err := st.Defaults(ctx)
	if err != nil {
		return
	}
	customers, err := st.CustomersOnDefaults(ctx)
	if err != nil || customers == 0 {
		return
	}
	if s := perOrderLimitNote(ctx, cat, rules, db); s != "" {
		logger.Warn(s, "customers_on_default_rules", customers)
	}
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
