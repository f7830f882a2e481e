-- Sellers, categories, products and the full-text index over products.
--
-- A product is split in two rows with the same rowid: products holds the narrow facts
-- that filters, sorting and facets read for every match, product_text the long text.
-- Keeping products narrow makes the per-match join of a search cheap.
CREATE TABLE sellers (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    acp_base_url      TEXT NOT NULL DEFAULT '',
    stripe_profile_id TEXT NOT NULL DEFAULT ''
);

-- key is the lower-cased path; it is what category filters match.
CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    key  TEXT NOT NULL UNIQUE
);

CREATE TABLE products (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    group_id     TEXT NOT NULL DEFAULT '',
    seller_id    TEXT NOT NULL REFERENCES sellers (id),
    brand        TEXT NOT NULL DEFAULT '',
    brand_key    TEXT NOT NULL DEFAULT '',
    category_id  INTEGER REFERENCES categories (id),
    price_amount INTEGER NOT NULL CHECK (price_amount >= 0),
    price_exp    INTEGER NOT NULL DEFAULT 2,
    currency     TEXT NOT NULL,
    stock        INTEGER CHECK (stock IS NULL OR stock >= 0),
    availability TEXT NOT NULL,
    in_stock     INTEGER GENERATED ALWAYS AS (availability = 'in_stock' AND (stock IS NULL OR stock > 0)) VIRTUAL,
    rating       REAL NOT NULL DEFAULT 0,
    review_count INTEGER NOT NULL DEFAULT 0,
    hidden       INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

CREATE INDEX products_category ON products (category_id);
CREATE INDEX products_brand ON products (brand_key);
CREATE INDEX products_seller ON products (seller_id);
CREATE INDEX products_price ON products (price_amount);

-- brand and category are copied here from products/categories so that the full-text
-- index can read every indexed column from one table.
CREATE TABLE product_text (
    rowid       INTEGER PRIMARY KEY REFERENCES products (rowid),
    title       TEXT NOT NULL,
    brand       TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    attributes  TEXT NOT NULL DEFAULT '{}',
    url         TEXT NOT NULL DEFAULT '',
    image_url   TEXT NOT NULL DEFAULT '',
    gtin        TEXT NOT NULL DEFAULT ''
);

-- External-content index over product_text; triggers keep it in step.
-- bm25 weights: title 10, brand 8, category 4, tags 3, description 1.
CREATE VIRTUAL TABLE products_fts USING fts5 (
    title, brand, category, tags, description,
    content = 'product_text', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO products_fts (products_fts, rank) VALUES ('rank', 'bm25(10.0, 8.0, 4.0, 3.0, 1.0)');

CREATE TRIGGER product_text_insert AFTER INSERT ON product_text BEGIN
    INSERT INTO products_fts (rowid, title, brand, category, tags, description)
    VALUES (new.rowid, new.title, new.brand, new.category, new.tags, new.description);
END;

CREATE TRIGGER product_text_delete AFTER DELETE ON product_text BEGIN
    INSERT INTO products_fts (products_fts, rowid, title, brand, category, tags, description)
    VALUES ('delete', old.rowid, old.title, old.brand, old.category, old.tags, old.description);
END;

CREATE TRIGGER product_text_update AFTER UPDATE OF title, brand, category, tags, description ON product_text BEGIN
    INSERT INTO products_fts (products_fts, rowid, title, brand, category, tags, description)
    VALUES ('delete', old.rowid, old.title, old.brand, old.category, old.tags, old.description);
    INSERT INTO products_fts (rowid, title, brand, category, tags, description)
    VALUES (new.rowid, new.title, new.brand, new.category, new.tags, new.description);
END;

-- A product's text goes with it.
CREATE TRIGGER products_delete BEFORE DELETE ON products BEGIN
    DELETE FROM product_text WHERE rowid = old.rowid;
END;
