-- image_origins: for each origin prefix of an https image URL (the URL up to the first
-- "/" after "https://", as the feed wrote it), how many visible products have their
-- image there. ImageOrigins reads it instead of every product's image URL (0.25-0.69 s
-- at 100,000 products), and checks each prefix in Go (ImageOrigin).
--
-- One owner: the triggers below, on product_text (image_url) and products (hidden),
-- which every write of a product goes through; a bulk load, which suspends
-- product_text's triggers, rebuilds the table once at Commit (rebuildImageOrigins,
-- the same GROUP BY as the backfill here). The catalog never deletes products; one
-- deleted with SQL is taken out of the counts before it goes.
-- TestImageOriginsTable holds the table equal to that GROUP BY over product_text.
CREATE TABLE image_origins (
    prefix TEXT PRIMARY KEY,
    n      INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO image_origins (prefix, n)
    SELECT (CASE WHEN instr(substr(t.image_url, 9), '/') > 0 THEN substr(t.image_url, 1, 8 + instr(substr(t.image_url, 9), '/') - 1) ELSE t.image_url END), count(*)
    FROM product_text t JOIN products p ON p.rowid = t.rowid
    WHERE t.image_url LIKE 'https://%' AND p.hidden = 0
    GROUP BY 1;

CREATE TRIGGER product_text_image_insert AFTER INSERT ON product_text
WHEN new.image_url LIKE 'https://%' AND EXISTS (SELECT 1 FROM products WHERE rowid = new.rowid AND hidden = 0)
BEGIN
    INSERT INTO image_origins (prefix, n) VALUES ((CASE WHEN instr(substr(new.image_url, 9), '/') > 0 THEN substr(new.image_url, 1, 8 + instr(substr(new.image_url, 9), '/') - 1) ELSE new.image_url END), 1)
        ON CONFLICT (prefix) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER product_text_image_update AFTER UPDATE OF image_url ON product_text
WHEN old.image_url IS NOT new.image_url AND EXISTS (SELECT 1 FROM products WHERE rowid = new.rowid AND hidden = 0)
BEGIN
    UPDATE image_origins SET n = n - 1 WHERE old.image_url LIKE 'https://%' AND prefix = (CASE WHEN instr(substr(old.image_url, 9), '/') > 0 THEN substr(old.image_url, 1, 8 + instr(substr(old.image_url, 9), '/') - 1) ELSE old.image_url END);
    DELETE FROM image_origins WHERE n <= 0 AND prefix = (CASE WHEN instr(substr(old.image_url, 9), '/') > 0 THEN substr(old.image_url, 1, 8 + instr(substr(old.image_url, 9), '/') - 1) ELSE old.image_url END);
    INSERT INTO image_origins (prefix, n) SELECT (CASE WHEN instr(substr(new.image_url, 9), '/') > 0 THEN substr(new.image_url, 1, 8 + instr(substr(new.image_url, 9), '/') - 1) ELSE new.image_url END), 1 WHERE new.image_url LIKE 'https://%'
        ON CONFLICT (prefix) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER products_image_hidden AFTER UPDATE OF hidden ON products
WHEN old.hidden = 0 AND new.hidden <> 0
BEGIN
    UPDATE image_origins SET n = n - 1
        WHERE prefix = (SELECT (CASE WHEN instr(substr(t.image_url, 9), '/') > 0 THEN substr(t.image_url, 1, 8 + instr(substr(t.image_url, 9), '/') - 1) ELSE t.image_url END) FROM product_text t WHERE t.rowid = new.rowid AND t.image_url LIKE 'https://%');
    DELETE FROM image_origins WHERE n <= 0;
END;

CREATE TRIGGER products_image_shown AFTER UPDATE OF hidden ON products
WHEN old.hidden <> 0 AND new.hidden = 0
BEGIN
    INSERT INTO image_origins (prefix, n)
        SELECT (CASE WHEN instr(substr(t.image_url, 9), '/') > 0 THEN substr(t.image_url, 1, 8 + instr(substr(t.image_url, 9), '/') - 1) ELSE t.image_url END), 1 FROM product_text t WHERE t.rowid = new.rowid AND t.image_url LIKE 'https://%'
        ON CONFLICT (prefix) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER products_image_delete BEFORE DELETE ON products
WHEN old.hidden = 0
BEGIN
    UPDATE image_origins SET n = n - 1
        WHERE prefix = (SELECT (CASE WHEN instr(substr(t.image_url, 9), '/') > 0 THEN substr(t.image_url, 1, 8 + instr(substr(t.image_url, 9), '/') - 1) ELSE t.image_url END) FROM product_text t WHERE t.rowid = old.rowid AND t.image_url LIKE 'https://%');
    DELETE FROM image_origins WHERE n <= 0;
END;
