-- Product URLs and image URLs are stored without user info (Normalize, catalog.CleanURL):
-- "https://user:pass@cdn.example/x.jpg" is stored as "https://cdn.example/x.jpg", so that
-- no password or token of a feed reaches a tool result. A catalog written before this
-- may hold such URLs; while url_user_info_pending has a row, the catalog's next open
-- rewrites them (stripStoredUserInfo, userinfo.go) with the function Normalize uses,
-- and the cards of those products with cardOf, in one transaction that deletes the row.
-- image_origins follows product_text.image_url through its triggers (0028).
CREATE TABLE url_user_info_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO url_user_info_pending (id) VALUES (1);
