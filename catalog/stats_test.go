package catalog

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// openStats opens a catalog with products a, b, c and d.
func openStats(t *testing.T) *Catalog {
	t.Helper()
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "stats.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	var ps []Product
	for _, id := range []string{"a", "b", "c", "d"} {
		ps = append(ps, Product{ID: id, SellerID: "s", Title: "Product " + id, Price: money.Money{Amount: 100, Currency: "USD"}})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s"}}, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// sold returns a product's sales row: orders, units and when it last sold.
func sold(t *testing.T, c *Catalog, id string) (orders, units int, last string) {
	t.Helper()
	err := c.db.QueryRow(`SELECT coalesce(max(s.orders), 0), coalesce(max(s.units), 0), coalesce(max(s.last_sold_at), '')
		FROM products p LEFT JOIN product_sales s ON s.product = p.rowid WHERE p.id = ?`, id).Scan(&orders, &units, &last)
	if err != nil {
		t.Fatal(err)
	}
	return orders, units, last
}

// pairs returns the co-purchase count of every ordered pair, as "a>b".
func pairs(t *testing.T, c *Catalog) map[string]int {
	t.Helper()
	rows, err := c.db.Query(`SELECT pa.id, pb.id, n FROM copurchases
		JOIN products pa ON pa.rowid = a JOIN products pb ON pb.rowid = b`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var a, b string
		var n int
		if err := rows.Scan(&a, &b, &n); err != nil {
			t.Fatal(err)
		}
		out[a+">"+b] = n
	}
	return out
}

func TestRecordSale(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	day := time.Date(2025, 5, 1, 10, 0, 0, 0, time.UTC)
	steps := []struct {
		id         string
		qty        int
		alsoBought []string
		at         time.Time
	}{
		{"a", 1, nil, day},
		{"b", 2, []string{"a"}, day.Add(time.Hour)},
		// Repeats and unknown ids are ignored.
		{"c", 1, []string{"b", "a", "b", "no-such-product", " a "}, day.Add(2 * time.Hour)},
		// An older sale does not move last_sold_at back.
		{"b", 1, []string{"c"}, day.Add(-time.Hour)},
	}
	for _, s := range steps {
		if err := c.RecordSale(ctx, s.id, s.qty, s.alsoBought, s.at); err != nil {
			t.Fatalf("RecordSale(%s): %v", s.id, err)
		}
	}
	for _, tc := range []struct {
		id            string
		orders, units int
		last          string
	}{
		{"a", 1, 1, "2025-05-01T10:00:00Z"},
		{"b", 2, 3, "2025-05-01T11:00:00Z"},
		{"c", 1, 1, "2025-05-01T12:00:00Z"},
		{"d", 0, 0, ""},
	} {
		if o, u, l := sold(t, c, tc.id); o != tc.orders || u != tc.units || l != tc.last {
			t.Errorf("%s: orders %d, units %d, last %q; want %d, %d, %q", tc.id, o, u, l, tc.orders, tc.units, tc.last)
		}
	}
	want := map[string]int{"a>b": 1, "b>a": 1, "a>c": 1, "c>a": 1, "b>c": 2, "c>b": 2}
	got := pairs(t, c)
	if len(got) != len(want) {
		t.Errorf("pairs = %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("pair %s = %d, want %d", k, got[k], n)
		}
	}
}

// TestRecordSaleCountsCustomers checks that a pair's count is the number of customers
// who bought both products, however often each of them bought either: a repeat
// purchase (its product among AlsoBought) adds no pairs.
func TestRecordSaleCountsCustomers(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	sales := []Sale{
		// One customer: a, then b, then b and a again, then c.
		{ProductID: "a", Quantity: 1},
		{ProductID: "b", Quantity: 1, AlsoBought: []string{"a"}},
		{ProductID: "b", Quantity: 1, AlsoBought: []string{"b", "a"}},
		{ProductID: "a", Quantity: 1, AlsoBought: []string{"b", "a"}},
		{ProductID: "c", Quantity: 1, AlsoBought: []string{"a", "b"}},
		// Another customer: b, then a.
		{ProductID: "b", Quantity: 1},
		{ProductID: "a", Quantity: 1, AlsoBought: []string{"b"}},
	}
	if err := c.RecordSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	got := pairs(t, c)
	for k, n := range map[string]int{"a>b": 2, "b>a": 2, "a>c": 1, "c>a": 1, "b>c": 1, "c>b": 1} {
		if got[k] != n {
			t.Errorf("pair %s = %d, want %d (customers who bought both)", k, got[k], n)
		}
	}
	if o, _, _ := sold(t, c, "a"); o != 3 {
		t.Errorf("a sold %d times, want 3: repeats still count as sales", o)
	}
}

func TestRecordSaleErrors(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		sales []Sale
		want  error
	}{
		{"unknown product", []Sale{{ProductID: "zzz", Quantity: 1}}, ErrNotFound},
		{"no product id", []Sale{{ProductID: " ", Quantity: 1}}, ErrInvalid},
		{"zero quantity", []Sale{{ProductID: "a"}}, ErrInvalid},
		{"one bad sale refuses the batch", []Sale{{ProductID: "a", Quantity: 1}, {ProductID: "b", Quantity: 1, AlsoBought: []string{"a"}}, {ProductID: "zzz", Quantity: 1}}, ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := c.RecordSales(ctx, tc.sales); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if o, _, _ := sold(t, c, "a"); o != 0 {
				t.Errorf("a refused batch recorded %d sales", o)
			}
			if p := pairs(t, c); len(p) != 0 {
				t.Errorf("a refused batch recorded pairs %v", p)
			}
		})
	}
}

