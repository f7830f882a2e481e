-- What the person chose for a buy-now purchase's product (a value of each of its
-- options, a personalisation text), as JSON ({"options":[{"name","value"}],
-- "personalization"}), '' for none. Recorded when the purchase begins and never
-- changed: the quote, its confirmation and the lines sent to the seller are for these.
-- Rows written before read as no choices. Order and purchase lines keep theirs in their
-- lines JSON (no column needed). The personalisation is personal data: shown only to
-- the customer, never logged.
ALTER TABLE purchases ADD COLUMN choices TEXT NOT NULL DEFAULT '';
