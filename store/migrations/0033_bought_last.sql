-- bought_last: each product of a customer's completed orders, once, with the newest
-- created_at of those orders: what the sales outbox's "also bought" list (BoughtBefore,
-- run in every purchase's completing transaction) reads, newest first, along
-- bought_last_newest, n rows for n products, however long the customer's history. Before
-- it, a customer whose newest 400 completed orders held fewer than 100 products (one
-- who buys a few products again and again) had the whole history grouped on every
-- purchase.
--
-- One owner: store/history.go (noteBought), which addPendingSales calls in the
-- transaction whose statement makes an order completed (complete, journal.go; the one
-- statement that does), after the order's also-bought list is read. An order never leaves completed and is never deleted or
-- moved to another customer or product, so a row only ever gains a newer time.
-- TestBoughtLastEqualsOrders holds it equal to its source, the orders table.
CREATE TABLE bought_last (
    customer_id TEXT NOT NULL,
    product_id  TEXT NOT NULL,
    last_at     TEXT NOT NULL, -- max(orders.created_at) of the customer's completed orders of the product
    PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;
CREATE INDEX bought_last_newest ON bought_last(customer_id, last_at DESC, product_id);
INSERT INTO bought_last (customer_id, product_id, last_at)
    SELECT customer_id, product_id, max(created_at) FROM orders WHERE status = 'completed'
    GROUP BY customer_id, product_id;
