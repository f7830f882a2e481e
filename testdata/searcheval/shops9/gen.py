# Writes toys.csv (a toys, games and hobbies shop's Shopify product export) and truth.tsv
# (each product's type, what it is an accessory for, its model, its category path and
# what it fits: the ages it is for, "age 3" ... "age 14" and "adult", and for an
# accessory the named thing it is made for), deterministically from the tables below
# (run in this directory: python3 gen.py). Toys by age, board and card games, jigsaw
# puzzles, building sets, model kits and paints, craft and art, outdoor play, titled the
# ways such shops title them ("LEGO City 60337 Express Passenger Train, Ages 7+",
# "Ravensburger Disney Castle 1000 Piece Jigsaw Puzzle for Adults", "Melissa & Doug
# Wooden Shape Sorter | 2 Years+", "Humbrol No. 53 Gunmetal Enamel Paint 14ml"). About
# one product in six has no Product Category and one in ten no Type.
import csv
import random

R = random.Random(9099)
HEAD = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published", "Option1 Name",
        "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value", "Variant SKU", "Variant Grams",
        "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy", "Variant Fulfillment Service",
        "Variant Price", "Variant Compare At Price", "Variant Requires Shipping", "Variant Taxable", "Variant Barcode",
        "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title", "SEO Description", "Variant Image",
        "Variant Weight Unit", "Cost per item", "Status"]
T = "Toys & Games"
G = T + " > Games"
P = T + " > Puzzles"
Y = T + " > Toys"
H = "Arts & Entertainment > Hobbies & Creative Arts"
O = T + " > Outdoor Play Equipment"
PATH = {
    "board-game": G + " > Board Games", "card-game": G + " > Card Games", "party-game": G + " > Party Games",
    "game-expansion": G + " > Board Game Accessories", "trading-card-game": G + " > Trading Card Games",
    "card-sleeves": G + " > Card Game Accessories", "garden-game": G + " > Outdoor Games",
    "jigsaw-puzzle": P + " > Jigsaw Puzzles", "brain-teaser": P + " > Brain Teasers", "puzzle-accessory": P + " > Puzzle Accessories",
    "building-set": Y + " > Building Toys > Construction Sets", "building-accessory": Y + " > Building Toys > Building Toy Accessories",
    "marble-run": Y + " > Building Toys > Marble Runs",
    "model-kit": H + " > Model Making > Model Kits", "model-paint": H + " > Model Making > Model Paints",
    "model-tool": H + " > Model Making > Model Making Tools",
    "train-set": Y + " > Toy Trains & Train Sets", "train-track": Y + " > Toy Trains & Train Sets > Track & Accessories",
    "craft-kit": H + " > Arts & Crafts > Craft Kits", "art-set": H + " > Arts & Crafts > Art Supplies",
    "colouring-book": H + " > Arts & Crafts > Colouring Books", "play-dough": Y + " > Play Dough & Putty",
    "plush": Y + " > Stuffed Animals", "doll": Y + " > Dolls, Playsets & Toy Figures > Dolls",
    "doll-clothes": Y + " > Dolls, Playsets & Toy Figures > Doll Clothes",
    "dollhouse": Y + " > Dolls, Playsets & Toy Figures > Dollhouses",
    "dollhouse-furniture": Y + " > Dolls, Playsets & Toy Figures > Dollhouse Accessories",
    "action-figure": Y + " > Dolls, Playsets & Toy Figures > Action & Toy Figures",
    "animal-figure": Y + " > Dolls, Playsets & Toy Figures > Animal Figures",
    "rc-car": Y + " > Remote Control Toys > Remote Control Cars", "drone": Y + " > Remote Control Toys > Drones",
    "rc-battery": Y + " > Remote Control Toys > Remote Control Toy Accessories",
    "toy-car": Y + " > Play Vehicles", "car-playset": Y + " > Play Vehicles > Play Vehicle Playsets",
    "baby-toy": Y + " > Baby & Toddler Toys", "bath-toy": Y + " > Baby & Toddler Toys > Bath Toys",
    "ride-on": Y + " > Riding Toys", "scooter": Y + " > Riding Toys > Scooters",
    "trampoline": O + " > Trampolines", "trampoline-accessory": O + " > Trampoline Accessories",
    "swing-set": O + " > Swings & Play Sets", "sand-toys": Y + " > Sand & Water Toys", "water-toys": Y + " > Sand & Water Toys",
    "play-tent": O + " > Play Tents", "kite": Y + " > Flying Toys > Kites",
    "science-kit": Y + " > Educational Toys > Science Kits", "coding-robot": Y + " > Educational Toys > Robotics",
    "play-kitchen": Y + " > Pretend Play > Play Kitchens", "play-food": Y + " > Pretend Play > Play Food",
    "pretend-play": Y + " > Pretend Play", "musical-toy": Y + " > Musical Toys", "magic-set": Y + " > Magic Sets",
    "skill-toy": Y + " > Skill Toys", "dress-up": "Apparel & Accessories > Costumes & Accessories > Costumes",
    "foam-blaster": Y + " > Toy Weapons > Foam Blasters", "foam-darts": Y + " > Toy Weapons > Foam Blaster Accessories",
}
TYPE_WORD = {
    "board-game": "Board Game", "card-game": "Card Game", "party-game": "Party Game", "game-expansion": "Expansion",
    "trading-card-game": "Trading Cards", "card-sleeves": "Card Accessories", "garden-game": "Garden Game",
    "jigsaw-puzzle": "Jigsaw", "brain-teaser": "Puzzle", "puzzle-accessory": "Puzzle Accessories", "building-set": "Building Set",
    "building-accessory": "Building Accessories", "marble-run": "Marble Run", "model-kit": "Model Kit", "model-paint": "Paint",
    "model-tool": "Hobby Tools", "train-set": "Train Set", "train-track": "Railway Track", "craft-kit": "Craft Kit", "art-set": "Art Supplies",
    "colouring-book": "Colouring", "play-dough": "Dough", "plush": "Soft Toy", "doll": "Doll", "doll-clothes": "Doll Clothes",
    "dollhouse": "Dolls House", "dollhouse-furniture": "Dolls House Furniture", "action-figure": "Figure", "animal-figure": "Figure",
    "rc-car": "RC Car", "drone": "Drone", "rc-battery": "RC Spares", "toy-car": "Vehicles", "car-playset": "Playset",
    "baby-toy": "Baby Toy", "bath-toy": "Bath Toy", "ride-on": "Ride On", "scooter": "Scooter", "trampoline": "Trampoline",
    "trampoline-accessory": "Trampoline Spares", "swing-set": "Swing Set", "sand-toys": "Sand Toys", "water-toys": "Water Toys",
    "play-tent": "Play Tent", "kite": "Kite", "science-kit": "Science Kit", "coding-robot": "STEM", "play-kitchen": "Play Kitchen",
    "play-food": "Play Food", "pretend-play": "Role Play", "musical-toy": "Musical Toy", "magic-set": "Magic", "skill-toy": "Skill Toy",
    "dress-up": "Dress Up", "foam-blaster": "Blaster", "foam-darts": "Blaster Accessories",
}
ACC = {"game-expansion": "board-game", "card-sleeves": "trading-card-game", "puzzle-accessory": "jigsaw-puzzle",
       "building-accessory": "building-set", "model-paint": "model-kit", "model-tool": "model-kit", "train-track": "train-set",
       "doll-clothes": "doll", "dollhouse-furniture": "dollhouse", "rc-battery": "rc-car", "play-food": "play-kitchen",
       "trampoline-accessory": "trampoline", "foam-darts": "foam-blaster"}

rows, truth = [], []
seen = set()
n = [0]


def handle(title):
    h = "".join(c.lower() if c.isalnum() else "-" for c in title)
    while "--" in h:
        h = h.replace("--", "-")
    h = h.strip("-")[:90].strip("-")
    base, i = h, 2
    while h in seen:
        h = "%s-%d" % (base, i)
        i += 1
    seen.add(h)
    return h


def ages(lo, hi):
    """The fits of a product for ages lo..hi (hi 99: and adults)."""
    out = ["age %d" % a for a in range(max(lo, 0), min(hi, 14) + 1)]
    if hi >= 15:
        out.append("adult")
    return out


def agetag(lo, hi, k):
    """How a title says the age (k picks the shape); "" when it does not."""
    if k % 5 == 4:
        return ""
    if lo == 0:
        return [", 0 Months+", " | Baby 0m+", " (Newborn+)", " - Suitable from Birth"][k % 4]
    if lo == 1:
        return [", 12 Months+", " | 1 Year+", " (18m+)", " - Toddler 1-3 Years"][k % 4]
    if hi >= 15:
        return [", Ages %d+" % lo, " | %d Years+" % lo, " for Adults and Kids %d+" % lo, " - Age %d to Adult" % lo][k % 4]
    return [", Ages %d+" % lo, " | %d-%d Years" % (lo, hi), " for Kids Aged %d-%d" % (lo, hi), " (Age %d+)" % lo][k % 4]


