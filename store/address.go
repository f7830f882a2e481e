package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Address is a delivery address of a customer. It is personal data: shown only to its
// customer, never logged. Stored addresses never change; saving one again makes a new
// one. Country is ISO 3166-1 alpha-2 in upper case; Region is a state or province
// (for US and CA its postal abbreviation, upper case).
type Address struct {
	ID         string // "adr_…"
	CustomerID string
	Name       string // who receives the parcel
	Line1      string
	Line2      string
	City       string
	Region     string
	PostalCode string
	Country    string
	Phone      string
	Default    bool
	CreatedAt  time.Time
}

// Lengths an address field may have, in characters.
const (
	maxAddressName = 100
	maxAddressLine = 200
	maxAddressCity = 100
	maxRegion      = 100
	maxPostalCode  = 12
	maxPhone       = 32
)

// Regions of the countries whose addresses need one, by postal abbreviation.
var requiredRegions = map[string]map[string]bool{
	"US": set("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM AA AE AP"),
	"CA": set("AB BC MB NB NL NS NT NU ON PE QC SK YT"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Postal code forms of some countries; others take 2 to 12 letters, digits, spaces
// and hyphens. Countries in noPostalCode need none.
var (
	postalForms = map[string]*regexp.Regexp{
		"US": regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`),
		"CA": regexp.MustCompile(`^[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]$`),
		"GB": regexp.MustCompile(`^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$`),
		"DE": regexp.MustCompile(`^[0-9]{5}$`),
		"FR": regexp.MustCompile(`^[0-9]{5}$`),
		"NL": regexp.MustCompile(`^[0-9]{4} ?[A-Z]{2}$`),
		"AU": regexp.MustCompile(`^[0-9]{4}$`),
		"JP": regexp.MustCompile(`^[0-9]{3}-?[0-9]{4}$`),
	}
	postalGeneric = regexp.MustCompile(`^[0-9A-Z][0-9A-Z -]{0,10}[0-9A-Z]$`)
	noPostalCode  = set("AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK HM IE JM KI KM KN KP LC ML MO MR MS MW NA NR NU QA RW SB SC SL SR ST SY TD TF TG TK TL TO TT TV UG VU YE ZW")
	phoneForm     = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{3,30}$`)
)

// normalizeAddress cleans a and checks every field, refusing the first bad one with a
// *FieldError named as set_shipping_address names it (name, line1, line2, city,
// region, postal_code, country, phone). Values are not echoed: they are personal data.
// A region or postal code that the country requires is FieldRequired (naming the
// country) when not given, FieldEmpty when given with no printable character.
func normalizeAddress(a Address) (Address, error) {
	clean := func(s string) string { return strings.Join(strings.Fields(cleanLine(s)), " ") }
	missing := func(field, sent, country string) error {
		if strings.TrimSpace(sent) == "" {
			return &FieldError{Field: field, Problem: FieldRequired, Value: country}
		}
		return &FieldError{Field: field, Problem: FieldEmpty}
	}
	sentRegion, sentPostal := a.Region, a.PostalCode
	a.Name, a.Line1, a.Line2, a.City = clean(a.Name), clean(a.Line1), clean(a.Line2), clean(a.City)
	a.Region, a.Phone = clean(a.Region), clean(a.Phone)
	a.PostalCode = strings.ToUpper(clean(a.PostalCode))
	a.Country = strings.ToUpper(clean(a.Country))
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{
		{"name", a.Name, maxAddressName, true},
		{"line1", a.Line1, maxAddressLine, true},
		{"line2", a.Line2, maxAddressLine, false},
		{"city", a.City, maxAddressCity, true},
		{"region", a.Region, maxRegion, false},
		{"postal_code", a.PostalCode, maxPostalCode, false},
		{"phone", a.Phone, maxPhone, false},
	} {
		switch {
		case f.required && f.v == "":
			return Address{}, &FieldError{Field: f.name, Problem: FieldEmpty}
		case runes(f.v) > f.max:
			return Address{}, &FieldError{Field: f.name, Problem: FieldTooLong, Max: float64(f.max)}
		}
	}
	if a.Country == "" {
		return Address{}, &FieldError{Field: "country", Problem: FieldEmpty}
	}
	// A code ISO 3166-1 reserved or withdrew in favour of one other ("UK" for the
	// United Kingdom, whose code is GB; "TP", "ZR", "BU", "FX", "DD") is that code:
	// sellers, payment services and the postal code rules know only the current ones.
	if r, err := language.ParseRegion(a.Country); err == nil && len(a.Country) == 2 {
		if c := r.Canonicalize().String(); c != a.Country && isCountry(c) {
			a.Country = c
		}
	}
	if !isCountry(a.Country) {
		return Address{}, &FieldError{Field: "country", Problem: FieldMalformed, Value: a.Country}
	}
	if regions, ok := requiredRegions[a.Country]; ok {
		a.Region = strings.ToUpper(a.Region)
		switch {
		case a.Region == "":
			return Address{}, missing("region", sentRegion, a.Country)
		case !regions[a.Region]:
			return Address{}, &FieldError{Field: "region", Problem: FieldMalformed, Value: a.Region}
		}
	}
	switch form, ok := postalForms[a.Country]; {
	case a.PostalCode == "" && noPostalCode[a.Country]:
	case a.PostalCode == "":
		return Address{}, missing("postal_code", sentPostal, a.Country)
	case ok && !form.MatchString(a.PostalCode), !ok && !postalGeneric.MatchString(a.PostalCode):
		return Address{}, &FieldError{Field: "postal_code", Problem: FieldMalformed}
	}
	if a.Phone != "" && !phoneForm.MatchString(a.Phone) {
		return Address{}, &FieldError{Field: "phone", Problem: FieldMalformed}
	}
	return a, nil
}

// isCountry reports whether code is an ISO 3166-1 alpha-2 code of a country.
func isCountry(code string) bool {
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && r.String() == code
}

// maxAddresses bounds how many addresses one customer keeps.
const maxAddresses = 50

// AddAddress saves a new address for a.CustomerID and returns it as stored. The
// customer's first address becomes the default whatever a.Default says; a.Default
// true makes it the only default. Errors: ErrNotFound for an unknown customer; a
// *FieldError naming the field at fault; a *FieldError on "address" (TooMany) past
// 50 addresses.
func (s *Store) AddAddress(ctx context.Context, a Address) (Address, error) {
	a, err := normalizeAddress(a)
	if err != nil {
		return Address{}, fmt.Errorf("add address: %w", err)
	}
	a.ID, a.CreatedAt = NewID("adr_"), s.now()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, a.CustomerID); err != nil {
			return err
		}
		var n, defaults int
		if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(SUM(is_default), 0) FROM addresses WHERE customer_id = ?`,
			a.CustomerID).Scan(&n, &defaults); err != nil {
			return err
		}
		if n >= maxAddresses {
			return &FieldError{Field: "address", Problem: FieldTooMany, Max: maxAddresses}
		}
		if defaults == 0 {
			a.Default = true
		}
		if a.Default {
			if _, err := tx.ExecContext(ctx, `UPDATE addresses SET is_default = 0 WHERE customer_id = ? AND is_default = 1`, a.CustomerID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO addresses (id, customer_id, name, line1, line2, city, region, postal_code,
			country, phone, is_default, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.ID, a.CustomerID, a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone, a.Default, encodeTime(a.CreatedAt))
		return err
	})
	if err != nil {
		return Address{}, fmt.Errorf("add address: %w", err)
	}
	return a, nil
}

const addressColumns = `SELECT id, customer_id, name, line1, line2, city, region, postal_code, country, phone, is_default, created_at FROM addresses`

func scanAddress(row scanner) (Address, error) {
	var (
		a       Address
		created string
	)
	if err := row.Scan(&a.ID, &a.CustomerID, &a.Name, &a.Line1, &a.Line2, &a.City, &a.Region, &a.PostalCode,
		&a.Country, &a.Phone, &a.Default, &created); err != nil {
		return a, err
	}
	var err error
	a.CreatedAt, err = decodeTime(created)
	return a, err
}

// Address returns the customer's address id; another customer's is ErrNotFound.
func (s *Store) Address(ctx context.Context, customerID, id string) (Address, error) {
	a, err := scanAddress(s.db.QueryRowContext(ctx, addressColumns+` WHERE id = ? AND customer_id = ?`, id, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		return Address{}, fmt.Errorf("address: %w", ErrNotFound)
	}
	if err != nil {
		return Address{}, fmt.Errorf("address: %w", err)
	}
	return a, nil
}

// DefaultAddress returns the customer's default address; ErrNotFound when they have
// none.
func (s *Store) DefaultAddress(ctx context.Context, customerID string) (Address, error) {
	a, err := scanAddress(s.db.QueryRowContext(ctx, addressColumns+` WHERE customer_id = ? AND is_default = 1`, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		return Address{}, fmt.Errorf("default address: %w", ErrNotFound)
	}
	if err != nil {
		return Address{}, fmt.Errorf("default address: %w", err)
	}
	return a, nil
}

// Addresses returns the customer's addresses, the default first, then newest first.
func (s *Store) Addresses(ctx context.Context, customerID string) ([]Address, error) {
	rows, err := s.db.QueryContext(ctx, addressColumns+` WHERE customer_id = ? ORDER BY is_default DESC, created_at DESC, id`, customerID)
	if err != nil {
		return nil, fmt.Errorf("addresses: %w", err)
	}
	defer rows.Close()
	var out []Address
	for rows.Next() {
		a, err := scanAddress(rows)
		if err != nil {
			return nil, fmt.Errorf("addresses: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
