# Writes outdoor.jsonl, the outdoor shop's judged queries (run in this directory after
# gen.py: python3 queries.py): weighted toward the two kinds a feed with no category and
# no brand column loses on, category words (the broad words a shopper uses for a group of
# the shop's types: "camp kitchen", "sleeping gear", "rain gear", "kids") and makers
# (named whole, by their short name, or as people type them), with 12-14 of each other
# kind. Each intent was written from gen.py's tables and truth.tsv, never from a search
# result; the grades follow from the intents and the truth by the shops' rule
# (internal/searcheval shopRelations.grade: a category by the shop's own path, a maker as
# the brand). Every query's exact answer is checked here against the truth (and again by
# TestShops11Queries). The file is split into a tune half (a dev set) and a check half
# (read once at the end of a change) by freshHalves.
import csv
import json


def fnv(s):
    h = 0x811c9dc5
    for b in s.lower().encode():
        h ^= b
        h = (h * 0x01000193) & 0xffffffff
    return h


def key(s):
    return "".join(c for c in s.lower() if c.isalnum())


Q = []


def q(kind, text, **intent):
    Q.append({"id": "%s-%08x" % (kind, fnv(text)), "kind": kind, "query": text, "intent": intent})


T = lambda *ts: list(ts)

# category: the shop's broad words for its groups, as shoppers say them
for text, c in [
    ("shelter", "Shelter"), ("camping shelters", "Shelter"), ("tents and tarps", "Shelter"), ("tent accessories", "Shelter > Tent Accessories"),
    ("hammock accessories", "Shelter > Hammock Accessories"),
    ("sleeping gear", "Sleeping"), ("sleep system", "Sleeping"), ("things to sleep on", "Sleeping"), ("sleeping bag accessories", "Sleeping > Sleeping Accessories"),
    ("camp kitchen", "Camp Kitchen"), ("camp cooking", "Camp Kitchen"), ("camp cookware", "Camp Kitchen > Cookware"), ("camp kitchen gear", "Camp Kitchen"),
    ("camp tableware", "Camp Kitchen > Tableware"),
    ("hydration", "Hydration"), ("water treatment", "Hydration > Water Filters"), ("water gear", "Hydration"),
    ("lamps and lights", "Lighting"), ("camp lighting", "Lighting"), ("lights", "Lighting"),
    ("packs", "Packs & Bags"), ("packs and bags", "Packs & Bags"), ("bags", "Packs & Bags"),
    ("rain gear", "Rain Gear"), ("rainwear", "Rain Gear"), ("waterproofs", "Rain Gear"),
    ("outdoor apparel", "Clothing"), ("outdoor clothing", "Clothing"), ("layers", "Clothing"), ("hats", "Clothing > Hats"),
    ("camp furniture", "Camp Furniture"), ("furniture", "Camp Furniture"), ("camp seating", "Camp Furniture > Chairs"),
    ("fire", "Fire"), ("campfire gear", "Fire"),
    ("knives and tools", "Knives & Tools"), ("tools", "Knives & Tools"), ("bushcraft tools", "Knives & Tools"),
    ("navigation", "Navigation"), ("first aid supplies", "First Aid"), ("trail safety", "First Aid"),
    ("kids", "Kids"), ("kids camping gear", "Kids"), ("children's gear", "Kids"),
    ("dog gear", "Dog Gear"), ("gear for dogs", "Dog Gear"), ("dog", "Dog Gear"),
    ("hiking gear", "Hiking"), ("trekking", "Hiking"), ("sleeping", "Sleeping"),
]:
    q("category", text, category=c)

# brand: the makers, whole, short, as typed
for text, b in [
    ("ridgeback canvas", "Ridgeback Canvas Co."), ("ridgeback canvas co", "Ridgeback Canvas Co."), ("ridgeback", "Ridgeback Canvas Co."),
    ("alder & ash", "Alder & Ash Outfitters"), ("alder and ash outfitters", "Alder & Ash Outfitters"), ("alder ash", "Alder & Ash Outfitters"),
    ("lumen hollow", "Lumen Hollow"), ("lumenhollow", "Lumen Hollow"), ("lumen hollow lights", "Lumen Hollow"),
    ("pika gear works", "Pika Gear Works"), ("pika gear", "Pika Gear Works"), ("pika", "Pika Gear Works"),
    ("kettle river forge", "Kettle River Forge"), ("kettle river", "Kettle River Forge"),
    ("salt marsh drygoods", "Salt Marsh Drygoods"), ("salt marsh", "Salt Marsh Drygoods"), ("saltmarsh dry goods", "Salt Marsh Drygoods"),
    ("wanderfold", "Wanderfold"), ("wander fold", "Wanderfold"),
    ("cedar fox wool", "Cedar Fox Wool"), ("cedar fox", "Cedar Fox Wool"), ("cedarfox", "Cedar Fox Wool"),
    ("brightwater filters", "Brightwater Filters"), ("brightwater", "Brightwater Filters"), ("bright water", "Brightwater Filters"),
    ("switchback supply", "Switchback Supply"), ("switchback", "Switchback Supply"), ("switchback supply co", "Switchback Supply"),
    ("little bear camp", "Little Bear Camp"), ("little bear", "Little Bear Camp"),
    ("tinder & flint", "Tinder & Flint"), ("tinder and flint", "Tinder & Flint"), ("tinder flint", "Tinder & Flint"),
    ("made by ridgeback canvas", "Ridgeback Canvas Co."), ("anything from pika gear works", "Pika Gear Works"),
    ("cedar fox wool co", "Cedar Fox Wool"), ("kettle river forge cookware", "Kettle River Forge"), ("the little bear camp shop", "Little Bear Camp"),
    ("salt marsh dry goods", "Salt Marsh Drygoods"),
]:
    q("brand", text, brand=b)

