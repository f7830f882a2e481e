package catalog

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

// familyPoolCatalog is poolCatalog with families: every product but each fifth gets
// the group id of its run of twelve, so that a group id spans four brands (poolCatalog
// cycles them), making four families of about two matches each, and the rest stand
// alone. It returns each product's family key ("" for none).
func familyPoolCatalog(t *testing.T) (*Catalog, map[string]string) {
	t.Helper()
	ctx := context.Background()
	c := poolCatalog(t)
	var ps []Product
	family := map[string]string{}
	for i := range 1200 {
		p, err := c.Product(ctx, "p"+strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		if i%5 != 0 {
			p.GroupID = "g" + strconv.Itoa(i/12)
			family[p.ID] = familyKey(p.GroupID, p.SellerID, BrandKey(p.Brand))
		}
		ps = append(ps, p)
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	return c, family
}

// walk returns the ids of every page of q, following its cursors, and the first
// page's result.
func walk(t *testing.T, c *Catalog, q Query) ([]string, Result) {
	t.Helper()
	var (
		ids   []string
		first Result
	)
	for page := 0; ; page++ {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if page == 0 {
			first = res
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if q.Cursor = res.NextCursor; q.Cursor == "" || page > 400 {
			return ids, first
		}
	}
}

// TestFamilyPages checks that paging through a search's families, one result each,
// lists each family once and skips none: the pages are the families of the search's
// every-variant order, each by its first product, whether the matches are ranked in
// full or served from a pool that holds them all, read whole or a few at a time (which
// makes run read further for the families of deeper pages), and the first pages of
// a pool smaller than the match set (whose total is then estimated); that the total
// counts the families when it is not estimated; and that a product's Variants counts
// the other matches of its family.
func TestFamilyPages(t *testing.T) {
	c, family := familyPoolCatalog(t)
	queries := poolTextQueries()
	for _, tc := range []struct {
		name                          string
		exact, poolSize, chunk, pages int
	}{{"ranked in full", 1 << 30, 0, -1, 0}, {"pool holds every match", 10, 5000, 0, 0},
		{"pool holds every match, read 20 at a time", 10, 5000, 20, 0},
		{"pool holds the best 150, read 60 at a time", 10, 150, 60, 3}} {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range queries {
				q.Limit = 9
				c.pools.forget()
				c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
				every := q
				every.EveryVariant = true
				all, _ := walk(t, c, every)
				var (
					want   []string
					others = map[string]int{}
					head   = map[string]string{}
				)
				for _, id := range all {
					k := family[id]
					if h, ok := head[k]; ok && k != "" {
						others[h]++
						continue
					}
					head[k] = id
					want = append(want, id)
				}
				c.exactUpTo, c.poolSize, c.poolChunk = tc.exact, tc.poolSize, tc.chunk
				got, first := walk(t, c, q)
				families := len(want)
				if tc.pages > 0 {
					// Pages drawn from a pool smaller than the match set follow the
					// order of a ranking in full only within the pool (as every-variant
					// pages do): the first pages.
					got, want = got[:min(len(got), tc.pages*q.Limit)], want[:min(len(want), tc.pages*q.Limit)]
				}
				if !slices.Equal(got, want) {
					t.Errorf("%+v: families paged\n%v\nwant the first of each family in every-variant order\n%v", q, got, want)
				}
				if !first.TotalEstimated && first.Total != families {
					t.Errorf("%+v: total %d, want %d families", q, first.Total, families)
				}
				for _, h := range first.Hits {
					n := 0
					if h.Variants != nil {
						n = h.Variants.Others
					}
					if n != others[h.ID] && !first.TotalEstimated {
						t.Errorf("%+v: %s has %d other matches of its family, want %d", q, h.ID, n, others[h.ID])
					}
				}
			}
		})
	}
}

func TestGroupMatches(t *testing.T) {
	ms := func(rowids ...int64) []match {
		out := make([]match, len(rowids))
		for i, r := range rowids {
			out[i].rowid = r
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		ms     []match
		keys   map[int64]string
		heads  []int
		others map[int][]int
	}{
		{"no keys", ms(1, 2, 3), nil, []int{0, 1, 2}, map[int][]int{}},
		{"one key", ms(1, 2, 3), map[int64]string{2: "a"}, []int{0, 1, 2}, map[int][]int{}},
		{"families of one each", ms(1, 2, 3), map[int64]string{1: "a", 2: "b"}, []int{0, 1, 2}, map[int][]int{}},
		{"a family across the list", ms(1, 2, 3, 4), map[int64]string{1: "a", 3: "b", 4: "a"},
			[]int{0, 1, 2}, map[int][]int{0: {3}}},
		{"two families interleaved", ms(5, 6, 7, 8, 9), map[int64]string{5: "a", 6: "b", 7: "a", 8: "b", 9: "b"},
			[]int{0, 1}, map[int][]int{0: {2}, 1: {3, 4}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := groupMatches(tc.ms, tc.keys)
			if !slices.Equal(f.heads, tc.heads) || !reflect.DeepEqual(f.others, tc.others) || f.grouped() != (len(tc.others) > 0) {
				t.Fatalf("grouped into %+v, want heads %v others %v", f, tc.heads, tc.others)
			}
		})
	}
}

func TestOptionValues(t *testing.T) {
	type attrs = map[string]string
	for _, tc := range []struct {
		name   string
		attrs  []attrs
		titles []string
		values []string
		more   int
	}{
		{"colours", []attrs{{"color": "Natural"}, {"color": "Sunburst"}, {"color": "Black"}},
			[]string{"Guitar - Natural", "Guitar - Sunburst", "Guitar - Black"}, []string{"Sunburst", "Black"}, 0},
		{"more than three, repeats named once", []attrs{{"color": "Red"}, {"color": "Blue"}, {"color": "blue"}, {"color": "Green"}, {"color": "Pink"}, {"color": "Grey"}},
			nil, []string{"Blue", "Green", "Pink"}, 1},
		{"two options: the values the shown one lacks", []attrs{{"color": "Red", "size": "M"}, {"color": "Red", "size": "L"}, {"color": "Blue", "size": "M"}},
			nil, []string{"L", "Blue"}, 0},
		{"an attribute not all have is no option (list price)", []attrs{{"color": "Red", "list_price": "$30"}, {"color": "Blue"}},
			nil, []string{"Blue"}, 0},
		{"identifiers are no option", []attrs{{"mpn": "A1", "color": "Red"}, {"mpn": "A2", "color": "Red"}},
			[]string{"Tee", "Tee"}, nil, 0},
		{"no option: the ends of the titles", []attrs{{}, {}, {}},
			[]string{"Slinky Strings, 10-46 - Single Set", "Slinky Strings, 10-46 - 3-Pack", "Slinky Strings, 10-46 - 10-Pack"}, []string{"3-Pack", "10-Pack"}, 0},
		{"no option, titles unalike", []attrs{nil, nil}, []string{"Red Tee", "Blue Tee"}, nil, 0},
		{"a long value is counted, not named", []attrs{{"style": "A"}, {"style": "a style whose name is far longer than forty characters"}},
			nil, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			titles := tc.titles
			if titles == nil {
				titles = make([]string, len(tc.attrs))
			}
			values, more := optionValues(tc.attrs, titles)
			if !slices.Equal(values, tc.values) || more != tc.more {
				t.Errorf("optionValues = %q, %d; want %q, %d", values, more, tc.values, tc.more)
			}
		})
	}
}

// TestVariantLabels: each other variant of a product is named by its own option
// values, every option (colour and size) and not only those the product lacks, or by
// the end of its title when no attribute tells them apart (a new user's kitchen shop:
// get_product of a casserole in Cerise could not say it also came in blue).
func TestVariantLabels(t *testing.T) {
	type attrs = map[string]string
	pr := func(title string, a attrs) Product { return Product{Title: title, Attributes: a} }
	for _, tc := range []struct {
		name string
		p    Product
		vs   []Product
		want []string
	}{
		{"colours", pr("Casserole - Cerise", attrs{"color": "Cerise", "capacity": "5.3 qt"}),
			[]Product{pr("Casserole - Marseille", attrs{"color": "Marseille", "capacity": "5.3 qt"}), pr("Casserole - Flame", attrs{"color": "Flame", "capacity": "5.3 qt"})},
			[]string{"Marseille", "Flame"}},
		{"two options, both named", pr("Tee", attrs{"color": "Red", "size": "M"}),
			[]Product{pr("Tee", attrs{"color": "Red", "size": "L"}), pr("Tee", attrs{"color": "Blue", "size": "M"})},
			[]string{"Red / L", "Blue / M"}},
		{"identifiers and prices are no option", pr("Mug", attrs{"mpn": "A1", "color": "Red", "list_price": "$9"}),
			[]Product{pr("Mug", attrs{"mpn": "A2", "color": "Blue", "list_price": "$12"})},
			[]string{"Blue"}},
		{"no option: the ends of the titles", pr("Slinky Strings, 10-46 - Single Set", nil),
			[]Product{pr("Slinky Strings, 10-46 - 3-Pack", nil)},
			[]string{"3-Pack"}},
		{"nothing tells them apart", pr("Red Tee", nil), []Product{pr("Blue Tee", nil)}, []string{""}},
		{"no others", pr("Tee", nil), nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := VariantLabels(tc.p, tc.vs); !slices.Equal(got, tc.want) {
				t.Errorf("VariantLabels = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestVariantOptions: a product's own values of its family's options, by name; none
// without others or without an attribute that tells them apart.
func TestVariantOptions(t *testing.T) {
	type attrs = map[string]string
	pr := func(a attrs) Product { return Product{Title: "Ghost 15 Running Shoe", Attributes: a} }
	for _, tc := range []struct {
		name string
		p    Product
		vs   []Product
		want []VariantOption
	}{
		{"size and width", pr(attrs{"size": "10", "width": "Wide", "color": "Black"}),
			[]Product{pr(attrs{"size": "10", "width": "Medium", "color": "Black"}), pr(attrs{"size": "9", "width": "Wide", "color": "Black"})},
			[]VariantOption{{"size", "10"}, {"width", "Wide"}}},
		{"identifiers are no option", pr(attrs{"mpn": "A1", "color": "Red"}), []Product{pr(attrs{"mpn": "A2", "color": "Blue"})},
			[]VariantOption{{"color", "Red"}}},
		{"nothing tells them apart", pr(attrs{"color": "Red"}), []Product{pr(attrs{"color": "red"})}, nil},
		{"no others", pr(attrs{"color": "Red"}), nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := VariantOptions(tc.p, tc.vs); !slices.Equal(got, tc.want) {
				t.Errorf("VariantOptions = %+v, want %+v", got, tc.want)
			}
		})
	}
}
