# Writes drugstore.jsonl, the drugstore's judged queries (run in this directory after
# gen.py: python3 queries.py): 64 sentences as people type them to an assistant when
# they shop for a need or for someone ("something for my dry hands in winter", "my son
# has spots what should he use", "a gift for my mum who loves baths") and 10 of each
# other kind. Each intent was written from gen.py's tables and truth.tsv, never from a
# search result: the types that answer it and, where the sentence names whom it is for
# and the shop makes the difference, that person (fits: women, men, kids, baby; a
# product for someone else caps at 2), or the device an accessory is for. The file is
# split into a tune half (a dev set) and a check half (read once at the end of a
# change) by freshHalves, as the family clothing shop (shops13) is.
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
    ("something for my dry hands in winter", ["hand-cream"], ""),
    ("my son has spots what should he use", ["acne-treatment", "cleanser"], ""),
    ("a gift for my mum who loves baths", ["bath-bomb", "bath-salts", "bubble-bath", "gift-set"], "women"),
    ("i run out of shampoo every month", ["shampoo"], ""),
    ("my husband gets razor burn every time he shaves", ["shaving-cream", "aftershave", "razor"], "men"),
    ("my baby has a diaper rash", ["diaper-cream"], "baby"),
    ("my heels are cracked and rough", ["foot-cream"], ""),
    ("my lips get chapped when it's windy", ["lip-balm"], ""),
    ("my head has been pounding since this morning", ["pain-relief"], ""),
    ("the pollen is making me sneeze all day", ["allergy-relief"], ""),
    ("my daughter caught a cold and has a stuffy nose", ["cold-flu"], "kids"),
    ("i can't stop coughing at night", ["cough-syrup"], ""),
    ("my throat is scratchy and sore", ["throat-lozenges", "cold-flu"], ""),
    ("i can't fall asleep since we flew back from japan", ["sleep-aid"], ""),
    ("we are going to the beach and my kids burn easily", ["sunscreen"], "kids"),
    ("i got sunburned at the pool yesterday", ["after-sun"], ""),
    ("my scalp itches and there are white flakes on my shoulders", ["dandruff-shampoo"], ""),
    ("my curly hair is always frizzy", ["hair-oil", "conditioner", "hair-mask"], ""),
    ("i bleached my hair and now it feels like straw", ["hair-mask"], ""),
    ("i don't have time to wash my hair before work", ["dry-shampoo"], ""),
    ("my school sent a note home about head lice", ["lice-treatment"], ""),
    ("my husband wants to grow a beard", ["beard-oil"], "men"),
    ("cold drinks make my teeth ache", ["toothpaste"], ""),
    ("my dentist said i should floss more", ["floss", "water-flosser"], ""),
    ("my son just got braces", ["water-flosser", "flosser-tips"], ""),
    ("my breath smells in the morning", ["mouthwash", "toothpaste"], ""),
    ("i want whiter teeth for my wedding photos", ["toothpaste"], ""),
    ("the brush heads on my sonic 700 are worn out", ["brush-heads"], "Sonic 700"),
    ("a present for my dad who always wants to smell good", ["cologne", "gift-set"], "men"),
    ("my wife's favorite perfume ran out", ["perfume"], "women"),
    ("something to help my tired puffy eyes", ["eye-cream", "eye-drops"], ""),
    ("my eyes are dry from staring at screens", ["eye-drops"], ""),
    ("a moisturizer that won't irritate my sensitive skin", ["face-moisturizer"], ""),
    ("my face is oily by lunchtime", ["cleanser", "face-moisturizer"], ""),
    ("i'm starting to see wrinkles around my eyes", ["eye-cream", "night-cream", "serum"], ""),
    ("my skin looks dull and i have dark spots", ["serum"], ""),
    ("i need to take off waterproof mascara", ["makeup-remover"], ""),
    ("my lashes are short and thin", ["mascara"], ""),
    ("something to cover the dark circles under my eyes", ["concealer", "eye-cream"], ""),
    ("my daughter wants to paint her nails for a party", ["nail-polish"], "kids"),
    ("my grandson cut his knee falling off his bike", ["bandages", "first-aid-kit"], "kids"),
    ("we need something for the car in case someone gets hurt", ["first-aid-kit"], ""),
    ("my toddler feels hot and i think she has a fever", ["thermometer", "pain-relief"], "kids"),
    ("the mosquitoes eat me alive when we camp", ["insect-repellent"], ""),
    ("my back is sore after moving furniture", ["muscle-rub", "pain-relief", "bath-salts"], ""),
    ("my legs ache after my long runs", ["muscle-rub", "bath-salts"], ""),
    ("i keep getting cold sores when i am stressed", ["cold-sore-cream"], ""),
    ("my newborn has very dry skin", ["baby-lotion"], "baby"),
    ("bath time for my baby always ends in tears from shampoo in her eyes", ["baby-wash"], "baby"),
    ("my son sweats a lot now that he is a teenager", ["deodorant"], ""),
    ("i don't want aluminum in my deodorant", ["deodorant"], ""),
    ("my husband keeps nicking himself with his old razor", ["razor"], "men"),
    ("i need new blades for my edge5", ["razor-blades"], "Edge5"),
    ("i travel a lot and need a small hair dryer", ["hair-dryer"], ""),
    ("i want to get my vitamins in without swallowing pills", ["multivitamin"], ""),
    ("my kids are picky eaters and miss their vitamins", ["multivitamin"], "kids"),
    ("i get sick every winter and want to boost my immune system", ["multivitamin"], ""),
    ("my hands are raw from using hand sanitizer at work", ["hand-cream"], ""),
    ("a gift basket for a friend who needs to relax", ["gift-set", "bath-bomb", "bath-salts"], ""),
    ("my wife is pregnant and needs vitamins", ["multivitamin"], "women"),
    ("my hair straightener is frying my hair", ["heat-protectant"], ""),
    ("my mum's skin is itchy and flaky on her legs", ["body-lotion", "body-butter"], "women"),
    ("a thermometer for my baby that doesn't go in her ear", ["thermometer"], "baby"),
    ("my brother gets ingrown hairs on his neck after shaving", ["shaving-cream", "aftershave"], "men"),
]:
    q(S, text, types=types, fits=fits)

