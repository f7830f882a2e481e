package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxHeld is how many undecodable lines a JSON file may start with before it is
// declared not to be JSON at all.
const maxHeld = 20

// readJSON reads JSON Lines, or a single JSON array when the first character is "[".
// While no line has decoded as a JSON object, rejects are held back; a file that
// starts with maxHeld undecodable lines, or has none that decodes, is a file error.
func (p *parser) readJSON(in *bufio.Reader) error {
	line := 1 // line of the first non-space character
	for {
		b, err := in.Peek(1)
		if err != nil {
			return errors.New("file is empty")
		}
		if !isJSONSpace(b[0]) {
			break
		}
		if b[0] == '\n' {
			line++
		}
		in.ReadByte()
	}
	p.holding = true
	var err error
	if b, _ := in.Peek(1); b[0] == '[' {
		err = p.readJSONArray(in, line)
	} else if isContentAPI(in) {
		err = p.readWrapped(in, line, "resources", contentAPIRow)
	} else if key, ok := wrappedListKey(in); ok {
		err = p.readWrapped(in, line, key, nil)
	} else {
		err = p.readJSONLines(in, line)
	}
	if err != nil {
		return err
	}
	if p.holding && len(p.held) > 0 {
		return notJSON(p.held[0])
	}
	p.release()
	return nil
}

// readJSONLines reads one JSON object per line; blank lines are skipped.
func (p *parser) readJSONLines(in *bufio.Reader, line int) error {
	for ; ; line++ {
		b, tooLong, err := readLine(in)
		if err != nil && err != io.EOF {
			return readError(err)
		}
		if len(bytes.TrimSpace(b)) > 0 || tooLong {
			p.tick()
			if err := p.jsonLine(line, b, tooLong); err != nil {
				return err
			}
		}
		if p.holding && len(p.held) >= maxHeld {
			return notJSON(p.held[0])
		}
		if err == io.EOF {
			return nil
		}
	}
}

func (p *parser) jsonLine(line int, b []byte, tooLong bool) error {
	if tooLong {
		p.reject(oneLine(line), reasonLongLine)
		return nil
	}
	obj, reason := decodeObject(b)
	if reason != "" {
		p.reject(oneLine(line), "%s", reason)
		return nil
	}
	if p.holding {
		p.release()
	}
	return p.jsonObject(oneLine(line), obj)
}

// notJSON is the file error for a JSON file in which no line could be decoded.
func notJSON(first RowError) error {
	return fmt.Errorf("does not look like JSON Lines (one JSON object per line) or a JSON array: line %d: %s", first.Line, first.Reason)
}

// readLine returns the next line without its line ending. A line longer than
// maxRecordLen is skipped to its end and reported with tooLong. err is io.EOF with the
// last line.
func readLine(in *bufio.Reader) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxRecordLen {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))
		return buf, tooLong, err
	}
}

// readJSONArray reads a file holding one JSON array of objects; firstLine is the line
// of its "[". A syntax error ends the reading: the rest of an array cannot be found
// again after one. An entry longer than maxRecordLen also ends the reading: the
// decoder is fed at most that much past the start of an entry or the end of the
// previous one. The lines not read, to the end of the file, are then reported as one
// span; so is anything after the array's closing "]".
func (p *parser) readJSONArray(in *bufio.Reader, firstLine int) error {
	lc := &lineCounter{r: in, passed: firstLine - 1}
	dec := json.NewDecoder(lc)
	if _, err := dec.Token(); err != nil { // the opening [
		return readError(err)
	}
	lc.mark = dec.InputOffset()
	if err := p.readEntries(dec, lc, nil); err != nil || lc.exceeded || lc.stopped {
		return err
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim(']') {
		p.tick()
		return p.rejectRest(lc, dec.InputOffset(), "not valid JSON from here on; the rest of the file was not read")
	}
	if _, err := dec.Token(); err != io.EOF {
		p.tick()
		return p.rejectRest(lc, dec.InputOffset(), "the JSON array has ended; what follows it was not read")
	}
	return nil
}

// readEntries reads the entries of a JSON array whose "[" dec has read, up to its
// "]", each through convert (when not nil) to a flat row. When it ends the reading
// early (a syntax error, an entry past maxRecordLen) it reports the rest of the file
// and sets lc.stopped.
func (p *parser) readEntries(dec *json.Decoder, lc *lineCounter, convert func(map[string]json.RawMessage) map[string]json.RawMessage) error {
	for dec.More() {
		lc.mark = dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if lc.exceeded {
				break // reported below
			}
			var se *json.SyntaxError
			if !errors.As(err, &se) && !errors.Is(err, io.ErrUnexpectedEOF) {
				return readError(err)
			}
			p.tick()
			lc.stopped = true
			return p.rejectRest(lc, dec.InputOffset(), "not valid JSON from here on; the rest of the file was not read")
		}
		lc.mark = dec.InputOffset()
		p.tick()
		at := lines{lc.lineAt(dec.InputOffset() - int64(len(raw))), 0}
		at.last = lc.lineAt(dec.InputOffset() - 1)
		obj, reason := decodeObject(raw)
		if reason != "" {
			p.reject(at, "%s", reason)
			continue
		}
		if p.holding {
			p.release()
		}
		if convert != nil {
			obj = convert(obj)
		}
		if err := p.jsonObject(at, obj); err != nil {
			return err
		}
	}
	if lc.exceeded { // in Decode, or in More, which then says false
		p.tick()
		return p.rejectRest(lc, lc.mark, "an entry is longer than 1 MiB; the rest of the file was not read")
	}
	return nil
}

