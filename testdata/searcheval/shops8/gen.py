# Writes cycling.csv (a bike shop's Shopify product export) and truth.tsv (each
# product's type, what it is an accessory for, its model, its category path and what it
# fits), deterministically from the tables below (run in this directory: python3 gen.py).
# A cycling shop: bikes in frame sizes, and the parts and accessories beside them, titled
# the ways such shops title them ("Derailleur Hanger for Trek Marlin 7", "Trek Marlin 7
# Derailleur Hanger", "... Compatible with ...", "Replacement ... for ...",
# "700x25c Inner Tube Presta 48mm", "Shimano Deore Brake Pads B01S"). About one product
# in six has no Product Category and one in ten no Type.
import csv
import random

R = random.Random(8088)
HEAD = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published", "Option1 Name",
        "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value", "Variant SKU", "Variant Grams",
        "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy", "Variant Fulfillment Service",
        "Variant Price", "Variant Compare At Price", "Variant Requires Shipping", "Variant Taxable", "Variant Barcode",
        "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description", "Variant Image",
        "Variant Weight Unit", "Cost per item", "Status"]
G = "Sporting Goods > Outdoor Recreation > Cycling"
PATH = {
    "road-bike": G + " > Bicycles", "mountain-bike": G + " > Bicycles", "gravel-bike": G + " > Bicycles",
    "hybrid-bike": G + " > Bicycles", "e-bike": G + " > Bicycles", "kids-bike": G + " > Bicycles", "folding-bike": G + " > Bicycles",
    "inner-tube": G + " > Bicycle Parts > Bicycle Tires & Tubes", "tyre": G + " > Bicycle Parts > Bicycle Tires & Tubes",
    "brake-pads": G + " > Bicycle Parts > Bicycle Brake Parts", "disc-rotor": G + " > Bicycle Parts > Bicycle Brake Parts",
    "chain": G + " > Bicycle Parts > Bicycle Drivetrain Parts", "cassette": G + " > Bicycle Parts > Bicycle Drivetrain Parts",
    "derailleur-hanger": G + " > Bicycle Parts > Bicycle Frame Parts", "ebike-battery": G + " > Bicycle Parts > Electric Bicycle Parts",
    "ebike-charger": G + " > Bicycle Parts > Electric Bicycle Parts", "bike-computer": G + " > Bicycle Accessories > Bicycle Computers",
    "computer-mount": G + " > Bicycle Accessories > Bicycle Computer Accessories", "screen-protector": G + " > Bicycle Accessories > Bicycle Computer Accessories",
    "helmet": G + " > Bicycle Helmets", "helmet-pads": G + " > Bicycle Helmets > Helmet Parts", "cleats": G + " > Bicycle Parts > Bicycle Pedal Parts",
    "pedals": G + " > Bicycle Parts > Bicycle Pedals", "turbo-trainer": G + " > Bicycle Trainers", "trainer-accessory": G + " > Bicycle Trainers > Trainer Accessories",
    "bike-light": G + " > Bicycle Accessories > Bicycle Lights", "light-mount": G + " > Bicycle Accessories > Bicycle Lights",
    "bike-lock": G + " > Bicycle Accessories > Bicycle Locks", "lock-bracket": G + " > Bicycle Accessories > Bicycle Locks",
    "pump": G + " > Bicycle Accessories > Bicycle Pumps", "bottle-cage": G + " > Bicycle Accessories > Bicycle Bottle Cages",
    "water-bottle": G + " > Bicycle Accessories > Water Bottles", "saddle": G + " > Bicycle Parts > Bicycle Saddles",
    "bar-tape": G + " > Bicycle Parts > Handlebar Tape & Grips", "grips": G + " > Bicycle Parts > Handlebar Tape & Grips",
    "mudguards": G + " > Bicycle Accessories > Bicycle Fenders", "pannier-rack": G + " > Bicycle Accessories > Bicycle Racks",
    "panniers": G + " > Bicycle Accessories > Bicycle Bags", "saddle-bag": G + " > Bicycle Accessories > Bicycle Bags",
    "brompton-bag": G + " > Bicycle Accessories > Bicycle Bags", "multitool": G + " > Bicycle Tools", "chain-lube": G + " > Bicycle Maintenance",
    "tubeless-sealant": G + " > Bicycle Parts > Bicycle Tires & Tubes", "jersey": "Apparel & Accessories > Clothing > Activewear > Cycling Jerseys",
    "bib-shorts": "Apparel & Accessories > Clothing > Activewear > Cycling Shorts", "cycling-shoes": "Apparel & Accessories > Shoes > Cycling Shoes",
    "gloves": "Apparel & Accessories > Clothing Accessories > Gloves", "child-seat": G + " > Bicycle Child Seats", "kickstand": G + " > Bicycle Parts > Bicycle Kickstands",
}
TYPE_WORD = {  # the Type column, when given
    "road-bike": "Road Bike", "mountain-bike": "Mountain Bike", "gravel-bike": "Gravel Bike", "hybrid-bike": "Hybrid Bike", "e-bike": "Electric Bike",
    "kids-bike": "Kids Bike", "folding-bike": "Folding Bike", "inner-tube": "Inner Tube", "tyre": "Tyre", "brake-pads": "Brake Pads",
    "disc-rotor": "Disc Rotor", "chain": "Chain", "cassette": "Cassette", "derailleur-hanger": "Derailleur Hanger", "ebike-battery": "E-Bike Battery",
    "ebike-charger": "E-Bike Charger", "bike-computer": "GPS Computer", "computer-mount": "Computer Mount", "screen-protector": "Screen Protector",
    "helmet": "Helmet", "helmet-pads": "Helmet Spares", "cleats": "Cleats", "pedals": "Pedals", "turbo-trainer": "Turbo Trainer",
    "trainer-accessory": "Trainer Accessories", "bike-light": "Lights", "light-mount": "Light Spares", "bike-lock": "Lock", "lock-bracket": "Lock Spares",
    "pump": "Pump", "bottle-cage": "Bottle Cage", "water-bottle": "Bottle", "saddle": "Saddle", "bar-tape": "Bar Tape", "grips": "Grips",
    "mudguards": "Mudguards", "pannier-rack": "Rack", "panniers": "Panniers", "saddle-bag": "Saddle Bag", "brompton-bag": "Bags",
    "multitool": "Tools", "chain-lube": "Lube", "tubeless-sealant": "Sealant", "jersey": "Jersey", "bib-shorts": "Bib Shorts",
    "cycling-shoes": "Shoes", "gloves": "Gloves", "child-seat": "Child Seat", "kickstand": "Kickstand",
}
ACC = {  # accessory type -> what it is for
    "inner-tube": "tyre", "tyre": "road-bike", "brake-pads": "road-bike", "disc-rotor": "mountain-bike", "chain": "road-bike",
    "cassette": "road-bike", "derailleur-hanger": "mountain-bike", "ebike-battery": "e-bike", "ebike-charger": "e-bike",
    "computer-mount": "bike-computer", "screen-protector": "bike-computer", "helmet-pads": "helmet", "cleats": "pedals",
    "trainer-accessory": "turbo-trainer", "light-mount": "bike-light", "lock-bracket": "bike-lock", "bottle-cage": "water-bottle",
    "mudguards": "hybrid-bike", "pannier-rack": "hybrid-bike", "brompton-bag": "folding-bike", "kickstand": "hybrid-bike",
}

