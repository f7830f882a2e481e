-- One row per product for everything a search reads of a match: product_keys (what
-- filters, orders and counts read; 0006, 0010) gains the columns of product_rank (what
-- reranking reads; 0012, 0014), and product_rank's table goes. A first search of a
-- word looked up each match twice (three times with bm25's document size), each a
-- descent to a leaf page of its own; now once. Both rows were written by the same
-- Go code beside each other (keysOf and rankRowOf, by Upsert, the bulk Load and the
-- rank's fill), so the one row keeps one owner.
--
-- product_rank stays as a name: a view of those columns, for the statements that read
-- reranking's facts alone (learned types, aliases, …). Nothing writes through it.
-- A product without a rank row (a catalog from before 0012 whose fill has not run)
-- gets empty facts, as rankRowOf gives a product without a title head.
--
-- The learned tables are sums over these columns (0014); their triggers move with
-- them, unchanged but for the table. The copy runs before they exist, so the sums
-- stay as they are.
DROP TRIGGER product_rank_learn_insert;
DROP TRIGGER product_rank_learn_delete;
DROP TRIGGER product_rank_learn_update;
DROP TRIGGER products_delete_rank;
DROP TRIGGER products_keys_delete;

CREATE TABLE product_keys_new (
    rowid         INTEGER PRIMARY KEY, -- products.rowid
    hidden        INTEGER NOT NULL,
    in_stock      INTEGER NOT NULL,
    category_id   INTEGER,             -- NULL when uncategorised
    brand_id      INTEGER NOT NULL,    -- brands.id; 0 when the product has no brand
    price_amount  INTEGER NOT NULL,
    price_exp     INTEGER NOT NULL,
    rating        REAL NOT NULL,
    review_count  INTEGER NOT NULL,
    head          TEXT NOT NULL DEFAULT '',  -- the title's head noun, by wordKey; '' for none
    category      TEXT NOT NULL DEFAULT '',  -- the last word of the category's last segment, by wordKey
    for_keys      TEXT NOT NULL DEFAULT '',  -- the word keys of the title after "for", …
    title_keys    TEXT NOT NULL DEFAULT '',  -- the coverKeys of the title's words past the brand, once each
    category_keys TEXT NOT NULL DEFAULT '[]' -- the word keys of the category path, a JSON array
);

INSERT INTO product_keys_new
SELECT k.rowid, k.hidden, k.in_stock, k.category_id, k.brand_id, k.price_amount, k.price_exp, k.rating, k.review_count,
    coalesce(r.head, ''), coalesce(r.category, ''), coalesce(r.for_keys, ''), coalesce(r.title_keys, ''),
    coalesce(r.category_keys, '[]')
FROM product_keys k LEFT JOIN product_rank r ON r.rowid = k.rowid ORDER BY k.rowid;

DROP TABLE product_keys;
DROP TABLE product_rank;
ALTER TABLE product_keys_new RENAME TO product_keys;

CREATE INDEX product_keys_quality ON product_keys (((rating * review_count + 40.0) / (review_count + 10)) DESC) WHERE hidden = 0;
CREATE INDEX product_keys_price ON product_keys (price_amount) WHERE hidden = 0;

CREATE VIEW product_rank AS
    SELECT rowid AS rowid, head, category, for_keys, title_keys, category_keys FROM product_keys;

CREATE TRIGGER products_keys_delete AFTER DELETE ON products BEGIN
    DELETE FROM product_keys WHERE rowid = old.rowid;
END;

CREATE TRIGGER product_keys_learn_insert AFTER INSERT ON product_keys WHEN new.head != '' BEGIN
    INSERT INTO learned_types (head, products) VALUES (new.head, 1)
        ON CONFLICT (head) DO UPDATE SET products = products + 1;
    INSERT INTO learned_type_words (word, head, products)
        SELECT j.value, new.head, 1 FROM json_each(new.category_keys) j WHERE true
        ON CONFLICT (word, head) DO UPDATE SET products = products + 1;
END;

CREATE TRIGGER product_keys_learn_delete AFTER DELETE ON product_keys WHEN old.head != '' BEGIN
    UPDATE learned_types SET products = products - 1 WHERE head = old.head;
    DELETE FROM learned_types WHERE head = old.head AND products <= 0;
    UPDATE learned_type_words SET products = products - 1
        WHERE head = old.head AND word IN (SELECT value FROM json_each(old.category_keys));
    DELETE FROM learned_type_words WHERE head = old.head AND products <= 0;
END;

CREATE TRIGGER product_keys_learn_update AFTER UPDATE OF head, category_keys ON product_keys
WHEN old.head IS NOT new.head OR old.category_keys IS NOT new.category_keys BEGIN
    UPDATE learned_types SET products = products - 1 WHERE head = old.head AND old.head != '';
    DELETE FROM learned_types WHERE head = old.head AND products <= 0;
    UPDATE learned_type_words SET products = products - 1
        WHERE head = old.head AND old.head != '' AND word IN (SELECT value FROM json_each(old.category_keys));
    DELETE FROM learned_type_words WHERE head = old.head AND products <= 0;
    INSERT INTO learned_types (head, products) SELECT new.head, 1 WHERE new.head != ''
        ON CONFLICT (head) DO UPDATE SET products = products + 1;
    INSERT INTO learned_type_words (word, head, products)
        SELECT j.value, new.head, 1 FROM json_each(new.category_keys) j WHERE new.head != ''
        ON CONFLICT (word, head) DO UPDATE SET products = products + 1;
END;
