-- products_category and products_brand index a column that products_category_quality
-- and products_brand_quality (migration 0002) already lead with: any lookup of a
-- category or brand reads those as well, so the two only cost every write (and a bulk
-- load's commit, which builds each index of products once) without serving a query.
DROP INDEX products_category;
DROP INDEX products_brand;
