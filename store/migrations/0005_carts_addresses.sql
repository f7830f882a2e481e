-- Delivery addresses and carts.
--
-- An address is personal data: it is shown only to its customer and never logged. Rows
-- are never changed once written (a new address is a new row), so a purchase that names
-- an address_id names exactly what was sent to the seller. At most one default per
-- customer. country is ISO 3166-1 alpha-2, upper case.
CREATE TABLE addresses (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    line1       TEXT NOT NULL,
    line2       TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL,
    region      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (length(country) = 2),
    phone       TEXT NOT NULL DEFAULT '',
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id) WHERE is_default = 1;
CREATE INDEX addresses_customer ON addresses (customer_id, created_at);

-- One cart per customer. revision counts the changes to its lines: a checkout records
-- the revision it was made from, so that a second checkout call on an unchanged cart
-- joins it instead of buying again. checkout_id is the checkout that holds the cart
-- while it runs ('' when none).
CREATE TABLE carts (
    customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL DEFAULT 0,
    checkout_id TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);

-- A line is a product and how many; prices are not kept here (the seller's checkout
-- quotes them), only the seller, to group lines by seller without the catalog.
-- position orders the lines as they were added.
CREATE TABLE cart_lines (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL,
    seller_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_at    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (customer_id, product_id)
) WITHOUT ROWID;
