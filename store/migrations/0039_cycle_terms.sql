-- The terms a renewal attempt is bought with, recorded with it when it starts (its
-- cycle claimed, reopened or retried), in the same transaction, from the subscription
-- as it is then: its choices (a ring size, a name to engrave: personal data, shown only
-- to the customer, never logged), its agreed price per cycle and currency. The
-- attempt's purchase is begun with them and approved only within them, whatever
-- happens to the subscription meanwhile: a change of its choices confirmed while the
-- attempt runs (change_subscription) is taken at once, for the attempts that start
-- after it, and never changes the running one. amount is NULL for a cycle started
-- before these were recorded: while such a cycle runs, no change is confirmed (the
-- rule before 0039).
ALTER TABLE subscription_cycles ADD COLUMN choices TEXT NOT NULL DEFAULT '';
ALTER TABLE subscription_cycles ADD COLUMN amount INTEGER CHECK (amount IS NULL OR amount >= 0);
ALTER TABLE subscription_cycles ADD COLUMN currency TEXT NOT NULL DEFAULT '';
