package catalog

import (
	"context"
	"slices"
	"strings"
)

// functionThings are the words a shopper names a thing by when they do not know its name
// and say what it does instead ("a machine that makes toast", "something for cutting
// hair"): see functionPhrase.
var functionThings = map[string]bool{
	"machine": true, "thing": true, "device": true, "gadget": true, "tool": true, "appliance": true,
	"something": true, "item": true, "contraption": true, "gizmo": true, "utensil": true,
	"implement": true, "instrument": true, "doohickey": true, "widget": true,
}

// functionLinks are the words between a thing word and its verb ("that", "to", "for",
// "used for", "that can", "which helps you"): at least one is said.
var functionLinks = map[string]bool{
	"that": true, "which": true, "to": true, "for": true, "used": true, "can": true, "will": true,
	"could": true, "help": true, "helps": true, "you": true, "i": true, "me": true, "we": true,
	"lets": true, "let": true, "would": true, "which'll": true, "thatll": true,
}

// objectSkips are the words between a verb and what it acts on ("opens a bottle of
// wine", "cutting my hair", "makes the toast") that name nothing.
var objectSkips = map[string]bool{
	"a": true, "an": true, "the": true, "my": true, "your": true, "our": true, "his": true, "her": true,
	"their": true, "some": true, "of": true, "up": true, "out": true,
}

// functionPhrase reads a query that names a thing by what it does: a thing word
// (functionThings), after nothing but filler, then a link ("that", "to", "for": see
// functionLinks), a verb and up to three words of what it acts on, and nothing after
// them ("machine that makes toast", "thing to open wine", "a device that shreds
// paper", "something for cutting hair"). It returns the name of the product type that
// does it which the catalog sells (sold: a learned type whose name some product has),
// the first of: what it acts on before the verb's agent noun ("paper shredder", "wine
// opener", "coffee grinder"; for "make", also "maker", "machine" and the thing made
// plus -er: "toaster"), the things of the vocabulary's "does:" lines for the verb and
// what it acts on ("open wine": corkscrew; "cut hair": hair clipper), and, when the
// query says no object, the agent noun alone ("something that shreds": shredder). None
// when the query is no such phrase, is a sentence (its needs and the type vote read
// all its words: "something to sharpen my kitchen knives") or the catalog sells none.
func (c *Catalog) functionPhrase(ctx context.Context, lv *learnedView, v *Vocabulary, words []string, sentence bool) (string, error) {
	verb, object, ok := functionParts(words, v)
	if !ok || lv == nil || sentence {
		return "", nil
	}
	var candidates []string
	// The last word first: the type's plain name ("kitchen knives": knife sharpener;
	// "bottle of wine": wine opener), then all the words.
	objects := objectForms(object[max(0, len(object)-1):])
	if len(object) > 1 {
		objects = append(objects, objectForms(object)...)
	}
	agents := agentNouns(verb)
	for _, o := range objects {
		for _, a := range agents {
			candidates = append(candidates, o+" "+a)
		}
		if slices.Contains(verbBases(verb), "make") && len(object) > 0 {
			candidates = append(candidates, o+" maker", o+" machine", o+"er", o+"maker")
		}
	}
	candidates = append(candidates, v.does(verb, object)...)
	if len(object) == 0 {
		candidates = append(candidates, agents...) // "something that shreds"; not "maker" for "makes ice"
	}
	seen := map[string]bool{}
	for _, t := range candidates {
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		f := strings.Fields(t)
		if !lv.isType(f[len(f)-1]) {
			continue
		}
		has, err := c.indexHas(ctx, t)
		if err != nil || has {
			return t, err
		}
	}
	return "", nil
}

// functionParts splits words as functionPhrase reads them: the verb and what it acts
// on, ok when words are such a phrase.
func functionParts(words []string, v *Vocabulary) (verb string, object []string, ok bool) {
	i := 0
	for i < len(words) && !functionThings[words[i]] && (v.filler[words[i]] || objectSkips[words[i]]) {
		i++
	}
	if i >= len(words) || !functionThings[words[i]] {
		return "", nil, false
	}
	i++
	links := 0
	for i < len(words) && functionLinks[words[i]] {
		links++
		i++
	}
	if links == 0 || i >= len(words) || stopwords[words[i]] || functionThings[words[i]] {
		return "", nil, false
	}
	verb = words[i]
	for i++; i < len(words) && objectSkips[words[i]]; i++ {
	}
	for ; i < len(words); i++ {
		w := words[i]
		if functionLinks[w] && stopwords[w] {
			break // "… for my dad"
		}
		if objectSkips[w] || stopwords[w] {
			continue // "opens a bottle of wine"
		}
		if v.filler[w] {
			break
		}
		object = append(object, w)
	}
	if len(object) > 3 {
		return "", nil, false
	}
	for ; i < len(words); i++ {
		if !v.filler[words[i]] && !stopwords[words[i]] && !objectSkips[words[i]] {
			return "", nil, false // more than a thing said by what it does
		}
	}
	return verb, object, true
}

