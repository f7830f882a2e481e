# Writes etsy_listings.csv (a US handmade shop's Etsy "Currently for Sale" listings
# export: one row per listing, its variations as VARIATION n NAME/VALUES, no category,
# no brand, no listing URL) and truth.tsv (each listing's type, what it is an
# accessory for, its SKU as its model, its category path in a Google-like taxonomy,
# its metal or colour words, what it fits and the maker who made it),
# deterministically from the tables below (run in this directory: python3 gen.py).
# A small-maker shop selling the work of a dozen makers: jewellery with metals and
# ring sizes as variations, ceramics, candles by scent with refills and wick care,
# art prints by size with frames, knitwear, leather goods, personalised gifts,
# wedding and baby gifts, home decor; titles the way makers write them on Etsy
# (keyword runs with commas and pipes, "Personalized" and "Personalised", sizes in
# oz and inches). The maker is named in the description ("Made by ... in ...") and,
# for some, in the tags: the export has no brand column. About one listing in
# twenty is sold out (QUANTITY 0).
import csv
import random

R = random.Random(10010)
SHOP = "handmade"
HEAD = ["TITLE", "DESCRIPTION", "PRICE", "CURRENCY_CODE", "QUANTITY", "TAGS", "MATERIALS",
        "IMAGE1", "IMAGE2", "IMAGE3", "IMAGE4", "IMAGE5", "IMAGE6", "IMAGE7", "IMAGE8", "IMAGE9", "IMAGE10",
        "VARIATION 1 TYPE", "VARIATION 1 NAME", "VARIATION 1 VALUES",
        "VARIATION 2 TYPE", "VARIATION 2 NAME", "VARIATION 2 VALUES", "SKU"]

J = "Apparel & Accessories > Jewelry"
K = "Home & Garden > Kitchen & Dining > Tableware"
F = "Home & Garden > Decor > Home Fragrances"
A = "Home & Garden > Decor > Artwork"
C = "Apparel & Accessories > Clothing"
L = "Apparel & Accessories > Handbags, Wallets & Cases"
D = "Home & Garden > Decor"
B = "Baby & Toddler"
W = "Arts & Entertainment > Party & Celebration > Wedding"
P = "Health & Beauty > Personal Care > Bath & Body"
PATH = {
    "necklace": J + " > Necklaces", "pendant": J + " > Necklaces > Pendants", "necklace-chain": J + " > Necklaces > Chains",
    "ring": J + " > Rings", "earrings": J + " > Earrings", "bracelet": J + " > Bracelets", "ring-sizer": J + " > Jewelry Tools",
    "jewelry-dish": D + " > Trinket Dishes", "jewelry-box": D + " > Jewelry Boxes",
    "mug": K + " > Drinkware > Mugs", "bowl": K + " > Serveware > Bowls", "plate": K + " > Dinnerware > Plates",
    "teapot": K + " > Serveware > Teapots", "tea-infuser": K + " > Serveware > Teapot Accessories",
    "vase": D + " > Vases", "planter": "Home & Garden > Lawn & Garden > Planters", "planter-saucer": "Home & Garden > Lawn & Garden > Planter Accessories",
    "candle": F + " > Candles", "taper-candle": F + " > Candles", "wax-melt": F + " > Wax Tarts",
    "candle-refill": F + " > Candle Accessories", "wick-trimmer": F + " > Candle Accessories", "candle-snuffer": F + " > Candle Accessories",
    "reed-diffuser": F + " > Diffusers", "diffuser-refill": F + " > Diffuser Accessories",
    "art-print": A + " > Prints", "custom-portrait": A + " > Paintings", "picture-frame": D + " > Picture Frames",
    "greeting-card": "Arts & Entertainment > Party & Celebration > Greeting Cards",
    "sweater": C + " > Sweaters", "cardigan": C + " > Sweaters > Cardigans", "beanie": "Apparel & Accessories > Clothing Accessories > Hats",
    "scarf": "Apparel & Accessories > Clothing Accessories > Scarves", "mittens": "Apparel & Accessories > Clothing Accessories > Gloves & Mittens",
    "throw-blanket": D + " > Throw Blankets", "baby-blanket": B + " > Nursery > Baby Blankets",
    "wallet": L + " > Wallets", "card-holder": L + " > Card Holders", "keychain": "Apparel & Accessories > Keychains",
    "belt": "Apparel & Accessories > Clothing Accessories > Belts", "tote-bag": L + " > Handbags > Totes",
    "crossbody-bag": L + " > Handbags > Cross-Body Bags", "passport-cover": L + " > Passport Covers",
    "cutting-board": K + " > Cutting Boards", "ornament": D + " > Seasonal Decorations > Ornaments",
    "wedding-sign": W + " > Wedding Signs", "guest-book": W + " > Guest Books", "cake-topper": W + " > Cake Toppers",
    "baby-booties": B + " > Baby Shoes", "milestone-cards": B + " > Keepsakes", "name-puzzle": "Toys & Games > Puzzles",
    "wall-hanging": D + " > Wall Hangings", "pillow-cover": D + " > Throw Pillows > Pillow Covers", "pillow-insert": D + " > Throw Pillows > Pillow Inserts",
    "soap": P + " > Bar Soap", "soap-dish": P + " > Soap Dishes", "bath-bomb": P + " > Bath Additives",
}
ACC = {
    "necklace-chain": "pendant", "ring-sizer": "ring", "tea-infuser": "teapot", "planter-saucer": "planter",
    "candle-refill": "candle", "wick-trimmer": "candle", "candle-snuffer": "candle", "diffuser-refill": "reed-diffuser",
    "picture-frame": "art-print", "pillow-insert": "pillow-cover", "soap-dish": "soap",
}
# makers: name, where, prefix of their SKUs, the types they make
MAKERS = [
    ("Magpie Silversmith", "Portland, Oregon", "MAG", ["necklace", "pendant", "necklace-chain", "ring", "earrings", "bracelet", "ring-sizer"]),
    ("Ivy & Gold Jewelry", "Austin, Texas", "IVG", ["necklace", "ring", "earrings", "bracelet", "pendant"]),
    ("Hollow Oak Pottery", "Asheville, North Carolina", "HOP", ["mug", "bowl", "plate", "vase", "planter", "planter-saucer", "jewelry-dish", "soap-dish"]),
    ("Cinder Street Ceramics", "Providence, Rhode Island", "CSC", ["mug", "bowl", "teapot", "tea-infuser", "vase", "jewelry-dish"]),
    ("Fig & Fern Candle Co.", "Burlington, Vermont", "FFC", ["candle", "taper-candle", "wax-melt", "candle-refill", "wick-trimmer", "candle-snuffer", "reed-diffuser", "diffuser-refill"]),
    ("Paper Moth Press", "Minneapolis, Minnesota", "PMP", ["art-print", "greeting-card", "picture-frame", "custom-portrait"]),
    ("Little Wren Knits", "Bozeman, Montana", "LWK", ["sweater", "cardigan", "beanie", "scarf", "mittens", "throw-blanket", "baby-blanket", "baby-booties"]),
    ("Saddle & Stitch Leatherworks", "Tucson, Arizona", "SSL", ["wallet", "card-holder", "keychain", "belt", "tote-bag", "crossbody-bag", "passport-cover"]),
    ("Juniper Lane Woodcraft", "Boise, Idaho", "JLW", ["cutting-board", "ornament", "wedding-sign", "guest-book", "cake-topper", "name-puzzle", "milestone-cards", "jewelry-box", "picture-frame"]),
    ("Knot & Hollow Macrame", "Santa Fe, New Mexico", "KHM", ["wall-hanging", "pillow-cover", "pillow-insert"]),
    ("Tallow & Thyme Soap", "Athens, Georgia", "TTS", ["soap", "bath-bomb", "soap-dish"]),
]
SCENTS = ["Fig & Cedar", "Lavender & Sage", "Sea Salt & Orchid", "Cozy Cabin", "Pumpkin Chai", "Balsam Fir", "Grapefruit & Mint",
          "Tobacco & Vanilla", "Lemon Verbena", "Smoked Oud", "Pink Peony", "Coffee House", "Sandalwood Rose", "Campfire", "White Tea"]
