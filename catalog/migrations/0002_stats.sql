-- Sales statistics for recommendations, kept up to date one sale at a time by
-- RecordSales (never recomputed from all orders), and the indexes that let
-- recommendations read the best products of a category or brand without sorting.
--
-- Products are referenced by rowid, which an upsert by id keeps; deleting a product
-- deletes its statistics.

-- One row per product that has sold: how many sales (order lines) and units.
CREATE TABLE product_sales (
    product      INTEGER PRIMARY KEY REFERENCES products (rowid) ON DELETE CASCADE,
    orders       INTEGER NOT NULL DEFAULT 0,
    units        INTEGER NOT NULL DEFAULT 0,
    last_sold_at TEXT NOT NULL
);

CREATE INDEX product_sales_orders ON product_sales (orders DESC);

-- Item-to-item co-purchases: n is how many times a customer bought b having bought a
-- before, or the other way round. Both directions are stored, so that the products
-- bought with a are one index range.
CREATE TABLE copurchases (
    a INTEGER NOT NULL REFERENCES products (rowid) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES products (rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

CREATE INDEX copurchases_top ON copurchases (a, n DESC);
CREATE INDEX copurchases_b ON copurchases (b);

-- Quality is the rating shrunk towards 4 by review count, the order search uses when
-- browsing: (rating * review_count + 40) / (review_count + 10). Queries must spell the
-- expression the same way for these indexes to serve them.
CREATE INDEX products_quality ON products (((rating * review_count + 40.0) / (review_count + 10)) DESC);
CREATE INDEX products_category_quality ON products (category_id, ((rating * review_count + 40.0) / (review_count + 10)) DESC);
CREATE INDEX products_brand_quality ON products (brand_key, ((rating * review_count + 40.0) / (review_count + 10)) DESC);
