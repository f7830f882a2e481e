# Writes toolstore.jsonl, the hardware and power-tools shop's judged queries (run in this
# directory after gen.py: python3 queries.py), all of them held out. Each intent was written
# from gen.py's tables and truth.tsv, never from a search result; the grades follow from
# the intents and the truth by the shops' rule (internal/searcheval shopRelations.grade),
# with "fits" capping an accessory made for something else at 2. Every query's exact answer
# is checked here against the feed and the truth (and again by TestShops12Queries).
# Prices are checked at the regular price (standard_price): a sale's window moves with the
# date, so no price bound is set near a product of the wanted type.
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


def words(s):
    out, cur = [], ""
    for c in s.lower():
        if c.isalnum() and c.isascii() or c == ".":
            cur += c
        else:
            if cur:
                out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def holds(have, want):
    h, w = words(have), words(want)
    return any(h[i:i + len(w)] == w for i in range(len(h) - len(w) + 1))


Q = []


def q(kind, text, **intent):
    Q.append({"id": "%s-%08x" % (kind, fnv(text)), "kind": kind, "query": text, "intent": intent})


T = lambda *ts: list(ts)
A = "accessory"
BLADES3 = T("circular-saw-blade", "miter-saw-blade", "table-saw-blade")

# accessories: batteries and chargers for a named tool or platform, blades for a saw or a
# size, bits, abrasives, nails for a nailer
for text, ts, c in [
    ("battery for dcd791", T("battery"), {"fits": "DCD791"}),
    ("battery for my dcd771 drill", T("battery"), {"fits": "DCD771"}),
    ("dewalt 20v battery", T("battery"), {"fits": "20V MAX"}),
    ("m18 battery", T("battery"), {"fits": "M18"}),
    ("milwaukee m12 battery", T("battery"), {"fits": "M12"}),
    ("battery for makita xfd131", T("battery"), {"fits": "XFD131"}),
    ("makita 18v lxt battery", T("battery"), {"fits": "18V LXT"}),
    ("ryobi one+ battery", T("battery"), {"fits": "ONE+ 18V"}),
    ("spare battery for 2853-20", T("battery"), {"fits": "2853-20"}),
    ("5.0ah battery dewalt", T("battery"), {"brand": "DEWALT"}),
    ("battery for dcf887 impact driver", T("battery"), {"fits": "DCF887"}),
    ("charger for dewalt 20v", T("charger"), {"fits": "20V MAX"}),
    ("milwaukee m18 charger", T("charger"), {"fits": "M18"}),
    ("makita battery charger", T("charger"), {"brand": "Makita"}),
    ("blade for a miter saw", T("miter-saw-blade"), {}),
    ("10 inch miter saw blade", T("miter-saw-blade"), {"fits": "10"}),
    ("12 in miter saw blade", T("miter-saw-blade"), {"fits": "12"}),
    ("7-1/4 circular saw blade", T("circular-saw-blade"), {"fits": "7-1/4"}),
    ("7 1/4 inch framing blade", T("circular-saw-blade"), {"fits": "7-1/4"}),
    ("blade for dcs565", T("circular-saw-blade"), {"fits": "DCS565"}),
    ("blade for my skil saw 5280", T("circular-saw-blade"), {"fits": "5280"}),
    ("table saw blade for dwe7491", T("table-saw-blade"), {"fits": "DWE7491"}),
    ("sawzall blades", T("reciprocating-saw-blade"), {}),
    ("reciprocating saw blades for metal", T("reciprocating-saw-blade"), {}),
    ("t shank jig saw blades", T("jigsaw-blade"), {}),
    ("oscillating tool blades", T("oscillating-blade"), {}),
    ("sanding discs for random orbit sander", T("sanding-discs"), {}),
    ("5 inch sanding discs 120 grit", T("sanding-discs"), {"fits": "5", "size": "120 Grit"}),
    ("6 inch hook and loop sanding discs", T("sanding-discs"), {"fits": "6"}),
    ("sandpaper for quarter sheet sander", T("sanding-sheets"), {}),
    ("cut off wheels for angle grinder", T("cutoff-wheel"), {}),
    ("4 1/2 grinding wheel", T("grinding-wheel"), {"fits": "4-1/2"}),
    ("bits for impact driver", T("driver-bit-set", "driver-bit"), {}),
    ("phillips #2 impact bits", T("driver-bit", "driver-bit-set"), {}),
    ("cobalt bits for drilling steel", T("drill-bit-set", "drill-bit"), {}),
    ("1/4 inch masonry drill bit", T("masonry-bit"), {"size": "1/4"}),
    ('3/8" drill bit', T("drill-bit"), {"size": "3/8"}),
    ("quarter inch drill bit", T("drill-bit"), {"size": "1/4"}),
    ("2 inch hole saw", T("hole-saw"), {"size": "2"}),
    ("brad nails for dcn680", T("brad-nails"), {"fits": "DCN680"}),
    ("18 gauge brad nails 1-1/4", T("brad-nails"), {"size": "1-1/4"}),
    ("nails for milwaukee framing nailer", T("framing-nails"), {"fits": "2744-20"}),
]:
    q(A, text, types=ts, **c)

