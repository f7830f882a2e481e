package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Limits on preferences. Values beyond them are rejected, not cut.
const (
	MaxPreferenceItems   = 50   // items in each list
	MaxPreferenceItemLen = 100  // characters in a list item, a size key or a size value
	MaxSizes             = 20   // entries in Sizes
	MaxNotesLen          = 2000 // characters in Notes
	MaxPrice             = 1e9  // largest PriceMin or PriceMax
	maxSizeLen           = MaxPreferenceItemLen
)

// Preferences are what a customer has said about their taste. The zero value means
// nothing was said.
type Preferences struct {
	// FavoriteCategories are category paths such as "Apparel > Shoes"; each matches
	// the category and those under it, ignoring case.
	FavoriteCategories []string
	FavoriteBrands     []string
	// DislikedBrands are never recommended. A brand cannot be both liked and disliked.
	DislikedBrands []string
	// Sizes maps a kind of item to the customer's size in it, e.g. "shoes" → "10".
	// Keys are stored in lower case.
	Sizes map[string]string
	// PriceMin and PriceMax bound the price of a single item, in major units of the
	// customer's currency; nil means no bound.
	PriceMin, PriceMax *float64
	// Notes is free text from the customer; line breaks are kept.
	Notes string
	// UpdatedAt is when the preferences were last saved; zero when never.
	UpdatedAt time.Time
}

// Empty reports whether p states nothing.
func (p Preferences) Empty() bool {
	return len(p.FavoriteCategories) == 0 && len(p.FavoriteBrands) == 0 && len(p.DislikedBrands) == 0 &&
		len(p.Sizes) == 0 && p.PriceMin == nil && p.PriceMax == nil && p.Notes == ""
}

// Normalize returns p cleaned and validated, as SavePreferences would store it: text
// without control or invisible characters and trimmed; list items non-empty and
// unique ignoring case (the first spelling is kept), at most MaxPreferenceItems of at
// most MaxPreferenceItemLen characters; category paths written with " > "; sizes with
// lower-case keys, at most MaxSizes; prices finite, between 0 and MaxPrice, min not
// above max; notes at most MaxNotesLen characters. Errors wrap ErrInvalid and name the
// field as the tools do (favorite_brands, sizes, price_range, notes, …).
func (p Preferences) Normalize() (Preferences, error) {
	var err error
	if p.FavoriteCategories, err = normalizeList("favorite_categories", p.FavoriteCategories, MaxPreferenceItems, MaxPreferenceItemLen, normalizeCategory); err != nil {
		return Preferences{}, err
	}
	if p.FavoriteBrands, err = normalizeList("favorite_brands", p.FavoriteBrands, MaxPreferenceItems, MaxPreferenceItemLen, cleanLine); err != nil {
		return Preferences{}, err
	}
	if p.DislikedBrands, err = normalizeList("disliked_brands", p.DislikedBrands, MaxPreferenceItems, MaxPreferenceItemLen, cleanLine); err != nil {
		return Preferences{}, err
	}
	for _, d := range p.DislikedBrands {
		for _, f := range p.FavoriteBrands {
			if strings.EqualFold(d, f) {
				return Preferences{}, &FieldError{Field: "disliked_brands", Problem: FieldInBoth, Value: d, Other: "favorite_brands"}
			}
		}
	}
	if p.Sizes, err = normalizeSizes(p.Sizes); err != nil {
		return Preferences{}, err
	}
	if err := checkPriceRange(p.PriceMin, p.PriceMax); err != nil {
		return Preferences{}, err
	}
	p.PriceMin, p.PriceMax = copyFloat(p.PriceMin), copyFloat(p.PriceMax)
	p.Notes = text.CleanLines(p.Notes)
	if runes(p.Notes) > MaxNotesLen {
		return Preferences{}, &FieldError{Field: "notes", Problem: FieldTooLong, Max: MaxNotesLen}
	}
	return p, nil
}

func normalizeSizes(in map[string]string) (map[string]string, error) {
	if len(in) == 0 {
		return nil, nil
	}
	if len(in) > MaxSizes {
		return nil, &FieldError{Field: "sizes", Problem: FieldTooMany, Max: MaxSizes}
	}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic messages
	out := make(map[string]string, len(in))
	for _, k := range keys {
		key := strings.ToLower(cleanLine(k))
		val := cleanLine(in[k])
		switch {
		case key == "":
			return nil, &FieldError{Field: "sizes", Problem: FieldEmpty}
		case runes(key) > maxSizeLen:
			return nil, &FieldError{Field: "sizes", Problem: FieldKeyTooLong, Key: key, Max: maxSizeLen}
		case val == "":
			return nil, &FieldError{Field: "sizes", Problem: FieldEmpty, Key: key}
		case runes(val) > maxSizeLen:
			return nil, &FieldError{Field: "sizes", Problem: FieldTooLong, Key: key, Max: maxSizeLen}
		}
		if _, dup := out[key]; dup {
			return nil, &FieldError{Field: "sizes", Problem: FieldDuplicate, Key: key}
		}
		out[key] = val
	}
	return out, nil
}

