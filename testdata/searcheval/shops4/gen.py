# Writes kitchenhome.csv (a kitchen-and-home shop's BigCommerce Bulk Edit product export)
# and truth.tsv (each product's type, what it is an accessory for, its model) from the
# same tables. Deterministic: run in this directory, python3 gen.py.
#
# The shop ("Hob & Larder") and every row are made up for the judged set; brands and
# model numbers are real-world ones so that titles read as a shop's do.
import csv, io, random, re

R = random.Random(20261206)

# type -> (category path written the BigCommerce way, accessory_of or "")
TYPES = {
    # cookware
    "frying-pan": ("Kitchen/Cookware/Frying Pans & Skillets", ""),
    "saucepan": ("Kitchen/Cookware/Saucepans", ""),
    "dutch-oven": ("Kitchen/Cookware/Dutch Ovens & Casseroles", ""),
    "stockpot": ("Kitchen/Cookware/Stockpots", ""),
    "wok": ("Kitchen/Cookware/Woks", ""),
    "grill-pan": ("Kitchen/Cookware/Griddles & Grill Pans", ""),
    "cookware-set": ("Kitchen/Cookware/Cookware Sets", ""),
    "pan-lid": ("Kitchen/Cookware/Lids & Spare Parts", "frying-pan"),
    "splatter-screen": ("Kitchen/Cookware/Lids & Spare Parts", "frying-pan"),
    "handle-cover": ("Kitchen/Cookware/Lids & Spare Parts", "frying-pan"),
    "cast-iron-care": ("Kitchen/Cookware/Lids & Spare Parts", "frying-pan"),
    "lid-knob": ("Kitchen/Cookware/Lids & Spare Parts", "dutch-oven"),
    # bakeware
    "baking-sheet": ("Kitchen/Bakeware/Baking Sheets", ""),
    "cake-pan": ("Kitchen/Bakeware/Cake Pans", ""),
    "muffin-pan": ("Kitchen/Bakeware/Muffin Pans", ""),
    "loaf-pan": ("Kitchen/Bakeware/Loaf Pans", ""),
    "baking-mat": ("Kitchen/Bakeware/Baking Mats & Liners", "baking-sheet"),
    "parchment-paper": ("Kitchen/Bakeware/Baking Mats & Liners", "baking-sheet"),
    "cooling-rack": ("Kitchen/Bakeware/Cooling Racks", "baking-sheet"),
    # knives
    "chefs-knife": ("Kitchen/Knives/Chef's Knives", ""),
    "paring-knife": ("Kitchen/Knives/Paring Knives", ""),
    "bread-knife": ("Kitchen/Knives/Bread Knives", ""),
    "santoku-knife": ("Kitchen/Knives/Santoku Knives", ""),
    "knife-set": ("Kitchen/Knives/Knife Block Sets", ""),
    "knife-sharpener": ("Kitchen/Knives/Sharpeners & Storage", "chefs-knife"),
    "honing-steel": ("Kitchen/Knives/Sharpeners & Storage", "chefs-knife"),
    "knife-storage": ("Kitchen/Knives/Sharpeners & Storage", "chefs-knife"),
    "cutting-board": ("Kitchen/Knives/Cutting Boards", ""),
    "board-oil": ("Kitchen/Knives/Cutting Boards", "cutting-board"),
    # tools
    "spatula": ("Kitchen/Kitchen Tools/Spatulas & Turners", ""),
    "tongs": ("Kitchen/Kitchen Tools/Tongs", ""),
    "whisk": ("Kitchen/Kitchen Tools/Whisks", ""),
    "peeler": ("Kitchen/Kitchen Tools/Peelers", ""),
    "can-opener": ("Kitchen/Kitchen Tools/Can Openers", ""),
    "garlic-press": ("Kitchen/Kitchen Tools/Garlic Presses", ""),
    "salad-spinner": ("Kitchen/Kitchen Tools/Salad Spinners", ""),
    "mandoline": ("Kitchen/Kitchen Tools/Mandolines", ""),
    "kitchen-scale": ("Kitchen/Kitchen Tools/Kitchen Scales", ""),
    "measuring-cups": ("Kitchen/Kitchen Tools/Measuring Cups & Spoons", ""),
    "oven-mitt": ("Kitchen/Kitchen Linens/Oven Mitts & Pot Holders", ""),
    "tea-towel": ("Kitchen/Kitchen Linens/Tea Towels", ""),
    "apron": ("Kitchen/Kitchen Linens/Aprons", ""),
    # small appliances
    "electric-kettle": ("Kitchen/Small Appliances/Electric Kettles", ""),
    "kettle-filter": ("Kitchen/Small Appliances/Appliance Parts", "electric-kettle"),
    "toaster": ("Kitchen/Small Appliances/Toasters", ""),
    "toaster-oven": ("Kitchen/Small Appliances/Toaster Ovens", ""),
    "blender": ("Kitchen/Small Appliances/Blenders", ""),
    "blender-jar": ("Kitchen/Small Appliances/Appliance Parts", "blender"),
    "immersion-blender": ("Kitchen/Small Appliances/Hand Blenders", ""),
    "stand-mixer": ("Kitchen/Small Appliances/Stand Mixers", ""),
    "mixer-attachment": ("Kitchen/Small Appliances/Mixer Attachments", "stand-mixer"),
    "hand-mixer": ("Kitchen/Small Appliances/Hand Mixers", ""),
    "food-processor": ("Kitchen/Small Appliances/Food Processors", ""),
    "food-processor-part": ("Kitchen/Small Appliances/Appliance Parts", "food-processor"),
    "food-processor-bowl": ("Kitchen/Small Appliances/Appliance Parts", "food-processor"),
    "air-fryer": ("Kitchen/Small Appliances/Air Fryers", ""),
    "air-fryer-liner": ("Kitchen/Small Appliances/Appliance Parts", "air-fryer"),
    "pressure-cooker": ("Kitchen/Small Appliances/Pressure Cookers & Multicookers", ""),
    "sealing-ring": ("Kitchen/Small Appliances/Appliance Parts", "pressure-cooker"),
    "pressure-cooker-lid": ("Kitchen/Small Appliances/Appliance Parts", "pressure-cooker"),
    "slow-cooker": ("Kitchen/Small Appliances/Slow Cookers", ""),
    "rice-cooker": ("Kitchen/Small Appliances/Rice Cookers", ""),
    "soda-maker": ("Kitchen/Small Appliances/Sparkling Water Makers", ""),
    "co2-cylinder": ("Kitchen/Small Appliances/Appliance Parts", "soda-maker"),
    "carbonating-bottle": ("Kitchen/Small Appliances/Appliance Parts", "soda-maker"),
    "vacuum-sealer": ("Kitchen/Small Appliances/Vacuum Sealers", ""),
    "vacuum-sealer-bags": ("Kitchen/Food Storage/Vacuum Sealer Bags & Rolls", "vacuum-sealer"),
    # coffee and tea
    "coffee-maker": ("Kitchen/Coffee & Tea/Coffee Makers", ""),
    "espresso-machine": ("Kitchen/Coffee & Tea/Espresso Machines", ""),
    "coffee-grinder": ("Kitchen/Coffee & Tea/Coffee Grinders", ""),
    "french-press": ("Kitchen/Coffee & Tea/French Presses", ""),
    "pour-over-dripper": ("Kitchen/Coffee & Tea/Pour Over", ""),
    "stovetop-kettle": ("Kitchen/Coffee & Tea/Stovetop Kettles", ""),
    "coffee-filters": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "pour-over-dripper"),
    "coffee-maker-filters": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "coffee-maker"),
    "coffee-maker-part": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "coffee-maker"),
    "french-press-part": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "french-press"),
    "espresso-part": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "espresso-machine"),
    "espresso-water-filter": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "espresso-machine"),
    "descaler": ("Kitchen/Coffee & Tea/Filters & Spare Parts", "espresso-machine"),
    "milk-frother": ("Kitchen/Coffee & Tea/Milk Frothers", ""),
    "moka-pot": ("Kitchen/Coffee & Tea/Stovetop Espresso Makers", ""),
    "coffee-beans": ("Kitchen/Coffee & Tea/Coffee", ""),
    "tea": ("Kitchen/Coffee & Tea/Tea", ""),
    "teapot": ("Kitchen/Coffee & Tea/Teapots & Infusers", ""),
    "tea-infuser": ("Kitchen/Coffee & Tea/Teapots & Infusers", ""),
    "travel-mug": ("Kitchen/Coffee & Tea/Travel Mugs", ""),
    "mug": ("Kitchen/Coffee & Tea/Mugs", ""),
    # food storage
    "food-storage-containers": ("Kitchen/Food Storage/Containers", ""),
    "container-lid": ("Kitchen/Food Storage/Replacement Lids", "food-storage-containers"),
    "cling-film": ("Kitchen/Food Storage/Wraps & Foil", ""),
    "wrap-dispenser": ("Kitchen/Food Storage/Wraps & Foil", "cling-film"),
    "aluminum-foil": ("Kitchen/Food Storage/Wraps & Foil", ""),
    "beeswax-wraps": ("Kitchen/Food Storage/Wraps & Foil", ""),
    "storage-bags": ("Kitchen/Food Storage/Bags", ""),
    "canister": ("Kitchen/Food Storage/Canisters & Jars", ""),
    "spice-jars": ("Kitchen/Food Storage/Canisters & Jars", ""),
    "bread-bin": ("Kitchen/Food Storage/Bread Bins", ""),
    "water-filter-pitcher": ("Kitchen/Water Filtration/Filter Pitchers", ""),
    "pitcher-filter": ("Kitchen/Water Filtration/Replacement Filters", "water-filter-pitcher"),
    "water-bottle": ("Kitchen/Water Filtration/Water Bottles", ""),
    # bedding
    "sheet-set": ("Home/Bedding/Sheets", ""),
    "duvet-cover": ("Home/Bedding/Duvet Covers", ""),
    "comforter": ("Home/Bedding/Duvets & Comforters", ""),
    "pillow": ("Home/Bedding/Pillows", ""),
    "pillowcase": ("Home/Bedding/Pillowcases", ""),
    "mattress-protector": ("Home/Bedding/Mattress Protectors & Toppers", ""),
    "mattress-topper": ("Home/Bedding/Mattress Protectors & Toppers", ""),
    "throw-blanket": ("Home/Bedding/Throws & Blankets", ""),
    "weighted-blanket": ("Home/Bedding/Throws & Blankets", ""),
    # cleaning
    "stick-vacuum": ("Home/Cleaning/Vacuums", ""),
    "vacuum-filter": ("Home/Cleaning/Vacuum Parts", "stick-vacuum"),
    "vacuum-battery": ("Home/Cleaning/Vacuum Parts", "stick-vacuum"),
    "mop": ("Home/Cleaning/Mops & Buckets", ""),
    "mop-refill": ("Home/Cleaning/Mop Refills", "mop"),
    "floor-cleaner": ("Home/Cleaning/Floor Cleaners", ""),
    "dish-soap": ("Home/Cleaning/Dish Soap", ""),
    "dishwasher-detergent": ("Home/Cleaning/Dishwasher Detergent", ""),
    "dish-brush": ("Home/Cleaning/Brushes & Sponges", ""),
    "dish-brush-refill": ("Home/Cleaning/Brushes & Sponges", "dish-brush"),
    "sponge": ("Home/Cleaning/Brushes & Sponges", ""),
    "all-purpose-cleaner": ("Home/Cleaning/Sprays & Cleaners", ""),
    "dish-rack": ("Home/Cleaning/Dish Racks", ""),
    "dish-rack-part": ("Home/Cleaning/Dish Racks", "dish-rack"),
    "trash-can": ("Home/Cleaning/Trash Cans", ""),
    "trash-bags": ("Home/Cleaning/Trash Can Liners", "trash-can"),
    "laundry-basket": ("Home/Laundry/Laundry Baskets", ""),
    "laundry-detergent": ("Home/Laundry/Laundry Detergent", ""),
    "ironing-board": ("Home/Laundry/Ironing", ""),
    "steam-iron": ("Home/Laundry/Ironing", ""),
}

# Each product: (type, brand, title, price, model, extra). extra: dict with
#   var: [(option name, option type, [values]), ...]  -> SKU rows, every combination
#   rule: {value: "[ADD]n.nn"}                          -> Rule rows (price per option value)
#   for: "Brand Model" the accessory fits (said in the description)
#   desc: a sentence of the product's own
P = []
def p(ty, brand, title, price, model="", **extra):
    assert ty in TYPES, ty
    P.append(dict(type=ty, brand=brand, title=title, price=price, model=model, **extra))

COL = lambda *v: ("Color", "S", list(v))
SIZE = lambda *v: ("Size", "RB", list(v))

