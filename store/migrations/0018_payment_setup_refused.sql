-- A setup page can end a third way: refused. The person saved a card on the page, but
-- that card is on file for them already in another mode (a test or live card keeps the
-- mode it was put on file in: store.CardModeError), so it was not added. Until now such
-- a setup was marked expired, which every later look at it (add_payment_method with its
-- setup_id) reported as a page that lapsed before a card was saved: untrue, and the
-- reason was lost. The setup now keeps why: card_id and card_mode are the card on file
-- (our id and its mode), page_mode the mode of the server whose page saved it.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the
-- same rows (no table refers to payment_setups). Setups already marked expired stay
-- expired: nothing records which of them were refusals.
CREATE TABLE payment_setups_0018 (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    session_id        TEXT NOT NULL UNIQUE,
    url               TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'complete', 'expired', 'refused')),
    payment_method_id TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    completed_at      TEXT NOT NULL DEFAULT '',
    card_id           TEXT NOT NULL DEFAULT '',
    card_mode         TEXT NOT NULL DEFAULT '',
    page_mode         TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'complete') = (payment_method_id <> '')),
    CHECK ((status = 'refused') = (card_id <> '' AND card_mode <> '' AND page_mode <> ''))
);
INSERT INTO payment_setups_0018 (id, customer_id, session_id, url, status, payment_method_id, created_at, expires_at, completed_at)
    SELECT id, customer_id, session_id, url, status, payment_method_id, created_at, expires_at, completed_at FROM payment_setups;
DROP TABLE payment_setups;
ALTER TABLE payment_setups_0018 RENAME TO payment_setups;
CREATE INDEX payment_setups_open ON payment_setups (customer_id, created_at) WHERE status = 'open';
