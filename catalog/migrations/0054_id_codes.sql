-- A product's id is one of its codes when it is one (catalog's idCode: a code of five
-- characters or more, as a shop's SKU is: "FFC-CN-247"), so that a search for the SKU a
-- feed made the id (Etsy's SKU, Shopify's Variant SKU, WooCommerce's and BigCommerce's
-- SKU, an Amazon item_sku, a Merchant Center id) finds its product first, as its MPN
-- does. Products stored before get theirs when the catalog is next opened (the codes'
-- fill, in the background, as after 0052), and only in a catalog that has an id with a
-- digit, of five characters or more, among its first or last 50,000 products (a
-- superset of the ids that are codes; the fill decides each one): the look is bounded
-- so that a large catalog's first start does not wait on a scan of every product (a
-- feed's ids are alike across it, and the last import's products are the last rows);
-- a catalog with such ids only in between gets their codes when those products are
-- imported again.
INSERT OR IGNORE INTO product_codes_pending (id)
    SELECT 1 WHERE EXISTS (SELECT 1 FROM (SELECT id FROM products ORDER BY rowid LIMIT 50000)
            WHERE length(id) >= 5 AND id GLOB '*[0-9]*')
        OR EXISTS (SELECT 1 FROM (SELECT id FROM products ORDER BY rowid DESC LIMIT 50000)
            WHERE length(id) >= 5 AND id GLOB '*[0-9]*');
-- A fill of the codes left unfinished (filled_to past 0) starts again from the first
-- product, so that the products it had done get their id too.
UPDATE product_codes_pending SET filled_to = 0;
