-- What happens to an order after it is paid: the seller's status of it, tracking,
-- refunds, and the history of those changes.
--
-- seller_status is empty until the seller says something about a paid order, then one
-- of confirmed, processing, shipped, delivered, canceled, refunded (store.SellerStatus).
-- It only moves forward (store.UpdateOrder), so a late or replayed event cannot move a
-- delivered order back to shipped. refunded is the amount refunded so far, in minor
-- units of the order's currency. permalink_url and support_url are the seller's page
-- of the order and its support page, as the seller gave them (untrusted text).
ALTER TABLE orders ADD COLUMN seller_status   TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN carrier         TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN tracking_number TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN tracking_url    TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN refunded        INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0);
ALTER TABLE orders ADD COLUMN permalink_url   TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN support_url     TEXT NOT NULL DEFAULT '';

-- Order events name the seller's checkout session: this finds the order.
CREATE INDEX orders_seller_session ON orders(seller_id, session_id) WHERE session_id != '';

-- One row per change of an order's seller status, tracking or refunded amount, in
-- order; source says who reported it (seller: an order event; cancellation: the answer to this
-- server's cancellation request).
CREATE TABLE order_events (
    order_id        TEXT NOT NULL REFERENCES orders(id),
    seq             INTEGER NOT NULL,
    status          TEXT NOT NULL,
    carrier         TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT '',
    tracking_url    TEXT NOT NULL DEFAULT '',
    refunded        INTEGER NOT NULL DEFAULT 0,
    source          TEXT NOT NULL,
    at              TEXT NOT NULL,
    PRIMARY KEY (order_id, seq)
) WITHOUT ROWID;
