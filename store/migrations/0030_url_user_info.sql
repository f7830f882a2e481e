-- The URLs a seller sends about an order (tracking link, order and support pages,
-- download link) are stored without user info (cleanURL, text.go): a password or a
-- token there would reach every tool result showing the order. A store written before
-- this may hold such URLs: each open rewrites the rows these partial indexes hold
-- (those with an "@" in one of the URLs) with the same function (stripStoredUserInfo,
-- userinfo.go). The indexes keep that look to the few rows with an "@" (none once
-- cleaned, but for an "@" in a path or query), without a row of state, which would
-- break the store tables' emptiness after their migrations that MoveOut relies on.
CREATE INDEX orders_url_at ON orders (id)
    WHERE instr(tracking_url, '@') > 0 OR instr(permalink_url, '@') > 0 OR instr(support_url, '@') > 0 OR instr(delivery_url, '@') > 0;
CREATE INDEX order_events_url_at ON order_events (order_id, seq) WHERE instr(tracking_url, '@') > 0;
