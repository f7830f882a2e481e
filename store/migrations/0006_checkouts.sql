-- Checkouts of carts, and what purchases and orders keep about lines and delivery.
--
-- A checkout buys a cart: one purchase (see 0002) per seller, each with its own
-- journal, token and order, so that recovery settles each seller order exactly once.
-- The checkout row holds what they share: the idempotency key, the one quote (and how
-- it is confirmed), the cart revision it was made from and the delivery choice. Its
-- state moves open -> quoted -> paying -> done, or to canceled (quote declined,
-- expired or superseded) or refused (nothing could be bought; failure_code says why).
CREATE TABLE checkouts (
    id                    TEXT PRIMARY KEY,
    customer_id           TEXT NOT NULL REFERENCES customers (id),
    idem_key              TEXT NOT NULL,
    quote_id              TEXT UNIQUE,
    confirm_via           TEXT NOT NULL DEFAULT '',
    state                 TEXT NOT NULL,
    mode                  TEXT NOT NULL,
    cart_revision         INTEGER NOT NULL,
    address_id            TEXT NOT NULL DEFAULT '',
    fulfillment_option_id TEXT NOT NULL DEFAULT '',
    total                 INTEGER NOT NULL DEFAULT 0,
    currency              TEXT NOT NULL DEFAULT '',
    failure_code          TEXT NOT NULL DEFAULT '',
    failure_params        TEXT NOT NULL DEFAULT '',
    expires_at            TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (customer_id, idem_key)
);
CREATE INDEX checkouts_unfinished ON checkouts (state) WHERE state IN ('open', 'paying');

-- lines is a JSON array of {product_id, title, quantity, unit_amount, amount} as the
-- seller quoted them (one element for a buy-now purchase made before, or the first
-- line's columns); fulfillment is a JSON object {id, type, title, amount, earliest,
-- latest, options[]} of the chosen delivery and what the seller offered.
ALTER TABLE purchases ADD COLUMN checkout_id TEXT NOT NULL DEFAULT '';
ALTER TABLE purchases ADD COLUMN lines TEXT NOT NULL DEFAULT '';
ALTER TABLE purchases ADD COLUMN address_id TEXT NOT NULL DEFAULT '';
ALTER TABLE purchases ADD COLUMN fulfillment TEXT NOT NULL DEFAULT '';
CREATE INDEX purchases_checkout ON purchases (checkout_id) WHERE checkout_id <> '';
ALTER TABLE orders ADD COLUMN lines TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN fulfillment TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN address_id TEXT NOT NULL DEFAULT '';
