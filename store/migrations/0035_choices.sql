-- What the person chose for a buy-now purchase's product (a value of each of its
-- options, a personalisation text), as JSON ({"options":[{"name","value"}],
-- "personalization"}), '' for none. Recorded when the purchase begins and never
-- changed: the quote, its confirmation and the lines sent to the seller are for these.
-- Rows written before read as no choices. Order and purchase lines keep theirs in their
-- lines JSON (no column needed). The personalisation is personal data: shown only to
-- the customer, never logged.
ALTER TABLE purchases ADD COLUMN choices TEXT NOT NULL DEFAULT '';

-- A cart line is a product with the person's choices for it (the same JSON, '' for
-- none): the same product with other choices (a ring in size 7 and one in size 9) is
-- another line, the same choices add to one line. The table is rebuilt for its new key;
-- lines kept read as no choices.
CREATE TABLE cart_lines_new (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL,
    choices     TEXT NOT NULL DEFAULT '',
    seller_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_at    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (customer_id, product_id, choices)
) WITHOUT ROWID;
INSERT INTO cart_lines_new (customer_id, product_id, choices, seller_id, position, quantity, added_at, updated_at)
    SELECT customer_id, product_id, '', seller_id, position, quantity, added_at, updated_at FROM cart_lines;
DROP TABLE cart_lines;
ALTER TABLE cart_lines_new RENAME TO cart_lines;
