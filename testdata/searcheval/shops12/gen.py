# Writes the hardware and power-tools shop (newuser15): inventory.txt, an Amazon inventory
# flat file as Seller Central's category template for Tools & Home Improvement is filled in
# and saved from Excel as "Text (Tab delimited)": a TemplateType= first row, a row of labels
# for people, the row of attribute names, then one row per SKU (parent rows with
# parent_child "parent", their children "child" with parent_sku and variation_theme), and
# truth.tsv, the judge's facts about each product group (type, what it is an accessory for,
# model, a category path for grading, what it fits, brand), from the same tables.
# Deterministic: python3 gen.py (in this directory). Titles are written the way Amazon
# listings are (brand first, platform, what it is, features, model in brackets); every text
# here was written for this file.
import random

R = random.Random(15)
ROWS = []     # dicts by attribute name
TRUTH = []    # (key, type, accessory_of, model, path, colour, fits, title, brand)

P_DRILLS = "Tools > Power Tools > Drills"
P_DRIVERS = "Tools > Power Tools > Impact Drivers & Wrenches"
P_SAWS = "Tools > Power Tools > Saws"
P_SAND = "Tools > Power Tools > Sanders & Grinders"
P_OTHERPT = "Tools > Power Tools > Other Power Tools"
P_BATT = "Tools > Power Tool Batteries & Chargers"
P_BITS = "Tools > Power Tool Accessories > Drill & Driver Bits"
P_BLADES = "Tools > Power Tool Accessories > Saw Blades"
P_ABRAS = "Tools > Power Tool Accessories > Abrasives"
P_FAST = "Hardware > Fasteners"
P_HAND = "Tools > Hand Tools"
P_SAFE = "Tools > Safety Gear"
P_STORE = "Tools > Tool Storage"

COLS = ["feed_product_type", "item_sku", "brand_name", "item_name", "external_product_id", "external_product_id_type",
        "manufacturer", "part_number", "model", "item_type_keyword", "recommended_browse_nodes", "standard_price",
        "list_price", "sale_price", "sale_from_date", "sale_end_date", "currency", "quantity", "main_image_url",
        "other_image_url1", "parent_child", "parent_sku", "relationship_type", "variation_theme", "update_delete",
        "product_description", "bullet_point1", "bullet_point2", "bullet_point3", "bullet_point4", "bullet_point5",
        "generic_keywords", "size_name", "color_name", "voltage", "number_of_items", "item_package_quantity",
        "unit_count", "unit_count_type", "condition_type", "power_source_type", "batteries_included"]
LABELS = ["Product Type", "Seller SKU", "Brand Name", "Product Name", "Product ID", "Product ID Type", "Manufacturer",
          "Manufacturer Part Number", "Model Number", "Item Type Keyword", "Recommended Browse Nodes", "Your Price",
          "Manufacturer's Suggested Retail Price", "Sale Price", "Sale Start Date", "Sale End Date", "Currency",
          "Quantity", "Main Image URL", "Other Image URL1", "Parentage", "Parent SKU", "Relationship Type",
          "Variation Theme", "Update Delete", "Product Description", "Key Product Features", "Key Product Features",
          "Key Product Features", "Key Product Features", "Key Product Features", "Search Terms", "Size", "Color",
          "Voltage", "Number of Items", "Package Quantity", "Unit Count", "Unit Count Type", "Item Condition",
          "Power Source", "Batteries Included?"]

BROWSE = {P_DRILLS: "552740", P_DRIVERS: "552762", P_SAWS: "552836", P_SAND: "552814", P_OTHERPT: "552842",
          P_BATT: "552738", P_BITS: "552782", P_BLADES: "552820", P_ABRAS: "552802", P_FAST: "511228",
          P_HAND: "511364", P_SAFE: "553000", P_STORE: "511390"}

upc_n = [0]


def upc():
    upc_n[0] += 1
    body = "8%010d" % (4400000 + upc_n[0] * 37)
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def money(x):
    return "%.2f" % x


def row(**kw):
    r = {c: "" for c in COLS}
    r.update({k: v for k, v in kw.items() if k in r})
    ROWS.append(r)
    return r


def offer(sku, title, brand, price, keyword, path, feed_type="tools", model="", desc="", bullets=(), terms="",
          size="", color="", voltage="", items="", pack="", parent="", theme="", stock=None, power="", sale=None,
          uncategorised=False, image=True):
    q = stock if stock is not None else R.choice([0, 3, 8, 12, 25, 40, 60, 150])
    r = row(feed_product_type=feed_type, item_sku=sku, brand_name=brand, item_name=title, external_product_id=upc(),
            external_product_id_type="UPC", manufacturer=brand, part_number=model or sku, model=model or sku,
            item_type_keyword="" if uncategorised else keyword,
            recommended_browse_nodes="" if uncategorised else BROWSE[path],
            standard_price=money(price), currency="USD", quantity=str(q),
            main_image_url=("https://m.media-amazon.example/images/I/%s.jpg" % sku.replace("/", "-")) if image else "",
            product_description=desc, generic_keywords=terms, size_name=size, color_name=color, voltage=voltage,
            number_of_items=items, item_package_quantity=pack, condition_type="New", power_source_type=power,
            batteries_included="No" if power == "Battery Powered" else "")
    for i, b in enumerate(bullets[:5]):
        r["bullet_point%d" % (i + 1)] = b
    if parent:
        r.update(parent_child="child", parent_sku=parent, relationship_type="Variation", variation_theme=theme)
    if sale:
        r["sale_price"], r["sale_from_date"], r["sale_end_date"] = money(sale[0]), sale[1], sale[2]
        r["list_price"] = money(price)
    return r


def parent(sku, title, brand, keyword, path, theme, feed_type="tools", desc="", bullets=(), terms=""):
    r = row(feed_product_type=feed_type, item_sku=sku, brand_name=brand, item_name=title, manufacturer=brand,
            item_type_keyword=keyword, recommended_browse_nodes=BROWSE[path], parent_child="parent",
            variation_theme=theme, product_description=desc, generic_keywords=terms)
    for i, b in enumerate(bullets[:5]):
        r["bullet_point%d" % (i + 1)] = b
    return r


def truth(key, typ, of, model, path, title, brand, fits=(), colour=""):
    TRUTH.append((key, typ, of, model, path, colour, "|".join(fits), title, brand))


SALES = [("2026-11-20", "2026-12-31"), ("2026-10-01", "2026-10-31"), ("2027-01-02", "2027-01-31")]


def maybe_sale(price):
    x = R.random()
    if x < 0.12:
        return (round(price * 0.8, 2) - 0.01, ) + SALES[R.randrange(3)]
    return None


# ---- cordless platforms and their tools ------------------------------------------------
PLAT = {
    "DEWALT": ("20V MAX", "DEWALT 20V MAX"),
    "Milwaukee": ("M18", "Milwaukee M18"),
    "Makita": ("18V LXT", "Makita 18V LXT"),
    "Ryobi": ("ONE+ 18V", "RYOBI ONE+ 18V"),
    "Bosch": ("18V", "BOSCH 18V"),
    "Milwaukee12": ("M12", "Milwaukee M12"),
}
PLATFORM_TOOLS = {k: [] for k in PLAT}   # model stems of each platform's tools

