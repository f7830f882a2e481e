-- product_rank's head now passes over the product's own brand said after the thing in
-- its title ("Replacement Brake Pads Shimano L05A" of Shimano: head pad, not shimano),
-- see headPastBrand in catalog/rerank.go. The rows are derived again by the background
-- fill (fill.go), from the first product.
INSERT INTO product_rank_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products)
    ON CONFLICT (id) DO UPDATE SET filled_to = 0;
