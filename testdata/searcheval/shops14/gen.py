# Writes the drugstore (sent8): a US beauty, personal-care and pharmacy shop's Shopify
# product export (drugstore.csv) and its truth (truth.tsv), from the tables below.
# Deterministic: python3 gen.py in this directory writes the same files every time.
# Written from general knowledge of such shops; no real shop's or brand's text is copied
# (every brand is made up).
#
# The shop, "Corner Apothecary", sells skin care (cleansers, moisturizers, serums,
# spot treatments, eye creams, sunscreen and after-sun), body care (lotions, body
# butters, hand and foot creams, lip balm, body wash, bar soap, bubble bath, bath
# bombs and salts), hair care (shampoo, conditioner, dry and anti-dandruff shampoo, hair
# masks and oils, heat protectant, brushes, dryers and their diffusers), men's grooming
# (razors and their blades, electric shavers and their heads, shaving cream, beard oil,
# aftershave balm, deodorant), oral care (toothpaste, manual and electric toothbrushes
# and their heads, floss, water flossers and their tips, mouthwash), make-up (foundation,
# concealer, mascara, lipstick, nail polish and remover, micellar water, cotton pads),
# fragrance (perfume, cologne), baby care (baby wash, diaper cream, baby lotion, baby
# sunscreen), and the pharmacy's shelves (pain relief, allergy relief, cold and flu,
# cough syrup, throat lozenges, sleep aid, multivitamins, kids' gummy vitamins,
# bandages, first aid kits, thermometers and their probe covers, hand sanitizer, lice
# treatment, insect repellent, eye drops, cold sore cream, muscle rub), and gift sets.
# Products come in sizes (Option "Size": "1.7 oz", "8 fl oz", "24 ct") and some in
# shades or scents. Titles name the brand about half the time, whom a product is for
# when it is for someone ("Men's", "Kids", "Baby"), and often a skin or hair type, an
# SPF, "Fragrance-Free"; descriptions say what a thing is good for ("soothes dry,
# cracked hands", "non-drowsy relief from sneezing and itchy eyes"). About one product
# in six has no Type, one in seven no Product Category.
#
# truth.tsv: shop, handle, type, accessory_of, model, path (the type's category),
# (unused), colour (unused), fits (whom it is for: women, men, kids, baby; a product for
# anyone fits women and men), title.
import csv, random

R = random.Random(20261208)
SHOP = "drugstore"

HB = "Health & Beauty"
PC = HB + " > Personal Care"
COS = PC + " > Cosmetics"
SKIN = COS + " > Skin Care"
BATH = COS + " > Bath & Body"
MAKE = COS + " > Makeup"
NAIL = COS + " > Nail Care"
HAIR = PC + " > Hair Care"
ORAL = PC + " > Oral Care"
SHAVE = PC + " > Shaving & Grooming"
DEO = PC + " > Deodorant & Anti-Perspirant"
FRAG = COS + " > Perfume & Cologne"
HC = HB + " > Health Care"
MED = HC + " > Medicine & Drugs"
FIRST = HC + " > First Aid"
VIT = HC + " > Fitness & Nutrition > Vitamins & Supplements"
BABY = "Baby & Toddler > Baby Health & Bathing"
GIFT = COS + " > Cosmetic Sets"

FIT = {"adult": "women|men", "women": "women", "men": "men", "kids": "kids", "baby": "baby|kids"}
SAY = {"adult": [""], "women": ["Women's ", "Womens ", "", ""], "men": ["Men's ", "Mens ", "For Men ", ""],
       "kids": ["Kids ", "Kids' ", "Children's "], "baby": ["Baby ", "Baby ", "Infant "]}

B_SKIN = [("Dermavel", 4), ("Clearday", 3), ("Brook & Bloom", 2), ("Corner Apothecary", 2)]
B_BODY = [("Brook & Bloom", 3), ("Dermavel", 2), ("Salt & Tide", 2), ("Corner Apothecary", 2)]
B_HAIR = [("Lumen Lab", 3), ("Salt & Tide", 2), ("Brook & Bloom", 2), ("Corner Apothecary", 1)]
B_MEN = [("Oakmoss", 4), ("Corner Apothecary", 1)]
B_ORAL = [("Brightbite", 4), ("Corner Apothecary", 1)]
B_MAKE = [("Velour Beauty", 4), ("Clearday", 1)]
B_BABY = [("Little Sprout", 4), ("Dermavel", 1)]
B_MED = [("Medwell", 4), ("Corner Apothecary", 3)]
B_SUN = [("Sunwise", 4), ("Dermavel", 1), ("Little Sprout", 1)]
B_TOOL = [("Lumen Lab", 2), ("Oakmoss", 1), ("Brightbite", 1)]

OZ_SMALL = ["0.5 oz", "1 oz", "1.7 oz"]
OZ = ["1.7 oz", "3.4 oz", "6 oz"]
FLOZ = ["8 fl oz", "12 fl oz", "16 fl oz", "32 fl oz"]
CT = ["24 ct", "50 ct", "100 ct"]
ONE = []

SKINT = ["Dry Skin", "Oily Skin", "Sensitive Skin", "Combination Skin", "Normal to Dry Skin"]
HAIRT = ["Curly Hair", "Fine Hair", "Color-Treated Hair", "Dry, Damaged Hair", "Thick Hair", "Oily Hair"]

