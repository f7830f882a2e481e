-- Subscription products: a product with a billing interval bills its price every
-- billing_every intervals (day|week|month|year), after trial_days free days. One-time
-- products have billing_interval ''. Feeds set them with the billing_interval,
-- billing_interval_count and trial_days columns (catalog/feed).
ALTER TABLE products ADD COLUMN billing_interval TEXT NOT NULL DEFAULT ''
    CHECK (billing_interval IN ('', 'day', 'week', 'month', 'year'));
ALTER TABLE products ADD COLUMN billing_every INTEGER NOT NULL DEFAULT 0 CHECK (billing_every >= 0);
ALTER TABLE products ADD COLUMN trial_days INTEGER NOT NULL DEFAULT 0 CHECK (trial_days >= 0);

-- Cards gain a 14th element, the billing ('' for every product stored so far, all of
-- them one-time), appended as text so the rest of each card keeps its exact bytes.
UPDATE product_text SET card = substr(card, 1, length(card) - 1) || ',""]' WHERE card LIKE '[%]';
