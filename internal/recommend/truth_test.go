package recommend_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// truthWorld is the demo catalog with a synthetic order history, and what the test
// knows about it independently of the catalog: each customer's purchases, each
// product's sales and which customers bought each pair of products.
type truthWorld struct {
	c         *catalog.Catalog
	products  map[string]catalog.Product
	histories [][]recommend.Purchase // per customer, newest first
	sales     map[string]int         // sales per product
	buyers    map[string]map[int]bool
}

func newTruthWorld(t *testing.T) *truthWorld {
	t.Helper()
	ctx := context.Background()
	w := &truthWorld{c: testshop.DemoCatalog(t, ""), products: map[string]catalog.Product{}, sales: map[string]int{}, buyers: map[string]map[int]bool{}}
	ps := demo.Products()
	byCat := map[string][]catalog.Product{}
	var cats []string
	for _, p := range ps {
		w.products[p.ID] = p
		if !p.Purchasable() || p.Hidden {
			continue
		}
		if byCat[p.Category] == nil {
			cats = append(cats, p.Category)
		}
		byCat[p.Category] = append(byCat[p.Category], p)
	}
	r := rand.New(rand.NewPCG(24, 11))
	var sales []catalog.Sale
	for i := range 120 {
		mine := []string{cats[r.IntN(len(cats))], cats[r.IntN(len(cats))]}
		var hist []recommend.Purchase
		var before []string
		for j := range 1 + r.IntN(8) {
			in := byCat[mine[r.IntN(2)]]
			p := in[r.IntN(min(len(in), 6))] // a few favourites per category, so pairs repeat
			at := recNow.AddDate(0, 0, -100+j*10)
			sales = append(sales, catalog.Sale{ProductID: p.ID, Quantity: 1, AlsoBought: slices.Clone(before), At: at})
			w.sales[p.ID]++
			if w.buyers[p.ID] == nil {
				w.buyers[p.ID] = map[int]bool{}
			}
			w.buyers[p.ID][i] = true
			if !slices.Contains(before, p.ID) {
				before = append([]string{p.ID}, before...)
			}
			hist = append([]recommend.Purchase{{ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Price: p.Price, At: at}}, hist...)
		}
		w.histories = append(w.histories, hist)
	}
	if err := w.c.RecordSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	return w
}

// together is how many customers other than self bought both a and b.
func (w *truthWorld) together(a, b string, self int) int {
	n := 0
	for cust := range w.buyers[a] {
		if cust != self && w.buyers[b][cust] {
			n++
		}
	}
	return n
}

var (
	reRated     = regexp.MustCompile(`^Rated (\d\.\d)/5 by ([\d,]+) reviewers$`)
	reRatedNow  = regexp.MustCompile(`^Rated (\d\.\d)/5 and in stock now$`)
	reOrdered   = regexp.MustCompile(`^You have ordered this (\d+) times$`)
	reDueAgain  = regexp.MustCompile(`^You have ordered this (\d+) times, about every (\d+ days|\d+ weeks|\d+ months|day), last on (\d+) ([A-Z][a-z]+)( \d{4})?: due again$`)
	reCoBought  = regexp.MustCompile(`^Often bought with the «(.+)» you ordered in ([A-Z][a-z]+)( \d{4})?$`)
	reTopRated  = regexp.MustCompile(`^Top rated in «(.+)»( at this price)?$`)
	reMatches   = regexp.MustCompile(`^Matches "(.+)"$`)
	reAsked     = regexp.MustCompile(`^(.+), as asked$`)
	reShopFor   = regexp.MustCompile(`^You (often shop for|have shopped for) «(.+)»( before)?$`)
	reBuyBrand  = regexp.MustCompile(`^You (often buy|have bought) «(.+)»( before)?$`)
	reYouLikeIt = regexp.MustCompile(`^You like «(.+)»$`)
	reLike      = regexp.MustCompile(`^Like the «(.+)» you ordered in ([A-Z][a-z]+)( \d{4})?$`)
	reMadeFor   = regexp.MustCompile(`^Made for the «(.+)» you ordered in ([A-Z][a-z]+)( \d{4})?$`)
	reMadeForIt = regexp.MustCompile(`^Made for your «(.+)», ordered in ([A-Z][a-z]+)( \d{4})?$`)
)

