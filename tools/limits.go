package tools

import (
	"context"
	"fmt"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// rateLimit is the tool middleware that asks Limits, before anything else, whether the
// current customer may make this call now; a refused call gets an isError result that
// says so and when to retry, and its handler never runs. Without Limits every call
// runs. The customer is the call's (currentCustomer), or "" when it has none: all
// such calls share the limiter's "" customer, and the tools that need a customer then
// refuse them.
//
// A call that carries the person's answer to an input request of an earlier call
// (a confirmation dialog: requestState or inputResponses) continues that call, which
// was counted, and is not checked again: refusing it would drop the person's answer.
// Such a call can only finish what a sealed, single-use state allows.
func (t *Toolbox) rateLimit(next server.ToolHandlerFunc) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		if t.Limits == nil || req.Params.RequestState != "" || len(req.Params.InputResponses) > 0 {
			return next(ctx, req)
		}
		customer, _ := t.currentCustomer(ctx)
		tool := req.Params.Name
		bucket := tool
		if tool == "checkout" {
			bucket = "purchase" // the tools that buy share the purchase limit
		}
		ok, retry := t.Limits.Allow(customer, bucket)
		if ok {
			return next(ctx, req)
		}
		t.Log.InfoContext(ctx, "tool call over the rate limit", "tool", tool, "customer", customer, "retry_after", retry)
		return mcp.NewToolResultError(tooManyCallsText(tool, retry)), nil
	}
}

// tooManyCallsText says that a call to tool was refused for too many calls, that
// nothing was done, and when to retry (after retry, rounded up to a whole second).
func tooManyCallsText(tool string, retry time.Duration) string {
	return fmt.Sprintf("Too many calls: %s was refused because this customer has made too many calls in a short time. Nothing was done%s. Try again in %s.",
		tool, nothingCharged(tool), retryIn(retry))
}

// nothingCharged adds, for the tools that buy, that nothing was bought or charged.
func nothingCharged(tool string) string {
	if tool == "purchase" || tool == "checkout" {
		return ": nothing was bought and nothing was charged"
	}
	return ""
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
