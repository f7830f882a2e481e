//go:build ignore

// gen writes a pet supplies shop's WooCommerce products export (petshop.csv) and the
// truth of its products (truth.tsv: each product's type, what it is an accessory for,
// its model and its type's category path), from the tables below. Deterministic: the
// same files every run.
//
//	cd testdata/searcheval/shops3 && go run gen.go
package main

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"os"
	"strconv"
	"strings"
)

// A type of the shop: its category path and what it is an accessory for (a type, or
// a family named in the set's test).
type ptype struct{ path, of string }

var types = map[string]ptype{
	"dry-dog-food":             {"Dog > Food > Dry Food", ""},
	"wet-dog-food":             {"Dog > Food > Wet Food", ""},
	"dog-treats":               {"Dog > Treats", ""},
	"dental-chews":             {"Dog > Treats > Dental Chews", ""},
	"dog-toy":                  {"Dog > Toys", ""},
	"ball-launcher":            {"Dog > Toys > Fetch", ""},
	"fetch-ball":               {"Dog > Toys > Fetch", "ball-launcher"},
	"dog-collar":               {"Dog > Collars, Harnesses & Leashes > Collars", ""},
	"dog-harness":              {"Dog > Collars, Harnesses & Leashes > Harnesses", ""},
	"dog-leash":                {"Dog > Collars, Harnesses & Leashes > Leashes", ""},
	"gps-tracker":              {"Dog > Collars, Harnesses & Leashes > GPS Trackers", ""},
	"dog-bed":                  {"Dog > Beds & Crates > Beds", ""},
	"dog-crate":                {"Dog > Beds & Crates > Crates", ""},
	"crate-pad":                {"Dog > Beds & Crates > Crate Pads & Covers", "dog-crate"},
	"crate-cover":              {"Dog > Beds & Crates > Crate Pads & Covers", "dog-crate"},
	"poop-bags":                {"Dog > Waste Bags", ""},
	"poop-bag-dispenser":       {"Dog > Waste Bags", ""},
	"puppy-pads":               {"Dog > Training > Potty Pads", ""},
	"pad-holder":               {"Dog > Training > Potty Pads", "puppy-pads"},
	"dog-shampoo":              {"Dog > Grooming > Shampoo & Conditioner", ""},
	"pet-brush":                {"Dog > Grooming > Brushes & Deshedding", ""},
	"nail-clippers":            {"Dog > Grooming > Nail Care", ""},
	"dog-coat":                 {"Dog > Apparel > Coats & Jackets", ""},
	"dog-sweater":              {"Dog > Apparel > Sweaters", ""},
	"dog-seat-cover":           {"Dog > Travel > Car Seat Covers", ""},
	"seat-belt-tether":         {"Dog > Travel > Car Seat Covers", "dog-harness"},
	"pet-bowl":                 {"Bowls & Feeders > Bowls", ""},
	"pet-fountain":             {"Bowls & Feeders > Water Fountains", ""},
	"fountain-filter":          {"Bowls & Feeders > Water Fountains > Filters", "pet-fountain"},
	"automatic-feeder":         {"Bowls & Feeders > Automatic Feeders", ""},
	"flea-tick":                {"Health & Wellness > Flea & Tick", ""},
	"pet-supplement":           {"Health & Wellness > Supplements", ""},
	"dental-kit":               {"Health & Wellness > Dental Care", ""},
	"pet-carrier":              {"Travel > Carriers", ""},
	"pet-gate":                 {"Doors & Gates > Gates", ""},
	"pet-door":                 {"Doors & Gates > Pet Doors", ""},
	"pet-door-key":             {"Doors & Gates > Pet Doors", "pet-door"},
	"dry-cat-food":             {"Cat > Food > Dry Food", ""},
	"wet-cat-food":             {"Cat > Food > Wet Food", ""},
	"cat-treats":               {"Cat > Treats", ""},
	"cat-litter":               {"Cat > Litter & Boxes > Litter", ""},
	"litter-box":               {"Cat > Litter & Boxes > Litter Boxes", ""},
	"self-cleaning-litter-box": {"Cat > Litter & Boxes > Self-Cleaning Litter Boxes", ""},
	"litter-box-liner":         {"Cat > Litter & Boxes > Liners & Filters", "litter-box"},
	"litter-filter":            {"Cat > Litter & Boxes > Liners & Filters", "litter-box"},
	"litter-tray-refill":       {"Cat > Litter & Boxes > Liners & Filters", "self-cleaning-litter-box"},
	"litter-scoop":             {"Cat > Litter & Boxes > Scoops & Mats", "litter-box"},
	"litter-mat":               {"Cat > Litter & Boxes > Scoops & Mats", "litter-box"},
	"cat-tree":                 {"Cat > Furniture > Cat Trees & Condos", ""},
	"scratching-post":          {"Cat > Furniture > Scratchers", ""},
	"cardboard-scratcher":      {"Cat > Furniture > Scratchers", ""},
	"scratcher-refill":         {"Cat > Furniture > Scratchers", "cardboard-scratcher"},
	"cat-wand-toy":             {"Cat > Toys", ""},
	"wand-refill":              {"Cat > Toys", "cat-wand-toy"},
	"cat-toy":                  {"Cat > Toys", ""},
	"catnip":                   {"Cat > Toys > Catnip", ""},
	"cat-bed":                  {"Cat > Beds", ""},
	"cat-collar":               {"Cat > Collars", ""},
	"aquarium-kit":             {"Fish & Aquatics > Aquariums", ""},
	"aquarium-filter":          {"Fish & Aquatics > Filters", "aquarium-kit"},
	"filter-cartridge":         {"Fish & Aquatics > Filters > Filter Media", "aquarium-filter"},
	"aquarium-heater":          {"Fish & Aquatics > Heaters", "aquarium-kit"},
	"air-pump":                 {"Fish & Aquatics > Air Pumps", "aquarium-kit"},
	"aquarium-light":           {"Fish & Aquatics > Lighting", "aquarium-kit"},
	"fish-food":                {"Fish & Aquatics > Food", ""},
	"water-conditioner":        {"Fish & Aquatics > Water Care", "aquarium-kit"},
	"water-test-kit":           {"Fish & Aquatics > Water Care", "aquarium-kit"},
	"aquarium-gravel":          {"Fish & Aquatics > Decor & Substrate", "aquarium-kit"},
	"gravel-vacuum":            {"Fish & Aquatics > Cleaning", "aquarium-kit"},
	"small-animal-cage":        {"Small Pets > Cages & Habitats", ""},
	"small-animal-bedding":     {"Small Pets > Bedding", "small-animal-cage"},
	"hay":                      {"Small Pets > Food & Hay", ""},
	"small-animal-food":        {"Small Pets > Food & Hay", ""},
	"water-bottle":             {"Small Pets > Bowls & Bottles", "small-animal-cage"},
	"exercise-wheel":           {"Small Pets > Toys & Wheels", "small-animal-cage"},
	"bird-cage":                {"Birds > Cages", ""},
	"bird-seed":                {"Birds > Food", ""},
	"bird-perch":               {"Birds > Perches & Toys", "bird-cage"},
	"terrarium":                {"Reptiles > Terrariums", ""},
	"heat-lamp":                {"Reptiles > Heating & Lighting", "terrarium"},
	"uvb-bulb":                 {"Reptiles > Heating & Lighting", "terrarium"},
	"lamp-dome":                {"Reptiles > Heating & Lighting", "terrarium"},
	"reptile-substrate":        {"Reptiles > Substrate", "terrarium"},
	"reptile-food":             {"Reptiles > Food", ""},
}

// A product: type, brand, title, model (as the maker writes it, "" when the product
// has none a shopper would type), regular price (simple products) or the variations
// ("Size=5 lb:14.99|15 lb:34.99", a second attribute after ";": "Color=Red|Blue",
// prices on the first), a description, tags, and flags: "u" no category, "U"
// Woo's Uncategorized, "s" on sale, "o" out of stock, "n" a "New Arrivals" category
// before its own, "i" a parent without SKU (its variations name it id:N), "h" hidden.
type prod struct {
	typ, brand, name, model, price, desc, tags, flags string
}

