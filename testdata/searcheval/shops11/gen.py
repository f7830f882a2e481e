# Writes outdoor.csv (a small-makers' outdoor and camping shop's product spreadsheet,
# saved from a sheet as a flat CSV: id, item_group_id, title, description, price,
# availability, inventory_quantity, color, size, mpn, tags, link, image_link; no category
# column and no brand column) and truth.tsv (each product's type, what it is an
# accessory for, its model code, the shop's own category path, its colour, what it fits
# and its maker), deterministically from the tables below (run in this directory:
# python3 gen.py). The shop sells the work of twelve small makers: tents, tarps and
# hammocks with their footprints, stakes and lines; sleeping bags, pads and pillows with
# liners and pump sacks; stoves, pots, kettles and mugs with fuel; filters and bottles
# with cartridges; headlamps, lanterns and string lights with batteries; packs, dry bags
# and pack covers; rain jackets, trousers and ponchos; wool layers and socks; chairs,
# tables and cots; fire starters, fire pits and hatchets; knives and trowels; compasses
# and map cases; first aid; kids' versions of several; gear for dogs. The maker is named
# in the title for some makers ("... by Ridgeback Canvas", "Lumen Hollow - Beacon 300
# Headlamp", "Wanderfold Talus 40 Backpack"), only in the description for others ("Sewn
# in our Missoula shop - Pika Gear Works"), and in the tags for a few; a maker's name may
# hold ordinary words ("Kettle River Forge", "Little Bear Camp", "Salt Marsh Drygoods").
# Broad group words ("camp kitchen", "sleeping gear", "rain gear") appear in some tags
# and descriptions, never as a column. About one product in fifteen is sold out.
import csv
import random

R = random.Random(11011)
SHOP = "outdoor"
HEAD = ["id", "item_group_id", "title", "description", "price", "availability", "inventory_quantity", "color", "size",
        "mpn", "tags", "link", "image_link"]

# the shop's own category tree (the truth's path; the feed has no category column)
SH, SL, KI, HY, LI, PK, RG, CL, FU, FI, TO, NA, FA, KD, DG, HI = (
    "Shelter", "Sleeping", "Camp Kitchen", "Hydration", "Lighting", "Packs & Bags", "Rain Gear", "Clothing",
    "Camp Furniture", "Fire", "Knives & Tools", "Navigation", "First Aid", "Kids", "Dog Gear", "Hiking")