# --- cookware
p("frying-pan", "Lodge", "Lodge Cast Iron Skillet, Pre-Seasoned, 10.25 Inch", 29.95, "L8SK3", desc="Heavy pre-seasoned cast iron for searing, baking and campfire cooking. Oven, stovetop and grill safe.")
p("frying-pan", "Lodge", "Lodge Cast Iron Skillet, Pre-Seasoned, 12 Inch", 39.95, "L10SK3", desc="Big enough for a family breakfast; seasoned with vegetable oil and ready to use.")
p("frying-pan", "Lodge", "Lodge Chef Collection Cast Iron Skillet 12 Inch", 54.95, "LCS3", desc="Lighter, smoother cast iron with a longer handle.")
p("frying-pan", "All-Clad", "All-Clad D3 Tri-Ply Stainless Steel Fry Pan", 99.95, "4110", var=[SIZE("8 Inch", "10 Inch", "12 Inch")], rule={"10 Inch": "[ADD]20.00", "12 Inch": "[ADD]50.00"}, desc="Three bonded layers heat evenly on gas, electric and induction hobs.")
p("frying-pan", "T-fal", "T-fal Ultimate Hard Anodized Nonstick Fry Pan Set, 10 and 12 Inch", 44.99, "E765SC", desc="Titanium nonstick with Thermo-Spot heat indicator. Dishwasher safe.")
p("frying-pan", "OXO", "OXO Good Grips Pro Nonstick Frying Pan 12 Inch", 49.95, "CC003", desc="Three-layer German-engineered nonstick coating, stay-cool handle.")
p("frying-pan", "GreenPan", "GreenPan Valencia Pro Ceramic Nonstick Frypan 11 Inch", 69.99, "CC001895", desc="PFAS-free ceramic nonstick, induction ready, oven safe to 600°F.")
p("frying-pan", "Le Creuset", "Le Creuset Toughened Nonstick PRO Fry Pan 10 Inch", 125.00, "962003", desc="Triple-reinforced nonstick that is safe with metal utensils.")
p("frying-pan", "Made In", "Made In Carbon Steel Frying Pan 10 Inch", 79.00, "", desc="Blue carbon steel that seasons like cast iron at half the weight.")
p("frying-pan", "Scanpan", "Scanpan Classic Fry Pan 9.5 Inch", 89.95, "", desc="Pressure-cast aluminium with a ceramic-titanium nonstick surface.")
p("saucepan", "All-Clad", "All-Clad D3 Stainless Steel Saucepan with Lid", 149.95, "4203", var=[SIZE("2 Quart", "3 Quart", "4 Quart")], rule={"3 Quart": "[ADD]20.00", "4 Quart": "[ADD]40.00"}, desc="Tri-ply stainless saucepan with a tight-fitting lid for sauces, grains and reheating.")
p("saucepan", "Cuisinart", "Cuisinart Chef's Classic Stainless 2 Quart Saucepan with Cover", 34.95, "719-16", desc="Aluminium encapsulated base, cool grip handle, drip-free rim.")
p("saucepan", "Le Creuset", "Le Creuset Enameled Cast Iron Saucepan 2.25 Quart", 235.00, "LS2505-18", var=[COL("Cerise", "Marseille", "Flame")], desc="Enameled cast iron that holds heat for slow sauces and custards.")
p("saucepan", "Calphalon", "Calphalon Classic Hard-Anodized Nonstick 2.5 Quart Sauce Pan", 39.99, "1943338", desc="Pour spouts and a straining lid.")
p("dutch-oven", "Le Creuset", "Le Creuset Signature Enameled Cast Iron Round Dutch Oven 5.5 Quart", 420.00, "LS2501-26", var=[COL("Cerise", "Marseille", "Flame", "Sage", "White")], desc="The classic round French oven with a stainless steel knob, for braises, stews and bread.")
p("dutch-oven", "Staub", "Staub Round Cocotte 4 Quart", 299.95, "1102406", var=[COL("Black Matte", "Grenadine", "Basil")], desc="Self-basting spikes under the lid keep roasts moist.")
p("dutch-oven", "Lodge", "Lodge Enameled Cast Iron Dutch Oven 6 Quart", 79.90, "EC6D43", var=[COL("Island Spice Red", "Caribbean Blue")], desc="Porcelain enamel on cast iron; broil, braise, bake or roast up to 500°F.")
p("dutch-oven", "Lodge", "Lodge Pre-Seasoned Cast Iron Double Dutch Oven 5 Quart", 59.95, "L8DD3", desc="The lid doubles as a 10.25 inch skillet.")
p("stockpot", "Cuisinart", "Cuisinart Chef's Classic Stainless 12 Quart Stockpot with Cover", 59.95, "766-26", desc="For stocks, soups, pasta and corn on the cob.")
p("stockpot", "All-Clad", "All-Clad Stainless Steel 8 Quart Stockpot with Lid", 179.95, "E9078064", desc="Tall narrow shape limits evaporation for long simmers.")
p("stockpot", "Farberware", "Farberware Classic Stainless Steel 16 Quart Stockpot", 49.99, "50009", desc="Mirror-finish stockpot with a full cap base for even heating.")
p("wok", "Joyce Chen", "Joyce Chen Classic Series Carbon Steel Wok 14 Inch with Lid", 44.99, "J22-0060", desc="Flat bottom for electric stoves, birch handles and a domed lid.")
p("wok", "Craft Wok", "Craft Wok Traditional Hand Hammered Carbon Steel Pow Wok 14 Inch, Round Bottom", 59.99, "", desc="Hand hammered in Guangzhou for gas stoves and wok burners.")
p("wok", "Made In", "Made In Blue Carbon Steel Wok 12.5 Inch", 99.00, "", desc="Flat base that works on induction.")
p("grill-pan", "Lodge", "Lodge Cast Iron Square Grill Pan 10.5 Inch", 34.95, "L8SGP3", desc="Raised ribs leave grill marks and drain fat away.")
p("grill-pan", "Lodge", "Lodge Reversible Cast Iron Grill/Griddle, 20 x 10.44 Inch", 54.95, "LPGI3", desc="Spans two burners; smooth griddle side for pancakes, ribbed side for steaks.")
p("grill-pan", "Le Creuset", "Le Creuset Enameled Cast Iron Square Skillet Grill 10.25 Inch", 200.00, "LS2021-26", desc="Deep ridges and pouring spouts.")
p("cookware-set", "All-Clad", "All-Clad D3 Stainless Steel 10-Piece Cookware Set", 699.95, "8400001085", desc="Fry pans, saucepans, a saute pan and a stockpot with lids.")
p("cookware-set", "T-fal", "T-fal Ultimate Hard Anodized Nonstick 14-Piece Cookware Set", 179.99, "E765SEFA", desc="Frypans, saucepans, a dutch oven, a griddle and a steamer insert.")
p("cookware-set", "Cuisinart", "Cuisinart Multiclad Pro Stainless 12-Piece Cookware Set", 299.95, "MCP-12N", desc="Tri-ply stainless, oven safe to 550°F.")
p("cookware-set", "Caraway", "Caraway Nonstick Ceramic Cookware Set, 7 Piece", 395.00, "", var=[COL("Sage", "Navy", "Cream")], desc="Fry pan, saucepan, saute pan and dutch oven with lids and a storage rack.")
p("pan-lid", "Lodge", "Lodge Tempered Glass Lid 12 Inch", 24.95, "GL12", **{"for": "Lodge 12 Inch Cast Iron Skillet"}, desc="Fits the Lodge 12 inch cast iron skillet (L10SK3) and other 12 inch Lodge pans.")
p("pan-lid", "Lodge", "Lodge Tempered Glass Lid 10.25 Inch", 19.95, "GL10", **{"for": "Lodge 10.25 Inch Cast Iron Skillet"}, desc="Fits the Lodge 10.25 inch cast iron skillet (L8SK3).")
p("pan-lid", "All-Clad", "All-Clad Stainless Steel Universal Lid 12 Inch", 59.95, "", desc="Fits All-Clad 12 inch fry pans and saute pans.")
p("pan-lid", "OXO", "OXO Good Grips Universal Glass Pan Lid, Fits 10-12 Inch", 29.99, "", desc="Stepped rim sits on most frying pans from 10 to 12 inches.")
p("splatter-screen", "Frieling", "Frieling Splatter Screen 13 Inch", 21.99, "", desc="Fine stainless mesh over a frying pan stops hot fat spitting.")
p("splatter-screen", "OXO", "OXO Good Grips Splatter Screen with Folding Handle 13 Inch", 19.99, "", desc="Covers frying pans up to 13 inches; the handle folds flat for the drawer.")
p("handle-cover", "Lodge", "Lodge Silicone Hot Handle Holder, Red", 7.95, "ASHH41", **{"for": "Lodge Cast Iron Skillet"}, desc="Slides over the handle of Lodge cast iron skillets; heat protection to 500°F.")
p("handle-cover", "Lodge", "Lodge Silicone Assist Handle Holders, 2 Pack", 9.95, "ASAHH41", desc="For the helper handles of skillets and dutch ovens.")
p("cast-iron-care", "Lodge", "Lodge Seasoning Spray for Cast Iron 8 oz", 9.95, "A-SPRAY", desc="100% canola oil spray to keep cast iron pans seasoned.")
p("cast-iron-care", "Lodge", "Lodge Cast Iron Care Kit: Scrub Brush, Chainmail Scrubber, Seasoning Spray", 29.95, "A-CCK", desc="Everything to clean and re-season a cast iron skillet.")
p("cast-iron-care", "The Ringer", "The Ringer Stainless Steel Chainmail Cast Iron Cleaner 8x6 Inch", 19.99, "", desc="Scrubs stuck-on food off cast iron without soap.")
p("lid-knob", "Le Creuset", "Le Creuset Signature Replacement Knob, Stainless Steel, Large", 24.00, "LS9435-57", **{"for": "Le Creuset Dutch Oven"}, desc="Oven safe at any temperature; fits Le Creuset Signature dutch ovens and braisers.")
p("lid-knob", "Le Creuset", "Le Creuset Composite Replacement Knob, Black, Medium", 16.00, "", desc="Phenolic knob for Le Creuset lids, oven safe to 500°F.")
p("lid-knob", "Staub", "Staub Animal Knob, Pig, Nickel", 29.95, "", desc="A replacement knob for Staub cocotte lids.")

# --- bakeware
p("baking-sheet", "Nordic Ware", "Nordic Ware Natural Aluminum Commercial Baker's Half Sheet", 17.99, "43100", desc="Rolled rim of pure aluminium, 18 x 13 inches; will not rust.")
p("baking-sheet", "Nordic Ware", "Nordic Ware Natural Aluminum Baker's Quarter Sheet, 2 Pack", 19.99, "43120", desc="Two 13 x 9.6 inch pans for small batches and toaster ovens.")
p("baking-sheet", "USA Pan", "USA Pan Bakeware Half Sheet Pan, Nonstick", 24.95, "1050HS", desc="Corrugated aluminised steel with a silicone nonstick coating.")
p("baking-sheet", "OXO", "OXO Good Grips Non-Stick Pro Cookie Sheet 17 x 12.5 Inch", 27.99, "", desc="Square rolled edges and a micro-textured pattern for airflow.")
p("cake-pan", "Wilton", "Wilton Aluminum Round Cake Pan 9 x 2 Inch, Set of 2", 16.99, "2105-7908", desc="Straight sides for level layers.")
p("cake-pan", "Nordic Ware", "Nordic Ware Platinum Anniversary Bundt Pan 10 to 15 Cup", 38.00, "50037", desc="Cast aluminium in the original bundt shape.")
p("cake-pan", "Fat Daddio's", "Fat Daddio's Anodized Aluminum Springform Pan 9 x 3 Inch", 24.99, "PSF-93", desc="Removable base for cheesecakes and tortes.")
p("muffin-pan", "USA Pan", "USA Pan 12-Cup Muffin Pan", 26.95, "1200MC", desc="Nonstick cups for muffins and cupcakes.")
p("muffin-pan", "Wilton", "Wilton Perfect Results Premium Non-Stick Mini Muffin Pan, 24-Cup", 14.99, "", desc="For bite-size muffins and mini cupcakes.")
p("loaf-pan", "USA Pan", "USA Pan 1 lb Loaf Pan 8.5 x 4.5 Inch", 18.95, "1140LF", desc="For quick breads, meatloaf and sandwich loaves.")
p("loaf-pan", "Emile Henry", "Emile Henry Ceramic Loaf Pan, Burgundy", 55.00, "", desc="Burgundy clay from France for even baking.")
p("baking-mat", "Silpat", "Silpat Premium Non-Stick Silicone Baking Mat, Half Sheet Size", 24.99, "AE420295-07", desc="Fits a half sheet pan; replaces parchment for thousands of bakes.")
p("baking-mat", "Silpat", "Silpat Perfect Cookie Baking Mat, Half Sheet", 27.99, "", desc="Printed circles space cookie dough evenly.")
p("parchment-paper", "If You Care", "If You Care Parchment Baking Paper Roll, 70 sq ft", 6.49, "", desc="Unbleached, silicone coated parchment for lining baking sheets.")
p("cooling-rack", "Ultra Cuisine", "Ultra Cuisine Stainless Steel Cooling Rack for Half Sheet Pan", 16.99, "", desc="Oven-safe wire rack that fits inside a half sheet pan for cooling or roasting.")
p("cooling-rack", "Wilton", "Wilton Excelle Elite 3-Tier Cooling Rack", 19.99, "", desc="Stacks three racks of cookies in the space of one.")

