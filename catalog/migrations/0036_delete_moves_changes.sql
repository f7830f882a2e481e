-- A product deleted with SQL (the catalog itself never deletes one; the README shows
-- how to by hand) changes what the full-text index holds, so it moves both change
-- counters, as an upsert of new text does: catalog_changes.indexed (migration 0035),
-- which the learned view follows (types, the words' spread over types, brands: see
-- learnedView in learned.go), and catalog_changes.text, which search pools and
-- spelling's words follow. Before, the trigger only marked index_words stale, so a
-- process kept the deleted products' learned types until a write of indexed text (a
-- later price-only upsert kept them), and its pools and spelling words until any write.
-- Once per deleted row: a counter is compared for equality only.
DROP TRIGGER products_delete_words;
CREATE TRIGGER products_delete_words AFTER DELETE ON products BEGIN
    INSERT OR IGNORE INTO index_words_stale (id) VALUES (1);
    UPDATE catalog_changes SET text = text + 1, indexed = indexed + 1 WHERE id = 1;
END;
