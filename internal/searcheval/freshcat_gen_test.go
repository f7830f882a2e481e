package searcheval

// The fresh catalog (lane freshcat, issue 13): a second judged catalog written by a
// different hand from Generate's, in the manner of big-box retailer feeds — long
// titles packed with specs, sizes and units ("65W", "27\"", "16 oz", "2-Pack"),
// model and part numbers of several shapes (dashes, slashes, dots, bare digits),
// piece counts, accessories sold beside their products, about 60% of products
// without a category and descriptions from none to five sentences. Its departments
// are electronics, office, toys, small appliances and pet supplies (the last one
// is in no other judged set). Its vocabulary, brands, model shapes and title
// patterns share nothing with types.go.
//
// Each product carries its Truth (type, what it is an accessory for, brand, model),
// which only the judging rule (freshGrade) reads.

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

const freshSeed = 4417

// fbrand is a maker of the fresh catalog; style picks the shape of its model numbers.
type fbrand struct {
	name, code string
	style      int
}

// ftype is a product type of the fresh catalog. Title patterns use {B} brand, {M}
// model, {S} one of sizes, {F} one of feats, {P} a pack phrase, {C} a colour, and for
// accessories {FB} {FM} the brand and model of the product fitted.
type ftype struct {
	name, dept, path string
	of               string // the type this is an accessory for
	target           bool   // the title names one product of type of
	n                int
	price            [2]int
	brands           []fbrand
	titles           []string
	sizes, feats     []string
	packs            []string
	colors           []string
	desc             []string
}

var (
	fbStrata    = fbrand{"Stratadisk", "SDX", 1}
	fbOrbis     = fbrand{"Orbisound", "OB", 0}
	fbQuell     = fbrand{"Quellton", "QT", 2}
	fbPixa      = fbrand{"Pixalto", "PXL", 3}
	fbVanta     = fbrand{"Vantora", "VN", 0}
	fbHalden    = fbrand{"Halden Tech", "HT", 2}
	fbWattly    = fbrand{"Wattly", "WT", 1}
	fbPapyra    = fbrand{"Papyra", "PY", 0}
	fbDeskwell  = fbrand{"Deskwell", "DW", 3}
	fbInkora    = fbrand{"Inkora", "IK", 2}
	fbBasic     = fbrand{"Shelfwise Basics", "SB", 0}
	fbMarkit    = fbrand{"Markit", "MK", 3}
	fbBlokk     = fbrand{"Blokkit", "", 4}
	fbZoomer    = fbrand{"Zoomrunner", "ZR", 0}
	fbSnuggl    = fbrand{"Snugglebee", "", 4}
	fbPuzzla    = fbrand{"Puzzlaria", "", 4}
	fbGamewick  = fbrand{"Gamewick", "GW", 0}
	fbCrispa    = fbrand{"Crispa", "CR", 2}
	fbBrewmate  = fbrand{"Brewmate", "BM", 1}
	fbWhirla    = fbrand{"Whirla", "WL", 0}
	fbToastique = fbrand{"Toastique", "TQ", 3}
	fbRoomba    = fbrand{"Sweepo", "SW", 2}
	fbMistra    = fbrand{"Mistra", "MS", 3}
	fbWarmly    = fbrand{"Warmly", "WY", 0}
	fbPawpal    = fbrand{"Pawpal", "PP", 0}
	fbKibbl     = fbrand{"Kibblecraft", "", 5}
	fbWhisk     = fbrand{"Whiskerly", "WK", 3}
	fbFetch     = fbrand{"Fetchwell", "FW", 1}
	fbClearcup  = fbrand{"Clearcup", "CC", 2}
)

var (
	fTechColors = []string{"Black", "White", "Gray", "Midnight", "Blue", "Rose Gold", ""}
	fHomeColors = []string{"Black", "White", "Stainless Steel", "Matte Black", "Cream", ""}
	fPetColors  = []string{"Brown", "Gray", "Navy", "Red", "Beige", ""}
)

