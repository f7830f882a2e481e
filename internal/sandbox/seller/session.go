package seller

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// session is the Seller's state of one checkout session; guarded by Seller.mu.
type session struct {
	id          string
	status      acp.Status
	currency    string // lower case
	lines       []line
	buyer       *acp.Buyer
	fulfillment *acp.FulfillmentDetails
	selected    string // the id of the selected fulfillment option
	messages    []acp.Message
	created     time.Time
	updated     time.Time
	expires     time.Time
	order       *acp.Order
	// charging is non-nil while a complete runs; it is closed when it ends.
	charging chan struct{}
	// held is the stock taken for a charge whose outcome is unknown (heldCharge),
	// kept until that charge is settled by repeating it (see Seller.pay and
	// Seller.settleHeld): sold if it was made, else given back.
	held       []line
	heldCharge ChargeRequest
	heldSent   time.Time // when heldCharge was first sent
	heldLast   time.Time // when it was last sent (first send or repeat)
	// the look-up of heldCharge after settleWindow: not before heldNext, going on
	// after heldAfter (FindResult.After)
	heldNext  time.Time
	heldAfter string
}

// line is one priced line of a session.
type line struct {
	id   string // li_1, li_2, …
	item InventoryItem
	qty  int
	// opts and custom are the buyer's choices for the line (variant options, a
	// personalisation as a custom attribute), kept as received and echoed in every
	// view of the session and its order.
	opts   []acp.VariantOption
	custom []acp.CustomAttribute
	total  int64
	stamp  int64 // Inventory.Take's stamp of the stock taken for a charge (see Seller.pay)
}

// wireItem is a request line as the Seller reads it: quantity may be absent.
type wireItem struct {
	ID               string                `json:"id"`
	Quantity         json.RawMessage       `json:"quantity"`
	VariantOptions   []acp.VariantOption   `json:"variant_options"`
	CustomAttributes []acp.CustomAttribute `json:"custom_attributes"`
}

// Bounds of a line's choices the Seller accepts.
const (
	maxLineOptions = 10
	maxChoiceText  = 1024
)

// lineChoicesError checks the choices of request line it (at param): few enough, each
// named, none too long.
func lineChoicesError(it wireItem, param string) *acp.Error {
	if len(it.VariantOptions) > maxLineOptions || len(it.CustomAttributes) > maxLineOptions {
		return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: param,
			Message: fmt.Sprintf("a line item has at most %d variant options and %d custom attributes", maxLineOptions, maxLineOptions)}
	}
	for j, o := range it.VariantOptions {
		if strings.TrimSpace(o.Name) == "" || len(o.Name) > 200 || len(o.Value) > 200 {
			return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: fmt.Sprintf("%s.variant_options[%d]", param, j),
				Message: "a variant option needs a name, and name and value of at most 200 bytes"}
		}
	}
	for j, a := range it.CustomAttributes {
		if strings.TrimSpace(a.DisplayName) == "" || len(a.DisplayName) > 200 || len(a.Value) > maxChoiceText {
			return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: fmt.Sprintf("%s.custom_attributes[%d]", param, j),
				Message: fmt.Sprintf("a custom attribute needs a display_name, and a value of at most %d bytes", maxChoiceText)}
		}
	}
	return nil
}

// choicesKey tells lines of one item apart by their choices.
func choicesKey(it wireItem) string {
	if len(it.VariantOptions) == 0 && len(it.CustomAttributes) == 0 {
		return ""
	}
	b, _ := json.Marshal([]any{it.VariantOptions, it.CustomAttributes})
	return string(b)
}

func newID(prefix string) string { return prefix + strings.ToLower(rand.Text()) }

