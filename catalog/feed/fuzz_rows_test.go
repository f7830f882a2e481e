package feed

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// The row fuzz targets parse a fixed header followed by fuzzed rows (CSV, TSV) or
// fuzzed lines (JSON Lines, flat and ACP) and check checkRows's invariants. Crashers
// are kept in testdata/fuzz/<target>/.

const (
	fuzzCSVHeader = "item_id,title,price,seller_name,description\n"
	fuzzTSVHeader = "item_id\ttitle\tprice\tseller_name\tdescription\n"
)

func FuzzCSVRows(f *testing.F) {
	for _, s := range []string{
		"A,Alpha,3 USD,S,d\nB,\"Beta,3 USD,S,d\nC,Gamma,3 USD,S,d\n",
		"A,\"multi\nline, here\",1 USD,S,\nB,b,\"29,99 EUR\",S,\"x \"\"y\"\"\"\n",
		"X,6\" ruler,1 USD,S,\n\n,,,,\nY,\"a\"b,1 USD,S,\n",
		"A,\"Alpha\nB\",Beta,3 USD,S\nC,Gamma,1.234,56 EUR,S,\n",
		"A,Caf\xe9,1 USD,S\xff,\r\nB,b,1 USD,,\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRows(t, "f.csv", append([]byte(fuzzCSVHeader), body...), 1)
	})
}

// fuzzMagentoHeader is a Magento export's header, the columns its reader reads (and
// one it does not) in the export's order.
const fuzzMagentoHeader = "sku,store_view_code,attribute_set_code,product_type,categories,name,description,product_online," +
	"visibility,price,special_price,special_price_from_date,special_price_to_date,url_key,additional_attributes,qty," +
	"is_in_stock,manage_stock,configurable_variations,configurable_variation_labels\n"

func FuzzMagentoRows(f *testing.F) {
	for _, s := range []string{
		"P-1,,Default,simple,,Pot-Blue-30 cm,,1,Not Visible Individually,3 USD,,,,p1,\"color=Blue,size=30 cm\",4,1,1,,\n" +
			"P,,Default,configurable,\"Default Category/Pots, Planters/Pots\",Pot,<p>x</p>,1,\"Catalog, Search\",,,,,pot,brand=T,0,1,1,\"sku=P-1,color=Blue,size=30 cm|sku=P-2,color=Red\",color=Colour\n" +
			"P,cy,Default,configurable,,Pot gwydrog,,,,,,,,,,,,,,\n",
		"A,,Default,simple,Default Category/A,Alpha,,2,Search,2 USD,1 USD,3/1/25,31/12/2030,a,\"brand=\"\"X, Y\"\"\",mpn=\"\"M\"\"|\"\"N\"\"\",0,0,0,,\n" +
			"B,,Default,bundle,,Beta,,1,,,,,,,,,,,,\n,,Default,weird,,,,,,,,,,,,,,,,\n" +
			"C,,Default,configurable,,Gamma,,1,,,,,,,,,,,sku=,\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRows(t, "f.csv", append([]byte(fuzzMagentoHeader), body...), 1)
	})
}

func FuzzTSVRows(f *testing.F) {
	for _, s := range []string{
		"A\tAlpha\t3 USD\tS\td\nB\t\"Beta\t3 USD\tS\td\nC\tGamma\t3 USD\tS\td\n",
		"A\t\"Best\" mug\t1 USD\tS\t\nB\t\"multi\nline\"\t1 USD\tS\t6\" ruler\n",
		"A\t\"x\"\"y\"\t29,99 EUR\tS\t\n\t\t\t\t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRows(t, "f.tsv", append([]byte(fuzzTSVHeader), body...), 1)
	})
}

