package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Every field of an address is checked, and the refusal names the field and what is
// wrong with it; a good address is stored cleaned.
func TestAddAddressValidation(t *testing.T) {
	s, _ := openTestStore(t)
	c := mustCreateCustomer(t, s, "ada@example.com")
	good := store.Address{CustomerID: c.ID, Name: "Ada Lovelace", Line1: "12 Market Street", City: "San Francisco",
		Region: "CA", PostalCode: "94107", Country: "US"}
	with := func(f func(*store.Address)) store.Address { a := good; f(&a); return a }
	tests := []struct {
		name    string
		addr    store.Address
		field   string
		problem store.FieldProblem
	}{
		{"good", good, "", ""},
		{"no name", with(func(a *store.Address) { a.Name = "  " }), "name", store.FieldEmpty},
		{"no street", with(func(a *store.Address) { a.Line1 = "" }), "line1", store.FieldEmpty},
		{"no city", with(func(a *store.Address) { a.City = "\u200b" }), "city", store.FieldEmpty},
		{"no country", with(func(a *store.Address) { a.Country = "" }), "country", store.FieldEmpty},
		{"country name", with(func(a *store.Address) { a.Country = "USA" }), "country", store.FieldMalformed},
		{"unknown country code", with(func(a *store.Address) { a.Country = "XX" }), "country", store.FieldMalformed},
		{"region code for a continent", with(func(a *store.Address) { a.Country = "EU" }), "country", store.FieldMalformed},
		{"lower-case country is fine", with(func(a *store.Address) { a.Country = "us" }), "", ""},
		{"US without a state", with(func(a *store.Address) { a.Region = " " }), "region", store.FieldRequired},
		{"US state of invisible characters", with(func(a *store.Address) { a.Region = "\u200b\x01" }), "region", store.FieldEmpty},
		{"US with invisible characters, without a state", with(func(a *store.Address) { a.Country, a.Region = "u\u200bs", "" }), "region", store.FieldRequired},
		{"US state spelled out", with(func(a *store.Address) { a.Region = "California" }), "region", store.FieldMalformed},
		{"lower-case state is fine", with(func(a *store.Address) { a.Region = "ca" }), "", ""},
		{"Canadian province", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "CA", "ON", "K1A 0B1" }), "", ""},
		{"Canadian postal code of the US", with(func(a *store.Address) { a.Country, a.Region = "CA", "ON" }), "postal_code", store.FieldMalformed},
		{"ZIP too short", with(func(a *store.Address) { a.PostalCode = "9410" }), "postal_code", store.FieldMalformed},
		{"ZIP+4", with(func(a *store.Address) { a.PostalCode = "94107-1234" }), "", ""},
		{"no postal code in the US", with(func(a *store.Address) { a.PostalCode = "" }), "postal_code", store.FieldRequired},
		{"postal code of control characters", with(func(a *store.Address) { a.PostalCode = "\x01\x02" }), "postal_code", store.FieldEmpty},
		{"UK postcode", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "GB", "", "sw1a 1aa" }), "", ""},
		{"German postcode of four digits", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "DE", "", "1011" }), "postal_code", store.FieldMalformed},
		{"Hong Kong needs none", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "HK", "", "" }), "", ""},
		{"other countries: a plausible code", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "SE", "", "114 55" }), "", ""},
		{"other countries: symbols", with(func(a *store.Address) { a.Country, a.Region, a.PostalCode = "SE", "", "11#55" }), "postal_code", store.FieldMalformed},
		{"street too long", with(func(a *store.Address) { a.Line1 = strings.Repeat("a", 201) }), "line1", store.FieldTooLong},
		{"second line too long", with(func(a *store.Address) { a.Line2 = strings.Repeat("a", 201) }), "line2", store.FieldTooLong},
		{"name too long", with(func(a *store.Address) { a.Name = strings.Repeat("a", 101) }), "name", store.FieldTooLong},
		{"phone with letters", with(func(a *store.Address) { a.Phone = "call me" }), "phone", store.FieldMalformed},
		{"phone", with(func(a *store.Address) { a.Phone = "+1 (415) 555-0100" }), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.AddAddress(context.Background(), tt.addr)
			var fe *store.FieldError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.field == "":
				if got.ID == "" || got.Country != strings.ToUpper(strings.TrimSpace(tt.addr.Country)) || got.Region != strings.ToUpper(tt.addr.Region) && tt.addr.Country != "SE" {
					t.Errorf("stored %+v", got)
				}
			case !errors.As(err, &fe) || !errors.Is(err, store.ErrInvalid):
				t.Fatalf("err = %v, want a *FieldError on %s", err, tt.field)
			case fe.Field != tt.field || fe.Problem != tt.problem:
				t.Errorf("refused %s %s, want %s %s", fe.Field, fe.Problem, tt.field, tt.problem)
			case fe.Problem == store.FieldRequired && fe.Value != "US":
				t.Errorf("required %s names the country %q, want the normalized US", fe.Field, fe.Value)
			case fe.Field == "postal_code" && fe.Problem != store.FieldRequired && fe.Value != "":
				t.Errorf("a postal code is personal data and must not be echoed: %q", fe.Value)
			}
		})
	}
}