# name, Type column, path, accessory_of, audiences, price range, count, brands,
# title patterns ({A} whom for, {N} a noun, {K} skin/hair type, {M} model name),
# nouns, description, sizes, features (extra title words, each on some products)
TYPES = [
    ("cleanser", "Face Wash", SKIN + " > Facial Cleansers", "", ["adult", "adult", "men"], (7, 28), 22, B_SKIN,
     ["{A}Gentle Foaming Cleanser for {K}", "{A}Hydrating Cream Cleanser", "{A}{N} Face Wash", "{A}Daily Facial Cleanser — {K}"],
     ["Oat", "Ceramide", "Green Tea", "Charcoal"], "Removes dirt, oil and makeup without stripping the skin. Use morning and night.", FLOZ[:2], ["Fragrance-Free", "Soap-Free"]),
    ("face-moisturizer", "Moisturizer", SKIN + " > Lotion & Moisturizer", "", ["adult", "adult", "women", "men"], (9, 48), 26, B_SKIN,
     ["{A}Daily Moisturizing Lotion for {K}", "{A}Oil-Free Face Moisturizer", "{A}{N} Face Cream", "{A}Hydrating Gel Cream — {K}", "{A}Daily Face Moisturizer SPF 30"],
     ["Ceramide", "Hyaluronic", "Barrier Repair", "Oat"], "Lightweight daily moisturizer that hydrates for 24 hours and helps restore the skin barrier.", OZ_SMALL, ["Fragrance-Free", "Non-Comedogenic"]),
    ("night-cream", "Moisturizer", SKIN + " > Lotion & Moisturizer", "", ["adult", "women"], (14, 56), 10, B_SKIN,
     ["{A}Overnight Repair Night Cream", "{A}{N} Night Cream", "{A}Retinol Night Moisturizer"],
     ["Peptide", "Retinol", "Ceramide"], "A rich night cream that works while you sleep to smooth fine lines and wrinkles.", OZ_SMALL, ["Fragrance-Free"]),
    ("serum", "Serum", SKIN + " > Skin Care Serums", "", ["adult"], (12, 45), 16, B_SKIN,
     ["{N} Serum", "Brightening {N} Serum", "{N} Face Serum for {K}"], ["Vitamin C", "Hyaluronic Acid", "Niacinamide", "Retinol"],
     "A concentrated serum: vitamin C brightens dull skin and dark spots; hyaluronic acid plumps; niacinamide refines pores.", ["1 oz"], ["Fragrance-Free"]),
    ("acne-treatment", "Acne Treatment", SKIN + " > Acne Treatments & Kits", "", ["adult", "kids"], (6, 24), 16, [("Clearday", 5), ("Corner Apothecary", 2)],
     ["{A}Acne Spot Treatment", "{A}Blemish Clearing Gel with {N}", "{A}Acne Face Wash with {N}", "{A}Hydrocolloid Pimple Patches"],
     ["Salicylic Acid", "Benzoyl Peroxide", "Tea Tree"], "Clears breakouts, pimples and blackheads and helps prevent new blemishes. For teens and adults with acne-prone skin.", ["0.75 oz", "1 oz", "36 ct"], ["Maximum Strength"]),
    ("eye-cream", "Eye Cream", SKIN + " > Eye Care", "", ["adult", "women", "men"], (12, 42), 10, B_SKIN,
     ["{A}Depuffing Eye Cream", "{A}{N} Eye Gel", "{A}Brightening Under Eye Cream"], ["Caffeine", "Cooling", "Peptide"],
     "Reduces the look of puffiness and dark circles under tired eyes.", ["0.5 oz"], ["Fragrance-Free"]),
    ("sunscreen", "Sunscreen", SKIN + " > Sunscreen", "", ["adult", "adult", "kids", "baby", "men"], (8, 32), 26, B_SUN,
     ["{A}Mineral Sunscreen Lotion SPF {S}", "{A}Sport Sunscreen Spray SPF {S}", "{A}Face Sunscreen SPF {S} for {K}", "{A}Sensitive Sunscreen Stick SPF {S}", "{A}Water Resistant Sunscreen SPF {S}"],
     [], "Broad spectrum UVA/UVB protection; water resistant for 80 minutes. Reapply after swimming or sweating.", ["3 fl oz", "6 fl oz"], ["Fragrance-Free", "Reef Friendly", "Tear-Free"]),
    ("after-sun", "After Sun", SKIN + " > Sunscreen", "", ["adult"], (6, 16), 6, B_SUN,
     ["Aloe Vera After Sun Gel", "Cooling After Sun Lotion", "{N} Sunburn Relief Spray"], ["Aloe", "Lidocaine"],
     "Cools and soothes sunburned skin after a day in the sun.", FLOZ[:2], []),
    ("lip-balm", "Lip Care", SKIN + " > Lip Care", "", ["adult", "adult", "kids"], (2, 9), 14, B_SKIN + [("Sunwise", 1)],
     ["{A}{N} Lip Balm", "{A}Lip Balm SPF 15", "{A}Overnight Lip Mask", "{A}Medicated Lip Balm for Chapped Lips"],
     ["Beeswax", "Vanilla", "Shea", "Mint"], "Soothes and protects dry, chapped lips.", ["0.15 oz", "2 pack"], ["Fragrance-Free"]),
    ("body-lotion", "Body Lotion", BATH + " > Lotion", "", ["adult", "adult", "women"], (6, 26), 20, B_BODY,
     ["{A}Daily Moisturizing Body Lotion", "{A}{N} Body Lotion for {K}", "{A}Intensive Repair Lotion for Very Dry Skin", "{A}Itch Relief Lotion"],
     ["Shea", "Oat", "Cocoa Butter", "Lavender", "Coconut"], "Absorbs fast and moisturizes dry skin for 48 hours; soothes rough, itchy, flaky skin.", FLOZ, ["Fragrance-Free", "Unscented"]),
    ("body-butter", "Body Butter", BATH + " > Lotion", "", ["adult", "women"], (9, 24), 8, B_BODY,
     ["{N} Body Butter", "Whipped {N} Body Butter"], ["Shea", "Cocoa", "Mango", "Rose"], "A rich whipped body butter that melts into dry skin.", ["6 oz"], []),
    ("hand-cream", "Hand Cream", BATH + " > Hand & Foot Care", "", ["adult", "adult", "women"], (4, 18), 16, B_BODY,
     ["{A}{N} Hand Cream", "{A}Intensive Hand Repair Cream", "{A}Hand Cream for Dry, Cracked Hands", "{A}Hand Cream Trio Gift Set"],
     ["Shea", "Almond", "Lavender", "Norwegian Formula", "Rose"], "Rich, non-greasy cream that repairs dry, cracked, chapped hands, even in cold winter weather.", ["1 oz", "3 oz"], ["Fragrance-Free", "Unscented"]),
    ("foot-cream", "Foot Care", BATH + " > Hand & Foot Care", "", ["adult"], (5, 16), 8, B_BODY,
     ["Cracked Heel Repair Cream", "{N} Foot Cream", "Callus Softening Foot Balm"], ["Urea", "Peppermint", "Shea"],
     "Softens rough calluses and repairs dry, cracked heels.", ["3 oz"], []),
    ("body-wash", "Body Wash", BATH + " > Body Wash", "", ["adult", "women", "men", "kids"], (5, 16), 20, B_BODY + [("Oakmoss", 2)],
     ["{A}{N} Body Wash", "{A}Moisturizing Body Wash", "{A}3-in-1 Body Wash, Shampoo & Conditioner", "{A}Shower Gel — {N}"],
     ["Eucalyptus", "Coconut", "Cedar", "Oat", "Citrus", "Lavender"], "A creamy lather that cleans without drying.", FLOZ[:3], ["Fragrance-Free"]),
    ("bar-soap", "Soap", BATH + " > Bar Soap", "", ["adult", "men"], (3, 12), 10, B_BODY + [("Oakmoss", 2)],
     ["{A}{N} Bar Soap", "{A}Handmade {N} Soap", "{A}Exfoliating {N} Soap Bar"], ["Goat Milk", "Charcoal", "Oatmeal", "Pine Tar"],
     "A gentle cold-process soap bar.", ["4 oz", "3 pack"], ["Unscented"]),
    ("bubble-bath", "Bath", BATH + " > Bath Additives", "", ["adult", "kids"], (5, 18), 10, B_BODY + [("Little Sprout", 1)],
     ["{A}{N} Bubble Bath", "{A}Relaxing Bubble Bath", "{A}Tear-Free Bubble Bath"], ["Lavender", "Eucalyptus", "Vanilla", "Berry"],
     "Fills the tub with rich bubbles for a long, relaxing soak.", FLOZ[:2], []),
    ("bath-bomb", "Bath", BATH + " > Bath Additives", "", ["adult"], (4, 29), 12, [("Salt & Tide", 4), ("Brook & Bloom", 1)],
     ["{N} Bath Bomb", "Bath Bomb Gift Set — {N}", "Fizzing {N} Bath Bombs"], ["Lavender", "Rose", "Eucalyptus", "Citrus", "Sleepy"],
     "Fizzes and scents the bath with essential oils: a relaxing soak at the end of the day; a lovely gift.", ["1 ct", "6 ct"], []),
    ("bath-salts", "Bath", BATH + " > Bath Additives", "", ["adult"], (6, 22), 8, [("Salt & Tide", 4)],
     ["Epsom Salt Soak — {N}", "{N} Bath Salts", "Muscle Soak Bath Salts"], ["Lavender", "Eucalyptus", "Unscented"],
     "Magnesium Epsom salt soak for sore, tired muscles after a workout or a long day.", ["2 lb", "3 lb"], []),
    ("shampoo", "Shampoo", HAIR + " > Shampoo & Conditioner", "", ["adult", "adult", "men", "kids"], (5, 28), 24, B_HAIR + [("Oakmoss", 1), ("Little Sprout", 1)],
     ["{A}{N} Shampoo for {K}", "{A}Daily Shampoo", "{A}Clarifying Shampoo", "{A}Moisture Shampoo — {K}", "{A}Tear-Free Shampoo"],
     ["Argan Oil", "Coconut", "Biotin", "Tea Tree", "Rosemary"], "Gently cleans and leaves hair soft and shiny.", FLOZ, ["Sulfate-Free", "Fragrance-Free"]),
    ("conditioner", "Conditioner", HAIR + " > Shampoo & Conditioner", "", ["adult", "adult", "kids"], (5, 28), 18, B_HAIR,
     ["{A}{N} Conditioner for {K}", "{A}Detangling Conditioner", "{A}Leave-In Conditioner", "{A}Moisture Conditioner — {K}"],
     ["Argan Oil", "Coconut", "Shea", "Biotin"], "Detangles and smooths frizz; leaves hair soft.", FLOZ, ["Sulfate-Free"]),
    ("dry-shampoo", "Shampoo", HAIR + " > Shampoo & Conditioner", "", ["adult"], (6, 18), 6, B_HAIR,
     ["Dry Shampoo Spray", "Invisible Dry Shampoo", "{N} Dry Shampoo"], ["Volume", "Dark Hair"], "Refreshes hair between washes and soaks up oil at the roots.", ["4 oz"], []),
    ("dandruff-shampoo", "Shampoo", HAIR + " > Shampoo & Conditioner", "", ["adult", "men"], (6, 18), 8, B_HAIR + [("Medwell", 2)],
     ["{A}Anti-Dandruff Shampoo", "{A}Dandruff Shampoo with {N}", "{A}Itchy Scalp Shampoo"], ["Zinc Pyrithione", "Ketoconazole", "Salicylic Acid"],
     "Controls flakes and relieves an itchy, dry scalp.", FLOZ[:2], []),
    ("hair-mask", "Hair Treatment", HAIR + " > Hair Treatments", "", ["adult"], (8, 32), 8, B_HAIR,
     ["Deep Conditioning Hair Mask for {K}", "{N} Repair Hair Mask", "Bond Repair Hair Mask"], ["Argan Oil", "Keratin", "Avocado"],
     "Weekly deep conditioning treatment that repairs dry, damaged and bleached hair.", ["8 oz"], []),
    ("hair-oil", "Hair Treatment", HAIR + " > Hair Treatments", "", ["adult", "men"], (9, 30), 6, B_HAIR,
     ["{N} Hair Oil", "Frizz Control Hair Oil", "{A}Scalp & Hair Growth Oil"], ["Argan", "Rosemary", "Jojoba"], "Tames frizz and adds shine to dry ends.", ["2 fl oz"], []),
    ("heat-protectant", "Hair Styling", HAIR + " > Hair Styling Products", "", ["adult"], (8, 22), 5, B_HAIR,
     ["Heat Protectant Spray", "Thermal Protection Mist", "Heat Protect Blowout Spray"], [], "Protects hair from the heat of blow dryers, flat irons and curling irons up to 450°F.", ["5 fl oz"], []),
    ("hairbrush", "Hair Tools", HAIR + " > Combs & Brushes", "", ["adult", "kids", "baby"], (5, 24), 9, B_TOOL + [("Little Sprout", 1)],
     ["{A}Detangling Hairbrush", "{A}Paddle Brush", "{A}Soft Bristle Hair Brush"], [], "Gets through knots without pulling.", ONE, []),
    ("hair-dryer", "Hair Tools", HAIR + " > Hair Dryers", "", ["adult"], (39, 149), 6, [("Lumen Lab", 4)],
     ["Lumen Lab {M} Ionic Hair Dryer", "{M} Compact Travel Hair Dryer", "{M} Professional Blow Dryer"], [],
     "Fast-drying ionic hair dryer with three heat settings and a cool shot.", ONE, []),
    ("dryer-diffuser", "Hair Tools", HAIR + " > Hair Dryer Accessories", "hair-dryer", ["adult"], (12, 25), 4, [("Lumen Lab", 4)],
     ["Diffuser Attachment for {M} Hair Dryer", "Curl Diffuser for Lumen Lab {M}", "Concentrator Nozzle for {M} Dryer"], [],
     "Diffuses airflow to define curls and reduce frizz; clips onto the hair dryer.", ONE, []),
    ("razor", "Shaving", SHAVE + " > Razors & Razor Blades", "", ["men", "women", "men"], (8, 36), 10, B_MEN + [("Brook & Bloom", 1)],
     ["{A}{M} 5-Blade Razor", "{A}{M} Razor with 2 Cartridges", "{A}Safety Razor — {M}", "{A}{M} Sensitive Razor"], [],
     "A close, comfortable shave with less irritation and fewer nicks.", ONE, []),
    ("razor-blades", "Shaving", SHAVE + " > Razors & Razor Blades", "razor", ["men", "women"], (10, 32), 8, B_MEN + [("Brook & Bloom", 1)],
     ["{A}{M} Replacement Cartridges", "{A}Refill Blades for {M} Razor", "{A}{M} Razor Blade Refills"], [],
     "Replacement razor cartridges that fit the handle.", ["4 ct", "8 ct"], []),
    ("electric-shaver", "Shaving", SHAVE + " > Electric Razors", "", ["men", "women"], (39, 179), 6, [("Oakmoss", 4)],
     ["{A}Oakmoss {M} Electric Shaver", "{A}{M} Rotary Shaver, Wet & Dry", "{A}{M} Cordless Foil Shaver"], [],
     "A rechargeable wet and dry electric shaver: a close shave in the shower or with foam.", ONE, []),
    ("shaver-heads", "Shaving", SHAVE + " > Electric Razor Accessories", "electric-shaver", ["men"], (19, 45), 4, [("Oakmoss", 4)],
     ["Replacement Heads for {M} Shaver", "{M} Foil & Cutter Replacement", "Oakmoss {M} Shaver Heads"], [], "Replacement shaving heads; replace every 12 months for a close shave.", ONE, []),
    ("shaving-cream", "Shaving", SHAVE + " > Shaving Cream", "", ["men", "women", "men"], (4, 16), 10, B_MEN + [("Brook & Bloom", 1)],
     ["{A}{N} Shaving Cream", "{A}Sensitive Shave Gel", "{A}Shave Butter for Razor Bumps"], ["Sandalwood", "Aloe", "Eucalyptus"],
     "A rich lather that protects against razor burn and irritation.", ["6 oz"], ["Fragrance-Free"]),
    ("beard-oil", "Beard Care", SHAVE + " > Beard Care", "", ["men"], (9, 28), 8, B_MEN,
     ["{A}{N} Beard Oil", "{A}Beard Balm — {N}", "{A}Beard Care Kit with Oil and Comb"], ["Cedarwood", "Sandalwood", "Unscented"],
     "Softens beard hair and stops itchy, flaky skin underneath.", ["1 fl oz"], []),
    ("aftershave", "Shaving", SHAVE + " > After Shave", "", ["men"], (8, 28), 6, B_MEN,
     ["{A}Aftershave Balm", "{A}Soothing Post-Shave Balm — {N}", "{A}Aftershave Splash"], ["Cedar", "Aloe"], "Calms and cools the skin after a shave.", ["3.4 oz"], []),
    ("deodorant", "Deodorant", DEO, "", ["women", "men", "adult", "kids"], (4, 14), 18, B_BODY + [("Oakmoss", 3)],
     ["{A}Aluminum-Free Deodorant — {N}", "{A}Clinical Strength Antiperspirant", "{A}{N} Deodorant Stick", "{A}Natural Deodorant for Sensitive Skin"],
     ["Cedar", "Coconut", "Unscented", "Fresh", "Powder"], "All-day odor protection; antiperspirants stop sweat for 48 hours.", ["2.6 oz"], []),
    ("toothpaste", "Toothpaste", ORAL + " > Toothpaste", "", ["adult", "adult", "kids"], (3, 12), 14, B_ORAL,
     ["{A}Whitening Toothpaste", "{A}Sensitive Teeth Toothpaste", "{A}{N} Fluoride Toothpaste", "{A}Enamel Repair Toothpaste"],
     ["Mint", "Charcoal", "Bubble Gum", "Strawberry"], "Fights cavities and freshens breath; the sensitive formula relieves tooth sensitivity to hot and cold.", ["4 oz", "2 pack"], []),
    ("toothbrush", "Toothbrush", ORAL + " > Toothbrushes", "", ["adult", "kids"], (2, 9), 8, B_ORAL,
     ["{A}Soft Bristle Toothbrush 4 Pack", "{A}Bamboo Toothbrush", "{A}Extra Soft Toothbrush"], [], "A manual toothbrush with soft, rounded bristles, gentle on gums.", ONE, []),
    ("electric-toothbrush", "Toothbrush", ORAL + " > Toothbrushes > Electric Toothbrushes", "", ["adult", "kids"], (29, 139), 8, [("Brightbite", 4)],
     ["{A}Brightbite {M} Sonic Toothbrush", "{A}{M} Rechargeable Electric Toothbrush", "{A}{M} Electric Toothbrush with Travel Case"], [],
     "A rechargeable sonic toothbrush with a 2-minute timer and pressure sensor.", ONE, []),
    ("brush-heads", "Toothbrush", ORAL + " > Toothbrush Accessories > Toothbrush Replacement Heads", "electric-toothbrush", ["adult", "kids"], (12, 29), 6, [("Brightbite", 4)],
     ["{A}{M} Replacement Brush Heads", "{A}Brush Heads for Brightbite {M}", "{A}{M} Sensitive Brush Heads"], [], "Replacement heads for the sonic toothbrush; replace every 3 months.", ["3 ct", "4 ct"], []),
    ("floss", "Floss", ORAL + " > Dental Floss", "", ["adult", "kids"], (2, 7), 6, B_ORAL,
     ["{A}Mint Waxed Floss", "{A}Floss Picks", "{A}Expanding Dental Floss"], [], "Removes plaque between teeth.", ["50 yd", "90 ct"], []),
    ("water-flosser", "Floss", ORAL + " > Dental Water Jets", "", ["adult"], (39, 89), 4, [("Brightbite", 4)],
     ["Brightbite {M} Water Flosser", "{M} Cordless Water Flosser", "{M} Countertop Water Flosser"], [], "A water flosser for braces, implants and sensitive gums.", ONE, []),
    ("flosser-tips", "Floss", ORAL + " > Dental Water Jet Replacement Tips", "water-flosser", ["adult"], (9, 19), 3, [("Brightbite", 4)],
     ["Replacement Tips for {M} Water Flosser", "{M} Orthodontic Flosser Tips", "Brightbite {M} Flosser Tips"], [], "Replacement jet tips for the water flosser.", ["4 ct"], []),
    ("mouthwash", "Mouthwash", ORAL + " > Mouthwash", "", ["adult", "kids"], (4, 12), 8, B_ORAL,
     ["{A}Alcohol-Free Mouthwash", "{A}{N} Antiseptic Mouthwash", "{A}Dry Mouth Rinse"], ["Mint", "Cool Mint", "Bubble Gum"], "Kills germs that cause bad breath, plaque and gingivitis.", ["16 fl oz", "32 fl oz"], []),
    ("foundation", "Makeup", MAKE + " > Face Makeup > Foundation", "", ["women"], (9, 39), 12, B_MAKE,
     ["Velour Beauty {N} Foundation", "Matte Liquid Foundation — {C}", "Dewy Skin Tint SPF 20 — {C}", "Full Coverage Foundation — {C}"], ["Longwear", "Serum", "Weightless"],
     "Buildable coverage that lasts all day and doesn't cake.", ["1 fl oz"], ["Fragrance-Free"]),
    ("concealer", "Makeup", MAKE + " > Face Makeup > Concealer", "", ["women"], (7, 26), 8, B_MAKE,
     ["Brightening Under Eye Concealer — {C}", "Full Coverage Concealer — {C}", "{N} Concealer Stick"], ["Creamy", "Longwear"], "Covers dark circles, blemishes and redness.", ["0.2 fl oz"], []),
    ("mascara", "Makeup", MAKE + " > Eye Makeup > Mascara", "", ["women"], (6, 26), 8, B_MAKE,
     ["{N} Mascara", "Waterproof Volumizing Mascara", "Lengthening Mascara — Black", "Tubing Mascara for Sensitive Eyes"], ["Lash Lift", "Volume", "Curl"], "Lifts and separates lashes without clumping.", ["0.3 fl oz"], []),
    ("lipstick", "Makeup", MAKE + " > Lip Makeup > Lipstick", "", ["women"], (6, 28), 12, B_MAKE,
     ["Satin Lipstick — {C}", "Matte Liquid Lipstick — {C}", "Tinted Lip Oil — {C}", "{N} Lipstick — {C}"], ["Longwear", "Hydrating"], "Rich colour that feels comfortable all day.", [], []),
    ("nail-polish", "Nail Care", NAIL + " > Nail Polish", "", ["women", "kids"], (4, 16), 12, B_MAKE + [("Little Sprout", 1)],
     ["{A}Nail Polish — {C}", "{A}Gel Effect Nail Polish — {C}", "{A}Peel-Off Nail Polish Set", "{A}Nail Polish Gift Set"], [], "Chip-resistant colour with a glossy finish.", ["0.5 fl oz"], []),
    ("nail-polish-remover", "Nail Care", NAIL + " > Nail Polish Removers", "", ["women"], (3, 9), 4, B_MAKE + [("Corner Apothecary", 1)],
     ["Acetone-Free Nail Polish Remover", "Nail Polish Remover Pads", "Strengthening Nail Polish Remover"], [], "Removes polish without drying out nails.", ["6 fl oz"], []),
    ("makeup-remover", "Makeup Remover", SKIN + " > Makeup Removers", "", ["women", "adult"], (5, 16), 8, B_SKIN + B_MAKE,
     ["Micellar Cleansing Water", "{N} Makeup Remover Balm", "Waterproof Eye Makeup Remover", "Makeup Remover Wipes"], ["Cleansing", "Oat"], "Dissolves makeup, even waterproof mascara, without rubbing.", ["8 fl oz", "25 ct"], ["Fragrance-Free"]),
    ("cotton-pads", "Cotton", COS + " > Cosmetic Tools > Cotton Pads", "", ["adult"], (2, 6), 4, [("Corner Apothecary", 3)],
     ["Cotton Rounds", "Organic Cotton Pads", "Reusable Bamboo Cotton Rounds"], [], "Soft pads for toner and makeup remover.", ["100 ct", "200 ct"], []),
    ("perfume", "Fragrance", FRAG + " > Perfume", "", ["women"], (19, 95), 12, [("Velour Beauty", 2), ("Brook & Bloom", 2), ("Maison Verity", 3)],
     ["{N} Eau de Parfum", "{N} Eau de Toilette Spray", "{N} Perfume Rollerball", "{N} Perfume Gift Set"], ["Peony", "Vanilla Musk", "Citrus Bloom", "Amber Rose", "White Tea", "Jasmine"],
     "A floral fragrance for her: long-lasting, elegant, a perfect gift.", ["1 fl oz", "1.7 fl oz", "3.4 fl oz"], []),
    ("cologne", "Fragrance", FRAG + " > Cologne", "", ["men"], (19, 89), 10, [("Oakmoss", 3), ("Maison Verity", 2)],
     ["{N} Eau de Toilette for Men", "{N} Cologne Spray", "{A}{N} Eau de Parfum", "{N} Cologne Gift Set"], ["Cedar & Smoke", "Ocean", "Vetiver", "Bergamot", "Leather"],
     "A fresh, woody fragrance for him; lasts all day.", ["1.7 fl oz", "3.4 fl oz"], []),
    ("gift-set", "Gift Set", GIFT, "", ["women", "men", "adult"], (15, 65), 12, B_BODY + [("Oakmoss", 2), ("Velour Beauty", 1)],
     ["{A}{N} Spa Gift Set", "{A}Pamper Hamper — {N}", "{A}Grooming Gift Set", "{A}Self-Care Gift Box — {N}"], ["Lavender", "Rose", "Cedar", "Vanilla", "Eucalyptus"],
     "A gift box of bath and body treats: body wash, lotion and more, ready to give.", ONE, []),
    ("baby-wash", "Baby Care", BABY + " > Baby Bathing", "", ["baby"], (4, 14), 8, B_BABY,
     ["{A}Tear-Free Wash & Shampoo", "{A}{N} Baby Wash", "{A}Calming Bedtime Bath"], ["Oat", "Lavender", "Unscented"], "A gentle tear-free wash for a baby's delicate skin and hair.", FLOZ[:2], ["Fragrance-Free"]),
    ("diaper-cream", "Baby Care", BABY + " > Baby Health", "", ["baby"], (4, 14), 8, B_BABY,
     ["{A}Diaper Rash Cream", "{A}Zinc Oxide Diaper Rash Paste", "{A}{N} Diaper Balm"], ["Calendula", "Zinc", "Soothing"], "Soothes and prevents diaper rash; forms a barrier against wetness.", ["2 oz", "4 oz"], ["Fragrance-Free"]),
    ("baby-lotion", "Baby Care", BABY + " > Baby Bathing", "", ["baby"], (4, 14), 8, B_BABY,
     ["{A}Daily Lotion", "{A}Eczema Cream", "{A}{N} Lotion", "{A}Massage Oil"], ["Oat", "Shea", "Calendula"], "Moisturizes a baby's dry skin; the eczema cream relieves itchy, irritated skin.", ["8 fl oz", "5 oz"], ["Fragrance-Free"]),
    ("pain-relief", "Pain Relief", MED + " > Pain Relievers", "", ["adult", "kids"], (4, 16), 12, B_MED,
     ["{A}Ibuprofen Tablets 200 mg", "{A}Acetaminophen Extra Strength Caplets", "{A}Fever & Pain Reliever Liquid", "{A}Naproxen Sodium Tablets", "{A}Migraine Relief Caplets"], [],
     "Temporary relief of headache, muscle aches, back pain, toothache, menstrual cramps and fever.", CT, []),
    ("allergy-relief", "Allergy", MED + " > Allergy Medicine", "", ["adult", "kids"], (6, 24), 10, B_MED,
     ["{A}Non-Drowsy Allergy Relief Tablets", "{A}24 Hour Allergy Medicine", "{A}Allergy Relief Nasal Spray", "{A}Antihistamine Chewables"], [],
     "Non-drowsy relief of hay fever: sneezing, runny nose, itchy, watery eyes from pollen and pets.", CT[:2], []),
    ("cold-flu", "Cold & Flu", MED + " > Cold & Flu", "", ["adult", "kids"], (6, 18), 10, B_MED,
     ["{A}Daytime Cold & Flu Relief", "{A}Nighttime Cold & Flu Liquid", "{A}Sinus Congestion Relief", "{A}Saline Nasal Spray"], [],
     "Relieves a stuffy nose, sinus pressure, sore throat, aches and fever from a cold or the flu.", ["24 ct", "8 fl oz"], []),
    ("cough-syrup", "Cold & Flu", MED + " > Cold & Flu", "", ["adult", "kids"], (6, 14), 8, B_MED,
     ["{A}Cough Syrup", "{A}Honey Cough Syrup", "{A}Chest Congestion & Cough Relief", "{A}Nighttime Cough Syrup"], [], "Quiets a cough and loosens chest congestion.", ["4 fl oz", "8 fl oz"], []),
    ("throat-lozenges", "Cold & Flu", MED + " > Cold & Flu", "", ["adult"], (3, 9), 6, B_MED,
     ["Honey Lemon Throat Lozenges", "Sore Throat Lozenges — {N}", "Menthol Cough Drops"], ["Cherry", "Honey", "Eucalyptus"], "Soothes a sore, scratchy throat.", ["30 ct"], []),
    ("sleep-aid", "Sleep", MED + " > Sleeping Aids", "", ["adult", "kids"], (6, 18), 8, B_MED,
     ["{A}Melatonin 5 mg Gummies", "{A}Nighttime Sleep Aid Caplets", "{A}Melatonin 1 mg Chewables", "{A}Sleep Support Gummies"], [],
     "Helps you fall asleep faster and stay asleep; for occasional sleeplessness and jet lag.", ["60 ct"], []),
    ("multivitamin", "Vitamins", VIT, "", ["women", "men", "adult", "kids"], (7, 28), 14, B_MED + [("Little Sprout", 1)],
     ["{A}Daily Multivitamin", "{A}Multivitamin Gummies", "{A}Vitamin D3 2000 IU", "{A}Immune Support Vitamin C with Zinc", "{A}Prenatal Vitamins"], [],
     "Daily vitamins and minerals to support energy and immune health.", ["60 ct", "120 ct"], []),
    ("bandages", "First Aid", FIRST + " > Bandages", "", ["adult", "kids"], (3, 10), 8, B_MED,
     ["{A}Flexible Fabric Bandages", "{A}Waterproof Bandages", "{A}Blister Bandages", "{A}Character Bandages"], [], "Covers and protects cuts, scrapes and blisters.", ["30 ct", "60 ct"], []),
    ("first-aid-kit", "First Aid", FIRST + " > First Aid Kits", "", ["adult"], (12, 39), 4, B_MED,
     ["Travel First Aid Kit", "Family First Aid Kit, 160 Pieces", "Car First Aid Kit"], [], "Bandages, gauze, antiseptic wipes and more for cuts and scrapes at home, in the car or on a trip.", ONE, []),
    ("thermometer", "Thermometer", HC + " > Biometric Monitors > Medical Thermometers", "", ["adult", "baby"], (12, 49), 6, [("Medwell", 4)],
     ["{A}Medwell {M} Digital Thermometer", "{A}{M} Ear Thermometer", "{A}{M} No-Touch Forehead Thermometer"], [],
     "Fast, accurate temperature readings for the whole family, babies included; fever alert.", ONE, []),
    ("probe-covers", "Thermometer", HC + " > Biometric Monitors > Medical Thermometer Accessories", "thermometer", ["adult"], (6, 12), 3, [("Medwell", 4)],
     ["Probe Covers for {M} Ear Thermometer", "{M} Disposable Lens Filters", "Medwell {M} Probe Covers"], [], "Disposable probe covers for the ear thermometer.", ["40 ct"], []),
    ("hand-sanitizer", "Hand Sanitizer", PC + " > Hand Sanitizers", "", ["adult"], (2, 9), 6, [("Corner Apothecary", 3), ("Brook & Bloom", 1)],
     ["Hand Sanitizer Gel", "{N} Hand Sanitizer Spray", "Travel Size Hand Sanitizer 3 Pack"], ["Aloe", "Lavender"], "Kills 99.9% of germs without water.", ["2 fl oz", "8 fl oz"], []),
    ("lice-treatment", "Lice Treatment", MED + " > Lice Treatments", "", ["kids"], (9, 29), 4, B_MED,
     ["{A}Lice Treatment Kit with Comb", "{A}Lice Killing Shampoo", "{A}Lice Prevention Spray"], [], "Kills head lice and eggs; includes a nit comb.", ["4 fl oz"], []),
    ("insect-repellent", "Insect Repellent", HC + " > Insect Repellent", "", ["adult", "kids"], (5, 15), 6, [("Sunwise", 3), ("Medwell", 1)],
     ["{A}Insect Repellent Spray", "{A}DEET-Free Bug Spray", "{A}Mosquito Repellent Lotion"], [], "Repels mosquitoes and ticks for up to 8 hours.", ["6 fl oz"], []),
    ("eye-drops", "Eye Care", HC + " > Eye Care", "", ["adult"], (5, 16), 6, B_MED,
     ["Lubricant Eye Drops for Dry Eyes", "Redness Relief Eye Drops", "Allergy Eye Drops"], [], "Soothes dry, red, tired, itchy eyes, from screens, contacts or allergies.", ["0.5 fl oz"], []),
    ("cold-sore-cream", "Cold Sore", MED + " > Cold Sore Treatment", "", ["adult"], (6, 18), 4, B_MED,
     ["Cold Sore Treatment Cream", "Cold Sore Patches", "Fever Blister Ointment"], [], "Shortens healing time of cold sores and fever blisters.", ["0.07 oz"], []),
    ("muscle-rub", "Pain Relief", MED + " > Pain Relievers", "", ["adult"], (5, 16), 6, B_MED,
     ["Menthol Muscle Rub", "Arnica Muscle Gel", "Pain Relief Patches"], [], "Cooling relief for sore muscles, backache and joint pain after exercise.", ["3 oz", "5 ct"], []),
]

