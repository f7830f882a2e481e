-- The URLs a seller sends about an order (tracking link, order and support pages,
-- download link) are stored without user info (cleanURL, text.go): a password or a
-- token there would reach every tool result showing the order. A store written before
-- this may hold such URLs; while url_user_info_pending has a row, the store's next
-- open rewrites them with the same function (stripStoredUserInfo, userinfo.go), in
-- one transaction that deletes the row.
CREATE TABLE url_user_info_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO url_user_info_pending (id) VALUES (1);
