-- Subscriptions record the mode they were made in, and cards get an id of ours.
--
-- mode is the mode (sandbox, test or live) of the server that confirmed the
-- subscription; a server renews only the subscriptions of its own mode, so one made
-- against the sandbox or Stripe's test mode is never charged by a live server (nor the
-- other way round). Subscriptions made before this migration take, in this order: the
-- mode of their own first renewal purchase (keys sub/<id>/…; cycle 0 is charged when
-- the subscription is confirmed, unless it has a trial or a later start); else 'sandbox',
-- the default mode, so that a subscription nothing of its own vouches for is never charged
-- real money without the person subscribing again (another purchase of the customer's is
-- not taken as its mode: it may have been made in another mode).
ALTER TABLE subscriptions ADD COLUMN mode TEXT NOT NULL DEFAULT 'sandbox' CHECK (mode IN ('sandbox', 'test', 'live'));
UPDATE subscriptions SET mode = COALESCE(
    (SELECT p.mode FROM purchases p
      WHERE p.customer_id = subscriptions.customer_id
        AND p.idem_key >= 'sub/' || subscriptions.id || '/' AND p.idem_key < 'sub/' || subscriptions.id || '0'
        AND p.mode IN ('sandbox', 'test', 'live')
      ORDER BY p.created_at, p.id LIMIT 1),
    'sandbox');

-- card_id is the card's id in tool results and arguments ("card_…", random): Stripe's
-- PaymentMethod id (id, "pm_…") stays on the server. Cards on file before this
-- migration get one here.
ALTER TABLE payment_methods ADD COLUMN card_id TEXT NOT NULL DEFAULT '';
UPDATE payment_methods SET card_id = 'card_' || lower(hex(randomblob(8))) WHERE card_id = '';
CREATE UNIQUE INDEX payment_methods_card_id ON payment_methods (card_id);
