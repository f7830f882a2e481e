package tools

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// learnedTop is how many categories and brands get_preferences reports from history.
const learnedTop = 5

type priceRangeView struct {
	Min *float64 `json:"min,omitempty" jsonschema:"lowest price of one item, in major units (e.g. 20 or 49.99); absent for no lower bound"`
	Max *float64 `json:"max,omitempty" jsonschema:"highest price of one item, in major units; absent for no upper bound"`
	// currency is the customer's currency (their spending rules'), which text shows
	// the bounds in.
	currency string
}

// preferencesView is what the customer has said, as the tools show and take it.
type preferencesView struct {
	FavoriteCategories []string          `json:"favorite_categories" jsonschema:"category paths; each also covers its subcategories"`
	FavoriteBrands     []string          `json:"favorite_brands"`
	DislikedBrands     []string          `json:"disliked_brands" jsonschema:"never recommended"`
	Sizes              map[string]string `json:"sizes" jsonschema:"size per kind of item, e.g. shoes: 10, shirts: M"`
	PriceRange         *priceRangeView   `json:"price_range,omitempty" jsonschema:"price range for recommendations; absent when none is set"`
	Notes              string            `json:"notes,omitempty" jsonschema:"free text from the customer"`
	UpdatedAt          string            `json:"updated_at,omitempty" jsonschema:"when the preferences were last changed (RFC 3339); absent if never"`
}

type tallyView struct {
	Name   string `json:"name"`
	Orders int    `json:"orders" jsonschema:"completed orders in it"`
}

type learnedView struct {
	TopCategories []tallyView `json:"top_categories" jsonschema:"categories the customer bought most (top 5)"`
	TopBrands     []tallyView `json:"top_brands" jsonschema:"brands the customer bought most (top 5)"`
}

type preferencesResult struct {
	preferencesView
	Learned learnedView `json:"learned" jsonschema:"learned from completed orders; recommend uses it, and it cannot be edited"`
}

func (t *Toolbox) getPreferencesTool() server.ServerTool {
	return server.ServerTool{
		Tool: mcp.NewTool("get_preferences",
			mcp.WithTitleAnnotation("Get shopping preferences"),
			mcp.WithDescription(`The current customer's stated shopping preferences: favourite categories and brands, disliked brands, sizes, price range and notes; plus what the server has learned from their completed orders (the categories and brands they buy most, with order counts).

Use it before suggesting products or sizes`+t.unlessReadOnly(", and to check what is saved before changing it with update_preferences")+`. recommend already applies these preferences; search_products does not, so pass sizes, brands or a price range to it yourself when they matter.`),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[preferencesResult]()),
			mcp.WithReadOnlyHintAnnotation(true),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(false),
		),
		Handler: t.getPreferences,
	}
}

func (t *Toolbox) getPreferences(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	if _, err := bind[struct{}](req); err != nil {
		return t.fail(ctx, "get_preferences", err), nil
	}
	customer, err := t.customerStore(ctx)
	if err != nil {
		return t.fail(ctx, "get_preferences", err), nil
	}
	out, err := t.preferences(ctx, customer)
	if err != nil {
		return t.fail(ctx, "get_preferences", err), nil
	}
	return mcp.NewToolResultStructured(out, out.text()), nil
}

// preferences loads the customer's preferences and what their orders say.
func (t *Toolbox) preferences(ctx context.Context, customer string) (preferencesResult, error) {
	p, err := t.Store.Preferences(ctx, customer)
	if err != nil {
		return preferencesResult{}, err
	}
	cats, brands, err := t.Store.OrderTallies(ctx, customer, learnedTop)
	if err != nil {
		return preferencesResult{}, err
	}
	rules, err := t.Store.Rules(ctx, customer)
	if err != nil {
		return preferencesResult{}, err
	}
	return preferencesResult{preferencesView: viewOfPreferences(p, rules.Currency), Learned: learnedView{TopCategories: tallies(cats), TopBrands: tallies(brands)}}, nil
}

// viewOfPreferences shows p; currency is the customer's, which the price range is in.
func viewOfPreferences(p store.Preferences, currency string) preferencesView {
	v := preferencesView{
		FavoriteCategories: orEmpty(p.FavoriteCategories), FavoriteBrands: orEmpty(p.FavoriteBrands),
		DislikedBrands: orEmpty(p.DislikedBrands), Sizes: p.Sizes, Notes: p.Notes,
	}
	if v.Sizes == nil {
		v.Sizes = map[string]string{}
	}
	if p.PriceMin != nil || p.PriceMax != nil {
		v.PriceRange = &priceRangeView{Min: p.PriceMin, Max: p.PriceMax, currency: currency}
	}
	if !p.UpdatedAt.IsZero() {
		v.UpdatedAt = p.UpdatedAt.UTC().Format(time.RFC3339)
	}
	return v
}

func tallies(ts []store.Tally) []tallyView {
	out := make([]tallyView, 0, len(ts))
	for _, x := range ts {
		out = append(out, tallyView{Name: x.Name, Orders: x.Count})
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// text is the readable fallback for clients that do not use structuredContent.
func (r preferencesResult) text() string { return withSellerNote(r.lines()) }

// lines shows the preferences a line each. The learned categories and brands come from
// orders, so from sellers: they are quoted (catalog.SellerText).
func (r preferencesResult) lines() string {
	var b strings.Builder
	line := func(label string, items []string) {
		if len(items) == 0 {
			items = []string{"none"}
		}
		b.WriteString(label + ": " + strings.Join(items, ", ") + "\n")
	}
	line("Favourite categories", r.FavoriteCategories)
	line("Favourite brands", r.FavoriteBrands)
	line("Disliked brands", r.DislikedBrands)
	var sizes []string
	for _, k := range slices.Sorted(maps.Keys(r.Sizes)) {
		sizes = append(sizes, k+" "+r.Sizes[k])
	}
	line("Sizes", sizes)
	b.WriteString("Price range: " + r.PriceRange.text() + "\n")
	if r.Notes != "" {
		b.WriteString("Notes: " + r.Notes + "\n")
	}
	var learned []string
	for _, x := range r.Learned.TopCategories {
		learned = append(learned, fmt.Sprintf("%s (%d)", catalog.SellerText(x.Name), x.Orders))
	}
	line("Bought most, by category", learned)
	learned = learned[:0]
	for _, x := range r.Learned.TopBrands {
		learned = append(learned, fmt.Sprintf("%s (%d)", catalog.SellerText(x.Name), x.Orders))
	}
	line("Bought most, by brand", learned)
	return strings.TrimRight(b.String(), "\n")
}

func (p *priceRangeView) text() string {
	switch {
	case p == nil:
		return "none"
	case p.Min != nil && p.Max != nil:
		return p.money(*p.Min) + " to " + p.money(*p.Max)
	case p.Min != nil:
		return "from " + p.money(*p.Min)
	}
	return "up to " + p.money(*p.Max)
}

// same reports whether p and q are the same bounds.
func (p *priceRangeView) same(q *priceRangeView) bool {
	if p == nil || q == nil {
		return p == q
	}
	eq := func(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	return eq(p.Min, q.Min) && eq(p.Max, q.Max)
}

// money shows a bound of major units in the range's currency: 150 → "$150.00".
func (p *priceRangeView) money(major float64) string {
	return money.Money{Amount: int64(math.Round(major * math.Pow10(money.Exponent(p.currency)))), Currency: p.currency}.String()
}
