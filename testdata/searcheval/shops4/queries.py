# Writes kitchen.jsonl, the kitchen-and-home shop's judged queries (run in this directory
# after gen.py: python3 queries.py). Each query's intent was written from the shop's own
# data (gen.py's tables, truth.tsv, the feed) as a shopper of such a shop would type it,
# never from a search result; the grades follow from the intents and the truth by the
# rule the shops' sets share (internal/searcheval shopRelations.grade).
import csv, json

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

# type: the product types as shoppers name them
for text, ts in [
    ("electric kettle", T("electric-kettle")), ("stovetop kettle", T("stovetop-kettle")), ("stand mixer", T("stand-mixer")),
    ("air fryer", T("air-fryer")), ("chef's knife", T("chefs-knife")), ("bread knife", T("bread-knife")),
    ("coffee grinder", T("coffee-grinder")), ("french press", T("french-press")), ("toaster oven", T("toaster-oven")),
    ("rice cooker", T("rice-cooker")), ("slow cooker", T("slow-cooker")), ("food processor", T("food-processor")),
    ("cutting board", T("cutting-board")), ("salad spinner", T("salad-spinner")), ("sheet set", T("sheet-set")),
    ("weighted blanket", T("weighted-blanket")), ("cordless stick vacuum", T("stick-vacuum")), ("spin mop", T("mop")),
    ("dish rack", T("dish-rack")), ("step trash can", T("trash-can")), ("water filter pitcher", T("water-filter-pitcher")),
    ("milk frother", T("milk-frother")), ("santoku", T("santoku-knife")), ("wok", T("wok")), ("stockpot", T("stockpot")),
    ("cookware set", T("cookware-set")), ("loaf pan", T("loaf-pan")), ("kitchen scale", T("kitchen-scale")),
    ("moka pot", T("moka-pot")), ("mattress protector", T("mattress-protector"))]:
    q("type", text, types=ts)

# accessory: refills, filters, lids, parts, attachments (by the brand that makes them when named)
for text, ts, extra in [
    ("replacement filters for brita pitcher", T("pitcher-filter"), {"for_brand": "Brita"}),
    ("zerowater replacement filters", T("pitcher-filter"), {"brand": "ZeroWater"}),
    ("sodastream co2 cylinder", T("co2-cylinder"), {"brand": "SodaStream"}),
    ("sodastream bottles", T("carbonating-bottle"), {"brand": "SodaStream"}),
    ("chemex filters", T("coffee-filters"), {"brand": "Chemex"}),
    ("v60 filter papers", T("coffee-filters"), {"brand": "Hario"}),
    ("#4 cone coffee filters", T("coffee-maker-filters"), {}),
    ("bodum replacement glass beaker", T("french-press-part"), {"brand": "Bodum"}),
    ("kitchenaid pasta attachment", T("mixer-attachment"), {"brand": "KitchenAid"}),
    ("stand mixer attachments", T("mixer-attachment"), {}),
    ("vitamix container", T("blender-jar"), {"brand": "Vitamix"}),
    ("replacement pitcher for ninja blender", T("blender-jar"), {"for_brand": "Ninja"}),
    ("dyson v8 battery", T("vacuum-battery"), {"brand": "Dyson"}),
    ("shark vacuum filter", T("vacuum-filter"), {"brand": "Shark"}),
    ("spin mop replacement head", T("mop-refill"), {}),
    ("swiffer wet pads", T("mop-refill"), {"brand": "Swiffer"}),
    ("simplehuman bin liners", T("trash-bags"), {"brand": "simplehuman"}),
    ("glass lid for 12 inch skillet", T("pan-lid"), {}),
    ("le creuset replacement knob", T("lid-knob"), {"brand": "Le Creuset"}),
    ("foodsaver rolls", T("vacuum-sealer-bags"), {"brand": "FoodSaver"}),
    ("air fryer liners", T("air-fryer-liner"), {}),
    ("silicone baking mat", T("baking-mat"), {}),
    ("honing rod", T("honing-steel"), {}),
    ("butcher block oil", T("board-oil"), {}),
    ("chainmail scrubber for cast iron", T("cast-iron-care"), {}),
    ("descaling solution for espresso machine", T("descaler"), {}),
    ("kettle limescale filter", T("kettle-filter"), {}),
    ("instapot gasket", T("sealing-ring"), {"brand": "Instant Pot"}),
    ("food processor blade", T("food-processor-part"), {}),
    ("dish brush refill heads", T("dish-brush-refill"), {}),
    ("pyrex replacement lids", T("container-lid"), {"brand": "Pyrex"}),
    ("splatter guard", T("splatter-screen"), {}),
    ("breville water filter", T("espresso-water-filter"), {"brand": "Breville"})]:
    q("accessory", text, types=ts, **extra)

