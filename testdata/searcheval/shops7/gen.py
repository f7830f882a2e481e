# Writes beauty.csv, a UK beauty, personal-care and pharmacy shop's WooCommerce product
# export (Products > Export, all columns), subscriptions.csv (the refills it sells by
# subscription, imported beside the export as the README says), and truth.tsv (each
# product's type, what it is an accessory for, its model, its type's category path, and
# what an accessory fits), from the same tables. Deterministic: no clock, no random
# module; every choice is an FNV-1a hash of a name. Run in this directory:
#   python3 gen.py
# Written from general knowledge of such shops by someone who had not read the search
# code; no real shop's text is copied. Prices are pounds sterling (import with
# --currency GBP).
import csv

SITE = "https://brightwellpharmacy.example"
SHOP = "beauty"


def fnv(s):
    h = 0x811c9dc5
    for b in s.encode():
        h ^= b
        h = (h * 0x01000193) & 0xffffffff
    return h


def slug(s):
    out, dash = [], False
    for c in s.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def ean(seed):
    d = "50" + "%010d" % (fnv(seed) * 7919 % 10000000000)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d))
    return d + str((10 - s % 10) % 10)


def money(x):
    return "%.2f" % x


# type → (category path, what it is an accessory for)
TYPES = {
    "face-moisturiser": ("Skincare > Moisturisers", ""),
    "body-moisturiser": ("Skincare > Body Care", ""),
    "cleanser": ("Skincare > Cleansers", ""),
    "serum": ("Skincare > Serums", ""),
    "sunscreen": ("Skincare > Suncare", ""),
    "after-sun": ("Skincare > Suncare", ""),
    "face-mask": ("Skincare > Face Masks", ""),
    "eye-cream": ("Skincare > Eye Care", ""),
    "lip-balm": ("Skincare > Lip Care", ""),
    "hand-cream": ("Skincare > Hand & Foot Care", ""),
    "foot-cream": ("Skincare > Hand & Foot Care", ""),
    "foundation": ("Make-up > Face > Foundation", ""),
    "concealer": ("Make-up > Face > Concealer", ""),
    "lipstick": ("Make-up > Lips > Lipstick", ""),
    "mascara": ("Make-up > Eyes > Mascara", ""),
    "eyeshadow-palette": ("Make-up > Eyes > Eyeshadow", ""),
    "nail-polish": ("Make-up > Nails > Nail Polish", ""),
    "makeup-remover": ("Make-up > Make-up Removers", ""),
    "makeup-brush": ("Make-up > Brushes & Sponges", ""),
    "shampoo": ("Hair Care > Shampoo", ""),
    "conditioner": ("Hair Care > Conditioner", ""),
    "hair-mask": ("Hair Care > Treatments", ""),
    "hair-oil": ("Hair Care > Treatments", ""),
    "dry-shampoo": ("Hair Care > Dry Shampoo", ""),
    "hair-dye": ("Hair Care > Hair Colour", ""),
    "hair-dryer": ("Hair Care > Styling Tools", ""),
    "hair-straightener": ("Hair Care > Styling Tools", ""),
    "dryer-attachment": ("Hair Care > Styling Tools", "hair-dryer"),
    "electric-toothbrush": ("Oral Care > Electric Toothbrushes", ""),
    "toothbrush-heads": ("Oral Care > Replacement Heads", "electric-toothbrush"),
    "manual-toothbrush": ("Oral Care > Manual Toothbrushes", ""),
    "toothpaste": ("Oral Care > Toothpaste", ""),
    "mouthwash": ("Oral Care > Mouthwash", ""),
    "dental-floss": ("Oral Care > Flossing", ""),
    "water-flosser": ("Oral Care > Flossing", ""),
    "flosser-tips": ("Oral Care > Flossing", "water-flosser"),
    "razor": ("Men's Grooming > Razors", ""),
    "razor-blades": ("Men's Grooming > Razor Blades", "razor"),
    "electric-shaver": ("Men's Grooming > Electric Shavers", ""),
    "shaver-heads": ("Men's Grooming > Electric Shavers", "electric-shaver"),
    "shaving-foam": ("Men's Grooming > Shaving Foam & Gel", ""),
    "aftershave-balm": ("Men's Grooming > Aftershave", ""),
    "beard-oil": ("Men's Grooming > Beard Care", ""),
    "beard-trimmer": ("Men's Grooming > Beard Care", ""),
    "womens-fragrance": ("Fragrance > Women's Fragrance", ""),
    "mens-fragrance": ("Fragrance > Men's Fragrance", ""),
    "shower-gel": ("Bath & Body > Shower Gel", ""),
    "hand-wash": ("Bath & Body > Hand Wash", ""),
    "hand-wash-refill": ("Bath & Body > Refills", "hand-wash"),
    "deodorant": ("Bath & Body > Deodorant", ""),
    "deodorant-refill": ("Bath & Body > Refills", "deodorant"),
    "multivitamin": ("Vitamins & Supplements > Multivitamins", ""),
    "vitamin-d": ("Vitamins & Supplements > Vitamin D", ""),
    "vitamin-c": ("Vitamins & Supplements > Vitamin C", ""),
    "omega-3": ("Vitamins & Supplements > Omega-3", ""),
    "magnesium": ("Vitamins & Supplements > Minerals", ""),
    "pain-relief": ("Pharmacy > Pain Relief", ""),
    "hay-fever": ("Pharmacy > Allergy & Hay Fever", ""),
    "cold-flu": ("Pharmacy > Cold & Flu", ""),
    "cough-remedy": ("Pharmacy > Cold & Flu", ""),
    "indigestion": ("Pharmacy > Digestive Health", ""),
    "plasters": ("Pharmacy > First Aid", ""),
    "first-aid-kit": ("Pharmacy > First Aid", ""),
    "antiseptic": ("Pharmacy > First Aid", ""),
    "thermometer": ("Pharmacy > Thermometers", ""),
    "nappies": ("Baby & Child > Nappies", ""),
    "baby-wipes": ("Baby & Child > Baby Wipes", ""),
    "nappy-cream": ("Baby & Child > Nappy Cream", ""),
    "baby-wash": ("Baby & Child > Baby Bath", ""),
    "baby-bottle": ("Baby & Child > Feeding", ""),
    "bottle-teats": ("Baby & Child > Feeding", "baby-bottle"),
}

# Product lines: (type, brand, line, sizes, price of the first size, description, flags,
# model, fits). A line with several sizes is one simple product per size (as pharmacies
# list them), the price rising with the size; "v:Shade=a|b|c" as sizes makes a variable
# product with one variation per value. Flags: t (a travel size too), p (a value pack of
# three too), s (on sale), o (out of stock), u (no category), U (Uncategorized),
# n (New In before the path), h (hidden draft).
L = []


def line(typ, brand, name, sizes, price, desc, flags="", model="", fits=""):
    L.append((typ, brand, name, sizes, price, desc, flags, model, fits))


SKIN = ["Dry Skin", "Oily Skin", "Sensitive Skin", "Combination Skin", "Normal to Dry Skin"]