for text, ts in [("backpacking tent", T("tent")), ("sleeping bag", T("sleeping-bag")), ("headlamp", T("headlamp")), ("water filter", T("water-filter")),
                 ("camp chair", T("camp-chair")), ("rain jacket", T("rain-jacket")), ("trekking poles", T("trekking-poles")), ("dry bag", T("dry-bag")),
                 ("camp stove", T("stove")), ("fire pit", T("fire-pit")), ("hammock", T("hammock")), ("merino socks", T("wool-socks")),
                 ("sleeping pad", T("sleeping-pad")), ("camp lantern", T("lantern"))]:
    q("type", text, types=ts)
for text, ts in [("hiking rucksack", T("backpack")), ("torch", T("headlamp", "lantern")), ("camp bed", T("cot")), ("groundsheet", T("footprint")),
                 ("walking poles", T("trekking-poles")), ("mess kit", T("cook-pot")), ("knit cap", T("beanie")), ("thermos", T("water-bottle")),
                 ("ice chest", T("cooler")), ("camp stool", T("camp-chair")), ("firelighter", T("fire-starter")), ("water purifier", T("water-filter")),
                 ("pocket knife", T("knife")), ("fleece jumper", T("fleece"))]:
    q("vocabulary", text, types=ts)
for text, ts, f in [("footprint for juniper 2", T("footprint"), "Juniper 2"), ("stakes for cairn 3 tent", T("tent-stakes"), "Cairn 3"),
                    ("battery for talus 300 headlamp", T("light-battery"), "Talus 300"), ("liner for the heron 35 sleeping bag", T("bag-liner"), "Heron 35°F"),
                    ("replacement cartridge for tamarack filter", T("filter-cartridge"), "Tamarack"), ("rain cover for sage 55l pack", T("pack-cover"), "Sage 55L"),
                    ("tips for larch trekking poles", T("pole-tips"), "Larch"), ("tree straps for saddle hammock", T("hammock-straps"), "Saddle"),
                    ("sheath for basalt knife", T("knife-sheath"), "Basalt"), ("fuel for lupine stove", T("fuel-canister"), "Lupine"),
                    ("guylines for willow 4", T("guy-lines"), "Willow 4"), ("pump sack for saddle r5 pad", T("pump-sack"), "Saddle R5"),
                    ("pack cover for scree 70l", T("pack-cover"), "Scree 70L"), ("spare battery for foxglove 600", T("light-battery"), "Foxglove 600")]:
    q("accessory", text, types=ts, fits=f)
for text, ts, c in [("rain jacket under $150", T("rain-jacket"), {"max_price": 150}), ("sleeping bag under 200", T("sleeping-bag"), {"max_price": 200}),
                    ("red camp chair", T("camp-chair"), {"color": "Red"}), ("headlamp under $40", T("headlamp"), {"max_price": 40}),
                    ("wool socks size xl", T("wool-socks"), {"size": "XL"}), ("lumen hollow lantern", T("lantern"), {"brand": "Lumen Hollow"}),
                    ("wanderfold backpack under 250", T("backpack"), {"brand": "Wanderfold", "max_price": 250}), ("20l dry bag", T("dry-bag"), {"size": "20L"}),
                    ("navy rain jacket", T("rain-jacket"), {"color": "Navy"}), ("tent over $300", T("tent"), {"min_price": 300}),
                    ("kettle river camp mug", T("camp-mug"), {"brand": "Kettle River Forge"}), ("pika sleeping bag long", T("sleeping-bag"), {"brand": "Pika Gear Works", "size": "Long"}),
                    ("cedar fox base layer size m", T("base-layer"), {"brand": "Cedar Fox Wool", "size": "M"}), ("fire pit under $150", T("fire-pit"), {"max_price": 150})]:
    q("constraint", text, types=ts, **c)
