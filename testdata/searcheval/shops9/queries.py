# Writes toys.jsonl, the toy shop's judged queries (run in this directory after gen.py:
# python3 queries.py): 110 sentences of the shapes people write to an assistant (the
# person it is for, their age or hobby, the occasion, a problem to solve, a thing named
# in passing, a budget; short and long; questions and requests; first and third person),
# and 10 of each other kind. Each intent was written from gen.py's tables and truth.tsv,
# never from a search result; the grades follow from the intents and the truth by the
# shops' rule (internal/searcheval shopRelations.grade): an age ("my 6 year old") is a
# fits intent ("age 6": a product for other ages caps at 2), a budget a max_price. Every
# query's exact answer is checked here against the truth (and again by
# TestShops9Queries). The file is split into a tune half (a dev set) and a check half
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
S = "sentence"
KIDS_BUSY = T("craft-kit", "jigsaw-puzzle", "board-game", "art-set", "play-dough")
for text, ts, c in [
    # the person it is for, their age or hobby
    ("my son is obsessed with lego and turns 9 next month", T("building-set"), {"fits": "age 9"}),
    ("something for a 2 year old who is just starting to walk", T("baby-toy", "ride-on"), {"fits": "age 2"}),
    ("my grandson loves building aeroplanes and painting them", T("model-kit", "model-paint"), {}),
    ("my mum loves doing jigsaws, something with 1000 pieces", T("jigsaw-puzzle"), {"fits": "adult"}),
    ("my kids want to start collecting pokemon cards", T("trading-card-game"), {}),
    ("first birthday present for a baby girl", T("baby-toy", "plush", "bath-toy"), {"fits": "age 1"}),
    ("a cuddly toy for a newborn", T("plush", "baby-toy"), {"fits": "age 0"}),
    ("my 4 year old wants a kitchen to cook in like mummy", T("play-kitchen"), {"fits": "age 4"}),
    ("my daughter wants to be a vet when she grows up", T("pretend-play"), {}),
    ("a doctor set for a three year old", T("pretend-play"), {"fits": "age 3"}),
    ("a remote control car for a 6 year old boy", T("rc-car"), {"fits": "age 6"}),
    ("a fast rc car for a teenager who wants to race it outside", T("rc-car"), {"fits": "age 14"}),
    ("a drone my 10 year old can fly in the garden", T("drone"), {"fits": "age 10"}),
    ("a balance bike for my 2 year old", T("ride-on"), {"fits": "age 2"}),
    ("my son is 6 and wants a scooter to ride to school", T("scooter"), {"fits": "age 6"}),
    ("my son wants to learn to code", T("coding-robot"), {}),
    ("science kit for a curious 9 year old", T("science-kit"), {"fits": "age 9"}),
    ("something for a kid who loves rocks and crystals", T("science-kit"), {}),
    ("my grandson is 7 and loves trains", T("train-set", "train-track"), {"fits": "age 7"}),
    ("my husband wants to get back into model railways", T("train-set", "train-track"), {"fits": "adult"}),
    ("a crafty gift for a 10 year old girl", T("craft-kit"), {"fits": "age 10"}),
    ("something creative for an adult who wants a new hobby", T("craft-kit", "art-set", "model-kit"), {"fits": "adult"}),
    ("she loves drawing, something better than felt tips", T("art-set"), {}),
    ("my son wants to be a magician", T("magic-set"), {}),
    ("a card game to play with my 7 year old", T("card-game"), {"fits": "age 7"}),
    ("a first board game for a 3 year old", T("board-game"), {"fits": "age 3"}),
    ("my daughter loves horses and has all the schleich ones", T("animal-figure"), {}),
    ("a superhero figure for a marvel fan", T("action-figure"), {}),
    ("my little one loves paw patrol", T("action-figure", "jigsaw-puzzle"), {}),
    ("a teddy bear that will last for years", T("plush"), {}),
    ("my daughter wants to be a pop star", T("musical-toy"), {}),
    ("can you find me a starter model kit for a 10 year old", T("model-kit"), {"fits": "age 10"}),
    ("he wants to build a tank model", T("model-kit"), {}),
    ("a model ship for my grandad to build", T("model-kit"), {"fits": "adult"}),
    ("my daughter is ten and into lego friends", T("building-set"), {"fits": "age 10"}),
    ("i'd like a lego set to build with my husband, we're both adults", T("building-set"), {"fits": "adult"}),
    ("a gift for a 12 year old girl who likes making things", T("craft-kit"), {"fits": "age 12"}),
    ("paint by numbers for my nan", T("craft-kit"), {"fits": "adult"}),
    ("the kids love watching ants", T("science-kit"), {}),
    ("a doll for a 7 year old who is into fashion", T("doll"), {"fits": "age 7"}),
    ("my daughter is turning 4 and wants everything frozen", T("doll", "dress-up", "jigsaw-puzzle"), {"fits": "age 4"}),
    ("he's 11 and loves minecraft", T("building-set", "action-figure"), {"fits": "age 11"}),
    ("a harry potter present for a 10 year old", T("building-set", "dress-up", "jigsaw-puzzle"), {"fits": "age 10"}),
    ("my partner and i want a two player game for date night", T("board-game", "card-game"), {"fits": "adult"}),
    ("what can a 13 year old do on his own without a screen", T("brain-teaser", "model-kit", "jigsaw-puzzle", "craft-kit"), {"fits": "age 13"}),
    ("a baby doll my toddler can push around and feed", T("doll"), {"fits": "age 2"}),
    # the occasion
    ("looking for a board game the whole family can play at christmas", T("board-game", "party-game"), {}),
    ("a game for the garden at our bbq", T("garden-game"), {}),
    ("fancy dress for world book day, he's 5", T("dress-up"), {"fits": "age 5"}),
    ("a costume for a halloween party for a 9 year old", T("dress-up"), {"fits": "age 9"}),
    ("a party game for a hen do", T("party-game"), {"fits": "adult"}),
    ("a game that makes everyone laugh at new year", T("party-game"), {}),
    ("something to keep the kids busy on a rainy afternoon", KIDS_BUSY, {}),
    ("something to keep a 4 year old busy on a long car journey", T("art-set", "colouring-book", "craft-kit"), {"fits": "age 4"}),
    ("something to get the kids outside this summer", T("garden-game", "water-toys", "sand-toys", "trampoline", "swing-set", "kite"), {}),
    ("what can we do at the beach with the kids", T("sand-toys", "kite", "water-toys"), {}),
    ("we are four adults who like strategy games", T("board-game"), {"fits": "adult"}),
    ("cooperative game where the kids don't have to lose", T("board-game"), {}),
    # a problem to solve, a thing named in passing
    ("i need paint for the spitfire kit i bought", T("model-paint"), {}),
    ("what glue do i use for plastic model kits", T("model-tool"), {}),
    ("how do i keep a finished jigsaw in one piece", T("puzzle-accessory"), {}),
    ("somewhere to put a half finished puzzle so the cat doesnt wreck it", T("puzzle-accessory"), {}),
    ("how do i protect my son's pokemon cards", T("card-sleeves"), {}),
    ("we love catan and want more of it", T("game-expansion"), {"fits": "Catan"}),
    ("we have ticket to ride and want a new map", T("game-expansion"), {"fits": "Ticket to Ride"}),
    ("toys that help a teething baby", T("baby-toy"), {}),
    ("something fun for bath time with a toddler", T("bath-toy"), {}),
    ("pretend food for the toy kitchen we already have", T("play-food"), {}),
    ("clothes for my daughter's baby born doll", T("doll-clothes"), {"fits": "Baby Born"}),
    ("furniture for the sylvanian families house", T("dollhouse-furniture"), {"fits": "Sylvanian Families"}),
    ("my girls want a house for their dolls", T("dollhouse"), {}),
    ("the battery on my son's remote control truck doesn't last", T("rc-battery"), {}),
    ("we ran out of darts for the nerf gun", T("foam-darts"), {}),
    ("my boys want to have a nerf battle in the garden", T("foam-blaster"), {}),
    ("we need a trampoline for the back garden, it's not very big", T("trampoline"), {}),
    ("the net on our trampoline ripped", T("trampoline-accessory"), {}),
    ("something to fly on the beach when it's windy", T("kite"), {}),
    ("somewhere for the toddler to dig in the garden", T("sand-toys"), {}),
    ("the kids need something to cool off with in the heatwave", T("water-toys"), {}),
    ("a swing for the garden for two kids", T("swing-set"), {}),
    ("more track for our wooden railway", T("train-track"), {"fits": "wooden"}),
    ("how do we extend the hornby set we got for christmas", T("train-track"), {"fits": "Hornby"}),
    ("what brushes should i get for painting miniatures", T("model-tool"), {}),
    ("i want to paint warhammer figures", T("model-paint"), {}),
    ("something to light up his lego star wars at-at", T("building-accessory"), {"fits": "75313"}),
    ("storage for all the lego bricks on the floor", T("building-accessory"), {}),
    ("mess free colouring for the car", T("art-set", "colouring-book"), {}),
    ("colouring for grown ups to relax", T("colouring-book"), {"fits": "adult"}),
    ("teach my kids about money", T("board-game", "pretend-play"), {}),
    ("something to challenge a kid who finished the rubik's cube", T("brain-teaser"), {}),
    ("a toy dinosaur that looks real", T("animal-figure"), {}),
    ("toy cars my son can race down the track", T("toy-car", "car-playset"), {}),
    ("a garage for his hot wheels cars", T("car-playset"), {"fits": "Hot Wheels"}),
    ("my toddler needs something to push around the house", T("ride-on", "baby-toy"), {"fits": "age 1"}),
    ("something he can ride on that looks like a real tractor", T("ride-on"), {}),
    ("a den for the kids to hide in", T("play-tent"), {}),
    ("a play mat with toys hanging over it for a newborn", T("baby-toy"), {"fits": "age 0"}),
    ("a toy hoover so he can help with the cleaning", T("pretend-play"), {}),
    ("my son loves tools and wants to fix things like his dad", T("pretend-play"), {}),
    ("an outfit for her our generation doll, she loves horse riding", T("doll-clothes"), {"fits": "Our Generation"}),
    ("we lost half the uno cards", T("card-game"), {}),
    ("is there a game like jenga for the garden", T("garden-game"), {}),
    # a budget
    ("stocking fillers under 10 for kids", T("skill-toy", "card-game", "trading-card-game", "colouring-book"), {"max_price": 10}),
    ("a lego set for under 50 for an 8 year old", T("building-set"), {"fits": "age 8", "max_price": 50}),
    ("a trampoline but we can only spend 250", T("trampoline"), {"max_price": 250}),
    ("i'm after a jigsaw for my dad, nothing over 20", T("jigsaw-puzzle"), {"fits": "adult", "max_price": 20}),
    ("a board game my teenagers will actually play, under 30", T("board-game", "party-game", "card-game"), {"fits": "age 14", "max_price": 30}),
    ("something for a one year old under 15 dollars", T("baby-toy", "plush", "bath-toy"), {"fits": "age 1", "max_price": 15}),
    ("a play kitchen that doesn't cost more than 120", T("play-kitchen"), {"max_price": 120}),
    ("a science kit for around 20 dollars for my niece", T("science-kit"), {"max_price": 22}),
]:
    q(S, text, types=ts, **c)

