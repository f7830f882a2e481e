-- The indexed words and how many products have each: what spelling correction
-- compares an unknown query word with.
CREATE VIRTUAL TABLE products_vocab USING fts5vocab(products_fts, 'row');