# --- knives
p("chefs-knife", "Wüsthof", "Wüsthof Classic 8 Inch Chef's Knife", 170.00, "1040100120", desc="Forged from one piece of high-carbon stainless steel, full tang, triple-riveted handle.")
p("chefs-knife", "Wüsthof", "Wüsthof Gourmet 8 Inch Chef's Knife", 90.00, "1120100120", desc="Laser-cut stamped blade, lighter than the forged Classic.")
p("chefs-knife", "Victorinox", "Victorinox Fibrox Pro 8 Inch Chef's Knife", 55.00, "40520", desc="The non-slip Fibrox handle and a sharp stamped blade; a favourite of cooking schools.")
p("chefs-knife", "Shun", "Shun Classic 8 Inch Chef's Knife", 169.95, "DM0706", desc="VG-MAX core clad in 68 layers of Damascus, D-shaped Pakkawood handle.")
p("chefs-knife", "Global", "Global G-2 Classic 8 Inch Chef's Knife", 139.95, "G-2", desc="One piece of CROMOVA 18 stainless steel with a dimpled hollow handle.")
p("chefs-knife", "Mercer Culinary", "Mercer Culinary Millennia 8 Inch Chef's Knife", 19.99, "M22608", desc="Japanese steel and a textured handle at a school kitchen price.")
p("chefs-knife", "MAC", "MAC Professional Series 8 Inch Chef's Knife with Dimples", 175.00, "MTH-80", desc="Thin hard blade with dimples so food falls away.")
p("paring-knife", "Wüsthof", "Wüsthof Classic 3.5 Inch Paring Knife", 75.00, "1040100409", desc="For peeling, trimming and fine work in the hand.")
p("paring-knife", "Victorinox", "Victorinox Swiss Classic 4 Inch Paring Knife, 2 Pack", 14.99, "6.7636.L112", var=[COL("Red", "Black", "Green")], desc="Light serrated-edge paring knives.")
p("paring-knife", "Opinel", "Opinel No.112 Paring Knife, Beech Handle", 13.00, "", desc="French stainless blade in a beech wood handle.")
p("bread-knife", "Wüsthof", "Wüsthof Classic 9 Inch Double-Serrated Bread Knife", 150.00, "1040101123", desc="Double serrations cut crusty loaves without crushing.")
p("bread-knife", "Victorinox", "Victorinox Fibrox Pro 10.25 Inch Bread Knife", 49.95, "40547", desc="Long wavy edge for bread, cakes and tomatoes.")
p("bread-knife", "Mercer Culinary", "Mercer Culinary Millennia 10 Inch Wide Bread Knife", 22.99, "M23210", desc="Scalloped edge for crusty bread.")
p("santoku-knife", "Shun", "Shun Classic 7 Inch Hollow-Ground Santoku", 164.95, "DM0718", desc="The Japanese all-purpose knife with hollow-ground scallops.")
p("santoku-knife", "Wüsthof", "Wüsthof Classic 7 Inch Hollow Edge Santoku", 165.00, "1040131317", desc="A shorter, wider blade for slicing and dicing.")
p("santoku-knife", "Zwilling", "Zwilling Pro 7 Inch Hollow Edge Santoku Knife", 129.95, "38408-183", desc="Curved bolster for a professional pinch grip.")
p("knife-set", "Wüsthof", "Wüsthof Classic 7-Piece Slim Knife Block Set", 499.95, "1090170701", desc="Chef's, bread, utility and paring knives, honing steel, shears and a slim beech block.")
p("knife-set", "Zwilling", "Zwilling Four Star 8-Piece Knife Block Set", 349.95, "35068-100", desc="Forged knives with a sharpening steel in a hardwood block.")
p("knife-set", "Victorinox", "Victorinox Fibrox Pro 5-Piece Knife Set with Roll Bag", 119.95, "", desc="Chef's, bread, boning and paring knives with a canvas roll.")
p("knife-set", "Henckels", "Henckels Solution 15-Piece Knife Set with Block", 149.99, "17544-015", desc="Stamped blades, six steak knives, shears and a hardwood block.")
p("knife-sharpener", "Chef'sChoice", "Chef'sChoice Trizor XV Edge Select Electric Knife Sharpener", 179.99, "15XV", desc="Three stages convert 20-degree edges to 15 degrees.")
p("knife-sharpener", "Work Sharp", "Work Sharp Culinary E5 Kitchen Knife Sharpener", 149.95, "E5", desc="Flexible abrasive belts and a ceramic honing wheel.")
p("knife-sharpener", "Wüsthof", "Wüsthof 2-Stage Handheld Knife Sharpener", 24.95, "2922", desc="Coarse carbide and fine ceramic slots for Western knives.")
p("knife-sharpener", "King", "King Two-Sided Whetstone 1000/6000 Grit with Base", 44.99, "KW65", desc="A Japanese water stone for sharpening by hand.")
p("honing-steel", "Wüsthof", "Wüsthof 10 Inch Honing Steel", 50.00, "4473", desc="Realigns the edge between sharpenings.")
p("honing-steel", "Victorinox", "Victorinox 12 Inch Round Honing Steel", 29.99, "40520-STEEL", desc="Fine-cut steel with a Fibrox handle.")
p("honing-steel", "Idahone", "Idahone Fine Ceramic Sharpening Rod 12 Inch", 35.00, "", desc="Fine-grit ceramic rod with a maple handle.")
p("knife-storage", "Wüsthof", "Wüsthof 17 Inch Magnetic Knife Bar", 69.95, "", desc="Wall-mounted bar that holds knives by the blade.")
p("knife-storage", "Kapoosh", "Kapoosh Universal Knife Block, Black", 39.99, "", desc="Flexible rods hold knives of any size and shape.")
p("knife-storage", "Messermeister", "Messermeister Edge Guard for 8 Inch Chef's Knife", 7.50, "", desc="Protects the edge of a chef's knife in a drawer or a bag.")
p("cutting-board", "John Boos", "John Boos Maple Wood Edge Grain Reversible Cutting Board 20 x 15 Inch", 139.95, "RA03", desc="Northern hard rock maple, 1.5 inches thick.")
p("cutting-board", "John Boos", "John Boos Chop-N-Slice Maple Cutting Board 14 x 10 Inch", 46.95, "211", desc="A smaller everyday board.")
p("cutting-board", "OXO", "OXO Good Grips Carving and Cutting Board", 34.99, "", desc="Polypropylene with a juice groove and nonslip feet; dishwasher safe.")
p("cutting-board", "Epicurean", "Epicurean Gourmet Series Cutting Board 17.5 x 13 Inch", 49.95, "", desc="Wood-fibre composite that is dishwasher safe.")
p("cutting-board", "Teakhaus", "Teakhaus Edge Grain Teak Cutting Board with Hand Grip", 84.95, "", desc="FSC-certified teak, kind to knife edges.")
p("board-oil", "John Boos", "John Boos Mystery Oil, 16 oz", 14.95, "MYSB", desc="Food-grade mineral oil to keep wood boards and butcher blocks from drying out.")
p("board-oil", "John Boos", "John Boos Board Cream with Beeswax, 5 oz", 12.95, "BWC", desc="Seals and protects wood boards after oiling.")
p("board-oil", "Howard", "Howard Butcher Block Conditioner 12 oz", 11.49, "BBC012", desc="Food grade mineral oil, beeswax and carnauba wax.")

# --- tools
p("spatula", "OXO", "OXO Good Grips Silicone Flexible Turner", 10.99, "", desc="Thin flexible silicone for nonstick pans, heat resistant to 600°F.")
p("spatula", "Di Oro", "Di Oro Seamless Silicone Spatula Set, 3 Piece", 19.99, "", desc="One-piece silicone scrapers for mixing and scraping bowls.")
p("spatula", "Victorinox", "Victorinox Slotted Fish Turner", 29.99, "7.6124", desc="Thin slotted offset spatula for fish and eggs.")
p("tongs", "OXO", "OXO Good Grips 12 Inch Locking Tongs with Silicone Heads", 14.99, "", desc="Pull-tab lock and heat-resistant silicone tips.")
p("tongs", "Winco", "Winco Utility Tongs 9 Inch, Stainless", 4.99, "", desc="Simple scalloped stainless tongs.")
p("whisk", "OXO", "OXO Good Grips 11 Inch Balloon Whisk", 10.99, "", desc="For whipping cream and egg whites.")
p("whisk", "Rösle", "Rösle Stainless Steel Balloon Whisk 10.6 Inch", 27.95, "", desc="Sealed handle, made in Germany.")
p("peeler", "Kuhn Rikon", "Kuhn Rikon Original Swiss Peeler, 3 Pack", 12.00, "", desc="Y-peelers with carbon steel blades.")
p("peeler", "OXO", "OXO Good Grips Swivel Peeler", 10.99, "", desc="Sharp stainless blade and a soft non-slip handle.")
p("can-opener", "OXO", "OXO Good Grips Smooth Edge Can Opener", 24.99, "", desc="Cuts the side of the can so the lid has no sharp edges.")
p("can-opener", "Hamilton Beach", "Hamilton Beach Smooth Touch Electric Can Opener", 24.99, "76606ZA", desc="Hands-free electric opener with a smooth edge.")
p("garlic-press", "Kuhn Rikon", "Kuhn Rikon Epicurean Garlic Press", 44.95, "", desc="Presses unpeeled cloves; stainless steel.")
p("garlic-press", "OXO", "OXO Good Grips Soft-Handled Garlic Press", 19.99, "", desc="Built-in cleaner pushes out the skins.")
p("salad-spinner", "OXO", "OXO Good Grips Salad Spinner, Large", 29.99, "", desc="One-handed pump and a brake button; the bowl doubles as a serving bowl.")
p("salad-spinner", "Zyliss", "Zyliss Swift Dry Salad Spinner, Large", 29.95, "", desc="Pull cord spinner with a flat lid for stacking.")
p("mandoline", "OXO", "OXO Good Grips Chef's Mandoline Slicer 2.0", 99.99, "", desc="Straight and wavy blades, julienne settings and a food holder.")
p("mandoline", "Benriner", "Benriner Japanese Mandoline Slicer with 4 Blades", 39.95, "BN1", desc="Adjustable thickness and three julienne blades.")
p("kitchen-scale", "OXO", "OXO Good Grips 11 lb Stainless Steel Food Scale with Pull-Out Display", 59.99, "", desc="The display pulls out from under big bowls.")
p("kitchen-scale", "Escali", "Escali Primo Digital Kitchen Scale", 24.95, "P115", var=[COL("Black", "Red", "Chrome")], desc="Weighs to 11 lb in grams and ounces.")
p("kitchen-scale", "Salter", "Salter Electronic Kitchen Scale, Aquatronic", 29.99, "1066", desc="Measures liquids in millilitres and fluid ounces too.")
p("measuring-cups", "OXO", "OXO Good Grips 7-Piece Nesting Measuring Cups", 19.99, "", desc="Stainless measuring cups that nest and snap together.")
p("measuring-cups", "Pyrex", "Pyrex Prepware 3-Piece Glass Measuring Cup Set", 24.99, "1118989", desc="1, 2 and 4 cup glass jugs with red markings.")
p("measuring-cups", "Cuisipro", "Cuisipro Stainless Steel Measuring Spoon Set, 5 Piece", 14.99, "", desc="Oval spoons that fit into spice jars.")
p("oven-mitt", "OXO", "OXO Good Grips Silicone Oven Mitt", 14.99, "", var=[COL("Black", "Red")], desc="Silicone shell over a quilted cotton lining, heat resistant to 600°F.")
p("oven-mitt", "Homwe", "Homwe Extra Long Oven Mitts and Pot Holders, 4-Piece Set", 16.99, "", desc="Two mitts and two pot holders, quilted cotton with silicone grip.")
p("oven-mitt", "Le Creuset", "Le Creuset Heat Resistant Double Oven Glove", 39.00, "", desc="One long glove with a pocket at each end.")
p("tea-towel", "Now Designs", "Now Designs Floursack Tea Towels, Set of 5", 19.95, "", desc="Lint-free 100% cotton floursack for drying glasses and dishes.")
p("tea-towel", "Williams Sonoma", "Williams Sonoma Striped Kitchen Tea Towels, Set of 4", 29.95, "", var=[COL("Blue Stripe", "Red Stripe")], desc="Absorbent woven cotton with a hanging loop.")
p("tea-towel", "Utopia Kitchen", "Utopia Kitchen Cotton Kitchen Towels, 12 Pack", 18.99, "", desc="Waffle-weave cotton for drying dishes and hands.")
p("tea-towel", "Full Circle", "Full Circle Tidy Organic Cotton Tea Towels, 3 Pack", 14.99, "", desc="Organic cotton, machine washable.")
p("apron", "Hedley & Bennett", "Hedley & Bennett Essential Apron", 70.00, "", var=[COL("Midnight Navy", "Black")], desc="Durable cotton twill with pockets and a long tie.")
p("apron", "Williams Sonoma", "Williams Sonoma Classic Solid Adult Apron", 29.95, "", desc="Adjustable neck strap and one front pocket.")