// namesWordOf reports whether title has a word of 4 letters or more of other, either
// without a plural "s" ("Headphone Stand" of "Kids' Headphones").
func namesWordOf(title, other string) bool {
	words := strings.Fields(strings.ToLower(title))
	for _, w := range strings.FieldsFunc(strings.ToLower(other), func(r rune) bool { return r == ' ' || r == ',' || r == '/' || r == '(' || r == ')' }) {
		w = strings.TrimSuffix(w, "s")
		if len(w) >= 4 && slices.ContainsFunc(words, func(t string) bool { return strings.TrimSuffix(strings.Trim(t, ",()"), "s") == w }) {
			return true
		}
	}
	return false
}

// check returns why reason is not true of p for the customer self (-1 for none) asking
// with in; "" when it is.
func (w *truthWorld) check(reason string, p catalog.Product, in recommend.Input, self int) string {
	rated := func(r string) bool { return fmt.Sprintf("%.1f", p.Rating) == r && p.ReviewCount > 0 }
	inCategory := func(label string) bool {
		segs := strings.Split(label, " > ")
		path := strings.Split(p.Category, " > ")
		for i := 0; i+len(segs) <= len(path); i++ {
			if strings.EqualFold(strings.Join(path[i:i+len(segs)], " > "), label) {
				return true
			}
		}
		return false
	}
	countHistory := func(f func(h recommend.Purchase) bool) int {
		n := 0
		for _, h := range in.History {
			if f(h) {
				n++
			}
		}
		return n
	}
	switch m := []string(nil); {
	case reason == "In stock now":
		if !p.Purchasable() {
			return "not in stock"
		}
	case reason == "Priced like what you usually buy":
		if len(in.History) == 0 {
			return "no purchases to compare with"
		}
	case reason == "In your price range":
		major := float64(p.Price.Amount) / 100
		if in.MinPrice == nil && in.MaxPrice == nil || in.MinPrice != nil && major < *in.MinPrice || in.MaxPrice != nil && major > *in.MaxPrice {
			return "outside the stated range"
		}
	case reason == "One of the best sellers":
		if w.sales[p.ID] < 3 {
			return fmt.Sprintf("sold %d times", w.sales[p.ID])
		}
	case reason == "You have ordered this before":
		if countHistory(func(h recommend.Purchase) bool { return h.ProductID == p.ID }) == 0 {
			return "never ordered"
		}
	case strings.HasPrefix(reason, "A popular, well-rated pick: "):
		if !rated(fmt.Sprintf("%.1f", p.Rating)) || p.Rating < 4 || p.ReviewCount < 10 {
			return fmt.Sprintf("rated %.1f by %d", p.Rating, p.ReviewCount)
		}
	case strings.HasPrefix(reason, "A pick from across the catalog: "):
	case func() bool { m = reRated.FindStringSubmatch(reason); return m != nil }():
		if !rated(m[1]) || strings.ReplaceAll(m[2], ",", "") != strconv.FormatInt(p.ReviewCount, 10) {
			return fmt.Sprintf("rated %.1f by %d", p.Rating, p.ReviewCount)
		}
	case func() bool { m = reRatedNow.FindStringSubmatch(reason); return m != nil }():
		if !rated(m[1]) || !p.Purchasable() {
			return fmt.Sprintf("rated %.1f by %d", p.Rating, p.ReviewCount)
		}
	case func() bool { m = reOrdered.FindStringSubmatch(reason); return m != nil }():
		if n := countHistory(func(h recommend.Purchase) bool { return h.ProductID == p.ID }); strconv.Itoa(n) != m[1] {
			return fmt.Sprintf("ordered %d times", n)
		}
	case func() bool { m = reDueAgain.FindStringSubmatch(reason); return m != nil }():
		// Ordered that many times, on at least two days, the latest on that date.
		var last time.Time
		days := map[string]bool{}
		n := countHistory(func(h recommend.Purchase) bool {
			if h.ProductID != p.ID {
				return false
			}
			days[h.At.Format(time.DateOnly)] = true
			if h.At.After(last) {
				last = h.At
			}
			return true
		})
		when := fmt.Sprintf("%d %s", last.Day(), last.Month())
		if last.Year() != in.Now.Year() {
			when += fmt.Sprintf(" %d", last.Year())
		}
		if strconv.Itoa(n) != m[1] || len(days) < 2 || when != m[3]+" "+m[4]+m[5] {
			return fmt.Sprintf("ordered %d times on %d days, last on %s", n, len(days), when)
		}
	case func() bool { m = reCoBought.FindStringSubmatch(reason); return m != nil }():
		best := 0
		for _, h := range in.History {
			when := h.At.Month().String()
			if h.At.Year() != in.Now.Year() {
				when += fmt.Sprintf(" %d", h.At.Year())
			}
			if strings.HasPrefix(h.Title, strings.TrimSuffix(m[1], "…")) && m[2]+m[3] == when {
				best = max(best, w.together(h.ProductID, p.ID, self))
			}
		}
		if best < recommend.MinCoCustomers {
			return fmt.Sprintf("only %d other customers bought both", best)
		}
	case func() bool { m = reTopRated.FindStringSubmatch(reason); return m != nil }():
		if !inCategory(m[1]) || p.Rating < 4 || p.ReviewCount == 0 {
			return fmt.Sprintf("in %q, rated %.1f by %d", p.Category, p.Rating, p.ReviewCount)
		}
	case func() bool { m = reMatches.FindStringSubmatch(reason); return m != nil }():
		for _, word := range strings.Fields(m[1]) {
			if !strings.Contains(strings.ToLower(in.Context), word) {
				return "the request does not say " + word
			}
		}
	case func() bool { m = reAsked.FindStringSubmatch(reason); return m != nil }():
		if !strings.Contains(strings.ToLower(in.Context), strings.ToLower(m[1])) {
			return "not asked"
		}
	case func() bool { m = reShopFor.FindStringSubmatch(reason); return m != nil }():
		last := m[2][strings.LastIndex(m[2], " > ")+1:]
		last = strings.TrimSpace(strings.TrimPrefix(last, ">"))
		n := countHistory(func(h recommend.Purchase) bool {
			segs := strings.Split(h.Category, " > ")
			path := strings.Split(p.Category, " > ")
			for i := range min(len(segs), len(path)) {
				if segs[i] != path[i] {
					return false
				}
				if strings.EqualFold(segs[i], last) {
					return true
				}
			}
			return false
		})
		if !inCategory(m[2]) || n == 0 || m[1] == "often shop for" && n < 2 {
			return fmt.Sprintf("bought %d times from that category", n)
		}
	case func() bool { m = reBuyBrand.FindStringSubmatch(reason); return m != nil }():
		n := countHistory(func(h recommend.Purchase) bool { return strings.EqualFold(h.Brand, m[2]) })
		if !strings.EqualFold(p.Brand, m[2]) || n == 0 || m[1] == "often buy" && n < 2 {
			return fmt.Sprintf("bought %d times from that brand", n)
		}
	case func() bool { m = reYouLikeIt.FindStringSubmatch(reason); return m != nil }():
		brand := strings.EqualFold(p.Brand, m[1]) && slices.ContainsFunc(in.FavoriteBrands, func(b string) bool { return strings.EqualFold(b, m[1]) })
		cat := inCategory(m[1]) && slices.ContainsFunc(in.FavoriteCategories, func(f string) bool {
			return inCategory(f) && strings.EqualFold(f[strings.LastIndex(f, ">")+1:], " "+m[1]) || strings.EqualFold(f, m[1])
		})
		if !brand && !cat {
			return "not a favourite"
		}
	case func() bool { m = reLike.FindStringSubmatch(reason); return m != nil }():
		// A purchase without a brand or category, ordered in that month, whose title
		// shares a word with the product's.
		words := map[string]bool{}
		for _, f := range strings.FieldsFunc(strings.ToLower(p.Title), notLetter) {
			words[f] = true
		}
		ok := false
		for _, h := range in.History {
			when := h.At.Month().String()
			if h.At.Year() != in.Now.Year() {
				when += fmt.Sprintf(" %d", h.At.Year())
			}
			if !strings.HasPrefix(h.Title, strings.TrimSuffix(m[1], "…")) || m[2]+m[3] != when || h.Brand != "" && h.Category != "" {
				continue
			}
			for _, f := range strings.FieldsFunc(strings.ToLower(h.Title), notLetter) {
				ok = ok || len(f) > 2 && words[f]
			}
		}
		if !ok {
			return "no purchase like it"
		}
	case func() bool { m = reMadeFor.FindStringSubmatch(reason); return m != nil }():
		// The last purchase, ordered in that month, whose title the product's words
		// after "for" name.
		ok := false
		for _, h := range in.History {
			when := h.At.Month().String()
			if h.At.Year() != in.Now.Year() {
				when += fmt.Sprintf(" %d", h.At.Year())
			}
			ok = ok || strings.HasPrefix(h.Title, strings.TrimSuffix(m[1], "…")) && m[2]+m[3] == when
		}
		if !ok || !strings.Contains(strings.ToLower(p.Title), " for ") && !namesWordOf(p.Title, strings.TrimSuffix(m[1], "…")) {
			return "not made for a purchase of that month"
		}
	case func() bool { m = reMadeForIt.FindStringSubmatch(reason); return m != nil }():
		// A purchase of that month whose title has that model, and a product whose
		// title is for something or that is of the purchase's brand.
		ok := false
		for _, h := range in.History {
			when := h.At.Month().String()
			if h.At.Year() != in.Now.Year() {
				when += fmt.Sprintf(" %d", h.At.Year())
			}
			ok = ok || strings.Contains(h.Title, m[1]) && m[2]+m[3] == when &&
				(strings.Contains(strings.ToLower(p.Title), " for ") || p.Brand != "" && strings.EqualFold(p.Brand, h.Brand) || namesWordOf(p.Title, h.Title))
		}
		if !ok {
			return "not made for a purchase of that model and month"
		}
	default:
		return "a reason this test does not know"
	}
	return ""
}

