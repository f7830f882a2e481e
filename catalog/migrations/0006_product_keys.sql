-- Brands, numbered so that searches can count them as integers. key is the lower-cased
-- brand (products.brand_key); name is the first spelling imported. Rows are never
-- changed or deleted, so a process may keep them in memory.
CREATE TABLE brands (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- What a search reads of every match (filters, order, facets), as numbers in a table
-- far narrower than products: joining thousands of matches to it touches a fraction of
-- the pages. Triggers on products keep it in step; searches never write it.
CREATE TABLE product_keys (
    rowid        INTEGER PRIMARY KEY, -- products.rowid
    hidden       INTEGER NOT NULL,
    in_stock     INTEGER NOT NULL,
    category_id  INTEGER,             -- NULL when uncategorised
    brand_id     INTEGER NOT NULL,    -- brands.id; 0 when the product has no brand
    price_amount INTEGER NOT NULL,
    price_exp    INTEGER NOT NULL,
    rating       REAL NOT NULL,
    review_count INTEGER NOT NULL
);

INSERT INTO brands (key, name)
SELECT brand_key, min(brand) FROM products WHERE brand_key != '' GROUP BY brand_key;

INSERT INTO product_keys (rowid, hidden, in_stock, category_id, brand_id, price_amount, price_exp, rating, review_count)
SELECT p.rowid, p.hidden, p.in_stock, p.category_id, coalesce(b.id, 0), p.price_amount, p.price_exp, p.rating, p.review_count
FROM products p LEFT JOIN brands b ON b.key = p.brand_key AND p.brand_key != '';

CREATE TRIGGER products_keys_insert AFTER INSERT ON products BEGIN
    INSERT INTO brands (key, name) SELECT new.brand_key, new.brand WHERE new.brand_key != ''
    ON CONFLICT (key) DO NOTHING;
    INSERT INTO product_keys (rowid, hidden, in_stock, category_id, brand_id, price_amount, price_exp, rating, review_count)
    VALUES (new.rowid, new.hidden, new.in_stock, new.category_id,
        coalesce((SELECT id FROM brands WHERE key = new.brand_key AND new.brand_key != ''), 0),
        new.price_amount, new.price_exp, new.rating, new.review_count);
END;

CREATE TRIGGER products_keys_update AFTER UPDATE ON products BEGIN
    INSERT INTO brands (key, name) SELECT new.brand_key, new.brand WHERE new.brand_key != ''
    ON CONFLICT (key) DO NOTHING;
    UPDATE product_keys SET hidden = new.hidden, in_stock = new.in_stock, category_id = new.category_id,
        brand_id = coalesce((SELECT id FROM brands WHERE key = new.brand_key AND new.brand_key != ''), 0),
        price_amount = new.price_amount, price_exp = new.price_exp, rating = new.rating,
        review_count = new.review_count
    WHERE rowid = new.rowid;
END;

CREATE TRIGGER products_keys_delete AFTER DELETE ON products BEGIN
    DELETE FROM product_keys WHERE rowid = old.rowid;
END;
