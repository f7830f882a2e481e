package demo

// The taxonomy of generated catalogs (see Generate): departments, their categories and
// the product types of each category, with the vocabulary every department's products
// are written from. Each product type is a subcategory ("Home & Kitchen > Cookware >
// Frying Pans"); each category also has an "Accessories" subcategory for the things
// made for its types. All text is original to this project.

// dept is one department of the generated taxonomy.
type dept struct {
	name   string
	weight int // relative share of products
	// codes: titles carry the model number ("Velora Aero VL-4820 Soundbar").
	codes bool
	// gendered: some types get "Men's", "Women's" or "Kids'" before them.
	gendered  bool
	titleAttr string // attribute appended to the title after a comma; "" for none
	attrs     []attr // attributes every product of the department gets
	materials []string
	uses      []string // completes "for …"
	// features are whole sentences; {noun} is the product type, {brand} and {model}
	// as in the shared openers.
	features    []string
	accessories []string // nouns of the things made for the department's types
	openers     []string // nil means the shared openers, picked by the type's number
	closers     []string // nil means goodsClosers
	cats        []gcat
}

// gcat is one category: its price range in whole dollars and its product types,
// comma-separated and singular unless the thing is plural ("Headphones").
type gcat struct {
	name   string
	lo, hi int
	types  string
	attrs  []attr // extra attributes of this category's products
}

var (
	colors      = attr{"color", []string{"Black", "White", "Gray", "Navy", "Silver", "Red", "Blue", "Green", "Charcoal", "Beige", "Olive", "Burgundy", "Teal", "Sand", "Graphite", "Rose"}}
	apparelSize = attr{"size", []string{"XS", "S", "M", "L", "XL", "XXL", "S-XL", "XS-XXL"}}
	shoeSize    = attr{"size", []string{"US 5", "US 6", "US 7", "US 8", "US 9", "US 10", "US 11", "US 12", "US 13"}}
	gender      = attr{"gender", []string{"male", "female", "unisex"}}
	patterns    = attr{"pattern", []string{"Solid", "Solid", "Solid", "Striped", "Plaid", "Heathered", "Floral", "Camo", "Geometric"}}
	conditions  = attr{"condition", []string{"new", "new", "new", "new", "new", "new", "new", "new", "refurbished", "used"}}
	capacity    = attr{"size", []string{"64 GB", "128 GB", "256 GB", "512 GB", "1 TB", "2 TB", "4 TB"}}
	volume      = attr{"size", []string{"8 oz", "12 oz", "16 oz", "24 oz", "32 oz", "1 L", "1.5 L", "2 L"}}
	dims        = attr{"size", []string{"Small", "Medium", "Large", "Extra Large", "Compact", "Full Size"}}
	wood        = attr{"material", []string{"Oak", "Walnut", "Pine", "Bamboo", "Acacia", "Engineered Wood", "Steel", "Rattan"}}
)

