package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// learnedView is what a search reads of the learned tables (migration 0014), of the
// brands and of the words' spread over types, for one value of catalog_changes.text
// (which every upsert moves, see search pools): the text version, and what was learned
// of the catalog's indexed text (learnedTypes), which is shared by every view of one
// value of catalog_changes.indexed. That counter moves only with writes that change
// indexed text (migration 0035), so an upsert of prices or ratings, or a sale's stock,
// keeps every word's spread that searches read before.
type learnedView struct {
	version int64 // catalog_changes.text, which search pools key on
	*learnedTypes
	// codes says, by colour or size key asked about, whether some product has it in
	// product_codes (see knownCodes): every write of product_codes but the background
	// fill moves catalog_changes.text, so it is kept per text version. Guarded by mu.
	codes map[string]bool
}

// learnedTypes is what a view knows of the catalog's indexed text at one value of
// catalog_changes.indexed: the heads of learned_types with at least minLearnedType
// products, read whole, and the rows of learned_type_words of the words asked about,
// the words' spread over types and the brands, read as they are first asked for. A
// search reads the versions once (learnedView) and then asks without touching the
// database for what an earlier search of the same indexed text read.
type learnedTypes struct {
	indexed int64          // catalog_changes.indexed when read
	logged  int64          // catalog_changes.logged when read (see usedAt)
	types   map[string]int // head → products, for heads of at least minLearnedType
	small   bool           // the catalog has fewer than smallCatalog products
	total   int            // the sum of types, once asked for (products)

	mu    sync.Mutex
	words map[string][]headCount // word key → the heads filed under it
	// uses holds, by query word, the heads of the products that have the word
	// anywhere (see used), read as they are first asked for, or kept from the view
	// of an earlier indexed version (see usedAt).
	uses map[string]usedAt
	// patches counts the spreads kept from an earlier version with the products of
	// the texts written since added or taken away (see usedAt), for tests.
	patches atomic.Int64
	// brands says, by a learned head asked about, whether it is a word of a brand.
	brands map[string]bool
	// folds are the brands by foldKey, read when first asked for (see brandFolds).
	folds *brandFolds
	// aliases holds, by type word key, the other heads the catalog files as that type
	// (see typeAliases), read as they are first asked for.
	aliases map[string][]string
	// modifiers holds, by title head key, the words its titles say before it when it
	// names no product alone (see headModifiers), read as they are first asked for.
	modifiers map[string][]string
	// after holds, by type key and query word, the heads titles say right after the
	// word (see namedAfter), read as they are first asked for.
	after map[string][]string
	// namedFor holds, by title head key and term, what the titles it heads are named
	// after or made for (see namedFor), read as they are first asked for.
	namedFor map[string]map[string]int
	// matched says, by full-text expression asked about, whether any product matches
	// it (see anyMatch): what the index holds, so it is kept per indexed version.
	matched map[string]bool
	// segments holds, by the words asked about, the types filed under the category
	// segment they name (see segmentTypes), read as they are first asked for.
	segments map[string][]string
}

// newLearnedView returns a view of the text version, at the indexed version, with the
// learned types types and nothing else read yet.
func newLearnedView(version, indexed int64, types map[string]int) *learnedView {
	return &learnedView{version: version, codes: map[string]bool{}, learnedTypes: &learnedTypes{indexed: indexed, types: types,
		words: map[string][]headCount{}, uses: map[string]usedAt{}, brands: map[string]bool{}, aliases: map[string][]string{},
		modifiers: map[string][]string{}, after: map[string][]string{}, namedFor: map[string]map[string]int{}, matched: map[string]bool{},
		segments: map[string][]string{}}}
}

// usedAt is a word's spread over types (see used), the sample it was made from, and the
// values of catalog_changes.indexed and logged it was last known right at. A view of a
// later indexed version keeps it (learnedView) and takes it for its own when every
// write in between logged its text (indexed and logged moved alike, and no further back
// than text_log keeps): as it is when none of the text they removed or added has the
// word (migration 0037), else with the products of those texts taken away and added
// (patched, migration 0038). Anything else reads the word again.
type usedAt struct {
	use wordUse
	// sample is, by head (sorted), how many of the word's products whose rowid is a
	// multiple of useStep(use.matched) that head heads: every head, each product
	// counting once (use.heads leaves out the heads of one sampled product and
	// counts each for the step).
	sample          []headCount
	indexed, logged int64
}