// verbBases returns the forms w may be a form of: w itself, and w without -s, -es,
// -ing or -ed (with a final e put back or a doubled consonant undone: "making" make,
// "cutting" cut, "shreds" shred, "purifies" purify).
func verbBases(w string) []string {
	out := []string{w}
	add := func(b string) {
		if len(b) >= 2 && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	for _, end := range []string{"ing", "ed"} {
		if b, ok := strings.CutSuffix(w, end); ok && len(b) >= 2 {
			add(b)
			add(b + "e")
			if n := len(b); n >= 3 && b[n-1] == b[n-2] {
				add(b[:n-1])
			}
		}
	}
	if b, ok := strings.CutSuffix(w, "ies"); ok {
		add(b + "y")
	}
	if b, ok := strings.CutSuffix(w, "es"); ok {
		add(b)
	}
	if b, ok := strings.CutSuffix(w, "s"); ok && !strings.HasSuffix(w, "ss") {
		add(b)
	}
	return out
}

// agentNouns returns the nouns of the thing that does the verb w names, from each of
// its bases: -er, -r after e, -ier for a final y after a consonant, and with the final
// consonant doubled ("shredder", "opener", "purifier", "cutter").
func agentNouns(w string) []string {
	var out []string
	for _, b := range verbBases(w) {
		n := len(b)
		switch last := b[n-1]; {
		case last == 'e':
			out = append(out, b+"r")
		case last == 'y' && n >= 2 && !strings.ContainsRune("aeiou", rune(b[n-2])):
			out = append(out, b[:n-1]+"ier", b+"er")
		default:
			out = append(out, b+"er")
			if n >= 3 && !strings.ContainsRune("aeiouwxy", rune(last)) && strings.ContainsRune("aeiou", rune(b[n-2])) &&
				!strings.ContainsRune("aeiou", rune(b[n-3])) {
				out = append(out, b+string(last)+"er")
			}
		}
	}
	return out
}

// objectForms returns what a verb acts on as a product's name may say it, its last word
// in the singular first, as titles name things ("knives": knife, knif; "potatoes":
// potato; "cans": can), then as said.
func objectForms(object []string) []string {
	if len(object) == 0 {
		return nil
	}
	last := object[len(object)-1]
	head := strings.Join(object[:len(object)-1], " ")
	if head != "" {
		head += " "
	}
	var out []string
	add := func(w string) {
		if w != "" && !slices.Contains(out, head+w) {
			out = append(out, head+w)
		}
	}
	if b, ok := strings.CutSuffix(last, "ves"); ok {
		add(b + "fe")
		add(b + "f")
	}
	for _, end := range []string{"oes", "ches", "shes", "xes", "sses"} {
		if strings.HasSuffix(last, end) {
			add(strings.TrimSuffix(last, "es"))
		}
	}
	add(wordKey(last))
	add(last)
	return out
}

// does returns the things of the vocabulary's "does:" lines whose verb is a form of
// verb and whose other cues are each a word of object, those with more cues first.
func (v *Vocabulary) does(verb string, object []string) []string {
	keys := make([]string, len(object))
	for i, w := range object {
		keys[i] = wordKey(w)
	}
	var best [][]string
	most := 0
	for _, d := range v.doers {
		if !cueMatches(d.cues[0], wordKey(verb)) && !slices.Contains(verbBases(verb), d.cues[0]) {
			continue
		}
		all := true
		for _, cue := range d.cues[1:] {
			if !slices.ContainsFunc(keys, func(k string) bool { return cueMatches(cue, k) }) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if len(d.cues) > most {
			best, most = [][]string{d.terms}, len(d.cues)
		} else if len(d.cues) == most {
			best = append(best, d.terms)
		}
	}
	var out []string
	for _, terms := range best {
		out = append(out, terms...)
	}
	return out
}