# --- small appliances
p("electric-kettle", "Breville", "Breville IQ Kettle 1.7 Liter", 149.95, "BKE820XL", desc="Five temperature settings for green, white, oolong and black tea and French press coffee.")
p("electric-kettle", "Cuisinart", "Cuisinart PerfecTemp Cordless Electric Kettle 1.7 Liter", 99.95, "CPK-17", desc="Six preset temperatures and keep warm.")
p("electric-kettle", "Fellow", "Fellow Stagg EKG Electric Pour-Over Kettle 0.9 Liter", 195.00, "1134MB", var=[COL("Matte Black", "Polished Steel", "Matte White")], desc="Gooseneck spout and variable temperature for pour-over coffee.")
p("electric-kettle", "Smeg", "Smeg 50's Style Electric Kettle 1.7 Liter", 179.95, "KLF03", var=[COL("Cream", "Pastel Blue", "Red", "Black")], desc="Retro styling, soft-opening lid and a removable limescale filter.")
p("electric-kettle", "Bodum", "Bodum Bistro Electric Water Kettle 1 Liter", 39.95, "11445", desc="Small cordless kettle with an auto shut-off.")
p("electric-kettle", "Hamilton Beach", "Hamilton Beach Glass Electric Kettle 1.7 Liter", 29.99, "40864", desc="Blue LED lights up the glass while the water boils.")
p("electric-kettle", "Cosori", "COSORI Electric Gooseneck Kettle with 5 Variable Presets", 69.99, "CO108-NK", desc="Gooseneck pour with hold temperature for 60 minutes.")
p("kettle-filter", "Breville", "Breville Replacement Scale Filter for IQ Kettle", 9.95, "BKE820XL/05", **{"for": "Breville IQ Kettle BKE820XL"}, desc="The mesh filter in the spout of the Breville IQ Kettle BKE820XL that catches limescale.")
p("kettle-filter", "Smeg", "Smeg Replacement Limescale Filter for KLF03 Kettle", 12.95, "KLF03-FILTER", **{"for": "Smeg KLF03"}, desc="Fits the Smeg 50's style kettle KLF03.")
p("toaster", "Breville", "Breville Die-Cast 2-Slice Smart Toaster", 169.95, "BTA820XL", desc="Motorised lift and look, a bit more and a crumpet setting.")
p("toaster", "Smeg", "Smeg 2-Slice Toaster, 50's Style", 179.95, "TSF01", var=[COL("Cream", "Pastel Blue", "Red", "Black")], desc="Six browning levels, reheat, defrost and bagel.")
p("toaster", "Cuisinart", "Cuisinart Compact 2-Slice Toaster", 39.95, "CPT-122", desc="Wide slots for bagels and thick bread.")
p("toaster", "Dualit", "Dualit Classic 4-Slice Toaster, Polished", 399.95, "40378", desc="Hand-built in England with replaceable ProHeat elements.")
p("toaster", "Hamilton Beach", "Hamilton Beach 4-Slice Extra-Wide Slot Toaster", 34.99, "24910", desc="Four wide slots and a shade selector.")
p("toaster-oven", "Breville", "Breville Smart Oven Air Fryer Pro", 399.95, "BOV900BSS", desc="Countertop oven with air fry, dehydrate and proof, big enough for a 14 lb turkey.")
p("toaster-oven", "Cuisinart", "Cuisinart Chef's Convection Toaster Oven", 249.95, "TOB-260N1", desc="Fifteen cooking functions and a dual cook mode.")
p("toaster-oven", "Hamilton Beach", "Hamilton Beach Countertop Toaster Oven, 4-Slice", 44.99, "31123D", desc="Bake, broil and toast with a 30 minute timer.")
p("blender", "Vitamix", "Vitamix 5200 Blender, Professional-Grade, 64 oz Container", 449.95, "5200", var=[COL("Black", "Red", "White")], desc="Variable speed control for smoothies, hot soups and nut butters.")
p("blender", "Vitamix", "Vitamix E310 Explorian Blender, 48 oz", 349.95, "E310", desc="Ten speeds and pulse in a compact base.")
p("blender", "Ninja", "Ninja Professional Blender 1000W", 99.99, "BL610", desc="Total crushing blades turn ice to snow in seconds; 72 oz pitcher.")
p("blender", "Blendtec", "Blendtec Classic 575 Blender", 349.95, "C575", desc="Preprogrammed cycles and a blunt safety blade.")
p("blender", "NutriBullet", "NutriBullet Pro 900 Personal Blender", 89.99, "NB9-1301", desc="Blend smoothies straight in the cup you drink from.")
p("blender", "KitchenAid", "KitchenAid K150 3 Speed Ice Crushing Blender", 99.99, "KSB1325", desc="48 oz BPA-free pitcher and an ice crush setting.")
p("blender-jar", "Vitamix", "Vitamix 64 oz Low-Profile Container", 149.95, "15981", **{"for": "Vitamix 5200"}, desc="Fits Vitamix C-Series and G-Series bases, including the 5200.")
p("blender-jar", "Vitamix", "Vitamix 20 oz Blending Cup with Adapter", 99.95, "", desc="Personal cup for Vitamix full-size motor bases.")
p("blender-jar", "Ninja", "Ninja 72 oz Replacement Pitcher with Lid for BL610", 39.99, "", **{"for": "Ninja BL610"}, desc="Fits the Ninja Professional Blender BL610.")
p("immersion-blender", "Breville", "Breville Control Grip Immersion Blender", 129.95, "BSB510XL", desc="Bell-shaped base reduces suction; whisk and chopping bowl included.")
p("immersion-blender", "KitchenAid", "KitchenAid Variable Speed Corded Hand Blender", 59.99, "KHBV53", var=[COL("Empire Red", "Onyx Black")], desc="Blend soups in the pot.")
p("immersion-blender", "Braun", "Braun MultiQuick 7 Hand Blender", 99.95, "MQ7035X", desc="Speed adjusts to how hard you press.")
p("stand-mixer", "KitchenAid", "KitchenAid Artisan Series 5 Quart Tilt-Head Stand Mixer", 449.99, "KSM150PS", var=[COL("Empire Red", "Onyx Black", "Pistachio", "Aqua Sky", "Silver")], desc="Ten speeds, a 5 quart stainless bowl, flat beater, dough hook and wire whip.")
p("stand-mixer", "KitchenAid", "KitchenAid Classic Series 4.5 Quart Tilt-Head Stand Mixer", 329.99, "K45SS", desc="White stand mixer with a 4.5 quart bowl.")
p("stand-mixer", "KitchenAid", "KitchenAid Pro 600 Series 6 Quart Bowl-Lift Stand Mixer", 549.99, "KP26M1X", desc="Bowl-lift design for big batches of bread dough.")
p("stand-mixer", "Kenwood", "Kenwood Chef XL Stand Mixer 6.7 Quart", 499.99, "KVL4100S", desc="Large bowl with a light, K-beater, dough hook and whisk.")
p("stand-mixer", "Cuisinart", "Cuisinart Precision Master 5.5 Quart Stand Mixer", 299.95, "SM-50", desc="Twelve speeds and a splash guard with pour spout.")
p("mixer-attachment", "KitchenAid", "KitchenAid 3-Piece Pasta Roller & Cutter Set", 199.99, "KSMPRA", **{"for": "KitchenAid Stand Mixer"}, desc="Fits every KitchenAid household stand mixer's power hub.")
p("mixer-attachment", "KitchenAid", "KitchenAid Metal Food Grinder Attachment", 99.99, "KSMMGA", **{"for": "KitchenAid Stand Mixer"}, desc="Grinds meat, cheese and vegetables on any KitchenAid stand mixer.")
p("mixer-attachment", "KitchenAid", "KitchenAid Spiralizer Plus with Peel, Core and Slice", 129.99, "KSM2APC", **{"for": "KitchenAid Stand Mixer"}, desc="Seven blades for vegetable noodles; fits KitchenAid stand mixers.")
p("mixer-attachment", "KitchenAid", "KitchenAid Flex Edge Beater for 5 Quart Tilt-Head Mixers", 39.99, "KFE5T", **{"for": "KitchenAid KSM150PS"}, desc="Silicone edge scrapes the bowl; fits the Artisan KSM150PS and other 5 quart tilt-head mixers.")
p("mixer-attachment", "KitchenAid", "KitchenAid 5 Quart Stainless Steel Bowl with Handle", 49.99, "K5THSBP", **{"for": "KitchenAid KSM150PS"}, desc="A second bowl for tilt-head stand mixers.")
p("mixer-attachment", "KitchenAid", "KitchenAid Ice Cream Maker Attachment", 89.99, "KICA0WH", **{"for": "KitchenAid Stand Mixer"}, desc="Freeze the bowl overnight, then churn up to 2 quarts.")
p("hand-mixer", "KitchenAid", "KitchenAid 5-Speed Ultra Power Hand Mixer", 69.99, "KHM512", var=[COL("Empire Red", "White")], desc="Stainless turbo beaters for cookies and cream.")
p("hand-mixer", "Cuisinart", "Cuisinart Power Advantage 9-Speed Hand Mixer", 59.95, "HM-90S", desc="Nine speeds, a storage case, beaters, dough hooks and a whisk.")
p("hand-mixer", "Hamilton Beach", "Hamilton Beach 6-Speed Electric Hand Mixer with Snap-On Case", 24.99, "62682RZ", desc="Whisk and beaters snap into the case.")
p("food-processor", "Cuisinart", "Cuisinart Custom 14-Cup Food Processor", 249.95, "DFP-14BCNY", desc="Slicing and shredding discs and a chopping blade, large feed tube.")
p("food-processor", "Breville", "Breville Sous Chef 16 Pro Food Processor", 499.95, "BFP800XL", desc="Five multi-function discs and an adjustable slicer.")
p("food-processor", "KitchenAid", "KitchenAid 7 Cup Food Processor", 99.99, "KFP0718", desc="Three speeds and a reversible slicing and shredding disc.")
p("food-processor", "Ninja", "Ninja Professional Plus Food Processor, 1000 Watts, 9-Cup", 119.99, "BN601", desc="Auto-iQ programs for chopping, slicing, purees and dough.")
p("food-processor", "Cuisinart", "Cuisinart Mini-Prep Plus 3-Cup Food Processor", 39.95, "DLC-2A", desc="A small chopper for herbs, nuts and dressings.")
p("food-processor-part", "Cuisinart", "Cuisinart Replacement Chopping Blade for 14-Cup Food Processors", 34.95, "DLC-001TXAMZ", **{"for": "Cuisinart DFP-14BCNY"}, desc="Stainless S-blade for Cuisinart 14 cup food processors such as the DFP-14BCNY.")
p("food-processor-part", "Cuisinart", "Cuisinart Adjustable Slicing Disc for 14-Cup Food Processor", 39.95, "", **{"for": "Cuisinart DFP-14BCNY"}, desc="Slices 1 to 6 mm thick.")
p("food-processor-bowl", "Cuisinart", "Cuisinart Replacement Work Bowl 14 Cup", 49.95, "DLC-007BGTXT1", **{"for": "Cuisinart DFP-14BCNY"}, desc="Work bowl for Cuisinart 14 cup food processors.")
p("air-fryer", "Ninja", "Ninja Air Fryer, 4 Quart", 99.99, "AF101", desc="Air fry, roast, reheat and dehydrate with little or no oil.")
p("air-fryer", "Ninja", "Ninja Foodi 6-in-1 8 Quart 2-Basket Air Fryer with DualZone", 199.99, "DZ201", desc="Two independent baskets finish at the same time.")
p("air-fryer", "Cosori", "COSORI Pro LE Air Fryer 5 Quart", 89.99, "L501", var=[COL("Gray", "White", "Red")], desc="Nine presets and a square nonstick basket.")
p("air-fryer", "Instant", "Instant Vortex Plus 6 Quart Air Fryer with ClearCook Window", 129.99, "140-3079-01", desc="Watch food crisp through the window.")
p("air-fryer", "Philips", "Philips Premium Airfryer XXL", 299.95, "HD9650/96", desc="Fat removal technology and room for a whole chicken.")
p("air-fryer-liner", "Cosori", "COSORI Air Fryer Parchment Paper Liners, 100 Pack", 9.99, "", **{"for": "COSORI Air Fryer"}, desc="Perforated liners sized for COSORI 5 quart baskets.")
p("air-fryer-liner", "Ninja", "Ninja Silicone Air Fryer Liners, 2 Pack", 14.99, "", desc="Reusable silicone pots for 4 to 6 quart baskets.")
p("air-fryer-liner", "Reynolds", "Reynolds Kitchens Air Fryer Aluminum Foil Liners, 20 Count", 4.99, "", desc="Disposable foil liners that keep the basket clean.")
p("pressure-cooker", "Instant Pot", "Instant Pot Duo 7-in-1 Electric Pressure Cooker", 99.95, "IP-DUO60", var=[SIZE("3 Quart", "6 Quart", "8 Quart")], rule={"3 Quart": "[REMOVE]20.00", "8 Quart": "[ADD]30.00"}, desc="Pressure cooker, slow cooker, rice cooker, steamer, saute, yogurt maker and warmer.")
p("pressure-cooker", "Instant Pot", "Instant Pot Pro 10-in-1 Pressure Cooker 8 Quart", 169.99, "IP-PRO80", desc="Sous vide, canning and a gentle steam release.")
p("pressure-cooker", "Ninja", "Ninja Foodi 14-in-1 8 Quart Pressure Cooker and Air Fryer", 249.99, "OL601", desc="One lid pressure cooks and air crisps.")
p("pressure-cooker", "Presto", "Presto 8 Quart Stainless Steel Stovetop Pressure Cooker", 79.99, "01370", desc="A stovetop pressure cooker for gas and electric ranges.")
p("sealing-ring", "Instant Pot", "Instant Pot Sealing Ring 2-Pack, 6 Quart, Red and Blue", 14.95, "IP-RING6", **{"for": "Instant Pot Duo 6 Quart"}, desc="Silicone sealing rings for 6 quart Instant Pot Duo, Duo Plus and Pro; one for savoury, one for sweet.")
p("sealing-ring", "Instant Pot", "Instant Pot Sealing Ring 2-Pack, 8 Quart", 16.95, "IP-RING8", desc="For 8 quart Instant Pot models.")
p("pressure-cooker-lid", "Instant Pot", "Instant Pot Glass Lid 9 Inch", 19.95, "", desc="Tempered glass lid for slow cooking and keeping warm in 6 quart Instant Pots.")
p("slow-cooker", "Crock-Pot", "Crock-Pot 7 Quart Oval Manual Slow Cooker, Stainless", 49.99, "SCV700-S", desc="High, low and warm settings; feeds nine or more.")
p("slow-cooker", "Hamilton Beach", "Hamilton Beach Portable 6 Quart Set & Forget Digital Slow Cooker", 69.99, "33969A", desc="Probe and clip-tight lid for potlucks.")
p("slow-cooker", "All-Clad", "All-Clad Electrics 7 Quart Slow Cooker with Aluminum Insert", 229.95, "SD700450", desc="Browns on the stovetop in its own insert first.")
p("rice-cooker", "Zojirushi", "Zojirushi Neuro Fuzzy Rice Cooker & Warmer 5.5 Cup", 229.99, "NS-ZCC10", desc="Fuzzy logic adjusts cooking for white, sushi, brown and porridge rice.")
p("rice-cooker", "Aroma", "Aroma Housewares 8-Cup Digital Rice Cooker and Food Steamer", 39.99, "ARC-914SBD", desc="Cooks rice and steams vegetables at the same time.")
p("rice-cooker", "Tiger", "Tiger JBV-A10U 5.5 Cup Micom Rice Cooker with Food Steamer", 109.99, "JBV-A10U", desc="Cook rice and a main dish together.")
p("soda-maker", "SodaStream", "SodaStream Terra Sparkling Water Maker", 99.99, "1012811011", var=[COL("Black", "White")], desc="Comes with a 60L CO2 cylinder and a 1 liter carbonating bottle.")
p("soda-maker", "SodaStream", "SodaStream Art Sparkling Water Maker", 149.99, "", desc="A retro lever to carbonate.")
p("soda-maker", "Aarke", "Aarke Carbonator 3 Sparkling Water Maker", 229.00, "AAC3", desc="Stainless steel carbonator that fits standard 60L CO2 cylinders.")
p("co2-cylinder", "SodaStream", "SodaStream 60L CO2 Quick Connect Cylinder, Spare", 34.99, "", **{"for": "SodaStream Terra"}, desc="Pink-collar Quick Connect cylinder for the Terra, Art and E-Duo; makes up to 60 liters.")
p("co2-cylinder", "SodaStream", "SodaStream 60L CO2 Screw-In Cylinder Exchange", 17.99, "", desc="Exchange for your empty screw-in cylinder.")
p("carbonating-bottle", "SodaStream", "SodaStream 1L Carbonating Bottles, 3 Pack", 24.99, "", **{"for": "SodaStream Terra"}, desc="Dishwasher-safe bottles for SodaStream machines.")
p("carbonating-bottle", "Aarke", "Aarke PET Water Bottle 800 ml", 19.00, "", desc="Spare bottle for the Aarke Carbonator 3.")
p("vacuum-sealer", "FoodSaver", "FoodSaver Vacuum Sealer Machine with Automatic Bag Detection", 179.99, "V4400", desc="Built-in roll storage and cutter; seals bags and canisters.")
p("vacuum-sealer", "Anova", "Anova Precision Vacuum Sealer Pro", 99.99, "ANVS02", desc="For sous vide and keeping food fresher for longer.")
p("vacuum-sealer", "Nesco", "Nesco Deluxe Food Vacuum Sealer", 109.99, "VS-12", desc="Double heat seal and a bag cutter.")
p("vacuum-sealer-bags", "FoodSaver", "FoodSaver 11 Inch x 16 Foot Vacuum Seal Rolls, 3 Pack", 29.99, "", **{"for": "FoodSaver V4400"}, desc="Make bags to any length; fits FoodSaver vacuum sealers.")
p("vacuum-sealer-bags", "FoodSaver", "FoodSaver Quart Precut Vacuum Seal Bags, 44 Count", 19.99, "", desc="BPA-free bags, freezer and microwave safe.")
p("vacuum-sealer-bags", "Anova", "Anova Precut Vacuum Sealer Bags, 35 Count", 14.99, "", desc="Gallon size bags for the Anova vacuum sealers.")

