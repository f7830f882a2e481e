-- What the person chose for a subscription's product (a value of each of its options,
-- a personalisation text), as purchases.choices holds them (migrations/0035: JSON,
-- '' for none). Recorded when the subscription is quoted and never changed: every
-- renewal's purchase is begun with them, so each cycle's order reaches the seller with
-- the size and the name the person confirmed. Rows written before read as no choices
-- (products asking for choices could not be subscribed to then). The personalisation
-- is personal data: shown only to the customer, never logged.
ALTER TABLE subscriptions ADD COLUMN choices TEXT NOT NULL DEFAULT '';
