// Package wordnet reads the noun part of a WordNet 3.0 database as its operator has it
// installed (the files index.noun, data.noun and noun.exc of a directory such as
// /usr/share/wordnet, in the format of Princeton's wndb(5)): the senses of a noun, each
// as the words that name it. Nothing of WordNet is shipped with the project.
package wordnet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Nouns is WordNet's nouns: for each noun (a word or a phrase, lower case, words
// separated by single spaces), its senses in the order index.noun gives them (most
// frequent first), each sense a synset, with the synsets' direct hypernyms and
// hyponyms. It is read-only once read, so callers may share it.
type Nouns struct {
	senses  map[string][]int32 // noun → indexes in synsets, by sense order
	synsets [][]string         // each synset's nouns, in data.noun's order
	// broader and narrower hold, by synset, its direct hypernyms ("@") and hyponyms
	// ("~") in data.noun's order, as indexes in synsets.
	broader, narrower [][]int32
	exc               map[string][]string
}

// Size is the number of nouns, and of synsets.
func (n *Nouns) Size() (nouns, synsets int) { return len(n.senses), len(n.synsets) }

// maxLine bounds a line of the files read; WordNet 3.0's longest is about 5 KiB.
const maxLine = 1 << 20

// Read reads the nouns of the WordNet database in dir.
func Read(dir string) (*Nouns, error) {
	n := &Nouns{senses: map[string][]int32{}, exc: map[string][]string{}}
	byOffset := map[int64]int32{}
	var up, down [][]int64
	err := eachLine(filepath.Join(dir, "data.noun"), func(line string) error {
		offset, words, hyper, hypo, err := parseData(line)
		if err != nil {
			return err
		}
		byOffset[offset] = int32(len(n.synsets))
		n.synsets = append(n.synsets, words)
		up, down = append(up, hyper), append(down, hypo)
		return nil
	})
	if err != nil {
		return nil, err
	}
	resolve := func(offsets [][]int64) ([][]int32, error) {
		out := make([][]int32, len(offsets))
		for i, os := range offsets {
			for _, o := range os {
				j, ok := byOffset[o]
				if !ok {
					return nil, fmt.Errorf("wordnet: data.noun points to synset %d, which it does not have", o)
				}
				out[i] = append(out[i], j)
			}
		}
		return out, nil
	}
	if n.broader, err = resolve(up); err != nil {
		return nil, err
	}
	if n.narrower, err = resolve(down); err != nil {
		return nil, err
	}
	err = eachLine(filepath.Join(dir, "index.noun"), func(line string) error {
		lemma, offsets, err := parseIndex(line)
		if err != nil {
			return err
		}
		ids := make([]int32, 0, len(offsets))
		for _, o := range offsets {
			i, ok := byOffset[o]
			if !ok {
				return fmt.Errorf("synset %d is not in data.noun", o)
			}
			ids = append(ids, i)
		}
		n.senses[lemma] = ids
		return nil
	})
	if err != nil {
		return nil, err
	}
	// noun.exc is optional: irregular plurals ("mice mouse") only.
	err = eachLine(filepath.Join(dir, "noun.exc"), func(line string) error {
		f := strings.Fields(line)
		if len(f) >= 2 {
			n.exc[phrase(f[0])] = append(n.exc[phrase(f[0])], phrase(f[1]))
		}
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if len(n.synsets) == 0 {
		return nil, fmt.Errorf("wordnet: %s has no noun synsets", dir)
	}
	return n, nil
}

// eachLine calls fn with each line of the file at path that is not part of the
// licence that opens WordNet's files (lines starting with spaces).
func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("wordnet: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for no := 1; ; no++ {
		line, err := r.ReadString('\n')
		if len(line) > maxLine {
			return fmt.Errorf("wordnet: %s line %d is longer than %d bytes", filepath.Base(path), no, maxLine)
		}
		if l := strings.TrimRight(line, "\r\n"); l != "" && l[0] != ' ' {
			if perr := fn(l); perr != nil {
				return fmt.Errorf("wordnet: %s line %d: %w", filepath.Base(path), no, perr)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("wordnet: %w", err)
		}
	}
}

// parseData reads a line of data.noun: "offset lex_filenum ss_type w_cnt word lex_id
// [word lex_id …] p_cnt [pointer_symbol offset pos source/target …] | gloss", w_cnt two
// hexadecimal digits, p_cnt three decimal ones. It returns the offset, the synset's
// words (each once, by phrase) and the offsets of its noun hypernyms and hyponyms.
func parseData(line string) (offset int64, words []string, hyper, hypo []int64, err error) {
	if i := strings.IndexByte(line, '|'); i >= 0 {
		line = line[:i] // the gloss may have any text
	}
	f := strings.Fields(line)
	if len(f) < 4 {
		return 0, nil, nil, nil, errors.New("a synset line has fewer than four fields")
	}
	if offset, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return 0, nil, nil, nil, fmt.Errorf("synset offset %q", f[0])
	}
	if f[2] != "n" {
		return 0, nil, nil, nil, fmt.Errorf("synset type %q in the noun file", f[2])
	}
	cnt, err := strconv.ParseUint(f[3], 16, 8)
	if err != nil || cnt == 0 {
		return 0, nil, nil, nil, fmt.Errorf("word count %q", f[3])
	}
	at := 4 + 2*int(cnt)
	if len(f) < at+1 {
		return 0, nil, nil, nil, fmt.Errorf("%d words announced, fewer given", cnt)
	}
	words = make([]string, 0, cnt)
	for k := 0; k < int(cnt); k++ {
		w := phrase(f[4+2*k])
		if w != "" && !contains(words, w) {
			words = append(words, w)
		}
	}
	ptrs, err := strconv.Atoi(f[at])
	if err != nil || ptrs < 0 || len(f) < at+1+4*ptrs {
		return 0, nil, nil, nil, fmt.Errorf("pointer count %q", f[at])
	}
	for k := 0; k < ptrs; k++ {
		p := f[at+1+4*k : at+5+4*k]
		if p[2] != "n" || p[0] != "@" && p[0] != "~" {
			continue // instance and other relations are not read
		}
		o, err := strconv.ParseInt(p[1], 10, 64)
		if err != nil {
			return 0, nil, nil, nil, fmt.Errorf("pointer offset %q", p[1])
		}
		if p[0] == "@" {
			hyper = append(hyper, o)
		} else {
			hypo = append(hypo, o)
		}
	}
	return offset, words, hyper, hypo, nil
}

// parseIndex reads a line of index.noun: "lemma pos synset_cnt p_cnt [ptr_symbol …]
// sense_cnt tagsense_cnt synset_offset …". It returns the lemma and its synsets'
// offsets, in the file's order.
func parseIndex(line string) (string, []int64, error) {
	f := strings.Fields(line)
	if len(f) < 6 {
		return "", nil, errors.New("an index line has fewer than six fields")
	}
	synsets, err := strconv.Atoi(f[2])
	if err != nil || synsets < 1 {
		return "", nil, fmt.Errorf("synset count %q", f[2])
	}
	ptrs, err := strconv.Atoi(f[3])
	if err != nil || ptrs < 0 {
		return "", nil, fmt.Errorf("pointer count %q", f[3])
	}
	first := 4 + ptrs + 2
	if len(f) != first+synsets {
		return "", nil, fmt.Errorf("%d fields, %d expected", len(f), first+synsets)
	}
	offsets := make([]int64, synsets)
	for k := range offsets {
		if offsets[k], err = strconv.ParseInt(f[first+k], 10, 64); err != nil {
			return "", nil, fmt.Errorf("synset offset %q", f[first+k])
		}
	}
	return phrase(f[0]), offsets, nil
}

// phrase is a WordNet word as a phrase: lower case, "_" as a space ("Vacuum_cleaner"
// → "vacuum cleaner").
func phrase(w string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(w, "_", " "))), " ")
}

