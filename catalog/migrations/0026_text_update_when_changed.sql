-- The full-text index follows an update of product_text only when the indexed text
-- changed: an upsert writes every product's text in one statement (see writer.text),
-- also for a product whose price alone changed, and re-indexing unchanged text would
-- write the product's terms again for nothing.
DROP TRIGGER product_text_update;
CREATE TRIGGER product_text_update AFTER UPDATE OF title, brand, category, tags, description ON product_text
WHEN (old.title, old.brand, old.category, old.tags, old.description)
    IS NOT (new.title, new.brand, new.category, new.tags, new.description) BEGIN
    INSERT INTO products_fts (products_fts, rowid, title, brand, category, tags, description)
    VALUES ('delete', old.rowid, old.title, old.brand, old.category, old.tags, old.description);
    INSERT INTO products_fts (rowid, title, brand, category, tags, description)
    VALUES (new.rowid, new.title, new.brand, new.category, new.tags, new.description);
END;