# --- coffee and tea
p("coffee-maker", "Technivorm", "Technivorm Moccamaster KBGV Select 10-Cup Coffee Maker", 359.00, "53987", var=[COL("Polished Silver", "Matte Black", "Red Metallic")], desc="Handmade in the Netherlands; brews a full pot in six minutes with a glass carafe.")
p("coffee-maker", "Cuisinart", "Cuisinart 14-Cup Programmable Coffeemaker", 99.95, "DCC-3200", desc="Brew strength control and a 24-hour programmable timer.")
p("coffee-maker", "OXO", "OXO Brew 8 Cup Coffee Maker", 199.99, "8717000", desc="SCA-certified brewer with a rainmaker showerhead.")
p("coffee-maker", "Bonavita", "Bonavita 8-Cup One-Touch Coffee Maker with Thermal Carafe", 149.99, "BV1900TS", desc="Thermal carafe keeps coffee hot without a hot plate.")
p("coffee-maker", "Mr. Coffee", "Mr. Coffee 12-Cup Programmable Coffee Maker", 39.99, "", desc="Simple programmable drip brewer.")
p("coffee-maker", "Keurig", "Keurig K-Classic Single Serve K-Cup Pod Coffee Maker", 119.99, "K50", desc="Brews 6, 8 or 10 oz cups from pods.")
p("espresso-machine", "Breville", "Breville Barista Express Espresso Machine", 699.95, "BES870XL", var=[COL("Brushed Stainless Steel", "Black Sesame")], desc="Built-in conical burr grinder, steam wand and a 54 mm portafilter.")
p("espresso-machine", "Breville", "Breville Bambino Plus Espresso Machine", 499.95, "BES500BSS", desc="Three-second heat up and automatic milk texturing.")
p("espresso-machine", "De'Longhi", "De'Longhi Dedica Style Espresso Machine", 299.95, "EC685M", desc="Slim 15-bar pump espresso maker with a manual frother.")
p("espresso-machine", "Gaggia", "Gaggia Classic Pro Espresso Machine", 449.00, "RI9380/46", desc="Commercial-style 58 mm portafilter and a commercial steam wand.")
p("espresso-machine", "Nespresso", "Nespresso Vertuo Next Coffee and Espresso Machine by Breville", 179.00, "ENV120", desc="Brews five cup sizes from Vertuo capsules.")
p("espresso-machine", "De'Longhi", "De'Longhi Magnifica Evo Fully Automatic Espresso Machine", 899.95, "ECAM29084SB", desc="Bean to cup with LatteCrema milk system.")
p("coffee-grinder", "Baratza", "Baratza Encore Conical Burr Coffee Grinder", 149.95, "ZCG485", desc="Forty grind settings from espresso to French press.")
p("coffee-grinder", "Breville", "Breville Smart Grinder Pro", 199.95, "BCG820BSS", desc="Sixty settings and dosing by time.")
p("coffee-grinder", "OXO", "OXO Brew Conical Burr Coffee Grinder", 109.99, "8717200", desc="Fifteen settings plus micro settings and a one-touch start.")
p("coffee-grinder", "Hario", "Hario Skerton Pro Ceramic Coffee Mill", 59.00, "MMCS-2B", desc="Hand grinder with ceramic burrs.")
p("coffee-grinder", "Krups", "Krups Silent Vortex Electric Blade Grinder", 29.99, "GX332850", desc="Blade grinder for coffee and spices.")
p("french-press", "Bodum", "Bodum Chambord French Press Coffee Maker", 44.95, "1928-16", var=[SIZE("3 Cup", "8 Cup", "12 Cup")], rule={"3 Cup": "[REMOVE]10.00", "12 Cup": "[ADD]10.00"}, desc="Borosilicate glass beaker in a stainless frame.")
p("french-press", "Espro", "Espro P3 French Press 32 oz", 39.95, "", desc="Double micro-filter stops grit.")
p("french-press", "Frieling", "Frieling Double Wall Stainless French Press 36 oz", 119.99, "", desc="Unbreakable double-walled steel keeps coffee hot.")
p("pour-over-dripper", "Hario", "Hario V60 Ceramic Coffee Dripper, Size 02", 24.00, "VDC-02", var=[COL("White", "Red", "Black")], desc="Cone dripper with spiral ribs and a large single hole.")
p("pour-over-dripper", "Chemex", "Chemex Pour-Over Glass Coffeemaker, Classic Series, 6-Cup", 49.95, "CM-6A", desc="Hourglass flask with a polished wood collar.")
p("pour-over-dripper", "Kalita", "Kalita Wave 185 Stainless Steel Dripper", 37.00, "", desc="Flat-bottom dripper with three holes.")
p("pour-over-dripper", "Melitta", "Melitta Pour-Over Coffee Cone Brewer, Size 4", 8.99, "", desc="Single cup cone for #4 filters.")
p("coffee-filters", "Hario", "Hario V60 Paper Coffee Filters, Size 02, 100 Count", 7.50, "VCF-02-100W", **{"for": "Hario V60"}, desc="White paper filters for the V60 02 dripper.")
p("coffee-filters", "Chemex", "Chemex Bonded Filters, Pre-Folded Squares, 100 Count", 12.95, "FS-100", **{"for": "Chemex"}, desc="Fits all Chemex coffeemakers except the three-cup.")
p("coffee-filters", "Kalita", "Kalita Wave 185 Paper Filters, 100 Count", 11.00, "", desc="Flat-bottom filters for the Wave 185.")
p("coffee-filters", "CoffeeSock", "CoffeeSock Reusable Cotton Filter for Chemex 6-Cup", 18.00, "", **{"for": "Chemex"}, desc="Organic cotton cloth filter instead of paper.")
p("coffee-maker-filters", "Melitta", "Melitta #4 Cone Coffee Filters, Natural Brown, 100 Count", 5.49, "", desc="Fits 8 to 12 cup cone-filter coffee makers.")
p("coffee-maker-part", "Cuisinart", "Cuisinart Replacement Charcoal Water Filters, 2 Pack", 8.95, "DCC-RWF", **{"for": "Cuisinart DCC-3200"}, desc="Charcoal water filters for Cuisinart coffeemakers such as the DCC-3200.")
p("coffee-maker-part", "Technivorm", "Moccamaster Replacement Brew Basket", 29.95, "", **{"for": "Technivorm Moccamaster"}, desc="Spare brew basket for the Moccamaster KBGV Select.")
p("coffee-maker-part", "Keurig", "Keurig My K-Cup Universal Reusable Coffee Filter", 14.99, "", **{"for": "Keurig K-Classic"}, desc="Brew your own ground coffee in Keurig brewers.")
p("french-press-part", "Bodum", "Bodum Chambord Spare Glass Beaker, 8 Cup", 19.95, "1508-10", **{"for": "Bodum Chambord"}, desc="Replacement borosilicate beaker for the 8 cup Chambord French press.")
p("french-press-part", "Bodum", "Bodum Replacement Filter Mesh for 8 Cup French Press", 9.95, "", **{"for": "Bodum Chambord"}, desc="Spare stainless mesh filter for Bodum presses.")
p("espresso-water-filter", "Breville", "Breville Claro Swiss Water Filter, 2 Pack", 14.95, "BES008", **{"for": "Breville Barista Express"}, desc="Water filter for the tank of Breville espresso machines such as the Barista Express BES870XL.")
p("espresso-part", "Breville", "Breville 54mm Single Wall Filter Basket, 2 Cup", 24.95, "", **{"for": "Breville Barista Express"}, desc="Unpressurised basket for the 54 mm portafilter.")
p("espresso-part", "Normcore", "Normcore 58.5mm Spring-Loaded Coffee Tamper", 39.99, "", desc="Calibrated tamper for 58 mm portafilters.")
p("espresso-part", "Breville", "Breville Stainless Steel Milk Jug 480 ml", 24.95, "BES003", desc="Frothing jug for steaming milk.")
p("descaler", "De'Longhi", "De'Longhi EcoDecalk Descaler, 500 ml", 19.95, "DLSC500", **{"for": "De'Longhi Espresso Machine"}, desc="Natural descaler for espresso machines and kettles; five uses.")
p("descaler", "Urnex", "Urnex Dezcal Activated Scale Remover, 8 oz", 12.99, "", desc="Removes limescale from espresso machines, coffee makers and kettles.")
p("descaler", "Breville", "Breville Descaling Solution, 4 Pack", 14.95, "BES007", **{"for": "Breville Barista Express"}, desc="For Breville espresso machines.")
p("milk-frother", "Nespresso", "Nespresso Aeroccino 3 Milk Frother", 99.00, "3694", desc="Hot or cold foam at the press of a button.")
p("milk-frother", "Breville", "Breville Milk Cafe Frother", 179.95, "BMF600XL", desc="Induction heated jug with two frothing discs.")
p("milk-frother", "Zulay", "Zulay Handheld Milk Frother Wand", 14.99, "", var=[COL("Black", "White", "Rose Gold")], desc="Battery powered whisk for lattes and matcha.")
p("coffee-beans", "Lavazza", "Lavazza Super Crema Whole Bean Coffee, 2.2 lb", 24.99, "", desc="Medium espresso roast, mild and creamy.")
p("coffee-beans", "Stumptown", "Stumptown Hair Bender Whole Bean Coffee 12 oz", 17.99, "", desc="Citrus and dark chocolate notes.")
p("coffee-beans", "Peet's Coffee", "Peet's Coffee Major Dickason's Blend Dark Roast Ground Coffee 18 oz", 15.99, "", desc="Full-bodied dark roast.")
p("coffee-beans", "Intelligentsia", "Intelligentsia House Blend Light Roast Whole Bean Coffee 12 oz", 16.50, "", desc="Bright, balanced and sweet.")
p("coffee-beans", "Illy", "Illy Classico Ground Espresso Coffee, Medium Roast, 8.8 oz", 12.99, "", desc="Fine espresso grind in a pressurised tin.")
p("tea", "Twinings", "Twinings English Breakfast Tea, 100 Tea Bags", 9.99, "", desc="A rich black tea blend for a morning cuppa.")
p("tea", "Yorkshire Tea", "Yorkshire Tea Original Black Tea, 160 Tea Bags", 14.99, "", desc="A proper brew from Yorkshire.")
p("tea", "Harney & Sons", "Harney & Sons Hot Cinnamon Spice Tea, 20 Sachets", 9.50, "", desc="Black tea with cinnamon, orange and clove.")
p("tea", "Tazo", "Tazo Zen Green Tea, 20 Bags", 4.99, "", desc="Green tea with spearmint and lemongrass.")
p("tea", "Teapigs", "Teapigs Chamomile Flowers Tea, 15 Temples", 8.99, "", desc="Whole chamomile flowers, caffeine free.")
p("tea", "Ippodo", "Ippodo Sayaka Matcha Powder 40 g", 28.00, "", desc="Ceremonial grade matcha from Kyoto.")
p("teapot", "Cauldon", "Original Brown Betty Teapot 6 Cup", 39.95, "", desc="Made in Stoke-on-Trent from red Etruria clay that keeps tea hot.")
p("teapot", "Hario", "Hario Chacha Kyusu Maru Teapot 700 ml", 24.00, "CHJMN-70T", desc="Heatproof glass teapot with a built-in strainer.")
p("teapot", "Bodum", "Bodum Assam Tea Press 34 oz", 39.95, "1805-16", desc="Press the plunger to stop the tea brewing.")
p("teapot", "Le Creuset", "Le Creuset Stoneware Classic Teapot 1.3 Quart", 60.00, "", desc="Stoneware teapot with a stainless steel infuser.")
p("tea-infuser", "Finum", "Finum Stainless Steel Brewing Basket, Medium", 10.95, "", desc="Fine mesh basket that fits most mugs and teapots.")
p("tea-infuser", "OXO", "OXO Brew Twisting Tea Ball", 11.99, "", desc="One-handed twisting tea ball for loose leaf tea.")
p("tea-infuser", "ForLife", "ForLife Brew-in-Mug Extra Fine Tea Infuser with Lid", 14.95, "", desc="Extra-fine mesh for rooibos and small leaves.")
p("travel-mug", "Contigo", "Contigo West Loop Autoseal Travel Mug 16 oz", 19.99, "", var=[COL("Stainless Steel", "Licorice", "Sake")], desc="Vacuum insulated; keeps coffee hot for 5 hours and seals against spills.")
p("travel-mug", "Zojirushi", "Zojirushi Stainless Steel Travel Mug 16 oz", 29.99, "SM-SA48", desc="Flip-open lid and a nonstick interior.")
p("travel-mug", "Stanley", "Stanley Classic Trigger Action Travel Mug 16 oz", 25.00, "", desc="Leakproof, keeps drinks hot for 7 hours.")
p("travel-mug", "Yeti", "Yeti Rambler 20 oz Tumbler with MagSlider Lid", 35.00, "", desc="Double-wall vacuum insulation for hot and cold drinks.")
p("mug", "Le Creuset", "Le Creuset Stoneware 14 oz Mug", 23.00, "", var=[COL("Cerise", "Marseille", "White")], desc="Chip-resistant enamel glaze.")
p("mug", "Hasami Porcelain", "Hasami Porcelain Mug, Natural, 11 oz", 29.00, "", desc="Stackable Japanese porcelain.")
p("mug", "Denby", "Denby Studio Blue Large Mugs, Set of 4", 65.00, "", desc="Hand-glazed English stoneware.")

