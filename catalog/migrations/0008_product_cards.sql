-- A product's card: what a list of search results shows of it, except the description,
-- as one JSON array in product_text beside the description. A page of results then
-- reads two columns of one table per product instead of sixteen from three tables,
-- which was most of the time a search for a rare word spent outside the full-text
-- index. Triggers keep every card equal to product_cards_source; nothing else writes
-- it. The element order is catalog's cardFields. A product whose seller row is missing
-- (foreign keys were off when it was written) still gets a card, with no seller name.
CREATE VIEW product_cards_source (rowid, card) AS
SELECT p.rowid, json_array(p.id, p.seller_id, coalesce(s.name, ''), t.title, t.brand, t.category,
    p.price_amount, p.currency, p.stock, p.availability, p.rating, p.review_count, t.url, t.image_url)
FROM products p JOIN product_text t ON t.rowid = p.rowid LEFT JOIN sellers s ON s.id = p.seller_id;

ALTER TABLE product_text ADD COLUMN card TEXT NOT NULL DEFAULT '';

UPDATE product_text SET card = (SELECT card FROM product_cards_source c WHERE c.rowid = product_text.rowid);

-- products is written before product_text, so a new product gets its card here.
CREATE TRIGGER product_text_insert_card AFTER INSERT ON product_text BEGIN
    UPDATE product_text SET card = (SELECT card FROM product_cards_source WHERE rowid = new.rowid)
    WHERE rowid = new.rowid;
END;

-- Re-imports write every column; only a change rewrites the card.
CREATE TRIGGER product_text_update_card AFTER UPDATE OF title, brand, category, url, image_url ON product_text
WHEN old.title IS NOT new.title OR old.brand IS NOT new.brand OR old.category IS NOT new.category
    OR old.url IS NOT new.url OR old.image_url IS NOT new.image_url BEGIN
    UPDATE product_text SET card = (SELECT card FROM product_cards_source WHERE rowid = new.rowid)
    WHERE rowid = new.rowid;
END;

CREATE TRIGGER products_update_card
AFTER UPDATE OF id, seller_id, price_amount, currency, stock, availability, rating, review_count ON products
WHEN old.id IS NOT new.id OR old.seller_id IS NOT new.seller_id OR old.price_amount IS NOT new.price_amount
    OR old.currency IS NOT new.currency OR old.stock IS NOT new.stock OR old.availability IS NOT new.availability
    OR old.rating IS NOT new.rating OR old.review_count IS NOT new.review_count BEGIN
    UPDATE product_text SET card = (SELECT card FROM product_cards_source WHERE rowid = new.rowid)
    WHERE rowid = new.rowid;
END;

-- A seller added after products that name it (written with foreign keys off).
CREATE TRIGGER sellers_insert_card AFTER INSERT ON sellers BEGIN
    UPDATE product_text SET card = (SELECT card FROM product_cards_source c WHERE c.rowid = product_text.rowid)
    WHERE rowid IN (SELECT rowid FROM products WHERE seller_id = new.id);
END;

-- Imports write every seller they name; only a new name rewrites its products' cards.
CREATE TRIGGER sellers_update_card AFTER UPDATE OF name ON sellers WHEN old.name IS NOT new.name BEGIN
    UPDATE product_text SET card = (SELECT card FROM product_cards_source c WHERE c.rowid = product_text.rowid)
    WHERE rowid IN (SELECT rowid FROM products WHERE seller_id = new.id);
END;
