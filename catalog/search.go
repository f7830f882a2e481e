package catalog

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Sort orders search results.
type Sort string

// The sort orders Search accepts. The zero value is SortRelevance.
const (
	SortRelevance Sort = "relevance"
	SortPriceAsc  Sort = "price_asc"
	SortPriceDesc Sort = "price_desc"
	SortRating    Sort = "rating"
	// SortNewest is the order "newest" and "latest" ask for. The catalog cannot give
	// it, since it does not know when products came out (UpdatedAt is when a feed last
	// changed one): it is never an argument, only what AppliedOrder reports was asked.
	SortNewest Sort = "newest"
)

// AppliedOrder is an order read from the words of a query ("cheapest" is
// SortPriceAsc): the phrase was removed from the words searched and, unless
// Overridden or Unsupported, the results are in that order, the products of the type
// the query asks for first (as a relevance search puts them first).
type AppliedOrder struct {
	Sort   Sort   // SortPriceAsc, SortPriceDesc, SortRating or SortNewest
	Phrase string // the words it was read from, as written
	// Overridden means the sort argument was given, and wins.
	Overridden bool
	// Unsupported means the catalog cannot order so (SortNewest): the results are in
	// the order they would have been without the phrase.
	Unsupported bool
	// TypeFirst means the query names a type of product and the results open with
	// products of that type, in the order, before accessories and other matches (each
	// in the order too); when false, no match of the type was found to put first.
	TypeFirst bool
}

// Search limits.
const (
	// MaxTextRunes is the longest query text (and recommendation context) accepted, in
	// characters; longer text is refused, not cut.
	MaxTextRunes = 500
	DefaultLimit = 10
	MaxLimit     = 50
	// FacetCap bounds facet work: when more products match, facets are counted over the
	// best FacetCap of them (by the requested order) and Facets.Sampled says so.
	FacetCap = 1000
)

// Query describes a search. The zero value browses every visible product, best rated
// first; set InStock to keep only products that can be bought now.
type Query struct {
	Text     string   // free text; any string is accepted
	Category string   // a category path or any run of its segments; descendants match
	Brand    string   // exact brand, case-insensitive
	Seller   string   // seller id or name, case-insensitive
	MinPrice *float64 // major units of each product's currency, inclusive
	MaxPrice *float64 // major units, inclusive
	InStock  bool     // only products that are in stock now
	// InStockGiven means InStock was asked for explicitly, so that a phrase of Text
	// ("in stock") does not change it; without it, such a phrase sets InStock.
	InStockGiven bool
	MinRating    float64 // 0–5
	Sort         Sort
	Limit        int    // 1–MaxLimit; 0 means DefaultLimit
	Cursor       string // from a previous Result.NextCursor of the same query
	// EveryVariant lists each product of a family (see Variants) as its own result;
	// by default a family is one result, its best ranked match, and Total counts
	// families.
	EveryVariant bool
	// attrs are the colour and size words of Text, filters set (see queryAttrs);
	// attrsOff means they are not read (Search found nothing with them).
	attrs    []attrWord
	attrsOff bool
	// subscription keeps products sold by subscription (a phrase of Text asked for
	// it: FilterSubscription); subscriptionOff means the phrase is not read (Search
	// found nothing sold so, and searched again for what is sold once).
	subscription    bool
	subscriptionOff bool
	// onSale keeps products on sale (a phrase of Text asked for it: FilterOnSale);
	// onSaleOff means the phrase is not read (Search found nothing on sale).
	onSale    bool
	onSaleOff bool
	// onSaleRanked means the on-sale filter is searched even in a catalog with no
	// product on sale (Search, when lifting it found nothing either).
	onSaleRanked bool
	// rebuild means the search builds every pool it reads, carrying none, and keeps
	// them (a background refresh: refreshPools).
	rebuild bool
	// gender keeps the products that fit the gender a phrase of Text named
	// (FilterGender); genderOff means the phrase is not read (Search found nothing
	// that fits it).
	gender    string
	genderOff bool
	// genderYoung means the person a sentence named for the gender may be a child
	// ("my daughter": readAudience): those marked for a child of the gender rank as
	// marked for it.
	genderYoung bool
	// audienceRanked means gender and age were read from the person a sentence names
	// (readAudience): they rank the products marked for them first and filter nothing.
	audienceRanked bool
	// pet is the animal a sentence says is the shopper's when titles name it ("my
	// dog": readAudience): the products whose titles name it rank first.
	pet string
	// age keeps the products that fit the age group a kids' word of Text named
	// (FilterAge); ageOff means kids' words are not read (Search found nothing that
	// fits it, and searched them as words).
	age    string
	ageOff bool
	// brandIDs are the brands Brand names by foldKey (see brandIDs), set by
	// understandQuery; filters reads them instead of Brand when set.
	brandIDs []int64
	// sortGiven means Sort was set (validate sets an empty Sort to SortRelevance): an
	// order the words ask for ("cheapest") is then not used.
	sortGiven bool
	// categoryOnly means Category is read as categories' paths only, not also as the
	// shop's paths among tags (shopPathCondition): a search's own continuations set it
	// to the category of its results.
	categoryOnly bool
}

// Hit is one search result. Its Product has the fields a result list shows; Tags,
// Attributes, GroupID, GTIN and UpdatedAt are left empty (Catalog.Product has them), and
// Hidden is always false since hidden products are never found.
type Hit struct {
	Product
	Snippet string // a short passage of the description around the matched words
	// Seller is the product's seller as the search read it, in the same snapshot as
	// the product (the zero Seller when the catalog has no row for it), so that a
	// caller can tell whether it can buy from it without reading every seller.
	Seller Seller
	// Variants, when the hit stands for its family and other products of the family
	// match the search too, says what they are; nil otherwise.
	Variants *Variants
	// ListPrice, when the product is on sale, is its regular price (above Price; see
	// Product.ListPrice); the zero Money otherwise.
	ListPrice money.Money
	// UnitPrice, when the product's attributes say how much one purchase brings (see
	// Product.UnitPrice), is its price per unit; the zero UnitPrice otherwise.
	UnitPrice UnitPrice
	// Condition, when the product is not new, is its condition ("used",
	// "refurbished", "open box"; see Product.Condition); "" otherwise.
	Condition string
	// NeedsChoices is Product.NeedsChoices of the product's attributes: buying it
	// needs the person's options or personalisation.
	NeedsChoices bool
}

// Facet is a value and how many matching products have it.
type Facet struct {
	Value string
	Count int
}

// PriceBucket counts matching products priced in [Min, Max) major units; Max is 0 for
// the open-ended top bucket.
type PriceBucket struct {
	Min, Max int64
	Count    int
}

// Facets summarise the whole match set, not just the page: they count matching
// products, each variant of a family on its own, as Query.EveryVariant lists them.
type Facets struct {
	Categories []Facet // most common first, at most 20
	Brands     []Facet // most common first, at most 20; a brand is shown as first imported
	Prices     []PriceBucket
	// Sampled is the number of top matches the facets were counted over when the match
	// set was larger than FacetCap; 0 means the facets cover every match.
	Sampled int
}