# --- food storage
p("food-storage-containers", "OXO", "OXO Good Grips 10-Piece POP Container Set", 99.99, "", desc="Airtight pantry containers with push-button lids for cereal, flour and pasta.")
p("food-storage-containers", "Pyrex", "Pyrex Simply Store 18-Piece Glass Food Storage Set", 34.99, "1136632", desc="Oven, microwave, fridge and freezer safe glass with plastic lids.")
p("food-storage-containers", "Rubbermaid", "Rubbermaid Brilliance Leak-Proof Food Storage Containers, 10 Piece", 29.99, "2024348", desc="Crystal-clear, stain-resistant containers with latching lids.")
p("food-storage-containers", "Glasslock", "Glasslock Oven Safe Glass Containers with Locking Lids, 18 Piece", 39.99, "", desc="Tempered glass with snap lids.")
p("food-storage-containers", "Sistema", "Sistema Klip It Food Storage Containers, 6 Pack", 19.99, "", desc="Lunch and leftover boxes with clips.")
p("container-lid", "Pyrex", "Pyrex 7402-PC Replacement Lid for 6 Cup Round Dish, Blue", 7.99, "7402-PC", **{"for": "Pyrex Simply Store"}, desc="Plastic cover for the Pyrex 6 cup round glass dish.")
p("container-lid", "Pyrex", "Pyrex 7201-PC Replacement Lid for 4 Cup Round Dish, Red", 6.99, "7201-PC", **{"for": "Pyrex Simply Store"}, desc="Plastic cover for the Pyrex 4 cup round dish.")
p("container-lid", "OXO", "OXO Good Grips POP Replacement Lid, Large", 12.99, "", **{"for": "OXO POP Container"}, desc="Fits large OXO POP containers.")
p("cling-film", "Glad", "Glad ClingWrap Plastic Food Wrap, 200 sq ft", 4.49, "", desc="Clings to glass, ceramic and plastic to seal bowls.")
p("cling-film", "Stretch-Tite", "Stretch-Tite Premium Food Wrap, 250 sq ft", 6.99, "", desc="Strong cling in a slide-cutter box.")
p("cling-film", "Wrapmaster", "Wrapmaster Catering Cling Film Refill 1000 ft x 12 Inch", 24.99, "", desc="Refill roll for the Wrapmaster 3000 dispenser.")
p("wrap-dispenser", "Wrapmaster", "Wrapmaster 3000 Cling Film Dispenser", 29.99, "", desc="Dispenser with a safe slide cutter; takes Wrapmaster 12 inch refill rolls.")
p("aluminum-foil", "Reynolds", "Reynolds Wrap Aluminum Foil, 200 sq ft", 12.99, "", desc="Standard strength foil for baking and grilling.")
p("aluminum-foil", "Reynolds", "Reynolds Wrap Heavy Duty Aluminum Foil, 50 sq ft", 6.49, "", desc="Heavy duty foil for the grill.")
p("aluminum-foil", "If You Care", "If You Care 100% Recycled Aluminum Foil, 50 sq ft", 5.99, "", desc="Made from recycled aluminium.")
p("beeswax-wraps", "Bee's Wrap", "Bee's Wrap Assorted 3 Pack Reusable Food Wraps", 18.00, "", desc="Organic cotton coated in beeswax, jojoba oil and tree resin; wrap cheese, bread and bowls.")
p("beeswax-wraps", "Etee", "Etee Reusable Food Wraps, Variety 6 Pack", 25.00, "", desc="Plant wax wraps that replace single-use wrap.")
p("storage-bags", "Ziploc", "Ziploc Gallon Freezer Bags with Grip 'n Seal, 60 Count", 12.49, "", desc="Double zipper freezer bags.")
p("storage-bags", "Stasher", "Stasher Reusable Silicone Storage Bag, Half Gallon", 15.99, "", var=[COL("Clear", "Aqua", "Raspberry")], desc="Platinum silicone bag that goes in the freezer, microwave and dishwasher.")
p("storage-bags", "Ziploc", "Ziploc Sandwich Bags, 280 Count", 9.99, "", desc="Easy open tabs for lunches and snacks.")
p("canister", "OXO", "OXO Good Grips POP Container, Big Square, 4.4 Quart", 22.99, "", desc="Holds a 5 lb bag of flour.")
p("canister", "Le Creuset", "Le Creuset Stoneware Canister, 1 Quart", 32.00, "", desc="Wooden lid with a silicone seal.")
p("canister", "Bormioli Rocco", "Bormioli Rocco Fido Glass Jar with Swing Top, 1 Liter", 9.99, "", desc="Italian glass jar with a hermetic seal.")
p("spice-jars", "Talented Kitchen", "Talented Kitchen 24 Glass Spice Jars with Labels", 29.99, "", desc="4 oz jars with shaker lids and printed labels.")
p("spice-jars", "Kamenstein", "Kamenstein 20-Jar Revolving Spice Rack with Spices", 34.99, "", desc="Filled spice rack that turns on the counter.")
p("bread-bin", "Brabantia", "Brabantia Roll Top Bread Bin", 59.99, "348907", var=[COL("Matt Black", "White", "Mint")], desc="Roll top lid and a flat top that doubles as a shelf.")
p("bread-bin", "Typhoon", "Typhoon Vintage Kitchen Bread Bin, Cream", 44.99, "", desc="Retro steel bread box.")
p("water-filter-pitcher", "Brita", "Brita Standard Everyday Water Filter Pitcher, 10 Cup", 34.99, "36089", var=[COL("White", "Blue")], desc="Reduces chlorine taste and odour; comes with one Standard filter.")
p("water-filter-pitcher", "Brita", "Brita Metro Water Filter Pitcher, 6 Cup", 24.99, "", desc="Compact pitcher for the fridge door.")
p("water-filter-pitcher", "ZeroWater", "ZeroWater 10 Cup Ready-Pour Water Filter Pitcher", 39.99, "ZP-010RP", desc="Five-stage filter with a water quality meter.")
p("water-filter-pitcher", "PUR", "PUR PLUS 11 Cup Water Filter Pitcher", 36.99, "PPT111W", desc="Reduces lead, microplastics and chlorine.")
p("pitcher-filter", "Brita", "Brita Standard Replacement Water Filters, 3 Pack", 17.99, "", **{"for": "Brita Pitcher"}, desc="Fits all Brita pitchers and dispensers except the Stream; each lasts 40 gallons or about 2 months.")
p("pitcher-filter", "Brita", "Brita Elite Replacement Water Filter, 2 Pack", 29.99, "", **{"for": "Brita Pitcher"}, desc="Lasts 120 gallons, about 6 months, in Brita pitchers.")
p("pitcher-filter", "ZeroWater", "ZeroWater Replacement Filters, 4 Pack", 54.99, "ZR-004", **{"for": "ZeroWater"}, desc="For all ZeroWater pitchers and dispensers.")
p("pitcher-filter", "PUR", "PUR PLUS Pitcher Replacement Filter, 3 Pack", 29.99, "PPF951K3", **{"for": "PUR"}, desc="For PUR pitchers and dispensers.")
p("water-bottle", "Hydro Flask", "Hydro Flask 32 oz Wide Mouth Water Bottle", 44.95, "W32BTS", var=[COL("Black", "Pacific", "White")], desc="Keeps water cold for 24 hours.")
p("water-bottle", "Brita", "Brita Premium Filtering Water Bottle 26 oz", 24.99, "", desc="A bottle with a filter in the straw.")
p("water-bottle", "Nalgene", "Nalgene Wide Mouth 32 oz Bottle", 15.99, "", desc="Tritan plastic that does not hold flavours.")