def add(typ, brand, title, price, model="", fits=(), age=None, body="", options=None, gtin=True, colour=""):
    n[0] += 1
    h = handle(title)
    cat = PATH[typ] if n[0] % 6 else ""
    tword = TYPE_WORD[typ] if n[0] % 10 != 3 else ""
    tags = ", ".join(sorted({typ.replace("-", " "), brand.lower()} | ({"ages %d+" % age[0]} if age else set())))
    if not body:
        body = "<p>%s.</p>" % title
        if age:
            body = body[:-4] + (" Recommended for ages %d and up.</p>" % age[0] if age[1] < 15 or age[0] > 0 else " Suitable for all ages.</p>")
    opts = options or ("Title", ["Default Title"])
    for i, v in enumerate(opts[1]):
        first = i == 0
        p = round(price + (0 if first else R.choice([0, 0, 2, 5])), 2)
        sale = round(p * 1.25, 2) if n[0] % 9 == 0 else ""
        qty = 0 if (n[0] + i) % 13 == 0 else R.randint(1, 60)
        bc = str(5010000000000 + n[0] * 41 + i) if gtin and n[0] % 4 else ""
        rows.append([h, title if first else "", body if first else "", brand if first else "", cat if first else "",
                     tword if first else "", tags if first else "", "TRUE" if first else "", opts[0], v, "", "", "", "",
                     "TG-%05d" % (n[0] * 10 + i), R.randint(50, 30000), "shopify", qty, "deny", "manual", "%.2f" % p,
                     "%.2f" % sale if sale else "", "TRUE", "TRUE", bc,
                     "https://cdn.shopify.com/s/files/1/0909/products/%s.jpg" % h if first else "", 1 if first else "", "",
                     "FALSE", "", "", "", "kg", "", "active"])
    f = list(fits) + (ages(*age) if age else [])
    truth.append(["toys", h, typ, ACC.get(typ, ""), model, PATH[typ], "", colour, "|".join(f), title])
    return h


K = [0]


def k():
    K[0] += 1
    return K[0]


# board games: (brand, name, lo, players, minutes, price, blurb)
BOARD = [("Catan Studio", "Catan", 10, "3-4", 90, 44.99, "trade and build settlements"),
         ("Days of Wonder", "Ticket to Ride", 8, "2-5", 60, 49.99, "collect train cards and claim railway routes across America"),
         ("Z-Man Games", "Carcassonne", 7, "2-5", 35, 34.99, "lay tiles to build a medieval landscape"),
         ("Z-Man Games", "Pandemic", 8, "2-4", 45, 39.99, "a cooperative game: work together to stop four diseases"),
         ("Stonemaier Games", "Wingspan", 10, "1-5", 70, 59.99, "attract birds to your wildlife preserves"),
         ("Hasbro", "Monopoly Classic", 8, "2-6", 120, 24.99, "buy, sell and trade properties"),
         ("Hasbro", "Cluedo", 8, "2-6", 45, 22.99, "solve the murder mystery"), ("Mattel", "Scrabble Original", 8, "2-4", 90, 24.99, "the classic word game"),
         ("Hasbro", "Trivial Pursuit Family Edition", 8, "2-6", 60, 34.99, "trivia questions for kids and grown-ups"),
         ("Orchard Toys", "Shopping List", 3, "2-4", 15, 12.99, "a memory game for little ones"),
         ("Orchard Toys", "Pop to the Shops", 5, "2-4", 20, 14.99, "learn to count money while shopping"),
         ("Orchard Toys", "Crocodile Snap", 3, "2-4", 10, 8.99, "a first snap game"),
         ("HABA", "Animal upon Animal", 4, "2-4", 15, 24.99, "a stacking game of wooden animals"),
         ("HABA", "Orchard", 3, "1-4", 10, 29.99, "a cooperative first game to pick the fruit before the raven comes"),
         ("Hasbro", "Guess Who?", 6, "2", 20, 19.99, "ask questions to guess the mystery person"),
         ("Hasbro", "Connect 4", 6, "2", 10, 14.99, "line up four discs in a row"),
         ("Mattel", "Pictionary", 8, "3+", 60, 24.99, "draw and guess"), ("Asmodee", "Dixit", 8, "3-8", 30, 34.99, "a storytelling game of dreamlike picture cards"),
         ("Libellud", "Mysterium", 10, "2-7", 42, 49.99, "a cooperative ghost mystery"),
         ("Czech Games Edition", "Codenames", 14, "2-8", 15, 19.99, "a team word game of spies"),
         ("Repos", "7 Wonders", 10, "3-7", 30, 49.99, "build an ancient civilisation"),
         ("Plaid Hat Games", "Azul", 8, "2-4", 40, 39.99, "draft coloured tiles to decorate a palace wall"),
         ("Horrible Guild", "Splendor", 10, "2-4", 30, 39.99, "collect gems and build a jewellery empire"),
         ("Fantasy Flight Games", "Arkham Horror The Card Game", 14, "1-2", 120, 44.99, "investigate cosmic horrors"),
         ("Ravensburger", "Labyrinth", 7, "2-4", 20, 24.99, "shift the maze to reach your treasures"),
         ("Ravensburger", "Villainous", 10, "2-6", 50, 39.99, "play as a Disney villain"),
         ("Goliath", "Pass the Pigs", 7, "2+", 10, 9.99, "roll the pigs and score points"),
         ("Hasbro", "Operation", 6, "1+", 15, 19.99, "the silly skill game of a doctor's steady hand"),
         ("Mattel", "Chess and Draughts Set", 6, "2", 30, 19.99, "a folding wooden board with chess pieces and draughts"),
         ("Hasbro", "Risk", 10, "2-5", 120, 39.99, "the game of strategic conquest"),
         ("Hasbro", "Game of Life", 8, "2-4", 60, 29.99, "spin the wheel through life's adventures"),
         ("Asmodee", "Dobble Kids", 4, "2-5", 10, 9.99, "spot the animal that matches"),
         ("Big Potato", "Herd Mentality", 10, "4-20", 20, 19.99, "a party game where you think like everyone else"),
         ("Peaceable Kingdom", "Hoot Owl Hoot!", 4, "2-4", 15, 16.99, "a cooperative colour matching game"),
         ("Gamewright", "Outfoxed!", 5, "2-4", 20, 19.99, "a cooperative whodunit for kids"),
         ("Rio Grande Games", "Dominion", 13, "2-4", 30, 44.99, "a deck-building card game of kingdoms"),
         ("CMON", "Zombicide", 14, "1-6", 60, 99.99, "fight zombies together with miniatures"),
         ("Fantasy Flight Games", "Twilight Imperium", 14, "3-6", 480, 149.99, "an epic space strategy game")]
for i, (brand, name, lo, pl, mins, price, blurb) in enumerate(BOARD):
    shape = i % 4
    if shape == 0:
        t = "%s Board Game%s" % (name, agetag(lo, 99, k()))
    elif shape == 1:
        t = "%s | Family Board Game | %s Players%s" % (name, pl, agetag(lo, 99, k()))
    elif shape == 2:
        t = "%s %s - Strategy Game for %s Players" % (brand, name, pl) if lo >= 10 else "%s %s Game%s" % (brand, name, agetag(lo, 99, k()))
    else:
        t = "%s: %s" % (name, blurb[0].upper() + blurb[1:]) + agetag(lo, 99, k())
    add("board-game", brand, t, price, model=name, age=(lo, 99),
        body="<p>%s: %s. %s players, about %d minutes a game.</p>" % (name, blurb, pl, mins))
EXP = [("Catan", "Seafarers Expansion", "Catan Studio"), ("Catan", "Cities & Knights Expansion", "Catan Studio"), ("Catan", "5-6 Player Extension", "Catan Studio"),
       ("Ticket to Ride", "Europe Map Expansion", "Days of Wonder"), ("Ticket to Ride", "USA 1910 Expansion", "Days of Wonder"),
       ("Carcassonne", "Inns & Cathedrals Expansion", "Z-Man Games"), ("Carcassonne", "Traders & Builders Expansion", "Z-Man Games"),
       ("Pandemic", "On the Brink Expansion", "Z-Man Games"), ("Wingspan", "European Expansion", "Stonemaier Games"),
       ("Wingspan", "Oceania Expansion", "Stonemaier Games"), ("Dixit", "Odyssey Expansion Cards", "Asmodee"),
       ("Azul", "Crystal Mosaic Expansion", "Plaid Hat Games"), ("Splendor", "Cities of Splendor Expansion", "Horrible Guild"),
       ("Dominion", "Intrigue Expansion", "Rio Grande Games"), ("Codenames", "Pictures", "Czech Games Edition")]
for i, (base, name, brand) in enumerate(EXP):
    t = "%s: %s" % (base, name) if i % 3 == 0 else ("%s %s (Requires Base Game)" % (base, name) if i % 3 == 1 else "%s - %s for the %s Board Game" % (brand, name, base))
    add("game-expansion", brand, t, 24.99 + i % 4 * 5, fits=[base], age=(8, 99))
CARD = [("Mattel", "UNO Card Game", 7), ("Exploding Kittens", "Exploding Kittens Original Edition", 7), ("Asmodee", "Dobble Classic", 6),
        ("Gamewright", "Sushi Go!", 8), ("Hasbro", "Monopoly Deal Card Game", 8), ("AMIGO", "6 nimmt! Card Game", 8), ("Mattel", "Skip-Bo", 7),
        ("Exploding Kittens", "Throw Throw Burrito", 7), ("Oink Games", "Deep Sea Adventure", 8), ("Bicycle", "Standard Playing Cards, Red", 6),
        ("Bicycle", "Standard Playing Cards, Blue", 6), ("Bezier Games", "One Night Ultimate Werewolf", 8), ("Ravensburger", "The Crew", 10),
        ("Blue Orange", "Spot It! Junior Animals", 4), ("Orchard Toys", "Happy Families Card Game", 4)]
for i, (brand, name, lo) in enumerate(CARD):
    add("card-game", brand, "%s%s" % (name, agetag(lo, 99, k())), 9.99 + i % 5 * 3, age=(lo, 99))
PARTY = [("Big Potato", "Obama Llama"), ("Cards Against Humanity LLC", "Cards Against Humanity UK Edition"), ("Big Potato", "Blankety Blank"),
         ("Hasbro", "Taboo"), ("Mattel", "Articulate!"), ("Big Potato", "The Chameleon"), ("Asmodee", "Just One"), ("Spin Master", "Hedbanz"),
         ("Hasbro", "Jenga Classic"), ("Goliath", "Doggie Doo")]
