-- index_words.changed: the text version (catalog_changes.text) of the write that last
-- changed a term's count, so that spelling can bring the words it keeps in memory up
-- to date after a write by reading the terms that write changed, instead of reading
-- every word of a letter again (see spellCandidates in spell.go).
--
-- A term no product has any more keeps its row, with docs 0, so that such a reader
-- learns that it left; a fill (fillWords) deletes those rows and stamps every row it
-- writes, which a reader takes for a reason to read everything again. Still one owner:
-- catalog/words.go. checkDerived compares the rows with docs > 0 to products_vocab.
ALTER TABLE index_words ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX index_words_changed ON index_words (changed);
