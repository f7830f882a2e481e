package acp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Order cancellation is not part of ACP 2026-04-17: once a checkout session is
// completed, the protocol has no way for the agent to ask for the order to be canceled
// (the order RFC leaves order management out of scope). This package defines it as a
// named extension that a seller declares in its discovery document,
//
//	GET /.well-known/acp.json → {"capabilities": {"extensions": [{"name":
//	  "dev.commerce-mcp.order_cancellation", "version": "2026-12-01"}], …}, …}
//
// and serves as
//
//	POST {api_base_url}/orders/{order_id}/cancel   (Authorization, API-Version and
//	Idempotency-Key as for checkout POSTs; body {"reason_code": "buyer_request"})
//
// answering 200 with the Order as it is now: status "canceled" and, when the payment
// was refunded, an adjustment {type: "refund", status: "completed", amount, currency}.
// A retry with the same Idempotency-Key replays the first answer, so one request
// refunds once. An order that can no longer be canceled (delivered, say) is a 409
// Error with code "not_cancelable"; an unknown order a 404. Sellers that do not
// declare the extension are asked nothing: the person is sent to the seller instead.

// ExtensionOrderCancellation names the order cancellation extension.
const ExtensionOrderCancellation = "dev.commerce-mcp.order_cancellation"

// ExtensionOrderCancellationVersion is the version of the extension this package speaks.
const ExtensionOrderCancellationVersion = "2026-12-01"

// CodeNotCancelable is the error code of an order that can no longer be canceled.
const CodeNotCancelableOrder = "not_cancelable"

// Extension is one protocol extension a seller declares.
type Extension struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Spec    string `json:"spec,omitempty"`
}

// Discovery is the part of a seller's /.well-known/acp.json this package reads.
type Discovery struct {
	Protocol struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"protocol"`
	APIBaseURL   string `json:"api_base_url"`
	Capabilities struct {
		Services   []string    `json:"services"`
		Extensions []Extension `json:"extensions,omitempty"`
	} `json:"capabilities"`
}

// Declares reports whether the discovery document declares extension name.
func (d *Discovery) Declares(name string) bool {
	return slices.ContainsFunc(d.Capabilities.Extensions, func(e Extension) bool { return e.Name == name })
}

// CancelOrderRequest is the body of an order cancellation.
type CancelOrderRequest struct {
	ReasonCode string `json:"reason_code,omitempty"`
}

// Discover reads the seller's discovery document from /.well-known/acp.json at the
// origin of the Client's base URL.
func (c *Client) Discover(ctx context.Context) (*Discovery, error) {
	u, err := url.Parse(c.base)
	if err != nil || u.Host == "" {
		base, _ := text.WithoutUserInfo(c.base)
		return nil, fmt.Errorf("acp discover: base URL %q has no host", base)
	}
	u.Path, u.RawQuery, u.Fragment = "/.well-known/acp.json", "", ""
	return callURL(ctx, c, "discover", http.MethodGet, u.String(), nil, "", "", decodeJSON[Discovery])
}

// CancelOrder asks the seller to cancel its order orderID and refund it, through the
// order cancellation extension. Reuse idemKey when retrying the same request.
func (c *Client) CancelOrder(ctx context.Context, orderID string, r CancelOrderRequest, idemKey string) (*Order, error) {
	if orderID == "" {
		return nil, errors.New("acp cancel order: empty order id")
	}
	o, err := call(ctx, c, "cancel order", http.MethodPost, "/orders/"+url.PathEscape(orderID)+"/cancel", r, idemKey, "", decodeJSON[Order])
	if err == nil && o.ID == "" {
		return nil, &MalformedResponseError{Op: "cancel order", HTTPStatus: http.StatusOK, Reason: "order without id"}
	}
	return o, err
}

// decodeJSON decodes a 2xx JSON answer into a T.
func decodeJSON[T any](op string, resp *http.Response, raw []byte) (*T, error) {
	bad := func(reason string) error {
		return &MalformedResponseError{Op: op, HTTPStatus: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Reason: reason}
	}
	if !isJSON(resp.Header.Get("Content-Type")) {
		return nil, bad("Content-Type is not JSON")
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, bad(JSONProblem(err))
	}
	return &v, nil
}
