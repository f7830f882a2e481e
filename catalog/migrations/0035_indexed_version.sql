-- catalog_changes.indexed: a counter that moves with every write that changes what the
-- full-text index holds of a product (its title, brand, category, tags or description,
-- a new product, a bulk load), and with nothing else. catalog_changes.text moves with
-- every upsert, a change of price or rating only included, because search pools rank
-- by those; the type vote, the learned types and the brands a search reads (see
-- learnedView in learned.go) depend on indexed text alone, so they are kept while this
-- counter stays. Moved by countWords and fillWords (catalog/words.go), which already
-- know which products' indexed text a write changes.
ALTER TABLE catalog_changes ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