# type -> path, title word(s) (the head a title uses; a list gives the ways), accessory of
T = {
    "tent": (SH + " > Tents", ["Tent", "Backpacking Tent", "Camping Tent"], ""),
    "tarp": (SH + " > Tarps", ["Tarp", "Camp Tarp", "Rain Fly Tarp"], ""),
    "hammock": (SH + " > Hammocks", ["Hammock", "Camping Hammock"], ""),
    "bivy": (SH + " > Bivy Sacks", ["Bivy Sack", "Bivy"], ""),
    "footprint": (SH + " > Tent Accessories", ["Footprint", "Ground Sheet"], "tent"),
    "tent-stakes": (SH + " > Tent Accessories", ["Tent Stakes", "Tent Pegs"], "tent"),
    "guy-lines": (SH + " > Tent Accessories", ["Guy Line Kit", "Guylines"], "tent"),
    "hammock-straps": (SH + " > Hammock Accessories", ["Tree Straps", "Hammock Straps"], "hammock"),
    "sleeping-bag": (SL + " > Sleeping Bags", ["Sleeping Bag", "Down Sleeping Bag", "Mummy Bag"], ""),
    "quilt": (SL + " > Sleeping Bags", ["Camp Quilt", "Down Quilt"], ""),
    "sleeping-pad": (SL + " > Sleeping Pads", ["Sleeping Pad", "Sleeping Mat", "Insulated Air Pad"], ""),
    "camp-pillow": (SL + " > Pillows", ["Camp Pillow", "Travel Pillow"], ""),
    "bag-liner": (SL + " > Sleeping Accessories", ["Sleeping Bag Liner", "Bag Liner"], "sleeping-bag"),
    "pump-sack": (SL + " > Sleeping Accessories", ["Pump Sack", "Pad Pump"], "sleeping-pad"),
    "stove": (KI + " > Stoves", ["Backpacking Stove", "Camp Stove", "Canister Stove"], ""),
    "cook-pot": (KI + " > Cookware", ["Cook Pot", "Pot Set", "Cook Set"], ""),
    "kettle": (KI + " > Cookware", ["Kettle", "Camp Kettle"], ""),
    "fry-pan": (KI + " > Cookware", ["Frying Pan", "Skillet"], ""),
    "fuel-canister": (KI + " > Stove Fuel", ["Fuel Canister", "Isobutane Fuel"], "stove"),
    "camp-mug": (KI + " > Tableware", ["Camp Mug", "Enamel Mug", "Insulated Mug"], ""),
    "utensils": (KI + " > Tableware", ["Spork", "Utensil Set", "Cutlery Set"], ""),
    "cooler": (KI + " > Coolers", ["Cooler", "Cool Box"], ""),
    "water-filter": (HY + " > Water Filters", ["Water Filter", "Squeeze Filter", "Gravity Filter"], ""),
    "filter-cartridge": (HY + " > Filter Parts", ["Replacement Cartridge", "Filter Cartridge"], "water-filter"),
    "water-bottle": (HY + " > Bottles", ["Water Bottle", "Insulated Bottle", "Trail Bottle"], ""),
    "hydration-bladder": (HY + " > Reservoirs", ["Hydration Reservoir", "Hydration Bladder"], ""),
    "headlamp": (LI + " > Headlamps", ["Headlamp", "Rechargeable Headlamp", "Head Torch"], ""),
    "lantern": (LI + " > Lanterns", ["Lantern", "Camp Lantern", "LED Lantern"], ""),
    "string-lights": (LI + " > String Lights", ["String Lights", "Camp String Lights"], ""),
    "light-battery": (LI + " > Batteries", ["Battery Pack", "Spare Battery"], "headlamp"),
    "backpack": (PK + " > Backpacks", ["Backpack", "Backpacking Pack", "Trekking Pack"], ""),
    "daypack": (PK + " > Daypacks", ["Daypack", "Day Pack"], ""),
    "dry-bag": (PK + " > Dry Bags", ["Dry Bag", "Roll Top Dry Bag"], ""),
    "stuff-sack": (PK + " > Stuff Sacks", ["Stuff Sack", "Compression Sack"], ""),
    "pack-cover": (PK + " > Pack Accessories", ["Pack Rain Cover", "Pack Cover"], "backpack"),
    "rain-jacket": (RG + " > Rain Jackets", ["Rain Jacket", "Waterproof Jacket", "Rain Shell"], ""),
    "rain-pants": (RG + " > Rain Pants", ["Rain Pants", "Rain Trousers", "Waterproof Pants"], ""),
    "poncho": (RG + " > Ponchos", ["Poncho", "Rain Poncho"], ""),
    "fleece": (CL + " > Midlayers", ["Fleece Jacket", "Fleece Pullover", "Grid Fleece"], ""),
    "base-layer": (CL + " > Base Layers", ["Base Layer Top", "Merino Base Layer", "Thermal Top"], ""),
    "wool-socks": (CL + " > Socks", ["Hiking Socks", "Wool Socks", "Merino Socks"], ""),
    "beanie": (CL + " > Hats", ["Beanie", "Wool Beanie"], ""),
    "sun-hat": (CL + " > Hats", ["Sun Hat", "Wide Brim Hat"], ""),
    "camp-chair": (FU + " > Chairs", ["Camp Chair", "Folding Chair", "Backpacking Chair"], ""),
    "camp-table": (FU + " > Tables", ["Camp Table", "Folding Table", "Roll Top Table"], ""),
    "cot": (FU + " > Cots", ["Camp Cot", "Cot"], ""),
    "fire-starter": (FI + " > Fire Starters", ["Fire Starter", "Ferro Rod", "Fire Steel"], ""),
    "fire-pit": (FI + " > Fire Pits", ["Fire Pit", "Portable Fire Pit", "Fire Bowl"], ""),
    "hatchet": (TO + " > Axes", ["Hatchet", "Camp Axe"], ""),
    "knife": (TO + " > Knives", ["Knife", "Bushcraft Knife", "Folding Knife"], ""),
    "multitool": (TO + " > Multitools", ["Multitool", "Multi Tool"], ""),
    "trowel": (TO + " > Trowels", ["Trowel", "Backcountry Trowel"], ""),
    "knife-sheath": (TO + " > Sheaths", ["Leather Sheath", "Knife Sheath"], "knife"),
    "compass": (NA + " > Compasses", ["Compass", "Baseplate Compass"], ""),
    "map-case": (NA + " > Map Cases", ["Map Case", "Waterproof Map Case"], ""),
    "first-aid-kit": (FA + " > Kits", ["First Aid Kit", "Trail Medical Kit"], ""),
    "blister-kit": (FA + " > Foot Care", ["Blister Kit", "Blister Care Kit"], ""),
    "trekking-poles": (HI + " > Trekking Poles", ["Trekking Poles", "Hiking Poles"], ""),
    "pole-tips": (HI + " > Pole Parts", ["Pole Tips", "Rubber Tips"], "trekking-poles"),
    "gaiters": (HI + " > Gaiters", ["Gaiters", "Trail Gaiters"], ""),
    "kids-sleeping-bag": (KD + " > Kids Sleeping Bags", ["Kids Sleeping Bag", "Junior Sleeping Bag"], ""),
    "kids-backpack": (KD + " > Kids Packs", ["Kids Backpack", "Youth Daypack"], ""),
    "kids-headlamp": (KD + " > Kids Lighting", ["Kids Headlamp", "Kids Head Torch"], ""),
    "kids-rain-suit": (KD + " > Kids Rainwear", ["Kids Rain Suit", "Toddler Rain Suit", "Kids Puddle Suit"], ""),
    "kids-camp-chair": (KD + " > Kids Furniture", ["Kids Camp Chair", "Little Camp Chair"], ""),
    "dog-pack": (DG + " > Dog Packs", ["Dog Pack", "Dog Saddlebag Pack"], ""),
    "dog-bed": (DG + " > Dog Beds", ["Dog Bed", "Travel Dog Bed"], ""),
    "dog-bowl": (DG + " > Dog Bowls", ["Collapsible Dog Bowl", "Travel Dog Bowl"], ""),
    "dog-jacket": (DG + " > Dog Coats", ["Dog Rain Jacket", "Dog Coat"], ""),
}
# makers: name, short name as titles say it, where, how the title names it
# (by: "... by X", dash: "X - ...", lead: "X ...", none: not in the title), whether the
# tags hold it, the SKU prefix, the types with how many models of each
MAKERS = [
    ("Ridgeback Canvas Co.", "Ridgeback Canvas", "Bend, Oregon", "by", False, "RBC",
     {"tent": 6, "tarp": 4, "bivy": 2, "footprint": 5, "tent-stakes": 2, "guy-lines": 2, "dog-bed": 2}),
    ("Alder & Ash Outfitters", "Alder & Ash", "Duluth, Minnesota", "lead", False, "AAO",
     {"camp-chair": 5, "camp-table": 3, "cot": 2, "fire-pit": 3, "hatchet": 3, "knife-sheath": 2}),
    ("Lumen Hollow", "Lumen Hollow", "Boulder, Colorado", "dash", True, "LMH",
     {"headlamp": 6, "lantern": 4, "string-lights": 3, "light-battery": 3, "kids-headlamp": 2}),
    ("Pika Gear Works", "Pika", "Missoula, Montana", "none", False, "PKA",
     {"sleeping-bag": 6, "quilt": 3, "sleeping-pad": 4, "camp-pillow": 2, "bag-liner": 2, "pump-sack": 1, "kids-sleeping-bag": 2}),
    ("Kettle River Forge", "Kettle River", "Hinckley, Minnesota", "by", False, "KRF",
     {"stove": 3, "cook-pot": 4, "kettle": 3, "fry-pan": 2, "fuel-canister": 2, "camp-mug": 4, "utensils": 2}),
    ("Salt Marsh Drygoods", "Salt Marsh", "Beaufort, South Carolina", "lead", True, "SMD",
     {"dry-bag": 4, "rain-jacket": 4, "rain-pants": 3, "poncho": 2, "kids-rain-suit": 2, "map-case": 2, "dog-jacket": 2}),
    ("Wanderfold", "Wanderfold", "Bellingham, Washington", "lead", False, "WFD",
     {"backpack": 5, "daypack": 4, "pack-cover": 3, "stuff-sack": 3, "kids-backpack": 2, "dog-pack": 2}),
    ("Cedar Fox Wool", "Cedar Fox", "Burlington, Vermont", "none", True, "CFW",
     {"base-layer": 4, "wool-socks": 5, "fleece": 3, "beanie": 3, "sun-hat": 2}),
    ("Brightwater Filters", "Brightwater", "Flagstaff, Arizona", "dash", False, "BWF",
     {"water-filter": 4, "filter-cartridge": 4, "water-bottle": 4, "hydration-bladder": 2}),
    ("Switchback Supply", "Switchback", "Chattanooga, Tennessee", "by", False, "SWS",
     {"trekking-poles": 4, "pole-tips": 2, "gaiters": 2, "compass": 3, "first-aid-kit": 3, "blister-kit": 2, "multitool": 2, "hammock": 3, "hammock-straps": 2}),
    ("Little Bear Camp", "Little Bear", "Ely, Minnesota", "none", True, "LBC",
     {"kids-camp-chair": 2, "kids-sleeping-bag": 1, "kids-backpack": 1, "dog-bowl": 3, "cooler": 3, "camp-mug": 2}),
    ("Tinder & Flint", "Tinder & Flint", "Marquette, Michigan", "dash", False, "TFL",
     {"fire-starter": 4, "knife": 5, "trowel": 2, "knife-sheath": 2}),
]
NAMES = ["Juniper", "Basalt", "Talus", "Cirque", "Meadowlark", "Scree", "Larch", "Aspen", "Tamarack", "Ridgeline", "Cairn",
         "Pika", "Marmot Pass", "Granite", "Saddle", "Kestrel", "Fireweed", "Driftwood", "Bramble", "Sierra", "Cascade",
         "Summit", "Osprey Point", "Heron", "Thistle", "Boulder", "Canyon", "Sage", "Lupine", "Alpine", "Willow", "Timber",
         "Foxglove", "Harbor", "Ember", "Glacier", "Mesa", "Piñon", "Hollow", "Traverse", "Moraine", "Arete", "Bluebird",
         "Nomad", "Drifter", "Bramblewood", "Coyote", "Marsh Hawk", "Spruce", "Hemlock", "Northstar", "Sundog"]
