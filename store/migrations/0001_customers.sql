-- Customers, their payment methods on file, spending rules, preferences, and the
-- single-use nonces of purchase confirmations.
--
-- Times are TEXT in the fixed-width UTC layout of store.timeLayout
-- ("2006-01-02T15:04:05.000000000Z"), so that text order is time order.
-- Lists are JSON arrays of strings and maps JSON objects; the store validates them
-- before writing, so SQL never has to.

-- email is as given (trimmed); email_key is its lower-cased form, unique.
CREATE TABLE customers (
    id                 TEXT PRIMARY KEY,
    email              TEXT NOT NULL,
    email_key          TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL DEFAULT '',
    stripe_customer_id TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL
);

-- A payment method is keyed by customer and Stripe id: Stripe's test names such as
-- pm_card_visa may be on file for many customers at once. Never a card number: only
-- what Stripe shows about a card. At most one default per customer.
CREATE TABLE payment_methods (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    brand       TEXT NOT NULL DEFAULT '',
    last4       TEXT NOT NULL DEFAULT '' CHECK (last4 = '' OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
    exp_month   INTEGER NOT NULL DEFAULT 0 CHECK (exp_month BETWEEN 0 AND 12),
    exp_year    INTEGER NOT NULL DEFAULT 0 CHECK (exp_year >= 0),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (customer_id, id)
);

CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (customer_id) WHERE is_default = 1;

-- Amounts are minor units of currency; -1 (store.NoLimit) means no limit. A customer
-- without a row has store.DefaultRules.
CREATE TABLE spending_rules (
    customer_id        TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    currency           TEXT NOT NULL,
    per_order_max      INTEGER NOT NULL CHECK (per_order_max >= -1),
    daily_max          INTEGER NOT NULL CHECK (daily_max >= -1),
    confirm_above      INTEGER NOT NULL CHECK (confirm_above >= -1),
    allowed_sellers    TEXT NOT NULL DEFAULT '[]',
    allowed_categories TEXT NOT NULL DEFAULT '[]',
    updated_at         TEXT NOT NULL
);

-- price_min and price_max are major units, NULL when not stated.
CREATE TABLE preferences (
    customer_id         TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    favorite_categories TEXT NOT NULL DEFAULT '[]',
    favorite_brands     TEXT NOT NULL DEFAULT '[]',
    disliked_brands     TEXT NOT NULL DEFAULT '[]',
    sizes               TEXT NOT NULL DEFAULT '{}',
    price_min           REAL,
    price_max           REAL,
    notes               TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL
);

-- A row per nonce that has been used; rows past expires_at are pruned.
CREATE TABLE used_nonces (
    scope      TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (scope, nonce)
) WITHOUT ROWID;

CREATE INDEX used_nonces_expiry ON used_nonces (expires_at);
