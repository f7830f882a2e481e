package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
	"github.com/commerce-mcp/commerce-mcp/store"
)

const (
	// rejectExamples is how many rows of one reason an import lists on stderr before
	// it only counts them: a feed whose 5,000 rows lack a price says so five times,
	// then once with the count and the lines.
	rejectExamples = 5
	// rejectSpans bounds the line spans kept per reason for the summary; the count
	// goes on past it, and --rejects keeps every row.
	rejectSpans = 10
)

// rejectLog prints an import's rejected rows, damaged spans and warnings on stderr,
// the first rejectExamples of each reason in full and the rest counted, per file, in
// lines printed after that file's summary; every row also goes to the --rejects file
// when there is one. Rows of one reason differ in the values they quote ("12.00",
// "8.50") and the numbers in them, so a reason is its text with those set aside
// (appendReasonKey).
type rejectLog struct {
	stderr io.Writer
	all    io.Writer // the --rejects file; nil without one
	files  map[string]*fileRejects
	key    []byte // appendReasonKey's buffer, reused row after row
	err    error  // the first failed write to all
}

type fileRejects struct {
	reasons []*reasonRejects // in the order first met
	byKey   map[string]*reasonRejects
}

type reasonRejects struct {
	first string // the first row, as printed
	rows  int
	spans []lineSpan // merged where consecutive, at most rejectSpans
	more  bool       // spans left out past rejectSpans
}

type lineSpan struct{ first, last int }

func newRejectLog(stderr, all io.Writer) *rejectLog {
	return &rejectLog{stderr: stderr, all: all, files: map[string]*fileRejects{}}
}

// appendReasonKey appends to b the reason of e without what varies between rows of
// one reason, each Go-quoted value ("12.00") and each number made '#', then whether it
// is a warning. It reads the reason once, without a regular expression: an import of a
// million rejected rows calls it a million times.
func appendReasonKey(b []byte, e feed.RowError) []byte {
	if e.Warning {
		b = append(b, "warning: "...)
	}
	r := e.Reason
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == '"':
			// A quoted value ends at the next quote not escaped; one never closed is
			// kept as it is.
			j := i + 1
			for j < len(r) && r[j] != '"' {
				if r[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(r) {
				return append(b, r[i:]...)
			}
			b = append(b, '#')
			i = j
		case c >= '0' && c <= '9':
			for i+1 < len(r) && r[i+1] >= '0' && r[i+1] <= '9' {
				i++
			}
			b = append(b, '#')
		default:
			b = append(b, c)
		}
	}
	return b
}

// row records e: printed when among the first of its reason in its file, counted
// otherwise, and written to the --rejects file in any case.
func (l *rejectLog) row(e feed.RowError) {
	if l.all != nil && l.err == nil {
		_, l.err = fmt.Fprintln(l.all, e.String())
	}
	f := l.files[e.File]
	if f == nil {
		f = &fileRejects{byKey: map[string]*reasonRejects{}}
		l.files[e.File] = f
	}
	l.key = appendReasonKey(l.key[:0], e)
	r := f.byKey[string(l.key)] // no string made for the look-up
	if r == nil {
		r = &reasonRejects{first: e.String()}
		f.byKey[string(l.key)] = r
		f.reasons = append(f.reasons, r)
	}
	r.rows++
	if r.rows <= rejectExamples {
		fmt.Fprintln(l.stderr, e.String())
		return
	}
	end := max(e.EndLine, e.Line)
	switch n := len(r.spans); {
	case n > 0 && r.spans[n-1].last+1 >= e.Line:
		r.spans[n-1].last = max(r.spans[n-1].last, end)
	case n < rejectSpans:
		r.spans = append(r.spans, lineSpan{e.Line, end})
	default:
		r.more = true
	}
}

// summary prints, after file's summary line, a count for each reason of which rows
// went unlisted: how many, like which row, and on which lines. It says where the
// full list is (rejectsPath) or how to get it.
func (l *rejectLog) summary(file, rejectsPath string) {
	f := l.files[file]
	if f == nil {
		return
	}
	delete(l.files, file) // said once, even for a file named twice
	held := false
	for _, r := range f.reasons {
		if r.rows <= rejectExamples {
			continue
		}
		held = true
		spans := make([]string, len(r.spans))
		for i, s := range r.spans {
			spans[i] = strconv.Itoa(s.first)
			if s.last > s.first {
				spans[i] += "-" + strconv.Itoa(s.last)
			}
		}
		more := ""
		if r.more {
			more = ", …"
		}
		fmt.Fprintf(l.stderr, "  %d more rows (lines %s%s; %d in all) like %s\n",
			r.rows-rejectExamples, strings.Join(spans, ", "), more, r.rows, r.first)
	}
	if !held {
		return
	}
	if rejectsPath != "" {
		fmt.Fprintf(l.stderr, "  every row and its reason is in %s\n", rejectsPath)
	} else {
		fmt.Fprintf(l.stderr, "  only the first %d rows of each reason are listed; --rejects FILE writes every one with its reason\n", rejectExamples)
	}
}

// createRejects creates (or empties) the --rejects file at path, refusing a path that
// names one of the feeds being imported or a file of the database at db: emptying
// either by a slip of the command line would lose data.
func createRejects(path, db string, feeds []string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil {
		for _, other := range append([]string{db, catalog.SalesFile(db), store.FileBeside(db)}, feeds...) {
			if oi, err := os.Stat(other); err == nil && os.SameFile(fi, oi) {
				return nil, &usageError{Msg: fmt.Sprintf("--rejects %s names %s, which this import reads or writes; give a new file for the rejected rows", path, other)}
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--rejects: %w", err)
	}
	return f, nil
}
