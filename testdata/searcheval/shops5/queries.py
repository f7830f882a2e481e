# Writes apparel.jsonl, the clothing shop's judged queries (run in this directory after
# gen.py: python3 queries.py). Each query's intent was written from the shop's own data
# (gen.py's tables, truth.tsv, the feed) as a shopper of such a shop would type it,
# never from a search result; the grades follow from the intents and the truth by the
# rule the shops' sets share (internal/searcheval shopRelations.grade), with a colour
# or size asked capping another variant at 2. Every query's exact answer is checked
# here against the feed (and again by TestShops5Queries). Prices are pounds.
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
    ("linen dress", T("dress")), ("maxi dress", T("dress")), ("pleated skirt", T("skirt")), ("blouse", T("blouse")),
    ("organic cotton t-shirt", T("t-shirt")), ("oxford shirt", T("shirt")), ("merino jumper", T("jumper")),
    ("cable knit jumper", T("jumper")), ("cardigan", T("cardigan")), ("zip hoodie", T("hoodie")), ("crew neck sweatshirt", T("sweatshirt")),
    ("wide leg trousers", T("trousers")), ("yoga leggings", T("leggings")), ("sports bra", T("sports-bra")),
    ("yoga mat", T("yoga-mat")), ("joggers", T("joggers")), ("linen shorts", T("shorts")), ("puffer jacket", T("puffer-jacket")),
    ("trench coat", T("coat")), ("denim jacket", T("denim-jacket")), ("blazer", T("blazer")), ("quilted gilet", T("gilet")),
    ("chelsea boots", T("boots")), ("sandals", T("sandals")), ("sheepskin slippers", T("slippers")), ("leather belt", T("belt")),
    ("beanie", T("beanie")), ("leather gloves", T("gloves")), ("canvas tote bag", T("tote-bag")), ("crossbody bag", T("crossbody-bag")),
    ("bamboo socks", T("socks")), ("penny loafers", T("shoes"))]:
    q("type", text, types=ts)

# accessory: care products and the things sold for other products
for text, ts, extra in [
    ("trainer cleaning kit", T("shoe-cleaner"), {}),
    ("jason markk cleaning kit", T("shoe-cleaner"), {"brand": "Jason Markk"}),
    ("shoe cleaning brush", T("shoe-cleaner"), {}),
    ("replacement laces", T("shoe-laces"), {}),
    ("waxed laces", T("shoe-laces"), {}),
    ("crep protect spray", T("protector-spray"), {"brand": "Crep Protect"}),
    ("suede protector spray", T("protector-spray"), {}),
    ("shoe polish", T("shoe-polish"), {}),
    ("leather cream for boots", T("shoe-polish"), {}),
    ("insoles for boots", T("insoles"), {}),
    ("memory foam insoles", T("insoles"), {}),
    ("wool wash", T("wool-wash"), {}),
    ("cashmere shampoo", T("wool-wash"), {}),
    ("fabric shaver", T("fabric-shaver"), {}),
    ("nikwax tech wash", T("tech-wash"), {"brand": "Nikwax"}),
    ("reproofing spray for waterproof jacket", T("tech-wash"), {})]:
    q("accessory", text, types=ts, **extra)

# vocabulary: words of other regions and registers the titles do not use
for text, ts in [
    ("sweater", T("jumper")), ("pullover", T("jumper")), ("sneakers", T("trainers")), ("kicks", T("trainers")),
    ("pants", T("trousers", "chinos")), ("sweatpants", T("joggers")), ("tracksuit bottoms", T("joggers")),
    ("jogging bottoms", T("joggers")), ("body warmer", T("gilet")), ("puffer vest", T("gilet")), ("cagoule", T("rain-jacket")),
    ("anorak", T("rain-jacket")), ("bobble remover", T("fabric-shaver")), ("woolly hat", T("beanie")), ("toque", T("beanie")),
    ("rucksack", T("backpack")), ("shoelaces", T("shoe-laces")), ("purse bag", T("crossbody-bag")), ("denims", T("jeans"))]:
    q("vocabulary", text, types=ts)

