package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// fixture returns the path of a file in testdata/feeds.
func fixture(name string) string { return filepath.Join("..", "..", "testdata", "feeds", name) }

// parsed is what one Parse call produced.
type parsed struct {
	ids      []string // emitted product ids, in order
	lines    []int    // their lines
	products map[string]catalog.Product
	sellers  map[string]catalog.Seller
	rejects  []string // RowError.String() of each reject
}

func parse(t testing.TB, r io.Reader, name string, opt Options) (parsed, error) {
	t.Helper()
	out := parsed{products: map[string]catalog.Product{}, sellers: map[string]catalog.Seller{}}
	err := Parse(r, name, opt, func(line, end int, s catalog.Seller, p catalog.Product) error {
		if end < line {
			t.Errorf("%s:%d: product %q ends at line %d", name, line, p.ID, end)
		}
		if p.SellerID != s.ID {
			t.Errorf("%s:%d: product %q has seller id %q but was emitted with seller %q", name, line, p.ID, p.SellerID, s.ID)
		}
		out.ids = append(out.ids, p.ID)
		out.lines = append(out.lines, line)
		out.products[p.ID] = p
		out.sellers[s.ID] = s
		return nil
	}, func(e RowError) {
		if e.File != name {
			t.Errorf("RowError.File = %q, want %q", e.File, name)
		}
		out.rejects = append(out.rejects, e.String())
	})
	return out, err
}

func parseFixture(t *testing.T, name string, opt Options) parsed {
	t.Helper()
	f, err := os.Open(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out, err := parse(t, f, name, opt)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return out
}

// field renders one property of p for comparison in tables. "attr:color" reads an
// attribute; "stock" is "nil" when unknown.
func field(p catalog.Product, name string) string {
	if k, ok := strings.CutPrefix(name, "attr:"); ok {
		v, ok := p.Attributes[k]
		if !ok {
			return "<none>"
		}
		return v
	}
	switch name {
	case "title":
		return p.Title
	case "group":
		return p.GroupID
	case "seller":
		return p.SellerID
	case "brand":
		return p.Brand
	case "category":
		return p.Category
	case "description":
		return p.Description
	case "price":
		return p.Price.String()
	case "currency":
		return p.Price.Currency
	case "stock":
		if p.Stock == nil {
			return "nil"
		}
		return fmt.Sprint(*p.Stock)
	case "availability":
		return string(p.Availability)
	case "rating":
		return fmt.Sprint(p.Rating)
	case "reviews":
		return fmt.Sprint(p.ReviewCount)
	case "url":
		return p.URL
	case "image":
		return p.ImageURL
	case "gtin":
		return p.GTIN
	case "hidden":
		return fmt.Sprint(p.Hidden)
	case "tags":
		return strings.Join(p.Tags, ",")
	case "attrs":
		return fmt.Sprint(len(p.Attributes))
	case "options": // the choices as buying reads them: "ring_size: 5 | 6; metal: Gold"
		var opts []string
		for _, o := range p.Options() {
			opts = append(opts, o.Name+": "+strings.Join(o.Values, " | "))
		}
		return strings.Join(opts, "; ")
	}
	panic("unknown field " + name)
}

// check is one expected property of one product.
type check struct{ id, field, want string }

func checkFields(t *testing.T, got parsed, checks []check) {
	t.Helper()
	for _, c := range checks {
		p, ok := got.products[c.id]
		if !ok {
			t.Errorf("product %q was not emitted", c.id)
			continue
		}
		if v := field(p, c.field); v != c.want {
			t.Errorf("product %q %s = %q, want %q", c.id, c.field, v, c.want)
		}
	}
}

// checkOutcome checks the ids a Parse emitted, in order, and the rows it reported.
func checkOutcome(t *testing.T, got parsed, wantIDs, wantRejects []string) {
	t.Helper()
	if !slices.Equal(got.ids, wantIDs) {
		t.Errorf("ids = %q, want %q", got.ids, wantIDs)
	}
	if !slices.Equal(got.rejects, wantRejects) {
		t.Errorf("rejects:\n%s\nwant:\n%s", strings.Join(got.rejects, "\n"), strings.Join(wantRejects, "\n"))
	}
}

// checkStored is checkFields for products read back from a catalog.
func checkStored(t *testing.T, cat *catalog.Catalog, checks []check) {
	t.Helper()
	for _, c := range checks {
		p, err := cat.Product(context.Background(), c.id)
		if err != nil {
			t.Errorf("Product(%q): %v", c.id, err)
			continue
		}
		if v := field(p, c.field); v != c.want {
			t.Errorf("stored product %q %s = %q, want %q", c.id, c.field, v, c.want)
		}
	}
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
