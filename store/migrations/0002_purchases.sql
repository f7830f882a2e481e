-- The purchase journal and orders.
--
-- A purchase is one logical attempt to buy, keyed per customer by an idempotency key
-- (the caller's, or one we mint). Its state only moves forward:
--   open -> quoted -> approved -> token_issued -> completed
--                 \-> canceled      \-> failed      \-> failed
-- and every step is appended to purchase_events before the next outside call is made,
-- so recovery at startup knows exactly how far a purchase got.
-- Times are TEXT in store.timeLayout, like 0001's.
CREATE TABLE purchases (
    id               TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers(id),
    idem_key         TEXT NOT NULL,
    quote_id         TEXT UNIQUE,
    confirm_via      TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL,
    mode             TEXT NOT NULL,
    product_id       TEXT NOT NULL,
    seller_id        TEXT NOT NULL,
    seller_name      TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL DEFAULT '',
    brand            TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL DEFAULT '',
    quantity         INTEGER NOT NULL,
    unit_amount      INTEGER NOT NULL DEFAULT 0,
    subtotal         INTEGER NOT NULL DEFAULT 0,
    tax              INTEGER NOT NULL DEFAULT 0,
    shipping         INTEGER NOT NULL DEFAULT 0,
    total            INTEGER NOT NULL DEFAULT 0,
    currency         TEXT NOT NULL DEFAULT '',
    session_id       TEXT NOT NULL DEFAULT '',
    payment_method   TEXT NOT NULL DEFAULT '',
    card_brand       TEXT NOT NULL DEFAULT '',
    card_last4       TEXT NOT NULL DEFAULT '',
    token_id         TEXT NOT NULL DEFAULT '',
    token_expires_at TEXT NOT NULL DEFAULT '',
    seller_order_id  TEXT NOT NULL DEFAULT '',
    order_id         TEXT NOT NULL DEFAULT '',
    failure_code     TEXT NOT NULL DEFAULT '',
    failure_message  TEXT NOT NULL DEFAULT '',
    charged          INTEGER NOT NULL DEFAULT 0,
    expires_at       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (customer_id, idem_key)
);
CREATE INDEX purchases_unfinished ON purchases(state) WHERE state IN ('open', 'approved', 'token_issued');

CREATE TABLE purchase_events (
    purchase_id TEXT NOT NULL REFERENCES purchases(id),
    seq         INTEGER NOT NULL,
    step        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    PRIMARY KEY (purchase_id, seq)
) WITHOUT ROWID;

-- An order is what the customer sees: created when a purchase is approved (pending,
-- its total counts against the daily limit), then completed or failed.
CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers(id),
    purchase_id     TEXT NOT NULL UNIQUE REFERENCES purchases(id),
    status          TEXT NOT NULL,
    mode            TEXT NOT NULL,
    seller_id       TEXT NOT NULL,
    seller_name     TEXT NOT NULL DEFAULT '',
    session_id      TEXT NOT NULL DEFAULT '',
    seller_order_id TEXT NOT NULL DEFAULT '',
    product_id      TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    brand           TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL DEFAULT '',
    quantity        INTEGER NOT NULL,
    unit_amount     INTEGER NOT NULL,
    subtotal        INTEGER NOT NULL,
    tax             INTEGER NOT NULL,
    shipping        INTEGER NOT NULL,
    total           INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    card_brand      TEXT NOT NULL DEFAULT '',
    card_last4      TEXT NOT NULL DEFAULT '',
    failure_reason  TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id, created_at DESC, id DESC);
CREATE INDEX orders_spend ON orders(customer_id, currency, created_at) WHERE status IN ('pending', 'completed');