// rejectRest reports the lines from the one holding offset off to the end of the
// file, which is read to count them, as not read.
func (p *parser) rejectRest(lc *lineCounter, off int64, reason string) error {
	first := lc.lineAt(off)
	last, err := lc.lastLine()
	if err != nil {
		return readError(err)
	}
	p.reject(lines{min(first, last), last}, "%s", reason)
	return nil
}

// decodeObject decodes one JSON object into its members, keyed by canonical column
// name. reason says why b is not an object.
func decodeObject(b []byte) (map[string]json.RawMessage, string) {
	if obj, ok := scanFlatObject(b); ok {
		return obj, ""
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Sprintf("not valid JSON (error at character %d)", se.Offset)
		}
		return nil, "not a JSON object"
	}
	if obj == nil {
		return nil, "not a JSON object"
	}
	out := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		if k = columnKey(k); k != "" {
			if _, dup := out[k]; !dup {
				out[k] = v
			}
		}
	}
	return out, ""
}

// scanFlatObject decodes the common shape of a feed line without reflection: one
// object whose keys are already canonical (see canonicalKey) and appear once, and
// whose values are strings, numbers, true, false or null. It reports false for
// anything else (nested values, escaped or repeated keys, invalid JSON), which
// decodeObject then decodes in full, so the result never differs from it.
func scanFlatObject(b []byte) (map[string]json.RawMessage, bool) {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return nil, false
	}
	obj := make(map[string]json.RawMessage, 24)
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return obj, skipSpace(b, i+1) == len(b)
	}
	for {
		if i == len(b) || b[i] != '"' {
			return nil, false
		}
		end := stringEnd(b, i)
		if end < 0 {
			return nil, false
		}
		key, known := knownKeys[string(b[i+1:end-1])] // no copy of a column's name
		if !known {
			key = string(b[i+1 : end-1])
		}
		if !canonicalKey(key) || key == "" {
			return nil, false
		}
		if _, dup := obj[key]; dup {
			return nil, false
		}
		i = skipSpace(b, end)
		if i == len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipSpace(b, i+1)
		start := i
		switch {
		case i == len(b):
			return nil, false
		case b[i] == '"':
			if i = stringEnd(b, i); i < 0 {
				return nil, false
			}
		default:
			for i < len(b) && b[i] != ',' && b[i] != '}' && !isJSONSpace(b[i]) {
				i++
			}
			if !json.Valid(b[start:i]) || b[start] == '{' || b[start] == '[' || b[start] == '"' {
				return nil, false
			}
		}
		obj[key] = json.RawMessage(b[start:i])
		i = skipSpace(b, i)
		if i == len(b) {
			return nil, false
		}
		if b[i] == '}' {
			return obj, skipSpace(b, i+1) == len(b)
		}
		if b[i] != ',' {
			return nil, false
		}
		i = skipSpace(b, i+1)
	}
}

// knownKeys holds the name of every flat column, so that scanFlatObject keys its
// members by these strings instead of a copy of each key of each line.
var knownKeys = func() map[string]string {
	m := map[string]string{"variants": "variants"}
	for _, cols := range flatColumns {
		for _, c := range cols {
			m[c] = c
		}
	}
	return m
}()

// stringEnd returns the index just past the JSON string that starts at b[i] (a
// quote), or -1 when it is not a valid string (an unterminated one, a raw control
// character, a bad escape or invalid UTF-8).
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			if !utf8.Valid(b[i+1 : j]) {
				return -1
			}
			return j + 1
		case c < 0x20:
			return -1
		case c == '\\':
			if j+1 == len(b) || !strings.ContainsRune(`"\\/bfnrtu`, rune(b[j+1])) {
				return -1
			}
			if b[j+1] == 'u' && (j+6 > len(b) || !isHex4(b[j+2:j+6])) {
				return -1
			}
			j++
		}
	}
	return -1
}

func isHex4(b []byte) bool {
	for _, c := range b[:4] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	return i
}