SHADES = ["Fair", "Light", "Light Medium", "Medium", "Tan", "Deep", "Rich"]
COLOURS = ["Red", "Nude", "Berry", "Coral", "Pink", "Plum"]

MODELS = {
    "hair-dryer": [("Airlite 2", "LL-A2"), ("Quickdry Pro", "LL-QD7"), ("Mini Go", "LL-MG1")],
    "dryer-diffuser": [("Airlite 2", ""), ("Quickdry Pro", ""), ("Mini Go", "")],
    "razor": [("Edge5", "OM-E5"), ("Smooth Glide", "BB-SG3"), ("Classic DE", "OM-DE1")],
    "razor-blades": [("Edge5", ""), ("Smooth Glide", ""), ("Classic DE", "")],
    "electric-shaver": [("Series 7", "OM-S7"), ("Rotary 3", "OM-R3"), ("Trim Go", "OM-TG2")],
    "shaver-heads": [("Series 7", ""), ("Rotary 3", "")],
    "electric-toothbrush": [("Sonic 400", "BB-400"), ("Sonic 700", "BB-700"), ("Kids Sonic", "BB-K2")],
    "brush-heads": [("Sonic 400", ""), ("Sonic 700", ""), ("Kids Sonic", "")],
    "water-flosser": [("Jet 2", "BB-J2"), ("Jet Cordless", "BB-JC")],
    "flosser-tips": [("Jet 2", ""), ("Jet Cordless", "")],
    "thermometer": [("TempQuick", "MW-TQ1"), ("EarScan", "MW-ES5"), ("Forehead Touchless", "MW-FT3")],
    "probe-covers": [("EarScan", "")],
}


def pick(ws):
    tot = sum(w for _, w in ws)
    x = R.uniform(0, tot)
    for v, w in ws:
        x -= w
        if x <= 0:
            return v
    return ws[-1][0]


def upc(n):
    s = "08" + "%09d" % n
    d = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(s))
    return s + str((10 - d % 10) % 10)


def slug(s):
    out, dash = [], False
    for ch in s.lower().replace("'", "").replace("—", " ").replace("&", "and"):
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
GENDER = {"women": "Female", "men": "Male", "adult": "Unisex", "kids": "Unisex", "baby": "Unisex"}
AGE = {"women": "adult", "men": "adult", "adult": "adult", "kids": "kids", "baby": "infant"}

rows, truth = [], []
seen = set()
sku_n = 0
pid = 0
for (name, tcol, path, of, auds, (lo, hi), n, brands, titles, nouns, desc, sizes0, feats) in TYPES:
    for i in range(n):
        pid += 1
        aud = auds[i % len(auds)]
        brand = pick(brands) if aud != "baby" else pick([b for b in brands if b[0] in ("Little Sprout", "Dermavel", "Sunwise", "Medwell")] or brands)
        model, mpn = "", ""
        if name in MODELS:
            model, mpn = MODELS[name][i % len(MODELS[name])]
            if name == "electric-toothbrush" and model == "Kids Sonic":
                aud = "kids"
            if name in ("thermometer",) and i % 3 == 1:
                aud = "baby"
        for attempt in range(60):
            pat = titles[(i + R.randrange(len(titles))) % len(titles)]
            say = R.choice(SAY[aud]) if aud != "adult" else ""
            kt = R.choice(HAIRT if path.startswith(HAIR) else SKINT)
            col = R.choice(SHADES if name in ("foundation", "concealer") else COLOURS)
            spf = R.choice(["30", "50", "50+", "70", "15"])
            title = pat.replace("{A}", say).replace("{M}", model).replace("{N}", R.choice(nouns) if nouns else "").replace("{K}", kt).replace("{C}", col).replace("{S}", spf)
            if feats and R.random() < 0.3:
                title = R.choice(feats) + " " + title
            if not model and R.random() < 0.5 and not title.startswith(brand):
                title = brand + " " + title
            title = " ".join(title.split())
            if title not in seen:
                break
        if title in seen:
            title += " " + R.choice(["Travel Size", "Value Size", "Twin Pack"])
            if title in seen:
                title += " II"
        seen.add(title)
        handle = slug(title)
        sizes = list(sizes0)
        if len(sizes) > 2 and R.random() < 0.5:
            sizes = sizes[R.randrange(0, 2):]
        shades = []
        if name in ("foundation", "concealer") and "{C}" not in pat:
            shades = R.sample(SHADES, 4)
        elif name in ("lipstick", "nail-polish") and "{C}" not in pat:
            shades = R.sample(COLOURS, 3)
        price = R.randrange(lo, hi + 1) - (0.01 if R.random() < 0.7 else 0.0) + (0.0 if R.random() < 0.5 else -0.5)
        price = max(price, 1.49)
        sale = R.random() < 0.15
        compare = round(price * 1.3, 0) if sale else None
        ptype = tcol if R.random() > 0.17 else ""
        pcat = path if R.random() > 0.14 else ""
        tags = [name.replace("-", " ")] + (["sale"] if sale else []) + R.sample(["new", "bestseller", "gift", "travel", "pharmacist pick", "clean beauty"], 2)
        if "Fragrance-Free" in title or "Unscented" in title:
            tags.append("fragrance free")
        extra = []
        if "{K}" in pat:
            extra.append("Made for %s." % kt.lower())
        if R.random() < 0.35 and name not in ("hair-dryer", "electric-shaver", "electric-toothbrush", "water-flosser", "thermometer"):
            extra.append(R.choice(["Dermatologist tested.", "Fragrance-free and hypoallergenic.", "Paraben-free.", "Cruelty-free.", "Pediatrician tested.", "Vegan."]))
        if mpn:
            extra.append("Model %s." % mpn)
        body = "<p>%s</p>%s" % (desc, "<ul>%s</ul>" % "".join("<li>%s</li>" % e for e in extra) if extra else "")
        google = R.random() < 0.4
        opts = []
        if sizes:
            opts.append(("Size", sizes))
        if shades:
            opts.append(("Shade" if name in ("foundation", "concealer") else "Color", shades))
        combos = [[]]
        for _, vals in opts:
            combos = [c + [v] for c in combos for v in vals]
        code = "CA-%s-%04d" % (slug(name)[:4].upper(), pid)
        has_barcode = R.random() < 0.6
        first = True
        for k, c in enumerate(combos):
            sku_n += 1
            r = {h: "" for h in HEAD}
            r["Handle"] = handle
            r["Variant SKU"] = code + "".join("-" + slug(v).upper()[:5] for v in c)
            r["Variant Grams"] = str(R.randrange(20, 900))
            r["Variant Inventory Tracker"] = "shopify"
            r["Variant Inventory Qty"] = str(0 if R.random() < 0.08 else R.randrange(1, 60))
            r["Variant Inventory Policy"] = "deny"
            r["Variant Fulfillment Service"] = "manual"
            p = price * (1 + 0.6 * k) if sizes and len(combos) == len(sizes) else price
            r["Variant Price"] = "%.2f" % p
            r["Variant Compare At Price"] = "%.2f" % (compare * (1 + 0.6 * k)) if compare and len(combos) == len(sizes) else ("%.2f" % compare if compare else "")
            r["Variant Requires Shipping"] = "TRUE"
            r["Variant Taxable"] = "TRUE" if not path.startswith(MED) else "FALSE"
            r["Variant Barcode"] = upc(sku_n) if has_barcode else ""
            r["Variant Weight Unit"] = "oz"
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
                r["Image Src"] = "https://cdn.shopify.com/s/files/1/0914/2208/products/%s.jpg" % handle
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
                r["Cost per item"] = "%.2f" % (price * 0.4)
            rows.append(r)
            first = False
        truth.append([SHOP, handle, name, of, mpn, path, "", "", FIT[aud] + ("|" + model if of else ""), title, brand])

with open("drugstore.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=HEAD, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel (a device's style code)\tpath (the type's)\t(unused)\t(unused)\tfits (whom it is for; an accessory's device too)\ttitle (for readers)\tbrand\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", len(rows), "variant rows")
