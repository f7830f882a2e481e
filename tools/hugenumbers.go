package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
)

// A number in a tool's arguments beyond the range of a float64 (`"limit": 1e999`) is
// valid JSON that mcp-go cannot decode: it would answer the whole call with a
// JSON-RPC error quoting Go's parse text, before any tool sees it. finiteNumbers, run
// on every request before mcp-go decodes it, writes such a number in place as the
// largest power of ten a float64 holds, of its sign, padded with spaces to the same
// length (1e999 becomes 1e308, -1e999 -1e308; a number that long never has fewer
// characters), so the call reaches its tool, whose own checks answer it as they
// answer any number out of their range ("limit must be between 1 and 50"); bind
// already reads a whole number beyond an int as the nearest int.

// finiteNumbers is an OnRequestInitialization hook: message is the request as
// received (json.RawMessage), which mcp-go decodes after its hooks. Only tools/call
// requests are read; anything it cannot read is left for mcp-go to refuse.
func finiteNumbers(_ context.Context, _ any, message any) error {
	raw, ok := message.(json.RawMessage)
	if !ok || !mayOverflow(raw) || !bytes.Contains(raw, []byte(`"tools/call"`)) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or not JSON: mcp-go says so
		}
		n, ok := tok.(json.Number)
		if !ok {
			continue
		}
		if _, err := strconv.ParseFloat(string(n), 64); !errors.Is(err, strconv.ErrRange) {
			continue
		}
		end := int(dec.InputOffset())
		start := end - len(n)
		if start < 0 || string(raw[start:end]) != string(n) {
			return nil // not where the decoder says: leave it to mcp-go
		}
		repl := []byte("1e308")
		if n[0] == '-' {
			repl = []byte("-1e308")
		}
		copy(raw[start:end], append(repl, bytes.Repeat([]byte{' '}, len(n)-len(repl))...))
	}
}

// mayOverflow says whether raw may hold a number beyond a float64: one with an
// exponent (a digit then e or E) or of more than 308 digits. Most calls have neither
// and are not read again.
func mayOverflow(raw []byte) bool {
	run := 0
	for i, c := range raw {
		switch {
		case c >= '0' && c <= '9':
			if run++; run > 308 {
				return true
			}
		case (c == 'e' || c == 'E') && run > 0 && i+1 < len(raw) && (raw[i+1] == '+' || raw[i+1] == '-' || raw[i+1] >= '0' && raw[i+1] <= '9'):
			return true
		default:
			if c != '.' {
				run = 0
			}
		}
	}
	return false
}
