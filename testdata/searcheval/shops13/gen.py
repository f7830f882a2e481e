# Writes the family clothing shop (sent7): a US family clothing and footwear shop's
# Shopify product export (family.csv) and its truth (truth.tsv), from the tables below.
# Deterministic: python3 gen.py in this directory writes the same files every time.
#
# The shop, "Fernway Family Outfitters", sells clothes and shoes for women, men, kids and
# babies, and a few coats and sweaters for dogs: outerwear, knitwear, tops, dresses,
# jeans, sleepwear, school wear, activewear, swimwear, running, work, dress and winter
# footwear, slippers and sandals, hats, gloves, scarves, bags, wallets and belts, shoe
# care (insoles, laces, waterproofing spray, shoe trees) and a fabric shaver. Every
# product has size and/or colour variants (Option names "Size", "Color", shoes "Shoe
# Size"). Titles say whom a product is for in the ways shops do ("Women's", "Mens",
# "Girls'", "Kids", "Baby", "Toddler") about three times in four, and not at all
# otherwise; about half the products carry the Google Shopping gender and age group
# columns (Female/Male/Unisex, adult/kids/toddler/infant). About one product in six has
# no Type, one in seven no Product Category. Descriptions say what a thing is good for
# ("warm", "waterproof", "all-day comfort on your feet", "slip-resistant outsole").
#
# truth.tsv: shop, handle, type, accessory_of, model, path (the type's category),
# (unused), colour (named by the title), fits (whom it is for: women, men, girls, boys,
# kids, baby, dog; a kids' product for either gender fits girls, boys and kids), title.
import csv, random

R = random.Random(20261207)
SHOP = "family"

W = ["XS", "S", "M", "L", "XL"]
M = ["S", "M", "L", "XL", "XXL"]
K = ["4", "5", "6", "7", "8", "10", "12", "14"]
T = ["2T", "3T", "4T", "5T"]
B = ["0-3M", "3-6M", "6-12M", "12-18M", "18-24M"]
WS = ["6", "6.5", "7", "7.5", "8", "8.5", "9", "10"]
MS = ["8", "8.5", "9", "9.5", "10", "10.5", "11", "12", "13"]
KS = ["11", "12", "13", "1", "2", "3", "4", "5"]
DOG = ["XS", "S", "M", "L", "XL"]
ONE = ["One Size"]
JE_W = ["24", "25", "26", "27", "28", "29", "30", "31", "32"]
JE_M = ["30x30", "32x30", "32x32", "34x32", "36x32", "38x32"]

SIZES = {"women": W, "men": M, "girls": K, "boys": K, "kids": K, "toddler": T, "baby": B, "dog": DOG, "adult": M}
SHOE_SIZES = {"women": WS, "men": MS, "girls": KS, "boys": KS, "kids": KS, "toddler": ["5", "6", "7", "8", "9", "10"], "adult": MS}

# how a title may say whom the product is for
SAY = {"women": ["Women's ", "Womens ", "Ladies' "], "men": ["Men's ", "Mens "], "girls": ["Girls' ", "Girls "],
       "boys": ["Boys' ", "Boys "], "kids": ["Kids' ", "Kids ", "Youth "], "toddler": ["Toddler ", "Little Kids' "],
       "baby": ["Baby ", "Infant "], "dog": ["Dog ", ""], "adult": ["Unisex ", "", "Adult "]}
GENDER = {"women": "Female", "men": "Male", "girls": "Female", "boys": "Male", "kids": "Unisex", "toddler": "Unisex",
          "baby": "Unisex", "adult": "Unisex", "dog": ""}
AGE = {"women": "adult", "men": "adult", "girls": "kids", "boys": "kids", "kids": "kids", "toddler": "toddler",
       "baby": "infant", "adult": "adult", "dog": ""}
FITS = {"women": "women", "men": "men", "girls": "girls|kids", "boys": "boys|kids", "kids": "kids|girls|boys",
        "toddler": "kids|girls|boys|toddler", "baby": "baby", "adult": "women|men", "dog": "dog"}

FERN = "Fernway"
BR_ADULT = [(FERN, 4), ("Northloft", 2), ("Harbor & Pine", 2)]
BR_KIDS = [(FERN, 2), ("Little Wren", 3)]
BR_OUT = [("Cinder Peak", 3), ("Northloft", 2), (FERN, 1)]
BR_RUN = [("Pacefield", 4), (FERN, 1)]
BR_WORK = [("Stepwell", 4), (FERN, 1)]
BR_DOG = [("Pupcoat Co.", 3), (FERN, 1)]