for text, ts, c in [
    ("taking my 5 year old camping for the first time, what does she need", T("kids-sleeping-bag", "kids-headlamp", "kids-camp-chair", "kids-backpack", "kids-rain-suit"), {}),
    ("i need something to make stream water safe to drink on a long hike", T("water-filter"), {}),
    ("i get cold at night in my tent even in summer", T("sleeping-bag", "quilt", "sleeping-pad", "bag-liner"), {}),
    ("our dog hikes with us and should carry his own food", T("dog-pack"), {}),
    ("something to boil water for coffee at camp", T("stove", "kettle"), {}),
    ("the ground is always wet under my tent", T("footprint"), {}),
    ("my knees hurt on steep descents", T("trekking-poles"), {}),
    ("we want to sit around the fire in the evening", T("camp-chair", "fire-pit"), {}),
    ("a gift for my dad who loves bushcraft, under 100", T("knife", "hatchet", "fire-starter"), {"max_price": 100}),
    ("keeping my phone and sleeping bag dry on a canoe trip", T("dry-bag"), {}),
    ("it always rains on our trips to scotland", T("rain-jacket", "rain-pants", "poncho"), {}),
    ("i can't see anything at camp after dark", T("headlamp", "lantern"), {}),
    ("my feet get blisters on long days", T("blister-kit", "wool-socks"), {}),
    ("i want to sleep between two trees instead of on the ground", T("hammock"), {}),
]:
    q("sentence", text, types=ts, **c)
for text, ts in [("sleepng bag", T("sleeping-bag")), ("headlmap", T("headlamp")), ("hamock", T("hammock")), ("trekking poels", T("trekking-poles")),
                 ("latern", T("lantern")), ("compas", T("compass")), ("rain jaket", T("rain-jacket")), ("bakpack", T("backpack")),
                 ("coolr", T("cooler")), ("hatchett", T("hatchet")), ("stuf sack", T("stuff-sack")), ("water fliter", T("water-filter"))]:
    q("typo", text, types=ts)
for text, m in [("lmh-sl161", "LMH-SL161"), ("krf u971", "KRF-U971"), ("wfddp765", "WFD-DP765"), ("rbc-gl27", "RBC-GL27"), ("sws-hs909", "SWS-HS909"),
                ("cfw-f499", "CFW-F499"), ("TFL-FS474", "TFL-FS474"), ("smd rj794", "SMD-RJ794"), ("aao-fp309", "AAO-FP309"), ("pka-cp786", "PKA-CP786"),
                ("bwf-fc141", "BWF-FC141"), ("lbc-kcc782", "LBC-KCC782")]:
    q("model", text, model=m)
for text in ["golf clubs", "fishing rod", "ski wax", "bike helmet", "snowboard boots", "surfboard leash", "climbing rope", "ceiling fan",
             "briefcase", "pilates ball", "wetsuit", "car roof box"]:
    q("nonsense", text, nothing=True)

prods = []
sizes, price, stock, colour = {}, {}, {}, {}
for r in csv.DictReader(open("outdoor.csv", encoding="utf-8")):
    h = r["item_group_id"] or r["id"]
    if r["size"]:
        sizes.setdefault(h, []).append(r["size"])
    if r["color"]:
        colour.setdefault(h, []).append(r["color"])
    p = float(r["price"])
    price[h] = min(price.get(h, 1e9), p)
    stock[h] = stock.get(h, False) or int(r["inventory_quantity"]) > 0
for ln in open("truth.tsv", encoding="utf-8"):
    if ln.startswith("#"):
        continue
    tr = ln.rstrip("\n").split("\t")
    h = tr[1]
    prods.append({"type": tr[2], "of": tr[3], "model": tr[4], "path": tr[5], "colours": colour.get(h, [tr[7]]), "fits": [key(x) for x in tr[8].split("|") if x],
                  "brand": tr[10], "price": price[h], "stock": stock[h], "sizes": sizes.get(h, [])})


def exact(it, v):
    if it.get("nothing"):
        return False
    if it.get("model"):
        return key(v["model"]) == key(it["model"])
    if it.get("category"):
        return (v["path"] == it["category"] or v["path"].startswith(it["category"] + " > ")) and not v["of"]
    if "types" in it and v["type"] not in it["types"]:
        return False
    if it.get("brand") and v["brand"] != it["brand"]:
        return False
    if it.get("fits") and key(it["fits"]) not in v["fits"]:
        return False
    if it.get("size") and it["size"] not in v["sizes"]:
        return False
    if it.get("color") and not any(it["color"].lower() in c.lower() for c in v["colours"]):
        return False
    return v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))


BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in prods)
    if x["intent"].get("category") and n == 0:
        n = sum(v["path"] == x["intent"]["category"] or v["path"].startswith(x["intent"]["category"] + " > ") for v in prods)
    if (n == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["id"], x["query"], n)
        BAD = True
ids = [x["id"] for x in Q]
assert len(ids) == len(set(ids)), "duplicate ids"
assert not BAD
with open("outdoor.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
kinds = {}
for x in Q:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
print(len(Q), "queries", kinds)