// TestAddAddressCountryReplaced: a country code ISO reserved or withdrew in favour of
// one other is stored as that code, whose rules then apply ("UK" is GB, so a postcode
// that is no UK postcode is refused); current codes are kept as given.
func TestAddAddressCountryReplaced(t *testing.T) {
	s, _ := openTestStore(t)
	c := mustCreateCustomer(t, s, "ann@example.co.uk")
	uk := store.Address{CustomerID: c.ID, Name: "Ann Hughes", Line1: "14 Elm Grove", City: "Leeds", PostalCode: "LS6 2AB"}
	tests := []struct {
		name, country, postal, want string
		field                       string // the field refused, if any
	}{
		{"UK is GB", "UK", "LS6 2AB", "GB", ""},
		{"in lower case", "uk", "ls6 2ab", "GB", ""},
		{"GB as given", "GB", "LS6 2AB", "GB", ""},
		{"UK takes GB's postcode rule", "UK", "12345", "", "postal_code"},
		{"East Timor's old code", "TP", "", "TL", ""},
		{"a current code kept", "IE", "", "IE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := uk
			a.Country, a.PostalCode = tt.country, tt.postal
			got, err := s.AddAddress(context.Background(), a)
			var fe *store.FieldError
			switch {
			case tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field):
				t.Fatalf("err = %v, want %s refused", err, tt.field)
			case tt.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.field == "" && got.Country != tt.want:
				t.Errorf("country stored %q, want %q", got.Country, tt.want)
			}
		})
	}
}

// The first address is the default; a later one becomes the default only when asked,
// and then the only one. Addresses are per customer.
func TestAddressDefaults(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	a, b := mustCreateCustomer(t, s, "a@example.com"), mustCreateCustomer(t, s, "b@example.com")
	addr := func(customer, street string, def bool) store.Address {
		t.Helper()
		got, err := s.AddAddress(ctx, store.Address{CustomerID: customer, Name: "N", Line1: street, City: "Portland", Region: "OR",
			PostalCode: "97201", Country: "US", Default: def})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := addr(a.ID, "1 First St", false)
	second := addr(a.ID, "2 Second St", false)
	if d, err := s.DefaultAddress(ctx, a.ID); err != nil || d.ID != first.ID {
		t.Errorf("default %+v, %v; want the first", d, err)
	}
	third := addr(a.ID, "3 Third St", true)
	if d, err := s.DefaultAddress(ctx, a.ID); err != nil || d.ID != third.ID {
		t.Errorf("default %+v, %v; want the third", d, err)
	}
	list, err := s.Addresses(ctx, a.ID)
	if err != nil || len(list) != 3 || list[0].ID != third.ID || list[1].Default || list[2].Default {
		t.Errorf("addresses %+v, %v", list, err)
	}
	if _, err := s.Address(ctx, b.ID, second.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another customer's address: %v, want not found", err)
	}
	if _, err := s.DefaultAddress(ctx, b.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("b's default: %v, want not found", err)
	}
	if _, err := s.AddAddress(ctx, store.Address{CustomerID: "cus_nobody", Name: "N", Line1: "1", City: "C", Country: "DE", PostalCode: "10115"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown customer: %v", err)
	}
}

// A cart keeps its lines in the order they were added; adding adds up within 1–99;
// setting 0 removes; every change raises the revision.
func TestCartLines(t *testing.T) {
	ctx := context.Background()
	s, _ := openTestStore(t)
	c := mustCreateCustomer(t, s, "a@example.com")
	change := func(ch store.CartChange) (store.Cart, error) {
		cart, emptied, err := s.ChangeCart(ctx, c.ID, ch)
		if emptied != nil {
			t.Errorf("change %+v emptied the cart: %+v", ch, *emptied)
		}
		return cart, err
	}
	if _, err := change(store.CartChange{ProductID: "p2", SellerID: "s1", Quantity: 2, Add: true}); err != nil {
		t.Fatal(err)
	}
	cart, err := change(store.CartChange{ProductID: "p1", SellerID: "s2", Quantity: 1, Add: true})
	if err != nil || len(cart.Lines) != 2 || cart.Lines[0].ProductID != "p2" || cart.Revision != 2 {
		t.Fatalf("cart %+v, %v", cart, err)
	}
	var fe *store.FieldError
	if _, err := change(store.CartChange{ProductID: "p2", SellerID: "s1", Quantity: 98, Add: true}); !errors.As(err, &fe) || fe.Field != "quantity" || fe.Max != 97 {
		t.Errorf("adding past 99: %v", err)
	}
	if _, err := change(store.CartChange{ProductID: "p9", Quantity: 3}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("setting a product not in the cart: %v", err)
	}
	cart, err = change(store.CartChange{ProductID: "p2", Quantity: 0})
	if err != nil || len(cart.Lines) != 1 || cart.Lines[0].ProductID != "p1" || cart.Revision != 3 {
		t.Errorf("after removing p2: %+v, %v", cart, err)
	}
	e, err := s.ClearCart(ctx, c.ID)
	if cart, _ := s.Cart(ctx, c.ID); err != nil || e.Removed != 1 || e.Ended.ID != "" || e.Paying.ID != "" || len(cart.Lines) != 0 || cart.Revision != 4 {
		t.Errorf("clear: %+v, %v, %+v", e, err, cart)
	}
}
