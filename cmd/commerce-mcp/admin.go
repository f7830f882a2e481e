package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// The admin commands (customer, limits, orders) are the operator's: they change what
// a model may never change, such as spending limits. They print results to stdout
// (tables for people, bare ids where a script captures them) and fail with one line.

// adminFlags starts a flag set for an admin command with the common flags.
func adminFlags(name string, getenv func(string) string) (*flag.FlagSet, *common) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var c common
	c.register(fs, getenv)
	return fs, &c
}

// parseAdmin parses args, refuses positional arguments and checks the log level.
func parseAdmin(fs *flag.FlagSet, c *common, args []string, stderr io.Writer) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{Msg: fmt.Sprintf("%s takes no arguments, got %q; run `commerce-mcp help`", fs.Name(), fs.Args())}
	}
	_, err := newLogger(stderr, c.logLevel)
	return err
}

// openAdminStore opens the store of the database that serve uses: --db, COMMERCE_DB or
// the default path. It refuses to create a database: one made here would lack the
// demo catalog that serve puts in every new database. A missing one is explained as
// serve's checkNewDB would, so that a typo is not answered with how to create it.
func openAdminStore(ctx context.Context, c *common, getenv func(string) string) (*store.Store, error) {
	if c.db == "" {
		p, err := defaultDBPath(getenv)
		if err != nil {
			return nil, err
		}
		c.db = p
	}
	if _, err := os.Stat(c.db); errors.Is(err, os.ErrNotExist) {
		if err := checkNewDB(c.db, "", false); err != nil {
			return nil, err // a typo beside another database, or a catalog gone from its store
		}
		return nil, fmt.Errorf("no database at %s; run `commerce-mcp --db %s </dev/null` once to create it with the demo data (it exits at once), or pass --db", c.db, c.db)
	} else if err != nil {
		return nil, err
	}
	if err := refuseDirDB(c.db); err != nil {
		return nil, err
	}
	return openStore(ctx, c.db, nil)
}

// findCustomer returns the customer named by ref, an id or (when it contains '@') an
// email address, with an error that tells the operator how to find the right one.
func findCustomer(ctx context.Context, s *store.Store, db, ref string) (store.Customer, error) {
	list := "`commerce-mcp customer list --db " + shellWord(db) + "`"
	if ref == "" {
		return store.Customer{}, &usageError{Msg: "--customer ID is required; run " + list + " to see the ids"}
	}
	var (
		c   store.Customer
		err error
	)
	if strings.Contains(ref, "@") {
		c, err = s.CustomerByEmail(ctx, ref)
	} else {
		c, err = s.Customer(ctx, ref)
	}
	if errors.Is(err, store.ErrNotFound) {
		what := "id"
		if strings.Contains(ref, "@") {
			what = "email"
		}
		return store.Customer{}, fmt.Errorf("no customer with %s %s; run %s", what, ref, list)
	}
	return c, err
}

// adminError turns a store error into the line the operator sees, written from the
// error's type and facts, never from its message: a *store.FieldError is a usage error
// (exit 2) naming the flag at fault, a *store.ConflictError says what already exists or
// which records a label names, and any other error is returned as it is.
func adminError(err error) error {
	var (
		fe *store.FieldError
		ce *store.ConflictError
		me *store.CardModeError
	)
	switch {
	case errors.As(err, &me):
		return fmt.Errorf("the card %s is on file in %s mode; it is not put on file again in %s mode (to update it, set STRIPE_SECRET_KEY to a %s-mode key)", me.CardID, me.Mode, me.Wanted, me.Mode)
	case errors.As(err, &fe):
		return &usageError{Msg: operatorFieldText(fe)}
	case errors.As(err, &ce):
		return errors.New(operatorConflictText(ce))
	}
	return err
}

// fieldFlags names the store's fields as the operator gives them: by their flags.
var fieldFlags = map[string]string{
	"email":              "--email",
	"name":               "--name",
	"stripe_customer_id": "--stripe-customer",
	"payment_method_id":  "--payment-method",
	"brand":              "--brand",
	"last4":              "--last4",
	"exp_month":          "--exp-month",
	"exp_year":           "--exp-year",
	"currency":           "--currency",
	"per_order_max":      "--per-order",
	"daily_max":          "--daily",
	"monthly_max":        "--monthly",
	"confirm_above":      "--confirm-above",
	"allowed_sellers":    "--allowed-sellers",
	"allowed_categories": "--allowed-categories",
	"expires":            "--expires",
	"limit":              "--limit",
	"status":             "--status",
	"customer_id":        "the customer id",
	"line1":              "--line1",
	"line2":              "--line2",
	"city":               "--city",
	"region":             "--region",
	"postal_code":        "--postal-code",
	"country":            "--country",
	"phone":              "--phone",
	"id_or_label":        "the token id or label",
}

// flagOf returns the flag (or words) by which the operator gives field.
func flagOf(field string) string {
	if f, ok := fieldFlags[field]; ok {
		return f
	}
	return strings.ReplaceAll(field, "_", " ")
}

