# Writes the sixth new user's shop (newuser12): a US camera and electronics shop's Google
# Merchant Center XML feed (camera.xml, RSS 2.0 with g: elements) and its truth
# (truth.tsv), from the tables below. Deterministic: python3 gen.py in this directory
# writes the same files every time.
#
# The shop, "Harbor Camera", sells cameras (mirrorless, DSLR, compact, action, instant)
# and lenses by mount, lens filters, hoods and caps, memory cards and readers, batteries
# and chargers for named cameras, tripods, heads and gimbals, bags and straps, flashes,
# microphones, headphones and earbuds with their ear pads, speakers, drones with spare
# propellers and flight batteries, cables, USB chargers and power banks, screen
# protectors, cages, cleaning kits and instant film; used and refurbished items, bundles
# and kits, sale prices. Colour variants share a g:item_group_id and carry g:color and
# the colour in their title. Most products have a GTIN and an MPN; used ones have
# neither (g:identifier_exists no). About one in eight has no g:product_type (their
# Google category only); some have a g:shipping block.
#
# Wording the judged queries rely on: titles say "Headphones" and "Earbuds" (never
# "cans" or "earphones"), "SDXC"/"SDHC"/"microSDXC" (never "SD card"), "Mirrorless Camera"
# (never "mirrorless" alone nor "CSC"), "Drone" (never "quadcopter"), "Flash" (never
# "speedlight"; Canon's own are "Speedlite"), "Power Bank" (never "portable charger"),
# "Circular Polarizer"/"CIR-PL"/"CPL" (never "polariser"), "Bluetooth Speaker" or
# "Portable Speaker", "Compact Camera" (never "point and shoot").
#
# truth.tsv: shop, key (g:item_group_id or g:id), type, accessory_of, model, path (the
# product's category in the shop's own taxonomy, whether or not the feed carries it),
# title (for readers), colour (empty: variants carry g:color), fits (what an accessory
# is made for: camera or lens models, battery models, mounts, filter threads; "|"
# between).
import hashlib, random
from xml.sax.saxutils import escape

R = random.Random(20261206)
SHOP = "camera"
BASE = "https://www.harborcamera.example"
CDN = "https://cdn.harborcamera.example/img"

G_CAM = "Cameras & Optics > Cameras > Digital Cameras"
G_LENS = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories > Camera Lenses"
G_FILTER = "Cameras & Optics > Camera & Optic Accessories > Lens & Filter Accessories > Camera Lens Filters"
G_HOOD = "Cameras & Optics > Camera & Optic Accessories > Lens & Filter Accessories > Lens Hoods"
G_CAP = "Cameras & Optics > Camera & Optic Accessories > Lens & Filter Accessories > Lens Caps"
G_CARD = "Electronics > Electronics Accessories > Memory > Flash Memory > Flash Memory Cards"
G_READER = "Electronics > Electronics Accessories > Memory Card Readers"
G_BATT = "Electronics > Electronics Accessories > Power > Batteries > Camera Batteries"
G_CHG = "Electronics > Electronics Accessories > Power > Battery Chargers"
G_TRIPOD = "Cameras & Optics > Camera & Optic Accessories > Tripods & Monopods"
G_BAG = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories > Camera Bags & Cases"
G_PARTS = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories"
G_FLASH = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories > Camera Flash Accessories"
G_HEAD = "Electronics > Audio > Audio Components > Headphones & Headsets > Headphones"
G_AUDIOACC = "Electronics > Audio > Audio Accessories > Headphone & Headset Accessories"
G_SPK = "Electronics > Audio > Audio Components > Speakers"
G_MIC = "Electronics > Audio > Audio Components > Microphones"
G_DRONE = "Toys & Games > Toys > Remote Control Toys > Remote Control Aircraft"
G_DRONEACC = "Toys & Games > Toys > Remote Control Toys > Remote Control Toy Accessories"
G_CABLE = "Electronics > Electronics Accessories > Cables"
G_POWER = "Electronics > Electronics Accessories > Power > Power Adapters & Chargers"
G_PBANK = "Electronics > Electronics Accessories > Power > Power Banks"
G_FILM = "Cameras & Optics > Camera & Optic Accessories > Camera Parts & Accessories > Camera Film"

products = []  # dicts written to the feed
truth = {}     # key -> (type, of, model, path, title, fits)
seq = [10000]


def gtin_for(s, n=13):
    h = int(hashlib.sha256(("gtin:" + s).encode()).hexdigest(), 16)
    body = str(h)[: n - 1]
    if n == 12:
        body = "0" + body[1:]
    digits = [int(c) for c in body]
    # GS1 check digit: weights 3,1 from the right of the body
    s3 = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return body + str((10 - s3 % 10) % 10)


def slug(s):
    out, dash = [], False
    for ch in s.lower():
        if ch.isalnum():
            out.append(ch); dash = False
        elif not dash:
            out.append("-"); dash = True
    return "".join(out).strip("-")[:80]


def avail():
    x = R.random()
    if x < 0.83:
        return R.choice(["in_stock", "in_stock", "in_stock", "in stock"])
    if x < 0.94:
        return R.choice(["out_of_stock", "out of stock"])
    if x < 0.97:
        return "backorder"
    return "preorder"


def add(typ, of, model, path, gcat, title, brand, price, desc, fits=(), mpn="", gtin=True, condition="new",
        group="", color="", sale=None, bundle=False, availability=None, no_type=None, shipping=None):
    seq[0] += 1
    pid = "HC-%d" % seq[0]
    if no_type is None:
        no_type = R.random() < 0.12
    if sale is None and condition == "new" and R.random() < 0.1:
        sale = round(price * R.choice([0.8, 0.85, 0.9]), 0) - 0.01
        if sale <= 0:
            sale = None
    p = {
        "id": pid, "title": title, "description": desc, "link": "%s/p/%s" % (BASE, slug(title)),
        "image_link": "%s/%s.jpg" % (CDN, pid.lower()), "price": "%.2f USD" % price,
        "availability": availability or avail(), "brand": brand, "condition": condition,
        "google_product_category": gcat,
    }
    if sale:
        p["sale_price"] = "%.2f USD" % sale
    if gtin and condition == "new":
        p["gtin"] = gtin_for(pid + title, R.choice([12, 13, 13]))
    if mpn:
        p["mpn"] = mpn
    if condition != "new" and not mpn:
        p["identifier_exists"] = "no"
    if not no_type:
        p["product_type"] = path
    if group:
        p["item_group_id"] = group
    if color:
        p["color"] = color
    if bundle:
        p["is_bundle"] = "yes"
    if shipping is None and R.random() < 0.25:
        shipping = 0.0 if price >= 49 else 5.99
    if shipping is not None:
        p["shipping"] = shipping
    products.append(p)
    k = group or pid  # the key the import's product gives: its group, else its id
    if k not in truth:
        truth[k] = (typ, of, model, path, title, "|".join(fits))
    return p


def variants(colors, fn):
    """fn(color, group) adds one variant; a product in several colours shares a group."""
    seq_group = "HCG-%d" % (seq[0] + 1)
    for c in colors:
        fn(c, seq_group if len(colors) > 1 else "")


# ---------------------------------------------------------------- cameras
# brand, title name, model (truth), mpn, price, mount, battery, type, colours, kits
# kits: (lens text, mpn suffix, price)
CAMERAS = [
    ("Sony", "Alpha a7 IV", "a7 IV", "ILCE-7M4/B", 2498, "Sony E", "NP-FZ100", "mirrorless-camera", [], [("FE 28-70mm f/3.5-5.6 OSS Lens", "ILCE-7M4K/B", 2698)]),
    ("Sony", "Alpha a7C II", "a7C II", "ILCE-7CM2", 2198, "Sony E", "NP-FZ100", "mirrorless-camera", ["Black", "Silver"], [("FE 28-60mm f/4-5.6 Lens", "ILCE-7CM2L", 2498)]),
    ("Sony", "Alpha a7R V", "a7R V", "ILCE-7RM5/B", 3898, "Sony E", "NP-FZ100", "mirrorless-camera", [], []),
    ("Sony", "Alpha a7 III", "a7 III", "ILCE-7M3/B", 1698, "Sony E", "NP-FZ100", "mirrorless-camera", [], [("FE 28-70mm f/3.5-5.6 OSS Lens", "ILCE-7M3K/B", 1898)]),
    ("Sony", "Alpha a6400", "a6400", "ILCE-6400/B", 898, "Sony E", "NP-FW50", "mirrorless-camera", [], [("E PZ 16-50mm f/3.5-5.6 OSS Lens", "ILCE-6400L/B", 998)]),
    ("Sony", "Alpha a6700", "a6700", "ILCE-6700/B", 1398, "Sony E", "NP-FZ100", "mirrorless-camera", [], [("E 18-135mm f/3.5-5.6 OSS Lens", "ILCE-6700M/B", 1798)]),
    ("Sony", "ZV-E10 II", "ZV-E10 II", "ZVE10M2/B", 998, "Sony E", "NP-FZ100", "mirrorless-camera", ["Black", "White"], [("E PZ 16-50mm f/3.5-5.6 OSS II Lens", "ZVE10M2K/B", 1098)]),
    ("Sony", "ZV-E10", "ZV-E10", "ILCZV-E10/B", 649, "Sony E", "NP-FW50", "mirrorless-camera", [], []),
    ("Canon", "EOS R6 Mark II", "EOS R6 Mark II", "5666C002", 2499, "Canon RF", "LP-E6NH", "mirrorless-camera", [], [("RF 24-105mm f/4L IS USM Lens", "5666C011", 3599)]),
    ("Canon", "EOS R8", "EOS R8", "5803C002", 1499, "Canon RF", "LP-E17", "mirrorless-camera", [], [("RF 24-50mm f/4.5-6.3 IS STM Lens", "5803C012", 1699)]),
    ("Canon", "EOS R50", "EOS R50", "5811C002", 679, "Canon RF", "LP-E17", "mirrorless-camera", ["Black", "White"], [("RF-S 18-45mm f/4.5-6.3 IS STM Lens", "5811C012", 799)]),
    ("Canon", "EOS R10", "EOS R10", "5331C002", 979, "Canon RF", "LP-E17", "mirrorless-camera", [], [("RF-S 18-45mm f/4.5-6.3 IS STM Lens", "5331C009", 1099)]),
    ("Canon", "EOS R5", "EOS R5", "4147C002", 3899, "Canon RF", "LP-E6NH", "mirrorless-camera", [], []),
    ("Canon", "EOS 90D", "EOS 90D", "3616C002", 1199, "Canon EF", "LP-E6NH", "dslr-camera", [], [("EF-S 18-135mm f/3.5-5.6 IS USM Lens", "3616C016", 1599)]),
    ("Canon", "EOS Rebel T7", "EOS Rebel T7", "2727C002", 479, "Canon EF", "LP-E10", "dslr-camera", [], [("EF-S 18-55mm f/3.5-5.6 IS II Lens", "2727C002AA", 549)]),
    ("Nikon", "Z6 II", "Z6 II", "1659", 1999, "Nikon Z", "EN-EL15c", "mirrorless-camera", [], [("NIKKOR Z 24-70mm f/4 S Lens", "1663", 2599)]),
    ("Nikon", "Z5", "Z5", "1641", 1399, "Nikon Z", "EN-EL15c", "mirrorless-camera", [], [("NIKKOR Z 24-50mm f/4-6.3 Lens", "1642", 1599)]),
    ("Nikon", "Z fc", "Z fc", "1675", 959, "Nikon Z", "EN-EL25", "mirrorless-camera", ["Black", "Silver"], [("NIKKOR Z DX 16-50mm f/3.5-6.3 VR Lens", "1676", 1099)]),
    ("Nikon", "Z50", "Z50", "1633", 859, "Nikon Z", "EN-EL25", "mirrorless-camera", [], []),
    ("Nikon", "Z8", "Z8", "1701", 3999, "Nikon Z", "EN-EL15c", "mirrorless-camera", [], []),
    ("Nikon", "D7500", "D7500", "1581", 1099, "Nikon F", "EN-EL15c", "dslr-camera", [], [("AF-S DX NIKKOR 18-140mm f/3.5-5.6G ED VR Lens", "1582", 1399)]),
    ("Nikon", "D850", "D850", "1585", 2999, "Nikon F", "EN-EL15c", "dslr-camera", [], []),
    ("Fujifilm", "X-T5", "X-T5", "16782301", 1699, "Fujifilm X", "NP-W235", "mirrorless-camera", ["Black", "Silver"], [("XF 18-55mm f/2.8-4 R LM OIS Lens", "16782337", 2099)]),
    ("Fujifilm", "X-S20", "X-S20", "16781826", 1299, "Fujifilm X", "NP-W235", "mirrorless-camera", [], [("XC 15-45mm f/3.5-5.6 OIS PZ Lens", "16782002", 1399)]),
    ("Fujifilm", "X-T30 II", "X-T30 II", "16759615", 899, "Fujifilm X", "NP-W126S", "mirrorless-camera", ["Black", "Silver"], []),
    ("Panasonic", "Lumix S5 II", "Lumix S5 II", "DC-S5M2BODY", 1999, "L-Mount", "DMW-BLK22", "mirrorless-camera", [], [("Lumix S 20-60mm f/3.5-5.6 Lens", "DC-S5M2KK", 2199)]),
    ("Panasonic", "Lumix G9 II", "Lumix G9 II", "DC-G9M2BODY", 1899, "Micro Four Thirds", "DMW-BLK22", "mirrorless-camera", [], []),
    ("OM System", "OM-5", "OM-5", "V210020BU000", 1199, "Micro Four Thirds", "BLS-50", "mirrorless-camera", ["Black", "Silver"], []),
]
COMPACTS = [
    ("Sony", "Cyber-shot RX100 VII Compact Camera", "RX100 VII", "DSCRX100M7/B", 1299, "NP-BX1", "compact-camera", []),
    ("Sony", "ZV-1 II Vlog Camera", "ZV-1 II", "DCZV1M2/B", 899, "NP-BX1", "compact-camera", ["Black", "White"]),
    ("Canon", "PowerShot G7 X Mark III Compact Digital Camera", "PowerShot G7 X Mark III", "3637C001", 749, "NB-13L", "compact-camera", ["Black", "Silver"]),
    ("Ricoh", "GR III Compact Digital Camera", "GR III", "15041", 899, "DB-110", "compact-camera", []),
    ("Ricoh", "GR IIIx Compact Digital Camera", "GR IIIx", "15287", 999, "DB-110", "compact-camera", []),
    ("Fujifilm", "X100VI Compact Digital Camera", "X100VI", "16821314", 1599, "NP-W126S", "compact-camera", ["Black", "Silver"]),
    ("GoPro", "HERO13 Black Action Camera", "HERO13 Black", "CHDHX-131-RW", 399, "Enduro 2", "action-camera", []),
    ("GoPro", "HERO12 Black Action Camera", "HERO12 Black", "CHDHX-121-RW", 349, "Enduro", "action-camera", []),
    ("DJI", "Osmo Action 4 Standard Combo", "Osmo Action 4", "CP.OS.00000269.01", 299, "Osmo Action Extreme Battery", "action-camera", []),
    ("DJI", "Osmo Action 5 Pro Standard Combo", "Osmo Action 5 Pro", "CP.OS.00000350.01", 349, "Osmo Action Extreme Battery Plus", "action-camera", []),
    ("DJI", "Osmo Pocket 3 Gimbal Camera", "Osmo Pocket 3", "CP.OS.00000301.01", 519, "", "action-camera", []),
    ("Insta360", "X4 8K 360 Action Camera", "X4", "CINSABMA", 499, "Insta360 X4 Battery", "action-camera", []),
    ("Fujifilm", "Instax Mini 12 Instant Camera", "Instax Mini 12", "16806107", 79.95, "", "instant-camera", ["Blossom Pink", "Clay White", "Lilac Purple", "Mint Green", "Pastel Blue"]),
    ("Fujifilm", "Instax Square SQ1 Instant Camera", "Instax Square SQ1", "16670522", 119.95, "", "instant-camera", ["Glacier Blue", "Chalk White", "Terracotta Orange"]),
    ("Polaroid", "Now+ Generation 2 i-Type Instant Camera", "Now+ Gen 2", "9076", 149.99, "", "instant-camera", ["Black", "White", "Forest Green"]),
]
CAM_DESC = {
    "mirrorless-camera": "A {B} mirrorless camera for stills and video: {mount} mount, in-body stabilization where the model has it, 4K video, weather-sealed controls. Uses the {batt} rechargeable battery (one included).",
    "dslr-camera": "A {B} digital SLR with an optical viewfinder for the {mount} lens mount, fast phase-detect autofocus and a long battery life on the {batt} battery (one included).",
    "compact-camera": "A pocketable {B} camera with a fixed lens and a large sensor for travel, street and everyday photos. Runs on the {batt} battery (one included).",
    "action-camera": "A rugged, waterproof {B} action camera for helmets, bikes, boards and dives, with stabilized 4K video. Battery: {batt}.",
    "instant-camera": "A {B} instant camera that prints each picture as you take it. Film sold separately.",
}
PATHS = {
    "mirrorless-camera": "Cameras > Mirrorless Cameras", "dslr-camera": "Cameras > DSLR Cameras",
    "compact-camera": "Cameras > Compact Cameras", "action-camera": "Cameras > Action Cameras",
    "instant-camera": "Cameras > Instant Cameras",
}
CAM_NOUN = {"mirrorless-camera": "Mirrorless Camera", "dslr-camera": "DSLR Camera"}
BATT_FITS = {}   # battery model -> camera models
CAM_MOUNT = {}
for brand, name, model, mpn, price, mount, batt, typ, colors, kits in CAMERAS:
    BATT_FITS.setdefault(batt, []).append(model)
    CAM_MOUNT[model] = mount
    desc = CAM_DESC[typ].format(B=brand, mount=mount, batt=batt)
    noun = CAM_NOUN[typ]
    path = PATHS[typ]
    def body(c, g, brand=brand, name=name, model=model, mpn=mpn, price=price, typ=typ, noun=noun, path=path, desc=desc):
        t = "%s %s %s Body" % (brand, name, noun) + (" - %s" % c if c else "")
        add(typ, "", model, path, G_CAM, t, brand, price, desc, mpn=mpn, group=g, color=c)
    variants(colors or [""], body)
    for lens, kmpn, kprice in kits:
        t = "%s %s %s with %s" % (brand, name, noun, lens)
        add(typ, "", model, path, G_CAM, t, brand, kprice, desc + " Kit with the " + lens + ".", mpn=kmpn)
