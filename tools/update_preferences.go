package tools

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/store"
)

type priceRangeArg struct {
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

type updatePreferencesArgs struct {
	FavoriteCategories *[]string          `json:"favorite_categories"`
	FavoriteBrands     *[]string          `json:"favorite_brands"`
	DislikedBrands     *[]string          `json:"disliked_brands"`
	Sizes              map[string]*string `json:"sizes"`
	PriceRange         *priceRangeArg     `json:"price_range"`
	Notes              *string            `json:"notes"`

	AddFavoriteCategories    []string `json:"add_favorite_categories"`
	RemoveFavoriteCategories []string `json:"remove_favorite_categories"`
	AddFavoriteBrands        []string `json:"add_favorite_brands"`
	RemoveFavoriteBrands     []string `json:"remove_favorite_brands"`
	AddDislikedBrands        []string `json:"add_disliked_brands"`
	RemoveDislikedBrands     []string `json:"remove_disliked_brands"`
}

type updatePreferencesResult struct {
	preferencesResult
	Changed     []string `json:"changed" jsonschema:"the preferences that changed"`
	UpdateNotes []string `json:"update_notes,omitempty" jsonschema:"anything done besides what was asked, or asked but not needed"`
}

func (t *Toolbox) updatePreferencesTool() server.ServerTool {
	list := func(name, desc string) mcp.ToolOption {
		return mcp.WithArray(name, mcp.WithStringItems(), mcp.MaxItems(store.MaxPreferenceItems), mcp.Description(desc))
	}
	return server.ServerTool{
		Tool: mcp.NewTool("update_preferences",
			mcp.WithTitleAnnotation("Update shopping preferences"),
			mcp.WithDescription(`Change the current customer's stated shopping preferences when they tell you about their taste ("I love Stridewell", "never show me Brightwave", "I wear a size 10 shoe", "keep it under $80"). Only the preferences you pass change; everything else stays.

- A list (favorite_categories, favorite_brands, disliked_brands) replaces the saved list; [] clears it. To change one item, use add_... and remove_... instead (removing an item that is not there is fine).
- Adding a favourite brand takes it off disliked_brands, and the other way round. Naming one item in two arguments that undo each other (add_... and remove_..., or one brand as liked and disliked) is an error.
- sizes sets the given entries and keeps the others; an empty string removes an entry.
- price_range replaces the range; {} removes it.
- Categories must exist in the catalog; they match like search_products' category (case-insensitive, subcategories included).
- A brand that no product has yet is saved anyway, and update_notes says so (it is often a misspelling).

Returns the saved preferences (as get_preferences does) and which ones changed. An invalid value is an error that names the argument; then nothing is saved. recommend uses the new preferences at once.`),
			list("favorite_categories", `Replace the favourite categories, e.g. ["Shoes", "Home & Kitchen > Coffee"].`),
			list("favorite_brands", `Replace the favourite brands, e.g. ["Stridewell"].`),
			list("disliked_brands", "Replace the disliked brands; recommend never suggests them."),
			mcp.WithObject("sizes", mcp.AdditionalProperties(map[string]any{"type": "string"}), mcp.MaxProperties(store.MaxSizes),
				mcp.Description(`Sizes to set, by kind of item, e.g. {"shoes": "10", "shirts": "M"}. Other saved sizes are kept; "" removes that kind.`)),
			mcp.WithObject("price_range", mcp.Properties(map[string]any{
				"min": map[string]any{"type": "number", "minimum": 0, "description": "Lowest price of one item in major units, e.g. 20."},
				"max": map[string]any{"type": "number", "minimum": 0, "description": "Highest price of one item in major units, e.g. 150."},
			}), mcp.AdditionalProperties(false), mcp.Description("Replace the price range recommendations stay within; omit a bound for none; {} removes the range.")),
			mcp.WithString("notes", mcp.MaxLength(store.MaxNotesLen), mcp.Description(`Replace the free-text notes, e.g. "buys gifts for a teenage nephew". "" clears them.`)),
			list("add_favorite_categories", "Categories to add to the favourites."),
			list("remove_favorite_categories", "Categories to remove from the favourites."),
			list("add_favorite_brands", "Brands to add to the favourites."),
			list("remove_favorite_brands", "Brands to remove from the favourites."),
			list("add_disliked_brands", "Brands to add to the disliked brands."),
			list("remove_disliked_brands", "Brands to remove from the disliked brands."),
			mcp.WithSchemaAdditionalProperties(false),
			mcp.WithRawOutputSchema(outputSchema[updatePreferencesResult]()),
			mcp.WithReadOnlyHintAnnotation(false),
			mcp.WithDestructiveHintAnnotation(false),
			mcp.WithIdempotentHintAnnotation(true),
			mcp.WithOpenWorldHintAnnotation(false),
		),
		Handler: t.updatePreferences,
	}
}

func (t *Toolbox) updatePreferences(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	a, err := bind[updatePreferencesArgs](req)
	if err == nil && a.empty() {
		err = &argError{"pass at least one preference to change; call get_preferences to see the saved ones"}
	}
	if err != nil {
		return t.fail(ctx, "update_preferences", err), nil
	}
	customer, err := t.customerStore(ctx)
	if err != nil {
		return t.fail(ctx, "update_preferences", err), nil
	}
	old, err := t.Store.Preferences(ctx, customer)
	if err != nil {
		return t.fail(ctx, "update_preferences", err), nil
	}
	err = t.catalogBrandNames(ctx, &a)
	var (
		p     store.Preferences
		notes []string
	)
	if err == nil {
		p, notes, err = a.apply(old)
	}
	if err == nil {
		err = t.checkCategories(ctx, a)
	}
	if err == nil {
		err = t.Store.SavePreferences(ctx, customer, p)
	}
	if err != nil {
		return t.fail(ctx, "update_preferences", err), nil
	}
	saved, err := t.preferences(ctx, customer)
	if err == nil {
		notes, err = t.brandNotes(ctx, a, notes)
	}
	if err != nil {
		return t.fail(ctx, "update_preferences", err), nil
	}
	out := updatePreferencesResult{preferencesResult: saved, Changed: changed(viewOfPreferences(old, ""), saved.preferencesView), UpdateNotes: notes}
	return mcp.NewToolResultStructured(out, out.text()), nil
}

func (a *updatePreferencesArgs) empty() bool {
	return a.FavoriteCategories == nil && a.FavoriteBrands == nil && a.DislikedBrands == nil &&
		a.Sizes == nil && a.PriceRange == nil && a.Notes == nil &&
		len(a.AddFavoriteCategories)+len(a.RemoveFavoriteCategories)+len(a.AddFavoriteBrands)+
			len(a.RemoveFavoriteBrands)+len(a.AddDislikedBrands)+len(a.RemoveDislikedBrands) == 0
}

// apply returns p with the update applied: replacements first, then removals, then
// additions. Validation of the result is the store's (SavePreferences); apply only
// refuses contradictions within the update itself.
func (a *updatePreferencesArgs) apply(p store.Preferences) (store.Preferences, []string, error) {
	if err := a.contradictions(); err != nil {
		return p, nil, err
	}
	var notes []string
	if a.FavoriteCategories != nil {
		p.FavoriteCategories = *a.FavoriteCategories
	}
	if a.FavoriteBrands != nil {
		p.FavoriteBrands = *a.FavoriteBrands
	}
	if a.DislikedBrands != nil {
		p.DislikedBrands = *a.DislikedBrands
	}
	p.FavoriteCategories = removeFold(p.FavoriteCategories, a.RemoveFavoriteCategories)
	p.FavoriteBrands = removeFold(p.FavoriteBrands, a.RemoveFavoriteBrands)
	p.DislikedBrands = removeFold(p.DislikedBrands, a.RemoveDislikedBrands)
	p.FavoriteCategories = append(p.FavoriteCategories, a.AddFavoriteCategories...)
	for _, b := range a.AddFavoriteBrands {
		if containsFold(p.DislikedBrands, b) {
			p.DislikedBrands = removeFold(p.DislikedBrands, []string{b})
			notes = append(notes, fmt.Sprintf("Removed %s from disliked_brands.", b))
		}
		p.FavoriteBrands = append(p.FavoriteBrands, b)
	}
	for _, b := range a.AddDislikedBrands {
		if containsFold(p.FavoriteBrands, b) {
			p.FavoriteBrands = removeFold(p.FavoriteBrands, []string{b})
			notes = append(notes, fmt.Sprintf("Removed %s from favorite_brands.", b))
		}
		p.DislikedBrands = append(p.DislikedBrands, b)
	}
	if a.Sizes != nil {
		sizes := make(map[string]string, len(p.Sizes)+len(a.Sizes))
		for k, v := range p.Sizes {
			sizes[k] = v
		}
		for k, v := range a.Sizes {
			key := strings.ToLower(strings.TrimSpace(k))
			if v == nil || strings.TrimSpace(*v) == "" {
				delete(sizes, key)
				continue
			}
			sizes[key] = *v
		}
		p.Sizes = sizes
	}
	if a.PriceRange != nil {
		p.PriceMin, p.PriceMax = a.PriceRange.Min, a.PriceRange.Max
	}
	if a.Notes != nil {
		p.Notes = *a.Notes
	}
	return p, notes, nil
}

// contradictions refuses an update that names one item in two arguments that undo
// each other, such as adding and removing the same brand, or disliking a brand that
// the same call sets as a favourite: which one was meant cannot be told.
func (a *updatePreferencesArgs) contradictions() error {
	list := func(l *[]string) []string {
		if l == nil {
			return nil
		}
		return *l
	}
	for _, c := range []struct {
		name, other string
		items, in   []string
	}{
		{"add_disliked_brands", "add_favorite_brands", a.AddDislikedBrands, a.AddFavoriteBrands},
		{"add_disliked_brands", "favorite_brands", a.AddDislikedBrands, list(a.FavoriteBrands)},
		{"add_favorite_brands", "disliked_brands", a.AddFavoriteBrands, list(a.DislikedBrands)},
		{"remove_favorite_brands", "add_favorite_brands", a.RemoveFavoriteBrands, a.AddFavoriteBrands},
		{"remove_favorite_brands", "favorite_brands", a.RemoveFavoriteBrands, list(a.FavoriteBrands)},
		{"remove_disliked_brands", "add_disliked_brands", a.RemoveDislikedBrands, a.AddDislikedBrands},
		{"remove_disliked_brands", "disliked_brands", a.RemoveDislikedBrands, list(a.DislikedBrands)},
		{"remove_favorite_categories", "add_favorite_categories", a.RemoveFavoriteCategories, a.AddFavoriteCategories},
		{"remove_favorite_categories", "favorite_categories", a.RemoveFavoriteCategories, list(a.FavoriteCategories)},
	} {
		for _, item := range c.items {
			for _, x := range c.in {
				if foldKey(item) == foldKey(x) {
					return &argError{fmt.Sprintf("%s: %q is also in %s; pass it in one of them", c.name, strings.TrimSpace(item), c.other)}
				}
			}
		}
	}
	return nil
}

// checkCategories refuses new favourite categories that match nothing in the catalog.
func (t *Toolbox) checkCategories(ctx context.Context, a updatePreferencesArgs) error {
	check := func(field string, cats []string) error {
		for _, c := range cats {
			if strings.TrimSpace(c) == "" {
				continue // the store names empty items
			}
			ok, top, err := t.Catalog.KnownCategory(ctx, c)
			if err != nil {
				return err
			}
			if ok {
				continue
			}
			if len(top) == 0 {
				// A catalog imported from a feed without categories (an Etsy
				// listings export) has none to list.
				return &argError{fmt.Sprintf("%s: this catalog has no categories, so none matches %q; save the taste in notes instead (search_products still finds products by their words)", field, c)}
			}
			return &argError{fmt.Sprintf("%s: no category matches %q; top-level categories are %s (search_products facets list the others)", field, c, strings.Join(top, ", "))}
		}
		return nil
	}
	if a.FavoriteCategories != nil {
		if err := check("favorite_categories", *a.FavoriteCategories); err != nil {
			return err
		}
	}
	return check("add_favorite_categories", a.AddFavoriteCategories)
}

// brandNotes adds to notes a note for each brand of the update that no product has:
// it is saved, but matches nothing until such a product arrives.
func (t *Toolbox) brandNotes(ctx context.Context, a updatePreferencesArgs, notes []string) ([]string, error) {
	var given []string
	for _, l := range []*[]string{a.FavoriteBrands, a.DislikedBrands, &a.AddFavoriteBrands, &a.AddDislikedBrands} {
		if l != nil {
			given = append(given, *l...)
		}
	}
	unknown, err := t.Catalog.UnknownBrands(ctx, given)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, b := range unknown {
		if k := strings.ToLower(b); !seen[k] {
			seen[k] = true
			notes = append(notes, fmt.Sprintf("No product in the catalog is by %q yet; it is saved, but check the spelling with search_products.", b))
		}
	}
	return notes, nil
}

// catalogBrandNames writes each brand of a as the catalog spells it when it names one
// of the catalog's brands by the rule search_products' brand argument meets brands by
// (catalog.BrandName: "loreal paris" is kept as "L'Oréal Paris"), so that recommend,
// which compares brands by their names, meets the brand stated.
func (t *Toolbox) catalogBrandNames(ctx context.Context, a *updatePreferencesArgs) error {
	for _, l := range []*[]string{a.FavoriteBrands, a.DislikedBrands, &a.AddFavoriteBrands, &a.RemoveFavoriteBrands, &a.AddDislikedBrands, &a.RemoveDislikedBrands} {
		if l == nil {
			continue
		}
		for i, b := range *l {
			name, err := t.Catalog.BrandName(ctx, b)
			if err != nil {
				return err
			}
			if name != "" {
				(*l)[i] = name
			}
		}
	}
	return nil
}

func containsFold(list []string, v string) bool {
	v = strings.TrimSpace(v)
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), v) {
			return true
		}
	}
	return false
}

