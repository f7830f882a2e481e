// Package catalog is the product catalog: sellers, products, full-text search with
// filters, facets and paging, bulk upsert for feed imports, sales statistics, and the
// bounded candidate reads a recommender draws from (Pool and the reads beside it). It
// is backed by SQLite with an FTS5 index and knows nothing of MCP, Stripe or
// customers; it returns errors and never logs.
package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// Errors returned by the catalog, matched with errors.Is.
var (
	// ErrNotFound means no product or seller has the requested id.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means an argument or a product field cannot be accepted: an *ArgError
	// for an argument of a read, a *FieldError for a product or seller field; a bare
	// ErrInvalid means a caller broke a contract it should have checked.
	ErrInvalid = errors.New("invalid")
)

//go:embed migrations/*.sql
var migrations embed.FS

// Catalog is a handle on the catalog tables of a SQLite database. It is safe for
// concurrent use.
type Catalog struct {
	db *sql.DB
	// rdb is the pool that reads run on (see stmt.go and readPool); db writes.
	rdb *sql.DB
	// cats and brands name the categories and brands that facets count by id.
	cats, brands nameCache
	// pools holds the best-ranked matches of common words (see search_pool.go);
	// exactUpTo, poolSize and poolChunk, when not 0, replace maxExact, poolSize and
	// poolChunk (tests); a negative poolChunk makes browses order in full.
	pools pools
	// wordSets keeps the matches of the gender and age filters' words and the
	// products of their values (wordsets.go); wordSetsOff, set by tests, has filters
	// read the full-text query and the columns instead.
	wordSets    wordSets
	wordSetsOff bool
	// saleFirstOff, set by tests, has a search ranked in full with the on-sale filter
	// join every match as it did before saleFirst (see fewOnSale).
	saleFirstOff bool
	// saleFirstRanks counts the searches ranked in full with saleFirst (tests read it).
	saleFirstRanks atomic.Int64
	// titlePhrases keeps whether titles have a kids' phrase (titlesSay).
	titlePhrases                   titlePhrases
	exactUpTo, poolSize, poolChunk int
	// fullOrders counts the pools built by ordering every match (see FullOrders).
	fullOrders atomic.Int64
	// salePools counts the pools of a word's matches on sale built (see salePool);
	// salePoolOff, set by tests, has searches drawn from the word's pool as before.
	salePools   atomic.Int64
	salePoolOff bool
	// poolsCarried counts the pools carried to a later text version (carried,
	// salePool); carryOff, set by tests, builds them again instead, as before.
	poolsCarried atomic.Int64
	carryOff     bool
	// saleRanked counts the pools of matches on sale carried with products put on or
	// taken off sale ranked into them (salePoolCarried), for tests.
	saleRanked atomic.Int64
	// textCarried counts the pools carried across writes of indexed text with the
	// products written ranked in (textCarried), for tests.
	textCarried atomic.Int64
	// textPlaced counts those carried with only the products written and one of the
	// pool's other products of each rank ranked (placeWritten), for tests.
	textPlaced atomic.Int64
	// placingWalks counts the walks of a word's matches that placed products in carried
	// pools (placeWritten): one per search and expression where it can (placingRanks).
	placingWalks atomic.Int64
	// saleTextCarried counts the pools of a word's matches on sale carried across
	// writes of indexed text (salePoolCarried), for tests and benchmarks.
	saleTextCarried atomic.Int64
	// refresh builds again in the background the pools searches carried far across
	// writes of text (see refresh.go).
	refresh refresher
	// fallbacks bounds the searches retrying with corrections or fewer words (see
	// fallbackGate); fallbackBudget is the time each may take, 0 meaning
	// DefaultFallbackBudget (tests set it).
	fallbacks      fallbackGate
	fallbackBudget time.Duration
	// images keeps the last answer of ImageOrigins for one version of the text.
	images imageOriginsCache
	// vocab is the vocabulary of query understanding; nil means the built-in one.
	vocab   *Vocabulary
	vocabMu sync.RWMutex
	// learned is the last view of the learned tables searches read (see learned.go).
	learned   *learnedView
	learnedMu sync.Mutex
	// spelling keeps the indexed words spelling corrections compare with, per text
	// version (see spell.go).
	spelling spellWords
	// headsRead, when set (tests), is called by readHeads once it has read the text
	// version its heads are built from, before its workers take their snapshots.
	headsRead func()
	// Now returns the current time; it defaults to time.Now.
	Now func() time.Time
	// fill runs the fills an upgrade left to do (see fill.go); merge merges the
	// full-text index after writes (see ftsmerge.go), on the same goroutine.
	fill  fills
	merge merger
	// salesDiscarded and salesStartedEmpty are SalesDiscarded's and
	// SalesStartedEmpty's answers.
	salesDiscarded, salesStartedEmpty bool
}

