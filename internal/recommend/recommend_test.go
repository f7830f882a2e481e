package recommend_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// recNow is the clock of the recommendation tests.
var recNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func recProduct(id, brand, category string, cents int64, rating float64, reviews int64) catalog.Product {
	return catalog.Product{ID: id, SellerID: "shop", Title: brand + " " + strings.ReplaceAll(id, "-", " ") + ", Blue",
		Brand: brand, Category: category, Price: usd(cents), Stock: qty(20), Rating: rating, ReviewCount: reviews}
}

// recFixture is a small catalog with clear winners: Alpha leads running shoes, the
// best rated running shoe cannot be bought, and Gamma sells both shoes and tea.
func recFixture() []catalog.Product {
	const run, casual, coffee, tea = "Apparel > Shoes > Running", "Apparel > Shoes > Casual", "Home > Coffee", "Home > Tea"
	ps := []catalog.Product{
		recProduct("run-a1", "Alpha", run, 10000, 4.8, 500),
		recProduct("run-a2", "Alpha", run, 12000, 4.7, 300),
		recProduct("run-a3", "Alpha", run, 9000, 4.6, 200),
		recProduct("run-a4", "Alpha", run, 8000, 4.5, 100),
		recProduct("run-a5", "Alpha", run, 7000, 4.4, 90),
		recProduct("run-b1", "Beta", run, 11000, 4.4, 400),
		recProduct("run-b2", "Beta", run, 6000, 4.2, 50),
		recProduct("run-c1", "Gamma", run, 15000, 4.9, 800),
		recProduct("run-oos", "Alpha", run, 9900, 5, 1000),
		recProduct("run-pre", "Beta", run, 9900, 5, 900),
		recProduct("run-hidden", "Beta", run, 9900, 5, 900),
		recProduct("cas-d1", "Delta", casual, 7000, 4.3, 100),
		recProduct("cas-d2", "Delta", casual, 4000, 4.0, 30),
		recProduct("cof-e1", "Epsilon", coffee, 3000, 4.6, 900),
		recProduct("cof-e2", "Epsilon", coffee, 25000, 4.8, 50),
		recProduct("cof-f1", "Foxtrot", coffee, 1500, 4.1, 20),
		recProduct("tea-g1", "Gamma", tea, 1200, 4.7, 600),
		recProduct("tea-h1", "Hotel", tea, 900, 3.9, 10),
		recProduct("book-i1", "India", "Books", 2000, 4.4, 70),
	}
	for i := range ps {
		switch ps[i].ID {
		case "run-oos":
			ps[i].Stock = qty(0)
		case "run-pre":
			ps[i].Stock, ps[i].Availability = nil, catalog.Preorder
		case "run-hidden":
			ps[i].Hidden = true
		}
	}
	return ps
}

func openRecFixture(t *testing.T) *catalog.Catalog {
	return testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, recFixture())
}

func recIDs(res recommend.Result) []string {
	out := make([]string, len(res.Items))
	for i, it := range res.Items {
		out[i] = it.ID
	}
	return out
}

func bought(id, brand, category string, daysAgo int) recommend.Purchase {
	return recommend.Purchase{ProductID: id, Brand: brand, Category: category, Price: usd(5000), At: recNow.AddDate(0, 0, -daysAgo)}
}

func hasReason(it recommend.Item, substr string) bool {
	return slices.ContainsFunc(it.Reasons, func(r string) bool { return strings.Contains(r, substr) })
}

