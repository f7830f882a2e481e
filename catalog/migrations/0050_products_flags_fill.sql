-- products.on_sale and products.gender (migration 0049) of the products stored before
-- them are written in the background after the catalog opens, as the fills of 0039
-- and 0042 are (catalog's fill.go: batches in rowid order, filled_to how far one has
-- come, by Product.onSale and Product.genderAttr, the functions every upsert writes
-- them with). Until the row is gone, the on_sale and gender filters read the
-- attributes of the products past filled_to (catalog's flagColumn), so their
-- answers are whole meanwhile. (A catalog that applied 0049 when it still filled the
-- columns in the migration itself is filled again here, which changes nothing.)
CREATE TABLE product_flags_pending (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    filled_to INTEGER NOT NULL DEFAULT 0
);
INSERT INTO product_flags_pending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM products);