for i, (brand, name) in enumerate(PARTY):
    lo = 17 if "Humanity" in name else (4 if name in ("Doggie Doo", "Hedbanz") else 8)
    add("party-game", brand, "%s%s" % (name, [" Party Game", " - The Hilarious Party Game", " Game for Family Game Night", ""][i % 4]) + agetag(lo, 99, k()),
        19.99 + i % 3 * 5, age=(lo, 99))
# trading cards and sleeves
TCG = [("Pokemon", "Pokemon TCG Scarlet & Violet Booster Pack"), ("Pokemon", "Pokemon TCG Elite Trainer Box"), ("Pokemon", "Pokemon TCG Battle Academy"),
       ("Pokemon", "Pokemon TCG Starter Deck"), ("Wizards of the Coast", "Magic: The Gathering Starter Kit"),
       ("Wizards of the Coast", "Magic: The Gathering Commander Deck"), ("Wizards of the Coast", "Magic: The Gathering Draft Booster Box"),
       ("Konami", "Yu-Gi-Oh! Structure Deck"), ("Konami", "Yu-Gi-Oh! Booster Pack"), ("Disney", "Disney Lorcana Starter Deck")]
for i, (brand, name) in enumerate(TCG):
    add("trading-card-game", brand, name + agetag(6 if brand == "Pokemon" else 13, 99, k()), 4.99 if "Pack" in name else 24.99 + i * 4, model="", age=(6 if brand == "Pokemon" else 13, 99))
SLEEVES = [("Ultra Pro", "Ultra Pro Standard Card Sleeves, 100 Pack"), ("Dragon Shield", "Dragon Shield Matte Sleeves Standard Size 100ct"),
           ("Ultra Pro", "Ultra Pro Deck Box for Trading Cards"), ("Dragon Shield", "Dragon Shield Japanese Size Sleeves for Yu-Gi-Oh! Cards"),
           ("Ultra Pro", "Ultra Pro 9-Pocket Binder for Pokemon Cards"), ("Gamegenic", "Gamegenic Prime Sleeves for Magic: The Gathering"),
           ("Ultra Pro", "Ultra Pro Toploaders 3x4 Card Protectors, 25 Pack"), ("Gamegenic", "Gamegenic Board Game Card Sleeves, Catan Size")]
for i, (brand, t) in enumerate(SLEEVES):
    f = ["Pokemon"] if "Pokemon" in t else (["Yu-Gi-Oh!"] if "Yu-Gi-Oh" in t else (["Magic: The Gathering"] if "Magic" in t else []))
    add("card-sleeves", brand, t, 6.99 + i % 4 * 4, fits=f)
# jigsaw puzzles: (brand, theme, pieces)
THEMES = ["Disney Castle", "World Map", "Sunflower Field", "Venice at Night", "Cats in the Garden", "Under the Sea", "London Bus",
          "Autumn Forest", "Hot Air Balloons", "Vintage Sweets", "The Tower of Babel", "Beach Huts", "Harry Potter Hogwarts", "Van Gogh Starry Night",
          "Christmas Village", "Lighthouse at Dusk", "Cottage Garden", "New York Skyline", "Birds of Britain",
          "Wildflower Meadow", "Retro Arcade", "Book Shop Window", "Northern Lights", "Afternoon Tea", "Steam Trains", "Alpine Lake"]
KIDS_THEMES = ["Dinosaurs", "Farm Animals", "Paw Patrol", "Peppa Pig", "Space Rocket", "Frozen", "Jungle Animals", "Diggers and Trucks", "Unicorns", "Pirates",
              "Fire Engine", "Mermaids", "Bluey", "Safari", "Solar System", "Fairies", "Zoo", "Princess Castle"]
for i, th in enumerate(THEMES):
    for j, pc in enumerate([500, 1000, 1500, 2000]):
        if (i + j) % 3 == 2:
            continue
        brand = ["Ravensburger", "Jumbo", "Gibsons", "Wentworth"][(i + j) % 4]
        s = (i + j) % 4
        if s == 0:
            t = "%s %s %d Piece Jigsaw Puzzle for Adults" % (brand, th, pc)
        elif s == 1:
            t = "%s - %d Pieces Jigsaw%s" % (th, pc, agetag(12, 99, k()))
        elif s == 2:
            t = "%s %d pc Puzzle | %s" % (brand, pc, th)
        else:
            t = "%s Wooden Jigsaw Puzzle %s, %d Pieces" % (brand, th, pc)
        add("jigsaw-puzzle", brand, t, 12.99 + pc / 100, model="", age=(12, 99))
for i, th in enumerate(KIDS_THEMES):
    for j, pc in enumerate([12, 24, 35, 60, 100]):
        if (i + j) % 2:
            continue
        lo = {12: 2, 24: 3, 35: 4, 60: 5, 100: 6}[pc]
        brand = ["Ravensburger", "Orchard Toys", "Melissa & Doug", "Galt"][(i + j) % 4]
        t = ("%s %s %d Piece Jigsaw%s" % (brand, th, pc, agetag(lo, lo + 4, k()))) if i % 2 else ("%s Floor Puzzle (%d Pieces)%s" % (th, pc, agetag(lo, lo + 4, k())))
        add("jigsaw-puzzle", brand, t, 8.99 + pc / 20, age=(lo, lo + 4))
PACC = [("Jigsaw Puzzle Roll Up Mat for up to 2000 Pieces", "Jumbo"), ("Ravensburger Puzzle Conserver Glue", "Ravensburger"),
        ("Puzzle Sorting Trays with Lid, Set of 6", "Gibsons"), ("Wooden Jigsaw Puzzle Board with Drawers, 1000 Pieces", "Jumbo"),
        ("Puzzle Frame for 1000 Piece Jigsaws, 50x70cm", "Wentworth"), ("Ravensburger Puzzle Store & Go Mat", "Ravensburger")]
for t, brand in PACC:
    add("puzzle-accessory", brand, t, 14.99 + len(t) % 10, fits=["jigsaw"])
TEASERS = [("Rubik's", "Rubik's Cube 3x3", 8), ("Rubik's", "Rubik's Revenge 4x4", 8), ("ThinkFun", "Rush Hour Traffic Jam Logic Game", 8),
           ("ThinkFun", "Gravity Maze Marble Run Logic Game", 8), ("SmartGames", "IQ Puzzler Pro", 6), ("SmartGames", "Camelot Jr.", 4),
           ("Professor Puzzle", "Wooden Brain Teaser Set of 6", 10), ("Hanayama", "Cast Huzzle Puzzle Level 4", 12), ("MoYu", "Speed Cube 3x3 Magnetic", 8),
           ("SmartGames", "Anti-Virus", 7), ("ThinkFun", "Chocolate Fix", 8), ("Professor Puzzle", "Tangram Puzzle Box", 6)]
for i, (brand, t, lo) in enumerate(TEASERS):
    add("brain-teaser", brand, ("%s %s" % (brand, t) if not t.startswith(brand) else t) + agetag(lo, 99, k()), 9.99 + i % 5 * 4, age=(lo, 99))
# building sets: (theme, number, name, lo, price)
LEGO = [("City", 60337, "Express Passenger Train", 7, 179.99), ("City", 60321, "Fire Rescue Helicopter", 5, 29.99), ("City", 60316, "Police Station", 6, 99.99),
        ("City", 60350, "Lunar Research Base", 7, 119.99), ("Technic", 42151, "Bugatti Bolide", 9, 49.99), ("Technic", 42143, "Ferrari Daytona SP3", 18, 449.99),
        ("Technic", 42141, "McLaren Formula 1 Race Car", 18, 199.99), ("Technic", 42147, "Dump Truck", 7, 9.99), ("Friends", 41730, "Autumn's House", 7, 79.99),
        ("Friends", 41748, "Heartlake City Community Centre", 8, 149.99), ("Friends", 41727, "Dog Rescue Centre", 7, 69.99),
        ("Duplo", 10986, "Family House on Wheels", 2, 59.99), ("Duplo", 10990, "Construction Site", 2, 49.99), ("Duplo", 10988, "The Bus Ride", 2, 19.99),
        ("Star Wars", 75301, "Luke Skywalker's X-Wing Fighter", 9, 49.99), ("Star Wars", 75313, "AT-AT", 18, 849.99), ("Star Wars", 75333, "Obi-Wan Kenobi's Jedi Starfighter", 7, 29.99),
        ("Creator 3in1", 31120, "Medieval Castle", 9, 99.99), ("Creator 3in1", 31139, "Cosy House", 8, 49.99), ("Creator 3in1", 31125, "Fantasy Forest Creatures", 7, 14.99),
        ("Classic", 11717, "Bricks Bricks Plates", 4, 49.99), ("Classic", 10698, "Large Creative Brick Box", 4, 59.99), ("Classic", 11013, "Creative Transparent Bricks", 4, 29.99),
        ("Architecture", 21054, "The White House", 18, 99.99), ("Architecture", 21058, "Great Pyramid of Giza", 18, 129.99),
        ("Icons", 10281, "Bonsai Tree", 18, 49.99), ("Icons", 10311, "Orchid", 18, 49.99), ("Icons", 10497, "Galaxy Explorer", 18, 99.99),
        ("Harry Potter", 76419, "Hogwarts Castle and Grounds", 9, 169.99), ("Minecraft", 21189, "The Skeleton Dungeon", 8, 39.99),
        ("Ninjago", 71799, "City Markets", 14, 349.99), ("Marvel", 76248, "The Avengers Quinjet", 9, 79.99)]