// TestRecommendHardRules checks the rules no ranking may break, in every mode.
func TestRecommendHardRules(t *testing.T) {
	c := openRecFixture(t)
	ctx := context.Background()
	gammaFan := []recommend.Purchase{bought("tea-g1", "Gamma", "Home > Tea", 3), bought("run-c1", "Gamma", "Apparel > Shoes > Running", 10)}
	tests := []struct {
		name  string
		in    recommend.Input
		check func(t *testing.T, it recommend.Item)
	}{
		{name: "never a disliked brand, even one the customer bought",
			in: recommend.Input{Limit: 20, DislikedBrands: []string{"gamma"}, History: gammaFan, FavoriteBrands: []string{"Gamma"}},
			check: func(t *testing.T, it recommend.Item) {
				if it.Brand == "Gamma" {
					t.Errorf("%s is a disliked brand", it.ID)
				}
			}},
		{name: "never a disliked brand that matches the context",
			in: recommend.Input{Limit: 20, Context: "gamma", DislikedBrands: []string{" GAMMA "}},
			check: func(t *testing.T, it recommend.Item) {
				if it.Brand == "Gamma" {
					t.Errorf("%s is a disliked brand", it.ID)
				}
			}},
		{name: "never out of stock, preorder or hidden",
			in: recommend.Input{Limit: 20, FavoriteCategories: []string{"running"}},
			check: func(t *testing.T, it recommend.Item) {
				if !it.Purchasable() || it.Hidden {
					t.Errorf("%s cannot be bought now", it.ID)
				}
			}},
		{name: "never outside the price range",
			in: recommend.Input{Limit: 20, MinPrice: amount(50), MaxPrice: amount(100), History: gammaFan},
			check: func(t *testing.T, it recommend.Item) {
				if it.Price.Amount < 5000 || it.Price.Amount > 10000 {
					t.Errorf("%s costs %d, outside 50–100", it.ID, it.Price.Amount)
				}
				if !hasReason(it, "In your price range") {
					t.Errorf("%s: reasons %q do not mention the price range", it.ID, it.Reasons)
				}
			}},
		{name: "never outside a price asked for in the context",
			in: recommend.Input{Limit: 20, Context: "running shoes under $100"},
			check: func(t *testing.T, it recommend.Item) {
				if it.Price.Amount > 10000 {
					t.Errorf("%s costs %d, above 100", it.ID, it.Price.Amount)
				}
				if !hasReason(it, "Under $100, as asked") {
					t.Errorf("%s: reasons %q do not mention the price asked for", it.ID, it.Reasons)
				}
			}},
		{name: "never an excluded product",
			in: recommend.Input{Limit: 20, Exclude: []string{"run-a1", "cof-e1", "tea-g1"}, History: gammaFan},
			check: func(t *testing.T, it recommend.Item) {
				if slices.Contains([]string{"run-a1", "cof-e1", "tea-g1"}, it.ID) {
					t.Errorf("%s is excluded", it.ID)
				}
			}},
		{name: "only the category asked for",
			in: recommend.Input{Limit: 20, Category: "shoes", History: gammaFan},
			check: func(t *testing.T, it recommend.Item) {
				if !strings.HasPrefix(it.Category, "Apparel > Shoes") {
					t.Errorf("%s is in %s", it.ID, it.Category)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Now = recNow
			res, err := recommend.Rank(ctx, c, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) == 0 {
				t.Fatalf("no recommendations; notes %q", res.Notes)
			}
			for _, it := range res.Items {
				tc.check(t, it)
				if len(it.Reasons) == 0 {
					t.Errorf("%s has no reasons", it.ID)
				}
			}
		})
	}
}

// TestRecommendDiversity checks that no brand takes more than two places in five,
// however much the customer likes it.
func TestRecommendDiversity(t *testing.T) {
	c := openRecFixture(t)
	alpha := []recommend.Purchase{
		bought("run-a1", "Alpha", "Apparel > Shoes > Running", 5),
		bought("run-a2", "Alpha", "Apparel > Shoes > Running", 50),
	}
	tests := []struct {
		name string
		in   recommend.Input
	}{
		{"limit 5, favourite brand and history", recommend.Input{Limit: 5, FavoriteBrands: []string{"Alpha"}, History: alpha}},
		{"limit 3", recommend.Input{Limit: 3, FavoriteBrands: []string{"Alpha"}, History: alpha}},
		{"limit 10", recommend.Input{Limit: 10, FavoriteBrands: []string{"Alpha"}, History: alpha}},
		{"context naming the brand", recommend.Input{Limit: 5, Context: "alpha running"}},
		{"category with few brands", recommend.Input{Limit: 5, Category: "running", FavoriteBrands: []string{"Alpha"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Now = recNow
			res, err := recommend.Rank(context.Background(), c, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			perBrand := map[string]int{}
			for _, it := range res.Items {
				perBrand[it.Brand]++
			}
			for b, n := range perBrand {
				if n > recommend.MaxPerBrand(tc.in.Limit) {
					t.Errorf("%d of %d items are %s, more than %d: %v", n, len(res.Items), b, recommend.MaxPerBrand(tc.in.Limit), recIDs(res))
				}
			}
			if perBrand["Alpha"] == 0 {
				t.Errorf("the favourite brand is missing: %v", recIDs(res))
			}
		})
	}
}

func TestRecommendColdStart(t *testing.T) {
	c := openRecFixture(t)
	res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow})
	if err != nil {
		t.Fatal(err)
	}
	if !res.ColdStart || len(res.Items) != recommend.DefaultLimit {
		t.Fatalf("cold start = %v with %d items, want true with %d", res.ColdStart, len(res.Items), recommend.DefaultLimit)
	}
	cats := map[string]int{}
	for _, it := range res.Items {
		cats[it.Category]++
		if !hasReason(it, "no preferences or orders") {
			t.Errorf("%s: reasons %q do not say why the pick is not personal", it.ID, it.Reasons)
		}
	}
	if len(cats) < 4 {
		t.Errorf("cold start picks come from %d categories, want them spread: %v", len(cats), cats)
	}
	if first := res.Items[0]; first.ID != "cof-e1" && first.ID != "run-c1" {
		t.Errorf("first cold-start pick is %s, want one of the best rated, most reviewed products", first.ID)
	}
	// A price range alone is not personal, but it still holds.
	res, err = recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, MaxPrice: amount(20)})
	if err != nil {
		t.Fatal(err)
	}
	if !res.ColdStart || len(res.Items) == 0 {
		t.Fatalf("cold start with a price range: %v, %d items", res.ColdStart, len(res.Items))
	}
}

