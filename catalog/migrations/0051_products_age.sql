-- age is a product's attribute age_group lower-cased ('' without one: Google
-- Shopping's column, "adult", "kids", "toddler" …), written with the product by every
-- upsert: a kids' word of a query ("kids trainers", "girls dress") is read as the
-- age filter only in a catalog that marks age so (products_age answers that at once),
-- and the filter reads the column instead of each match's attributes. The products
-- stored before get theirs from the background fill of on_sale and gender (0050),
-- armed again here from the first product (catalog's fillFlagsBatch writes age too);
-- until it ends the age filter reads the attributes of the products past filled_to
-- (catalog's flagColumn).
ALTER TABLE products ADD COLUMN age TEXT NOT NULL DEFAULT '';
CREATE INDEX products_age ON products (age) WHERE age <> '';
INSERT INTO product_flags_pending (id, filled_to) SELECT 1, 0 WHERE EXISTS (SELECT 1 FROM products)
    ON CONFLICT (id) DO UPDATE SET filled_to = 0;
