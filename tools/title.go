package tools

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text"
)

// titleTail is how many of a title's last characters a cut title keeps: enough for
// what tells a variant from its siblings, which a title says at its end ("#6 x 1-5/8
// in., 100-Pack", "(DCD791D2)").
const titleTail = 30

// quotedTitle shows a product title, which is untrusted seller text, as quoted shows
// it, cut to titleCap characters in its middle rather than at its end (txt.
// EllipsizeMiddle): every line a person confirms or checks an order by (the purchase
// summary and dialog, cart and checkout lines, orders, subscriptions, refusals) must
// say which product it is, and siblings differ in the words a title ends with. It is
// cleaned before it is cut, so the kept end is the title's own end.
func quotedTitle(s string) string { return quotedTitleAt(s, titleCap) }

// quotedTitleAt is quotedTitle cut to max characters: an order's views (get_order,
// list_orders, cancel_order's result) show orderTitleCap.
func quotedTitleAt(s string, max int) string {
	return catalog.SellerText(txt.EllipsizeMiddle(txt.Clean(s, 4*catalog.MaxTitleLen), max, titleTail))
}

// titleCut says whether quotedTitleAt(s, max) cuts title s.
func titleCut(s string, max int) bool {
	clean := txt.Clean(s, 4*catalog.MaxTitleLen)
	return txt.EllipsizeMiddle(clean, max, titleTail) != clean
}

// lostOptionsOf returns the values of its family's options (catalog.VariantOptions:
// a shoe's size and width) that product id's title, cut in its middle by quotedTitle,
// no longer shows: a person confirming it must still read which of its family it is
// ("size «10», width «Wide»"). nil when the title is not cut, the product has no
// family, its title still shows every value, or reading it fails (the quote is what
// matters).
func (t *Toolbox) lostOptionsOf(ctx context.Context, id, title string) []catalog.VariantOption {
	return t.lostOptionsAt(ctx, id, title, titleCap)
}

// lostOptionsAt is lostOptionsOf for the title cut to max characters (quotedTitleAt).
func (t *Toolbox) lostOptionsAt(ctx context.Context, id, title string, max int) []catalog.VariantOption {
	if t.Catalog == nil || !titleCut(title, max) {
		return nil
	}
	p, err := t.Catalog.Product(ctx, id)
	if err != nil {
		return nil
	}
	vs, err := t.Catalog.Variants(ctx, p, maxListedVariants)
	if err != nil {
		return nil
	}
	shown := strings.ToLower(quotedTitleAt(title, max))
	var lost []catalog.VariantOption
	for _, o := range catalog.VariantOptions(p, vs) {
		if !showsValue(shown, strings.ToLower(o.Value)) {
			lost = append(lost, o)
		}
	}
	return lost
}

// showsValue says whether title (lower case) has value (lower case) as whole words:
// "10" is not shown by "10-pack" nor "110".
func showsValue(title, value string) bool {
	for i := 0; value != ""; {
		j := strings.Index(title[i:], value)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(value)
		before, _ := utf8.DecodeLastRuneInString(title[:start])
		after, _ := utf8.DecodeRuneInString(title[end:])
		if (start == 0 || !wordRune(before)) && (end == len(title) || !wordRune(after) && after != '-') {
			return true
		}
		i = start + 1
	}
	return false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// titled is a line's product id and title, for lostByProduct.
type titled struct{ id, title string }

// lostByProduct returns, by product id, the values of its family's options that the
// title of a line of lines, cut to max characters, no longer shows (lostOptionsAt);
// nil when no line lost any. Each product is read once.
func (t *Toolbox) lostByProduct(ctx context.Context, max int, lines []titled) map[string][]catalog.VariantOption {
	var lost map[string][]catalog.VariantOption
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l.id] {
			continue
		}
		seen[l.id] = true
		if opts := t.lostOptionsAt(ctx, l.id, l.title, max); len(opts) > 0 {
			if lost == nil {
				lost = map[string][]catalog.VariantOption{}
			}
			lost[l.id] = opts
		}
	}
	return lost
}

// lostOptionsText is " (size «10», width «Wide»)" after a cut title, "" for none.
func lostOptionsText(lost []catalog.VariantOption) string {
	if len(lost) == 0 {
		return ""
	}
	parts := make([]string, len(lost))
	for i, o := range lost {
		parts[i] = txt.Clean(o.Name, 40) + " " + quoted(o.Value, 80)
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// lostOptionsLines are a dialog's lines for lost: "Size: «10»" each.
func lostOptionsLines(lost []catalog.VariantOption) string {
	var b strings.Builder
	for _, o := range lost {
		fmt.Fprintf(&b, "%s: %s\n", optionLabel(txt.Clean(o.Name, 40)), quoted(o.Value, 80))
	}
	return b.String()
}