// Result is a page of search results.
type Result struct {
	Hits []Hit
	// Total is the number of products matching the query and filters, the products
	// of a family (see Variants) counting once unless Query.EveryVariant; see
	// TotalEstimated.
	Total int
	// TotalEstimated means Total is an estimate: there were too many matches to count
	// them with the filters applied (see search_pool.go).
	TotalEstimated bool
	NextCursor     string // empty on the last page
	Facets         Facets
	// Words are the words that were searched for, after dropping punctuation, stop words
	// and anything past the word limit.
	Words string
	// Relaxed is true when no product matched every word and the results match some.
	Relaxed bool
	// Corrected is set when nothing matched the words as typed and the results are for
	// these spelling-corrected words instead.
	Corrected string
	// Notes explain anything the caller may not expect (a cut query, an unknown category).
	Notes []string
	// Applied are the filters read from the words of the query ("under $80"), which
	// were removed from the words searched; those an argument of the query overrode
	// are marked so.
	Applied []AppliedFilter
	// Order, when the words of the query ask for an order ("cheapest", "best rated"),
	// is that order and what became of it.
	Order *AppliedOrder
	// attrsRead means colour or size words of the query were read as filters.
	attrsRead bool
	// subscriptionRead means a phrase of the query asked for products sold by
	// subscription, and only they were searched.
	subscriptionRead bool
	// onSaleRead means a phrase of the query asked for products on sale, and only
	// they were searched.
	onSaleRead bool
	// genderRead means a phrase of the query named a gender, and only the products
	// that fit it were searched.
	genderRead bool
	// ageRead means a kids' word of the query was read as the age filter.
	ageRead bool
	// noneOnSale means the query asked for products on sale, of which the catalog has
	// none: nothing was searched (see noneOnSale).
	noneOnSale bool
	// Suggestions, when nothing matched because most words of the query are in no
	// product, are the words of it that products do have, to search for instead.
	Suggestions []string
	// FilteredOut, when nothing matched, means that products have every word of the
	// query but none of them passes the query's filters (in stock, prices, rating,
	// category, brand…) or is shown in searches.
	FilteredOut bool
	// RankFilling means the catalog, from before product types were ranked (migration
	// 0012), is still writing what ranking knows of its products (FillState.Rank):
	// until then the products of the type asked for may not all come first.
	RankFilling bool
}

// Search runs q. Invalid arguments (a bad sort, limit, price range, rating or cursor)
// return an error wrapping ErrInvalid that names the argument; any text is valid.
// When colour or size words were read as filters and nothing passes them, the query
// is searched again with them as plain words, as it was before they were read, and a
// note says so: the results may well not have them ("black midi dress size 12" where
// no black midi dress comes in 12).
func (c *Catalog) Search(ctx context.Context, q Query) (Result, error) {
	res, err := c.searchLifting(ctx, q)
	if err == nil && res.noneOnSale {
		// Nothing was found with the on-sale phrase lifted either: the answer is the
		// filtered search's own (its notes and suggestions), searched as before.
		q.onSaleRanked = true
		res, err = c.searchLifting(ctx, q)
	}
	return res, err
}

// searchLifting is Search, but that a search with an on-sale phrase in a catalog
// with no product on sale may be answered by res.noneOnSale: nothing, found at once.
func (c *Catalog) searchLifting(ctx context.Context, q Query) (Result, error) {
	res, err := c.search(ctx, q)
	if err == nil && res.Total == 0 && res.ageRead {
		// Nothing for children or unmarked: the kids' word is searched as a word, as
		// in a catalog that marks no age.
		q.ageOff = true
		res, err = c.search(ctx, q)
	}
	if err == nil && res.Total == 0 && res.attrsRead {
		asked := attrsAsked(res.Applied)
		q.attrsOff = true
		res, err = c.search(ctx, q)
		if err == nil && res.Total > 0 && asked != "" {
			res.Notes = append(res.Notes, fmt.Sprintf("No product matches with %s; these results take those words as plain words, and may not have them.", asked))
		}
	}
	// A filter read from a phrase that leaves nothing is lifted, one at a time, and
	// the search run again, saying so: "brita filters subscription" where no Brita
	// filter is sold by subscription finds those sold once; "mens sandals" where every
	// sandal is marked for women, those; "dresses on sale" where none is, the dresses
	// at their usual price.
	for _, f := range []struct {
		read bool
		off  *bool
		note string
	}{
		{res.subscriptionRead, &q.subscriptionOff, "No product sold by subscription matches; these are sold once."},
		{res.genderRead, &q.genderOff, "No product for that gender matches; these are marked for another."},
		{res.onSaleRead, &q.onSaleOff, "No product on sale matches; these are at their usual price."},
	} {
		if err != nil || res.Total > 0 || !f.read {
			continue
		}
		*f.off = true
		if lifted, err2 := c.search(ctx, q); err2 != nil || lifted.Total > 0 {
			res, err = lifted, err2
			res.Notes = append(res.Notes, f.note)
		}
	}
	res.RankFilling = err == nil && res.Words != "" && c.Fill().Rank
	return res, err
}

func (c *Catalog) search(ctx context.Context, q Query) (Result, error) {
	if err := q.validate(); err != nil {
		return Result{}, err
	}
	fp := q.fingerprint()
	offset, err := decodeCursor(q.Cursor, fp)
	if err != nil {
		return Result{}, err
	}
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		return Result{}, err
	}
	defer end()
	s, res, done, err := c.understandQuery(ctx, q, fp)
	if err != nil || done {
		return res, err
	}
	defer c.refreshPools(s, q)
	out, err := c.searchUnderstood(ctx, s, res, offset)
	if err == nil && out.Total == 0 && len(out.Hits) == 0 {
		// "bushcraft tools" where the products with both words are other things: a
		// group named by what it is for.
		if got, ok, err := c.collectiveRest(ctx, s, offset); err != nil || ok {
			return got, err
		}
	}
	if err == nil && s.sentence && out.Total == 0 && len(out.Hits) == 0 && !out.FilteredOut {
		// Every reading of a sentence found nothing: a thing it says is used up is
		// wanted again ("my wife's favorite perfume ran out").
		if got, ok, err := c.sentenceUsedUp(ctx, s, res, offset); err != nil || ok {
			return got, err
		}
		// A sentence that tells of a person: a word the catalog files with one kind
		// of product is its evidence of what it is about.
		if got, ok, err := c.evidenceType(ctx, s, res, offset); err != nil || ok {
			return got, err
		}
	}
	if err != nil || !s.sentence || s.intent == nil {
		return out, err
	}
	if out, err = c.ownedFirst(ctx, s, res, out, offset); err != nil {
		return out, err
	}
	return c.sentenceTail(ctx, s, out, offset)
}

// anyWordTail goes on with the products that have any of the query's words when
// the plain reading of its words (every word, a spelling corrected, or some of them)
// leaves the first page short: a small shop's two air pumps for a fish tank are
// followed by its aquarium filters and tanks, its one clip-on tuner and three other
// tuners by the guitars that come with one, as a plain ranking of the words would
// show them, in Search's own ranking (the type asked for first, accessories last)
// and with the query's filters. What came first is kept as it was; this only fills
// the room left. Only products of the department every categorised product on the
// page is filed in (a night cream is not followed by ice cream), or any product when
// none on the page has a category. After a brand named as what the thing is for
// (brandSaysFor) only that brand's products follow ("thru axle adapter tacx neo": the
// Tacx Neo trainer and Tacx's other trainer parts after the one adapter); a brand named
// as the maker ("kleino tools", "cerave cream") leaves its products the page. Not for a sentence (any
// one of its words finds what the shopper did not ask about), a bare number that may
// name the product ("camping lantern 43"), a product
// named by code, a sorted query (the order is strict), a page with a cursor, or an
// empty result; nor after a reading of other words than the query's (a need, what
// holds a thing), which returns before it; a page of the types its words stand for
// goes on (see fallback): the types read are a guess, and the words are the query's. The
// result is the page (Total counts what it shows), with a note saying where the
// tail starts.
func (c *Catalog) anyWordTail(ctx context.Context, s *search, res Result, offset int) (Result, error) {
	n := len(res.Hits)
	if offset > 0 || n == 0 || n >= s.q.Limit || res.NextCursor != "" || res.TotalEstimated ||
		s.sentence || s.q.sortGiven || s.text.empty() || len(s.text.words) < 2 || namedByNumber(s.rest) ||
		s.intent != nil && s.intent.codeNamed {
		return res, nil
	}
	fill, ok, err := c.departmentFill(ctx, s, res.Hits)
	if err != nil || !ok {
		return res, err
	}
	what := "any of its words"
	if s.intent != nil && len(s.intent.brands) > 0 {
		if ok, err := c.brandSaysFor(ctx, s); err != nil || !ok {
			return res, err
		}
		if len(s.q.brandIDs) == 0 && s.q.Brand == "" {
			if ok, err = c.ofNamedBrands(ctx, &fill, s.intent.brands); err != nil || !ok {
				return res, err
			}
		}
		what = "any of its words, of the brand it names"
	}
	return c.withTail(ctx, &fill, res, s.text, what)
}