# constraint: price, stock, colour and size
for text, ts, c in [
    ("dress under £50", T("dress"), {"max_price": 50}),
    ("trainers under £80", T("trainers"), {"max_price": 80}),
    ("rain jacket under £100", T("rain-jacket"), {"max_price": 100}),
    ("jumper under 60 pounds", T("jumper"), {"max_price": 60}),
    ("coat over £150", T("coat"), {"min_price": 150}),
    ("boots between £100 and £150", T("boots"), {"min_price": 100, "max_price": 150}),
    ("socks under £10", T("socks"), {"max_price": 10}),
    ("scarf under £30", T("scarf"), {"max_price": 30}),
    ("backpack in stock", T("backpack"), {"in_stock": True}),
    ("navy jumper", T("jumper"), {"color": "Navy"}),
    ("black jeans", T("jeans"), {"color": "Black"}),
    ("white trainers", T("trainers"), {"color": "White"}),
    ("camel coat", T("coat"), {"color": "Camel"}),
    ("sage green dress", T("dress"), {"color": "Sage"}),
    ("yellow raincoat", T("rain-jacket"), {"color": "Yellow"}),
    ("tan leather belt", T("belt"), {"color": "Tan"}),
    ("olive chinos", T("chinos"), {"color": "Olive"}),
    ("mustard beanie", T("beanie"), {"color": "Mustard"}),
    ("trainers size 42", T("trainers"), {"size": "42"}),
    ("uk 8 trainers", T("trainers"), {"size": "UK 8"}),
    ("dress size 10", T("dress"), {"size": "10"}),
    ("jeans w30 l32", T("jeans"), {"size": "W30 L32"}),
    ("hoodie size m", T("hoodie"), {"size": "M"}),
    ("xl jumper", T("jumper"), {"size": "XL"}),
    ("black boots size 6", T("boots"), {"color": "Black", "size": "6"}),
    ("navy rain jacket in medium", T("rain-jacket"), {"color": "Navy", "size": "M"}),
    ("white trainers eu 40", T("trainers"), {"color": "White", "size": "EU 40"})]:
    q("constraint", text, types=ts, **c)

# sentence: what a shopper writes to an assistant
for text, ts in [
    ("i need something to keep me dry on my bike commute", T("rain-jacket")),
    ("my white trainers are looking grubby", T("shoe-cleaner")),
    ("something to wear to a summer wedding", T("dress")),
    ("my jumpers keep getting bobbly", T("fabric-shaver")),
    ("how do i wash my merino jumper", T("wool-wash")),
    ("my waterproof jacket has stopped keeping the rain out", T("tech-wash")),
    ("keeping my neck warm this winter", T("scarf")),
    ("something to carry my laptop to work", T("backpack", "tote-bag")),
    ("comfy bottoms to lounge around the house in", T("joggers")),
    ("new laces for my trainers", T("shoe-laces")),
    ("shoes for the beach this summer", T("sandals")),
    ("my dr martens are scuffed", T("shoe-polish")),
    ("a warm layer without sleeves", T("gilet")),
    ("something to keep my ears warm", T("beanie")),
    ("cosy footwear for around the house", T("slippers")),
    ("what to wear for a job interview", T("blazer", "shirt", "trousers")),
    ("my boots rub and i want more cushioning", T("insoles")),
    ("protect my new suede trainers from the rain", T("protector-spray"))]:
    q("sentence", text, types=ts)

# typo
for text, ts, extra in [
    ("jumpr", T("jumper"), {}), ("trainres", T("trainers"), {}), ("cardigon", T("cardigan"), {}),
    ("levis jeens", T("jeans"), {"brand": "Levi's"}), ("birkenstok sandals", T("sandals"), {"brand": "Birkenstock"}),
    ("dr martins boots", T("boots"), {"brand": "Dr. Martens"}), ("puffer jakcet", T("puffer-jacket"), {}),
    ("chellsea boots", T("boots"), {}), ("legings", T("leggings"), {}), ("blouce", T("blouse"), {}),
    ("backpak", T("backpack"), {}), ("waterprof jacket", T("rain-jacket"), {}), ("cashmere scraf", T("scarf"), {}),
    ("beenie hat", T("beanie"), {}), ("new balence trainers", T("trainers"), {"brand": "New Balance"}),
    ("chinoes", T("chinos"), {}), ("hoodey", T("hoodie"), {})]:
    q("typo", text, types=ts, **extra)

# model: model names and numbers as typed, and two barcodes from the feed
MODELS = [("levis 501", "501", "jeans", "Levi's"), ("511 slim", "511", "jeans", "Levi's"), ("lee rider", "Rider", "jeans", "Lee"),
          ("samba og", "Samba OG", "trainers", "adidas"), ("adidas gazelle", "Gazelle", "trainers", "adidas"),
          ("stan smith", "Stan Smith", "trainers", "adidas"), ("air force 1", "Air Force 1 '07", "trainers", "Nike"),
          ("new balance 990v6", "990v6", "trainers", "New Balance"), ("nb 574", "574", "trainers", "New Balance"),
          ("veja campo", "Campo", "trainers", "Veja"), ("chuck 70", "Chuck 70", "trainers", "Converse"),
          ("dr martens 1460", "1460", "boots", "Dr. Martens"), ("docs jadon", "Jadon", "boots", "Dr. Martens"),
          ("1461", "1461", "shoes", "Dr. Martens"), ("birkenstock arizona", "Arizona", "sandals", "Birkenstock"),
          ("kanken mini", "Kanken Mini", "backpack", "Fjallraven"), ("teva hurricane", "Hurricane XLT2", "sandals", "Teva")]
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
    q("model", text, model=next(f[4] for f in hits), types=[ty], brand=brand)
