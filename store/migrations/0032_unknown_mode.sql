-- A card or subscription whose mode nothing vouches for says so: mode 'unknown'.
--
-- Migrations 0014 (subscriptions) and 0016 (cards) gave what was stored before them
-- the mode something of its own vouched for and, failing that, 'sandbox': a safe
-- default (a sandbox card is never charged in test or live mode) but not a fact, and
-- afterwards nothing told "made in the sandbox" from "nothing vouched for it". This
-- migration re-derives it from what the store still holds and marks the second kind
-- 'unknown', a mode no server has: a card of unknown mode pays nowhere until it is
-- put on file again (which gives it the mode of whoever adds it), and no server renews
-- a subscription of unknown mode.
--
-- A card is of unknown mode when it is 'sandbox', was put on file before 0016 ran
-- (store_migrations.applied_at; CURRENT_TIMESTAMP, so compared as julian days) and no
-- completed sandbox purchase of its customer made before then paid with it (0016's
-- only evidence for the sandbox; a completed live setup gave 'live'). A subscription
-- is of unknown mode when it is 'sandbox', was made before 0014 ran and none of its own
-- renewal purchases (keys sub/<id>/…) made before then was a sandbox one. Purchases made
-- after those migrations prove nothing: a sandbox server made them because of the
-- default. A store whose 0014 or 0016 row is missing is left as it is.
--
-- SQLite cannot change a CHECK constraint in place, so the column is replaced by one
-- that allows 'unknown' (the column moves to the end of the table; every statement
-- names its columns).
ALTER TABLE payment_methods ADD COLUMN mode_new TEXT NOT NULL DEFAULT 'sandbox'
    CHECK (mode_new IN ('sandbox', 'test', 'live', 'unknown'));
UPDATE payment_methods SET mode_new = CASE
    WHEN mode = 'sandbox'
     AND julianday(created_at) < (SELECT julianday(applied_at) FROM store_migrations WHERE name GLOB '0016_*')
     AND NOT EXISTS (SELECT 1 FROM purchases p
          WHERE p.customer_id = payment_methods.customer_id
            AND p.payment_method = payment_methods.id
            AND p.state = 'completed' AND p.mode = 'sandbox'
            AND julianday(p.created_at) < (SELECT julianday(applied_at) FROM store_migrations WHERE name GLOB '0016_*'))
    THEN 'unknown' ELSE mode END;
ALTER TABLE payment_methods DROP COLUMN mode;
ALTER TABLE payment_methods RENAME COLUMN mode_new TO mode;

ALTER TABLE subscriptions ADD COLUMN mode_new TEXT NOT NULL DEFAULT 'sandbox'
    CHECK (mode_new IN ('sandbox', 'test', 'live', 'unknown'));
UPDATE subscriptions SET mode_new = CASE
    WHEN mode = 'sandbox'
     AND julianday(created_at) < (SELECT julianday(applied_at) FROM store_migrations WHERE name GLOB '0014_*')
     AND NOT EXISTS (SELECT 1 FROM purchases p
          WHERE p.customer_id = subscriptions.customer_id
            AND p.idem_key >= 'sub/' || subscriptions.id || '/' AND p.idem_key < 'sub/' || subscriptions.id || '0'
            AND p.mode = 'sandbox'
            AND julianday(p.created_at) < (SELECT julianday(applied_at) FROM store_migrations WHERE name GLOB '0014_*'))
    THEN 'unknown' ELSE mode END;
ALTER TABLE subscriptions DROP COLUMN mode;
ALTER TABLE subscriptions RENAME COLUMN mode_new TO mode;
