# Writes gardencentre.jsonl, the garden centre's judged queries (run in this directory after
# gen.py: python3 queries.py), all of them held out. Each intent was written from gen.py's
# tables and truth.tsv, never from a search result; the grades follow from the intents and
# the truth by the shops' rule (internal/searcheval shopRelations.grade), with "fits" capping
# an accessory made for something else at 2. Every query's exact answer is checked here
# against the export (read as the import reads it: a configurable's simple products are its
# family, store views, bundles and grouped products are not products) and the truth, and
# again by TestShops15Queries. Prices are checked at the regular price (price): a special
# price's window moves with the date, so no price bound is set near a product of the
# wanted type. The two disabled products are hidden from search but judged like any
# other (the judge does not know what is hidden): a query that has one as an exact answer
# must have at least ten visible exact answers too, so that it lowers no query's best score.
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from shoplib import exact, fnv, key  # noqa: E402

Q = []


def q(kind, text, **intent):
    Q.append({"id": "%s-%08x" % (kind, fnv(text)), "kind": kind, "query": text, "intent": intent})


T = lambda *ts: list(ts)
A = "accessory"
BBQ = T("gas-bbq", "charcoal-bbq", "pellet-grill")

# accessories: blades, spools and line for a named mower or trimmer, batteries and chargers
# for a platform or a tool, fittings for a hose's bore, saucers for a pot's size, covers and
# gas for a barbecue, cushions and covers for furniture
for text, ts, c in [
    ("blade for vlm36-34", T("mower-blade"), {"fits": "VLM36-34"}),
    ("replacement blade for tlm40-48 mower", T("mower-blade"), {"fits": "TLM40-48"}),
    ("mower blade for a tpm51s petrol mower", T("mower-blade"), {"fits": "TPM51S"}),
    ("46 cm mower blade", T("mower-blade"), {"fits": "46 cm"}),
    ("greenhill glm18-33 blade", T("mower-blade"), {"fits": "GLM18-33"}),
    ("spool for vgt36-30 trimmer", T("trimmer-spool"), {"fits": "VGT36-30"}),
    ("spool and line for ggt18-25", T("trimmer-spool"), {"fits": "GGT18-25"}),
    ("line for tbc43p brushcutter", T("trimmer-spool", "trimmer-line"), {"fits": "TBC43P"}),
    ("strimmer line 2.4mm", T("trimmer-line"), {"size": "2.4 mm"}),
    ("1.6mm trimmer line", T("trimmer-line"), {"size": "1.6 mm"}),
    ("battery for verdan 36v tools", T("garden-battery"), {"fits": "Verdan 36V"}),
    ("thornbury 40v battery", T("garden-battery"), {"fits": "Thornbury 40V"}),
    ("battery for my tgt40-35 strimmer", T("garden-battery"), {"fits": "TGT40-35"}),
    ("spare battery for vht36-55 hedge trimmer", T("garden-battery"), {"fits": "VHT36-55"}),
    ("battery for glb18 leaf blower", T("garden-battery"), {"fits": "GLB18"}),
    ("charger for greenhill 18v battery", T("garden-charger"), {"fits": "Greenhill 18V"}),
    ("verdan 36v fast charger", T("garden-charger"), {"fits": "Verdan 36V"}),
    ("connector for 19mm hose", T("hose-connector"), {"fits": "19 mm"}),
    ("12.5mm hose fittings", T("hose-connector"), {"fits": "12.5 mm"}),
    ("hose repair joiner 15mm", T("hose-connector"), {"fits": "15 mm"}),
    ("tap connector for a garden hose", T("tap-connector"), {}),
    ("spray gun for the hose", T("spray-gun"), {}),
    ("saucer for a 30cm pot", T("pot-saucer"), {"fits": "30 cm"}),
    ("drip tray for 40 cm plant pot", T("pot-saucer"), {"fits": "40 cm"}),
    ("cover for em-g3 bbq", T("bbq-cover"), {"fits": "EM-G3"}),
    ("bbq cover for the em-k57 kettle", T("bbq-cover"), {"fits": "EM-K57"}),
    ("cover for hearth 4 burner barbecue", T("bbq-cover"), {"fits": "FC-HEARTH4"}),
    ("kamado cover", T("bbq-cover"), {"fits": "EM-KAMADO"}),
    ("gas bottle for the barbecue", T("gas-bottle"), {}),
    ("propane regulator 27mm clip on", T("gas-regulator"), {}),
    ("tongs for the barbecue", T("bbq-tools"), {}),
    ("charcoal for kettle bbq", T("charcoal"), {}),
    ("cushions for garden chairs", T("furniture-cushion"), {"fits": "chair"}),
    ("sun lounger cushion", T("furniture-cushion"), {"fits": "sun lounger"}),
    ("bench cushion 3 seater", T("furniture-cushion"), {"fits": "bench"}),
    ("cover for 6 seater garden table set", T("furniture-cover"), {"fits": "6 seater rectangular"}),
    ("round 4 seater patio set cover", T("furniture-cover"), {"fits": "4 seater round"}),
    ("parasol cover", T("furniture-cover"), {"fits": "parasol"}),
    ("garden bench cover", T("furniture-cover"), {"fits": "bench"}),
    ("cover for corner sofa set", T("furniture-cover"), {"fits": "corner sofa"}),
]:
    q(A, text, types=ts, **c)

