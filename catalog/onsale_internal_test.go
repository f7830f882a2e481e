package catalog

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestOnSaleFollowsListPrice: products.on_sale (migration 0049) is 1 exactly when the
// product's stored attributes have list_price, products.gender is their gender
// lower-cased (” without one) and products.age their age_group so (migration 0051),
// after a first import (inserts), after
// an import that adds, removes and keeps list prices (updates), and after the
// background fill migrations 0050 and 0051 ask for on a catalog stored before 0049.
func TestOnSaleFollowsListPrice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	sellers := []Seller{{ID: "s", Name: "Shop"}}
	products := make([]Product, 40)
	for i := range products {
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Wrap Dress " + strconv.Itoa(i),
			Price: money.Money{Amount: int64(1000 + i), Currency: "GBP"}, Availability: InStock,
			Attributes: map[string]string{"color": "Navy"}}
		if i%3 == 0 {
			products[i].Attributes["list_price"] = "£" + strconv.Itoa(20+i) + ".00"
		}
		if g := []string{"", "Female", " male ", "Unisex"}[i%4]; g != "" {
			products[i].Attributes["gender"] = g
		}
		if a := []string{"Adult", "", " kids", "Toddler", ""}[i%5]; a != "" {
			products[i].Attributes["age_group"] = a
		}
	}
	check := func(step string, want int) {
		t.Helper()
		var wrong, sale int
		if err := c.db.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE p.on_sale <> (json_extract(t.attributes, '$.list_price') IS NOT NULL)
				OR p.gender <> coalesce(lower(trim(json_extract(t.attributes, '$.gender'))), '')
				OR p.age <> coalesce(lower(trim(json_extract(t.attributes, '$.age_group'))), '')),
			count(*) FILTER (WHERE p.on_sale = 1)
			FROM products p JOIN product_text t ON t.rowid = p.rowid`).Scan(&wrong, &sale); err != nil {
			t.Fatal(err)
		}
		if wrong != 0 || sale != want {
			t.Errorf("%s: %d products' on_sale, gender or age disagrees with their attributes; %d on sale, want %d", step, wrong, sale, want)
		}
	}
	if _, err := c.Upsert(ctx, sellers, products); err != nil {
		t.Fatal(err)
	}
	check("inserted", 14)
	for i := range products {
		switch i % 6 {
		case 0: // off sale
			delete(products[i].Attributes, "list_price")
		case 1: // on sale
			products[i].Attributes["list_price"] = "£99.00"
		case 2: // a gender changed
			products[i].Attributes["gender"] = "Male"
		case 3: // a gender gone
			delete(products[i].Attributes, "gender")
		case 4: // an age changed or added
			products[i].Attributes["age_group"] = "Infant"
		case 5: // an age gone
			delete(products[i].Attributes, "age_group")
		}
	}
	if _, err := c.Upsert(ctx, sellers, products); err != nil {
		t.Fatal(err)
	}
	check("updated", 14)

	// The schema before 0049: no column, no pending table, the migrations not recorded.
	if _, err := c.db.ExecContext(ctx, `DROP INDEX products_age;
		ALTER TABLE products DROP COLUMN age;
		DROP INDEX products_on_sale;
		ALTER TABLE products DROP COLUMN on_sale;
		DROP INDEX products_gender;
		ALTER TABLE products DROP COLUMN gender;
		DROP TABLE product_flags_pending;
		DELETE FROM catalog_migrations WHERE name IN ('0049_products_on_sale_gender.sql', '0050_products_flags_fill.sql', '0051_products_age.sql', '0053_products_on_sale_index.sql', '0057_products_gender_index.sql')`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	// The fill of 40 products may end before Open returns, so what it filled is
	// recorded as it goes rather than asked of Fill() afterwards.
	flagsFilled := false
	c = openFilled(t, path, fillOptions{step: func(table string, _, _ int64) {
		flagsFilled = flagsFilled || table == FillFlags
	}})
	if !flagsFilled {
		t.Fatal("the migrated catalog filled no on_sale, gender and age")
	}
	check("migrated and filled", 14)
}
