package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// IndexShape is how the full-text index is laid out in segments: what every search
// reads (one look-up per segment for each word) and what merging has left to do. It is
// read from FTS5's structure record (the row of products_fts_data with id 10), whose
// layout is SQLite's (fts5StructureDecode); nothing else in the catalog reads it.
type IndexShape struct {
	Levels []IndexLevel // level 0 holds the segments writes add; merges move them up
}

// IndexLevel is one level of the index: its segments, oldest first.
type IndexLevel struct {
	// Merging is how many of Segments (the first ones) an unfinished incremental
	// merge is reading; its output is the last segment of the next level.
	Merging  int
	Segments []IndexSegment
}

// IndexSegment is one segment of the index.
type IndexSegment struct {
	ID          int
	First, Last int // its leaf pages
}

// Pages is how many leaf pages the segment holds.
func (s IndexSegment) Pages() int { return s.Last - s.First + 1 }

// Segments counts the segments of every level.
func (s IndexShape) Segments() int {
	n := 0
	for _, l := range s.Levels {
		n += len(l.Segments)
	}
	return n
}

// Level0 counts the segments of level 0, the ones writes add.
func (s IndexShape) Level0() int {
	if len(s.Levels) == 0 {
		return 0
	}
	return len(s.Levels[0].Segments)
}

// Merging reports whether a level has an unfinished incremental merge.
func (s IndexShape) Merging() bool {
	for _, l := range s.Levels {
		if l.Merging > 0 {
			return true
		}
	}
	return false
}

// String is the shape in short: "L0: 3 (6p) L2: 1 (51426p)", with "merging n" where a
// merge is unfinished.
func (s IndexShape) String() string {
	out := ""
	for i, l := range s.Levels {
		if len(l.Segments) == 0 {
			continue
		}
		pages := 0
		for _, g := range l.Segments {
			pages += g.Pages()
		}
		if out != "" {
			out += " "
		}
		out += fmt.Sprintf("L%d: %d (%dp)", i, len(l.Segments), pages)
		if l.Merging > 0 {
			out += fmt.Sprintf(" merging %d", l.Merging)
		}
	}
	return out
}

// IndexShape reads the shape of the full-text index.
func (c *Catalog) IndexShape(ctx context.Context) (IndexShape, error) {
	return readIndexShape(ctx, c.rdb)
}

// readIndexShape reads and decodes the structure record through q.
func readIndexShape(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (IndexShape, error) {
	var b []byte
	err := q.QueryRowContext(ctx, `SELECT block FROM products_fts_data WHERE id = 10`).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return IndexShape{}, nil
	}
	if err != nil {
		return IndexShape{}, fmt.Errorf("index shape: %w", err)
	}
	s, err := decodeIndexShape(b)
	if err != nil {
		return IndexShape{}, fmt.Errorf("index shape: %w", err)
	}
	return s, nil
}

// decodeIndexShape decodes FTS5's structure record: a 4-byte cookie, the 4-byte
// marker of the second version (which adds five numbers to every segment), the counts
// of levels and segments, the write counter, and per level the segments an unfinished
// merge reads, the count of segments and per segment its id and first and last page.
func decodeIndexShape(b []byte) (IndexShape, error) {
	d := varints{b: b}
	if len(b) < 4 {
		return IndexShape{}, errors.New("structure record too short")
	}
	d.i = 4
	v2 := len(b) >= 8 && b[4] == 0xff && b[5] == 0 && b[6] == 0 && b[7] == 1
	if v2 {
		d.i = 8
	}
	levels, segments := d.next(), d.next()
	d.next() // the write counter
	if d.err != nil || levels > 64 || segments > 2000 {
		return IndexShape{}, errors.New("structure record: bad counts")
	}
	s := IndexShape{Levels: make([]IndexLevel, levels)}
	for i := range s.Levels {
		l := &s.Levels[i]
		l.Merging = int(d.next())
		n := int(d.next())
		if d.err != nil || n > 2000 || l.Merging > n {
			return IndexShape{}, errors.New("structure record: bad level")
		}
		l.Segments = make([]IndexSegment, n)
		for j := range l.Segments {
			g := &l.Segments[j]
			g.ID, g.First, g.Last = int(d.next()), int(d.next()), int(d.next())
			if v2 {
				for range 5 { // origins, tombstone pages and entries, entries
					d.next()
				}
			}
		}
	}
	if d.err != nil || s.Segments() != int(segments) {
		return IndexShape{}, errors.New("structure record: corrupt")
	}
	return s, nil
}

// varints reads SQLite's variable-length integers: big-endian groups of seven bits,
// the high bit set on all but the last, the ninth byte contributing all eight bits.
type varints struct {
	b   []byte
	i   int
	err error
}

func (d *varints) next() uint64 {
	var v uint64
	for n := 0; n < 9; n++ {
		if d.i >= len(d.b) {
			d.err = errors.New("structure record: truncated")
			return 0
		}
		c := d.b[d.i]
		d.i++
		if n == 8 {
			return v<<8 | uint64(c)
		}
		v = v<<7 | uint64(c&0x7f)
		if c&0x80 == 0 {
			return v
		}
	}
	return v
}
