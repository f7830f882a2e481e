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
// demo catalog that serve puts in every new database.
func openAdminStore(ctx context.Context, c *common, getenv func(string) string) (*store.Store, error) {
	if c.db == "" {
		p, err := defaultDBPath(getenv)
		if err != nil {
			return nil, err
		}
		c.db = p
	}
	if _, err := os.Stat(c.db); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no database at %s; run `commerce-mcp serve --db %s` once to create it, or pass --db", c.db, c.db)
	} else if err != nil {
		return nil, err
	}
	return store.Open(ctx, c.db)
}

// findCustomer returns the customer named by ref, an id or (when it contains '@') an
// email address, with an error that tells the operator how to find the right one.
func findCustomer(ctx context.Context, s *store.Store, ref string) (store.Customer, error) {
	if ref == "" {
		return store.Customer{}, &usageError{Msg: "--customer ID is required; run `commerce-mcp customer list` to see the ids"}
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
		return store.Customer{}, fmt.Errorf("no customer with %s %s; run `commerce-mcp customer list`", what, ref)
	}
	return c, err
}

// adminError turns a store error into the line the operator sees: the store's own
// message without its operation prefix for invalid input (a usage error, exit 2) and
// conflicts, and the error as it is otherwise.
func adminError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrInvalid):
		return &usageError{Msg: afterSentinel(err, store.ErrInvalid)}
	case errors.Is(err, store.ErrConflict):
		return errors.New(afterSentinel(err, store.ErrConflict))
	}
	return err
}

// afterSentinel returns the part of err's message after "<sentinel>: ", or the whole
// message.
func afterSentinel(err, sentinel error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, sentinel.Error()+": "); i >= 0 {
		return msg[i+len(sentinel.Error())+2:]
	}
	return msg
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