for text, ts in [("hedge trimmer", T("hedge-trimmer")), ("leaf blower", T("leaf-blower")), ("garden hose", T("garden-hose")),
                 ("hose reel", T("hose-reel")), ("watering can", T("watering-can")), ("plant pots", T("plant-pot")),
                 ("window box", T("trough")), ("multi purpose compost", T("compost")), ("weed killer", T("weedkiller")),
                 ("charcoal barbecue", T("charcoal-bbq")), ("garden bench", T("garden-bench")), ("sun lounger", T("sun-lounger")),
                 ("patio dining set", T("dining-set")), ("secateurs", T("secateurs")), ("wheelbarrow", T("wheelbarrow")),
                 ("pruning saw", T("pruning-saw")), ("sprinkler", T("sprinkler")), ("flower bulbs", T("flower-bulbs")),
                 ("lawn mower", T("lawn-mower"))]:
    q("type", text, types=ts)

for text, ts in [("strimmer", T("grass-trimmer")), ("weed whacker", T("grass-trimmer", "brushcutter")), ("hosepipe", T("garden-hose")),
                 ("grill", BBQ), ("pruners", T("secateurs")), ("hedge cutter", T("hedge-trimmer")), ("blower vac", T("leaf-blower")),
                 ("barrow", T("wheelbarrow")), ("lawn food", T("lawn-feed")), ("fertiliser", T("plant-feed", "lawn-feed")),
                 ("mulch", T("bark-mulch")), ("kettle grill", T("charcoal-bbq")), ("sun umbrella", T("parasol")),
                 ("potting soil", T("compost")), ("sun bed", T("sun-lounger")), ("planters", T("plant-pot", "trough")),
                 ("hose pipe trolley", T("hose-reel"))]:
    q("vocabulary", text, types=ts)

for text, ts, c in [("lawn mower under £150", T("lawn-mower"), {"max_price": 150}),
                    ("hedge trimmer under £100", T("hedge-trimmer"), {"max_price": 100}),
                    ("gas bbq under £200", T("gas-bbq"), {"max_price": 200}),
                    ("garden bench under £200", T("garden-bench"), {"max_price": 200}),
                    ("sun lounger under £100", T("sun-lounger"), {"max_price": 100}),
                    ("secateurs over £15", T("secateurs"), {"min_price": 15}),
                    ("plant pot 30cm", T("plant-pot"), {"size": "30 cm"}),
                    ("blue glazed pot 40 cm", T("plant-pot"), {"color": "Blue", "size": "40 cm"}),
                    ("terracotta pot 50cm", T("plant-pot"), {"color": "Terracotta", "size": "50 cm"}),
                    ("gardening gloves large", T("gardening-gloves"), {"size": "L"}),
                    ("multi purpose compost 60 litre", T("compost"), {"size": "60 L"}),
                    ("weedkiller 5 litre", T("weedkiller"), {"size": "5 L"}),
                    ("green watering can", T("watering-can"), {"color": "Green"}),
                    ("navy seat pad cushion", T("furniture-cushion"), {"color": "Navy"}),
                    ("thornbury lawn mower", T("lawn-mower"), {"brand": "Thornbury"}),
                    ("verdan hedge trimmer", T("hedge-trimmer"), {"brand": "Verdan"}),
                    ("charcoal bbq in stock under £100", T("charcoal-bbq"), {"max_price": 100, "in_stock": True})]:
    q("constraint", text, types=ts, **c)