// SalesDiscarded reports whether Open emptied the sales file beside the catalog
// (SalesFile) because its statistics belonged to another catalog: one whose file was
// deleted and made again, or restored or copied without its sales file. The caller
// decides whether to tell anyone.
func (c *Catalog) SalesDiscarded() bool { return c.salesDiscarded }

// SalesStartedEmpty reports whether Open found no sales statistics beside a catalog
// that has products: the sales file (SalesFile) was missing (deleted, or the catalog
// copied or restored without it) or empty (truncated to nothing). Open made it anew,
// empty: the statistics count the sales recorded from now on. The caller decides
// whether to tell anyone.
func (c *Catalog) SalesStartedEmpty() bool { return c.salesStartedEmpty }

// Open opens the database file at path (creating it if needed) and brings the catalog
// schema up to date. It returns sqlite.ErrNoFTS5 when built without the sqlite_fts5 tag.
// What an upgrade asks to rewrite for every product it rewrites after returning, in
// the background (see fill.go, Fill and WaitFill); Close stops that.
func Open(ctx context.Context, path string) (*Catalog, error) {
	return open(ctx, path, ReadPool{}, fillOptions{})
}

// ReadPool is how many connections a catalog's reads run on and the page cache they
// have together; the zero value is Open's: ReadConns connections sharing a budget of
// 64 MiB, a quarter each on two processors.
//
// Each connection keeps a page cache of its own, so the pages a search reads are cached
// once per connection, and a connection's share of the budget caches what it read,
// not what the others did. At a million products a search for a rare name reads a
// few hundred rows of product_keys and product_rank, scattered over about 110 MiB of
// them, and four caches of 16 MiB miss most of them: each miss is a copy of a page from
// the system's file cache (`bench stdio`'s server reads/call). One connection with the
// whole budget caches each page once. It also runs the catalog's reads one at a
// time, which suits one client (stdio) but not many (hosted).
type ReadPool struct {
	Conns    int // at most this many connections; 0 means ReadConns
	CacheKiB int // the page cache of all of them together, in KiB; 0 means 64 MiB
}

// OpenWith is Open with the catalog's reads on the pool rp describes.
func OpenWith(ctx context.Context, path string, rp ReadPool) (*Catalog, error) {
	return open(ctx, path, rp, fillOptions{})
}