AP = "Apparel & Accessories"
CL = AP + " > Clothing"
OUT = CL + " > Outerwear > Coats & Jackets"
SH = AP + " > Shoes"
ACC = AP + " > Clothing Accessories"
SLEEP = CL + " > Sleepwear & Loungewear"
ACT = CL + " > Activewear"
SWIM = CL + " > Swimwear"
BABY = CL + " > Baby & Toddler Clothing"
BAGS = AP + " > Handbags, Wallets & Cases"
SHOEACC = AP + " > Shoe Accessories"
DOGAP = "Animals & Pet Supplies > Pet Supplies > Dog Supplies > Dog Apparel"
UNI = CL + " > Uniforms > School Uniforms"

ADULTK = ["women", "men", "girls", "boys", "kids"]
# name, Type column, path, accessory_of, audiences, colours, price range, count, brands,
# title patterns ({A} whom for, {C} colour, {N} a noun of the list, {M} model), nouns,
# description (what it is good for), shoe sizes
TYPES = [
    ("winter-coat", "Coats", OUT, "", ADULTK + ["toddler"], ["Black", "Navy", "Olive", "Camel", "Red", "Plum"], (69, 249), 36, BR_OUT,
     ["{A}Insulated Parka", "{A}Quilted Winter Coat", "{A}Hooded Down Coat — {C}", "{A}{N} Parka", "{A}Long Puffer Coat", "{A}Sherpa Lined Winter Jacket"],
     ["Arctic", "Snowline", "Ridge", "Glacier", "Tundra"], "Warm insulated coat for cold winter days, with a hood, fleece-lined pockets and a water-resistant shell. Warm down to 0°F.", False),
    ("rain-jacket", "Rain Jackets", OUT, "", ADULTK, ["Yellow", "Navy", "Green", "Black", "Coral"], (39, 149), 26, BR_OUT,
     ["{A}Waterproof Rain Jacket", "{A}Packable Rain Shell — {C}", "{A}{N} Rain Jacket", "{A}Lightweight Raincoat"],
     ["Drizzle", "Storm", "Cascade", "Puddle"], "Waterproof, breathable rain jacket with sealed seams and an adjustable hood; packs into its own pocket.", False),
    ("fleece-jacket", "Fleece", CL + " > Outerwear", "", ADULTK, ["Grey", "Navy", "Forest", "Oatmeal", "Pink"], (29, 89), 22, BR_OUT,
     ["{A}Full Zip Fleece Jacket", "{A}Sherpa Fleece Pullover", "{A}{N} Fleece", "{A}Microfleece Quarter Zip — {C}"],
     ["Trailhead", "Campfire", "Basecamp"], "Soft, warm fleece for layering on cool days and chilly evenings.", False),
    ("sweater", "Sweaters", CL + " > Sweaters", "", ADULTK, ["Cream", "Charcoal", "Navy", "Heather Grey", "Rust", "Fair Isle"], (29, 129), 34, BR_ADULT,
     ["{A}Crew Neck Sweater", "{A}Cable Knit Sweater — {C}", "{A}Merino Wool Sweater", "{A}Chunky Cardigan", "{A}{N} Sweater", "{A}Cashmere V-Neck Sweater"],
     ["Holiday", "Lambswool", "Fisherman", "Cotton"], "A cozy knit sweater, warm without bulk.", False),
    ("hoodie", "Hoodies", CL + " > Activewear > Sweatshirts", "", ADULTK, ["Heather Grey", "Black", "Navy", "Sage", "Lilac"], (24, 69), 28, BR_ADULT + [("Little Wren", 1)],
     ["{A}Pullover Hoodie", "{A}Zip Up Hoodie — {C}", "{A}{N} Hooded Sweatshirt", "{A}Fleece Lined Hoodie"],
     ["Everyday", "Heavyweight", "Organic Cotton"], "Brushed-back cotton fleece hoodie with a kangaroo pocket.", False),
    ("t-shirt", "T-Shirts", CL + " > Shirts & Tops", "", ADULTK + ["toddler", "baby"], ["White", "Black", "Navy", "Striped", "Coral", "Mint"], (9, 35), 40, BR_ADULT + BR_KIDS,
     ["{A}Crew Neck T-Shirt", "{A}Graphic Tee — {C}", "{A}Organic Cotton Tee", "{A}V-Neck T-Shirt", "{A}{N} Tee", "{A}Long Sleeve T-Shirt"],
     ["Dinosaur", "Rainbow", "Pocket", "Essential", "Slub"], "Soft cotton jersey tee for every day.", False),
    ("dress", "Dresses", CL + " > Dresses", "", ["women", "girls", "toddler"], ["Floral", "Navy", "Black", "Red", "Blush", "Polka Dot"], (19, 119), 32, BR_ADULT + BR_KIDS,
     ["{A}Wrap Dress — {C}", "{A}Smocked Sundress", "{A}Party Dress", "{A}{N} Dress", "{A}Knit Sweater Dress", "{A}Midi Shirt Dress"],
     ["Tiered", "Twirl", "Holiday", "Jersey", "Linen"], "An easy dress to dress up or down.", False),
    ("leggings", "Leggings", CL + " > Pants > Leggings", "", ["women", "girls", "toddler"], ["Black", "Navy", "Leopard", "Heather Grey"], (14, 79), 20, BR_ADULT + BR_KIDS + [("Pacefield", 2)],
     ["{A}High Rise Leggings", "{A}Fleece Lined Leggings — {C}", "{A}{N} Leggings", "{A}7/8 Workout Leggings"],
     ["Everyday", "Studio", "Thermal"], "Stretchy, opaque leggings with a comfortable waistband.", False),
    ("jeans", "Jeans", CL + " > Pants > Jeans", "", ADULTK, ["Dark Wash", "Light Wash", "Black", "Medium Wash"], (29, 119), 28, BR_ADULT + BR_KIDS,
     ["{A}Straight Leg Jeans", "{A}Slim Fit Jeans — {C}", "{A}{N} Jeans", "{A}Relaxed Fit Jeans", "{A}Pull-On Jeans"],
     ["Bootcut", "Mom", "Skinny", "Stretch"], "Classic five-pocket jeans in stretch denim.", False),
    ("pajamas", "Pajamas", SLEEP, "", ADULTK + ["toddler", "baby"], ["Plaid", "Navy Star", "Candy Stripe", "Heather Grey"], (19, 79), 30, BR_ADULT + BR_KIDS,
     ["{A}Flannel Pajama Set", "{A}Pajama Set — {C}", "{A}{N} Pajamas", "{A}Snug Fit Pajamas", "{A}Fleece Pajama Set"],
     ["Holiday", "Family Matching", "Cotton", "Dinosaur"], "Cozy pajamas for a good night's sleep.", False),
    ("robe", "Robes", SLEEP, "", ["women", "men", "kids"], ["White", "Grey", "Navy", "Blush"], (29, 89), 12, BR_ADULT,
     ["{A}Plush Robe", "{A}Waffle Knit Robe — {C}", "{A}Hooded Bathrobe"], [], "A soft robe for slow mornings.", False),
    ("school-polo", "School Uniform", UNI, "", ["girls", "boys", "kids"], ["Navy", "White", "Light Blue", "Red"], (9, 25), 14, BR_KIDS,
     ["{A}School Uniform Polo — {C}", "{A}Short Sleeve Pique Polo", "{A}Uniform Polo Shirt"], [], "A stain-resistant pique polo for school uniform; holds its shape wash after wash.", False),
    ("school-pants", "School Uniform", UNI, "", ["girls", "boys", "kids"], ["Navy", "Khaki", "Grey"], (14, 32), 10, BR_KIDS,
     ["{A}Uniform Chino Pants", "{A}School Pants — {C}", "{A}Pull-On Uniform Pants"], [], "Durable twill uniform pants with reinforced knees for school.", False),
    ("jumper-dress", "School Uniform", UNI, "", ["girls"], ["Navy", "Plaid", "Grey"], (19, 35), 6, BR_KIDS,
     ["{A}Uniform Jumper Dress — {C}", "{A}Pleated School Jumper"], [], "A school uniform jumper (pinafore) to wear over a polo or blouse.", False),
    ("sports-bra", "Sports Bras", ACT, "", ["women"], ["Black", "Berry", "White", "Teal"], (24, 59), 12, [("Pacefield", 3), (FERN, 1)],
     ["{A}High Support Sports Bra", "{A}Racerback Sports Bra — {C}", "{A}Medium Support Sports Bra"], [], "Sweat-wicking support for running and workouts.", False),
    ("running-shorts", "Shorts", ACT, "", ["women", "men"], ["Black", "Navy", "Volt", "Grey"], (24, 55), 14, BR_RUN,
     ["{A}5\" Running Shorts", "{A}2-in-1 Running Shorts — {C}", "{A}Lined Running Shorts"], [], "Light running shorts with a zip pocket for keys.", False),
    ("running-tights", "Running Tights", ACT, "", ["women", "men"], ["Black", "Navy"], (39, 89), 8, BR_RUN,
     ["{A}Thermal Running Tights", "{A}Reflective Running Tights — {C}"], [], "Brushed-inside thermal tights for winter runs, with reflective details.", False),
    ("swimsuit", "Swimwear", SWIM, "", ["women", "girls", "toddler"], ["Black", "Tropical", "Navy", "Coral"], (19, 89), 18, BR_ADULT + BR_KIDS,
     ["{A}One-Piece Swimsuit — {C}", "{A}Tankini Set", "{A}Rash Guard Swimsuit UPF 50+", "{A}Racerback Swimsuit"], [], "Chlorine-resistant swimsuit for the pool and the beach.", False),
    ("swim-trunks", "Swimwear", SWIM, "", ["men", "boys", "toddler"], ["Navy", "Palm Print", "Red", "Shark"], (14, 49), 14, BR_ADULT + BR_KIDS,
     ["{A}Swim Trunks — {C}", "{A}Board Shorts", "{A}Quick Dry Swim Shorts"], [], "Quick-dry swim trunks with a mesh lining.", False),
    ("bodysuit", "Baby Bodysuits", BABY, "", ["baby"], ["White", "Sage", "Striped", "Yellow"], (9, 29), 14, BR_KIDS,
     ["{A}Organic Cotton Bodysuit 3-Pack", "{A}Short Sleeve Onesie — {C}", "{A}Long Sleeve Bodysuit"], [], "Soft organic cotton bodysuits with snaps for easy changes.", False),
    ("snowsuit", "Snowsuits", BABY, "", ["baby", "toddler"], ["Navy", "Pink", "Red", "Grey"], (39, 99), 8, BR_KIDS + [("Cinder Peak", 1)],
     ["{A}One-Piece Snowsuit — {C}", "{A}Bunting Snowsuit", "{A}Insulated Snow Bib"], [], "Warm, waterproof snowsuit for snow days.", False),
    ("sleep-sack", "Sleep Sacks", BABY, "", ["baby"], ["Grey", "Moon Print", "Sage"], (24, 45), 6, BR_KIDS,
     ["{A}Wearable Blanket Sleep Sack — {C}", "{A}Swaddle Sleep Sack"], [], "A wearable blanket for safe, warm sleep; no loose blankets in the crib.", False),
    # footwear
    ("running-shoes", "Running Shoes", SH + " > Athletic Shoes", "", ["women", "men"], ["Black/White", "Blue", "Grey", "Coral"], (89, 169), 22, BR_RUN,
     ["{A}{M} Running Shoe", "{A}{M} Road Running Shoes — {C}", "{A}{M} Trail Running Shoe"], [], "Cushioned running shoe with a responsive foam midsole for daily training miles.", True),
    ("sneakers", "Sneakers", SH + " > Sneakers", "", ADULTK + ["toddler"], ["White", "Black", "Navy", "Pink", "Grey"], (29, 99), 30, BR_ADULT + BR_KIDS,
     ["{A}Canvas Sneakers — {C}", "{A}Leather Low Top Sneakers", "{A}Slip-On Sneakers", "{A}Light Up Sneakers", "{A}Hook and Loop Sneakers"], [],
     "Everyday sneakers with a cushioned footbed.", False),
    ("work-shoes", "Work Shoes", SH + " > Work & Safety Shoes", "", ["women", "men"], ["Black", "White", "Navy"], (69, 149), 18, BR_WORK,
     ["{A}{M} Slip Resistant Work Shoe", "{A}{M} Nursing Clog — {C}", "{A}{M} Service Shoe", "{A}{M} Composite Toe Work Sneaker"], [],
     "Slip-resistant outsole and a cushioned, supportive footbed for all-day comfort on your feet on long shifts at work.", True),
    ("dress-shoes", "Dress Shoes", SH + " > Dress Shoes", "", ["men", "boys"], ["Black", "Brown", "Cognac"], (49, 189), 14, BR_ADULT,
     ["{A}Leather Oxford Shoes — {C}", "{A}Cap Toe Oxfords", "{A}Derby Dress Shoes", "{A}Suede Loafers"], [], "Leather dress shoes for weddings and the office.", False),
    ("heels", "Heels", SH + " > Heels", "", ["women"], ["Black", "Nude", "Red", "Silver"], (49, 139), 12, BR_ADULT,
     ["{A}Block Heel Pumps — {C}", "{A}Strappy Heeled Sandals", "{A}Kitten Heels"], [], "Block heels you can wear all evening.", False),
    ("flats", "Flats", SH + " > Flats", "", ["women", "girls"], ["Black", "Tan", "Silver", "Red"], (29, 89), 10, BR_ADULT + BR_KIDS,
     ["{A}Ballet Flats — {C}", "{A}Pointed Toe Flats", "{A}Mary Jane Flats"], [], "Soft leather flats that fold flat for travel.", False),
    ("snow-boots", "Boots", SH + " > Boots", "", ADULTK + ["toddler"], ["Black", "Brown", "Grey", "Purple"], (49, 169), 24, BR_OUT + BR_KIDS,
     ["{A}Waterproof Snow Boots", "{A}Insulated Winter Boots — {C}", "{A}{N} Snow Boot", "{A}Faux Fur Lined Boots"], ["Glacier", "Tundra", "Blizzard"],
     "Waterproof, insulated boots with a grippy outsole for snow and ice; warm to -20°F.", False),
    ("rain-boots", "Boots", SH + " > Boots", "", ["women", "kids", "toddler"], ["Yellow", "Navy", "Dinosaur Print", "Pink"], (24, 79), 14, BR_ADULT + BR_KIDS,
     ["{A}Rain Boots — {C}", "{A}Rubber Rain Boots", "{A}Chelsea Rain Boots"], [], "Waterproof rubber rain boots for puddles and muddy walks.", False),
    ("hiking-boots", "Boots", SH + " > Boots", "", ["women", "men", "kids"], ["Brown", "Grey", "Olive"], (69, 179), 12, BR_OUT,
     ["{A}{N} Waterproof Hiking Boots", "{A}Mid Hiking Boots — {C}"], ["Summit", "Ridge", "Switchback"], "Waterproof hiking boots with ankle support and a lugged outsole for the trail.", False),
    ("slippers", "Slippers", SH + " > Slippers", "", ADULTK + ["toddler"], ["Grey", "Chestnut", "Pink", "Navy"], (19, 79), 20, BR_ADULT + BR_KIDS,
     ["{A}Moccasin Slippers", "{A}Memory Foam Slippers — {C}", "{A}Sherpa Lined Slippers", "{A}Slipper Booties"], [], "Warm, cozy slippers with a rubber sole for indoors and out.", False),
    ("sandals", "Sandals", SH + " > Sandals", "", ADULTK + ["toddler"], ["Tan", "Black", "Navy", "Pink"], (19, 89), 20, BR_ADULT + BR_KIDS,
     ["{A}Sport Sandals — {C}", "{A}Flip Flops", "{A}Leather Slide Sandals", "{A}Water Sandals"], [], "Sandals for the beach, the pool and summer days.", False),
    ("baby-shoes", "Baby Shoes", SH + " > Baby & Toddler Shoes", "", ["baby"], ["Tan", "Pink", "Navy"], (19, 39), 6, BR_KIDS,
     ["{A}Soft Sole First Walker Shoes — {C}", "{A}Leather Crib Shoes"], [], "Flexible soft-sole shoes for first steps.", False),
    # accessories
    ("beanie", "Hats", ACC + " > Hats", "", ["adult", "kids", "baby"], ["Black", "Cream", "Red", "Mustard"], (12, 39), 16, BR_ADULT + BR_KIDS + [("Cinder Peak", 1)],
     ["{A}Cuffed Knit Beanie — {C}", "{A}Pom Pom Beanie", "{A}Fleece Lined Beanie"], [], "A warm knit hat for cold days.", False),
    ("sun-hat", "Hats", ACC + " > Hats", "", ["women", "kids", "baby"], ["Natural", "Navy", "Khaki"], (14, 45), 10, BR_ADULT + BR_KIDS,
     ["{A}Wide Brim Sun Hat — {C}", "{A}UPF 50 Bucket Hat", "{A}Straw Sun Hat"], [], "Sun protection for beach days.", False),
    ("gloves", "Gloves & Mittens", ACC + " > Gloves & Mittens", "", ["adult", "kids", "baby"], ["Black", "Grey", "Navy", "Red"], (12, 59), 16, BR_ADULT + BR_KIDS + [("Cinder Peak", 1)],
     ["{A}Touchscreen Gloves — {C}", "{A}Waterproof Ski Gloves", "{A}Fleece Mittens", "{A}Thermal Knit Gloves"], [], "Warm gloves for winter; keep your hands warm.", False),
    ("scarf", "Scarves", ACC + " > Scarves & Shawls", "", ["women", "men", "adult"], ["Camel", "Plaid", "Grey", "Burgundy"], (19, 69), 12, BR_ADULT,
     ["{A}Cashmere Blend Scarf — {C}", "{A}Plaid Blanket Scarf", "{A}Ribbed Knit Scarf"], [], "A soft, warm scarf.", False),
    ("socks", "Socks", CL + " > Underwear & Socks > Socks", "", ["women", "men", "kids"], ["Black", "Grey", "Assorted", "White"], (9, 29), 18, BR_ADULT + BR_KIDS + [("Pacefield", 2)],
     ["{A}Wool Hiking Socks", "{A}Crew Socks 6-Pack — {C}", "{A}Cushioned Running Socks", "{A}Compression Socks", "{A}Thermal Boot Socks"], [],
     "Cushioned, moisture-wicking socks.", False),
    ("belt", "Belts", ACC + " > Belts", "", ["men", "women"], ["Black", "Brown", "Tan"], (19, 59), 10, BR_ADULT,
     ["{A}Leather Belt — {C}", "{A}Reversible Leather Belt", "{A}Braided Stretch Belt"], [], "Full-grain leather belt.", False),
    ("wallet", "Wallets", BAGS + " > Wallets & Money Clips", "", ["men", "women"], ["Black", "Brown", "Tan", "Rose"], (19, 79), 10, BR_ADULT,
     ["{A}Leather Bifold Wallet — {C}", "{A}RFID Slim Card Wallet", "{A}Zip Around Wallet"], [], "A slim leather wallet that holds cards and cash.", False),
    ("backpack", "Backpacks", BAGS + " > Backpacks", "", ["kids", "adult"], ["Navy", "Pink", "Dinosaur Print", "Black"], (24, 69), 12, BR_KIDS + [(FERN, 1)],
     ["{A}School Backpack — {C}", "{A}Everyday Backpack", "{A}Mini Backpack"], [], "A roomy backpack with a padded laptop sleeve and a water bottle pocket.", False),
    ("tote-bag", "Bags", BAGS + " > Handbags", "", ["women"], ["Natural", "Black", "Tan"], (24, 99), 8, BR_ADULT,
     ["{A}Canvas Tote Bag — {C}", "{A}Leather Tote", "{A}Weekender Tote"], [], "A roomy tote for work and weekends.", False),
    # shoe care, for shoes
    ("insoles", "Shoe Care", SHOEACC, "work-shoes", ["adult"], [], (14, 49), 8, BR_WORK + [("Pacefield", 2)],
     ["{N} Cushioned Insoles", "Arch Support Insoles — {N}", "{N} Memory Foam Insoles"], ["All Day", "Plantar", "Gel", "Standing"],
     "Replacement insoles with arch support and heel cushioning: fits work shoes, running shoes and boots; for people who stand all day.", False),
    ("shoelaces", "Shoe Care", SHOEACC, "sneakers", ["adult"], ["White", "Black", "Neon"], (5, 12), 6, [(FERN, 1)],
     ["Flat Sneaker Laces — {C}", "Round Boot Laces", "No-Tie Elastic Laces"], [], "Replacement laces for sneakers and boots.", False),
    ("waterproofing-spray", "Shoe Care", SHOEACC, "snow-boots", ["adult"], [], (9, 19), 5, [("Cinder Peak", 1), (FERN, 1)],
     ["Waterproofing Spray for Boots", "Suede & Nubuck Protector Spray", "Leather Waterproofing Wax"], [], "Keeps boots and shoes dry: protects leather and suede from water and salt stains.", False),
    ("shoe-trees", "Shoe Care", SHOEACC, "dress-shoes", ["adult"], [], (19, 39), 4, [("Harbor & Pine", 1)],
     ["Cedar Shoe Trees", "Split Toe Cedar Shoe Trees"], [], "Cedar shoe trees keep dress shoes in shape and fresh.", False),
    ("fabric-shaver", "Clothing Care", ACC, "sweater", ["adult"], [], (14, 29), 3, [(FERN, 1)],
     ["Rechargeable Fabric Shaver", "Sweater Pill Remover"], [], "Removes pills and fuzz from sweaters and knits.", False),
    # dogs
    ("dog-coat", "Dog Apparel", DOGAP, "", ["dog"], ["Red", "Navy", "Plaid", "Yellow"], (24, 69), 10, BR_DOG,
     ["Insulated Dog Coat — {C}", "Waterproof Dog Jacket", "Reflective Dog Parka", "Fleece Lined Dog Coat"], [], "Keeps your dog warm and dry on winter walks; chest strap and leash opening.", False),
    ("dog-sweater", "Dog Apparel", DOGAP, "", ["dog"], ["Red", "Grey", "Fair Isle"], (19, 39), 6, BR_DOG,
     ["Cable Knit Dog Sweater — {C}", "Holiday Dog Sweater", "Dog Turtleneck Sweater"], [], "A cozy knit sweater for small dogs that feel the cold.", False),
]

