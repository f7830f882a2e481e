-- age is a product's attribute age_group lower-cased ('' without one: Google
-- Shopping's column, "adult", "kids", "toddler" …), written with the product by every
-- upsert: a kids' word of a query ("kids trainers", "girls dress") is read as the
-- age filter only in a catalog that marks age so (products_age answers that at once),
-- and the filter reads the column instead of each match's attributes.
ALTER TABLE products ADD COLUMN age TEXT NOT NULL DEFAULT '';
UPDATE products SET
    age = coalesce((SELECT lower(trim(json_extract(t.attributes, '$.age_group'))) FROM product_text t WHERE t.rowid = products.rowid), '')
    WHERE rowid IN (SELECT rowid FROM product_text WHERE json_extract(attributes, '$.age_group') IS NOT NULL);
CREATE INDEX products_age ON products (age) WHERE age <> '';
