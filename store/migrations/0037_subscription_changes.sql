-- A change of a subscription's choices (a new ring size, another name to engrave)
-- waiting for the person's confirmation: the choices asked for, checked against the
-- product, and the seller's total per cycle for them (the price may depend on them),
-- which becomes the agreed price once confirmed. quote_id is what the person confirms
-- with; it is single use (applied_at set when confirmed) and lapses at expires_at. The
-- subscription keeps its own choices until then, so its renewals send the old ones up
-- to the confirmation and the new ones from it on. The choices hold a personalisation
-- text: personal data, shown only to the customer, never logged.
CREATE TABLE subscription_changes (
    quote_id        TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    customer_id     TEXT NOT NULL,
    choices         TEXT NOT NULL DEFAULT '',
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    currency        TEXT NOT NULL,
    subtotal        INTEGER NOT NULL DEFAULT 0,
    shipping        INTEGER NOT NULL DEFAULT 0,
    tax             INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    applied_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX subscription_changes_subscription ON subscription_changes (subscription_id);
