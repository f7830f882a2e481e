package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// pmLookup asks Stripe about a payment method, so that the operator cannot put on file
// a pm_ id that does not exist, and so that the brand, last four digits and expiry the
// customer sees are Stripe's.
type pmLookup interface {
	PaymentMethod(ctx context.Context, id string) (brand, last4 string, expMonth, expYear int, err error)
	// CreateCustomer creates the customer's Stripe Customer (POST /v1/customers).
	CreateCustomer(ctx context.Context, c store.Customer) (string, error)
	// Attach attaches the method to a Stripe Customer and returns the id to keep: for
	// Stripe's test ids (pm_card_visa) Stripe attaches a new copy.
	Attach(ctx context.Context, pmID, stripeCustomer string) (string, error)
}

// newPMLookup returns the Stripe lookup for secretKey, through the same client that
// issues Shared Payment Tokens; baseURL, when not empty, replaces
// https://api.stripe.com (emulators and tests).
func newPMLookup(secretKey, baseURL string) pmLookup {
	return sptLookup{spt.New(spt.Config{SecretKey: secretKey, BaseURL: baseURL, MaxNetworkRetries: 1})}
}

// sptLookup is pmLookup through internal/checkout/spt's GET /v1/payment_methods/{id}.
type sptLookup struct{ c *spt.Client }

// PaymentMethod returns what Stripe shows of the method. A method that is not a card
// has its type ("link", "us_bank_account", …) for brand and no last four digits.
func (l sptLookup) PaymentMethod(ctx context.Context, id string) (brand, last4 string, expMonth, expYear int, err error) {
	pm, err := l.c.PaymentMethod(ctx, id)
	if err != nil {
		return "", "", 0, 0, pmLookupError(id, err)
	}
	if pm.Brand == "" {
		return pm.Type, pm.Last4, pm.ExpMonth, pm.ExpYear, nil
	}
	return pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear, nil
}

// CreateCustomer implements pmLookup; the same customer always gets the same Stripe
// Customer within Stripe's idempotency window (a retried command makes no second one).
func (l sptLookup) CreateCustomer(ctx context.Context, c store.Customer) (string, error) {
	id, err := l.c.CreateCustomer(ctx, spt.CustomerParams{Email: c.Email, Name: c.Name,
		Metadata: map[string]string{"commerce_customer_id": c.ID}, IdempotencyKey: "customer-" + c.ID})
	if err != nil {
		return "", stripeCallError("create the Stripe Customer", err)
	}
	return id, nil
}

// Attach implements pmLookup.
func (l sptLookup) Attach(ctx context.Context, pmID, stripeCustomer string) (string, error) {
	pm, err := l.c.AttachPaymentMethod(ctx, pmID, stripeCustomer, "")
	var se *spt.Error
	if errors.As(err, &se) && se.Code == spt.CodeResourceMissing && se.Param == "customer" {
		// The method was found (looked up just before); the customer's Stripe Customer was not.
		return "", fmt.Errorf("Stripe has no customer %s on this account (the Stripe Customer on file for this customer); check that the key is for the account and mode (test or live) it was made in", stripeCustomer)
	}
	if err != nil {
		return "", pmLookupError(pmID, err)
	}
	return pm.ID, nil
}

// stripeCallError says in one line why a Stripe call (what) failed, without Stripe's
// message, which may quote the key.
func stripeCallError(what string, err error) error {
	var se *spt.Error
	switch {
	case !errors.As(err, &se):
		return fmt.Errorf("could not %s", what)
	case se.HTTPStatus == http.StatusUnauthorized:
		return errors.New("Stripe refused the secret key (401); check STRIPE_SECRET_KEY or --stripe-key")
	case se.HTTPStatus == 0:
		return fmt.Errorf("could not reach Stripe to %s; check the network and try again", what)
	}
	code := se.Code
	if code == "" {
		code = se.Type
	}
	return fmt.Errorf("Stripe could not %s: %s (HTTP %d); try again later", what, code, se.HTTPStatus)
}

// pmLookupError says in one line why Stripe did not confirm the method. Stripe's own
// message is left out: for a bad key it quotes part of the key.
func pmLookupError(id string, err error) error {
	if errors.Is(err, spt.ErrInvalid) {
		return &usageError{Msg: fmt.Sprintf("%s is not a Stripe payment method id (pm_ followed by letters, digits or _)", id)}
	}
	var se *spt.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("could not ask Stripe about %s", id)
	}
	switch {
	case se.Code == spt.CodeResourceMissing || se.HTTPStatus == http.StatusNotFound:
		return fmt.Errorf("Stripe has no payment method %s on this account; check the id, and that the key is for the account and mode (test or live) the method was made in", id)
	case se.HTTPStatus == http.StatusUnauthorized:
		return errors.New("Stripe refused the secret key (401); check STRIPE_SECRET_KEY or --stripe-key")
	case se.HTTPStatus == http.StatusForbidden:
		return errors.New("the Stripe key may not read payment methods (403); use a secret key with that permission")
	case se.HTTPStatus == 0:
		return fmt.Errorf("could not reach Stripe to look up %s; check the network and try again", id)
	}
	code := se.Code
	if code == "" {
		code = se.Type
	}
	return fmt.Errorf("Stripe could not look up %s: %s (HTTP %d); try again later", id, code, se.HTTPStatus)
}