rows, truth = [], []
seen = set()
n = [0]


def handle(title):
    h = "".join(c.lower() if c.isalnum() else "-" for c in title)
    while "--" in h:
        h = h.replace("--", "-")
    h = h.strip("-")
    base, i = h, 2
    while h in seen:
        h = "%s-%d" % (base, i)
        i += 1
    seen.add(h)
    return h


def add(typ, brand, title, price, model="", fits=(), body="", options=None, gtin=True):
    """One product (with variants when options is a (name, values) pair)."""
    n[0] += 1
    h = handle(title)
    cat = PATH[typ] if n[0] % 6 else ""
    tword = TYPE_WORD[typ] if n[0] % 10 != 3 else ""
    tags = ", ".join(sorted({typ.replace("-", " "), brand.lower()}))
    body = body or "<p>%s.</p>" % title
    opts = options or ("Title", ["Default Title"])
    for i, v in enumerate(opts[1]):
        first = i == 0
        p = round(price + (0 if first else R.choice([0, 0, 10, 20])) if price > 200 else price, 2)
        sale = round(p * 1.2, 2) if n[0] % 9 == 0 else ""
        qty = 0 if (n[0] + i) % 13 == 0 else R.randint(1, 40)
        bc = str(5000000000000 + n[0] * 37 + i) if gtin and n[0] % 4 else ""
        rows.append([h, title if first else "", body if first else "", brand if first else "", cat if first else "",
                     tword if first else "", tags if first else "", "TRUE" if first else "", opts[0], v, "", "", "", "",
                     "CY-%05d" % (n[0] * 10 + i), R.randint(80, 16000), "shopify", qty, "deny", "manual", "%.2f" % p,
                     "%.2f" % sale if sale else "", "TRUE", "TRUE", bc,
                     "https://cdn.shopify.com/s/files/1/0808/products/%s.jpg" % h if first else "", 1 if first else "", "",
                     "FALSE", "", "", "", "kg", "", "active"])
    truth.append(["cycling", h, typ, ACC.get(typ, ""), model, PATH[typ], "", "", "|".join(fits), title])
    return h


