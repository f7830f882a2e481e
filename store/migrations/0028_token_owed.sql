-- Recovery lists failed purchases that may still owe a token's revocation (a cancel or
-- recovery that failed one from approved and was killed, or could not reach Stripe,
-- before settling its token): only those whose token has not expired matter, so this
-- partial index keeps the look-up, run every minute by every server, from scanning
-- every failed purchase ever made.
CREATE INDEX purchases_token_owed ON purchases(token_expires_at) WHERE state = 'failed' AND token_id = '';
