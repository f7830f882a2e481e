package recommend

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// maxReasons is how many reasons a recommendation carries.
const maxReasons = 3

// The last reason of every cold-start recommendation says why the pick is not
// personal: "no preferences", or "no favourites" when a price range or disliked brands
// are stated. It calls the pick popular and well rated only when it is rated at least
// 4 by at least wellRatedReviews reviewers.
const (
	coldStartReason           = "A popular, well-rated pick: there are no preferences or orders to go on yet"
	coldStartStatedReason     = "A popular, well-rated pick: there are no favourites or orders to go on yet"
	coldStartPlainReason      = "A pick from across the catalog: there are no preferences or orders to go on yet"
	coldStartPlainStateReason = "A pick from across the catalog: there are no favourites or orders to go on yet"
	wellRatedReviews          = 10
)

// reasons explains a recommendation in short sentences, the strongest signal first.
func (r *recommender) reasons(c *cand, p *catalog.Product, titles map[string]string) []string {
	type reason struct {
		weight float64
		text   string
	}
	var rs []reason
	add := func(w float64, s string) { rs = append(rs, reason{w, s}) }
	f, w := c.f, r.w
	switch {
	case c.textRank >= 0 && len(r.needs) > 0 && len(c.matched) > 0:
		add(f.text*w.text, fmt.Sprintf("Fits the request (%s)", c.matched[0]))
	case c.textRank >= 0 && !r.relaxed:
		add(f.text*w.text, fmt.Sprintf("Matches %q", r.saidWords(r.words)))
	case c.textRank >= 0 && len(c.matched) > 0:
		add(f.text*w.text, fmt.Sprintf("Matches %q", r.saidWords(c.matched)))
	}
	// What the person said and what they bought together with it are the most
	// convincing reasons, so they come first when they count at all.
	if f.statedBrand > 0 && p.Brand != "" {
		add(w.statedBrand+1.01, "You like "+catalog.SellerText(p.Brand))
	}
	if f.statedCat > 0 {
		add(w.statedCat+1, "You like "+catalog.SellerText(r.statedLabel(c, p.Category)))
	}
	if o, ok := r.prof.reorders[c.ID]; ok && f.due >= minDueReason {
		add(f.due*w.due+2, dueAgain(r.prof.times[c.ID], o, r.in.Now))
	} else if n := r.prof.times[c.ID]; n > 0 {
		add(w.statedBrand+1.02, orderedBefore(n))
	}
	switch {
	case c.madeFor != "" && r.bought != nil && c.madeFor == r.bought.id && r.bought.model != "":
		// "Made for your «DCD791D2», ordered in December": the model names it best.
		add(w.statedBrand+1.03, "Made for your "+catalog.SellerText(r.bought.model)+","+strings.Replace(r.orderedWhen(c.madeFor), " in ", " ordered in ", 1))
	case c.madeFor != "" && titles[c.madeFor] != "":
		add(w.statedBrand+1.03, "Made for the "+catalog.SellerText(titles[c.madeFor])+" you ordered"+r.orderedWhen(c.madeFor))
	}
	if c.coN >= MinCoCustomers && f.co >= 0.2 && titles[c.coFrom] != "" {
		add(f.co*w.co+0.5, "Often bought with the "+catalog.SellerText(titles[c.coFrom])+" you ordered"+r.orderedWhen(c.coFrom))
	}
	if f.similar >= 0.3 && titles[c.simFrom] != "" && r.titleShared(c.simFrom, p.Title) {
		add(f.similar*w.similar+0.4, "Like the "+catalog.SellerText(titles[c.simFrom])+" you ordered"+r.orderedWhen(c.simFrom))
	}
	if f.histBrand >= 0.1 && p.Brand != "" {
		add(f.histBrand*w.histBrand, boughtBefore(r.prof.brandCount[c.BrandKey], p.Brand))
	}
	if text, share := r.usualCategory(p.Category); text != "" {
		add(share*w.histCat, text)
	}
	switch {
	case r.askedFor != "":
		add(0.35, upperFirst(r.askedFor)+", as asked")
	case r.in.MinPrice != nil || r.in.MaxPrice != nil:
		add(0.35, "In your price range")
	case f.price >= 0.7:
		add(f.price*w.price*0.5, "Priced like what you usually buy")
	}
	if c.catRank >= 0 && c.catRank < 3 && c.Rating >= 4 && p.Category != "" {
		// The rank is among the products in the price range only.
		top := "Top rated in " + catalog.SellerText(categoryLabel(p.Category))
		if r.in.MinPrice != nil || r.in.MaxPrice != nil {
			top += " at this price"
		}
		add(f.quality*w.quality+0.2, top)
	} else if c.Rating >= 4.5 && c.Reviews >= 100 {
		add(f.quality*w.quality, fmt.Sprintf("Rated %.1f/5 by %s reviewers", c.Rating, money.Thousands(strconv.FormatInt(c.Reviews, 10))))
	}
	if c.sellerRank >= 0 && c.sellerRank < 10 && c.Orders >= 3 {
		add(f.pop*w.pop+0.1, "One of the best sellers")
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].weight > rs[j].weight })
	n := maxReasons
	if r.cold {
		n--
	}
	out := make([]string, 0, maxReasons)
	for _, x := range rs[:min(len(rs), n)] {
		out = append(out, x.text)
	}
	wellRated := c.Rating >= 4 && c.Reviews >= wellRatedReviews
	switch {
	case len(out) == 0 && !r.cold && c.Rating >= 4 && c.Reviews > 0:
		out = append(out, fmt.Sprintf("Rated %.1f/5 and in stock now", c.Rating))
	case len(out) == 0 && !r.cold:
		out = append(out, "In stock now")
	case r.cold && r.constrained && wellRated:
		out = append(out, coldStartStatedReason)
	case r.cold && r.constrained:
		out = append(out, coldStartPlainStateReason)
	case r.cold && wellRated:
		out = append(out, coldStartReason)
	case r.cold:
		out = append(out, coldStartPlainReason)
	}
	return out
}

