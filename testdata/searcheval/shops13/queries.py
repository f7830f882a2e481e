# Writes family.jsonl, the family clothing shop's judged queries (run in this directory
# after gen.py: python3 queries.py): 66 sentences of the shapes people write to an
# assistant when they shop for someone ("something warm for my daughter to wear to
# school", "shoes i can stand in all day at work", "a gift for my husband who runs") and
# 10 of each other kind. Each intent was written from gen.py's tables and truth.tsv,
# never from a search result: the types that answer it, and, where the sentence names
# whom it is for, that person (fits: women, men, girls, boys, kids, baby; a product for
# someone else caps at 2). The file is split into a tune half (a dev set) and a check
# half (read once at the end of a change) by freshHalves, as the cycling, toy and
# outdoor shops are.
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
    intent = {k: v for k, v in intent.items() if v not in (None, "", [])}
    Q.append({"id": "%s-%08x" % (kind, fnv(text)), "kind": kind, "query": text, "intent": intent})


S = "sentence"
for text, types, fits in [
    ("something warm for my daughter to wear to school", ["winter-coat", "sweater", "fleece-jacket"], "girls"),
    ("shoes i can stand in all day at work", ["work-shoes", "insoles"], ""),
    ("a gift for my husband who runs", ["running-shoes", "running-shorts", "running-tights", "socks"], "men"),
    ("my old dog gets cold on our winter walks", ["dog-coat", "dog-sweater"], ""),
    ("my son needs new pants for school", ["school-pants"], "boys"),
    ("my feet hurt after long shifts at the hospital", ["work-shoes", "insoles"], ""),
    ("my kids need boots for the snow this winter", ["snow-boots"], "kids"),
    ("my wife is always cold in the house", ["slippers", "robe", "sweater", "fleece-jacket"], "women"),
    ("we are going to the beach with the kids", ["swimsuit", "swim-trunks", "sun-hat", "sandals"], "kids"),
    ("something for my newborn niece to sleep in", ["sleep-sack", "pajamas", "bodysuit"], "baby"),
    ("what should my toddler wear in the rain", ["rain-boots", "rain-jacket"], "kids"),
    ("i need something to wear to a wedding", ["dress", "heels", "dress-shoes"], ""),
    ("my husband needs shoes for a wedding", ["dress-shoes"], "men"),
    ("my daughter wants a dress for a party", ["dress"], "girls"),
    ("a christmas present for my dad who is always cold", ["sweater", "scarf", "gloves", "slippers", "beanie"], "men"),
    ("my teenage son keeps losing his gloves", ["gloves"], ""),
    ("something to keep my ears warm when i walk to work", ["beanie"], ""),
    ("i run in the dark in winter", ["running-tights"], ""),
    ("my running shoes are worn out", ["running-shoes"], ""),
    ("my boots leak when it rains", ["waterproofing-spray", "rain-boots"], ""),
    ("my sweaters are covered in little fuzz balls", ["fabric-shaver"], ""),
    ("my dress shoes lose their shape", ["shoe-trees"], ""),
    ("the laces on my sneakers snapped", ["shoelaces"], ""),
    ("a first pair of shoes for my baby who is starting to walk", ["baby-shoes"], "baby"),
    ("my baby needs something warm to go out in the snow", ["snowsuit"], "baby"),
    ("matching pajamas for the whole family at christmas", ["pajamas"], ""),
    ("a comfy robe for my mom", ["robe"], "women"),
    ("my daughter starts at a school with a uniform next month", ["school-polo", "school-pants", "jumper-dress"], "girls"),
    ("my son swims at the pool every week", ["swim-trunks"], "boys"),
    ("my wife started going to the gym", ["sports-bra", "leggings"], "women"),
    ("i am training for my first marathon", ["running-shoes", "running-shorts", "socks"], ""),
    ("i need something to carry my laptop in on my commute", ["backpack", "tote-bag"], ""),
    ("my husband's wallet is falling apart", ["wallet"], "men"),
    ("a belt to go with my suit", ["belt"], ""),
    ("my kids go through socks so fast", ["socks"], "kids"),
    ("we are going hiking in the mountains this summer", ["hiking-boots", "socks", "rain-jacket"], ""),
    ("my feet are always cold at night", ["slippers", "socks"], ""),
    ("my little girl loves twirling in dresses", ["dress"], "girls"),
    ("my son wants sneakers that light up", ["sneakers"], "boys"),
    ("something to keep the sun off my baby at the beach", ["sun-hat"], "baby"),
    ("a warm jacket for my husband who works outside", ["winter-coat", "fleece-jacket"], "men"),
    ("my wife needs boots that keep her feet dry in the snow", ["snow-boots"], "women"),
    ("a present for my teenage daughter who lives in hoodies", ["hoodie"], "girls"),
    ("i want to look smart at the office without wearing heels", ["flats"], ""),
    ("my nephew is growing out of his jeans", ["jeans"], "boys"),
    ("a rain jacket my son can stuff in his school bag", ["rain-jacket"], "boys"),
    ("i need a bag for my daughter's first day of school", ["backpack"], "kids"),
    ("my puppy shivers when we go outside", ["dog-sweater", "dog-coat"], ""),
    ("i stand at a cash register all day and my back hurts", ["work-shoes", "insoles"], ""),
    ("my husband cooks in a restaurant kitchen and slips on the floor", ["work-shoes"], "men"),
    ("my grandson is coming to stay and forgot his pajamas", ["pajamas"], "boys"),
    ("my girlfriend is always stealing my hoodies", ["hoodie"], "women"),
    ("my wife loves wearing scarves in the fall", ["scarf"], "women"),
    ("she needs a swimsuit for our vacation", ["swimsuit"], "women"),
    ("clothes for a baby shower gift", ["bodysuit", "sleep-sack", "baby-shoes"], "baby"),
    ("my kids need new shoes before school starts", ["sneakers"], "kids"),
    ("my mom has flat feet and walks a lot", ["insoles"], ""),
    ("something cozy to wear around the house on a sunday", ["pajamas", "robe", "slippers", "hoodie"], ""),
    ("he is always cold when we go skiing", ["gloves", "beanie"], "men"),
    ("my toddler keeps kicking off her blankets at night", ["sleep-sack", "pajamas"], ""),
    ("a sweater for our little dog for the holidays", ["dog-sweater"], ""),
    ("my husband only wears black t-shirts", ["t-shirt"], "men"),
    ("our daughter needs a warm coat for her ski trip", ["winter-coat"], "girls"),
    ("something my son can wear on his feet to his cousin's wedding", ["dress-shoes"], "boys"),
    ("my feet get soaked walking the dog in the morning", ["rain-boots", "waterproofing-spray"], ""),
    ("what do i get my boyfriend who lives at the gym", ["running-shorts", "hoodie"], "men"),
]:
    q(S, text, types=types, fits=fits)

