// Package acp speaks the Agentic Commerce Protocol (ACP) checkout API, version
// 2026-04-17: its wire types (sessions, messages, the flat protocol Error) and a Client
// with which an agent drives a seller's checkout sessions. The reference seller that
// serves this API is package internal/sandbox/seller.
//
// # Line-item quantity
//
// The 2026-04-17 create and update schemas list line items as bare Item objects
// ({id, name, unit_amount}) with no quantity (upstream issues #264 and #272). This
// package uses the shape #272 proposes: the Client always sends
// line_items: [{"id": "<item id>", "quantity": N}], with N defaulting to 1, and at
// most MaxQuantity.
//
// # Currency
//
// Currency codes on the wire are lower-case ISO 4217 ("usd"), as ACP recommends and
// Stripe uses (WireCurrency).
//
// # Secrets
//
// The Client's error strings never contain its API key or a payment token, even when a
// seller echoes them. Credential, Instrument and PaymentData redact the token when
// formatted with fmt; JSON carries it.
package acp
