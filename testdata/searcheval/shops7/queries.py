# Writes beauty.jsonl, the beauty and pharmacy shop's judged queries (run in this
# directory after gen.py: python3 queries.py). Each query's intent was written from the
# shop's own data (gen.py's tables, truth.tsv, the feed) as a shopper of such a shop, or
# the shopper's assistant, would type it, never from a search result; the grades follow
# from the intents and the truth by the rule the shops' sets share (internal/searcheval
# shopRelations.grade), with "fits" (heads, blades, tips, teats, refills made for a named
# handle, razor, flosser, bottle or brand) capping an accessory made for something else
# at 2. Every query's exact answer is checked here against the feed (and again by
# TestShops7Queries). Prices are pounds. All of it is held out: nobody changing search
# reads its results.
import csv
import json


def fnv(s):
    h = 0x811c9dc5
    for b in s.lower().encode():
        h ^= b
        h = (h * 0x01000193) & 0xffffffff
    return h


Q = []


def q(kind, text, **intent):
    Q.append({"id": "%s-%08x" % (kind, fnv(text)), "kind": kind, "query": text, "intent": intent})


T = lambda *ts: list(ts)
MOIST = T("face-moisturiser", "body-moisturiser")

# type: the shop's types as its titles name them
for text, ts in [
    ("face moisturiser", T("face-moisturiser")), ("body lotion", T("body-moisturiser")), ("facial cleanser", T("cleanser")),
    ("hyaluronic acid serum", T("serum")), ("sun cream", T("sunscreen")), ("sunscreen", T("sunscreen")), ("after sun", T("after-sun")),
    ("sheet mask", T("face-mask")), ("eye cream", T("eye-cream")), ("lip balm", T("lip-balm")), ("hand cream", T("hand-cream")),
    ("foundation", T("foundation")), ("mascara", T("mascara")), ("eyeshadow palette", T("eyeshadow-palette")),
    ("nail polish", T("nail-polish")), ("micellar water", T("makeup-remover")), ("dry shampoo", T("dry-shampoo")),
    ("hair dryer", T("hair-dryer")), ("hair straightener", T("hair-straightener")), ("electric toothbrush", T("electric-toothbrush")),
    ("toothbrush heads", T("toothbrush-heads")), ("water flosser", T("water-flosser")), ("electric shaver", T("electric-shaver")),
    ("beard trimmer", T("beard-trimmer")), ("shaving gel", T("shaving-foam")), ("multivitamins", T("multivitamin")),
    ("vitamin d", T("vitamin-d")), ("first aid kit", T("first-aid-kit")), ("baby wipes", T("baby-wipes")),
    ("anti-colic baby bottles", T("baby-bottle"))]:
    q("type", text, types=ts)

# accessory: heads, blades, tips, teats and refills, most for a named handle or brand
for text, ts, extra in [
    ("heads for oral b io", T("toothbrush-heads"), {"fits": "iO"}),
    ("oral b io replacement heads", T("toothbrush-heads"), {"fits": "iO"}),
    ("brush heads for io series 9", T("toothbrush-heads"), {"fits": "iO Series 9"}),
    ("oral b pro 3 brush heads", T("toothbrush-heads"), {"fits": "Pro 3"}),
    ("vitality toothbrush heads", T("toothbrush-heads"), {"fits": "Vitality"}),
    ("heads for oral b pro kids", T("toothbrush-heads"), {"fits": "Pro Kids"}),
    ("sonicare brush heads", T("toothbrush-heads"), {"fits": "Sonicare"}),
    ("replacement heads for sonicare hx6800", T("toothbrush-heads"), {"fits": "HX6800/63"}),
    ("spotlight toothbrush heads", T("toothbrush-heads"), {"fits": "Spotlight"}),
    ("blades for gillette fusion", T("razor-blades"), {"fits": "Fusion"}),
    ("mach3 blades", T("razor-blades"), {"fits": "Mach3"}),
    ("gillette mach 3 refills", T("razor-blades"), {"fits": "Mach3"}),
    ("venus razor blades", T("razor-blades"), {"fits": "Venus"}),
    ("hydro 5 blades", T("razor-blades"), {"fits": "Hydro 5"}),
    ("intuition refills", T("razor-blades"), {"fits": "Intuition"}),
    ("safety razor blades", T("razor-blades"), {"fits": "Safety Razor"}),
    ("refills for brightwell 5 blade razor", T("razor-blades"), {"fits": "Brightwell 5 Blade"}),
    ("braun series 9 replacement head", T("shaver-heads"), {"fits": "Series 9"}),
    ("oneblade replacement blades", T("shaver-heads"), {"fits": "OneBlade"}),
    ("shaver heads for philips series 5000", T("shaver-heads"), {"fits": "Series 5000"}),
    ("waterpik replacement tips", T("flosser-tips"), {"fits": "Waterpik"}),
    ("nozzles for sonicare power flosser", T("flosser-tips"), {"fits": "Power Flosser"}),
    ("tommee tippee teats", T("bottle-teats"), {"fits": "Tommee Tippee"}),
    ("mam bottle teats", T("bottle-teats"), {"fits": "MAM"}),
    ("diffuser for dyson supersonic", T("dryer-attachment"), {"fits": "Supersonic"}),
    ("hair dryer diffuser", T("dryer-attachment"), {}),
    ("carex hand wash refill", T("hand-wash-refill"), {"fits": "Carex"}),
    ("refill pouch for method hand soap", T("hand-wash-refill"), {"fits": "Method"}),
    ("wild deodorant refills", T("deodorant-refill"), {"fits": "Wild"}),
    ("dove deodorant refill", T("deodorant-refill"), {"fits": "Dove"})]:
    q("accessory", text, types=ts, **extra)

