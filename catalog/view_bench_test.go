package catalog_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkImageOrigins times ImageOrigins (every read of an MCP Apps view asks for
// the image hosts its CSP declares) on the generated catalog. "computed" asks with a
// different limit each time, so that the answer is worked out anew, as after every
// change of the catalog, against its floor: reading every product's image URL once,
// which any exact answer must do. "kept" asks again for the same, against its floor:
// reading the one-row version it is kept for.
func BenchmarkImageOrigins(b *testing.B) {
	c, bare := benchCatalog(b)
	ctx := context.Background()
	anyHost := catalog.ImageHosts{Any: true}
	b.Run("computed", func(b *testing.B) { benchOriginsComputed(b, c, bare, anyHost) })
	// "computed, listed" is "computed" under an operator's list of hosts: half of the
	// catalog's (every other one, by name) and 30 it does not use.
	b.Run("computed, listed", func(b *testing.B) {
		all, _, err := c.ImageOrigins(ctx, anyHost, 1000)
		if err != nil {
			b.Fatal(err)
		}
		listed := catalog.ImageHosts{}
		for i, o := range all {
			if i%2 == 0 {
				listed.Allowed = append(listed.Allowed, o)
			}
		}
		for i := range 30 {
			listed.Allowed = append(listed.Allowed, fmt.Sprintf("https://unused-%d.example", i))
		}
		benchOriginsComputed(b, c, bare, listed)
	})
	b.Run("kept", func(b *testing.B) {
		st, err := bare.PrepareContext(ctx, `SELECT text FROM catalog_changes WHERE id = 1`)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		if _, _, err := c.ImageOrigins(ctx, anyHost, 32); err != nil { // kept from here on, untimed
			b.Fatal(err)
		}
		pairedRatio(b, func() error {
			var v int64
			return st.QueryRowContext(ctx).Scan(&v)
		}, func() error {
			_, _, err := c.ImageOrigins(ctx, anyHost, 32)
			return err
		})
	})
}

// benchOriginsComputed times ImageOrigins under hosts worked out anew each call
// against reading every product's image URL once. The catalog is shared by every run
// (-count) and keeps its last answer: it asks for 32 first, untimed, so that the timed
// calls (31, 32, 31, …) never find the kept answer, whatever an earlier run left.
func benchOriginsComputed(b *testing.B, c *catalog.Catalog, bare *sql.DB, hosts catalog.ImageHosts) {
	ctx := context.Background()
	st, err := bare.PrepareContext(ctx, `SELECT image_url FROM product_text`)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	limit := 32
	if _, _, err := c.ImageOrigins(ctx, hosts, limit); err != nil {
		b.Fatal(err)
	}
	pairedRatio(b, func() error {
		rows, err := st.QueryContext(ctx)
		if err != nil {
			return err
		}
		defer rows.Close()
		var u string
		for rows.Next() {
			if err := rows.Scan(&u); err != nil {
				return err
			}
		}
		return rows.Err()
	}, func() error {
		limit = 63 - limit // 32, 31, 32, ...: never the kept answer
		_, _, err := c.ImageOrigins(ctx, hosts, limit)
		return err
	})
}

// BenchmarkVariants times Variants for a product of the largest brand-and-seller in the
// generated catalog (the most rows a family lookup could walk without the group_id
// index of migration 0020),
// against its floor, the Product lookup that get_product makes anyway.
func BenchmarkVariants(b *testing.B) {
	c, bare := benchCatalog(b)
	ctx := context.Background()
	var id string
	var n int
	if err := bare.QueryRowContext(ctx, `SELECT min(id), count(*) FROM products GROUP BY brand_key, seller_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id, &n); err != nil {
		b.Fatal(err)
	}
	p, err := c.Product(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	p.GroupID = "no-such-family" // walks every product of the brand and seller, finds none
	b.Logf("brand %q of seller %q has %d products", p.Brand, p.SellerID, n)
	pairedRatio(b, func() error {
		_, err := c.Product(ctx, id)
		return err
	}, func() error {
		_, err := c.Variants(ctx, p, 12)
		return err
	})
}