# Skincare
for brand, nm, sizes, p, d, f in [
    ("CeraVe", "Moisturising Cream", "50ml|177ml|340g|454g", 6.5, "Rich cream with three essential ceramides and hyaluronic acid for dry to very dry skin. Fragrance-free.", "tp"),
    ("CeraVe", "Daily Moisturising Lotion", "236ml|473ml", 9.5, "Lightweight lotion for normal to dry skin with ceramides. Fragrance-free and non-comedogenic.", ""),
    ("CeraVe", "PM Facial Moisturising Lotion", "52ml", 13.5, "Oil-free night moisturiser with niacinamide for normal to oily skin.", "s"),
    ("CeraVe", "AM Facial Moisturising Lotion SPF30", "52ml", 14.0, "Day moisturiser with broad spectrum SPF30 and ceramides.", ""),
    ("La Roche-Posay", "Toleriane Double Repair Moisturiser", "40ml|75ml", 16.0, "Face moisturiser for sensitive skin with prebiotic thermal water. Fragrance-free.", ""),
    ("La Roche-Posay", "Effaclar Mat Moisturiser", "40ml", 18.5, "Mattifying moisturiser for oily, blemish-prone skin.", ""),
    ("La Roche-Posay", "Cicaplast Baume B5+", "15ml|40ml|100ml", 5.5, "Soothing multi-purpose balm for dry, irritated skin on face and body.", "t"),
    ("Nivea", "Soft Refreshing Moisturising Cream", "50ml|100ml|200ml", 2.25, "Light, quick-absorbing cream with jojoba oil and vitamin E for face, hands and body.", "p"),
    ("Nivea", "Creme Tin", "30ml|75ml|150ml|250ml", 1.5, "The classic rich cream in a blue tin for very dry patches.", "p"),
    ("Simple", "Kind to Skin Hydrating Light Moisturiser", "125ml", 4.5, "Light moisturiser for sensitive skin with no perfume and no colour.", "p"),
    ("Simple", "Kind to Skin Protecting Light Moisturiser SPF15", "125ml", 5.0, "Daily moisturiser with SPF15 for sensitive skin.", ""),
    ("Olay", "Regenerist Retinol24 Night Moisturiser", "50ml", 34.99, "Night cream with retinoid complex for fine lines.", "s"),
    ("Olay", "Total Effects 7 in 1 Day Cream SPF15", "50ml", 22.99, "Day cream fighting seven signs of ageing.", ""),
    ("The Ordinary", "Natural Moisturising Factors + HA", "30ml|100ml", 6.9, "Surface hydration with amino acids and hyaluronic acid for all skin types.", "n"),
    ("Neutrogena", "Hydro Boost Water Gel", "50ml", 15.99, "Oil-free gel moisturiser with hyaluronic acid for dehydrated skin.", ""),
    ("Clinique", "Dramatically Different Moisturising Lotion+", "50ml|125ml", 27.0, "Dermatologist-developed lotion for very dry to dry combination skin.", ""),
    ("No7", "Protect & Perfect Intense Advanced Day Cream SPF30", "50ml", 29.95, "Anti-ageing day cream with SPF30.", ""),
    ("Aveeno", "Face Calm + Restore Oat Gel Moisturiser", "50ml", 14.99, "Gel moisturiser with prebiotic oat for sensitive skin. Fragrance-free.", "u"),
]:
    line("face-moisturiser", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("E45", "Dermatological Moisturising Cream", "50g|125g|350g|500g", 2.75, "Emollient cream for dry skin conditions such as eczema. Fragrance-free.", "p"),
    ("E45", "Moisturising Lotion", "200ml|500ml", 5.5, "Light emollient lotion for dry skin on the body.", ""),
    ("Aveeno", "Daily Moisturising Lotion", "200ml|300ml|500ml", 7.5, "Body lotion with colloidal oatmeal for dry skin. Fragrance-free.", "tp"),
    ("Aveeno", "Skin Relief Moisturising Lotion", "200ml|500ml", 9.0, "Body lotion with shea butter for very dry, itchy skin.", ""),
    ("Cetraben", "Emollient Cream", "50g|150g|500g|1050g", 3.5, "Emollient for dry and itchy skin, eczema and dermatitis.", ""),
    ("Palmer's", "Cocoa Butter Formula Body Lotion", "250ml|400ml", 5.99, "Rich body lotion with cocoa butter and vitamin E.", ""),
    ("Vaseline", "Intensive Care Advanced Repair Body Lotion", "200ml|400ml", 3.5, "Unfragranced lotion for very dry skin.", "p"),
    ("Dove", "Body Love Care + Protect Body Lotion", "250ml|400ml", 4.5, "Body lotion with prebiotics for normal skin.", "U"),
    ("Eucerin", "UreaRepair PLUS 10% Urea Lotion", "250ml|400ml", 14.5, "Intensive lotion for very dry, rough skin.", ""),
]:
    line("body-moisturiser", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("CeraVe", "Hydrating Cleanser", "88ml|236ml|473ml", 6.0, "Non-foaming cleanser for normal to dry skin with ceramides and hyaluronic acid.", "t"),
    ("CeraVe", "Foaming Cleanser", "88ml|236ml|473ml", 6.0, "Foaming gel cleanser for normal to oily skin with niacinamide.", ""),
    ("CeraVe", "SA Smoothing Cleanser", "236ml", 12.5, "Salicylic acid cleanser for rough, bumpy skin.", ""),
    ("La Roche-Posay", "Effaclar Purifying Foaming Gel", "200ml|400ml", 15.0, "Gel cleanser for oily, blemish-prone skin.", ""),
    ("La Roche-Posay", "Toleriane Hydrating Gentle Cleanser", "200ml|400ml", 14.0, "Cream cleanser for sensitive skin.", ""),
    ("Simple", "Kind to Skin Refreshing Facial Wash", "150ml", 3.5, "Soap-free facial wash for sensitive skin.", "p"),
    ("Simple", "Kind to Skin Micellar Cleansing Water", "200ml|400ml", 4.0, "Micellar water cleanser; no rinsing needed.", ""),
    ("Cetaphil", "Gentle Skin Cleanser", "200ml|470ml|1L", 8.5, "Soap-free cleanser for dry, sensitive skin.", ""),
    ("Neutrogena", "Oil-Free Acne Wash", "200ml", 6.99, "Salicylic acid wash for spots and blackheads.", "s"),
    ("Garnier", "Pure Active Intensive 3 in 1 Charcoal Wash", "150ml", 4.99, "Wash, scrub and mask for oily, spot-prone skin.", "u"),
    ("Clinique", "Liquid Facial Soap Mild", "200ml", 21.0, "Dermatologist-developed face soap for dry combination skin.", ""),
]:
    line("cleanser", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("The Ordinary", "Niacinamide 10% + Zinc 1%", "30ml|60ml", 5.9, "Serum for blemishes, oiliness and visible pores.", ""),
    ("The Ordinary", "Hyaluronic Acid 2% + B5", "30ml|60ml", 7.9, "Hydrating serum for all skin types.", "n"),
    ("The Ordinary", "Retinol 0.5% in Squalane", "30ml", 6.8, "Retinol serum for signs of ageing; use at night.", ""),
    ("The Ordinary", "Ascorbyl Glucoside Solution 12%", "30ml", 12.9, "Vitamin C serum for brightness.", ""),
    ("La Roche-Posay", "Hyalu B5 Serum", "30ml", 38.0, "Hyaluronic acid serum with vitamin B5 for plumping.", ""),
    ("La Roche-Posay", "Pure Vitamin C12 Serum", "30ml", 42.0, "Vitamin C serum for radiance and fine lines.", "s"),
    ("No7", "Protect & Perfect Intense Advanced Serum", "30ml|50ml", 29.95, "Anti-ageing serum clinically proven to reduce wrinkles.", ""),
    ("Olay", "Vitamin C + AHA24 Serum", "40ml", 32.99, "Brightening serum with vitamin C.", ""),
    ("CeraVe", "Hydrating Hyaluronic Acid Serum", "30ml", 19.0, "Serum with hyaluronic acid and ceramides for dehydrated skin.", ""),
    ("Garnier", "Vitamin C Brightening Serum", "30ml", 12.99, "Serum with 3.5% vitamin C complex for dull skin.", "U"),
]:
    line("serum", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("La Roche-Posay", "Anthelios UVMune 400 Invisible Fluid SPF50+", "50ml", 21.0, "Very high protection face sun cream with UVA and UVB filters. Fragrance-free.", "s"),
    ("La Roche-Posay", "Anthelios Hydrating Lotion SPF50+", "250ml", 26.0, "Body sun lotion with very high protection for sensitive skin.", ""),
    ("La Roche-Posay", "Anthelios Dermo-Pediatrics Lotion SPF50+", "250ml", 24.0, "Sun lotion for children's sensitive skin.", ""),
    ("Ambre Solaire", "Sensitive Advanced Sun Cream SPF50+", "200ml|400ml", 8.0, "Sun cream for sensitive and fair skin; water resistant.", "t"),
    ("Ambre Solaire", "Clear Protect Sun Mist SPF30", "200ml", 9.5, "Transparent sun spray for the body.", ""),
    ("Ambre Solaire", "Kids Sun Cream SPF50+", "200ml", 8.5, "Water-resistant sun cream for children.", ""),
    ("Nivea Sun", "Protect & Moisture Sun Lotion SPF30", "200ml|400ml", 6.5, "Moisturising sun lotion, immediately protects.", "tp"),
    ("Nivea Sun", "Protect & Moisture Sun Lotion SPF50", "200ml|400ml", 7.0, "Moisturising sun lotion with very high protection.", ""),
    ("Nivea Sun", "UV Face Shine Control SPF50", "50ml", 9.0, "Mattifying face sun cream.", ""),
    ("Soltan", "Once 8hr Protect Lotion SPF30", "200ml", 7.0, "Once-a-day sun lotion, water resistant.", "u"),
    ("Soltan", "Kids Protect & Moisturise Lotion SPF50+", "200ml", 6.0, "Sun lotion for children's skin, fragrance-free.", ""),
    ("Bondi Sands", "Sunscreen Lotion SPF50+ Fragrance Free", "150ml", 9.99, "Water-resistant sunscreen lotion with no fragrance.", ""),
    ("Bondi Sands", "Face Fluid SPF50+", "75ml", 11.99, "Lightweight face sunscreen.", "n"),
    ("Altruist", "Dermatologist Sunscreen SPF50", "100ml|200ml", 5.95, "Sunscreen with UVA protection made by dermatologists.", ""),
    ("Ultrasun", "Face Fluid Anti-Ageing SPF50+", "40ml", 28.5, "Anti-pigmentation face fluid for sensitive skin.", ""),
    ("Garnier", "Ambre Solaire Super UV Face Fluid SPF50+", "40ml", 9.99, "Invisible face fluid with niacinamide.", ""),
]:
    line("sunscreen", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Nivea Sun", "After Sun Moisturising Lotion", "200ml|400ml", 5.5, "Soothing after sun lotion with aloe vera.", ""),
    ("Ambre Solaire", "After Sun Soothing Gel", "200ml", 6.0, "Cooling after sun gel.", ""),
    ("Malibu", "Aloe Vera After Sun Gel", "200ml", 3.5, "Cooling after sun gel with aloe vera.", "U"),
]:
    line("after-sun", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Garnier", "Moisture Bomb Hydrating Sheet Mask", "28g|5 Pack", 2.99, "Sheet mask with hyaluronic acid for dehydrated skin.", ""),
    ("L'Oreal Paris", "Pure Clay Detox Face Mask", "50ml", 9.99, "Charcoal clay mask for dull, congested skin.", ""),
    ("Freeman", "Feeling Beautiful Peel-Off Mask Cucumber", "175ml", 4.99, "Peel-off mask that clears pores.", "u"),
    ("The Body Shop", "Himalayan Charcoal Purifying Glow Mask", "75ml", 22.0, "Clay mask for city skin.", ""),
    ("Clinique", "Moisture Surge Overnight Mask", "30ml|100ml", 27.0, "Leave-on overnight hydrating mask.", ""),
]:
    line("face-mask", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("CeraVe", "Eye Repair Cream", "14ml", 14.5, "Eye cream for dark circles and puffiness.", ""),
    ("La Roche-Posay", "Hyalu B5 Eye Cream", "15ml", 34.0, "Eye cream for wrinkles.", ""),
    ("The Ordinary", "Caffeine Solution 5% + EGCG", "30ml", 7.4, "Eye serum for puffiness and dark circles.", ""),
    ("Olay", "Regenerist Retinol24 Night Eye Cream", "15ml", 29.99, "Night eye cream with retinoid complex.", ""),
    ("No7", "Lift & Luminate Triple Action Eye Cream", "15ml", 24.95, "Eye cream for lines and dark circles.", "s"),
]:
    line("eye-cream", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Carmex", "Original Lip Balm Pot", "7.5g", 2.5, "Medicated lip balm for dry, chapped lips.", "p"),
    ("Carmex", "Classic Lip Balm Stick SPF15", "4.25g", 2.75, "Lip balm stick with SPF15.", ""),
    ("Blistex", "Intensive Moisturiser Lip Balm", "10ml", 2.99, "Lip balm for very dry lips.", ""),
    ("Vaseline", "Lip Therapy Rosy Lips", "20g", 2.5, "Lip balm tin tinted pink.", ""),
    ("Nivea", "Original Care Lip Balm", "4.8g", 2.0, "Everyday lip care with shea butter.", "p"),
    ("Burt's Bees", "Beeswax Lip Balm", "4.25g", 4.99, "Lip balm with beeswax and peppermint oil.", "U"),
    ("La Roche-Posay", "Cicaplast Lips Barrier Repairing Balm", "7.5ml", 7.5, "Lip balm for very dry, cracked lips. Fragrance-free.", ""),
]:
    line("lip-balm", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Neutrogena", "Norwegian Formula Concentrated Hand Cream", "50ml|75ml", 3.5, "Unscented hand cream for dry, chapped hands.", "p"),
    ("L'Occitane", "Shea Butter Hand Cream", "30ml|150ml", 10.0, "Rich hand cream with 20% shea butter.", ""),
    ("E45", "Rich 24hr Hand Cream", "50ml", 3.99, "Hand cream for very dry skin.", ""),
    ("O'Keeffe's", "Working Hands Hand Cream", "85g", 7.99, "Concentrated hand cream for extremely dry hands.", "u"),
    ("Palmer's", "Cocoa Butter Formula Hand Cream", "60g", 3.49, "Hand cream with cocoa butter.", ""),
]:
    line("hand-cream", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Flexitol", "Heel Balm", "56g|112g", 5.99, "Foot cream with 25% urea for dry, cracked heels.", ""),
    ("Scholl", "Cracked Heel Repair Cream", "60ml|120ml", 7.49, "Repair cream for cracked heels.", ""),
    ("O'Keeffe's", "Healthy Feet Foot Cream", "91g", 7.99, "Foot cream for extremely dry, cracked feet.", ""),
]:
    line("foot-cream", brand, nm, sizes, p, d, f)

# Make-up: shades as variations
FOUND = "v:Shade=" + "|".join(["102 Fair Ivory", "110 Porcelain", "115 Ivory", "120 Vanilla", "125 Nude Beige", "128 Warm Nude", "130 Buff Beige", "150 Natural Beige", "160 Sun Beige", "220 Sand", "230 Warm Honey", "240 Golden Beige", "250 Sun Tan", "310 Caramel", "320 Natural Tan", "330 Toffee", "350 Cocoa", "360 Mocha Brown", "400 Mocha", "420 Espresso"])
FOUND2 = "v:Shade=" + "|".join(["0.5N Porcelain", "1N Fair", "1.5W Light Ivory", "2C Light", "2.5N Light Neutral", "3W Light Medium", "3.5C Medium Cool", "4N Medium", "4.5W Medium Warm", "5W Medium Tan", "6C Tan", "6.5N Tan Neutral", "7N Deep", "8W Rich"])
for brand, nm, sizes, p, d, f in [
    ("Maybelline", "Fit Me Matte + Poreless Foundation 30ml", FOUND, 8.99, "Lightweight matte foundation for normal to oily skin.", "s"),
    ("L'Oreal Paris", "True Match Foundation 30ml", FOUND, 10.99, "Foundation matched to your skin's undertone, SPF17.", ""),
    ("Rimmel", "Lasting Finish 25HR Foundation 30ml", FOUND2, 8.49, "Long-wearing foundation with breathable formula.", ""),
    ("No7", "Lift & Luminate Triple Action Foundation 30ml", FOUND2, 18.95, "Anti-ageing foundation with SPF15.", ""),
    ("Estee Lauder", "Double Wear Stay-in-Place Foundation SPF10 30ml", FOUND, 38.0, "24-hour wear matte foundation.", ""),
    ("Revolution", "IRL Filter Longwear Foundation 23ml", FOUND2, 8.0, "Long-wear foundation with a soft-focus finish.", "n"),
]:
    line("foundation", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Maybelline", "Instant Anti Age Eraser Concealer 6.8ml", "v:Shade=00 Ivory|01 Light|02 Nude|03 Fair|06 Neutraliser|07 Sand|08 Buff|10 Caramel", 8.99, "Concealer with a sponge applicator for dark circles.", ""),
    ("Collection", "Lasting Perfection Concealer 6.5ml", "v:Shade=1 Fair|2 Light|3 Warm Medium|4 Medium|5 Cool Medium|6 Deep", 4.29, "Full coverage concealer.", "p"),
    ("NARS", "Radiant Creamy Concealer 6ml", "v:Shade=Chantilly|Vanilla|Custard|Ginger|Amande|Cafe", 26.0, "Multi-action concealer.", ""),
]:
    line("concealer", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Rimmel", "Lasting Finish by Kate Moss Lipstick", "v:Shade=01 Nude|04 Rose|08 Red|10 Pink|16 Coral|30 Berry|43 Wine|58 Plum|84 Mauve|107 Brown|110 Blushed", 5.99, "Creamy lipstick with long-lasting colour.", ""),
    ("Maybelline", "Color Sensational Lipstick", "v:Shade=Pink Wink|Are You Red-dy|Born With It|Cherry Chic|Plum Rule|Coffee Craze", 7.99, "Creamy lipstick with honey nectar.", "s"),
    ("L'Oreal Paris", "Color Riche Satin Lipstick", "v:Shade=235 Nude|297 Red Passion|302 Bois de Rose|377 Perfect Red|453 Rose Creme", 9.99, "Satin finish lipstick with argan oil.", ""),
    ("Max Factor", "Colour Elixir Lipstick", "v:Shade=010 Toasted Almond|015 Nude Rose|025 Sunbronze|060 Intensely Coral|075 Pure Red|090 English Rose|110 Rich Raisin|115 Brilliant Pink", 8.99, "Moisturising lipstick.", ""),
    ("NYX Professional Makeup", "Lip Lingerie XXL Matte Liquid Lipstick", "v:Shade=Undressed|Turn On|Strip'd Down|Bust Ed|Peek Show|Unlaced|Hot Caramelo|Straps", 9.0, "Long-wear matte liquid lipstick.", "n"),
    ("MAC", "Matte Lipstick", "v:Shade=Ruby Woo|Velvet Teddy|Chili|Diva|Whirl|Russian Red", 24.0, "Matte lipstick with rich colour.", ""),
    ("Revolution", "Lip Allure Soft Satin Lipstick", "v:Shade=Brunch Pink Nude|Wifey Dusky Pink|Lover Red|Chauffeur Nude", 5.0, "Soft satin lipstick.", "u"),
    ("Charlotte Tilbury", "Matte Revolution Lipstick", "v:Shade=Pillow Talk|Walk of No Shame|Red Carpet Red|Very Victoria", 30.0, "Matte lipstick with a lightweight feel.", ""),
]:
    line("lipstick", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Maybelline", "Lash Sensational Mascara Black 9.5ml", "", 11.99, "Volumising mascara with fanning brush.", "s"),
    ("Maybelline", "Great Lash Waterproof Mascara Very Black", "", 6.99, "Waterproof mascara.", ""),
    ("L'Oreal Paris", "Telescopic Lift Mascara Black", "", 13.99, "Lengthening mascara.", ""),
    ("Max Factor", "2000 Calorie Dramatic Volume Mascara Black", "", 9.99, "Volumising mascara.", ""),
    ("Benefit", "BADgal BANG! Volumising Mascara Black", "", 26.5, "Volumising mascara.", ""),
    ("Rimmel", "Scandaleyes Volume On Demand Mascara Black", "", 7.99, "Buildable volume mascara.", "u"),
    ("Clinique", "High Impact Mascara Black", "", 24.0, "Volume and length mascara; ophthalmologist tested.", ""),
]:
    line("mascara", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Revolution", "Reloaded Eyeshadow Palette Iconic 3.0", "", 6.0, "Fifteen matte and shimmer shades.", ""),
    ("Revolution", "Forever Flawless Eyeshadow Palette Nude Silk", "", 10.0, "Eighteen nude eyeshadows.", ""),
    ("Urban Decay", "Naked3 Eyeshadow Palette", "", 46.0, "Twelve rose-hued shades.", ""),
    ("Charlotte Tilbury", "Luxury Eyeshadow Palette Pillow Talk", "", 42.0, "Four-shade eyeshadow palette.", ""),
    ("Rimmel", "Magnif'Eyes Eyeshadow Palette", "", 7.99, "Twelve shades.", "U"),
]:
    line("eyeshadow-palette", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Essie", "Nail Polish 13.5ml", "v:Colour=Ballet Slippers|Mademoiselle|Wicked|Bikini So Teeny|Licorice|Fiji|Blanc|Russian Roulette|Watermelon|Mint Candy Apple|Berry Naughty|Sand Tropez|Lilacism|Ferris of Them All|Forever Yummy|Chinchilly", 8.99, "Nail polish with salon quality colour.", ""),
    ("OPI", "Nail Lacquer 15ml", "v:Colour=Big Apple Red|Bubble Bath|Lincoln Park After Dark|Malaga Wine|Funny Bunny|Alpine Snow|Cajun Shrimp", 14.9, "Long-lasting nail lacquer.", "s"),
    ("Sally Hansen", "Miracle Gel Nail Polish 14.7ml", "v:Colour=Rosey Riveting|Red Eye|Nudist|Shell We Dance|Pinky Promise|Wine Stock|Greyfitti|Midnight Mod|Tipsy Gypsy|Mauve-olous|Scarlet Starlet|Cream of the Crop", 10.99, "Gel-like nail colour with no UV lamp needed.", "s"),
    ("Barry M", "Gelly Hi Shine Nail Paint 10ml", "v:Colour=Dragon Fruit|Papaya|Pink Punch|Blackberry|Prickly Pear|Coconut|Guava|Watermelon|Berry Sorbet|Plum Jam", 3.99, "High-shine nail paint.", "u"),
    ("Rimmel", "60 Seconds Super Shine Nail Polish 8ml", "v:Colour=Clear|Rapid Ruby|Caramel Cupcake|Blue My Mind|Double Decker Red|Black Cherries", 3.99, "Quick-dry nail polish.", ""),
]:
    line("nail-polish", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Garnier", "Micellar Cleansing Water for Sensitive Skin", "125ml|400ml|700ml", 3.5, "Make-up remover and cleanser in one; no rinsing.", "p"),
    ("Garnier", "Micellar Water Oil Infused", "400ml", 6.5, "Removes waterproof make-up.", ""),
    ("Bioderma", "Sensibio H2O Micellar Water", "100ml|250ml|500ml", 5.0, "Micellar water make-up remover for sensitive skin.", "t"),
    ("Simple", "Kind to Skin Cleansing Facial Wipes x25", "", 3.0, "Make-up remover wipes for sensitive skin.", "p"),
    ("Clinique", "Take The Day Off Cleansing Balm", "125ml", 31.0, "Cleansing balm that dissolves long-wear make-up.", ""),
    ("Neutrogena", "Make-Up Remover Cleansing Wipes x25", "", 4.49, "Wipes that remove waterproof mascara.", "u"),
]:
    line("makeup-remover", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Real Techniques", "Miracle Complexion Sponge", "", 6.99, "Sponge for blending foundation.", ""),
    ("Real Techniques", "Everyday Essentials Brush Set", "", 24.99, "Five make-up brushes with a sponge.", "s"),
    ("Zoeva", "Luxe Face Brush Set", "", 55.0, "Eight face brushes.", ""),
    ("Brushworks", "Blending Sponge Duo", "", 5.99, "Two make-up sponges.", "u"),
]:
    line("makeup-brush", brand, nm, sizes, p, d, f)

