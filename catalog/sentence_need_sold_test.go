package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// drugShop is a pharmacy shop: insect repellents, deodorants, sunscreen, beard oils and balms, electric shavers, French
// presses, and a thousand gift tags so that it is no small shop. Extra products are
// added.
func drugShop(t *testing.T, extra ...catalog.Product) *catalog.Catalog {
	t.Helper()
	return stockedCatalog(t, append(drugProducts(), extra...))
}

// drugShopB is drugShop for a benchmark.
func drugShopB(b *testing.B) *catalog.Catalog {
	b.Helper()
	return stockedCatalog(b, drugProducts())
}

// drugProduct is one product of drugShop's kind: brand Medwell, $8.99.
func drugProduct(id, title, desc, cat string) catalog.Product {
	return catalog.Product{ID: id, Title: title, Description: desc, Category: cat, Brand: "Medwell", Price: usd(899)}
}

func drugProducts() []catalog.Product {
	p := drugProduct
	const bug, deo, sun, beard, shave, coffee = "Health > Insect Repellent", "Personal Care > Deodorant", "Skin Care > Sunscreen",
		"Personal Care > Beard Care", "Personal Care > Electric Razors", "Kitchen > Coffee Makers"
	ps := []catalog.Product{
		p("bug-1", "Insect Repellent Spray", "Repels mosquitoes and ticks for 8 hours. Gentle on skin.", bug),
		p("bug-2", "DEET-Free Bug Spray", "Repels mosquitoes and ticks, DEET-free.", bug),
		p("bug-3", "Kids Insect Repellent Lotion", "Repels mosquitoes; gentle for children.", bug),
		p("bug-4", "Picaridin Repellent Wipes", "Repels mosquitoes and biting flies.", bug),
		p("deo-1", "Clinical Strength Antiperspirant", "Stops sweat and odor for 48 hours.", deo),
		p("deo-2", "Coconut Deodorant Stick", "Keeps you fresh; fights sweat odor. Gentle formula.", deo),
		p("deo-3", "Aluminum-Free Deodorant", "All-day odor protection, even when you sweat.", deo),
		p("sun-1", "Sport Sunscreen Spray SPF 50", "Water resistant for 80 minutes.", sun),
		p("sun-2", "Mineral Sunscreen Lotion SPF 30", "Gentle broad spectrum protection.", sun),
		p("sun-3", "Face Sunscreen SPF 50", "Light and non-greasy.", sun),
		p("beard-1", "Cedarwood Beard Oil", "Softens beard hair and stops itchy skin.", beard),
		p("beard-2", "Beard Balm, Sandalwood", "Tames and conditions.", beard),
		p("beard-3", "Beard Care Kit with Comb", "Oil, balm and a comb.", beard),
		p("shaver-1", "Series 7 Electric Shaver", "A close shave, wet or dry.", shave),
		p("shaver-2", "Rotary Electric Shaver", "A close shave in the shower.", shave),
		p("press-1", "Glass French Press, 8 Cup", "Brews rich coffee.", coffee),
		p("press-2", "Steel French Press", "Brews rich coffee.", coffee),
		p("press-3", "Travel French Press Mug", "Brews coffee on the go.", coffee),
	}
	return append(ps, giftTags("Corner", "A printed tag.")...)
}

// giftTags are a thousand gift tags of brand, described by desc: products of no
// interest to a test's queries that make a shop no small one (a catalog under 1,000
// products reads some sentences otherwise).
func giftTags(brand, desc string) []catalog.Product {
	ps := make([]catalog.Product, 1000)
	for i := range ps {
		ps[i] = catalog.Product{ID: fmt.Sprint("tag", i), Title: fmt.Sprintf("Gift Tag No. %d", i+1), Description: desc, Brand: brand, Price: usd(100)}
	}
	return ps
}