func contains(l []string, w string) bool {
	for _, x := range l {
		if x == w {
			return true
		}
	}
	return false
}

// Senses returns the senses of the noun or phrase term, most frequent first, each as
// the nouns of its synset (term among them, as WordNet spells it; alone in a sense it
// has no synonym for): nothing when WordNet does not know the term. A plural is read as its singular, by noun.exc and
// WordNet's rules for nouns ("boxes" → box, "mice" → mouse), when the term itself is not
// a noun of WordNet.
func (n *Nouns) Senses(term string) [][]string {
	term = phrase(term)
	for _, base := range n.bases(term) {
		ids := n.senses[base]
		if len(ids) == 0 {
			continue
		}
		out := make([][]string, len(ids))
		for k, i := range ids {
			out[k] = n.synsets[i]
		}
		return out
	}
	return nil
}

// nounSuffixes are WordNet's detachment rules for nouns (morphy): an ending and what
// replaces it.
var nounSuffixes = [][2]string{{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}}

// bases returns term, then the singulars it may be a plural of: those noun.exc gives,
// then those of the rules, applied to the phrase's last word.
func (n *Nouns) bases(term string) []string {
	out := []string{term}
	out = append(out, n.exc[term]...)
	head, last := "", term
	if i := strings.LastIndexByte(term, ' '); i >= 0 {
		head, last = term[:i+1], term[i+1:]
	}
	for _, s := range nounSuffixes {
		if rest, ok := strings.CutSuffix(last, s[0]); ok && len(rest) > 1 {
			out = append(out, head+rest+s[1])
		}
	}
	return out
}

// Broader returns the direct hypernyms of the first (most frequent) sense of term,
// each as its synset's nouns: what the term is a kind of ("fridge": refrigerator).
func (n *Nouns) Broader(term string) [][]string { return n.related(term, n.broader) }

// Narrower returns the direct hyponyms of the first sense of term, each as its
// synset's nouns: its kinds ("portable computer": laptop, notebook).
func (n *Nouns) Narrower(term string) [][]string { return n.related(term, n.narrower) }

func (n *Nouns) related(term string, by [][]int32) [][]string {
	term = phrase(term)
	for _, base := range n.bases(term) {
		ids := n.senses[base]
		if len(ids) == 0 {
			continue
		}
		var out [][]string
		for _, i := range by[ids[0]] {
			out = append(out, n.synsets[i])
		}
		return out
	}
	return nil
}