// brandSaysFor reports whether the first brand word of s comes after the thing's own
// words: the brand names what the thing is for ("thru axle adapter tacx neo", "charger
// for corvant laptop"), not its maker, which a query names first ("cerave cream",
// whose page is CeraVe's creams alone).
func (c *Catalog) brandSaysFor(ctx context.Context, s *search) (bool, error) {
	if s.learned == nil {
		return false, nil
	}
	for j, w := range s.rest {
		brand, err := s.learned.brandWord(ctx, c, wordKey(w))
		if err != nil || brand {
			return err == nil && j > 0, err
		}
	}
	return false, nil
}

// ofNamedBrands keeps fill to the brands the query names, as a brand filter would;
// ok is false when the filter leaves a note (it filters nothing as asked).
func (c *Catalog) ofNamedBrands(ctx context.Context, fill *search, brands map[int64]bool) (bool, error) {
	fill.q.brandIDs = slices.Sorted(maps.Keys(brands))
	f, note, err := c.filters(ctx, fill.q, onKeys)
	if err != nil || note != "" {
		return false, err
	}
	fill.f = f
	return true, nil
}

// departmentFill is s to fill a page of hits with, kept to the department every
// categorised product of the page is filed in (the first segment of its category)
// when the query names no category; an uncategorised product says nothing of the
// department. ok is false when the page spans departments or the department's
// filter leaves a note (it filters nothing as asked).
func (c *Catalog) departmentFill(ctx context.Context, s *search, hits []Hit) (search, bool, error) {
	top := ""
	for _, h := range hits {
		seg := strings.TrimSpace(strings.SplitN(h.Category, ">", 2)[0])
		if seg == "" {
			continue
		}
		if top != "" && !strings.EqualFold(seg, top) {
			return search{}, false, nil
		}
		top = seg
	}
	fill := *s
	if top != "" && s.q.Category == "" {
		fill.q.Category = top
		f, note, err := c.filters(ctx, fill.q, onKeys)
		if err != nil || note != "" {
			return search{}, false, err
		}
		fill.f = f
	}
	return fill, true, nil
}

// withTail is res followed by the products of q under fill's filters, up to the page
// (Total counts what it shows, the facets are the page's), with a note saying that
// after res's products come others with what (words of q); res itself when none
// comes.
func (c *Catalog) withTail(ctx context.Context, fill *search, res Result, q textQuery, what string) (Result, error) {
	n := len(res.Hits)
	out := res
	out.Hits = slices.Clone(res.Hits)
	if err := fill.fillPage(ctx, &out, q); err != nil {
		return Result{}, err
	}
	if len(out.Hits) == n {
		return res, nil
	}
	out.Total = len(out.Hits)
	var err error
	if out.Facets, err = c.hitFacets(ctx, out.Hits); err != nil {
		return Result{}, err
	}
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("After the first %d come other products with %s.", n, what))
	return out, nil
}

// titlesName reports whether the title of a hit has every word of q (or one of its
// alternatives), compared loosely (coverKey): the words name a product. A brand the
// query names whole counts as the title's ("thru axle adapter tacx neo" names Tacx's
// "Thru Axle Adapter Kit for Neo 2T", whose title leaves the brand out; "Garden Games
// Ltd" is not named by "game" and "garden").
func titlesName(q textQuery, hits []Hit) bool {
	if len(q.words) == 0 {
		return false
	}
	cv := q.cover()
	for _, h := range hits {
		ws := splitWords(strings.ToLower(foldDiacritics(h.Title)))
		if brand := splitWords(strings.ToLower(foldDiacritics(h.Brand))); !slices.ContainsFunc(brand, func(w string) bool {
			_, ok := cv.keys[coverKey(w)]
			return !ok
		}) {
			ws = append(ws, brand...)
		}
		title := make([]bool, len(cv.keys))
		for _, w := range ws {
			if k, ok := cv.keys[coverKey(w)]; ok {
				title[k] = true
			}
		}
		if cv.count(title) == len(q.words) {
			return true
		}
	}
	return false
}

// searchUnderstood searches s, understood (see understandQuery), by the first of its
// readings that finds something.
func (c *Catalog) searchUnderstood(ctx context.Context, s *search, res Result, offset int) (Result, error) {
	// "wick for space heater" where the wicks are a humidifier's: the thing is sold,
	// made for other things, and no reading of the words is what was asked.
	// When the Xs are one kind named after a type, the note names it ("laptop
	// charger": forOtherKind).
	if thing, target, err := c.forNotMade(ctx, s); err != nil || thing != "" {
		if err != nil {
			return Result{}, err
		}
		if kind, named, err := c.forOtherKind(ctx, s); err != nil || kind != "" {
			return c.forOtherKindResult(res, named, kind), err
		}
		return forNotMadeResult(res, thing, target), nil
	}
	if s.sentence && worldQuestion(s.words) {
		// A question about the world: nothing of the catalog answers it.
		known := make([]bool, len(s.text.words))
		for i := range known {
			var err error
			if known[i], err = c.namedWord(ctx, s.text, i); err != nil {
				return Result{}, err
			}
		}
		return c.nothing(ctx, res, s.text, known, nil)
	}
	if s.sentence && s.intent != nil {
		// A request that names what it asks for is searched for that name.
		if out, ok, err := c.sentenceObject(ctx, s, res, offset); err != nil || ok {
			return out, err
		}
		// A sentence that says a need is searched for what meets the need, unless a
		// product's title has all of its words: its other words are the shopper's
		// story, and matching them finds whatever shares a word with it.
		if out, ok, err := c.sentenceNeed(ctx, s, res, offset); err != nil || ok {
			s.needRead = ok
			return out, err
		}
		// No need names it: the product types its words stand for in this catalog,
		// unless it asks for a thing the catalog does not sell.
		if unsold, opens, err := c.unsoldAsked(ctx, s); err != nil {
			return Result{}, err
		} else if !unsold || !opens {
			if out, ok, err := c.heldThing(ctx, s, res, offset); err != nil || ok {
				return out, err
			}
			if out, ok, err := c.sentenceTypes(ctx, s, res, offset); err != nil || ok {
				s.needRead = ok
				if err == nil && onlyArticlesDropped(s.words, s.rest) && len(s.q.attrs) == 0 {
					// A sentence by its count of words alone, no filler ("tree straps
					// for saddle hammock"), goes on as a shorter query's types reading
					// does: with the products that have any of its words (the hammocks
					// after the four straps).
					plain := *s
					plain.sentence = false
					out, err = c.anyWordTail(ctx, &plain, out, offset)
				}
				return out, err
			}
		}
	}
	if tied, ok, err := c.tiedHead(ctx, s); err != nil {
		return Result{}, err
	} else if ok {
		// "betta tank": the aquariums a catalog calls tanks are the thing asked for.
		alt := *s
		alt.text = tied
		if alt.intent, err = s.correctedIntent(ctx, tied); err != nil {
			return Result{}, err
		}
		s = &alt
	}
	if err := s.run(ctx, &res, offset, false); err != nil {
		return Result{}, err
	}
	if res.Total > 0 || s.text.empty() {
		unsold, instead, err := c.unsoldPair(ctx, s)
		if err != nil || unsold {
			return pairNothing(res, s.text), err
		}
		if instead != "" {
			if out, ok, err := c.searchNeed(ctx, s, res, offset, []string{instead}); err != nil || ok {
				return out, err
			}
		}
		if named, ok, err := c.headInName(ctx, s, res, offset); err != nil {
			return Result{}, err
		} else if ok {
			res = named
		}
		ps := s
		if s.sentence && onlyArticlesDropped(s.words, s.rest) && len(s.q.attrs) == 0 && titlesName(s.text, res.Hits) {
			// Many words that a title on the page has are a product's name, not a
			// story ("sram level brake pads", "replacement pads for giro syntax",
			// "liner for the heron 35 sleeping bag"): a short page goes on as a
			// shorter query's does. Not a sentence with filler words ("i'm looking
			// for trail running shoes please": the product named is the page) but an
			// article after "for", nor one whose words name a size or colour.
			plain := *s
			plain.sentence = false
			ps = &plain
		}
		out, err := c.shortPage(ctx, ps, res, offset)
		if err != nil {
			return Result{}, err
		}
		return c.anyWordTail(ctx, ps, out, offset)
	}
	// No product has every word of "knitting gear": a group named by what it is for
	// is the products with its other words, not the kinds of product that most
	// often have "gear" among the shop's labels.
	if out, ok, err := c.collectiveRest(ctx, s, offset); err != nil || ok {
		return out, err
	}
	if s.sentence {
		unsold, opens, err := c.unsoldAsked(ctx, s)
		if err != nil {
			return Result{}, err
		}
		if !unsold || !opens {
			// No need or type reads it: the plain ranking of its words, when sure.
			if out, ok, err := c.sentenceFloor(ctx, s, res, offset); err != nil || ok {
				return out, err
			}
			if out, ok, err := c.sentenceWords(ctx, s, res, offset); err != nil || ok {
				return out, err
			}
		}
	}
	out, err := c.fallback(ctx, s, res, offset)
	if err == nil && s.sentence && out.Total == 0 && len(out.Hits) == 0 && ctx.Err() == nil {
		// Read as nothing: the shopper's own thing, when it is all the sentence names.
		if own, ok, err := c.sentenceOwned(ctx, s, res, offset); err != nil || ok {
			return own, err
		}
		// Or the tool its opening verb names, when its other words name nothing sold.
		if tool, ok, err := c.sentenceTool(ctx, s, res, offset); err != nil || ok {
			return tool, err
		}
		// Or a brand it names in passing ("my son is obsessed with lego").
		if named, ok, err := c.sentenceNamed(ctx, s, res, offset); err != nil || ok {
			return named, err
		}
		// Or, when it asks for something, the words of it the catalog has.
		if asked, ok, err := c.sentenceAsks(ctx, s, res, offset); err != nil || ok {
			return asked, err
		}
		// Or a thing it names in two words as the catalog's titles do.
		if named, ok, err := c.sentencePhrase(ctx, s, res, offset); err != nil || ok {
			return named, err
		}
	}
	return out, err
}