# (brand, platform key, type, model, title middle, price, path, keyword, brushless, kit)
TOOLS = [
    ("DEWALT", "DEWALT", "drill-driver", "DCD771C2", "Cordless Drill/Driver Kit, Compact, 1/2-Inch", 129.00, P_DRILLS, "power-drills", False, "2 batteries and charger"),
    ("DEWALT", "DEWALT", "drill-driver", "DCD771B", "Cordless Drill/Driver, Compact, 1/2-Inch, Tool Only", 79.00, P_DRILLS, "power-drills", False, ""),
    ("DEWALT", "DEWALT", "drill-driver", "DCD791D2", "XR Brushless Cordless Drill/Driver Kit, Compact, 1/2-Inch", 219.00, P_DRILLS, "power-drills", True, "two 2.0Ah batteries"),
    ("DEWALT", "DEWALT", "drill-driver", "DCD791B", "XR Brushless Cordless Drill/Driver, 1/2-Inch, Bare Tool", 139.00, P_DRILLS, "power-drills", True, ""),
    ("DEWALT", "DEWALT", "drill-driver", "DCD800B", "XR Brushless Drill/Driver, 1/2-Inch, Tool Only", 149.00, P_DRILLS, "power-drills", True, ""),
    ("DEWALT", "DEWALT", "hammer-drill", "DCD996B", "XR Brushless Hammer Drill, 3-Speed, 1/2-Inch, Tool Only", 199.00, P_DRILLS, "hammer-drills", True, ""),
    ("DEWALT", "DEWALT", "hammer-drill", "DCD805D2", "XR Hammer Drill Kit, Brushless, 1/2-Inch", 259.00, P_DRILLS, "hammer-drills", True, "2 batteries, charger and bag"),
    ("DEWALT", "DEWALT", "impact-driver", "DCF887B", "XR Impact Driver, Brushless, 3-Speed, 1/4-Inch, Tool Only", 159.00, P_DRIVERS, "impact-drivers", True, ""),
    ("DEWALT", "DEWALT", "impact-driver", "DCF845B", "XR Impact Driver, Brushless, 1/4-Inch Hex, Tool Only", 169.00, P_DRIVERS, "impact-drivers", True, ""),
    ("DEWALT", "DEWALT", "impact-driver", "DCF787C2", "Impact Driver Kit, 1/4-Inch", 159.00, P_DRIVERS, "impact-drivers", False, "2 batteries and charger"),
    ("DEWALT", "DEWALT", "impact-wrench", "DCF894B", "XR Impact Wrench, 1/2-Inch Detent Pin Anvil, Tool Only", 229.00, P_DRIVERS, "impact-wrenches", True, ""),
    ("DEWALT", "DEWALT", "circular-saw", "DCS570B", "Circular Saw, 7-1/4-Inch, Brushless, Tool Only", 179.00, P_SAWS, "circular-saws", True, ""),
    ("DEWALT", "DEWALT", "circular-saw", "DCS565B", "Circular Saw, 6-1/2-Inch, Brushless, Tool Only", 149.00, P_SAWS, "circular-saws", True, ""),
    ("DEWALT", "DEWALT", "reciprocating-saw", "DCS367B", "XR Reciprocating Saw, Compact, Brushless, Tool Only", 169.00, P_SAWS, "reciprocating-saws", True, ""),
    ("DEWALT", "DEWALT", "reciprocating-saw", "DCS380B", "Reciprocating Saw, Tool Only", 129.00, P_SAWS, "reciprocating-saws", False, ""),
    ("DEWALT", "DEWALT", "jigsaw", "DCS334B", "Jig Saw, Brushless, Tool Only", 169.00, P_SAWS, "jigsaws", True, ""),
    ("DEWALT", "DEWALT", "oscillating-tool", "DCS356B", "XR Oscillating Multi-Tool, 3-Speed, Tool Only", 149.00, P_OTHERPT, "oscillating-tools", True, ""),
    ("DEWALT", "DEWALT", "angle-grinder", "DCG413B", "Angle Grinder, 4-1/2-Inch, Brushless, Paddle Switch, Tool Only", 159.00, P_SAND, "angle-grinders", True, ""),
    ("DEWALT", "DEWALT", "random-orbit-sander", "DCW210B", "XR Random Orbit Sander, 5-Inch, Brushless, Variable Speed, Tool Only", 149.00, P_SAND, "random-orbital-sanders", True, ""),
    ("DEWALT", "DEWALT", "brad-nailer", "DCN680B", "XR Brad Nailer, 18GA, Cordless, Tool Only", 279.00, P_OTHERPT, "nailers", True, ""),
    ("DEWALT", "DEWALT", "work-light", "DCL050", "LED Work Light, Hand Held, Tool Only", 59.00, P_OTHERPT, "work-lights", False, ""),
    ("Milwaukee", "Milwaukee", "drill-driver", "2801-20", "Compact Brushless 1/2 in. Drill/Driver (Tool Only)", 129.00, P_DRILLS, "power-drills", True, ""),
    ("Milwaukee", "Milwaukee", "drill-driver", "2801-22CT", "Compact Brushless 1/2 in. Drill/Driver Kit", 229.00, P_DRILLS, "power-drills", True, "two CP2.0 batteries"),
    ("Milwaukee", "Milwaukee", "drill-driver", "3601-20", "Brushless 1/2 in. Drill/Driver (Tool Only)", 119.00, P_DRILLS, "power-drills", True, ""),
    ("Milwaukee", "Milwaukee", "hammer-drill", "2904-20", "FUEL 1/2 in. Hammer Drill/Driver (Tool Only)", 229.00, P_DRILLS, "hammer-drills", True, ""),
    ("Milwaukee", "Milwaukee", "hammer-drill", "2804-20", "FUEL 1/2 in. Hammer Drill (Tool Only)", 199.00, P_DRILLS, "hammer-drills", True, ""),
    ("Milwaukee", "Milwaukee", "impact-driver", "2853-20", "FUEL 1/4 in. Hex Impact Driver (Tool Only)", 169.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Milwaukee", "Milwaukee", "impact-driver", "2953-20", "FUEL 1/4 in. Hex Impact Driver, Gen 3 (Tool Only)", 179.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Milwaukee", "Milwaukee", "impact-wrench", "2767-20", "FUEL High Torque 1/2 in. Impact Wrench with Friction Ring (Tool Only)", 299.00, P_DRIVERS, "impact-wrenches", True, ""),
    ("Milwaukee", "Milwaukee", "circular-saw", "2732-20", "FUEL 7-1/4 in. Circular Saw (Tool Only)", 229.00, P_SAWS, "circular-saws", True, ""),
    ("Milwaukee", "Milwaukee", "reciprocating-saw", "2821-20", "FUEL SAWZALL Reciprocating Saw (Tool Only)", 249.00, P_SAWS, "reciprocating-saws", True, ""),
    ("Milwaukee", "Milwaukee", "reciprocating-saw", "2625-20", "HACKZALL One-Handed Reciprocating Saw (Tool Only)", 119.00, P_SAWS, "reciprocating-saws", False, ""),
    ("Milwaukee", "Milwaukee", "jigsaw", "2737-20", "FUEL D-Handle Jig Saw (Tool Only)", 229.00, P_SAWS, "jigsaws", True, ""),
    ("Milwaukee", "Milwaukee", "oscillating-tool", "2836-20", "FUEL Oscillating Multi-Tool (Tool Only)", 199.00, P_OTHERPT, "oscillating-tools", True, ""),
    ("Milwaukee", "Milwaukee", "angle-grinder", "2880-20", "FUEL 4-1/2 in./5 in. Grinder, Paddle Switch (Tool Only)", 219.00, P_SAND, "angle-grinders", True, ""),
    ("Milwaukee", "Milwaukee", "random-orbit-sander", "2648-20", "5 in. Random Orbit Sander (Tool Only)", 119.00, P_SAND, "random-orbital-sanders", False, ""),
    ("Milwaukee", "Milwaukee", "framing-nailer", "2744-20", "FUEL 21° Cordless Framing Nailer (Tool Only)", 449.00, P_OTHERPT, "nailers", True, ""),
    ("Milwaukee", "Milwaukee12", "drill-driver", "3403-20", "M12 FUEL 1/2 in. Drill/Driver (Tool Only)", 129.00, P_DRILLS, "power-drills", True, ""),
    ("Milwaukee", "Milwaukee12", "impact-driver", "3453-20", "M12 FUEL 1/4 in. Hex Impact Driver (Tool Only)", 129.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Milwaukee", "Milwaukee12", "reciprocating-saw", "2520-20", "M12 FUEL HACKZALL Reciprocating Saw (Tool Only)", 149.00, P_SAWS, "reciprocating-saws", True, ""),
    ("Makita", "Makita", "drill-driver", "XFD131", "Brushless Cordless 1/2 in. Driver-Drill Kit (3.0Ah)", 199.00, P_DRILLS, "power-drills", True, "one 3.0Ah battery"),
    ("Makita", "Makita", "drill-driver", "XFD10Z", "Cordless 1/2 in. Driver-Drill, Tool Only", 89.00, P_DRILLS, "power-drills", False, ""),
    ("Makita", "Makita", "drill-driver", "XFD12Z", "Brushless Cordless 1/2 in. Driver-Drill, Tool Only", 109.00, P_DRILLS, "power-drills", True, ""),
    ("Makita", "Makita", "hammer-drill", "XPH12Z", "Brushless Cordless 1/2 in. Hammer Driver-Drill, Tool Only", 139.00, P_DRILLS, "hammer-drills", True, ""),
    ("Makita", "Makita", "impact-driver", "XDT13Z", "Brushless Cordless Impact Driver, Tool Only", 119.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Makita", "Makita", "impact-driver", "XDT131", "Brushless Cordless Impact Driver Kit (3.0Ah)", 199.00, P_DRIVERS, "impact-drivers", True, "one 3.0Ah battery"),
    ("Makita", "Makita", "impact-wrench", "XWT08Z", "Brushless High-Torque 1/2 in. Sq. Drive Impact Wrench, Tool Only", 259.00, P_DRIVERS, "impact-wrenches", True, ""),
    ("Makita", "Makita", "circular-saw", "XSS02Z", "Cordless 6-1/2 in. Circular Saw, Tool Only", 129.00, P_SAWS, "circular-saws", False, ""),
    ("Makita", "Makita", "circular-saw", "XSH03Z", "Brushless Cordless 6-1/2 in. Circular Saw, Tool Only", 179.00, P_SAWS, "circular-saws", True, ""),
    ("Makita", "Makita", "reciprocating-saw", "XRJ04Z", "Cordless Recipro Saw, Tool Only", 139.00, P_SAWS, "reciprocating-saws", False, ""),
    ("Makita", "Makita", "jigsaw", "XVJ03Z", "Cordless Jig Saw, Tool Only", 149.00, P_SAWS, "jigsaws", False, ""),
    ("Makita", "Makita", "oscillating-tool", "XMT03Z", "Cordless Oscillating Multi-Tool, Tool Only", 119.00, P_OTHERPT, "oscillating-tools", False, ""),
    ("Makita", "Makita", "angle-grinder", "XAG04Z", "Brushless Cordless 4-1/2 / 5 in. Cut-Off/Angle Grinder, Tool Only", 149.00, P_SAND, "angle-grinders", True, ""),
    ("Makita", "Makita", "work-light", "DML815", "L.E.D. Flashlight, Tool Only", 39.00, P_OTHERPT, "work-lights", False, ""),
    ("Ryobi", "Ryobi", "drill-driver", "PCL206K1", "Cordless 1/2 in. Drill/Driver Kit with 1.5 Ah Battery and Charger", 79.00, P_DRILLS, "power-drills", False, "1.5Ah battery and charger"),
    ("Ryobi", "Ryobi", "drill-driver", "PBLDD01B", "HP Brushless Cordless 1/2 in. Drill/Driver (Tool Only)", 89.00, P_DRILLS, "power-drills", True, ""),
    ("Ryobi", "Ryobi", "impact-driver", "PCL235B", "Cordless 1/4 in. Impact Driver (Tool Only)", 69.00, P_DRIVERS, "impact-drivers", False, ""),
    ("Ryobi", "Ryobi", "impact-driver", "PBLID01B", "HP Brushless Cordless 1/4 in. Impact Driver (Tool Only)", 99.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Ryobi", "Ryobi", "circular-saw", "PCL500B", "Cordless 6-1/2 in. Circular Saw (Tool Only)", 79.00, P_SAWS, "circular-saws", False, ""),
    ("Ryobi", "Ryobi", "reciprocating-saw", "PCL515B", "Cordless Reciprocating Saw (Tool Only)", 79.00, P_SAWS, "reciprocating-saws", False, ""),
    ("Ryobi", "Ryobi", "jigsaw", "PCL525B", "Cordless Jig Saw (Tool Only)", 69.00, P_SAWS, "jigsaws", False, ""),
    ("Ryobi", "Ryobi", "random-orbit-sander", "PCL406B", "Cordless 5 in. Random Orbit Sander (Tool Only)", 54.00, P_SAND, "random-orbital-sanders", False, ""),
    ("Ryobi", "Ryobi", "work-light", "PCL660B", "Cordless LED Work Light (Tool Only)", 39.00, P_OTHERPT, "work-lights", False, ""),
    ("Bosch", "Bosch", "impact-driver", "GDR18V-1800CB", "Brushless 1/4 In. Hex Impact Driver, Bare Tool", 149.00, P_DRIVERS, "impact-drivers", True, ""),
    ("Bosch", "Bosch", "jigsaw", "JSH180B", "Cordless Top-Handle Jig Saw, Bare Tool", 159.00, P_SAWS, "jigsaws", False, ""),
]
for brand, pk, typ, model, mid, price, path, kw, brushless, kit in TOOLS:
    plat, platname = PLAT[pk]
    title = "%s %s %s (%s)" % (brand.upper() if brand == "DEWALT" else brand, plat, mid, model)
    if brand == "Ryobi":
        title = "RYOBI ONE+ 18V %s (%s)" % (mid, model)
    stem = model.split("-")[0] if brand == "Milwaukee" else model.rstrip("0123456789").rstrip("BCDKZ") if brand == "DEWALT" else model
    if brand == "DEWALT":
        stem = model[:6]  # DCD791 of DCD791D2 / DCD791B
    PLATFORM_TOOLS[pk].append(model)
    if stem != model:
        PLATFORM_TOOLS[pk].append(stem)
    bullets = ["%s: fits every %s battery" % (platname, platname),
               ("Brushless motor for longer runtime" if brushless else "Durable brushed motor"),
               ("Kit includes %s" % kit) if kit else "Tool only: battery and charger sold separately",
               "LED light to see into dark work areas"]
    terms = "%s %s %s cordless %s" % (brand.lower(), plat.lower(), typ.replace("-", " "), "brushless" if brushless else "")
    offer(model, title, brand, price, kw, path, model=model, bullets=bullets, terms=terms.strip(),
          voltage="18 Volts" if pk not in ("DEWALT", "Milwaukee12") else ("20 Volts" if pk == "DEWALT" else "12 Volts"),
          power="Battery Powered", sale=maybe_sale(price), uncategorised=(model in ("DCD800B", "XFD12Z", "PCL525B")))
    truth(model, typ, "", model, path, title, brand, fits=[plat])

# a drill sold in two voltages: a parent with a Voltage variation theme
parent("BOSCH-DRILL-PARENT", "BOSCH Brushless Cordless Drill/Driver, 1/2 In.", "Bosch", "power-drills", P_DRILLS, "Voltage",
       bullets=["Compact brushless drill/driver", "Two-speed gearbox"], terms="bosch drill driver cordless")
for model, volt, price in [("GSR12V-300B22", "12 Volts", 139.00), ("GSR18V-400B22", "18 Volts", 179.00)]:
    title = "BOSCH %s Brushless Cordless Drill/Driver Kit, 1/2 In., with Two Batteries (%s)" % (volt.split()[0] + "V", model)
    offer(model, title, "Bosch", price, "power-drills", P_DRILLS, model=model, voltage=volt, parent="BOSCH-DRILL-PARENT",
          theme="Voltage", power="Battery Powered", bullets=["%s platform" % volt, "Two batteries and charger included"])
    PLATFORM_TOOLS["Bosch"].append(model)
truth("BOSCH-DRILL-PARENT", "drill-driver", "", "GSR18V-400B22", P_DRILLS, "BOSCH Brushless Cordless Drill/Driver", "Bosch", fits=["18V", "12V"])

# corded tools
CORDED = [
    ("DEWALT", "miter-saw", "DWS779", "12-Inch Sliding Compound Miter Saw, Double-Bevel", 429.00, P_SAWS, "miter-saws", "12 in"),
    ("DEWALT", "miter-saw", "DWS713", "10-Inch Compound Miter Saw, Single Bevel, 15-Amp", 229.00, P_SAWS, "miter-saws", "10 in"),
    ("Makita", "miter-saw", "LS1019L", "10 in. Dual-Bevel Sliding Compound Miter Saw with Laser", 599.00, P_SAWS, "miter-saws", "10 in"),
    ("Metabo HPT", "miter-saw", "C10FCGS", "Compound Miter Saw, 10-Inch, Single Bevel, 15-Amp Motor", 139.00, P_SAWS, "miter-saws", "10 in"),
    ("Bosch", "miter-saw", "GCM12SD", "12 In. Dual-Bevel Glide Miter Saw", 699.00, P_SAWS, "miter-saws", "12 in"),
    ("DEWALT", "table-saw", "DWE7491RS", "10-Inch Jobsite Table Saw with Rolling Stand, 32-1/2-Inch Rip Capacity", 649.00, P_SAWS, "table-saws", "10 in"),
    ("SKIL", "table-saw", "TS6307-00", "10 In. Portable Jobsite Table Saw with Folding Stand", 349.00, P_SAWS, "table-saws", "10 in"),
    ("SKIL", "circular-saw", "5280-01", "15 Amp 7-1/4 In. Circular Saw with Single Beam Laser Guide", 59.00, P_SAWS, "circular-saws", "7-1/4 in"),
    ("DEWALT", "circular-saw", "DWE575SB", "7-1/4-Inch Circular Saw, Lightweight, Electric Brake, Corded", 139.00, P_SAWS, "circular-saws", "7-1/4 in"),
    ("Makita", "circular-saw", "5007MG", "7-1/4 in. Magnesium Circular Saw", 169.00, P_SAWS, "circular-saws", "7-1/4 in"),
    ("DEWALT", "random-orbit-sander", "DWE6423K", "Random Orbit Sander, Variable Speed, 5-Inch, Corded, with Bag", 79.00, P_SAND, "random-orbital-sanders", "5 in"),
    ("Makita", "random-orbit-sander", "BO5041", "5 in. Random Orbit Sander, Variable Speed, with Front Grip", 89.00, P_SAND, "random-orbital-sanders", "5 in"),
    ("Bosch", "random-orbit-sander", "ROS20VSC", "5 In. Palm Random Orbit Sander with Vibration Control and Carrying Bag", 79.00, P_SAND, "random-orbital-sanders", "5 in"),
    ("DEWALT", "sheet-sander", "DWE6411K", "1/4 Sheet Palm Grip Sander, Corded, with Kit Box", 69.00, P_SAND, "sheet-sanders", "1/4 sheet"),
    ("Makita", "angle-grinder", "GA4530", "4-1/2 in. Angle Grinder, 6 Amp", 59.00, P_SAND, "angle-grinders", "4-1/2 in"),
    ("DEWALT", "angle-grinder", "DWE402", "4-1/2-Inch Angle Grinder, 11-Amp, Paddle Switch", 89.00, P_SAND, "angle-grinders", "4-1/2 in"),
    ("Dremel", "rotary-tool", "4300-5/40", "4300 Rotary Tool Kit with LED Light, 5 Attachments and 40 Accessories", 119.00, P_OTHERPT, "rotary-tools", ""),
    ("Dremel", "oscillating-tool", "MM50-01", "Multi-Max Oscillating Tool Kit, 5 Amp, with 30 Accessories", 119.00, P_OTHERPT, "oscillating-tools", ""),
    ("Bosch", "jigsaw", "JS470E", "7.0 Amp Top-Handle Jig Saw", 129.00, P_SAWS, "jigsaws", ""),
    ("Milwaukee", "reciprocating-saw", "6519-31", "12 Amp SAWZALL Reciprocating Saw Kit", 149.00, P_SAWS, "reciprocating-saws", ""),
    ("DEWALT", "drill-driver", "DWD210G", "1/2-Inch Pistol Grip Drill, 10-Amp, Corded", 119.00, P_DRILLS, "power-drills", ""),
    ("Metabo HPT", "framing-nailer", "NR90AES1", "Pneumatic Framing Nailer, 2 to 3-1/2-Inch, Plastic Collated, 21 Degree", 229.00, P_OTHERPT, "nailers", ""),
    ("Metabo HPT", "brad-nailer", "NT50AE2", "Pneumatic Brad Nailer, 18 Gauge, 5/8 to 2-Inch", 89.00, P_OTHERPT, "nailers", ""),
]
for brand, typ, model, mid, price, path, kw, size in CORDED:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    pneumatic = "Pneumatic" in mid
    offer(model, title, brand, price, kw, path, model=model, power="Air Powered" if pneumatic else "Corded Electric",
          bullets=["Corded power for all-day work" if not pneumatic else "Runs on 70 to 120 PSI", "Built for jobsite use"],
          terms="%s %s" % (brand.lower(), typ.replace("-", " ")), sale=maybe_sale(price))
    truth(model, typ, "", model, path, title, brand, fits=[size] if size else [])

# ---- batteries and chargers --------------------------------------------------------------
BATT = [
    ("DEWALT", "DEWALT", "battery", "DCB203", "20V MAX Compact Lithium Ion Battery, 2.0Ah", 59.00),
    ("DEWALT", "DEWALT", "battery", "DCB205", "20V MAX XR Lithium Ion Battery, 5.0Ah", 119.00),
    ("DEWALT", "DEWALT", "battery", "DCB206", "20V MAX Lithium Ion Battery, 6.0Ah", 139.00),
    ("DEWALT", "DEWALT", "battery", "DCB240", "20V MAX POWERSTACK Compact Battery", 99.00),
    ("DEWALT", "DEWALT", "battery", "DCB205-2", "20V MAX XR Battery, 5.0Ah, 2-Pack", 199.00),
    ("DEWALT", "DEWALT", "charger", "DCB115", "12V/20V MAX Lithium Ion Battery Charger", 59.00),
    ("DEWALT", "DEWALT", "charger", "DCB112", "12V/20V MAX Battery Charger, Compact", 39.00),
    ("DEWALT", "DEWALT", "battery-starter-kit", "DCB205CK", "20V MAX Battery Starter Kit with 2 Batteries, 5.0Ah, and Charger", 229.00),
    ("Milwaukee", "Milwaukee", "battery", "48-11-1820", "M18 REDLITHIUM CP2.0 Compact Battery Pack", 79.00),
    ("Milwaukee", "Milwaukee", "battery", "48-11-1850", "M18 REDLITHIUM XC5.0 Extended Capacity Battery", 149.00),
    ("Milwaukee", "Milwaukee", "battery", "48-11-1865", "M18 REDLITHIUM HIGH OUTPUT XC6.0 Battery Pack", 179.00),
    ("Milwaukee", "Milwaukee", "charger", "48-59-1812", "M12 and M18 Multi-Voltage Lithium-Ion Battery Charger", 59.00),
    ("Milwaukee", "Milwaukee", "battery-starter-kit", "48-59-1850", "M18 REDLITHIUM XC5.0 Starter Kit with Battery and Charger", 169.00),
    ("Milwaukee", "Milwaukee12", "battery", "48-11-2460", "M12 REDLITHIUM XC6.0 Extended Capacity Battery Pack", 119.00),
    ("Milwaukee", "Milwaukee12", "battery", "48-11-2420", "M12 REDLITHIUM 2.0 Compact Battery Pack", 59.00),
    ("Makita", "Makita", "battery", "BL1840B", "18V LXT Lithium-Ion 4.0Ah Battery", 99.00),
    ("Makita", "Makita", "battery", "BL1850B", "18V LXT Lithium-Ion 5.0Ah Battery", 119.00),
    ("Makita", "Makita", "battery", "BL1820B", "18V LXT Lithium-Ion Compact 2.0Ah Battery", 69.00),
    ("Makita", "Makita", "charger", "DC18RC", "18V LXT Lithium-Ion Rapid Optimum Charger", 59.00),
    ("Ryobi", "Ryobi", "battery", "PBP003", "ONE+ 18V 4.0 Ah Lithium-Ion HIGH PERFORMANCE Battery", 79.00),
    ("Ryobi", "Ryobi", "battery", "PBP006", "ONE+ 18V 2.0 Ah Lithium-Ion Battery, 2-Pack", 69.00),
    ("Ryobi", "Ryobi", "charger", "PCG002", "ONE+ 18V Lithium-Ion Charger", 34.00),
    ("Bosch", "Bosch", "battery", "GBA18V40", "18V CORE18V 4.0 Ah Compact Battery", 99.00),
]
for brand, pk, typ, model, mid, price in BATT:
    plat, platname = PLAT[pk]
    fits = [plat] + PLATFORM_TOOLS[pk]
    if model in ("DCB115", "DCB112", "48-59-1812"):
        fits += PLATFORM_TOOLS["Milwaukee12"] + ["M12", "12V MAX"] if brand == "Milwaukee" else ["12V MAX"]
    b = "DEWALT" if brand == "DEWALT" else ("RYOBI" if brand == "Ryobi" else brand)
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "power-tool-batteries" if typ != "charger" else "power-tool-battery-chargers", P_BATT,
          model=model, voltage=("12 Volts" if pk == "Milwaukee12" else "20 Volts" if pk == "DEWALT" else "18 Volts"),
          bullets=["Works with all %s tools" % platname, "Fuel gauge shows the charge left" if typ == "battery" else "Charges in about an hour"],
          terms="%s %s %s" % (brand.lower(), plat.lower(), typ.replace("-", " ")), sale=maybe_sale(price))
    truth(model, typ, "cordless-tool", model, P_BATT, title, brand, fits=fits)

# ---- bits ------------------------------------------------------------------------------------
FRACS = ['1/8"', '3/16"', '1/4"', '5/16"', '3/8"', '1/2"']
SETS = [
    ("DEWALT", "drill-bit-set", "DW1361", "Titanium Pilot Point Drill Bit Set, 21-Piece", 39.00, "drill"),
    ("DEWALT", "drill-bit-set", "DWA1184", "Cobalt Pilot Point Drill Bit Set, 14-Piece", 59.00, "drill"),
    ("Milwaukee", "drill-bit-set", "48-89-4631", "SHOCKWAVE Impact Duty Titanium Drill Bit Set, 23-Piece", 49.00, "drill"),
    ("Bosch", "drill-bit-set", "CO21", "21-Piece Cobalt M42 Drill Bit Set", 69.00, "drill"),
    ("IRWIN", "drill-bit-set", "316015", "Cobalt M-35 Metal Index Drill Bit Set, 15-Piece", 79.00, "drill"),
    ("DEWALT", "masonry-bit-set", "DW5207", "Masonry Drill Bit Set, Premium Percussion, 7-Piece", 29.00, "hammer-drill"),
    ("Bosch", "masonry-bit-set", "HCK001", "5-Piece Carbide-Tipped SDS-plus Bit Set", 34.00, "hammer-drill"),
    ("DEWALT", "driver-bit-set", "DWA2T40IR", "FlexTorq Impact Ready Screwdriving Bit Set, 40-Piece", 29.00, "impact-driver"),
    ("DEWALT", "driver-bit-set", "DWAMF100", "MAXFIT Screwdriving Bit Set with Sleeve, 100-Piece", 39.00, "impact-driver"),
    ("Milwaukee", "driver-bit-set", "48-32-4006", "SHOCKWAVE Impact Duty Driver Bit Set, 26-Piece", 24.00, "impact-driver"),
    ("Makita", "driver-bit-set", "E-01650", "ImpactXPS 35-Piece Impact Bit Set", 29.00, "impact-driver"),
    ("Bosch", "driver-bit-set", "SBID32", "32-Piece Impact Tough Screwdriving Custom Case Set", 22.00, "impact-driver"),
    ("DEWALT", "hole-saw-kit", "D180002", "Hole Saw Kit, Bi-Metal, 9-Piece", 59.00, "drill"),
    ("Milwaukee", "hole-saw-kit", "49-22-4185", "Hole Dozer General Purpose Hole Saw Kit, 15-Piece", 119.00, "drill"),
    ("IRWIN", "spade-bit-set", "88886", "Speedbor Spade Bit Set, 6-Piece", 19.00, "drill"),
]
for brand, typ, model, mid, price, of in SETS:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "drill-bits", P_BITS, model=model, feed_type="tools",
          bullets=["Fits 3-jaw chucks and 1/4-inch hex drivers", "Case keeps every size in its place"],
          terms="%s %s" % (brand.lower(), typ.replace("-", " ")), sale=maybe_sale(price))
    truth(model, typ, of, model, P_BITS, title, brand)

# single bits by size: parent/child, SizeName
SINGLE = [
    ("Bosch", "masonry-bit", "BM-HC2", "Carbide-Tipped Hammer Drill Masonry Bit, SDS-plus", 4.0, "hammer-drill"),
    ("DEWALT", "drill-bit", "DW13-TI", "Titanium Nitride Coated Drill Bit, Pilot Point", 3.0, "drill"),
    ("IRWIN", "spade-bit", "IW-SPD", "Speedbor Spade Drill Bit, 6-Inch", 5.0, "drill"),
    ("Milwaukee", "drill-bit", "48-89-COB", "RED HELIX Cobalt Drill Bit", 6.0, "drill"),
]
for brand, typ, pfx, mid, base, of in SINGLE:
    b = "DEWALT" if brand == "DEWALT" else brand
    ptitle = "%s %s" % (b, mid)
    parent(pfx + "-P", ptitle, brand, "drill-bits", P_BITS, "SizeName", bullets=["Sold one bit per pack"])
    sizes = FRACS if typ != "spade-bit" else ['3/8"', '1/2"', '5/8"', '3/4"', '7/8"', '1"', '1-1/4"']
    for i, s in enumerate(sizes):
        sku = "%s-%s" % (pfx, s.replace('"', "").replace("/", "").replace("-", ""))
        title = "%s, %s" % (ptitle, s.replace('"', " in."))
        offer(sku, title, brand, base + i * 1.5, "drill-bits", P_BITS, model=sku, size=s, parent=pfx + "-P", theme="SizeName",
              bullets=["%s diameter" % s])
    truth(pfx + "-P", typ, of, pfx, P_BITS, ptitle, brand)

# ---- saw blades --------------------------------------------------------------------------
BLADES = [
    ("Diablo", "circular-saw-blade", "D0724A", "7-1/4 in. x 24 Tooth Framing Saw Blade", 12.00, "7-1/4 in", 24),
    ("Diablo", "circular-saw-blade", "D0740A", "7-1/4 in. x 40 Tooth Finish Saw Blade", 16.00, "7-1/4 in", 40),
    ("Diablo", "circular-saw-blade", "D0724R", "7-1/4 in. x 24 Tooth Demo Demon Framing/Demolition Blade", 17.00, "7-1/4 in", 24),
    ("Diablo", "circular-saw-blade", "D0660A", "6-1/2 in. x 60 Tooth Ultra Finish Saw Blade", 19.00, "6-1/2 in", 60),
    ("Diablo", "circular-saw-blade", "D0624X", "6-1/2 in. x 24 Tooth Framing Saw Blade", 13.00, "6-1/2 in", 24),
    ("DEWALT", "circular-saw-blade", "DW3578B10", "7-1/4-Inch Circular Saw Blade, 24-Tooth, 10-Pack", 59.00, "7-1/4 in", 24),
    ("Freud", "circular-saw-blade", "LU88R007", "7-1/4 in. x 24 Tooth Framing Blade", 29.00, "7-1/4 in", 24),
    ("Diablo", "miter-saw-blade", "D1060X", "10 in. x 60 Tooth Fine Finish Saw Blade", 44.00, "10 in", 60),
    ("Diablo", "miter-saw-blade", "D1080X", "10 in. x 80 Tooth Ultra Fine Finish Saw Blade", 59.00, "10 in", 80),
    ("Diablo", "miter-saw-blade", "D1240X", "12 in. x 40 Tooth General Purpose Saw Blade", 49.00, "12 in", 40),
    ("Diablo", "miter-saw-blade", "D1280X", "12 in. x 80 Tooth Fine Finish Saw Blade", 79.00, "12 in", 80),
    ("DEWALT", "miter-saw-blade", "DWA11260", "12-Inch Miter Saw Blade, 60-Tooth, Fine Finish", 49.00, "12 in", 60),
    ("Freud", "miter-saw-blade", "LU91R010", "10 in. x 50 Tooth Combination Blade", 69.00, "10 in", 50),
    ("Diablo", "table-saw-blade", "D1050X", "10 in. x 50 Tooth Combination Saw Blade", 49.00, "10 in", 50),
    ("Diablo", "table-saw-blade", "D1040X", "10 in. x 40 Tooth General Purpose Saw Blade", 39.00, "10 in", 40),
    ("DEWALT", "table-saw-blade", "DWA11040", "10-Inch Table Saw Blade, 40-Tooth", 39.00, "10 in", 40),
]
for brand, typ, model, mid, price, dia, teeth in BLADES:
    of = {"circular-saw-blade": "circular-saw", "miter-saw-blade": "miter-saw", "table-saw-blade": "table-saw"}[typ]
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "circular-saw-blades", P_BLADES, model=model, feed_type="tools",
          bullets=["%s diameter, %d teeth" % (dia, teeth), "5/8 in. arbor"], terms="saw blade %s %dt" % (dia, teeth),
          size=dia.replace(" in", '"'), sale=maybe_sale(price))
    saws = {"7-1/4 in": ["DCS570", "DCS570B", "2732-20", "2732", "5280-01", "5280", "DWE575SB", "DWE575", "5007MG"],
            "6-1/2 in": ["DCS565", "DCS565B", "XSS02Z", "XSH03Z", "PCL500B", "PCL500"],
            "10 in": ["DWS713", "LS1019L", "C10FCGS", "DWE7491RS", "DWE7491", "TS6307-00", "TS6307"],
            "12 in": ["DWS779", "GCM12SD"]}[dia]
    truth(model, typ, of, model, P_BLADES, title, brand, fits=[dia, dia.replace(" in", ""), dia.replace(" in", " inch")] + saws)

