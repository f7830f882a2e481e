package catalog_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// candProduct is a product of the candidate fixture, in stock at seller "shop".
func candProduct(id, brand, category, title string, cents int64, rating float64, reviews int64) catalog.Product {
	return catalog.Product{ID: id, SellerID: "shop", Title: title, Brand: brand, Category: category,
		Price: usd(cents), Stock: qty(5), Rating: rating, ReviewCount: reviews}
}

// openCandidates opens a catalog of running shoes and tea in which three customers
// bought shoe-a and shoe-b together and one bought shoe-a and tea-1 together.
func openCandidates(t *testing.T) *catalog.Catalog {
	t.Helper()
	const shoes, tea = "Apparel > Shoes > Running", "Home > Tea"
	ps := []catalog.Product{
		candProduct("shoe-a", "Alpha", shoes, "Alpha trail runner", 10000, 4.8, 500),
		candProduct("shoe-b", "Alpha", shoes, "Alpha road runner", 8000, 4.2, 50),
		candProduct("shoe-c", "Beta", shoes, "Beta trail runner", 12000, 4.9, 900),
		candProduct("shoe-hidden", "Beta", shoes, "Beta hidden trail runner", 9000, 5, 900),
		candProduct("shoe-oos", "Alpha", shoes, "Alpha sold out trail runner", 9000, 5, 900),
		candProduct("shoe-other", "Alpha", shoes, "Alpha trail runner elsewhere", 9000, 5, 900),
		candProduct("tea-1", "Gamma", tea, "Gamma green tea", 1200, 4.7, 600),
		candProduct("tea-2", "Delta", tea, "Delta trail tea", 900, 3.9, 10),
	}
	ps[3].Hidden = true
	ps[4].Stock = qty(0)
	ps[5].SellerID = "other"
	c := openCatalog(t)
	ctx := context.Background()
	if _, err := c.Upsert(ctx, []catalog.Seller{{ID: "shop", Name: "Shop"}, {ID: "other", Name: "Other"}}, ps); err != nil {
		t.Fatal(err)
	}
	var sales []catalog.Sale
	for range 3 {
		sales = append(sales, catalog.Sale{ProductID: "shoe-a", Quantity: 1}, catalog.Sale{ProductID: "shoe-b", Quantity: 1, AlsoBought: []string{"shoe-a"}})
	}
	sales = append(sales, catalog.Sale{ProductID: "tea-1", Quantity: 1, AlsoBought: []string{"shoe-a"}})
	if err := c.RecordSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	return c
}

