-- Bearer tokens of hosted mode: each lets one customer's agent call the server.
--
-- The secret itself is never stored, only its SHA-256 (32 bytes), which is unique so
-- that authentication is one read of the index on hash. name is the operator's label
-- and need not be unique. last_used_at, expires_at and revoked_at are NULL for never,
-- no expiry and not revoked; times are TEXT in store.timeLayout, like 0001's.
CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    expires_at   TEXT,
    revoked_at   TEXT
);

CREATE INDEX tokens_customer ON tokens (customer_id, created_at DESC, id DESC);
CREATE INDEX tokens_name ON tokens (name) WHERE name <> '';
