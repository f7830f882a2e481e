package acp

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// digitalOptionID is the one fulfillment option of the reference Seller.
const digitalOptionID = "digital_free"

// session is the Seller's state of one checkout session; guarded by Seller.mu.
type session struct {
	id          string
	status      Status
	currency    string // lower case
	lines       []line
	buyer       *Buyer
	fulfillment *FulfillmentDetails
	messages    []Message
	created     time.Time
	updated     time.Time
	expires     time.Time
	order       *Order
	// charging is non-nil while a complete runs; it is closed when it ends.
	charging chan struct{}
}

// line is one priced line of a session.
type line struct {
	id    string // li_1, li_2, …
	item  InventoryItem
	qty   int
	total int64
}

// wireItem is a request line as the Seller reads it: quantity may be absent.
type wireItem struct {
	ID       string          `json:"id"`
	Quantity json.RawMessage `json:"quantity"`
}

func newID(prefix string) string { return prefix + strings.ToLower(rand.Text()) }

// requestLines merges request lines into (item id, quantity) pairs in order of first
// appearance: repeated ids add up, an absent quantity counts 1. base is the JSONPath
// of the list, for error params.
func requestLines(items []wireItem, base string) ([]wireLine, *Error) {
	if len(items) == 0 {
		return nil, &Error{Type: ErrorInvalidRequest, Code: CodeMissing, Param: base,
			Message: "at least one line item is required"}
	}
	var out []wireLine
	index := map[string]int{}
	for i, it := range items {
		param := fmt.Sprintf("%s[%d]", base, i)
		id := strings.TrimSpace(it.ID)
		if id == "" {
			return nil, &Error{Type: ErrorInvalidRequest, Code: CodeMissing, Param: param + ".id",
				Message: "line item id is required"}
		}
		qty := 1
		if q := strings.TrimSpace(string(it.Quantity)); q != "" && q != "null" {
			n, err := strconv.Atoi(q)
			if err != nil || n < 1 || n > MaxQuantity {
				return nil, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: param + ".quantity",
					Message: fmt.Sprintf("quantity must be a whole number from 1 to %d", MaxQuantity)}
			}
			qty = n
		}
		if j, ok := index[id]; ok {
			out[j].qty += qty
			if out[j].qty > MaxQuantity {
				return nil, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: param + ".quantity",
					Message: fmt.Sprintf("the quantities of item %q add up to more than %d", id, MaxQuantity)}
			}
			continue
		}
		if len(out) == maxLines {
			return nil, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: base,
				Message: fmt.Sprintf("a session can hold at most %d different items", maxLines)}
		}
		index[id] = len(out)
		out = append(out, wireLine{id: id, qty: qty, param: param})
	}
	return out, nil
}

type wireLine struct {
	id    string
	qty   int
	param string
}

// price looks the lines up in the inventory and prices them; currency is the request's
// (may be empty). It returns the lines and the session currency, or the protocol error
// and HTTP status to answer with.
func (s *Seller) price(ctx context.Context, wl []wireLine, currency string) ([]line, string, int, *Error) {
	currency = lowerCurrency(currency)
	lines := make([]line, 0, len(wl))
	for i, w := range wl {
		it, err := s.cfg.Inventory.Item(ctx, w.id)
		if errors.Is(err, ErrUnknownItem) {
			return nil, "", http.StatusBadRequest, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: w.param + ".id",
				Message: fmt.Sprintf("this seller does not sell item %q", truncate(w.id, 80))}
		}
		if err != nil {
			s.log.Error("inventory lookup failed", "item", w.id, "err", err)
			return nil, "", http.StatusInternalServerError, &Error{Type: ErrorProcessing, Code: "inventory_error",
				Message: "the seller's inventory could not be read; try again later"}
		}
		cur := lowerCurrency(it.Currency)
		if currency == "" {
			currency = cur
		}
		if cur != currency {
			return nil, "", http.StatusBadRequest, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: w.param + ".id",
				Message: fmt.Sprintf("item %q is priced in %s, not %s; a session has one currency", truncate(w.id, 80),
					strings.ToUpper(cur), strings.ToUpper(currency))}
		}
		if it.UnitAmount < 0 || it.UnitAmount > 0 && int64(w.qty) > math.MaxInt64/4/it.UnitAmount {
			return nil, "", http.StatusBadRequest, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: w.param + ".quantity",
				Message: "the amount is too large"}
		}
		lines = append(lines, line{id: "li_" + strconv.Itoa(i+1), item: it, qty: w.qty, total: it.UnitAmount * int64(w.qty)})
	}
	var sum int64
	for _, l := range lines {
		if sum > math.MaxInt64/4-l.total {
			return nil, "", http.StatusBadRequest, &Error{Type: ErrorInvalidRequest, Code: CodeInvalid, Param: "$.line_items",
				Message: "the amount is too large"}
		}
		sum += l.total
	}
	return lines, currency, 0, nil
}