FLOWERS = ["January Carnation", "February Violet", "March Daffodil", "April Daisy", "May Lily of the Valley", "June Rose",
           "July Larkspur", "August Poppy", "September Aster", "October Marigold", "November Chrysanthemum", "December Narcissus"]
METALS = ["Sterling Silver", "14k Gold Filled", "Rose Gold Filled", "Solid 14k Gold", "Brass", "Recycled Silver"]
GLAZES = ["Speckled White", "Sage Green", "Ocean Blue", "Matte Black", "Oatmeal", "Terracotta", "Dusty Pink", "Cobalt Drip", "Honey Amber", "Celadon"]
YARN_COLOURS = ["Oatmeal", "Forest Green", "Charcoal", "Rust", "Cream", "Navy", "Mustard", "Blush Pink", "Heather Grey", "Burgundy"]
LEATHER = ["Chestnut", "Black", "Tan", "Dark Brown", "Natural Veg Tan", "Oxblood"]
PRINT_SIZES = ["5x7", "8x10", "11x14", "16x20", "A4"]
SUBJECTS = ["Blue Heron", "Mountain Sunrise", "Wildflower Meadow", "Botanical Fern", "Lemon Tree", "Desert Cactus", "Ocean Wave",
            "Great Lakes Map", "Barn Owl", "Mushroom Study", "Moth Illustration", "Hummingbird", "Olive Branch", "City Skyline Portland",
            "Red Fox", "Bumblebee", "Abstract Arch", "Vintage Kitchen Herbs", "Pressed Flowers", "Sailboat"]
MOTIFS = ["Moon", "Star", "Evil Eye", "Initial", "Heart", "Bee", "Leaf", "Snake", "Sun", "Cross", "Mountain", "Wave", "Butterfly", "Daisy", "Compass"]
GEMS = ["Moonstone", "Opal", "Garnet", "Emerald", "Peridot", "Sapphire", "Pearl", "Amethyst", "Turquoise", "Aquamarine", "Citrine", "Labradorite"]
SIZES = "5,5.5,6,6.5,7,7.5,8,8.5,9,9.5,10"
OCCASION = ["Gift for Her", "Gift for Mom", "Bridesmaid Gift", "Birthday Gift", "Anniversary Gift", "Christmas Gift", "Gift for Sister",
            "Best Friend Gift", "Mother's Day Gift", "Gift for Grandma"]


def pick(xs):
    return xs[R.randrange(len(xs))]


