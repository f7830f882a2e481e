package recommend

import (
	"context"
	"fmt"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// MaxRankedMatches exports maxRankedMatches to the tests of package recommend_test.
const MaxRankedMatches = maxRankedMatches

// WeightNames are the names RankWith and DefaultWeights give the weights of the score.
var WeightNames = []string{"text", "statedCat", "statedBrand", "histCat", "histBrand", "co", "similar", "price", "quality", "pop", "catPop", "due"}

func (f *features) field(name string) *float64 {
	switch name {
	case "text":
		return &f.text
	case "statedCat":
		return &f.statedCat
	case "statedBrand":
		return &f.statedBrand
	case "histCat":
		return &f.histCat
	case "histBrand":
		return &f.histBrand
	case "co":
		return &f.co
	case "similar":
		return &f.similar
	case "price":
		return &f.price
	case "quality":
		return &f.quality
	case "pop":
		return &f.pop
	case "catPop":
		return &f.catPop
	case "due":
		return &f.due
	}
	panic(fmt.Sprintf("no weight %q", name))
}

// DefaultWeights returns the committed weights by name, and the half-life of the
// history as "halfLifeDays".
func DefaultWeights() map[string]float64 {
	w := weights()
	out := map[string]float64{"halfLifeDays": halfLifeDays, "coHalfLifeDays": coHalfLifeDays}
	for _, n := range WeightNames {
		out[n] = *w.field(n)
	}
	return out
}

// RankWith is Rank with the weights named in w; nil means the committed ones, and a
// name w lacks keeps its committed weight.
func RankWith(ctx context.Context, c *catalog.Catalog, in Input, w map[string]float64) (Result, error) {
	p := defaultParams()
	for n, v := range w {
		switch {
		case n == "halfLifeDays":
			p.halfLife = v
		case n == "coHalfLifeDays":
			p.coHalfLife = v
		case n == "coSlots":
			p.coSlots = v
		default:
			*p.w.field(n) = v
		}
	}
	return rank(ctx, c, in, p)
}