// stockMessages checks the lines' stock: an out_of_stock or quantity_exceeded error
// message per line that cannot be supplied.
func stockMessages(lines []line) []Message {
	var out []Message
	for i, l := range lines {
		param := fmt.Sprintf("$.line_items[%d]", i)
		switch availability(l) {
		case AvailabilityOutOfStock:
			out = append(out, Message{Type: MessageError, Code: CodeOutOfStock, Param: param, ContentType: "plain",
				Resolution: ResolutionRequiresBuyerInput,
				Content:    fmt.Sprintf("%s is out of stock.", l.item.Title)})
		case AvailabilityLowStock:
			out = append(out, Message{Type: MessageError, Code: CodeQuantityExceeded, Param: param, ContentType: "plain",
				Resolution: ResolutionRequiresBuyerInput,
				Content:    fmt.Sprintf("Only %d of %s left; %d requested.", *l.item.Stock, l.item.Title, l.qty)})
		}
	}
	return out
}

// setLines replaces the session's lines and recomputes its status and messages.
func (ss *session) setLines(lines []line, currency string) {
	ss.lines, ss.currency = lines, currency
	ss.messages = stockMessages(lines)
	ss.status = StatusReadyForPayment
	if len(ss.messages) > 0 {
		ss.status = StatusNotReadyForPayment
	}
}

// total is the amount to pay.
func (ss *session) total() int64 {
	var sum int64
	for _, l := range ss.lines {
		sum += l.total
	}
	return sum
}

// expire marks an open session past its expiry as expired.
func (ss *session) expire(now time.Time) {
	switch ss.status {
	case StatusCompleted, StatusCanceled, StatusExpired, StatusCompleteInProgress:
		return
	}
	if !now.Before(ss.expires) {
		ss.status = StatusExpired
		ss.updated = ss.expires
		ss.messages = []Message{{Type: MessageError, Code: CodeExpired, ContentType: "plain",
			Resolution: ResolutionRecoverable, Content: "This checkout session has expired; start a new one."}}
	}
}

// open reports whether the session can still change.
func (ss *session) open() bool {
	return ss.status == StatusReadyForPayment || ss.status == StatusNotReadyForPayment
}

// view is the session as the API shows it.
func (s *Seller) view(ss *session) *CheckoutSession {
	cur := strings.ToUpper(ss.currency)
	amount := func(typ TotalType, text string, n int64) Total {
		return Total{Type: typ, DisplayText: text, Amount: n}
	}
	lines := make([]LineItem, len(ss.lines))
	ids := make([]string, len(ss.lines))
	for i, l := range ss.lines {
		ids[i] = l.id
		li := LineItem{ID: l.id, Item: Item{ID: l.item.ID}, Quantity: l.qty, Name: l.item.Title,
			UnitAmount: l.item.UnitAmount, ProductID: l.item.ID, AvailabilityStatus: availability(l),
			Totals: []Total{
				amount(TotalItemsBaseAmount, "Items", l.total),
				amount(TotalSubtotal, "Subtotal", l.total),
				amount(TotalTax, "Tax", 0),
				amount(TotalTotal, "Total", l.total),
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
	total := ss.total()
	cs := &CheckoutSession{
		ID:           ss.id,
		Protocol:     &Protocol{Version: APIVersion},
		Capabilities: s.capabilities(),
		Buyer:        ss.buyer,
		Status:       ss.status,
		Currency:     ss.currency,
		LineItems:    lines,
		FulfillmentOptions: []FulfillmentOption{{Type: FulfillmentDigital, ID: digitalOptionID, Title: "Digital delivery",
			Description: "Free; the seller confirms by email", Totals: []Total{amount(TotalTotal, "Delivery", 0)}}},
		SelectedFulfillmentOptions: []SelectedFulfillmentOption{{Type: FulfillmentDigital, OptionID: digitalOptionID, ItemIDs: ids}},
		FulfillmentDetails:         ss.fulfillment,
		Totals: []Total{
			amount(TotalItemsBaseAmount, "Items", total),
			amount(TotalSubtotal, "Subtotal", total),
			{Type: TotalTax, DisplayText: "Tax", Amount: 0, Description: "No tax is collected by this seller"},
			amount(TotalFulfillment, "Delivery", 0),
			{Type: TotalTotal, DisplayText: "Total", Amount: total, Description: money.Money{Amount: total, Currency: cur}.String()},
		},
		Messages:  append([]Message{}, ss.messages...),
		Links:     append([]Link{}, s.cfg.Links...),
		CreatedAt: ss.created,
		UpdatedAt: ss.updated,
		ExpiresAt: ss.expires,
		Order:     ss.order,
	}
	return cs
}

// availability is the line's availability_status: out of stock when the item cannot be
// sold at all, low stock when fewer are left than the line asks for.
func availability(l line) string {
	switch {
	case !l.item.Purchasable || l.item.Stock != nil && *l.item.Stock <= 0:
		return AvailabilityOutOfStock
	case l.item.Stock != nil && *l.item.Stock < int64(l.qty):
		return AvailabilityLowStock
	}
	return AvailabilityInStock
}

// capabilities advertises the SPT payment handler.
func (s *Seller) capabilities() Capabilities {
	config := map[string]any{"credential_types": []string{CredentialSPT}}
	if s.cfg.StripeProfile != "" {
		config["network_business_profile"] = s.cfg.StripeProfile
	}
	return Capabilities{Payment: &PaymentCapability{Handlers: []PaymentHandler{{
		ID:                      HandlerID,
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