RECIP = [
    ("Diablo", "DS0612BGP", "6 in. Wood Pruning Reciprocating Blade, 5-Pack", 14.00),
    ("Diablo", "DS0914BGP", "9 in. Demo Demon Bi-Metal Reciprocating Blades for Nail-Embedded Wood, 5-Pack", 19.00),
    ("Milwaukee", "48-00-5026", "SAWZALL 6 in. 14 TPI Metal Cutting Blades, 5-Pack", 12.00),
    ("Milwaukee", "49-22-1129", "SAWZALL Reciprocating Saw Blade Set, 12-Piece", 29.00),
    ("DEWALT", "DW4856", "Reciprocating Saw Blades, Metal/Woodcutting Set, 6-Piece", 17.00),
    ("Bosch", "RAP6V", "6-Piece Wood and Metal Reciprocating Saw Blade Set", 15.00),
]
for brand, model, mid, price in RECIP:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "reciprocating-saw-blades", P_BLADES, model=model, bullets=["Universal shank fits all reciprocating saws"],
          terms="sawzall blades recip blades", pack="5" if "5-Pack" in mid else "")
    truth(model, "reciprocating-saw-blade", "reciprocating-saw", model, P_BLADES, title, brand)

JIG = [("Bosch", "T5002", "5-Piece Assorted T-Shank Jig Saw Blade Set", 9.00), ("Bosch", "T18HM", "18-Piece T-Shank Jig Saw Blade Set", 29.00),
       ("DEWALT", "DW3741C", "T-Shank Jig Saw Blade Set with Case, 14-Piece", 19.00), ("Diablo", "DJT-HS10", "10-Piece T-Shank Jig Saw Blade Set", 22.00)]
