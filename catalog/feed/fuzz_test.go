package feed

import (
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// fuzzNames are the file names a fuzz input is parsed as, one per format path.
var fuzzNames = []string{"f.csv", "f.tsv", "f.txt", "f.jsonl", "f.json", "f.csv.gz", "f.xml"}

// FuzzParse checks that Parse never panics, and that what it emits and reports is
// consistent, whatever the bytes and whichever format they are read as.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"flat_current.csv", "flat_legacy.tsv", "flat.jsonl", "acp_variants.jsonl", "bad_rows.csv", "bigcommerce_products.csv", "merchant_center.xml"} {
		data, err := os.ReadFile(fixture(name))
		if err != nil {
			f.Fatal(err)
		}
		for i := range fuzzNames {
			f.Add(data, uint8(i))
		}
	}
	f.Add([]byte("[{\"id\":1,\"title\":\"t\",\"price\":\"1 USD\"}]"), uint8(4))
	f.Add([]byte("item_id,title,price\n\"a\nb\",\"x\"\"y\",1 USD\n"), uint8(0))
	f.Add(gzipped(f, []byte("item_id,title,price\nA,a,1 USD\n")), uint8(5))
	// XML nested past maxXMLDepth, inside an item and out, and an item whose tail is cut.
	f.Add([]byte("<rss><channel><item><g:id>A</g:id><title>a</title><g:price>1 USD</g:price></item>\n<item>"+strings.Repeat("<x>", maxXMLDepth+1)), uint8(6))
	f.Add([]byte("<feed>"+strings.Repeat("<entry>", maxXMLDepth+1)+"</entry>"), uint8(6))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		name := fuzzNames[int(format)%len(fuzzNames)]
		lines := strings.Count(string(data), "\n") + 1
		if strings.HasPrefix(string(data), "\x1f\x8b") { // gzip, whatever the name: lines are not countable here
			lines = math.MaxInt
		}
		_ = Parse(strings.NewReader(string(data)), name, Options{DefaultSeller: "Fuzz Shop"},
			func(line, _ int, s catalog.Seller, p catalog.Product) error {
				if s.ID == "" || p.SellerID != s.ID {
					t.Errorf("product %q emitted with seller %+v and SellerID %q", p.ID, s, p.SellerID)
				}
				again := p
				if err := again.Normalize(); err != nil {
					t.Errorf("emitted product %q does not normalize: %v", p.ID, err)
				} else if !reflect.DeepEqual(again, p) { // the catalog normalizes it again (see checkRows)
					t.Errorf("normalizing emitted product %q again changes it:\n%+v\nwas\n%+v", p.ID, again, p)
				}
				if line < 1 || line > lines {
					t.Errorf("product %q at line %d of %d", p.ID, line, lines)
				}
				return nil
			},
			func(e RowError) {
				if e.Reason == "" || e.File != name || e.Line < 1 || e.Line > lines {
					t.Errorf("bad RowError %+v (input has %d lines)", e, lines)
				}
			})
	})
}