for text, ts in [("jigsaw puzzle", T("jigsaw-puzzle")), ("strategy board game", T("board-game")), ("plush animal toy", T("plush")), ("balance bike", T("ride-on")),
                 ("play kitchen", T("play-kitchen")), ("science kit", T("science-kit")), ("dolls house", T("dollhouse")), ("remote control car", T("rc-car")),
                 ("model kit", T("model-kit")), ("kite", T("kite"))]:
    q("type", text, types=ts)
for text, ts in [("teddy", T("plush")), ("stuffed animal", T("plush")), ("dollhouse", T("dollhouse")), ("monster truck rc", T("rc-car")), ("fancy dress", T("dress-up")),
                 ("construction toys", T("building-set")), ("tabletop games", T("board-game")), ("crayons", T("art-set")), ("paddling pool", T("water-toys")),
                 ("toy trains", T("train-set"))]:
    q("vocabulary", text, types=ts)
for text, ts, f in [("expansion for wingspan", T("game-expansion"), "Wingspan"), ("sleeves for magic the gathering", T("card-sleeves"), "Magic: The Gathering"),
                    ("battery for traxxas slash", T("rc-battery"), "Traxxas Slash"), ("nerf elite darts", T("foam-darts"), "Nerf Elite"),
                    ("baby born clothes", T("doll-clothes"), "Baby Born"), ("track for brio", T("train-track"), "Brio"), ("paint for airfix", T("model-paint"), "Airfix"),
                    ("plum 10ft trampoline net", T("trampoline-accessory"), "10ft"), ("lights for lego hogwarts 76419", T("building-accessory"), "76419"),
                    ("glue for jigsaw", T("puzzle-accessory"), "jigsaw")]:
    q("accessory", text, types=ts, fits=f)