def money(lo, hi):
    v = R.randrange(int(lo * 100), int(hi * 100) + 1)
    return "%d.%02d" % (v // 100, pick([0, 0, 0, 50, 95, 99, 0, 0]))


rows, truth = [], []
seq = {}


def sku(prefix, code):
    k = prefix + code
    seq[k] = seq.get(k, 100) + R.randrange(1, 9)
    return "%s-%s-%d" % (prefix, code, seq[k])


def add(maker, typ, title, desc, price, tags, materials, colour="", fits="", var1=None, var2=None, code="", qty=None):
    name, where, prefix, _ = maker
    s = sku(prefix, code or typ[:3].upper())
    if qty is None:
        qty = 0 if R.random() < 0.05 else R.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40])
    desc = desc + "\n\nMade by " + name + " in " + where + ". Each piece is made by hand, so yours may differ slightly from the photos."
    if R.random() < 0.4:
        tags = tags + [name.lower().replace("&", "and").replace(".", "")[:20]]
    imgs = ["https://i.etsystatic.test/%s/il_%d.jpg" % (prefix.lower(), R.randrange(10 ** 8, 10 ** 9)) for _ in range(R.choice([1, 2, 3, 5]))]
    imgs += [""] * (10 - len(imgs))
    v1 = var1 or ("", "", "")
    v2 = var2 or ("", "", "")
    rows.append([title, desc, price, "USD", str(qty), ",".join(tags[:13]), ",".join(materials)] + imgs + list(v1) + list(v2) + [s])
    truth.append([SHOP, s, typ, ACC.get(typ, ""), s, PATH[typ], "", colour, fits, title, name])


def jewellery(m):
    for typ in m[3]:
        n = {"necklace": 30, "pendant": 16, "necklace-chain": 10, "ring": 30, "earrings": 26, "bracelet": 20, "ring-sizer": 3}[typ]
        if m[2] == "IVG":
            n = n * 2 // 3
        for i in range(n):
            metal = pick(METALS)
            metals = ",".join(R.sample(METALS, 3)) if R.random() < 0.5 else ""
            mw = metal if not metals else metals.replace(",", " / ")
            var = ("Primary color", "Metal", metals) if metals else None
            occ = pick(OCCASION)
            if typ == "necklace":
                style = R.randrange(5)
                if style == 0:
                    fl = pick(FLOWERS)
                    title = pick(["Personalised Birth Flower Necklace, %s" % metal, "Personalized Birth Flower Necklace | %s | %s" % (fl, occ),
                                  "%s Birth Flower Necklace, Dainty %s Necklace, %s" % (fl.split()[1], metal, occ)])
                elif style == 1:
                    title = "Custom Name Necklace in %s | Personalized Script Nameplate | %s" % (metal, occ)
                elif style == 2:
                    g = pick(GEMS)
                    title = "Dainty %s Necklace, %s Birthstone Necklace, %s" % (g, metal, occ)
                elif style == 3:
                    mo = pick(MOTIFS)
                    title = "%s Necklace – %s – Layering Necklace" % (mo, metal)
                else:
                    title = "Hand Stamped Coordinates Necklace, %s Bar Necklace, Personalized %s" % (metal, occ)
                add(m, typ, title, "A delicate necklace on an 18 inch chain with a 2 inch extender. Packaged in a gift box.",
                    money(28, 120), ["necklace", "personalized necklace", "dainty necklace", occ.lower()], [metal.lower(), "chain"], mw, var1=var,
                    var2=("Length", "Length", "16 inches,18 inches,20 inches") if R.random() < 0.5 else None, code="NK")
            elif typ == "pendant":
                mo = pick(MOTIFS + GEMS)
                title = pick(["%s Pendant Only (No Chain), %s" % (mo, metal), "%s Charm Pendant – %s – Add to Your Own Chain" % (mo, metal),
                              "Handmade %s Pendant in %s" % (mo, metal)])
                add(m, typ, title, "A pendant sold without a chain; the bail takes chains up to 3mm.", money(22, 85),
                    ["pendant", "charm", mo.lower() + " pendant"], [metal.lower()], metal, code="PD")
            elif typ == "necklace-chain":
                st = pick(["Cable", "Box", "Rope", "Figaro", "Paperclip", "Satellite", "Curb"])
                ln = pick(["16\"", "18\"", "20\"", "24\""])
                title = pick(["%s Chain for Pendants, %s, %s" % (st, metal, ln), "Replacement Necklace Chain – %s %s Chain – %s" % (metal, st, ln),
                              "%s %s Chain Only, Finished with Clasp, Fits Most Pendants" % (ln, st)])
                add(m, typ, title, "A finished chain with a spring ring clasp to wear your own pendant or charm on.", money(14, 60),
                    ["chain", "necklace chain", "chain for pendant"], [metal.lower()], metal, code="CH")
            elif typ == "ring":
                style = R.randrange(4)
                g = pick(GEMS)
                if style == 0:
                    title = "%s Stacking Ring, %s, Dainty Birthstone Ring" % (g, metal)
                elif style == 1:
                    title = "Hammered Band Ring | %s | Minimalist Stacking Ring | Sizes 5-10" % metal
                elif style == 2:
                    title = "%s Signet Ring, Personalized Initial Ring, %s" % (metal, occ)
                else:
                    title = "Raw %s Engagement Ring in %s – Alternative Bridal Ring" % (g, metal)
                add(m, typ, title, "Made to order in your ring size. Please use a ring sizer if you are unsure of your size.",
                    money(32, 480) if style == 3 else money(24, 140), ["ring", "stacking ring", g.lower() + " ring", "ring for women"],
                    [metal.lower()] + ([g.lower()] if style in (0, 3) else []), mw,
                    var1=("Size", "Ring size", SIZES), var2=("Primary color", "Metal", metals) if metals else None, code="RG")
            elif typ == "earrings":
                mo = pick(MOTIFS + GEMS)
                kind = pick(["Stud Earrings", "Huggie Hoop Earrings", "Dangle Earrings", "Threader Earrings", "Hoop Earrings"])
                title = pick(["%s %s, %s, %s" % (mo, kind, metal, occ), "Tiny %s %s | %s | Hypoallergenic" % (mo, kind, metal),
                              "Handmade %s %s in %s" % (mo, kind, metal)])
                add(m, typ, title, "Lightweight %s, sold as a pair, nickel free." % kind.lower(), money(18, 95),
                    ["earrings", kind.lower(), mo.lower() + " earrings"], [metal.lower()], mw, var1=var, code="ER")
            elif typ == "bracelet":
                style = pick(["Beaded", "Chain", "Cuff", "Bangle", "Charm", "Name"])
                title = pick(["%s Bracelet, %s, %s" % (style, metal, occ), "Personalized %s Bracelet | %s | Adjustable" % (style, metal),
                              "Dainty %s Bracelet – %s – Stackable" % (style, metal)])
                add(m, typ, title, "Adjustable from 6 to 7.5 inches.", money(20, 110), ["bracelet", style.lower() + " bracelet"],
                    [metal.lower()], mw, var1=var, code="BR")
            else:
                title = pick(["Reusable Ring Sizer, US Sizes 1-13, Find Your Ring Size at Home", "Plastic Ring Sizer Tool – Measure Ring Size – US Sizes",
                              "Ring Sizer Set of Metal Gauges, Sizes 4-12"])
                add(m, typ, title, "Slip it on like a belt, pull to fit, read your US ring size.", money(2, 9),
                    ["ring sizer", "ring size", "ring gauge"], ["plastic"], code="RS")


