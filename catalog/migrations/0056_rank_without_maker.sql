-- product_rank's head and for_keys now leave out the maker a title names at its end
-- ("Ember Bug Net Hammock by Switchback": head hammock, not switchback; "Tree Straps
-- for Ember by Switchback": for_keys ember), see withoutMaker in catalog/rerank.go.
-- The rows are derived again by the background fill (fill.go), from the first product.
INSERT INTO product_rank_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products)
    ON CONFLICT (id) DO UPDATE SET filled_to = 0;
