package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// maxOrdersListed caps `orders list --limit`.
const maxOrdersListed = 1000

// ordersCmd runs `commerce-mcp orders list`.
func ordersCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	_, args, err := subcommand("orders", args, "list")
	if err != nil {
		return err
	}
	return ordersList(ctx, args, getenv, stdout, stderr)
}

// ordersList prints orders newest first, of one customer or of all.
func ordersList(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c := adminFlags("orders list", getenv)
	custRef := fs.String("customer", "", "only this customer's orders (`id` or email)")
	status := fs.String("status", "", "only orders with this `status`, as the table shows it: pending, completed, canceled or refunded (paid, then canceled or refunded by the seller), failed or charged_no_order (Stripe shows the card charged, the seller has no order)")
	limit := fs.Int("limit", 20, fmt.Sprintf("at most `N` orders, up to %d", maxOrdersListed))
	if err := parseAdmin(fs, c, args, stderr); err != nil {
		return err
	}
	if *limit < 1 || *limit > maxOrdersListed {
		return &usageError{Msg: fmt.Sprintf("--limit must be between 1 and %d", maxOrdersListed)}
	}
	if st := store.OrderStatus(*status); st != "" && !st.Known() {
		return &usageError{Msg: fmt.Sprintf("--status %q is not one of %s", *status, strings.Join(statusNames(), ", "))}
	}
	s, err := openAdminStore(ctx, c, getenv)
	if err != nil {
		return err
	}
	defer s.Close()
	f := store.OrderFilter{Status: store.OrderStatus(*status)}
	if *custRef != "" {
		cust, err := findCustomer(ctx, s, c.db, *custRef)
		if err != nil {
			return err
		}
		f.CustomerID = cust.ID
	}
	orders, more, err := listOrders(ctx, s, f, *limit)
	if err != nil {
		return adminError(err)
	}
	if len(orders) == 0 {
		fmt.Fprintln(stderr, "no orders")
		return nil
	}
	tw := newTable(stdout, "ORDER", "CREATED", "CUSTOMER", "STATUS", "SELLER STATUS", "SELLER", "ITEM", "QTY", "TOTAL", "CARD")
	for _, o := range orders {
		card := "-"
		if o.CardBrand != "" || o.CardLast4 != "" {
			card = cardLabel(o.CardBrand, o.CardLast4, 0, 0)
		}
		item, qty := text.Shorten(o.Title, 40), o.Quantity
		if n := len(o.Lines); n > 1 {
			item, qty = fmt.Sprintf("%s and %d more", item, n-1), 0
			for _, l := range o.Lines {
				qty += l.Quantity
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n",
			o.ID, o.CreatedAt.Format("2006-01-02 15:04"), o.CustomerID, statusLabel(o), orDash(string(o.SellerStatus)),
			orDash(o.SellerName), orDash(item), qty,
			money.Money{Amount: o.Total, Currency: o.Currency}.String(), card)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if more {
		fmt.Fprintf(stderr, "showing the newest %d orders; pass --limit for more\n", len(orders))
	}
	return nil
}

// statusLabel is the order's status as the table shows it (store.Order.Shown), with
// the amount refunded of a canceled, refunded or partially refunded order.
func statusLabel(o store.Order) string {
	shown := o.Shown()
	st := string(shown)
	if (shown == store.OrderCanceled || shown == store.OrderRefunded || shown == store.OrderPartiallyRefunded) && o.Refunded > 0 {
		st += " " + money.Money{Amount: o.Refunded, Currency: o.Currency}.String()
		if o.Refunded < o.Total {
			st += " of " + money.Money{Amount: o.Total, Currency: o.Currency}.String()
		}
	}
	return st
}

// statusNames are the statuses --status takes.
func statusNames() []string {
	out := make([]string, len(store.OrderStatuses))
	for i, st := range store.OrderStatuses {
		out[i] = string(st)
	}
	return out
}

// listOrders pages through ListOrders until it has limit orders or there are no more;
// more reports whether orders were left out.
func listOrders(ctx context.Context, s *store.Store, f store.OrderFilter, limit int) (orders []store.Order, more bool, err error) {
	for {
		f.Limit = min(limit-len(orders), 100)
		page, next, err := s.ListOrders(ctx, f)
		if err != nil {
			return nil, false, err
		}
		orders = append(orders, page...)
		if next == "" {
			return orders, false, nil
		}
		if len(orders) >= limit {
			return orders, true, nil
		}
		f.Cursor = next
	}
}
