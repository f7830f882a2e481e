package store

import (
	"context"
	"fmt"
)

// Tally is a name and how many of a customer's completed orders have it.
type Tally struct {
	Name  string
	Count int
}

// OrderTallies returns the categories and the brands of the customer's completed
// orders, most frequent first (ties by name), at most n of each; orders without a
// category or brand are not counted in it. This is what the server has learned of
// the customer's taste. A customer with no orders gets empty lists, not an error.
func (s *Store) OrderTallies(ctx context.Context, customerID string, n int) (categories, brands []Tally, err error) {
	if n < 1 {
		return nil, nil, fmt.Errorf("%w: n must be at least 1", ErrInvalid)
	}
	if categories, err = s.tally(ctx, "category", customerID, n); err != nil {
		return nil, nil, err
	}
	if brands, err = s.tally(ctx, "brand", customerID, n); err != nil {
		return nil, nil, err
	}
	return categories, brands, nil
}

// tally counts the customer's completed orders by column, which is a constant.
func (s *Store) tally(ctx context.Context, column, customerID string, n int) ([]Tally, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+column+`, count(*) FROM orders
		WHERE customer_id = ? AND status = ? AND `+column+` != ''
		GROUP BY `+column+` ORDER BY count(*) DESC, `+column+` LIMIT ?`, customerID, OrderCompleted, n)
	if err != nil {
		return nil, fmt.Errorf("order tallies: %w", err)
	}
	defer rows.Close()
	out := []Tally{}
	for rows.Next() {
		var t Tally
		if err := rows.Scan(&t.Name, &t.Count); err != nil {
			return nil, fmt.Errorf("order tallies: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("order tallies: %w", err)
	}
	return out, nil
}

// BoughtBefore returns the distinct products of the customer's completed orders
// other than the one with id orderID, most recently bought first (ties by product id),
// at most n. It is the AlsoBought list that catalog.RecordSale wants when that order
// completes. A purchase reads it in the transaction that completes its order, before
// the order is noted in bought_last (addPendingSales): n rows of bought_last, however
// long the history. Asked about an order completed already (noted there), it reads the
// orders instead (boughtFromOrders).
func (s *Store) BoughtBefore(ctx context.Context, customerID, orderID string, n int) ([]string, error) {
	if n < 1 {
		return nil, fmt.Errorf("%w: n must be at least 1", ErrInvalid)
	}
	var noted bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM orders WHERE id = ? AND customer_id = ? AND status = ?)`,
		orderID, customerID, OrderCompleted).Scan(&noted); err != nil {
		return nil, fmt.Errorf("bought before: %w", err)
	}
	if noted {
		return boughtFromOrders(ctx, s.db, customerID, orderID, n)
	}
	return boughtLast(ctx, s.db, customerID, n)
}

// boughtLastQuery reads a customer's n most recently bought products from bought_last
// (store migration 0033) along bought_last_newest: no sort, and no more rows than n.
const boughtLastQuery = `SELECT product_id FROM bought_last WHERE customer_id = ?
	ORDER BY last_at DESC, product_id LIMIT ?`

// boughtLast is BoughtBefore of an order not noted in bought_last (see noteBought)
// through q: the customer's n most recently bought products.
func boughtLast(ctx context.Context, q querier, customerID string, n int) ([]string, error) {
	return productIDs(ctx, q, "bought before", nil, boughtLastQuery, customerID, n)
}

// noteBought keeps bought_last equal to its source (migration 0033): it notes the
// product of order orderID, which tx has just made completed, with the order's time,
// unless the customer's row has a later one (an order made later and completed
// first). addPendingSales calls it after the order's also-bought list is read, so that
// the list leaves the order out.
func noteBought(ctx context.Context, tx querier, orderID string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO bought_last (customer_id, product_id, last_at)
		SELECT customer_id, product_id, created_at FROM orders WHERE id = ? AND status = ?
		ON CONFLICT (customer_id, product_id) DO UPDATE SET last_at = excluded.last_at WHERE excluded.last_at > last_at`,
		orderID, OrderCompleted)
	if err != nil {
		return fmt.Errorf("bought before: %w", err)
	}
	return nil
}

// boughtFromOrders is BoughtBefore from the orders table: it reads the newest orders
// only until it has n distinct products, along the orders_bought index, and when the
// newest orders repeat a few products too often for that, it groups the whole history,
// from the same index without visiting the table.
func boughtFromOrders(ctx context.Context, q querier, customerID, orderID string, n int) ([]string, error) {
	out, done, err := boughtNewest(ctx, q, customerID, orderID, n)
	if err != nil || done {
		return out, err
	}
	return productIDs(ctx, q, "bought before", nil, boughtGrouped, customerID, OrderCompleted, orderID, n)
}

// boughtScanRows is how many of the newest orders per product asked for BoughtBefore
// reads before it groups the whole history instead.
const boughtScanRows = 4

// boughtNewestQuery reads the customer's completed orders newest first, ties by
// product id: the order of orders_bought. Its arguments are the customer, the status,
// the excluded order and the limit.
const boughtNewestQuery = `SELECT product_id FROM orders
	WHERE customer_id = ? AND status = ? AND id != ?
	ORDER BY created_at DESC, product_id LIMIT ?`

// boughtGrouped is BoughtBefore over the whole history. Its arguments are the
// customer, the status, the excluded order and n.
const boughtGrouped = `SELECT product_id FROM orders
	WHERE customer_id = ? AND status = ? AND id != ?
	GROUP BY product_id ORDER BY max(created_at) DESC, product_id LIMIT ?`

// boughtNewest reads the customer's completed orders newest first and collects their
// distinct products; done is false when it read n*boughtScanRows orders without
// finding n products and without reaching the oldest order.
func boughtNewest(ctx context.Context, q querier, customerID, orderID string, n int) (out []string, done bool, err error) {
	rows, err := q.QueryContext(ctx, boughtNewestQuery, customerID, OrderCompleted, orderID, n*boughtScanRows)
	if err != nil {
		return nil, false, fmt.Errorf("bought before: %w", err)
	}
	defer rows.Close()
	seen := make(map[string]bool)
	read := 0
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false, fmt.Errorf("bought before: %w", err)
		}
		read++
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
			if len(out) == n {
				return out, true, nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("bought before: %w", err)
	}
	return out, read < n*boughtScanRows, nil
}

// OrderedProducts returns the distinct products of the customer's orders that have not
// failed (completed or still pending), most recently ordered first. It has no limit,
// because it is what recommend leaves out by default: a product bought years and
// hundreds of orders ago is still bought. A customer with no orders gets an empty
// list, not an error.
func (s *Store) OrderedProducts(ctx context.Context, customerID string) ([]string, error) {
	return productIDs(ctx, s.db, "ordered products", []string{}, `SELECT product_id FROM orders
		WHERE customer_id = ? AND status != ?
		GROUP BY product_id ORDER BY max(created_at) DESC, product_id`, customerID, OrderFailed)
}

// productIDs runs a query of one product_id column through q and appends the ids to
// out (nil or empty, which is what a query without rows returns); op names the
// operation in errors.
func productIDs(ctx context.Context, q querier, op string, out []string, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// RecentOrders returns the customer's n most recent orders of every status, newest
// first (fewer when there are fewer), reading as many pages of ListOrders as it takes.
func (s *Store) RecentOrders(ctx context.Context, customerID string, n int) ([]Order, error) {
	var (
		out    []Order
		cursor string
	)
	for len(out) < n {
		page, next, err := s.ListOrders(ctx, OrderFilter{CustomerID: customerID, Limit: min(100, n-len(out)), Cursor: cursor})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	return out, nil
}
