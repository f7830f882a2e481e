package tools

import (
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

func TestSearchProducts(t *testing.T) {
	c, logs := newTestClient(t)
	tests := []struct {
		name      string
		args      map[string]any
		wantError string // substring of the error text; "" means success
		check     func(t *testing.T, r searchProductsResult)
	}{
		{name: "stemming", args: map[string]any{"query": "shoe"}, check: func(t *testing.T, r searchProductsResult) {
			if r.Total == 0 || len(r.Products) == 0 {
				t.Fatal("no results for shoe")
			}
			for _, p := range r.Products {
				if p.ID == "" || p.Price.Display == "" || p.Seller.Name == "" || p.Availability != "in_stock" {
					t.Errorf("incomplete or unavailable product: %+v", p)
				}
			}
		}},
		{name: "browse", args: map[string]any{}, check: func(t *testing.T, r searchProductsResult) {
			if r.Total < 300 || len(r.Products) != 10 || r.NextCursor == "" {
				t.Errorf("browse: total %d, %d products, cursor %q", r.Total, len(r.Products), r.NextCursor)
			}
			if len(r.Facets.Categories) == 0 || len(r.Facets.Brands) == 0 || len(r.Facets.Prices) == 0 {
				t.Errorf("facets missing: %+v", r.Facets)
			}
			for _, b := range r.Facets.Prices {
				if want := "$" + money.Thousands(strconv.FormatInt(b.Min, 10)) + ".00"; !strings.HasPrefix(b.Label, want) {
					t.Errorf("price facet %+v: label does not start with %q", b, want)
				}
			}
		}},
		{name: "filters and sort", args: map[string]any{"query": "coffee", "max_price": 50, "sort": "price_desc", "limit": 5}, check: func(t *testing.T, r searchProductsResult) {
			last := int64(1 << 62)
			for _, p := range r.Products {
				if p.Price.Amount > 5000 || p.Price.Amount > last {
					t.Errorf("price %d breaks max_price 50 or price_desc order", p.Price.Amount)
				}
				last = p.Price.Amount
			}
		}},
		{name: "in_stock false includes out of stock", args: map[string]any{"in_stock": false, "limit": 50, "sort": "price_asc"}, check: func(t *testing.T, r searchProductsResult) {
			if r.Total <= 300 {
				t.Errorf("total %d: out-of-stock products should be included", r.Total)
			}
		}},
		{name: "misspelled", args: map[string]any{"query": "coffe grindr"}, check: func(t *testing.T, r searchProductsResult) {
			if r.Corrected == "" || r.Total == 0 || r.Relaxed {
				t.Errorf("corrected %q, total %d, relaxed %v: want corrected results matching every word", r.Corrected, r.Total, r.Relaxed)
			}
		}},
		{name: "hostile query", args: map[string]any{"query": `"NEAR( shoe* -sock) AND OR '; DROP TABLE products; --`}},
		{name: "no searchable words", args: map[string]any{"query": "👟 *** ((("}, check: func(t *testing.T, r searchProductsResult) {
			if len(r.Notes) == 0 {
				t.Error("expected a note explaining the query had no words")
			}
		}},
		// Words products have, kept out by the filters: searching them again would find
		// nothing again, so they are not offered as words to search for instead.
		{name: "words products have, filtered out", args: map[string]any{"query": "kettle", "max_price": 0.5}, check: filteredOut},
		{name: "two words products have, filtered out", args: map[string]any{"query": "coffee grinder", "max_price": 0.5}, check: filteredOut},
		{name: "words in no one product, no filter", args: map[string]any{"query": "kettle lamp blue", "in_stock": false}, check: notFilteredOut},
		{name: "cheapest orders by price", args: map[string]any{"query": "cheapest coffee grinder", "detail": "brief"}, check: func(t *testing.T, r searchProductsResult) {
			if len(r.AppliedFilters) != 1 || r.AppliedFilters[0] != (appliedFilter{Filter: "sort", Value: "price_asc", Phrase: "cheapest", TypeFirst: true}) || r.Searched != "coffee grinder" {
				t.Fatalf("applied_filters %+v, searched %q: want sort price_asc from \"cheapest\" and the words coffee grinder", r.AppliedFilters, r.Searched)
			}
			if want := `"cheapest" was read as sort=price_asc: results are ordered lowest price first, the products of the type asked for before accessories and other matches.`; !strings.Contains(r.text(), want) {
				t.Errorf("text %q, want it to say %q", r.text(), want)
			}
			last := int64(-1)
			for _, p := range r.Products {
				if !strings.Contains(strings.ToLower(p.Title), "grinder") {
					break
				}
				if p.Price.Amount < last {
					t.Errorf("%s at %d after %d: not lowest price first", p.Title, p.Price.Amount, last)
				}
				last = p.Price.Amount
			}
			if last < 0 {
				t.Errorf("no grinder first: %+v", r.Products)
			}
		}},
		{name: "the sort argument wins over cheapest", args: map[string]any{"query": "cheapest coffee grinder", "sort": "rating", "detail": "brief"}, check: func(t *testing.T, r searchProductsResult) {
			if len(r.AppliedFilters) != 1 || !r.AppliedFilters[0].Overridden || !strings.Contains(r.text(), "the sort argument was used instead") {
				t.Errorf("applied_filters %+v, text %q: want the phrase overridden, and said so", r.AppliedFilters, r.text())
			}
		}},
		{name: "newest is said to be unsupported", args: map[string]any{"query": "newest coffee grinder", "detail": "brief"}, check: func(t *testing.T, r searchProductsResult) {
			if len(r.AppliedFilters) != 1 || !r.AppliedFilters[0].Unsupported || r.Searched != "coffee grinder" ||
				!strings.Contains(r.text(), "does not know when products came out") {
				t.Errorf("applied_filters %+v, searched %q, text %q: want newest read, unsupported, and said so", r.AppliedFilters, r.Searched, r.text())
			}
		}},
		{name: "a colour word keeps that colour", args: map[string]any{"query": "coral running shoes", "detail": "full"}, check: func(t *testing.T, r searchProductsResult) {
			if len(r.AppliedFilters) != 1 || r.AppliedFilters[0] != (appliedFilter{Filter: "color", Value: "coral", Phrase: "coral"}) {
				t.Fatalf("applied_filters %+v: want color coral", r.AppliedFilters)
			}
			if want := `"coral" was read as color=coral: only products whose color is coral, or whose text says coral, are shown.`; !strings.Contains(r.text(), want) {
				t.Errorf("text %q, want it to say %q", r.text(), want)
			}
			if len(r.Products) == 0 {
				t.Fatal("no coral shoes")
			}
			for _, p := range r.Products {
				all := strings.ToLower(p.Title + " " + p.Description + " " + p.Attributes["color"])
				if !strings.Contains(all, "coral") {
					t.Errorf("%s (%v) is not coral", p.Title, p.Attributes)
				}
			}
		}},
		{name: "brand spelled otherwise", args: map[string]any{"brand": "kettle and crane", "limit": 50}, check: allOfBrand("Kettle & Crane")},
		{name: "brand joined, without its punctuation", args: map[string]any{"brand": "tamaracktrailco", "limit": 50}, check: allOfBrand("Tamarack Trail Co.")},
		{name: "brand no spelling names", args: map[string]any{"brand": "Kettel & Crane"}, check: func(t *testing.T, r searchProductsResult) {
			if r.Total != 0 || !strings.Contains(r.text(), `No brand is called "Kettel & Crane".`) {
				t.Errorf("total %d, text %q: want nothing and a note naming the brand", r.Total, r.text())
			}
		}},
		{name: "wrong type", args: map[string]any{"limit": "ten"}, wantError: "limit must be a whole number"},
		{name: "unknown argument", args: map[string]any{"colour": "red"}, wantError: `unknown argument "colour"`},
		{name: "limit too big", args: map[string]any{"limit": 51}, wantError: "limit must be between 1 and 50"},
		{name: "limit zero", args: map[string]any{"limit": 0}, wantError: "limit must be between 1 and 50"},
		{name: "query too long", args: map[string]any{"query": strings.Repeat("shoe ", 101)}, wantError: "query is 505 characters long; at most 500"},
		{name: "limit not whole", args: map[string]any{"limit": 2.5}, wantError: "limit must be a whole number"},
		{name: "bad sort", args: map[string]any{"sort": "cheapest"}, wantError: "sort must be one of"},
		{name: "price range inverted", args: map[string]any{"min_price": 50, "max_price": 10}, wantError: "min_price is above max_price"},
		{name: "bad cursor", args: map[string]any{"cursor": "nonsense"}, wantError: "cursor"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r searchProductsResult
			res := call(t, c, "search_products", tc.args, &r)
			if tc.wantError != "" {
				if !res.IsError || !strings.Contains(text(res), tc.wantError) {
					t.Fatalf("want error containing %q, got isError=%v %q", tc.wantError, res.IsError, text(res))
				}
				return
			}
			if res.IsError {
				t.Fatalf("unexpected error: %s", text(res))
			}
			if text(res) == "" {
				t.Error("no text fallback")
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors were logged:\n%s", logs)
	}
}

// allOfBrand checks a search that found products, all of the brand.
func allOfBrand(brand string) func(*testing.T, searchProductsResult) {
	return func(t *testing.T, r searchProductsResult) {
		t.Helper()
		if len(r.Products) == 0 {
			t.Fatalf("no products of %s", brand)
		}
		for _, p := range r.Products {
			if p.Brand != brand {
				t.Errorf("%s is by %q, want %q", p.ID, p.Brand, brand)
			}
		}
	}
}

// filteredOut checks a search that found nothing because of its filters.
func filteredOut(t *testing.T, r searchProductsResult) {
	t.Helper()
	if r.Total != 0 || len(r.Suggestions) != 0 {
		t.Errorf("total %d, suggestions %q: want nothing found and no words to search instead", r.Total, r.Suggestions)
	}
	if got := strings.Join(r.Notes, " "); !strings.Contains(got, filteredOutNote) || strings.Contains(got, "Nothing in the catalog matches") {
		t.Errorf("notes %q: want the filters named, not the words", got)
	}
	if got := r.text(); !strings.Contains(got, "passes this search's filters") || strings.Contains(got, "Words products have") {
		t.Errorf("text %q", got)
	}
}

// notFilteredOut: a search whose words are each in some product but all in none is not
// told that filters keep products out (it may have no filter at all).
func notFilteredOut(t *testing.T, r searchProductsResult) {
	t.Helper()
	if got := strings.Join(r.Notes, " "); strings.Contains(got, filteredOutNote) {
		t.Errorf("notes %q: filters blamed for words no one product has", got)
	}
}

// TestSearchProductsPaging follows next_cursor through every page of a query and
// checks that each matching product appears exactly once.
func TestSearchProductsPaging(t *testing.T) {
	c, _ := newTestClient(t)
	args := map[string]any{"query": "coffee", "limit": 7, "in_stock": false}
	seen := map[string]bool{}
	total := -1
	for page := 0; page < 100; page++ {
		var r searchProductsResult
		if res := call(t, c, "search_products", args, &r); res.IsError {
			t.Fatal(text(res))
		}
		total = r.Total
		for _, p := range r.Products {
			if seen[p.ID] {
				t.Fatalf("product %s returned twice", p.ID)
			}
			seen[p.ID] = true
		}
		if r.NextCursor == "" {
			break
		}
		args["cursor"] = r.NextCursor
	}
	if total < 8 || len(seen) != total {
		t.Fatalf("saw %d products over all pages, total says %d", len(seen), total)
	}
}

// TestSearchTotalEstimated checks that an estimated total is marked as such in
// structuredContent and in the text, and an exact one is not.
func TestSearchTotalEstimated(t *testing.T) {
	for _, tc := range []struct {
		name      string
		total     int
		estimated bool
		want      string
	}{
		{"exact", 1234, false, "1234 products match; showing 0:"},
		{"estimated", 180000, true, "About 180000 products match; showing 0:"},
		{"one", 1, false, "1 product matches; showing 0:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := searchResultOf(catalog.Result{Total: tc.total, TotalEstimated: tc.estimated}, nil, detailStandard)
			if out.TotalEstimated != tc.estimated {
				t.Errorf("total_estimated = %v, want %v", out.TotalEstimated, tc.estimated)
			}
			if text := out.text(); !strings.Contains(text, tc.want) {
				t.Errorf("text %q does not say %q", text, tc.want)
			}
		})
	}
}

// TestSortText checks that the readable text of an order read from the words promises
// the type asked for first only when the results open with it.
func TestSortText(t *testing.T) {
	const promise = "the products of the type asked for before accessories and other matches"
	tests := []struct {
		name    string
		f       appliedFilter
		want    string
		promise bool
	}{
		{"type first", appliedFilter{Filter: "sort", Value: "price_asc", Phrase: "cheapest", TypeFirst: true},
			`"cheapest" was read as sort=price_asc: results are ordered lowest price first`, true},
		{"no product of the type", appliedFilter{Filter: "sort", Value: "price_desc", Phrase: "most expensive"},
			`"most expensive" was read as sort=price_desc: results are ordered highest price first.`, false},
		{"overridden", appliedFilter{Filter: "sort", Value: "rating", Phrase: "best rated", Overridden: true},
			"the sort argument was used instead", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.f.text()
			if !strings.Contains(got, tt.want) || strings.Contains(got, promise) != tt.promise {
				t.Errorf("text %q: want it to say %q, and the type first %v", got, tt.want, tt.promise)
			}
		})
	}
}

// TestSearchResultWhileFilling checks what a search says while the catalog fills what
// an upgrade changed (catalog.FillState): a colour or size filter that may miss
// products says so in applied_filters and in the text, and so does partial type
// ranking; once filled, neither is said.
func TestSearchResultWhileFilling(t *testing.T) {
	colour := func(incomplete bool) []catalog.AppliedFilter {
		return []catalog.AppliedFilter{{Filter: catalog.FilterColor, Text: "red", Phrase: "red", Incomplete: incomplete}}
	}
	const missing = "some products whose color is red may be missing until it finishes"
	for _, tc := range []struct {
		name       string
		res        catalog.Result
		incomplete bool   // applied_filters[0].incomplete
		text, not  string // in the text, and not in it
	}{
		{"colour filter, filling", catalog.Result{Total: 1, Applied: colour(true)}, true, missing, rankFillingNote},
		{"colour filter, filled", catalog.Result{Total: 1, Applied: colour(false)}, false, "only products whose color is red", missing},
		{"type ranking, filling", catalog.Result{Total: 1, RankFilling: true}, false, rankFillingNote, missing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := searchResultOf(tc.res, nil, detailBrief)
			if got := len(out.AppliedFilters) > 0 && out.AppliedFilters[0].Incomplete; got != tc.incomplete {
				t.Errorf("applied filters %+v, want incomplete %v", out.AppliedFilters, tc.incomplete)
			}
			if text := out.text(); !strings.Contains(text, tc.text) || strings.Contains(text, tc.not) {
				t.Errorf("text %q: want %q in it and not %q", text, tc.text, tc.not)
			}
		})
	}
}