for text, ts, c in [("lego star wars under $50", T("building-set"), {"max_price": 50, "brand": "LEGO"}), ("board games under $25", T("board-game"), {"max_price": 25}),
                    ("soft toys under $20", T("plush"), {"max_price": 20}), ("ravensburger jigsaw", T("jigsaw-puzzle"), {"brand": "Ravensburger"}),
                    ("melissa and doug play food", T("play-food"), {"brand": "Melissa & Doug"}), ("rc car under $50", T("rc-car"), {"max_price": 50}),
                    ("drone over $100", T("drone"), {"min_price": 100}), ("kite under $45", T("kite"), {"max_price": 45}),
                    ("micro scooter pink", T("scooter"), {"brand": "Micro", "color": "Pink"}), ("costume size 5-6 years", T("dress-up"), {"size": "5-6 Years"})]:
    q("constraint", text, types=ts, **c)
for text, ts in [("jigsaw puzzel", T("jigsaw-puzzle")), ("trampolene", T("trampoline")), ("scooteer", T("scooter")), ("dolls hosue", T("dollhouse")),
                 ("remote contol car", T("rc-car")), ("sciense kit", T("science-kit")), ("balance bik", T("ride-on")), ("modle kit", T("model-kit")),
                 ("colouring bok", T("colouring-book")), ("magnetic tils", T("building-set"))]:
    q("typo", text, types=ts)
