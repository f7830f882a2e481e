package tools

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// invalidArguments begins the message of every result refusing a tool's arguments.
const invalidArguments = "Invalid arguments: "

// argRefusal reports whether r refuses a value of an argument (a quantity outside its
// range), which is worded like an argError.
func argRefusal(r *checkout.Refusal) bool {
	return r.Code == checkout.RefusalInvalid || (r.Code == checkout.RefusalCartQuantity && r.Params.Max > 0)
}

// argError is a problem with the arguments a model sent; its message is safe to return.
type argError struct{ msg string }

func (e *argError) Error() string { return e.msg }

// notFound is a miss the model can recover from; msg says how.
type notFound struct{ msg string }

func (e *notFound) Error() string { return e.msg }

// fail is the one place where errors become tool results. Anything the model or the
// person can act on comes back as an isError result with a short message saying what to
// do next; anything else is logged with its details and returned as a generic message,
// so SQL, stack traces and internal identifiers never reach the model. Invalid input is
// known by its type (catalog.ArgError, store.FieldError), never by its message: an
// error that only wraps catalog.ErrInvalid or store.ErrInvalid means a tool passed on
// input it should have checked, and is reported as internal.
func (t *Toolbox) fail(ctx context.Context, tool string, err error) *mcp.CallToolResult {
	var (
		ae  *argError
		nf  *notFound
		ref *checkout.Refusal
		bad *catalog.ArgError
		fe  *store.FieldError
		we  *checkout.WalletError
	)
	switch {
	case errors.As(err, &we):
		if we.Code == checkout.WalletUnavailable || we.Code == checkout.WalletMisconfigured || we.Code == checkout.WalletRejected {
			t.Log.WarnContext(ctx, "payment provider refused or failed", "tool", tool, "err", err)
		}
		return mcp.NewToolResultError(walletText(we) + t.walletIDHint(ctx, we))
	case errors.As(err, &ref):
		text := toolRefusalText(tool, ref)
		if id, hint := t.refusalIDHint(ctx, ref); hint != "" {
			text = withIDHint(text, id, hint)
		}
		if ref.Code == checkout.RefusalOutOfStock && ref.Params.Seller == "" {
			text += t.inStockVariants(ctx, ref.Params.ProductID)
		}
		if argRefusal(ref) {
			text = invalidArguments + text
		}
		return mcp.NewToolResultError(withSellerNote(text))
	case errors.Is(err, errNoCustomer):
		t.noCustomer(ctx, tool)
		return mcp.NewToolResultError(noCustomerText + ", so " + tool + " is not available and nothing was done. The operator of this server must set up a customer for it.")
	case errors.As(err, &ae):
		return mcp.NewToolResultError(invalidArguments + ae.msg)
	case errors.As(err, &nf):
		return mcp.NewToolResultError(nf.msg)
	case errors.As(err, &bad):
		return mcp.NewToolResultError(invalidArguments + argText(bad))
	case errors.As(err, &fe):
		return mcp.NewToolResultError(invalidArguments + fieldText(fe))
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		t.Log.WarnContext(ctx, "tool interrupted", "tool", tool, "err", err)
		if tool == "purchase" {
			return mcp.NewToolResultError("The purchase was interrupted before it finished. It will not be charged twice: call list_orders to see whether it went through before trying again, and retry with the same idempotency_key or quote_id if you have one.")
		}
		return mcp.NewToolResultError("The request was cancelled or took too long. Nothing was changed; try again, perhaps with a narrower query.")
	case sqlite.IsBusy(err):
		// Another process (an import, another server on the same files, an operator's
		// sqlite3) held the write lock past the busy timeout: a wait, not a bug.
		t.Log.WarnContext(ctx, "tool found the database busy", "tool", tool, "err", err)
		return mcp.NewToolResultError(busyText(tool))
	}
	t.Log.ErrorContext(ctx, "tool failed", "tool", tool, "err", err)
	return mcp.NewToolResultError("Internal error in " + tool + ". Nothing was changed; try again, and if it keeps failing the operator should check the server log.")
}

// busyText is the answer of tool when the database stayed locked by another process
// for longer than the busy timeout. A tool that pays cannot promise that nothing
// happened (the lock may have met it after the seller charged); its journal keeps it
// from charging twice, so it says how to find out and retry.
func busyText(tool string) string {
	const busy = "The shop's database is busy with another process (an import or another server writing to it), so "
	switch tool {
	case "purchase", "checkout", "subscribe", "resume_subscription":
		return busy + tool + " could not finish now. It will not be charged twice: wait a minute, call list_orders to see whether it went through, and retry with the same idempotency_key or quote_id if you have one."
	}
	return busy + tool + " could not finish. Nothing was changed; try again in a minute."
}

// toolRefusalText is the words of refusal ref as tool gives them: a cart tool's own,
// and a quote refusal reworded to be asked again with tool itself (askAgainWith).
func toolRefusalText(tool string, ref *checkout.Refusal) string {
	text := refusalText(ref)
	if tool == "add_to_cart" || tool == "update_cart" {
		text = cartRefusalText(ref)
	}
	if r := askAgainWith[tool]; r != nil {
		text = r.Replace(text)
	}
	return text
}

