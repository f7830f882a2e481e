-- A random id of this catalog, born with it and kept by copies and backups of its file.
-- The sales file beside it (shop-sales.db) records the id of the catalog its rows belong
-- to (sales.sales_identity): its rows name products by rowid, which mean other products
-- in another catalog, so Open empties a sales file whose id is not this one's (see
-- bindSales).
CREATE TABLE catalog_identity (id TEXT NOT NULL);
INSERT INTO catalog_identity (id) VALUES (lower(hex(randomblob(16))));
