package recommend_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestRecommendContextNeed: a context whose words no product has all of, and that
// says a need of the vocabulary ("a picnic with cold drinks" is for a cooler, an
// insulated bottle or a tumbler), is read as the search reads it: the need's things
// are recommended, each saying which thing it is, and a note says how the request was
// read — rather than whatever shares one of its words ("cold brew coffee" for
// "cold"). A context some product has every word of is matched as before.
func TestRecommendContextNeed(t *testing.T) {
	ps := []catalog.Product{
		recProduct("cold-brew", "Sunbird", "Home > Coffee", 1599, 4.6, 300),
		recProduct("cold-tea", "Gamma", "Home > Tea", 899, 4.7, 200),
		recProduct("tumbler", "Kestrel", "Kitchen > Drinkware", 2499, 4.2, 40),
		recProduct("cooler", "Tamarack", "Outdoors > Camping", 5999, 4.4, 90),
		recProduct("sleeping-bag", "Tamarack", "Outdoors > Camping", 9999, 4.8, 900),
	}
	for i, title := range map[int]string{0: "Sunbird Cold Brew Coffee, 1 lb", 1: "Gamma Cold Brew Tea Bags", 2: "Kestrel Insulated Tumbler, 20 oz",
		3: "Tamarack Rolling Cooler, 45 qt", 4: "Tamarack Cold Weather Sleeping Bag"} {
		ps[i].Title = title
	}
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	tests := []struct {
		name    string
		context string
		want    []string          // the recommendations, as a set
		reasons map[string]string // a reason an item has
		note    string
	}{
		{"a need", "a picnic with cold drinks", []string{"tumbler", "cooler"},
			map[string]string{"tumbler": "Fits the request (tumbler)", "cooler": "Fits the request (cooler)"},
			"read as a request for cooler, insulated bottle or tumbler"},
		{"every word in a product", "cold brew", []string{"cold-brew", "cold-tea"}, map[string]string{"cold-brew": `Matches "cold brew"`}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Context: tc.context, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if got := recIDs(res); !sameIDs(got, tc.want) {
				t.Errorf("recommended %q, want %q (notes %q)", got, tc.want, res.Notes)
			}
			for id, reason := range tc.reasons {
				i := slices.IndexFunc(res.Items, func(it recommend.Item) bool { return it.ID == id })
				if i < 0 || !hasReason(res.Items[i], reason) {
					t.Errorf("%s: want a reason %q in %+v", id, reason, res.Items)
				}
			}
			hasNote := slices.ContainsFunc(res.Notes, func(n string) bool { return tc.note != "" && strings.Contains(n, tc.note) })
			if hasNote != (tc.note != "") {
				t.Errorf("notes %q, want one containing %q", res.Notes, tc.note)
			}
		})
	}
}

func sameIDs(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestRecommendNeedSaysItsCues: a need's things are often bare types that products of
// other uses share ("dry skin" is for a moisturizer or a lotion, and a children's sun
// lotion is a lotion): the products of its things whose text also has the context's
// words the need was read from ("dry", "skin") are recommended when they fill the
// picks, and the others only when they do not. The best rated lotions here are for sun
// and after sun.
func TestRecommendNeedSaysItsCues(t *testing.T) {
	type p struct{ id, title, desc string }
	var ps []catalog.Product
	for i, x := range []p{
		{"kids-sun", "Kids Sun Lotion SPF 50", "Water resistant sun lotion for children's sensitive skin."},
		{"after-sun", "Aloe After Sun Lotion", "Cooling lotion after a day on the beach."},
		{"tinted", "Tinted Moisturizer SPF 30", "Light coverage with sun protection for every skin type."},
		{"oat-balm", "Oat Balm Moisturizer", "Rich moisturizer for dry, itchy skin."},
		{"shea-body", "Shea Body Lotion", "Body lotion for very dry skin, absorbs fast."},
		{"ceramide-face", "Ceramide Face Lotion", "Light lotion for normal to dry skin."},
		{"night-cream", "Night Repair Moisturizer", "Overnight moisturizer that soothes dry skin."},
	} {
		pr := recProduct(x.id, "Brand"+string(rune('A'+i)), "Beauty > Skin Care", 1200+int64(100*i), 4.9-0.1*float64(i), int64(900-100*i))
		pr.Title, pr.Description = x.title, x.desc
		ps = append(ps, pr)
	}
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	cued := []string{"oat-balm", "shea-body", "ceramide-face", "night-cream"}
	for _, tc := range []struct {
		name    string
		context string
		limit   int
		want    []string // the recommendations, as a set; nil: check only that every cued product is in them
	}{
		{"the products that say the need fill the picks", "my skin gets so dry in winter", 4, cued},
		{"the cue words in another order", "dry patches on my skin after swimming", 3, nil},
		{"too few say it: every product of the need's things", "my skin gets so dry in winter", 7,
			[]string{"kids-sun", "after-sun", "tinted", "oat-balm", "shea-body", "ceramide-face", "night-cream"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Context: tc.context, Limit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			got := recIDs(res)
			if tc.want != nil && !sameIDs(got, tc.want) || len(got) != tc.limit {
				t.Errorf("recommended %q, want %q (notes %q)", got, tc.want, res.Notes)
			}
			if tc.want == nil {
				for _, id := range got {
					if !slices.Contains(cued, id) {
						t.Errorf("recommended %q: %s does not say the need (notes %q)", got, id, res.Notes)
					}
				}
			}
			if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "read as a request for moisturizer or lotion") }) {
				t.Errorf("notes %q: want the need's reading", res.Notes)
			}
		})
	}
}