# vocabulary: regional words, synonyms, joined and split compounds the titles do not use
for text, ts in [
    ("saran wrap", T("cling-film")), ("tin foil", T("aluminum-foil")), ("washing up liquid", T("dish-soap")),
    ("dish drainer", T("dish-rack")), ("hoover", T("stick-vacuum")), ("liquidiser", T("blender")),
    ("stick blender", T("immersion-blender")), ("cafetiere", T("french-press")), ("oven gloves", T("oven-mitt")),
    ("chopping board", T("cutting-board")), ("baking tray", T("baking-sheet")), ("crockpot", T("slow-cooker")),
    ("duvet", T("comforter")), ("bin liners", T("trash-bags")), ("rubbish bin", T("trash-can")),
    ("fizzy water maker", T("soda-maker")), ("zip lock bags", T("storage-bags")), ("bedsheets", T("sheet-set")),
    ("pillow slips", T("pillowcase")), ("multi cooker", T("pressure-cooker")), ("casserole dish", T("dutch-oven")),
    ("coffee machine", T("coffee-maker", "espresso-machine"))]:
    q("vocabulary", text, types=ts)

# constraint: price and stock words
for text, ts, c in [
    ("electric kettle under $50", T("electric-kettle"), {"max_price": 50}),
    ("air fryer under 100", T("air-fryer"), {"max_price": 100}),
    ("stand mixer over $400", T("stand-mixer"), {"min_price": 400}),
    ("chef knife under $60", T("chefs-knife"), {"max_price": 60}),
    ("coffee grinder between $100 and $200", T("coffee-grinder"), {"min_price": 100, "max_price": 200}),
    ("toaster under $40", T("toaster"), {"max_price": 40}),
    ("blender under $150", T("blender"), {"max_price": 150}),
    ("frying pan less than $40", T("frying-pan"), {"max_price": 40}),
    ("sheet set under $100", T("sheet-set"), {"max_price": 100}),
    ("pillow under 50 dollars", T("pillow"), {"max_price": 50}),
    ("espresso machine in stock", T("espresso-machine"), {"in_stock": True}),
    ("rice cooker below $50", T("rice-cooker"), {"max_price": 50}),
    ("cookware set under $300", T("cookware-set"), {"max_price": 300}),
    ("dutch oven under $100", T("dutch-oven"), {"max_price": 100}),
    ("knife block set under 200", T("knife-set"), {"max_price": 200}),
    ("weighted blanket under $100", T("weighted-blanket"), {"max_price": 100}),
    ("in stock pressure cooker", T("pressure-cooker"), {"in_stock": True})]:
    q("constraint", text, types=ts, **c)

# sentence: what a shopper writes to an assistant
for text, ts in [
    ("something to sharpen my kitchen knives", T("knife-sharpener", "honing-steel")),
    ("i need to boil water for tea quickly", T("electric-kettle")),
    ("what do i need to make fresh pasta with my kitchenaid", T("mixer-attachment")),
    ("something to keep bread fresh on the counter", T("bread-bin")),
    ("my tap water tastes of chlorine", T("water-filter-pitcher", "pitcher-filter")),
    ("i want to make sparkling water at home", T("soda-maker")),
    ("stop my frying pan spitting oil everywhere", T("splatter-screen")),
    ("i keep burning my hand on the skillet handle", T("handle-cover")),
    ("how do i clean and season a cast iron pan", T("cast-iron-care")),
    ("a big pot for making soup for a family", T("stockpot", "dutch-oven")),
    ("i want to grind my own coffee beans", T("coffee-grinder")),
    ("something to keep leftovers fresh in the fridge", T("food-storage-containers")),
    ("cleaning my hardwood floors", T("mop", "floor-cleaner")),
    ("crispy fries without a deep fryer", T("air-fryer")),
    ("dinner that cooks itself while i am at work", T("slow-cooker", "pressure-cooker")),
    ("i sleep better with something heavy on me", T("weighted-blanket")),
    ("protect my mattress from spills", T("mattress-protector")),
    ("i want to stop using plastic wrap", T("beeswax-wraps")),
    ("smoothies every morning before work", T("blender"))]:
    q("sentence", text, types=ts)

# typo
for text, ts, extra in [
    ("cast iorn skillet", T("frying-pan"), {}), ("kitchenaid stand mixr", T("stand-mixer"), {"brand": "KitchenAid"}),
    ("vitamix blendr", T("blender"), {"brand": "Vitamix"}), ("frech press", T("french-press"), {}),
    ("cofee grinder", T("coffee-grinder"), {}), ("toastr oven", T("toaster-oven"), {}),
    ("santoku knif", T("santoku-knife"), {}), ("duvet cuver", T("duvet-cover"), {}),
    ("wieghted blanket", T("weighted-blanket"), {}), ("cuting board", T("cutting-board"), {}),
    ("salad spiner", T("salad-spinner"), {}), ("dyson vacum", T("stick-vacuum"), {"brand": "Dyson"}),
    ("le cruset dutch oven", T("dutch-oven"), {"brand": "Le Creuset"}), ("shun chefs knive", T("chefs-knife"), {"brand": "Shun"}),
    ("airfrier", T("air-fryer"), {}), ("pressure coker", T("pressure-cooker"), {}),
    ("whistling kettel", T("stovetop-kettle"), {})]:
    q("typo", text, types=ts, **extra)

