-- Version 4: each spent refresh token names the token its refresh answered with, so a retry of a
-- refresh whose answer was lost (the same token again within the refresh grace) can tell whether that
-- successor is still unused, and replace it: a session never has two live refresh tokens.

-- The SHA-256 (hex) of the successor; null while unspent, for a revoked token, and for tokens spent
-- before this version (whose reuse is a theft signal, as it was).
ALTER TABLE wx_refresh_tokens ADD COLUMN replaced_by CHAR(64);