for text, ts in [("i need something to cut the grass in my small back garden", T("lawn-mower")),
                 ("my hose keeps leaking where it joins the tap", T("tap-connector", "hose-connector")),
                 ("something to keep the rain off my barbecue over winter", T("bbq-cover")),
                 ("the weeds between my patio slabs are out of control", T("weedkiller")),
                 ("my lawn is full of moss and yellow patches", T("lawn-feed", "moss-killer")),
                 ("i want to grow my own tomatoes this year", T("vegetable-seeds", "vegetable-plants")),
                 ("planting spring flowers in the autumn", T("flower-bulbs")),
                 ("tidy up the hedge along the front of the house", T("hedge-trimmer", "shears")),
                 ("my strimmer has run out of line", T("trimmer-spool", "trimmer-line")),
                 ("clearing fallen leaves off the drive", T("leaf-blower", "rake")),
                 ("somewhere for the family to sit and eat outside", T("dining-set")),
                 ("keeping the garden furniture dry in winter", T("furniture-cover")),
                 ("cutting back the roses after they flower", T("secateurs")),
                 ("moving heavy bags of compost around the garden", T("wheelbarrow")),
                 ("the pots on my patio leave stains when i water them", T("pot-saucer"))]:
    q("sentence", text, types=ts)

for text, ts, b in [("lawn mowr", T("lawn-mower"), ""), ("hedge trimer", T("hedge-trimmer"), ""),
                    ("strimer line", T("trimmer-line", "trimmer-spool"), ""), ("watring can", T("watering-can"), ""),
                    ("secatures", T("secateurs"), ""), ("compst", T("compost"), ""), ("weedkiler", T("weedkiller"), ""),
                    ("barbeque", BBQ, ""), ("wheelbarow", T("wheelbarrow"), ""), ("sprinker", T("sprinkler"), ""),
                    ("leaf bower", T("leaf-blower"), ""), ("flower bulbes", T("flower-bulbs"), ""),
                    ("terracota pot", T("plant-pot"), ""), ("thornbry mower", T("lawn-mower"), "Thornbury"),
                    ("sun loungr", T("sun-lounger"), "")]:
    if b:
        q("typo", text, types=ts, brand=b)
    else:
        q("typo", text, types=ts)

for text, m in [("VLM36-34", "VLM36-34"), ("vlm36 37", "VLM36-37"), ("tlm40-41", "TLM40-41"), ("TPM51S", "TPM51S"),
                ("VGT36-33", "VGT36-33"), ("tbc43p", "TBC43P"), ("VBAT36-4", "VBAT36-4"), ("tbat40-5", "TBAT40-5"),
                ("gbat18 2", "GBAT18-2"), ("EM-G3", "EM-G3"), ("emberline em g4", "EM-G4"), ("FC-HEARTH3", "FC-HEARTH3"),
                ("vb46", "VB46"), ("TSP24", "TSP24"), ("em-cov-k57", "EM-COV-K57"), ("aq-reel-auto", "AQ-REEL-AUTO")]:
    q("model", text, model=m)