for brand, name, model, mpn, price, batt, typ, colors in COMPACTS:
    if batt:
        BATT_FITS.setdefault(batt, []).append(model)
    desc = CAM_DESC[typ].format(B=brand, mount="", batt=batt or "built-in")
    def cmp_(c, g, brand=brand, name=name, model=model, mpn=mpn, price=price, typ=typ, desc=desc):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add(typ, "", model, PATHS[typ], G_CAM, t, brand, price, desc, mpn=mpn, group=g, color=c)
    variants(colors or [""], cmp_)

# bundles and creator kits
for brand, title, model, typ, price, desc in [
    ("Sony", "Sony Alpha a7 IV Creator Bundle with FE 28-70mm Lens, Extra NP-FZ100 Battery, 128GB SDXC Card and Sling Bag", "a7 IV", "mirrorless-camera", 2949, "Everything to start shooting: the a7 IV with its kit zoom, a second battery, a fast 128GB card and a bag to carry it."),
    ("Canon", "Canon EOS R50 Content Creator Kit with RF-S 18-45mm Lens, Tripod Grip and Stereo Microphone", "EOS R50", "mirrorless-camera", 929, "Canon's vlogging kit: the R50, its kit lens, a tripod grip with wireless remote and a stereo microphone."),
    ("Nikon", "Nikon Z fc Vlogger Kit with 16-50mm Lens, Tripod Grip and Microphone", "Z fc", "mirrorless-camera", 1199, "The retro Z fc set up for video, with a grip that doubles as a mini tripod."),
    ("GoPro", "GoPro HERO13 Black Accessory Bundle with Shorty Grip, Head Strap and Extra Enduro 2 Battery", "HERO13 Black", "action-camera", 449, "The HERO13 Black with a spare battery, a pocketable extension grip and a head strap."),
    ("Fujifilm", "Fujifilm Instax Mini 12 Bundle with 20 Shots of Film and Case - Pastel Blue", "Instax Mini 12", "instant-camera", 109.95, "An Instax Mini 12 ready to give: two packs of film and a case."),
]:
    add(typ, "", model, PATHS[typ], G_CAM, title, brand, price, desc, bundle=True, mpn="")

# used and refurbished cameras and lenses
USED = [
    ("Canon", "Used Canon EOS 5D Mark IV DSLR Camera Body - Excellent", "EOS 5D Mark IV", "dslr-camera", 1649, "LP-E6NH", "Canon EF"),
    ("Nikon", "Used Nikon D750 DSLR Camera Body - Good", "D750", "dslr-camera", 749, "EN-EL15c", "Nikon F"),
    ("Sony", "Used Sony Alpha a7 III Mirrorless Camera Body - Excellent", "a7 III", "mirrorless-camera", 1149, "NP-FZ100", "Sony E"),
    ("Sony", "Used Sony Alpha a6000 Mirrorless Camera Body - Good", "a6000", "mirrorless-camera", 349, "NP-FW50", "Sony E"),
    ("Fujifilm", "Used Fujifilm X-T3 Mirrorless Camera Body - Excellent", "X-T3", "mirrorless-camera", 749, "NP-W126S", "Fujifilm X"),
    ("Canon", "Used Canon EOS R Mirrorless Camera Body - Good", "EOS R", "mirrorless-camera", 899, "LP-E6NH", "Canon RF"),
    ("Nikon", "Used Nikon Z6 Mirrorless Camera Body - Excellent", "Z6", "mirrorless-camera", 899, "EN-EL15c", "Nikon Z"),
    ("Panasonic", "Used Panasonic Lumix GH5 Mirrorless Camera Body - Good", "Lumix GH5", "mirrorless-camera", 699, "DMW-BLF19", "Micro Four Thirds"),
]
for brand, title, model, typ, price, batt, mount in USED:
    BATT_FITS.setdefault(batt, []).append(model)
    CAM_MOUNT[model] = mount
    add(typ, "", model, PATHS[typ], G_CAM, title, brand, price,
        "Pre-owned, inspected and graded by our technicians, with a 90-day warranty. Shutter count on request. Includes one %s battery and a charger." % batt,
        condition="used", gtin=False)
for brand, title, model, typ, price, mpn in [
    ("Sony", "Sony Alpha a7 IV Mirrorless Camera Body (Refurbished)", "a7 IV", "mirrorless-camera", 2099, "ILCE-7M4/B"),
    ("GoPro", "GoPro HERO12 Black Action Camera (Refurbished)", "HERO12 Black", "action-camera", 279, "CHDHX-121-RW"),
    ("Canon", "Canon EOS R6 Mark II Mirrorless Camera Body (Refurbished)", "EOS R6 Mark II", "mirrorless-camera", 2099, "5666C002"),
    ("DJI", "DJI Mini 3 Drone with RC Remote (Refurbished)", "Mini 3", "drone", 379, "CP.MA.00000587.01"),
    ("Nikon", "Nikon Z50 Mirrorless Camera Body (Refurbished)", "Z50", "mirrorless-camera", 679, "1633B"),
]:
    path = "Drones > Drones" if typ == "drone" else PATHS[typ]
    add(typ, "", model, path, G_DRONE if typ == "drone" else G_CAM, title, brand, price,
        "Manufacturer refurbished: tested, cleaned and repackaged, with a one-year warranty.", condition="refurbished", mpn=mpn)

# ---------------------------------------------------------------- lenses
# brand, title (without brand), model (truth), mounts [(mount, mpn)], price, filter thread (mm or ""), focal kind
LENSES = [
    ("Sony", "FE 24-70mm f/2.8 GM II Lens", "SEL2470GM2", [("Sony E", "SEL2470GM2")], 2298, "82"),
    ("Sony", "FE 50mm f/1.8 Lens", "SEL50F18F", [("Sony E", "SEL50F18F")], 248, "49"),
    ("Sony", "FE 85mm f/1.8 Lens", "SEL85F18", [("Sony E", "SEL85F18")], 598, "67"),
    ("Sony", "FE 70-200mm f/4 Macro G OSS II Lens", "SEL70200G2", [("Sony E", "SEL70200G2")], 1698, "72"),
    ("Sony", "FE 20mm f/1.8 G Lens", "SEL20F18G", [("Sony E", "SEL20F18G")], 898, "67"),
    ("Sony", "FE 28-70mm f/3.5-5.6 OSS Lens", "SEL2870", [("Sony E", "SEL2870")], 398, "55"),
    ("Sony", "FE 35mm f/1.8 Lens", "SEL35F18F", [("Sony E", "SEL35F18F")], 748, "55"),
    ("Sony", "E 11mm f/1.8 Lens", "SEL11F18", [("Sony E", "SEL11F18")], 548, "55"),
    ("Sony", "FE PZ 16-35mm f/4 G Lens", "SELP1635G", [("Sony E", "SELP1635G")], 1198, "72"),
    ("Sony", "FE 200-600mm f/5.6-6.3 G OSS Lens", "SEL200600G", [("Sony E", "SEL200600G")], 1998, "95"),
    ("Sony", "E PZ 16-50mm f/3.5-5.6 OSS II Lens", "SELP16502", [("Sony E", "SELP16502")], 348, "40.5"),
    ("Canon", "RF 24-105mm f/4L IS USM Lens", "RF 24-105mm f/4L", [("Canon RF", "2963C002")], 1399, "77"),
    ("Canon", "RF 50mm f/1.8 STM Lens", "RF 50mm f/1.8 STM", [("Canon RF", "4515C002")], 199, "43"),
    ("Canon", "RF 85mm f/2 Macro IS STM Lens", "RF 85mm f/2", [("Canon RF", "4234C002")], 599, "67"),
    ("Canon", "RF 70-200mm f/2.8L IS USM Lens", "RF 70-200mm f/2.8L", [("Canon RF", "3792C002")], 2799, "77"),
    ("Canon", "RF 24-70mm f/2.8L IS USM Lens", "RF 24-70mm f/2.8L", [("Canon RF", "3680C002")], 2399, "82"),
    ("Canon", "RF 16mm f/2.8 STM Lens", "RF 16mm f/2.8", [("Canon RF", "5051C002")], 299, "43"),
    ("Canon", "RF-S 18-150mm f/3.5-6.3 IS STM Lens", "RF-S 18-150mm", [("Canon RF", "4859C002")], 499, "55"),
    ("Canon", "RF 100-400mm f/5.6-8 IS USM Lens", "RF 100-400mm", [("Canon RF", "5050C002")], 649, "67"),
    ("Canon", "EF 50mm f/1.8 STM Lens", "EF 50mm f/1.8 STM", [("Canon EF", "0570C002")], 125, "49"),
    ("Canon", "EF 70-200mm f/2.8L IS III USM Lens", "EF 70-200mm f/2.8L III", [("Canon EF", "3044C002")], 2099, "77"),
    ("Nikon", "NIKKOR Z 24-70mm f/4 S Lens", "NIKKOR Z 24-70mm f/4 S", [("Nikon Z", "20071")], 999, "72"),
    ("Nikon", "NIKKOR Z 50mm f/1.8 S Lens", "NIKKOR Z 50mm f/1.8 S", [("Nikon Z", "20083")], 629, "62"),
    ("Nikon", "NIKKOR Z 24-120mm f/4 S Lens", "NIKKOR Z 24-120mm f/4 S", [("Nikon Z", "20105")], 1099, "77"),
    ("Nikon", "NIKKOR Z 85mm f/1.8 S Lens", "NIKKOR Z 85mm f/1.8 S", [("Nikon Z", "20086")], 799, "67"),
    ("Nikon", "NIKKOR Z 40mm f/2 Lens", "NIKKOR Z 40mm f/2", [("Nikon Z", "20104")], 299, "52"),
    ("Nikon", "NIKKOR Z 70-200mm f/2.8 VR S Lens", "NIKKOR Z 70-200mm f/2.8 VR S", [("Nikon Z", "20089")], 2599, "77"),
    ("Nikon", "AF-S NIKKOR 50mm f/1.8G Lens", "AF-S 50mm f/1.8G", [("Nikon F", "2199")], 219, "58"),
    ("Nikon", "AF-S NIKKOR 24-70mm f/2.8E ED VR Lens", "AF-S 24-70mm f/2.8E", [("Nikon F", "20063")], 2399, "82"),
    ("Fujifilm", "XF 23mm f/2 R WR Lens", "XF 23mm f/2 R WR", [("Fujifilm X", "16523169")], 449, "43"),
    ("Fujifilm", "XF 35mm f/1.4 R Lens", "XF 35mm f/1.4 R", [("Fujifilm X", "16240755")], 599, "52"),
    ("Fujifilm", "XF 18-55mm f/2.8-4 R LM OIS Lens", "XF 18-55mm", [("Fujifilm X", "16276479")], 699, "58"),
    ("Fujifilm", "XF 56mm f/1.2 R WR Lens", "XF 56mm f/1.2 R WR", [("Fujifilm X", "16780028")], 999, "62"),
    ("Fujifilm", "XF 16-80mm f/4 R OIS WR Lens", "XF 16-80mm", [("Fujifilm X", "16635613")], 799, "72"),
    ("Panasonic", "Lumix S 20-60mm f/3.5-5.6 Lens", "S-R2060", [("L-Mount", "S-R2060")], 597, "67"),
    ("Panasonic", "Lumix S 50mm f/1.8 Lens", "S-S50", [("L-Mount", "S-S50")], 447, "67"),
    ("Panasonic", "Lumix G 25mm f/1.7 ASPH. Lens", "H-H025K", [("Micro Four Thirds", "H-H025K")], 197, "46"),
    ("OM System", "M.Zuiko Digital ED 12-40mm f/2.8 PRO II Lens", "M.Zuiko 12-40mm PRO II", [("Micro Four Thirds", "V314080BU000")], 999, "62"),
    ("Sigma", "24-70mm f/2.8 DG DN II Art Lens", "24-70mm DG DN II Art", [("Sony E", "578965"), ("L-Mount", "578969")], 1099, "82"),
    ("Sigma", "18-50mm f/2.8 DC DN Contemporary Lens", "18-50mm DC DN", [("Sony E", "585965"), ("Fujifilm X", "585975"), ("L-Mount", "585969"), ("Canon RF", "585971")], 549, "55"),
    ("Sigma", "56mm f/1.4 DC DN Contemporary Lens", "56mm DC DN", [("Sony E", "351965"), ("Fujifilm X", "351975"), ("Micro Four Thirds", "351963"), ("Canon RF", "351971"), ("Nikon Z", "351973")], 429, "55"),
    ("Sigma", "35mm f/1.4 DG DN Art Lens", "35mm DG DN Art", [("Sony E", "303965"), ("L-Mount", "303969")], 799, "67"),
    ("Sigma", "150-600mm f/5-6.3 DG DN OS Sports Lens", "150-600mm DG DN Sports", [("Sony E", "746965"), ("L-Mount", "746969")], 1499, "95"),
    ("Tamron", "28-75mm f/2.8 Di III VXD G2 Lens", "A063", [("Sony E", "A063S"), ("Nikon Z", "A063Z")], 879, "67"),
    ("Tamron", "17-70mm f/2.8 Di III-A VC RXD Lens", "B070", [("Sony E", "B070S"), ("Fujifilm X", "B070X")], 699, "67"),
    ("Tamron", "70-180mm f/2.8 Di III VXD G2 Lens", "A065", [("Sony E", "A065S"), ("Nikon Z", "A065Z")], 1199, "67"),
    ("Viltrox", "AF 85mm f/1.8 Pro Lens", "AF 85/1.8", [("Sony E", "AF85FE"), ("Fujifilm X", "AF85XF"), ("Nikon Z", "AF85Z")], 399, "72"),
    ("Samyang", "AF 35mm f/1.8 FE Lens", "AF 35mm f/1.8 FE", [("Sony E", "SYIO35AF-E")], 399, "58"),
    ("TTArtisan", "50mm f/2 Manual Focus Lens", "TTArtisan 50mm f/2", [("Sony E", "TTA50SE"), ("Fujifilm X", "TTA50FX"), ("Canon RF", "TTA50RF"), ("Nikon Z", "TTA50NZ"), ("L-Mount", "TTA50L")], 69, "43"),
]
MOUNT_WORD = {"Sony E": "Sony E", "Canon RF": "Canon RF", "Nikon Z": "Nikon Z", "Fujifilm X": "Fujifilm X",
              "L-Mount": "L-Mount", "Micro Four Thirds": "Micro Four Thirds", "Canon EF": "Canon EF", "Nikon F": "Nikon F"}
