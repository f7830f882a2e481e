// Package recommend is the recommendation use case: personal product picks, each with
// the reasons it was picked, for one customer. It reads the customer's preferences and
// orders from store and draws candidates through catalog's candidate reads (see
// catalog.Pool); it parses the request's context, builds the customer's profile, picks
// the candidates, scores them and writes the reasons.
package recommend

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Limits of a recommendation list.
const (
	DefaultLimit = 5
	MaxLimit     = 20
)

// The names a *catalog.ArgError gives Input's price range, which comes from the
// customer's preferences (their price_range).
const (
	ArgMinPrice = "price_range min"
	ArgMaxPrice = "price_range max"
)

// Purchase is one product from the customer's order history.
type Purchase struct {
	ProductID string
	Title     string // as ordered; reasons cite it ("Often bought with the … you ordered")
	Brand     string
	Category  string      // category path
	Price     money.Money // unit price paid; a zero Amount means unknown
	At        time.Time
}

// Input is everything Rank knows about the customer, as plain values.
type Input struct {
	// Context is free text such as "a gift for a runner under $100". When set, the
	// candidates are the products matching it; a price phrase in it ("under $100",
	// "$20-50") narrows the price range, and a kind of person after "for" ("a
	// runner") is searched for as what they do ("running").
	Context  string
	Category string // only this category and its descendants, as catalog.Query.Category
	Limit    int    // 1–MaxLimit; 0 means DefaultLimit

	FavoriteCategories []string // each matches a category and its descendants
	FavoriteBrands     []string
	DislikedBrands     []string // never recommended
	// MinPrice and MaxPrice are the stated price range in major units; nothing outside
	// it is recommended.
	MinPrice, MaxPrice *float64

	History []Purchase // the customer's purchases, in any order
	Exclude []string   // product ids never to recommend, such as those already bought
	// ExcludedSellers are seller ids whose products are never recommended: those that
	// cannot be bought from.
	ExcludedSellers []string
	Now             time.Time // the time recency is measured from; zero means now
}

// Item is one recommended product.
type Item struct {
	catalog.Product
	Score   float64  // higher is better; comparable within one call only
	Reasons []string // short sentences for the person, most important first
}

// Result is what Rank returns.
type Result struct {
	Items []Item
	// ColdStart is true when there was nothing personal to go on (no context, no
	// favourite categories or brands, no history): the items are the best rated
	// popular products across categories.
	ColdStart bool
	Notes     []string // anything the caller may not expect
}

// Rank ranks the products of c for one customer from the plain facts in in. Hard rules:
// it never returns a disliked brand, a product that cannot be bought now (out of stock,
// preorder, hidden, or sold by one of ExcludedSellers), a product outside the stated price range, or an excluded id; and
// no brand fills more than two places in five (MaxPerBrand). The result may be shorter
// than the limit when few products pass. Invalid input (context, limit, price range)
// returns a *catalog.ArgError naming the argument: "context", "limit", or ArgMinPrice
// or ArgMaxPrice for the price range.
func Rank(ctx context.Context, c *catalog.Catalog, in Input) (Result, error) {
	return rank(ctx, c, in, defaultParams())
}

// params are the tunable constants of the ranking: the weights of the score and the
// half-lives of the history, in days.
type params struct {
	w features
	// halfLife is the days after which a purchase counts half in the customer's
	// category, brand and price affinities.
	halfLife float64
	// coHalfLife is the same for a purchase as a source of co-purchases: what goes with
	// a product is mostly bought soon after it.
	coHalfLife float64
	// coSlots is the share of a personal list kept for co-purchases alone (see pick).
	coSlots float64
	// catShare is the share of a personal list one category may fill (see pick).
	catShare float64
	// coAlpha is the popularity damping of co-purchase pairs (see cand.sumCo).
	coAlpha float64
	// fitSlots is madeForSlots for what only fits a just-bought product (by its
	// brand's platform or type, none by its model), and fitDemote whether a second of
	// its type is then demoted (see pick).
	fitSlots  float64
	fitDemote bool
}

func defaultParams() params {
	return params{w: weights(), halfLife: halfLifeDays, coHalfLife: coHalfLifeDays, coSlots: coSlotShare, catShare: catCapShare, coAlpha: coAlphaDamping,
		fitSlots: madeForSlots, fitDemote: true}
}

// rank is Rank with the given parameters.
func rank(ctx context.Context, c *catalog.Catalog, in Input, pr params) (Result, error) {
	if err := in.validate(); err != nil {
		return Result{}, err
	}
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	r := &recommender{c: c, in: in, w: pr.w, p: pr, cands: map[catalog.Ref]*cand{}}
	var out Result
	ok, err := r.setup(ctx, &out)
	if err != nil || !ok {
		return out, err
	}
	if err := r.gather(ctx, &out); err != nil {
		return Result{}, err
	}
	if err := r.load(ctx); err != nil {
		return Result{}, err
	}
	if err := r.score(ctx); err != nil {
		return Result{}, err
	}
	out.ColdStart = r.cold
	if out.Items, err = r.result(ctx, r.pick()); err != nil {
		return Result{}, err
	}
	if len(out.Items) == 0 {
		out.Notes = append(out.Notes, "No product passes the preferences and filters; a wider price range or another category may help.")
	}
	return out, nil
}