def ceramics(m):
    for typ in m[3]:
        n = {"mug": 40, "bowl": 20, "plate": 14, "vase": 16, "planter": 16, "planter-saucer": 8, "jewelry-dish": 12, "soap-dish": 6,
             "teapot": 8, "tea-infuser": 6}[typ]
        if m[2] == "CSC":
            n = n * 2 // 3
        for i in range(n):
            gl = pick(GLAZES)
            if typ == "mug":
                oz = pick(["10oz", "12oz", "14oz", "16oz"])
                title = pick(["Speckled Stoneware Mug %s – Handmade" % oz, "Handmade Ceramic Mug, %s Glaze, %s Coffee Mug" % (gl, oz),
                              "%s Pottery Mug | Wheel Thrown Coffee Cup | %s" % (gl, oz), "Large Handmade Mug with Thumb Rest, %s, %s" % (gl, oz),
                              "Ceramic Camp Mug – %s – Handmade Pottery Gift" % gl])
                add(m, typ, title, "Wheel thrown stoneware, holds %s. Dishwasher and microwave safe." % oz, money(28, 58),
                    ["mug", "coffee mug", "pottery mug", "handmade mug", "ceramic cup"], ["stoneware", "glaze"], gl, code="MG")
            elif typ == "bowl":
                title = pick(["Handmade Ceramic Bowl, %s Glaze, Cereal Bowl" % gl, "%s Stoneware Serving Bowl | Large Pottery Bowl" % gl,
                              "Set of 2 Ramen Bowls, Handmade Pottery, %s" % gl, "Small Pottery Dip Bowl – %s" % gl])
                add(m, typ, title, "Food safe, lead free glaze, dishwasher safe.", money(24, 110), ["bowl", "pottery bowl", "ceramic bowl"],
                    ["stoneware"], gl, code="BW")
            elif typ == "plate":
                title = pick(["Handmade Dinner Plate, %s Stoneware Plate" % gl, "Set of 4 Side Plates | %s | Handmade Pottery" % gl])
                add(m, typ, title, "Wheel thrown plates, 10 inch.", money(30, 160), ["plate", "dinner plate", "pottery plate"], ["stoneware"], gl, code="PL")
            elif typ == "vase":
                title = pick(["Bud Vase, %s, Handmade Ceramic Vase" % gl, "Tall Stoneware Vase | %s Glaze | Flower Vase" % gl,
                              "Mini Pottery Bud Vase Set of 3 – %s" % gl])
                add(m, typ, title, "Watertight, for fresh or dried flowers.", money(22, 120), ["vase", "bud vase", "flower vase"], ["stoneware"], gl, code="VS")
            elif typ == "planter":
                d = pick(["4 inch", "5 inch", "6 inch", "8 inch"])
                title = pick(["%s Ceramic Planter with Drainage Hole, %s" % (d, gl), "Handmade Pottery Planter | %s | %s Pot" % (gl, d)])
                add(m, typ, title, "Has a drainage hole. Saucer sold separately.", money(26, 90), ["planter", "plant pot", "succulent pot"],
                    ["stoneware"], gl, fits=d.replace(" inch", "in"), code="PT")
            elif typ == "planter-saucer":
                d = pick(["4 inch", "5 inch", "6 inch", "8 inch"])
                title = pick(["Drip Tray Saucer for %s Planter, %s" % (d, gl), "%s Plant Saucer | Ceramic Drip Tray | %s" % (d, gl)])
                add(m, typ, title, "A saucer to go under our %s planters." % d, money(10, 24), ["saucer", "drip tray", "plant saucer"],
                    ["stoneware"], gl, fits=d.replace(" inch", "in"), code="SC")
            elif typ == "jewelry-dish":
                title = pick(["Ring Dish, %s Ceramic Trinket Dish" % gl, "Handmade Jewelry Dish | %s | Engagement Gift" % gl,
                              "Personalized Ring Dish with Initials – %s" % gl])
                add(m, typ, title, "A small dish for rings and earrings by the sink or the bed.", money(14, 34),
                    ["ring dish", "trinket dish", "jewelry dish"], ["stoneware"], gl, code="RD")
            elif typ == "soap-dish":
                title = pick(["Draining Soap Dish, %s, Handmade Pottery" % gl, "Ceramic Soap Dish with Drain Holes | %s" % gl])
                add(m, typ, title, "Keeps a bar of soap dry between uses.", money(14, 28), ["soap dish", "soap saver"], ["stoneware"], gl, code="SD")
            elif typ == "teapot":
                title = pick(["Handmade Ceramic Teapot, %s, 24oz" % gl, "Stoneware Teapot for Loose Leaf Tea | %s" % gl])
                add(m, typ, title, "Pours cleanly; holds 24 oz, about four cups.", money(68, 160), ["teapot", "tea pot", "loose leaf tea"], ["stoneware"], gl, code="TP")
            else:
                title = pick(["Ceramic Tea Infuser Basket for Teapots and Mugs, %s" % gl, "Stoneware Tea Strainer | Loose Leaf Infuser | %s" % gl])
                add(m, typ, title, "A pierced basket that sits in our teapots or a mug.", money(14, 30), ["tea infuser", "tea strainer"], ["stoneware"], gl, code="TI")