for i, (theme, num, name, lo, price) in enumerate(LEGO):
    s = i % 4
    if s == 0:
        t = "LEGO %s %d %s Set%s" % (theme, num, name, agetag(lo, 99 if lo >= 9 else 12, k()))
    elif s == 1:
        t = "LEGO %d %s %s Building Kit%s" % (num, theme, name, agetag(lo, 99 if lo >= 9 else 12, k()))
    elif s == 2:
        t = "LEGO %s: %s (%d)" % (theme, name, num)
    else:
        t = "%s - LEGO %s %d%s" % (name, theme, num, agetag(lo, 99 if lo >= 9 else 12, k()))
    add("building-set", "LEGO", t, price, model=str(num), age=(lo, 99 if lo >= 9 else 12))
OTHERB = [("Playmobil", 71237, "Farm with Animals", 4), ("Playmobil", 70987, "Police Headquarters", 4), ("Playmobil", 71146, "Dino Rise Camp", 5),
          ("Mega Bloks", 80, "First Builders Big Building Bag 80 Pieces", 1), ("Magformers", 62, "Basic Set 62 Piece Magnetic Tiles", 3),
          ("Connetix", 100, "Rainbow Creative Pack Magnetic Tiles 100 Pieces", 3), ("Meccano", 10, "10-in-1 Racing Vehicles Building Kit", 10),
          ("K'NEX", 35, "Classics 35 Model Building Set", 7), ("Geomag", 142, "Classic Panels Magnetic Construction 142 Pieces", 5),
          ("Brio", 34, "Builder Starter Set 49 Pieces", 3), ("Plus-Plus", 600, "Big Tube 600 Pieces", 5)]
for brand, num, name, lo in OTHERB:
    add("building-set", brand, "%s %s%s" % (brand, name, agetag(lo, 12, k())), 19.99 + num % 7 * 8, model=(str(num) if brand == "Playmobil" else ""), age=(lo, 12))
BACC = [("LEGO", "LEGO Classic 11025 Blue Baseplate 32x32"), ("LEGO", "LEGO Classic 11024 Grey Baseplate 48x48"), ("Light My Bricks", "LED Lighting Kit for LEGO 75313 AT-AT"),
        ("Light My Bricks", "Light Kit for LEGO Hogwarts Castle 76419"), ("LEGO", "LEGO Storage Brick 8 Knobs, Red"), ("LEGO", "LEGO Brick Separator Tool"),
        ("Display Box Co", "Acrylic Display Case for LEGO Bugatti Bolide 42151"), ("Brick Loot", "Lego Compatible Wall Mounting Plates, Set of 4")]
for brand, t in BACC:
    f = [w for w in t.split() if w.isdigit() and len(w) == 5]
    add("building-accessory", brand, t, 9.99 + len(t) % 25, fits=f + ["LEGO"])
for brand, t, lo in [("Gravitrax", "GraviTrax Starter Set Marble Run", 8), ("Hape", "Quadrilla Wooden Marble Run Basic", 4), ("Hape", "Quadrilla Marble Rail Run Vertigo", 4),
                     ("Marbleworks", "Discovery Toys Marbleworks Marble Run Starter Set", 6), ("Gravitrax", "GraviTrax Expansion Tunnels", 8), ("Galt", "Giant Marble Run", 4)]:
    add("marble-run", brand, t + agetag(lo, 14, k()), 24.99 + len(t) % 30, age=(lo, 14))
# model kits, paints, tools
KITS = [("Airfix", "A02029", "Supermarine Spitfire MkVc", "1:72"), ("Airfix", "A05135", "Hawker Hurricane Mk.I", "1:48"), ("Airfix", "A04023", "Avro Lancaster B.III", "1:72"),
        ("Airfix", "A50183", "Battle of Britain Gift Set", "1:72"), ("Airfix", "A55101", "Starter Set Supermarine Spitfire", "1:72"),
        ("Airfix", "A09007", "Avro Vulcan B.2", "1:72"), ("Airfix", "A01304", "Tiger I Tank", "1:76"), ("Airfix", "A55307", "Red Arrows Hawk Starter Set", "1:72"),
        ("Tamiya", "35216", "German Tiger I Early Production", "1:35"), ("Tamiya", "35055", "Panther Medium Tank", "1:35"), ("Tamiya", "24345", "Porsche 911 GT3", "1:24"),
        ("Tamiya", "61119", "P-51D Mustang", "1:48"), ("Tamiya", "78029", "Battleship Yamato", "1:350"), ("Tamiya", "24359", "Mazda MX-5", "1:24"),
        ("Revell", "03205", "Titanic", "1:700"), ("Revell", "04965", "Eurofighter Typhoon", "1:72"), ("Revell", "07050", "Volkswagen T1 Samba Bus", "1:24"),
        ("Revell", "05417", "HMS Victory", "1:225"), ("Revell", "03250", "Leopard 2A6", "1:35"), ("Revell", "04877", "Apollo 11 Saturn V Rocket", "1:96"),
        ("Italeri", "1392", "F-14A Tomcat", "1:72"), ("Italeri", "3946", "Scania R730 Truck", "1:24"), ("Bandai", "5061", "Gundam RX-78-2 HG", "1:144"),
        ("Bandai", "5058", "Star Wars Millennium Falcon", "1:144"), ("Academy", "12491", "F-4E Phantom II", "1:48"), ("Trumpeter", "05629", "USS Enterprise CV-6", "1:700")]
for i, (brand, code, name, scale) in enumerate(KITS):
    s = i % 4
    lo = 8 if "Starter" in name else (10 if brand != "Tamiya" else 14)
    if s == 0:
        t = "%s %s %s %s Model Kit" % (brand, code, name, scale)
    elif s == 1:
        t = "%s %s Scale %s Plastic Model Kit - %s" % (brand, scale, name, code)
    elif s == 2:
        t = "%s %s %s (%s)%s" % (brand, name, scale, code, agetag(lo, 99, k()))
    else:
        t = "%s %s Model Kit %s %s" % (name, scale, brand, code)
    add("model-kit", brand, t, 9.99 + (i * 7) % 60 + (30 if "Gift" in name or "Victory" in name else 0), model=code, age=(lo, 99))
HCOL = [(1, "Grey Primer", "Matt"), (11, "Silver", "Metallic"), (21, "Black", "Gloss"), (22, "White", "Gloss"), (29, "Dark Earth", "Matt"),
        (33, "Black", "Matt"), (34, "White", "Matt"), (53, "Gunmetal", "Metallic"), (60, "Scarlet", "Matt"), (80, "Grass Green", "Matt"),
        (110, "Natural Wood", "Matt"), (120, "Light Green", "Matt"), (163, "Dark Green", "Satin"), (191, "Chrome Silver", "Metallic"),
        (2, "Emerald", "Gloss"), (14, "French Blue", "Gloss"), (15, "Midnight Blue", "Gloss"), (19, "Bright Red", "Gloss"), (24, "Trainer Yellow", "Matt"),
        (26, "Khaki", "Matt"), (27, "Sea Grey", "Matt"), (31, "Slate Grey", "Matt"), (62, "Leather", "Matt"), (64, "Light Grey", "Matt"),
        (69, "Yellow", "Gloss"), (85, "Coal Black", "Satin"), (86, "Light Olive", "Matt"), (93, "Desert Yellow", "Matt"), (155, "Olive Drab", "Matt"), (240, "Transparent Red", "Gloss")]
for num, col, fin in HCOL:
    add("model-paint", "Humbrol", "Humbrol No. %d %s %s Enamel Paint 14ml" % (num, col, fin), 2.99, model="Humbrol %d" % num, fits=["Airfix", "model kit"])
    if num % 2:
        add("model-paint", "Humbrol", "Humbrol Acrylic Paint Dropper No. %d %s %s" % (num, col, fin), 3.49, model="AB%04d" % num, fits=["Airfix", "model kit"])
TCOL = [("XF-1", "Flat Black"), ("XF-2", "Flat White"), ("XF-7", "Flat Red"), ("XF-60", "Dark Yellow"), ("XF-61", "Dark Green"), ("X-11", "Chrome Silver"),
        ("X-22", "Clear Gloss"), ("XF-63", "German Grey"), ("X-18", "Semi Gloss Black"), ("XF-16", "Flat Aluminium")]
for code, col in TCOL:
    add("model-paint", "Tamiya", "Tamiya Acrylic Paint %s %s 10ml" % (code, col), 3.29, model=code, fits=["Tamiya", "model kit"])
for t, brand in [("Citadel Colour Base Paint Set", "Games Workshop"), ("Vallejo Model Color Basic Set 16 Colours", "Vallejo"), ("Airfix Acrylic Paint Starter Set", "Airfix"),
                 ("Army Painter Wargamers Mega Paint Set", "Army Painter"), ("Tamiya Spray Paint TS-14 Black 100ml", "Tamiya")]:
    add("model-paint", brand, t, 19.99 + len(t) % 20, fits=["model kit"])
MTOOLS = [("Humbrol", "Humbrol Poly Cement Liquid Glue 28ml"), ("Tamiya", "Tamiya Extra Thin Cement 40ml"), ("Revell", "Revell Contacta Professional Glue"),
          ("Humbrol", "Humbrol Modelling Tool Set with Craft Knife"), ("Tamiya", "Tamiya Sharp Pointed Side Cutter"), ("Army Painter", "Army Painter Hobby Brush Set"),
          ("Humbrol", "Humbrol Coloured Brush Pack of 5"), ("Tamiya", "Tamiya Masking Tape 10mm"), ("Revell", "Revell Plastic Sprue Cutter"),
          ("Badger", "Badger Patriot Airbrush Kit"), ("Excel", "Self Healing Cutting Mat A4")]
