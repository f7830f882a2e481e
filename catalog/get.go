package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// productColumns are the columns scanProduct reads, in order.
const productColumns = `p.id, p.group_id, p.seller_id, s.name, t.title, p.brand, t.category,
	t.tags, t.attributes, t.description, p.price_amount, p.currency, p.stock, p.availability,
	p.rating, p.review_count, t.url, t.image_url, t.gtin, p.hidden, p.updated_at,
	p.billing_interval, p.billing_every, p.trial_days`

// productJoins joins the tables productColumns reads to products p. CROSS JOIN keeps
// products as the outer loop, whatever the planner guesses about the tiny sellers table.
const productJoins = `CROSS JOIN product_text t ON t.rowid = p.rowid CROSS JOIN sellers s ON s.id = p.seller_id`

type scanner interface{ Scan(dest ...any) error }

func scanProduct(row scanner, extra ...any) (Product, error) {
	var (
		p                  Product
		tags, attrs, avail string
		updated            string
		stock              sql.NullInt64
		bill               Billing
	)
	dest := []any{&p.ID, &p.GroupID, &p.SellerID, &p.SellerName, &p.Title, &p.Brand,
		&p.Category, &tags, &attrs, &p.Description, &p.Price.Amount, &p.Price.Currency,
		&stock, &avail, &p.Rating, &p.ReviewCount, &p.URL, &p.ImageURL, &p.GTIN, &p.Hidden,
		&updated, &bill.Interval, &bill.Every, &bill.TrialDays}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return Product{}, err
	}
	var err error
	if p.Tags, err = decodeTags(tags); err != nil {
		return Product{}, fmt.Errorf("product %q tags: %w", p.ID, err)
	}
	if p.Attributes, err = decodeAttributes(attrs); err != nil {
		return Product{}, fmt.Errorf("product %q attributes: %w", p.ID, err)
	}
	if len(p.Tags) == 0 {
		p.Tags = nil
	}
	if len(p.Attributes) == 0 {
		p.Attributes = nil
	}
	if stock.Valid {
		p.Stock = &stock.Int64
	}
	p.Availability = Availability(avail)
	if bill.Interval != "" {
		p.Billing = &bill
	}
	p.UpdatedAt, _ = time.Parse(time.RFC3339, updated)
	return p, nil
}

// Product returns the product with the given id, hidden or not, or an error wrapping
// ErrNotFound.
func (c *Catalog) Product(ctx context.Context, id string) (Product, error) {
	row := c.queryRow(ctx, `SELECT `+productColumns+`
		FROM products p `+productJoins+` WHERE p.id = ?`, id)
	p, err := scanProduct(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Product{}, fmt.Errorf("product %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Product{}, fmt.Errorf("product %q: %w", id, err)
	}
	return p, nil
}
