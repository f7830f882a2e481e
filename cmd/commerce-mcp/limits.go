package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// limitsCmd runs `commerce-mcp limits set|show`.
func limitsCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	sub, args, err := subcommand("limits", args, "set", "show")
	if err != nil {
		return err
	}
	if sub == "set" {
		return limitsSet(ctx, args, getenv, stdout, stderr)
	}
	return limitsShow(ctx, args, getenv, stdout, stderr)
}

// limitsSet changes only the limits given on the command line and prints the result.
func limitsSet(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("limits set", getenv)
	custRef := fs.String("customer", "", "customer `id` (or email)")
	def := fs.Bool("default", false, "set the rules of every customer whose own were never set (instead of --customer): a shop priced in GBP sets them in GBP once")
	perOrder := fs.String("per-order", "", "largest total of one purchase, e.g. 100.00, or none")
	daily := fs.String("daily", "", "largest sum of purchases in any 24 hours, e.g. 300.00, or none")
	monthly := fs.String("monthly", "", "largest sum of purchases in any 30 days, subscription renewals included, e.g. 1500.00, or none")
	confirm := fs.String("confirm-above", "", "purchases above this total need the person's confirmation, e.g. 50.00; 0 asks for every purchase, none for no purchase")
	currency := fs.String("currency", "", "ISO `currency` of the limits, e.g. USD; changing it needs the amounts too")
	sellers := fs.String("allowed-sellers", "", "comma-separated seller `ids` that may be bought from; empty allows all")
	cats := fs.String("allowed-categories", "", "comma-separated category `paths` that may be bought, each with its subcategories; empty allows all")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["per-order"] && !set["daily"] && !set["monthly"] && !set["confirm-above"] && !set["currency"] && !set["allowed-sellers"] && !set["allowed-categories"] {
		return &usageError{Msg: "limits set needs at least one of --per-order, --daily, --monthly, --confirm-above, --currency, --allowed-sellers, --allowed-categories"}
	}
	if *def && *custRef != "" {
		return &usageError{Msg: "limits set takes --customer or --default, not both"}
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	rules := rulesOf(ctx, s, c.db, *def, *custRef)
	cur, err := rules.current()
	if err != nil {
		return err
	}
	var p store.RulesPatch
	amountCurrency := cur.Currency
	if set["currency"] {
		code, err := money.NormalizeCurrency(*currency)
		if err != nil {
			return &usageError{Msg: fmt.Sprintf("--currency %q is not a three-letter ISO 4217 code such as USD", *currency)}
		}
		p.Currency, amountCurrency = &code, code
		if code != cur.Currency {
			for _, a := range []struct {
				flag string
				v    int64
			}{{"per-order", cur.PerOrderMax}, {"daily", cur.DailyMax}, {"monthly", cur.MonthlyMax}, {"confirm-above", cur.ConfirmAbove}} {
				if a.v != store.NoLimit && !set[a.flag] {
					return &usageError{Msg: fmt.Sprintf("changing the currency from %s to %s needs --per-order, --daily, --monthly and --confirm-above in %s too (or none for no limit)", cur.Currency, code, code)}
				}
			}
		}
	}
	for _, a := range []struct {
		flag  string
		value string
		dst   **int64
	}{{"per-order", *perOrder, &p.PerOrderMax}, {"daily", *daily, &p.DailyMax}, {"monthly", *monthly, &p.MonthlyMax}, {"confirm-above", *confirm, &p.ConfirmAbove}} {
		if !set[a.flag] {
			continue
		}
		v, err := parseLimit(a.flag, a.value, amountCurrency)
		if err != nil {
			return err
		}
		*a.dst = &v
	}
	if set["allowed-sellers"] {
		list := splitList(*sellers)
		p.AllowedSellers = &list
		warnUnknownSellers(ctx, c.db, list, stderr)
	}
	if set["allowed-categories"] {
		list := splitList(*cats)
		p.AllowedCategories = &list
	}
	r, err := rules.update(p)
	if err != nil {
		return adminError(err)
	}
	for _, w := range ruleWarnings(r) {
		fmt.Fprintln(stderr, "warning: "+w)
	}
	return printRules(stdout, rules.who, r)
}

// ruleWarnings says where one limit makes another moot: a cap below a narrower one
// is the real cap, and confirmation above the largest purchase allowed is never
// asked. Such rules are allowed (a person may mean them), but they are seldom what
// was meant when only one of the amounts was changed.
func ruleWarnings(r store.Rules) []string {
	show := func(v int64) string { return money.Money{Amount: v, Currency: r.Currency}.String() }
	var out []string
	caps := []struct {
		name string
		v    int64
	}{{"per-order max", r.PerOrderMax}, {"daily max", r.DailyMax}, {"monthly max", r.MonthlyMax}}
	for i, wide := range caps {
		// Against the largest narrower cap set: one warning per cap.
		narrow := caps[0]
		narrow.v = store.NoLimit
		for _, c := range caps[:i] {
			if c.v != store.NoLimit && (narrow.v == store.NoLimit || c.v > narrow.v) {
				narrow = c
			}
		}
		if wide.v != store.NoLimit && narrow.v != store.NoLimit && wide.v < narrow.v {
			out = append(out, fmt.Sprintf("the %s (%s) is below the %s (%s), so the %s can never be reached", wide.name, show(wide.v), narrow.name, show(narrow.v), narrow.name))
		}
	}
	if r.ConfirmAbove != store.NoLimit && r.PerOrderMax != store.NoLimit && r.ConfirmAbove >= r.PerOrderMax {
		out = append(out, fmt.Sprintf("confirm above (%s) is at or above the per-order max (%s): no purchase will ask the person to confirm", show(r.ConfirmAbove), show(r.PerOrderMax)))
	}
	return out
}

// whoseRules reads and changes one customer's spending rules, or the defaults.
type whoseRules struct {
	who     string // "customer cus_… (ann@example.com)", or the defaults
	current func() (store.Rules, error)
	update  func(store.RulesPatch) (store.Rules, error)
}

// rulesOf is the defaults' rules when def, else those of the customer custRef names
// (whose lookup error current returns).
func rulesOf(ctx context.Context, s *store.Store, db string, def bool, custRef string) whoseRules {
	if def {
		return whoseRules{who: "defaults\tcustomers whose own rules were never set",
			current: func() (store.Rules, error) { return s.Defaults(ctx) },
			update:  func(p store.RulesPatch) (store.Rules, error) { return s.UpdateDefaults(ctx, p) }}
	}
	cust, err := findCustomer(ctx, s, db, custRef)
	if err != nil {
		fail := func() (store.Rules, error) { return store.Rules{}, err }
		return whoseRules{current: fail, update: func(store.RulesPatch) (store.Rules, error) { return fail() }}
	}
	return whoseRules{who: "customer\t" + cust.ID + " (" + cust.Email + ")",
		current: func() (store.Rules, error) { return s.Rules(ctx, cust.ID) },
		update:  func(p store.RulesPatch) (store.Rules, error) { return s.UpdateRules(ctx, cust.ID, p) }}
}

func limitsShow(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("limits show", getenv)
	custRef := fs.String("customer", "", "customer `id` (or email)")
	def := fs.Bool("default", false, "show the rules of customers whose own were never set (instead of --customer)")
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	if *def && *custRef != "" {
		return &usageError{Msg: "limits show takes --customer or --default, not both"}
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	rules := rulesOf(ctx, s, c.db, *def, *custRef)
	r, err := rules.current()
	if err != nil {
		return err
	}
	return printRules(stdout, rules.who, r)
}

// parseLimit reads an amount in major units of currency ("100", "99.50"), or "none"
// for no limit.
func parseLimit(flagName, s, currency string) (int64, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "no", "off", "unlimited":
		return store.NoLimit, nil
	}
	v, err := money.ParseMajor(s, currency)
	if err != nil {
		return 0, &usageError{Msg: fmt.Sprintf("--%s %q is not an amount in %s such as 100.00, or none", flagName, s, currency)}
	}
	return v, nil
}

// splitList splits a comma-separated flag value; an empty value is an empty list.
func splitList(s string) []string {
	list := []string{}
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	return list
}

// warnUnknownSellers warns about seller ids that the catalog at path does not have:
// such an id allows nothing, which is most likely a typo. A catalog without products
// may be loaded later, so there is no warning then, and never an error.
func warnUnknownSellers(ctx context.Context, path string, ids []string, stderr io.Writer) {
	if len(ids) == 0 {
		return
	}
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		return
	}
	defer cat.Close()
	if n, err := cat.Count(ctx); err != nil || n == 0 {
		return
	}
	for _, id := range ids {
		if _, err := cat.Seller(ctx, id); errors.Is(err, catalog.ErrNotFound) {
			fmt.Fprintf(stderr, "warning: the catalog has no seller with id %q; is it misspelt?\n", id)
		}
	}
}