// useStep is how many of a word's matched products each product of its sample stands
// for: every useStep-th product, by rowid, is looked up for its type.
func useStep(matched int) int { return (matched + maxUseRows - 1) / maxUseRows }

// spreadOf is the spread of a word that matched products have, from its sample (see
// usedAt).
func spreadOf(matched int, sample []headCount) wordUse {
	u := wordUse{matched: matched}
	step := useStep(matched)
	for _, hc := range sample {
		if step > 1 && hc.products < 2 {
			continue // one product of a sample says too little of its type
		}
		u.heads = append(u.heads, headCount{hc.head, hc.products * step})
	}
	return u
}

// loggedRow is a row of text_log_rows (migration 0038) whose text has a word.
type loggedRow struct {
	product int64
	head    string
	added   bool
}

// patched returns k after the logged texts rows, which have the word, were removed or
// added, and whether that is what a fresh read gives: the word's products are k's less
// the removed texts' products plus the added texts' ones; when the step is the same
// before and after (and both counts are exact, below maxUseCount), the sample is k's
// with those of them whose rowid is a multiple of the step taken away or added. A count
// at maxUseCount before or after is not the word's (the fresh read stops counting
// there), so it means read again, as a change of step, a count to or from 0 or a
// product taken away that the sample did not have do.
func (k usedAt) patched(rows []loggedRow) (usedAt, bool) {
	matched := k.use.matched
	for _, r := range rows {
		if r.added {
			matched++
		} else {
			matched--
		}
	}
	step := useStep(matched)
	if k.use.matched >= maxUseCount || matched >= maxUseCount || step == 0 || step != useStep(k.use.matched) {
		return k, false
	}
	counts := make(map[string]int, len(k.sample)+len(rows))
	for _, hc := range k.sample {
		counts[hc.head] = hc.products
	}
	for _, r := range rows {
		if r.head == "" || r.product%int64(step) != 0 {
			continue
		}
		if r.added {
			counts[r.head]++
		} else {
			counts[r.head]--
		}
	}
	sample := make([]headCount, 0, len(counts))
	for h, n := range counts {
		if n < 0 {
			return k, false // a product taken away that the sample did not have
		}
		if n > 0 {
			sample = append(sample, headCount{h, n})
		}
	}
	slices.SortFunc(sample, func(a, b headCount) int { return strings.Compare(a.head, b.head) })
	return usedAt{use: spreadOf(matched, sample), sample: sample}, true
}

// wordUse is how the products that have one word are spread over the catalog's types:
// how many of them there are (up to maxUseCount), and how many of those each head
// heads (estimated from a sample when there are more than maxUseRows).
type wordUse struct {
	matched int
	heads   []headCount
}

// Bounds on reading one word's spread over types: at most maxUseCount of its products
// are counted, and at most about maxUseRows of them are looked up for their type
// (every step-th by rowid, each counting for step). A count that reaches maxUseCount
// is a bound, not the word's count, so a write that touches such a word has it read
// again rather than patched (see usedAt.patched).
const (
	maxUseCount = 200_000
	maxUseRows  = 1000
)

type headCount struct {
	head     string
	products int
}

// minLearnedType is how many products' titles a word must head to be taken for a
// product type of the catalog.
const minLearnedType = 3

// A catalog of fewer than smallCatalog products (a shop's own, of a few hundred) takes
// a word that heads minSmallType titles for a type: its types have a product or two
// each ("Chromatic Tuner" and "Pedal Tuner" of a music shop's 300), where a big
// catalog's three products of a head are a small share of it.
const (
	smallCatalog = 1000
	minSmallType = 2
)

// maxLearnedWords bounds the category words a view keeps; past it, it forgets them.
const maxLearnedWords = 4096

