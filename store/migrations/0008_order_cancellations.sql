-- The person's requests to cancel an order, one per order.
--
-- id (ocx_…) is the confirmation id the person confirms and the idempotency key sent
-- to the seller, so that retries and racing calls make one request and one refund.
-- state moves quoted -> requested -> done | failed; a failed request (the seller could
-- not be reached) may be requested again with the same id, and a quote past
-- expires_at is replaced by a new one. outcome says how a done request ended:
-- canceled (before the seller completed: nothing was charged), refunded, or
-- unsupported (the seller does not take cancellation requests). confirm_via is how a
-- quoted request is to be confirmed (quote_id or elicitation, as purchases).
CREATE TABLE order_cancellations (
    order_id     TEXT PRIMARY KEY REFERENCES orders(id),
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    id           TEXT NOT NULL UNIQUE,
    state        TEXT NOT NULL,
    confirm_via  TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL DEFAULT '',
    failure_code TEXT NOT NULL DEFAULT '',
    refund_id    TEXT NOT NULL DEFAULT '',
    refunded     INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
