package feed

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"path/filepath"
	"strings"
)

type format int

const (
	formatCSV format = iota
	formatTSV
	formatJSON // JSON Lines, or one JSON array
	formatXML  // Merchant Center RSS 2.0 or Atom 1.0
	formatSSV  // CSV with ";" between fields, as Excel writes it where "," marks decimals
)

// sniffLen is how much of the (decompressed) start of a file is examined.
const sniffLen = 4096

// open unwraps gzip (guarded against decompression bombs, see limits.go), refuses binary and UTF-16 content, drops a UTF-8 byte order mark
// and chooses the format from name's extension (and, for .txt, from the first line);
// content that starts like XML (<?xml, <rss, <feed) is read as XML whatever the name.
// A CSV or TSV file is read in enc (Options.Encoding); with EncodingAuto, one with a
// byte order mark is UTF-8 and another's encoding is sniffed (see sniffEncoding).
// JSON is always UTF-8. The encoding the file is read in is returned.
func open(r io.Reader, name, enc string) (*bufio.Reader, format, string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	var f format
	switch ext {
	case ".xml":
		f = formatXML
	case ".csv":
		f = formatCSV
	case ".tsv", ".tab", ".txt":
		f = formatTSV
	case ".jsonl", ".ndjson", ".json":
		f = formatJSON
	case ".xlsx", ".xlsm", ".xls", ".ods", ".numbers":
		return nil, 0, "", errors.New("a spreadsheet workbook is not read: save the sheet of products as CSV (UTF-8) and import that file")
	default:
		return nil, 0, "", errors.New("unknown feed format: the file name must end in .csv, .tsv, .tab, .txt, .jsonl, .ndjson, .json or .xml (optionally followed by .gz)")
	}

	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		in := &countingReader{r: br}
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, 0, "", errors.New("looks gzip-compressed but its gzip header is damaged")
		}
		br = bufio.NewReaderSize(&inflateGuard{z: zr, in: in}, 64<<10)
	}
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, 0, "", readError(err)
	}
	switch {
	case len(bytes.TrimSpace(head)) == 0 && len(head) < sniffLen:
		return nil, 0, "", errors.New("file is empty")
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return nil, 0, "", errors.New("file is UTF-16 text; save it as UTF-8")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		// Zip (.xlsx, .ods, a zipped feed) or the OLE container of an Excel 97 .xls,
		// renamed or saved with a text feed's name.
		return nil, 0, "", errors.New("is a zip archive or spreadsheet workbook, not a text feed: save the sheet of products as CSV (UTF-8), or unzip the feed (gzip, .gz, is read as it is)")
	case bytes.IndexByte(head, 0) >= 0:
		return nil, 0, "", errors.New("looks like a binary file, not a text feed")
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
		head = head[3:]
		if enc == EncodingAuto {
			enc = EncodingUTF8
		}
	}
	if start := bytes.TrimSpace(head); bytes.HasPrefix(start, []byte("<?xml")) || bytes.HasPrefix(start, []byte("<rss")) || bytes.HasPrefix(start, []byte("<feed")) {
		f = formatXML // Merchant Center feeds are often .txt, whatever they hold
	} else if f == formatXML {
		return nil, 0, "", errors.New("the file is named .xml but does not start like an XML feed (<?xml, <rss or <feed)")
	}
	if ext == ".txt" && f != formatXML {
		first, _, _ := bytes.Cut(head, []byte("\n"))
		switch {
		case bytes.HasPrefix(bytes.TrimSpace(first), []byte("{")):
			f = formatJSON
		case bytes.IndexByte(first, '\t') < 0 && (bytes.IndexByte(first, ',') >= 0 || bytes.IndexByte(first, ';') >= 0):
			f = formatCSV
		}
	}
	if f == formatCSV {
		// A .csv whose header has no comma is separated by what it has: ";" (Excel
		// where the comma is the decimal mark) or a tab.
		first, _, _ := bytes.Cut(head, []byte("\n"))
		switch {
		case bytes.IndexByte(first, ',') >= 0:
		case bytes.IndexByte(first, ';') >= 0:
			f = formatSSV
		case bytes.IndexByte(first, '\t') >= 0:
			f = formatTSV
		}
	}
	if f == formatJSON || f == formatXML {
		return br, f, EncodingUTF8, nil // an XML declaration names any other encoding
	}
	br, enc = decodeText(br, enc)
	return br, f, enc, nil
}

// readError describes a failure to read the file itself, without Go's wording where
// a plainer one exists.
func readError(err error) error {
	switch {
	case errors.Is(err, errGzipBomb):
		return err
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("file is truncated or its compression is damaged")
	}
	return errors.New("cannot read the file: " + err.Error())
}
