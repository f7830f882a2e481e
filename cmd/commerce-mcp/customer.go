package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/cli"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// customerCmd runs `commerce-mcp customer create|list|add-payment-method|add-address`.
func customerCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	sub, args, err := subcommand("customer", args, "create", "list", "add-payment-method", "add-address")
	if err != nil {
		return err
	}
	switch sub {
	case "create":
		return customerCreate(ctx, args, getenv, stdout, stderr)
	case "list":
		return customerList(ctx, args, getenv, stdout, stderr)
	case "add-address":
		return customerAddAddress(ctx, args, getenv, stdout, stderr)
	default:
		return customerAddPaymentMethod(ctx, args, getenv, stdout, stderr)
	}
}

// customerCreate prints only the new customer's id, so scripts can capture it.
func customerCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("customer create", getenv)
	email := fs.String("email", "", "the customer's email `address` (required, unique)")
	name := fs.String("name", "", "the customer's `name`")
	stripeID := fs.String("stripe-customer", "", "the customer's existing Stripe customer `id` (cus_…); with a Stripe key and without it, a Stripe Customer is created")
	stripeKeyFile := fs.String("stripe-key-file", "", "`file` holding the Stripe secret key (env STRIPE_SECRET_KEY gives the key itself); with a key the Stripe Customer is created now, otherwise the server creates it when first needed")
	stripeURL := fs.String("stripe-base-url", getenv("STRIPE_BASE_URL"), "Stripe API base `URL`, for emulators and tests (env STRIPE_BASE_URL)")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	key, _, _, err := cli.Secret("stripe-key", "", *stripeKeyFile, "STRIPE_SECRET_KEY", getenv)
	if err != nil {
		return err
	}
	if *email == "" {
		return &usageError{Msg: "customer create needs --email ADDRESS"}
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	cust, err := s.CreateCustomer(ctx, store.Customer{Email: *email, Name: *name, StripeCustomerID: *stripeID})
	if err != nil {
		return adminError(err)
	}
	fmt.Fprintln(stdout, cust.ID)
	if key == "" || cust.StripeCustomerID != "" {
		return nil
	}
	id, err := newPMLookup(key, *stripeURL).CreateCustomer(ctx, cust)
	if err == nil {
		_, err = s.SetStripeCustomerID(ctx, cust.ID, id)
	}
	if err != nil {
		// The customer exists; the server makes the Stripe Customer when first needed.
		fmt.Fprintf(stderr, "warning: %v; the server will create the Stripe Customer when it first needs it\n", err)
	}
	return nil
}

func customerList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("customer list", getenv)
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Customers(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(stderr, "no customers yet; add one with `commerce-mcp customer create --email ADDRESS`")
		return nil
	}
	tw := newTable(stdout, "ID", "EMAIL", "NAME", "DEFAULT PAYMENT METHOD", "CREATED")
	for _, cu := range list {
		card := "-"
		pm, err := s.DefaultPaymentMethod(ctx, cu.ID)
		switch {
		case err == nil:
			card = pm.ID + " (" + cardLabel(pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear) + ")"
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", cu.ID, cu.Email, orDash(cu.Name), card, cu.CreatedAt.Format("2006-01-02"))
	}
	return tw.Flush()
}

