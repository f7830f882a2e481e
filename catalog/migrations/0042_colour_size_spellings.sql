-- Colour and size keys now meet the spellings feeds and shoppers write (catalog's
-- attrKey): a letter size is stored as its code ("X-Large", "Extra Large" and "XL" are
-- "size=xl"; "Medium" is "size=m"), a colour's words with one spelling ("Gray" is
-- "grey"), and each word of a colour of several words as a key too ("Navy Blue" also
-- "color=navy" and "color=blue"). Products stored before get theirs when the catalog is
-- next opened (fillCodes rewrites every product's codes once, as after 0039).
INSERT OR IGNORE INTO product_codes_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