LENS_PATH = {"Sony E": "Lenses > Sony E-Mount Lenses", "Canon RF": "Lenses > Canon RF Lenses", "Nikon Z": "Lenses > Nikon Z Lenses",
             "Fujifilm X": "Lenses > Fujifilm X Lenses", "L-Mount": "Lenses > L-Mount Lenses", "Micro Four Thirds": "Lenses > Micro Four Thirds Lenses",
             "Canon EF": "Lenses > Canon EF Lenses", "Nikon F": "Lenses > Nikon F Lenses"}
LENS_BY_MODEL = {}
for brand, name, model, mounts, price, thread in LENSES:
    for mount, mpn in mounts:
        t = "%s %s" % (brand, name) + (" for %s" % MOUNT_WORD[mount] if len(mounts) > 1 or brand not in ("Sony", "Canon", "Nikon", "Fujifilm", "Panasonic", "OM System") else "")
        d = "%s %s for the %s mount.%s" % (brand, name.replace(" Lens", ""), mount, (" Takes %smm filters." % thread) if thread else "")
        add("lens", "camera", model, LENS_PATH[mount], G_LENS, t, brand, price, d, fits=[mount], mpn=mpn)
    LENS_BY_MODEL[model] = (brand, name, thread, mounts)
for brand, title, model, price, mount in [
    ("Canon", "Used Canon EF 70-200mm f/2.8L IS II USM Lens - Good", "EF 70-200mm f/2.8L II", 899, "Canon EF"),
    ("Sony", "Used Sony FE 24-70mm f/2.8 GM Lens - Excellent", "SEL2470GM", 1199, "Sony E"),
    ("Nikon", "Used Nikon AF-S NIKKOR 70-200mm f/2.8E FL ED VR Lens - Excellent", "AF-S 70-200mm f/2.8E FL", 1299, "Nikon F"),
    ("Fujifilm", "Used Fujifilm XF 16-55mm f/2.8 R LM WR Lens - Good", "XF 16-55mm f/2.8", 649, "Fujifilm X"),
    ("Sony", "Used Sony FE 85mm f/1.8 Lens - Excellent", "SEL85F18", 429, "Sony E"),
    ("Canon", "Used Canon RF 50mm f/1.8 STM Lens - Like New", "RF 50mm f/1.8 STM", 149, "Canon RF"),
]:
    add("lens", "camera", model, LENS_PATH[mount], G_LENS, title, brand, price,
        "Pre-owned lens, optics checked for haze, fungus and scratches; front and rear caps included; 90-day warranty.",
        fits=[mount], condition="used", gtin=False)

# ---------------------------------------------------------------- filters
SIZES = ["40.5", "43", "46", "49", "52", "55", "58", "62", "67", "72", "77", "82", "95"]
FILTERS = [
    ("Hoya", "{s}mm HD Nano II CIR-PL Circular Polarizer Filter", "polarizing-filter", 1.6, "HD-NANO2-CPL{n}"),
    ("Hoya", "{s}mm NXT Plus UV Filter", "uv-filter", 0.55, "NXT-UV{n}"),
    ("Hoya", "{s}mm ProND1000 Neutral Density Filter (10 Stops)", "nd-filter", 1.5, "PROND1000-{n}"),
    ("B+W", "{s}mm XS-Pro MRC nano 010 UV-Haze Filter", "uv-filter", 1.1, "1066{n}"),
    ("B+W", "{s}mm Kaesemann High Transmission Circular Polarizer MRC nano", "polarizing-filter", 2.4, "1089{n}"),
    ("B+W", "{s}mm XS-Pro 810 ND 3.0 MRC nano Filter (10 Stops)", "nd-filter", 2.0, "1089{n}ND"),
    ("K&F Concept", "{s}mm Nano-X CPL Filter, Multi-Coated Circular Polarizer", "polarizing-filter", 0.6, "KF01.{n}CPL"),
    ("K&F Concept", "{s}mm Variable ND2-ND400 Filter", "nd-filter", 0.7, "KF01.{n}VND"),
    ("K&F Concept", "{s}mm MC UV Protection Filter", "uv-filter", 0.3, "KF01.{n}UV"),
    ("Tiffen", "{s}mm UV Protector Filter", "uv-filter", 0.35, "{n}UVP"),
    ("Tiffen", "{s}mm Circular Polarizer Filter", "polarizing-filter", 0.9, "{n}CP"),
    ("Tiffen", "{s}mm Variable ND Filter", "nd-filter", 1.6, "{n}VND"),
    ("NiSi", "{s}mm True Color ND-VARIO 1-5 Stop Variable ND Filter", "nd-filter", 2.2, "NIR-TCVND{n}"),
    ("NiSi", "{s}mm Pro Nano HUC CPL Filter", "polarizing-filter", 1.3, "NIP-{n}-CPL"),
    ("Hoya", "{s}mm Fusion ONE Next UV Filter", "uv-filter", 0.5, "FUSION-UV{n}"),
    ("Urth", "{s}mm Circular Polarizing (CPL) Lens Filter Plus+", "polarizing-filter", 1.1, "UCPL{n}P"),
    ("Gobe", "{s}mm UV Lens Filter, 2Peak", "uv-filter", 0.35, "GB-UV{n}-2P"),
    ("Gobe", "{s}mm Circular Polarizer CPL Lens Filter, 2Peak", "polarizing-filter", 0.7, "GB-CPL{n}-2P"),
    ("Breakthrough Photography", "{s}mm X4 UV Filter", "uv-filter", 0.9, "BT-X4UV{n}"),
    ("Breakthrough Photography", "{s}mm X4 Circular Polarizer", "polarizing-filter", 2.1, "BT-X4CPL{n}"),
    ("Tiffen", "{s}mm Black Pro-Mist 1/4 Filter", "diffusion-filter", 1.4, "{n}BPM14"),
    ("K&F Concept", "{s}mm Nano-X Black Mist 1/4 Diffusion Filter", "diffusion-filter", 0.6, "KF01.{n}BM"),
]
FILTER_PATH = {"diffusion-filter": "Lens Accessories > Filters > Diffusion Filters", "uv-filter": "Lens Accessories > Filters > UV Filters", "polarizing-filter": "Lens Accessories > Filters > Polarizing Filters",
               "nd-filter": "Lens Accessories > Filters > ND Filters"}
FILTER_DESC = {"diffusion-filter": "A mist filter for {s}mm threads that softens highlights and skin for a filmic look.", "uv-filter": "A clear protective filter that screws onto the front of a {s}mm lens thread and cuts UV haze.",
               "polarizing-filter": "A circular polarizer for {s}mm lens threads: deeper blue skies, fewer reflections on water and glass. Rotate to adjust.",
               "nd-filter": "A neutral density filter for {s}mm threads that cuts the light for long exposures and wide apertures in bright sun."}
for brand, pat, typ, mult, mpat in FILTERS:
    for s in SIZES:
        if R.random() < 0.1 and s not in ("67", "77", "82"):
            continue  # not every size in every line
        base = float(s) * mult
        price = round(base + 9, 0) - 0.01
        add(typ, "lens", "", FILTER_PATH[typ], G_FILTER, "%s %s" % (brand, pat.format(s=s)), brand, price,
            FILTER_DESC[typ].format(s=s), fits=[s + "mm"], mpn=mpat.format(n=s.replace(".", "")))

# ---------------------------------------------------------------- hoods and caps
HOODS = [
    ("Sony", "ALC-SH150 Lens Hood for FE 85mm f/1.8", "SEL85F18", 39.99),
    ("Sony", "ALC-SH145 Lens Hood for FE 70-200mm f/4 G", "SEL70200G2", 49.99),
    ("Sony", "ALC-SH112 Lens Hood for FE 28-70mm and E 16-50mm", "SEL2870", 24.99),
    ("Canon", "EW-83N Lens Hood for RF 24-105mm f/4L", "RF 24-105mm f/4L", 34.99),
    ("Canon", "ES-65B Lens Hood for RF 50mm f/1.8 STM", "RF 50mm f/1.8 STM", 29.99),
    ("Canon", "ET-88B Lens Hood for RF 70-200mm f/2.8L", "RF 70-200mm f/2.8L", 79.99),
    ("Nikon", "HB-85 Lens Hood for NIKKOR Z 24-70mm f/4 S", "NIKKOR Z 24-70mm f/4 S", 29.95),
    ("Nikon", "HB-90A Lens Hood for NIKKOR Z 50mm f/1.8 S", "NIKKOR Z 50mm f/1.8 S", 29.95),
    ("Fujifilm", "LH-XF35-2 Lens Hood for XF 23mm f/2 and XF 35mm f/2", "XF 23mm f/2 R WR", 59.95),
    ("JJC", "LH-83N Reversible Lens Hood for Canon RF 24-105mm f/4L", "RF 24-105mm f/4L", 14.95),
    ("JJC", "LH-SH150 Lens Hood for Sony FE 85mm f/1.8", "SEL85F18", 13.95),
    ("JJC", "LH-HB85 Lens Hood for Nikon Z 24-70mm f/4 S", "NIKKOR Z 24-70mm f/4 S", 12.95),
]
for brand, name, lens, price in HOODS:
    th = LENS_BY_MODEL[lens][2]
    add("lens-hood", "lens", "", "Lens Accessories > Lens Hoods", G_HOOD, "%s %s" % (brand, name), brand, price,
        "A bayonet lens hood that blocks stray light and flare and guards the front element. Fits the %s %s." % (LENS_BY_MODEL[lens][0], LENS_BY_MODEL[lens][1]),
        fits=[lens], mpn=name.split()[0])
for s in ["49", "52", "55", "58", "62", "67", "72", "77", "82"]:
    add("lens-hood", "lens", "", "Lens Accessories > Lens Hoods", G_HOOD, "JJC %smm Collapsible Rubber Lens Hood" % s, "JJC", 9.95,
        "A screw-in rubber lens hood for %smm filter threads that folds back for storage, three positions." % s, fits=[s + "mm"], mpn="LS-%s" % s)
    if s in ("55", "58", "67", "72", "77", "82"):
        add("lens-hood", "lens", "", "Lens Accessories > Lens Hoods", G_HOOD, "K&F Concept %smm Petal Lens Hood, Screw-In" % s, "K&F Concept", 11.99,
            "A metal petal-shaped hood that screws into %smm lens threads." % s, fits=[s + "mm"], mpn="KF-HOOD%s" % s)
for s in ["40.5", "49", "52", "55", "58", "62", "67", "72", "77", "82", "95"]:
    add("lens-cap", "lens", "", "Lens Accessories > Lens Caps", G_CAP, "%smm Snap-On Front Lens Cap" % s, "JJC", 6.95,
        "A center-pinch front cap for %smm lens threads, with a keeper string." % s, fits=[s + "mm"], mpn="LC-%s" % s.replace(".", ""))
for brand, name, fit, price in [
    ("Sony", "ALC-F67S 67mm Front Lens Cap", "67mm", 14.99), ("Sony", "ALC-F82S 82mm Front Lens Cap", "82mm", 16.99),
    ("Canon", "E-77 II 77mm Lens Cap", "77mm", 14.99), ("Canon", "E-82 II 82mm Lens Cap", "82mm", 16.99),
    ("Nikon", "LC-72B 72mm Snap-On Front Lens Cap", "72mm", 13.95), ("Fujifilm", "FLCP-58 II 58mm Front Lens Cap", "58mm", 12.95),
    ("Sony", "ALC-R1EM Rear Lens Cap for E-Mount Lenses", "Sony E", 9.99), ("Canon", "Lens Dust Cap RF Rear Cap", "Canon RF", 9.99),
    ("Nikon", "LF-N1 Rear Lens Cap for Z Mount", "Nikon Z", 8.95), ("Sony", "ALC-B1EM Body Cap for E-Mount Cameras", "Sony E", 9.99),
    ("Canon", "R-F-5 Camera Cover (Body Cap) for EOS R Cameras", "Canon RF", 9.99), ("Nikon", "BF-N1 Body Cap for Z Mount Cameras", "Nikon Z", 8.95),
]:
    add("lens-cap", "lens", "", "Lens Accessories > Lens Caps", G_CAP, "%s %s" % (brand, name), brand, price,
        "Original %s cap. Fits %s." % (brand, fit), fits=[fit], mpn=name.split()[0])

