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
// description, seller, list price, condition and the unit price's measure, base and
// pack count, then decodeCard), paired in one run with the same statement without the
// column of the attributes of a product that needs choices ("no_choices"), without
// that and the unit price's columns ("no_unit_price") and without those and the
// condition column ("no_condition"): what showing a product's unit price, condition
// and whether it needs choices on result cards costs a page. A third of the products
// have a condition (used, refurbished, new), a fifth a list price, a quarter a pack
// count, a seventh a unit measure and a tenth options.
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
		if i%4 == 0 {
			attrs["pack"] = "pack of " + strconv.Itoa(2+i%50)
		}
		if i%7 == 0 {
			attrs[AttrUnitMeasure] = "750 ml"
		}
		if i%10 == 0 {
			attrs[AttrChoices], attrs["size"] = "size", "S, M, L"
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
	noChoices := strings.ReplaceAll(with, ",\n\t\tCASE WHEN json_extract(t.attributes, '$.choices', '$.personalization') <> '[null,null]' THEN t.attributes END", "")
	noUnit := strings.ReplaceAll(noChoices, ", json_extract(t.attributes, '$.unit_pricing_measure'),\n\t\tjson_extract(t.attributes, '$.unit_pricing_base_measure'), json_extract(t.attributes, '$.pack')", "")
	without := strings.ReplaceAll(noUnit, ",\n\t\tjson_extract(t.attributes, '$.condition')", "")
	if without == noUnit || noUnit == noChoices || noChoices == with {
		b.Fatal("the page statement has no choices, unit price or condition columns to leave out")
	}
	ids := make([]any, 10)
	for i := range ids {
		ids[i] = int64(1 + i*97)
	}
	read := func(b *testing.B, q string, cond, unitCols, choices bool) {
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
					unit       [3]sql.NullString
					asks       sql.NullString
					h          Hit
					sellerCols [4]string
				)
				dest := []any{&rowid, &card, &h.Description, &sellerCols[0], &sellerCols[1], &sellerCols[2], &sellerCols[3], &list}
				if cond {
					dest = append(dest, &cnd)
				}
				if unitCols {
					dest = append(dest, &unit[0], &unit[1], &unit[2])
				}
				if choices {
					dest = append(dest, &asks)
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
				if unit[0].Valid || unit[2].Valid {
					h.UnitPrice, _ = unitPriceOf(h.Price, unit[0].String, unit[1].String, unit[2].String)
				}
				if asks.Valid {
					if attrs, err := decodeAttributes(asks.String); err == nil {
						h.NeedsChoices = (&Product{Attributes: attrs}).NeedsChoices()
					}
				}
			}
			if err := rows.Err(); err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
	}
	b.Run("page", func(b *testing.B) { read(b, with, true, true, true) })
	b.Run("no_choices", func(b *testing.B) { read(b, noChoices, true, true, false) })
	b.Run("no_unit_price", func(b *testing.B) { read(b, noUnit, true, false, false) })
	b.Run("no_condition", func(b *testing.B) { read(b, without, false, false, false) })
}