// freshTypes is the fresh catalog's vocabulary.
var freshTypes = []ftype{
	// Electronics
	{name: "portable-ssd", dept: "electronics", path: "Electronics > Computers & Accessories > Data Storage > External Solid State Drives", n: 110, price: [2]int{59, 329},
		brands: []fbrand{fbStrata, fbHalden, fbVanta},
		titles: []string{"{B} {S} Extreme Portable SSD, USB-C, up to {F} - {M}", "{B} {S} Portable Solid State Drive, {F}, USB 3.2 Gen 2 ({M})", "{B} Rugged {S} External SSD {M}, {C}"},
		sizes:  []string{"500GB", "1TB", "2TB", "4TB"}, feats: []string{"1050MB/s", "2000MB/s", "540MB/s", "IP65 Water Resistant"}, colors: fTechColors,
		desc: []string{"Pocket-sized storage for photos and video.", "Drop resistant up to 2 meters.", "Password protection with 256-bit AES hardware encryption.", "Works with PC, Mac, and Android devices."}},
	{name: "earbuds", dept: "electronics", path: "Electronics > Headphones > Earbud Headphones", n: 120, price: [2]int{19, 279},
		brands: []fbrand{fbOrbis, fbQuell, fbVanta},
		titles: []string{"{B} {M} True Wireless Earbuds, {F}, {C}", "{B} Noise Cancelling Wireless Earbuds with {F} - {C} ({M})", "{B} Bluetooth 5.3 In-Ear Headphones, {F}, IPX4 Sweatproof"},
		feats:  []string{"Active Noise Cancellation", "36H Playtime", "Wireless Charging Case", "Built-in Mic"}, colors: fTechColors,
		desc: []string{"Sealed ear tips block out the commute.", "Touch controls for calls and music.", "A quick 10-minute charge gives 2 hours of listening.", "Three sizes of silicone tips included."}},
	{name: "headphones", dept: "electronics", path: "Electronics > Headphones > Over-Ear Headphones", n: 90, price: [2]int{29, 399},
		brands: []fbrand{fbOrbis, fbQuell},
		titles: []string{"{B} {M} Wireless Over-Ear Headphones, {F}, {C}", "{B} Over Ear Bluetooth Headphones with {F}, Foldable - {M}", "{B} Studio Monitor Headphones {M}"},
		feats:  []string{"Industry Leading Noise Canceling", "60-Hour Battery", "Hi-Res Audio", "Memory Foam Ear Cushions"}, colors: fTechColors,
		desc: []string{"Plush cushions for all-day comfort.", "Fold flat into the included hard case.", "Multipoint pairing with two devices at once."}},
	{name: "headphone-ear-pads", dept: "electronics", path: "Electronics > Headphones > Headphone Accessories", of: "headphones", target: true, n: 45, price: [2]int{9, 39},
		brands: []fbrand{fbBasic, fbOrbis, fbQuell},
		titles: []string{"Replacement Ear Pads for {FB} {FM} Headphones, Protein Leather, {C}", "{B} Ear Cushions Compatible with {FB} {FM}, 1 Pair"},
		colors: fTechColors, desc: []string{"Restores the seal and comfort of worn cushions.", "Snap-in fit, no tools needed."}},
	{name: "bluetooth-speaker", dept: "electronics", path: "Electronics > Portable Audio > Bluetooth Speakers", n: 90, price: [2]int{24, 299},
		brands: []fbrand{fbOrbis, fbVanta, fbQuell},
		titles: []string{"{B} {M} Portable Bluetooth Speaker, {F}, {C}", "{B} Waterproof Wireless Speaker with {F} - {M}"},
		feats:  []string{"IP67 Waterproof", "24 Hour Playtime", "Deep Bass", "PartyBoost"}, colors: fTechColors,
		desc: []string{"Clips to a backpack for the trail.", "Pair two for stereo sound.", "Floats in the pool."}},
	{name: "monitor", dept: "electronics", path: "Electronics > Computers & Accessories > Monitors", n: 100, price: [2]int{99, 899},
		brands: []fbrand{fbPixa, fbHalden, fbVanta},
		titles: []string{"{B} {S} {F} Monitor, HDMI, DisplayPort - {M}", "{B} {M} {S} Gaming Monitor, {F}, 1ms", "{B} {S} Class Full HD IPS Computer Monitor, {C}"},
		sizes:  []string{"24\"", "27\"", "32\"", "34\"", "27-Inch", "24-Inch"}, feats: []string{"QHD 2560 x 1440", "4K UHD", "165Hz", "Curved Ultrawide", "USB-C 65W"}, colors: fTechColors,
		desc: []string{"Thin bezels for multi-screen setups.", "Tilt and height adjustable stand.", "Flicker-free with a low blue light mode.", "VESA 100 x 100 mounting holes."}},
	{name: "monitor-arm", dept: "electronics", path: "Electronics > Computers & Accessories > Monitor Accessories > Monitor Arms", of: "monitor", n: 45, price: [2]int{24, 189},
		brands: []fbrand{fbDeskwell, fbBasic},
		titles: []string{"{B} Single Monitor Arm Desk Mount for 13-32\" Screens, Gas Spring - {M}", "{B} Dual Monitor Stand, Fully Adjustable, VESA 75/100, {C}"},
		colors: fTechColors, desc: []string{"Clamps to desks up to 3.5 inches thick.", "Holds screens up to 17.6 lbs each."}},
	{name: "hdmi-cable", dept: "electronics", path: "Electronics > Computers & Accessories > Cables > HDMI Cables", of: "monitor", n: 50, price: [2]int{6, 29},
		brands: []fbrand{fbBasic, fbWattly},
		titles: []string{"{B} High-Speed HDMI Cable, {S}, 4K@60Hz, {P}", "{B} 8K HDMI 2.1 Cable {S} - {M}"},
		sizes:  []string{"3 ft", "6 ft", "10 ft", "6.5 Feet", "2m"}, packs: []string{"2-Pack", "3-Pack", "1-Pack", ""},
		desc: []string{"Braided jacket resists fraying.", "Supports eARC and HDR."}},
	{name: "laptop", dept: "electronics", path: "Electronics > Computers & Accessories > Laptops", n: 110, price: [2]int{249, 2199},
		brands: []fbrand{fbPixa, fbHalden, fbVanta},
		titles: []string{"{B} {S} Laptop, {F}, 16GB RAM, 512GB SSD, Windows 11 - {M}", "{B} {M} Thin & Light Notebook PC, {S} FHD, {F}, {C}", "{B} {S} Chromebook, {F}, 8GB/128GB ({M})"},
		sizes:  []string{"14\"", "15.6\"", "13.3-Inch", "16-Inch", "17.3\""}, feats: []string{"Intel Core i5-1335U", "AMD Ryzen 7 7730U", "Intel Core i7", "Backlit Keyboard"}, colors: fTechColors,
		desc: []string{"All-day battery for class and work.", "Fingerprint reader for quick sign-in.", "Wi-Fi 6 and Bluetooth 5.2.", "Weighs under 3 pounds."}},
	{name: "laptop-charger", dept: "electronics", path: "Electronics > Computers & Accessories > Laptop Accessories > Chargers & Adapters", of: "laptop", n: 55, price: [2]int{15, 69},
		brands: []fbrand{fbWattly, fbBasic},
		titles: []string{"{B} {S} USB-C Laptop Charger, GaN Fast Charging Power Adapter - {M}", "{B} {S} Replacement AC Adapter for {FB} Laptops, 6.5ft Cord"},
		sizes:  []string{"65W", "100W", "45W", "140W"}, desc: []string{"Charges a laptop, tablet and phone.", "Foldable plug for travel."}},
	{name: "laptop-sleeve", dept: "electronics", path: "Electronics > Computers & Accessories > Laptop Accessories > Bags & Sleeves", of: "laptop", n: 45, price: [2]int{12, 49},
		brands: []fbrand{fbBasic, fbDeskwell},
		titles: []string{"{B} Laptop Sleeve Case {S}, Water Repellent, {C}", "{B} Protective Laptop Bag for {S} Notebooks with Accessory Pocket"},
		sizes:  []string{"13-14 Inch", "15.6 Inch", "16\"", "13\""}, colors: fTechColors, desc: []string{"Padded against bumps and scratches."}},
	{name: "smartwatch", dept: "electronics", path: "Electronics > Wearable Technology > Smartwatches", n: 80, price: [2]int{49, 449},
		brands: []fbrand{fbVanta, fbQuell},
		titles: []string{"{B} {M} Smart Watch {S}, {F}, {C}", "{B} Fitness Smartwatch with {F}, GPS - {C}"},
		sizes:  []string{"41mm", "45mm", "1.43\" AMOLED", "44mm"}, feats: []string{"Heart Rate Monitor", "Blood Oxygen", "Sleep Tracking", "Bluetooth Calling"}, colors: fTechColors,
		desc: []string{"Tracks over 100 workout modes.", "Up to 7 days of battery life.", "Water resistant to 5 ATM."}},
	{name: "watch-band", dept: "electronics", path: "Electronics > Wearable Technology > Smartwatch Accessories > Bands", of: "smartwatch", target: true, n: 45, price: [2]int{7, 29},
		brands: []fbrand{fbBasic, fbVanta},
		titles: []string{"{P} Sport Bands Compatible with {FB} {FM} Watch, Soft Silicone, {C}", "{B} Nylon Loop Strap for {FB} {FM}, {C}"},
		packs:  []string{"3 Pack", "2-Pack", ""}, colors: fTechColors, desc: []string{"Quick-release pins, no tools needed."}},
	{name: "action-camera", dept: "electronics", path: "Electronics > Camera & Photo > Action Cameras", n: 60, price: [2]int{59, 499},
		brands: []fbrand{fbPixa, fbHalden},
		titles: []string{"{B} {M} Action Camera {S}, {F}, Waterproof to 33ft", "{B} {S} Sports Cam with {F} and 2 Batteries - {M}"},
		sizes:  []string{"4K60", "5.3K", "4K 30fps", "1080P"}, feats: []string{"HyperSmooth Stabilization", "Front Screen", "Voice Control", "Wide Angle"},
		desc: []string{"Mounts to helmets, handlebars and surfboards.", "Shoots slow motion at 240 fps."}},
	{name: "memory-card", dept: "electronics", path: "Electronics > Camera & Photo > Memory Cards", of: "action-camera", n: 50, price: [2]int{8, 89},
		brands: []fbrand{fbStrata, fbHalden},
		titles: []string{"{B} {S} microSDXC UHS-I Memory Card with Adapter, up to 160MB/s - {M}", "{B} {S} Extreme microSD Card, A2, U3, V30, {P}"},
		sizes:  []string{"64GB", "128GB", "256GB", "512GB"}, packs: []string{"2-Pack", "", ""}, desc: []string{"Rated for 4K UHD video recording."}},

	// Office
	{name: "paper-shredder", dept: "office", path: "Office Products > Office Electronics > Shredders", n: 70, price: [2]int{29, 349},
		brands: []fbrand{fbBasic, fbPapyra},
		titles: []string{"{B} {S} Cross-Cut Paper Shredder, {C}", "{B} {S} Micro-Cut Paper and Credit Card Shredder with {F} ({M})", "{B} {M} Heavy Duty Shredder, {S}, {F}"},
		sizes:  []string{"12-Sheet", "8-Sheet", "16-Sheet", "20-Sheet", "6-Sheet"}, feats: []string{"Pullout Basket", "5-Gallon Bin", "Jam Proof", "60 Minute Run Time"}, colors: fHomeColors,
		desc: []string{"Shreds staples, paper clips and credit cards.", "Overheat protection and auto start.", "P-4 security level."}},
	{name: "shredder-bags", dept: "office", path: "Office Products > Office Electronics > Shredder Accessories", of: "paper-shredder", n: 30, price: [2]int{9, 29},
		brands: []fbrand{fbBasic, fbPapyra},
		titles: []string{"{B} Shredder Bags, {S}, {P}", "{B} Shredder Lubricant Sheets, {P} - {M}"},
		sizes:  []string{"6-8 Gallon", "13 Gallon", "30 Gallon"}, packs: []string{"100 Count", "50 Count", "12-Pack", "24 Sheets"}, desc: []string{"Keeps the cutting blades running smoothly."}},
	{name: "printer", dept: "office", path: "Office Products > Office Electronics > Printers", n: 80, price: [2]int{69, 599},
		brands: []fbrand{fbInkora, fbPapyra},
		titles: []string{"{B} {M} All-in-One Wireless Color Inkjet Printer, {F}", "{B} {M} Monochrome Laser Printer, {F}, {S}", "{B} EcoTank-Style {M} Supertank Printer with Scanner and Copier"},
		sizes:  []string{"30 ppm", "40 ppm", "22 ppm"}, feats: []string{"Auto 2-Sided Printing", "Mobile Printing", "Works with Alexa", "35-Page ADF"},
		desc: []string{"Print from your phone over Wi-Fi.", "Prints up to 30 pages per minute.", "Duplex printing saves paper."}},
	{name: "ink-cartridge", dept: "office", path: "Office Products > Office Supplies > Ink & Toner", of: "printer", target: true, n: 70, price: [2]int{14, 119},
		brands: []fbrand{fbInkora, fbPapyra, fbBasic},
		titles: []string{"{B} {M} Black High-Yield Ink Cartridge for {FB} {FM}", "{B} Remanufactured Toner Cartridge Replacement for {FB} {FM}, {P}", "{B} {M}XL Ink Cartridges, Black & Tri-Color, {P}"},
		packs:  []string{"2-Pack", "4 Pack", "Combo Pack", "1 Pack"}, desc: []string{"Page yield about 600 pages.", "Genuine ink for crisp text."}},
	{name: "copy-paper", dept: "office", path: "Office Products > Office Supplies > Paper > Copy & Printer Paper", n: 40, price: [2]int{7, 59},
		brands: []fbrand{fbPapyra, fbBasic},
		titles: []string{"{B} Multipurpose Copy Paper, 8.5 x 11 Inch, {S}, 92 Bright, {P}", "{B} Printer Paper {S} Letter Size, 96 Bright White, {P}"},
		sizes:  []string{"20 lb", "24 lb", "28 lb"}, packs: []string{"500 Sheets", "1 Ream", "5 Ream Case", "10 Ream Case (5000 Sheets)"}, desc: []string{"Jam-free in laser and inkjet printers."}},
	{name: "office-chair", dept: "office", path: "Office Products > Office Furniture > Chairs", n: 80, price: [2]int{79, 899},
		brands: []fbrand{fbDeskwell, fbBasic},
		titles: []string{"{B} Ergonomic Office Chair, {F}, Mesh High Back, {C}", "{B} Executive Desk Chair with {F} - {M}", "{B} Home Office Task Chair, Armless, {C}"},
		feats:  []string{"Adjustable Lumbar Support", "Flip-Up Arms", "Headrest", "Padded Seat"}, colors: fHomeColors,
		desc: []string{"Rated for users up to 275 lbs.", "Smooth-rolling casters.", "Tilt lock and height adjustment."}},
	{name: "chair-mat", dept: "office", path: "Office Products > Office Furniture > Chair Mats", of: "office-chair", n: 35, price: [2]int{19, 89},
		brands: []fbrand{fbDeskwell, fbBasic},
		titles: []string{"{B} Office Chair Mat for Hardwood Floor, {S}, Clear", "{B} Desk Chair Mat for Carpet, {S}, Studded Back"},
		sizes:  []string{"36\" x 48\"", "48\" x 60\"", "30 x 48 Inch"}, desc: []string{"Protects floors from caster marks."}},
	{name: "label-maker", dept: "office", path: "Office Products > Office Electronics > Label Makers", n: 50, price: [2]int{19, 129},
		brands: []fbrand{fbMarkit, fbPapyra},
		titles: []string{"{B} {M} Handheld Label Maker with {F}", "{B} Bluetooth Label Printer {M}, {F}, {C}"},
		feats:  []string{"QWERTY Keyboard", "1 Tape Included", "Rechargeable Battery"}, colors: fHomeColors,
		desc: []string{"Prints labels for files, pantry jars and cables."}},
	{name: "label-tape", dept: "office", path: "Office Products > Office Supplies > Labels > Label Maker Tape", of: "label-maker", target: true, n: 40, price: [2]int{7, 39},
		brands: []fbrand{fbMarkit, fbBasic},
		titles: []string{"{B} Label Tape Compatible with {FB} {FM}, Black on White, {S}, {P}", "{B} {M} Laminated Labeling Tape, {S} x 26 ft, {P}"},
		sizes:  []string{"1/2\"", "12mm", "3/4\"", "24mm"}, packs: []string{"2-Pack", "3 Rolls", "1 Cartridge"}, desc: []string{"Water and fade resistant."}},
	{name: "gel-pens", dept: "office", path: "Office Products > Office Supplies > Writing Instruments > Gel Pens", n: 40, price: [2]int{5, 29},
		brands: []fbrand{fbMarkit, fbPapyra},
		titles: []string{"{B} Retractable Gel Pens, {S}, Black Ink, {P}", "{B} Quick-Dry Gel Ink Pens, Assorted Colors, {S}, {P}"},
		sizes:  []string{"Fine Point 0.5mm", "Medium Point 0.7mm", "Bold 1.0mm"}, packs: []string{"12 Count", "24-Pack", "36 Pack", "10 Count"}, desc: []string{"Smooth writing with no smudges."}},
	{name: "stapler", dept: "office", path: "Office Products > Office Supplies > Staplers & Punches", n: 30, price: [2]int{6, 49},
		brands: []fbrand{fbBasic, fbMarkit},
		titles: []string{"{B} Desktop Stapler, {S} Capacity, {C}", "{B} Electric Stapler {M}, {S}, AC or Battery"},
		sizes:  []string{"20 Sheet", "25-Sheet", "40 Sheet"}, colors: fHomeColors, desc: []string{"Jam-resistant design."}},
	{name: "staples", dept: "office", path: "Office Products > Office Supplies > Staplers & Punches > Staples", of: "stapler", n: 20, price: [2]int{3, 15},
		brands: []fbrand{fbBasic, fbMarkit},
		titles: []string{"{B} Standard Staples, 1/4\" Leg, {P}", "{B} Premium Staples 26/6, {P}"},
		packs:  []string{"5000 Count", "1 Box", "3-Pack (15,000 Staples)"}, desc: []string{"Fits most standard staplers."}},

	// Toys
	{name: "building-set", dept: "toys", path: "Toys & Games > Building Toys > Building Sets", n: 140, price: [2]int{9, 249},
		brands: []fbrand{fbBlokk},
		titles: []string{"{B} {S} {F} {M} Building Kit ({P})", "{B} {S} {F} Building Set {M}, Toy for Kids Ages 8+ ({P})", "{B} {F} {M} Construction Toy, {P}"},
		sizes:  []string{"Space", "City", "Castle", "Racing", "Jungle", "Pirates"}, feats: []string{"Starfighter", "Fire Station", "Dragon Tower", "Rally Car", "Treehouse", "Shipwreck"}, packs: []string{"474 Pieces", "1,083 Pieces", "212 Pieces", "68 Pieces", "2,500 Pieces"},
		desc: []string{"Bricks compatible with all major brands.", "Step-by-step illustrated instructions.", "Makes a great gift for young builders."}},
	{name: "rc-car", dept: "toys", path: "Toys & Games > Remote Control & Play Vehicles > RC Cars", n: 70, price: [2]int{25, 299},
		brands: []fbrand{fbZoomer},
		titles: []string{"{B} {S} Remote Control Car, {F}, 2.4GHz Off Road Monster Truck - {M}", "{B} {M} RC Truck {S} Scale, {F}", "{B} High Speed RC Car for Kids and Adults, {F}, {S}"},
		sizes:  []string{"1:16", "1:10", "1:18", "1:12"}, feats: []string{"30+ MPH", "4WD", "All Terrain", "2 Rechargeable Batteries"},
		desc: []string{"Runs on grass, gravel and sand.", "Up to 40 minutes of play per charge."}},
	{name: "rc-battery", dept: "toys", path: "Toys & Games > Remote Control & Play Vehicles > RC Parts & Accessories > Batteries", of: "rc-car", target: true, n: 30, price: [2]int{12, 49},
		brands: []fbrand{fbZoomer, fbWattly},
		titles: []string{"{B} {S} Li-ion Battery for {FB} {FM} RC Car, {P}", "{B} 7.4V {S} Rechargeable Battery Pack with USB Charger, {P}"},
		sizes:  []string{"1500mAh", "2000mAh", "1200mAh"}, packs: []string{"2-Pack", "1 Pack"}, desc: []string{"Doubles the run time."}},
	{name: "plush", dept: "toys", path: "Toys & Games > Stuffed Animals & Plush Toys", n: 70, price: [2]int{8, 49},
		brands: []fbrand{fbSnuggl},
		titles: []string{"{B} {S} {F} Stuffed Animal, Soft Plush Toy", "{B} Cuddly {F} Plushie, {S}, Gift for Kids"},
		sizes:  []string{"12 Inch", "8\"", "16-Inch", "24 in"}, feats: []string{"Sloth", "Unicorn", "Golden Retriever", "Panda", "Axolotl", "Dinosaur"},
		desc: []string{"Surface washable.", "Made from super-soft recycled fibers."}},
	{name: "jigsaw-puzzle", dept: "toys", path: "Toys & Games > Puzzles > Jigsaw Puzzles", n: 70, price: [2]int{9, 39},
		brands: []fbrand{fbPuzzla},
		titles: []string{"{B} {S} Jigsaw Puzzle for Adults - {F}", "{B} {F} Puzzle, {S}, 27\" x 20\""},
		sizes:  []string{"1000 Piece", "500 Pieces", "1500-Piece", "300 Large Piece"}, feats: []string{"Alpine Village", "Vintage Map", "Bookshelf", "Coral Reef", "Night Sky"},
		desc: []string{"Thick, snug-fitting pieces.", "Poster included for reference."}},
	{name: "board-game", dept: "toys", path: "Toys & Games > Games > Board Games", n: 60, price: [2]int{12, 69},
		brands: []fbrand{fbGamewick},
		titles: []string{"{B} {F} Board Game for {S}", "{B} {F} Strategy Game, {S}, 30-60 Minute Playing Time"},
		sizes:  []string{"2-4 Players", "Ages 8 and Up", "Family Game Night", "2-6 Players"}, feats: []string{"Harbor Traders", "Castle Siege", "Train Routes", "Island Quest", "Word Tiles"},
		desc: []string{"Easy to learn in ten minutes.", "Includes 120 cards and 4 player boards."}},
	{name: "action-figure", dept: "toys", path: "Toys & Games > Action Figures & Statues", n: 50, price: [2]int{9, 59},
		brands: []fbrand{fbGamewick, fbBlokk},
		titles: []string{"{B} {S} {F} Action Figure with Accessories", "{B} {F} Collectible Figure, {S} Scale"},
		sizes:  []string{"6-Inch", "12\"", "4 inch"}, feats: []string{"Space Ranger", "Knight Commander", "Robot Guardian", "Ninja"},
		desc: []string{"Over 20 points of articulation."}},

	// Small appliances
	{name: "air-fryer", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliances > Fryers > Air Fryers", n: 100, price: [2]int{49, 299},
		brands: []fbrand{fbCrispa, fbWhirla},
		titles: []string{"{B} {S} Air Fryer, {F}, Nonstick Basket - {M}", "{B} {M} {S} Digital Air Fryer Oven, {F}, {C}", "{B} Dual Basket Air Fryer {S} with {F}"},
		sizes:  []string{"5.8 QT", "4 Quart", "8-Quart", "6 qt", "10QT"}, feats: []string{"1700W", "Dishwasher Safe", "Viewing Window", "8 Presets"}, colors: fHomeColors,
		desc: []string{"Crisps with up to 95% less oil.", "Preheats in three minutes.", "Shake reminder for even cooking."}},
	{name: "air-fryer-liners", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliance Parts & Accessories > Air Fryer Accessories", of: "air-fryer", n: 40, price: [2]int{6, 25},
		brands: []fbrand{fbBasic, fbCrispa},
		titles: []string{"{B} Air Fryer Disposable Paper Liners, {S}, {P}", "{B} Reusable Silicone Air Fryer Liners for {S} Basket, {P}"},
		sizes:  []string{"6.3 Inch", "7.9 inch", "8\" Square"}, packs: []string{"100 Pcs", "2-Pack", "125 Count"}, desc: []string{"Non-stick and oil-proof.", "Saves scrubbing the basket."}},
	{name: "coffee-maker", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Coffee, Tea & Espresso > Coffee Makers", n: 90, price: [2]int{19, 349},
		brands: []fbrand{fbBrewmate, fbWhirla},
		titles: []string{"{B} {S} Programmable Coffee Maker, {F}, {C}", "{B} {M} Drip Coffee Machine, {S}, {F}", "{B} Single Serve Coffee Brewer {M}, {F}"},
		sizes:  []string{"12-Cup", "14 Cup", "5-Cup", "10 Cup"}, feats: []string{"Glass Carafe", "Thermal Carafe", "Auto Shut Off", "Brew Strength Control"}, colors: fHomeColors,
		desc: []string{"Wake up to fresh coffee with the 24-hour timer.", "Pause and serve mid-brew.", "Reusable filter basket."}},
	{name: "coffee-filters", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Coffee, Tea & Espresso > Coffee Filters", of: "coffee-maker", n: 25, price: [2]int{3, 19},
		brands: []fbrand{fbBrewmate, fbBasic},
		titles: []string{"{B} Basket Coffee Filters, 8-12 Cup, Natural Brown, {P}", "{B} #4 Cone Paper Filters, {P}"},
		packs:  []string{"200 Count", "600 Count", "100 Ct", "2-Pack"}, desc: []string{"Unbleached paper."}},
	{name: "blender", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliances > Blenders", n: 80, price: [2]int{29, 499},
		brands: []fbrand{fbWhirla, fbCrispa},
		titles: []string{"{B} {S} Professional Blender, {F}, {C} - {M}", "{B} {M} Personal Blender for Shakes and Smoothies, {S}", "{B} Countertop Blender {S} Pitcher, {F}"},
		sizes:  []string{"1000W", "1500 Watt", "72 oz", "64oz", "24 oz"}, feats: []string{"Total Crushing", "6 Speeds", "To-Go Cups", "Self-Cleaning"}, colors: fHomeColors,
		desc: []string{"Crushes ice in seconds.", "BPA-free pitcher.", "Dishwasher-safe parts."}},
	{name: "blender-cup", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliance Parts & Accessories > Blender Parts", of: "blender", target: true, n: 30, price: [2]int{9, 39},
		brands: []fbrand{fbWhirla, fbBasic},
		titles: []string{"Replacement {S} Cup with Blade for {FB} {FM} Blender, {P}", "{B} {S} To-Go Blender Cups Compatible with {FB} {FM}"},
		sizes:  []string{"24 oz", "32 oz", "16 oz"}, packs: []string{"2-Pack", "1 Pack"}, desc: []string{"Screws straight onto the motor base."}},
	{name: "electric-kettle", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliances > Electric Kettles", n: 60, price: [2]int{19, 149},
		brands: []fbrand{fbBrewmate, fbToastique},
		titles: []string{"{B} {S} Electric Kettle, {F}, {C}", "{B} Gooseneck Electric Kettle {M}, {F}, {S}"},
		sizes:  []string{"1.7 Liter", "1.0L", "1.7L", "0.8 L"}, feats: []string{"Temperature Control", "Auto Shut-Off", "Glass", "Keep Warm"}, colors: fHomeColors,
		desc: []string{"Boils water in under four minutes.", "Boil-dry protection."}},
	{name: "toaster", dept: "appliances", path: "Home & Kitchen > Kitchen & Dining > Small Appliances > Toasters", n: 60, price: [2]int{19, 199},
		brands: []fbrand{fbToastique, fbWhirla},
		titles: []string{"{B} {S} Toaster, {F}, {C}", "{B} {M} Long Slot Toaster {S}, {F}"},
		sizes:  []string{"2 Slice", "4-Slice", "2-Slot"}, feats: []string{"Extra Wide Slots", "Bagel Setting", "Removable Crumb Tray", "6 Shade Settings"}, colors: fHomeColors,
		desc: []string{"Fits thick bagels and artisan bread."}},
	{name: "robot-vacuum", dept: "appliances", path: "Home & Kitchen > Vacuums & Floor Care > Robotic Vacuums", n: 70, price: [2]int{129, 999},
		brands: []fbrand{fbRoomba, fbWhirla},
		titles: []string{"{B} {M} Robot Vacuum and Mop Combo, {F}, {S} Suction", "{B} Robotic Vacuum Cleaner {M}, {F}, Works with Alexa", "{B} Self-Emptying Robot Vacuum, {S}, {F}"},
		sizes:  []string{"2700Pa", "4000Pa", "5000 Pa", "1800Pa"}, feats: []string{"LiDAR Navigation", "Self-Charging", "Tangle-Free", "120 Min Runtime"},
		desc: []string{"Maps every room and skips no-go zones.", "Ideal for pet hair on carpet.", "Schedule cleans from the app."}},
	{name: "robot-vacuum-parts", dept: "appliances", path: "Home & Kitchen > Vacuums & Floor Care > Vacuum Parts & Accessories", of: "robot-vacuum", target: true, n: 40, price: [2]int{9, 39},
		brands: []fbrand{fbBasic, fbRoomba},
		titles: []string{"Replacement Parts Kit for {FB} {FM} Robot Vacuum, {P}", "{B} Side Brushes and HEPA Filters for {FB} {FM}, {P}"},
		packs:  []string{"12-Pack", "8 Pack", "16 Pcs"}, desc: []string{"Includes main brush, side brushes and filters."}},
	{name: "humidifier", dept: "appliances", path: "Home & Kitchen > Heating, Cooling & Air Quality > Humidifiers", n: 50, price: [2]int{24, 199},
		brands: []fbrand{fbMistra, fbWarmly},
		titles: []string{"{B} {S} Cool Mist Humidifier for Bedroom, {F} - {M}", "{B} {M} Ultrasonic Humidifier, {S}, {F}"},
		sizes:  []string{"4L", "6 Liter", "2.5L", "1.5 Gallon"}, feats: []string{"Quiet", "Top Fill", "Night Light", "Essential Oil Tray"},
		desc: []string{"Runs up to 40 hours on one tank.", "Whisper-quiet for nurseries."}},
	{name: "humidifier-filter", dept: "appliances", path: "Home & Kitchen > Heating, Cooling & Air Quality > Humidifier Parts & Accessories", of: "humidifier", target: true, n: 25, price: [2]int{8, 29},
		brands: []fbrand{fbMistra, fbBasic},
		titles: []string{"Wick Filter Replacement for {FB} {FM} Humidifier, {P}", "{B} {M} Humidifier Wicking Filters, {P}"},
		packs:  []string{"2-Pack", "4 Pack", "3 Count"}, desc: []string{"Traps minerals from tap water."}},
	{name: "space-heater", dept: "appliances", path: "Home & Kitchen > Heating, Cooling & Air Quality > Space Heaters", n: 50, price: [2]int{24, 199},
		brands: []fbrand{fbWarmly, fbMistra},
		titles: []string{"{B} {S} Ceramic Space Heater, {F}, {C}", "{B} {M} Oil Filled Radiator Heater, {S}, {F}"},
		sizes:  []string{"1500W", "750W/1500W", "1500 Watt"}, feats: []string{"Tip-Over Protection", "Thermostat", "Remote Control", "Oscillating"}, colors: fHomeColors,
		desc: []string{"Warms a room in seconds.", "Cool-touch housing."}},

	// Pet supplies (a department no other judged set has)
	{name: "dog-food", dept: "pets", path: "Pet Supplies > Dogs > Food > Dry", n: 70, price: [2]int{12, 89},
		brands: []fbrand{fbKibbl, fbPawpal},
		titles: []string{"{B} {F} Dry Dog Food, {S} Bag", "{B} Grain Free Dog Food, {F}, {S}", "{B} Adult Dry Dog Kibble, {F}, {S}"},
		sizes:  []string{"30 lb", "4 lb", "15-lb", "24 lbs", "5 lb"}, feats: []string{"Chicken & Rice", "Lamb & Brown Rice", "Salmon & Sweet Potato", "Large Breed", "Puppy"},
		desc: []string{"Real meat is the first ingredient.", "No corn, wheat or soy.", "With glucosamine for healthy joints."}},
	{name: "cat-litter", dept: "pets", path: "Pet Supplies > Cats > Litter & Housebreaking > Litter", n: 50, price: [2]int{9, 39},
		brands: []fbrand{fbWhisk, fbKibbl},
		titles: []string{"{B} Clumping Cat Litter, {F}, {S}", "{B} {F} Multi-Cat Litter, {S}, {P}"},
		sizes:  []string{"20 lb", "40 lbs", "14 lb", "25 Pound"}, feats: []string{"Unscented", "Odor Control", "Low Dust", "Lightweight"}, packs: []string{"2-Pack", "1 Box", ""},
		desc: []string{"Forms tight clumps for easy scooping.", "99% dust free."}},
	{name: "litter-box", dept: "pets", path: "Pet Supplies > Cats > Litter & Housebreaking > Litter Boxes", n: 50, price: [2]int{14, 499},
		brands: []fbrand{fbWhisk, fbPawpal},
		titles: []string{"{B} Hooded Cat Litter Box with {F}, {S}, {C}", "{B} {M} Self-Cleaning Litter Box, {F}, App Control", "{B} High-Sided Litter Pan, {S}"},
		sizes:  []string{"Large", "Jumbo", "XL", "Standard"}, feats: []string{"Carbon Filter", "Front Door", "Scoop Included", "Odor Seal"}, colors: fPetColors,
		desc: []string{"High walls keep litter inside.", "Easy-clean smooth plastic."}},
	{name: "litter-box-liners", dept: "pets", path: "Pet Supplies > Cats > Litter & Housebreaking > Litter Box Liners", of: "litter-box", n: 20, price: [2]int{5, 19},
		brands: []fbrand{fbWhisk, fbBasic},
		titles: []string{"{B} Drawstring Litter Box Liners, {S}, {P}", "{B} Cat Pan Liners, {P}, Extra Thick"},
		sizes:  []string{"Jumbo", "Large", "XL"}, packs: []string{"10 Count", "30 Count", "15-Pack"}, desc: []string{"Tear-resistant for sharp claws."}},
	{name: "dog-leash", dept: "pets", path: "Pet Supplies > Dogs > Collars, Harnesses & Leashes > Leashes", n: 50, price: [2]int{7, 45},
		brands: []fbrand{fbFetch, fbPawpal},
		titles: []string{"{B} {S} Dog Leash, {F}, {C}", "{B} Retractable Dog Leash {S}, {F} for Dogs up to 110 lbs"},
		sizes:  []string{"6 FT", "16 ft", "5 Foot", "26 ft"}, feats: []string{"Padded Handle", "Reflective", "Heavy Duty Rope", "Tangle Free"}, colors: fPetColors,
		desc: []string{"Strong enough for pullers.", "Reflective stitching for night walks."}},
	{name: "dog-bed", dept: "pets", path: "Pet Supplies > Dogs > Beds & Furniture > Beds", n: 50, price: [2]int{19, 149},
		brands: []fbrand{fbPawpal, fbFetch},
		titles: []string{"{B} Orthopedic Dog Bed for {S} Dogs, {F}, {C}", "{B} Calming Donut Dog Bed {S}, {F}"},
		sizes:  []string{"Large", "Medium", "Small", "XL", "36\" x 27\""}, feats: []string{"Memory Foam", "Washable Removable Cover", "Waterproof Liner", "Bolster"}, colors: fPetColors,
		desc: []string{"Supports aching joints.", "Non-skid bottom."}},
	{name: "dog-toy", dept: "pets", path: "Pet Supplies > Dogs > Toys > Chew Toys", n: 50, price: [2]int{5, 29},
		brands: []fbrand{fbFetch, fbPawpal},
		titles: []string{"{B} Tough Dog Chew Toy for Aggressive Chewers, {F}, {S}", "{B} Squeaky Dog Toys, {F}, {P}"},
		sizes:  []string{"Large", "Medium", "Small"}, feats: []string{"Natural Rubber", "Durable Nylon", "Rope", "Treat Dispensing"}, packs: []string{"3 Pack", "5-Pack", "12 Pcs"},
		desc: []string{"For medium and large breeds.", "Cleans teeth while they chew."}},
	{name: "pet-fountain", dept: "pets", path: "Pet Supplies > Cats > Feeding & Watering Supplies > Fountains", n: 40, price: [2]int{19, 79},
		brands: []fbrand{fbClearcup, fbWhisk},
		titles: []string{"{B} {S} Cat Water Fountain, {F}, {C} - {M}", "{B} {M} Pet Water Dispenser for Cats and Dogs, {S}, {F}"},
		sizes:  []string{"2.5L", "84oz", "3L", "67 oz"}, feats: []string{"Ultra Quiet Pump", "LED Water Level", "Stainless Steel Top", "Triple Filtration"}, colors: fPetColors,
		desc: []string{"Flowing water encourages cats to drink.", "Pump runs at under 30 dB."}},
	{name: "fountain-filter", dept: "pets", path: "Pet Supplies > Cats > Feeding & Watering Supplies > Fountain Filters", of: "pet-fountain", target: true, n: 30, price: [2]int{6, 24},
		brands: []fbrand{fbClearcup, fbBasic},
		titles: []string{"{P} Replacement Filters for {FB} {FM} Cat Fountain", "{B} {M} Fountain Filters, Carbon and Ion Exchange Resin, {P}"},
		packs:  []string{"8-Pack", "6 Pack", "12 Pcs"}, desc: []string{"Change every two to four weeks."}},
	{name: "cat-tree", dept: "pets", path: "Pet Supplies > Cats > Furniture > Cat Trees", n: 40, price: [2]int{29, 229},
		brands: []fbrand{fbWhisk, fbPawpal},
		titles: []string{"{B} {S} Cat Tree Tower with {F}, {C}", "{B} Multi-Level Cat Condo {S}, {F}"},
		sizes:  []string{"54\"", "72 Inch", "36-Inch", "62\""}, feats: []string{"Sisal Scratching Posts", "Hammock", "Plush Perches", "Cozy Condo"}, colors: fPetColors,
		desc: []string{"Sturdy base that will not wobble.", "Keeps claws off the furniture."}},
}

