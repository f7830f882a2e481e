-- Each sale waiting in the outbox carries a random token, and the sales file keeps the
-- token of every sale it has counted (catalog: sales.counted_sales), in the transaction
-- that counts it: a sale whose token is there is not counted again. Copies of one store
-- file share the tokens of the sales made before the copy and no other, so a store
-- restored from a backup, or copied and used beside the original, has each sale counted
-- once: the ones the copies share once in all, the ones each made since once each.
-- (Until now the sales file kept, per store id, the highest outbox number counted: a
-- copy selling above that mark had sales passed over, and a restored store counted some
-- twice.)
--
-- The rows already waiting have no token (NULL): the sales file may have counted some
-- of them under the old mark. The first drain of this version settles them once
-- (checkout's DrainSales; store.OldSales): the rows at or below the sales file's mark
-- for the store's id were counted and are forgotten, the others are given a token and
-- counted. sales_top is the outbox's highest number now: a store whose numbering had
-- gone back below the mark (restored) before this migration counts all of them, as the
-- version before did.
ALTER TABLE sales_outbox ADD COLUMN token INTEGER;
ALTER TABLE store_identity ADD COLUMN sales_top INTEGER NOT NULL DEFAULT 0;
-- A store that never drained has no id (the version before made it at the first drain):
-- the sales file holds no mark for it, so none of its waiting sales was counted, and
-- they take a token now, to be counted as any other.
UPDATE sales_outbox SET token = random() WHERE token IS NULL AND NOT EXISTS (SELECT 1 FROM store_identity);
UPDATE store_identity SET sales_top = coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sales_outbox'), 0);

-- A completed purchase counts its own order's sales at once (checkout's afterSale).
CREATE INDEX sales_outbox_order ON sales_outbox (order_id);