for brand, t in MTOOLS:
    add("model-tool", brand, t, 4.99 + len(t) % 30, fits=["model kit"])
# trains and track
TRAINS = [("Brio", "Brio World Deluxe Railway Set", 3, "wooden", 149.99), ("Brio", "Brio Figure of 8 Railway Set", 3, "wooden", 39.99),
          ("Brio", "Brio Smart Tech Sound Action Tunnel Travel Set", 3, "wooden", 79.99), ("Bigjigs", "Bigjigs Rail Heritage Playset Mountain", 3, "wooden", 89.99),
          ("Hape", "Hape Railway Bucket Set Figure Eight", 3, "wooden", 34.99), ("Hornby", "Hornby R1270 Flying Scotsman Train Set OO Gauge", 8, "oo", 229.99),
          ("Hornby", "Hornby R1281 Goods Master Train Set", 8, "oo", 189.99), ("Hornby", "Hornby R1247 Caledonian Belle Train Set", 8, "oo", 199.99),
          ("Bachmann", "Bachmann Thomas & Friends Thomas Starter Set OO", 6, "oo", 179.99), ("Fisher-Price", "Thomas & Friends Motorised Talking Thomas Set", 3, "plastic", 44.99)]
for brand, t, lo, g, price in TRAINS:
    model = [w for w in t.split() if w.startswith("R1")][0] if "Hornby R" in t else ""
    add("train-set", brand, t + agetag(lo, 99 if g == "oo" else 8, k()), price, model=model, age=(lo, 99 if g == "oo" else 8))
TRACK = [("Brio", "Brio Expansion Pack Intermediate Wooden Track", ["wooden", "Brio"]), ("Brio", "Brio Rail Bridge", ["wooden", "Brio"]),
         ("Brio", "Brio Curved Track 4 Pieces", ["wooden", "Brio"]), ("Bigjigs", "Bigjigs Rail Wooden Tunnel", ["wooden"]),
         ("Bigjigs", "Bigjigs Rail Railway Crossing", ["wooden"]), ("Hornby", "Hornby R8223 Track Extension Pack A", ["OO Gauge", "Hornby"]),
         ("Hornby", "Hornby R600 Straight Track OO", ["OO Gauge", "Hornby"]), ("Hornby", "Hornby R8206 Track Power Controller", ["OO Gauge", "Hornby"]),
         ("Hornby", "Hornby R7229 Station Platform Kit", ["OO Gauge", "Hornby"]), ("Peco", "Peco Setrack OO Points Left Hand ST-240", ["OO Gauge"]),
         ("Brio", "Brio Battery Powered Engine", ["wooden", "Brio"]), ("Bigjigs", "Bigjigs Rail Engine Shed", ["wooden"])]
for brand, t, f in TRACK:
    add("train-track", brand, t, 9.99 + len(t) % 30, fits=f)
# craft, art, dough
CRAFT = [("Djeco", "Djeco Mosaic Sticker Kit Animals", 5), ("Galt", "Galt Weaving Loom Kit", 7), ("Crayola", "Crayola Washimals Pets Colouring Set", 3),
         ("Hama", "Hama Beads Giant Gift Box 6000 Beads", 5), ("Klutz", "Klutz Sew Your Own Stuffed Animals Kit", 8), ("Klutz", "Klutz Make Your Own Slime Lab", 8),
         ("Melissa & Doug", "Melissa & Doug Wooden Bead Lacing Kit", 4), ("Galt", "Galt Make Your Own Friendship Bracelets", 8),
         ("Djeco", "Djeco Sand Art Kit Fairies", 6), ("SES Creative", "SES Creative Mega Slime Kit", 8), ("Klutz", "Klutz Knitting Kit for Kids", 8),
         ("Crayola", "Crayola Tie Dye Kit", 8), ("Janod", "Janod Atelier Pom-Pom Making Kit", 6), ("Galt", "Galt Jewellery Making Box", 7),
         ("Kitty's Crafts", "Beginners Embroidery Kit with Hoop and Threads", 12), ("Diamond Art Club", "Diamond Painting Kit for Adults, Peacock", 12),
         ("Creative Kids", "Paint Your Own Dinosaur Figures Kit", 5), ("Creative Kids", "Make Your Own Fairy Garden Kit", 6),
         ("Crafty Bitz", "Crafty Bitz Candle Making Kit", 10), ("Paint Sticks", "Rock Painting Kit with 12 Stones", 6),
         ("Kitty's Crafts", "Crochet Kit for Beginners, Amigurumi Animals", 14), ("Figured'Art", "Paint by Numbers for Adults, Mountain Lake, Canvas 40x50cm", 14),
         ("Figured'Art", "Paint by Numbers Kit, Flower Bouquet", 12), ("Melissa & Doug", "Melissa & Doug Sticker Pad Vehicles", 3)]
for brand, t, lo in CRAFT:
    add("craft-kit", brand, t + agetag(lo, 99 if lo >= 12 else 14, k()), 9.99 + len(t) % 25, age=(lo, 99 if lo >= 12 else 14))
ART = [("Crayola", "Crayola Inspiration Art Case 140 Pieces", 5), ("Crayola", "Crayola Washable Markers 24 Pack", 3), ("Crayola", "Crayola My First Palm Grip Crayons", 1),
       ("Faber-Castell", "Faber-Castell Colour Pencils Tin of 48", 6), ("Staedtler", "Staedtler Watercolour Paint Box 12 Colours", 6),
       ("Winsor & Newton", "Winsor & Newton Cotman Watercolour Sketchers Pocket Box", 14), ("Melissa & Doug", "Melissa & Doug Deluxe Double-Sided Wooden Easel", 3),
       ("Hape", "Hape All-in-1 Easel with Chalkboard and Whiteboard", 3), ("Galt", "Galt Ready Mixed Poster Paints 6 Pots", 3), ("Crayola", "Crayola Window Crayons 5 Pack", 3),
       ("Posca", "Posca PC-5M Paint Pens Set of 16", 8), ("Derwent", "Derwent Academy Sketching Pencils Tin", 10), ("Djeco", "Djeco Finger Paint Set", 2),
       ("Melissa & Doug", "Melissa & Doug Water Wow! Reusable Colouring Pad Animals", 3), ("Crayola", "Crayola Colour Wonder Mess Free Colouring Set", 3)]
for brand, t, lo in ART:
    add("art-set", brand, t + agetag(lo, 99 if lo >= 10 else 12, k()), 7.99 + len(t) % 30, age=(lo, 99 if lo >= 10 else 12))
for i, th in enumerate(["Dinosaurs", "Unicorns", "Space", "Animals", "Mandala Patterns for Adults", "Cars and Trucks", "Under the Sea", "Fairy Tales"]):
    lo = 14 if "Adults" in th else 3
    add("colouring-book", "Usborne" if i % 2 else "Buster Books", ("%s Colouring Book" % th) + ("" if "Adults" in th else " for Kids") + agetag(lo, 99 if lo > 3 else 10, k()),
        5.99 + i % 3, age=(lo, 99 if lo > 3 else 10))
for i, (t, lo) in enumerate([("Play-Doh Kitchen Creations Ultimate Ice Cream Truck", 3), ("Play-Doh 10 Pack Colours", 2), ("Play-Doh Dentist Drill 'n Fill", 3),
                             ("Play-Doh Super Colour Pack 20 Tubs", 2), ("Kinetic Sand Sandbox Set 454g", 3), ("Kinetic Sand Dino Dig", 3),
                             ("Plasticine Modelling Clay 12 Colours", 4), ("Jovi Air Dry Modelling Clay 500g", 6)]):
    brand = t.split()[0] if t.split()[0] in ("Play-Doh", "Kinetic", "Jovi") else "Newplast"
    brand = "Kinetic Sand" if brand == "Kinetic" else brand
    add("play-dough", brand, t + agetag(lo, 10, k()), 6.99 + i * 3, age=(lo, 10))
# soft toys: many sizes, as separate products
PLUSH = [("Jellycat", "Bashful Bunny"), ("Jellycat", "Bartholomew Bear"), ("Jellycat", "Amuseable Avocado"), ("Jellycat", "Fuddlewuddle Lion"),
         ("Jellycat", "Bashful Unicorn"), ("Jellycat", "Blossom Tulip Bunny"), ("Steiff", "Teddy Bear Classic 1909"), ("Steiff", "Soft Cuddly Friends Hoppie Rabbit"),
         ("Squishmallows", "Cam the Cat"), ("Squishmallows", "Wendy the Frog"), ("Squishmallows", "Archie the Axolotl"), ("Ty", "Beanie Boos Slush the Husky"),
         ("Build-A-Bear", "Pawlette Panda"), ("Wild Republic", "Cuddlekins Elephant"), ("Wild Republic", "Cuddlekins Sloth"), ("Aurora", "Dinosaur Plush T-Rex")]
for i, (brand, name) in enumerate(PLUSH):
    for j, size in enumerate(["Small", "Medium", "Large"]):
        if (i + j) % 3 == 2 and brand != "Jellycat":
            continue
        cm = {"Small": 18, "Medium": 31, "Large": 51}[size]
        t = ("%s %s %s" % (brand, name, size)) if i % 2 else ("%s %s Soft Toy - %dcm" % (brand, name, cm))
        if brand == "Squishmallows":
            t = "Squishmallows %s %d inch Plush" % (name, [8, 12, 16][j])
        add("plush", brand, t + agetag(0, 99, k()), 14.99 + j * 12, age=(0, 99))
