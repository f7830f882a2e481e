-- What reranking reads of each product (see catalog's rerank.go), so that a search
-- reads a narrow row per match instead of its title, category and brand from the wide
-- product_text: the head noun of its title, the last word of its category, the words
-- of its title after "for" (or "compatible with", …), and the loose keys of its
-- title's words past its brand. Every value is a word key or a space-separated list
-- of them, computed in Go (catalog's rankFactsOf, one product at a time) and written
-- by Upsert and the bulk Load beside the product; nothing else writes them. None of
-- them depends on the vocabulary, which searches apply. A deleted product's row goes
-- with it.
CREATE TABLE product_rank (
    rowid      INTEGER PRIMARY KEY, -- products.rowid
    head       TEXT NOT NULL,       -- the title's head noun, by wordKey; '' for none
    category   TEXT NOT NULL,       -- the last word of the category's last segment, by wordKey
    for_keys   TEXT NOT NULL,       -- the word keys of the title after "for", …
    title_keys TEXT NOT NULL        -- the coverKeys of the title's words past the brand, once each
);

CREATE TRIGGER products_delete_rank AFTER DELETE ON products BEGIN
    DELETE FROM product_rank WHERE rowid = old.rowid;
END;

-- Products stored before this migration get their row when the catalog is next
-- opened (catalog's fillRank), which then deletes this row.
CREATE TABLE product_rank_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO product_rank_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
