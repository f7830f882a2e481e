package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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
// nothing else writes (see writeDerived): product_text.card, the row of product_keys
// the brand's row of brands, the product's rows of product_codes (its codes, see
// productCodes) and its row of product_rank (what reranking reads, see rankRowOf).
// The full-text index over product_text follows it through the triggers of migration 0001 (a bulk Load rebuilds it instead). Tests hold
// each of them equal to its source (derived_test.go).
func (c *Catalog) UpsertWith(ctx context.Context, opt UpsertOptions, sellers []Seller, products []Product) (UpsertStats, error) {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return UpsertStats{}, fmt.Errorf("upsert: %w", err)
	}
	defer tx.Rollback()
	w := newWriter(tx, c.now())
	defer w.close()
	st, err := w.upsert(ctx, opt, sellers, products)
	if err != nil {
		return UpsertStats{}, err
	}
	if err := tx.Commit(); err != nil {
		return UpsertStats{}, fmt.Errorf("upsert: %w", err)
	}
	return st, nil
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
	now     string
	cats    map[string]int64 // category key → id
	brands  map[string]int64 // brand key → id
	sellers map[string]bool  // seller ids known to exist
	stmts   map[string]*sql.Stmt
	moved   bool // catalog_changes.text has been moved in this transaction
}