SIZES = ("Size", ["XS", "S", "M", "L", "XL"])
FRAME = ("Frame Size", ["S", "M", "L"])
# bikes: (type, brand, model, price, wheel, speed, brake, groupset, hanger)
BIKES = [
    ("road-bike", "Trek", "Domane AL 2", 899, "700c", "8", "rim", "Claris", "Trek D-Hanger 1"),
    ("road-bike", "Trek", "Domane SL 5", 2899, "700c", "12", "disc", "105", "Trek D-Hanger 2"),
    ("road-bike", "Specialized", "Allez Sport", 1299, "700c", "9", "rim", "Sora", "Specialized Hanger S1"),
    ("road-bike", "Specialized", "Tarmac SL7", 4499, "700c", "12", "disc", "Ultegra", "Specialized Hanger S2"),
    ("road-bike", "Giant", "TCR Advanced 2", 2199, "700c", "11", "disc", "105", "Giant Hanger G1"),
    ("road-bike", "Giant", "Contend 3", 749, "700c", "8", "rim", "Claris", "Giant Hanger G2"),
    ("road-bike", "Cannondale", "CAAD13", 1999, "700c", "11", "disc", "105", "Cannondale KP397"),
    ("road-bike", "Boardman", "SLR 8.9", 1099, "700c", "11", "rim", "105", "Boardman BH-3"),
    ("road-bike", "Canyon", "Endurace 7", 2149, "700c", "12", "disc", "105", "Canyon GP0021"),
    ("mountain-bike", "Trek", "Marlin 7", 1049, "29", "10", "disc", "Deore", "Trek M-Hanger 7"),
    ("mountain-bike", "Trek", "Fuel EX 8", 4199, "29", "12", "disc", "XT", "Trek ABP Hanger"),
    ("mountain-bike", "Specialized", "Rockhopper Comp", 899, "29", "9", "disc", "Alivio", "Specialized Hanger R1"),
    ("mountain-bike", "Specialized", "Stumpjumper", 3999, "29", "12", "disc", "SLX", "Specialized Hanger R2"),
    ("mountain-bike", "Giant", "Talon 3", 649, "27.5", "8", "disc", "Altus", "Giant Hanger T1"),
    ("mountain-bike", "Cube", "Aim Pro", 599, "27.5", "8", "disc", "Altus", "Cube Hanger 22"),
    ("mountain-bike", "Orbea", "Occam H20", 3299, "29", "12", "disc", "SLX", "Orbea Hanger X"),
    ("mountain-bike", "Canyon", "Spectral 6", 3599, "29", "12", "disc", "XT", "Canyon GP0211"),
    ("gravel-bike", "Cannondale", "Topstone 2", 1899, "700c", "10", "disc", "GRX", "Cannondale KP435"),
    ("gravel-bike", "Specialized", "Diverge E5", 1299, "700c", "9", "disc", "Sora", "Specialized Hanger D1"),
    ("gravel-bike", "Canyon", "Grizl 7", 1999, "700c", "11", "disc", "GRX", "Canyon GP0197"),
    ("gravel-bike", "Ribble", "CGR AL", 1199, "700c", "10", "disc", "Tiagra", "Ribble Hanger 5"),
    ("hybrid-bike", "Trek", "FX 2", 749, "700c", "9", "disc", "Acera", "Trek FX Hanger"),
    ("hybrid-bike", "Specialized", "Sirrus 2.0", 699, "700c", "8", "rim", "Altus", "Specialized Hanger H1"),
    ("hybrid-bike", "Giant", "Escape 2", 649, "700c", "9", "disc", "Acera", "Giant Hanger E1"),
    ("hybrid-bike", "Boardman", "HYB 8.6", 649, "700c", "9", "disc", "Acera", "Boardman BH-1"),
    ("hybrid-bike", "Cube", "Nature EXC", 999, "700c", "10", "disc", "Deore", "Cube Hanger 17"),
    ("e-bike", "Trek", "Allant+ 7", 3999, "27.5", "10", "disc", "Deore", "Trek E-Hanger"),
    ("e-bike", "Specialized", "Turbo Vado 4.0", 3750, "700c", "10", "disc", "Deore", "Specialized Hanger V1"),
    ("e-bike", "Cube", "Kathmandu Hybrid", 3299, "700c", "11", "disc", "Deore", "Cube Hanger 30"),
    ("e-bike", "Giant", "Explore E+ 2", 2999, "700c", "10", "disc", "Deore", "Giant Hanger X2"),
    ("e-bike", "Orbea", "Vibe H30", 2599, "700c", "9", "disc", "Alivio", "Orbea Hanger V"),
    ("kids-bike", "Frog", "Frog 48", 399, "20", "1", "rim", "", ""),
    ("kids-bike", "Frog", "Frog 62", 479, "24", "8", "rim", "", ""),
    ("kids-bike", "Islabikes", "Beinn 20", 449, "20", "8", "rim", "", ""),
    ("kids-bike", "Hoy", "Bonaly 16", 249, "16", "1", "rim", "", ""),
    ("folding-bike", "Brompton", "C Line Explore", 1650, "16", "6", "rim", "", ""),
    ("folding-bike", "Brompton", "A Line", 895, "16", "3", "rim", "", ""),
    ("folding-bike", "Tern", "Link D8", 899, "20", "8", "rim", "", ""),
]
for (typ, brand, model, price, wheel, speed, brake, gs, _), colour in [(b, c) for b in BIKES for c in ("", "2024, Gloss Black", "Matte Blue")]:
    noun = TYPE_WORD[typ]
    if typ == "kids-bike":
        title = "%s %s Kids Bike %s inch" % (brand, model, wheel)
    elif typ == "folding-bike":
        title = "%s %s Folding Bike" % (brand, model)
    elif typ == "e-bike":
        title = "%s %s Electric Hybrid Bike" % (brand, model) if int(price) % 2 else "%s %s E-Bike" % (brand, model)
    else:
        title = "%s %s %s" % (brand, model, noun) + (" - Shimano %s" % gs if gs and price % 3 == 0 else "")
    title = title + (", " + colour if colour else "")
    add(typ, brand, title, price, model=model, options=FRAME,
        body="<p>The %s %s with %s wheels, %s-speed %s and %s brakes.</p>" % (brand, model, wheel, speed, "Shimano " + gs if gs else "gearing", brake))

# derailleur hangers, for each bike with one, in every shape
for i, (typ, brand, model, price, wheel, speed, brake, gs, hanger) in enumerate(BIKES):
    if not hanger:
        continue
    shape = i % 4
    if shape == 0:
        t = "Derailleur Hanger for %s %s" % (brand, model)
        add("derailleur-hanger", brand, t, 24.99, model=hanger, fits=[model])
    elif shape == 1:
        t = "%s %s Derailleur Hanger" % (brand, model)
        add("derailleur-hanger", brand, t, 22.99, model=hanger, fits=[model])
    elif shape == 2:
        t = "Pilo D%d Derailleur Hanger Compatible with %s %s" % (600 + i * 7, brand, model)
        add("derailleur-hanger", "Pilo", t, 19.99, model="D%d" % (600 + i * 7), fits=[model])
    else:
        t = "Wheels Manufacturing Replacement Gear Hanger - %s %s" % (brand, model)
        add("derailleur-hanger", "Wheels Manufacturing", t, 21.00, model="", fits=[model])

