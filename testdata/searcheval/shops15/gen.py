# Writes the garden centre and outdoor-living shop (newuser20): catalog_product.csv, a
# Magento 2.4 products export as System > Data Transfer > Export writes it (entity type
# Products, CSV, no fields enclosure): the export's 89 columns in its order, one row per
# product for the default store view (rows by entity id, so the simple products a
# configurable's wizard made come before it), a row per product a Welsh store view ("cy")
# renames, configurable products with their configurable_variations and
# configurable_variation_labels, the children "Not Visible Individually" with their option
# values in additional_attributes, a few bundle and grouped products, disabled products,
# special prices with their dates in the en_GB admin's short format (dd/mm/yyyy), products
# out of stock, products without a category, HTML descriptions (some in Page Builder's
# markup); and truth.tsv, the judge's facts about each product group (type, what it is an
# accessory for, model, category path, what it fits, brand), from the same tables.
# Deterministic: python3 gen.py (in this directory). Every name, description and brand here
# was written for this file (the brands are made up; Greenhill is the shop's own label).
import csv
import random

R = random.Random(20)
SHOP = "gardencentre"

COLS = ("sku,store_view_code,attribute_set_code,product_type,categories,product_websites,name,description,"
        "short_description,weight,product_online,tax_class_name,visibility,price,special_price,"
        "special_price_from_date,special_price_to_date,url_key,meta_title,meta_keywords,meta_description,base_image,"
        "base_image_label,small_image,small_image_label,thumbnail_image,thumbnail_image_label,swatch_image,"
        "swatch_image_label,created_at,updated_at,new_from_date,new_to_date,display_product_options_in,map_price,"
        "msrp_price,map_enabled,gift_message_available,custom_design,custom_design_from,custom_design_to,"
        "custom_layout_update,page_layout,product_options_container,msrp_display_actual_price_type,"
        "country_of_manufacture,additional_attributes,qty,out_of_stock_qty,use_config_min_qty,is_qty_decimal,"
        "allow_backorders,use_config_backorders,min_cart_qty,use_config_min_sale_qty,max_cart_qty,"
        "use_config_max_sale_qty,is_in_stock,notify_on_stock_below,use_config_notify_stock_qty,manage_stock,"
        "use_config_manage_stock,use_config_qty_increments,qty_increments,use_config_enable_qty_inc,"
        "enable_qty_increments,is_decimal_divided,website_id,related_skus,related_position,crosssell_skus,"
        "crosssell_position,upsell_skus,upsell_position,additional_images,additional_image_labels,"
        "hide_from_product_page,custom_options,bundle_price_type,bundle_sku_type,bundle_price_view,"
        "bundle_weight_type,bundle_values,bundle_shipment_type,associated_skus,downloadable_links,"
        "downloadable_samples,configurable_variations,configurable_variation_labels").split(",")

ROOT = "Default Category"
C = {}  # short name -> path under the root


def cat(short, path):
    C[short] = path


for short, path in [
    ("mowers", "Garden Power Tools/Lawn Mowers"), ("trimmers", "Garden Power Tools/Grass Trimmers"),
    ("hedge", "Garden Power Tools/Hedge Trimmers"), ("blowers", "Garden Power Tools/Leaf Blowers"),
    ("batteries", "Garden Power Tools/Batteries & Chargers"), ("blades", "Garden Power Tools/Spares/Mower Blades"),
    ("spools", "Garden Power Tools/Spares/Spools & Line"),
    ("hoses", "Watering/Hoses"), ("reels", "Watering/Hose Reels & Carts"), ("fittings", "Watering/Hose Fittings"),
    ("cans", "Watering/Watering Cans"), ("sprinklers", "Watering/Sprinklers"),
    ("pots", "Pots & Planters/Plant Pots"), ("saucers", "Pots & Planters/Pot Saucers"),
    ("troughs", "Pots & Planters/Troughs & Window Boxes"),
    ("vegseeds", "Plants & Bulbs/Seeds/Vegetable Seeds"), ("flowerseeds", "Plants & Bulbs/Seeds/Flower Seeds"),
    ("bulbs", "Plants & Bulbs/Bulbs"), ("shrubs", "Plants & Bulbs/Shrubs, Roses & Climbers"),
    ("bedding", "Plants & Bulbs/Bedding Plants"),
    ("compost", "Compost, Feed & Weedkiller/Compost"), ("feed", "Compost, Feed & Weedkiller/Plant Feed"),
    ("lawnfeed", "Compost, Feed & Weedkiller/Lawn Feed"), ("weedkiller", "Compost, Feed & Weedkiller/Weedkiller"),
    ("gasbbq", "BBQs & Outdoor Cooking/Gas BBQs"), ("charbbq", "BBQs & Outdoor Cooking/Charcoal BBQs"),
    ("bbqcovers", "BBQs & Outdoor Cooking/BBQ Covers"), ("bbqtools", "BBQs & Outdoor Cooking/BBQ Tools"),
    ("gas", "BBQs & Outdoor Cooking/Gas & Regulators"), ("fuel", "BBQs & Outdoor Cooking/Charcoal & Fuel"),
    ("dining", "Garden Furniture/Dining Sets"), ("benches", "Garden Furniture/Benches"),
    ("loungers", "Garden Furniture/Sun Loungers"), ("cushions", "Garden Furniture/Cushions"),
    ("furncovers", "Garden Furniture/Furniture Covers"),
    ("handtools", "Garden Tools/Digging Tools"), ("pruning", "Garden Tools/Pruning & Cutting"),
    ("gloves", "Garden Tools/Gloves"),
]:
    cat(short, path)

ROWS = []    # dicts by column
TRUTH = []   # (key, type, accessory_of, model, path, colour, fits, title, brand)
WELSH = []   # (sku, Welsh name)
ENTITY = [0]


def grade_path(short):
    return C[short].replace("/", " > ") if short else ""


def dmy(d, m, y):
    return "%02d/%02d/%04d" % (d, m, y)


