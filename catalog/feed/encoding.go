package feed

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The values of Options.Encoding.
const (
	EncodingAuto        = ""             // decide from the file's bytes (see sniffEncoding)
	EncodingUTF8        = "utf-8"        // read as UTF-8 whatever the bytes
	EncodingWindows1252 = "windows-1252" // read as Windows-1252 whatever the bytes
)

// encodingSniffLen is how much of the (decompressed) start of a CSV or TSV file is
// examined to decide its encoding. It is the size of open's buffer, so one Peek sees it.
const encodingSniffLen = 64 << 10

// checkEncoding refuses a value of Options.Encoding that is not one of the constants.
func checkEncoding(enc string) error {
	switch enc {
	case EncodingAuto, EncodingUTF8, EncodingWindows1252:
		return nil
	}
	return fmt.Errorf("encoding %q is not one of utf-8 or windows-1252", enc)
}

// sniffEncoding decides how a CSV or TSV file whose start is head is read: as
// Windows-1252 when head holds bytes that are not UTF-8 and not one valid multi-byte
// UTF-8 character (a file saved by Excel in a Western code page); as UTF-8 otherwise,
// including a file that mixes both (the policy for bytes that are not UTF-8 then
// applies, see notUTF8). atEOF says that head is the whole file; when it is not, a
// character cut by the end of head is left out of the judgment.
func sniffEncoding(head []byte, atEOF bool) string {
	if !atEOF {
		head = wholeChars(head)
	}
	if utf8.Valid(head) {
		return EncodingUTF8
	}
	for len(head) > 0 {
		_, size := utf8.DecodeRune(head)
		if size > 1 {
			return EncodingUTF8
		}
		head = head[size:]
	}
	return EncodingWindows1252
}

// wholeChars drops from the end of b the start of a UTF-8 character that b cuts.
func wholeChars(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// decodeText applies enc (Options.Encoding) to a CSV or TSV file read from br, which
// holds no byte order mark: it returns the reader to parse and the encoding chosen.
// A read error within the sniffed prefix is not returned: the encoding is judged on
// the bytes before it, and reading meets the error again after their rows (gzip's
// errors and errGzipBomb repeat).
func decodeText(br *bufio.Reader, enc string) (*bufio.Reader, string) {
	if enc == EncodingAuto {
		head, err := br.Peek(encodingSniffLen)
		enc = sniffEncoding(head, err == io.EOF)
	}
	if enc == EncodingWindows1252 {
		br = bufio.NewReaderSize(charmap.Windows1252.NewDecoder().Reader(br), 64<<10)
	}
	return br, enc
}
