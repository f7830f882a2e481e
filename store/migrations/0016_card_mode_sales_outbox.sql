-- Cards record the mode they were put on file in.
--
-- mode is the mode (sandbox, test or live) of the server, or operator command, that
-- put the card on file: a Stripe PaymentMethod exists in one mode only (a sandbox or
-- test card is no card for live Stripe, a live card none for the sandbox), so purchases
-- and renewals pay only with a card of the server's own mode. Cards on file before this
-- migration take, in this order: the mode of the most recent completed purchase paid
-- with them (Stripe accepted the card in that mode); else 'live' if a completed payment
-- setup put it on file through a live Checkout Session (cs_live_…: Stripe gives test
-- sessions, and the emulator all of its, cs_test_… ids, which vouch for neither test nor
-- sandbox); else 'sandbox', the default mode, so that a card nothing vouches for is
-- never charged real money: in test or live mode it is added again (the same pm_… id
-- takes the mode of the server that adds it).
ALTER TABLE payment_methods ADD COLUMN mode TEXT NOT NULL DEFAULT 'sandbox' CHECK (mode IN ('sandbox', 'test', 'live'));
UPDATE payment_methods SET mode = COALESCE(
    (SELECT p.mode FROM purchases p
      WHERE p.customer_id = payment_methods.customer_id
        AND p.payment_method = payment_methods.id
        AND p.state = 'completed'
        AND p.mode IN ('sandbox', 'test', 'live')
      ORDER BY p.updated_at DESC, p.id DESC LIMIT 1),
    (SELECT 'live' FROM payment_setups s
      WHERE s.customer_id = payment_methods.customer_id
        AND s.payment_method_id = payment_methods.id
        AND s.status = 'complete'
        AND s.session_id GLOB 'cs_live_*'
      LIMIT 1),
    'sandbox');

-- The sales of completed orders waiting to be counted in the sales statistics (the
-- catalog's sales file, another database): written in the transaction that completes
-- the order, so a sale is never lost to a crash or to a sales file busy with a bulk
-- import. checkout's DrainSales records them there; the sales file keeps, per store,
-- the highest seq it has counted (in the transaction that counts them), so each is
-- counted once however often a drain is interrupted or repeated, and rows at or below
-- it are deleted here afterwards. AUTOINCREMENT: a seq is never reused, and since the
-- store's writes are serialized, rows commit in seq order. A store whose counter went
-- back below the sales file's mark (restored from a backup, copied) takes a new
-- store_identity id when it next drains, so its later sales are not taken as counted.
CREATE TABLE sales_outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    also_bought TEXT NOT NULL DEFAULT '[]', -- JSON array: the customer's earlier distinct products, most recent first
    sold_at     TEXT NOT NULL
);

-- The store's id (random, one row, made by the first StoreID): the sales file's marks
-- are per store, so a new store file beside an old sales file starts counting from its
-- first sale. Empty until then, so that a store moved out of the catalog's file
-- (MoveOut) carries the id it had, if any.
CREATE TABLE store_identity (id TEXT NOT NULL);