# ---------------------------------------------------------------- memory cards and readers
CARDS = [
    ("SanDisk", "{c} Extreme PRO UHS-I SDXC Memory Card, 200MB/s, V30", "sd-card", ["64GB", "128GB", "256GB", "512GB", "1TB"], "SDSDXXD-{c}-GN4IN", 0.11),
    ("SanDisk", "{c} Extreme UHS-I SDXC Memory Card, 180MB/s", "sd-card", ["64GB", "128GB", "256GB"], "SDSDXVA-{c}-GNCIN", 0.09),
    ("SanDisk", "{c} Extreme PRO UHS-II SDXC Memory Card, 300MB/s, V90", "sd-card", ["64GB", "128GB", "256GB"], "SDSDXDK-{c}-GN4IN", 0.45),
    ("SanDisk", "{c} Ultra SDHC UHS-I Memory Card", "sd-card", ["32GB"], "SDSDUNR-{c}-GN3IN", 0.3),
    ("SanDisk", "{c} Extreme microSDXC UHS-I Card with Adapter", "microsd-card", ["64GB", "128GB", "256GB", "512GB", "1TB"], "SDSQXAV-{c}-GN6MA", 0.08),
    ("SanDisk", "{c} Extreme PRO CFexpress Type B Card", "cfexpress-card", ["128GB", "256GB", "512GB"], "SDCFE-{c}-GN4NN", 0.6),
    ("Lexar", "{c} Professional 1667x UHS-II SDXC Memory Card, V60", "sd-card", ["64GB", "128GB", "256GB"], "LSD1667{c}B1NNU", 0.25),
    ("Lexar", "{c} Professional 2000x UHS-II SDXC Memory Card, V90", "sd-card", ["64GB", "128GB"], "LSD2000{c}B1NNU", 0.5),
    ("Lexar", "{c} Professional CFexpress Type A Card GOLD Series", "cfexpress-card", ["160GB", "320GB"], "LCAGOLD{c}-RNENU", 1.0),
    ("Lexar", "{c} Professional 1066x microSDXC UHS-I Card SILVER Series", "microsd-card", ["64GB", "128GB", "256GB"], "LMS1066{c}BNANU", 0.12),
    ("Sony", "{c} TOUGH SF-G Series UHS-II SDXC Memory Card, V90", "sd-card", ["64GB", "128GB", "256GB"], "SF-G{c}T/T1", 0.6),
    ("Sony", "{c} CFexpress Type A TOUGH Memory Card", "cfexpress-card", ["80GB", "160GB", "320GB"], "CEA-G{c}T", 1.3),
    ("ProGrade Digital", "{c} SDXC UHS-II V90 Memory Card", "sd-card", ["128GB", "256GB"], "PGSD{c}GBCKAH", 0.5),
    ("ProGrade Digital", "{c} CFexpress Type B GOLD Memory Card", "cfexpress-card", ["165GB", "325GB", "650GB"], "PGCFX{c}GCNNA", 0.55),
    ("Kingston", "{c} Canvas Go! Plus SDXC UHS-I Memory Card", "sd-card", ["64GB", "128GB", "256GB", "512GB"], "SDG3/{c}", 0.07),
    ("Kingston", "{c} Canvas Select Plus SDHC UHS-I Memory Card", "sd-card", ["32GB"], "SDS2/{c}", 0.2),
    ("Samsung", "{c} PRO Plus microSDXC Memory Card with Adapter", "microsd-card", ["128GB", "256GB", "512GB"], "MB-MD{c}SA/AM", 0.07),
    ("Samsung", "{c} EVO Select microSDXC Memory Card", "microsd-card", ["128GB", "256GB", "512GB"], "MB-ME{c}SA/AM", 0.05),
    ("Angelbird", "{c} AV PRO SD MK2 V90 UHS-II SDXC Card", "sd-card", ["64GB", "128GB", "256GB"], "AVP{c}SDMK2V90", 0.55),
    ("PNY", "{c} PRO Elite microSDXC Card with Adapter", "microsd-card", ["64GB", "128GB", "256GB", "512GB"], "P-SDU{c}V32100PRO-GE", 0.06),
    ("Lexar", "{c} PLAY microSDXC UHS-I Card", "microsd-card", ["128GB", "256GB", "512GB", "1TB"], "LMSPLAY{c}-BNANU", 0.06),
    ("PNY", "{c} Elite-X SDXC UHS-I Memory Card", "sd-card", ["64GB", "128GB", "256GB"], "P-SD{c}U3100EX-GE", 0.07),
]
CARD_PATH = {"sd-card": "Memory Cards > SD Cards", "microsd-card": "Memory Cards > microSD Cards", "cfexpress-card": "Memory Cards > CFexpress Cards"}
CARD_DESC = {"sd-card": "A {c} SD card for cameras: fast enough for bursts and 4K video. SD, SDHC and SDXC slots.",
             "microsd-card": "A {c} microSD card for action cameras, drones, phones and handheld consoles; SD adapter where stated.",
             "cfexpress-card": "A {c} CFexpress card for high-bitrate video and long raw bursts in cameras with a CFexpress slot."}
for brand, pat, typ, caps, mpat, per in CARDS:
    for c in caps:
        gb = int(c[:-2]) * (1000 if c.endswith("TB") else 1)
        price = round(12 + gb * per, 0) - 0.01
        add(typ, "camera", "", CARD_PATH[typ], G_CARD, "%s %s" % (brand, pat.format(c=c)), brand, price, CARD_DESC[typ].format(c=c),
            mpn=mpat.format(c=c.replace("GB", "G").replace("TB", "T")))
for brand, pat, typ, caps, mpat, per in CARDS:
    for c in caps[:3]:
        if typ == "cfexpress-card" or R.random() < 0.35:
            continue
        gb = int(c[:-2]) * (1000 if c.endswith("TB") else 1)
        n = R.choice([2, 2, 3])
        price = round((12 + gb * per) * n * 0.92, 0) - 0.01
        add(typ, "camera", "", CARD_PATH[typ], G_CARD, "%s %s (%d-Pack)" % (brand, pat.format(c=c), n), brand, price,
            CARD_DESC[typ].format(c=c) + " %d cards in a pack." % n, mpn=mpat.format(c=c.replace("GB", "G").replace("TB", "T")) + "-%dPK" % n)
for brand, title, price, mpn in [
    ("SanDisk", "SanDisk PRO-READER SD and microSD Card Reader, USB-C", 59.99, "SDPR5A8-0000-GBAND"),
    ("Lexar", "Lexar Professional USB-C Dual-Slot Reader (SD and microSD)", 39.99, "LRW470U-RNHNG"),
    ("ProGrade Digital", "ProGrade Digital CFexpress Type B and SD UHS-II Dual-Slot Card Reader", 79.99, "PGRWCFXSDA"),
    ("Sony", "Sony MRW-G2 CFexpress Type A / SD Memory Card Reader", 129.99, "MRW-G2"),
    ("Anker", "Anker USB-C 2-in-1 SD Card Reader", 17.99, "A8369"),
    ("Kingston", "Kingston WorkFlow USB 3.2 SD UHS-II Reader", 29.99, "WFS-SD"),
]:
    add("card-reader", "memory-card", "", "Memory Cards > Card Readers", G_READER, title, brand, price,
        "Copy photos and video from your cards to a computer at full speed over USB.", mpn=mpn)

# ---------------------------------------------------------------- batteries and chargers
BATTS = [  # battery, OEM brand, OEM price, name of cameras for the title
    ("NP-FZ100", "Sony", 79.99), ("NP-FW50", "Sony", 49.99), ("NP-BX1", "Sony", 44.99), ("LP-E6NH", "Canon", 79.99),
    ("LP-E17", "Canon", 59.99), ("LP-E10", "Canon", 39.99), ("NB-13L", "Canon", 49.99), ("EN-EL15c", "Nikon", 69.95),
    ("EN-EL25", "Nikon", 49.95), ("NP-W235", "Fujifilm", 79.99), ("NP-W126S", "Fujifilm", 49.99), ("DMW-BLK22", "Panasonic", 69.99),
    ("BLS-50", "OM System", 44.99), ("DB-110", "Ricoh", 34.95), ("Enduro 2", "GoPro", 24.99), ("Enduro", "GoPro", 24.99),
    ("Osmo Action Extreme Battery", "DJI", 39.00), ("DMW-BLF19", "Panasonic", 59.99),
]
EXTRA_FITS = {"NP-FZ100": ["a7C", "a9 II", "a7R IV", "a6600"], "NP-FW50": ["a6100", "a7 II"], "LP-E6NH": ["EOS R6", "EOS R7"],
              "LP-E17": ["EOS RP", "EOS Rebel T8i"], "EN-EL15c": ["Z7 II"], "EN-EL25": ["Z30"], "NP-W235": ["X-H2", "X-T4"],
              "NP-W126S": ["X-S10", "X-E4"], "Enduro": ["HERO11 Black", "HERO10 Black"]}
CAM_NAME = {}  # camera model -> how a title names it with its brand
for brand, name, model, *_ in CAMERAS:
    CAM_NAME[model] = "%s %s" % (brand, model)
for brand, name, model, *_ in COMPACTS:
    CAM_NAME[model] = "%s %s" % (brand, model)
for brand, title, model, *_ in USED:
    CAM_NAME[model] = "%s %s" % (brand, model)
BATT_PATH = "Power > Camera Batteries"
for batt, oem, price in BATTS:
    fits = BATT_FITS.get(batt, []) + EXTRA_FITS.get(batt, [])
    first = CAM_NAME.get(fits[0], fits[0]) if fits else ""
    names = ", ".join(fits[:6])
    oem_title = ("%s %s Rechargeable Lithium-Ion Battery" % (oem, batt)) if not batt.startswith(("Enduro", "Osmo")) else "%s %s" % (oem, batt)
    add("camera-battery", "camera", "", BATT_PATH, G_BATT, oem_title, oem, price,
        "Genuine %s battery. Compatible with %s." % (oem, names), fits=[batt] + fits, mpn=batt.replace(" ", "-").upper())
    if batt.startswith(("Enduro", "Osmo", "DB-", "BLS", "DMW-BLF")):
        continue
    # shop and third-party versions, titled the way listings name them
    add("camera-battery", "camera", "", BATT_PATH, G_BATT, "%s Rechargeable Battery for %s" % (batt, first), "Harbor Camera", round(price * 0.55, 0) - 0.01,
        "Our own %s-compatible battery with a charge indicator; works with %s. Charges in the camera or in the original charger." % (batt, names),
        fits=[batt] + fits, gtin=R.random() < 0.5, mpn="HC-%s" % batt)
    if R.random() < 0.8:
        add("camera-battery", "camera", "", BATT_PATH, G_BATT, "SmallRig %s Camera Battery with USB-C Charging Port" % batt, "SmallRig",
            round(price * 0.6, 0) - 0.01, "A %s battery you can charge straight from a USB-C cable. Fits %s." % (batt, names), fits=[batt] + fits, mpn="SR-%s" % batt)
    add("camera-battery", "camera", "", BATT_PATH, G_BATT, "Wasabi Power Battery (2-Pack) and Dual USB Charger for %s %s" % (oem, batt), "Wasabi Power",
        round(price * 0.75, 0) - 0.01, "Two %s batteries and a dual charger. For %s." % (batt, names), fits=[batt] + fits, mpn="WP-%s-2PK" % batt)
for brand, name, batt, price in [
    ("Sony", "BC-QZ1 Battery Charger for NP-FZ100", "NP-FZ100", 99.99), ("Sony", "BC-TRW Battery Charger for NP-FW50", "NP-FW50", 49.99),
    ("Canon", "LC-E6 Battery Charger for LP-E6NH", "LP-E6NH", 69.99), ("Canon", "LC-E17 Battery Charger for LP-E17", "LP-E17", 49.99),
    ("Nikon", "MH-25a Battery Charger for EN-EL15c", "EN-EL15c", 49.95), ("Nikon", "MH-32 Battery Charger for EN-EL25", "EN-EL25", 39.95),
    ("Fujifilm", "BC-W235 Dual Battery Charger for NP-W235", "NP-W235", 89.99), ("Fujifilm", "BC-W126S Battery Charger", "NP-W126S", 39.99),
    ("SmallRig", "Dual Battery Charger for NP-FZ100, USB-C", "NP-FZ100", 29.99), ("SmallRig", "Dual Battery Charger for LP-E6NH, USB-C", "LP-E6NH", 29.99),
    ("SmallRig", "Dual Battery Charger for NP-W235, USB-C", "NP-W235", 29.99), ("GoPro", "Dual Battery Charger + Enduro Battery", "Enduro", 49.99),
    ("Wasabi Power", "Triple USB Charger for EN-EL15c", "EN-EL15c", 24.99), ("Wasabi Power", "Dual USB Charger for NP-FW50", "NP-FW50", 19.99),
]:
    fits = [batt] + BATT_FITS.get(batt, []) + EXTRA_FITS.get(batt, [])
    add("battery-charger", "camera", "", "Power > Battery Chargers", G_CHG, "%s %s" % (brand, name), brand, price,
        "Charges %s batteries, for %s." % (batt, ", ".join(fits[1:6])), fits=fits, mpn=name.split()[0])

# ---------------------------------------------------------------- tripods, heads, gimbals
TRIPODS = [
    ("Manfrotto", "Befree Advanced Aluminum Travel Tripod with Ball Head", "MKBFRTA4BK-BH", 219.99, "tripod", ["Black"]),
    ("Manfrotto", "Befree GT Carbon Fiber Travel Tripod", "MKBFRC4GTXP-BH", 449.99, "tripod", []),
    ("Manfrotto", "190XPRO Aluminum 3-Section Tripod", "MT190XPRO3", 229.99, "tripod", []),
    ("Manfrotto", "055 Carbon Fiber 4-Section Tripod", "MT055CXPRO4", 519.99, "tripod", []),
    ("Manfrotto", "Element MII Aluminum Travel Tripod Kit", "MKELMII4", 149.99, "tripod", ["Black", "Blue", "Red"]),
    ("Peak Design", "Travel Tripod (Aluminum)", "TT-CB-5-150-AL-1", 399.95, "tripod", []),
    ("Peak Design", "Travel Tripod (Carbon Fiber)", "TT-CB-5-150-CF-1", 649.95, "tripod", []),
    ("Benro", "Rhino 24C Carbon Fiber Tripod with VX25 Head", "FRHN24CVX25", 449.00, "tripod", []),
    ("Benro", "Mach3 TMA28C Carbon Fiber Tripod Legs", "TMA28C", 299.00, "tripod", []),
    ("Vanguard", "VEO 3 263AB Aluminum Travel Tripod with Ball Head", "VEO3263AB", 179.99, "tripod", []),
    ("Joby", "GorillaPod 3K Kit Flexible Tripod", "JB01507", 59.95, "tripod", []),
    ("Joby", "GorillaPod 5K Kit Flexible Tripod", "JB01508", 179.95, "tripod", []),
    ("Ulanzi", "MT-44 Extendable Mini Tripod for Vlogging", "MT-44", 24.99, "tripod", []),
    ("Manfrotto", "XPRO Aluminum 4-Section Monopod", "MPMXPROA4", 99.99, "monopod", []),
    ("Sirui", "P-326 Carbon Fiber Monopod", "P-326", 89.95, "monopod", []),
    ("Benro", "MCT38AF Video Monopod with Fluid Base", "MCT38AF", 229.00, "monopod", []),
    ("Manfrotto", "496 Center Ball Head", "MH496-BH", 89.99, "tripod-head", []),
    ("Manfrotto", "XPRO 3-Way Pan/Tilt Head", "MHXPRO-3W", 149.99, "tripod-head", []),
    ("Manfrotto", "500 Fluid Video Head", "MVH500AH", 179.99, "tripod-head", []),
    ("Benro", "B1 Double-Action Ball Head", "B1", 129.00, "tripod-head", []),
    ("Sirui", "K-20X Ball Head", "K-20X", 119.95, "tripod-head", []),
    ("DJI", "RS 4 Gimbal Stabilizer", "CP.RN.00000343.01", 549.00, "gimbal", []),
    ("DJI", "RS 4 Mini Gimbal Stabilizer", "CP.RN.00000358.01", 369.00, "gimbal", []),
    ("DJI", "RS 3 Mini Gimbal Stabilizer", "CP.RN.00000217.01", 279.00, "gimbal", []),
    ("DJI", "Osmo Mobile 6 Smartphone Gimbal", "CP.OS.00000213.01", 139.00, "gimbal", ["Slate Gray", "Platinum Gray"]),
    ("Zhiyun", "Weebill 3S Gimbal Stabilizer", "WB3S", 329.00, "gimbal", []),
    ("Zhiyun", "Crane-M3S Gimbal Stabilizer", "CM3S", 249.00, "gimbal", []),
]
TRI_PATH = {"tripod": "Tripods & Supports > Tripods", "monopod": "Tripods & Supports > Monopods",
            "tripod-head": "Tripods & Supports > Tripod Heads", "gimbal": "Tripods & Supports > Gimbals"}