var prods = []prod{
	// Dog food.
	{"dry-dog-food", "Purina Pro Plan", "Purina Pro Plan Adult Large Breed Chicken & Rice Formula Dry Dog Food", "", "Size=18 lb:49.98|34 lb:72.98|47 lb:89.98", "High protein dry dog food with real chicken as the first ingredient.\\nGlucosamine for joint health in large breed dogs.", "dog food, kibble, large breed", ""},
	{"dry-dog-food", "Hill's Science Diet", "Hill's Science Diet Adult Sensitive Stomach & Skin Dry Dog Food, Chicken Recipe", "", "Size=4 lb:24.99|15.5 lb:62.99|30 lb:94.99", "Highly digestible kibble for dogs with a sensitive stomach.", "dog food, sensitive", ""},
	{"dry-dog-food", "Royal Canin", "Royal Canin Small Breed Adult Dry Dog Food", "", "Size=2.5 lb:17.99|14 lb:62.99", "Tailored nutrition for small dogs under 22 lb, with a smaller kibble.", "dog food, small breed", "s"},
	{"dry-dog-food", "Blue Buffalo", "Blue Buffalo Life Protection Formula Puppy Chicken & Brown Rice Dry Dog Food", "", "Size=6 lb:21.98|15 lb:45.98|30 lb:69.98", "Puppy food with DHA and LifeSource Bits.", "puppy food, kibble", ""},
	{"dry-dog-food", "Taste of the Wild", "Taste of the Wild High Prairie Grain-Free Dry Dog Food, Roasted Bison & Venison", "", "Size=5 lb:22.99|14 lb:49.99|28 lb:64.99", "Grain free recipe with roasted bison and venison.", "grain free, dog food", ""},
	{"dry-dog-food", "Orijen", "Orijen Original Grain-Free Dry Dog Food 23.5 lb", "", "109.99", "Biologically appropriate dry food with 85% animal ingredients.", "dog food", "u"},
	{"dry-dog-food", "Pedigree", "Pedigree Complete Nutrition Adult Dry Dog Food, Roasted Chicken, Rice & Vegetable 30 lb", "", "32.48", "Complete and balanced nutrition for adult dogs.", "dog food, value", ""},
	{"dry-dog-food", "Purina ONE", "Purina ONE SmartBlend Lamb & Rice Formula Senior 7+ Dry Dog Food 16.5 lb", "", "36.98", "Formulated for dogs aged 7 and over, with real lamb.", "senior dog food", ""},
	{"wet-dog-food", "Purina Pro Plan", "Purina Pro Plan Adult Classic Chicken & Rice Entrée Wet Dog Food, 13 oz Cans (Pack of 12)", "", "31.68", "Pate wet dog food with real chicken.", "canned dog food", ""},
	{"wet-dog-food", "Cesar", "Cesar Classic Loaf in Sauce Wet Dog Food Variety Pack, 3.5 oz Trays (24 Count)", "", "27.99", "Small dog wet food trays in filet mignon, porterhouse and grilled chicken flavours.", "small dog, wet food", ""},
	{"wet-dog-food", "Blue Buffalo", "Blue Buffalo Homestyle Recipe Beef Dinner Wet Dog Food, 12.5 oz Can (Pack of 12)", "", "38.28", "Made with real beef and garden vegetables.", "canned dog food", "o"},
	{"wet-dog-food", "Hill's Science Diet", "Hill's Science Diet Puppy Chicken & Barley Entrée Canned Dog Food 13 oz, 12 Pack", "", "44.99", "Wet food for puppies with DHA from fish oil.", "puppy, canned", "u"},
	{"wet-dog-food", "Freshpet", "Freshpet Vital Complete Meals Grain Free Chicken Recipe Dog Food Roll, 1.75 lb", "", "9.49", "Fresh dog food kept refrigerated; slice and serve.", "fresh dog food", ""},
	// Dog treats and chews.
	{"dog-treats", "Milk-Bone", "Milk-Bone Original Dog Biscuits, Medium, 10 lb Box", "", "17.98", "Crunchy biscuits that help clean teeth.", "dog biscuits, treats", ""},
	{"dog-treats", "Zuke's", "Zuke's Mini Naturals Training Treats Peanut Butter & Oats Recipe, 6 oz", "", "7.99", "Soft, bite-size training treats under 3 calories each.", "training treats", ""},
	{"dog-treats", "Blue Buffalo", "Blue Buffalo Wilderness Trail Treats Chicken Biscuits, Grain-Free 10 oz", "", "8.98", "Crunchy grain-free biscuits.", "dog treats", ""},
	{"dog-treats", "Stewart", "Stewart Freeze-Dried Beef Liver Dog Treats, 14 oz Tub", "", "21.99", "Single ingredient freeze dried liver.", "freeze dried, training", ""},
	{"dog-treats", "Pup-Peroni", "Pup-Peroni Original Beef Flavor Dog Snacks, 22.5 oz", "", "14.98", "Soft and chewy beef sticks.", "dog snacks", "s"},
	{"dog-treats", "Bully Bunches", "Bully Bunches 6 Inch Bully Sticks for Dogs, 10 Pack", "", "24.99", "Long-lasting natural beef chews, odor controlled.", "bully sticks, chews", "u"},
	{"dental-chews", "Greenies", "Greenies Original Regular Size Natural Dental Dog Treats", "", "Size=12 oz (12 ct):15.99|27 oz (27 ct):32.99|36 oz (36 ct):42.99", "Fights tartar and plaque and freshens breath. For dogs 25-50 lb.", "dental chews, teeth", ""},
	{"dental-chews", "Pedigree", "Pedigree Dentastix Large Dog Dental Treats, Original Flavor, 32 Sticks", "", "17.48", "Daily dental chew that reduces tartar build-up.", "dental sticks", ""},
	{"dental-chews", "Whimzees", "Whimzees Natural Grain Free Daily Dental Long Lasting Dog Treats, Toothbrush, Medium, 30 Count", "", "24.99", "Vegetable-based dental chews shaped like a toothbrush.", "dental chews", ""},
	{"dental-chews", "Virbac", "Virbac C.E.T. VeggieDent Fr3sh Tartar Control Chews, Small Dog, 30 Count", "", "22.79", "Vet recommended chews.", "dental, tartar", "u"},
	// Dog toys.
	{"dog-toy", "KONG", "KONG Classic Dog Toy", "", "Size=Small:9.99|Medium:12.99|Large:14.99|X-Large:19.99", "The original durable rubber chew toy. Stuff it with treats or kibble for a long lasting puzzle.", "chew toy, durable", ""},
	{"dog-toy", "KONG", "KONG Extreme Dog Toy, Black", "", "Size=Medium:14.99|Large:17.99|XX-Large:29.99", "For power chewers: the most durable KONG rubber.", "power chewer, chew toy", ""},
	{"dog-toy", "Nylabone", "Nylabone Power Chew Textured Dog Chew Ring Toy, Flavor Medley, Large", "", "11.49", "Long-lasting nylon chew for aggressive chewers.", "chew toy", ""},
	{"dog-toy", "Benebone", "Benebone Wishbone Durable Dog Chew Toy, Real Bacon, Medium", "", "15.99", "Ergonomic wishbone shape easy to hold for chewing.", "chew toy", "s"},
	{"dog-toy", "Outward Hound", "Outward Hound Hide-A-Squirrel Plush Dog Puzzle Toy, Large", "", "19.99", "Squeaky squirrels hide in a plush tree trunk.", "puzzle toy, squeaky, plush", ""},
	{"dog-toy", "Outward Hound", "Outward Hound Nina Ottosson Dog Tornado Interactive Treat Puzzle, Level 2", "", "16.99", "Rotating layers hide treats to keep dogs busy.", "puzzle, interactive, boredom", ""},
	{"dog-toy", "Mammoth", "Mammoth Flossy Chews Cottonblend 3-Knot Rope Tug Toy, Extra Large 36 inch", "", "14.99", "Rope toy for tug of war; flossing action cleans teeth.", "rope toy, tug", "u"},
	{"dog-toy", "ZippyPaws", "ZippyPaws Skinny Peltz No Stuffing Squeaky Plush Dog Toys, Fox, Raccoon & Squirrel, 3 Pack", "", "10.99", "No stuffing means less mess.", "squeaky toy, plush", ""},
	{"dog-toy", "West Paw", "West Paw Zogoflex Hurley Durable Dog Bone Chew Toy, Large", "", "Color=Tangerine:18.95|Aqua Blue:18.95|Granny Smith:18.95", "Floats in water; guaranteed tough.", "chew toy, fetch", ""},
	{"ball-launcher", "Chuckit!", "Chuckit! Classic Ball Launcher Dog Toy 26 inch", "", "12.99", "Throw farther with less effort; picks up balls hands-free. Fits medium size balls.", "fetch, launcher", ""},
	{"ball-launcher", "Chuckit!", "Chuckit! Sport Ball Launcher 25M with Ball", "", "9.99", "Compact launcher with one Chuckit! ball included.", "fetch, launcher", ""},
	{"ball-launcher", "iFetch", "iFetch Too Automatic Ball Launcher for Medium and Large Dogs", "", "199.99", "Throws standard tennis balls 10 to 40 feet; rechargeable.", "automatic, fetch, tennis ball", ""},
	{"ball-launcher", "PetSafe", "PetSafe Automatic Ball Launcher, Adjustable Distance", "", "149.95", "Throws mini and standard tennis balls up to 30 feet.", "automatic ball thrower", "o"},
	{"fetch-ball", "Chuckit!", "Chuckit! Ultra Ball Dog Toy, Medium 2.5 inch, 2 Pack", "", "8.49", "High bounce rubber balls that fit Chuckit! launchers; floats in water.", "balls, fetch", ""},
	{"fetch-ball", "Chuckit!", "Chuckit! Kick Fetch Ball, Large 8 inch", "", "14.99", "Big grippable ball for kicking and fetching.", "ball", ""},
	{"fetch-ball", "KONG", "KONG Squeakair Tennis Balls Dog Toy, Medium, 6 Pack", "", "9.99", "Squeaky tennis balls with a felt that does not wear teeth. Fits most ball launchers.", "tennis balls", ""},
	{"fetch-ball", "iFetch", "iFetch Mini Tennis Balls 1.5 inch, 9 Pack", "", "11.99", "Replacement balls for the iFetch Original launcher.", "mini balls", "u"},
	// Collars, harnesses, leashes.
	{"dog-collar", "Blueberry Pet", "Blueberry Pet Classic Solid Nylon Dog Collar", "", "Size=Small:9.99|Medium:11.99|Large:12.99;Color=Navy|Red|Black", "Adjustable nylon collar with a metal D-ring.", "collar, nylon", ""},
	{"dog-collar", "Ruffwear", "Ruffwear Front Range Dog Collar", "", "Size=S:29.95|M:29.95|L:32.95;Color=Basalt Gray|Blue Pool", "Reflective collar with an aluminium V-ring.", "collar, reflective", ""},
	{"dog-collar", "PetSafe", "PetSafe Martingale Dog Collar, 1 inch, Large, Black", "", "13.95", "Limited-slip collar for dogs that back out of their collar.", "martingale, training", ""},
	{"dog-collar", "Soft Touch", "Soft Touch Collars Genuine Leather Padded Dog Collar, Brown, Medium", "", "34.99", "Hand-made leather collar with a padded lining.", "leather collar", "u"},
	{"dog-harness", "Ruffwear", "Ruffwear Front Range No-Pull Everyday Dog Harness", "", "Size=XS:49.95|S:49.95|M:49.95|L/XL:54.95;Color=Red Sumac|Blue Moon|Twilight Gray", "Two leash attachment points; the front clip discourages pulling.", "harness, no pull, hiking", ""},
	{"dog-harness", "PetSafe", "PetSafe Easy Walk No-Pull Dog Harness", "", "Size=Small:22.95|Medium:24.95|Large:26.95", "Front chest leash attachment steers dogs to the side and stops pulling.", "no pull, harness", ""},
	{"dog-harness", "Kurgo", "Kurgo Tru-Fit Smart Dog Harness with Seatbelt Tether, Crash Tested, Large", "", "39.99", "Car harness tested for crash strength; includes a seat belt tether.", "car harness, travel", ""},
	{"dog-harness", "Rabbitgoo", "rabbitgoo No Pull Dog Harness, Adjustable Reflective Vest, Medium, Black", "", "19.99", "Padded vest harness with a handle.", "harness, vest", "s"},
	{"dog-harness", "Puppia", "Puppia Soft Vest Dog Harness for Small Dogs, Pink, Small", "", "17.50", "Soft mesh step-in harness for toy breeds.", "small dog harness", "U"},
	{"dog-leash", "Flexi", "Flexi New Classic Retractable Dog Leash, Tape", "", "Size=Small 16 ft:21.99|Medium 16 ft:25.99|Large 26 ft:34.99", "One-handed brake and lock; tape lead for dogs up to 110 lb.", "retractable leash", ""},
	{"dog-leash", "Ruffwear", "Ruffwear Front Range Dog Leash 5 ft", "", "Color=Basalt Gray:29.95|Red Sumac:29.95", "Padded handle and a locking carabiner.", "leash, lead", ""},
	{"dog-leash", "Max and Neo", "Max and Neo Double Handle Traffic Dog Leash, Reflective, 6 ft", "", "17.99", "Second handle near the clip for control in traffic.", "leash, reflective", ""},
	{"dog-leash", "Mendota", "Mendota Products Slip Lead, 1/2 inch x 6 ft, Hunter Green", "", "24.99", "Braided rope slip leash made in the USA.", "slip leash", "u"},
	{"dog-leash", "Tuff Mutt", "Tuff Mutt Hands Free Bungee Dog Leash for Running", "", "24.99", "Waist belt leash with a shock-absorbing bungee for jogging.", "hands free, running", ""},
	{"dog-leash", "Kurgo", "Kurgo 30 ft Long Training Dog Leash", "", "21.99", "Long line for recall training.", "long line, training", ""},
	{"gps-tracker", "Tractive", "Tractive GPS Tracker for Dogs, Real-Time Location and Activity", "", "49.99", "Live tracking on your phone; subscription required. Attaches to any collar.", "gps, tracker", ""},
	{"gps-tracker", "Fi", "Fi Series 3 Smart Dog Collar with GPS Tracker", "Series 3", "Size=Small:149.00|Medium:149.00|Large:149.00", "GPS collar with escape alerts and step counts.", "gps collar, smart collar", ""},
	{"gps-tracker", "Frisco", "Pet Tag Holder for AirTag, Silicone, 2 Pack", "", "9.99", "Fits an AirTag onto your pet's collar (AirTag not included).", "airtag holder", "u"},
	// Beds and crates.
	{"dog-bed", "Furhaven", "Furhaven Orthopedic Sofa-Style Dog Bed, Faux Fur & Suede", "", "Size=Medium:39.99|Large:54.99|Jumbo:74.99;Color=Espresso|Gray", "Egg-crate orthopedic foam with bolsters on three sides.", "dog bed, orthopedic", ""},
	{"dog-bed", "Best Friends by Sheri", "Best Friends by Sheri The Original Calming Donut Dog Bed, Shag Fur, Taupe", "", "Size=Small 23 in:39.99|Medium 30 in:54.99|Large 36 in:74.99", "Raised rim and deep cuddle to help anxious dogs relax.", "calming bed, donut", ""},
	{"dog-bed", "Coolaroo", "Coolaroo Elevated Cooling Dog Bed, Brunswick Green, Large", "", "34.99", "Raised mesh cot bed that keeps dogs cool and off the floor.", "cot, elevated, outdoor", ""},
	{"dog-bed", "Big Barker", "Big Barker 7 inch Pillow Top Orthopedic Dog Bed for Large Breeds, XL", "", "239.95", "Therapeutic foam for big dogs with joint pain.", "orthopedic, large breed", "U"},
	{"dog-bed", "K&H Pet Products", "K&H Pet Products Thermo-Bolster Heated Dog Bed, Medium", "", "62.99", "Heated bed with a 4 watt thermostatically controlled heater.", "heated bed", "o"},
	{"dog-crate", "MidWest Homes for Pets", "MidWest iCrate Single Door Folding Metal Dog Crate with Divider Panel", "", "Size=24 inch:39.99|30 inch:49.99|36 inch:64.99|42 inch:79.99|48 inch:99.99", "Fold-flat wire crate with a leak-proof plastic pan and a divider panel for puppies.", "crate, kennel, wire", ""},
	{"dog-crate", "MidWest Homes for Pets", "MidWest Ultima Pro Double Door Heavy Duty Dog Crate, 42 inch", "", "129.99", "Heavy gauge wire with two doors.", "crate, heavy duty", ""},
	{"dog-crate", "Petmate", "Petmate Ultra Vari Kennel Plastic Dog Crate, 36 inch", "", "119.99", "Airline-friendly plastic travel kennel.", "kennel, travel crate", "n"},
	{"dog-crate", "Diggs", "Diggs Revol Collapsible Dog Crate, Medium, Charcoal", "", "295.00", "Collapses in seconds with a garage-style door.", "crate, collapsible", ""},
	{"dog-crate", "Frisco", "Frisco Furniture Style Wooden Dog Crate End Table, Large", "", "179.99", "Doubles as an end table in the living room.", "crate furniture", "u"},
	{"crate-pad", "MidWest Homes for Pets", "MidWest Quiet Time Fleece Crate Mat", "", "Size=24 inch:12.99|30 inch:15.99|36 inch:19.99|42 inch:24.99|48 inch:29.99", "Fits MidWest and other wire crates of the same length; machine washable.", "crate mat, crate bed", ""},
	{"crate-pad", "K&H Pet Products", "K&H Pet Products Ortho Crate Pad, 42 inch", "", "54.99", "Orthopedic foam pad made to fit dog crates.", "crate pad", ""},
	{"crate-pad", "Bedsure", "Bedsure Waterproof Dog Crate Pad, Washable Kennel Mat, 36 inch", "", "22.99", "Non-slip bottom and a waterproof cover.", "crate bed, waterproof", "s"},
	{"crate-cover", "MidWest Homes for Pets", "MidWest Quiet Time Defender Dog Crate Cover, Privacy Cover for Wire Crates", "", "Size=30 inch:29.99|36 inch:34.99|42 inch:39.99", "Breathable polyester cover that fits over wire dog crates.", "crate cover", ""},
	{"crate-cover", "Petsfit", "Petsfit Double Door Dog Crate Cover 42 inch, Gray", "", "27.99", "Windows roll up on two sides.", "kennel cover", "u"},
	// Waste and training.
	{"poop-bags", "Earth Rated", "Earth Rated Dog Poop Bags, Lavender Scented, 270 Bags on 18 Refill Rolls", "", "14.99", "Thick, leak-proof waste bags. Refill rolls fit most dispensers.", "poop bags, waste bags, refill rolls", ""},
	{"poop-bags", "Earth Rated", "Earth Rated Dog Poop Bags, Unscented, 900 Bags on 60 Rolls", "", "39.99", "Value pack of refill rolls; fits most dispensers.", "waste bags, refill rolls", ""},
	{"poop-bags", "Frisco", "Frisco Dog Waste Bags with Handles, 200 Count", "", "9.99", "Tie handle bags for easy knotting.", "waste bags", ""},
	{"poop-bags", "BioBag", "BioBag Compostable Pet Waste Bags, 50 Count", "", "8.49", "Certified compostable.", "compostable, eco", "u"},
	{"poop-bag-dispenser", "Earth Rated", "Earth Rated Poop Bag Dispenser with 15 Bags, Leash Clip, Purple", "", "6.99", "Clips to any leash; holds one refill roll.", "bag holder, dispenser", ""},
	{"poop-bag-dispenser", "Kurgo", "Kurgo Waste Bag Dispenser Zippered Pouch, Black", "", "9.99", "Zippered dispenser with a key ring and room for treats.", "bag dispenser", ""},
	{"puppy-pads", "Amazon Basics", "Amazon Basics Dog and Puppy Potty Training Pads, Leak-Proof 5-Layer, Regular 22 x 22 inch, 100 Count", "", "24.99", "Quick-dry surface turns liquid to gel.", "puppy pads, pee pads, training pads", "U"},
	{"puppy-pads", "Four Paws", "Four Paws Wee-Wee Superior Performance Dog Pee Pads", "", "Size=22 x 23 in, 50 ct:19.99|22 x 23 in, 100 ct:34.99|28 x 34 in XL, 30 ct:24.99", "Attractant helps puppies learn where to go.", "wee wee pads, potty training", ""},
	{"puppy-pads", "Fresh Patch", "Fresh Patch Disposable Real Grass Dog Potty, Large", "", "49.99", "Real hydroponic grass patch for apartment dogs; replace every 1-3 weeks.", "grass pad, potty", "o"},
	{"pad-holder", "Four Paws", "Four Paws Wee-Wee Pad Holder for Standard Pads, Gray", "", "19.99", "Keeps training pads flat and in place; fits 22 x 23 inch pads.", "pad holder, tray", ""},
	{"pad-holder", "PetSafe", "PetSafe Piddle Place Pad Tray with Synthetic Grass, Indoor Dog Potty", "", "59.95", "Indoor potty tray; uses standard puppy pads underneath.", "potty tray", ""},
	// Grooming.
	{"dog-shampoo", "Earthbath", "Earthbath Oatmeal & Aloe Dog Shampoo, Fragrance Free, 16 oz", "", "11.99", "Soap-free shampoo for dry, itchy skin.", "shampoo, itchy skin", ""},
	{"dog-shampoo", "Burt's Bees", "Burt's Bees for Dogs Tearless Puppy Shampoo with Buttermilk, 16 oz", "", "7.99", "pH balanced for puppies.", "puppy shampoo", ""},
	{"dog-shampoo", "TropiClean", "TropiClean Berry & Coconut Deep Cleaning Shampoo for Pets, 20 oz", "", "12.99", "Cleans dirty coats; for dogs, cats and puppies.", "shampoo", "s"},
	{"dog-shampoo", "Veterinary Formula", "Veterinary Formula Clinical Care Antiseptic & Antifungal Medicated Shampoo, 16 oz", "", "14.49", "Medicated shampoo for hot spots and skin infections.", "medicated, hot spots", "u"},
	{"dog-shampoo", "Wahl", "Wahl Waterless No Rinse Shampoo for Dogs, Lavender, 24 oz", "", "10.99", "Dry shampoo foam for between baths.", "no rinse, dry shampoo", ""},
	{"pet-brush", "FURminator", "FURminator Undercoat deShedding Tool for Dogs", "", "Size=Small:34.99|Medium:39.99|Large:44.99;Hair=Short Hair|Long Hair", "Removes loose undercoat to reduce shedding up to 90%.", "deshedding, brush, shedding", ""},
	{"pet-brush", "Hertzko", "Hertzko Self-Cleaning Slicker Brush for Dogs and Cats", "", "15.99", "Retractable bristles; press the button to release the hair.", "slicker brush", ""},
	{"pet-brush", "Safari", "Safari Dog Shedding Blade with Double-Sided Steel", "", "8.79", "Loop blade for short and medium coats.", "shedding blade", ""},
	{"pet-brush", "Chris Christensen", "Chris Christensen Oval Pin Brush 27mm for Long Coats", "", "44.00", "Professional pin brush for long-haired breeds.", "pin brush", "u"},
	{"pet-brush", "FURminator", "FURminator deShedding Tool for Cats, Long Hair, Large", "", "39.99", "Cat deshedding tool that reduces hairballs.", "cat brush, hairballs", ""},
	{"nail-clippers", "Safari", "Safari Professional Stainless Steel Nail Trimmer for Dogs, Large", "", "12.49", "Sharp steel blades with a safety stop.", "nail clippers, nail trimmer", ""},
	{"nail-clippers", "Dremel", "Dremel 7760-PGK 4V Cordless Pet Nail Grooming Kit", "7760-PGK", "69.99", "Rechargeable rotary nail grinder with a nail guard.", "nail grinder", ""},
	{"nail-clippers", "Casfuy", "Casfuy Dog Nail Grinder Upgraded, 2-Speed Quiet, Rechargeable", "", "29.99", "Quiet grinder for anxious dogs.", "nail grinder", "s"},
	{"nail-clippers", "Kwik Stop", "Kwik Stop Styptic Powder with Benzocaine, 0.5 oz", "", "8.99", "Stops bleeding from a nail trimmed too short.", "styptic", "u"},
	// Apparel.
	{"dog-coat", "Ruffwear", "Ruffwear Sun Shower Waterproof Dog Rain Jacket", "", "Size=XS:64.95|S:64.95|M:69.95|L:69.95;Color=Red Sumac|Blue Dusk", "Waterproof, breathable rain jacket with a leash portal.", "raincoat, rain jacket", ""},
	{"dog-coat", "Kurgo", "Kurgo Loft Reversible Dog Jacket, Winter Coat", "", "Size=S:54.95|M:59.95|L:64.95", "Insulated reversible winter coat, water resistant.", "winter coat, puffer", ""},
	{"dog-coat", "Canada Pooch", "Canada Pooch Torrential Tracker Dog Raincoat, Yellow, Size 16", "", "44.99", "Reflective raincoat with a full belly cover.", "raincoat", "o"},
	{"dog-coat", "Gooby", "Gooby Fleece Vest Dog Sweater, Step-In, Small, Pink", "", "16.99", "Soft fleece vest with a leash ring for small dogs.", "fleece vest", "u"},
	{"dog-sweater", "Blueberry Pet", "Blueberry Pet Cable Knit Dog Sweater, Turtleneck, Warm Pullover", "", "Size=10 inch:19.99|14 inch:22.99|18 inch:24.99;Color=Navy|Cranberry", "Classic cable knit jumper for cold walks.", "dog jumper, knit", "i"},
	{"dog-sweater", "Frisco", "Frisco Holiday Fair Isle Dog & Cat Sweater, Medium", "", "14.99", "Festive knit sweater.", "christmas sweater", "s"},
	// Travel.
	{"dog-seat-cover", "Kurgo", "Kurgo Wander Dog Car Seat Cover for Back Seat, Waterproof, Charcoal", "", "69.99", "Hammock-style back seat cover with seat belt openings.", "car seat cover, hammock", ""},
	{"dog-seat-cover", "Active Pets", "Active Pets Dog Back Seat Cover Protector, Waterproof Scratchproof, Standard", "", "39.99", "Non-slip hammock for cars, trucks and SUVs.", "seat cover", ""},
	{"dog-seat-cover", "4Knines", "4Knines Dog Cargo Liner for SUV, Black, Large", "", "89.99", "Covers the cargo area and bumper.", "cargo liner", "u"},
	{"seat-belt-tether", "Kurgo", "Kurgo Direct to Seatbelt Tether for Dogs", "", "14.99", "Clips to your dog's harness and the car's seat belt buckle.", "seat belt, car", ""},
	{"seat-belt-tether", "Mighty Paw", "Mighty Paw Dog Seat Belt, Adjustable Headrest Restraint", "", "12.99", "Attaches to a harness; loops around the headrest.", "seat belt", ""},
	{"pet-carrier", "Sherpa", "Sherpa Original Deluxe Airline Approved Pet Carrier, Medium, Black", "", "64.99", "Soft-sided carrier that fits under most airline seats.", "carrier, airline approved", ""},
	{"pet-carrier", "Petmate", "Petmate Two Door Top Load Pet Kennel, 19 inch, for Cats and Small Dogs", "", "39.99", "Hard plastic carrier with a top door for easy vet visits.", "cat carrier, kennel", ""},
	{"pet-carrier", "Pet Gear", "Pet Gear No-Zip Happy Trails Pet Stroller for Cats and Dogs up to 30 lb", "", "119.99", "Pushbutton zipperless entry; storage basket.", "stroller", "u"},
	{"pet-carrier", "Mr. Peanut's", "Mr. Peanut's Expandable Cat Carrier Backpack, Gold Series", "", "Color=Black:49.99|Gray:49.99", "Backpack carrier with mesh windows and an expandable rear.", "backpack carrier", "n"},
	// Bowls and feeders.
	{"pet-bowl", "Frisco", "Frisco Stainless Steel Dog & Cat Bowl, 2 Cup", "", "Size=1 Cup:4.99|2 Cup:5.99|4 Cup:7.99|8 Cup:10.99", "Dishwasher-safe stainless bowl with a rubber base.", "dog bowl, cat bowl", "i"},
	{"pet-bowl", "Outward Hound", "Outward Hound Fun Feeder Slo Bowl, Slow Feeder Dog Bowl, Medium, Blue", "", "12.99", "Ridges slow fast eaters down by up to 10 times.", "slow feeder", ""},
	{"pet-bowl", "Neater Pets", "Neater Feeder Deluxe Elevated Dog Bowls with Mess-Proof Tray, Large", "", "54.99", "Raised feeder that catches spills and overflow water.", "raised bowls, elevated feeder", ""},
	{"pet-bowl", "Necoichi", "Necoichi Raised Cat Food Bowl, Ceramic, White", "", "16.50", "Tilted, elevated ceramic bowl for cats; whisker-friendly.", "cat bowl, raised", "u"},
	{"pet-bowl", "Kurgo", "Kurgo Collaps-A-Bowl Collapsible Travel Dog Bowl", "", "Color=Blue:9.99|Coral:9.99", "Folds flat for walks and hikes; carabiner included.", "travel bowl, collapsible", ""},
	{"pet-fountain", "Catit", "Catit Flower Fountain, 3 L", "43711", "29.99", "Cat drinking fountain with three flow settings. Uses Catit Triple Action filter cartridges.", "water fountain, cat fountain", ""},
	{"pet-fountain", "Catit", "Catit PIXI Smart Fountain, Stainless Steel Top, 2.5 L", "43755", "64.99", "App-controlled fountain with a stainless top. Uses Catit PIXI filters.", "smart fountain", ""},
	{"pet-fountain", "PetSafe", "PetSafe Drinkwell 360 Stainless Steel Pet Fountain, 128 oz", "PWW00-13553", "69.95", "Five free-falling streams for cats and dogs. Uses Drinkwell carbon filters.", "water fountain, stainless", ""},
	{"pet-fountain", "PetSafe", "PetSafe Drinkwell Platinum Pet Fountain, 168 oz", "PWW00-13706", "49.95", "Free-falling stream; adjustable flow. Uses Drinkwell charcoal filters and foam filters.", "water fountain", "s"},
	{"pet-fountain", "Veken", "Veken Pet Fountain 84 oz Automatic Cat Water Fountain with 3 Filters", "", "25.99", "Quiet pump, three replacement filters included.", "water fountain", "u"},
	{"fountain-filter", "Catit", "Catit Triple Action Fountain Filter Cartridges, 5 Pack", "43745", "14.99", "Replacement filters for the Catit Flower Fountain: softens water and removes impurities.", "fountain filter, replacement", ""},
	{"fountain-filter", "Catit", "Catit PIXI Fountain Replacement Filters, 3 Pack", "43721", "13.99", "Replacement cartridges for the Catit PIXI fountains.", "fountain filter", ""},
	{"fountain-filter", "PetSafe", "PetSafe Drinkwell Replacement Carbon Filters, 3 Pack", "PAC00-13711", "9.95", "Fits Drinkwell Original, Platinum and 360 fountains; replace every 2-4 weeks.", "charcoal filter, fountain filter", ""},
	{"fountain-filter", "PetSafe", "PetSafe Drinkwell Replacement Foam Filters, 2 Pack", "", "7.95", "Pre-filter foam that catches hair and debris.", "foam filter", ""},
	{"fountain-filter", "Veken", "Veken Replacement Filters for 84 oz Pet Fountain, 8 Pack", "", "12.99", "Fits Veken 84 oz and 95 oz fountains.", "replacement filters", "u"},
	{"automatic-feeder", "PetSafe", "PetSafe Smart Feed Automatic Dog and Cat Feeder, Wi-Fi, 24 Cups", "PFD00-16107", "179.95", "Schedule up to 12 meals from your phone.", "automatic feeder, timed feeder", ""},
	{"automatic-feeder", "WOPET", "WOPET Automatic Cat Feeder with Timer, 7L, Voice Recorder", "", "69.99", "Dispenses dry food up to four times a day.", "cat feeder, timer", ""},
	{"automatic-feeder", "Petlibro", "PETLIBRO Granary Automatic Cat Feeder, Stainless Steel Bowl, 5L", "PLAF103", "59.99", "Programmable portions with a desiccant bag for freshness.", "automatic feeder", "s"},
	{"automatic-feeder", "SureFeed", "SureFeed Microchip Pet Feeder Connect", "", "199.99", "Opens only for the pet whose microchip it knows: stops food stealing between pets.", "microchip feeder", "o"},
	// Health.
	{"flea-tick", "Seresto", "Seresto Flea and Tick Collar for Large Dogs over 18 lb, 8-Month Protection", "", "62.98", "One collar protects against fleas and ticks for 8 months.", "flea collar, tick", ""},
	{"flea-tick", "Seresto", "Seresto Flea and Tick Collar for Cats, 8-Month Protection", "", "59.98", "Odorless, non-greasy collar for cats.", "flea collar, cats", ""},
	{"flea-tick", "Frontline", "Frontline Plus Flea and Tick Treatment for Dogs", "", "Size=Small 5-22 lb, 3 Doses:49.99|Medium 23-44 lb, 3 Doses:52.99|Large 45-88 lb, 3 Doses:54.99", "Monthly topical; kills fleas, eggs, larvae and ticks.", "flea treatment, spot on", ""},
	{"flea-tick", "Advantage", "Advantage II Flea Prevention for Large Cats over 9 lb, 6 Doses", "", "73.99", "Monthly topical flea treatment for cats.", "flea drops", "u"},
	{"flea-tick", "Adams", "Adams Plus Flea & Tick Indoor Fogger, 3 Pack", "", "18.99", "Kills fleas in the home for up to 7 months.", "fogger, home", ""},
	{"flea-tick", "Hartz", "Hartz UltraGuard Flea & Tick Comb for Dogs and Cats", "", "4.29", "Fine-toothed comb to find and remove fleas.", "flea comb", ""},
	{"pet-supplement", "Zesty Paws", "Zesty Paws Mobility Bites Hip & Joint Supplement for Dogs, Duck Flavor, 90 Count", "", "26.97", "Glucosamine, chondroitin and MSM soft chews for joint support.", "joint supplement, hip", ""},
	{"pet-supplement", "Purina Pro Plan Veterinary Diets", "Purina FortiFlora Probiotic Supplement for Dogs, 30 Sachets", "", "33.99", "Probiotic powder sprinkled on food for digestive health.", "probiotic, diarrhea", ""},
	{"pet-supplement", "Nutramax", "Nutramax Cosequin Maximum Strength Joint Health Supplement for Dogs, 132 Chewable Tablets", "", "42.99", "Glucosamine and chondroitin for senior dogs.", "joint supplement", "s"},
	{"pet-supplement", "VetriScience", "VetriScience Composure Calming Chews for Dogs, Chicken Liver, 60 Count", "", "23.95", "Supports relaxation during fireworks, storms and travel.", "calming, anxiety", ""},
	{"pet-supplement", "Grizzly", "Grizzly Salmon Oil Omega-3 for Dogs and Cats, 32 oz", "", "29.99", "Wild Alaskan salmon oil pump for a shiny coat.", "fish oil, omega 3, coat", "u"},
	{"pet-supplement", "Vetoquinol", "Vetoquinol Laxatone Hairball Remedy Gel for Cats, Tuna Flavor, 4.25 oz", "", "11.49", "Lubricant gel that helps hairballs pass.", "hairball, cats", ""},
	{"dental-kit", "Virbac", "Virbac C.E.T. Enzymatic Toothpaste for Dogs and Cats, Poultry Flavor, 2.5 oz", "", "11.99", "Enzymatic pet toothpaste; no foaming, safe to swallow.", "toothpaste", ""},
	{"dental-kit", "Petsmile", "Petsmile Professional Pet Toothpaste Kit with Brush, London Broil", "", "24.99", "VOHC accepted toothpaste with a dual-head toothbrush.", "toothbrush, toothpaste", ""},
	{"dental-kit", "TropiClean", "TropiClean Fresh Breath Water Additive for Dogs, 33.8 oz", "", "14.99", "Add to the water bowl daily to fight plaque and bad breath.", "water additive, breath", ""},
	{"dental-kit", "Arm & Hammer", "Arm & Hammer for Pets Dental Fingerbrush Kit for Dogs", "", "6.49", "Finger brushes and baking soda toothpaste.", "finger brush", "u"},
	// Doors and gates.
	{"pet-gate", "Regalo", "Regalo Easy Step Extra Tall Walk Through Pet Gate, 29-39 inch", "", "44.99", "Pressure mounted gate for doorways and stairs, with a walk-through door.", "dog gate, baby gate, stairs", ""},
	{"pet-gate", "Carlson", "Carlson Extra Wide Walk Through Pet Gate with Small Pet Door", "", "59.99", "Small cat door lets cats through while keeping dogs out.", "gate with cat door", ""},
	{"pet-gate", "MidWest Homes for Pets", "MidWest Exercise Pen, 8 Panels, 36 inch High, with Door", "", "Size=24 inch:59.99|30 inch:69.99|36 inch:79.99|42 inch:94.99", "Foldable metal playpen for puppies, indoors or out.", "playpen, exercise pen, puppy pen", ""},
	{"pet-gate", "Richell", "Richell Freestanding Wooden Pet Gate, 4 Panel, Autumn Matte", "", "109.99", "No mounting needed; folds for storage.", "freestanding gate", "u"},
	{"pet-door", "PetSafe", "PetSafe Freedom Aluminum Pet Door, Medium", "PPA00-10859", "79.95", "Dog door for interior and exterior doors, with a slide-in closing panel.", "dog door, doggy door", ""},
	{"pet-door", "SureFlap", "SureFlap Microchip Cat Flap, White", "", "149.99", "Reads your cat's microchip and keeps neighbourhood cats out. Also works with a SureFlap RFID collar tag.", "cat flap, cat door, microchip", ""},
	{"pet-door", "Cat Mate", "Cat Mate 4-Way Locking Cat Flap, Brown", "235", "29.99", "Manual cat flap with four locking positions.", "cat flap", "s"},
	{"pet-door", "Ideal Pet Products", "Ideal Pet Products Patio Pet Door Insert for Sliding Glass Doors, Medium", "", "189.99", "Fits in a sliding glass door track: no cutting.", "sliding door, dog door", "u"},
	{"pet-door-key", "SureFlap", "SureFlap RFID Collar Tag, 2 Pack", "", "19.99", "For cats without a microchip: opens SureFlap cat flaps and SureFeed feeders.", "collar tag, rfid", ""},
	{"pet-door-key", "PetSafe", "PetSafe SmartDoor Replacement Smart Key", "", "24.95", "Collar key for PetSafe Electronic SmartDoor pet doors.", "smart key", ""},
	// Cat food and treats.
	{"dry-cat-food", "Purina Cat Chow", "Purina Cat Chow Complete Dry Cat Food, Chicken", "", "Size=3.15 lb:8.98|15 lb:21.98|20 lb:25.48", "Complete and balanced dry food for adult cats.", "cat food, kibble", ""},
	{"dry-cat-food", "Hill's Science Diet", "Hill's Science Diet Adult Indoor Dry Cat Food, Chicken Recipe", "", "Size=3.5 lb:24.99|7 lb:42.99|15.5 lb:72.99", "Natural fibre for hairball control in indoor cats.", "indoor cat, hairball", ""},
	{"dry-cat-food", "Blue Buffalo", "Blue Buffalo Wilderness High Protein Grain Free Kitten Dry Cat Food, Chicken, 5 lb", "", "27.98", "Grain free kitten food with DHA.", "kitten food", ""},
	{"dry-cat-food", "Royal Canin", "Royal Canin Feline Health Nutrition Indoor Adult Dry Cat Food, 15 lb", "", "71.99", "Helps reduce stool odor in indoor cats.", "cat food", "o"},
	{"dry-cat-food", "Iams", "IAMS ProActive Health Adult Urinary Tract Health Dry Cat Food with Chicken, 7 lb", "", "19.98", "Supports a healthy urinary tract.", "urinary, cat food", "u"},
	{"wet-cat-food", "Fancy Feast", "Purina Fancy Feast Gravy Lovers Poultry & Beef Feast Variety Pack Wet Cat Food, 3 oz Cans (24 Count)", "", "24.48", "Tender morsels in rich gravy.", "canned cat food, variety pack", ""},
	{"wet-cat-food", "Friskies", "Purina Friskies Pate Wet Cat Food Variety Pack, 5.5 oz Cans (32 Count)", "", "29.98", "Pate in classic flavours.", "pate, canned", ""},
	{"wet-cat-food", "Sheba", "Sheba Perfect Portions Cuts in Gravy Wet Cat Food Trays, Salmon & Tuna, 2.6 oz (24 Twin-Packs)", "", "29.99", "Snap-apart portions with no leftovers.", "wet cat food", "s"},
	{"wet-cat-food", "Weruva", "Weruva Paw Lickin' Chicken in Gravy Grain Free Canned Cat Food, 3 oz (24 Count)", "", "38.16", "Shredded chicken breast in gravy.", "canned, grain free", "u"},
	{"wet-cat-food", "Tiki Cat", "Tiki Cat After Dark Chicken & Quail Egg Wet Cat Food, 2.8 oz Cans, 12 Pack", "", "23.88", "Pate with organ meats for a high protein diet.", "wet cat food", ""},
	{"cat-treats", "Temptations", "Temptations Classic Crunchy and Soft Cat Treats, Tasty Chicken Flavor, 16 oz Tub", "", "12.98", "Crunchy outside, soft inside. Shake the tub and they come running.", "cat treats", ""},
	{"cat-treats", "Inaba", "INABA Churu Lickable Purée Cat Treats, Tuna Variety, 0.5 oz Tubes (50 Count)", "", "29.99", "Hand-feed squeeze tubes of creamy purée.", "lickable treats, puree", ""},
	{"cat-treats", "Greenies", "Greenies Feline Natural Dental Cat Treats, Oven Roasted Chicken, 5.5 oz", "", "7.48", "Crunchy texture cleans teeth.", "dental cat treats", ""},
	{"cat-treats", "PureBites", "PureBites Freeze-Dried Chicken Breast Cat Treats, 1.09 oz", "", "6.99", "One ingredient treats.", "freeze dried", "u"},
	// Litter and boxes.
	{"cat-litter", "Tidy Cats", "Purina Tidy Cats Clumping Multi-Cat Cat Litter, 24/7 Performance", "", "Size=20 lb:15.98|35 lb:22.48|40 lb:24.98", "Clumping clay litter with long lasting odor control.", "cat litter, clumping, clay", ""},
	{"cat-litter", "Fresh Step", "Fresh Step Clean Paws Clumping Cat Litter, Unscented, 22.5 lb", "", "19.97", "Low tracking litter with less dust.", "clumping litter, low tracking", ""},
	{"cat-litter", "Dr. Elsey's", "Dr. Elsey's Precious Cat Ultra Unscented Clumping Clay Cat Litter, 40 lb", "", "22.99", "99.9% dust free, hard clumping.", "clay litter, unscented", ""},
	{"cat-litter", "PrettyLitter", "PrettyLitter Health Monitoring Silica Crystal Cat Litter, 8 lb Bag", "", "24.00", "Crystals change colour to flag possible health issues.", "crystal litter, silica", "u"},
	{"cat-litter", "Feline Pine", "Feline Pine Original Pine Pellet Cat Litter, 20 lb", "", "15.99", "Natural pine pellets that absorb odors.", "pine litter, pellets", ""},
	{"cat-litter", "Mighty Mix", "Mighty Mix Tofu Clumping Cat Litter, Green Tea, 6 L", "", "13.99", "Flushable tofu litter made from soybean fibre.", "tofu litter, flushable", "U"},
	{"cat-litter", "World's Best Cat Litter", "World's Best Cat Litter Multiple Cat Clumping Corn Litter, 28 lb", "", "37.99", "Plant-based clumping litter made from corn.", "corn litter", "s"},
	{"litter-box", "Petmate", "Petmate Booda Dome Clean Step Covered Cat Litter Box, Mouse Grey", "", "49.99", "Hooded litter box with steps that wipe litter off paws.", "covered litter box, hooded", ""},
	{"litter-box", "Frisco", "Frisco High Sided Open Cat Litter Box, Jumbo, Gray", "", "22.99", "High sides keep litter inside; easy entry in front.", "litter box, large", ""},
	{"litter-box", "Modkat", "Modkat Flip Litter Box with Scoop and Reusable Liner, Top Entry", "", "Color=White:99.99|Gray:99.99", "Top, front or open entry; comes with a reusable liner and a scoop.", "top entry litter box", ""},
	{"litter-box", "IRIS USA", "IRIS USA Top Entry Cat Litter Box with Scoop, Round, Blue", "", "31.99", "Grooved lid catches litter from paws.", "top entry", "u"},
	{"litter-box", "Nature's Miracle", "Nature's Miracle Disposable Litter Box Trays, 3 Pack", "", "9.99", "Disposable boxes for travel and kittens.", "disposable litter box", ""},
	{"self-cleaning-litter-box", "Whisker", "Litter-Robot 4 Automatic Self-Cleaning Litter Box by Whisker", "Litter-Robot 4", "699.00", "Sifts waste into a sealed drawer after every use; app alerts when the drawer is full. Uses standard clumping litter.", "self cleaning, automatic litter box", ""},
	{"self-cleaning-litter-box", "Whisker", "Litter-Robot 3 Connect Self-Cleaning Litter Box, Gray", "Litter-Robot 3 Connect", "549.00", "Wi-Fi connected automatic litter box.", "automatic", "o"},
	{"self-cleaning-litter-box", "PetSafe", "PetSafe ScoopFree Ultra Self-Cleaning Cat Litter Box, Taupe", "PAL00-13726", "189.95", "Rake sweeps waste into a covered trap; uses disposable crystal litter trays.", "self cleaning litter box", ""},
	{"self-cleaning-litter-box", "CATLINK", "CATLINK Scooper Pro-X Self Cleaning Cat Litter Box", "", "399.99", "Rotating drum with app control and weight sensors.", "automatic litter box", "n"},
	{"litter-box-liner", "Van Ness", "Van Ness Litter Box Liners with Drawstring, Large, 10 Count", "", "5.99", "Heavy duty liners that fit standard and large pans.", "liners, litter pan liners", ""},
	{"litter-box-liner", "Jonny Cat", "Jonny Cat Litter Box Liners, Jumbo, 5 Count", "", "4.49", "Tear resistant liners with drawstring ties.", "litter liners", "u"},
	{"litter-box-liner", "Whisker", "Litter-Robot Waste Drawer Liners, 50 Count", "", "19.99", "Custom-fit liners for the Litter-Robot 3 and 4 waste drawer.", "drawer liners", ""},
	{"litter-filter", "Whisker", "Litter-Robot 4 Carbon Filters, 3 Pack", "", "14.99", "Replacement carbon filters for the Litter-Robot 4 waste drawer.", "carbon filter, odor", ""},
	{"litter-filter", "Petmate", "Petmate Zeolite Air Filter for Covered Litter Pans, 2 Pack", "", "6.99", "Clips inside hooded litter boxes to absorb odor.", "charcoal filter, hooded box", ""},
	{"litter-tray-refill", "PetSafe", "PetSafe ScoopFree Crystal Litter Tray Refills, Lavender, 3 Pack", "", "59.95", "Disposable trays pre-filled with crystal litter for ScoopFree boxes.", "refills, crystal trays", ""},
	{"litter-tray-refill", "PetSafe", "PetSafe ScoopFree Premium Unscented Crystal Litter Trays, 6 Pack", "", "109.95", "Lasts up to 30 days per tray for one cat.", "refill trays", "s"},
	{"litter-scoop", "iPrimio", "iPrimio Cat Litter Scoop, Deep Shovel with Long Handle, Aluminum", "", "19.99", "Non-stick scoop with deep sides.", "scoop", ""},
	{"litter-scoop", "Petmate", "Petmate Arm & Hammer Litter Scoop with Microban, Jumbo", "", "5.99", "Antimicrobial plastic scoop.", "litter scooper", "u"},
	{"litter-mat", "Gorilla Grip", "Gorilla Grip Honeycomb Cat Litter Mat, Waterproof, 35 x 23 inch, Gray", "", "27.99", "Traps litter from paws; honeycomb layers.", "litter mat, trapper", ""},
	{"litter-mat", "iPrimio", "iPrimio Cat Litter Trapper Mat, XL", "", "Color=Gray:29.99|Beige:29.99", "Catches tracked litter; shake it back into the box.", "litter trapper mat", ""},
	// Cat furniture and toys.
	{"cat-tree", "Frisco", "Frisco 72 inch Cat Tree with Condo, Hammock & Sisal Posts, Gray", "", "129.99", "Multi-level cat tower with a condo, perches and sisal scratching posts.", "cat tower, condo", ""},
	{"cat-tree", "Go Pet Club", "Go Pet Club 62 inch Cat Tree Condo Furniture, Beige", "", "79.99", "Tall cat tree for multiple cats.", "cat condo", ""},
	{"cat-tree", "Armarkat", "Armarkat Classic Cat Tree Model A7202, 72 inch, Ivory", "A7202", "139.99", "Pressed wood and faux fleece with sisal posts.", "cat tree", "s"},
	{"cat-tree", "FEANDREA", "FEANDREA Small Cat Tree, 34 inch Cat Tower for Indoor Cats, Light Gray", "PCT15W", "39.99", "Compact tower with a plush perch for kittens and small spaces.", "cat tower", "u"},
	{"cat-tree", "Catit", "Catit Vesper High Base, Walnut", "", "119.99", "Modern cat furniture with a cube hideaway.", "cat furniture", ""},
	{"scratching-post", "SmartyKat", "SmartyKat Scratch Up Sisal Cat Scratching Post, 32 inch", "", "34.99", "Tall, sturdy sisal post so cats can stretch out.", "scratching post, sisal", ""},
	{"scratching-post", "Pioneer Pet", "Pioneer Pet SmartCat Ultimate Scratching Post, 32 inch, Beige", "", "64.99", "Heavy base, won't tip over.", "scratching post", ""},
	{"scratching-post", "Frisco", "Frisco 20 inch Sisal Cat Scratching Post with Toy, Gray", "", "15.99", "Small scratching post with a dangling toy.", "scratcher", "u"},
	{"cardboard-scratcher", "PetFusion", "PetFusion Ultimate Cat Scratcher Lounge, Large", "", "39.95", "Curved corrugated cardboard lounge that doubles as a bed.", "cardboard scratcher, lounge", ""},
	{"cardboard-scratcher", "Catit", "Catit Scratcher Wave with Catnip, Large", "", "17.99", "Reversible corrugated scratcher with catnip included.", "cardboard scratcher", ""},
	{"cardboard-scratcher", "SmartyKat", "SmartyKat Super Scratcher Double Wide Corrugate Cat Scratcher", "", "12.99", "Double wide scratch pad with catnip.", "scratch pad", ""},
	{"scratcher-refill", "Catit", "Catit Scratcher Wave Replacement Cardboard, 2 Pack", "", "11.99", "Replacement inserts for the Catit Scratcher Wave.", "refill, replacement cardboard", ""},
	{"scratcher-refill", "PetFusion", "PetFusion Replacement Scratch Pads for Ultimate Lounge", "", "19.95", "Refill pads for the PetFusion lounge.", "refill pads", "u"},
	{"cat-wand-toy", "Go Cat", "Go Cat Da Bird Original Feather Teaser Wand Cat Toy", "", "9.99", "Feathers spin like a bird in flight; the classic interactive cat toy.", "wand toy, feather teaser", ""},
	{"cat-wand-toy", "SmartyKat", "SmartyKat Hot Pursuit Electronic Concealed Motion Cat Toy", "", "21.99", "Motorised wand hides under a cover.", "electronic cat toy", ""},
	{"cat-wand-toy", "Petstages", "Petstages Cat Catch Me Wand Toy with Bird, 2 Pack", "", "8.99", "Teaser wands with feathered birds.", "teaser", "u"},
	{"wand-refill", "Go Cat", "Go Cat Da Bird Feather Refills, 3 Pack", "", "8.99", "Replacement feather birds for Da Bird wands.", "feather refill", ""},
	{"wand-refill", "Go Cat", "Go Cat Cat Catcher Mouse Refills, 2 Pack", "", "6.49", "Replacement mice for Cat Catcher wands.", "refill", ""},
	{"cat-toy", "SmartyKat", "SmartyKat Skitter Critters Catnip Mice, 3 Pack", "", "3.49", "Classic catnip-filled mouse toys.", "catnip mice, toy mice", ""},
	{"cat-toy", "Petstages", "Petstages Tower of Tracks Interactive 3-Tier Cat Toy", "", "13.99", "Balls roll around three tracks.", "ball track", ""},
	{"cat-toy", "Yeowww!", "Yeowww! Catnip Banana Cat Toy", "", "6.99", "Organic catnip banana kicker.", "kicker, catnip toy", ""},
	{"cat-toy", "PetSafe", "PetSafe Bolt Interactive Laser Cat Toy", "", "24.95", "Automatic laser pointer with random patterns.", "laser", "u"},
	{"cat-toy", "Frisco", "Frisco Cat Tunnel, 3-Way Crinkle, Gray", "", "14.99", "Collapsible crinkle tunnel with a dangling ball.", "tunnel", ""},
	{"catnip", "Meowijuana", "Meowijuana Get Baked Catnip Buds, 1 oz", "", "11.99", "Strong organic catnip buds.", "catnip", ""},
	{"catnip", "SmartyKat", "SmartyKat Organic Catnip Tub, 1 oz", "", "4.99", "Sprinkle on toys and scratchers.", "catnip", "u"},
	{"catnip", "SmartyKat", "Silver Vine Sticks for Cats, 10 Pack", "", "9.99", "Matatabi chew sticks; many cats that ignore catnip love silver vine.", "silver vine, matatabi", ""},
	{"cat-bed", "Best Friends by Sheri", "Best Friends by Sheri Calming Shag Cat Bed, Small, Frost", "", "34.99", "Donut cat bed with raised rim.", "cat bed, calming", ""},
	{"cat-bed", "K&H Pet Products", "K&H Pet Products Thermo-Kitty Heated Cat Bed, Mocha", "", "44.99", "Heated cat bed with a removable heater.", "heated cat bed", ""},
	{"cat-bed", "Frisco", "Cat Window Perch Hammock, Suction Cups, Holds up to 40 lb", "", "24.99", "Window seat for cats to watch birds.", "window perch, hammock", "u"},
	{"cat-collar", "Rogz", "Rogz Catz Breakaway Cat Collar with Bell", "", "Color=Pink:7.99|Black:7.99|Lime:7.99", "Safety release buckle.", "breakaway collar", ""},
	{"cat-collar", "Red Dingo", "Red Dingo Breakaway Cat Collar, Reflective, Red", "", "9.99", "Reflective breakaway collar.", "cat collar", "u"},
	// Fish and aquatics.
	{"aquarium-kit", "Tetra", "Tetra ColorFusion Starter Aquarium Kit, 20 Gallon", "", "149.99", "Glass tank with an LED hood, Whisper filter and heater.", "fish tank, aquarium, starter kit", ""},
	{"aquarium-kit", "Aqueon", "Aqueon LED Aquarium Starter Kit, 10 Gallon", "", "79.99", "Includes a QuietFlow filter, heater, food and conditioner.", "fish tank, starter kit", ""},
	{"aquarium-kit", "Fluval", "Fluval Spec V Aquarium Kit, 5 Gallon, Black", "", "109.99", "Desktop aquarium with a rear filter and LED lamp.", "nano tank, betta tank", ""},
	{"aquarium-kit", "Marineland", "Marineland Portrait Glass LED Aquarium Kit, 5 Gallon", "", "89.99", "Curved glass front with a hidden filter.", "small fish tank", "s"},
	{"aquarium-kit", "Tetra", "Tetra Betta Glass Aquarium, 1.5 Gallon, with LED", "", "34.99", "Small tank sized for one betta fish.", "betta bowl, fish bowl", "U"},
	{"aquarium-kit", "Aqueon", "Aqueon Standard Glass Rectangle Aquarium, 55 Gallon", "", "219.99", "Tank only: add a filter, heater and lid.", "55 gallon tank", "o"},
	{"aquarium-filter", "Fluval", "Fluval 307 Performance Canister Filter, for Aquariums up to 70 Gallons", "307", "189.99", "Multi-stage canister filter for aquariums of 40 to 70 gallons.", "canister filter", ""},
	{"aquarium-filter", "Fluval", "Fluval 407 Performance Canister Filter, for Aquariums up to 100 Gallons", "407", "239.99", "Canister filter for aquariums of 40 to 100 gallons.", "canister filter", ""},
	{"aquarium-filter", "AquaClear", "AquaClear 50 Power Filter, 20 to 50 Gallons", "AquaClear 50", "54.99", "Hang-on-back filter with foam, carbon and BioMax inserts.", "hang on back filter, HOB", ""},
	{"aquarium-filter", "Tetra", "Tetra Whisper EX 30 Filter for 20 to 30 Gallon Aquariums", "Whisper EX 30", "29.99", "Quiet hang-on filter; uses Tetra Whisper Bio-Bag cartridges.", "power filter", ""},
	{"aquarium-filter", "Aquaneat", "Aquaneat Aquarium Sponge Filter, Medium, up to 20 Gallons", "", "7.99", "Air driven sponge filter for shrimp and fry tanks.", "sponge filter", "u"},
	{"filter-cartridge", "Tetra", "Tetra Whisper Bio-Bag Filter Cartridges, Medium, 12 Pack", "", "19.99", "Replacement cartridges for Tetra Whisper filters.", "filter cartridges, refills", ""},
	{"filter-cartridge", "AquaClear", "AquaClear 50 Foam Filter Inserts, 3 Pack", "", "7.49", "Replacement foam for the AquaClear 50 power filter.", "foam insert", ""},
	{"filter-cartridge", "Fluval", "Fluval Carbon Filter Media for 307/407 Canister Filters, 3 Pack", "", "15.99", "Activated carbon bags for Fluval 07 series canisters.", "carbon media", ""},
	{"filter-cartridge", "Aqueon", "Aqueon Replacement Filter Cartridges, Large, 6 Pack", "", "17.99", "Fits Aqueon QuietFlow 20, 30 and 50 filters.", "filter cartridges", "s"},
	{"filter-cartridge", "Seachem", "Seachem Matrix Biological Filter Media, 1 L", "", "21.99", "Porous media for beneficial bacteria.", "bio media", "u"},
	{"aquarium-heater", "Eheim", "Eheim Jager Aquarium Thermostat Heater", "", "Wattage=50W:29.99|100W:32.99|150W:35.99|200W:38.99", "Submersible heater with TruTemp dial.", "heater", ""},
	{"aquarium-heater", "Fluval", "Fluval M200 Submersible Heater, 200 W", "M200", "49.99", "Slim heater with a mirrored finish.", "submersible heater", ""},
	{"aquarium-heater", "Hygger", "Hygger Titanium Aquarium Heater with Digital Controller, 300W", "", "32.99", "Titanium tube heater with an external thermostat.", "heater, thermostat", "u"},
	{"air-pump", "Tetra", "Tetra Whisper Air Pump for Aquariums up to 60 Gallons", "", "16.99", "Quiet air pump for bubblers and sponge filters.", "air pump, bubbler", ""},
	{"air-pump", "Hygger", "Hygger Quiet Aquarium Air Pump with Air Stones and Tubing, 4 W", "", "21.99", "Dual outlet, adjustable flow.", "air pump", ""},
	{"aquarium-light", "Fluval", "Fluval Plant Spectrum 3.0 LED Aquarium Light, 24-34 inch", "", "149.99", "Full spectrum LED for planted tanks with app control.", "led light, planted tank", ""},
	{"aquarium-light", "Nicrew", "NICREW ClassicLED Aquarium Light, 18-24 inch", "", "26.99", "Extendable brackets; white and blue LEDs.", "aquarium led", "u"},
	{"fish-food", "Tetra", "TetraMin Tropical Flakes Fish Food, 2.2 oz", "", "6.99", "Balanced diet for tropical fish.", "fish flakes, fish food", ""},
	{"fish-food", "Hikari", "Hikari Tropical Betta Bio-Gold Pellets, 0.7 oz", "", "4.99", "Floating pellets for bettas.", "betta food, pellets", ""},
	{"fish-food", "Omega One", "Omega One Goldfish Flakes, 2.2 oz", "", "7.49", "Whole salmon flakes for goldfish.", "goldfish food", ""},
	{"fish-food", "Hikari", "Hikari Sinking Wafers for Bottom Feeders, 3.88 oz", "", "8.99", "Algae wafers for plecos and catfish.", "algae wafers, pleco", "u"},
	{"fish-food", "Tetra", "Tetra Vacation Weekend Feeder, 0.81 oz", "", "5.49", "Slow-release feeder for up to 3 days away.", "vacation feeder", ""},
	{"water-conditioner", "Seachem", "Seachem Prime Fresh and Saltwater Conditioner, 250 ml", "", "12.99", "Removes chlorine and chloramine and detoxifies ammonia.", "dechlorinator, water conditioner", ""},
	{"water-conditioner", "API", "API Stress Coat Aquarium Water Conditioner, 16 oz", "", "10.99", "Makes tap water safe and protects fish slime coat.", "tap water conditioner", ""},
	{"water-conditioner", "Tetra", "Tetra AquaSafe Plus Water Conditioner, 8.45 oz", "", "7.99", "Instantly makes tap water safe for fish.", "dechlorinator", "u"},
	{"water-test-kit", "API", "API Freshwater Master Test Kit, 800 Tests", "", "34.99", "Tests pH, ammonia, nitrite and nitrate.", "test kit, water testing", ""},
	{"water-test-kit", "Tetra", "Tetra EasyStrips 6-in-1 Aquarium Test Strips, 100 Count", "", "16.99", "Dip-and-read strips.", "test strips", ""},
	{"aquarium-gravel", "Spectrastone", "Spectrastone Special Black Aquarium Gravel, 5 lb", "", "9.99", "Non-toxic coated gravel for freshwater tanks.", "gravel, substrate", ""},
	{"aquarium-gravel", "CaribSea", "CaribSea Eco-Complete Planted Aquarium Substrate, 20 lb", "", "32.99", "Substrate for live plants.", "plant substrate", "u"},
	{"gravel-vacuum", "Python", "Python No Spill Clean and Fill Aquarium Maintenance System, 25 ft", "", "49.99", "Hooks to the tap to siphon gravel and refill the tank without buckets.", "gravel vac, siphon, water change", ""},
	{"gravel-vacuum", "Aqueon", "Aqueon Aquarium Siphon Vacuum Gravel Cleaner, Medium 9 inch", "", "12.99", "Self-starting siphon for water changes.", "gravel cleaner, siphon", ""},
	// Small pets.
	{"small-animal-cage", "MidWest Homes for Pets", "MidWest Guinea Habitat Plus Guinea Pig Cage, 47 x 24 inch", "", "69.99", "Large cage with a canvas bottom; expandable.", "guinea pig cage", ""},
	{"small-animal-cage", "Prevue Pet Products", "Prevue Pet Products Hamster Haven Cage, Black", "", "64.99", "Wire cage with a deep base, wheel and tubes.", "hamster cage", ""},
	{"small-animal-cage", "Kaytee", "Kaytee CritterTrail Two Level Habitat for Hamsters and Gerbils", "", "39.99", "Fun-nels, a wheel and a water bottle included.", "hamster cage, habitat", ""},
	{"small-animal-cage", "Living World", "Living World Deluxe Rabbit Habitat, X-Large", "", "119.99", "Roomy indoor rabbit cage with a hay guard.", "rabbit cage, bunny hutch", "u"},
	{"small-animal-bedding", "Carefresh", "Carefresh Natural Paper Small Pet Bedding, 50 L", "", "24.99", "99% dust free paper bedding with odor control.", "bedding, paper bedding", ""},
	{"small-animal-bedding", "Kaytee", "Kaytee Clean & Cozy Small Animal Bedding, White, 85 L", "", "29.99", "Super absorbent paper bedding.", "bedding", ""},
	{"small-animal-bedding", "Kaytee", "Kaytee Aspen Bedding for Small Animals, 8 cu ft", "", "21.99", "Natural aspen shavings.", "aspen shavings", "u"},
	{"hay", "Oxbow", "Oxbow Western Timothy Hay for Rabbits, Guinea Pigs and Chinchillas", "", "Size=15 oz:7.99|40 oz:15.99|90 oz:29.99", "Hand-selected timothy hay; fibre for healthy digestion.", "timothy hay", ""},
	{"hay", "Small Pet Select", "Small Pet Select 2nd Cutting Perfect Blend Timothy Hay, 10 lb", "", "39.99", "Soft, leafy hay.", "hay", ""},
	{"hay", "Kaytee", "Kaytee Wafer Cut Timothy Hay, 24 oz", "", "8.99", "Easy to serve hay.", "hay", "u"},
	{"small-animal-food", "Oxbow", "Oxbow Essentials Adult Rabbit Food, 10 lb", "", "27.99", "Uniform timothy-based pellets.", "rabbit pellets", ""},
	{"small-animal-food", "Oxbow", "Oxbow Essentials Adult Guinea Pig Food, 5 lb", "", "17.49", "Fortified with vitamin C for guinea pigs.", "guinea pig pellets", ""},
	{"small-animal-food", "Kaytee", "Kaytee Forti-Diet Pro Health Hamster & Gerbil Food, 3 lb", "", "8.99", "Seed and pellet mix.", "hamster food", "u"},
	{"water-bottle", "Lixit", "Lixit Glass Water Bottle for Small Animals, 16 oz", "", "11.99", "Chew-proof glass bottle with a no-drip valve; attaches to wire cages.", "water bottle", ""},
	{"water-bottle", "Kaytee", "Kaytee Chew-Proof Small Animal Water Bottle, 32 oz", "", "8.99", "Metal guard for chewers.", "water bottle", ""},
	{"exercise-wheel", "Kaytee", "Kaytee Silent Spinner Exercise Wheel, Regular 6.5 inch", "", "13.99", "Quiet wheel for hamsters and gerbils; mounts to cages.", "hamster wheel, silent wheel", ""},
	{"exercise-wheel", "Niteangel", "Niteangel Super-Silent Hamster Exercise Wheel, 11 inch", "", "24.99", "Large wheel for Syrian hamsters.", "hamster wheel", "u"},
	// Birds.
	{"bird-cage", "Prevue Pet Products", "Prevue Pet Products Wrought Iron Flight Cage, Black Hammertone", "F040", "229.99", "Flight cage for parakeets, finches and cockatiels.", "bird cage, flight cage", ""},
	{"bird-cage", "Vision", "Vision Bird Cage for Small Birds, Model M01", "M01", "79.99", "Deep base reduces mess; for budgies and canaries.", "budgie cage", ""},
	{"bird-cage", "YAHEETECH", "YAHEETECH 54 inch Rolling Parrot Cage with Stand", "", "99.99", "Play top cage for medium parrots.", "parrot cage", "u"},
	{"bird-seed", "Kaytee", "Kaytee Forti-Diet Pro Health Parakeet Food, 5 lb", "", "11.99", "Seed mix for parakeets (budgies).", "parakeet seed, budgie food", ""},
	{"bird-seed", "Lafeber", "Lafeber Classic Nutri-Berries for Cockatiels, 10 oz", "", "12.49", "Seed and pellet berries.", "cockatiel food", ""},
	{"bird-seed", "ZuPreem", "ZuPreem FruitBlend Flavor Pellets for Medium Birds, 2 lb", "", "14.99", "Pellets for cockatiels and parakeets.", "bird pellets", "u"},
	{"bird-perch", "Polly's Pet Products", "Natural Wood Bird Perch Stand, 3 Pack", "", "12.99", "Natural branches that clamp to the cage.", "perch", ""},
	{"bird-perch", "JW Pet", "JW Pet Insight Comfy Perch for Birds, Medium 21 inch", "", "10.99", "Bendable rope perch.", "rope perch", ""},
	// Reptiles.
	{"terrarium", "Exo Terra", "Exo Terra Glass Terrarium, 18 x 18 x 24 inch", "PT2613", "189.99", "Front opening doors; for geckos, chameleons and frogs.", "terrarium, vivarium, reptile tank", ""},
	{"terrarium", "Zoo Med", "Zoo Med ReptiHabitat Leopard Gecko Kit, 20 Gallon", "", "159.99", "Tank with a screen lid, heat mat, lamp, hide and substrate.", "leopard gecko kit, reptile tank", ""},
	{"terrarium", "REPTI ZOO", "REPTI ZOO 40 Gallon Reptile Glass Terrarium, 36 x 18 x 18 inch", "", "169.99", "Double hinge doors and a top screen ventilation.", "bearded dragon tank", "u"},
	{"heat-lamp", "Zoo Med", "Zoo Med Basking Spot Lamp", "", "Wattage=50W:11.99|75W:12.99|100W:13.99", "Directs heat to a basking spot.", "heat bulb, basking bulb", ""},
	{"heat-lamp", "Exo Terra", "Exo Terra Heat Wave Ceramic Heat Emitter, 100 W", "", "24.99", "Heat without light for night time.", "ceramic heater, heat emitter", ""},
	{"heat-lamp", "Zoo Med", "Zoo Med ReptiTherm Under Tank Heater, Medium", "", "25.99", "Adhesive heat mat for 10-20 gallon tanks.", "heat mat, under tank heater", "u"},
	{"uvb-bulb", "Zoo Med", "Zoo Med ReptiSun 10.0 T5 HO UVB Lamp, 24 inch", "", "39.99", "High output UVB for desert reptiles like bearded dragons.", "uvb light, uvb tube", ""},
	{"uvb-bulb", "Arcadia", "Arcadia Desert 12% UVB T5 Kit, 22 inch", "", "84.99", "Complete UVB fixture with reflector.", "uvb kit", ""},
	{"lamp-dome", "Zoo Med", "Zoo Med Deluxe Porcelain Clamp Lamp, 8.5 inch", "", "21.99", "Porcelain socket dome for heat bulbs up to 150 W.", "clamp lamp, dome", ""},
	{"lamp-dome", "Fluker's", "Fluker's Repta-Clamp Lamp with Switch, 5.5 inch", "", "14.99", "Clamp lamp for basking and ceramic bulbs.", "lamp fixture", "u"},
	{"reptile-substrate", "Zoo Med", "Zoo Med Eco Earth Loose Coconut Fiber Substrate, 8 qt", "", "11.99", "Holds humidity for tropical reptiles and frogs.", "coco fiber, substrate", ""},
	{"reptile-substrate", "Zoo Med", "Zoo Med ReptiSand Desert White, 10 lb", "", "14.99", "Natural sand for desert reptiles.", "reptile sand", ""},
	{"reptile-substrate", "Exo Terra", "Exo Terra Terrarium Moss, 7 L", "", "9.99", "Natural forest moss for humidity.", "moss", "u"},
	{"reptile-food", "Fluker's", "Fluker's Freeze-Dried Mealworms, 3.4 oz", "", "9.99", "Protein treat for bearded dragons and other reptiles.", "mealworms", ""},
	{"reptile-food", "Zoo Med", "Zoo Med Can O' Crickets, 1.2 oz", "", "6.99", "Whole canned crickets.", "crickets", ""},
	{"reptile-food", "Repashy", "Repashy Crested Gecko Diet, Classic, 6 oz", "", "19.99", "Complete diet powder: mix with water.", "crested gecko food", "u"},
}

