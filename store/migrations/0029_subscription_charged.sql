-- What the last paid cycle of a subscription charged (minor units of its currency),
-- kept apart from amount, the price the person agreed to: a renewal that the seller
-- quotes at or under amount is charged what it quotes, one above it pauses and asks.
-- 0 while no cycle was paid since amount was agreed (a new subscription, one made
-- before this version, one resumed at a new price): the next cycle is then expected
-- at amount.
ALTER TABLE subscriptions ADD COLUMN charged INTEGER NOT NULL DEFAULT 0;