# --- bedding
p("sheet-set", "Brooklinen", "Brooklinen Luxe Sateen Core Sheet Set", 169.00, "", var=[SIZE("Twin", "Full", "Queen", "King"), COL("White", "Cream", "Graphite")], rule={"Twin": "[REMOVE]30.00", "King": "[ADD]30.00"}, desc="480 thread count long-staple cotton sateen with a buttery sheen.")
p("sheet-set", "Parachute", "Parachute Linen Sheet Set", 299.00, "", var=[SIZE("Queen", "King")], rule={"King": "[ADD]40.00"}, desc="European flax linen, stonewashed for softness.")
p("sheet-set", "Mellanni", "Mellanni Brushed Microfiber Queen Sheet Set, 4 Piece", 39.97, "", desc="Deep pockets and wrinkle resistant.")
p("sheet-set", "Pinzon", "Pinzon 190 Gram Flannel Sheet Set, Queen", 49.99, "", desc="Warm brushed cotton flannel for winter.")
p("sheet-set", "Cariloha", "Cariloha Resort Bamboo Viscose Sheet Set, Queen", 189.00, "", desc="Cool, breathable bamboo viscose.")
p("duvet-cover", "Brooklinen", "Brooklinen Classic Percale Duvet Cover", 179.00, "", var=[SIZE("Full/Queen", "King/Cal King")], rule={"King/Cal King": "[ADD]30.00"}, desc="Crisp cool percale with corner ties and a button closure.")
p("duvet-cover", "Parachute", "Parachute Linen Duvet Cover, Queen", 319.00, "", desc="Stonewashed linen duvet cover with corner ties.")
p("duvet-cover", "Nestwell", "Nestwell Cotton Sateen Duvet Cover Set, 3 Piece, King", 89.99, "", desc="A duvet cover and two shams.")
p("comforter", "Buffy", "Buffy Cloud Comforter, Queen", 195.00, "", desc="Eucalyptus fabric and recycled fill; a down alternative.")
p("comforter", "Pacific Coast", "Pacific Coast Feather Down Comforter, All Season, King", 299.00, "", desc="Hyperclean down with a baffle box design.")
p("comforter", "Linenspa", "Linenspa All-Season Down Alternative Quilted Comforter, Queen", 39.99, "", desc="Hypoallergenic microfiber fill.")
p("pillow", "Coop Home Goods", "Coop Home Goods Original Adjustable Pillow, Queen", 69.99, "", desc="Add or remove the shredded memory foam fill for your sleeping position.")
p("pillow", "Casper", "Casper Original Pillow, Standard", 65.00, "", desc="A pillow within a pillow for support and fluff.")
p("pillow", "Beckham Hotel Collection", "Beckham Hotel Collection Bed Pillows, Queen Size, Set of 2", 39.99, "", desc="Gel fiber pillows for side and back sleepers.")
p("pillow", "Tempur-Pedic", "Tempur-Pedic TEMPUR-Cloud Pillow, Queen", 99.00, "", desc="Soft memory foam pillow.")
p("pillowcase", "Brooklinen", "Brooklinen Luxe Sateen Pillowcases, Set of 2", 59.00, "", var=[SIZE("Standard", "King")], rule={"King": "[ADD]10.00"}, desc="Envelope closure, 480 thread count sateen.")
p("pillowcase", "Slip", "Slip Pure Silk Pillowcase, Queen", 89.00, "", desc="22 momme mulberry silk, kind to hair and skin.")
p("mattress-protector", "SafeRest", "SafeRest Premium Waterproof Mattress Protector, Queen", 39.99, "", desc="Breathable cotton terry over a waterproof membrane.")
p("mattress-protector", "Linenspa", "Linenspa Waterproof Mattress Protector, King", 25.99, "", desc="Fitted sheet style, 18 inch deep pocket.")
p("mattress-topper", "Tempur-Pedic", "Tempur-Pedic TEMPUR-Topper Supreme 3 Inch, Queen", 399.00, "", desc="Adds pressure relief to a firm mattress.")
p("mattress-topper", "Lucid", "LUCID 3 Inch Gel Memory Foam Mattress Topper, Queen", 89.99, "", desc="Ventilated gel foam that sleeps cooler.")
p("throw-blanket", "Pendleton", "Pendleton Eco-Wise Wool Throw Blanket", 189.00, "", desc="Machine washable wool in a Pendleton plaid.")
p("throw-blanket", "Bedsure", "Bedsure Fleece Throw Blanket 50 x 60 Inch", 19.99, "", var=[COL("Grey", "Navy", "Camel")], desc="Lightweight flannel fleece for the couch.")
p("throw-blanket", "Barefoot Dreams", "Barefoot Dreams CozyChic Throw", 147.00, "", desc="Plush knit throw.")
p("weighted-blanket", "Gravity", "Gravity Cooling Weighted Blanket 15 lb", 249.00, "", desc="Glass beads in a cooling microfiber cover.")
p("weighted-blanket", "YnM", "YnM Weighted Blanket 15 lbs, 60 x 80 Inch", 59.90, "", desc="Seven layers with glass beads.")

# --- cleaning
p("stick-vacuum", "Dyson", "Dyson V8 Cordless Vacuum Cleaner", 349.99, "V8", desc="Up to 40 minutes of run time; converts to a handheld.")
p("stick-vacuum", "Dyson", "Dyson V15 Detect Cordless Vacuum", 749.99, "SV22", desc="A laser shows microscopic dust on hard floors.")
p("stick-vacuum", "Shark", "Shark Stratos Cordless Stick Vacuum with Clean Sense IQ", 429.99, "IZ862H", desc="Self-cleaning brushroll that removes hair wrap.")
p("stick-vacuum", "Shark", "Shark Rocket Pet Pro Cordless Stick Vacuum", 299.99, "IZ362H", desc="Light cordless vacuum for pet hair.")
p("stick-vacuum", "Bissell", "Bissell CleanView Cordless Stick Vacuum", 179.99, "3180", desc="Light stick vacuum with a 30 minute battery.")
p("vacuum-filter", "Dyson", "Dyson V8 Replacement Filter", 34.99, "967478-01", **{"for": "Dyson V8"}, desc="Washable pre-motor filter for the Dyson V8 cordless vacuum.")
p("vacuum-filter", "Shark", "Shark Filter Kit for Stratos Cordless Vacuum", 24.99, "XFFKIZ862H", **{"for": "Shark Stratos IZ862H"}, desc="Foam, felt and HEPA filters for the Shark IZ862H.")
p("vacuum-filter", "Bissell", "Bissell CleanView Cordless Filter, 2 Pack", 14.99, "", **{"for": "Bissell CleanView"}, desc="Replacement filters for the CleanView cordless stick vacuum.")
p("vacuum-battery", "Dyson", "Dyson V8 Replacement Battery", 89.99, "967834-02", **{"for": "Dyson V8"}, desc="Genuine battery for the Dyson V8 cordless vacuum; up to 40 minutes of run time.")
p("vacuum-battery", "Shark", "Shark Removable Battery for Rocket Cordless Vacuums", 79.99, "XBATR725EU", **{"for": "Shark Rocket"}, desc="Spare battery for Shark Rocket cordless vacuums such as the IZ362H.")
p("mop", "O-Cedar", "O-Cedar EasyWring Microfiber Spin Mop & Bucket System", 39.99, "148904", desc="Foot pedal spins the mop head to wring it without touching.")
p("mop", "Bona", "Bona Premium Spray Mop for Hardwood Floors", 44.99, "WM710013499", desc="Refillable cartridge and a washable microfiber pad.")
p("mop", "Swiffer", "Swiffer Sweeper 2-in-1 Dry and Wet Floor Mop Starter Kit", 14.99, "", desc="Sweeper with dry cloths and wet pads.")
p("mop", "Libman", "Libman Wonder Mop", 19.99, "", desc="Microfiber strip mop with a built-in wringer.")
p("mop-refill", "O-Cedar", "O-Cedar EasyWring Microfiber Spin Mop Refill, 2 Pack", 14.99, "", **{"for": "O-Cedar EasyWring"}, desc="Replacement mop heads for the O-Cedar EasyWring spin mop system.")
p("mop-refill", "Bona", "Bona Microfiber Cleaning Pad, 2 Pack", 17.99, "", **{"for": "Bona Spray Mop"}, desc="Washable pads for Bona spray mops.")
p("mop-refill", "Swiffer", "Swiffer Sweeper Wet Mopping Pad Refills, 24 Count", 9.99, "", **{"for": "Swiffer Sweeper"}, desc="Wet cloths for the Swiffer Sweeper.")
p("mop-refill", "Swiffer", "Swiffer Sweeper Dry Sweeping Cloths, 52 Count", 11.99, "", **{"for": "Swiffer Sweeper"}, desc="Trap dust and hair on hard floors.")
p("floor-cleaner", "Bona", "Bona Hardwood Floor Cleaner Refill, 128 oz", 19.99, "", desc="Refill for Bona spray mops and spray bottles; residue-free.")
p("floor-cleaner", "Method", "Method Squirt + Mop Hard Floor Cleaner, Almond, 25 oz", 5.49, "", desc="Plant-based floor cleaner.")
p("dish-soap", "Dawn", "Dawn Platinum Dish Soap, Refreshing Rain, 24 oz", 5.99, "", desc="Cuts through grease fast.")
p("dish-soap", "Seventh Generation", "Seventh Generation Free & Clear Dish Liquid Soap, 19 oz", 3.99, "", desc="Fragrance-free dishwashing liquid.")
p("dish-soap", "Method", "Method Dish Soap Refill, Lime + Sea Salt, 54 oz", 9.99, "", desc="Refill pouch for the Method dish soap pump.")
p("dish-soap", "Mrs. Meyer's", "Mrs. Meyer's Clean Day Liquid Dish Soap, Lemon Verbena, 16 oz", 4.99, "", desc="Plant-derived ingredients and essential oils.")
p("dishwasher-detergent", "Cascade", "Cascade Platinum Plus Dishwasher Pods, 62 Count", 22.99, "", desc="Dissolving pods with Dawn for stuck-on food.")
p("dishwasher-detergent", "Finish", "Finish Quantum Dishwasher Detergent Tablets, 82 Count", 24.99, "", desc="PowerBall tabs for a deep clean.")
p("dishwasher-detergent", "Seventh Generation", "Seventh Generation Dishwasher Detergent Packs, Free & Clear, 45 Count", 13.99, "", desc="Phosphate-free packs.")
p("dish-brush", "OXO", "OXO Good Grips Soap Dispensing Dish Brush", 9.99, "", desc="Fill the handle with dish soap; press to release.")
p("dish-brush", "Full Circle", "Full Circle Be Good Dish Brush, Bamboo", 7.99, "", desc="Bamboo handle with a replaceable head.")
p("dish-brush", "Redecker", "Redecker Beechwood Dish Brush with Horsehair", 9.00, "", desc="Traditional German brush.")
p("dish-brush-refill", "OXO", "OXO Good Grips Soap Dispensing Dish Brush Refills, 2 Pack", 6.99, "", **{"for": "OXO Dish Brush"}, desc="Replacement heads for the OXO soap dispensing dish brush.")
p("dish-brush-refill", "Full Circle", "Full Circle Be Good Replacement Brush Heads, 2 Pack", 5.99, "", **{"for": "Full Circle Be Good"}, desc="Replaceable heads for the Be Good dish brush.")
p("sponge", "Scotch-Brite", "Scotch-Brite Non-Scratch Scrub Sponges, 9 Pack", 8.99, "", desc="Cleans nonstick cookware without scratching.")
p("sponge", "Skoy", "Skoy Cloth Reusable Dish Cloths, 4 Pack", 9.99, "", desc="Biodegradable cloths that replace 15 rolls of paper towels.")
p("sponge", "O-Cedar", "O-Cedar Scrunge Multi-Use Scrubber Sponges, 6 Pack", 5.99, "", desc="A scrubber on one side, a sponge on the other.")
p("all-purpose-cleaner", "Method", "Method All-Purpose Cleaner Spray, Pink Grapefruit, 28 oz", 4.49, "", desc="Cleans counters, tile and stone.")
p("all-purpose-cleaner", "Mrs. Meyer's", "Mrs. Meyer's Clean Day Multi-Surface Everyday Cleaner, Lavender, 16 oz", 4.99, "", desc="Cuts dirt and grime on most surfaces.")
p("all-purpose-cleaner", "Bar Keepers Friend", "Bar Keepers Friend Cleanser & Polish Powder, 21 oz", 3.49, "", desc="Removes rust and stains from stainless steel and cookware.")
p("all-purpose-cleaner", "Weiman", "Weiman Stainless Steel Cleaner and Polish, 12 oz", 7.99, "", desc="Streak-free shine on fridges and dishwashers.")
p("dish-rack", "simplehuman", "simplehuman Steel Frame Dish Rack with Swivel Spout", 89.99, "KT1106", desc="Fingerprint-proof stainless frame, wine glass holder and a drip tray that drains to the sink.")
p("dish-rack", "simplehuman", "simplehuman Compact Steel Frame Dish Rack", 69.99, "KT1179", desc="For small counters.")
p("dish-rack", "OXO", "OXO Good Grips Over-the-Sink Dish Rack", 59.99, "", desc="Stands over the sink; legs extend.")
p("dish-rack", "Polder", "Polder Advantage Dish Rack with Drainboard", 29.99, "", desc="Two-tier rack with a drainboard and cutlery cup.")
p("dish-rack-part", "simplehuman", "simplehuman Dish Rack Replacement Drainboard, Grey", 19.99, "KT1181", **{"for": "simplehuman KT1106"}, desc="Drip tray for the simplehuman steel frame dish rack KT1106.")
p("dish-rack-part", "simplehuman", "simplehuman Dish Rack Utensil Holder", 14.99, "", **{"for": "simplehuman KT1106"}, desc="Cutlery caddy for simplehuman dish racks.")
p("trash-can", "simplehuman", "simplehuman 45 Liter Rectangular Step Trash Can, Brushed Stainless", 149.99, "CW2030", desc="Strong steel pedal and a lid shock that closes quietly.")
p("trash-can", "simplehuman", "simplehuman 58 Liter Dual Compartment Recycler Step Can", 199.99, "CW2025", desc="Two inner buckets for trash and recycling.")
p("trash-can", "iTouchless", "iTouchless 13 Gallon Sensor Kitchen Trash Can", 79.99, "IT13RCB", desc="Motion sensor lid and an odour filter.")
p("trash-can", "Brabantia", "Brabantia Bo Touch Bin 36 Liter", 229.99, "", desc="Soft-touch lid and a removable inner bucket.")
p("trash-bags", "simplehuman", "simplehuman Code H Custom Fit Drawstring Trash Bags, 60 Count", 29.99, "CW0258", **{"for": "simplehuman CW2030"}, desc="Custom fit liners for simplehuman 30 to 45 liter cans such as the CW2030.")
p("trash-bags", "simplehuman", "simplehuman Code J Custom Fit Drawstring Trash Bags, 50 Count", 26.99, "CW0259", **{"for": "simplehuman CW2030"}, desc="Liners for 30 to 45 liter simplehuman cans.")
p("trash-bags", "Glad", "Glad ForceFlex Tall Kitchen Drawstring Trash Bags, 13 Gallon, 80 Count", 18.99, "", desc="Stretchable bags that resist rips.")
p("trash-bags", "Hefty", "Hefty Ultra Strong Tall Kitchen Trash Bags, 13 Gallon, 90 Count", 19.99, "", desc="Scent-neutralising kitchen bags.")
p("laundry-basket", "Sterilite", "Sterilite Ultra Easy Carry Laundry Basket", 12.99, "", desc="Handles on both sides and hip grip.")
p("laundry-basket", "Household Essentials", "Household Essentials Tall Wicker Laundry Hamper with Lid", 49.99, "", desc="Willow hamper with a cotton liner.")
p("laundry-detergent", "Tide", "Tide Original Liquid Laundry Detergent, 92 oz", 14.99, "", desc="For HE and standard washing machines.")
p("laundry-detergent", "Seventh Generation", "Seventh Generation Free & Clear Laundry Detergent, 100 oz", 16.99, "", desc="Fragrance-free for sensitive skin.")
p("ironing-board", "Brabantia", "Brabantia Ironing Board Size C with Steam Iron Rest", 129.99, "", desc="Height adjustable ironing board with a cover.")
p("steam-iron", "Rowenta", "Rowenta DW5280 Focus Steam Iron", 79.99, "DW5280", desc="1725 watt steam iron with a stainless soleplate.")

