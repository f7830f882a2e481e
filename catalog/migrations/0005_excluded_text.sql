-- The text of the products a default search leaves out (hidden, or not in stock),
-- indexed on its own with the same tokenizer as products_fts. A search with the default
-- filters counts its matches as the full-text matches minus the matches in this small
-- index: two index lookups, where joining every match to products took several times
-- longer for a common word. Triggers keep it in step with products and product_text.
CREATE VIRTUAL TABLE products_fts_excluded USING fts5 (
    title, brand, category, tags, description,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO products_fts_excluded (rowid, title, brand, category, tags, description)
SELECT t.rowid, t.title, t.brand, t.category, t.tags, t.description
FROM product_text t JOIN products p ON p.rowid = t.rowid
WHERE p.hidden OR NOT p.in_stock;

-- New text of an excluded product (products is written before product_text).
CREATE TRIGGER product_text_insert_excluded AFTER INSERT ON product_text
WHEN (SELECT hidden OR NOT in_stock FROM products WHERE rowid = new.rowid) BEGIN
    INSERT INTO products_fts_excluded (rowid, title, brand, category, tags, description)
    VALUES (new.rowid, new.title, new.brand, new.category, new.tags, new.description);
END;

CREATE TRIGGER product_text_update_excluded AFTER UPDATE OF title, brand, category, tags, description ON product_text
WHEN (SELECT hidden OR NOT in_stock FROM products WHERE rowid = new.rowid) BEGIN
    DELETE FROM products_fts_excluded WHERE rowid = old.rowid;
    INSERT INTO products_fts_excluded (rowid, title, brand, category, tags, description)
    VALUES (new.rowid, new.title, new.brand, new.category, new.tags, new.description);
END;

CREATE TRIGGER product_text_delete_excluded AFTER DELETE ON product_text BEGIN
    DELETE FROM products_fts_excluded WHERE rowid = old.rowid;
END;

-- A product that stops being searchable by default joins the index; one that becomes
-- searchable again leaves it. in_stock is generated from availability and stock.
CREATE TRIGGER products_becomes_excluded AFTER UPDATE OF hidden, availability, stock ON products
WHEN NOT (old.hidden OR NOT old.in_stock) AND (new.hidden OR NOT new.in_stock) BEGIN
    INSERT INTO products_fts_excluded (rowid, title, brand, category, tags, description)
    SELECT rowid, title, brand, category, tags, description FROM product_text WHERE rowid = new.rowid;
END;

CREATE TRIGGER products_becomes_included AFTER UPDATE OF hidden, availability, stock ON products
WHEN (old.hidden OR NOT old.in_stock) AND NOT (new.hidden OR NOT new.in_stock) BEGIN
    DELETE FROM products_fts_excluded WHERE rowid = new.rowid;
END;

-- Superseded by products_fts_excluded.
DROP INDEX products_excluded;
