-- What one cycle of a subscription charges, as the seller quoted it when the person
-- subscribed: the items (subtotal), delivery (shipping) and tax, whose sum is amount.
-- Subscriptions made before this version have 0s here: only their total is known.
-- A later price (a resumed subscription at the seller's new price) changes amount
-- only; the tools show the breakdown only while it adds up to amount.
ALTER TABLE subscriptions ADD COLUMN subtotal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN shipping INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN tax      INTEGER NOT NULL DEFAULT 0;
