# Writes camera.jsonl, the camera shop's judged queries (run in this directory after
# gen.py: python3 queries.py). Each query's intent was written from the shop's own data
# (gen.py's tables, truth.tsv, the feed) as a shopper of such a shop, or the shopper's
# assistant, would type it, never from a search result; the grades follow from the
# intents and the truth by the rule the shops' sets share (internal/searcheval
# shopRelations.grade), with "fits" (an accessory made for a named camera, lens, battery,
# mount, filter thread or drone) capping an accessory made for something else at 2.
# Every query's exact answer is checked here against the feed (and again by
# TestShops6Queries). Prices are dollars.
import json
import xml.etree.ElementTree as ET

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
CAMS = T("mirrorless-camera", "dslr-camera", "compact-camera", "action-camera")
CARDS = T("sd-card", "microsd-card", "cfexpress-card")

# type: the shop's types as shoppers name them
for text, ts in [
    ("mirrorless camera", T("mirrorless-camera")), ("dslr camera", T("dslr-camera")), ("compact camera", T("compact-camera")),
    ("action camera", T("action-camera")), ("instant camera", T("instant-camera")), ("camera lens", T("lens")),
    ("travel tripod", T("tripod")), ("monopod", T("monopod")), ("ball head", T("tripod-head")), ("gimbal stabilizer", T("gimbal")),
    ("camera backpack", T("camera-backpack")), ("sling bag", T("sling-bag")), ("camera strap", T("camera-strap")),
    ("noise cancelling headphones", T("headphones")), ("wireless earbuds", T("earbuds")), ("bluetooth speaker", T("portable-speaker")),
    ("drone", T("drone")), ("power bank", T("power-bank")), ("usb c charger", T("usb-charger")), ("binoculars", T("binoculars")),
    ("photo printer", T("photo-printer")), ("led video light", T("video-light")), ("wireless microphone", T("microphone")),
    ("uv filter", T("uv-filter")), ("card reader", T("card-reader"))]:
    q("type", text, types=ts)

# accessory: things sold for other things, most for a named model, mount or size
for text, ts, extra in [
    ("battery for a7 iv", T("camera-battery"), {"fits": "a7 IV"}),
    ("lens hood 67mm", T("lens-hood"), {"fits": "67mm"}),
    ("charger for np-fz100", T("battery-charger"), {"fits": "NP-FZ100"}),
    ("spare battery for sony a6400", T("camera-battery"), {"fits": "a6400"}),
    ("canon r6 mark ii battery", T("camera-battery"), {"fits": "EOS R6 Mark II"}),
    ("nikon z6 ii battery", T("camera-battery"), {"fits": "Z6 II"}),
    ("battery for fuji x-t5", T("camera-battery"), {"fits": "X-T5"}),
    ("propellers for mini 4 pro", T("drone-propellers"), {"fits": "Mini 4 Pro"}),
    ("dji air 3 battery", T("drone-battery"), {"fits": "Air 3"}),
    ("mini 3 propellers", T("drone-propellers"), {"fits": "Mini 3"}),
    ("avata 2 battery", T("drone-battery"), {"fits": "Avata 2"}),
    ("ear pads for wh-1000xm4", T("ear-pads"), {"fits": "WH-1000XM4"}),
    ("replacement ear cushions for bose quietcomfort", T("ear-pads"), {"fits": "QuietComfort Headphones"}),
    ("screen protector for a7 iv", T("screen-protector"), {"fits": "a7 IV"}),
    ("cage for sony a7 iv", T("camera-cage"), {"fits": "a7 IV"}),
    ("l bracket for x-t5", T("l-bracket"), {"fits": "X-T5"}),
    ("77mm polarizer", T("polarizing-filter"), {"fits": "77mm"}),
    ("82mm uv filter", T("uv-filter"), {"fits": "82mm"}),
    ("67mm nd filter", T("nd-filter"), {"fits": "67mm"}),
    ("58mm lens cap", T("lens-cap"), {"fits": "58mm"}),
    ("step up ring 67 to 77", T("step-up-ring"), {"fits": "67mm"}),
    ("lens for sony e mount", T("lens"), {"fits": "Sony E"}),
    ("nikon z mount lens", T("lens"), {"fits": "Nikon Z"}),
    ("lens for fuji x-s20", T("lens"), {"fits": "Fujifilm X"}),
    ("flash for sony", T("flash"), {"fits": "Sony"}),
    ("godox trigger for canon", T("flash-trigger"), {"fits": "Canon", "brand": "Godox"}),
    ("instax mini film", T("instant-film"), {"fits": "Instax Mini 12"}),
    ("windscreen for rode videomic ntg", T("mic-windscreen"), {"fits": "VideoMic NTG"}),
    ("case for jbl flip 6", T("speaker-accessory"), {"fits": "Flip 6"}),
    ("remote for canon eos r50", T("remote"), {"fits": "EOS R50"}),
    ("vertical grip for a7 iv", T("camera-grip"), {"fits": "a7 IV"}),
    ("ef to rf adapter", T("mount-adapter"), {"fits": "Canon RF"}),
    ("paper for canon selphy", T("printer-paper"), {"fits": "SELPHY CP1500"}),
    ("sensor cleaning swabs", T("cleaning-kit"), {})]:
    q("accessory", text, types=ts, **extra)