// TestRecordSaleBoundsPairs checks that one sale pairs with at most MaxAlsoBought
// earlier products.
func TestRecordSaleBoundsPairs(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	also := make([]string, MaxAlsoBought)
	for i := range also {
		also[i] = "x" // unknown: skipped, but still counted against the bound
	}
	also = append(also, "b")
	if err := c.RecordSale(ctx, "a", 1, also, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if p := pairs(t, c); len(p) != 0 {
		t.Errorf("pairs beyond the bound were recorded: %v", p)
	}
}

// TestSalesStatisticsEqualRecomputation records the orders of many customers one sale
// at a time, as purchase does (each with the customer's distinct earlier products, most
// recent first), and checks that the statistics maintained in place equal those
// recomputed from all the orders: per product, the orders and the distinct buyers; per
// pair, the customers who bought both.
func TestSalesStatisticsEqualRecomputation(t *testing.T) {
	c := openStats(t)
	ctx := context.Background()
	ids := []string{"a", "b", "c", "d"}
	r := rand.New(rand.NewPCG(5, 8))
	type order struct {
		customer int
		product  string
	}
	var orders []order
	bought := map[int][]string{} // customer → distinct products, most recent first
	for range 400 {
		o := order{customer: r.IntN(40), product: ids[r.IntN(len(ids))]}
		also := slices.Clone(bought[o.customer])
		if err := c.RecordSale(ctx, o.product, 1+r.IntN(3), also, time.Time{}); err != nil {
			t.Fatal(err)
		}
		bought[o.customer] = append([]string{o.product}, slices.DeleteFunc(also, func(id string) bool { return id == o.product })...)
		orders = append(orders, o)
	}
	// From scratch.
	wantOrders := map[string]int64{}
	buyers := map[string]map[int]bool{}
	for _, o := range orders {
		wantOrders[o.product]++
		if buyers[o.product] == nil {
			buyers[o.product] = map[int]bool{}
		}
		buyers[o.product][o.customer] = true
	}
	sales, err := c.SalesOf(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	idOf := map[Ref]string{}
	for id, s := range sales {
		idOf[s.Ref] = id
	}
	got := pairs(t, c)
	for _, a := range ids {
		if s := sales[a]; s.Orders != wantOrders[a] || s.Buyers != int64(len(buyers[a])) {
			t.Errorf("%s: orders %d, buyers %d; recomputed %d, %d", a, s.Orders, s.Buyers, wantOrders[a], len(buyers[a]))
		}
		for _, b := range ids {
			if a == b {
				continue
			}
			both := 0
			for cust := range buyers[a] {
				if buyers[b][cust] {
					both++
				}
			}
			if got[a+">"+b] != both {
				t.Errorf("pair %s>%s = %d; recomputed %d customers who bought both", a, b, got[a+">"+b], both)
			}
		}
		co, err := c.CoPurchased(ctx, sales[a].Ref, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range co {
			if id := idOf[p.Ref]; p.Buyers != int64(len(buyers[id])) || p.Orders != wantOrders[id] {
				t.Errorf("CoPurchased(%s) gives %s buyers %d, orders %d; recomputed %d, %d", a, id, p.Buyers, p.Orders, len(buyers[id]), wantOrders[id])
			}
		}
	}
}