// requestLines merges request lines into (item id, quantity) pairs in order of first
// appearance: repeated ids with the same choices add up (other choices are another
// line), an absent quantity counts 1. base is the JSONPath
// of the list, for error params.
func requestLines(items []wireItem, base string) ([]wireLine, *acp.Error) {
	if len(items) == 0 {
		return nil, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeMissing, Param: base,
			Message: "at least one line item is required"}
	}
	var out []wireLine
	index := map[string]int{}
	for i, it := range items {
		param := fmt.Sprintf("%s[%d]", base, i)
		id := strings.TrimSpace(it.ID)
		if id == "" {
			return nil, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeMissing, Param: param + ".id",
				Message: "line item id is required"}
		}
		qty := 1
		if q := strings.TrimSpace(string(it.Quantity)); q != "" && q != "null" {
			n, err := strconv.Atoi(q)
			if err != nil || n < 1 || n > acp.MaxQuantity {
				return nil, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: param + ".quantity",
					Message: fmt.Sprintf("quantity must be a whole number from 1 to %d", acp.MaxQuantity)}
			}
			qty = n
		}
		if perr := lineChoicesError(it, param); perr != nil {
			return nil, perr
		}
		key := id + "\x00" + choicesKey(it)
		if j, ok := index[key]; ok {
			out[j].qty += qty
			if out[j].qty > acp.MaxQuantity {
				return nil, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: param + ".quantity",
					Message: fmt.Sprintf("the quantities of item %q add up to more than %d", id, acp.MaxQuantity)}
			}
			continue
		}
		if len(out) == maxLines {
			return nil, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: base,
				Message: fmt.Sprintf("a session can hold at most %d different items", maxLines)}
		}
		index[key] = len(out)
		out = append(out, wireLine{id: id, qty: qty, param: param, opts: it.VariantOptions, custom: it.CustomAttributes})
	}
	return out, nil
}

type wireLine struct {
	id     string
	qty    int
	param  string
	opts   []acp.VariantOption
	custom []acp.CustomAttribute
}

// price looks the lines up in the inventory and prices them; currency is the request's
// (may be empty). It returns the lines and the session currency, or the protocol error
// and HTTP status to answer with.
func (s *Seller) price(ctx context.Context, wl []wireLine, currency string) ([]line, string, int, *acp.Error) {
	currency = acp.WireCurrency(currency)
	lines := make([]line, 0, len(wl))
	for i, w := range wl {
		it, err := s.cfg.Inventory.Item(ctx, w.id)
		if errors.Is(err, ErrUnknownItem) {
			return nil, "", http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: w.param + ".id",
				Message: fmt.Sprintf("this seller does not sell item %q", truncate(w.id, 80))}
		}
		if err != nil {
			s.log.Error("inventory lookup failed", "item", w.id, "err", err)
			return nil, "", http.StatusInternalServerError, &acp.Error{Type: acp.ErrorProcessing, Code: "inventory_error",
				Message: "the seller's inventory could not be read; try again later"}
		}
		cur := acp.WireCurrency(it.Currency)
		if currency == "" {
			currency = cur
		}
		if cur != currency {
			return nil, "", http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: w.param + ".id",
				Message: fmt.Sprintf("item %q is priced in %s, not %s; a session has one currency", truncate(w.id, 80),
					strings.ToUpper(cur), strings.ToUpper(currency))}
		}
		if it.UnitAmount < 0 || it.UnitAmount > 0 && int64(w.qty) > math.MaxInt64/4/it.UnitAmount {
			return nil, "", http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: w.param + ".quantity",
				Message: "the amount is too large"}
		}
		lines = append(lines, line{id: "li_" + strconv.Itoa(i+1), item: it, qty: w.qty, total: it.UnitAmount * int64(w.qty),
			opts: w.opts, custom: w.custom})
	}
	var sum int64
	for _, l := range lines {
		if sum > math.MaxInt64/4-l.total {
			return nil, "", http.StatusBadRequest, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid, Param: "$.line_items",
				Message: "the amount is too large"}
		}
		sum += l.total
	}
	return lines, currency, 0, nil
}