# vocabulary: words the titles do not use for the type
for text, ts in [
    ("mirrorless", T("mirrorless-camera")), ("cans", T("headphones")), ("sd card", T("sd-card")), ("quadcopter", T("drone")),
    ("speedlight", T("flash")), ("portable charger", T("power-bank")), ("polariser", T("polarizing-filter")),
    ("point and shoot camera", T("compact-camera")), ("earphones", T("earbuds")), ("memory card", CARDS), ("micro sd", T("microsd-card")),
    ("stabiliser", T("gimbal")), ("mic", T("microphone")), ("dead cat", T("mic-windscreen")), ("hdmi lead", T("hdmi-cable")),
    ("type c cable", T("usb-cable")), ("wall charger", T("usb-charger")), ("action cam", T("action-camera")), ("headset", T("headphones")),
    ("ear buds", T("earbuds"))]:
    q("vocabulary", text, types=ts)

# constraint: price, stock and colour
for text, ts, c in [
    ("mirrorless camera under $1000", T("mirrorless-camera"), {"max_price": 1000}),
    ("sony lens under $500", T("lens"), {"max_price": 500, "brand": "Sony"}),
    ("tripod under $100", T("tripod"), {"max_price": 100}),
    ("headphones under $200", T("headphones"), {"max_price": 200}),
    ("drone under $500", T("drone"), {"max_price": 500}),
    ("bluetooth speaker under 100 dollars", T("portable-speaker"), {"max_price": 100}),
    ("camera backpack under $150", T("camera-backpack"), {"max_price": 150}),
    ("dji drone in stock", T("drone"), {"in_stock": True, "brand": "DJI"}),
    ("power bank over $80", T("power-bank"), {"min_price": 80}),
    ("lens between $500 and $1000", T("lens"), {"min_price": 500, "max_price": 1000}),
    ("earbuds under $150", T("earbuds"), {"max_price": 150}),
    ("nd filter under $50", T("nd-filter"), {"max_price": 50}),
    ("gimbal in stock", T("gimbal"), {"in_stock": True}),
    ("flash under $100", T("flash"), {"max_price": 100}),
    ("black headphones", T("headphones"), {"color": "Black"}),
    ("white smart speaker", T("home-speaker"), {"color": "White"}),
    ("blue bluetooth speaker", T("portable-speaker"), {"color": "Blue"}),
    ("pink instant camera", T("instant-camera"), {"color": "Pink"}),
    ("silver mirrorless camera", T("mirrorless-camera"), {"color": "Silver"})]:
    q("constraint", text, types=ts, **c)

