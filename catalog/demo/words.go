package demo

// This file holds the shared vocabulary: the shape of a category's phrase bank and the
// sentence templates, adjectives and closing lines that every category draws on. The
// per-category banks are in categories.go. All text here is original to this project.
//
// Templates use these placeholders, filled in by expand:
//
//	{brand} {model} {Noun} (title form) {noun} (description form) {material} {use}
//	{adj} {aadj} (the adjective with "a" or "an" before it)
//
// The benchmark words CommonWord and RareWord must not appear anywhere in these banks;
// the generator adds them at controlled rates (see generate.go).

// category is the phrase bank for one category path.
type category struct {
	path   string
	code   string // id segment, unique per category: "nw-shoe-0007"
	seller int    // index into demoSellers
	alt    int    // a second seller for about one product in five; -1 for none
	count  int    // products in the demo catalog; also the weight in Generate

	brands    []string
	models    []string // product line names; see also suffixes
	suffixes  bool     // models may take a version suffix such as " 2" or " Pro"
	nouns     []noun
	title     string // title template; empty means defaultTitle
	titleAttr string // attribute whose value is appended to the title after a comma

	materials   []string // what it is made with, unless the noun says; also the materialKey attribute
	materialKey string   // attribute name for the material; empty for none
	uses        []string // completes "for …"
	features    []string // whole sentences about the product
	tags        []string
	attrs       []attr

	adjs    []string // nil means sharedAdjs
	openers []string // nil means the shared openers, picked by the noun's number
	closers []string // nil means goodsClosers
}

// noun is one kind of product in a category.
type noun struct {
	title  string // as in a title: "Men's Trail Running Shoes"
	desc   string // as in a sentence: "trail running shoe"; plural if it ends in s (not ss)
	tag    string // tag every product of this kind gets
	lo, hi int    // price range in whole US dollars
	// mats, when set, replaces the category's materials for this kind of product.
	mats []string
}

// attr is an attribute and the values it takes.
type attr struct {
	key    string
	values []string
}

const defaultTitle = "{brand} {model} {Noun}"

// singularOpeners and pluralOpeners start every description; which list is used
// depends on the noun so the verbs agree.
var singularOpeners = []string{
	"The {model} {noun} from {brand} is made with {material} for {use}.",
	"Built for {use}, this {adj} {noun} from {brand} is made with {material}.",
	"{brand}'s {model} is {aadj} {noun} made with {material} and designed for {use}.",
	"Meet the {model}: {aadj} {noun} made with {material} that is ready for {use}.",
	"Made with {material}, the {brand} {model} is {aadj} {noun} for {use}.",
}

var pluralOpeners = []string{
	"The {model} {noun} from {brand} are made with {material} for {use}.",
	"Built for {use}, these {adj} {noun} from {brand} are made with {material}.",
	"{brand}'s {model} {noun} are {adj}, made with {material} and designed for {use}.",
	"Meet the {model}: {adj} {noun} made with {material} that are ready for {use}.",
	"Made with {material}, the {brand} {model} {noun} are {adj} and ready for {use}.",
}

// bookOpeners replace the openers for books, where "made with" reads oddly.
var bookOpeners = []string{
	"{model} is {aadj} {noun} from {brand}, with {material} and ideas for {use}.",
	"Written for {use}, this {adj} {noun} from {brand} comes with {material}.",
	"From {brand}, {model} is {aadj} {noun} featuring {material}, perfect for {use}.",
}

var sharedAdjs = []string{
	"lightweight", "durable", "versatile", "thoughtfully designed", "reliable",
	"compact", "well-made", "practical", "premium", "dependable", "modern",
	"easy-care", "sturdy", "good-looking",
}

// goodsClosers end about half the descriptions of durable goods.
var goodsClosers = []string{
	"Backed by a two-year limited warranty.",
	"Ships in plastic-free, recyclable packaging.",
	"Free 30-day returns on unused items.",
	"Designed and tested by a small team that uses its own gear every day.",
	"A thoughtful gift for anyone who appreciates well-made things.",
	"Replacement parts are available for years after purchase.",
}

// consumableClosers end descriptions of food, beauty and other things that get used up.
var consumableClosers = []string{
	"Ships in recyclable packaging.",
	"Made in small batches for freshness.",
	"Set up a repeat delivery so you never run out.",
	"A thoughtful gift for anyone who loves a small daily ritual.",
	"Store in a cool, dry place away from direct sunlight.",
}

var bookClosers = []string{
	"Makes a thoughtful gift.",
	"Printed on responsibly sourced paper.",
	"Also available as an e-book.",
	"Includes a full index for quick reference.",
}

// modelSuffixes are appended to model names in categories that allow them; empty
// entries weight the draw toward no suffix.
var modelSuffixes = []string{"", "", "", "", "", " 2", " 3", " Pro", " Lite", " Plus", " LT", " XT", " Max"}

// Generated sellers are named from these two lists; see genSellers.
var (
	sellerFirst = []string{
		"Harborline", "Juniper", "Bramble", "Foxglove", "Ironwood", "Bluebell",
		"Riverstone", "Windrose", "Cedar Hollow", "Kingfisher", "Thistle", "Copperfield",
		"Willowby", "Silverbirch", "Oakmoss", "Sparrowhawk", "Millbrook", "Lanternlight",
		"Driftwood", "Goldcrest",
	}
	sellerLast = []string{"Supply Co.", "Goods", "Market", "Outfitters", "Trading", "General Store", "Mercantile"}
)
