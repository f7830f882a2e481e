package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/pooltest"
)

// boughtBeforeAll is BoughtBefore's former query, which groups the customer's whole
// history: the oracle that the bounded BoughtBefore is held equal to.
const boughtBeforeAll = `SELECT product_id FROM orders
	WHERE customer_id = ? AND status = ? AND id != ?
	GROUP BY product_id ORDER BY max(created_at) DESC, product_id LIMIT ?`

// seedOrder is one order written straight to the tables by seedOrders.
type seedOrder struct {
	customer, product string
	status            OrderStatus
	at                time.Time
}

// seedOrders writes orders (with the purchases they reference) in one transaction,
// noting the completed ones in bought_last as complete does, and returns their ids: thousands of orders through the purchase states would take
// far longer, and only the orders' customer, product, status and time matter here.
func seedOrders(tb testing.TB, s *Store, orders []seedOrder) []string {
	tb.Helper()
	ids := make([]string, len(orders))
	err := s.inTx(context.Background(), func(tx *sql.Tx) error {
		for i, o := range orders {
			pid, oid, at := NewID("pur_"), NewID("ord_"), encodeTime(o.at)
			if _, err := tx.Exec(`INSERT INTO purchases (id, customer_id, idem_key, state, mode, product_id,
				seller_id, quantity, order_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
				pid, o.customer, pid, "done", "sandbox", o.product, "s1", 1, oid, at, at); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO orders (id, customer_id, purchase_id, status, mode, seller_id,
				product_id, quantity, unit_amount, subtotal, tax, shipping, total, currency, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				oid, o.customer, pid, o.status, "sandbox", "s1", o.product, 1, 1000, 1000, 0, 0, 1000, "USD", at, at); err != nil {
				return err
			}
			if err := noteBought(context.Background(), tx, oid); err != nil { // as complete does
				return err
			}
			ids[i] = oid
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return ids
}

// openSeeded opens a store in a temporary directory with the named customers.
func openSeeded(tb testing.TB, emails ...string) (*Store, []string) {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(tb.TempDir(), "history.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	pooltest.Cap(tb, s, "/store.")
	var ids []string
	for _, e := range emails {
		c, err := s.CreateCustomer(ctx, Customer{Email: e})
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return s, ids
}

// history builds count orders of customer, one a minute from start, with the product
// and status that fn gives order i.
func history(customer string, count int, start time.Time, fn func(i int) (string, OrderStatus)) []seedOrder {
	out := make([]seedOrder, count)
	for i := range out {
		p, st := fn(i)
		out[i] = seedOrder{customer, p, st, start.Add(time.Duration(i) * time.Minute)}
	}
	return out
}

// TestBoughtBeforeLongHistory holds BoughtBefore equal to the query over the whole
// history for customers with thousands of orders, in the shapes that take each of its
// two ways: many distinct products (the newest orders suffice), a few products bought
// over and over (the whole history grouped), and a mix of both, with failed and pending
// orders, another customer's orders, ties in time and the excluded order among them.
func TestBoughtBeforeLongHistory(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	statusOf := func(i int) OrderStatus {
		switch {
		case i%13 == 0:
			return OrderFailed
		case i%29 == 0:
			return OrderPending
		}
		return OrderCompleted
	}
	tests := []struct {
		name    string
		product func(i int) string
	}{
		{"distinct products", func(i int) string { return fmt.Sprintf("p%05d", i) }},
		{"five products over and over", func(i int) string { return fmt.Sprintf("p%d", i%5) }},
		{"many old products, then a few repeated", func(i int) string {
			if i < 2500 {
				return fmt.Sprintf("old%04d", i)
			}
			return fmt.Sprintf("new%d", i%3)
		}},
		{"a repeated product among distinct ones", func(i int) string {
			if i%2 == 0 {
				return "again"
			}
			return fmt.Sprintf("p%05d", i)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, cust := openSeeded(t, "a@example.com", "b@example.com")
			orders := history(cust[0], 3000, start, func(i int) (string, OrderStatus) { return tc.product(i), statusOf(i) })
			// Ties: a second order at the time of every hundredth, of another product.
			for i := 0; i < 3000; i += 100 {
				orders = append(orders, seedOrder{cust[0], fmt.Sprintf("tie%d", i%300), OrderCompleted, orders[i].at})
			}
			orders = append(orders, history(cust[1], 500, start, func(i int) (string, OrderStatus) { return fmt.Sprintf("b%d", i), OrderCompleted })...)
			ids := seedOrders(t, s, orders)
			// Exclude the newest order, an order in the middle, and none.
			for _, exclude := range []string{ids[2999], ids[1500], "ord_none"} {
				for _, n := range []int{1, 10, 100, 1000} {
					got, err := s.BoughtBefore(ctx, cust[0], exclude, n)
					if err != nil {
						t.Fatal(err)
					}
					want, err := productIDs(ctx, s.db, "oracle", nil, boughtBeforeAll, cust[0], OrderCompleted, exclude, n)
					if err != nil {
						t.Fatal(err)
					}
					if len(want) == 0 {
						t.Fatalf("oracle found nothing (exclude %s, n %d): the test is not testing", exclude, n)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("exclude %s, n %d: BoughtBefore = %d ids %v…, want %d %v…", exclude, n,
							len(got), got[:min(5, len(got))], len(want), want[:min(5, len(want))])
					}
				}
			}
		})
	}
}

// BenchmarkBoughtBefore measures a purchase's also-bought list (boughtLast, n = 100)
// for a customer with 10 and with 5,000 prior completed orders, of distinct products
// and of one product bought over and over: its cost should not grow with the history.
// Beside it, in the same run, the query over the whole history; and BoughtBefore of a
// completed order, which reads the orders (boughtFromOrders).
func BenchmarkBoughtBefore(b *testing.B) {
	ctx := context.Background()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, shape := range []struct {
		name    string
		product func(i int) string
	}{
		{"distinct", func(i int) string { return fmt.Sprintf("p%05d", i) }},
		{"same", func(int) string { return "p" }},
	} {
		for _, count := range []int{10, 5000} {
			b.Run(fmt.Sprintf("%s/orders=%d", shape.name, count), func(b *testing.B) {
				s, cust := openSeeded(b, "a@example.com")
				seedOrders(b, s, history(cust[0], count, start, func(i int) (string, OrderStatus) { return shape.product(i), OrderCompleted }))
				for b.Loop() {
					if _, err := boughtLast(ctx, s.db, cust[0], 100); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("%s/orders=%d/from-orders", shape.name, count), func(b *testing.B) {
				s, cust := openSeeded(b, "a@example.com")
				ids := seedOrders(b, s, history(cust[0], count+1, start, func(i int) (string, OrderStatus) { return shape.product(i), OrderCompleted }))
				for b.Loop() {
					if _, err := s.BoughtBefore(ctx, cust[0], ids[count], 100); err != nil {
						b.Fatal(err)
					}
				}
			})
			// The former query over the whole history, in the same run, for comparison.
			b.Run(fmt.Sprintf("%s/orders=%d/whole-history", shape.name, count), func(b *testing.B) {
				s, cust := openSeeded(b, "a@example.com")
				ids := seedOrders(b, s, history(cust[0], count+1, start, func(i int) (string, OrderStatus) { return shape.product(i), OrderCompleted }))
				for b.Loop() {
					if _, err := productIDs(ctx, s.db, "whole history", nil, boughtBeforeAll, cust[0], OrderCompleted, ids[count], 100); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestBoughtBeforePlans checks that a purchase's also-bought list reads
// bought_last_newest alone, in its order, without a sort, so that reading stops at
// the limit: n index rows whatever the history's length; and that BoughtBefore's two
// queries over the orders read orders_bought alone, without visiting the table, the
// newest orders in the index's order without a sort.
func TestBoughtBeforePlans(t *testing.T) {
	s, _ := openSeeded(t)
	orderArgs := []any{"cus_x", OrderCompleted, "ord_x", 100}
	tests := []struct {
		name, query string
		args        []any
		want        []string // each must appear in some line of the plan
		wantNot     []string // none may appear in any line
	}{
		{"a purchase's list", boughtLastQuery, []any{"cus_x", 100},
			[]string{"SEARCH bought_last USING COVERING INDEX bought_last_newest (customer_id=?)"},
			[]string{"TEMP B-TREE", "SCAN", "orders"}},
		{"newest orders", boughtNewestQuery, orderArgs,
			[]string{"SEARCH orders USING COVERING INDEX orders_bought (customer_id=? AND status=?)"},
			[]string{"TEMP B-TREE", "SCAN orders"}},
		{"whole history", boughtGrouped, orderArgs,
			[]string{"SEARCH orders USING COVERING INDEX orders_bought (customer_id=? AND status=?)"},
			[]string{"SCAN orders"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := queryPlan(t, s, tc.query, tc.args...)
			for _, w := range tc.want {
				if !strings.Contains(plan, w) {
					t.Errorf("plan lacks %q:\n%s", w, plan)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(plan, w) {
					t.Errorf("plan has %q:\n%s", w, plan)
				}
			}
		})
	}
}

// queryPlan returns SQLite's plan for query, one step a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestBoughtLastEqualsOrders buys through the store's states, as a purchase does, and
// checks after each completed order that its sale's also-bought list is the one the
// whole history grouped gives (boughtBeforeAll, the order left out), and at the end
// that bought_last equals its source: with products bought again, failed and pending
// orders (not counted), two orders at one time, orders completed in another order than
// they were made (the later completion of an older order leaves a newer time alone),
// and two customers.
func TestBoughtLastEqualsOrders(t *testing.T) {
	ctx := context.Background()
	s, cust := openSeeded(t, "a@example.com", "b@example.com")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	approve := func(customer, product string) *Purchase {
		t.Helper()
		p, _, err := s.BeginPurchase(ctx, Purchase{CustomerID: customer, IdemKey: NewID("k_"), ProductID: product, Quantity: 1, Mode: "sandbox"})
		if err != nil {
			t.Fatal(err)
		}
		p.UnitAmount, p.Subtotal, p.Total, p.Currency = 1000, 1000, 1000, "USD"
		if err := s.Approve(ctx, &p, PurchaseOpen); err != nil {
			t.Fatal(err)
		}
		return &p
	}
	checked := 0
	complete := func(p *Purchase) {
		t.Helper()
		p.State = PurchaseTokenIssued
		if err := s.Advance(ctx, p, "token", "", PurchaseApproved); err != nil {
			t.Fatal(err)
		}
		if err := s.Complete(ctx, p); err != nil {
			t.Fatal(err)
		}
		sales, err := s.PendingSalesOf(ctx, p.OrderID)
		if err != nil || len(sales) != 1 {
			t.Fatalf("PendingSalesOf(%s) = %v, %v; want one sale", p.OrderID, sales, err)
		}
		want, err := productIDs(ctx, s.db, "oracle", []string{}, boughtBeforeAll, p.CustomerID, OrderCompleted, p.OrderID, MaxAlsoBought)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sales[0].AlsoBought, want) {
			t.Errorf("order %d (%s): also bought %v, want %v", checked, p.ProductID, sales[0].AlsoBought, want)
		}
		checked++
	}
	fail := func(p *Purchase) {
		t.Helper()
		p.State = PurchaseFailed
		if err := s.Advance(ctx, p, "failed", "", PurchaseApproved); err != nil {
			t.Fatal(err)
		}
	}
	a, b := cust[0], cust[1]
	for i, product := range []string{"p1", "p2", "p3", "p1", "p4", "p2", "p1", "p5", "p1", "p1"} {
		now = now.Add(time.Minute)
		p := approve(a, product)
		if i == 4 {
			fail(p)
			continue
		}
		complete(p)
		complete(approve(b, "q"+product)) // another customer, at the same time
	}
	// Made in one order, completed in the other: p1 at t, p1 at t+1 minute, then p6.
	now = now.Add(time.Minute)
	older := approve(a, "p1")
	now = now.Add(time.Minute)
	newer := approve(a, "p1")
	complete(newer)
	complete(older)
	complete(approve(a, "p6"))
	// Two orders at one time, and one left pending.
	now = now.Add(time.Minute)
	x, y := approve(a, "p8"), approve(a, "p7")
	complete(y)
	complete(x)
	approve(a, "p9")
	now = now.Add(time.Minute)
	complete(approve(a, "p9")) // bought before only in a pending order: a first purchase
	diff, rows, err := BoughtLastDiff(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	if diff != "" {
		t.Error(diff)
	}
	if checked != 24 || rows != 12 {
		t.Errorf("%d orders checked and %d rows compared, want 24 and 12: the test is not testing what it says", checked, rows)
	}
}
