package searcheval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The halves of the judged set and where their files live, relative to the
// repository root. Tune only on Dev: HeldOut is read by the quality test and by
// nobody who changes search.
const (
	Dev     = "dev"
	HeldOut = "heldout-DO-NOT-TUNE"
	// Probe holds sentence queries written after the split, to check that what was
	// tuned on dev carries over to sentences it was not written for (see LoadProbe).
	Probe = "probe"
	// ProbeNoNeed holds sentences about the catalog's types that no need: line of the
	// built-in vocabulary names, and nonsense sentences, written after Probe and before
	// any of their results was seen: what carries to sentences nobody wrote a need for.
	ProbeNoNeed = "probe-noneed"
	// ProbeStory holds sentences of problems and situations, in the third probe's
	// manner, and nonsense sentences, written by the sentences5 work to tune on: a
	// dev set.
	ProbeStory = "probe-story"
	// ProbeGift holds gift and occasion sentences, needs that name no product, and
	// nonsense sentences that share a word with the catalog, written by the
	// sentences4 work from the catalog's data to tune the nonsense gate on: a dev set.
	ProbeGift = "probe-gift"
	// ProbeThird holds sentences and nonsense sentences written at dbd3a01 from the
	// catalog's data alone, without running a search on them, while search was being
	// tuned on the other probes: none of its results is read (like HeldOut) and no
	// need: line of the vocabulary of that commit applies to its sentences.
	ProbeThird = "probe-third"
	// ProbeFourth holds sentences and nonsense sentences written at a2835a8 from the
	// catalog's data alone, without running a search on them, before search was
	// changed to win on the third probe: like ProbeThird, none of its results is read.
	ProbeFourth = "probe-fourth"
	// ProbeFifth holds sentences and nonsense sentences written at ea6b223 from the
	// catalog's data alone, without running a search on them, after the third and
	// fourth probes had been measured: like them, none of its results is read.
	ProbeFifth = "probe-fifth"
	// ProbeSixth holds sentences and nonsense sentences written at 4c1dcd6 from the
	// catalog's data alone, without running a search on them, after the fifth probe
	// had been measured and before the slips6 work changed search: like them, none of
	// its results is read.
	ProbeSixth = "probe-sixth"
	// Dir is the directory of the judged set from the repository root.
	Dir = "testdata/searcheval"
)

// Sets are the halves and the probes in the order reports and the baseline list
// them: the probes between the halves.
var Sets = []string{Dev, Probe, ProbeNoNeed, ProbeStory, ProbeGift, ProbeThird, ProbeFourth, ProbeFifth, ProbeSixth, HeldOut}

// Unseen reports whether the set name is one nobody who changes search looks at the
// results of: the held-out half and the third, fourth, fifth and sixth probes. Their totals
// are printed; their results are not.
func Unseen(name string) bool {
	return name == HeldOut || name == "shops-heldout-DO-NOT-TUNE" || name == ProbeThird || name == ProbeFourth || name == ProbeFifth || name == ProbeSixth
}

// Query is one judged query.
type Query struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Text   string `json:"query"`
	Intent Intent `json:"intent"`
}

// Qrel is the grade (1–3) of one product for one query; products not listed are 0.
type Qrel struct {
	QueryID   string
	ProductID string
	Grade     int
}

// QueryID is the id a query gets: its kind and a hash of its text.
func QueryID(kind, text string) string {
	return fmt.Sprintf("%s-%08x", kind, hash32(text))
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(s)))
	return h.Sum32()
}

// Split applies the fixed rule that divides the queries between the halves. Queries
// of one kind that ask for the same thing (Subject: "tee", "tees" and "tshirt" all
// want T-shirts) form a group and go to the same half, so that the held-out half
// measures what tuning on dev did not see. Within each kind the groups are taken in
// the order of the FNV-1a hash of their subject, each going to the half that has
// fewer queries of the kind so far (dev on a tie): every kind is in both halves,
// balanced within the size of a group. The queries come back with their ids set,
// in report order (kind, then group order, then text).
func Split(all []Query) (dev, heldout []Query) {
	type group struct {
		subject string
		qs      []Query
	}
	byKind := map[string]map[string]*group{}
	for _, q := range all {
		q.ID = QueryID(q.Kind, q.Text)
		if byKind[q.Kind] == nil {
			byKind[q.Kind] = map[string]*group{}
		}
		s := Subject(q)
		g := byKind[q.Kind][s]
		if g == nil {
			g = &group{subject: s}
			byKind[q.Kind][s] = g
		}
		g.qs = append(g.qs, q)
	}
	for _, k := range Kinds {
		var gs []*group
		for _, g := range byKind[k] {
			sort.Slice(g.qs, func(i, j int) bool { return g.qs[i].Text < g.qs[j].Text })
			gs = append(gs, g)
		}
		sort.Slice(gs, func(i, j int) bool {
			hi, hj := hash32(gs[i].subject), hash32(gs[j].subject)
			if hi != hj {
				return hi < hj
			}
			return gs[i].subject < gs[j].subject
		})
		nd, nh := 0, 0
		for _, g := range gs {
			if nd <= nh {
				dev, nd = append(dev, g.qs...), nd+len(g.qs)
			} else {
				heldout, nh = append(heldout, g.qs...), nh+len(g.qs)
			}
		}
	}
	return dev, heldout
}