# vocabulary: words the titles do not use for the type
for text, ts in [
    ("moisturizer", MOIST), ("sunblock", T("sunscreen")), ("suncream", T("sunscreen")), ("aftershave", T("mens-fragrance", "aftershave-balm")),
    ("diapers", T("nappies")), ("painkillers", T("pain-relief")), ("antihistamines", T("hay-fever")), ("perfume", T("womens-fragrance")),
    ("face wash", T("cleanser")), ("flat iron", T("hair-straightener")), ("blow dryer", T("hair-dryer")), ("hairdryer", T("hair-dryer")),
    ("cough medicine", T("cough-remedy")), ("band aids", T("plasters")), ("razor cartridges", T("razor-blades")),
    ("electric razor", T("electric-shaver")), ("mouth rinse", T("mouthwash")), ("lippy", T("lipstick")), ("nail varnish", T("nail-polish")),
    ("toothbrush refills", T("toothbrush-heads"))]:
    q("vocabulary", text, types=ts)

# constraint: price, stock and size
for text, ts, c in [
    ("sun cream under £10", T("sunscreen"), {"max_price": 10}),
    ("electric toothbrush under £50", T("electric-toothbrush"), {"max_price": 50}),
    ("hair dryer under £50", T("hair-dryer"), {"max_price": 50}),
    ("foundation under £10", T("foundation"), {"max_price": 10}),
    ("dior perfume under £80", T("womens-fragrance"), {"max_price": 80, "brand": "Dior"}),
    ("mens fragrance under £60", T("mens-fragrance"), {"max_price": 60}),
    ("pampers nappies size 4", T("nappies"), {"brand": "Pampers", "size": "Size 4"}),
    ("nappies size 2", T("nappies"), {"size": "Size 2"}),
    ("electric shaver over £100", T("electric-shaver"), {"min_price": 100}),
    ("vitamin d in stock", T("vitamin-d"), {"in_stock": True}),
    ("oral b io heads in stock", T("toothbrush-heads"), {"in_stock": True, "fits": "iO"}),
    ("shampoo under £3", T("shampoo"), {"max_price": 3}),
    ("face serum under £10", T("serum"), {"max_price": 10}),
    ("razor blades under £10", T("razor-blades"), {"max_price": 10}),
    ("lipstick under £5", T("lipstick"), {"max_price": 5}),
    ("hair straighteners between £30 and £50", T("hair-straightener"), {"min_price": 30, "max_price": 50}),
    ("eau de parfum under £50", T("womens-fragrance"), {"max_price": 50}),
    ("water flosser under £70", T("water-flosser"), {"max_price": 70})]:
    q("constraint", text, types=ts, **c)

