package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The demo customer, whom a new database serves until the operator configures others.
const (
	DemoCustomerID    = "cus_demo"
	DemoCustomerEmail = "demo@commerce-mcp.example"
	DemoCustomerName  = "Demo Shopper"
	// DemoPaymentMethod is Stripe's test Visa card (4242), which the sandbox accepts.
	DemoPaymentMethod = "pm_card_visa"
)

// DemoAddress is the demo customer's delivery address: made up, in Oregon, which has
// no sales tax, so that the reference seller's demo tax table adds none.
var DemoAddress = Address{Name: DemoCustomerName, Line1: "100 Example Street", City: "Portland", Region: "OR",
	PostalCode: "97201", Country: "US", Default: true}

// SeedDemo is SeedDemoIn for the sandbox.
func (s *Store) SeedDemo(ctx context.Context) (Customer, error) {
	return s.SeedDemoIn(ctx, ModeSandbox)
}

// SeedDemoIn makes sure the demo customer exists and returns it. On first call it
// creates the customer (id DemoCustomerID, email DemoCustomerEmail, name "Demo
// Shopper") with Stripe's test card pm_card_visa (visa, 4242, 12/2030), put on file in
// mode (the sandbox, or Stripe's test mode, which knows that id too), as the default
// payment method and DemoAddress as the default address, in one transaction; the customer's rules are DefaultRules. Later
// calls, concurrent ones included, return the existing customer unchanged, even if the
// operator has since changed its cards or rules, or mode differs (its card keeps the
// mode it was put on file in) — except that a demo card of unknown mode (one seeded
// before modes were recorded, migrations/0032) takes mode when it is the sandbox or
// test mode: pm_card_visa is a Stripe test card, which both know and live never does.
func (s *Store) SeedDemoIn(ctx context.Context, mode string) (Customer, error) {
	c, err := s.CustomerByEmail(ctx, DemoCustomerEmail)
	if err == nil {
		if mode == ModeSandbox || mode == ModeTest {
			if _, err := s.db.ExecContext(ctx, `UPDATE payment_methods SET mode = ? WHERE customer_id = ? AND id = ? AND mode = ?`,
				mode, c.ID, DemoPaymentMethod, ModeUnknown); err != nil {
				return Customer{}, fmt.Errorf("seed demo customer: %w", err)
			}
		}
		return c, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	c, err = s.prepareCustomer(Customer{ID: DemoCustomerID, Email: DemoCustomerEmail, Name: DemoCustomerName})
	if err != nil {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	pm := PaymentMethod{ID: DemoPaymentMethod, CustomerID: c.ID, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Default: true, Mode: mode}
	if pm, err = normalizePaymentMethod(pm); err != nil {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertCustomer(ctx, tx, c); err != nil {
			return err
		}
		if _, err := addPaymentMethod(ctx, tx, pm, c.CreatedAt); err != nil {
			return err
		}
		a := DemoAddress
		a.ID, a.CustomerID, a.CreatedAt = "adr_demo", c.ID, c.CreatedAt
		_, err := tx.ExecContext(ctx, `INSERT INTO addresses (id, customer_id, name, line1, line2, city, region, postal_code,
			country, phone, is_default, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.ID, a.CustomerID, a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone, a.Default, encodeTime(a.CreatedAt))
		return err
	})
	if errors.Is(err, ErrConflict) { // created meanwhile by another caller
		if c, err := s.CustomerByEmail(ctx, DemoCustomerEmail); err == nil {
			return c, nil
		}
	}
	if err != nil {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	return c, nil
}
