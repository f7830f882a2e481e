-- Recovery ends the quotes left to lapse with nobody confirming them (a purchase
-- outside a cart, or a cart's checkout) and cancels their seller sessions: these
-- partial indexes keep that look-up from scanning every purchase and checkout. It
-- reads one mode's quotes (a server ends only its own mode's), so the mode leads:
-- another mode's lapsed quotes never fill this mode's batch.
CREATE INDEX purchases_quoted ON purchases(mode, expires_at) WHERE state = 'quoted' AND checkout_id = '';
CREATE INDEX checkouts_quoted ON checkouts(mode, expires_at) WHERE state = 'quoted';