// TestRecommendReasons checks that each signal shows up as a reason a person would
// accept.
func TestRecommendReasons(t *testing.T) {
	c := openRecFixture(t)
	ctx := context.Background()
	// Three customers bought the Gamma tea after the Epsilon coffee.
	for range 3 {
		if err := c.RecordSale(ctx, "cof-e1", 1, nil, recNow.AddDate(0, -2, 0)); err != nil {
			t.Fatal(err)
		}
		if err := c.RecordSale(ctx, "tea-g1", 1, []string{"cof-e1"}, recNow.AddDate(0, -1, 0)); err != nil {
			t.Fatal(err)
		}
	}
	coffee := recommend.Purchase{ProductID: "cof-e1", Title: "Epsilon Morning Roast, 1 lb", Brand: "Epsilon", Category: "Home > Coffee", At: recNow.AddDate(0, 0, -3)}
	tests := []struct {
		name, id, reason string
		in               recommend.Input
	}{
		{"co-purchase", "tea-g1", "Often bought with the «Epsilon Morning Roast» you ordered in May",
			recommend.Input{History: []recommend.Purchase{coffee}, Exclude: []string{"cof-e1"}}},
		{"co-purchase title from the catalog", "tea-g1", "Often bought with the «Epsilon cof e1» you ordered in June",
			recommend.Input{History: []recommend.Purchase{{ProductID: "cof-e1", At: recNow}}, Exclude: []string{"cof-e1"}}},
		{"favourite brand", "run-b1", "You like «Beta»", recommend.Input{FavoriteBrands: []string{"beta"}}},
		{"favourite category, named as the catalog does", "cas-d1", "You like «Shoes»", recommend.Input{FavoriteCategories: []string{"SHOES"}}},
		{"usual brand", "cof-e2", "You often buy «Epsilon»", recommend.Input{History: []recommend.Purchase{
			coffee, bought("cof-f1", "Epsilon", "Home > Coffee", 40)}, Exclude: []string{"cof-e1", "cof-f1"}}},
		{"usual category", "cof-f1", "You often shop for «Coffee»", recommend.Input{History: []recommend.Purchase{
			coffee, bought("cof-e2", "Epsilon", "Home > Coffee", 40)}, Exclude: []string{"cof-e1", "cof-e2"}}},
		{"top rated", "run-c1", "Top rated in «Shoes > Running»", recommend.Input{FavoriteCategories: []string{"running"}}},
		{"context", "tea-g1", `Matches "tea"`, recommend.Input{Context: "tea"}},
		{"price asked for", "cof-e1", "Under $40, as asked", recommend.Input{Context: "coffee under $40"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, i := recommended(t, c, tc.in, tc.id)
			if !hasReason(res.Items[i], tc.reason) {
				t.Errorf("reasons for %s = %q, want one containing %q", tc.id, res.Items[i].Reasons, tc.reason)
			}
			if len(res.Items[i].Reasons) > 3 {
				t.Errorf("%d reasons, want at most 3", len(res.Items[i].Reasons))
			}
		})
	}
}