for text, t in [("face moisturizer", "face-moisturizer"), ("moisturizing body lotion", "body-lotion"), ("dry shampoo spray", "dry-shampoo"),
                ("rechargeable toothbrush", "electric-toothbrush"), ("beard oil", "beard-oil"), ("diaper rash cream", "diaper-cream"),
                ("eye drops", "eye-drops"), ("bath bombs", "bath-bomb"), ("night cream", "night-cream"), ("lip balm stick", "lip-balm")]:
    q("type", text, types=[t])
for text, ts in [("suntan lotion", ["sunscreen"]), ("chapstick", ["lip-balm"]), ("pimple cream", ["acne-treatment"]), ("moisturiser", ["face-moisturizer"]),
                 ("paracetamol", ["pain-relief"]), ("plasters", ["bandages"]), ("nappy cream", ["diaper-cream"]), ("shaving foam", ["shaving-cream"]),
                 ("cough mixture", ["cough-syrup"]), ("hay fever tablets", ["allergy-relief"])]:
    q("vocabulary", text, types=ts)
for text, ts, c in [("sunscreen under $10", ["sunscreen"], {"max_price": 10}),
                    ("mens deodorant", ["deodorant"], {"fits": "men"}),
                    ("kids toothpaste", ["toothpaste"], {"fits": "kids"}),
                    ("shampoo 32 fl oz", ["shampoo"], {"size": "32 fl oz"}),
                    ("sonic toothbrush under $80", ["electric-toothbrush"], {"max_price": 80}),
                    ("clearday acne treatment", ["acne-treatment"], {"brand": "Clearday"}),
                    ("baby sunscreen", ["sunscreen"], {"fits": "baby"}),
                    ("hand cream under $8", ["hand-cream"], {"max_price": 8}),
                    ("cologne over $50", ["cologne"], {"min_price": 50}),
                    ("nail polish in berry", ["nail-polish"], {"color": "Berry"})]:
    q("constraint", text, types=ts, **c)
