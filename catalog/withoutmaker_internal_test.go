package catalog

import "testing"

// TestWithoutMaker holds withoutMaker: the maker a title names at its end after "by"
// is left out of what the title's head and "for" part are read from; a "by" of the
// product's own name is kept.
func TestWithoutMaker(t *testing.T) {
	for _, tc := range []struct {
		name, title, head, forPart string
	}{
		{"a maker of one word", "Canyon Double Camping Hammock by Switchback", "hammock", ""},
		{"a maker of two words", "Cairn 3 Person Camping Tent by Ridgeback Canvas", "tent", ""},
		{"a maker with an ampersand", "Speckled Ceramic Mug by Clay & Co", "mug", ""},
		{"the for part less the maker", "Tree Straps for Ember by Switchback", "strap", "ember"},
		{"one word before by is the name", "Stand by Me", "by", ""},
		{"a lower-case word after by", "Soap Bar Made by hand", "hand", ""},
		{"more words after by than a maker's name", "Hat by The Sea Shore Collection Gift", "gift", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			head, forPart := titleHead(tc.title)
			if head != tc.head || forPart != tc.forPart {
				t.Errorf("titleHead(%q) = %q, %q; want %q, %q", tc.title, head, forPart, tc.head, tc.forPart)
			}
		})
	}
}
