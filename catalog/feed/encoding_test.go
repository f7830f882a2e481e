package feed

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"golang.org/x/text/encoding/charmap"
)

// TestSniffEncoding checks how the start of a CSV or TSV file decides its encoding.
func TestSniffEncoding(t *testing.T) {
	tests := []struct {
		name  string
		head  string
		atEOF bool
		want  string
	}{
		{"ASCII", "id,title\nA,Tea\n", true, EncodingUTF8},
		{"UTF-8 letters", "id,title\nA,Caf\xc3\xa9 \xe2\x82\xac\n", true, EncodingUTF8},
		{"Windows-1252 letters", "id,title\nA,Caf\xe9 cr\xe8me \x80 \x96\n", true, EncodingWindows1252},
		{"one Windows-1252 byte", "A,\xff", true, EncodingWindows1252},
		{"mixed: a UTF-8 letter beside a bad byte", "A,Caf\xe9,Z\xc3\xbcrich\n", true, EncodingUTF8},
		{"a UTF-8 letter cut by the end of the sniffed prefix", "A,Caf\xc3", false, EncodingUTF8},
		{"a three-byte letter cut by the end of the sniffed prefix", "A,\xe2\x82", false, EncodingUTF8},
		{"the same bytes ending the file", "A,Caf\xc3", true, EncodingWindows1252},
		{"a Windows-1252 letter before the cut", "A,Caf\xe9,\xc3", false, EncodingWindows1252},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniffEncoding([]byte(tt.head), tt.atEOF); got != tt.want {
				t.Errorf("sniffEncoding(%q, %v) = %q, want %q", tt.head, tt.atEOF, got, tt.want)
			}
		})
	}
}

// TestParseEncoding checks that a CSV or TSV file saved in Windows-1252 is read as
// such (plain or gzip'd), that UTF-8 and JSON files keep the policy for bytes that are
// not UTF-8, and that Options.Encoding wins over the bytes.
func TestParseEncoding(t *testing.T) {
	const warn = ": bytes that are not valid UTF-8 were left out (save the feed as UTF-8)"
	const cp1252 = "item_id,title,description,url,seller_name,price\n" +
		"CAF\xc9-1,Caf\xe9 cr\xe8me,Na\xefve \x96 5 \x80 a cup,https://x.test/caf\xe9,Shop,1 USD\n"
	// asciiPrefix fills the sniffed prefix with ASCII rows.
	asciiPrefix := "item_id,title,seller_name,price\n" + strings.Repeat("P,Plain tea,Shop,1 USD\n", encodingSniffLen/22+1)
	tests := []struct {
		name        string
		file        string
		data        string
		enc         string
		wantIDs     []string
		wantRejects []string
		checks      []check
		wantErr     string
	}{
		{
			name:    "Excel CSV in Windows-1252",
			file:    "a.csv",
			data:    cp1252,
			wantIDs: []string{"CAFÉ-1"},
			checks: []check{{"CAFÉ-1", "title", "Café crème"}, {"CAFÉ-1", "description", "Naïve – 5 € a cup"},
				{"CAFÉ-1", "url", "https://x.test/café"}},
		},
		{
			name:    "gzip'd TSV in Windows-1252",
			file:    "a.tsv.gz",
			data:    string(gzipped(t, []byte("item_id\ttitle\tseller_name\tprice\nN1\tna\xefve\tShop\t1 USD\n"))),
			wantIDs: []string{"N1"},
			checks:  []check{{"N1", "title", "naïve"}},
		},
		{
			name:        "a byte Windows-1252 leaves undefined is still not text",
			file:        "a.csv",
			data:        "item_id,title,seller_name,price\nA,Caf\xe9\x81,Shop,1 USD\n",
			wantIDs:     []string{"A"},
			wantRejects: []string{"a.csv:2: warning: title" + warn},
			checks:      []check{{"A", "title", "Café"}},
		},
		{
			name:        "a byte order mark means UTF-8",
			file:        "a.csv",
			data:        "\xef\xbb\xbfitem_id,title,seller_name,price\nA,Caf\xe9,Shop,1 USD\n",
			wantIDs:     []string{"A"},
			wantRejects: []string{"a.csv:2: warning: title" + warn},
			checks:      []check{{"A", "title", "Caf"}},
		},
		{
			name:        "Windows-1252 bytes only after the sniffed prefix",
			file:        "a.csv",
			data:        asciiPrefix + "B,Caf\xe9,Shop,1 USD\n",
			wantIDs:     []string{"P", "B"},
			wantRejects: []string{"a.csv:" + strconv.Itoa(strings.Count(asciiPrefix, "\n")+1) + ": warning: title" + warn},
			checks:      []check{{"B", "title", "Caf"}},
		},
		{
			name:        "--encoding utf-8 wins",
			file:        "a.csv",
			data:        cp1252,
			enc:         EncodingUTF8,
			wantRejects: []string{`a.csv:2: id "CAF\xc9-1" is not valid UTF-8; save the feed as UTF-8`},
		},
		{
			name:    "--encoding windows-1252 wins",
			file:    "a.csv",
			data:    "item_id,title,seller_name,price\nA,Caf\xc3\xa9,Shop,1 USD\n",
			enc:     EncodingWindows1252,
			wantIDs: []string{"A"},
			checks:  []check{{"A", "title", "CafÃ©"}},
		},
		{
			name:        "JSON is UTF-8 whatever the flag",
			file:        "a.jsonl",
			data:        "{\"id\":\"A\",\"title\":\"Caf\xe9\",\"price\":\"1 USD\",\"seller_name\":\"Shop\"}\n",
			enc:         EncodingWindows1252,
			wantIDs:     []string{"A"},
			wantRejects: []string{"a.jsonl:1: warning: title" + warn},
			checks:      []check{{"A", "title", "Caf"}},
		},
		{
			name:    "an unknown encoding",
			file:    "a.csv",
			data:    cp1252,
			enc:     "latin-9",
			wantErr: `encoding "latin-9" is not one of utf-8 or windows-1252`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.data), tt.file, Options{Encoding: tt.enc})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Parse error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !slices.Equal(slices.Compact(got.ids), tt.wantIDs) {
				t.Errorf("ids = %q, want %q", slices.Compact(got.ids), tt.wantIDs)
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
			checkFields(t, got, tt.checks)
		})
	}
}