// matchedWords sets, when the text match was relaxed to any word, which words of the
// context each picked candidate matches, so that a reason never claims more. refs
// are the picked products.
func (r *recommender) matchedWords(ctx context.Context, picked []*cand, refs []catalog.Ref) error {
	if len(r.needs) > 0 {
		return r.matchedThings(ctx, picked, refs)
	}
	if !r.relaxed {
		return nil
	}
	byRef := make(map[catalog.Ref]*cand, len(picked))
	for _, c := range picked {
		byRef[c.Ref] = c
	}
	live := 0
	for _, n := range r.wordN {
		if n > 0 {
			live++
		}
	}
	for i, n := range r.wordN {
		w := r.words[i]
		if n == 0 {
			continue // no product has it
		}
		if live == 1 {
			// Every candidate of the relaxed match has the one word some product has.
			for _, c := range picked {
				c.matched = append(c.matched, w)
			}
			continue
		}
		matching, err := r.c.MatchesAmong(ctx, catalog.MatchWord(r.words, i), refs)
		err = each(matching, err, func(ref catalog.Ref, _ int) {
			if c := byRef[ref]; c != nil {
				c.matched = append(c.matched, w)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// usualCategory says how often the customer buys in path's category, or, failing
// that, its parent category; "" when not often enough to mention.
func (r *recommender) usualCategory(path string) (string, float64) {
	keys := ancestorKeys(path)
	if len(keys) == 0 {
		return "", 0
	}
	segs := strings.Split(catalog.NormalizeCategory(path), " > ")
	leaf := keys[len(keys)-1]
	if share := r.prof.catShare[leaf]; share >= 0.1 {
		return shoppedFor(r.prof.catCount[leaf], categoryLabel(path)), share
	}
	if len(keys) > 1 {
		parent := keys[len(keys)-2]
		if share := r.prof.catShare[parent]; share >= 0.2 {
			return shoppedFor(r.prof.catCount[parent], segs[len(segs)-2]), share * 0.25
		}
	}
	return "", 0
}

// statedLabel names the favourite category that c is in, with the catalog's casing:
// a favourite "shoes" and a product in "Apparel > Shoes > Running" give "Shoes".
func (r *recommender) statedLabel(c *cand, path string) string {
	i, ok := r.prof.statedCatIDs[c.Category]
	if !ok {
		return categoryLabel(path)
	}
	want := strings.Split(r.prof.statedCats[i].key, " > ")
	segs := strings.Split(catalog.NormalizeCategory(path), " > ")
	for start := 0; start+len(want) <= len(segs); start++ {
		if strings.EqualFold(strings.Join(segs[start:start+len(want)], " > "), strings.Join(want, " > ")) {
			return segs[start+len(want)-1]
		}
	}
	return categoryLabel(path)
}

// titles returns the short titles of the purchases that the picked candidates cite,
// from the history or, when the history has none, from the catalog.
func (r *recommender) titles(ctx context.Context, picked []*cand) (map[string]string, error) {
	out := map[string]string{}
	var missing []string
	for _, c := range picked {
		for _, from := range []string{c.coFrom, c.simFrom, c.madeFor} {
			if from == "" {
				continue
			}
			if _, ok := out[from]; ok {
				continue
			}
			for _, h := range r.prof.recent {
				if h.ProductID == from && h.Title != "" {
					out[from] = shortTitle(catalog.CleanTitle(h.Title))
				}
			}
			if out[from] == "" {
				out[from] = "" // looked for
				missing = append(missing, from)
			}
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	found, err := r.c.Titles(ctx, missing)
	if err != nil {
		return nil, fmt.Errorf("recommend: %w", err)
	}
	for id, title := range found {
		out[id] = shortTitle(title)
	}
	return out, nil
}

// titleShared reports whether the title of the purchase id and title have a word of
// three letters or more in common, other than a few fillers: the text search that
// found the product also matches stems and descriptions, which a person would not
// call alike.
func (r *recommender) titleShared(id, title string) bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), notLetter) {
		words[w] = true
	}
	for _, h := range r.prof.recent {
		if h.ProductID != id {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(h.Title), notLetter) {
			if len(w) > 2 && words[w] && !titleFillers[w] {
				return true
			}
		}
	}
	return false
}

var titleFillers = map[string]bool{"the": true, "and": true, "for": true, "with": true, "set": true, "pack": true}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// orderedWhen says when the customer last ordered product id, as " in May" (or " in
// May 2024" in another year than now); "" when the history does not say.
func (r *recommender) orderedWhen(id string) string {
	for _, h := range r.prof.recent {
		if h.ProductID != id || h.At.IsZero() {
			continue
		}
		at := h.At.In(r.in.Now.Location())
		if at.Year() == r.in.Now.Year() {
			return " in " + at.Month().String()
		}
		return fmt.Sprintf(" in %s %d", at.Month(), at.Year())
	}
	return ""
}

// minDueReason is the least due for which a recommendation says it is due again.
const minDueReason = 0.5

// dueAgain says that a product ordered n times is due again: "You have ordered this 4
// times, about every 5 weeks, last on 3 October: due again".
func dueAgain(n int, o reorder, now time.Time) string {
	every := fmt.Sprintf("%d days", int(math.Round(o.interval)))
	switch weeks := o.interval / 7; {
	case o.interval >= 56:
		every = fmt.Sprintf("%d months", int(math.Round(o.interval/30.44)))
	case o.interval >= 13:
		every = fmt.Sprintf("%d weeks", int(math.Round(weeks)))
	case math.Round(o.interval) == 1:
		every = "day"
	}
	last := o.last.In(now.Location())
	when := fmt.Sprintf("%d %s", last.Day(), last.Month())
	if last.Year() != now.Year() {
		when += fmt.Sprintf(" %d", last.Year())
	}
	return fmt.Sprintf("%s, about every %s, last on %s: due again", orderedBefore(n), every, when)
}

func orderedBefore(n int) string {
	if n >= 2 {
		return fmt.Sprintf("You have ordered this %d times", n)
	}
	return "You have ordered this before"
}

func boughtBefore(n int, brand string) string {
	if n >= 2 {
		return "You often buy " + catalog.SellerText(brand)
	}
	return "You have bought " + catalog.SellerText(brand) + " before"
}

func shoppedFor(n int, label string) string {
	if n >= 2 {
		return "You often shop for " + catalog.SellerText(label)
	}
	return "You have shopped for " + catalog.SellerText(label) + " before"
}

// categoryLabel is how reasons name a category: its last segment, with its parent
// when the path is deeper than two ("Shoes > Running", "Coffee").
func categoryLabel(path string) string {
	segs := strings.Split(catalog.NormalizeCategory(path), " > ")
	if len(segs) >= 3 {
		return strings.Join(segs[len(segs)-2:], " > ")
	}
	return segs[len(segs)-1]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// orList joins things as a shopper would read them: "a", "a or b", "a, b or c".
func orList(things []string) string {
	switch len(things) {
	case 0:
		return ""
	case 1:
		return things[0]
	}
	return strings.Join(things[:len(things)-1], ", ") + " or " + things[len(things)-1]
}

// matchedThings sets, when a need of the context was matched, the first of its things
// each picked candidate is, for its reason.
func (r *recommender) matchedThings(ctx context.Context, picked []*cand, refs []catalog.Ref) error {
	byRef := make(map[catalog.Ref]*cand, len(picked))
	for _, c := range picked {
		byRef[c.Ref] = c
	}
	for _, t := range r.needs {
		matching, err := r.c.MatchesAmong(ctx, t.Match, refs)
		err = each(matching, err, func(ref catalog.Ref, _ int) {
			if c := byRef[ref]; c != nil && len(c.matched) == 0 {
				c.matched = append(c.matched, t.Name)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// needNames are the names of the things of r.needs.
func (r *recommender) needNames() []string {
	names := make([]string, len(r.needs))
	for i, t := range r.needs {
		names[i] = t.Name
	}
	return names
}