// understandQuery is the query-understanding step of Search: it reads the constraint
// phrases and filler of q's text (understand), expands its words with synonyms,
// compounds and the types category words stand for (expand), works out the filters,
// a price for "cheap" (which reads the matches' prices), and what ranking needs to
// know (intentOf: the type asked for, brands and codes named). It returns done when
// res is the whole result (a filter names nothing). Spelling corrections are made
// later, only when nothing matched (see fallback). BenchmarkUnderstandQuery times it.
func (c *Catalog) understandQuery(ctx context.Context, q Query, fp uint64) (s *search, res Result, done bool, err error) {
	asked := q
	// Kids' words are read as the age filter where the catalog reads them so (readsAge);
	// a text with none reads the same either way, so it is read once.
	u := readQuery(q.Text, c.vocabulary(), !q.ageOff)
	if u.agePhrase != "" {
		ok, err := c.readsAge(ctx, u)
		if err != nil {
			return nil, Result{}, false, err
		}
		if !ok {
			u = understand(q.Text, c.vocabulary())
		}
	}
	res.Applied = u.apply(&q)
	if err := c.readAudience(ctx, u, &q, &res); err != nil {
		return nil, Result{}, false, err
	}
	res.ageRead = q.age != "" && !q.audienceRanked
	res.subscriptionRead = q.subscription
	if q.subscriptionOff {
		res.Applied = slices.DeleteFunc(res.Applied, func(f AppliedFilter) bool { return f.Filter == FilterSubscription })
	}
	res.onSaleRead = q.onSale
	res.genderRead = q.gender != "" && !q.audienceRanked
	if q.genderOff {
		res.Applied = slices.DeleteFunc(res.Applied, func(f AppliedFilter) bool { return f.Filter == FilterGender })
	}
	if q.onSaleOff {
		res.Applied = slices.DeleteFunc(res.Applied, func(f AppliedFilter) bool { return f.Filter == FilterOnSale })
	}
	byWords := u.orderBy(&q, &res)
	// Read first: knownCodes keeps its answers in the view the snapshot read.
	lv, err := c.learnedView(ctx)
	if err != nil {
		return nil, Result{}, false, err
	}
	if !q.attrsOff {
		words, waist := waistLengthWords(u.rest)
		attrs, rest, err := c.queryAttrs(ctx, words, u.sentence, waist)
		if err == nil && waist && !slices.ContainsFunc(attrs, func(a attrWord) bool { return a.kind == FilterSize }) {
			// No such size in the catalog: the words as typed.
			attrs, rest, err = c.queryAttrs(ctx, u.rest, u.sentence, false)
		}
		if err != nil {
			return nil, Result{}, false, err
		}
		u.rest, q.attrs = rest, attrs
		filling := len(attrs) > 0 && c.Fill().Codes
		for _, a := range attrs {
			res.Applied = append(res.Applied, AppliedFilter{Filter: a.kind, Text: a.words, Phrase: a.phrase, Incomplete: filling})
		}
		res.attrsRead = len(attrs) > 0
	}
	// A thing named by what it does ("a machine that makes toast"): the type that does
	// it, when the catalog sells it. A sentence ("something to sharpen my kitchen
	// knives") is left to the sentence's own reading, which its needs and the type
	// vote make of all its words.
	if name, err := c.functionPhrase(ctx, lv, c.vocabulary(), u.words, u.sentence); err != nil {
		return nil, Result{}, false, err
	} else if name != "" {
		res.Notes = append(res.Notes, fmt.Sprintf("Read as a search for %s: the thing that does what the query says.", name))
		u.rest, u.words, u.sentence = strings.Fields(name), strings.Fields(name), false
	}
	text, err := c.expand(ctx, lv, u.rest, len(u.words)-len(u.rest) >= 2) // filler dropped: a shopper's sentence
	if err != nil {
		return nil, Result{}, false, err
	}
	if !text.empty() {
		folds, err := lv.brandFolds(ctx, c)
		if err != nil {
			return nil, Result{}, false, err
		}
		text = brandSpellings(text, folds, ampersandInitials(q.Text))
		if text, err = c.readSizes(ctx, text, q.Text); err != nil {
			return nil, Result{}, false, err
		}
	}
	if q.Brand != "" {
		var note string
		if q.brandIDs, note, err = c.brandIDs(ctx, lv, q.Brand); err != nil {
			return nil, Result{}, false, err
		}
		if note != "" {
			res.Notes = append(res.Notes, note)
			return nil, res, true, nil
		}
	}
	res.Words = text.String()
	if text.cut {
		res.Notes = append(res.Notes, fmt.Sprintf("Only the first %d words of the query were used.", maxQueryWords))
	}
	if strings.TrimSpace(q.Text) != "" && text.empty() && len(res.Applied) == 0 && u.cheap == "" && res.Order == nil {
		res.Notes = append(res.Notes, "The query has no searchable words; showing all products that pass the filters.")
	}
	f, note, err := c.filters(ctx, q, onKeys)
	if err != nil {
		return nil, Result{}, false, err
	}
	if note != "" {
		res.Notes = append(res.Notes, note)
		return nil, res, true, nil
	}
	s = &search{c: c, q: q, asked: asked, fp: fp, f: f, text: text, rest: u.rest, sentence: u.sentence, words: u.words, learned: lv, sortedByWords: byWords}
	if s.sentence && lv.small && len(u.words)-len(u.rest) <= 1 {
		if s.sentence, err = c.notNamed(ctx, text); err != nil {
			return nil, Result{}, false, err
		}
	}
	if u.cheap != "" {
		if err := c.applyCheap(ctx, s, u.cheap, &res); err != nil {
			return nil, Result{}, false, err
		}
	}
	if s.intent, err = s.intentOf(ctx, u.codeText, u.rest, c.vocabulary()); err != nil {
		return nil, Result{}, false, err
	}
	if q.onSale && !q.onSaleRanked {
		// Nothing passes the on-sale filter: Search lifts it at once.
		if none, err := c.noneOnSale(ctx); err != nil || none {
			res.noneOnSale = none
			return nil, res, none, err
		}
	}
	return s, res, false, nil
}