// TestRecommendRanking checks that personal signals move products up.
func TestRecommendRanking(t *testing.T) {
	c := openRecFixture(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		in    recommend.Input
		first []string // the first item is one of these
	}{
		{"favourite category first", recommend.Input{FavoriteCategories: []string{"Home > Tea"}}, []string{"tea-g1", "tea-h1"}},
		{"recent history outweighs old", recommend.Input{History: []recommend.Purchase{
			bought("cas-d2", "Delta", "Apparel > Shoes > Casual", 2),
			bought("book-i1", "India", "Books", 700),
		}, Exclude: []string{"cas-d2", "book-i1"}}, []string{"cas-d1"}},
		{"context matches first", recommend.Input{Context: "coffee", FavoriteBrands: []string{"Alpha"}}, []string{"cof-e1", "cof-e2", "cof-f1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Now = recNow
			res, err := recommend.Rank(ctx, c, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) == 0 || !slices.Contains(tc.first, res.Items[0].ID) {
				t.Errorf("ranking %v, want the first to be one of %v", recIDs(res), tc.first)
			}
			for i := 1; i < len(res.Items); i++ {
				if res.Items[i].Score > res.Items[i-1].Score {
					t.Errorf("scores out of order: %v", res.Items)
				}
			}
		})
	}
}

func TestRecommendNotes(t *testing.T) {
	c := openRecFixture(t)
	tests := []struct {
		name      string
		in        recommend.Input
		wantItems bool
		note      string
	}{
		{"unknown category", recommend.Input{Category: "Garden"}, false, "No category matches"},
		{"context matching nothing", recommend.Input{Context: "zeppelin"}, true, `Nothing matches "zeppelin"`},
		{"context matching some words", recommend.Input{Context: "coffee zeppelin"}, true, "match some of them"},
		{"every match bought", recommend.Input{Context: "foxtrot", Exclude: []string{"cof-f1"}}, true, `Every product matching "foxtrot" was bought already`},
		{"every match of all the words bought", recommend.Input{Context: "foxtrot coffee", Exclude: []string{"cof-f1"}}, true, "Every product with every word of the request was bought already; these match some of them"},
		{"some of many words", recommend.Input{Context: "zeppelin alpha1 beta2 gamma3 delta4 epsilon5 zeta6 coffee eta7"}, true, "Only the first 8 words"},
		{"context price outside the range", recommend.Input{Context: "tea under $10", MinPrice: amount(20)}, false, "outside the customer's price range"},
		{"nothing in the range", recommend.Input{MinPrice: amount(1000)}, false, "No product passes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Now = recNow
			res, err := recommend.Rank(context.Background(), c, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if (len(res.Items) > 0) != tc.wantItems {
				t.Errorf("%d items, want items: %v", len(res.Items), tc.wantItems)
			}
			if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
				t.Errorf("notes %q, want one containing %q", res.Notes, tc.note)
			}
		})
	}
}

func TestRecommendValidation(t *testing.T) {
	c := openRecFixture(t)
	tests := []struct {
		name string
		in   recommend.Input
		want catalog.ArgError
	}{
		{"context too long", recommend.Input{Context: strings.Repeat("a", catalog.MaxTextRunes+1)},
			catalog.ArgError{Arg: "context", Problem: catalog.ArgTooLong, Got: catalog.MaxTextRunes + 1, Max: catalog.MaxTextRunes}},
		{"limit too high", recommend.Input{Limit: 21}, catalog.ArgError{Arg: "limit", Problem: catalog.ArgOutOfRange, Min: 1, Max: 20}},
		{"negative limit", recommend.Input{Limit: -1}, catalog.ArgError{Arg: "limit", Problem: catalog.ArgOutOfRange, Min: 1, Max: 20}},
		{"negative price", recommend.Input{MinPrice: amount(-1)}, catalog.ArgError{Arg: recommend.ArgMinPrice, Problem: catalog.ArgNegative}},
		{"min above max", recommend.Input{MinPrice: amount(10), MaxPrice: amount(5)},
			catalog.ArgError{Arg: recommend.ArgMinPrice, Problem: catalog.ArgAbove, Than: recommend.ArgMaxPrice}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := recommend.Rank(context.Background(), c, tc.in)
			var ae *catalog.ArgError
			if !errors.As(err, &ae) || !reflect.DeepEqual(*ae, tc.want) {
				t.Errorf("err = %v, want %+v", err, tc.want)
			}
		})
	}
}