TRI_DESC = {"tripod": "A sturdy {B} tripod that folds down for travel, with quick leg locks and an Arca-Swiss compatible plate.",
            "monopod": "A {B} monopod for sports and wildlife: support for long lenses without the footprint of a tripod.",
            "tripod-head": "A {B} head for tripods with a 3/8\" thread, with an Arca-Swiss or RC2 quick release plate.",
            "gimbal": "A 3-axis {B} stabilizer for smooth walking shots with mirrorless cameras or phones; folds for travel."}
for brand, name, mpn, price, typ, colors in TRIPODS:
    def tp(c, g, brand=brand, name=name, mpn=mpn, price=price, typ=typ):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add(typ, "", "", TRI_PATH[typ], G_TRIPOD, t, brand, price, TRI_DESC[typ].format(B=brand), mpn=mpn + ("" if not c else "-" + c[:2].upper()), group=g, color=c)
    variants(colors if len(colors) > 1 else [""], tp)
for brand, title, price, mpn in [
    ("Manfrotto", "Manfrotto 200PL-PRO Quick Release Plate", 24.99, "200PL-PRO"),
    ("SmallRig", "SmallRig 50mm Arca-Swiss Quick Release Plate", 14.99, "3154"),
    ("Peak Design", "Peak Design Standard Plate (Arca-Swiss and Capture compatible)", 34.95, "PL-S-2"),
]:
    add("qr-plate", "tripod-head", "", "Tripods & Supports > Tripod Accessories", G_TRIPOD, title, brand, price,
        "A quick release plate that stays on the camera so it clicks onto your tripod head.", mpn=mpn)

# ---------------------------------------------------------------- bags and straps
BAGS = [
    ("Peak Design", "Everyday Backpack 20L V2", "camera-backpack", 279.95, ["Black", "Ash", "Midnight"], "BEDB-20-BK-2"),
    ("Peak Design", "Everyday Backpack 30L V2", "camera-backpack", 299.95, ["Black", "Ash"], "BEDB-30-BK-2"),
    ("Peak Design", "Everyday Sling 6L V2", "sling-bag", 99.95, ["Black", "Ash", "Midnight", "Coyote"], "BEDS-6-BK-2"),
    ("Peak Design", "Everyday Messenger 13L V2", "shoulder-bag", 249.95, ["Black", "Ash"], "BEDM-13-BK-2"),
    ("Lowepro", "ProTactic BP 450 AW II Camera Backpack", "camera-backpack", 279.95, [], "LP37177"),
    ("Lowepro", "Slingshot SL 250 AW III Camera Sling Bag", "sling-bag", 129.95, [], "LP37335"),
    ("Lowepro", "Nova 140 AW II Camera Shoulder Bag", "shoulder-bag", 69.95, [], "LP37117"),
    ("Lowepro", "Adventura CS 20 Compact Camera Case", "camera-case", 14.95, [], "LP36969"),
    ("Think Tank", "Airport Essentials Camera Backpack", "camera-backpack", 229.75, [], "720475"),
    ("Think Tank", "Retrospective 7 V2.0 Shoulder Bag", "shoulder-bag", 179.75, ["Black", "Pinestone"], "710751"),
    ("Wandrd", "PRVKE 21L Camera Backpack Photo Bundle", "camera-backpack", 299.00, ["Black", "Aegean Blue", "Wasatch Green"], "PK21-BK-PB"),
    ("Tenba", "DNA 13 Messenger Bag", "shoulder-bag", 179.95, ["Black", "Olive"], "638-372"),
    ("Manfrotto", "Advanced Befree Camera Backpack", "camera-backpack", 149.99, [], "MB MA3-BP-BF"),
    ("Vanguard", "VEO Adaptor S41 Camera Sling Bag", "sling-bag", 79.99, ["Black", "Green"], "VEOADAPTORS41"),
    ("Lowepro", "GoPro Dashpoint 20 Action Camera Case", "camera-case", 19.95, [], "LP37369"),
]
BAG_PATH = {"camera-backpack": "Bags & Cases > Camera Backpacks", "sling-bag": "Bags & Cases > Sling Bags",
            "shoulder-bag": "Bags & Cases > Shoulder Bags", "camera-case": "Bags & Cases > Camera Cases"}
for brand, name, typ, price, colors, mpn in BAGS:
    def bg(c, g, brand=brand, name=name, typ=typ, price=price, mpn=mpn):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add(typ, "", "", BAG_PATH[typ], G_BAG, t, brand, price,
            "A weatherproof %s bag with padded, configurable dividers for a camera body, lenses and a laptop or tablet where it fits." % brand,
            mpn=mpn, group=g, color=c)
    variants(colors or [""], bg)
for brand, name, price, colors, mpn in [
    ("Peak Design", "Slide Camera Strap", 69.95, ["Black", "Ash"], "SL-BK-3"), ("Peak Design", "Slide Lite Camera Strap", 59.95, ["Black", "Ash", "Midnight"], "SLL-BK-3"),
    ("Peak Design", "Leash Camera Strap", 44.95, ["Black", "Ash"], "L-BL-3"), ("Peak Design", "Cuff Camera Wrist Strap", 29.95, ["Black", "Ash"], "CF-BL-3"),
    ("BlackRapid", "Sport Breathe Camera Sling Strap", 79.95, [], "361004"), ("Sony", "Shoulder Strap for Alpha Cameras", 24.99, [], "STP-SB1AM"),
]:
    def st(c, g, brand=brand, name=name, price=price, mpn=mpn):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add("camera-strap", "camera", "", "Bags & Cases > Straps", G_BAG, t, brand, price,
            "A quick-adjusting strap for mirrorless and DSLR cameras, with quick-connect anchors.", mpn=mpn, group=g, color=c)
    variants(colors or [""], st)

# ---------------------------------------------------------------- flashes and triggers
FLASH_SYS = [("Sony", "S"), ("Canon", "C"), ("Nikon", "N"), ("Fujifilm", "F")]
for name, price, mp in [("V1 Round Head Flash", 259.00, "V1"), ("TT685 II Flash", 129.00, "TT685II"), ("TT350 Mini Flash", 89.00, "TT350"), ("V860III Li-Ion Flash", 209.00, "V860III")]:
    for sysb, code in FLASH_SYS:
        if name.startswith("V860") and sysb == "Fujifilm":
            continue
        add("flash", "camera", "", "Lighting > Flashes", G_FLASH, "Godox %s for %s" % (name, sysb), "Godox", price,
            "A TTL flash with high-speed sync and the Godox 2.4G wireless system, for %s cameras." % sysb, fits=[sysb], mpn="%s-%s" % (mp, code))
for brand, name, sysb, price, mpn in [
    ("Canon", "Speedlite EL-5", "Canon", 399.00, "5654C002"), ("Canon", "Speedlite EL-100", "Canon", 179.00, "4281C002"),
    ("Sony", "HVL-F60RM2 Wireless Radio Flash", "Sony", 599.99, "HVLF60RM2"), ("Sony", "HVL-F28RM Compact Flash", "Sony", 249.99, "HVLF28RM"),
    ("Nikon", "SB-5000 AF Speedlight", "Nikon", 596.95, "4814"), ("Profoto", "A10 AirTTL Flash for Sony", "Sony", 1095.00, "901234"),
]:
    add("flash", "camera", "", "Lighting > Flashes", G_FLASH, "%s %s" % (brand, name), brand, price,
        "The maker's own flash for %s cameras, with wireless control." % sysb, fits=[sysb], mpn=mpn)
for sysb, code in FLASH_SYS:
    add("flash-trigger", "flash", "", "Lighting > Flash Triggers", G_FLASH, "Godox XPro II TTL Wireless Flash Trigger for %s" % sysb, "Godox", 69.00,
        "Fire and control Godox flashes off camera from the hot shoe of a %s camera." % sysb, fits=[sysb], mpn="XPROII-%s" % code)

# ---------------------------------------------------------------- microphones
for brand, name, price, mpn in [
    ("Rode", "VideoMic GO II Camera-Mount Microphone", 99.00, "VMGOII"), ("Rode", "VideoMic NTG On-Camera Shotgun Microphone", 249.00, "VMNTG"),
    ("Rode", "Wireless GO II Dual-Channel Wireless Microphone System", 299.00, "WIGOII"), ("Rode", "Wireless PRO Wireless Microphone System", 399.00, "WIPRO"),
    ("Rode", "SmartLav+ Lavalier Microphone for Smartphones", 79.00, "SMARTLAV+"), ("DJI", "Mic 2 Wireless Microphone (2 TX + 1 RX + Charging Case)", 349.00, "CP.RN.00000325.01"),
    ("DJI", "Mic Mini Wireless Microphone (2 TX + 1 RX)", 169.00, "CP.RN.00000381.01"), ("Sony", "ECM-B10 Digital Shotgun Microphone", 249.99, "ECMB10"),
    ("Sennheiser", "MKE 200 Directional On-Camera Microphone", 99.95, "508897"), ("Shure", "MV88+ Stereo USB Microphone Video Kit", 249.00, "MV88+VIDKIT"),
    ("Deity", "V-Mic D3 Pro Shotgun Microphone", 159.00, "DTA0214D54"),
]:
    add("microphone", "camera", "", "Audio > Microphones", G_MIC, "%s %s" % (brand, name), brand, price,
        "A %s microphone for clear voice on video: plugs into a camera's 3.5mm mic input or a phone." % brand, mpn=mpn)
for brand, name, mic, price in [("Rode", "WS11 Furry Windshield for VideoMic NTG", "VideoMic NTG", 39.00), ("Rode", "DeadCat GO Windshield for Wireless GO", "Wireless GO II", 19.00),
                                ("DJI", "Mic 2 Windscreen (Pair)", "Mic 2", 9.00), ("Movo", "WS-G8 Furry Windscreen for Shotgun Microphones", "shotgun", 12.95)]:
    add("mic-windscreen", "microphone", "", "Audio > Microphone Accessories", G_MIC, "%s %s" % (brand, name), brand, price,
        "A furry windscreen (dead cat) that cuts wind noise outdoors.", fits=[mic], mpn=name.split()[0])

# ---------------------------------------------------------------- headphones, earbuds and their parts
HEADPHONES = [
    ("Sony", "WH-1000XM5 Wireless Noise Canceling Headphones", "WH-1000XM5", 399.99, ["Black", "Silver", "Midnight Blue", "Smoky Pink"], "headphones"),
    ("Sony", "WH-1000XM4 Wireless Noise Canceling Headphones", "WH-1000XM4", 349.99, ["Black", "Silver", "Midnight Blue"], "headphones"),
    ("Sony", "WH-CH720N Wireless Noise Canceling Headphones", "WH-CH720N", 149.99, ["Black", "White", "Blue"], "headphones"),
    ("Bose", "QuietComfort Ultra Headphones", "QuietComfort Ultra Headphones", 429.00, ["Black", "White Smoke", "Sandstone"], "headphones"),
    ("Bose", "QuietComfort Headphones", "QuietComfort Headphones", 349.00, ["Black", "White Smoke", "Cypress Green"], "headphones"),
    ("Sennheiser", "Momentum 4 Wireless Headphones", "Momentum 4", 379.95, ["Black", "White", "Denim"], "headphones"),
    ("Sennheiser", "HD 600 Open-Back Studio Headphones", "HD 600", 399.00, [], "headphones"),
    ("Sennheiser", "HD 560S Open-Back Headphones", "HD 560S", 229.00, [], "headphones"),
    ("Audio-Technica", "ATH-M50x Professional Studio Monitor Headphones", "ATH-M50x", 169.00, ["Black", "White"], "headphones"),
    ("Audio-Technica", "ATH-M40x Professional Monitor Headphones", "ATH-M40x", 99.00, [], "headphones"),
    ("Beyerdynamic", "DT 770 PRO 80 Ohm Closed-Back Studio Headphones", "DT 770 PRO", 179.00, [], "headphones"),
    ("Apple", "AirPods Max Wireless Over-Ear Headphones", "AirPods Max", 549.00, ["Midnight", "Starlight", "Blue", "Purple", "Orange"], "headphones"),
    ("Beats", "Studio Pro Wireless Noise Cancelling Headphones", "Studio Pro", 349.99, ["Black", "Sandstone", "Navy", "Deep Brown"], "headphones"),
    ("JBL", "Tune 770NC Wireless Over-Ear Headphones", "Tune 770NC", 129.95, ["Black", "Blue", "White", "Purple"], "headphones"),
    ("Marshall", "Major V Wireless On-Ear Headphones", "Major V", 149.99, ["Black", "Brown"], "headphones"),
    ("Sony", "WF-1000XM5 Truly Wireless Noise Canceling Earbuds", "WF-1000XM5", 299.99, ["Black", "Silver"], "earbuds"),
    ("Apple", "AirPods Pro 2 with MagSafe Charging Case (USB-C)", "AirPods Pro 2", 249.00, [], "earbuds"),
    ("Apple", "AirPods 4 with Active Noise Cancellation", "AirPods 4", 179.00, [], "earbuds"),
    ("Bose", "QuietComfort Ultra Earbuds", "QuietComfort Ultra Earbuds", 299.00, ["Black", "White Smoke"], "earbuds"),
    ("Jabra", "Elite 10 True Wireless Earbuds", "Elite 10", 249.99, ["Titanium Black", "Cream"], "earbuds"),
    ("Samsung", "Galaxy Buds3 Pro Wireless Earbuds", "Galaxy Buds3 Pro", 249.99, ["Silver", "White"], "earbuds"),
    ("Beats", "Fit Pro True Wireless Earbuds", "Fit Pro", 199.99, ["Black", "White", "Sage Gray"], "earbuds"),
    ("Sennheiser", "Momentum True Wireless 4 Earbuds", "Momentum True Wireless 4", 299.95, ["Black Graphite", "Metallic Silver"], "earbuds"),
    ("Shure", "SE215 Sound Isolating Earbuds", "SE215", 99.00, ["Black", "Clear"], "earbuds"),
]
HP_PATH = {"headphones": "Audio > Headphones", "earbuds": "Audio > Earbuds"}
HP_DESC = {"headphones": "{B} over-ear headphones with rich sound{nc}. Folding design with a carry case; USB-C charging where wireless.",
           "earbuds": "{B} in-ear wireless earbuds{nc}, with a charging case and a snug fit for commutes and workouts."}
for brand, name, model, price, colors, typ in HEADPHONES:
    nc = ", active noise cancellation and up to 30 hours of battery" if ("Nois" in name or "Quiet" in name or "Max" in name or "Elite" in name or "Buds3" in name) else ""
    def hp(c, g, brand=brand, name=name, model=model, price=price, typ=typ, nc=nc):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add(typ, "", model, HP_PATH[typ], G_HEAD, t, brand, price, HP_DESC[typ].format(B=brand, nc=nc), mpn=model.replace(" ", "") + ("/" + c[:1] if c else ""), group=g, color=c)
    variants(colors or [""], hp)