// MaxPerBrand is how many of limit recommendations may share a brand: two in five,
// rounded up, and at least one.
func MaxPerBrand(limit int) int {
	return max(1, (2*limit+4)/5)
}

func (in *Input) validate() error {
	if n := utf8.RuneCountInString(in.Context); n > catalog.MaxTextRunes {
		return &catalog.ArgError{Arg: "context", Problem: catalog.ArgTooLong, Got: n, Max: catalog.MaxTextRunes}
	}
	if in.Limit == 0 {
		in.Limit = DefaultLimit
	}
	if in.Limit < 1 || in.Limit > MaxLimit {
		return &catalog.ArgError{Arg: "limit", Problem: catalog.ArgOutOfRange, Min: 1, Max: MaxLimit}
	}
	for _, b := range []struct {
		arg string
		p   *float64
	}{{ArgMinPrice, in.MinPrice}, {ArgMaxPrice, in.MaxPrice}} {
		if b.p != nil && (*b.p < 0 || math.IsNaN(*b.p) || math.IsInf(*b.p, 0)) {
			return &catalog.ArgError{Arg: b.arg, Problem: catalog.ArgNegative}
		}
	}
	if in.MinPrice != nil && in.MaxPrice != nil && *in.MinPrice > *in.MaxPrice {
		return &catalog.ArgError{Arg: ArgMinPrice, Problem: catalog.ArgAbove, Than: ArgMaxPrice}
	}
	return nil
}

// recommender is one Rank call in progress.
type recommender struct {
	c    *catalog.Catalog
	in   Input
	w    features // the weights of the score (p.w)
	p    params
	pool *catalog.Pool // what every candidate must pass: visible, in stock, price range, category, not disliked

	words         []string            // the search words of the context
	said          map[string]string   // search word → the person's word it stands for
	relaxed       bool                // the text matched some words only
	allBought     bool                // every product with all the context's words is excluded (bought)
	boughtMatches int                 // text matches left out as excluded
	needs         []catalog.NeedThing // the things a need of the context names, when they were matched instead of its words
	wordN         []int               // when relaxed, how many products have each of the first MaxRelaxedWords words (up to maxRankedMatches+1)
	askedFor      string              // the price phrase found in Context, for reasons
	prof          profile             // what the input says about the customer
	cold          bool                // nothing personal to go on
	personal      bool                // candidates came from the profile, not from text
	exclude       map[string]bool
	matches       []catalog.Ref // while gathering a broad text match, its products, sorted
	cands         map[catalog.Ref]*cand
	order         []catalog.Ref // candidates in the order found, for determinism
	maxCo         float64
	maxKNN        float64
	maxSimilar    float64
	maxOrders     int64
	catMaxBuyers  map[int64]int64
	maxRevs       int64

	// madeFor is how many candidates are made for the just-bought product, and bought
	// that product (nil when nothing is made for it): see fromMadeFor.
	madeFor int
	bought  *justBought

	// constrained is true when the customer stated a price range or disliked brands:
	// a cold start then still follows stated preferences.
	constrained bool
}

// setup parses the context, builds the profile and compiles the filter. It reports
// false, with a note in out, when nothing can match.
func (r *recommender) setup(ctx context.Context, out *Result) (bool, error) {
	in := &r.in
	r.constrained = in.MinPrice != nil || in.MaxPrice != nil || len(in.DislikedBrands) > 0
	cp := parseContextPrice(in.Context)
	r.words, r.said = forPursuits(dropFillers(catalog.Words(cp.rest)), cp.rest)
	if cp.phrase != "" {
		r.askedFor = cp.phrase
		if cp.min != nil && (in.MinPrice == nil || *cp.min > *in.MinPrice) {
			in.MinPrice = cp.min
		}
		if cp.max != nil && (in.MaxPrice == nil || *cp.max < *in.MaxPrice) {
			in.MaxPrice = cp.max
		}
		if in.MinPrice != nil && in.MaxPrice != nil && *in.MinPrice > *in.MaxPrice {
			out.Notes = append(out.Notes, fmt.Sprintf("The request asks for %s, which is outside the customer's price range.", cp.phrase))
			return false, nil
		}
	}
	pool, note, err := r.c.Pool(ctx, catalog.PoolFilter{Category: in.Category, MinPrice: in.MinPrice, MaxPrice: in.MaxPrice,
		ExcludeBrands: in.DislikedBrands, ExcludeSellers: in.ExcludedSellers})
	if err != nil {
		return false, fmt.Errorf("recommend: %w", err)
	}
	if note != "" {
		out.Notes = append(out.Notes, note)
		return false, nil
	}
	r.pool = pool
	r.exclude = map[string]bool{}
	for _, id := range in.Exclude {
		r.exclude[strings.TrimSpace(id)] = true
	}
	if err := r.buildProfile(ctx); err != nil {
		return false, err
	}
	r.cold = len(r.words) == 0 && !r.prof.personal()
	return true, nil
}

// saidWords writes search words as the person wrote them ("run" was "runner").
func (r *recommender) saidWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if s := r.said[w]; s != "" {
			w = s
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}