const site = "https://whiskerandwag.example"

var header = []string{"ID", "Type", "SKU", "GTIN, UPC, EAN, or ISBN", "Name", "Published", "Is featured?", "Visibility in catalog",
	"Short description", "Description", "Date sale price starts", "Date sale price ends", "Tax status", "Tax class",
	"In stock?", "Stock", "Low stock amount", "Backorders allowed?", "Sold individually?", "Weight (lbs)",
	"Length (in)", "Width (in)", "Height (in)", "Allow customer reviews?", "Purchase note", "Sale price",
	"Regular price", "Categories", "Tags", "Shipping class", "Images", "Download limit", "Download expiry days",
	"Parent", "Grouped products", "Upsells", "Cross-sells", "External URL", "Button text", "Position", "Brands",
	"Attribute 1 name", "Attribute 1 value(s)", "Attribute 1 visible", "Attribute 1 global",
	"Attribute 2 name", "Attribute 2 value(s)", "Attribute 2 visible", "Attribute 2 global"}

func h(s string) uint32 { x := fnv.New32a(); x.Write([]byte(s)); return x.Sum32() }

// slug is a lower-case, hyphenated form of s for SKUs and image names.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// upc is a 12-digit UPC-A with its check digit, from a seed.
func upc(seed string) string {
	d := fmt.Sprintf("0%010d", uint64(h(seed))*7919%10000000000)
	sum := 0
	for i, c := range d {
		n := int(c - '0')
		if i%2 == 0 {
			n *= 3
		}
		sum += n
	}
	return d + strconv.Itoa((10-sum%10)%10)
}