for brand, name, hp_models, price in [
    ("Wicked Cushions", "Replacement Ear Pads for Sony WH-1000XM4", ["WH-1000XM4"], 29.95),
    ("Wicked Cushions", "Replacement Ear Pads for Sony WH-1000XM5", ["WH-1000XM5"], 34.95),
    ("Sony", "Replacement Ear Pads for WH-1000XM4 (Pair)", ["WH-1000XM4"], 24.99),
    ("Bose", "QuietComfort Headphones Ear Cushion Kit", ["QuietComfort Headphones"], 34.95),
    ("Dekoni Audio", "Elite Velour Ear Pads for Sennheiser HD 600 / HD 650", ["HD 600"], 59.99),
    ("Audio-Technica", "HP-EP Replacement Earpads for ATH-M50x and M40x", ["ATH-M50x", "ATH-M40x"], 29.00),
    ("Beyerdynamic", "EDT 770 V Velour Ear Pads for DT 770 PRO", ["DT 770 PRO"], 39.00),
    ("Wicked Cushions", "Ear Pads for Bose QuietComfort 45 / QC Headphones", ["QuietComfort Headphones"], 29.95),
    ("Apple", "AirPods Max Ear Cushions", ["AirPods Max"], 69.00),
]:
    add("ear-pads", "headphones", "", "Audio > Headphone Accessories", G_AUDIOACC, "%s %s" % (brand, name), brand, price,
        "Soft memory foam cushions to replace worn, flaking or cracked pads; they clip or stick on in a minute.", fits=hp_models, mpn="EP-" + slug(name)[:12])
for brand, name, fits, price, typ in [
    ("Sony", "Carrying Case for WH-1000XM5", ["WH-1000XM5"], 39.99, "headphone-case"), ("Co2Crea", "Hard Travel Case for Sony WH-1000XM4 and WH-1000XM5", ["WH-1000XM4", "WH-1000XM5"], 19.99, "headphone-case"),
    ("Satechi", "Aluminum Headphone Stand", [], 39.99, "headphone-stand"), ("Elago", "Silicone Case for AirPods Pro 2", ["AirPods Pro 2"], 14.99, "headphone-case"),
    ("Comply", "Foam Ear Tips for Sony WF-1000XM5 (3 Pairs)", ["WF-1000XM5"], 24.99, "ear-tips"), ("Spinfit", "W1 Silicone Ear Tips for Earbuds", [], 19.99, "ear-tips"),
]:
    of = "earbuds" if typ == "ear-tips" or "AirPods Pro" in name else "headphones"
    add(typ, of, "", "Audio > Headphone Accessories", G_AUDIOACC, "%s %s" % (brand, name), brand, price,
        "Protects and keeps your headphones or earbuds tidy.", fits=fits, mpn="X-" + slug(name)[:10])

# ---------------------------------------------------------------- speakers
SPEAKERS = [
    ("JBL", "Flip 6 Portable Waterproof Bluetooth Speaker", "Flip 6", 129.95, ["Black", "Blue", "Red", "Gray", "Teal", "Pink"], "portable-speaker"),
    ("JBL", "Charge 5 Portable Bluetooth Speaker", "Charge 5", 179.95, ["Black", "Blue", "Red", "Camo", "Gray"], "portable-speaker"),
    ("JBL", "Clip 5 Ultra-Portable Waterproof Speaker", "Clip 5", 79.95, ["Black", "Blue", "Purple", "Pink"], "portable-speaker"),
    ("JBL", "Go 4 Ultra-Portable Bluetooth Speaker", "Go 4", 49.95, ["Black", "Blue", "Red", "Pink", "White"], "portable-speaker"),
    ("JBL", "Xtreme 4 Portable Waterproof Speaker", "Xtreme 4", 379.95, ["Black", "Blue", "Camo"], "portable-speaker"),
    ("JBL", "PartyBox Encore Essential 2 Party Speaker", "PartyBox Encore Essential 2", 299.95, [], "portable-speaker"),
    ("Bose", "SoundLink Flex Portable Bluetooth Speaker (2nd Gen)", "SoundLink Flex", 149.00, ["Black", "White Smoke", "Blue Dusk", "Alpine Sage"], "portable-speaker"),
    ("Bose", "SoundLink Max Portable Speaker", "SoundLink Max", 399.00, ["Black", "Blue Dusk"], "portable-speaker"),
    ("Ultimate Ears", "BOOM 4 Portable Waterproof Bluetooth Speaker", "BOOM 4", 149.99, ["Active Black", "Cobalt Blue", "Hyper Pink"], "portable-speaker"),
    ("Ultimate Ears", "WONDERBOOM 4 Portable Bluetooth Speaker", "WONDERBOOM 4", 99.99, ["Active Black", "Joyous Bright", "Cobalt Blue"], "portable-speaker"),
    ("Marshall", "Emberton III Portable Bluetooth Speaker", "Emberton III", 169.99, ["Black and Brass", "Cream"], "portable-speaker"),
    ("Anker", "Soundcore Motion 300 Wireless Hi-Res Portable Speaker", "Motion 300", 79.99, ["Black", "Blue", "Green"], "portable-speaker"),
    ("Sonos", "Era 100 Smart Speaker", "Era 100", 249.00, ["Black", "White"], "home-speaker"),
    ("Sonos", "Era 300 Smart Speaker with Dolby Atmos", "Era 300", 449.00, ["Black", "White"], "home-speaker"),
    ("Sonos", "Move 2 Portable Smart Speaker", "Move 2", 449.00, ["Black", "White", "Olive"], "portable-speaker"),
    ("Sonos", "Roam 2 Portable Smart Speaker", "Roam 2", 179.00, ["Black", "White", "Olive", "Sunset", "Wave"], "portable-speaker"),
    ("Marshall", "Stanmore III Bluetooth Home Speaker", "Stanmore III", 379.99, ["Black", "Cream", "Brown"], "home-speaker"),
    ("Bang & Olufsen", "Beosound A1 2nd Gen Waterproof Bluetooth Speaker", "Beosound A1", 299.00, ["Black Anthracite", "Grey Mist", "Gold Tone"], "portable-speaker"),
    ("Audioengine", "A2+ Wireless Powered Desktop Speakers (Pair)", "A2+", 269.00, ["Satin Black", "Hi-Gloss White"], "home-speaker"),
    ("Edifier", "R1280T Powered Bookshelf Speakers", "R1280T", 119.99, [], "home-speaker"),
]
SPK_PATH = {"portable-speaker": "Audio > Speakers > Portable Speakers", "home-speaker": "Audio > Speakers > Home Speakers"}
for brand, name, model, price, colors, typ in SPEAKERS:
    def sp(c, g, brand=brand, name=name, model=model, price=price, typ=typ):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        d = ("A %s speaker with big sound for its size; IP67 dust- and waterproof where noted, hours of playtime on a charge." % brand) if typ == "portable-speaker" else \
            ("A %s speaker for a room: stream over Wi-Fi or Bluetooth, or plug in." % brand)
        add(typ, "", model, SPK_PATH[typ], G_SPK, t, brand, price, d, mpn=model.replace(" ", "").upper() + ("-" + c[:3].upper() if c else ""), group=g, color=c)
    variants(colors or [""], sp)
for brand, title, fits, price in [
    ("Sonos", "Sonos Wall Mount for Era 100", ["Era 100"], 39.00), ("Mounting Dream", "Speaker Wall Mount for Sonos Era 300 (Pair)", ["Era 300"], 49.99),
    ("Co2Crea", "Hard Carrying Case for JBL Flip 6", ["Flip 6"], 19.99), ("Co2Crea", "Travel Case for JBL Charge 5", ["Charge 5"], 21.99),
    ("Sonos", "Roam Wireless Charger", ["Roam 2"], 49.00), ("Kanto", "SP6HD Desktop Speaker Stands (Pair)", [], 59.99),
]:
    add("speaker-accessory", "speaker", "", "Audio > Speaker Accessories", G_AUDIOACC, title, brand, price,
        "Made to fit and protect your speaker at home or on the move.", fits=fits, mpn="SA-" + slug(title)[:10])

# ---------------------------------------------------------------- drones and their spares
DRONES = [
    ("Mini 4 Pro", "Mini 4 Pro Drone with RC-N2 Remote", 759, "CP.MA.00000731.01"), ("Mini 4 Pro", "Mini 4 Pro Fly More Combo with DJI RC 2", 1099, "CP.MA.00000735.01"),
    ("Mini 4 Pro", "Mini 4 Pro Fly More Combo Plus with DJI RC 2", 1159, "CP.MA.00000736.01"),
    ("Mini 3", "Mini 3 Drone with RC-N1 Remote", 419, "CP.MA.00000584.01"), ("Mini 3", "Mini 3 Fly More Combo with DJI RC", 699, "CP.MA.00000610.01"),
    ("Mini 4K", "Mini 4K Drone Fly More Combo", 379, "CP.MA.00000794.01"),
    ("Air 3S", "Air 3S Drone with RC-N3", 1099, "CP.MA.00000939.01"), ("Air 3S", "Air 3S Fly More Combo with DJI RC 2", 1599, "CP.MA.00000940.01"),
    ("Air 3", "Air 3 Drone with RC-N2", 1099, "CP.MA.00000691.01"),
    ("Avata 2", "Avata 2 Fly More Combo (Three Batteries) FPV Drone", 999, "CP.FP.00000151.01"),
    ("Mavic 3 Pro", "Mavic 3 Pro Drone with DJI RC", 2199, "CP.MA.00000656.01"), ("Neo", "Neo Palm-Sized Selfie Drone", 199, "CP.FP.00000162.01"),
]
for model, name, price, mpn in DRONES:
    add("drone", "", model, "Drones > Drones", G_DRONE, "DJI %s" % name, "DJI", price,
        "A DJI camera drone: stabilized 4K video, obstacle sensing where the model has it, and a long flight time on its Intelligent Flight Battery.", mpn=mpn)
add("drone", "", "Atom 2", "Drones > Drones", G_DRONE, "Potensic Atom 2 GPS Camera Drone, 4K, Under 249g", "Potensic", 299.99,
    "A sub-249g GPS drone with a 3-axis gimbal 4K camera.", mpn="ATOM2")
add("drone", "", "HoverAir X1", "Drones > Drones", G_DRONE, "HoverAir X1 Self-Flying Camera Drone", "HoverAir", 349.00,
    "A foldable self-flying camera that follows you, launched from your palm.", mpn="X1")
DRONE_SPARES = [
    ("Mini 4 Pro", "drone-propellers", "DJI Mini 4 Pro Propellers (Pair)", 9.00, ["Mini 4 Pro"]),
    ("Mini 4 Pro", "drone-battery", "DJI Mini 4 Pro Intelligent Flight Battery", 75.00, ["Mini 4 Pro", "Mini 3 Pro", "Mini 3"]),
    ("Mini 4 Pro", "drone-battery", "DJI Mini 4 Pro Intelligent Flight Battery Plus", 99.00, ["Mini 4 Pro", "Mini 3 Pro", "Mini 3"]),
    ("Mini 4 Pro", "drone-charger", "DJI Mini 4 Pro Two-Way Charging Hub", 59.00, ["Mini 4 Pro", "Mini 3"]),
    ("Mini 4 Pro", "drone-filter", "Freewell ND Filter Set for DJI Mini 4 Pro (4-Pack)", 79.99, ["Mini 4 Pro"]),
    ("Mini 4 Pro", "drone-propellers", "DJI Mini 4 Pro Propeller Guard", 25.00, ["Mini 4 Pro"]),
    ("Mini 3", "drone-propellers", "DJI Mini 3 Series Propellers", 9.00, ["Mini 3", "Mini 3 Pro"]),
    ("Mini 3", "drone-battery", "DJI Mini 3 Series Intelligent Flight Battery", 69.00, ["Mini 3", "Mini 3 Pro", "Mini 4 Pro"]),
    ("Mini 4K", "drone-propellers", "DJI Mini 4K Propellers", 9.00, ["Mini 4K", "Mini 2 SE"]),
    ("Mini 4K", "drone-battery", "DJI Mini 4K Intelligent Flight Battery", 49.00, ["Mini 4K", "Mini 2 SE", "Mini 2"]),
    ("Air 3", "drone-propellers", "DJI Air 3 Low-Noise Propellers (Pair)", 14.00, ["Air 3", "Air 3S"]),
    ("Air 3", "drone-battery", "DJI Air 3 Series Intelligent Flight Battery", 159.00, ["Air 3", "Air 3S"]),
    ("Air 3", "drone-charger", "DJI Air 3 Battery Charging Hub", 59.00, ["Air 3", "Air 3S"]),
    ("Avata 2", "drone-propellers", "DJI Avata 2 Propellers", 9.00, ["Avata 2"]),
    ("Avata 2", "drone-battery", "DJI Avata 2 Intelligent Flight Battery", 89.00, ["Avata 2"]),
    ("Mavic 3 Pro", "drone-propellers", "DJI Mavic 3 Low-Noise Propellers (Pair)", 15.00, ["Mavic 3 Pro", "Mavic 3 Classic"]),
    ("Mavic 3 Pro", "drone-battery", "DJI Mavic 3 Series Intelligent Flight Battery", 219.00, ["Mavic 3 Pro", "Mavic 3 Classic"]),
    ("Mavic 3 Pro", "drone-filter", "PolarPro ND Filter 6-Pack for Mavic 3 Pro", 249.99, ["Mavic 3 Pro"]),
    ("Neo", "drone-battery", "DJI Neo Intelligent Flight Battery", 29.00, ["Neo"]),
    ("Neo", "drone-propellers", "DJI Neo Propellers", 9.00, ["Neo"]),
    ("Atom 2", "drone-propellers", "Potensic Atom 2 Spare Propellers (4 Pairs)", 12.99, ["Atom 2"]),
    ("Atom 2", "drone-battery", "Potensic Atom 2 Flight Battery", 39.99, ["Atom 2"]),
]
DRONE_SP_PATH = "Drones > Drone Accessories"
for model, typ, title, price, fits in DRONE_SPARES:
    brand = title.split()[0] if not title.startswith(("Freewell", "PolarPro")) else title.split()[0]
    d = {"drone-propellers": "Spare quick-release propellers, balanced and ready to fit; keep a set in the bag for every flight day.",
         "drone-battery": "A spare Intelligent Flight Battery for more time in the air; self-heating and smart charge status.",
         "drone-charger": "Charges batteries one after another and stores them between flights.",
         "drone-filter": "Neutral density filters that slow the shutter for smooth, cinematic drone footage."}[typ]
    add(typ, "drone", "", DRONE_SP_PATH, G_DRONEACC, title, brand, price, d + " For the " + ", ".join(fits) + ".", fits=fits, mpn="DS-" + slug(title)[:14])

