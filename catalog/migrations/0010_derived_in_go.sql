-- Derived data is written by the catalog's Go code, not by triggers (see upsert.go):
-- a product's card and its row of product_keys come from one Go function that every
-- writer calls, the row-by-row upsert and the bulk load alike. The triggers that
-- derived them in SQL go, and so do the structures nothing needs any more: the change
-- counter an in-memory copy of product_keys followed (that copy is gone; searches
-- read product_keys in SQL), and the full-text index of excluded products (a search's
-- total is counted or estimated without it).
--
-- What stays in SQL: the full-text index over product_text (its triggers of 0001; a
-- bulk load drops and rebuilds it inside its transaction), and the cascades that
-- delete a product's text and keys with it.

DROP TRIGGER product_text_insert_excluded;
DROP TRIGGER product_text_update_excluded;
DROP TRIGGER product_text_delete_excluded;
DROP TRIGGER products_becomes_excluded;
DROP TRIGGER products_becomes_included;
DROP TABLE products_fts_excluded;

DROP TRIGGER products_keys_insert;
DROP TRIGGER products_keys_update;
DROP TRIGGER product_keys_insert_seq;
DROP TRIGGER product_keys_update_seq;
DROP INDEX product_keys_seq;
ALTER TABLE product_keys DROP COLUMN seq;
DROP TABLE product_keys_changes;

DROP TRIGGER product_text_insert_card;
DROP TRIGGER product_text_update_card;
DROP TRIGGER products_update_card;
DROP TRIGGER sellers_insert_card;
DROP TRIGGER sellers_update_card;
DROP VIEW product_cards_source;

-- Cards no longer hold the seller's name (a search reads it from sellers, so that a
-- renamed seller rewrites nothing): id, seller id, title, brand, category, price
-- amount, currency, stock, availability, rating, review count, url, image url, as
-- catalog's cardOf writes them. Existing cards are rewritten in that form once here.
UPDATE product_text SET card = (
    SELECT json_array(p.id, p.seller_id, product_text.title, product_text.brand, product_text.category,
        p.price_amount, p.currency, p.stock, p.availability, p.rating, p.review_count,
        product_text.url, product_text.image_url)
    FROM products p WHERE p.rowid = product_text.rowid);


-- A counter every write of product text moves (Upsert, a Load), once per transaction:
-- searches keep the best-ranked matches of common words in memory (see
-- search_pool.go) and use them only while the counter has not moved. Stock and
-- sales do not move it; they change no ranking.
CREATE TABLE catalog_changes (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    text INTEGER NOT NULL
);
INSERT INTO catalog_changes (id, text) VALUES (1, 0);

-- Browsing reads visible products in the order asked for from these, stopping at the
-- page it needs (see search_sql.go): best quality first (the rating shrunk towards 4
-- by review count, spelled as searches spell it), or cheapest first.
CREATE INDEX product_keys_quality ON product_keys (((rating * review_count + 40.0) / (review_count + 10)) DESC) WHERE hidden = 0;
CREATE INDEX product_keys_price ON product_keys (price_amount) WHERE hidden = 0;
