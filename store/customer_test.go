package store_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

func TestCreateCustomer(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	generated := regexp.MustCompile(`^cus_[a-z2-7]{16}$`)
	tests := []struct {
		name    string
		in      store.Customer
		want    store.Customer // ID checked separately when empty
		wantErr error
		typed   error // the *store.FieldError or *store.ConflictError it must be
	}{
		{name: "minimal", in: store.Customer{Email: "ann@example.com"}, want: store.Customer{Email: "ann@example.com"}},
		{name: "trimmed and cleaned", in: store.Customer{Email: "  Bob@Example.com ", Name: " Bob\u200b  \t Smith\x07 "},
			want: store.Customer{Email: "Bob@Example.com", Name: "Bob Smith"}},
		{name: "given id and stripe id", in: store.Customer{ID: "cus_fixed-1", Email: "c@example.com", StripeCustomerID: "cus_Stripe123"},
			want: store.Customer{ID: "cus_fixed-1", Email: "c@example.com", StripeCustomerID: "cus_Stripe123"}},
		{name: "duplicate email ignoring case", in: store.Customer{Email: "ANN@example.COM"}, wantErr: store.ErrConflict, typed: &store.ConflictError{Kind: "customer", Field: "email", Value: "ANN@example.COM"}},
		{name: "duplicate id", in: store.Customer{ID: "cus_fixed-1", Email: "other@example.com"}, wantErr: store.ErrConflict, typed: &store.ConflictError{Kind: "customer", Field: "id", Value: "cus_fixed-1"}},
		{name: "missing email", in: store.Customer{Name: "X"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "email", Problem: store.FieldEmpty}},
		{name: "not an email", in: store.Customer{Email: "nobody"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "email", Problem: store.FieldMalformed, Value: "nobody"}},
		{name: "display name form", in: store.Customer{Email: "Ann <ann2@example.com>"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "email", Problem: store.FieldMalformed, Value: "Ann <ann2@example.com>"}},
		{name: "control character in email", in: store.Customer{Email: "a\x00b@example.com"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "email", Problem: store.FieldMalformed, Value: "a\x00b@example.com"}},
		{name: "email too long", in: store.Customer{Email: strings.Repeat("a", 250) + "@example.com"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "email", Problem: store.FieldTooLong, Max: 254}},
		{name: "name too long", in: store.Customer{Email: "long@example.com", Name: strings.Repeat("n", 201)}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "name", Problem: store.FieldTooLong, Max: 200}},
		{name: "id without prefix", in: store.Customer{ID: "user1", Email: "d@example.com"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "customer_id", Problem: store.FieldMalformed, Value: "user1", Max: 60}},
		{name: "id with odd characters", in: store.Customer{ID: "cus_a b", Email: "d@example.com"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "customer_id", Problem: store.FieldMalformed, Value: "cus_a b", Max: 60}},
		{name: "bad stripe id", in: store.Customer{Email: "e@example.com", StripeCustomerID: "acct_1"}, wantErr: store.ErrInvalid, typed: &store.FieldError{Field: "stripe_customer_id", Problem: store.FieldMalformed, Value: "acct_1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.CreateCustomer(ctx, tc.in)
			wantErr(t, err, tc.wantErr)
			if err != nil {
				wantTyped(t, err, tc.typed)
				return
			}
			if tc.want.ID == "" {
				if !generated.MatchString(got.ID) {
					t.Fatalf("generated id %q does not look like cus_ + 16 base32 characters", got.ID)
				}
				tc.want.ID = got.ID
			}
			tc.want.CreatedAt = clock.Now()
			if got != tc.want {
				t.Fatalf("CreateCustomer = %+v, want %+v", got, tc.want)
			}
			stored, err := s.Customer(ctx, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored != tc.want {
				t.Fatalf("stored %+v, want %+v", stored, tc.want)
			}
		})
	}
}

func TestCustomerLookups(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	a := mustCreateCustomer(t, s, "First@Example.com")
	clock.Advance(time.Second)
	b := mustCreateCustomer(t, s, "second@example.com")

	tests := []struct {
		name    string
		get     func() (store.Customer, error)
		want    store.Customer
		wantErr error
	}{
		{name: "by id", get: func() (store.Customer, error) { return s.Customer(ctx, b.ID) }, want: b},
		{name: "unknown id", get: func() (store.Customer, error) { return s.Customer(ctx, "cus_nope") }, wantErr: store.ErrNotFound},
		{name: "by email any case", get: func() (store.Customer, error) { return s.CustomerByEmail(ctx, " first@EXAMPLE.com ") }, want: a},
		{name: "unknown email", get: func() (store.Customer, error) { return s.CustomerByEmail(ctx, "x@example.com") }, wantErr: store.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.get()
			wantErr(t, err, tc.wantErr)
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}

	list, err := s.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0] != a || list[1] != b {
		t.Fatalf("Customers = %+v, want [%+v %+v]", list, a, b)
	}
}

func TestCustomersEmpty(t *testing.T) {
	s, _ := openTestStore(t)
	list, err := s.Customers(context.Background())
	if err != nil || len(list) != 0 {
		t.Fatalf("Customers = %v, %v; want none", list, err)
	}
}

func TestCustomersBesides(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	count := func(id string) int {
		t.Helper()
		n, err := s.CustomersBesides(ctx, id)
		if err != nil {
			t.Fatalf("CustomersBesides(%q): %v", id, err)
		}
		return n
	}
	if n := count("cus_nobody"); n != 0 {
		t.Fatalf("empty store: %d besides, want 0", n)
	}
	a, err := s.CreateCustomer(ctx, store.Customer{Email: "ann@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCustomer(ctx, store.Customer{Email: "bob@example.com"}); err != nil {
		t.Fatal(err)
	}
	if n := count(a.ID); n != 1 {
		t.Fatalf("besides Ann: %d, want 1", n)
	}
	if n := count("cus_nobody"); n != 2 {
		t.Fatalf("besides an unknown id: %d, want 2", n)
	}
}