# ---------------------------------------------------------------- cables, chargers, power banks
CABLES = [
    ("Anker", "USB-C to USB-C Cable, 100W, Braided", "usb-cable", ["3 ft", "6 ft", "10 ft"], 12.99),
    ("Anker", "USB-C to Lightning Cable, MFi Certified", "usb-cable", ["3 ft", "6 ft"], 14.99),
    ("Belkin", "BoostCharge USB-C to USB-C Cable, 60W", "usb-cable", ["1m", "2m"], 19.99),
    ("UGREEN", "USB-A to USB-C Cable, Fast Charging", "usb-cable", ["1m", "2m", "3m"], 8.99),
    ("Cable Matters", "Micro HDMI to HDMI Cable, 4K", "hdmi-cable", ["3 ft", "6 ft", "10 ft"], 9.99),
    ("Cable Matters", "Mini HDMI to HDMI Cable, 4K", "hdmi-cable", ["3 ft", "6 ft", "10 ft"], 9.99),
    ("Belkin", "Ultra High Speed HDMI 2.1 Cable, 8K", "hdmi-cable", ["1m", "2m", "3m"], 24.99),
    ("SmallRig", "Ultra Slim Coiled HDMI to Micro HDMI Cable", "hdmi-cable", ["35cm", "55cm"], 19.99),
    ("Rode", "SC7 3.5mm TRS to TRRS Cable", "audio-cable", ["15 cm"], 15.00),
    ("Rode", "SC2 3.5mm TRS Patch Cable", "audio-cable", ["6 cm"], 15.00),
    ("Hosa", "3.5mm TRS to 3.5mm TRS Stereo Cable", "audio-cable", ["3 ft", "10 ft"], 6.95),
    ("Cable Matters", "USB-C to DisplayPort Cable, 8K", "usb-cable", ["3 ft", "6 ft", "10 ft"], 15.99),
    ("Amazon Basics", "High-Speed HDMI Cable, 18Gbps, 4K", "hdmi-cable", ["3 ft", "6 ft", "10 ft", "15 ft", "25 ft"], 7.49),
    ("UGREEN", "USB-C to USB-C Cable, 240W, Nylon Braided", "usb-cable", ["1m", "2m"], 13.99),
    ("Anker", "USB-C to HDMI Adapter, 4K 60Hz", "usb-cable", [""], 19.99),
]
CABLE_PATH = {"usb-cable": "Cables & Adapters > USB Cables", "hdmi-cable": "Cables & Adapters > HDMI Cables", "audio-cable": "Cables & Adapters > Audio Cables"}
for brand, name, typ, lengths, price in CABLES:
    for i, ln in enumerate(lengths):
        t = "%s %s" % (brand, name) + (", %s" % ln if ln else "")
        add(typ, "", "", CABLE_PATH[typ], G_CABLE, t, brand, round(price + i * 3, 2),
            "A sturdy %s %s." % (brand, name.split(",")[0].lower()), mpn="C-" + slug(t)[:16])
for brand, name, typ, price, mpn in [
    ("Anker", "Nano II 65W USB-C Charger (735)", "usb-charger", 49.99, "A2667"), ("Anker", "Nano 30W USB-C Charger (511)", "usb-charger", 19.99, "A2337"),
    ("Apple", "20W USB-C Power Adapter", "usb-charger", 19.00, "MHJA3AM/A"), ("Belkin", "BoostCharge Pro 108W 4-Port GaN Charger", "usb-charger", 79.99, "WCH010"),
    ("UGREEN", "Nexode 100W 4-Port USB-C Charger", "usb-charger", 59.99, "CD226"), ("Anker", "Prime 67W USB-C Charger (3 Ports)", "usb-charger", 44.99, "A2669"),
    ("Anker", "737 Power Bank (PowerCore 24K), 140W", "power-bank", 109.99, "A1289"), ("Anker", "Nano Power Bank 10,000mAh with Built-In USB-C Cable", "power-bank", 49.99, "A1259"),
    ("Belkin", "BoostCharge Plus 10K Power Bank with Integrated Cables", "power-bank", 59.99, "BPB006"), ("UGREEN", "Nexode 25000mAh 145W Power Bank", "power-bank", 79.99, "PB205"),
    ("Anker", "MagGo Power Bank (10K) for iPhone", "power-bank", 89.99, "A1654"), ("Baseus", "Blade HD 20000mAh 100W Laptop Power Bank", "power-bank", 99.99, "PPBLD100S"),
    ("SmallRig", "VB99 Mini V-Mount Battery, 99Wh", "power-bank", 199.00, "3580"),
]:
    add(typ, "", "", "Power > USB Chargers" if typ == "usb-charger" else "Power > Power Banks", G_POWER if typ == "usb-charger" else G_PBANK,
        "%s %s" % (brand, name), brand, price, "Fast USB-C power for phones, cameras that charge over USB, tablets and laptops.", mpn=mpn)

# ---------------------------------------------------------------- screen protectors, cages, cleaning, film
CAGE_MODELS = ["a7 IV", "a7C II", "a6700", "ZV-E10", "EOS R6 Mark II", "EOS R8", "Z6 II", "Z fc", "X-T5", "X-S20", "Lumix S5 II", "a7 III", "EOS R50"]
for m in CAGE_MODELS:
    name = CAM_NAME[m]
    add("screen-protector", "camera", "", "Camera Accessories > Screen Protectors", G_PARTS, "JJC Tempered Glass Screen Protector for %s (2-Pack)" % name, "JJC", 12.95,
        "Tempered glass that protects the rear LCD from scratches; bubble-free fit for the %s." % name, fits=[m], mpn="GSP-" + slug(m).upper())
    if m in ("a7 IV", "EOS R6 Mark II", "Z6 II", "X-T5", "a6700", "ZV-E10", "Lumix S5 II", "EOS R8"):
        add("camera-cage", "camera", "", "Camera Accessories > Cages & Rigs", G_PARTS, "SmallRig Cage for %s" % name, "SmallRig", 89.00,
            "A form-fitting aluminum cage with 1/4\" and 3/8\" threads, a cold shoe and an Arca-Swiss base, for the %s." % name, fits=[m], mpn="SR-CAGE-" + slug(m).upper())
for brand, title, price, mpn in [
    ("VSGO", "VSGO Full Frame Sensor Cleaning Swab Kit (24mm, 10 Swabs)", 24.99, "DDR-24"), ("VSGO", "VSGO APS-C Sensor Cleaning Swab Kit (16mm, 10 Swabs)", 22.99, "DDR-16"),
    ("Giottos", "Giottos Rocket Air Blower, Large", 12.95, "AA1900"), ("Giottos", "Giottos Rocket Air Blower, Medium", 10.95, "AA1910"),
    ("LensPen", "LensPen NLP-1 Original Lens Cleaner", 9.95, "NLP-1"), ("Zeiss", "Zeiss Lens Cleaning Kit with Spray, Cloth and Wipes", 19.99, "2390-281"),
    ("Harbor Camera", "Microfiber Lens Cleaning Cloths (5-Pack)", 7.99, "HC-MF5"),
]:
    add("cleaning-kit", "camera", "", "Camera Accessories > Cleaning", G_PARTS, title, brand, price,
        "Keeps sensors, lenses and viewfinders free of dust and smudges without scratching coatings.", mpn=mpn)
for brand, title, price, fits, mpn in [
    ("Fujifilm", "Fujifilm Instax Mini Instant Film, Twin Pack (20 Exposures)", 15.99, ["Instax Mini 12"], "16437396"),
    ("Fujifilm", "Fujifilm Instax Mini Instant Film, Rainbow (10 Exposures)", 10.99, ["Instax Mini 12"], "16276405"),
    ("Fujifilm", "Fujifilm Instax Mini Instant Film, Value Pack (100 Exposures)", 69.99, ["Instax Mini 12"], "16581589"),
    ("Fujifilm", "Fujifilm Instax Square Instant Film (20 Exposures)", 22.99, ["Instax Square SQ1"], "16576520"),
    ("Polaroid", "Polaroid Color i-Type Film (8 Photos)", 16.99, ["Now+ Gen 2"], "6000"),
    ("Polaroid", "Polaroid Black & White i-Type Film (8 Photos)", 16.99, ["Now+ Gen 2"], "6001"),
]:
    add("instant-film", "instant-camera", "", "Cameras > Instant Film", G_FILM, title, brand, price,
        "Instant film: each shot develops in your hand in about 90 seconds.", fits=fits, mpn=mpn)

# ---------------------------------------------------------------- rings, adapters, remotes, grips, brackets
for a, b in [("49", "52"), ("52", "55"), ("55", "58"), ("58", "62"), ("62", "67"), ("67", "72"), ("67", "77"), ("72", "77"), ("72", "82"),
             ("77", "82"), ("82", "95"), ("40.5", "49"), ("43", "49"), ("46", "52")]:
    add("step-up-ring", "lens", "", "Lens Accessories > Step-Up Rings", G_FILTER, "K&F Concept %s-%smm Step-Up Ring" % (a, b), "K&F Concept", 8.99,
        "An aluminum adapter ring that lets a %smm lens take %smm filters." % (a, b), fits=[a + "mm"], mpn="KF-SU%s%s" % (a.replace(".", ""), b))
for brand, title, frm, to, price, mpn in [
    ("Sigma", "Sigma MC-11 Mount Converter, Canon EF to Sony E", "Canon EF", "Sony E", 249.00, "89E965"),
    ("Canon", "Canon EF-EOS R Mount Adapter", "Canon EF", "Canon RF", 99.00, "2971C002"),
    ("Canon", "Canon Control Ring Mount Adapter EF-EOS R", "Canon EF", "Canon RF", 199.00, "2972C002"),
    ("Nikon", "Nikon FTZ II Mount Adapter", "Nikon F", "Nikon Z", 249.95, "4266"),
    ("Metabones", "Metabones Canon EF to Sony E T Smart Adapter V", "Canon EF", "Sony E", 399.00, "MB_EF-E-BT5"),
    ("Fotodiox", "Fotodiox Nikon F to Fujifilm X Lens Mount Adapter", "Nikon F", "Fujifilm X", 24.95, "NK-FXRF"),
    ("Viltrox", "Viltrox EF-L Autofocus Adapter, Canon EF to L-Mount", "Canon EF", "L-Mount", 149.00, "EF-L"),
]:
    add("mount-adapter", "lens", "", "Lens Accessories > Mount Adapters", G_LENS, title, brand, price,
        "Use %s-mount lenses on %s-mount cameras, with autofocus and aperture control where noted." % (frm, to), fits=[frm, to], mpn=mpn)
for brand, name, sysb, fits, price, mpn in [
    ("Sony", "RMT-P1BT Wireless Bluetooth Remote Commander", "Sony", ["a7 IV", "a7C II", "a6700", "ZV-E10", "a7R V"], 79.99, "RMTP1BT"),
    ("Canon", "BR-E1 Wireless Bluetooth Remote", "Canon", ["EOS R6 Mark II", "EOS R8", "EOS R50", "EOS R10", "EOS 90D"], 49.99, "2140C001"),
    ("Canon", "RS-60E3 Remote Switch", "Canon", ["EOS R8", "EOS R50", "EOS R10", "EOS Rebel T7", "EOS 90D"], 24.99, "2466A001"),
    ("Nikon", "ML-L7 Bluetooth Remote Control", "Nikon", ["Z50", "Z fc"], 39.95, "4123"),
    ("Nikon", "MC-DC2 Remote Release Cord", "Nikon", ["Z6 II", "Z5", "D7500", "Z fc"], 29.95, "25395"),
    ("Fujifilm", "RR-100 Remote Release", "Fujifilm", ["X-T5", "X-S20", "X-T30 II"], 39.95, "16480040"),
    ("Pixel", "T3 Wireless Timer Remote for Sony", "Sony", ["a7 IV", "a7 III", "a6400"], 39.99, "T3-S2"),
    ("Pixel", "T3 Wireless Timer Remote for Canon", "Canon", ["EOS R6 Mark II", "EOS R5"], 39.99, "T3-E3"),
    ("Pixel", "T3 Wireless Timer Remote for Nikon", "Nikon", ["Z6 II", "Z5", "D850"], 39.99, "T3-DC2"),
]:
    add("remote", "camera", "", "Camera Accessories > Remotes", G_PARTS, "%s %s" % (brand, name), brand, price,
        "Fire the shutter without touching the camera: long exposures, self-portraits and time-lapses. For %s." % ", ".join(fits), fits=[sysb] + fits, mpn=mpn)
for m in ["a7 IV", "a7 III", "a6700", "EOS R6 Mark II", "EOS R8", "Z6 II", "Z fc", "X-T5", "X-S20", "a7C II"]:
    name = CAM_NAME[m]
    add("l-bracket", "camera", "", "Tripods & Supports > Tripod Accessories", G_TRIPOD, "SmallRig L-Bracket for %s" % name, "SmallRig", 59.00,
        "An Arca-Swiss L-bracket that lets the %s sit on a tripod in portrait orientation without flopping the head over." % name, fits=[m], mpn="SR-LB-" + slug(m).upper())
    if R.random() < 0.6:
        add("camera-grip", "camera", "", "Camera Accessories > Grips", G_PARTS, "JJC Eyecup for %s" % name, "JJC", 11.95,
            "A soft replacement eyecup that blocks light around the viewfinder of the %s." % name, fits=[m], mpn="EC-" + slug(m).upper())
for brand, name, fits, price, mpn in [
    ("Sony", "VG-C4EM Vertical Grip for a7 IV, a7R V, a9 II", ["a7 IV", "a7R V", "a9 II", "a7 III"], 399.99, "VGC4EM"),
    ("Canon", "BG-R10 Battery Grip for EOS R6 Mark II, R5, R6", ["EOS R6 Mark II", "EOS R5"], 349.00, "4365C001"),
    ("Nikon", "MB-N11 Power Battery Pack for Z6 II", ["Z6 II"], 299.95, "4255"),
    ("Fujifilm", "VG-XT5 Vertical Battery Grip for X-T5", ["X-T5"], 399.00, "16780003"),
    ("SmallRig", "Wooden Side Handle Grip for Fujifilm X-S20", ["X-S20"], 39.00, "4230"),
]:
    add("camera-grip", "camera", "", "Camera Accessories > Grips", G_PARTS, "%s %s" % (brand, name), brand, price,
        "A grip for a better hold; battery grips hold a second battery for twice the shots.", fits=fits, mpn=mpn)
for brand, title, price, mpn in [
    ("Think Tank", "Think Tank Hydrophobia 70-200 V3.0 Rain Cover", 159.75, "740460"), ("Peak Design", "Peak Design Shell Rain Cover, Medium", 39.95, "SH-M-1"),
    ("OP/TECH", "OP/TECH Rainsleeve Camera Rain Cover (2-Pack)", 7.95, "9001132"), ("JJC", "JJC Hot Shoe Cover (3-Pack)", 5.95, "HC-3"),
    ("Lowepro", "Lowepro GearUp Lens Pouch, Medium", 24.95, "LP37185"), ("Think Tank", "Think Tank Lens Changer 25 V3.0 Lens Pouch", 42.75, "700055"),
    ("K&F Concept", "K&F Concept Filter Pouch for 8 Round Filters up to 82mm", 14.99, "KF-FP8"),
]:
    add("camera-protection", "camera", "", "Camera Accessories > Covers & Pouches", G_BAG, title, brand, price,
        "Keeps your kit dry, dust-free and organized.", mpn=mpn)