for i, (typ, brand, model, price, wheel, speed, brake, gs, hanger) in enumerate(BIKES):
    if hanger and i % 2 == 0:
        add("derailleur-hanger", "North Shore Billet", "North Shore Billet Hanger #%d - Fits %s %s" % (40 + i, brand, model), 27.50, model="NSB-%d" % (40 + i), fits=[model])
    if hanger and i % 2 == 1:
        add("derailleur-hanger", "Union", "Union Rear Mech Hanger GH-%03d for %s %s" % (100 + i, brand, model), 17.99, model="GH-%03d" % (100 + i), fits=[model])
    if typ in ("hybrid-bike", "e-bike", "gravel-bike"):
        add("mudguards", "SKS", "SKS Mudguard Set for %s %s" % (brand, model) if i % 2 else "%s %s Fitted Mudguards" % (brand, model), 39.99, fits=[model])
        add("pannier-rack", brand if i % 2 else "Topeak", "%s %s Rear Rack" % (brand, model) if i % 2 else "Topeak Tetrarack Compatible with %s %s" % (brand, model), 49.99, fits=[model])
    if typ == "e-bike":
        add("kickstand", brand, "%s %s Kickstand" % (brand, model), 29.99, fits=[model])

# inner tubes by size and valve
TUBE_SIZES = [("700x18-25c", ["700c", "700x18c", "700x20c", "700x23c", "700x25c"]), ("700x25-32c", ["700c", "700x25c", "700x28c", "700x30c", "700x32c"]),
              ("700x35-43c", ["700c", "700x35c", "700x38c", "700x40c", "700x43c"]), ("29x2.1-2.4", ["29", "29er", "29x2.2", "29x2.35"]),
              ("27.5x2.1-2.4", ["27.5", "650b", "27.5x2.2", "27.5x2.35"]), ("26x1.75-2.125", ["26", "26x1.95", "26x2.1"]),
              ("16x1.75", ["16", "16x1.75", "16x1 3/8", "brompton"]), ("20x1.75-2.125", ["20", "20x1.75", "20x2.0"]), ("24x1.75-2.125", ["24", "24x1.95"])]
for brand in ["Continental", "Schwalbe", "Michelin", "Halfords", "Vittoria", "Specialized", "Bontrager", "Tubolito"]:
    for j, (sz, fits) in enumerate(TUBE_SIZES):
        for valve in ["Presta", "Schrader"]:
            if brand == "Halfords" and valve == "Presta" and j > 5:
                continue
            vl = "60mm" if sz.startswith("700x18") and valve == "Presta" else ("48mm" if valve == "Presta" else "35mm")
            f = fits + [valve.lower()]
            k = (j + len(brand)) % 3
            if k == 0:
                t = "%s %s Inner Tube %s %s" % (brand, sz, valve, vl)
            elif k == 1:
                t = "%s Inner Tube %s %s Valve %s" % (brand, sz, valve, vl)
            else:
                t = "%s %s %s Valve Bike Tube" % (brand, sz, valve)
            add("inner-tube", brand, t, 6.99 if brand != "Halfords" else 4.50, model="", fits=f)
# tyres
TYRES = [("Continental", "Grand Prix 5000", ["700x23c", "700x25c", "700x28c", "700x32c"], 59.95, "Road Tyre"),
         ("Continental", "Gatorskin", ["700x23c", "700x25c", "700x28c"], 42.95, "Road Tyre"),
         ("Schwalbe", "Marathon Plus", ["700x32c", "700x35c", "700x38c", "16x1.35", "26x1.75"], 44.99, "Puncture Resistant Tyre"),
         ("Schwalbe", "Pro One", ["700x25c", "700x28c", "700x30c"], 64.99, "Tubeless Road Tyre"),
         ("Schwalbe", "G-One Allround", ["700x35c", "700x40c", "29x2.25"], 49.99, "Gravel Tyre"),
         ("Michelin", "Power Cup", ["700x25c", "700x28c"], 57.99, "Road Tyre"),
         ("Maxxis", "Minion DHF", ["29x2.5", "27.5x2.5"], 64.99, "MTB Tyre"),
         ("Maxxis", "Rekon", ["29x2.4", "27.5x2.4", "29x2.25"], 59.99, "MTB Tyre"),
         ("Continental", "Terra Trail", ["700x40c", "650x47b"], 54.95, "Gravel Tyre"),
         ("Schwalbe", "Big Apple", ["20x2.15", "24x2.15", "26x2.15"], 29.99, "Balloon Tyre")]
for brand, model, sizes, price, kind in TYRES:
    for s in sizes:
        f = [s] + ([s.split("x")[0] + "c"] if s.startswith("700") else [s.split("x")[0]])
        t = "%s %s %s %s" % (brand, model, s, kind) if len(s) % 2 else "%s %s %s, %s Folding" % (brand, model, kind, s)
        add("tyre", brand, t, price, model=model, fits=f)