// TestRecommendReasonsAreTrue checks reasons that would mislead: a claim about other
// customers resting on the customer's own orders, a full match claimed for a partial
// one, "no preferences" when some are stated, "top rated" within a price range only.
func TestRecommendReasonsAreTrue(t *testing.T) {
	c := openRecFixture(t)
	ctx := context.Background()
	// Only this customer bought the tea after the coffee, three times.
	for range 3 {
		if err := c.RecordSale(ctx, "tea-g1", 1, []string{"cof-e1"}, recNow.AddDate(0, 0, -1)); err != nil {
			t.Fatal(err)
		}
	}
	own := []recommend.Purchase{
		{ProductID: "tea-g1", Title: "Gamma Tea", Brand: "Gamma", Category: "Home > Tea", At: recNow.AddDate(0, 0, -1)},
		{ProductID: "tea-g1", Title: "Gamma Tea", Brand: "Gamma", Category: "Home > Tea", At: recNow.AddDate(0, 0, -2)},
		{ProductID: "tea-g1", Title: "Gamma Tea", Brand: "Gamma", Category: "Home > Tea", At: recNow.AddDate(0, 0, -3)},
		{ProductID: "cof-e1", Title: "Epsilon Coffee", Brand: "Epsilon", Category: "Home > Coffee", At: recNow.AddDate(0, 0, -9)},
	}
	tests := []struct {
		name     string
		in       recommend.Input
		id       string
		want     string   // a reason of id contains it ("" for none)
		wantNone []string // no reason of any item contains these
	}{
		{name: "a re-buy is not bought by others", in: recommend.Input{History: own},
			id: "tea-g1", want: "You have ordered this 3 times", wantNone: []string{"bought by others", "Often bought with", "Bought by others"}},
		{name: "a partial match names the words it matches", in: recommend.Input{Context: "coffee zeppelin"},
			id: "cof-e1", want: `Matches "coffee"`, wantNone: []string{`Matches "coffee zeppelin"`}},
		{name: "a price range is a preference", in: recommend.Input{MaxPrice: amount(20)},
			id: "tea-g1", want: "no favourites or orders", wantNone: []string{"no preferences"}},
		{name: "top rated within a price range says so", in: recommend.Input{FavoriteCategories: []string{"running"}, MaxPrice: amount(65)},
			id: "run-b2", want: "at this price", wantNone: []string{"Top rated in «Shoes > Running»;"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, i := recommended(t, c, tc.in, tc.id)
			if !hasReason(res.Items[i], tc.want) {
				t.Errorf("reasons for %s = %q, want one containing %q", tc.id, res.Items[i].Reasons, tc.want)
			}
			for _, it := range res.Items {
				all := strings.Join(it.Reasons, ";") + ";"
				for _, bad := range tc.wantNone {
					if strings.Contains(all, bad) {
						t.Errorf("reasons for %s = %q contain %q", it.ID, it.Reasons, bad)
					}
				}
			}
		})
	}
}

// TestRecommendCoPurchaseNeedsThreeCustomers checks that what fewer than three other
// customers bought together neither shows as a reason nor moves the ranking: with few
// customers it would tell one customer what another bought.
func TestRecommendCoPurchaseNeedsThreeCustomers(t *testing.T) {
	ctx := context.Background()
	coffee := recommend.Purchase{ProductID: "cof-e1", Title: "Epsilon Morning Roast", Brand: "Epsilon", Category: "Home > Coffee", At: recNow.AddDate(0, 0, -3)}
	in := recommend.Input{History: []recommend.Purchase{coffee}, Exclude: []string{"cof-e1"}, Limit: 20, Now: recNow}
	// run records the sales of customers who each bought the coffee and then the tea,
	// the tea paired with the coffee or not, and recommends to another coffee buyer.
	run := func(t *testing.T, customers int, paired bool) recommend.Result {
		c := openRecFixture(t)
		for range customers {
			also := []string{"cof-e1"}
			if !paired {
				also = nil
			}
			if err := c.RecordSales(ctx, []catalog.Sale{{ProductID: "cof-e1", Quantity: 1, At: recNow.AddDate(0, -2, 0)},
				{ProductID: "tea-g1", Quantity: 1, AlsoBought: also, At: recNow.AddDate(0, -1, 0)}}); err != nil {
				t.Fatal(err)
			}
		}
		res, err := recommend.Rank(ctx, c, in)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, tc := range []struct {
		name      string
		customers int
		shown     bool
	}{
		{"one other customer", 1, false},
		{"two other customers", 2, false},
		{"three other customers", 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, tc.customers, true)
			shown := false
			for _, it := range res.Items {
				for _, r := range it.Reasons {
					if strings.Contains(strings.ToLower(r), "bought") && strings.Contains(r, "Morning Roast") {
						shown = true
					}
				}
			}
			if shown != tc.shown {
				t.Errorf("a co-purchase reason shown = %v, want %v: %v", shown, tc.shown, res.Items)
			}
			if tc.shown {
				return
			}
			// The pairs change nothing: the same sales without them rank the same.
			alone := run(t, tc.customers, false)
			if fmt.Sprint(recIDs(res), scores(res)) != fmt.Sprint(recIDs(alone), scores(alone)) {
				t.Errorf("with the pairs %v %v, without %v %v", recIDs(res), scores(res), recIDs(alone), scores(alone))
			}
		})
	}
}

