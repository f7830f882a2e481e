# Writes pets.jsonl, the pet shop's judged queries (run in this directory: python3 queries.py).
# Each query's intent was written from the shop's data (gen.go's tables, truth.tsv), never from a result.
import json
def fnv(s):
    h=0x811c9dc5
    for b in s.lower().encode():
        h^=b; h=(h*0x01000193)&0xffffffff
    return h
Q=[]
def q(kind,text,**intent):
    Q.append({"id":"%s-%08x"%(kind,fnv(text)),"kind":kind,"query":text,"intent":intent})
T=lambda *ts: list(ts)
# type
for text,ts in [("dry dog food",T("dry-dog-food")),("cat litter",T("cat-litter")),("litter box",T("litter-box","self-cleaning-litter-box")),
 ("dog crate",T("dog-crate")),("cat tree",T("cat-tree")),("aquarium",T("aquarium-kit")),("dog harness",T("dog-harness")),
 ("retractable leash",T("dog-leash")),("dog bed",T("dog-bed")),("scratching post",T("scratching-post")),("pet fountain",T("pet-fountain")),
 ("automatic feeder",T("automatic-feeder")),("wet cat food",T("wet-cat-food")),("hamster cage",T("small-animal-cage")),("bird cage",T("bird-cage")),
 ("terrarium",T("terrarium")),("dog shampoo",T("dog-shampoo")),("cat carrier",T("pet-carrier")),("ball launcher",T("ball-launcher")),("dog collar",T("dog-collar")),
 ("poop bags",T("poop-bags")),("dental chews",T("dental-chews"))]:
    q("type",text,types=ts)
# accessory
for text,ts,extra in [("fountain filters",T("fountain-filter"),{}),("catit flower fountain filter",T("fountain-filter"),{"for_brand":"Catit"}),
 ("drinkwell filters",T("fountain-filter"),{"for_brand":"PetSafe"}),("litter box liners",T("litter-box-liner"),{}),
 ("litter robot liners",T("litter-box-liner"),{"for_brand":"Whisker"}),("carbon filter for litter box",T("litter-filter"),{}),
 ("scoopfree refills",T("litter-tray-refill"),{}),("litter scoop",T("litter-scoop"),{}),("litter mat",T("litter-mat"),{}),
 ("crate pad 36 inch",T("crate-pad"),{}),("crate cover",T("crate-cover"),{}),("chuckit balls",T("fetch-ball"),{"brand":"Chuckit!"}),
 ("tennis balls for ball launcher",T("fetch-ball"),{}),("wee wee pad holder",T("pad-holder"),{}),("seat belt for dog",T("seat-belt-tether"),{}),
 ("aquarium filter",T("aquarium-filter"),{}),("tetra whisper cartridges",T("filter-cartridge"),{"for_brand":"Tetra"}),
 ("aquarium heater",T("aquarium-heater"),{}),("air pump for fish tank",T("air-pump"),{}),("uvb bulb",T("uvb-bulb"),{}),
 ("heat lamp for terrarium",T("heat-lamp"),{}),("hamster wheel",T("exercise-wheel"),{}),("water bottle for guinea pig",T("water-bottle"),{}),
 ("small animal bedding",T("small-animal-bedding"),{}),("bird perch",T("bird-perch"),{}),("scratcher refill",T("scratcher-refill"),{}),
 ("da bird refill",T("wand-refill"),{"for_brand":"Go Cat"}),("cat flap collar tag",T("pet-door-key"),{}),("gravel vacuum",T("gravel-vacuum"),{}),
 ("water conditioner",T("water-conditioner"),{}),("clamp lamp for reptiles",T("lamp-dome"),{})]:
    q("accessory",text,types=ts,**extra)
# vocabulary
for text,ts in [("dog lead",T("dog-leash")),("kitty litter",T("cat-litter")),("dog kennel",T("dog-crate")),("poo bags",T("poop-bags")),
 ("dog cage",T("dog-crate")),("dog chow",T("dry-dog-food")),("catflap",T("pet-door")),("dog flap",T("pet-door")),
 ("toilet training pads",T("puppy-pads")),("fishtank",T("aquarium-kit")),("kitty condo",T("cat-tree")),("guinea pig enclosure",T("small-animal-cage")),
 ("birdseed",T("bird-seed")),("flea medicine",T("flea-tick")),("dog rain coat",T("dog-coat")),("dog nail cutters",T("nail-clippers")),
 ("lizard tank",T("terrarium")),("chlorine remover",T("water-conditioner")),("tinned cat food",T("wet-cat-food")),("cat biscuits",T("dry-cat-food"))]:
    q("vocabulary",text,types=ts)
# constraint
for text,ts,c in [("dog bed under $50",T("dog-bed"),{"max_price":50}),("cat tree under 100",T("cat-tree"),{"max_price":100}),
 ("automatic feeder under $75",T("automatic-feeder"),{"max_price":75}),("dog harness less than $30",T("dog-harness"),{"max_price":30}),
 ("aquarium kit under $100",T("aquarium-kit"),{"max_price":100}),("self cleaning litter box under $300",T("self-cleaning-litter-box"),{"max_price":300}),
 ("dog crate over $100",T("dog-crate"),{"min_price":100}),("pet fountain between $30 and $60",T("pet-fountain"),{"min_price":30,"max_price":60}),
 ("dog food in stock",T("dry-dog-food","wet-dog-food"),{"in_stock":True}),("in stock wet cat food",T("wet-cat-food"),{"in_stock":True}),
 ("dry cat food below $25",T("dry-cat-food"),{"max_price":25}),("cat carrier under $50",T("pet-carrier"),{"max_price":50}),
 ("dog coat under 60 dollars",T("dog-coat"),{"max_price":60}),("aquarium heater under $35",T("aquarium-heater"),{"max_price":35}),
 ("scratching post under $40",T("scratching-post"),{"max_price":40}),("cat litter under $20",T("cat-litter"),{"max_price":20})]:
    q("constraint",text,types=ts,**c)