# brake pads by pad code, for the brakes they fit
PADS = [("Shimano", "B01S", "Resin", ["Deore", "Alivio", "Acera", "Altus", "MT200"]), ("Shimano", "B05S", "Resin", ["Deore", "MT200", "MT400"]),
        ("Shimano", "L05A", "Resin", ["105", "Ultegra", "GRX", "Tiagra"]), ("Shimano", "K05S", "Resin", ["105", "Ultegra", "GRX"]),
        ("Shimano", "N03A", "Resin", ["XT", "SLX", "Deore"]), ("Shimano", "H03C", "Metal", ["XT", "SLX", "Saint"]),
        ("Shimano", "R55C4", "Cartridge", ["105", "Ultegra", "Claris", "Sora", "Tiagra"]),
        ("SRAM", "Level", "Organic", ["Level", "Guide"]), ("SRAM", "Code", "Sintered", ["Code", "G2"]),
        ("Magura", "9.P", "Performance", ["MT5", "MT7"]), ("Clarks", "VX819C", "Organic", ["Deore", "Alivio", "MT200"]),
        ("SwissStop", "Flash Pro", "Original Black", ["Claris", "Sora", "Tiagra", "105", "rim"]),
        ("Kool-Stop", "Salmon", "Rim", ["V-Brake", "rim"]), ("Clarks", "CP511", "V-Brake", ["V-Brake", "rim"]),
        ("Jagwire", "Pro Disc", "Semi-Metallic", ["Deore", "SLX", "XT", "Level"]), ("Brompton", "Brake Blocks", "Standard", ["Brompton"])]
for i, (brand, code, comp, fits) in [(i, p) for i, p in enumerate(PADS)] + [(i + 1, (b, c, "Sintered" if comp != "Sintered" else "Organic", f)) for i, (b, c, comp, f) in enumerate(PADS) if "rim" not in f and b != "Brompton"]:
    shape = i % 4
    if shape == 0:
        t = "%s %s Brake Pads %s %s" % (brand, fits[0], code, comp)
    elif shape == 1:
        t = "%s %s %s Disc Brake Pads for %s" % (brand, code, comp, "/".join(fits[:3]))
    elif shape == 2:
        t = "%s %s %s Brake Pad Set, Compatible with %s" % (brand, code, comp, " & ".join(fits[:2]))
    else:
        t = "%s %s Brake Blocks (%s)" % (brand, code, comp) if "rim" in fits else "Replacement Brake Pads %s %s - %s" % (brand, code, fits[0])
    add("brake-pads", brand, t, 14.99 + i, model=code, fits=fits)
# rotors
for brand, model in [("Shimano", "RT-MT800"), ("Shimano", "SM-RT70"), ("SRAM", "Centerline"), ("Magura", "Storm HC"), ("Hope", "Floating")]:
    for size in ["140mm", "160mm", "180mm", "203mm"]:
        mount = "Centerlock" if brand == "Shimano" else "6-Bolt"
        add("disc-rotor", brand, "%s %s Disc Brake Rotor %s %s" % (brand, model, size, mount), 29.99 + len(size), model=model, fits=[size, mount])
# chains and cassettes by speed and groupset
for brand, model, speed, gs in [("Shimano", "CN-HG601", "11", ["105", "Ultegra", "GRX"]), ("Shimano", "CN-M6100", "12", ["Deore"]),
                                ("Shimano", "CN-HG54", "10", ["Tiagra", "Deore", "GRX"]), ("Shimano", "CN-HG40", "8", ["Claris", "Altus", "Acera"]),
                                ("SRAM", "PC-1110", "11", ["Apex", "Rival"]), ("SRAM", "GX Eagle", "12", ["Eagle"]), ("KMC", "X9", "9", ["Sora", "Alivio"]),
                                ("KMC", "X11", "11", ["105", "Ultegra"]), ("KMC", "X8", "8", ["Claris", "Altus"]), ("KMC", "X12", "12", ["Eagle", "XT", "SLX"])]:
    t = ("%s %s %s-Speed Chain" % (brand, model, speed)) if len(model) % 2 else ("%s %s Chain %s Speed 116 Links" % (brand, model, speed))
    add("chain", brand, t, 24.99 + int(speed), model=model, fits=["%s speed" % speed] + gs)
for brand, model, speed, ranges, gs in [("Shimano", "CS-R7000", "11", ["11-28T", "11-30T", "11-32T"], ["105"]),
                                        ("Shimano", "CS-M6100", "12", ["10-51T"], ["Deore"]), ("Shimano", "CS-HG50", "10", ["11-36T"], ["Tiagra", "Deore"]),
                                        ("Shimano", "CS-HG31", "8", ["11-32T", "11-34T"], ["Claris", "Altus"]), ("SRAM", "PG-1130", "11", ["11-32T", "11-36T"], ["Apex"]),
                                        ("SRAM", "XG-1275", "12", ["10-50T"], ["Eagle"]), ("Shimano", "CS-HG400", "9", ["11-34T"], ["Sora", "Alivio"])]:
    for r in ranges:
        add("cassette", brand, "%s %s %s-Speed Cassette %s" % (brand, model, speed, r), 39.99 + int(speed) * 3, model=model, fits=["%s speed" % speed] + gs)
# e-bike batteries and chargers, for the drive systems
for brand, model, wh, fits in [("Bosch", "PowerTube 500", 500, ["Bosch", "Performance Line", "Allant+ 7"]), ("Bosch", "PowerPack 400", 400, ["Bosch", "Active Line"]),
                               ("Bosch", "PowerTube 625", 625, ["Bosch", "Performance Line CX", "Kathmandu Hybrid"]),
                               ("Shimano", "BT-E8035", 504, ["Shimano Steps", "Explore E+ 2"]), ("Specialized", "U2-710", 710, ["Turbo Vado 4.0", "Specialized Turbo"]),
                               ("Giant", "EnergyPak 500", 500, ["Explore E+ 2", "Giant"]), ("Mahle", "iX350", 350, ["Vibe H30", "Mahle"])]:
    t = "%s %s E-Bike Battery %dWh" % (brand, model, wh) if wh % 4 else "Replacement Battery for %s - %s %dWh" % (fits[1], model, wh)
    add("ebike-battery", brand, t, 499 + wh, model=model, fits=fits)