// learnedView returns the view of the learned tables for the current text version:
// the one read before when neither version moved, one sharing what it read when only
// the text version moved, else a new one that reads learned_types.
//
// learned_types is read outside c.learnedMu, and the new view swapped in under it, so
// that no caller holds the lock while it waits for a read connection: a caller outside
// a snapshot waiting for the read pool with the lock held would stop every search
// (each holding a read connection) at the lock, as nameCache.get once did (facets.go).
// Two callers that miss at once both read the table; there is no single flight, for
// waiting on another caller's read is waiting on a read connection again.
//
// A view read within a snapshot is of the snapshot's versions: the snapshot keeps it
// (see snap.learned) for the look-ups that anyMatch answers from it.
func (c *Catalog) learnedView(ctx context.Context) (*learnedView, error) {
	lv, err := c.readLearnedView(ctx)
	if s := c.snapshotOf(ctx); s != nil && err == nil {
		s.learned.Store(lv)
	}
	return lv, err
}

func (c *Catalog) readLearnedView(ctx context.Context) (*learnedView, error) {
	var version, indexed, logged int64
	if err := c.queryRow(ctx, `SELECT text, indexed, logged FROM catalog_changes WHERE id = 1`).Scan(&version, &indexed, &logged); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	c.learnedMu.Lock()
	old := c.learned
	if old != nil && old.version == version && old.indexed == indexed {
		c.learnedMu.Unlock()
		return old, nil
	}
	if old != nil && old.indexed == indexed {
		lv := &learnedView{version: version, codes: map[string]bool{}, learnedTypes: old.learnedTypes}
		c.keepLearned(lv)
		c.learnedMu.Unlock()
		return lv, nil
	}
	c.learnedMu.Unlock()

	lv := newLearnedView(version, indexed, map[string]int{})
	lv.logged = logged
	if old != nil && old.indexed < indexed {
		// The words read before, for used to check against the text written since.
		old.mu.Lock()
		lv.uses = maps.Clone(old.uses)
		old.mu.Unlock()
	}
	// One row of text, "head products head products …" (a head is one word), costs a
	// fraction of a row per head; every write of indexed text reads it again.
	least := minLearnedType
	var few int
	if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM product_rank LIMIT ?)`, smallCatalog).Scan(&few); err != nil {
		return nil, fmt.Errorf("search types: %w", err)
	}
	if few < smallCatalog {
		least, lv.small = minSmallType, true
	}
	var list string
	if err := c.queryRow(ctx, `SELECT coalesce(group_concat(head || ' ' || products, ' '), '') FROM learned_types WHERE products >= ?`,
		least).Scan(&list); err != nil {
		return nil, fmt.Errorf("search types: %w", err)
	}
	fields := strings.Fields(list)
	if len(fields)%2 != 0 {
		return nil, fmt.Errorf("search types: the learned types read as %d fields", len(fields))
	}
	for i := 0; i < len(fields); i += 2 {
		n, err := strconv.Atoi(fields[i+1])
		if err != nil {
			return nil, fmt.Errorf("search types: a type's products read as %q", fields[i+1])
		}
		lv.types[fields[i]] = n
	}
	c.learnedMu.Lock()
	c.keepLearned(lv)
	c.learnedMu.Unlock()
	return lv, nil
}

// keepLearned makes lv the view the next search starts from unless the one kept is of
// later versions (another caller read since, or lv was read in an older snapshot): the
// versions only grow, so the kept view never goes back. c.learnedMu must be held.
func (c *Catalog) keepLearned(lv *learnedView) {
	if k := c.learned; k != nil && (k.indexed > lv.indexed || k.indexed == lv.indexed && k.version > lv.version) {
		return
	}
	c.learned = lv
}

// meet is how many products must show a thing for a word of a query to be read as
// naming it: minMeet, or, in a small catalog whose types have a product or two,
// minSmallType.
func (lv *learnedView) meet() int {
	if lv != nil && lv.small {
		return minSmallType
	}
	return minMeet
}

// isType reports whether w (any form) heads the titles of at least minLearnedType
// products (minSmallType in a small catalog).
func (lv *learnedView) isType(w string) bool { return lv.types[wordKey(w)] > 0 }

// filed returns the heads filed under the category word key k, with how many of their
// products are.
func (lv *learnedView) filed(ctx context.Context, c *Catalog, k string) ([]headCount, error) {
	return recall(lv, lv.words, maxLearnedWords, k, func() ([]headCount, error) {
		rows, err := c.query(ctx, `SELECT head, products FROM learned_type_words WHERE word = ?`, k)
		return headCounts(rows, err)
	})
}

// headCounts reads the rows of a query of heads and their products' count (err, the
// query's).
func headCounts(rows *sql.Rows, err error) ([]headCount, error) {
	if err != nil {
		return nil, fmt.Errorf("search category types: %w", err)
	}
	defer rows.Close()
	var hs []headCount
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return nil, fmt.Errorf("search category types: %w", err)
		}
		hs = append(hs, hc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search category types: %w", err)
	}
	return hs, nil
}

// products is how many products the learned types head: the catalog, for the shares
// of used.
func (lv *learnedView) products() int {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if lv.total == 0 {
		for _, n := range lv.types {
			lv.total += n
		}
	}
	return lv.total
}

// used returns how the products that have the word w (in any field, stemmed as the
// index is) spread over the learned types.
func (lv *learnedView) used(ctx context.Context, c *Catalog, w string) (wordUse, error) {
	lv.mu.Lock()
	kept, ok := lv.uses[w]
	lv.mu.Unlock()
	if ok && kept.indexed == lv.indexed {
		return kept.use, nil
	}
	// What is kept must be read at the view's versions: outside a snapshot the catalog
	// may have moved on since the view was read, and a spread read (or patched) there
	// but stamped with the view's versions would have the newer writes in it already,
	// which the next view would patch in again. So it is read in a snapshot, and when
	// that is past the view, by a view of its own that nobody keeps.
	if c.snapshotOf(ctx) == nil {
		sctx, end, err := c.snapshot(ctx)
		if err != nil {
			return wordUse{}, err
		}
		defer end()
		var indexed int64
		if err := c.queryRow(sctx, `SELECT indexed FROM catalog_changes WHERE id = 1`).Scan(&indexed); err != nil {
			return wordUse{}, fmt.Errorf("search types: %w", err)
		}
		ctx = sctx
		if indexed != lv.indexed {
			return newLearnedView(lv.version, indexed, lv.types).used(ctx, c, w)
		}
	}
	var b strings.Builder
	quoteTerm(&b, w)
	if ok && kept.indexed < lv.indexed && lv.indexed-kept.indexed == lv.logged-kept.logged && lv.indexed-kept.indexed <= textLogKeep {
		if k, ok, err := lv.sinceLogged(ctx, c, b.String(), kept); err != nil || ok {
			if ok {
				lv.remember(w, k)
			}
			return k.use, err
		}
	}
	var u usedAt
	if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`,
		b.String(), maxUseCount).Scan(&u.use.matched); err != nil {
		return wordUse{}, fmt.Errorf("search types: %w", err)
	}
	if u.use.matched == 0 {
		lv.remember(w, u)
		return u.use, nil
	}
	// Every step-th product (by rowid, which spreads it over the catalog's history
	// rather than taking its oldest products) stands for step of them.
	rows, err := c.query(ctx, `SELECT r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? AND rowid % ? = 0) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head != '' GROUP BY r.head`, b.String(), useStep(u.use.matched))
	if err != nil {
		return wordUse{}, fmt.Errorf("search types: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return wordUse{}, fmt.Errorf("search types: %w", err)
		}
		u.sample = append(u.sample, hc)
	}
	if err := rows.Err(); err != nil {
		return wordUse{}, fmt.Errorf("search types: %w", err)
	}
	slices.SortFunc(u.sample, func(a, b headCount) int { return strings.Compare(a.head, b.head) })
	u.use = spreadOf(u.use.matched, u.sample)
	lv.remember(w, u)
	return u.use, nil
}

