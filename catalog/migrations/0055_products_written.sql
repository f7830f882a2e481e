-- products_written: which products each upsert wrote, by the text version it moved
-- catalog_changes.text to, with what the write changed of each that orders a search
-- pool (changed: bits of writtenPrice, writtenRating, writtenReviews, writtenNew) and
-- whether the product was on sale before the write (sale_before; NULL for a new one).
-- A pool kept in memory for one text version (catalog/search_pool.go, salepool.go) is
-- carried to a later one when no indexed text changed in between
-- (catalog_changes.indexed did not move) and the products written changed nothing its
-- order reads; the pool of a word's matches on sale takes or drops the products put on
-- sale or taken off it. One owner: catalog/written.go. An upsert of at most
-- maxWrittenLogged products writes a row per product; every other move of the version
-- (a bulk load, a larger upsert, a product deleted with SQL, a fill of index_words,
-- the user-info rewrite of 0045) writes none, so a reader that finds a version between
-- its own and the current one with no row builds its pool again. Rows of versions
-- older than the last writtenKeep are deleted by the upserts that follow.
CREATE TABLE products_written (
    version     INTEGER NOT NULL,
    product     INTEGER NOT NULL,
    changed     INTEGER NOT NULL,
    sale_before INTEGER,
    PRIMARY KEY (version, product)
) WITHOUT ROWID;