for brand, model, mid, price in JIG:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "jigsaw-blades", P_BLADES, model=model, bullets=["T-shank fits most jig saws"])
    truth(model, "jigsaw-blade", "jigsaw", model, P_BLADES, title, brand)

OSC = [("DEWALT", "DWA4216", "Oscillating Tool Blade Kit, Wood with Nails, 5-Piece", 34.00), ("Milwaukee", "49-10-9111", "OPEN-LOK Multi-Tool Blade Variety Kit, 9-Piece", 39.00),
       ("Dremel", "MM491", "Multi-Max Universal Wood & Drywall Blade Set, 3-Pack", 24.00)]
for brand, model, mid, price in OSC:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "oscillating-tool-blades", P_BLADES, model=model, bullets=["Universal fit for most oscillating tools"])
    truth(model, "oscillating-blade", "oscillating-tool", model, P_BLADES, title, brand)

# ---- abrasives: sanding discs by grit and pack count ------------------------------------
DISCS = [("3M", "3M-SD5", "Hookit 5 in. 8-Hole Sanding Discs", 0.30), ("Diablo", "DCD050", "SandNet 5 in. Hook and Loop Sanding Discs", 0.55),
         ("DEWALT", "DWAS58", "5-Inch 8-Hole Hook and Loop Random Orbit Sanding Discs", 0.28), ("Makita", "794516", "5 in. Abrasive Disc, Hook and Loop", 0.33)]