# sentence: what a shopper writes to an assistant
for text, ts, extra in [
    ("i need a spare battery for my sony a7 iv", T("camera-battery"), {"fits": "a7 IV"}),
    ("my drone propellers are chipped", T("drone-propellers"), {}),
    ("something to keep my camera steady for long exposures", T("tripod"), {}),
    ("my headphone pads are falling apart", T("ear-pads"), {}),
    ("a bag to carry my camera and two lenses on a hike", T("camera-backpack", "sling-bag"), {}),
    ("headphones for the plane that block out engine noise", T("headphones", "earbuds"), {}),
    ("i keep running out of space on my memory card", CARDS, {}),
    ("a speaker to take to the beach", T("portable-speaker"), {}),
    ("the sky in my landscape photos looks washed out", T("polarizing-filter"), {}),
    ("i want smooth video while walking around", T("gimbal"), {}),
    ("how do i get dust off my camera sensor", T("cleaning-kit"), {}),
    ("my phone always dies when i travel", T("power-bank"), {}),
    ("a gift for a teenager who loves taking pictures with friends", T("instant-camera"), {}),
    ("the wind ruins the sound on my videos", T("mic-windscreen"), {}),
    ("i want to watch the birds in my garden up close", T("binoculars"), {}),
    ("print the photos from my phone at home", T("photo-printer"), {}),
    ("long exposure of a waterfall in bright daylight", T("nd-filter"), {}),
    ("i want to film myself for youtube and the sound from the camera is bad", T("microphone"), {})]:
    q("sentence", text, types=ts, **extra)

# typo
for text, ts, extra in [
    ("mirorless camera", T("mirrorless-camera"), {}), ("tripd", T("tripod"), {}), ("headphnoes", T("headphones"), {}),
    ("bluetooth speakr", T("portable-speaker"), {}), ("sandisk extrme pro", T("sd-card", "microsd-card", "cfexpress-card"), {"brand": "SanDisk"}),
    ("nikkon z6 ii", T("mirrorless-camera"), {"model": "Z6 II"}), ("fujiflim x-t5", T("mirrorless-camera"), {"model": "X-T5"}),
    ("polarizer filtre", T("polarizing-filter"), {}), ("gimble", T("gimbal"), {}), ("dron", T("drone"), {}),
    ("camra backpack", T("camera-backpack"), {}), ("sony a7iv batery", T("camera-battery"), {"fits": "a7 IV"}),
    ("memroy card", CARDS, {}), ("sennhieser headphones", T("headphones"), {"brand": "Sennheiser"}),
    ("godx flash", T("flash"), {"brand": "Godox"}), ("binocluars", T("binoculars"), {}), ("lense hood", T("lens-hood"), {})]:
    q("typo", text, types=ts, **extra)

# model: model names and maker's part numbers as typed, and two GTINs from the feed
truth = {}
for line in open("truth.tsv", encoding="utf-8"):
    if not line.startswith("#"):
        f = line.rstrip("\n").split("\t")
        truth[f[1]] = f
def key(m):
    return "".join(ch for ch in m.lower() if ch.isalnum())
MODELS = [("a7iv", "a7 IV", "mirrorless-camera", "Sony"), ("ILCE-7M4", "a7 IV", "mirrorless-camera", "Sony"),
          ("eos r6 mark ii", "EOS R6 Mark II", "mirrorless-camera", "Canon"), ("5666C002", "EOS R6 Mark II", "mirrorless-camera", "Canon"),
          ("z6ii", "Z6 II", "mirrorless-camera", "Nikon"), ("xt5", "X-T5", "mirrorless-camera", "Fujifilm"),
          ("gr iiix", "GR IIIx", "compact-camera", "Ricoh"), ("sel2470gm2", "SEL2470GM2", "lens", "Sony"),
          ("SEL85F18", "SEL85F18", "lens", "Sony"), ("wh-1000xm5", "WH-1000XM5", "headphones", "Sony"),
          ("wh1000xm4", "WH-1000XM4", "headphones", "Sony"), ("wf-1000xm5", "WF-1000XM5", "earbuds", "Sony"),
          ("mini 4 pro", "Mini 4 Pro", "drone", "DJI"), ("dji air 3s", "Air 3S", "drone", "DJI"),
          ("hero13", "HERO13 Black", "action-camera", "GoPro"), ("osmo pocket 3", "Osmo Pocket 3", "action-camera", "DJI"),
          ("tamron a063", "A063", "lens", "Tamron"), ("jbl flip 6", "Flip 6", "portable-speaker", "JBL"),
          ("rx100 vii", "RX100 VII", "compact-camera", "Sony"), ("x100vi", "X100VI", "compact-camera", "Fujifilm")]