// TestRecommendEveryReasonIsTrue asks for recommendations for many customers and
// requests, and checks every reason given against the product's data and the
// customer's orders: a reason is never false.
func TestRecommendEveryReasonIsTrue(t *testing.T) {
	w := newTruthWorld(t)
	ctx := context.Background()
	fifty, hundred := 50.0, 100.0
	cheap := []float64{8, 12, 20, 30}
	contexts := []string{"", "coffee", "running shoes under $100", "a gift for a hiker", "zzyzx tea", "waterproof", "headphones", "hair", "cat toys", "tent zzyzx", "travel books", "cookware over $20"}
	checked, likes, dues := 0, 0, 0
	for i, hist := range w.histories {
		var bought []string
		for _, h := range hist {
			bought = append(bought, h.ProductID)
		}
		first := w.products[hist[0].ProductID]
		bare := slices.Clone(hist) // as a feed without brands or categories gives them
		for k := range bare {
			bare[k].Brand, bare[k].Category = "", ""
		}
		variants := []struct {
			self int
			in   recommend.Input
		}{
			{i, recommend.Input{History: hist, Exclude: bought}},
			{i, recommend.Input{History: hist}},
			{i, recommend.Input{History: bare, Exclude: bought}},
			{i, recommend.Input{History: hist, Exclude: bought, Context: contexts[i%len(contexts)]}},
			{i, recommend.Input{History: hist, FavoriteBrands: []string{first.Brand}, FavoriteCategories: []string{first.Category}, MaxPrice: &hundred}},
			{-1, recommend.Input{Context: contexts[i%len(contexts)]}},
			{-1, recommend.Input{MinPrice: &fifty}},
			{i, recommend.Input{History: hist, Exclude: bought, MaxPrice: &cheap[i%len(cheap)]}},
			{i, recommend.Input{History: hist, Exclude: bought, Category: w.products[hist[len(hist)-1].ProductID].Category}},
			{-1, recommend.Input{}},
		}
		for _, v := range variants {
			v.in.Limit, v.in.Now = recommend.MaxLimit, recNow
			res, err := recommend.Rank(ctx, w.c, v.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range res.Items {
				p := w.products[it.ID]
				for _, reason := range it.Reasons {
					checked++
					if reLike.MatchString(reason) {
						likes++
					}
					if reDueAgain.MatchString(reason) {
						dues++
					}
					if why := w.check(reason, p, v.in, v.self); why != "" {
						t.Errorf("%s (rated %.1f by %d) for customer %d asking %+v: %q is false: %s", p.ID, p.Rating, p.ReviewCount, i, v.in.Context, reason, why)
					}
				}
			}
		}
		if t.Failed() && i > 10 {
			break
		}
	}
	if checked < 5000 {
		t.Errorf("checked only %d reasons", checked)
	}
	if likes < 20 {
		t.Errorf("checked only %d reasons citing a similar purchase", likes)
	}
	if dues < 20 {
		t.Errorf("checked only %d reasons saying a product is due again", dues)
	}
	t.Logf("checked %d reasons, %d citing a similar purchase, %d saying due again", checked, likes, dues)
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }
