# Writes the fifth new user's shop (newuser11): a small UK fashion and apparel shop's
# Shopify product export (apparel.csv) and its truth (truth.tsv), from the tables below.
# Deterministic: python3 gen.py in this directory writes the same files every time.
#
# The shop, "Hazel & Thread", sells its own label beside a few stocked brands: tops,
# dresses, knitwear, jeans and trousers, outerwear, trainers, boots and sandals, bags,
# belts, scarves, hats and socks, and care products for shoes and knitwear. Every
# product has size and/or colour variants (Option names "Size", "Color" or "Colour",
# jeans sometimes "Waist" and "Length"); some carry their colour in the title and vary
# only by size, the way many apparel shops list one product per colourway. About a fifth
# have no Type, some no Product Category; sale items have a compare-at price; some
# variants are sold out (inventory 0, policy deny); some have barcodes, some Google
# Shopping columns. Prices are pounds (the import is told --currency GBP).
#
# Wording the judged queries rely on: titles say "Jumper" (never "sweater" or
# "pullover", but for Patagonia's Down Sweater jacket and one pullover hoodie, as real
# shops have them), "Trainers" (never "sneakers"), "Trousers" (never "pants"), "Joggers"
# (never "sweatpants"), "Gilet" (never "vest" or "body warmer"), "Rain Jacket" or
# "Waterproof Jacket" (never "cagoule" or "anorak"), "Fabric Shaver" (never "bobble").
#
# truth.tsv: shop, handle, type, accessory_of, model, path (the type's category), title,
# colour (the colour a title names when the product varies only by size).
import csv, random

R = random.Random(20261206)
SHOP = "apparel"
BASE = "https://hazelandthread.example"

W_SIZES = ["6", "8", "10", "12", "14", "16", "18"]
UK_W_SIZES = ["UK 6", "UK 8", "UK 10", "UK 12", "UK 14", "UK 16", "UK 18"]
LETTER = ["XS", "S", "M", "L", "XL"]
LETTER_M = ["S", "M", "L", "XL", "XXL"]
EU_W_SHOE = ["EU 36", "EU 37", "EU 38", "EU 39", "EU 40", "EU 41"]
EU_M_SHOE = ["EU 40", "EU 41", "EU 42", "EU 43", "EU 44", "EU 45", "EU 46"]
EUUK_SHOE = ["EU 36 / UK 3.5", "EU 37 / UK 4", "EU 38 / UK 5", "EU 39 / UK 6", "EU 40 / UK 6.5",
             "EU 41 / UK 7", "EU 42 / UK 8", "EU 43 / UK 9", "EU 44 / UK 9.5", "EU 45 / UK 10.5"]
UK_SHOE = ["UK 3", "UK 4", "UK 5", "UK 6", "UK 7", "UK 8", "UK 9", "UK 10", "UK 11"]
US_SHOE = ["US 5", "US 6", "US 7", "US 8", "US 9", "US 10", "US 11", "US 12"]
JEANS_W = ["W24 L30", "W25 L30", "W26 L30", "W27 L30", "W28 L30", "W29 L32", "W30 L32", "W31 L32", "W32 L32", "W34 L32", "W36 L34"]
SOCK = ["UK 4-7", "UK 8-11"]
BELT = ["S (28-30\")", "M (32-34\")", "L (36-38\")"]
ONE = ["One Size"]

HT = "Hazel & Thread"
G = "Apparel & Accessories > Clothing"

# name, Type column text, path (category), accessory_of, gender, sizes, colours,
# price range (pounds), count, brands with weights, title patterns.
# Title placeholders: {B} brand, {G} "Women's "/"Men's "/"", {C} colour (the product then
# varies only by size and keeps the colour in its title), {N} one of the nouns, {M} model.
TYPES = [
    ("dress", "Dresses", G + " > Dresses", "", "female", [W_SIZES, UK_W_SIZES, LETTER],
     ["Black", "Sage", "Navy", "Rust", "Ivory", "Cornflower Blue", "Red", "Floral Print"], (39, 139), 30,
     [(HT, 5), ("Seasalt Cornwall", 2), ("Joules", 2), ("Thought", 1), ("Nobody's Child", 2)],
     ["{G}Linen Wrap Dress — {C}", "Tiered Midi Dress in {C}", "{N} Dress", "Ditsy Floral Maxi Dress", "{B} {N} Dress",
      "Jersey T-Shirt Dress — {C}", "Broderie Anglaise Mini Dress", "Satin Slip Dress — {C}", "Button Through Midi Dress", "Smock Dress — {C}"],
     ["Linen Midi", "Cotton Shirt", "Jersey Wrap", "Organic Cotton Smock", "Velvet Midi", "Knitted Jumper", "Tea", "Maxi Shirt"]),
    ("skirt", "Skirts", G + " > Skirts", "", "female", [W_SIZES, UK_W_SIZES],
     ["Black", "Navy", "Camel", "Olive", "Leopard Print"], (29, 79), 10, [(HT, 4), ("Joules", 1), ("Nobody's Child", 1)],
     ["Pleated Midi Skirt — {C}", "Denim Mini Skirt", "{N} Skirt", "Satin Bias Cut Midi Skirt in {C}", "Cord A-Line Skirt"],
     ["Linen Wrap", "Tiered Maxi", "Button Front Cord", "Wool Blend Pencil"]),
    ("blouse", "Tops", G + " > Shirts & Tops", "", "female", [W_SIZES, UK_W_SIZES, LETTER],
     ["White", "Ecru", "Black", "Blush Pink", "Blue Stripe"], (29, 69), 12, [(HT, 4), ("Seasalt Cornwall", 1), ("Thought", 1)],
     ["Broderie Cotton Blouse — {C}", "{G}Pie Crust Collar Blouse", "Puff Sleeve Blouse in {C}", "{N} Blouse", "Pussy Bow Satin Blouse"],
     ["Linen Button Through", "Organic Cotton", "Embroidered Peasant", "Ruffle Neck"]),
    ("t-shirt", "T-Shirts", G + " > Shirts & Tops", "", "", [LETTER, LETTER_M],
     ["White", "Black", "Grey Marl", "Navy", "Breton Stripe", "Sage", "Washed Red"], (18, 45), 20,
     [(HT, 4), ("Armedangels", 2), ("Patagonia", 1), ("Carhartt WIP", 1), ("Seasalt Cornwall", 1)],
     ["{G}Organic Cotton Crew Neck T-Shirt — {C}", "{G}Heavyweight Tee", "{B} {N} T-Shirt", "Relaxed Fit Tee in {C}",
      "{G}Striped Long Sleeve Top", "Boxy Pocket T-Shirt — {C}", "{B} {N} Tee"],
     ["Logo", "Pocket", "Organic Cotton", "Slub Jersey", "Graphic"]),
    ("shirt", "Shirts", G + " > Shirts & Tops", "", "male", [LETTER_M, ["15\"", "15.5\"", "16\"", "16.5\"", "17\""]],
     ["White", "Pale Blue", "Navy Check", "Olive", "Ecru"], (35, 85), 12, [(HT, 3), ("Carhartt WIP", 1), ("Joules", 1)],
     ["Men's Oxford Shirt — {C}", "{G}Linen Shirt in {C}", "{B} {N} Shirt", "Brushed Cotton Check Shirt", "Corduroy Overshirt"],
     ["Madison", "Grandad Collar", "Short Sleeve Camp Collar", "Chambray"]),
    ("jumper", "Knitwear", G + " > Shirts & Tops", "", "", [LETTER, LETTER_M, UK_W_SIZES],
     ["Oatmeal", "Navy", "Forest Green", "Charcoal", "Cream", "Mustard", "Burgundy"], (45, 149), 20,
     [(HT, 4), ("Seasalt Cornwall", 2), ("Joules", 1), ("Armedangels", 1)],
     ["{G}Merino Crew Neck Jumper — {C}", "Chunky Cable Knit Jumper", "{G}Lambswool Jumper in {C}", "{B} {N} Jumper",
      "Fisherman Rib Roll Neck Jumper", "Cashmere Blend V-Neck Jumper — {C}", "Fair Isle Yoke Jumper"],
     ["Striped Breton", "Cotton Knit", "Funnel Neck", "Brushed Wool"]),
    ("cardigan", "Knitwear", G + " > Shirts & Tops", "", "female", [LETTER, UK_W_SIZES],
     ["Oatmeal", "Navy", "Sage", "Pink", "Cream"], (49, 119), 9, [(HT, 3), ("Seasalt Cornwall", 1)],
     ["Cropped Cardigan — {C}", "{N} Cardigan", "Chunky Knit Longline Cardigan", "Merino Crew Cardigan in {C}"],
     ["Pointelle", "Cotton Boxy", "Alpaca Blend"]),
    ("hoodie", "Hoodies & Sweatshirts", G + " > Activewear", "", "", [LETTER, LETTER_M],
     ["Black", "Grey Marl", "Forest Green", "Navy", "Washed Pink"], (39, 89), 11, [(HT, 2), ("Carhartt WIP", 2), ("Patagonia", 1), ("Armedangels", 1)],
     ["{G}Organic Cotton Hoodie — {C}", "{B} {N} Hoodie", "Zip Through Hoodie in {C}", "Oversized Pullover Hoodie"],
     ["Chase", "P-6 Logo Uprisal", "Hooded American Script", "Brushed Back"]),
    ("sweatshirt", "Hoodies & Sweatshirts", G + " > Shirts & Tops", "", "", [LETTER, LETTER_M],
     ["Grey Marl", "Navy", "Ecru", "Sage"], (35, 79), 8, [(HT, 3), ("Carhartt WIP", 1)],
     ["{G}Crew Neck Sweatshirt — {C}", "Embroidered Slogan Sweatshirt", "{B} {N} Sweatshirt", "Half Zip Sweatshirt in {C}"],
     ["Chase", "Brushed Back"]),
    ("jeans", "Jeans", G + " > Pants > Jeans", "", "", [JEANS_W],
     ["Mid Blue", "Dark Indigo", "Black", "Light Wash", "Stonewash"], (49, 129), 22,
     [("Levi's", 4), ("Lee", 1), ("Wrangler", 1), ("Nudie Jeans", 1), (HT, 2)],
     ["{B} {M} {N} Jeans — {C}", "{G}{B} {M} Jeans", "{G}Straight Leg Jeans in {C}", "Mom Jeans — {C}", "{G}Wide Leg Jeans",
      "{B} {M} High Rise Skinny Jeans"],
     ["Original Fit", "Slim Fit", "Slim Taper", "Relaxed Straight", "Bootcut"]),
    ("trousers", "Trousers", G + " > Pants", "", "", [W_SIZES, UK_W_SIZES, ["W28", "W30", "W32", "W34", "W36"]],
     ["Black", "Navy", "Khaki", "Stone", "Rust"], (35, 95), 12, [(HT, 4), ("Seasalt Cornwall", 1), ("Carhartt WIP", 1)],
     ["Wide Leg Linen Trousers — {C}", "{G}Tailored Trousers", "Cord Trousers in {C}", "{B} {N} Trousers", "Pleat Front Cropped Trousers"],
     ["Cargo", "Double Knee Work", "Pull-On Jersey", "Paperbag Waist"]),
    ("chinos", "Trousers", G + " > Pants", "", "male", [["W28 L32", "W30 L32", "W32 L32", "W34 L32", "W36 L32", "W32 L34", "W34 L34"]],
     ["Stone", "Navy", "Olive", "Black"], (39, 79), 7, [(HT, 2), ("Joules", 1)],
     ["Men's Slim Fit Chinos — {C}", "{B} Stretch Chinos", "Regular Fit Chinos in {C}"], []),
    ("leggings", "Activewear", G + " > Activewear", "", "female", [LETTER, ["XS", "S", "M", "L", "XL", "XXL"]],
     ["Black", "Navy", "Plum", "Forest Green"], (29, 88), 9, [("Sweaty Betty", 2), ("Girlfriend Collective", 2), (HT, 1)],
     ["{B} {N} Yoga Leggings", "High Waisted Yoga Leggings — {C}", "{B} {N} 7/8 Leggings", "Seamless Gym Leggings in {C}"],
     ["Power", "Super Soft", "Compressive", "Float"]),
    ("sports-bra", "Activewear", G + " > Activewear", "", "female", [LETTER],
     ["Black", "Plum", "Moss"], (25, 55), 5, [("Sweaty Betty", 1), ("Girlfriend Collective", 1)],
     ["{B} {N} Sports Bra", "Low Impact Yoga Bra — {C}"], ["Paloma", "Stamina", "Super Soft"]),
    ("yoga-mat", "Activewear", "Sporting Goods > Exercise & Fitness > Yoga & Pilates > Yoga Mats", "", "", [ONE],
     ["Plum", "Sage", "Charcoal"], (35, 89), 4, [("Sweaty Betty", 1), (HT, 1)],
     ["{B} {N} Yoga Mat", "Natural Rubber Yoga Mat 4mm — {C}"], ["Super Grip", "Travel Fold"]),
    ("joggers", "Loungewear", G + " > Activewear", "", "", [LETTER, LETTER_M],
     ["Grey Marl", "Black", "Navy", "Khaki"], (29, 69), 8, [(HT, 2), ("Carhartt WIP", 1), ("Girlfriend Collective", 1)],
     ["{G}Organic Cotton Joggers — {C}", "{B} {N} Joggers", "Cuffed Joggers in {C}", "Wide Leg Lounge Joggers"],
     ["Chase", "Relaxed"]),
    ("shorts", "Shorts", G + " > Shorts", "", "", [W_SIZES, LETTER_M],
     ["Stone", "Navy", "Denim Blue", "Black"], (25, 59), 7, [(HT, 2), ("Levi's", 1), ("Patagonia", 1)],
     ["{G}Linen Shorts — {C}", "{B} {N} Shorts", "Denim Cut Off Shorts", "Chino Shorts in {C}"],
     ["Baggies 5\"", "501 Original", "Running"]),
    ("rain-jacket", "Jackets", G + " > Outerwear > Coats & Jackets", "", "", [LETTER, LETTER_M],
     ["Black", "Yellow", "Navy", "Olive", "Red"], (69, 229), 12, [("Rains", 3), ("Patagonia", 2), ("Seasalt Cornwall", 2), (HT, 1)],
     ["{B} {N} Jacket", "{G}Packable Waterproof Jacket — {C}", "{B} {N} Rain Jacket", "Hooded Raincoat in {C}", "{G}Waterproof Shell Jacket"],
     ["Long", "Torrentshell 3L", "Short Hooded", "Janelle", "Seafarer"]),
    ("puffer-jacket", "Coats", G + " > Outerwear > Coats & Jackets", "", "", [LETTER, LETTER_M],
     ["Black", "Navy", "Khaki", "Cream"], (89, 249), 8, [("Patagonia", 2), (HT, 2)],
     ["{G}Padded Puffer Jacket — {C}", "{B} {N} Jacket", "Longline Puffer Coat in {C}", "Recycled Down Puffer Jacket"],
     ["Down Sweater", "Nano Puff", "Silent Down"]),
    ("coat", "Coats", G + " > Outerwear > Coats & Jackets", "", "", [W_SIZES, UK_W_SIZES, LETTER_M],
     ["Camel", "Navy", "Charcoal", "Black"], (99, 289), 9, [(HT, 3), ("Joules", 1), ("Seasalt Cornwall", 1)],
     ["Wool Blend Overcoat — {C}", "Belted Trench Coat in {C}", "{G}Double Breasted Wool Coat", "{B} {N} Coat", "Borg Collar Car Coat"],
     ["Boucle", "Teddy", "Longline Wool"]),
    ("denim-jacket", "Jackets", G + " > Outerwear > Coats & Jackets", "", "", [LETTER, LETTER_M],
     ["Mid Blue", "Black", "Light Wash"], (59, 110), 5, [("Levi's", 2), (HT, 1)],
     ["{B} {N} Denim Jacket", "Oversized Denim Jacket — {C}", "{B} Trucker Jacket"], ["Original Trucker", "Sherpa Trucker"]),
    ("blazer", "Jackets", G + " > Suits > Suit Jackets & Blazers", "", "", [W_SIZES, UK_W_SIZES],
     ["Black", "Navy", "Camel Check"], (79, 159), 5, [(HT, 1)],
     ["Single Breasted Blazer — {C}", "{G}Relaxed Linen Blazer", "Tweed Check Blazer"], []),
    ("gilet", "Jackets", G + " > Outerwear > Vests", "", "", [LETTER, LETTER_M],
     ["Navy", "Khaki", "Black"], (45, 119), 5, [(HT, 1), ("Joules", 1), ("Patagonia", 1)],
     ["{G}Quilted Gilet — {C}", "{B} {N} Gilet", "Fleece Gilet in {C}"], ["Nano Puff", "Padded"]),
    ("trainers", "Trainers", "Apparel & Accessories > Shoes", "", "", [EU_W_SHOE, EU_M_SHOE, EUUK_SHOE, UK_SHOE, US_SHOE],
     ["White", "White/Green", "Black", "Off White", "Grey", "Navy"], (55, 160), 26,
     [("Veja", 3), ("adidas", 3), ("Nike", 2), ("New Balance", 3), ("Converse", 1)],
     ["{B} {M} Trainers — {C}", "{G}{B} {M} Trainers", "{B} {M} Leather Trainers", "{G}{B} {M}", "{B} {M} Suede Trainers in {C}"], []),
    ("boots", "Boots", "Apparel & Accessories > Shoes", "", "", [UK_SHOE, EUUK_SHOE, EU_W_SHOE],
     ["Black", "Cherry Red", "Tan", "Rustic Brown", "Stout Brown"], (99, 229), 14, [("Dr. Martens", 4), ("Blundstone", 2), (HT, 1)],
     ["{B} {M} {N} Boots — {C}", "{G}{B} {M} Chelsea Boots", "{B} {M} Boots in {C}", "Leather Chelsea Boots — {C}", "{G}Lace Up Hiking Boots"],
     ["Smooth Leather", "Lace Up", "Platform"]),
    ("shoes", "Shoes", "Apparel & Accessories > Shoes", "", "", [UK_SHOE, EU_W_SHOE],
     ["Black", "Tan", "Burgundy"], (79, 159), 6, [("Dr. Martens", 2), (HT, 1)],
     ["{B} {M} Smooth Leather Shoes", "Leather Penny Loafers — {C}", "{G}Suede Brogues"], []),
    ("sandals", "Sandals", "Apparel & Accessories > Shoes", "", "", [EU_W_SHOE, EU_M_SHOE],
     ["Black", "Taupe", "Mocha", "Natural"], (35, 110), 8, [("Birkenstock", 3), ("Teva", 1)],
     ["{B} {M} Sandals — {C}", "{B} {M} Suede Footbed Sandals", "{G}{B} {M}"], []),
    ("slippers", "Slippers", "Apparel & Accessories > Shoes", "", "", [["UK 3-4", "UK 5-6", "UK 7-8", "UK 9-10"]],
     ["Grey", "Pink", "Navy"], (25, 49), 4, [(HT, 1), ("Joules", 1)],
     ["Sheepskin Mule Slippers — {C}", "{B} Moccasin Slippers"], []),
    ("belt", "Belts", "Apparel & Accessories > Clothing Accessories > Belts", "", "", [BELT],
     ["Tan", "Black", "Dark Brown"], (19, 49), 7, [(HT, 2), ("Levi's", 1)],
     ["Leather Belt — {C}", "{B} {N} Belt", "Woven Stretch Belt in {C}", "Suede Belt with Brass Buckle"], ["Classic Leather", "Reversible"]),
    ("scarf", "Scarves", "Apparel & Accessories > Clothing Accessories > Scarves & Shawls", "", "", [ONE],
     ["Red", "Red Tartan", "Navy", "Camel", "Grey", "Leopard Print", "Mustard"], (19, 69), 12, [(HT, 3), ("Joules", 1), ("Seasalt Cornwall", 1)],
     ["Lambswool Scarf — {C}", "Silk Square Scarf in {C}", "{B} {N} Scarf", "Oversized Blanket Scarf — {C}", "Cashmere Blend Scarf"],
     ["Chunky Knit", "Printed Modal", "Herringbone"]),
    ("beanie", "Hats", "Apparel & Accessories > Clothing Accessories > Hats", "", "", [ONE],
     ["Black", "Navy", "Mustard", "Oatmeal", "Red"], (15, 39), 8, [("Carhartt WIP", 2), (HT, 2), ("Patagonia", 1)],
     ["Ribbed Beanie — {C}", "{B} {N} Beanie", "Merino Beanie Hat in {C}", "Cashmere Blend Beanie"],
     ["Acrylic Watch", "Fisherman"]),
    ("gloves", "Gloves", "Apparel & Accessories > Clothing Accessories > Gloves & Mittens", "", "", [["S/M", "M/L"], ONE],
     ["Black", "Tan", "Grey"], (19, 49), 4, [(HT, 1)],
     ["Leather Touchscreen Gloves — {C}", "Knitted Gloves in {C}"], []),
    ("tote-bag", "Bags", "Apparel & Accessories > Handbags, Wallets & Cases > Handbags", "", "", [ONE],
     ["Natural", "Black", "Tan", "Olive"], (15, 129), 6, [(HT, 2), ("Baggu", 1)],
     ["Canvas Tote Bag — {C}", "Leather Shopper Tote in {C}", "{B} Standard Bag"], []),
    ("crossbody-bag", "Bags", "Apparel & Accessories > Handbags, Wallets & Cases > Handbags", "", "female", [ONE],
     ["Black", "Tan", "Burgundy"], (39, 119), 6, [(HT, 2)],
     ["Leather Crossbody Bag — {C}", "Mini Saddle Bag in {C}", "Quilted Camera Bag"], []),
    ("backpack", "Bags", "Luggage & Bags > Backpacks", "", "", [ONE],
     ["Black", "Navy", "Olive"], (45, 129), 6, [("Herschel", 2), ("Patagonia", 1), ("Fjallraven", 2)],
     ["{B} {M} Backpack — {C}", "{B} {M} Backpack", "Waxed Canvas Backpack"], []),
    ("socks", "Socks", G + " > Underwear & Socks > Socks", "", "", [SOCK],
     ["Navy", "Black", "Multi", "Grey", "Pink"], (8, 25), 10, [("Happy Socks", 2), ("Falke", 1), (HT, 2)],
     ["Bamboo Socks 3 Pack — {C}", "{B} {N} Socks", "Merino Hiking Socks", "Striped Cotton Socks in {C}", "{B} {N} Socks 4-Pack"],
     ["Big Dot", "Stripe", "Walkie", "Cashmere Blend Bed"]),
    # care and the things sold for other products (accessory_of)
    ("shoe-cleaner", "Shoe Care", "Home & Garden > Household Supplies > Shoe Care & Tools", "trainers", "", [ONE],
     [], (9, 25), 4, [("Jason Markk", 2), ("Crep Protect", 2), (HT, 1)],
     ["{B} Essential Trainer Cleaning Kit", "{B} Cure Cleaning Kit", "Trainer Cleaning Foam 150ml", "{B} Premium Shoe Cleaning Brush", "Midsole Cleaning Wipes 12 Pack"], []),
    ("protector-spray", "Shoe Care", "Home & Garden > Household Supplies > Shoe Care & Tools", "trainers", "", [ONE],
     [], (8, 18), 3, [("Crep Protect", 2), ("Jason Markk", 1), (HT, 1)],
     ["{B} Rain & Stain Protector Spray 200ml", "{B} Repel Spray", "Suede & Nubuck Waterproofing Spray"], []),
    ("shoe-laces", "Shoe Care", "Apparel & Accessories > Shoe Accessories > Shoelaces", "trainers", "", [["90cm", "120cm", "140cm"]],
     ["White", "Black", "Cream", "Red"], (4, 9), 4, [(HT, 1)],
     ["Flat Cotton Replacement Laces — {C}", "Round Waxed Laces in {C}", "Rope Laces"], []),
    ("shoe-polish", "Shoe Care", "Home & Garden > Household Supplies > Shoe Care & Tools", "boots", "", [ONE],
     ["Black", "Neutral", "Dark Brown", "Cherry Red"], (6, 15), 4, [("Dr. Martens", 1), ("Kiwi", 1), ("Saphir", 1)],
     ["{B} Leather Balsam 85ml", "{B} Shoe Polish Tin — {C}", "{B} Creme Renovatrice Leather Cream", "Leather Conditioner Balm"], []),
    ("insoles", "Shoe Care", "Apparel & Accessories > Shoe Accessories > Insoles & Inserts", "boots", "", [["UK 3-4", "UK 5-6", "UK 7-8", "UK 9-10", "UK 11-12"]],
     [], (8, 24), 2, [(HT, 1), ("Dr. Martens", 1)],
     ["Memory Foam Insoles", "Wool Felt Insoles", "{B} Softwair Comfort Insoles"], []),
    ("wool-wash", "Care", "Home & Garden > Household Supplies > Laundry Supplies > Laundry Detergent", "jumper", "", [["250ml", "500ml"]],
     [], (7, 16), 2, [(HT, 1), ("The Laundress", 1)],
     ["Wool & Cashmere Wash", "{B} Wool & Cashmere Shampoo", "No Rinse Delicates Wash"], []),
    ("fabric-shaver", "Care", "Home & Garden > Household Supplies > Laundry Supplies > Lint Rollers", "jumper", "", [ONE],
     [], (9, 24), 2, [(HT, 1), ("Steamery", 1)],
     ["Rechargeable Fabric Shaver", "{B} Pilo Fabric Shaver", "Cashmere Comb"], []),
    ("tech-wash", "Care", "Home & Garden > Household Supplies > Laundry Supplies > Laundry Detergent", "rain-jacket", "", [["300ml", "1L"]],
     [], (8, 18), 2, [("Nikwax", 2), (HT, 1)],
     ["{B} Tech Wash", "{B} TX.Direct Wash-In Waterproofing", "Waterproof Jacket Reproofing Spray"], []),
]

# models per brand and type: the model a title's {M} names, and the maker's code (the
# Google Shopping / MPN some rows carry).
MODELS = {
    ("Levi's", "jeans"): [("501", "00501-0114"), ("511", "04511-1163"), ("721", "18882-0024"), ("502", "29507-0548"), ("505", "00505-1556"), ("724", "18883-0113")],
    ("Lee", "jeans"): [("Rider", "L701KX"), ("Daren", "L707HF"), ("Carol", "L30")],
    ("Wrangler", "jeans"): [("Texas", "W12133"), ("Greensboro", "W15QYJ")],
    ("Nudie Jeans", "jeans"): [("Lean Dean", "112947"), ("Gritty Jackson", "113173")],
    (HT, "jeans"): [("", "")],
    ("Veja", "trainers"): [("Campo", "CP0502429"), ("V-10", "VX0702901"), ("Esplar", "EA0200001"), ("Rio Branco", "RB0102482")],
    ("adidas", "trainers"): [("Samba OG", "B75806"), ("Gazelle", "BB5476"), ("Stan Smith", "FX5502"), ("Handball Spezial", "DB3021")],
    ("Nike", "trainers"): [("Air Force 1 '07", "CW2288-111"), ("Blazer Mid '77", "BQ6806-100"), ("Air Max 90", "CN8490-100")],
    ("New Balance", "trainers"): [("574", "ML574EVG"), ("550", "BB550WT1"), ("990v6", "M990GL6"), ("530", "MR530SG"), ("9060", "U9060GRY")],
    ("Converse", "trainers"): [("Chuck Taylor All Star", "M9160C"), ("Chuck 70", "162050C")],
    ("Dr. Martens", "boots"): [("1460", "11822006"), ("Jadon", "15265001"), ("2976", "11853001"), ("Sinclair", "22564001"), ("1490", "11857001")],
    ("Blundstone", "boots"): [("500", "BS500"), ("550", "BS550"), ("2340", "BS2340")],
    (HT, "boots"): [("", "")],
    ("Dr. Martens", "shoes"): [("1461", "11838002"), ("Adrian", "14573601")],
    (HT, "shoes"): [("", "")],
    ("Birkenstock", "sandals"): [("Arizona", "0051793"), ("Gizeh", "0043691"), ("Boston", "0060191"), ("Madrid", "0040793")],
    ("Teva", "sandals"): [("Hurricane XLT2", "1019234")],
    ("Herschel", "backpack"): [("Little America", "10014-00001"), ("Heritage", "10007-00001")],
    ("Patagonia", "backpack"): [("Refugio Day Pack 26L", "47928")],
    ("Fjallraven", "backpack"): [("Kanken", "23510"), ("Kanken Mini", "23561")],
}

FIRST = {"female": "Women's ", "male": "Men's "}

def pick(ws):
    tot = sum(w for _, w in ws)
    x = R.uniform(0, tot)
    for v, w in ws:
        x -= w
        if x <= 0:
            return v
    return ws[-1][0]

def ean13(n):
    s = "50" + "%010d" % n
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

FABRIC = {"dress": "100% linen", "skirt": "cotton", "blouse": "organic cotton", "t-shirt": "100% organic cotton jersey",
          "shirt": "cotton oxford", "jumper": "extra fine merino wool", "cardigan": "cotton and wool blend",
          "hoodie": "brushed back organic cotton", "sweatshirt": "loopback cotton", "jeans": "rigid and stretch denim",
          "trousers": "linen blend", "chinos": "stretch cotton twill", "leggings": "recycled polyamide and elastane",
          "sports-bra": "recycled nylon", "joggers": "organic cotton fleece", "shorts": "cotton", "rain-jacket": "PU coated recycled polyester",
          "puffer-jacket": "recycled down fill", "coat": "wool blend", "denim-jacket": "cotton denim", "blazer": "wool blend",
          "gilet": "quilted recycled polyester", "trainers": "leather and suede", "boots": "smooth leather", "shoes": "leather",
          "sandals": "suede and cork", "slippers": "sheepskin", "belt": "full grain leather", "scarf": "lambswool",
          "beanie": "rib knit", "gloves": "leather", "tote-bag": "heavy cotton canvas", "crossbody-bag": "leather",
          "backpack": "recycled nylon", "socks": "bamboo viscose", "yoga-mat": "natural rubber"}
CARE = ["Machine wash at 30°C.", "Hand wash cold, dry flat.", "Dry clean only.", "Wipe clean with a damp cloth.", "Wash inside out with similar colours."]
FIT = ["Fits true to size.", "Relaxed fit: size down for a closer fit.", "Model is 5'9\" and wears a UK 10.", "Runs small: we suggest a size up.", "Regular fit."]

rows, truth = [], []
seen = set()
sku_n = 1000
pid = 0
for (name, tcol, path, of, gender, size_sets, colours, (lo, hi), n, brands, titles, nouns) in TYPES:
    used_models = {}
    for i in range(n):
        pid += 1
        brand = pick(brands)
        model, mpn = "", ""
        if (brand, name) in MODELS:
            ms = MODELS[(brand, name)]
            k = used_models.get(brand, 0)
            used_models[brand] = k + 1
            model, mpn = ms[k % len(ms)]
        pats = [p for p in titles if ("{M}" in p) == bool(model) and ("{B}" not in p or brand != HT or "{M}" in p)]
        if not pats:
            pats = [p for p in titles if "{M}" not in p and "{B}" not in p] or titles
        for attempt in range(30):
            pat = pats[(i + R.randrange(len(pats))) % len(pats)]
            g = gender or R.choice(["female", "male", ""])
            col = R.choice(colours) if colours else ""
            title = pat.replace("{B}", brand).replace("{M}", model).replace("{G}", FIRST.get(g, "") if R.random() < 0.7 else "")
            title = title.replace("{N}", R.choice(nouns) if nouns else "").replace("{C}", col)
            title = " ".join(title.split())
            if title not in seen:
                break
        if title in seen:
            title = R.choice(["Organic ", "Recycled ", "Classic ", "Relaxed "]) + title
            if title in seen:
                title = title + " 2.0"
        seen.add(title)
        colour_in_title = "{C}" in pat
        handle = slug(title)
        sizes = R.choice(size_sets)
        if len(sizes) > 4 and R.random() < 0.6:
            a = R.randrange(0, 2)
            sizes = sizes[a:len(sizes) - R.randrange(0, 2)]
        var_colours = []
        if not colour_in_title and colours:
            var_colours = R.sample(colours, min(len(colours), R.choice([1, 2, 2, 3])))
        colour_opt = R.choice(["Colour", "Colour", "Color"])
        price = R.randrange(lo, hi + 1)
        price = price - 0.01 if R.random() < 0.6 else float(price)
        if price > 100 and R.random() < 0.5:
            price = round(price / 5) * 5.0
        sale = R.random() < 0.2
        compare = round(price * R.choice([1.25, 1.3333, 1.5]), 0) if sale else None
        ptype = tcol if R.random() > 0.2 else ""
        pcat = path if R.random() > 0.15 else ""
        tags = [name.replace("-", " ")] + ([g and {"female": "womens", "male": "mens"}[g]] if g else []) + (["sale"] if sale else [])
        tags += R.sample(["new in", "bestseller", "organic", "gift", "autumn winter", "spring summer", "essentials"], 2)
        fabric = FABRIC.get(name, "")
        body = "<p>%s</p>" % (title.split(" — ")[0] + (" in %s." % fabric if fabric else "."))
        body += "<ul><li>%s</li><li>%s</li>%s</ul>" % (R.choice(FIT) if size_sets[0] != ONE else "Ships in 1-2 working days.", R.choice(CARE),
                                                       "<li>Style code: %s</li>" % mpn if mpn and R.random() < 0.5 else "")
        has_barcode = R.random() < 0.4
        google = R.random() < 0.45
        option_sets = []
        jeans_two = name == "jeans" and R.random() < 0.35
        if jeans_two:
            option_sets.append(("Waist", sorted({s.split()[0][1:] for s in sizes}, key=int)))
            option_sets.append(("Length", ["30", "32", "34"]))
        elif sizes != ONE:
            option_sets.append(("Size", sizes))
        if var_colours and (len(var_colours) > 1 or R.random() < 0.5):
            option_sets.append((colour_opt, var_colours))
        if R.random() < 0.5 and len(option_sets) == 2:
            option_sets.reverse()
        combos = [[]]
        for _, vals in option_sets:
            combos = [c + [v] for c in combos for v in vals]
        if jeans_two:
            combos = [c for c in combos if R.random() < 0.7] or combos[:1]
        code = "HT-" + slug(name)[:3].upper() + "-%04d" % pid
        first = True
        for c in combos:
            sku_n += 1
            qty = 0 if R.random() < 0.12 else R.randrange(1, 25)
            r = {h: "" for h in HEAD}
            r["Handle"] = handle
            r["Variant SKU"] = code + "".join("-" + slug(v).upper()[:6] for v in c) if c else code
            r["Variant Grams"] = str(R.randrange(80, 1500))
            r["Variant Inventory Tracker"] = "shopify"
            r["Variant Inventory Qty"] = str(qty)
            r["Variant Inventory Policy"] = "deny"
            r["Variant Fulfillment Service"] = "manual"
            r["Variant Price"] = "%.2f" % price
            r["Variant Compare At Price"] = "%.2f" % compare if compare else ""
            r["Variant Requires Shipping"] = "TRUE"
            r["Variant Taxable"] = "TRUE"
            r["Variant Barcode"] = ean13(sku_n) if has_barcode else ""
            r["Variant Weight Unit"] = "kg"
            r["Status"] = ""
            if option_sets:
                for j, (on, _) in enumerate(option_sets):
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
                if option_sets:
                    for j, (on, _) in enumerate(option_sets):
                        r["Option%d Name" % (j + 1)] = on
                else:
                    r["Option1 Name"] = "Title"
                r["Image Src"] = "https://cdn.shopify.com/s/files/1/0722/4410/products/%s.jpg" % handle
                r["Image Position"] = "1"
                r["Gift Card"] = "FALSE"
                r["Status"] = "active"
                if google:
                    r["Google Shopping / Google Product Category"] = path
                    r["Google Shopping / Gender"] = {"female": "Female", "male": "Male"}.get(g, "Unisex")
                    r["Google Shopping / Age Group"] = "Adult"
                    r["Google Shopping / MPN"] = mpn
                    r["Google Shopping / Condition"] = "New"
                    r["Google Shopping / Custom Product"] = "FALSE"
                r["Cost per item"] = "%.2f" % (price * 0.4)
            rows.append(r)
            first = False
        # a further image row, as Shopify writes one per extra image
        if R.random() < 0.3:
            r = {h: "" for h in HEAD}
            r["Handle"] = handle
            r["Image Src"] = "https://cdn.shopify.com/s/files/1/0722/4410/products/%s-2.jpg" % handle
            r["Image Position"] = "2"
            rows.append(r)
        truth.append([SHOP, handle, name, of, model, path, title, col if colour_in_title else ""])

with open("apparel.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=HEAD, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (the type's)\ttitle (for readers)\tcolour (named by the title)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", sum(1 for r in rows if r["Variant Price"]), "variant rows")