# sentence: what a shopper writes to an assistant
for text, ts in [
    ("something for my baby's nappy rash", T("nappy-cream")),
    ("my lips are really chapped", T("lip-balm")),
    ("i have a pounding headache", T("pain-relief")),
    ("we are going to spain and my kids burn easily", T("sunscreen")),
    ("i got sunburnt at the beach yesterday", T("after-sun")),
    ("my hay fever is driving me mad", T("hay-fever")),
    ("the bristles on my electric toothbrush are worn out", T("toothbrush-heads")),
    ("my razor is blunt and pulls at my skin", T("razor-blades")),
    ("the skin on my heels is cracked", T("foot-cream")),
    ("my hair is frizzy and damaged from bleaching", T("hair-mask", "hair-oil", "conditioner")),
    ("i have white flakes on my shoulders from my scalp", T("shampoo")),
    ("my teeth hurt when i drink something cold", T("toothpaste")),
    ("a present for my dad who likes to smell nice", T("mens-fragrance")),
    ("my little one feels hot and i want to check her temperature", T("thermometer")),
    ("i keep getting heartburn after dinner", T("indigestion")),
    ("i cut my finger chopping onions", T("plasters", "antiseptic")),
    ("my grey roots are showing", T("hair-dye")),
    ("my hands are dry from washing them all day", T("hand-cream")),
    ("i feel run down every winter", T("multivitamin", "vitamin-c", "vitamin-d")),
    ("i've got a chesty cough that won't shift", T("cough-remedy")),
    ("my gums bleed when i brush", T("toothpaste", "mouthwash"))]:
    q("sentence", text, types=ts)

# typo
for text, ts in [
    ("moisturisr", MOIST), ("sunscreem", T("sunscreen")), ("mascra", T("mascara")), ("foundaton", T("foundation")),
    ("shampo", T("shampoo")), ("condtioner", T("conditioner")), ("electirc toothbrush", T("electric-toothbrush")),
    ("razer blades", T("razor-blades")), ("deoderant", T("deodorant")), ("multivitamines", T("multivitamin")),
    ("paracetamoll", T("pain-relief")), ("nappys", T("nappies")), ("lipstik", T("lipstick")),
    ("hair straightner", T("hair-straightener")), ("ibuprofin", T("pain-relief")), ("perfum", T("womens-fragrance")),
    ("mouthwsh", T("mouthwash"))]:
    q("typo", text, types=ts)

# model: model names and numbers as typed, and two EANs from the feed
truth = {}
for ln in open("truth.tsv", encoding="utf-8"):
    if not ln.startswith("#"):
        f = ln.rstrip("\n").split("\t")
        truth[f[1]] = f


def key(m):
    return "".join(ch for ch in m.lower() if ch.isalnum())


MODELS = [("sonicare hx9911", "HX9911/09", "electric-toothbrush", "Philips Sonicare"), ("hx6800/63", "HX6800/63", "electric-toothbrush", "Philips Sonicare"),
          ("HX3671", "HX3671/13", "electric-toothbrush", "Philips Sonicare"), ("oral b io series 6", "iO Series 6", "electric-toothbrush", "Oral-B"),
          ("oral-b pro 3 3500", "Pro 3 3500", "electric-toothbrush", "Oral-B"), ("braun 9465cc", "9465cc", "electric-shaver", "Braun"),
          ("71-s1000s", "71-S1000s", "electric-shaver", "Braun"), ("philips s5587/10", "S5587/10", "electric-shaver", "Philips"),
          ("qp2724/10", "QP2724/10", "electric-shaver", "Philips"), ("waterpik wp-660uk", "WP-660UK", "water-flosser", "Waterpik"),
          ("wp560uk", "WP-560UK", "water-flosser", "Waterpik"), ("hx3806", "HX3806/31", "water-flosser", "Philips Sonicare"),
          ("babyliss 2098pu", "2098PU", "hair-straightener", "BaByliss"), ("remington ac8901", "AC8901", "hair-dryer", "Remington"),
          ("dyson hd07", "HD07", "hair-dryer", "Dyson"), ("bt5515/13", "BT5515/13", "beard-trimmer", "Philips"),
          ("braun irt6520", "IRT6520", "thermometer", "Braun"), ("mb4050", "MB4050", "beard-trimmer", "Remington")]
for text, m, ty, brand in MODELS:
    hits = [f for f in truth.values() if key(f[4]) == key(m)]
    assert hits and all(f[2] == ty for f in hits), (text, hits)
    q("model", text, model=hits[0][4], types=[ty], brand=brand)

