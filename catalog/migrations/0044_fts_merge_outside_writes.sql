-- The full-text index's segments are merged out of write calls (catalog's ftsmerge.go):
-- FTS5 merges none of them inside a write (automerge 0) until a level has 64
-- segments (crisismerge), and the catalog's background goroutine runs FTS5's 'merge'
-- command in short steps of its own after writes. Before, a write that crossed FTS5's
-- thresholds merged inside itself, at a million products the import's whole big
-- segment: one upsert of ten in about 240 took 7-14 s. Both settings persist in the
-- index's config table (products_fts_config); a bulk load's rebuild sets its own while
-- it builds and puts these back.
INSERT INTO products_fts (products_fts, rank) VALUES ('automerge', 0);
INSERT INTO products_fts (products_fts, rank) VALUES ('crisismerge', 64);
