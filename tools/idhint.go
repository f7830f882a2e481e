package tools

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
	"github.com/commerce-mcp/commerce-mcp/store"
)

const (
	// maxHintedID bounds the length of an id whose look-alikes are tried: ids are
	// short, and a long string is no mistyped id.
	maxHintedID = 100
	// maxIDCandidates bounds the lookups one unknown id costs.
	maxIDCandidates = 64
	// maxNamed is how many existing ids a hint names at most.
	maxNamed = 3
)

// lookalikes are the characters an id is often mistyped with, each set read as one:
// 0 and O, and 1, l and I (which is i in lower case). Ids made by this server have no
// 0 or 1; products' ids may have any.
var lookalikes = []string{"0o", "1li"}

// idSuggestion says, of an id that names nothing, the ids that exist (exists says)
// among the ones it may have meant — the id in another case, else the id with
// look-alike characters swapped — so that a model or person who copied "ORD_…" or
// typed "nw-shoe-OOO1" learns the one to use; "" when none exists. It starts with a
// space.
func idSuggestion(id string, exists func(string) bool) string {
	id = strings.TrimSpace(id)
	if id == "" || len(id) > maxHintedID {
		return ""
	}
	lower, upper := strings.ToLower(id), strings.ToUpper(id)
	for _, c := range []string{lower, upper} {
		if c != id && exists(c) {
			return fmt.Sprintf(" Ids are case-sensitive: %s is one.", txt.Quote(c, idCap))
		}
	}
	var named []string
	for _, c := range idCandidates(id) {
		if exists(c) {
			named = append(named, txt.Quote(c, idCap))
			if len(named) == maxNamed {
				break
			}
		}
	}
	if len(named) == 0 {
		return ""
	}
	return fmt.Sprintf(" Did you mean %s? In ids 0 and O, and 1, l and I look alike.", strings.Join(named, " or "))
}