// sinceLogged returns the spread kept, read at an earlier indexed version than the view's,
// as it is at the view's, and true, when the log holds every write since (see
// usedAt): as it was when no text those writes removed or added has the word (match,
// an FTS5 expression), else patched with the products of those texts; false when the
// word must be read again.
func (lv *learnedView) sinceLogged(ctx context.Context, c *Catalog, match string, kept usedAt) (usedAt, bool, error) {
	// The versions come with the texts, from the same statement, and must be the
	// view's (used reads in a snapshot at them): texts of a later write would be
	// patched in under the view's versions, and the log pruned of what it kept.
	rows, err := c.query(ctx, `SELECT 1, indexed, logged, '', 0 FROM catalog_changes WHERE id = 1
		UNION ALL SELECT 0, coalesce(r.product, -1), 0, coalesce(r.head, ''), coalesce(r.added, 0)
		FROM text_log LEFT JOIN text_log_rows r ON r.rowid = text_log.rowid WHERE text_log MATCH ? AND text_log.rowid >= ?`,
		match, (kept.indexed+1)*textLogSpan)
	if err != nil {
		return usedAt{}, false, fmt.Errorf("search types: %w", err)
	}
	defer rows.Close()
	var indexed, logged int64
	var touched []loggedRow
	whole := true // every text has its row of text_log_rows
	for rows.Next() {
		var versions bool
		var a, b int64
		var r loggedRow
		if err := rows.Scan(&versions, &a, &b, &r.head, &r.added); err != nil {
			return usedAt{}, false, fmt.Errorf("search types: %w", err)
		}
		if versions {
			indexed, logged = a, b
			continue
		}
		r.product = a
		whole = whole && a >= 0
		touched = append(touched, r)
	}
	if err := rows.Err(); err != nil {
		return usedAt{}, false, fmt.Errorf("search types: %w", err)
	}
	if indexed != lv.indexed || logged != lv.logged || !whole {
		return usedAt{}, false, nil
	}
	if len(touched) == 0 {
		return kept, true, nil
	}
	k, ok := kept.patched(touched)
	if ok {
		lv.patches.Add(1)
	}
	return k, ok, nil
}