func sale(price string) string {
	f, _ := strconv.ParseFloat(price, 64)
	return fmt.Sprintf("%.2f", f*0.85)
}

func main() {
	out, err := os.Create("petshop.csv")
	if err != nil {
		panic(err)
	}
	w := csv.NewWriter(out)
	w.Write(header)
	tr, err := os.Create("truth.tsv")
	if err != nil {
		panic(err)
	}
	fmt.Fprintln(tr, "# shop\tkey\ttype\taccessory_of\tmodel\tpath (the type's)\ttitle (for readers)")
	id := 1000
	for n, p := range prods {
		t, ok := types[p.typ]
		if !ok {
			panic("no type " + p.typ)
		}
		id++
		pid := id
		sku := strings.ToUpper(slug(p.brand))
		if len(sku) > 6 {
			sku = sku[:6]
		}
		sku = fmt.Sprintf("WW-%s-%03d", strings.Trim(sku, "-"), n+1)
		has := func(f string) bool { return strings.Contains(p.flags, f) }
		cat := strings.ReplaceAll(t.path, ",", "\\,") // Woo escapes a comma inside a category name
		switch {
		case has("u"):
			cat = ""
		case has("U"):
			cat = "Uncategorized"
		case has("n"):
			cat = "New Arrivals, " + cat
		}
		if has("s") && cat != "" && cat != "Uncategorized" {
			cat += ", Sale"
		}
		img := fmt.Sprintf("%s/wp-content/uploads/2025/%02d/%s.jpg", site, 1+h(p.name)%12, slug(p.name))
		if h(p.name)%3 == 0 {
			img += ", " + strings.TrimSuffix(img, ".jpg") + "-2.jpg"
		}
		short := p.desc
		if i := strings.Index(short, "\\n"); i > 0 {
			short = short[:i]
		}
		desc := "<p>" + p.desc + "</p>"
		if h(p.name)%2 == 0 {
			desc += "\\n<ul>\\n<li>Brand: " + p.brand + "</li>\\n<li>Ships from our warehouse in 1-2 business days</li>\\n</ul>"
		}
		if p.model != "" && !strings.Contains(p.name, p.model) {
			desc += "\\nModel: " + p.model
		}
		published := "1"
		visibility := "visible"
		if has("h") {
			published, visibility = "0", "hidden"
		}
		instock, stock := "1", strconv.Itoa(int(3+h(p.name)%60))
		if has("o") {
			instock, stock = "0", "0"
		}
		weight := fmt.Sprintf("%.1f", float64(1+h(p.name)%400)/10)
		key := sku
		parentRef := sku
		if has("i") {
			key, parentRef = strconv.Itoa(pid), "id:"+strconv.Itoa(pid)
		}
		fmt.Fprintf(tr, "pets\t%s\t%s\t%s\t%s\t%s\t%s\n", key, p.typ, t.of, p.model, t.path, p.name)
		if !strings.Contains(p.price, "=") {
			reg, sp := p.price, ""
			if has("s") {
				sp = sale(reg)
			}
			gtin := ""
			if h(sku)%2 == 0 {
				gtin = upc(sku)
			}
			w.Write([]string{strconv.Itoa(pid), "simple", sku, gtin, p.name, published, "0", visibility, short, desc, "", "", "taxable", "",
				instock, stock, "", "0", "0", weight, "", "", "", "1", "", sp, reg, cat, p.tags, "", img, "", "", "",
				"", "", "", "", "", "0", p.brand, "", "", "", "", "", "", "", ""})
			continue
		}
		// A variable product and its variations.
		attrs := strings.Split(p.price, ";")
		name1, vals1 := attr(attrs[0])
		var name2 string
		var vals2 []string
		if len(attrs) > 1 {
			var v2 [][2]string
			name2, v2 = attr(attrs[1])
			for _, v := range v2 {
				vals2 = append(vals2, v[0])
			}
		}
		list1 := make([]string, len(vals1))
		for i, v := range vals1 {
			list1[i] = v[0]
		}
		psku := sku
		if has("i") {
			psku = ""
		}
		w.Write([]string{strconv.Itoa(pid), "variable", psku, "", p.name, published, "0", visibility, short, desc, "", "", "taxable", "",
			"1", "", "", "0", "0", weight, "", "", "", "1", "", "", "", cat, p.tags, "", img, "", "", "",
			"", "", "", "", "", "0", p.brand, name1, strings.Join(list1, ", "), "1", "1", name2, strings.Join(vals2, ", "), nz(name2, "1"), nz(name2, "1")})
		pos := 0
		for i, v1 := range vals1 {
			seconds := vals2
			if len(seconds) == 0 {
				seconds = []string{""}
			}
			for j, v2 := range seconds {
				id++
				pos++
				vname := p.name + " - " + v1[0]
				if v2 != "" {
					vname += ", " + v2
				}
				vsku := fmt.Sprintf("%s-%s", sku, strings.ToUpper(slug(v1[0])))
				if v2 != "" {
					vsku += "-" + strings.ToUpper(slug(v2))
				}
				reg, sp := v1[1], ""
				if has("s") && i == 0 {
					sp = sale(reg)
				}
				vin, vstock := "1", strconv.Itoa(int(h(vsku)%40))
				if vstock == "0" || has("o") {
					vin, vstock = "0", "0"
				}
				gtin := ""
				if h(vsku)%3 != 0 {
					gtin = upc(vsku)
				}
				vimg := ""
				if j == 0 && v2 != "" {
					vimg = strings.TrimSuffix(img, ".jpg")
					if k := strings.Index(vimg, ".jpg"); k > 0 {
						vimg = vimg[:k]
					}
					vimg += "-" + slug(v2) + ".jpg"
				}
				row := []string{strconv.Itoa(id), "variation", vsku, gtin, vname, "1", "0", "visible", "", "", "", "", "taxable", "parent",
					vin, vstock, "", "0", "0", "", "", "", "", "0", "", sp, reg, "", "", "", vimg, "", "", parentRef,
					"", "", "", "", "", strconv.Itoa(pos), "", name1, v1[0], "", "1", name2, v2, "", nz(name2, "1")}
				w.Write(row)
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		panic(err)
	}
	out.Close()
	tr.Close()
}

// attr reads "Size=5 lb:14.99|15 lb:34.99" (prices optional).
func attr(s string) (string, [][2]string) {
	name, list, _ := strings.Cut(s, "=")
	var vals [][2]string
	for _, v := range strings.Split(list, "|") {
		val, price, _ := strings.Cut(v, ":")
		vals = append(vals, [2]string{val, price})
	}
	return name, vals
}

func nz(cond, v string) string {
	if cond == "" {
		return ""
	}
	return v
}