// idCandidates lists the ids a mistyped id may have meant by its look-alike
// characters: in lower case, then in upper case, with those characters swapped, at
// most maxIDCandidates and never id itself.
func idCandidates(id string) []string {
	var out []string
	seen := map[string]bool{id: true}
	for _, base := range []string{strings.ToLower(id), strings.ToUpper(id)} {
		for _, v := range swaps(base, maxIDCandidates) {
			if !seen[v] && len(out) < maxIDCandidates {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// swaps returns s with every combination of its look-alike characters swapped for
// another of their set (s itself excluded), in the case of the letter swapped, at
// most max of them.
func swaps(s string, max int) []string {
	upper := s == strings.ToUpper(s)
	variants := []string{s}
	for i := 0; i < len(s); i++ {
		set := lookalikeSet(s[i])
		if set == "" {
			continue
		}
		n := len(variants)
		for _, v := range variants[:n] {
			for j := 0; j < len(set); j++ {
				c := set[j]
				if upper {
					c = strings.ToUpper(string(c))[0]
				}
				if c == s[i] || len(variants) >= max+1 {
					continue
				}
				variants = append(variants, v[:i]+string(c)+v[i+1:])
			}
		}
	}
	return variants[1:]
}

// lookalikeSet returns the set of lookalikes c is in, "" for none.
func lookalikeSet(c byte) string {
	c = strings.ToLower(string(c))[0]
	for _, set := range lookalikes {
		if strings.IndexByte(set, c) >= 0 {
			return set
		}
	}
	return ""
}

// refusalIDHint is idSuggestion for the id a refusal names as unknown (a product,
// quote, order, address, subscription, cart line or cancellation's confirmation),
// looked up for the calling customer: that id as the refusal has it, and the hint; ""
// for any other refusal.
func (t *Toolbox) refusalIDHint(ctx context.Context, r *checkout.Refusal) (id, hint string) {
	p := r.Params
	if r.Code == checkout.RefusalUnknownProduct {
		return p.ProductID, t.productIDHint(ctx, p.ProductID)
	}
	customer, err := t.customerStore(ctx)
	if err != nil {
		return "", ""
	}
	switch r.Code {
	case checkout.RefusalUnknownQuote:
		return p.QuoteID, idSuggestion(p.QuoteID, func(id string) bool {
			_, e1 := t.Store.PurchaseByQuote(ctx, customer, id)
			_, e2 := t.Store.CheckoutByQuote(ctx, customer, id)
			_, e3 := t.Store.SubscriptionByQuote(ctx, customer, id)
			return e1 == nil || e2 == nil || e3 == nil
		})
	case checkout.RefusalUnknownOrder:
		return p.OrderID, t.orderIDHint(ctx, customer, p.OrderID)
	case checkout.RefusalUnknownAddress:
		return p.AddressID, idSuggestion(p.AddressID, func(id string) bool {
			_, err := t.Store.Address(ctx, customer, id)
			return err == nil
		})
	case checkout.RefusalUnknownCancelConfirm:
		return p.QuoteID, idSuggestion(p.QuoteID, func(id string) bool { // QuoteID holds the confirmation's id
			c, err := t.Store.Cancellation(ctx, customer, p.OrderID)
			return err == nil && c.ID == id
		})
	case checkout.RefusalNotInCart:
		cart, err := t.Store.Cart(ctx, customer)
		if err != nil {
			return "", ""
		}
		return p.ProductID, idSuggestion(p.ProductID, func(id string) bool {
			return slices.ContainsFunc(cart.Lines, func(l store.CartLine) bool { return l.ProductID == id })
		})
	case checkout.RefusalUnknownSubscription:
		return p.QuoteID, idSuggestion(p.QuoteID, func(id string) bool { // QuoteID holds the subscription's id
			_, err := t.Store.Subscription(ctx, customer, id)
			return err == nil
		})
	}
	return "", ""
}

// walletIDHint is idSuggestion for the setup or card id a wallet error names as
// unknown; "" for any other wallet error.
func (t *Toolbox) walletIDHint(ctx context.Context, e *checkout.WalletError) string {
	customer, err := t.customerStore(ctx)
	if err != nil {
		return ""
	}
	switch e.Code {
	case checkout.WalletUnknownSetup:
		return idSuggestion(e.SetupID, func(id string) bool {
			_, err := t.Store.PaymentSetup(ctx, customer, id)
			return err == nil
		})
	case checkout.WalletUnknownMethod:
		cards, err := t.Store.PaymentMethods(ctx, customer)
		if err != nil {
			return ""
		}
		return idSuggestion(e.PaymentMethodID, func(id string) bool {
			return slices.ContainsFunc(cards, func(pm store.PaymentMethod) bool { return pm.CardID == id })
		})
	}
	return ""
}

// productIDHint is idSuggestion for a product id, looked up in the catalog.
func (t *Toolbox) productIDHint(ctx context.Context, id string) string {
	return idSuggestion(id, func(id string) bool {
		_, err := t.Catalog.Product(ctx, id)
		return err == nil
	})
}

// orderIDHint is idSuggestion for an order id, looked up among customer's orders.
func (t *Toolbox) orderIDHint(ctx context.Context, customer, id string) string {
	return idSuggestion(id, func(id string) bool {
		_, err := t.Store.Order(ctx, customer, id)
		return err == nil
	})
}

// withIDHint puts hint into msg after the sentence naming the unknown id (quoted as
// idCap quotes it), or at the end when msg does not name it so.
func withIDHint(msg, id, hint string) string {
	if hint == "" {
		return msg
	}
	q := txt.Quote(id, idCap)
	i := strings.Index(msg, q)
	if i < 0 {
		return msg + hint
	}
	i += len(q)
	end := strings.Index(msg[i:], ". ")
	if end < 0 {
		return msg + hint
	}
	i += end + 1
	return msg[:i] + hint + msg[i:]
}

// withHintAfter ends msg, a sentence without its full stop, with hint.
func withHintAfter(msg, hint string) string {
	if hint == "" {
		return msg
	}
	return msg + "." + hint
}