const relaxedNote = "No product matches every word; these match some of them."

// Bounds on the work of a search that finds nothing as asked.
const (
	// DefaultFallbackBudget is how long a search may spend on spelling corrections and
	// partial matches after finding nothing; past it, the result says so.
	DefaultFallbackBudget = 250 * time.Millisecond
	// maxFallbacks is how many searches may do that at once: the others wait (within
	// their budget), so that such searches cannot starve the cheap ones.
	maxFallbacks = 1
)

// fallback retries s, which found nothing with every word: with misspelled words
// corrected, then with any of the words. It works under a budget of time and under
// fallbackGate; when either cuts it short it returns res with a note saying so.
func (c *Catalog) fallback(ctx context.Context, s *search, res Result, offset int) (Result, error) {
	budget := c.fallbackBudget
	if budget == 0 {
		budget = DefaultFallbackBudget
	}
	fctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	cut := func(err error) (Result, error) {
		if ctx.Err() != nil || fctx.Err() == nil {
			return Result{}, err
		}
		res.Notes = append(res.Notes, fmt.Sprintf("The search stopped looking for spelling corrections and partial matches after %v (a bound on the work of one search); try fewer or other words.", budget))
		return res, nil
	}
	if err := c.fallbacks.enter(fctx); err != nil {
		return cut(err)
	}
	defer c.fallbacks.leave()
	if out, ok, err := c.needed(fctx, s, res, offset); err != nil || ok {
		if err != nil {
			return cut(err)
		}
		return out, nil
	}
	// A phrase of the vocabulary none of whose names the catalog has names a thing it
	// does not sell, whatever its words find apart: "rubber bands" where the bands are
	// watch bands and "rubber" a dog ball's.
	if unsold, phrase, err := c.unsoldPhrase(fctx, s); err != nil || unsold {
		if err != nil {
			return cut(err)
		}
		out, err := c.unsoldPhraseResult(fctx, s, res, phrase)
		if err != nil {
			return cut(err)
		}
		return out, nil
	}
	fixed, changed, err := c.corrected(fctx, s.text, s.sentence)
	if err != nil {
		return cut(err)
	}
	if fixed.unchecked {
		res.Notes = append(res.Notes, fmt.Sprintf("Only the first %d unknown words were checked for spelling.", maxCorrections))
	}
	tried, trying := fixed, changed
	if s.sentence && changed {
		// A sentence is mostly the shopper's own words: one no product has is a word
		// of the story ("letters"), not a typo, unless its correction is a slip of
		// typing. Corrected into another word ("liter") it would find products the
		// shopper never meant, so a sentence is searched again with its slips only.
		tried, trying = onlySlips(s.text, fixed, s.namesType)
	}
	if trying {
		alt := *s
		alt.text = tried
		if alt.intent, err = s.correctedIntent(fctx, tried); err != nil {
			return cut(err)
		}
		out := Result{Words: tried.String(), Corrected: tried.String(), Applied: res.Applied,
			Notes: append(res.Notes[:len(res.Notes):len(res.Notes)], correctedWords(s.text, tried))}
		if err := alt.run(fctx, &out, offset, false); err != nil {
			return cut(err)
		}
		if out.Total > 0 {
			if out, err = c.anyWordTail(fctx, &alt, out, offset); err != nil {
				return cut(err)
			}
			return out, nil
		}
	}
	base := s
	if changed {
		alt := *s
		alt.text = fixed
		base = &alt
	}
	if !changed && !s.sentence && !fixed.uncorrected {
		// Every word is the catalog's, but no product has them all ("camping gear"; a
		// word no product has and no correction fits leaves it to relaxed, which drops it):
		// the product types the words stand for, before products with some of them.
		// (A sentence tried this before its words were searched.)
		// The type the query's own head names comes first ("toner for inkora
		// printer" asks for toner, not for the printers most of its words name).
		if headShaped(s) {
			// Unless its head names a thing the catalog does not sell ("mouse trap",
			// "coffee table"): then no type its words stand for is what was asked.
			known := make([]bool, len(s.text.words))
			for i := range known {
				if known[i], err = c.namedWord(fctx, s.text, i); err != nil {
					return cut(err)
				}
			}
			// Or it asks for another kind of a thing than the one sold ("laptop
			// stand" where the stands are monitor stands).
			if kind, err := c.otherKind(fctx, s, known, nil); err != nil || kind != "" {
				if err != nil {
					return cut(err)
				}
				return c.otherKindResult(res, s.text, kind), nil
			}
			unsold, err := c.unsoldHead(fctx, s, known, nil)
			if err == nil && unsold {
				// Unless the head is what the catalog makes for the type its word
				// before it stands for.
				var made bool
				made, err = c.madeForNamed(fctx, s)
				unsold = !made
			}
			if err != nil {
				return cut(err)
			}
			if unsold {
				nothing := c.nothing
				if h := headIndex(s); h >= 0 {
					nothing = func(ctx context.Context, res Result, q textQuery, known, other []bool) (Result, error) {
						return c.headless(ctx, res, q, h, known, other)
					}
				}
				out, err := nothing(fctx, res, s.text, known, nil)
				if err != nil {
					return cut(err)
				}
				return out, nil
			}
		}
		// "dog poop bag holder": what holds the thing its other words name.
		if out, ok, err := c.heldThing(fctx, s, res, offset); err != nil || ok {
			if err != nil {
				return cut(err)
			}
			return out, nil
		}
		// "charger for an electric car" where the chargers are laptop chargers.
		if kind, thing, err := c.forOtherKind(fctx, s); err != nil || kind != "" {
			if err != nil {
				return cut(err)
			}
			return c.forOtherKindResult(res, thing, kind), nil
		}
		head, err := c.headType(fctx, s)
		if err != nil {
			return cut(err)
		}
		var first []string
		if head != "" {
			first = []string{head}
			// "water bottle for guinea pig": no product with the words before "for"
			// says any word after it, so they find the thing asked for alone; but
			// not when a product is made for what the words after it name
			// ("Hammock Straps for Saddle" of `tree straps for saddle hammock`):
			// searchTypes puts those first (madeForTarget).
			before, err := c.forNoneSaid(fctx, s)
			if err != nil {
				return cut(err)
			}
			if before != "" {
				made, err := c.madeForTarget(fctx, s, first)
				if err != nil {
					return cut(err)
				}
				if len(made) > 0 {
					before = ""
				}
			}
			if before != "" {
				// Unless Y names a model of the shop's whose type an X says
				// (modelFor, below): those Xs say what Y is.
				if out, ok, err := c.modelFor(fctx, s, res, offset, head); err != nil || ok {
					if err != nil {
						return cut(err)
					}
					return out, nil
				}
				if out, ok, err := c.searchNeed(fctx, s, res, offset, []string{before}); err != nil || ok {
					if err != nil {
						return cut(err)
					}
					return out, nil
				}
			}
		}
		lone := false
		if head == "" {
			if lone, err = c.loneHead(fctx, s); err != nil {
				return cut(err)
			}
		}
		if !lone {
			if out, ok, err := c.searchTypes(fctx, s, res, offset, first); err != nil || ok {
				if err == nil {
					// A short page of the types read goes on with the products that
					// have any of the query's words, as a plain ranking of them would
					// ("guylines for willow 4": the Willow 4 products after the guylines).
					out, err = c.anyWordTail(fctx, s, out, offset)
				}
				if err != nil {
					return cut(err)
				}
				return out, nil
			}
		}
		// "cassette for kickr core": the cassettes for the type of what the model
		// after "for" names, then what else is made for it.
		if out, ok, err := c.modelFor(fctx, s, res, offset, head); err != nil || ok {
			if err != nil {
				return cut(err)
			}
			return out, nil
		}
	}
	var other []bool // corrections that are other words, not slips (see slipOf)
	if changed {
		other = make([]bool, len(fixed.words))
		for i, w := range s.text.words {
			slip := slipOf(w, fixed.shown[i])
			if s.sentence {
				slip = keptSlip(w, fixed.words[i], fixed.shown[i], s.namesType)
			}
			other[i] = fixed.words[i] != w && !slip
		}
	}
	some, err := c.relaxed(fctx, base, res, offset, trying, other, &s.text)
	if err == nil && some.Relaxed {
		some, err = c.anyWordTail(fctx, base, some, offset)
	}
	if err != nil {
		return cut(err)
	}
	return some, nil
}

