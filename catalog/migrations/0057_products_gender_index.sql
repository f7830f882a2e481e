-- products_gender holds the products whose gender attribute is marked
-- (products.gender, migration 0049), so that a search with a gender phrase ("womens
-- ceramic") reads the products of the gender values it keeps or leaves out once per
-- text version (catalog's colSets, wordsets.go) instead of joining products to every
-- match it filters: at a million products those rows' pages crowded the read
-- connection's page cache out. Partial, as products_age (migration 0051) is: it holds
-- only the products marked, none in a catalog whose feed has no gender.
CREATE INDEX products_gender ON products (gender) WHERE gender <> '';
