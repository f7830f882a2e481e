-- Variants (the other products of a product's family, which get_product adds for MCP
-- Apps views) finds a family by group_id within one brand and seller. Without an index
-- it walked every product of the brand (products_brand), 1,214 rows for the largest
-- brand-and-seller of the generated 100,000-product catalog; with this one it reads
-- the family's rows only. Partial: most products have no group_id (''), and Variants
-- never looks those up (its query says group_id <> '', which lets SQLite use it).
CREATE INDEX products_group ON products (group_id, seller_id, brand_key) WHERE group_id <> '';