for brand, model, fits in [("Bosch", "Standard Charger 4A", ["Bosch"]), ("Bosch", "Compact Charger 2A", ["Bosch"]), ("Shimano", "EC-E6002", ["Shimano Steps"]),
                           ("Specialized", "Turbo Charger 42V", ["Specialized Turbo", "Turbo Vado 4.0"]), ("Giant", "EnergyPak Smart Charger", ["Giant", "Explore E+ 2"])]:
    add("ebike-charger", brand, "%s %s" % (brand, model) + (" for E-Bike Batteries" if len(model) % 2 else " E-Bike Battery Charger"), 89.99, model=model, fits=fits)
# bike computers and their mounts and screen protectors
COMPS = [("Garmin", "Edge 130 Plus", 199.99), ("Garmin", "Edge 530", 299.99), ("Garmin", "Edge 840", 449.99), ("Garmin", "Edge 1040", 599.99),
         ("Wahoo", "ELEMNT Bolt", 279.99), ("Wahoo", "ELEMNT Roam", 379.99), ("Hammerhead", "Karoo", 449.00), ("Bryton", "Rider 420", 119.99)]
for brand, model, price in COMPS:
    add("bike-computer", brand, "%s %s GPS Bike Computer" % (brand, model), price, model=model)
for i, (brand, model, price) in enumerate(COMPS):
    fam = "Garmin" if brand == "Garmin" else brand
    if i % 3 == 0:
        add("computer-mount", "K-Edge", "K-Edge Out Front Mount for %s %s" % (brand, model), 49.99, model="K13-1500", fits=[model, fam])
    elif i % 3 == 1:
        add("computer-mount", brand, "%s Out-Front Bike Mount (%s)" % (brand, model), 39.99, model="", fits=[model, fam])
    else:
        add("computer-mount", "Barfly", "Barfly TT Mount Compatible with %s %s" % (brand, model), 29.99, model="", fits=[model, fam])
    if brand in ("Garmin", "Wahoo"):
        t = "Screen Protector for %s %s (3 Pack)" % (brand, model) if i % 2 else "%s %s Tempered Glass Screen Protector" % (brand, model)
        add("screen-protector", "Tuff-Luv", t, 12.99, fits=[model, fam])
        if i % 2 == 0:
            add("screen-protector", "Tuff-Luv", "Silicone Case for %s %s, Black" % (brand, model), 14.99, fits=[model, fam])
# helmets and pads
HELMETS = [("Giro", "Syntax MIPS"), ("Giro", "Register"), ("Kask", "Protone Icon"), ("POC", "Ventral Air"), ("Bell", "Z20 MIPS"), ("Specialized", "Align II"),
           ("MET", "Trenta"), ("Smith", "Session"), ("Lazer", "Compact")]
for i, (brand, model) in enumerate(HELMETS):
    for colour in ("Black", "White", "Hi-Vis Yellow", "Matte Grey"):
        add("helmet", brand, "%s %s %s Helmet, %s" % (brand, model, "Road" if i % 2 else "Bike", colour), 59.99 + i * 20, model=model, options=("Size", ["S", "M", "L"]))
    if i % 3 != 2:
        t = "Replacement Pad Set for %s %s Helmet" % (brand, model) if i % 2 else "%s %s Helmet Pads Replacement Kit" % (brand, model)
        add("helmet-pads", brand, t, 14.99, fits=[model, brand])
# pedals and cleats
for brand, model, system in [("Shimano", "PD-R550", "SPD-SL"), ("Shimano", "PD-R7000 105", "SPD-SL"), ("Shimano", "PD-M520", "SPD"), ("Shimano", "PD-M8100 XT", "SPD"),
                             ("Look", "Keo Classic 3", "Keo"), ("Look", "Keo Blade", "Keo"), ("Time", "Xpresso 4", "Xpresso"), ("Crankbrothers", "Candy 1", "Crankbrothers"),
                             ("Crankbrothers", "Stamp 1", "flat"), ("DMR", "V8", "flat")]:
    add("pedals", brand, "%s %s %s Pedals" % (brand, model, "Clipless" if system != "flat" else "Flat"), 49.99, model=model.split()[0])
for brand, t, model, fits in [("Shimano", "Shimano SPD-SL Cleats SM-SH11 Yellow 6 Degree Float", "SM-SH11", ["SPD-SL", "PD-R550", "PD-R7000"]),
                              ("Shimano", "Shimano SM-SH10 Red Fixed SPD-SL Cleat Set", "SM-SH10", ["SPD-SL", "PD-R550", "PD-R7000"]),
                              ("Shimano", "Shimano SPD Cleats SM-SH51", "SM-SH51", ["SPD", "PD-M520", "PD-M8100"]),
                              ("Shimano", "Shimano SM-SH56 Multi-Release SPD Cleats", "SM-SH56", ["SPD", "PD-M520", "PD-M8100"]),
                              ("Look", "Look Keo Grip Cleats 4.5 Degree Grey", "Keo Grip", ["Keo", "Keo Classic 3", "Keo Blade"]),
                              ("Look", "Replacement Cleats for Look Keo Pedals, Red 9 Degree", "Keo Cleat Red", ["Keo", "Keo Classic 3", "Keo Blade"]),
                              ("Time", "Time Iclic Xpresso Cleats", "Iclic", ["Xpresso", "Xpresso 4"]),
                              ("Crankbrothers", "Crankbrothers Premium Cleats", "Premium", ["Crankbrothers", "Candy 1"]),
                              ("Ryder", "Cleats Compatible with Shimano SPD-SL, 3 Pack", "", ["SPD-SL", "PD-R550"])]:
    add("cleats", brand, t, 19.99, model=model, fits=fits)
