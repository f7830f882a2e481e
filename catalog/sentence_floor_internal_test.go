package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestPlainReading holds when the plain ranking of a sentence's content words is sure
// of what it reads (plainReading): most of its best products of one type, several with
// two of the words; not for a question about the world, a sentence whose content
// words are half in no product, one that names the type itself, or words that meet in
// no product.
func TestPlainReading(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ps []Product
	add := func(n int, id, title, desc string) {
		for i := range n {
			ps = append(ps, Product{ID: fmt.Sprintf("%s-%d", id, i), SellerID: "s1", Title: fmt.Sprintf(title, i), Description: desc,
				Price: money.Money{Amount: 1000 + int64(i), Currency: "USD"}, Availability: InStock})
		}
	}
	add(8, "bed", "Snoozewell Orthopedic Pet Bed %d", "Memory foam eases stiff joints of senior dogs.")
	add(8, "mug", "Claybird Ceramic Mug %d", "Holds tea or coffee.")
	add(8, "mat", "Stretchly Yoga Mat %d", "Non-slip mat for stretching.")
	add(8, "feeder", "Finchly Bird Feeder %d", "Attracts sparrows to your garden.")
	add(30, "tee", "Plainwear Cotton T-Shirt, Size %d", "Cotton crew neck tee in many colours.")
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		head       string // "" for no sure reading
	}{
		{"words that meet in one type's products", "the senior dogs wake stiff", "bed"},
		{"a question about the world", "why do senior dogs wake stiff", ""},
		{"half the content words in no product", "senior dogs in zanzibar and kenya", ""},
		{"the type named by the sentence", "senior dogs wake stiff on the bed", ""},
		{"words of three types that meet in none", "ceramic yoga sparrows at dawn", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Query{Text: tt.text, Limit: DefaultLimit}
			if err := q.validate(); err != nil {
				t.Fatal(err)
			}
			s, _, done, err := c.understandQuery(ctx, q, q.fingerprint())
			if err != nil || done {
				t.Fatalf("understandQuery: %v, done %v", err, done)
			}
			r, ok, err := c.plainReading(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if got := map[bool]string{true: r.head}[ok]; got != tt.head {
				t.Fatalf("%q read %+v, ok %v; want head %q", tt.text, r, ok, tt.head)
			}
		})
	}
}