rows = list(csv.DictReader(open("beauty.csv", encoding="utf-8")))
for title in ("CeraVe Moisturising Cream 454g", "Sudocrem Antiseptic Healing Cream 125g"):
    r = next(r for r in rows if r["Name"] == title)
    assert r["GTIN, UPC, EAN, or ISBN"], title
    q("model", r["GTIN, UPC, EAN, or ISBN"], gtin=r["GTIN, UPC, EAN, or ISBN"])

# category: a department of the shop (its own category paths)
for text, path in [
    ("oral care", "Oral Care"), ("skincare", "Skincare"), ("make-up", "Make-up"), ("men's grooming", "Men's Grooming"),
    ("fragrance", "Fragrance"), ("vitamins and supplements", "Vitamins & Supplements"), ("baby and child", "Baby & Child"),
    ("first aid", "Pharmacy > First Aid"), ("hair care", "Hair Care"), ("bath and body", "Bath & Body"),
    ("suncare", "Skincare > Suncare"), ("allergy and hay fever", "Pharmacy > Allergy & Hay Fever")]:
    q("category", text, category=path)

# brand
for text, brand in [
    ("cerave", "CeraVe"), ("la roche posay", "La Roche-Posay"), ("oral-b", "Oral-B"), ("philips sonicare", "Philips Sonicare"),
    ("gillette", "Gillette"), ("braun", "Braun"), ("the ordinary", "The Ordinary"), ("nivea", "Nivea"), ("pampers", "Pampers"),
    ("maybelline", "Maybelline"), ("ghd", "ghd"), ("dyson", "Dyson"), ("waterpik", "Waterpik"), ("brightwell", "Brightwell")]:
    q("brand", text, brand=brand)

# nonsense: gibberish and things a beauty and pharmacy shop does not sell
for text in ["blorft quenzle", "qxzvbn", "lawn mower", "dog food", "car battery", "running shoes", "tent pegs", "coffee machine",
             "contact lenses", "printer ink", "garden hose", "wine glasses"]:
    q("nonsense", text, nothing=True)

# Every query with an answer has an exact one in the feed: a product of a wanted type
# (or model, GTIN, brand, category) within its price, stock, size and fit.
def words(s):
    out, w = [], ""
    for ch in s.lower() + " ":
        if ch.isalnum() and ch.isascii() or ch == ".":
            w += ch
        elif w:
            out.append(w)
            w = ""
    return out


def holds(have, want):
    h, w = words(have), words(want)
    return not w or any(h[i:i + len(w)] == w for i in range(len(h) - len(w) + 1))


parents = {r["SKU"]: r for r in rows if r["Type"] == "variable"}
prods = []
for r in rows:
    if r["Type"] == "variable":
        continue
    par = parents.get(r["Parent"])
    k = r["Parent"] if par else r["SKU"]
    tr = truth[k]
    price = float(r["Regular price"])
    if r["Sale price"] and float(r["Sale price"]) < price:
        price = float(r["Sale price"])
    size = r["Attribute 1 value(s)"] if r["Attribute 1 name"] == "Size" else ""
    prods.append({"type": tr[2], "model": tr[4], "path": tr[5], "fits": [key(x) for x in tr[8].split("|") if x],
                  "brand": r["Brands"] or (par["Brands"] if par else ""), "price": price, "stock": r["In stock?"] == "1",
                  "size": size, "gtin": r["GTIN, UPC, EAN, or ISBN"]})


def exact(it, v):
    if it.get("nothing"):
        return False
    if it.get("model"):
        return key(v["model"]) == key(it["model"])
    if it.get("gtin"):
        return v["gtin"] == it["gtin"]
    if it.get("category"):
        return v["path"] == it["category"] or v["path"].startswith(it["category"] + " > ")
    if "types" in it and v["type"] not in it["types"]:
        return False
    if it.get("brand") and v["brand"] != it["brand"]:
        return False
    if it.get("fits") and key(it["fits"]) not in v["fits"]:
        return False
    return (v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))
            and holds(v["size"], it.get("size", "")))


BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in prods)
    if (n == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["id"], n)
        BAD = True
assert not BAD
ids = [x["id"] for x in Q]
assert len(ids) == len(set(ids))
explored = {ln.strip().lower() for ln in open("explored.txt", encoding="utf-8") if ln.strip() and not ln.startswith("#")}
assert not explored & {x["query"].lower() for x in Q}, "an explored text is judged"

with open("beauty.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
kinds = {}
for x in Q:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
print(len(Q), "queries", kinds)