for brand, pfx, mid, unit in DISCS:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, mid), brand, "sanding-discs", P_ABRAS, "SizeName-ItemPackageQuantity",
           bullets=["Hook-and-loop backing for quick changes", "Fits 5 in. random orbit sanders"], terms="sandpaper sanding pads orbital")
    for grit in (60, 80, 120, 150, 220):
        for pack in (15, 50, 100):
            sku = "%s-%d-%d" % (pfx, grit, pack)
            title = "%s %s, %d Grit, %d-Pack" % (b, mid, grit, pack)
            price = round(unit * pack * (1.0 if pack == 15 else 0.85 if pack == 50 else 0.75), 0) - 0.01
            offer(sku, title, brand, max(price, 5.99), "sanding-discs", P_ABRAS, model=sku, size="%d Grit" % grit, pack=str(pack),
                  items=str(pack), parent=pfx + "-P", theme="SizeName-ItemPackageQuantity", bullets=["%d discs per pack" % pack])
    truth(pfx + "-P", "sanding-discs", "random-orbit-sander", pfx, P_ABRAS, "%s %s" % (b, mid), brand, fits=["5 in", "5", "5 inch", "5-inch"])

for brand, pfx, mid, unit in [("3M", "3M-SS", "Pro Grade Quarter Sheet Sandpaper", 0.45), ("DEWALT", "DWSS", "1/4 Sheet Sanding Sheets, Clamp-On", 0.40)]:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, mid), brand, "sandpaper", P_ABRAS, "SizeName")
    for grit in (80, 120, 220):
        sku = "%s-%d" % (pfx, grit)
        offer(sku, "%s %s, %d Grit, 25-Pack" % (b, mid, grit), brand, round(unit * 25, 0) - 0.01, "sandpaper", P_ABRAS, model=sku,
              size="%d Grit" % grit, pack="25", parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "sanding-sheets", "sheet-sander", pfx, P_ABRAS, "%s %s" % (b, mid), brand, fits=["1/4 sheet"])

WHEELS = [("DEWALT", "cutoff-wheel", "DW8062B5", "4-1/2-Inch x 0.045-Inch Metal Cutting Wheel, 5-Pack", 11.00),
          ("Diablo", "cutoff-wheel", "DBD045040701F", "4-1/2 in. Metal Cut-Off Disc, 10-Pack", 17.00),
          ("DEWALT", "grinding-wheel", "DW4514", "4-1/2-Inch x 1/4-Inch x 7/8-Inch Metal Grinding Wheel", 5.00),
          ("Makita", "flap-disc", "D-63622", "4-1/2 in. 80 Grit Flap Disc", 7.00),
          ("Milwaukee", "grinding-wheel", "49-94-4530", "4-1/2 in. x 1/4 in. Grinding Wheel, 5-Pack", 24.00)]
for brand, typ, model, mid, price in WHEELS:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "grinding-wheels", P_ABRAS, model=model, bullets=["For 4-1/2 in. angle grinders", "7/8 in. arbor"])
    truth(model, typ, "angle-grinder", model, P_ABRAS, title, brand, fits=["4-1/2 in", "4-1/2", "4-1/2 inch"])

