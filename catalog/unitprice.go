package catalog

import (
	"math"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// A product sold by the box, the bottle or the bag can say how much one purchase
// brings, so that a person comparing a 100-pack with a 1000-pack sees the price of a
// unit: the attributes
//
//   - AttrUnitMeasure ("1000 count", "16 fl oz", "750 ml"): Merchant Center's
//     unit_pricing_measure; the feeds write Amazon's unit_count and unit_count_type
//     into it;
//   - AttrUnitBase ("100 ml", "1 kg"): Merchant Center's unit_pricing_base_measure,
//     the quantity the unit price is for;
//   - "pack" ("pack of 100"), a pack count, read as a count when no measure is given.
//
// Nothing else is read: a title's "100-Pack" is not (a title's number is not always a
// count of what is sold: "6-Pack Abs Roller", "2-Pack Kit"), so a product whose data
// says nothing has no unit price.
const (
	AttrUnitMeasure = "unit_pricing_measure"
	AttrUnitBase    = "unit_pricing_base_measure"
)

// UnitPrice is the price of Quantity of Unit of a product: Price is in minor units,
// the product's price × Quantity ÷ the measure, rounded to the nearest minor unit
// (halves away from zero).
type UnitPrice struct {
	Price    money.Money
	Quantity float64 // 1, 100, 1000 or the seller's base measure
	Unit     string  // "count", or a measure's unit: "oz", "fl oz", "lb", "g", "kg", "ml", "l", "ft"…
}

// Per says what the unit price is for: "each", "per 100", "per oz", "per 100 ml".
func (u UnitPrice) Per() string {
	q := strconv.FormatFloat(u.Quantity, 'f', -1, 64)
	switch {
	case u.Unit == "count" && u.Quantity == 1:
		return "each"
	case u.Unit == "count":
		return "per " + q
	case u.Quantity == 1:
		return "per " + u.Unit
	}
	return "per " + q + " " + u.Unit
}

// String is the unit price as a person reads it: "$9.80 per 100".
func (u UnitPrice) String() string { return u.Price.String() + " " + u.Per() }

// UnitPrice returns p's unit price and whether its attributes give one (see
// AttrUnitMeasure). Products of a search's results carry it as Hit.UnitPrice instead.
func (p Product) UnitPrice() (UnitPrice, bool) {
	return unitPriceOf(p.Price, p.Attributes[AttrUnitMeasure], p.Attributes[AttrUnitBase], p.Attributes["pack"])
}

// unitPriceOf is the unit price of price for measure (else the pack count of pack,
// "pack of 100"), per base when given, else per the usual quantity of the measure's
// unit: for a count, each when a unit costs at least one whole unit of the currency
// ($1, ¥1), else per 100 when that does (or costs less) and the pack holds at least
// 10, else per 1000 when it holds at least 100, so that the packs of one product
// (15, 50, 100) show their unit prices per the same count; per 100 g or 100 ml; per 1
// of any other unit. A
// measure or base that is not a positive number and a known unit, a base in another
// kind of unit than the measure's (a weight for a volume), and a count of one give
// none. A measure equal to what the price is shown per ("$11.99 per 100" for a
// 100-pack) is still shown, so that it compares with its siblings' ("$8.40 per 100").
func unitPriceOf(price money.Money, measure, base, pack string) (UnitPrice, bool) {
	if price.Amount <= 0 {
		return UnitPrice{}, false
	}
	var qty float64
	var unit string
	if measure != "" {
		var ok bool
		if qty, unit, ok = parseMeasure(measure); !ok {
			return UnitPrice{}, false
		}
	} else if n, ok := strings.CutPrefix(pack, "pack of "); ok {
		c, err := strconv.Atoi(n)
		if err != nil || c <= 1 {
			return UnitPrice{}, false
		}
		qty, unit = float64(c), "count"
	} else {
		return UnitPrice{}, false
	}
	if unit == "count" && qty <= 1 {
		return UnitPrice{}, false // one item: its price is the price of one
	}
	kind, factor := unitKinds[unit].kind, unitKinds[unit].factor
	per, perUnit := 1.0, unit
	switch {
	case base != "":
		bq, bu, ok := parseMeasure(base)
		if !ok || unitKinds[bu].kind != kind {
			return UnitPrice{}, false
		}
		per, perUnit = bq, bu
	case unit == "g" || unit == "ml":
		per = 100
	case unit == "count":
		major := math.Pow10(money.Exponent(price.Currency))
		for _, p := range []float64{100, 1000} {
			if float64(price.Amount)*per/qty >= major || p > 10*qty {
				break
			}
			per = p
		}
	}
	amount := math.Round(float64(price.Amount) * per * unitKinds[perUnit].factor / (qty * factor))
	if amount < 1 || amount > math.MaxInt64/2 {
		return UnitPrice{}, false
	}
	return UnitPrice{Price: money.Money{Amount: int64(amount), Currency: price.Currency}, Quantity: per, Unit: perUnit}, true
}

// unitKinds are the units a measure may be written in, by the name UnitPrice shows,
// with what they measure and their size in that kind's smallest usual unit, so that a
// base may be written in another unit of the same kind (750 g per 1 kg).
var unitKinds = map[string]struct {
	kind   string
	factor float64
}{
	"count": {"count", 1},
	"mg":    {"mass", 0.001}, "g": {"mass", 1}, "kg": {"mass", 1000},
	"oz": {"avoirdupois", 1}, "lb": {"avoirdupois", 16},
	"ml": {"volume", 1}, "cl": {"volume", 10}, "l": {"volume", 1000},
	"fl oz": {"us volume", 1}, "pt": {"us volume", 16}, "qt": {"us volume", 32}, "gal": {"us volume", 128},
	"mm": {"length", 1}, "cm": {"length", 10}, "m": {"length", 1000},
	"in": {"us length", 1}, "ft": {"us length", 12}, "yd": {"us length", 36},
	"sq ft": {"us area", 1}, "sqm": {"area", 1},
}

// unitNames are the ways feeds write the units of unitKinds (lower case, without a
// final "."), by the name shown.
var unitNames = map[string]string{
	"count": "count", "ct": "count", "each": "count", "ea": "count", "piece": "count", "pieces": "count",
	"pc": "count", "pcs": "count", "unit": "count", "units": "count", "item": "count", "items": "count",
	"mg": "mg", "milligram": "mg", "milligrams": "mg",
	"g": "g", "gr": "g", "gram": "g", "grams": "g", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
	"oz": "oz", "ounce": "oz", "ounces": "oz", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
	"ml": "ml", "milliliter": "ml", "milliliters": "ml", "millilitre": "ml", "millilitres": "ml",
	"cl": "cl", "centiliter": "cl", "centilitre": "cl",
	"l": "l", "liter": "l", "liters": "l", "litre": "l", "litres": "l",
	"fl oz": "fl oz", "floz": "fl oz", "fluid ounce": "fl oz", "fluid ounces": "fl oz",
	"pt": "pt", "pint": "pt", "pints": "pt", "qt": "qt", "quart": "qt", "quarts": "qt",
	"gal": "gal", "gallon": "gal", "gallons": "gal",
	"mm": "mm", "millimeter": "mm", "millimeters": "mm", "cm": "cm", "centimeter": "cm", "centimeters": "cm",
	"m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
	"in": "in", "inch": "in", "inches": "in", "ft": "ft", "foot": "ft", "feet": "ft",
	"yd": "yd", "yard": "yd", "yards": "yd",
	"sq ft": "sq ft", "sqft": "sq ft", "square foot": "sq ft", "square feet": "sq ft",
	"sqm": "sqm", "sq m": "sqm", "m2": "sqm", "square meter": "sqm", "square meters": "sqm", "square metre": "sqm",
}

// parseMeasure reads "750 ml", "750ml", "1,000 Count" or "16 Fl Oz": a positive
// number (a "," between thousands is left out; a "," as a decimal point is read as one
// when no "." is written and it is not followed by three digits) and a unit of
// unitNames.
func parseMeasure(s string) (qty float64, unit string, ok bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
		i++
	}
	num, word := s[:i], strings.Join(strings.Fields(strings.TrimSuffix(s[i:], ".")), " ")
	if c := strings.LastIndexByte(num, ','); c >= 0 && !strings.Contains(num, ".") && len(num)-c-1 != 3 {
		num = num[:c] + "." + num[c+1:]
	}
	num = strings.ReplaceAll(num, ",", "")
	q, err := strconv.ParseFloat(num, 64)
	unit, known := unitNames[word]
	if err != nil || !known || q <= 0 || math.IsInf(q, 0) || q > 1e12 {
		return 0, "", false
	}
	return q, unit, true
}
