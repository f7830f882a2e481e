package catalog

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// wordSetCatalog is poolCatalog's words with gender and age marks: titles that say
// Men's, Women's, Girls', Boys', Kids' or Unisex, or nothing, and the attributes gender
// and age_group on some products whether their titles say it or not (so the catalog
// marks age, and attribute and title disagree on some).
func wordSetCatalog(t *testing.T, products []Product) *Catalog {
	t.Helper()
	c := openTest(t)
	if _, err := c.Upsert(context.Background(), []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	return c
}

// wordSetProducts are wordSetCatalog's n products.
func wordSetProducts(n int) []Product {
	words := []string{"lantern", "brass", "camping", "classic", "lamp", "steel", "red", "travel"}
	marks := []string{"", "Men's ", "Women's ", "", "Girls' ", "Boys' ", "Kids ", "Unisex ", "Ladies "}
	genders := []string{"", "", "male", "female", "unisex"}
	ages := []string{"", "", "", "adult", "kids", "toddler"}
	products := make([]Product, n)
	for i := range products {
		stock := int64(i % 5)
		attrs := map[string]string{}
		if g := genders[i%len(genders)]; g != "" {
			attrs["gender"] = g
		}
		if a := ages[(i/3)%len(ages)]; a != "" {
			attrs["age_group"] = a
		}
		if i%7 == 0 {
			attrs["color"] = "Red"
		}
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s",
			Title:        fmt.Sprintf("%s%s %s %s %d", marks[(i/2)%len(marks)], words[i%8], words[(i/8)%8], words[(i*7/3)%8], i),
			Category:     []string{"Lights", "Lights > Camping", "Home", "Kids > Lights", "Mens > Camping"}[i%5],
			Description:  fmt.Sprintf("A %s for %s trips.", words[(i*5)%8], words[(i/3)%8]),
			Availability: InStock, Stock: &stock, Price: money.Money{Amount: int64(500 + (i*37)%9000), Currency: "USD"},
			Rating: float64(i%11) / 2, ReviewCount: int64(i % 13), Hidden: i%17 == 0, Attributes: attrs}
	}
	return products
}

// TestWordSetsFilterAsFullText checks that searches with a gender or kids' word, served
// from pools read a chunk at a time (where the filters read the word sets kept in
// memory, filterFor), return the pages, totals and facets that ranking every match
// (where they read the full-text query) returns: for each gender and age word, with
// other filters, sorts, a cheap price and deep pages; again after a write changes
// which titles say a gender (the sets of the old text are not used); and that the sets
// were used.
func TestWordSetsFilterAsFullText(t *testing.T) {
	ctx := context.Background()
	products := wordSetProducts(1500)
	c := wordSetCatalog(t, products)
	max := func(v float64) *float64 { return &v }
	queries := []Query{
		{Text: "womens lantern"}, {Text: "mens lantern", InStock: true}, {Text: "ladies brass lamp"},
		{Text: "girls lantern"}, {Text: "boys camping", InStock: true}, {Text: "kids lantern"},
		{Text: "kids cam"}, {Text: "womens lantern", Sort: SortPriceAsc}, {Text: "mens steel", MaxPrice: max(40)},
		{Text: "cheap womens lantern"}, {Text: "kids lantern", Limit: 7}, {Text: "girls red", Category: "lights"},
		{Text: "mens lantern"}, // asked twice: the second reads the sets kept
	}
	// search returns q's first three pages and first result: with every match
	// ranked (exhaustive), or from pools of 300 read 40 at a time, with the word
	// sets or with the full-text query in every statement (sets false).
	search := func(q Query, exhaustive, sets bool) ([][]string, Result) {
		c.pools.mu.Lock()
		c.pools.byKey, c.pools.few, c.pools.kept = nil, nil, nil // each mode builds its own
		c.pools.mu.Unlock()
		c.exactUpTo, c.poolSize, c.poolChunk, c.wordSetsOff = 10, 300, 40, !sets
		if exhaustive {
			c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
		}
		pages, first := searchPages(t, c, q)
		if !exhaustive {
			// Asked again: drawn from the pools and orders kept.
			again, res := searchPages(t, c, q)
			if !reflect.DeepEqual(again, pages) || !reflect.DeepEqual(res, first) {
				t.Errorf("%+v asked again (sets %v): %v, first %v", q, sets, again, pages)
			}
		}
		return pages, first
	}
	check := func(when string) {
		t.Helper()
		asFull := 0
		for _, q := range queries {
			want, full := search(q, true, false)
			plain, plainFirst := search(q, false, false)
			got, first := search(q, false, true)
			if len(want) == 0 || len(want[0]) == 0 {
				t.Errorf("%s: %+v finds nothing; the test needs matches", when, q)
			}
			if !reflect.DeepEqual(got, plain) || !reflect.DeepEqual(first, plainFirst) {
				t.Errorf("%s: %+v: pages\n%v\ntotal %d (estimated %v), facets %+v\nwith the full-text query\n%v\ntotal %d (estimated %v), facets %+v",
					when, q, got, first.Total, first.TotalEstimated, first.Facets, plain, plainFirst.Total, plainFirst.TotalEstimated, plainFirst.Facets)
			}
			if reflect.DeepEqual(got[0], want[0]) && (first.TotalEstimated || first.Total == full.Total) {
				asFull++
			}
		}
		// Pools give the first page of ranking every match, unless reranking a pool's
		// window or a cheap price reads other matches (as without the sets).
		if asFull < len(queries)*3/4 {
			t.Errorf("%s: %d of %d first pages as ranking every match gives", when, asFull, len(queries))
		}
		c.wordSets.mu.Lock()
		n, cols := len(c.wordSets.byExpr), 0
		for key := range c.wordSets.byExpr {
			if strings.Contains(key, "\x00") {
				cols++
			}
		}
		c.wordSets.mu.Unlock()
		if n-cols < 4 || cols < 4 {
			t.Errorf("%s: %d word sets and %d column sets kept, want those of both genders' and the age's words and values", when, n-cols, cols)
		}
	}
	check("as imported")
	// A write: unmarked titles now say Men's, and Women's ones say nothing.
	var changed []Product
	for i := 0; i < len(products); i += 9 {
		p := products[i]
		p.Title = "Men's " + p.Title
		changed = append(changed, p)
	}
	for i := 4; i < len(products); i += 18 {
		p := products[i]
		p.Title, p.Attributes = "Plain "+strconv.Itoa(i)+" lantern", nil
		changed = append(changed, p)
	}
	if _, err := c.Upsert(ctx, nil, changed); err != nil {
		t.Fatal(err)
	}
	check("after a write")
}