# Hair care
HAIR = [("for Dry, Damaged Hair", "dry"), ("for Fine Hair", "fine"), ("for Curly Hair", "curly"), ("for Coloured Hair", "coloured"), ("Anti-Dandruff", "dandruff")]
for brand, nm, sizes, p, d, f in [
    ("Head & Shoulders", "Classic Clean Anti-Dandruff Shampoo", "250ml|400ml|500ml", 3.5, "Anti-dandruff shampoo for normal hair.", "p"),
    ("Head & Shoulders", "Supreme Moisture Anti-Dandruff Shampoo", "400ml", 6.5, "Anti-dandruff shampoo with argan oil for dry scalp.", ""),
    ("Pantene", "Pro-V Repair & Protect Shampoo for Damaged Hair", "400ml|500ml", 4.0, "Shampoo for damaged hair.", "p"),
    ("Pantene", "Pro-V Miracles Hydra Glow Shampoo", "300ml", 6.0, "Shampoo for dry hair.", ""),
    ("Elvive", "Dream Lengths Shampoo for Long Damaged Hair", "250ml|400ml", 3.5, "Shampoo for long, damaged hair.", "s"),
    ("Elvive", "Colour Protect Shampoo for Coloured Hair", "400ml", 4.5, "Shampoo that protects colour for up to 10 weeks.", ""),
    ("OGX", "Coconut Curls Shampoo for Curly Hair", "385ml", 7.99, "Sulphate-free shampoo for curly hair.", ""),
    ("Aussie", "Miracle Moist Shampoo for Dry Hair", "300ml|490ml", 3.75, "Shampoo with macadamia oil for dry hair.", ""),
    ("Nizoral", "Anti-Dandruff Shampoo", "60ml|100ml", 7.49, "Medicated shampoo with ketoconazole for dandruff. Pharmacy medicine.", ""),
    ("Neutrogena", "T/Gel Therapeutic Shampoo", "125ml|250ml", 6.99, "Coal tar shampoo for scalp psoriasis and dandruff.", ""),
    ("Kerastase", "Bain Satin Shampoo for Dry Hair", "250ml", 26.5, "Salon shampoo for dry, sensitised hair.", ""),
    ("Olaplex", "No.4 Bond Maintenance Shampoo", "250ml|1L", 28.0, "Bond building shampoo for damaged hair.", ""),
    ("Johnson's", "Baby Shampoo", "300ml|500ml", 2.5, "No more tears baby shampoo.", "U"),
    ("Tresemme", "Volume Shampoo for Fine Hair", "700ml", 5.5, "Salon-quality volume for fine, flat hair.", ""),
    ("Herbal Essences", "Bio:Renew Argan Oil Shampoo", "400ml", 4.99, "Repairing shampoo with argan oil.", "u"),
]:
    line("shampoo", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Pantene", "Pro-V Repair & Protect Conditioner", "275ml|500ml", 4.0, "Conditioner for damaged hair.", ""),
    ("Elvive", "Dream Lengths Conditioner", "200ml|400ml", 3.5, "Conditioner for long, damaged hair.", ""),
    ("Aussie", "Miracle Moist Conditioner", "200ml|490ml", 3.75, "Conditioner for dry hair.", "p"),
    ("OGX", "Coconut Curls Conditioner", "385ml", 7.99, "Conditioner for curly hair.", ""),
    ("Head & Shoulders", "Classic Clean Conditioner", "275ml", 4.5, "Conditioner for dandruff-prone scalp.", ""),
    ("Olaplex", "No.5 Bond Maintenance Conditioner", "250ml", 28.0, "Bond building conditioner.", "s"),
    ("Tresemme", "Botanique Coconut & Aloe Conditioner", "400ml", 4.5, "Conditioner for dry hair.", "U"),
]:
    line("conditioner", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Olaplex", "No.3 Hair Perfector", "100ml|250ml", 28.0, "At-home treatment that repairs broken bonds.", "s"),
    ("Elvive", "Dream Lengths Wonder Water", "200ml", 6.99, "Eight-second hair treatment.", ""),
    ("Aussie", "3 Minute Miracle Reconstructor", "250ml", 5.5, "Deep conditioning treatment.", ""),
    ("Kerastase", "Nutritive Masquintense", "200ml", 45.0, "Hair mask for dry hair.", ""),
    ("Pantene", "Pro-V Miracles Hair Mask", "160ml", 6.0, "Hair mask for damaged hair.", ""),
]:
    line("hair-mask", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Moroccanoil", "Treatment Original", "25ml|100ml", 17.0, "Argan oil hair treatment.", ""),
    ("Elvive", "Extraordinary Oil", "100ml", 8.99, "Nourishing hair oil for dry hair.", ""),
    ("Olaplex", "No.7 Bonding Oil", "30ml", 28.0, "Weightless styling oil.", ""),
    ("Bio-Oil", "Skincare Oil", "60ml|125ml|200ml", 9.99, "Skincare oil for scars and stretch marks.", "U"),
]:
    line("hair-oil" if "Bio-Oil" not in brand else "body-moisturiser", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Batiste", "Dry Shampoo Original", "200ml|350ml", 3.75, "Dry shampoo that refreshes hair between washes.", "tp"),
    ("Batiste", "Dry Shampoo Cherry", "200ml", 3.75, "Dry shampoo with a cherry scent.", ""),
    ("Batiste", "Dry Shampoo Dark Hair", "200ml", 3.99, "Dry shampoo tinted for dark hair.", ""),
    ("Klorane", "Dry Shampoo with Oat Milk", "150ml", 9.5, "Gentle dry shampoo for all hair types.", ""),
    ("Bumble and bumble", "Pret-a-powder Dry Shampoo", "56g", 24.0, "Dry shampoo powder.", ""),
]:
    line("dry-shampoo", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Clairol", "Nice'n Easy Permanent Hair Dye", "v:Shade=1 Black|3 Dark Brown|4 Medium Brown|5 Light Brown|6 Light Ash Brown|7 Dark Blonde|8 Medium Blonde|9 Light Blonde|6R Light Auburn", 7.99, "Permanent hair colour with full grey coverage.", ""),
    ("L'Oreal Paris", "Preference Permanent Hair Colour", "v:Shade=1 Black|3 Darkest Brown|4 Natural Brown|5 Light Brown|6 Dark Blonde|8 Light Blonde|P37 Dark Cherry Red", 9.99, "Permanent hair colour with a conditioning care balm.", "s"),
    ("Schwarzkopf", "Live Colour Permanent Hair Dye", "v:Shade=Deep Black|Intense Red|Purple Punk|Chocolate Brown|Cool Blonde", 6.49, "Intense permanent colour.", ""),
    ("Garnier", "Nutrisse Permanent Hair Dye", "v:Shade=2.0 Soft Black|4.0 Dark Brown|5.0 Brown|6.0 Light Brown|7.0 Dark Blonde|9.0 Light Blonde", 6.99, "Permanent colour with avocado oil.", "U"),
]:
    line("hair-dye", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, m in [
    ("Dyson", "Supersonic Hair Dryer Nickel/Copper", "", 329.99, "Fast drying with intelligent heat control. Supplied with styling concentrator, diffuser and smoothing nozzle.", "", "HD07"),
    ("Dyson", "Supersonic Nural Hair Dryer", "", 399.99, "Hair dryer with scalp protection mode.", "n", "HD16"),
    ("BaByliss", "Super Power Pro 2000W Hair Dryer", "", 39.99, "Professional AC motor hair dryer with concentrator nozzle.", "s", "2012U"),
    ("Remington", "Hydraluxe Hair Dryer", "", 44.99, "Hair dryer with moisture lock technology.", "", "AC8901"),
    ("ghd", "Helios Professional Hair Dryer", "", 169.0, "Lightweight hair dryer with aeroplane-grade motor.", "", ""),
    ("Revlon", "One-Step Hair Dryer and Volumiser", "", 39.99, "Hot air brush that dries and styles.", "u", "RVDR5222"),
]:
    line("hair-dryer", brand, nm, sizes, p, d, f, m)

for brand, nm, sizes, p, d, f, m in [
    ("ghd", "Platinum+ Hair Straightener Black", "", 229.0, "Smart styler that predicts the heat your hair needs.", "s", ""),
    ("ghd", "Original IV Styler", "", 139.0, "Ceramic hair straightener at 185C.", "", ""),
    ("BaByliss", "Smooth Pro 235 Hair Straightener", "", 34.99, "Ceramic plates up to 235C.", "", "2098PU"),
    ("Remington", "Keratin Protect Hair Straightener", "", 39.99, "Straightener with keratin and almond oil plates.", "", "S8598"),
    ("Cloud Nine", "The Original Iron", "", 159.0, "Mineral-coated plates.", "u", ""),
]:
    line("hair-straightener", brand, nm, sizes, p, d, f, m)

line("dryer-attachment", "Dyson", "Supersonic Diffuser Attachment", "", 34.99, "Genuine replacement diffuser for curly and wavy hair. Fits all Dyson Supersonic hair dryers.", "", "", "Supersonic")
line("dryer-attachment", "Dyson", "Supersonic Flyaway Attachment", "", 39.99, "Attachment for a smooth finish. Fits the Dyson Supersonic.", "", "", "Supersonic")
line("dryer-attachment", "BaByliss", "Universal Diffuser Attachment", "", 9.99, "Diffuser that fits most hair dryers with a nozzle of 4.5-5.5cm.", "", "", "")

# Oral care: toothbrushes and their heads
for brand, nm, sizes, p, d, f, m in [
    ("Oral-B", "iO Series 9 Electric Toothbrush Black Onyx", "", 349.99, "Magnetic iO technology with AI brushing recognition and a colour display. Includes a travel case.", "s", "iO Series 9"),
    ("Oral-B", "iO Series 6 Electric Toothbrush Grey Opal", "", 199.99, "Magnetic iO toothbrush with five modes and a pressure sensor.", "", "iO Series 6"),
    ("Oral-B", "iO Series 3 Electric Toothbrush Matt Black", "", 99.99, "Entry iO toothbrush with three modes.", "", "iO Series 3"),
    ("Oral-B", "Pro 3 3500 Electric Toothbrush with Travel Case", "", 89.99, "Rechargeable toothbrush with visible pressure control. Works with all Oral-B round brush heads.", "s", "Pro 3 3500"),
    ("Oral-B", "Vitality Pro Electric Toothbrush Blue", "", 29.99, "Rechargeable toothbrush with three modes. Works with all Oral-B round brush heads.", "", "Vitality Pro"),
    ("Oral-B", "Pro Kids Electric Toothbrush Frozen", "", 24.99, "Kids' rechargeable toothbrush with extra-soft bristles, age 3+.", "", "Pro Kids"),
    ("Philips Sonicare", "DiamondClean 9000 Electric Toothbrush HX9911/09 White", "", 249.99, "Sonic toothbrush with four modes and a charging glass.", "", "HX9911/09"),
    ("Philips Sonicare", "ProtectiveClean 4300 Electric Toothbrush HX6800/63", "", 69.99, "Sonic toothbrush with pressure sensor.", "s", "HX6800/63"),
    ("Philips Sonicare", "3100 Series Electric Toothbrush HX3671/13 Black", "", 49.99, "Sonic toothbrush with a pressure sensor and two-minute timer.", "", "HX3671/13"),
    ("Philips Sonicare", "For Kids Electric Toothbrush HX6322/04", "", 39.99, "Bluetooth connected kids' sonic toothbrush.", "", "HX6322/04"),
    ("Spotlight Oral Care", "Sonic Toothbrush White", "", 59.99, "Sonic toothbrush developed by two dentist sisters.", "u", ""),
]:
    line("electric-toothbrush", brand, nm, sizes, p, d, f, m)

for brand, nm, sizes, p, d, f, fits in [
    ("Oral-B", "iO Ultimate Clean Replacement Heads", "x2|x4|x6", 17.99, "Genuine Oral-B brush heads for iO toothbrushes only.", "s", "iO|iO Series 9|iO Series 6|iO Series 3"),
    ("Oral-B", "iO Gentle Care Replacement Heads", "x2|x4", 17.99, "Extra-soft brush heads for sensitive gums. Fit Oral-B iO handles.", "", "iO|iO Series 9|iO Series 6|iO Series 3"),
    ("Oral-B", "CrossAction Replacement Toothbrush Heads", "x4|x8|x12", 14.99, "Angled bristles for a deep clean. Fit all Oral-B rechargeable handles except iO.", "p", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
    ("Oral-B", "Precision Clean Replacement Heads", "x4|x8", 12.99, "Round brush heads. Fit all Oral-B rechargeable handles except iO.", "", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
    ("Oral-B", "Sensitive Clean Replacement Heads", "x4", 15.99, "Ultra-thin bristles. Fit all Oral-B rechargeable handles except iO.", "", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
    ("Oral-B", "Kids Frozen Replacement Heads", "x2|x4", 8.99, "Extra-soft heads for children. Fit Oral-B kids' and rechargeable handles.", "", "Pro Kids|Oral-B Kids"),
    ("Philips Sonicare", "Premium Plaque Defence Brush Heads HX9044/17", "x4", 34.99, "Sonicare brush heads. Click on to every Sonicare handle except PowerUp and Essence.", "", "Sonicare|DiamondClean|ProtectiveClean|HX9911/09|HX6800/63|HX3671/13"),
    ("Philips Sonicare", "C2 Optimal Plaque Defence Brush Heads HX9022/10", "x2|x4|x8", 17.99, "Click-on Sonicare heads for all Sonicare handles except PowerUp and Essence.", "s", "Sonicare|DiamondClean|ProtectiveClean|HX9911/09|HX6800/63|HX3671/13"),
    ("Philips Sonicare", "For Kids Brush Heads HX6042/33", "x2", 14.99, "Kids' brush heads for Sonicare For Kids.", "", "Sonicare For Kids|HX6322/04"),
    ("Oral-B", "3D White Replacement Heads", "x2|x4|x8", 14.99, "Polishing cup for whitening. Fit all Oral-B rechargeable handles except iO.", "", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
    ("Oral-B", "iO Radiant White Replacement Heads", "x2|x4", 19.99, "Whitening brush heads for Oral-B iO handles only.", "n", "iO|iO Series 9|iO Series 6|iO Series 3"),
    ("Philips Sonicare", "W2 Optimal White Brush Heads HX6062/10", "x2|x4", 19.99, "Whitening heads for all click-on Sonicare handles.", "", "Sonicare|DiamondClean|ProtectiveClean|HX9911/09|HX6800/63|HX3671/13"),
    ("Brightwell", "Compatible Brush Heads for Philips Sonicare", "x4|x8", 8.99, "Own-label heads that click on to Sonicare handles.", "", "Sonicare|DiamondClean|ProtectiveClean|HX9911/09|HX6800/63|HX3671/13"),
    ("Spotlight Oral Care", "Sonic Toothbrush Replacement Heads", "x3", 14.99, "Replacement heads for the Spotlight Sonic toothbrush.", "", "Spotlight|Spotlight Sonic"),
    ("Brushworks", "Compatible Replacement Toothbrush Heads for Oral-B", "x8|x16", 7.99, "Own-label heads that fit Oral-B rechargeable handles (not iO).", "u", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
]:
    line("toothbrush-heads", brand, nm, sizes, p, d, f, "", fits)

for brand, nm, sizes, p, d, f in [
    ("Oral-B", "Pro-Expert Pro-Flex Manual Toothbrush Medium", "x1|x2", 4.5, "Manual toothbrush with flexible sides.", ""),
    ("Colgate", "Extra Clean Toothbrush Medium", "x1|x3", 1.5, "Manual toothbrush.", "p"),
    ("Colgate", "Slim Soft Toothbrush", "x1|x2", 3.5, "Extra-soft manual toothbrush for sensitive gums.", ""),
    ("Sensodyne", "Gentle Care Toothbrush Soft", "x1", 3.0, "Soft manual toothbrush for sensitive teeth.", "U"),
    ("TePe", "Supreme Compact Toothbrush Soft", "x1", 3.79, "Soft manual toothbrush with compact head.", ""),
]:
    line("manual-toothbrush", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Sensodyne", "Pronamel Daily Protection Toothpaste", "75ml", 5.0, "Toothpaste for sensitive teeth and enamel erosion.", "p"),
    ("Sensodyne", "Repair & Protect Whitening Toothpaste", "75ml", 6.5, "Repairs sensitive areas of teeth.", "s"),
    ("Sensodyne", "Rapid Relief Toothpaste", "75ml", 5.5, "Fast relief for sensitive teeth.", ""),
    ("Colgate", "Total Original Toothpaste", "75ml|125ml", 3.5, "Toothpaste with fluoride for whole mouth health.", "p"),
    ("Colgate", "Max White Ultra Freshness Toothpaste", "75ml", 4.0, "Whitening toothpaste.", ""),
    ("Aquafresh", "Little Teeth Toothpaste 3-5 Years", "50ml", 2.0, "Children's toothpaste with fluoride.", ""),
    ("Oral-B", "Pro-Expert Advanced Science Toothpaste", "75ml", 4.5, "Toothpaste with stannous fluoride.", ""),
    ("Corsodyl", "Daily Gum & Enamel Toothpaste", "75ml", 5.0, "Toothpaste for bleeding gums.", ""),
    ("Arm & Hammer", "Advance White Toothpaste", "75ml", 3.5, "Baking soda whitening toothpaste.", "u"),
    ("Macleans", "Freshmint Toothpaste", "100ml", 1.5, "Fluoride toothpaste.", ""),
]:
    line("toothpaste", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Listerine", "Cool Mint Mouthwash", "250ml|500ml|1L", 3.5, "Antibacterial mouthwash for fresh breath.", "tp"),
    ("Listerine", "Total Care Zero Alcohol Mouthwash", "500ml", 5.5, "Alcohol-free mouthwash.", "s"),
    ("Corsodyl", "Mint Mouthwash 0.2% Chlorhexidine", "300ml|600ml", 7.0, "Treats and prevents gum disease. Pharmacy medicine.", ""),
    ("Colgate", "Plax Cool Mint Mouthwash", "500ml", 3.0, "Mouthwash with fluoride.", ""),
    ("Sensodyne", "Pronamel Mouthwash", "500ml", 5.0, "Alcohol-free mouthwash for sensitive teeth.", "U"),
]:
    line("mouthwash", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Oral-B", "Satin Floss Mint 25m", "", 2.99, "Dental floss that slides easily.", "p"),
    ("Oral-B", "Essential Floss Waxed 50m", "", 2.5, "Waxed dental floss.", ""),
    ("TePe", "Interdental Brushes Original Mixed Pack x8", "", 4.5, "Interdental brushes in assorted sizes.", ""),
    ("Wisdom", "Clean Between Interdental Sticks x20", "", 3.29, "Rubber bristle interdental sticks.", "u"),
]:
    line("dental-floss", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, m in [
    ("Waterpik", "Ultra Professional Water Flosser WP-660UK White", "", 89.99, "Water flosser with 10 pressure settings and seven tips.", "s", "WP-660UK"),
    ("Waterpik", "Cordless Advanced Water Flosser WP-560UK", "", 79.99, "Cordless water flosser.", "", "WP-560UK"),
    ("Philips Sonicare", "Power Flosser 3000 HX3806/31", "", 59.99, "Cordless power flosser.", "", "HX3806/31"),
    ("Oral-B", "AquaCare 4 Oxyjet Water Flosser", "", 69.99, "Water flosser with micro-bubble technology.", "", "AquaCare 4"),
]:
    line("water-flosser", brand, nm, sizes, p, d, f, m)

for brand, nm, sizes, p, d, f, fits in [
    ("Waterpik", "Classic Jet Replacement Tips JT-100E", "x2|x4", 9.99, "Genuine replacement tips for Waterpik water flossers.", "", "Waterpik|WP-660UK|WP-560UK"),
    ("Waterpik", "Orthodontic Replacement Tips OD-100E", "x2", 10.99, "Tips for braces. Fit Waterpik water flossers.", "", "Waterpik|WP-660UK|WP-560UK"),
    ("Philips Sonicare", "F1 Standard Nozzle HX3042/00", "x2", 12.99, "Replacement nozzles for the Sonicare Power Flosser.", "", "Power Flosser|HX3806/31"),
    ("Oral-B", "Oxyjet Replacement Nozzles", "x4", 11.99, "Replacement nozzles for Oral-B Oxyjet and AquaCare water flossers.", "u", "AquaCare|Oxyjet|AquaCare 4"),
]:
    line("flosser-tips", brand, nm, sizes, p, d, f, "", fits)

# Men's grooming
for brand, nm, sizes, p, d, f, m in [
    ("Gillette", "Fusion5 Razor with 2 Blades", "", 9.99, "Five-blade razor handle supplied with two Fusion5 cartridges.", "s", "Fusion5"),
    ("Gillette", "Fusion5 ProGlide Razor", "", 12.99, "Five-blade razor with FlexBall handle.", "", "ProGlide"),
    ("Gillette", "Mach3 Razor", "", 7.99, "Three-blade razor.", "", "Mach3"),
    ("Gillette", "SkinGuard Sensitive Razor", "", 8.99, "Razor for sensitive skin.", "", "SkinGuard"),
    ("Gillette Venus", "Smooth Women's Razor", "", 7.49, "Three-blade women's razor.", "", "Venus Smooth"),
    ("Wilkinson Sword", "Hydro 5 Sense Razor", "", 8.49, "Five-blade razor with hydrating gel.", "", "Hydro 5"),
    ("Wilkinson Sword", "Intuition Sensitive Care Women's Razor", "", 8.99, "Women's razor with a built-in skin conditioning bar.", "", "Intuition"),
    ("King C. Gillette", "Double Edge Safety Razor", "", 24.99, "Chrome safety razor with five Gillette Platinum blades.", "n", "Safety Razor"),
    ("Bic", "Comfort 3 Disposable Razors x8", "", 5.49, "Disposable three-blade razors.", "u", ""),
]:
    line("razor", brand, nm, sizes, p, d, f, m)

for brand, nm, sizes, p, d, f, fits in [
    ("Gillette", "Fusion5 Razor Blades", "x4|x8|x12", 14.99, "Refills for the Gillette Fusion5 razor.", "sp", "Fusion|Fusion5"),
    ("Gillette", "Fusion5 ProGlide Razor Blades", "x4|x8", 17.99, "Refills for Fusion5 ProGlide and ProShield razors.", "", "Fusion|ProGlide|Fusion5 ProGlide"),
    ("Gillette", "Mach3 Razor Blades", "x4|x8|x12", 10.99, "Refills for the Mach3 razor.", "", "Mach3"),
    ("Gillette", "SkinGuard Sensitive Razor Blades", "x4|x8", 11.99, "Refills for SkinGuard razors.", "", "SkinGuard"),
    ("Gillette Venus", "Smooth Razor Blades", "x4|x8", 11.49, "Refills for Venus Smooth razors.", "", "Venus|Venus Smooth"),
    ("Wilkinson Sword", "Hydro 5 Sense Razor Blades", "x4|x8", 11.99, "Refills for Hydro 5 and Hydro 5 Sense razors.", "", "Hydro 5"),
    ("Wilkinson Sword", "Intuition Sensitive Care Refills", "x3|x6", 10.99, "Blade refills for Intuition razors.", "", "Intuition"),
    ("Gillette", "Platinum Double Edge Safety Razor Blades", "x10|x20", 4.99, "Double edge blades for safety razors.", "", "Safety Razor"),
    ("Brightwell", "5 Blade Men's Razor Refills", "x4|x8", 5.99, "Own-label cartridges for the Brightwell 5 Blade razor.", "", "Brightwell 5 Blade"),
    ("Wilkinson Sword", "Classic Double Edge Blades", "x5|x10", 2.99, "Double edge safety razor blades.", "U", "Safety Razor"),
]:
    line("razor-blades", brand, nm, sizes, p, d, f, "", fits)

for brand, nm, sizes, p, d, f, m in [
    ("Braun", "Series 9 Pro 9465cc Electric Shaver", "", 299.99, "Foil shaver with cleaning centre and travel case.", "s", "9465cc"),
    ("Braun", "Series 7 71-S1000s Electric Shaver", "", 149.99, "Flexible rotary-action foil shaver.", "", "71-S1000s"),
    ("Braun", "Series 5 51-B1000s Electric Shaver", "", 89.99, "Wet and dry foil shaver.", "", "51-B1000s"),
    ("Philips", "Shaver Series 5000 S5587/10", "", 99.99, "Rotary shaver with SkinIQ technology.", "", "S5587/10"),
    ("Philips", "OneBlade Original QP2724/10", "", 34.99, "Trim, edge and shave any length of hair.", "s", "QP2724/10"),
    ("Philips", "OneBlade 360 Face QP2734/20", "", 49.99, "OneBlade with a 360 flexible blade.", "", "QP2734/20"),
    ("Remington", "F5 Style Series Foil Shaver F5000", "", 49.99, "Foil shaver with pop-up trimmer.", "u", "F5000"),
]:
    line("electric-shaver", brand, nm, sizes, p, d, f, m)

for brand, nm, sizes, p, d, f, fits in [
    ("Braun", "Series 9 Replacement Head 94M", "", 54.99, "Foil and cutter replacement for Braun Series 9 shavers.", "s", "Series 9|9465cc"),
    ("Braun", "Series 7 Replacement Head 73S", "", 44.99, "Replacement shaving head for Series 7 shavers.", "", "Series 7|71-S1000s"),
    ("Braun", "Series 5 Replacement Head 53B", "", 29.99, "Replacement shaving head for Series 5 shavers.", "", "Series 5|51-B1000s"),
    ("Philips", "SH71/50 Replacement Shaving Heads", "", 39.99, "Shaving heads for Philips Series 5000 and 7000 shavers.", "", "Series 5000|S5587/10"),
    ("Philips", "OneBlade Replacement Blades QP220/50", "x2|x3", 21.99, "Replacement blades for every Philips OneBlade.", "p", "OneBlade|QP2724/10|QP2734/20"),
    ("Philips", "OneBlade 360 Replacement Blade QP420/50", "x2", 24.99, "Replacement 360 blades for every OneBlade.", "", "OneBlade|QP2724/10|QP2734/20"),
    ("Remington", "SPF-300 Foil and Cutter Pack", "", 24.99, "Replacement foil and cutters for Remington F5 shavers.", "", "Remington F5|F5000"),
]:
    line("shaver-heads", brand, nm, sizes, p, d, f, "", fits)

for brand, nm, sizes, p, d, f in [
    ("Gillette", "Classic Sensitive Shaving Foam", "200ml|300ml", 2.5, "Shaving foam for sensitive skin.", "p"),
    ("Gillette", "Series Sensitive Shaving Gel", "200ml", 3.5, "Shave gel with aloe.", ""),
    ("Nivea Men", "Sensitive Shaving Gel", "200ml", 4.0, "Alcohol-free shaving gel with chamomile.", "s"),
    ("King C. Gillette", "Transparent Shave Gel", "150ml", 6.0, "Clear shave gel for precise edges.", ""),
    ("Wilkinson Sword", "Sensitive Shave Gel", "200ml", 3.0, "Shaving gel.", "U"),
    ("L'Oreal Men Expert", "Hydra Sensitive Shaving Foam", "200ml", 4.5, "Shaving foam with birch sap.", ""),
]:
    line("shaving-foam", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Nivea Men", "Sensitive Post Shave Balm", "100ml", 7.5, "Soothing post shave balm, alcohol-free.", "sp"),
    ("Nivea Men", "Original Replenishing Post Shave Balm", "100ml", 7.0, "After shave balm.", ""),
    ("L'Oreal Men Expert", "Hydra Sensitive After Shave Balm", "100ml", 7.99, "Soothes razor burn.", ""),
    ("Bulldog", "Original After Shave Balm", "100ml", 5.0, "After shave balm with aloe.", "u"),
    ("Clinique For Men", "Post-Shave Soother", "75ml", 23.0, "Post-shave soother for sensitive skin.", ""),
]:
    line("aftershave-balm", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Bulldog", "Original Beard Oil", "30ml", 8.0, "Beard oil with camelina and meadowfoam.", ""),
    ("The Bluebeards Revenge", "Beard Oil", "50ml", 14.99, "Beard oil for softer whiskers.", ""),
    ("Beardbrand", "Tree Ranger Beard Oil", "30ml", 24.0, "Beard oil with a woody scent.", "U"),
]:
    line("beard-oil", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, m in [
    ("Philips", "Beard Trimmer Series 5000 BT5515/13", "", 44.99, "Beard trimmer with 40 length settings.", "s", "BT5515/13"),
    ("Braun", "Beard Trimmer Series 7 BT7320", "", 59.99, "Beard trimmer with 40 length settings.", "", "BT7320"),
    ("Remington", "Beard Boss Pro MB4050", "", 34.99, "Beard trimmer with a zoom wheel.", "", "MB4050"),
]:
    line("beard-trimmer", brand, nm, sizes, p, d, f, m)

# Fragrance
for brand, nm, sizes, p, d, f in [
    ("Chanel", "Coco Mademoiselle Eau de Parfum", "35ml|50ml|100ml", 92.0, "Oriental fresh fragrance for women.", ""),
    ("Dior", "J'adore Eau de Parfum", "30ml|50ml|100ml", 78.0, "Floral fragrance for women.", "s"),
    ("Lancome", "La Vie Est Belle Eau de Parfum", "30ml|50ml|100ml", 64.0, "Gourmand fragrance for women.", ""),
    ("Yves Saint Laurent", "Black Opium Eau de Parfum", "30ml|50ml|90ml", 70.0, "Coffee and vanilla fragrance for women.", ""),
    ("Marc Jacobs", "Daisy Eau de Toilette", "50ml|100ml", 62.0, "Fresh floral fragrance for women.", "s"),
    ("Jo Malone London", "Wood Sage & Sea Salt Cologne", "30ml|100ml", 60.0, "Woody unisex cologne.", ""),
    ("Ariana Grande", "Cloud Eau de Parfum", "30ml|50ml|100ml", 29.0, "Sweet gourmand fragrance for women.", "n"),
    ("Paco Rabanne", "Lady Million Eau de Parfum", "30ml|50ml|80ml", 58.0, "Floral fragrance for women.", "u"),
    ("Lancome", "La Vie Est Belle Eau de Parfum Gift Set", "", 85.0, "Fragrance gift set for women: eau de parfum 50ml with body lotion.", "", ),
]:
    line("womens-fragrance", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Dior", "Sauvage Eau de Toilette", "60ml|100ml|200ml", 74.0, "Fresh spicy fragrance for men.", "s"),
    ("Paco Rabanne", "1 Million Eau de Toilette", "50ml|100ml|200ml", 58.0, "Spicy leather fragrance for men.", ""),
    ("Hugo Boss", "Boss Bottled Eau de Toilette", "50ml|100ml|200ml", 55.0, "Woody fragrance for men.", ""),
    ("Jean Paul Gaultier", "Le Male Eau de Toilette", "75ml|125ml", 62.0, "Aromatic fougere for men.", ""),
    ("Calvin Klein", "CK One Eau de Toilette", "50ml|100ml|200ml", 30.0, "Fresh unisex fragrance.", "U"),
    ("Armani", "Acqua di Gio Eau de Toilette", "50ml|100ml", 62.0, "Aquatic fragrance for men.", ""),
    ("Lynx", "Africa Body Spray", "150ml", 4.5, "Men's body spray.", "p"),
    ("Hugo Boss", "Boss Bottled Eau de Toilette Gift Set", "", 65.0, "Fragrance gift set for men: eau de toilette 100ml with a shower gel.", ""),
]:
    line("mens-fragrance", brand, nm, sizes, p, d, f)

# Bath and body
for brand, nm, sizes, p, d, f in [
    ("Radox", "Feel Refreshed Shower Gel", "225ml|450ml", 1.5, "Shower gel with eucalyptus and citrus.", "p"),
    ("Dove", "Deeply Nourishing Body Wash", "225ml|450ml|720ml", 2.5, "Body wash with moisturisers.", "p"),
    ("Original Source", "Lime & Mint Shower Gel", "225ml|500ml", 1.75, "Vegan shower gel.", ""),
    ("Nivea", "Creme Soft Shower Cream", "250ml|500ml", 2.0, "Shower cream with almond oil.", ""),
    ("Molton Brown", "Delicious Rhubarb & Rose Bath & Shower Gel", "300ml", 28.0, "Luxury bath and shower gel.", ""),
    ("Imperial Leather", "Original Shower Cream", "250ml", 1.75, "Shower cream.", "u"),
    ("E45", "Wash Cream", "250ml", 6.5, "Soap-free wash for dry skin. Fragrance-free.", ""),
]:
    line("shower-gel", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f in [
    ("Carex", "Original Antibacterial Hand Wash", "250ml", 1.5, "Antibacterial hand wash in a pump bottle.", "p"),
    ("Carex", "Sensitive Antibacterial Hand Wash", "250ml", 1.5, "Antibacterial hand wash for sensitive skin.", ""),
    ("Dettol", "Original Antibacterial Hand Wash", "250ml", 1.99, "Hand wash that kills 99.9% of bacteria.", ""),
    ("Method", "Gel Hand Wash Sweet Water", "354ml", 3.5, "Plant-based hand wash.", ""),
    ("Palmolive", "Naturals Milk & Honey Hand Wash", "300ml", 1.5, "Hand wash.", "U"),
]:
    line("hand-wash", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, fits in [
    ("Carex", "Original Antibacterial Hand Wash Refill", "500ml|1L", 2.5, "Refill for Carex hand wash pump bottles.", "p", "Carex"),
    ("Dettol", "Original Antibacterial Hand Wash Refill Pouch", "500ml|1L", 2.75, "Refill pouch for Dettol hand wash pumps.", "", "Dettol"),
    ("Method", "Gel Hand Wash Refill Pouch Sweet Water", "1L", 7.5, "Recyclable refill for Method hand wash bottles.", "", "Method"),
    ("Dove", "Deeply Nourishing Body Wash Refill Pouch", "500ml", 4.0, "Refill pouch for Dove body wash bottles.", "", "Dove"),
]:
    line("hand-wash-refill", brand, nm, sizes, p, d, f, "", fits)

for brand, nm, sizes, p, d, f in [
    ("Sure", "Women Maximum Protection Clean Scent Cream Deodorant", "45ml", 6.0, "Anti-perspirant cream stick.", "s"),
    ("Sure", "Men Invisible Ice Fresh Anti-Perspirant Aerosol", "150ml|250ml", 2.5, "Anti-perspirant spray for men.", "p"),
    ("Dove", "Original Anti-Perspirant Deodorant Aerosol", "150ml|250ml", 2.5, "Anti-perspirant with moisturiser.", "p"),
    ("Mitchum", "Women Unperfumed Roll-On Deodorant", "50ml", 3.75, "48hr anti-perspirant roll-on, fragrance-free.", ""),
    ("Nivea Men", "Black & White Invisible Roll-On", "50ml", 2.5, "Anti-perspirant roll-on.", ""),
    ("Wild", "Refillable Natural Deodorant Starter Kit Fresh Cotton", "40g", 14.0, "Aluminium-free deodorant in a refillable case with one refill.", "n"),
    ("Salt of the Earth", "Natural Deodorant Spray Unscented", "100ml", 7.99, "Mineral salt deodorant, fragrance-free.", "u"),
]:
    line("deodorant", brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, fits in [
    ("Wild", "Natural Deodorant Refill Fresh Cotton & Sea Salt", "x1|x3", 7.0, "Compostable refill for the Wild refillable case.", "", "Wild"),
    ("Wild", "Natural Deodorant Refill Coconut & Vanilla", "x1|x3", 7.0, "Compostable refill for the Wild refillable case.", "s", "Wild"),
    ("Dove", "Refillable Deodorant Stick Refill Original", "40ml", 4.5, "Refill for the Dove refillable stick case.", "", "Dove"),
]:
    line("deodorant-refill", brand, nm, sizes, p, d, f, "", fits)

# Vitamins and supplements
for typ, brand, nm, sizes, p, d, f in [
    ("multivitamin", "Centrum", "Advance Multivitamin Tablets", "30|60|100", 6.5, "Multivitamin and mineral tablets for adults.", "p"),
    ("multivitamin", "Centrum", "Women 50+ Multivitamin Tablets", "30|60", 8.0, "Multivitamin for women over 50.", ""),
    ("multivitamin", "Wellman", "Original Tablets", "30|90", 9.5, "Multivitamin for men.", "s"),
    ("multivitamin", "Wellwoman", "Original Capsules", "30|90", 9.5, "Multivitamin for women.", ""),
    ("multivitamin", "Pregnacare", "Original Tablets", "30|90", 7.5, "Pregnancy multivitamin with folic acid and vitamin D.", ""),
    ("multivitamin", "Haliborange", "Kids Multivitamin Orange Softies", "30|60", 5.5, "Chewable multivitamins for children aged 3-12.", "u"),
    ("vitamin-d", "Vitabiotics", "Ultra Vitamin D 1000IU Tablets", "96", 6.5, "Vitamin D3 for bones and muscles.", ""),
    ("vitamin-d", "Holland & Barrett", "Vitamin D3 25ug Tablets", "100|250", 4.5, "Vitamin D3 tablets.", "p"),
    ("vitamin-d", "BetterYou", "DLux 1000 Vitamin D Oral Spray 15ml", "", 7.95, "Vitamin D spray absorbed in the mouth.", "s"),
    ("vitamin-d", "Haliborange", "Kids Vitamin D Softies", "30|60", 4.5, "Chewable vitamin D for children.", ""),
    ("vitamin-c", "Berocca", "Energy Orange Effervescent Tablets", "15|30", 6.0, "Vitamin B and C effervescent tablets.", "p"),
    ("vitamin-c", "Redoxon", "Vitamin C 1000mg Orange Effervescent Tablets", "15|30", 5.0, "Vitamin C for the immune system.", ""),
    ("vitamin-c", "Holland & Barrett", "Vitamin C 1000mg Timed Release Tablets", "60|120", 7.5, "Vitamin C with rose hips.", "U"),
    ("omega-3", "Seven Seas", "Omega-3 Fish Oil Plus Multivitamins Capsules", "30|60", 8.0, "Omega-3 fish oil with vitamins.", ""),
    ("omega-3", "Seven Seas", "Cod Liver Oil One-A-Day Capsules", "60|120", 6.0, "Cod liver oil capsules.", "s"),
    ("omega-3", "Holland & Barrett", "Fish Oil 1000mg Capsules", "120|240", 9.5, "Omega-3 fish oil.", ""),
    ("omega-3", "Vegetology", "Opti3 Vegan Omega-3 Capsules", "60", 24.99, "Vegan omega-3 from algae.", "n"),
    ("magnesium", "Holland & Barrett", "Magnesium 250mg Tablets", "100|250", 5.5, "Magnesium for tiredness and muscles.", ""),
    ("magnesium", "Better You", "Magnesium Oil Original Spray 100ml", "", 12.95, "Magnesium chloride spray for the skin.", ""),
    ("magnesium", "Vitabiotics", "Ultra Magnesium Tablets", "60", 7.5, "Magnesium with vitamin B6.", "u"),
]:
    sz = "|".join(s + " Tablets" if "Tablets" in nm and s else (s + " Capsules" if "Capsules" in nm and s else s) for s in sizes.split("|")) if sizes else ""
    sz = "|".join(x + "" for x in sizes.split("|")) if sizes else ""
    line(typ, brand, nm, ("x" + sz.replace("|", "|x")) if sz else "", p, d, f)

# Pharmacy (GSL medicines and first aid)
for typ, brand, nm, sizes, p, d, f in [
    ("pain-relief", "Nurofen", "Ibuprofen 200mg Caplets", "x12|x16", 2.5, "For headache, migraine, back pain, period pain and fever. Contains ibuprofen. Always read the label.", "s"),
    ("pain-relief", "Nurofen", "Express Ibuprofen 200mg Liquid Capsules", "x10|x16", 3.5, "Fast relief of pain. Contains ibuprofen. Always read the label.", ""),
    ("pain-relief", "Nurofen", "for Children Strawberry 3 Months to 9 Years 100ml", "", 5.49, "Ibuprofen oral suspension for children. Always read the label.", ""),
    ("pain-relief", "Calpol", "Infant Suspension Strawberry 2+ Months 100ml", "", 4.49, "Paracetamol suspension for babies and children. Sugar-free. Always read the label.", "p"),
    ("pain-relief", "Calpol", "Six Plus Suspension 80ml", "", 4.99, "Paracetamol for children over six. Always read the label.", ""),
    ("pain-relief", "Panadol", "Advance 500mg Tablets", "x16", 2.5, "Paracetamol for headaches, toothache and fever. Always read the label.", ""),
    ("pain-relief", "Anadin", "Extra Tablets", "x16", 2.75, "Aspirin, paracetamol and caffeine. Always read the label.", ""),
    ("pain-relief", "Brightwell", "Paracetamol 500mg Tablets", "x16", 0.69, "Own-brand paracetamol tablets. Always read the label.", "u"),
    ("pain-relief", "Brightwell", "Ibuprofen 200mg Tablets", "x16", 0.89, "Own-brand ibuprofen tablets. Always read the label.", "u"),
    ("pain-relief", "Voltarol", "Pain-eze Emulgel 1.16% 100g", "", 9.99, "Diclofenac gel for joint and back pain. Always read the label.", ""),
    ("pain-relief", "Deep Heat", "Max Strength Rub 35g", "", 4.99, "Warming rub for muscle pain.", ""),
    ("hay-fever", "Piriteze", "Allergy Tablets 10mg Cetirizine", "x7|x14|x30", 3.5, "Non-drowsy antihistamine for hay fever and allergies. Always read the label.", "s"),
    ("hay-fever", "Clarityn", "Allergy Tablets 10mg Loratadine", "x7|x14|x30", 4.0, "Non-drowsy relief from hay fever. Always read the label.", ""),
    ("hay-fever", "Benadryl", "Allergy Relief Plus Decongestant Capsules", "x12", 6.5, "Relieves allergy symptoms with a blocked nose. Always read the label.", ""),
    ("hay-fever", "Beconase", "Hayfever Relief Nasal Spray 180 Sprays", "", 9.99, "Steroid nasal spray for hay fever. Always read the label.", ""),
    ("hay-fever", "Brightwell", "Cetirizine 10mg Tablets", "x30", 1.99, "Own-brand antihistamine tablets. Always read the label.", "u"),
    ("hay-fever", "Optrex", "Allergy Eye Drops 10ml", "", 6.49, "Eye drops for itchy, watery eyes from hay fever.", ""),
    ("cold-flu", "Lemsip", "Max Cold & Flu Lemon Sachets", "x5|x10", 4.5, "Hot lemon drink with paracetamol and decongestant. Always read the label.", "s"),
    ("cold-flu", "Beechams", "All in One Capsules", "x16", 4.99, "Relief of cold and flu symptoms including a chesty cough. Always read the label.", ""),
    ("cold-flu", "Sudafed", "Blocked Nose Spray 15ml", "", 5.49, "Decongestant nasal spray. Always read the label.", ""),
    ("cold-flu", "Vicks", "VapoRub 50g", "", 4.99, "Vapour rub for blocked noses and coughs.", ""),
    ("cold-flu", "Olbas", "Oil 12ml", "", 4.29, "Inhalant decongestant oil.", "U"),
    ("cough-remedy", "Benylin", "Chesty Coughs Non-Drowsy 150ml", "", 6.99, "Cough syrup that loosens mucus. Always read the label.", ""),
    ("cough-remedy", "Benylin", "Dry Coughs Non-Drowsy 150ml", "", 6.99, "Cough syrup for tickly, dry coughs. Always read the label.", ""),
    ("cough-remedy", "Covonia", "Original Bronchial Balsam 150ml", "", 5.49, "Cough syrup for chesty coughs.", ""),
    ("cough-remedy", "Strepsils", "Honey & Lemon Lozenges", "x16|x24|x36", 3.49, "Lozenges for sore throats.", "p"),
    ("cough-remedy", "Ricola", "Original Herb Sugar Free Sweets 45g", "", 1.5, "Swiss herb drops.", ""),
    ("indigestion", "Gaviscon", "Double Action Liquid Mint 300ml", "", 8.99, "Relief from heartburn and indigestion. Always read the label.", "s"),
    ("indigestion", "Gaviscon", "Advance Peppermint Chewable Tablets", "x24|x60", 5.5, "Heartburn tablets. Always read the label.", ""),
    ("indigestion", "Rennie", "Peppermint Chewable Tablets", "x24|x48", 2.99, "Fast relief from heartburn.", "p"),
    ("indigestion", "Imodium", "Instants 2mg Orodispersible Tablets", "x6|x12", 5.99, "Relief from diarrhoea. Always read the label.", ""),
    ("indigestion", "Dioralyte", "Blackcurrant Sachets", "x6|x20", 4.99, "Rehydration salts after diarrhoea.", ""),
    ("indigestion", "Buscopan", "IBS Relief 10mg Tablets", "x20", 5.99, "Relief from stomach cramps with IBS. Always read the label.", "u"),
    ("plasters", "Elastoplast", "Fabric Plasters Assorted", "x20|x40", 2.5, "Flexible fabric plasters.", "p"),
    ("plasters", "Elastoplast", "Waterproof Plasters", "x20", 2.99, "Waterproof plasters for wet areas.", ""),
    ("plasters", "Compeed", "Blister Plasters Medium", "x5|x10", 6.99, "Hydrocolloid plasters that relieve blister pain.", "s"),
    ("plasters", "Brightwell", "Washproof Plasters Assorted", "x40", 1.49, "Own-brand plasters.", "u"),
    ("first-aid-kit", "Steroplast", "Family First Aid Kit 100 Piece", "", 14.99, "First aid kit with plasters, dressings, bandages and scissors.", ""),
    ("first-aid-kit", "Elastoplast", "Travel First Aid Kit", "", 7.99, "Compact first aid kit for travel.", ""),
    ("first-aid-kit", "St John Ambulance", "Car First Aid Kit", "", 19.99, "First aid kit for the car.", ""),
    ("antiseptic", "Savlon", "Antiseptic Cream 30g|60g", "", 3.49, "Antiseptic cream for cuts, grazes and minor burns.", ""),
    ("antiseptic", "Germolene", "Antiseptic Cream 30g", "", 3.49, "Antiseptic cream with local anaesthetic.", "s"),
    ("antiseptic", "TCP", "Liquid Antiseptic 200ml", "", 4.29, "Antiseptic liquid for cuts, spots and sore throats.", ""),
    ("antiseptic", "Dettol", "Antiseptic Liquid 500ml", "", 4.5, "Antiseptic disinfectant liquid.", "U"),
    ("thermometer", "Braun", "ThermoScan 7 Ear Thermometer IRT6520", "", 49.99, "Ear thermometer with age precision.", "s"),
    ("thermometer", "Braun", "No Touch + Forehead Thermometer BNT400", "", 44.99, "Forehead thermometer.", ""),
    ("thermometer", "Boots", "Digital Thermometer", "", 5.99, "Oral and underarm digital thermometer.", "u"),
]:
    if "|" in nm:
        nm = nm.split("|")[0]
    line(typ, brand, nm, sizes, p, d, f, model=next((w for w in nm.split() if any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and w.isupper()), "") if typ == "thermometer" else "")

# Baby and child
NAPPY = "v:Size=Size 1 (2-5kg)|Size 2 (3-6kg)|Size 3 (6-10kg)|Size 4 (9-14kg)|Size 5 (11-16kg)|Size 6 (15kg+)"
for typ, brand, nm, sizes, p, d, f in [
    ("nappies", "Pampers", "Baby-Dry Nappies Jumbo Pack", NAPPY, 11.0, "Up to 12 hours of dryness.", "s"),
    ("nappies", "Pampers", "Premium Protection Nappies Monthly Pack", NAPPY, 30.0, "Softest Pampers nappies.", ""),
    ("nappies", "Huggies", "Drynites Pyjama Pants Girls 4-7 Years x10", "", 6.5, "Night-time pants for bedwetting.", ""),
    ("nappies", "Kit & Kin", "Eco Nappies", NAPPY, 9.0, "Eco nappies, plastic-free top sheet.", "n"),
    ("nappies", "Brightwell", "Baby Nappies Value Pack", NAPPY, 5.5, "Own-brand nappies.", "u"),
    ("baby-wipes", "WaterWipes", "Original Baby Wipes x60", "", 3.5, "Baby wipes made with 99.9% water, for sensitive skin. Fragrance-free.", "p"),
    ("baby-wipes", "Pampers", "Sensitive Baby Wipes x52", "", 2.0, "Fragrance-free baby wipes.", "p"),
    ("baby-wipes", "Huggies", "Pure Baby Wipes x56", "", 1.75, "99% water baby wipes.", ""),
    ("nappy-cream", "Sudocrem", "Antiseptic Healing Cream", "60g|125g|250g|400g", 2.5, "Soothes and heals nappy rash, eczema and minor burns.", "s"),
    ("nappy-cream", "Bepanthen", "Nappy Care Ointment", "30g|100g", 3.99, "Protects against nappy rash.", ""),
    ("nappy-cream", "Metanium", "Nappy Rash Ointment 30g", "", 5.49, "Treats nappy rash. Always read the label.", ""),
    ("nappy-cream", "Weleda", "Calendula Nappy Change Cream 75ml", "", 8.95, "Natural nappy cream with calendula.", "U"),
    ("baby-wash", "Johnson's", "Baby Top-to-Toe Wash", "300ml|500ml", 2.5, "Gentle wash for hair and body.", "p"),
    ("baby-wash", "Aveeno Baby", "Daily Care Hair & Body Wash 250ml", "", 5.5, "Wash with oat for babies' skin.", ""),
    ("baby-wash", "Childs Farm", "Baby Bedtime Bubbles 250ml", "", 3.5, "Bubble bath for babies, suitable for eczema-prone skin.", ""),
    ("baby-bottle", "Tommee Tippee", "Closer to Nature Baby Bottles 260ml", "x2|x3", 9.99, "Anti-colic baby bottles with a breast-like teat.", "s"),
    ("baby-bottle", "MAM", "Easy Start Anti-Colic Bottle 260ml", "x1|x2", 9.5, "Self-sterilising anti-colic bottle.", ""),
    ("baby-bottle", "Dr. Brown's", "Options+ Anti-Colic Bottle 270ml", "x1|x3", 8.99, "Vented anti-colic baby bottle.", ""),
]:
    line(typ, brand, nm, sizes, p, d, f)

for brand, nm, sizes, p, d, f, fits in [
    ("Tommee Tippee", "Closer to Nature Teats Medium Flow 3m+", "x2|x6", 5.99, "Replacement teats for Closer to Nature bottles.", "", "Tommee Tippee|Closer to Nature"),
    ("Tommee Tippee", "Closer to Nature Teats Fast Flow 6m+", "x2", 5.99, "Replacement teats for Closer to Nature bottles.", "", "Tommee Tippee|Closer to Nature"),
    ("MAM", "Teats Size 2 Medium Flow", "x2", 4.99, "Replacement teats for all MAM bottles.", "s", "MAM"),
    ("Dr. Brown's", "Options+ Level 2 Teats", "x2", 5.49, "Replacement teats for Dr. Brown's narrow bottles.", "u", "Dr. Brown's|Options+"),
]:
    line("bottle-teats", brand, nm, sizes, p, d, f, "", fits)


# Scented ranges: one product per scent and size, as shower gels, hand washes and
# deodorants are sold.
for typ, brand, pat, scents, sizes, p in [
    ("shower-gel", "Original Source", "{s} Shower Gel", ["Mint & Tea Tree", "Lemon & Tea Tree", "Coconut & Shea Butter", "Vanilla Milk", "Pink Grapefruit", "Raspberry & Vanilla", "Lime & Ginger", "Blackberry & Lime"], "250ml|500ml", 1.75),
    ("shower-gel", "Radox", "Feel {s} Shower Gel", ["Relaxed", "Uplifted", "Energised", "Pampered", "Hydrated", "Protected"], "225ml|450ml", 1.5),
    ("shower-gel", "Dove", "{s} Body Wash", ["Pampering Shea Butter", "Go Fresh Cucumber", "Restoring Coconut", "Care & Protect", "Sensitive"], "225ml|450ml", 2.5),
    ("shower-gel", "Imperial Leather", "{s} Shower Gel", ["Japanese Spa", "Marshmallow", "Skin Kind", "Rainbow Crackle"], "250ml", 1.75),
    ("hand-wash", "Carex", "{s} Hand Wash", ["Strawberry Laces", "Fresh", "Moisture", "Aloe Vera", "Fun Edition Bubblegum"], "250ml", 1.5),
    ("hand-wash", "Method", "Gel Hand Wash {s}", ["Pink Grapefruit", "Lemon Mint", "Pure Peppermint", "French Lavender"], "354ml", 3.5),
    ("deodorant", "Sure", "Women {s} Anti-Perspirant Aerosol", ["Cotton Dry", "Bright Bouquet", "Invisible Aqua", "Tropical"], "150ml|250ml", 2.5),
    ("deodorant", "Lynx", "{s} Anti-Perspirant Aerosol", ["Africa", "Black", "Ice Chill", "Apollo", "Dark Temptation"], "150ml", 3.25),
    ("deodorant", "Dove", "{s} Anti-Perspirant Roll-On", ["Original", "Invisible Dry", "Go Fresh Cucumber", "Sensitive"], "50ml", 2.0),
    ("deodorant", "Wild", "Refillable Natural Deodorant Case {s}", ["Aqua Blue", "Coral Crush", "Bamboo Green", "Midnight Black"], "", 10.0),
    ("lip-balm", "Burt's Bees", "{s} Lip Balm", ["Coconut & Pear", "Pomegranate", "Strawberry", "Vanilla Bean"], "4.25g", 4.99),
    ("hand-cream", "L'Occitane", "{s} Hand Cream", ["Cherry Blossom", "Almond", "Rose", "Verbena"], "30ml|75ml", 10.0),
    ("body-moisturiser", "The Body Shop", "{s} Body Butter", ["Shea", "Strawberry", "Coconut", "British Rose", "Almond Milk", "Mango"], "50ml|200ml", 8.0),
    ("shower-gel", "The Body Shop", "{s} Shower Gel", ["Shea", "Strawberry", "Coconut", "British Rose", "Almond Milk", "Mango"], "250ml|750ml", 8.0),
    ("hand-wash-refill", "Carex", "{s} Hand Wash Refill", ["Strawberry Laces", "Fresh", "Moisture", "Aloe Vera"], "500ml", 2.5),
    ("hand-wash-refill", "Method", "Gel Hand Wash Refill Pouch {s}", ["Pink Grapefruit", "Lemon Mint", "Pure Peppermint", "French Lavender"], "1L", 7.5),
    ("deodorant-refill", "Wild", "Natural Deodorant Refill {s}", ["Mint & Aloe Vera", "Orange Zest", "Rose Petals", "Bergamot & Amber", "Jasmine & Mandarin Blossom"], "x1|x3", 7.0),
]:
    for sc in scents:
        fits = brand if TYPES[typ][1] else ""
        line(typ, brand, pat.format(s=sc), sizes, p, "%s %s." % ({"shower-gel": "Shower gel scented with", "hand-wash": "Hand wash scented with",
             "deodorant": "Deodorant in", "lip-balm": "Lip balm flavoured with", "hand-cream": "Hand cream scented with",
             "body-moisturiser": "Body butter scented with", "hand-wash-refill": "Refill for %s hand wash pumps, scented with" % brand,
             "deodorant-refill": "Refill for the %s refillable case, scented with" % brand}[typ], sc.lower()),
             "s" if fnv(sc + brand) % 6 == 0 else ("u" if fnv(sc + brand) % 11 == 0 else ""), "", fits)

# The shop's own label: everyday products by skin type, hair type or strength, at
# own-label prices.
OWN = [
    ("face-moisturiser", "{d} Moisturising Day Cream", ["for Dry Skin", "for Oily Skin", "for Sensitive Skin", "for Combination Skin", "SPF15 for Normal Skin", "Fragrance Free"], "50ml|100ml|200ml", 2.99),
    ("face-moisturiser", "Night Cream {d}", ["for Dry Skin", "for Mature Skin", "with Retinol"], "50ml", 4.49),
    ("body-moisturiser", "Body Lotion {d}", ["for Dry Skin", "with Cocoa Butter", "with Aloe Vera", "Fragrance Free", "for Very Dry Skin with 10% Urea"], "250ml|400ml", 2.49),
    ("cleanser", "Facial Wash {d}", ["for Oily Skin", "for Sensitive Skin", "with Salicylic Acid", "Gentle Cream Cleanser"], "150ml|250ml", 2.29),
    ("serum", "Serum {d}", ["with 10% Niacinamide", "with Hyaluronic Acid", "with Vitamin C", "with 0.3% Retinol"], "30ml", 5.99),
    ("sunscreen", "Sun Lotion {d}", ["SPF15", "SPF30", "SPF50", "SPF50+ Kids", "SPF50 Sensitive Fragrance Free"], "100ml|200ml|400ml", 3.99),
    ("sunscreen", "Sun Spray {d}", ["SPF30", "SPF50", "SPF50+ Kids"], "200ml", 4.49),
    ("sunscreen", "Face Sun Cream {d}", ["SPF30", "SPF50 Tinted", "SPF50+ Oil Free"], "50ml", 4.99),
    ("after-sun", "After Sun Lotion {d}", ["with Aloe Vera", "Cooling Gel", "Tan Extender"], "200ml|400ml", 2.49),
    ("face-mask", "Sheet Mask {d}", ["Hydrating", "Brightening", "Purifying Charcoal", "Soothing Tea Tree"], "x1|x5", 1.49),
    ("eye-cream", "Eye Cream {d}", ["Anti-Wrinkle", "Dark Circles", "Cooling Roll-On"], "15ml", 3.99),
    ("lip-balm", "Lip Balm {d}", ["Original", "SPF15", "Cherry", "Medicated"], "4.5g", 0.99),
    ("hand-cream", "Hand Cream {d}", ["Intensive", "with Shea Butter", "Fragrance Free", "Rose"], "75ml|150ml", 1.49),
    ("foot-cream", "Foot Cream {d}", ["25% Urea Heel Balm", "Cooling Peppermint", "Hard Skin Softening"], "100ml", 2.99),
    ("makeup-remover", "Micellar Water {d}", ["for Sensitive Skin", "Waterproof Make-Up Remover", "with Rose Water"], "400ml", 2.49),
    ("makeup-remover", "Cleansing Wipes {d}", ["for Sensitive Skin", "Cucumber", "Biodegradable"], "x25|x3 Pack", 1.29),
    ("shampoo", "Shampoo {d}", ["for Dry, Damaged Hair", "for Fine Hair", "for Curly Hair", "for Coloured Hair", "Anti-Dandruff", "for Oily Hair", "Coconut", "2 in 1 Shampoo & Conditioner"], "250ml|400ml|750ml", 1.49),
    ("conditioner", "Conditioner {d}", ["for Dry, Damaged Hair", "for Fine Hair", "for Curly Hair", "for Coloured Hair", "Coconut"], "400ml|750ml", 1.49),
    ("hair-mask", "Hair Mask {d}", ["Repairing Keratin", "Coconut Oil", "Purple Toning for Blonde Hair"], "300ml", 2.99),
    ("dry-shampoo", "Dry Shampoo {d}", ["Original", "Tropical", "Dark Hair", "Blonde Hair"], "200ml", 1.79),
    ("manual-toothbrush", "Toothbrush {d}", ["Medium", "Soft", "Kids 3-6 Years", "Bamboo"], "x1|x4", 0.99),
    ("toothpaste", "Toothpaste {d}", ["Total Care", "Sensitive", "Whitening", "Kids 0-6 Years"], "75ml|100ml", 0.89),
    ("mouthwash", "Mouthwash {d}", ["Fresh Mint", "Alcohol Free", "Whitening", "Total Care Chlorhexidine 0.2%"], "500ml", 1.49),
    ("dental-floss", "Dental Floss {d}", ["Mint Waxed 50m", "Tape 25m", "Floss Picks x40", "Interdental Brushes Mixed x8"], "", 1.29),
    ("razor", "Razor {d}", ["5 Blade Men's", "3 Blade Women's", "Disposable Sensitive x5"], "", 3.99),
    ("shaving-foam", "Shaving Foam {d}", ["Sensitive", "Original", "Menthol"], "250ml", 0.99),
    ("aftershave-balm", "Post Shave Balm {d}", ["Sensitive", "Cooling", "Original"], "100ml", 2.99),
    ("multivitamin", "A-Z Multivitamins & Minerals {d}", ["Tablets", "Women's Tablets", "Men's Tablets", "50+ Tablets", "Kids' Chewables"], "x30|x90", 1.99),
    ("vitamin-d", "Vitamin D3 {d}", ["10ug Tablets", "25ug Tablets", "1000IU Gummies", "Kids 10ug Chewables"], "x90|x180", 1.99),
    ("vitamin-c", "Vitamin C {d}", ["500mg Tablets", "1000mg Tablets", "Effervescent Orange 1000mg", "Gummies"], "x60|x120", 1.79),
    ("omega-3", "Omega-3 Fish Oil {d}", ["1000mg Capsules", "Cod Liver Oil 1000mg Capsules", "Kids Chewable Capsules"], "x60|x120", 2.99),
    ("magnesium", "Magnesium {d}", ["375mg Tablets", "Citrate 200mg Tablets", "with Vitamin B6 Tablets"], "x60", 2.99),
    ("pain-relief", "{d}", ["Aspirin 300mg Dispersible Tablets x16", "Co-Codamol 8/500mg Tablets x32", "Ibuprofen Gel 5% 50g", "Paracetamol 500mg Caplets x16", "Ibuprofen 400mg Tablets x24", "Headache Relief Extra Tablets x16"], "", 0.79),
    ("hay-fever", "{d}", ["Loratadine 10mg Tablets x30", "Chlorphenamine 4mg Tablets x28", "Hay Fever Relief Nasal Spray Beclometasone 100 Sprays", "Hay Fever Relief Eye Drops 10ml", "Fexofenadine 120mg Tablets x30"], "", 1.99),
    ("cold-flu", "{d}", ["Cold & Flu Relief Capsules x16", "Max Strength Cold & Flu Lemon Sachets x10", "Decongestant Nasal Spray 0.1% 15ml", "Menthol Vapour Rub 50g", "Day & Night Cold & Flu Tablets x16"], "", 1.49),
    ("cough-remedy", "{d}", ["Chesty Cough Syrup 150ml", "Dry Cough Syrup 150ml", "Sore Throat Lozenges Honey & Lemon x24", "Children's Cough Syrup 100ml", "Throat Spray 20ml"], "", 2.49),
    ("indigestion", "{d}", ["Heartburn & Indigestion Liquid Peppermint 500ml", "Antacid Tablets x96", "Loperamide 2mg Capsules x12", "Rehydration Sachets Blackcurrant x6", "Senna 7.5mg Tablets x60"], "", 1.99),
    ("plasters", "Plasters {d}", ["Fabric Assorted x40", "Washproof x20", "Blister x6", "Kids Dinosaur x20", "Hypoallergenic x30", "Finger Strips x10"], "", 0.99),
    ("first-aid-kit", "First Aid Kit {d}", ["Family 60 Piece", "Travel Mini", "Workplace 1-10 Person", "Sports"], "", 4.99),
    ("antiseptic", "{d}", ["Antiseptic Cream 50g", "Antiseptic Wipes x20", "Antiseptic Liquid 250ml", "Burns Gel 50g"], "", 1.49),
    ("nappies", "Nappies {d}", ["Newborn Size 1", "Size 2", "Size 3", "Size 4", "Size 4+", "Size 5", "Size 6", "Pants Size 5"], "", 3.5),
    ("baby-wipes", "Baby Wipes {d}", ["Fragrance Free x64", "Sensitive x64", "99% Water x60", "Aloe Vera x64", "Fragrance Free Value Pack 12 x 64"], "", 0.75),
    ("nappy-cream", "Nappy Rash Cream {d}", ["Zinc Oxide", "Barrier Ointment", "Fragrance Free"], "100g", 1.99),
    ("baby-wash", "Baby {d}", ["Top to Toe Wash 400ml", "Shampoo 400ml", "Bubble Bath 500ml", "Moisturising Lotion 300ml"], "", 1.49),
    ("thermometer", "{d}", ["Digital Thermometer Flexible Tip", "Infrared Forehead Thermometer", "Ear Thermometer", "Bath & Room Thermometer"], "", 3.99),
]
for typ, pat, descs, sizes, p in OWN:
    for i, dsc in enumerate(descs):
        nm = pat.format(d=dsc)
        fl = ("s" if fnv(nm) % 7 == 0 else "") + ("u" if fnv(nm) % 9 == 0 else "") + ("p" if fnv(nm) % 10 == 0 else "")
        line(typ, "Brightwell", nm, sizes, round(p * (1 + 0.15 * (fnv(nm) % 4)), 2), "Brightwell own brand: %s. Made in the UK." % nm.lower(), fl)


# Own-label make-up in shades, and more foundations.
for typ, brand, nm, sizes, p, d, f in [
    ("foundation", "Maybelline", "SuperStay 30H Active Wear Foundation 30ml", FOUND, 11.99, "Full coverage foundation that lasts.", ""),
    ("foundation", "L'Oreal Paris", "Infallible 32H Fresh Wear Foundation SPF25 30ml", FOUND, 13.99, "Long-wear foundation with SPF25.", "s"),
    ("foundation", "Brightwell", "Perfect Match Foundation 30ml", FOUND2, 4.99, "Own-brand medium coverage foundation.", "u"),
    ("lipstick", "Brightwell", "Moisture Rich Lipstick", "v:Shade=Nude|Rose|Coral|True Red|Berry|Plum|Mocha|Pink Blush|Cherry|Wine", 2.99, "Own-brand lipstick.", ""),
    ("nail-polish", "Brightwell", "Quick Dry Nail Polish 10ml", "v:Colour=Clear|White|Black|Red|Nude|Baby Pink|Hot Pink|Coral|Navy|Burgundy|Lilac|Mint|Gold Glitter|Silver Glitter", 1.99, "Own-brand quick-dry nail polish.", ""),
    ("hair-dye", "Brightwell", "Permanent Hair Colour", "v:Shade=1.0 Black|3.0 Dark Brown|4.0 Medium Brown|5.0 Light Brown|6.0 Dark Blonde|7.0 Medium Blonde|8.0 Light Blonde|5.6 Auburn|4.15 Chocolate", 3.99, "Own-brand permanent hair colour.", ""),
    ("concealer", "Brightwell", "Cover Up Concealer Stick", "v:Shade=Fair|Light|Medium|Tan|Deep", 2.49, "Own-brand concealer stick.", ""),
]:
    line(typ, brand, nm, sizes, p, d, f)

# A natural range sold beside the own label.
for typ, pat, sizes, p in [
    ("shower-gel", "{s} Body Wash", "250ml|500ml", 4.5), ("body-moisturiser", "{s} Body Lotion", "250ml", 6.5),
    ("hand-wash", "{s} Hand Wash", "300ml", 4.0), ("hand-wash-refill", "{s} Hand Wash Refill Pouch", "1L", 9.0),
    ("hand-cream", "{s} Hand Cream", "75ml", 5.0), ("shampoo", "{s} Shampoo", "250ml|500ml", 5.5),
    ("conditioner", "{s} Conditioner", "250ml|500ml", 5.5), ("lip-balm", "{s} Lip Balm", "10g", 3.0),
    ("deodorant", "{s} Natural Deodorant Roll-On", "50ml", 5.0), ("face-moisturiser", "{s} Face Cream", "50ml", 9.5),
]:
    for sc in ["Lavender & Geranium", "Orange & Bergamot", "Rosemary & Mint", "Unscented"]:
        nm = pat.format(s=sc)
        fits = "Pure Botanics" if TYPES[typ][1] else ""
        line(typ, "Pure Botanics", nm, sizes, p, "Vegan, cruelty-free %s made with essential oils%s." % (TYPES[typ][0].split(" > ")[-1].lower(), " (fragrance-free)" if sc == "Unscented" else ""),
             "n" if fnv(nm) % 5 == 0 else ("s" if fnv(nm) % 6 == 0 else ""), "", fits)

# Fragrance minis: travel sprays of the fragrances above.
for typ, brand, nm in [("womens-fragrance", "Dior", "J'adore Eau de Parfum"), ("womens-fragrance", "Lancome", "La Vie Est Belle Eau de Parfum"),
                       ("womens-fragrance", "Yves Saint Laurent", "Black Opium Eau de Parfum"), ("womens-fragrance", "Chanel", "Coco Mademoiselle Eau de Parfum Twist and Spray"),
                       ("mens-fragrance", "Dior", "Sauvage Eau de Toilette"), ("mens-fragrance", "Paco Rabanne", "1 Million Eau de Toilette"),
                       ("mens-fragrance", "Hugo Boss", "Boss Bottled Eau de Toilette"), ("mens-fragrance", "Armani", "Acqua di Gio Eau de Toilette")]:
    line(typ, brand, nm + " Travel Spray", "10ml", 24.0 + fnv(nm) % 10, "Purse-size refillable travel spray.", "")


# ------------------------------------------------------------------ writing

HEADER = ["ID", "Type", "SKU", "GTIN, UPC, EAN, or ISBN", "Name", "Published", "Is featured?", "Visibility in catalog",
          "Short description", "Description", "Date sale price starts", "Date sale price ends", "Tax status", "Tax class",
          "In stock?", "Stock", "Low stock amount", "Backorders allowed?", "Sold individually?", "Weight (kg)",
          "Length (cm)", "Width (cm)", "Height (cm)", "Allow customer reviews?", "Purchase note", "Sale price",
          "Regular price", "Categories", "Tags", "Shipping class", "Images", "Download limit", "Download expiry days",
          "Parent", "Grouped products", "Upsells", "Cross-sells", "External URL", "Button text", "Position", "Brands",
          "Attribute 1 name", "Attribute 1 value(s)", "Attribute 1 visible", "Attribute 1 global"]

# Tags shoppers' words a shop owner would add by type (a few only, as shops do).
TAGS = {
    "sunscreen": "sun cream, spf", "face-moisturiser": "face cream", "toothbrush-heads": "brush heads, refills",
    "razor-blades": "refills, cartridges", "hand-wash-refill": "refill, eco", "deodorant-refill": "refill, eco",
    "nappy-cream": "nappy rash", "hay-fever": "allergy", "mens-fragrance": "aftershave, gift for him",
    "womens-fragrance": "perfume, gift for her", "pain-relief": "painkillers", "nappies": "diapers",
}


def sizeprice(p, i, size):
    # each larger size costs more, less per unit
    return round(p * (1 + 0.8 * i), 2)


class W:
    def __init__(self):
        self.rows = []
        self.truth = []
        self.id = 5000
        self.subs = []

    def next(self):
        self.id += 1
        return self.id


w = W()
skus = set()


def mk_sku(brand, name, extra=""):
    b = "".join(c for c in brand.upper() if c.isalnum())[:4]
    base = "BW-%s-%04d" % (b, fnv(brand + name + extra) % 10000)
    while base in skus:
        base += "X"
    skus.add(base)
    return base


def cat_of(typ, flags, name):
    path = TYPES[typ][0]
    if "u" in flags:
        return ""
    if "U" in flags:
        return "Uncategorized"
    c = path
    if "n" in flags:
        c = "New In, " + c
    if "s" in flags:
        c += ", Offers"
    return c


def desc_html(brand, desc, title, model, fits_desc):
    h = fnv(title)
    d = "<p>" + desc + "</p>"
    if h % 3 == 0:
        d += "\\n<ul>\\n<li>Brand: " + brand + "</li>\\n<li>Free UK delivery over &pound;25</li>\\n</ul>"
    if model and model not in title:
        d += "\\n<p>Model: " + model + "</p>"
    return d


def stock_of(title, flags):
    if "o" in flags or fnv(title + "stock") % 17 == 0:
        return "0", "0"
    return "1", str(2 + fnv(title) % 80)


def image(title):
    return "%s/wp-content/uploads/2026/%02d/%s.jpg" % (SITE, 1 + fnv(title) % 12, slug(title))


def simple(typ, brand, title, price, desc, flags, model, fits, short=None):
    pid = w.next()
    sku = mk_sku(brand, title)
    reg = money(price)
    sp = money(price * 0.8) if "s" in flags and fnv(title + "sale") % 3 != 2 else ""
    gt = ean(sku) if fnv(sku) % 8 != 0 else ""
    instock, stock = stock_of(title, flags)
    pub, vis = ("0", "hidden") if "h" in flags else ("1", "visible")
    w.rows.append([str(pid), "simple", sku, gt, title, pub, "0", vis, short if short is not None else desc.split(". ")[0].rstrip(".") + ".",
                   desc_html(brand, desc, title, model, fits), "", "", "taxable", "" if typ not in ("nappies", "baby-wipes", "nappy-cream", "baby-bottle", "bottle-teats", "first-aid-kit", "plasters", "pain-relief", "hay-fever", "cold-flu", "cough-remedy", "indigestion", "antiseptic", "thermometer", "multivitamin", "vitamin-d", "vitamin-c", "omega-3", "magnesium") else "Zero rate",
                   instock, stock, "", "0", "0", "%.2f" % ((fnv(title) % 900 + 50) / 1000), "", "", "", "1", "", sp, reg,
                   cat_of(typ, flags, title), TAGS.get(typ, ""), "", image(title), "", "", "", "", "", "", "", "", "0", brand, "", "", "", ""])
    w.truth.append((sku, typ, TYPES[typ][1], model, TYPES[typ][0], title, "", fits))
    return sku, gt


def variable(typ, brand, title, attr, values, price, desc, flags, model):
    pid = w.next()
    psku = mk_sku(brand, title)
    gt_parent = ""
    pub, vis = ("0", "hidden") if "h" in flags else ("1", "visible")
    w.rows.append([str(pid), "variable", psku, gt_parent, title, pub, "0", vis, desc.split(". ")[0].rstrip(".") + ".",
                   desc_html(brand, desc, title, model, ""), "", "", "taxable", "", "1", "", "", "0", "0", "", "", "", "", "1", "",
                   "", "", cat_of(typ, flags, title), TAGS.get(typ, ""), "", image(title), "", "", "", "", "", "", "", "", "0", brand,
                   attr, ", ".join(values), "1", "1"])
    w.truth.append((psku, typ, TYPES[typ][1], model, TYPES[typ][0], title, "", ""))
    for i, v in enumerate(values):
        vid = w.next()
        vsku = psku + "-" + slug(v).upper()[:12]
        skus.add(vsku)
        vt = title + " - " + v
        reg = money(price + (0.5 * i if typ == "nappies" else 0))
        sp = money(float(reg) * 0.75) if "s" in flags and i % 2 == 0 else ""
        instock, stock = stock_of(vt, flags)
        w.rows.append([str(vid), "variation", vsku, ean(vsku) if fnv(vsku) % 6 else "", vt, "1", "0", "visible", "", "", "", "", "taxable", "parent",
                       instock, stock, "", "0", "0", "", "", "", "", "0", "", sp, reg, "", "", "", image(vt), "", "", psku,
                       "", "", "", "", "", str(i + 1), "", attr, v, "", "1"])


for typ, brand, name, sizes, price, desc, flags, model, fits in L:
    if sizes.startswith("v:"):
        attr, vals = sizes[2:].split("=")
        variable(typ, brand, brand + " " + name, attr, vals.split("|"), price, desc, flags, model)
        continue
    sz = sizes.split("|") if sizes else [""]
    for i, s in enumerate(sz):
        title = (brand + " " + name + (" " + s if s else "")).strip()
        # a size given as a pack count reads "x4" after the name: "Replacement Heads x4"
        f = flags if i == 0 else flags.replace("n", "")
        f2 = f if fnv(title) % 2 == 0 or i == 0 else f.replace("s", "")
        simple(typ, brand, title, sizeprice(price, i, s), desc, f2, model, fits)
    if "t" in flags:
        simple(typ, brand, brand + " " + name + " Travel Size " + ("50ml" if "ml" in sizes else "30ml"), round(price * 0.6, 2), desc + " A travel size for hand luggage.", "", model, fits)
    if "p" in flags:
        s0 = sz[0]
        simple(typ, brand, brand + " " + name + (" " + s0 if s0 else "") + " Value Pack x3", round(sizeprice(price, 0, s0) * 2.6, 2), desc + " Three for the price of less.", "", model, fits)

# Subscriptions: refills a customer has sent every few weeks (sold as their own products)
SUBS = [
    ("Oral-B", "iO Ultimate Clean Replacement Heads x4 - every 3 months", 29.99, "month", 3, "toothbrush-heads", "iO|iO Series 9|iO Series 6|iO Series 3"),
    ("Oral-B", "CrossAction Replacement Toothbrush Heads x4 - every 3 months", 14.99, "month", 3, "toothbrush-heads", "Oral-B Pro|Pro 3|Pro 3 3500|Vitality|Vitality Pro"),
    ("Philips Sonicare", "C2 Optimal Plaque Defence Brush Heads HX9022/10 x2 - every 3 months", 17.99, "month", 3, "toothbrush-heads", "Sonicare|DiamondClean|ProtectiveClean|HX9911/09|HX6800/63|HX3671/13"),
    ("Gillette", "Fusion5 Razor Blades x4 - every month", 13.49, "month", 1, "razor-blades", "Fusion5"),
    ("Gillette", "Mach3 Razor Blades x8 - every 2 months", 17.99, "month", 2, "razor-blades", "Mach3"),
    ("Philips", "OneBlade Replacement Blades QP220/50 x2 - every 4 months", 21.99, "month", 4, "shaver-heads", "OneBlade|QP2724/10|QP2734/20"),
    ("Wild", "Natural Deodorant Refill Fresh Cotton & Sea Salt x3 - every 3 months", 19.5, "month", 3, "deodorant-refill", "Wild"),
    ("Carex", "Original Antibacterial Hand Wash Refill 1L - every month", 3.5, "month", 1, "hand-wash-refill", "Carex"),
    ("Pampers", "Baby-Dry Nappies Size 4 (9-14kg) Jumbo Pack - every 2 weeks", 11.0, "week", 2, "nappies", ""),
    ("WaterWipes", "Original Baby Wipes x60 Value Pack x12 - every month", 36.0, "month", 1, "baby-wipes", ""),
    ("Waterpik", "Classic Jet Replacement Tips JT-100E x2 - every 6 months", 9.99, "month", 6, "flosser-tips", "Waterpik|WP-660UK|WP-560UK"),
    ("Vitabiotics", "Ultra Vitamin D 1000IU Tablets x96 - every 3 months", 6.0, "month", 3, "vitamin-d", ""),
]

with open("beauty.csv", "w", newline="") as f:
    cw = csv.writer(f)
    cw.writerow(HEADER)
    cw.writerows(w.rows)

with open("subscriptions.csv", "w", newline="") as f:
    cw = csv.writer(f)
    cw.writerow(["id", "title", "brand", "price", "currency", "billing_interval", "billing_interval_count", "product_category", "description"])
    for brand, nm, price, iv, n, typ, fits in SUBS:
        sid = "BW-SUB-%04d" % (fnv(brand + nm) % 10000)
        cw.writerow([sid, brand + " " + nm, brand, money(price), "GBP", iv, n, TYPES[typ][0].replace(" > ", " > "),
                     "Delivered by subscription: pause, skip or cancel whenever you like."])

with open("truth.tsv", "w") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (the type's)\ttitle (for readers)\tcolour\tfits\n")
    for key, typ, of, model, path, title, colour, fits in w.truth:
        f.write("\t".join([SHOP, key, typ, of, model, path, title, colour, fits]) + "\n")

n_var = sum(1 for r in w.rows if r[1] == "variation")
n_simple = sum(1 for r in w.rows if r[1] == "simple")
print("beauty.csv: %d rows (%d simple, %d variations): %d catalog products; subscriptions.csv: %d" % (len(w.rows), n_simple, n_var, n_simple + n_var, len(SUBS)))
