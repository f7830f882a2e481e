package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchOtherNamesNotSold: a synonym group whose other names no product has, or
// has only as a word of another thing's name, makes nothing look sold. "tablet" is in
// the chargers' descriptions and its group's "tablet pc" in no product: "tablet stand"
// is another kind of the monitor stands sold, and "dishwsher tablets" (corrected:
// "dishwasher" of the air fryers' "Dishwasher Safe") no more sold than without the
// group. "Dog Chew Toy" says the "dog chews" of the dog treats'
// group and is a toy: "dog treats" finds nothing. "descaler" is in the coffee
// makers' descriptions and none of its other names in any product: "kettle descaler" asks for
// a thing the shop does not sell, as it does where no product says "descaler". Another name that heads products
// still finds them ("cat treats": the Cat Snacks), as does a word whose other names
// some product has.
func TestSearchOtherNamesNotSold(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(2999)})
	}
	for i := range 4 {
		add(fmt.Sprint("stand", i), fmt.Sprintf("Deskwell Dual Monitor Stand, %d-32 Inch Screens", 13+i), "Clamps to the back of a desk.")
		add(fmt.Sprint("charger", i), fmt.Sprintf("Wattly %dW USB-C Laptop Charger, GaN", 45+20*i), "Charges a laptop, tablet and phone.")
		add(fmt.Sprint("fryer", i), fmt.Sprintf("Crispa %d Quart Air Fryer, Dishwasher Safe Basket", 4+i), "Crisps with little or no oil.")
		add(fmt.Sprint("chewtoy", i), fmt.Sprintf("Pawpal Tough Dog Chew Toy for Aggressive Chewers, Size %d", i+1), "Natural rubber.")
		add(fmt.Sprint("treattoy", i), fmt.Sprintf("Fetchwell Squeaky Dog Toys, Treat Dispensing, %d Pack", 3+i), "Hide a treat inside.")
		add(fmt.Sprint("catsnack", i), fmt.Sprintf("Whiskerly Cat Snacks, Salmon, %d Pack", 6+i), "Crunchy outside, soft inside.")
		add(fmt.Sprint("notebook", i), fmt.Sprintf("Vantora %d-Inch Notebook PC, 16GB RAM", 13+i), "All-day battery.")
		add(fmt.Sprint("kettle", i), fmt.Sprintf("Brewmate %d.7L Electric Kettle, Stainless Steel", 1+i), "Boils a litre in minutes.")
		add(fmt.Sprint("coffeemaker", i), fmt.Sprintf("Brewmate %d Cup Coffee Maker", 10+2*i), "Run a descaler through it every month.")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		suggest    string // with no hits, what the shop sells instead ("|" between)
	}{
		{"a word whose other names no product has, before a head sold as one kind", "tablet stand", "", "monitor stand"},
		{"a head whose other names no product has, said in descriptions, after a corrected word", "dishwsher tablets", "", "dishwash"},
		{"another name of a phrase said only in another thing's name", "dog treats", "", "dog treats"},
		{"a type's name and a word whose other names no product has, said in descriptions", "kettle descaler", "", "kettle"},
		{"another name of a phrase that heads products", "cat treats", "catsnack", ""},
		{"a word whose other name some product has", "laptop charger", "charger", ""},
	} {
		t.Run(tt.name, func(t *testing.T) { checkNoneOrFirst(t, c, tt.text, tt.first, tt.suggest) })
	}
}
