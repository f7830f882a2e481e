package feed

import (
	"bufio"
	"errors"
	"io"
)

// Caps on what a feed can make the reader hold. They bound Parse's memory whatever a
// file holds: what breaks one is reported, never buffered.
//
//   - maxFieldLen (64 KiB) caps one CSV/TSV field or one JSON value that is read as
//     text, measured as written in the file. A row with a longer one is rejected
//     (for CSV/TSV the record is reported as damaged, since a field that long is
//     almost always a quote that was never closed).
//   - maxRecordLen (1 MiB) caps one physical line, one CSV/TSV record with all its
//     lines, one JSON Lines line and one entry of a JSON array. A longer line is
//     skipped to its end, without being kept, and reported; a longer JSON array
//     entry stops the file, since the rest of an array cannot be found again.
//   - A gzip stream may decompress past maxGzipGrace (16 MiB) only while it stays
//     within maxGzipRatio (100) times the compressed bytes read so far. Feeds
//     compress 5 to 20 times; a stream far beyond that is a decompression bomb, and
//     the file stops there with errGzipBomb (rows before it are kept). A genuine
//     outlier can be imported decompressed: plain files have no such cap.
const (
	maxFieldLen  = 64 << 10
	maxRecordLen = 1 << 20
	maxGzipRatio = 100
	maxGzipGrace = 16 << 20
)

// shortenIt is what a reason for a field or line over its cap tells the person to do.
// Such a field is most often a description whose markup carries whole pictures or
// page-builder styling; of its text only the first 8,000 bytes are kept anyway.
const shortenIt = "shorten it in the feed (a description keeps only its first 8,000 bytes of text when imported)"

var errGzipBomb = errors.New("decompresses to more than 100 times its compressed size, like a decompression bomb; reading stopped there (decompress the file first if it is genuine)")

// countingReader counts the bytes read through it. It is an io.ByteReader so that
// gzip reads exactly what it needs from it.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// inflateGuard passes a decompressed stream through and fails with errGzipBomb once
// it breaks the ratio cap against the compressed bytes read so far.
type inflateGuard struct {
	z   io.Reader
	in  *countingReader
	out int64
}

func (g *inflateGuard) Read(b []byte) (int, error) {
	n, err := g.z.Read(b)
	g.out += int64(n)
	if g.out > maxGzipGrace && g.out > maxGzipRatio*g.in.n {
		return n, errGzipBomb
	}
	return n, err
}
