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
// ErrInvalid error that names the product.
//
// Writing products, product_text and sellers also writes, through triggers (see
// migrations/), the structures derived from them; nothing else writes these:
//   - products_fts, the full-text index over product_text (0001);
//   - products_fts_excluded, the text of hidden and sold-out products (0005);
//   - product_keys and brands, the numbers a search filters, orders and counts by (0006),
//     with product_keys_changes, the counter an in-memory copy of product_keys follows (0007);
//   - product_text.card, what a search result shows of a product, kept equal to the view
//     product_cards_source, also when a seller is renamed or added later (0008).
//
// It also writes product_codes (0009), each product's productCodes, which are computed
// in Go and so cannot follow a product changed with SQL.
//
// Tests hold each of them equal to its source (derived_test.go, result_card_test.go).
func (c *Catalog) UpsertWith(ctx context.Context, opt UpsertOptions, sellers []Seller, products []Product) (UpsertStats, error) {
	var st UpsertStats
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("upsert: %w", err)
	}
	defer tx.Rollback()
	for _, s := range sellers {
		if err := upsertSeller(ctx, tx, s); err != nil {
			return st, err
		}
	}
	u := upserter{tx: tx, cats: map[string]int64{}, now: c.now().UTC().Format(time.RFC3339), keepSellers: opt.KeepSellers}
	if err := u.prepare(ctx); err != nil {
		return st, err
	}
	defer u.close()
	for i := range products {
		p := products[i]
		if err := p.Normalize(); err != nil {
			return st, fmt.Errorf("product %q: %w", p.ID, err)
		}
		inserted, err := u.product(ctx, &p)
		if err != nil {
			return st, err
		}
		if inserted {
			st.Inserted++
		} else {
			st.Updated++
		}
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

func upsertSeller(ctx context.Context, tx *sql.Tx, s Seller) error {
	s.ID = text.Clean(s.ID, maxIDLen)
	s.Name = text.Clean(s.Name, maxBrandLen)
	if s.ID == "" {
		return &FieldError{Field: "seller_id", Problem: FieldMissing}
	}
	if s.Name == "" {
		s.Name = s.ID
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO sellers (id, name, acp_base_url, stripe_profile_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name,
			acp_base_url = CASE WHEN excluded.acp_base_url = '' THEN acp_base_url ELSE excluded.acp_base_url END,
			stripe_profile_id = CASE WHEN excluded.stripe_profile_id = '' THEN stripe_profile_id ELSE excluded.stripe_profile_id END`,
		s.ID, s.Name, text.Clean(s.ACPBaseURL, maxURLLen), text.Clean(s.StripeProfileID, maxIDLen))
	if err != nil {
		return fmt.Errorf("upsert seller %q: %w", s.ID, err)
	}
	return nil
}

// upserter holds the prepared statements of one Upsert transaction.
type upserter struct {
	tx                          *sql.Tx
	now                         string
	keepSellers                 bool
	cats                        map[string]int64
	exists, seller, write, text *sql.Stmt
	delCodes, insCodes          *sql.Stmt
}

func (u *upserter) prepare(ctx context.Context) error {
	var err error
	if u.exists, err = u.tx.PrepareContext(ctx, `SELECT seller_id FROM products WHERE id = ?`); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	if u.seller, err = u.tx.PrepareContext(ctx, `SELECT 1 FROM sellers WHERE id = ?`); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	u.write, err = u.tx.PrepareContext(ctx, `
		INSERT INTO products (id, group_id, seller_id, brand, brand_key, category_id, price_amount,
			price_exp, currency, stock, availability, rating, review_count, hidden, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, seller_id = excluded.seller_id,
			brand = excluded.brand, brand_key = excluded.brand_key, category_id = excluded.category_id,
			price_amount = excluded.price_amount, price_exp = excluded.price_exp,
			currency = excluded.currency, stock = excluded.stock, availability = excluded.availability,
			rating = excluded.rating, review_count = excluded.review_count, hidden = excluded.hidden,
			updated_at = excluded.updated_at
		RETURNING rowid`)
	if err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	u.text, err = u.tx.PrepareContext(ctx, `
		INSERT INTO product_text (rowid, title, brand, category, tags, description, attributes, url, image_url, gtin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (rowid) DO UPDATE SET title = excluded.title, brand = excluded.brand,
			category = excluded.category, tags = excluded.tags, description = excluded.description,
			attributes = excluded.attributes, url = excluded.url, image_url = excluded.image_url,
			gtin = excluded.gtin`)
	if err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	if u.delCodes, err = u.tx.PrepareContext(ctx, deleteCodesSQL); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	if u.insCodes, err = u.tx.PrepareContext(ctx, insertCodesSQL); err != nil {
		return fmt.Errorf("upsert: %w", err)
	}
	return nil
}

func (u *upserter) close() {
	for _, s := range []*sql.Stmt{u.exists, u.seller, u.write, u.text, u.delCodes, u.insCodes} {
		if s != nil {
			s.Close()
		}
	}
}

// product writes p and reports whether it was new.
func (u *upserter) product(ctx context.Context, p *Product) (bool, error) {
	var one int
	if err := u.seller.QueryRowContext(ctx, p.SellerID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("product %q: %w", p.ID, &FieldError{Field: "seller", Problem: FieldUnknown, Value: p.SellerID})
	} else if err != nil {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	var stored string
	err := u.exists.QueryRowContext(ctx, p.ID).Scan(&stored)
	inserted := errors.Is(err, sql.ErrNoRows)
	if err != nil && !inserted {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	if u.keepSellers && !inserted && stored != p.SellerID {
		return false, &SellerChangeError{ProductID: p.ID, Stored: stored, New: p.SellerID}
	}
	catID, err := u.category(ctx, p.Category)
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
	var rowid int64
	err = u.write.QueryRowContext(ctx, p.ID, p.GroupID, p.SellerID, p.Brand, strings.ToLower(p.Brand),
		catID, p.Price.Amount, money.Exponent(p.Price.Currency), p.Price.Currency, p.Stock,
		string(p.Availability), p.Rating, p.ReviewCount, p.Hidden, u.now).Scan(&rowid)
	if err != nil {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	_, err = u.text.ExecContext(ctx, rowid, p.Title, p.Brand, p.Category, string(tags), p.Description,
		string(attrs), p.URL, p.ImageURL, p.GTIN)
	if err == nil {
		err = writeCodes(ctx, u.delCodes, u.insCodes, rowid, productCodes(p))
	}
	if err != nil {
		return false, fmt.Errorf("upsert %q: %w", p.ID, err)
	}
	return inserted, nil
}

// category returns the id of the category with this path, creating it if needed; nil
// for an empty path.
func (u *upserter) category(ctx context.Context, path string) (any, error) {
	if path == "" {
		return nil, nil
	}
	key := strings.ToLower(path)
	if id, ok := u.cats[key]; ok {
		return id, nil
	}
	var id int64
	err := u.tx.QueryRowContext(ctx, `
		INSERT INTO categories (path, key) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET key = key
		RETURNING id`, path, key).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("upsert category %q: %w", path, err)
	}
	u.cats[key] = id
	return id, nil
}
