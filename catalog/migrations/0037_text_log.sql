-- text_log: the indexed text that recent writes of product text removed and added, so
-- that a learned view (learned.go) can keep what it read of a word's spread over types
-- (learnedTypes.uses) across a write that did not touch the word: a word's spread
-- depends only on which products have it and on their title heads, which only those
-- products' indexed text decides, so the spread read before a write is the spread after
-- it when no text the write removed or added has the word. Whether one has it, FTS5
-- itself answers, tokenized as products_fts is (a query word is matched, not parsed in Go).
--
-- One owner: catalog/words.go (countWords, beside index_words). A write that moves
-- catalog_changes.indexed to v and logs its text writes its rows at rowids
-- v * 1024 + i, moves catalog_changes.logged with indexed, and deletes the rows of
-- writes older than textLogKeep; every other write of indexed text (a bulk load, a
-- fill of index_words, a product deleted with SQL, an upsert of too many products to
-- log) moves indexed alone, so a reader that sees indexed move by more than logged
-- reads every word again.
CREATE VIRTUAL TABLE text_log USING fts5 (
    title, brand, category, tags, description,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
ALTER TABLE catalog_changes ADD COLUMN logged INTEGER NOT NULL DEFAULT 0;
