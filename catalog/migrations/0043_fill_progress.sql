-- The fills a migration leaves to do (product_codes_pending: 0009, 0039, 0042;
-- product_rank_pending: 0012, 0014) now run in the background after the catalog opens,
-- in short transactions of a batch of products each, in rowid order (catalog's
-- fill.go). filled_to is how far one has come: every product whose rowid is at most it
-- has been rewritten, so a fill cut short (kill -9, a closed catalog) goes on from there
-- at the next open, and two processes filling the same catalog share the work, each
-- batch taking the next products under the write lock. A later migration that asks for
-- a fill again sets it back to 0:
--   INSERT INTO product_codes_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products)
--       ON CONFLICT (id) DO UPDATE SET filled_to = 0;
ALTER TABLE product_codes_pending ADD COLUMN filled_to INTEGER NOT NULL DEFAULT 0;
ALTER TABLE product_rank_pending ADD COLUMN filled_to INTEGER NOT NULL DEFAULT 0;