// candIDs names refs by product id, through Products.
func candIDs(t *testing.T, c *catalog.Catalog, refs []catalog.Ref) []string {
	t.Helper()
	ps, err := c.Products(context.Background(), refs)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// readRefs returns the refs of the candidates a pool read returned, after checking that
// each is what Load reads for its ref: the reads and Load scan the same columns.
func readRefs(t *testing.T, p *catalog.Pool) func([]catalog.Candidate, error) ([]catalog.Ref, error) {
	return func(cs []catalog.Candidate, err error) ([]catalog.Ref, error) {
		t.Helper()
		if err != nil {
			return nil, err
		}
		refs := make([]catalog.Ref, len(cs))
		for i, c := range cs {
			refs[i] = c.Ref
		}
		loaded, err := p.Load(context.Background(), refs)
		if err != nil {
			return nil, err
		}
		byRef := map[catalog.Ref]catalog.Candidate{}
		for _, l := range loaded {
			byRef[l.Ref] = l
		}
		for _, c := range cs {
			if byRef[c.Ref] != c {
				t.Errorf("read %+v, Load reads %+v", c, byRef[c.Ref])
			}
		}
		return refs, nil
	}
}

// TestPoolReads checks the contract of each read of a Pool: only visible, in-stock
// products that pass the filter, in the stated order.
func TestPoolReads(t *testing.T) {
	c := openCandidates(t)
	ctx := context.Background()
	shoes, err := c.CategoriesNamed(ctx, []string{"apparel > shoes > running"})
	if err != nil || len(shoes) != 1 {
		t.Fatalf("CategoriesNamed = %v, %v; want one id", shoes, err)
	}
	tests := []struct {
		name   string
		filter catalog.PoolFilter
		read   func(*catalog.Pool) ([]catalog.Ref, error)
		want   []string
	}{
		{"in category, best quality first", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.InCategory(ctx, shoes[0], 10)) }, []string{"shoe-other", "shoe-c", "shoe-a", "shoe-b"}},
		{"in category, n", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.InCategory(ctx, shoes[0], 1)) }, []string{"shoe-other"}},
		{"without a seller", catalog.PoolFilter{ExcludeSellers: []string{"other"}},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.InCategory(ctx, shoes[0], 10)) }, []string{"shoe-c", "shoe-a", "shoe-b"}},
		{"without a brand, any case", catalog.PoolFilter{ExcludeBrands: []string{"alpha"}},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.InCategory(ctx, shoes[0], 10)) }, []string{"shoe-c"}},
		{"in a price range", catalog.PoolFilter{MinPrice: amount(85), MaxPrice: amount(100)},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.InCategory(ctx, shoes[0], 10)) }, []string{"shoe-other", "shoe-a"}},
		{"of a brand", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) {
				return readRefs(t, p)(p.OfBrand(ctx, catalog.BrandKey(" ALPHA "), 10))
			}, []string{"shoe-other", "shoe-a", "shoe-b"}},
		{"best sellers", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.BestSellers(ctx, 10)) }, []string{"shoe-a", "shoe-b", "tea-1"}},
		{"best sellers in a category", catalog.PoolFilter{Category: "tea"},
			func(p *catalog.Pool) ([]catalog.Ref, error) { return readRefs(t, p)(p.BestSellers(ctx, 10)) }, []string{"tea-1"}},
		{"text matches", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) {
				return p.Matches(ctx, catalog.MatchAll(catalog.Words("the trail runner")), 10)
			}, []string{"shoe-a", "shoe-c", "shoe-other"}},
		{"top rated", catalog.PoolFilter{},
			func(p *catalog.Pool) ([]catalog.Ref, error) {
				tops, err := p.TopRated(ctx, 3)
				for _, r := range tops {
					if r.Category == 0 {
						t.Errorf("top rated %v has no category", r.Ref)
					}
				}
				return readRefs(t, p)(tops, err)
			}, []string{"shoe-other", "shoe-c", "shoe-a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, note, err := c.Pool(ctx, tc.filter)
			if err != nil || note != "" {
				t.Fatalf("Pool: %q, %v", note, err)
			}
			refs, err := tc.read(p)
			if err != nil {
				t.Fatal(err)
			}
			got := candIDs(t, c, refs)
			if tc.name == "text matches" {
				slices.Sort(got) // relevance ties are not part of the contract
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if p, note, err := c.Pool(ctx, catalog.PoolFilter{Category: "Garden"}); p != nil || err != nil || !strings.Contains(note, "No category matches") {
		t.Errorf("a pool of an unknown category: %v, %q, %v; want nil and a note", p, note, err)
	}
}

// TestCandidateReads checks the reads that are not bound to a pool, and Load.
func TestCandidateReads(t *testing.T) {
	c := openCandidates(t)
	ctx := context.Background()
	sales, err := c.SalesOf(ctx, []string{"shoe-a", "shoe-b", "tea-2", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(sales)); !slices.Equal(got, []string{"shoe-a", "shoe-b", "tea-2"}) {
		t.Errorf("SalesOf has %v, want the three known ids", got)
	}
	if s := sales["shoe-a"]; s.Orders != 3 || s.Buyers != 3 || sales["tea-2"].Orders != 0 || sales["tea-2"].Buyers != 0 {
		t.Errorf("SalesOf = %+v; want shoe-a in 3 orders by 3 buyers, tea-2 in none", sales)
	}
	if sales["shoe-a"].Head != "runner" || sales["tea-2"].Head != "tea" {
		t.Errorf("SalesOf heads: shoe-a %q, tea-2 %q; want the titles' head nouns runner and tea", sales["shoe-a"].Head, sales["tea-2"].Head)
	}
	a, b := sales["shoe-a"].Ref, sales["shoe-b"].Ref
	if p, _, err := c.Pool(ctx, catalog.PoolFilter{}); err != nil {
		t.Fatal(err)
	} else if ls, err := p.Load(ctx, []catalog.Ref{a, sales["tea-2"].Ref}); err != nil || len(ls) != 2 {
		t.Fatalf("Load(shoe-a, tea-2) = %+v, %v", ls, err)
	} else {
		for _, l := range ls {
			if want := map[string]string{"shoe-a": "runner", "tea-2": "tea"}[l.ID]; l.Head != want {
				t.Errorf("Load: %s has head %q, want %q (the type the catalog infers from its title)", l.ID, l.Head, want)
			}
		}
	}
	co, err := c.CoPurchased(ctx, a, 3, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []catalog.CoPurchase{{Ref: b, Customers: 3, Orders: 3, Buyers: 3}}; !slices.Equal(co, want) {
		t.Errorf("CoPurchased(shoe-a, at least 3 customers) = %+v, want %+v (tea-1 was bought with it once)", co, want)
	}
	if co, _ := c.CoPurchased(ctx, a, 1, 10); len(co) != 2 {
		t.Errorf("CoPurchased(shoe-a, at least 1 customer) = %+v, want shoe-b and tea-1", co)
	}

	trail := catalog.MatchWord(catalog.Words("trail tea"), 0) // "trail", not a prefix
	if n, err := c.CountMatches(ctx, trail, 100); err != nil || n != 6 {
		t.Errorf("CountMatches(trail) = %d, %v; want 6, hidden and sold-out products too", n, err)
	}
	if n, _ := c.CountMatches(ctx, trail, 2); n != 2 {
		t.Errorf("CountMatches(trail, up to 2) = %d, want 2", n)
	}
	set, err := c.MatchSet(ctx, catalog.Or(trail, catalog.MatchWord(catalog.Words("trail green"), 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(set) != 7 || !slices.IsSorted(set) {
		t.Errorf("MatchSet(trail OR green) = %v, want 7 refs, sorted", set)
	}
	among, err := c.MatchesAmong(ctx, catalog.MatchAny(catalog.Words("green road")), []catalog.Ref{a, b, sales["tea-2"].Ref})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(among, []catalog.Ref{b}) {
		t.Errorf("MatchesAmong(green OR road) = %v, want shoe-b only", among)
	}

	p, _, err := c.Pool(ctx, catalog.PoolFilter{ExcludeBrands: []string{"Gamma"}})
	if err != nil {
		t.Fatal(err)
	}
	all := append(slices.Clone(set), b) // shoe-b has no "trail"
	loaded, err := p.Load(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range loaded {
		ids = append(ids, l.ID)
		if l.ID == "shoe-a" && (l.Ref != a || l.BrandKey != "alpha" || l.Amount != 10000 || l.Exp != 2 || l.Orders != 3 || l.Category == 0) {
			t.Errorf("Load(shoe-a) = %+v", l)
		}
	}
	slices.Sort(ids)
	if want := []string{"shoe-a", "shoe-b", "shoe-c", "shoe-other", "tea-2"}; !slices.Equal(ids, want) {
		t.Errorf("Load = %v, want %v (not hidden, sold out or of Gamma)", ids, want)
	}

	if got := candIDs(t, c, []catalog.Ref{b, 1 << 40, a}); !slices.Equal(got, []string{"shoe-b", "shoe-a"}) {
		t.Errorf("Products = %v, want shoe-b, shoe-a (in order, the unknown ref left out)", got)
	}
	titles, err := c.Titles(ctx, []string{"tea-1", "nope"})
	if err != nil || len(titles) != 1 || titles["tea-1"] != "Gamma green tea" {
		t.Errorf("Titles = %v, %v", titles, err)
	}
	matching, err := c.CategoriesMatching(ctx, "SHOES")
	if err != nil || len(matching) != 1 {
		t.Errorf("CategoriesMatching(SHOES) = %v, %v; want the running shoes", matching, err)
	}
	paths, err := c.CategoryPaths(ctx, slices.Values(matching))
	if err != nil || paths[matching[0]] != "Apparel > Shoes > Running" {
		t.Errorf("CategoryPaths = %v, %v", paths, err)
	}
}