COLOURS = ["Forest Green", "Slate Grey", "Rust Orange", "Navy", "Black", "Olive", "Ochre Yellow", "Sky Blue", "Red", "Sand"]
SIZES = {"apparel": ["XS", "S", "M", "L", "XL"], "socks": ["S", "M", "L", "XL"], "kids": ["2T", "3T", "4T", "5-6", "7-8"],
         "bag": ["Regular", "Long"], "dog": ["S", "M", "L"], "dry": ["5L", "10L", "20L", "35L"]}
SIZED = {"rain-jacket": "apparel", "rain-pants": "apparel", "fleece": "apparel", "base-layer": "apparel", "wool-socks": "socks",
         "kids-rain-suit": "kids", "sleeping-bag": "bag", "dog-pack": "dog", "dog-jacket": "dog", "dog-bed": "dog", "dry-bag": "dry"}
COLOURED = {"rain-jacket", "fleece", "poncho", "dry-bag", "camp-chair", "hammock", "camp-mug", "beanie", "backpack", "daypack",
            "kids-backpack", "kids-camp-chair", "dog-jacket", "water-bottle", "cooler"}
PRICE = {"tent": (189, 549), "tarp": (69, 189), "bivy": (119, 249), "footprint": (29, 59), "tent-stakes": (14, 32), "guy-lines": (12, 24),
         "hammock": (49, 119), "hammock-straps": (19, 34), "sleeping-bag": (129, 429), "quilt": (179, 349), "sleeping-pad": (59, 189),
         "camp-pillow": (24, 45), "bag-liner": (29, 69), "pump-sack": (24, 39), "stove": (45, 129), "cook-pot": (29, 89),
         "kettle": (29, 69), "fry-pan": (32, 79), "fuel-canister": (6, 12), "camp-mug": (14, 32), "utensils": (9, 29), "cooler": (89, 279),
         "water-filter": (34, 119), "filter-cartridge": (19, 49), "water-bottle": (19, 42), "hydration-bladder": (29, 45),
         "headlamp": (24, 79), "lantern": (29, 89), "string-lights": (24, 49), "light-battery": (15, 29), "backpack": (149, 299),
         "daypack": (59, 129), "dry-bag": (18, 49), "stuff-sack": (15, 39), "pack-cover": (24, 39), "rain-jacket": (129, 289),
         "rain-pants": (89, 169), "poncho": (39, 79), "fleece": (79, 149), "base-layer": (59, 119), "wool-socks": (16, 28),
         "beanie": (24, 42), "sun-hat": (32, 54), "camp-chair": (59, 149), "camp-table": (69, 169), "cot": (129, 229),
         "fire-starter": (12, 34), "fire-pit": (89, 249), "hatchet": (59, 149), "knife": (49, 189), "multitool": (39, 99),
         "trowel": (15, 29), "knife-sheath": (29, 69), "compass": (19, 69), "map-case": (19, 34), "first-aid-kit": (25, 89),
         "blister-kit": (9, 19), "trekking-poles": (79, 179), "pole-tips": (9, 15), "gaiters": (29, 59), "kids-sleeping-bag": (59, 119),
         "kids-backpack": (34, 69), "kids-headlamp": (15, 29), "kids-rain-suit": (39, 69), "kids-camp-chair": (29, 49),
         "dog-pack": (59, 99), "dog-bed": (49, 109), "dog-bowl": (12, 24), "dog-jacket": (39, 69)}