// freshCloseTypes: a type a shopper would take in place of the one asked for (grade 2).
var freshCloseTypes = map[string][]string{
	"earbuds":       {"headphones"},
	"headphones":    {"earbuds"},
	"jigsaw-puzzle": {"board-game"},
	"board-game":    {"jigsaw-puzzle"},
	"copy-paper":    {},
	"coffee-maker":  {"electric-kettle"},
}

var freshTypeIndex = func() map[string]*ftype {
	m := map[string]*ftype{}
	for i := range freshTypes {
		m[freshTypes[i].name] = &freshTypes[i]
	}
	return m
}()

var freshSellers = []catalog.Seller{
	{ID: "megamart-direct", Name: "MegaMart Direct", StripeProfileID: "profile_test_megamart01"},
	{ID: "cornerstone-retail", Name: "Cornerstone Retail", StripeProfileID: "profile_test_cornerstone02"},
}

// generateFresh returns the fresh catalog; the same on every call.
func generateFresh() ([]catalog.Seller, []Item) {
	g := &freshGen{r: rand.New(rand.NewPCG(freshSeed, freshSeed*7+1)), models: map[string]bool{}, byType: map[string][]int{}}
	for pass := 0; pass < 2; pass++ {
		for i := range freshTypes {
			t := &freshTypes[i]
			if (t.of != "") != (pass == 1) {
				continue
			}
			for range t.n {
				g.item(t)
			}
		}
	}
	// Shuffle so that accessories are not stored after all the products.
	g.r.Shuffle(len(g.items), func(i, j int) { g.items[i], g.items[j] = g.items[j], g.items[i] })
	return append([]catalog.Seller(nil), freshSellers...), g.items
}

