-- product_codes now also holds each product's colour and size values ("color=red",
-- "size=xl"; catalog's attrKeys, written by productCodes beside the codes, so one
-- owner still decides every row): products stored before this migration get theirs
-- when the catalog is next opened (catalog's fillCodes, which rewrites every
-- product's codes once, in one transaction, and then deletes this row).
INSERT OR IGNORE INTO product_codes_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
