-- What the catalog teaches about its own product types, learned as products are
-- written, for catalogs whose products carry no categories and words the vocabulary
-- does not know:
--   learned_types      how many products each title head noun heads (product_rank.head:
--                      "Dyson V11 Cordless Vacuum Cleaner" is a "cleaner");
--   learned_type_words how many products of each head carry each word of a category
--                      path ("floor", "care", "vacuum" for a cleaner filed under
--                      "Home Appliances > Floor Care > Vacuums").
-- product_rank gains category_keys, the word keys of the whole category path (a JSON
-- array, computed in Go by catalog's rankRowOf with the rest of the row). The two
-- tables are sums over product_rank, kept by the triggers below and by nothing else,
-- so Upsert and the bulk Load (which write product_rank) keep them alike.
ALTER TABLE product_rank ADD COLUMN category_keys TEXT NOT NULL DEFAULT '[]';

CREATE TABLE learned_types (
    head     TEXT PRIMARY KEY,
    products INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE learned_type_words (
    word     TEXT NOT NULL, -- a word key of a category path
    head     TEXT NOT NULL,
    products INTEGER NOT NULL,
    PRIMARY KEY (word, head)
) WITHOUT ROWID;

-- The heads stored so far; their category words come when fillRank rewrites each row
-- (it runs at the next open when products exist, below).
INSERT INTO learned_types (head, products)
    SELECT head, count(*) FROM product_rank WHERE head != '' GROUP BY head;

CREATE TRIGGER product_rank_learn_insert AFTER INSERT ON product_rank WHEN new.head != '' BEGIN
    INSERT INTO learned_types (head, products) VALUES (new.head, 1)
        ON CONFLICT (head) DO UPDATE SET products = products + 1;
    INSERT INTO learned_type_words (word, head, products)
        SELECT j.value, new.head, 1 FROM json_each(new.category_keys) j WHERE true
        ON CONFLICT (word, head) DO UPDATE SET products = products + 1;
END;

CREATE TRIGGER product_rank_learn_delete AFTER DELETE ON product_rank WHEN old.head != '' BEGIN
    UPDATE learned_types SET products = products - 1 WHERE head = old.head;
    DELETE FROM learned_types WHERE head = old.head AND products <= 0;
    UPDATE learned_type_words SET products = products - 1
        WHERE head = old.head AND word IN (SELECT value FROM json_each(old.category_keys));
    DELETE FROM learned_type_words WHERE head = old.head AND products <= 0;
END;

CREATE TRIGGER product_rank_learn_update AFTER UPDATE OF head, category_keys ON product_rank
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

INSERT OR IGNORE INTO product_rank_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
