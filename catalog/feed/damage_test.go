package feed

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const quoteReason = `a quoted field is not closed properly; a " inside a quoted field must be doubled ("")`

// TestParseDamagedSpans checks that a record that is not well-formed never takes the
// rows after it along: the damaged lines are reported as one span and reading resumes
// at the next line that is a whole row.
func TestParseDamagedSpans(t *testing.T) {
	const head = "item_id,title,price,seller_name\n"
	var fifty strings.Builder
	fifty.WriteString(head)
	var fiftyIDs []string
	for i := range 53 {
		title := fmt.Sprintf("Title %d", i)
		if i == 3 {
			title = `"Unclosed ` + title // line 5
		} else {
			fiftyIDs = append(fiftyIDs, fmt.Sprint("P", i))
		}
		fmt.Fprintf(&fifty, "P%d,%s,%d.00 USD,Shop\n", i, title, i+1)
	}
	tests := []struct {
		name        string
		file        string
		data        string
		wantIDs     []string
		wantLines   []int // checked when not nil
		wantRejects []string
		checks      []check
	}{
		{
			name:        "one unclosed quote among 53 rows loses only its own line",
			file:        "a.csv",
			data:        fifty.String(),
			wantIDs:     fiftyIDs,
			wantRejects: []string{"a.csv:5: " + quoteReason},
		},
		{
			name:        "an unclosed quote at the end of a line",
			file:        "a.csv",
			data:        head + "A,Alpha,3 USD,S\nB,\"Beta,3 USD,S\nC,Gamma,3 USD,S\n",
			wantIDs:     []string{"A", "C"},
			wantLines:   []int{2, 4},
			wantRejects: []string{"a.csv:3: " + quoteReason},
		},
		{
			name:        "a runaway field that meets a later quote",
			file:        "a.csv",
			data:        head + "A,\"Alpha,3 USD,S\nB,Beta,3 USD,S\nC,\"Gamma\",3 USD,S\n",
			wantIDs:     []string{"B", "C"},
			wantRejects: []string{"a.csv:2: " + quoteReason},
		},
		{
			name:        "lines that are not rows on their own join the damaged span",
			file:        "a.csv",
			data:        head + "A,\"Alpha\nstill alpha, here\n\nB,Beta,3 USD,S\n",
			wantIDs:     []string{"B"},
			wantLines:   []int{5},
			wantRejects: []string{"a.csv:2-4: " + quoteReason},
		},
		{
			name:    "a multi-line row with the wrong number of fields is damaged",
			file:    "a.csv",
			data:    head + "A,\"Alpha\nB\",Beta,3 USD,S\nC,Gamma,3 USD,S\n",
			wantIDs: []string{"C"},
			wantRejects: []string{
				`a.csv:2-3: a quoted field runs over 2 lines and leaves the row with 5 fields instead of 4; a closing " is probably missing or misplaced`,
			},
		},
		{
			name:        "a damaged span at the end of the file",
			file:        "a.csv",
			data:        head + "A,Alpha,3 USD,S\nB,\"Beta\nmore\n",
			wantIDs:     []string{"A"},
			wantRejects: []string{"a.csv:3-4: " + quoteReason},
		},
		{
			name:      "a well-formed multi-line row is still one row",
			file:      "a.csv",
			data:      head + "A,\"Alpha\nsecond, line\",3 USD,S\nB,Beta,3 USD,S\n",
			wantIDs:   []string{"A", "B"},
			wantLines: []int{2, 4},
			checks:    []check{{"A", "title", "Alpha second, line"}},
		},
		{
			name:        "TSV: an unclosed quote",
			file:        "a.tsv",
			data:        "item_id\ttitle\tprice\nA\t\"Alpha\t3 USD\nB\tBeta\t3 USD\n",
			wantIDs:     []string{"B"},
			wantRejects: []string{"a.tsv:2: " + quoteReason},
		},
		{
			name:    "TSV: a field that starts with a quoted word is text",
			file:    "a.tsv",
			data:    "item_id\ttitle\tprice\nA\t\"Best\" mug\t3 USD\nB\t\"Multi\nline\"\t3 USD\nC\t6\" ruler\t3 USD\n",
			wantIDs: []string{"A", "B", "C"},
			checks:  []check{{"A", "title", `"Best" mug`}, {"B", "title", "Multi line"}, {"C", "title", `6" ruler`}},
		},
		{
			name:        "TSV: a quoted field that goes on to a later line must be quoted properly",
			file:        "a.tsv",
			data:        "item_id\ttitle\tprice\nA\t\"Multi\nline \"quoted\" word\"\t3 USD\nB\tBeta\t3 USD\n",
			wantIDs:     []string{"B"},
			wantRejects: []string{"a.tsv:2-3: " + quoteReason},
		},
		{
			name:        "a line longer than the record cap",
			file:        "a.csv",
			data:        head + "A,Alpha,3 USD,S\nB," + strings.Repeat("x", maxRecordLen+10) + ",3 USD,S\nC,Gamma,3 USD,S\n",
			wantIDs:     []string{"A", "C"},
			wantRejects: []string{"a.csv:3: the line is longer than 1 MiB: " + shortenIt},
		},
		{
			name:        "a field longer than the field cap",
			file:        "a.csv",
			data:        head + "A,Alpha,3 USD,S\nB," + strings.Repeat("x", maxFieldLen+1) + ",3 USD,S\nC,Gamma,3 USD,S\n",
			wantIDs:     []string{"A", "C"},
			wantRejects: []string{`a.csv:3: field 2 ("title") is longer than 64 KiB: ` + shortenIt + ", or close its quote if one was left open"},
		},
		{
			name:        "a quoted field that runs past the field cap",
			file:        "a.csv",
			data:        head + "A,\"Alpha\n" + strings.Repeat("words words\n", maxFieldLen/10) + "B,Beta,3 USD,S\n",
			wantIDs:     []string{"B"},
			wantRejects: []string{fmt.Sprintf(`a.csv:2-%d: field 2 ("title") is longer than 64 KiB: %s, or close its quote if one was left open`, maxFieldLen/10+2, shortenIt)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.data), tt.file, Options{DefaultSeller: "Shop"})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if tt.wantLines != nil && !slices.Equal(got.lines, tt.wantLines) {
				t.Errorf("lines = %v, want %v", got.lines, tt.wantLines)
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
			checkFields(t, got, tt.checks)
		})
	}
}