# model: model numbers as typed (and two barcodes, from the feed)
MODELS = [("L8SK3", "L8SK3", "frying-pan", "Lodge"), ("ksm150ps", "KSM150PS", "stand-mixer", "KitchenAid"),
          ("bta820xl", "BTA820XL", "toaster", "Breville"), ("dcc 3200", "DCC-3200", "coffee-maker", "Cuisinart"),
          ("NS-ZCC10", "NS-ZCC10", "rice-cooker", "Zojirushi"), ("kt1106", "KT1106", "dish-rack", "simplehuman"),
          ("CW2030", "CW2030", "trash-can", "simplehuman"), ("ninja bl610", "BL610", "blender", "Ninja"),
          ("af101", "AF101", "air-fryer", "Ninja"), ("dfp14bcny", "DFP-14BCNY", "food-processor", "Cuisinart"),
          ("chefschoice 15xv", "15XV", "knife-sharpener", "Chef'sChoice"), ("shun dm0706", "DM0706", "chefs-knife", "Shun"),
          ("smeg klf03", "KLF03", "electric-kettle", "Smeg"), ("EC685M", "EC685M", "espresso-machine", "De'Longhi"),
          ("BKE820XL", "BKE820XL", "electric-kettle", "Breville"), ("foodsaver v4400", "V4400", "vacuum-sealer", "FoodSaver")]
truth = {}
for line in open("truth.tsv", encoding="utf-8"):
    if not line.startswith("#"):
        f = line.rstrip("\n").split("\t")
        truth[f[1]] = f
def key(m):
    return "".join(ch for ch in m.lower() if ch.isalnum())
for text, m, ty, brand in MODELS:
    hits = [f for f in truth.values() if key(f[4]) == key(m)]
    assert hits and all(f[2] == ty for f in hits), (text, hits)
    model = next(f[4] for f in hits)
    q("model", text, model=model, types=[ty], brand=brand)
rows = list(csv.DictReader(open("kitchenhome.csv", encoding="utf-8")))
for title in ("Henckels Solution 15-Piece Knife Set with Block", "Zyliss Swift Dry Salad Spinner, Large"):  # a Product UPC/EAN, a GPS Global Trade Item Number
    r = next(r for r in rows if r["Product Name"] == title)
    g = r["Product UPC/EAN"] or r["GPS Global Trade Item Number"]
    assert g, title
    q("model", g, gtin=g)

# category: a department or aisle of the shop
for text, path in [
    ("cookware", "Kitchen > Cookware"), ("knives", "Kitchen > Knives"), ("small kitchen appliances", "Kitchen > Small Appliances"),
    ("coffee and tea", "Kitchen > Coffee & Tea"), ("bedding", "Home > Bedding"), ("cleaning supplies", "Home > Cleaning"),
    ("bakeware", "Kitchen > Bakeware"), ("food storage", "Kitchen > Food Storage"), ("kitchen linens", "Kitchen > Kitchen Linens"),
    ("laundry", "Home > Laundry"), ("water filtration", "Kitchen > Water Filtration"), ("kitchen utensils", "Kitchen > Kitchen Tools")]:
    q("category", text, category=path)

# brand
for text, brand in [
    ("lodge", "Lodge"), ("le creuset", "Le Creuset"), ("kitchenaid", "KitchenAid"), ("breville", "Breville"), ("oxo", "OXO"),
    ("wusthof", "Wüsthof"), ("vitamix", "Vitamix"), ("simplehuman", "simplehuman"), ("brooklinen", "Brooklinen"),
    ("smeg", "Smeg"), ("instant pot", "Instant Pot"), ("cuisinart", "Cuisinart"), ("all clad", "All-Clad")]:
    q("brand", text, brand=brand)

# nonsense: gibberish and things a kitchen and home shop does not sell
for text in ["blorft zink", "qwertyuiop", "lawn mower", "car tyres", "dog food", "iphone case", "flibbertigibbet",
             "xkcd 927", "ghjtyu vbnm", "running shoes", "guitar strings", "zzzz"]:
    q("nonsense", text, nothing=True)

# The texts searched while trying the shop out (exploration), none of them judged.
EXPLORED = [l.strip().lower() for l in open("explored.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
for x in Q:
    assert x["query"].lower() not in EXPLORED, x["query"]
assert len({x["id"] for x in Q}) == len(Q)
with open("kitchen.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
from collections import Counter
print(len(Q), Counter(x["kind"] for x in Q))