func customerAddPaymentMethod(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("customer add-payment-method", getenv)
	custRef := fs.String("customer", "", "customer `id` (or email)")
	pmID := fs.String("payment-method", "", "Stripe payment method `id` (pm_…; required: in sandbox mode a Stripe test method such as pm_card_visa, or any pm_ id with --brand and --last4)")
	makeDefault := fs.Bool("default", false, "make it the default payment method (the first one always is)")
	brand := fs.String("brand", "", "card `brand`, e.g. visa (sandbox mode only, with --payment-method)")
	last4 := fs.String("last4", "", "last four `digits` of the card (sandbox mode only, with --payment-method)")
	expMonth := fs.Int("exp-month", 0, "expiry `month` 1-12 (sandbox mode only, with --payment-method)")
	expYear := fs.Int("exp-year", 0, "expiry `year`, four digits (sandbox mode only, with --payment-method)")
	// Secrets are read from the environment after parsing, so that -h never prints them
	// as flag defaults.
	stripeKey := fs.String("stripe-key", "", "Stripe secret `key`: check the method with Stripe. Visible to other users in the process list: prefer STRIPE_SECRET_KEY or --stripe-key-file")
	stripeKeyFile := fs.String("stripe-key-file", "", "`file` holding the Stripe secret key (env STRIPE_SECRET_KEY gives the key itself)")
	stripeURL := fs.String("stripe-base-url", getenv("STRIPE_BASE_URL"), "Stripe API base `URL`, for emulators and tests (env STRIPE_BASE_URL)")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	key, _, warning, err := cli.Secret("stripe-key", *stripeKey, *stripeKeyFile, "STRIPE_SECRET_KEY", getenv)
	if err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintln(stderr, "warning:", warning)
	}
	*stripeKey = key
	if *pmID == "" {
		return &usageError{Msg: "customer add-payment-method needs --payment-method pm_… (in sandbox mode a Stripe test method such as pm_card_visa; --brand and --last4 only describe the method given)"}
	}
	if !strings.HasPrefix(*pmID, "pm_") {
		// Not echoed: it may be a card number.
		return &usageError{Msg: "--payment-method is not a Stripe payment method id (pm_…); never give a card number"}
	}
	explicit := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	cust, err := findCustomer(ctx, s, c.db, *custRef)
	if err != nil {
		return err
	}
	// The card belongs to the mode of the key that vouches for it (none: the sandbox).
	pm := store.PaymentMethod{ID: *pmID, CustomerID: cust.ID, Default: *makeDefault, Mode: string(checkout.ModeOf(*stripeKey))}
	if *stripeKey != "" {
		for _, name := range []string{"brand", "last4", "exp-month", "exp-year"} {
			if explicit[name] {
				return &usageError{Msg: fmt.Sprintf("--%s comes from Stripe when a Stripe key is set; leave it out", name)}
			}
		}
		lookup := newPMLookup(*stripeKey, *stripeURL)
		pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear, err = lookup.PaymentMethod(ctx, *pmID)
		if err != nil {
			return err
		}
		// Payment methods live on the customer's Stripe Customer, made now if the
		// customer has none yet.
		stripeCustomer := cust.StripeCustomerID
		if stripeCustomer == "" {
			id, err := lookup.CreateCustomer(ctx, cust)
			if err != nil {
				return err
			}
			if stripeCustomer, err = s.SetStripeCustomerID(ctx, cust.ID, id); err != nil {
				return err
			}
		}
		if pm.ID, err = lookup.Attach(ctx, *pmID, stripeCustomer); err != nil {
			return err
		}
	} else {
		cardBrand, cardLast4, ok := stripesim.TestCard(*pmID)
		switch {
		case ok: // the expiry is the demo's 12/2030, as store.SeedDemo gives pm_card_visa
			pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear = cardBrand, cardLast4, 12, 2030
		case !explicit["brand"] && !explicit["last4"]:
			return &usageError{Msg: fmt.Sprintf("%s is not one of Stripe's test payment methods (pm_card_visa, pm_card_mastercard, …); give --brand and --last4, or set STRIPE_SECRET_KEY to look it up in Stripe", *pmID)}
		default:
			fmt.Fprintf(stderr, "warning: %s is not a Stripe test payment method, so the sandbox cannot charge it\n", *pmID)
		}
		if explicit["brand"] {
			pm.Brand = *brand
		}
		if explicit["last4"] {
			pm.Last4 = *last4
		}
		if explicit["exp-month"] || explicit["exp-year"] {
			pm.ExpMonth, pm.ExpYear = *expMonth, *expYear
		}
	}
	pm, err = s.AddPaymentMethod(ctx, pm)
	if err != nil {
		return adminError(err)
	}
	role := "not the default"
	if pm.Default {
		role = "the default"
	}
	fmt.Fprintf(stdout, "%s (%s) is on file for %s, %s, for %s mode\n", pm.ID, cardLabel(pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear), cust.ID, role, pm.Mode)
	return nil
}

// customerAddAddress saves a delivery address for a customer. It prints the new
// address's id, not the address: addresses are personal data.
func customerAddAddress(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("customer add-address", getenv)
	custRef := fs.String("customer", "", "customer `id` (or email)")
	name := fs.String("name", "", "who receives the parcel (required)")
	line1 := fs.String("line1", "", "street and number (required)")
	line2 := fs.String("line2", "", "apartment, suite, floor")
	city := fs.String("city", "", "city or town (required)")
	region := fs.String("region", "", "state or province; for US and CA its two-letter abbreviation (required there)")
	postal := fs.String("postal-code", "", "postal or ZIP code in the country's form")
	country := fs.String("country", "", "two-letter ISO 3166-1 country `code`, e.g. US (required)")
	phone := fs.String("phone", "", "phone `number` for the carrier")
	makeDefault := fs.Bool("default", false, "make it the default delivery address (the first one always is)")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	cust, err := findCustomer(ctx, s, c.db, *custRef)
	if err != nil {
		return err
	}
	a, err := s.AddAddress(ctx, store.Address{CustomerID: cust.ID, Name: *name, Line1: *line1, Line2: *line2, City: *city,
		Region: *region, PostalCode: *postal, Country: *country, Phone: *phone, Default: *makeDefault})
	if err != nil {
		return adminError(err)
	}
	role := "not the default"
	if a.Default {
		role = "the default"
	}
	fmt.Fprintf(stdout, "%s is on file for %s, %s\n", a.ID, cust.ID, role)
	return nil
}
