-- A size written as a waist and a length ("W32 L30") now also has its waist alone as
-- a key ("size=w32", catalog's attrKeys), so that "levis 501 32 waist" finds every
-- length of that waist. Products stored before get theirs when the catalog is next
-- opened (fillCodes rewrites every product's codes once, as after 0042).
INSERT OR IGNORE INTO product_codes_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