def stamp():
    ENTITY[0] += 1
    d = 1 + ENTITY[0] % 28
    m = 1 + (ENTITY[0] // 28) % 12
    return "%s, %02d:%02d" % (dmy(d, m, 2024 + ENTITY[0] // 400), 8 + ENTITY[0] % 9, ENTITY[0] % 60)


def slug(s):
    out, dash = "", False
    for c in s.lower():
        if c.isalnum() and c.isascii():
            out += c
            dash = False
        elif not dash and out:
            out += "-"
            dash = True
    return out.strip("-")


def image(sku):
    s = slug(sku)
    return "/%s/%s/%s.jpg" % (s[0], s[1] if len(s) > 1 else "_", s)


def money(x):
    return "%.6f" % x


def html_desc(paras, bullets, builder):
    body = "".join("<p>%s</p>" % p for p in paras)
    if bullets:
        body += "<ul>" + "".join("<li>%s</li>" % b for b in bullets) + "</ul>"
    if not builder:
        return body
    pb = "%05X" % R.randrange(16 ** 5)
    return ('<style>#html-body [data-pb-style=%s]{justify-content:flex-start;display:flex;flex-direction:column}</style>'
            '<div data-content-type="row" data-appearance="contained" data-element="main">'
            '<div data-enable-parallax="0" data-parallax-speed="0.5" data-element="inner" data-pb-style="%s">'
            '<div data-content-type="text" data-appearance="default" data-element="main">%s</div></div></div>') % (pb, pb, body)


def attrs(pairs):
    return ",".join("%s=%s" % (k, v) for k, v in pairs if v)


def row(sku, ptype, name, short, price, *, desc="", shortdesc="", visibility="Catalog, Search", online=1,
        qty=None, in_stock=True, attr_pairs=(), special=None, extra_cats=(), set_code="Default", weight=1.0,
        variations="", labels="", bundle_values="", associated="", manage=True, backorders=0):
    cats = []
    if short:
        cats.append(ROOT + "/" + C[short])
        cats.extend(ROOT + "/" + e for e in extra_cats)
    if qty is None:
        qty = 0 if not in_stock else R.choice([3, 5, 8, 12, 20, 35, 60, 120])
    created = stamp()
    d = {c: "" for c in COLS}
    d.update({
        "sku": sku, "attribute_set_code": set_code, "product_type": ptype, "categories": ",".join(cats),
        "product_websites": "base", "name": name, "description": desc, "short_description": shortdesc,
        "weight": "%.6f" % weight if ptype in ("simple",) else "", "product_online": str(online),
        "tax_class_name": "Taxable Goods", "visibility": visibility, "price": money(price) if price is not None else "",
        "url_key": slug(name) if visibility != "Not Visible Individually" else slug(sku),
        "meta_title": name, "meta_keywords": name, "meta_description": name,
        "base_image": image(sku), "base_image_label": name, "small_image": image(sku), "small_image_label": name,
        "thumbnail_image": image(sku), "thumbnail_image_label": name,
        "created_at": created, "updated_at": created, "display_product_options_in": "Block after Info Column",
        "gift_message_available": "Use config", "msrp_display_actual_price_type": "Use config",
        "page_layout": "Product -- Full Width" if ptype == "configurable" else "",
        "additional_attributes": attrs(attr_pairs),
        "qty": "%.4f" % qty, "out_of_stock_qty": "0.0000", "use_config_min_qty": "1", "is_qty_decimal": "0",
        "allow_backorders": str(backorders), "use_config_backorders": "1" if backorders == 0 else "0",
        "min_cart_qty": "1.0000", "use_config_min_sale_qty": "1",
        "max_cart_qty": "10000.0000", "use_config_max_sale_qty": "1", "is_in_stock": "1" if in_stock else "0",
        "notify_on_stock_below": "1.0000", "use_config_notify_stock_qty": "1",
        "manage_stock": "1" if manage else "0", "use_config_manage_stock": "1" if manage else "0",
        "use_config_qty_increments": "1", "qty_increments": "1.0000", "use_config_enable_qty_inc": "1",
        "enable_qty_increments": "0", "is_decimal_divided": "0", "website_id": "0",
        "configurable_variations": variations, "configurable_variation_labels": labels,
        "bundle_values": bundle_values, "associated_skus": associated,
    })
    if ptype in ("configurable", "bundle", "grouped"):
        d["qty"] = "0.0000"
    if ptype == "bundle":
        d.update({"bundle_price_type": "dynamic", "bundle_sku_type": "dynamic", "bundle_price_view": "Price range",
                  "bundle_weight_type": "dynamic", "bundle_shipment_type": "together"})
    if special:
        sp, (frm, to) = special
        d["special_price"] = money(sp)
        d["special_price_from_date"] = frm
        d["special_price_to_date"] = to
    ROWS.append(d)
    return d


def sale(price):
    """About one product in nine is on special price: open-ended, within dates that end in
    2030, over (2024) or not yet begun (2031); the judge reads regular prices."""
    x = R.random()
    if x > 0.11:
        return None
    sp = round(price * R.choice([0.8, 0.75, 0.85, 0.7]), 2) - 0.01
    kind = R.choice(["open", "window", "over", "later"])
    return sp, {"open": (dmy(1, 3, 2025), ""), "window": (dmy(15, 4, 2025), dmy(31, 12, 2030)),
                "over": (dmy(1, 6, 2024), dmy(30, 6, 2024)), "later": (dmy(1, 3, 2031), dmy(31, 3, 2031))}[kind]


def stock():
    return R.random() > 0.08


def truth(key, typ, of, model, short, colour, fits, title, brand):
    TRUTH.append((key, typ, of, model, grade_path(short), colour, "|".join(fits), title, brand))


def simple(sku, typ, name, short, price, brand, *, of="", model="", fits=(), colour="", desc=(), bullets=(),
           extra=(), builder=False, shortdesc="", extra_cats=(), online=1, in_stock=None, welsh="", **kw):
    if in_stock is None:
        in_stock = stock()
    pairs = [("brand", brand), ("ean", ean()), ("mpn", model)] + list(extra)
    if colour:
        pairs.append(("color", colour))
    row(sku, "simple", name, short, price, desc=html_desc(desc or [name + "."], bullets, builder),
        shortdesc=shortdesc, attr_pairs=pairs, special=sale(price), extra_cats=extra_cats, online=online,
        in_stock=in_stock, **kw)
    truth(sku, typ, of, model, short, colour, fits, name, brand)
    if welsh:
        WELSH.append((sku, welsh))


def configurable(sku, typ, name, short, brand, children, *, of="", model="", fits=(), colour="", desc=(),
                 bullets=(), codes=("size",), labels=("Size",), extra=(), builder=False, welsh="", online=1):
    """children: (suffix, {code: value}, price). The wizard names a child
    "<name>-<value>-<value>"; its option values go in its additional_attributes too."""
    variations = []
    for suffix, values, price in children:
        csku = sku + "-" + suffix
        cname = name + "-" + "-".join(values[c] for c in codes)
        pairs = [("brand", brand), ("ean", ean())] + [(c, values[c]) for c in codes]
        row(csku, "simple", cname, "", price, visibility="Not Visible Individually", attr_pairs=pairs,
            special=sale(price), in_stock=stock(), weight=1.0)
        variations.append("sku=%s,%s" % (csku, ",".join("%s=%s" % (c, values[c]) for c in codes)))
    row(sku, "configurable", name, short, None, desc=html_desc(desc or [name + "."], bullets, builder),
        attr_pairs=[("brand", brand)] + list(extra), variations="|".join(variations),
        labels=",".join("%s=%s" % (c, l) for c, l in zip(codes, labels)), online=online)
    truth(sku, typ, of, model, short, colour, fits, name, brand)
    if welsh:
        WELSH.append((sku, welsh))


ean_n = [0]


def ean():
    ean_n[0] += 1
    body = "506%09d" % (412000 + ean_n[0] * 53)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


# --- garden power tools: three battery platforms, mowers, trimmers, their blades and spools
PLATFORMS = {"Verdan": "Verdan 36V", "Thornbury": "Thornbury 40V", "Greenhill": "Greenhill 18V"}
MOWERS = [  # model, brand, cut cm, power, price
    ("VLM36-34", "Verdan", 34, "36V cordless", 229), ("VLM36-37", "Verdan", 37, "36V cordless", 279),
    ("VLM36-46SP", "Verdan", 46, "36V cordless self-propelled", 449), ("VEM1300-32", "Verdan", 32, "1300W electric", 89),
    ("VEM1600-37", "Verdan", 37, "1600W electric", 129), ("TLM40-41", "Thornbury", 41, "40V cordless", 329),
    ("TLM40-48", "Thornbury", 48, "40V cordless", 399), ("TPM46S", "Thornbury", 46, "petrol self-propelled", 379),
    ("TPM51S", "Thornbury", 51, "petrol self-propelled", 459), ("GLM18-33", "Greenhill", 33, "18V cordless", 169),
    ("GHM30", "Greenhill", 30, "hand push cylinder", 59), ("GEH1000", "Greenhill", 30, "1000W electric hover", 69),
]
CORDLESS = {b: [] for b in PLATFORMS}  # the cordless tools of each platform, by brand
for model, brand, cut, power, price in MOWERS:
    if "hover" in power or "cylinder" in power:
        what = "%s %s Mower" % (power.split(" ", 1)[0] if "hover" in power else "Hand Push", "Electric Hover" if "hover" in power else "Cylinder")
    elif "cordless" in power:
        what = "%s Cordless %sLawn Mower" % (power.split()[0], "Self-Propelled " if "self" in power else "")
    elif "petrol" in power:
        what = "Petrol Self-Propelled Lawn Mower"
    else:
        what = "%s Electric Lawn Mower" % power.split()[0]
    plat = PLATFORMS[brand] if "cordless" in power else ""
    if plat:
        CORDLESS[brand].append(model)
    simple(model, "lawn-mower", "%s %s %d cm %s" % (brand, what, cut, model), "mowers", price, brand,
           model=model, fits=[plat] if plat else [],
           desc=["A %d cm cut for %s lawns, %s." % (cut, "small" if cut < 36 else "medium" if cut < 44 else "large",
                                                    "on a battery" if plat else "with a petrol engine" if "petrol" in power else "pushed by hand" if "cylinder" in power else "on mains power"),
                 "Height adjusts from 20 to 70 mm; the grass box folds flat for storing."],
           bullets=["Cutting width %d cm" % cut, "Rear roller for stripes" if cut > 36 else "Lightweight deck"],
           builder=R.random() < 0.3, extra=[("cutting_width", "%d cm" % cut)],
           welsh="Peiriant torri gwair %d cm" % cut if model in ("VLM36-34", "GLM18-33") else "")
# blades: each fits the mowers of its cut and brand
BLADES = [("VB34", "Verdan", ["VLM36-34"], 34), ("VB37", "Verdan", ["VLM36-37", "VEM1600-37"], 37),
          ("VB46", "Verdan", ["VLM36-46SP"], 46), ("VB32", "Verdan", ["VEM1300-32"], 32),
          ("TB41", "Thornbury", ["TLM40-41"], 41), ("TB48", "Thornbury", ["TLM40-48"], 48),
          ("TB46P", "Thornbury", ["TPM46S"], 46), ("TB51P", "Thornbury", ["TPM51S"], 51),
          ("GB33", "Greenhill", ["GLM18-33"], 33), ("GB30H", "Greenhill", ["GEH1000"], 30)]
for code, brand, fits, cut in BLADES:
    simple(code, "mower-blade", "%s Replacement Mower Blade %d cm for %s" % (brand, cut, " and ".join(fits)), "blades",
           R.choice([14.99, 17.99, 19.99, 24.99]), brand, of="lawn-mower", model=code, fits=fits + ["%d cm" % cut],
           desc=["A hardened steel blade for the %s, balanced and sharpened ready to fit." % " and ".join(fits)],
           extra=[("compatible_models", ", ".join(fits))])
TRIMMERS = [("VGT36-30", "Verdan", "36V Cordless Grass Trimmer 30 cm", 30, 119), ("VGT36-33", "Verdan", "36V Cordless Grass Trimmer 33 cm", 33, 149),
            ("VGT500", "Verdan", "500W Electric Grass Trimmer 25 cm", 25, 49), ("TGT40-35", "Thornbury", "40V Cordless Strimmer 35 cm", 35, 179),
            ("TBC43P", "Thornbury", "43cc Petrol Brushcutter", 43, 249), ("GGT18-25", "Greenhill", "18V Cordless Grass Trimmer 25 cm", 25, 69),
            ("GGT350", "Greenhill", "350W Electric Lawn Edger and Trimmer", 23, 34)]
for model, brand, what, cut, price in TRIMMERS:
    typ = "brushcutter" if "Brushcutter" in what else "grass-trimmer"
    cordless = "Cordless" in what
    if cordless:
        CORDLESS[brand].append(model)
    simple(model, typ, "%s %s %s" % (brand, what, model), "trimmers", price, brand, model=model,
           fits=[PLATFORMS[brand]] if cordless else [],
           desc=["Trims long grass and edges along paths and borders.", "Automatic line feed; a guard keeps stones off."],
           bullets=["%d cm cutting width" % cut if cut < 40 else "%dcc two-stroke engine" % cut])
SPOOLS = [("VSP16", "Verdan", ["VGT36-30", "VGT36-33", "VGT500"], "1.6 mm"), ("VSP20", "Verdan", ["VGT36-33"], "2.0 mm"),
          ("TSP20", "Thornbury", ["TGT40-35"], "2.0 mm"), ("TSP24", "Thornbury", ["TBC43P"], "2.4 mm"),
          ("GSP15", "Greenhill", ["GGT18-25", "GGT350"], "1.5 mm")]
for code, brand, fits, line in SPOOLS:
    simple(code, "trimmer-spool", "%s Spool and Line %s for %s" % (brand, line, ", ".join(fits)), "spools",
           R.choice([6.99, 8.99, 9.99]), brand, of="grass-trimmer", model=code, fits=fits,
           desc=["A wound spool of %s line that clicks into the trimmer head." % line])
    simple(code + "-3", "trimmer-spool", "%s Spool and Line %s, Pack of 3, for %s" % (brand, line, ", ".join(fits)), "spools",
           R.choice([15.99, 17.99]), brand, of="grass-trimmer", model=code + "-3", fits=fits,
           desc=["Three wound spools of %s line." % line])
for code, brand, dia in [("GTL-RND", "Greenhill", "Round"), ("GTL-TWS", "Greenhill", "Twisted"), ("VTL-STAR", "Verdan", "Star")]:
    configurable(code, "trimmer-line", "%s %s Trimmer Line" % (brand, dia), "spools", brand,
                 [("%s-%dM" % (d.replace(".", "").replace(" mm", ""), length), {"size": "%s x %d m" % (d, length)},
                   p + (4 if length == 50 else 0)) for d, p in [("1.6 mm", 4.99), ("2.0 mm", 5.99), ("2.4 mm", 6.99)]
                  for length in (15, 50)],
                 of="grass-trimmer", desc=["Nylon line for grass trimmers and brushcutters, cut to length from the roll."])
HEDGE = [("VHT36-55", "Verdan", "36V Cordless Hedge Trimmer 55 cm", 139), ("VHT600", "Verdan", "600W Electric Hedge Trimmer 60 cm", 79),
         ("TPH40", "Thornbury", "40V Cordless Long Reach Hedge Trimmer", 219), ("GHT18-45", "Greenhill", "18V Cordless Hedge Trimmer 45 cm", 74)]
for model, brand, what, price in HEDGE:
    if "Cordless" in what:
        CORDLESS[brand].append(model)
    simple(model, "hedge-trimmer", "%s %s %s" % (brand, what, model), "hedge", price, brand, model=model,
           fits=[PLATFORMS[brand]] if "Cordless" in what else [],
           desc=["Double-action blades cut branches up to 20 mm thick."])
BLOWERS = [("VLB36", "Verdan", "36V Cordless Leaf Blower", 99), ("VBV3000", "Verdan", "3000W Electric Blower Vac", 69),
           ("TLB40", "Thornbury", "40V Cordless Leaf Blower", 149), ("GLB18", "Greenhill", "18V Cordless Leaf Blower", 49)]
for model, brand, what, price in BLOWERS:
    if "Cordless" in what:
        CORDLESS[brand].append(model)
    simple(model, "leaf-blower", "%s %s %s" % (brand, what, model), "blowers", price, brand, model=model,
           fits=[PLATFORMS[brand]] if "Cordless" in what else [],
           desc=["Clears leaves and clippings from patios and paths." + (" Vacuums and shreds into its bag." if "Vac" in what else "")])
for code, brand, ah, price in [("VBAT36-2", "Verdan", "2.0Ah", 79), ("VBAT36-4", "Verdan", "4.0Ah", 119),
                               ("TBAT40-25", "Thornbury", "2.5Ah", 99), ("TBAT40-5", "Thornbury", "5.0Ah", 159),
                               ("GBAT18-2", "Greenhill", "2.0Ah", 39), ("GBAT18-4", "Greenhill", "4.0Ah", 59)]:
    plat = PLATFORMS[brand]
    simple(code, "garden-battery", "%s %s Battery %s %s" % (brand, plat.split()[1], ah, code), "batteries", price, brand,
           of="cordless-garden-tool", model=code, fits=[plat] + CORDLESS[brand],
           desc=["A lithium-ion battery for every tool of the %s range." % plat])
for code, brand, what, price in [("VCH36", "Verdan", "Standard Charger", 35), ("VCH36F", "Verdan", "Fast Charger", 59),
                                 ("TCH40", "Thornbury", "Rapid Charger", 69), ("GCH18", "Greenhill", "Charger", 24)]:
    plat = PLATFORMS[brand]
    simple(code, "garden-charger", "%s %s %s %s" % (brand, plat.split()[1], what, code), "batteries", price, brand,
           of="cordless-garden-tool", model=code, fits=[plat], desc=["Charges the %s batteries." % plat])

# --- watering: hoses by diameter and length, reels, fittings by diameter
HOSES = [("GH-HOSE-ESS", "Greenhill", "Essentials Garden Hose", 0.0), ("AQ-FLEX", "Aquaflo", "Flexi Anti-Kink Garden Hose", 6.0),
         ("AQ-LITE", "Aquaflo", "Lite Garden Hose", 2.0),
         ("AQ-PRO", "Aquaflo", "Pro Reinforced Garden Hose", 12.0)]
for code, brand, what, add in HOSES:
    for dia, dprice in [("12.5 mm", 0), ("15 mm", 5), ("19 mm", 11)]:
        dk = dia.replace(".", "").replace(" mm", "")
        configurable("%s-%s" % (code, dk), "garden-hose", "%s %s %s (%s)" % (brand, what, dia, {"12.5 mm": "1/2 in", "15 mm": "5/8 in", "19 mm": "3/4 in"}[dia]),
                     "hoses", brand,
                     [("%dM" % length, {"hose_length": "%d m" % length}, round(9.99 + add + dprice + length * 0.35) - 0.01)
                      for length in ((15, 25, 30, 50) if dia != "19 mm" else (25, 50))],
                     codes=("hose_length",), labels=("Hose Length",), fits=[dia],
                     desc=["%s bore hose for watering gardens and washing cars." % dia, "UV-stabilised and kink resistant."],
                     extra=[("hose_diameter", dia)], welsh="Pibell ardd %s" % dia if code == "GH-HOSE-ESS" else "")
for code, brand, what, price in [("AQ-REEL-WALL", "Aquaflo", "Wall Mounted Hose Reel, holds 30 m of 12.5 mm hose", 34.99),
                                 ("AQ-REEL-CART", "Aquaflo", "Hose Reel Cart, holds 60 m of 12.5 mm hose", 49.99),
                                 ("AQ-REEL-AUTO", "Aquaflo", "Auto Rewind Wall Hose Reel with 20 m Hose", 119.99),
                                 ("GH-REEL-MINI", "Greenhill", "Compact Hose Reel with 15 m Hose and Fittings", 24.99),
                                 ("GH-REEL-CART", "Greenhill", "Hose Trolley, holds 50 m", 29.99)]:
    simple(code, "hose-reel", "%s %s" % (brand, what), "reels", price, brand, model=code,
           desc=["Keeps the hose tidy and off the lawn."])
FITTINGS = [("AQ-CONN", "Aquaflo", "Hose Connector", "hose-connector"), ("AQ-STOP", "Aquaflo", "Waterstop Hose Connector", "hose-connector"),
            ("AQ-2WAY", "Aquaflo", "Two Way Hose Splitter", "hose-connector"), ("AQ-CLIP", "Aquaflo", "Hose Clamp Clips, Pack of 4", "hose-connector"),
            ("AQ-REPAIR", "Aquaflo", "Hose Repair Joiner", "hose-connector"), ("GH-CONN", "Greenhill", "Hose End Connector", "hose-connector")]
for code, brand, what, typ in FITTINGS:
    for dia in ("12.5 mm", "15 mm", "19 mm"):
        dk = dia.replace(".", "").replace(" mm", "")
        simple("%s-%s" % (code, dk), typ, "%s %s for %s Hose" % (brand, what, dia), "fittings", R.choice([2.99, 3.49, 3.99, 4.49]),
               brand, of="garden-hose", model="%s-%s" % (code, dk), fits=[dia],
               desc=["Click-on fitting for %s bore hose." % dia])
for code, brand, what in [("AQ-TAP-34", "Aquaflo", "Outdoor Tap Connector 3/4 in BSP"), ("AQ-TAP-12", "Aquaflo", "Indoor Tap Connector 1/2 in BSP"),
                          ("AQ-TAP-MIX", "Aquaflo", "Mixer Tap Connector"), ("GH-TAP-34", "Greenhill", "Threaded Tap Connector 3/4 in")]:
    simple(code, "tap-connector", "%s %s" % (brand, what), "fittings", R.choice([3.99, 4.99, 6.99]), brand, of="garden-hose",
           model=code, desc=["Joins a garden hose to a tap."])
for code, brand, what, price in [("AQ-GUN-8", "Aquaflo", "8 Pattern Spray Gun", 12.99), ("AQ-LANCE", "Aquaflo", "Watering Lance 90 cm", 19.99),
                                 ("GH-NOZZLE", "Greenhill", "Adjustable Hose Nozzle", 5.99)]:
    simple(code, "spray-gun", "%s %s" % (brand, what), "fittings", price, brand, of="garden-hose", model=code,
           desc=["Fits the end of a garden hose; trigger lock for long spells of watering."])
for code, brand, what, price in [("AQ-SPR-OSC", "Aquaflo", "Oscillating Sprinkler, waters up to 250 m2", 19.99),
                                 ("AQ-SPR-ROT", "Aquaflo", "Rotating Sprinkler", 11.99), ("AQ-SPR-PULSE", "Aquaflo", "Pulse Sprinkler on Spike", 16.99),
                                 ("GH-SPR-SOAK", "Greenhill", "Soaker Hose 15 m", 12.99), ("AQ-TIMER", "Aquaflo", "Digital Water Timer", 39.99)]:
    typ = "water-timer" if "Timer" in what else "soaker-hose" if "Soaker" in what else "sprinkler"
    simple(code, typ, "%s %s" % (brand, what), "sprinklers", price, brand, model=code, desc=["Waters the lawn while you are away."])
configurable("GH-CAN-10", "watering-can", "Greenhill Plastic Watering Can 10 L", "cans", "Greenhill",
             [(c.upper().replace(" ", ""), {"color": c}, 6.99) for c in ("Green", "Grey", "Terracotta")], codes=("color",), labels=("Colour",),
             desc=["A long-spouted can with a brass-effect rose."])
for code, brand, what, price, colour in [("TC-CAN-GALV9", "Terracraft", "Galvanised Steel Watering Can 9 L", 29.99, "Silver"),
                                         ("TC-CAN-IND2", "Terracraft", "Indoor Watering Can 2 L", 12.99, "Black"),
                                         ("GH-CAN-5", "Greenhill", "Watering Can 5 L", 3.99, "Green")]:
    simple(code, "watering-can", "%s %s" % (brand, what), "cans", price, brand, model=code, colour=colour)

# --- pots and saucers by size
POTS = [("TC-TERRA", "Terracraft", "Classic Terracotta Pot", ("Terracotta",), 4.0, "terracotta"),
        ("TC-GLAZE", "Terracraft", "Glazed Ceramic Planter", ("Blue", "Cream", "Black"), 9.0, "glazed ceramic"),
        ("TC-FIBRE", "Terracraft", "Lightweight Fibre Clay Pot", ("Anthracite", "Stone"), 7.0, "fibre clay"),
        ("GH-PLAS", "Greenhill", "Round Plastic Plant Pot", ("Black", "Terracotta", "Green"), 0.5, "plastic"),
        ("GH-SQ", "Greenhill", "Square Planter", ("Anthracite", "Cream"), 5.0, "plastic"),
        ("VR-ZINC", "Verano Home", "Zinc Planter", ("Silver",), 8.0, "zinc"),
        ("VR-TALL", "Verano Home", "Tall Contemporary Planter", ("Black", "White"), 15.0, "fibreglass"),
        ("TC-LONGTOM", "Terracraft", "Long Tom Terracotta Pot", ("Terracotta",), 5.0, "terracotta"),
        ("VR-ORIENT", "Verano Home", "Oriental Glazed Pot", ("Blue", "Green", "Red"), 12.0, "glazed stoneware"),
        ("GH-BASKET", "Greenhill", "Hanging Basket with Liner", ("Black", "Green"), 3.0, "wire")]
for code, brand, what, colours, base, material in POTS:
    sizes = ((30, 40, 50) if "Tall" in what or "Oriental" in what else (25, 30, 35, 40) if "Basket" in what
             else (12, 15, 20, 25, 30, 35, 40, 50))
    children = []
    for c in colours:
        for s in sizes:
            children.append(("%s-%d" % (c.upper().replace(" ", ""), s), {"color": c, "size": "%d cm" % s}, round(base + s * s * 0.012, 2) + 0.99))
    configurable(code, "plant-pot", "%s %s" % (brand, what), "pots", brand, children, codes=("color", "size"), labels=("Colour", "Size"),
                 desc=["A %s pot with a drainage hole, frost resistant to -10 C." % material],
                 extra=[("material", material)], welsh="Pot planhigion" if code == "TC-TERRA" else "")
for code, brand, what, material in [("TC-SAU", "Terracraft", "Terracotta Pot Saucer", "terracotta"),
                                    ("GH-SAU", "Greenhill", "Plastic Plant Saucer", "plastic")]:
    for s in (15, 20, 25, 30, 40, 50):
        simple("%s-%d" % (code, s), "pot-saucer", "%s %d cm (fits %d cm pots)" % (brand + " " + what, s + 2, s), "saucers",
               round(1.0 + s * 0.08, 2) - 0.01, brand, of="plant-pot", model="%s-%d" % (code, s), fits=["%d cm" % s],
               desc=["Catches water under a %d cm pot." % s], extra=[("material", material), ("size", "%d cm" % s)])
for code, brand, what, price in [("TC-TROUGH-60", "Terracraft", "Terracotta Trough 60 cm", 24.99),
                                 ("GH-WB-50", "Greenhill", "Self-Watering Window Box 50 cm", 8.99),
                                 ("GH-WB-80", "Greenhill", "Window Box 80 cm", 9.99), ("VR-TROUGH-100", "Verano Home", "Zinc Trough 100 cm", 59.99)]:
    simple(code, "trough", "%s %s" % (brand, what), "troughs", price, brand, model=code, desc=["Long planter for herbs and bedding."])

# --- seeds, bulbs, plants
VEG = ["Tomato 'Gardener's Delight'", "Tomato 'Moneymaker'", "Cherry Tomato 'Sungold'", "Carrot 'Early Nantes'", "Carrot 'Autumn King'",
       "Runner Bean 'Enorma'", "Runner Bean 'Painted Lady'", "Broad Bean 'Aquadulce'", "French Bean 'Cobra'", "Pea 'Kelvedon Wonder'",
       "Lettuce 'Little Gem'", "Lettuce 'Lollo Rosso'", "Courgette 'Defender'", "Cucumber 'Marketmore'", "Beetroot 'Boltardy'",
       "Radish 'French Breakfast'", "Spinach 'Giant Winter'", "Onion 'Ailsa Craig'", "Leek 'Musselburgh'", "Parsnip 'Tender and True'",
       "Sweetcorn 'Incredible'", "Pumpkin 'Atlantic Giant'", "Squash 'Butternut'", "Chilli 'Cayenne'", "Sweet Pepper 'California Wonder'",
       "Kale 'Nero di Toscana'", "Cabbage 'Greyhound'", "Broccoli 'Purple Sprouting'", "Brussels Sprout 'Evesham Special'",
       "Basil 'Sweet Genovese'", "Parsley 'Moss Curled'", "Coriander 'Calypso'", "Chives", "Mint", "Rocket 'Wild'",
       "Spring Onion 'White Lisbon'", "Swiss Chard 'Bright Lights'", "Celeriac 'Prinz'", "Aubergine 'Black Beauty'", "Strawberry 'Temptation'",
       "Tomato 'Alicante'", "Tomato 'Shirley'", "Beefsteak Tomato 'Marmande'", "Plum Tomato 'Roma'", "Carrot 'Chantenay Red Cored'",
       "Runner Bean 'Scarlet Emperor'", "Climbing French Bean 'Blue Lake'", "Pea 'Hurst Green Shaft'", "Mangetout 'Oregon Sugar Pod'",
       "Lettuce 'Cos Lobjoits Green'", "Lettuce 'Salad Bowl'", "Courgette 'Black Beauty'", "Cucumber 'Burpless Tasty Green'",
       "Beetroot 'Chioggia'", "Radish 'Cherry Belle'", "Onion 'Red Baron'", "Kale 'Dwarf Green Curled'", "Cauliflower 'All Year Round'",
       "Turnip 'Purple Top Milan'", "Dill 'Bouquet'", "Thyme 'Common'", "Oregano", "Sage 'Broad Leaved'", "Melon 'Outdoor Wonder'"]
FLOWERS = ["Sweet Pea 'Spencer Mixed'", "Sunflower 'Giant Single'", "Sunflower 'Teddy Bear'", "Cosmos 'Sensation Mixed'",
           "Nasturtium 'Tom Thumb'", "Marigold 'French Dwarf'", "Poppy 'Shirley Mixed'", "Cornflower 'Blue Ball'",
           "Wildflower Meadow Mix", "Foxglove 'Excelsior'", "Lupin 'Russell Mixed'", "Zinnia 'Dahlia Flowered'",
           "Sweet William 'Auricula Eyed'", "Lobelia 'Crystal Palace'", "Aster 'Ostrich Plume'", "Snapdragon 'Madame Butterfly'",
           "Nigella 'Love in a Mist'", "Calendula 'Pacific Beauty'", "Alyssum 'Carpet of Snow'", "Hollyhock 'Chaters Double'",
           "Lavender 'Munstead'", "Forget-me-not 'Blue Ball'", "Petunia 'F1 Mixed'", "Bee and Butterfly Mix",
           "Sweet Pea 'Cupani'", "Sunflower 'Russian Giant'", "Cosmos 'Purity'", "Nasturtium 'Empress of India'", "Echinacea 'Purpurea'",
           "Rudbeckia 'Goldsturm'", "Delphinium 'Pacific Giant'", "Stock 'Night Scented'", "Viola 'Johnny Jump Up'", "Salvia 'Blue Victoria'",
           "Verbena 'Bonariensis'", "Morning Glory 'Heavenly Blue'"]
for brand, prefix, add in [("Seedwise", "SW", 0.0), ("Greenhill", "GHS", -0.5), ("Bloomfield", "BFS", 0.3)]:
    for i, v in enumerate(VEG + FLOWERS):
        if brand == "Greenhill" and i % 3 == 1:
            continue
        veg = v in VEG
        plant = v.split(" '")[0]
        code = "%s-%03d" % (prefix, i + 1)
        organic = brand == "Seedwise" and i % 5 == 0
        name = "%s %s%s Seeds" % (brand, "Organic " if organic else "", v)
        simple(code, "vegetable-seeds" if veg else "flower-seeds", name, "vegseeds" if veg else "flowerseeds",
               round(R.choice([1.99, 2.49, 2.99, 3.49]) + add, 2), brand, model=code,
               desc=["Sow %s from %s; about %d seeds." % ("under cover" if plant in ("Tomato", "Chilli", "Aubergine", "Sweet Pepper", "Cherry Tomato") else "outdoors",
                                                       R.choice(["March", "April", "May"]), R.choice([20, 30, 50, 100, 200]))],
               welsh="Hadau %s" % plant.lower() if code in ("SW-001", "SW-004") else "")
BULBS = [("Tulip", ["Queen of Night", "Apeldoorn Red", "White Triumphator", "Ballerina", "Mixed Darwin Hybrids", "Angelique", "Negrita"]),
         ("Daffodil", ["Tete-a-Tete", "Dutch Master", "Jetfire", "Thalia", "Mixed"]), ("Crocus", ["Large Flowering Mixed", "Tommasinianus"]),
         ("Allium", ["Purple Sensation", "Globemaster"]), ("Hyacinth", ["Delft Blue", "Pink Pearl"]), ("Snowdrop", ["Single", "Double"]),
         ("Dahlia", ["Bishop of Llandaff", "Cafe au Lait"]), ("Lily", ["Stargazer", "Regale"]), ("Gladioli", ["Mixed"]),
         ("Iris", ["Reticulata", "Harmony"]), ("Anemone", ["De Caen Mixed", "Blanda Blue"]), ("Bluebell", ["English"]),
         ("Muscari", ["Armeniacum"]), ("Fritillaria", ["Meleagris"]), ("Begonia", ["Pendula Mixed"]), ("Freesia", ["Double Mixed"])]
for kind, varieties in BULBS:
    for v in varieties:
        code = "BB-%s-%s" % (kind[:3].upper(), slug(v)[:10].upper())
        autumn = kind in ("Tulip", "Daffodil", "Crocus", "Allium", "Hyacinth", "Snowdrop", "Iris", "Anemone", "Bluebell")
        configurable(code, "flower-bulbs", "Bloomfield %s '%s' Bulbs" % (kind, v), "bulbs", "Bloomfield",
                     [("%d" % n, {"size": "Pack of %d" % n}, round(2.5 + n * R.choice([0.12, 0.18, 0.25]), 2) - 0.01)
                      for n in ((10, 25, 50, 100) if kind not in ("Dahlia", "Lily") else (3, 5))],
                     desc=["%s-planted %s bulbs for borders and pots." % ("Autumn" if autumn else "Spring", kind.lower())])
SHRUBS = [("Rose", "shrub-rose", ["'Graham Thomas'", "'Gertrude Jekyll'", "'Iceberg'", "'Peace'", "'Munstead Wood'"]),
          ("Climbing Rose", "climbing-rose", ["'New Dawn'", "'Compassion'", "'Albertine'"]),
          ("Clematis", "climber", ["'Nelly Moser'", "'Montana Rubens'", "'Etoile Violette'"]),
          ("Honeysuckle", "climber", ["'Graham Thomas'", "'Serotina'"]), ("Lavender", "shrub", ["'Hidcote'", "'Munstead'"]),
          ("Hydrangea", "shrub", ["'Annabelle'", "'Endless Summer'", "Macrophylla Blue"]), ("Buddleja", "shrub", ["'Royal Red'"]),
          ("Hebe", "shrub", ["'Green Globe'", "'Rosie'"]), ("Acer", "tree", ["Palmatum 'Bloodgood'", "Palmatum 'Sango-kaku'"]),
          ("Apple Tree", "fruit-tree", ["'Cox's Orange Pippin'", "'Bramley'", "'Braeburn'"]), ("Cherry Tree", "fruit-tree", ["'Stella'"]),
          ("Blueberry", "fruit-bush", ["'Bluecrop'", "'Duke'"]), ("Raspberry", "fruit-bush", ["'Glen Ample'", "'Autumn Bliss'"]),
          ("Box Ball", "shrub", ["Buxus sempervirens 25 cm"]), ("Camellia", "shrub", ["'Donation'", "'Debbie'"]),
          ("Rhododendron", "shrub", ["'Cunningham's White'", "'Nova Zembla'"]), ("Fern", "perennial", ["Dryopteris", "Hart's Tongue"]),
          ("Hosta", "perennial", ["'June'", "'Frances Williams'"]), ("Salvia", "perennial", ["'Caradonna'", "'Hot Lips'"]),
          ("Geranium", "perennial", ["'Rozanne'", "'Johnson's Blue'"]), ("Wisteria", "climber", ["Sinensis"]),
          ("Jasmine", "climber", ["Officinale"]), ("Pear Tree", "fruit-tree", ["'Conference'"]), ("Plum Tree", "fruit-tree", ["'Victoria'"]), ("Olive Tree", "tree", ["Olea europaea"]), ("Bay Tree", "tree", ["Laurus nobilis Standard"])]
for kind, typ, varieties in SHRUBS:
    for v in varieties:
        code = "PL-%s-%s" % (slug(kind)[:4].upper(), slug(v)[:10].upper())
        sizes = [("2L", "2 L pot", 12.99), ("5L", "5 L pot", 24.99)] if typ not in ("tree", "fruit-tree") else [("10L", "10 L pot", 39.99), ("20L", "20 L pot", 69.99)]
        configurable(code, typ, "%s %s" % (kind, v), "shrubs", "Greenhill",
                     [(k, {"size": s}, p + R.choice([0, 2, 5])) for k, s, p in sizes],
                     desc=["Grown in our own nursery and sent in its pot.", "Hardy; plant out any time the ground is not frozen."])
for name, price in [("Geranium Trailing Mixed, 6 Plug Plants", 7.99), ("Petunia Surfinia Mixed, 12 Plug Plants", 12.99),
                    ("Begonia Non-Stop Mixed, 6 Plants", 8.99), ("Fuchsia Hardy Mixed, 5 Plants", 9.99), ("Busy Lizzie Mixed, 24 Plugs", 9.99),
                    ("Lobelia Trailing Blue, 12 Plugs", 6.99), ("Pansy Winter Flowering, 20 Plugs", 8.99), ("Cyclamen Mini, 6 Plants", 11.99),
                    ("Tomato Plant 'Gardener's Delight', 3 Plants", 7.99), ("Herb Collection, 6 Plants", 14.99)]:
    code = "BP-" + slug(name)[:12].upper()
    simple(code, "vegetable-plants" if "Tomato" in name or "Herb" in name else "bedding-plants", "Greenhill " + name, "bedding",
           price, "Greenhill", model=code, desc=["Sent as young plants ready to pot on."])

# --- compost, feed and weedkiller by volume
for code, brand, what, sizes, typ, short in [
        ("GR-MPC", "GrowRight", "Multi-Purpose Compost", [("40L", "40 L", 6.99), ("60L", "60 L", 8.99), ("3X60L", "3 x 60 L", 22.00)], "compost", "compost"),
        ("GR-PFREE", "GrowRight", "Peat-Free Multi-Purpose Compost", [("40L", "40 L", 7.49), ("50L", "50 L", 8.49)], "compost", "compost"),
        ("GR-ERIC", "GrowRight", "Ericaceous Compost", [("40L", "40 L", 7.99)], "compost", "compost"),
        ("GR-JI2", "GrowRight", "John Innes No. 2 Compost", [("25L", "25 L", 6.49), ("30L", "30 L", 7.49)], "compost", "compost"),
        ("GR-SEED", "GrowRight", "Seed and Cutting Compost", [("10L", "10 L", 3.99), ("20L", "20 L", 5.99)], "compost", "compost"),
        ("GH-TOPSOIL", "Greenhill", "Top Soil", [("20L", "20 L", 3.49), ("35L", "35 L", 4.99)], "topsoil", "compost"),
        ("GH-BARK", "Greenhill", "Decorative Bark Chippings", [("60L", "60 L", 7.99), ("100L", "100 L", 10.99)], "bark-mulch", "compost"),
        ("GH-MANURE", "Greenhill", "Farmyard Manure", [("50L", "50 L", 6.99)], "manure", "compost"),
        ("GR-TOM", "GrowRight", "Tomato Feed", [("1L", "1 L", 4.99), ("25L", "2.5 L", 8.99)], "plant-feed", "feed"),
        ("GR-ALL", "GrowRight", "All Purpose Liquid Plant Food", [("1L", "1 L", 4.49), ("25L", "2.5 L", 8.49)], "plant-feed", "feed"),
        ("GR-ROSE", "GrowRight", "Rose Feed Granules", [("1KG", "1 kg", 5.99), ("3KG", "3 kg", 12.99)], "plant-feed", "feed"),
        ("GR-BFB", "GrowRight", "Blood, Fish and Bone", [("15KG", "1.5 kg", 4.99), ("4KG", "4 kg", 9.99)], "plant-feed", "feed"),
        ("GR-ORCHID", "GrowRight", "Orchid Feed Drops", [("250ML", "250 ml", 3.99)], "plant-feed", "feed"),
        ("GH-GROWMORE", "Greenhill", "Growmore Granular Feed", [("15KG", "1.5 kg", 3.99)], "plant-feed", "feed"),
        ("GR-LAWN4", "GrowRight", "4 in 1 Lawn Feed, Weed and Moss Killer", [("100M", "100 m2", 12.99), ("400M", "400 m2", 29.99)], "lawn-feed", "lawnfeed"),
        ("GR-LAWNSUM", "GrowRight", "Summer Lawn Feed", [("150M", "150 m2", 9.99)], "lawn-feed", "lawnfeed"),
        ("GR-LAWNAUT", "GrowRight", "Autumn Lawn Feed", [("150M", "150 m2", 10.99)], "lawn-feed", "lawnfeed"),
        ("GR-MOSS", "GrowRight", "Lawn Moss Killer", [("100M", "100 m2", 8.99)], "moss-killer", "lawnfeed"),
        ("GH-SEED-LAWN", "Greenhill", "Hard Wearing Lawn Seed", [("500G", "500 g", 7.99), ("15KG", "1.5 kg", 17.99)], "grass-seed", "lawnfeed"),
        ("KW-RTU", "Killweed", "Ready to Use Weedkiller", [("1L", "1 L", 5.99), ("3L", "3 L", 11.99)], "weedkiller", "weedkiller"),
        ("KW-CONC", "Killweed", "Concentrated Weedkiller", [("500ML", "500 ml", 9.99), ("1L", "1 L", 16.99)], "weedkiller", "weedkiller"),
        ("KW-PATH", "Killweed", "Path and Patio Weedkiller", [("1L", "1 L", 6.99), ("5L", "5 L", 19.99)], "weedkiller", "weedkiller"),
        ("KW-LAWN", "Killweed", "Lawn Weedkiller for Dandelions and Clover", [("1L", "1 L", 7.99)], "lawn-weedkiller", "weedkiller"),
        ("GH-VINEGAR", "Greenhill", "Natural Acetic Acid Weedkiller", [("1L", "1 L", 5.49)], "weedkiller", "weedkiller"),
        ("KW-BRUSH", "Killweed", "Tough Brushwood Killer", [("250ML", "250 ml", 8.99)], "weedkiller", "weedkiller")]:
    if len(sizes) == 1:
        k, s, p = sizes[0]
        simple(code, typ, "%s %s %s" % (brand, what, s), short, p, brand, model=code, extra=[("size", s)],
               desc=["%s for gardens and containers." % what])
    else:
        configurable(code, typ, "%s %s" % (brand, what), short, brand, [(k, {"size": s}, p) for k, s, p in sizes],
                     desc=["%s for gardens and containers." % what], builder=R.random() < 0.3,
                     welsh="Compost aml-bwrpas" if code == "GR-MPC" else "")

# --- BBQs with covers, gas and tools
BBQS = [("EM-K47", "Emberline", "Kettle Charcoal BBQ 47 cm", "charcoal-bbq", 79, "charbbq", "47 cm kettle"),
        ("EM-K57", "Emberline", "Kettle Charcoal BBQ 57 cm", "charcoal-bbq", 149, "charbbq", "57 cm kettle"),
        ("EM-KAMADO", "Emberline", "Ceramic Kamado Charcoal Grill", "charcoal-bbq", 599, "charbbq", "kamado"),
        ("GH-BUCKET", "Greenhill", "Portable Bucket Charcoal BBQ", "charcoal-bbq", 19, "charbbq", ""),
        ("EM-G2", "Emberline", "Trident 2 Burner Gas BBQ", "gas-bbq", 249, "gasbbq", "2 burner"),
        ("EM-G3", "Emberline", "Trident 3 Burner Gas BBQ with Side Burner", "gas-bbq", 399, "gasbbq", "3 burner"),
        ("EM-G4", "Emberline", "Trident 4 Burner Gas BBQ", "gas-bbq", 549, "gasbbq", "4 burner"),
        ("FC-HEARTH3", "Flamecrest", "Hearth 3 Burner Gas Barbecue", "gas-bbq", 329, "gasbbq", "3 burner"),
        ("FC-HEARTH4", "Flamecrest", "Hearth 4 Burner Gas Barbecue", "gas-bbq", 449, "gasbbq", "4 burner"),
        ("FC-TRAVEL", "Flamecrest", "Tabletop Portable Gas BBQ", "gas-bbq", 99, "gasbbq", "portable"),
        ("FC-PELLET", "Flamecrest", "Wood Pellet Smoker Grill", "pellet-grill", 699, "charbbq", ""),
        ("GH-PIZZA", "Greenhill", "Outdoor Pizza Oven, Gas", "pizza-oven", 229, "gasbbq", "")]
for code, brand, what, typ, price, short, size in BBQS:
    simple(code, typ, "%s %s %s" % (brand, what, code), short, price, brand, model=code,
           desc=["Grill for family and friends." if "Portable" not in what else "Folds up for camping and the beach.",
                 "Enamelled lid with a thermometer." if typ != "pizza-oven" else "Reaches 400 C in fifteen minutes."],
           bullets=["Cooking area %s" % R.choice(["2,100 cm2", "2,600 cm2", "3,200 cm2", "4,000 cm2"])], builder=R.random() < 0.4,
           welsh="Barbeciw nwy" if code == "EM-G3" else "")
COVERS = [("EM-COV-K47", "Emberline", ["EM-K47"], "Premium Cover for 47 cm Kettle BBQs"), ("EM-COV-K57", "Emberline", ["EM-K57"], "Premium Cover for 57 cm Kettle BBQs"),
          ("EM-COV-G2", "Emberline", ["EM-G2"], "Cover for Trident 2 Burner BBQs"), ("EM-COV-G3", "Emberline", ["EM-G3"], "Cover for Trident 3 Burner BBQs"),
          ("EM-COV-G4", "Emberline", ["EM-G4"], "Cover for Trident 4 Burner BBQs"), ("FC-COV-H3", "Flamecrest", ["FC-HEARTH3"], "Hearth 3 Burner Cover"),
          ("FC-COV-H4", "Flamecrest", ["FC-HEARTH4"], "Hearth 4 Burner Cover"),
          ("GH-COV-M", "Greenhill", ["EM-G2", "FC-HEARTH3", "EM-K57"], "Universal BBQ Cover Medium"),
          ("GH-COV-L", "Greenhill", ["EM-G3", "EM-G4", "FC-HEARTH4"], "Universal BBQ Cover Large"),
          ("EM-COV-KAM", "Emberline", ["EM-KAMADO"], "Kamado Cover")]
for code, brand, fits, what in COVERS:
    simple(code, "bbq-cover", "%s %s" % (brand, what), "bbqcovers", R.choice([24.99, 29.99, 34.99, 39.99]), brand, of="bbq", model=code,
           fits=fits, desc=["Waterproof and breathable; keeps the %s dry through the winter." % " and ".join(fits)],
           extra=[("compatible_models", ", ".join(fits))])
for code, brand, what, typ, price in [("PG-PATIO5", "Calorgas", "Patio Gas Propane Refill 5 kg", "gas-bottle", 24.99),
                                      ("PG-PATIO13", "Calorgas", "Patio Gas Propane Refill 13 kg", "gas-bottle", 39.99),
                                      ("PG-BUT45", "Calorgas", "Butane Gas Refill 4.5 kg", "gas-bottle", 29.99),
                                      ("EM-REG27", "Emberline", "27 mm Clip-On Propane Regulator with Hose", "gas-regulator", 19.99),
                                      ("EM-REG-BUT", "Emberline", "Butane Screw-On Regulator 21 mm", "gas-regulator", 17.99),
                                      ("EM-HOSE", "Emberline", "BBQ Gas Hose 1 m with Clips", "gas-regulator", 9.99)]:
    simple(code, typ, "%s %s" % (brand, what), "gas", price, brand, of="gas-bbq", model=code,
           desc=["For gas barbecues and patio heaters." if typ != "gas-regulator" else "Connects a gas bottle to the barbecue."])
for code, brand, what, typ, price in [("EM-TONGS", "Emberline", "Stainless Steel BBQ Tongs", "bbq-tools", 9.99),
                                      ("EM-TOOLSET", "Emberline", "3 Piece BBQ Tool Set", "bbq-tools", 24.99),
                                      ("EM-BRUSH", "Emberline", "Grill Cleaning Brush", "bbq-tools", 8.99),
                                      ("EM-THERMO", "Emberline", "Digital Meat Thermometer", "bbq-tools", 19.99),
                                      ("EM-CHIMNEY", "Emberline", "Charcoal Chimney Starter", "bbq-tools", 19.99),
                                      ("FC-PLANCHA", "Flamecrest", "Cast Iron Plancha Griddle", "bbq-tools", 39.99),
                                      ("FC-PIZZASTONE", "Flamecrest", "BBQ Pizza Stone 33 cm", "bbq-tools", 24.99),
                                      ("GH-GLOVES-BBQ", "Greenhill", "Heat Resistant BBQ Gloves", "bbq-tools", 12.99),
                                      ("GH-SKEWERS", "Greenhill", "Flat Metal Skewers, Set of 6", "bbq-tools", 6.99)]:
    simple(code, typ, "%s %s" % (brand, what), "bbqtools", price, brand, of="bbq", model=code, desc=["For grilling outdoors."])
for code, brand, what, typ, price in [("GH-CHAR5", "Greenhill", "Lumpwood Charcoal 5 kg", "charcoal", 9.99),
                                      ("GH-CHAR10", "Greenhill", "Lumpwood Charcoal 10 kg", "charcoal", 16.99),
                                      ("EM-BRIQ", "Emberline", "Long Burning Briquettes 4 kg", "charcoal", 8.99),
                                      ("GH-FIRELIGHT", "Greenhill", "Natural Firelighters, 48 Pack", "firelighters", 3.99),
                                      ("EM-CHIPS", "Emberline", "Hickory Smoking Wood Chips", "charcoal", 6.99)]:
    simple(code, typ, "%s %s" % (brand, what), "fuel", price, brand, of="charcoal-bbq" if typ == "charcoal" else "", model=code,
           desc=["For charcoal barbecues."])

# --- garden furniture with cushions and covers
SETS = [("AL-OXF4", "Ashworth & Lowe", "Oxford 4 Seater Round Dining Set", "dining-set", 499, "4 seater round"),
        ("AL-OXF6", "Ashworth & Lowe", "Oxford 6 Seater Rectangular Dining Set", "dining-set", 799, "6 seater rectangular"),
        ("AL-HAMP4", "Ashworth & Lowe", "Hampton Rattan 4 Seater Dining Set", "dining-set", 649, "4 seater round"),
        ("AL-HAMP-COR", "Ashworth & Lowe", "Hampton Rattan Corner Sofa Set", "corner-sofa-set", 1199, "corner"),
        ("VR-BISTRO", "Verano Home", "Bistro Set, 2 Chairs and Table", "bistro-set", 129, "bistro"),
        ("VR-LOUNGE", "Verano Home", "Lounge Set with Coffee Table", "lounge-set", 549, "lounge"),
        ("GH-DINE6", "Greenhill", "Hardwood 6 Seater Dining Set", "dining-set", 599, "6 seater rectangular"),
        ("GH-PICNIC", "Greenhill", "Wooden Picnic Bench", "picnic-bench", 149, ""),
        ("AL-CHAIR-OXF", "Ashworth & Lowe", "Oxford Stacking Dining Chair, Pair", "garden-chair", 149, ""),
        ("VR-CHAIR-FOLD", "Verano Home", "Folding Bistro Chair, Pair", "garden-chair", 69, ""),
        ("AL-TABLE-OXF", "Ashworth & Lowe", "Oxford Extending Dining Table", "garden-table", 399, ""),
        ("GH-TABLE-ROUND", "Greenhill", "Round Garden Table 90 cm", "garden-table", 99, ""),
        ("AL-BENCH3", "Ashworth & Lowe", "Teak 3 Seater Garden Bench 150 cm", "garden-bench", 349, "bench"),
        ("GH-BENCH2", "Greenhill", "Hardwood 2 Seater Bench", "garden-bench", 119, "bench"),
        ("VR-BENCH-MET", "Verano Home", "Metal Garden Bench", "garden-bench", 149, "bench"),
        ("GH-LOUNGER", "Greenhill", "Folding Sun Lounger", "sun-lounger", 59, ""),
        ("VR-LOUNGER-RAT", "Verano Home", "Rattan Sun Lounger with Wheels", "sun-lounger", 249, ""),
        ("GH-RELAX", "Greenhill", "Reclining Relaxer Chair", "garden-chair", 49, ""),
        ("AL-PARASOL3", "Ashworth & Lowe", "Cantilever Parasol 3 m", "parasol", 229, ""),
        ("GH-PARASOL2", "Greenhill", "Tilting Parasol 2.7 m", "parasol", 59, "")]
for code, brand, what, typ, price, size in SETS:
    simple(code, typ, "%s %s" % (brand, what), "dining" if typ in ("dining-set", "corner-sofa-set", "bistro-set", "lounge-set") else
           "benches" if typ in ("garden-bench", "picnic-bench") else "loungers", price, brand, model=code,
           desc=["Weatherproof and built to stay out all summer.", "Some assembly needed."],
           bullets=["Frame: %s" % R.choice(["powder-coated aluminium", "FSC hardwood", "steel", "all-weather rattan"])],
           builder=R.random() < 0.4, extra_cats=("Sale",) if R.random() < 0.3 else (), welsh="Mainc gardd" if code == "GH-BENCH2" else "")
for code, brand, what, colours, price, fits in [
        ("GH-CUSH-SEAT", "Greenhill", "Garden Chair Seat Pad Cushion", ("Grey", "Navy", "Green", "Cream", "Red", "Charcoal"), 9.99, ["chair"]),
        ("GH-CUSH-HIGH", "Greenhill", "High Back Chair Cushion", ("Grey", "Navy", "Terracotta"), 19.99, ["chair"]),
        ("AL-CUSH-BENCH", "Ashworth & Lowe", "Bench Cushion 3 Seater", ("Grey", "Cream"), 34.99, ["bench", "AL-BENCH3"]),
        ("VR-CUSH-LOUNGER", "Verano Home", "Sun Lounger Cushion", ("Blue Stripe", "Grey"), 29.99, ["sun lounger", "GH-LOUNGER", "VR-LOUNGER-RAT"]),
        ("GH-CUSH-SCATTER", "Greenhill", "Outdoor Scatter Cushion 45 cm", ("Yellow", "Teal", "Grey", "Pink"), 8.99, [])]:
    configurable(code, "furniture-cushion", "%s %s" % (brand, what), "cushions", brand,
                 [(c.upper().replace(" ", ""), {"color": c}, price) for c in colours], codes=("color",), labels=("Colour",),
                 of="garden-furniture", fits=fits, desc=["Showerproof fabric with a zip-off cover."])
for code, brand, what, fits, price in [("GH-FCOV-4R", "Greenhill", "Round 4 Seater Set Cover", ["AL-OXF4", "AL-HAMP4", "4 seater round"], 24.99),
                                       ("GH-FCOV-6R", "Greenhill", "Rectangular 6 Seater Set Cover", ["AL-OXF6", "GH-DINE6", "6 seater rectangular"], 34.99),
                                       ("AL-FCOV-COR", "Ashworth & Lowe", "Corner Sofa Set Cover", ["AL-HAMP-COR", "corner sofa"], 59.99),
                                       ("GH-FCOV-BENCH", "Greenhill", "2 and 3 Seater Bench Cover", ["GH-BENCH2", "AL-BENCH3", "VR-BENCH-MET", "bench"], 14.99),
                                       ("GH-FCOV-PARA", "Greenhill", "Parasol Cover with Pole", ["AL-PARASOL3", "GH-PARASOL2", "parasol"], 12.99),
                                       ("AL-FCOV-LOUNGE", "Ashworth & Lowe", "Lounge Set Cover", ["VR-LOUNGE", "lounge set"], 44.99)]:
    simple(code, "furniture-cover", "%s %s" % (brand, what), "furncovers", price, brand, of="garden-furniture", model=code, fits=fits,
           desc=["Waterproof cover with drawcord and vents."])

# --- hand tools and gloves
for code, brand, what, typ, price in [
        ("GH-SPADE-SS", "Greenhill", "Stainless Steel Digging Spade", "spade", 29.99), ("GH-FORK-SS", "Greenhill", "Stainless Steel Digging Fork", "garden-fork", 29.99),
        ("TC-SPADE-BORDER", "Terracraft", "Border Spade", "spade", 24.99), ("TC-FORK-BORDER", "Terracraft", "Border Fork", "garden-fork", 24.99),
        ("GH-TROWEL", "Greenhill", "Hand Trowel", "trowel", 6.99), ("GH-HANDFORK", "Greenhill", "Hand Fork", "hand-fork", 6.99),
        ("GH-RAKE-LEAF", "Greenhill", "Leaf Rake", "rake", 12.99), ("GH-RAKE-SOIL", "Greenhill", "Soil Rake 14 Tine", "rake", 16.99),
        ("GH-HOE", "Greenhill", "Dutch Hoe", "hoe", 14.99), ("TC-DIBBER", "Terracraft", "Oak Dibber", "dibber", 7.99),
        ("GH-BULBPLANTER", "Greenhill", "Bulb Planter", "bulb-planter", 8.99), ("GH-KNEELER", "Greenhill", "Garden Kneeler", "kneeler", 9.99),
        ("GH-WHEELBARROW", "Greenhill", "Galvanised Wheelbarrow 85 L", "wheelbarrow", 69.99),
        ("TC-SPADE-BORDER-LH", "Terracraft", "Long Handled Border Spade", "spade", 32.99), ("GH-EDGER", "Greenhill", "Half Moon Lawn Edger", "lawn-edger", 17.99),
        ("GH-CULTIVATOR", "Greenhill", "Hand Cultivator", "cultivator", 7.99), ("GH-TROWEL-SET", "Greenhill", "Trowel and Fork Set", "trowel", 11.99),
        ("GH-SPRAYER-5L", "Greenhill", "Pressure Sprayer 5 L", "pressure-sprayer", 19.99), ("GH-SPRAYER-1L", "Greenhill", "Hand Mister 1 L", "pressure-sprayer", 4.99),
        ("GH-SACK", "Greenhill", "Pop-Up Garden Waste Sack 120 L", "garden-waste-bag", 9.99), ("GH-TRUG", "Greenhill", "Flexible Tub Trug 40 L", "garden-waste-bag", 7.99)]:
    simple(code, typ, "%s %s" % (brand, what), "handtools", price, brand, model=code, desc=["Made to last, with a 10 year guarantee."])
for code, brand, what, typ, price in [
        ("GH-SEC-BYPASS", "Greenhill", "Bypass Secateurs", "secateurs", 14.99), ("TC-SEC-ANVIL", "Terracraft", "Anvil Secateurs", "secateurs", 19.99),
        ("GH-LOPPERS", "Greenhill", "Telescopic Bypass Loppers", "loppers", 29.99), ("GH-SHEARS", "Greenhill", "Hedge Shears", "shears", 19.99),
        ("GH-GRASSSHEARS", "Greenhill", "Long Handled Grass Shears", "shears", 24.99), ("GH-SAW-PRUNE", "Greenhill", "Folding Pruning Saw", "pruning-saw", 12.99)]:
    simple(code, typ, "%s %s" % (brand, what), "pruning", price, brand, model=code, desc=["Sharp, comfortable and easy to clean."])
for code, brand, what, colours in [("GH-GLV-GEN", "Greenhill", "General Purpose Gardening Gloves", ("Green",)),
                                   ("GH-GLV-THORN", "Greenhill", "Thorn Proof Gauntlets", ("Tan",)),
                                   ("TC-GLV-LEATHER", "Terracraft", "Leather Gardening Gloves", ("Brown",)),
                                   ("GH-GLV-LADIES", "Greenhill", "Ladies Gardening Gloves", ("Pink", "Purple")),
                                   ("GH-GLV-WATER", "Greenhill", "Waterproof Pond Gloves", ("Black",)),
                                   ("TC-GLV-GRIP", "Terracraft", "Nitrile Grip Gloves", ("Grey", "Green"))]:
    configurable(code, "gardening-gloves", "%s %s" % (brand, what), "gloves", brand,
                 [("%s-%s" % (c.upper().replace(" ", ""), s), {"color": c, "size": s}, R.choice([4.99, 7.99, 12.99])) for c in colours for s in ("S", "M", "L", "XL")
                  if not (what.startswith("Ladies") and s == "XL")],
                 codes=("color", "size"), labels=("Colour", "Size"), desc=["Breathable gloves with a latex-coated palm."])

# --- a few products as shops have them: no category, disabled, bundles and a grouped product
for code, brand, what, typ, price in [("GH-GIFT-TROWEL", "Greenhill", "Gardener's Gift Set, Trowel, Fork and Gloves", "gift-set", 24.99),
                                      ("GH-BIRDFEED", "Greenhill", "Hanging Bird Feeder", "bird-feeder", 9.99),
                                      ("GH-SOLAR-10", "Greenhill", "Solar String Lights, 10 m", "solar-lights", 14.99),
                                      ("GH-THERMO", "Greenhill", "Max Min Greenhouse Thermometer", "greenhouse-thermometer", 7.99)]:
    simple(code, typ, "%s %s" % (brand, what), "", price, brand, model=code, desc=["A favourite at the till."])
for code, brand, what, typ, price, short in [("VLM36-34OLD", "Verdan", "36V Cordless Lawn Mower 34 cm (previous model)", "lawn-mower", 199, "mowers"),
                                             ("EM-G2-2023", "Emberline", "Trident 2 Burner Gas BBQ 2023", "gas-bbq", 229, "gasbbq")]:
    simple(code, typ, "%s %s" % (brand, what), short, price, brand, model=code, online=2, in_stock=False,
           desc=["No longer made."])
row("EM-BUNDLE-START", "bundle", "Emberline BBQ Starter Bundle", "bbqtools", None,
    desc=html_desc(["Kettle, charcoal and tools in one basket."], [], False), attr_pairs=[("brand", "Emberline")],
    bundle_values="name=BBQ,type=select,required=1,sku=EM-K47,price=0.0000,default=1,default_qty=1.0000,price_type=fixed,can_change_qty=0"
                  "|name=Fuel,type=select,required=1,sku=GH-CHAR5,price=0.0000,default=1,default_qty=1.0000,price_type=fixed,can_change_qty=0")
row("GH-BUNDLE-POTS", "bundle", "Greenhill Patio Pot Bundle", "pots", None, desc=html_desc(["Pots and compost together."], [], False),
    attr_pairs=[("brand", "Greenhill")],
    bundle_values="name=Compost,type=select,required=1,sku=GR-MPC-40L,price=0.0000,default=1,default_qty=1.0000,price_type=fixed,can_change_qty=0")
row("GH-GROUP-WATER", "grouped", "Greenhill Watering Starter Kit", "hoses", None, desc=html_desc(["Everything to water a small garden."], [], False),
    attr_pairs=[("brand", "Greenhill")], associated="GH-NOZZLE=1.0000,AQ-TAP-34=1.0000,GH-CONN-125=1.0000")

# rows in entity id order: simple products made by a configurable's wizard come before it
# (row() appends them first); the Welsh store view's rows follow their product's row.
with open("catalog_product.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(COLS)
    welsh = dict(WELSH)
    for d in ROWS:
        w.writerow([d[c] for c in COLS])
        if d["sku"] in welsh:
            v = {c: "" for c in COLS}
            v.update({"sku": d["sku"], "store_view_code": "cy", "attribute_set_code": d["attribute_set_code"],
                      "product_type": d["product_type"], "name": welsh[d["sku"]], "url_key": slug(welsh[d["sku"]])})
            w.writerow([v[c] for c in COLS])

with open("truth.tsv", "w", encoding="utf-8", newline="") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath\t(unused)\tcolour\tfits\ttitle (for readers)\tbrand\n")
    for t in TRUTH:
        key, typ, of, model, path, colour, fits, title, brand = t
        f.write("\t".join([SHOP, key, typ, of, model, path, "", colour, fits, title, brand]) + "\n")

print(len(ROWS), "rows,", sum(1 for d in ROWS if d["product_type"] in ("simple",)), "simple products,",
      sum(1 for d in ROWS if d["product_type"] == "configurable"), "configurable,", len(TRUTH), "truth rows")