func checkPriceRange(lo, hi *float64) error {
	for _, f := range []struct {
		name string
		v    *float64
	}{{"min", lo}, {"max", hi}} {
		if f.v != nil && (math.IsNaN(*f.v) || *f.v < 0 || *f.v > MaxPrice) {
			return &FieldError{Field: "price_range", Problem: FieldOutOfRange, Key: f.name, Min: 0, Max: MaxPrice}
		}
	}
	if lo != nil && hi != nil && *lo > *hi {
		return &FieldError{Field: "price_range", Problem: FieldAbove, Min: *lo, Max: *hi}
	}
	return nil
}

func copyFloat(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v := *f
	return &v
}

// Preferences returns the customer's saved preferences; a customer who never saved any
// gets the zero Preferences, not an error. An unknown customer is ErrNotFound.
func (s *Store) Preferences(ctx context.Context, customerID string) (Preferences, error) {
	var (
		p                  Preferences
		cats, fav, dis, sz string
		lo, hi             sql.NullFloat64
		up                 string
	)
	err := s.db.QueryRowContext(ctx, `
		SELECT favorite_categories, favorite_brands, disliked_brands, sizes, price_min, price_max, notes, updated_at
		FROM preferences WHERE customer_id = ?`, customerID).Scan(&cats, &fav, &dis, &sz, &lo, &hi, &p.Notes, &up)
	if errors.Is(err, sql.ErrNoRows) {
		if err := customerExists(ctx, s.db, customerID); err != nil {
			return Preferences{}, fmt.Errorf("preferences: %w", err)
		}
		return Preferences{}, nil
	}
	if err != nil {
		return Preferences{}, fmt.Errorf("preferences: %w", err)
	}
	for _, f := range []struct {
		text string
		dst  any
	}{{cats, &p.FavoriteCategories}, {fav, &p.FavoriteBrands}, {dis, &p.DislikedBrands}, {sz, &p.Sizes}} {
		if err := json.Unmarshal([]byte(f.text), f.dst); err != nil {
			return Preferences{}, fmt.Errorf("preferences: stored value: %w", err)
		}
	}
	p.FavoriteCategories, p.FavoriteBrands, p.DislikedBrands = nilIfEmpty(p.FavoriteCategories), nilIfEmpty(p.FavoriteBrands), nilIfEmpty(p.DislikedBrands)
	if len(p.Sizes) == 0 {
		p.Sizes = nil
	}
	if lo.Valid {
		p.PriceMin = &lo.Float64
	}
	if hi.Valid {
		p.PriceMax = &hi.Float64
	}
	if p.UpdatedAt, err = decodeTime(up); err != nil {
		return Preferences{}, fmt.Errorf("preferences: %w", err)
	}
	return p, nil
}

// SavePreferences replaces the customer's preferences with p, normalized as by
// Preferences.Normalize; UpdatedAt is set from the store's clock. Saving the zero
// Preferences clears them. Errors: ErrNotFound for an unknown customer, ErrInvalid
// naming the field.
func (s *Store) SavePreferences(ctx context.Context, customerID string, p Preferences) error {
	p, err := p.Normalize()
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	sizes, err := json.Marshal(p.Sizes)
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	if p.Sizes == nil {
		sizes = []byte("{}")
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO preferences (customer_id, favorite_categories, favorite_brands, disliked_brands, sizes, price_min, price_max, notes, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET
				favorite_categories = excluded.favorite_categories, favorite_brands = excluded.favorite_brands,
				disliked_brands = excluded.disliked_brands, sizes = excluded.sizes,
				price_min = excluded.price_min, price_max = excluded.price_max,
				notes = excluded.notes, updated_at = excluded.updated_at`,
			customerID, jsonList(p.FavoriteCategories), jsonList(p.FavoriteBrands), jsonList(p.DislikedBrands),
			string(sizes), p.PriceMin, p.PriceMax, p.Notes, encodeTime(s.now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	return nil
}

// normalizeList cleans every item of a list with clean, and rejects empty or
// over-long items and lists longer than maxItems after duplicates (ignoring case) are
// dropped. An empty list is nil.
func normalizeList(field string, in []string, maxItems, maxLen int, clean func(string) string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for i, item := range in {
		v := clean(item)
		if v == "" {
			return nil, &FieldError{Field: field, Problem: FieldEmpty, Item: i + 1}
		}
		if runes(v) > maxLen {
			return nil, &FieldError{Field: field, Problem: FieldTooLong, Item: i + 1, Max: float64(maxLen)}
		}
		key := strings.ToLower(v)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, v)
	}
	if len(out) > maxItems {
		return nil, &FieldError{Field: field, Problem: FieldTooMany, Max: float64(maxItems)}
	}
	return out, nil
}

// jsonList encodes a list of strings for a TEXT column; nil is "[]".
func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l) // a []string always marshals
	return string(b)
}

func nilIfEmpty(l []string) []string {
	if len(l) == 0 {
		return nil
	}
	return l
}