// remember keeps u as the spread of w, known right at the view's versions.
func (lv *learnedView) remember(w string, u usedAt) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if _, ok := lv.uses[w]; !ok && len(lv.uses) >= maxLearnedWords {
		clear(lv.uses)
	}
	u.indexed, u.logged = lv.indexed, lv.logged
	lv.uses[w] = u
}

// recall returns what m, one of lv's maps of answers, holds for key, else asks for it
// and keeps the answer, first emptying m once it holds bound answers. The look-up runs
// without lv.mu held; two searches asking at once both ask and keep the same answer.
func recall[V any](lv *learnedView, m map[string]V, bound int, key string, ask func() (V, error)) (V, error) {
	lv.mu.Lock()
	v, ok := m[key]
	lv.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := ask()
	if err != nil {
		return v, err
	}
	lv.mu.Lock()
	if len(m) >= bound {
		clear(m)
	}
	m[key] = v
	lv.mu.Unlock()
	return v, nil
}

// typeVote is a product type (a title head, see learned_types) that a query's words
// point to: the products of that type have those words far more often than the
// catalog's products do.
type typeVote struct {
	head  string
	score float64
	top   float64 // the most one word adds
	words []int   // the query words (indexes) that point to it
	// weight is how many of the shopper's words point to it: a phrase of the
	// vocabulary ("laptop power cord") is one query word but as many of theirs.
	weight int
}

// Bounds of voteTypes.
const (
	// maxVoteWords is how many of a query's words vote.
	maxVoteWords = 8
	// maxVoteTypes is how many types a query's words may stand for, and voteShare how
	// close to the best a type's score must be to be one of them.
	maxVoteTypes = 3
	voteShare    = 0.5
	// minVoteScore is the score a type needs to be taken for what the words mean: the
	// words' shares of its products, each by how many times the catalog's share it is
	// (see voteTypes). One word that every product of a type has and one product in
	// twenty of the catalog has scores 3.
	minVoteScore = 1.5
	// minLoneGain is what one word must add to a type to stand for it alone: a word
	// that half the type's products have and a thirtieth of the catalog's.
	minLoneGain = 1.35
)

