-- The category filter also finds a product by a category path among its tags (a
-- shop's own taxonomy kept beside its category, as a Merchant Center feed's
-- g:product_type on another branch than its google_product_category): catalog's
-- shopPathKeys writes each run of such a path's segments with the product's codes
-- ("cat=lenses", "cat=lenses > sony e-mount lenses", "cat:sony e-mount lenses").
-- Products stored before get theirs when the catalog is next opened (the codes' fill,
-- in the background, as after 0042), and only in a catalog that has such a tag among
-- its first or last 50,000 products (tags are JSON as Go writes it, ">" as \u003e):
-- the look is bounded so that a large catalog's first start does not wait on a scan of
-- every product's text (a feed's tags are alike across it, and the last import's
-- products are the last rows); a catalog with such tags only in between gets its keys
-- when those products are imported again.
INSERT OR IGNORE INTO product_codes_pending (id)
    SELECT 1 WHERE EXISTS (SELECT 1 FROM (SELECT tags FROM product_text ORDER BY rowid LIMIT 50000)
            WHERE tags LIKE '%\u003e%' OR tags LIKE '%>%')
        OR EXISTS (SELECT 1 FROM (SELECT tags FROM product_text ORDER BY rowid DESC LIMIT 50000)
            WHERE tags LIKE '%\u003e%' OR tags LIKE '%>%');
