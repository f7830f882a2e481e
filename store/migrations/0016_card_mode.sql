-- Cards record the mode they were put on file in.
--
-- mode is the mode (sandbox, test or live) of the server, or operator command, that
-- put the card on file: a Stripe PaymentMethod exists in one mode only (a sandbox or
-- test card is no card for live Stripe, a live card none for the sandbox), so purchases
-- and renewals pay only with a card of the server's own mode. Cards on file before this
-- migration take, in this order: the mode of the most recent completed purchase paid
-- with them (Stripe accepted the card in that mode); else 'sandbox' for Stripe's test
-- payment method names (pm_card_…, which only the sandbox keeps as they are); else
-- 'sandbox', the default mode, so that a card nothing vouches for is never charged real
-- money: in test or live mode it is added again (the same pm_… id takes the mode of
-- the server that adds it).
ALTER TABLE payment_methods ADD COLUMN mode TEXT NOT NULL DEFAULT 'sandbox' CHECK (mode IN ('sandbox', 'test', 'live'));
UPDATE payment_methods SET mode = COALESCE(
    (SELECT p.mode FROM purchases p
      WHERE p.customer_id = payment_methods.customer_id
        AND p.payment_method = payment_methods.id
        AND p.state = 'completed'
        AND p.mode IN ('sandbox', 'test', 'live')
      ORDER BY p.updated_at DESC, p.id DESC LIMIT 1),
    'sandbox');