// voteTypes returns the product types the words of q stand for, best first: each word
// (or the best of its alternatives) adds to each type q·ln(q/p), where q is the share
// of the type's products that have the word and p the share of all products that
// have it, when q is at least twice p. It is what a sentence means when no need of the
// vocabulary names it ("something to keep my coffee hot on the go"): the type whose
// products' titles and descriptions say most of its words, more than other products
// do. Numbers, short words and words of no type vote for nothing.
func (c *Catalog) voteTypes(ctx context.Context, lv *learnedView, q textQuery) ([]typeVote, error) {
	scored, voted, unknown, err := c.typeScores(ctx, lv, q)
	if err != nil {
		return nil, err
	}
	out := scored[:0]
	for _, v := range scored {
		// One word alone stands for a type only when most of its products have it:
		// a word a third of them have ("without" of "without dropped frames") may
		// be the shopper's story.
		if v.weight < 2 && v.top < minLoneGain {
			continue
		}
		// The words of a type must be half the sentence's words at least: one word
		// of four ("mount" of "how tall is mount everest") does not make it about a
		// product.
		if 2*v.weight < voted || unknown > 0 && 2*v.weight == voted {
			continue // and more than half when some word is in no product ("flights to tokyo")
		}
		out = append(out, v)
	}
	out, err = lv.notBrands(ctx, c, out)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 || out[0].score < minVoteScore {
		return nil, nil
	}
	return out[:closeVotes(out)], nil
}

// closeVotes is how many of votes, best first, score within voteShare of the best.
func closeVotes(votes []typeVote) int {
	n := min(1, len(votes))
	for n < len(votes) && votes[n].score >= voteShare*votes[0].score {
		n++
	}
	return n
}

// typeScores returns every type the words of q point to, best first, with the score
// and words voteTypes describes, how many words voted, and how many of those are in
// no product.
func (c *Catalog) typeScores(ctx context.Context, lv *learnedView, q textQuery) ([]typeVote, int, int, error) {
	total := lv.products()
	if total == 0 {
		return nil, 0, 0, nil
	}
	vocab := c.vocabulary()
	votes := map[string]*typeVote{}
	voted, unknown := 0, 0
	for i, w := range q.words {
		if voted >= maxVoteWords {
			break
		}
		if utf8.RuneCountInString(w) < 3 || isNumber(w) || stopwords[w] || howWords[w] {
			continue
		}
		terms := []string{w}
		if i < len(q.alts) {
			terms = append(terms, q.alts[i]...)
		}
		best := map[string]float64{} // head → this word's best gain for it
		known, named := false, true
		for j, t := range terms {
			if j > 0 && known {
				// A word the catalog has says what it stands for itself: its
				// alternatives ("sports cam" of "action camera", "clumping litter" of
				// "litter") vote only for a word no product has.
				break
			}
			u, err := lv.used(ctx, c, t)
			if err != nil {
				return nil, 0, 0, err
			}
			if j == 0 && u.matched == 0 {
				named = false
			}
			known = known || u.matched > 0
			p := float64(u.matched) / float64(total)
			if u.matched == 0 {
				continue
			}
			for _, h := range u.heads {
				n := lv.types[h.head]
				if n == 0 || h.products < 2 || !typeLike(h.head) && !hasKey(vocab.byTerm, h.head) {
					continue
				}
				share := min(1, float64(h.products)/float64(n))
				if share < 2*p {
					continue
				}
				best[h.head] = max(best[h.head], share*math.Log(share/p))
			}
		}
		if !known {
			unknown++
		}
		// A phrase of the vocabulary the catalog does not say, known by its other
		// names ("laptop power cord": "laptop charger"), is as many of the shopper's
		// words as it has: each of them would have voted for the type before the
		// vocabulary joined them.
		n := 1
		if !named && known && vocab.isTerm(w) {
			n = strings.Count(w, " ") + 1
		}
		voted += n
		for head, gain := range best {
			v := votes[head]
			if v == nil {
				v = &typeVote{head: head}
				votes[head] = v
			}
			v.score += gain
			v.top = max(v.top, gain)
			v.words = append(v.words, i)
			v.weight += n
		}
	}
	out := make([]typeVote, 0, len(votes))
	for _, v := range votes {
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b typeVote) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.head, b.head))
	})
	return out, voted, unknown, nil
}

