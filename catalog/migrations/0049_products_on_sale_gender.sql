-- on_sale is 1 for a product with a list price (the attribute list_price, which the
-- imports keep only above the price), and gender its attribute gender lower-cased
-- ('' without one), written with the product by every upsert: the on_sale filter
-- ("dresses on sale") and the gender filter ("womens trainers") read them in the
-- narrow products table instead of each match's attributes in product_text
-- (BenchmarkSearchSaleGender).
ALTER TABLE products ADD COLUMN on_sale INTEGER NOT NULL DEFAULT 0 CHECK (on_sale IN (0, 1));
ALTER TABLE products ADD COLUMN gender TEXT NOT NULL DEFAULT '';
UPDATE products SET
    on_sale = (SELECT json_extract(t.attributes, '$.list_price') IS NOT NULL FROM product_text t WHERE t.rowid = products.rowid),
    gender = coalesce((SELECT lower(trim(json_extract(t.attributes, '$.gender'))) FROM product_text t WHERE t.rowid = products.rowid), '')
    WHERE rowid IN (SELECT rowid FROM product_text WHERE json_extract(attributes, '$.list_price') IS NOT NULL
        OR json_extract(attributes, '$.gender') IS NOT NULL);
