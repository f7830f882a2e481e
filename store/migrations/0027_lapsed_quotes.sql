-- Recovery ends the quotes left to lapse with nobody confirming them (a purchase
-- outside a cart, or a cart's checkout) and cancels their seller sessions: these
-- partial indexes keep that look-up from scanning every purchase and checkout.
CREATE INDEX purchases_quoted ON purchases(expires_at) WHERE state = 'quoted' AND checkout_id = '';
CREATE INDEX checkouts_quoted ON checkouts(expires_at) WHERE state = 'quoted';