def candles(m):
    for typ in m[3]:
        n = {"candle": 60, "taper-candle": 12, "wax-melt": 15, "candle-refill": 15, "wick-trimmer": 4, "candle-snuffer": 4,
             "reed-diffuser": 15, "diffuser-refill": 12}[typ]
        for i in range(n):
            sc = SCENTS[i % len(SCENTS)]
            if typ == "candle":
                jar = pick(["8oz Amber Jar", "12oz Amber Jar", "4oz Travel Tin", "10oz Concrete Vessel", "16oz Two-Wick Tumbler"])
                wax = pick(["Soy Candle", "Coconut Soy Candle", "Beeswax Candle", "Wood Wick Candle"])
                title = pick(["%s – %s – %s" % (wax, sc, jar), "%s %s, %s, Hand Poured" % (sc, wax, jar),
                              "%s Scented Candle | %s | Hand Poured %s" % (sc, jar, wax)])
                add(m, typ, title, "Hand poured in small batches with phthalate-free fragrance. Burn time about 50 hours.",
                    money(14, 42), ["candle", "soy candle", sc.lower() + " candle", "scented candle", "hostess gift"], ["soy wax", "cotton wick"],
                    fits=jar, code="CN")
            elif typ == "taper-candle":
                col = pick(YARN_COLOURS)
                title = pick(["Hand Dipped Beeswax Taper Candles, Set of 2, %s" % col, "%s Taper Candles | 10 inch Dinner Candles | Pair" % col])
                add(m, typ, title, "Dripless pure beeswax tapers.", money(12, 28), ["taper candles", "dinner candles", "beeswax"], ["beeswax"], col, code="TC")
            elif typ == "wax-melt":
                title = pick(["%s Wax Melts, Soy Wax Tarts for Warmers" % sc, "Soy Wax Melt Snap Bar – %s" % sc])
                add(m, typ, title, "Six cubes for an electric or tealight warmer.", money(6, 14), ["wax melts", "wax tarts", "soy melts"], ["soy wax"], code="WM")
            elif typ == "candle-refill":
                jar = pick(["8oz Amber Jar", "12oz Amber Jar", "10oz Concrete Vessel"])
                title = pick(["Candle Refill for %s – %s" % (jar, sc), "Refill Your Candle: %s Soy Wax Refill, Fits Our %s" % (sc, jar),
                              "%s Refill Pouch | %s | Zero Waste" % (jar, sc)])
                add(m, typ, title, "Send back your empty vessel or pour it yourself: this refill fits our %s." % jar, money(12, 26),
                    ["candle refill", "refill", "zero waste candle"], ["soy wax", "cotton wick"], fits=jar, code="RF")
            elif typ == "wick-trimmer":
                title = pick(["Brass Wick Trimmer for Candles", "Candle Wick Trimmer | Matte Black Stainless Steel", "Wick Care Kit: Trimmer, Dipper and Snuffer"])
                add(m, typ, title, "Trims wicks to 1/4 inch for a clean burn.", money(12, 30), ["wick trimmer", "candle care"], ["brass"], code="WT")
            elif typ == "candle-snuffer":
                title = pick(["Brass Candle Snuffer, Long Handle", "Candle Snuffer Bell | Antique Gold", "Hand Forged Candle Snuffer"])
                add(m, typ, title, "Puts candles out without smoke or spattered wax.", money(12, 34), ["candle snuffer", "snuffer"], ["brass"], code="SN")
            elif typ == "reed-diffuser":
                title = pick(["%s Reed Diffuser, 100ml" % sc, "Reed Diffuser Set | %s | Amber Glass Bottle" % sc])
                add(m, typ, title, "Lasts three months; comes with eight rattan reeds.", money(22, 40), ["reed diffuser", "home fragrance"], ["fragrance oil"], code="RD")
            else:
                title = pick(["Reed Diffuser Refill Oil – %s – 200ml" % sc, "%s Diffuser Refill with New Reeds" % sc])
                add(m, typ, title, "Top up your reed diffuser; includes fresh reeds.", money(16, 30), ["diffuser refill", "refill oil"], ["fragrance oil"], code="DR")


