-- Recovery asks the sellers again about recent charged_no_order purchases (a seller
-- that answered 404 for a moment may have the order after all): this partial index
-- keeps that look-up from scanning every purchase.
CREATE INDEX purchases_charged_no_order ON purchases(updated_at) WHERE state = 'charged_no_order';
