-- Every change to a row of product_keys takes the next value of a counter and keeps it
-- in the row (seq). A process holding product_keys in memory (catalog's keyMirror)
-- reads the counter before using its copy and then only the rows changed since.
CREATE TABLE product_keys_changes (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO product_keys_changes (id, seq) VALUES (1, 0);

ALTER TABLE product_keys ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX product_keys_seq ON product_keys (seq);

CREATE TRIGGER product_keys_insert_seq AFTER INSERT ON product_keys BEGIN
    UPDATE product_keys_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE product_keys SET seq = (SELECT seq FROM product_keys_changes WHERE id = 1) WHERE rowid = new.rowid;
END;

CREATE TRIGGER product_keys_update_seq
AFTER UPDATE OF hidden, in_stock, category_id, brand_id, price_amount, price_exp, rating, review_count ON product_keys BEGIN
    UPDATE product_keys_changes SET seq = seq + 1 WHERE id = 1;
    UPDATE product_keys SET seq = (SELECT seq FROM product_keys_changes WHERE id = 1) WHERE rowid = new.rowid;
END;