// open is Open, with the reads pooled as rp says and the fills run as fo says.
func open(ctx context.Context, path string, rp ReadPool, fo fillOptions) (*Catalog, error) {
	db, err := sqlite.Open(ctx, path, sqlite.Attach{Name: "sales", Path: SalesFile(path)})
	if err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, salesSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open catalog: sales statistics: %w", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err == nil {
		err = sqlite.Migrate(ctx, db, sub, "catalog_migrations")
	}
	var discarded, startedEmpty bool
	if err == nil {
		discarded, startedEmpty, err = bindSales(ctx, db)
	}
	if err == nil {
		err = moveSales(ctx, db)
	}
	if err == nil && startedEmpty { // unless moveSales just brought the statistics of a version before 0016
		err = db.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM sales.product_sales)`).Scan(&startedEmpty)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	c := &Catalog{db: db, Now: time.Now, salesDiscarded: discarded, salesStartedEmpty: startedEmpty}
	c.refresh.ctx, c.refresh.cancel = context.WithCancel(context.Background())
	if err := c.fillStaleWords(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := c.stripStoredUserInfo(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if c.rdb, err = openReadPool(ctx, path, rp); err != nil {
		db.Close()
		return nil, err
	}
	if err := c.startFills(ctx, fo); err != nil {
		c.rdb.Close()
		db.Close()
		return nil, err
	}
	return c, nil
}

// The memory of the catalog's reads. They run on a pool of their own
// (sqlite.OpenReader) of readConns connections by default, which share a page-cache
// budget of readCacheKiB; every commit to the file (orders flowing) empties every
// connection's cache, so more connections or bigger caches buy memory, not always
// speed (see ReadPool for when one connection with the budget does better). Callers
// beyond the pool's connections wait for one.
const readCacheKiB = 64 << 10

// openReadPool opens the pool that reads run on, as rp says, with the sales statistics
// attached.
func openReadPool(ctx context.Context, path string, rp ReadPool) (*sql.DB, error) {
	conns := cmp.Or(rp.Conns, readConns())
	kib := cmp.Or(rp.CacheKiB, readCacheKiB)
	return sqlite.OpenReader(ctx, path, conns, max(kib/conns, 1), sqlite.Attach{Name: "sales", Path: SalesFile(path)})
}

// readConns is twice the processors Go may use, and at least 4.
func readConns() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// ReadConns is how many connections a catalog opened now keeps for reads (each holds
// the catalog's file and the sales file, with their WALs, kept open while idle).
func ReadConns() int { return readConns() }

// SetExhaustive makes every search of c order all its matches in full, as searches
// with few matches always do: no pools, no chunked browsing. It is for measuring what
// the bounded plan gives up (`bench scale --quality`), not for serving; call it before
// the first search.
func (c *Catalog) SetExhaustive() { c.exactUpTo, c.poolChunk = 1<<30, -1 }

// Close stops the background fills, if any, and closes the database.
func (c *Catalog) Close() error {
	c.stopRefresh()
	c.stopFills()
	return errors.Join(c.rdb.Close(), c.db.Close())
}

// Count returns the number of products in the catalog, hidden ones included.
func (c *Catalog) Count(ctx context.Context) (int, error) {
	var n int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM products`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count products: %w", err)
	}
	return n, nil
}

// Empty reports whether the catalog has no product at all, hidden ones included, at
// the cost of one row read whatever its size.
func (c *Catalog) Empty(ctx context.Context) (bool, error) {
	var has bool
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM products)`).Scan(&has); err != nil {
		return false, fmt.Errorf("catalog empty: %w", err)
	}
	return !has, nil
}

// PricedAbove counts the products a search can show (not hidden) priced in currency
// above amount (minor units of that currency), and returns the highest such price
// (0 when none), leaving out the products of the sellers except (the demo catalog's,
// which the operator did not add): import and serve tell an operator how many products
// the default spending rules' per-order limit keeps from being bought.
func (c *Catalog) PricedAbove(ctx context.Context, currency string, amount int64, except ...string) (int, int64, error) {
	var n int
	var top int64
	list, _ := json.Marshal(except) // []string cannot fail to marshal
	if except == nil {
		list = []byte("[]")
	}
	err := c.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(price_amount), 0) FROM products
		WHERE currency = ? AND price_amount > ? AND hidden = 0 AND seller_id NOT IN (SELECT value FROM json_each(?))`,
		currency, amount, string(list)).Scan(&n, &top)
	if err != nil {
		return 0, 0, fmt.Errorf("catalog prices: %w", err)
	}
	return n, top, nil
}

// Seller returns the seller with the given id, or ErrNotFound.
func (c *Catalog) Seller(ctx context.Context, id string) (Seller, error) {
	var s Seller
	err := c.db.QueryRowContext(ctx,
		`SELECT id, name, acp_base_url, stripe_profile_id FROM sellers WHERE id = ?`, id).
		Scan(&s.ID, &s.Name, &s.ACPBaseURL, &s.StripeProfileID)
	if errors.Is(err, sql.ErrNoRows) {
		return Seller{}, fmt.Errorf("seller %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Seller{}, fmt.Errorf("seller %q: %w", id, err)
	}
	return s, nil
}
