-- A failed or canceled purchase keeps why as a code and its parameters (JSON), which
-- the server words when it shows them; failure_message and orders.failure_reason hold
-- the words of rows recorded before, and stay empty in new rows.
ALTER TABLE purchases ADD COLUMN failure_params TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN failure_code TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN failure_params TEXT NOT NULL DEFAULT '';
