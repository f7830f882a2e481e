package tools

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// rateLimit is the tool middleware that asks Limits, before anything else, whether the
// current customer may make this call now; a refused call gets an isError result that
// says so and when to retry, and its handler never runs. Without Limits every call
// runs. The customer is the call's (currentCustomer), or "" when it has none: all
// such calls share the limiter's "" customer, and the tools that need a customer then
// refuse them.
//
// A call that carries the person's answer to an input request of an earlier call
// (a confirmation dialog) continues that call, which was counted, and is not checked
// again: refusing it would drop the person's answer. Only a genuine answer is let
// through, once: a call of a tool that runs dialogs (dialogTools) whose requestState
// the checkout service sealed for this customer, has not expired, and was not let
// through before by this process (answers). Any other call carrying requestState or
// inputResponses is counted like any call, a replayed answer included: it changes
// nothing (the state is single use), but unlimited it would let one customer run the
// handler's store writes, or a setup's Stripe calls, as fast as it can send.
func (t *Toolbox) rateLimit(next server.ToolHandlerFunc) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		if t.Limits == nil {
			return next(ctx, req)
		}
		customer, _ := t.currentCustomer(ctx)
		if t.firstDialogAnswer(customer, req) || t.firstQuoteConfirmation(ctx, customer, req) {
			return next(ctx, req)
		}
		tool := req.Params.Name
		bucket := limitBucket(tool)
		ok, retry := t.Limits.Allow(customer, bucket)
		if ok {
			return next(ctx, req)
		}
		t.Log.InfoContext(ctx, "tool call over the rate limit", "tool", tool, "customer", customer, "retry_after", retry)
		return mcp.NewToolResultError(tooManyCallsText(tool, bucket, retry)), nil
	}
}

// firstQuoteConfirmation reports whether req confirms by its quote_id a quote of the
// customer's that is waiting for the person's confirmation and has not lapsed (a
// purchase's, a checkout's or a subscription's: the same tool), not let through
// before by this process, and records that it now is. As with a dialog's answer, the
// call that made the quote was counted, and the confirmation continues it: counting it
// again refused a person's "yes" after two small purchases in a row (a new user's
// hosted shop, --purchase-rate's burst of 3). Any other quote_id, made up, another
// customer's, lapsed, settled or sent again, is counted like any call. It costs one
// look-up by quote id, only for a call carrying one.
func (t *Toolbox) firstQuoteConfirmation(ctx context.Context, customer string, req mcp.CallToolRequest) bool {
	quoteID, _ := req.GetArguments()["quote_id"].(string)
	if quoteID == "" || customer == "" || t.Store == nil || t.Checkout == nil {
		return false
	}
	var until time.Time
	switch req.Params.Name {
	case "purchase":
		p, err := t.Store.PurchaseByQuote(ctx, customer, quoteID)
		if err != nil || p.State != store.PurchaseQuoted {
			return false
		}
		until = p.ExpiresAt
	case "checkout":
		c, err := t.Store.CheckoutByQuote(ctx, customer, quoteID)
		if err != nil || c.State != store.CheckoutQuoted {
			return false
		}
		until = c.ExpiresAt
	case "subscribe":
		u, err := t.Store.SubscriptionByQuote(ctx, customer, quoteID)
		if err != nil || u.State != store.SubscriptionQuoted {
			return false
		}
		until = u.ExpiresAt
	default:
		return false
	}
	now := t.Checkout.Now()
	return now.Before(until) && t.answers.first("quote_id\x00"+customer+"\x00"+quoteID, until, now)
}

// dialogTools are the tools that ask the person through an input request (a
// confirmation dialog) and take the answer in a second call.
var dialogTools = map[string]bool{
	"purchase": true, "checkout": true, "cancel_order": true,
	"subscribe": true, "resume_subscription": true,
	"add_payment_method": true, "set_default_payment_method": true, "remove_payment_method": true,
}

