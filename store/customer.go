package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Limits on customer fields.
const (
	maxEmailLen = 254
	maxNameLen  = 200
	maxIDLen    = 64
)

// Customer is a person the server shops for.
type Customer struct {
	ID               string    // "cus_" + 16 lower-case letters and digits unless given
	Email            string    // as given, trimmed; unique regardless of case
	Name             string    // optional display name
	StripeCustomerID string    // optional Stripe cus_ id of this person on the platform account
	CreatedAt        time.Time // set by CreateCustomer
}

// CreateCustomer stores a new customer and returns it as stored. An empty ID is
// generated ("cus_" + 16 random base32 characters); a given one must start with "cus_"
// and hold only letters, digits, '_' and '-'. The email is required and is unique
// case-insensitively: a second customer with the same email is ErrConflict. Bad fields
// are ErrInvalid naming the field. CreatedAt is set from the store's clock.
func (s *Store) CreateCustomer(ctx context.Context, c Customer) (Customer, error) {
	c, err := s.prepareCustomer(c)
	if err != nil {
		return Customer{}, fmt.Errorf("create customer: %w", err)
	}
	if err := insertCustomer(ctx, s.db, c); err != nil {
		return Customer{}, fmt.Errorf("create customer: %w", err)
	}
	return c, nil
}

// prepareCustomer validates and cleans c and fills in its id and creation time.
func (s *Store) prepareCustomer(c Customer) (Customer, error) {
	email, err := normalizeEmail(c.Email)
	if err != nil {
		return Customer{}, err
	}
	c.Email = email
	c.Name = cleanLine(c.Name)
	if runes(c.Name) > maxNameLen {
		return Customer{}, &FieldError{Field: "name", Problem: FieldTooLong, Max: maxNameLen}
	}
	c.StripeCustomerID = strings.TrimSpace(c.StripeCustomerID)
	if c.StripeCustomerID != "" && (!strings.HasPrefix(c.StripeCustomerID, "cus_") || !isIDText(c.StripeCustomerID)) {
		return Customer{}, &FieldError{Field: "stripe_customer_id", Problem: FieldMalformed, Value: c.StripeCustomerID}
	}
	if c.ID == "" {
		c.ID = NewID("cus_")
	} else if err := checkCustomerID(c.ID); err != nil {
		return Customer{}, err
	}
	c.CreatedAt = s.now()
	return c, nil
}

func insertCustomer(ctx context.Context, q querier, c Customer) error {
	_, err := q.ExecContext(ctx,
		`INSERT INTO customers (id, email, email_key, name, stripe_customer_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ID, c.Email, strings.ToLower(c.Email), c.Name, c.StripeCustomerID, encodeTime(c.CreatedAt))
	if isUniqueViolation(err) {
		if customerExists(ctx, q, c.ID) == nil {
			return &ConflictError{Kind: "customer", Field: "id", Value: c.ID}
		}
		return &ConflictError{Kind: "customer", Field: "email", Value: c.Email}
	}
	return err
}

// Customer returns the customer with the given id, or ErrNotFound.
func (s *Store) Customer(ctx context.Context, id string) (Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, customerColumns+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Customer{}, fmt.Errorf("customer %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Customer{}, fmt.Errorf("customer %q: %w", id, err)
	}
	return c, nil
}

// CustomerByEmail returns the customer with the given email, compared after trimming
// and ignoring case, or ErrNotFound.
func (s *Store) CustomerByEmail(ctx context.Context, email string) (Customer, error) {
	key := strings.ToLower(strings.TrimSpace(email))
	c, err := scanCustomer(s.db.QueryRowContext(ctx, customerColumns+` WHERE email_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return Customer{}, fmt.Errorf("customer with email %q: %w", strings.TrimSpace(email), ErrNotFound)
	}
	if err != nil {
		return Customer{}, fmt.Errorf("customer by email: %w", err)
	}
	return c, nil
}

// Customers returns every customer, oldest first.
func (s *Store) Customers(ctx context.Context) ([]Customer, error) {
	rows, err := s.db.QueryContext(ctx, customerColumns+` ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	defer rows.Close()
	var out []Customer
	for rows.Next() {
		c, err := scanCustomer(rows)
		if err != nil {
			return nil, fmt.Errorf("list customers: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	return out, nil
}

// CustomersBesides counts the customers other than id, without reading them.
func (s *Store) CustomersBesides(ctx context.Context, id string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE id <> ?`, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("count customers: %w", err)
	}
	return n, nil
}

const customerColumns = `SELECT id, email, name, stripe_customer_id, created_at FROM customers`

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanCustomer(r scanner) (Customer, error) {
	var (
		c       Customer
		created string
	)
	if err := r.Scan(&c.ID, &c.Email, &c.Name, &c.StripeCustomerID, &created); err != nil {
		return Customer{}, err
	}
	t, err := decodeTime(created)
	if err != nil {
		return Customer{}, err
	}
	c.CreatedAt = t
	return c, nil
}

// customerExists returns ErrNotFound unless a customer has the id.
func customerExists(ctx context.Context, q querier, id string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM customers WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("customer %q: %w", id, ErrNotFound)
	}
	return nil
}

// normalizeEmail trims an email address and checks that it is a bare address
// ("name@example.com", without a display name or angle brackets).
func normalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", &FieldError{Field: "email", Problem: FieldEmpty}
	case len(s) > maxEmailLen:
		return "", &FieldError{Field: "email", Problem: FieldTooLong, Max: maxEmailLen}
	case strings.IndexFunc(s, func(r rune) bool { return text.Invisible(r) || r == ' ' }) >= 0:
		return "", &FieldError{Field: "email", Problem: FieldMalformed, Value: s}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", &FieldError{Field: "email", Problem: FieldMalformed, Value: s}
	}
	return s, nil
}

// checkCustomerID validates a caller-chosen customer id.
func checkCustomerID(id string) error {
	if !strings.HasPrefix(id, "cus_") || len(id) == len("cus_") || len(id) > maxIDLen || !isIDText(id) {
		return &FieldError{Field: "customer_id", Problem: FieldMalformed, Value: id, Max: float64(maxIDLen - len("cus_"))}
	}
	return nil
}

// isIDText reports whether s holds only ASCII letters, digits, '_' and '-'.
func isIDText(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}
