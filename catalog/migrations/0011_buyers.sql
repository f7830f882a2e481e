-- How many distinct customers bought each product: the popularity a co-purchase count
-- is normalised by (a pair's count is customers too, so n(a,b) / sqrt(buyers(a) ·
-- buyers(b)) is the cosine of the two products' sets of buyers). RecordSales adds one
-- for each sale that is not a repeat purchase, the same rule that adds its pairs.
-- Rows recorded before this column take their order count, which counts a repeat
-- buyer more than once: an upper bound, corrected as sales arrive only in that new
-- buyers are counted exactly.
ALTER TABLE product_sales ADD COLUMN buyers INTEGER NOT NULL DEFAULT 0;

UPDATE product_sales SET buyers = orders;
