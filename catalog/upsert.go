package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// UpsertStats counts what an Upsert did.
type UpsertStats struct {
	Inserted int // products that were new
	Updated  int // products that replaced an existing one with the same id
}

// UpsertOptions adjust UpsertWith.
type UpsertOptions struct {
	// KeepSellers refuses to move a stored product to another seller: a product
	// whose SellerID differs from the stored one aborts the call with a
	// *SellerChangeError. Feeds from one seller must not take over another's products.
	KeepSellers bool
}

// SellerChangeError says that an upsert would have moved a stored product to
// another seller while UpsertOptions.KeepSellers was set. It matches ErrInvalid.
type SellerChangeError struct {
	ProductID string
	Stored    string // the seller id the product is stored under
	New       string // the seller id the upsert named
}

func (e *SellerChangeError) Error() string {
	return fmt.Sprintf("product %q: %v: it is sold by seller %q, not %q", e.ProductID, ErrInvalid, e.Stored, e.New)
}

func (e *SellerChangeError) Unwrap() error { return ErrInvalid }

// Upsert is UpsertWith without options: a product may move to another seller.
func (c *Catalog) Upsert(ctx context.Context, sellers []Seller, products []Product) (UpsertStats, error) {
	return c.UpsertWith(ctx, UpsertOptions{}, sellers, products)
}

// UpsertWith inserts or updates sellers (by ID) and then products (by ID), all in one
// transaction: either everything is stored or nothing is. An existing seller keeps its
// ACP base URL and Stripe profile when the new value is empty. Each product is
// normalized first (see Product.Normalize); a product that fails, whose seller is
// neither in sellers nor already stored, or that opt refuses, aborts the call with an
// ErrInvalid error that names the product, before anything is written.
//
// Besides products and product_text it writes what searches derive from them, which
// nothing else writes (see derived and writer.write): product_text.card, the row of
// product_keys, the brand's row of brands, the product's rows of product_codes (its
// codes, see productCodes) and its row of product_rank (what reranking reads, see
// rankRowOf). The full-text index over product_text follows it through the triggers
// of migration 0001 (a bulk Load rebuilds it instead). Tests hold each of them equal
// to its source (derived_test.go, load_test.go).
func (c *Catalog) UpsertWith(ctx context.Context, opt UpsertOptions, sellers []Seller, products []Product) (UpsertStats, error) {
	return c.upsertPrepared(ctx, opt, sellers, Prepare(products))
}

// upsertPrepared is UpsertWith of products prepared already.
func (c *Catalog) upsertPrepared(ctx context.Context, opt UpsertOptions, sellers []Seller, b *Prepared) (UpsertStats, error) {
	if b.err != nil {
		return UpsertStats{}, b.err
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return UpsertStats{}, fmt.Errorf("upsert: %w", err)
	}
	defer tx.Rollback()
	w := newWriter(c, tx, c.now())
	defer w.close()
	st, err := w.write(ctx, opt, sellers, b.ds)
	if err != nil {
		return UpsertStats{}, err
	}
	if err := tx.Commit(); err != nil {
		return UpsertStats{}, fmt.Errorf("upsert: %w", err)
	}
	c.wakeMerge() // the merging of the text it indexed, after the call (see ftsmerge.go)
	return st, nil
}

// Prepared is a batch of products made ready to write by Prepare.
type Prepared struct {
	ds  []derived
	err error // the first product that cannot be written (an ErrInvalid error)
}

// Prepare normalizes products (see Product.Normalize) and computes what the catalog
// stores beside each (see derived): the work of an upsert that needs no database, so
// that an import can prepare the next batch while a Loader writes this one
// (Loader.UpsertPrepared). A product that fails to normalize makes the whole batch
// fail to write with its ErrInvalid error, as UpsertWith would.
func Prepare(products []Product) *Prepared {
	b := &Prepared{ds: make([]derived, len(products))}
	for i := range products {
		if err := b.ds[i].derive(products[i]); err != nil {
			return &Prepared{err: err}
		}
	}
	return b
}