// Subject is what a query asks for, as Split groups queries: the model number or
// GTIN, the category, the brand (for brand queries), the wanted types, or for a
// nonsense query its text.
func Subject(q Query) string {
	in := q.Intent
	switch {
	case in.Nothing:
		return "text:" + strings.ToLower(q.Text)
	case in.Model != "":
		return "model:" + modelKey(in.Model)
	case in.GTIN != "":
		return "gtin:" + in.GTIN
	case in.Category != "":
		return "category:" + strings.ToLower(in.Category)
	case q.Kind == "brand" || len(in.Types) == 0:
		return "brand:" + strings.ToLower(in.Brand)
	}
	ts := slices.Clone(in.Types)
	slices.Sort(ts)
	return "types:" + strings.Join(ts, ",")
}

// Judge computes the qrels of queries over items: every product graded above 0 by
// Grade, ordered by query (as given), grade (best first) and product id.
func Judge(queries []Query, items []Item) []Qrel {
	var out []Qrel
	for _, q := range queries {
		start := len(out)
		for _, it := range items {
			if g := Grade(q.Intent, it.Truth); g > Wrong {
				out = append(out, Qrel{q.ID, it.Product.ID, g})
			}
		}
		part := out[start:]
		sort.Slice(part, func(i, j int) bool {
			if part[i].Grade != part[j].Grade {
				return part[i].Grade > part[j].Grade
			}
			return part[i].ProductID < part[j].ProductID
		})
	}
	return out
}

// ReadQueries reads a half's queries file (one JSON object a line).
func ReadQueries(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []Query
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var q Query
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// WriteQueries writes queries as ReadQueries reads them.
func WriteQueries(w io.Writer, qs []Query) error {
	for _, q := range qs {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(q); err != nil {
			return err
		}
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// WriteQrels writes qrels as tab-separated query id, product id and grade.
func WriteQrels(w io.Writer, qrels []Qrel) error {
	bw := bufio.NewWriter(w)
	for _, r := range qrels {
		fmt.Fprintf(bw, "%s\t%s\t%d\n", r.QueryID, r.ProductID, r.Grade)
	}
	return bw.Flush()
}

// ReadQrels reads what WriteQrels wrote.
func ReadQrels(path string) ([]Qrel, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Qrel
	for n, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 fields, got %d", path, n+1, len(f))
		}
		g, err := strconv.Atoi(f[2])
		if err != nil || g < Related || g > Exact {
			return nil, fmt.Errorf("%s:%d: bad grade %q", path, n+1, f[2])
		}
		out = append(out, Qrel{f[0], f[1], g})
	}
	return out, nil
}

// Half is one half of the judged set, loaded.
type Half struct {
	Name    string
	Queries []Query
	// Grades maps query id → product id → grade.
	Grades map[string]map[string]int
}

// LoadHalf reads the queries and qrels of the half name from the directory dir
// (Dir, from the repository root).
func LoadHalf(dir, name string) (Half, error) {
	h := Half{Name: name, Grades: map[string]map[string]int{}}
	var err error
	if h.Queries, err = ReadQueries(filepath.Join(dir, name, "queries.jsonl")); err != nil {
		return h, err
	}
	qrels, err := ReadQrels(filepath.Join(dir, name, "qrels.tsv"))
	if err != nil {
		return h, err
	}
	for _, q := range h.Queries {
		h.Grades[q.ID] = map[string]int{}
	}
	for _, r := range qrels {
		m, ok := h.Grades[r.QueryID]
		if !ok {
			return h, fmt.Errorf("%s qrels: unknown query %s", name, r.QueryID)
		}
		m[r.ProductID] = r.Grade
	}
	return h, nil
}

// LoadProbe reads the queries of a probe (dir/name/queries.jsonl: Probe,
// ProbeNoNeed, ProbeStory, ProbeGift, ProbeThird, ProbeFourth, ProbeFifth or ProbeSixth) and judges them over items by Grade, as the halves' qrels were judged:
// a probe is outside the split and has no qrels file, so its judgments can only come
// from the rule. Ids are set from the text when empty.
func LoadProbe(dir, name string, items []Item) (Half, error) {
	h := Half{Name: name, Grades: map[string]map[string]int{}}
	qs, err := ReadQueries(filepath.Join(dir, name, "queries.jsonl"))
	if err != nil {
		return h, err
	}
	for i := range qs {
		if qs[i].ID == "" {
			qs[i].ID = QueryID(qs[i].Kind, qs[i].Text)
		}
		if _, dup := h.Grades[qs[i].ID]; dup {
			return h, fmt.Errorf("%s: query %q twice", name, qs[i].Text)
		}
		h.Grades[qs[i].ID] = map[string]int{}
	}
	h.Queries = qs
	for _, r := range Judge(qs, items) {
		h.Grades[r.QueryID][r.ProductID] = r.Grade
	}
	for _, q := range qs {
		if len(h.Grades[q.ID]) == 0 && !q.Intent.Nothing {
			return h, fmt.Errorf("%s: no product answers %q (is its type misspelled?)", name, q.Text)
		}
	}
	return h, nil
}

// Baseline is the committed NDCG@10 of Search per half and kind.
type Baseline map[string]map[string]float64

// ReadBaseline reads a baseline file: lines of half, kind and NDCG@10, tab-separated;
// lines starting with # are comments.
func ReadBaseline(path string) (Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := Baseline{}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 fields", path, n+1)
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]float64{}
		}
		out[f[0]][f[1]] = v
	}
	return out, nil
}

// WriteBaseline writes b for ReadBaseline, halves and kinds in report order.
func WriteBaseline(w io.Writer, b Baseline, header string) error {
	bw := bufio.NewWriter(w)
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", l)
	}
	for _, h := range Sets {
		for _, k := range append(slices.Clone(Kinds), "overall") {
			if v, ok := b[h][k]; ok {
				fmt.Fprintf(bw, "%s\t%s\t%.4f\n", h, k, v)
			}
		}
	}
	return bw.Flush()
}