# ---- fasteners: screws and nails by size and pack count -----------------------------------
SCREWS = [
    ("GRK", "wood-screw", "GRK-R4", "R4 Multi-Purpose Framing and Decking Screws, Star Drive", [("#9 x 2-1/2 in.", 0.12), ("#9 x 3 in.", 0.14), ("#10 x 3-1/8 in.", 0.16), ("#8 x 1-1/4 in.", 0.09)]),
    ("SPAX", "wood-screw", "SPAX-MP", "Multi-Material Construction Screws, T-Star Plus, Flat Head, Yellow Zinc", [("#8 x 1-1/4 in.", 0.06), ("#8 x 2 in.", 0.07), ("#10 x 3 in.", 0.10)]),
    ("Simpson Strong-Tie", "deck-screw", "SST-DS", "Deck-Drive DSV Wood Screws, Tan, Star Drive", [("#8 x 2-1/2 in.", 0.08), ("#10 x 3 in.", 0.10)]),
    ("Grip-Rite", "deck-screw", "GR-DK", "Exterior Deck Screws, Bugle Head, Green, Star Drive", [("#8 x 2 in.", 0.05), ("#9 x 2-1/2 in.", 0.06), ("#9 x 3 in.", 0.07)]),
    ("Grip-Rite", "drywall-screw", "GR-DW", "Coarse Thread Drywall Screws, Phillips Bugle Head, Black Phosphate", [("#6 x 1-1/4 in.", 0.02), ("#6 x 1-5/8 in.", 0.025), ("#8 x 2 in.", 0.03)]),
    ("Hillman", "wood-screw", "HL-WS", "Flat Head Phillips Wood Screws, Zinc Plated", [("#6 x 1 in.", 0.04), ("#8 x 1-1/2 in.", 0.05), ("#10 x 2 in.", 0.07)]),
    ("Simpson Strong-Tie", "structural-screw", "SST-SDWS", "Strong-Drive SDWS Timber Screws, 0.220 in. Shank", [("5/16 x 4 in.", 0.85), ("5/16 x 6 in.", 1.10)]),
    ("Tapcon", "concrete-screw", "TC-HX", "Concrete Anchors, Hex Washer Head, Blue Climaseal", [("3/16 x 1-1/4 in.", 0.25), ("3/16 x 1-3/4 in.", 0.28), ("1/4 x 2-1/4 in.", 0.35), ("1/4 x 3-1/4 in.", 0.40)]),
    ("Kreg", "pocket-screw", "KR-SML", "Pocket-Hole Screws, Coarse Thread, Washer Head, Zinc", [("#8 x 1 in.", 0.03), ("#8 x 1-1/4 in.", 0.035), ("#8 x 1-1/2 in.", 0.04), ("#8 x 2-1/2 in.", 0.05)]),
    ("Hillman", "sheet-metal-screw", "HL-SMS", "Hex Washer Head Self-Drilling Sheet Metal Screws, Zinc", [("#8 x 1/2 in.", 0.03), ("#8 x 3/4 in.", 0.035), ("#10 x 1 in.", 0.04), ("#12 x 1-1/2 in.", 0.06)]),
    ("SPAX", "cabinet-screw", "SPAX-CAB", "Cabinet Screws, Washer Head, T-Star Plus, Yellow Zinc", [("#8 x 2 in.", 0.08), ("#8 x 2-1/2 in.", 0.09), ("#8 x 3 in.", 0.10)]),
    ("Hillman", "lag-screw", "HL-LAG", "Hex Lag Screws, Hot-Dip Galvanized", [("1/4 x 3 in.", 0.30), ("5/16 x 4 in.", 0.45), ("3/8 x 5 in.", 0.70)]),
]
for brand, typ, pfx, mid, sizes in SCREWS:
    parent(pfx + "-P", "%s %s" % (brand, mid), brand, "screws", P_FAST, "SizeName-ItemPackageQuantity", feed_type="hardware",
           bullets=["Sold by the pack", "Star drive bit included in packs of 100 and more" if "Star" in mid else "Phillips #2 drive"])
    for s, unit in sizes:
        for pack in (100, 350, 1000) if unit < 0.5 else (12, 50):
            sku = "%s-%s-%d" % (pfx, "".join(c for c in s if c.isalnum()), pack)
            price = round(unit * pack * (1.0 if pack <= 100 else 0.8 if pack < 1000 else 0.7), 0) - 0.01
            title = "%s %s, %s, %d-Pack" % (brand, mid, s, pack)
            offer(sku, title, brand, max(price, 4.99), "screws", P_FAST, model=sku, feed_type="hardware", size=s, pack=str(pack),
                  items=str(pack), parent=pfx + "-P", theme="SizeName-ItemPackageQuantity",
                  bullets=["%d screws" % pack, "Size %s" % s])
            ROWS[-1]["unit_count"], ROWS[-1]["unit_count_type"] = str(pack), "Count"
    truth(pfx + "-P", typ, "", pfx, P_FAST, "%s %s" % (brand, mid), brand)

NAILS = [("Metabo HPT", "framing-nails", "MHPT-FN", "Framing Nails, 21° Plastic Collated, Smooth Shank, Bright", "framing-nailer", [("3-1/2 in. x .131", 1000), ("3 in. x .120", 2000)]),
         ("DEWALT", "brad-nails", "DW-BN", "18 Gauge Brad Nails, Galvanized", "brad-nailer", [("1-1/4 in.", 2500), ("2 in.", 2500), ("5/8 in.", 5000)]),
         ("Grip-Rite", "brad-nails", "GR-BN", "18-Gauge Electro-Galvanized Brad Nails", "brad-nailer", [("1-1/4 in.", 1000), ("1-1/2 in.", 1000)])]
for brand, typ, pfx, mid, of, sizes in NAILS:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, mid), brand, "nails", P_FAST, "SizeName", feed_type="hardware")
    for s, pack in sizes:
        sku = "%s-%s" % (pfx, "".join(c for c in s if c.isalnum()))
        offer(sku, "%s %s, %s, %d-Count" % (b, mid, s, pack), brand, 19.99 + pack / 1000 * 8, "nails", P_FAST, model=sku,
              feed_type="hardware", size=s, pack=str(pack), parent=pfx + "-P", theme="SizeName")
    fits = ["DCN680", "DCN680B", "NT50AE2", "18 gauge", "18GA"] if typ == "brad-nails" else ["2744-20", "2744", "NR90AES1", "21 degree"]
    truth(pfx + "-P", typ, of, pfx, P_FAST, "%s %s" % (b, mid), brand, fits=fits)

for brand, pfx, mid, price in [("E-Z Ancor", "EZA-25", "Twist-N-Lock 75 lb. Drywall Anchors with Screws, 25-Pack", 12.99),
                               ("Hillman", "HL-TOG", "Toggle Bolts with Wings, 1/8 in., 10-Pack", 6.49),
                               ("TOGGLER", "TGL-SNAP", "SNAPTOGGLE Heavy Duty Drywall Anchors with Bolts, 4-Pack", 14.99)]:
    offer(pfx, "%s %s" % (brand, mid), brand, price, "wall-anchors", P_FAST, model=pfx, feed_type="hardware")
    truth(pfx, "wall-anchor", "", pfx, P_FAST, "%s %s" % (brand, mid), brand)

# ---- hand tools ---------------------------------------------------------------------------
HAND = [
    ("Estwing", "hammer", "E3-16C", "16 oz Claw Hammer with Shock Reduction Grip", 34.00),
    ("Estwing", "hammer", "E3-22SM", "22 oz Framing Hammer, Milled Face", 44.00),
    ("Stanley", "hammer", "51-616", "16 oz Fiberglass Curve Claw Hammer", 19.00),
    ("Klein Tools", "screwdriver", "32500", "11-in-1 Screwdriver / Nut Driver Multi-Bit", 19.00),
    ("Klein Tools", "screwdriver-set", "85078", "Screwdriver Set, Cushion Grip, 8-Piece", 49.00),
    ("Stanley", "screwdriver-set", "60-100", "Standard Fluted Screwdriver Set, 10-Piece", 24.00),
    ("Klein Tools", "pliers", "D2000-9NE", "9-Inch Lineman's Pliers, High Leverage", 44.00),
    ("Knipex", "pliers", "8701250", "Cobra 10-Inch Water Pump Pliers", 49.00),
    ("IRWIN", "pliers", "1902420", "VISE-GRIP Locking Pliers Set, 3-Piece", 39.00),
    ("Craftsman", "wrench-set", "CMMT12061L", "Combination Wrench Set, SAE/Metric, 20-Piece", 49.00),
    ("GEARWRENCH", "wrench-set", "9412", "12 Pt. Ratcheting Combination Wrench Set, SAE, 13-Piece", 99.00),
    ("Craftsman", "socket-set", "CMMT12024", "Mechanics Tool Set, 1/4 in. and 3/8 in. Drive, 105-Piece", 89.00),
    ("DEWALT", "socket-set", "DWMT73803", "Mechanics Tool Set, 1/4 in. & 3/8 in. Drive, SAE/Metric, 108-Piece", 99.00),
    ("Stanley", "tape-measure", "33-725", "FATMAX 25 ft Tape Measure", 24.00),
    ("Milwaukee", "tape-measure", "48-22-0225", "25 ft Compact Magnetic Tape Measure", 24.00),
    ("Stanley", "tape-measure", "STHT36194", "16 ft Tape Measure, Power Lock", 9.00),
    ("Milwaukee", "utility-knife", "48-22-1502", "FASTBACK Folding Utility Knife", 19.00),
    ("Stanley", "utility-knife", "10-099", "Classic 99 Retractable Utility Knife", 9.00),
    ("Stabila", "level", "37424", "Type 196 24 in. Box Level", 69.00),
    ("Empire", "level", "EM71.8", "8 in. Magnetic Torpedo Level", 14.00),
    ("Johnson", "level", "1400-4800", "48 in. Aluminum Box Level", 34.00),
    ("Stanley", "chisel-set", "16-150", "Wood Chisel Set, 4-Piece", 29.00),
    ("Swanson", "speed-square", "S0101", "7 in. Speed Square", 11.00),
    ("Bosch", "laser-level", "GLL30S", "Self-Leveling Cross-Line Laser", 99.00),
]
for brand, typ, model, mid, price in HAND:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "hand-tools", P_HAND, model=model, feed_type="tools", sale=maybe_sale(price),
          uncategorised=(model in ("60-100", "S0101")))
    truth(model, typ, "", model, P_HAND, title, brand)

