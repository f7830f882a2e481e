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
	mk := stockedProduct
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
		model  string   // the model the reasons name it by
	}{
		{"a TV yesterday", "tv-55", 24 * time.Hour, []string{"mount-55", "remote-55"}, []string{"mount-65"}, "tv-65", "QX55"},
		{"a printer last week", "printer", 7 * 24 * time.Hour, []string{"toner"}, nil, "printer-2", "PY-R565"},
		{"a TV two months ago", "tv-55", 60 * 24 * time.Hour, nil, []string{"mount-55", "remote-55", "mount-65"}, "", "QX55"},
		{"a kettle nothing is made for", "kettle", 24 * time.Hour, nil, []string{"kettle-2", "mug"}, "", ""},
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
				return slices.ContainsFunc(it.Reasons, func(r string) bool {
					return strings.HasPrefix(r, "Made for the «"+p.Title+"» you ordered") || strings.HasPrefix(r, "Made for your «"+tc.model+"», ordered")
				})
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

// TestRecommendAfterADrill: right after a drill, in a shop with no co-purchases yet,
// what it needs (a battery and charger of its brand and platform, a bit set, a hook for
// its model) leads, each saying it is made for the drill by its model, and a second
// drill — a substitute of what was just bought — comes after the rest (after a tape
// measure). A type people buy again is not demoted: sanding discs after sanding discs,
// drills for a customer who bought drills before or in a shop where customers buy both
// drills (where co-purchases lead, and only what names the drill's model is made for
// it); nor is a drill the customer asks for. In a shop whose customers buy other
// things together, nothing is made for the drill by its platform or type either. A battery of another brand is never made
// for the drill.
func TestRecommendAfterADrill(t *testing.T) {
	mk := stockedProduct
	ps := []catalog.Product{
		mk("drill", "DEWALT 20V MAX XR Brushless Cordless Drill/Driver Kit, Compact (DCD791D2)", "DEWALT", "Tools > Power Drills", 21900, 4.6, 300),
		mk("drill-2", "DEWALT 20V MAX Cordless Drill/Driver Kit, Compact (DCD771C2)", "DEWALT", "Tools > Power Drills", 9900, 4.8, 900),
		mk("drill-3", "Makita 18V LXT Cordless Driver-Drill Kit (XFD131)", "Makita", "Tools > Power Drills", 17900, 4.7, 600),
		mk("drill-bare", "DEWALT 20V MAX XR Brushless Drill/Driver, Tool Only (DCD800B)", "DEWALT", "", 14900, 4.7, 500),
		mk("battery", "DEWALT 20V MAX XR Lithium Ion Battery, 5.0Ah (DCB205)", "DEWALT", "Tools > Power Tool Batteries", 9900, 4.5, 80),
		mk("charger", "DEWALT 12V/20V MAX Lithium Ion Battery Charger (DCB115)", "DEWALT", "Tools > Power Tool Battery Chargers", 5900, 4.4, 40),
		mk("mk-battery", "Makita 18V LXT Lithium-Ion 4.0Ah Battery (BL1840B)", "Makita", "Tools > Power Tool Batteries", 7900, 4.9, 900),
		mk("bits", "IRWIN Titanium Drill Bit Set, 21-Piece (316015)", "IRWIN", "Tools > Drill Bits", 2900, 4.3, 30),
		mk("hook", "Belt Hook for DEWALT DCD791D2", "DEWALT", "Tools > Power Tool Accessories", 900, 4.0, 10),
		mk("tape", "Stanley 25 ft. Tape Measure", "Stanley", "Tools > Measuring Tools", 1500, 4.2, 20),
		mk("discs", "3M Hookit 5 in. Sanding Discs, 120 Grit, 50-Pack", "3M", "Tools > Sanding Discs", 1900, 4.6, 200),
		mk("discs-2", "3M Hookit 5 in. Sanding Discs, 80 Grit, 50-Pack", "3M", "Tools > Sanding Discs", 1900, 4.7, 300),
	}
	byID := map[string]catalog.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	bought := func(id string, ago time.Duration) recommend.Purchase {
		p := byID[id]
		return recommend.Purchase{ProductID: p.ID, Title: p.Title, Brand: p.Brand, Category: p.Category, Price: p.Price, At: recNow.Add(-ago)}
	}
	const day = 24 * time.Hour
	for _, tc := range []struct {
		name    string
		history []recommend.Purchase // the last first
		context string
		// bothBought is how many other customers bought drill and drill-2 (the shop's
		// order history).
		bothBought int
		// discsBought is how many other customers bought the two sanding discs
		// together: the shop's history knows co-purchases, none of the drill.
		discsBought int
		made        []string  // made for the last purchase, among the first picks, each saying so by its model
		notMade     []string  // not said to be made for anything
		after       [2]string // the first must come after the second ("" for none)
		before      [2]string // the first must come before the second ("" for none)
	}{
		{name: "drill after drill demoted", history: []recommend.Purchase{bought("drill", day)},
			made: []string{"battery", "charger", "bits"}, after: [2]string{"drill-2", "tape"}},
		{name: "a bare drill after a drill kit demoted", history: []recommend.Purchase{bought("drill", day)},
			after: [2]string{"drill-bare", "tape"}},
		{name: "sanding discs after sanding discs kept", history: []recommend.Purchase{bought("discs", day)},
			before: [2]string{"discs-2", "tape"}},
		{name: "a second drill asked for a week later kept", history: []recommend.Purchase{bought("drill", 7*day)}, context: "drill",
			before: [2]string{"drill-2", "tape"}},
		{name: "a customer who bought a drill before", history: []recommend.Purchase{bought("drill", day), bought("drill-3", 300*day)},
			before: [2]string{"drill-2", "tape"}},
		{name: "a shop whose customers buy both drills", history: []recommend.Purchase{bought("drill", day)}, bothBought: recommend.MinCoCustomers,
			made: []string{"hook"}, before: [2]string{"drill-2", "tape"}},
		// The gate is the shop's: a history of co-purchases, though of other products,
		// says more of what its customers buy next than a guess from titles.
		{name: "a shop whose customers buy other things together", history: []recommend.Purchase{bought("drill", day)}, discsBought: recommend.MinCoCustomers,
			made: []string{"hook"}, notMade: []string{"battery", "charger", "bits"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := openCatalog(t)
			ctx := context.Background()
			if _, err := c.Upsert(ctx, []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps); err != nil {
				t.Fatal(err)
			}
			for range tc.bothBought {
				if err := c.RecordSale(ctx, "drill", 1, nil, recNow.AddDate(0, -2, 0)); err != nil {
					t.Fatal(err)
				}
				if err := c.RecordSale(ctx, "drill-2", 1, []string{"drill"}, recNow.AddDate(0, -1, 0)); err != nil {
					t.Fatal(err)
				}
			}
			for range tc.discsBought {
				if err := c.RecordSale(ctx, "discs", 1, nil, recNow.AddDate(0, -2, 0)); err != nil {
					t.Fatal(err)
				}
				if err := c.RecordSale(ctx, "discs-2", 1, []string{"discs"}, recNow.AddDate(0, -1, 0)); err != nil {
					t.Fatal(err)
				}
			}
			var exclude []string
			for _, h := range tc.history {
				exclude = append(exclude, h.ProductID)
			}
			res, err := recommend.Rank(ctx, c, recommend.Input{Now: recNow, Limit: 12, Context: tc.context, History: tc.history, Exclude: exclude})
			if err != nil {
				t.Fatal(err)
			}
			ids := recIDs(res)
			for _, id := range tc.made {
				i := slices.Index(ids, id)
				if i < 0 || i >= 4 || !slices.Contains(res.Items[i].Reasons, "Made for your «DCD791D2», ordered in May") {
					t.Errorf("%s not among the first picks, or not said to be made for the DCD791D2: %v", id, reasonsOf(res))
				}
			}
			for _, it := range res.Items {
				if slices.Contains(tc.notMade, it.ID) && slices.ContainsFunc(it.Reasons, func(r string) bool { return strings.HasPrefix(r, "Made for") }) {
					t.Errorf("%s said to be made for the drill in a shop with co-purchases: %v", it.ID, it.Reasons)
				}
				if it.ID == "mk-battery" && slices.ContainsFunc(it.Reasons, func(r string) bool { return strings.HasPrefix(r, "Made for") }) {
					t.Errorf("a Makita battery said to be made for a DEWALT drill: %v", it.Reasons)
				}
			}
			if a, b := tc.after[0], tc.after[1]; a != "" && !(slices.Index(ids, b) >= 0 && slices.Index(ids, a) > slices.Index(ids, b)) {
				t.Errorf("%s not after %s: %v", a, b, ids)
			}
			if a, b := tc.before[0], tc.before[1]; a != "" && !(slices.Index(ids, a) >= 0 && (slices.Index(ids, b) < 0 || slices.Index(ids, a) < slices.Index(ids, b))) {
				t.Errorf("%s not before %s: %v", a, b, ids)
			}
		})
	}
}

// reasonsOf lists each item of res with its reasons, for failure messages.
func reasonsOf(res recommend.Result) []string {
	var out []string
	for _, it := range res.Items {
		out = append(out, it.ID+": "+strings.Join(it.Reasons, "; "))
	}
	return out
}

// stockedProduct is a product of the shop, in stock (50), with its rating and reviews.
func stockedProduct(id, title, brand, cat string, cents int64, rating float64, reviews int64) catalog.Product {
	return catalog.Product{ID: id, SellerID: "shop", Title: title, Brand: brand, Category: cat, Price: usd(cents),
		Availability: catalog.InStock, Stock: qty(50), Rating: rating, ReviewCount: reviews}
}