DOLLS = [("Mattel", "Barbie Dreamhouse Adventures Doll", 3), ("Mattel", "Barbie Fashionistas Doll", 3), ("Mattel", "Barbie Careers Vet Doll", 3),
         ("Baby Born", "Baby Born Magic Girl Doll 43cm", 3), ("Baby Annabell", "Baby Annabell Sweet Dreams Doll", 2), ("Our Generation", "Our Generation Doll Ava 18 inch", 3),
         ("LOL Surprise", "LOL Surprise! OMG Fashion Doll", 4), ("Rainbow High", "Rainbow High Fashion Doll Ruby", 6), ("Corolle", "Corolle Mon Premier Poupon Bebe Calin", 1),
         ("Disney", "Disney Frozen Elsa Fashion Doll", 3), ("Sylvanian Families", "Sylvanian Families Chocolate Rabbit Family", 3),
         ("Sylvanian Families", "Sylvanian Families Baby Carry Case Fox", 3), ("Melissa & Doug", "Melissa & Doug Mine to Love Jenna 12 inch Baby Doll", 1)]
for brand, t, lo in DOLLS:
    f = ["Baby Born"] if "Baby Born" in t else (["Our Generation", "18 inch"] if "Our Generation" in t else (["Barbie"] if "Barbie" in t else []))
    add("doll", brand, t + agetag(lo, 10, k()), 14.99 + len(t) % 40, age=(lo, 10), fits=f)
DCLOTHES = [("Baby Born", "Baby Born Deluxe Snowsuit Outfit 43cm", ["Baby Born"]), ("Baby Born", "Baby Born Holiday Swim Set for 43cm Dolls", ["Baby Born"]),
            ("Our Generation", "Our Generation Horse Riding Outfit for 18 inch Dolls", ["Our Generation", "18 inch"]),
            ("Our Generation", "Our Generation Pyjama Party Outfit 18 inch", ["Our Generation", "18 inch"]), ("Mattel", "Barbie Fashions Clothing Pack", ["Barbie"]),
            ("Mattel", "Barbie Closet Playset with Clothes", ["Barbie"]), ("Melissa & Doug", "Mine to Love Baby Doll Nappy and Changing Set", ["12 inch"]),
            ("Corolle", "Corolle Pyjama Outfit for 36cm Baby Doll", ["36cm"])]
for brand, t, f in DCLOTHES:
    add("doll-clothes", brand, t, 12.99 + len(t) % 15, fits=f, age=(3, 10))
for brand, t, lo, price in [("KidKraft", "KidKraft Majestic Mansion Wooden Dolls House with Furniture", 3, 179.99), ("Le Toy Van", "Le Toy Van Daisylane Cottage Dolls House", 3, 149.99),
                            ("Mattel", "Barbie Dreamhouse 3 Storey Playset", 3, 199.99), ("Sylvanian Families", "Sylvanian Families Red Roof Country Home", 3, 89.99),
                            ("Hape", "Hape Doll Family Mansion", 3, 129.99), ("Tender Leaf", "Tender Leaf Toys Willow Dolls House", 3, 119.99)]:
    add("dollhouse", brand, t + agetag(lo, 10, k()), price, age=(lo, 10), fits=["Sylvanian Families"] if "Sylvanian" in t else [])
for brand, t, f in [("Le Toy Van", "Le Toy Van Kitchen Furniture Set for Dolls Houses", []), ("Le Toy Van", "Dolls House Bedroom Furniture Set 1:12", []),
                    ("Sylvanian Families", "Sylvanian Families Country Kitchen Set", ["Sylvanian Families"]), ("Sylvanian Families", "Sylvanian Families Bathroom Set", ["Sylvanian Families"]),
                    ("Hape", "Hape Dolls House Living Room", []), ("Tender Leaf", "Tender Leaf Toys Dolls House Family", []),
                    ("KidKraft", "KidKraft Dolls House Nursery Furniture Pack", []), ("Bigjigs", "Bigjigs Dolls House Garden Furniture Set", [])]:
    add("dollhouse-furniture", brand, t, 14.99 + len(t) % 20, fits=f, age=(3, 10))
FIGS = [("Hasbro", "Marvel Legends Spider-Man 6 inch Action Figure", 4), ("Hasbro", "Star Wars Black Series Darth Vader", 4), ("Mattel", "Jurassic World Dino Trackers T-Rex", 4),
        ("Spin Master", "Paw Patrol Chase Action Figure and Vehicle", 3), ("Hasbro", "Transformers Optimus Prime", 6), ("Mattel", "WWE Elite Collection Figure", 8),
        ("McFarlane", "Minecraft Steve Build-a-Portal Figure", 6), ("Bandai", "Power Rangers Lightning Collection Red Ranger", 4),
        ("Jazwares", "Fortnite Victory Royale Figure", 8), ("Spin Master", "Gabby's Dollhouse Figure Set", 3), ("Mattel", "He-Man Masters of the Universe Figure", 6),
        ("Hasbro", "Peppa Pig Family Figures 4 Pack", 2)]
for brand, t, lo in FIGS:
    add("action-figure", brand, t + agetag(lo, 12, k()), 9.99 + len(t) % 25, age=(lo, 12))
ANIMALS = ["Horse", "Lion", "Elephant", "Giraffe", "Tyrannosaurus Rex", "Triceratops", "Cow", "Pig", "Dolphin", "Wolf", "Tiger", "Stegosaurus", "Border Collie",
           "Brachiosaurus", "Sheep", "Zebra", "Gorilla", "Velociraptor", "Unicorn", "Shetland Pony"]
for i, a in enumerate(ANIMALS):
    brand = "Schleich" if i % 3 else "Papo"
    line = "Dinosaurs" if a in ("Tyrannosaurus Rex", "Triceratops", "Stegosaurus", "Brachiosaurus", "Velociraptor") else ("Horse Club" if "Horse" in a or "Pony" in a else ("Farm World" if a in ("Cow", "Pig", "Sheep", "Border Collie") else "Wild Life"))
    t = "%s %s %s Figure" % (brand, line, a) if i % 2 else "%s %s Toy Figurine%s" % (brand, a, agetag(3, 99, k()))
    add("animal-figure", brand, t, 6.99 + len(a) % 8, model="", age=(3, 99))
for brand, t in [("Schleich", "Schleich Horse Club Horse Stable Playset"), ("Schleich", "Schleich Farm World Large Farm House"), ("Schleich", "Schleich Dinosaurs Volcano Base")]:
    add("animal-figure", brand, t + agetag(3, 12, k()), 59.99, age=(3, 12))
# remote control
RC = [("Hot Wheels", "Hot Wheels RC Rhinomite 1:64", 5, 24.99), ("Maisto", "Maisto Tech Rock Crawler 4x4 RC Truck", 8, 49.99), ("Tamiya", "Tamiya TT-02 Subaru Impreza RC Kit 1:10", 14, 179.99),
      ("Traxxas", "Traxxas Slash 2WD Short Course RC Truck", 14, 299.99), ("Carrera", "Carrera RC Mario Kart Racer", 6, 59.99), ("Revell", "Revell Control Stunt Car Flip Racer", 8, 39.99),
      ("Exost", "Exost 360 Cross Stunt RC Car", 5, 34.99), ("Arrma", "Arrma Granite 4x4 Monster Truck RTR", 14, 249.99), ("WLtoys", "WLtoys 144001 High Speed RC Buggy 1:14", 14, 99.99),
      ("Silverlit", "Silverlit Toddler RC Bumper Car", 2, 19.99)]
for brand, t, lo, price in RC:
    add("rc-car", brand, t + agetag(lo, 99 if lo >= 14 else 12, k()), price, age=(lo, 99 if lo >= 14 else 12), model=("144001" if "144001" in t else ""))
for brand, t, lo, price in [("DJI", "DJI Mini 2 SE Camera Drone", 14, 299.0), ("Silverlit", "Silverlit Flybotic Bumper Drone for Kids", 8, 34.99),
                            ("Potensic", "Potensic A20 Mini Drone for Beginners", 8, 39.99), ("Ryze", "Ryze Tello Programmable Drone", 10, 99.0)]:
    add("drone", brand, t + agetag(lo, 99, k()), price, age=(lo, 99))
for brand, t, f in [("Traxxas", "Traxxas 7.4V 2S LiPo Battery 5800mAh iD", ["Traxxas Slash", "Traxxas"]), ("Tamiya", "Tamiya 7.2V NiMH Racing Pack 1600mAh", ["Tamiya TT-02", "Tamiya"]),
                    ("Arrma", "Arrma Spektrum 3S LiPo Battery for Granite", ["Arrma Granite", "Arrma"]), ("Gens Ace", "Gens Ace 2S 5000mAh LiPo for 1:10 RC Cars", ["1:10"]),
                    ("Traxxas", "Traxxas EZ-Peak Live Battery Charger", ["Traxxas"]), ("WLtoys", "Spare Battery for WLtoys 144001 7.4V", ["144001", "WLtoys"]),
                    ("Maisto", "Maisto Rock Crawler Replacement Battery Pack", ["Maisto"]), ("DJI", "DJI Mini 2 SE Intelligent Flight Battery", ["DJI Mini 2 SE"])]:
    add("rc-battery", brand, t, 19.99 + len(t) % 40, fits=f)
for i, t in enumerate(["Hot Wheels 5 Car Gift Pack", "Hot Wheels 20 Car Pack", "Matchbox 9 Car Pack Construction", "Majorette Porsche Gift Pack 5 Cars",
                       "Siku Tractor with Trailer 1:50", "Bruder Mercedes Benz Dump Truck 1:16", "Bruder JCB Digger 1:16", "Tonka Steel Classic Mighty Dump Truck",
                       "Green Toys Recycling Truck", "Little Tikes Cozy Coupe Car", "Hot Wheels Monster Trucks 1:24 Bigfoot", "Matchbox Fire Engine Action Drivers"]):
    brand = t.split()[0] + (" " + t.split()[1] if t.split()[0] in ("Hot", "Green", "Little") else "")
    typ = "ride-on" if "Cozy Coupe" in t else "toy-car"
    lo = 1 if typ == "ride-on" or "Green" in t else 3
    add(typ, brand, t + agetag(lo, 10, k()), 9.99 + i * 4, age=(lo, 10))
