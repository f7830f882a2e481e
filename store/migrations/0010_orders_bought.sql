-- BoughtBefore walks a customer's completed orders by product: the distinct products
-- and each one's newest order, found by seeks in this index instead of a read of the
-- whole history.
CREATE INDEX orders_bought ON orders(customer_id, status, product_id, created_at, id);
