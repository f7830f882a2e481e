-- A card being removed. Removing a card detaches it in Stripe, which cannot be undone,
-- and then takes it off file. removing_since is set, in the transaction that checks no
-- purchase is paying with the card (else the removal is refused and nothing changes),
-- before Stripe is called; from then on no purchase, seller order of a cart or renewal
-- is approved with it (the approvals refuse it as a removed card), so a card is never
-- detached in Stripe while a purchase approved with it is under way, nor left usable on
-- file once detached. The removal then takes the row off file; when Stripe could not be
-- reached it clears the mark (nothing removed), and a removal that a crash interrupted
-- is finished by recovery. NULL: the card is in use.
ALTER TABLE payment_methods ADD COLUMN removing_since TEXT;