for text, ts in [("drill driver", T("drill-driver")), ("impact driver", T("impact-driver")), ("corded circular saw", T("circular-saw")),
                 ("miter saw", T("miter-saw")), ("reciprocating saw", T("reciprocating-saw")), ("cordless jigsaw", T("jigsaw")),
                 ("random orbit sander", T("random-orbit-sander")), ("angle grinder", T("angle-grinder")), ("jobsite table saw", T("table-saw")),
                 ("hammer drill", T("hammer-drill")), ("magnetic tape measure", T("tape-measure")), ("claw hammer", T("hammer")),
                 ("rolling tool box", T("tool-box")), ("work gloves", T("work-gloves")), ("safety glasses", T("safety-glasses")),
                 ("deck screws", T("deck-screw")), ("hex bolts", T("hex-bolt")), ("impact wrench", T("impact-wrench"))]:
    q("type", text, types=ts)

for text, ts in [("screw gun", T("drill-driver", "impact-driver")), ("sawzall saw", T("reciprocating-saw")), ("skil saw", T("circular-saw")),
                 ("chop saw", T("miter-saw")), ("saber saw", T("jigsaw")), ("multi tool", T("oscillating-tool")),
                 ("orbital sander", T("random-orbit-sander")), ("palm sander", T("sheet-sander", "random-orbit-sander")),
                 ("lug nut gun", T("impact-wrench")), ("channel locks", T("pliers")), ("vice grips", T("pliers")),
                 ("ear muffs", T("ear-protection")), ("n95 mask", T("dust-mask")), ("lag bolts", T("lag-screw")),
                 ("sheetrock screws", T("drywall-screw")), ("tapcons", T("concrete-screw")), ("nail gun", T("brad-nailer", "framing-nailer"))]:
    q("vocabulary", text, types=ts)

for text, ts, c in [("cordless drill under $100", T("drill-driver"), {"max_price": 100}),
                    ("impact driver under $110", T("impact-driver"), {"max_price": 110}),
                    ("brushless drill under $150", T("drill-driver"), {"max_price": 150}),
                    ("20v impact driver", T("impact-driver"), {"brand": "DEWALT"}),
                    ("dewalt 20v drill", T("drill-driver"), {"brand": "DEWALT"}),
                    ("milwaukee impact driver", T("impact-driver"), {"brand": "Milwaukee"}),
                    ("makita circular saw", T("circular-saw"), {"brand": "Makita"}),
                    ("work gloves size large", T("work-gloves"), {"size": "Large"}),
                    ("black work gloves medium", T("work-gloves"), {"size": "Medium", "color": "Black"}),
                    ("miter saw under $300", T("miter-saw"), {"max_price": 300}),
                    ("tool box under $60", T("tool-box"), {"max_price": 60}),
                    ("socket set under $95", T("socket-set"), {"max_price": 95}),
                    ("hammer over $30", T("hammer"), {"min_price": 30}),
                    ("makita battery under $90", T("battery"), {"brand": "Makita", "max_price": 90}),
                    ("deck screws 3 inch", T("deck-screw"), {"size": "3 in."}),
                    ("circular saw in stock under $150", T("circular-saw"), {"max_price": 150, "in_stock": True}),
                    ("random orbit sander under $100", T("random-orbit-sander"), {"max_price": 100})]:
    q("constraint", text, types=ts, **c)