// BenchmarkParseEncoding measures what deciding and decoding the encoding costs: the
// same CSV in UTF-8 read with --encoding utf-8 (the floor: no sniffing), in UTF-8
// sniffed, and in Windows-1252 sniffed and decoded.
func BenchmarkParseEncoding(b *testing.B) {
	var u strings.Builder
	u.WriteString("item_id,title,description,seller_name,price\n")
	for i := range 20000 {
		fmt.Fprintf(&u, "P%d,Café crème %d,Naïve – a cup of coffee for €5 with a few more words to read,Shop,%d.00 EUR\n", i, i, i%90+1)
	}
	utf8Feed := u.String()
	cp1252Feed, err := charmap.Windows1252.NewEncoder().String(utf8Feed)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, data, enc string }{
		{"utf-8 forced (floor)", utf8Feed, EncodingUTF8},
		{"utf-8 sniffed", utf8Feed, EncodingAuto},
		{"windows-1252 sniffed", cp1252Feed, EncodingAuto},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				rows := 0
				err := Parse(strings.NewReader(bc.data), "f.csv", Options{Encoding: bc.enc}, func(int, int, catalog.Seller, catalog.Product) error {
					rows++
					return nil
				}, nil)
				if err != nil || rows != 20000 {
					b.Fatalf("Parse: %d rows, %v", rows, err)
				}
			}
		})
	}
}

// TestParseCutWithinTheSniffedPrefix checks that a gzip'd CSV whose stream breaks
// within the first 64 KiB still has the rows before the break emitted, as one cut
// later does: sniffing the encoding does not turn the read error into a file error.
func TestParseCutWithinTheSniffedPrefix(t *testing.T) {
	var small strings.Builder
	small.WriteString("item_id,title,price,seller_name\n")
	for i := range 1000 {
		fmt.Fprintf(&small, "A%d,Alpha %d,%d USD,Shop\n", i, i*7919%10007, i+1)
	}
	if small.Len() >= encodingSniffLen {
		t.Fatalf("the feed is %d bytes, not within the sniffed prefix", small.Len())
	}
	zipped := gzipped(t, []byte(small.String()))
	got, err := parse(t, strings.NewReader(string(zipped[:len(zipped)/2])), "a.csv.gz", Options{})
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("Parse error = %v, want the file said to be truncated", err)
	}
	if len(got.ids) == 0 {
		t.Errorf("no rows emitted before the cut")
	}
}
