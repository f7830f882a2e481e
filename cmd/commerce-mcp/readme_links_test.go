package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// mdLink is an inline Markdown link or image: [text](target) or ![alt](target).
var mdLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)\)`)

// mdDoc is a Markdown file's headings' anchors and its links, outside fenced code.
type mdDoc struct {
	anchors map[string]bool
	links   []mdLinkAt
}

type mdLinkAt struct {
	line   int
	target string
}

// readMarkdown reads the anchors GitHub gives the headings of the file at path (the
// heading lowercased, punctuation other than '-' and '_' dropped, spaces made '-', a
// repeated one suffixed -1, -2, …) and the file's inline links.
func readMarkdown(t *testing.T, path string) mdDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := mdDoc{anchors: map[string]bool{}}
	seen := map[string]int{}
	fenced := false
	for i, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && strings.HasPrefix(h, " ") {
			a := headingAnchor(h)
			if n := seen[a]; n > 0 {
				doc.anchors[a+"-"+strconv.Itoa(n)] = true
			} else {
				doc.anchors[a] = true
			}
			seen[a]++
		}
		// Links inside inline code are text, not links.
		for j, part := range strings.Split(line, "`") {
			if j%2 == 1 {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(part, -1) {
				doc.links = append(doc.links, mdLinkAt{line: i + 1, target: m[1]})
			}
		}
	}
	return doc
}

func headingAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestReadmeLinks holds every relative link of README.md and of the files under docs/
// to a file that exists and, when it names an anchor, to a heading of that file: a
// section moved or renamed must not leave a link pointing nowhere.
func TestReadmeLinks(t *testing.T) {
	root := filepath.Join("..", "..")
	files := []string{filepath.Join(root, "README.md")}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]mdDoc{}
	doc := func(p string) mdDoc {
		p = filepath.Clean(p)
		if d, ok := docs[p]; ok {
			return d
		}
		d := readMarkdown(t, p)
		docs[p] = d
		return d
	}
	links := 0
	for _, f := range files {
		for _, l := range doc(f).links {
			if strings.Contains(l.target, "://") || strings.HasPrefix(l.target, "mailto:") {
				continue
			}
			links++
			path, anchor, _ := strings.Cut(l.target, "#")
			target := f
			if path != "" {
				target = filepath.Join(filepath.Dir(f), path)
				if _, err := os.Stat(target); err != nil {
					t.Errorf("%s:%d: link %s: no file %s", f, l.line, l.target, target)
					continue
				}
			}
			if anchor == "" {
				continue
			}
			if !strings.HasSuffix(target, ".md") {
				t.Errorf("%s:%d: link %s: an anchor into a file that is not Markdown", f, l.line, l.target)
				continue
			}
			if !doc(target).anchors[anchor] {
				t.Errorf("%s:%d: link %s: %s has no heading #%s", f, l.line, l.target, target, anchor)
			}
		}
	}
	if links < 50 {
		t.Errorf("found only %d relative links in README.md and docs/: the link reader is broken", links)
	}
}

// TestReadmeLinksCatchesBroken checks the checker's own reading: anchors as GitHub
// makes them, and links in code left alone.
func TestReadmeLinksCatchesBroken(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "a.md")
	text := "# Title\n\n## `search_products` (read-only)\n\n## Hosted: many customers over HTTP\n\n## Dup\n\n## Dup\n\n" +
		"[ok](#search_products-read-only) [ok](#hosted-many-customers-over-http) [ok](#dup-1) [bad](#nowhere)\n" +
		"`[code](#not-a-link)`\n\n```\n[fenced](#not-a-link-either)\n## not a heading\n```\n"
	if err := os.WriteFile(md, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	d := readMarkdown(t, md)
	for _, a := range []string{"title", "search_products-read-only", "hosted-many-customers-over-http", "dup", "dup-1"} {
		if !d.anchors[a] {
			t.Errorf("no anchor %q; have %v", a, d.anchors)
		}
	}
	if d.anchors["not-a-heading"] {
		t.Error("a line in a fenced block read as a heading")
	}
	var got []string
	for _, l := range d.links {
		got = append(got, l.target)
	}
	if want := "#search_products-read-only #hosted-many-customers-over-http #dup-1 #nowhere"; strings.Join(got, " ") != want {
		t.Errorf("links %q, want %q", strings.Join(got, " "), want)
	}
}