def prints(m):
    for typ in m[3]:
        n = {"art-print": 50, "greeting-card": 30, "picture-frame": 14, "custom-portrait": 10}[typ]
        if m[2] == "JLW":
            n = 10
        for i in range(n):
            if typ == "art-print":
                sub = SUBJECTS[i % len(SUBJECTS)]
                kind = pick(["Watercolor Print", "Linocut Print", "Giclee Art Print", "Botanical Illustration Print", "Risograph Print"])
                title = pick(["%s %s, 5x7 8x10 11x14, Wall Art" % (sub, kind), "%s – %s – Unframed" % (sub, kind),
                              "%s Art Print | %s | Nursery Decor | Gallery Wall" % (sub, kind)])
                add(m, typ, title, "Printed on 100%% cotton archival paper. Frame not included.", money(18, 65),
                    ["art print", "wall art", sub.lower(), "home decor"], ["archival paper", "pigment ink"],
                    var1=("Size", "Size", ",".join(R.sample(PRINT_SIZES, 3))), code="AP")
            elif typ == "greeting-card":
                occ = pick(["Birthday", "Thank You", "Sympathy", "New Baby", "Wedding", "Anniversary", "Mother's Day", "Father's Day", "Christmas"])
                title = pick(["Letterpress %s Card, Blank Inside" % occ, "Funny %s Card | Hand Lettered | A2 with Kraft Envelope" % occ,
                              "%s Card – Botanical Illustration" % occ])
                add(m, typ, title, "A2 card, blank inside, with envelope.", money(5, 7), ["greeting card", occ.lower() + " card", "card"], ["paper"], code="GC")
            elif typ == "picture-frame":
                sz = pick(["5x7", "8x10", "11x14", "A4"])
                wood = pick(["Oak", "Walnut", "Maple", "Black Painted Ash", "White Oak"])
                title = pick(["%s Picture Frame, Solid %s, Handmade" % (sz, wood), "Handmade %s Frame for %s Prints | Glass Front" % (wood, sz),
                              "Solid Wood Frame %s – %s – Ready to Hang" % (sz, wood)])
                add(m, typ, title, "Made for %s prints, with a glass front and a hanging wire." % sz, money(28, 85),
                    ["picture frame", "wood frame", sz + " frame"], [wood.lower(), "glass"], wood, fits=sz, code="FR")
            else:
                what = pick(["Pet Portrait", "Family Portrait", "House Portrait", "Wedding Venue Painting"])
                title = pick(["Custom %s from Photo, Watercolor" % what, "Personalized %s | Hand Painted | Gift for Her" % what])
                add(m, typ, title, "Send a photo after ordering; painted by hand in 2-3 weeks.", money(65, 240),
                    ["custom portrait", what.lower(), "personalized gift"], ["watercolor paper"], code="CP")


def knits(m):
    for typ in m[3]:
        n = {"sweater": 20, "cardigan": 16, "beanie": 20, "scarf": 16, "mittens": 12, "throw-blanket": 16, "baby-blanket": 14, "baby-booties": 10}[typ]
        for i in range(n):
            col = pick(YARN_COLOURS)
            cols = ",".join(R.sample(YARN_COLOURS, 4))
            yarn = pick(["Merino Wool", "Alpaca", "Organic Cotton", "Wool Blend", "Chunky Wool"])
            if typ == "sweater":
                title = pick(["Hand Knit Fisherman Sweater, %s, %s" % (yarn, col), "Chunky Knit Pullover Sweater | %s | Women's Oversized Jumper" % yarn,
                              "Cable Knit Sweater – %s – Made to Order" % yarn])
                add(m, typ, title, "Hand knit to order in sizes XS to XL.", money(140, 320), ["sweater", "hand knit sweater", "jumper"], [yarn.lower()],
                    cols.replace(",", " / "), var1=("Size", "Size", "XS,S,M,L,XL"), var2=("Primary color", "Color", cols), code="SW")
            elif typ == "cardigan":
                title = pick(["Hand Knit Cardigan, %s, Button Front" % yarn, "Chunky Knit Cardigan | %s | %s" % (col, yarn)])
                add(m, typ, title, "Wooden buttons, sizes S to XL.", money(150, 300), ["cardigan", "knit cardigan"], [yarn.lower()], col,
                    var1=("Size", "Size", "S,M,L,XL"), code="CD")
            elif typ == "beanie":
                title = pick(["Hand Knit Beanie, %s, Ribbed Watch Cap" % yarn, "Chunky Knit Hat with Pom Pom | %s | Winter Beanie" % col,
                              "Slouchy Beanie – %s – Unisex" % yarn])
                add(m, typ, title, "One size fits most adults.", money(28, 65), ["beanie", "knit hat", "winter hat"], [yarn.lower()],
                    cols.replace(",", " / "), var1=("Primary color", "Color", cols), code="BN")
            elif typ == "scarf":
                title = pick(["Hand Knit Scarf, %s, %s" % (yarn, col), "Chunky Infinity Scarf | %s | Gift for Her" % col])
                add(m, typ, title, "Long and warm, 70 inches.", money(38, 95), ["scarf", "knit scarf", "winter scarf"], [yarn.lower()], col, code="SF")
            elif typ == "mittens":
                title = pick(["Hand Knit Mittens, %s, Fleece Lined" % yarn, "Fair Isle Mittens | %s | Women's Winter Mittens" % col])
                add(m, typ, title, "Women's one size.", money(30, 60), ["mittens", "knit mittens"], [yarn.lower()], col, code="MT")
            elif typ == "throw-blanket":
                title = pick(["Chunky Knit Blanket, %s Throw, %s" % (yarn, col), "Hand Knit Throw Blanket | %s | 50x60" % col,
                              "Cable Knit Sofa Throw – %s – Chunky Knit Blanket" % col])
                add(m, typ, title, "A big knit blanket for the sofa or the end of the bed.", money(120, 290),
                    ["throw blanket", "chunky knit blanket", "knit throw", "cozy"], [yarn.lower()], col, code="TB")
            elif typ == "baby-blanket":
                title = pick(["Hand Knit Baby Blanket, %s, Personalized with Name" % yarn, "Organic Cotton Baby Blanket | %s | New Baby Gift" % col,
                              "Knit Stroller Blanket – %s – Baby Shower Gift" % col])
                add(m, typ, title, "30 x 36 inches, machine washable.", money(55, 130), ["baby blanket", "baby shower gift", "new baby gift"], [yarn.lower()], col, code="BB")
            else:
                title = pick(["Hand Knit Baby Booties, %s, 0-6 Months" % col, "Newborn Booties | %s | Baby Shower Gift" % yarn])
                add(m, typ, title, "Soft booties in 0-3, 3-6 and 6-12 months.", money(18, 36), ["baby booties", "baby shoes", "newborn gift"], [yarn.lower()], col,
                    var1=("Size", "Size", "0-3 months,3-6 months,6-12 months"), code="BT")