// stockMessages checks the lines' stock: an out_of_stock or quantity_exceeded error
// message per line that cannot be supplied.
func stockMessages(lines []line) []acp.Message {
	var out []acp.Message
	for i, l := range lines {
		param := fmt.Sprintf("$.line_items[%d]", i)
		switch availability(l) {
		case acp.AvailabilityOutOfStock:
			out = append(out, acp.Message{Type: acp.MessageError, Code: acp.CodeOutOfStock, Param: param, ContentType: "plain",
				Resolution: acp.ResolutionRequiresBuyerInput,
				Content:    fmt.Sprintf("%s is out of stock.", l.item.Title)})
		case acp.AvailabilityLowStock:
			out = append(out, acp.Message{Type: acp.MessageError, Code: acp.CodeQuantityExceeded, Param: param, ContentType: "plain",
				Resolution: acp.ResolutionRequiresBuyerInput,
				Content:    fmt.Sprintf("Only %d of %s left; %d requested.", *l.item.Stock, l.item.Title, l.qty)})
		}
	}
	return out
}

// setLines replaces the session's lines and recomputes its status and messages.
func (ss *session) setLines(lines []line, currency string) {
	ss.lines, ss.currency = lines, currency
	ss.reprice()
}

// reprice recomputes the session's fulfillment selection, messages and status after
// its lines or delivery details changed: a selected option that is no longer offered
// gives way to the cheapest one.
func (ss *session) reprice() {
	if _, ok := ss.optionCost(ss.selected); !ok {
		ss.selected = ss.cheapest()
	}
	ss.messages = append(stockMessages(ss.lines), ss.fulfillmentMessages()...)
	ss.status = acp.StatusReadyForPayment
	if len(ss.messages) > 0 {
		ss.status = acp.StatusNotReadyForPayment
	}
}

// total is the amount to pay: the items, the selected delivery and the tax, unless
// the items' prices include it.
func (ss *session) total() int64 {
	return ss.itemsTotal() + ss.shipping() + ss.addedTax()
}

// expire marks an open session past its expiry as expired.
func (ss *session) expire(now time.Time) {
	switch ss.status {
	case acp.StatusCompleted, acp.StatusCanceled, acp.StatusExpired, acp.StatusCompleteInProgress:
		return
	}
	if !now.Before(ss.expires) {
		ss.status = acp.StatusExpired
		ss.updated = ss.expires
		ss.messages = []acp.Message{{Type: acp.MessageError, Code: acp.CodeExpired, ContentType: "plain",
			Resolution: acp.ResolutionRecoverable, Content: "This checkout session has expired; start a new one."}}
	}
}

// open reports whether the session can still change.
func (ss *session) open() bool {
	return ss.status == acp.StatusReadyForPayment || ss.status == acp.StatusNotReadyForPayment
}