# ---- safety gear: gloves by size ---------------------------------------------------------
for brand, pfx, mid, price in [("Mechanix Wear", "MPT-58", "M-Pact Work Gloves, Impact Protection, Black", 29.99),
                               ("DEWALT", "DPG20", "Performance Work Gloves, Synthetic Leather Palm", 14.99),
                               ("Milwaukee", "48-73-8730", "Cut Level 3 Nitrile Dipped Work Gloves", 12.99)]:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, mid), brand, "work-gloves", P_SAFE, "SizeName", feed_type="safetysupply")
    for s in ("Small", "Medium", "Large", "X-Large", "XX-Large"):
        sku = "%s-%s" % (pfx, {"Small": "S", "Medium": "M", "Large": "L", "X-Large": "XL", "XX-Large": "XXL"}[s])
        offer(sku, "%s %s, %s" % (b, mid, s), brand, price, "work-gloves", P_SAFE, model=sku, feed_type="safetysupply", size=s,
              color="Black", parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "work-gloves", "", pfx, P_SAFE, "%s %s" % (b, mid), brand, colour="Black")

SAFE = [("3M", "safety-glasses", "SF401AF", "SecureFit Safety Glasses, Anti-Fog, Clear Lens", 9.99),
        ("DEWALT", "safety-glasses", "DPG82-11", "Concealer Safety Goggles, Clear Anti-Fog Lens", 14.99),
        ("3M", "ear-protection", "X4A", "PELTOR X4A Over-the-Head Ear Muffs, NRR 27 dB", 29.99),
        ("DEWALT", "ear-protection", "DPG15", "Industrial Safety Earmuffs, NRR 25 dB", 19.99),
        ("3M", "dust-mask", "8210", "N95 Particulate Respirator 8210, 20-Pack", 24.99),
        ("3M", "dust-mask", "8511", "N95 Respirator with Cool Flow Valve, 10-Pack", 29.99),
        ("MSA", "hard-hat", "475358", "V-Gard Cap Style Hard Hat, White", 24.99),
        ("Carhartt", "knee-pads", "A301", "Pro Knee Pads, Cushioned, One Size", 39.99)]
for brand, typ, model, mid, price in SAFE:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "safety", P_SAFE, model=model, feed_type="safetysupply", uncategorised=(model == "A301"))
    truth(model, typ, "", model, P_SAFE, title, brand)

# ---- storage -------------------------------------------------------------------------------
STORE = [("DEWALT", "tool-box", "DWST08300", "TOUGHSYSTEM 2.0 Tool Box, Extra Large", 79.00),
         ("DEWALT", "tool-box", "DWST08165", "TOUGHSYSTEM 2.0 Tool Box, Small", 49.00),
         ("Milwaukee", "tool-box", "48-22-8424", "PACKOUT Rolling Tool Box", 169.00),
         ("Milwaukee", "tool-box", "48-22-8425", "PACKOUT Large Tool Box", 119.00),
         ("Milwaukee", "tool-bag", "48-22-8322", "PACKOUT 15 in. Structured Tool Bag", 79.00),
         ("Klein Tools", "tool-bag", "55469", "Tradesman Pro Tool Tote, 8 in.", 59.00),
         ("Husky", "tool-bag", "HD60014", "14 in. Tool Bag", 19.00),
         ("Stanley", "tool-box", "STST19001", "19 in. Tool Box with Removable Tray", 19.00),
         ("Craftsman", "tool-chest", "CMST82766", "26 in. 5-Drawer Rolling Tool Chest", 299.00)]
for brand, typ, model, mid, price in STORE:
    b = "DEWALT" if brand == "DEWALT" else brand
    title = "%s %s (%s)" % (b, mid, model)
    offer(model, title, brand, price, "tool-boxes", P_STORE, model=model, feed_type="tools", sale=maybe_sale(price),
          uncategorised=(model == "HD60014"))
    truth(model, typ, "", model, P_STORE, title, brand)


# ---- the long tail a hardware store carries: single sizes of bolts, nuts, washers, sockets,
# hole saws and bits, each family a parent with children by size (and pack count) ----------
DIAS = ["1/4", "5/16", "3/8", "1/2"]
LENS = ["1", "1-1/2", "2", "2-1/2", "3", "4", "5", "6"]
for brand, pfx, fin, unit in [("Hillman", "HL-HB", "Zinc Plated", 0.22), ("Hillman", "HL-HBG", "Hot-Dip Galvanized", 0.30),
                              ("Everbilt", "EB-HBS", "Stainless Steel", 0.65), ("Everbilt", "EB-CB", "Zinc Plated Carriage", 0.25),
                              ("Everbilt", "EB-HBY", "Grade 8 Yellow Zinc", 0.45), ("Hillman", "HL-CBG", "Hot-Dip Galvanized Carriage", 0.32)]:
    kind = "carriage-bolt" if "Carriage" in fin else "hex-bolt"
    name = "Carriage Bolts" if kind == "carriage-bolt" else "Hex Bolts, %s" % fin
    if kind == "carriage-bolt":
        name = "Carriage Bolts, %s" % fin.replace(" Carriage", "")
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "bolts", P_FAST, "SizeName-ItemPackageQuantity", feed_type="hardware")
    for d in DIAS:
        for ln in LENS:
            for pack in (10, 25, 50):
                sku = "%s-%s-%s-%d" % (pfx, d.replace("/", ""), ln.replace("/", "").replace("-", ""), pack)
                size = "%s in. x %s in." % (d, ln)
                price = max(round(unit * pack * (1 + DIAS.index(d) * 0.4) * (1 + LENS.index(ln) * 0.15), 0) - 0.01, 2.99)
                offer(sku, "%s %s, %s, %d-Pack" % (brand, name, size, pack), brand, price, "bolts", P_FAST, model=sku,
                      feed_type="hardware", size=size, pack=str(pack), items=str(pack), parent=pfx + "-P",
                      theme="SizeName-ItemPackageQuantity", bullets=["%d bolts" % pack])
    truth(pfx + "-P", kind, "", pfx, P_FAST, "%s %s" % (brand, name), brand)
for brand, pfx, typ, name in [("Hillman", "HL-NUT", "nut", "Hex Nuts, Zinc Plated"), ("Hillman", "HL-WSH", "washer", "Flat Washers, Zinc Plated"),
                              ("Everbilt", "EB-LNUT", "nut", "Nylon Insert Lock Nuts, Stainless Steel"), ("Everbilt", "EB-FW", "washer", "Fender Washers, Zinc")]:
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "nuts-washers", P_FAST, "SizeName-ItemPackageQuantity", feed_type="hardware")
    for d in ["#8", "#10", "1/4", "5/16", "3/8", "1/2", "5/8"]:
        for pack in (25, 100):
            sku = "%s-%s-%d" % (pfx, d.replace("/", "").replace("#", "N"), pack)
            size = d + (" in." if "/" in d else "")
            offer(sku, "%s %s, %s, %d-Pack" % (brand, name, size, pack), brand, max(round(pack * 0.08, 0) + 0.99, 2.49), "nuts-washers", P_FAST,
                  model=sku, feed_type="hardware", size=size, pack=str(pack), items=str(pack), parent=pfx + "-P", theme="SizeName-ItemPackageQuantity")
    truth(pfx + "-P", typ, "", pfx, P_FAST, "%s %s" % (brand, name), brand)

SAE = ["1/4", "5/16", "3/8", "7/16", "1/2", "9/16", "5/8", "11/16", "3/4", "13/16", "7/8", "15/16", "1"]
MET = [str(m) for m in range(8, 25)]
for brand, pfx, drive, deep in [("GEARWRENCH", "GW-S38", "3/8 in.", False), ("GEARWRENCH", "GW-S12", "1/2 in.", False),
                                ("Craftsman", "CM-S38D", "3/8 in.", True), ("Tekton", "TK-I12", "1/2 in.", False)]:
    impact = pfx.startswith("TK-I")
    name = "%s Drive %s%sSocket, 6-Point" % (drive, "Deep " if deep else "", "Impact " if impact else "")
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "sockets", P_HAND, "SizeName")
    for s in SAE + MET:
        size = (s + " in.") if s in SAE else (s + "mm")
        sku = "%s-%s" % (pfx, size.replace("/", "").replace(" in.", "SAE").replace("mm", "MM"))
        offer(sku, "%s %s, %s" % (brand, name, size), brand, 4.99 + (2 if deep else 0) + (3 if impact else 0), "sockets", P_HAND,
              model=sku, size=size, parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "socket", "", pfx, P_HAND, "%s %s" % (brand, name), brand)
for brand, pfx in [("GEARWRENCH", "GW-CW"), ("Craftsman", "CM-CW")]:
    name = "Combination Wrench, 12-Point, Full Polish"
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "wrenches", P_HAND, "SizeName")
    for s in SAE + MET:
        size = (s + " in.") if s in SAE else (s + "mm")
        sku = "%s-%s" % (pfx, size.replace("/", "").replace(" in.", "SAE").replace("mm", "MM"))
        offer(sku, "%s %s, %s" % (brand, name, size), brand, 8.99 + len(s) * 0.5, "wrenches", P_HAND, model=sku, size=size,
              parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "wrench", "", pfx, P_HAND, "%s %s" % (brand, name), brand)