# running and work shoes have models with style codes
MODELS = {
    ("running-shoes", "Pacefield"): [("Glide 7", "PF-G7"), ("Tempo Racer", "PF-TR2"), ("Cloudline 3", "PF-CL3"), ("Trailhawk 2", "PF-TH2"), ("Stride Max", "PF-SMX"), ("Daily 5", "PF-D5")],
    ("running-shoes", FERN): [("Fernway Run 1", "FW-R1")],
    ("work-shoes", "Stepwell"): [("Shiftpro", "SW-410"), ("Carelite", "SW-220"), ("Nightshift", "SW-330"), ("Kitchen Grip", "SW-515"), ("Warehouse CT", "SW-780")],
    ("work-shoes", FERN): [("Fernway Work", "FW-W2")],
}

def pick(ws):
    tot = sum(w for _, w in ws)
    x = R.uniform(0, tot)
    for v, w in ws:
        x -= w
        if x <= 0:
            return v
    return ws[-1][0]

def ean13(n):
    s = "08" + "%010d" % n
    d = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(s))
    return s + str((10 - d % 10) % 10)

def slug(s):
    out, dash = [], False
    for ch in s.lower().replace("'", "").replace("—", " "):
        if ch.isalnum():
            out.append(ch); dash = False
        elif not dash:
            out.append("-"); dash = True
    return "".join(out).strip("-")