// TestFilterPhraseText: the readable result says what an on-sale, gender or kids'
// phrase did (catalog.FilterOnSale, catalog.FilterGender, catalog.FilterAge), naming
// the phrase.
func TestFilterPhraseText(t *testing.T) {
	tests := []struct {
		name string
		f    appliedFilter
		want string
	}{
		{"on sale", appliedFilter{Filter: catalog.FilterOnSale, Bound: 1, Phrase: "on sale"},
			`"on sale" was read as on_sale: only products on sale (below their list price) are shown.`},
		{"gender", appliedFilter{Filter: catalog.FilterGender, Bound: 1, Value: "women", Phrase: "womens"},
			`"womens" was read as gender=women: products marked for the other gender alone`},
		{"kids", appliedFilter{Filter: catalog.FilterAge, Bound: 1, Value: "kids", Phrase: "kids"},
			`"kids" was read as age=kids: products marked for adults alone`},
		{"girls names the gender too", appliedFilter{Filter: catalog.FilterAge, Bound: 1, Value: "girls", Phrase: "girls"},
			`"girls" was read as age=girls: products marked for adults alone (age group, title or category) or for the other gender alone are left out`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.text(); !strings.Contains(got, tt.want) {
				t.Errorf("text %q, want it to say %q", got, tt.want)
			}
		})
	}
}