func FuzzJSONLRows(f *testing.F) {
	addFixtureSeed(f, "flat.jsonl")
	for _, s := range []string{
		"{\"id\":\"A\",\"title\":\"Alpha\",\"price\":\"1 USD\"}\n{\"id\":\"B\",\r\n[1,2]\n{\"id\":\"D\",\"title\":{\"x\":1},\"price\":\"1 USD\"}\n",
		"{\"id\":\"A\",\"title\":\"Caf\xe9\",\"price\":\"1.234,56 EUR\"}\n\n{\"id\":7,\"title\":\"t\",\"price_amount\":\"1,234\",\"currency\":\"JPY\"}\n",
		"\n[\n  {\"id\": \"A\", \"title\": \"Alpha\", \"price\": \"1 USD\"},\n  7,\n  {\"id\": \"C\",\n \"title\": \"Gamma\"},\n  {\"id\": \"D\"} oops\n]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRows(t, "f.jsonl", body, 0)
	})
}

func FuzzACPRows(f *testing.F) {
	addFixtureSeed(f, "acp_variants.jsonl")
	f.Add([]byte(`{"id":"P","title":"Parka","variants":[{"id":"P1","price":"120 USD"},{"id":2,"price":{"amount":"9900","currency":"USD"}},{"title":"x"}]}` + "\n" +
		`{"id":"Q","title":"Empty","variants":[]}` + "\n" + `{"id":"T","variants":[{"id":"T1","price":{"amount":1,"currency":"USD"},"seller":{"name":"Mill"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkRows(t, "f.ndjson", body, 0)
	})
}

func addFixtureSeed(f *testing.F, name string) {
	data, err := os.ReadFile(fixture(name))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

// checkRows parses data as file name and checks that Parse does not panic, that
// every product it emits passes the catalog's validation, that every report is
// well-formed, and that nothing vanishes: when Parse succeeds, every line after the
// header lines that holds anything but blanks is part of an emitted product, a
// rejected row or a damaged span. (In a JSON array, brackets and commas between
// entries count as blanks.)
func checkRows(t *testing.T, name string, data []byte, header int) {
	lines := bytes.Split(data, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	covered := make([]bool, len(lines)+1)
	cover := func(first, last int, what string) {
		if first < 1 || last < first || last > len(lines) {
			t.Fatalf("%s covers lines %d-%d of %d", what, first, last, len(lines))
		}
		for i := first; i <= last; i++ {
			covered[i] = true
		}
	}
	err := Parse(bytes.NewReader(data), name, Options{DefaultSeller: "Fuzz Shop"},
		func(line, end int, s catalog.Seller, p catalog.Product) error {
			if s.ID == "" || p.SellerID != s.ID {
				t.Errorf("product %q emitted with seller %+v and SellerID %q", p.ID, s, p.SellerID)
			}
			again := p
			if err := again.Normalize(); err != nil {
				t.Errorf("emitted product %q fails validation: %v", p.ID, err)
			} else if !reflect.DeepEqual(again, p) {
				// The catalog normalizes each product again as it stores it
				// (catalog.Prepare): what was checked here must be what is stored.
				t.Errorf("normalizing emitted product %q again changes it:\n%+v\nwas\n%+v", p.ID, again, p)
			}
			cover(line, end, "product "+p.ID)
			return nil
		},
		func(e RowError) {
			if e.Reason == "" || e.File != name {
				t.Errorf("bad RowError %+v", e)
			}
			cover(e.Line, e.EndLine, e.String())
		})
	if err != nil {
		return
	}
	blankChars := ""
	switch {
	case header > 0:
		blankChars = "\",\t" // a CSV/TSV record of blank fields is skipped
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")):
		blankChars = "[],"
	}
	for i := header + 1; i <= len(lines); i++ {
		text := string(lines[i-1])
		rest := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || strings.ContainsRune(blankChars, r) {
				return -1
			}
			return r
		}, text)
		if !covered[i] && rest != "" {
			t.Errorf("line %d (%q) vanished: no product, rejection or damaged span covers it", i, text)
		}
	}
}