func TestParseDamagedHeader(t *testing.T) {
	_, err := parse(t, strings.NewReader("item_id,\"title,price\nA,a,1 USD\n"), "a.csv", Options{DefaultSeller: "Shop"})
	if err == nil || !strings.Contains(err.Error(), "cannot read the header row: "+quoteReason) {
		t.Fatalf("Parse = %v, want a header error", err)
	}
}

// TestParseBounds feeds records and files far larger than the caps and checks that
// each is refused with a clear reason while the rows around it are kept.
func TestParseBounds(t *testing.T) {
	// bomb is a gzip stream of a CSV whose second row holds one 24 MiB field: the
	// decompressed size passes the grace allowance and is far beyond the ratio.
	var bomb bytes.Buffer
	bomb.WriteString("item_id,title,price,seller_name\nA,Alpha,3 USD,S\nB,")
	bomb.Write(bytes.Repeat([]byte("x"), 24<<20))
	bomb.WriteString(",3 USD,S\nC,Gamma,3 USD,S\n")
	bombGz := gzipped(t, bomb.Bytes())
	if len(bombGz) > 200<<10 {
		t.Fatalf("bomb is %d bytes compressed; the test wants a small file", len(bombGz))
	}
	longLine := `{"id":"B","title":"` + strings.Repeat("x", maxRecordLen) + `","price":"1 USD"}`
	longValue := `{"id":"C","title":"Gamma","description":"` + strings.Repeat("y", maxFieldLen) + `","price":"1 USD"}`
	longACP := `{"id":"D","title":"` + strings.Repeat("z", maxFieldLen) + `","variants":[{"id":"D1","price":{"amount":1,"currency":"USD"}}]}`
	arrayEntry := `[{"id":"A","title":"Alpha","price":"1 USD"},{"id":"B","title":"` + strings.Repeat("x", maxRecordLen) + `"}]`
	bigEntries := "[\n" + strings.Repeat(`{"id":"A","description":"`+strings.Repeat("x", maxRecordLen*9/10)+`"},`+"\n", 3) +
		`{"id":"B","title":"Beta","price":"1 USD"}` + "\n" + strings.Repeat(" ", maxRecordLen+1) + "\n]"
	tests := []struct {
		name        string
		file        string
		data        []byte
		wantIDs     []string
		wantRejects []string
		wantErr     string
	}{
		{
			name:    "a gzip bomb stops its file with a clear error after the rows before it",
			file:    "bomb.csv.gz",
			data:    bombGz,
			wantIDs: []string{"A"},
			wantErr: "bomb.csv.gz: decompresses to more than 100 times its compressed size",
		},
		{
			name:    "JSON Lines: lines and values over the caps",
			file:    "a.jsonl",
			data:    []byte(`{"id":"A","title":"Alpha","price":"1 USD"}` + "\n" + longLine + "\n" + longValue + "\n" + longACP + "\n" + `{"id":"E","title":"Eta","price":"1 USD"}`),
			wantIDs: []string{"A", "E"},
			wantRejects: []string{
				"a.jsonl:2: the line is longer than 1 MiB: " + shortenIt,
				"a.jsonl:3: description is longer than 64 KiB: " + shortenIt,
				`a.jsonl:4: product "D": title is longer than 64 KiB: ` + shortenIt,
			},
		},
		{
			name:    "JSON array entries just under the record cap do not stop the file",
			file:    "a.json",
			data:    []byte(bigEntries),
			wantIDs: []string{"B"},
			wantRejects: []string{
				"a.json:2: description is longer than 64 KiB: " + shortenIt,
				"a.json:3: description is longer than 64 KiB: " + shortenIt,
				"a.json:4: description is longer than 64 KiB: " + shortenIt,
				"a.json:5-7: an entry is longer than 1 MiB; the rest of the file was not read",
			},
		},
		{
			name:    "a JSON array entry longer than the record cap stops the file",
			file:    "a.json",
			data:    []byte(arrayEntry),
			wantIDs: []string{"A"},
			wantRejects: []string{
				"a.json:1: an entry is longer than 1 MiB; the rest of the file was not read",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, bytes.NewReader(tt.data), tt.file, Options{DefaultSeller: "Shop"})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.wantErr)
			}
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
		})
	}
}

