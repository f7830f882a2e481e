package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// BenchmarkPageRead reads a search page of 10 products as Search does (pageSQL: card,
// description, seller, list price and condition, then decodeCard), paired in one run
// with the same statement without the condition column ("no_condition"): what showing
// a product's condition on result cards costs a page. A third of the products have a
// condition (used, refurbished, new), a fifth a list price.
func BenchmarkPageRead(b *testing.B) {
	c, err := Open(context.Background(), filepath.Join(b.TempDir(), "catalog.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	products := make([]Product, 2000)
	for i := range products {
		attrs := map[string]string{"color": "black"}
		if i%3 == 0 {
			attrs["condition"] = []string{"used", "refurbished", "new"}[i/3%3]
		}
		if i%5 == 0 {
			attrs["list_price"] = "$" + strconv.Itoa(60+i%40) + ".00"
		}
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: fmt.Sprintf("Camera body %d", i),
			Brand: "Acme", Category: "Cameras", Description: "A camera body with a strap and a battery.",
			Availability: InStock, Price: money.Money{Amount: 5000, Currency: "USD"}, Attributes: attrs}
	}
	ctx := context.Background()
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		b.Fatal(err)
	}
	with := writePageSQL(10)
	without := strings.ReplaceAll(with, ",\n\t\tjson_extract(t.attributes, '$.condition')", "")
	if without == with {
		b.Fatal("the page statement has no condition column to leave out")
	}
	ids := make([]any, 10)
	for i := range ids {
		ids[i] = int64(1 + i*97)
	}
	read := func(b *testing.B, q string, cond bool) {
		for b.Loop() {
			rows, err := c.query(ctx, q, ids...)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				var (
					rowid      int64
					card       string
					list, cnd  sql.NullString
					h          Hit
					sellerCols [4]string
				)
				dest := []any{&rowid, &card, &h.Description, &sellerCols[0], &sellerCols[1], &sellerCols[2], &sellerCols[3], &list}
				if cond {
					dest = append(dest, &cnd)
				}
				if err := rows.Scan(dest...); err != nil {
					b.Fatal(err)
				}
				if err := decodeCard(card, &h.Product); err != nil {
					b.Fatal(err)
				}
				if list.Valid {
					h.ListPrice, _ = listPriceOf(list.String, h.Price)
				}
				if cnd.Valid {
					h.Condition = conditionOf(cnd.String)
				}
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
	}
	b.Run("page", func(b *testing.B) { read(b, with, true) })
	b.Run("no_condition", func(b *testing.B) { read(b, without, false) })
}