var departments = []dept{
	{
		name: "Apparel", weight: 40, gendered: true, titleAttr: "color",
		attrs:     []attr{colors, apparelSize, gender, patterns},
		materials: []string{"organic cotton", "recycled polyester", "merino wool", "linen", "stretch denim", "bamboo viscose", "nylon ripstop", "brushed fleece", "cotton twill"},
		uses:      []string{"everyday wear", "the office", "weekend trips", "cold mornings", "the gym", "layering", "travel", "warm evenings"},
		features: []string{
			"A relaxed fit leaves room to move without looking baggy.",
			"Flatlock seams lie smooth against the skin and resist chafing.",
			"The fabric wicks moisture and dries quickly after a wash.",
			"Reinforced stitching at stress points keeps the {noun} in shape for years.",
			"It is machine washable and comes out of the dryer ready to wear.",
			"A tagless collar and soft inner finish keep it comfortable all day.",
			"Hidden zip pockets keep a phone and keys secure.",
			"The waterproof, breathable shell keeps rain out while letting heat escape.",
		},
		accessories: []string{"garment bag", "hanger", "repair kit", "patch"},
		cats: []gcat{
			{"Tops", 12, 70, "T-Shirt, Polo Shirt, Henley, Tank Top, Button-Down Shirt, Blouse, Tunic, Long Sleeve Tee", nil},
			{"Bottoms", 20, 110, "Jeans, Chinos, Cargo Pants, Joggers, Shorts, Skirt, Leggings, Corduroy Pants", nil},
			{"Outerwear", 40, 380, "Rain Jacket, Down Jacket, Parka, Fleece Jacket, Softshell Jacket, Windbreaker, Trench Coat, Puffer Vest, Waterproof Jacket", nil},
			{"Knitwear", 30, 160, "Sweater, Cardigan, Hoodie, Sweatshirt, Turtleneck, Quarter-Zip Pullover", nil},
			{"Dresses", 30, 180, "Maxi Dress, Wrap Dress, Shirt Dress, Sundress, Cocktail Dress, Slip Dress", nil},
			{"Activewear", 15, 120, "Running Shirt, Sports Bra, Training Shorts, Yoga Pants, Compression Tights, Track Jacket", nil},
			{"Sleepwear", 15, 90, "Pajama Set, Nightgown, Robe, Sleep Shorts, Lounge Pants", nil},
			{"Underwear & Socks", 6, 45, "Boxer Briefs, Briefs, Crew Socks, Ankle Socks, Wool Hiking Socks, Thermal Base Layer", nil},
			{"Hats, Gloves & Belts", 8, 90, "Beanie, Baseball Cap, Scarf, Gloves, Belt, Sun Hat, Bucket Hat", nil},
		},
	},
	{
		name: "Shoes", weight: 8, gendered: true, titleAttr: "color",
		attrs:     []attr{colors, shoeSize, gender},
		materials: []string{"full-grain leather", "suede", "engineered mesh", "recycled knit", "canvas", "vegan leather", "waterproof nubuck"},
		uses:      []string{"daily runs", "long days on your feet", "city walking", "trail hikes", "the office", "weekend errands", "wet weather"},
		features: []string{
			"A cushioned midsole absorbs impact on hard pavement.",
			"The rubber outsole grips on wet stone and loose gravel.",
			"A padded collar and tongue lock the heel in place.",
			"The removable insole works with custom orthotics.",
			"A roomy toe box lets toes spread naturally.",
			"A waterproof membrane keeps feet dry through puddles.",
			"Stitched-down construction means the {noun} can be resoled.",
		},
		accessories: []string{"insole", "shoe bag", "cleaning kit", "lace", "protector spray"},
		cats: []gcat{
			{"Athletic", 50, 220, "Running Shoes, Trail Running Shoes, Training Shoes, Basketball Shoes, Tennis Shoes, Walking Shoes", nil},
			{"Casual", 35, 160, "Sneakers, Slip-On Shoes, Loafers, Boat Shoes, Espadrilles", nil},
			{"Boots", 70, 320, "Hiking Boots, Chelsea Boots, Rain Boots, Work Boots, Snow Boots, Ankle Boots", nil},
			{"Dress", 60, 260, "Oxford Shoes, Derby Shoes, Pumps, Ballet Flats, Heeled Sandals", nil},
			{"Sandals & Slippers", 15, 110, "Sandals, Flip-Flops, Slides, House Slippers, Clogs", nil},
		},
	},
	{
		name: "Home & Kitchen", weight: 14, titleAttr: "color",
		attrs:     []attr{colors},
		materials: []string{"stainless steel", "enameled cast iron", "tempered glass", "acacia wood", "BPA-free plastic", "stoneware", "hard-anodized aluminum", "food-grade silicone", "porcelain", "bamboo"},
		uses:      []string{"weeknight dinners", "family meals", "small kitchens", "entertaining guests", "meal prep", "everyday cooking", "holiday baking"},
		features: []string{
			"It is dishwasher safe and cleans up in seconds.",
			"The {noun} works on gas, electric and induction cooktops.",
			"Riveted handles stay cool on the stovetop.",
			"Nesting pieces save space in a crowded cabinet.",
			"A nonstick coating releases food without extra oil.",
			"The weighted base keeps it steady on the counter.",
			"Every piece is oven safe to 500 degrees Fahrenheit.",
			"It stacks neatly and stores flat in a drawer.",
		},
		accessories: []string{"lid", "replacement handle", "cleaning brush", "storage rack", "liner", "organizer"},
		cats: []gcat{
			{"Cookware", 20, 400, "Frying Pan, Saucepan, Stock Pot, Dutch Oven, Wok, Griddle, Saute Pan, Roasting Pan, Cookware Set", nil},
			{"Bakeware", 8, 80, "Baking Sheet, Cake Pan, Muffin Tin, Loaf Pan, Pie Dish, Cooling Rack, Baking Mat", nil},
			{"Cutlery", 10, 300, "Chef's Knife, Paring Knife, Bread Knife, Knife Block Set, Kitchen Shears, Steak Knives", nil},
			{"Kitchen Tools", 5, 60, "Spatula, Whisk, Ladle, Tongs, Peeler, Grater, Can Opener, Garlic Press, Measuring Cups, Mixing Bowls", nil},
			{"Coffee & Tea", 15, 350, "French Press, Pour-Over Dripper, Coffee Grinder, Electric Kettle, Teapot, Espresso Machine, Milk Frother, Cold Brew Maker", nil},
			{"Food Storage", 6, 60, "Food Storage Containers, Glass Jars, Bread Box, Lunch Box, Water Bottle, Travel Mug", []attr{volume}},
			{"Dining", 10, 200, "Dinnerware Set, Dinner Plates, Cereal Bowls, Drinking Glasses, Wine Glasses, Flatware Set, Serving Platter", nil},
			{"Bedding", 25, 300, "Sheet Set, Duvet Cover, Comforter, Pillow, Mattress Topper, Weighted Blanket, Quilt", []attr{{"size", []string{"Twin", "Full", "Queen", "King", "California King"}}}},
			{"Bath", 8, 120, "Bath Towel Set, Bath Mat, Shower Curtain, Bathrobe, Towel Rack", nil},
			{"Home Decor", 10, 250, "Throw Pillow, Area Rug, Wall Mirror, Table Lamp, Floor Lamp, Picture Frame, Candle, Vase, Wall Clock", nil},
			{"Storage & Organization", 8, 150, "Storage Bins, Closet Organizer, Shoe Rack, Laundry Hamper, Drawer Dividers, Wall Shelf", nil},
		},
	},
	{
		name: "Furniture", weight: 4, titleAttr: "material",
		attrs:     []attr{wood, colors},
		materials: []string{"solid oak", "walnut veneer", "powder-coated steel", "upholstered linen", "performance velvet", "solid pine", "rattan"},
		uses:      []string{"small apartments", "the living room", "a home office", "guest rooms", "the entryway", "kids' rooms"},
		features: []string{
			"It arrives flat-packed and assembles in under an hour with the included tools.",
			"Felt pads under each leg protect hardwood floors.",
			"The frame holds up to 300 pounds.",
			"Removable cushion covers unzip for washing.",
			"Adjustable feet keep it level on uneven floors.",
			"Rounded corners make the {noun} safer around children.",
		},
		accessories: []string{"cover", "cushion", "furniture pad", "replacement part", "protector"},
		cats: []gcat{
			{"Living Room", 120, 1800, "Sofa, Loveseat, Armchair, Coffee Table, Side Table, TV Stand, Bookcase, Ottoman", nil},
			{"Bedroom", 100, 1500, "Bed Frame, Nightstand, Dresser, Headboard, Wardrobe, Mattress", nil},
			{"Office Furniture", 80, 900, "Standing Desk, Office Chair, Writing Desk, Filing Cabinet, Desk Shelf", nil},
			{"Dining Room", 90, 1400, "Dining Table, Dining Chair, Bar Stool, Sideboard, Bench", nil},
			{"Outdoor Furniture", 70, 1200, "Patio Set, Adirondack Chair, Hammock, Outdoor Sofa, Patio Umbrella", nil},
		},
	},
	{
		name: "Electronics", weight: 12, codes: true, titleAttr: "color",
		attrs:     []attr{colors, conditions},
		materials: []string{"anodized aluminum", "recycled plastic", "tempered glass", "braided nylon", "soft-touch silicone", "magnesium alloy"},
		uses:      []string{"commuting", "home theater setups", "gaming", "video calls", "travel", "workouts", "late-night listening"},
		features: []string{
			"Bluetooth 5.3 pairs in seconds and holds the connection across the room.",
			"A single charge lasts up to 30 hours.",
			"Fast charging over USB-C adds hours of use in ten minutes.",
			"Active noise cancellation quiets engines and office chatter.",
			"The companion app adds an equalizer and firmware updates.",
			"It supports 4K HDR at 60 frames per second.",
			"Built-in microphones pick up voice clearly in noisy rooms.",
			"The {noun} is covered by a two-year warranty.",
		},
		accessories: []string{"case", "charger", "cable", "mount", "stand", "remote", "screen protector", "battery", "strap"},
		cats: []gcat{
			{"Audio", 20, 450, "Headphones, Earbuds, Bluetooth Speaker, Soundbar, Turntable, Home Theater System, Portable Radio", nil},
			{"Television & Video", 150, 2500, "Television, Projector, Streaming Media Player, Blu-ray Player, Projector Screen", nil},
			{"Cameras", 60, 2200, "Mirrorless Camera, Action Camera, Instant Camera, Camera Lens, Tripod, Dash Cam, Security Camera", nil},
			{"Phones & Tablets", 100, 1300, "Smartphone, Tablet, E-Reader, Smartwatch, Fitness Tracker", []attr{capacity}},
			{"Wearable Tech", 30, 450, "GPS Watch, Smart Ring, Heart Rate Monitor, Sleep Tracker", nil},
			{"Smart Home", 20, 300, "Smart Plug, Video Doorbell, Smart Thermostat, Smart Light Bulb, Wi-Fi Mesh System, Smart Lock", nil},
			{"Power", 10, 150, "Power Bank, Wall Charger, Charging Station, Surge Protector, Wireless Charger", nil},
			{"Gaming", 20, 600, "Game Console, Game Controller, Gaming Headset, Gaming Keyboard, Gaming Mouse, Capture Card", nil},
		},
	},
	{
		name: "Computers & Office", weight: 7, codes: true, titleAttr: "color",
		attrs:     []attr{colors, conditions},
		materials: []string{"aluminum", "recycled plastic", "PBT keycaps", "steel", "vegan leather", "FSC-certified paper"},
		uses:      []string{"remote work", "students", "small offices", "creative work", "long writing sessions", "home offices"},
		features: []string{
			"It works with Windows, macOS and ChromeOS without drivers.",
			"A single USB-C cable carries power, video and data.",
			"The {noun} is built to last through years of daily use.",
			"Low-profile keys are quiet enough for shared offices.",
			"A one-year warranty and responsive support come standard.",
			"Compact dimensions leave room on a crowded desk.",
		},
		accessories: []string{"sleeve", "dock", "hub", "adapter", "cartridge", "toner", "stylus", "cable"},
		cats: []gcat{
			{"Laptops & Desktops", 300, 2500, "Laptop, Chromebook, Desktop Computer, All-in-One Computer, Mini PC, 2-in-1 Laptop", []attr{capacity}},
			{"Monitors", 120, 1200, "Monitor, Ultrawide Monitor, Portable Monitor, Gaming Monitor", nil},
			{"Computer Accessories", 10, 200, "Keyboard, Mouse, Webcam, USB Microphone, Monitor Arm, Laptop Stand, Docking Station, USB Hub", nil},
			{"Storage", 15, 400, "External Hard Drive, Portable SSD, USB Flash Drive, Memory Card, NAS Enclosure", []attr{capacity}},
			{"Networking", 25, 350, "Wi-Fi Router, Network Switch, Range Extender, Ethernet Cable, Powerline Adapter", nil},
			{"Printers", 60, 700, "Inkjet Printer, Laser Printer, Label Printer, Document Scanner, 3D Printer", nil},
			{"Office Supplies", 3, 60, "Notebook, Planner, Gel Pens, Highlighters, Desk Organizer, Stapler, Sticky Notes, Paper Shredder", nil},
		},
	},
	{
		name: "Appliances", weight: 5, codes: true, titleAttr: "color",
		attrs:     []attr{colors, conditions},
		materials: []string{"stainless steel", "brushed steel", "BPA-free plastic", "tempered glass", "ceramic"},
		uses:      []string{"busy households", "small kitchens", "pet owners", "allergy season", "large families", "apartments"},
		features: []string{
			"Energy Star certified to cut running costs.",
			"A quiet motor runs under 50 decibels.",
			"The washable filter traps fine dust and pet hair.",
			"Digital controls and a delay timer make it easy to schedule.",
			"Removable parts are dishwasher safe.",
			"It fits under standard kitchen cabinets.",
		},
		accessories: []string{"filter", "replacement brush", "attachment", "nozzle", "hose", "bag", "cartridge", "remote"},
		cats: []gcat{
			{"Small Kitchen Appliances", 25, 500, "Blender, Air Fryer, Toaster, Slow Cooker, Stand Mixer, Food Processor, Rice Cooker, Juicer, Coffee Maker, Microwave", nil},
			{"Vacuums & Floor Care", 60, 800, "Vacuum Cleaner, Cordless Vacuum, Robot Vacuum, Carpet Cleaner, Steam Mop, Wet Dry Vacuum", nil},
			{"Heating & Cooling", 30, 600, "Space Heater, Tower Fan, Air Conditioner, Dehumidifier, Humidifier, Air Purifier", nil},
			{"Laundry", 200, 1600, "Washing Machine, Clothes Dryer, Garment Steamer, Iron", nil},
			{"Major Appliances", 400, 3000, "Refrigerator, Dishwasher, Range, Wall Oven, Chest Freezer, Wine Cooler", nil},
		},
	},
	{
		name: "Tools & Home Improvement", weight: 6, codes: true, titleAttr: "",
		attrs:     []attr{colors, conditions},
		materials: []string{"hardened steel", "chrome vanadium", "fiberglass", "cast aluminum", "impact-resistant nylon"},
		uses:      []string{"weekend projects", "job sites", "home repairs", "woodworking", "deck building", "plumbing jobs"},
		features: []string{
			"A brushless motor runs cooler and longer on each battery.",
			"The rubber grip reduces vibration and fatigue.",
			"An LED work light shows the cut line in dark corners.",
			"It shares batteries with the rest of the 20V line.",
			"A hard case keeps the {noun} and its bits together.",
			"Tool-free adjustments save time between cuts.",
		},
		accessories: []string{"blade", "battery", "charger", "case", "attachment", "replacement part", "guard"},
		cats: []gcat{
			{"Power Tools", 40, 500, "Cordless Drill, Impact Driver, Circular Saw, Jigsaw, Orbital Sander, Angle Grinder, Rotary Tool, Reciprocating Saw", nil},
			{"Hand Tools", 6, 120, "Hammer, Screwdriver Set, Wrench Set, Pliers, Tape Measure, Utility Knife, Socket Set, Level", nil},
			{"Lighting & Electrical", 8, 200, "LED Light Bulb, Work Light, Flashlight, Headlamp, Extension Cord, Ceiling Light", nil},
			{"Plumbing", 15, 350, "Shower Head, Kitchen Faucet, Bathroom Faucet, Toilet Seat, Water Filter, Garbage Disposal", nil},
			{"Hardware", 4, 80, "Cabinet Hinges, Door Handle, Wall Anchors, Hook Set, Padlock, Drawer Pulls", nil},
			{"Paint & Supplies", 5, 90, "Paint Roller Kit, Paint Brush Set, Drop Cloth, Painter's Tape, Caulk Gun", nil},
		},
	},
	{
		name: "Garden & Outdoor", weight: 5, titleAttr: "",
		attrs:     []attr{colors, dims},
		materials: []string{"galvanized steel", "UV-resistant resin", "cedar", "powder-coated aluminum", "heavy-duty polyethylene", "terracotta"},
		uses:      []string{"vegetable beds", "small patios", "large lawns", "balcony gardens", "backyard barbecues", "spring planting"},
		features: []string{
			"Weather-resistant construction stands up to sun, rain and frost.",
			"The ergonomic handle reduces strain on wrists.",
			"Drainage holes keep roots from sitting in water.",
			"It folds flat for winter storage.",
			"Rust-resistant hardware is included.",
			"The {noun} is backed by a five-year warranty.",
		},
		accessories: []string{"cover", "replacement blade", "hose", "nozzle", "liner", "stand"},
		cats: []gcat{
			{"Gardening", 5, 90, "Pruning Shears, Trowel, Garden Hose, Watering Can, Raised Garden Bed, Planter, Garden Gloves, Compost Bin", nil},
			{"Lawn Care", 30, 700, "Lawn Mower, String Trimmer, Leaf Blower, Hedge Trimmer, Sprinkler, Lawn Spreader", nil},
			{"Grills & Outdoor Cooking", 40, 1200, "Gas Grill, Charcoal Grill, Pellet Smoker, Pizza Oven, Griddle Station, Grill Tools Set", nil},
			{"Outdoor Decor", 10, 300, "Solar Path Lights, String Lights, Fire Pit, Bird Feeder, Wind Chime, Doormat", nil},
			{"Pools & Hot Tubs", 20, 900, "Pool Float, Pool Cleaner, Inflatable Pool, Hot Tub Cover", nil},
		},
	},
	{
		name: "Sports & Outdoors", weight: 7, titleAttr: "color",
		attrs:     []attr{colors, dims},
		materials: []string{"ripstop nylon", "aluminum alloy", "EVA foam", "carbon fiber", "natural rubber", "recycled polyester"},
		uses:      []string{"weekend camping", "backcountry trips", "home workouts", "long rides", "team practice", "beach days", "race training"},
		features: []string{
			"It packs down small enough to fit in a daypack.",
			"Reinforced seams and bar-tacked stress points resist tearing.",
			"The non-slip surface grips even when wet.",
			"Adjustable straps fit a wide range of body sizes.",
			"At under two pounds, the {noun} is easy to carry all day.",
			"A lifetime warranty covers defects in materials and workmanship.",
		},
		accessories: []string{"carrying bag", "replacement strap", "mount", "pump", "repair kit", "case", "guard"},
		cats: []gcat{
			{"Camping", 20, 600, "Tent, Sleeping Bag, Sleeping Pad, Camp Stove, Lantern, Camp Chair, Cooler, Hammock", nil},
			{"Hiking", 15, 300, "Backpack, Daypack, Trekking Poles, Hydration Pack, Water Filter Bottle, Hiking Gaiters", nil},
			{"Cycling", 20, 2000, "Road Bike, Mountain Bike, Bike Helmet, Bike Light, Bike Lock, Cycling Jersey, Bike Pump", nil},
			{"Fitness", 10, 900, "Yoga Mat, Dumbbell Set, Kettlebell, Resistance Bands, Exercise Bike, Treadmill, Jump Rope, Foam Roller", nil},
			{"Team Sports", 10, 200, "Soccer Ball, Basketball, Baseball Glove, Hockey Stick, Volleyball, Shin Guards", nil},
			{"Water Sports", 20, 1200, "Kayak, Paddle Board, Life Jacket, Wetsuit, Snorkel Set, Dry Bag", nil},
			{"Winter Sports", 40, 800, "Skis, Snowboard, Ski Goggles, Ski Helmet, Snowshoes", nil},
			{"Fishing", 10, 400, "Fishing Rod, Fishing Reel, Tackle Box, Fishing Line, Waders", nil},
		},
	},
	{
		name: "Beauty & Personal Care", weight: 6, titleAttr: "size",
		closers:   consumableClosers,
		attrs:     []attr{volume},
		materials: []string{"hyaluronic acid", "shea butter", "vitamin C", "niacinamide", "argan oil", "aloe vera", "green tea extract", "ceramides", "squalane"},
		uses:      []string{"dry skin", "sensitive skin", "daily routines", "curly hair", "oily skin", "travel bags", "evening routines"},
		features: []string{
			"It is fragrance free and dermatologist tested.",
			"The lightweight formula absorbs quickly without a greasy feel.",
			"Cruelty free and made without parabens or sulfates.",
			"A little goes a long way: one {noun} lasts about three months.",
			"The recyclable pump bottle dispenses just the right amount.",
			"Suitable for all skin types, including sensitive skin.",
		},
		accessories: []string{"refill", "brush", "travel case", "applicator pad", "replacement head"},
		cats: []gcat{
			{"Skin Care", 8, 90, "Face Moisturizer, Cleanser, Serum, Sunscreen, Eye Cream, Face Mask, Toner, Night Cream", nil},
			{"Hair Care", 6, 60, "Shampoo, Conditioner, Hair Oil, Hair Mask, Dry Shampoo, Styling Cream", nil},
			{"Makeup", 6, 60, "Lipstick, Mascara, Foundation, Concealer, Eyeshadow Palette, Blush, Makeup Brush Set", nil},
			{"Fragrance", 25, 180, "Eau de Parfum, Eau de Toilette, Body Mist, Cologne, Rollerball Perfume", nil},
			{"Shaving & Grooming", 10, 250, "Electric Shaver, Safety Razor, Beard Trimmer, Shaving Cream, Hair Clipper", nil},
			{"Bath & Body", 5, 50, "Body Wash, Body Lotion, Bar Soap, Hand Cream, Bath Bombs, Deodorant", nil},
			{"Hair Tools", 20, 400, "Hair Dryer, Flat Iron, Curling Iron, Hot Brush", nil},
		},
	},
	{
		name: "Health & Household", weight: 4, titleAttr: "size",
		closers:   consumableClosers,
		attrs:     []attr{dims},
		materials: []string{"plant-based surfactants", "recycled paper", "medical-grade silicone", "stainless steel", "BPA-free plastic"},
		uses:      []string{"busy households", "daily wellness", "first aid kits", "travel", "sensitive noses", "recovery after workouts"},
		features: []string{
			"Made without dyes or synthetic fragrances.",
			"The concentrated formula means fewer refills.",
			"It ships in plastic-free packaging.",
			"The {noun} is easy to use right out of the box.",
			"Clinically tested and backed by a satisfaction guarantee.",
		},
		accessories: []string{"refill", "replacement pad", "case", "battery", "strap"},
		cats: []gcat{
			{"Cleaning Supplies", 4, 40, "All-Purpose Cleaner, Dish Soap, Laundry Detergent, Glass Cleaner, Microfiber Cloths, Scrub Brush, Trash Bags", nil},
			{"Vitamins & Supplements", 8, 60, "Multivitamin, Vitamin D, Magnesium, Fish Oil, Protein Powder, Probiotic, Electrolyte Mix", nil},
			{"Medical Supplies", 10, 150, "Thermometer, Blood Pressure Monitor, First Aid Kit, Pulse Oximeter, Heating Pad, Knee Brace", nil},
			{"Oral Care", 4, 200, "Electric Toothbrush, Water Flosser, Toothpaste, Mouthwash, Floss Picks", nil},
			{"Paper Products", 5, 40, "Paper Towels, Toilet Paper, Facial Tissues, Napkins", nil},
		},
	},
	{
		name: "Toys & Games", weight: 5, titleAttr: "",
		attrs:     []attr{{"age_group", []string{"kids", "kids", "toddler", "adult", "teen"}}},
		materials: []string{"FSC-certified wood", "BPA-free plastic", "recycled cardboard", "organic cotton", "non-toxic paint"},
		uses:      []string{"family game night", "rainy afternoons", "birthday gifts", "classrooms", "road trips", "ages 8 and up"},
		features: []string{
			"Clear instructions get new players going in minutes.",
			"Pieces are sturdy enough for years of play.",
			"It encourages problem solving, teamwork and creativity.",
			"Everything stores neatly in the box between games.",
			"The {noun} is safety tested to international toy standards.",
		},
		accessories: []string{"storage case", "battery", "expansion kit", "card sleeve", "display stand"},
		cats: []gcat{
			{"Board Games", 15, 90, "Strategy Board Game, Cooperative Game, Party Game, Card Game, Word Game, Chess Set", nil},
			{"Puzzles", 10, 50, "Jigsaw Puzzle, 3D Puzzle, Brain Teaser, Floor Puzzle", nil},
			{"Building Toys", 15, 250, "Building Set, Magnetic Tiles, Marble Run, Wooden Blocks", nil},
			{"Dolls & Figures", 10, 120, "Doll, Dollhouse, Action Figure, Plush Toy, Play Figure Set", nil},
			{"Outdoor Play", 20, 400, "Scooter, Kids Bike, Trampoline, Swing Set, Water Blaster, Kite", nil},
			{"Learning Toys", 12, 150, "Science Kit, Coding Robot, Microscope, Telescope, Globe, Art Set", nil},
			{"Remote Control", 25, 400, "RC Car, Drone, RC Boat, RC Helicopter", nil},
		},
	},
	{
		name: "Baby", weight: 3, titleAttr: "color",
		attrs:     []attr{colors},
		materials: []string{"organic cotton", "food-grade silicone", "BPA-free plastic", "bamboo viscose", "muslin"},
		uses:      []string{"newborns", "nap time", "daycare bags", "travel with a baby", "first foods", "late-night feeds"},
		features: []string{
			"Every part that touches the baby is free of BPA, phthalates and PVC.",
			"It folds with one hand while the other holds the baby.",
			"The {noun} is machine washable.",
			"Certified to the latest safety standards.",
			"Soft, breathable fabric keeps little ones comfortable.",
		},
		accessories: []string{"cover", "liner", "organizer", "replacement part", "strap"},
		cats: []gcat{
			{"Feeding", 6, 250, "Baby Bottle, Bottle Warmer, High Chair, Bib Set, Sippy Cup, Breast Pump", nil},
			{"Nursery", 30, 600, "Crib, Bassinet, Changing Table, Baby Monitor, Rocking Chair, Crib Mattress", nil},
			{"Travel Gear", 40, 900, "Stroller, Car Seat, Baby Carrier, Diaper Bag, Travel Crib", nil},
			{"Diapering", 8, 60, "Diapers, Baby Wipes, Diaper Pail, Changing Pad, Diaper Cream", nil},
			{"Baby Clothing", 8, 50, "Onesie, Sleep Sack, Footed Pajamas, Baby Hat, Swaddle Blanket", nil},
		},
	},
	{
		name: "Pet Supplies", weight: 4, titleAttr: "size",
		attrs:     []attr{dims, colors},
		materials: []string{"ballistic nylon", "natural rubber", "stainless steel", "recycled polyester fill", "sisal rope", "real salmon"},
		uses:      []string{"large breeds", "small dogs", "indoor cats", "puppies", "senior pets", "long walks", "heavy chewers"},
		features: []string{
			"Chew-resistant seams stand up to enthusiastic play.",
			"It is easy to clean with warm, soapy water.",
			"Vet recommended and made without artificial preservatives.",
			"A non-slip base keeps the {noun} in place.",
			"Reflective trim adds visibility on evening walks.",
		},
		accessories: []string{"replacement filter", "liner", "refill", "cover", "replacement pad"},
		cats: []gcat{
			{"Dogs", 6, 200, "Dog Bed, Dog Leash, Dog Collar, Dog Harness, Chew Toy, Dog Crate, Dog Food, Dog Treats", nil},
			{"Cats", 5, 180, "Cat Tree, Litter Box, Cat Litter, Scratching Post, Cat Food, Cat Toy, Cat Carrier", nil},
			{"Fish & Aquatic", 10, 300, "Aquarium, Aquarium Filter, Aquarium Heater, Fish Food", nil},
			{"Small Animals", 8, 150, "Hamster Cage, Rabbit Hutch, Small Animal Bedding, Hay Feeder", nil},
			{"Birds", 8, 200, "Bird Cage, Bird Seed, Perch Set", nil},
		},
	},
	{
		name: "Grocery", weight: 4, titleAttr: "size",
		closers:   consumableClosers,
		attrs:     []attr{{"size", []string{"8 oz", "12 oz", "1 lb", "2 lb", "6-pack", "12-pack", "24-pack"}}},
		materials: []string{"organic ingredients", "sea salt", "single-origin beans", "whole grains", "cold-pressed oils", "raw honey"},
		uses:      []string{"quick breakfasts", "afternoon snacks", "lunch boxes", "baking", "slow mornings", "game day"},
		features: []string{
			"Made in small batches with no artificial flavors.",
			"Certified organic and non-GMO.",
			"Resealable packaging keeps it fresh after opening.",
			"Gluten free and made in a nut-free facility.",
			"Each {noun} is packed within days of roasting or baking.",
		},
		cats: []gcat{
			{"Coffee", 8, 40, "Whole Bean Coffee, Ground Coffee, Coffee Pods, Instant Coffee, Cold Brew Concentrate", nil},
			{"Tea", 5, 35, "Green Tea, Black Tea, Herbal Tea, Matcha Powder, Chai Concentrate", nil},
			{"Snacks", 3, 30, "Granola Bars, Trail Mix, Potato Chips, Dark Chocolate, Beef Jerky, Popcorn, Crackers", nil},
			{"Pantry", 3, 40, "Olive Oil, Pasta, Honey, Peanut Butter, Maple Syrup, Hot Sauce, Spice Set, Rice", nil},
			{"Beverages", 4, 40, "Sparkling Water, Kombucha, Sports Drink, Fruit Juice", nil},
			{"Breakfast", 3, 25, "Granola, Oatmeal, Pancake Mix, Breakfast Cereal", nil},
		},
	},
	{
		name: "Books", weight: 4, titleAttr: "",
		openers: bookOpeners, closers: bookClosers,
		attrs:     []attr{{"format", []string{"Hardcover", "Paperback", "Paperback", "Spiral-bound", "Board Book"}}},
		materials: []string{"step-by-step photographs", "full-color illustrations", "practical checklists", "fold-out maps", "worked examples"},
		uses:      []string{"beginners", "curious readers", "weekend projects", "gift giving", "book clubs", "students"},
		features: []string{
			"Written in plain language with a glossary of terms.",
			"More than two hundred pages of tested advice.",
			"Includes a full index for quick reference.",
			"Printed on responsibly sourced paper.",
		},
		accessories: []string{"book stand", "sleeve", "bookmark"},
		cats: []gcat{
			{"Cookbooks", 15, 45, "Baking Cookbook, Vegetarian Cookbook, Grilling Cookbook, Weeknight Cookbook", nil},
			{"Travel", 12, 40, "Travel Guide, Road Atlas, Phrasebook, Hiking Guide", nil},
			{"Children's Books", 6, 25, "Picture Book, Board Book, Chapter Book, Activity Book", nil},
			{"Fiction", 9, 30, "Mystery Novel, Science Fiction Novel, Fantasy Novel, Historical Novel, Short Story Collection", nil},
			{"Nonfiction", 12, 40, "Biography, History Book, Field Guide, Self-Help Book, Gardening Book", nil},
		},
	},
	{
		name: "Automotive", weight: 3, codes: true, titleAttr: "",
		attrs:     []attr{colors},
		materials: []string{"heavy-duty rubber", "weatherproof polyester", "aircraft-grade aluminum", "microfiber", "carbon steel"},
		uses:      []string{"daily commutes", "road trips", "winter driving", "weekend detailing", "trucks and SUVs", "roadside emergencies"},
		features: []string{
			"It fits most cars, trucks and SUVs.",
			"Installs in minutes without tools.",
			"Built to handle temperatures from -40 to 180 degrees Fahrenheit.",
			"The {noun} stows neatly in a trunk or under a seat.",
			"Backed by a three-year replacement warranty.",
		},
		accessories: []string{"mount", "charger", "cable", "holder", "organizer", "replacement filter", "cover"},
		cats: []gcat{
			{"Car Electronics", 20, 400, "Car Stereo, Backup Camera, Portable Jump Starter, Tire Inflator, Car Charger, Phone Mount", nil},
			{"Car Care", 5, 120, "Car Wash Kit, Car Wax, Microfiber Towels, Tire Shine, Interior Cleaner", nil},
			{"Interior Accessories", 10, 200, "Floor Mats, Seat Covers, Steering Wheel Cover, Trunk Organizer, Sunshade", nil},
			{"Exterior Accessories", 20, 800, "Roof Rack, Bike Rack, Car Cover, Wiper Blades, Mud Flaps", nil},
			{"Parts", 10, 500, "Brake Pads, Air Filter, Spark Plugs, Headlight Bulbs, Car Battery", nil},
		},
	},
	{
		name: "Arts & Crafts", weight: 3, titleAttr: "",
		attrs:     []attr{colors},
		materials: []string{"archival paper", "artist-grade pigments", "natural bristles", "cotton canvas", "merino yarn", "birch plywood"},
		uses:      []string{"beginners", "art classes", "weekend projects", "sketching outdoors", "gift making", "kids' crafts"},
		features: []string{
			"Rich, lightfast colors blend smoothly.",
			"Acid-free materials keep finished work from yellowing.",
			"Everything comes in a reusable storage tin.",
			"The {noun} is non-toxic and safe for kids.",
		},
		accessories: []string{"storage case", "refill", "replacement tip", "organizer"},
		cats: []gcat{
			{"Painting", 6, 150, "Acrylic Paint Set, Watercolor Set, Paint Brushes, Canvas Panels, Easel, Oil Paint Set", nil},
			{"Drawing", 4, 80, "Sketchbook, Colored Pencils, Graphite Pencils, Markers, Drawing Tablet", nil},
			{"Sewing & Knitting", 5, 400, "Sewing Machine, Knitting Needles, Yarn, Fabric Bundle, Embroidery Kit, Quilting Ruler", nil},
			{"Craft Supplies", 3, 60, "Glue Gun, Cutting Mat, Craft Paper, Beading Kit, Stickers, Washi Tape", nil},
		},
	},
	{
		name: "Jewelry & Watches", weight: 2, gendered: true, titleAttr: "material",
		attrs:     []attr{{"material", []string{"Sterling Silver", "14k Gold", "Gold Vermeil", "Stainless Steel", "Titanium", "Rose Gold"}}, gender},
		materials: []string{"sterling silver", "14k gold", "recycled gold", "surgical steel", "freshwater pearls", "lab-grown diamonds"},
		uses:      []string{"everyday wear", "anniversaries", "weddings", "gift giving", "layering", "the office"},
		features: []string{
			"Hypoallergenic and nickel free for sensitive skin.",
			"It arrives in a gift box with a polishing cloth.",
			"The clasp is easy to fasten with one hand.",
			"Each {noun} is finished and inspected by hand.",
		},
		accessories: []string{"jewelry box", "replacement strap", "watch band", "travel case"},
		cats: []gcat{
			{"Necklaces", 20, 600, "Pendant Necklace, Chain Necklace, Choker, Locket", nil},
			{"Earrings", 15, 400, "Stud Earrings, Hoop Earrings, Drop Earrings, Ear Cuffs", nil},
			{"Rings", 20, 900, "Engagement Ring, Wedding Band, Stacking Ring, Signet Ring", nil},
			{"Bracelets", 15, 400, "Bangle, Charm Bracelet, Tennis Bracelet, Cuff Bracelet", nil},
			{"Watches", 40, 900, "Analog Watch, Dive Watch, Chronograph Watch, Field Watch, Dress Watch", nil},
		},
	},
}