# turbo trainers and their accessories
for brand, model, price in [("Wahoo", "KICKR Core", 699.99), ("Wahoo", "KICKR Snap", 399.99), ("Tacx", "Neo 2T", 1199.00), ("Tacx", "Flux S", 649.00),
                            ("Elite", "Suito-T", 599.99), ("Zwift", "Hub", 499.00)]:
    add("turbo-trainer", brand, "%s %s Smart Turbo Trainer" % (brand, model), price, model=model)
for brand, t, fits in [("Tacx", "Tacx Trainer Tyre 700x23c", ["700x23c", "700c", "wheel-on"]), ("Wahoo", "KICKR Riser Ring", ["KICKR Core", "KICKR"]),
                       ("Wahoo", "KICKR Climb Indoor Grade Simulator", ["KICKR Core", "KICKR"]), ("Elite", "Elite Front Wheel Riser Block", ["Suito-T", "Elite"]),
                       ("Tacx", "Tacx Quick Release Skewer for Trainers", ["Flux S", "Neo 2T", "Tacx"]), ("Wahoo", "Sweat Cover for Wahoo KICKR", ["KICKR Core", "KICKR Snap", "KICKR"]),
                       ("Shimano", "Shimano 105 11-Speed Cassette for Direct Drive Trainers 11-28T", ["11 speed", "KICKR Core", "Neo 2T", "Suito-T"]),
                       ("Tacx", "Thru Axle Adapter Kit for Neo 2T", ["Neo 2T", "Tacx"]), ("Zwift", "Zwift Cog and Click Upgrade for Hub", ["Hub", "Zwift"]),
                       ("Elite", "Elite Trainer Mat", ["turbo trainer"])]:
    add("trainer-accessory", brand, t, 34.99, fits=fits)
# lights, mounts, locks and brackets
LIGHTS = [("Lezyne", "Macro Drive 1300XXL Front Light"), ("Lezyne", "Strip Drive Pro Rear Light"), ("Exposure", "Strada MK12 Front Light"),
          ("Cateye", "AMPP 800 Front Light"), ("Cateye", "Rapid X2 Rear Light"), ("Knog", "Blinder 80 Rear Light"), ("Knog", "PWR Road 700 Front Light"),
          ("Magicshine", "Ray 2600 Front Light"), ("Bontrager", "Ion Pro RT Front Light"), ("Bontrager", "Flare RT Rear Light")]
for i, (brand, t) in enumerate(LIGHTS):
    model = " ".join(t.split()[:-2]) if "Drive" not in t else " ".join(t.split()[:2])
    add("bike-light", brand, "%s %s" % (brand, t), 39.99 + i * 8, model=model)
    if i % 2 == 0:
        add("light-mount", brand, ("Handlebar Mount for %s %s" % (brand, model)) if i % 4 else ("%s %s Replacement Bracket" % (brand, model)), 9.99, fits=[model, brand])
for brand, model, kind in [("Kryptonite", "New York Fahgettaboudit", "D-Lock"), ("Kryptonite", "Evolution Mini-7", "D-Lock"), ("Abus", "Granit X-Plus 540", "D-Lock"),
                           ("Abus", "Bordo 6000", "Folding Lock"), ("Hiplok", "Gold", "Chain Lock"), ("Oxford", "Alarm-D Pro", "D-Lock")]:
    add("bike-lock", brand, "%s %s %s" % (brand, model, kind), 59.99, model=model)
for brand, t, fits in [("Kryptonite", "Kryptonite Transit FlexFrame-U Bracket for Evolution Mini-7", ["Evolution Mini-7", "Kryptonite"]),
                       ("Abus", "Abus SH B Frame Bracket for Bordo 6000 Folding Lock", ["Bordo 6000", "Abus"]),
                       ("Abus", "Abus USH 540 Mount for Granit X-Plus 540", ["Granit X-Plus 540", "Abus"]),
                       ("Oxford", "Oxford D-Lock Bracket, Universal", ["D-Lock"])]:
    add("lock-bracket", brand, t, 14.99, fits=fits)