// operatorFieldText says what is wrong with a value the store refused and, where it
// helps, what it should look like.
func operatorFieldText(e *store.FieldError) string {
	f := flagOf(e.Field)
	switch e.Problem {
	case store.FieldEmpty:
		if e.Item > 0 {
			return fmt.Sprintf("%s: item %d is empty", f, e.Item)
		}
		return f + " is required"
	case store.FieldTooLong:
		if e.Item > 0 {
			return fmt.Sprintf("%s: item %d is longer than %.0f characters", f, e.Item, e.Max)
		}
		return fmt.Sprintf("%s is longer than %.0f characters", f, e.Max)
	case store.FieldTooMany:
		return fmt.Sprintf("%s: more than %.0f items", f, e.Max)
	case store.FieldMalformed:
		return malformedText(f, e)
	case store.FieldOutOfRange:
		switch {
		case e.Field == "exp_year" && e.Value != "":
			return fmt.Sprintf("%s %s is not a four-digit year", f, e.Value)
		case e.Value != "":
			return fmt.Sprintf("%s %s is not between %g and %g", f, e.Value, e.Min, e.Max)
		}
		return fmt.Sprintf("%s must be between %g and %g", f, e.Min, e.Max)
	case store.FieldNegative:
		return f + " must be an amount of at least 0, or none for no limit"
	case store.FieldNeeds:
		needs := make([]string, len(e.Needs))
		for i, n := range e.Needs {
			needs[i] = flagOf(n)
		}
		if e.Field == "currency" {
			return fmt.Sprintf("changing the currency to %s needs %s in %s too (or none for no limit)", e.Value, strings.Join(needs, ", "), e.Value)
		}
		return fmt.Sprintf("%s needs %s too", f, strings.Join(needs, " and "))
	case store.FieldReserved:
		switch {
		case e.Prefix == store.TokenPrefix:
			return fmt.Sprintf("%s begins with %s, which is how token secrets begin; choose another label", f, e.Prefix)
		case e.Prefix == "tok_":
			return fmt.Sprintf("%s %q begins with tok_, which is how token ids begin; choose another label", f, e.Value)
		}
		return fmt.Sprintf("%s %q may not begin with %s", f, e.Value, e.Prefix)
	case store.FieldNotFuture:
		return fmt.Sprintf("%s %s is not in the future", f, e.Value)
	case store.FieldRequired:
		return fmt.Sprintf("%s is required for an address in %s", f, e.Value)
	case store.FieldNotOneOf:
		return fmt.Sprintf("%s must be one of %s", f, strings.Join(e.OneOf, ", "))
	case store.FieldForeign:
		return f + " is not one this server returned"
	}
	return fmt.Sprintf("%s cannot be accepted (%s)", f, e.Problem)
}

// malformedText says what form the field takes; values that may be card data or a
// secret come without Value and are not repeated.
func malformedText(f string, e *store.FieldError) string {
	given := f
	if e.Value != "" {
		given = fmt.Sprintf("%s %q", f, e.Value)
	}
	switch e.Field {
	case "email":
		return given + " is not an email address like name@example.com"
	case "stripe_customer_id":
		return given + " is not a Stripe customer id (cus_…)"
	case "customer_id":
		return fmt.Sprintf(`%s must be "cus_" followed by up to %.0f letters, digits, '_' or '-'`, given, e.Max)
	case "payment_method_id":
		return given + " is not a Stripe payment method id (pm_…); never give a card number"
	case "brand":
		return given + " is not a card brand such as visa or mastercard"
	case "last4":
		return f + " must be exactly four digits (the last four of the card number)"
	case "currency":
		return given + " is not a three-letter ISO 4217 code such as USD"
	case "country":
		return given + " is not a two-letter ISO 3166-1 country code such as US, GB or DE"
	case "region":
		return given + " is not the two-letter abbreviation of a state or province of the country (CA, NY, ON, …)"
	case "postal_code":
		return f + " is not a postal code of the country given"
	case "phone":
		return f + " must be a phone number: digits, spaces and dashes, with an optional leading +"
	}
	return given + " is not in a form that can be accepted"
}

// operatorConflictText says what already exists, or which records a label names.
func operatorConflictText(e *store.ConflictError) string {
	if len(e.IDs) > 0 {
		return fmt.Sprintf("%d %ss have the %s %q (%s); give the id of the one you mean",
			len(e.IDs), e.Kind, e.Field, e.Value, strings.Join(e.IDs, ", "))
	}
	text := fmt.Sprintf("a %s with %s %q already exists", e.Kind, e.Field, e.Value)
	if e.Kind == "customer" {
		text += "; run `commerce-mcp customer list`"
	}
	return text
}

// subcommand splits "customer create --email x" into "create" and its flags; -h
// returns the group's usage (a helpShown).
func subcommand(group string, args []string, subs ...string) (string, []string, error) {
	list := strings.Join(subs, ", ")
	if len(args) > 0 && isHelp(args[0]) {
		return "", nil, &helpShown{fmt.Sprintf("Usage: commerce-mcp %s %s [flags]\n\nEach takes -h for its flags; see `commerce-mcp help`.", group, strings.Join(subs, "|"))}
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return "", nil, &usageError{Msg: fmt.Sprintf("%s needs a subcommand: %s; run `commerce-mcp help`", group, list)}
	}
	for _, s := range subs {
		if args[0] == s {
			return s, args[1:], nil
		}
	}
	return "", nil, &usageError{Msg: fmt.Sprintf("unknown %s subcommand %q; use one of %s", group, args[0], list)}
}

// newTable writes aligned columns to w; call Flush when done.
func newTable(w io.Writer, header ...string) *tabwriter.Writer {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	return tw
}

// orDash returns s, or "-" for an empty s, so that table columns never collapse.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cardLabel describes a payment method for people: "Visa •••• 4242, exp 12/2030".
func cardLabel(brand, last4 string, expMonth, expYear int) string {
	s := "-"
	if brand != "" {
		s = tools.CardName(brand, last4)
	}
	if expYear != 0 {
		s += fmt.Sprintf(", exp %02d/%d", expMonth, expYear)
	}
	return s
}