// foldKey is how list items compare: ignoring case and surrounding space, and for
// category paths the spacing around ">".
func foldKey(s string) string {
	parts := strings.Split(s, ">")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.ToLower(strings.Join(parts, ">"))
}

// removeFold returns list without the items of drop, compared by foldKey.
func removeFold(list, drop []string) []string {
	if len(drop) == 0 {
		return list
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		keep := true
		for _, d := range drop {
			if foldKey(x) == foldKey(d) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, x)
		}
	}
	return out
}

// changed names the preferences that differ between before and after.
func changed(before, after preferencesView) []string {
	out := []string{}
	if !slices.Equal(before.FavoriteCategories, after.FavoriteCategories) {
		out = append(out, "favorite_categories")
	}
	if !slices.Equal(before.FavoriteBrands, after.FavoriteBrands) {
		out = append(out, "favorite_brands")
	}
	if !slices.Equal(before.DislikedBrands, after.DislikedBrands) {
		out = append(out, "disliked_brands")
	}
	if !maps.Equal(before.Sizes, after.Sizes) {
		out = append(out, "sizes")
	}
	if !before.PriceRange.same(after.PriceRange) {
		out = append(out, "price_range")
	}
	if before.Notes != after.Notes {
		out = append(out, "notes")
	}
	return out
}

func (r updatePreferencesResult) text() string {
	var b strings.Builder
	if len(r.Changed) == 0 {
		b.WriteString("Nothing changed; the preferences were already so.\n")
	} else {
		b.WriteString("Saved. Changed: " + strings.Join(r.Changed, ", ") + ".\n")
	}
	for _, n := range r.UpdateNotes {
		b.WriteString(n + "\n")
	}
	b.WriteString(r.preferencesResult.lines())
	return withSellerNote(b.String())
}