# what each type is like: a phrase for titles and descriptions
FEATURE = {
    "tent": ["2 Person", "3 Person", "1 Person", "4 Person Family", "Freestanding 2P", "Trekking Pole 1P"],
    "tarp": ["Silnylon", "Waxed Canvas", "Hex", "Square 10x10"], "bivy": ["Waterproof", "Ultralight"],
    "hammock": ["Double", "Single", "Bug Net"], "sleeping-bag": ["20°F", "0°F", "35°F", "15°F", "30°F", "-10°F"],
    "quilt": ["30°F", "20°F", "40°F"], "sleeping-pad": ["R5 Insulated", "Self Inflating", "Closed Cell Foam", "Ultralight"],
    "stove": ["Titanium", "Integrated", "Two Burner"], "cook-pot": ["Titanium 750ml", "Aluminium 2 Quart", "Cast Iron Dutch Oven", "Nesting"],
    "kettle": ["Titanium 1L", "Enamel 1.5L", "Copper"], "fry-pan": ["Cast Iron 10 Inch", "Non Stick 8 Inch"], "camp-mug": ["Enamel 12oz", "Titanium 450ml", "Double Wall 16oz", "Speckled Enamel"],
    "cooler": ["45 Quart Rotomolded", "25 Quart", "Soft Sided 24 Can"], "water-filter": ["Squeeze", "Gravity 4L", "Pump", "Straw"],
    "water-bottle": ["32oz Insulated", "1L Collapsible", "Wide Mouth 27oz", "Steel 20oz"], "hydration-bladder": ["2L", "3L"],
    "headlamp": ["300 Lumen", "450 Lumen", "200 Lumen Red Light", "600 Lumen USB-C", "Ultralight 120 Lumen", "Waterproof 350 Lumen"],
    "lantern": ["Solar", "Rechargeable 500 Lumen", "Collapsible", "Candle"], "string-lights": ["Solar", "USB 10m", "Battery 5m"],
    "backpack": ["40L", "55L", "65L", "48L Frameless", "70L Expedition"], "daypack": ["22L", "18L", "28L", "12L"],
    "rain-jacket": ["3 Layer", "2.5 Layer", "Packable", "Insulated"], "rain-pants": ["Full Zip", "Packable", "3 Layer"],
    "fleece": ["Quarter Zip", "Full Zip", "Hooded"], "base-layer": ["Crew", "Quarter Zip", "Hooded", "Long Sleeve"],
    "wool-socks": ["Midweight Crew", "Lightweight Quarter", "Heavyweight Boot", "Liner", "Over the Calf"],
    "camp-chair": ["Low Rocker", "Ultralight", "High Back", "Director's", "Packable"], "camp-table": ["Aluminium", "Bamboo", "Hardwood"],
    "fire-pit": ["Smokeless", "Folding Steel", "Cast Iron"], "hatchet": ["14 Inch", "Forged", "Hand Forged 19 Inch"],
    "knife": ["Carbon Steel", "Stainless", "Scandi Grind", "Damascus", "Folding"], "compass": ["Mirror Sighting", "Baseplate", "Lensatic"],
    "first-aid-kit": ["Ultralight", "Family", "Adventure"], "trekking-poles": ["Carbon", "Aluminium", "Folding Z", "Cork Grip"],
}
# words a shop writes beside a type in tags and descriptions (some of them the group's broad word)
GROUPWORDS = {SH: ["shelter", "backpacking shelter"], SL: ["sleeping gear", "sleep system"], KI: ["camp kitchen", "camp cooking", "cookware"],
              HY: ["water treatment", "hydration"], LI: ["camp lighting", "lighting"], PK: ["packs", "gear storage"],
              RG: ["rain gear", "rainwear", "waterproofs"], CL: ["outdoor clothing", "layering"], FU: ["camp furniture", "camp seating"],
              FI: ["campfire", "fire making"], TO: ["bushcraft", "camp tools"], NA: ["navigation", "wayfinding"],
              FA: ["first aid", "trail safety"], KD: ["kids", "family camping"], DG: ["dog gear", "adventure dog"], HI: ["hiking", "trekking"]}
