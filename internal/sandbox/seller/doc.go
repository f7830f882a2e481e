// Package seller is the reference ACP seller: a Seller (an http.Handler) serving the
// Agentic Commerce Protocol checkout API of package acp, version 2026-04-17, that
// prices sessions from an Inventory (CatalogInventory sells one seller's products of a
// commerce-mcp catalog) and charges Stripe Shared Payment Tokens through Payments
// (StripePayments, over stripe-go). The sandbox runs one per catalog seller in-process;
// cmd/demo-seller serves one over HTTP.
//
// # Line items and currency
//
// The Seller accepts the line-item shape acp's Client sends,
// [{"id": "<item id>", "quantity": N}], and also the spec-strict one, in which an item
// id repeated N times means N units; quantities of entries with the same id are summed,
// and the session has one line item per distinct id, in order of first appearance. A
// quantity that is present must be an integer from 1 to acp.MaxQuantity. Name and
// unit_amount in a request are ignored: prices always come from the Inventory. Currency
// codes are accepted in either case; every line of a session must be priced in the same
// currency, and the request's currency, when given, must match.
//
// # Errors on the wire
//
// When no valid session can be returned the Seller answers with ACP's flat Error
// {type, code, message, param}:
//
//	400 invalid_request     idempotency_key_required, missing_api_version,
//	                        unsupported_api_version (with supported_versions),
//	                        invalid_json, invalid (param names the field, e.g.
//	                        $.line_items[0].id for an item this seller does not sell)
//	401 invalid_request     unauthorized (missing or wrong bearer key)
//	404 invalid_request     not_found (no such session)
//	405 invalid_request     not_cancelable (cancel of a completed, canceled or expired
//	                        session)
//	409 invalid_request     idempotency_in_flight (with Retry-After), session_expired,
//	                        invalid_state (e.g. complete while not ready_for_payment)
//	413 invalid_request     request_too_large
//	415 invalid_request     unsupported_media_type
//	422 invalid_request     idempotency_conflict
//	500 processing_error    payment_failed (an unexpected payment failure),
//	                        inventory_error (the inventory could not be read)
//	503 service_unavailable payment_unavailable (Stripe unreachable, rate limited or
//	                        failing; with Retry-After), canceled (the caller left
//	                        while waiting for another complete of the session)
//
// After a 500 payment_failed or 503 payment_unavailable the charge may have gone
// through: the stock taken for it stays with the session with the charge, and GET
// shows the session complete_in_progress. Meanwhile an update, or a complete with
// another token, answers 503 payment_unavailable with Retry-After and changes or
// charges nothing. A complete with the same token, a cancel, or Tick settles the
// charge by sending it again as it was (its token, amount and Stripe idempotency key,
// without the token check), so that Stripe replays it if it was made: made, the
// session is completed with its order (a cancel is refused); surely not made, the
// stock is given back and the request goes on; still unknown, the complete or cancel
// answers 503 payment_unavailable with Retry-After and charges nothing. So a session
// is never paid twice. When the first send never reached Stripe, the repeat is its
// first execution: the payment the buyer sent, made late (the buyer stops it by
// revoking the token). A charge still unknown 23 hours after its first send is no
// longer repeated (Stripe may have forgotten its idempotency key) but looked up by its
// session (Payments.Find), with the same outcomes: the PaymentIntents created from an
// hour before its first send to an hour after its last send ended (ChargeTimeout), read
// only once that window has closed, so that a send Stripe executed after the seller
// gave up on it is in it. The seller's clock must agree with Stripe's within minutes
// (the hour covers skew plus a late execution; a larger skew can miss the payment). A
// look-up that did not finish (ChargeTimeout, Stripe failing, a payment processing)
// leaves the charge unknown and the next one, ten minutes later at the earliest, goes
// on after the last PaymentIntent read.
//
// Problems with a valid session are session messages on a 2xx response:
//
//   - Not enough stock: status not_ready_for_payment with an error message coded
//     out_of_stock (nothing left, or the item is not purchasable) or quantity_exceeded
//     (fewer units left than asked for), param $.line_items[i]. The check is repeated at
//     complete, before charging.
//   - Card declined (Stripe 402 card_error, or a PaymentIntent that needs
//     authentication): the session stays ready_for_payment, no order, and an error
//     message coded payment_declined with resolution requires_buyer_input. Completing
//     again with another token is allowed.
//   - Token unusable (the granted token is unknown, expired, revoked, consumed, in
//     another currency or below the total, or Stripe rejects the request as invalid):
//     the session stays ready_for_payment with an error message coded invalid, param
//     $.payment_data.instrument.credential.token, resolution recoverable: the agent
//     should issue a new token for the session total and complete again.
//
// Messages from an earlier complete are cleared when the next one starts.
//
// Tax is not collected (the tax total is 0) and the only fulfillment option is a free
// digital delivery, so total = subtotal = items_base_amount.
//
// # Idempotency
//
// Every POST needs an Idempotency-Key. The Seller scopes keys to (API key, path) and
// keeps them in memory for 24 hours, at most about Config.Keep of them (the newest):
// the same key with a semantically equal JSON body
// replays the first response (status and body, header Idempotent-Replayed: true); with
// a different body it is a 422; while the first request runs it is a 409. 5xx
// responses are not stored, so a retry after one is processed afresh.
//
// Completing a session charges at most once. Completes of one session run one at a
// time: one that arrives while another runs waits for it (GET shows
// complete_in_progress meanwhile), and a completed session answers every later
// complete with itself, whatever its key or token. The Stripe Idempotency-Key of a
// charge is derived from the session id, the token, the amount and the currency, so a
// charge sent again after a lost answer or a 5xx replays Stripe's first result instead
// of charging again, while a new token after a decline gets a new key; a new token
// after an unknown outcome waits for that outcome (above).
//
// # After the order
//
// Paid orders move along a clock-driven demo schedule (confirmed, shipped with
// tracking, delivered), each change sent as a signed ACP order event to Config.Webhook;
// POST /orders/{id}/cancel implements the order cancellation extension of package acp
// (a full refund through Payments.Refund, once). See orders.go.
//
// # What it remembers
//
// Sessions (until a day after they ended), paid orders and stored answers live in
// memory, at most about Config.Keep of each, the newest: an older one is forgotten as
// a restart forgets everything (404 not_found, the order no longer moves, its key runs
// afresh). A session whose charge is running or of unknown outcome, and an order
// being refunded, are never forgotten.
//
// # Secrets
//
// The Seller never logs keys or tokens, and StripePayments' errors carry Stripe's codes
// but not its messages.
package seller