// firstDialogAnswer reports whether req is a genuine answer to a dialog not let
// through before (DialogAnswer), and records that it now is.
func (t *Toolbox) firstDialogAnswer(customer string, req mcp.CallToolRequest) bool {
	until, ok := t.sealedAnswer(customer, req.Params.Name, req.Params.RequestState)
	return ok && t.answers.first(req.Params.RequestState, until, t.Checkout.Now())
}

// DialogAnswer reports whether a call of tool carrying requestState state is a
// genuine answer to a dialog of customer's, not let through before: tool runs
// dialogs, state is sealed for customer and not expired, and the rate limit has not
// let a call with it through yet. Hosting uses it so the request limit never refuses
// one; a replay is counted there too.
func (t *Toolbox) DialogAnswer(customer, tool, state string) bool {
	_, ok := t.sealedAnswer(customer, tool, state)
	return ok && !t.answers.seen(state, t.Checkout.Now())
}

// sealedAnswer reports whether a call of tool carrying state is a genuine answer to a
// dialog of customer's, and when its state expires.
func (t *Toolbox) sealedAnswer(customer, tool, state string) (time.Time, bool) {
	if !dialogTools[tool] || t.Checkout == nil || customer == "" || state == "" {
		return time.Time{}, false
	}
	return t.Checkout.SealedUntil(state, customer)
}

// answerLog remembers, until they expire, the dialog states the rate limit let
// through (by their SHA-256), so that each is let through once. Its size is bounded by
// the dialogs opened within a state's lifetime, which are counted calls; expired ones
// are dropped whenever it has doubled since the last drop. The zero value is ready.
type answerLog struct {
	mu    sync.Mutex
	until map[[sha256.Size]byte]time.Time
	sweep int // the size at which expired states are dropped next
}

// first records state, which expires at until, and reports whether it was not
// recorded before.
func (a *answerLog) first(state string, until, now time.Time) bool {
	key := sha256.Sum256([]byte(state))
	a.mu.Lock()
	defer a.mu.Unlock()
	if t, ok := a.until[key]; ok && now.Before(t) {
		return false
	}
	if a.until == nil {
		a.until = map[[sha256.Size]byte]time.Time{}
	}
	if len(a.until) >= a.sweep {
		for k, t := range a.until {
			if !now.Before(t) {
				delete(a.until, k)
			}
		}
		a.sweep = max(64, 2*len(a.until))
	}
	a.until[key] = until
	return true
}

// seen reports whether state was recorded and has not expired.
func (a *answerLog) seen(state string, now time.Time) bool {
	key := sha256.Sum256([]byte(state))
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.until[key]
	return ok && now.Before(t)
}

// purchaseBucket is the limit the tools that buy share (limitBucket).
const purchaseBucket = "purchase"

// limitBucket is the limit a call of tool counts against: the tools that buy share
// purchaseBucket, every other tool has its own.
func limitBucket(tool string) string {
	if tool == "checkout" {
		return purchaseBucket
	}
	return tool
}

// tooManyCallsText says that a call to tool, counted against bucket (limitBucket), was
// refused for too many calls, that nothing was done, and when to retry (after retry,
// rounded up to a whole second). The tools that buy share a limit of their own, much
// lower than other calls', so the words name it, and say that nothing was bought or
// charged: a person who made a few calls is not told they made too many.
func tooManyCallsText(tool, bucket string, retry time.Duration) string {
	what, done := "calls", ""
	if bucket == purchaseBucket {
		what, done = "purchase and checkout calls", ": nothing was bought and nothing was charged"
	}
	return fmt.Sprintf("Too many calls: %s was refused because this customer has made too many %s in a short time (refused ones count too). Nothing was done%s. Try again in %s.",
		tool, what, done, retryIn(retry))
}

// retryIn words a wait of d, rounded up: "1 second", "3 seconds", "2 minutes".
func retryIn(d time.Duration) string {
	secs := int64((d + time.Second - 1) / time.Second)
	switch {
	case secs <= 1:
		return "1 second"
	case secs < 120:
		return fmt.Sprintf("%d seconds", secs)
	}
	return fmt.Sprintf("%d minutes", (secs+59)/60)
}
