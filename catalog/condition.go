package catalog

import "strings"

// A product's condition is the attribute condition (a Merchant Center g:condition, a
// feed's condition column, ACP's condition): new, used, refurbished, open box, or the
// seller's own words. A used, refurbished or open-box product must not look new in a
// list, so result cards, cart lines and quotes show it when it is not new.

// conditionCap caps a condition shown on a card: seller text, a word or two.
const conditionCap = 40

// conditionOf reads a condition attribute: the condition to show, lower case with the
// feed's underscores and hyphens as spaces ("open_box" -> "open box"), or "" when it
// is new, unsaid or too long to be a condition.
func conditionOf(s string) string {
	s = strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t' || r == '\n' || r == '\r'
	}), " ")
	if s == "" || len(s) > conditionCap {
		return ""
	}
	// New in any of the ways feeds write it: "new", "brand new", "new with tags",
	// "new in box", "nuevo"/"neu"/"neuf"; "new other" (eBay's new without its box) and
	// "like new" are not new.
	switch s {
	case "new", "brand new", "nuevo", "nueva", "neu", "neuf", "nuovo":
		return ""
	}
	if strings.HasPrefix(s, "new with ") || strings.HasPrefix(s, "new in ") {
		return ""
	}
	return s
}

// Condition returns p's condition when it is not new (see conditionOf): "used",
// "refurbished", "open box"; "" for a new product or one whose condition is not said.
// Products of a search's results carry it as Hit.Condition instead, their attributes
// being left empty.
func (p Product) Condition() string {
	return conditionOf(p.Attributes["condition"])
}