for text, t in [("sunscrean", "sunscreen"), ("shampooo", "shampoo"), ("moisturzer", "face-moisturizer"), ("deodrant", "deodorant"),
                ("toothpast", "toothpaste"), ("conditoner", "conditioner"), ("mascarra", "mascara"), ("lip bam", "lip-balm"),
                ("shaving creem", "shaving-cream"), ("multivitamen", "multivitamin")]:
    q("typo", text, types=[t])
for text, m in [("LL-A2", "LL-A2"), ("ll-qd7", "LL-QD7"), ("OM-E5", "OM-E5"), ("om s7", "OM-S7"), ("BB-400", "BB-400"),
                ("bb700", "BB-700"), ("BB-J2", "BB-J2"), ("mw-es5", "MW-ES5"), ("MW-TQ1", "MW-TQ1"), ("bb k2", "BB-K2")]:
    q("model", text, model=m)
HB = "Health & Beauty"
PC = HB + " > Personal Care"
COS = PC + " > Cosmetics"
for text, c in [("skincare products", COS + " > Skin Care"), ("hair care products", PC + " > Hair Care"), ("dental care", PC + " > Oral Care"),
                ("first aid kits and bandages", HB + " > Health Care > First Aid"), ("supplements", HB + " > Health Care > Fitness & Nutrition > Vitamins & Supplements"),
                ("baby bath and health", "Baby & Toddler > Baby Health & Bathing"), ("makeup", COS + " > Makeup"),
                ("fragrances", COS + " > Perfume & Cologne"), ("shaving and grooming", PC + " > Shaving & Grooming"), ("body care and bath", COS + " > Bath & Body")]:
    q("category", text, category=c)
for text, b in [("dermavel", "Dermavel"), ("clearday", "Clearday"), ("brook & bloom", "Brook & Bloom"), ("brook and bloom", "Brook & Bloom"),
                ("lumen lab", "Lumen Lab"), ("oakmoss", "Oakmoss"), ("brightbite", "Brightbite"), ("velour beauty", "Velour Beauty"),
                ("little sprout", "Little Sprout"), ("medwell", "Medwell")]:
    q("brand", text, brand=b)
for text, t, f in [("replacement brush heads for sonic 400", "brush-heads", "Sonic 400"), ("sonic 700 brush heads", "brush-heads", "Sonic 700"),
                   ("razor blades for edge5", "razor-blades", "Edge5"), ("smooth glide refill cartridges", "razor-blades", "Smooth Glide"),
                   ("series 7 shaver heads", "shaver-heads", "Series 7"), ("replacement heads for rotary 3 shaver", "shaver-heads", "Rotary 3"),
                   ("water flosser tips for jet 2", "flosser-tips", "Jet 2"), ("diffuser for airlite 2 hair dryer", "dryer-diffuser", "Airlite 2"),
                   ("probe covers for earscan thermometer", "probe-covers", "EarScan"), ("quickdry pro concentrator nozzle", "dryer-diffuser", "Quickdry Pro")]:
    q("accessory", text, types=[t], fits=f)
for text in ["snow chains for a pickup truck", "tickets to a basketball game", "garden hose reel", "how to file my taxes", "qwzx plonk",
             "bass guitar amp", "cordless drill battery", "retractable dog leash", "ceiling fan remote", "kayak paddle"]:
    q("nonsense", text, nothing=True)

# every intent's types are the shop's
types = {r[2] for r in csv.reader(open("truth.tsv", encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")}
for x in Q:
    for t in x["intent"].get("types", []):
        assert t in types, (x["id"], t)
assert len({x["id"] for x in Q}) == len(Q)
with open("drugstore.jsonl", "w", encoding="utf-8") as f:
    for x in Q:
        f.write(json.dumps(x) + "\n")
print(len(Q), "queries")