for text, ts in [("i need to hang a heavy mirror on drywall", T("wall-anchor")),
                 ("my drill battery won't hold a charge anymore", T("battery")),
                 ("i'm building a deck this summer and need screws for the boards", T("deck-screw")),
                 ("i want to cut crown molding at an angle", T("miter-saw")),
                 ("something to protect my hearing around loud saws", T("ear-protection")),
                 ("drilling holes into a concrete basement wall", T("hammer-drill", "masonry-bit", "masonry-bit-set")),
                 ("sanding an old table before i paint it", T("random-orbit-sander", "sheet-sander", "sanding-discs", "sanding-sheets")),
                 ("i keep losing my tools in the truck and need something to carry them", T("tool-bag", "tool-box")),
                 ("driving long lag screws into fence posts", T("impact-wrench", "impact-driver")),
                 ("need to measure a room for new flooring", T("tape-measure", "laser-level")),
                 ("cut a round hole in a door for a new lock", T("hole-saw", "hole-saw-kit")),
                 ("my hands get cut up at work", T("work-gloves")),
                 ("dust from sanding drywall makes me cough", T("dust-mask")),
                 ("hanging pictures so they are straight", T("level", "laser-level")),
                 ("cutting tree branches and old pipe in the yard", T("reciprocating-saw"))]:
    q("sentence", text, types=ts)

for text, ts, b in [("cordles drill", T("drill-driver"), ""), ("impact drivr", T("impact-driver"), ""),
                    ("recipricating saw", T("reciprocating-saw"), ""), ("circuler saw", T("circular-saw"), ""),
                    ("mitre saw", T("miter-saw"), ""), ("angel grinder", T("angle-grinder"), ""),
                    ("sanding disks", T("sanding-discs"), ""), ("screwdirver set", T("screwdriver-set"), ""),
                    ("tape mesure", T("tape-measure"), ""), ("dewlat battery", T("battery"), "DEWALT"),
                    ("hamer drill", T("hammer-drill"), ""), ("saftey glasses", T("safety-glasses"), ""),
                    ("oscilating tool", T("oscillating-tool"), ""), ("jig saw blades", T("jigsaw-blade"), ""),
                    ("dry wall anchors", T("wall-anchor"), "")]:
    if b:
        q("typo", text, types=ts, brand=b)
    else:
        q("typo", text, types=ts)

for text, m in [("dcd791d2", "DCD791D2"), ("dewalt DCD771C2", "DCD771C2"), ("xfd131", "XFD131"), ("2853-20", "2853-20"),
                ("48-11-1850", "48-11-1850"), ("dcb205", "DCB205"), ("D0724A", "D0724A"), ("bl1850b", "BL1850B"),
                ("DWS779", "DWS779"), ("pblid01b", "PBLID01B"), ("makita xdt13z", "XDT13Z"), ("milwaukee 2801-20", "2801-20"),
                ("DEWALT DCF887B", "DCF887B"), ("dcb 203", "DCB203"), ("48 11 1820", "48-11-1820"), ("e3-16c", "E3-16C")]:
    q("model", text, model=m)