// view is the session as the API shows it.
func (s *Seller) view(ss *session) *acp.CheckoutSession {
	cur := strings.ToUpper(ss.currency)
	amount := func(typ acp.TotalType, text string, n int64) acp.Total {
		return acp.Total{Type: typ, DisplayText: text, Amount: n}
	}
	rate, included := taxRate(ss.address()), taxIncluded(ss.address())
	lines := make([]acp.LineItem, len(ss.lines))
	ids := make([]string, len(ss.lines))
	for i, l := range ss.lines {
		ids[i] = l.id
		tax := lineTax(l.total, rate, included)
		added := tax // what the line's total adds to its amount
		if included {
			added = 0
		}
		li := acp.LineItem{ID: l.id, Item: acp.Item{ID: l.item.ID}, Quantity: l.qty, Name: l.item.Title,
			UnitAmount: l.item.UnitAmount, ProductID: l.item.ID, AvailabilityStatus: availability(l),
			VariantOptions: l.opts, CustomAttributes: l.custom,
			Totals: []acp.Total{
				amount(acp.TotalItemsBaseAmount, "Items", l.total),
				amount(acp.TotalSubtotal, "Subtotal", l.total),
				amount(acp.TotalTax, "Tax", tax),
				amount(acp.TotalTotal, "Total", l.total+added),
			}}
		if l.item.ImageURL != "" {
			li.Images = []string{l.item.ImageURL}
		}
		if l.item.Stock != nil {
			n := max(*l.item.Stock, 0)
			li.AvailableQuantity = &n
		}
		lines[i] = li
	}
	status := ss.status
	if ss.held != nil {
		// A charge of unknown outcome: the complete is not over until it is settled
		// (by the next complete, a cancel, or Tick), so nobody takes the session as unpaid.
		status = acp.StatusCompleteInProgress
	}
	items, shipping, tax, total := ss.itemsTotal(), ss.shipping(), ss.tax(), ss.total()
	options := ss.options()
	var selected []acp.SelectedFulfillmentOption
	for _, o := range options {
		if o.ID == ss.selected {
			selected = []acp.SelectedFulfillmentOption{{Type: o.Type, OptionID: o.ID, ItemIDs: ids}}
		}
	}
	taxNote := "No tax is due where these items go (demo tax table)"
	switch {
	case rate > 0 && included:
		taxNote = fmt.Sprintf("%d.%02d%% VAT, included in the prices (demo tax table)", rate/100, rate%100)
	case rate > 0:
		taxNote = fmt.Sprintf("%d.%02d%% (demo tax table)", rate/100, rate%100)
	}
	cs := &acp.CheckoutSession{
		ID:                         ss.id,
		Protocol:                   &acp.Protocol{Version: acp.APIVersion},
		Capabilities:               s.capabilities(),
		Buyer:                      ss.buyer,
		Status:                     status,
		Currency:                   ss.currency,
		LineItems:                  lines,
		FulfillmentOptions:         options,
		SelectedFulfillmentOptions: selected,
		FulfillmentDetails:         ss.fulfillment,
		Totals: []acp.Total{
			amount(acp.TotalItemsBaseAmount, "Items", items),
			amount(acp.TotalSubtotal, "Subtotal", items),
			{Type: acp.TotalTax, DisplayText: "Tax", Amount: tax, Description: taxNote},
			amount(acp.TotalFulfillment, "Delivery", shipping),
			{Type: acp.TotalTotal, DisplayText: "Total", Amount: total, Description: money.Money{Amount: total, Currency: cur}.String()},
		},
		Messages:  append([]acp.Message{}, ss.messages...),
		Links:     append([]acp.Link{}, s.cfg.Links...),
		CreatedAt: ss.created,
		UpdatedAt: ss.updated,
		ExpiresAt: ss.expires,
		Order:     orderCopy(ss.order),
	}
	return cs
}

// availability is the line's availability_status: out of stock when the item cannot be
// sold at all, low stock when fewer are left than the line asks for.
func availability(l line) string {
	switch {
	case !l.item.Purchasable || l.item.Stock != nil && *l.item.Stock <= 0:
		return acp.AvailabilityOutOfStock
	case l.item.Stock != nil && *l.item.Stock < int64(l.qty):
		return acp.AvailabilityLowStock
	}
	return acp.AvailabilityInStock
}

// capabilities advertises the SPT payment handler.
func (s *Seller) capabilities() acp.Capabilities {
	config := map[string]any{"credential_types": []string{acp.CredentialSPT}}
	if s.cfg.StripeProfile != "" {
		config["network_business_profile"] = s.cfg.StripeProfile
	}
	return acp.Capabilities{Payment: &acp.PaymentCapability{Handlers: []acp.PaymentHandler{{
		ID:                      acp.HandlerID,
		Name:                    "dev.acp.tokenized.card",
		DisplayName:             "Card (Stripe Shared Payment Token)",
		Version:                 "2026-01-22",
		Spec:                    "https://acp.dev/handlers/tokenized.card",
		RequiresDelegatePayment: false,
		RequiresPCICompliance:   false,
		PSP:                     "stripe",
		ConfigSchema:            "https://acp.dev/schemas/handlers/tokenized.card/config.json",
		InstrumentSchemas:       []string{"https://acp.dev/schemas/handlers/tokenized.card/instrument.json"},
		Config:                  config,
	}}}}
}

// orderCopy copies o (nil stays nil): views are encoded after Seller.mu is released,
// while the order moves on.
func orderCopy(o *acp.Order) *acp.Order {
	if o == nil {
		return nil
	}
	c := cloneOrder(o)
	return &c
}
