-- A purchase can end a fourth way: charged_no_order. Its seller has no completed order
-- for it (the seller lost the session, or answered with a decline or a problem), yet
-- Stripe shows its payment token charged once the token could no longer be used
-- (revoked or expired): the person paid and has no order. The purchase's state and its
-- order's status are both 'charged_no_order' (neither column has a CHECK to change);
-- failure_code and failure_params say what Stripe shows captured.
--
-- Such an order is money spent: it counts against the spending limits like a pending
-- or completed one, so the partial index the limits are summed over takes it in.
DROP INDEX orders_spend;
CREATE INDEX orders_spend ON orders(customer_id, currency, created_at) WHERE status IN ('pending', 'completed', 'charged_no_order');