// TestSentenceNeedUnsupported: a need read from a sentence's cue (the vocabulary's
// "beard" => beard trimmer, electric shaver) gives way to the catalog's own products
// named by the cue when the shop sells not the need's first thing and none of its
// things says a word of the sentence (needUnsupported): "grow a beard" finds the beard
// oils, not the shavers. The need stands when the shop sells its first thing, when
// its things say a word of the sentence, and when no product of the shop's own is
// named by the cue.
func TestSentenceNeedUnsupported(t *testing.T) {
	const q = "my husband wants to grow a beard"
	beards := []string{"beard-1", "beard-2", "beard-3"}
	shavers := []string{"shaver-1", "shaver-2"}
	trimmer := catalog.Product{ID: "trimmer", Title: "Cordless Beard Trimmer", Description: "Trims and shapes.", Category: "Personal Care > Trimmers", Brand: "Medwell", Price: usd(2999)}
	saying := catalog.Product{ID: "shaver-3", Title: "Foil Electric Shaver", Description: "Shapes the beard you grow.", Category: "Personal Care > Electric Razors", Brand: "Medwell", Price: usd(4999)}
	var noBeards []catalog.Product
	for _, p := range drugProducts() {
		if !strings.HasPrefix(p.ID, "beard-") {
			noBeards = append(noBeards, p)
		}
	}
	for _, tc := range []struct {
		name  string
		c     func(t *testing.T) *catalog.Catalog
		first []string
	}{
		{"the shop's own products named by the cue", func(t *testing.T) *catalog.Catalog { return drugShop(t) }, beards},
		{"the need's first thing sold", func(t *testing.T) *catalog.Catalog { return drugShop(t, trimmer) }, []string{"trimmer"}},
		{"a need's thing says the sentence's words", func(t *testing.T) *catalog.Catalog { return drugShop(t, saying) }, append(shavers, "shaver-3")},
		{"no product of the shop's own named by the cue", func(t *testing.T) *catalog.Catalog { return stockedCatalog(t, noBeards) }, shavers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := tc.c(t).Search(context.Background(), catalog.Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if len(ids) == 0 || !slices.Contains(tc.first, ids[0]) {
				t.Fatalf("hits %q, want one of %q first; notes %q", ids, tc.first, res.Notes)
			}
		})
	}
}