for text, t in [("winter coat", "winter-coat"), ("waterproof rain jacket", "rain-jacket"), ("road running shoe", "running-shoes"), ("snow boots", "snow-boots"),
                ("slippers", "slippers"), ("pajamas", "pajamas"), ("high support sports bra", "sports-bra"), ("swim trunks", "swim-trunks"),
                ("sun hat", "sun-hat"), ("dog coat", "dog-coat")]:
    q("type", text, types=[t])
for text, ts in [("trainers", ["running-shoes", "sneakers"]), ("wellies", ["rain-boots"]), ("pjs", ["pajamas"]), ("stocking cap", ["beanie"]),
                 ("bathing suit", ["swimsuit"]), ("tennis shoes", ["sneakers"]), ("yoga pants", ["leggings"]), ("gumboots", ["rain-boots"]),
                 ("shoe inserts", ["insoles"]), ("jogging shoes", ["running-shoes"])]:
    q("vocabulary", text, types=ts)
for text, ts, c in [("womens winter coat under $100", ["winter-coat"], {"max_price": 100, "fits": "women"}),
                    ("mens running shoes size 10", ["running-shoes"], {"size": "10", "fits": "men"}),
                    ("black hoodie size m", ["hoodie"], {"color": "Black", "size": "M"}),
                    ("kids snow boots under $60", ["snow-boots"], {"max_price": 60, "fits": "kids"}),
                    ("girls dress size 8", ["dress"], {"size": "8", "fits": "girls"}),
                    ("rain jacket in navy", ["rain-jacket"], {"color": "Navy"}),
                    ("slippers under $30", ["slippers"], {"max_price": 30}),
                    ("sneakers over $70", ["sneakers"], {"min_price": 70}),
                    ("northloft sweater", ["sweater"], {"brand": "Northloft"}),
                    ("pacefield running shoes under $120", ["running-shoes"], {"brand": "Pacefield", "max_price": 120})]:
    q("constraint", text, types=ts, **c)