// printRules shows the spending rules of who (a tab-separated first row: "customer\tcus_…
// (ann@example.com)") as a two-column table.
func printRules(w io.Writer, who string, r store.Rules) error {
	amount := func(v int64, none string) string {
		if v == store.NoLimit {
			return none
		}
		return money.Money{Amount: v, Currency: r.Currency}.String()
	}
	confirm := amount(r.ConfirmAbove, "never (no purchase needs confirmation)")
	if r.ConfirmAbove == 0 {
		confirm += " (every purchase needs confirmation)"
	}
	daily := amount(r.DailyMax, "no limit")
	if r.DailyMax != store.NoLimit {
		daily += " in any 24 hours"
	}
	monthly := amount(r.MonthlyMax, "no limit")
	if r.MonthlyMax != store.NoLimit {
		monthly += " in any 30 days, renewals included"
	}
	list := func(l []string) string {
		if len(l) == 0 {
			return "any"
		}
		return strings.Join(l, ", ")
	}
	updated := "never (these are the defaults)"
	if !r.UpdatedAt.IsZero() {
		updated = r.UpdatedAt.Format("2006-01-02 15:04 MST")
	}
	head, rest, _ := strings.Cut(who, "\t")
	tw := newTable(w, head, rest)
	for _, row := range [][2]string{
		{"currency", r.Currency},
		{"per-order max", amount(r.PerOrderMax, "no limit")},
		{"daily max", daily},
		{"monthly max", monthly},
		{"confirm above", confirm},
		{"allowed sellers", list(r.AllowedSellers)},
		{"allowed categories", list(r.AllowedCategories)},
		{"updated", updated},
	} {
		fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}