def leather(m):
    for typ in m[3]:
        n = {"wallet": 20, "card-holder": 14, "keychain": 14, "belt": 12, "tote-bag": 12, "crossbody-bag": 12, "passport-cover": 8}[typ]
        for i in range(n):
            col = pick(LEATHER)
            mono = R.random() < 0.5
            pers = "Personalized " if mono else ""
            if typ == "wallet":
                title = pick(["%sLeather Bifold Wallet for Men, %s, Hand Stitched" % (pers, col), "Minimalist Leather Wallet | %s | Front Pocket Wallet" % col,
                              "%sSlim Leather Wallet – %s – Groomsmen Gift" % (pers, col)])
                add(m, typ, title, "Full grain leather, saddle stitched by hand. Monogram free.", money(45, 120),
                    ["wallet", "leather wallet", "mens wallet", "gift for him"], ["leather", "waxed thread"], col, code="WL")
            elif typ == "card-holder":
                title = pick(["Leather Card Holder, %s, Slim Card Wallet" % col, "%sCard Sleeve | Minimalist Card Case | %s" % (pers, col)])
                add(m, typ, title, "Holds 4-6 cards.", money(28, 55), ["card holder", "card wallet"], ["leather"], col, code="CC")
            elif typ == "keychain":
                title = pick(["%sLeather Keychain, %s" % (pers, col), "Leather Key Fob with Brass Ring | %s | Initials" % col])
                add(m, typ, title, "A small gift with a solid brass split ring.", money(14, 32), ["keychain", "key fob", "key ring"], ["leather", "brass"], col, code="KC")
            elif typ == "belt":
                title = pick(["Full Grain Leather Belt, %s, Solid Brass Buckle" % col, "Handmade Leather Belt for Men | %s | 1.5 inch" % col])
                add(m, typ, title, "Cut to your waist size.", money(65, 140), ["belt", "leather belt"], ["leather", "brass"], col,
                    var1=("Size", "Waist size", "30,32,34,36,38,40,42"), code="BL")
            elif typ == "tote-bag":
                title = pick(["Leather Tote Bag, %s, Large Shoulder Bag for Work" % col, "%sLeather Tote | %s | Laptop Tote" % (pers, col)])
                add(m, typ, title, "Fits a 13 inch laptop.", money(160, 340), ["tote bag", "leather tote", "work bag"], ["leather"], col, code="TT")
            elif typ == "crossbody-bag":
                title = pick(["Small Leather Crossbody Bag, %s" % col, "Leather Crossbody Purse | %s | Adjustable Strap" % col])
                add(m, typ, title, "Adjustable strap, zip top.", money(95, 220), ["crossbody bag", "leather purse", "crossbody purse"], ["leather"], col, code="XB")
            else:
                title = pick(["%sLeather Passport Cover, %s, Travel Gift" % (pers, col), "Leather Passport Holder | %s | Honeymoon Gift" % col])
                add(m, typ, title, "Fits a US passport.", money(32, 60), ["passport cover", "passport holder", "travel gift"], ["leather"], col, code="PC")


def wood(m):
    for typ in m[3]:
        n = {"cutting-board": 18, "ornament": 20, "wedding-sign": 14, "guest-book": 10, "cake-topper": 12, "name-puzzle": 10,
             "milestone-cards": 8, "jewelry-box": 8, "picture-frame": 8}[typ]
        for i in range(n):
            w = pick(["Walnut", "Maple", "Cherry", "Acacia", "Olive Wood"])
            if typ == "cutting-board":
                title = pick(["Personalized Cutting Board, %s, Wedding Gift" % w, "Engraved %s Charcuterie Board | Custom Family Name" % w,
                              "Custom Recipe Cutting Board – Grandma's Handwriting – %s" % w])
                add(m, typ, title, "Laser engraved and finished with food-safe oil.", money(45, 130), ["cutting board", "personalized gift", "wedding gift"], [w.lower()], w, code="CB")
            elif typ == "ornament":
                what = pick(["Baby's First Christmas", "Our First Christmas Married", "Pet Memorial", "Family Name", "New Home"])
                title = pick(["%s Ornament 2026, Personalized" % what, "Personalised %s Ornament | Wood | Christmas Gift" % what])
                add(m, typ, title, "Engraved wood ornament with a ribbon.", money(12, 28), ["ornament", "christmas ornament", "personalized ornament"], [w.lower()], code="OR")
            elif typ == "wedding-sign":
                what = pick(["Welcome", "Unplugged Ceremony", "Find Your Seat", "Bar Menu", "Cards and Gifts"])
                title = pick(["%s Wedding Sign, Personalized, Wood" % what, "Rustic %s Sign for Wedding | Custom Names and Date" % what])
                add(m, typ, title, "Made to order with your names and date.", money(35, 150), ["wedding sign", "welcome sign", "wedding decor"], [w.lower()], code="WS")
            elif typ == "guest-book":
                title = pick(["Wedding Guest Book Alternative, Wooden Hearts Drop Box", "Personalized Wedding Guest Book | %s | Rustic" % w])
                add(m, typ, title, "Guests sign wooden hearts and drop them in.", money(55, 140), ["guest book", "wedding guest book"], [w.lower()], code="GB")
            elif typ == "cake-topper":
                title = pick(["Mr and Mrs Cake Topper, Wood", "Custom Name Cake Topper | Wedding | Gold Mirror Acrylic", "Personalized Birthday Cake Topper"])
                add(m, typ, title, "Cut to your names.", money(14, 38), ["cake topper", "wedding cake topper"], ["wood", "acrylic"], code="CT")
            elif typ == "name-puzzle":
                title = pick(["Personalized Name Puzzle for Toddlers, Wooden", "Wooden Name Puzzle | Baby's First Birthday Gift | Montessori"])
                add(m, typ, title, "Child-safe paint; letters up to 10.", money(30, 60), ["name puzzle", "baby gift", "toddler toy"], [w.lower()], code="NP")
            elif typ == "milestone-cards":
                title = pick(["Baby Milestone Cards, Wooden Discs, Set of 12", "Monthly Milestone Markers | Baby Shower Gift"])
                add(m, typ, title, "Twelve monthly markers for photos.", money(24, 45), ["milestone cards", "baby shower gift"], [w.lower()], code="MC")
            elif typ == "jewelry-box":
                title = pick(["Engraved Wooden Jewelry Box, %s, Gift for Her" % w, "Personalized Jewelry Box | %s | Ring Box" % w])
                add(m, typ, title, "Lined with velvet.", money(45, 120), ["jewelry box", "ring box", "keepsake box"], [w.lower(), "velvet"], w, code="JB")
            else:
                sz = pick(["5x7", "8x10", "11x14"])
                title = pick(["Rustic Barnwood %s Photo Frame" % sz, "Engraved Wood Picture Frame %s | Wedding Gift" % sz])
                add(m, typ, title, "Takes a %s photo or print." % sz, money(30, 70), ["picture frame", "photo frame"], [w.lower()], w, fits=sz, code="PF")