# ---------------------------------------------------------------- lighting
for brand, name, price, colors, mpn in [
    ("Aputure", "Amaran 100d S Daylight LED Video Light", 199.00, [], "APA0147A3"), ("Aputure", "Amaran 200x S Bi-Color LED Video Light", 329.00, [], "APA0146A3"),
    ("Aputure", "Amaran COB 60d S LED Light", 149.00, [], "APA0168A3"), ("Godox", "SL60IID Daylight LED Video Light", 149.00, [], "SL60IID"),
    ("Godox", "ML60II Bi Portable LED Light", 199.00, [], "ML60IIBI"), ("Ulanzi", "VL49 RGB Mini LED Video Light", 24.99, ["Black", "White"], "VL49"),
    ("Neewer", "660 LED Video Light and Stand 2-Pack Kit", 159.99, [], "10096817"), ("Elgato", "Key Light Air LED Panel for Streaming", 129.99, [], "10LAB9901"),
    ("Lume Cube", "Panel Mini Bi-Color LED Light", 69.95, ["Black", "White"], "LC-PANELMINI"), ("Godox", "AD200Pro II TTL Pocket Flash", 349.00, [], "AD200PROII"),
]:
    def lt(c, g, brand=brand, name=name, price=price, mpn=mpn):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add("video-light", "", "", "Lighting > LED Video Lights", G_FLASH, t, brand, price,
            "Continuous light for video and portraits with adjustable brightness and color temperature; app control where noted.", mpn=mpn, group=g, color=c)
    variants(colors or [""], lt)
for brand, title, price, mpn in [
    ("Manfrotto", "Manfrotto 1004BAC Master Light Stand, 12 ft", 129.99, "1004BAC"), ("Godox", "Godox SB-GUE80 Umbrella Softbox with Grid, 31.5in", 49.00, "SB-GUE80"),
    ("Neewer", "Neewer 75-inch Aluminum Light Stand (2-Pack)", 39.99, "10080585"), ("Westcott", "Westcott 5-in-1 Reflector, 40in", 59.90, "1306"),
    ("Aputure", "Aputure Light Dome SE Softbox", 99.00, "APLDSE"), ("Godox", "Godox S2 Bowens Mount Speedlite Bracket", 29.00, "S2"),
]:
    add("lighting-accessory", "video-light", "", "Lighting > Light Stands & Modifiers", G_FLASH, title, brand, price,
        "Shape and hold your lights: stands, softboxes and reflectors for a home studio.", mpn=mpn)

# ---------------------------------------------------------------- binoculars, printers
for brand, name, price, mpn in [
    ("Nikon", "Monarch M7 8x42 Binoculars", 449.95, "16773"), ("Nikon", "Monarch M7 10x42 Binoculars", 479.95, "16774"),
    ("Nikon", "Prostaff P3 8x42 Binoculars", 149.95, "16775"), ("Vortex", "Diamondback HD 8x42 Binoculars", 249.99, "DB-214"),
    ("Vortex", "Diamondback HD 10x42 Binoculars", 259.99, "DB-215"), ("Vortex", "Crossfire HD 10x50 Binoculars", 199.99, "CF-4313"),
    ("Bushnell", "Legend 10x42 Binoculars", 229.99, "198104"), ("Celestron", "Nature DX 8x42 Binoculars", 149.95, "71332"),
    ("Zeiss", "Terra ED 8x42 Binoculars", 479.99, "524203-9901-000"), ("Canon", "10x32 IS Image Stabilized Binoculars", 999.00, "4624C002"),
    ("Nikon", "Aculon A211 10x50 Binoculars", 129.95, "8248"), ("Celestron", "UpClose G2 10x25 Compact Binoculars", 29.95, "71232"),
]:
    add("binoculars", "", "", "Optics > Binoculars", "Cameras & Optics > Optics > Binoculars", "%s %s" % (brand, name), brand, price,
        "Bright, sharp %s binoculars for birding, hiking and sports, with a case and neck strap." % brand, mpn=mpn)
for brand, name, price, colors, mpn in [
    ("Canon", "SELPHY CP1500 Wireless Compact Photo Printer", 149.99, ["Black", "White"], "5539C001"),
    ("Fujifilm", "Instax Mini Link 3 Smartphone Printer", 99.95, ["Clay White", "Rose Pink", "Sage Green"], "16812476"),
    ("Kodak", "Dock Plus 4x6 Instant Photo Printer", 159.99, [], "PD460"),
    ("HP", "Sprocket Portable Photo Printer", 99.99, ["Black", "White", "Blush"], "1AS87A"),
]:
    def pr(c, g, brand=brand, name=name, price=price, mpn=mpn):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add("photo-printer", "", "", "Printers > Photo Printers", "Electronics > Print, Copy, Scan & Fax > Printers", t, brand, price,
            "Print photos from your phone or camera in minutes, at home or on the go.", mpn=mpn, group=g, color=c)
    variants(colors or [""], pr)
for brand, title, price, fits, mpn in [
    ("Canon", "Canon KP-108IN Color Ink and Paper Set (108 Sheets, 4x6)", 37.99, ["SELPHY CP1500"], "3115B001"),
    ("Canon", "Canon RP-108 High-Capacity Color Ink/Paper Set", 36.99, ["SELPHY CP1500"], "8568B001"),
    ("HP", "HP Sprocket 2x3in Zink Sticky-Backed Photo Paper (50 Sheets)", 24.99, ["Sprocket"], "2LY72A"),
    ("Kodak", "Kodak 4x6 Color Cartridge and Paper (80 Sheets)", 39.99, ["Dock Plus"], "PHC80"),
]:
    add("printer-paper", "photo-printer", "", "Printers > Photo Paper & Ink", "Electronics > Print, Copy, Scan & Fax > Printer, Copier & Fax Machine Accessories", title, brand, price,
        "Paper and ink together, enough for a stack of prints.", fits=fits, mpn=mpn)

# ---------------------------------------------------------------- more used and third-party
for brand, title, model, typ, price, mount in [
    ("Canon", "Used Canon EOS 80D DSLR Camera Body - Good", "EOS 80D", "dslr-camera", 499, "Canon EF"),
    ("Canon", "Used Canon EOS Rebel T6i DSLR with 18-55mm Lens - Fair", "EOS Rebel T6i", "dslr-camera", 329, "Canon EF"),
    ("Nikon", "Used Nikon D5600 DSLR Camera Body - Excellent", "D5600", "dslr-camera", 379, "Nikon F"),
    ("Nikon", "Used Nikon D810 DSLR Camera Body - Good", "D810", "dslr-camera", 849, "Nikon F"),
    ("Sony", "Used Sony Alpha a7R III Mirrorless Camera Body - Good", "a7R III", "mirrorless-camera", 1099, "Sony E"),
    ("Sony", "Used Sony Alpha a6400 Mirrorless Camera Body - Excellent", "a6400", "mirrorless-camera", 599, "Sony E"),
    ("Fujifilm", "Used Fujifilm X-T4 Mirrorless Camera Body - Excellent", "X-T4", "mirrorless-camera", 999, "Fujifilm X"),
    ("Fujifilm", "Used Fujifilm X100V Compact Camera - Good", "X100V", "compact-camera", 1099, ""),
    ("Olympus", "Used Olympus OM-D E-M10 Mark III with 14-42mm Lens - Good", "E-M10 Mark III", "mirrorless-camera", 349, "Micro Four Thirds"),
    ("GoPro", "Used GoPro HERO10 Black Action Camera - Good", "HERO10 Black", "action-camera", 189, ""),
]:
    add(typ, "", model, PATHS[typ], G_CAM, title, brand, price,
        "Pre-owned, inspected and graded by our technicians, with a 90-day warranty. Cosmetic condition as graded; fully working.", condition="used", gtin=False)
for brand, title, model, price, mount in [
    ("Canon", "Used Canon EF 24-105mm f/4L IS USM Lens - Good", "EF 24-105mm f/4L", 399, "Canon EF"),
    ("Canon", "Used Canon EF 50mm f/1.4 USM Lens - Excellent", "EF 50mm f/1.4", 249, "Canon EF"),
    ("Nikon", "Used Nikon AF-S DX 35mm f/1.8G Lens - Excellent", "AF-S DX 35mm f/1.8G", 119, "Nikon F"),
    ("Sigma", "Used Sigma 18-35mm f/1.8 DC HSM Art Lens for Canon EF - Good", "18-35mm DC HSM Art", 399, "Canon EF"),
    ("Tamron", "Used Tamron 28-75mm f/2.8 Di III RXD Lens for Sony E - Excellent", "A036", 499, "Sony E"),
    ("Sony", "Used Sony FE 70-200mm f/2.8 GM OSS Lens - Good", "SEL70200GM", 1499, "Sony E"),
    ("Fujifilm", "Used Fujifilm XF 35mm f/2 R WR Lens - Excellent", "XF 35mm f/2 R WR", 279, "Fujifilm X"),
    ("Nikon", "Used Nikon NIKKOR Z 24-70mm f/4 S Lens - Excellent", "NIKKOR Z 24-70mm f/4 S", 599, "Nikon Z"),
]:
    add("lens", "camera", model, LENS_PATH[mount], G_LENS, title, brand, price,
        "Pre-owned lens, optics checked for haze, fungus and scratches; front and rear caps included; 90-day warranty.", fits=[mount], condition="used", gtin=False)
for batt, oem, price in BATTS:
    if batt.startswith(("Enduro", "Osmo", "DMW-BLF")):
        continue
    fits = BATT_FITS.get(batt, []) + EXTRA_FITS.get(batt, [])
    add("camera-battery", "camera", "", BATT_PATH, G_BATT, "Promaster Li-ion Battery for %s %s" % (oem, batt), "Promaster", round(price * 0.65, 0) - 0.01,
        "A long-life replacement for the %s %s with a one-year warranty. Compatible with %s." % (oem, batt, ", ".join(fits[:6])), fits=[batt] + fits, mpn="PM-" + batt)
for brand, name, price, colors, mpn in [
    ("Moment", "T-Series 58mm Tele Lens for Phones", 119.99, [], "106-125"), ("Moment", "T-Series 18mm Wide Lens for Phones", 119.99, [], "106-126"),
    ("Joby", "GripTight ONE Phone Mount", 19.95, [], "JB01491"), ("Ulanzi", "ST-02S Phone Tripod Mount with Cold Shoe", 9.99, ["Black", "Orange"], "ST-02S"),
    ("SmallRig", "Phone Video Rig Kit with Handles", 79.00, [], "4299"),
]:
    def ph(c, g, brand=brand, name=name, price=price, mpn=mpn):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        add("phone-accessory", "", "", "Mobile Photography > Phone Lenses & Mounts", G_PARTS, t, brand, price,
            "Turn your phone into a better camera: lenses, mounts and rigs for mobile photo and video.", mpn=mpn, group=g, color=c)
    variants(colors or [""], ph)
# open-box returns, sold as used
for brand, name, model, price, typ in [(h[0], h[1], h[2], h[3], h[5]) for h in HEADPHONES[:14]] + [(x[0], x[1], x[2], x[3], x[5]) for x in SPEAKERS[:10]]:
    path = HP_PATH.get(typ) or SPK_PATH[typ]
    add(typ, "", model, path, G_HEAD if typ in HP_PATH else G_SPK, "Open Box %s %s" % (brand, name), brand, round(price * 0.82, 0) - 0.01,
        "An open-box return in like-new condition, complete with all accessories, checked by our staff; full 1-year warranty.", condition="used", gtin=False)
for brand, name, price, mpn in [
    ("Canon", "E-58 II 58mm Lens Cap", 11.99, "E-58 II"), ("Canon", "E-67 II 67mm Lens Cap", 12.99, "E-67 II"), ("Canon", "E-72 II 72mm Lens Cap", 13.99, "E-72 II"),
    ("Nikon", "LC-67B 67mm Snap-On Front Lens Cap", 12.95, "LC-67B"), ("Nikon", "LC-77B 77mm Snap-On Front Lens Cap", 14.95, "LC-77B"),
    ("Nikon", "LC-62B 62mm Snap-On Front Lens Cap", 11.95, "LC-62B"), ("Sony", "ALC-F72S 72mm Front Lens Cap", 15.99, "ALC-F72S"),
    ("Sony", "ALC-F55S 55mm Front Lens Cap", 12.99, "ALC-F55S"), ("Fujifilm", "FLCP-52 II 52mm Front Lens Cap", 11.95, "FLCP-52 II"),
    ("Fujifilm", "FLCP-62 II 62mm Front Lens Cap", 12.95, "FLCP-62 II"),
]:
    size = [w for w in name.split() if w.endswith("mm")][0]
    add("lens-cap", "lens", "", "Lens Accessories > Lens Caps", G_CAP, "%s %s" % (brand, name), brand, price, "Original %s cap. Fits %s lens threads." % (brand, size), fits=[size], mpn=mpn)
# cases and straps in more colours
for brand, name, price, colors, mpn, fits in [
    ("Smatree", "Hard Carrying Case for DJI Mini 4 Pro Fly More Combo", 39.99, ["Black", "Gray"], "SMT-M4P", ["Mini 4 Pro"]),
    ("Lykus", "Water Resistant Case for DJI Air 3", 45.99, ["Black"], "LY-AIR3", ["Air 3"]),
    ("GoPro", "Casey LITE Camera Case", 29.99, ["Black", "Blue"], "ABCCS-002", ["HERO13 Black", "HERO12 Black"]),
]:
    def cs(c, g, brand=brand, name=name, price=price, mpn=mpn, fits=fits):
        t = "%s %s" % (brand, name) + (" - %s" % c if c else "")
        of = "drone" if "DJI" in name else "camera"
        add("drone-case" if of == "drone" else "camera-case", of, "", "Drones > Drone Accessories" if of == "drone" else "Bags & Cases > Camera Cases", G_BAG, t, brand, price,
            "A padded case with cut-outs for each piece of your kit.", fits=fits, mpn=mpn, group=g, color=c)
    variants(colors if len(colors) > 1 else [""], cs)

# ---------------------------------------------------------------- write
def el(k, v):
    return "<g:%s>%s</g:%s>" % (k, escape(str(v)), k)

with open("camera.xml", "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n')
    f.write("<title>Harbor Camera</title>\n<link>%s</link>\n<description>Harbor Camera product feed for Google Merchant Center</description>\n" % BASE)
    for i, p in enumerate(products):
        f.write("<item>\n")
        f.write(el("id", p["id"]) + "\n")
        f.write("<title>%s</title>\n" % (("<![CDATA[%s]]>" % p["title"]) if i % 3 == 0 else escape(p["title"])))
        d = p["description"]
        f.write("<description>%s</description>\n" % (("<![CDATA[<p>%s</p>]]>" % d) if i % 2 == 0 else escape(d)))
        f.write("<link>%s</link>\n" % escape(p["link"]))
        for k in ("image_link", "availability", "price", "sale_price", "brand", "condition", "gtin", "mpn", "identifier_exists",
                  "google_product_category", "product_type", "item_group_id", "color", "is_bundle"):
            if k in p:
                f.write(el(k, p[k]) + "\n")
        if "shipping" in p:
            f.write("<g:shipping><g:country>US</g:country><g:service>Standard</g:service><g:price>%.2f USD</g:price></g:shipping>\n" % p["shipping"])
        f.write("</item>\n")
    f.write("</channel>\n</rss>\n")

with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath\ttitle (for readers)\tcolour\tfits\n")
    for k, (typ, of, model, path, title, fits) in truth.items():
        f.write("\t".join([SHOP, k, typ, of, model, path, title, "", fits]) + "\n")

if __name__ == "__main__":
    from collections import Counter
    print(len(products), "products,", len(truth), "truth keys")
    print(Counter(truth[k][0] for k in truth).most_common())
