-- The codes a product can be found by exactly: its GTIN, its model and part numbers
-- (attributes) and the words of its title that mix letters and digits ("WH-1000XM4"),
-- each written by catalog's codeKey (lower-case letters and digits only, so that
-- "WH-1000XM4", "wh1000xm4" and "wh 1000 xm4" meet). They are computed in Go
-- (catalog's productCodes, one product at a time) and written by Upsert beside the
-- product; nothing else writes them. A deleted product's codes go with it.
CREATE TABLE product_codes (
    code  TEXT NOT NULL,
    rowid INTEGER NOT NULL, -- products.rowid
    PRIMARY KEY (code, rowid)
) WITHOUT ROWID;

CREATE INDEX product_codes_rowid ON product_codes (rowid);

CREATE TRIGGER products_delete_codes AFTER DELETE ON products BEGIN
    DELETE FROM product_codes WHERE rowid = old.rowid;
END;

-- Products stored before this migration get their codes when the catalog is next
-- opened (catalog's fillCodes), which then deletes this row.
CREATE TABLE product_codes_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO product_codes_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