// TestSearchListPrice: a product on sale shows its list price beside its price, in
// structuredContent (list_price) and in the text ("£115.00 (was £138.00)"), at every
// detail; a product not on sale shows neither.
func TestSearchListPrice(t *testing.T) {
	gbp := func(a int64) money.Money { return money.Money{Amount: a, Currency: "GBP"} }
	onSale := catalog.Hit{Product: catalog.Product{ID: "dress", Title: "Wrap Dress", Price: gbp(11500), Availability: catalog.InStock}, ListPrice: gbp(13800)}
	full := catalog.Hit{Product: catalog.Product{ID: "dress", Title: "Wrap Dress", Price: gbp(11500), Availability: catalog.InStock,
		Attributes: map[string]string{"list_price": "£138.00"}}}
	plain := catalog.Hit{Product: catalog.Product{ID: "tee", Title: "Tee", Price: gbp(2000), Availability: catalog.InStock}}
	for _, tc := range []struct {
		name string
		hit  catalog.Hit
		d    detail
		want string // the list price's display; "" for none
	}{
		{"on sale, standard", onSale, detailStandard, "£138.00"},
		{"on sale, brief", onSale, detailBrief, "£138.00"},
		{"on sale, full (from the attributes)", full, detailFull, "£138.00"},
		{"not on sale", plain, detailStandard, ""},
		{"not on sale, brief", plain, detailBrief, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := searchResultOf(catalog.Result{Total: 1, Hits: []catalog.Hit{tc.hit}}, nil, tc.d)
			got := ""
			if lp := out.Products[0].ListPrice; lp != nil {
				got = lp.Display
				if lp.Amount != 13800 || lp.Currency != "GBP" {
					t.Errorf("list_price %+v, want 13800 GBP", *lp)
				}
			}
			if got != tc.want {
				t.Errorf("list_price %q, want %q", got, tc.want)
			}
			text := out.text()
			if was := strings.Contains(text, "(was "); was != (tc.want != "") || tc.want != "" && !strings.Contains(text, "£115.00 (was £138.00)") {
				t.Errorf("text %q: want the list price beside the price: %v", text, tc.want != "")
			}
		})
	}
}