// SetFallbackBudget sets how long a search that found nothing as asked may spend on
// spelling corrections and partial matches: 0 means DefaultFallbackBudget, and a
// negative d stops them at once. Call it before searching; tests on busy machines
// give searches more time, so that what they find does not depend on the load.
func (c *Catalog) SetFallbackBudget(d time.Duration) { c.fallbackBudget = d }

// fallbackGate lets at most maxFallbacks searches fall back at once.
type fallbackGate struct {
	once  sync.Once
	slots chan struct{}
}

// enter waits for a slot, or until ctx ends.
func (g *fallbackGate) enter(ctx context.Context) error {
	g.once.Do(func() { g.slots = make(chan struct{}, maxFallbacks) })
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *fallbackGate) leave() { <-g.slots }

func (q *Query) validate() error {
	if n := utf8.RuneCountInString(q.Text); n > MaxTextRunes {
		return &ArgError{Arg: "query", Problem: ArgTooLong, Got: n, Max: MaxTextRunes}
	}
	switch q.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortPriceAsc, SortPriceDesc, SortRating:
		q.sortGiven = true
	default:
		return &ArgError{Arg: "sort", Problem: ArgNotOneOf, OneOf: []string{string(SortRelevance), string(SortPriceAsc), string(SortPriceDesc), string(SortRating)}}
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit < 1 || q.Limit > MaxLimit {
		return &ArgError{Arg: "limit", Problem: ArgOutOfRange, Min: 1, Max: MaxLimit}
	}
	for name, p := range map[string]*float64{"min_price": q.MinPrice, "max_price": q.MaxPrice} {
		if p != nil && (*p < 0 || math.IsNaN(*p) || math.IsInf(*p, 0)) {
			return &ArgError{Arg: name, Problem: ArgNegative}
		}
	}
	if q.MinPrice != nil && q.MaxPrice != nil && *q.MinPrice > *q.MaxPrice {
		return &ArgError{Arg: "min_price", Problem: ArgAbove, Than: "max_price"}
	}
	if q.MinRating < 0 || q.MinRating > 5 || math.IsNaN(q.MinRating) {
		return &ArgError{Arg: "min_rating", Problem: ArgOutOfRange, Min: 0, Max: 5}
	}
	return nil
}

// onlyArticlesDropped reports whether the words understanding dropped from words,
// leaving rest, are at most articles right after "for" ("liner for the heron 35
// sleeping bag"): what follows names what the thing is for, as without the article.
func onlyArticlesDropped(words, rest []string) bool {
	j := 0
	for i, w := range words {
		if j < len(rest) && rest[j] == w {
			j++
			continue
		}
		if !(i > 0 && words[i-1] == "for" && (w == "the" || w == "a" || w == "an")) {
			return false
		}
	}
	return j == len(rest)
}

// namedByNumber reports whether words name a product by a number: a bare number
// that is no size ("camping lantern 43", not "10 inch saw blade"; "20v", "5a" are
// sizes).
func namedByNumber(words []string) bool {
	// Only the words of the thing asked for: what follows "for", "with", "fits" is
	// what it is made for ("derailleur hanger for trek marlin 7"), and a number before
	// the thing's head word names what it is for too ("marlin 7 derailleur hanger",
	// "edge 840 screen protector"); a number after the head names the product itself
	// ("camping lantern 43", "trek marlin 7").
	part := words
	for i, w := range words {
		if i > 0 && madeForWord[w] {
			part = words[:i]
			break
		}
	}
	head, at := headOf(part), -1
	for i, w := range part {
		if wordKey(w) == head {
			at = i
		}
	}
	for i, w := range part {
		if i > at && isNumber(w) && (i+1 == len(part) || !unitWords[part[i+1]]) {
			return true
		}
	}
	return false
}

// madeForWord are the words after which a query names what the thing asked for is
// made for (as queryHead reads them).
var madeForWord = map[string]bool{"for": true, "with": true, "compatible": true, "fits": true, "that": true, "to": true}

// namesType reports whether w heads the titles of products of a kind (see isType).
func (s *search) namesType(w string) bool { return s.learned != nil && s.learned.isType(w) }