USE = ["backpacking", "car camping", "thru-hiking", "bikepacking", "canoe trips", "basecamp", "overlanding", "weekend trips"]

rows, truth = [], []
ids = set()
seen_titles = set()
name_i = 0
models = {}  # (maker, type) -> [model names]


def slug(s):
    return "".join(c if c.isalnum() else "-" for c in s.lower()).strip("-").replace("--", "-").replace("--", "-")


def title_for(mk, typ, model, feature, head, fits):
    short, style = mk[1], mk[3]
    core = " ".join(x for x in [model, feature, head] if x)
    if fits:
        core = head + " for " + fits if R.random() < 0.6 else fits + " " + head
        if feature and typ not in T[typ][2]:
            core = core
    if style == "by":
        return core + " by " + short
    if style == "dash":
        return short + " - " + core
    if style == "lead":
        return short + " " + core
    return core


def describe(mk, typ, head, feature, fits):
    name, short, where = mk[0].rstrip("."), mk[1], mk[2]
    path = T[typ][0]
    group = path.split(" > ")[0]
    gw = R.choice(GROUPWORDS[group])
    use = R.choice(USE)
    parts = []
    opener = R.choice([
        "A %s %s made for %s." % (feature.lower() if feature else "dependable", head.lower(), use),
        "Our %s %s, built for %s and years of use." % (feature.lower() if feature else "everyday", head.lower(), use),
        "Built to take a beating on %s, this %s is one we use ourselves." % (use, head.lower()),
    ])
    parts.append(opener)
    if fits:
        parts.append("Made to fit the %s." % fits)
    if R.random() < 0.55:
        parts.append(R.choice(["A good addition to your %s." % gw, "Part of our %s range." % gw, "Rounds out any %s setup." % gw]))
    who = R.choice(["Made by %s in %s." % (name, where), "Handmade in %s by the %s crew." % (where, name),
                    "Designed and sewn in %s - %s." % (where, name), "From %s, a small workshop in %s." % (name, where)])
    if mk[3] == "none" or R.random() < 0.7:
        parts.append(who)
    parts.append(R.choice(["Lifetime repairs.", "Ships in 2-3 days.", "Small batch, so colours may vary slightly.", "Tested on our own trips."]))
    return " ".join(parts)