for text, t in [("winter caot", "winter-coat"), ("sneekers", "sneakers"), ("rian jacket", "rain-jacket"), ("slipers", "slippers"),
                ("swimsut", "swimsuit"), ("hoodei", "hoodie"), ("legins", "leggings"), ("snow bots", "snow-boots"),
                ("sandels", "sandals"), ("sweter", "sweater")]:
    q("typo", text, types=[t])
for text, m in [("PF-G7", "PF-G7"), ("pf-tr2", "PF-TR2"), ("pf cl3", "PF-CL3"), ("sw-410", "SW-410"), ("SW-220", "SW-220"),
                ("sw 515", "SW-515"), ("pf-th2", "PF-TH2"), ("sw-780", "SW-780"), ("PF-SMX", "PF-SMX"), ("sw330", "SW-330")]:
    q("model", text, model=m)
AP = "Apparel & Accessories"
for text, c in [("outerwear for winter", AP + " > Clothing > Outerwear"), ("shoes", AP + " > Shoes"), ("sleepwear", AP + " > Clothing > Sleepwear & Loungewear"),
                ("workout clothes", AP + " > Clothing > Activewear"), ("swimwear for the family", AP + " > Clothing > Swimwear"),
                ("baby clothes", AP + " > Clothing > Baby & Toddler Clothing"), ("school uniforms", AP + " > Clothing > Uniforms > School Uniforms"),
                ("bags and wallets", AP + " > Handbags, Wallets & Cases"), ("dog clothes", "Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Apparel"),
                ("shoe care and laces", AP + " > Shoe Accessories")]:
    q("category", text, category=c)
for text, b in [("fernway", "Fernway"), ("northloft", "Northloft"), ("harbor & pine", "Harbor & Pine"), ("little wren", "Little Wren"),
                ("pacefield", "Pacefield"), ("stepwell", "Stepwell"), ("cinder peak", "Cinder Peak"), ("pupcoat", "Pupcoat Co."),
                ("little wren kids clothes", "Little Wren"), ("harbor and pine", "Harbor & Pine")]:
    q("brand", text, brand=b)
for text, t in [("insoles for work shoes", "insoles"), ("laces for sneakers", "shoelaces"), ("waterproofing spray for snow boots", "waterproofing-spray"),
                ("shoe trees for oxfords", "shoe-trees"), ("replacement insoles for running shoes", "insoles"), ("boot laces", "shoelaces"),
                ("suede boot protector", "waterproofing-spray"), ("fabric shaver for sweaters", "fabric-shaver"), ("cedar shoe trees", "shoe-trees"),
                ("arch support insoles", "insoles")]:
    q("accessory", text, types=[t])
for text in ["quantum flux capacitor", "cheap flights to rome", "lawn mower blade", "purple elephant spaceship", "how do i reset my router",
             "xzqv blorp", "tractor tire 18.4-38", "vintage vinyl records", "grain free dog food", "12v car battery"]:
    q("nonsense", text, nothing=True)

# every intent's types are the shop's
types = {r[2] for r in csv.reader(open("truth.tsv", encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")}
for x in Q:
    for t in x["intent"].get("types", []):
        assert t in types, (x["id"], t)
assert len({x["id"] for x in Q}) == len(Q)
with open("family.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x) + "\n")
print(len(Q), "queries")