for text, m, ty, brand in MODELS:
    hits = [f for f in truth.values() if key(f[4]) == key(m)]
    assert hits and all(f[2] == ty for f in hits), (text, hits)
    q("model", text, model=hits[0][4], types=[ty], brand=brand)
NS = {"g": "http://base.google.com/ns/1.0"}
items = ET.parse("camera.xml").getroot().find("channel").findall("item")
def g(it, k):
    e = it.find("g:" + k, NS)
    return e.text if e is not None else ""
for title in ("Sigma 56mm f/1.4 DC DN Contemporary Lens for Fujifilm X", "Lexar 128GB Professional 1667x UHS-II SDXC Memory Card, V60"):
    it = next(it for it in items if it.find("title").text == title)
    assert g(it, "gtin"), title
    q("model", g(it, "gtin"), gtin=g(it, "gtin"))

# category: a department of the shop (its own product_type paths)
for text, path in [
    ("lenses", "Lenses"), ("memory cards", "Memory Cards"), ("lens accessories", "Lens Accessories"),
    ("tripods and supports", "Tripods & Supports"), ("bags and cases", "Bags & Cases"), ("audio", "Audio"),
    ("drone accessories", "Drones > Drone Accessories"), ("lighting", "Lighting"), ("optics", "Optics"),
    ("cables and adapters", "Cables & Adapters"), ("lens filters", "Lens Accessories > Filters"), ("mobile photography", "Mobile Photography")]:
    q("category", text, category=path)

# brand
for text, brand in [
    ("sony", "Sony"), ("canon", "Canon"), ("nikon", "Nikon"), ("fujifilm", "Fujifilm"), ("dji", "DJI"), ("gopro", "GoPro"),
    ("peak design", "Peak Design"), ("manfrotto", "Manfrotto"), ("sandisk", "SanDisk"), ("bose", "Bose"), ("jbl", "JBL"),
    ("sigma", "Sigma"), ("godox", "Godox"), ("rode", "Rode")]:
    q("brand", text, brand=brand)

# nonsense: gibberish and things a camera shop does not sell
for text in ["blorpt vexing", "qzxwvt", "air fryer", "espresso machine", "lawn mower", "running shoes", "dog food",
             "guitar strings", "electric toothbrush", "xyzzy flurb", "garden hose", "yoga mat"]:
    q("nonsense", text, nothing=True)

# Every query with an answer has an exact one in the feed: a product of a wanted type
# (or model, GTIN, brand, category) within its price, stock, colour and fit.
def words(s):
    out, w = [], ""
    for ch in s.lower() + " ":
        if ch.isalnum() and ch.isascii() or ch == ".":
            w += ch
        elif w:
            out.append(w); w = ""
    return out
def holds(have, want):
    h, w = words(have), words(want)
    return not w or any(h[i:i + len(w)] == w for i in range(len(h) - len(w) + 1))
def money(s):
    return float(s.split()[0]) if s else None
prods = []
for it in items:
    k = g(it, "item_group_id") or g(it, "id")
    tr = truth[k]
    price, sale = money(g(it, "price")), money(g(it, "sale_price"))
    if sale is not None and sale < price:
        price = sale
    prods.append({"type": tr[2], "model": tr[4], "path": tr[5], "fits": [key(x) for x in tr[8].split("|") if x], "brand": g(it, "brand"),
                  "price": price, "stock": g(it, "availability") in ("in_stock", "in stock"), "color": g(it, "color"), "gtin": g(it, "gtin")})
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
            and holds(v["color"], it.get("color", "")))
BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in prods)
    if (n == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["query"], n); BAD = True
assert not BAD

# The texts searched while trying the shop out (exploration), none of them judged.
EXPLORED = [l.strip().lower() for l in open("explored.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
for x in Q:
    assert x["query"].lower() not in EXPLORED, x["query"]
assert len({x["id"] for x in Q}) == len(Q)
with open("camera.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
from collections import Counter
print(len(Q), Counter(x["kind"] for x in Q))
