-- The operator's spending rules for customers who have none of their own
-- (`limits set --default`): one row, or none for the built-in defaults (USD, $500.00 an
-- order, $1,000.00 a day, confirmation above $50.00). A shop priced in pounds sets them
-- in GBP once instead of for each customer.
CREATE TABLE default_spending_rules (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    currency           TEXT NOT NULL,
    per_order_max      INTEGER NOT NULL CHECK (per_order_max >= -1),
    daily_max          INTEGER NOT NULL CHECK (daily_max >= -1),
    monthly_max        INTEGER NOT NULL CHECK (monthly_max >= -1),
    confirm_above      INTEGER NOT NULL CHECK (confirm_above >= -1),
    allowed_sellers    TEXT NOT NULL DEFAULT '[]',
    allowed_categories TEXT NOT NULL DEFAULT '[]',
    updated_at         TEXT NOT NULL
);
