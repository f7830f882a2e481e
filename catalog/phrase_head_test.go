package catalog_test

import "testing"

// TestPhraseHeadAfterForeignWord holds that a query of three words whose last two are
// one phrase of the vocabulary ("mic pop filter": "pop filter", a thing's name that
// ends in an accessory word) is not read as the two-word shape of "gift card", a word
// titles say only after their names before an accessory word, which finds nothing:
// the phrase names what the catalog sells. The two-word shape still finds nothing.
func TestPhraseHeadAfterForeignWord(t *testing.T) {
	ps := numbered(roomProducts(), 7000, 4, "popf", "Stedwell Proscreen Pop Filter %d", "Stedwell", "A nylon screen on a gooseneck clamp.")
	ps = numbered(ps, 9000, 4, "vocal", "Shurewell Dynamic Vocal Microphone %d, Mic Clip Included", "Shurewell", "A cardioid microphone for the stage.")
	ps = numbered(ps, 2000, 4, "xlr", "Cordline XLR Cable %d, for Mic and Mixer", "Cordline", "Balanced, 6 m.")
	upsertCheckFirsts(t, openCatalog(t), ps, []firstCase{
		{"a phrase of the vocabulary as the head", "mic pop filter", "popf-"},
		{"the phrase alone", "pop filter", "popf-"},
		{"two words as typed", "mic filter", ""},
	})
}
