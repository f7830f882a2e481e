-- products.stock_version: moved by every write of a product's stock other than
-- TakeStock and ReturnStock (an import's update of the product). TakeStock returns it;
-- ReturnStock gives units back only while it is unchanged, so that a count a feed
-- sent after the take stands instead of growing by units taken from the count before.
ALTER TABLE products ADD COLUMN stock_version INTEGER NOT NULL DEFAULT 0;