HEAD = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
        "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
        "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
        "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
        "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
        "SEO Title", "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / Gender",
        "Google Shopping / Age Group", "Google Shopping / MPN", "Google Shopping / Condition",
        "Google Shopping / Custom Product", "Variant Image", "Variant Weight Unit", "Variant Tax Code",
        "Cost per item", "Status"]

rows, truth = [], []
seen = set()
sku_n = 0
pid = 0
for (name, tcol, path, of, auds, colours, (lo, hi), n, brands, titles, nouns, desc, modelled) in TYPES:
    used = {}
    for i in range(n):
        pid += 1
        aud = auds[i % len(auds)]
        brand = pick(brands if aud not in ("girls", "boys", "kids", "toddler", "baby") else [b for b in brands if b[0] in (FERN, "Little Wren", "Cinder Peak")] or brands)
        model, mpn = "", ""
        if modelled:
            ms = MODELS.get((name, brand)) or MODELS[(name, FERN)]
            k = used.get(brand, 0)
            used[brand] = k + 1
            model, mpn = ms[k % len(ms)]
            if k >= len(ms):
                model = model + " Wide"
        for attempt in range(40):
            pat = titles[(i + R.randrange(len(titles))) % len(titles)]
            say = R.choice(SAY[aud]) if R.random() < 0.75 else ""
            col = R.choice(colours) if colours else ""
            title = pat.replace("{A}", say).replace("{M}", model).replace("{N}", R.choice(nouns) if nouns else "").replace("{C}", col)
            if model and R.random() < 0.5:
                title = brand + " " + title
            title = " ".join(title.split())
            if title not in seen:
                break
        if title in seen:
            title = R.choice(["Classic ", "Organic ", "Recycled ", "Essential "]) + title
            if title in seen:
                title += " II"
        seen.add(title)
        colour_in_title = "{C}" in pat and col != ""
        handle = slug(title)
        if path.startswith(SH):
            sizes = SHOE_SIZES.get(aud, ONE) if name != "baby-shoes" else ["0-6M", "6-12M", "12-18M"]
            size_name = R.choice(["Size", "Shoe Size"])
        elif name in ("insoles",):
            sizes, size_name = ["S (W 5-7)", "M (W 8-10 / M 7-9)", "L (M 10-12)"], "Size"
        elif name in ("shoelaces", "waterproofing-spray", "shoe-trees", "fabric-shaver", "scarf", "tote-bag", "wallet", "backpack", "sun-hat", "beanie"):
            sizes, size_name = ONE, "Size"
        elif name == "jeans":
            sizes, size_name = (JE_M if aud == "men" else JE_W if aud == "women" else K), "Size"
        else:
            sizes, size_name = SIZES.get(aud, M), "Size"
        if len(sizes) > 5 and R.random() < 0.5:
            sizes = sizes[R.randrange(0, 2):len(sizes) - R.randrange(0, 2)]
        var_colours = []
        if not colour_in_title and colours:
            var_colours = R.sample(colours, min(len(colours), R.choice([1, 2, 3])))
        price = R.randrange(lo, hi + 1) - (0.01 if R.random() < 0.7 else 0.0)
        sale = R.random() < 0.2
        compare = round(price * R.choice([1.25, 1.4]), 0) if sale else None
        ptype = tcol if R.random() > 0.17 else ""
        pcat = path if R.random() > 0.14 else ""
        tags = [name.replace("-", " "), aud] + (["sale"] if sale else []) + R.sample(["new arrival", "bestseller", "gift", "fall winter", "spring summer", "back to school"], 2)
        body = "<p>%s</p><ul><li>%s</li>%s</ul>" % (desc, R.choice(["Machine wash cold.", "Wipe clean.", "Hand wash, lay flat to dry.", "Imported."]),
                                                    "<li>Style: %s</li>" % mpn if mpn and R.random() < 0.6 else "")
        google = R.random() < 0.5 and aud != "dog"
        opts = []
        if sizes != ONE:
            opts.append((size_name, sizes))
        if var_colours and (len(var_colours) > 1 or R.random() < 0.5):
            opts.append((R.choice(["Color", "Colour"]), var_colours))
        combos = [[]]
        for _, vals in opts:
            combos = [c + [v] for c in combos for v in vals]
        code = "FW-%s-%04d" % (slug(name)[:3].upper(), pid)
        has_barcode = R.random() < 0.4
        first = True
        for c in combos:
            sku_n += 1
            r = {h: "" for h in HEAD}
            r["Handle"] = handle
            r["Variant SKU"] = code + "".join("-" + slug(v).upper()[:5] for v in c)
            r["Variant Grams"] = str(R.randrange(60, 1800))
            r["Variant Inventory Tracker"] = "shopify"
            r["Variant Inventory Qty"] = str(0 if R.random() < 0.1 else R.randrange(1, 40))
            r["Variant Inventory Policy"] = "deny"
            r["Variant Fulfillment Service"] = "manual"
            r["Variant Price"] = "%.2f" % price
            r["Variant Compare At Price"] = "%.2f" % compare if compare else ""
            r["Variant Requires Shipping"] = "TRUE"
            r["Variant Taxable"] = "TRUE"
            r["Variant Barcode"] = ean13(sku_n) if has_barcode else ""
            r["Variant Weight Unit"] = "lb"
            if opts:
                for j in range(len(opts)):
                    r["Option%d Value" % (j + 1)] = c[j]
            else:
                r["Option1 Value"] = "Default Title"
            if first:
                r["Title"] = title
                r["Body (HTML)"] = body
                r["Vendor"] = brand
                r["Product Category"] = pcat
                r["Type"] = ptype
                r["Tags"] = ", ".join(tags)
                r["Published"] = "TRUE"
                if opts:
                    for j, (on, _) in enumerate(opts):
                        r["Option%d Name" % (j + 1)] = on
                else:
                    r["Option1 Name"] = "Title"
                r["Image Src"] = "https://cdn.shopify.com/s/files/1/0833/1207/products/%s.jpg" % handle
                r["Image Position"] = "1"
                r["Gift Card"] = "FALSE"
                r["Status"] = "active"
                if google:
                    r["Google Shopping / Google Product Category"] = path
                    r["Google Shopping / Gender"] = GENDER[aud]
                    r["Google Shopping / Age Group"] = AGE[aud]
                    r["Google Shopping / MPN"] = mpn
                    r["Google Shopping / Condition"] = "new"
                    r["Google Shopping / Custom Product"] = "FALSE"
                r["Cost per item"] = "%.2f" % (price * 0.45)
            rows.append(r)
            first = False
        truth.append([SHOP, handle, name, of, mpn, path, "", col if colour_in_title else "", FITS[aud], title])

with open("family.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=HEAD, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (the type's)\t(unused)\tcolour (named by the title)\tfits (whom it is for)\ttitle (for readers)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", len(rows), "variant rows")