// notBrands returns the first maxVoteTypes of votes that are not a word of a brand's
// name: a type of a brand's name ("Kettleby" heads titles that end with it) is none.
func (lv *learnedView) notBrands(ctx context.Context, c *Catalog, votes []typeVote) ([]typeVote, error) {
	kept := votes[:0]
	for _, v := range votes {
		if len(kept) == maxVoteTypes {
			break
		}
		brand, err := lv.brandWord(ctx, c, v.head)
		if err != nil {
			return nil, err
		}
		if !brand {
			kept = append(kept, v)
		}
	}
	return kept, nil
}

// brandWord reports whether w is a word of a brand's name.
func (lv *learnedView) brandWord(ctx context.Context, c *Catalog, w string) (bool, error) {
	return recall(lv, lv.brands, maxLearnedWords, w, func() (bool, error) {
		var n int
		err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM brands WHERE key = ?1 OR key LIKE ?1 || ' %' OR key LIKE '% ' || ?1
			OR key LIKE '% ' || ?1 || ' %' LIMIT 1)`, w).Scan(&n)
		if err != nil {
			return false, fmt.Errorf("search types: %w", err)
		}
		return n > 0, nil
	})
}

// howWords are words of a shopper's sentence that say how, when or how much rather
// than what, and vote for no type: a catalog's descriptions use them too ("keeps
// drinks hot", "without dropped frames"), for no type in particular.
var howWords = set("without", "with", "using", "use", "used", "make", "makes", "made", "get", "gets", "getting", "keep", "keeps",
	"take", "takes", "put", "go", "goes", "going", "every", "always", "often", "really", "around", "during", "after", "before",
	"while", "when", "where", "more", "less", "much", "many", "other", "another", "better", "new", "old", "all", "day", "days",
	"night", "nights", "time", "times", "way", "home", "work", "long", "little", "big", "whole", "one", "two", "three", "four",
	"from", "into", "out", "off", "up", "down", "over", "under", "about", "too", "also", "just", "still", "even", "ever",
	"never", "cannot", "able", "everything", "everyone", "somewhere", "anywhere", "everywhere", "again", "most", "lot", "lots",
	"last", "quick", "quickly", "easy", "easily", "fast", "free", "start", "stop", "stops", "keeps", "let", "lets", "enough", "same")

// notTypes are title words that end a title's first phrase without naming what the
// product is: sizes, who it is for, how many.
var notTypes = set("large", "medium", "small", "size", "sizes", "queen", "king", "twin", "full", "single", "double", "men", "women",
	"mens", "womens", "unisex", "kid", "kids", "adult", "adults", "boy", "boys", "girl", "girls", "pair", "pack", "count",
	"class", "standard", "combo", "system", "edition", "inch", "inches", "regular", "wide", "tall", "petite", "one")

// typeLike reports whether a learned head may name a product type: not a code
// fragment ("vx" of "VX-3664"), a size or who it is for. (A short word the
// vocabulary names, "tv", is a type too: see voteTypes.)
func typeLike(head string) bool {
	return utf8.RuneCountInString(head) >= 3 && !notTypes[head] && !skipHead[head] && !unitWords[head] && !stopwords[head] &&
		strings.IndexFunc(head, func(r rune) bool { return r >= '0' && r <= '9' }) < 0
}

// learning adds up, during a bulk load, what the triggers of migration 0014 add to the
// learned tables row by row, which the load suspends (see Loader.suspend): for every
// row of product_rank written, its head, and its head under each of its category
// words. It counts products by (head, category_keys), few pairs for many products,
// and splits the words once per pair when the load commits.
type learning struct {
	pairs map[[2]string]int // (head, category_keys) → products
}

func newLearning() *learning { return &learning{pairs: map[[2]string]int{}} }

// add counts n more products (n < 0: fewer) with the row r of product_rank; a row
// without a head teaches nothing, as the triggers' WHEN clauses say.
func (lg *learning) add(r rankRow, n int) {
	if r.head != "" {
		lg.pairs[[2]string{r.head, r.categoryKeys}] += n
	}
}

// write replaces the learned tables with what lg counted: learned_types gets a row
// per head with its products, learned_type_words a row per category word and head
// (a word listed twice in a row's category_keys counts twice, as json_each gives it
// twice to the triggers); rows that count no products are left out, as the triggers
// delete them.
func (lg *learning) write(ctx context.Context, tx *sql.Tx) error {
	types, words := map[string]int{}, map[[2]string]int{}
	for pair, n := range lg.pairs {
		if n == 0 {
			continue
		}
		types[pair[0]] += n
		var ks []string
		if err := json.Unmarshal([]byte(pair[1]), &ks); err != nil {
			return fmt.Errorf("category keys %q: %w", pair[1], err)
		}
		for _, k := range ks {
			words[[2]string{k, pair[0]}] += n
		}
	}
	for _, q := range []string{`DELETE FROM learned_types`, `DELETE FROM learned_type_words`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	insType, err := tx.PrepareContext(ctx, `INSERT INTO learned_types (head, products) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer insType.Close()
	for head, n := range types {
		if n > 0 {
			if _, err := insType.ExecContext(ctx, head, n); err != nil {
				return err
			}
		}
	}
	insWord, err := tx.PrepareContext(ctx, `INSERT INTO learned_type_words (word, head, products) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insWord.Close()
	for wh, n := range words {
		if n > 0 {
			if _, err := insWord.ExecContext(ctx, wh[0], wh[1], n); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxSegmentCategories bounds the categories segmentTypes reads the products of.
const maxSegmentCategories = 200

// segmentTypes returns the types filed under the category segment that words of two
// or more name whole ("string instruments" of "… > Musical Instruments > String
// Instruments > Guitars"), most products first, as categoryTypes reads category words
// (at least minLearnedType of them, minCategoryShare of the type's products, no
// accessory type); nil when no segment is so named. A query that is a category's
// name asks for the category, though a word of it heads titles of its own ("string"
// heads the strings', filed elsewhere under "Musical Instrument Strings").
func (c *Catalog) segmentTypes(ctx context.Context, lv *learnedView, words []string, v *Vocabulary) ([]string, error) {
	if len(words) < 2 {
		return nil, nil
	}
	name := strings.Join(words, " ")
	return recall(lv, lv.segments, maxLearnedWords, name, func() ([]string, error) { return c.readSegmentTypes(ctx, lv, name, v) })
}

// readSegmentTypes is segmentTypes of the segment name, read from the catalog.
func (c *Catalog) readSegmentTypes(ctx context.Context, lv *learnedView, name string, v *Vocabulary) ([]string, error) {
	ids, err := c.categoryIDs(ctx, name)
	if err != nil || len(ids) == 0 || len(ids) > maxSegmentCategories {
		return nil, err
	}
	all, err := headCounts(c.query(ctx, `SELECT rr.head, count(*) FROM products p JOIN product_rank rr ON rr.rowid = p.rowid
		WHERE p.hidden = 0 AND rr.head != '' AND p.category_id IN (`+placeholders(len(ids))+`) GROUP BY rr.head`, ids...))
	if err != nil {
		return nil, err
	}
	var hs []headCount
	for _, hc := range all {
		if hc.products >= minLearnedType && float64(hc.products) >= minCategoryShare*float64(lv.types[hc.head]) && !v.isAccessory(hc.head) {
			hs = append(hs, hc)
		}
	}
	slices.SortFunc(hs, func(a, b headCount) int {
		return cmp.Or(cmp.Compare(b.products, a.products), strings.Compare(a.head, b.head))
	})
	heads := make([]string, 0, min(len(hs), maxCategoryTypes))
	for _, h := range hs[:min(len(hs), maxCategoryTypes)] {
		heads = append(heads, h.head)
	}
	return heads, nil
}