HOLE = ["3/4", "7/8", "1", "1-1/8", "1-1/4", "1-3/8", "1-1/2", "1-3/4", "2", "2-1/8", "2-1/4", "2-1/2", "3", "3-1/2", "4", "4-1/2"]
for brand, pfx, name in [("Milwaukee", "MW-HD", "HOLE DOZER Bi-Metal Hole Saw"), ("Diablo", "DB-HS", "Bi-Metal Hole Saw"),
                         ("Lenox", "LX-HS", "Speed Slot Bi-Metal Hole Saw")]:
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "hole-saws", P_BITS, "SizeName")
    for i, d in enumerate(HOLE):
        sku = "%s-%s" % (pfx, d.replace("/", "").replace("-", ""))
        offer(sku, "%s %s, %s in." % (brand, name, d), brand, 9.99 + i * 1.5, "hole-saws", P_BITS, model=sku, size=d + '"',
              parent=pfx + "-P", theme="SizeName", bullets=["Arbor sold separately"])
    truth(pfx + "-P", "hole-saw", "drill", pfx, P_BITS, "%s %s" % (brand, name), brand)

BITFR = ["1/16", "5/64", "3/32", "7/64", "1/8", "9/64", "5/32", "11/64", "3/16", "13/64", "7/32", "15/64", "1/4",
         "17/64", "9/32", "19/64", "5/16", "21/64", "11/32", "23/64", "3/8", "25/64", "13/32", "27/64", "7/16", "29/64", "15/32", "31/64", "1/2"]
for brand, pfx, name, base in [("IRWIN", "IW-HSS", "High Speed Steel Jobber Length Drill Bit, 2-Pack", 3.49),
                               ("Drill America", "DA-COB", "Cobalt Steel Jobber Drill Bit, 135 Degree Split Point", 4.99),
                               ("Bosch", "BS-BO", "Black Oxide Metal Drill Bit", 2.99)]:
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "drill-bits", P_BITS, "SizeName")
    for i, d in enumerate(BITFR):
        sku = "%s-%s" % (pfx, d.replace("/", "-"))
        offer(sku, "%s %s, %s in." % (brand, name, d), brand, base + i * 0.35, "drill-bits", P_BITS, model=sku, size=d + '"',
              parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "drill-bit", "drill", pfx, P_BITS, "%s %s" % (brand, name), brand)

for brand, pfx, mid, unit in [("3M", "3M-SD6", "Hookit 6 in. 6-Hole Sanding Discs", 0.40), ("Diablo", "DCD060", "6 in. Hook and Loop Sanding Discs", 0.45)]:
    parent(pfx + "-P", "%s %s" % (brand, mid), brand, "sanding-discs", P_ABRAS, "SizeName-ItemPackageQuantity", terms="sandpaper sanding pads")
    for grit in (40, 60, 80, 100, 120, 150, 180, 220, 320, 400):
        for pack in (10, 50):
            sku = "%s-%d-%d" % (pfx, grit, pack)
            offer(sku, "%s %s, %d Grit, %d-Pack" % (brand, mid, grit, pack), brand, max(round(unit * pack, 0) - 0.01, 5.99), "sanding-discs", P_ABRAS,
                  model=sku, size="%d Grit" % grit, pack=str(pack), items=str(pack), parent=pfx + "-P", theme="SizeName-ItemPackageQuantity")
    truth(pfx + "-P", "sanding-discs", "random-orbit-sander", pfx, P_ABRAS, "%s %s" % (brand, mid), brand, fits=["6 in", "6", "6 inch"])

for brand, pfx, name, price, colours in [("Carhartt", "CH-GL", "Insulated Work Gloves, Waterproof Grip", 24.99, ["Black", "Brown"]),
                                         ("Wells Lamont", "WL-LG", "Leather Work Gloves, Cowhide, Palm Patch", 12.99, ["Tan", "Gray"])]:
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "work-gloves", P_SAFE, "SizeName-ColorName", feed_type="safetysupply")
    for c in colours:
        for s in ("Small", "Medium", "Large", "X-Large", "XX-Large"):
            sku = "%s-%s-%s" % (pfx, c[:2].upper(), {"Small": "S", "Medium": "M", "Large": "L", "X-Large": "XL", "XX-Large": "XXL"}[s])
            offer(sku, "%s %s, %s, %s" % (brand, name, c, s), brand, price, "work-gloves", P_SAFE, model=sku, feed_type="safetysupply",
                  size=s, color=c, parent=pfx + "-P", theme="SizeName-ColorName")
    truth(pfx + "-P", "work-gloves", "", pfx, P_SAFE, "%s %s" % (brand, name), brand)

for brand, pfx, name in [("Grip-Rite", "GR-CN", "Common Nails, Bright"), ("Grip-Rite", "GR-GN", "Hot-Dip Galvanized Common Nails"),
                         ("Hillman", "HL-FN", "Finish Nails, Bright")]:
    parent(pfx + "-P", "%s %s" % (brand, name), brand, "nails", P_FAST, "SizeName-ItemPackageQuantity", feed_type="hardware")
    for d, ln in [("4d", "1-1/2"), ("6d", "2"), ("8d", "2-1/2"), ("10d", "3"), ("12d", "3-1/4"), ("16d", "3-1/2")]:
        for wt in ("1 lb.", "5 lb."):
            sku = "%s-%s-%s" % (pfx, d.upper(), wt[0])
            offer(sku, "%s %s, %s x %s in., %s Box" % (brand, name, d, ln, wt), brand, 5.49 if wt == "1 lb." else 17.99, "nails", P_FAST,
                  model=sku, feed_type="hardware", size="%s x %s in." % (d, ln), parent=pfx + "-P", theme="SizeName-ItemPackageQuantity")
    truth(pfx + "-P", "nails", "", pfx, P_FAST, "%s %s" % (brand, name), brand)


for brand, pfx, name in [("DEWALT", "DW-IB", "FlexTorq Impact Ready Insert Bit, 1-Inch"), ("Milwaukee", "MW-SW", "SHOCKWAVE Impact Duty 1 in. Insert Bit"),
                         ("Bosch", "BS-ITI", "Impact Tough 1 In. Insert Bit")]:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, name), brand, "driver-bits", P_BITS, "SizeName-ItemPackageQuantity")
    for tip in ("PH1", "PH2", "PH3", "T15", "T20", "T25", "T30", "SQ1", "SQ2"):
        for pack in (2, 15):
            sku = "%s-%s-%d" % (pfx, tip, pack)
            offer(sku, "%s %s, %s, %d-Pack" % (b, name, {"P": "Phillips #", "T": "Torx T", "S": "Square #"}[tip[0]] + tip.lstrip("PHTSQ"), pack),
                  brand, 4.99 if pack == 2 else 19.99, "driver-bits", P_BITS, model=sku, size=tip, pack=str(pack), parent=pfx + "-P",
                  theme="SizeName-ItemPackageQuantity")
    truth(pfx + "-P", "driver-bit", "impact-driver", pfx, P_BITS, "%s %s" % (b, name), brand)
for brand, pfx, name in [("GEARWRENCH", "GW-S14", "1/4 in. Drive Socket, 6-Point"), ("DEWALT", "DW-IS38", "3/8 in. Drive Impact Socket, 6-Point")]:
    b = "DEWALT" if brand == "DEWALT" else brand
    parent(pfx + "-P", "%s %s" % (b, name), brand, "sockets", P_HAND, "SizeName")
    for s_ in SAE[:9] + MET[:10]:
        size = (s_ + " in.") if s_ in SAE else (s_ + "mm")
        sku = "%s-%s" % (pfx, size.replace("/", "").replace(" in.", "SAE").replace("mm", "MM"))
        offer(sku, "%s %s, %s" % (b, name, size), brand, 5.49, "sockets", P_HAND, model=sku, size=size, parent=pfx + "-P", theme="SizeName")
    truth(pfx + "-P", "socket", "", pfx, P_HAND, "%s %s" % (b, name), brand)

# one SKU the seller asks Amazon to delete; it is no product of the shop (update_delete)
r = offer("DCD710S2-OLD", "DEWALT 12V MAX Cordless Drill/Driver Kit, 3/8-Inch (DCD710S2), Discontinued", "DEWALT", 99.00,
          "power-drills", P_DRILLS, model="DCD710S2", stock=0)
r["update_delete"] = "Delete"

# ---- write -----------------------------------------------------------------------------------
with open("inventory.txt", "w", encoding="cp1252", newline="") as f:
    f.write("TemplateType=fptcustom\tVersion=2023.1012\tTemplateSignature=VE9PTFMsSEFSRFdBUkU=\tThe top 3 rows are for Amazon.com use only. Do not modify or delete the top 3 rows.\n")
    f.write("\t".join(LABELS) + "\n")
    f.write("\t".join(COLS) + "\n")
    for r in ROWS:
        f.write("\t".join(r[c].replace("\t", " ") for c in COLS) + "\n")
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (for grading: an Amazon flat file has no category path)\t(unused)\tcolour\tfits\ttitle (for readers)\tbrand\n")
    for key, typ, of, model, path, colour, fits, title, brand in TRUTH:
        f.write("\t".join(["toolstore", key, typ, of, model, path, "", colour, fits, title, brand]) + "\n")
n = sum(1 for r in ROWS if r["parent_child"] != "parent")
print(len(ROWS), "rows,", n, "offers,", len(TRUTH), "groups")
