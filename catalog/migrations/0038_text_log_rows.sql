-- text_log_rows: for each row of text_log (migration 0037), the product whose text it
-- is and that text's title head (rankRowOf, as product_rank.head has it; '' for none),
-- and whether the write removed the text (0) or added it (1). A learned view that kept
-- a word's spread over types from before writes whose logged text has the word then
-- adds those products to the spread, or takes them away, instead of reading the word
-- again (see usedAt.patched): the products that have a word change only by the texts
-- written, and a product's head only with its text.
--
-- One owner: catalog/words.go (logText), which writes a row here with every row of
-- text_log, at the same rowid, and prunes both alike. A row of text_log without its row
-- here (written before this migration) makes a reader read the word again.
CREATE TABLE text_log_rows (
    rowid   INTEGER PRIMARY KEY, -- text_log.rowid
    product INTEGER NOT NULL,    -- products.rowid
    head    TEXT NOT NULL,
    added   INTEGER NOT NULL     -- 1: the text was added, 0: removed
);
