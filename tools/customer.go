package tools

import (
	"context"
	"errors"
)

// errNoCustomer means the server was started without a customer to act for.
var errNoCustomer = errors.New("no customer is configured")

// currentCustomer returns the id of the customer the current call acts for: in stdio
// mode the configured customer. It is the only source of the customer; tools never
// take it as an argument.
func (t *Toolbox) currentCustomer(ctx context.Context) (string, error) {
	if t.Customer == "" {
		return "", errNoCustomer
	}
	return t.Customer, nil
}
