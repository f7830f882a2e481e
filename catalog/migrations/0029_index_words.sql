-- index_words: every term of the full-text index with how many products have it, as
-- products_vocab (fts5vocab, migration 0004) gives them. products_vocab counts them by
-- walking each term's list of products, so reading the most common words of one
-- initial letter (what spelling compares a misspelled word with, see spell.go) took
-- milliseconds at 10,000 products; this table answers it from an index.
--
-- One owner: catalog's Go code (words.go). An upsert counts the terms of the text it
-- adds and removes (countWords, called where the writer writes product text, the only
-- place the catalog writes indexed text); a bulk load, and the catalog's next open
-- when index_words_stale has a row, fill it from products_vocab (fillWords).
-- The catalog never deletes products; a product deleted with SQL marks the table
-- stale (the trigger below), so that searches read products_vocab until it is filled
-- again. checkDerived holds the table equal to products_vocab.
CREATE TABLE index_words (
    term TEXT PRIMARY KEY, -- as the index has it: lower case, diacritics folded, stemmed
    docs INTEGER NOT NULL  -- products whose text has it
) WITHOUT ROWID;

-- The most common terms of an initial letter first (see spell.go).
CREATE INDEX index_words_start ON index_words (substr(term, 1, 1), docs DESC, term);

CREATE TABLE index_words_stale (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO index_words_stale (id) VALUES (1);

CREATE TRIGGER products_delete_words AFTER DELETE ON products BEGIN
    INSERT OR IGNORE INTO index_words_stale (id) VALUES (1);
END;