rows = list(csv.DictReader(open("apparel.csv", encoding="utf-8")))
for title in ("Satin Slip Dress — Red", "Joules Cotton Shirt Dress"):  # a variant's barcode
    i = next(i for i, r in enumerate(rows) if r["Title"] == title)
    g = rows[i + 1]["Variant Barcode"] if rows[i + 1]["Handle"] == rows[i]["Handle"] else rows[i]["Variant Barcode"]
    assert g, title
    q("model", g, gtin=g)

# category: a department of the shop (the paths of its types)
C = "Apparel & Accessories > Clothing"
for text, path in [
    ("outerwear", C + " > Outerwear"), ("footwear", "Apparel & Accessories > Shoes"), ("activewear", C + " > Activewear"),
    ("clothing accessories", "Apparel & Accessories > Clothing Accessories"), ("handbags", "Apparel & Accessories > Handbags, Wallets & Cases"),
    ("shoe care", "Home & Garden > Household Supplies > Shoe Care & Tools"), ("laundry supplies", "Home & Garden > Household Supplies > Laundry Supplies"),
    ("shirts and tops", C + " > Shirts & Tops"), ("coats and jackets", C + " > Outerwear > Coats & Jackets"),
    ("shoe accessories", "Apparel & Accessories > Shoe Accessories"), ("underwear and socks", C + " > Underwear & Socks"),
    ("suits", C + " > Suits")]:
    q("category", text, category=path)

# brand
for text, brand in [
    ("veja", "Veja"), ("levis", "Levi's"), ("dr martens", "Dr. Martens"), ("birkenstock", "Birkenstock"), ("seasalt", "Seasalt Cornwall"),
    ("joules", "Joules"), ("carhartt", "Carhartt WIP"), ("patagonia", "Patagonia"), ("new balance", "New Balance"), ("adidas", "adidas"),
    ("rains", "Rains"), ("sweaty betty", "Sweaty Betty"), ("happy socks", "Happy Socks"), ("hazel and thread", "Hazel & Thread")]:
    q("brand", text, brand=brand)

# nonsense: gibberish and things a clothing shop does not sell
for text in ["blorft zink", "qwertzuiop", "air fryer", "lawn mower", "dog food", "iphone charger", "garden hose",
             "guitar strings", "car battery", "xyzzy plugh", "vbnmrt", "espresso machine"]:
    q("nonsense", text, nothing=True)

# Every query with an answer has an exact one in the feed: a variant of a wanted type
# (or model, barcode, brand, category) within its price, stock, colour and size.
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
variants, names = [], {}
for r in rows:
    if r["Title"]:
        names = {k: r["Option%d Name" % k] for k in (1, 2, 3)}
    if not r["Variant Price"]:
        continue
    opts = {names[k].lower(): r["Option%d Value" % k] for k in (1, 2, 3) if names[k]}
    tr = truth[r["Handle"]]
    colour = opts.get("colour") or opts.get("color") or tr[7]
    size = opts.get("size") or " ".join(p + opts[k] for k, p in (("waist", "W"), ("length", "L")) if k in opts)
    vendor = r["Vendor"] or variants[-1]["vendor"]
    variants.append({"type": tr[2], "model": tr[4], "path": tr[5], "vendor": vendor, "price": float(r["Variant Price"]),
                     "stock": int(r["Variant Inventory Qty"]) > 0, "colour": colour, "size": size, "gtin": r["Variant Barcode"]})
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
    if it.get("brand") and v["vendor"] != it["brand"]:
        return False
    return (v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))
            and holds(v["colour"], it.get("color", "")) and holds(v["size"], it.get("size", "")))
BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in variants)
    if (n == 0) != bool(x["intent"].get("nothing")): print("NO EXACT", x["query"], n); BAD = True
assert not BAD

# The texts searched while trying the shop out (exploration), none of them judged.
EXPLORED = [l.strip().lower() for l in open("explored.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
for x in Q:
    assert x["query"].lower() not in EXPLORED, x["query"]
assert len({x["id"] for x in Q}) == len(Q)
with open("apparel.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
from collections import Counter
print(len(Q), Counter(x["kind"] for x in Q))