func scores(res recommend.Result) []float64 {
	out := make([]float64, len(res.Items))
	for i, it := range res.Items {
		out[i] = it.Score
	}
	return out
}

// TestRecommendForAPerson checks that a request for a kind of person ("a gift for a
// runner") finds products for what that person does.
func TestRecommendForAPerson(t *testing.T) {
	c := openRecFixture(t)
	res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Context: "a gift for a runner under $130"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) < 3 {
		t.Fatalf("%d items for a runner: %v; notes %q", len(res.Items), recIDs(res), res.Notes)
	}
	for _, it := range res.Items {
		if !strings.HasSuffix(it.Category, "> Running") || !hasReason(it, `Matches "runner"`) {
			t.Errorf("%s in %s, reasons %q: want running gear that matches the request", it.ID, it.Category, it.Reasons)
		}
	}
}

// TestRecommendEveryFavouriteCategory: a broad favourite with many subcategories
// does not crowd the next favourite out of the candidates.
func TestRecommendEveryFavouriteCategory(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	for i := range 110 { // the best rated products, in a category nobody named
		ps = append(ps, recProduct(fmt.Sprintf("top-%03d", i), fmt.Sprintf("Top%d", i), "Misc > Top", 2000, 5, 1000))
	}
	for i := range 15 { // a broad favourite: many subcategories of fair products
		for j := range 2 {
			ps = append(ps, recProduct(fmt.Sprintf("wide-%02d-%d", i, j), fmt.Sprintf("Wide%d", i), fmt.Sprintf("Wide > Sub%02d", i), 2000, 4, 10))
		}
	}
	for i := range 3 { // a narrow favourite with better products
		ps = append(ps, recProduct(fmt.Sprintf("narrow-%d", i), fmt.Sprintf("Narrow%d", i), "Other > Narrow", 2000, 4.8, 200))
	}
	if _, err := c.Upsert(context.Background(), []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Limit: 10, FavoriteCategories: []string{"Wide", "Narrow"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Items, func(it recommend.Item) bool { return it.Category == "Other > Narrow" }) {
		t.Errorf("nothing from the second favourite category: %v", recIDs(res))
	}
}

// recommended asks for ten recommendations for in at recNow and returns them with the
// index of the product id among them, failing t when it is not there.
func recommended(t *testing.T, c *catalog.Catalog, in recommend.Input, id string) (recommend.Result, int) {
	t.Helper()
	in.Now, in.Limit = recNow, 10
	res, err := recommend.Rank(context.Background(), c, in)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Items, func(it recommend.Item) bool { return it.ID == id })
	if i < 0 {
		t.Fatalf("%s is not recommended: %v", id, recIDs(res))
	}
	return res, i
}

// TestRecommendDueAgain: a product the customer buys every month is recommended
// again, first and saying why, only when purchased products are kept; one bought on a
// single day, or bought again too recently to be due, is not put first.
func TestRecommendDueAgain(t *testing.T) {
	ctx := context.Background()
	c := openRecFixture(t)
	const coffee, tea = "Home > Coffee", "Home > Tea"
	history := []recommend.Purchase{
		bought("cof-f1", "Foxtrot", coffee, 31), bought("cof-f1", "Foxtrot", coffee, 61), bought("cof-f1", "Foxtrot", coffee, 92),
		bought("tea-h1", "Hotel", tea, 2), bought("tea-h1", "Hotel", tea, 33),
		bought("book-i1", "India", "Books", 30),
	}
	var ids []string
	for _, h := range history {
		ids = append(ids, h.ProductID)
	}
	tests := []struct {
		name    string
		exclude []string
		first   string // "" when no product bought before may be recommended
	}{
		{name: "purchased products excluded (the default)", exclude: ids},
		{name: "purchased products kept", first: "cof-f1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := recommend.Rank(ctx, c, recommend.Input{Limit: 10, History: history, Exclude: tc.exclude, Now: recNow})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Items) == 0 {
				t.Fatal("no recommendations")
			}
			for i, it := range res.Items {
				due := hasReason(it, "due again")
				switch {
				case tc.first == "" && slices.Contains(ids, it.ID):
					t.Errorf("%s was bought and purchased products are excluded", it.ID)
				case i == 0 && tc.first != "" && it.ID != tc.first:
					t.Errorf("first is %s (%v), want the due %s", it.ID, it.Reasons, tc.first)
				case it.ID == "cof-f1" && (!due || it.Reasons[0] != "You have ordered this 3 times, about every 4 weeks, last on 1 May: due again"):
					t.Errorf("%s reasons %q, want first that it is due again", it.ID, it.Reasons)
				case it.ID != "cof-f1" && due:
					t.Errorf("%s says it is due again: %q", it.ID, it.Reasons)
				}
			}
		})
	}
}