for brand, t in [("Hot Wheels", "Hot Wheels City Ultimate Garage Playset"), ("Hot Wheels", "Hot Wheels Track Builder Unlimited Loop Kit"), ("Matchbox", "Matchbox Action Drivers Car Wash Playset"),
                 ("Brio", "Brio Parking Garage"), ("Bigjigs", "Bigjigs Wooden Car Garage with Lift"), ("Hot Wheels", "Hot Wheels Track Set Loop and Launch")]:
    add("car-playset", brand, t + agetag(3, 10, k()), 29.99 + len(t) % 50, age=(3, 10), fits=["Hot Wheels"] if "Hot Wheels" in t else [])
# baby and toddler
BABY = [("Fisher-Price", "Fisher-Price Rock-a-Stack Stacking Rings", 0), ("Fisher-Price", "Fisher-Price Deluxe Kick & Play Piano Gym", 0),
        ("Lamaze", "Lamaze Freddie the Firefly Clip On Pram Toy", 0), ("VTech", "VTech Baby Sit-to-Stand Walker", 1), ("VTech", "VTech Baby Shape Sorter Truck", 1),
        ("Melissa & Doug", "Melissa & Doug Wooden Shape Sorting Cube", 1), ("Hape", "Hape Pound and Tap Bench with Xylophone", 1), ("Tiny Love", "Tiny Love Meadow Days Play Mat", 0),
        ("Skip Hop", "Skip Hop Explore and More Stacking Cups", 0), ("Galt", "Galt Pop Up Toy", 1), ("Bright Starts", "Bright Starts Oball Rattle", 0),
        ("Munchkin", "Munchkin Teething Toy Set", 0), ("Sophie la Girafe", "Sophie la Girafe Teether", 0), ("LeapFrog", "LeapFrog Learning Friends 100 Words Book", 1),
        ("Plan Toys", "Plan Toys Wooden Push Along Dog", 1), ("Janod", "Janod Wooden Activity Cube", 1), ("Baby Einstein", "Baby Einstein Take Along Tunes Musical Toy", 0),
        ("Infantino", "Infantino Sensory Balls Set of 6", 0)]
for brand, t, lo in BABY:
    add("baby-toy", brand, t + agetag(lo, 3, k()), 12.99 + len(t) % 35, age=(lo, 3))
for brand, t in [("Munchkin", "Munchkin Bath Squirts 8 Pack"), ("Tomy", "Tomy Aqua Fun Octopals"), ("Yookidoo", "Yookidoo Bath Spray Pump Fun Factory"),
                 ("Munchkin", "Munchkin White Hot Safety Bath Ducky"), ("Boon", "Boon Pipes Bath Toy")]:
    add("bath-toy", brand, t + agetag(0, 5, k()), 9.99 + len(t) % 15, age=(0, 5))
# riding toys and scooters, colours as products
RIDE = [("Strider", "Strider 12 Classic Balance Bike", 1, 119.99), ("Kinderfeets", "Kinderfeets Wooden Balance Bike", 2, 89.99), ("Wishbone", "Wishbone 3-in-1 Bike", 1, 179.99),
        ("Radio Flyer", "Radio Flyer Classic Tricycle", 2, 99.99), ("Little Tikes", "Little Tikes Cozy Rocking Horse", 1, 49.99), ("Peg Perego", "Peg Perego John Deere Ground Force Tractor 12V", 3, 399.99),
        ("Razor", "Razor Power Core E90 Electric Scooter", 8, 199.99), ("Hape", "Hape Wonder Walker Push Toy", 1, 69.99)]
for brand, t, lo, price in RIDE:
    typ = "scooter" if "Scooter" in t else "ride-on"
    add(typ, brand, t + agetag(lo, 12 if typ == "scooter" else 6, k()), price, age=(lo, 12 if typ == "scooter" else 6))
for name, lo, hi, price in [("Micro Mini Deluxe Scooter", 2, 5, 99.99), ("Micro Maxi Deluxe Scooter", 5, 12, 139.99), ("Micro Sprite Scooter", 6, 14, 119.99)]:
    for col in ["Pink", "Blue", "Purple", "Green", "Black"]:
        add("scooter", "Micro", "%s - %s%s" % (name, col, agetag(lo, hi, k())), price, age=(lo, hi), colour=col)
for col in ["Red", "Blue", "Pink"]:
    add("scooter", "Globber", "Globber Primo 3 Wheel Scooter with Lights, %s" % col, 59.99, age=(3, 7), colour=col)
    add("ride-on", "Hornit", "Hornit Balance Bike %s" % col if False else "Puky LR M Balance Bike, %s" % col, 109.99, age=(2, 5), colour=col)
# outdoor play
for size, price in [("6ft", 199.99), ("8ft", 269.99), ("10ft", 349.99), ("12ft", 429.99), ("14ft", 499.99)]:
    add("trampoline", "Plum", "Plum %s Springsafe Trampoline with Enclosure" % size, price, model=size, age=(3, 99))
add("trampoline", "Jumpking", "JumpKing 6ft Oval Trampoline and Safety Net", 229.99, model="6ft", age=(3, 99))
add("trampoline", "Little Tikes", "Little Tikes 3ft Toddler Trampoline", 59.99, model="3ft", age=(3, 6))
for t, f in [("Trampoline Ladder 2 Step, Universal", []), ("Plum 10ft Replacement Safety Net", ["10ft", "Plum"]), ("Trampoline Anchor Kit Set of 4", []),
             ("Plum 12ft Trampoline Weather Cover", ["12ft", "Plum"]), ("Replacement Trampoline Springs Pack of 20", []), ("Trampoline Shoe Bag and Pocket", [])]:
    add("trampoline-accessory", "Plum" if "Plum" in t else "Jumpking", t, 19.99 + len(t) % 40, fits=f)
for t, price, lo in [("TP Toys Kingswood 2 Wooden Swing Set", 499.99, 3), ("Plum Wooden Climbing Frame Lookout", 899.99, 3), ("Little Tikes 3-in-1 Swing Set", 99.99, 1),
                     ("Hedstrom Nest Swing 100cm", 69.99, 3), ("Step2 Naturally Playful Clubhouse Climber", 349.99, 2)]:
    add("swing-set", t.split()[0] if not t.startswith("TP") else "TP Toys", t + agetag(lo, 12, k()), price, age=(lo, 12))
for t, typ, lo in [("Little Tikes Turtle Sandpit with Lid", "sand-toys", 1), ("Green Toys Sand Play Set Bucket and Spade", "sand-toys", 1),
                   ("Wader Beach Bucket Set 7 Pieces", "sand-toys", 1), ("Step2 Naturally Playful Sand Table", "sand-toys", 2),
                   ("Plum Wooden Sandpit with Cover", "sand-toys", 2), ("Nerf Super Soaker Hydro Frenzy Water Blaster", "water-toys", 6),
                   ("Zuru Bunch O Balloons 100 Water Balloons", "water-toys", 6), ("Intex Kids Paddling Pool 3ft", "water-toys", 2),
                   ("Little Tikes Fun Zone Splash Water Slide", "water-toys", 3), ("Step2 Rain Showers Splash Pond Water Table", "water-toys", 1),
                   ("Intex Inflatable Swim Ring 76cm", "water-toys", 3)]:
    brand = " ".join(t.split()[:2]) if t.split()[0] in ("Little", "Green", "Super") else t.split()[0]
    add(typ, brand, t + agetag(lo, 10, k()), 9.99 + len(t) % 60, age=(lo, 10))
for t, lo in [("Swingball All Surface Pro", 5), ("Giant Garden Jenga Tumbling Tower", 5), ("Jaques of London Croquet Set", 8), ("Wooden Kubb Viking Lawn Game", 6),
              ("Cornhole Bean Bag Toss Game Set", 6), ("Garden Quoits Rope Ring Toss", 4), ("Swingball Early Fun Set", 3), ("Garden Skittles Wooden Set", 3),
              ("Giant Connect 4 in a Row Garden Game", 5), ("Mini Golf Putting Set for Kids", 3)]:
    add("garden-game", "Jaques of London" if "Jaques" in t else ("Mookie" if "Swingball" in t else "Garden Games Ltd"), t + agetag(lo, 99, k()), 24.99 + len(t) % 40, age=(lo, 99))
for t, lo in [("Peter Lynn Rainbow Box Kite", 6), ("Brookite Dragon Kite with Long Tail", 4), ("HQ Kites Delta Kite 120cm", 6), ("Prism Synapse Dual Line Power Kite", 12),
              ("Brookite Parrot Kite for Kids", 3), ("Peter Lynn Sea Turtle Kite", 5)]:
    add("kite", t.split()[0] + " " + t.split()[1] if t.split()[0] in ("Peter", "HQ") else t.split()[0], t + agetag(lo, 99, k()), 14.99 + len(t) % 45, age=(lo, 99))
for t, lo in [("Teepee Play Tent for Kids with Mat", 3), ("Pop Up Play Tent Castle", 3), ("Dinosaur Play Tent and Tunnel Set", 3), ("Ball Pit with 200 Balls", 1),
              ("Fabric Play Tunnel 180cm", 2)]:
    add("play-tent", "Hide & Seek", t + agetag(lo, 8, k()), 29.99 + len(t) % 30, age=(lo, 8))
