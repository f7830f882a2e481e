package wordnet

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadSenses(t *testing.T) {
	n, err := Read(filepath.Join("testdata", "tiny"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, term string
		want       [][]string
	}{
		{"senses in index order", "couch", [][]string{{"couch", "divan"}, {"sofa", "couch", "lounge"}}},
		{"a phrase by its underscores", "vacuum cleaner", [][]string{{"vacuum", "vacuum cleaner", "hoover"}}},
		{"case and spacing folded", "  Vacuum   CLEANER ", [][]string{{"vacuum", "vacuum cleaner", "hoover"}}},
		{"a plural by the rules", "sofas", [][]string{{"sofa", "couch", "lounge"}}},
		{"a plural of a phrase's last word", "vacuum cleaners", [][]string{{"vacuum", "vacuum cleaner", "hoover"}}},
		{"es plural", "boxes", [][]string{{"box", "crate"}}},
		{"an irregular plural by noun.exc", "mice", [][]string{{"mouse", "computer mouse"}}},
		{"a noun with no synonym", "seat", [][]string{{"seat"}}},
		{"a sense without synonym keeps its place", "lounge", [][]string{{"lounge"}, {"sofa", "couch", "lounge"}}},
		{"an unknown word", "trampoline", nil},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := n.Senses(tc.term); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Senses(%q) = %q, want %q", tc.term, got, tc.want)
			}
		})
	}
	if nouns, synsets := n.Size(); nouns != 12 || synsets != 7 {
		t.Errorf("Size() = %d nouns, %d synsets; want 12, 7", nouns, synsets)
	}
}

func TestReadRelations(t *testing.T) {
	n, err := Read(filepath.Join("testdata", "tiny"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, term        string
		broader, narrower [][]string
	}{
		{"a kind of", "sofas", [][]string{{"seat"}}, nil},
		{"its kinds, without a synonym of its own", "seat", nil, [][]string{{"sofa", "couch", "lounge"}}},
		{"of the first sense only", "couch", nil, nil},
		{"unknown", "trampoline", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := n.Broader(tc.term); !reflect.DeepEqual(got, tc.broader) {
				t.Errorf("Broader(%q) = %q, want %q", tc.term, got, tc.broader)
			}
			if got := n.Narrower(tc.term); !reflect.DeepEqual(got, tc.narrower) {
				t.Errorf("Narrower(%q) = %q, want %q", tc.term, got, tc.narrower)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, dir, want string
	}{
		{"no such directory", filepath.Join("testdata", "none"), "no such file"},
		{"fewer words than announced", filepath.Join("testdata", "bad"), "3 words announced"},
		{"a pointer to no synset", filepath.Join("testdata", "badpointer"), "points to synset 999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read(%s) = %v, want an error with %q", tc.dir, err, tc.want)
			}
		})
	}
}

func TestReadBadIndex(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "tiny", "data.noun"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, index, want string }{
		{"synset count not a number", "sofa n x 0 1 0 00000100\n", "synset count"},
		{"more offsets than counted", "sofa n 1 0 1 0 00000100 00000200\n", "fields"},
		{"offset not a number", "sofa n 1 0 1 0 zz\n", "synset offset"},
		{"offset of no synset", "sofa n 1 0 1 0 00000999\n", "not in data.noun"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "data.noun"), data, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "index.noun"), []byte(tc.index), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read = %v, want an error with %q", err, tc.want)
			}
		})
	}
}