# --- added last, so that the codes above stay as they were
p("stovetop-kettle", "Le Creuset", "Le Creuset Enamel on Steel Classic Whistling Kettle 1.7 Quart", 110.00, "Q3101", var=[COL("Cerise", "Marseille", "Oyster")], desc="Whistles when the water boils; works on gas, electric, ceramic and induction hobs.")
p("stovetop-kettle", "OXO", "OXO Brew Classic Tea Kettle, Brushed Stainless, 1.7 Quart", 49.99, "", desc="Silicone-wrapped handle and a whistle that sounds when water boils.")
p("stovetop-kettle", "Fellow", "Fellow Stagg Stovetop Pour-Over Kettle 1 Liter", 85.00, "", desc="Gooseneck for a precise pour and a built-in thermometer in the lid.")
p("stovetop-kettle", "Chantal", "Chantal Enamel-on-Steel Classic Teakettle 1.8 Quart", 59.99, "", desc="Harmonica whistle and a flat base for electric coils.")
p("moka-pot", "Bialetti", "Bialetti Moka Express Stovetop Espresso Maker, 6 Cup", 44.99, "06800", desc="The original aluminium moka pot from Italy; brews rich coffee on gas and electric stoves.")
p("moka-pot", "Bialetti", "Bialetti Venus Stainless Steel Stovetop Espresso Maker, 4 Cup", 54.99, "", desc="Stainless steel moka pot that also works on induction.")
p("moka-pot", "Grosche", "Grosche Milano Stovetop Espresso Maker, 6 Cup", 29.99, "", var=[COL("Red", "Black")], desc="A moka pot with a heat-resistant handle.")

# Products sold without a category (the merchant never filed them), products with a
# gift or sale category before their own, products on sale, out of stock, hidden.
N = len(P)
nocat = set(R.sample(range(N), N // 8))
giftfirst = set(R.sample(sorted(set(range(N)) - nocat), 10))
sale = set(R.sample(range(N), 18))
oos = set(R.sample(range(N), 10))

UPC = {}
def gtin(i):
    if i not in UPC:
        d = "0" + "".join(str(R.randrange(10)) for _ in range(10))
        s = sum(int(c) * (3 if k % 2 == 0 else 1) for k, c in enumerate(d))
        UPC[i] = d + str((10 - s % 10) % 10)
    return UPC[i]

def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")

def code(i, prod):
    b = re.sub(r"[^A-Z0-9]", "", prod["brand"].upper())[:4]
    return "HL-%s-%03d" % (b, i + 1)

HEADER = ["Item Type", "Product ID", "Product Name", "Product Type", "Product Code/SKU", "Bin Picking Number",
          "Brand Name", "Option Set", "Option Set Align", "Product Description", "Price", "Cost Price",
          "Retail Price", "Sale Price", "Fixed Shipping Cost", "Free Shipping", "Product Warranty",
          "Product Weight", "Product Width", "Product Height", "Product Depth", "Allow Purchases?",
          "Product Visible?", "Product Availability", "Track Inventory", "Current Stock Level",
          "Low Stock Level", "Category", "Product Image ID - 1", "Product Image File - 1",
          "Product Image Description - 1", "Product Image Is Thumbnail - 1", "Product Image Sort - 1",
          "Product Image URL - 1", "Search Keywords", "Page Title", "Meta Keywords", "Meta Description",
          "Product Condition", "Show Product Condition?", "Sort Order", "Product Tax Class",
          "Product UPC/EAN", "Stop Processing Rules", "Product URL", "Redirect Old URL?",
          "GPS Global Trade Item Number", "GPS Manufacturer Part Number", "GPS Gender", "GPS Age Group",
          "GPS Color", "GPS Size", "GPS Material", "GPS Pattern", "GPS Item Group ID", "GPS Category",
          "GPS Enabled", "Product Custom Fields"]

AVAIL = ["Usually ships in 24 hours", "Ships in 1-2 business days", "", ""]

def money(v):
    return "%.2f" % v

def combos(var):
    out = [[]]
    for name, kind, vals in var:
        out = [c + [(name, kind, v)] for c in out for v in vals]
    return out

rows, truth = [], []
pid = 100
for i, prod in enumerate(P):
    pid += 1
    ty = prod["type"]
    path, of = TYPES[ty]
    c = code(i, prod)
    cat = "" if i in nocat else path
    if i in giftfirst:
        cat = ("Gift Ideas;" if i % 2 else "New Arrivals;") + path
    if i in sale and cat:
        cat += ";Sale"
    price = prod["price"]
    saleprice = round(price * 0.8 - 0.01, 2) if i in sale else 0
    var = prod.get("var")
    desc = "<p>%s</p>" % prod["desc"].replace("&", "&amp;")
    if prod.get("for"):
        desc += "<p><strong>Compatible with:</strong> %s</p>" % prod["for"]
    desc += "<ul><li>Brand: %s</li>%s</ul>" % (prod["brand"], "<li>Model: %s</li>" % prod["model"] if prod["model"] else "")
    track = "by option" if var else ("by product" if i % 5 else "none")
    stock = 0 if i in oos else R.randrange(3, 60)
    up = gtin(i) if (not var and i % 5 in (0, 1, 2)) else ""
    gps_gtin = gtin(i) if (not var and i % 5 == 3) else ""
    img = "https://cdn11.bigcommerce.com/s-hl7q2x/products/%d/images/%d/%s__%d.jpg?c=2" % (pid, pid * 3, slug(prod["title"])[:40], 10000 + pid)
    row = {h: "" for h in HEADER}
    row.update({
        "Item Type": "Product", "Product ID": str(pid), "Product Name": prod["title"], "Product Type": "P",
        "Product Code/SKU": c, "Brand Name": prod["brand"], "Option Set": (prod["title"][:40] if var else ""),
        "Option Set Align": "Right", "Product Description": desc, "Price": money(price),
        "Cost Price": money(round(price * 0.55, 2)), "Retail Price": money(0), "Sale Price": money(saleprice),
        "Fixed Shipping Cost": money(0), "Free Shipping": "N" if price < 49 else "Y", "Product Warranty": "",
        "Product Weight": money(R.uniform(0.2, 15)), "Product Width": "0.00", "Product Height": "0.00",
        "Product Depth": "0.00", "Allow Purchases?": "Y", "Product Visible?": "Y",
        "Product Availability": R.choice(AVAIL), "Track Inventory": track,
        "Current Stock Level": str(stock if track == "by product" else 0), "Low Stock Level": "2",
        "Category": cat, "Product Image ID - 1": str(pid * 3), "Product Image File - 1": img.split("/")[-1].split("?")[0],
        "Product Image Description - 1": "", "Product Image Is Thumbnail - 1": "Y", "Product Image Sort - 1": "0",
        "Product Image URL - 1": img, "Page Title": "", "Meta Keywords": "", "Meta Description": "",
        "Product Condition": "New", "Show Product Condition?": "N", "Sort Order": "0",
        "Product Tax Class": "Default Tax Class", "Product UPC/EAN": up, "Stop Processing Rules": "N",
        "Product URL": "/%s/" % slug(prod["title"]), "Redirect Old URL?": "N",
        "GPS Global Trade Item Number": gps_gtin, "GPS Manufacturer Part Number": prod["model"],
        "GPS Enabled": "Y", "Product Custom Fields": ("Model Number=%s" % prod["model"]) if prod["model"] else "",
    })
    if i % 17 == 3:
        row["Retail Price"] = money(round(price * 1.25, 2))
    rows.append(row)
    truth.append(("kitchen", c, ty, of, prod["model"], path.replace("/", " > "), prod["title"]))
    if var:
        for k, combo in enumerate(combos(var)):
            sr = {h: "" for h in HEADER}
            sku = c + "-" + "-".join(slug(v).upper() for _, _, v in combo)
            soos = i in oos and k == 0
            sr.update({"Item Type": "  SKU", "Product Name": ",".join("[%s]%s=%s" % (kind, n, v) for n, kind, v in combo),
                       "Product Code/SKU": sku, "Current Stock Level": "0" if soos else str(R.randrange(0, 40)),
                       "Low Stock Level": "2", "Product UPC/EAN": gtin(1000 * i + k) if k % 2 == 0 else "",
                       "Product Weight": "", "Product Image File - 1": ""})
            rows.append(sr)
        for n, kind, vals in var:
            for v in vals:
                adj = prod.get("rule", {}).get(v)
                if adj:
                    rr = {h: "" for h in HEADER}
                    rr.update({"Item Type": "  Rule", "Product Name": "[%s]%s=%s" % (kind, n, v), "Price": adj,
                               "Allow Purchases?": "Y", "Product Visible?": "Y", "Stop Processing Rules": "N"})
                    rows.append(rr)

buf = io.StringIO()
w = csv.DictWriter(buf, fieldnames=HEADER, lineterminator="\r\n")
w.writeheader()
w.writerows(rows)
with open("kitchenhome.csv", "w", encoding="utf-8", newline="") as f:
    f.write(buf.getvalue())
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (the type's)\ttitle (for readers)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(P), "products,", sum(1 for r in rows if r["Item Type"] != "Product" and "SKU" in r["Item Type"]), "SKU rows,",
      sum(1 for r in rows if "Rule" in r["Item Type"]), "rule rows")