for text, c in [("power tools", "Tools > Power Tools"), ("mechanics hand tools", "Tools > Hand Tools"), ("fasteners", "Hardware > Fasteners"),
                ("saw blades", "Tools > Power Tool Accessories > Saw Blades"), ("safety gear", "Tools > Safety Gear"),
                ("storage for tools", "Tools > Tool Storage"), ("batteries and chargers", "Tools > Power Tool Batteries & Chargers"),
                ("drill and driver bits", "Tools > Power Tool Accessories > Drill & Driver Bits"),
                ("abrasives", "Tools > Power Tool Accessories > Abrasives"), ("power saws", "Tools > Power Tools > Saws"),
                ("drills", "Tools > Power Tools > Drills"), ("sanders and grinders", "Tools > Power Tools > Sanders & Grinders"),
                ("power tool accessories", "Tools > Power Tool Accessories")]:
    q("category", text, category=c)

for text, b, ts in [("dewalt tools", "DEWALT", None), ("milwaukee", "Milwaukee", None), ("makita", "Makita", None), ("ryobi", "Ryobi", None),
                    ("diablo", "Diablo", None), ("klein", "Klein Tools", None), ("estwing", "Estwing", None),
                    ("gearwrench", "GEARWRENCH", None), ("3m", "3M", None), ("spax", "SPAX", None),
                    ("dewalt drill", "DEWALT", T("drill-driver")), ("milwaukee packout", "Milwaukee", T("tool-box", "tool-bag")),
                    ("diablo blades", "Diablo", BLADES3 + T("reciprocating-saw-blade", "jigsaw-blade")), ("irwin", "IRWIN", None),
                    ("bosch tools", "Bosch", None)]:
    if ts:
        q("brand", text, brand=b, types=ts)
    else:
        q("brand", text, brand=b)

for text in ["christmas lights", "mailbox", "patio umbrella", "area rug", "garage door opener", "water heater", "extension ladder",
             "welding helmet", "bathroom vanity", "snow blower", "shop vac", "door knob"]:
    q("nonsense", text, nothing=True)

# the truth: every offer row of the feed with its group's facts
truth = {}
for ln in open("truth.tsv", encoding="utf-8"):
    if ln.startswith("#"):
        continue
    tr = ln.rstrip("\n").split("\t")
    truth[tr[1]] = {"type": tr[2], "of": tr[3], "model": tr[4], "path": tr[5], "colour": tr[7],
                    "fits": [key(x) for x in tr[8].split("|") if x], "brand": tr[10]}
prods = []
with open("inventory.txt", encoding="cp1252", newline="") as f:
    rows = list(csv.reader(f, delimiter="\t"))
cols = rows[2]
for r in rows[3:]:
    d = dict(zip(cols, r))
    if d["parent_child"] == "parent" or d["update_delete"].lower() == "delete":
        continue
    t = truth[d["parent_sku"] or d["item_sku"]]
    prods.append(dict(t, price=float(d["standard_price"]), stock=int(d["quantity"]) > 0, size=d["size_name"],
                      color=d["color_name"] or t["colour"]))


def exact(it, v):
    if it.get("nothing"):
        return False
    if it.get("model"):
        return key(v["model"]) == key(it["model"])
    if it.get("category"):
        return v["path"] == it["category"] or v["path"].startswith(it["category"] + " > ")
    if "types" in it and v["type"] not in it["types"]:
        return False
    if it.get("brand") and v["brand"] != it["brand"]:
        return False
    if it.get("fits") and key(it["fits"]) not in v["fits"]:
        return False
    if it.get("size") and not holds(v["size"], it["size"]):
        return False
    if it.get("color") and not holds(v["color"], it["color"]):
        return False
    return v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))


BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in prods)
    if (n == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["id"], n)
        BAD = True
ids = [x["id"] for x in Q]
assert len(ids) == len(set(ids)), "duplicate ids"
assert not BAD
with open("toolstore.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
kinds = {}
for x in Q:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
print(len(Q), "queries", kinds)
