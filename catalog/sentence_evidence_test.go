package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// evidenceProducts are drugShop's extras for TestSentenceEvidence: oral care whose
// mouthwashes and toothpastes (two categories under one parent) say "breath", and
// products whose descriptions say a word of a story the shop sells nothing for —
// gloves "for cold days", nail polish that "paints on" smoothly, training pads that speed
// up "learning", tool bags for "the job" — and dress shoes "for a wedding".
func evidenceProducts() []catalog.Product {
	p := drugProduct
	const mouth, paste, floss = "Personal Care > Oral Care > Mouthwash", "Personal Care > Oral Care > Toothpaste", "Personal Care > Oral Care > Floss"
	return []catalog.Product{
		p("mouth-1", "Mint Mouthwash", "Freshens breath for 12 hours.", mouth),
		p("mouth-2", "Alcohol-Free Rinse", "Freshens breath, gentle on gums.", mouth),
		p("mouth-3", "Kids Mouthwash", "Fresh breath, bubble gum flavour.", mouth),
		p("paste-1", "Whitening Toothpaste", "Whitens teeth and freshens breath.", paste),
		p("paste-2", "Fluoride Toothpaste", "Fights cavities; fresh breath all day.", paste),
		p("paste-3", "Charcoal Toothpaste", "Polishes teeth, leaves breath fresh.", paste),
		p("floss-1", "Waxed Floss", "Slides between teeth.", floss),
		p("floss-2", "Floss Picks", "Easy to hold.", floss),
		p("glove-1", "Thermal Gloves", "Warm lining for cold days.", "Apparel > Gloves"),
		p("glove-2", "Fleece Gloves", "Soft fleece for cold days.", "Apparel > Gloves"),
		p("glove-3", "Touchscreen Gloves", "Keeps hands warm on cold mornings.", "Apparel > Gloves"),
		p("nail-1", "Gel Nail Polish", "Paints on smoothly, dries in a minute.", "Cosmetics > Nail Polish"),
		p("nail-2", "Matte Nail Polish", "Paints on in one coat.", "Cosmetics > Nail Polish"),
		p("nail-3", "Glitter Nail Polish", "Paints on evenly.", "Cosmetics > Nail Polish"),
		p("pad-1", "Puppy Training Pads", "Speeds up learning where to go.", "Pets > Training"),
		p("pad-2", "Scented Training Pads", "Attracts puppies and speeds up learning.", "Pets > Training"),
		p("pad-3", "Extra Large Training Pads", "Learning made easy.", "Pets > Training"),
		p("bag-1", "Canvas Tool Bag", "Carries every tool the job needs.", "Tools > Tool Bags"),
		p("bag-2", "Open Tote Tool Bag", "Right for any job.", "Tools > Tool Bags"),
		p("bag-3", "Rolling Tool Bag", "Takes the whole kit to the job.", "Tools > Tool Bags"),
		p("shoe-1", "Leather Oxford Shoes", "Polished for a wedding or any formal day.", "Apparel > Shoes > Dress Shoes"),
		p("shoe-2", "Suede Loafers", "Smart enough for a wedding.", "Apparel > Shoes > Dress Shoes"),
		p("shoe-3", "Patent Derby Shoes", "Shines at a wedding.", "Apparel > Shoes > Dress Shoes"),
	}
}

// TestSentenceEvidence: a sentence that tells of a person and that every reading
// answers with nothing is read by a word only its products' descriptions have, when
// the shop files most products with it in one category, or under one parent (the
// mouthwashes and toothpastes that say "breath"), and most of that category's products
// say it (evidenceType). Not a sentence about no person, nor by a word that says how a
// thing is ("cold"), what a person does ("my wife paints"), an activity ("learning"),
// or a word of a thing the shop does not know ("a job interview"), nor one the shop
// says of several kinds ("gentle"); "a lot" asks for no thing.
func TestSentenceEvidence(t *testing.T) {
	c := drugShop(t, evidenceProducts()...)
	bugs := []string{"bug-1", "bug-2", "bug-3", "bug-4"}
	for _, tc := range []struct {
		name, q string
		first   []string // the first product is one of these; none: nothing found
	}{
		{"the shopper, a word of one category", "the mosquitoes find me every night at the lake", bugs},
		{"a part of the body, a word of one parent category", "my partner says my breath is awful", []string{"mouth-1", "mouth-2", "mouth-3", "paste-1", "paste-2", "paste-3"}},
		{"a participle a determiner makes a thing", "we are going to a wedding in june", []string{"shoe-1", "shoe-2", "shoe-3"}},
		{"how much is no thing asked for", "the mosquitoes bite me a lot when we camp", bugs},
		{"no person", "the mosquitoes at the lake are terrible this year", nil},
		{"how a thing is", "i am always cold at my desk", nil},
		{"what a person does", "my wife paints all day when she is at home", nil},
		{"an activity", "my son is learning", nil},
		{"a word of a thing the shop does not know", "i have a job interview tomorrow", nil},
		{"a word said of several kinds", "the kids were gentle with the old pony", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchFirstOf(t, c, tc.q, tc.first)
			if tc.first != nil && !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "which the catalog files together") }) {
				t.Errorf("%q: notes %q, want the evidence reading's", tc.q, res.Notes)
			}
		})
	}
}

// BenchmarkSentenceEvidence times the evidence reading (evidenceType) on drugShop with
// evidenceProducts: sentences it answers, and stories it declines after every other
// reading found nothing, each paired with a one-word search ("spray") in the same loop.
func BenchmarkSentenceEvidence(b *testing.B) {
	c := stockedCatalog(b, append(drugProducts(), evidenceProducts()...))
	benchOverFloor(b, c, []string{
		"the mosquitoes find me every night at the lake",
		"my partner says my breath is awful",
		"we are going to a wedding in june",
		"the mosquitoes at the lake are terrible this year",
		"i am always cold at my desk",
		"i have a job interview tomorrow",
	}, "spray")
}
