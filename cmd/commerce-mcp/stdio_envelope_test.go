package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// envelopeLines are messages of the shapes the server writes and reads, and a few it
// never writes, for outputEnvelope's tests.
var envelopeLines = []string{
	`{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"a } ] \" \\ {"}],"structuredContent":{"products":[]}}}`,
	`{"jsonrpc":"2.0","id":"abc","result":{}}`,
	`{"jsonrpc":"2.0","id":7,"result":null}`,
	`{"jsonrpc":"2.0","id":2.5,"error":{"code":-32601,"message":"Method not found"}}`,
	`{"jsonrpc":"2.0","id":3,"error":null}`,
	`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`,
	`{"jsonrpc":"2.0","id":"s-1","method":"elicitation/create","params":{"message":"Buy?"}}`,
	`{"jsonrpc":"2.0","method":"notifications/progress","params":{"progress":1}}`,
	` { "jsonrpc" : "2.0" , "id" : 4 , "result" : [ 1 , 2 ] } `,
	`{"ID":5,"Result":{"a":1},"METHOD":""}`,
	`{"id":6,"id":"six","result":true}`,
	`{"id":{"nested":[1,{"x":"}"}]},"result":"r"}`,
	`{"jsonrpc":"2.0","id":8,"result":{"text":"caf\u00e9 \ud83d\ude00 «quoted»"}}`,
	`{"i\u0064":9,"result":1}`,
	`{"ıd":10}`,
	`{}`,
	`[]`,
	`"text"`,
	`{"id":1,"result":{}} trailing`,
	`{"id":1,"result":{`,
	`{"id":1,"result":"unterminated}`,
	`{"id":1 "result":2}`,
	`{"id":,"result":2}`,
	`{"id":tru,"result":2}`,
	`{"method":12,"id":1}`,
	``,
}

// TestOutputEnvelope holds outputEnvelope equal to decoding the whole line into an
// envelope with json.Unmarshal, which it stands in for, on every line that is valid
// JSON (the server's output always is).
func TestOutputEnvelope(t *testing.T) {
	for _, line := range envelopeLines {
		t.Run(line, func(t *testing.T) { checkEnvelope(t, []byte(line)) })
	}
}

func FuzzOutputEnvelope(f *testing.F) {
	for _, line := range envelopeLines {
		f.Add([]byte(line))
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkEnvelope(t, line) })
}

func checkEnvelope(t *testing.T, line []byte) {
	t.Helper()
	var want envelope
	wantOK := json.Unmarshal(line, &want) == nil
	got, ok := outputEnvelope(line)
	if !json.Valid(line) {
		if wantOK {
			t.Fatalf("json.Unmarshal accepted invalid JSON %q", line)
		}
		return // the server writes valid JSON; what is read of anything else does not matter
	}
	if ok != wantOK {
		t.Fatalf("ok = %v, json.Unmarshal's = %v", ok, wantOK)
	}
	if !ok {
		return
	}
	if got.JSONRPC != want.JSONRPC || got.Method != want.Method || !reflect.DeepEqual(got.ID, want.ID) ||
		(got.Result != nil) != (want.Result != nil) || string(got.Error) != string(want.Error) {
		t.Fatalf("got %+v (error %q), want %+v (error %q)", got, got.Error, want, want.Error)
	}
}

// BenchmarkOutputEnvelope measures reading the envelope of a large tool result, the
// guard's work on every answer.
func BenchmarkOutputEnvelope(b *testing.B) {
	products := make([]map[string]any, 50)
	for i := range products {
		products[i] = map[string]any{"id": i, "title": "Trail Runner «Obsidian Edition»", "price": map[string]any{"amount": 12999, "currency": "USD", "display": "$129.99"}}
	}
	line, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 42, "result": map[string]any{"structuredContent": map[string]any{"products": products}}})
	for _, bc := range []struct {
		name string
		read func([]byte) bool
	}{
		{"outputEnvelope", func(l []byte) bool { _, ok := outputEnvelope(l); return ok }},
		{"json.Unmarshal", func(l []byte) bool { var m envelope; return json.Unmarshal(l, &m) == nil }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				if !bc.read(line) {
					b.Fatal("not read")
				}
			}
		})
	}
}

// BenchmarkInputClassify measures what the guard reads of a request line, a tool
// call, before passing it on: the envelope admit decodes (the floor, all it read
// before ids were checked by hosted.InvalidMessage on every line) and that plus
// invalidLine, which the id rule needs as written (1.0 and 1 decode alike).
func BenchmarkInputClassify(b *testing.B) {
	line := []byte(callLine(42, "search_products", map[string]any{"query": "trail running shoes under $150", "limit": 10, "filters": map[string]any{"brand": []string{"Northwind", "Contoso"}, "in_stock": true}}))
	for _, bc := range []struct {
		name string
		read func([]byte) bool
	}{
		{"envelope", func(l []byte) bool { var m envelope; return json.Unmarshal(l, &m) == nil }},
		{"envelope+invalidLine", func(l []byte) bool {
			var m envelope
			_, why := invalidLine(l)
			return why == "" && json.Unmarshal(l, &m) == nil
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				if !bc.read(line) {
					b.Fatal("not read")
				}
			}
		})
	}
}

// TestGuardOutSplitWrites writes answers to the guard's output cut at every point, in
// two writes, and with several in one write: each is passed through unchanged and
// noted once whole.
func TestGuardOutSplitWrites(t *testing.T) {
	msgs := `{"jsonrpc":"2.0","id":1,"result":{"text":"a\nb"}}` + "\n" +
		`{"jsonrpc":"2.0","id":"two","error":{"code":1,"message":"m"}}` + "\n" +
		`{"jsonrpc":"2.0","id":3,"method":"elicitation/create","params":{}}` + "\n"
	for cut := 0; cut <= len(msgs); cut++ {
		var out strings.Builder
		g := newStdioGuard(context.Background(), strings.NewReader(""), &out, slog.New(slog.DiscardHandler))
		g.pending[idKey(1.0)], g.pending[idKey("two")] = true, true
		w := g.Out()
		for _, part := range []string{msgs[:cut], msgs[cut:]} {
			if n, err := w.Write([]byte(part)); n != len(part) || err != nil {
				t.Fatalf("cut %d: Write = %d, %v", cut, n, err)
			}
		}
		if out.String() != msgs {
			t.Fatalf("cut %d: passed on %q", cut, out.String())
		}
		if len(g.pending) != 0 || !g.asked[idKey(3.0)] || len(g.partial) != 0 {
			t.Fatalf("cut %d: pending %v, asked %v, partial %q", cut, g.pending, g.asked, g.partial)
		}
	}
}
