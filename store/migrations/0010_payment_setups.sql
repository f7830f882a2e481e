-- Payment setups: a person adding a payment method on a Stripe-hosted page (a Checkout
-- Session in setup mode), from the moment the page is made until the method is on
-- file. The card itself never reaches this database: completion records only the
-- payment method's id, and payment_methods its brand, last four and expiry.
--
-- id is ours ("pset_…", shown to the model as setup_id); session_id is Stripe's
-- (cs_…), unique, so the webhook finds the setup and a session completes one setup.
-- url is the page the person opens; it lets whoever holds it add a card to this
-- customer, so it is never logged. status moves open → complete or open → expired,
-- never back.
CREATE TABLE payment_setups (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    session_id        TEXT NOT NULL UNIQUE,
    url               TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'expired')),
    payment_method_id TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    completed_at      TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'complete') = (payment_method_id <> ''))
);

CREATE INDEX payment_setups_open ON payment_setups (customer_id, created_at) WHERE status = 'open';

