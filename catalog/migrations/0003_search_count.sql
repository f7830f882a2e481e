-- The products a default search leaves out (hidden, or not in stock): a search counts
-- its matches as all full-text matches minus the excluded ones among them, which is
-- much cheaper than joining every match to products when a word is common.
CREATE INDEX products_excluded ON products (rowid) WHERE hidden OR NOT in_stock;