# sentence
for text,ts in [("my dog pulls on the leash when we walk",T("dog-harness")),("something to keep my cat's water fresh and moving",T("pet-fountain")),
 ("my cat keeps scratching the sofa",T("scratching-post","cardboard-scratcher","cat-tree")),("for my dog who chews everything",T("dog-toy")),
 ("my puppy keeps peeing on the carpet",T("puppy-pads")),("what do i need to clean the gravel in my fish tank",T("gravel-vacuum")),
 ("my dog gets cold on winter walks",T("dog-coat","dog-sweater")),("food for my rabbit",T("hay","small-animal-food")),
 ("i go away for the weekend and need something to feed my cat",T("automatic-feeder")),("my dog sheds hair all over the house",T("pet-brush")),
 ("the litter box smells really bad",T("litter-filter","cat-litter")),("keep my dog safe in the back seat of the car",T("seat-belt-tether","dog-seat-cover")),
 ("my cat is bored when i am at work",T("cat-toy")),("something to stop my dog getting into the kitchen",T("pet-gate")),
 ("my old dog has stiff joints",T("pet-supplement")),("how do i get rid of fleas on my cat",T("flea-tick")),
 ("my dog's breath stinks",T("dental-chews","dental-kit")),("a bed for my dog who is anxious during storms",T("dog-bed")),
 ("what do i need to keep a leopard gecko",T("terrarium")),("my hamster needs something to run on at night",T("exercise-wheel"))]:
    q("sentence",text,types=ts)
# typo
for text,ts,extra in [("dog harnes",T("dog-harness"),{}),("kitty liter",T("cat-litter"),{}),("aquarim",T("aquarium-kit"),{}),
 ("scrathing post",T("scratching-post"),{}),("retractible leash",T("dog-leash"),{}),("catnp",T("catnip"),{}),("dog bowel",T("pet-bowl"),{}),
 ("furminater",T("pet-brush"),{"brand":"FURminator"}),("flea colar",T("flea-tick"),{}),("parakeat food",T("bird-seed"),{}),
 ("hamster cgae",T("small-animal-cage"),{}),("terarium",T("terrarium"),{}),("automatic fedder",T("automatic-feeder"),{}),
 ("puppy pee pds",T("puppy-pads"),{}),("shampo for dogs",T("dog-shampoo"),{}),("gravel vacum",T("gravel-vacuum"),{})]:
    q("typo",text,types=ts,**extra)
# model
for text,m,extra in [("PWW00-13553","PWW00-13553",{}),("drinkwell 360","PWW00-13553",{"brand":"PetSafe"}),("litter robot 4","Litter-Robot 4",{"brand":"Whisker"}),
 ("fluval 307","307",{"brand":"Fluval"}),("aquaclear 50","AquaClear 50",{"brand":"AquaClear"}),("whisper ex 30","Whisper EX 30",{"brand":"Tetra"}),
 ("43745","43745",{}),("pac00-13711","PAC00-13711",{}),("pfd00 16107","PFD00-16107",{}),("a7202","A7202",{}),("dremel 7760","7760-PGK",{"brand":"Dremel"}),
 ("PT2613","PT2613",{}),("fluval m200","M200",{"brand":"Fluval"}),("plaf103","PLAF103",{})]:
    q("model",text,model=m,**extra)
for g in ["060481310463","015433439082"]:
    q("model",g,gtin=g)
# category
for text,c in [("fish & aquatics","Fish & Aquatics"),("small pets","Small Pets"),("reptiles","Reptiles"),("health & wellness","Health & Wellness"),
 ("bowls & feeders","Bowls & Feeders"),("dog grooming","Dog > Grooming"),("cat furniture","Cat > Furniture"),("doors & gates","Doors & Gates"),
 ("dog travel","Dog > Travel"),("collars harnesses and leashes","Dog > Collars, Harnesses & Leashes"),("cat litter & boxes","Cat > Litter & Boxes"),
 ("dog apparel","Dog > Apparel")]:
    q("category",text,category=c)
# brand
for text,b,ts in [("kong","KONG",None),("ruffwear","Ruffwear",None),("petsafe","PetSafe",None),("catit","Catit",None),("fluval","Fluval",None),
 ("oxbow","Oxbow",None),("zoo med","Zoo Med",None),("midwest","MidWest Homes for Pets",None),("kurgo harness","Kurgo",T("dog-harness")),
 ("hills science diet cat food","Hill's Science Diet",T("dry-cat-food","wet-cat-food")),("blue buffalo dog food","Blue Buffalo",T("dry-dog-food","wet-dog-food")),
 ("furminator","FURminator",None),("earth rated","Earth Rated",None)]:
    if ts: q("brand",text,types=ts,brand=b)
    else: q("brand",text,brand=b)
# nonsense
for text in ["horse saddle","dog grooming appointment","cat insurance","chicken coop","marine protein skimmer","snake tongs",
 "dog walking service","goldfish pond pump","purple elephant tax return","litter picker for the beach","laptop stand","fish and chips"]:
    q("nonsense",text,nothing=True)
import collections
print(len(Q), collections.Counter(x["kind"] for x in Q))
ids=[x["id"] for x in Q]; assert len(set(ids))==len(ids)
with open("pets.jsonl","w") as f:
    for x in Q: f.write(json.dumps(x, ensure_ascii=False)+"\n")