def add(mk, typ, model, feature, fits=""):
    global rows
    path, heads, of = T[typ]
    head = R.choice(heads)
    title = title_for(mk, typ, model, feature, head, fits)
    if title in seen_titles:
        return None
    seen_titles.add(title)
    group = mk[5] + "-" + "%04d" % (len(truth) + 1)
    mpn = ""
    if R.random() < 0.55:
        mpn = "%s-%s%d" % (mk[5], "".join(w[0] for w in typ.split("-")).upper(), R.randint(10, 989))
    lo, hi = PRICE[typ]
    price = R.randint(lo, hi) - 0.05 if hi > 20 else R.randint(lo, hi) - 0.01
    desc = describe(mk, typ, head, feature, fits)
    tags = [typ.replace("-", " "), R.choice(USE)]
    groupname = path.split(" > ")[0]
    if R.random() < 0.5:
        tags.append(R.choice(GROUPWORDS[groupname]))
    if mk[4] and R.random() < 0.8:
        tags.append(mk[1].lower())
    R.shuffle(tags)
    colours = [""]
    sizes = [""]
    if typ in COLOURED:
        colours = R.sample(COLOURS, R.randint(1, 3))
    if typ in SIZED:
        sz = SIZES[SIZED[typ]]
        sizes = sz if R.random() < 0.7 else sz[:2]
    colour_word = ""
    variants = [(c, s) for c in colours for s in sizes]
    if len(variants) > 6:
        variants = variants[:6]
    soldout = R.random() < 1 / 15
    for i, (c, s) in enumerate(variants):
        vid = group if len(variants) == 1 else "%s-%d" % (group, i + 1)
        qty = 0 if soldout else R.randint(1, 40)
        rows.append([vid, group if len(variants) > 1 else "", title, desc, "%.2f" % price,
                     "out of stock" if qty == 0 else "in stock", str(qty), c, s, mpn, ", ".join(tags),
                     "https://shop.example/products/" + slug(title), "https://shop.example/img/%s.jpg" % vid.lower()])
    key = group
    truth.append([SHOP, key, typ, of, mpn, path, "", colours[0] if len(colours) == 1 else "", fits, title, mk[0]])
    return model, feature, head


