package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// tokenCmd runs `commerce-mcp token create|list|revoke`.
func tokenCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	sub, args, err := subcommand("token", args, "create", "list", "revoke")
	if err != nil {
		return err
	}
	switch sub {
	case "create":
		return tokenCreate(ctx, args, getenv, stdout, stderr)
	case "list":
		return tokenList(ctx, args, getenv, stdout, stderr)
	default:
		return tokenRevoke(ctx, args, getenv, stdout, stderr)
	}
}

// tokenCreate prints the new secret alone on stdout, so that a script can capture it
// (TOKEN=$(commerce-mcp token create …)); what the operator should know goes to stderr.
func tokenCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("token create", getenv)
	custRef := fs.String("customer", "", "the customer the token acts for (`id` or email; required)")
	name := fs.String("name", "", "a `label` to tell the token by in token list and token revoke, e.g. the agent's host")
	// The default, 30 days, keeps a forgotten token from staying valid for ever.
	expires := fs.String("expires", "720h", "how long the token is valid: a `duration` in hours (720h) or days (90d); 0 for never")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	valid, err := parseExpiry(*expires)
	if err != nil {
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
	now := time.Now()
	var until time.Time
	if valid > 0 {
		until = now.Add(valid)
	}
	secret, tok, err := s.CreateToken(ctx, cust.ID, *name, until, now)
	if err != nil {
		return adminError(err)
	}
	fmt.Fprintln(stdout, secret)
	expiry := "never expires"
	if !tok.Expires.IsZero() {
		expiry = "expires " + tok.Expires.Format("2006-01-02 15:04 MST")
	}
	label := ""
	if tok.Name != "" {
		label = fmt.Sprintf(" (%s)", tok.Name)
	}
	fmt.Fprintf(stderr, "created token %s%s for %s (%s); it %s.\nThe token is shown only this once: only its hash is kept. Revoke it with `commerce-mcp token revoke%s %s`.\n",
		tok.ID, label, cust.ID, cust.Email, expiry, dbGiven(fs, c), tok.ID)
	return nil
}

// dbGiven is " --db PATH" when the command was given --db, for the commands it
// suggests to run next: without it they would work on another database.
func dbGiven(fs *flag.FlagSet, c *common) string {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "db" })
	if !given {
		return ""
	}
	return " --db " + shellWord(c.db)
}

// shellWord is s as one word of a POSIX shell command: as it is when it has no
// character the shell treats specially, else in single quotes.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// parseExpiry reads --expires: a Go duration, a whole number of days ("90d"), or 0
// (also "never" or "none") for a token that never expires.
func parseExpiry(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "0", "never", "none":
		return 0, nil
	}
	bad := &usageError{Msg: fmt.Sprintf("--expires %q is not a duration such as 720h or 90d, or 0 for never", s)}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n > 100*365 {
			return 0, bad
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, bad
		}
	}
	switch {
	case d < 0:
		return 0, &usageError{Msg: fmt.Sprintf("--expires %q is negative; give how long the token is valid, or 0 for never", s)}
	case d == 0:
		return 0, nil
	case d < time.Minute:
		return 0, &usageError{Msg: fmt.Sprintf("--expires %q is under a minute; give at least 1m, or 0 for never", s)}
	}
	return d, nil
}

// tokenList prints tokens newest first, of one customer or of all: never a secret,
// which the database does not have, nor its hash.
func tokenList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("token list", getenv)
	custRef := fs.String("customer", "", "only this customer's tokens (`id` or email)")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	var custID string
	if *custRef != "" {
		cust, err := findCustomer(ctx, s, c.db, *custRef)
		if err != nil {
			return err
		}
		custID = cust.ID
	}
	list, err := s.Tokens(ctx, custID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(stderr, "no tokens; create one with `commerce-mcp token create --customer ID`")
		return nil
	}
	now := time.Now()
	when := func(t time.Time, none string) string {
		if t.IsZero() {
			return none
		}
		return t.Format("2006-01-02 15:04")
	}
	tw := newTable(stdout, "ID", "LABEL", "CUSTOMER", "CREATED", "LAST USED", "EXPIRES", "REVOKED")
	for _, t := range list {
		expires := when(t.Expires, "never")
		if !t.Expires.IsZero() && !now.Before(t.Expires) {
			expires += " (expired)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, orDash(t.Name), t.CustomerID,
			when(t.Created, "-"), when(t.LastUsed, "never"), expires, when(t.Revoked, "-"))
	}
	return tw.Flush()
}

// tokenRevoke revokes the token named by its id or label, given before or after the
// flags.
func tokenRevoke(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("token revoke", getenv)
	parseRevoke := func(args []string) error {
		err := parse(fs, args)
		if h, ok := err.(*helpShown); ok {
			h.text = strings.Replace(h.text, "token revoke [flags]", "token revoke [flags] ID|LABEL", 1)
		}
		return err
	}
	if err := parseRevoke(args); err != nil {
		return err
	}
	var ref string
	if rest := fs.Args(); len(rest) > 0 {
		ref = rest[0]
		if err := parseRevoke(rest[1:]); err != nil {
			return err
		}
	}
	if ref == "" || strings.HasPrefix(ref, "-") {
		return &usageError{Msg: "token revoke needs the token's id or label: token revoke ID|LABEL; run `commerce-mcp token list` to see them"}
	}
	if fs.NArg() > 0 {
		return &usageError{Msg: fmt.Sprintf("token revoke takes one token id or label, got also %q; quote a label with spaces", fs.Args())}
	}
	if strings.HasPrefix(ref, store.TokenPrefix) {
		// Not echoed: it is a secret, and the store has no way to find a token by it.
		return &usageError{Msg: "that is a token's secret, not its id or label; run `commerce-mcp token list` to see the ids"}
	}
	if _, err := newLogger(stderr, c.logLevel); err != nil {
		return err
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	now := time.Now().UTC()
	tok, err := s.RevokeToken(ctx, ref, now)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("no token has the id or label %q; run `commerce-mcp token list%s`", ref, dbGiven(fs, c))
	case err != nil:
		return adminError(err)
	}
	label := ""
	if tok.Name != "" {
		label = fmt.Sprintf(" (%s)", tok.Name)
	}
	if !tok.Revoked.Equal(now) {
		fmt.Fprintf(stdout, "token %s%s of %s was already revoked on %s\n", tok.ID, label, tok.CustomerID, tok.Revoked.Format("2006-01-02 15:04 MST"))
		return nil
	}
	fmt.Fprintf(stdout, "revoked token %s%s of %s\n", tok.ID, label, tok.CustomerID)
	return nil
}
