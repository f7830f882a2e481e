package recommend_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// TestRecommendWhatAPurchaseNeeds: after a durable purchase (a product others are made
// for: "Wall Mount for Lumo QX55", "Toner for Papyra PY-R565"), the products made for
// it by its model are among the first picks, each saying so, and a second product of
// its type leads nothing; one made for another model of the same line (QX65) is not
// made for it. A purchase nothing is made for, or one made long ago, is recommended
// after as before: no product is said to be made for it.
func TestRecommendWhatAPurchaseNeeds(t *testing.T) {
	c := openCatalog(t)
	mk := func(id, title, brand, cat string, cents int64, rating float64, reviews int64) catalog.Product {
		return catalog.Product{ID: id, SellerID: "shop", Title: title, Brand: brand, Category: cat, Price: usd(cents),
			Availability: catalog.InStock, Stock: qty(50), Rating: rating, ReviewCount: reviews}
	}
	ps := []catalog.Product{
		mk("tv-55", "Lumo QX55 4K Smart TV", "Lumo", "Electronics > Televisions", 89900, 4.5, 300),
		mk("tv-65", "Lumo QX65 4K Smart TV", "Lumo", "Electronics > Televisions", 129900, 4.7, 400),
		mk("tv-50", "Vexa V50 4K TV", "Vexa", "Electronics > Televisions", 59900, 4.8, 900),
		mk("tv-43", "Vexa V43 Full HD TV", "Vexa", "Electronics > Televisions", 39900, 4.8, 800),
		mk("mount-55", "Slim Wall Mount for Lumo QX55", "Mountco", "Electronics > TV Accessories", 4900, 4.0, 20),
		mk("remote-55", "Voice Remote for Lumo QX55 and QX50", "Lumo", "Electronics > TV Accessories", 2900, 3.9, 12),
		mk("mount-65", "Slim Wall Mount for Lumo QX65", "Mountco", "Electronics > TV Accessories", 5900, 4.6, 80),
		mk("printer", "Papyra PY-R565 Laser Printer", "Papyra", "Electronics > Printers", 19900, 4.2, 50),
		mk("toner", "Toner Cartridge for Papyra PY-R565", "Inkwell", "Electronics > Printer Supplies", 3900, 4.1, 30),
		mk("printer-2", "Papyra PY-R770 Laser Printer", "Papyra", "Electronics > Printers", 29900, 4.6, 90),
		mk("kettle", "Brightly Electric Kettle 1.7L", "Brightly", "Home > Kitchen", 3900, 4.4, 200),
		mk("kettle-2", "Hearth Glass Kettle 1.5L", "Hearth", "Home > Kitchen", 4500, 4.6, 300),
		mk("mug", "Hearth Stoneware Mug", "Hearth", "Home > Kitchen", 1500, 4.7, 500),
	}
	if _, err := c.Upsert(context.Background(), []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	byID := map[string]catalog.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	for _, tc := range []struct {
		name   string
		bought string
		ago    time.Duration
		want   []string // made for it, among the first len(want)+1 picks, each saying so
		notFor []string // never said to be made for it
		second string   // a product of its type that must not lead; "" for none
	}{
		{"a TV yesterday", "tv-55", 24 * time.Hour, []string{"mount-55", "remote-55"}, []string{"mount-65"}, "tv-65"},
		{"a printer last week", "printer", 7 * 24 * time.Hour, []string{"toner"}, nil, "printer-2"},
		{"a TV two months ago", "tv-55", 60 * 24 * time.Hour, nil, []string{"mount-55", "remote-55", "mount-65"}, ""},
		{"a kettle nothing is made for", "kettle", 24 * time.Hour, nil, []string{"kettle-2", "mug"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := byID[tc.bought]
			res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Limit: 5, Exclude: []string{p.ID},
				History: []recommend.Purchase{{ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Price: p.Price, At: recNow.Add(-tc.ago)}}})
			if err != nil {
				t.Fatal(err)
			}
			ids := recIDs(res)
			madeFor := func(it recommend.Item) bool {
				return slices.ContainsFunc(it.Reasons, func(r string) bool { return strings.HasPrefix(r, "Made for the «"+p.Title+"» you ordered") })
			}
			for _, id := range tc.want {
				i := slices.Index(ids, id)
				if i < 0 || i > len(tc.want) || !madeFor(res.Items[i]) {
					t.Errorf("%s not among the first picks, or not said to be made for the %s: %v", id, p.ID, ids)
				}
			}
			for _, it := range res.Items {
				if slices.Contains(tc.notFor, it.ID) && madeFor(it) {
					t.Errorf("%s said to be made for the %s: %v", it.ID, p.ID, it.Reasons)
				}
			}
			if tc.second != "" && len(ids) > 0 && ids[0] == tc.second {
				t.Errorf("a second %s leads: %v", p.ID, ids)
			}
		})
	}
}