def macrame(m):
    for typ in m[3]:
        n = {"wall-hanging": 20, "pillow-cover": 20, "pillow-insert": 8}[typ]
        for i in range(n):
            col = pick(["Natural Cotton", "Sage", "Terracotta", "Cream", "Mustard"])
            if typ == "wall-hanging":
                title = pick(["Macrame Wall Hanging, Boho Wall Decor, %s" % col, "Large Macrame Tapestry | %s | Driftwood" % col,
                              "Woven Wall Hanging – %s – Nursery Decor" % col])
                add(m, typ, title, "Knotted by hand on a driftwood branch.", money(35, 190), ["macrame", "wall hanging", "boho decor", "tapestry"], ["cotton cord", "driftwood"], col, code="WH")
            elif typ == "pillow-cover":
                sz = pick(["16x16", "18x18", "20x20", "12x20"])
                title = pick(["Boho Pillow Cover %s, %s, Tufted" % (sz, col), "Macrame Throw Pillow Cover | %s | %s" % (sz, col),
                              "Mudcloth Style Cushion Cover – %s – %s" % (sz, col)])
                add(m, typ, title, "Cover only, invisible zipper; insert not included.", money(28, 58), ["pillow cover", "cushion cover", "boho pillow"], ["cotton"], col, fits=sz, code="PW")
            else:
                sz = pick(["16x16", "18x18", "20x20", "12x20"])
                title = pick(["Down Alternative Pillow Insert %s" % sz, "%s Feather Pillow Insert | Pillow Form" % sz])
                add(m, typ, title, "A plump insert for our %s covers." % sz, money(16, 32), ["pillow insert", "pillow form"], ["cotton", "polyester"], fits=sz, code="PI")


def soap(m):
    for typ in m[3]:
        n = {"soap": 24, "bath-bomb": 12, "soap-dish": 6}[typ]
        for i in range(n):
            sc = SCENTS[i % len(SCENTS)]
            if typ == "soap":
                title = pick(["%s Goat Milk Soap Bar, Handmade" % sc, "Cold Process Soap | %s | Natural Bar Soap" % sc, "Tallow Soap Bar – %s – Unscented Option" % sc])
                add(m, typ, title, "A 4.5 oz bar, cured six weeks.", money(7, 12), ["soap", "handmade soap", "bar soap"], ["goat milk", "olive oil"], code="SP")
            elif typ == "bath-bomb":
                title = pick(["%s Bath Bomb, Shea Butter" % sc, "Bath Bomb Gift Set | %s | Set of 6" % sc])
                add(m, typ, title, "Fizzes, moisturises, leaves no ring.", money(6, 32), ["bath bomb", "spa gift"], ["shea butter", "baking soda"], code="BB")
            else:
                title = pick(["Wooden Soap Dish, Self Draining", "Soap Saver Dish | Bamboo | Keeps Bars Dry"])
                add(m, typ, title, "Slats keep the bar dry.", money(8, 18), ["soap dish", "soap saver"], ["wood"], code="SD")


for m in MAKERS:
    ts = m[3]
    if "necklace" in ts:
        jewellery(m)
    elif "mug" in ts:
        ceramics(m)
    elif "candle" in ts:
        candles(m)
    elif "art-print" in ts:
        prints(m)
    elif "sweater" in ts:
        knits(m)
    elif "wallet" in ts:
        leather(m)
    elif "cutting-board" in ts:
        wood(m)
    elif "wall-hanging" in ts:
        macrame(m)
    else:
        soap(m)

order = list(range(len(rows)))
R.shuffle(order)
with open("etsy_listings.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(HEAD)
    for i in order:
        w.writerow(rows[i])
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath\t(unused)\tcolour\tfits\ttitle (for readers)\tmaker\n")
    for i in order:
        f.write("\t".join(truth[i]) + "\n")
print(len(rows), "listings")