type freshGen struct {
	r      *rand.Rand
	items  []Item
	models map[string]bool
	byType map[string][]int
}

func (g *freshGen) pick(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[g.r.IntN(len(s))]
}

// model draws an unused model number in the brand's style: 0 "OB-Q45", 1 blocks
// "SDX61-1T00-G25", 2 slash "QT/2205B", 3 dotted "PXL 7.2K" style, 4 and 5 bare
// digits "75301" (toy sets, pet food codes).
func (g *freshGen) model(b fbrand) string {
	for {
		var m string
		switch b.style {
		case 0:
			m = fmt.Sprintf("%s-%c%d", b.code, 'A'+rune(g.r.IntN(26)), 10+g.r.IntN(990))
		case 1:
			m = fmt.Sprintf("%s%d-%d%c%02d-G%d", b.code, 10+g.r.IntN(90), 1+g.r.IntN(9), 'A'+rune(g.r.IntN(26)), g.r.IntN(100), 10+g.r.IntN(90))
		case 2:
			m = fmt.Sprintf("%s/%d%c", b.code, 1000+g.r.IntN(9000), 'A'+rune(g.r.IntN(6)))
		case 3:
			m = fmt.Sprintf("%s%d.%d", b.code, 100+g.r.IntN(900), 1+g.r.IntN(9))
		default:
			m = fmt.Sprintf("%d", 10000+g.r.IntN(90000))
		}
		if k := modelKey(m); !g.models[k] {
			g.models[k] = true
			return m
		}
	}
}

