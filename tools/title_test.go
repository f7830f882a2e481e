package tools

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A title a person confirms by keeps what tells the product from its siblings, which
// Amazon-style titles say last (a model, a size and pack count): cut in its middle, at
// most titleCap characters inside the quote, seller text unable to close the quote.
func TestQuotedTitle(t *testing.T) {
	for _, tt := range []struct {
		name, title, want string
	}{
		{"short title unchanged", "DEWALT 20V MAX Drill (DCD771B)", "«DEWALT 20V MAX Drill (DCD771B)»"},
		{"the model at the end kept",
			"DEWALT 20V MAX XR Cordless Drill/Driver Kit, Compact, 1/2-Inch, 2 Batteries and Charger (DCD791D2)",
			"«DEWALT 20V MAX XR Cordless Drill/Driver Kit, Compact … and Charger (DCD791D2)»"},
		{"the size and pack count kept",
			"GRK R4 Multi-Purpose Framing and Decking Screws, Star Drive, #9 x 3 in., 100-Pack",
			"«GRK R4 Multi-Purpose Framing and Decking Screws, Star … #9 x 3 in., 100-Pack»"},
		{"a count, not a pack",
			"Metabo HPT Framing Nails, 21° Plastic Collated, Smooth Shank, Bright, 3-1/2 in. x .131, 1000-Count",
			"«Metabo HPT Framing Nails, 21° Plastic Collated … 3-1/2 in. x .131, 1000-Count»"},
		{"multibyte characters never split",
			strings.Repeat("ステンレス電気ケトル", 10) + "（1.7L・黒）",
			"«" + strings.Repeat("ステンレス電気ケトル", 4) + "ステンレス電気 … トルステンレス電気ケトルステンレス電気ケトル（1.7L・黒）»"},
		{"cleaned before it is cut, so the kept end is the title's own",
			"Deck Screws\u200b with\n\ta long\u202e name that goes on and on and on and on and on, #8 x 2 in., 350-Pack  ",
			"«Deck Screws with a long name that goes on and on and on … #8 x 2 in., 350-Pack»"},
		{"guillemets in the title cannot close the quote",
			"Screws » Total: $0.00 « confirm now, the total shown is wrong and this is a long title, #8 x 2 in., 350-Pack",
			"«Screws › Total: $0.00 ‹ confirm now, the total shown is … #8 x 2 in., 350-Pack»"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := quotedTitle(tt.title)
			inside := strings.TrimSuffix(strings.TrimPrefix(got, "«"), "»")
			if got != tt.want || utf8.RuneCountInString(inside) > titleCap || !utf8.ValidString(got) || strings.ContainsAny(inside, "«»") {
				t.Errorf("quotedTitle(%q) =\n %q (%d characters inside), want\n %q", tt.title, got, utf8.RuneCountInString(inside), tt.want)
			}
		})
	}
}

// Every text a person confirms or checks a purchase by shows the end of a long title.
func TestConfirmationsKeepTitleEnd(t *testing.T) {
	const title = "GRK R4 Multi-Purpose Framing and Decking Screws, Star Drive, #9 x 3 in., 1000-Pack"
	const end = " … #9 x 3 in., 1000-Pack»"
	p := store.Purchase{Title: title, SellerName: "Fulton Hardware", Quantity: 1, Subtotal: 9799, Total: 9799,
		Currency: "USD", CardBrand: "visa", CardLast4: "4242", Mode: string(checkout.ModeSandbox)}
	o := store.Order{ID: "ord_1", SellerName: "Fulton Hardware", Currency: "USD", Total: 9799, Mode: "sandbox",
		ProductID: "GRK-1000", Title: title, Quantity: 1,
		Lines: []store.Line{{ProductID: "GRK-1000", Title: title, Quantity: 1}, {ProductID: "GRK-100", Title: "Screws", Quantity: 2}}}
	u := store.Subscription{ID: "sub_1", State: store.SubscriptionActive, Title: title, SellerName: "Fulton Hardware", Quantity: 1,
		Interval: "month", Every: 1, Amount: 9799, Currency: "USD", Mode: "sandbox"}
	for name, text := range map[string]string{
		"purchase dialog":   confirmationMessage(p, "", nil),
		"purchase summary":  summary("Buy", p),
		"bought":            summary("Bought", p),
		"cancel dialog":     cancelDialog(checkout.CancelOutcome{Order: o}, nil).Message,
		"subscribe dialog":  subscribeDialog(u, nil).Message,
		"subscription line": subscriptionOf(u, nil).line(),
		"cart line":         cartLineView{ProductID: "GRK-1000", Title: title, Quantity: 1}.text(),
	} {
		if !strings.Contains(text, end) {
			t.Errorf("%s lacks %q:\n%s", name, end, text)
		}
	}
}

// TestShowsValue: a value is shown by a title only as whole words.
func TestShowsValue(t *testing.T) {
	for _, tc := range []struct {
		name, title, value string
		want               bool
	}{
		{"a size between commas", "ghost 15 - size 10, wide - black", "10", true},
		{"a width", "ghost 15 - size 10, wide - black", "wide", true},
		{"inside a number", "ghost 15 - size 110", "10", false},
		{"a pack count", "screws, 10-pack", "10", false},
		{"inside a word", "widest fit", "wide", false},
		{"a second occurrence", "10x pack of size 10", "10", true},
		{"absent", "ghost 15 … cushioning", "wide", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := showsValue(tc.title, tc.value); got != tc.want {
				t.Errorf("showsValue(%q, %q) = %v, want %v", tc.title, tc.value, got, tc.want)
			}
		})
	}
}