// askAgainWith rewords, for the tools other than purchase that confirm quotes, a
// refusal of a quote (unknown, expired, to be confirmed in the dialog, not verified,
// price changed; for subscribe, a declined dialog too, which was not about a purchase)
// that tells the model to ask again with purchase: a quote of the cart,
// of a subscription or of a resume at a new price is asked for again with its own tool
// (purchase refuses subscriptions, and does not buy the cart).
var askAgainWith = map[string]*strings.Replacer{
	"checkout": strings.NewReplacer(
		"Call purchase with the product_id", "Call checkout without quote_id",
		"call purchase again with the product_id", "call checkout again without quote_id",
		"call purchase with the product_id", "call checkout without quote_id"),
	"subscribe": strings.NewReplacer(
		"The person declined the purchase.", "The person declined the subscription.",
		"Call purchase with the product_id", "Call subscribe with the product_id",
		"call purchase again with the product_id", "call subscribe again with the product_id",
		"call purchase with the product_id", "call subscribe with the product_id"),
	"change_subscription": strings.NewReplacer(
		"The person declined the purchase.", "The person declined the change, so the subscription keeps its choices and price.",
		"Call purchase with the product_id to ask again.", "Call change_subscription with the subscription_id and the choices to ask again.",
		"call purchase again with the product_id to ask the person again", "call change_subscription again with the subscription_id and the choices to ask the person again",
		"Call purchase with the product_id to get a new quote.", "Call change_subscription with the subscription_id and the choices to get a new quote.",
		"Call purchase with the product_id to get a fresh quote.", "Call change_subscription with the subscription_id and the choices to get a fresh quote.",
		"cannot be paused or resumed", "cannot be changed",
		"now, so it can no longer be skipped. This call changed nothing; whether the renewal was charged, list_subscriptions shows.",
		"now with its current choices at its current price, so its choices cannot change until that renewal is done. This call changed nothing. Once list_subscriptions no longer shows that renewal being charged, call change_subscription again with the same subscription_id and quote_id (or ask for a new quote if it expired): the new choices then apply to the renewals after that one."),
	"resume_subscription": strings.NewReplacer(
		"Call purchase with the product_id", "Call resume_subscription without quote_id",
		"call purchase again with the product_id", "call resume_subscription again without quote_id",
		"call purchase with the product_id", "call resume_subscription without quote_id"),
}

// argText says what is wrong with an argument of a search or a recommendation and what
// to do about it.
func argText(e *catalog.ArgError) string {
	switch e.Problem {
	case catalog.ArgTooLong:
		return fmt.Sprintf("%s is %d characters long; at most %g are accepted, so shorten it to the words that matter", e.Arg, e.Got, e.Max)
	case catalog.ArgNotOneOf:
		return fmt.Sprintf("%s must be one of %s", e.Arg, strings.Join(e.OneOf, ", "))
	case catalog.ArgOutOfRange:
		return fmt.Sprintf("%s must be between %g and %g", e.Arg, e.Min, e.Max)
	case catalog.ArgNegative:
		return e.Arg + " must be a non-negative amount"
	case catalog.ArgAbove:
		return e.Arg + " is above " + e.Than
	case catalog.ArgForeign:
		return e.Arg + " is not one this server issued; search again without it"
	case catalog.ArgOtherSearch:
		return e.Arg + " belongs to a different search; pass the same query and filters, or search again without it"
	}
	return e.Arg + " cannot be accepted"
}

// fieldText says what is wrong with a field of a tool's arguments that the store refused.
func fieldText(e *store.FieldError) string {
	switch e.Problem {
	case store.FieldInBoth:
		return fmt.Sprintf("%s: %q is also in %s; remove it from one of them", e.Field, e.Value, e.Other)
	case store.FieldEmpty:
		switch {
		case e.Item > 0:
			return fmt.Sprintf("%s: item %d is empty", e.Field, e.Item)
		case e.Key != "":
			return fmt.Sprintf("%s: the size for %q is empty", e.Field, e.Key)
		}
		return e.Field + `: a key is empty; use a kind of item such as "shoes"`
	case store.FieldTooLong:
		switch {
		case e.Item > 0:
			return fmt.Sprintf("%s: item %d is longer than %.0f characters", e.Field, e.Item, e.Max)
		case e.Key != "":
			return fmt.Sprintf("%s: the size for %q is longer than %.0f characters", e.Field, e.Key, e.Max)
		}
		return fmt.Sprintf("%s are longer than %.0f characters", e.Field, e.Max)
	case store.FieldKeyTooLong:
		return fmt.Sprintf("%s: key %q is longer than %.0f characters", e.Field, e.Key, e.Max)
	case store.FieldTooMany:
		if e.Field == "sizes" {
			return fmt.Sprintf("%s: more than %.0f entries", e.Field, e.Max)
		}
		return fmt.Sprintf("%s: more than %.0f items", e.Field, e.Max)
	case store.FieldDuplicate:
		return fmt.Sprintf("%s: key %q is given twice (keys ignore case)", e.Field, e.Key)
	case store.FieldOutOfRange:
		if e.Key != "" {
			return fmt.Sprintf("%s: %s must be a number between %.0f and %.0f", e.Field, e.Key, e.Min, e.Max)
		}
		return fmt.Sprintf("%s must be between %.0f and %.0f", e.Field, e.Min, e.Max)
	case store.FieldAbove:
		return fmt.Sprintf("%s: min %g is above max %g", e.Field, e.Min, e.Max)
	case store.FieldNotOneOf:
		return fmt.Sprintf("%s must be one of %s", e.Field, strings.Join(e.OneOf, ", "))
	case store.FieldForeign:
		return e.Field + " is not one this server returned; start again without it"
	}
	return e.Field + " cannot be accepted"
}