// TestParseInvalidUTF8 checks the policy for bytes that are not UTF-8: identifying
// values reject the row, display text is imported without them and warned about.
func TestParseInvalidUTF8(t *testing.T) {
	const warn = ": bytes that are not valid UTF-8 were left out (save the feed as UTF-8)"
	tests := []struct {
		name        string
		file        string
		data        string
		wantIDs     []string
		wantRejects []string
		checks      []check
		currency    string // of prices written without one
	}{
		{
			// A valid UTF-8 character beside the bad bytes: the file is read as UTF-8
			// (one without any is read as Windows-1252, see TestParseEncoding).
			name: "CSV",
			file: "a.csv",
			data: "item_id,title,description,url,gtin,item_group_id,color,seller_name,price,size,material,pattern\n" +
				"A,Caf\xe9,\xc3\xb6k,,,,R\xe9d,Shop,1 USD,X\xe9L,W\xf6ol,Dots\n" +
				"B\xff,Beta,ok,,,,,Shop,1 USD,,,\n" +
				"C,Gamma,ok,https://x.test/\xe9,,,,Shop,1 USD,,,\n" +
				"D,Delta,Na\xefve,,400\xff,,,Shop,1 USD,,,\n" +
				"E,Eta,ok,,,G\xe9,,Shop,1 USD,,,\n" +
				"F,Fe,ok,,,,,Sh\xf6p,1 USD,,,\n" +
				"H,H\xe9,d\xe9,,,,,Shop,1 USD,,,\n",
			wantIDs: []string{"A", "H"},
			wantRejects: []string{
				`a.csv:2: warning: title, attribute "color", attribute "material", attribute "size"` + warn,
				`a.csv:3: id "B\xff" is not valid UTF-8; save the feed as UTF-8`,
				`a.csv:4: url "https://x.test/\xe9" is not valid UTF-8; save the feed as UTF-8`,
				`a.csv:5: gtin "400\xff" is not valid UTF-8; save the feed as UTF-8`,
				`a.csv:6: group id "G\xe9" is not valid UTF-8; save the feed as UTF-8`,
				`a.csv:7: seller name "Sh\xf6p" is not valid UTF-8; save the feed as UTF-8`,
				`a.csv:8: warning: title, description` + warn,
			},
			checks: []check{{"A", "title", "Caf"}, {"A", "attr:color", "Rd"}, {"H", "description", "d"}},
		},
		{
			name: "JSON Lines, flat and ACP",
			file: "a.jsonl",
			data: "{\"id\":\"A\",\"title\":\"Caf\xe9\",\"price\":\"1 USD\"}\n" +
				"{\"id\":\"B\xe9\",\"title\":\"Beta\",\"price\":\"1 USD\"}\n" +
				"{\"id\":\"C\",\"title\":\"Gamma \\ufffd\",\"price\":\"1 USD\"}\n" +
				"{\"id\":\"P\",\"title\":\"Parka\",\"variants\":[{\"id\":\"P1\",\"description\":\"W\xe4rm\",\"price\":{\"amount\":1,\"currency\":\"USD\"}},{\"id\":\"P\xe92\",\"price\":{\"amount\":1,\"currency\":\"USD\"}}]}\n",
			wantIDs: []string{"A", "C", "P1"},
			wantRejects: []string{
				"a.jsonl:1: warning: title" + warn,
				"a.jsonl:2: id \"B\ufffd\" is not valid UTF-8; save the feed as UTF-8",
				"a.jsonl:3: warning: title" + warn,
				`a.jsonl:4: warning: product "P" variant "P1": description` + warn,
				"a.jsonl:4: product \"P\" variant \"P\ufffd2\": id \"P\ufffd2\" is not valid UTF-8; save the feed as UTF-8",
			},
			checks: []check{{"A", "title", "Caf"}, {"C", "title", "Gamma"}, {"P1", "description", "Wrm"}},
		},
		{
			// Variant rows take the product row's title and description: the damage
			// is warned about once, on the first row that carries it; a variant with
			// damage of its own, or another product, is warned about again.
			name: "Shopify variants",
			file: "a.csv",
			data: "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant SKU,Variant Price\n" +
				"mug,Caf\xe9 Mug,Caf\xe9 d\xe9cor \xc3\xa9,Size,S,M1,9.50\n" +
				"mug,,,,M,M2,9.50\n" +
				"mug,,,,L,M3,9.50\n" +
				"mug,,,,X\xe9L,M4,9.50\n" +
				"cup,Caf\xe9 Cup,ok,Size,S,C1,5.00\n" +
				"cup,,,,M,C2,5.00\n",
			wantIDs: []string{"M1", "M2", "M3", "M4", "C1", "C2"},
			wantRejects: []string{
				"a.csv:2: warning: title, description" + warn,
				`a.csv:5: warning: title, description, attribute "size"` + warn,
				"a.csv:6: warning: title" + warn,
			},
			checks:   []check{{"M3", "title", "Caf Mug - L"}, {"M4", "attr:size", "XL"}, {"C2", "title", "Caf Cup - M"}},
			currency: "USD",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(tt.data), tt.file, Options{DefaultSeller: "Shop", Currency: tt.currency})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !slices.Equal(got.ids, tt.wantIDs) {
				t.Errorf("ids = %q, want %q", got.ids, tt.wantIDs)
			}
			if !slices.Equal(got.rejects, tt.wantRejects) {
				t.Errorf("rejects:\n%s\nwant:\n%s", joinLines(got.rejects), joinLines(tt.wantRejects))
			}
			checkFields(t, got, tt.checks)
		})
	}
}