# products: each maker's models of each type; accessories name what they fit
made = {}
for mk in MAKERS:
    for typ, n in mk[6].items():
        if T[typ][2]:
            continue
        for j in range(n):
            model = NAMES[(name_i * 7 + j * 3) % len(NAMES)]
            name_i += 1
            feats = FEATURE.get(typ, [""])
            feature = feats[j % len(feats)]
            r = add(mk, typ, model, feature)
            if r:
                made.setdefault(typ, []).append((mk, model, feature, r[2]))
for mk in MAKERS:
    for typ, n in mk[6].items():
        of = T[typ][2]
        if not of:
            continue
        targets = [x for x in made.get(of, []) if x[0] is mk] or made.get(of, [])
        # a universal one, then one per fitted model
        add(mk, typ, "Universal", R.choice(["Ultralight", "Heavy Duty", "Reflective", ""]))
        for x in targets[: n + 2]:
            first = x[2].split()[0] if x[2] else ""
            fits = (x[1] + " " + first) if any(c.isdigit() for c in first) else x[1]
            add(mk, typ, "", "", fits=fits)
# a second season: more colours and sizes of the best sellers, and a small run of
# limited editions, so that the shop reaches the size of a real one
for rnd in range(2):
    for mk in MAKERS:
        for typ, n in mk[6].items():
            if T[typ][2]:
                continue
            for j in range(n):
                model = NAMES[(name_i * 5 + j * 11 + rnd) % len(NAMES)]
                name_i += 1
                feats = FEATURE.get(typ, [""])
                feature = R.choice(feats)
                r = add(mk, typ, model, feature)
                if r:
                    made.setdefault(typ, []).append((mk, model, feature, r[2]))

with open("outdoor.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(HEAD)
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (the shop's own category; the feed has none)\t(unused)\tcolour\tfits\ttitle (for readers)\tmaker (the feed has no brand)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", len(rows), "rows")