func (c *Catalog) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// writer writes products within one transaction, with its prepared statements and
// what it has looked up so far (sellers, categories and brands never change their
// ids, so they are looked up once per writer).
type writer struct {
	tx      *sql.Tx
	c       *Catalog // the catalog written; nil in a bulk load
	now     string
	cats    map[string]int64 // category key → id
	brands  map[string]int64 // brand key → id
	sellers map[string]bool  // seller ids known to exist
	stmts   map[string]runner
	moved   bool  // catalog_changes.text has been moved in this transaction
	version int64 // what moveText moved it to
	// logged is what logWritten writes to products_written at the end of the call (see
	// noteWritten); nil in a bulk load, which logs nothing.
	logged []writtenRow
	next   int64 // the rowid of the next new product; 0 until nextRowid reads it
	ins    *inserter
	// text holds the rows of product_text this write call writes, at its end (see
	// writeText); textAt finds a rowid's row in it, textArgs is writeText's buffer.
	text   []textRow
	textAt map[int64]int
	// oldHead is, by rowid, a stored product's product_rank.head before this call
	// rewrote it: the head its removed text is logged with (countWords).
	oldHead  map[int64]string
	textArgs []any
	// learn, in a bulk load, counts what the suspended learned-type triggers would
	// have written (see learning); nil otherwise, when they run.
	learn *learning
}

func newWriter(c *Catalog, tx *sql.Tx, now time.Time) *writer {
	return &writer{c: c, tx: tx, now: now.UTC().Format(time.RFC3339), cats: map[string]int64{},
		brands: map[string]int64{}, sellers: map[string]bool{}, stmts: map[string]runner{}, textAt: map[int64]int{}, oldHead: map[int64]string{}}
}

func (w *writer) close() {
	for _, st := range w.stmts {
		if st, ok := st.(*sql.Stmt); ok {
			st.Close()
		}
	}
}

// runner runs one statement of a writer: a *sql.Stmt prepared on a bulk load's
// transaction, or a textStmt.
type runner interface {
	ExecContext(ctx context.Context, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, args ...any) *sql.Row
}

// textStmt runs its SQL text on a transaction. The connections of sqlite.Open keep
// the statements they ran (the driver's statement cache, which serves statements run
// as text, not those prepared), so a query is parsed once per connection, not once per
// upsert.
type textStmt struct {
	tx    *sql.Tx
	query string
}

func (t textStmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.query, args...)
}

func (t textStmt) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.query, args...)
}

func (t textStmt) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.query, args...)
}