for text, c in [("garden power tools", "Garden Power Tools"), ("watering", "Watering"), ("pots and planters", "Pots & Planters"),
                ("seeds", "Plants & Bulbs > Seeds"), ("bulbs", "Plants & Bulbs > Bulbs"),
                ("compost feed and weedkiller", "Compost, Feed & Weedkiller"), ("bbqs and outdoor cooking", "BBQs & Outdoor Cooking"),
                ("garden furniture", "Garden Furniture"), ("garden tools", "Garden Tools"), ("hose fittings", "Watering > Hose Fittings"),
                ("mower spares", "Garden Power Tools > Spares"), ("vegetable seeds", "Plants & Bulbs > Seeds > Vegetable Seeds"),
                ("shrubs roses and climbers", "Plants & Bulbs > Shrubs, Roses & Climbers")]:
    q("category", text, category=c)

for text, b, ts in [("verdan", "Verdan", None), ("thornbury", "Thornbury", None), ("aquaflo", "Aquaflo", None),
                    ("terracraft", "Terracraft", None), ("seedwise", "Seedwise", None), ("bloomfield", "Bloomfield", None),
                    ("growright", "GrowRight", None), ("killweed", "Killweed", None), ("emberline", "Emberline", None),
                    ("flamecrest", "Flamecrest", None), ("ashworth and lowe", "Ashworth & Lowe", None), ("verano home", "Verano Home", None),
                    ("calorgas", "Calorgas", None), ("flamecrest bbq", "Flamecrest", BBQ),
                    ("aquaflo hose", "Aquaflo", T("garden-hose"))]:
    if ts:
        q("brand", text, brand=b, types=ts)
    else:
        q("brand", text, brand=b)

for text in ["ps5 controller", "violin strings", "car tyres", "iphone case", "printer ink", "electric guitar", "baby stroller",
             "bath towels", "running shoes", "coffee machine", "vinyl records", "ski goggles"]:
    q("nonsense", text, nothing=True)

# the products as the import makes them, with their truth
truth = {}
for ln in open("truth.tsv", encoding="utf-8"):
    if ln.startswith("#"):
        continue
    tr = ln.rstrip("\n").split("\t")
    truth[tr[1]] = {"type": tr[2], "of": tr[3], "model": tr[4], "path": tr[5], "colour": tr[7],
                    "fits": [key(x) for x in tr[8].split("|") if x], "brand": tr[10]}
with open("catalog_product.csv", encoding="utf-8", newline="") as f:
    rows = [r for r in csv.DictReader(f) if not r["store_view_code"]]
parent, options = {}, {}
for r in rows:
    if r["product_type"] == "configurable":
        for v in r["configurable_variations"].split("|"):
            kv = dict(p.split("=", 1) for p in v.split(","))
            parent[kv["sku"]] = r["sku"]
            options[kv["sku"]] = kv
prods = []
for r in rows:
    if r["product_type"] != "simple":
        continue
    attrs = dict(p.split("=", 1) for p in r["additional_attributes"].split(",") if "=" in p)
    t = truth[parent.get(r["sku"], r["sku"])]
    opts = options.get(r["sku"], {})
    prods.append(dict(t, sku=r["sku"], price=float(r["price"]), hidden=r["product_online"] == "2",
                      stock=r["is_in_stock"] == "1" and float(r["qty"]) > 0 and r["product_online"] == "1",
                      size=opts.get("size", attrs.get("size", "")), color=opts.get("color", attrs.get("color", "")) or t["colour"]))


BAD = False
for x in Q:
    hits = [v for v in prods if exact(x["intent"], v)]
    shown = [v for v in hits if not v["hidden"]]
    if (len(hits) == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["id"], len(hits))
        BAD = True
    if len(shown) < len(hits) and len(shown) < 10:
        print("A HIDDEN EXACT ANSWER WITH FEWER THAN TEN SHOWN", x["id"], len(shown))
        BAD = True
ids = [x["id"] for x in Q]
assert len(ids) == len(set(ids)), "duplicate ids"
assert not BAD
with open("gardencentre.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
kinds = {}
for x in Q:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
print(len(Q), "queries", kinds)