// shortPage goes on with the query's own kind of product when the products with every
// word of s, res, do not fill its first page: after them, the products whose names
// or categories have the query's head word, ranked as any search of it is (its type
// first, accessories last). A small shop sells one "circular saw", and its other
// saws are what a shopper who asked for one would look at next; a shop with 200
// saws fills the page with circular saws and is left as it was. Before them come the
// products with two of the query's words or more in their names ("piano sustain
// pedal": the other sustain pedal). When the head names a thing made for another (an
// accessory word of the vocabulary: "saw blade", "battery charger"; or a head after
// a word that names a type of the catalog: "trumpet mouthpiece") and the page is
// still short, the products named by the query's other words follow: what the
// accessory is for (a brand's other products, for "makita charger"); before the head's other products when that type has fewer
// products than the head's (see madeForWords). Only a query of several words, with
// no bare number that may name a product (see namedByNumber; a size's words, "20v",
// are not searched for in what follows), whose head is no word of a brand it names,
// on a page with nothing after it; the products that follow are of the department
// the products with every word are filed in. The result is the page (Total counts what it shows, no cursor),
// with a note saying where the products with every word end.
func (c *Catalog) shortPage(ctx context.Context, s *search, res Result, offset int) (Result, error) {
	n := len(res.Hits)
	all := strings.Fields(strings.Join(s.text.words, " "))
	if offset > 0 || res.NextCursor != "" || res.TotalEstimated || n == 0 || n >= s.q.Limit ||
		s.sentence || s.intent == nil || s.intent.codeNamed || len(all) < 2 ||
		namedByNumber(s.rest) {
		return res, nil
	}
	head := queryHead(s.rest)
	i := slices.IndexFunc(s.text.words, func(w string) bool {
		f := strings.Fields(w)
		return wordKey(f[len(f)-1]) == head
	})
	if head == "" || i < 0 {
		return res, nil
	}
	if len(s.intent.brands) > 0 {
		// "klein tools" names the brand Klein Tools, not tools.
		b, err := s.learned.brandsNamed(ctx, c, slices.DeleteFunc(slices.Clone(s.rest), func(w string) bool { return wordKey(w) == head }))
		if err != nil {
			return Result{}, err
		}
		if len(b) < len(s.intent.brands) {
			return res, nil
		}
	}
	// The products that follow are of the department the products with every word
	// are filed in (the first segment of their categories): a "night cream" is
	// followed by other creams of the beauty department, not by ice cream. When they
	// are not all filed in one, only a query that names no brand goes on.
	top := ""
	for _, h := range res.Hits {
		seg := strings.TrimSpace(strings.SplitN(h.Category, ">", 2)[0])
		if seg == "" || top != "" && !strings.EqualFold(seg, top) {
			top = ""
			break
		}
		top = seg
	}
	if top == "" && len(s.intent.brands) > 0 {
		return res, nil
	}
	fill := *s
	if top != "" && s.q.Category == "" {
		fill.q.Category, fill.q.categoryOnly = top, true
		f, note, err := c.filters(ctx, fill.q, onKeys)
		if err != nil || note != "" {
			return res, err
		}
		fill.f = f
	}
	// The head word, and the last word of each other name of the word or phrase it
	// ends (as ranking reads the query's type: "drum set" is a "drum kit").
	names := []string{s.text.words[i]}
	if i < len(s.text.alts) {
		names = append(names, s.text.alts[i]...)
	}
	var heads []string
	for _, t := range names {
		f := strings.Fields(t)
		if len(f) > 1 && groupWords[f[len(f)-1]] && !groupWords[head] {
			f = f[:len(f)-1] // "drill bit set" is a drill bit, unless a set is asked for
		}
		if h := f[len(f)-1]; !slices.Contains(heads, h) {
			heads = append(heads, h)
		}
	}
	out := res
	out.Hits = slices.Clone(res.Hits)
	// First the head's products of a size the query names, with every size it names
	// ("centerlock rotor 180mm": the 180mm rotors of another mount before the
	// centerlock rotors of other sizes).
	sized := sizeWords(s.text)
	if len(sized.words) > 0 {
		sized.words = append(sized.words, heads[0])
		sized.alts = append(sized.alts, heads[1:])
		if err := fill.fillWith(ctx, &out, sized, false); err != nil {
			return Result{}, err
		}
	}
	bySize := len(out.Hits) - n
	// Then the products that say the head with the word before it, in any field:
	// "gecko heat mat" goes on with the under-tank heater whose description says
	// "heat mat", before other mats. A word before the head that is the unit of a
	// number before it ("8 speed chain", "2 pack filters") says what the thing is
	// like, not what it is called: the products with the unit and the head anywhere
	// follow, the head's other counts of the unit ("KMC X9 Chain 9 Speed"), before the
	// other products named with the head ("Chain Lube").
	phrase, measure := "", ""
	if i >= 2 && !strings.Contains(s.text.words[i], " ") && !strings.Contains(s.text.words[i-1], " ") {
		had := len(out.Hits)
		if unit := s.text.words[i-1]; unitWords[unit] && isNumber(s.text.words[i-2]) {
			q := textQuery{words: []string{unit, s.text.words[i]}}
			if err := fill.fillWith(ctx, &out, q, false); err != nil {
				return Result{}, err
			}
			if len(out.Hits) > had {
				measure = unit
			}
		} else {
			phrase = s.text.words[i-1] + " " + s.text.words[i]
			if err := fill.fillPage(ctx, &out, textQuery{words: []string{phrase}}); err != nil {
				return Result{}, err
			}
			if len(out.Hits) == had {
				phrase = ""
			}
		}
	}
	// Then the other products the shop tags with a type every product with every word
	// is tagged with ("suede boot protector": the other waterproofing sprays, though
	// their titles lack "protector", before the boots).
	tag, err := c.pageTypeTag(ctx, s, res.Hits)
	if err != nil {
		return Result{}, err
	}
	if tag != "" {
		had := len(out.Hits)
		if err := fill.fillPage(ctx, &out, textQuery{words: []string{strings.ToLower(tag)}, tagged: true}); err != nil {
			return Result{}, err
		}
		if len(out.Hits) == had {
			tag = ""
		}
	}
	var rest []string // the query's other words, once each, but sizes ("20v max battery")
	for _, w := range all {
		if wordKey(w) != head && !slices.Contains(rest, w) && !strings.ContainsAny(w, "0123456789") {
			rest = append(rest, w)
		}
	}
	var named []string
	fillWith := func(q textQuery, name string) error {
		if len(out.Hits) >= s.q.Limit {
			return nil
		}
		had := len(out.Hits)
		if err := fill.fillPage(ctx, &out, q); err != nil {
			return err
		}
		if len(out.Hits) > had {
			named = append(named, name)
		}
		return nil
	}
	// The products with the head word filed where every product with all the words
	// is ("chemex filters": the other coffee filters, not the water pitchers' filters
	// of another branch) come before the other products with the head word.
	filedAlike := func() error {
		leaf := sameCategory(res.Hits)
		if leaf == "" || leaf == top || s.q.Category != "" || len(out.Hits) >= s.q.Limit {
			return nil
		}
		same := fill
		same.q.Category, same.q.categoryOnly = leaf, true
		f, note, err := c.filters(ctx, same.q, onKeys)
		if err != nil || note != "" {
			return err
		}
		same.f = f
		had := len(out.Hits)
		if err := same.fillPage(ctx, &out, textQuery{words: heads[:1], alts: [][]string{heads[1:]}, named: true}); err != nil {
			return err
		}
		if len(out.Hits) > had {
			named = append(named, quoteList(heads[:1])+" filed alike")
		}
		return nil
	}
	// What the thing is made for, when a type of the catalog, goes before the head's
	// other products if it has fewer (see madeForWords).
	var made, madeFirst bool
	var typed []string // the words of rest that name a type
	if len(rest) > 0 && len(out.Hits) < s.q.Limit {
		var err error
		if made, madeFirst, typed, err = c.madeForWords(ctx, s, head, rest); err != nil {
			return Result{}, err
		}
	}
	if !madeFirst {
		if err := filedAlike(); err != nil {
			return Result{}, err
		}
	}
	// Then the products with two of the query's words or more in their names ("piano
	// sustain pedal": the other sustain pedal), then those with the head word.
	if len(rest) > 1 {
		q := textQuery{words: append([]string{heads[0]}, rest...), alts: [][]string{heads[1:]}, atLeast: 2, named: true}
		if err := fillWith(q, "two of its words"); err != nil {
			return Result{}, err
		}
	}
	head1 := textQuery{words: heads[:1], alts: [][]string{heads[1:]}, named: true}
	fills := []textQuery{head1}
	if made {
		// What the thing is made for: the products of the type its words name ("tent"
		// of "stakes for cairn 3 tent": the tents before the other products named
		// Cairn), then those with any of the words.
		var madeFills []textQuery
		if len(typed) > 0 && len(typed) < len(rest) {
			madeFills = append(madeFills, textQuery{words: typed, named: true})
		}
		madeFills = append(madeFills, textQuery{words: rest, named: true})
		if madeFirst || c.vocabulary().isAccessory(head) && !leafNames(res.Hits, heads[0]) {
			// An accessory filed under a category that does not name it ("snare
			// stand" under Drum Hardware): its other products, filed elsewhere, are
			// made for other things (the guitar stands), and what the query's other
			// words name comes first (the snare drum's parts), as the rarer words
			// rank first in a plain ranking of them. Under a category of its name
			// ("Microphone Cables") the others of the name are its kind.
			fills = append(madeFills, head1)
		} else {
			fills = append(fills, madeFills...)
		}
	}
	for i, q := range fills {
		if madeFirst && i == len(fills)-1 {
			if err := filedAlike(); err != nil {
				return Result{}, err
			}
		}
		if err := fillWith(q, quoteList(q.words)); err != nil {
			return Result{}, err
		}
	}
	if len(out.Hits) == n {
		return res, nil
	}
	out.Total = len(out.Hits)
	// The facets describe the result, which is the page, not the products with
	// every word alone.
	if out.Facets, err = c.hitFacets(ctx, out.Hits); err != nil {
		return Result{}, err
	}
	them := "them"
	has := "products have"
	if n == 1 {
		them, has = "it", "product has"
	}
	var come []string
	if bySize > 0 {
		come = append(come, fmt.Sprintf("other products with %q of the size asked", heads[0]))
	}
	if phrase != "" {
		come = append(come, fmt.Sprintf("products that say %q", phrase))
	}
	if measure != "" {
		come = append(come, fmt.Sprintf("other products with %q and %q", heads[0], measure))
	}
	if tag != "" {
		come = append(come, fmt.Sprintf("other products tagged %q", tag))
	}
	if len(named) > 0 {
		come = append(come, fmt.Sprintf("other products with %s in their name or category", strings.Join(named, ", then ")))
	}
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Only %d %s every word; after %s come %s.", n, has, them, strings.Join(come, ", then ")))
	return out, nil
}