// stmt returns query ready to run on the writer's transaction: for an upsert of a
// Catalog a textStmt, for a bulk load (one long transaction) a statement prepared on
// it once. Either runs on the transaction's connection and never asks the pool for
// another: a transaction holds its connection, and asking the pool for a second while
// holding one deadlocks a capped pool once every connection is held that way.
func (w *writer) stmt(ctx context.Context, query string) (runner, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	var st runner = textStmt{w.tx, query}
	if w.c == nil {
		p, err := w.tx.PrepareContext(ctx, query)
		if err != nil {
			return nil, fmt.Errorf("upsert: %w", err)
		}
		st = p
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, query string, args ...any) error {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// write is UpsertWith of the prepared products ds inside w's transaction. Every
// product is checked before any is written, so a refusal leaves the transaction as it
// was. New products are inserted several to a statement (see inserter); stored ones
// are updated one by one.
func (w *writer) write(ctx context.Context, opt UpsertOptions, sellers []Seller, ds []derived) (UpsertStats, error) {
	var st UpsertStats
	w.dropText()
	if !w.moved && len(ds) > 0 {
		if err := w.moveText(ctx); err != nil {
			return st, fmt.Errorf("upsert: %w", err)
		}
		w.moved = true
	}
	for _, s := range sellers {
		if err := w.seller(ctx, s); err != nil {
			return st, err
		}
	}
	stored, err := w.lookup(ctx, ds)
	if err != nil {
		return st, err
	}
	for i := range ds {
		if err := w.check(ctx, opt, &ds[i].p, stored); err != nil {
			return st, err
		}
	}
	ins := w.inserter()
	written := make([]int64, 0, len(ds))
	for i := range ds {
		d := &ds[i]
		catID, err := w.category(ctx, d.p.Category, d.catKey)
		if err != nil {
			return st, err
		}
		brandID, err := w.brand(ctx, d.p.Brand, d.brandKey)
		if err != nil {
			return st, err
		}
		if s, ok := stored[d.p.ID]; ok {
			if err := ins.flush(ctx); err != nil { // an earlier row of this call may be the one updated
				return st, err
			}
			if _, seen := w.oldHead[s.rowid]; !seen {
				w.oldHead[s.rowid] = s.head
			}
			if err := w.update(ctx, d, s, catID, brandID); err != nil {
				return st, err
			}
			now := indexedOf(d, catID)
			w.noteWritten(s.rowid, writtenChanges(s.indexed, now), &s.onSale)
			stored[d.p.ID] = storedProduct{rowid: s.rowid, seller: d.p.SellerID, indexed: now, onSale: d.p.onSale()}
			written = append(written, s.rowid)
			st.Updated++
			continue
		}
		rowid, err := w.nextRowid(ctx)
		if err != nil {
			return st, err
		}
		stored[d.p.ID] = storedProduct{rowid: rowid, seller: d.p.SellerID, indexed: indexedOf(d, catID), onSale: d.p.onSale()}
		w.noteWritten(rowid, writtenNew, nil)
		if err := ins.add(ctx, d, rowid, catID, brandID); err != nil {
			return st, err
		}
		written = append(written, rowid)
		st.Inserted++
	}
	if err := ins.flush(ctx); err != nil {
		return st, err
	}
	if err := w.writeText(ctx); err != nil {
		return st, err
	}
	if err := w.noteHeads(ctx, written); err != nil {
		return st, err
	}
	if err := w.logWritten(ctx); err != nil {
		return st, err
	}
	return st, nil
}

// derived is a product ready to be written: normalized, with everything stored beside
// it that is computed from the product alone. derive is the one place that computes
// it, for every writer (Upsert, a bulk Load).
type derived struct {
	p           Product
	tags, attrs string   // JSON of p.Tags and p.Attributes
	card        string   // product_text.card, see cardOf
	codes       []string // rows of product_codes, see productCodes
	rank        rankRow  // the row of product_rank, see rankRowOf
	// brandKey is BrandKey(p.Brand), catKey the key of p.Category (see category),
	// computed here rather than by the writer, which is the import's busiest goroutine.
	brandKey, catKey string
}

// derive normalizes p (see Product.Normalize) and derives from it what is written beside
// it. It needs no database, so it can run beside the writer.
func (d *derived) derive(p Product) error {
	if err := p.Normalize(); err != nil {
		return fmt.Errorf("product %q: %w", p.ID, err)
	}
	d.p, d.tags, d.attrs = p, "[]", "{}"
	if len(p.Tags) > 0 {
		d.tags = jsonStrings(p.Tags) // as json.Marshal writes it
	}
	if len(p.Attributes) > 0 {
		d.attrs = jsonObject(p.Attributes) // as json.Marshal writes it
	}
	d.card = cardOf(&d.p)
	d.codes = productCodes(&d.p)
	d.rank = rankRowOf(p.Title, p.Brand, p.Category)
	d.brandKey, d.catKey = BrandKey(p.Brand), strings.ToLower(p.Category)
	return nil
}

// storedProduct is what write needs to know of a stored product.
type storedProduct struct {
	rowid   int64
	seller  string
	indexed productIndexed // its columns that indexes of products hold
	head    string         // its product_rank.head ('' without a row)
	onSale  bool           // products.on_sale
}

// productIndexed is a row's columns of products that its indexes hold (migrations):
// update sets only those that change, so that an index none of whose columns changes
// is left alone and dirties no page.
type productIndexed struct {
	groupID, sellerID, brandKey string
	categoryID                  sql.NullInt64
	amount, reviews             int64
	rating                      float64
}

// indexedOf is the productIndexed that d in the category catID (nil for none) is
// written with.
func indexedOf(d *derived, catID any) productIndexed {
	cat, ok := catID.(int64)
	return productIndexed{groupID: d.p.GroupID, sellerID: d.p.SellerID, brandKey: d.brandKey,
		categoryID: sql.NullInt64{Int64: cat, Valid: ok}, amount: d.p.Price.Amount, reviews: d.p.ReviewCount,
		rating: d.p.Rating}
}

// lookup returns the stored products among ds, by id, in one query.
func (w *writer) lookup(ctx context.Context, ds []derived) (map[string]storedProduct, error) {
	ids := make([]string, len(ds))
	for i := range ds {
		ids[i] = ds[i].p.ID
	}
	list, _ := json.Marshal(ids) // []string cannot fail to marshal
	st, err := w.stmt(ctx, `SELECT id, rowid, seller_id, group_id, brand_key, category_id, price_amount, rating,
		review_count, coalesce((SELECT head FROM product_rank r WHERE r.rowid = products.rowid), ''), on_sale FROM products WHERE id IN (SELECT value FROM json_each(?))`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, string(list))
	if err != nil {
		return nil, fmt.Errorf("upsert: %w", err)
	}
	defer rows.Close()
	stored := make(map[string]storedProduct, len(ds))
	for rows.Next() {
		var (
			id string
			s  storedProduct
		)
		x := &s.indexed
		if err := rows.Scan(&id, &s.rowid, &s.seller, &x.groupID, &x.brandKey, &x.categoryID, &x.amount, &x.rating,
			&x.reviews, &s.head, &s.onSale); err != nil {
			return nil, fmt.Errorf("upsert: %w", err)
		}
		s.indexed.sellerID = s.seller
		stored[id] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("upsert: %w", err)
	}
	return stored, nil
}

// nextRowid returns the rowid of the next new product: one past the largest, as SQLite
// would choose it. The writer's transaction holds the write lock, so nobody else takes
// it meanwhile.
func (w *writer) nextRowid(ctx context.Context) (int64, error) {
	if w.next == 0 {
		st, err := w.stmt(ctx, `SELECT coalesce(max(rowid), 0) + 1 FROM products`)
		if err != nil {
			return 0, err
		}
		if err := st.QueryRowContext(ctx).Scan(&w.next); err != nil {
			return 0, fmt.Errorf("upsert: %w", err)
		}
	}
	w.next++
	return w.next - 1, nil
}

func (w *writer) seller(ctx context.Context, s Seller) error {
	s.ID = text.Clean(s.ID, maxIDLen)
	s.Name = text.Clean(s.Name, maxBrandLen)
	if s.ID == "" {
		return &FieldError{Field: "seller_id", Problem: FieldMissing}
	}
	if s.Name == "" {
		s.Name = s.ID
	}
	err := w.exec(ctx, `
		INSERT INTO sellers (id, name, acp_base_url, stripe_profile_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name,
			acp_base_url = CASE WHEN excluded.acp_base_url = '' THEN acp_base_url ELSE excluded.acp_base_url END,
			stripe_profile_id = CASE WHEN excluded.stripe_profile_id = '' THEN stripe_profile_id ELSE excluded.stripe_profile_id END`,
		s.ID, s.Name, text.Clean(s.ACPBaseURL, maxURLLen), text.Clean(s.StripeProfileID, maxIDLen))
	if err != nil {
		return fmt.Errorf("upsert seller %q: %w", s.ID, err)
	}
	w.sellers[s.ID] = true
	return nil
}

// check refuses p when its seller is unknown or opt forbids moving it to its seller;
// stored holds the products stored before this call.
func (w *writer) check(ctx context.Context, opt UpsertOptions, p *Product, stored map[string]storedProduct) error {
	if !w.sellers[p.SellerID] {
		st, err := w.stmt(ctx, `SELECT 1 FROM sellers WHERE id = ?`)
		if err != nil {
			return err
		}
		var one int
		if err := st.QueryRowContext(ctx, p.SellerID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("product %q: %w", p.ID, &FieldError{Field: "seller", Problem: FieldUnknown, Value: p.SellerID})
		} else if err != nil {
			return fmt.Errorf("upsert %q: %w", p.ID, err)
		}
		w.sellers[p.SellerID] = true
	}
	if s, ok := stored[p.ID]; ok && opt.KeepSellers && s.seller != p.SellerID {
		return &SellerChangeError{ProductID: p.ID, Stored: s.seller, New: p.SellerID}
	}
	return nil
}

// update rewrites the stored product s, and what is derived from it, from d. Of the
// columns indexes hold it sets only those that change (see productIndexed).
func (w *writer) update(ctx context.Context, d *derived, s storedProduct, catID any, brandID int64) error {
	p := &d.p
	b := p.billing()
	rowid := s.rowid
	var set strings.Builder
	set.WriteString(`UPDATE products SET brand = ?, price_exp = ?, currency = ?, stock = ?, availability = ?,
		stock_version = stock_version + 1,
		hidden = ?, updated_at = ?, billing_interval = ?, billing_every = ?, trial_days = ?, on_sale = ?, gender = ?, age = ?`)
	args := []any{p.Brand, money.Exponent(p.Price.Currency), p.Price.Currency, p.Stock, string(p.Availability),
		p.Hidden, w.now, b.Interval, b.Every, b.TrialDays, p.onSale(), p.genderAttr(), p.ageAttr()}
	old, next := s.indexed, indexedOf(d, catID)
	for _, c := range []struct {
		column  string
		changed bool
		value   any
	}{
		{"group_id", old.groupID != next.groupID, p.GroupID},
		{"seller_id", old.sellerID != next.sellerID, p.SellerID},
		{"brand_key", old.brandKey != next.brandKey, d.brandKey},
		{"category_id", old.categoryID != next.categoryID, catID},
		{"price_amount", old.amount != next.amount, p.Price.Amount},
		{"rating", old.rating != next.rating, p.Rating},
		{"review_count", old.reviews != next.reviews, p.ReviewCount},
	} {
		if c.changed {
			set.WriteString(", " + c.column + " = ?")
			args = append(args, c.value)
		}
	}
	set.WriteString(" WHERE rowid = ?")
	err := w.exec(ctx, set.String(), append(args, rowid)...)
	if err == nil {
		w.queueText(rowid, d)
		k := keysOf(p, catID, brandID)
		err = w.exec(ctx, upsertKeysSQL, rowid, k.hidden, k.inStock, k.category, k.brand, k.amount, k.exp, k.rating, k.reviews)
	}
	if err == nil {
		err = w.codes(ctx, rowid, d.codes, true)
	}
	var was rankRow // in a bulk load, the row of product_rank replaced (see learning)
	if err == nil && w.learn != nil {
		var st runner
		if st, err = w.stmt(ctx, `SELECT head, category_keys FROM product_rank WHERE rowid = ?`); err == nil {
			err = st.QueryRowContext(ctx, rowid).Scan(&was.head, &was.categoryKeys)
		}
	}
	if err == nil {
		err = w.exec(ctx, upsertRankSQL, rowid, d.rank.head, d.rank.category, d.rank.forKeys, d.rank.titleKeys, d.rank.categoryKeys)
	}
	if err == nil && w.learn != nil {
		w.learn.add(was, -1)
		w.learn.add(d.rank, 1)
	}
	if err != nil {
		return fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	return nil
}

// category returns the id of the category with this path and key (the path in lower
// case), creating it if needed; nil for an empty path.
func (w *writer) category(ctx context.Context, path, key string) (any, error) {
	if path == "" {
		return nil, nil
	}
	if id, ok := w.cats[key]; ok {
		return id, nil
	}
	st, err := w.stmt(ctx, `INSERT INTO categories (path, key) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET key = key RETURNING id`)
	if err != nil {
		return nil, err
	}
	var id int64
	if err := st.QueryRowContext(ctx, path, key).Scan(&id); err != nil {
		return nil, fmt.Errorf("upsert category %q: %w", path, err)
	}
	w.cats[key] = id
	return id, nil
}

// brand returns the id of the brand named name, whose BrandKey is key (brands.id, by
// key), creating it with this spelling if needed; 0 for no brand.
func (w *writer) brand(ctx context.Context, name, key string) (int64, error) {
	if key == "" {
		return 0, nil
	}
	if id, ok := w.brands[key]; ok {
		return id, nil
	}
	st, err := w.stmt(ctx, `INSERT INTO brands (key, name) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET key = key RETURNING id`)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := st.QueryRowContext(ctx, key, name).Scan(&id); err != nil {
		return 0, fmt.Errorf("upsert brand %q: %w", name, err)
	}
	w.brands[key] = id
	return id, nil
}

// upsertKeysSQL writes a product's row of product_keys (see keysOf): insertKeysSQL,
// which inserts several rows as multiRow repeats its tuple, then keysConflict. A stored
// row that is already equal is left alone, so that it and its indexes dirty no page
// (an upsert that changes only a product's text).
const (
	insertKeysSQL = `INSERT INTO product_keys (rowid, hidden, in_stock, category_id, brand_id,
	price_amount, price_exp, rating, review_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	keysConflict = ` ON CONFLICT (rowid) DO UPDATE SET hidden = excluded.hidden, in_stock = excluded.in_stock,
	category_id = excluded.category_id, brand_id = excluded.brand_id, price_amount = excluded.price_amount,
	price_exp = excluded.price_exp, rating = excluded.rating, review_count = excluded.review_count
	WHERE (hidden, in_stock, category_id, brand_id, price_amount, price_exp, rating, review_count) IS NOT
		(excluded.hidden, excluded.in_stock, excluded.category_id, excluded.brand_id, excluded.price_amount,
		excluded.price_exp, excluded.rating, excluded.review_count)`
	upsertKeysSQL = insertKeysSQL + keysConflict
)

// keyRow is a product's row of product_keys: what a search filters, orders and
// counts its matches by.
type keyRow struct {
	hidden, inStock bool
	category        any // category id, nil when uncategorised
	brand           int64
	amount          int64
	exp             int
	rating          float64
	reviews         int64
}

// keysOf is the one function that derives a product's row of product_keys, from the
// normalized product and the ids of its category (nil for none) and brand (0 for none).
func keysOf(p *Product, category any, brand int64) keyRow {
	return keyRow{hidden: p.Hidden, inStock: p.Purchasable(), category: category, brand: brand,
		amount: p.Price.Amount, exp: money.Exponent(p.Price.Currency), rating: p.Rating, reviews: p.ReviewCount}
}

// cardOf is the one function that derives a product's card (product_text.card), what a
// list of search results shows of it except the description and the seller's name: a
// JSON array of cardFields values that decodeCard reads back, as an Encoder with
// SetEscapeHTML(false) writes it ("&" stays "&", so that decodeCard reads most strings
// without unescaping), written without reflection (see jsonwrite.go; FuzzJSONWriteEqualsEncodingJSON).
func cardOf(p *Product) string {
	b := make([]byte, 0, 64+len(p.ID)+len(p.SellerID)+len(p.Title)+len(p.Brand)+len(p.Category)+len(p.URL)+len(p.ImageURL))
	str := func(s string) { b = appendJSONString(append(b, ','), s, false) }
	b = appendJSONString(append(b, '['), p.ID, false)
	str(p.SellerID)
	str(p.Title)
	str(p.Brand)
	str(p.Category)
	b = strconv.AppendInt(append(b, ','), p.Price.Amount, 10)
	str(p.Price.Currency)
	if b = append(b, ','); p.Stock != nil {
		b = strconv.AppendInt(b, *p.Stock, 10)
	} else {
		b = append(b, "null"...)
	}
	str(string(p.Availability))
	b = appendJSONFloat(append(b, ','), p.Rating)
	b = strconv.AppendInt(append(b, ','), p.ReviewCount, 10)
	str(p.URL)
	str(p.ImageURL)
	str(encodeBilling(p.Billing))
	return string(append(b, ']'))
}

// codes writes the product_codes rows of the product at rowid, replacing those it had
// when stored (a new product has none). Of a stored product only the codes it lost are
// deleted and those it gained inserted, so that codes that stay dirty no page.
func (w *writer) codes(ctx context.Context, rowid int64, codes []string, stored bool) error {
	if !stored && len(codes) == 0 {
		return nil
	}
	list := "[]"
	if len(codes) > 0 {
		b, _ := json.Marshal(codes) // []string cannot fail to marshal
		list = string(b)
	}
	if stored {
		if err := w.exec(ctx, deleteLostCodesSQL, list, rowid); err != nil {
			return err
		}
	}
	if len(codes) == 0 {
		return nil
	}
	return w.exec(ctx, insertCodesSQL, list, rowid)
}