// jsonObject handles one decoded object: an ACP product when it has variants, a flat
// row otherwise.
func (p *parser) jsonObject(at lines, obj map[string]json.RawMessage) error {
	if _, ok := obj["variants"]; ok {
		return p.acpProduct(at, obj)
	}
	if hasNonScalar(obj) { // else the loop finds nothing: most rows
		for _, cols := range flatColumns {
			for _, c := range cols {
				if k := kind(obj[c]); k == "an object" || k == "a list" {
					obj[c] = flatJSONValue(obj, c)
				}
				if k := kind(obj[c]); k == "an object" || k == "a list" {
					p.reject(at, "%s should be text, not %s", c, k)
					return nil
				}
				if len(obj[c]) > maxFieldLen {
					p.reject(at, "%s is longer than 64 KiB: %s", c, shortenIt)
					return nil
				}
			}
		}
	}
	return p.flatRow(at, func(col string) string { return scalarText(obj[col]) }, func() row {
		m := make(map[string]string, len(obj)) // obj's values are slices of a line read into a reused buffer
		for k, v := range obj {
			m[k] = scalarText(v)
		}
		return func(col string) string { return m[col] }
	})
}

// flatJSONValue reads flat column c of a JSON row written as a list or an object, as
// shop APIs write them: a list gives its first value (images, categories), a price
// object {"value", "currency"} gives "24.00 USD" (see contentAPIValue), and a rating
// object {"rate" (or "average", "value"), "count"} gives the rating, its count being
// the review count when the row gives none; a list of tags or materials gives all
// its words, comma-separated. Anything else is returned as it is, and rejected by the
// caller.
func flatJSONValue(obj map[string]json.RawMessage, c string) json.RawMessage {
	if slices.Contains(colTags, c) || c == "materials" {
		// Every word of a list of tags or materials counts, not its first.
		var list []string
		if json.Unmarshal(obj[c], &list) == nil {
			b, _ := json.Marshal(strings.Join(list, ", "))
			return b
		}
	}
	v := contentAPIValue(obj[c])
	if kind(v) != "an object" || !slices.Contains(colRating, c) {
		return v
	}
	rating, _ := decodeObject(v)
	for _, k := range []string{"rate", "average", "value"} {
		if r := rating[k]; kind(r) == "a number" || kind(r) == "text" {
			if n := rating["count"]; kind(n) == "a number" && isNull(obj[colReviewCount[0]]) {
				obj[colReviewCount[0]] = n
			}
			return r
		}
	}
	return v
}

// hasNonScalar reports whether a member of obj is an object, a list or longer than
// maxFieldLen: what jsonObject rejects a flat row for when it is one of its columns.
func hasNonScalar(obj map[string]json.RawMessage) bool {
	for _, v := range obj {
		if k := kind(v); k == "an object" || k == "a list" || len(v) > maxFieldLen {
			return true
		}
	}
	return false
}

// scalarText renders a JSON value as feed text: strings as themselves, numbers and
// booleans as written, null as "", objects and arrays as compact JSON.
func scalarText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		if s, ok := plainString(raw); ok {
			return s
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil {
		return buf.String()
	}
	return strings.TrimSpace(string(raw))
}

// plainString returns the JSON string raw without its quotes when it needs no
// decoding: no escapes, no control characters, valid UTF-8 — what most feed values
// are. It reports false otherwise, and json.Unmarshal decodes it.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(body) {
		return "", false
	}
	return string(body), true
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineCounter passes reads through and remembers where newlines are, so that byte
// offsets can be turned into line numbers. lineAt must be called with offsets that do
// not decrease. Reads fail with errEntryTooLong once they would go more than
// maxRecordLen past mark.
type lineCounter struct {
	r        io.Reader
	read     int64   // bytes read so far
	newlines []int64 // offsets of newlines not yet passed by lineAt
	passed   int     // newlines before the last offset asked about
	mark     int64   // where the entry being decoded starts, or the last one ended
	exceeded bool    // a read went past the cap
	stopped  bool    // readEntries ended the reading at a syntax error
	endsLine bool    // the last byte read is a newline
}

var errEntryTooLong = errors.New("JSON array entry too long")

func (c *lineCounter) Read(b []byte) (int, error) {
	room := c.mark + maxRecordLen - c.read
	if room <= 0 {
		c.exceeded = true
		return 0, errEntryTooLong
	}
	if int64(len(b)) > room {
		b = b[:room]
	}
	n, err := c.r.Read(b)
	for i, ch := range b[:n] {
		if ch == '\n' {
			c.newlines = append(c.newlines, c.read+int64(i))
		}
	}
	if n > 0 {
		c.endsLine = b[n-1] == '\n'
	}
	c.read += int64(n)
	return n, err
}

// lastLine reads the rest of the file, without keeping it, and returns the number of
// its last line (a newline at the very end does not start another).
func (c *lineCounter) lastLine() (int, error) {
	newlines := c.passed + len(c.newlines)
	buf := make([]byte, 32<<10)
	for {
		n, err := c.r.Read(buf)
		newlines += bytes.Count(buf[:n], []byte("\n"))
		if n > 0 {
			c.endsLine = buf[n-1] == '\n'
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	if c.endsLine {
		return max(newlines, 1), nil
	}
	return newlines + 1, nil
}

// lineAt returns the 1-based line of the byte at offset off.
func (c *lineCounter) lineAt(off int64) int {
	i := 0
	for i < len(c.newlines) && c.newlines[i] < off {
		i++
	}
	c.passed += i
	c.newlines = c.newlines[i:]
	return c.passed + 1
}
