package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
)

// boughtLastSource is what bought_last (store migration 0033) holds, computed from its
// source: each product of a customer's completed orders with their newest created_at.
const boughtLastSource = `SELECT customer_id, product_id, max(created_at) FROM orders WHERE status = 'completed'
	GROUP BY customer_id, product_id ORDER BY customer_id, product_id`

// BoughtLastDiff compares bought_last with boughtLastSource in the store file db reads:
// "" when equal, else how they differ; and how many rows the source has, so that a
// test can tell an empty comparison from a real one.
func BoughtLastDiff(ctx context.Context, db *sql.DB) (string, int, error) {
	read := func(query string) ([][3]string, error) {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out [][3]string
		for rows.Next() {
			var r [3]string
			if err := rows.Scan(&r[0], &r[1], &r[2]); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	got, err := read(`SELECT customer_id, product_id, last_at FROM bought_last ORDER BY customer_id, product_id`)
	if err != nil {
		return "", 0, err
	}
	want, err := read(boughtLastSource)
	if err != nil {
		return "", 0, err
	}
	if reflect.DeepEqual(got, want) {
		return "", len(want), nil
	}
	return fmt.Sprintf("bought_last has %d rows %v…, its source %d %v…", len(got), got[:min(4, len(got))],
		len(want), want[:min(4, len(want))]), len(want), nil
}

// DB returns the store's database, for tests that compare its tables.
func (s *Store) DB() *sql.DB { return s.db }
