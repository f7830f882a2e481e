-- A product filed nowhere (no category: an Etsy listings export, a plain sheet) takes
-- the words of its tags as its category keys in product_rank (catalog's labelKeys), so
-- that the learned tables of 0014 read which types the shop labels with a word as they
-- read a category's ("rain gear" stands for jackets, trousers and ponchos). Products
-- stored before get theirs when the catalog is next opened (the rank's fill, in the
-- background; upsertRankSQL leaves an equal row alone, and the learned tables follow by
-- their triggers), and only in a catalog with such a product among its first or last
-- 50,000 products: the look is bounded so that a large catalog's first start does not
-- wait on a scan of every product (a feed's rows are alike across it, and the last
-- import's products are the last rows); a catalog with them only in between gets their
-- keys when those products are imported again.
INSERT OR IGNORE INTO product_rank_pending (id)
    SELECT 1 WHERE EXISTS (SELECT 1 FROM (SELECT category, tags FROM product_text ORDER BY rowid LIMIT 50000)
            WHERE category = '' AND tags NOT IN ('', '[]'))
        OR EXISTS (SELECT 1 FROM (SELECT category, tags FROM product_text ORDER BY rowid DESC LIMIT 50000)
            WHERE category = '' AND tags NOT IN ('', '[]'));
-- A fill of the rank left unfinished starts again from the first product, so that the
-- products it had done get their keys too.
UPDATE product_rank_pending SET filled_to = 0;
