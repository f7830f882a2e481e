package catalog

import (
	"context"
	"fmt"
)

// Sellers returns every seller, by id.
func (c *Catalog) Sellers(ctx context.Context) ([]Seller, error) {
	rows, err := c.query(ctx, `SELECT id, name, acp_base_url, stripe_profile_id FROM sellers ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sellers: %w", err)
	}
	defer rows.Close()
	var out []Seller
	for rows.Next() {
		var s Seller
		if err := rows.Scan(&s.ID, &s.Name, &s.ACPBaseURL, &s.StripeProfileID); err != nil {
			return nil, fmt.Errorf("sellers: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sellers: %w", err)
	}
	return out, nil
}