func newWriter(tx *sql.Tx, now time.Time) *writer {
	return &writer{tx: tx, now: now.UTC().Format(time.RFC3339), cats: map[string]int64{},
		brands: map[string]int64{}, sellers: map[string]bool{}, stmts: map[string]*sql.Stmt{}}
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// stmt returns query prepared on the writer's transaction.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("upsert: %w", err)
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

// upsert is UpsertWith inside w's transaction. Every product is checked before any
// is written, so a refusal leaves the transaction as it was.
func (w *writer) upsert(ctx context.Context, opt UpsertOptions, sellers []Seller, products []Product) (UpsertStats, error) {
	var st UpsertStats
	if !w.moved && len(products) > 0 {
		if err := w.exec(ctx, `UPDATE catalog_changes SET text = text + 1 WHERE id = 1`); err != nil {
			return st, fmt.Errorf("upsert: %w", err)
		}
		w.moved = true
	}
	for _, s := range sellers {
		if err := w.seller(ctx, s); err != nil {
			return st, err
		}
	}
	ps := make([]Product, len(products))
	for i := range products {
		p := products[i]
		if err := p.Normalize(); err != nil {
			return st, fmt.Errorf("product %q: %w", p.ID, err)
		}
		if err := w.check(ctx, opt, &p); err != nil {
			return st, err
		}
		ps[i] = p
	}
	for i := range ps {
		inserted, err := w.product(ctx, &ps[i])
		if err != nil {
			return st, err
		}
		if inserted {
			st.Inserted++
		} else {
			st.Updated++
		}
	}
	return st, nil
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

// check refuses p when its seller is unknown or opt forbids moving it to its seller.
func (w *writer) check(ctx context.Context, opt UpsertOptions, p *Product) error {
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
	if !opt.KeepSellers {
		return nil
	}
	st, err := w.stmt(ctx, `SELECT seller_id FROM products WHERE id = ?`)
	if err != nil {
		return err
	}
	var stored string
	err = st.QueryRowContext(ctx, p.ID).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("upsert %q: %w", p.ID, err)
	case stored != p.SellerID:
		return &SellerChangeError{ProductID: p.ID, Stored: stored, New: p.SellerID}
	}
	return nil
}

// product writes p, which is normalized and checked, and reports whether it was new.
func (w *writer) product(ctx context.Context, p *Product) (bool, error) {
	st, err := w.stmt(ctx, `SELECT rowid FROM products WHERE id = ?`)
	if err != nil {
		return false, err
	}
	var rowid int64
	err = st.QueryRowContext(ctx, p.ID).Scan(&rowid)
	inserted := errors.Is(err, sql.ErrNoRows)
	if err != nil && !inserted {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	catID, err := w.category(ctx, p.Category)
	if err != nil {
		return false, err
	}
	brandID, err := w.brand(ctx, p.Brand)
	if err != nil {
		return false, err
	}
	tags, attrs := []byte("[]"), []byte("{}")
	if len(p.Tags) > 0 {
		tags, _ = json.Marshal(p.Tags) // []string cannot fail to marshal
	}
	if len(p.Attributes) > 0 {
		attrs, _ = json.Marshal(p.Attributes) // map[string]string cannot fail either
	}
	var b Billing
	if p.Billing != nil {
		b = *p.Billing
	}
	fact := []any{p.GroupID, p.SellerID, p.Brand, BrandKey(p.Brand), catID, p.Price.Amount,
		money.Exponent(p.Price.Currency), p.Price.Currency, p.Stock, string(p.Availability), p.Rating,
		p.ReviewCount, p.Hidden, w.now, b.Interval, b.Every, b.TrialDays}
	texts := []any{p.Title, p.Brand, p.Category, string(tags), p.Description, string(attrs), p.URL, p.ImageURL, p.GTIN, cardOf(p)}
	if inserted {
		// Not RETURNING rowid: with it, this statement took several times as long.
		st, err := w.stmt(ctx, `INSERT INTO products (group_id, seller_id, brand, brand_key, category_id, price_amount,
			price_exp, currency, stock, availability, rating, review_count, hidden, updated_at, billing_interval, billing_every, trial_days, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return false, err
		}
		res, err := st.ExecContext(ctx, append(fact, p.ID)...)
		if err == nil {
			rowid, err = res.LastInsertId()
		}
		if err != nil {
			return false, fmt.Errorf("upsert %q: %w", p.ID, err)
		}
		err = w.exec(ctx, `INSERT INTO product_text (title, brand, category, tags, description, attributes,
			url, image_url, gtin, card, rowid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(texts, rowid)...)
		if err != nil {
			return false, fmt.Errorf("upsert %q: %w", p.ID, err)
		}
	} else {
		err := w.exec(ctx, `UPDATE products SET group_id = ?, seller_id = ?, brand = ?, brand_key = ?,
			category_id = ?, price_amount = ?, price_exp = ?, currency = ?, stock = ?, availability = ?,
			rating = ?, review_count = ?, hidden = ?, updated_at = ?, billing_interval = ?, billing_every = ?,
			trial_days = ? WHERE rowid = ?`, append(fact, rowid)...)
		if err != nil {
			return false, fmt.Errorf("upsert %q: %w", p.ID, err)
		}
		err = w.exec(ctx, `UPDATE product_text SET title = ?, brand = ?, category = ?, tags = ?, description = ?,
			attributes = ?, url = ?, image_url = ?, gtin = ?, card = ? WHERE rowid = ?`, append(texts, rowid)...)
		if err != nil {
			return false, fmt.Errorf("upsert %q: %w", p.ID, err)
		}
	}
	k := keysOf(p, catID, brandID)
	err = w.exec(ctx, `INSERT OR REPLACE INTO product_keys (rowid, hidden, in_stock, category_id, brand_id,
		price_amount, price_exp, rating, review_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rowid, k.hidden, k.inStock, k.category, k.brand, k.amount, k.exp, k.rating, k.reviews)
	if err == nil {
		err = w.codes(ctx, rowid, productCodes(p), !inserted)
	}
	if err == nil {
		r := rankRowOf(p.Title, p.Brand, p.Category)
		err = w.exec(ctx, upsertRankSQL, rowid, r.head, r.category, r.forKeys, r.titleKeys)
	}
	if err != nil {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	return inserted, nil
}

// category returns the id of the category with this path, creating it if needed; nil
// for an empty path.
func (w *writer) category(ctx context.Context, path string) (any, error) {
	if path == "" {
		return nil, nil
	}
	key := strings.ToLower(path)
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

// brand returns the id of the brand named name (brands.id, by BrandKey), creating it
// with this spelling if needed; 0 for no brand.
func (w *writer) brand(ctx context.Context, name string) (int64, error) {
	key := BrandKey(name)
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
// JSON array of cardFields values that decodeCard reads back.
func cardOf(p *Product) string {
	var stock any
	if p.Stock != nil {
		stock = *p.Stock
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "&" stays "&", so that decodeCard reads most strings without unescaping
	_ = enc.Encode([cardFields]any{p.ID, p.SellerID, p.Title, p.Brand, p.Category, p.Price.Amount,
		p.Price.Currency, stock, string(p.Availability), p.Rating, p.ReviewCount, p.URL, p.ImageURL,
		encodeBilling(p.Billing)}) // plain values: cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// codes writes the product_codes rows of the product at rowid, replacing those it had
// when stored (a new product has none).
func (w *writer) codes(ctx context.Context, rowid int64, codes []string, stored bool) error {
	if stored {
		if err := w.exec(ctx, deleteCodesSQL, rowid); err != nil {
			return err
		}
	}
	if len(codes) == 0 {
		return nil
	}
	list, _ := json.Marshal(codes) // []string cannot fail to marshal
	return w.exec(ctx, insertCodesSQL, string(list), rowid)
}
