package tools

import (
	"context"
	"errors"
	"time"
)

// errNoCustomer means the call has no customer to act for: none was configured (stdio)
// and the request carried none (hosted).
var errNoCustomer = errors.New("no customer is configured")

type customerKey struct{}

// WithCustomer returns ctx acting for customerID. Hosted mode puts the customer of the
// request's bearer token here; it takes precedence over Toolbox.Customer. An empty id
// leaves ctx unchanged.
func WithCustomer(ctx context.Context, customerID string) context.Context {
	if customerID == "" {
		return ctx
	}
	return context.WithValue(ctx, customerKey{}, customerID)
}

// CustomerFrom returns the customer WithCustomer put in ctx, or "".
func CustomerFrom(ctx context.Context) string {
	id, _ := ctx.Value(customerKey{}).(string)
	return id
}

// currentCustomer returns the id of the customer the current call acts for: the
// request's customer in hosted mode (WithCustomer), else the configured customer in
// stdio mode. It is the only source of the customer; tools never take it as an
// argument.
func (t *Toolbox) currentCustomer(ctx context.Context) (string, error) {
	if id := CustomerFrom(ctx); id != "" {
		return id, nil
	}
	if t.Customer == "" {
		return "", errNoCustomer
	}
	return t.Customer, nil
}

// RateLimiter decides whether customer may call tool now. When not, retryAfter says
// how long until the call would be allowed; a refused call consumes nothing.
type RateLimiter interface {
	Allow(customer, tool string) (ok bool, retryAfter time.Duration)
}
