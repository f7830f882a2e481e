-- The first matches by relevance of the full-text expressions of common words, so that
-- the first search of such a word in a process need not compute bm25 for every match
-- (see heads.go, which alone writes and reads both tables). search_heads holds, per
-- expression, its number of matches and the rowids of its best matches as a JSON
-- array, as they were when the heads were built; search_heads_changed the products
-- written since then, which a search ranks again beside the head.
CREATE TABLE search_heads (
    expr    TEXT PRIMARY KEY,
    matches INTEGER NOT NULL,
    rowids  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE search_heads_changed (rowid INTEGER PRIMARY KEY);