for text, m in [("60337", "60337"), ("75301", "75301"), ("a02029", "A02029"), ("35216", "35216"), ("r1270", "R1270"), ("42151", "42151"),
                ("humbrol 53", "Humbrol 53"), ("xf-1", "XF-1"), ("03205", "03205"), ("71237", "71237")]:
    q("model", text, model=m)
TG = "Toys & Games"
for text, c in [("board games", TG + " > Games > Board Games"), ("jigsaw puzzles", TG + " > Puzzles > Jigsaw Puzzles"),
                ("model making", "Arts & Entertainment > Hobbies & Creative Arts > Model Making"), ("outdoor play equipment", TG + " > Outdoor Play Equipment"),
                ("riding toys", TG + " > Toys > Riding Toys"), ("baby and toddler toys", TG + " > Toys > Baby & Toddler Toys"),
                ("pretend play", TG + " > Toys > Pretend Play"), ("educational toys", TG + " > Toys > Educational Toys"),
                ("costumes", "Apparel & Accessories > Costumes & Accessories > Costumes"), ("remote control toys", TG + " > Toys > Remote Control Toys")]:
    q("category", text, category=c)
for text, b in [("lego", "LEGO"), ("ravensburger", "Ravensburger"), ("melissa & doug", "Melissa & Doug"), ("jellycat", "Jellycat"), ("schleich", "Schleich"),
                ("airfix", "Airfix"), ("hornby", "Hornby"), ("nerf", "Nerf"), ("orchard toys", "Orchard Toys"), ("playmobil", "Playmobil")]:
    q("brand", text, brand=b)
for text in ["curling tongs", "office chair", "cordless drill", "wedding dress", "engine oil filter", "phone case", "wireless mouse", "xbox controller",
             "electric guitar strings", "reading glasses"]:
    q("nonsense", text, nothing=True)

prods = []
sizes, price, stock, colour = {}, {}, {}, {}
for r in csv.DictReader(open("toys.csv", encoding="utf-8")):
    h = r["Handle"]
    if r["Option1 Name"] in ("Size",):
        sizes.setdefault(h, []).append(r["Option1 Value"])
    p = float(r["Variant Price"])
    price[h] = min(price.get(h, 1e9), p)
    stock[h] = stock.get(h, False) or int(r["Variant Inventory Qty"]) > 0
brand = {}
for r in csv.DictReader(open("toys.csv", encoding="utf-8")):
    if r["Vendor"]:
        brand[r["Handle"]] = r["Vendor"]
for ln in open("truth.tsv", encoding="utf-8"):
    if ln.startswith("#"):
        continue
    tr = ln.rstrip("\n").split("\t")
    h = tr[1]
    prods.append({"type": tr[2], "model": tr[4], "path": tr[5], "colour": tr[7], "fits": [key(x) for x in tr[8].split("|") if x], "brand": brand[h],
                  "price": price[h], "stock": stock[h], "sizes": sizes.get(h, [])})


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
    if it.get("size") and it["size"] not in v["sizes"]:
        return False
    if it.get("color") and it["color"].lower() not in v["colour"].lower():
        return False
    return v["price"] <= it.get("max_price", 1e9) and v["price"] >= it.get("min_price", 0) and (v["stock"] or not it.get("in_stock"))


BAD = False
for x in Q:
    n = sum(exact(x["intent"], v) for v in prods)
    if (n == 0) != bool(x["intent"].get("nothing")):
        print("NO EXACT", x["id"], x["query"], n)
        BAD = True
ids = [x["id"] for x in Q]
assert len(ids) == len(set(ids)), "duplicate ids"
assert not BAD
with open("toys.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x, ensure_ascii=False) + "\n")
kinds = {}
for x in Q:
    kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
print(len(Q), "queries", kinds)
