-- A URL written without a scheme ("user:pass@cdn.example/x.jpg", "TOKEN@cdn/x") was
-- stored with its user info until text.WithoutUserInfo learned to read such URLs, and a
-- catalog that had already run 0045's one-time rewrite kept them. Arming the same rewrite
-- again (url_user_info_pending, stripStoredUserInfo in userinfo.go) cleans them at the
-- catalog's next open; a catalog with none finds nothing to change.
INSERT OR IGNORE INTO url_user_info_pending (id) VALUES (1);
