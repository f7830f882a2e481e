-- on_sale is 1 for a product with a list price (the attribute list_price, which the
-- imports keep only above the price), and gender its attribute gender lower-cased
-- ('' without one), written with the product by every upsert: the on_sale filter
-- ("dresses on sale") and the gender filter ("womens trainers") read them in the
-- narrow products table instead of each match's attributes in product_text
-- (BenchmarkSearchSaleGender). Products stored before this migration get theirs in
-- the background (migration 0050, catalog's fillFlagsBatch); this one only adds the
-- columns, which costs nothing whatever the catalog's size: without a CHECK, which
-- would make SQLite check every stored row as the column is added (1.0 s of CPU,
-- 3.3 s, at a million products). Upserts write 0 or 1 (Product.onSale is a bool).
ALTER TABLE products ADD COLUMN on_sale INTEGER NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN gender TEXT NOT NULL DEFAULT '';