// TestSentenceNeedUnsold: a need read from a sentence (the vocabulary's "wrinkles" =>
// iron, steamer) none of whose things any title names is not searched — its things
// are in no title, and searching them finds whatever mentions them — unless the
// sentence names one of them as the shopper's own, whose products mention it ("my
// steamer…": a descaler for it). The sentence falls to its own words: the night creams
// whose descriptions say "wrinkles", not a heat protectant that mentions irons. A shop that sells an iron reads the need.
func TestSentenceNeedUnsold(t *testing.T) {
	night := func(id, title string) catalog.Product {
		return catalog.Product{ID: id, Title: title, Description: "Smooths fine lines and wrinkles while you sleep.", Category: "Skin Care > Moisturizers", Brand: "Dermavel", Price: usd(2499)}
	}
	creams := []catalog.Product{night("night-1", "Retinol Night Cream"), night("night-2", "Peptide Night Cream"), night("night-3", "Overnight Repair Cream")}
	descaler := catalog.Product{ID: "descaler", Title: "Descaling Solution", Description: "Removes scale from your steamer or iron.", Category: "Home > Laundry", Brand: "Corner", Price: usd(799)}
	protect := catalog.Product{ID: "protect", Title: "Heat Protectant Spray", Description: "Protects hair from the heat of flat irons and curling irons.", Category: "Hair Care > Styling", Brand: "Lumen", Price: usd(1299)}
	iron := catalog.Product{ID: "iron", Title: "Steam Iron", Description: "Presses shirts crisp.", Category: "Home > Laundry", Brand: "Corner", Price: usd(3499)}
	for _, tc := range []struct {
		name, q string
		extra   []catalog.Product
		first   []string // nil: not protect first
	}{
		{"no thing of the need sold", "i'm starting to see wrinkles around my eyes", append(slices.Clone(creams), protect), nil},
		{"the shopper's own thing named", "my steamer barely takes the wrinkles out anymore", append(slices.Clone(creams), descaler), []string{"descaler"}},
		{"a thing of the need sold", "my shirts come out of the suitcase full of wrinkles", append(slices.Clone(creams), iron), []string{"iron"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := drugShop(t, tc.extra...).Search(context.Background(), catalog.Query{Text: tc.q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if tc.first == nil {
				if len(ids) > 0 && ids[0] == "protect" {
					t.Fatalf("%q: hits %q, want the heat protectant not first; notes %q", tc.q, ids, res.Notes)
				}
				return
			}
			if len(ids) == 0 || !slices.Contains(tc.first, ids[0]) {
				t.Fatalf("%q: hits %q, want one of %q first; notes %q", tc.q, ids, tc.first, res.Notes)
			}
		})
	}
}

// TestSentenceNeedsPassedOver: of the needs a sentence says, those whose things the
// shop does not sell are passed over without counting among the three searched for,
// so that a fourth need it sells is read ("my skin and lips crack in the dry winter
// air": cracked skin, cracked lips and dry skin before dry air, in a shop with a
// humidifier and none of the others); a short query that names a need's thing itself
// ("car bike rack", none of whose products has every word) is not answered by the
// need's things without its words. Each case has a vocabulary of its own needs.
func TestSentenceNeedsPassedOver(t *testing.T) {
	humidifier := catalog.Product{ID: "humid-1", Title: "Cool Mist Humidifier", Description: "Quiet, for bedrooms.", Category: "Home > Air", Brand: "Medwell", Price: usd(3999)}
	rack := func(id, title string) catalog.Product {
		return catalog.Product{ID: id, Title: title, Description: "Carries panniers.", Category: "Bike > Racks", Brand: "Medwell", Price: usd(2999)}
	}
	for _, tc := range []struct {
		name, needs, q string
		extra          []catalog.Product
		first          []string // nil: not read as the need
	}{
		{"three unsold needs before a sold one",
			"need: crack skin => lip balm\nneed: crack lips => hand cream\nneed: dry skin => face cream\nneed: dry air => humidifier\n",
			"my skin and lips crack in the dry winter air", []catalog.Product{humidifier}, []string{"humid-1"}},
		{"a short query naming the need's thing", "need: bike car => bike rack\n", "car bike rack",
			[]catalog.Product{rack("rack-1", "Rear Bike Rack"), rack("rack-2", "Front Bike Rack")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := catalog.ParseVocabulary(tc.needs)
			if err != nil {
				t.Fatal(err)
			}
			c := drugShop(t, tc.extra...)
			c.SetVocabulary(v)
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			read := slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, "Read as a search for") })
			if tc.first == nil {
				if read {
					t.Fatalf("%q: hits %q, notes %q: read as the need", tc.q, hitIDs(res), res.Notes)
				}
				return
			}
			if ids := hitIDs(res); !read || len(ids) == 0 || !slices.Contains(tc.first, ids[0]) {
				t.Fatalf("%q: hits %q, want one of %q first, read as the need; notes %q", tc.q, ids, tc.first, res.Notes)
			}
		})
	}
}

// BenchmarkSentenceNeedSold times sentences that reach the need checks of sent8 (a
// need unsupported or unsold) and other sentences on drugShop, each paired with a
// one-word search ("spray") in the same loop (benchOverFloor).
func BenchmarkSentenceNeedSold(b *testing.B) {
	c := drugShopB(b)
	qs := []string{"the mosquitoes eat me alive when we camp",
		"i sweat a lot when i walk to the office",
		"my husband wants to grow a beard",
		"i'm starting to see wrinkles around my eyes",
		"translate hello into french",
		"the moon was bright over the harbour"}
	benchOverFloor(b, c, qs, "spray")
}