# everything else: plain products, a few per type
PLAIN = {
    "pump": [("Lezyne", "Classic Floor Drive Track Pump"), ("Topeak", "JoeBlow Sport III Floor Pump"), ("Lezyne", "Pocket Drive Mini Pump"),
             ("Topeak", "Mini Morph Pump"), ("Birzman", "Maha Apogee III Track Pump"), ("Silca", "Tattico Mini Pump")],
    "bottle-cage": [("Elite", "Custom Race Plus Bottle Cage"), ("Tacx", "Deva Bottle Cage"), ("Specialized", "Zee Cage II Side Loader"), ("Topeak", "Ninja Cage")],
    "water-bottle": [("Camelbak", "Podium Chill 620ml Bottle"), ("Elite", "Fly 750ml Water Bottle"), ("Zefal", "Sense Grip 65 Bottle"), ("Specialized", "Purist 22oz Bottle")],
    "saddle": [("Fizik", "Antares R5 Saddle"), ("Brooks", "B17 Leather Saddle"), ("Specialized", "Power Expert Mirror Saddle"), ("Selle Italia", "SLR Boost Saddle"),
               ("WTB", "Volt Saddle"), ("Prologo", "Dimension NDR Saddle")],
    "bar-tape": [("Supacaz", "Super Sticky Kush Bar Tape"), ("Lizard Skins", "DSP 3.2mm Bar Tape"), ("Fizik", "Vento Microtex Bar Tape"), ("Deda", "Logo Bar Tape")],
    "grips": [("ODI", "Elite Pro Lock-On Grips"), ("Ergon", "GA3 Grips"), ("Race Face", "Half Nelson Lock-On Grips"), ("DMR", "DeathGrip Grips")],
    "mudguards": [("SKS", "Bluemels Mudguards 700x45c"), ("SKS", "Raceblade Pro Clip-On Mudguards"), ("Crud", "Roadracer MK3 Mudguards"), ("Brompton", "Mudguard Set for C Line")],
    "pannier-rack": [("Topeak", "Explorer Rear Pannier Rack"), ("Tubus", "Cargo Evo Rear Rack"), ("Brompton", "Rear Rack for C Line and A Line")],
    "panniers": [("Ortlieb", "Back-Roller Classic Panniers 40L"), ("Altura", "Thunderstorm City 20L Pannier"), ("Vaude", "Aqua Back Single Pannier")],
    "saddle-bag": [("Topeak", "Aero Wedge Saddle Bag"), ("Lezyne", "Road Caddy Saddle Bag"), ("Apidura", "Expedition Saddle Pack 9L")],
    "brompton-bag": [("Brompton", "Borough Roll Top Bag for Brompton Front Carrier Block"), ("Brompton", "Metro Messenger Bag"), ("Brompton", "Front Carrier Block")],
    "multitool": [("Topeak", "Mini 20 Pro Multi Tool"), ("Crankbrothers", "M19 Multi-Tool"), ("Park Tool", "CT-3.3 Chain Tool"), ("Park Tool", "TL-1.2 Tyre Levers"),
                  ("Lezyne", "RAP II 19 Multitool")],
    "chain-lube": [("Muc-Off", "Wet Lube 120ml"), ("Muc-Off", "Dry Lube 120ml"), ("Squirt", "Long Lasting Dry Lube"), ("Finish Line", "Ceramic Wet Chain Lube")],
    "tubeless-sealant": [("Stan's NoTubes", "Tire Sealant 946ml"), ("Muc-Off", "No Puncture Hassle Tubeless Sealant"), ("Orange Seal", "Endurance Sealant 8oz")],
    "jersey": [("Rapha", "Core Short Sleeve Jersey"), ("Castelli", "Entrata VI Jersey"), ("Le Col", "Sport Jersey II"), ("dhb", "Aeron Short Sleeve Jersey")],
    "bib-shorts": [("Rapha", "Core Bib Shorts"), ("Castelli", "Entrata Bibshort"), ("Assos", "Mille GT Bib Shorts C2"), ("dhb", "Aeron Bib Shorts")],
    "cycling-shoes": [("Shimano", "RC3 Road Shoes"), ("Shimano", "XC3 MTB Shoes"), ("Specialized", "Torch 1.0 Road Shoes"), ("Giro", "Cadet Road Shoes"),
                      ("Five Ten", "Freerider Flat Pedal Shoes")],
    "gloves": [("Giro", "Jag Mitts"), ("Castelli", "Arenberg Gel 2 Gloves"), ("Endura", "Deluge Waterproof Gloves"), ("Fox", "Ranger Gloves")],
    "child-seat": [("Thule", "Yepp Nexxt Maxi Rear Child Bike Seat"), ("Hamax", "Caress Rear Child Seat"), ("Thule", "RideAlong Mini Front Seat")],
    "kickstand": [("Ursus", "Jumbo Rear Kickstand"), ("Pletscher", "Comp Kickstand 40mm"), ("Massload", "Centre Stand for E-Bikes")],
}
for typ, items in PLAIN.items():
    for i, (brand, t) in enumerate(items):
        opts = SIZES if typ in ("jersey", "bib-shorts", "gloves") else (("Size", ["40", "41", "42", "43", "44", "45"]) if typ == "cycling-shoes" else None)
        fits = ["Brompton", "C Line", "A Line"] if brand == "Brompton" and typ in ACC else []
        add(typ, brand, "%s %s" % (brand, t), 19.99 + i * 7 + len(t) % 13, options=opts, fits=fits)
# colour variants of the bottles, bar tape and clothing are separate products in this shop
for colour in ["Black", "White", "Red", "Blue", "Green", "Orange", "Pink", "Yellow"]:
    for typ, items in PLAIN.items():
        if typ in ("jersey", "bib-shorts", "gloves", "grips", "saddle-bag", "helmet"):
            for brand, t in items[:3]:
                add(typ, brand, "%s %s, %s" % (brand, t, colour), 44.99 + len(t) % 20, options=SIZES if typ != "grips" and typ != "saddle-bag" else None)
    add("bar-tape", "Supacaz", "Supacaz Bling Bar Tape, %s" % colour, 34.99)
    add("water-bottle", "Elite", "Elite Jet 550ml Bottle, %s" % colour, 8.99)
    add("bottle-cage", "Elite", "Elite Paron Race Bottle Cage, %s" % colour, 14.99)

with open("cycling.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(HEAD)
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (when the catalog keeps a coarser one than the feed says)\t(unused)\tcolour\tfits\ttitle (for readers)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", len(rows), "rows")