# science and coding
SCI = [("National Geographic", "National Geographic Mega Crystal Growing Kit", 8), ("National Geographic", "National Geographic Break Open 10 Premium Geodes", 6),
       ("National Geographic", "National Geographic Mega Fossil Dig Kit", 8), ("Horrible Science", "Horrible Science Disgusting Experiments Kit", 8),
       ("Thames & Kosmos", "Thames & Kosmos Chemistry C1000 Set", 10), ("Thames & Kosmos", "Thames & Kosmos Solar Power Energy Kit", 8),
       ("Learning Resources", "Learning Resources Primary Science Lab Set", 3), ("Learning Resources", "Learning Resources Geosafari Jr. Kidscope Microscope", 3),
       ("Celestron", "Celestron Kids Microscope Kit 40x-400x", 8), ("Celestron", "Celestron FirstScope Telescope for Beginners", 8),
       ("4M", "4M KidzLabs Volcano Making Kit", 8), ("4M", "4M Green Science Solar Robot", 8), ("4M", "4M Crystal Mining Kit", 8),
       ("Snap Circuits", "Snap Circuits Jr. SC-100 Electronics Kit", 8), ("Galt", "Galt Ant Farm Nature Kit", 6), ("Insect Lore", "Insect Lore Live Butterfly Garden", 4),
       ("Clementoni", "Clementoni Science Museum Human Body Kit", 8), ("Brainstorm", "Brainstorm Glow in the Dark Solar System Kit", 5)]
for brand, t, lo in SCI:
    add("science-kit", brand, t + agetag(lo, 14, k()), 14.99 + len(t) % 50, age=(lo, 14), model=("SC-100" if "SC-100" in t else ""))
for brand, t, lo, price in [("Sphero", "Sphero Mini Coding Robot Ball", 8, 49.99), ("Learning Resources", "Code & Go Robot Mouse Activity Set", 4, 59.99),
                            ("LEGO", "LEGO Education SPIKE Essential Set", 6, 289.99), ("Makeblock", "Makeblock mBot Neo Coding Robot Kit", 8, 139.99),
                            ("Wonder Workshop", "Wonder Workshop Dash Coding Robot", 6, 149.99), ("Osmo", "Osmo Coding Starter Kit for iPad", 5, 79.99)]:
    add("coding-robot", brand, t + agetag(lo, 14, k()), price, age=(lo, 14))
# pretend play
for brand, t, price in [("KidKraft", "KidKraft Uptown Espresso Wooden Play Kitchen", 149.99), ("Hape", "Hape Gourmet Chef Kitchen", 119.99),
                        ("Little Tikes", "Little Tikes First Market Kitchen", 99.99), ("Tender Leaf", "Tender Leaf Toys Toasty Kitchen", 129.99),
                        ("Melissa & Doug", "Melissa & Doug Wooden Chef's Kitchen", 159.99), ("Step2", "Step2 Dream Kitchen Play Set", 179.99)]:
    add("play-kitchen", brand, t + agetag(3, 8, k()), price, age=(3, 8))
for brand, t in [("Melissa & Doug", "Melissa & Doug Cutting Food Wooden Play Food"), ("Melissa & Doug", "Melissa & Doug Slice and Bake Cookie Set"),
                 ("Hape", "Hape Healthy Fruit Play Food Set"), ("Learning Resources", "Learning Resources New Sprouts Breakfast Set"),
                 ("Le Toy Van", "Le Toy Van Pots and Pans Set"), ("Tender Leaf", "Tender Leaf Toys Tea Set for Play Kitchens"),
                 ("Janod", "Janod Wooden Vegetable Crate Play Food"), ("Bigjigs", "Bigjigs Wooden Pizza Making Set")]:
    add("play-food", brand, t + agetag(2, 8, k()), 14.99 + len(t) % 20, age=(2, 8))
for brand, t, lo in [("Melissa & Doug", "Melissa & Doug Doctor's Kit Role Play Set", 3), ("Theo Klein", "Theo Klein Bosch Workbench", 3), ("Casdon", "Casdon Henry Toy Vacuum Cleaner", 3),
                     ("Casdon", "Casdon Morphy Richards Toaster", 3), ("Learning Resources", "Learning Resources Pretend & Play Cash Register", 3),
                     ("Melissa & Doug", "Melissa & Doug Vet Play Set", 3), ("Theo Klein", "Theo Klein Miele Washing Machine Toy", 3),
                     ("Hape", "Hape Supermarket Shopping Trolley", 2), ("Melissa & Doug", "Melissa & Doug Fire Chief Role Play Costume Set", 3)]:
    typ = "dress-up" if "Costume" in t else "pretend-play"
    add(typ, brand, t + agetag(lo, 8, k()), 19.99 + len(t) % 30, age=(lo, 8))
for brand, t, lo in [("Hape", "Hape Rainbow Xylophone", 1), ("Bontempi", "Bontempi Kids Electronic Keyboard 37 Keys", 3), ("Mini Drum Co", "Kids Drum Kit 3 Piece with Stool", 3),
                     ("Hape", "Hape Early Melodies Wooden Ukulele", 3), ("VTech", "VTech Kidi Star Karaoke Microphone", 4), ("Halilit", "Halilit Maracas Pair", 1),
                     ("Reig", "Reig My First Guitar", 3), ("Janod", "Janod Confetti Music Set 4 Instruments", 2), ("VTech", "VTech KidiSuper Star DJ Studio", 6),
                     ("Hohner", "Hohner Kids Recorder", 5)]:
    add("musical-toy", brand, t + agetag(lo, 10, k()), 14.99 + len(t) % 40, age=(lo, 10))
for t, lo in [("Marvin's Magic 150 Amazing Magic Tricks Set", 8), ("Marvin's Magic Mind-Blowing Card Tricks", 6), ("Ravensburger Magic Show Kit Ages 7+", 7),
              ("Marvin's Magic Made Easy Wand Set", 6), ("Hanky Panky Magic Set for Beginners", 6)]:
    add("magic-set", t.split()[0] + " " + t.split()[1] if t.startswith("Marvin") else t.split()[0], t if "Ages" in t else t + agetag(lo, 99, k()), 12.99 + len(t) % 20, age=(lo, 99))
for t, lo in [("Duncan Butterfly XT Yo-Yo", 6), ("Duncan Imperial Yo-Yo", 6), ("Henrys Diabolo Beach Set", 8), ("Juggling Balls Set of 3 with Instructions", 8),
              ("Pop It Fidget Toy Rainbow", 3), ("Tangle Jr. Original Fidget", 3), ("Infinity Cube Fidget", 6), ("Spirograph Deluxe Design Set", 8),
              ("Slinky Original Metal Spring Toy", 5), ("Zoom Ball Two Player Game", 6), ("Kendama Wooden Catch Toy", 6), ("Pogo Stick for Kids", 6)]:
    add("skill-toy", t.split()[0], t + agetag(lo, 99, k()), 5.99 + len(t) % 25, age=(lo, 99))
COSTUME = [("Rubie's", "Rubie's Official Spider-Man Costume"), ("Rubie's", "Rubie's Disney Frozen Elsa Dress"), ("Smiffys", "Smiffys Pirate Captain Costume"),
           ("Smiffys", "Smiffys Astronaut Costume"), ("Dress Up by Design", "Dinosaur T-Rex Costume with Tail"), ("Smiffys", "Smiffys Unicorn Costume"),
           ("Rubie's", "Rubie's Harry Potter Gryffindor Robe"), ("Smiffys", "Smiffys Police Officer Costume"), ("Dress Up by Design", "Knight Costume with Shield")]
for i, (brand, t) in enumerate(COSTUME):
    add("dress-up", brand, t + [", Kids", " for Children", " - Boys and Girls Fancy Dress", ""][i % 4], 19.99 + len(t) % 20, age=(3, 10),
        options=("Size", ["3-4 Years", "5-6 Years", "7-8 Years", "9-10 Years"]))
for brand, t, lo, price in [("Nerf", "Nerf Elite 2.0 Commander RD-6 Blaster", 8, 19.99), ("Nerf", "Nerf Elite 2.0 Eaglepoint Blaster", 8, 39.99),
                            ("Nerf", "Nerf Fortnite BASR-L Blaster", 8, 34.99), ("Nerf", "Nerf Ultra One Motorised Blaster", 8, 49.99),
                            ("X-Shot", "X-Shot Excel Hawk Eye Foam Dart Blaster", 8, 17.99), ("X-Shot", "X-Shot Insanity Mad Mega Barrel", 8, 24.99),
                            ("Nerf", "Nerf Rival Kronos XVIII-500", 14, 24.99)]:
    add("foam-blaster", brand, t + agetag(lo, 99, k()), price, age=(lo, 99))
for brand, t, f in [("Nerf", "Nerf Elite Foam Darts Refill 30 Pack", ["Nerf Elite"]), ("Nerf", "Nerf Ultra Darts 20 Pack", ["Nerf Ultra"]),
                    ("Nerf", "Nerf Rival Rounds 50 Pack", ["Nerf Rival"]), ("X-Shot", "X-Shot Foam Darts Refill 100 Pack", ["X-Shot"]),
                    ("Nerf", "Nerf Elite 2.0 Tactical Vest Kit", ["Nerf Elite"])]:
    add("foam-darts", brand, t, 9.99 + len(t) % 15, fits=f)

with open("toys.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(HEAD)
    w.writerows(rows)
with open("truth.tsv", "w", encoding="utf-8") as f:
    f.write("# shop\tkey\ttype\taccessory_of\tmodel\tpath (when the catalog keeps a coarser one than the feed says)\t(unused)\tcolour\tfits (ages: age N, adult; what an accessory is made for)\ttitle (for readers)\n")
    for t in truth:
        f.write("\t".join(t) + "\n")
print(len(truth), "products,", len(rows), "rows")