// sizeWords are the words of q that are a size, a number with a unit ("180mm", "10
// inch", as spellUnits leaves them), with their other spellings.
func sizeWords(q textQuery) textQuery {
	var out textQuery
	for j, w := range q.words {
		n, u := splitSize(w)
		if n == "" {
			n, u, _ = strings.Cut(w, " ")
			if !isNumber(n) {
				continue
			}
		}
		if unitGroup(u) == nil {
			continue
		}
		out.words = append(out.words, w)
		var alts []string
		if j < len(q.alts) {
			alts = q.alts[j]
		}
		out.alts = append(out.alts, alts)
	}
	return out
}

// leafNames reports whether the last segment of a category of hits has the word w
// ("cable" of "... > Microphone Cables").
func leafNames(hits []Hit, w string) bool {
	for _, h := range hits {
		segs := strings.Split(h.Category, ">")
		for _, x := range splitWords(strings.ToLower(segs[len(segs)-1])) {
			if wordKey(x) == wordKey(w) {
				return true
			}
		}
	}
	return false
}

// sameCategory is the category every one of hits is filed in, or "".
func sameCategory(hits []Hit) string {
	leaf := ""
	for _, h := range hits {
		if h.Category == "" || leaf != "" && !strings.EqualFold(h.Category, leaf) {
			return ""
		}
		leaf = h.Category
	}
	return leaf
}

// hitFacets counts hits by category, brand and price bucket, as facets counts matches.
func (c *Catalog) hitFacets(ctx context.Context, hits []Hit) (Facets, error) {
	ids := make([]any, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	ms, err := c.matchesOf(ctx, ids)
	if err != nil {
		return Facets{}, err
	}
	return c.facets(ctx, ms)
}

// matchesOf reads what facets count of the products ids.
func (c *Catalog) matchesOf(ctx context.Context, ids []any) ([]match, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp
		FROM products p JOIN product_keys k ON k.rowid = p.rowid WHERE p.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	defer rows.Close()
	var ms []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.rowid, &m.category, &m.brand, &m.amount, &m.exp); err != nil {
			return nil, fmt.Errorf("search facets: %w", err)
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// madeForWords reports whether the query's head names a thing made for what its other
// words rest name (typed: those of them that name a type of the catalog, or whose
// titles are mostly of such a type the others name): an accessory word of the vocabulary ("saw blade"), or a head
// after a word that names a type of the catalog ("trumpet mouthpiece", "piano
// sustain pedal"); first, whether the type those words name has fewer products than
// the head's, so that a short page goes on with them before the head's other
// products: after the few keyboard stands come the keyboards, not the guitar stands,
// and after the few guitar amps the other amps, not the guitars.
func (c *Catalog) madeForWords(ctx context.Context, s *search, head string, rest []string) (made, first bool, typed []string, err error) {
	fewest := 0
	tops := make([]string, len(rest)) // the head most titles with each word have
	ofHead := make([]bool, len(rest)) // half the titles with each word are of the head's type
	for i, w := range rest {
		// The word names a type when no head is more titles with it than the word is
		// ("bass" of bass guitars, amps and strings names none, nor "electric"), a
		// set's or a kit's head aside ("Drill/Driver Kit", "Drill Bit Set").
		k, own, most, all, asked := wordKey(w), 0, 0, 0, 0
		if err := c.eachTitleHead(ctx, w, func(h string, n int) {
			all += n
			if h == head {
				asked = n
			}
			switch {
			case h == k:
				own = n
			case typeLike(h) && !groupWords[h]:
				if n > most {
					tops[i] = h
				}
				most = max(most, n)
			}
		}); err != nil {
			return false, false, nil, err
		}
		if own > 0 && own >= most {
			tops[i] = k
		}
		ofHead[i] = asked > 0 && 2*asked >= all
		if n := max(own, s.typeProducts(w)); own > 0 && own >= most && (fewest == 0 || n < fewest) {
			fewest = n
		}
	}
	// The words of the type: those that name it, and those most of whose titles are
	// of it ("espresso" of "espresso machine"; not "cairn", a name many types share)
	// or, half of them at least, of the head's ("descaling" of "descaling solution
	// for espresso machine").
	for i, w := range rest {
		if ofHead[i] || tops[i] != "" && slices.ContainsFunc(rest, func(x string) bool { return wordKey(x) == tops[i] }) {
			typed = append(typed, w)
		}
	}
	return fewest > 0 || c.vocabulary().isAccessory(head), fewest > 0 && fewest < s.typeProducts(head), typed, nil
}

// typeProducts is how many products the word heads the titles of, when it names a
// type of the catalog (see isType); 0 otherwise.
func (s *search) typeProducts(w string) int {
	if s.learned == nil {
		return 0
	}
	return s.learned.types[wordKey(w)]
}

// fillPage appends to out's hits, up to the page's limit, the best products whose
// names or categories have any of the words of q (atLeast of them when it says so),
// ranked as a search of them is, less those out has.
func (s *search) fillPage(ctx context.Context, out *Result, q textQuery) error {
	return s.fillWith(ctx, out, q, true)
}

// fillWith is fillPage, of the products with any of the words of q (anyWord) or
// with every one of them.
func (s *search) fillWith(ctx context.Context, out *Result, q textQuery, anyWord bool) error {
	alt := *s
	alt.text = q
	alt.q.Limit = s.q.Limit + len(out.Hits) // room for the products out has, found again
	var more Result
	if err := alt.run(ctx, &more, 0, anyWord); err != nil {
		return err
	}
	var fam map[string]string
	if !s.q.EveryVariant {
		// A family is shown once: by the variant out has, when it has one.
		ids := make([]any, 0, len(out.Hits)+len(more.Hits))
		for _, h := range slices.Concat(out.Hits, more.Hits) {
			ids = append(ids, h.ID)
		}
		var err error
		if fam, err = s.c.familyKeys(ctx, ids); err != nil {
			return err
		}
	}
	same := func(a, b string) bool { return a == b || fam[a] != "" && fam[a] == fam[b] }
	for _, h := range more.Hits {
		if len(out.Hits) == s.q.Limit {
			break
		}
		if !slices.ContainsFunc(out.Hits, func(x Hit) bool { return same(x.ID, h.ID) }) {
			out.Hits = append(out.Hits, h)
		}
	}
	return nil
}

// familyKeys returns the family of each of the products ids that has one (a group id,
// with the seller and brand that make a family; see Variants), by product id.
func (c *Catalog) familyKeys(ctx context.Context, ids []any) (map[string]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, `SELECT id, group_id || char(31) || seller_id || char(31) || brand_key FROM products
		WHERE group_id != '' AND id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search families: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, fmt.Errorf("search families: %w", err)
		}
		out[id] = key
	}
	return out, rows.Err()
}

// attrsAsked says the colour and size filters of applied ("color=black and size=12"),
// "" when there are none.
func attrsAsked(applied []AppliedFilter) string {
	var parts []string
	for _, f := range applied {
		if f.Filter == FilterColor || f.Filter == FilterSize {
			parts = append(parts, f.Filter+"="+f.Text)
		}
	}
	return strings.Join(parts, " and ")
}
