package catalog

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestSalePoolCarriedCases checks the cases of carrying the pool of a word's matches
// on sale across writes (salePoolCarried, by rankedCarry's rule), each on a catalog of
// its own: 40 products titled Tile, in price order by number, every even one on sale,
// Widgets cheaper than them, pools of 8 (so the pool of the 20 tiles on sale holds
// the first 8). After the write, three pages of three of "tile on sale" must be what a
// catalog on the same file that builds its pools afresh returns, an exact total every
// match's, and the pool carried
// (across text or with products put on or off sale ranked in) or built again as the
// case says.
func TestSalePoolCarriedCases(t *testing.T) {
	type edit struct {
		id, title string
		sale      int // 1 put on sale, -1 taken off, 0 as it was
	}
	const (
		built = iota
		flipped
		text
	)
	cases := []struct {
		name  string
		sort  Sort
		edits []edit
		want  int
	}{
		{"a product past the pool put on sale: carried, cut after the pool's last", SortPriceAsc,
			[]edit{{"t31", "", 1}}, flipped},
		{"a product inside the pool's range put on sale: carried, joins it", SortPriceAsc,
			[]edit{{"t3", "", 1}}, flipped},
		{"a product of the pool taken off sale: shorter than a build's, built again", SortPriceAsc,
			[]edit{{"t2", "", -1}}, built},
		{"a product of the pool taken off sale and one inside its range put on: carried", SortPriceAsc,
			[]edit{{"t2", "", -1}, {"t5", "", 1}}, flipped},
		{"a cheap widget renamed a tile and put on sale in one write: carried across text, first", SortPriceAsc,
			[]edit{{"w1", "Tile widget", 1}}, text},
		{"a product on sale past the pool renamed: carried across text", SortPriceAsc,
			[]edit{{"t30", "Tile, glazed", 0}}, text},
		{"a product of the pool renamed away: shorter than a build's, built again", SortPriceAsc,
			[]edit{{"t4", "Widget", 0}}, built},
		{"in relevance order, a product on sale past the pool says the word more often: carried across text", SortRelevance,
			[]edit{{"t20", "Tile tile tile", 0}}, text},
		{"in relevance order, a product put on sale while another says the word more often: carried across text", SortRelevance,
			[]edit{{"t21", "", 1}, {"t22", "Tile tile tile", 0}}, text},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var products []Product
			for i := range 40 {
				attrs := map[string]string{}
				if i%2 == 0 {
					attrs["list_price"] = "$999.00"
				}
				products = append(products, Product{ID: fmt.Sprintf("t%d", i), SellerID: "s", Title: fmt.Sprintf("Tile %d", i),
					Description: "A tile.", Availability: InStock, Price: money.Money{Amount: int64(1000 + 10*i), Currency: "USD"}, Attributes: attrs})
			}
			for i := range 10 {
				products = append(products, Product{ID: fmt.Sprintf("w%d", i), SellerID: "s", Title: fmt.Sprintf("Widget %d", i),
					Description: "A widget.", Availability: InStock, Price: money.Money{Amount: int64(500 + i), Currency: "USD"}})
			}
			c, fresh, path := carriedTwins(t, products, 10, 8, 4, 0)
			q := Query{Text: "tile on sale", Sort: tc.sort, Limit: 3}
			searchPages(t, c, q)
			if st := c.SearchPools(); st.SalePools == 0 {
				t.Fatalf("no pool of matches on sale built: the case needs one")
			}
			var ps []Product
			for _, e := range tc.edits {
				p, err := c.Product(ctx, e.id)
				if err != nil {
					t.Fatal(err)
				}
				if e.title != "" {
					p.Title = e.title
				}
				if e.title == "Widget" {
					p.Description = "A widget."
				}
				p.Attributes = maps.Clone(p.Attributes)
				if p.Attributes == nil {
					p.Attributes = map[string]string{}
				}
				switch e.sale {
				case 1:
					p.Attributes["list_price"] = "$999.00"
				case -1:
					delete(p.Attributes, "list_price")
				}
				ps = append(ps, p)
			}
			if _, err := c.Upsert(ctx, nil, ps); err != nil {
				t.Fatal(err)
			}
			before := c.SearchPools()
			got, gotFirst := searchPages(t, c, q)
			fresh.pools.forget()
			want, _ := searchPages(t, fresh, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pages %v; built afresh %v", got, want)
			}
			// The first page of the catalog building afresh is drawn from the word's
			// pool, whose total is an estimate, until it keeps a pool of the matches
			// on sale: an exact total must be every match's.
			ex, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer ex.Close()
			ex.SetExhaustive()
			_, all := searchPages(t, ex, q)
			if !gotFirst.TotalEstimated && gotFirst.Total != all.Total {
				t.Errorf("total %d; every match ordered: %d", gotFirst.Total, all.Total)
			}
			after := c.SearchPools()
			var did int
			switch {
			case after.SaleText > before.SaleText:
				did = text
			case after.SaleRanked > before.SaleRanked:
				did = flipped
			}
			if did != tc.want {
				t.Errorf("carried %v, want %v (0 built again, 1 with products put on or off sale ranked in, 2 across text)", did, tc.want)
			}
		})
	}
}