func (g *freshGen) item(t *ftype) {
	id := fmt.Sprintf("fc-%05d", len(g.items)+1)
	b := t.brands[g.r.IntN(len(t.brands))]
	tr := Truth{Dept: t.dept, Path: t.path, Type: t.name, AccessoryOf: t.of}
	if t.target {
		c := g.byType[t.of]
		target := g.items[c[g.r.IntN(len(c))]]
		tr.ForBrand, tr.ForModel = target.Truth.Brand, target.Truth.Model
	}
	if t.of != "" && !t.target && g.r.Float64() < 0.5 {
		// An accessory that fits one brand's products in general.
		c := g.byType[t.of]
		tr.ForBrand = g.items[c[g.r.IntN(len(c))]].Truth.Brand
	}
	tr.Brand, tr.Model = b.name, g.model(b)
	r := strings.NewReplacer("{B}", b.name, "{M}", tr.Model, "{S}", g.pick(t.sizes), "{F}", g.pick(t.feats),
		"{P}", g.pick(t.packs), "{C}", g.pick(t.colors), "{FB}", tr.ForBrand, "{FM}", tr.ForModel)
	tmpl := g.pick(t.titles)
	modelInTitle := strings.Contains(tmpl, "{M}")
	title := freshTidy(r.Replace(tmpl))

	var desc []string
	n := g.r.IntN(len(t.desc) + 2) // 0 … len(desc)+1 sentences
	ds := append([]string(nil), t.desc...)
	g.r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
	desc = append(desc, ds[:min(n, len(ds))]...)
	if tr.ForModel != "" && g.r.Float64() < 0.7 {
		desc = append(desc, "Fits "+tr.ForBrand+" model "+tr.ForModel+".")
	} else if tr.ForBrand != "" && !strings.Contains(title, tr.ForBrand) {
		desc = append(desc, "Works with "+tr.ForBrand+" models.")
	}
	if !modelInTitle && g.r.Float64() < 0.4 {
		desc = append(desc, "Item model number: "+tr.Model+".")
	}
	if n > len(ds) {
		desc = append(desc, "Satisfaction guaranteed or your money back within 30 days.")
	}

	attr := map[string]string{}
	if g.r.Float64() < 0.8 {
		attr["model"] = tr.Model
	}
	if g.r.Float64() < 0.3 {
		attr["mpn"] = strings.NewReplacer("-", "", "/", "", ".", "").Replace(tr.Model)
	}
	tr.Price = g.price(t.price)
	p := catalog.Product{
		ID:          id,
		SellerID:    freshSellers[g.r.IntN(len(freshSellers))].ID,
		Title:       title,
		Brand:       b.name,
		Attributes:  attr,
		Description: strings.Join(desc, " "),
		Price:       money.Money{Amount: tr.Price, Currency: "USD"},
	}
	p.URL = "https://" + p.SellerID + ".example/ip/" + id
	if g.r.Float64() < 0.4 {
		p.Category = t.path
		tr.Categorised = true
	}
	if g.r.Float64() < 0.6 {
		tr.GTIN = g.gtin()
		p.GTIN = tr.GTIN
	}
	switch x := g.r.Float64(); {
	case x < 0.12: // unrated
	case x < 0.3:
		p.Rating = float64(25+g.r.IntN(15)) / 10
	default:
		p.Rating = float64(40+g.r.IntN(11)) / 10
	}
	if p.Rating > 0 {
		p.ReviewCount = 1 + g.r.Int64N(20000)
	}
	tr.Rating = p.Rating
	if g.r.Float64() < 0.08 {
		p.Stock = new(int64)
	} else {
		p.Availability = catalog.InStock
	}
	tr.InStock = p.Stock == nil || *p.Stock > 0
	g.byType[t.name] = append(g.byType[t.name], len(g.items))
	g.items = append(g.items, Item{Product: p, Truth: tr})
}

func (g *freshGen) gtin() string {
	d := []byte{'0'} // UPC-A as GTIN-13, prefix 0 then a fictional company prefix range
	d = append(d, '2')
	for range 10 {
		d = append(d, byte('0'+g.r.IntN(10)))
	}
	return string(d) + string(rune('0'+gtinCheck(string(d))))
}

// price draws whole-dollar-ish shop prices (x.99, x.97, x.00) uniformly in r.
func (g *freshGen) price(r [2]int) int64 {
	d := int64(r[0] + g.r.IntN(r[1]-r[0]+1))
	return d*100 - []int64{1, 1, 3, 100}[g.r.IntN(4)]%100
}

// freshTidy drops what empty placeholders leave: ", ," "( )" and trailing separators.
func freshTidy(s string) string {
	for _, r := range [][2]string{{"()", ""}, {"( )", ""}, {" ,", ","}, {",,", ","}, {"  ", " "}, {", -", " -"}, {", (", " ("}} {
		for strings.Contains(s, r[0]) {
			s = strings.ReplaceAll(s, r[0], r[1])
		}
	}
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, ","), " -"))
		if t == s {
			return s
		}
		s = t
	}
}
