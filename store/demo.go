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

// SeedDemo makes sure the demo customer exists and returns it. On first call it
// creates the customer (id DemoCustomerID, email DemoCustomerEmail, name "Demo
// Shopper") with the sandbox card pm_card_visa (visa, 4242, 12/2030) as the default
// payment method, in one transaction; the customer's rules are DefaultRules. Later
// calls, concurrent ones included, return the existing customer unchanged, even if the
// operator has since changed its cards or rules.
func (s *Store) SeedDemo(ctx context.Context) (Customer, error) {
	c, err := s.CustomerByEmail(ctx, DemoCustomerEmail)
	if err == nil {
		return c, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	c, err = s.prepareCustomer(Customer{ID: DemoCustomerID, Email: DemoCustomerEmail, Name: DemoCustomerName})
	if err != nil {
		return Customer{}, fmt.Errorf("seed demo customer: %w", err)
	}
	pm := PaymentMethod{ID: DemoPaymentMethod, CustomerID: c.ID, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Default: true}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertCustomer(ctx, tx, c); err != nil {
			return err
		}
		_, err := addPaymentMethod(ctx, tx, pm, c.CreatedAt)
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