// TestRecommendPopularInYourCategories: among equally rated, equally priced products
// of a category the customer shops in (by history or a stated favourite), the one more
// customers bought ranks higher, and without catPop (and pop) it does not.
func TestRecommendPopularInYourCategories(t *testing.T) {
	ctx := context.Background()
	const tea, books = "Home > Tea", "Books > Fiction"
	var ps []catalog.Product
	for _, id := range []string{"tea-0", "tea-1", "tea-2", "tea-3", "book-1", "book-2", "book-3"} {
		cat := tea
		if strings.HasPrefix(id, "book") {
			cat = books
		}
		ps = append(ps, recProduct(id, "Brand "+id, cat, 1000, 4.5, 40))
	}
	// Products of a feed without brands or categories: the catalog infers their type
	// from their titles (kettle, lamp).
	for i, name := range []string{"Aster", "Birch", "Cedar", "Dune"} {
		ps = append(ps, catalog.Product{ID: fmt.Sprintf("kettle-%d", i), SellerID: "shop", Title: name + " Electric Kettle",
			Price: usd(1000), Stock: qty(20), Rating: 4.5, ReviewCount: 40},
			catalog.Product{ID: fmt.Sprintf("lamp-%d", i), SellerID: "shop", Title: name + " Desk Lamp",
				Price: usd(1000), Stock: qty(20), Rating: 4.5, ReviewCount: 400})
	}
	// Buyers: tea-3, book-3 and kettle-3 by four customers, tea-2, book-2 and kettle-2 by
	// one, the others none; lamp-1 by eight.
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	for _, sale := range []struct {
		id string
		n  int
	}{{"tea-3", 4}, {"tea-2", 1}, {"book-3", 4}, {"book-2", 1}, {"kettle-3", 4}, {"kettle-2", 1}, {"lamp-1", 8}} {
		for range sale.n {
			if err := c.RecordSale(ctx, sale.id, 1, nil, recNow.AddDate(0, 0, -40)); err != nil {
				t.Fatal(err)
			}
		}
	}
	order := func(res recommend.Result, prefix string) []string {
		var out []string
		for _, id := range recIDs(res) {
			if strings.HasPrefix(id, prefix) {
				out = append(out, id)
			}
		}
		return out
	}
	teaHistory := []recommend.Purchase{bought("tea-0", "Brand tea-0", tea, 3), bought("tea-0", "Brand tea-0", tea, 30)}
	kettleHistory := []recommend.Purchase{{ProductID: "kettle-0", Title: "Aster Electric Kettle", Price: usd(1000), At: recNow.AddDate(0, 0, -3)}}
	tests := []struct {
		name   string
		in     recommend.Input
		prefix string
		want   []string
		top    bool // want is the start of the list
	}{
		{name: "a category in the history", in: recommend.Input{History: teaHistory, Exclude: []string{"tea-0"}},
			prefix: "tea", want: []string{"tea-3", "tea-2", "tea-1"}},
		// Without categories the type stands in: the kettles come first, the most
		// bought first, before the lamp more people bought.
		{name: "a type in the history, without categories", in: recommend.Input{History: kettleHistory, Exclude: []string{"kettle-0"}},
			prefix: "kettle", want: []string{"kettle-3", "kettle-2", "kettle-1"}, top: true},
		{name: "a favourite category", in: recommend.Input{FavoriteCategories: []string{"fiction"}},
			prefix: "book", want: []string{"book-3", "book-2", "book-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Now, in.Limit = recNow, 10
			res, err := recommend.Rank(ctx, c, in)
			if err != nil {
				t.Fatal(err)
			}
			if got := order(res, tc.prefix); !slices.Equal(got, tc.want) {
				t.Errorf("order %v, want %v (all: %v)", got, tc.want, recIDs(res))
			}
			if got := recIDs(res); tc.top && !slices.Equal(got[:min(len(got), len(tc.want))], tc.want) {
				t.Errorf("list %v, want it to start with %v", got, tc.want)
			}
			// Without the signal the equal products tie and keep catalog order.
			flat, err := recommend.RankWith(ctx, c, in, map[string]float64{"catPop": 0, "pop": 0})
			if err != nil {
				t.Fatal(err)
			}
			if got := order(flat, tc.prefix); slices.Equal(got, tc.want) {
				t.Errorf("without catPop and pop the order is still %v: the test does not show catPop", got)
			}
		})
	}
}