// TestColSetsAsColumns holds the sets of a colSet (the products whose gender or age
// column has one of its values, read through the columns' partial indexes, or every
// other rowid when "" is among the values) equal to the column they are read from:
// for every product, in the set exactly when `column IN (values)` holds in SQL, for
// each set the gender and age filters use, as imported and after a write that
// changes and removes attributes (the sets of the old text version are not used).
func TestColSetsAsColumns(t *testing.T) {
	ctx := context.Background()
	products := wordSetProducts(600)
	c := wordSetCatalog(t, products)
	// The sets every gender and age filter uses, and one with a value no product has.
	sets := []colSet{newColSet("age", []string{"kids", "nobody has this"})}
	for _, q := range []Query{{gender: "women"}, {gender: "men"}, {age: "kids"}, {age: "girls"}, {age: "boys"}} {
		f, _, err := c.filters(ctx, q, onKeys)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range f.args {
			if cs, ok := a.(colSet); ok && !slices.ContainsFunc(sets, func(o colSet) bool { return o.key() == cs.key() }) {
				sets = append(sets, cs)
			}
		}
	}
	if len(sets) < 5 {
		t.Fatalf("%d sets, want the gender filters' and the age filter's", len(sets))
	}
	check := func(when string) {
		t.Helper()
		lv, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s := &search{c: c, learned: lv}
		for _, cs := range sets {
			set, err := s.colSet(ctx, cs)
			if err != nil {
				t.Fatal(err)
			}
			values, _ := cs.Value()
			rows, err := c.query(ctx, `SELECT rowid, `+cs.column+` IN (SELECT value FROM json_each(?)) FROM products`, values)
			if err != nil {
				t.Fatal(err)
			}
			n, in := 0, 0
			for rows.Next() {
				var rowid int64
				var want bool
				if err := rows.Scan(&rowid, &want); err != nil {
					t.Fatal(err)
				}
				if inSet(set, rowid) != want {
					t.Errorf("%s: %s %q: product %d in the set %v, in SQL %v", when, cs.column, cs.values, rowid, inSet(set, rowid), want)
				}
				n++
				if want {
					in++
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
			if in == 0 || in == n {
				t.Errorf("%s: %s %q holds %d of %d products; the test needs some in and some out", when, cs.column, cs.values, in, n)
			}
		}
	}
	check("as imported")
	var changed []Product
	for i := 0; i < len(products); i += 7 {
		p := products[i]
		p.Attributes = map[string]string{"gender": "Female", "age_group": "adult"}
		if i%2 == 0 {
			p.Attributes = nil
		}
		changed = append(changed, p)
	}
	if _, err := c.Upsert(ctx, nil, changed); err != nil {
		t.Fatal(err)
	}
	check("after a write")
}
