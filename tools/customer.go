package tools

import (
	"context"
	"errors"
	"time"
)

// errNoCustomer means the call has no customer to act for: none was configured (stdio)
// and the request carried none (hosted).
var errNoCustomer = errors.New("no customer is configured")

// noCustomerText starts what a tool call without a customer is told (resources say
// the same in lower case). It holds for stdio and hosted mode alike, so it names no
// flag: the model may pass it on to a person who is not the operator. The operator's
// hint goes to the log (noCustomer).
const noCustomerText = "This server has no customer configured for this request"

// noCustomer logs, for the operator, why what (a tool or a resource) had no customer.
func (t *Toolbox) noCustomer(ctx context.Context, what string) {
	t.Log.WarnContext(ctx, "call without a customer: start stdio mode with --customer (see `commerce-mcp customer list`); in hosted mode the request's customer must be put in the context with tools.WithCustomer", "call", what)
}

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