// TestRecommendKeepsSlotsForCoPurchases: a product many other customers bought with
// the customer's purchase, in a category the customer never shopped, ranks below
// every popular product of the customer's own categories by score; the places kept at
// the end of the list for co-purchases (coSlotShare) still go to it, with its reason,
// and without those slots it is left out.
func TestRecommendKeepsSlotsForCoPurchases(t *testing.T) {
	ctx := context.Background()
	const tea, coffee, books = "Home > Tea", "Home > Coffee", "Books > Fiction"
	var ps []catalog.Product
	for i := range 6 {
		ps = append(ps, recProduct(fmt.Sprintf("tea-%d", i), fmt.Sprintf("Tea Brand %d", i), tea, 1000, 4.5, 40),
			recProduct(fmt.Sprintf("cof-%d", i), fmt.Sprintf("Coffee Brand %d", i), coffee, 1000, 4.5, 40))
	}
	ps = append(ps, recProduct("book-x", "Inkwell", books, 1000, 4.5, 40))
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	var sales []catalog.Sale
	for _, p := range ps[2:12] {
		for range 5 {
			sales = append(sales, catalog.Sale{ProductID: p.ID, Quantity: 1, At: recNow.AddDate(0, 0, -60)})
		}
	}
	for range 4 { // four other customers bought tea-0, then the book
		sales = append(sales, catalog.Sale{ProductID: "tea-0", Quantity: 1, At: recNow.AddDate(0, 0, -50)},
			catalog.Sale{ProductID: "book-x", Quantity: 1, AlsoBought: []string{"tea-0"}, At: recNow.AddDate(0, 0, -40)})
	}
	if err := c.RecordSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	in := recommend.Input{Limit: 5, Now: recNow, Exclude: []string{"tea-0", "cof-0"},
		History: []recommend.Purchase{bought("tea-0", "Tea Brand 0", tea, 5), bought("cof-0", "Coffee Brand 0", coffee, 6)}}
	in.History[0].Title = "Tea Brand 0 Green Tea"
	for _, tc := range []struct {
		name  string
		w     map[string]float64
		shown bool
	}{
		{"committed", nil, true},
		{"no slots kept", map[string]float64{"coSlots": 0}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := recommend.RankWith(ctx, c, in, tc.w)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.Index(recIDs(res), "book-x")
			if shown := i >= 0; shown != tc.shown {
				t.Fatalf("book-x shown = %v, want %v: %v %v", shown, tc.shown, recIDs(res), scores(res))
			}
			if !tc.shown {
				return
			}
			// The score places it lowest, so it comes only in the places kept for
			// co-purchases, after every product picked by score.
			if slots := int(math.Round(float64(in.Limit) * recommend.CoSlotShare)); i < len(res.Items)-slots {
				t.Errorf("book-x is at %d of %v, want in the last %d places, kept for co-purchases", i, recIDs(res), slots)
			}
			if !hasReason(res.Items[i], "Green Tea") {
				t.Errorf("book-x reasons %q do not cite the tea it was bought with", res.Items[i].Reasons)
			}
		})
	}
}

// TestRecommendFillsFromBestSellers: when the customer's own signals find few
// candidates (one purchase, alone in its category and brand, bought with nothing),
// the best sellers and best rated products still fill the list.
func TestRecommendFillsFromBestSellers(t *testing.T) {
	ctx := context.Background()
	c := openRecFixture(t)
	in := recommend.Input{Limit: 5, Now: recNow, Exclude: []string{"book-i1"},
		History: []recommend.Purchase{bought("book-i1", "India", "Books", 10)}}
	res, err := recommend.Rank(ctx, c, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != in.Limit {
		t.Errorf("%d recommendations, want %d: %v", len(res.Items), in.Limit, recIDs(res))
	}
}
