-- BoughtBefore reads a customer's completed orders newest first and stops when it has
-- the products it needs: this index holds everything it reads, in that order (ties by
-- product), so it neither sorts nor visits the table.
CREATE INDEX orders_bought ON orders(customer_id, status, created_at DESC, product_id, id);
