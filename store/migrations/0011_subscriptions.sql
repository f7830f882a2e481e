-- Subscriptions and their renewal cycles, and the monthly spending limit.
--
-- A subscription is quoted (waiting for the person's confirmation), then active,
-- paused (by the person, or by the server for a price increase, a failed renewal or
-- a spending limit: pause_code and pause_params say which) or canceled; a quote that
-- was declined or lapsed is 'declined'. Cycle n is due at anchor plus n intervals
-- (checkout computes the dates); next_cycle is the first cycle not yet paid or
-- skipped and next_due_at when the server should act next (the due date, or the
-- retry time of a declined cycle). amount is the agreed total per cycle: a renewal
-- that costs more pauses instead of paying.
CREATE TABLE subscriptions (
    id            TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    state         TEXT NOT NULL CHECK (state IN ('quoted', 'active', 'paused', 'canceled', 'declined')),
    product_id    TEXT NOT NULL,
    seller_id     TEXT NOT NULL,
    seller_name   TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    interval      TEXT NOT NULL CHECK (interval IN ('day', 'week', 'month', 'year')),
    every         INTEGER NOT NULL CHECK (every > 0),
    trial_days    INTEGER NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    currency      TEXT NOT NULL,
    address_id    TEXT NOT NULL DEFAULT '',
    anchor        TEXT NOT NULL,
    next_cycle    INTEGER NOT NULL DEFAULT 0 CHECK (next_cycle >= 0),
    next_due_at   TEXT NOT NULL,
    open_cycle    INTEGER,                 -- the cycle being renewed or retried; NULL for none
    pause_code    TEXT NOT NULL DEFAULT '',
    pause_params  TEXT NOT NULL DEFAULT '{}',
    quote_id      TEXT UNIQUE,
    confirm_via   TEXT NOT NULL DEFAULT '',
    expires_at    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id, created_at DESC);
CREATE INDEX subscriptions_due ON subscriptions (next_due_at) WHERE state = 'active';

-- One row per cycle the server started: the claim that makes a cycle renew once,
-- whichever process (or restart) gets there. attempt counts declined tries; the
-- purchase of attempt a has the idempotency key sub/<id>/<cycle>/<a>, so every
-- process renewing that attempt joins the same purchase (and the same Stripe and
-- seller idempotency keys). A cycle is running, retry (waiting for retry_at), paid
-- (order_id) or failed (it paused the subscription; a resume tries it again).
CREATE TABLE subscription_cycles (
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    cycle           INTEGER NOT NULL CHECK (cycle >= 0),
    attempt         INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    state           TEXT NOT NULL CHECK (state IN ('running', 'retry', 'paid', 'failed')),
    due_at          TEXT NOT NULL,
    retry_at        TEXT NOT NULL DEFAULT '',
    order_id        TEXT NOT NULL DEFAULT '',
    failure_code    TEXT NOT NULL DEFAULT '',
    skipped         INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0), -- earlier cycles missed while down, not charged
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (subscription_id, cycle)
);

-- The monthly limit: the largest sum of orders over any rolling 30 days, renewals
-- included; -1 (no limit) for rules set before it existed.
ALTER TABLE spending_rules ADD COLUMN monthly_max INTEGER NOT NULL DEFAULT -1 CHECK (monthly_max >= -1);

-- What a seller delivered digitally when it completed an order (a download link, a
-- license or API key); '' for goods it ships.
ALTER TABLE orders ADD COLUMN delivery_url TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN license_key TEXT NOT NULL DEFAULT '';
